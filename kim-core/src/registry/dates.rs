//! Dates in registry data: the fast `YYYY-MM-DD` reader behind every JSON date field, and [`parse_date`] /
//! [`parse_date_with`] for CSV cells and records.
//!
//! Accepted in cells (case and surrounding spaces ignored):
//!
//! | form | examples |
//! | --- | --- |
//! | ISO | `2022-07-12`, `2022-07-12T00:00:00` (pandas timestamps; the time is dropped) |
//! | numeric, day first (default) | `12/07/2022`, `12-07-2022`, `12.07.2022`, `1/7/2022` |
//! | numeric, month first (`dayfirst = false`) | `07/12/2022` |
//! | Indonesian month names, full or short | `12 Juli 2022`, `12 Jul 2022`, `1 Agustus 2023`, `1 Agt 2023`, `5-Okt-2021`, `24 Des 2020` |
//! | English month names | `12 July 2022`, `12-Aug-2023`, `July 12, 2022` |
//!
//! Years have four digits and lie in a plausible window, 1900–2100 unless [`ImportOptions`] says otherwise; JSON
//! dates use that default window too. A numeric date that is a real date only when read in the other order
//! (`07/25/2022` read day first) is an error naming the order used and the option, never read the other way.

use chrono::{Datelike, NaiveDate};

use super::options::ImportOptions;
pub use crate::error::{DateError, DateProblem};

pub(crate) const DEFAULT_MIN_YEAR: i32 = 1900;
pub(crate) const DEFAULT_MAX_YEAR: i32 = 2100;

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
            let d = parse(v).map_err(E::custom)?;
            super::check_window(d, super::DEFAULT_MIN_YEAR, super::DEFAULT_MAX_YEAR)
                .map_err(E::custom)?;
            Ok(d)
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

/// The years a date may have: `Err` with the reason when outside `min..=max`.
pub(crate) fn check_window(d: NaiveDate, min: i32, max: i32) -> Result<(), String> {
    if (min..=max).contains(&d.year()) {
        Ok(())
    } else {
        Err(format!(
            "year {} is outside the plausible window {min}–{max}",
            d.year()
        ))
    }
}

/// Month names, Indonesian and English, full and short, lowercase.
const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("pebruari", 2),
    ("february", 2),
    ("feb", 2),
    ("peb", 2),
    ("maret", 3),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("agustus", 8),
    ("august", 8),
    ("agu", 8),
    ("agt", 8),
    ("ags", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nopember", 11),
    ("nov", 11),
    ("nop", 11),
    ("desember", 12),
    ("december", 12),
    ("des", 12),
    ("dec", 12),
    ("agust", 8),
    ("juny", 6),
    ("febr", 2),
    ("okto", 10),
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(n, _)| *n == w).map(|&(_, m)| m)
}

/// Digits only, at most `max` of them.
fn number(s: &str, max: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn year(s: &str) -> Result<i32, DateError> {
    let bad = |message: String| DateError::new(DateProblem::Year, message);
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().map_err(|_| bad("not a year".to_owned()));
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
        return Err(bad(format!(
            "the year {s:?} does not have four digits (write e.g. 2022, not 22 or 20222)"
        )));
    }
    Err(bad(format!("{s:?} is not a year")))
}

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        DateError::new(
            DateProblem::NotACalendarDate,
            "day and month are not a calendar date".to_owned(),
        )
    })
}

fn not_a_date() -> DateError {
    DateError::new(DateProblem::NotADate, format!("not a date ({EXPECTED})"))
}

const EXPECTED: &str = "expected YYYY-MM-DD, DD/MM/YYYY (also - or .) or a day, month name and year such as \
                        12 Juli 2022";

/// A date without the window check.
#[allow(clippy::many_single_char_names)] // day, month, year and the three parts
fn parse_any(s: &str, dayfirst: bool) -> Result<NaiveDate, DateError> {
    if let Some(d) = iso_date::fast(s) {
        return Ok(d);
    }
    // ISO with a time (pandas and Excel timestamps): the date part.
    if s.len() > 10
        && s.is_char_boundary(10)
        && matches!(s.as_bytes()[10], b'T' | b' ')
        && let Some(d) = iso_date::fast(&s[..10])
    {
        return Ok(d);
    }
    if !s.starts_with(char::is_alphanumeric) || !s.ends_with(char::is_alphanumeric) {
        return Err(not_a_date());
    }
    let parts: Vec<&str> = s
        .split(['/', '-', '.', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    let [a, b, c] = parts[..] else {
        return Err(not_a_date());
    };
    // YYYY-M-D with one-digit parts, or YYYY/MM/DD.
    if a.len() == 4
        && let (Some(m), Some(d)) = (number(b, 2), number(c, 2))
    {
        return ymd(year(a)?, m, d);
    }
    // A month name first (`July 12, 2022`) or second (`12 Juli 2022`).
    if let (Some(m), Some(d)) = (month_number(a), number(b, 2)) {
        return ymd(year(c)?, m, d);
    }
    if let (Some(d), Some(m)) = (number(a, 2), month_number(b)) {
        return ymd(year(c)?, m, d);
    }
    let (Some(x), Some(y)) = (number(a, 2), number(b, 2)) else {
        return Err(not_a_date());
    };
    let yr = year(c)?;
    let (d, m) = if dayfirst { (x, y) } else { (y, x) };
    ymd(yr, m, d).map_err(|e| {
        if NaiveDate::from_ymd_opt(yr, d, m).is_some() {
            let (used, option) = if dayfirst {
                ("day first (DD/MM/YYYY)", "false")
            } else {
                ("month first (MM/DD/YYYY)", "true")
            };
            let py = if dayfirst { "False" } else { "True" };
            DateError::new(
                DateProblem::OtherOrder { dayfirst },
                format!(
                    "{e} when read {used}; it would be a date in the other order: if the file writes dates that \
                     way, import it with dayfirst set to {option} (Python: dayfirst={py}, JSON: \"dayfirst\": \
                     {option})"
                ),
            )
        } else {
            e
        }
    })
}

/// Parses a date cell with the default options: day-first numeric dates, years 1900–2100. See the module table.
///
/// ```
/// use kim_core::registry::parse_date;
/// assert_eq!(parse_date("01/03/2024").unwrap().to_string(), "2024-03-01");
/// assert_eq!(parse_date("1 Agustus 2023").unwrap().to_string(), "2023-08-01");
/// assert!(parse_date("2024-02-30").is_err());
/// assert!(parse_date("07/25/2022").unwrap_err().to_string().contains("dayfirst=False"));
/// assert!(parse_date("0000-01-01").is_err());
/// ```
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, DateError> {
    parse_date_with(s, &ImportOptions::default())
}

/// Parses a date cell as [`parse_date`] with `options.dayfirst` and the year window of `options`.
///
/// ```
/// use kim_core::registry::{ImportOptions, parse_date_with};
/// let mut us = ImportOptions::default();
/// us.dayfirst = false;
/// assert_eq!(parse_date_with("07/25/2022", &us).unwrap().to_string(), "2022-07-25");
/// ```
pub fn parse_date_with(
    s: &str,
    options: &ImportOptions,
) -> std::result::Result<NaiveDate, DateError> {
    let d = parse_any(s.trim(), options.dayfirst)?;
    check_window(d, options.min_year, options.max_year).map_err(|e| {
        DateError::new(
            DateProblem::OutsideWindow {
                year: d.year(),
                min: options.min_year,
                max: options.max_year,
            },
            format!("{e} (the import options min_year/max_year)"),
        )
    })?;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_forms_indonesian_sheets_write() {
        for (text, iso) in [
            ("2022-07-12", "2022-07-12"),
            ("2022-07-12T00:00:00", "2022-07-12"),
            ("2022-07-12 00:00:00", "2022-07-12"),
            ("12/07/2022", "2022-07-12"),
            ("12-07-2022", "2022-07-12"),
            ("12.07.2022", "2022-07-12"),
            ("1/7/2022", "2022-07-01"),
            ("12 Juli 2022", "2022-07-12"),
            ("12 Jul 2022", "2022-07-12"),
            ("1 Agustus 2023", "2023-08-01"),
            ("1 Agt 2023", "2023-08-01"),
            ("1 agu 2023", "2023-08-01"),
            ("5-Okt-2021", "2021-10-05"),
            ("24 Des 2020", "2020-12-24"),
            ("3 Mei 2019", "2019-05-03"),
            ("3 Pebruari 2019", "2019-02-03"),
            ("17 Nopember 2019", "2019-11-17"),
            ("12 July 2022", "2022-07-12"),
            ("July 12, 2022", "2022-07-12"),
            ("12-Aug-2023", "2023-08-12"),
            ("  2024-02-29 ", "2024-02-29"),
        ] {
            assert_eq!(parse_date(text), Ok(d(iso)), "{text:?}");
        }
    }

    #[test]
    fn an_ambiguous_date_is_never_read_the_other_way() {
        let e = parse_date("07/25/2022").unwrap_err().to_string();
        assert!(
            e.contains("day first") && e.contains("dayfirst=False"),
            "{e}"
        );
        let us = ImportOptions {
            dayfirst: false,
            ..ImportOptions::default()
        };
        assert_eq!(parse_date_with("07/25/2022", &us), Ok(d("2022-07-25")));
        assert_eq!(parse_date_with("07/12/2022", &us), Ok(d("2022-07-12")));
        let e = parse_date_with("25/07/2022", &us).unwrap_err().to_string();
        assert!(
            e.contains("month first") && e.contains("dayfirst=True"),
            "{e}"
        );
        // Valid in neither order: no hint about the order.
        assert!(
            !parse_date("31/31/2022")
                .unwrap_err()
                .to_string()
                .contains("dayfirst")
        );
    }

    #[test]
    fn years_outside_the_window_and_other_junk_are_errors() {
        for bad in [
            "0000-01-01",
            "1899-12-31",
            "2101-01-01",
            "12/07/20222",
            "12/07/22",
            "-2022-07-12",
            "12 Juli",
            "Juli 2022",
            "12 Julember 2022",
            "2024-02-30",
            "",
            "kemarin",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
        let e = parse_date("0000-01-01").unwrap_err().to_string();
        assert!(e.contains("1900–2100") && e.contains("min_year"), "{e}");
        let old = ImportOptions {
            min_year: 1800,
            ..ImportOptions::default()
        };
        assert_eq!(parse_date_with("1850-01-01", &old), Ok(d("1850-01-01")));
    }

    proptest::proptest! {
        /// Any date in the window, written in any accepted form, reads back as itself; outside it, never.
        #[test]
        fn every_written_form_reads_back(days in -80_000i64..80_000, form in 0usize..7) {
            let date = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + chrono::Duration::days(days);
            let text = match form {
                0 => date.format("%Y-%m-%d").to_string(),
                1 => date.format("%d/%m/%Y").to_string(),
                2 => date.format("%d-%m-%Y").to_string(),
                3 => date.format("%d.%m.%Y").to_string(),
                4 => date.format("%d %B %Y").to_string(),
                5 => date.format("%d %b %Y").to_string(),
                _ => {
                    const ID: [&str; 12] = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                        "Agustus", "September", "Oktober", "November", "Desember"];
                    format!("{} {} {}", date.day(), ID[date.month0() as usize], date.year())
                }
            };
            let inside = (1900..=2100).contains(&date.year());
            match parse_date(&text) {
                Ok(back) => proptest::prop_assert!(inside && back == date, "{text} -> {back}"),
                Err(e) => proptest::prop_assert!(!inside, "{text}: {e}"),
            }
            let us = ImportOptions { dayfirst: false, ..ImportOptions::default() };
            let month_first = date.format("%m/%d/%Y").to_string();
            proptest::prop_assert_eq!(parse_date_with(&month_first, &us).ok(), inside.then_some(date));
        }
    }
}
