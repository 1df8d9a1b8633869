//! The review list of an import as a pandas DataFrame (`errors="review"`), and `places=` back into
//! `ImportOptions::places`.

use std::collections::BTreeMap;

use kim_core::registry::{ImportOptions, ReviewItem};
use kim_core::wilayah::Kode;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde_json::Value;

use crate::errors::arg;
use crate::from_py;

/// The columns of the review DataFrame: one row per candidate of each row to review.
const COLUMNS: [&str; 14] = [
    "line",
    "id",
    "desa",
    "kecamatan",
    "kab_kota",
    "key",
    "reason",
    "rank",
    "code",
    "name",
    "candidate_kecamatan",
    "candidate_kab_kota",
    "score",
    "chosen",
];

/// One row per candidate (rank 1 = best), `chosen` False everywhere: the user sets it on the right candidates.
pub(crate) fn review_frame(py: Python<'_>, items: &[ReviewItem]) -> PyResult<Py<PyAny>> {
    let rows = PyList::empty(py);
    for item in items {
        for (rank, c) in item.candidates.iter().enumerate() {
            let d = PyDict::new(py);
            d.set_item("line", item.line)?;
            d.set_item("id", item.id.as_deref())?;
            d.set_item("desa", &item.desa)?;
            d.set_item("kecamatan", item.kecamatan.as_deref())?;
            d.set_item("kab_kota", item.kab_kota.as_deref())?;
            d.set_item("key", &item.key)?;
            d.set_item(
                "reason",
                serde_json::to_value(item.reason)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned)),
            )?;
            d.set_item("rank", rank + 1)?;
            d.set_item("code", c.kode.to_string())?;
            d.set_item("name", &c.name)?;
            d.set_item("candidate_kecamatan", c.kecamatan.as_deref())?;
            d.set_item("candidate_kab_kota", c.kab_kota.as_deref())?;
            d.set_item("score", c.score)?;
            d.set_item("chosen", false)?;
            rows.append(d)?;
        }
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("columns", COLUMNS.to_vec())?;
    Ok(py
        .import("pandas")?
        .call_method("DataFrame", (rows,), Some(&kwargs))?
        .unbind())
}

/// Sets `options.places` from `places=`: a review DataFrame (or list of dicts) whose `chosen` rows map their `key`
/// to their `code`, or a dict mapping a KIM id or a place key to a village code.
pub(crate) fn set_places(
    options: &mut ImportOptions,
    places: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let Some(places) = places else {
        return Ok(());
    };
    let value = if places.hasattr("to_dict")? && !places.is_instance_of::<PyDict>() {
        from_py(&places.call_method1("to_dict", ("records",))?)?
    } else {
        from_py(places)?
    };
    let code = |key: &str, v: &Value| -> PyResult<Kode> {
        let s = v
            .as_str()
            .ok_or_else(|| arg(format!("places[{key:?}]: the code must be a string")))?;
        Kode::parse(s).map_err(|e| arg(format!("places[{key:?}]: {e}")))
    };
    let mut map: BTreeMap<String, Kode> = BTreeMap::new();
    match value {
        Value::Object(m) => {
            for (k, v) in &m {
                map.insert(k.clone(), code(k, v)?);
            }
        }
        Value::Array(rows) => {
            for (i, row) in rows.iter().enumerate() {
                let chosen = match row.get("chosen") {
                    Some(Value::Bool(b)) => *b,
                    Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
                    Some(Value::Null) | None => false,
                    Some(other) => {
                        return Err(arg(format!(
                            "places row {}: chosen must be True or False, not {other}",
                            i + 1
                        )));
                    }
                };
                if !chosen {
                    continue;
                }
                let key = row
                    .get("key")
                    .and_then(Value::as_str)
                    .ok_or_else(|| arg(format!("places row {}: no key", i + 1)))?;
                let kode = code(key, row.get("code").unwrap_or(&Value::Null))?;
                if let Some(old) = map.insert(key.to_owned(), kode)
                    && old != kode
                {
                    return Err(arg(format!(
                        "places: two different codes chosen for {key:?} ({old} and {kode})"
                    )));
                }
            }
        }
        _ => {
            return Err(arg(
                "places must be the review DataFrame (with `chosen` set) or a dict of id or key to code",
            ));
        }
    }
    options.places = map;
    Ok(())
}
