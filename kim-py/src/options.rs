//! The import options of `Registry.from_csv` / `from_records` / `from_pandas` (keyword arguments), converted to one
//! `kim_core::registry::ImportOptions`. No rule lives here: only the conversion and its argument errors.

use std::collections::HashMap;

use kim_core::registry::{ImportOptions, TextEncoding};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::arg;

/// The keyword arguments this module reads (the rest are refused with their name).
pub const KEYS: &[&str] = &[
    "delimiter",
    "encoding",
    "columns",
    "dayfirst",
    "min_year",
    "max_year",
    "max_errors",
    "max_bad_rows",
    "max_columns",
    "places",
];

/// `ImportOptions` from keyword arguments; `None` for a key is its default.
pub fn import_options(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<ImportOptions> {
    let mut o = ImportOptions::default();
    let Some(kwargs) = kwargs else {
        return Ok(o);
    };
    for (k, v) in kwargs.iter() {
        let key: String = k.extract()?;
        if v.is_none() {
            if KEYS.contains(&key.as_str()) {
                continue;
            }
            return Err(unknown(&key));
        }
        let bad = |what: &str| arg(format!("{key} must be {what}"));
        match key.as_str() {
            "delimiter" => {
                let d: String = v.extract().map_err(|_| bad("a one-character str"))?;
                o.delimiter = match d.as_bytes() {
                    [b] if d.is_ascii() => Some(*b),
                    _ => return Err(bad("one ASCII character such as \",\" or \";\"")),
                };
            }
            "encoding" => {
                let e: String = v.extract().map_err(|_| bad("a str"))?;
                o.encoding = Some(e.parse::<TextEncoding>().map_err(arg)?);
            }
            "columns" => {
                o.columns = v
                    .extract::<HashMap<String, String>>()
                    .map_err(|_| bad("a dict of str to str (file header → kim column)"))?;
            }
            "dayfirst" => o.dayfirst = v.extract().map_err(|_| bad("a bool"))?,
            "min_year" => o.min_year = v.extract().map_err(|_| bad("an int"))?,
            "max_year" => o.max_year = v.extract().map_err(|_| bad("an int"))?,
            "max_errors" => o.max_errors = v.extract().map_err(|_| bad("an int ≥ 0"))?,
            "max_bad_rows" => {
                o.max_bad_rows = Some(v.extract().map_err(|_| bad("an int ≥ 1 or None"))?);
            }
            "max_columns" => o.max_columns = v.extract().map_err(|_| bad("an int ≥ 1"))?,
            "places" => crate::places::set_places(&mut o, Some(&v))?,
            _ => return Err(unknown(&key)),
        }
    }
    Ok(o)
}

fn unknown(key: &str) -> PyErr {
    pyo3::exceptions::PyTypeError::new_err(format!(
        "unexpected keyword argument {:?}; the import options are {}",
        kim_core::privacy::mask_text(key),
        KEYS.join(", ")
    ))
}

/// A date argument: a `datetime.date` (or `datetime.datetime`, its day) or an ISO string `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug)]
pub struct Day(pub chrono::NaiveDate);

impl<'py> FromPyObject<'_, 'py> for Day {
    type Error = PyErr;

    fn extract(obj: pyo3::Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = obj.extract::<String>() {
            return s.trim().parse().map(Day).map_err(|_| {
                arg(format!(
                    "{:?} is not a date: give an ISO date YYYY-MM-DD or a datetime.date",
                    kim_core::privacy::mask_text(&s)
                ))
            });
        }
        if let Ok(dt) = obj.extract::<chrono::NaiveDateTime>() {
            return Ok(Day(dt.date()));
        }
        obj.extract::<chrono::NaiveDate>().map(Day).map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(
                "expected a datetime.date or an ISO date string YYYY-MM-DD",
            )
        })
    }
}

/// An optional [`Day`] as a date.
pub fn day(d: Option<Day>) -> Option<chrono::NaiveDate> {
    d.map(|d| d.0)
}
