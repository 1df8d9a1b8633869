//! `kim_registry`: KIMs with their history.

use std::ffi::c_char;

use kim_core::registry::Registry;

use crate::errors::KimStatus;
use crate::handle::{
    check_out, free_handle, handle, input_bytes, input_str, optional_bytes, versioned,
    write_handle, write_json, write_string,
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

/// Imports KIMs (and optionally members) from CSV (columns as in `kim_core::registry::Registry::import_csv`).
/// Free-text `desa`/`kecamatan`/`kab_kota` names are matched against `reference` (may be NULL when every row has a
/// `seat` code). Rejected rows never fail the call: `*out_report` receives
/// `{"schema_version":1,"kims":{"rows_in":…,"accepted":…,"rejected":…,"accepted_with_findings":…,"errors":[{"line":…,
/// "field":…,…}]},"members":{…}}` (rows in = accepted + accepted_with_findings + rejected; a row with legacy issuer,
/// role or occupation text is accepted with findings).
///
/// # Safety
///
/// `kims` points to `kims_len` bytes; `members` is NULL or points to `members_len` bytes; `reference` is NULL or a
/// live handle; `out` and `out_report` are valid pointers. Free `*out_report` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_CSV` (unreadable CSV, a header without the required columns or not UTF-8),
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
    ffi_call!({
        check_out(out, "out")?;
        check_out(out_report, "out_report")?;
        // SAFETY: the caller guarantees the buffers and the optional handle.
        let (kims, members, reference) = unsafe {
            (
                input_bytes(kims, kims_len, "kims")?,
                optional_bytes(members, members_len, "members")?,
                reference.as_ref().map(KimReference::get),
            )
        };
        // Bytes, not text: a row that is not UTF-8 is rejected on its own, with its line, as in Rust and Python.
        let (registry, report) = Registry::import_csv(kims, members, reference)?;
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
