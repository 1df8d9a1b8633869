//! Coverage and gaps.

use std::ffi::c_char;

use kim_core::coverage::{CoverageOptions, CoverageSpec, coverage, gaps};

use crate::errors::{FfiError, KimStatus};
use crate::handle::{check_out, handle, optional_str, parse_json, versioned, write_json};
use crate::macros::ffi_call;
use crate::registry::KimRegistry;
use crate::wilayah::KimReference;

/// Coverage options as JSON, every field optional (the shape of `kim_core::coverage::CoverageSpec`):
/// `{"as_of":"2025-06-30","level":"kecamatan","within":"64.02","active":["registered","active"],"only_valid":false}`.
/// Without `as_of`, today ([`crate::today`]).
fn parse(json: Option<&str>) -> Result<CoverageOptions, FfiError> {
    let spec: CoverageSpec = json
        .filter(|s| !s.trim().is_empty())
        .map_or_else(|| Ok(CoverageSpec::default()), |s| parse_json(s, "options"))?;
    Ok(spec.options(crate::today()))
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
        let (registry, reference, opts) = unsafe {
            (
                handle(registry, "registry")?,
                handle(reference, "reference")?,
                optional_str(options_json, options_len, "options_json")?,
            )
        };
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
        let (registry, reference, opts) = unsafe {
            (
                handle(registry, "registry")?,
                handle(reference, "reference")?,
                optional_str(options_json, options_len, "options_json")?,
            )
        };
        let g = gaps(&registry.0, reference.get(), &parse(opts)?)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&g)) }
    })
}
