//! The roadmap tab (SPEC 8.3) through the real UI with egui_kittest, on the sample
//! samples/retail-roadmap: opening the roadmap file gives a tab with the cost of the year,
//! the phases on a time line with their days, the phases' figures and each phase's
//! handovers; a phase opens its model; opening the roadmap again shows the open tab; and a
//! roadmap whose phase model is missing opens nothing and says which file, phase and path.

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Picker, RecentFiles, UiCommand};

mod support;
use support::{click_at, harness, open_in_new_tab, write};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples/retail-roadmap/harbour-and-hart.roadmap.ron")
}

fn roadmap_tab(path: &Path) -> Harness<'static, OpmodelApp> {
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(path);
    let mut harness = harness(app);
    harness.set_size(vec2(1400.0, 1000.0));
    harness.run_steps(3);
    harness
}

#[test]
fn the_sample_roadmap_opens_as_a_tab_with_its_year_phases_and_handovers() {
    let harness = roadmap_tab(&sample());
    assert_eq!(
        harness.state().tab_count(),
        1,
        "the roadmap replaces the empty model"
    );
    harness.get_by_label("Harbour & Hart to product domains");
    // The phases last 91, 182 and 92 days of the 365 from 4 January 2027. The cost of the
    // year: 248,034 × 91 / 365 + 173,934 × 182 / 365 + 148,792 × 92 / 365
    // = 61,839.0 + 86,728.9 + 37,504.0 = 186,071.
    harness.get_by_label(
        "3 phases over the 365 days from 2027-01-04; the cost of the year is GBP 186,071.",
    );
    for (phase, days, cost) in [
        ("Today", "91", "61,839"),
        ("Domain rotas", "182", "86,729"),
        ("COTS to operations", "92", "37,504"),
    ] {
        assert!(harness.query_all_by_label(phase).count() >= 1, "{phase}");
        assert!(harness.query_all_by_label(days).count() >= 1, "{days}");
        harness.get_by_label(cost);
    }
    harness.get_by_label("186,071");
    // The COTS applications go to the retail systems support team, Ops Run It.
    harness.get_by_label("Handovers into COTS to operations: 3 services");
    harness.get_by_label("Stock & replenishment → Retail systems support (L2)");
    assert_eq!(
        harness
            .query_all_by_label("You Build It You Run It → Ops Run It")
            .count(),
        3
    );
    harness.get_by_label("Handovers into Domain rotas: 0 services");
}

#[test]
fn a_phase_opens_its_model_and_the_roadmap_opens_once() {
    let mut harness = roadmap_tab(&sample());
    harness
        .get_by_role_and_label(Role::Button, "Domain rotas")
        .click();
    harness.run_steps(3);
    harness.state_mut().finish_jobs();
    harness.run_steps(3);
    assert_eq!(harness.state().tab_count(), 2);
    let doc = harness
        .state()
        .active_document()
        .expect("the phase's model");
    assert_eq!(doc.model().name, "Harbour & Hart — domain rotas");
    // Opening the roadmap again shows its tab.
    open_in_new_tab(&mut harness, &sample());
    assert_eq!(harness.state().tab_count(), 2);
    assert!(
        harness.state().active_document().is_none(),
        "the roadmap tab"
    );
    // A click on the last phase's block of the time line, below the headline, opens its
    // model: the block starts at day 273 of 365, so 90 % of the way along is inside it.
    let headline = harness
        .get_by_label_contains("the cost of the year is")
        .rect();
    let at = egui::pos2(
        headline.left() + 0.9 * (1400.0 - 2.0 * headline.left()),
        headline.bottom() + 8.0 + 27.0,
    );
    click_at(&mut harness, at);
    harness.state_mut().finish_jobs();
    harness.run_steps(3);
    assert_eq!(harness.state().tab_count(), 3);
    let doc = harness
        .state()
        .active_document()
        .expect("the phase's model");
    assert_eq!(doc.model().name, "Harbour & Hart — COTS to operations");
}

#[test]
fn a_roadmap_with_a_missing_phase_model_opens_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let roadmap = write(
        dir.path(),
        "plan.roadmap.ron",
        r#"(name: "Plan", phases: [
    (name: "Today", start: "2027-01-04", model: "today.ron"),
])"#,
    );
    let harness = roadmap_tab(&roadmap);
    let message = harness
        .state()
        .error_message()
        .expect("an error")
        .to_owned();
    assert!(message.contains("plan.roadmap.ron:2:"), "{message}");
    assert!(message.contains("phase `Today`"), "{message}");
    assert!(
        message.contains("`today.ron` cannot be loaded"),
        "{message}"
    );
    assert!(
        harness.state().active_document().is_some(),
        "the empty model stays"
    );
}

#[test]
fn presentation_mode_shows_the_roadmap_larger_and_esc_leaves_it() {
    let mut harness = roadmap_tab(&sample());
    let before = harness
        .get_by_label("Harbour & Hart to product domains")
        .rect();
    harness.state_mut().run(UiCommand::Present);
    harness.run_steps(3);
    assert!(harness.state().is_presenting());
    let presented = harness
        .get_by_label("Harbour & Hart to product domains")
        .rect();
    assert!(
        presented.height() > before.height() * 1.2,
        "the heading reads larger: {before:?} → {presented:?}"
    );
    assert!(
        harness.query_by_label("File").is_none(),
        "no menus in presentation mode"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(!harness.state().is_presenting());
}

#[test]
fn a_new_roadmap_of_the_open_saved_models_is_written_and_opened() {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/retail-roadmap");
    let copy = |name: &str| {
        let to = dir.path().join(name);
        std::fs::copy(samples.join(name), &to).unwrap();
        to
    };
    let (today, domains, cots) = (
        copy("today.ron"),
        copy("domain-rotas.ron"),
        copy("cots-to-ops.ron"),
    );
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&today);
    let mut harness = harness(app);
    harness.set_size(vec2(1400.0, 1000.0));
    open_in_new_tab(&mut harness, &domains);
    open_in_new_tab(&mut harness, &cots);
    harness.state_mut().run(UiCommand::NewRoadmap);
    harness.run_steps(3);
    harness.get_by_label("Save the new roadmap as");
    // It offers roadmap.roadmap.ron beside the first saved model.
    let suggested = dir.path().join("roadmap.roadmap.ron");
    assert_eq!(
        harness
            .get_by_label("Path of the .roadmap.ron file")
            .value()
            .as_deref(),
        Some(suggested.display().to_string().as_str())
    );
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    // Written beside the models, which it names by file name, a phase each 17 weeks
    // (52 ÷ 3) apart from the Monday on or after today.
    let written = std::fs::read_to_string(&suggested).unwrap();
    assert!(written.contains("model: \"today.ron\""), "{written}");
    assert!(written.contains("model: \"domain-rotas.ron\""), "{written}");
    assert!(
        written.contains("(name: \"Harbour & Hart — COTS to operations\""),
        "{written}"
    );
    assert_eq!(
        harness.state().tab_count(),
        4,
        "the three models and the roadmap"
    );
    assert!(
        harness.state().active_document().is_none(),
        "the roadmap tab is active"
    );
    harness.get_by_label_contains("3 phases over the 365 days from");
    harness.get_by_label("Handovers into Harbour & Hart — COTS to operations: 3 services");
    // Never over a file that exists: the same suggestion again is refused.
    harness.state_mut().run(UiCommand::NewRoadmap);
    harness.run_steps(3);
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    let message = harness.state().error_message().expect("refused").to_owned();
    assert!(message.contains("already exists"), "{message}");
}
