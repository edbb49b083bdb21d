//! The ids that tie the state together: a document's, which views, dialogs and commands
//! name it by, and a view's (a tab's), which the drawing keys what it keeps by.

use std::fmt;

/// Unique for the session: a view, a dialog or a command names its document by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentId(pub(super) u64);

/// Unique for the session: keys a tab and whatever the drawing keeps for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ViewId(pub(super) u64);

impl fmt::Display for ViewId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
