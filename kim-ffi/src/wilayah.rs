//! `kim_reference`: the Kemendagri code list.

use std::ffi::c_char;

use kim_core::wilayah::{Kode, Reference};

use crate::errors::KimStatus;
use crate::handle::{
    check_out, free_handle, handle, input_bytes, input_str, versioned, write_handle, write_json,
};
use crate::macros::ffi_call;

/// A code list: the embedded official list or one loaded from CSV. Immutable once made; safe to share between
/// threads.
pub struct KimReference(Inner);

enum Inner {
    Embedded(&'static Reference),
    Owned(Box<Reference>),
}

impl KimReference {
    pub(crate) fn get(&self) -> &Reference {
        match &self.0 {
            Inner::Embedded(r) => r,
            Inner::Owned(r) => r,
        }
    }
}

/// Makes a handle to the embedded official list (Kepmendagri 300.2.2-2138/2025).
///
/// # Safety
///
/// `out` is a valid pointer; on success it receives a handle to free with [`kim_reference_free`].
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_embedded(out: *mut *mut KimReference) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimReference(Inner::Embedded(Reference::embedded()))) };
        Ok(())
    })
}

/// Loads a code list from CSV bytes with a `code,name` header; `version` names it (e.g. `"my-list-2026"`).
///
/// # Safety
///
/// `csv` points to `csv_len` bytes, `version` to `version_len` bytes; `out` is a valid pointer.
///
/// # Errors
///
/// `KIM_STATUS_REFERENCE` with every bad row (line and field) in the message, `KIM_STATUS_CSV` (empty, not
/// UTF-8, or unreadable CSV), `KIM_STATUS_INVALID_UTF8` (`version`), `KIM_STATUS_NULL_POINTER`,
/// `KIM_STATUS_INPUT_TOO_LARGE`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_from_csv(
    csv: *const c_char,
    csv_len: usize,
    version: *const c_char,
    version_len: usize,
    out: *mut *mut KimReference,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees both buffers.
        let (csv, version) = unsafe {
            (
                input_bytes(csv, csv_len, "csv")?,
                input_str(version, version_len, "version")?,
            )
        };
        let r = Reference::from_csv(csv, version)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimReference(Inner::Owned(Box::new(r)))) };
        Ok(())
    })
}

/// Loads a code list from a CSV file at `path` (UTF-8).
///
/// # Safety
///
/// As [`kim_reference_from_csv`], with `path` for `csv`.
///
/// # Errors
///
/// As [`kim_reference_from_csv`], plus `KIM_STATUS_IO`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_from_path(
    path: *const c_char,
    path_len: usize,
    version: *const c_char,
    version_len: usize,
    out: *mut *mut KimReference,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees both buffers.
        let (path, version) = unsafe {
            (
                input_str(path, path_len, "path")?,
                input_str(version, version_len, "version")?,
            )
        };
        let r = Reference::from_csv_path(path, version)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimReference(Inner::Owned(Box::new(r)))) };
        Ok(())
    })
}

/// Looks up one code. Writes `{"schema_version":1,"code":…,"name":…,"level":…,"parent":…,"counts":{…},
/// "code_list_version":…}` to `*out` (counts of the units inside it), or `KIM_STATUS_INVALID_ARGUMENT` if the code
/// is not in the list.
///
/// # Safety
///
/// `reference` is a live handle; `code` points to `code_len` bytes; `out` is a valid pointer. Free `*out` with
/// `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_CODE`, `KIM_STATUS_INVALID_ARGUMENT`, `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_lookup(
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
        let lookup = r.lookup(Kode::parse(code)?)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&lookup)) }
    })
}

/// Number of units (provinsi, kab/kota, kecamatan and villages) in the list, or 0 for NULL.
///
/// # Safety
///
/// `reference` is NULL or a live handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_len(reference: *const KimReference) -> usize {
    // SAFETY: guaranteed by the caller.
    unsafe { reference.as_ref() }.map_or(0, |r| r.get().len())
}

/// Frees a reference handle; NULL is ignored. Do not free twice.
///
/// # Safety
///
/// `reference` is NULL or a handle from `kim_reference_*` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_free(reference: *mut KimReference) {
    // SAFETY: guaranteed by the caller.
    unsafe { free_handle(reference) };
}
