//! The shapes that once made the analysis or the checks quadratic: long dependency chains,
//! ladders (two chains with rungs, where every service has two successors and paths meet
//! again), and hundreds of thousands of exposure bands.
//!
//! Targets, on a developer machine:
//! - `analyze`, 100,000-service chain: ≤ 0.5 s; 200,000-service chain: ≤ 1 s;
//! - `validate`, 300,000 exposure bands: ≤ 0.5 s;
//! - ladders: no target, measured so that a change of algorithm shows.
//!
//! Run with `cargo bench --bench shapes -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use opmodel::analysis::analyze;
use opmodel::model::{Dependency, ExposureBand, Model, Service, ServiceKind, validate};

/// Services `s0`…, with availabilities from a short repeating list, as real models have.
fn services(count: usize) -> Model {
    let mut model = Model::named("shape");
    for i in 0..count {
        let mut service = Service::new(&format!("s{i}"), "", ServiceKind::Digital);
        service.availability = Some([99.9, 99.5, 99.0, 99.95][i % 4]);
        model.services.push(service);
    }
    model
}

fn depend(model: &mut Model, from: usize, to: usize) {
    model.dependencies.push(Dependency {
        from: format!("s{from}"),
        to: format!("s{to}"),
    });
}

/// Each service depends on the one before it.
fn chain(count: usize) -> Model {
    let mut model = services(count);
    for i in 1..count {
        depend(&mut model, i, i - 1);
    }
    model
}

/// Two rails, `s(2k)` and `s(2k+1)`, each rung depending on both services of the rung below.
fn ladder(rungs: usize) -> Model {
    let mut model = services(2 * rungs);
    for rung in 1..rungs {
        for side in 0..2 {
            depend(&mut model, 2 * rung + side, 2 * (rung - 1));
            depend(&mut model, 2 * rung + side, 2 * (rung - 1) + 1);
        }
    }
    model
}

fn bands(count: usize) -> Model {
    let mut model = Model::named("bands");
    model.settings.exposure_bands = (0..count)
        .map(|i| ExposureBand {
            max_exposure_per_hour: ((i * 7_919) % count) as f64,
            availability: 99.0,
        })
        .collect();
    model
}

fn shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group("shapes");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for count in [100_000, 200_000] {
        let model = chain(count);
        // Target: ≤ 0.5 s for 100,000, ≤ 1 s for 200,000.
        group.bench_function(format!("analyze chain {count}"), |b| {
            b.iter(|| analyze(black_box(&model)))
        });
    }
    let model = ladder(10_000);
    group.bench_function("analyze ladder 10000 rungs", |b| {
        b.iter(|| analyze(black_box(&model)))
    });
    let model = bands(300_000);
    // Target: ≤ 0.5 s.
    group.bench_function("validate 300000 bands", |b| {
        b.iter(|| validate(black_box(&model)))
    });
    group.finish();
}

criterion_group!(benches, shapes);
criterion_main!(benches);
