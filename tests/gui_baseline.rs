//! The baseline is A (SPEC 7.5), through the editor's real UI with egui_kittest: a
//! comparison started from a what-if copy puts its original on the A side, so the copy's
//! changes read as B − A.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use opmodel::app::state::View;

mod support;
use support::{document, open, shop};

#[test]
fn compare_started_from_a_what_if_puts_its_original_as_a() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &shop());
    let original = document(&harness).id();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run_steps(4);
    let copy = document(&harness).id();
    assert_ne!(copy, original, "the what-if copy is the active tab");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(3);
    harness.get_by_label("Shop (shop.ron)").click();
    harness.run_steps(4);
    assert!(harness.state().is_comparing());
    let tabs = harness.state().workspace.tabs();
    let comparisons: Vec<_> = tabs
        .iter()
        .filter_map(|t| match t {
            View::Comparison { docs, .. } => Some(docs.clone()),
            View::Document(_) | View::Roadmap(_) => None,
        })
        .collect();
    // Asking again for the comparison the copy opened shows it rather than a second one.
    assert_eq!(
        comparisons,
        [vec![original, copy]],
        "the original is A, whichever tab the comparison was started from"
    );
}
