//! The sizes the canvas draws each kind of node at, in canvas units, so that the canvas,
//! the placement of new nodes and the layouts all agree on what a node covers. A node's
//! *footprint* is everything drawn for it: a team's card, a domain's header, a service's
//! shape together with the name label under it.

use super::Rect;
use crate::model::{EntityKind, Model, Position};

/// The smallest team card; cards grow to fit longer names.
pub const TEAM_CARD_MIN_WIDTH: f64 = 180.0;
pub const TEAM_CARD_HEIGHT: f64 = 54.0;
/// Cards stop growing here; longer names are cut short on the card.
pub const TEAM_CARD_MAX_WIDTH: f64 = 340.0;
pub const DOMAIN_HEADER_MIN_WIDTH: f64 = 220.0;
pub const DOMAIN_HEADER_HEIGHT: f64 = 40.0;
pub const DOMAIN_HEADER_MAX_WIDTH: f64 = 420.0;
/// The radius of a service's circle (squares and hexagons are drawn about as large).
pub const SERVICE_RADIUS: f64 = 26.0;
/// Service names wrap at this width, on at most two lines under the shape.
pub const SERVICE_LABEL_WIDTH: f64 = 140.0;
/// How far a service's footprint reaches above its centre: the hexagon, 1.1 × the radius,
/// and its stroke.
const SERVICE_REACH_UP: f64 = 30.0;
/// How far below its centre: the label starts 1.15 × the radius + 2 below the centre and
/// holds two lines of about 17 units each.
const SERVICE_REACH_DOWN: f64 = 68.0;
/// Font sizes of the names on team cards and domain headers.
const TEAM_NAME_PX: f64 = 15.0;
const DOMAIN_NAME_PX: f64 = 16.0;
/// The average advance of a character of egui's proportional font, as a share of its size.
const GLYPH_ADVANCE: f64 = 0.56;
/// Space left on each side of a name inside its card or header.
const NAME_MARGIN: f64 = 16.0;

/// About how wide `text` is at `px` points.
pub(super) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().count() as f64 * px * GLYPH_ADVANCE
}

/// Width and height of a team card wide enough for `name`.
pub fn team_card_size(name: &str) -> (f64, f64) {
    let width = (text_width(name, TEAM_NAME_PX) + 2.0 * NAME_MARGIN)
        .clamp(TEAM_CARD_MIN_WIDTH, TEAM_CARD_MAX_WIDTH);
    (width, TEAM_CARD_HEIGHT)
}

/// Width and height of a domain header wide enough for `name`.
pub fn domain_header_size(name: &str) -> (f64, f64) {
    let width = (text_width(name, DOMAIN_NAME_PX) + 2.0 * NAME_MARGIN)
        .clamp(DOMAIN_HEADER_MIN_WIDTH, DOMAIN_HEADER_MAX_WIDTH);
    (width, DOMAIN_HEADER_HEIGHT)
}

/// What a service covers when centred on `at`: its shape and its label.
pub fn service_footprint(at: Position) -> Rect {
    Rect {
        min_x: at.x - SERVICE_LABEL_WIDTH / 2.0,
        min_y: at.y - SERVICE_REACH_UP,
        max_x: at.x + SERVICE_LABEL_WIDTH / 2.0,
        max_y: at.y + SERVICE_REACH_DOWN,
    }
}

/// What a node of `kind` named `name` covers when centred on `at`.
pub fn footprint(kind: EntityKind, name: &str, at: Position) -> Rect {
    match kind {
        EntityKind::Domain => {
            let (width, height) = domain_header_size(name);
            Rect::around(at, width, height)
        }
        EntityKind::Team => {
            let (width, height) = team_card_size(name);
            Rect::around(at, width, height)
        }
        EntityKind::Service => service_footprint(at),
    }
}

/// Every domain, team and service of the model with its kind and name, domains first.
pub fn entities(model: &Model) -> impl Iterator<Item = (&str, EntityKind, &str)> {
    let domains = model
        .domains
        .iter()
        .map(|d| (d.id.as_str(), EntityKind::Domain, d.name.as_str()));
    let teams = model
        .teams
        .iter()
        .map(|t| (t.id.as_str(), EntityKind::Team, t.name.as_str()));
    let services = model
        .services
        .iter()
        .map(|s| (s.id.as_str(), EntityKind::Service, s.name.as_str()));
    domains.chain(teams).chain(services)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn team_cards_grow_with_their_names_within_bounds() {
        assert_eq!(team_card_size("Web").0, TEAM_CARD_MIN_WIDTH);
        // 30 characters × 15 px × 0.56 = 252, plus 2 × 16 margin = 284.
        let long = "Customer identity and accounts";
        assert_eq!(long.chars().count(), 30);
        assert!((team_card_size(long).0 - 284.0).abs() < 1e-9);
        assert_eq!(team_card_size(&"x".repeat(200)).0, TEAM_CARD_MAX_WIDTH);
    }

    #[test]
    fn a_service_footprint_holds_its_shape_and_label() {
        let rect = service_footprint(Position { x: 100.0, y: 50.0 });
        assert_eq!(rect.width(), SERVICE_LABEL_WIDTH);
        assert!(rect.min_y <= 50.0 - SERVICE_RADIUS * 1.1);
        // Label top 26 × 1.15 + 2 = 31.9 below the centre, plus two 17-unit lines = 65.9.
        assert!(rect.max_y >= 50.0 + 65.9);
    }
}
