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
///
/// Pickling (and `copy.deepcopy`) is full-fidelity: the pickle carries every member's full NIK, so it emits
/// `kim.PersonalDataWarning` (a `UserWarning`; filter it where that is intended). For logs use
/// `to_json(for_logs=True)`, which masks.
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
/// returns the whole import report as a dict; "review" returns the bad rows and the review list as a DataFrame.
fn finish(
    py: Python<'_>,
    reg: Registry,
    report: &ImportReport,
    errors: &str,
) -> PyResult<Py<PyAny>> {
    if errors == "review" {
        let review = crate::places::review_frame(py, &report.review)?;
        return finish(py, reg, report, "collect").and_then(|pair| {
            let pair = pair.bind(py).cast::<PyTuple>()?.clone();
            Ok(PyTuple::new(
                py,
                [pair.get_item(0)?, pair.get_item(1)?, review.into_bound(py)],
            )?
            .into_any()
            .unbind())
        });
    }
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
            "errors must be \"raise\", \"collect\", \"report\" or \"review\", not {other:?}"
        ))),
    }
}

#[pymethods]
impl PyRegistry {
    /// Builds a registry from records in the flat table shape: one dict per KIM with the CSV columns `id`,
    /// `name`, `type`, `seat` (or free-text `desa`/`kecamatan`/`kab_kota`), `sk_number`, `sk_date`, `sk_issuer`,
    /// `registration_number`, `registration_date`, `registration_kab_kota`, `formation_kind`,
    /// `formation_reference`, `formation_date`, `media` and `sectors` (`;`-separated), `statutes`, `status`,
    /// `status_date`; and optional member records with `kim_id`, `id`, `name`, `nik`, `sex`, `birth_date`, `role`,
    /// `occupation`, `term_start`, `term_end`, `clean_record`, `residence`. (`kim.validate` and `get` use the
    /// nested KIM shape instead: see `get`.) Legacy issuer, role or occupation text is kept and flagged by
    /// validation; a rejected member row is reported here and also on its KIM's validation
    /// (`KIM-MEMBER-REJECTED`). Free-text place names are matched against `reference` (default: the
    /// embedded list). With `errors="raise"` (default) any bad row raises `kim.ValidationError`; with
    /// `errors="collect"` the result is `(registry, bad_rows)`; with `errors="report"` it is `(registry, report)`,
    /// the import report as a dict: `{"kims": {"rows_in", "accepted", "rejected", "accepted_with_findings",
    /// "errors"}, "members": {…}}` (rows in = accepted + accepted_with_findings + rejected); with `errors="review"` it
    /// is `(registry, bad_rows, review)`, `review` a pandas DataFrame with one row per candidate seat of each row whose
    /// place names fit several villages or only near spellings. Set `chosen` on the right candidates and pass the
    /// DataFrame back as `places=` (or a dict of KIM id or place key to village code) to import those rows.
    ///
    /// Import options (keywords): `columns` (file header → kim column), `dayfirst=True`, `min_year=1900`,
    /// `max_year=2100`, `max_errors=1000` (problems kept per table; all are counted), `max_bad_rows=None` (stop
    /// after that many rejected rows), `places` (confirmed seats, see `errors="review"`); for CSV also `delimiter`,
    /// `encoding` and `max_columns=1000`.
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

    /// One dict per KIM, in the KIM shape (see `get`). NIKs and phone numbers are masked for display unless
    /// `reveal=True`, which returns the data itself (full NIKs) so that the dicts can be validated again.
    #[pyo3(signature = (*, reveal = false))]
    fn to_records(&self, py: Python<'_>, reveal: bool) -> PyResult<Py<PyAny>> {
        shaped(py, self.inner.kims(), reveal)
    }

    /// The KIM with this id as a dict in the KIM shape, or `None`. The shape is the one `kim.validate` reads and
    /// `to_json()` writes for each element of `kims`: `id`, `name`, `kind`, `seat`, `sk` (`number`, `date`,
    /// `issuer`, `issuer_raw`), `registration` (`number`, `date`, `kab_kota`), `formation`, `media`, `sectors`,
    /// `statutes`, `members` (`id`, `name`, `nik`, `sex`, `birth_date`, `role`, `role_raw`, `occupation`,
    /// `occupation_raw`, `term_start`, `term_end`, `clean_record`, `residence`), `history` (`date`, `status`,
    /// `note`) and `member_problems` (member rows an import rejected). NIKs are masked for display by default;
    /// `reveal=True` returns full values, so that `kim.validate(reg.get(id, reveal=True))` works. Validating a
    /// masked dict is an error on `members[<id>].nik` that says the NIK is masked.
    #[pyo3(signature = (id, /, *, reveal = false))]
    fn get(&self, py: Python<'_>, id: &str, reveal: bool) -> PyResult<Py<PyAny>> {
        match self.inner.get(id) {
            None => Ok(py.None()),
            Some(k) => shaped(py, k, reveal),
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
        let category = py.import("kim.errors")?.getattr("PersonalDataWarning")?;
        PyErr::warn(
            py,
            &category,
            c"pickling a kim.Registry carries every member's full NIK (personal data, UU PDP 27/2022)",
            1,
        )?;
        (
            py.get_type::<Self>().getattr("from_json")?,
            (self.inner.to_json(),),
        )
            .into_pyobject(py)
    }
}

/// A KIM (or a list of them) as Python data in the JSON shape: masked for display unless `reveal`.
fn shaped<T: serde::Serialize + ?Sized>(
    py: Python<'_>,
    value: &T,
    reveal: bool,
) -> PyResult<Py<PyAny>> {
    if reveal {
        return crate::ser_to_py(py, value);
    }
    let masked: serde_json::Value =
        serde_json::from_str(&kim_core::privacy::to_log_json(value).py()?)
            .map_err(|e| arg(e.to_string()))?;
    crate::to_py(py, &masked)
}

/// Converts one KIM given as a dict (the JSON shape of one element of `kims`); a bad field is named by its path
/// (`members[m2].nik`). Its consistency is checked by the core call that uses it.
pub(crate) fn kim_from_dict(obj: &Bound<'_, PyAny>) -> PyResult<Kim> {
    Kim::from_json_value(&from_py(obj)?).py()
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyRegistry>()
}
