//! Colours and text sizes, in one place so the canvas, the figures and the legend agree.
//! Chosen to stay readable on a projector: a light background, strong strokes, big text.

use egui::{Color32, FontFamily, FontId, Style, TextStyle};

use crate::analysis::{Cover, Severity};
use crate::model::{InteractionMode, TeamKind};

pub const CANVAS_BACKGROUND: Color32 = Color32::from_rgb(250, 250, 247);
pub const INK: Color32 = Color32::from_rgb(33, 37, 41);
pub const MUTED_INK: Color32 = Color32::from_rgb(95, 99, 104);
pub const SELECTION: Color32 = Color32::from_rgb(25, 118, 210);
/// The standby share of the cost bar: light enough for dark text on it.
pub const STANDBY: Color32 = Color32::from_rgb(144, 202, 249);

pub const RED: Color32 = Color32::from_rgb(211, 47, 47);
pub const RED_FILL: Color32 = Color32::from_rgb(253, 216, 214);
pub const AMBER: Color32 = Color32::from_rgb(230, 140, 0);
pub const AMBER_FILL: Color32 = Color32::from_rgb(255, 233, 186);
pub const GREEN: Color32 = Color32::from_rgb(46, 125, 50);
pub const GREEN_FILL: Color32 = Color32::from_rgb(215, 240, 216);
/// Bar fills light enough for dark text on them.
pub const GREEN_BAR: Color32 = Color32::from_rgb(129, 199, 132);
pub const AMBER_BAR: Color32 = Color32::from_rgb(255, 183, 77);
pub const RED_BAR: Color32 = Color32::from_rgb(239, 130, 130);
pub const GREY: Color32 = Color32::from_rgb(130, 134, 140);
pub const GREY_FILL: Color32 = Color32::from_rgb(236, 237, 239);

pub const OWNERSHIP_EDGE: Color32 = Color32::from_rgb(140, 150, 165);
pub const DEPENDENCY_EDGE: Color32 = Color32::from_rgb(55, 65, 81);
pub const DOMAIN_FILL: Color32 = Color32::from_rgba_premultiplied(60, 90, 140, 18);
pub const DOMAIN_STROKE: Color32 = Color32::from_rgb(120, 140, 175);
pub const DOMAIN_HEADER: Color32 = Color32::from_rgb(62, 84, 122);
/// A whole domain's box in the zoomed-out overview.
pub const DOMAIN_SUMMARY_FILL: Color32 = Color32::from_rgb(229, 235, 245);
/// The selection's neighbours on the canvas: its owner, dependencies and dependents.
pub const RELATED: Color32 = Color32::from_rgb(3, 155, 229);

/// Team Topologies-inspired colours, one per team kind.
pub fn team_fill(kind: TeamKind) -> Color32 {
    match kind {
        TeamKind::Product => Color32::from_rgb(255, 214, 102),
        TeamKind::Platform => Color32::from_rgb(144, 190, 235),
        TeamKind::Enabling => Color32::from_rgb(214, 160, 214),
        TeamKind::ComplicatedSubsystem => Color32::from_rgb(247, 170, 110),
        TeamKind::Operations => Color32::from_rgb(160, 200, 190),
    }
}

/// Fill and stroke of a service node for its cover state.
pub fn cover_colours(cover: Cover) -> (Color32, Color32) {
    match cover {
        Cover::Covered => (GREEN_FILL, GREEN),
        Cover::Understaffed => (AMBER_FILL, AMBER),
        Cover::Uncovered => (RED_FILL, RED),
        Cover::NotRequired => (GREY_FILL, GREY),
    }
}

pub fn severity_colour(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => RED,
        Severity::Warning => AMBER,
        Severity::Info => SELECTION,
    }
}

pub fn interaction_colour(mode: InteractionMode) -> Color32 {
    match mode {
        InteractionMode::Collaboration => Color32::from_rgb(156, 39, 176),
        InteractionMode::XAsAService => Color32::from_rgb(0, 121, 107),
        InteractionMode::Facilitating => Color32::from_rgb(245, 124, 0),
    }
}

/// A larger type scale than egui's default, for projectors and workshops.
pub fn apply(style: &mut Style) {
    style.text_styles = [
        (
            TextStyle::Small,
            FontId::new(12.0, FontFamily::Proportional),
        ),
        (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
        (
            TextStyle::Button,
            FontId::new(15.0, FontFamily::Proportional),
        ),
        (
            TextStyle::Heading,
            FontId::new(21.0, FontFamily::Proportional),
        ),
        (
            TextStyle::Monospace,
            FontId::new(14.0, FontFamily::Monospace),
        ),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    style.spacing.button_padding = egui::vec2(8.0, 4.0);
}

/// Colour for a change in a figure: green when it moved the good way, red when not.
pub fn delta_colour(change: f64, lower_is_better: bool) -> Color32 {
    if change.abs() < 1e-9 {
        MUTED_INK
    } else if (change < 0.0) == lower_is_better {
        GREEN
    } else {
        RED
    }
}

/// A darker shade of a colour, for outlines.
pub fn darker(colour: Color32) -> Color32 {
    let shade = |c: u8| (f32::from(c) * 0.6) as u8;
    Color32::from_rgb(shade(colour.r()), shade(colour.g()), shade(colour.b()))
}

/// Compliance tag badges: a violet no cover state uses, so a tag never reads as a warning.
pub const COMPLIANCE_FILL: Color32 = Color32::from_rgb(237, 231, 246);
pub const COMPLIANCE_INK: Color32 = Color32::from_rgb(81, 45, 168);

/// A colour washed out towards the canvas, for a service being retired.
pub fn retiring(colour: Color32) -> Color32 {
    colour.lerp_to_gamma(CANVAS_BACKGROUND, 0.6)
}
