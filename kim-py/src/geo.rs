//! `_kim.boundaries`, `_kim.coverage_geojson`: the embedded boundaries (kim-geo) as GeoJSON text. The Python side
//! (`kim.maps`) parses it with `json.loads` (faster than building the dicts here) and draws it.

use kim_core::coverage::CoverageTable;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::coverage::PyCoverageTable;
use crate::errors::{IntoPyResult, arg};
use crate::wilayah::kode;

/// The boundaries at `level` (`"provinsi"`, `"kab_kota"`, `"kecamatan"`, or `"desa"` inside Kutai Kartanegara,
/// 64.02) inside `within`, or only `codes` (in that order), as GeoJSON text: a FeatureCollection whose features
/// have `code`, `name`, `level` and `centroid` properties.
#[pyfunction]
#[pyo3(signature = (level, codes = None, *, within = None))]
fn boundaries(
    py: Python<'_>,
    level: &str,
    codes: Option<Vec<String>>,
    within: Option<&str>,
) -> PyResult<String> {
    let lv = crate::wilayah::level(level)?;
    let w = within.map(kode).transpose()?;
    let codes = codes
        .map(|c| c.iter().map(|s| kode(s)).collect::<PyResult<Vec<_>>>())
        .transpose()?;
    py.detach(|| kim_geo::select(lv, w, codes.as_deref()).map(|s| s.to_json()))
        .py()
}

/// A coverage table as GeoJSON text: one feature per row (the row's columns as properties, `"geometry": null`
/// for a row without a boundary), a `bbox`, and a `kim` member with the table's and the boundaries' code-list
/// versions, the total, the rows without a boundary and the boundaries without a row.
#[pyfunction]
fn coverage_geojson(py: Python<'_>, table: &Bound<'_, PyAny>) -> PyResult<String> {
    let table = core_table(table)?;
    py.detach(|| kim_geo::coverage_geojson(&table).map(|m| m.to_json()))
        .py()
}

/// The core table behind a `kim.CoverageTable`, read through its pickle state (the table's JSON), so that this
/// module needs nothing from `coverage.rs` but the class.
fn core_table(obj: &Bound<'_, PyAny>) -> PyResult<CoverageTable> {
    if !obj.is_instance_of::<PyCoverageTable>() {
        return Err(arg(format!(
            "expected a kim.CoverageTable, got a {}",
            obj.get_type().name()?
        )));
    }
    let state = obj.call_method0("__reduce__")?.get_item(1)?;
    let json: String = state.cast_into::<PyTuple>()?.get_item(0)?.extract()?;
    serde_json::from_str(&json).map_err(|e| arg(e.to_string()))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("BOUNDARIES_LICENSE", kim_geo::BOUNDARIES_LICENSE)?;
    m.add_function(wrap_pyfunction!(boundaries, m)?)?;
    m.add_function(wrap_pyfunction!(coverage_geojson, m)?)?;
    Ok(())
}
