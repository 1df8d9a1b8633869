//! `kim.Moderator`, `kim.Verdict`, `kim.redact`.

use std::sync::Arc;

use kim_core::moderation::{Moderator, Verdict};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::errors::{IntoPyResult, arg};
use crate::ser_to_py;

/// The verdict for one text: `.decision` (`"allow"`, `"hold"`, `"block"`), `.categories`, `.matches` (dicts with
/// byte spans `start`/`end` into the UTF-8 text, `category`, `severity`, `action`, `rule_id`, `reason_id`,
/// `reason_en`, `parts` and `softened_by`), `.fact_check`, `.lexicon_version`, `.redacted`.
#[pyclass(name = "Verdict", module = "kim", frozen)]
pub struct PyVerdict {
    inner: Verdict,
}

#[pymethods]
impl PyVerdict {
    /// `"allow"`, `"hold"` or `"block"`.
    #[getter]
    fn decision(&self) -> String {
        self.inner.decision.to_string()
    }

    /// Categories of the matches that hold or block.
    #[getter]
    fn categories(&self) -> Vec<&'static str> {
        self.inner.categories.iter().map(|c| c.as_str()).collect()
    }

    /// Every match as a dict (`start`, `end`, `category`, `severity`, `action`, `rule_id`, `reason_id`,
    /// `reason_en`; as in the JSON, `parts` (dicts `role`, `start`, `end`) for a construction or a targeted insult
    /// and `softened_by` (the context that made it a flag) only when present), built directly rather than through
    /// JSON: `check_many` callers read this for every text.
    #[getter]
    fn matches<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for m in &self.inner.matches {
            let d = PyDict::new(py);
            d.set_item(intern!(py, "start"), m.start)?;
            d.set_item(intern!(py, "end"), m.end)?;
            d.set_item(intern!(py, "category"), m.category.as_str())?;
            d.set_item(intern!(py, "severity"), m.severity.as_str())?;
            d.set_item(intern!(py, "action"), m.action.as_str())?;
            d.set_item(intern!(py, "rule_id"), m.rule_id.as_str())?;
            d.set_item(intern!(py, "reason_id"), m.reason_id.as_str())?;
            d.set_item(intern!(py, "reason_en"), m.reason_en.as_str())?;
            // As in the JSON: `parts` and `softened_by` only when present.
            if !m.parts.is_empty() {
                let parts = PyList::empty(py);
                for p in &m.parts {
                    let pd = PyDict::new(py);
                    pd.set_item(intern!(py, "role"), p.role.as_str())?;
                    pd.set_item(intern!(py, "start"), p.start)?;
                    pd.set_item(intern!(py, "end"), p.end)?;
                    parts.append(pd)?;
                }
                d.set_item(intern!(py, "parts"), parts)?;
            }
            if let Some(by) = &m.softened_by {
                d.set_item(intern!(py, "softened_by"), by.as_str())?;
            }
            list.append(d)?;
        }
        Ok(list)
    }

    /// Per category, how many matches were found past the cap of 1000 listed per category and are not in
    /// `matches` (empty for almost every text); the decision counts them all.
    #[getter]
    fn omitted(&self) -> std::collections::BTreeMap<&'static str, u64> {
        self.inner
            .omitted
            .iter()
            .map(|o| (o.category.as_str(), o.count))
            .collect()
    }

    /// True if a hoax marker asks for fact-checking.
    #[getter]
    fn fact_check(&self) -> bool {
        self.inner.fact_check
    }

    /// The lexicon version.
    #[getter]
    fn lexicon_version(&self) -> &str {
        &self.inner.lexicon_version
    }

    /// The text with every NIK, phone number and e-mail address masked, when one of them holds or blocks (the
    /// version a moderator may publish instead); `None` otherwise.
    #[getter]
    fn redacted(&self) -> Option<&str> {
        self.inner.redacted.as_deref()
    }

    /// The verdict as a dict.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.Verdict {} {:?} matches={}>",
            self.inner.decision,
            self.categories(),
            self.inner.matches.len()
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

/// A compiled moderation lexicon and constructions, with the shipped hold model unless asked otherwise.
///
/// >>> m = kim.Moderator.default()
/// >>> m.check("Slot gacor maxwin!").decision
/// 'block'
/// >>> m.version
/// 'kim-default-2+hold-2026-12-06.6'
#[pyclass(name = "Moderator", module = "kim", frozen)]
pub struct PyModerator {
    inner: Arc<Moderator>,
    /// The lexicon TSV and version, to rebuild when unpickling; `None` for the default.
    source: Option<(String, String, bool)>,
}

/// What a pickle keeps: the user's lexicon (`None` for the shipped one) and whether the hold model is on.
type State = (Option<(String, String, bool)>, bool);

#[pymethods]
impl PyModerator {
    /// The shipped lexicon and constructions, with the shipped hold model (`hold_model=False`: the rules alone).
    #[staticmethod]
    #[pyo3(signature = (*, hold_model = true))]
    fn default(hold_model: bool) -> Self {
        Self {
            inner: Arc::new(if hold_model {
                Moderator::default()
            } else {
                Moderator::rules_only()
            }),
            source: None,
        }
    }

    /// A lexicon from a TSV file; `extend=True` adds it to the shipped lexicon (with the hold model, unless
    /// `hold_model=False`), `False` replaces it (the file's rules alone).
    #[staticmethod]
    #[pyo3(signature = (path, /, *, version = None, extend = true, hold_model = None))]
    fn from_lexicon(
        path: std::path::PathBuf,
        version: Option<String>,
        extend: bool,
        hold_model: Option<bool>,
    ) -> PyResult<Self> {
        let tsv = std::fs::read_to_string(&path).map_err(crate::errors::io(&path))?;
        let version = version.unwrap_or_else(|| {
            path.file_stem()
                .map_or_else(|| "custom".to_owned(), |s| s.to_string_lossy().into_owned())
        });
        Self::build(tsv, version, extend, hold_model.unwrap_or(extend))
    }

    /// Checks one text.
    fn check(&self, text: &str) -> PyVerdict {
        PyVerdict {
            inner: self.inner.check(text),
        }
    }

    /// Checks many texts, in order, with the GIL released.
    fn check_many(&self, py: Python<'_>, texts: Vec<String>) -> Vec<PyVerdict> {
        let m = Arc::clone(&self.inner);
        py.detach(move || m.check_many(&texts))
            .into_iter()
            .map(|inner| PyVerdict { inner })
            .collect()
    }

    /// The lexicon version.
    #[getter]
    fn lexicon_version(&self) -> &str {
        self.inner.lexicon().version()
    }

    /// The rule-set version its verdicts carry: the lexicon version, plus the hold model's id when it has one.
    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }

    /// Whether the hold model is on.
    #[getter]
    fn hold_model(&self) -> bool {
        self.inner.hold_model().is_some()
    }

    fn __repr__(&self) -> String {
        format!(
            "<kim.Moderator {} · {} entries{}>",
            self.inner.version(),
            self.inner.lexicon().entries().len(),
            if self.hold_model() {
                " · hold model"
            } else {
                ""
            }
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (
            py.get_type::<Self>().getattr("_from_state")?,
            ((self.source.clone(), self.hold_model()),),
        )
            .into_pyobject(py)
    }

    #[staticmethod]
    fn _from_state(state: &Bound<'_, PyAny>) -> PyResult<Self> {
        // Pickles of kim before the hold model kept the lexicon alone: they get the model as a moderator built the
        // same way does now (the default, or an extended lexicon).
        let state: State = if let Ok(s) = state.extract::<State>() {
            s
        } else {
            let source: Option<(String, String, bool)> = state.extract()?;
            let hold = source.as_ref().is_none_or(|s| s.2);
            (source, hold)
        };
        match state {
            (None, hold_model) => Ok(Self::default(hold_model)),
            (Some((tsv, version, extend)), hold_model) => {
                Self::build(tsv, version, extend, hold_model)
            }
        }
    }
}

impl PyModerator {
    fn build(tsv: String, version: String, extend: bool, hold_model: bool) -> PyResult<Self> {
        let m = Moderator::from_user_tsv(&tsv, &version, extend).py()?;
        let m = match (hold_model, m.hold_model().is_some()) {
            (true, false) => m.with_hold_model(),
            (false, true) => m.without_hold_model(),
            _ => m,
        };
        Ok(Self {
            inner: Arc::new(m),
            source: Some((tsv, version, extend)),
        })
    }
}

/// The text with every NIK, phone number and e-mail address masked in place.
///
/// >>> kim.redact("NIK 6402014101900001")
/// 'NIK 6402**********01'
#[pyfunction]
fn redact(text: &str) -> String {
    kim_core::moderation::redact(text)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyVerdict>()?;
    m.add_class::<PyModerator>()?;
    m.add_function(wrap_pyfunction!(redact, m)?)?;
    Ok(())
}
