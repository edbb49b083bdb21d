//! The desktop editor. [`OpmodelApp`] holds the open documents and tabs; each frame it
//! gathers commands from shortcuts, menus, the toolbar and the canvas, draws the panels,
//! then runs the commands once at the end of the frame.
//!
//! The app only reads the model and applies edits to it through [`Document::apply`]; every
//! figure comes from the domain core's analysis.

mod canvas;
mod charts;
mod commands;
mod compare_view;
mod document;
mod figures;
mod files;
mod inspector;
mod settings_editor;
mod theme;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui::{Button, Id, Modal, RichText, Ui, ViewportCommand};

pub use canvas::{CanvasAction, NewEntity};
pub use commands::UiCommand;
use compare_view::CompareCache;
pub use document::{Document, Selection};
pub use files::{Picker, RecentFiles};

use crate::actions;
use crate::model::{
    Domain, EntityKind, InteractionMode, Model, Position, Service, ServiceKind, Team, TeamKind,
};

/// A tab: a document, or a comparison of two documents.
pub enum Tab {
    Document(u64),
    Comparison {
        a: u64,
        b: u64,
        cache: Box<CompareCache>,
    },
}

/// Something waiting for the user to deal with unsaved changes first.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open,
    OpenPath(PathBuf),
    CloseDocument(u64),
    Quit,
}

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
enum Purpose {
    Open { new_tab: bool },
    SaveAs { doc: u64, then: Option<Pending> },
    Compare { with: u64 },
}

/// What to do once a dialog closes, run with the whole app at hand.
type AfterDialog = Box<dyn FnOnce(&mut OpmodelApp)>;

enum Dialog {
    Error {
        title: String,
        message: String,
    },
    Unsaved {
        doc: u64,
        then: Pending,
    },
    /// The built-in file prompt, where no desktop file dialog is available.
    Path {
        purpose: Purpose,
        text: String,
        problem: Option<String>,
    },
    CompareWith {
        doc: u64,
    },
}

pub struct OpmodelApp {
    documents: Vec<Document>,
    tabs: Vec<Tab>,
    active: usize,
    next_id: u64,
    queue: Vec<UiCommand>,
    canvas_actions: Vec<CanvasAction>,
    recent: RecentFiles,
    picker: Picker,
    dialog: Option<Dialog>,
    status: String,
    settings_open: bool,
    /// Documents whose changes the user chose to discard while quitting.
    discarded: HashSet<u64>,
    quitting: bool,
    title: String,
    styled: bool,
    close_window: bool,
}

impl OpmodelApp {
    /// An app with one empty model.
    pub fn new(recent: RecentFiles, picker: Picker) -> Self {
        let mut app = OpmodelApp {
            documents: Vec::new(),
            tabs: Vec::new(),
            active: 0,
            next_id: 1,
            queue: Vec::new(),
            canvas_actions: Vec::new(),
            recent,
            picker,
            dialog: None,
            status: "Ready".to_owned(),
            settings_open: false,
            discarded: HashSet::new(),
            quitting: false,
            title: String::new(),
            styled: false,
            close_window: false,
        };
        let empty = app.new_document(Model::default(), None);
        app.tabs.push(Tab::Document(empty));
        app
    }

    /// Opens `path` in the first tab, replacing the empty model; a bad file leaves the empty
    /// model and shows why.
    pub fn open_at_start(&mut self, path: &Path) {
        self.open_path(path, false);
    }

    /// The document shown in the active tab, if the active tab is a document.
    pub fn active_document(&self) -> Option<&Document> {
        match self.tabs.get(self.active)? {
            Tab::Document(id) => self.document(*id),
            Tab::Comparison { .. } => None,
        }
    }

    pub fn active_document_mut(&mut self) -> Option<&mut Document> {
        match self.tabs.get(self.active)? {
            Tab::Document(id) => {
                let id = *id;
                self.document_mut(id)
            }
            Tab::Comparison { .. } => None,
        }
    }

    pub fn tab_count(&self) -> usize {
        self.tabs.len()
    }

    /// Whether the active tab is a comparison.
    pub fn is_comparing(&self) -> bool {
        matches!(self.tabs.get(self.active), Some(Tab::Comparison { .. }))
    }

    /// The text of the open error dialog, if one is open.
    pub fn error_message(&self) -> Option<&str> {
        match &self.dialog {
            Some(Dialog::Error { message, .. }) => Some(message),
            _ => None,
        }
    }

    /// Queues a command, as a menu item or shortcut would.
    pub fn run(&mut self, command: UiCommand) {
        self.queue.push(command);
    }

    fn document(&self, id: u64) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    fn document_mut(&mut self, id: u64) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id == id)
    }

    fn new_document(&mut self, model: Model, path: Option<PathBuf>) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.documents.push(Document::new(id, model, path));
        id
    }

    fn active_document_id(&self) -> Option<u64> {
        self.active_document().map(|d| d.id)
    }

    /// Puts a document in the active tab (replacing its document) or in a new tab.
    fn show_document(&mut self, id: u64, new_tab: bool) {
        match self.tabs.get(self.active) {
            Some(Tab::Document(old)) if !new_tab => {
                let old = *old;
                self.tabs[self.active] = Tab::Document(id);
                self.forget_unreferenced(old);
            }
            _ => {
                self.tabs.push(Tab::Document(id));
                self.active = self.tabs.len() - 1;
            }
        }
    }

    /// Drops a document that no tab shows any more, with the comparisons that used it.
    fn forget_unreferenced(&mut self, id: u64) {
        let shown = self
            .tabs
            .iter()
            .any(|t| matches!(t, Tab::Document(d) if *d == id));
        if shown {
            return;
        }
        let active_tab = self.active;
        let mut index = 0;
        self.tabs.retain(|tab| {
            let keep = !matches!(tab, Tab::Comparison { a, b, .. } if *a == id || *b == id);
            if !keep && index < active_tab {
                self.active -= 1;
            }
            index += 1;
            keep
        });
        self.documents.retain(|d| d.id != id);
        self.active = self.active.min(self.tabs.len().saturating_sub(1));
    }

    // ----- files -----

    fn choose_file(&mut self, purpose: Purpose) {
        match self.picker {
            Picker::Native => {
                let chosen = match &purpose {
                    Purpose::SaveAs { doc, .. } => {
                        let suggested = self.suggested_path(*doc);
                        files::native_save(&suggested)
                    }
                    _ => files::native_open(self.recent.paths().first().map(PathBuf::as_path)),
                };
                if let Some(path) = chosen {
                    self.file_chosen(purpose, path);
                }
            }
            Picker::BuiltIn => {
                let text = match &purpose {
                    Purpose::SaveAs { doc, .. } => self.suggested_path(*doc).display().to_string(),
                    _ => String::new(),
                };
                self.dialog = Some(Dialog::Path {
                    purpose,
                    text,
                    problem: None,
                });
            }
        }
    }

    fn suggested_path(&self, doc: u64) -> PathBuf {
        let Some(doc) = self.document(doc) else {
            return PathBuf::from("model.ron");
        };
        if let Some(path) = &doc.path {
            return path.clone();
        }
        let folder = self
            .recent
            .paths()
            .first()
            .and_then(|p| p.parent().map(Path::to_owned))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        folder.join(files::suggested_file_name(&doc.model.name))
    }

    fn file_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open { new_tab } => self.open_path(&path, new_tab),
            Purpose::SaveAs { doc, then } => {
                self.write(doc, &files::with_ron_extension(path), then)
            }
            Purpose::Compare { with } => {
                if let Some(other) = self.load(&path) {
                    self.tabs.push(Tab::Document(other));
                    self.open_comparison(with, other);
                }
            }
        }
    }

    /// Loads a model into a new document, or shows why it cannot be loaded.
    fn load(&mut self, path: &Path) -> Option<u64> {
        match crate::io::load(path) {
            Ok(model) => {
                self.recent.add(path);
                let id = self.new_document(model, Some(path.to_owned()));
                if let Some(doc) = self.document_mut(id) {
                    doc.canvas.request_fit();
                }
                self.status = format!("Opened {}", path.display());
                Some(id)
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not open the model".to_owned(),
                    message: error.to_string(),
                });
                self.status = format!("Could not open {}", path.display());
                None
            }
        }
    }

    /// Opens a file in the active tab (or a new one); a failed load changes nothing.
    fn open_path(&mut self, path: &Path, new_tab: bool) {
        if let Some(id) = self.load(path) {
            self.show_document(id, new_tab);
        }
    }

    /// Saves a document to its file, or asks where when it has none.
    fn save(&mut self, doc: u64, then: Option<Pending>) {
        match self.document(doc).and_then(|d| d.path.clone()) {
            Some(path) => self.write(doc, &path, then),
            None => self.choose_file(Purpose::SaveAs { doc, then }),
        }
    }

    /// Writes atomically; on failure the model stays open and unsaved, and the user is told why.
    fn write(&mut self, doc: u64, path: &Path, then: Option<Pending>) {
        let Some(document) = self.document(doc) else {
            return;
        };
        match crate::io::save(&document.model, path) {
            Ok(()) => {
                if let Some(document) = self.document_mut(doc) {
                    document.mark_saved(path);
                }
                self.recent.add(path);
                self.status = format!("Saved {}", path.display());
                if let Some(then) = then {
                    self.resume(then);
                }
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not save the model".to_owned(),
                    message: format!(
                        "{}: {error}.\nNothing was lost: the model is still open, with its changes. Try Save as… to choose another place.",
                        path.display()
                    ),
                });
                self.quitting = false;
            }
        }
    }

    /// Runs `pending` unless a document it would discard has unsaved changes; then asks first.
    fn guard(&mut self, doc: Option<u64>, pending: Pending) {
        match doc.filter(|id| self.document(*id).is_some_and(Document::is_dirty)) {
            Some(doc) => self.dialog = Some(Dialog::Unsaved { doc, then: pending }),
            None => self.resume(pending),
        }
    }

    /// Carries on with an action once unsaved changes have been dealt with.
    fn resume(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                let id = self.new_document(Model::default(), None);
                self.show_document(id, false);
                self.status = "New model".to_owned();
            }
            Pending::Open => self.choose_file(Purpose::Open { new_tab: false }),
            Pending::OpenPath(path) => self.open_path(&path, false),
            Pending::CloseDocument(id) => self.close_document(id),
            Pending::Quit => self.quit(),
        }
    }

    fn close_document(&mut self, id: u64) {
        if let Some(index) = self
            .tabs
            .iter()
            .position(|t| matches!(t, Tab::Document(d) if *d == id))
        {
            self.tabs.remove(index);
            if self.active > index || self.active >= self.tabs.len() {
                self.active = self.active.saturating_sub(1);
            }
        }
        self.forget_unreferenced(id);
        if self.tabs.is_empty() {
            let empty = self.new_document(Model::default(), None);
            self.tabs.push(Tab::Document(empty));
            self.active = 0;
        }
    }

    fn close_tab(&mut self, index: usize) {
        match self.tabs.get(index) {
            Some(Tab::Document(id)) => {
                let id = *id;
                self.guard(Some(id), Pending::CloseDocument(id));
            }
            Some(Tab::Comparison { .. }) => {
                self.tabs.remove(index);
                if self.active >= index {
                    self.active = self.active.saturating_sub(1);
                }
            }
            None => {}
        }
    }

    /// Asks about each document with unsaved changes in turn, then closes the window.
    fn quit(&mut self) {
        self.quitting = true;
        let dirty = self
            .documents
            .iter()
            .find(|d| d.is_dirty() && !self.discarded.contains(&d.id))
            .map(|d| d.id);
        match dirty {
            Some(doc) => {
                if let Some(index) = self
                    .tabs
                    .iter()
                    .position(|t| matches!(t, Tab::Document(d) if *d == doc))
                {
                    self.active = index;
                }
                self.dialog = Some(Dialog::Unsaved {
                    doc,
                    then: Pending::Quit,
                });
            }
            None => self.close_window = true,
        }
    }

    fn open_comparison(&mut self, a: u64, b: u64) {
        self.tabs.push(Tab::Comparison {
            a,
            b,
            cache: Box::default(),
        });
        self.active = self.tabs.len() - 1;
    }

    fn duplicate_as_scenario(&mut self) {
        let Some(original) = self.active_document() else {
            return;
        };
        let mut model = original.model.clone();
        model.name = format!("{} (what-if)", original.model.name);
        let original_id = original.id;
        let copy = self.new_document(model, None);
        if let Some(doc) = self.document_mut(copy) {
            doc.scenario_of = Some(original_id);
            doc.mark_unsaved();
            doc.canvas.request_fit();
        }
        self.tabs.push(Tab::Comparison {
            a: original_id,
            b: copy,
            cache: Box::default(),
        });
        self.tabs.push(Tab::Document(copy));
        self.active = self.tabs.len() - 1;
        self.status = "What-if copy made: edit it and watch the difference".to_owned();
    }
}

// ----- commands -----

impl OpmodelApp {
    fn execute(&mut self, command: UiCommand, ui: &Ui) {
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
            UiCommand::ConnectMode => {
                if let Some(doc) = self.active_document_mut() {
                    doc.canvas.toggle_connect_mode();
                }
            }
            UiCommand::Escape => {
                if let Some(doc) = self.active_document_mut() {
                    if doc.canvas.connect_mode {
                        doc.canvas.toggle_connect_mode();
                    } else {
                        doc.selection = None;
                    }
                }
            }
            UiCommand::FitView => {
                if let Some(doc) = self.active_document_mut() {
                    doc.canvas.request_fit();
                }
            }
            UiCommand::AutoLayout => {
                if let Some(doc) = self.active_document_mut() {
                    doc.canvas.request_auto_layout();
                }
            }
            UiCommand::ToggleInteractions => {
                if let Some(doc) = self.active_document_mut() {
                    doc.canvas.toggle_interactions();
                }
            }
            UiCommand::ToggleLegend => {
                if let Some(doc) = self.active_document_mut() {
                    doc.canvas.toggle_legend();
                }
            }
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
    fn add_entity(
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
                self.status = format!("{label}: {id}");
            }
            Err(message) => self.status = message,
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
                format!("Remove dependency {from} → {to}"),
                actions::remove_dependency(model, from, to),
            ),
            Selection::Ownership { service } => (
                format!("Remove the owner of {service}"),
                actions::set_owner(model, service, None),
            ),
            Selection::Interaction { from, to } => (
                "Remove interaction".to_owned(),
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

    fn handle_canvas_action(&mut self, action: CanvasAction, ui: &Ui) {
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

// ----- drawing -----

impl OpmodelApp {
    /// Draws one frame into `ui` (the whole window) and runs the frame's commands.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.styled {
            ctx.set_theme(egui::Theme::Light);
            ctx.all_styles_mut(theme::apply);
            self.styled = true;
        }
        self.handle_window_events(&ctx);
        if self.dialog.is_none() {
            self.queue.extend(UiCommand::pressed(&ctx));
        }

        egui::Panel::top("menu-bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menus(ui));
        });
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
        self.main_area(ui);
        self.dialogs(&ctx);
        if self.settings_open
            && let Some(id) = self.active_document_id()
        {
            let mut open = true;
            if let Some(doc) = self.document_mut(id) {
                settings_editor::window(&ctx, doc, &mut open);
            }
            self.settings_open = open;
        }

        for command in std::mem::take(&mut self.queue) {
            self.execute(command, ui);
        }
        for action in std::mem::take(&mut self.canvas_actions) {
            self.handle_canvas_action(action, ui);
        }
        self.update_title(&ctx);
        if self.close_window {
            self.close_window = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// Dropped files, and the window's close button.
    fn handle_window_events(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let active = self.active_document_id();
            self.guard(active, Pending::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if !self.quitting {
                self.discarded.clear();
                self.quit();
            }
        }
    }

    /// Whether the window may close now: nothing unsaved is left that the user did not discard.
    fn close_confirmed(&self) -> bool {
        self.documents
            .iter()
            .all(|d| !d.is_dirty() || self.discarded.contains(&d.id))
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match self.tabs.get(self.active) {
            Some(Tab::Document(id)) => self.document(*id).map(Document::window_title),
            Some(Tab::Comparison { a, b, .. }) => {
                let name = |id: &u64| {
                    self.document(*id)
                        .map_or_else(String::new, |d| d.model.name.clone())
                };
                Some(format!("{} vs {} — Opmodel", name(a), name(b)))
            }
            None => None,
        }
        .unwrap_or_else(|| "Opmodel".to_owned());
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn command_item(&mut self, ui: &mut Ui, command: UiCommand, enabled: bool) {
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let text = match (command, self.active_document()) {
            (UiCommand::Undo, Some(doc)) => doc
                .history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
            (UiCommand::Redo, Some(doc)) => doc
                .history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
            _ => command.text().to_owned(),
        };
        let response = ui
            .add_enabled(enabled, Button::new(text).shortcut_text(shortcut))
            .on_hover_text(command.tooltip());
        if response.clicked() {
            self.queue.push(command);
            ui.close();
        }
    }

    fn menus(&mut self, ui: &mut Ui) {
        let has_doc = self.active_document().is_some();
        let can_undo = self
            .active_document()
            .is_some_and(|d| d.history.undo_label().is_some());
        let can_redo = self
            .active_document()
            .is_some_and(|d| d.history.redo_label().is_some());
        let has_selection = self
            .active_document()
            .is_some_and(|d| d.selection.is_some());
        ui.menu_button("File", |ui| {
            for command in [
                UiCommand::New,
                UiCommand::NewTab,
                UiCommand::Open,
                UiCommand::OpenInNewTab,
            ] {
                self.command_item(ui, command, true);
            }
            ui.menu_button("Open recent", |ui| {
                if self.recent.paths().is_empty() {
                    ui.label("No recent files");
                }
                for path in self.recent.paths().to_vec() {
                    if ui.button(path.display().to_string()).clicked() {
                        let active = self.active_document_id();
                        self.guard(active, Pending::OpenPath(path));
                        ui.close();
                    }
                }
            });
            ui.separator();
            self.command_item(ui, UiCommand::Save, has_doc);
            self.command_item(ui, UiCommand::SaveAs, has_doc);
            ui.separator();
            self.command_item(ui, UiCommand::CloseTab, true);
            if ui.button("Quit").clicked() {
                self.discarded.clear();
                self.quit();
                ui.close();
            }
        });
        ui.menu_button("Edit", |ui| {
            self.command_item(ui, UiCommand::Undo, can_undo);
            self.command_item(ui, UiCommand::Redo, can_redo);
            ui.separator();
            for command in [
                UiCommand::AddTeam,
                UiCommand::AddService,
                UiCommand::AddDomain,
                UiCommand::ConnectMode,
            ] {
                self.command_item(ui, command, has_doc);
            }
            self.command_item(ui, UiCommand::Delete, has_selection);
        });
        ui.menu_button("View", |ui| {
            for command in [
                UiCommand::FitView,
                UiCommand::AutoLayout,
                UiCommand::ToggleInteractions,
                UiCommand::ToggleLegend,
            ] {
                self.command_item(ui, command, has_doc);
            }
        });
        ui.menu_button("Model", |ui| {
            for command in [
                UiCommand::Settings,
                UiCommand::DuplicateScenario,
                UiCommand::CompareWith,
            ] {
                self.command_item(ui, command, has_doc);
            }
        });
        ui.menu_button("Help", |ui| {
            ui.label(RichText::new("Keyboard shortcuts").strong());
            egui::Grid::new("shortcut-help")
                .num_columns(2)
                .show(ui, |ui| {
                    for command in UiCommand::ALL {
                        if let Some(shortcut) = command.shortcut() {
                            ui.label(ui.ctx().format_shortcut(&shortcut));
                            ui.label(command.text());
                            ui.end_row();
                        }
                    }
                });
            ui.separator();
            ui.label("Drag empty canvas to pan; mouse wheel to zoom; drag a node to move it.");
            ui.label(format!("Opmodel {}", env!("CARGO_PKG_VERSION")));
        });
    }

    fn tool_button(
        &mut self,
        ui: &mut Ui,
        command: UiCommand,
        icon: &str,
        enabled: bool,
        selected: bool,
    ) {
        let text = format!("{icon} {}", command.text());
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let response = ui
            .add_enabled(enabled, Button::new(text).selected(selected))
            .on_hover_text(format!("{} ({shortcut})", command.tooltip()));
        if response.clicked() {
            self.queue.push(command);
        }
    }

    fn toolbar(&mut self, ui: &mut Ui) {
        let doc = self.active_document();
        let has_doc = doc.is_some();
        let can_undo = doc.is_some_and(|d| d.history.undo_label().is_some());
        let can_redo = doc.is_some_and(|d| d.history.redo_label().is_some());
        let has_selection = doc.is_some_and(|d| d.selection.is_some());
        let connecting = doc.is_some_and(|d| d.canvas.connect_mode);
        let interactions = doc.is_some_and(|d| d.canvas.show_interactions);
        ui.horizontal_wrapped(|ui| {
            self.tool_button(ui, UiCommand::AddTeam, "➕", has_doc, false);
            self.tool_button(ui, UiCommand::AddService, "➕", has_doc, false);
            self.tool_button(ui, UiCommand::AddDomain, "➕", has_doc, false);
            self.tool_button(ui, UiCommand::ConnectMode, "🔗", has_doc, connecting);
            self.tool_button(ui, UiCommand::Delete, "🗑", has_selection, false);
            ui.separator();
            self.tool_button(ui, UiCommand::Undo, "⟲", can_undo, false);
            self.tool_button(ui, UiCommand::Redo, "⟳", can_redo, false);
            ui.separator();
            self.tool_button(ui, UiCommand::FitView, "⛶", has_doc, false);
            self.tool_button(ui, UiCommand::AutoLayout, "✨", has_doc, false);
            self.tool_button(
                ui,
                UiCommand::ToggleInteractions,
                "👥",
                has_doc,
                interactions,
            );
            ui.separator();
            self.tool_button(ui, UiCommand::Settings, "⚙", has_doc, self.settings_open);
            self.tool_button(ui, UiCommand::DuplicateScenario, "⎘", has_doc, false);
            self.tool_button(ui, UiCommand::CompareWith, "⚖", has_doc, false);
        });
    }

    fn tab_label(&self, tab: &Tab) -> String {
        match tab {
            Tab::Document(id) => self.document(*id).map_or_else(String::new, |d| {
                let marker = if d.is_dirty() { " •" } else { "" };
                let what_if = if d.scenario_of.is_some() { "⎘ " } else { "" };
                format!("{what_if}{}{marker}", d.model.name)
            }),
            Tab::Comparison { a, b, .. } => {
                let name = |id: &u64| {
                    self.document(*id)
                        .map_or_else(String::new, |d| d.model.name.clone())
                };
                format!("⚖ {} vs {}", name(a), name(b))
            }
        }
    }

    fn tab_bar(&mut self, ui: &mut Ui) {
        let mut close = None;
        ui.horizontal_wrapped(|ui| {
            for index in 0..self.tabs.len() {
                let label = self.tab_label(&self.tabs[index]);
                let file = match &self.tabs[index] {
                    Tab::Document(id) => self.document(*id).map(|d| {
                        d.path
                            .as_ref()
                            .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string())
                    }),
                    Tab::Comparison { .. } => Some("Comparison".to_owned()),
                };
                ui.group(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    let tab = ui
                        .selectable_label(index == self.active, label)
                        .on_hover_text(file.unwrap_or_default());
                    if tab.clicked() {
                        self.active = index;
                    }
                    if ui
                        .small_button("🗙")
                        .on_hover_text("Close this tab")
                        .clicked()
                    {
                        close = Some(index);
                    }
                });
            }
        });
        if let Some(index) = close {
            self.close_tab(index);
        }
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(&self.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(doc) = self.active_document() {
                    let place = doc
                        .path
                        .as_ref()
                        .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string());
                    ui.label(RichText::new(place).color(theme::MUTED_INK));
                    let errors = doc.analysis.count(crate::analysis::Severity::Error);
                    let colour = if errors > 0 { theme::RED } else { theme::GREEN };
                    ui.colored_label(colour, format!("{errors} errors"));
                }
            });
        });
    }

    fn main_area(&mut self, ui: &mut Ui) {
        let Some(tab) = self.tabs.get_mut(self.active) else {
            return;
        };
        match tab {
            Tab::Comparison { a, b, cache } => {
                let (a, b) = (*a, *b);
                let mut cache = std::mem::take(cache);
                let mut jump = None;
                egui::CentralPanel::default().show(ui, |ui| {
                    if let (Some(doc_a), Some(doc_b)) = (self.document(a), self.document(b)) {
                        jump = compare_view::show(ui, doc_a, doc_b, &mut cache);
                    }
                });
                if let Some(Tab::Comparison { cache: slot, .. }) = self.tabs.get_mut(self.active) {
                    *slot = cache;
                }
                if let Some(jump) = jump {
                    self.jump_to(jump);
                }
            }
            Tab::Document(id) => {
                let id = *id;
                self.document_panels(ui, id);
            }
        }
    }

    fn jump_to(&mut self, jump: compare_view::Jump) {
        if let Some(index) = self
            .tabs
            .iter()
            .position(|t| matches!(t, Tab::Document(d) if *d == jump.doc))
        {
            self.active = index;
        } else {
            self.tabs.push(Tab::Document(jump.doc));
            self.active = self.tabs.len() - 1;
        }
        if let Some(doc) = self.document_mut(jump.doc) {
            doc.select_and_centre(jump.selection);
        }
    }

    fn document_panels(&mut self, ui: &mut Ui, id: u64) {
        let Some(index) = self.documents.iter().position(|d| d.id == id) else {
            return;
        };
        let baseline_index = self.documents[index]
            .scenario_of
            .and_then(|original| self.documents.iter().position(|d| d.id == original));
        let mut command = None;
        egui::Panel::left("inspector")
            .resizable(true)
            .default_size(320.0)
            .min_size(240.0)
            .max_size(460.0)
            .show(ui, |ui| {
                command = inspector::show(ui, &mut self.documents[index]);
            });
        egui::Panel::right("figures")
            .resizable(true)
            .default_size(420.0)
            .min_size(280.0)
            .max_size(520.0)
            .show(ui, |ui| {
                let (doc, baseline) = match baseline_index {
                    Some(b) if b < index => {
                        let (left, right) = self.documents.split_at_mut(index);
                        (&mut right[0], Some(&left[b]))
                    }
                    Some(b) if b > index => {
                        let (left, right) = self.documents.split_at_mut(b);
                        (&mut left[index], Some(&right[0]))
                    }
                    _ => (&mut self.documents[index], None),
                };
                let baseline = baseline.map(|b| figures::Baseline {
                    name: &b.model.name,
                    analysis: &b.analysis,
                });
                figures::show(ui, doc, baseline);
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let doc = &mut self.documents[index];
            let actions =
                doc.canvas
                    .show(ui, &doc.model, &doc.analysis, doc.revision, &doc.selection);
            self.canvas_actions.extend(actions);
        });
        if let Some(command) = command {
            self.queue.push(command);
        }
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<AfterDialog> = None;
        let doc_name = |app: &OpmodelApp, id: u64| {
            app.document(id)
                .map_or_else(String::new, |d| d.model.name.clone())
        };
        let mut dialog = dialog;
        Modal::new(Id::new("opmodel-dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &mut dialog {
                Dialog::Error { title, message } => {
                    ui.heading(title.as_str());
                    ui.add_space(6.0);
                    ui.label(message.as_str());
                    ui.add_space(10.0);
                    if ui.button("OK").clicked()
                        || ui.input(|i| {
                            i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape)
                        })
                    {
                        keep = false;
                    }
                }
                Dialog::Unsaved { doc, then: pending } => {
                    let (doc, pending) = (*doc, pending.clone());
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "“{}” has changes that are not saved.",
                        doc_name(self, doc)
                    ));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            let pending = pending.clone();
                            then = Some(Box::new(move |app| app.save(doc, Some(pending))));
                        }
                        if ui.button("Don't save").clicked() {
                            keep = false;
                            let pending = pending.clone();
                            then = Some(Box::new(move |app| {
                                app.discarded.insert(doc);
                                app.resume(pending);
                            }));
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            keep = false;
                            then = Some(Box::new(|app| app.quitting = false));
                        }
                    });
                }
                Dialog::Path {
                    purpose,
                    text,
                    problem,
                } => {
                    let saving = matches!(purpose, Purpose::SaveAs { .. });
                    ui.heading(if saving {
                        "Save the model as"
                    } else {
                        "Open a model"
                    });
                    let label = ui.label("Path of the .ron file").id;
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(text)
                                .desired_width(520.0)
                                .id(Id::new("path-field")),
                        )
                        .labelled_by(label);
                    if !field.has_focus() && problem.is_none() && text.is_empty() {
                        field.request_focus();
                    }
                    if let Some(problem) = problem.as_ref() {
                        ui.colored_label(theme::RED, problem.as_str());
                    }
                    if !saving {
                        let nearby = self.recent.nearby_models();
                        if !nearby.is_empty() {
                            ui.label(RichText::new("Models nearby:").color(theme::MUTED_INK));
                            egui::ScrollArea::vertical()
                                .max_height(160.0)
                                .show(ui, |ui| {
                                    for path in nearby {
                                        if ui.link(path.display().to_string()).clicked() {
                                            *text = path.display().to_string();
                                        }
                                    }
                                });
                        }
                    }
                    ui.add_space(8.0);
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        let confirm =
                            ui.button(if saving { "Save" } else { "Open" }).clicked() || enter;
                        if confirm {
                            let path = PathBuf::from(text.trim());
                            if text.trim().is_empty() {
                                *problem = Some("Type the path of a file.".to_owned());
                            } else if !saving && !path.is_file() {
                                *problem = Some(format!("There is no file at {}.", path.display()));
                            } else {
                                keep = false;
                                let purpose = purpose.clone();
                                then = Some(Box::new(move |app| app.file_chosen(purpose, path)));
                            }
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            keep = false;
                            then = Some(Box::new(|app| app.quitting = false));
                        }
                    });
                }
                Dialog::CompareWith { doc } => {
                    let doc = *doc;
                    ui.heading(format!("Compare “{}” with…", doc_name(self, doc)));
                    ui.add_space(6.0);
                    let others: Vec<(u64, String)> = self
                        .documents
                        .iter()
                        .filter(|d| d.id != doc)
                        .map(|d| (d.id, format!("{} ({})", d.model.name, d.file_label())))
                        .collect();
                    if others.is_empty() {
                        ui.label(RichText::new("No other model is open.").color(theme::MUTED_INK));
                    }
                    for (other, label) in others {
                        if ui.button(label).clicked() {
                            keep = false;
                            then = Some(Box::new(move |app| app.open_comparison(doc, other)));
                        }
                    }
                    ui.separator();
                    ui.horizontal(|ui| {
                        if ui.button("Open a file…").clicked() {
                            keep = false;
                            then = Some(Box::new(move |app| {
                                app.choose_file(Purpose::Compare { with: doc })
                            }));
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            keep = false;
                        }
                    });
                }
            }
        });
        if keep {
            self.dialog = Some(dialog);
        }
        if let Some(then) = then {
            then(self);
        }
    }
}

impl eframe::App for OpmodelApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, files::RECENT_KEY, &self.recent.paths().to_vec());
    }
}

/// Opens the editor window, on `file` if given. Returns when the window closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Opmodel")
            .with_app_id("opmodel")
            .with_inner_size([1480.0, 920.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Opmodel",
        options,
        Box::new(move |cc| {
            let recent = cc
                .storage
                .and_then(|s| eframe::get_value::<Vec<PathBuf>>(s, files::RECENT_KEY))
                .unwrap_or_default();
            let mut app = OpmodelApp::new(RecentFiles::from_paths(recent), Picker::detect());
            if let Some(path) = &file {
                app.open_at_start(path);
                if let Some(message) = app.error_message() {
                    eprintln!("opmodel: {message}");
                }
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("opmodel: cannot open a window: {error}");
            ExitCode::from(1)
        }
    }
}
