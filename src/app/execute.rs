//! Applying commands: the one function that changes the workspace, [`Workspace::apply`],
//! and what it does for adding, deleting and connecting entities, undo and redo, and view
//! toggles.

use super::canvas::{Canvas, CanvasAction, NewEntity};
use super::commands::UiCommand;
use super::errors::AppError;
use super::jobs::LoadInto;
use super::selection::Selection;
use super::transfer::ImportSource;
use super::workspace::{Answer, Command, Dialog, Pending, Purpose, Workspace};
use crate::actions;
use crate::edit::Edit;
use crate::model::{
    Domain, EntityKind, InteractionMode, Model, Position, Service, ServiceKind, Team, TeamKind,
};

impl Workspace {
    /// Applies one command. Everything that changes the workspace comes through here.
    pub(super) fn apply(&mut self, command: Command) {
        match command {
            Command::Ui(command) => self.run_ui_command(command),
            Command::OpenDropped(path) if ImportSource::of(&path).is_some() => {
                self.start_import(path);
            }
            Command::OpenRecent(path) | Command::OpenDropped(path) => {
                let active = self.active_document_id();
                self.guard(active, Pending::OpenPath(path));
            }
            Command::Canvas(action) => self.handle_canvas_action(action),
            Command::Edit {
                doc,
                label,
                edit,
                merge_key,
            } => self.edit(doc, &label, edit, merge_key),
            Command::Seal(doc) => {
                if let Some(doc) = self.document_mut(doc) {
                    doc.history.seal();
                }
            }
            Command::SelectTab(index) => {
                if index < self.tabs.len() {
                    self.active = index;
                }
            }
            Command::CloseTab(index) => self.close_tab(index),
            Command::CloseWindow => self.start_quit(),
            Command::Answer(answer) => self.answer(answer),
            Command::CancelJob(id) => self.cancel_job(id),
            Command::KeepMine(doc) => {
                if let Some((_, kept)) = self.document_mut(doc).and_then(|d| d.disk_state.as_mut())
                {
                    *kept = true;
                }
            }
            Command::Reveal { doc, selection } => self.reveal(doc, selection),
            Command::DismissImportNotes(doc) => {
                if let Some(doc) = self.document_mut(doc) {
                    doc.import_notes = None;
                }
            }
        }
    }

    /// Applies an edit to a document as one undo step, or reports why it cannot be.
    fn edit(
        &mut self,
        doc: u64,
        label: &str,
        edit: Result<Edit, String>,
        merge_key: Option<String>,
    ) {
        let Some(document) = self.document_mut(doc) else {
            return;
        };
        match edit.and_then(|edit| document.apply(label, edit, merge_key)) {
            Ok(()) => self.status = label.to_owned(),
            Err(message) => self.report(AppError::Edit { doc, message }),
        }
    }

    /// Acts on the answer to the open dialog, which closes.
    fn answer(&mut self, answer: Answer) {
        if !matches!(answer, Answer::Restore(_) | Answer::DiscardRecovered(_)) {
            self.dialog = None;
        }
        match answer {
            Answer::Close => self.cancel_quit(),
            Answer::SaveFirst { doc, then } => self.save(doc, Some(then)),
            Answer::Discard { doc, then } => self.discard(doc, then),
            Answer::PathChosen { purpose, path } => self.file_chosen(purpose, path),
            Answer::Compare { a, b } => self.open_comparison(a, b),
            Answer::CompareWithFile { doc } => self.choose_file(Purpose::Compare { with: doc }),
            Answer::Replace { doc, path, then } => self.write_now(doc, path, then),
            Answer::ReloadFromDisk { doc } => {
                if let Some(path) = self.document(doc).and_then(|d| d.path.clone()) {
                    self.open_path(path, LoadInto::Reload { doc });
                }
            }
            Answer::SaveElsewhere { doc, then } => {
                self.choose_file(Purpose::SaveAs { doc, then });
            }
            Answer::Restore(file) => self.restore(&file),
            Answer::DiscardRecovered(file) => self.discard_recovered(&file),
            Answer::RestoreAll => {
                for file in self.recovered_files() {
                    self.restore(&file);
                }
            }
            Answer::DiscardAll => {
                for file in self.recovered_files() {
                    self.discard_recovered(&file);
                }
            }
            Answer::Export { doc, format, path } => self.start_export(doc, format, path),
            Answer::BrowseExport { doc, format, typed } => {
                self.browse_export(doc, format, typed);
            }
            Answer::DecideLater => {
                self.autosave.stale.clear();
                self.status = "The recovered work is kept for the next start".to_owned();
            }
        }
    }

    fn run_ui_command(&mut self, command: UiCommand) {
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
            UiCommand::Quit => self.start_quit(),
            UiCommand::Undo | UiCommand::Redo => {
                let Some(doc) = self.active_document_mut() else {
                    return;
                };
                let (done, verb) = if command == UiCommand::Undo {
                    (doc.undo(), "Undid")
                } else {
                    (doc.redo(), "Redid")
                };
                match done {
                    Ok(label) => self.status = format!("{verb}: {label}"),
                    Err(error) => self.report(AppError::Undo(error)),
                }
            }
            UiCommand::AddTeam => self.add_entity(NewEntity::Team, None, None),
            UiCommand::AddService => self.add_entity(NewEntity::Service, None, None),
            UiCommand::AddDomain => self.add_entity(NewEntity::Domain, None, None),
            UiCommand::Delete => {
                if let Some(selection) = self.active_document().and_then(|d| d.selection.clone()) {
                    self.delete(selection);
                }
            }
            UiCommand::ConnectMode => self.on_canvas(Canvas::toggle_connect_mode),
            UiCommand::Escape => {
                let canvas = self.active_document().map(|d| &d.canvas);
                let connecting = canvas.is_some_and(|c| c.connect_mode);
                if canvas.is_some_and(Canvas::is_searching) {
                    self.on_canvas(Canvas::close_search);
                } else if connecting {
                    self.on_canvas(Canvas::toggle_connect_mode);
                } else if self.presenting {
                    self.presenting = false;
                } else if let Some(doc) = self.active_document_mut() {
                    doc.selection = None;
                }
            }
            UiCommand::Find => self.on_canvas(Canvas::open_search),
            UiCommand::Present => self.presenting = !self.presenting && active.is_some(),
            UiCommand::FitView => self.on_canvas(Canvas::request_fit),
            UiCommand::AutoLayout => self.on_canvas(Canvas::request_auto_layout),
            UiCommand::ToggleInteractions => self.on_canvas(Canvas::toggle_interactions),
            UiCommand::ToggleLegend => self.on_canvas(Canvas::toggle_legend),
            UiCommand::Settings => self.settings_open = !self.settings_open,
            UiCommand::DuplicateScenario => self.duplicate_as_scenario(),
            UiCommand::Import => self.choose_import(false),
            UiCommand::ImportFolder => self.choose_import(true),
            UiCommand::Export => self.choose_export(),
            UiCommand::CompareWith => {
                if let Some(doc) = active {
                    self.dialog = Some(Dialog::CompareWith { doc });
                }
            }
        }
    }

    /// Runs a canvas operation on the active document, if a document is active.
    fn on_canvas(&mut self, operation: fn(&mut Canvas)) {
        if let Some(doc) = self.active_document_mut() {
            operation(&mut doc.canvas);
        }
    }

    /// Adds a team, service or domain with a fresh id, places it and selects it.
    fn add_entity(&mut self, kind: NewEntity, at: Option<Position>, owner: Option<String>) {
        let view_centre = self.view_centre;
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
        let near = at
            .or_else(|| match &doc.selection {
                Some(Selection::Entity(id)) => model.layout.get(id).copied(),
                _ => None,
            })
            .unwrap_or(view_centre);
        let (entity, name) = match kind {
            NewEntity::Team => (EntityKind::Team, "New team"),
            NewEntity::Service => (EntityKind::Service, "New service"),
            NewEntity::Domain => (EntityKind::Domain, "New domain"),
        };
        let at = crate::layout::free_spot(model, entity, name, owner.as_deref(), near);
        let (id, label, edit) = match kind {
            NewEntity::Team => {
                let id = model.unused_id("team");
                let team = Team::new(&id, name, TeamKind::Product);
                (id, "Add team", actions::add_team(model, team, at))
            }
            NewEntity::Service => {
                let id = model.unused_id("service");
                let mut service = Service::unassessed(&id, name, ServiceKind::Digital);
                service.owner = owner;
                (id, "Add service", actions::add_service(model, service, at))
            }
            NewEntity::Domain => {
                let id = model.unused_id("domain");
                let domain = Domain {
                    id: id.clone(),
                    name: name.to_owned(),
                };
                (id, "Add domain", actions::add_domain(model, domain, at))
            }
        };
        let doc_id = doc.id;
        match edit.and_then(|edit| doc.apply(label, edit, None)) {
            Ok(()) => {
                doc.selection = Some(Selection::Entity(id.clone()));
                let name = doc.model.display_name(&id);
                self.status = format!("{label}: {}", crate::format::entity_label(name, &id));
            }
            Err(message) => self.report(AppError::Edit {
                doc: doc_id,
                message,
            }),
        }
    }

    fn delete(&mut self, selection: Selection) {
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
                actions::set_owner_and_place(model, service, None),
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
        let doc_id = doc.id;
        match edit.and_then(|edit| doc.apply(&label, edit, None)) {
            Ok(()) => {
                doc.selection = None;
                self.status = format!("{label} (Ctrl+Z to undo)");
            }
            Err(message) => self.report(AppError::Edit {
                doc: doc_id,
                message,
            }),
        }
    }

    /// What connecting two things means depends on what they are.
    fn connect(&mut self, from: &str, to: &str) {
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
                actions::set_owner_and_place(model, to, Some(from)),
            ),
            (Some(EntityKind::Service), Some(EntityKind::Team)) => (
                format!("{} owns {}", name(to), name(from)),
                actions::set_owner_and_place(model, from, Some(to)),
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
                    actions::update_team_and_place(model, changed),
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
        let doc_id = doc.id;
        match edit.and_then(|edit| doc.apply(&label, edit, None)) {
            Ok(()) => self.status = label,
            Err(message) => self.report(AppError::Edit {
                doc: doc_id,
                message,
            }),
        }
    }

    fn handle_canvas_action(&mut self, action: CanvasAction) {
        match action {
            CanvasAction::Select(selection) => {
                if let Some(doc) = self.active_document_mut() {
                    doc.selection = selection;
                }
            }
            CanvasAction::Move { label, positions } => {
                if let Some(doc) = self.active_document_id() {
                    self.edit(doc, &label, Ok(actions::move_to(positions)), None);
                }
            }
            CanvasAction::Connect { from, to } => self.connect(&from, &to),
            CanvasAction::Add { kind, at, owner } => self.add_entity(kind, Some(at), owner),
            CanvasAction::Delete(selection) => self.delete(selection),
        }
    }
}
