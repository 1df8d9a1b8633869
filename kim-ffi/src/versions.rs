//! Code lists through time: the versions, the list in force on a date, diffs, the seat crosswalk and coverage
//! with the list in force. Versions are named by their id (`"permendagri-72-2019"`, see `kim_code_list_versions`).

use std::ffi::c_char;

use kim_core::coverage::{
    CodeListChoice, CoverageSpec, DatedSeriesPoint, KimSeatMigration, MIN_REKEY_CONFIDENCE,
    coverage_by_date, coverage_series_by_date, gaps_by_date, migrate_registry,
};
use kim_core::wilayah::{Crosswalk, Kode, Reference, diff};

use crate::coverage::SeriesRequest;
use crate::errors::{FfiError, KimStatus};
use crate::handle::{
    check_out, handle, input_str, optional_str, parse_json, versioned, write_handle, write_json,
};
use crate::macros::ffi_call;
use crate::registry::KimRegistry;

fn date(s: &str) -> Result<chrono::NaiveDate, FfiError> {
    s.trim().parse().map_err(|_| {
        kim_core::Error::InvalidArgument {
            name: "date",
            problem: kim_core::error::ArgumentProblem::Malformed,
            message: format!(
                "{:?} is not an ISO date (YYYY-MM-DD)",
                kim_core::privacy::mask_text(s)
            ),
        }
        .into()
    })
}

/// The pinned version (`code_list` non-empty) or the list in force on each date.
fn choice(pin: Option<&str>) -> CodeListChoice {
    match pin.map(str::trim) {
        None | Some("") => CodeListChoice::InForce,
        Some(id) => CodeListChoice::Pinned(id.to_owned()),
    }
}

/// The registry handle, the options text (`{}` when NULL or blank) and the code-list choice of a dated call.
///
/// # Safety
///
/// As [`kim_coverage_by_date`].
unsafe fn dated_inputs<'a>(
    registry: *const KimRegistry,
    options_json: *const c_char,
    options_len: usize,
    code_list: *const c_char,
    code_list_len: usize,
) -> Result<(&'a KimRegistry, &'a str, CodeListChoice), FfiError> {
    // SAFETY: guaranteed by the caller.
    let (registry, opts, pin) = unsafe {
        (
            handle(registry, "registry")?,
            optional_str(options_json, options_len, "options_json")?,
            optional_str(code_list, code_list_len, "code_list")?,
        )
    };
    let opts = opts.map_or("", str::trim);
    Ok((
        registry,
        if opts.is_empty() { "{}" } else { opts },
        choice(pin),
    ))
}

#[derive(serde::Serialize)]
struct DatedSeries<'a> {
    within: Option<Kode>,
    points: &'a [DatedSeriesPoint],
}

#[derive(serde::Serialize)]
struct Migrations<'a, T: serde::Serialize> {
    from_version: &'a str,
    to_version: &'a str,
    rows: &'a [T],
}

#[derive(serde::Serialize)]
struct VersionList<'a> {
    versions: &'a [kim_core::wilayah::CodeListVersion],
}

#[derive(serde::Serialize)]
struct InForceBody<'a> {
    version: &'a kim_core::wilayah::CodeListVersion,
    before_oldest: bool,
}

/// Writes `{"schema_version":1,"versions":[{"id","decree","in_force","upstream_file","upstream_sha256","counts":
/// {"provinsi","kab_kota","kecamatan","villages"},"current"}, …]}`, oldest first.
///
/// # Safety
///
/// `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_code_list_versions(out: *mut *mut c_char) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe {
            write_json(
                out,
                &versioned(&VersionList {
                    versions: Reference::versions(),
                }),
            )
        }
    })
}

/// The list in force on an ISO date: writes `{"schema_version":1,"version":{…as in kim_code_list_versions},
/// "before_oldest":false}`. Before the oldest version (2016-01-01) the oldest is used and `before_oldest` is true.
///
/// # Safety
///
/// `date` points to `date_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_ARGUMENT` (not a date), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_code_list_in_force(
    date_iso: *const c_char,
    date_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the buffer.
        let d = date(unsafe { input_str(date_iso, date_len, "date")? })?;
        let f = Reference::in_force(d)?;
        let body = InForceBody {
            version: f.version,
            before_oldest: f.before_oldest,
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

/// The differences between two versions: writes `{"schema_version":1,"from_version","to_version","rows":[{"change":
/// "added"|"removed"|"renamed"|"rekeyed"|"ambiguous","level","old_code","old_name","new_code","new_name",
/// "confidence","candidates":[…]}]}` (unchanged units are not listed).
///
/// # Safety
///
/// `from` and `to` point to `from_len` and `to_len` bytes; `out` is a valid pointer. Free `*out` with
/// `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_ARGUMENT` (unknown version id), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_code_list_diff(
    from: *const c_char,
    from_len: usize,
    to: *const c_char,
    to_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees both buffers.
        let (from, to) = unsafe {
            (
                input_str(from, from_len, "from")?,
                input_str(to, to_len, "to")?,
            )
        };
        let d = diff(Reference::version_id(from)?, Reference::version_id(to)?);
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&d)) }
    })
}

/// Migrates seat codes from one version to another. `codes_json` is a JSON array of codes (`["92.71.01", …]`).
/// Writes `{"schema_version":1,"from_version","to_version","rows":[{"code","status":"unchanged"|"renamed"|
/// "rekeyed"|"ambiguous"|"gone"|"not_in_source","new_code","old_name","new_name","confidence","candidates"}]}`.
///
/// # Safety
///
/// `from`, `to` and `codes_json` point to `from_len`, `to_len` and `codes_len` bytes; `out` is a valid pointer.
/// Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_ARGUMENT` (unknown version id), `KIM_STATUS_JSON` (not an array of codes, with the code's
/// position), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_code_list_crosswalk(
    from: *const c_char,
    from_len: usize,
    to: *const c_char,
    to_len: usize,
    codes_json: *const c_char,
    codes_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the three buffers.
        let (from, to, codes) = unsafe {
            (
                input_str(from, from_len, "from")?,
                input_str(to, to_len, "to")?,
                input_str(codes_json, codes_len, "codes_json")?,
            )
        };
        let codes: Vec<Kode> = parse_json(codes, "codes_json")?;
        let (a, b) = (Reference::version_id(from)?, Reference::version_id(to)?);
        let rows = Crosswalk::new(a, b).migrate_all(&codes);
        let body = Migrations {
            from_version: a.version(),
            to_version: b.version(),
            rows: &rows,
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

/// Coverage with the code list in force on `as_of` (`code_list` NULL or empty), or the version `code_list` names.
/// The registry's seats and `within` are codes of today's list; seats of re-keyed units are translated, the others
/// stay and show in `unmatched`. `options_json` is as for `kim_coverage`; with `"denominators": true` the table has
/// population and area columns (figures only for the list they were published for: `null` with an older list).
/// Writes `{"schema_version":1,"version":{…},"before_oldest":false,"seats_rekeyed":0,"table":{…as kim_coverage}}`.
///
/// # Safety
///
/// `registry` is a live handle; `options_json` and `code_list` are NULL or point to their lengths in bytes; `out` is
/// a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// As `kim_coverage`, plus `KIM_STATUS_INVALID_ARGUMENT` for an unknown version id or a `within` that has no
/// single unit in that list.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_coverage_by_date(
    registry: *const KimRegistry,
    options_json: *const c_char,
    options_len: usize,
    code_list: *const c_char,
    code_list_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, opts, choice) = unsafe {
            dated_inputs(
                registry,
                options_json,
                options_len,
                code_list,
                code_list_len,
            )?
        };
        let spec: CoverageSpec = parse_json(opts, "options")?;
        let c = coverage_by_date(&registry.0, &spec.options(crate::today()), &choice)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&c)) }
    })
}

/// Gaps (villages and kecamatan without an active KIM) with the code list in force on `as_of` (`code_list` NULL or
/// empty), or the version `code_list` names; seats are translated as in [`kim_coverage_by_date`]. `options_json` is
/// as for `kim_gaps`. Writes what `kim_gaps` writes; its `code_list_version` names the list used.
///
/// # Safety
///
/// As [`kim_coverage_by_date`].
///
/// # Errors
///
/// As [`kim_coverage_by_date`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_gaps_by_date(
    registry: *const KimRegistry,
    options_json: *const c_char,
    options_len: usize,
    code_list: *const c_char,
    code_list_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, opts, choice) = unsafe {
            dated_inputs(
                registry,
                options_json,
                options_len,
                code_list,
                code_list_len,
            )?
        };
        let spec: CoverageSpec = parse_json(opts, "options")?;
        let g = gaps_by_date(&registry.0, &spec.options(crate::today()), &choice)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&g)) }
    })
}

/// Coverage through time where each date uses the code list in force on it (`code_list` NULL or empty), or the
/// version `code_list` names for every date. `options_json` is as for `kim_coverage_series` (`within`, `active`,
/// and `from` + `to` or `dates`). Writes `{"schema_version":1,"within":"64.02"|null,"points":[{"date","villages",
/// "villages_with_kim","village_ratio","kecamatan","kecamatan_with_kim","kecamatan_ratio","n_kim",
/// "code_list_version"}]}`: the universe may change between points, and each says which list it used.
///
/// # Safety
///
/// As [`kim_coverage_by_date`].
///
/// # Errors
///
/// As `kim_coverage_series`, plus `KIM_STATUS_INVALID_ARGUMENT` for an unknown version id or a `within` that has
/// no single unit in a list used.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_coverage_series_by_date(
    registry: *const KimRegistry,
    options_json: *const c_char,
    options_len: usize,
    code_list: *const c_char,
    code_list_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, opts, choice) = unsafe {
            dated_inputs(
                registry,
                options_json,
                options_len,
                code_list,
                code_list_len,
            )?
        };
        let q: SeriesRequest = parse_json(opts, "options")?;
        let spec = CoverageSpec {
            within: q.within,
            active: q.active.clone(),
            ..CoverageSpec::default()
        };
        let points = coverage_series_by_date(
            &registry.0,
            &spec.options(crate::today()),
            &q.dates()?,
            &choice,
        )?;
        let body = DatedSeries {
            within: q.within,
            points: &points,
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

/// Migrates a registry exported from a system that still uses an older code list: every seat is read as a code of
/// `from` (a version id) and goes through the crosswalk to `to` (NULL or empty: today's list). Unchanged and renamed
/// seats keep their code; seats re-keyed with confidence ≥ 0.9 take their new code; ambiguous, gone and unknown
/// seats keep their old code (validation and coverage then show them). `*out` receives the new registry (free it
/// with `kim_registry_free`) and `*out_report`
/// `{"schema_version":1,"from_version","to_version","rows":[{"kim_id","code","status","new_code","old_name",
/// "new_name","confidence","candidates","rewritten"}]}`, one row per KIM.
///
/// # Safety
///
/// `registry` is a live handle; `from` and `to` are NULL or point to their lengths in bytes (`from` is required);
/// `out` and `out_report` are valid pointers. Free `*out_report` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_ARGUMENT` (unknown version id), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_registry_migrate_codes(
    registry: *const KimRegistry,
    from: *const c_char,
    from_len: usize,
    to: *const c_char,
    to_len: usize,
    out: *mut *mut KimRegistry,
    out_report: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        check_out(out_report, "out_report")?;
        // SAFETY: guaranteed by the caller.
        let (registry, from, to) = unsafe {
            (
                handle(registry, "registry")?,
                input_str(from, from_len, "from")?,
                optional_str(to, to_len, "to")?,
            )
        };
        let target = match to.map(str::trim) {
            None | Some("") => Reference::embedded(),
            Some(id) => Reference::version_id(id)?,
        };
        let m = migrate_registry(
            &registry.0,
            Reference::version_id(from.trim())?,
            target,
            MIN_REKEY_CONFIDENCE,
        )?;
        let body = Migrations::<KimSeatMigration> {
            from_version: &m.from_version,
            to_version: &m.to_version,
            rows: &m.seats,
        };
        // SAFETY: `out_report` is valid and non-NULL.
        unsafe { write_json(out_report, &versioned(&body))? };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimRegistry(m.registry)) };
        Ok(())
    })
}
