//! Masking of personal data (docs/domain.md §5, UU PDP 27/2022) in messages and log output.
//!
//! A NIK is shown as its first 4 and last 2 digits, `6402**********01`. A phone number keeps its first 4 and last 2
//! digits. One detector (`detect`, [`find_personal_data`]) finds them in any text, however written; every error
//! message, `Debug` output and log serialisation of kim-core goes through these functions.
//!
//! ```
//! use kim_core::privacy::{find_personal_data, mask_text};
//! let text = "NIK 6402014101900001, hp 0812-3456-7890";
//! assert_eq!(find_personal_data(text).len(), 2);
//! assert!(!mask_text(text).contains("6402014101900001"));
//! assert!(mask_text(text).contains("6402**********01"));
//! ```

mod detect;

use crate::error::{Error, Result, RowError};

pub use detect::{MAX_SEPARATORS, PersonalKind, PersonalSpan, find_personal_data};
pub(crate) use detect::{fold_digit, nik_problem};

/// Masks a 16-digit NIK: first 4 and last 2 digits kept (digits of any script, shown in ASCII).
///
/// ```
/// assert_eq!(kim_core::privacy::mask_nik("6402015507900001"), "6402**********01");
/// ```
pub fn mask_nik(digits: &str) -> String {
    let d: Vec<char> = digits
        .chars()
        .filter_map(fold_digit)
        .map(char::from)
        .collect();
    if d.len() < 8 {
        return "*".repeat(d.len());
    }
    let mut out = String::with_capacity(d.len());
    for (i, c) in d.iter().enumerate() {
        out.push(if i < 4 || i + 2 >= d.len() { *c } else { '*' });
    }
    out
}

/// Masks every NIK, phone number, e-mail address and long number in `text`, as found by the one detector
/// ([`find_personal_data`] and the module `detect`): digits in any script, with format characters, glued letters and
/// short runs of separators between digit groups. NIKs, phone numbers and long numbers (14 or more digits in one
/// group, or a mistyped NIK) keep their first 4 and last 2 digits, in ASCII; e-mail addresses keep the first
/// character and the domain. Decree numbers, codes such as `64.02.01.2001`, years, amounts and byte offsets are left
/// alone. `moderation::redact` is this function.
///
/// ```
/// use kim_core::privacy::mask_text;
/// assert_eq!(mask_text("NIK 6402015507900001 ok"), "NIK 6402**********01 ok");
/// assert_eq!(mask_text("hp 0812-3456-7890"), "hp 0812******90");
/// assert_eq!(mask_text("hp (0812) 3456-7890"), "hp 0812******90");
/// assert_eq!(mask_text("NIK64 02 01 41 01 90 00 01"), "NIK6402**********01");
/// assert_eq!(mask_text("kode 64.02.01.2001"), "kode 64.02.01.2001");
/// assert_eq!(mask_text("kepmendagri-300.2.2-2138-2025"), "kepmendagri-300.2.2-2138-2025");
/// ```
#[must_use]
pub fn mask_text(text: &str) -> String {
    let mut hits = detect::detect(text);
    if hits.is_empty() {
        return text.to_owned();
    }
    let mut out = mask_once(text, &hits);
    // A mask can bring two digit groups together (`080808-6402**********01` reads as a phone number): mask again
    // until nothing is found. Each round leaves fewer digits visible, so this ends.
    loop {
        hits = detect::detect(&out);
        if hits.is_empty() {
            return out;
        }
        out = mask_once(&out, &hits);
    }
}

fn mask_once(text: &str, hits: &[detect::Hit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for &h in hits {
        out.push_str(&text[last..h.start]);
        detect::mask_hit(text, h, &mut out);
        last = h.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Masks and truncates a value for an error report (80 characters at most).
#[must_use]
pub fn mask_value(value: &str) -> String {
    let masked = mask_text(window(value));
    if masked.chars().count() > 80 {
        let mut s: String = masked.chars().take(77).collect();
        s.push_str("...");
        s
    } else {
        masked
    }
}

/// The first `max_chars` characters of `text`, masked. Masking comes first, so a cut never leaves part of a number
/// unmasked (`text.chars().take(n)` then [`mask_text`] would: twelve digits of a NIK are no NIK).
///
/// ```
/// let t = format!("{}6402014101900001", "x".repeat(20));
/// assert_eq!(kim_core::privacy::mask_prefix(&t, 32), format!("{}6402********", "x".repeat(20)));
/// ```
#[must_use]
pub fn mask_prefix(text: &str, max_chars: usize) -> String {
    mask_text(window(text)).chars().take(max_chars).collect()
}

/// The first 64 KiB of `text` (at a character boundary): what a short message quotes, masked without reading a
/// huge input whole.
fn window(text: &str) -> &str {
    let mut end = text.len().min(64 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
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
            field: mask_text(&field.into()),
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

    /// [`Error::Io`] for `path`; a file name may hold a NIK, so the path is masked.
    #[cfg_attr(not(feature = "csv"), allow(dead_code))]
    pub(crate) fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: mask_text(&path.display().to_string()),
            source,
        }
    }

    /// [`Error::UnknownKim`], the id masked where it is personal data (a NIK used as an id).
    pub(crate) fn unknown_kim(id: &str) -> Self {
        Self::UnknownKim { id: mask_text(id) }
    }

    /// [`Error::DuplicateKim`], the id masked where it is personal data.
    pub(crate) fn duplicate_kim(id: &str) -> Self {
        Self::DuplicateKim { id: mask_text(id) }
    }

    /// [`Error::Member`], the KIM and member ids masked where they are personal data.
    pub(crate) fn member(kim: &str, member: &str, problem: &'static str) -> Self {
        Self::Member {
            kim: mask_text(kim),
            member: mask_text(member),
            problem,
        }
    }

    /// [`Error::UnknownProfile`], the id masked (a user may pass anything as a profile id).
    pub(crate) fn unknown_profile(id: &str) -> Self {
        Self::UnknownProfile { id: mask_text(id) }
    }

    /// [`Error::InvalidTransition`], the KIM id masked where it is personal data.
    pub(crate) fn invalid_transition(
        kim: &str,
        from: Option<crate::vocab::Status>,
        to: crate::vocab::Status,
        date: chrono::NaiveDate,
    ) -> Self {
        Self::InvalidTransition {
            kim: mask_text(kim),
            from,
            to,
            date,
        }
    }

    /// [`Error::OutOfOrder`], the KIM id masked where it is personal data.
    pub(crate) fn out_of_order(
        kim: &str,
        date: chrono::NaiveDate,
        last: chrono::NaiveDate,
    ) -> Self {
        Self::OutOfOrder {
            kim: mask_text(kim),
            date,
            last,
        }
    }

    #[cfg(feature = "csv")]
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

    /// Personal data is masked however it is labelled; kim's own numbers (code-list versions, byte sizes and
    /// limits, line numbers, counts) stay readable in a message.
    #[test]
    fn masks_personal_data_but_not_kims_own_numbers() {
        for own in [
            "64.02.01.2999 is not in the code list kepmendagri-300.2.2-2138/2025",
            "kepmendagri-300.2.2-2138/2025",
            "`json` is 1073741825 bytes; the limit is 1073741824",
            "`text` is 18446744073709551615 bytes; the limit is 1073741824",
            "the result is 123456789012345 bytes, more than the limit",
            "CSV error at line 123456789012345: unterminated quote",
            "invalid Kemendagri code at byte 12345678901234567",
            "found 12345678901234 rows",
        ] {
            assert_eq!(mask_text(own), own);
        }
        for (personal, masked) in [
            ("KK 6402011234567890", "KK 6402**********90"),
            ("NIK 6402015507900001", "NIK 6402**********01"),
            ("line 6402015507900001", "line 6402**********01"),
            ("6402015507900001 bytes", "6402**********01 bytes"),
            ("hp 081234567890 bytes", "hp 0812******90 bytes"),
            ("rekening 12345678901234567", "rekening 1234***********67"),
            ("line 1234 5678 9012 3456", "line 1234**********56"),
        ] {
            assert_eq!(mask_text(personal), masked, "{personal}");
        }
    }

    #[test]
    fn truncates_long_values() {
        let v = "x".repeat(200);
        assert_eq!(mask_value(&v).chars().count(), 80);
    }
}
