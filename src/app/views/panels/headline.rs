//! The headline figures in large type — annual cost, its split, ownership, on-call
//! coverage, errors and how many services are assessed — shared by presentation mode's
//! strip and the Assess table's header.

use egui::{Color32, RichText, Ui};

use super::figures::{capitalised, coverage_shares};
use crate::analysis::{Analysis, Severity};
use crate::app::views::theme;
use crate::format::{grouped, money, share_or_dash};
use crate::report::empty;

/// Type sizes and spacing of the headline figures.
#[derive(Clone, Copy)]
pub struct Sizes {
    pub(in crate::app::views) caption: f32,
    figure: f32,
    spacing: f32,
}

impl Sizes {
    /// Presentation mode's strip, for a room.
    pub const STRIP: Sizes = Sizes {
        caption: 13.0,
        figure: 24.0,
        spacing: 28.0,
    };
    /// Over the Assess table in the editor.
    pub const COMPACT: Sizes = Sizes {
        caption: 11.0,
        figure: 18.0,
        spacing: 24.0,
    };
}

/// One figure: a small caption over a large value, and a note under it when the value
/// alone would mislead.
fn figure(
    ui: &mut Ui,
    sizes: Sizes,
    caption: &str,
    value: String,
    colour: Color32,
) -> egui::Response {
    ui.vertical(|ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        ui.label(
            RichText::new(caption.to_uppercase())
                .size(sizes.caption)
                .color(theme::MUTED_INK),
        );
        ui.label(
            RichText::new(value)
                .size(sizes.figure)
                .strong()
                .color(colour),
        );
    })
    .response
}

/// The headline figures in a row: the annual cost (saying so when 0 means nothing is
/// covered, SPEC 7.3), its standby and callout split, ownership, on-call coverage, the error
/// count and, while some services are not assessed, how many are.
pub fn headline(ui: &mut Ui, analysis: &Analysis, sizes: Sizes) {
    let currency = &analysis.currency;
    let totals = &analysis.totals;
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = sizes.spacing;
        ui.vertical(|ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            figure(
                ui,
                sizes,
                "Annual on-call cost",
                money(totals.annual_cost, currency),
                theme::INK,
            );
            if let Some(why) = empty::nothing_covered(analysis) {
                ui.label(
                    RichText::new(capitalised(&why))
                        .size(sizes.caption)
                        .color(theme::RED),
                );
            }
        });
        figure(
            ui,
            sizes,
            "Standby · callout",
            format!(
                "{} · {}",
                money(totals.standby_cost, currency),
                money(totals.callout_cost, currency)
            ),
            theme::INK,
        );
        let [(_, ownership, _), (_, on_call, _)] = coverage_shares(analysis);
        let shown = |value: Option<f64>| {
            (
                share_or_dash(value),
                value.map_or(theme::MUTED_INK, |v| theme::share_colour(v, false)),
            )
        };
        let (text, colour) = shown(ownership);
        figure(ui, sizes, "Ownership", text, colour);
        let (text, colour) = shown(on_call);
        let on_call_figure = figure(ui, sizes, "On-call coverage", text, colour);
        if on_call.is_none() {
            on_call_figure.on_hover_text(if analysis.services.is_empty() {
                "No services yet"
            } else {
                "No service needs out-of-hours cover"
            });
        }
        let errors = analysis.count(Severity::Error);
        let colour = if errors > 0 { theme::RED } else { theme::GREEN };
        figure(ui, sizes, "Errors", errors.to_string(), colour);
        let (assessed, total) = crate::app::state::assessed(analysis);
        if assessed < total {
            figure(
                ui,
                sizes,
                "Assessed",
                format!("{} of {}", grouped(assessed as f64), grouped(total as f64)),
                theme::AMBER,
            )
            .on_hover_text(
                "Services whose availability or demand is still assumed make the figures provisional: View › Assess (A) goes through them",
            );
        }
    });
}
