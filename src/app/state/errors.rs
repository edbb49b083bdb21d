//! Everything that can go wrong in the editor, as typed values. `Workspace::report`
//! is the one place that turns them into what the user sees.

use std::fmt;
use std::path::PathBuf;

use super::ids::DocumentId;
use crate::edit::history::HistoryError;
use crate::files::ron::LoadError;

#[derive(Debug)]
pub enum AppError {
    /// A model could not be opened.
    Load(LoadError),
    /// A model could not be written.
    Save {
        path: PathBuf,
        error: std::io::Error,
    },
    /// An edit was refused (a taken id, a bad value) or did not fit the model.
    Edit {
        doc: DocumentId,
        message: String,
    },
    Undo(HistoryError),
    /// A catalog or sheet could not be imported; `message` names the file and the place.
    Import {
        path: PathBuf,
        message: String,
    },
    /// A picture, diagram or sheet could not be exported.
    Export {
        path: PathBuf,
        message: String,
    },
    /// A recovery copy could not be written or restored.
    Recovery(String),
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::Load(error) => write!(f, "{error}"),
            AppError::Save { path, error } => write!(f, "{}: {error}", path.display()),
            AppError::Edit { message, .. } => f.write_str(message),
            AppError::Undo(error) => write!(f, "{error}"),
            AppError::Recovery(message) => write!(f, "Autosave: {message}"),
            AppError::Import { message, .. } => f.write_str(message),
            AppError::Export { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for AppError {}

impl AppError {
    /// The status line's words.
    pub fn status(&self) -> String {
        match self {
            AppError::Load(error) => format!("Could not open {}", error.file.display()),
            AppError::Save { path, .. } => format!("Could not save {}", path.display()),
            AppError::Import { path, .. } => format!("Could not import {}", path.display()),
            AppError::Export { path, .. } => format!("Could not export {}", path.display()),
            _ => self.to_string(),
        }
    }

    /// A dialog's title and text, for errors the user must acknowledge.
    pub fn dialog(&self) -> Option<(String, String)> {
        match self {
            AppError::Load(error) => {
                Some(("Could not open the model".to_owned(), error.to_string()))
            }
            AppError::Save { .. } => Some((
                "Could not save the model".to_owned(),
                format!(
                    "{self}.\nNothing was lost: the model is still open, with its changes. Try Save as… to choose another place."
                ),
            )),
            AppError::Import { .. } => Some((
                "Could not import".to_owned(),
                format!("{self}\nNothing was opened; the open models are as they were."),
            )),
            AppError::Export { .. } => Some(("Could not export".to_owned(), self.to_string())),
            _ => None,
        }
    }

    /// A failure that must stop a quit, so unsaved work is not closed away.
    pub fn stops_quitting(&self) -> bool {
        matches!(self, AppError::Save { .. })
    }
}
