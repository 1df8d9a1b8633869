//! Coverage and gaps.

use std::ffi::c_char;

use chrono::NaiveDate;
use kim_core::coverage::{
    CoverageOptions, CoverageSpec, SeriesDates, Target, coverage, coverage_series, gaps,
    target_progress,
};
use kim_core::vocab::Status;
use kim_core::wilayah::Kode;
use serde::{Deserialize, Serialize};

use crate::errors::{FfiError, KimStatus};
use crate::handle::{check_out, handle, optional_str, parse_json, versioned, write_json};
use crate::macros::ffi_call;
use crate::registry::KimRegistry;
use crate::wilayah::KimReference;

/// Coverage options as JSON, every field optional (the shape of `kim_core::coverage::CoverageSpec`):
/// `{"as_of":"2025-06-30","level":"kecamatan","within":"64.02","active":["registered","active"],"only_valid":false}`.
/// Without `as_of`, today ([`crate::today`]).
pub(crate) fn parse(json: Option<&str>) -> Result<CoverageOptions, FfiError> {
    let spec: CoverageSpec = json
        .filter(|s| !s.trim().is_empty())
        .map_or_else(|| Ok(CoverageSpec::default()), |s| parse_json(s, "options"))?;
    Ok(spec.options(crate::today()))
}

/// The arguments every coverage call takes: the registry, the reference and the options text (`None` for NULL).
///
/// # Safety
///
/// `registry` and `reference` are NULL or live handles; `options_json` is NULL or points to `options_len` bytes.
pub(crate) unsafe fn inputs<'a>(
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
) -> Result<(&'a KimRegistry, &'a KimReference, Option<&'a str>), FfiError> {
    // SAFETY: forwarded to the caller.
    unsafe {
        Ok((
            handle(registry, "registry")?,
            handle(reference, "reference")?,
            optional_str(options_json, options_len, "options_json")?,
        ))
    }
}

/// Computes coverage (`kim_core::coverage::coverage`) and writes the table as JSON: `{"schema_version":1,"rows":[…],
/// "total":{…},"unmatched":[…],"excluded_invalid":[…],"code_list_version":…,"as_of":…,"level":…,"within":…}`.
///
/// # Safety
///
/// `registry` and `reference` are live handles; `options_json` is NULL or points to `options_len` bytes; `out` is a
/// valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (bad options), `KIM_STATUS_INVALID_ARGUMENT` (`within` not in the list, level not below it),
/// `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_coverage(
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, reference, opts) =
            unsafe { inputs(registry, reference, options_json, options_len)? };
        let table = coverage(&registry.0, reference.get(), &parse(opts)?)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &table) }
    })
}

/// Lists the villages and kecamatan without an active KIM (`level` is ignored). Writes
/// `{"schema_version":1,"villages":[{"code","name","parent"}],"kecamatan":[…],"as_of":…,"code_list_version":…}`.
///
/// # Safety
///
/// As [`kim_coverage`].
///
/// # Errors
///
/// As [`kim_coverage`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_gaps(
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, reference, opts) =
            unsafe { inputs(registry, reference, options_json, options_len)? };
        let g = gaps(&registry.0, reference.get(), &parse(opts)?)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&g)) }
    })
}

/// Options of [`kim_coverage_series`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SeriesRequest {
    pub(crate) within: Option<Kode>,
    pub(crate) active: Option<Vec<Status>>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    dates: Option<Vec<NaiveDate>>,
}

impl SeriesRequest {
    /// The dates asked for: `from` and `to`, or `dates`.
    pub(crate) fn dates(&self) -> Result<SeriesDates, FfiError> {
        match (self.from, self.to, &self.dates) {
            (Some(from), Some(to), None) => Ok(SeriesDates::MonthEnds { from, to }),
            (None, None, Some(d)) => Ok(SeriesDates::Dates(d.clone())),
            _ => Err(FfiError::new(
                KimStatus::KIM_STATUS_INVALID_ARGUMENT,
                "KIM-E-ARGUMENT",
                "`options_json` needs `from` and `to`, or `dates`",
            )),
        }
    }
}

/// The body of [`kim_coverage_series`].
#[derive(Serialize)]
struct Series<'a> {
    within: Option<Kode>,
    code_list_version: &'a str,
    points: Vec<kim_core::coverage::SeriesPoint>,
}

/// Coverage through time for one unit (`kim_core::coverage::coverage_series`: one sweep over the history serves
/// every date). `options_json`: `{"within": "64.02", "active": ["registered", "active"], "from": "2024-01-01",
/// "to": "2025-06-30"}` for every month end from `from` to `to`, or `"dates": ["2024-12-31", "2025-06-30"]` for
/// those dates (sorted, without duplicates, at most 100,000). `within` defaults to the whole country, `active` to
/// registered and active. Writes `{"schema_version":1,"within":…,"code_list_version":…,"points":[{"date",
/// "villages":{"desa","kelurahan","desa_adat","total"},"villages_with_kim":{…},"village_ratio","kecamatan",
/// "kecamatan_with_kim","kecamatan_ratio","n_kim"}]}` (a ratio is `null` for a unit without villages).
///
/// # Safety
///
/// `registry` and `reference` are live handles; `options_json` points to `options_len` bytes; `out` is a valid
/// pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (not the shape above), `KIM_STATUS_INVALID_ARGUMENT` (neither or both of `from`/`to` and
/// `dates`; `to` before `from`; too many dates), `KIM_STATUS_INVALID_CODE` (`within` not in the list),
/// `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_coverage_series(
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, reference, opts) =
            unsafe { inputs(registry, reference, options_json, options_len)? };
        let q: SeriesRequest = parse_json(opts.unwrap_or_default(), "options")?;
        let dates = q.dates()?;
        let spec = CoverageSpec {
            within: q.within,
            active: q.active,
            ..CoverageSpec::default()
        };
        let r = reference.get();
        let points = coverage_series(&registry.0, r, &spec.options(crate::today()), &dates)?;
        let body = Series {
            within: q.within,
            code_list_version: r.version(),
            points,
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

/// The target part of [`kim_coverage_target`]'s options.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetIn {
    ratio: f64,
    date: NaiveDate,
    #[serde(default = "twelve")]
    window_months: u32,
}

fn twelve() -> u32 {
    12
}

/// Options of [`kim_coverage_target`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetRequest {
    as_of: Option<NaiveDate>,
    within: Option<Kode>,
    active: Option<Vec<Status>>,
    target: TargetIn,
}

/// Progress towards a village-coverage target (`kim_core::coverage::target_progress`): the pace over a trailing
/// window and the date the target would be reached at that pace. `options_json`: `{"within": "64.02", "as_of":
/// "2025-06-30", "active": […], "target": {"ratio": 0.8, "date": "2026-12-31", "window_months": 12}}` (`as_of`
/// defaults to today, the process's local date; `window_months` to 12; `within` to the whole country). Writes
/// `{"schema_version":1,"target":{"ratio","date","window_months"},"as_of","villages_with_kim","villages","ratio",
/// "villages_needed","pace_per_month","projected_date","on_time"}` (`projected_date` is `as_of` when reached,
/// `null` when the pace is not positive).
///
/// # Safety
///
/// As [`kim_coverage_series`].
///
/// # Errors
///
/// `KIM_STATUS_JSON`, `KIM_STATUS_INVALID_ARGUMENT` (`ratio` outside [0, 1], `window_months` 0),
/// `KIM_STATUS_INVALID_CODE` (`within`), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_coverage_target(
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, reference, opts) =
            unsafe { inputs(registry, reference, options_json, options_len)? };
        let q: TargetRequest = parse_json(opts.unwrap_or_default(), "options")?;
        let spec = CoverageSpec {
            as_of: q.as_of,
            within: q.within,
            active: q.active,
            ..CoverageSpec::default()
        };
        let target =
            Target::new(q.target.ratio, q.target.date).window_months(q.target.window_months);
        let p = target_progress(
            &registry.0,
            reference.get(),
            &spec.options(crate::today()),
            target,
        )?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&p)) }
    })
}
