//! The canvas: an egui_graphs view of the model, rebuilt from the model after every edit
//! (the model stays the source of truth). It turns what the user does on it — click, drag,
//! connect, right-click — into [`CanvasAction`]s for the document to apply.
//!
//! egui_graphs asks for a repaint on every frame it draws. To let an idle window sleep, the
//! canvas only runs the graph view on frames with input or changes; on other frames it
//! replays the shapes it painted last time, which requests nothing.

mod legend;
mod shapes;

use std::collections::{HashMap, HashSet};

use egui::epaint::ClippedShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, pos2, vec2};
use egui_graphs::{
    GraphChange, GraphView, Layout, LayoutState, MetadataFrame, SettingsInteraction,
    SettingsNavigation, SettingsStyle,
};
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};

pub use shapes::{EdgeKind, Look, NodeData};
use shapes::{EdgeShape, NodeShape};

use super::document::Selection;
use super::theme;
use crate::analysis::{Analysis, RotaKind};
use crate::model::{Model, Position};

type CanvasGraph =
    egui_graphs::Graph<NodeData, EdgeKind, Directed, DefaultIx, NodeShape, EdgeShape>;

/// The kinds of entity that can be added from the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewEntity {
    Team,
    Service,
    Domain,
}

/// What the user asked for on the canvas this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasAction {
    Select(Option<Selection>),
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
}

/// A layout that never moves anything: positions come from the model.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PinnedState;

impl LayoutState for PinnedState {}

#[derive(Default)]
pub struct Pinned;

impl Layout<PinnedState> for Pinned {
    fn from_state(_: PinnedState) -> impl Layout<PinnedState> {
        Pinned
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: petgraph::EdgeType,
        Ix: petgraph::csr::IndexType,
        Dn: egui_graphs::DisplayNode<N, E, Ty, Ix>,
        De: egui_graphs::DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> PinnedState {
        PinnedState
    }
}

/// Shapes painted by the last live frame, replayed while nothing happens, and the view
/// transform they were painted with.
struct Replay {
    rect: Rect,
    shapes: Vec<ClippedShape>,
    zoom: f32,
    pan: Vec2,
}

/// Per-document canvas state: the view graph and what the user is in the middle of.
pub struct Canvas {
    graph: CanvasGraph,
    node_of: HashMap<String, NodeIndex>,
    /// The model revision and interaction toggle the graph was built for.
    built_for: Option<(u64, bool)>,
    shown_selection: Option<Selection>,
    replay: Option<Replay>,
    /// egui_graphs keeps zoom and pan under this id.
    view_id: String,
    pub show_interactions: bool,
    pub show_legend: bool,
    pub connect_mode: bool,
    connect_from: Option<String>,
    drag_origin: Option<(String, Pos2)>,
    context_target: Option<String>,
    context_at: Position,
    fit_requested: bool,
    /// Fit once the graph is rebuilt from the model (after an auto-layout lands in it).
    fit_after_rebuild: bool,
    centre_requested: Option<String>,
    auto_layout_requested: bool,
    /// Set by anything that must be drawn afresh next frame.
    stale: bool,
}

impl Canvas {
    pub fn new(view_id: String) -> Self {
        Canvas {
            graph: CanvasGraph::new(),
            node_of: HashMap::new(),
            built_for: None,
            shown_selection: None,
            replay: None,
            view_id,
            show_interactions: false,
            show_legend: true,
            connect_mode: false,
            connect_from: None,
            drag_origin: None,
            context_target: None,
            context_at: Position::default(),
            fit_requested: true,
            fit_after_rebuild: false,
            centre_requested: None,
            auto_layout_requested: false,
            stale: true,
        }
    }

    pub fn request_fit(&mut self) {
        self.fit_requested = true;
        self.stale = true;
    }

    pub fn request_centre(&mut self, id: &str) {
        self.centre_requested = Some(id.to_owned());
        self.stale = true;
    }

    pub fn request_auto_layout(&mut self) {
        self.auto_layout_requested = true;
        self.stale = true;
    }

    pub fn toggle_interactions(&mut self) {
        self.show_interactions = !self.show_interactions;
        self.stale = true;
    }

    pub fn toggle_legend(&mut self) {
        self.show_legend = !self.show_legend;
        self.stale = true;
    }

    pub fn toggle_connect_mode(&mut self) {
        self.connect_mode = !self.connect_mode;
        self.connect_from = None;
        self.stale = true;
    }

    /// Starts connect mode from one entity (the context menu's "Connect from here").
    pub fn connect_from(&mut self, id: &str) {
        self.connect_mode = true;
        self.connect_from = Some(id.to_owned());
        self.stale = true;
    }

    /// Where an entity was drawn on screen in the last frame.
    pub fn screen_position(&self, id: &str) -> Option<Pos2> {
        let replay = self.replay.as_ref()?;
        let node = self.graph.node(*self.node_of.get(id)?)?;
        Some(replay.rect.min + replay.pan + node.location().to_vec2() * replay.zoom)
    }

    /// Where a new entity goes when it is not placed with the mouse: the view's centre.
    pub fn view_centre(&self, ui: &Ui) -> Position {
        let meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let size = self
            .replay
            .as_ref()
            .map_or(vec2(800.0, 600.0), |r| r.rect.size());
        let centre = meta.screen_to_canvas_pos((size / 2.0).to_pos2());
        Position {
            x: f64::from(centre.x),
            y: f64::from(centre.y),
        }
    }

    fn rebuild(&mut self, model: &Model, analysis: &Analysis) {
        let positions = crate::arrange::positions(model);
        let at = |id: &str| {
            positions
                .get(id)
                .map_or(Pos2::ZERO, |p| pos2(p.x as f32, p.y as f32))
        };
        let understaffed: HashSet<&str> = analysis
            .rotas
            .iter()
            .filter(|r| !r.healthy && matches!(r.kind, RotaKind::Team | RotaKind::Ops))
            .map(|r| &*r.owner)
            .collect();
        let mut graph = CanvasGraph::new();
        let mut node_of = HashMap::with_capacity(positions.len());
        let mut add =
            |graph: &mut CanvasGraph, id: &str, label: &str, look: Look, caption: String| {
                let data = NodeData {
                    id: id.to_owned(),
                    look,
                    caption,
                };
                let index = graph.add_node_with_label_and_location(data, label.to_owned(), at(id));
                node_of.insert(id.to_owned(), index);
            };
        for domain in &model.domains {
            add(
                &mut graph,
                &domain.id,
                &domain.name,
                Look::Domain,
                String::new(),
            );
        }
        for team in &model.teams {
            let look = Look::Team {
                kind: team.kind,
                understaffed: understaffed.contains(team.id.as_str()),
            };
            let caption = format!(
                "{} · {}",
                team.kind.label(),
                crate::format::count(team.members as usize, "person", "people")
            );
            add(&mut graph, &team.id, &team.name, look, caption);
        }
        for (service, figures) in model.services.iter().zip(&analysis.services) {
            let look = Look::Service {
                kind: service.kind,
                cover: figures.cover,
            };
            let caption = crate::format::trimmed(figures.availability, 3);
            add(&mut graph, &service.id, &service.name, look, caption);
        }
        for service in &model.services {
            if let Some(owner) = service.owner.as_deref().and_then(|o| node_of.get(o)) {
                graph.add_edge(*owner, node_of[&service.id], EdgeKind::Ownership);
            }
        }
        for dependency in &model.dependencies {
            if let (Some(from), Some(to)) =
                (node_of.get(&dependency.from), node_of.get(&dependency.to))
            {
                graph.add_edge(*from, *to, EdgeKind::Dependency);
            }
        }
        if self.show_interactions {
            for interaction in &model.interactions {
                if let (Some(from), Some(to)) =
                    (node_of.get(&interaction.from), node_of.get(&interaction.to))
                {
                    graph.add_edge(*from, *to, EdgeKind::Interaction(interaction.mode));
                }
            }
        }
        self.graph = graph;
        self.node_of = node_of;
        self.shown_selection = None;
    }

    /// Marks the selection on the view graph's nodes and edges.
    fn show_selection(&mut self, selection: &Option<Selection>) {
        if self.shown_selection == *selection {
            return;
        }
        let nodes: Vec<NodeIndex> = self.graph.g().node_indices().collect();
        for index in nodes {
            let selected = matches!(selection, Some(Selection::Entity(id)) if self.graph.node(index).is_some_and(|n| n.payload().id == *id));
            if let Some(node) = self.graph.node_mut(index) {
                node.set_selected(selected);
            }
        }
        let edges: Vec<EdgeIndex> = self.graph.g().edge_indices().collect();
        for index in edges {
            let selected =
                selection.is_some() && self.relation(index).as_ref() == selection.as_ref();
            if let Some(edge) = self.graph.edge_mut(index) {
                edge.set_selected(selected);
            }
        }
        self.shown_selection = selection.clone();
        self.stale = true;
    }

    fn node_id(&self, index: NodeIndex) -> Option<String> {
        self.graph.node(index).map(|n| n.payload().id.clone())
    }

    /// The relation an edge stands for, as a selection.
    fn relation(&self, index: EdgeIndex) -> Option<Selection> {
        let (from, to) = self.graph.edge_endpoints(index)?;
        let (from, to) = (self.node_id(from)?, self.node_id(to)?);
        Some(match self.graph.edge(index)?.payload() {
            EdgeKind::Ownership => Selection::Ownership { service: to },
            EdgeKind::Dependency => Selection::Dependency { from, to },
            EdgeKind::Interaction(_) => Selection::Interaction { from, to },
        })
    }

    /// Whether this frame must run the graph view rather than replay the last one.
    fn needs_live_frame(&self, ui: &Ui, rect: Rect) -> bool {
        self.stale
            || self.replay.as_ref().is_none_or(|r| r.rect != rect)
            || ui.input(|i| {
                !i.events.is_empty()
                    || i.pointer.any_down()
                    || i.pointer.any_released()
                    || i.pointer.delta() != Vec2::ZERO
                    || i.smooth_scroll_delta != Vec2::ZERO
                    || i.zoom_delta() != 1.0
            })
    }

    /// Draws the canvas and returns what the user asked for.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        model: &Model,
        analysis: &Analysis,
        revision: u64,
        selection: &Option<Selection>,
    ) -> Vec<CanvasAction> {
        let key = (revision, self.show_interactions);
        if self.built_for != Some(key) {
            self.rebuild(model, analysis);
            self.built_for = Some(key);
            self.fit_requested |= std::mem::take(&mut self.fit_after_rebuild);
            self.stale = true;
        }
        self.show_selection(selection);
        let rect = ui.available_rect_before_wrap();
        ui.painter()
            .rect_filled(rect, 0.0, theme::CANVAS_BACKGROUND);

        if !self.needs_live_frame(ui, rect) {
            let replay = self
                .replay
                .as_ref()
                .expect("a replay exists when the frame is not live");
            // The same widget, id and sense as the graph view registers, so that a click
            // on the next frame is hit-tested against the graph view.
            let (response, _) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
            let layer = ui.layer_id();
            ui.ctx().graphics_mut(|graphics| {
                let list = graphics.entry(layer);
                for clipped in &replay.shapes {
                    list.add(clipped.clip_rect, clipped.shape.clone());
                }
            });
            // An open context menu is drawn on every frame, live or not.
            let mut actions = Vec::new();
            response.context_menu(|ui| self.context_menu(ui, &mut actions));
            return actions;
        }
        self.stale = false;

        let layer = ui.layer_id();
        let first_shape = ui
            .ctx()
            .graphics(|g| g.get(layer).map_or(0, |list| list.next_idx().0));
        let mut actions = Vec::new();
        if self.auto_layout_requested {
            self.auto_layout_requested = false;
            actions.extend(self.auto_layout(model));
        }
        let backdrop = ui.painter().add(Shape::Noop);

        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(!self.connect_mode)
            .with_node_clicking_enabled(true)
            .with_edge_clicking_enabled(true)
            .with_hover_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(true)
            .with_zoom_speed(0.1);
        let style = SettingsStyle::new().with_labels_always(true);
        let response = GraphView::<PinnedState, Pinned>::new()
            .with_id(Some(self.view_id.clone()))
            .with_interactions(&interactions)
            .with_navigations(&navigation)
            .with_styles(&style)
            .show(ui, &mut self.graph);
        // After the view ran, so that its own first-frame fit does not undo ours.
        self.apply_view_requests(ui, rect);

        let meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let screen = |p: Pos2| rect.min + meta.canvas_to_screen_pos(p).to_vec2();
        ui.painter().set(
            backdrop,
            Shape::Vec(self.domain_backdrops(model, &screen, meta.zoom)),
        );

        actions.extend(self.handle_changes(&response.changes, model));
        actions.extend(self.handle_pointer(&response.response, rect, &meta));
        self.wheel_zoom(ui, &response.response, rect);
        self.paint_overlays(ui, rect, model, &screen);

        let shapes = ui.ctx().graphics(|g| {
            g.get(layer)
                .map(|list| list.all_entries().skip(first_shape).cloned().collect())
                .unwrap_or_default()
        });
        let meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        self.replay = Some(Replay {
            rect,
            shapes,
            zoom: meta.zoom,
            pan: meta.pan,
        });
        actions
    }

    /// Zoom-to-fit and centre-on requests, applied to egui_graphs' view metadata.
    fn apply_view_requests(&mut self, ui: &mut Ui, rect: Rect) {
        // Panels settle their widths over the first frames: wait for a stable canvas.
        let settled = self.replay.as_ref().is_some_and(|r| r.rect == rect);
        if !(self.fit_requested || self.centre_requested.is_some()) || !settled {
            if self.fit_requested || self.centre_requested.is_some() {
                self.stale = true;
                ui.ctx().request_repaint();
            }
            return;
        }
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let size = rect.size();
        if std::mem::take(&mut self.fit_requested) {
            let mut bounds = Rect::NOTHING;
            for (_, node) in self.graph.nodes_iter() {
                bounds.extend_with(node.location());
            }
            if bounds.is_positive() || bounds.is_finite() && self.graph.node_count() > 0 {
                let padded = bounds.expand2(vec2(
                    shapes::TEAM_SIZE.x * 0.8,
                    shapes::SERVICE_RADIUS * 3.5,
                ));
                let zoom = (size.x / padded.width())
                    .min(size.y / padded.height())
                    .clamp(0.05, 1.3);
                meta.zoom = zoom;
                meta.pan = size / 2.0 - padded.center().to_vec2() * zoom;
            } else {
                meta.zoom = 1.0;
                meta.pan = size / 2.0;
            }
        }
        if let Some(id) = self.centre_requested.take()
            && let Some(node) = self.node_of.get(&id).and_then(|i| self.graph.node(*i))
        {
            meta.zoom = meta.zoom.max(0.6);
            meta.pan = size / 2.0 - node.location().to_vec2() * meta.zoom;
        }
        meta.save(ui);
        self.stale = true;
        ui.ctx().request_repaint();
    }

    /// A force-directed layout of the whole model, as one undoable move.
    fn auto_layout(&mut self, model: &Model) -> Option<CanvasAction> {
        if self.graph.node_count() == 0 {
            return None;
        }
        let start = crate::arrange::positions(model);
        let arranged =
            crate::arrange::force_directed(model, &start, std::time::Duration::from_millis(1500));
        self.fit_after_rebuild = true;
        let mut positions: Vec<(String, Position)> = arranged.into_iter().collect();
        positions.sort_by(|a, b| a.0.cmp(&b.0));
        Some(CanvasAction::Move {
            label: "Auto-layout".to_owned(),
            positions,
        })
    }

    fn handle_changes(&mut self, changes: &[GraphChange], model: &Model) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        for change in changes {
            match change {
                GraphChange::NodeDragStarted { node } => {
                    if let Some(n) = self.graph.node(*node) {
                        self.drag_origin = Some((n.payload().id.clone(), n.location()));
                    }
                }
                GraphChange::NodeDragEnded { node } => {
                    let Some(n) = self.graph.node(*node) else {
                        continue;
                    };
                    let (id, now) = (n.payload().id.clone(), n.location());
                    let moved = self.drag_origin.take().is_some_and(|(origin_id, origin)| {
                        origin_id == id && (origin - now).length() > 0.5
                    });
                    if moved {
                        let label = format!("Move {}", model.display_name(&id));
                        actions.push(CanvasAction::Move {
                            label,
                            positions: vec![(
                                id.clone(),
                                Position {
                                    x: f64::from(now.x),
                                    y: f64::from(now.y),
                                },
                            )],
                        });
                    }
                    actions.push(CanvasAction::Select(Some(Selection::Entity(id))));
                }
                GraphChange::NodeClicked { node } => {
                    let Some(id) = self.node_id(*node) else {
                        continue;
                    };
                    if self.connect_mode {
                        match self.connect_from.take() {
                            Some(from) if from != id => {
                                actions.push(CanvasAction::Connect { from, to: id })
                            }
                            _ => self.connect_from = Some(id),
                        }
                    } else {
                        actions.push(CanvasAction::Select(Some(Selection::Entity(id))));
                    }
                }
                GraphChange::EdgeClicked { edge } => {
                    if let Some(relation) = self.relation(*edge) {
                        actions.push(CanvasAction::Select(Some(relation)));
                    }
                }
                _ => {}
            }
        }
        actions
    }

    /// Clicks on empty space, the context menu, and connecting by dragging in connect mode.
    fn handle_pointer(
        &mut self,
        response: &egui::Response,
        rect: Rect,
        meta: &MetadataFrame,
    ) -> Vec<CanvasAction> {
        let mut actions = Vec::new();
        let hovered = self.graph.hovered_node().and_then(|i| self.node_id(i));
        if response.clicked() && hovered.is_none() && self.graph.selected_edges().is_empty() {
            let edge_hit = response
                .interact_pointer_pos()
                .map(|p| meta.screen_to_canvas_pos(p - rect.min.to_vec2()))
                .and_then(|p| self.edge_at(p));
            if edge_hit.is_none() {
                self.connect_from = None;
                actions.push(CanvasAction::Select(None));
            }
        }
        if self.connect_mode {
            if response.drag_started() {
                self.connect_from = hovered.clone();
            }
            if response.drag_stopped()
                && let (Some(from), Some(to)) = (self.connect_from.clone(), hovered.clone())
                && from != to
            {
                self.connect_from = None;
                actions.push(CanvasAction::Connect { from, to });
            }
        }
        if response.secondary_clicked() {
            self.context_target = hovered;
            if let Some(p) = response.interact_pointer_pos() {
                let at = meta.screen_to_canvas_pos(p - rect.min.to_vec2());
                self.context_at = Position {
                    x: f64::from(at.x),
                    y: f64::from(at.y),
                };
            }
        }
        response.context_menu(|ui| self.context_menu(ui, &mut actions));
        actions
    }

    fn edge_at(&self, canvas: Pos2) -> Option<EdgeIndex> {
        self.graph.edges_iter().find_map(|(index, edge)| {
            let (from, to) = self.graph.edge_endpoints(index)?;
            let (from, to) = (self.graph.node(from)?, self.graph.node(to)?);
            egui_graphs::DisplayEdge::is_inside(edge.display(), from, to, canvas).then_some(index)
        })
    }

    fn context_menu(&mut self, ui: &mut Ui, actions: &mut Vec<CanvasAction>) {
        let at = self.context_at;
        match self.context_target.clone() {
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
                    self.request_auto_layout();
                }
            }
            Some(id) => {
                let kind = self
                    .node_of
                    .get(&id)
                    .and_then(|i| self.graph.node(*i))
                    .map(|n| n.payload().look);
                if let Some(Look::Team { .. }) = kind
                    && ui.button("Add a service owned by this team").clicked()
                {
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
                    self.connect_from(&id);
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

    /// A plain mouse wheel zooms around the pointer, as on maps and diagram tools.
    fn wheel_zoom(&mut self, ui: &mut Ui, response: &egui::Response, rect: Rect) {
        let scroll = ui.input(|i| {
            if i.modifiers.command {
                0.0
            } else {
                i.smooth_scroll_delta.y
            }
        });
        let Some(pointer) = response.hover_pos() else {
            return;
        };
        if scroll == 0.0 {
            return;
        }
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let local = (pointer - rect.min).to_pos2();
        let under = meta.screen_to_canvas_pos(local);
        meta.zoom = (meta.zoom * (1.0 + scroll * 0.0015).clamp(0.5, 2.0)).clamp(0.05, 4.0);
        meta.pan = local.to_vec2() - under.to_vec2() * meta.zoom;
        meta.save(ui);
        self.stale = true;
    }

    /// A tinted area behind each domain's header, teams and their services.
    fn domain_backdrops(
        &self,
        model: &Model,
        screen: &dyn Fn(Pos2) -> Pos2,
        zoom: f32,
    ) -> Vec<Shape> {
        let location = |id: &str| {
            self.node_of
                .get(id)
                .and_then(|i| self.graph.node(*i))
                .map(|n| n.location())
        };
        let mut shapes = Vec::new();
        for domain in &model.domains {
            let Some(header) = location(&domain.id) else {
                continue;
            };
            let mut area = Rect::from_center_size(header, shapes::DOMAIN_SIZE);
            for team in model
                .teams
                .iter()
                .filter(|t| t.domain.as_deref() == Some(domain.id.as_str()))
            {
                if let Some(p) = location(&team.id) {
                    area = area.union(Rect::from_center_size(p, shapes::TEAM_SIZE));
                }
                for service in model
                    .services
                    .iter()
                    .filter(|s| s.owner.as_deref() == Some(team.id.as_str()))
                {
                    if let Some(p) = location(&service.id) {
                        let reach =
                            Vec2::new(shapes::SERVICE_RADIUS * 1.5, shapes::SERVICE_RADIUS * 1.9);
                        area = area.union(Rect::from_center_size(p + vec2(0.0, 12.0), reach * 2.0));
                    }
                }
            }
            let area = Rect::from_min_max(screen(area.min), screen(area.max)).expand(14.0 * zoom);
            let radius = (18.0 * zoom).clamp(4.0, 24.0) as u8;
            shapes.push(Shape::rect_filled(area, radius, theme::DOMAIN_FILL));
            shapes.push(Shape::rect_stroke(
                area,
                radius,
                Stroke::new(1.5, theme::DOMAIN_STROKE),
                egui::StrokeKind::Inside,
            ));
        }
        shapes
    }

    /// The connect rubber band, the empty-model hint and the connect-mode banner.
    fn paint_overlays(&self, ui: &Ui, rect: Rect, model: &Model, screen: &dyn Fn(Pos2) -> Pos2) {
        let painter = ui.painter_at(rect);
        if let Some(from) = self
            .connect_from
            .as_ref()
            .and_then(|id| self.node_of.get(id))
            .and_then(|i| self.graph.node(*i))
            && let Some(pointer) = ui.input(|i| i.pointer.hover_pos())
        {
            let start = screen(from.location());
            painter.extend(Shape::dashed_line(
                &[start, pointer],
                Stroke::new(2.5, theme::SELECTION),
                8.0,
                5.0,
            ));
        }
        if self.show_legend && rect.width() > 480.0 {
            legend::paint(&painter, rect);
        }
        if model.teams.is_empty() && model.services.is_empty() && model.domains.is_empty() {
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                "An empty model.\nAdd a team (T), a service (S) or a domain (D) from the toolbar,\nor right-click here. Open a sample with Ctrl+O.",
                FontId::proportional(20.0),
                theme::MUTED_INK,
            );
        }
        if self.connect_mode {
            let banner = match &self.connect_from {
                None => {
                    "Connect mode: click or drag from a service, team or domain (Esc or C to leave)"
                }
                Some(_) => {
                    "Now click what to connect it to: a service (dependency or owner), a team (interaction) or a domain"
                }
            };
            let at = rect.center_top() + vec2(0.0, 12.0);
            let galley = painter.layout_no_wrap(
                banner.to_owned(),
                FontId::proportional(16.0),
                Color32::WHITE,
            );
            let area = Align2::CENTER_TOP
                .anchor_size(at, galley.size())
                .expand(8.0);
            painter.rect_filled(area, 6.0, theme::SELECTION);
            painter.galley(area.min + vec2(8.0, 8.0), galley, Color32::WHITE);
        }
    }
}
