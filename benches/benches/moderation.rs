//! Budget of issue #4 for `kim_core::moderation`: ≥ 100 MB/s of verdicts (normalisation, lexicon, personal data
//! and spam checks included) on one thread, with the full default lexicon, over ≥ 10 MB of realistic mixed
//! Indonesian text (the labelled corpus of the tests, cycled into separate posts). `check_each_post` is the default
//! moderator, with its hold model; `check_each_post_rules_only` without it.
//!
//! `cargo bench -p kim-benches --bench moderation`
#![allow(missing_docs)]

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kim_core::moderation::{HoldModel, Moderator, redact};

fn bench(c: &mut Criterion) {
    let moderator = Moderator::default();
    let posts = kim_benches::moderation_posts(10 * 1024 * 1024);
    let bytes: usize = posts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("moderation_10mb");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("check_each_post", |b| {
        b.iter(|| kim_benches::check_each(&moderator, &posts));
    });
    // Posts from phones often carry an emoji; one per post sends every post through the non-ASCII code.
    let with_emoji: Vec<String> = posts.iter().map(|p| format!("{p} 🙏")).collect();
    g.bench_function("check_each_post_with_an_emoji", |b| {
        b.iter(|| kim_benches::check_each(&moderator, &with_emoji));
    });
    // The rules alone: the default moderator's hold model (issue 16) scores every post the rules allow.
    let rules_only = Moderator::rules_only();
    g.bench_function("check_each_post_rules_only", |b| {
        b.iter(|| kim_benches::check_each(&rules_only, &posts));
    });
    // The hold model alone, scoring every post whole (the default moderator scores only the posts the rules allow).
    let model = HoldModel::builtin();
    g.bench_function("hold_model_each_post", |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| model.harmful(black_box(p)))
                .sum::<f64>()
        });
    });
    g.bench_function("redact_each_post", |b| {
        b.iter(|| {
            posts
                .iter()
                .map(|p| redact(black_box(p)).len())
                .sum::<usize>()
        });
    });
    g.finish();
}

/// What building a moderator costs (once per process in the bindings' shared moderator): the default one, the hold
/// model alone.
fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("moderator_build");
    g.sample_size(10);
    g.bench_function("default", |b| b.iter(Moderator::default));
    g.bench_function("hold_model", |b| b.iter(HoldModel::builtin));
    g.finish();
}

criterion_group!(benches, bench, build);
criterion_main!(benches);
