//! The deck and the pictures (SPEC 6.4, issues 16 and 17): a 46-service deck in at most
//! 0.5 s and a 1,000-service deck in at most 3 s, model to PDF bytes; and a picture whose
//! names are 1, 10 and 100 thousand characters long exports in time that grows no faster
//! than the names (a label shows a few lines, however long the name).
//!
//! The models carry their arrangement, as models saved from the editor do.
//!
//! Run with `cargo bench --bench deck -- --warm-up-time 1 --measurement-time 3`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use opmodel::analysis::analyze;
use opmodel::model::Model;
use opmodel::render;

fn decks(c: &mut Criterion) {
    let mut group = c.benchmark_group("deck");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (services, teams) in [(46, 9), (1_000, 200)] {
        // As saved from the editor, with its arrangement: arranging a model that has none
        // is the editor's work, benched in benches/layout.rs.
        let mut model = synthetic::generate(services, teams, services * 2, 7);
        opmodel::layout::fill_missing(&mut model);
        // Target: ≤ 0.5 s at 46 services, ≤ 3 s at 1,000.
        group.bench_function(BenchmarkId::new("pdf", services), |b| {
            b.iter(|| {
                let analysis = analyze(&model);
                render::deck_pdf(black_box(&model), &analysis, "1 January 2027").unwrap()
            })
        });
    }
    // The comparison deck of two 46-service models, comparison included: the same budget
    // as one model's deck.
    let (a, b) = (
        synthetic::generate(46, 9, 92, 7),
        synthetic::generate(46, 9, 92, 8),
    );
    group.bench_function(BenchmarkId::new("comparison-pdf", 46), |bench| {
        bench.iter(|| {
            let models = [black_box(&a), black_box(&b)];
            let comparison = opmodel::compare::compare(&models);
            render::comparison_deck_pdf(&models, &comparison, "1 January 2027").unwrap()
        })
    });
    group.finish();
}

/// A model of a team and two services, every name `length` characters of words.
fn long_names(length: usize) -> Model {
    let mut model = synthetic::generate(2, 1, 1, 1);
    let name: String = "word "
        .repeat(length / 5 + 1)
        .chars()
        .take(length)
        .collect();
    model.teams[0].name = name.clone();
    for service in &mut model.services {
        service.name = name.clone();
    }
    model
}

fn long_names_export(c: &mut Criterion) {
    let mut group = c.benchmark_group("svg with long names");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for length in [1_000, 10_000, 100_000] {
        let model = long_names(length);
        group.bench_function(BenchmarkId::from_parameter(length), |b| {
            b.iter(|| render::svg(black_box(&model)))
        });
    }
    group.finish();
}

criterion_group!(benches, decks, long_names_export);
criterion_main!(benches);
