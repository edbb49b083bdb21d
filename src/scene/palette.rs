//! The colours of the canvas as plain RGB, shared by the editor's theme and the exported
//! pictures, so a slide shows the same colours as the projector. No egui here.

use crate::analysis::Cover;
use crate::model::{InteractionMode, TeamKind};

/// An opaque colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, for SVG, Mermaid and DOT.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// A darker shade, for outlines (60 % of each channel, as the canvas does).
    pub fn darker(self) -> Rgb {
        let shade = |c: u8| (f32::from(c) * 0.6) as u8;
        Rgb(shade(self.0), shade(self.1), shade(self.2))
    }

    /// This colour moved a share `t` of the way towards `other`, channel by channel.
    pub fn toward(self, other: Rgb, t: f32) -> Rgb {
        other.over(self, t)
    }

    /// This colour laid at `opacity` over `under`, for tools that take no transparency.
    pub fn over(self, under: Rgb, opacity: f32) -> Rgb {
        let mix = |top: u8, bottom: u8| {
            (f32::from(top) * opacity + f32::from(bottom) * (1.0 - opacity)).round() as u8
        };
        Rgb(
            mix(self.0, under.0),
            mix(self.1, under.1),
            mix(self.2, under.2),
        )
    }
}

/// The domain area's tint as an opaque colour over the canvas background.
pub fn domain_area() -> Rgb {
    DOMAIN_FILL.over(CANVAS_BACKGROUND, DOMAIN_FILL_OPACITY)
}

pub const CANVAS_BACKGROUND: Rgb = Rgb(250, 250, 247);
pub const INK: Rgb = Rgb(33, 37, 41);
pub const MUTED_INK: Rgb = Rgb(95, 99, 104);
pub const SELECTION: Rgb = Rgb(25, 118, 210);
pub const STANDBY: Rgb = Rgb(144, 202, 249);

pub const RED: Rgb = Rgb(211, 47, 47);
pub const RED_FILL: Rgb = Rgb(253, 216, 214);
pub const AMBER: Rgb = Rgb(230, 140, 0);
pub const AMBER_FILL: Rgb = Rgb(255, 233, 186);
pub const GREEN: Rgb = Rgb(46, 125, 50);
pub const GREEN_FILL: Rgb = Rgb(215, 240, 216);
pub const GREEN_BAR: Rgb = Rgb(129, 199, 132);
pub const AMBER_BAR: Rgb = Rgb(255, 183, 77);
pub const RED_BAR: Rgb = Rgb(239, 130, 130);
pub const GREY: Rgb = Rgb(130, 134, 140);
pub const GREY_FILL: Rgb = Rgb(236, 237, 239);

/// Lines are lighter than names, so that where an edge passes a label the name still reads
/// first; dependencies stay darker than ownership, and above 3:1 against the background.
pub const OWNERSHIP_EDGE: Rgb = Rgb(168, 175, 187);
pub const DEPENDENCY_EDGE: Rgb = Rgb(118, 127, 142);
/// The domain area's tint, drawn at [`DOMAIN_FILL_OPACITY`] over the background.
pub const DOMAIN_FILL: Rgb = Rgb(60, 90, 140);
pub const DOMAIN_FILL_OPACITY: f32 = 18.0 / 255.0;
pub const DOMAIN_STROKE: Rgb = Rgb(120, 140, 175);
pub const DOMAIN_HEADER: Rgb = Rgb(62, 84, 122);

/// A whole domain's box in the zoomed-out overview.
pub const DOMAIN_SUMMARY_FILL: Rgb = Rgb(229, 235, 245);
/// The area of what lies outside every domain: a neutral tint, and a dashed outline.
pub const OUTSIDE_FILL: Rgb = Rgb(90, 96, 104);
pub const OUTSIDE_FILL_OPACITY: f32 = 12.0 / 255.0;
pub const OUTSIDE_STROKE: Rgb = Rgb(150, 154, 160);
/// The selection's neighbours on the canvas: its owner, dependencies and dependents.
pub const RELATED: Rgb = Rgb(3, 155, 229);
/// Compliance tag badges: a violet no cover state uses, so a tag never reads as a warning.
pub const COMPLIANCE_FILL: Rgb = Rgb(237, 231, 246);
pub const COMPLIANCE_INK: Rgb = Rgb(81, 45, 168);

/// A colour washed out towards the canvas, for a service being retired.
pub fn retiring(colour: Rgb) -> Rgb {
    colour.toward(CANVAS_BACKGROUND, 0.6)
}

/// A colour stepped back towards the canvas, for what lies outside the selection's focus.
pub fn dimmed(colour: Rgb) -> Rgb {
    colour.toward(CANVAS_BACKGROUND, 0.78)
}

/// The colour of an interaction between teams, by its mode.
pub fn interaction_colour(mode: InteractionMode) -> Rgb {
    match mode {
        InteractionMode::Collaboration => Rgb(156, 39, 176),
        InteractionMode::XAsAService => Rgb(0, 121, 107),
        InteractionMode::Facilitating => Rgb(245, 124, 0),
    }
}

/// Team Topologies-inspired colours, one per team kind.
pub fn team_fill(kind: TeamKind) -> Rgb {
    match kind {
        TeamKind::Product => Rgb(255, 214, 102),
        TeamKind::Platform => Rgb(144, 190, 235),
        TeamKind::Enabling => Rgb(214, 160, 214),
        TeamKind::ComplicatedSubsystem => Rgb(247, 170, 110),
        TeamKind::Operations => Rgb(160, 200, 190),
    }
}

/// Fill and stroke of a service for its cover state.
pub fn cover_colours(cover: Cover) -> (Rgb, Rgb) {
    match cover {
        Cover::Covered => (GREEN_FILL, GREEN),
        Cover::Understaffed => (AMBER_FILL, AMBER),
        Cover::Uncovered => (RED_FILL, RED),
        Cover::NotRequired => (GREY_FILL, GREY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_darker_shade() {
        assert_eq!(Rgb(255, 214, 102).hex(), "#ffd666");
        // 255 × 0.6 = 153, 214 × 0.6 = 128.4 → 128, 102 × 0.6 = 61.2 → 61.
        assert_eq!(Rgb(255, 214, 102).darker(), Rgb(153, 128, 61));
        // Half of 200 over half of 100 is 150 in every channel.
        assert_eq!(
            Rgb(200, 0, 255).over(Rgb(100, 0, 255), 0.5),
            Rgb(150, 0, 255)
        );
        // A quarter of the way from 0 to 200 is 50.
        assert_eq!(
            Rgb(0, 0, 0).toward(Rgb(200, 200, 200), 0.25),
            Rgb(50, 50, 50)
        );
    }
}
