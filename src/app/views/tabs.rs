//! The active tab: a document with its panels around the canvas (the import notes under it,
//! the inspector left, the figures right), presentation mode's canvas alone with the figures
//! over it, or a comparison. Each view's canvas is kept here by view id, follows its view's
//! camera requests, and has what the user does on it sent as commands.

use egui::Ui;

use super::canvas::{Canvas, CanvasAction, TextScale};
use super::panels::figures::{self, Baseline};
use super::panels::headline::Sizes;
use super::panels::{DocView, assess, comparison, import_notes, inspector, roadmap};
use super::{CanvasSlot, Views, present, present_compare};
use crate::app::state::{
    CameraRequest, Command, UiCommand, View, ViewCommand, ViewMode, Workspace,
};
use crate::edit::actions;

impl Views {
    pub(super) fn active_tab(&mut self, ui: &mut Ui, ws: &Workspace) {
        match ws.active_tab() {
            Some(View::Comparison { docs, .. }) if ws.is_presenting() => {
                let docs: Vec<_> = docs.iter().filter_map(|d| ws.document(*d)).collect();
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    present_compare::show(ui, &docs);
                });
            }
            Some(View::Comparison { id, docs }) => {
                let cache = self.comparisons.entry(*id).or_default();
                let docs: Vec<_> = docs.iter().filter_map(|d| ws.document(*d)).collect();
                egui::CentralPanel::default().show(ui, |ui| {
                    comparison::show(ui, ws, *id, &docs, cache);
                });
            }
            Some(View::Roadmap(view)) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    if ws.is_presenting() {
                        present::larger_text(ui);
                    }
                    roadmap::show(ui, view, ws.sender());
                });
            }
            Some(View::Document(view)) => {
                let Some(doc) = ws.document(view.doc()) else {
                    return;
                };
                let dv = DocView {
                    doc,
                    view,
                    tx: ws.sender(),
                };
                match (view.mode(), ws.is_presenting()) {
                    (ViewMode::Assess, presenting) => self.assess(ui, dv, presenting),
                    (ViewMode::Canvas, true) => self.presentation(ui, ws, dv),
                    (ViewMode::Canvas, false) => self.document(ui, ws, dv),
                }
            }
            None => {}
        }
    }

    fn document(&mut self, ui: &mut Ui, ws: &Workspace, dv: DocView) {
        import_notes_panel(ui, dv);
        egui::Panel::left("inspector")
            .resizable(true)
            .default_size(320.0)
            .min_size(240.0)
            .max_size(460.0)
            .show(ui, |ui| inspector::show(ui, dv));
        egui::Panel::right("figures")
            .resizable(true)
            .default_size(440.0)
            .min_size(280.0)
            .max_size(600.0)
            .show(ui, |ui| {
                let baseline = dv
                    .doc
                    .scenario_of()
                    .and_then(|original| ws.document(original))
                    .map(|original| Baseline {
                        name: &original.model().name,
                        analysis: original.analysis(),
                    });
                figures::show(ui, dv, baseline);
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.draw_canvas(ui, ws, dv, TextScale::EDITOR, 0.0);
        });
    }

    /// The Assess table in place of the canvas and its panels (the import notes stay under
    /// it): in presentation mode alone in the window, in larger type.
    fn assess(&mut self, ui: &mut Ui, dv: DocView, presenting: bool) {
        if !presenting {
            import_notes_panel(ui, dv);
        }
        let slot = self.assess.entry(dv.view.id()).or_default();
        let (scale, sizes) = if presenting {
            (assess::Scale::PRESENTING, Sizes::STRIP)
        } else {
            (assess::Scale::EDITOR, Sizes::COMPACT)
        };
        egui::CentralPanel::default().show(ui, |ui| assess::show(ui, dv, slot, scale, sizes));
    }

    /// Presentation mode's window: the canvas alone, the figures strip and the "why" card.
    fn presentation(&mut self, ui: &mut Ui, ws: &Workspace, dv: DocView) {
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let area = ui.available_rect_before_wrap();
            let canvas = self.draw_canvas(ui, ws, dv, TextScale::PRESENTING, present::STRIP_HEIGHT);
            present::strip(ui, area, dv.model(), dv.analysis());
            if present::why_card(ui, area, dv.doc, dv.view, canvas) {
                dv.select(None);
            }
        });
    }

    /// Draws the view's canvas at `scale`, keeping `reserved_top` pixels clear at the top,
    /// and sends what the user did on it.
    fn draw_canvas(
        &mut self,
        ui: &mut Ui,
        ws: &Workspace,
        dv: DocView,
        scale: TextScale,
        reserved_top: f32,
    ) -> &Canvas {
        let view = dv.view;
        let slot = self
            .canvases
            .entry(view.id())
            .or_insert_with(|| CanvasSlot {
                canvas: Canvas::new(format!("opmodel-canvas-{}", view.id())),
                camera_seen: 0,
            });
        for (number, request) in view.camera().requests_after(slot.camera_seen) {
            match request {
                CameraRequest::Fit => slot.canvas.request_fit(),
                CameraRequest::Centre(id) => slot.canvas.request_centre(id),
            }
            slot.camera_seen = *number;
        }
        slot.canvas.set_presentation(scale, reserved_top);
        let selection = view.selected().all();
        let arranging = ws.jobs().arranging(dv.doc.id());
        let actions = slot.canvas.show(
            ui,
            dv.model(),
            dv.analysis(),
            dv.doc.revision(),
            selection,
            (view.modes(), view.renaming()),
            arranging,
        );
        let centre = slot.canvas.view_centre(ui);
        if centre != view.camera().centre() {
            dv.tx.view(view.id(), ViewCommand::Moved(centre));
        }
        for action in actions {
            if let CanvasAction::PasteHere(at) = action {
                // The clipboard's text comes with a later frame; where it goes waits here.
                self.paste_at = Some((view.id(), at));
            }
            send(dv, action);
        }
        &slot.canvas
    }
}

/// What the user did on the canvas, as the command it stands for.
fn send(dv: DocView, action: CanvasAction) {
    let view = dv.view.id();
    let command = match action {
        CanvasAction::Select(selection) => Command::View(view, ViewCommand::Select(selection)),
        CanvasAction::Toggle(item) => Command::View(view, ViewCommand::Toggle(item)),
        CanvasAction::SelectMany { items, add } => {
            Command::View(view, ViewCommand::SelectMany { items, add })
        }
        CanvasAction::StartRenaming(id) => Command::View(view, ViewCommand::StartRenaming(id)),
        CanvasAction::Renamed { id, name } => Command::Rename { view, id, name },
        CanvasAction::StopRenaming => Command::View(view, ViewCommand::StopRenaming),
        CanvasAction::Move { label, positions } => Command::Edit {
            doc: dv.doc.id(),
            label,
            edit: Ok(actions::move_to(positions)),
            merge_key: None,
        },
        CanvasAction::Connect { from, to } => Command::Connect { view, from, to },
        CanvasAction::Add { kind, at, owner } => Command::Add {
            view,
            kind,
            at: Some(at),
            owner,
        },
        CanvasAction::Delete(selection) => {
            // "Delete" on one of several selected things deletes them all.
            let selected = dv.view.selected();
            let selection = if selected.contains(&selection) {
                selected.all().to_vec()
            } else {
                vec![selection]
            };
            Command::Delete { view, selection }
        }
        CanvasAction::StartConnecting => Command::View(view, ViewCommand::StartConnecting),
        CanvasAction::SearchClosed => Command::View(view, ViewCommand::SearchClosed),
        CanvasAction::AutoLayout => Command::Ui(UiCommand::AutoLayout),
        CanvasAction::Run(command) => Command::Ui(command),
        CanvasAction::PasteHere(_) => Command::Ui(UiCommand::Paste),
    };
    dv.tx.send(command);
}

/// What the last import left out or assumed, under the canvas or the Assess table, while
/// the document has such notes.
fn import_notes_panel(ui: &mut Ui, dv: DocView) {
    if dv.doc.import_notes().is_some() {
        egui::Panel::bottom("import-notes")
            .resizable(true)
            .default_size(170.0)
            .min_size(80.0)
            .max_size(420.0)
            .show(ui, |ui| import_notes::show(ui, dv.doc, dv.tx));
    }
}
