//! The editor's state, apart from any drawing and free of egui: the [`Workspace`] of open
//! [`Document`]s and the [`View`]s (tabs) that show them, and the [`Command`]s that change
//! them, sent on one channel and applied once per frame. Its tests drive whole sessions
//! without a window.
//!
//! Where things go:
//! - a new kind of change is a variant of [`Command`] (`commands.rs`), applied in
//!   `apply.rs`; a new menu item or shortcut is a row of the [`UiCommand`] table
//!   (`ui_command.rs`), run in `apply.rs`;
//! - a new question for the user is a [`Dialog`] with its [`Answer`]s (`dialogs.rs`);
//! - a new background task is a `Task` with its `Outcome` (`jobs.rs`), taken in
//!   `background.rs`;
//! - what a view remembers of its document — selection, canvas modes, camera — is in
//!   `view.rs`; what a document is, in `document.rs`.

mod apply;
mod assess;
mod autosave;
mod background;
mod clipboard;
mod commands;
mod comparisons;
mod dialogs;
mod document;
mod editing;
mod errors;
mod files;
mod ids;
mod import_export;
mod jobs;
mod lifecycle;
mod palette;
mod recovery;
mod roadmaps;
mod transfer;
mod ui_command;
mod view;
mod watch;
mod workspace;

#[cfg(test)]
mod tests;

pub use assess::{
    AssessCommand, AssessView, Column, Filter, Order, Scope, Sort, ViewMode, assessed, rows,
};
pub use autosave::interval_from_env;
pub use commands::{
    Command, CommandSender, ComparisonCommand, NewEntity, ViewCommand, Waker, Window,
};
pub use dialogs::{Answer, Dialog, ExportSource, Pending, Purpose, QuitFlow};
pub use document::Document;
pub use errors::AppError;
pub use files::{
    Picker, RECENT_KEY, RecentFiles, native_export, native_import_file, native_import_folder,
    native_open, native_save,
};
pub use ids::{DocumentId, ViewId};
pub use jobs::{Job, Jobs};
pub use palette::{Offer, offers};
pub use transfer::{
    ExportFormat, FOLDER_KEY, ImportNotes, ImportSource, LinkedNote, export_target,
};
pub use ui_command::{Modifiers, Shortcut, UiCommand};
pub use view::{
    Camera, CameraRequest, CanvasModes, DocumentView, RoadmapView, Selection, SelectionSet, View,
};
pub use workspace::Workspace;
