//! What the editor says about a model never contradicts itself (SPEC 7.2–7.4), driven
//! through the real UI with egui_kittest: empty figures say why in the figures panel and
//! the presentation strip, the recommendation comes with its reason in the inspector and
//! the why card, and an orphan in a model without teams has a way out.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Selection};

mod support;
use support::{document, open};

/// Two digital services at 500,000 an hour (99.9 % through the bands) with a very high
/// demand (daily deploys): You Build It You Run It at team level, so both need out-of-hours
/// cover; `owner` is the team both belong to, if any. Default settings: GBP, 52 weeks, 1
/// person per shift, product standby 500 a week; no callouts.
fn estate(owner: Option<&str>) -> String {
    let (teams, owner) = match owner {
        Some(team) => (
            format!(r#"teams: [(id: "{team}", name: "Web team", kind: Product, members: 6)],"#),
            format!(r#"owner: Some("{team}"),"#),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        r#"(
    name: "Estate",
    settings: (exposure_bands: [
        (max_exposure_per_hour: 10000.0, availability: 95.0),
        (max_exposure_per_hour: 1000000.0, availability: 99.9),
    ]),
    {teams}
    services: [
        (id: "shop", name: "Shop front", kind: Digital, {owner}
         exposure_per_hour: Some(500000.0), demand: VeryHigh),
        (id: "basket", name: "Basket", kind: Digital, {owner}
         exposure_per_hour: Some(500000.0), demand: VeryHigh),
    ],
)"#
    )
}

fn select(harness: &mut Harness<'_, OpmodelApp>, id: &str) {
    harness.state().select(Some(Selection::Entity(id.into())));
    harness.run_steps(3);
}

/// What no figure may say while services need cover.
const NO_NEED: &str = "no service needs";

fn says_no_service_needs_cover(harness: &Harness<'_, OpmodelApp>) -> bool {
    harness
        .query_all_by_label_contains(NO_NEED)
        .next()
        .is_some()
}

#[test]
fn orphans_read_as_needing_cover_nobody_gives_never_as_needing_none() {
    let dir = tempfile::tempdir().unwrap();
    let harness = open(dir.path(), &estate(None));
    harness.get_by_label("GBP 0");
    harness.get_by_label("Nothing is covered out of hours yet: 2 services need cover");
    harness.get_by_label(
        "No rotas: 2 services need out-of-hours cover, but no team can give it yet (see the errors under Findings).",
    );
    harness.get_by_label("None: there is no bill yet.");
    assert!(!says_no_service_needs_cover(&harness));
}

#[test]
fn the_presentation_strip_says_nothing_is_covered_beside_its_zero() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &estate(None));
    harness.key_press(Key::F5);
    harness.run_steps(4);
    assert!(harness.state().is_presenting());
    harness.get_by_label("GBP 0");
    harness.get_by_label("Nothing is covered out of hours yet: 2 services need cover");
    assert!(!says_no_service_needs_cover(&harness));
}

#[test]
fn a_bill_from_one_shared_rota_lists_the_rota_in_place_of_cost_drivers() {
    let dir = tempfile::tempdir().unwrap();
    let harness = open(dir.path(), &estate(Some("web")));
    // One team rota of 6 covers both: 500 × 52 = 26,000, and without either service it
    // would still run, so neither service's cover adds anything on its own.
    assert_eq!(document(&harness).analysis().totals.annual_cost, 26_000.0);
    harness.get_by_label("GBP 26,000");
    harness.get_by_label_contains("Every rota is shared, so no one service's cover adds anything");
    harness.get_by_label("2 services");
    assert!(
        harness
            .query_by_label_contains("Nothing is covered")
            .is_none()
    );
}

/// The reason shared by both services: daily deploys put them with their team.
const REASON: &str = "You Build It You Run It — it deploys daily, and the team that builds a service deployed weekly or daily runs it, at any availability.";

#[test]
fn the_inspector_and_the_why_card_give_the_recommendation_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &estate(Some("web")));
    select(&mut harness, "shop");
    harness.get_by_label(REASON);
    harness.key_press(Key::F5);
    harness.run_steps(4);
    select(&mut harness, "shop");
    assert!(harness.state().is_presenting());
    harness.get_by_label(REASON);
}

#[test]
fn an_unknown_demand_is_shown_as_the_assumption_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let text = estate(Some("web"))
        .replacen("demand: VeryHigh", "demand: Unknown", 1)
        .replace("name: \"Estate\",", "version: 3, name: \"Estate\",");
    let mut harness = open(dir.path(), &text);
    select(&mut harness, "shop");
    harness.get_by_label("Weekly (assumed: its feature demand is unknown)");
    harness.get_by_label_contains(
        "Assumed until assessed: its deployment (weekly, as its demand is unknown).",
    );
}

#[test]
fn an_orphan_in_a_model_without_teams_is_offered_a_team_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), &estate(None));
    let row = harness
        .get_all_by_label_contains("Shop front (shop) has no owning team")
        .map(|n| n.rect())
        .max_by(|a, b| a.left().total_cmp(&b.left()))
        .expect("the figures panel lists the orphan");
    harness
        .get_all_by_label("Fixes")
        .find(|t| (t.rect().top() - row.top()).abs() < 6.0)
        .expect("the orphan offers fixes")
        .click();
    harness.run_steps(3);
    let fix = "Add a product team, Shop front team (shop-team), to own Shop front (shop)";
    harness.get_by_label(fix).click();
    harness.run_steps(4);
    let doc = document(&harness);
    assert_eq!(doc.model().teams.len(), 1);
    assert_eq!(
        doc.model().service("shop").unwrap().owner.as_deref(),
        Some("shop-team")
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    assert!(document(&harness).model().teams.is_empty(), "one undo step");
}
