//! Applying commands: [`Workspace::apply`], the one function through which anything in the
//! workspace changes, and the one path every edit of a document takes,
//! [`Workspace::edit`]. What adding, deleting and connecting mean is in `editing.rs`; the
//! life of files and tabs in `lifecycle.rs`.

use super::commands::{Command, NewEntity, ViewCommand, Window};
use super::dialogs::{Answer, Dialog, Pending, Purpose};
use super::errors::AppError;
use super::ids::DocumentId;
use super::ids::ViewId;
use super::jobs::LoadInto;
use super::transfer::{ExportFormat, ImportSource};
use super::ui_command::UiCommand;
use super::view::{CameraRequest, DocumentView, Selection, View};
use super::workspace::Workspace;
use crate::edit::Edit;
use crate::model::Model;

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
            Command::Edit {
                doc,
                label,
                edit,
                merge_key,
            } => {
                self.edit(doc, &label, edit, merge_key);
            }
            Command::Seal(doc) => {
                if let Some(doc) = self.document_mut(doc) {
                    doc.seal();
                }
            }
            Command::Add {
                view,
                kind,
                at,
                owner,
            } => self.add_entity(view, kind, at, owner),
            Command::Connect { view, from, to } => self.connect(view, &from, &to),
            Command::Delete { view, selection } => self.delete(view, selection),
            Command::View(view, command) => self.change_view(view, command),
            Command::Reveal { doc, selection } => self.reveal(doc, selection),
            Command::SelectTab(index) => {
                if index < self.tabs.len() {
                    self.active = index;
                }
            }
            Command::CloseTab(index) => self.close_tab(index),
            Command::Hide(Window::Settings) => self.settings_open = false,
            Command::CloseRequested => self.start_quit(),
            Command::Answer(answer) => self.answer(answer),
            Command::CancelJob(id) => self.cancel_job(id),
            Command::CheckDisk => self.check_disk(),
            Command::KeepMine(doc) => {
                if let Some((_, kept)) = self.document_mut(doc).and_then(|d| d.disk_state.as_mut())
                {
                    *kept = true;
                }
            }
            Command::DismissImportNotes(doc) => {
                if let Some(doc) = self.document_mut(doc) {
                    doc.import_notes = None;
                }
            }
        }
    }

    /// Applies an edit to a document as one undo step, or reports why it cannot be; returns
    /// whether it was applied. Every change of a model comes through here.
    pub(super) fn edit(
        &mut self,
        doc: DocumentId,
        label: &str,
        edit: Result<Edit, String>,
        merge_key: Option<String>,
    ) -> bool {
        let Some(document) = self.document_mut(doc) else {
            return false;
        };
        match edit.and_then(|edit| document.apply(label, edit, merge_key)) {
            Ok(()) => {
                self.status = label.to_owned();
                self.forget_lost_selections(doc);
                true
            }
            Err(message) => {
                self.report(AppError::Edit { doc, message });
                false
            }
        }
    }

    /// Clears the selections of document `doc`'s views that name an entity it no longer has.
    fn forget_lost_selections(&mut self, doc: DocumentId) {
        let Some(index) = self.documents.iter().position(|d| d.id() == doc) else {
            return;
        };
        let model = self.documents[index].model();
        for tab in &mut self.tabs {
            if let View::Document(view) = tab
                && view.doc == doc
                && view
                    .selected_entity()
                    .is_some_and(|id| !model.id_in_use(id))
            {
                view.selection = None;
            }
        }
    }

    fn change_view(&mut self, id: ViewId, command: ViewCommand) {
        if let ViewCommand::Select(Some(Selection::Entity(entity))) = &command {
            // Only what the model holds can be selected: a rename that was refused leaves
            // the selection on the old id.
            let doc = self.tabs.iter().find_map(|t| match t {
                View::Document(view) if view.id == id => Some(view.doc),
                _ => None,
            });
            let exists = doc
                .and_then(|doc| self.document(doc))
                .is_some_and(|doc| doc.model().id_in_use(entity));
            if !exists {
                return;
            }
        }
        let Some(view) = self.view_mut(id) else {
            return;
        };
        match command {
            ViewCommand::Select(selection) => view.selection = selection,
            ViewCommand::Moved(centre) => view.camera.moved_to(centre),
            ViewCommand::StartConnecting => view.modes.connecting = true,
            ViewCommand::SearchClosed => view.modes.searching = false,
            ViewCommand::ShowInteractions => view.modes.interactions = true,
        }
    }

    /// Shows a document's tab, selects something in it and brings it into view.
    pub(super) fn reveal(&mut self, doc: DocumentId, selection: Selection) {
        let Some(index) = self.tab_of(doc) else {
            return;
        };
        self.active = index;
        if let Some(view) = self.active_view_mut() {
            if let Selection::Entity(id) = &selection {
                view.camera.request(CameraRequest::Centre(id.clone()));
            }
            view.selection = Some(selection);
        }
    }

    /// Acts on the answer to the open dialog, which closes.
    fn answer(&mut self, answer: Answer) {
        if !matches!(answer, Answer::Restore(_) | Answer::DiscardRecovered(_)) {
            self.close_dialog();
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
        let view = self.active_view().map(DocumentView::id);
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
            UiCommand::Undo | UiCommand::Redo => self.undo_or_redo(command == UiCommand::Undo),
            UiCommand::AddTeam | UiCommand::AddService | UiCommand::AddDomain => {
                let kind = match command {
                    UiCommand::AddTeam => NewEntity::Team,
                    UiCommand::AddService => NewEntity::Service,
                    _ => NewEntity::Domain,
                };
                if let Some(view) = view {
                    self.add_entity(view, kind, None, None);
                }
            }
            UiCommand::Delete => {
                let selected = self.active_view().and_then(|v| v.selection.clone());
                if let (Some(view), Some(selection)) = (view, selected) {
                    self.delete(view, selection);
                }
            }
            UiCommand::Escape => self.escape(),
            UiCommand::Present => self.presenting = !self.presenting && self.active_tab().is_some(),
            UiCommand::AutoLayout => {
                if let Some(doc) = active {
                    self.start_layout(doc);
                }
            }
            UiCommand::Settings => self.settings_open = !self.settings_open,
            UiCommand::DuplicateScenario => self.duplicate_as_scenario(),
            UiCommand::Import => self.choose_import(false),
            UiCommand::ImportFolder => self.choose_import(true),
            UiCommand::Export => self.choose_export(self.last_export_format),
            UiCommand::ExportDeck => self.choose_export(ExportFormat::Pdf),
            UiCommand::CompareWith => {
                if let Some(doc) = active {
                    self.open_dialog(Dialog::CompareWith { doc });
                }
            }
            UiCommand::ConnectMode
            | UiCommand::Find
            | UiCommand::FitView
            | UiCommand::ToggleInteractions
            | UiCommand::ToggleLegend => {
                let presenting = self.presenting;
                if let Some(view) = self.active_view_mut() {
                    change_canvas(view, command, presenting);
                }
            }
        }
    }

    fn undo_or_redo(&mut self, undo: bool) {
        let Some(doc) = self.active_document_mut() else {
            return;
        };
        let (done, verb) = if undo {
            (doc.undo(), "Undid")
        } else {
            (doc.redo(), "Redid")
        };
        let id = doc.id();
        match done {
            Ok(label) => {
                self.status = format!("{verb}: {label}");
                self.forget_lost_selections(id);
            }
            Err(error) => self.report(AppError::Undo(error)),
        }
    }

    /// Esc leaves the innermost thing: the Find box, connect mode, presentation mode, and
    /// last the selection.
    fn escape(&mut self) {
        let presenting = self.presenting;
        let Some(view) = self.active_view_mut() else {
            self.presenting = false;
            return;
        };
        let modes = &mut view.modes;
        if modes.searching {
            modes.searching = false;
        } else if modes.connecting {
            modes.connecting = false;
        } else if presenting {
            self.presenting = false;
        } else {
            view.selection = None;
        }
    }
}

/// The canvas's toggles and camera requests, on the active view.
fn change_canvas(view: &mut DocumentView, command: UiCommand, presenting: bool) {
    let modes = &mut view.modes;
    match command {
        UiCommand::ConnectMode => modes.connecting = !modes.connecting,
        UiCommand::Find => modes.searching = true,
        UiCommand::FitView => view.camera.request(CameraRequest::Fit),
        UiCommand::ToggleInteractions => modes.interactions = !modes.interactions,
        UiCommand::ToggleLegend if presenting => {
            modes.legend_presenting = !modes.legend_presenting;
        }
        UiCommand::ToggleLegend => modes.legend = !modes.legend,
        _ => {}
    }
}
