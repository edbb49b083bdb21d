//! Running the commands of a frame and the actions the canvas asked for: adding, deleting
//! and connecting entities, undo and redo, view toggles.

use egui::Ui;

use super::canvas::{Canvas, CanvasAction, NewEntity};
use super::commands::UiCommand;
use super::document::Selection;
use super::{Dialog, OpmodelApp, Pending, Purpose};
use crate::actions;
use crate::model::{
    Domain, EntityKind, InteractionMode, Model, Position, Service, ServiceKind, Team, TeamKind,
};

impl OpmodelApp {
    pub(super) fn execute(&mut self, command: UiCommand, ui: &Ui) {
        let active = self.active_document_id();
        match command {
            UiCommand::New => self.guard(active, Pending::New),
            UiCommand::NewTab => {
                let id = self.new_document(Model::default(), None);
                self.show_document(id, true);
            }
            UiCommand::Open => self.guard(active, Pending::Open),
            UiCommand::OpenInNewTab => self.choose_file(Purpose::Open { new_tab: true }),
            UiCommand::Save => {
                if let Some(doc) = active {
                    self.save(doc, None);
                }
            }
            UiCommand::SaveAs => {
                if let Some(doc) = active {
                    self.choose_file(Purpose::SaveAs { doc, then: None });
                }
            }
            UiCommand::CloseTab => self.close_tab(self.active),
            UiCommand::Undo | UiCommand::Redo => {
                let Some(doc) = self.active_document_mut() else {
                    return;
                };
                let (done, verb) = if command == UiCommand::Undo {
                    (doc.undo(), "Undid")
                } else {
                    (doc.redo(), "Redid")
                };
                self.status = match done {
                    Some(label) => format!("{verb}: {label}"),
                    None => format!("Nothing to {}", command.text().to_lowercase()),
                };
            }
            UiCommand::AddTeam => self.add_entity(NewEntity::Team, None, None, ui),
            UiCommand::AddService => self.add_entity(NewEntity::Service, None, None, ui),
            UiCommand::AddDomain => self.add_entity(NewEntity::Domain, None, None, ui),
            UiCommand::Delete => {
                if let Some(selection) = self.active_document().and_then(|d| d.selection.clone()) {
                    self.delete(selection);
                }
            }
            UiCommand::ConnectMode => self.on_canvas(Canvas::toggle_connect_mode),
            UiCommand::Escape => {
                if let Some(doc) = self.active_document_mut() {
                    if doc.canvas.connect_mode {
                        doc.canvas.toggle_connect_mode();
                    } else {
                        doc.selection = None;
                    }
                }
            }
            UiCommand::FitView => self.on_canvas(Canvas::request_fit),
            UiCommand::AutoLayout => self.on_canvas(Canvas::request_auto_layout),
            UiCommand::ToggleInteractions => self.on_canvas(Canvas::toggle_interactions),
            UiCommand::ToggleLegend => self.on_canvas(Canvas::toggle_legend),
            UiCommand::Settings => self.settings_open = !self.settings_open,
            UiCommand::DuplicateScenario => self.duplicate_as_scenario(),
            UiCommand::CompareWith => {
                if let Some(doc) = active {
                    self.dialog = Some(Dialog::CompareWith { doc });
                }
            }
        }
    }

    /// Adds a team, service or domain with a fresh id, places it and selects it.
    /// Runs a canvas operation on the active document, if a document is active.
    fn on_canvas(&mut self, operation: fn(&mut Canvas)) {
        if let Some(doc) = self.active_document_mut() {
            operation(&mut doc.canvas);
        }
    }

    pub(super) fn add_entity(
        &mut self,
        kind: NewEntity,
        at: Option<Position>,
        owner: Option<String>,
        ui: &Ui,
    ) {
        let Some(doc) = self.active_document_mut() else {
            return;
        };
        let model = &doc.model;
        let selected_team = match &doc.selection {
            Some(Selection::Entity(id)) if model.team(id).is_some() => Some(id.clone()),
            _ => None,
        };
        let owner = owner.or(if kind == NewEntity::Service {
            selected_team
        } else {
            None
        });
        let at = at.unwrap_or_else(|| {
            match owner
                .as_ref()
                .and_then(|o| crate::arrange::positions(model).get(o).copied())
            {
                Some(p) => {
                    let below = model.services.iter().filter(|s| s.owner == owner).count() as f64;
                    Position {
                        x: p.x + 150.0 * (below % 2.0) - 75.0,
                        y: p.y + 100.0 + 100.0 * (below / 2.0).floor(),
                    }
                }
                None => doc.canvas.view_centre(ui),
            }
        });
        let (id, label, edit) = match kind {
            NewEntity::Team => {
                let id = model.unused_id("team");
                let team = Team::new(&id, "New team", TeamKind::Product);
                (id, "Add team", actions::add_team(model, team, at))
            }
            NewEntity::Service => {
                let id = model.unused_id("service");
                let mut service = Service::new(&id, "New service", ServiceKind::Digital);
                service.owner = owner;
                (id, "Add service", actions::add_service(model, service, at))
            }
            NewEntity::Domain => {
                let id = model.unused_id("domain");
                let domain = Domain {
                    id: id.clone(),
                    name: "New domain".to_owned(),
                };
                (id, "Add domain", actions::add_domain(model, domain, at))
            }
        };
        match edit.and_then(|edit| doc.apply(label, edit, None)) {
            Ok(()) => {
                doc.selection = Some(Selection::Entity(id.clone()));
                let name = doc.model.display_name(&id);
                self.status = format!("{label}: {}", crate::format::entity_label(name, &id));
            }
            Err(message) => self.status = message,
        }
    }

    pub(super) fn delete(&mut self, selection: Selection) {
        let Some(doc) = self.active_document_mut() else {
            return;
        };
        let model = &doc.model;
        let (label, edit) = match &selection {
            Selection::Entity(id) => (
                format!("Delete {}", model.display_name(id)),
                actions::delete(model, id),
            ),
            Selection::Dependency { from, to } => (
                format!(
                    "{} no longer depends on {}",
                    model.display_name(from),
                    model.display_name(to)
                ),
                actions::remove_dependency(model, from, to),
            ),
            Selection::Ownership { service } => (
                format!("Remove the owner of {}", model.display_name(service)),
                actions::set_owner(model, service, None),
            ),
            Selection::Interaction { from, to } => (
                format!(
                    "{} no longer works with {}",
                    model.display_name(from),
                    model.display_name(to)
                ),
                actions::remove_interaction(model, from, to),
            ),
        };
        match edit.and_then(|edit| doc.apply(&label, edit, None)) {
            Ok(()) => {
                doc.selection = None;
                self.status = format!("{label} (Ctrl+Z to undo)");
            }
            Err(message) => self.status = message,
        }
    }

    /// What connecting two things means depends on what they are.
    pub(super) fn connect(&mut self, from: &str, to: &str) {
        let Some(doc) = self.active_document_mut() else {
            return;
        };
        let model = &doc.model;
        let name = |id: &str| model.display_name(id).to_owned();
        let (label, edit) = match (model.entity_kind(from), model.entity_kind(to)) {
            (Some(EntityKind::Service), Some(EntityKind::Service)) => (
                format!("{} depends on {}", name(from), name(to)),
                actions::add_dependency(model, from, to),
            ),
            (Some(EntityKind::Team), Some(EntityKind::Service)) => (
                format!("{} owns {}", name(from), name(to)),
                actions::set_owner(model, to, Some(from)),
            ),
            (Some(EntityKind::Service), Some(EntityKind::Team)) => (
                format!("{} owns {}", name(to), name(from)),
                actions::set_owner(model, from, Some(to)),
            ),
            (Some(EntityKind::Team), Some(EntityKind::Team)) => {
                doc.canvas.show_interactions = true;
                (
                    format!("{} collaborates with {}", name(from), name(to)),
                    actions::add_interaction(model, from, to, InteractionMode::Collaboration),
                )
            }
            (Some(EntityKind::Team), Some(EntityKind::Domain))
            | (Some(EntityKind::Domain), Some(EntityKind::Team)) => {
                let (team, domain) = if model.team(from).is_some() {
                    (from, to)
                } else {
                    (to, from)
                };
                let mut changed = model.team(team).cloned().expect("checked to be a team");
                changed.domain = Some(domain.to_owned());
                (
                    format!("{} joins {}", name(team), name(domain)),
                    actions::update_team(model, changed),
                )
            }
            _ => (
                String::new(),
                Err(format!(
                    "{} and {} cannot be connected: connect services, teams and domains.",
                    name(from),
                    name(to)
                )),
            ),
        };
        self.status = match edit.and_then(|edit| doc.apply(&label, edit, None)) {
            Ok(()) => label,
            Err(message) => message,
        };
    }

    pub(super) fn handle_canvas_action(&mut self, action: CanvasAction, ui: &Ui) {
        match action {
            CanvasAction::Select(selection) => {
                if let Some(doc) = self.active_document_mut() {
                    doc.selection = selection;
                }
            }
            CanvasAction::Move { label, positions } => {
                if let Some(doc) = self.active_document_mut()
                    && let Err(message) = doc.apply(&label, actions::move_to(positions), None)
                {
                    self.status = message;
                }
            }
            CanvasAction::Connect { from, to } => self.connect(&from, &to),
            CanvasAction::Add { kind, at, owner } => self.add_entity(kind, Some(at), owner, ui),
            CanvasAction::Delete(selection) => self.delete(selection),
        }
    }
}
