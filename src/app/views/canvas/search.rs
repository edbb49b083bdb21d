//! Find (Ctrl+F): a search box over the canvas that lists the teams, services and domains
//! whose name or id contains what is typed, live; Enter or a click selects the first (or
//! the chosen) one and centres it, even inside a zoomed-out domain box.

use egui::{Align2, Color32, Frame, Id, Key, RichText, Stroke, TextEdit, Ui, vec2};

use crate::app::views::theme;
use crate::model::Model;

/// At most this many matches are listed.
const SHOWN: usize = 8;

/// The open search box: what is typed and which match is highlighted.
#[derive(Default)]
pub struct Search {
    query: String,
    chosen: usize,
    focus_pending: bool,
}

/// One match: the entity's id, its name and what kind of thing it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Match {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
}

/// The entities whose name or id contains `query`, ignoring case: names that start with it
/// first, then the rest, each group in model order.
pub fn matches(model: &Model, query: &str) -> Vec<Match> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let entities = model
        .domains
        .iter()
        .map(|d| (&d.id, &d.name, "domain"))
        .chain(model.teams.iter().map(|t| (&t.id, &t.name, "team")))
        .chain(model.services.iter().map(|s| (&s.id, &s.name, "service")));
    let mut found: Vec<(bool, Match)> = entities
        .filter_map(|(id, name, kind)| {
            let lower = name.to_lowercase();
            (lower.contains(&query) || id.to_lowercase().contains(&query)).then(|| {
                let entry = Match {
                    id: id.clone(),
                    name: name.clone(),
                    kind,
                };
                (!lower.starts_with(&query), entry)
            })
        })
        .collect();
    found.sort_by_key(|(later, _)| *later);
    found.into_iter().map(|(_, m)| m).collect()
}

impl Search {
    pub fn new() -> Self {
        Search {
            focus_pending: true,
            ..Search::default()
        }
    }

    /// Shows the box at the top of `canvas`. Returns the id to select and centre when one
    /// is picked, and whether the box should close.
    pub fn show(&mut self, ui: &Ui, canvas: egui::Rect, model: &Model) -> (Option<String>, bool) {
        let mut picked = None;
        let mut close = false;
        egui::Area::new(Id::new("canvas-search"))
            .pivot(Align2::CENTER_TOP)
            .fixed_pos(canvas.center_top() + vec2(0.0, 12.0))
            .show(ui.ctx(), |ui| {
                Frame::new()
                    .fill(Color32::WHITE)
                    .stroke(Stroke::new(1.5, theme::SELECTION))
                    .corner_radius(8.0)
                    .inner_margin(10.0)
                    .show(ui, |ui| {
                        ui.set_width(380.0);
                        let response = ui
                            .horizontal(|ui| {
                                let label = ui.label(RichText::new("Find").strong());
                                ui.add(
                                    TextEdit::singleline(&mut self.query)
                                        .hint_text("a team, service or domain, by name or id")
                                        .desired_width(f32::INFINITY),
                                )
                                .labelled_by(label.id)
                            })
                            .inner;
                        if std::mem::take(&mut self.focus_pending) {
                            response.request_focus();
                        }
                        if response.changed() {
                            self.chosen = 0;
                        }
                        let found = matches(model, &self.query);
                        let (down, up, enter, escape) = ui.input(|i| {
                            (
                                i.key_pressed(Key::ArrowDown),
                                i.key_pressed(Key::ArrowUp),
                                i.key_pressed(Key::Enter),
                                i.key_pressed(Key::Escape),
                            )
                        });
                        let listed = found.len().min(SHOWN);
                        if down && listed > 0 {
                            self.chosen = (self.chosen + 1) % listed;
                        }
                        if up && listed > 0 {
                            self.chosen = (self.chosen + listed - 1) % listed;
                        }
                        if enter && let Some(m) = found.get(self.chosen) {
                            picked = Some(m.id.clone());
                        }
                        close |= escape;
                        for (i, m) in found.iter().take(SHOWN).enumerate() {
                            let text = RichText::new(format!("{}  ·  {} {}", m.name, m.kind, m.id));
                            if ui.selectable_label(i == self.chosen, text).clicked() {
                                picked = Some(m.id.clone());
                            }
                        }
                        if !self.query.trim().is_empty() {
                            let more = found.len().saturating_sub(SHOWN);
                            let note = match (found.len(), more) {
                                (0, _) => "Nothing matches".to_owned(),
                                (_, 0) => "Enter selects and centres; Esc closes".to_owned(),
                                (_, more) => format!("{more} more: type more of the name"),
                            };
                            ui.label(RichText::new(note).small().color(theme::MUTED_INK));
                        }
                    });
            });
        (picked.clone(), close || picked.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Service, ServiceKind, Team, TeamKind};

    #[test]
    fn names_that_start_with_the_query_come_first_and_ids_match_too() {
        let mut model = Model::named("m");
        model
            .teams
            .push(Team::new("pay-team", "Card payments", TeamKind::Product));
        model.services.push(Service::new(
            "ledger",
            "Payments ledger",
            ServiceKind::Digital,
        ));
        model
            .services
            .push(Service::new("web", "Shop front", ServiceKind::Digital));
        let ids: Vec<String> = matches(&model, "PAY").into_iter().map(|m| m.id).collect();
        assert_eq!(ids, ["ledger", "pay-team"]);
        assert_eq!(matches(&model, "web")[0].name, "Shop front");
        assert!(matches(&model, "  ").is_empty());
    }
}
