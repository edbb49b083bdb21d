//! The Assess view (SPEC 7.6) driven through the editor's real UI with egui_kittest: the
//! table opens from the toolbar, counts what is assessed, sorts by a header, filters, takes
//! typed values like a spreadsheet (one undo step for a value set on several rows), refuses
//! with the loader's words, and the headline figures over it move with every edit. After an
//! import whose services are not assessed, the editor says so first and opens the view.

use std::path::Path;

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::OpmodelApp;
use opmodel::app::state::ViewMode;
use opmodel::model::Demand;

mod support;
use support::{app, document, finish_file_jobs, harness, open, write};

/// One product team of 6 (no domain) owns four services. Bands: up to 10,000 → 95 %, up to
/// 100,000 → 99 %, up to 1,000,000 → 99.9 %. Default settings: GBP, 52 weeks, 1 person per
/// shift, product standby 500 a week, callouts of 2 h at 60 an hour.
/// - Checkout: 500,000 an hour → 99.9 %, very high demand → You Build It You Run It at team
///   level, on the web rota. Assessed.
/// - Basket: as exposed, demand unknown (weekly deploys assumed) → the same. Not assessed.
/// - Reports: nothing set (95 % and weekly assumed) → out of hours off. Not assessed.
/// - Archive: COTS, 5,000 an hour → 95 %, low demand → Ops Run It, off. Assessed.
///
/// The web rota: standby 500 × 52 = 26,000; callouts (4 + 4) × 2 × 60 = 960; 26,960.
const ESTATE: &str = r#"(
    version: 3,
    name: "Estate",
    settings: (exposure_bands: [
        (max_exposure_per_hour: 10000.0, availability: 95.0),
        (max_exposure_per_hour: 100000.0, availability: 99.0),
        (max_exposure_per_hour: 1000000.0, availability: 99.9),
    ]),
    teams: [(id: "web", name: "Web team", kind: Product, members: 6)],
    services: [
        (id: "checkout", name: "Checkout", kind: Digital, owner: Some("web"),
         exposure_per_hour: Some(500000.0), demand: VeryHigh, callouts_per_year: 4.0),
        (id: "basket", name: "Basket", kind: Digital, owner: Some("web"),
         exposure_per_hour: Some(500000.0), demand: Unknown, callouts_per_year: 4.0),
        (id: "reports", name: "Reports", kind: Digital, owner: Some("web"),
         demand: Unknown, callouts_per_year: 2.0),
        (id: "archive", name: "Archive", kind: Cots, owner: Some("web"),
         exposure_per_hour: Some(5000.0), demand: Low, callouts_per_year: 1.0),
    ],
)"#;

/// The estate open in the Assess view, opened from the toolbar.
fn assessing(dir: &Path) -> Harness<'static, OpmodelApp> {
    let mut harness = open(dir, ESTATE);
    harness.get_by_label("▦ Assess").click();
    harness.run_steps(4);
    assert_eq!(mode(&harness), Some(ViewMode::Assess));
    harness
}

fn mode(harness: &Harness<'_, OpmodelApp>) -> Option<ViewMode> {
    harness.state().workspace.active_view().map(|v| v.mode())
}

fn service<'a>(harness: &'a Harness<'_, OpmodelApp>, id: &str) -> &'a opmodel::model::Service {
    document(harness)
        .model()
        .service(id)
        .expect("the service is in the model")
}

/// The services whose names the table shows, top to bottom.
fn row_order(harness: &Harness<'_, OpmodelApp>) -> Vec<&'static str> {
    let mut rows: Vec<(f32, &'static str)> = ["Checkout", "Basket", "Reports", "Archive"]
        .into_iter()
        .filter_map(|name| {
            harness
                .query_by_label(name)
                .map(|node| (node.rect().center().y, name))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, name)| name).collect()
}

/// Types `text` into the table, as a keyboard would.
fn type_text(harness: &mut Harness<'_, OpmodelApp>, text: &str) {
    harness.event(Event::Text(text.to_owned()));
    harness.run_steps(3);
}

fn press(harness: &mut Harness<'_, OpmodelApp>, key: Key) {
    harness.key_press(key);
    harness.run_steps(3);
}

#[test]
fn the_header_counts_what_is_assessed_and_shows_the_figures_over_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let harness = assessing(dir.path());
    // Basket's demand and Reports' demand and availability are assumed.
    harness.get_by_label("2 of 4 assessed");
    harness.get_by_label("GBP 26,960");
    // Reports' 95 % is the lowest band's, assumed; Archive's follows from its exposure.
    assert_eq!(harness.query_all_by_label("assumed").count(), 3);
    assert_eq!(harness.query_all_by_label("from exposure").count(), 3);
    assert_eq!(
        row_order(&harness),
        ["Checkout", "Basket", "Reports", "Archive"],
        "the model's order until a column is sorted"
    );
}

#[test]
fn a_header_click_sorts_by_its_column_and_again_reverses_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = assessing(dir.path());
    harness.get_by_label("Exposure, GBP/h").click();
    harness.run_steps(3);
    // Not set first, then 5,000, then the two at 500,000 in the model's order.
    assert_eq!(
        row_order(&harness),
        ["Reports", "Archive", "Checkout", "Basket"]
    );
    harness.get_by_label("Exposure, GBP/h ▲").click();
    harness.run_steps(3);
    assert_eq!(
        row_order(&harness),
        ["Checkout", "Basket", "Archive", "Reports"]
    );
    harness.get_by_label("Exposure, GBP/h ▼").click();
    harness.run_steps(3);
    assert_eq!(
        row_order(&harness),
        ["Checkout", "Basket", "Reports", "Archive"],
        "a third click restores the model's order"
    );
}

#[test]
fn not_assessed_only_and_the_text_filter_narrow_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = assessing(dir.path());
    harness.get_by_label("Not assessed only").click();
    harness.run_steps(3);
    assert_eq!(row_order(&harness), ["Basket", "Reports"]);
    harness.get_by_label("Showing 2 of 4 services");
    harness.get_by_label("Clear").click();
    harness.run_steps(3);
    assert_eq!(row_order(&harness).len(), 4);
    let filter = harness.get_by_label("Filter");
    filter.focus();
    filter.type_text("ARCH");
    harness.run_steps(3);
    assert_eq!(row_order(&harness), ["Archive"]);
}

#[test]
fn keys_typed_faster_than_a_frame_all_reach_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = assessing(dir.path());
    harness.get_by_label("not set").click();
    harness.run_steps(3);
    // Five keys in one frame, as a fast typist on a slow frame sends them: the first opens
    // the cell, and the four after it must not be lost.
    for key in ["5", "0", "0", "0", "0"] {
        harness.event(Event::Text(key.to_owned()));
    }
    harness.run_steps(3);
    press(&mut harness, Key::Tab);
    assert_eq!(
        service(&harness, "reports").exposure_per_hour,
        Some(50_000.0)
    );
}

#[test]
fn typing_an_exposure_and_a_demand_assesses_a_service_and_moves_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = assessing(dir.path());
    // Reports' exposure is the only one not set.
    harness.get_by_label("not set").click();
    harness.run_steps(3);
    type_text(&mut harness, "500,000");
    // Tab sets it and moves to the demand; typing "h" picks High, Enter sets it.
    press(&mut harness, Key::Tab);
    assert_eq!(
        service(&harness, "reports").exposure_per_hour,
        Some(500_000.0)
    );
    type_text(&mut harness, "h");
    press(&mut harness, Key::Enter);
    assert_eq!(service(&harness, "reports").demand, Demand::High);
    // 99.9 % and high demand: You Build It You Run It at team level, on the web rota, whose
    // callouts grow by 2 × 2 × 60 = 240: 26,960 + 240 = 27,200.
    harness.get_by_label("3 of 4 assessed");
    harness.get_by_label("GBP 27,200");
    let doc = document(&harness);
    assert_eq!(doc.analysis().totals.annual_cost, 27_200.0);
    assert_eq!(
        doc.history().undo_label(),
        Some("Set demand of Reports to High")
    );
}

#[test]
fn a_demand_set_on_two_selected_rows_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = assessing(dir.path());
    harness.get_by_label("Basket").click();
    harness.run_steps(3);
    harness
        .get_by_label("Reports")
        .click_modifiers(Modifiers::COMMAND);
    harness.run_steps(3);
    harness.get_by_label("2 rows selected: a value you set goes to all of them");
    // From the name to the demand: owner, kind, lifecycle, exposure, demand.
    for _ in 0..5 {
        press(&mut harness, Key::ArrowRight);
    }
    type_text(&mut harness, "me");
    press(&mut harness, Key::Enter);
    assert_eq!(service(&harness, "basket").demand, Demand::Medium);
    assert_eq!(service(&harness, "reports").demand, Demand::Medium);
    assert_eq!(
        document(&harness).history().undo_label(),
        Some("Set demand of 2 services to Medium")
    );
    // Basket is now assessed; Reports' availability is still assumed.
    harness.get_by_label("3 of 4 assessed");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(service(&harness, "basket").demand, Demand::Unknown);
    assert_eq!(service(&harness, "reports").demand, Demand::Unknown);
    harness.get_by_label("2 of 4 assessed");
}

#[test]
fn an_availability_the_loader_refuses_is_refused_with_its_words_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = assessing(dir.path());
    harness.get_by_label("Reports").click();
    harness.run_steps(3);
    // From the name to the availability: six columns to the right.
    for _ in 0..6 {
        press(&mut harness, Key::ArrowRight);
    }
    type_text(&mut harness, "150");
    press(&mut harness, Key::Enter);
    // Under the table, and in the status bar.
    let refused =
        "service `reports`: availability must be a percentage above 0 and at most 100, not 150";
    assert_eq!(harness.query_all_by_label(refused).count(), 2);
    assert_eq!(service(&harness, "reports").availability, None);
    assert_eq!(document(&harness).history().undo_label(), None);
}

/// A group `payments` of type team owning two services the catalog says nothing about.
const CATALOG: &str = "apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: payments}
spec: {type: team}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: checkout}
spec: {type: service, owner: payments, lifecycle: production}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: ledger}
spec: {type: service, owner: payments, lifecycle: production}
";

#[test]
fn an_import_first_says_how_many_services_are_not_assessed_and_opens_the_view_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = write(dir.path(), "catalog.yaml", CATALOG);
    let mut harness = harness(app());
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Import…").click();
    harness.run_steps(3);
    let field =
        harness.get_by_label("Path of a .yaml, .yml or .csv file, or of a folder of catalog files");
    field.focus();
    field.type_text(&catalog.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    finish_file_jobs(&mut harness);
    harness.get_by_label("2 of 2 services are not assessed yet");
    harness.get_by_label_contains("2 have no availability target or exposure");
    assert!(
        harness
            .query_by_label_contains("2 of 2 services are not assessed yet:")
            .is_none(),
        "the count is said once, in the heading"
    );
    assert_eq!(mode(&harness), Some(ViewMode::Canvas));
    harness.get_by_label("Assess them now").click();
    harness.run_steps(4);
    assert_eq!(mode(&harness), Some(ViewMode::Assess));
    harness.get_by_label("0 of 2 assessed");
    assert!(
        harness.query_by_label("Not assessed only").is_some(),
        "the filter bar is there"
    );
    let view = harness.state().workspace.active_view().unwrap();
    assert!(view.assess().filter().unassessed_only);
}

#[test]
fn escape_hands_the_keyboard_back_and_a_returns_to_the_canvas_with_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = assessing(dir.path());
    harness.get_by_label("Archive").click();
    harness.run_steps(3);
    // While the table has the keyboard, a letter goes into the cell, not to the shortcut.
    press(&mut harness, Key::A);
    assert_eq!(mode(&harness), Some(ViewMode::Assess));
    press(&mut harness, Key::Escape);
    press(&mut harness, Key::A);
    assert_eq!(mode(&harness), Some(ViewMode::Canvas));
    assert_eq!(
        harness.state().selection(),
        Some(&opmodel::app::Selection::Entity("archive".into()))
    );
}
