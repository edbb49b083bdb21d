//! Renaming in place: while the view names an entity to rename (F2, or a double click on
//! its node, or a node just added or duplicated), a text field sits over the node with its
//! name selected, so typing replaces it. Enter keeps the new name, and so does leaving the
//! field by Tab or a click elsewhere (as a file manager keeps a name typed for a file); Esc
//! leaves the name as it was.

use egui::text::{CCursor, CCursorRange};
use egui::{Align2, Ui};

use super::{Canvas, CanvasAction};
use crate::model::Model;

/// How wide the field is, in screen pixels.
const WIDTH: f32 = 200.0;

/// How near the canvas's edge a node may be and still be renamed where it is.
const EDGE_MARGIN: f32 = 30.0;

/// The name being typed, for which entity.
pub struct Rename {
    id: String,
    text: String,
    /// Whether the field has had the keyboard yet: until then, losing it means nothing.
    focused: bool,
    /// Whether the view was asked to centre the node, which was out of sight.
    centred: bool,
}

impl Canvas {
    /// The field over the node being renamed, if one is; returns what was decided.
    pub(super) fn show_rename(
        &mut self,
        ui: &mut Ui,
        model: &Model,
        renaming: Option<&str>,
    ) -> Vec<CanvasAction> {
        let Some(id) = renaming else {
            self.rename = None;
            return Vec::new();
        };
        if self.rename.as_ref().is_none_or(|r| r.id != id) {
            self.rename = Some(Rename {
                id: id.to_owned(),
                text: model.display_name(id).to_owned(),
                focused: false,
                centred: false,
            });
        }
        let Some(at) = self.screen_position(id) else {
            return Vec::new();
        };
        // A node added out of sight, or under the legend or the map, is brought to the
        // middle first, so that its name is typed where it can be seen.
        let hidden = !self.in_clear_view(at);
        let Some(rename) = self.rename.as_mut() else {
            return Vec::new();
        };
        if hidden && !rename.centred && !rename.focused {
            rename.centred = true;
            self.camera
                .request(super::camera::Request::Centre(id.to_owned()));
            ui.ctx().request_repaint();
        }
        let field_id = egui::Id::new(("rename-in-place", id));
        let output = egui::Area::new(egui::Id::new("rename-in-place-area"))
            .pivot(Align2::CENTER_CENTER)
            .fixed_pos(at)
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::TextEdit::singleline(&mut rename.text)
                    .id(field_id)
                    .desired_width(WIDTH)
                    .show(ui)
            })
            .inner;
        let response = &output.response;
        if !rename.focused {
            // The whole name selected, so that typing replaces it.
            let mut state = output.state.clone();
            let end = CCursor::new(rename.text.chars().count());
            state
                .cursor
                .set_char_range(Some(CCursorRange::two(CCursor::new(0), end)));
            state.store(ui.ctx(), field_id);
            response.request_focus();
            rename.focused = response.has_focus();
            return Vec::new();
        }
        if !response.lost_focus() {
            return Vec::new();
        }
        let kept = !ui.input(|i| i.key_pressed(egui::Key::Escape));
        let name = rename.text.trim().to_owned();
        let id = rename.id.clone();
        self.rename = None;
        if kept && !name.is_empty() {
            vec![CanvasAction::Renamed { id, name }]
        } else {
            vec![CanvasAction::StopRenaming]
        }
    }
}

impl Canvas {
    /// Whether the screen point `at` is on the canvas, clear of its edges, the legend and
    /// the overview map.
    fn in_clear_view(&self, at: egui::Pos2) -> bool {
        let Some(last) = self.last.as_ref() else {
            return true;
        };
        let rect = last.key.rect;
        let legend = self
            .legend_shown(rect)
            .then(|| super::overlays::legend_rect(rect));
        let map = self.minimap.map(|m| m.area());
        rect.shrink(EDGE_MARGIN).contains(at)
            && [legend, map]
                .into_iter()
                .flatten()
                .all(|covered| !covered.expand(24.0).contains(at))
    }
}
