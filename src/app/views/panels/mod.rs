//! The panels around and over the canvas: the inspector, the figures, the comparison, the
//! model settings and the import notes, the Assess table that takes the canvas's place, and
//! what they share (charts, the "why" rows, the one-click fixes). Each reads a document
//! through [`DocView`] and asks for changes through it; a new panel is a file here, shown
//! from `tabs.rs`. The headline figures ([`headline`]) are shared with presentation mode.

pub mod assess;
pub mod charts;
pub mod comparison;
pub mod explain;
pub mod figures;
pub mod findings;
pub mod fix_list;
pub mod headline;
pub mod import_notes;
pub mod inspector;
pub mod paged;
pub mod peak;
pub mod roadmap;
pub mod settings;

use crate::analysis::Analysis;
use crate::app::state::{Command, CommandSender, Document, DocumentView, Selection, ViewCommand};
use crate::edit::Edit;
use crate::model::Model;

/// A document as one view shows it, with the channel to ask for changes: what every panel
/// of a document tab is given.
#[derive(Clone, Copy)]
pub struct DocView<'a> {
    pub doc: &'a Document,
    pub view: &'a DocumentView,
    pub tx: &'a CommandSender,
}

impl DocView<'_> {
    pub fn model(&self) -> &Model {
        self.doc.model()
    }

    pub fn analysis(&self) -> &Analysis {
        self.doc.analysis()
    }

    /// Asks for an edit built by [`crate::edit::actions`], applied with the frame's other
    /// commands; edits with the same `merge_key` in a row undo as one step.
    pub fn edit(&self, label: &str, edit: Result<Edit, String>, merge_key: Option<String>) {
        self.tx.edit(self.doc.id(), label, edit, merge_key);
    }

    /// Applies a fix the user chose, with the moves that take a service handed to a team of
    /// another domain into that domain's area.
    pub fn apply_fix(&self, fix: crate::edit::fixes::Fix) {
        let edit = crate::edit::actions::with_rehoming(self.model(), fix.edit);
        self.edit(&fix.label, Ok(edit), None);
    }

    /// Asks for the current undo step to be closed: the user let go of a field.
    pub fn seal(&self) {
        self.tx.send(Command::Seal(self.doc.id()));
    }

    /// Selects something in this view.
    pub fn select(&self, selection: Option<Selection>) {
        self.tx.view(self.view.id(), ViewCommand::Select(selection));
    }

    /// Selects an entity and brings it into the middle of the canvas.
    pub fn reveal(&self, id: &str) {
        self.tx.send(Command::Reveal {
            doc: self.doc.id(),
            selection: Selection::Entity(id.to_owned()),
        });
    }

    /// A click on a link to entity `id` in a panel: with Shift or Ctrl held, adds it to the
    /// selection or takes it out, as on the canvas; else selects it alone and centres it.
    pub fn pick(&self, ui: &egui::Ui, id: &str) {
        if ui.input(|i| i.modifiers.shift || i.modifiers.command) {
            let item = Selection::Entity(id.to_owned());
            self.tx.view(self.view.id(), ViewCommand::Toggle(item));
        } else {
            self.reveal(id);
        }
    }

    pub fn show_interactions(&self) {
        self.tx.view(self.view.id(), ViewCommand::ShowInteractions);
    }
}
