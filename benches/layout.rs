//! The layouts on big organisations from the synthetic generator (fixed seed).
//!
//! Targets, on a developer machine:
//! - `auto-layout` of 1,000 services (110 teams, 2,000 dependencies): ≤ 1 s, so the user's
//!   "arrange" lands without a wait (it runs off the UI thread, with progress);
//! - the opening arrangement of 10,000 services (2,000 teams, 30,000 dependencies), which a
//!   model saved without positions gets once when it opens: no hard target, measured so that
//!   opening a big file stays quick;
//! - `free_spot` for a new service in the 10,000-service model: well under a frame (16 ms).
//!
//! Run with `cargo bench --bench layout -- --warm-up-time 1 --measurement-time 3`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use opmodel::layout::{self, auto};
use opmodel::model::{EntityKind, Position};

const SEED: u64 = 20_240_601;

fn layouts(c: &mut Criterion) {
    let thousand = synthetic::generate(1_000, 110, 2_000, SEED);
    let mut group = c.benchmark_group("layout");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    // Target: ≤ 1 s.
    group.bench_function("auto-layout, 1k services", |b| {
        b.iter(|| auto::layout(black_box(&thousand), &mut |_| {}))
    });

    let mut big = synthetic::generate(10_000, 2_000, 30_000, SEED);
    let team = big.teams[0].id.clone();
    group.bench_function("free spot for a service, 10k services", |b| {
        b.iter(|| {
            layout::free_spot(
                black_box(&big),
                EntityKind::Service,
                "New service",
                Some(&team),
                Position::default(),
            )
        })
    });
    big.layout.clear();
    group.bench_function("opening arrangement, 10k services", |b| {
        b.iter(|| {
            let mut model = big.clone();
            layout::fill_missing(black_box(&mut model));
            model
        })
    });
    group.finish();
}

criterion_group!(benches, layouts);
criterion_main!(benches);
