//! Budgets of issue #3 for `kim_core::coverage`, on deterministic synthetic national data (83,762 villages,
//! 100,000 KIM records with 5 members each):
//! - national coverage at kecamatan level ≤ 10 ms on one thread;
//! - a 60-month series ≤ 100 ms;
//! - extra memory ≤ 2× the input (a counting allocator reports peak bytes);
//! - the naive baseline runs in the same bench, so the speed-up shows as a ratio.
//!
//! `cargo bench -p kim-benches --bench coverage`
#![allow(missing_docs, clippy::print_stdout, clippy::cast_precision_loss)] // a bench prints its figures

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group};
use kim_core::coverage::{CoverageOptions, SeriesDates, coverage, coverage_series};
use kim_core::wilayah::{Level, Reference};

/// Counts live and peak heap bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: delegates every call to `System` unchanged; only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as the caller's.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn mb(b: usize) -> f64 {
    b as f64 / 1_048_576.0
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).expect("date")
}

fn report_memory() {
    let reference = Reference::embedded();
    let before = LIVE.load(Ordering::Relaxed);
    let registry = kim_benches::synthetic_registry(reference, 100_000, 5);
    let input = LIVE.load(Ordering::Relaxed) - before;
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let table = coverage(
        &registry,
        reference,
        &CoverageOptions::new(as_of()).level(Level::Kecamatan),
    )
    .expect("coverage");
    let extra = PEAK.load(Ordering::Relaxed) - base;
    println!(
        "memory: input registry {:.1} MB; coverage peak extra {:.2} MB ({:.3}× the input); {} rows, {} of {} villages covered",
        mb(input),
        mb(extra),
        extra as f64 / input as f64,
        table.rows.len(),
        table.total.villages_with_kim.total,
        table.total.villages.total
    );
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let base = LIVE.load(Ordering::Relaxed);
    let opts = CoverageOptions::new(as_of());
    let dates = SeriesDates::MonthEnds {
        from: NaiveDate::from_ymd_opt(2020, 7, 1).expect("date"),
        to: as_of(),
    };
    let s = coverage_series(&registry, reference, &opts, &dates).expect("series");
    let extra = PEAK.load(Ordering::Relaxed) - base;
    println!(
        "memory: 60-month series peak extra {:.2} MB ({:.3}× the input), {} points",
        mb(extra),
        extra as f64 / input as f64,
        s.len()
    );
}

fn bench(c: &mut Criterion) {
    let reference = Reference::embedded();
    let registry = kim_benches::synthetic_registry(reference, 100_000, 5);
    let opts = CoverageOptions::new(as_of()).level(Level::Kecamatan);
    // The fast path and the baseline agree before anything is timed.
    let fast = coverage(&registry, reference, &opts).expect("coverage");
    let naive = kim_benches::naive_kecamatan_coverage(&registry, reference, as_of());
    assert_eq!(fast.rows.len(), naive.len());
    for (r, n) in fast.rows.iter().zip(&naive) {
        assert_eq!(
            (r.code, r.villages.total, r.villages_with_kim.total, r.n_kim),
            (Some(n.0), n.1, n.2, n.3)
        );
    }

    let mut g = c.benchmark_group("coverage_national_kecamatan");
    g.bench_function("kim_core", |b| {
        b.iter(|| coverage(black_box(&registry), reference, &opts).expect("ok"));
    });
    g.bench_function("naive_baseline", |b| {
        b.iter(|| kim_benches::naive_kecamatan_coverage(black_box(&registry), reference, as_of()));
    });
    g.finish();

    let dates = SeriesDates::MonthEnds {
        from: NaiveDate::from_ymd_opt(2020, 7, 1).expect("date"),
        to: as_of(),
    };
    let month_ends = coverage_series(&registry, reference, &CoverageOptions::new(as_of()), &dates)
        .expect("series");
    assert_eq!(month_ends.len(), 60);
    let mut g = c.benchmark_group("coverage_series_60_months");
    g.sample_size(20);
    g.bench_function("kim_core_one_pass", |b| {
        b.iter(|| {
            coverage_series(
                black_box(&registry),
                reference,
                &CoverageOptions::new(as_of()),
                &dates,
            )
            .expect("ok")
        });
    });
    g.bench_function("naive_60_recomputations", |b| {
        b.iter(|| {
            month_ends
                .iter()
                .map(|p| {
                    kim_benches::naive_kecamatan_coverage(black_box(&registry), reference, p.date)
                        .len()
                })
                .sum::<usize>()
        });
    });
    g.finish();
}

criterion_group!(benches, bench);

fn main() {
    report_memory();
    benches();
    Criterion::default().configure_from_args().final_summary();
}
