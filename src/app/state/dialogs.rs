//! What the editor asks the user and what they answer: the one [`Dialog`] that may be open,
//! the [`Answer`] that closes it, the action [`Pending`] on unsaved changes, what a chosen
//! file is for, and where a quit stands.

use std::collections::HashSet;
use std::path::PathBuf;

use super::ids::{DocumentId, ViewId};
use super::transfer::ExportFormat;
use crate::files::ron::HandWrittenParts;

/// Something waiting for the user to deal with unsaved changes first.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open,
    OpenPath(PathBuf),
    CloseDocument(DocumentId),
    Quit,
}

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Open {
        new_tab: bool,
    },
    SaveAs {
        doc: DocumentId,
        then: Option<Pending>,
    },
    /// A model to compare with `with`, added to comparison tab `into` when it is given.
    Compare {
        with: Vec<DocumentId>,
        into: Option<ViewId>,
    },
    /// Where to write a new roadmap of the open saved models.
    NewRoadmap,
    /// A Backstage catalog file or folder, or a CSV sheet, to import into a new tab.
    Import,
}

/// The one dialog that may be open, waiting for an [`Answer`].
pub enum Dialog {
    Error {
        title: String,
        message: String,
    },
    Unsaved {
        doc: DocumentId,
        then: Pending,
    },
    /// The built-in file prompt, where no desktop file dialog is available, with the path
    /// it starts with.
    Path {
        purpose: Purpose,
        suggested: String,
    },
    CompareWith {
        doc: DocumentId,
    },
    /// Save as… named a file that exists.
    ConfirmReplace {
        doc: DocumentId,
        path: PathBuf,
        then: Option<Pending>,
    },
    /// The document's file changed on disk since it was opened or saved.
    Conflict {
        doc: DocumentId,
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Saving over a hand-written file would drop its comments or header.
    DropsHandWritten {
        doc: DocumentId,
        path: PathBuf,
        then: Option<Pending>,
        parts: HandWrittenParts,
    },
    /// Unsaved work left by an editor that did not exit cleanly.
    Recover,
    /// An import just opened document `doc`, and some of its services are not assessed
    /// (SPEC 7.6): say how many before anything else, and offer the Assess view.
    NotAssessed {
        doc: DocumentId,
    },
    /// File › Export… and Export deck…: the format and the file to write, as first offered.
    Export {
        source: ExportSource,
        format: ExportFormat,
        suggested: String,
    },
}

/// What an export writes: a document, in the format chosen, or the deck of a comparison or
/// a roadmap tab (a PDF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportSource {
    Document(DocumentId),
    Deck(ViewId),
}

/// The user's answer to a dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// OK on a message, or Cancel: also ends a quit in progress.
    Close,
    SaveFirst {
        doc: DocumentId,
        then: Pending,
    },
    Discard {
        doc: DocumentId,
        then: Pending,
    },
    PathChosen {
        purpose: Purpose,
        path: PathBuf,
    },
    /// Compare these models, the baseline first.
    Compare(Vec<DocumentId>),
    CompareWithFile {
        doc: DocumentId,
    },
    /// Replace (or overwrite) the file at `path`.
    Replace {
        doc: DocumentId,
        path: PathBuf,
        then: Option<Pending>,
    },
    ReloadFromDisk {
        doc: DocumentId,
    },
    SaveElsewhere {
        doc: DocumentId,
        then: Option<Pending>,
    },
    Restore(PathBuf),
    DiscardRecovered(PathBuf),
    RestoreAll,
    DiscardAll,
    /// Keep the recovered files and ask again next time.
    DecideLater,
    /// Show document `doc` in the Assess view, with the services not assessed yet.
    Assess {
        doc: DocumentId,
    },
    /// Write `source` as `format` to `path`.
    Export {
        source: ExportSource,
        format: ExportFormat,
        path: PathBuf,
    },
    /// The export dialog's Browse…: the desktop's save dialog, starting from `typed`.
    BrowseExport {
        source: ExportSource,
        format: ExportFormat,
        typed: PathBuf,
    },
}

/// Where a quit stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum QuitFlow {
    #[default]
    Running,
    /// Asking about each unsaved document in turn; these were answered "Don't save".
    Asking { discarded: HashSet<DocumentId> },
    /// Every unsaved document is dealt with: the window may close.
    Closing,
}
