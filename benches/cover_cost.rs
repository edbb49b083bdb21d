//! SPEC section 5 at scale: the analysis of a 10,000-service model (2,000 teams, 30,000
//! dependencies) that uses lifecycles and compliance tags, side by side with the same model
//! in version 1 form. Both analyses work out every service's cover cost.
//!
//! Target: the version 2 model takes at most 1.5 times the version 1 model, and (measured
//! against the analysis before cover costs existed, see the README) the analysis with every
//! cover cost at most 1.5 times the analysis without. The bench prints the measured ratio on
//! a line of its own.
//!
//! Run with `cargo bench --bench cover_cost -- --warm-up-time 1 --measurement-time 3`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::cell::RefCell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use opmodel::analysis::analyze;

const SEED: u64 = 20_240_601;
/// The largest acceptable time(version 2) ÷ time(version 1).
const TARGET_RATIO: f64 = 1.5;

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn cover_costs_at_scale(c: &mut Criterion) {
    let version_1 = synthetic::generate(10_000, 2_000, 30_000, SEED);
    let mut version_2 = version_1.clone();
    synthetic::use_lifecycle_and_compliance(&mut version_2);
    assert_eq!(version_1.required_version(), 1);
    assert_eq!(version_2.required_version(), 2);

    let mut group = c.benchmark_group("10k services, analysis with cover costs");
    group.sample_size(30);
    let mut medians = Vec::new();
    for (label, model) in [("version 1", &version_1), ("version 2", &version_2)] {
        let times = RefCell::new(Vec::new());
        group.bench_with_input(BenchmarkId::from_parameter(label), model, |b, model| {
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
        medians.push(median(&mut times.into_inner()));
    }
    group.finish();

    let ratio = medians[1].as_secs_f64() / medians[0].as_secs_f64();
    println!(
        "cover costs: version 1 {:.2} ms, version 2 {:.2} ms (medians): {ratio:.2}x; target <= {TARGET_RATIO}x: {}",
        medians[0].as_secs_f64() * 1e3,
        medians[1].as_secs_f64() * 1e3,
        if ratio <= TARGET_RATIO {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
}

criterion_group!(benches, cover_costs_at_scale);
criterion_main!(benches);
