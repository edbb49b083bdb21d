//! Editor frame cost with 1,000 nodes on the canvas: one full egui pass of the whole window
//! (panels, canvas, graph view) plus tessellation, without the GPU.
//!
//! Target: a live frame (the pointer moving over the canvas) in ≤ 16 ms, so dragging and
//! panning stay smooth at 60 Hz. An idle frame replays the last canvas and should cost far
//! less.
//!
//! Run with `cargo bench --bench frame`.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, pos2, vec2};
use opmodel::app::{OpmodelApp, Picker, RecentFiles};
use opmodel::{io, synthetic};

/// 820 services, 160 teams and their ~20 domains: about 1,000 nodes.
fn app_with_1000_nodes() -> (OpmodelApp, tempfile::TempDir) {
    let model = synthetic::generate(820, 160, 2_000, 7);
    let nodes = model.services.len() + model.teams.len() + model.domains.len();
    println!(
        "canvas: {nodes} nodes, {} dependencies",
        model.dependencies.len()
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ron");
    io::save(&model, &path).expect("the model saves");
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&path);
    (app, dir)
}

fn input(events: Vec<Event>) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
        events,
        ..RawInput::default()
    }
}

/// One pass and its tessellation; returns the number of triangles drawn.
fn frame(ctx: &egui::Context, app: &mut OpmodelApp, events: Vec<Event>) -> usize {
    let output = ctx.run_ui(input(events), |ui| app.show(ui));
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    meshes.len()
}

fn frames(c: &mut Criterion) {
    let (mut app, _dir) = app_with_1000_nodes();
    let ctx = egui::Context::default();
    for _ in 0..10 {
        frame(&ctx, &mut app, Vec::new());
    }
    let mut group = c.benchmark_group("1,000 nodes");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(8));
    let mut x = 0.0;
    // Target: ≤ 16 ms.
    group.bench_function("live frame", |b| {
        b.iter(|| {
            x = (x + 7.0) % 400.0;
            frame(
                &ctx,
                &mut app,
                vec![Event::PointerMoved(pos2(600.0 + x, 500.0))],
            )
        })
    });
    group.bench_function("idle frame", |b| {
        b.iter(|| frame(&ctx, &mut app, Vec::new()))
    });
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
