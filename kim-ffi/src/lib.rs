//! # kim-ffi: the C ABI of kim
//!
//! For PHP (FFI), C, Python ctypes, Java/.NET and any stack that can call C. Conventions:
//!
//! - Every fallible function returns a `kim_status` (`KIM_STATUS_OK` = 0). Out-parameters are written only on
//!   success. The message and stable code of the last error on the calling thread are read with
//!   `kim_last_error_message(buf, len)` and `kim_last_error_code(buf, len)`, which return the length needed.
//! - Handles (`kim_reference`, `kim_registry`, `kim_profiles`, `kim_moderator`) are made by `kim_<type>_<verb>`
//!   functions with a `kim_<type> **out` parameter and freed by `kim_<type>_free` (NULL is fine; never twice).
//!   Inputs are copied; kim never keeps a pointer you pass in.
//! - Text goes in as `(const char *ptr, size_t len)`, UTF-8, not necessarily NUL-terminated. Rich results come
//!   back as versioned JSON (`"schema_version": 1`) in a `char *` that you free with `kim_string_free`, never
//!   `free()`.
//! - Every call is panic-safe and NULL-safe: a Rust panic is caught and reported as `KIM_STATUS_PANIC`.
//! - Thread safety: handles are immutable once made and may be used from several threads at once;
//!   `kim_profiles_load_json` takes the set's write lock. kim starts threads only in `kim_moderate_batch` (over 64 KiB).
//! - `kim_reference_shared` and `kim_moderator_shared` give process-wide handles (free is a no-op on them);
//!   `kim_set_max_result_bytes` caps the results of a thread (`KIM_STATUS_RESULT_TOO_LARGE`).
//! - The head of `kim.h` (from `cbindgen.toml`) lists every option key with its default and every error code; the
//!   JSON Schemas of every document in and out are in `kim-ffi/schema/`.
#![deny(
    unsafe_op_in_unsafe_fn,
    clippy::undocumented_unsafe_blocks,
    clippy::missing_safety_doc
)]

mod macros;

pub mod coverage;
pub mod denominators;
pub mod errors;
pub mod forum;
pub mod geo;
pub mod handle;
pub mod moderation;
pub mod registry;
pub mod review;
pub mod rules;
pub mod versions;
pub mod wilayah;

use std::ffi::{CString, c_char};

pub use errors::KimStatus;

/// The ABI version: bumped on every incompatible change of this header. PHP and other wrappers check it at load.
pub const KIM_ABI_VERSION: u32 = 1;

/// The library version, e.g. `"0.1.0"` (a static string; do not free).
#[unsafe(no_mangle)]
pub extern "C" fn kim_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The ABI version of the library loaded at run time. Compare it with `KIM_ABI_VERSION`, which `kim.h` defines:
/// a different value means the header and the library do not match.
#[unsafe(no_mangle)]
pub extern "C" fn kim_abi_version() -> u32 {
    KIM_ABI_VERSION
}

/// The default date of every call whose options leave `as_of` out: the machine's local date, by the clock and time
/// zone of the process (for PHP-FPM, the worker's `TZ`). kim-core has no clock; this is the one place kim-ffi reads
/// it.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The default time of a review step whose `at` is left out: the machine's clock, in UTC.
pub(crate) fn now_utc() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Frees a string returned by kim; NULL is ignored. Never pass it to `free()`, and never free twice.
///
/// # Safety
///
/// `s` is NULL or a string returned by a kim function and not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_string_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: `s` came from `CString::into_raw` in this library and is freed once (caller's guarantee).
        drop(unsafe { CString::from_raw(s) });
    }
}
