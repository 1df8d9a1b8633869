//! Code lists through time: `kim.code_list_versions`, `code_list_in_force`, `code_list_diff`,
//! `code_list_crosswalk`, `coverage_by_date` and `unit_denominators` (the `kim.versions` module wraps them, with
//! pandas DataFrames).

use chrono::NaiveDate;
use kim_core::coverage::{
    CodeListChoice, CoverageOptions, MIN_REKEY_CONFIDENCE,
    coverage_by_date as core_coverage_by_date, migrate_registry as core_migrate_registry,
};
use kim_core::wilayah::{Crosswalk, Reference, diff};
use pyo3::prelude::*;

use crate::errors::IntoPyResult;
use crate::registry::PyRegistry;
use crate::ser_to_py;
use crate::wilayah::{PyReference, kode, level};

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
/// before_oldest, seats_rekeyed and table (the coverage table as a dict). With `denominators=True` every row has
/// `denominators` (population, area_km2, kim_per_100k_residents, kim_per_1000_km2; None without a figure) and the
/// table a `denominators` summary.
#[pyfunction]
#[pyo3(signature = (registry, /, *, as_of, level = "kecamatan", within = None, code_list = None, denominators = false))]
fn coverage_by_date(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    as_of: NaiveDate,
    level: &str,
    within: Option<&str>,
    code_list: Option<String>,
    denominators: bool,
) -> PyResult<Py<PyAny>> {
    let mut o = CoverageOptions::new(as_of)
        .level(self::level(level)?)
        .denominators(denominators);
    if let Some(w) = within {
        o = o.within(kode(w)?);
    }
    let choice = code_list.map_or(CodeListChoice::InForce, CodeListChoice::Pinned);
    let reg = &registry.inner;
    let c = py.detach(|| core_coverage_by_date(reg, &o, &choice)).py()?;
    ser_to_py(py, &c)
}

/// Population and area of one unit of `reference` (the embedded list by default): a dict with code,
/// code_list_version, population and area_km2, each `{"value", "source", "year"}` or None (kecamatan, villages and
/// other lists have no figure).
#[pyfunction]
#[pyo3(signature = (code, /, *, reference = None))]
fn unit_denominators(
    py: Python<'_>,
    code: &str,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let r = r.reference();
    let code = r.unit(kode(code)?).py()?.kode;
    ser_to_py(
        py,
        &serde_json::json!({
            "code": code,
            "code_list_version": r.version(),
            "population": r.population(code),
            "area_km2": r.area_km2(code),
        }),
    )
}

/// A registry whose seats are codes of `from_version` (a system on an older list), migrated to `to_version` (today's
/// list when None): `(registry, rows)`, one row per KIM (kim_id, code, status, new_code, old_name, new_name,
/// confidence, candidates, rewritten). Seats re-keyed with confidence ≥ 0.9 take their new code; ambiguous, gone and
/// unknown seats keep theirs.
#[pyfunction]
#[pyo3(signature = (registry, /, from_version, to_version = None))]
fn migrate_registry(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    from_version: &str,
    to_version: Option<&str>,
) -> PyResult<(PyRegistry, Py<PyAny>)> {
    let from = Reference::version_id(from_version).py()?;
    let to = match to_version {
        Some(id) => Reference::version_id(id).py()?,
        None => Reference::embedded(),
    };
    let reg = &registry.inner;
    let m = py
        .detach(|| core_migrate_registry(reg, from, to, MIN_REKEY_CONFIDENCE))
        .py()?;
    let rows = ser_to_py(py, &m.seats)?;
    Ok((PyRegistry { inner: m.registry }, rows))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(code_list_versions, m)?)?;
    m.add_function(wrap_pyfunction!(code_list_in_force, m)?)?;
    m.add_function(wrap_pyfunction!(code_list_diff, m)?)?;
    m.add_function(wrap_pyfunction!(code_list_crosswalk, m)?)?;
    m.add_function(wrap_pyfunction!(coverage_by_date, m)?)?;
    m.add_function(wrap_pyfunction!(unit_denominators, m)?)?;
    m.add_function(wrap_pyfunction!(migrate_registry, m)?)?;
    Ok(())
}
