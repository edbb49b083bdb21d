//! The comparison's sections as grids: the tables every comparison report has (rotas, weeks
//! on call, findings, what changed, cover costs) with their changes coloured by whether they
//! are better or worse; each changed rota in words; and each model's added, removed and
//! changed entities with links that show them in their model.

use egui::{Color32, Grid, Label, RichText, Ui};

use super::model_colour;
use crate::app::state::{Document, DocumentId};
use crate::app::views::theme;
use crate::compare::{Delta, FieldChange, MOST_MODELS};
use crate::format::{count, field_words};
use crate::model::Model;
use crate::report::{Reading, Section, Table, change_header, letter};

/// How wide a cell may grow before its text wraps.
const CELL_WIDTH: f32 = 560.0;

/// A section: its heading, its note, and its table, or what an empty one says. The last
/// `changes` columns are changes against A, coloured as the section reads.
pub(super) fn section(ui: &mut Ui, section: &Section, changes: usize) {
    ui.label(RichText::new(section.title).strong());
    let table = &section.table;
    if table.is_empty() {
        ui.label(RichText::new(section.empty).color(theme::MUTED_INK));
        return;
    }
    if let Some(note) = section.note {
        ui.label(RichText::new(note).color(theme::MUTED_INK));
    }
    let columns = table.headers().len();
    let first_change = match section.reading {
        Reading::LowerIsBetter | Reading::Apart => columns.saturating_sub(changes),
        Reading::Findings | Reading::Changes => columns,
    };
    let header_colour = |c: usize, header: &str| {
        // A model's column is headed by its letter, in its colour.
        (c < first_change && header.len() == 1)
            .then(|| usize::from(header.as_bytes()[0].wrapping_sub(b'A')))
            .filter(|i| *i < MOST_MODELS)
            .map_or(theme::INK, model_colour)
    };
    let cell_colour = |row: &[String], c: usize| {
        if c >= first_change {
            change_colour(&row[c], section.reading)
        } else if section.reading == Reading::Findings {
            finding_colour(row)
        } else {
            theme::INK
        }
    };
    grid(ui, section.title, table, header_colour, cell_colour);
}

/// A table as a striped grid, its headers strong; each header and cell in the colour given.
pub(in crate::app::views::panels) fn grid(
    ui: &mut Ui,
    id: &str,
    table: &Table,
    header_colour: impl Fn(usize, &str) -> Color32,
    cell_colour: impl Fn(&[String], usize) -> Color32,
) {
    Grid::new(("table-grid", id))
        .striped(true)
        .num_columns(table.headers().len())
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for (c, header) in table.headers().iter().enumerate() {
                ui.label(
                    RichText::new(header)
                        .strong()
                        .color(header_colour(c, header)),
                );
            }
            ui.end_row();
            for row in table.rows() {
                for (c, cell) in row.iter().enumerate() {
                    cell_label(ui, cell, cell_colour(row, c));
                }
                ui.end_row();
            }
        });
}

/// A cell, wrapped when long.
fn cell_label(ui: &mut Ui, cell: &str, colour: Color32) {
    let label = Label::new(RichText::new(cell).color(colour));
    if cell.chars().count() > 48 {
        ui.scope(|ui| {
            ui.set_max_width(CELL_WIDTH);
            ui.add(label.wrap())
        });
    } else {
        ui.add(label);
    }
}

/// A change column's colour: for costs and weeks on call a rise is worse (red) and a fall
/// better (green); other changes are plain.
fn change_colour(cell: &str, reading: Reading) -> egui::Color32 {
    match (reading, cell.chars().next()) {
        (Reading::LowerIsBetter, Some('+')) => theme::RED,
        (Reading::LowerIsBetter, Some('−')) => theme::GREEN,
        (Reading::LowerIsBetter, _) => theme::MUTED_INK,
        _ => theme::INK,
    }
}

/// A finding row: an error or warning that came is worse, one that went is better; info is
/// plain either way. The sign is the first cell, or the second after "B − A".
fn finding_colour(row: &[String]) -> egui::Color32 {
    let sign_at = row.iter().position(|c| c == "+" || c == "−");
    let Some(at) = sign_at else {
        return theme::INK;
    };
    let severity = row.get(at + 1).map(String::as_str);
    match (row[at].as_str(), severity) {
        (_, Some("info")) => theme::INK,
        ("+", _) => theme::RED,
        _ => theme::GREEN,
    }
}

/// Each changed rota in words ("~ Web team: pool 2 → 6, …"), green when it became healthy
/// and red when it stopped being so; with more than two models, under each change's header.
pub(super) fn rota_summaries(ui: &mut Ui, docs: &[&Document], deltas: &[Delta]) {
    if deltas.iter().all(|d| d.rota_changes.is_empty()) {
        return;
    }
    ui.label(RichText::new("How each changed rota changed").strong());
    for (i, delta) in deltas.iter().enumerate() {
        if delta.rota_changes.is_empty() {
            continue;
        }
        if deltas.len() > 1 {
            ui.label(RichText::new(change_header(i)).color(model_colour(i + 1)));
        }
        let (a, b) = (docs[0].analysis(), docs[i + 1].analysis());
        for rota in &delta.rota_changes {
            let colour = match rota.became_healthy() {
                Some(true) => theme::GREEN,
                Some(false) => theme::RED,
                None => theme::INK,
            };
            let name = b
                .rota(&rota.id)
                .or_else(|| a.rota(&rota.id))
                .map_or(rota.id.as_str(), |r| r.name.as_str());
            ui.colored_label(colour, format!("~ {name}: {}", rota.what_changed()));
        }
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

/// Every entity each model added, removed or changed against A, with a link that shows it
/// in the model that has it; returns the one clicked, with its model.
pub(super) fn entity_changes(
    ui: &mut Ui,
    docs: &[&Document],
    deltas: &[Delta],
) -> Option<(DocumentId, String)> {
    let mut jump = None;
    for (i, delta) in deltas.iter().enumerate() {
        let (a, b) = (docs[0], docs[i + 1]);
        let changed = summary(delta);
        let heading = if deltas.len() > 1 {
            format!("{}: services, teams and domains", change_header(i))
        } else {
            "Services, teams and domains".to_owned()
        };
        if changed.is_empty() {
            ui.label(RichText::new(heading).strong());
            ui.label(
                RichText::new(format!(
                    "{} and A hold the same services, teams and domains.",
                    letter(i + 1)
                ))
                .color(theme::MUTED_INK),
            );
        } else {
            ui.label(RichText::new(format!("{heading}: {changed} changed")).strong());
        }
        if let Some(found) = entity_lines(ui, (a, b), letter(i + 1), delta) {
            jump = Some(found);
        }
        ui.add_space(6.0);
    }
    jump
}

/// The lines of one delta; `b_letter` names the model after A.
fn entity_lines(
    ui: &mut Ui,
    (a, b): (&Document, &Document),
    b_letter: String,
    delta: &Delta,
) -> Option<(DocumentId, String)> {
    let mut jump = None;
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
                    jump = Some((doc.id(), id.clone()));
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
                jump = Some((a.id(), change.id.clone()));
            }
            if ui.small_button(format!("in {b_letter}")).clicked() {
                jump = Some((b.id(), change.id.clone()));
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

/// Dependencies and team interactions added (named as in the later model) and removed
/// (named as in A).
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
