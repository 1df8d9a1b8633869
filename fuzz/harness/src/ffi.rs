//! Every C ABI entry point fed arbitrary bytes. The first byte picks the call; the rest is split at 0xFF bytes
//! into its arguments (text, options, version…). A call may fail with any status except `KIM_STATUS_PANIC`, must
//! leave a readable last error when it fails, and every string it returns is freed.

use std::ffi::c_char;
use std::ptr;
use std::sync::OnceLock;

use kim_ffi::KimStatus;
use kim_ffi::coverage::{kim_coverage, kim_gaps};
use kim_ffi::errors::{kim_last_error_code, kim_last_error_message};
use kim_ffi::moderation::{
    KimModerator, kim_moderate, kim_moderate_batch, kim_moderator_default, kim_moderator_free,
    kim_moderator_from_lexicon, kim_redact,
};
use kim_ffi::registry::{
    KimRegistry, kim_registry_free, kim_registry_from_csv, kim_registry_from_json,
    kim_registry_len, kim_registry_to_json,
};
use kim_ffi::rules::{
    KimProfiles, kim_profiles_builtin, kim_profiles_free, kim_profiles_list,
    kim_profiles_load_json, kim_validate_kim, kim_validate_registry,
};
use kim_ffi::wilayah::{
    KimReference, kim_reference_embedded, kim_reference_free, kim_reference_from_csv,
    kim_reference_from_path, kim_reference_len, kim_reference_lookup,
};
use kim_ffi::{kim_abi_version, kim_string_free, kim_version};

/// Handles made once and shared by every run (they are immutable once made).
struct Shared {
    reference: *mut KimReference,
    profiles: *mut KimProfiles,
    moderator: *mut KimModerator,
    registry: *mut KimRegistry,
}
// SAFETY: the handles are documented as safe to share for these read-only calls.
unsafe impl Sync for Shared {}
// SAFETY: as above.
unsafe impl Send for Shared {}

fn shared() -> &'static Shared {
    static S: OnceLock<Shared> = OnceLock::new();
    S.get_or_init(|| {
        let sample = include_str!("../../../examples/data/kim_sample.json");
        let mut s = Shared {
            reference: ptr::null_mut(),
            profiles: ptr::null_mut(),
            moderator: ptr::null_mut(),
            registry: ptr::null_mut(),
        };
        // SAFETY: valid out-pointers and input.
        unsafe {
            assert_eq!(
                kim_reference_embedded(&mut s.reference),
                KimStatus::KIM_STATUS_OK
            );
            assert_eq!(
                kim_profiles_builtin(&mut s.profiles),
                KimStatus::KIM_STATUS_OK
            );
            assert_eq!(
                kim_moderator_default(&mut s.moderator),
                KimStatus::KIM_STATUS_OK
            );
            assert_eq!(
                kim_registry_from_json(sample.as_ptr().cast(), sample.len(), &mut s.registry),
                KimStatus::KIM_STATUS_OK
            );
        }
        s
    })
}

/// Checks the status of a call: never a panic; a failure leaves a message and a code.
fn check(status: KimStatus) {
    assert_ne!(
        status,
        KimStatus::KIM_STATUS_PANIC,
        "panic crossed into the ABI"
    );
    // SAFETY: NULL/0 asks for the size.
    let (msg, code) = unsafe {
        (
            kim_last_error_message(ptr::null_mut(), 0),
            kim_last_error_code(ptr::null_mut(), 0),
        )
    };
    if status == KimStatus::KIM_STATUS_OK {
        assert_eq!((msg, code), (0, 0), "success leaves no error");
    } else {
        assert!(msg > 1 && code > 1, "a failure leaves a message and a code");
        let mut buf = vec![0u8; msg];
        // SAFETY: `buf` has `msg` writable bytes.
        let n = unsafe { kim_last_error_message(buf.as_mut_ptr().cast(), buf.len()) };
        assert_eq!(n, msg);
        assert_eq!(buf[msg - 1], 0);
        assert!(std::str::from_utf8(&buf[..msg - 1]).is_ok());
    }
}

/// Frees a string out-parameter if written.
fn take(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: returned by kim and freed once.
        let text = unsafe { std::ffi::CStr::from_ptr(s) };
        assert!(text.to_str().is_ok(), "kim returns UTF-8");
        // SAFETY: as above.
        unsafe { kim_string_free(s) };
    }
}

fn p(b: &[u8]) -> *const c_char {
    b.as_ptr().cast()
}

pub fn run(data: &[u8]) {
    let Some((&op, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.split(|&b| b == 0xFF);
    let a = parts.next().unwrap_or_default();
    let b = parts.next();
    let s = shared();
    let mut out: *mut c_char = ptr::null_mut();
    // SAFETY: every pointer/length pair describes a live slice; handles are live; out-pointers are valid.
    unsafe {
        match op % 16 {
            0 => {
                let mut r = ptr::null_mut();
                check(kim_reference_from_csv(
                    p(a),
                    a.len(),
                    p(b.unwrap_or(b"v")),
                    b.map_or(1, <[u8]>::len),
                    &mut r,
                ));
                let _ = kim_reference_len(r);
                kim_reference_free(r);
            }
            1 => {
                check(kim_reference_lookup(s.reference, p(a), a.len(), &mut out));
            }
            2 => {
                let mut r = ptr::null_mut();
                check(kim_registry_from_json(p(a), a.len(), &mut r));
                if !r.is_null() {
                    let opts = b.unwrap_or_default();
                    check(kim_coverage(r, s.reference, p(opts), opts.len(), &mut out));
                    take(out);
                    out = ptr::null_mut();
                    check(kim_validate_registry(
                        s.profiles,
                        s.reference,
                        r,
                        p(opts),
                        opts.len(),
                        &mut out,
                    ));
                    take(out);
                    out = ptr::null_mut();
                    check(kim_registry_to_json(r, 1, &mut out));
                    let _ = kim_registry_len(r);
                }
                kim_registry_free(r);
            }
            3 => {
                let mut r = ptr::null_mut();
                let mut report = ptr::null_mut();
                let (m, ml) = b.map_or((ptr::null(), 0), |m| (p(m), m.len()));
                check(kim_registry_from_csv(
                    p(a),
                    a.len(),
                    m,
                    ml,
                    s.reference,
                    &mut r,
                    &mut report,
                ));
                take(report);
                kim_registry_free(r);
            }
            4 => {
                let opts = b.unwrap_or_default();
                check(kim_validate_kim(
                    s.profiles,
                    s.reference,
                    p(a),
                    a.len(),
                    p(opts),
                    opts.len(),
                    &mut out,
                ));
            }
            5 => {
                check(kim_validate_registry(
                    s.profiles,
                    s.reference,
                    s.registry,
                    p(a),
                    a.len(),
                    &mut out,
                ));
            }
            6 => check(kim_coverage(
                s.registry,
                s.reference,
                p(a),
                a.len(),
                &mut out,
            )),
            7 => check(kim_gaps(s.registry, s.reference, p(a), a.len(), &mut out)),
            8 => check(kim_moderate(s.moderator, p(a), a.len(), &mut out)),
            9 => check(kim_moderate_batch(s.moderator, p(a), a.len(), &mut out)),
            10 => check(kim_redact(p(a), a.len(), &mut out)),
            11 => {
                let mut m = ptr::null_mut();
                let v = b.unwrap_or(b"fuzz");
                check(kim_moderator_from_lexicon(
                    p(a),
                    a.len(),
                    p(v),
                    v.len(),
                    i32::from(op & 0x10 != 0),
                    &mut m,
                ));
                if !m.is_null() {
                    check(kim_moderate(m, p(a), a.len(), &mut out));
                }
                kim_moderator_free(m);
            }
            12 => {
                let mut set = ptr::null_mut();
                check(kim_profiles_builtin(&mut set));
                check(kim_profiles_load_json(set, p(a), a.len()));
                check(kim_profiles_list(set, &mut out));
                kim_profiles_free(set);
            }
            13 => {
                // NULL everywhere: every call reports KIM_STATUS_NULL_POINTER (or succeeds on empty input).
                check(kim_moderate(ptr::null(), p(a), a.len(), &mut out));
                check(kim_redact(ptr::null(), a.len(), &mut out));
                check(kim_coverage(
                    ptr::null(),
                    s.reference,
                    ptr::null(),
                    0,
                    &mut out,
                ));
                check(kim_validate_kim(
                    s.profiles,
                    ptr::null(),
                    p(a),
                    a.len(),
                    ptr::null(),
                    0,
                    ptr::null_mut(),
                ));
                check(kim_reference_lookup(
                    s.reference,
                    p(a),
                    a.len(),
                    ptr::null_mut(),
                ));
            }
            14 => {
                let mut r = ptr::null_mut();
                let v = b.unwrap_or(b"v");
                check(kim_reference_from_path(
                    p(a),
                    a.len(),
                    p(v),
                    v.len(),
                    &mut r,
                ));
                kim_reference_free(r);
            }
            _ => {
                assert_eq!(kim_abi_version(), kim_ffi::KIM_ABI_VERSION);
                assert!(!kim_version().is_null());
                let mut buf = [0u8; 8];
                let _ = kim_last_error_message(buf.as_mut_ptr().cast(), buf.len());
            }
        }
        take(out);
    }
}
