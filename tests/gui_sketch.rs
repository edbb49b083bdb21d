//! Sketching fast, driven through the real editor with egui_kittest: selecting several
//! things, copy and paste between two open models through the clipboard's text, duplicate,
//! editing several services at once, names that give ids, the command palette, and where
//! new things land. The desktop turns Ctrl+C and Ctrl+V into copy and paste events with the
//! clipboard's text, so the tests send those events, as the window would.

use egui::{Event, Key, Modifiers, OutputCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{Command, OpmodelApp, Picker, RecentFiles, Selection, UiCommand, ViewCommand};

mod support;
use support::{document, harness, open, open_in_new_tab, selected_ids, shop, shop_named, write};

fn press(harness: &mut Harness<'_, OpmodelApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run_steps(4);
}

/// Sends the window's copy event and returns the text the editor gave the clipboard.
fn copy(harness: &mut Harness<'_, OpmodelApp>) -> String {
    harness.event(Event::Copy);
    for _ in 0..4 {
        harness.run_steps(1);
        let copied = harness
            .output()
            .platform_output
            .commands
            .iter()
            .find_map(|c| match c {
                OutputCommand::CopyText(text) => Some(text.clone()),
                _ => None,
            });
        if let Some(text) = copied {
            return text;
        }
    }
    panic!("nothing went to the clipboard");
}

fn paste(harness: &mut Harness<'_, OpmodelApp>, text: &str) {
    harness.event(Event::Paste(text.to_owned()));
    harness.run_steps(4);
}

/// Selects `ids` in the active tab, as Shift+clicks on the canvas would.
fn select_many(harness: &mut Harness<'_, OpmodelApp>, ids: &[&str]) {
    let app = harness.state();
    let view = app.workspace.active_view().expect("a document tab").id();
    let items = ids
        .iter()
        .map(|id| Selection::Entity((*id).into()))
        .collect();
    app.workspace.push(Command::View(
        view,
        ViewCommand::SelectMany { items, add: false },
    ));
    harness.run_steps(3);
}

fn undo_label(harness: &Harness<'_, OpmodelApp>) -> Option<String> {
    document(harness).history().undo_label().map(str::to_owned)
}

#[test]
fn everything_copied_from_one_model_pastes_into_another_with_clashing_ids_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &shop());
    press(&mut harness, Modifiers::COMMAND, Key::A);
    assert_eq!(selected_ids(&harness), ["web", "shop", "legacy"]);
    let text = copy(&mut harness);
    assert!(
        text.contains("id: \"shop\""),
        "the clipboard holds RON text:\n{text}"
    );

    // The other model has the same ids: a web team of 4 on its own rota, 26,480 a year.
    let other = write(dir.path(), "other.ron", &shop_named("Other shop", 4));
    open_in_new_tab(&mut harness, &other);
    assert_eq!(document(&harness).model().name, "Other shop");
    paste(&mut harness, &text);
    let model = document(&harness).model();
    assert_eq!(selected_ids(&harness), ["web-2", "shop-2", "legacy-2"]);
    assert_eq!(model.team("web-2").unwrap().name, "Web team 2");
    assert_eq!(
        model.service("shop-2").unwrap().owner.as_deref(),
        Some("web-2"),
        "the copy's ownership follows its new ids"
    );
    assert_eq!(model.team("web").unwrap().members, 4, "the original stays");
    // Two web teams, each on a rota for its shop front: 2 × 26,480.
    harness.get_by_label("GBP 52,960");
    assert_eq!(undo_label(&harness).as_deref(), Some("Paste"));

    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        document(&harness).model().teams.len(),
        1,
        "one step undoes it all"
    );
    harness.get_by_label("GBP 26,480");
}

#[test]
fn duplicate_copies_the_selection_with_its_dependencies_beside_itself() {
    let dir = tempfile::tempdir().unwrap();
    let text = shop().replace(
        "    ],\n)",
        "    ],\n    dependencies: [(from: \"shop\", to: \"legacy\")],\n)",
    );
    let mut harness = open(dir.path(), &text);
    select_many(&mut harness, &["shop", "legacy"]);
    press(&mut harness, Modifiers::COMMAND, Key::D);
    let model = document(&harness).model();
    assert_eq!(model.services.len(), 4);
    assert!(
        model
            .dependencies
            .iter()
            .any(|d| d.from == "shop-2" && d.to == "legacy-2")
    );
    assert_eq!(
        model.service("shop-2").unwrap().owner.as_deref(),
        Some("web"),
        "the copy keeps its owner, who was not copied"
    );
    assert_eq!(selected_ids(&harness), ["shop-2", "legacy-2"]);
    assert!(harness.state().tab_count() == 1, "not a what-if scenario");
    let canvas = harness.state().canvas().unwrap();
    let (original, copy) = (
        canvas.screen_position("shop").unwrap(),
        canvas.screen_position("shop-2").unwrap(),
    );
    assert!(original.distance(copy) > 40.0, "beside, not on top");
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(document(&harness).model().services.len(), 2);
}

#[test]
fn several_services_are_edited_together_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &shop());
    select_many(&mut harness, &["shop", "legacy"]);
    harness.get_by_label("Shop front, Legacy reports");
    // A digital service and a COTS one: the kind is mixed; their callouts differ too.
    let mixed = |label| egui_kittest::kittest::by().label(label).value("— mixed —");
    harness.get(mixed("Kind"));
    harness.get(mixed("Owner"));
    let callouts = harness.get_by_label("Callouts / year");
    callouts.focus();
    callouts.type_text("12");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let model = document(&harness).model();
    for id in ["shop", "legacy"] {
        assert_eq!(model.service(id).unwrap().callouts_per_year, 12.0, "{id}");
    }
    // The shop front's rota: standby 26,000 plus 12 callouts × 2 h × 60 = 1,440.
    harness.get_by_label("GBP 27,440");
    assert_eq!(
        undo_label(&harness).as_deref(),
        Some("Change callouts per year of 2 services")
    );
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    let model = document(&harness).model();
    assert_eq!(model.service("shop").unwrap().callouts_per_year, 4.0);
    assert_eq!(model.service("legacy").unwrap().callouts_per_year, 0.0);
    harness.get_by_label("GBP 26,480");
}

#[test]
fn a_new_team_takes_its_id_from_the_name_typed_for_it() {
    let mut harness = harness(support::app());
    press(&mut harness, Modifiers::NONE, Key::T);
    assert_eq!(selected_ids(&harness), ["new-team"]);
    let name = harness.get_by_label("Name");
    name.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text("Checkout squad");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let model = document(&harness).model();
    assert_eq!(model.team("checkout-squad").unwrap().name, "Checkout squad");
    assert_eq!(selected_ids(&harness), ["checkout-squad"]);
    assert_eq!(
        harness.get_by_label("Id").value().as_deref(),
        Some("checkout-squad")
    );
    // Typed by hand, the id stays when the name changes again.
    let id = harness.get_by_label("Id");
    id.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Id").type_text("pay");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    harness.get_by_label("Name").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text("Payments");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let model = document(&harness).model();
    assert_eq!(model.team("pay").unwrap().name, "Payments");
    // The name's keystrokes were one step: undo brings back the first name whole.
    press(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        document(&harness).model().team("pay").unwrap().name,
        "Checkout squad"
    );
}

#[test]
fn new_things_land_where_they_belong() {
    let dir = tempfile::tempdir().unwrap();
    let text = shop().replace(
        "    teams: [(id: \"web\", name: \"Web team\", kind: Product, members: 6)],",
        "    domains: [(id: \"retail\", name: \"Retail\")],\n    teams: [(id: \"web\", name: \"Web team\", kind: Product, members: 6, domain: Some(\"retail\"))],",
    );
    let mut harness = open(dir.path(), &text);
    harness
        .state()
        .select(Some(Selection::Entity("retail".into())));
    harness.run_steps(3);
    press(&mut harness, Modifiers::NONE, Key::T);
    // The new team's name is ready to be typed over; Enter keeps it.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let model = document(&harness).model();
    assert_eq!(
        model.team("new-team").unwrap().domain.as_deref(),
        Some("retail"),
        "a team added with its domain selected joins it"
    );
    // With that team selected, a new service is its own; a new domain goes beside.
    press(&mut harness, Modifiers::NONE, Key::S);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let model = document(&harness).model();
    assert_eq!(
        model.service("new-service").unwrap().owner.as_deref(),
        Some("new-team")
    );
    // With that service selected, another service is its team's too.
    press(&mut harness, Modifiers::NONE, Key::S);
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let model = document(&harness).model();
    assert_eq!(
        model.service("new-service-2").unwrap().owner.as_deref(),
        Some("new-team")
    );
    press(&mut harness, Modifiers::NONE, Key::D);
    let model = document(&harness).model();
    let positions = opmodel::layout::positions(model);
    assert!(model.domain("new-domain").is_some());
    assert_eq!(
        opmodel::layout::areas::intruders(model, &positions),
        vec![],
        "nothing landed in an area not its own"
    );
    let retail = opmodel::layout::areas::domain_area(model, &positions, "retail").unwrap();
    let new = opmodel::layout::areas::domain_area(model, &positions, "new-domain").unwrap();
    assert!(!retail.overlaps(&new), "the new domain is beside the other");
}

#[test]
fn the_command_palette_lists_every_command_with_its_shortcut_and_runs_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &shop());
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    // Every command of the table, with its shortcut where it has one.
    for command in UiCommand::ALL {
        assert!(
            harness
                .query_all_by_label_contains(command.text())
                .next()
                .is_some(),
            "{command:?} is offered"
        );
    }
    harness.get_by_label("Duplicate as scenario, Ctrl+Shift+D");
    harness.get_by_label("Find…, Ctrl+F");
    harness.get_by_label("Command").type_text("dup");
    harness.run_steps(2);
    harness.get_by_label("Duplicate, Ctrl+D");
    assert!(
        harness.query_by_label_contains("Save").is_none(),
        "narrowed"
    );
    // Nothing is selected: Duplicate can do nothing, so Enter runs nothing.
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(document(&harness).model().services.len(), 2);
    assert!(harness.query_by_label("Command").is_some(), "still open");
    harness
        .state()
        .select(Some(Selection::Entity("shop".into())));
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    assert!(document(&harness).model().service("shop-2").is_some());
    assert!(harness.query_by_label("Command").is_none(), "closed");
}

fn node(harness: &Harness<'_, OpmodelApp>, id: &str) -> egui::Pos2 {
    support::node_position(harness, id).expect("the node is drawn")
}

/// A primary click at `at` with `modifiers` held.
fn click_with(harness: &mut Harness<'_, OpmodelApp>, at: egui::Pos2, modifiers: Modifiers) {
    harness.hover_at(at);
    harness.run_steps(2);
    harness.event(Event::ModifiersChanged(modifiers));
    for pressed in [true, false] {
        harness.event(Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
        harness.run_steps(if pressed { 1 } else { 3 });
    }
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(1);
}

#[test]
fn shift_and_ctrl_clicks_add_to_the_selection_and_a_rubber_band_takes_in_what_it_touches() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = support::harness_at(&write(dir.path(), "shop.ron", &shop()), 1600.0, 1000.0);
    let first = node(&harness, "shop");
    support::click_at(&mut harness, first);
    // Read where the nodes are once the inspector shows the selection beside the canvas.
    let (shop, legacy, web) = (
        node(&harness, "shop"),
        node(&harness, "legacy"),
        node(&harness, "web"),
    );
    click_with(&mut harness, legacy, Modifiers::SHIFT);
    assert_eq!(selected_ids(&harness), ["shop", "legacy"]);
    click_with(&mut harness, web, Modifiers::COMMAND);
    assert_eq!(selected_ids(&harness), ["shop", "legacy", "web"]);
    click_with(&mut harness, shop, Modifiers::SHIFT);
    assert_eq!(
        selected_ids(&harness),
        ["legacy", "web"],
        "a second click takes it out"
    );

    // A band round the shop front and the web team, from empty canvas.
    let (left, right) = (shop.x.min(web.x) - 200.0, shop.x.max(web.x) + 60.0);
    let (top, bottom) = (shop.y.min(web.y) - 90.0, shop.y.max(web.y) + 40.0);
    let from = egui::pos2(left, top);
    harness.hover_at(from);
    harness.run_steps(2);
    harness.drag_at(from);
    harness.run_steps(1);
    for step in 1..=10 {
        let t = step as f32 / 10.0;
        harness.hover_at(egui::pos2(
            left + (right - left) * t,
            top + (bottom - top) * t,
        ));
        harness.run_steps(1);
    }
    harness.drop_at(egui::pos2(right, bottom));
    harness.run_steps(4);
    let mut band = selected_ids(&harness);
    band.sort();
    let legacy_inside = legacy.x > left && legacy.x < right && legacy.y > top && legacy.y < bottom;
    let mut expected = vec!["shop", "web"];
    if legacy_inside {
        expected.push("legacy");
    }
    expected.sort();
    assert_eq!(band, expected);
    let layout = &document(&harness).model().layout;
    assert!(
        document(&harness).history().undo_label().is_none(),
        "nothing moved: {layout:?}"
    );
}

#[test]
fn a_double_click_or_f2_renames_a_node_in_place_and_its_id_follows() {
    // Frames 1/60 s apart, so that two clicks a few frames apart make a double click.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut OpmodelApp| app.show(ui), support::app());
    harness.run_steps(8);
    press(&mut harness, Modifiers::NONE, Key::T);
    // Enter keeps the name the new team started with.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    let team = node(&harness, "new-team");
    // Two clicks a few frames apart make a double click.
    support::click_at(&mut harness, team);
    support::click_at(&mut harness, team);
    harness.run_steps(2);
    // The whole name is selected: typing replaces it.
    harness.event(Event::Text("Checkout".into()));
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    let model = document(&harness).model();
    assert_eq!(model.team("checkout").unwrap().name, "Checkout");
    assert_eq!(selected_ids(&harness), ["checkout"]);
    assert_eq!(undo_label(&harness).as_deref(), Some("Rename New team"));

    // F2, then Esc: nothing changes.
    press(&mut harness, Modifiers::NONE, Key::F2);
    harness.event(Event::Text("Payments".into()));
    harness.run_steps(1);
    harness.key_press(Key::Escape);
    harness.run_steps(4);
    assert_eq!(
        document(&harness).model().team("checkout").unwrap().name,
        "Checkout"
    );
    assert_eq!(
        selected_ids(&harness),
        ["checkout"],
        "Esc left the field, and only that"
    );
}

#[test]
fn tab_and_shift_tab_move_through_the_inspectors_fields_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &shop());
    harness
        .state()
        .select(Some(Selection::Entity("shop".into())));
    harness.run_steps(3);
    let focused = |harness: &Harness<'_, OpmodelApp>, label: &str| {
        harness.query_all_by_label(label).any(|n| n.is_focused())
    };
    harness.get_by_label("Id").focus();
    harness.run_steps(2);
    let order = [
        "Name",
        "Kind",
        "Owner",
        "Exposure / hour (GBP)",
        "Peak exposure / hour (GBP)",
        "Availability (%)",
        "Feature demand",
        "Callouts / year",
        "Operating model",
        "Out of hours",
        "Lifecycle",
        "Compliance scope",
        "Add a dependency",
    ];
    // Every field of the service form, from the id to a new dependency.
    for label in order {
        harness.key_press(Key::Tab);
        harness.run_steps(2);
        assert!(focused(&harness, label), "Tab reaches {label}");
    }
    // Shift+Tab goes back the same way, field by field, to the exposure.
    for label in order
        .iter()
        .rev()
        .skip(1)
        .take_while(|l| **l != "Peak exposure / hour (GBP)")
    {
        harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
        harness.run_steps(2);
        assert!(focused(&harness, label), "Shift+Tab goes back to {label}");
    }
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run_steps(2);
    assert!(focused(&harness, "Exposure / hour (GBP)"));
    // Typed straight in, with Tab: the exposure, then on to the peak exposure.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Exposure / hour (GBP)")
        .type_text("50,000");
    harness.key_press(Key::Tab);
    harness.run_steps(3);
    let shop = document(&harness).model().service("shop").unwrap().clone();
    assert_eq!(shop.exposure_per_hour, Some(50_000.0));
    assert!(focused(&harness, "Peak exposure / hour (GBP)"));
}

#[test]
fn a_model_nearby_opens_on_one_click() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "first.ron", &shop());
    write(dir.path(), "second.ron", &shop_named("Second shop", 3));
    let app = OpmodelApp::new(RecentFiles::from_paths(vec![first]), Picker::BuiltIn);
    let mut harness = harness(app);
    press(&mut harness, Modifiers::COMMAND, Key::O);
    let second = dir.path().join("second.ron").display().to_string();
    harness.get_by_label(&second).click();
    harness.run_steps(3);
    support::finish_file_jobs(&mut harness);
    assert_eq!(document(&harness).model().name, "Second shop");
}

#[test]
fn a_new_node_is_named_as_it_is_added_a_click_elsewhere_keeps_the_name_and_esc_does_not() {
    let mut harness = harness(support::app());
    press(&mut harness, Modifiers::NONE, Key::T);
    assert_eq!(
        harness.state().workspace.active_view().unwrap().renaming(),
        Some("new-team"),
        "the new team's name is ready to be typed over"
    );
    harness.event(Event::Text("Checkout".into()));
    harness.run_steps(2);
    // A click in the inspector keeps what was typed, and the id follows it.
    harness.get_by_label("Members").click();
    harness.run_steps(4);
    let model = document(&harness).model();
    assert_eq!(model.team("checkout").unwrap().name, "Checkout");
    assert_eq!(
        harness.state().workspace.active_view().unwrap().renaming(),
        None
    );

    // A copy of one thing is named straight away too; Esc leaves the copy's name as it is.
    press(&mut harness, Modifiers::COMMAND, Key::D);
    assert_eq!(
        harness.state().workspace.active_view().unwrap().renaming(),
        Some("checkout-2")
    );
    harness.event(Event::Text("Payments".into()));
    harness.run_steps(1);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    let model = document(&harness).model();
    assert_eq!(model.team("checkout-2").unwrap().name, "Checkout 2");
    assert_eq!(selected_ids(&harness), ["checkout-2"], "Esc did only that");
}

#[test]
fn esc_does_one_thing_at_a_time_a_popup_then_a_field_then_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &shop());
    harness
        .state()
        .select(Some(Selection::Entity("shop".into())));
    harness.run_steps(3);
    // A list open over the form: Esc closes it, and only it.
    harness.get_by_label("Feature demand").click();
    harness.run_steps(3);
    assert!(egui::Popup::is_any_open(&harness.ctx));
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!egui::Popup::is_any_open(&harness.ctx));
    assert_eq!(selected_ids(&harness), ["shop"]);
    // A text field with the keyboard: Esc leaves it, and only that.
    harness.get_by_label("Name").focus();
    harness.run_steps(2);
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.ctx.memory(|m| m.focused().is_none()));
    assert_eq!(selected_ids(&harness), ["shop"]);
    // Then the selection.
    press(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(selected_ids(&harness).is_empty());
}
