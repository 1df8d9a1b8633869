//! Budget of issue #2 for `kim_core::rules`: ≥ 1,000,000 validations per second on one thread, for a KIM with 15
//! members, under the 2024 profile plus one overlay (Kutai Kartanegara).
//!
//! `cargo bench -p kim-benches --bench rules`
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kim_core::rules::{ProfileSet, validate};
use kim_core::wilayah::{Kode, Reference};

fn bench(c: &mut Criterion) {
    let reference = Reference::embedded();
    let set = ProfileSet::builtin();
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).expect("date");
    let profiles = set
        .select(&["overlay-6402-kutai-kartanegara"], as_of)
        .expect("profiles");
    let kim = kim_benches::kim_with_members(Kode::parse("64.02.01.2001").expect("code"), 15);
    let report = validate(&kim, &profiles, reference, as_of).expect("valid call");
    assert!(
        report.ok() && report.findings.is_empty(),
        "the bench KIM must pass: {:?}",
        report.findings
    );

    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("kim15_2024_plus_kukar_overlay", |b| {
        b.iter(|| validate(black_box(&kim), &profiles, reference, as_of));
    });
    let mut flawed = kim.clone();
    flawed.sk = None;
    flawed.members[4].occupation = kim_core::registry::Occupation::Pns;
    g.bench_function("kim15_with_two_findings", |b| {
        b.iter(|| validate(black_box(&flawed), &profiles, reference, as_of));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
