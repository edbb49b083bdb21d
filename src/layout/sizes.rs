//! The one set of sizes every picture of a model uses, in canvas units: the canvas, the
//! exports, the placement of new nodes and the layouts all agree on what a node covers.
//! Names are measured with the one text measure ([`crate::layout::text`]), so a card is as wide as
//! its name is drawn. A node's *footprint* is everything drawn for it: a team's card, a
//! domain's header, a service's shape together with the name label under it.

use std::collections::HashMap;
use std::sync::Mutex;

use super::Rect;
use crate::layout::text::{self, Shaped};
use crate::model::{EntityKind, Model, Position};

/// The smallest team card; cards grow to fit longer names.
pub const TEAM_CARD_MIN_WIDTH: f64 = 180.0;
/// A card with its name on one line; each further line of name adds a row.
pub const TEAM_CARD_HEIGHT: f64 = 54.0;
/// Cards stop growing sideways here; longer names wrap and the card grows down.
pub const TEAM_CARD_MAX_WIDTH: f64 = 340.0;
pub const DOMAIN_HEADER_MIN_WIDTH: f64 = 220.0;
pub const DOMAIN_HEADER_HEIGHT: f64 = 40.0;
pub const DOMAIN_HEADER_MAX_WIDTH: f64 = 420.0;
/// At most this many lines of a card's or a header's name; the rest is cut short.
pub const NAME_LINES: usize = 3;
/// The radius of a service's circle (squares and hexagons are drawn about as large).
pub const SERVICE_RADIUS: f64 = 26.0;
/// The room a service's name has under its shape. Names are drawn at least 14 px high
/// (16 px presenting) whatever the zoom, and a model of a few dozen services fits a
/// screen at a zoom of about 0.4 to 0.6, where a name two rows of 16 px takes some
/// 100 × 40 px: so the room is sized for names about twice as large as they are drawn at
/// 100 %.
pub const SERVICE_LABEL_WIDTH: f64 = 220.0;
/// How far a service's footprint reaches above its centre: the hexagon, 1.1 × the radius,
/// and its stroke.
pub const SERVICE_REACH_UP: f64 = 30.0;
/// How far below its centre: the label starts 1.15 × the radius + 2 below the centre and
/// holds two lines of about 17 units each at 100 %, and room to spare for names drawn
/// larger than the zoom (see [`SERVICE_LABEL_WIDTH`]).
pub const SERVICE_REACH_DOWN: f64 = 110.0;
/// Text sizes in canvas units: names on team cards, domain headers and under services, and
/// the caption on a card (kind and size).
pub const TEAM_NAME_PX: f32 = 15.0;
pub const DOMAIN_NAME_PX: f32 = 16.0;
pub const SERVICE_NAME_PX: f32 = 14.0;
pub const CARD_CAPTION_PX: f32 = 11.5;
/// Space left on each side of a name inside its card or header.
pub const NAME_MARGIN: f64 = 16.0;

/// Names measured so far at a size: the layouts ask for the same cards many times over.
fn measured(name: &str, px: f32, max_width: f64) -> (f64, usize) {
    type Key = (String, u32, u64);
    static MEASURED: Mutex<Option<HashMap<Key, (f64, usize)>>> = Mutex::new(None);
    let key = (name.to_owned(), px.to_bits(), max_width.to_bits());
    if let Ok(mut cache) = MEASURED.lock()
        && let Some(found) = cache.get_or_insert_with(HashMap::new).get(&key)
    {
        return *found;
    }
    let shaped = Shaped::new(name);
    let one_line = f64::from(shaped.width(px));
    let found = if one_line <= max_width {
        (one_line, 1)
    } else {
        let wrapped = shaped.wrap(px, max_width as f32, NAME_LINES);
        (f64::from(wrapped.width()), wrapped.lines.len().max(1))
    };
    if let Ok(mut cache) = MEASURED.lock() {
        let cache = cache.get_or_insert_with(HashMap::new);
        // An editing session measures each name it types; a bound keeps that small.
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache.insert(key, found);
    }
    found
}

/// Width and height of a box for a name at `px`: as wide as the name plus margins within
/// `min..=max`, and a row taller for each line the name wraps onto beyond the first.
fn name_box(name: &str, px: f32, min: f64, max: f64, height: f64) -> (f64, f64) {
    let (width, lines) = measured(name, px, max - 2.0 * NAME_MARGIN);
    let extra_rows = (lines - 1) as f64 * f64::from(text::row_height(px));
    (
        (width + 2.0 * NAME_MARGIN).clamp(min, max),
        height + extra_rows,
    )
}

/// Width and height of a team card for `name`.
pub fn team_card_size(name: &str) -> (f64, f64) {
    name_box(
        name,
        TEAM_NAME_PX,
        TEAM_CARD_MIN_WIDTH,
        TEAM_CARD_MAX_WIDTH,
        TEAM_CARD_HEIGHT,
    )
}

/// Width and height of a domain header for `name`.
pub fn domain_header_size(name: &str) -> (f64, f64) {
    name_box(
        name,
        DOMAIN_NAME_PX,
        DOMAIN_HEADER_MIN_WIDTH,
        DOMAIN_HEADER_MAX_WIDTH,
        DOMAIN_HEADER_HEIGHT,
    )
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
        let long = "Customer identity and accounts";
        let measured = f64::from(text::width(long, TEAM_NAME_PX));
        assert!(measured + 32.0 > TEAM_CARD_MIN_WIDTH);
        assert!((team_card_size(long).0 - (measured + 32.0)).abs() < 1e-9);
        assert_eq!(team_card_size(long).1, TEAM_CARD_HEIGHT, "one line");
    }

    #[test]
    fn a_name_too_long_for_the_widest_card_wraps_and_the_card_grows_down() {
        let name = "Customer identity, accounts, onboarding and everything else besides";
        let (width, height) = team_card_size(name);
        let wrapped = text::wrap(name, TEAM_NAME_PX, 340.0 - 32.0, NAME_LINES);
        assert_eq!(wrapped.lines.len(), 2);
        // As wide as its longer line and its margins, within the widest card.
        assert!((width - (f64::from(wrapped.width()) + 32.0)).abs() < 1e-9);
        assert!(width <= TEAM_CARD_MAX_WIDTH);
        let row = f64::from(text::row_height(TEAM_NAME_PX));
        assert!((height - (TEAM_CARD_HEIGHT + row)).abs() < 1e-9);
        let (_, tallest) = team_card_size(&"word ".repeat(500));
        assert!(
            (tallest - (TEAM_CARD_HEIGHT + 2.0 * row)).abs() < 1e-9,
            "three lines at most"
        );
    }

    #[test]
    fn a_service_footprint_holds_its_shape_and_label() {
        let rect = service_footprint(Position { x: 100.0, y: 50.0 });
        assert_eq!(rect.width(), SERVICE_LABEL_WIDTH);
        assert!(rect.min_y <= 50.0 - SERVICE_RADIUS * 1.1);
        // The label's top 26 × 1.15 + 2 = 31.9 below the centre, plus two rows of names.
        let label = 31.9 + 2.0 * f64::from(text::row_height(SERVICE_NAME_PX));
        assert!(rect.max_y >= 50.0 + label);
    }
}
