//! The comparison of 2 to 8 open models in the editor (SPEC 7.5, 8.1) through the real UI
//! with egui_kittest: comparing every open model, a column per model and a change column per
//! model after A with figures worked by hand, rotas by name with pool, 1 in N, weeks each and
//! cost, findings added and removed with their messages, making another model the baseline,
//! taking one out and adding it back, a what-if copy's original as A, asking again for a
//! comparison that is open, Compare with… a file that is already open, and tabs that scroll.

use std::path::Path;

use egui::accesskit::Role;
use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Picker, RecentFiles, UiCommand};

mod support;
use support::{harness, open_in_new_tab, shop_named, write};

/// The shop with its legacy reports owned by the web team: no orphan.
fn owned_shop(name: &str, members: u32) -> String {
    shop_named(name, members).replace(
        r#"(id: "legacy", name: "Legacy reports", kind: Cots,"#,
        r#"(id: "legacy", name: "Legacy reports", kind: Cots, owner: Some("web"),"#,
    )
}

/// Three shops open, the six-person one active: "Shop" (6 people), "Shop, small team" (2)
/// and "Shop, owned reports" (4, its legacy reports owned by the web team).
fn three_shops(dir: &Path) -> Harness<'static, OpmodelApp> {
    let shop = write(dir, "shop.ron", &shop_named("Shop", 6));
    let small = write(dir, "small.ron", &shop_named("Shop, small team", 2));
    let owned = write(dir, "owned.ron", &owned_shop("Shop, owned reports", 4));
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&shop);
    let mut harness = harness(app);
    harness.set_size(vec2(1500.0, 1000.0));
    open_in_new_tab(&mut harness, &small);
    open_in_new_tab(&mut harness, &owned);
    harness.get_by_label("Shop").click();
    harness.run_steps(3);
    harness
}

/// Compare with… (Ctrl+K) and the button reading `choice`.
fn compare_with(harness: &mut Harness<'_, OpmodelApp>, choice: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(3);
    // The comparison on screen may name the same model: the dialog's is the button.
    harness.get_by_role_and_label(Role::Button, choice).click();
    harness.run_steps(4);
    assert!(harness.state().is_comparing());
}

#[test]
fn every_open_model_side_by_side_with_a_change_column_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = three_shops(dir.path());
    compare_with(&mut harness, "All 3 models side by side");
    assert_eq!(
        harness.state().compared(),
        Some(vec!["Shop", "Shop, small team", "Shop, owned reports"])
    );
    harness.get_by_label("⚖ Shop vs 2 others");
    for header in ["B − A", "C − A"] {
        assert!(harness.query_all_by_label(header).count() >= 1, "{header}");
    }
    // The web team's rota costs 26,480 in each (standby 500 × 52 + callout 4 × 2 × 60).
    // Its pool is the team: 6, 2 and 4 people, one week in 6, 2 and 4, so 52 / 6 = 8.7,
    // 26 and 13 weeks each; the two-person rota is below the minimum of 3.
    harness.get_by_label("pool 6, 1 in 6, 8.7 weeks each, 26,480");
    harness.get_by_label("pool 2, 1 in 2, 26 weeks each, 26,480, unhealthy");
    harness.get_by_label("pool 4, 1 in 4, 13 weeks each, 26,480");
    // Each team's weeks on call: 26 − 8.7 = +17.3 and 13 − 8.7 = +4.3.
    harness.get_by_label("+17.3");
    harness.get_by_label("+4.3");
    // C owns its legacy reports: its orphan error is gone, with its message.
    harness.get_by_label_contains("Legacy reports (legacy) has no owning team");
    harness.get_by_label("orphan-service");
    // Errors: A 1, B 1, C 0; C − A is −1.
    harness.get_by_label("−1");
}

#[test]
fn any_model_can_be_the_baseline_taken_out_and_added_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = three_shops(dir.path());
    compare_with(&mut harness, "All 3 models side by side");
    // Make C the baseline: every change is now against the owned shop.
    let buttons: Vec<_> = harness.query_all_by_label("Make baseline").collect();
    assert_eq!(buttons.len(), 2, "B and C");
    buttons[1].click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().compared(),
        Some(vec!["Shop, owned reports", "Shop", "Shop, small team"])
    );
    // Against the four-person rota (13 weeks each): 8.7 − 13 = −4.3, 26 − 13 = +13.
    harness.get_by_label("−4.3");
    harness.get_by_label("+13");
    // Take the small shop out: two models are left, and Swap replaces Make baseline.
    harness
        .query_all_by_label("🗙")
        .max_by(|x, y| x.rect().top().total_cmp(&y.rect().top()))
        .expect("the last model's remove button")
        .click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().compared(),
        Some(vec!["Shop, owned reports", "Shop"])
    );
    harness.get_by_label("⚖ Shop, owned reports vs Shop");
    harness.get_by_label("⇄ Swap").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().compared(),
        Some(vec!["Shop", "Shop, owned reports"])
    );
    // Add the small shop back from the menu.
    harness.get_by_label("+ Add a model").click();
    harness.run_steps(2);
    harness.get_by_label("Shop, small team (small.ron)").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().compared(),
        Some(vec!["Shop", "Shop, owned reports", "Shop, small team"])
    );
}

#[test]
fn the_original_of_a_what_if_copy_is_a_and_a_second_request_shows_the_open_tab() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&write(dir.path(), "shop.ron", &shop_named("Shop", 6)));
    let mut harness = harness(app);
    harness.state_mut().run(UiCommand::DuplicateScenario);
    harness.run_steps(3);
    assert_eq!(harness.state().tab_count(), 3);
    // From the copy's tab, compare it with the original: the original is A, and since that
    // comparison is open already, it shows instead of a second one.
    compare_with(&mut harness, "Shop (shop.ron)");
    assert_eq!(harness.state().tab_count(), 3);
    assert_eq!(
        harness.state().compared(),
        Some(vec!["Shop", "Shop (what-if)"])
    );
    harness.get_by_label("That comparison is already open");
}

#[test]
fn compare_with_a_file_that_is_already_open_compares_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = three_shops(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(3);
    harness.get_by_label("Open a file…").click();
    harness.run_steps(3);
    let field = harness.get_by_label("Path of the .ron file");
    field.focus();
    field.type_text(&dir.path().join("small.ron").display().to_string());
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    assert_eq!(
        harness.state().compared(),
        Some(vec!["Shop", "Shop, small team"]),
        "compared, not only switched to"
    );
    assert_eq!(harness.state().tab_count(), 4, "no second copy of the file");
}

#[test]
fn tabs_that_do_not_fit_scroll_and_a_new_tab_is_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = three_shops(dir.path());
    harness.set_size(vec2(700.0, 700.0));
    harness.run_steps(2);
    compare_with(&mut harness, "All 3 models side by side");
    compare_with(&mut harness, "Shop, small team (small.ron)");
    assert_eq!(harness.state().tab_count(), 5);
    harness.run_steps(6);
    let tab = harness.get_by_label("⚖ Shop vs Shop, small team");
    let rect = tab.rect();
    assert!(
        rect.left() >= 0.0 && rect.right() <= 700.0,
        "the new tab is scrolled into view: {rect:?}"
    );
}
