//! `kim_registry`: KIMs with their history.

use std::collections::{BTreeMap, HashMap};
use std::ffi::c_char;

use kim_core::registry::{ImportOptions, Registry, TextEncoding};
use kim_core::wilayah::Kode;
use serde::Deserialize;

use crate::errors::{FfiError, KimStatus};
use crate::handle::{
    check_out, free_handle, handle, input_bytes, input_str, optional_bytes, optional_str,
    parse_json, versioned, write_handle, write_json, write_string,
};
use crate::macros::ffi_call;
use crate::wilayah::KimReference;

/// A registry of KIMs. Immutable once made; safe to share between threads.
pub struct KimRegistry(pub(crate) Registry);

/// Parses registry JSON (`{"schema_version":1,"kims":[…]}`, the shape documented in `kim_core::registry`).
///
/// # Safety
///
/// `json` points to `json_len` bytes; `out` is a valid pointer. Free the handle with [`kim_registry_free`].
///
/// # Errors
///
/// `KIM_STATUS_JSON` (with line and column), `KIM_STATUS_TRANSITION` (a history the lifecycle does not allow),
/// `KIM_STATUS_REGISTRY` (duplicate ids), `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_registry_from_json(
    json: *const c_char,
    json_len: usize,
    out: *mut *mut KimRegistry,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the buffer.
        let json = unsafe { input_str(json, json_len, "json")? };
        let r = Registry::from_json(json)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimRegistry(r)) };
        Ok(())
    })
}

/// Options of the CSV import, as JSON (every field optional; the keys of Python's `Registry.from_csv`):
/// `{"delimiter": ";", "encoding": "cp1252", "columns": {"Nama Kelompok": "name"}, "dayfirst": true,
/// "min_year": 1900, "max_year": 2100, "max_errors": 1000, "max_bad_rows": null, "max_columns": 1000,
/// "places": {"K7": "64.02.01.2001"}}`. `places` confirms seats for rows of an earlier report's `review` list: a KIM
/// id, or the `key` of a review item, mapped to the chosen village code.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct CsvOptions {
    delimiter: Option<String>,
    encoding: Option<String>,
    columns: Option<HashMap<String, String>>,
    dayfirst: Option<bool>,
    min_year: Option<i32>,
    max_year: Option<i32>,
    max_errors: Option<usize>,
    max_bad_rows: Option<usize>,
    max_columns: Option<usize>,
    places: Option<BTreeMap<String, Kode>>,
}

impl CsvOptions {
    pub(crate) fn parse(json: Option<&str>) -> Result<ImportOptions, FfiError> {
        let o: Self = json
            .filter(|s| !s.trim().is_empty())
            .map_or_else(|| Ok(Self::default()), |s| parse_json(s, "options"))?;
        let bad =
            |m: String| FfiError::new(KimStatus::KIM_STATUS_INVALID_ARGUMENT, "KIM-E-ARGUMENT", m);
        let mut out = ImportOptions::default();
        if let Some(d) = o.delimiter {
            out.delimiter = match d.as_bytes() {
                [b] if d.is_ascii() => Some(*b),
                _ => {
                    return Err(bad(
                        "`delimiter` must be one ASCII character such as \",\" or \";\"".into(),
                    ));
                }
            };
        }
        if let Some(e) = o.encoding {
            out.encoding = Some(e.parse::<TextEncoding>().map_err(bad)?);
        }
        out.columns = o.columns.unwrap_or_default();
        out.dayfirst = o.dayfirst.unwrap_or(out.dayfirst);
        out.min_year = o.min_year.unwrap_or(out.min_year);
        out.max_year = o.max_year.unwrap_or(out.max_year);
        out.max_errors = o.max_errors.unwrap_or(out.max_errors);
        out.max_bad_rows = o.max_bad_rows;
        out.max_columns = o.max_columns.unwrap_or(out.max_columns);
        out.places = o.places.unwrap_or_default();
        Ok(out)
    }
}

/// Imports KIMs (and optionally members) from CSV (columns as in `kim_core::registry::Registry::import_csv`),
/// with the default options: [`kim_registry_from_csv_with`] with NULL options.
/// Free-text `desa`/`kecamatan`/`kab_kota` names are matched against `reference` (may be NULL when every row has a
/// `seat` code). Rejected rows never fail the call: `*out_report` receives
/// `{"schema_version":1,"kims":{"rows_in":…,"accepted":…,"rejected":…,"accepted_with_findings":…,"errors":[{"line":…,
/// "field":…,…}]},"members":{…},"review":[…]}` (rows in = accepted + accepted_with_findings + rejected; a row with
/// legacy issuer, role or occupation text is accepted with findings). `review` lists the rows whose place names fit
/// several villages or only near spellings, each with its `key` and ranked `candidates` (code, name, kecamatan,
/// kab_kota, score); confirm them with the `places` option of [`kim_registry_from_csv_with`].
///
/// # Safety
///
/// `kims` points to `kims_len` bytes; `members` is NULL or points to `members_len` bytes; `reference` is NULL or a
/// live handle; `out` and `out_report` are valid pointers. Free `*out_report` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_CSV` (unreadable CSV, a header without the required columns or not text),
/// `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INPUT_TOO_LARGE`. A row with the wrong number of fields or bytes that
/// are not UTF-8 is a rejected row in the report, not an error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_registry_from_csv(
    kims: *const c_char,
    kims_len: usize,
    members: *const c_char,
    members_len: usize,
    reference: *const KimReference,
    out: *mut *mut KimRegistry,
    out_report: *mut *mut c_char,
) -> KimStatus {
    // SAFETY: the same contract, with NULL options.
    unsafe {
        kim_registry_from_csv_with(
            kims,
            kims_len,
            members,
            members_len,
            reference,
            std::ptr::null(),
            0,
            out,
            out_report,
        )
    }
}

/// [`kim_registry_from_csv`] with options as JSON (see the options above; NULL or empty for the defaults). The
/// encoding (UTF-8 with or without BOM, Windows-1252, UTF-16) and the delimiter (`,` `;` tab `|`) are detected
/// unless given; the report says which were used (`"encoding"`, `"delimiter"`), lists unused columns
/// (`"warnings"`), keeps at most `max_errors` problems per table with `"error_counts"` per code and
/// `"errors_truncated"`, and gives `"stopped_at_line"` when `max_bad_rows` stopped the reading.
///
/// # Safety
///
/// As [`kim_registry_from_csv`]; `options_json` is NULL or points to `options_len` bytes.
///
/// # Errors
///
/// As [`kim_registry_from_csv`] (a header of more than `max_columns` columns, or two headers for one column, is
/// `KIM_STATUS_CSV`), and `KIM_STATUS_JSON` (options that are not the JSON above),
/// `KIM_STATUS_INVALID_ARGUMENT` (an unknown encoding, a delimiter that is not one ASCII character).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_registry_from_csv_with(
    kims: *const c_char,
    kims_len: usize,
    members: *const c_char,
    members_len: usize,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut KimRegistry,
    out_report: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        check_out(out_report, "out_report")?;
        // SAFETY: the caller guarantees the buffers and the optional handle.
        let (kims, members, reference, options) = unsafe {
            (
                input_bytes(kims, kims_len, "kims")?,
                optional_bytes(members, members_len, "members")?,
                reference.as_ref().map(KimReference::get),
                optional_str(options_json, options_len, "options_json")?,
            )
        };
        let options = CsvOptions::parse(options)?;
        // Bytes, not text: the encoding is detected, and a row that is not UTF-8 in a UTF-8 file is rejected on its
        // own, with its line, as in Rust and Python.
        let (registry, report) = Registry::import_csv_with(kims, members, reference, &options)?;
        let report = versioned(&report);
        // SAFETY: both out-pointers are valid and non-NULL; the report is written first so that a failure to
        // write it leaves no handle behind.
        unsafe {
            write_json(out_report, &report)?;
            write_handle(out, KimRegistry(registry));
        }
        Ok(())
    })
}

/// Number of KIMs, or 0 for NULL.
///
/// # Safety
///
/// `registry` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_registry_len(registry: *const KimRegistry) -> usize {
    // SAFETY: guaranteed by the caller.
    unsafe { registry.as_ref() }.map_or(0, |r| r.0.len())
}

/// Writes the registry as JSON (`schema_version` 1). With `for_logs` non-zero, every NIK and phone number is
/// masked; otherwise full NIKs are included (it is data, not a log).
///
/// # Safety
///
/// `registry` is a live handle; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_registry_to_json(
    registry: *const KimRegistry,
    for_logs: i32,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let r = unsafe { handle(registry, "registry")? };
        let s = if for_logs != 0 {
            r.0.to_log_json()?
        } else {
            r.0.to_json()
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_string(out, s) }
    })
}

/// Frees a registry handle; NULL is ignored. Do not free twice.
///
/// # Safety
///
/// `registry` is NULL or a handle from `kim_registry_*` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_registry_free(registry: *mut KimRegistry) {
    // SAFETY: guaranteed by the caller.
    unsafe { free_handle(registry) };
}
