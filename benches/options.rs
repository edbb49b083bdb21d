//! Options, peaks and roadmaps (SPEC section 8) on big models.
//!
//! Targets, on a developer machine:
//! - an 8-way comparison of 10,000-service models (analyses, deltas and the text report, or
//!   the JSON): at most 2 s. The eight are options for one organisation: each after the
//!   first moves one service in eight to its domain rota and adds two people to one team in
//!   sixteen, so each differs from the first in about 1,400 services and teams.
//! - the analysis of a 10,000-service model with a six-week peak season (one service in five
//!   with a peak exposure five times its normal one): at most 2.2 times the analysis of the
//!   same model without it. The bench prints the measured ratio on a line of its own.
//! - a 3-phase roadmap of 1,000-service models (loading the roadmap and its three model
//!   files, the plan and the text report): at most 0.5 s.
//!
//! Run with `cargo bench --bench options`.

use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use opmodel::analysis::analyze;
use opmodel::files::ron;
use opmodel::model::{Model, OutOfHours};
use opmodel::{compare, report, roadmap};

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

const SEED: u64 = 20_240_601;

fn eight_way(c: &mut Criterion) {
    let base = synthetic::generate(10_000, 2_000, 30_000, SEED);
    let models: Vec<Model> = (0..8)
        .map(|option| {
            let mut model = base.clone();
            if option > 0 {
                for service in model.services.iter_mut().skip(option).step_by(8) {
                    service.out_of_hours = Some(OutOfHours::Domain);
                }
                for team in model.teams.iter_mut().skip(option).step_by(16) {
                    team.members += 2;
                }
            }
            model
        })
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
            let loaded = opmodel::files::roadmap::load(black_box(&path)).expect("it loads");
            report::roadmap_text(&loaded, &roadmap::plan(&loaded))
        })
    });
    group.finish();
}

/// The largest acceptable time with a peak ÷ time without.
const PEAK_RATIO: f64 = 2.2;

fn peak(c: &mut Criterion) {
    let plain = synthetic::generate(10_000, 2_000, 30_000, SEED);
    let mut peaked = plain.clone();
    peaked.settings.peak_weeks = 6.0;
    for service in peaked.services.iter_mut().step_by(5) {
        service.peak_exposure_per_hour = Some(service.exposure_per_hour.unwrap_or(10_000.0) * 5.0);
    }
    assert!(
        analyze(&peaked).peak.is_some(),
        "the model has a peak season"
    );
    let mut group = c.benchmark_group("options");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    let mut medians = Vec::new();
    for (name, model) in [
        ("analyze 10k services", &plain),
        ("analyze 10k services with a peak", &peaked),
    ] {
        let times = RefCell::new(Vec::new());
        group.bench_function(name, |b| {
            b.iter_custom(|iterations| {
                let start = Instant::now();
                for _ in 0..iterations {
                    black_box(analyze(black_box(model)));
                }
                let elapsed = start.elapsed();
                times.borrow_mut().push(elapsed / iterations.max(1) as u32);
                elapsed
            })
        });
        let mut times = times.into_inner();
        times.sort_unstable();
        // Nothing timed when a filter left this bench out.
        if let Some(median) = times.get(times.len() / 2) {
            medians.push(*median);
        }
    }
    group.finish();
    let [without, with] = medians[..] else {
        return;
    };
    let ratio = with.as_secs_f64() / without.as_secs_f64();
    println!(
        "peak ratio: {ratio:.2} (with a peak {with:?}, without {without:?}; target ≤ {PEAK_RATIO})"
    );
}

criterion_group!(benches, eight_way, peak, roadmap);
criterion_main!(benches);
