//! Dates in registry data: the fast `YYYY-MM-DD` reader behind every date field, and [`parse_date`] for CSV cells.

use chrono::NaiveDate;

/// Dates in data: `YYYY-MM-DD` read without chrono's general format parser, which was a seventh of the time spent
/// reading a KIM from JSON. Anything that is not exactly ten bytes of `DDDD-DD-DD` forming a real date goes to chrono,
/// so what is accepted and every error message stay chrono's own.
pub(crate) mod iso_date {
    use std::fmt;

    use chrono::NaiveDate;
    use serde::Deserializer;
    use serde::de::{Error, Visitor};

    /// The date of an exact `YYYY-MM-DD`, or `None` (then ask chrono, for the same answer or its error).
    pub(crate) fn fast(s: &str) -> Option<NaiveDate> {
        let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let mut n = [0u32; 8];
        for (slot, &c) in n
            .iter_mut()
            .zip(b[..4].iter().chain(&b[5..7]).chain(&b[8..]))
        {
            if !c.is_ascii_digit() {
                return None;
            }
            *slot = u32::from(c - b'0');
        }
        let year = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3];
        NaiveDate::from_ymd_opt(
            i32::try_from(year).ok()?,
            n[4] * 10 + n[5],
            n[6] * 10 + n[7],
        )
    }

    /// Parses like `str::parse::<NaiveDate>`, with the fast path first.
    pub(crate) fn parse(s: &str) -> Result<NaiveDate, chrono::ParseError> {
        fast(s).map_or_else(|| s.parse(), Ok)
    }

    struct DateVisitor;

    impl Visitor<'_> for DateVisitor {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            // chrono's own wording, so errors read as they did before.
            f.write_str("a formatted date string")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<NaiveDate, E> {
            parse(v).map_err(E::custom)
        }
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<NaiveDate>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a formatted date string or null")
        }

        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            date(d).map(Some)
        }
    }

    /// `deserialize_with` for a `NaiveDate` field.
    pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DateVisitor)
    }

    /// `deserialize_with` for an `Option<NaiveDate>` field (pair it with `#[serde(default)]`).
    pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(OptionVisitor)
    }
}

/// Parses a date as `YYYY-MM-DD`, `DD/MM/YYYY` or `DD-MM-YYYY`.
///
/// ```
/// use kim_core::registry::parse_date;
/// assert_eq!(parse_date("01/03/2024").unwrap().to_string(), "2024-03-01");
/// assert!(parse_date("2024-02-30").is_err());
/// ```
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let s = s.trim();
    if let Some(d) = iso_date::fast(s) {
        return Ok(d);
    }
    for fmt in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Ok(d);
        }
    }
    Err("not a calendar date (expected YYYY-MM-DD or DD/MM/YYYY)".to_owned())
}
