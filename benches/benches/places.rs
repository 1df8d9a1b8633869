//! Budgets of issue 14 for free-text places (`Reference::resolve_place`, `Reference::resolve_fields`):
//! - ≥ 20,000 resolutions per second on one core, in bulk, over the generated legacy strings of
//!   `kim-core/tests/data/places_dev.tsv` (clean rows; the misspelt rows are measured apart);
//! - the name index built once per list in ≤ 100 ms, adding ≤ 30 MB.
//!
//! `cargo bench -p kim-benches --bench places`
#![allow(missing_docs, clippy::print_stdout, clippy::cast_precision_loss)] // a bench prints MB figures

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use kim_benches::rss_kib;
use kim_core::wilayah::{EMBEDDED_TSV, Reference, Resolution};

const DEV: &str = include_str!("../../kim-core/tests/data/places_dev.tsv");

/// (family, fields or text) rows of the dev set.
fn rows(family: &str) -> Vec<[String; 4]> {
    DEV.lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f[0] == family)
        .map(|f| {
            if f[1] == "fields" {
                [String::new(), f[3].into(), f[4].into(), f[5].into()]
            } else {
                [f[2].into(), String::new(), String::new(), String::new()]
            }
        })
        .collect()
}

fn resolve(r: &Reference, row: &[String; 4]) -> Resolution {
    fn opt(s: &str) -> Option<&str> {
        (!s.is_empty()).then_some(s)
    }
    if row[0].is_empty() {
        r.resolve_fields(&row[1], opt(&row[2]), opt(&row[3]))
            .resolution
    } else {
        r.resolve_place(&row[0])
    }
}

fn report_index_build() {
    let r = Reference::from_tsv(EMBEDDED_TSV).expect("embedded list");
    let before = rss_kib();
    let t = Instant::now();
    black_box(r.resolve_place("Desa Perian, Kec. Muara Muntai, Kukar"));
    println!(
        "name index: built on first use in {:.1} ms, adding {:.1} MB resident",
        t.elapsed().as_secs_f64() * 1000.0,
        (rss_kib().saturating_sub(before)) as f64 / 1024.0
    );
}

fn bench(c: &mut Criterion) {
    let r = Reference::embedded();
    let clean = rows("clean");
    let typo = rows("typo");
    let mut g = c.benchmark_group("places");
    g.sample_size(10);
    g.throughput(Throughput::Elements(clean.len() as u64));
    g.bench_function("resolve_clean_dev_set", |b| {
        b.iter(|| {
            clean
                .iter()
                .filter(|row| matches!(resolve(r, row), Resolution::Unique(_)))
                .count()
        });
    });
    g.throughput(Throughput::Elements(typo.len() as u64));
    g.bench_function("resolve_misspelt_dev_set", |b| {
        b.iter(|| {
            typo.iter()
                .filter(|row| matches!(resolve(r, row), Resolution::Uncertain(_)))
                .count()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    report_index_build();
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
