//! Options, peaks and roadmaps (SPEC section 8) on big models.
//!
//! Targets, on a developer machine:
//! - an 8-way comparison of 10,000-service models (analyses, deltas and the text report):
//!   at most 2 s. The eight are different organisations (eight seeds), so every service,
//!   team and rota differs: the most a comparison can have to say.
//!
//! Run with `cargo bench --bench options`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use opmodel::model::Model;
use opmodel::{compare, report, synthetic};

const SEED: u64 = 20_240_601;

fn eight_way(c: &mut Criterion) {
    let models: Vec<Model> = (0..8)
        .map(|i| synthetic::generate(10_000, 2_000, 30_000, SEED + i))
        .collect();
    let models: Vec<&Model> = models.iter().collect();
    let files: Vec<String> = (0..8).map(|i| format!("option-{i}.ron")).collect();
    let mut group = c.benchmark_group("options");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    // Target: ≤ 2 s.
    group.bench_function("compare 8 × 10k services, text", |b| {
        b.iter(|| {
            let comparison = compare::compare(black_box(&models));
            report::compare_text(&models, &files, &comparison)
        })
    });
    group.bench_function("compare 8 × 10k services, json", |b| {
        b.iter(|| report::compare_json(&compare::compare(black_box(&models))))
    });
    group.finish();
}

criterion_group!(benches, eight_way);
criterion_main!(benches);
