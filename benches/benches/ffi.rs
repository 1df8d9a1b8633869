//! Budget of issue #6: ≥ 100,000 KIM validations per second through the C ABI (JSON in, JSON out) on one thread,
//! with the overhead against calling kim-core directly shown side by side.
//!
//! `cargo bench -p kim-benches --bench ffi`
#![allow(missing_docs)]

use std::ffi::c_char;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kim_core::rules::{ProfileSet, validate};
use kim_core::wilayah::{Kode, Reference};
use kim_ffi::{KimStatus, rules as ffi_rules, wilayah as ffi_wilayah};

fn bench(c: &mut Criterion) {
    let kim = kim_benches::kim_with_members(Kode::parse("64.02.01.2001").expect("code"), 15);
    let kim_json = serde_json::to_string(&kim).expect("json");
    let options = r#"{"as_of":"2025-06-30","profiles":["overlay-6402-kutai-kartanegara"]}"#;
    let set = ProfileSet::builtin();
    let as_of = "2025-06-30".parse().expect("date");
    let profiles = set
        .select(&["overlay-6402-kutai-kartanegara"], as_of)
        .expect("profiles");

    let mut reference = std::ptr::null_mut();
    let mut handle = std::ptr::null_mut();
    // SAFETY: valid out-pointers; the handles are freed at the end.
    unsafe {
        assert_eq!(
            ffi_wilayah::kim_reference_embedded(&raw mut reference),
            KimStatus::KIM_STATUS_OK
        );
        assert_eq!(
            ffi_rules::kim_profiles_builtin(&raw mut handle),
            KimStatus::KIM_STATUS_OK
        );
    }
    let call = || {
        let mut out: *mut c_char = std::ptr::null_mut();
        // SAFETY: live handles, valid buffers and out-pointer; the result is freed right away.
        unsafe {
            let s = ffi_rules::kim_validate_kim(
                handle,
                reference,
                kim_json.as_ptr().cast(),
                kim_json.len(),
                options.as_ptr().cast(),
                options.len(),
                &raw mut out,
            );
            assert_eq!(s, KimStatus::KIM_STATUS_OK);
            let n = std::ffi::CStr::from_ptr(out).to_bytes().len();
            kim_ffi::kim_string_free(out);
            n
        }
    };
    assert!(call() > 0);

    let mut g = c.benchmark_group("validate_kim15");
    g.throughput(Throughput::Elements(1));
    g.bench_function("kim_core_direct", |b| {
        b.iter(|| validate(black_box(&kim), &profiles, Reference::embedded(), as_of));
    });
    g.bench_function("kim_core_json_in_json_out", |b| {
        b.iter(|| {
            let k: kim_core::registry::Kim =
                serde_json::from_str(black_box(&kim_json)).expect("json");
            serde_json::to_string(
                &validate(&k, &profiles, Reference::embedded(), as_of).expect("ok"),
            )
            .expect("json")
            .len()
        });
    });
    g.bench_function("c_abi_json_in_json_out", |b| b.iter(call));
    g.finish();
    // SAFETY: handles from above, freed once.
    unsafe {
        ffi_rules::kim_profiles_free(handle);
        ffi_wilayah::kim_reference_free(reference);
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
