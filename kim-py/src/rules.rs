//! `kim.validate`, `kim.Report`, `kim.profiles`.

use chrono::NaiveDate;
use kim_core::rules::{
    ProfileSet, Report, findings_table, validate_by_seat, validate_registry_by_seat,
};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use crate::errors::{IntoPyResult, arg};
use crate::options::{Day, day};
use crate::registry::{PyRegistry, kim_from_dict};
use crate::wilayah::PyReference;
use crate::{ser_to_py, today};

/// The validation report of one KIM: `.ok`, `.findings` (dicts with `code`, `severity`, `path`, `profile`,
/// `citation`, `message_id`, `message_en`), `.to_pandas()`.
#[pyclass(name = "Report", module = "kim", frozen)]
pub struct PyReport {
    inner: Report,
}

#[pymethods]
impl PyReport {
    /// True if no finding is an error.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.ok()
    }

    /// The KIM id.
    #[getter]
    fn kim_id(&self) -> &str {
        &self.inner.kim_id
    }

    /// The validation date.
    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.inner.as_of
    }

    /// Ids of the profiles applied.
    #[getter]
    fn profiles(&self) -> Vec<String> {
        self.inner.profiles.clone()
    }

    /// Every finding as a dict.
    #[getter]
    fn findings(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.findings)
    }

    /// The report as a dict (`schema_version` 1).
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner)
    }

    /// The findings as a pandas DataFrame, one row per finding, with `kim_id` and `as_of` columns.
    fn to_pandas(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let pd = py.import("pandas")?;
        let rows = PyList::empty(py);
        for f in &self.inner.findings {
            let mut v = serde_json::to_value(f).map_err(|e| arg(e.to_string()))?;
            v["kim_id"] = self.inner.kim_id.clone().into();
            v["as_of"] = self.inner.as_of.to_string().into();
            v["instrument"] = f.citation.instrument.clone().into();
            v["pasal"] = f.citation.pasal.clone().into();
            rows.append(crate::to_py(py, &v)?)?;
        }
        let cols = [
            "kim_id",
            "as_of",
            "code",
            "severity",
            "path",
            "profile",
            "instrument",
            "pasal",
            "message_id",
            "message_en",
        ];
        let kwargs = pyo3::types::PyDict::new(py);
        kwargs.set_item("columns", cols.to_vec())?;
        Ok(pd
            .getattr("DataFrame")?
            .call((rows,), Some(&kwargs))?
            .unbind())
    }

    fn __repr__(&self) -> String {
        use kim_core::rules::Severity::{Error, Info, Warning};
        let n = |s| {
            self.inner
                .findings
                .iter()
                .filter(|f| f.severity == s)
                .count()
        };
        format!(
            "<kim.Report {} ok={} errors={} warnings={} info={} as_of={}>",
            self.inner.kim_id,
            if self.inner.ok() { "True" } else { "False" },
            n(Error),
            n(Warning),
            n(Info),
            self.inner.as_of
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let json = serde_json::to_string(&self.inner).map_err(|e| arg(e.to_string()))?;
        (py.get_type::<Self>().getattr("_from_json")?, (json,)).into_pyobject(py)
    }

    #[staticmethod]
    fn _from_json(json: &str) -> PyResult<Self> {
        Ok(Self {
            inner: serde_json::from_str(json).map_err(|e| arg(e.to_string()))?,
        })
    }
}

fn profile_ids(profile: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Vec<String>>> {
    match profile {
        None => Ok(None),
        Some(p) if p.is_none() => Ok(None),
        Some(p) => match p.extract::<String>() {
            Ok(s) => Ok(Some(vec![s])),
            Err(_) => Ok(Some(p.extract::<Vec<String>>()?)),
        },
    }
}

/// The arguments `validate` and `findings` share, converted: the date (today by default), the profile ids, the code
/// list and the built-in profiles.
struct Common {
    as_of: NaiveDate,
    ids: Option<Vec<String>>,
    reference: PyReference,
    set: ProfileSet,
}

impl Common {
    fn new(
        profile: Option<&Bound<'_, PyAny>>,
        as_of: Option<Day>,
        reference: Option<PyRef<'_, PyReference>>,
    ) -> PyResult<Self> {
        Ok(Self {
            as_of: day(as_of).unwrap_or_else(today),
            ids: profile_ids(profile)?,
            reference: reference.map_or_else(PyReference::embedded_ref, |r| r.clone()),
            set: ProfileSet::builtin(),
        })
    }

    fn names(&self) -> Option<Vec<&str>> {
        self.ids
            .as_ref()
            .map(|v| v.iter().map(String::as_str).collect())
    }
}

/// Validates a `Registry` (returns a list of `Report`, registry-wide rules included) or one KIM given as a dict
/// in the nested KIM shape that `Registry.get` returns (returns a `Report`; see `Registry.get` for the fields; the
/// flat columns of `from_records` are for tables). A field that does not fit raises `kim.JsonError` naming its
/// path, e.g. `members[m2].nik: invalid NIK …`; a masked NIK (from `get` without `reveal=True`) says so. `profile`: a profile id or a list of ids (the national profile in force is added if none
/// is national); by default the national profile in force on `as_of` plus every overlay for each KIM's seat.
/// `as_of` defaults to today.
///
/// >>> r = kim.validate({"id": "K1", "name": "KIM Baru", "seat": "64.02.01"}, as_of=datetime.date(2025, 1, 1))
/// >>> r.ok, sorted({f["code"] for f in r.findings})[:2]
/// (False, ['KIM-F1-EVIDENCE', 'KIM-F2-LEVEL'])
#[pyfunction]
#[pyo3(signature = (obj, /, *, profile = None, as_of = None, reference = None))]
fn validate(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    profile: Option<&Bound<'_, PyAny>>,
    as_of: Option<Day>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let c = Common::new(profile, as_of, reference)?;
    let (names, r, set, as_of) = (c.names(), &c.reference, &c.set, c.as_of);
    if let Ok(reg) = obj.cast::<PyRegistry>() {
        let reg = reg.get();
        let reports = py
            .detach(|| {
                validate_registry_by_seat(&reg.inner, set, names.as_deref(), r.reference(), as_of)
            })
            .py()?;
        let list = PyList::empty(py);
        for rep in reports {
            list.append(Py::new(py, PyReport { inner: rep })?)?;
        }
        return Ok(list.into_any().unbind());
    }
    let kim = kim_from_dict(obj)?;
    let report = validate_by_seat(&kim, set, names.as_deref(), r.reference(), as_of).py()?;
    Ok(Py::new(py, PyReport { inner: report })?.into_any())
}

/// Every finding of a registry-wide validation (as `validate` on a `Registry`) as one list of flat rows: `kim_id`,
/// `kim_name`, `seat`, `kim_ok`, `as_of`, `code`, `severity`, `path`, `profile`, `instrument`, `pasal`,
/// `message_id`, `message_en`. `kim.findings` wraps it in a table.
#[pyfunction]
#[pyo3(signature = (registry, /, *, profile = None, as_of = None, reference = None))]
fn findings(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    profile: Option<&Bound<'_, PyAny>>,
    as_of: Option<Day>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let c = Common::new(profile, as_of, reference)?;
    let (names, r, set, as_of) = (c.names(), &c.reference, &c.set, c.as_of);
    let reg = &registry.inner;
    let rows = py
        .detach(|| findings_table(reg, set, names.as_deref(), r.reference(), as_of))
        .py()?;
    ser_to_py(py, &rows)
}

/// The built-in rule profiles and overlays: a list of dicts (`id`, `title`, `instrument`, `kind`, `region`,
/// `valid_from`, `valid_until`, `rules`).
#[pyfunction]
fn profiles(py: Python<'_>) -> PyResult<Py<PyAny>> {
    ser_to_py(py, ProfileSet::builtin().profiles())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(findings, m)?)?;
    Ok(())
}
