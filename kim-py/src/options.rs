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
