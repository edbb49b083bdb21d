//! Peak exposure in the editor (SPEC 8.2) through the real UI with egui_kittest: the peak
//! season's weeks typed in the settings window (bounded by the year), a service's peak
//! exposure typed in the inspector, the figures panel's peak season (what it adds, the year
//! without it, the rota that exists only in the peak), the "why" row that says what changes
//! for the service in the peak, and undo.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Selection};

mod support;
use support::{document, open};

/// The shop front (exposure 500,000 → 99.9 %, on the web team's rota, 26,480 a year: standby
/// 500 × 52 + callout 4 × 2 h × 60), and sales reports run by a reports team of 4 with no
/// domain: exposure 5,000 → 95 %, You Build It You Run It, so no cover and no rota.
const SHOP: &str = r#"(
    name: "Shop",
    settings: (exposure_bands: [
        (max_exposure_per_hour: 10000.0, availability: 95.0),
        (max_exposure_per_hour: 100000.0, availability: 99.0),
        (max_exposure_per_hour: 1000000.0, availability: 99.9),
    ]),
    teams: [
        (id: "web", name: "Web team", kind: Product, members: 6),
        (id: "reports", name: "Reports team", kind: Product, members: 4),
    ],
    services: [
        (id: "shop", name: "Shop front", kind: Digital, owner: Some("web"),
         exposure_per_hour: Some(500000.0), demand: VeryHigh, callouts_per_year: 4.0),
        (id: "sales", name: "Sales reports", kind: Digital, owner: Some("reports"),
         exposure_per_hour: Some(5000.0), demand: VeryHigh, callouts_per_year: 2.0,
         operating_model: Some(YouBuildItYouRunIt)),
    ],
)"#;

/// Types `text` into the settings field labelled `label`.
fn set_setting(harness: &mut Harness<'_, OpmodelApp>, label: &str, text: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(label).type_text(text);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
}

fn annual_cost(harness: &Harness<'_, OpmodelApp>) -> f64 {
    document(harness).analysis().totals.annual_cost
}

#[test]
fn a_peak_season_and_a_peak_exposure_typed_in_the_editor_price_the_peak() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), SHOP);
    assert_eq!(annual_cost(&harness), 26_480.0);
    // Four weeks of peak, in the settings window.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run_steps(3);
    set_setting(&mut harness, "Peak season", "4");
    assert_eq!(document(&harness).model().settings.peak_weeks, 4.0);
    assert!(
        document(&harness).analysis().peak.is_none(),
        "no service has a peak exposure yet"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run_steps(3);

    // Sales reports' peak exposure: 500,000 an hour.
    harness
        .state()
        .select(Some(Selection::Entity("sales".into())));
    harness.run_steps(3);
    // Typed straight into the empty "Peak exposure / hour" field.
    harness.get_by_label("Peak exposure / hour (GBP)").click();
    harness.run_steps(2);
    harness
        .get_by_label("Peak exposure / hour (GBP)")
        .type_text("500,000");
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    let sales = &document(&harness).model().services[1];
    assert_eq!(sales.peak_exposure_per_hour, Some(500_000.0));

    // In the peak the reports need 99.9 %: Team cover, so the reports team runs a rota of
    // its own, only in the peak. Over a whole year it would cost 500 × 52 + 2 × 2 h × 60 =
    // 26,240; for 4 weeks of 52, 26,240 × 4 / 52 = 2,018.46. The shop's rota costs 26,480
    // in both models: 26,480 × 48 / 52 + 26,480 × 4 / 52. The year: 28,498.46.
    let total = annual_cost(&harness);
    assert!((total - 28_498.461_538).abs() < 1e-3, "{total}");
    harness.get_by_label("GBP 28,498");
    harness.get_by_label("Peak season (4 weeks)");
    harness.get_by_label("Adds GBP 2,018 a year");
    harness.get_by_label("GBP 26,480 a year without a peak season");
    harness.get_by_label("1 rota only in the peak, each cost for its 4 weeks:");
    harness.get_by_label("Reports team");
    // The peak rota's cost, and what the sales reports' cover alone costs (the same: it is
    // the only service on that rota).
    assert_eq!(harness.query_all_by_label("2,018").count(), 2);
    // The why: what changes for the service in the peak.
    harness.get_by_label_contains(
        "4 weeks a year: 99.9 %, Team out of hours, Covered by Reports team (4 people, 1 week in 4)",
    );

    // One undo takes the peak exposure back, and the peak season with it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert_eq!(
        document(&harness).model().services[1].peak_exposure_per_hour,
        None
    );
    assert_eq!(annual_cost(&harness), 26_480.0);
    assert!(harness.query_by_label("Peak season (4 weeks)").is_none());
}

#[test]
fn the_peak_season_is_at_most_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), SHOP);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Comma);
    harness.run_steps(3);
    set_setting(&mut harness, "Peak season", "60");
    assert_eq!(document(&harness).model().settings.peak_weeks, 52.0);
    set_setting(&mut harness, "Peak season", "-3");
    assert_eq!(document(&harness).model().settings.peak_weeks, 0.0);
}
