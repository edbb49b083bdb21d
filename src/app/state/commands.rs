//! Every change of the editor's state as a [`Command`], sent on one channel and applied in
//! order, once per frame, by [`super::Workspace::drain`] — edits, selection, tabs, windows,
//! dialogs and the camera alike, as rerun's viewer sends its `SystemCommand`s. Views hold a
//! [`CommandSender`] and read the state; they never change it themselves.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};

use super::assess::{AssessCommand, ViewMode};
use super::dialogs::Answer;
use super::ids::DocumentId;
use super::ids::ViewId;
use super::ui_command::UiCommand;
use super::view::Selection;
use crate::edit::Edit;
use crate::model::Position;

/// The kinds of entity that can be added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewEntity {
    Team,
    Service,
    Domain,
}

/// The windows that float over the editor without stopping it, as dialogs do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    Settings,
    /// The command palette.
    Palette,
}

/// A change of a view that is not an edit of its document.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewCommand {
    /// Select exactly one thing (or, with `None`, nothing).
    Select(Option<Selection>),
    /// Add something to the selection, or take it out if it is in: a Shift or Ctrl click.
    Toggle(Selection),
    /// Select all of `items`: instead of the selection, or (`add`) as well as it.
    SelectMany { items: Vec<Selection>, add: bool },
    /// The name being edited on the canvas was left as it was (Esc).
    StopRenaming,
    /// Edit entity `id`'s name on the canvas: a double click on its node.
    StartRenaming(String),
    /// The camera moved: the model position now at the middle of the view.
    Moved(Position),
    /// Connect mode, started from one entity on the canvas ("Connect from here…").
    StartConnecting,
    /// The Find box closed itself.
    SearchClosed,
    /// Show team interactions (after one is added).
    ShowInteractions,
    /// Show the document as the canvas or as the Assess table.
    Mode(ViewMode),
    /// Sort, filter or select rows in the Assess table.
    Assess(AssessCommand),
}

/// A change of which models a comparison tab shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComparisonCommand {
    /// Make this model A, the one every change is worked out against.
    MakeBaseline(DocumentId),
    /// Add an open model (up to 8).
    Add(DocumentId),
    /// Take a model out (down to 2).
    Remove(DocumentId),
    /// Choose a file to open and add.
    AddFile,
}

/// Everything that changes the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// A menu item, toolbar button or shortcut, acting on the active tab.
    Ui(UiCommand),
    OpenRecent(PathBuf),
    /// A file dropped on the window.
    OpenDropped(PathBuf),
    /// An undoable change built by [`crate::edit::actions`] (or the reason it could not be
    /// built).
    Edit {
        doc: DocumentId,
        label: String,
        edit: Result<Edit, String>,
        merge_key: Option<String>,
    },
    /// The user let go of a field: its next edit starts a new undo step.
    Seal(DocumentId),
    /// Adds a team, service or domain to the document of view `view`, where the canvas
    /// says or else beside the selection or in the middle of the view, and selects it.
    Add {
        view: ViewId,
        kind: NewEntity,
        at: Option<Position>,
        owner: Option<String>,
    },
    /// Joins two entities of view `view`'s document: what that means depends on what they
    /// are (a dependency, an owner, a team's domain or an interaction).
    Connect {
        view: ViewId,
        from: String,
        to: String,
    },
    /// Deletes everything `selection` names from view `view`'s document, as one step.
    Delete {
        view: ViewId,
        selection: Vec<Selection>,
    },
    /// Gives entity `id` of view `view`'s document the name typed on the canvas; its id
    /// follows when it followed the old name.
    Rename {
        view: ViewId,
        id: String,
        name: String,
    },
    /// Pastes clipboard text into view `view`'s document, around `at` (the pointer on the
    /// canvas) or else the middle of the view.
    Paste {
        view: ViewId,
        text: String,
        at: Option<Position>,
    },
    View(ViewId, ViewCommand),
    Comparison(ViewId, ComparisonCommand),
    /// Opens the model of phase `phase` of roadmap tab `view`.
    OpenPhase {
        view: ViewId,
        phase: usize,
    },
    /// Shows document `doc`'s tab, selects something in it and centres it: a link in a
    /// panel, a comparison or the import notes.
    Reveal {
        doc: DocumentId,
        selection: Selection,
    },
    SelectTab(usize),
    CloseTab(usize),
    /// A floating window's close button.
    Hide(Window),
    /// The main window's close button.
    CloseRequested,
    Answer(Answer),
    CancelJob(u64),
    /// A watched file may have changed on disk: look at the open documents' files.
    CheckDisk,
    /// Hide the "changed on disk" banner until the file changes again.
    KeepMine(DocumentId),
    /// Close the import notes of document `doc`.
    DismissImportNotes(DocumentId),
}

/// Wakes the window from idle so that it applies what a background thread sent. The state
/// layer knows nothing of egui; the app hands it a waker that asks egui for a frame.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The sending end of the command channel: cheap to clone, usable from any thread.
#[derive(Clone)]
pub struct CommandSender {
    sender: Sender<Command>,
}

impl CommandSender {
    pub fn send(&self, command: Command) {
        // The receiver lives as long as the workspace, which outlives every view.
        let _ = self.sender.send(command);
    }

    /// Sends an edit of document `doc`.
    pub fn edit(
        &self,
        doc: DocumentId,
        label: &str,
        edit: Result<Edit, String>,
        merge_key: Option<String>,
    ) {
        self.send(Command::Edit {
            doc,
            label: label.to_owned(),
            edit,
            merge_key,
        });
    }

    pub fn ui(&self, command: UiCommand) {
        self.send(Command::Ui(command));
    }

    pub fn view(&self, view: ViewId, command: ViewCommand) {
        self.send(Command::View(view, command));
    }
}

/// The command channel: its sender for the views, its receiver for the workspace.
pub(super) fn channel() -> (CommandSender, Receiver<Command>) {
    let (sender, receiver) = mpsc::channel();
    (CommandSender { sender }, receiver)
}
