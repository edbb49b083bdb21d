//! The editor's lifecycle and compliance editing, cost drivers and one-click fixes, driven
//! through the real UI with egui_kittest.

use std::path::Path;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Selection};
use opmodel::model::{Demand, Lifecycle, ServiceKind};

mod support;
use support::{document, model_text, open, shop_model};

/// The shared shop, with Legacy reports a digital service just as exposed as the shop front.
/// Default settings: GBP, 52 weeks, 1 person per shift, product standby 500 a week,
/// callouts of 2 h at 60 an hour. Both services: exposure 500,000 → 99.9 %, very high demand
/// → You Build It You Run It at team level, so both need out-of-hours cover.
/// - Shop front is covered by the web rota: standby 500 × 52 = 26,000, callouts 4 × 2 × 60
///   = 480, so 26,480 a year, and shop's cover cost is all of it.
/// - Legacy reports has no owner: an orphan, uncovered. On-call coverage 1 of 2 = 50 %,
///   ownership 1 of 2 = 50 %.
fn with_shop(dir: &Path) -> Harness<'static, OpmodelApp> {
    let mut model = shop_model();
    let legacy = &mut model.services[1];
    legacy.kind = ServiceKind::Digital;
    legacy.exposure_per_hour = Some(500_000.0);
    legacy.demand = Demand::VeryHigh;
    legacy.callouts_per_year = 4.0;
    open(dir, &model_text(&model))
}

fn select(harness: &mut Harness<'_, OpmodelApp>, id: &str) {
    harness.state().select(Some(Selection::Entity(id.into())));
    harness.run_steps(3);
}

fn type_tag(harness: &mut Harness<'_, OpmodelApp>, tag: &str) {
    harness.get_by_label("Compliance scope").focus();
    harness.run_steps(1);
    harness.get_by_label("Compliance scope").type_text(tag);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

#[test]
fn the_figures_show_cost_drivers_and_weeks_on_call() {
    let dir = tempfile::tempdir().unwrap();
    let harness = with_shop(dir.path());
    let shop = document(&harness).analysis().service("shop").unwrap();
    assert_eq!(shop.cover_cost, 26_480.0);
    // Cost drivers: shop front carries the whole bill, 26,480 of 26,480.
    harness.get_by_label("100.0 %");
    // The web rota: 52 × 1 ÷ 6 = 8.67 weeks on call per person a year.
    harness.get_by_label("8.7");
}

#[test]
fn clicking_a_cost_driver_selects_the_service() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness.get_by_label("Shop front").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection().cloned(),
        Some(Selection::Entity("shop".into()))
    );
    assert_eq!(
        harness.get_by_label("Id").value().as_deref(),
        Some("shop"),
        "the inspector shows the service"
    );
}

#[test]
fn lifecycle_edited_in_the_inspector_changes_the_cost() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    select(&mut harness, "shop");
    harness.get_by_label("Lifecycle").click();
    harness.run_steps(2);
    harness.get_by_label("Inception").click();
    harness.run_steps(4);
    let doc = document(&harness);
    assert_eq!(
        doc.model().service("shop").unwrap().lifecycle,
        Lifecycle::Inception
    );
    // An inception service needs no cover, so the web rota goes: nothing is left to pay.
    assert_eq!(doc.analysis().totals.annual_cost, 0.0);
    harness.get_by_label("GBP 0");
    harness.get_by_label_contains("Inception: not live yet");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert_eq!(document(&harness).analysis().totals.annual_cost, 26_480.0);
}

#[test]
fn compliance_tags_are_added_refused_and_removed_in_the_inspector() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    select(&mut harness, "shop");
    type_tag(&mut harness, "PCI-DSS");
    let doc = document(&harness);
    assert_eq!(doc.model().service("shop").unwrap().compliance, ["PCI-DSS"]);
    assert_eq!(doc.analysis().compliance.len(), 1);
    // Shop front needs cover and the web rota covers it.
    harness.get_by_label_contains("PCI-DSS — 1 service, 1 of 1 needing cover covered");

    type_tag(&mut harness, " SOX");
    harness.get_by_label_contains("with spaces around it");
    type_tag(&mut harness, "");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Compliance scope")
        .type_text("PCI-DSS");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    harness.get_by_label_contains("twice");
    assert_eq!(
        document(&harness)
            .model()
            .service("shop")
            .unwrap()
            .compliance,
        ["PCI-DSS"],
        "refused tags leave the service as it was"
    );

    // The tag is offered to another service, and added with one click.
    select(&mut harness, "legacy");
    harness.get_by_label("+ PCI-DSS").click();
    harness.run_steps(3);
    assert_eq!(
        document(&harness)
            .model()
            .service("legacy")
            .unwrap()
            .compliance,
        ["PCI-DSS"]
    );
    // Legacy reports needs cover but has no owner, so is not covered.
    harness.get_by_label_contains("PCI-DSS — 2 services, 1 of 2 needing cover covered");

    harness.get_by_label("PCI-DSS  🗙").click();
    harness.run_steps(3);
    assert!(
        document(&harness)
            .model()
            .service("legacy")
            .unwrap()
            .compliance
            .is_empty()
    );
}

/// Opens the fixes of the finding whose message contains `message`, in the figures panel.
fn open_fixes(harness: &mut Harness<'_, OpmodelApp>, message: &str) {
    let row = harness.get_by_label_contains(message).rect();
    let toggle = harness
        .get_all_by_label("Fixes")
        .find(|t| (t.rect().top() - row.top()).abs() < 6.0)
        .expect("the finding offers fixes");
    toggle.click();
    harness.run_steps(3);
}

#[test]
fn a_fix_does_what_its_preview_said_and_one_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    open_fixes(&mut harness, "has no owning team");
    // Giving legacy to the web team puts it on the web rota: standby stays 26,000, callouts
    // become (4 + 4) × 2 × 60 = 960, so the cost rises by 480 to 26,960; on-call coverage
    // and ownership both go from 1 of 2 to 2 of 2, +50 points.
    harness.get_by_label("cost +480 GBP a year");
    harness.get_by_label("on-call +50.0 pts");
    harness.get_by_label("owned +50.0 pts");
    harness.get_by_label_contains("● resolves it");
    harness
        .get_by_label("Give Legacy reports (legacy) to Web team (web)")
        .click();
    harness.run_steps(4);
    let doc = document(&harness);
    assert_eq!(
        doc.model().service("legacy").unwrap().owner.as_deref(),
        Some("web")
    );
    assert_eq!(doc.analysis().totals.annual_cost, 26_960.0);
    assert_eq!(doc.analysis().coverage.on_call, 1.0);
    assert_eq!(doc.analysis().coverage.ownership, 1.0);
    harness.get_by_label("GBP 26,960");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let doc = document(&harness);
    assert_eq!(doc.model().service("legacy").unwrap().owner, None);
    assert_eq!(doc.analysis().totals.annual_cost, 26_480.0);
    assert_eq!(doc.analysis().coverage.on_call, 0.5);
}

/// Hands the inspector's "Fixes" toggle of the orphan finding to `act`. The finding is listed
/// twice: in the inspector on the left and in the figures on the right.
fn with_inspector_toggle(
    harness: &Harness<'_, OpmodelApp>,
    act: impl FnOnce(&egui_kittest::Node<'_>),
) {
    let row = harness
        .get_all_by_label_contains("has no owning team")
        .map(|n| n.rect())
        .min_by(|a, b| a.left().total_cmp(&b.left()))
        .expect("the inspector lists the finding");
    let toggle = harness
        .get_all_by_label("Fixes")
        .find(|t| (t.rect().top() - row.top()).abs() < 6.0 && t.rect().left() < row.left())
        .expect("the inspector offers its fixes");
    act(&toggle);
}

#[test]
fn the_why_panel_offers_the_same_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    select(&mut harness, "legacy");
    with_inspector_toggle(&harness, |toggle| toggle.scroll_to_me());
    harness.run_steps(3);
    with_inspector_toggle(&harness, |toggle| toggle.click());
    harness.run_steps(3);
    let fix = harness.get_by_label("Give Legacy reports (legacy) to Web team (web)");
    fix.scroll_to_me();
    harness.run_steps(3);
    harness
        .get_by_label("Give Legacy reports (legacy) to Web team (web)")
        .click();
    harness.run_steps(4);
    assert_eq!(
        document(&harness)
            .model()
            .service("legacy")
            .unwrap()
            .owner
            .as_deref(),
        Some("web")
    );
}
