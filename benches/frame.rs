//! Editor frame cost on big models: one full egui pass of the whole window (panels, canvas,
//! graph view, labels) plus tessellation, without the GPU.
//!
//! Targets (issue 16): at 10,000 services a live frame (the pointer moving over the canvas)
//! in ≤ 16 ms at fit (where a big model shows one box per domain), ≤ 8 ms zoomed in among
//! the services (only what is on screen is drawn), and an idle frame, which replays the last
//! canvas, in ≤ 4 ms; at 1,000 services every frame in ≤ 2.3 ms.
//!
//! Run with `cargo bench --bench frame -- --warm-up-time 1 --measurement-time 3`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, pos2, vec2};
use opmodel::app::{OpmodelApp, Picker, RecentFiles};
use opmodel::files::ron;

/// An editor on a synthetic model of `services` services, with a team per five services.
fn app_with(services: usize) -> (OpmodelApp, tempfile::TempDir) {
    let model = synthetic::generate(services, services / 5, services * 2, 7);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ron");
    ron::save(&model, &path).expect("the model saves");
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

/// One pass and its tessellation; returns the number of meshes drawn.
fn frame(ctx: &egui::Context, app: &mut OpmodelApp, events: Vec<Event>) -> usize {
    let output = ctx.run_ui(input(events), |ui| app.show(ui));
    let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
    meshes.len()
}

fn pointer_at(x: f32) -> Vec<Event> {
    vec![Event::PointerMoved(pos2(600.0 + x, 500.0))]
}

fn frames(c: &mut Criterion) {
    for services in [1_000, 10_000] {
        let (mut app, _dir) = app_with(services);
        let ctx = egui::Context::default();
        for _ in 0..10 {
            frame(&ctx, &mut app, Vec::new());
        }
        let mut group = c.benchmark_group(format!("{services} services"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(4));
        let mut x = 0.0;
        // At fit: one box per domain. Target: ≤ 2.3 ms at 1,000, ≤ 16 ms at 10,000.
        group.bench_function("live frame at fit", |b| {
            b.iter(|| {
                x = (x + 7.0) % 400.0;
                frame(&ctx, &mut app, pointer_at(x))
            })
        });
        // Target: ≤ 2.3 ms at 1,000, ≤ 4 ms at 10,000.
        group.bench_function("idle frame", |b| {
            b.iter(|| frame(&ctx, &mut app, Vec::new()))
        });
        // Zoomed in among the services: every entity is a node of the graph view.
        for _ in 0..8 {
            let mut events = pointer_at(0.0);
            events.push(Event::Zoom(1.5));
            frame(&ctx, &mut app, events);
        }
        for _ in 0..4 {
            frame(&ctx, &mut app, Vec::new());
        }
        // Target: ≤ 2.3 ms at 1,000, ≤ 8 ms at 10,000.
        group.bench_function("live frame zoomed in", |b| {
            b.iter(|| {
                x = (x + 7.0) % 400.0;
                frame(&ctx, &mut app, pointer_at(x))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, frames);
criterion_main!(benches);
