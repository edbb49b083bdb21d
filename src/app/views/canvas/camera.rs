//! Where the canvas looks: a zoom and a pan, and the requests that move them — fit the
//! model to the canvas clear of what covers its corners, centre on an entity, or open a
//! domain's box. Requests wait until the canvas's size has settled (the side panels take
//! their widths over the first frames).

use egui::{Pos2, Rect, Ui, pos2};

use crate::model::Position;
use crate::scene::view::{self, MAX_FIT_ZOOM};
use crate::scene::{Scene, TextScale, View, overview};

/// How far in and out the wheel and the pinch go.
pub const ZOOM_LIMITS: (f64, f64) = (0.02, 4.0);
/// Room round a fitted model, in screen pixels.
const FIT_PADDING: f64 = 8.0;

/// A change of view asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    Fit,
    Centre(String),
    /// A canvas area to show whole (a double-clicked domain box).
    ZoomTo(crate::layout::Rect),
}

/// The zoom and pan (relative to the canvas's corner), and the requests waiting.
#[derive(Clone, Debug)]
pub struct Camera {
    pub zoom: f64,
    pub pan: Position,
    requests: Vec<Request>,
    last_rect: Option<Rect>,
}

impl Default for Camera {
    /// A camera that fits the model as soon as it can.
    fn default() -> Self {
        Camera {
            zoom: 1.0,
            pan: Position::default(),
            requests: vec![Request::Fit],
            last_rect: None,
        }
    }
}

pub fn pos(p: Position) -> Pos2 {
    pos2(p.x as f32, p.y as f32)
}

pub fn position(p: Pos2) -> Position {
    Position {
        x: f64::from(p.x),
        y: f64::from(p.y),
    }
}

pub fn rect(r: Rect) -> crate::layout::Rect {
    crate::layout::Rect {
        min_x: f64::from(r.min.x),
        min_y: f64::from(r.min.y),
        max_x: f64::from(r.max.x),
        max_y: f64::from(r.max.y),
    }
}

impl Camera {
    pub fn request(&mut self, request: Request) {
        if !self.requests.contains(&request) {
            self.requests.push(request);
        }
    }

    /// The view of a canvas at `rect`.
    pub fn view(&self, on: Rect, text: TextScale, reserved_top: f32) -> View {
        View {
            zoom: self.zoom,
            pan: Position {
                x: self.pan.x + f64::from(on.min.x),
                y: self.pan.y + f64::from(on.min.y),
            },
            frame: rect(on),
            text,
            reserved_top: f64::from(reserved_top),
            summarise: true,
        }
    }

    /// Takes the zoom and pan of `view`, shown on a canvas at `on`.
    fn take(&mut self, view: &View, on: Rect) {
        self.zoom = view.zoom;
        self.pan = Position {
            x: view.pan.x - f64::from(on.min.x),
            y: view.pan.y - f64::from(on.min.y),
        };
    }

    /// Zooms by `factor` about the screen point `at`.
    pub fn zoom_about(&mut self, on: Rect, at: Pos2, factor: f64) {
        let mut view = self.view(on, TextScale::EDITOR, 0.0);
        view.zoom_about(position(at), factor, ZOOM_LIMITS);
        self.take(&view, on);
    }

    pub fn pan_by(&mut self, by: egui::Vec2) {
        self.pan.x += f64::from(by.x);
        self.pan.y += f64::from(by.y);
    }

    /// Applies the waiting requests once the canvas at `on` is the size it was last frame;
    /// `covered` is what covers its corners, in screen pixels.
    pub fn apply_requests(
        &mut self,
        scene: &Scene,
        on: Rect,
        covered: &[crate::layout::Rect],
        text: TextScale,
        reserved_top: f32,
        ui: &Ui,
    ) {
        let settled = self.last_rect == Some(on);
        self.last_rect = Some(on);
        if self.requests.is_empty() {
            return;
        }
        if !settled {
            ui.ctx().request_repaint();
            return;
        }
        let frame = rect(on).expand(-FIT_PADDING);
        let free = view::clear_areas(&frame, covered)
            .into_iter()
            .max_by(|a, b| (a.width() * a.height()).total_cmp(&(b.width() * b.height())))
            .unwrap_or(frame);
        let mut view = self.view(on, text, reserved_top);
        for request in std::mem::take(&mut self.requests) {
            match request {
                Request::Fit => match scene.bounds {
                    Some(bounds) => {
                        (view.zoom, view.pan) =
                            view::fit(&bounds, &frame, covered, FIT_PADDING, MAX_FIT_ZOOM);
                    }
                    None => {
                        view.zoom = 1.0;
                        view.pan = free.centre();
                    }
                },
                Request::Centre(id) => {
                    if let Some(node) = scene.node(&id) {
                        view.zoom = view.zoom.max(0.6);
                        view.centre_on(scene.nodes[node].centre, &free);
                    }
                }
                Request::ZoomTo(area) => {
                    // Far enough in to leave the overview and show the members.
                    let (zoom, _) = view::fit(&area, &free, &[], FIT_PADDING, MAX_FIT_ZOOM);
                    view.zoom = zoom.max(overview::OVERVIEW_ZOOM * 1.2);
                    view.centre_on(area.centre(), &free);
                }
            }
        }
        self.take(&view, on);
        ui.ctx().request_repaint();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let on = Rect::from_min_size(pos2(100.0, 50.0), egui::vec2(800.0, 600.0));
        let mut camera = Camera::default();
        let at = pos2(400.0, 300.0);
        let before = camera
            .view(on, TextScale::EDITOR, 0.0)
            .to_canvas(position(at));
        camera.zoom_about(on, at, 2.0);
        let after = camera
            .view(on, TextScale::EDITOR, 0.0)
            .to_canvas(position(at));
        assert_eq!(camera.zoom, 2.0);
        assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9);
    }
}
