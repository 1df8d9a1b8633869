//! CSV and record import: every row accepted or rejected with its line and field; rows in = accepted + rejected.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use super::Registry;
use super::csv::{KIM_COLUMNS, MEMBER_COLUMNS, read_csv_rows};
use super::kim::{MemberProblem, Sk};
use super::options::ImportOptions;
use super::places::review_item;
use super::report::ImportReport;
use super::rows::{Cell, Row, parse_kim_row, parse_member_row};
use crate::error::{Result, RowError};
use crate::wilayah::Reference;

impl Registry {
    // ---- CSV and record import -----------------------------------------------------------------------------------

    /// Imports KIMs (and optionally members) from CSV.
    ///
    /// KIM columns (header names, any order; only `id`, `name` and a seat are required):
    /// `id, name, type, seat, desa, kecamatan, kab_kota, sk_number, sk_date, sk_issuer, registration_number,
    /// registration_date, registration_kab_kota, formation_kind, formation_reference, formation_date, media,
    /// sectors, statutes, status, status_date`. `media` and `sectors` are `;`-separated. When `seat` is empty, the
    /// free-text `desa`/`kecamatan`/`kab_kota` names are matched against `reference`; unmatched or ambiguous names
    /// reject the row with the candidates listed.
    ///
    /// Member columns: `kim_id, id, name, nik, sex, birth_date, role, occupation, term_start, term_end,
    /// clean_record, residence`.
    ///
    /// Dates are `YYYY-MM-DD` or `DD/MM/YYYY` (also `DD-MM-YYYY`). Every rejected row is in the report with its line
    /// and field; rows in = accepted + rejected.
    ///
    /// ```
    /// use kim_core::{registry::Registry, wilayah::Reference};
    /// let kims = "id,name,desa,kecamatan,kab_kota,status,status_date\n\
    ///             K1,KIM Perian,Perian,Muara Muntai,Kukar,active,2024-01-01\n\
    ///             K2,KIM X,Atlantis,Muara Muntai,Kukar,active,2024-01-01\n";
    /// let (reg, report) = Registry::import_csv(kims.as_bytes(), None::<&[u8]>, Some(Reference::embedded()))?;
    /// assert_eq!(reg.get("K1").unwrap().seat.to_string(), "64.02.01.2001");
    /// assert_eq!((report.kims.rows_in, report.kims.accepted, report.kims.rejected), (2, 1, 1));
    /// assert_eq!(report.kims.errors[0].line, 3);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn import_csv<R: Read, M: Read>(
        kims: R,
        members: Option<M>,
        reference: Option<&Reference>,
    ) -> Result<(Registry, ImportReport)> {
        Self::import_csv_with(kims, members, reference, &ImportOptions::default())
    }

    /// [`Registry::import_csv`] with [`ImportOptions`].
    pub fn import_csv_with<R: Read, M: Read>(
        kims: R,
        members: Option<M>,
        reference: Option<&Reference>,
        options: &ImportOptions,
    ) -> Result<(Registry, ImportReport)> {
        let kim_rows = read_csv_rows(kims, &KIM_COLUMNS, options)?;
        let member_rows = members
            .map(|m| read_csv_rows(m, &MEMBER_COLUMNS, options))
            .transpose()?
            .unwrap_or_default();
        Ok(Self::import_rows(
            &kim_rows,
            &member_rows,
            reference,
            options,
        ))
    }

    /// Imports from records (field → text maps), as the Python binding's `from_records` passes them. `line` of each
    /// record is its 1-based position. Same columns and rules as [`Registry::import_csv`].
    pub fn import_records(
        kims: &[HashMap<String, String>],
        members: &[HashMap<String, String>],
        reference: Option<&Reference>,
    ) -> (Registry, ImportReport) {
        Self::import_records_with(kims, members, reference, &ImportOptions::default())
    }

    /// [`Registry::import_records`] with [`ImportOptions`].
    pub fn import_records_with(
        kims: &[HashMap<String, String>],
        members: &[HashMap<String, String>],
        reference: Option<&Reference>,
        options: &ImportOptions,
    ) -> (Registry, ImportReport) {
        let conv = |rows: &[HashMap<String, String>]| -> Vec<Row> {
            rows.iter()
                .enumerate()
                .map(|(i, r)| Row {
                    line: i as u64 + 1,
                    fields: r
                        .iter()
                        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                        .collect(),
                    numbers: HashMap::new(),
                    broken: Vec::new(),
                })
                .collect()
        };
        Self::import_rows(&conv(kims), &conv(members), reference, options)
    }

    /// Imports from records whose cells keep the type they had (a pandas frame's numbers stay numbers), as the
    /// Python binding's `from_records` and `from_pandas` pass them. Same columns and rules as
    /// [`Registry::import_records`], and:
    ///
    /// - a blank is absent, like an empty text: [`Cell::Blank`], and a float NaN;
    /// - a number in a text column is its decimal text (a whole float up to 2^53 without `.0`);
    /// - a NIK that arrived as a number is read by [`Nik::from_i64`] / [`Nik::from_f64`] (a float only when it is
    ///   exact), and any error on it says that it arrived as a number and how to read the column as text.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use kim_core::registry::{Cell, Registry};
    /// let kim = HashMap::from([
    ///     ("id".to_owned(), Cell::Text("K1".into())),
    ///     ("name".to_owned(), Cell::Text("KIM Perian".into())),
    ///     ("seat".to_owned(), Cell::Text("64.02.01.2001".into())),
    ///     ("status".to_owned(), Cell::Text("active".into())),
    ///     ("status_date".to_owned(), Cell::Blank),
    /// ]);
    /// let (reg, report) = Registry::import_cells(&[kim], &[], None);
    /// assert_eq!((reg.len(), report.kims.errors[0].field.as_str()), (0, "status_date"));
    /// ```
    pub fn import_cells(
        kims: &[HashMap<String, Cell>],
        members: &[HashMap<String, Cell>],
        reference: Option<&Reference>,
    ) -> (Registry, ImportReport) {
        Self::import_cells_with(kims, members, reference, &ImportOptions::default())
    }

    /// [`Registry::import_cells`] with [`ImportOptions`].
    pub fn import_cells_with(
        kims: &[HashMap<String, Cell>],
        members: &[HashMap<String, Cell>],
        reference: Option<&Reference>,
        options: &ImportOptions,
    ) -> (Registry, ImportReport) {
        let conv = |rows: &[HashMap<String, Cell>]| -> Vec<Row> {
            rows.iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut fields = HashMap::with_capacity(r.len());
                    let mut numbers = HashMap::new();
                    for (k, v) in r {
                        let k = k.trim().to_ascii_lowercase();
                        let text = match v {
                            Cell::Text(t) => t.trim().to_owned(),
                            Cell::Blank => String::new(),
                            Cell::Int(_) | Cell::Float(_) => {
                                let t = v.number_text();
                                if !t.is_empty() {
                                    numbers.insert(k.clone(), v.clone());
                                }
                                t
                            }
                        };
                        fields.insert(k, text);
                    }
                    Row {
                        line: i as u64 + 1,
                        fields,
                        numbers,
                        broken: Vec::new(),
                    }
                })
                .collect()
        };
        Self::import_rows(&conv(kims), &conv(members), reference, options)
    }

    fn import_rows(
        kim_rows: &[Row],
        member_rows: &[Row],
        reference: Option<&Reference>,
        options: &ImportOptions,
    ) -> (Registry, ImportReport) {
        let mut reg = Registry::new();
        let mut report = ImportReport::default();
        report.kims.rows_in = kim_rows.len();
        for row in kim_rows {
            if !row.broken.is_empty() {
                report.kims.reject(row.broken.clone());
                continue;
            }
            match parse_kim_row(row, reference, options) {
                Ok(kim) => {
                    let id = kim.id.clone();
                    if let Err(e) = reg.insert(kim) {
                        report.kims.reject(vec![RowError::new(
                            row.line,
                            "id",
                            &id,
                            e.code(),
                            e.to_string(),
                        )]);
                    } else if reg.kims[reg.kims.len() - 1]
                        .sk
                        .as_ref()
                        .is_some_and(Sk::has_legacy_issuer)
                    {
                        report.kims.accepted_with_findings += 1;
                    } else {
                        report.kims.accepted += 1;
                    }
                }
                Err(errs) => {
                    if errs.iter().any(|e| e.code.starts_with("KIM-E-NAME-")) {
                        report.review.extend(review_item(row, reference));
                    }
                    report.kims.reject(errs);
                }
            }
        }
        report.members.rows_in = member_rows.len();
        for row in member_rows {
            if !row.broken.is_empty() {
                report.members.reject(row.broken.clone());
                continue;
            }
            let kim_id = row.get("kim_id").unwrap_or_default();
            let result = parse_member_row(row, options).and_then(|m| {
                let Some(&i) = reg.by_id.get(kim_id) else {
                    return Err(vec![RowError::new(
                        row.line,
                        "kim_id",
                        kim_id,
                        "KIM-E-UNKNOWN-KIM",
                        "no accepted KIM has this id",
                    )]);
                };
                reg.index = OnceLock::new();
                let kim = &mut reg.kims[i];
                if kim.members.iter().any(|x| x.id == m.id) {
                    return Err(vec![RowError::new(
                        row.line,
                        "id",
                        &m.id,
                        "KIM-E-MEMBER",
                        "member id already used in this KIM",
                    )]);
                }
                let legacy = m.has_legacy_text();
                kim.members.push(m);
                Ok(legacy)
            });
            match result {
                Ok(false) => report.members.accepted += 1,
                Ok(true) => report.members.accepted_with_findings += 1,
                Err(errs) => {
                    // The member stays visible on its KIM: validating the KIM reports the rejected row.
                    if let Some(&i) = reg.by_id.get(kim_id) {
                        let who = row.get("id").map_or_else(
                            || format!("line {}", row.line),
                            crate::privacy::mask_value,
                        );
                        reg.index = OnceLock::new();
                        reg.kims[i]
                            .member_problems
                            .extend(errs.iter().map(|e| MemberProblem {
                                path: format!("members[{who}].{}", e.field),
                                code: e.code.to_owned(),
                                message: e.reason.clone(),
                                line: e.line,
                            }));
                    }
                    report.members.reject(errs);
                }
            }
        }
        (reg, report)
    }
}
