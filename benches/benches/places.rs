//! Budgets of issue 14 for free-text places (`Reference::resolve_place`, `Reference::resolve_fields`):
//! - ≥ 20,000 resolutions per second on one core, in bulk, over the generated legacy strings of
//!   `kim-core/tests/data/places_heldout.tsv` as a whole (about 4% with a misspelt village), and apart over its
//!   misspelt rows (near-spelling stage) and the clean rows of `places_dev.tsv`;
//! - the name index (exact tables, then the bigram index of the near-spelling stage, each built on first use) built
//!   in ≤ 100 ms, adding ≤ 30 MB.
//!
//! `cargo bench -p kim-benches --bench places`
#![allow(missing_docs, clippy::print_stdout, clippy::cast_precision_loss)] // a bench prints MB figures

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_group};
use kim_benches::rss_kib;
use kim_core::wilayah::{EMBEDDED_TSV, Reference, Resolution};

const DEV: &str = include_str!("../../kim-core/tests/data/places_dev.tsv");
const HELD_OUT: &str = include_str!("../../kim-core/tests/data/places_heldout.tsv");

/// (fields or text) rows of one family (`clean`, `typo`, or `None` for all) of a file.
fn rows(file: &str, family: Option<&str>) -> Vec<[String; 4]> {
    file.lines()
        .skip(1)
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| family.is_none_or(|x| f[0] == x))
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
    let exact = t.elapsed();
    let mid = rss_kib();
    // A misspelt kecamatan searched over the whole country builds the bigram index.
    let t = Instant::now();
    black_box(r.resolve_place("Desa Perian, Kec. Muara Muntay"));
    let grams = t.elapsed();
    let after = rss_kib();
    let mb = |kib: u64| kib as f64 / 1024.0;
    println!(
        "name index: exact tables {:.1} ms (+{:.1} MB), bigram index {:.1} ms (+{:.1} MB), total {:.1} ms, {:.1} MB \
         resident",
        exact.as_secs_f64() * 1000.0,
        mb(mid.saturating_sub(before)),
        grams.as_secs_f64() * 1000.0,
        mb(after.saturating_sub(mid)),
        (exact + grams).as_secs_f64() * 1000.0,
        mb(after.saturating_sub(before)),
    );
}

fn bench(c: &mut Criterion) {
    let r = Reference::embedded();
    let mut g = c.benchmark_group("places");
    g.sample_size(10);
    for (name, rows) in [
        ("resolve_heldout_bulk", rows(HELD_OUT, None)),
        ("resolve_heldout_misspelt", rows(HELD_OUT, Some("typo"))),
        ("resolve_dev_clean", rows(DEV, Some("clean"))),
    ] {
        g.throughput(Throughput::Elements(rows.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                rows.iter()
                    .filter(|row| !matches!(resolve(r, row), Resolution::NotFound))
                    .count()
            });
        });
    }
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
