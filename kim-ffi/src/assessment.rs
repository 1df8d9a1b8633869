//! Pemetaan (Permenkominfo 4/2024 Pasal 24) and assessment: AHP weights, the mapping report, and scores with a
//! ranking. JSON in, versioned JSON out (schemas in `kim-ffi/schema/`: `ahp`, `mapping_report_request`,
//! `mapping_report`, `mapping_reports_province_request`, `mapping_reports_province`, `assess_request`, `assessment`).

use std::collections::BTreeMap;
use std::ffi::c_char;

use chrono::NaiveDate;
use kim_core::assessment::{
    self, AssessOptions, Eligibility, Feeds, Observations, RankScope, Rubric, TierScheme,
};
use kim_core::forum::ForumRegistry;
use kim_core::moderation::review::Case;
use kim_core::pembinaan::PembinaanData;
use kim_core::pemetaan::{MappingRecord, MappingReport, Mappings, ReportOptions, province_reports};
use kim_core::wilayah::Kode;
use serde::Deserialize;

use crate::errors::{FfiError, KimStatus};
use crate::handle::{check_out, handle, input_str, parse_json, versioned, write_json};
use crate::macros::ffi_call;
use crate::registry::KimRegistry;
use crate::rules::KimProfiles;
use crate::wilayah::KimReference;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AhpRequest {
    matrix: Vec<Vec<f64>>,
    #[serde(default = "default_max_cr")]
    max_cr: f64,
}

fn default_max_cr() -> f64 {
    assessment::DEFAULT_MAX_CR
}

/// AHP weights of a pairwise comparison matrix. `request_json`: `{"matrix": [[1, 3], [0.333…, 1]], "max_cr": 0.1}`
/// (`max_cr` optional, default 0.10). Writes `{"schema_version":1,"weights":[…],"lambda_max","ci","ri","cr"}`.
///
/// # Safety
///
/// `request_json` points to `request_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` for a malformed request, a matrix that is not square, not reciprocal, off Saaty's 1/9–9
/// scale, or inconsistent (CR ≥ `max_cr`; the message gives CR, λmax and CI); `KIM_STATUS_NULL_POINTER`,
/// `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_ahp(
    request_json: *const c_char,
    request_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the buffer.
        let req: AhpRequest = parse_json(
            unsafe { input_str(request_json, request_len, "request")? },
            "request",
        )?;
        let a = assessment::ahp(&req.matrix, req.max_cr)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&a)) }
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportRequest {
    mappings: Vec<MappingRecord>,
    kab_kota: Kode,
    from: NaiveDate,
    to: NaiveDate,
    #[serde(default = "default_age")]
    max_age_days: u32,
}

fn default_age() -> u32 {
    365
}

/// The mapping report of a kab/kota for a period (Ps 24(2)(e)). `request_json`: `{"mappings": [records…],
/// "kab_kota": "64.02", "from": "2025-01-01", "to": "2025-06-30", "max_age_days": 365}`. Every record is checked
/// (only the Dinas of the KIM's own kab/kota may author one; a province never). Writes the report: `{"schema_version"
/// :1,"kab_kota","kab_kota_name","from","to","code_list_version","max_age_days","active_kims","mapped_kims",
/// "completeness","mappings_in_period","counts":[…],"unmapped":[…],"priority":[…]}`.
///
/// # Safety
///
/// `registry` and `reference` are live handles; `request_json` points to `request_len` bytes; `out` is a valid
/// pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (malformed request, or a record refused: the message names it and the rule, e.g. `PM1`),
/// `KIM_STATUS_UNKNOWN_KIM`, `KIM_STATUS_INVALID_ARGUMENT` (not a kab/kota, `to` before `from`),
/// `KIM_STATUS_INVALID_CODE` (a kab/kota not in the code list), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_mapping_report(
    registry: *const KimRegistry,
    reference: *const KimReference,
    request_json: *const c_char,
    request_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, reference, text) = unsafe {
            (
                handle(registry, "registry")?,
                handle(reference, "reference")?,
                input_str(request_json, request_len, "request")?,
            )
        };
        let req: ReportRequest = parse_json(text, "request")?;
        let mut mappings = Mappings::new();
        for r in req.mappings {
            mappings.add(r, &registry.0)?;
        }
        let opts =
            ReportOptions::new(req.kab_kota, req.from, req.to)?.max_age_days(req.max_age_days);
        let report = MappingReport::build(&mappings, &registry.0, reference.get(), &opts)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &report) }
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvinceRequest {
    mappings: Vec<MappingRecord>,
    provinsi: Kode,
    from: NaiveDate,
    to: NaiveDate,
    #[serde(default = "default_age")]
    max_age_days: u32,
}

#[derive(serde::Serialize)]
struct ProvinceReports {
    provinsi: Kode,
    reports: Vec<MappingReport>,
}

/// A province's view of the mappings (Ps 24(4)): the mapping report of each of its kab/kota that has a KIM
/// (`kim_core::pemetaan::province_reports`). A province aggregates; it never maps a KIM itself. `request_json`:
/// `{"mappings": [records…], "provinsi": "64", "from": "2025-01-01", "to": "2025-06-30", "max_age_days": 365}`.
/// Writes `{"schema_version":1,"provinsi":"64","reports":[report…]}`, each report as [`kim_mapping_report`] writes
/// it, by kab/kota code.
///
/// # Safety
///
/// As [`kim_mapping_report`].
///
/// # Errors
///
/// As [`kim_mapping_report`]; `KIM_STATUS_INVALID_ARGUMENT` when `provinsi` is not a province code.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_mapping_reports_province(
    registry: *const KimRegistry,
    reference: *const KimReference,
    request_json: *const c_char,
    request_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, reference, text) = unsafe {
            (
                handle(registry, "registry")?,
                handle(reference, "reference")?,
                input_str(request_json, request_len, "request")?,
            )
        };
        let req: ProvinceRequest = parse_json(text, "request")?;
        let mut mappings = Mappings::new();
        for r in req.mappings {
            mappings.add(r, &registry.0)?;
        }
        let reports = province_reports(
            &mappings,
            &registry.0,
            reference.get(),
            req.provinsi,
            req.from,
            req.to,
            req.max_age_days,
        )?;
        let body = ProvinceReports {
            provinsi: req.provinsi,
            reports,
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessRequest {
    rubric: Rubric,
    #[serde(default)]
    observations: BTreeMap<String, BTreeMap<String, f64>>,
    as_of: Option<NaiveDate>,
    #[serde(default = "default_scope")]
    scope: RankScope,
    eligibility: Option<Vec<Eligibility>>,
    scheme: Option<TierScheme>,
    period: Option<Period>,
    #[serde(default)]
    all_kims: bool,
    #[serde(default)]
    feeds: FeedsRequest,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

/// The records of `feeds`: the forum and pembinaan documents as kim_forum_* and kim_pembinaan_report take them,
/// review cases as kim_review_* write them.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FeedsRequest {
    forums: Option<serde_json::Value>,
    pembinaan: Option<serde_json::Value>,
    cases: Option<Vec<Case>>,
    #[serde(default)]
    validation: bool,
}

fn default_scope() -> RankScope {
    RankScope::KabKota
}

/// Scores KIMs under a rubric and ranks the eligible ones (`kim_core::assessment::assess`). `request_json`:
/// `{"rubric": {…as examples/data/rubric_lomba_illustrative.json}, "observations": {"KIM-1": {"criterion": value,
/// …}, …}, "as_of": "2025-06-30", "scope": "kab_kota"|"provinsi", "eligibility": [{"kim_id","eligible","reasons"}],
/// "scheme": {"name","provenance","tiers":[{"name","min_total"}]}, "all_kims": false, "period": {"from","to"},
/// "feeds": {"forums": {forum document}, "pembinaan": {pembinaan document}, "cases": [review cases],
/// "validation": true}}`. A record given in `feeds` fills, for every observed KIM, the criteria whose `source` it is
/// (`forum_membership`, `pembinaan`, `moderation_removals`, `validation_errors`) over `period` (default the 12 months
/// that end on `as_of`; validation: each KIM under the national profile of `profiles` in force and its seat's
/// overlays); `all_kims` observes every KIM of the registry. Without `eligibility`, the default: registered or active
/// on `as_of` (default today) and no F2–F4 error under the national profile of `profiles` in force. Writes `{"schema_version":1,"scores":{…},"ranking":{…},"classifications":[…one per ranking row…]}`;
/// without a `scheme`, every classification is `{"kind":"unclassified","reason":"unclassified: no official national
/// scheme"}`.
///
/// # Safety
///
/// `registry`, `profiles` and `reference` are live handles; `request_json` points to `request_len` bytes; `out` is
/// a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (malformed request, a rubric, tier scheme, forum or pembinaan document or case that fails its
/// checks, a missing or out-of-range value: the message names the feed, or the KIM and the criterion),
/// `KIM_STATUS_INVALID_ARGUMENT` (a `period` that ends before it starts),
/// `KIM_STATUS_UNKNOWN_KIM`, `KIM_STATUS_PROFILE`, `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_assess(
    registry: *const KimRegistry,
    profiles: *const KimProfiles,
    reference: *const KimReference,
    request_json: *const c_char,
    request_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, profiles, reference, text) = unsafe {
            (
                handle(registry, "registry")?,
                handle(profiles, "profiles")?,
                handle(reference, "reference")?,
                input_str(request_json, request_len, "request")?,
            )
        };
        let req: AssessRequest = parse_json(text, "request")?;
        let mut obs = Observations::new(&req.rubric);
        for (id, values) in &req.observations {
            obs.add_kim(id);
            for (criterion, v) in values {
                obs.set(id, criterion, *v)?;
            }
        }
        // The documents are read as kim_forum_* and kim_pembinaan_report read them; an error names the feed.
        let within = |feed: &'static str| {
            move |e: kim_core::Error| {
                let mut e = FfiError::from(e);
                e.message = format!("feeds.{feed}: {}", e.message);
                e
            }
        };
        let forums = req
            .feeds
            .forums
            .map(|v| ForumRegistry::from_json(&v.to_string()).map_err(within("forums")))
            .transpose()?;
        let pembinaan = req
            .feeds
            .pembinaan
            .map(|v| PembinaanData::from_json(&v.to_string()).map_err(within("pembinaan")))
            .transpose()?;
        let mut feeds = Feeds::new();
        if let Some(f) = &forums {
            feeds = feeds.forums(f);
        }
        if let Some(p) = &pembinaan {
            feeds = feeds.pembinaan(p);
        }
        if let Some(c) = &req.feeds.cases {
            feeds = feeds.cases(c);
        }
        if req.feeds.validation {
            feeds = feeds.validation();
        }
        let as_of = req.as_of.unwrap_or_else(crate::today);
        let mut options = AssessOptions::new(as_of).scope(req.scope).feeds(feeds);
        if let Some(p) = &req.period {
            options = options.period(p.from, p.to);
        }
        if let Some(e) = &req.eligibility {
            options = options.eligibility(e);
        }
        if let Some(s) = &req.scheme {
            options = options.scheme(s);
        }
        if req.all_kims {
            options = options.all_kims();
        }
        let set = profiles.read();
        let body = assessment::assess(
            &req.rubric,
            obs,
            &registry.0,
            &set,
            reference.get(),
            &options,
        )?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}
