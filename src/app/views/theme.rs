//! Colours and text sizes, in one place so the canvas, the figures and the legend agree.
//! Chosen to stay readable on a projector: a light background, strong strokes, big text.

use egui::{Color32, FontFamily, FontId, Style, TextStyle};

use crate::analysis::{Cover, Severity};
use crate::model::{InteractionMode, TeamKind};
use crate::scene::palette::{self, Rgb};

/// A palette colour as egui's: the canvas and the exported pictures share one palette.
const fn colour(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

pub const CANVAS_BACKGROUND: Color32 = colour(palette::CANVAS_BACKGROUND);
pub const INK: Color32 = colour(palette::INK);
pub const MUTED_INK: Color32 = colour(palette::MUTED_INK);
pub const SELECTION: Color32 = colour(palette::SELECTION);
/// The standby share of the cost bar: light enough for dark text on it.
pub const STANDBY: Color32 = colour(palette::STANDBY);

pub const RED: Color32 = colour(palette::RED);
pub const AMBER: Color32 = colour(palette::AMBER);
pub const GREEN: Color32 = colour(palette::GREEN);
/// Bar fills light enough for dark text on them.
pub const GREEN_BAR: Color32 = colour(palette::GREEN_BAR);
pub const AMBER_BAR: Color32 = colour(palette::AMBER_BAR);
pub const RED_BAR: Color32 = colour(palette::RED_BAR);
pub const GREY: Color32 = colour(palette::GREY);
pub const GREY_FILL: Color32 = colour(palette::GREY_FILL);

pub const DOMAIN_STROKE: Color32 = colour(palette::DOMAIN_STROKE);

/// Team Topologies-inspired colours, one per team kind.
pub fn team_fill(kind: TeamKind) -> Color32 {
    colour(palette::team_fill(kind))
}

/// Fill and stroke of a service node for its cover state.
pub fn cover_colours(cover: Cover) -> (Color32, Color32) {
    let (fill, stroke) = palette::cover_colours(cover);
    (colour(fill), colour(stroke))
}

pub fn severity_colour(severity: Severity) -> Color32 {
    match severity {
        Severity::Error => RED,
        Severity::Warning => AMBER,
        Severity::Info => SELECTION,
    }
}

pub fn interaction_colour(mode: InteractionMode) -> Color32 {
    colour(palette::interaction_colour(mode))
}

/// egui's fonts, with its monospace face as the last fallback of the proportional family:
/// Ubuntu Light and egui's emoji subset lack arrows and shapes the UI shows (→, ⇄, ●, ─),
/// which Hack has. Without it they draw as a missing-glyph box.
pub fn fonts() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    let monospace = fonts
        .families
        .get(&FontFamily::Monospace)
        .and_then(|faces| faces.first())
        .cloned();
    if let (Some(face), Some(proportional)) =
        (monospace, fonts.families.get_mut(&FontFamily::Proportional))
        && !proportional.contains(&face)
    {
        proportional.push(face);
    }
    fonts
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

/// Green when a share (0 to 1) is complete, amber when most is there (four fifths), red
/// otherwise: as text, or with `bar`, as a bar's fill.
pub fn share_colour(value: f64, bar: bool) -> Color32 {
    let (green, amber, red) = if bar {
        (GREEN_BAR, AMBER_BAR, RED_BAR)
    } else {
        (GREEN, AMBER, RED)
    };
    if value >= 0.999 {
        green
    } else if value >= 0.8 {
        amber
    } else {
        red
    }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn shares_turn_amber_below_complete_and_red_below_four_fifths() {
        assert_eq!(share_colour(1.0, false), GREEN);
        assert_eq!(share_colour(0.85, false), AMBER);
        assert_eq!(share_colour(0.5, false), RED);
        assert_eq!(share_colour(0.85, true), AMBER_BAR);
    }

    /// Every character outside ASCII in the code that feeds the window (the app, the
    /// analysis's findings, the comparison and the formatting helpers), comments aside.
    /// The terminal reports and the command line are left out: a terminal has its own fonts.
    fn characters_in_ui_code(dir: &Path, out: &mut Vec<(char, String)>) {
        for entry in std::fs::read_dir(dir).expect("the source folder is readable") {
            let path = entry.expect("a readable entry").path();
            let terminal_only = path.ends_with("report") || path.ends_with("cli.rs");
            if terminal_only {
                continue;
            }
            if path.is_dir() {
                characters_in_ui_code(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a readable source file");
                for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                    for c in line.chars().filter(|c| !c.is_ascii()) {
                        out.push((c, format!("{}: {}", path.display(), line.trim())));
                    }
                }
            }
        }
    }

    #[test]
    fn the_fonts_have_every_character_the_ui_code_writes() {
        let ctx = egui::Context::default();
        ctx.set_fonts(super::fonts());
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let mut found = Vec::new();
        characters_in_ui_code(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        assert!(
            found.iter().any(|(c, _)| *c == '→'),
            "the scan reads the comparison's arrows"
        );
        let font = egui::FontId::proportional(15.0);
        let missing: Vec<_> = found
            .into_iter()
            .filter(|(c, _)| !ctx.fonts_mut(|f| f.has_glyph(&font, *c)))
            .collect();
        assert!(missing.is_empty(), "no glyph for: {missing:#?}");
    }

    #[test]
    fn without_the_fallback_the_arrow_is_missing() {
        // Guards the test above: egui's own proportional fonts lack "→".
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let font = egui::FontId::proportional(15.0);
        assert!(!ctx.fonts_mut(|f| f.has_glyph(&font, '→')));
    }
}
