//! Options, peaks and roadmaps (SPEC section 8) on big models.
//!
//! Targets, on a developer machine:
//! - an 8-way comparison of 10,000-service models (analyses, deltas and the text report):
//!   at most 2 s. The eight are different organisations (eight seeds), so every service,
//!   team and rota differs: the most a comparison can have to say.
//! - a 3-phase roadmap of 1,000-service models (loading the roadmap and its three model
//!   files, the plan and the text report): at most 0.5 s.
//!
//! Run with `cargo bench --bench options`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use opmodel::files::ron;
use opmodel::model::Model;
use opmodel::{compare, report, roadmap};

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

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

fn roadmap(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut phases = String::new();
    for (i, start) in ["2027-01-04", "2027-04-05", "2027-10-04"]
        .iter()
        .enumerate()
    {
        let file = format!("phase-{i}.ron");
        ron::save(
            &synthetic::generate(1_000, 200, 3_000, SEED + i as u64),
            &folder.path().join(&file),
        )
        .expect("the model is written");
        phases.push_str(&format!(
            "(name: \"Phase {i}\", start: \"{start}\", model: \"{file}\"),\n"
        ));
    }
    let path = folder.path().join("bench.roadmap.ron");
    std::fs::write(&path, format!("(name: \"Bench\", phases: [\n{phases}])")).expect("written");
    let mut group = c.benchmark_group("options");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    // Target: ≤ 0.5 s.
    group.bench_function("roadmap of 3 × 1k services, text", |b| {
        b.iter(|| {
            let loaded = roadmap::load(black_box(&path)).expect("it loads");
            report::roadmap_text(&loaded, &roadmap::plan(&loaded))
        })
    });
    group.finish();
}

criterion_group!(benches, eight_way, roadmap);
criterion_main!(benches);
