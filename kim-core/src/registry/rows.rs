//! One row of a table, as text cells, and its parsing into a [`Kim`] or a [`Member`]: every problem is a
//! [`RowError`] with the row's line and the field.

use std::collections::HashMap;

use super::dates::parse_date_with;
use super::kim::{FormationEvidence, Kim, Member, Registration, Sk, StatusChange, legacy_value};
use super::nik::{F64_EXACT, Nik};
use super::options::ImportOptions;
use super::places::resolve_seat;
use crate::error::RowError;
use crate::vocab::{
    EvidenceKind, ISSUER_SPELLINGS, IssuerRole, KimType, Media, OCCUPATION_SPELLINGS, Occupation,
    ROLE_SPELLINGS, Role, Sex, Status, text_problem,
};
use crate::wilayah::{Kode, Reference};
use chrono::NaiveDate;

/// One cell of a record for [`Registry::import_cells`](super::Registry::import_cells), with the type it had where it came from.
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
    pub(super) fn number_text(&self) -> String {
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
pub(crate) struct Row {
    pub(crate) line: u64,
    pub(super) fields: HashMap<String, String>,
    /// The cells of `fields` that arrived as numbers ([`Registry::import_cells`]).
    pub(super) numbers: HashMap<String, Cell>,
    /// Problems that make the row unreadable (wrong field count, bytes that are not UTF-8).
    pub(super) broken: Vec<RowError>,
}

impl Row {
    pub(crate) fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .get(field)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    pub(super) fn any(&self, fields: &[&str]) -> bool {
        fields.iter().any(|f| self.get(f).is_some())
    }
}
/// Reads the cells of one row, collecting every problem as a [`RowError`] with the row's line and the field (also
/// used by the pembinaan imports).
pub(crate) struct RowParser<'a> {
    pub(crate) row: &'a Row,
    pub(crate) errors: Vec<RowError>,
    pub(crate) options: &'a ImportOptions,
}

impl<'a> RowParser<'a> {
    pub(crate) fn err(
        &mut self,
        field: &str,
        value: &str,
        code: &'static str,
        reason: impl Into<String>,
    ) {
        self.errors
            .push(RowError::new(self.row.line, field, value, code, reason));
    }

    pub(crate) fn text(&mut self, field: &str, required: bool) -> Option<&'a str> {
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
            && let Some(why) = text_problem(s)
        {
            self.err(field, s, "KIM-E-TEXT", why);
            return None;
        }
        v
    }

    pub(crate) fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let v = self.row.get(field)?;
        parse_date_with(v, self.options)
            .map_err(|e| self.err(field, v, "KIM-E-DATE", e))
            .ok()
    }

    pub(crate) fn parsed<T: std::str::FromStr<Err = String>>(&mut self, field: &str) -> Option<T> {
        let v = self.row.get(field)?;
        v.parse()
            .map_err(|e| self.err(field, v, "KIM-E-ENUM", e))
            .ok()
    }

    pub(crate) fn kode(&mut self, field: &str) -> Option<Kode> {
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
    // Legacy issuer text is kept (`issuer_raw`) and an SK without an issuer is kept too: validation flags both.
    let (issuer, issuer_raw) = legacy_value(p.row.get("sk_issuer"), ISSUER_SPELLINGS, true)
        .unwrap_or((IssuerRole::TidakDiketahui, None));
    Some(Sk {
        number: number?.to_owned(),
        date: date?,
        issuer,
        issuer_raw,
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

pub(super) fn parse_kim_row(
    row: &Row,
    reference: Option<&Reference>,
    options: &ImportOptions,
) -> std::result::Result<Kim, Vec<RowError>> {
    let mut p = RowParser {
        row,
        errors: Vec::new(),
        options,
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
            member_problems: Vec::new(),
        }),
        _ => None,
    };
    p.finish(kim)
}
/// What to do when a spreadsheet turned the NIK column into numbers (docs/domain.md §5: a NIK is 16 digits).
const EXCEL_NUMBER_HINT: &str = "a spreadsheet (Excel) turned the NIK column into a number and its last digits \
     are lost; format the column as Text before typing or pasting the NIKs (or export with that column as text), \
     then type the lost digits again from the KTP or KK";

/// `6,40201E+15`, `6.40201E+15`, `6E15`: a number as a spreadsheet shows it in scientific notation (with a
/// decimal point or, in an Indonesian locale, a decimal comma).
fn looks_like_excel_number(v: &str) -> bool {
    let Some((mantissa, exponent)) = v.trim().split_once(['E', 'e']) else {
        return false;
    };
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let (int, frac) = mantissa.split_once(['.', ',']).unwrap_or((mantissa, "0"));
    [int, frac, exponent]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

pub(super) fn parse_member_row(
    row: &Row,
    options: &ImportOptions,
) -> std::result::Result<Member, Vec<RowError>> {
    let mut p = RowParser {
        row,
        errors: Vec::new(),
        options,
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
                     `dtype={{'nik': str}}` in pandas; {EXCEL_NUMBER_HINT}"
                ),
                None if looks_like_excel_number(v) => {
                    format!("{e}; it is written in scientific notation: {EXCEL_NUMBER_HINT}")
                }
                None => e.to_string(),
            };
            p.err("nik", v, e.code(), reason);
        })
        .ok()
    });
    let sex = p.parsed::<Sex>("sex");
    let birth_date = p.date("birth_date");
    // Legacy role and occupation text is kept (`*_raw`); validation flags it.
    let (role, role_raw) =
        legacy_value(row.get("role"), ROLE_SPELLINGS, false).unwrap_or((Role::Anggota, None));
    let (occupation, occupation_raw) =
        legacy_value(row.get("occupation"), OCCUPATION_SPELLINGS, false)
            .unwrap_or((Occupation::TidakDiketahui, None));
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
            role_raw,
            occupation,
            occupation_raw,
            term_start,
            term_end,
            clean_record,
            residence,
        }),
        _ => None,
    };
    p.finish(m)
}
