//! The findings list of the figures panel: errors, warnings and notes by severity, a page at
//! a time, each naming what it is about (a click selects and centres it) with its one-click
//! fixes behind a toggle.

use egui::{CollapsingHeader, RichText, Ui};

use super::paged::Paged;
use super::{DocView, fix_list};
use crate::analysis::{Analysis, Finding, Severity};
use crate::app::views::theme;
use crate::edit::fixes::Fix;
use crate::format::entity_label;
use crate::model::Model;

/// Every finding by severity, a page at a time, each with its "Fixes" toggle; clicking one
/// sets `select` to the entity it is about, clicking a fix sets `apply`.
pub fn list(ui: &mut Ui, dv: DocView, select: &mut Option<String>, apply: &mut Option<Fix>) {
    let (model, analysis) = (dv.model(), dv.analysis());
    ui.add_space(6.0);
    if analysis.services.is_empty() && analysis.findings.is_empty() {
        ui.label(
            RichText::new("No findings: there is nothing to check yet.").color(theme::MUTED_INK),
        );
        return;
    }
    if analysis.findings.is_empty() {
        ui.colored_label(
            theme::GREEN,
            "No findings: every service is owned and covered.",
        );
        return;
    }
    for severity in Severity::ALL {
        let of_severity: Vec<&Finding> = analysis
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if of_severity.is_empty() {
            continue;
        }
        let title = match severity {
            Severity::Error => "Errors",
            Severity::Warning => "Warnings",
            Severity::Info => "Info",
        };
        let header = RichText::new(format!("{title} ({})", of_severity.len()))
            .color(theme::severity_colour(severity))
            .strong();
        CollapsingHeader::new(header)
            .id_salt(("findings", severity.label()))
            .default_open(severity != Severity::Info)
            .show(ui, |ui| {
                // A big model can have thousands: show them a page at a time.
                let page = Paged::new(ui, ("findings", severity.label()), of_severity.len());
                for finding in of_severity.into_iter().take(page.shown) {
                    let open = ui
                        .horizontal_top(|ui| {
                            let open = fix_list::toggle(ui, dv.doc, finding, "figures");
                            let response = ui
                                .add(
                                    egui::Label::new(finding.message.to_string())
                                        .wrap()
                                        .sense(egui::Sense::click()),
                                )
                                // Written only while hovered: a big model lists many rows.
                                .on_hover_ui(|ui| {
                                    ui.label(format!(
                                        "{} — click to show {}",
                                        finding.code.as_str(),
                                        subject_label(model, &finding.subject)
                                    ));
                                });
                            if response.clicked()
                                && let Some(id) = subject_entity(model, analysis, &finding.subject)
                            {
                                *select = Some(id);
                            }
                            open
                        })
                        .inner;
                    if open && let Some(fix) = fix_list::list(ui, dv.doc, finding) {
                        *apply = Some(fix);
                    }
                }
                page.more_button(ui);
            });
    }
}

fn subject_label(model: &Model, subject: &str) -> String {
    if subject.is_empty() {
        "the whole model".to_owned()
    } else {
        entity_label(model.display_name(subject), subject)
    }
}

/// The entity a finding is about, to select: a rota's is its team or domain.
fn subject_entity(model: &Model, analysis: &Analysis, subject: &str) -> Option<String> {
    if model.id_in_use(subject) {
        return Some(subject.to_owned());
    }
    analysis.rota(subject).map(|rota| rota.owner.to_string())
}
