//! What the pointer does on the canvas, as actions: a click selects what is under it (a
//! node, an edge, a domain's box) or clears the selection; a drag that starts on a node
//! moves it (one undo step when it is let go), one that starts off every shape pans; the
//! wheel and a pinch zoom about the pointer; a double click opens a domain's box; in
//! connect mode a click, then another (or a drag) connects two entities; a right click
//! opens the context menu.

use egui::{Pos2, Rect, Ui};

use super::camera::{self, Request};
use super::{Canvas, CanvasAction};
use crate::app::state::{NewEntity, Selection};
use crate::model::{Model, Position};
use crate::scene::{EdgeKind, Look};

/// How near an edge a click selects it, in screen pixels.
const EDGE_REACH: f64 = 6.0;
/// How far a node must move before a drag counts as a move, in canvas units.
const MOVE_THRESHOLD: f64 = 0.5;

/// What the pointer is in the middle of.
#[derive(Clone, Debug)]
enum Drag {
    /// Moving a node: by how much so far, in canvas units.
    Node {
        node: usize,
        by: Position,
    },
    Pan,
    /// Connecting from a node to whatever the drag ends on.
    Connect,
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
    /// The node being dragged and by how much, in canvas units.
    pub fn dragged_offset(&self) -> Option<(usize, Position)> {
        match self.drag {
            Some(Drag::Node { node, by }) => Some((node, by)),
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
            self.pointer.drag = Some(match on {
                Some(node) if self.modes.connecting => {
                    self.pointer.connect_from = Some(self.scene.nodes[node].id.clone());
                    Drag::Connect
                }
                Some(node) => Drag::Node {
                    node,
                    by: Position::default(),
                },
                None => Drag::Pan,
            });
        }
        if response.dragged() {
            let delta = response.drag_delta();
            match &mut self.pointer.drag {
                Some(Drag::Node { by, .. }) => {
                    by.x += f64::from(delta.x) / self.camera.zoom;
                    by.y += f64::from(delta.y) / self.camera.zoom;
                }
                Some(Drag::Pan) => self.camera.pan_by(delta),
                Some(Drag::Connect) | None => {}
            }
        }
        if response.drag_stopped() {
            match self.pointer.drag.take() {
                Some(Drag::Node { node, by }) => {
                    let id = self.scene.nodes[node].id.clone();
                    if (by.x * by.x + by.y * by.y).sqrt() > MOVE_THRESHOLD {
                        let was = self.scene.nodes[node].centre;
                        let at = crate::layout::rounded(Position {
                            x: was.x + by.x,
                            y: was.y + by.y,
                        });
                        actions.push(CanvasAction::Move {
                            label: format!("Move {}", model.display_name(&id)),
                            positions: vec![(id.clone(), at)],
                        });
                    }
                    actions.push(CanvasAction::Select(Some(Selection::Entity(id))));
                }
                Some(Drag::Connect) => {
                    let to = self.pointer.hovered.map(|n| self.scene.nodes[n].id.clone());
                    if let (Some(from), Some(to)) = (self.pointer.connect_from.take(), to)
                        && from != to
                    {
                        actions.push(CanvasAction::Connect { from, to });
                    }
                }
                Some(Drag::Pan) | None => {}
            }
        }
        if response.clicked()
            && let Some(at) = response.interact_pointer_pos()
        {
            actions.extend(self.click(at));
        }
        if response.double_clicked()
            && let Some(area) = response.interact_pointer_pos().and_then(|p| self.box_at(p))
        {
            self.camera
                .request(Request::ZoomTo(self.scene.extent(area)));
        }
        if response.secondary_clicked() {
            self.pointer.context_target =
                self.pointer.hovered.map(|n| self.scene.nodes[n].id.clone());
            if let Some(p) = response.interact_pointer_pos() {
                let view = self.camera.view(rect, self.text_scale, self.reserved_top);
                self.pointer.context_at = view.to_canvas(camera::position(p));
            }
        }
        response.context_menu(|ui| self.context_menu(ui, &mut actions));
        actions
    }

    /// A primary click at `at`: select what is there, or connect in connect mode.
    fn click(&mut self, at: Pos2) -> Vec<CanvasAction> {
        if let Some(node) = self.node_at(at) {
            let id = self.scene.nodes[node].id.clone();
            if !self.modes.connecting {
                return vec![CanvasAction::Select(Some(Selection::Entity(id)))];
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
            return vec![CanvasAction::Select(domain.map(Selection::Entity))];
        }
        if let Some(relation) = self.relation_at(at) {
            return vec![CanvasAction::Select(Some(relation))];
        }
        self.pointer.connect_from = None;
        vec![CanvasAction::Select(None)]
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
                if ui.button("Delete").clicked() {
                    actions.push(CanvasAction::Delete(Selection::Entity(id)));
                }
            }
        }
    }
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
