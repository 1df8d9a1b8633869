//! Python bindings of kim (`import kim`). Each function converts its inputs, calls one kim-core function, and
//! converts the output; no business rule lives here. Conversion helpers (Python objects to JSON and back, keyword
//! arguments to core option types, pandas and Arrow exports) are the only code of this crate that is not a call.
#![allow(clippy::needless_pass_by_value)] // pyfunction arguments are owned by design
#![allow(clippy::doc_link_with_quotes)] // docstrings are Python (doctest output uses quoted lists)

mod coverage;
mod errors;
mod forum;
mod geo;
mod moderation;
mod options;
mod places;
mod registry;
mod rules;
mod versions;
mod wilayah;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Converts JSON from kim-core into Python: objects to dicts, arrays to lists, and strings that are exactly an ISO
/// date (`YYYY-MM-DD`) to `datetime.date`.
pub(crate) fn to_py(py: Python<'_>, v: &serde_json::Value) -> PyResult<Py<PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any().unbind(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any().unbind()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any().unbind()
            } else {
                n.as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
                    .unbind()
            }
        }
        Value::String(s) => match iso_date(s) {
            Some(d) => d.into_pyobject(py)?.into_any().unbind(),
            None => s.into_pyobject(py)?.into_any().unbind(),
        },
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(to_py(py, x)?)?;
            }
            l.into_any().unbind()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any().unbind()
        }
    })
}

fn iso_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        s.parse().ok()
    } else {
        None
    }
}

/// Serialises a core value and converts it (see [`to_py`]).
pub(crate) fn ser_to_py<T: serde::Serialize + ?Sized>(
    py: Python<'_>,
    v: &T,
) -> PyResult<Py<PyAny>> {
    let j = serde_json::to_value(v).map_err(|e| errors::arg(e.to_string()))?;
    to_py(py, &j)
}

/// Converts a Python object (dict, list, str, number, date, None) into JSON for kim-core; dates become ISO strings.
pub(crate) fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.extract::<bool>() {
        return Ok(Value::Bool(b));
    }
    if let Ok(i) = obj.extract::<i64>() {
        return Ok(Value::from(i));
    }
    if let Ok(f) = obj.extract::<f64>() {
        return Ok(if f.is_nan() {
            Value::Null
        } else if f.is_finite() {
            Value::from(f)
        } else {
            // JSON has no infinity; as text it reaches the core, which rejects it in the field it is in.
            Value::String(f.to_string())
        });
    }
    if let Ok(s) = obj.extract::<String>() {
        return Ok(Value::String(s));
    }
    if is_blank(obj)? {
        return Ok(Value::Null);
    }
    if let Some(d) = numpy_date(obj)? {
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(d) = obj.extract::<chrono::NaiveDate>() {
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = serde_json::Map::new();
        for (k, v) in d.iter() {
            m.insert(k.str()?.to_string(), from_py(&v)?);
        }
        return Ok(Value::Object(m));
    }
    if let Ok(it) = obj.try_iter() {
        let mut a = Vec::new();
        for x in it {
            a.push(from_py(&x?)?);
        }
        return Ok(Value::Array(a));
    }
    Err(errors::arg(format!(
        "cannot convert a {} to JSON",
        obj.get_type().name()?
    )))
}

/// True for pandas' `NaT` and `NA` and numpy's `NaT`: blanks, like `None`. (`NaT` is a `datetime` whose fields read
/// as 0001-01-01, so it must be caught before a date is extracted.) If pandas is not imported, no pandas blank exists.
fn is_blank(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    let modules = py.import("sys")?.getattr("modules")?;
    if let Ok(pd) = modules.get_item("pandas")
        && (obj.is(&pd.getattr("NaT")?) || obj.is(&pd.getattr("NA")?))
    {
        return Ok(true);
    }
    if is_numpy_datetime64(obj)? {
        // NaT is the one datetime64 that is not equal to itself.
        return obj.ne(obj);
    }
    Ok(false)
}

fn is_numpy_datetime64(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let ty = obj.get_type();
    Ok(ty.name()? == "datetime64" && ty.module()? == "numpy")
}

/// A numpy `datetime64` (not `NaT`) as its calendar day.
fn numpy_date(obj: &Bound<'_, PyAny>) -> PyResult<Option<chrono::NaiveDate>> {
    if !is_numpy_datetime64(obj)? {
        return Ok(None);
    }
    let day = obj
        .call_method1("astype", ("datetime64[D]",))?
        .call_method0("item")?;
    Ok(day.extract::<chrono::NaiveDate>().ok())
}

/// The default date of every function whose `as_of` is `None`: the machine's local date, by the clock and time zone
/// of the Python process. kim-core has no clock; this is the one place kim-py reads it.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The `kim._kim` extension module.
#[pymodule]
fn _kim(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    wilayah::register(m)?;
    registry::register(m)?;
    rules::register(m)?;
    coverage::register(m)?;
    forum::register(m)?;
    moderation::register(m)?;
    versions::register(m)?;
    geo::register(m)?;
    Ok(())
}
