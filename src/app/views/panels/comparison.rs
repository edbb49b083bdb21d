//! The comparison view: two models' figures side by side with a delta coloured better or
//! worse, charts of A next to B, rota differences (pool, health, services, cost), and every
//! added, removed or changed entity with its fields old → new. Only what changed is listed.
//! Clicking an entity shows it in either model's tab, selected and centred.

use std::sync::atomic::{AtomicU64, Ordering};

use egui::{Color32, Grid, RichText, ScrollArea, Ui};

use super::charts::{self, Row, Series};
use super::figures::{OPS_ROTA_LABEL, coverage_shares, team_rotas_label};
use crate::analysis::{Analysis, Severity};
use crate::app::state::{Command, CommandSender, Document, Selection};
use crate::app::views::theme;
use crate::compare::{Delta, FieldChange, delta};
use crate::format::{
    count, field_words, grouped, share_or_dash, signed_count, signed_money, signed_points,
};
use crate::model::Model;

/// The delta is recomputed only when either model changes.
#[derive(Default)]
pub struct CompareCache {
    revisions: Option<(u64, u64)>,
    delta: Delta,
    /// This tab's own scroll position, so a new comparison opens at the top instead of
    /// where the last one was left.
    scroll: Option<u64>,
}

const A_COLOUR: Color32 = Color32::from_rgb(120, 144, 156);
const B_COLOUR: Color32 = Color32::from_rgb(25, 118, 210);
const SERIES: [Series; 2] = [
    Series {
        name: "A",
        colour: A_COLOUR,
    },
    Series {
        name: "B",
        colour: B_COLOUR,
    },
];

/// A scroll position of its own for every comparison tab ever opened.
fn next_scroll_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

pub fn show(ui: &mut Ui, a: &Document, b: &Document, cache: &mut CompareCache, tx: &CommandSender) {
    if cache.revisions != Some((a.revision(), b.revision())) {
        cache.delta = delta(a.model(), b.model(), a.analysis(), b.analysis());
        cache.revisions = Some((a.revision(), b.revision()));
    }
    let scroll = *cache.scroll.get_or_insert_with(next_scroll_id);
    let delta = &cache.delta;
    ScrollArea::vertical()
        .id_salt(("comparison", scroll))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("A").strong().color(A_COLOUR));
                ui.label(
                    RichText::new(format!("{} ({})", a.model().name, a.file_label())).strong(),
                );
                ui.label("  ⚖  ");
                ui.label(RichText::new("B").strong().color(B_COLOUR));
                ui.label(
                    RichText::new(format!("{} ({})", b.model().name, b.file_label())).strong(),
                );
            });
            ui.add_space(8.0);
            figures(ui, a.analysis(), b.analysis(), delta);
            ui.add_space(10.0);
            let currency = &b.analysis().currency;
            ui.columns(2, |columns| {
                columns[0].label(RichText::new("Cost by rota").strong());
                charts::cost_chart(
                    &mut columns[0],
                    "compare-rotas",
                    rota_rows(a.analysis(), b.analysis()),
                    &SERIES,
                    currency,
                    "Neither model has a rota.",
                );
                columns[1].label(RichText::new("Cost by team").strong());
                charts::cost_chart(
                    &mut columns[1],
                    "compare-teams",
                    team_rows(a, b),
                    &SERIES,
                    currency,
                    "No team costs anything in either model.",
                );
            });
            ui.add_space(6.0);
            baselines(ui, a, b);
            ui.add_space(10.0);
            rota_changes(ui, a, b, delta);
            ui.add_space(10.0);
            if let Some((doc, id)) = entity_changes(ui, a, b, delta) {
                tx.send(Command::Reveal {
                    doc: doc.id(),
                    selection: Selection::Entity(id),
                });
            }
        });
}

fn figures(ui: &mut Ui, a: &Analysis, b: &Analysis, delta: &Delta) {
    let currency = &b.currency;
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
            let (ta, tb) = (&a.totals, &b.totals);
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
            for ((label, x, _), (_, y, _)) in coverage_shares(a).into_iter().zip(coverage_shares(b))
            {
                ui.label(label);
                ui.label(share_or_dash(x));
                ui.label(share_or_dash(y));
                // A change is only a change between two real shares.
                match (x, y) {
                    (Some(x), Some(y)) => {
                        ui.colored_label(theme::delta_colour(y - x, false), signed_points(y - x));
                    }
                    _ => {
                        ui.colored_label(theme::MUTED_INK, "–");
                    }
                }
                ui.end_row();
            }
            let unhealthy = |r: &Analysis| r.rotas.iter().filter(|r| !r.healthy).count();
            for (label, x, y, change) in [
                ("Rotas", a.rotas.len(), b.rotas.len(), delta.rotas),
                (
                    "Unhealthy rotas",
                    unhealthy(a),
                    unhealthy(b),
                    unhealthy(b) as i64 - unhealthy(a) as i64,
                ),
                (
                    "Errors",
                    a.count(Severity::Error),
                    b.count(Severity::Error),
                    delta.errors,
                ),
                (
                    "Warnings",
                    a.count(Severity::Warning),
                    b.count(Severity::Warning),
                    delta.warnings,
                ),
            ] {
                ui.label(label);
                ui.label(x.to_string());
                ui.label(y.to_string());
                ui.colored_label(
                    theme::delta_colour(change as f64, true),
                    signed_count(change),
                );
                ui.end_row();
            }
        });
}

/// Adds `value` as series `lane` of the row named `label`, making the row when it is new.
fn add_to_row(rows: &mut Vec<Row>, label: &str, lane: usize, value: f64) {
    match rows.iter_mut().find(|(l, _)| l == label) {
        Some(row) => row.1[lane] += value,
        None => {
            let mut values = vec![0.0; 2];
            values[lane] = value;
            rows.push((label.to_owned(), values));
        }
    }
}

/// Each rota's cost in A and in B, by name (rotas of the same id share a name).
fn rota_rows(a: &Analysis, b: &Analysis) -> Vec<Row> {
    let mut rows = Vec::new();
    for (lane, analysis) in [a, b].into_iter().enumerate() {
        for rota in &analysis.rotas {
            add_to_row(&mut rows, &rota.name, lane, rota.annual_cost);
        }
    }
    rows
}

/// Each team's cost in A and in B, by name; teams that cost nothing in either are left out.
fn team_rows(a: &Document, b: &Document) -> Vec<Row> {
    let mut rows = Vec::new();
    for (lane, doc) in [a, b].into_iter().enumerate() {
        for (team, figures) in doc.model().teams.iter().zip(&doc.analysis().teams) {
            add_to_row(&mut rows, &team.name, lane, figures.annual_cost);
        }
    }
    rows.retain(|(_, v)| v.iter().any(|x| *x > 0.0));
    rows
}

fn baselines(ui: &mut Ui, a: &Document, b: &Document) {
    ui.label(RichText::new("Standby: modelled vs R(n) and R(1)").strong());
    let standby = |r: &Analysis| {
        [
            r.totals.standby_cost,
            r.baselines.all_team_rotas,
            r.baselines.single_ops_rota,
        ]
    };
    let (in_a, in_b) = (standby(a.analysis()), standby(b.analysis()));
    let rows: Vec<Row> = ["Modelled", "R(n)", "R(1)"]
        .into_iter()
        .zip(in_a.into_iter().zip(in_b))
        .map(|(label, (x, y))| (label.to_owned(), vec![x, y]))
        .collect();
    charts::bars(
        ui,
        "compare-baselines",
        &rows,
        &SERIES,
        &b.analysis().currency,
    );
    for (name, doc) in [("A", a), ("B", b)] {
        ui.label(
            RichText::new(format!(
                "{name}: {}",
                team_rotas_label(doc.model(), doc.analysis())
            ))
            .color(theme::MUTED_INK),
        );
    }
    ui.label(RichText::new(OPS_ROTA_LABEL).color(theme::MUTED_INK));
}

/// A rota's name in whichever model has it.
fn rota_name<'a>(a: &'a Analysis, b: &'a Analysis, id: &'a str) -> &'a str {
    b.rota(id)
        .or_else(|| a.rota(id))
        .map_or(id, |r| r.name.as_str())
}

fn rota_changes(ui: &mut Ui, a: &Document, b: &Document, delta: &Delta) {
    let (ra, rb) = (a.analysis(), b.analysis());
    ui.label(RichText::new("Rotas").strong());
    if delta.rotas_added.is_empty()
        && delta.rotas_removed.is_empty()
        && delta.rota_changes.is_empty()
    {
        ui.label(RichText::new("No rota changed.").color(theme::MUTED_INK));
    }
    for id in &delta.rotas_added {
        ui.colored_label(theme::GREEN, format!("+ {} added", rota_name(ra, rb, id)));
    }
    for id in &delta.rotas_removed {
        ui.colored_label(theme::RED, format!("− {} removed", rota_name(ra, rb, id)));
    }
    for rota in &delta.rota_changes {
        let colour = match rota.became_healthy() {
            Some(true) => theme::GREEN,
            Some(false) => theme::RED,
            None => theme::INK,
        };
        ui.colored_label(
            colour,
            format!("~ {}: {}", rota_name(ra, rb, &rota.id), rota.what_changed()),
        );
    }
}

/// A changed field in words: "members: 2 → 6", "out of hours: none → Off".
fn field_line(field: &FieldChange) -> String {
    format!("{}: {}", field_words(&field.field), field.values())
}

/// How many things changed, in words: "2 services, 1 team".
fn summary(delta: &Delta) -> String {
    let services =
        delta.services_added.len() + delta.services_removed.len() + delta.services_changed.len();
    let teams = delta.teams_added.len() + delta.teams_removed.len() + delta.teams_changed.len();
    let domains =
        delta.domains_added.len() + delta.domains_removed.len() + delta.domains_changed.len();
    [
        (services, "service", "services"),
        (teams, "team", "teams"),
        (domains, "domain", "domains"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect::<Vec<_>>()
    .join(", ")
}

/// Every entity added, removed or changed; returns the one clicked, with the model to show
/// it in.
fn entity_changes<'a>(
    ui: &mut Ui,
    a: &'a Document,
    b: &'a Document,
    delta: &Delta,
) -> Option<(&'a Document, String)> {
    let mut jump = None;
    let go = |doc: &'a Document, id: &str| (doc, id.to_owned());
    let changed = summary(delta);
    if changed.is_empty() {
        ui.label(RichText::new("Services, teams and domains").strong());
        ui.label(
            RichText::new("Both models hold the same services, teams and domains.")
                .color(theme::MUTED_INK),
        );
    } else {
        ui.label(RichText::new(format!("Services, teams and domains: {changed} changed")).strong());
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
                    .link(format!("{} ({id})", doc.model().display_name(id)))
                    .on_hover_text(format!("Show it in {}", doc.model().name))
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
            ui.label(
                RichText::new(format!(
                    "{} {}",
                    change.kind.label(),
                    b.model().display_name(&change.id)
                ))
                .strong(),
            );
            if ui.small_button("in A").clicked() {
                jump = Some(go(a, &change.id));
            }
            if ui.small_button("in B").clicked() {
                jump = Some(go(b, &change.id));
            }
        });
        for field in &change.fields {
            ui.label(format!("      {}", field_line(field)));
        }
    }
    for field in &delta.settings_changed {
        ui.label(format!("~ setting {}", field_line(field)));
    }
    relations(ui, a.model(), b.model(), delta);
    jump
}

/// Dependencies and team interactions added (named as in B) and removed (named as in A).
fn relations(ui: &mut Ui, a: &Model, b: &Model, delta: &Delta) {
    let added = (&delta.dependencies_added, &delta.interactions_added);
    let removed = (&delta.dependencies_removed, &delta.interactions_removed);
    for (model, sign, colour, (dependencies, interactions)) in
        [(b, "+", theme::GREEN, added), (a, "−", theme::RED, removed)]
    {
        let name = |id: &str| model.display_name(id).to_owned();
        for d in dependencies {
            let text = format!("{sign} {} depends on {}", name(&d.from), name(&d.to));
            ui.colored_label(colour, text);
        }
        for i in interactions {
            let (from, to, mode) = (name(&i.from), name(&i.to), i.mode.label());
            ui.colored_label(colour, format!("{sign} {from} ⇄ {to} ({mode})"));
        }
    }
}
