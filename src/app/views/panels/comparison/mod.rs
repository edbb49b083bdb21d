//! The comparison tab (SPEC 7.5 and 8.1): 2 to 8 open models side by side as a decision.
//! A is the baseline: the models with their letters (any can be made the baseline, added or
//! taken out), the headline figures in a column per model and a change column per model
//! after A, coloured by whether the change is better or worse rather than by its sign; the
//! charts grouped per model; then the sections every comparison report has — rotas by name
//! with pool, 1 in N, weeks each and cost, each team's weeks on call, findings added and
//! removed with their messages — what changed in each model with links to show it, and
//! apart from all of these the cover costs, which are not parts of the bill.

pub(super) mod sections;

use std::sync::atomic::{AtomicU64, Ordering};

use egui::{Color32, Grid, RichText, ScrollArea, Ui};

use super::charts::{self, Row, Series};
use super::figures::{OPS_ROTA_LABEL, coverage_shares, team_rotas_label};
use crate::analysis::{Analysis, RotaKind, Severity};
use crate::app::state::{
    Command, ComparisonCommand, Document, DocumentId, Selection, ViewId, Workspace,
};
use crate::app::views::theme;
use crate::compare::{Delta, MOST_MODELS, Names, delta_named};
use crate::format::{grouped, share_or_dash, signed_count, signed_money, signed_points};
use crate::report::{Compared, Reading, Section, change_header, comparison_sections, letter};

/// What a comparison shows, worked out again only when a model changes or the models do.
#[derive(Default)]
pub struct CompareCache {
    /// The documents and their revisions the rest was worked out for.
    key: Vec<(DocumentId, u64)>,
    /// Each model after the first against the first.
    deltas: Vec<Delta>,
    sections: Vec<Section>,
    /// This tab's own scroll position, so a new comparison opens at the top instead of
    /// where the last one was left.
    scroll: Option<u64>,
}

/// The colour of each model's letter, bars and column: A a quiet slate, the rest distinct.
const MODEL_COLOURS: [Color32; MOST_MODELS] = [
    Color32::from_rgb(120, 144, 156),
    Color32::from_rgb(25, 118, 210),
    Color32::from_rgb(230, 120, 0),
    Color32::from_rgb(123, 31, 162),
    Color32::from_rgb(0, 137, 123),
    Color32::from_rgb(121, 85, 72),
    Color32::from_rgb(194, 24, 91),
    Color32::from_rgb(130, 119, 23),
];

/// Domain rotas' bars: the dark blue of a domain's header on the canvas.
const DOMAIN_ROTAS: Color32 = Color32::from_rgb(55, 71, 110);

/// The colour of the `i`-th model.
fn model_colour(i: usize) -> Color32 {
    MODEL_COLOURS[i % MOST_MODELS]
}

/// A scroll position of its own for every comparison tab ever opened.
fn next_scroll_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

impl CompareCache {
    /// Works out the deltas and sections again when a model changed.
    fn refresh(&mut self, docs: &[&Document]) {
        let key: Vec<(DocumentId, u64)> = docs.iter().map(|d| (d.id(), d.revision())).collect();
        if key == self.key {
            return;
        }
        let models: Vec<_> = docs.iter().map(|d| d.model()).collect();
        let reports: Vec<&Analysis> = docs.iter().map(|d| d.analysis()).collect();
        let names = Names::new(&models, &reports);
        self.deltas = (1..docs.len())
            .map(|i| delta_named(models[0], models[i], reports[0], reports[i], &names))
            .collect();
        let compared = Compared::from_parts(
            models,
            reports,
            self.deltas.iter().collect(),
            (0..docs.len()).map(letter).collect(),
            (1..docs.len()).map(|i| change_header(i - 1)).collect(),
        );
        self.sections = comparison_sections(&compared);
        self.key = key;
    }
}

/// Draws comparison tab `view` of `docs`, the baseline first.
pub fn show(
    ui: &mut Ui,
    ws: &Workspace,
    view: ViewId,
    docs: &[&Document],
    cache: &mut CompareCache,
) {
    if docs.len() < 2 {
        return;
    }
    cache.refresh(docs);
    let tx = ws.sender();
    let scroll = *cache.scroll.get_or_insert_with(next_scroll_id);
    ScrollArea::both()
        .id_salt(("comparison", scroll))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            models(ui, ws, view, docs);
            ui.add_space(8.0);
            figures(ui, docs);
            ui.add_space(12.0);
            charts_per_model(ui, docs);
            ui.add_space(10.0);
            let reading =
                |wanted: Reading| cache.sections.iter().filter(move |s| s.reading == wanted);
            let changes = docs.len() - 1;
            for section in reading(Reading::LowerIsBetter).chain(reading(Reading::Findings)) {
                sections::section(ui, section, changes);
                ui.add_space(10.0);
            }
            sections::rota_summaries(ui, docs, &cache.deltas);
            ui.add_space(10.0);
            if let Some((doc, id)) = sections::entity_changes(ui, docs, &cache.deltas) {
                tx.send(Command::Reveal {
                    doc,
                    selection: Selection::Entity(id),
                });
            }
            ui.add_space(10.0);
            for section in reading(Reading::Apart) {
                sections::section(ui, section, changes);
            }
        });
}

/// The models, each with its letter in its colour, its file, and what can be done with it:
/// make it the baseline (Swap with two), take it out (with three or more); then a menu to
/// add another open model or a file.
fn models(ui: &mut Ui, ws: &Workspace, view: ViewId, docs: &[&Document]) {
    let tx = ws.sender();
    let send = |command| tx.send(Command::Comparison(view, command));
    ui.label(
        RichText::new("A is the baseline: every change is another model − A.")
            .color(theme::MUTED_INK),
    );
    Grid::new("compared-models")
        .num_columns(3)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (i, doc) in docs.iter().enumerate() {
                ui.label(RichText::new(letter(i)).strong().color(model_colour(i)));
                ui.label(
                    RichText::new(format!("{} ({})", doc.model().name, doc.file_label())).strong(),
                );
                ui.horizontal(|ui| {
                    if i == 0 {
                        ui.label(RichText::new("baseline").color(theme::MUTED_INK));
                    } else if docs.len() == 2 {
                        if ui
                            .button("⇄ Swap")
                            .on_hover_text("Make B the baseline, A")
                            .clicked()
                        {
                            send(ComparisonCommand::MakeBaseline(doc.id()));
                        }
                    } else if ui
                        .button("Make baseline")
                        .on_hover_text(format!("Work out every change against {}", letter(i)))
                        .clicked()
                    {
                        send(ComparisonCommand::MakeBaseline(doc.id()));
                    }
                    if docs.len() > 2
                        && ui
                            .small_button("🗙")
                            .on_hover_text("Take this model out of the comparison")
                            .clicked()
                    {
                        send(ComparisonCommand::Remove(doc.id()));
                    }
                });
                ui.end_row();
            }
        });
    if docs.len() < MOST_MODELS {
        ui.menu_button("+ Add a model", |ui| {
            let others = ws
                .documents()
                .iter()
                .filter(|d| !docs.iter().any(|c| c.id() == d.id()));
            for other in others {
                if ui
                    .button(format!("{} ({})", other.model().name, other.file_label()))
                    .clicked()
                {
                    send(ComparisonCommand::Add(other.id()));
                    ui.close();
                }
            }
            if ui.button("A file…").clicked() {
                send(ComparisonCommand::AddFile);
                ui.close();
            }
        });
    }
}

/// The headline figures: a column per model, then a change column per model after A.
fn figures(ui: &mut Ui, docs: &[&Document]) {
    let reports: Vec<&Analysis> = docs.iter().map(|d| d.analysis()).collect();
    let base = reports[0];
    let currency = &base.currency;
    Grid::new("compare-figures")
        .striped(true)
        .num_columns(reports.len() * 2)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            for i in 0..reports.len() {
                ui.label(RichText::new(letter(i)).strong().color(model_colour(i)));
            }
            for i in 1..reports.len() {
                ui.label(RichText::new(change_header(i - 1)).strong())
                    .on_hover_text("Green: better than A. Red: worse than A.");
            }
            ui.end_row();
            let mut money_row = |label: String, get: &dyn Fn(&Analysis) -> f64| {
                ui.label(label);
                for report in &reports {
                    ui.label(grouped(get(report)));
                }
                for report in &reports[1..] {
                    let change = get(report) - get(base);
                    ui.colored_label(theme::delta_colour(change, true), signed_money(change));
                }
                ui.end_row();
            };
            money_row(format!("Annual cost ({currency})"), &|r| {
                r.totals.annual_cost
            });
            money_row("Standby".to_owned(), &|r| r.totals.standby_cost);
            money_row("Callout".to_owned(), &|r| r.totals.callout_cost);
            if reports.iter().any(|r| r.peak.is_some()) {
                money_row("Added by the peak season".to_owned(), &|r| {
                    r.peak.as_ref().map_or(0.0, |p| p.extra_cost)
                });
            }
            let shares: Vec<_> = reports.iter().map(|r| coverage_shares(r)).collect();
            for row in 0..2 {
                ui.label(shares[0][row].0);
                for share in &shares {
                    ui.label(share_or_dash(share[row].1));
                }
                // A change is only a change between two real shares.
                for share in &shares[1..] {
                    match (shares[0][row].1, share[row].1) {
                        (Some(x), Some(y)) => {
                            ui.colored_label(
                                theme::delta_colour(y - x, false),
                                signed_points(y - x),
                            );
                        }
                        _ => {
                            ui.colored_label(theme::MUTED_INK, "–");
                        }
                    }
                }
                ui.end_row();
            }
            let unhealthy = |r: &Analysis| r.rotas.iter().filter(|r| !r.healthy).count();
            let counts: [(&str, &Count); 4] = [
                ("Rotas", &|r| r.rotas.len()),
                ("Unhealthy rotas", &unhealthy),
                ("Errors", &|r| r.count(Severity::Error)),
                ("Warnings", &|r| r.count(Severity::Warning)),
            ];
            for (label, get) in counts {
                ui.label(label);
                for report in &reports {
                    ui.label(get(report).to_string());
                }
                for report in &reports[1..] {
                    let change = get(report) as i64 - get(base) as i64;
                    // More rotas is neither better nor worse; more problems are worse.
                    let colour = if label == "Rotas" {
                        theme::INK
                    } else {
                        theme::delta_colour(change as f64, true)
                    };
                    ui.colored_label(colour, signed_count(change));
                }
                ui.end_row();
            }
        });
}

/// A count read from an analysis, for a row of the figures.
type Count = dyn Fn(&Analysis) -> usize;

/// Every model's series, named by letter, in its colour.
fn series(letters: &[String]) -> Vec<Series<'_>> {
    letters
        .iter()
        .enumerate()
        .map(|(i, name)| Series {
            name,
            colour: model_colour(i),
        })
        .collect()
}

/// The charts: each model's cost by kind of rota (a group of bars per model), then the cost
/// of each rota and each team with a bar per model, and standby against R(n) and R(1).
fn charts_per_model(ui: &mut Ui, docs: &[&Document]) {
    let currency = &docs[0].analysis().currency;
    let letters: Vec<String> = (0..docs.len()).map(letter).collect();
    let series = series(&letters);
    ui.label(RichText::new("Annual cost by kind of rota, per model").strong());
    let kinds = [
        (RotaKind::Team, "Team rotas", theme::STANDBY),
        (RotaKind::Domain, "Domain rotas", DOMAIN_ROTAS),
        (RotaKind::Ops, "Operations rotas", theme::GREY),
    ];
    let by_kind: Vec<Row> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let cost = |kind| {
                let rotas = doc.analysis().rotas.iter();
                let peak = doc.analysis().peak.iter().flat_map(|p| &p.rotas);
                (rotas.chain(peak))
                    .filter(|r| r.kind == kind)
                    .map(|r| r.annual_cost)
                    .sum()
            };
            let label = format!("{} {}", letter(i), doc.model().name);
            (
                label,
                kinds.iter().map(|(kind, _, _)| cost(*kind)).collect(),
            )
        })
        .collect();
    let kind_series: Vec<Series> = kinds
        .iter()
        .map(|(_, name, colour)| Series {
            name,
            colour: *colour,
        })
        .collect();
    charts::bars(ui, "compare-by-model", &by_kind, &kind_series, currency);
    ui.add_space(8.0);
    ui.columns(2, |columns| {
        columns[0].label(RichText::new("Cost by rota").strong());
        charts::cost_chart(
            &mut columns[0],
            "compare-rotas",
            rota_rows(docs),
            &series,
            currency,
            "No model has a rota.",
        );
        columns[1].label(RichText::new("Cost by team").strong());
        charts::cost_chart(
            &mut columns[1],
            "compare-teams",
            team_rows(docs),
            &series,
            currency,
            "No team costs anything in any model.",
        );
    });
    ui.add_space(6.0);
    baselines(ui, docs, &series);
}

/// Adds `value` as series `lane` of the row named `label`, making the row when it is new.
fn add_to_row(rows: &mut Vec<Row>, lanes: usize, label: &str, lane: usize, value: f64) {
    match rows.iter_mut().find(|(l, _)| l == label) {
        Some(row) => row.1[lane] += value,
        None => {
            let mut values = vec![0.0; lanes];
            values[lane] = value;
            rows.push((label.to_owned(), values));
        }
    }
}

/// Each rota's cost in every model, by name (rotas of the same id share a name).
fn rota_rows(docs: &[&Document]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (lane, doc) in docs.iter().enumerate() {
        for rota in &doc.analysis().rotas {
            add_to_row(&mut rows, docs.len(), &rota.name, lane, rota.annual_cost);
        }
    }
    rows
}

/// Each team's cost in every model, by name; teams that cost nothing in any are left out.
fn team_rows(docs: &[&Document]) -> Vec<Row> {
    let mut rows = Vec::new();
    for (lane, doc) in docs.iter().enumerate() {
        for (team, figures) in doc.model().teams.iter().zip(&doc.analysis().teams) {
            add_to_row(&mut rows, docs.len(), &team.name, lane, figures.annual_cost);
        }
    }
    rows.retain(|(_, v)| v.iter().any(|x| *x > 0.0));
    rows
}

fn baselines(ui: &mut Ui, docs: &[&Document], series: &[Series]) {
    ui.label(RichText::new("Standby: modelled vs R(n) and R(1)").strong());
    let rows: Vec<Row> = [
        (
            "Modelled",
            (|r: &Analysis| r.totals.standby_cost) as fn(&Analysis) -> f64,
        ),
        ("R(n)", |r| r.baselines.all_team_rotas),
        ("R(1)", |r| r.baselines.single_ops_rota),
    ]
    .into_iter()
    .map(|(label, get)| {
        let values = docs.iter().map(|d| get(d.analysis())).collect();
        (label.to_owned(), values)
    })
    .collect();
    charts::bars(
        ui,
        "compare-baselines",
        &rows,
        series,
        &docs[0].analysis().currency,
    );
    let labels: Vec<String> = docs
        .iter()
        .map(|d| team_rotas_label(d.model(), d.analysis()))
        .collect();
    // One line when every model has as many product teams owning services.
    let same = labels.windows(2).all(|w| w[0] == w[1]);
    for (i, label) in labels
        .iter()
        .enumerate()
        .take(if same { 1 } else { labels.len() })
    {
        let text = if same {
            label.clone()
        } else {
            format!("{}: {label}", letter(i))
        };
        ui.label(RichText::new(text).color(theme::MUTED_INK));
    }
    ui.label(RichText::new(OPS_ROTA_LABEL).color(theme::MUTED_INK));
}
