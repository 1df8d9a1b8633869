//! The C ABI's code-list calls, from Rust: JSON out, structured errors in.
#![allow(clippy::many_single_char_names)]

use std::ffi::{CStr, c_char};
use std::ptr;

use kim_ffi::denominators::kim_reference_denominators;
use kim_ffi::errors::KimStatus;
use kim_ffi::registry::{kim_registry_free, kim_registry_from_json, kim_registry_len};
use kim_ffi::versions::{
    kim_code_list_crosswalk, kim_code_list_diff, kim_code_list_in_force, kim_code_list_versions,
    kim_coverage_by_date, kim_coverage_series_by_date, kim_gaps_by_date,
    kim_registry_migrate_codes,
};
use kim_ffi::wilayah::kim_reference_shared;

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

#[test]
fn gaps_series_and_coverage_by_date_with_denominators() {
    let json = include_str!("../../examples/data/kim_sample.json");
    let mut reg = ptr::null_mut();
    assert_eq!(
        unsafe { kim_registry_from_json(json.as_ptr().cast(), json.len(), &raw mut reg) },
        KimStatus::KIM_STATUS_OK
    );
    let mut out = ptr::null_mut();

    // Gaps as of 2020 use Permendagri 72/2019: Kutai Kartanegara had 18 kecamatan then.
    let (o, ol) = b(r#"{"as_of": "2020-06-30", "within": "64.02"}"#);
    assert_eq!(
        unsafe { kim_gaps_by_date(reg, o, ol, ptr::null(), 0, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let g = take(out);
    assert_eq!(g["code_list_version"], "permendagri-72-2019");
    assert!(g["kecamatan"].as_array().unwrap().len() <= 18);
    // Pinned to today's list: 20 kecamatan in the universe.
    let (p, pl) = b("kepmendagri-300.2.2-2138-2025");
    assert_eq!(
        unsafe { kim_gaps_by_date(reg, o, ol, p, pl, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    assert_eq!(
        take(out)["code_list_version"],
        "kepmendagri-300.2.2-2138-2025"
    );

    // A series across list changes says which list each point used.
    let (s, sl) = b(r#"{"within": "64.02", "dates": ["2019-12-31", "2021-06-30", "2025-06-30"]}"#);
    assert_eq!(
        unsafe { kim_coverage_series_by_date(reg, s, sl, ptr::null(), 0, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let series = take(out);
    let used: Vec<&str> = series["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code_list_version"].as_str().unwrap())
        .collect();
    assert_eq!(
        used,
        [
            "permendagri-137-2017",
            "permendagri-72-2019",
            "kepmendagri-300.2.2-2138-2025"
        ]
    );
    let (bad, badl) = b(r#"{"within": "64.02"}"#);
    assert_eq!(
        unsafe { kim_coverage_series_by_date(reg, bad, badl, ptr::null(), 0, &raw mut out) },
        KimStatus::KIM_STATUS_INVALID_ARGUMENT
    );

    // Denominators in the coverage options: figures for today's list, null for an older one.
    let (d, dl) =
        b(r#"{"as_of": "2025-06-30", "level": "kab_kota", "within": "64", "denominators": true}"#);
    assert_eq!(
        unsafe { kim_coverage_by_date(reg, d, dl, ptr::null(), 0, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let c = take(out);
    let kukar = c["table"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "64.02")
        .unwrap();
    assert_eq!(kukar["denominators"]["population"], 806_964);
    assert_eq!(c["table"]["denominators"]["rows_without_population"], 0);
    let (d, dl) =
        b(r#"{"as_of": "2021-06-30", "level": "kab_kota", "within": "64", "denominators": true}"#);
    assert_eq!(
        unsafe { kim_coverage_by_date(reg, d, dl, ptr::null(), 0, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let c = take(out);
    assert_eq!(c["table"]["denominators"]["applies"], false);
    assert!(c["table"]["rows"][0]["denominators"]["population"].is_null());
    unsafe { kim_registry_free(reg) };
}

#[test]
fn denominators_of_one_unit() {
    let mut out = ptr::null_mut();
    let mut r = ptr::null_mut();
    assert_eq!(
        unsafe { kim_reference_shared(&raw mut r) },
        KimStatus::KIM_STATUS_OK
    );
    let (k, kl) = b("64.02");
    assert_eq!(
        unsafe { kim_reference_denominators(r, k, kl, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    let u = take(out);
    assert_eq!(u["population"]["value"], 806_964);
    assert_eq!(u["population"]["year"], 2024);
    assert!(
        u["area_km2"]["source"]
            .as_str()
            .unwrap()
            .contains("Geospasial")
    );
    let (k, kl) = b("64.02.01");
    assert_eq!(
        unsafe { kim_reference_denominators(r, k, kl, &raw mut out) },
        KimStatus::KIM_STATUS_OK
    );
    assert!(take(out)["population"].is_null());
    let (k, kl) = b("64.99");
    assert_eq!(
        unsafe { kim_reference_denominators(r, k, kl, &raw mut out) },
        KimStatus::KIM_STATUS_INVALID_CODE
    );
}

#[test]
fn an_old_registry_migrates_through_the_crosswalk() {
    let json = r#"{"schema_version":1,"kims":[{"id":"K1","name":"KIM Sorong","seat":"92.71.01.1001"},
        {"id":"K2","name":"KIM Perian","seat":"64.02.01.2001"}]}"#;
    let mut reg = ptr::null_mut();
    assert_eq!(
        unsafe { kim_registry_from_json(json.as_ptr().cast(), json.len(), &raw mut reg) },
        KimStatus::KIM_STATUS_OK
    );
    let (from, fl) = b("kepmendagri-100.1.1-6117-2022");
    let (mut migrated, mut report) = (ptr::null_mut(), ptr::null_mut());
    assert_eq!(
        unsafe {
            kim_registry_migrate_codes(
                reg,
                from,
                fl,
                ptr::null(),
                0,
                &raw mut migrated,
                &raw mut report,
            )
        },
        KimStatus::KIM_STATUS_OK
    );
    let r = take(report);
    assert_eq!(r["to_version"], "kepmendagri-300.2.2-2138-2025");
    assert_eq!(r["rows"][0]["status"], "rekeyed");
    assert_eq!(r["rows"][0]["new_code"], "96.71.01.1001");
    assert_eq!(r["rows"][0]["rewritten"], true);
    assert_eq!(r["rows"][1]["status"], "unchanged");
    assert_eq!(unsafe { kim_registry_len(migrated) }, 2);
    unsafe { kim_registry_free(migrated) };
    let (bad, bl) = b("permendagri-1-1999");
    assert_eq!(
        unsafe {
            kim_registry_migrate_codes(
                reg,
                bad,
                bl,
                ptr::null(),
                0,
                &raw mut migrated,
                &raw mut report,
            )
        },
        KimStatus::KIM_STATUS_INVALID_ARGUMENT
    );
    unsafe { kim_registry_free(reg) };
}
