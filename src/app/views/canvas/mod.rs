//! The canvas: the scene of the model ([`crate::scene`]), drawn with egui's painter, and
//! what the user does on it — click, drag, connect, right-click, zoom and pan — turned
//! into [`CanvasAction`]s for the document to apply. The scene is rebuilt from the model
//! after every edit (the model stays the source of truth); each frame draws only what is
//! on screen, and a frame with nothing new replays the shapes of the last one.
//!
//! The parts: [`camera`] (zoom, pan, fit), [`input`] (pointer to actions), [`highlight`]
//! (the selection's neighbourhood), [`paint`] (marks to egui shapes), [`overlays`]
//! (legend, overview map, banners) and [`search`] (Find).

mod camera;
mod highlight;
mod input;
mod minimap;
mod overlays;
pub(super) mod paint;
mod rename;
mod search;

use std::collections::HashSet;

use egui::{Pos2, Rect, Sense, Shape, Ui, pos2};

pub use crate::scene::TextScale;
pub use crate::scene::draw::Focus;
pub use rename::NAME_TABBED_OUT;

use super::theme;
use crate::analysis::Analysis;
use crate::app::state::{CanvasModes, NewEntity, Selection};
use crate::model::{Model, Position};
use crate::scene::draw::{Drawn, Highlight, draw};
use crate::scene::{Options, Scene, View};

/// What the user asked for on the canvas this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasAction {
    Select(Option<Selection>),
    /// Add something to the selection, or take it out: a Shift or Ctrl click.
    Toggle(Selection),
    /// Select what a rubber band took in: instead of the selection, or (`add`) as well.
    SelectMany {
        items: Vec<Selection>,
        add: bool,
    },
    /// Edit an entity's name on the canvas: a double click on its node.
    StartRenaming(String),
    /// The name typed on the canvas for entity `id`, kept with Enter, Tab or a click elsewhere.
    Renamed {
        id: String,
        name: String,
    },
    /// The name on the canvas was left unchanged (Esc, or nothing typed).
    StopRenaming,
    /// Positions after a drag or an auto-layout, as one undo step.
    Move {
        label: String,
        positions: Vec<(String, Position)>,
    },
    /// Connect two entities: a dependency, an owner, a team's domain or an interaction.
    Connect {
        from: String,
        to: String,
    },
    Add {
        kind: NewEntity,
        at: Position,
        owner: Option<String>,
    },
    Delete(Selection),
    /// Connect mode, from an entity the context menu named.
    StartConnecting,
    /// The Find box closed.
    SearchClosed,
    /// The context menu's "Auto-layout".
    AutoLayout,
    /// A command of the context menu on the selection: rename, duplicate, copy, cut.
    Run(crate::app::state::UiCommand),
    /// The context menu's "Paste here": what the clipboard holds, around this point.
    PasteHere(Position),
}

/// What the last frame drew, and for which view, to replay while nothing changes.
pub(super) struct Frame {
    key: FrameKey,
    drawn: Drawn,
    shapes: Vec<Shape>,
}

/// Everything a frame's picture depends on.
#[derive(Clone, Debug, PartialEq)]
struct FrameKey {
    rect: Rect,
    zoom: f64,
    pan: Position,
    scene: u64,
    highlight: u64,
    hovered: Option<usize>,
    dragged: Option<(Vec<usize>, Position)>,
    text: TextScale,
    reserved_top: f32,
}

/// Per-document canvas state: the scene, the camera, and what the user is in the middle of.
pub struct Canvas {
    scene: Scene,
    /// The model revision and interaction toggle the scene was built for.
    built_for: Option<(u64, bool)>,
    /// How many times the scene was built, so that a frame knows it is out of date.
    scene_version: u64,
    camera: camera::Camera,
    highlight: Highlight,
    highlight_version: u64,
    shown_selection: Option<Vec<Selection>>,
    last: Option<Frame>,
    pointer: input::Pointer,
    /// How the view wants the canvas drawn (interactions, legend, connect mode, Find box),
    /// as of this frame.
    modes: CanvasModes,
    /// How far the document's auto-layout has got, in per cent, while it runs.
    arranging: Option<u32>,
    /// How large names are drawn: larger while presenting.
    text_scale: TextScale,
    /// Screen height kept clear at the top of the canvas (the presentation figures strip).
    reserved_top: f32,
    /// The full name of the node under the pointer, when its label is cut or left out.
    hover_name: Option<String>,
    /// The entities whose names the last frame showed in full.
    named: HashSet<String>,
    /// The Find box, while it is open.
    search: Option<search::Search>,
    /// Where the overview map was drawn last, and how it maps to the canvas.
    minimap: Option<minimap::Projection>,
    /// The name being typed on the canvas, while one is.
    rename: Option<rename::Rename>,
    /// The legend as last laid out: laying it out shapes its words, too dear for a frame.
    legend: Option<overlays::LegendLayout>,
}

impl Canvas {
    pub fn new(_view_id: String) -> Self {
        Canvas {
            scene: Scene::default(),
            built_for: None,
            scene_version: 0,
            camera: camera::Camera::default(),
            highlight: Highlight::default(),
            highlight_version: 0,
            shown_selection: None,
            last: None,
            pointer: input::Pointer::default(),
            modes: CanvasModes::default(),
            arranging: None,
            text_scale: TextScale::EDITOR,
            reserved_top: 0.0,
            hover_name: None,
            named: HashSet::new(),
            search: None,
            minimap: None,
            rename: None,
            legend: None,
        }
    }

    /// Switches between the editor's text and presentation mode's larger text, keeping
    /// `reserved_top` screen pixels clear at the top; the view is fitted again.
    pub fn set_presentation(&mut self, scale: TextScale, reserved_top: f32) {
        if self.text_scale != scale || self.reserved_top != reserved_top {
            self.text_scale = scale;
            self.reserved_top = reserved_top;
            self.request_fit();
        }
    }

    pub fn request_fit(&mut self) {
        self.camera.request(camera::Request::Fit);
    }

    pub fn request_centre(&mut self, id: &str) {
        self.camera.request(camera::Request::Centre(id.to_owned()));
    }

    /// Takes the view's modes and the auto-layout's progress for this frame: the Find box
    /// opens or closes with the mode, leaving connect mode forgets where it started, and
    /// showing or hiding the legend fits again, so that the model keeps clear of it.
    fn follow(&mut self, modes: CanvasModes, arranging: Option<u32>) {
        if !modes.connecting {
            self.pointer.connect_from = None;
        }
        match (modes.searching, self.search.is_some()) {
            (true, false) => self.search = Some(search::Search::new()),
            (false, true) => self.search = None,
            _ => {}
        }
        let legend = |m: &CanvasModes| (m.legend, m.legend_presenting);
        if legend(&modes) != legend(&self.modes) {
            self.request_fit();
        }
        self.modes = modes;
        self.arranging = arranging;
    }

    /// Where an entity was drawn on screen in the last frame: its shape's centre, or in
    /// the overview a domain's box (its members are inside the box, not drawn).
    pub fn screen_position(&self, id: &str) -> Option<Pos2> {
        let last = self.last_of_this_scene()?;
        let node = self.scene.node(id)?;
        if last.drawn.overview {
            let area = self.scene.nodes[node].area?;
            let is_domain = self.scene.areas[area].domain.as_deref() == Some(id);
            let (_, rect) = last.drawn.boxes.iter().find(|(a, _)| *a == area)?;
            return is_domain.then(|| camera::pos(rect.centre()));
        }
        let view = self
            .camera
            .view(last.key.rect, self.text_scale, self.reserved_top);
        Some(camera::pos(view.to_screen(self.scene.nodes[node].centre)))
    }

    /// The last frame, if it drew the scene as it is now (not one since rebuilt).
    pub(super) fn last_of_this_scene(&self) -> Option<&Frame> {
        self.last
            .as_ref()
            .filter(|f| f.key.scene == self.scene_version)
    }

    /// Whether the canvas shows one box per domain instead of its teams and services.
    pub fn is_overview(&self) -> bool {
        self.last.as_ref().is_some_and(|f| f.drawn.overview)
    }

    /// An entity's part in the current selection, if it is drawn as a node of its own.
    pub fn focus(&self, id: &str) -> Option<Focus> {
        if self.is_overview() {
            return None;
        }
        let node = self.scene.node(id)?;
        Some(self.highlight.nodes.get(node).copied().unwrap_or_default())
    }

    /// Whether the last drawn frame showed this entity's name in full.
    pub fn shows_name(&self, id: &str) -> bool {
        self.named.contains(id)
    }

    /// The canvas point under the screen point `at`, when the last frame drew the canvas
    /// there: where a paste with the pointer over the canvas lands.
    pub fn canvas_point(&self, at: Pos2) -> Option<Position> {
        let rect = self.last.as_ref()?.key.rect;
        let view = self.camera.view(rect, self.text_scale, self.reserved_top);
        rect.contains(at)
            .then(|| view.to_canvas(camera::position(at)))
    }

    /// Where a new entity goes when it is not placed with the mouse: the view's centre.
    pub fn view_centre(&self, _ui: &Ui) -> Position {
        let rect = self.last.as_ref().map_or(
            Rect::from_min_size(Pos2::ZERO, egui::vec2(800.0, 600.0)),
            |f| f.key.rect,
        );
        let view = self.camera.view(rect, self.text_scale, self.reserved_top);
        view.to_canvas(camera::position(rect.center()))
    }

    fn is_presenting(&self) -> bool {
        self.text_scale == TextScale::PRESENTING
    }

    /// Whether the legend is drawn on a canvas of `rect`.
    fn legend_shown(&self, rect: Rect) -> bool {
        let wanted = if self.is_presenting() {
            self.modes.legend_presenting
        } else {
            self.modes.legend
        };
        wanted && rect.width() > overlays::MIN_CANVAS_WIDTH
    }

    /// The scene of the model, built again when the model or the interaction toggle changed.
    fn rebuild_if_needed(&mut self, model: &Model, analysis: &Analysis, revision: u64) {
        let key = (revision, self.modes.interactions);
        if self.built_for == Some(key) {
            return;
        }
        let options = Options {
            interactions: self.modes.interactions,
        };
        self.scene = Scene::build(model, analysis, &crate::layout::positions(model), options);
        self.built_for = Some(key);
        self.scene_version += 1;
        self.shown_selection = None;
    }

    /// The highlight of the selection, worked out again when it changed.
    fn show_selection(&mut self, model: &Model, selection: &[Selection]) {
        if self.shown_selection.as_deref() == Some(selection) {
            return;
        }
        self.highlight = highlight::of(&self.scene, model, selection);
        self.highlight_version += 1;
        self.shown_selection = Some(selection.to_vec());
    }

    /// Draws the canvas as `modes` say, with the auto-layout's progress while it runs, and
    /// returns what the user asked for.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        model: &Model,
        analysis: &Analysis,
        revision: u64,
        selection: &[Selection],
        (modes, renaming): (CanvasModes, Option<&str>),
        arranging: Option<u32>,
    ) -> Vec<CanvasAction> {
        self.follow(modes, arranging);
        self.rebuild_if_needed(model, analysis, revision);
        self.show_selection(model, selection);
        let rect = ui.available_rect_before_wrap();
        let mut actions = self.show_search(ui, rect, model);

        let response = ui.allocate_rect(rect, Sense::click_and_drag());
        let covered = self.covered(rect);
        self.camera.apply_requests(
            &self.scene,
            rect,
            &covered,
            self.text_scale,
            self.reserved_top,
            ui,
        );
        actions.extend(self.handle_input(ui, &response, rect, model));

        let view = self.camera.view(rect, self.text_scale, self.reserved_top);
        let mut highlight = self.highlight.clone();
        highlight.hovered = self.pointer.hovered;
        highlight.dragged = self.pointer.dragged_offset();
        let key = FrameKey {
            rect,
            zoom: view.zoom,
            pan: view.pan,
            scene: self.scene_version,
            highlight: self.highlight_version,
            hovered: highlight.hovered,
            dragged: highlight.dragged.clone(),
            text: self.text_scale,
            reserved_top: self.reserved_top,
        };
        if self.last.as_ref().is_none_or(|f| f.key != key) {
            let drawn = draw(&self.scene, &view, &highlight);
            let shapes = ui.fonts_mut(|fonts| paint::shapes_within(fonts, &drawn.marks.list, rect));
            self.named = drawn
                .named
                .iter()
                .filter(|(_, whole)| *whole)
                .map(|(i, _)| self.scene.nodes[*i].id.clone())
                .collect();
            self.last = Some(Frame { key, drawn, shapes });
        }
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, theme::CANVAS_BACKGROUND);
        if let Some(last) = &self.last {
            painter.extend(last.shapes.iter().cloned());
        }
        self.paint_band(ui, rect);
        self.paint_overlays(ui, rect, model, &view);
        self.show_hover_name(&response);
        actions.extend(self.show_rename(ui, model, renaming));
        actions
    }

    /// The Find box, drawn on every frame while it is open; picking a match selects it and
    /// centres it.
    fn show_search(&mut self, ui: &Ui, rect: Rect, model: &Model) -> Vec<CanvasAction> {
        let Some(search) = self.search.as_mut() else {
            return Vec::new();
        };
        let (picked, close) = search.show(ui, rect, model);
        let mut actions = Vec::new();
        if close {
            self.search = None;
            actions.push(CanvasAction::SearchClosed);
        }
        if let Some(id) = picked {
            self.request_centre(&id);
            actions.push(CanvasAction::Select(Some(Selection::Entity(id))));
        }
        actions
    }

    /// The full name of the node under the pointer, when its label does not show it.
    fn show_hover_name(&self, response: &egui::Response) {
        if let Some(name) = &self.hover_name {
            response.clone().on_hover_text_at_pointer(name.as_str());
        }
    }

    /// What covers the canvas's corners and a fit must keep clear of, in screen pixels:
    /// the strip at the top and the legend.
    fn covered(&mut self, rect: Rect) -> Vec<crate::layout::Rect> {
        let mut covered = Vec::new();
        if self.reserved_top > 0.0 {
            covered.push(camera::rect(Rect::from_min_size(
                rect.min,
                egui::vec2(rect.width(), self.reserved_top),
            )));
        }
        if self.legend_shown(rect) {
            let legend = self.legend_rect(rect);
            covered.push(camera::rect(legend));
        }
        covered
    }
}

/// The screen point of a view as egui's.
fn screen(view: &View, p: Position) -> Pos2 {
    let s = view.to_screen(p);
    pos2(s.x as f32, s.y as f32)
}
