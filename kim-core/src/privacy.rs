//! Masking of personal data (docs/domain.md §5, UU PDP 27/2022) in messages and log output.
//!
//! A NIK is shown as its first 4 and last 2 digits, `6402**********01`. A phone number keeps its first 4 and last 2
//! digits. Every error message, `Debug` output and log serialisation of kim-core goes through these functions.

use crate::error::{Error, Result, RowError};

/// Masks a 16-digit NIK: first 4 and last 2 digits kept.
///
/// ```
/// assert_eq!(kim_core::privacy::mask_nik("6402015507900001"), "6402**********01");
/// ```
pub fn mask_nik(digits: &str) -> String {
    let d: Vec<char> = digits.chars().filter(char::is_ascii_digit).collect();
    if d.len() < 8 {
        return "*".repeat(d.len());
    }
    let mut out = String::with_capacity(d.len());
    for (i, c) in d.iter().enumerate() {
        out.push(if i < 4 || i + 2 >= d.len() { *c } else { '*' });
    }
    out
}

/// Masks every run of 8 or more digits (allowing single spaces, dots, dashes inside) in `text`.
///
/// This catches NIKs, phone numbers and KK numbers written with or without separators. Shorter numbers (dates,
/// codes such as `64.02.01.2001`, which have at most 4 digits between dots) are left alone.
///
/// ```
/// use kim_core::privacy::mask_text;
/// assert_eq!(mask_text("NIK 6402015507900001 ok"), "NIK 6402**********01 ok");
/// assert_eq!(mask_text("hp 0812-3456-7890"), "hp 0812******90");
/// assert_eq!(mask_text("kode 64.02.01.2001"), "kode 64.02.01.2001");
/// ```
pub fn mask_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // Extend a run of digits with single separators between digit groups of length >= 3 (a dotted Kemendagri
        // code has groups of 2, so it is never joined into one run).
        let start = i;
        let mut end = i;
        let mut digits = 0usize;
        let mut group = 0usize;
        let mut j = i;
        while j < bytes.len() {
            let b = bytes[j];
            if b.is_ascii_digit() {
                digits += 1;
                group += 1;
                j += 1;
                end = j;
            } else if matches!(b, b' ' | b'.' | b'-')
                && group >= 3
                && j + 1 < bytes.len()
                && bytes[j + 1].is_ascii_digit()
            {
                group = 0;
                j += 1;
            } else {
                break;
            }
        }
        if digits >= 8 {
            out.push_str(&text[copied..start]);
            out.push_str(&mask_nik(&text[start..end]));
            copied = end;
        }
        i = end.max(i + 1);
    }
    out.push_str(&text[copied..]);
    out
}

/// Masks and truncates a value for an error report (80 characters at most).
pub fn mask_value(value: &str) -> String {
    let masked = mask_text(value);
    if masked.chars().count() > 80 {
        let mut s: String = masked.chars().take(77).collect();
        s.push_str("...");
        s
    } else {
        masked
    }
}

/// Serialises `value` to JSON meant for logs: every string in it goes through [`mask_text`].
///
/// Use this, never plain `serde_json`, for anything written to a log or shown to a third party.
///
/// ```
/// let v = serde_json::json!({"nik": "6402015507900001", "name": "Siti"});
/// let log = kim_core::privacy::to_log_json(&v).unwrap();
/// assert!(log.contains("6402**********01") && !log.contains("0155079"));
/// ```
pub fn to_log_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut v = serde_json::to_value(value).map_err(|e| Error::from_json(&e))?;
    mask_json(&mut v);
    serde_json::to_string(&v).map_err(|e| Error::from_json(&e))
}

fn mask_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = mask_text(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(mask_json),
        serde_json::Value::Object(o) => o.values_mut().for_each(mask_json),
        _ => {}
    }
}

// ---- error constructors that take user text ---------------------------------------------------------------------
// They live here, not in `error.rs`, so that the error module needs no masking and the two do not import each other.

impl RowError {
    /// Builds a row error, masking and truncating `value` and masking any long number in `reason`.
    pub fn new(
        line: u64,
        field: impl Into<String>,
        value: &str,
        code: &'static str,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            line,
            field: field.into(),
            value: mask_value(value),
            code,
            reason: mask_text(&reason.into()),
        }
    }
}

impl Error {
    pub(crate) fn from_json(err: &serde_json::Error) -> Self {
        Self::Json {
            line: err.line(),
            column: err.column(),
            message: mask_text(&err.to_string()),
        }
    }

    pub(crate) fn from_csv(err: &csv::Error) -> Self {
        let line = err.position().map_or(0, csv::Position::line);
        Self::Csv {
            line,
            message: mask_text(&err.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_nik_forms() {
        assert_eq!(mask_text("3578 0141 0590 0002"), "3578**********02");
        assert_eq!(mask_text("3578.0141.0590.0002"), "3578**********02");
        assert_eq!(mask_text("+62 812 3456 7890"), "+62 8123*****90");
        assert_eq!(mask_text("2024-02-30"), "2024-02-30");
        assert_eq!(
            mask_text("SK 188.45/119/35.73.112/2020"),
            "SK 188.45/119/35.73.112/2020"
        );
    }

    #[test]
    fn truncates_long_values() {
        let v = "x".repeat(200);
        assert_eq!(mask_value(&v).chars().count(), 80);
    }
}
