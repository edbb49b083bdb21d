//! The roadmap tab (SPEC 8.3): the cost of the year; the phases on a time line, each as long
//! as the days it lasts and a click away from its model; step charts of the annual cost and
//! the on-call coverage over the year (egui_plot); the phases' figures side by side; and the
//! handovers of each phase after the first.

use egui::{Color32, CornerRadius, RichText, ScrollArea, Sense, StrokeKind, Ui, vec2};
use egui_plot::{Line, Plot, PlotPoints};

use super::comparison::sections::grid;
use crate::app::state::{Command, CommandSender, RoadmapView};
use crate::app::views::theme;
use crate::format::{count, grouped};
use crate::report::{roadmap_handovers, roadmap_headline, roadmap_names, roadmap_phases};
use crate::roadmap::{Date, RoadmapPlan, YEAR_DAYS};

/// The colour of the `i`-th phase on the time line.
fn phase_colour(i: usize) -> Color32 {
    const COLOURS: [Color32; 4] = [
        Color32::from_rgb(144, 164, 174),
        Color32::from_rgb(100, 149, 237),
        Color32::from_rgb(102, 187, 106),
        Color32::from_rgb(255, 167, 38),
    ];
    COLOURS[i % COLOURS.len()]
}

const TIME_LINE_HEIGHT: f32 = 54.0;

/// The step charts' line: a strong blue that reads on the white plot.
const LINE_COLOUR: Color32 = Color32::from_rgb(25, 118, 210);

pub fn show(ui: &mut Ui, view: &RoadmapView, tx: &CommandSender) {
    let plan = &view.plan;
    ScrollArea::vertical()
        .id_salt(("roadmap", view.path.display().to_string()))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(&plan.name);
            ui.label(RichText::new(roadmap_headline(plan, "").trim()).strong());
            ui.add_space(8.0);
            if let Some(phase) = time_line(ui, plan) {
                open(tx, view, phase);
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Open a phase's model:").color(theme::MUTED_INK));
                for (i, phase) in plan.phases.iter().enumerate() {
                    if ui
                        .button(&phase.name)
                        .on_hover_text(format!("{} ({})", phase.model_name, phase.model))
                        .clicked()
                    {
                        open(tx, view, i);
                    }
                }
            });
            ui.add_space(10.0);
            ui.columns(2, |columns| {
                columns[0].label(RichText::new("Annual cost over the year").strong());
                step_chart(
                    &mut columns[0],
                    ("roadmap-cost", &format!("{} a year", plan.currency)),
                    plan,
                    |p| p.figures.annual_cost,
                    grouped,
                );
                columns[1].label(RichText::new("On-call coverage over the year").strong());
                step_chart(
                    &mut columns[1],
                    ("roadmap-coverage", "% covered out of hours"),
                    plan,
                    |p| p.figures.on_call * 100.0,
                    |v| format!("{v:.0} %"),
                );
            });
            ui.add_space(10.0);
            ui.label(RichText::new("Phases").strong());
            grid(
                ui,
                "roadmap-phases",
                &roadmap_phases(plan),
                |_, _| theme::INK,
                |_, _| theme::INK,
            );
            let names = roadmap_names(&view.roadmap, plan);
            for (i, phase) in plan.phases.iter().enumerate().skip(1) {
                ui.add_space(10.0);
                ui.label(
                    RichText::new(format!(
                        "Handovers into {}: {}",
                        phase.name,
                        count(phase.handovers.len(), "service", "services")
                    ))
                    .strong(),
                );
                if phase.handovers.is_empty() {
                    ui.label(
                        RichText::new("No service changes owner or operating model.")
                            .color(theme::MUTED_INK),
                    );
                } else {
                    let table = roadmap_handovers(plan, i, &names);
                    grid(
                        ui,
                        &format!("handovers-{i}"),
                        &table,
                        |_, _| theme::INK,
                        |_, _| theme::INK,
                    );
                }
            }
        });
}

fn open(tx: &CommandSender, view: &RoadmapView, phase: usize) {
    tx.send(Command::OpenPhase {
        view: view.id(),
        phase,
    });
}

/// The phases as blocks along the year, each as wide as its days, with its name and dates;
/// returns the phase clicked.
fn time_line(ui: &mut Ui, plan: &RoadmapPlan) -> Option<usize> {
    let width = ui.available_width();
    // Two lines of body text, with room around them.
    let height = TIME_LINE_HEIGHT.max(ui.text_style_height(&egui::TextStyle::Body) * 3.2);
    let (area, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let per_day = area.width() / YEAR_DAYS as f32;
    let mut clicked = None;
    for (i, phase) in plan.phases.iter().enumerate() {
        let from = phase.start.days_since(plan.start) as f32 * per_day;
        let rect = egui::Rect::from_min_size(
            area.min + vec2(from, 0.0),
            vec2(phase.days as f32 * per_day, area.height()),
        )
        .shrink2(vec2(1.0, 0.0));
        let id = ui.id().with(("phase", i));
        let response = ui.interact(rect, id, Sense::click()).on_hover_text(format!(
            "{}: {} to {}, {}\nClick to open {}",
            phase.name,
            phase.start,
            phase.end.plus_days(-1),
            count(phase.days as usize, "day", "days"),
            phase.model_name
        ));
        let fill = if response.hovered() {
            darker(phase_colour(i))
        } else {
            phase_colour(i)
        };
        let painter = ui.painter_at(rect);
        painter.rect(
            rect,
            CornerRadius::same(4),
            fill,
            egui::Stroke::new(1.0, darker(phase_colour(i))),
            StrokeKind::Inside,
        );
        let text = format!(
            "{}\n{} · {}",
            phase.name,
            short_date(phase.start),
            count(phase.days as usize, "day", "days")
        );
        painter.text(
            rect.left_center() + vec2(8.0, 0.0),
            egui::Align2::LEFT_CENTER,
            text,
            egui::TextStyle::Body.resolve(ui.style()),
            theme::INK,
        );
        if response.clicked() {
            clicked = Some(i);
        }
    }
    clicked
}

/// A darker shade of `colour`, for a hovered block and the blocks' outlines.
fn darker(colour: Color32) -> Color32 {
    let shade = |c: u8| (f32::from(c) * 0.8) as u8;
    Color32::from_rgb(shade(colour.r()), shade(colour.g()), shade(colour.b()))
}

/// "5 Apr 2027".
fn short_date(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (year, month, day) = date.civil();
    let month = MONTHS[(month as usize).saturating_sub(1).min(11)];
    format!("{day} {month} {year}")
}

/// A figure of each phase as a step over the days of the year, the x axis in dates.
fn step_chart(
    ui: &mut Ui,
    (id, unit): (&str, &str),
    plan: &RoadmapPlan,
    figure: impl Fn(&crate::roadmap::PhasePlan) -> f64,
    shown: impl Fn(f64) -> String + 'static,
) {
    let points: Vec<[f64; 2]> = plan
        .phases
        .iter()
        .flat_map(|p| {
            let from = p.start.days_since(plan.start) as f64;
            let to = from + p.days as f64;
            [[from, figure(p)], [to, figure(p)]]
        })
        .collect();
    let start = plan.start;
    Plot::new(id)
        .height(200.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(0.0)
        .include_x(0.0)
        .include_x(YEAR_DAYS as f64)
        .y_axis_label(unit)
        .x_axis_formatter(move |mark, _| short_date(start.plus_days(mark.value.round() as i64)))
        .y_axis_formatter(move |mark, _| shown(mark.value))
        .label_formatter(|_| None)
        .show(ui, |plot| {
            plot.line(
                Line::new(id, PlotPoints::from(points))
                    .color(LINE_COLOUR)
                    .width(2.5),
            );
        });
}
