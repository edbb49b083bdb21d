//! What the pointer does on the canvas, as actions: a click selects what is under it (a
//! node, an edge, a domain's box) or clears the selection, and with Shift or Ctrl adds it
//! to the selection or takes it out; a drag that starts on a node moves it, with the rest of
//! the selection when it is selected (one undo step when it is let go), one that starts off
//! every shape draws a rubber band that selects
//! what it takes in (with Shift or Ctrl, as well as the selection), and one with the middle
//! button or with Space held pans; the wheel and a pinch zoom about the pointer; a double
//! click opens a domain's box or renames a node; in connect mode a click, then another (or
//! a drag) connects two entities; a right click opens the context menu.

use egui::{Pos2, Rect, Ui};

use super::camera::{self, Request};
use super::{Canvas, CanvasAction};
use crate::app::state::{NewEntity, Selection, UiCommand};
use crate::model::{Model, Position};
use crate::scene::{EdgeKind, Look};

/// How near an edge a click selects it, in screen pixels.
const EDGE_REACH: f64 = 6.0;
/// How far a node must move before a drag counts as a move, in canvas units.
const MOVE_THRESHOLD: f64 = 0.5;

/// What the pointer is in the middle of.
#[derive(Clone, Debug)]
enum Drag {
    /// Moving nodes together (the one grabbed first): by how much so far, in canvas units.
    Nodes {
        nodes: Vec<usize>,
        by: Position,
    },
    Pan,
    /// Connecting from a node to whatever the drag ends on.
    Connect,
    /// A rubber band from one screen point to another; `add` keeps the selection.
    Band {
        from: Pos2,
        to: Pos2,
        add: bool,
    },
}

/// The pointer's state between frames.
#[derive(Clone, Debug, Default)]
pub struct Pointer {
    /// The node under the pointer.
    pub hovered: Option<usize>,
    /// The entity a connection starts from, in connect mode.
    pub connect_from: Option<String>,
    drag: Option<Drag>,
    context_target: Option<String>,
    context_at: Position,
}

impl Pointer {
    /// The rubber band being drawn, in screen pixels.
    pub fn band(&self) -> Option<Rect> {
        match self.drag {
            Some(Drag::Band { from, to, .. }) => Some(Rect::from_two_pos(from, to)),
            _ => None,
        }
    }

    /// The nodes being dragged and by how much, in canvas units.
    pub fn dragged_offset(&self) -> Option<(Vec<usize>, Position)> {
        match &self.drag {
            Some(Drag::Nodes { nodes, by }) => Some((nodes.clone(), *by)),
            _ => None,
        }
    }
}

/// The distance from `p` to the segment from `a` to `b`.
fn distance_to_segment(p: Position, a: Position, b: Position) -> f64 {
    let (abx, aby) = (b.x - a.x, b.y - a.y);
    let length = (abx * abx + aby * aby).max(1e-9);
    let t = (((p.x - a.x) * abx + (p.y - a.y) * aby) / length).clamp(0.0, 1.0);
    let (x, y) = (a.x + abx * t, a.y + aby * t);
    ((p.x - x).powi(2) + (p.y - y).powi(2)).sqrt()
}

impl Canvas {
    /// The node whose shape is under the screen point `at` in the last frame.
    fn node_at(&self, at: Pos2) -> Option<usize> {
        let last = self.last_of_this_scene()?;
        if last.drawn.overview {
            return None;
        }
        let p = camera::position(at);
        last.drawn.shapes.iter().rev().find_map(|&(node, shape)| {
            let inside = match self.scene.nodes[node].look {
                Look::Service { .. } => {
                    let centre = shape.centre();
                    let reach = shape.width().min(shape.height()) / 2.0;
                    ((p.x - centre.x).powi(2) + (p.y - centre.y).powi(2)).sqrt() <= reach
                }
                _ => {
                    p.x >= shape.min_x
                        && p.x <= shape.max_x
                        && p.y >= shape.min_y
                        && p.y <= shape.max_y
                }
            };
            inside.then_some(node)
        })
    }

    /// The area whose box is under `at`, in the overview.
    fn box_at(&self, at: Pos2) -> Option<usize> {
        let last = self.last_of_this_scene()?;
        let p = camera::position(at);
        last.drawn
            .boxes
            .iter()
            .find(|(_, r)| p.x >= r.min_x && p.x <= r.max_x && p.y >= r.min_y && p.y <= r.max_y)
            .map(|(a, _)| *a)
    }

    /// The relation of the edge under `at`, as a selection.
    fn relation_at(&self, at: Pos2) -> Option<Selection> {
        let last = self.last_of_this_scene()?;
        let p = camera::position(at);
        let (e, _) = last.drawn.paths.iter().find(|(_, path)| {
            path.windows(2)
                .any(|w| distance_to_segment(p, w[0], w[1]) <= EDGE_REACH)
        })?;
        let edge = &self.scene.edges[*e];
        let (from, to) = (
            self.scene.nodes[edge.from].id.clone(),
            self.scene.nodes[edge.to].id.clone(),
        );
        Some(match edge.kind {
            EdgeKind::Ownership => Selection::Ownership { service: to },
            EdgeKind::Dependency => Selection::Dependency { from, to },
            EdgeKind::Interaction(_) => Selection::Interaction { from, to },
        })
    }

    /// Turns this frame's pointer input into actions and camera moves.
    pub(super) fn handle_input(
        &mut self,
        ui: &mut Ui,
        response: &egui::Response,
        rect: Rect,
        model: &Model,
    ) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        let hover = response.hover_pos();
        self.pointer.hovered = hover.and_then(|p| self.node_at(p));
        self.hover_name = self.hover_name_at(hover, model);
        self.zoom_input(ui, response, rect);
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin()).or(hover);
            let on = origin.and_then(|p| self.node_at(p));
            let (panning, add) = ui.input(|i| {
                let panning = i.pointer.middle_down() || i.key_down(egui::Key::Space);
                (panning, i.modifiers.shift || i.modifiers.command)
            });
            self.pointer.drag = Some(match (on, origin) {
                _ if panning => Drag::Pan,
                (Some(node), _) if self.modes.connecting => {
                    self.pointer.connect_from = Some(self.scene.nodes[node].id.clone());
                    Drag::Connect
                }
                (Some(node), _) => Drag::Nodes {
                    nodes: self.dragged_with(node),
                    by: Position::default(),
                },
                (None, Some(from)) if !self.modes.connecting => Drag::Band {
                    from,
                    to: from,
                    add,
                },
                (None, _) => Drag::Pan,
            });
        }
        if response.dragged() {
            let delta = response.drag_delta();
            match &mut self.pointer.drag {
                Some(Drag::Nodes { by, .. }) => {
                    by.x += f64::from(delta.x) / self.camera.zoom;
                    by.y += f64::from(delta.y) / self.camera.zoom;
                }
                Some(Drag::Pan) => self.camera.pan_by(delta),
                Some(Drag::Band { to, .. }) => {
                    if let Some(at) = response.interact_pointer_pos() {
                        *to = at;
                    }
                }
                Some(Drag::Connect) | None => {}
            }
        }
        if response.drag_stopped() {
            match self.pointer.drag.take() {
                Some(Drag::Nodes { nodes, by }) => actions.extend(self.dropped(model, &nodes, by)),
                Some(Drag::Connect) => {
                    let to = self.pointer.hovered.map(|n| self.scene.nodes[n].id.clone());
                    if let (Some(from), Some(to)) = (self.pointer.connect_from.take(), to)
                        && from != to
                    {
                        actions.push(CanvasAction::Connect { from, to });
                    }
                }
                Some(Drag::Band { from, to, add }) => {
                    let items = self.nodes_in(Rect::from_two_pos(from, to));
                    actions.push(CanvasAction::SelectMany { items, add });
                }
                Some(Drag::Pan) | None => {}
            }
        }
        if response.clicked()
            && let Some(at) = response.interact_pointer_pos()
        {
            let adding = ui.input(|i| i.modifiers.shift || i.modifiers.command);
            actions.extend(self.click(at, adding));
        }
        if response.double_clicked()
            && let Some(at) = response.interact_pointer_pos()
        {
            if let Some(node) = self.node_at(at) {
                let id = self.scene.nodes[node].id.clone();
                actions.push(CanvasAction::StartRenaming(id));
            } else if let Some(area) = self.box_at(at) {
                self.camera
                    .request(Request::ZoomTo(self.scene.extent(area)));
            }
        }
        if response.secondary_clicked() {
            self.pointer.context_target =
                self.pointer.hovered.map(|n| self.scene.nodes[n].id.clone());
            // The menu acts on the selection: a node outside it is selected first.
            if let Some(id) = &self.pointer.context_target {
                let selected = self.shown_selection.as_deref().unwrap_or_default();
                let item = Selection::Entity(id.clone());
                if !selected.contains(&item) {
                    actions.push(CanvasAction::Select(Some(item)));
                }
            }
            if let Some(p) = response.interact_pointer_pos() {
                let view = self.camera.view(rect, self.text_scale, self.reserved_top);
                self.pointer.context_at = view.to_canvas(camera::position(p));
            }
        }
        response.context_menu(|ui| self.context_menu(ui, &mut actions));
        actions
    }

    /// The nodes a drag that grabs `node` moves: the selected ones when it is selected, with
    /// it first; else it alone.
    fn dragged_with(&self, node: usize) -> Vec<usize> {
        let id = &self.scene.nodes[node].id;
        let selection = self.shown_selection.as_deref().unwrap_or_default();
        if !selection.iter().any(|s| s.entity() == Some(id)) {
            return vec![node];
        }
        let others = selection
            .iter()
            .filter_map(|s| self.scene.node(s.entity()?))
            .filter(|n| *n != node);
        std::iter::once(node).chain(others).collect()
    }

    /// Nodes let go after a drag by `by`: moved there as one step (when they moved at all),
    /// and the one grabbed selected unless it moved with the rest of the selection.
    fn dropped(&self, model: &Model, nodes: &[usize], by: Position) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        let ids: Vec<String> = nodes
            .iter()
            .map(|n| self.scene.nodes[*n].id.clone())
            .collect();
        if (by.x * by.x + by.y * by.y).sqrt() > MOVE_THRESHOLD {
            let positions = nodes
                .iter()
                .zip(&ids)
                .map(|(n, id)| {
                    let was = self.scene.nodes[*n].centre;
                    let at = crate::layout::rounded(Position {
                        x: was.x + by.x,
                        y: was.y + by.y,
                    });
                    (id.clone(), at)
                })
                .collect();
            let label = match ids.as_slice() {
                [one] => format!("Move {}", model.display_name(one)),
                [first, rest @ ..] => {
                    format!("Move {} and {} more", model.display_name(first), rest.len())
                }
                [] => return actions,
            };
            actions.push(CanvasAction::Move { label, positions });
        }
        if let [one] = ids.as_slice() {
            actions.push(CanvasAction::Select(Some(Selection::Entity(one.clone()))));
        }
        actions
    }

    /// The entities whose shapes the screen rectangle `band` touches, in drawing order.
    fn nodes_in(&self, band: Rect) -> Vec<Selection> {
        let Some(last) = self.last_of_this_scene() else {
            return Vec::new();
        };
        let band = camera::rect(band);
        last.drawn
            .shapes
            .iter()
            .filter(|(_, shape)| shape.overlaps(&band))
            .map(|(node, _)| Selection::Entity(self.scene.nodes[*node].id.clone()))
            .collect()
    }

    /// A primary click at `at`: select what is there (`adding` it to the selection, or
    /// taking it out), or connect in connect mode.
    fn click(&mut self, at: Pos2, adding: bool) -> Vec<CanvasAction> {
        let pick = |selection: Selection| {
            if adding {
                CanvasAction::Toggle(selection)
            } else {
                CanvasAction::Select(Some(selection))
            }
        };
        if let Some(node) = self.node_at(at) {
            let id = self.scene.nodes[node].id.clone();
            if !self.modes.connecting {
                return vec![pick(Selection::Entity(id))];
            }
            return match self.pointer.connect_from.take() {
                Some(from) if from != id => vec![CanvasAction::Connect { from, to: id }],
                _ => {
                    self.pointer.connect_from = Some(id);
                    Vec::new()
                }
            };
        }
        if let Some(area) = self.box_at(at) {
            let domain = self.scene.areas[area].domain.clone();
            return match domain {
                Some(domain) => vec![pick(Selection::Entity(domain))],
                None if adding => Vec::new(),
                None => vec![CanvasAction::Select(None)],
            };
        }
        if let Some(relation) = self.relation_at(at) {
            return vec![pick(relation)];
        }
        self.pointer.connect_from = None;
        if adding {
            return Vec::new();
        }
        vec![CanvasAction::Select(None)]
    }

    /// The rubber band, while one is drawn.
    pub(super) fn paint_band(&self, ui: &Ui, clip: Rect) {
        if let Some(band) = self.pointer.band() {
            let colour = crate::app::views::theme::SELECTION;
            let painter = ui.painter_at(clip);
            painter.rect_filled(band, 2.0, colour.gamma_multiply(0.12));
            painter.rect_stroke(
                band,
                2.0,
                egui::Stroke::new(1.0, colour),
                egui::StrokeKind::Inside,
            );
        }
    }

    /// The wheel zooms about the pointer, as on maps and diagram tools; so does a pinch, or
    /// the wheel with the command key held.
    fn zoom_input(&mut self, ui: &Ui, response: &egui::Response, rect: Rect) {
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        let (scroll, pinch) = ui.input(|i| {
            let scroll = if i.modifiers.command {
                0.0
            } else {
                i.smooth_scroll_delta.y
            };
            (scroll, i.zoom_delta())
        });
        let mut factor = f64::from(pinch);
        if scroll != 0.0 {
            factor *= f64::from((1.0 + scroll * 0.0015).clamp(0.5, 2.0));
        }
        if (factor - 1.0).abs() > 1e-6 {
            self.camera.zoom_about(rect, pointer, factor);
        }
    }

    /// The full name of what is under the pointer, when the picture does not show it whole.
    fn hover_name_at(&self, at: Option<Pos2>, model: &Model) -> Option<String> {
        let at = at?;
        if let Some(area) = self.box_at(at) {
            return Some(format!(
                "{} — double-click to open",
                self.scene.areas[area].name
            ));
        }
        let node = self.node_at(at)?;
        let id = &self.scene.nodes[node].id;
        (!self.named.contains(id)).then(|| model.display_name(id).to_owned())
    }

    fn context_menu(&mut self, ui: &mut Ui, actions: &mut Vec<CanvasAction>) {
        let at = self.pointer.context_at;
        match self.pointer.context_target.clone() {
            None => {
                for (kind, label) in [
                    (NewEntity::Team, "Add team here"),
                    (NewEntity::Service, "Add service here"),
                    (NewEntity::Domain, "Add domain here"),
                ] {
                    if ui.button(label).clicked() {
                        actions.push(CanvasAction::Add {
                            kind,
                            at,
                            owner: None,
                        });
                    }
                }
                ui.separator();
                let paste = UiCommand::Paste;
                if menu_item(ui, paste, "Paste here") {
                    actions.push(CanvasAction::PasteHere(at));
                }
                ui.separator();
                if ui.button("Fit to view").clicked() {
                    self.request_fit();
                }
                if ui.button("Auto-layout").clicked() {
                    actions.push(CanvasAction::AutoLayout);
                }
            }
            Some(id) => {
                let is_team = self
                    .scene
                    .node(&id)
                    .is_some_and(|n| matches!(self.scene.nodes[n].look, Look::Team { .. }));
                if is_team && ui.button("Add a service owned by this team").clicked() {
                    let below = Position {
                        x: at.x,
                        y: at.y + 110.0,
                    };
                    actions.push(CanvasAction::Add {
                        kind: NewEntity::Service,
                        at: below,
                        owner: Some(id.clone()),
                    });
                }
                if ui.button("Connect from here…").clicked() {
                    self.modes.connecting = true;
                    self.pointer.connect_from = Some(id.clone());
                    actions.push(CanvasAction::StartConnecting);
                }
                if ui.button("Centre on this").clicked() {
                    self.request_centre(&id);
                }
                ui.separator();
                for command in [
                    UiCommand::Rename,
                    UiCommand::Duplicate,
                    UiCommand::Copy,
                    UiCommand::Cut,
                ] {
                    if menu_item(ui, command, command.text()) {
                        actions.push(CanvasAction::Run(command));
                    }
                }
                ui.separator();
                if menu_item(ui, UiCommand::Delete, "Delete") {
                    actions.push(CanvasAction::Delete(Selection::Entity(id)));
                }
            }
        }
    }
}

/// A context menu item with its command's shortcut beside it; whether it was clicked.
fn menu_item(ui: &mut Ui, command: UiCommand, text: &str) -> bool {
    let shortcut = crate::app::views::shortcuts::shortcut_text(ui.ctx(), command);
    ui.add(egui::Button::new(text).shortcut_text(shortcut))
        .on_hover_text(command.tooltip())
        .clicked()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    #[test]
    fn distance_to_segment_clamps_to_the_ends() {
        let (a, b) = (at(0.0, 0.0), at(10.0, 0.0));
        assert_eq!(distance_to_segment(at(5.0, 3.0), a, b), 3.0);
        assert_eq!(distance_to_segment(at(-4.0, 3.0), a, b), 5.0);
    }
}
