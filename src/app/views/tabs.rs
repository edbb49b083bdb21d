//! The active tab: a document with its panels around the canvas (the import notes under it,
//! the inspector left, the figures right), presentation mode's canvas alone with the figures
//! over it, or a comparison. Each view's canvas is kept here by view id, follows its view's
//! camera requests, and has what the user does on it sent as commands.

use egui::Ui;

use super::canvas::{Canvas, CanvasAction, TextScale};
use super::panels::figures::{self, Baseline};
use super::panels::{DocView, comparison, import_notes, inspector};
use super::{CanvasSlot, Views, present, present_compare};
use crate::app::state::{CameraRequest, Command, UiCommand, View, ViewCommand, Workspace};
use crate::edit::actions;

impl Views {
    pub(super) fn active_tab(&mut self, ui: &mut Ui, ws: &Workspace) {
        match ws.active_tab() {
            Some(View::Comparison { a, b, .. }) if ws.is_presenting() => {
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    if let (Some(a), Some(b)) = (ws.document(*a), ws.document(*b)) {
                        present_compare::show(ui, a, b);
                    }
                });
            }
            Some(View::Comparison { id, a, b }) => {
                let cache = self.comparisons.entry(*id).or_default();
                egui::CentralPanel::default().show(ui, |ui| {
                    if let (Some(a), Some(b)) = (ws.document(*a), ws.document(*b)) {
                        comparison::show(ui, a, b, cache, ws.sender());
                    }
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
                if ws.is_presenting() {
                    self.presentation(ui, ws, dv);
                } else {
                    self.document(ui, ws, dv);
                }
            }
            None => {}
        }
    }

    fn document(&mut self, ui: &mut Ui, ws: &Workspace, dv: DocView) {
        if dv.doc.import_notes().is_some() {
            egui::Panel::bottom("import-notes")
                .resizable(true)
                .default_size(170.0)
                .min_size(80.0)
                .max_size(420.0)
                .show(ui, |ui| import_notes::show(ui, dv.doc, dv.tx));
        }
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
        let selection = view.selection().cloned();
        let arranging = ws.jobs().arranging(dv.doc.id());
        let actions = slot.canvas.show(
            ui,
            dv.model(),
            dv.analysis(),
            dv.doc.revision(),
            &selection,
            view.modes(),
            arranging,
        );
        let centre = slot.canvas.view_centre(ui);
        if centre != view.camera().centre() {
            dv.tx.view(view.id(), ViewCommand::Moved(centre));
        }
        for action in actions {
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
        CanvasAction::Delete(selection) => Command::Delete { view, selection },
        CanvasAction::StartConnecting => Command::View(view, ViewCommand::StartConnecting),
        CanvasAction::SearchClosed => Command::View(view, ViewCommand::SearchClosed),
        CanvasAction::AutoLayout => Command::Ui(UiCommand::AutoLayout),
    };
    dv.tx.send(command);
}
