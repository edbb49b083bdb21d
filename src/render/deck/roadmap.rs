//! The roadmap deck (SPEC 8.3): a title with the cost of the year and the phases table; the
//! year as the editor's roadmap tab shows it (the phases on a time line over step charts of
//! annual cost and on-call coverage); every phase's diagram on the same scale; and each
//! phase after the first with its handovers and its change from the phase before, in the
//! words and figures of `opmodel roadmap`.

use super::compare::diagram_pages;
use super::page::{self, Deck, MARGIN, Page};
use crate::analysis::Analysis;
use crate::format::{escaped, grouped, share};
use crate::layout::Rect;
use crate::layout::text;
use crate::model::{Model, Position};
use crate::report::{self, roadmap_change_parts};
use crate::roadmap::{Roadmap, RoadmapPlan, YEAR_DAYS};
use crate::scene::marks::{Anchor, Mark, Paint, Pen, Role, Shape};
use crate::scene::palette;

use super::super::pdf::{PdfError, pdf};

/// Room a chart keeps above its highest step for the step's figure.
const CHART_HEADROOM: f64 = 1.25;

/// The roadmap's deck as a PDF, dated `date` (as "14 May 2026").
pub fn roadmap_deck_pdf(
    roadmap: &Roadmap,
    plan: &RoadmapPlan,
    date: &str,
) -> Result<Vec<u8>, PdfError> {
    pdf(&roadmap_pages(roadmap, plan, date), &plan.name)
}

/// The roadmap deck's pages, as marks on the 1280 × 720 screen.
pub fn roadmap_pages(roadmap: &Roadmap, plan: &RoadmapPlan, date: &str) -> Vec<Vec<Mark>> {
    let mut deck = Deck::new(&format!("{} · {date}", escaped(&plan.name)));
    title_page(&mut deck, plan, date);
    year_page(&mut deck, plan);
    let models: Vec<&Model> = roadmap.phases.iter().map(|p| &p.model).collect();
    let reports: Vec<&Analysis> = plan.phases.iter().map(|p| &p.report).collect();
    let titles: Vec<String> = plan
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| format!("Phase {} · {}", i + 1, escaped(&p.name)))
        .collect();
    diagram_pages(&mut deck, &models, &reports, &titles);
    let names = report::roadmap_names(roadmap, plan);
    for i in 1..plan.phases.len() {
        change_pages(&mut deck, roadmap, plan, i, &names);
    }
    deck.finish()
}

fn title_page(deck: &mut Deck, plan: &RoadmapPlan, date: &str) {
    let page = deck.page("");
    let ink = Paint::solid(palette::INK);
    let muted = Paint::solid(palette::MUTED_INK);
    page.gap(70.0);
    page.text("Roadmap", 20.0, muted, 1);
    page.text(&escaped(&plan.name), 44.0, ink, 2);
    page.gap(8.0);
    page.text(date, 18.0, muted, 1);
    page.gap(24.0);
    page.text(
        report::roadmap_headline(plan, "").trim_end(),
        page::BODY_PX + 3.0,
        ink,
        2,
    );
    page.gap(16.0);
    deck.table(&report::roadmap_phases(plan));
}

fn money(plan: &RoadmapPlan, amount: f64) -> String {
    format!("{} {}", plan.currency, grouped(amount))
}

/// The year at a glance: the phases on a time line, then annual cost and on-call coverage
/// as steps under it, phase by phase, as the editor's roadmap tab draws them.
fn year_page(deck: &mut Deck, plan: &RoadmapPlan) {
    let page = deck.page("The year");
    page.text(
        report::roadmap_headline(plan, "").trim_end(),
        page::BODY_PX,
        Paint::solid(palette::MUTED_INK),
        1,
    );
    page.gap(10.0);
    let spans = phase_spans(plan, page.width());
    time_line(page, plan, &spans);
    page.gap(26.0);
    let most_cost = plan
        .phases
        .iter()
        .map(|p| p.figures.annual_cost)
        .fold(0.0, f64::max);
    let costs: Vec<(f64, String)> = plan
        .phases
        .iter()
        .map(|p| (p.figures.annual_cost, money(plan, p.figures.annual_cost)))
        .collect();
    let chart_height = (page.room() - 2.0 * 40.0) / 2.0;
    step_chart(
        page,
        &format!("Annual cost ({})", plan.currency),
        &spans,
        &costs,
        most_cost * CHART_HEADROOM,
        chart_height,
    );
    page.gap(14.0);
    let coverage: Vec<(f64, String)> = plan
        .phases
        .iter()
        .map(|p| (p.figures.on_call, share(p.figures.on_call)))
        .collect();
    step_chart(
        page,
        "On-call coverage",
        &spans,
        &coverage,
        CHART_HEADROOM,
        chart_height,
    );
}

/// Each phase's left edge and width on the page: its days in the year's share of `width`.
fn phase_spans(plan: &RoadmapPlan, width: f64) -> Vec<(f64, f64)> {
    plan.phases
        .iter()
        .map(|phase| {
            let before = phase.start.days_since(plan.start) as f64;
            let share = |days: f64| width * days / YEAR_DAYS as f64;
            (MARGIN + share(before), share(phase.days as f64))
        })
        .collect()
}

/// A band across the page, a box per phase with its name and dates, the year's first and
/// last day under its ends.
fn time_line(page: &mut Page, plan: &RoadmapPlan, spans: &[(f64, f64)]) {
    const BAND: f64 = 74.0;
    let top = page.y;
    let fills = [palette::DOMAIN_SUMMARY_FILL, palette::GREY_FILL];
    for (i, (phase, &(left, width))) in plan.phases.iter().zip(spans).enumerate() {
        let area = Rect {
            min_x: left,
            min_y: top,
            max_x: left + width,
            max_y: top + BAND,
        };
        page.marks.rect(
            Role::Other,
            area,
            4.0,
            Some(fills[i % fills.len()].into()),
            Some(Pen::new(1.5, palette::CANVAS_BACKGROUND)),
        );
        let inside = (width - 16.0).max(0.0);
        let lines = [
            (escaped(&phase.name), 17.0, palette::INK),
            (
                format!("{} – {}", phase.start, phase.end.plus_days(-1)),
                13.0,
                palette::MUTED_INK,
            ),
            (format!("{} days", phase.days), 13.0, palette::MUTED_INK),
        ];
        let mut y = top + 8.0;
        for (words, px, ink) in lines {
            let wrapped = text::wrap(&words, px as f32, inside as f32, 1);
            if let Some(line) = wrapped.lines.first() {
                page.marks.push(
                    Role::Other,
                    Shape::Text {
                        at: Position { x: left + 8.0, y },
                        anchor: Anchor::Start,
                        text: line.text.clone(),
                        px,
                        paint: Paint::solid(ink),
                        width: f64::from(line.width),
                    },
                );
            }
            y += f64::from(text::row_height(px as f32));
        }
    }
    page.y = top + BAND + 6.0;
    let muted = Paint::solid(palette::MUTED_INK);
    let first = plan.start.to_string();
    let last = plan.end.plus_days(-1).to_string();
    let last_width = f64::from(text::width(&last, 13.0));
    for (words, x) in [(first, MARGIN), (last, MARGIN + page.width() - last_width)] {
        page.marks.text(
            Role::Other,
            Position { x, y: page.y },
            Anchor::Start,
            &words,
            13.0,
            muted,
        );
    }
    page.gap(f64::from(text::row_height(13.0)));
}

/// A step chart `height` high under its `title`: for each phase a filled step at its value
/// against `top_value`, its figure written above the step.
fn step_chart(
    page: &mut Page,
    title: &str,
    spans: &[(f64, f64)],
    values: &[(f64, String)],
    top_value: f64,
    height: f64,
) {
    page.text(title, page::BODY_PX, Paint::solid(palette::INK), 1);
    page.gap(4.0);
    let baseline = page.y + height;
    let scale = if top_value > 0.0 {
        height / top_value
    } else {
        0.0
    };
    let mut outline = Vec::with_capacity(2 * spans.len());
    for (&(left, width), (value, figure)) in spans.iter().zip(values) {
        let top = baseline - (value * scale).clamp(0.0, height);
        page.marks.rect(
            Role::Other,
            Rect {
                min_x: left,
                min_y: top,
                max_x: left + width,
                max_y: baseline,
            },
            0.0,
            Some(Paint::translucent(palette::STANDBY, 0.45)),
            None,
        );
        outline.push(Position { x: left, y: top });
        outline.push(Position {
            x: left + width,
            y: top,
        });
        let figure_width = f64::from(text::width(figure, page::TABLE_PX as f32));
        if figure_width + 8.0 <= width {
            page.marks.text(
                Role::Other,
                Position {
                    x: left + (width - figure_width) / 2.0,
                    y: top - f64::from(text::row_height(page::TABLE_PX as f32)) - 2.0,
                },
                Anchor::Start,
                figure,
                page::TABLE_PX,
                Paint::solid(palette::INK),
            );
        }
    }
    page.marks.push(
        Role::Other,
        Shape::Line {
            points: outline,
            pen: Pen::new(2.5, palette::SELECTION),
        },
    );
    let width = page.width();
    page.rule(baseline, width, Pen::new(1.0, palette::MUTED_INK));
    page.y = baseline + 8.0;
}

/// Phase `i`'s handovers and its change from the phase before, its sections flowed down
/// the pages under headings.
fn change_pages(
    deck: &mut Deck,
    roadmap: &Roadmap,
    plan: &RoadmapPlan,
    i: usize,
    names: &crate::compare::Names,
) {
    let title = format!("Phase {} · {}", i + 1, escaped(&plan.phases[i].name));
    let before = escaped(&plan.phases[i - 1].name);
    let muted = Paint::solid(palette::MUTED_INK);
    let page = deck.page(&title);
    page.text(
        &format!(
            "From {} to {} ({} days).",
            plan.phases[i].start,
            plan.phases[i].end.plus_days(-1),
            plan.phases[i].days
        ),
        page::BODY_PX,
        muted,
        1,
    );
    page.heading("Handovers");
    let handovers = report::roadmap_handovers(plan, i, names);
    deck.table_or(
        &handovers,
        "None: every service keeps its owner and operating model.",
        muted,
        2,
    );
    let Some((figures, sections)) = roadmap_change_parts(roadmap, plan, i) else {
        return;
    };
    deck.section_heading(&title, &format!("Change from {before}"));
    deck.table(&figures);
    deck.sections(&title, &sections);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_plan() -> (Roadmap, RoadmapPlan) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples/retail-roadmap/harbour-and-hart.roadmap.ron");
        let roadmap = crate::files::roadmap::load(&path).expect("the sample roadmap loads");
        let plan = crate::roadmap::plan(&roadmap);
        (roadmap, plan)
    }

    fn words(page: &[Mark]) -> Vec<&str> {
        page.iter()
            .filter_map(|m| match &m.shape {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_phases_share_the_width_of_the_year_by_their_days() {
        let (_, plan) = sample_plan();
        let spans = phase_spans(&plan, 365.0);
        let days: Vec<i64> = plan.phases.iter().map(|p| p.days).collect();
        for ((left, width), d) in spans.iter().zip(&days) {
            assert!((width - *d as f64).abs() < 1e-9, "{width} for {d} days");
            assert!(*left >= MARGIN);
        }
        let (last_left, last_width) = spans.last().copied().unwrap();
        assert!((last_left + last_width - (MARGIN + 365.0)).abs() < 1e-9);
    }

    #[test]
    fn the_year_page_writes_each_phases_cost_and_coverage_over_its_step() {
        let (roadmap, plan) = sample_plan();
        let pages = roadmap_pages(&roadmap, &plan, "6 December 2026");
        let year = words(&pages[1]);
        assert!(year.contains(&"The year"));
        for phase in &plan.phases {
            let cost = money(&plan, phase.figures.annual_cost);
            assert!(year.contains(&cost.as_str()), "{cost} in {year:?}");
            let coverage = share(phase.figures.on_call);
            assert!(year.contains(&coverage.as_str()), "{coverage} in {year:?}");
        }
    }

    #[test]
    fn every_phase_has_a_diagram_and_every_later_one_its_handovers() {
        let (roadmap, plan) = sample_plan();
        let pages = roadmap_pages(&roadmap, &plan, "6 December 2026");
        let all: Vec<String> = pages
            .iter()
            .flat_map(|p| words(p))
            .map(str::to_owned)
            .collect();
        for (i, phase) in plan.phases.iter().enumerate() {
            let title = format!("Phase {} · {}", i + 1, phase.name);
            assert!(
                all.iter().any(|w| w.starts_with(&title)),
                "{title} is missing"
            );
        }
        let handovers = all.iter().filter(|w| w.as_str() == "Handovers").count();
        assert_eq!(handovers, plan.phases.len() - 1);
    }
}
