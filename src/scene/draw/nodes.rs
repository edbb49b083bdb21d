//! A node's marks: a domain's header, a team's card with its caption, a service's shape
//! by kind, tinted by cover, dashed in inception and washed out when retiring, with its
//! compliance tags as badges under it.

use super::{CAPTION_MIN_PX, Focus, Highlight, focused, hexagon};
use crate::analysis::Cover;
use crate::layout::Rect;
use crate::layout::sizes::{CARD_CAPTION_PX, SERVICE_RADIUS};
use crate::layout::text;
use crate::model::{Lifecycle, Position, ServiceKind};
use crate::scene::marks::{Anchor, Marks, Pen, Role, Shape};
use crate::scene::palette;
use crate::scene::{Look, Node};

/// Compliance badges' text size in canvas units.
const BADGE_PX: f64 = 12.0;
/// Between a service's shape and its badges, and inside and between badges (the last two
/// as a share of the text size).
const BADGE_GAP: f64 = 5.0;
const BADGE_PADDING: f64 = 0.4;
const BADGE_SPACING: f64 = 0.3;

/// The outline pen of a node: the selection's, the neighbourhood's, a little heavier under
/// the pointer, else its own (stepped back when out of focus).
fn outline(base: Pen, zoom: f64, i: usize, highlight: &Highlight) -> Pen {
    let width = |w: f64| (w * zoom).clamp(1.0, 6.0);
    if highlight.selected_nodes.contains(&i) || highlight.is_dragged(i) {
        Pen {
            width: width(4.0).max(3.0),
            paint: palette::SELECTION.into(),
            dash: base.dash,
        }
    } else if highlight.node(i) == Focus::Related {
        Pen {
            width: width(3.0).max(2.5),
            paint: palette::RELATED.into(),
            dash: base.dash,
        }
    } else if highlight.hovered == Some(i) {
        Pen {
            width: base.width + width(1.5),
            ..base
        }
    } else {
        Pen {
            paint: focused(base.paint.rgb, highlight.node(i)).into(),
            ..base
        }
    }
}

/// Draws a node's shape (and a card's caption, a service's badges) centred on `centre`
/// (output pixels); returns what it covers and, for a card or header, the room its name
/// may take.
pub(super) fn draw_node(
    marks: &mut Marks,
    node: &Node,
    i: usize,
    centre: Position,
    zoom: f64,
    highlight: &Highlight,
) -> (Rect, Option<Rect>) {
    let focus = highlight.node(i);
    let size = (node.size.0 * zoom, node.size.1 * zoom);
    let rect = Rect::around(centre, size.0, size.1);
    let stroke_px = (1.5 * zoom).clamp(1.0, 3.0);
    match node.look {
        Look::Domain => {
            let pen = outline(
                Pen::new(stroke_px, palette::DOMAIN_HEADER),
                zoom,
                i,
                highlight,
            );
            let fill = focused(palette::DOMAIN_HEADER, focus);
            marks.rect(
                Role::Domain,
                rect,
                size.1 / 2.0,
                Some(fill.into()),
                Some(pen),
            );
            (rect, Some(rect))
        }
        Look::Team { kind, understaffed } => {
            let fill = palette::team_fill(kind);
            let base = if understaffed {
                Pen::new((3.0 * zoom).clamp(2.0, 5.0), palette::AMBER)
            } else {
                Pen::new(stroke_px, fill.darker())
            };
            let radius = (8.0 * zoom).clamp(2.0, 16.0);
            marks.rect(
                Role::Team,
                rect,
                radius,
                Some(focused(fill, focus).into()),
                Some(outline(base, zoom, i, highlight)),
            );
            let caption_px = f64::from(CARD_CAPTION_PX) * zoom;
            let mut room = rect;
            if caption_px >= CAPTION_MIN_PX && !node.caption.is_empty() {
                let px = caption_px.min(28.0);
                let row = f64::from(text::row_height(px as f32));
                let top = rect.max_y - 5.0 * zoom - row;
                let caption = text::wrap(&node.caption, px as f32, (rect.width() - 8.0) as f32, 1);
                if !caption.cut {
                    marks.centred_lines(
                        Role::Caption,
                        centre.x,
                        top,
                        &caption.lines,
                        px,
                        focused(palette::MUTED_INK, focus).into(),
                    );
                    room.max_y = top;
                }
            }
            (rect, Some(room))
        }
        Look::Service {
            kind,
            cover,
            lifecycle,
        } => {
            let (mut fill, mut edge) = palette::cover_colours(cover);
            if lifecycle == Lifecycle::Retiring {
                (fill, edge) = (palette::retiring(fill), palette::retiring(edge));
            }
            let heavy = matches!(cover, Cover::Uncovered | Cover::Understaffed);
            let width = if heavy {
                (3.0 * zoom).clamp(2.0, 5.0)
            } else {
                stroke_px
            };
            let mut pen = outline(Pen::new(width, edge), zoom, i, highlight);
            if lifecycle == Lifecycle::Inception {
                // A dashed outline needs a little more weight to read as one shape.
                let dash = (6.0 * zoom).clamp(3.0, 10.0);
                pen = Pen {
                    width: pen.width.max(2.0),
                    ..pen.dashed(dash, dash * 0.7)
                };
            }
            let fill = Some(focused(fill, focus).into());
            let radius = SERVICE_RADIUS * zoom;
            let shape = match kind {
                ServiceKind::Digital => Shape::Circle {
                    centre,
                    radius,
                    fill,
                    stroke: Some(pen),
                },
                ServiceKind::Cots => Shape::rect(rect, 4.0 * zoom, fill, Some(pen)),
                ServiceKind::Foundational => Shape::Polygon {
                    points: hexagon(centre, radius * 1.1),
                    fill,
                    stroke: Some(pen),
                },
            };
            marks.push(Role::Service, shape);
            let covered = Rect::around(centre, 2.2 * radius, 2.2 * radius);
            let badges = draw_badges(marks, &node.badges, centre, radius, zoom, focus);
            (badges.map_or(covered, |b| covered.union(&b)), None)
        }
    }
}

/// A service's compliance tags as rounded badges in one row centred under it; none when
/// their text would be too small to read. Returns the row's rectangle.
fn draw_badges(
    marks: &mut Marks,
    tags: &[String],
    centre: Position,
    radius: f64,
    zoom: f64,
    focus: Focus,
) -> Option<Rect> {
    if tags.is_empty() || BADGE_PX * zoom < CAPTION_MIN_PX {
        return None;
    }
    let px = (BADGE_PX * zoom).min(24.0);
    let height = px * 1.4;
    let padding = BADGE_PADDING * px;
    let spacing = BADGE_SPACING * px;
    let widths: Vec<f64> = tags
        .iter()
        .map(|t| f64::from(text::width(t, px as f32)) + 2.0 * padding)
        .collect();
    let total = widths.iter().sum::<f64>() + spacing * (widths.len() - 1) as f64;
    let top = centre.y + radius + BADGE_GAP;
    let mut x = centre.x - total / 2.0;
    let ink = focused(palette::COMPLIANCE_INK, focus);
    let row_height = f64::from(text::row_height(px as f32));
    for (tag, width) in tags.iter().zip(&widths) {
        let badge = Rect {
            min_x: x,
            min_y: top,
            max_x: x + width,
            max_y: top + height,
        };
        marks.rect(
            Role::Badge,
            badge,
            height / 2.0,
            Some(focused(palette::COMPLIANCE_FILL, focus).into()),
            Some(Pen::new(1.0, ink)),
        );
        marks.text(
            Role::Badge,
            Position {
                x: badge.centre().x,
                y: badge.centre().y - row_height / 2.0,
            },
            Anchor::Middle,
            tag,
            px,
            ink.into(),
        );
        x += width + spacing;
    }
    Some(Rect {
        min_x: centre.x - total / 2.0,
        min_y: top,
        max_x: centre.x + total / 2.0,
        max_y: top + height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::text::Shaped;

    fn service(lifecycle: Lifecycle, badges: &[&str]) -> Node {
        Node {
            id: "s".into(),
            look: Look::Service {
                kind: ServiceKind::Digital,
                cover: Cover::Covered,
                lifecycle,
            },
            centre: Position::default(),
            size: (2.0 * SERVICE_RADIUS, 2.0 * SERVICE_RADIUS),
            name: Shaped::new("S"),
            caption: String::new(),
            badges: badges.iter().map(|b| (*b).to_owned()).collect(),
            rank: 0,
            area: None,
        }
    }

    fn drawn(node: &Node, zoom: f64) -> Marks {
        let mut marks = Marks::default();
        draw_node(
            &mut marks,
            node,
            0,
            Position::default(),
            zoom,
            &Highlight::default(),
        );
        marks
    }

    #[test]
    fn a_service_in_inception_is_outlined_dashed_and_one_retiring_is_washed_out() {
        let outline = |marks: &Marks| match &marks.list[0].shape {
            Shape::Circle { stroke, fill, .. } => {
                (stroke.expect("an outline"), fill.expect("a fill"))
            }
            other => panic!("{other:?}"),
        };
        let (live, live_fill) = outline(&drawn(&service(Lifecycle::Live, &[]), 1.0));
        let (new, _) = outline(&drawn(&service(Lifecycle::Inception, &[]), 1.0));
        let (_, old_fill) = outline(&drawn(&service(Lifecycle::Retiring, &[]), 1.0));
        assert_eq!(live.dash, None);
        assert!(new.dash.is_some() && new.width >= 2.0);
        assert_eq!(old_fill.rgb, palette::retiring(live_fill.rgb));
    }

    /// Badges' text is 12 units: at zoom 1 they show, at zoom 0.5 (6 px) they do not.
    #[test]
    fn badges_show_only_where_they_can_be_read() {
        let tagged = service(Lifecycle::Live, &["PCI-DSS", "SOX"]);
        let badges = |zoom| {
            drawn(&tagged, zoom)
                .list
                .iter()
                .filter(|m| m.role == Role::Badge && matches!(m.shape, Shape::Text { .. }))
                .count()
        };
        assert_eq!(badges(1.0), 2);
        assert_eq!(badges(0.5), 0);
    }
}
