//! `kim.Forums`, `kim.Pembinaan`, `kim.PembinaanReport`, `kim.Table` and the functions `kim.forum_coverage`,
//! `kim.kim_forum_affiliation`, `kim.pembinaan_report`. Each converts its inputs, calls one kim-core function
//! (`kim_core::forum`, `kim_core::pembinaan`) and converts the output.
//!
//! The tables here (`kim.Table`: metrics, sarpras, funding, activities of a report) are a small table of their own
//! (records with named columns), not the column machinery of `kim.CoverageTable`, which is shaped for coverage rows.

use std::path::PathBuf;

use chrono::NaiveDate;
use kim_core::forum::{
    AffiliationOptions, ForumLevel, ForumRegistry, ForumRules, check_forums,
    forum_coverage as core_forum_coverage, kim_forum_affiliation as core_affiliation,
};
use kim_core::pembinaan::{
    ActivityKind, PembinaanData, PembinaanOptions, PembinaanReport, check_pembinaan,
    pembinaan_report as core_report,
};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::errors::{IntoPyResult, arg, io};
use crate::options::import_options;
use crate::registry::PyRegistry;
use crate::wilayah::{PyReference, kode};
use crate::{from_py, ser_to_py, to_py, today};

/// A CSV given as a path or as bytes.
fn csv_bytes(source: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = source.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    let path: PathBuf = source
        .extract()
        .map_err(|_| arg("give the CSV as a path (str or os.PathLike) or as bytes"))?;
    std::fs::read(&path).map_err(io(&path))
}

fn forum_level(s: &str) -> PyResult<ForumLevel> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
        arg(format!(
            "{s:?} is not a forum level; expected kecamatan, kab_kota, provinsi or nasional"
        ))
    })
}

fn reference_or_embedded(reference: Option<PyRef<'_, PyReference>>) -> PyReference {
    reference.map_or_else(PyReference::embedded_ref, |r| r.clone())
}

/// Forums KIM at four levels (kecamatan, kab_kota, provinsi, nasional), with their instruments, terms and officers,
/// dated status and dated memberships. Built from forum JSON (`schema_version` 1) or from a list of forum dicts in
/// the same shape.
///
/// >>> forums = kim.Forums.from_json(open("examples/data/forum_kukar.json").read())
/// >>> forums.memberships_of("KIM-6402-001", datetime.date(2025, 6, 30))
/// ['FK-640201']
#[pyclass(name = "Forums", module = "kim", frozen)]
pub struct PyForums {
    pub(crate) inner: ForumRegistry,
}

#[pymethods]
impl PyForums {
    /// Forums from a list of dicts (the elements of `forums` in forum JSON).
    #[new]
    fn new(forums: &Bound<'_, PyAny>) -> PyResult<Self> {
        let list = from_py(forums)?;
        let doc = serde_json::json!({"schema_version": kim_core::SCHEMA_VERSION, "forums": list});
        Ok(Self {
            inner: ForumRegistry::from_json(&doc.to_string()).py()?,
        })
    }

    /// Forums from forum JSON text.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(Self {
            inner: ForumRegistry::from_json(json).py()?,
        })
    }

    /// Forum JSON (`schema_version` 1).
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The forum ids, in order.
    #[getter]
    fn ids(&self) -> Vec<String> {
        self.inner.forums().iter().map(|f| f.id.clone()).collect()
    }

    /// One forum as a dict, or None.
    fn get(&self, py: Python<'_>, id: &str) -> PyResult<Py<PyAny>> {
        match self.inner.get(id) {
            Some(f) => ser_to_py(py, f),
            None => Ok(py.None()),
        }
    }

    /// The ids of the active forums that KIM `kim_id` is an active member of on `as_of` (lowest level first).
    #[pyo3(signature = (kim_id, as_of = None))]
    fn memberships_of(&self, kim_id: &str, as_of: Option<NaiveDate>) -> Vec<String> {
        self.inner
            .memberships_of(kim_id, as_of.unwrap_or_else(today))
            .into_iter()
            .map(|(f, _)| f.id.clone())
            .collect()
    }

    /// The id of the active forum of `level` that KIM `kim_id` belongs to on `as_of`, directly or through active
    /// lower forums; None if none.
    #[pyo3(signature = (kim_id, level, as_of = None))]
    fn forum_of(
        &self,
        kim_id: &str,
        level: &str,
        as_of: Option<NaiveDate>,
    ) -> PyResult<Option<String>> {
        let l = forum_level(level)?;
        Ok(self
            .inner
            .forum_of(kim_id, l, as_of.unwrap_or_else(today))
            .map(|f| f.id.clone()))
    }

    /// The rules FR1–FR13 on `as_of`: a dict with `ok` and `findings` (each with `code`, `severity`, `path`,
    /// `citation`, `message_id`, `message_en`). `rules` is a dict of the overlay settings (`overlay`, `term_years`,
    /// `officers_severity`, `confirmer`, …); national defaults when None.
    #[pyo3(signature = (registry, *, as_of = None, rules = None, reference = None))]
    fn check(
        &self,
        py: Python<'_>,
        registry: PyRef<'_, PyRegistry>,
        as_of: Option<NaiveDate>,
        rules: Option<&Bound<'_, PyDict>>,
        reference: Option<PyRef<'_, PyReference>>,
    ) -> PyResult<Py<PyAny>> {
        let rules: ForumRules = match rules {
            Some(d) => serde_json::from_value(from_py(d.as_any())?)
                .map_err(|e| arg(format!("rules: {e}")))?,
            None => ForumRules::national(),
        };
        let r = reference_or_embedded(reference);
        let report = check_forums(
            &self.inner,
            &registry.inner,
            r.reference(),
            &rules,
            as_of.unwrap_or_else(today),
        );
        ser_to_py(py, &report)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<kim.Forums: {} forums>", self.inner.len())
    }
}

/// Forum coverage: units of the level inside `within` with at least one active forum of that level, over all such
/// units (the code list is the universe). A dict: `name`, `within`, `numerator`, `denominator`, `ratio`,
/// `code_list_version`, `as_of`.
///
/// >>> kim.forum_coverage(forums, level="kecamatan", within="64.02", as_of=datetime.date(2025, 6, 30))["numerator"]
/// 3
#[pyfunction]
#[pyo3(signature = (forums, /, *, level = "kecamatan", within = None, as_of = None, reference = None))]
fn forum_coverage(
    py: Python<'_>,
    forums: PyRef<'_, PyForums>,
    level: &str,
    within: Option<&str>,
    as_of: Option<NaiveDate>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let l = forum_level(level)?;
    let w = within.map(kode).transpose()?;
    let r = reference_or_embedded(reference);
    let m = core_forum_coverage(
        &forums.inner,
        r.reference(),
        l,
        w,
        as_of.unwrap_or_else(today),
    )
    .py()?;
    ser_to_py(py, &m)
}

/// KIM–forum affiliation: active KIMs inside `within` with an active membership in an active forum (of `level`
/// when given, reached directly or through active lower forums), over the active KIMs. A metric dict.
#[pyfunction]
#[pyo3(signature = (forums, registry, /, *, level = None, within = None, as_of = None, reference = None))]
fn kim_forum_affiliation(
    py: Python<'_>,
    forums: PyRef<'_, PyForums>,
    registry: PyRef<'_, PyRegistry>,
    level: Option<&str>,
    within: Option<&str>,
    as_of: Option<NaiveDate>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let mut opts = AffiliationOptions::default();
    if let Some(l) = level {
        opts = opts.level(forum_level(l)?);
    }
    let w = within.map(kode).transpose()?;
    let r = reference_or_embedded(reference);
    let m = core_affiliation(
        &forums.inner,
        &registry.inner,
        r.reference(),
        w,
        &opts,
        as_of.unwrap_or_else(today),
    )
    .py()?;
    ser_to_py(py, &m)
}

/// Pembinaan data: activities (kind, organizer, dates, location, mode, topics, participants with attendance,
/// funding with an optional SIPD code) and sarpras grants (items, quantities, values, BAST number). Built from
/// pembinaan JSON (`schema_version` 1); CSV activities and attendance lists (daftar hadir) are added with
/// `import_activities_csv` and `import_attendance_csv`, which return the import report (every rejected row with its
/// line, field and code).
#[pyclass(name = "Pembinaan", module = "kim")]
pub struct PyPembinaan {
    pub(crate) inner: PembinaanData,
}

#[pymethods]
impl PyPembinaan {
    /// Empty pembinaan data.
    #[new]
    fn new() -> Self {
        Self {
            inner: PembinaanData::new(),
        }
    }

    /// From pembinaan JSON text.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(Self {
            inner: PembinaanData::from_json(json).py()?,
        })
    }

    /// Pembinaan JSON (`schema_version` 1). It holds the names of participants: data, not a log.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The activity ids, in order.
    #[getter]
    fn activity_ids(&self) -> Vec<String> {
        self.inner.activities.iter().map(|a| a.id.clone()).collect()
    }

    /// Adds the activities of a CSV (a path or bytes); returns the import report as a dict. Keyword options as
    /// `Registry.from_csv` (`delimiter`, `encoding`, `columns`, `dayfirst`, `min_year`, `max_year`, `max_errors`,
    /// `max_bad_rows`, `max_columns`), except `places`.
    #[pyo3(signature = (source, **options))]
    fn import_activities_csv(
        &mut self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let options = import_options(options)?;
        let bytes = csv_bytes(source)?;
        let report = self
            .inner
            .import_activities_csv(bytes.as_slice(), &options)
            .py()?;
        ser_to_py(py, &report)
    }

    /// Adds the participants of an attendance list (a path or bytes); with `registry`, a KIM it does not hold
    /// rejects its row. Returns the import report as a dict. Keyword options as `import_activities_csv`.
    #[pyo3(signature = (source, registry = None, **options))]
    fn import_attendance_csv(
        &mut self,
        py: Python<'_>,
        source: &Bound<'_, PyAny>,
        registry: Option<PyRef<'_, PyRegistry>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let options = import_options(options)?;
        let bytes = csv_bytes(source)?;
        let reg = registry.as_ref().map(|r| &r.inner);
        let report = self
            .inner
            .import_attendance_csv(bytes.as_slice(), reg, &options)
            .py()?;
        ser_to_py(py, &report)
    }

    /// The ids of the activities KIM `kim_id` attended whose last day lies in `[start, end]`, in date order.
    fn attended_by(&self, kim_id: &str, start: NaiveDate, end: NaiveDate) -> Vec<String> {
        self.inner
            .attended_by(kim_id, start, end)
            .into_iter()
            .map(|a| a.id.clone())
            .collect()
    }

    /// The rules PB1–PB4 and PB7 on `as_of`: a dict with `ok` and `findings`.
    #[pyo3(signature = (registry, *, as_of = None))]
    fn check(
        &self,
        py: Python<'_>,
        registry: PyRef<'_, PyRegistry>,
        as_of: Option<NaiveDate>,
    ) -> PyResult<Py<PyAny>> {
        let f = check_pembinaan(
            &self.inner,
            &registry.inner,
            &PembinaanOptions::default(),
            as_of.unwrap_or_else(today),
        );
        ser_to_py(py, &f)
    }

    fn __len__(&self) -> usize {
        self.inner.activities.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.Pembinaan: {} activities, {} grants>",
            self.inner.activities.len(),
            self.inner.grants.len()
        )
    }
}

/// The Arrow PyCapsule stream of `records` (dicts) with `columns` in this order, through pyarrow: an empty table
/// keeps its columns (as nulls).
pub(crate) fn arrow_stream(
    py: Python<'_>,
    records: &Bound<'_, PyList>,
    columns: &[String],
    requested_schema: Option<Py<PyAny>>,
) -> PyResult<Py<PyAny>> {
    let pa = py.import("pyarrow")?;
    let table = if records.is_empty() {
        let fields = PyDict::new(py);
        for c in columns {
            fields.set_item(c, pa.call_method0("null")?)?;
        }
        pa.call_method1("schema", (fields,))?
            .call_method0("empty_table")?
    } else {
        pa.getattr("Table")?
            .call_method1("from_pylist", (records,))?
            .call_method1("select", (columns.to_vec(),))?
    };
    Ok(table
        .call_method1("__arrow_c_stream__", (requested_schema,))?
        .unbind())
}

/// A table of records with named columns: `.to_records()`, `.to_pandas()`, `.to_polars()` and the Arrow PyCapsule
/// interface (`__arrow_c_stream__`, through pyarrow). pandas, polars and pyarrow are imported only when used.
#[pyclass(name = "Table", module = "kim", frozen)]
pub struct PyTable {
    columns: Vec<String>,
    rows: Vec<serde_json::Value>,
}

impl PyTable {
    fn from_rows<T: serde::Serialize>(columns: &[&str], rows: &[T]) -> PyResult<Self> {
        let rows = rows
            .iter()
            .map(|r| serde_json::to_value(r).map_err(|e| arg(e.to_string())))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Self {
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
        })
    }
}

#[pymethods]
impl PyTable {
    /// The column names.
    #[getter]
    fn columns(&self) -> Vec<String> {
        self.columns.clone()
    }

    /// The rows as a list of dicts (dates as `datetime.date`).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for r in &self.rows {
            let d = PyDict::new(py);
            for c in &self.columns {
                d.set_item(c, to_py(py, r.get(c).unwrap_or(&serde_json::Value::Null))?)?;
            }
            out.append(d)?;
        }
        Ok(out)
    }

    /// A pandas DataFrame.
    fn to_pandas(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let pd = py.import("pandas")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", self.columns.clone())?;
        Ok(pd
            .getattr("DataFrame")?
            .call_method("from_records", (self.to_records(py)?,), Some(&kwargs))?
            .unbind())
    }

    /// A polars DataFrame.
    fn to_polars(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let pl = py.import("polars")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("schema", self.columns.clone())?;
        kwargs.set_item("orient", "row")?;
        let rows = PyList::empty(py);
        for r in self.to_records(py)?.iter() {
            let d = r.cast_into::<PyDict>()?;
            let row = PyList::empty(py);
            for c in &self.columns {
                row.append(d.get_item(c)?)?;
            }
            rows.append(row)?;
        }
        Ok(pl
            .getattr("DataFrame")?
            .call((rows,), Some(&kwargs))?
            .unbind())
    }

    /// The Arrow PyCapsule stream interface (through pyarrow).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__(
        &self,
        py: Python<'_>,
        requested_schema: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        arrow_stream(py, &self.to_records(py)?, &self.columns, requested_schema)
    }

    fn __len__(&self) -> usize {
        self.rows.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.Table: {} rows × {} columns>",
            self.rows.len(),
            self.columns.len()
        )
    }
}

const METRIC_COLUMNS: &[&str] = &[
    "name",
    "within",
    "numerator",
    "denominator",
    "ratio",
    "code_list_version",
    "as_of",
];

/// The pembinaan report of a kab/kota or province for a period: `.to_dict()`, `.to_json()`, and tables
/// `.metrics()`, `.activities()`, `.sarpras()`, `.funding()`.
#[pyclass(name = "PembinaanReport", module = "kim", frozen)]
pub struct PyPembinaanReport {
    inner: PembinaanReport,
}

#[pymethods]
impl PyPembinaanReport {
    /// The whole report as a dict (`schema_version` 1).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner)
    }

    /// The whole report as JSON (`schema_version` 1).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.inner).map_err(|e| arg(e.to_string()))
    }

    /// Who the report goes to: a list of (office, copy) (PB8).
    #[getter]
    fn recipients(&self) -> Vec<(String, bool)> {
        self.inner
            .recipients
            .iter()
            .map(|r| (r.office.clone(), r.copy))
            .collect()
    }

    /// The metrics, one row each.
    fn metrics(&self) -> PyResult<PyTable> {
        let r = &self.inner;
        let rows = [
            &r.trained_share_12m,
            &r.pembinaan_reach_12m,
            &r.monev_coverage,
            &r.kecamatan_reached.metric,
            &r.spm_kecamatan_coverage,
        ];
        PyTable::from_rows(METRIC_COLUMNS, &rows)
    }

    /// Activities per kind.
    fn activities(&self) -> PyResult<PyTable> {
        PyTable::from_rows(
            &["kind", "activities", "participations", "kims"],
            &self.inner.activities,
        )
    }

    /// Sarpras per item kind.
    fn sarpras(&self) -> PyResult<PyTable> {
        PyTable::from_rows(
            &[
                "kind",
                "units",
                "recipients",
                "grants",
                "value",
                "values_unknown",
            ],
            &self.inner.sarpras,
        )
    }

    /// Funding per source.
    fn funding(&self) -> PyResult<PyTable> {
        PyTable::from_rows(
            &[
                "source",
                "activities",
                "grants",
                "amount",
                "amounts_unknown",
            ],
            &self.inner.funding,
        )
    }

    fn __repr__(&self) -> String {
        let t = &self.inner.trained_share_12m;
        format!(
            "<kim.PembinaanReport {} ({}) {} – {}: trained {}/{}>",
            self.inner.unit_name,
            self.inner.unit,
            self.inner.from,
            self.inner.to,
            t.numerator,
            t.denominator
        )
    }
}

/// The pembinaan report of `unit` (a kab/kota or province code) for `[start, end]` (`end` defaults to today, `start`
/// to the 12 months that end on `end`), for the kepala daerah with copies to the Minister. `training` replaces the
/// activity kinds that count as training; `window_months` the 12-month window.
///
/// >>> r = kim.pembinaan_report(pembinaan, reg, unit="64.02", end=datetime.date(2025, 6, 30))
/// >>> r.to_dict()["trained_share_12m"]["numerator"]
/// 8
#[pyfunction]
#[pyo3(signature = (pembinaan, registry, /, *, unit, start = None, end = None, training = None, window_months = 12, reference = None))]
#[allow(clippy::too_many_arguments)] // keyword arguments
fn pembinaan_report(
    py: Python<'_>,
    pembinaan: PyRef<'_, PyPembinaan>,
    registry: PyRef<'_, PyRegistry>,
    unit: &str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    training: Option<Vec<String>>,
    window_months: u32,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<PyPembinaanReport> {
    let unit = kode(unit)?;
    let end = end.unwrap_or_else(today);
    let mut opts = PembinaanOptions::default().window_months(window_months);
    if let Some(kinds) = training {
        let kinds = kinds
            .iter()
            .map(|k| {
                k.parse::<ActivityKind>()
                    .map_err(|e| arg(format!("training: {e}")))
            })
            .collect::<PyResult<Vec<_>>>()?;
        opts = opts.training(&kinds);
    }
    let start = match start {
        Some(s) => s,
        None => kim_core::pembinaan::window(end, window_months).py()?.0,
    };
    let r = reference_or_embedded(reference);
    let data = &pembinaan.inner;
    let reg = &registry.inner;
    let inner = py
        .detach(|| core_report(data, reg, r.reference(), unit, start, end, &opts))
        .py()?;
    Ok(PyPembinaanReport { inner })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyForums>()?;
    m.add_class::<PyPembinaan>()?;
    m.add_class::<PyPembinaanReport>()?;
    m.add_class::<PyTable>()?;
    m.add_function(wrap_pyfunction!(forum_coverage, m)?)?;
    m.add_function(wrap_pyfunction!(kim_forum_affiliation, m)?)?;
    m.add_function(wrap_pyfunction!(pembinaan_report, m)?)?;
    Ok(())
}
