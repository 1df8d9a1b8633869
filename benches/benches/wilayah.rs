//! Budgets of issue #2 for `kim_core::wilayah`:
//! - the embedded national reference is ready to query in ≤ 20 ms, with ≤ 30 MB resident;
//! - codes parse at ≥ 20 million per second.
//!
//! `cargo bench -p kim-benches --bench wilayah`
#![allow(missing_docs, clippy::print_stdout, clippy::cast_precision_loss)] // a bench prints MB figures

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group};
use kim_benches::rss_kib;
use kim_core::wilayah::{EMBEDDED_TSV, Kode, Reference};

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

criterion_group!(benches, bench);

fn main() {
    report_memory();
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
