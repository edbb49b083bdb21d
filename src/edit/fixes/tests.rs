//! The fixes offered for each kind of finding on small models worked by hand: what each
//! changes, what it costs or saves, and that it resolves what it says it does.

use super::*;
use crate::analysis::analyze;
use crate::model::Lifecycle;

/// Default pay: product standby 26,000 a year and 120 a callout; operations 18,200 and 90.
/// team:web has 2 people (understaffed) and covers Checkout (1 callout): 26,120. The shop
/// domain rota has App's 4 people and covers Search: 26,000. Total 52,120. CRM has no
/// owner; Invoices (99 %, low demand: Ops Run It) is owned by the product team App, so it
/// is uncovered. Cover: 1 of 4 services needing it (Search); owners: 3 of 4.
fn shop() -> Model {
    crate::files::ron::parse(
        r#"(
name: "Shop",
domains: [(id: "shop", name: "Shop")],
teams: [
    (id: "web", name: "Web", kind: Product, members: 2, domain: Some("shop")),
    (id: "app", name: "App", kind: Product, members: 4, domain: Some("shop")),
    (id: "ops", name: "Ops", kind: Operations, members: 5),
],
services: [
    (id: "checkout", name: "Checkout", kind: Digital, owner: Some("web"), availability: Some(99.95), demand: High, callouts_per_year: 1.0),
    (id: "search", name: "Search", kind: Digital, owner: Some("app"), availability: Some(99.5), demand: High),
    (id: "crm", name: "CRM", kind: Cots, availability: Some(99.5), callouts_per_year: 2.0),
    (id: "invoices", name: "Invoices", kind: Digital, owner: Some("app"), availability: Some(99.0)),
],
)"#,
        std::path::Path::new("shop.ron"),
    )
    .unwrap()
}

fn fixes(model: &Model, code: FindingCode) -> Vec<Fix> {
    let analysis = analyze(model);
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code:?}"));
    fixes_for_finding(model, &analysis, finding)
}

/// `model` with `fix` applied, checked to undo in one step back to `model`.
fn applied(model: &Model, fix: &Fix) -> Model {
    let mut applied = model.clone();
    let undo = fix.edit.clone().apply(&mut applied).unwrap();
    let mut undone = applied.clone();
    undo.apply(&mut undone).unwrap();
    assert_eq!(&undone, model);
    applied
}

/// Makes `from` depend on `to`.
fn depend(model: &mut Model, from: &str, to: &str) {
    model.dependencies.push(crate::model::Dependency {
        from: from.into(),
        to: to.into(),
    });
}

fn labels(fixes: &[Fix]) -> Vec<&str> {
    fixes.iter().map(|f| f.label.as_str()).collect()
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

#[test]
fn every_finding_gets_the_fixes_it_gets_alone() {
    let mut shop = shop();
    shop.dependencies.push(crate::model::Dependency {
        from: "checkout".into(),
        to: "search".into(),
    });
    for model in [shop, crate::synthetic::generate(120, 30, 240, 3)] {
        let analysis = analyze(&model);
        let every = fixes_for_every_finding(&model, &analysis);
        let alone: Vec<(usize, Vec<Fix>)> = analysis
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| offers_fixes(f.code))
            .map(|(i, f)| (i, fixes_for_finding(&model, &analysis, f)))
            .filter(|(_, fixes)| !fixes.is_empty())
            .collect();
        assert!(!every.is_empty());
        assert_eq!(every, alone);
    }
}

#[test]
fn the_shop_starts_as_described() {
    let analysis = analyze(&shop());
    assert_eq!(analysis.totals.annual_cost, 52_120.0);
    assert_eq!(analysis.coverage.on_call, 0.25);
    assert_eq!(analysis.coverage.ownership, 0.75);
}

#[test]
fn an_understaffed_rota_gains_people_or_moves_to_the_domain_rota() {
    let model = shop();
    let fixes = fixes(&model, FindingCode::UnderstaffedRota);
    // Moving Checkout to the domain rota closes team:web: 26,000 + 120 on the domain rota
    // (pool 4 + 2), so −26,000, and Checkout is covered: 2 of 4, +0.25. Adding 1 person
    // costs nothing and also covers it; the cheaper fix comes first.
    assert_eq!(
        labels(&fixes),
        [
            "Move the services of Web (web) to their domain rota",
            "Add 1 person to Web (web)"
        ]
    );
    let (moved, added) = (fixes[0].effect, fixes[1].effect);
    assert!(close(moved.annual_cost, -26_000.0) && close(moved.on_call, 0.25));
    assert!(close(added.annual_cost, 0.0) && close(added.on_call, 0.25));
    assert!(moved.resolves && added.resolves);
    assert_eq!((moved.errors, added.errors), (-1, -1));

    // The fix applies as one undoable edit.
    assert_eq!(applied(&model, &fixes[1]).team("web").unwrap().members, 3);
}

#[test]
fn an_orphan_is_offered_to_the_non_operations_teams_owning_fewest_services() {
    let fixes = fixes(&shop(), FindingCode::OrphanService);
    // CRM depends on nothing and nothing on it, so it is offered to the non-operations
    // teams owning the fewest services: Web (1), then App (2). It is Ops Run It (99.5 %,
    // low demand), so with either it is owned (+0.25) but uncovered: no change in cost,
    // cover or errors (the orphan error becomes an uncovered one).
    assert_eq!(
        labels(&fixes),
        ["Give CRM (crm) to Web (web)", "Give CRM (crm) to App (app)"]
    );
    for fix in &fixes {
        let effect = fix.effect;
        assert!(effect.resolves);
        assert!(close(effect.ownership, 0.25) && close(effect.on_call, 0.0));
        assert!(close(effect.annual_cost, 0.0) && effect.errors == 0);
    }
}

#[test]
fn an_orphan_goes_first_to_the_teams_it_works_with_most() {
    let mut model = shop();
    for (from, to) in [("crm", "invoices"), ("search", "crm"), ("crm", "checkout")] {
        depend(&mut model, from, to);
    }
    // App owns two services linked to CRM, Web one; Ops none, so it is not offered.
    let analysis = analyze(&model);
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::OrphanService)
        .unwrap();
    let candidates: Vec<&str> = candidate_owners(&model, &finding.subject)
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(candidates, ["app", "web"]);
}

#[test]
fn an_orphan_in_a_model_without_teams_gets_a_product_team_of_its_own() {
    let mut model = shop();
    model.teams.clear();
    for service in &mut model.services {
        service.owner = None;
    }
    let fixes = fixes(&model, FindingCode::OrphanService);
    assert_eq!(
        labels(&fixes),
        ["Add a product team, Checkout team (checkout-team), to own Checkout (checkout)"]
    );
    let applied = applied(&model, &fixes[0]);
    let team = applied.team("checkout-team").unwrap();
    assert_eq!(team.kind, crate::model::TeamKind::Product);
    assert_eq!(
        applied.service("checkout").unwrap().owner.as_deref(),
        Some("checkout-team")
    );
    assert!(applied.layout.contains_key("checkout-team"));
}

#[test]
fn an_uncovered_ops_run_it_service_is_run_ybiyri_or_given_to_operations() {
    let fixes = fixes(&shop(), FindingCode::UncoveredService);
    // You Build It You Run It at 99 %: domain level, on the open shop rota, 0 callouts:
    // +0. To operations: a new operations rota, +18,200. Both cover it: +0.25. Running it
    // You Build It You Run It goes against the selector, so the fix says it overrides.
    assert_eq!(
        labels(&fixes),
        [
            "Override the recommendation (Ops Run It): run Invoices (invoices) You Build It You Run It",
            "Give Invoices (invoices) to the operations team Ops (ops)"
        ]
    );
    assert!(close(fixes[0].effect.annual_cost, 0.0));
    assert!(close(fixes[1].effect.annual_cost, 18_200.0));
    assert!(
        fixes
            .iter()
            .all(|f| f.effect.resolves && close(f.effect.on_call, 0.25))
    );
}

#[test]
fn a_digital_service_with_low_demand_can_say_it_changes_weekly() {
    let fixes = fixes(&shop(), FindingCode::DigitalLowDemand);
    // High demand: weekly deploys, so You Build It You Run It at 99 %: domain level, on the
    // shop rota that is already open with no callouts: +0, and Invoices is covered (+0.25,
    // one error fewer).
    assert_eq!(
        labels(&fixes),
        ["Set the demand of Invoices (invoices) to High: it changes weekly"]
    );
    let effect = fixes[0].effect;
    assert!(effect.resolves && close(effect.annual_cost, 0.0));
    assert!(close(effect.on_call, 0.25) && effect.errors == -1);
}

#[test]
fn a_digital_service_set_to_ops_run_it_against_its_recommendation_is_run_as_recommended() {
    let mut model = shop();
    model.services[1].operating_model = Some(OperatingModel::OpsRunIt);
    let fixes = fixes(&model, FindingCode::DigitalOpsRunIt);
    assert_eq!(
        labels(&fixes)[0],
        "Run Search (search) as recommended: You Build It You Run It"
    );
    assert!(fixes[0].effect.resolves);
}

#[test]
fn a_weaker_dependency_is_raised_or_its_dependent_lowered() {
    let mut model = shop();
    depend(&mut model, "checkout", "search");
    let fixes = fixes(&model, FindingCode::WeakerDependency);
    // Lowering Checkout to 99.5 %: domain level, team:web closes, Checkout joins the shop
    // rota (26,000 + 120): −26,000, and it is covered (+0.25). Raising Search to 99.95 %:
    // App opens a team rota and the shop rota closes: 26,120 + 26,000, no change.
    assert_eq!(
        labels(&fixes),
        [
            "Lower Checkout (checkout) to 99.5 %",
            "Raise Search (search) to 99.95 %"
        ]
    );
    assert!(close(fixes[0].effect.annual_cost, -26_000.0));
    assert!(close(fixes[1].effect.annual_cost, 0.0));
    assert!(fixes.iter().all(|f| f.effect.resolves));
}

#[test]
fn a_dependency_on_a_retiring_service_is_removed() {
    let mut model = shop();
    model.services[1].lifecycle = Lifecycle::Retiring;
    depend(&mut model, "invoices", "search");
    let fixes = fixes(&model, FindingCode::DependsOnRetiring);
    assert_eq!(
        labels(&fixes),
        ["Remove the dependency of Invoices (invoices) on Search (search)"]
    );
    assert!(fixes[0].effect.resolves && close(fixes[0].effect.annual_cost, 0.0));
}

#[test]
fn an_overloaded_team_hands_its_last_services_to_another_team() {
    let mut model = shop();
    model.settings.max_services_per_team = 1;
    let fixes = fixes(&model, FindingCode::TeamOverloaded);
    // App owns Search and Invoices, one over the limit: Invoices goes to Web, where it is
    // still uncovered (Ops Run It on a product team): no change in cost.
    assert_eq!(labels(&fixes), ["Give Invoices (invoices) to Web (web)"]);
    assert!(fixes[0].effect.resolves && close(fixes[0].effect.annual_cost, 0.0));
}

#[test]
fn a_service_gathers_the_fixes_of_its_findings_and_its_rota() {
    let model = shop();
    let analysis = analyze(&model);
    let codes = |id: &str| -> Vec<FindingCode> {
        fixes_for_service(&model, &analysis, id)
            .iter()
            .map(|(f, _)| f.code)
            .collect()
    };
    assert_eq!(codes("checkout"), [FindingCode::UnderstaffedRota]);
    assert_eq!(
        codes("invoices"),
        [FindingCode::UncoveredService, FindingCode::DigitalLowDemand]
    );
    assert!(codes("search").is_empty());
}
