//! The picture of a model as plain data, drawn by the canvas and by every export: domain
//! areas and the area of what lies outside every domain, domain headers, team cards and
//! service shapes with their names measured once, edges routed round the cards, and the
//! summary of each area for the zoomed-out overview. It is built from the model, its
//! positions and its analysis ([`Scene::build`]), in canvas units, with the one set of
//! sizes ([`crate::layout::sizes`]) and the one text measure ([`crate::layout::text`]).
//!
//! Seen through a [`View`] (a zoom, a pan, a text scale), a scene becomes [`Marks`] in
//! output pixels ([`draw`]), names placed by [`crate::layout::labels`] so that none overlaps another or a
//! shape; the canvas does this for what is on screen, each frame, and every export for its
//! frame, once. What the room saw is what the deck shows.

pub mod build;
pub mod draw;
pub mod grid;
pub mod legend;
pub mod marks;
pub mod overview;
pub mod palette;
pub mod routes;
pub mod view;

use std::collections::HashMap;

use crate::analysis::Cover;
use crate::layout::Rect;
use crate::layout::text::Shaped;
use crate::model::{InteractionMode, Lifecycle, Position, ServiceKind, TeamKind};

pub use crate::layout::labels::TextScale;
pub use build::Options;
pub use marks::{Mark, Marks, Paint, Pen, Role};
pub use view::View;

/// The band at the top of the outside area that holds its title, as a domain's header
/// and the gap under it take in the auto-layout.
pub const OUTSIDE_TITLE_BAND: f64 =
    crate::layout::sizes::DOMAIN_HEADER_HEIGHT + crate::layout::auto::HEADER_GAP;

/// How a node looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Look {
    Domain,
    /// `understaffed`: the team's own or operations rota is below the minimum size.
    Team {
        kind: TeamKind,
        understaffed: bool,
    },
    Service {
        kind: ServiceKind,
        cover: Cover,
        lifecycle: Lifecycle,
    },
}

/// A domain header, team card or service shape.
#[derive(Clone, Debug)]
pub struct Node {
    pub id: String,
    pub look: Look,
    pub centre: Position,
    /// The shape's width and height in canvas units.
    pub size: (f64, f64),
    /// The name, shaped once.
    pub name: Shaped,
    /// A card's second line: the team's kind and size.
    pub caption: String,
    /// A service's compliance tags, drawn as badges under it.
    pub badges: Vec<String>,
    /// Which names claim their place first: lower goes first.
    pub rank: u64,
    /// The area it belongs to, by index into [`Scene::areas`].
    pub area: Option<usize>,
}

impl Node {
    /// The shape's rectangle in canvas units (a hexagon reaches a little wider).
    pub fn rect(&self) -> Rect {
        let reach = match self.look {
            Look::Service {
                kind: ServiceKind::Foundational,
                ..
            } => 1.1,
            _ => 1.0,
        };
        Rect::around(self.centre, self.size.0 * reach, self.size.1 * reach)
    }

    pub fn is_service(&self) -> bool {
        matches!(self.look, Look::Service { .. })
    }

    /// Whether the node is a card or header, which its name sits inside.
    pub fn holds_its_name(&self) -> bool {
        !self.is_service()
    }
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    Ownership,
    Dependency,
    Interaction(InteractionMode),
}

/// A relation drawn between two nodes (by index into [`Scene::nodes`]), its path routed
/// round the cards in its way, from the outline of one to the outline of the other; empty
/// for a service that depends on itself.
#[derive(Clone, Debug)]
pub struct Edge {
    pub kind: EdgeKind,
    pub from: usize,
    pub to: usize,
    pub path: Vec<Position>,
}

/// What a domain's or the outside area's figures add up to, for its summary box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub teams: usize,
    pub services: usize,
    pub annual_cost: f64,
    /// Services that need out-of-hours cover, and those that have it.
    pub needing_cover: usize,
    pub covered: usize,
    pub errors: usize,
}

/// A tinted area: a domain's, or the one for the teams and services outside every domain
/// (`domain` is `None`).
#[derive(Clone, Debug)]
pub struct Area {
    pub domain: Option<String>,
    pub name: String,
    /// Where it is drawn; `None` for the outside area when its members are scattered
    /// among the domains' areas (a hand-made layout), so that no rectangle can hold them.
    pub rect: Option<Rect>,
    /// Every member's node, by index.
    pub members: Vec<usize>,
    pub summary: Summary,
}

/// The picture of a model (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct Scene {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub areas: Vec<Area>,
    /// The model's currency, for the summaries.
    pub currency: String,
    /// Everything drawn, in canvas units.
    pub bounds: Option<Rect>,
    /// Whether the model is big enough to be summarised when zoomed out.
    pub summarised_when_far: bool,
    /// Each area's box in the overview, by area index.
    pub overview_boxes: Vec<Rect>,
    node_of: HashMap<String, usize>,
    grid: grid::Grid,
}

impl Scene {
    /// The node drawn for an entity, by id.
    pub fn node(&self, id: &str) -> Option<usize> {
        self.node_of.get(id).copied()
    }

    /// The nodes, edges and areas that may show in `rect` (canvas units), each once.
    pub fn within(&self, rect: &Rect) -> grid::Found {
        self.grid.within(rect)
    }
}
