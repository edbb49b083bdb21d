//! What the canvas draws over the picture: the legend along the bottom, the overview map
//! in the bottom-right corner (above the legend) while part of the model is out of view, the rubber
//! band of a connection being made, and the banners (connect mode, an empty model, an
//! auto-layout in progress).

use egui::{Align2, Color32, FontId, Rect, Sense, Shape, Stroke, Ui, pos2, vec2};

use super::{Canvas, camera, minimap, paint};
use crate::model::Model;
use crate::scene::View;
use crate::scene::legend::{self, Context};

/// Narrower canvases have no room for the legend.
pub const MIN_CANVAS_WIDTH: f32 = 480.0;
/// The legend's and the map's distance from the canvas edges.
pub const MARGIN: f32 = 10.0;
const LEGEND_PX: f64 = 13.0;

/// The widest the legend flows to on a canvas `canvas_width` wide: the canvas's width, so
/// that it takes as few rows as it can from the picture (the overview map goes above it).
fn legend_width(canvas_width: f32) -> f64 {
    f64::from((canvas_width - 2.0 * MARGIN).max(200.0))
}

/// The legend laid out for a canvas `width` wide, from its top-left corner, and its size.
/// Laying it out shapes every entry's words, so the canvas keeps it ([`LegendLayout`]).
fn legend_layout(width: f32) -> LegendLayout {
    let (marks, size) = legend::legend(Context::Canvas, LEGEND_PX, legend_width(width));
    LegendLayout {
        width,
        marks,
        size: vec2(size.0 as f32, size.1 as f32),
    }
}

/// The legend as laid out for a canvas of one width, kept until the width changes.
pub struct LegendLayout {
    width: f32,
    marks: crate::scene::Marks,
    size: egui::Vec2,
}

impl LegendLayout {
    /// Where the legend goes on a canvas of `rect`.
    fn rect(&self, rect: Rect) -> Rect {
        Rect::from_min_size(
            pos2(rect.left() + MARGIN, rect.bottom() - self.size.y - MARGIN),
            self.size,
        )
    }
}

/// Where the overview map goes on a canvas of `rect`: in the bottom-right corner, above the
/// legend (where it is, when it is shown); `None` when the canvas is too short to hold both.
pub fn minimap_area(rect: Rect, legend: Option<Rect>) -> Option<Rect> {
    let bottom = legend.map_or(rect.bottom(), |l| l.top());
    let size = minimap::size();
    let min = pos2(rect.right(), bottom) - size - egui::Vec2::splat(MARGIN);
    (min.y > rect.top() + MARGIN).then(|| Rect::from_min_size(min, size))
}

/// Where the legend goes on a canvas of `rect`, laid out afresh (the canvas keeps its own).
pub fn legend_rect(rect: Rect) -> Rect {
    legend_layout(rect.width()).rect(rect)
}

impl Canvas {
    /// The legend's layout for a canvas of `rect`, laid out again only when its width
    /// changed.
    fn legend_layout(&mut self, rect: Rect) -> &LegendLayout {
        let width = rect.width();
        if self.legend.as_ref().is_some_and(|l| l.width != width) {
            self.legend = None;
        }
        self.legend.get_or_insert_with(|| legend_layout(width))
    }

    /// Where the legend goes on a canvas of `rect`.
    pub(super) fn legend_rect(&mut self, rect: Rect) -> Rect {
        self.legend_layout(rect).rect(rect)
    }

    /// The legend, the overview map, the rubber band and the banners.
    pub(super) fn paint_overlays(&mut self, ui: &mut Ui, rect: Rect, model: &Model, view: &View) {
        let painter = ui.painter_at(rect);
        if self.modes.connecting
            && let Some(from) = self
                .pointer
                .connect_from
                .as_ref()
                .and_then(|id| self.scene.node(id))
            && let Some(pointer) = ui.input(|i| i.pointer.hover_pos())
        {
            let start = super::screen(view, self.scene.nodes[from].centre);
            painter.extend(Shape::dashed_line(
                &[start, pointer],
                Stroke::new(2.5, super::theme::SELECTION),
                8.0,
                5.0,
            ));
        }
        if self.legend_shown(rect) {
            let legend = self.legend_layout(rect);
            let mut marks = legend.marks.clone();
            let at = legend.rect(rect).min;
            marks.translate(f64::from(at.x), f64::from(at.y));
            let shapes = ui.fonts_mut(|fonts| paint::shapes(fonts, &marks.list));
            painter.extend(shapes);
        }
        self.paint_minimap(ui, rect, view);
        if model.teams.is_empty() && model.services.is_empty() && model.domains.is_empty() {
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                "An empty model.\nAdd a team (T), a service (S) or a domain (D) from the toolbar,\nor right-click here. Open a sample with Ctrl+O.",
                FontId::proportional(20.0),
                super::theme::MUTED_INK,
            );
        }
        if let Some(percent) = self.arranging {
            let text = format!("Arranging… {percent} %");
            banner(
                &painter,
                rect.center_bottom() - vec2(0.0, 24.0),
                Align2::CENTER_BOTTOM,
                text,
                false,
            );
        }
        if self.modes.connecting {
            let text = match &self.pointer.connect_from {
                None => {
                    "Connect mode: click or drag from a service, team or domain (Esc or C to leave)"
                }
                Some(_) => {
                    "Now click what to connect it to: a service (dependency or owner), a team (interaction) or a domain"
                }
            };
            banner(
                &painter,
                rect.center_top() + vec2(0.0, 12.0),
                Align2::CENTER_TOP,
                text.to_owned(),
                true,
            );
        }
    }

    /// The overview map in the bottom-right corner, while part of the model is out of
    /// view; a click or drag on it centres the view there.
    fn paint_minimap(&mut self, ui: &mut Ui, rect: Rect, view: &View) {
        let Some(world) = self.scene.bounds else {
            self.minimap = None;
            return;
        };
        let visible = view.visible();
        let size = minimap::size();
        let room = rect.width() > MIN_CANVAS_WIDTH + size.x;
        let out_of_view = world.min_x < visible.min_x
            || world.min_y < visible.min_y
            || world.max_x > visible.max_x
            || world.max_y > visible.max_y;
        let legend = if self.legend_shown(rect) {
            Some(self.legend_rect(rect))
        } else {
            None
        };
        self.minimap = minimap_area(rect, legend)
            .filter(|_| room && out_of_view)
            .map(|area| minimap::Projection::new(egui_rect(world.expand(40.0)), area));
        let Some(projection) = self.minimap else {
            return;
        };
        let areas: Vec<Rect> = (0..self.scene.areas.len())
            .map(|a| egui_rect(self.scene.extent(a)))
            .collect();
        ui.painter_at(rect)
            .extend(minimap::shapes(&projection, &areas, egui_rect(visible)));
        let id = ui.id().with("canvas-minimap");
        let response = ui.interact(projection.area(), id, Sense::click_and_drag());
        if let Some(pointer) = response.interact_pointer_pos()
            && (response.clicked() || response.dragged())
        {
            let target = projection.to_world(pointer);
            let mut moved = *view;
            moved.centre_on(camera::position(target), &camera::rect(rect));
            self.camera.pan = crate::model::Position {
                x: moved.pan.x - f64::from(rect.min.x),
                y: moved.pan.y - f64::from(rect.min.y),
            };
            ui.ctx().request_repaint();
        }
    }
}

fn egui_rect(r: crate::layout::Rect) -> Rect {
    Rect::from_min_max(
        pos2(r.min_x as f32, r.min_y as f32),
        pos2(r.max_x as f32, r.max_y as f32),
    )
}

/// A line of text on a rounded backing: the selection's colour for a mode, else light.
fn banner(painter: &egui::Painter, at: egui::Pos2, anchor: Align2, text: String, strong: bool) {
    let (fill, ink) = if strong {
        (super::theme::SELECTION, Color32::WHITE)
    } else {
        (super::theme::CANVAS_BACKGROUND, super::theme::INK)
    };
    let galley = painter.layout_no_wrap(text, FontId::proportional(16.0), ink);
    let area = anchor.anchor_size(at, galley.size()).expand(8.0);
    painter.rect_filled(area, 6.0, fill);
    if !strong {
        painter.rect_stroke(
            area,
            6.0,
            Stroke::new(1.0, super::theme::MUTED_INK),
            egui::StrokeKind::Inside,
        );
    }
    painter.galley(area.min + vec2(8.0, 8.0), galley, ink);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_runs_along_the_bottom_under_the_overview_map() {
        let canvas = Rect::from_min_size(pos2(300.0, 100.0), vec2(900.0, 700.0));
        let legend = legend_rect(canvas);
        assert_eq!(legend.left(), canvas.left() + MARGIN);
        assert_eq!(legend.bottom(), canvas.bottom() - MARGIN);
        assert!(legend.right() <= canvas.right() - MARGIN);
        // Flowed across the canvas, it takes a quarter of its height at most.
        assert!(legend.height() < canvas.height() / 4.0, "{legend:?}");
        let map = minimap_area(canvas, Some(legend)).expect("room for the map");
        assert!(!legend.intersects(map), "{legend:?} and {map:?}");
        assert_eq!(map.right(), canvas.right() - MARGIN);
        let alone = minimap_area(canvas, None).unwrap();
        assert_eq!(alone.bottom(), canvas.bottom() - MARGIN);
        let short = Rect::from_min_size(pos2(0.0, 0.0), vec2(900.0, 300.0));
        assert_eq!(
            minimap_area(short, Some(legend_rect(short))),
            None,
            "no room above the legend"
        );
    }
}
