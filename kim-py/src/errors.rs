//! Errors: the exception classes live in `kim/errors.py` (so that they can have two bases, e.g.
//! `ValidationError(KimError, ValueError)`); this module raises them by name. The mapping from core errors matches
//! every error family, with no catch-all arm.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyType};

use kim_core::{Error, ErrorFamily};

fn class<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyType>> {
    Ok(py
        .import("kim.errors")?
        .getattr(name)?
        .cast_into::<PyType>()?)
}

/// Every message kim raises goes through the core masker here (as the C ABI's do): a NIK or phone number given as a
/// level, a profile name, an `errors=` value or a file path is never echoed whole in `str(e)` or `e.args`.
fn masked(msg: &str) -> String {
    kim_core::privacy::mask_text(msg)
}

fn raise(py: Python<'_>, name: &str, msg: String) -> PyErr {
    match class(py, name) {
        Ok(cls) => PyErr::from_type(cls, masked(&msg)),
        Err(e) => e,
    }
}

/// Maps an I/O error on `path` to `kim.IoError` (as `kim_core::Error::Io`): `std::fs::read(p).map_err(io(p))`.
pub fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> PyErr + '_ {
    move |source| {
        to_py_err(&Error::Io {
            path: path.display().to_string(),
            source,
        })
    }
}

/// Converts a core error into the matching `kim.*Error`.
pub fn to_py_err(e: &Error) -> PyErr {
    let name = match e.family() {
        ErrorFamily::Code => "CodeError",
        ErrorFamily::Nik => "NikError",
        ErrorFamily::Reference => "CodeListError",
        ErrorFamily::Lexicon => "LexiconError",
        ErrorFamily::Csv => "CsvError",
        ErrorFamily::Json => "JsonError",
        ErrorFamily::Io => "KimIOError",
        ErrorFamily::Registry => "RegistryError",
        ErrorFamily::Transition => "TransitionError",
        ErrorFamily::Profile => "ProfileError",
        ErrorFamily::Argument => "ArgumentError",
        // A family added to kim-core after this table: the base class, with the stable code in the message.
        _ => "KimError",
    };
    Python::attach(|py| {
        if e.rows().is_empty() {
            raise(py, name, e.to_string())
        } else {
            // Row-level problems (a rejected code list or lexicon) also carry every row.
            let rows = PyList::empty(py);
            for r in e.rows() {
                if let Ok(d) = row_dict(py, "", r) {
                    let _ = rows.append(d);
                }
            }
            with_rows(py, name, e.to_string(), &rows)
        }
    })
}

/// `?` on core results inside pyfunctions.
pub trait IntoPyResult<T> {
    /// Maps a core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for kim_core::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(|e| to_py_err(&e))
    }
}

/// A `kim.ArgumentError` (also a `ValueError`).
pub fn arg(msg: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, "ArgumentError", msg.into()))
}

/// A `kim.JsonError` with this message (masked), for JSON documents read by a binding item by item.
pub fn json_error(msg: impl Into<String>) -> PyErr {
    Python::attach(|py| raise(py, "JsonError", msg.into()))
}

/// An exception of class `name` whose `.errors()` returns `rows`.
pub fn with_rows(py: Python<'_>, name: &str, message: String, rows: &Bound<'_, PyList>) -> PyErr {
    match class(py, name).and_then(|cls| cls.call1((masked(&message), rows))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => e,
    }
}

/// A row error as a dict: `table`, `line`, `field`, `value` (masked), `code`, `reason`.
pub fn row_dict<'py>(
    py: Python<'py>,
    table: &str,
    r: &kim_core::error::RowError,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("table", table)?;
    d.set_item("line", r.line)?;
    d.set_item("field", &r.field)?;
    d.set_item("value", &r.value)?;
    d.set_item("code", r.code)?;
    d.set_item("reason", &r.reason)?;
    Ok(d)
}
