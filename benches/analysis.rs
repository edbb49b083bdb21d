//! The domain core on a big organisation: 10,000 services, 2,000 teams and 30,000
//! dependencies from the synthetic generator (fixed seed).
//!
//! Targets, on a developer machine:
//! - `analyze`: ≤ 5 ms, so the editor can recompute after every edit without a dropped frame;
//! - `ron::parse` of the model's RON text (parse and validate): ≤ 150 ms, so opening a big
//!   file feels instant;
//! - `ron::to_ron`: no target, measured because every save runs it.
//!
//! Run with `cargo bench --bench analysis`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use opmodel::analysis::analyze;
use opmodel::files::ron;

const SEED: u64 = 20_240_601;

fn domain_core(c: &mut Criterion) {
    let model = synthetic::generate(10_000, 2_000, 30_000, SEED);
    let text = ron::to_ron(&model);
    println!(
        "model: {} services, {} teams, {} dependencies; RON text {:.1} MB",
        model.services.len(),
        model.teams.len(),
        model.dependencies.len(),
        text.len() as f64 / 1e6
    );

    let mut fast = c.benchmark_group("10k services");
    fast.sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    // Target: ≤ 5 ms.
    fast.bench_function("analyze", |b| b.iter(|| analyze(black_box(&model))));
    fast.finish();

    // These take tens of milliseconds: one iteration per sample keeps the run short.
    let mut slow = c.benchmark_group("10k services");
    slow.sampling_mode(SamplingMode::Flat)
        .sample_size(15)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    // Target: ≤ 150 ms.
    slow.bench_function("ron::parse", |b| {
        b.iter(|| ron::parse(black_box(&text), Path::new("synthetic.ron")).expect("it loads"))
    });
    slow.bench_function("ron::to_ron", |b| b.iter(|| ron::to_ron(black_box(&model))));
    slow.finish();
}

criterion_group!(benches, domain_core);
criterion_main!(benches);
