//! Population and area of one unit (`Reference::population`, `Reference::area_km2` in kim-core). The coverage
//! columns are an option of the coverage calls (`"denominators": true`).

use std::ffi::c_char;

use kim_core::wilayah::{Figure, Kode};
use serde::Serialize;

use crate::errors::KimStatus;
use crate::handle::{check_out, handle, input_str, versioned, write_json};
use crate::macros::ffi_call;
use crate::wilayah::KimReference;

#[derive(Serialize)]
struct UnitDenominators<'a> {
    code: Kode,
    code_list_version: &'a str,
    population: Option<Figure<u64>>,
    area_km2: Option<Figure<f64>>,
}

/// The population (persons) and area (km²) of one unit, each with its source and year. Writes
/// `{"schema_version":1,"code","code_list_version","population":{"value","source","year"}|null,"area_km2":{…}|null}`.
/// Figures exist for the provinces and kab/kota of the embedded list (Kepmendagri 300.2.2-2138/2025); a kecamatan, a
/// village, or any other list gets `null`: nothing is estimated.
///
/// # Safety
///
/// `reference` is a live handle; `code` points to `code_len` bytes; `out` is a valid pointer. Free `*out` with
/// `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_CODE` (`KIM-E-CODE`: malformed; `KIM-E-NOT-IN-LIST`: not in this list),
/// `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_denominators(
    reference: *const KimReference,
    code: *const c_char,
    code_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the handle and the buffer.
        let (r, code) = unsafe {
            (
                handle(reference, "reference")?.get(),
                input_str(code, code_len, "code")?,
            )
        };
        let code = r.unit(Kode::parse(code)?)?.kode;
        let body = UnitDenominators {
            code,
            code_list_version: r.version(),
            population: r.population(code),
            area_km2: r.area_km2(code),
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}
