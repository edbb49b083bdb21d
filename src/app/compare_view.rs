//! The comparison view: two models' figures side by side with a delta coloured better or
//! worse, charts of A next to B, rota differences, and every added, removed or changed
//! entity with its fields old → new. Clicking an entity jumps to it in either model.

use egui::{Color32, Grid, RichText, ScrollArea, Ui};

use super::charts::{self, Series};
use super::document::Document;
use super::selection::Selection;
use super::theme;
use crate::compare::{Delta, delta};
use crate::format::{grouped, share, signed_count, signed_money, signed_points};

/// The delta is recomputed only when either model changes.
#[derive(Default)]
pub struct CompareCache {
    revisions: Option<(u64, u64)>,
    delta: Delta,
}

/// Where a click in the comparison asks to go.
pub struct Jump {
    pub doc: u64,
    pub selection: Selection,
}

const A_COLOUR: Color32 = Color32::from_rgb(120, 144, 156);
const B_COLOUR: Color32 = Color32::from_rgb(25, 118, 210);

pub fn show(ui: &mut Ui, a: &Document, b: &Document, cache: &mut CompareCache) -> Option<Jump> {
    if cache.revisions != Some((a.revision, b.revision)) {
        cache.delta = delta(&a.model, &b.model, &a.analysis, &b.analysis);
        cache.revisions = Some((a.revision, b.revision));
    }
    let delta = &cache.delta;
    let mut jump = None;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("A").strong().color(A_COLOUR));
                ui.label(RichText::new(format!("{} ({})", a.model.name, a.file_label())).strong());
                ui.label("  ⚖  ");
                ui.label(RichText::new("B").strong().color(B_COLOUR));
                ui.label(RichText::new(format!("{} ({})", b.model.name, b.file_label())).strong());
            });
            ui.add_space(8.0);
            figures(ui, a, b, delta);
            ui.add_space(10.0);
            ui.columns(2, |columns| {
                columns[0].label(RichText::new("Cost by rota").strong());
                rota_chart(&mut columns[0], a, b);
                columns[1].label(RichText::new("Cost by team").strong());
                team_chart(&mut columns[1], a, b);
            });
            ui.label(RichText::new("Standby: modelled vs R(n) and R(1)").strong());
            let labels = vec!["Modelled".to_owned(), "R(n)".to_owned(), "R(1)".to_owned()];
            let values = |d: &Document| {
                vec![
                    d.analysis.totals.standby_cost,
                    d.analysis.baselines.all_team_rotas,
                    d.analysis.baselines.single_ops_rota,
                ]
            };
            charts::horizontal_bars(
                ui,
                "compare-baselines",
                &labels,
                &[
                    Series {
                        name: "A",
                        colour: A_COLOUR,
                        values: values(a),
                    },
                    Series {
                        name: "B",
                        colour: B_COLOUR,
                        values: values(b),
                    },
                ],
            );
            ui.add_space(10.0);
            rota_changes(ui, delta);
            ui.add_space(10.0);
            jump = entity_changes(ui, a, b, delta);
        });
    jump
}

fn figures(ui: &mut Ui, a: &Document, b: &Document, delta: &Delta) {
    let currency = &b.analysis.currency;
    Grid::new("compare-figures")
        .striped(true)
        .num_columns(4)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("A").strong().color(A_COLOUR));
            ui.label(RichText::new("B").strong().color(B_COLOUR));
            ui.label(RichText::new("Change").strong());
            ui.end_row();
            let mut money_row = |label: &str, x: f64, y: f64, change: f64| {
                ui.label(format!("{label} ({currency})"));
                ui.label(grouped(x));
                ui.label(grouped(y));
                ui.colored_label(theme::delta_colour(change, true), signed_money(change));
                ui.end_row();
            };
            let (ta, tb) = (&a.analysis.totals, &b.analysis.totals);
            money_row(
                "Annual cost",
                ta.annual_cost,
                tb.annual_cost,
                delta.annual_cost,
            );
            money_row(
                "Standby",
                ta.standby_cost,
                tb.standby_cost,
                delta.standby_cost,
            );
            money_row(
                "Callout",
                ta.callout_cost,
                tb.callout_cost,
                delta.callout_cost,
            );
            let (ca, cb) = (&a.analysis.coverage, &b.analysis.coverage);
            for (label, x, y, change) in [
                ("Ownership", ca.ownership, cb.ownership, delta.ownership),
                ("On-call coverage", ca.on_call, cb.on_call, delta.on_call),
            ] {
                ui.label(label);
                ui.label(share(x));
                ui.label(share(y));
                ui.colored_label(theme::delta_colour(change, false), signed_points(change));
                ui.end_row();
            }
            use crate::analysis::Severity;
            for (label, x, y, change, lower_is_better) in [
                (
                    "Rotas",
                    a.analysis.rotas.len(),
                    b.analysis.rotas.len(),
                    delta.rotas,
                    true,
                ),
                (
                    "Errors",
                    a.analysis.count(Severity::Error),
                    b.analysis.count(Severity::Error),
                    delta.errors,
                    true,
                ),
                (
                    "Warnings",
                    a.analysis.count(Severity::Warning),
                    b.analysis.count(Severity::Warning),
                    delta.warnings,
                    true,
                ),
            ] {
                ui.label(label);
                ui.label(x.to_string());
                ui.label(y.to_string());
                ui.colored_label(
                    theme::delta_colour(change as f64, lower_is_better),
                    signed_count(change),
                );
                ui.end_row();
            }
        });
}

fn paired_chart(ui: &mut Ui, id: &str, rows: Vec<(String, Vec<f64>)>) {
    let rows = charts::top_rows(rows);
    if rows.is_empty() {
        ui.label(RichText::new("Nothing to compare.").color(theme::MUTED_INK));
        return;
    }
    let labels: Vec<String> = rows.iter().map(|(l, _)| l.clone()).collect();
    charts::horizontal_bars(
        ui,
        id,
        &labels,
        &[
            Series {
                name: "A",
                colour: A_COLOUR,
                values: rows.iter().map(|(_, v)| v[0]).collect(),
            },
            Series {
                name: "B",
                colour: B_COLOUR,
                values: rows.iter().map(|(_, v)| v[1]).collect(),
            },
        ],
    );
}

fn rota_chart(ui: &mut Ui, a: &Document, b: &Document) {
    let mut rows: Vec<(String, Vec<f64>)> = a
        .analysis
        .rotas
        .iter()
        .map(|r| (r.id.to_string(), vec![r.annual_cost, 0.0]))
        .collect();
    for rota in &b.analysis.rotas {
        match rows.iter_mut().find(|(id, _)| **id == *rota.id) {
            Some(row) => row.1[1] = rota.annual_cost,
            None => rows.push((rota.id.to_string(), vec![0.0, rota.annual_cost])),
        }
    }
    paired_chart(ui, "compare-rotas", rows);
}

fn team_chart(ui: &mut Ui, a: &Document, b: &Document) {
    let mut rows: Vec<(String, Vec<f64>)> = a
        .model
        .teams
        .iter()
        .zip(&a.analysis.teams)
        .map(|(t, f)| (t.id.clone(), vec![f.annual_cost, 0.0]))
        .collect();
    for (team, figures) in b.model.teams.iter().zip(&b.analysis.teams) {
        match rows.iter_mut().find(|(id, _)| *id == team.id) {
            Some(row) => row.1[1] = figures.annual_cost,
            None => rows.push((team.id.clone(), vec![0.0, figures.annual_cost])),
        }
    }
    rows.retain(|(_, v)| v.iter().any(|x| *x > 0.0));
    paired_chart(ui, "compare-teams", rows);
}

fn rota_changes(ui: &mut Ui, delta: &Delta) {
    ui.label(RichText::new("Rotas").strong());
    if delta.rotas_added.is_empty()
        && delta.rotas_removed.is_empty()
        && delta.rotas_changed.is_empty()
    {
        ui.label(RichText::new("No rota changed.").color(theme::MUTED_INK));
    }
    for id in &delta.rotas_added {
        ui.colored_label(theme::GREEN, format!("+ {id} added"));
    }
    for id in &delta.rotas_removed {
        ui.colored_label(theme::RED, format!("− {id} removed"));
    }
    for rota in &delta.rotas_changed {
        ui.label(format!("~ {}", rota.describe()));
    }
}

fn entity_changes(ui: &mut Ui, a: &Document, b: &Document, delta: &Delta) -> Option<Jump> {
    let mut jump = None;
    let go = |doc: &Document, id: &str| Jump {
        doc: doc.id,
        selection: Selection::Entity(id.to_owned()),
    };
    ui.label(RichText::new("Services, teams and domains").strong());
    let nothing = delta.changes.is_empty()
        && [
            &delta.services_added,
            &delta.services_removed,
            &delta.teams_added,
            &delta.teams_removed,
            &delta.domains_added,
            &delta.domains_removed,
        ]
        .iter()
        .all(|ids| ids.is_empty());
    if nothing {
        ui.label(
            RichText::new("Both models hold the same services, teams and domains.")
                .color(theme::MUTED_INK),
        );
    }
    for (ids, doc, sign, colour, what) in [
        (&delta.services_added, b, "+", theme::GREEN, "service added"),
        (&delta.teams_added, b, "+", theme::GREEN, "team added"),
        (&delta.domains_added, b, "+", theme::GREEN, "domain added"),
        (
            &delta.services_removed,
            a,
            "−",
            theme::RED,
            "service removed",
        ),
        (&delta.teams_removed, a, "−", theme::RED, "team removed"),
        (&delta.domains_removed, a, "−", theme::RED, "domain removed"),
    ] {
        for id in ids {
            ui.horizontal(|ui| {
                ui.colored_label(colour, sign);
                if ui
                    .link(format!("{} ({id})", doc.model.display_name(id)))
                    .on_hover_text(format!("Show it in {}", doc.model.name))
                    .clicked()
                {
                    jump = Some(go(doc, id));
                }
                ui.label(RichText::new(what).color(theme::MUTED_INK));
            });
        }
    }
    for change in &delta.changes {
        ui.horizontal_wrapped(|ui| {
            ui.label("~");
            ui.label(RichText::new(format!("{} {}", change.kind.label(), change.id)).strong());
            if ui.small_button("in A").clicked() {
                jump = Some(go(a, &change.id));
            }
            if ui.small_button("in B").clicked() {
                jump = Some(go(b, &change.id));
            }
        });
        for field in &change.fields {
            ui.label(format!("      {}", field.describe()));
        }
    }
    for field in &delta.settings_changed {
        ui.label(format!("~ setting {}", field.describe()));
    }
    for d in &delta.dependencies_added {
        ui.colored_label(theme::GREEN, format!("+ dependency {} → {}", d.from, d.to));
    }
    for d in &delta.dependencies_removed {
        ui.colored_label(theme::RED, format!("− dependency {} → {}", d.from, d.to));
    }
    jump
}
