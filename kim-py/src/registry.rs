//! `kim.Registry`: KIMs with their history.

use std::collections::HashMap;

use kim_core::registry::{Cell, ImportReport, Kim, Registry};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::errors::{IntoPyResult, arg, row_dict, with_rows};
use crate::from_py;
use crate::options::import_options;
use crate::wilayah::PyReference;

/// A registry of KIMs (immutable). Load it from records, CSV, pandas or JSON.
///
/// >>> reg = kim.Registry.from_records([{"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
/// ...                                   "status": "active", "status_date": "2024-01-01"}])
/// >>> len(reg)
/// 1
#[pyclass(name = "Registry", module = "kim", frozen)]
pub struct PyRegistry {
    pub(crate) inner: Registry,
}

/// Turns a list of dicts into records of cells: blanks (`None`, NaN, `NaT`, `NA`) are left out, numbers stay numbers
/// (the core reads a NIK that arrived as a number), dates become ISO text, lists are joined with `;`.
fn records(rows: &Bound<'_, PyAny>) -> PyResult<Vec<HashMap<String, Cell>>> {
    use serde_json::Value;
    let mut out = Vec::new();
    for (i, row) in rows.try_iter()?.enumerate() {
        let row = row?;
        let Value::Object(m) = from_py(&row)? else {
            return Err(arg(format!("record {} is not a dict", i + 1)));
        };
        let mut r = HashMap::new();
        for (k, v) in m {
            let cell = match v {
                Value::Null => continue,
                Value::String(s) => Cell::Text(s),
                Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                    (Some(i), _) => Cell::Int(i),
                    (None, Some(f)) if !n.is_u64() => Cell::Float(f),
                    _ => Cell::Text(n.to_string()),
                },
                Value::Array(a) => Cell::Text(
                    a.iter()
                        .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
                other => Cell::Text(other.to_string()),
            };
            r.insert(k, cell);
        }
        out.push(r);
    }
    Ok(out)
}

/// Applies `errors=`: "raise" raises `kim.ValidationError` with the bad rows; "collect" returns them; "report"
/// returns the whole import report as a dict.
fn finish(
    py: Python<'_>,
    reg: Registry,
    report: &ImportReport,
    errors: &str,
) -> PyResult<Py<PyAny>> {
    let rows = PyList::empty(py);
    for (table, t) in [("kims", &report.kims), ("members", &report.members)] {
        for e in &t.errors {
            rows.append(row_dict(py, table, e)?)?;
        }
    }
    let registry = Py::new(py, PyRegistry { inner: reg })?;
    match errors {
        "report" => {
            let mut value = serde_json::to_value(report).map_err(|e| arg(e.to_string()))?;
            value["summary"] = report.summary(10).into();
            let report = crate::to_py(py, &value)?;
            Ok(PyTuple::new(py, [registry.into_any(), report])?
                .into_any()
                .unbind())
        }
        "collect" => Ok(
            PyTuple::new(py, [registry.into_any(), rows.into_any().unbind()])?
                .into_any()
                .unbind(),
        ),
        "raise" if report.is_clean() => Ok(registry.into_any()),
        "raise" => {
            let msg = format!("{}\n(every bad row: .errors())", report.summary(10));
            Err(with_rows(py, "ValidationError", msg, &rows))
        }
        other => Err(arg(format!(
            "errors must be \"raise\", \"collect\" or \"report\", not {other:?}"
        ))),
    }
}

#[pymethods]
impl PyRegistry {
    /// Builds a registry from records (a list of dicts, one per KIM, with the CSV column names: `id`, `name`,
    /// `seat` or `desa`/`kecamatan`/`kab_kota`, `sk_number`, `sk_date`, `status`, `status_date`, …) and optional
    /// member records (with `kim_id`). Free-text place names are matched against `reference` (default: the
    /// embedded list). With `errors="raise"` (default) any bad row raises `kim.ValidationError`; with
    /// `errors="collect"` the result is `(registry, bad_rows)`; with `errors="report"` it is `(registry, report)`,
    /// the report a dict per table (`rows_in`, `accepted`, `rejected`, `errors`, `error_counts`,
    /// `errors_truncated`, `stopped_at_line`, `encoding`, `delimiter`, `warnings`) and its `summary`.
    ///
    /// Import options (keywords): `columns` (file header → kim column), `dayfirst=True`, `min_year=1900`,
    /// `max_year=2100`, `max_errors=1000` (problems kept per table; all are counted), `max_bad_rows=None` (stop
    /// after that many rejected rows); for CSV also `delimiter`, `encoding` and `max_columns=1000`.
    #[staticmethod]
    #[pyo3(signature = (kims, /, *, members = None, reference = None, errors = "raise", **options))]
    fn from_records(
        py: Python<'_>,
        kims: &Bound<'_, PyAny>,
        members: Option<&Bound<'_, PyAny>>,
        reference: Option<PyRef<'_, PyReference>>,
        errors: &str,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let o = import_options(options)?;
        let k = records(kims)?;
        let m = members.map(records).transpose()?.unwrap_or_default();
        let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
        let (reg, report) =
            py.detach(|| Registry::import_cells_with(&k, &m, Some(r.reference()), &o));
        finish(py, reg, &report, errors)
    }

    /// Like `from_records`, from CSV files; the encoding and the delimiter are detected unless given.
    #[staticmethod]
    #[pyo3(signature = (path, /, *, members = None, reference = None, errors = "raise", **options))]
    fn from_csv(
        py: Python<'_>,
        path: std::path::PathBuf,
        members: Option<std::path::PathBuf>,
        reference: Option<PyRef<'_, PyReference>>,
        errors: &str,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let o = import_options(options)?;
        let read = |p: &std::path::Path| std::fs::read(p).map_err(crate::errors::io(p));
        let k = read(&path)?;
        let m = members.as_deref().map(read).transpose()?;
        let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
        let (reg, report) = py
            .detach(|| {
                Registry::import_csv_with(k.as_slice(), m.as_deref(), Some(r.reference()), &o)
            })
            .py()?;
        finish(py, reg, &report, errors)
    }

    /// Like `from_records`, from pandas DataFrames (pandas is needed only for this method).
    #[staticmethod]
    #[pyo3(signature = (df, /, *, members = None, reference = None, errors = "raise", **options))]
    fn from_pandas(
        py: Python<'_>,
        df: &Bound<'_, PyAny>,
        members: Option<&Bound<'_, PyAny>>,
        reference: Option<PyRef<'_, PyReference>>,
        errors: &str,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let k = df.call_method1("to_dict", ("records",))?;
        let m = members
            .map(|m| m.call_method1("to_dict", ("records",)))
            .transpose()?;
        Self::from_records(py, &k, m.as_ref(), reference, errors, options)
    }

    /// Parses registry JSON (`schema_version` 1).
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(Self {
            inner: Registry::from_json(json).py()?,
        })
    }

    /// The registry as JSON; `for_logs=True` masks every NIK and phone number.
    #[pyo3(signature = (*, for_logs = false))]
    fn to_json(&self, for_logs: bool) -> PyResult<String> {
        if for_logs {
            self.inner.to_log_json().py()
        } else {
            Ok(self.inner.to_json())
        }
    }

    /// One dict per KIM (the JSON shape: `id`, `name`, `kind`, `seat`, `sk`, `registration`, `members`,
    /// `history`, …). NIKs are masked; use `to_json()` for the data itself.
    fn to_records(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let masked: serde_json::Value = serde_json::from_str(&self.inner.to_log_json().py()?)
            .map_err(|e| arg(e.to_string()))?;
        crate::to_py(py, &masked["kims"])
    }

    /// The KIM with this id as a dict (NIKs masked), or `None`.
    fn get(&self, py: Python<'_>, id: &str) -> PyResult<Py<PyAny>> {
        match self.inner.get(id) {
            None => Ok(py.None()),
            Some(k) => {
                let masked: serde_json::Value =
                    serde_json::from_str(&kim_core::privacy::to_log_json(k).py()?)
                        .map_err(|e| arg(e.to_string()))?;
                crate::to_py(py, &masked)
            }
        }
    }

    /// The ids in registry order.
    fn ids(&self) -> Vec<String> {
        self.inner.kims().iter().map(|k| k.id.clone()).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("<kim.Registry · {} KIMs>", self.inner.len())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            py.get_type::<Self>().getattr("from_json")?,
            (self.inner.to_json(),),
        )
            .into_pyobject(py)
    }
}

/// Converts one KIM given as a dict (the JSON shape of one element of `kims`); a bad field is named by its path
/// (`members[m2].nik`). Its consistency is checked by the core call that uses it.
pub(crate) fn kim_from_dict(obj: &Bound<'_, PyAny>) -> PyResult<Kim> {
    Kim::from_json_value(&from_py(obj)?).py()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRegistry>()
}
