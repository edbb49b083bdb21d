//! The figures panel's peak season (SPEC 8.2): what the peak adds to the year and what the
//! year would cost without it, the rotas that exist only in the peak (with their pool,
//! frequency, weeks each and their share of the year's cost), the services the peak asks
//! more of, on-call coverage in the peak when it differs, and the errors only the peak has.
//! Clicking a rota or a service selects what it is about.

use egui::{CollapsingHeader, Grid, RichText, Ui};

use crate::analysis::Analysis;
use crate::app::views::theme;
use crate::format::{count, grouped, money, percent, share, trimmed};
use crate::model::Model;

/// The peak season section, when the model has one; the id of what was clicked goes in
/// `select`.
pub fn season(ui: &mut Ui, model: &Model, analysis: &Analysis, select: &mut Option<String>) {
    let Some(peak) = &analysis.peak else {
        return;
    };
    let currency = &analysis.currency;
    let weeks = trimmed(peak.weeks, 1);
    CollapsingHeader::new(format!("Peak season ({weeks} weeks)"))
        .default_open(true)
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!("Adds {} a year", money(peak.extra_cost, currency)))
                    .strong()
                    .color(theme::INK),
            )
            .on_hover_text(
                "The year's cost with the peak's rotas for its weeks, less the cost of the \
                 normal rotas all year",
            );
            ui.label(
                RichText::new(format!(
                    "{} a year without a peak season",
                    money(peak.annual_cost_without_peak, currency)
                ))
                .color(theme::MUTED_INK),
            );
            let only: Vec<_> = peak.rotas_only_in_peak(&analysis.rotas).collect();
            ui.add_space(4.0);
            if only.is_empty() {
                ui.label(
                    RichText::new("No rota exists only in the peak: the peak's services stay on the rotas they have.")
                        .color(theme::MUTED_INK),
                );
            } else {
                ui.label(RichText::new(format!(
                    "{} only in the peak, each cost for its {weeks} weeks:",
                    count(only.len(), "rota", "rotas")
                )));
                Grid::new("peak-rotas")
                    .striped(true)
                    .num_columns(5)
                    .spacing([10.0, 3.0])
                    .show(ui, |ui| {
                        for header in ["Rota", "Pool", "1 in N", "Wk/yr", "Cost"] {
                            ui.label(RichText::new(header).small().color(theme::MUTED_INK));
                        }
                        ui.end_row();
                        for rota in only {
                            if ui
                                .link(&rota.name)
                                .on_hover_text(format!(
                                    "{} rota for {} weeks a year: {}",
                                    rota.kind.label(),
                                    weeks,
                                    count(rota.services.len(), "service", "services")
                                ))
                                .clicked()
                            {
                                *select = Some(rota.owner.to_string());
                            }
                            ui.label(rota.pool.to_string());
                            ui.label(rota.frequency_weeks.to_string());
                            ui.label(trimmed(rota.weeks_on_call_per_person, 1));
                            ui.label(grouped(rota.annual_cost));
                            ui.end_row();
                        }
                    });
            }
            if !peak.services.is_empty() {
                ui.add_space(4.0);
                ui.label(format!(
                    "{} need more in the peak:",
                    count(peak.services.len(), "service", "services")
                ));
                ui.horizontal_wrapped(|ui| {
                    for service in &peak.services {
                        let shown = ui
                            .link(format!(
                                "{} {}",
                                model.display_name(&service.id),
                                percent(service.availability)
                            ))
                            .on_hover_text(format!(
                                "{} out of hours in the peak: {}",
                                service.out_of_hours.label(),
                                service.cover.label()
                            ));
                        if shown.clicked() {
                            *select = Some(service.id.to_string());
                        }
                    }
                });
            }
            if (peak.coverage.on_call - analysis.coverage.on_call).abs() > 1e-9 {
                ui.label(format!(
                    "On-call coverage in the peak: {}",
                    share(peak.coverage.on_call)
                ));
            }
            for finding in &peak.findings {
                ui.colored_label(theme::RED, format!("In the peak: {}", finding.message));
            }
        });
}
