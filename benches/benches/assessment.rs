//! Budget of issue #19 for `kim_core::assessment`: scoring 100,000 KIMs with a 10-criterion rubric (AHP weights,
//! five ranges and five band tables) takes ≤ 50 ms on one thread.
//!
//! `cargo bench -p kim-benches --bench assessment`
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use kim_core::assessment::{
    Band, BandTable, Criterion as Crit, Observations, Provenance, Rubric, Scale, WeightSpec, score,
};

const KIMS: usize = 100_000;

fn rubric() -> Rubric {
    let criteria = (0..10)
        .map(|i| {
            let scale = if i % 2 == 0 {
                Scale::Range {
                    min: 0.0,
                    max: 100.0,
                    higher_is_better: i % 4 == 0,
                }
            } else {
                Scale::Bands(
                    BandTable::new(
                        0.0,
                        None,
                        vec![
                            Band::new(0.0, Some(1.0), 100.0),
                            Band::new(1.0, Some(3.0), 70.0),
                            Band::new(3.0, Some(6.0), 40.0),
                            Band::new(6.0, None, 0.0),
                        ],
                    )
                    .expect("bands"),
                )
            };
            Crit::new(format!("c{i}"), format!("criterion {i}"), scale)
        })
        .collect();
    // A consistent 10×10 matrix from weights 10 : 9.2 : … : 2.8 (ratios within Saaty's 1/9–9), so CR = 0.
    let w: Vec<f64> = (0..10).map(|i| 10.0 - 0.8 * f64::from(i)).collect();
    let m = w
        .iter()
        .map(|a| w.iter().map(|b| a / b).collect())
        .collect();
    Rubric::new(
        "bench",
        "bench",
        Provenance::illustrative("bench"),
        criteria,
        WeightSpec::Ahp(m),
    )
    .expect("rubric")
}

fn bench(c: &mut Criterion) {
    let r = rubric();
    let mut obs = Observations::new(&r);
    let mut row = [0.0; 10];
    for k in 0..KIMS {
        for (j, v) in row.iter_mut().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let x = ((k * 31 + j * 17) % 100) as f64;
            *v = if j % 2 == 0 { x } else { x / 10.0 };
        }
        obs.push(&format!("KIM-{k:06}"), &row).expect("push");
    }
    let s = score(&r, &obs).expect("score");
    assert_eq!(s.len(), KIMS);
    let mut g = c.benchmark_group("assessment");
    g.sample_size(20);
    g.bench_function("score_100k_kims_10_criteria", |b| {
        b.iter(|| score(black_box(&r), black_box(&obs)));
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
