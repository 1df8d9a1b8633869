//! Code lists through time: `kim.code_list_versions`, `code_list_in_force`, `code_list_diff`,
//! `code_list_crosswalk` and `coverage_by_date` (the `kim.versions` module wraps them, with pandas DataFrames).

use chrono::NaiveDate;
use kim_core::coverage::{
    CodeListChoice, CoverageOptions, coverage_by_date as core_coverage_by_date,
};
use kim_core::wilayah::{Crosswalk, Reference, diff};
use pyo3::prelude::*;

use crate::errors::IntoPyResult;
use crate::registry::PyRegistry;
use crate::ser_to_py;
use crate::wilayah::{kode, level};

/// Every embedded code list version, oldest first: dicts with id, decree, in_force, upstream_file,
/// upstream_sha256, counts and current.
#[pyfunction]
fn code_list_versions(py: Python<'_>) -> PyResult<Py<PyAny>> {
    ser_to_py(py, Reference::versions())
}

/// The version in force on a date: `{"version": {...}, "before_oldest": False}`. Before the oldest version
/// (2016-01-01) the oldest list is used and `before_oldest` is True.
#[pyfunction]
fn code_list_in_force(py: Python<'_>, date: NaiveDate) -> PyResult<Py<PyAny>> {
    let f = Reference::in_force(date).py()?;
    ser_to_py(
        py,
        &serde_json::json!({"version": f.version, "before_oldest": f.before_oldest}),
    )
}

/// The differences between two versions: one dict per changed unit (change, level, old_code, old_name, new_code,
/// new_name, confidence, candidates).
#[pyfunction]
fn code_list_diff(py: Python<'_>, from_version: &str, to_version: &str) -> PyResult<Py<PyAny>> {
    let (a, b) = (
        Reference::version_id(from_version).py()?,
        Reference::version_id(to_version).py()?,
    );
    let d = py.detach(|| diff(a, b));
    ser_to_py(py, &d.rows)
}

/// Seat codes migrated from one version to another: one dict per code (code, status, new_code, old_name, new_name,
/// confidence, candidates).
#[pyfunction]
fn code_list_crosswalk(
    py: Python<'_>,
    codes: Vec<String>,
    from_version: &str,
    to_version: &str,
) -> PyResult<Py<PyAny>> {
    let codes = codes
        .iter()
        .map(|c| kode(c))
        .collect::<PyResult<Vec<_>>>()?;
    let (a, b) = (
        Reference::version_id(from_version).py()?,
        Reference::version_id(to_version).py()?,
    );
    let rows = py.detach(|| Crosswalk::new(a, b).migrate_all(&codes));
    ser_to_py(py, &rows)
}

/// Coverage with the code list in force on `as_of` (or `code_list`, a version id): a dict with version,
/// before_oldest, seats_rekeyed and table (the coverage table as a dict).
#[pyfunction]
#[pyo3(signature = (registry, /, *, as_of, level = "kecamatan", within = None, code_list = None))]
fn coverage_by_date(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    as_of: NaiveDate,
    level: &str,
    within: Option<&str>,
    code_list: Option<String>,
) -> PyResult<Py<PyAny>> {
    let mut o = CoverageOptions::new(as_of).level(self::level(level)?);
    if let Some(w) = within {
        o = o.within(kode(w)?);
    }
    let choice = code_list.map_or(CodeListChoice::InForce, CodeListChoice::Pinned);
    let reg = &registry.inner;
    let c = py.detach(|| core_coverage_by_date(reg, &o, &choice)).py()?;
    ser_to_py(py, &c)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(code_list_versions, m)?)?;
    m.add_function(wrap_pyfunction!(code_list_in_force, m)?)?;
    m.add_function(wrap_pyfunction!(code_list_diff, m)?)?;
    m.add_function(wrap_pyfunction!(code_list_crosswalk, m)?)?;
    m.add_function(wrap_pyfunction!(coverage_by_date, m)?)?;
    Ok(())
}
