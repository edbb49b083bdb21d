//! The canvas: an egui_graphs view of the model, rebuilt from the model after every edit
//! (the model stays the source of truth). It draws as its view's modes say and turns what the
//! user does on it — click, drag, connect, right-click — into [`CanvasAction`]s, which the
//! document's view sends on as commands.
//!
//! egui_graphs asks for a repaint on every frame it draws. To let an idle window sleep, the
//! canvas only runs the graph view on frames with input or changes; on other frames it
//! replays the shapes it painted last time, which requests nothing.

mod labels;
mod legend;
mod minimap;
mod overview;
mod routes;
mod search;
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

pub use labels::TextScale;
pub use shapes::{EdgeData, EdgeKind, Focus, Look, NodeData};
use shapes::{EdgeShape, NodeShape};

use super::theme;
use crate::analysis::{Analysis, Cover, RotaKind, Severity};
use crate::app::state::{CanvasModes, NewEntity, Selection};
use crate::layout::sizes::{entities, footprint};
use crate::model::{EntityKind, Model, Position};

/// Fit zooms in this far at most, so a model of three nodes does not fill a projector.
const MAX_FIT_ZOOM: f32 = 2.0;

type CanvasGraph =
    egui_graphs::Graph<NodeData, EdgeData, Directed, DefaultIx, NodeShape, EdgeShape>;

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
    /// Connect mode, from an entity the context menu named.
    StartConnecting,
    /// The Find box closed.
    SearchClosed,
    /// The context menu's "Auto-layout".
    AutoLayout,
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
    /// The model revision, interaction toggle and overview the graph was built for.
    built_for: Option<(u64, bool, bool)>,
    /// Whether the graph shows one box per domain (see [`overview`]).
    overview: bool,
    /// Every entity's canvas position, members of an overview box included.
    locations: HashMap<String, Pos2>,
    /// Each domain's area on the canvas, from its members' positions.
    domain_areas: HashMap<String, Rect>,
    /// A canvas area to zoom to (a double-clicked domain box).
    zoom_to: Option<Rect>,
    shown_selection: Option<Selection>,
    replay: Option<Replay>,
    /// egui_graphs keeps zoom and pan under this id.
    view_id: String,
    /// How the view wants the canvas drawn (interactions, legend, connect mode, Find box),
    /// as of this frame.
    modes: CanvasModes,
    connect_from: Option<String>,
    drag_origin: Option<(String, Pos2)>,
    context_target: Option<String>,
    context_at: Position,
    fit_requested: bool,
    centre_requested: Option<String>,
    /// How far the document's auto-layout has got, in per cent, while it runs.
    arranging: Option<u32>,
    /// Set by anything that must be drawn afresh next frame.
    stale: bool,
    /// How large names are drawn: larger while presenting.
    text_scale: TextScale,
    /// Screen height kept clear at the top of the canvas (the presentation figures strip).
    reserved_top: f32,
    /// Which labels give way to which: lower ranks are placed first.
    label_rank: HashMap<NodeIndex, u64>,
    /// The full name of the node under the pointer, when its label is cut or left out.
    hover_name: Option<String>,
    /// The entities whose names the last live frame showed in full.
    named: HashSet<String>,
    /// The Find box, while it is open.
    search: Option<search::Search>,
    /// How wide the legend was drawn last.
    legend_width: Option<f32>,
    /// Where the overview map was drawn last, and how it maps to the canvas.
    minimap: Option<minimap::Projection>,
}

impl Canvas {
    pub fn new(view_id: String) -> Self {
        Canvas {
            graph: CanvasGraph::new(),
            node_of: HashMap::new(),
            built_for: None,
            overview: false,
            locations: HashMap::new(),
            zoom_to: None,
            domain_areas: HashMap::new(),
            shown_selection: None,
            replay: None,
            view_id,
            modes: CanvasModes::default(),
            connect_from: None,
            drag_origin: None,
            context_target: None,
            context_at: Position::default(),
            fit_requested: true,
            centre_requested: None,
            arranging: None,
            stale: true,
            text_scale: TextScale::EDITOR,
            reserved_top: 0.0,
            label_rank: HashMap::new(),
            hover_name: None,
            named: HashSet::new(),
            search: None,
            minimap: None,
            legend_width: None,
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
        self.fit_requested = true;
        self.stale = true;
    }

    pub fn request_centre(&mut self, id: &str) {
        self.centre_requested = Some(id.to_owned());
        self.stale = true;
    }

    /// Takes the view's modes and the auto-layout's progress for this frame: the Find box
    /// opens or closes with the mode, and leaving connect mode forgets where it started.
    fn follow(&mut self, modes: CanvasModes, arranging: Option<u32>) {
        if modes != self.modes || arranging != self.arranging {
            self.stale = true;
        }
        if !modes.connecting {
            self.connect_from = None;
        }
        match (modes.searching, self.search.is_some()) {
            (true, false) => self.search = Some(search::Search::new()),
            (false, true) => self.search = None,
            _ => {}
        }
        self.modes = modes;
        self.arranging = arranging;
    }

    /// Where an entity was drawn on screen in the last frame.
    pub fn screen_position(&self, id: &str) -> Option<Pos2> {
        let replay = self.replay.as_ref()?;
        let node = self.graph.node(*self.node_of.get(id)?)?;
        Some(replay.rect.min + replay.pan + node.location().to_vec2() * replay.zoom)
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
            self.stale = true;
            actions.push(CanvasAction::SearchClosed);
        }
        if let Some(id) = picked {
            self.request_centre(&id);
            actions.push(CanvasAction::Select(Some(Selection::Entity(id))));
        }
        actions
    }

    /// Whether the canvas shows one box per domain instead of its teams and services.
    pub fn is_overview(&self) -> bool {
        self.overview
    }

    /// An entity's part in the current selection, if it is drawn as a node of its own.
    pub fn focus(&self, id: &str) -> Option<Focus> {
        let node = self.graph.node(*self.node_of.get(id)?)?;
        Some(node.payload().focus)
    }

    /// Whether the last drawn frame showed this entity's name in full.
    pub fn shows_name(&self, id: &str) -> bool {
        self.named.contains(id)
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

    /// Builds the view graph from the model: every entity, or in the overview one box per
    /// domain standing for its teams and services, with their relations between the boxes.
    fn rebuild(&mut self, ui: &Ui, model: &Model, analysis: &Analysis, overview: bool) {
        let positions = crate::layout::positions(model);
        self.locations = positions
            .iter()
            .map(|(id, p)| (id.clone(), pos2(p.x as f32, p.y as f32)))
            .collect();
        let location = |id: &str| self.locations.get(id).copied();
        let understaffed: HashSet<&str> = analysis
            .rotas
            .iter()
            .filter(|r| !r.healthy && matches!(r.kind, RotaKind::Team | RotaKind::Ops))
            .map(|r| &*r.owner)
            .collect();
        let name_font = FontId::proportional(shapes::TEAM_NAME_PX);
        let card_size = |id: &str| {
            let name = model.display_name(id);
            let width = ui.fonts_mut(|f| {
                f.layout_no_wrap(name.to_owned(), name_font.clone(), theme::INK)
                    .size()
                    .x
            });
            shapes::team_card_size(width)
        };
        let ranked = services_by_importance(model, analysis);
        let urgent: HashSet<&str> = ranked
            .iter()
            .filter(|(_, urgent)| *urgent)
            .map(|(i, _)| model.services[*i].id.as_str())
            .collect();
        let stands_for = if overview {
            overview::members(model)
        } else {
            HashMap::new()
        };
        let mut graph = CanvasGraph::new();
        let mut node_of = HashMap::with_capacity(positions.len());
        let mut label_rank = HashMap::with_capacity(positions.len());
        let mut add =
            |graph: &mut CanvasGraph, id: &str, label: &str, look, caption, rect: Rect, badges| {
                let data = NodeData {
                    id: id.to_owned(),
                    look,
                    caption,
                    badges,
                    size: rect.size(),
                    focus: Focus::Plain,
                };
                let index =
                    graph.add_node_with_label_and_location(data, label.to_owned(), rect.center());
                node_of.insert(id.to_owned(), index);
                // Domains' and teams' names claim their own headers and cards first (a
                // card without its name reads as nothing), then services in trouble, then
                // the other services.
                let tier: u64 = match look {
                    Look::Domain | Look::DomainSummary => 0,
                    Look::Team { .. } => 1,
                    Look::Service { .. } if urgent.contains(id) => 2,
                    Look::Service { .. } => 3,
                };
                label_rank.insert(index, (tier << 32) | label_rank.len() as u64);
            };
        let at =
            |id: &str, size: Vec2| Rect::from_center_size(location(id).unwrap_or(Pos2::ZERO), size);
        self.domain_areas = domain_areas(model, location)
            .into_iter()
            .map(|(id, area)| (id.to_owned(), area))
            .collect();
        let boxes = if overview {
            // The teams and services outside every domain stay drawn as they are.
            let outside: Vec<Rect> = entities(model)
                .filter(|(id, kind, _)| {
                    *kind != EntityKind::Domain && !stands_for.contains_key(*id)
                })
                .filter_map(|(id, kind, name)| {
                    let at = location(id)?;
                    let centre = Position {
                        x: at.x.into(),
                        y: at.y.into(),
                    };
                    Some(canvas_rect(footprint(kind, name, centre)))
                })
                .collect();
            overview::grid(&self.domain_areas, &outside)
        } else {
            HashMap::new()
        };
        for domain in &model.domains {
            match boxes.get(&domain.id) {
                Some(area) => {
                    let lines = overview::summary(model, analysis, &domain.id).join("\n");
                    let look = Look::DomainSummary;
                    add(
                        &mut graph,
                        &domain.id,
                        &domain.name,
                        look,
                        lines,
                        *area,
                        Vec::new(),
                    );
                }
                None => {
                    let rect = at(&domain.id, shapes::DOMAIN_SIZE);
                    add(
                        &mut graph,
                        &domain.id,
                        &domain.name,
                        Look::Domain,
                        String::new(),
                        rect,
                        Vec::new(),
                    );
                }
            }
        }
        for team in model
            .teams
            .iter()
            .filter(|t| !stands_for.contains_key(&t.id))
        {
            let look = Look::Team {
                kind: team.kind,
                understaffed: understaffed.contains(team.id.as_str()),
            };
            let caption = format!(
                "{} · {}",
                team.kind.label(),
                crate::format::count(team.members as usize, "person", "people")
            );
            let rect = at(&team.id, card_size(&team.id));
            add(
                &mut graph,
                &team.id,
                &team.name,
                look,
                caption,
                rect,
                Vec::new(),
            );
        }
        for (index, _) in ranked {
            let (service, figures) = (&model.services[index], &analysis.services[index]);
            if stands_for.contains_key(&service.id) {
                continue;
            }
            let look = Look::Service {
                kind: service.kind,
                cover: figures.cover,
                lifecycle: service.lifecycle,
            };
            let caption = crate::format::trimmed(figures.availability, 3);
            let rect = at(&service.id, Vec2::splat(shapes::SERVICE_RADIUS * 2.0));
            let badges = service.compliance.clone();
            add(
                &mut graph,
                &service.id,
                &service.name,
                look,
                caption,
                rect,
                badges,
            );
        }
        let connect = |graph: &mut CanvasGraph, from: &str, to: &str, kind| {
            let node = |id: &str| node_of.get(stands_for.get(id).map_or(id, String::as_str));
            let (Some(&a), Some(&b)) = (node(from), node(to)) else {
                return;
            };
            // The overview shows where things are, not how they connect: relations that
            // touch a domain's box are left out.
            let merged = stands_for.contains_key(from) || stands_for.contains_key(to);
            if merged {
                return;
            }
            let (focus, bend) = (Focus::Plain, Vec2::ZERO);
            graph.add_edge(a, b, EdgeData { kind, focus, bend });
        };
        for service in &model.services {
            if let Some(owner) = &service.owner {
                connect(&mut graph, owner, &service.id, EdgeKind::Ownership);
            }
        }
        for dependency in &model.dependencies {
            connect(
                &mut graph,
                &dependency.from,
                &dependency.to,
                EdgeKind::Dependency,
            );
        }
        if self.modes.interactions {
            for interaction in &model.interactions {
                let kind = EdgeKind::Interaction(interaction.mode);
                connect(&mut graph, &interaction.from, &interaction.to, kind);
            }
        }
        route_edges(&mut graph);
        self.graph = graph;
        self.node_of = node_of;
        self.label_rank = label_rank;
        self.overview = overview;
        self.shown_selection = None;
    }

    /// Marks the selection on the view graph's nodes and edges, highlights what it touches
    /// and dims the rest.
    fn show_selection(&mut self, model: &Model, selection: &Option<Selection>) {
        if self.shown_selection == *selection {
            return;
        }
        let related = self.neighbourhood(model, selection);
        let focus_of = |id: &str| match &related {
            None => Focus::Plain,
            Some(ids) if ids.contains(id) => Focus::Related,
            Some(_) => Focus::Dimmed,
        };
        let selected_id = match selection {
            Some(Selection::Entity(id)) => Some(id.as_str()),
            _ => None,
        };
        let nodes: Vec<NodeIndex> = self.graph.g().node_indices().collect();
        for index in nodes {
            if let Some(node) = self.graph.node_mut(index) {
                let id = node.payload().id.clone();
                node.set_selected(selected_id == Some(id.as_str()));
                node.payload_mut().focus = focus_of(&id);
            }
        }
        let edges: Vec<EdgeIndex> = self.graph.g().edge_indices().collect();
        for index in edges {
            let selected =
                selection.is_some() && self.relation(index).as_ref() == selection.as_ref();
            let ends = self
                .graph
                .edge_endpoints(index)
                .and_then(|(a, b)| Some((self.node_id(a)?, self.node_id(b)?)));
            let focus = match (&related, ends) {
                (None, _) => Focus::Plain,
                (Some(_), Some((a, b)))
                    if selected_id.is_some_and(|s| s == a || s == b) || selected =>
                {
                    Focus::Related
                }
                _ => Focus::Dimmed,
            };
            if let Some(edge) = self.graph.edge_mut(index) {
                edge.set_selected(selected);
                edge.payload_mut().focus = focus;
            }
        }
        self.shown_selection = selection.clone();
        self.stale = true;
    }

    /// The ids that stay in focus with the selection: the selected entity and everything it
    /// is connected to on the canvas (its owner or services, dependencies and dependents,
    /// interaction partners), a team's domain and a domain's teams; both ends of a selected
    /// relation. `None` when nothing is selected.
    fn neighbourhood(
        &self,
        model: &Model,
        selection: &Option<Selection>,
    ) -> Option<HashSet<String>> {
        let mut ids = HashSet::new();
        match selection.as_ref()? {
            Selection::Entity(id) => {
                ids.insert(id.clone());
                if let Some(&index) = self.node_of.get(id) {
                    let g = self.graph.g();
                    for neighbour in g.neighbors_undirected(index) {
                        ids.extend(self.node_id(neighbour));
                    }
                }
                if let Some(domain) = model.team(id).and_then(|t| t.domain.clone()) {
                    ids.insert(domain);
                }
                ids.extend(
                    model
                        .teams
                        .iter()
                        .filter(|t| t.domain.as_deref() == Some(id.as_str()))
                        .map(|t| t.id.clone()),
                );
            }
            Selection::Dependency { from, to } | Selection::Interaction { from, to } => {
                ids.extend([from.clone(), to.clone()]);
            }
            Selection::Ownership { service } => {
                ids.insert(service.clone());
                ids.extend(model.service(service).and_then(|s| s.owner.clone()));
            }
        }
        Some(ids)
    }

    fn node_id(&self, index: NodeIndex) -> Option<String> {
        self.graph.node(index).map(|n| n.payload().id.clone())
    }

    /// The relation an edge stands for, as a selection.
    fn relation(&self, index: EdgeIndex) -> Option<Selection> {
        let (from, to) = self.graph.edge_endpoints(index)?;
        let (from, to) = (self.node_id(from)?, self.node_id(to)?);
        Some(match self.graph.edge(index)?.payload().kind {
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

    /// Draws the canvas as `modes` say, with the auto-layout's progress while it runs, and
    /// returns what the user asked for.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        model: &Model,
        analysis: &Analysis,
        revision: u64,
        selection: &Option<Selection>,
        modes: CanvasModes,
        arranging: Option<u32>,
    ) -> Vec<CanvasAction> {
        self.follow(modes, arranging);
        let zoom = MetadataFrame::new(Some(self.view_id.clone())).load(ui).zoom;
        let overview = overview::wanted(model, zoom);
        let key = (revision, self.modes.interactions, overview);
        if self.built_for != Some(key) {
            self.rebuild(ui, model, analysis, overview);
            self.built_for = Some(key);
            self.stale = true;
        }
        self.show_selection(model, selection);
        let rect = ui.available_rect_before_wrap();
        let found = self.show_search(ui, rect, model);
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
            self.show_hover_name(&response);
            self.minimap_input(ui, rect);
            // An open context menu is drawn on every frame, live or not.
            let mut actions = found;
            response.context_menu(|ui| self.context_menu(ui, &mut actions));
            return actions;
        }
        self.stale = false;

        let layer = ui.layer_id();
        let first_shape = ui
            .ctx()
            .graphics(|g| g.get(layer).map_or(0, |list| list.next_idx().0));
        let mut actions = found;
        let backdrop = ui.painter().add(Shape::Noop);

        let interactions = SettingsInteraction::new()
            .with_dragging_enabled(!self.modes.connecting && !self.overview)
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

        self.paint_labels(ui, rect, &meta);
        actions.extend(self.handle_changes(&response.changes, model));
        actions.extend(self.handle_pointer(&response.response, rect, &meta));
        self.wheel_zoom(ui, &response.response, rect);
        self.paint_overlays(ui, rect, model, &screen);
        self.paint_minimap(ui, rect, &meta);
        self.minimap_input(ui, rect);
        self.show_hover_name(&response.response);

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

    /// Every node's name, placed by [`labels::place`] so that none overlaps another or a
    /// node; remembers the full name of the hovered node if its label is cut or left out.
    fn paint_labels(&mut self, ui: &Ui, rect: Rect, meta: &MetadataFrame) {
        let zoom = meta.zoom;
        let screen = |p: Pos2| rect.min + meta.canvas_to_screen_pos(p).to_vec2();
        let focus_first = |focus: Focus, selected: bool| match (selected, focus) {
            (true, _) => 0,
            (false, Focus::Related) => 1,
            (false, Focus::Plain) => 2,
            (false, Focus::Dimmed) => 3,
        };
        let mut labels = Vec::with_capacity(self.graph.node_count());
        let mut indices = Vec::with_capacity(self.graph.node_count());
        let mut obstacles = Vec::with_capacity(self.graph.node_count());
        let mut boxes = Vec::new();
        for (index, node) in self.graph.nodes_iter() {
            let data = node.payload();
            let shape = shapes::screen_rect(screen(node.location()), data, zoom);
            obstacles.push(shape);
            let (canvas_px, inside, inside_colour, outside_colour, fill) = match data.look {
                Look::DomainSummary => {
                    boxes.push((index, shape, node.props().label.as_str(), &*data.caption));
                    continue;
                }
                Look::Domain => (
                    shapes::DOMAIN_NAME_PX,
                    true,
                    Color32::WHITE,
                    theme::DOMAIN_HEADER,
                    theme::DOMAIN_HEADER,
                ),
                Look::Team { kind, .. } => {
                    let fill = theme::team_fill(kind);
                    (shapes::TEAM_NAME_PX, true, theme::INK, theme::INK, fill)
                }
                Look::Service { .. } => {
                    let fill = theme::CANVAS_BACKGROUND;
                    (shapes::SERVICE_NAME_PX, false, theme::INK, theme::INK, fill)
                }
            };
            let rank = self.label_rank.get(&index).copied().unwrap_or(u64::MAX);
            let rank = (focus_first(data.focus, node.selected()) << 40) | rank;
            let faded = |c| shapes::faded(c, data.focus);
            labels.push(labels::Label {
                text: node.props().label.as_str(),
                shape,
                canvas_px,
                inside,
                inside_colour: faded(inside_colour),
                outside_colour: faded(outside_colour),
                fill: faded(fill),
                rank,
            });
            indices.push(index);
        }
        let mut view = rect;
        view.min.y += self.reserved_top;
        let scale = self.text_scale;
        let (placed, summaries) = ui.fonts_mut(|fonts| {
            let placed = labels::place(fonts, &labels, &obstacles, view, zoom, scale);
            let summaries: Vec<Shape> = boxes
                .iter()
                .flat_map(|(_, area, name, lines)| {
                    overview::paint_summary(fonts, *area, name, lines, scale)
                })
                .collect();
            (placed, summaries)
        });
        self.named = indices
            .iter()
            .zip(&placed.whole)
            .filter(|(_, whole)| **whole)
            .filter_map(|(index, _)| self.node_id(*index))
            .collect();
        let painter = ui.painter_at(rect);
        painter.extend(summaries);
        painter.extend(placed.shapes);
        self.hover_name = self.graph.hovered_node().and_then(|hovered| {
            if let Some((.., name, _)) = boxes.iter().find(|(i, ..)| *i == hovered) {
                return Some(format!("{name} — double-click to open"));
            }
            let at = indices.iter().position(|i| *i == hovered)?;
            (!placed.whole[at]).then(|| labels[at].text.to_owned())
        });
    }

    /// The overview map in the bottom-right corner, while part of the model is out of view.
    fn paint_minimap(&mut self, ui: &Ui, rect: Rect, meta: &MetadataFrame) {
        let mut world = Rect::NOTHING;
        for p in self.locations.values() {
            world.extend_with(*p);
        }
        let visible = Rect::from_min_max(
            meta.screen_to_canvas_pos(Pos2::ZERO),
            meta.screen_to_canvas_pos(rect.size().to_pos2()),
        );
        let size = minimap::size();
        let room = rect.width() > legend::MIN_CANVAS_WIDTH + size.x;
        self.minimap = (world.is_finite() && room && !visible.contains_rect(world)).then(|| {
            let area = Rect::from_min_size(
                rect.right_bottom() - size - Vec2::splat(legend::MARGIN),
                size,
            );
            minimap::Projection::new(world.expand(40.0), area)
        });
        if let Some(projection) = &self.minimap {
            let points: Vec<Pos2> = self.locations.values().copied().collect();
            ui.painter_at(rect)
                .extend(minimap::shapes(projection, &points, visible));
        }
    }

    /// A click or drag on the overview map centres the view there.
    fn minimap_input(&mut self, ui: &mut Ui, rect: Rect) {
        let Some(projection) = self.minimap else {
            return;
        };
        let id = ui.id().with((&self.view_id, "minimap"));
        let response = ui.interact(projection.area(), id, Sense::click_and_drag());
        if let Some(pointer) = response.interact_pointer_pos()
            && (response.clicked() || response.dragged())
        {
            let target = projection.to_world(pointer);
            let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
            meta.pan = rect.size() / 2.0 - target.to_vec2() * meta.zoom;
            meta.save(ui);
            self.stale = true;
            ui.ctx().request_repaint();
        }
    }

    /// The full name of the node under the pointer, when its label does not show it.
    fn show_hover_name(&self, response: &egui::Response) {
        if let Some(name) = &self.hover_name {
            response.clone().on_hover_text_at_pointer(name.as_str());
        }
    }

    /// Zoom-to-fit and centre-on requests, applied to egui_graphs' view metadata.
    fn apply_view_requests(&mut self, ui: &mut Ui, rect: Rect) {
        // Panels settle their widths over the first frames: wait for a stable canvas.
        let settled = self.replay.as_ref().is_some_and(|r| r.rect == rect);
        let requested =
            self.fit_requested || self.centre_requested.is_some() || self.zoom_to.is_some();
        if !requested || !settled {
            if requested {
                self.stale = true;
                ui.ctx().request_repaint();
            }
            return;
        }
        let mut meta = MetadataFrame::new(Some(self.view_id.clone())).load(ui);
        let size = rect.size();
        let free = self.free_area(size);
        if std::mem::take(&mut self.fit_requested) {
            let mut bounds = Rect::NOTHING;
            for (_, node) in self.graph.nodes_iter() {
                bounds = bounds.union(Rect::from_center_size(node.location(), node.payload().size));
            }
            // The tinted domain areas reach past their outermost shapes: fit shows them whole.
            for area in self.domain_areas.values() {
                bounds = bounds.union(*area);
            }
            if bounds.is_finite() && self.graph.node_count() > 0 {
                // Room for the labels below the bottom row of shapes that are in no area
                // (the areas already hold their members' labels).
                let padded =
                    Rect::from_min_max(bounds.min - vec2(8.0, 8.0), bounds.max + vec2(8.0, 30.0));
                // Above the legend's band or beside its column, whichever shows more.
                let zoom_in = |area: &Rect| {
                    (area.width() / padded.width()).min(area.height() / padded.height())
                };
                let beside = self.beside_legend(size);
                let area = if beside.is_some_and(|b| zoom_in(&b) > zoom_in(&free)) {
                    beside.unwrap_or(free)
                } else {
                    free
                };
                let zoom = zoom_in(&area).clamp(0.05, MAX_FIT_ZOOM);
                meta.zoom = zoom;
                meta.pan = area.center().to_vec2() - padded.center().to_vec2() * zoom;
            } else {
                meta.zoom = 1.0;
                meta.pan = free.center().to_vec2();
            }
        }
        if let Some(id) = self.centre_requested.take()
            && let Some(at) = self.locations.get(&id)
        {
            meta.zoom = meta.zoom.max(0.6);
            meta.pan = free.center().to_vec2() - at.to_vec2() * meta.zoom;
        }
        if let Some(area) = self.zoom_to.take() {
            // Far enough in to leave the overview and show the members.
            meta.zoom = (free.width() / area.width())
                .min(free.height() / area.height())
                .clamp(overview::OVERVIEW_ZOOM * 1.2, MAX_FIT_ZOOM);
            meta.pan = free.center().to_vec2() - area.center().to_vec2() * meta.zoom;
        }
        meta.save(ui);
        self.stale = true;
        ui.ctx().request_repaint();
    }

    /// The part of a canvas of `size` that a fit may fill: clear of the strip reserved at
    /// the top and of the legend's band at the bottom, in canvas-local screen units.
    fn free_area(&self, size: Vec2) -> Rect {
        let bottom = if self.legend_shown(size) {
            legend::HEIGHT + legend::MARGIN * 2.0
        } else {
            8.0
        };
        Rect::from_min_max(
            pos2(8.0, self.reserved_top + 8.0),
            pos2(
                size.x - 8.0,
                (size.y - bottom).max(self.reserved_top + 40.0),
            ),
        )
    }

    fn is_presenting(&self) -> bool {
        self.text_scale == TextScale::PRESENTING
    }

    /// Whether the legend is drawn on a canvas of `size`.
    fn legend_shown(&self, size: Vec2) -> bool {
        let wanted = if self.is_presenting() {
            self.modes.legend_presenting
        } else {
            self.modes.legend
        };
        wanted && size.x > legend::MIN_CANVAS_WIDTH
    }

    /// The part of a canvas of `size` right of the legend's column, when the legend is shown.
    fn beside_legend(&self, size: Vec2) -> Option<Rect> {
        let width = self.legend_width?;
        self.legend_shown(size).then(|| {
            Rect::from_min_max(
                pos2(width + legend::MARGIN * 2.0, self.reserved_top + 8.0),
                pos2(size.x - 8.0, size.y - 8.0),
            )
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
                        let at = crate::layout::rounded(Position {
                            x: f64::from(now.x),
                            y: f64::from(now.y),
                        });
                        actions.push(CanvasAction::Move {
                            label,
                            positions: vec![(id.clone(), at)],
                        });
                    }
                    actions.push(CanvasAction::Select(Some(Selection::Entity(id))));
                }
                GraphChange::NodeClicked { node } => {
                    let Some(id) = self.node_id(*node) else {
                        continue;
                    };
                    if self.modes.connecting {
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
                GraphChange::NodeDoubleClicked { node } if self.overview => {
                    if let Some(n) = self.graph.node(*node)
                        && n.payload().look == Look::DomainSummary
                    {
                        self.zoom_to = self.domain_areas.get(&n.payload().id).copied();
                        self.stale = true;
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
        if self.modes.connecting {
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
                    actions.push(CanvasAction::AutoLayout);
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
                    self.modes.connecting = true;
                    self.connect_from = Some(id.clone());
                    self.stale = true;
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

    /// A tinted area behind each domain's header, teams and their services (see
    /// [`crate::layout::areas`]).
    fn domain_backdrops(
        &self,
        model: &Model,
        screen: &dyn Fn(Pos2) -> Pos2,
        zoom: f32,
    ) -> Vec<Shape> {
        let location = |id: &str| Some(self.graph.node(*self.node_of.get(id)?)?.location());
        let mut shapes = Vec::new();
        if self.overview {
            return shapes;
        }
        for (_, area) in domain_areas(model, location) {
            let area = Rect::from_min_max(screen(area.min), screen(area.max));
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
    fn paint_overlays(
        &mut self,
        ui: &Ui,
        rect: Rect,
        model: &Model,
        screen: &dyn Fn(Pos2) -> Pos2,
    ) {
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
        if self.legend_shown(rect.size()) {
            self.legend_width = Some(legend::paint(&painter, rect).width());
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
        if let Some(percent) = self.arranging {
            let galley = painter.layout_no_wrap(
                format!("Arranging… {percent} %"),
                FontId::proportional(16.0),
                theme::INK,
            );
            let area = Align2::CENTER_BOTTOM
                .anchor_size(rect.center_bottom() - vec2(0.0, 24.0), galley.size())
                .expand(8.0);
            painter.rect_filled(area, 6.0, theme::CANVAS_BACKGROUND);
            painter.rect_stroke(
                area,
                6.0,
                Stroke::new(1.0, theme::MUTED_INK),
                egui::StrokeKind::Inside,
            );
            painter.galley(area.min + vec2(8.0, 8.0), galley, theme::INK);
        }
        if self.modes.connecting {
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

/// The order in which services' labels claim space: errors first (uncovered or the subject
/// of an error finding), then understaffed cover, then by exposure, highest first; each with
/// whether it is in trouble (an error or understaffed).
fn services_by_importance(model: &Model, analysis: &Analysis) -> Vec<(usize, bool)> {
    let erroring: HashSet<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| &*f.subject)
        .collect();
    let mut order: Vec<usize> = (0..model.services.len().min(analysis.services.len())).collect();
    let standing = |i: usize| {
        let (service, figures) = (&model.services[i], &analysis.services[i]);
        let trouble = if figures.cover == Cover::Uncovered || erroring.contains(service.id.as_str())
        {
            0
        } else if figures.cover == Cover::Understaffed {
            1
        } else {
            2
        };
        (trouble, -service.exposure_per_hour.unwrap_or(0.0))
    };
    order.sort_by(|&a, &b| {
        let (ta, ea) = standing(a);
        let (tb, eb) = standing(b);
        ta.cmp(&tb).then(ea.total_cmp(&eb)).then(a.cmp(&b))
    });
    order.into_iter().map(|i| (i, standing(i).0 < 2)).collect()
}

/// Bends every edge whose straight line would cross another node's shape round it.
fn route_edges(graph: &mut CanvasGraph) {
    let nodes: Vec<NodeIndex> = graph.g().node_indices().collect();
    let slot: HashMap<NodeIndex, usize> = nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let rects = nodes
        .iter()
        .map(|n| {
            graph.node(*n).map_or(Rect::NOTHING, |node| {
                Rect::from_center_size(node.location(), node.payload().size)
            })
        })
        .collect();
    let shapes = routes::Shapes::new(rects);
    let edges: Vec<EdgeIndex> = graph.g().edge_indices().collect();
    for edge in edges {
        let Some((a, b)) = graph.edge_endpoints(edge) else {
            continue;
        };
        if a == b {
            continue;
        }
        let bend = shapes.bend(slot[&a], slot[&b]);
        if let Some(edge) = graph.edge_mut(edge) {
            edge.payload_mut().bend = bend;
        }
    }
}

/// Each domain's area, from the layout's own rule (header, member teams and their services,
/// with room for labels), as a canvas rectangle; `location` gives a node's centre.
fn domain_areas(model: &Model, location: impl Fn(&str) -> Option<Pos2>) -> Vec<(&str, Rect)> {
    let at = |id: &str| {
        location(id).map(|p| Position {
            x: f64::from(p.x),
            y: f64::from(p.y),
        })
    };
    crate::layout::domain_areas(model, at)
        .into_iter()
        .map(|(id, area)| (id, canvas_rect(area)))
        .collect()
}

/// The cells of a square grid `cell` wide that `rect` touches, by column and row: the key
/// the label placer and the edge router find nearby shapes by.
fn grid_cells(rect: Rect, cell: f32) -> impl Iterator<Item = (i32, i32)> + use<> {
    let span = |min: f32, max: f32| (min / cell).floor() as i32..=(max / cell).floor() as i32;
    let (columns, rows) = (span(rect.min.x, rect.max.x), span(rect.min.y, rect.max.y));
    columns.flat_map(move |x| rows.clone().map(move |y| (x, y)))
}

/// A layout rectangle as a canvas one.
fn canvas_rect(rect: crate::layout::Rect) -> Rect {
    let corner = |x: f64, y: f64| pos2(x as f32, y as f32);
    Rect::from_min_max(
        corner(rect.min_x, rect.min_y),
        corner(rect.max_x, rect.max_y),
    )
}
