//! How the real command line scales: the whole `opmodel report --format json FILE` process
//! (start-up, load, validate, analyse, print) on synthetic models of 1,000 and 10,000
//! services (200 and 2,000 teams; 3,000 and 30,000 dependencies).
//!
//! Target: ten times the services costs at most fifteen times the time. The bench prints the
//! measured ratio on a line of its own.
//!
//! Run with `cargo bench --bench report`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::cell::RefCell;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use opmodel::files::ron;

const SEED: u64 = 20_240_601;
/// The largest acceptable time(10k) ÷ time(1k).
const TARGET_RATIO: f64 = 15.0;

/// One run of the real binary on `file`.
fn report(file: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(["report", "--format", "json"])
        .arg(file)
        .output()
        .expect("the opmodel binary runs");
    assert!(
        output.status.success(),
        "opmodel report failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn report_scaling(c: &mut Criterion) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let sizes = [(1_000, 200, 3_000), (10_000, 2_000, 30_000)];
    let mut medians = Vec::new();

    let mut group = c.benchmark_group("opmodel report --format json");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(15)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (services, teams, dependencies) in sizes {
        let file = folder.path().join(format!("synthetic-{services}.ron"));
        ron::save(
            &synthetic::generate(services, teams, dependencies, SEED),
            &file,
        )
        .expect("the model is written");
        // Every run criterion makes, warm-up included, recorded per iteration.
        let times = RefCell::new(Vec::new());
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{services} services")),
            &file,
            |b, file| {
                b.iter_custom(|iterations| {
                    let start = Instant::now();
                    for _ in 0..iterations {
                        report(file);
                    }
                    let elapsed = start.elapsed();
                    times.borrow_mut().push(elapsed / iterations.max(1) as u32);
                    elapsed
                })
            },
        );
        medians.push((services, median(&mut times.into_inner())));
    }
    group.finish();

    let (small, large) = (medians[0], medians[1]);
    let ratio = large.1.as_secs_f64() / small.1.as_secs_f64();
    println!(
        "report scaling: {} services {:.1} ms, {} services {:.1} ms (medians): {ratio:.1}x the time for {}x the services; target <= {TARGET_RATIO}x: {}",
        small.0,
        small.1.as_secs_f64() * 1e3,
        large.0,
        large.1.as_secs_f64() * 1e3,
        large.0 / small.0,
        if ratio <= TARGET_RATIO {
            "ok"
        } else {
            "OVER TARGET"
        }
    );
}

criterion_group!(benches, report_scaling);
criterion_main!(benches);
