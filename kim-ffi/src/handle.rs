//! Opaque handles and the conversions at the boundary: inputs are borrowed for the call and copied where kept,
//! never retained; strings returned to C are owned by kim and freed with `kim_string_free`.

use std::ffi::{CString, c_char};

use crate::errors::{FfiError, KimStatus};

/// The largest input accepted, in bytes (1 GiB); larger inputs get `KIM_STATUS_INPUT_TOO_LARGE`.
pub const KIM_MAX_INPUT_BYTES: usize = 1 << 30;

/// The error for a NULL pointer argument.
pub fn null(name: &str) -> FfiError {
    FfiError::new(
        KimStatus::KIM_STATUS_NULL_POINTER,
        "KIM-E-NULL",
        format!("`{name}` is NULL"),
    )
}

/// Borrows `len` bytes at `ptr`. `ptr` may be NULL only when `len` is 0.
///
/// # Safety
///
/// `ptr` points to `len` readable bytes that stay valid and unchanged for the call.
pub unsafe fn input_bytes<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
) -> Result<&'a [u8], FfiError> {
    if len > KIM_MAX_INPUT_BYTES {
        return Err(FfiError::new(
            KimStatus::KIM_STATUS_INPUT_TOO_LARGE,
            "KIM-E-TOO-LARGE",
            format!("`{name}` is {len} bytes; the limit is {KIM_MAX_INPUT_BYTES}"),
        ));
    }
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(null(name)) };
    }
    // SAFETY: guaranteed by the caller (see above); `len` is bounded.
    Ok(unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) })
}

/// Borrows `len` bytes at `ptr` as UTF-8 text.
///
/// # Safety
///
/// As [`input_bytes`].
pub unsafe fn input_str<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
) -> Result<&'a str, FfiError> {
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { input_bytes(ptr, len, name)? };
    std::str::from_utf8(bytes).map_err(|e| {
        FfiError::new(
            KimStatus::KIM_STATUS_INVALID_UTF8,
            "KIM-E-UTF8",
            format!("`{name}` is not valid UTF-8 at byte {}", e.valid_up_to()),
        )
    })
}

/// Like [`input_bytes`], but NULL means "not given".
///
/// # Safety
///
/// As [`input_bytes`].
pub unsafe fn optional_bytes<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
) -> Result<Option<&'a [u8]>, FfiError> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded to the caller.
    unsafe { input_bytes(ptr, len, name) }.map(Some)
}

/// Like [`input_str`], but NULL means "not given".
///
/// # Safety
///
/// As [`input_bytes`].
pub unsafe fn optional_str<'a>(
    ptr: *const c_char,
    len: usize,
    name: &str,
) -> Result<Option<&'a str>, FfiError> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded to the caller.
    unsafe { input_str(ptr, len, name) }.map(Some)
}

/// Fails if an out-parameter is NULL (checked before any work is done).
pub fn check_out<T>(out: *mut T, name: &str) -> Result<(), FfiError> {
    if out.is_null() {
        Err(null(name))
    } else {
        Ok(())
    }
}

thread_local! {
    /// The largest result this thread accepts, in bytes with the NUL; 0 = no limit.
    static MAX_RESULT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Sets the largest string result (JSON or text) that calls on **this thread** may return, in bytes including the
/// terminating NUL; 0 (the default) means no limit. A call whose result would be larger writes nothing, frees what
/// it built and returns `KIM_STATUS_RESULT_TOO_LARGE`; `kim_last_error_needed()` then gives the size it needed.
/// Returns the previous limit. For a PHP-FPM worker, set it once per request (or at load) below `memory_limit`, so
/// that a national coverage table (tens of MB) never reaches PHP: ask for it by unit instead (the `within` option).
#[unsafe(no_mangle)]
pub extern "C" fn kim_set_max_result_bytes(max_bytes: usize) -> usize {
    MAX_RESULT.with(|m| m.replace(max_bytes))
}

/// The length of a string returned by kim, in bytes without the NUL (`strlen`); 0 for NULL. With PHP FFI, read it
/// before `FFI::string($ptr, $len)` to decide whether to copy the result at all.
///
/// # Safety
///
/// `s` is NULL or a string returned by kim and not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_string_len(s: *const c_char) -> usize {
    if s.is_null() {
        0
    } else {
        // SAFETY: `s` is a NUL-terminated string from kim (caller's guarantee).
        unsafe { std::ffi::CStr::from_ptr(s) }.count_bytes()
    }
}

/// Writes a new C string to `*out`, unless it is larger than this thread's limit (`kim_set_max_result_bytes`). Only
/// called on success, so out-parameters are untouched on failure.
///
/// # Safety
///
/// `out` is a valid, non-NULL pointer to a `char *`.
pub unsafe fn write_string(out: *mut *mut c_char, s: String) -> Result<(), FfiError> {
    let max = MAX_RESULT.with(std::cell::Cell::get);
    let needed = s.len() + 1;
    if max != 0 && needed > max {
        let mut e = FfiError::new(
            KimStatus::KIM_STATUS_RESULT_TOO_LARGE,
            "KIM-E-RESULT-TOO-LARGE",
            format!(
                "the result needs {needed} bytes; the limit set with kim_set_max_result_bytes is {max} bytes"
            ),
        );
        e.needed = needed;
        return Err(e);
    }
    let c = CString::new(s).map_err(|e| {
        FfiError::new(
            KimStatus::KIM_STATUS_INVALID_ARGUMENT,
            "KIM-E-NUL",
            format!("output has a NUL byte at {}", e.nul_position()),
        )
    })?;
    // SAFETY: `out` is valid and non-NULL (checked by `check_out` at the start of the call).
    unsafe { *out = c.into_raw() };
    Ok(())
}

/// Serialises `value` to JSON and writes it to `*out`.
///
/// # Safety
///
/// As [`write_string`].
pub unsafe fn write_json<T: serde::Serialize + ?Sized>(
    out: *mut *mut c_char,
    value: &T,
) -> Result<(), FfiError> {
    let s = serde_json::to_string(value)
        .map_err(|e| FfiError::new(KimStatus::KIM_STATUS_JSON, "KIM-E-JSON", e.to_string()))?;
    // SAFETY: forwarded to the caller.
    unsafe { write_string(out, s) }
}

/// `{"schema_version": 1, "<name>": value}` with the fields in this order (a struct, unlike `serde_json::json!`,
/// whose maps sort their keys).
#[derive(serde::Serialize)]
pub struct Versioned<'a, T: serde::Serialize + ?Sized> {
    /// Always 1 for this ABI.
    pub schema_version: u64,
    /// The payload, flattened.
    #[serde(flatten)]
    pub body: &'a T,
}

/// Wraps `body` (a struct or map) with `schema_version: 1` first.
pub fn versioned<T: serde::Serialize + ?Sized>(body: &T) -> Versioned<'_, T> {
    Versioned {
        schema_version: 1,
        body,
    }
}

/// Parses JSON input into `T`, with the line and column of the first problem.
pub fn parse_json<'a, T: serde::Deserialize<'a>>(s: &'a str, name: &str) -> Result<T, FfiError> {
    serde_json::from_str(s).map_err(|e| {
        FfiError::new(
            KimStatus::KIM_STATUS_JSON,
            "KIM-E-JSON",
            kim_core::privacy::mask_text(&format!("`{name}`: {e}")),
        )
    })
}

/// Borrows the object behind a handle.
///
/// # Safety
///
/// `p` is NULL or a live handle of this type obtained from kim and not yet freed.
pub unsafe fn handle<'a, T>(p: *const T, name: &str) -> Result<&'a T, FfiError> {
    // SAFETY: guaranteed by the caller.
    unsafe { p.as_ref() }.ok_or_else(|| null(name))
}

/// Mutably borrows the object behind a handle.
///
/// # Safety
///
/// `p` is NULL or a live handle of this type, not used by another thread during the call.
pub unsafe fn handle_mut<'a, T>(p: *mut T, name: &str) -> Result<&'a mut T, FfiError> {
    // SAFETY: guaranteed by the caller.
    unsafe { p.as_mut() }.ok_or_else(|| null(name))
}

/// Moves `value` to the heap and writes the handle to `*out`.
///
/// # Safety
///
/// `out` is a valid, non-NULL pointer.
pub unsafe fn write_handle<T>(out: *mut *mut T, value: T) {
    // SAFETY: guaranteed by the caller.
    unsafe { *out = Box::into_raw(Box::new(value)) };
}

/// Drops a handle; NULL is ignored.
///
/// # Safety
///
/// `p` is NULL or a handle of this type from kim that has not been freed.
pub unsafe fn free_handle<T>(p: *mut T) {
    if !p.is_null() {
        // SAFETY: guaranteed by the caller: `p` came from `Box::into_raw` and is freed once.
        drop(unsafe { Box::from_raw(p) });
    }
}
