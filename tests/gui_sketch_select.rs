//! Sketching fast, part two, through the real editor with egui_kittest: the figures panel
//! and the Assess table select into the tab's one selection, the canvas's right-click menu
//! renames, duplicates and pastes, several selected nodes are dragged together, a paste
//! lands near the pointer, and the panels and toolbar hold still while the selection
//! changes.

use egui::{Event, Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::state::ViewMode;
use opmodel::app::{Command, OpmodelApp, Selection, ViewCommand};

mod support;
use support::{document, harness_at, node_position, selected_ids, write};

/// The shop (see `support::shop`) with a second team that owns the legacy reports and a
/// dependency of the shop front on them, so that every figure has something to say.
fn shop_of_two_teams() -> String {
    support::shop()
        .replace(
            r#"teams: [(id: "web", name: "Web team", kind: Product, members: 6)],"#,
            r#"teams: [
        (id: "web", name: "Web team", kind: Product, members: 6),
        (id: "back", name: "Back office", kind: Product, members: 4),
    ],"#,
        )
        .replace(
            r#"kind: Cots, exposure_per_hour: Some(5000.0)"#,
            r#"kind: Cots, owner: Some("back"), exposure_per_hour: Some(5000.0)"#,
        )
        .replace(
            "    ],\n)",
            "    ],\n    dependencies: [(from: \"shop\", to: \"legacy\")],\n)",
        )
}

fn opened(dir: &std::path::Path) -> Harness<'static, OpmodelApp> {
    harness_at(
        &write(dir, "shop.ron", &shop_of_two_teams()),
        1600.0,
        1000.0,
    )
}

fn node(harness: &Harness<'_, OpmodelApp>, id: &str) -> Pos2 {
    node_position(harness, id).expect("the node is drawn")
}

fn select(harness: &mut Harness<'_, OpmodelApp>, ids: &[&str]) {
    let view = harness.state().workspace.active_view().unwrap().id();
    let items = ids
        .iter()
        .map(|id| Selection::Entity((*id).into()))
        .collect();
    harness.state().workspace.push(Command::View(
        view,
        ViewCommand::SelectMany { items, add: false },
    ));
    harness.run_steps(3);
}

#[test]
fn ctrl_clicks_in_the_figures_panel_add_to_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = opened(dir.path());
    // The web team's rota row, then the shop front among the cost drivers with Ctrl held.
    harness.get_by_label("Web team").click();
    harness.run_steps(4);
    assert_eq!(selected_ids(&harness), ["web"]);
    harness
        .get_by_label("Shop front")
        .click_modifiers(Modifiers::COMMAND);
    harness.run_steps(4);
    assert_eq!(selected_ids(&harness), ["web", "shop"]);
    // Both show on the canvas as selected, and the inspector lists them.
    harness.get_by_label_contains("Delete all 2");
    // A plain click picks one alone again.
    harness.get_by_label("Shop front").click();
    harness.run_steps(4);
    assert_eq!(selected_ids(&harness), ["shop"]);
}

#[test]
fn rows_picked_in_the_assess_table_are_the_tabs_selection_on_the_canvas() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = opened(dir.path());
    harness.get_by_label("▦ Assess").click();
    harness.run_steps(4);
    harness.get_by_label("Legacy reports").click();
    harness.run_steps(3);
    harness
        .get_by_label("Shop front")
        .click_modifiers(Modifiers::COMMAND);
    harness.run_steps(3);
    assert_eq!(
        selected_ids(&harness),
        ["legacy", "shop"],
        "the cursor's row last"
    );
    harness.get_by_label("▦ Assess").click();
    harness.run_steps(4);
    let mode = harness.state().workspace.active_view().unwrap().mode();
    assert_eq!(mode, ViewMode::Canvas);
    // Back on the canvas, the inspector edits both services together.
    harness.get_by_label("Legacy reports, Shop front");
}

/// Presses and lets go of the secondary button at `at`: the canvas's context menu.
fn right_click(harness: &mut Harness<'_, OpmodelApp>, at: Pos2) {
    harness.hover_at(at);
    harness.run_steps(2);
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(2);
    }
}

#[test]
fn the_right_click_menu_selects_the_node_and_duplicates_renames_and_pastes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = opened(dir.path());
    let at = node(&harness, "legacy");
    right_click(&mut harness, at);
    assert_eq!(
        selected_ids(&harness),
        ["legacy"],
        "a right click selects first"
    );
    harness.get_by_label("Duplicate Ctrl+D").click();
    harness.run_steps(4);
    assert_eq!(selected_ids(&harness), ["legacy-2"]);
    // The copy's name is ready to be typed over.
    harness.event(Event::Text("Archive".into()));
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    // The original's id was typed by hand ("legacy" for "Legacy reports"), so its copy's
    // numbered id stays too.
    let copy = document(&harness).model().service("legacy-2").unwrap();
    assert_eq!(copy.name, "Archive");
    assert_eq!(copy.owner.as_deref(), Some("back"));

    // Rename from the menu.
    let at = node(&harness, "legacy-2");
    right_click(&mut harness, at);
    harness.get_by_label("Rename F2").click();
    harness.run_steps(4);
    harness.event(Event::Text("Old archive".into()));
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    assert_eq!(
        document(&harness).model().service("legacy-2").unwrap().name,
        "Old archive"
    );

    // "Paste here" on empty canvas asks the window for the clipboard; what it hands back
    // lands where the menu was opened.
    let text = opmodel::files::ron::to_ron(&opmodel::edit::actions::copied(
        document(&harness).model(),
        &["shop"],
    ));
    // Once the view has glided to where it goes.
    harness.run_steps(90);
    let empty = egui::pos2(380.0, 140.0);
    right_click(&mut harness, empty);
    harness.get_by_label("Paste here Ctrl+V").click();
    harness.run_steps(3);
    // By the time the text comes, the pointer is over the figures, off the canvas.
    harness.hover_at(egui::pos2(1500.0, 500.0));
    harness.run_steps(1);
    harness.event(Event::Paste(text));
    harness.run_steps(4);
    assert_eq!(selected_ids(&harness), ["shop-2"]);
    let pasted = node(&harness, "shop-2");
    // In free space nearest that point: nearer it than the middle of the view, where a
    // paste with no place asked for goes.
    let middle = egui::pos2(740.0, 540.0);
    assert!(
        pasted.distance(empty) < pasted.distance(middle),
        "pasted near where it was asked for: {pasted:?} against {empty:?}"
    );
}

#[test]
fn several_selected_nodes_are_dragged_together_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = opened(dir.path());
    select(&mut harness, &["shop", "legacy"]);
    let before = document(&harness).model().clone();
    let positions = opmodel::layout::positions(&before);
    let start = node(&harness, "shop");
    support::drag(&mut harness, start, vec2(80.0, 40.0));
    let model = document(&harness).model();
    let moved = |id: &str| {
        let (was, now) = (positions[id], model.layout[id]);
        (now.x - was.x, now.y - was.y)
    };
    let (dx, dy) = moved("shop");
    assert!(dx > 10.0 && dy > 5.0, "the shop front moved by {dx}, {dy}");
    let (lx, ly) = moved("legacy");
    assert!(
        (lx - dx).abs() < 0.2 && (ly - dy).abs() < 0.2,
        "the legacy reports moved with it: {lx}, {ly}"
    );
    assert_eq!(positions["web"], opmodel::layout::positions(model)["web"]);
    assert_eq!(
        selected_ids(&harness),
        ["shop", "legacy"],
        "still both selected"
    );
    assert_eq!(
        document(&harness).history().undo_label(),
        Some("Move Shop front and 1 more")
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(
        opmodel::layout::positions(document(&harness).model()),
        positions,
        "one undo puts both back"
    );
}

#[test]
fn selecting_a_service_moves_neither_the_inspector_nor_the_canvas_and_the_toolbar_names_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = opened(dir.path());
    let web = node(&harness, "web");
    // The service form has the longest labels ("Peak exposure / hour (GBP)").
    let shop = node(&harness, "shop");
    support::click_at(&mut harness, shop);
    assert_eq!(selected_ids(&harness), ["shop"]);
    harness.get_by_label("Peak exposure / hour (GBP)");
    assert_eq!(node(&harness, "web"), web, "the canvas did not shift");
    // On a 1600-pixel screen every toolbar button is named; nothing hides under More.
    for name in [
        "⚙ Model settings…",
        "⎘ Duplicate as scenario",
        "⚖ Compare with…",
    ] {
        harness.get_by_label(name);
    }
    assert!(harness.query_by_label("More").is_none());
    // The rota table names each rota whole.
    harness.get_by_label("Web team");
}
