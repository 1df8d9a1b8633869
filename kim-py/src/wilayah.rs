//! `kim.Reference`: the Kemendagri code list.

use std::sync::Arc;

use kim_core::wilayah::{Kode, Level, Reference};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::errors::IntoPyResult;
use crate::ser_to_py;

/// The Kemendagri code list: the embedded official list (Kepmendagri 300.2.2-2138/2025) or your own CSV.
///
/// >>> import kim
/// >>> ref = kim.Reference.embedded()
/// >>> ref.counts("64.02")["kecamatan"]
/// 20
#[pyclass(name = "Reference", module = "kim", frozen)]
#[derive(Clone)]
pub struct PyReference {
    inner: Inner,
    /// CSV text to rebuild a custom list when unpickling; `None` for the embedded list.
    source: Option<Arc<(String, String)>>,
}

/// The embedded list is shared, never copied.
#[derive(Clone)]
enum Inner {
    Embedded,
    Owned(Arc<Reference>),
}

impl PyReference {
    pub(crate) fn reference(&self) -> &Reference {
        match &self.inner {
            Inner::Embedded => Reference::embedded(),
            Inner::Owned(r) => r,
        }
    }

    pub(crate) fn embedded_ref() -> Self {
        Self {
            inner: Inner::Embedded,
            source: None,
        }
    }
}

pub(crate) fn kode(s: &str) -> PyResult<Kode> {
    Kode::parse(s).py()
}

/// A level from its name or one of the names people use: `kabupaten`, `kota`, `kab/kota`, `kab`, `kec`, `desa`,
/// `kel` (and the core's own: `provinsi`, `kab_kota`, `kecamatan`, `desa`, `kelurahan`, English names).
pub(crate) fn level(s: &str) -> PyResult<Level> {
    let alias = match s.trim().to_ascii_lowercase().as_str() {
        "kabupaten" | "kota" | "kab" | "kab." | "kab/kota" | "kab_kota" | "kab-kota" | "kabkot" => {
            "kab_kota"
        }
        "kec" | "kec." => "kecamatan",
        "kel" | "kel." | "desa/kelurahan" => "desa",
        "prov" | "prov." | "propinsi" => "provinsi",
        _ => s,
    };
    alias.parse().py()
}

#[pymethods]
impl PyReference {
    /// The official list embedded in kim.
    #[staticmethod]
    fn embedded() -> Self {
        Self::embedded_ref()
    }

    /// Loads your own list from a CSV file with `code` and `name` columns; every bad row is reported.
    #[staticmethod]
    #[pyo3(signature = (path, /, *, version = "custom"))]
    fn from_csv(path: std::path::PathBuf, version: &str) -> PyResult<Self> {
        let bytes = std::fs::read(&path).map_err(crate::errors::io(&path))?;
        let r = Reference::from_csv(bytes.as_slice(), version).py()?;
        // A list that loaded is UTF-8 (the reader checks); kept for pickling.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        Ok(Self {
            inner: Inner::Owned(Arc::new(r)),
            source: Some(Arc::new((text, version.to_owned()))),
        })
    }

    /// The code-list version, e.g. `kepmendagri-300.2.2-2138-2025`.
    #[getter]
    fn version(&self) -> &str {
        self.reference().version()
    }

    fn __len__(&self) -> usize {
        self.reference().len()
    }

    fn __repr__(&self) -> String {
        format!("<kim.Reference {}>", self.reference())
    }

    /// Counts by level and kind inside `within` (a code) or for the whole list.
    #[pyo3(signature = (within = None, /))]
    fn counts(&self, py: Python<'_>, within: Option<&str>) -> PyResult<Py<PyAny>> {
        let c = self
            .reference()
            .counts_in(within.map(kode).transpose()?)
            .py()?;
        ser_to_py(py, &c)
    }

    /// The unit with this code as a dict (`code`, `name`, `level`, `parent`, `counts` of the units inside it,
    /// `code_list_version`; what the C ABI's `kim_reference_lookup` writes, without `schema_version`), or `None`.
    fn get(&self, py: Python<'_>, code: &str) -> PyResult<Py<PyAny>> {
        match self.reference().lookup(kode(code)?) {
            Ok(lookup) => ser_to_py(py, &lookup),
            Err(kim_core::Error::NotInCodeList { .. }) => Ok(py.None()),
            Err(e) => Err(crate::errors::to_py_err(&e)),
        }
    }

    /// The direct children of `code` (the provinces for `None`) as dicts (`code`, `name`, `level`).
    #[pyo3(signature = (code = None, /))]
    fn children(&self, py: Python<'_>, code: Option<&str>) -> PyResult<Py<PyAny>> {
        let children: Vec<_> = self
            .reference()
            .children(code.map(kode).transpose()?)
            .collect();
        ser_to_py(py, &children)
    }

    /// The units inside `within` (or the whole list), only those at `level` if given, in code order, as columns:
    /// a dict of lists `code`, `name`, `level`, `parent`, `kind` (`kabupaten`/`kota` for a kab/kota,
    /// `desa`/`kelurahan`/`desa_adat` for a village). `Reference.to_pandas(level=...)` and `.table(...)` read it.
    #[pyo3(signature = (*, level = None, within = None))]
    fn columns<'py>(
        &self,
        py: Python<'py>,
        level: Option<&str>,
        within: Option<&str>,
    ) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
        let level = level.map(crate::wilayah::level).transpose()?;
        let within = within.map(kode).transpose()?;
        let reference = self.reference();
        reference.counts_in(within).py()?;
        let units: Vec<_> = reference
            .descendants(within)
            .filter(|u| level.is_none_or(|l| u.kode.level() == l))
            .collect();
        let text = |f: &dyn Fn(&kim_core::wilayah::Unit<'_>) -> Option<String>| {
            units.iter().map(f).collect::<Vec<_>>()
        };
        let d = pyo3::types::PyDict::new(py);
        d.set_item("code", text(&|u| Some(u.kode.to_string())))?;
        d.set_item("name", text(&|u| Some(u.name.to_owned())))?;
        d.set_item("level", text(&|u| Some(u.kode.level().as_str().to_owned())))?;
        d.set_item("parent", text(&|u| u.kode.parent().map(|p| p.to_string())))?;
        d.set_item(
            "kind",
            text(&|u| match u.kode.level() {
                // Its serde name (`kabupaten`, `kota`).
                Level::KabKota => u.kode.kab_kota_kind().and_then(|k| {
                    serde_json::to_value(k)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                }),
                Level::Desa => u.kode.village_kind().map(|k| k.as_str().to_owned()),
                _ => None,
            }),
        )?;
        Ok(d)
    }

    /// Ranked candidates for a name, case- and accent-insensitive, inside `within`.
    ///
    /// >>> kim.Reference.embedded().match_name("Perian", within="64.02.01")[0]["code"]
    /// '64.02.01.2001'
    #[pyo3(signature = (name, /, *, within = None, level = None))]
    fn match_name(
        &self,
        py: Python<'_>,
        name: &str,
        within: Option<&str>,
        level: Option<&str>,
    ) -> PyResult<Py<PyAny>> {
        let w = within.map(kode).transpose()?;
        let l = level.map(crate::wilayah::level).transpose()?;
        ser_to_py(py, &self.reference().match_name_at(name, w, l))
    }

    /// Resolves a free-text place such as "Desa Perian, Kec. Muara Muntai, Kukar": a dict with `resolution`
    /// (`unique`, `ambiguous`, `not_found`) and the candidate(s).
    fn resolve_place(&self, py: Python<'_>, text: &str) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.reference().resolve_place(text))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let cls = py.get_type::<Self>();
        let state = match &self.source {
            None => (None::<String>, None::<String>),
            Some(s) => (Some(s.0.clone()), Some(s.1.clone())),
        };
        (cls.getattr("_from_state")?, (state,)).into_pyobject(py)
    }

    #[staticmethod]
    fn _from_state(state: (Option<String>, Option<String>)) -> PyResult<Self> {
        match state {
            (Some(text), Some(version)) => {
                let r = Reference::from_csv(text.as_bytes(), &version).py()?;
                Ok(Self {
                    inner: Inner::Owned(Arc::new(r)),
                    source: Some(Arc::new((text, version))),
                })
            }
            _ => Ok(Self::embedded_ref()),
        }
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReference>()
}
