//! Budgets of issue #2 for `kim_core::wilayah`:
//! - the embedded national reference is ready to query in ≤ 20 ms, with ≤ 30 MB resident;
//! - codes parse at ≥ 20 million per second.
//!
//! Issue 20: each older code list builds from today's list and its deltas (`versions/build/<id>`, cold, no cache),
//! and a diff and a crosswalk between two versions; the population and area table (`denominators/load`, cold) and
//! the cost of the denominator columns in a national kab/kota coverage table.
//!
//! `cargo bench -p kim-benches --bench wilayah`
#![allow(missing_docs, clippy::print_stdout, clippy::cast_precision_loss)] // a bench prints MB figures

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use kim_benches::rss_kib;
use kim_core::coverage::{CoverageOptions, coverage};
use kim_core::registry::Registry;
use kim_core::wilayah::{Crosswalk, Denominators, EMBEDDED_TSV, Kode, Level, Reference, diff};

fn report_memory() {
    let before = rss_kib();
    let r = Reference::from_tsv(EMBEDDED_TSV).expect("embedded list");
    let after = rss_kib();
    println!(
        "memory: embedded reference adds {:.1} MB resident (heap held {:.1} MB) for {} units",
        (after.saturating_sub(before)) as f64 / 1024.0,
        r.heap_bytes() as f64 / 1_048_576.0,
        r.len()
    );
    black_box(r);
}

fn bench(c: &mut Criterion) {
    c.bench_function("reference/load_embedded", |b| {
        b.iter(|| Reference::from_tsv(black_box(EMBEDDED_TSV)).expect("valid"));
    });

    let codes: Vec<String> = Reference::embedded()
        .iter()
        .map(|u| u.kode.to_string())
        .collect();
    let mut g = c.benchmark_group("kode");
    g.throughput(Throughput::Elements(codes.len() as u64));
    g.bench_function("parse_dotted_all_units", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for s in &codes {
                acc = acc.wrapping_add(Kode::parse(black_box(s)).expect("valid").as_u64());
            }
            acc
        });
    });
    let undotted: Vec<String> = Reference::embedded()
        .iter()
        .map(|u| u.kode.digits())
        .collect();
    g.bench_function("parse_undotted_all_units", |b| {
        b.iter(|| {
            undotted
                .iter()
                .map(|s| Kode::parse_bytes(black_box(s.as_bytes())).map_or(0, Kode::as_u64))
                .fold(0u64, u64::wrapping_add)
        });
    });
    g.finish();
}

fn bench_versions(c: &mut Criterion) {
    let mut g = c.benchmark_group("versions");
    g.sample_size(10);
    for v in Reference::versions() {
        g.bench_function(format!("build/{}", v.id), |b| {
            b.iter(|| Reference::build_version(black_box(&v.id)).expect("valid"));
        });
    }
    let old = Reference::version_id("kepmendagri-100.1.1-6117-2022").expect("valid");
    let oldest = Reference::version_id("permendagri-56-2015").expect("valid");
    g.bench_function("diff/6117-2022_to_2138-2025", |b| {
        b.iter(|| diff(black_box(old), Reference::embedded()));
    });
    g.bench_function("diff/56-2015_to_2138-2025", |b| {
        b.iter(|| diff(black_box(oldest), Reference::embedded()));
    });
    let seats: Vec<Kode> = old.iter().map(|u| u.kode).step_by(10).collect();
    g.bench_function("crosswalk/6117-2022_to_2138-2025_9k_codes", |b| {
        b.iter(|| Crosswalk::new(black_box(old), Reference::embedded()).migrate_all(&seats));
    });
    g.finish();
}

fn bench_denominators(c: &mut Criterion) {
    let mut g = c.benchmark_group("denominators");
    g.bench_function("load", |b| b.iter(Denominators::build));
    let registry =
        Registry::from_json(include_str!("../../examples/data/kim_sample.json")).expect("sample");
    let opts = CoverageOptions::new("2025-06-30".parse().expect("date")).level(Level::KabKota);
    for on in [false, true] {
        let o = opts.clone().denominators(on);
        g.bench_function(format!("coverage_kab_kota/denominators_{on}"), |b| {
            b.iter(|| coverage(&registry, Reference::embedded(), black_box(&o)).expect("coverage"));
        });
    }
    g.finish();
}

criterion_group!(benches, bench, bench_versions, bench_denominators);

fn main() {
    report_memory();
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
