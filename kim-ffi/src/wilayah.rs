//! `kim_reference`: the Kemendagri code list.

use std::ffi::c_char;
use std::sync::OnceLock;

use kim_core::wilayah::{Kode, Level, Reference, Resolution, Unit};
use serde::{Deserialize, Serialize};

use crate::errors::KimStatus;
use crate::handle::{
    check_out, free_handle, handle, input_bytes, input_str, optional_str, parse_json, versioned,
    write_handle, write_json,
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

/// The process-wide handle of [`kim_reference_shared`].
static SHARED: OnceLock<KimReference> = OnceLock::new();

fn shared() -> &'static KimReference {
    SHARED.get_or_init(|| KimReference(Inner::Embedded(Reference::embedded())))
}

/// The process-wide handle to the embedded official list, built on the first call and kept until the process ends.
/// Every call returns the same handle; [`kim_reference_free`] on it does nothing, so code that frees every handle
/// stays correct. The list is parsed once per process (about 5 ms, plus the name index on the first name match):
/// called from PHP's `opcache.preload` script under an unprivileged FPM master, the workers inherit it and no request
/// pays for it; under a root master PHP runs preloading in a separate child, so each worker pays once, on its first
/// request (measured in the README's PHP section). Use it from any thread.
///
/// # Safety
///
/// `out` is a valid pointer.
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_shared(out: *mut *mut KimReference) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: `out` is valid and non-NULL. The handle is never written through (no call mutates a reference)
        // and never freed (kim_reference_free skips it).
        unsafe { *out = std::ptr::from_ref(shared()).cast_mut() };
        Ok(())
    })
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
/// "code_list_version":…}` to `*out` (counts of the units inside it).
///
/// # Safety
///
/// `reference` is a live handle; `code` points to `code_len` bytes; `out` is a valid pointer. Free `*out` with
/// `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_CODE` (`KIM-E-CODE`: malformed; `KIM-E-NOT-IN-LIST`: well formed but not in the list),
/// `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
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

/// The body of [`kim_reference_children`].
#[derive(Serialize)]
struct ChildList<'a> {
    parent: Option<Kode>,
    children: Vec<Unit<'a>>,
    code_list_version: &'a str,
}

/// The direct children of a code, in code order, for provinsi → kab/kota → kecamatan → desa dropdowns. With
/// `code` NULL or empty (`code_len` 0), the provinces. Writes `{"schema_version":1,"parent":"64.02"|null,
/// "children":[{"code":"64.02.01","name":"Muara Muntai","level":"kecamatan"},…],"code_list_version":…}`; a village
/// has no children (`[]`).
///
/// # Safety
///
/// `reference` is a live handle; `code` is NULL or points to `code_len` bytes; `out` is a valid pointer. Free `*out`
/// with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_INVALID_CODE` (`KIM-E-CODE` malformed, `KIM-E-NOT-IN-LIST` not in the list),
/// `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_children(
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
                optional_str(code, code_len, "code")?,
            )
        };
        let parent = match code.map(str::trim).filter(|c| !c.is_empty()) {
            Some(c) => Some(r.unit(Kode::parse(c)?)?.kode),
            None => None,
        };
        let body = ChildList {
            parent,
            children: r.children(parent).collect(),
            code_list_version: r.version(),
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

/// What to resolve: one of `place`, `parts` or `desa` (with `kecamatan`, `kab_kota`), and for `name` a search.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ResolveRequest {
    place: Option<String>,
    parts: Option<Vec<String>>,
    desa: Option<String>,
    kecamatan: Option<String>,
    kab_kota: Option<String>,
}

/// The body of a resolution: the core [`Resolution`], and for fields the field it is about.
#[derive(Serialize)]
struct Resolved<'a> {
    #[serde(flatten)]
    resolution: &'a Resolution,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'static str>,
    code_list_version: &'a str,
}

/// Resolves a free-text place to a village of the list (name matching: case, accents, prefixes such as `Desa`,
/// `Kec.`, `Kab.`, abbreviations such as `Kukar`, near spellings). `request_json` is one of:
///
/// - `{"place": "Desa Perian, Kec. Muara Muntai, Kukar"}`: one text, parts in any order (`Reference::resolve_place`);
/// - `{"desa": "Perian", "kecamatan": "Muara Muntai", "kab_kota": "Kukar"}`: the fields of a form or a legacy row
///   (`kecamatan` and `kab_kota` optional; `Reference::resolve_fields`);
/// - `{"parts": ["Kutai Kartanegara", "Muara Muntai", "Perian"]}`: names broadest first (`Reference::resolve_parts`).
///
/// Writes `{"schema_version":1,"resolution":"unique","match":{"code","name","kind","score","kecamatan",
/// "kab_kota"},"code_list_version":…}`, or `"resolution":"ambiguous"|"uncertain"` with ranked `"candidates":[…]`
/// (at most 10; `uncertain` = only near spellings, a person must confirm), or `"resolution":"not_found"`. With the
/// fields form, `"field"` names the field that failed (`desa`, `kecamatan` or `kab_kota`). Not finding a place is a
/// result, not an error.
///
/// # Safety
///
/// `reference` is a live handle; `request_json` points to `request_len` bytes; `out` is a valid pointer. Free
/// `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (not one of the shapes above), `KIM_STATUS_INVALID_ARGUMENT` (none or several of `place`,
/// `parts`, `desa`), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_resolve(
    reference: *const KimReference,
    request_json: *const c_char,
    request_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the handle and the buffer.
        let (r, req) = unsafe {
            (
                handle(reference, "reference")?.get(),
                input_str(request_json, request_len, "request_json")?,
            )
        };
        let req: ResolveRequest = parse_json(req, "request_json")?;
        let (resolution, field) = match (&req.place, &req.parts, &req.desa) {
            (Some(place), None, None) => (r.resolve_place(place), None),
            (None, Some(parts), None) => {
                let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
                (r.resolve_parts(&parts), None)
            }
            (None, None, Some(desa)) => {
                let f = r.resolve_fields(desa, req.kecamatan.as_deref(), req.kab_kota.as_deref());
                (f.resolution, Some(f.field))
            }
            _ => {
                return Err(crate::errors::FfiError::new(
                    KimStatus::KIM_STATUS_INVALID_ARGUMENT,
                    "KIM-E-ARGUMENT",
                    "`request_json` needs exactly one of `place`, `parts` or `desa`",
                ));
            }
        };
        let body = Resolved {
            resolution: &resolution,
            field,
            code_list_version: r.version(),
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

/// Options of [`kim_reference_match_name`].
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct MatchOptions {
    within: Option<Kode>,
    level: Option<Level>,
}

/// The body of [`kim_reference_match_name`].
#[derive(Serialize)]
struct Matches<'a> {
    matches: Vec<kim_core::wilayah::NameMatch>,
    code_list_version: &'a str,
}

/// Ranked candidates for one name (an autocomplete or a "did you mean"), case-, accent- and prefix-insensitive.
/// `options_json` (NULL or empty for none): `{"within": "64.02", "level": "desa"}` (`level`: `provinsi`,
/// `kab_kota`, `kecamatan` or `desa`). Writes `{"schema_version":1,"matches":[{"code","name","kind":"exact"|
/// "abbreviation"|"fuzzy","score","kecamatan","kab_kota"}],"code_list_version":…}`, best first.
///
/// # Safety
///
/// `reference` is a live handle; `name` points to `name_len` bytes; `options_json` is NULL or points to
/// `options_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (bad options), `KIM_STATUS_INVALID_CODE` (`within`), `KIM_STATUS_NULL_POINTER`,
/// `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_match_name(
    reference: *const KimReference,
    name: *const c_char,
    name_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the handle and the buffers.
        let (r, name, opts) = unsafe {
            (
                handle(reference, "reference")?.get(),
                input_str(name, name_len, "name")?,
                optional_str(options_json, options_len, "options_json")?,
            )
        };
        let opts: MatchOptions = opts
            .filter(|s| !s.trim().is_empty())
            .map_or_else(|| Ok(MatchOptions::default()), |s| parse_json(s, "options"))?;
        if let Some(w) = opts.within {
            r.unit(w)?;
        }
        let body = Matches {
            matches: r.match_name_at(name, opts.within, opts.level),
            code_list_version: r.version(),
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&body)) }
    })
}

/// Frees a reference handle; NULL and the shared handle ([`kim_reference_shared`]) are ignored. Do not free twice.
///
/// # Safety
///
/// `reference` is NULL or a handle from `kim_reference_*` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_reference_free(reference: *mut KimReference) {
    if SHARED
        .get()
        .is_some_and(|s| std::ptr::eq(s, reference.cast_const()))
    {
        return;
    }
    // SAFETY: guaranteed by the caller.
    unsafe { free_handle(reference) };
}
