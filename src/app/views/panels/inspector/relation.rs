//! The relations drawn on the canvas: a dependency with the availability across it, an
//! ownership, and an interaction with its mode.

use egui::Ui;

use super::super::DocView;
use super::form::{choice, heading};
use crate::app::views::theme;
use crate::edit::actions;
use crate::format::percent;
use crate::model::InteractionMode;

fn relation_heading(ui: &mut Ui, dv: DocView, kind: &str, from: &str, verb: &str, to: &str) {
    heading(ui, kind, "");
    ui.horizontal_wrapped(|ui| {
        if ui.link(dv.model().display_name(from).to_owned()).clicked() {
            dv.pick(ui, from);
        }
        ui.label(verb);
        if ui.link(dv.model().display_name(to).to_owned()).clicked() {
            dv.pick(ui, to);
        }
    });
    ui.add_space(8.0);
}

pub(super) fn dependency(ui: &mut Ui, dv: DocView, from: &str, to: &str) {
    relation_heading(ui, dv, "Dependency", from, "depends on", to);
    let (a, b) = (
        dv.analysis().service(from).map(|s| s.availability),
        dv.analysis().service(to).map(|s| s.availability),
    );
    if let (Some(a), Some(b)) = (a, b) {
        let colour = if b < a { theme::AMBER } else { theme::INK };
        ui.colored_label(colour, format!("{} → {}", percent(a), percent(b)));
    }
}

pub(super) fn ownership(ui: &mut Ui, dv: DocView, service: &str) {
    let Some(owner) = dv.model().service(service).and_then(|s| s.owner.clone()) else {
        return;
    };
    relation_heading(ui, dv, "Ownership", &owner, "owns", service);
}

pub(super) fn interaction(ui: &mut Ui, dv: DocView, from: &str, to: &str) {
    relation_heading(ui, dv, "Interaction", from, "works with", to);
    let Some(current) = dv
        .model()
        .interactions
        .iter()
        .find(|i| i.from == from && i.to == to)
    else {
        return;
    };
    let mut mode = current.mode;
    let modes: Vec<(InteractionMode, String)> = InteractionMode::ALL
        .iter()
        .map(|m| (*m, m.label().to_owned()))
        .collect();
    if choice(ui, "Mode", &mut mode, &modes) {
        let edit = actions::set_interaction_mode(dv.model(), from, to, mode);
        dv.edit("Change interaction mode", edit, None);
    }
}
