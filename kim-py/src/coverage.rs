//! `kim.coverage`, `kim.CoverageTable`, `kim.gaps`, `kim.coverage_series`.

use chrono::NaiveDate;
use kim_core::coverage::{
    COLUMNS, CodeListChoice, CoverageOptions, CoverageRow, CoverageSpec, CoverageTable,
    DENOMINATOR_COLUMNS, FLAT_COLUMNS, Read, SeriesDates, Target, coverage as core_coverage,
    coverage_by_date, coverage_series as core_series, coverage_series_by_date, gaps as core_gaps,
    gaps_by_date, target_progress as core_target,
};
use kim_core::registry::Status;
use kim_core::wilayah::{Kode, Reference};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyTuple};

use crate::errors::{IntoPyResult, arg};
use crate::options::{Day, day};
use crate::registry::PyRegistry;
use crate::wilayah::{PyReference, kode, level};
use crate::{ser_to_py, today};

/// A coverage table: one row per unit (every unit of the code list at the level, including those without a KIM),
/// the total of the `within` unit, the unmatched KIMs, the code-list version and `as_of`.
/// Converts with `.to_pandas()`, `.to_polars()`, and the Arrow PyCapsule interface (`__arrow_c_stream__`, through
/// pyarrow); shows as HTML in Jupyter; `.plot()` draws a bar chart (matplotlib).
#[pyclass(name = "CoverageTable", module = "kim", frozen)]
pub struct PyCoverageTable {
    inner: CoverageTable,
    /// With `code_list=`: the `as_of` was before the oldest list, and how many seats were translated into the list.
    before_oldest: bool,
    seats_rekeyed: u32,
}

impl PyCoverageTable {
    /// The rows as a dict of columns, the fast way into pandas, polars and pyarrow: one Python list per column, or,
    /// with `numpy` given, numpy `int64`/`float64` arrays for the numeric columns (made from one byte buffer each,
    /// with no Python object per cell).
    fn columns<'py>(
        &self,
        py: Python<'py>,
        numpy: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let rows = &self.inner.rows;
        let d = PyDict::new(py);
        // `frombuffer` views the bytes read-only (`raw` dtype); `astype` makes the writable column pandas users expect.
        let array = |bytes: Vec<u8>, raw: &str, dtype: &str, np: &Bound<'py, PyAny>| {
            let kwargs = PyDict::new(py);
            kwargs.set_item("dtype", raw)?;
            np.call_method("frombuffer", (PyBytes::new(py, &bytes),), Some(&kwargs))?
                .call_method1("astype", (dtype,))
        };
        for column in &COLUMNS {
            let name = column.name;
            if column.same_in_every_row {
                // One Python object repeated, not one per row.
                let value = match rows.first() {
                    None => py.None().into_bound(py),
                    Some(r) => cell(py, column.read, r)?,
                };
                d.set_item(
                    name,
                    PyList::new(py, std::iter::repeat_n(value, rows.len()))?,
                )?;
                continue;
            }
            match (column.read, numpy) {
                (Read::Code(f), _) => d.set_item(
                    name,
                    rows.iter()
                        .map(|r| f(r).map(|c| c.to_string()))
                        .collect::<Vec<_>>(),
                )?,
                (Read::Text(f), _) => d.set_item(name, rows.iter().map(f).collect::<Vec<_>>())?,
                (Read::Date(f), _) => d.set_item(name, rows.iter().map(f).collect::<Vec<_>>())?,
                (Read::Count(f), Some(np)) => {
                    let bytes = rows.iter().flat_map(|r| f(r).to_le_bytes()).collect();
                    d.set_item(name, array(bytes, "<u4", "int64", np)?)?;
                }
                (Read::Count(f), None) => {
                    d.set_item(name, rows.iter().map(f).collect::<Vec<u32>>())?;
                }
                (Read::Ratio(f), _) => {
                    // NaN where a ratio is undefined (no villages of that kind), as pandas expects.
                    let values = rows.iter().map(|r| f(r).unwrap_or(f64::NAN));
                    match numpy {
                        Some(np) => {
                            let bytes = values.flat_map(f64::to_le_bytes).collect();
                            d.set_item(name, array(bytes, "<f8", "float64", np)?)?;
                        }
                        None => d.set_item(name, values.collect::<Vec<f64>>())?,
                    }
                }
            }
        }
        if self.inner.denominators.is_some() {
            let values = denominator_values(rows);
            d.set_item(DENOMINATOR_COLUMNS[0], values.0)?;
            for (name, column) in DENOMINATOR_COLUMNS[1..].iter().zip(values.1) {
                let column: Vec<f64> = column.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect();
                d.set_item(name, column)?;
            }
        }
        Ok(d)
    }

    /// The rows as a pyarrow Table, built from Arrow buffers written here (offsets and bytes for the text
    /// columns, little-endian values and validity bitmaps for the others): no Python object per cell, and pandas 3
    /// keeps the text columns Arrow-backed. Same columns and values as [`Self::columns`].
    fn arrow_table<'py>(
        &self,
        py: Python<'py>,
        pa: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let rows = &self.inner.rows;
        let arrow = ArrowBuffers {
            py,
            pa,
            n: rows.len(),
        };
        let mut arrays = Vec::with_capacity(COLUMNS.len());
        for column in &COLUMNS {
            arrays.push(match column.read {
                Read::Code(f) => arrow.text(rows.iter().map(|r| f(r).map(Kode::dotted)))?,
                Read::Text(f) => arrow.text(rows.iter().map(f))?,
                Read::Count(f) => arrow.int64(rows.iter().map(f))?,
                Read::Ratio(f) => arrow.float64(rows.iter().map(f))?,
                Read::Date(f) => arrow.date32(rows.iter().map(f))?,
            });
        }
        let mut names = FLAT_COLUMNS.to_vec();
        if self.inner.denominators.is_some() {
            // Population as nullable int64 (pyarrow from the Python values), the others as nullable float64.
            let (population, others) = denominator_values(rows);
            let kwargs = PyDict::new(py);
            kwargs.set_item("type", pa.call_method0("int64")?)?;
            arrays.push(pa.call_method("array", (population,), Some(&kwargs))?);
            for column in others {
                arrays.push(arrow.float64(column.into_iter())?);
            }
            names.extend(DENOMINATOR_COLUMNS);
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("names", names)?;
        pa.getattr("Table")?
            .call_method("from_arrays", (arrays,), Some(&kwargs))
    }

    fn records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for r in &self.inner.rows {
            l.append(crate::ser_to_py(py, &r.flat())?)?;
        }
        Ok(l)
    }
}

/// One cell as a Python object (codes dotted, missing values `None`).
fn cell<'py>(py: Python<'py>, read: Read, row: &CoverageRow) -> PyResult<Bound<'py, PyAny>> {
    Ok(match read {
        Read::Code(f) => f(row).map(|c| c.to_string()).into_pyobject(py)?.into_any(),
        Read::Text(f) => f(row).into_pyobject(py)?.into_any(),
        Read::Count(f) => f(row).into_pyobject(py)?.into_any(),
        Read::Ratio(f) => f(row).into_pyobject(py)?.into_any(),
        Read::Date(f) => f(row).into_pyobject(py)?.into_any(),
    })
}

/// Writes Arrow arrays of one length through pyarrow's `Array.from_buffers`.
struct ArrowBuffers<'a, 'py> {
    py: Python<'py>,
    pa: &'a Bound<'py, PyAny>,
    n: usize,
}

impl<'py> ArrowBuffers<'_, 'py> {
    fn buffer(&self, bytes: &[u8]) -> PyResult<Bound<'py, PyAny>> {
        self.pa
            .call_method1("py_buffer", (PyBytes::new(self.py, bytes),))
    }

    /// A buffer of `width`-byte little-endian values written straight into the Python bytes object (no
    /// intermediate copy).
    fn values<const W: usize>(
        &self,
        values: impl Iterator<Item = [u8; W]>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let bytes = PyBytes::new_with(self.py, W * self.n, |buf| {
            for (chunk, v) in buf.chunks_exact_mut(W).zip(values) {
                chunk.copy_from_slice(&v);
            }
            Ok(())
        })?;
        self.pa.call_method1("py_buffer", (bytes,))
    }

    /// A validity bitmap (bit set = valid) and the null count; `None` when every value is there.
    fn validity(&self, valid: impl Iterator<Item = bool>) -> PyResult<(Bound<'py, PyAny>, usize)> {
        let mut bits = vec![0u8; self.n.div_ceil(8)];
        let mut nulls = 0;
        for (i, v) in valid.enumerate() {
            if v {
                bits[i / 8] |= 1 << (i % 8);
            } else {
                nulls += 1;
            }
        }
        Ok(if nulls == 0 {
            (self.py.None().into_bound(self.py), 0)
        } else {
            (self.buffer(&bits)?, nulls)
        })
    }

    fn array(
        &self,
        ty: &str,
        buffers: Vec<Bound<'py, PyAny>>,
        nulls: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.pa.getattr("Array")?.call_method1(
            "from_buffers",
            (
                self.pa.call_method0(ty)?,
                self.n,
                PyList::new(self.py, buffers)?,
                nulls,
            ),
        )
    }

    fn text<S: AsRef<str>>(
        &self,
        values: impl Iterator<Item = Option<S>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut offsets: Vec<u8> = Vec::with_capacity(4 * (self.n + 1));
        // Codes and names are short: one allocation covers most columns without growing.
        let mut data: Vec<u8> = Vec::with_capacity(24 * self.n);
        let mut valid = Vec::with_capacity(self.n);
        offsets.extend_from_slice(&0i32.to_le_bytes());
        for v in values {
            valid.push(v.is_some());
            data.extend_from_slice(v.as_ref().map_or("", AsRef::as_ref).as_bytes());
            let end = i32::try_from(data.len()).map_err(|_| {
                pyo3::exceptions::PyOverflowError::new_err("a text column over 2 GiB")
            })?;
            offsets.extend_from_slice(&end.to_le_bytes());
        }
        let (bitmap, nulls) = self.validity(valid.into_iter())?;
        let buffers = vec![bitmap, self.buffer(&offsets)?, self.buffer(&data)?];
        self.array("string", buffers, nulls)
    }

    fn int64(&self, values: impl Iterator<Item = u32>) -> PyResult<Bound<'py, PyAny>> {
        let data = self.values(values.map(|v| i64::from(v).to_le_bytes()))?;
        let buffers = vec![self.py.None().into_bound(self.py), data];
        self.array("int64", buffers, 0)
    }

    fn float64(
        &self,
        values: impl Iterator<Item = Option<f64>> + Clone,
    ) -> PyResult<Bound<'py, PyAny>> {
        let data = self.values(values.clone().map(|v| v.unwrap_or(0.0).to_le_bytes()))?;
        let (bitmap, nulls) = self.validity(values.map(|v| v.is_some()))?;
        let buffers = vec![bitmap, data];
        self.array("float64", buffers, nulls)
    }

    /// A date per row, as date32 (days since 1970-01-01).
    fn date32(&self, dates: impl Iterator<Item = NaiveDate>) -> PyResult<Bound<'py, PyAny>> {
        let mut bytes: Vec<u8> = Vec::with_capacity(4 * self.n);
        for date in dates {
            let days = i32::try_from((date - NaiveDate::default()).num_days()).map_err(|_| {
                pyo3::exceptions::PyOverflowError::new_err("a date out of the date32 range")
            })?;
            bytes.extend_from_slice(&days.to_le_bytes());
        }
        let buffers = vec![self.py.None().into_bound(self.py), self.buffer(&bytes)?];
        self.array("date32", buffers, 0)
    }
}

#[pymethods]
impl PyCoverageTable {
    /// The rows as dicts (flat columns).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        self.records(py)
    }

    /// The total row of the `within` unit (or the country) as a dict.
    #[getter]
    fn total(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        crate::ser_to_py(py, &self.inner.total.flat())
    }

    /// Active KIMs whose seat is not a village of the code list (never dropped silently).
    #[getter]
    fn unmatched(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.unmatched)
    }

    /// The date.
    /// Where the population and area figures come from and how many rows lack them (`coverage(...,
    /// denominators=True)`), or None.
    #[getter]
    fn denominators(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        ser_to_py(py, &self.inner.denominators)
    }

    #[getter]
    fn as_of(&self) -> NaiveDate {
        self.inner.as_of
    }

    /// The code-list version.
    #[getter]
    fn code_list_version(&self) -> &str {
        &self.inner.code_list_version
    }

    /// The row level.
    #[getter]
    fn level(&self) -> &'static str {
        self.inner.level.as_str()
    }

    fn __len__(&self) -> usize {
        self.inner.rows.len()
    }

    fn __repr__(&self) -> String {
        let t = &self.inner.total;
        format!(
            "<kim.CoverageTable {} rows at {} · {} · {}/{} villages with a KIM · as_of {} · {}>",
            self.inner.rows.len(),
            self.inner.level,
            t.name,
            t.villages_with_kim.total,
            t.villages.total,
            self.inner.as_of,
            self.inner.code_list_version
        )
    }

    /// A pandas DataFrame of the rows (pandas is imported only here).
    fn to_pandas(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let pd = py.import("pandas")?;
        // With pyarrow (pandas 3 uses it for text columns), through an Arrow table: the fast way. Without it, from
        // numpy arrays and lists, to the same frame.
        if let Ok(pa) = py.import("pyarrow") {
            return Ok(self
                .arrow_table(py, &pa)?
                .call_method0("to_pandas")?
                .unbind());
        }
        // pandas depends on numpy, so numpy is there whenever pandas is.
        let np = py.import("numpy")?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("columns", FLAT_COLUMNS.to_vec())?;
        Ok(pd
            .getattr("DataFrame")?
            .call((self.columns(py, Some(np.as_any()))?,), Some(&kwargs))?
            .unbind())
    }

    /// A polars DataFrame of the rows (polars is imported only here), through the same Arrow table as pandas when
    /// pyarrow is installed, from lists when it is not.
    fn to_polars(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let pl = py.import("polars")?;
        if let Ok(pa) = py.import("pyarrow") {
            return Ok(pl
                .call_method1("from_arrow", (self.arrow_table(py, &pa)?,))?
                .unbind());
        }
        Ok(pl
            .getattr("DataFrame")?
            .call1((self.columns(py, None)?,))?
            .unbind())
    }

    /// The Arrow PyCapsule stream interface, so that polars, DuckDB and pyarrow read the table directly. Built
    /// through pyarrow (imported here).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__(
        &self,
        py: Python<'_>,
        requested_schema: Option<Py<PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let pa = py.import("pyarrow")?;
        let table = self.arrow_table(py, &pa)?;
        Ok(table
            .call_method1("__arrow_c_stream__", (requested_schema,))?
            .unbind())
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let json = serde_json::to_string(&self.inner).map_err(|e| arg(e.to_string()))?;
        (
            py.get_type::<Self>().getattr("_from_json")?,
            (json, self.before_oldest, self.seats_rekeyed),
        )
            .into_pyobject(py)
    }

    #[staticmethod]
    #[pyo3(signature = (json, before_oldest = false, seats_rekeyed = 0))]
    fn _from_json(json: &str, before_oldest: bool, seats_rekeyed: u32) -> PyResult<Self> {
        Ok(Self {
            inner: serde_json::from_str(json).map_err(|e| arg(e.to_string()))?,
            before_oldest,
            seats_rekeyed,
        })
    }

    /// One column as a Python list (codes dotted, undefined ratios `None`): what the chart and the HTML view read.
    fn column<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let column = COLUMNS.iter().find(|c| c.name == name).ok_or_else(|| {
            arg(format!(
                "no column {name:?}; the columns are {}",
                FLAT_COLUMNS.join(", ")
            ))
        })?;
        let cells = self
            .inner
            .rows
            .iter()
            .map(|r| cell(py, column.read, r))
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, cells)
    }

    /// The rows `start..stop` as dicts (flat columns).
    fn records_slice<'py>(
        &self,
        py: Python<'py>,
        start: usize,
        stop: usize,
    ) -> PyResult<Bound<'py, PyList>> {
        let rows = &self.inner.rows;
        let l = PyList::empty(py);
        for r in &rows[start.min(rows.len())..stop.min(rows.len())] {
            l.append(crate::ser_to_py(py, &r.flat())?)?;
        }
        Ok(l)
    }

    /// KIMs active on `as_of` but not counted because validation found an error (with `only_valid=True`).
    #[getter]
    fn excluded_invalid(&self) -> Vec<String> {
        self.inner.excluded_invalid.clone()
    }

    /// The `within` unit, or `None` for the whole country.
    #[getter]
    fn within(&self) -> Option<String> {
        self.inner.within.map(|w| w.to_string())
    }

    /// With `code_list=`: True when `as_of` is before the oldest embedded list (the oldest was used).
    #[getter]
    fn before_oldest(&self) -> bool {
        self.before_oldest
    }

    /// With `code_list=`: seats whose code was translated into the list used (re-keyed units).
    #[getter]
    fn seats_rekeyed(&self) -> u32 {
        self.seats_rekeyed
    }
}

/// Which code list a computation uses: `None` for `reference` (today's embedded list by default), `"in_force"` for
/// the embedded list in force on each date, or an embedded version id (`kim.versions.versions()`).
fn choice(
    code_list: Option<&str>,
    reference: Option<&PyReference>,
) -> PyResult<Option<CodeListChoice>> {
    match code_list {
        None => Ok(None),
        Some(_) if reference.is_some() => Err(arg(
            "give code_list= or reference=, not both: code_list picks one of the embedded lists",
        )),
        Some("in_force") => Ok(Some(CodeListChoice::InForce)),
        Some(id) => Ok(Some(CodeListChoice::Pinned(id.to_owned()))),
    }
}

/// The optional denominator columns of the rows ([`DENOMINATOR_COLUMNS`] order): population, then area and the two
/// ratios; `None` where a unit has no figure.
type DenominatorValues = (Vec<Option<u64>>, [Vec<Option<f64>>; 3]);

fn denominator_values(rows: &[CoverageRow]) -> DenominatorValues {
    let d = |r: &CoverageRow| r.denominators.unwrap_or_default();
    (
        rows.iter().map(|r| d(r).population).collect(),
        [
            rows.iter().map(|r| d(r).area_km2).collect(),
            rows.iter().map(|r| d(r).kim_per_100k_residents).collect(),
            rows.iter().map(|r| d(r).kim_per_1000_km2).collect(),
        ],
    )
}

/// Keyword arguments to core options; `as_of=None` is today ([`today`]), `level=None` the core's default.
fn options(
    level_name: Option<&str>,
    within: Option<&str>,
    as_of: Option<Day>,
    active: Option<Vec<String>>,
    only_valid: bool,
    denominators: bool,
) -> PyResult<CoverageOptions> {
    let spec = CoverageSpec {
        as_of: day(as_of),
        level: level_name.map(level).transpose()?,
        within: within.map(kode).transpose()?,
        active: active
            .map(|a| {
                a.iter()
                    .map(|s| s.parse::<Status>().map_err(arg))
                    .collect::<PyResult<Vec<_>>>()
            })
            .transpose()?,
        only_valid,
        denominators,
    };
    Ok(spec.options(today()))
}

/// Coverage of villages and kecamatan by active KIMs, one row per unit at `level` (`"provinsi"`, `"kab_kota"`,
/// `"kecamatan"`, `"desa"`, or `"kabupaten"`, `"kota"`, `"kab/kota"`, `"kec"`) inside `within`, on `as_of` (a
/// `datetime.date` or an ISO string; today by default). `only_valid=True` counts only KIMs with no error finding
/// (the others are listed in `.excluded_invalid`). `code_list="in_force"` uses the embedded list in force on
/// `as_of` (or give a version id), translating re-keyed seats. `denominators=True` adds population, area_km2,
/// kim_per_100k_residents and kim_per_1000_km2 to every row (today's list, provinsi and kab/kota only; None or NaN
/// without a figure, never estimated), and `.denominators` says where the figures come from and how many rows lack
/// them.
///
/// >>> t = kim.coverage(reg, level="kecamatan", within="64.02", as_of="2025-06-30")
/// >>> len(t), t.total["villages"]
/// (20, 237)
#[pyfunction]
#[pyo3(signature = (registry, /, *, level = "kecamatan", within = None, as_of = None, active = None, only_valid = false, code_list = None, reference = None, denominators = false))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)] // keyword arguments
fn coverage(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    level: &str,
    within: Option<&str>,
    as_of: Option<Day>,
    active: Option<Vec<String>>,
    only_valid: bool,
    code_list: Option<&str>,
    reference: Option<PyRef<'_, PyReference>>,
    denominators: bool,
) -> PyResult<PyCoverageTable> {
    let o = options(Some(level), within, as_of, active, only_valid, denominators)?;
    let reg = &registry.inner;
    if let Some(c) = choice(code_list, reference.as_deref())? {
        let d = py.detach(|| coverage_by_date(reg, &o, &c)).py()?;
        return Ok(PyCoverageTable {
            inner: d.table,
            before_oldest: d.before_oldest,
            seats_rekeyed: d.seats_rekeyed,
        });
    }
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let t = py.detach(|| core_coverage(reg, r.reference(), &o)).py()?;
    Ok(PyCoverageTable {
        inner: t,
        before_oldest: false,
        seats_rekeyed: 0,
    })
}

/// Villages and kecamatan without an active KIM: a dict with `villages` and `kecamatan` (lists of flat rows with
/// the names of the kecamatan, kab/kota and province above each unit), `as_of` and `code_list_version`.
/// `kim.gaps` wraps it in tables.
#[pyfunction]
#[pyo3(signature = (registry, /, *, within = None, as_of = None, active = None, only_valid = false, code_list = None, reference = None))]
#[allow(clippy::too_many_arguments)] // keyword arguments
fn gaps(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    within: Option<&str>,
    as_of: Option<Day>,
    active: Option<Vec<String>>,
    only_valid: bool,
    code_list: Option<&str>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let o = options(None, within, as_of, active, only_valid, false)?;
    let reg = &registry.inner;
    let (g, (villages, kecamatan)) = if let Some(c) = choice(code_list, reference.as_deref())? {
        let g = py.detach(|| gaps_by_date(reg, &o, &c)).py()?;
        let rows = g.rows(Reference::version_id(&g.code_list_version).py()?);
        (g, rows)
    } else {
        let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
        let g = py.detach(|| core_gaps(reg, r.reference(), &o)).py()?;
        let rows = g.rows(r.reference());
        (g, rows)
    };
    ser_to_py(
        py,
        &serde_json::json!({
            "villages": villages,
            "kecamatan": kecamatan,
            "as_of": g.as_of,
            "code_list_version": g.code_list_version,
        }),
    )
}

/// Coverage of `within` at every month end from `start` to `end` (today by default), or at any `dates`, in one
/// pass over the history: a list of dicts (`date`, `villages`, `villages_with_kim`, `village_ratio`, `kecamatan`,
/// `kecamatan_with_kim`, `kecamatan_ratio`, `n_kim`, `code_list_version`). `kim.coverage_series` wraps it in a
/// table.
#[pyfunction]
#[pyo3(signature = (registry, /, *, start = None, end = None, dates = None, within = None, active = None, code_list = None, reference = None))]
#[allow(clippy::too_many_arguments)] // keyword arguments
fn coverage_series(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    start: Option<Day>,
    end: Option<Day>,
    dates: Option<Vec<Day>>,
    within: Option<&str>,
    active: Option<Vec<String>>,
    code_list: Option<&str>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let spec = match (dates, start, end) {
        (Some(d), None, None) => SeriesDates::Dates(d.into_iter().map(|d| d.0).collect()),
        (None, Some(from), to) => SeriesDates::MonthEnds {
            from: from.0,
            to: day(to).unwrap_or_else(today),
        },
        (Some(_), _, _) => {
            return Err(arg(
                "give dates=[...] or start= (and end=, today by default), not both",
            ));
        }
        (None, None, _) => {
            return Err(arg(
                "give start= (the first month; end= is today by default) or dates=[...]",
            ));
        }
    };
    let o = options(None, within, None, active, false, false)?;
    let reg = &registry.inner;
    if let Some(c) = choice(code_list, reference.as_deref())? {
        let s = py
            .detach(|| coverage_series_by_date(reg, &o, &spec, &c))
            .py()?;
        return ser_to_py(py, &s);
    }
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let s = py
        .detach(|| core_series(reg, r.reference(), &o, &spec))
        .py()?;
    // The same shape as with `code_list=`: each point names its list.
    let mut s = serde_json::to_value(&s).map_err(|e| arg(e.to_string()))?;
    for point in s.as_array_mut().into_iter().flatten() {
        point["code_list_version"] = r.reference().version().into();
    }
    crate::to_py(py, &s)
}

/// Progress of `within` towards a village-coverage target (`ratio` in [0, 1] by `date`) on `as_of`: a dict with
/// the target, `villages_with_kim`, `villages`, `ratio`, `villages_needed`, `pace_per_month` (net villages gained
/// per month over the trailing `window_months`), `projected_date` (`None` when the pace is not positive) and
/// `on_time`.
#[pyfunction]
#[pyo3(signature = (registry, /, *, ratio, date, within = None, as_of = None, window_months = 12, active = None, reference = None))]
#[allow(clippy::too_many_arguments)] // keyword arguments
fn target_progress(
    py: Python<'_>,
    registry: PyRef<'_, PyRegistry>,
    ratio: f64,
    date: Day,
    within: Option<&str>,
    as_of: Option<Day>,
    window_months: u32,
    active: Option<Vec<String>>,
    reference: Option<PyRef<'_, PyReference>>,
) -> PyResult<Py<PyAny>> {
    let o = options(None, within, as_of, active, false, false)?;
    let target = Target::new(ratio, date.0).window_months(window_months);
    let r = reference.map_or_else(PyReference::embedded_ref, |r| r.clone());
    let reg = &registry.inner;
    let p = py
        .detach(|| core_target(reg, r.reference(), &o, target))
        .py()?;
    ser_to_py(py, &p)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCoverageTable>()?;
    m.add_function(wrap_pyfunction!(coverage, m)?)?;
    m.add_function(wrap_pyfunction!(gaps, m)?)?;
    m.add_function(wrap_pyfunction!(coverage_series, m)?)?;
    m.add_function(wrap_pyfunction!(target_progress, m)?)?;
    Ok(())
}
