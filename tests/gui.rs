//! The editor driven through its real UI with egui_kittest: clicking, typing and reading
//! what the panels show. Canvas nodes are painted, not in the accessibility tree, so they
//! are clicked by their screen position.

use std::path::Path;

use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Selection, UiCommand};
use opmodel::model::Position;

mod support;
use support::{
    app, apply_edit, click_at, finish_file_jobs, harness, node_position, open, selection, shop,
    wait_for_step, write,
};

fn with_shop(dir: &Path) -> Harness<'static, OpmodelApp> {
    open(dir, &shop())
}

fn annual_cost(harness: &Harness<'_, OpmodelApp>) -> f64 {
    harness
        .state()
        .active_document()
        .expect("a document is open")
        .analysis()
        .totals
        .annual_cost
}

fn node_at(harness: &Harness<'_, OpmodelApp>, id: &str) -> Pos2 {
    node_position(harness, id).expect("the node was drawn")
}

#[test]
fn adding_a_team_and_its_service_and_covering_it_changes_cost_and_coverage() {
    let mut harness = harness(app());
    harness.get_by_label("✚ Add team").click();
    harness.run_steps(3);
    harness.get_by_label("✚ Add service").click();
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().teams.len(), 1);
    assert_eq!(
        doc.model().services[0].owner.as_deref(),
        Some("new-team"),
        "a new service is owned by the selected team, whose id comes from its name"
    );
    // No bands: 99.0 %; a new service's demand is unknown, so a digital service is taken to
    // deploy weekly → You Build It You Run It at domain level, but its team has no domain.
    assert_eq!(doc.analysis().coverage.ownership, 1.0);
    assert_eq!(doc.analysis().coverage.on_call, 0.0);
    harness.get_by_label("GBP 0");

    // Cover it on the team's own rota: 500 × 52 = 26,000 standby.
    assert_eq!(
        harness.get_by_label("Operating model").value().as_deref(),
        Some("Recommended (You Build It You Run It)")
    );
    harness.get_by_label("Out of hours").click();
    harness.run_steps(2);
    harness.get_by_label("Team").click();
    harness.run_steps(4);
    let analysis = &harness.state().active_document().unwrap().analysis();
    assert_eq!(analysis.totals.annual_cost, 26_000.0);
    assert_eq!(analysis.coverage.on_call, 1.0);
    harness.get_by_label("GBP 26,000");
}

#[test]
fn undo_and_redo_restore_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    assert_eq!(annual_cost(&harness), 26_480.0);
    harness
        .state()
        .select(Some(Selection::Entity("web".into())));
    harness.run_steps(2);
    harness.key_press(Key::Delete);
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert!(doc.model().team("web").is_none());
    assert_eq!(
        doc.model().service("shop").unwrap().owner,
        None,
        "deleting a team orphans its services"
    );
    assert_eq!(annual_cost(&harness), 0.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(annual_cost(&harness), 26_480.0);
    assert_eq!(
        harness
            .state()
            .active_document()
            .unwrap()
            .model()
            .service("shop")
            .unwrap()
            .owner
            .as_deref(),
        Some("web")
    );
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(3);
    assert_eq!(annual_cost(&harness), 0.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(3);
    assert_eq!(annual_cost(&harness), 0.0, "Ctrl+Y redoes too");
}

#[test]
fn a_load_error_shows_the_message_and_leaves_the_open_model_alone() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.ron",
        "(\n    name: \"Broken\",\n    teams: [(id: \"a\", name: \"A\", kind: Wizard)],\n)",
    );
    let mut harness = with_shop(dir.path());
    let before = harness.state().active_document().unwrap().model().clone();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run_steps(3);
    let field = harness.get_by_label("Path of the .ron file");
    field.focus();
    field.type_text(&bad.display().to_string());
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    finish_file_jobs(&mut harness);
    let message = harness
        .state()
        .error_message()
        .expect("an error dialog is open")
        .to_owned();
    assert!(
        message.contains("bad.ron:3:"),
        "names the file and the line: {message}"
    );
    assert!(message.contains("Wizard"), "names the bad value: {message}");
    harness.get_by_label_contains("Wizard");
    assert_eq!(harness.state().active_document().unwrap().model(), &before);
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(harness.state().error_message().is_none());
}

#[test]
fn clicking_a_finding_selects_its_subject() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness.get_by_label_contains("has no owning team").click();
    harness.run_steps(3);
    assert_eq!(
        selection(&harness),
        Some(Selection::Entity("legacy".into()))
    );
    assert_eq!(
        harness.get_by_label("Id").value().as_deref(),
        Some("legacy"),
        "the inspector shows the service"
    );
}

#[test]
fn the_settings_editor_changes_the_cost() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run_steps(3);
    let standby = harness.get_by_label("Product standby per week");
    standby.click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Product standby per week")
        .type_text("600");
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    // 600 × 52 = 31,200 standby + 480 callout.
    assert_eq!(annual_cost(&harness), 31_680.0);
    harness.get_by_label("GBP 31,680");
}

#[test]
fn clicking_a_node_on_the_canvas_selects_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    let at = node_at(&harness, "shop");
    click_at(&mut harness, at);
    assert_eq!(selection(&harness), Some(Selection::Entity("shop".into())));
    harness.get_by_label_contains("Covered by Web team");
}

#[test]
fn dragging_a_node_moves_it_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    let start = node_at(&harness, "web");
    let opened = harness.state().active_document().unwrap().model().layout["web"];
    harness.hover_at(start);
    harness.run_steps(2);
    harness.drag_at(start);
    harness.run_steps(1);
    for step in 1..=10 {
        harness.hover_at(start + vec2(12.0 * step as f32, 6.0 * step as f32));
        harness.run_steps(1);
    }
    harness.drop_at(start + vec2(120.0, 60.0));
    harness.run_steps(3);
    let moved = harness
        .state()
        .active_document()
        .unwrap()
        .model()
        .layout
        .get("web")
        .copied()
        .expect("the drag saved a position");
    let end = node_at(&harness, "web");
    assert!(
        (end - start).length() > 50.0,
        "the node follows the pointer"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert_ne!(moved, opened);
    assert_eq!(
        doc.model().layout["web"],
        opened,
        "one undo takes the whole drag back (was {moved:?})"
    );
    assert!(doc.history().undo_label().is_none());
}

#[test]
fn connect_mode_adds_a_dependency_between_two_services() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness.key_press(Key::C);
    harness.run_steps(2);
    let (shop, legacy) = (node_at(&harness, "shop"), node_at(&harness, "legacy"));
    click_at(&mut harness, shop);
    click_at(&mut harness, legacy);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().dependencies.len(), 1);
    assert_eq!(
        (
            doc.model().dependencies[0].from.as_str(),
            doc.model().dependencies[0].to.as_str()
        ),
        ("shop", "legacy")
    );
    // Shop front (99.9 %) now depends on something at 95 %.
    assert!(
        doc.analysis()
            .findings
            .iter()
            .any(|f| f.code.as_str() == "weaker-dependency")
    );
}

#[test]
fn a_taken_id_is_refused_where_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness
        .state()
        .select(Some(Selection::Entity("legacy".into())));
    harness.run_steps(3);
    let id = harness.get_by_label("Id");
    id.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Id").type_text("web");
    harness.run_steps(2);
    harness.get_by_label_contains("already the id of a team");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert!(
        doc.model().service("legacy").is_some(),
        "the service keeps its id"
    );
    assert!(doc.history().undo_label().is_none(), "nothing was changed");
}

#[test]
fn renaming_an_id_updates_every_reference() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness
        .state()
        .select(Some(Selection::Entity("web".into())));
    harness.run_steps(3);
    harness.get_by_label("Id").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Id").type_text("storefront");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert!(doc.model().team("storefront").is_some());
    assert_eq!(
        doc.model().service("shop").unwrap().owner.as_deref(),
        Some("storefront")
    );
    assert_eq!(
        annual_cost(&harness),
        26_480.0,
        "the rota follows the renamed team"
    );
}

#[test]
fn saving_writes_the_file_and_clears_the_unsaved_marker() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app());
    harness.get_by_label("✚ Add team").click();
    harness.run_steps(3);
    assert!(
        harness.state().title().starts_with("● "),
        "unsaved changes are marked: {}",
        harness.state().title()
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    let target = dir.path().join("saved.ron");
    let field = harness.get_by_label("Path of the .ron file");
    field.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Path of the .ron file")
        .type_text(&target.display().to_string());
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    finish_file_jobs(&mut harness);
    let saved = opmodel::files::ron::load(&target).expect("the saved file loads");
    assert_eq!(&saved, harness.state().active_document().unwrap().model());
    assert_eq!(harness.state().title(), "Untitled model — Opmodel");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left behind: {leftovers:?}"
    );
}

#[test]
fn new_asks_before_discarding_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness
        .state()
        .select(Some(Selection::Entity("legacy".into())));
    harness.run_steps(2);
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(3);
    harness.get_by_label("Save changes?");
    harness.get_by_label("Cancel").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().active_document().unwrap().model().name,
        "Shop",
        "cancel keeps the model"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    harness.run_steps(3);
    harness.get_by_label("Don't save").click();
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert!(
        doc.model().services.is_empty() && doc.path().is_none(),
        "a fresh model replaces it"
    );
}

#[test]
fn an_idle_window_stops_asking_for_frames() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness.hover_at(node_at(&harness, "shop"));
    harness.run_steps(2);
    // The canvas must let the window go quiet once nothing happens: it asks for no frame
    // of its own.
    let steps = harness.try_run().expect("the app settles without input");
    assert!(steps <= 4, "settled after {steps} frames");
}

#[test]
fn duplicating_as_a_scenario_compares_live_with_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness.state_mut().run(UiCommand::DuplicateScenario);
    harness.run_steps(3);
    assert_eq!(
        harness.state().tab_count(),
        3,
        "the original, the comparison and the copy"
    );
    let copy = harness.state().active_document().unwrap();
    assert_eq!(copy.model().name, "Shop (what-if)");
    assert!(
        copy.is_dirty() && copy.path().is_none(),
        "the copy is unsaved until saved to its own file"
    );
    harness
        .state()
        .select(Some(Selection::Entity("shop".into())));
    harness.run_steps(3);
    // Out of hours Off: the shop front no longer needs the web team's rota, which goes.
    harness.get_by_label("Out of hours").click();
    harness.run_steps(2);
    harness.get_by_label("Off").click();
    harness.run_steps(4);
    harness.get_by_label_contains("What-if against Shop");
    harness.get_by_label("Cost −26,480 GBP a year");
    harness.get_by_label("Ownership: no change");
    let comparison = harness.get_by_label_contains("⚖ Shop vs Shop (what-if)");
    comparison.click();
    harness.run_steps(4);
    assert!(harness.state().is_comparing());
    // The annual cost, the web team's rota, gone, and the shop front's cover cost, apart.
    assert_eq!(harness.query_all_by_label("−26,480").count(), 3);
    // In the editor's words (SPEC 7.5): an empty override is what the rule gives.
    harness.get_by_label_contains("out of hours: By availability (Team) → Off");
}

#[test]
fn comparing_two_open_models_shows_the_delta_and_jumps_to_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let other = support::shop_named("Shop, small team", 2);
    let second = write(dir.path(), "small.ron", &other);
    let mut harness = with_shop(dir.path());
    harness.state_mut().run(UiCommand::OpenInNewTab);
    harness.run_steps(3);
    let field = harness.get_by_label("Path of the .ron file");
    field.focus();
    field.type_text(&second.display().to_string());
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    finish_file_jobs(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(3);
    harness.get_by_label("Shop (shop.ron)").click();
    harness.run_steps(4);
    assert!(harness.state().is_comparing());
    // Only the team changed: members 2 → 6 in the second model's comparison with the first.
    harness.get_by_label_contains("members: 2 → 6");
    harness.get_by_label(
        "~ Web team: pool 2 → 6, 1 in 2 → 1 in 6, 26 → 8.7 weeks each, unhealthy → healthy",
    );
    // A window tall enough for the whole comparison, so that the link is on screen.
    harness.set_size(egui::vec2(1400.0, 2600.0));
    harness.run_steps(3);
    harness.get_by_label("in A").click();
    harness.run_steps(4);
    assert!(!harness.state().is_comparing(), "jumped to the model");
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().name, "Shop, small team");
    assert_eq!(selection(&harness), Some(Selection::Entity("web".into())));
}

#[test]
fn auto_layout_moves_every_node_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    let opened = harness
        .state()
        .active_document()
        .unwrap()
        .model()
        .layout
        .clone();
    assert_eq!(opened.len(), 3, "the model was arranged when it opened");
    let moved =
        opmodel::edit::actions::move_to(vec![("web".into(), Position { x: 900.0, y: 900.0 })]);
    apply_edit(&mut harness, "Move Web team", moved);
    harness.key_press(Key::L);
    // The layout runs on a thread of its own: wait for it to land.
    wait_for_step(&mut harness, "Auto-layout");
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.history().undo_label(), Some("Auto-layout"));
    assert_eq!(
        doc.model().layout,
        opened,
        "the team is back where the layout puts it"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().layout["web"], Position { x: 900.0, y: 900.0 });
}

fn request_close(harness: &mut Harness<'_, OpmodelApp>) {
    let root = harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default();
    root.events.push(egui::ViewportEvent::Close);
    harness.step();
}

fn window_commands(harness: &Harness<'_, OpmodelApp>) -> Vec<egui::ViewportCommand> {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

#[test]
fn closing_the_window_asks_about_unsaved_changes_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    request_close(&mut harness);
    assert!(
        !window_commands(&harness).contains(&egui::ViewportCommand::CancelClose),
        "nothing to save: it closes"
    );

    harness.get_by_label("✚ Add domain").click();
    harness.run_steps(3);
    request_close(&mut harness);
    assert!(
        window_commands(&harness).contains(&egui::ViewportCommand::CancelClose),
        "unsaved: the close waits"
    );
    harness.run_steps(2);
    harness.get_by_label("Save changes?");
    harness.get_by_label("Don't save").click();
    harness.step();
    assert!(
        window_commands(&harness).contains(&egui::ViewportCommand::Close),
        "then the window closes"
    );
}
