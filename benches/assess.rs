//! The Assess view's frame cost on a big estate: one full egui pass of the window with the
//! table in place of the canvas (header figures, filter bar, the rows in view of 10,000,
//! the current row's detail) plus tessellation, without the GPU.
//!
//! Target (issue 15): a frame under 16 ms at 10,000 services, while idle, while scrolling
//! and while sorted; the rows are drawn only where they are in view.
//!
//! Run with `cargo bench --bench assess -- --warm-up-time 1 --measurement-time 3`.

// Shared with the tests; each bench uses only part of it.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Event, Modifiers, MouseWheelUnit, Pos2, RawInput, Rect, TouchPhase, pos2, vec2};
use opmodel::app::state::{AssessCommand, Column, ViewCommand};
use opmodel::app::{Command, OpmodelApp, Picker, RecentFiles, UiCommand};
use opmodel::files::ron;

/// An editor showing a synthetic model of `services` services in the Assess view.
fn assessing(services: usize) -> (OpmodelApp, tempfile::TempDir) {
    let model = synthetic::generate(services, services / 5, services * 2, 7);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("big.ron");
    ron::save(&model, &path).expect("the model saves");
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&path);
    app.finish_jobs();
    app.run(UiCommand::Assess);
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

/// The wheel turned over the table, `down` points.
fn wheel(down: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(pos2(800.0, 600.0)),
        Event::MouseWheel {
            unit: MouseWheelUnit::Point,
            delta: vec2(0.0, -down),
            phase: TouchPhase::Move,
            modifiers: Modifiers::NONE,
        },
    ]
}

fn frames(c: &mut Criterion) {
    let services = 10_000;
    let (mut app, _dir) = assessing(services);
    let ctx = egui::Context::default();
    for _ in 0..10 {
        frame(&ctx, &mut app, Vec::new());
    }
    let mut group = c.benchmark_group(format!("Assess view, {services} services"));
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("idle frame", |b| {
        b.iter(|| frame(&ctx, &mut app, Vec::new()))
    });
    // Down the table and back up again, 400 points a frame.
    let mut step = 0;
    group.bench_function("scrolling frame", |b| {
        b.iter(|| {
            step += 1;
            let down = if (step / 200) % 2 == 0 { 400.0 } else { -400.0 };
            frame(&ctx, &mut app, wheel(down))
        })
    });
    let view = app
        .workspace
        .active_view()
        .map(|v| v.id())
        .expect("a document view");
    app.workspace.push(Command::View(
        view,
        ViewCommand::Assess(AssessCommand::SortBy(Column::Exposure)),
    ));
    app.workspace.drain();
    frame(&ctx, &mut app, Vec::new());
    group.bench_function("scrolling frame, sorted by exposure", |b| {
        b.iter(|| {
            step += 1;
            let down = if (step / 200) % 2 == 0 { 400.0 } else { -400.0 };
            frame(&ctx, &mut app, wheel(down))
        })
    });
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
