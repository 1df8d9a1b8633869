//! `kim_profiles` and validation.

use std::ffi::c_char;
use std::sync::{PoisonError, RwLock, RwLockReadGuard};

use chrono::NaiveDate;
use kim_core::registry::Kim;
use kim_core::rules::{
    PathStyle, Profile, ProfileSet, restyle_paths, validate_by_seat, validate_registry_by_seat,
};
use serde::Deserialize;

use crate::errors::KimStatus;
use crate::handle::{
    check_out, free_handle, handle, input_str, optional_str, parse_json, versioned, write_handle,
    write_json,
};
use crate::macros::ffi_call;
use crate::registry::KimRegistry;
use crate::wilayah::KimReference;

/// A set of rule profiles: the built-in ones plus any loaded. Safe to share between threads, loading included: the
/// set is guarded by a read-write lock, so [`kim_profiles_load_json`] waits for the validations running on the
/// handle, and validations started after it returns see the new profile.
pub struct KimProfiles(RwLock<ProfileSet>);

impl KimProfiles {
    /// The set, for reading. A panic while loading leaves the set as it was (`load_json` adds a profile only once
    /// it is checked), so a poisoned lock is still a usable set.
    pub(crate) fn read(&self) -> RwLockReadGuard<'_, ProfileSet> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Options of the validation calls, as JSON (every field optional):
/// `{"as_of": "2025-06-30", "profiles": ["overlay-6402-kutai-kartanegara"], "path_style": "laravel"}`. Without
/// `as_of`, today ([`crate::today`]); without `profiles`, the national profile in force plus every overlay for the
/// KIM's seat; without `path_style`, kim's paths (`members[m2].occupation`).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ValidateOptions {
    as_of: Option<NaiveDate>,
    profiles: Option<Vec<String>>,
    #[serde(default)]
    path_style: PathStyle,
}

impl ValidateOptions {
    fn parse(json: Option<&str>) -> Result<Self, crate::errors::FfiError> {
        json.filter(|s| !s.trim().is_empty())
            .map_or_else(|| Ok(Self::default()), |s| parse_json(s, "options"))
    }

    fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(crate::today)
    }

    fn ids(&self) -> Option<Vec<&str>> {
        self.profiles
            .as_ref()
            .map(|v| v.iter().map(String::as_str).collect())
    }
}

/// The body of the profile list.
#[derive(serde::Serialize)]
struct ProfileList<'a> {
    profiles: &'a [Profile],
}

/// The body of a registry validation.
#[derive(serde::Serialize)]
struct Reports {
    reports: Vec<kim_core::rules::Report>,
}

/// Makes a handle to the built-in profiles (Permenkominfo 08/2010, Permenkominfo 4/2024 and the local overlays).
///
/// # Safety
///
/// `out` is a valid pointer; free the handle with [`kim_profiles_free`].
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_profiles_builtin(out: *mut *mut KimProfiles) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_handle(out, KimProfiles(RwLock::new(ProfileSet::builtin()))) };
        Ok(())
    })
}

/// Adds a profile or overlay from JSON (the shape of `kim-core/profiles/*.json`); its id must be new.
///
/// # Safety
///
/// `profiles` is a live handle (other threads may use it at the same time: loading waits for their calls on it to
/// finish); `json` points to `json_len` bytes.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (unknown fields are errors), `KIM_STATUS_PROFILE` (duplicate id, overlay without region…).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_profiles_load_json(
    profiles: *mut KimProfiles,
    json: *const c_char,
    json_len: usize,
) -> KimStatus {
    ffi_call!({
        // SAFETY: guaranteed by the caller.
        let (set, json) = unsafe {
            (
                handle(profiles, "profiles")?,
                input_str(json, json_len, "json")?,
            )
        };
        set.0
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .load_json(json)?;
        Ok(())
    })
}

/// Lists the profiles as JSON: `{"schema_version":1,"profiles":[{"id":…,"title":…,"kind":…,"region":…,
/// "valid_from":…,"valid_until":…,"rules":[…]}]}`.
///
/// # Safety
///
/// `profiles` is a live handle; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_profiles_list(
    profiles: *const KimProfiles,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let set = unsafe { handle(profiles, "profiles")? };
        // SAFETY: `out` is valid and non-NULL.
        unsafe {
            write_json(
                out,
                &versioned(&ProfileList {
                    profiles: set.read().profiles(),
                }),
            )
        }
    })
}

/// Validates one KIM given as JSON (one element of a registry's `kims`, the shape documented in
/// `kim_core::registry`). A field that does not fit is a `KIM_STATUS_JSON` error whose message starts with its path
/// (`members[m2].nik: …`; a masked NIK says so). Legacy issuer, role or occupation text is kept and reported as a
/// finding. Writes the report
/// (`{"schema_version":1,"kim_id":…,"as_of":…,"profiles":[…],"ok":…,"findings":[{"code","severity","path",
/// "profile","citation","message_id","message_en"}]}`) to `*out`. Rule violations are findings, not errors.
///
/// # Safety
///
/// `profiles` and `reference` are live handles; `kim_json` points to `kim_json_len` bytes; `options_json` is NULL
/// or points to `options_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON`, `KIM_STATUS_TRANSITION`, `KIM_STATUS_PROFILE` (unknown id, no profile in force on `as_of`),
/// `KIM_STATUS_INVALID_UTF8`, `KIM_STATUS_NULL_POINTER`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_validate_kim(
    profiles: *const KimProfiles,
    reference: *const KimReference,
    kim_json: *const c_char,
    kim_json_len: usize,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (set, reference, kim, opts) = unsafe {
            (
                handle(profiles, "profiles")?,
                handle(reference, "reference")?,
                input_str(kim_json, kim_json_len, "kim_json")?,
                optional_str(options_json, options_len, "options_json")?,
            )
        };
        let opts = ValidateOptions::parse(opts)?;
        // The core reads the one KIM shape and names a bad field by its path (`members[m2].nik`).
        let kim = Kim::from_json(kim)?;
        let mut report = validate_by_seat(
            &kim,
            &set.read(),
            opts.ids().as_deref(),
            reference.get(),
            opts.as_of(),
        )?;
        restyle_paths(&mut report, &kim, opts.path_style);
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &report) }
    })
}

/// Validates every KIM of a registry, plus the rules that span KIMs. Writes
/// `{"schema_version":1,"reports":[…]}` (one report per KIM, registry order). With `profiles` in the options, the
/// same profiles apply to every KIM; otherwise each KIM gets the national profile plus the overlays of its seat.
///
/// # Safety
///
/// As [`kim_validate_kim`], with a live `registry` handle instead of `kim_json`.
///
/// # Errors
///
/// As [`kim_validate_kim`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_validate_registry(
    profiles: *const KimProfiles,
    reference: *const KimReference,
    registry: *const KimRegistry,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (set, reference, registry, opts) = unsafe {
            (
                handle(profiles, "profiles")?,
                handle(reference, "reference")?,
                handle(registry, "registry")?,
                optional_str(options_json, options_len, "options_json")?,
            )
        };
        let opts = ValidateOptions::parse(opts)?;
        let mut reports = validate_registry_by_seat(
            &registry.0,
            &set.read(),
            opts.ids().as_deref(),
            reference.get(),
            opts.as_of(),
        )?;
        for (report, kim) in reports.iter_mut().zip(registry.0.kims()) {
            restyle_paths(report, kim, opts.path_style);
        }
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &versioned(&Reports { reports })) }
    })
}

/// Frees a profiles handle; NULL is ignored. Do not free twice.
///
/// # Safety
///
/// `profiles` is NULL or a handle from `kim_profiles_*` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_profiles_free(profiles: *mut KimProfiles) {
    // SAFETY: guaranteed by the caller.
    unsafe { free_handle(profiles) };
}
