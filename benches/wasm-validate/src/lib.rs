//! A validation-only build of kim-core for the browser: KIM JSON in, the number of error findings out (or -1 for
//! input that is not a KIM). Measures the size of such a build; not shipped.
use kim_core::registry::Kim;
use kim_core::rules::{ProfileSet, validate};
use kim_core::wilayah::Reference;

/// Memory for the host to write `len` bytes of input into.
#[unsafe(no_mangle)]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut v = Vec::<u8>::with_capacity(len);
    let p = v.as_mut_ptr();
    std::mem::forget(v);
    p
}

/// Error findings of the KIM JSON at `ptr..ptr+len` on 2025-06-30, under the national profile in force, against a
/// four-unit code list; -1 when the input is not a KIM.
///
/// # Safety
/// `ptr` came from `alloc(len)` and holds `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn validate_kim(ptr: *mut u8, len: usize) -> i32 {
    // SAFETY: guaranteed by the caller.
    let bytes = unsafe { Vec::from_raw_parts(ptr, len, len) };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return -1;
    };
    let Ok(kim) = Kim::from_json(text) else {
        return -1;
    };
    let pairs = [
        ("64", "Kalimantan Timur"),
        ("64.02", "Kabupaten Kutai Kartanegara"),
        ("64.02.01", "Muara Muntai"),
        ("64.02.01.2001", "Perian"),
    ];
    let Ok(reference) = Reference::from_pairs(pairs, "demo") else {
        return -1;
    };
    let as_of = kim_core::chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap_or_default();
    let set = ProfileSet::builtin();
    let Ok(profiles) = set.in_force(as_of) else {
        return -1;
    };
    match validate(&kim, &profiles, &reference, as_of) {
        Ok(r) => i32::try_from(r.errors().count()).unwrap_or(i32::MAX),
        Err(_) => -1,
    }
}
