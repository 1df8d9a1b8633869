//! `kim.Rubric`, `kim.ahp`, `kim.mapping_report`, `kim.score`, `kim.eligibility`, `kim.rank`, `kim.classify`,
//! `kim.assess`:
//! pemetaan (Permenkominfo 4/2024 Pasal 24) and assessment. Each function converts its inputs and calls kim-core.

use chrono::NaiveDate;
use kim_core::assessment::{
    self, AssessOptions, Eligibility, Feeds, Observations, RankScope, Ranking, Rubric, Scores,
    TierScheme,
};
use kim_core::moderation::review::Case;
use kim_core::pemetaan::{MappingReport, Mappings, ReportOptions, TABLE_COLUMNS, province_reports};
use kim_core::rules::ProfileSet;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::errors::{IntoPyResult, arg, json_error};
use crate::forum::{PyForums, PyPembinaan, arrow_stream};
use crate::registry::PyRegistry;
use crate::wilayah::{PyReference, kode};
use crate::{from_py, ser_to_py, today};

/// A Python object (JSON text, or dicts and lists) as JSON text for kim-core.
fn json_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = obj.extract::<String>() {
        return Ok(s);
    }
    serde_json::to_string(&from_py(obj)?).map_err(|e| arg(e.to_string()))
}

/// A pandas or polars DataFrame of `rows` (dicts) with `columns` in this order; the module is imported here only.
fn frame(
    py: Python<'_>,
    module: &str,
    rows: &Bound<'_, PyList>,
    columns: &[String],
) -> PyResult<Py<PyAny>> {
    let m = py.import(module)?;
    if module == "polars" {
        let data = PyDict::new(py);
        for c in columns {
            let col = PyList::empty(py);
            for r in rows.iter() {
                col.append(r.get_item(c)?)?;
            }
            data.set_item(c, col)?;
        }
        return Ok(m.getattr("DataFrame")?.call1((data,))?.unbind());
    }
    let kwargs = PyDict::new(py);
    kwargs.set_item("columns", columns.to_vec())?;
    Ok(m.getattr("DataFrame")?
        .call((rows,), Some(&kwargs))?
        .unbind())
}

/// A rubric: criteria on ranges or band tables, and explicit or AHP weights, checked when built. Build it from
/// JSON text or a dict in the shape of `examples/data/rubric_lomba_illustrative.json`; a problem raises
/// `kim.JsonError` naming its place (`criteria[2].scale.bands[1]: gap: …`).
#[pyclass(name = "Rubric", module = "kim", frozen)]
pub struct PyRubric {
    inner: Rubric,
}

#[pymethods]
impl PyRubric {
    #[new]
    #[pyo3(signature = (obj, /))]
    fn new(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(Self {
            inner: Rubric::from_json(&json_text(obj)?).py()?,
        })
    }

    /// The id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// The title.
    #[getter]
    fn title(&self) -> &str {
        self.inner.title()
    }

    /// True when no authority adopted the rubric.
    #[getter]
    fn illustrative(&self) -> bool {
        self.inner.provenance().illustrative
    }

    /// The criteria as dicts.
    #[getter]
    fn criteria(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, self.inner.criteria())
    }

    /// The resolved weights, in criterion order (they sum to 1).
    #[getter]
    fn weights(&self) -> Vec<f64> {
        self.inner.weights().to_vec()
    }

    /// The AHP figures (`weights`, `lambda_max`, `ci`, `ri`, `cr`) when the weights come from a matrix, else None.
    #[getter]
    fn ahp(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.ahp())
    }

    /// The same rubric re-checked with another CR threshold.
    fn with_max_cr(&self, max_cr: f64) -> PyResult<Self> {
        Ok(Self {
            inner: self.inner.clone().with_max_cr(max_cr).py()?,
        })
    }

    /// The rubric as a dict.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner)
    }

    /// The rubric as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.Rubric {} · {} criteria · {}{}>",
            self.inner.id(),
            self.inner.criteria().len(),
            if self.inner.ahp().is_some() {
                "AHP weights"
            } else {
                "explicit weights"
            },
            if self.inner.provenance().illustrative {
                " · illustrative"
            } else {
                ""
            }
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (py.get_type::<Self>(), (self.inner.to_json(),)).into_pyobject(py)
    }
}

/// AHP weights of a pairwise comparison matrix (a list of rows): a dict with `weights`, `lambda_max`, `ci`, `ri`
/// and `cr`. Raises `kim.JsonError` for a matrix that is not square, not reciprocal, off Saaty's 1/9–9 scale, or
/// inconsistent (`cr >= max_cr`).
///
/// >>> a = kim.ahp([[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]])
/// >>> [round(w, 4) for w in a["weights"]], round(a["cr"], 4)
/// ([0.5714, 0.2857, 0.1429], 0.0)
#[pyfunction]
#[pyo3(signature = (matrix, /, *, max_cr = 0.10))]
fn ahp(py: Python<'_>, matrix: Vec<Vec<f64>>, max_cr: f64) -> PyResult<Py<PyAny>> {
    ser_to_py(py, &assessment::ahp(&matrix, max_cr).py()?)
}

/// The mapping report of a kab/kota for a period (Permenkominfo 4/2024 Pasal 24(2)(e)): `.to_dict()`, `.to_json()`,
/// `.to_records()`, `.to_pandas()`, `.to_polars()` (one row per `section, dimension, value, count`).
#[pyclass(name = "MappingReport", module = "kim", frozen)]
pub struct PyMappingReport {
    inner: MappingReport,
}

#[pymethods]
impl PyMappingReport {
    /// Active KIMs mapped within the maximum age over active KIMs, or None with no active KIM.
    #[getter]
    fn completeness(&self) -> Option<f64> {
        self.inner.completeness
    }

    /// Active KIMs seated in the kab/kota.
    #[getter]
    fn active_kims(&self) -> u32 {
        self.inner.active_kims
    }

    /// Of those, the ones with a current mapping.
    #[getter]
    fn mapped_kims(&self) -> u32 {
        self.inner.mapped_kims
    }

    /// Active KIMs without a current mapping (dicts: `kim_id`, `name`, `last_mapped_on`).
    #[getter]
    fn unmapped(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.unmapped)
    }

    /// The prioritised KIMs (dicts).
    #[getter]
    fn priority(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.priority)
    }

    /// Counts by dimension (dicts: `dimension`, `value`, `count`).
    #[getter]
    fn counts(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.counts)
    }

    /// The code-list version.
    #[getter]
    fn code_list_version(&self) -> &str {
        &self.inner.code_list_version
    }

    /// The report as a dict (`schema_version` 1).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner)
    }

    /// The report as versioned JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The report's table as dicts.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = PyList::empty(py);
        for r in self.inner.table_rows() {
            let d = PyDict::new(py);
            for (k, v) in TABLE_COLUMNS.iter().zip(&r) {
                if *k == "count" {
                    d.set_item(k, v.parse::<u32>().ok())?;
                } else {
                    d.set_item(k, v)?;
                }
            }
            rows.append(d)?;
        }
        Ok(rows)
    }

    /// The table as a pandas DataFrame (pandas is imported only here).
    fn to_pandas(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cols: Vec<String> = TABLE_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        frame(py, "pandas", &self.to_records(py)?, &cols)
    }

    /// The table as a polars DataFrame (polars is imported only here).
    fn to_polars(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let cols: Vec<String> = TABLE_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        frame(py, "polars", &self.to_records(py)?, &cols)
    }

    /// The table through the Arrow PyCapsule stream interface (`pyarrow.table(report)`, DuckDB).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__(
        &self,
        py: Python<'_>,
        requested_schema: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let cols: Vec<String> = TABLE_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        arrow_stream(py, &self.to_records(py)?, &cols, requested_schema)
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.MappingReport {} {}..{} · {}/{} active KIMs mapped · {} unmapped · {} priority · {}>",
            self.inner.kab_kota,
            self.inner.from,
            self.inner.to,
            self.inner.mapped_kims,
            self.inner.active_kims,
            self.inner.unmapped.len(),
            self.inner.priority.len(),
            self.inner.code_list_version
        )
    }
}

/// The mapping report of `kab_kota` over `[start, end]` from mapping records (a list of dicts, or JSON text, in
/// the shape of `examples/data/pemetaan_kukar.json`'s `mappings`). Every record is checked: only the Dinas of the
/// KIM's own kab/kota may author one (PM1); a province is refused with `kim.JsonError`.
#[pyfunction]
#[pyo3(signature = (registry, mappings, /, *, kab_kota, start, end, max_age_days = 365, reference = None))]
#[allow(clippy::too_many_arguments)]
fn mapping_report(
    py: Python<'_>,
    registry: &Bound<'_, PyRegistry>,
    mappings: &Bound<'_, PyAny>,
    kab_kota: &str,
    start: NaiveDate,
    end: NaiveDate,
    max_age_days: u32,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<PyMappingReport> {
    let text = json_text(mappings)?;
    let reg = &registry.get().inner;
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let opts = ReportOptions::new(kode(kab_kota)?, start, end)
        .py()?
        .max_age_days(max_age_days);
    let inner = py
        .detach(|| {
            let mut m = Mappings::new();
            m.add_json(&text, reg)?;
            MappingReport::build(&m, reg, r.reference(), &opts)
        })
        .py()?;
    Ok(PyMappingReport { inner })
}

/// A province's view (Ps 24(4)): the mapping report of each of its kab/kota that has a KIM, over `[start, end]`, by
/// kab/kota code. A province aggregates the kab/kota mappings; it never maps a KIM itself. `mappings` as for
/// `kim.mapping_report`.
#[pyfunction]
#[pyo3(signature = (registry, mappings, /, *, provinsi, start, end, max_age_days = 365, reference = None))]
#[allow(clippy::too_many_arguments)]
fn mapping_reports_province(
    py: Python<'_>,
    registry: &Bound<'_, PyRegistry>,
    mappings: &Bound<'_, PyAny>,
    provinsi: &str,
    start: NaiveDate,
    end: NaiveDate,
    max_age_days: u32,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Vec<PyMappingReport>> {
    let text = json_text(mappings)?;
    let reg = &registry.get().inner;
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let provinsi = kode(provinsi)?;
    let reports = py
        .detach(|| {
            let mut m = Mappings::new();
            m.add_json(&text, reg)?;
            province_reports(&m, reg, r.reference(), provinsi, start, end, max_age_days)
        })
        .py()?;
    Ok(reports
        .into_iter()
        .map(|inner| PyMappingReport { inner })
        .collect())
}

/// Scores of KIMs under a rubric: `.totals`, `.to_records()`, `.to_pandas()`, `.to_polars()` (per KIM: `kim_id`,
/// `total`, each criterion's score and its contribution `<criterion>_contribution`).
#[pyclass(name = "Scores", module = "kim", frozen)]
pub struct PyScores {
    inner: Scores,
}

impl PyScores {
    fn columns(&self) -> Vec<String> {
        let mut c = vec!["kim_id".to_owned(), "total".to_owned()];
        for k in self.inner.criteria() {
            c.push(k.clone());
            c.push(format!("{k}_contribution"));
        }
        c
    }
}

#[pymethods]
impl PyScores {
    /// The totals by KIM id.
    #[getter]
    fn totals(&self) -> Vec<(String, f64)> {
        self.inner
            .rows()
            .map(|r| (r.kim_id.to_owned(), r.total))
            .collect()
    }

    /// The scores as a dict (`schema_version` 1).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner)
    }

    /// One dict per KIM.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = PyList::empty(py);
        for r in self.inner.rows() {
            let d = PyDict::new(py);
            d.set_item("kim_id", r.kim_id)?;
            d.set_item("total", r.total)?;
            for ((c, s), w) in self.inner.criteria().iter().zip(r.scores).zip(r.weights) {
                d.set_item(c, s)?;
                d.set_item(format!("{c}_contribution"), s * w)?;
            }
            rows.append(d)?;
        }
        Ok(rows)
    }

    /// A pandas DataFrame, one row per KIM.
    fn to_pandas(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        frame(py, "pandas", &self.to_records(py)?, &self.columns())
    }

    /// A polars DataFrame, one row per KIM.
    fn to_polars(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        frame(py, "polars", &self.to_records(py)?, &self.columns())
    }

    /// The Arrow PyCapsule stream interface (`pyarrow.table(scores)`, `polars.DataFrame(scores)`, DuckDB).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__(
        &self,
        py: Python<'_>,
        requested_schema: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        arrow_stream(py, &self.to_records(py)?, &self.columns(), requested_schema)
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.Scores {} · {} KIMs>",
            self.inner.rubric_id(),
            self.inner.len()
        )
    }
}

/// Observations from `{kim_id: {criterion: value}}`, a list of dicts with a `kim_id` key, or a DataFrame with a
/// `kim_id` column; `None` is no observation.
fn observations_of(rubric: &Rubric, observations: &Bound<'_, PyAny>) -> PyResult<Observations> {
    let mut obs = Observations::new(rubric);
    if observations.is_none() {
        return Ok(obs);
    }
    let records = if observations.hasattr("to_dict")? && !observations.is_instance_of::<PyDict>() {
        observations.call_method1("to_dict", ("records",))?
    } else {
        observations.clone()
    };
    let put = |obs: &mut Observations, id: &str, values: &Bound<'_, PyAny>| -> PyResult<()> {
        obs.add_kim(id);
        for (k, v) in values.cast::<PyDict>()?.iter() {
            let k: String = k.extract()?;
            if k == "kim_id" {
                continue;
            }
            let v: f64 = v
                .extract()
                .map_err(|_| arg(format!("observations[{id}].{k}: not a number")))?;
            obs.set(id, &k, v).py()?;
        }
        Ok(())
    };
    if let Ok(d) = records.cast::<PyDict>() {
        for (id, values) in d.iter() {
            put(&mut obs, &id.extract::<String>()?, &values)?;
        }
    } else {
        for (i, row) in records.try_iter()?.enumerate() {
            let row = row?;
            let id: String = row
                .get_item("kim_id")
                .and_then(|v| v.extract())
                .map_err(|_| arg(format!("observations[{i}]: no `kim_id`")))?;
            put(&mut obs, &id, &row)?;
        }
    }
    Ok(obs)
}

/// Scores KIMs under `rubric`. `observations`: `{kim_id: {criterion: value}}`, a list of dicts with a `kim_id`
/// key, or a pandas DataFrame with a `kim_id` column. A missing value or one outside its range raises
/// `kim.JsonError` naming the KIM and criterion (`observations[K2].b: missing value …`); nothing is scored 0.
#[pyfunction]
#[pyo3(signature = (rubric, observations, /))]
fn score(
    py: Python<'_>,
    rubric: &Bound<'_, PyRubric>,
    observations: &Bound<'_, PyAny>,
) -> PyResult<PyScores> {
    let rubric = &rubric.get().inner;
    let obs = observations_of(rubric, observations)?;
    let inner = py.detach(|| assessment::score(rubric, &obs)).py()?;
    Ok(PyScores { inner })
}

/// The default eligibility (registered or active on `as_of`, and no F2–F4 error under the profile in force) of
/// every KIM of the registry: dicts with `kim_id`, `eligible`, `reasons`. `as_of` defaults to today.
#[pyfunction]
#[pyo3(signature = (registry, /, *, as_of = None, reference = None))]
fn eligibility(
    py: Python<'_>,
    registry: &Bound<'_, PyRegistry>,
    as_of: Option<NaiveDate>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let as_of = as_of.unwrap_or_else(today);
    let reg = &registry.get().inner;
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let set = ProfileSet::builtin();
    let profiles = set.in_force(as_of).py()?;
    let list = py
        .detach(|| assessment::default_eligibility(reg, &profiles, r.reference(), as_of))
        .py()?;
    ser_to_py(py, &list)
}

/// A ranking: `.rows`, `.ties`, `.unranked` (dicts), `.to_pandas()`, `.to_polars()` (one row per ranked KIM with
/// `unit`, `rank`, `tied`, `kim_id`, `total` and each criterion's contribution).
#[pyclass(name = "Ranking", module = "kim", frozen)]
pub struct PyRanking {
    inner: Ranking,
}

impl PyRanking {
    fn columns(&self) -> Vec<String> {
        let mut c: Vec<String> = ["unit", "rank", "tied", "kim_id", "total"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        c.extend(self.inner.criteria.iter().cloned());
        c
    }
}

#[pymethods]
impl PyRanking {
    /// The ranked KIMs (dicts).
    #[getter]
    fn rows(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.rows)
    }

    /// Every tie (dicts: `unit`, `rank`, `total`, `kim_ids`).
    #[getter]
    fn ties(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.ties)
    }

    /// Scored KIMs that are not eligible (dicts: `kim_id`, `total`, `reasons`).
    #[getter]
    fn unranked(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.unranked)
    }

    /// The ranking as a dict (`schema_version` 1).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner)
    }

    /// One dict per ranked KIM, with a column per criterion holding its contribution.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = PyList::empty(py);
        for r in &self.inner.rows {
            let d = PyDict::new(py);
            d.set_item("unit", r.unit.to_string())?;
            d.set_item("rank", r.rank)?;
            d.set_item("tied", r.tied)?;
            d.set_item("kim_id", &r.kim_id)?;
            d.set_item("total", r.total)?;
            for (c, v) in self.inner.criteria.iter().zip(&r.contributions) {
                d.set_item(c, v)?;
            }
            rows.append(d)?;
        }
        Ok(rows)
    }

    /// A pandas DataFrame of the ranked KIMs.
    fn to_pandas(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        frame(py, "pandas", &self.to_records(py)?, &self.columns())
    }

    /// A polars DataFrame of the ranked KIMs.
    fn to_polars(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        frame(py, "polars", &self.to_records(py)?, &self.columns())
    }

    /// The Arrow PyCapsule stream interface (`pyarrow.table(ranking)`, `polars.DataFrame(ranking)`, DuckDB).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__(
        &self,
        py: Python<'_>,
        requested_schema: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        arrow_stream(py, &self.to_records(py)?, &self.columns(), requested_schema)
    }

    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.Ranking {} · {} ranked · {} ties · {} not ranked>",
            self.inner.rubric,
            self.inner.rows.len(),
            self.inner.ties.len(),
            self.inner.unranked.len()
        )
    }
}

fn rank_scope(scope: &str) -> PyResult<RankScope> {
    match scope {
        "kab_kota" => Ok(RankScope::KabKota),
        "provinsi" => Ok(RankScope::Provinsi),
        other => Err(arg(format!(
            "scope {other:?}: expected \"kab_kota\" or \"provinsi\""
        ))),
    }
}

/// A tier scheme from a dict (checked), or none.
fn tier_scheme(scheme: Option<&Bound<'_, PyAny>>) -> PyResult<Option<TierScheme>> {
    match scheme {
        None => Ok(None),
        Some(s) if s.is_none() => Ok(None),
        Some(s) => {
            let t: TierScheme =
                serde_json::from_value(from_py(s)?).map_err(|e| arg(format!("scheme: {e}")))?;
            t.check().py()?;
            Ok(Some(t))
        }
    }
}

/// Ranks scored KIMs per `scope` (`"kab_kota"` or `"provinsi"`). `eligibility` is the list `kim.eligibility`
/// returns (or your own dicts with `kim_id`, `eligible`, `reasons`); a scored KIM missing from it raises
/// `kim.JsonError`. Ineligible KIMs are scored but not ranked; ties share a rank and are listed.
#[pyfunction]
#[pyo3(signature = (scores, registry, eligibility, /, *, scope = "kab_kota"))]
fn rank(
    py: Python<'_>,
    scores: &Bound<'_, PyScores>,
    registry: &Bound<'_, PyRegistry>,
    eligibility: &Bound<'_, PyAny>,
    scope: &str,
) -> PyResult<PyRanking> {
    let scope = rank_scope(scope)?;
    let el: Vec<Eligibility> = serde_json::from_value(from_py(eligibility)?)
        .map_err(|e| arg(format!("eligibility: {e}")))?;
    let (s, reg) = (&scores.get().inner, &registry.get().inner);
    let inner = py.detach(|| assessment::rank(s, reg, &el, scope)).py()?;
    Ok(PyRanking { inner })
}

/// The class of a total under a tier scheme you supply (a dict with `name`, `provenance`, `tiers`: a list of
/// `{"name", "min_total"}`). Without a scheme: `{"kind": "unclassified", "reason": "unclassified: no official
/// national scheme"}`.
///
/// >>> kim.classify(87.5)["reason"]
/// 'unclassified: no official national scheme'
#[pyfunction]
#[pyo3(signature = (total, /, scheme = None))]
fn classify(py: Python<'_>, total: f64, scheme: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
    let scheme = tier_scheme(scheme)?;
    ser_to_py(py, &assessment::classify(total, scheme.as_ref()))
}

/// Scores, ranks and classifies in one call (`kim_core::assessment::assess`), filling the criteria fed by kim's own
/// records for every observed KIM over `period` (a `(from, to)` pair of dates, default the 12 months that end on
/// `as_of`): forum membership from `forums` (`kim.Forums`), pembinaan sessions attended from `pembinaan`
/// (`kim.Pembinaan`), items removed after review from `cases` (review cases as dicts or JSON text, as the C ABI
/// writes them), error findings on `as_of` when `validation` is true (national profile and the seat's overlays, as
/// `kim.validate`). A record left out leaves its criteria to
/// `observations`; a missing value raises `kim.JsonError` naming the KIM and criterion. `all_kims` observes every
/// KIM of the registry. `eligibility` and `scheme` as for `kim.rank` and `kim.classify`. Returns `(scores, ranking,
/// classifications)`, one classification per ranking row.
#[pyfunction]
#[pyo3(signature = (
    rubric, registry, /, observations = None, *, as_of = None, scope = "kab_kota", eligibility = None, scheme = None,
    period = None, all_kims = false, forums = None, pembinaan = None, cases = None, validation = false,
    reference = None
))]
#[allow(clippy::too_many_arguments)]
fn assess(
    py: Python<'_>,
    rubric: &Bound<'_, PyRubric>,
    registry: &Bound<'_, PyRegistry>,
    observations: Option<&Bound<'_, PyAny>>,
    as_of: Option<NaiveDate>,
    scope: &str,
    eligibility: Option<&Bound<'_, PyAny>>,
    scheme: Option<&Bound<'_, PyAny>>,
    period: Option<(NaiveDate, NaiveDate)>,
    all_kims: bool,
    forums: Option<PyRef<'_, PyForums>>,
    pembinaan: Option<PyRef<'_, PyPembinaan>>,
    cases: Option<&Bound<'_, PyAny>>,
    validation: bool,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<(PyScores, PyRanking, Py<PyAny>)> {
    let rubric = &rubric.get().inner;
    let obs = match observations {
        Some(o) => observations_of(rubric, o)?,
        None => Observations::new(rubric),
    };
    let scope = rank_scope(scope)?;
    let eligibility: Option<Vec<Eligibility>> = eligibility
        .filter(|e| !e.is_none())
        .map(|e| serde_json::from_value(from_py(e)?).map_err(|e| arg(format!("eligibility: {e}"))))
        .transpose()?;
    let scheme = tier_scheme(scheme)?;
    // Each case is read on its own, so that an error names it (`cases[2]: …`) instead of a column of re-serialised
    // text the user never wrote.
    let cases: Option<Vec<Case>> = match cases.filter(|c| !c.is_none()) {
        None => None,
        Some(c) => {
            let values: Vec<serde_json::Value> = serde_json::from_str(&json_text(c)?)
                .map_err(|e| json_error(format!("cases: not a list of review cases: {e}")))?;
            let read = values
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    serde_json::from_value::<Case>(v)
                        .map_err(|e| json_error(format!("cases[{i}]: {e}")))
                })
                .collect::<PyResult<Vec<Case>>>()?;
            Some(read)
        }
    };
    let as_of = as_of.unwrap_or_else(today);
    let reg = &registry.get().inner;
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let mut feeds = Feeds::new();
    if let Some(f) = &forums {
        feeds = feeds.forums(&f.inner);
    }
    if let Some(p) = &pembinaan {
        feeds = feeds.pembinaan(&p.inner);
    }
    if let Some(c) = &cases {
        feeds = feeds.cases(c);
    }
    if validation {
        feeds = feeds.validation();
    }
    let mut options = AssessOptions::new(as_of).scope(scope).feeds(feeds);
    if let Some((from, to)) = period {
        options = options.period(from, to);
    }
    if let Some(e) = &eligibility {
        options = options.eligibility(e);
    }
    if let Some(s) = &scheme {
        options = options.scheme(s);
    }
    if all_kims {
        options = options.all_kims();
    }
    let set = ProfileSet::builtin();
    let a = py
        .detach(|| assessment::assess(rubric, obs, reg, &set, r.reference(), &options))
        .py()?;
    let classes = ser_to_py(py, &a.classifications)?;
    Ok((
        PyScores { inner: a.scores },
        PyRanking { inner: a.ranking },
        classes,
    ))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRubric>()?;
    m.add_class::<PyMappingReport>()?;
    m.add_class::<PyScores>()?;
    m.add_class::<PyRanking>()?;
    m.add_function(wrap_pyfunction!(ahp, m)?)?;
    m.add_function(wrap_pyfunction!(mapping_report, m)?)?;
    m.add_function(wrap_pyfunction!(mapping_reports_province, m)?)?;
    m.add_function(wrap_pyfunction!(score, m)?)?;
    m.add_function(wrap_pyfunction!(eligibility, m)?)?;
    m.add_function(wrap_pyfunction!(rank, m)?)?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(assess, m)?)?;
    Ok(())
}
