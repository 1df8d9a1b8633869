//! kim-geo: the cost of a map's data, on the illustrative sample registry (examples/data/kim_sample.json).
//! - first use of each level (decoding the embedded boundaries), printed once: a fresh process pays it once;
//! - the GeoJSON text of Kutai Kartanegara's kecamatan (20 units) and villages (237), and of the national kecamatan
//!   (7,285 units), from a computed coverage table.
//!
//! The drawing budget (Kukar's kecamatan map to a PNG in ≤ 1 s in a fresh Python process) is checked by
//! `benches/python/map_budget.py`.
//!
//! `cargo bench -p kim-benches --bench geo`
#![allow(missing_docs, clippy::print_stdout, clippy::cast_precision_loss)] // a bench prints its figures

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group};
use kim_core::coverage::{CoverageOptions, coverage};
use kim_core::registry::Registry;
use kim_core::wilayah::{Kode, Level, Reference};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("valid date")
}

fn registry() -> Registry {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/kim_sample.json"
    ))
    .expect("the sample registry");
    Registry::from_json(&json).expect("valid")
}

fn first_use() {
    let kukar = Kode::parse("64.02").expect("code");
    for (level, within) in [
        (Level::Provinsi, None),
        (Level::KabKota, None),
        (Level::Kecamatan, None),
        (Level::Desa, Some(kukar)),
    ] {
        let t = Instant::now();
        let n = kim_geo::boundaries(level, within).expect("ok").len();
        println!(
            "first use of {level} boundaries ({n} units): {:.1} ms",
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}

fn bench(c: &mut Criterion) {
    let reg = registry();
    let reference = Reference::embedded();
    let kukar = Kode::parse("64.02").expect("code");
    let mut g = c.benchmark_group("geo");
    for (name, level, within) in [
        ("geojson_kukar_kecamatan", Level::Kecamatan, Some(kukar)),
        ("geojson_kukar_villages", Level::Desa, Some(kukar)),
        ("geojson_national_kecamatan", Level::Kecamatan, None),
    ] {
        let mut o = CoverageOptions::new(as_of()).level(level);
        if let Some(w) = within {
            o = o.within(w);
        }
        let table = coverage(&reg, reference, &o).expect("ok");
        let bytes = kim_geo::coverage_geojson(&table)
            .expect("ok")
            .to_json()
            .len();
        println!(
            "{name}: {} rows, {:.2} MB of GeoJSON",
            table.rows.len(),
            bytes as f64 / 1e6
        );
        g.bench_function(name, |b| {
            b.iter(|| {
                kim_geo::coverage_geojson(black_box(&table))
                    .expect("ok")
                    .to_json()
                    .len()
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    first_use();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
