//! CSV and record import: every row accepted or rejected with its line and field; rows in = accepted + rejected.

use std::collections::{BTreeSet, HashMap, HashSet};
#[cfg(feature = "csv")]
use std::io::Read;
use std::sync::OnceLock;

use super::Registry;
#[cfg(feature = "csv")]
use super::columns::TableSpec;
use super::columns::{MAX_WARNINGS, Table, more_unknown};
#[cfg(feature = "csv")]
use super::csv::{KIM_COLUMNS, MEMBER_COLUMNS, Required, read_csv};
use super::kim::{MemberProblem, Sk};
use super::options::ImportOptions;
use super::places::review_item;
use super::report::{ImportReport, ImportWarning, TableReport};
use super::rows::{Cell, Row, parse_kim_row, parse_member_row};
#[cfg(feature = "csv")]
use crate::error::Result;
use crate::error::RowError;
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
    /// Headers may also be written with the Indonesian names listed in [`ImportOptions`]
    /// (`nama_kim`, `kelurahan`, `tanggal_sk`, …); case, spaces and punctuation do not matter. Unknown headers are
    /// warnings in the report. The encoding (UTF-8 with or without BOM, Windows-1252, UTF-16) and the delimiter
    /// (`,` `;` tab `|`) are detected and reported; [`Registry::import_csv_with`] can set them.
    ///
    /// Dates are `YYYY-MM-DD`, day-first `DD/MM/YYYY` (also `-` and `.`), or with a month name (`12 Juli 2022`), in
    /// 1900–2100 (see [`parse_date`](super::parse_date)). Every rejected row is in the report with its line and
    /// field; rows in = accepted + rejected.
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
    #[cfg(feature = "csv")]
    pub fn import_csv<R: Read, M: Read>(
        kims: R,
        members: Option<M>,
        reference: Option<&Reference>,
    ) -> Result<(Registry, ImportReport)> {
        Self::import_csv_with(kims, members, reference, &ImportOptions::default())
    }

    /// [`Registry::import_csv`] with [`ImportOptions`].
    #[cfg(feature = "csv")]
    pub fn import_csv_with<R: Read, M: Read>(
        kims: R,
        members: Option<M>,
        reference: Option<&Reference>,
        options: &ImportOptions,
    ) -> Result<(Registry, ImportReport)> {
        let kim_table = read_csv(kims, &KIM_COLUMNS, options)?;
        let member_table = members
            .map(|m| read_csv(m, &MEMBER_COLUMNS, options))
            .transpose()?;
        let mut imp = Importer::new(reference, options);
        kim_table.describe(&mut imp.report.kims);
        kim_table.for_each_row(|row| imp.kim(&row));
        drop(kim_table);
        if let Some(t) = member_table {
            t.describe(&mut imp.report.members);
            t.for_each_row(|row| imp.member(&row));
        }
        Ok((imp.reg, imp.report))
    }

    /// Imports from records (field → text maps), as the Python binding's `from_records` passes them. `line` of each
    /// record is its 1-based position. Same columns, aliases and rules as [`Registry::import_csv`]; two keys of one
    /// record that stand for the same column reject the record.
    #[must_use]
    pub fn import_records(
        kims: &[HashMap<String, String>],
        members: &[HashMap<String, String>],
        reference: Option<&Reference>,
    ) -> (Registry, ImportReport) {
        Self::import_records_with(kims, members, reference, &ImportOptions::default())
    }

    /// [`Registry::import_records`] with [`ImportOptions`].
    #[must_use]
    pub fn import_records_with(
        kims: &[HashMap<String, String>],
        members: &[HashMap<String, String>],
        reference: Option<&Reference>,
        options: &ImportOptions,
    ) -> (Registry, ImportReport) {
        let text = |v: &String| (v.trim().to_owned(), None);
        import_maps(kims, members, reference, options, text)
    }

    /// Imports from records whose cells keep the type they had (a pandas frame's numbers stay numbers), as the
    /// Python binding's `from_records` and `from_pandas` pass them. Same columns and rules as
    /// [`Registry::import_records`], and:
    ///
    /// - a blank is absent, like an empty text: [`Cell::Blank`], and a float NaN;
    /// - a number in a text column is its decimal text (a whole float up to 2^53 without `.0`);
    /// - a NIK that arrived as a number is read by [`Nik::from_i64`](super::Nik::from_i64) / [`Nik::from_f64`](super::Nik::from_f64) (a float only when it is
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
    #[must_use]
    pub fn import_cells(
        kims: &[HashMap<String, Cell>],
        members: &[HashMap<String, Cell>],
        reference: Option<&Reference>,
    ) -> (Registry, ImportReport) {
        Self::import_cells_with(kims, members, reference, &ImportOptions::default())
    }

    /// [`Registry::import_cells`] with [`ImportOptions`].
    #[must_use]
    pub fn import_cells_with(
        kims: &[HashMap<String, Cell>],
        members: &[HashMap<String, Cell>],
        reference: Option<&Reference>,
        options: &ImportOptions,
    ) -> (Registry, ImportReport) {
        let cell = |v: &Cell| match v {
            Cell::Text(t) => (t.trim().to_owned(), None),
            Cell::Blank => (String::new(), None),
            Cell::Int(_) | Cell::Float(_) => {
                let t = v.number_text();
                let number = (!t.is_empty()).then(|| v.clone());
                (t, number)
            }
        };
        import_maps(kims, members, reference, options, cell)
    }
}

/// Reads a CSV table of another kim-core module (pembinaan activities, attendance lists) with the registry's
/// machinery: encoding and delimiter detection, header aliases and warnings, broken rows, `max_errors` and
/// `max_bad_rows`. `parse` takes each readable row and accepts it (`Ok(false)`; `Ok(true)`: accepted with findings)
/// or rejects it with its problems; rows in = accepted + rejected, and every rejected row is in the report.
#[cfg(feature = "csv")]
pub(crate) fn import_table<R: Read>(
    input: R,
    spec: &'static TableSpec,
    options: &ImportOptions,
    mut parse: impl FnMut(&Row) -> std::result::Result<bool, Vec<RowError>>,
) -> Result<TableReport> {
    let required = Required {
        table: Table::Other(spec),
        all: spec.all,
        any: spec.any,
    };
    let table = read_csv(input, &required, options)?;
    let mut report = TableReport::default();
    table.describe(&mut report);
    table.for_each_row(|row| {
        report.rows_in += 1;
        let result = if row.broken.is_empty() {
            parse(&row)
        } else {
            Err(row.broken.clone())
        };
        Importer::count(&mut report, options, row.line, result)
    });
    Ok(report)
}

/// Imports two lists of records, each cell turned into its text (and the number it was, if it was one) by `cell`.
fn import_maps<V>(
    kims: &[HashMap<String, V>],
    members: &[HashMap<String, V>],
    reference: Option<&Reference>,
    options: &ImportOptions,
    cell: impl Fn(&V) -> (String, Option<Cell>),
) -> (Registry, ImportReport) {
    let mut imp = Importer::new(reference, options);
    let mut keys = RecordKeys::new(Table::Kims, options);
    for (i, r) in kims.iter().enumerate() {
        if !imp.kim(&keys.row(i, r, &cell)) {
            break;
        }
    }
    imp.report.kims.warnings = keys.warnings();
    let mut keys = RecordKeys::new(Table::Members, options);
    for (i, r) in members.iter().enumerate() {
        if !imp.member(&keys.row(i, r, &cell)) {
            break;
        }
    }
    imp.report.members.warnings = keys.warnings();
    (imp.reg, imp.report)
}

/// The kim column of each record key (looked up once per distinct key), and the keys that are none.
struct RecordKeys<'a> {
    table: Table,
    options: &'a ImportOptions,
    known: HashMap<String, Option<&'static str>>,
    unknown: BTreeSet<String>,
}

impl<'a> RecordKeys<'a> {
    fn new(table: Table, options: &'a ImportOptions) -> Self {
        Self {
            table,
            options,
            known: HashMap::new(),
            unknown: BTreeSet::new(),
        }
    }

    fn row<V>(
        &mut self,
        i: usize,
        record: &HashMap<String, V>,
        cell: impl Fn(&V) -> (String, Option<Cell>),
    ) -> Row {
        let line = i as u64 + 1;
        let mut fields = HashMap::with_capacity(record.len());
        let mut numbers = HashMap::new();
        let mut from: HashMap<&'static str, &str> = HashMap::new();
        let mut broken = Vec::new();
        for (k, v) in record {
            let col = if let Some(c) = self.known.get(k) {
                *c
            } else {
                let c = self.table.column(k, self.options);
                self.known.insert(k.clone(), c);
                c
            };
            let Some(col) = col else {
                if !k.trim().is_empty() && !self.unknown.contains(k) {
                    self.unknown.insert(k.clone());
                }
                continue;
            };
            if let Some(other) = from.insert(col, k) {
                let (a, b) = if other < k.as_str() {
                    (other, k.as_str())
                } else {
                    (k.as_str(), other)
                };
                broken.push(RowError::new(
                    line,
                    col,
                    "",
                    "KIM-E-COLUMN",
                    format!("keys `{a}` and `{b}` both stand for `{col}`: keep one"),
                ));
                continue;
            }
            let (text, number) = cell(v);
            if let Some(n) = number {
                numbers.insert(col.to_owned(), n);
            }
            fields.insert(col.to_owned(), text);
        }
        Row {
            line,
            fields,
            numbers,
            broken,
        }
    }

    fn warnings(&self) -> Vec<ImportWarning> {
        let mut out: Vec<ImportWarning> = self
            .unknown
            .iter()
            .take(MAX_WARNINGS)
            .map(|k| self.table.unknown(k, self.options))
            .collect();
        if self.unknown.len() > MAX_WARNINGS {
            out.push(more_unknown(self.unknown.len() - MAX_WARNINGS));
        }
        out
    }
}

/// The registry being built and the report, one row at a time.
struct Importer<'a> {
    reg: Registry,
    report: ImportReport,
    reference: Option<&'a Reference>,
    options: &'a ImportOptions,
    /// The member ids of each KIM (by position), so that a duplicate is found without walking the members.
    member_ids: HashMap<usize, HashSet<String>>,
}

impl<'a> Importer<'a> {
    fn new(reference: Option<&'a Reference>, options: &'a ImportOptions) -> Self {
        Self {
            reg: Registry::new(),
            report: ImportReport::default(),
            reference,
            options,
            member_ids: HashMap::new(),
        }
    }

    /// Counts an accepted row (`Ok(true)`: accepted with findings, a legacy value kept) or a rejected one; false
    /// (stop reading) once `max_bad_rows` rows of the table are rejected.
    fn count(
        table: &mut TableReport,
        options: &ImportOptions,
        line: u64,
        result: std::result::Result<bool, Vec<RowError>>,
    ) -> bool {
        let errs = match result {
            Ok(false) => {
                table.accepted += 1;
                return true;
            }
            Ok(true) => {
                table.accepted_with_findings += 1;
                return true;
            }
            Err(errs) => errs,
        };
        table.reject(errs, options.max_errors);
        if options.max_bad_rows.is_some_and(|n| table.rejected >= n) {
            table.stopped_at_line = Some(line);
            return false;
        }
        true
    }

    /// Imports one KIM row; false to stop reading.
    fn kim(&mut self, row: &Row) -> bool {
        self.report.kims.rows_in += 1;
        let result = if row.broken.is_empty() {
            parse_kim_row(row, self.reference, self.options).and_then(|kim| {
                let id = kim.id.clone();
                let legacy = kim.sk.as_ref().is_some_and(Sk::has_legacy_issuer);
                self.reg
                    .insert(kim)
                    .map(|()| legacy)
                    .map_err(|e| vec![RowError::new(row.line, "id", &id, e.code(), e.to_string())])
            })
        } else {
            Err(row.broken.clone())
        };
        // A row whose place names fit several villages, or only near spellings, goes to the review list.
        if let Err(errs) = &result
            && errs.iter().any(|e| e.code.starts_with("KIM-E-NAME-"))
        {
            self.report.review.extend(review_item(row, self.reference));
        }
        Self::count(&mut self.report.kims, self.options, row.line, result)
    }

    /// Imports one member row; false to stop reading.
    fn member(&mut self, row: &Row) -> bool {
        self.report.members.rows_in += 1;
        let result = if row.broken.is_empty() {
            let kim_id = row.get("kim_id").unwrap_or_default();
            parse_member_row(row, self.options).and_then(|m| {
                let Some(&i) = self.reg.by_id.get(kim_id) else {
                    return Err(vec![RowError::new(
                        row.line,
                        "kim_id",
                        kim_id,
                        "KIM-E-UNKNOWN-KIM",
                        "no accepted KIM has this id",
                    )]);
                };
                let kim = &mut self.reg.kims[i];
                let ids = self
                    .member_ids
                    .entry(i)
                    .or_insert_with(|| kim.members.iter().map(|x| x.id.clone()).collect());
                if !ids.insert(m.id.clone()) {
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
                self.reg.index = OnceLock::new();
                self.reg.members = Vec::new();
                Ok(legacy)
            })
        } else {
            Err(row.broken.clone())
        };
        if let Err(errs) = &result {
            self.keep_member_problems(row, errs);
        }
        Self::count(&mut self.report.members, self.options, row.line, result)
    }

    /// A rejected member row stays visible on its KIM: validating the KIM reports it (`KIM-MEMBER-REJECTED`).
    fn keep_member_problems(&mut self, row: &Row, errs: &[RowError]) {
        let Some(&i) = row.get("kim_id").and_then(|id| self.reg.by_id.get(id)) else {
            return;
        };
        let who = row
            .get("id")
            .map_or_else(|| format!("line {}", row.line), crate::privacy::mask_value);
        self.reg.index = OnceLock::new();
        self.reg.kims[i]
            .member_problems
            .extend(errs.iter().map(|e| MemberProblem {
                path: format!("members[{who}].{}", e.field),
                code: e.code.to_owned(),
                message: e.reason.clone(),
                line: e.line,
            }));
    }
}
