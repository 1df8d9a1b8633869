//! CSV and record import: every row accepted or rejected with its line and field; rows in = accepted + rejected.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use super::Registry;
use super::dates::parse_date;
use super::kim::{FormationEvidence, Kim, Member, Registration, Sk, StatusChange};
use super::nik::{F64_EXACT, Nik};
use super::report::ImportReport;
use crate::error::{Error, Result, RowError};
use crate::vocab::{EvidenceKind, IssuerRole, KimType, Media, Occupation, Role, Sex, Status};
use crate::wilayah::{Kode, Level, Reference, Resolution};
use chrono::NaiveDate;

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
        let kim_rows = read_csv_rows(kims, &KIM_COLUMNS)?;
        let member_rows = members
            .map(|m| read_csv_rows(m, &MEMBER_COLUMNS))
            .transpose()?
            .unwrap_or_default();
        Ok(Self::import_rows(&kim_rows, &member_rows, reference))
    }

    /// Imports from records (field → text maps), as the Python binding's `from_records` passes them. `line` of each
    /// record is its 1-based position. Same columns and rules as [`Registry::import_csv`].
    pub fn import_records(
        kims: &[HashMap<String, String>],
        members: &[HashMap<String, String>],
        reference: Option<&Reference>,
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
        Self::import_rows(&conv(kims), &conv(members), reference)
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
        Self::import_rows(&conv(kims), &conv(members), reference)
    }

    fn import_rows(
        kim_rows: &[Row],
        member_rows: &[Row],
        reference: Option<&Reference>,
    ) -> (Registry, ImportReport) {
        let mut reg = Registry::new();
        let mut report = ImportReport::default();
        report.kims.rows_in = kim_rows.len();
        for row in kim_rows {
            if !row.broken.is_empty() {
                report.kims.reject(row.broken.clone());
                continue;
            }
            match parse_kim_row(row, reference) {
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
                    } else {
                        report.kims.accepted += 1;
                    }
                }
                Err(errs) => report.kims.reject(errs),
            }
        }
        report.members.rows_in = member_rows.len();
        for row in member_rows {
            if !row.broken.is_empty() {
                report.members.reject(row.broken.clone());
                continue;
            }
            let kim_id = row.get("kim_id").unwrap_or_default();
            let result = parse_member_row(row).and_then(|m| {
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
                kim.members.push(m);
                Ok(())
            });
            match result {
                Ok(()) => report.members.accepted += 1,
                Err(errs) => report.members.reject(errs),
            }
        }
        (reg, report)
    }
}

/// One cell of a record for [`Registry::import_cells`], with the type it had where it came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (trimmed on import; empty text is a blank).
    Text(String),
    /// A blank: `None`, pandas `NaT` or `NA`. The field is absent.
    Blank,
    /// An integer.
    Int(i64),
    /// A float; NaN is a blank.
    Float(f64),
}

impl Cell {
    /// The text of a number cell: an integer's digits; a whole float up to 2^53 without `.0`; another float as
    /// Rust writes it (`inf`, `0.5`); a NaN as empty (blank).
    fn number_text(&self) -> String {
        match self {
            Self::Int(i) => i.to_string(),
            Self::Float(f) if f.is_nan() => String::new(),
            #[allow(clippy::cast_possible_truncation)]
            Self::Float(f) if f.fract() == 0.0 && f.abs() <= F64_EXACT => (*f as i64).to_string(),
            Self::Float(f) => f.to_string(),
            Self::Text(t) => t.clone(),
            Self::Blank => String::new(),
        }
    }
}

struct Row {
    line: u64,
    fields: HashMap<String, String>,
    /// The cells of `fields` that arrived as numbers ([`Registry::import_cells`]).
    numbers: HashMap<String, Cell>,
    /// Problems that make the row unreadable (wrong field count, bytes that are not UTF-8).
    broken: Vec<RowError>,
}

impl Row {
    fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .get(field)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    fn any(&self, fields: &[&str]) -> bool {
        fields.iter().any(|f| self.get(f).is_some())
    }
}

/// The columns a table's header must have: every name of `all`, and at least one of `any`.
struct Required {
    all: &'static [&'static str],
    any: &'static [&'static str],
}

const KIM_COLUMNS: Required = Required {
    all: &["id", "name"],
    any: &["seat", "desa"],
};

const MEMBER_COLUMNS: Required = Required {
    all: &["kim_id", "id", "name"],
    any: &[],
};

/// Reads a CSV table into rows. A header that is not UTF-8 or lacks a required column fails the whole table; a row
/// with the wrong number of fields or a field that is not UTF-8 is kept as a broken row, which the import rejects
/// with its line and byte offset, so that rows in = accepted + rejected still holds.
fn read_csv_rows<R: Read>(reader: R, required: &Required) -> Result<Vec<Row>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let mut headers = Vec::new();
    for (i, h) in rdr
        .byte_headers()
        .map_err(|e| Error::from_csv(&e))?
        .iter()
        .enumerate()
    {
        let h = std::str::from_utf8(h).map_err(|e| Error::Csv {
            line: 1,
            message: format!(
                "header column {} is not UTF-8 (byte {} of the column name)",
                i + 1,
                e.valid_up_to()
            ),
        })?;
        headers.push(h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase());
    }
    // An empty file is an empty table; any other header must name the required columns.
    if !headers.is_empty() {
        check_header(&headers, required)?;
    }
    let mut rows = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while rdr
        .read_byte_record(&mut rec)
        .map_err(|e| Error::from_csv(&e))?
    {
        let (line, byte) = rec.position().map_or((0, 0), |p| (p.line(), p.byte()));
        let mut broken = Vec::new();
        if rec.len() != headers.len() {
            broken.push(RowError::new(
                line,
                "",
                "",
                "KIM-E-CSV-FIELDS",
                format!(
                    "the row has {} fields and the header {} (row starts at byte {byte} of the file)",
                    rec.len(),
                    headers.len()
                ),
            ));
        }
        let mut fields = HashMap::with_capacity(headers.len());
        for (h, v) in headers.iter().zip(rec.iter()) {
            match std::str::from_utf8(v) {
                Ok(v) => {
                    fields.insert(h.clone(), v.to_owned());
                }
                Err(e) => broken.push(RowError::new(
                    line,
                    h.as_str(),
                    "",
                    "KIM-E-UTF8",
                    format!(
                        "not UTF-8 at byte {} of the field (row starts at byte {byte} of the file)",
                        e.valid_up_to()
                    ),
                )),
            }
        }
        rows.push(Row {
            line,
            fields,
            numbers: HashMap::new(),
            broken,
        });
    }
    Ok(rows)
}

fn check_header(headers: &[String], required: &Required) -> Result<()> {
    let has = |c: &str| headers.iter().any(|h| h == c);
    let missing = required.all.iter().find(|c| !has(c)).or_else(|| {
        (!required.any.is_empty() && !required.any.iter().any(|c| has(c))).then(|| &required.any[0])
    });
    let Some(column) = missing else {
        return Ok(());
    };
    if let [only] = headers
        && let Some(sep) = [';', '\t', '|'].into_iter().find(|c| only.contains(*c))
    {
        return Err(Error::Csv {
            line: 1,
            message: format!(
                "the header is one column with {sep:?} in it: kim reads comma-separated files, save the file \
                 with `,` as the delimiter"
            ),
        });
    }
    Err(Error::MissingColumn {
        column: (*column).to_owned(),
    })
}

struct RowParser<'a> {
    row: &'a Row,
    errors: Vec<RowError>,
}

impl<'a> RowParser<'a> {
    fn err(&mut self, field: &str, value: &str, code: &'static str, reason: impl Into<String>) {
        self.errors
            .push(RowError::new(self.row.line, field, value, code, reason));
    }

    fn text(&mut self, field: &str, required: bool) -> Option<&'a str> {
        let v = self.row.get(field);
        if v.is_none() && required {
            self.err(
                field,
                "",
                "KIM-E-REQUIRED",
                "required field is empty or missing",
            );
        }
        if let Some(s) = v
            && s.chars().any(char::is_control)
        {
            self.err(field, s, "KIM-E-TEXT", "control characters are not allowed");
            return None;
        }
        v
    }

    fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let v = self.row.get(field)?;
        parse_date(v)
            .map_err(|e| self.err(field, v, "KIM-E-DATE", e))
            .ok()
    }

    fn parsed<T: std::str::FromStr<Err = String>>(&mut self, field: &str) -> Option<T> {
        let v = self.row.get(field)?;
        v.parse()
            .map_err(|e| self.err(field, v, "KIM-E-ENUM", e))
            .ok()
    }

    fn kode(&mut self, field: &str) -> Option<Kode> {
        let v = self.row.get(field)?;
        Kode::parse(v)
            .map_err(|e| self.err(field, v, "KIM-E-CODE", e.to_string()))
            .ok()
    }

    fn boolean(&mut self, field: &str) -> Option<bool> {
        let v = self.row.get(field)?;
        match v.to_ascii_lowercase().as_str() {
            "1" | "true" | "ya" | "y" | "yes" | "ada" => Some(true),
            "0" | "false" | "tidak" | "t" | "no" | "n" | "tidak ada" => Some(false),
            _ => {
                self.err(
                    field,
                    v,
                    "KIM-E-BOOL",
                    "expected true/false (also ya/tidak, 1/0)",
                );
                None
            }
        }
    }

    fn list<T: std::str::FromStr<Err = String>>(&mut self, field: &str) -> Vec<T> {
        let Some(v) = self.row.get(field) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match part.parse() {
                Ok(x) => out.push(x),
                Err(e) => self.err(field, part, "KIM-E-ENUM", e),
            }
        }
        out
    }

    /// Reports `field` as required when it is absent; passes `value` through.
    fn required<T>(&mut self, field: &str, value: Option<T>, why: &str) -> Option<T> {
        if self.row.get(field).is_none() {
            self.err(field, "", "KIM-E-REQUIRED", why);
        }
        value
    }

    fn finish<T>(self, value: Option<T>) -> std::result::Result<T, Vec<RowError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

fn parse_sk(p: &mut RowParser<'_>) -> Option<Sk> {
    if !p.row.any(&["sk_number", "sk_date", "sk_issuer"]) {
        return None;
    }
    let number = p.text("sk_number", true);
    let date = p.date("sk_date");
    let date = p.required("sk_date", date, "an SK needs a date");
    let issuer = p.parsed::<IssuerRole>("sk_issuer");
    let issuer = p.required("sk_issuer", issuer, "an SK needs an issuer");
    Some(Sk {
        number: number?.to_owned(),
        date: date?,
        issuer: issuer?,
    })
}

fn parse_registration(p: &mut RowParser<'_>) -> Option<Registration> {
    if !p.row.any(&[
        "registration_number",
        "registration_date",
        "registration_kab_kota",
    ]) {
        return None;
    }
    let number = p.text("registration_number", true);
    let date = p.date("registration_date");
    let date = p.required("registration_date", date, "a registration needs a date");
    let kab_kota = p.kode("registration_kab_kota");
    let kab_kota = p.required(
        "registration_kab_kota",
        kab_kota,
        "a registration needs the kab/kota code",
    );
    Some(Registration {
        number: number?.to_owned(),
        date: date?,
        kab_kota: kab_kota?,
    })
}

fn parse_formation(p: &mut RowParser<'_>) -> Option<FormationEvidence> {
    if !p.row.any(&["formation_kind", "formation_reference"]) {
        return None;
    }
    let kind = p
        .parsed::<EvidenceKind>("formation_kind")
        .unwrap_or(EvidenceKind::Other);
    let reference = p
        .text("formation_reference", false)
        .unwrap_or_default()
        .to_owned();
    let date = p.date("formation_date");
    Some(FormationEvidence {
        kind,
        reference,
        date,
    })
}

fn parse_kim_row(
    row: &Row,
    reference: Option<&Reference>,
) -> std::result::Result<Kim, Vec<RowError>> {
    let mut p = RowParser {
        row,
        errors: Vec::new(),
    };
    let id = p.text("id", true);
    let name = p.text("name", true);
    let kind = p.parsed::<KimType>("type");
    let seat = if row.get("seat").is_some() {
        p.kode("seat")
    } else {
        resolve_seat(&mut p, reference)
    };
    let sk = parse_sk(&mut p);
    let registration = parse_registration(&mut p);
    let formation = parse_formation(&mut p);
    let media = p.list::<Media>("media");
    let sectors = row
        .get("sectors")
        .map(|s| {
            s.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let statutes = p.boolean("statutes").unwrap_or(false);
    let mut history = Vec::new();
    if let Some(status) = p.parsed::<Status>("status") {
        match p.date("status_date") {
            Some(date) => history.push(StatusChange {
                date,
                status,
                note: None,
            }),
            None if row.get("status_date").is_none() => p.err(
                "status_date",
                "",
                "KIM-E-REQUIRED",
                "a status needs the date it took effect",
            ),
            None => {}
        }
    }
    let kim = match (id, name, seat) {
        (Some(id), Some(name), Some(seat)) => Some(Kim {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: kind.unwrap_or(KimType::Informasi),
            seat,
            sk,
            registration,
            formation,
            media,
            sectors,
            statutes,
            members: Vec::new(),
            history,
        }),
        _ => None,
    };
    p.finish(kim)
}

fn resolve_seat(p: &mut RowParser<'_>, reference: Option<&Reference>) -> Option<Kode> {
    let row = p.row;
    let (desa, kec, kab) = (row.get("desa"), row.get("kecamatan"), row.get("kab_kota"));
    let Some(desa) = desa else {
        p.err(
            "seat",
            "",
            "KIM-E-REQUIRED",
            "give a seat code, or desa (with kecamatan and kab_kota) names",
        );
        return None;
    };
    let Some(reference) = reference else {
        p.err(
            "desa",
            desa,
            "KIM-E-ARGUMENT",
            "matching village names needs a reference code list",
        );
        return None;
    };
    let parts: Vec<&str> = [kab, kec, Some(desa)].into_iter().flatten().collect();
    // The last part is a village: if no prefix says otherwise, make that explicit for single-name rows too.
    let res = if parts.len() == 1 {
        let m = reference.match_name_at(desa, None, Some(Level::Desa));
        match m.as_slice() {
            [] => Resolution::NotFound,
            [one] if one.kind == crate::wilayah::MatchKind::Exact => {
                Resolution::Unique(one.clone())
            }
            _ => Resolution::Ambiguous(m.into_iter().take(10).collect()),
        }
    } else {
        reference.resolve_parts(&parts)
    };
    match res {
        Resolution::Unique(m) if m.kode.level() == Level::Desa => Some(m.kode),
        Resolution::Unique(m) => {
            p.err(
                "desa",
                desa,
                "KIM-E-NAME",
                format!("matched {} {}, which is not a village", m.kode, m.name),
            );
            None
        }
        Resolution::Ambiguous(c) => {
            let list: Vec<String> = c
                .iter()
                .take(5)
                .map(|m| format!("{} {} ({:.2})", m.kode, m.name, m.score))
                .collect();
            p.err(
                "desa",
                desa,
                "KIM-E-NAME-AMBIGUOUS",
                format!(
                    "ambiguous or uncertain place; candidates: {}",
                    list.join("; ")
                ),
            );
            None
        }
        Resolution::NotFound => {
            p.err(
                "desa",
                desa,
                "KIM-E-NAME-UNMATCHED",
                "no village of this name in the given kecamatan/kab_kota",
            );
            None
        }
    }
}

fn parse_member_row(row: &Row) -> std::result::Result<Member, Vec<RowError>> {
    let mut p = RowParser {
        row,
        errors: Vec::new(),
    };
    let _ = p.text("kim_id", true);
    let id = p.text("id", true);
    let name = p.text("name", true);
    let nik = row.get("nik").and_then(|v| {
        let (nik, arrived_as) = match row.numbers.get("nik") {
            Some(Cell::Int(i)) => (Nik::from_i64(*i), Some("int")),
            Some(Cell::Float(f)) => (Nik::from_f64(*f), Some("float")),
            _ => (Nik::parse(v), None),
        };
        nik.map_err(|e| {
            let reason = match arrived_as {
                Some(kind) => format!(
                    "{e}; the NIK arrived as a number ({kind}): read the column as text, e.g. \
                     `dtype={{'nik': str}}` in pandas"
                ),
                None => e.to_string(),
            };
            p.err("nik", v, e.code(), reason);
        })
        .ok()
    });
    let sex = p.parsed::<Sex>("sex");
    let birth_date = p.date("birth_date");
    let role = p.parsed::<Role>("role").unwrap_or(Role::Anggota);
    let occupation = p.parsed::<Occupation>("occupation").unwrap_or_default();
    let term_start = p.date("term_start");
    let term_end = p.date("term_end");
    if let (Some(s), Some(e)) = (term_start, term_end)
        && e < s
    {
        p.err(
            "term_end",
            &e.to_string(),
            "KIM-E-DATE",
            "term ends before it starts",
        );
    }
    let clean_record = p.boolean("clean_record");
    let residence = p.kode("residence");
    let m = match (id, name) {
        (Some(id), Some(name)) => Some(Member {
            id: id.to_owned(),
            name: name.to_owned(),
            nik,
            sex,
            birth_date,
            role,
            occupation,
            term_start,
            term_end,
            clean_record,
            residence,
        }),
        _ => None,
    };
    p.finish(m)
}
