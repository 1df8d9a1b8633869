//! Forum KIM and pembinaan (`kim_core::forum`, `kim_core::pembinaan`): stateless calls that take the forum or
//! pembinaan JSON document (`schema_version` 1) with a registry and a reference handle, and write versioned JSON.

use std::ffi::c_char;

use chrono::NaiveDate;
use kim_core::forum::{
    AffiliationOptions, ForumLevel, ForumRegistry, ForumRules, Metric, OfficerRole, check_forums,
    forum_coverage, kim_forum_affiliation, officer_completeness,
};
use kim_core::pembinaan::{
    ActivityKind, PembinaanData, PembinaanOptions, pembinaan_report, window,
};
use kim_core::wilayah::Kode;
use serde::{Deserialize, Serialize};

use crate::errors::{FfiError, KimStatus};
use crate::handle::{
    check_out, handle, input_bytes, input_str, optional_bytes, optional_str, parse_json, versioned,
    write_json, write_string,
};
use crate::macros::ffi_call;
use crate::registry::{CsvOptions, KimRegistry};
use crate::wilayah::KimReference;

/// Options of [`kim_forum_check`] and [`kim_forum_metrics`], every key optional:
/// `{"as_of": "2025-06-30", "within": "64.02", "level": "kecamatan", "affiliation_level": "kab_kota",
/// "rules": {"overlay": "…", "term_years": 3, "officers_severity": "error", "confirmer": "Wali Kota"}}`.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ForumOptions {
    as_of: Option<NaiveDate>,
    within: Option<Kode>,
    level: Option<ForumLevel>,
    affiliation_level: Option<ForumLevel>,
    rules: Option<ForumRules>,
}

fn options<'a, T: Deserialize<'a> + Default>(json: Option<&'a str>) -> Result<T, FfiError> {
    json.filter(|s| !s.trim().is_empty())
        .map_or_else(|| Ok(T::default()), |s| parse_json(s, "options_json"))
}

/// The inputs of every call here.
struct Inputs<'a> {
    document: &'a str,
    registry: &'a KimRegistry,
    reference: &'a KimReference,
    options: Option<&'a str>,
}

/// # Safety
///
/// `document` points to `document_len` bytes; `registry` and `reference` are NULL or live handles;
/// `options_json` is NULL or points to `options_len` bytes.
unsafe fn inputs<'a>(
    document: *const c_char,
    document_len: usize,
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
) -> Result<Inputs<'a>, FfiError> {
    // SAFETY: forwarded to the caller.
    unsafe {
        Ok(Inputs {
            document: input_str(document, document_len, "document")?,
            registry: handle(registry, "registry")?,
            reference: handle(reference, "reference")?,
            options: optional_str(options_json, options_len, "options_json")?,
        })
    }
}

/// Checks forum JSON against the rules FR1–FR13 (`kim_core::forum::check_forums`) on `as_of` (default today), with
/// the overlay settings of `rules` (national defaults without). Writes `{"schema_version":1,"as_of":…,"overlay":…,
/// "ok":…,"findings":[{"code","severity","path","profile","citation","message_id","message_en"}]}`.
///
/// # Safety
///
/// `forums_json` points to `forums_len` bytes; `registry` and `reference` are live handles; `options_json` is NULL
/// or points to `options_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (forum JSON or options not of their shape: the message names the forum and field),
/// `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_forum_check(
    forums_json: *const c_char,
    forums_len: usize,
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let i = unsafe {
            inputs(
                forums_json,
                forums_len,
                registry,
                reference,
                options_json,
                options_len,
            )?
        };
        let o: ForumOptions = options(i.options)?;
        let forums = ForumRegistry::from_json(i.document)?;
        let rules = o.rules.unwrap_or_default();
        let report = check_forums(
            &forums,
            &i.registry.0,
            i.reference.get(),
            &rules,
            o.as_of.unwrap_or_else(crate::today),
        );
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &report) }
    })
}

/// The body of [`kim_forum_metrics`].
#[derive(Serialize)]
struct ForumMetrics {
    schema_version: u64,
    forum_coverage: Metric,
    kim_forum_affiliation: Metric,
    officer_completeness: Metric,
}

/// Forum metrics on `as_of` inside `within` (default the country): `forum_coverage` at `level` (default
/// kecamatan), `kim_forum_affiliation` (reaching `affiliation_level` when given), `officer_completeness` (ketua,
/// sekretaris, bendahara). Writes `{"schema_version":1,"forum_coverage":{metric},"kim_forum_affiliation":{…},
/// "officer_completeness":{…}}`, each metric `{"name","within","numerator","denominator","ratio",
/// "code_list_version","as_of"}`.
///
/// # Safety
///
/// As [`kim_forum_check`].
///
/// # Errors
///
/// As [`kim_forum_check`], and `KIM_STATUS_INVALID_CODE` (`within` not in the list).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_forum_metrics(
    forums_json: *const c_char,
    forums_len: usize,
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let i = unsafe {
            inputs(
                forums_json,
                forums_len,
                registry,
                reference,
                options_json,
                options_len,
            )?
        };
        let o: ForumOptions = options(i.options)?;
        let forums = ForumRegistry::from_json(i.document)?;
        let as_of = o.as_of.unwrap_or_else(crate::today);
        let r = i.reference.get();
        let mut aff = AffiliationOptions::default();
        if let Some(l) = o.affiliation_level {
            aff = aff.level(l);
        }
        let required = [
            OfficerRole::Ketua,
            OfficerRole::Sekretaris,
            OfficerRole::Bendahara,
        ];
        let body = ForumMetrics {
            schema_version: 1,
            forum_coverage: forum_coverage(
                &forums,
                r,
                o.level.unwrap_or(ForumLevel::Kecamatan),
                o.within,
                as_of,
            )?,
            kim_forum_affiliation: kim_forum_affiliation(
                &forums,
                &i.registry.0,
                r,
                o.within,
                &aff,
                as_of,
            )?,
            officer_completeness: officer_completeness(&forums, r, o.within, &required, as_of)?,
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &body) }
    })
}

/// Options of [`kim_pembinaan_report`]: `{"unit": "64.02", "from": "2024-07-01", "to": "2025-06-30",
/// "training": ["bimtek", …], "window_months": 12}`; `unit` is required, `to` defaults to today and `from` to the
/// start of the window that ends on `to`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportOptions {
    unit: Kode,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    training: Option<Vec<ActivityKind>>,
    window_months: Option<u32>,
}

/// The pembinaan report of a kab/kota or province (`kim_core::pembinaan::pembinaan_report`) from pembinaan JSON
/// (activities and grants). Writes the report: `{"schema_version":1,"unit","unit_name","from","to",
/// "code_list_version","recipients":[{"office","copy"}],"activities":[…],"trained_share_12m":{metric},
/// "pembinaan_reach_12m","monev_coverage","kecamatan_reached":{"metric","kecamatan"},"spm_kecamatan_coverage",
/// "sarpras":[…],"funding":[…],"findings":[…]}`.
///
/// # Safety
///
/// `pembinaan_json` points to `pembinaan_len` bytes; `registry` and `reference` are live handles; `options_json`
/// points to `options_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (pembinaan JSON or options not of their shape: the message names the element and field),
/// `KIM_STATUS_INVALID_ARGUMENT` (`unit` not a kab/kota or province, `from` after `to`), `KIM_STATUS_INVALID_CODE`
/// (`unit` not in the list), `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_pembinaan_report(
    pembinaan_json: *const c_char,
    pembinaan_len: usize,
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let i = unsafe {
            inputs(
                pembinaan_json,
                pembinaan_len,
                registry,
                reference,
                options_json,
                options_len,
            )?
        };
        let text = i.options.ok_or_else(|| {
            FfiError::new(
                KimStatus::KIM_STATUS_INVALID_ARGUMENT,
                "KIM-E-ARGUMENT",
                "options_json is required: {\"unit\": \"64.02\", …}",
            )
        })?;
        let o: ReportOptions = parse_json(text, "options_json")?;
        let data = PembinaanData::from_json(i.document)?;
        let months = o.window_months.unwrap_or(12);
        let mut opts = PembinaanOptions::default().window_months(months);
        if let Some(t) = &o.training {
            opts = opts.training(t);
        }
        let to = o.to.unwrap_or_else(crate::today);
        let from = match o.from {
            Some(f) => f,
            None => window(to, months)?.0,
        };
        let report = pembinaan_report(
            &data,
            &i.registry.0,
            i.reference.get(),
            o.unit,
            from,
            to,
            &opts,
        )?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &report) }
    })
}

/// Reads pembinaan from CSV (`kim_core::pembinaan::PembinaanData::import_csv`): the activities table (one activity per
/// row; columns `id, title, kind, organizer_kind, organizer_region, organizer_name, start, end, location, mode,
/// topics, funding_source, funding_amount, sipd_code` or their Indonesian aliases such as `judul`,
/// `jenis_kegiatan`, `tanggal_mulai`, `sumber_dana`; several funding sources `;`-separated, with their amounts and
/// SIPD codes in the same order), then, when given, an attendance list (*daftar hadir*: `activity_id` and `kim_id`
/// or `forum_id`, with `person` and `attended`). The rows are added to `pembinaan_json` when it is given (a
/// pembinaan document, `schema_version` 1, e.g. with its sarpras grants), else to empty data. With `registry`, an
/// attendance row naming a KIM it does not hold is rejected. `options_json` takes the CSV options of
/// [`kim_registry_from_csv_with`](crate::registry::kim_registry_from_csv_with) except `places`.
///
/// Rejected rows never fail the call. `*out_json` receives the pembinaan document, ready for
/// [`kim_pembinaan_report`]; `*out_report` receives `{"schema_version":1,"activities":{"rows_in":…,"accepted":…,
/// "rejected":…,"errors":[{"line":…,"field":…,"value":…,"code":…,"reason":…}],…},"attendance":{…} or null}` (in each
/// table, rows in = accepted + rejected).
///
/// # Safety
///
/// `activities` points to `activities_len` bytes; `attendance` and `pembinaan_json` are NULL or point to their
/// lengths in bytes; `registry` is NULL or a live handle; `options_json` is NULL or points to `options_len` bytes;
/// `out_json` and `out_report` are valid pointers. Free both results with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_CSV` (a table that cannot be read at all: no header, a required column missing, more than
/// `max_columns` columns), `KIM_STATUS_JSON` (`pembinaan_json` or the options not of their shape),
/// `KIM_STATUS_INVALID_ARGUMENT` (an unknown encoding, a bad delimiter, the `places` option),
/// `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_RESULT_TOO_LARGE`. On an error neither
/// result is written.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_pembinaan_from_csv(
    activities: *const c_char,
    activities_len: usize,
    attendance: *const c_char,
    attendance_len: usize,
    pembinaan_json: *const c_char,
    pembinaan_len: usize,
    registry: *const KimRegistry,
    options_json: *const c_char,
    options_len: usize,
    out_json: *mut *mut c_char,
    out_report: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out_json, "out_json")?;
        check_out(out_report, "out_report")?;
        // SAFETY: the caller guarantees the buffers and the optional handle.
        let (activities, attendance, base, registry, options) = unsafe {
            (
                input_bytes(activities, activities_len, "activities")?,
                optional_bytes(attendance, attendance_len, "attendance")?,
                optional_str(pembinaan_json, pembinaan_len, "pembinaan_json")?,
                registry.as_ref().map(|r| &r.0),
                optional_str(options_json, options_len, "options_json")?,
            )
        };
        let options = CsvOptions::parse(options)?;
        let mut data = match base.filter(|s| !s.trim().is_empty()) {
            Some(json) => PembinaanData::from_json(json)?,
            None => PembinaanData::new(),
        };
        let report = data.import_csv(activities, attendance, registry, &options)?;
        // Both results or neither: the report goes to a local first and reaches `out_report` only once the data
        // has been written.
        let mut report_ptr: *mut c_char = std::ptr::null_mut();
        // SAFETY: `report_ptr` is a valid local out-pointer; `out_json` is valid and non-NULL.
        unsafe {
            write_json(&raw mut report_ptr, &versioned(&report))?;
            if let Err(e) = write_string(out_json, data.to_json()) {
                crate::kim_string_free(report_ptr);
                return Err(e);
            }
            *out_report = report_ptr;
        }
        Ok(())
    })
}
