//! Status codes and the thread-local last error.

use std::cell::RefCell;
use std::ffi::c_char;

use kim_core::{Error, ErrorFamily};

/// The result of every fallible call. `KIM_STATUS_OK` is 0. Codes are grouped in ranges and never renumbered:
/// 1–99 problems with the call itself (NULL pointer, bad UTF-8, too large, panic), 100–199 problems with the data
/// (one per error family of kim-core).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)] // C constant names, exported as they are
pub enum KimStatus {
    /// Success; out-parameters were written.
    KIM_STATUS_OK = 0,
    /// A required pointer was NULL.
    KIM_STATUS_NULL_POINTER = 1,
    /// Text input was not valid UTF-8 (the message gives the byte offset).
    KIM_STATUS_INVALID_UTF8 = 2,
    /// An input exceeds 1 GiB, the limit of every text argument.
    KIM_STATUS_INPUT_TOO_LARGE = 3,
    /// The result would be larger than the limit set on this thread with `kim_set_max_result_bytes`; nothing was
    /// written. `kim_last_error_needed` gives the size it needs (bytes, NUL included).
    KIM_STATUS_RESULT_TOO_LARGE = 4,
    /// A Rust panic was caught at the boundary; the handle arguments are still valid. Please report it.
    KIM_STATUS_PANIC = 99,
    /// A Kemendagri code is malformed (`KIM-E-CODE`), or well formed but not in the code list the call uses
    /// (`KIM-E-NOT-IN-LIST`).
    KIM_STATUS_INVALID_CODE = 100,
    /// A NIK is malformed.
    KIM_STATUS_INVALID_NIK = 101,
    /// A code list (reference) was rejected; see the message for the rows.
    KIM_STATUS_REFERENCE = 102,
    /// A lexicon was rejected; see the message for the lines.
    KIM_STATUS_LEXICON = 103,
    /// CSV could not be read.
    KIM_STATUS_CSV = 104,
    /// JSON could not be parsed into the expected shape, or has an unsupported `schema_version`.
    KIM_STATUS_JSON = 105,
    /// A file could not be read.
    KIM_STATUS_IO = 106,
    /// A rule profile problem (unknown id, malformed file, none in force).
    KIM_STATUS_PROFILE = 107,
    /// A registry problem (unknown or duplicate KIM, member).
    KIM_STATUS_REGISTRY = 108,
    /// A status or review transition the workflow does not allow.
    KIM_STATUS_TRANSITION = 109,
    /// An argument or option is unusable.
    KIM_STATUS_INVALID_ARGUMENT = 110,
}

/// An error at the boundary: a status and a message.
#[derive(Debug)]
pub struct FfiError {
    /// The status returned to C.
    pub status: KimStatus,
    /// The stable code (`KIM-E-…`), read with `kim_last_error_code`.
    pub code: &'static str,
    /// The message, read with `kim_last_error_message` (masked for personal data when stored).
    pub message: String,
    /// For `KIM_STATUS_RESULT_TOO_LARGE`: the size the result needs, read with `kim_last_error_needed`.
    pub needed: usize,
}

impl FfiError {
    /// An error with a status, a code and a message.
    pub fn new(status: KimStatus, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            needed: 0,
        }
    }
}

impl From<Error> for FfiError {
    fn from(e: Error) -> Self {
        let status = match e.family() {
            ErrorFamily::Code => KimStatus::KIM_STATUS_INVALID_CODE,
            ErrorFamily::Nik => KimStatus::KIM_STATUS_INVALID_NIK,
            ErrorFamily::Reference => KimStatus::KIM_STATUS_REFERENCE,
            ErrorFamily::Lexicon => KimStatus::KIM_STATUS_LEXICON,
            ErrorFamily::Csv => KimStatus::KIM_STATUS_CSV,
            ErrorFamily::Json => KimStatus::KIM_STATUS_JSON,
            ErrorFamily::Io => KimStatus::KIM_STATUS_IO,
            ErrorFamily::Registry => KimStatus::KIM_STATUS_REGISTRY,
            ErrorFamily::Transition => KimStatus::KIM_STATUS_TRANSITION,
            ErrorFamily::Profile => KimStatus::KIM_STATUS_PROFILE,
            // A well-formed code missing from the list is still a bad code for a C caller.
            ErrorFamily::Argument if matches!(e, Error::NotInCodeList { .. }) => {
                KimStatus::KIM_STATUS_INVALID_CODE
            }
            // An argument error, or a family added to kim-core after this table: the stable code says which.
            _ => KimStatus::KIM_STATUS_INVALID_ARGUMENT,
        };
        let mut message = e.to_string();
        for row in e.rows().iter().skip(1).take(20) {
            message.push_str("; ");
            message.push_str(&row.to_string());
        }
        Self {
            status,
            code: e.code(),
            message,
            needed: 0,
        }
    }
}

struct LastError {
    code: &'static str,
    message: String,
    needed: usize,
}

thread_local! {
    static LAST: RefCell<Option<LastError>> = const { RefCell::new(None) };
}

/// Clears the last error of this thread (done at the start of every call).
pub fn clear_last_error() {
    LAST.with(|l| *l.borrow_mut() = None);
}

/// Stores `e` as this thread's last error and returns its status.
#[allow(clippy::needless_pass_by_value)] // the error is consumed conceptually: it ends here
pub fn set_last_error(e: FfiError) -> KimStatus {
    // Messages never carry a full NIK or phone number, nor a NUL byte (C and PHP would see them cut short).
    let message = c_safe(&kim_core::privacy::mask_text(&e.message));
    LAST.with(|l| {
        *l.borrow_mut() = Some(LastError {
            code: e.code,
            message,
            needed: e.needed,
        });
    });
    e.status
}

/// `s` with every NUL byte written as the two characters `\0`, so that it is one whole C string.
pub fn c_safe(s: &str) -> String {
    if s.contains('\0') {
        s.replace('\0', "\\0")
    } else {
        s.to_owned()
    }
}

/// Stores a caught panic as this thread's last error.
pub fn set_panic(payload: &(dyn std::any::Any + Send)) -> KimStatus {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    set_last_error(FfiError::new(
        KimStatus::KIM_STATUS_PANIC,
        "KIM-E-PANIC",
        format!("internal error (panic) in kim: {what}"),
    ))
}

/// Copies `s` NUL-terminated into `buf` if it fits; returns the length needed including the NUL.
fn copy_out(s: &str, buf: *mut c_char, len: usize) -> usize {
    let needed = s.len() + 1;
    if !buf.is_null() && len >= needed {
        // SAFETY: the caller guarantees `buf` points to `len` writable bytes; we write `needed <= len` bytes.
        unsafe {
            std::ptr::copy_nonoverlapping(s.as_ptr().cast::<c_char>(), buf, s.len());
            *buf.add(s.len()) = 0;
        }
    }
    needed
}

/// Writes the message of the last error on this thread into `buf` (NUL-terminated) if `len` is large enough, and
/// returns the length needed including the NUL (0 if there is no last error). Call it with `buf = NULL, len = 0` to
/// ask for the size. Every call except the `kim_last_error_*` ones clears the last error first.
///
/// # Safety
///
/// `buf` is NULL or points to `len` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_last_error_message(buf: *mut c_char, len: usize) -> usize {
    LAST.with(|l| {
        l.borrow()
            .as_ref()
            .map_or(0, |e| copy_out(&e.message, buf, len))
    })
}

/// Writes the stable code of the last error on this thread (e.g. `KIM-E-CODE`, `KIM-E-NULL`) into `buf`, as
/// [`kim_last_error_message`] does; returns the length needed including the NUL, or 0 if there is no last error.
///
/// # Safety
///
/// `buf` is NULL or points to `len` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_last_error_code(buf: *mut c_char, len: usize) -> usize {
    LAST.with(|l| {
        l.borrow()
            .as_ref()
            .map_or(0, |e| copy_out(e.code, buf, len))
    })
}

/// The size in bytes (NUL included) that the result of the last call on this thread needed, when that call
/// returned `KIM_STATUS_RESULT_TOO_LARGE`; 0 otherwise. Raise the limit to at least this much with
/// `kim_set_max_result_bytes` to get the result, or ask for less (a smaller `within`, fewer dates).
#[unsafe(no_mangle)]
pub extern "C" fn kim_last_error_needed() -> usize {
    LAST.with(|l| l.borrow().as_ref().map_or(0, |e| e.needed))
}
