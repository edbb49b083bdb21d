//! Applying commands: [`Workspace::apply`], the one function through which anything in the
//! workspace changes, and the one path every edit of a document takes,
//! [`Workspace::edit`]. What adding, deleting and connecting mean is in `editing.rs`; the
//! life of files and tabs in `lifecycle.rs`.

use super::assess::{AssessCommand, Filter, ViewMode};
use super::commands::{Command, NewEntity, ViewCommand, Window};
use super::dialogs::{Answer, Dialog, Pending, Purpose};
use super::errors::AppError;
use super::ids::DocumentId;
use super::ids::ViewId;
use super::jobs::LoadInto;
use super::transfer::{ExportFormat, ImportSource};
use super::ui_command::UiCommand;
use super::view::{CameraRequest, DocumentView, Selection, SelectionSet, View};
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
            Command::Paste { view, text, at } => self.paste(view, &text, at),
            Command::Rename { view, id, name } => self.rename_in_place(view, &id, &name),
            Command::View(view, command) => self.change_view(view, command),
            Command::Comparison(view, command) => self.change_comparison(view, command),
            Command::OpenPhase { view, phase } => self.open_phase(view, phase),
            Command::Reveal { doc, selection } => self.reveal(doc, selection),
            Command::SelectTab(index) => {
                if index < self.tabs.len() {
                    self.active = index;
                }
            }
            Command::CloseTab(index) => self.close_tab(index),
            Command::Hide(Window::Settings) => self.settings_open = false,
            Command::Hide(Window::Palette) => self.palette_open = false,
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
                self.refresh_selections(doc);
                true
            }
            Err(message) => {
                self.report(AppError::Edit { doc, message });
                false
            }
        }
    }

    /// After a change of document `doc`: its views' selections follow the ids it renamed
    /// and let go of what it no longer has.
    fn refresh_selections(&mut self, doc: DocumentId) {
        let Some(document) = self.documents.iter().find(|d| d.id() == doc) else {
            return;
        };
        for tab in &mut self.tabs {
            if let View::Document(view) = tab
                && view.doc == doc
            {
                view.selection.refresh(document.model(), document.renamed());
            }
        }
    }

    fn change_view(&mut self, id: ViewId, command: ViewCommand) {
        let Some(view) = self.tabs.iter_mut().find_map(|tab| match tab {
            View::Document(view) if view.id == id => Some(view),
            _ => None,
        }) else {
            return;
        };
        let Some(doc) = self.documents.iter().find(|d| d.id() == view.doc) else {
            return;
        };
        // Only what the model holds can be selected: a rename that was refused leaves the
        // selection on the old id.
        let model = doc.model();
        match command {
            ViewCommand::Select(selection) => {
                if selection.as_ref().is_none_or(|s| s.exists_in(model)) {
                    view.select(selection);
                }
            }
            ViewCommand::Toggle(item) => {
                if item.exists_in(model) {
                    view.selection.toggle(item);
                }
            }
            ViewCommand::SelectMany { items, add } => {
                let items = items.into_iter().filter(|s| s.exists_in(model));
                if add {
                    view.selection.add(items);
                } else {
                    view.selection = SelectionSet::of(items);
                }
            }
            ViewCommand::StartRenaming(id) => {
                if model.id_in_use(&id) {
                    view.select(Some(Selection::Entity(id.clone())));
                    view.renaming = Some(id);
                }
            }
            ViewCommand::StopRenaming => view.renaming = None,
            ViewCommand::Moved(centre) => view.camera.moved_to(centre),
            ViewCommand::StartConnecting => view.modes.connecting = true,
            ViewCommand::SearchClosed => view.modes.searching = false,
            ViewCommand::ShowInteractions => view.modes.interactions = true,
            ViewCommand::Mode(mode) => view.mode = mode,
            ViewCommand::Assess(command) => {
                if let AssessCommand::SelectRows { rows, cursor } = &command {
                    if cursor.as_ref().is_some_and(|id| !model.id_in_use(id)) {
                        return;
                    }
                    // The rows are the tab's selection, the cursor's last: the one the
                    // table and the inspector show.
                    let others = rows.iter().filter(|id| Some(*id) != cursor.as_ref());
                    let rows = others.chain(cursor).filter(|id| model.id_in_use(id));
                    view.selection = SelectionSet::of(rows.cloned().map(Selection::Entity));
                }
                view.assess.apply(command);
            }
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
            view.select(Some(selection));
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
            Answer::Compare(docs) => self.open_comparison(docs),
            Answer::CompareWithFile { doc } => self.choose_file(Purpose::Compare {
                with: vec![doc],
                into: None,
            }),
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
            Answer::Export {
                source,
                format,
                path,
            } => self.start_export(source, format, path),
            Answer::BrowseExport {
                source,
                format,
                typed,
            } => {
                self.browse_export(source, format, typed);
            }
            Answer::Assess { doc } => self.assess_unassessed(doc),
            Answer::DecideLater => {
                self.autosave.stale.clear();
                self.status = "The recovered work is kept for the next start".to_owned();
            }
        }
    }

    /// Shows document `doc` in the Assess view, listing only the services not assessed yet.
    fn assess_unassessed(&mut self, doc: DocumentId) {
        let Some(index) = self.tab_of(doc) else {
            return;
        };
        self.active = index;
        if let Some(view) = self.active_view_mut() {
            view.mode = ViewMode::Assess;
            let filter = Filter {
                unassessed_only: true,
                ..Filter::default()
            };
            view.assess.apply(AssessCommand::Filter(filter));
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
            UiCommand::NewRoadmap => self.new_roadmap(),
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
                let selected = self.active_view().map(|v| v.selection.all().to_vec());
                if let (Some(view), Some(selection)) = (view, selected) {
                    self.delete(view, selection);
                }
            }
            UiCommand::SelectAll => self.select_all(),
            UiCommand::Copy => {
                self.copy();
            }
            UiCommand::Cut => self.cut(),
            UiCommand::Paste => self.paste_requests += 1,
            UiCommand::Duplicate => self.duplicate(),
            UiCommand::Palette => self.palette_open = true,
            UiCommand::Rename => {
                if let Some(view) = self.active_view_mut() {
                    view.renaming = view.selected_entity().map(str::to_owned);
                }
            }
            UiCommand::Escape => self.escape(),
            // A model, a comparison or a roadmap can be presented.
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
                if let Some(doc) = active.or_else(|| self.comparison_baseline()) {
                    self.open_dialog(Dialog::CompareWith { doc });
                }
            }
            UiCommand::Assess => {
                if let Some(view) = self.active_view_mut() {
                    view.mode = match view.mode {
                        ViewMode::Canvas => ViewMode::Assess,
                        ViewMode::Assess => ViewMode::Canvas,
                    };
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
                self.refresh_selections(id);
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
            view.select(None);
        }
    }
}

/// The canvas's toggles and camera requests, on the active view.
fn change_canvas(view: &mut DocumentView, command: UiCommand, presenting: bool) {
    if view.mode == ViewMode::Assess {
        // The table has no canvas: Find looks in its filter box, the rest wait for the canvas.
        if command == UiCommand::Find {
            view.assess.find += 1;
        }
        return;
    }
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
