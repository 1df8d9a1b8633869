//! The C ABI's code-list calls, from Rust: JSON out, structured errors in.
#![allow(clippy::many_single_char_names)]

use std::ffi::{CStr, c_char};
use std::ptr;

use kim_ffi::errors::KimStatus;
use kim_ffi::versions::{
    kim_code_list_crosswalk, kim_code_list_diff, kim_code_list_in_force, kim_code_list_versions,
};

fn take(s: *mut c_char) -> serde_json::Value {
    // SAFETY: `s` is a string from kim, freed once right after.
    let v = serde_json::from_str(unsafe { CStr::from_ptr(s) }.to_str().unwrap()).unwrap();
    unsafe { kim_ffi::kim_string_free(s) };
    v
}

fn b(s: &str) -> (*const c_char, usize) {
    (s.as_ptr().cast(), s.len())
}

#[test]
fn versions_in_force_diff_and_crosswalk_as_json() {
    let mut out = ptr::null_mut();
    assert_eq!(
        unsafe { kim_code_list_versions(&raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let v = take(out);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["versions"][0]["id"], "permendagri-56-2015");
    assert_eq!(v["versions"][5]["counts"]["kecamatan"], 7285);

    let (d, dl) = b("2021-06-30");
    assert_eq!(
        unsafe { kim_code_list_in_force(d, dl, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let f = take(out);
    assert_eq!(
        (f["version"]["id"].as_str(), f["before_oldest"].as_bool()),
        (Some("permendagri-72-2019"), Some(false))
    );

    let (bad, badl) = b("30/06/2021");
    assert_eq!(
        unsafe { kim_code_list_in_force(bad, badl, &raw mut out) },
        KimStatus::KIM_STATUS_INVALID_ARGUMENT
    );

    let ((a, al), (z, zl)) = (
        b("kepmendagri-100.1.1-6117-2022"),
        b("kepmendagri-300.2.2-2138-2025"),
    );
    assert_eq!(
        unsafe { kim_code_list_diff(a, al, z, zl, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let dd = take(out);
    let sorong = dd["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["old_code"] == "92.71")
        .unwrap();
    assert_eq!(
        (sorong["change"].as_str(), sorong["new_code"].as_str()),
        (Some("rekeyed"), Some("96.71"))
    );

    let (c, cl) = b(r#"["92.71.01", "64.02.01", "11.01.01.2999"]"#);
    assert_eq!(
        unsafe { kim_code_list_crosswalk(a, al, z, zl, c, cl, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let cw = take(out);
    let status: Vec<&str> = cw["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["rekeyed", "unchanged", "not_in_source"]);
    assert_eq!(cw["rows"][0]["new_code"], "96.71.01");

    let (u, ul) = b("permendagri-1-1999");
    assert_eq!(
        unsafe { kim_code_list_diff(u, ul, z, zl, &raw mut out) },
        KimStatus::KIM_STATUS_INVALID_ARGUMENT
    );
    let (j, jl) = b(r#"["92.71.0x"]"#);
    assert_ne!(
        unsafe { kim_code_list_crosswalk(a, al, z, zl, j, jl, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
}
