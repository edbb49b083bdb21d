//! Every computation rule of SPEC section 2, on small models built in code. Expected figures
//! are worked out by hand from the rules (the arithmetic is in the comments).

use opmodel::analysis::{Analysis, Cover, FindingCode, Id, RotaKind, Severity, analyze};
use opmodel::model::{
    Demand, Dependency, Domain, ExposureBand, Model, OperatingModel, OutOfHours, Service,
    ServiceKind, Team, TeamKind,
};

/// Bands: up to 7,000 → 95 %, up to 250,000 → 99 %, up to 800,000 → 99.9 %.
fn model() -> Model {
    let mut model = Model::named("rules");
    model.settings.exposure_bands = vec![
        band(7_000.0, 95.0),
        band(250_000.0, 99.0),
        band(800_000.0, 99.9),
    ];
    model
}

fn band(max: f64, availability: f64) -> ExposureBand {
    ExposureBand {
        max_exposure_per_hour: max,
        availability,
    }
}

fn team(model: &mut Model, id: &str, kind: TeamKind, members: u32, domain: Option<&str>) {
    let mut team = Team::new(id, id, kind);
    team.members = members;
    team.domain = domain.map(str::to_owned);
    model.teams.push(team);
}

fn domain(model: &mut Model, id: &str) {
    model.domains.push(Domain {
        id: id.into(),
        name: id.into(),
    });
}

/// A service with an explicit availability and demand.
fn service(
    model: &mut Model,
    id: &str,
    owner: Option<&str>,
    availability: f64,
    demand: Demand,
) -> usize {
    let mut service = Service::new(id, id, ServiceKind::Digital);
    service.owner = owner.map(str::to_owned);
    service.availability = Some(availability);
    service.demand = demand;
    model.services.push(service);
    model.services.len() - 1
}

fn exposed(model: &mut Model, id: &str, exposure: Option<f64>) -> f64 {
    let mut service = Service::new(id, id, ServiceKind::Digital);
    service.exposure_per_hour = exposure;
    model.services.push(service);
    analyze(model).service(id).unwrap().availability
}

fn depend(model: &mut Model, from: &str, to: &str) {
    model.dependencies.push(Dependency {
        from: from.into(),
        to: to.into(),
    });
}

fn codes(analysis: &Analysis, code: FindingCode) -> Vec<&str> {
    analysis
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| &*f.subject)
        .collect()
}

fn ids(ids: &[Id]) -> Vec<&str> {
    ids.iter().map(|id| &**id).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn a_band_maximum_is_inclusive() {
    let mut m = model();
    assert_eq!(exposed(&mut m, "edge", Some(7_000.0)), 95.0);
    assert_eq!(exposed(&mut m, "over", Some(7_000.5)), 99.0);
    assert_eq!(exposed(&mut m, "zero", Some(0.0)), 95.0);
}

#[test]
fn exposure_above_every_band_takes_the_highest() {
    assert_eq!(exposed(&mut model(), "huge", Some(9_000_000.0)), 99.9);
}

#[test]
fn no_exposure_takes_the_lowest_band_and_is_not_assessed() {
    let mut m = model();
    assert_eq!(exposed(&mut m, "blank", None), 95.0);
    let analysis = analyze(&m);
    // SPEC 7.1: one model-wide finding replaces the per-service no-availability-target.
    assert_eq!(codes(&analysis, FindingCode::NotAssessed), [""]);
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::NotAssessed)
        .unwrap();
    assert_eq!(finding.severity, Severity::Info);
    assert!(analysis.service("blank").unwrap().assumed.availability);
}

#[test]
fn without_bands_every_service_gets_99() {
    let mut m = Model::named("no bands");
    assert_eq!(exposed(&mut m, "a", Some(1e9)), 99.0);
    assert_eq!(exposed(&mut m, "b", None), 99.0);
    let analysis = analyze(&m);
    // An exposure without bands sets nothing, so both availabilities are assumed.
    assert!(analysis.services.iter().all(|s| s.assumed.availability));
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::NotAssessed)
        .expect("services with neither target nor exposure are still pointed out");
    assert!(
        finding
            .message
            .to_string()
            .starts_with("2 of 2 services are not assessed yet"),
        "{}",
        finding.message
    );
}

#[test]
fn bands_count_in_ascending_order_whatever_their_file_order() {
    let mut m = model();
    m.settings.exposure_bands.reverse();
    assert_eq!(exposed(&mut m, "mid", Some(100_000.0)), 99.0);
}

#[test]
fn an_explicit_availability_wins_over_exposure() {
    let mut m = model();
    let s = service(&mut m, "s", None, 99.95, Demand::Low);
    m.services[s].exposure_per_hour = Some(1.0);
    assert_eq!(analyze(&m).services[0].availability, 99.95);
}

#[test]
fn tolerable_downtime_is_the_unavailable_share_of_a_week() {
    let mut m = model();
    service(&mut m, "s", None, 99.9, Demand::Low);
    // (1 − 0.999) × 168 h × 3600 s = 604.8 s (10 min 4.8 s).
    assert!(close(
        analyze(&m).services[0].tolerable_downtime_per_week_s,
        604.8
    ));
}

#[test]
fn deployment_follows_demand() {
    use opmodel::analysis::Deployment;
    let mut m = model();
    for (id, demand) in [
        ("l", Demand::Low),
        ("m", Demand::Medium),
        ("h", Demand::High),
        ("v", Demand::VeryHigh),
    ] {
        service(&mut m, id, None, 95.0, demand);
    }
    let deployments: Vec<Deployment> = analyze(&m).services.iter().map(|s| s.deployment).collect();
    assert_eq!(
        deployments,
        [
            Deployment::Monthly,
            Deployment::Fortnightly,
            Deployment::Weekly,
            Deployment::Daily
        ]
    );
}

#[test]
fn the_selector_runs_infrequent_services_up_to_999_as_ops_run_it() {
    let mut m = model();
    service(&mut m, "monthly-999", None, 99.9, Demand::Low);
    service(&mut m, "monthly-9995", None, 99.95, Demand::Low);
    service(&mut m, "fortnightly-99", None, 99.0, Demand::Medium);
    service(&mut m, "weekly-95", None, 95.0, Demand::High);
    let models: Vec<OperatingModel> = analyze(&m)
        .services
        .iter()
        .map(|s| s.recommended_operating_model)
        .collect();
    use OperatingModel::*;
    assert_eq!(
        models,
        [OpsRunIt, YouBuildItYouRunIt, OpsRunIt, YouBuildItYouRunIt]
    );
}

#[test]
fn out_of_hours_levels_follow_availability() {
    let mut m = model();
    for (id, availability) in [("a", 98.99), ("b", 99.0), ("c", 99.89), ("d", 99.9)] {
        service(&mut m, id, None, availability, Demand::High);
    }
    for (id, availability) in [("ops-low", 98.99), ("ops-high", 99.0)] {
        service(&mut m, id, None, availability, Demand::Low);
    }
    let levels: Vec<OutOfHours> = analyze(&m)
        .services
        .iter()
        .map(|s| s.out_of_hours)
        .collect();
    use OutOfHours::*;
    assert_eq!(levels, [Off, Domain, Domain, Team, Off, Team]);
}

#[test]
fn overrides_replace_the_recommendation_and_are_pointed_out_when_they_differ() {
    let mut m = model();
    team(&mut m, "t", TeamKind::Product, 5, None);
    let s = service(&mut m, "s", Some("t"), 99.9, Demand::Low);
    m.services[s].operating_model = Some(OperatingModel::YouBuildItYouRunIt);
    m.services[s].out_of_hours = Some(OutOfHours::Off);
    let same = service(&mut m, "same", Some("t"), 95.0, Demand::High);
    m.services[same].operating_model = Some(OperatingModel::YouBuildItYouRunIt);
    let analysis = analyze(&m);
    let figures = analysis.service("s").unwrap();
    assert_eq!(
        figures.recommended_operating_model,
        OperatingModel::OpsRunIt
    );
    assert_eq!(figures.operating_model, OperatingModel::YouBuildItYouRunIt);
    assert_eq!(figures.out_of_hours, OutOfHours::Off);
    assert_eq!(figures.cover, Cover::NotRequired);
    assert_eq!(
        codes(&analysis, FindingCode::OverrideDiffers),
        ["s"],
        "an override equal to the recommendation is fine"
    );
}

#[test]
fn an_orphan_is_uncovered_and_only_an_orphan() {
    let mut m = model();
    service(&mut m, "orphan", None, 95.0, Demand::High);
    let analysis = analyze(&m);
    let orphan = analysis.service("orphan").unwrap();
    assert_eq!(
        (
            orphan.cover,
            orphan.rota.as_deref(),
            orphan.owner.as_deref()
        ),
        (Cover::Uncovered, None, None)
    );
    assert_eq!(codes(&analysis, FindingCode::OrphanService), ["orphan"]);
    assert!(codes(&analysis, FindingCode::UncoveredService).is_empty());
    assert_eq!(analysis.coverage.ownership, 0.0);
    assert_eq!(
        analysis.coverage.on_call, 0.0,
        "an orphan counts as needing cover, even at Off"
    );
}

#[test]
fn off_needs_no_cover() {
    let mut m = model();
    team(&mut m, "t", TeamKind::Product, 5, None);
    service(&mut m, "s", Some("t"), 95.0, Demand::High);
    let analysis = analyze(&m);
    assert_eq!(analysis.services[0].cover, Cover::NotRequired);
    assert!(analysis.rotas.is_empty());
    assert_eq!(analysis.coverage.on_call, 1.0, "nothing needs cover");
}

#[test]
fn operations_rotas_never_cover_you_build_it_you_run_it() {
    let mut m = model();
    team(&mut m, "ops", TeamKind::Operations, 9, None);
    service(&mut m, "s", Some("ops"), 99.9, Demand::High);
    let analysis = analyze(&m);
    assert_eq!(analysis.services[0].cover, Cover::Uncovered);
    assert!(analysis.rotas.is_empty());
    let finding = &analysis.findings[0];
    assert_eq!(
        (finding.code, &*finding.subject),
        (FindingCode::UncoveredService, "s")
    );
    assert!(
        finding.message.to_string().contains("operations"),
        "{}",
        finding.message
    );
}

#[test]
fn a_domain_level_service_goes_to_its_owners_team_rota_when_there_is_one() {
    let mut m = model();
    domain(&mut m, "d");
    team(&mut m, "t", TeamKind::Product, 5, Some("d"));
    service(&mut m, "critical", Some("t"), 99.9, Demand::High);
    service(&mut m, "normal", Some("t"), 99.0, Demand::High);
    let analysis = analyze(&m);
    assert_eq!(analysis.rotas.len(), 1, "no domain rota is needed");
    assert_eq!(&*analysis.rotas[0].id, "team:t");
    assert_eq!(ids(&analysis.rotas[0].services), ["critical", "normal"]);
}

#[test]
fn a_domain_level_service_whose_owner_has_no_domain_is_uncovered() {
    let mut m = model();
    team(&mut m, "t", TeamKind::Product, 5, None);
    service(&mut m, "s", Some("t"), 99.0, Demand::High);
    let analysis = analyze(&m);
    assert_eq!(analysis.services[0].cover, Cover::Uncovered);
    assert_eq!(codes(&analysis, FindingCode::UncoveredService), ["s"]);
}

#[test]
fn ops_run_it_needs_an_operations_owner() {
    let mut m = model();
    team(&mut m, "product", TeamKind::Product, 5, None);
    team(&mut m, "ops", TeamKind::Operations, 4, None);
    service(&mut m, "wrong-owner", Some("product"), 99.0, Demand::Low);
    service(&mut m, "right-owner", Some("ops"), 99.5, Demand::Low);
    let analysis = analyze(&m);
    assert_eq!(
        analysis.service("wrong-owner").unwrap().cover,
        Cover::Uncovered
    );
    assert_eq!(
        analysis.service("right-owner").unwrap().rota.as_deref(),
        Some("ops:ops")
    );
    assert_eq!(
        codes(&analysis, FindingCode::UncoveredService),
        ["wrong-owner"]
    );
    // Both are recommended Ops Run It by their low demand, so neither is advised against it
    // (SPEC 7.2): each gets the digital-low-demand note instead.
    assert!(codes(&analysis, FindingCode::DigitalOpsRunIt).is_empty());
    assert_eq!(
        codes(&analysis, FindingCode::DigitalLowDemand),
        ["wrong-owner", "right-owner"]
    );
}

#[test]
fn the_domain_pool_counts_every_product_team_of_the_domain_without_a_team_rota() {
    let mut m = model();
    domain(&mut m, "d");
    team(&mut m, "runs-own", TeamKind::Product, 7, Some("d"));
    team(&mut m, "shares", TeamKind::Product, 4, Some("d"));
    team(&mut m, "owns-nothing", TeamKind::Platform, 3, Some("d"));
    team(&mut m, "ops", TeamKind::Operations, 9, Some("d"));
    team(&mut m, "elsewhere", TeamKind::Product, 8, None);
    service(&mut m, "critical", Some("runs-own"), 99.9, Demand::High);
    service(&mut m, "normal", Some("shares"), 99.0, Demand::High);
    let analysis = analyze(&m);
    let rota = analysis.rota("domain:d").expect("a domain rota");
    // shares 4 + owns-nothing 3; not the team with its own rota, the operations team or
    // the team outside the domain.
    assert_eq!(rota.pool, 7);
    assert_eq!(ids(&rota.services), ["normal"]);
    assert_eq!(rota.name, "d");
}

#[test]
fn people_per_shift_divide_the_pool_and_multiply_standby() {
    let mut m = model();
    m.settings.people_per_shift = 2;
    team(&mut m, "t", TeamKind::Product, 7, None);
    service(&mut m, "s", Some("t"), 99.9, Demand::High);
    let rota = &analyze(&m).rotas[0];
    assert_eq!(rota.frequency_weeks, 3, "floor(7 / 2)");
    assert_eq!(rota.standby_cost, 500.0 * 52.0 * 2.0);
}

#[test]
fn a_rota_below_the_minimum_size_is_understaffed() {
    let mut m = model();
    team(&mut m, "three", TeamKind::Product, 3, None);
    team(&mut m, "two", TeamKind::Product, 2, None);
    service(&mut m, "a", Some("three"), 99.9, Demand::High);
    service(&mut m, "b", Some("two"), 99.9, Demand::High);
    let analysis = analyze(&m);
    assert!(
        analysis.rota("team:three").unwrap().healthy,
        "a pool equal to the minimum is enough"
    );
    assert!(!analysis.rota("team:two").unwrap().healthy);
    assert_eq!(analysis.service("a").unwrap().cover, Cover::Covered);
    assert_eq!(analysis.service("b").unwrap().cover, Cover::Understaffed);
    assert_eq!(
        codes(&analysis, FindingCode::UnderstaffedRota),
        ["team:two"]
    );
    assert_eq!(analysis.coverage.on_call, 0.5);
}

#[test]
fn costs_split_into_line_items_that_add_up() {
    let mut m = model();
    m.settings.callout_hours = 1.5;
    domain(&mut m, "d");
    team(&mut m, "t", TeamKind::Product, 6, Some("d"));
    team(&mut m, "ops", TeamKind::Operations, 5, None);
    let a = service(&mut m, "a", Some("t"), 99.9, Demand::High);
    let b = service(&mut m, "b", Some("t"), 99.9, Demand::High);
    let c = service(&mut m, "c", Some("ops"), 99.0, Demand::Low);
    m.services[a].callouts_per_year = 4.0;
    m.services[b].callouts_per_year = 2.0;
    m.services[c].callouts_per_year = 10.0;
    let analysis = analyze(&m);
    // team:t: standby 500 × 52 = 26,000; callout (4 + 2) × 1.5 h × 60 = 540.
    let team_rota = analysis.rota("team:t").unwrap();
    assert_eq!(
        (
            team_rota.standby_cost,
            team_rota.callout_cost,
            team_rota.annual_cost
        ),
        (26_000.0, 540.0, 26_540.0)
    );
    // ops:ops: standby 350 × 52 = 18,200; callout 10 × 1.5 × 45 = 675.
    let ops_rota = analysis.rota("ops:ops").unwrap();
    assert_eq!(
        (ops_rota.standby_cost, ops_rota.callout_cost),
        (18_200.0, 675.0)
    );
    // Line items: half the team standby plus each service's own callout.
    assert_eq!(analysis.service("a").unwrap().annual_cost, 13_000.0 + 360.0);
    assert_eq!(analysis.service("b").unwrap().annual_cost, 13_000.0 + 180.0);
    assert_eq!(analysis.service("c").unwrap().annual_cost, 18_875.0);
    let sum: f64 = analysis.services.iter().map(|s| s.annual_cost).sum();
    assert!(close(sum, analysis.totals.annual_cost));
    assert_eq!(analysis.totals.annual_cost, 26_540.0 + 18_875.0);
    assert_eq!(analysis.totals.standby_cost, 44_200.0);
    assert_eq!(analysis.team("t").unwrap().annual_cost, 26_540.0);
    assert_eq!(analysis.team("t").unwrap().services, 2);
    assert_eq!(
        analysis.domain("d").unwrap().annual_cost,
        26_540.0,
        "the domain's teams' line items"
    );
}

#[test]
fn baselines_price_a_rota_per_product_team_and_one_operations_rota() {
    let mut m = model();
    m.settings.people_per_shift = 2;
    team(&mut m, "a", TeamKind::Product, 5, None);
    team(&mut m, "b", TeamKind::Platform, 5, None);
    team(&mut m, "idle", TeamKind::Product, 5, None);
    team(&mut m, "ops", TeamKind::Operations, 5, None);
    service(&mut m, "x", Some("a"), 95.0, Demand::High);
    service(&mut m, "y", Some("b"), 95.0, Demand::High);
    service(&mut m, "z", Some("ops"), 95.0, Demand::Low);
    let baselines = analyze(&m).baselines;
    // Two non-operations teams own services: 2 × 500 × 52 × 2; one ops rota: 350 × 52 × 2.
    assert_eq!(baselines.all_team_rotas, 104_000.0);
    assert_eq!(baselines.single_ops_rota, 36_400.0);
}

#[test]
fn an_empty_model_is_fully_covered_and_costs_nothing() {
    let analysis = analyze(&model());
    assert_eq!(
        (analysis.coverage.ownership, analysis.coverage.on_call),
        (1.0, 1.0)
    );
    assert_eq!(analysis.totals.annual_cost, 0.0);
    assert!(analysis.findings.is_empty());
}

#[test]
fn projected_loss_is_exposure_times_expected_downtime() {
    let mut m = model();
    m.settings.weeks_per_year = 50.0;
    let s = service(&mut m, "s", None, 99.0, Demand::High);
    m.services[s].exposure_per_hour = Some(1_000.0);
    service(&mut m, "no-exposure", None, 99.0, Demand::High);
    let analysis = analyze(&m);
    // 1,000 × 0.01 × 168 × 50 = 84,000.
    assert!(close(analysis.services[0].projected_annual_loss, 84_000.0));
    assert_eq!(analysis.services[1].projected_annual_loss, 0.0);
}

#[test]
fn the_ceiling_multiplies_every_service_reached_once() {
    let mut m = model();
    for (id, availability) in [
        ("top", 99.9),
        ("left", 99.0),
        ("right", 99.5),
        ("bottom", 95.0),
        ("alone", 99.0),
    ] {
        service(&mut m, id, None, availability, Demand::High);
    }
    // A diamond: top → left → bottom and top → right → bottom; bottom counts once.
    for (from, to) in [
        ("top", "left"),
        ("top", "right"),
        ("left", "bottom"),
        ("right", "bottom"),
    ] {
        depend(&mut m, from, to);
    }
    let analysis = analyze(&m);
    let ceiling = |id: &str| analysis.service(id).unwrap().availability_ceiling;
    assert!(
        close(ceiling("top"), 0.999 * 0.99 * 0.995 * 0.95 * 100.0),
        "{}",
        ceiling("top")
    );
    assert!(close(ceiling("left"), 0.99 * 0.95 * 100.0));
    assert!(close(ceiling("bottom"), 95.0));
    assert!(close(ceiling("alone"), 99.0));
}

#[test]
fn the_ceiling_counts_a_cycle_once() {
    let mut m = model();
    service(&mut m, "a", None, 99.0, Demand::High);
    service(&mut m, "b", None, 98.0, Demand::High);
    service(&mut m, "c", None, 99.5, Demand::High);
    depend(&mut m, "a", "b");
    depend(&mut m, "b", "a");
    depend(&mut m, "b", "c");
    depend(&mut m, "c", "c");
    let analysis = analyze(&m);
    for id in ["a", "b"] {
        assert!(close(
            analysis.service(id).unwrap().availability_ceiling,
            0.99 * 0.98 * 0.995 * 100.0
        ));
    }
    assert!(close(
        analysis.service("c").unwrap().availability_ceiling,
        99.5
    ));
}

#[test]
fn a_chain_of_100000_services_does_not_exhaust_the_stack() {
    let mut m = model();
    for i in 0..100_000 {
        service(&mut m, &format!("s{i}"), None, 99.9999, Demand::High);
    }
    for i in 1..100_000 {
        depend(&mut m, &format!("s{}", i - 1), &format!("s{i}"));
    }
    depend(&mut m, "s99999", "s0");
    let analysis = analyze(&m);
    // Closed into one cycle, every service reaches all 100,000, each counted once:
    // 0.999999^100000 × 100 = e^(100000 × ln 0.999999) × 100 ≈ 90.48 %.
    let expected = 0.999_999_f64.powf(100_000.0) * 100.0;
    for i in [0, 50_000, 99_999] {
        let ceiling = analysis.services[i].availability_ceiling;
        assert!(
            (ceiling - expected).abs() <= 1e-9 * expected,
            "s{i}: {ceiling}"
        );
    }
    assert!(expected > 90.48 && expected < 90.49);
    assert_eq!(
        codes(&analysis, FindingCode::DependencyCycle),
        ["s0"],
        "one cycle through all of them"
    );
}

#[test]
fn a_team_is_overloaded_only_above_the_limit() {
    let mut m = model();
    m.settings.max_services_per_team = 2;
    team(&mut m, "full", TeamKind::Product, 5, None);
    team(&mut m, "over", TeamKind::Product, 5, None);
    for (id, owner) in [
        ("f1", "full"),
        ("f2", "full"),
        ("o1", "over"),
        ("o2", "over"),
        ("o3", "over"),
    ] {
        service(&mut m, id, Some(owner), 95.0, Demand::High);
    }
    let analysis = analyze(&m);
    assert_eq!(codes(&analysis, FindingCode::TeamOverloaded), ["over"]);
    assert_eq!(analysis.findings[0].severity, Severity::Warning);
}

#[test]
fn a_weaker_dependency_is_reported_once_per_dependency() {
    let mut m = model();
    service(&mut m, "strong", None, 99.9, Demand::High);
    service(&mut m, "weak1", None, 99.0, Demand::High);
    service(&mut m, "weak2", None, 95.0, Demand::High);
    service(&mut m, "equal", None, 99.9, Demand::High);
    for to in ["weak1", "weak2", "equal"] {
        depend(&mut m, "strong", to);
    }
    depend(&mut m, "weak2", "strong");
    assert_eq!(
        codes(&analyze(&m), FindingCode::WeakerDependency),
        ["strong", "strong"]
    );
}

#[test]
fn each_cycle_is_one_finding_about_its_first_service() {
    let mut m = model();
    for id in ["x", "b", "a", "self"] {
        service(&mut m, id, None, 99.0, Demand::High);
    }
    depend(&mut m, "a", "b");
    depend(&mut m, "b", "x");
    depend(&mut m, "x", "a");
    depend(&mut m, "self", "self");
    let analysis = analyze(&m);
    assert_eq!(
        codes(&analysis, FindingCode::DependencyCycle),
        ["x", "self"],
        "subjects in file order"
    );
}

#[test]
fn many_team_rotas_means_more_than_half() {
    let mut m = model();
    for id in ["a", "b", "c", "d"] {
        team(&mut m, id, TeamKind::Product, 5, None);
    }
    service(&mut m, "a1", Some("a"), 99.9, Demand::High);
    service(&mut m, "b1", Some("b"), 99.9, Demand::High);
    service(&mut m, "c1", Some("c"), 95.0, Demand::High);
    service(&mut m, "d1", Some("d"), 95.0, Demand::High);
    assert!(
        codes(&analyze(&m), FindingCode::ManyTeamRotas).is_empty(),
        "2 of 4 is only half"
    );
    m.services[2].availability = Some(99.9);
    assert_eq!(
        codes(&analyze(&m), FindingCode::ManyTeamRotas),
        [""],
        "3 of 4, about the whole model"
    );
}

#[test]
fn digital_ops_run_it_is_about_digital_services_set_against_their_recommendation() {
    let mut m = model();
    team(&mut m, "ops", TeamKind::Operations, 5, None);
    // High demand: weekly deploys, so You Build It You Run It is recommended for both.
    let cots = service(&mut m, "cots", Some("ops"), 99.0, Demand::High);
    m.services[cots].kind = ServiceKind::Cots;
    m.services[cots].operating_model = Some(OperatingModel::OpsRunIt);
    let digital = service(&mut m, "digital", Some("ops"), 99.0, Demand::High);
    m.services[digital].operating_model = Some(OperatingModel::OpsRunIt);
    // Low demand: Ops Run It is what the selector recommends, so nothing advises against it.
    service(&mut m, "low", Some("ops"), 99.0, Demand::Low);
    let analysis = analyze(&m);
    assert_eq!(codes(&analysis, FindingCode::DigitalOpsRunIt), ["digital"]);
    // One finding per cause: the digital service's warning names the override, so it gets
    // no override-differs as well; the COTS service's override is pointed out.
    assert_eq!(codes(&analysis, FindingCode::OverrideDiffers), ["cots"]);
}

#[test]
fn rotas_come_team_then_domain_then_operations_each_in_file_order() {
    let mut m = model();
    domain(&mut m, "d2");
    domain(&mut m, "d1");
    team(&mut m, "ops", TeamKind::Operations, 5, None);
    team(&mut m, "t2", TeamKind::Product, 5, Some("d2"));
    team(&mut m, "t1", TeamKind::Product, 5, Some("d1"));
    team(&mut m, "t3", TeamKind::Product, 5, Some("d1"));
    service(&mut m, "ops-service", Some("ops"), 99.0, Demand::Low);
    service(&mut m, "d1-service", Some("t1"), 99.0, Demand::High);
    service(&mut m, "d2-service", Some("t2"), 99.0, Demand::High);
    service(&mut m, "t3-critical", Some("t3"), 99.9, Demand::High);
    let analysis = analyze(&m);
    let rotas: Vec<(&str, RotaKind)> = analysis.rotas.iter().map(|r| (&*r.id, r.kind)).collect();
    assert_eq!(
        rotas,
        [
            ("team:t3", RotaKind::Team),
            ("domain:d2", RotaKind::Domain),
            ("domain:d1", RotaKind::Domain),
            ("ops:ops", RotaKind::Ops)
        ]
    );
}

#[test]
fn findings_are_grouped_by_severity() {
    let mut m = model();
    team(&mut m, "ops", TeamKind::Operations, 1, None);
    service(&mut m, "blank", None, 95.0, Demand::High);
    m.services[0].availability = None;
    service(&mut m, "ops-digital", Some("ops"), 99.0, Demand::Low);
    let severities: Vec<Severity> = analyze(&m).findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    assert_eq!(severities.first(), Some(&Severity::Error));
    assert_eq!(severities.last(), Some(&Severity::Info));
}

#[test]
fn the_finding_codes_and_severities_are_those_of_the_spec_table() {
    let table = [
        ("orphan-service", "error"),
        ("uncovered-service", "error"),
        ("understaffed-rota", "error"),
        ("team-overloaded", "warning"),
        ("weaker-dependency", "warning"),
        ("dependency-cycle", "warning"),
        ("digital-ops-run-it", "warning"),
        // SPEC section 5
        ("depends-on-retiring", "warning"),
        ("override-differs", "info"),
        ("many-team-rotas", "info"),
        // SPEC section 7
        ("not-assessed", "info"),
        ("digital-low-demand", "info"),
        // SPEC section 5
        ("segregation-myth", "info"),
    ];
    let json = |value: serde_json::Value| value.as_str().unwrap().to_owned();
    let actual: Vec<(String, String)> = FindingCode::ALL
        .iter()
        .map(|code| {
            (
                json(serde_json::to_value(code).unwrap()),
                json(serde_json::to_value(code.severity()).unwrap()),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = table
        .iter()
        .map(|(c, s)| (c.to_string(), s.to_string()))
        .collect();
    assert_eq!(actual, expected);
    for code in FindingCode::ALL {
        assert_eq!(json(serde_json::to_value(code).unwrap()), code.as_str());
    }
}

#[test]
fn an_uncovered_service_message_says_why() {
    let mut m = model();
    team(&mut m, "bridge", TeamKind::Operations, 8, None);
    team(&mut m, "lone", TeamKind::Product, 5, None);
    // You Build It You Run It (weekly, 99.9 %) owned by operations.
    service(&mut m, "ybiyri-by-ops", Some("bridge"), 99.9, Demand::High);
    // Domain level (99 %, weekly) owned by a team with no domain and no team rota.
    service(&mut m, "no-domain", Some("lone"), 99.0, Demand::High);
    // Ops Run It (monthly, 99 %) owned by a product team.
    service(&mut m, "ops-by-product", Some("lone"), 99.0, Demand::Low);
    let analysis = analyze(&m);
    assert_eq!(
        codes(&analysis, FindingCode::UncoveredService),
        ["ybiyri-by-ops", "no-domain", "ops-by-product"]
    );
    let messages: Vec<String> = analysis
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::UncoveredService)
        .map(|f| f.message.to_string())
        .collect();
    assert!(messages[0].contains("operations"), "{}", messages[0]);
    assert!(messages[1].contains("domain"), "{}", messages[1]);
    assert!(messages[2].contains("Ops Run It"), "{}", messages[2]);
    assert!(messages[0].contains("bridge") && messages[1].contains("lone"));
    assert!(
        messages[0] != messages[1] && messages[1] != messages[2],
        "each reason has its own sentence"
    );
    for figures in &analysis.services {
        assert_eq!(
            (figures.cover, figures.rota.as_deref()),
            (Cover::Uncovered, None)
        );
    }
    assert!(analysis.rotas.is_empty());
    assert_eq!(analysis.coverage.on_call, 0.0);
}

#[test]
fn an_out_of_hours_override_decides_the_cover() {
    let mut m = model();
    domain(&mut m, "d");
    team(&mut m, "t", TeamKind::Product, 5, None);
    team(&mut m, "u", TeamKind::Product, 4, Some("d"));
    team(&mut m, "ops", TeamKind::Operations, 6, None);
    // 95 % and weekly would be Off; set to Team, it needs t's own rota.
    let raised = service(&mut m, "raised", Some("t"), 95.0, Demand::High);
    m.services[raised].out_of_hours = Some(OutOfHours::Team);
    // 99.9 % would be Team; set to Domain, it goes to u's domain rota.
    let lowered = service(&mut m, "lowered", Some("u"), 99.9, Demand::High);
    m.services[lowered].out_of_hours = Some(OutOfHours::Domain);
    // Ops Run It at 95 % would be Off; at Domain it is the operations rota's.
    let ops_domain = service(&mut m, "ops-domain", Some("ops"), 95.0, Demand::Low);
    m.services[ops_domain].out_of_hours = Some(OutOfHours::Domain);
    // Ops Run It at 99.5 % would be Team; switched Off it needs nothing.
    let ops_off = service(&mut m, "ops-off", Some("ops"), 99.5, Demand::Low);
    m.services[ops_off].out_of_hours = Some(OutOfHours::Off);
    // Ops Run It below 99 % needs no cover without any override.
    let ops_low = service(&mut m, "ops-low", Some("ops"), 98.9, Demand::Low);
    for s in [ops_domain, ops_off, ops_low] {
        m.services[s].kind = ServiceKind::Cots;
    }
    let analysis = analyze(&m);
    let cover = |id: &str| {
        let s = analysis.service(id).unwrap();
        (s.out_of_hours, s.cover, s.rota.as_deref())
    };
    assert_eq!(
        cover("raised"),
        (OutOfHours::Team, Cover::Covered, Some("team:t"))
    );
    assert_eq!(
        cover("lowered"),
        (OutOfHours::Domain, Cover::Covered, Some("domain:d"))
    );
    assert_eq!(
        cover("ops-domain"),
        (OutOfHours::Domain, Cover::Covered, Some("ops:ops"))
    );
    assert_eq!(
        cover("ops-off"),
        (OutOfHours::Off, Cover::NotRequired, None)
    );
    assert_eq!(
        cover("ops-low"),
        (OutOfHours::Off, Cover::NotRequired, None)
    );
    assert_eq!(analysis.rota("domain:d").unwrap().pool, 4);
    assert!(analysis.findings.is_empty(), "{:?}", analysis.findings);
}

#[test]
fn the_selector_boundary_is_at_most_999_and_only_for_monthly_or_fortnightly() {
    let mut m = model();
    for (id, availability, demand) in [
        ("fortnightly-999", 99.9, Demand::Medium),
        ("fortnightly-above", 99.900_001, Demand::Medium),
        ("monthly-95", 95.0, Demand::Low),
        ("daily-95", 95.0, Demand::VeryHigh),
        ("weekly-9999", 99.99, Demand::High),
    ] {
        service(&mut m, id, None, availability, demand);
    }
    let analysis = analyze(&m);
    let chosen: Vec<(OperatingModel, OutOfHours)> = analysis
        .services
        .iter()
        .map(|s| (s.operating_model, s.out_of_hours))
        .collect();
    use OperatingModel::*;
    assert_eq!(
        chosen,
        [
            // Ops Run It at ≥ 99.0: the operations team's rota ("Team").
            (OpsRunIt, OutOfHours::Team),
            (YouBuildItYouRunIt, OutOfHours::Team),
            (OpsRunIt, OutOfHours::Off),
            (YouBuildItYouRunIt, OutOfHours::Off),
            (YouBuildItYouRunIt, OutOfHours::Team),
        ]
    );
    assert!(
        codes(&analysis, FindingCode::OverrideDiffers).is_empty(),
        "no overrides, nothing differs"
    );
}

#[test]
fn an_orphan_at_team_level_is_an_orphan_and_nothing_else() {
    let mut m = model();
    let s = service(&mut m, "critical-orphan", None, 99.9, Demand::VeryHigh);
    m.services[s].callouts_per_year = 12.0;
    m.services[s].exposure_per_hour = Some(1_000.0);
    let analysis = analyze(&m);
    let figures = &analysis.services[0];
    assert_eq!(figures.out_of_hours, OutOfHours::Team);
    assert_eq!(
        (figures.cover, figures.rota.as_deref()),
        (Cover::Uncovered, None)
    );
    assert_eq!(
        figures.annual_cost, 0.0,
        "no rota, so its callouts cost nothing"
    );
    assert!(analysis.rotas.is_empty());
    let found: Vec<(FindingCode, &str)> = analysis
        .findings
        .iter()
        .map(|f| (f.code, &*f.subject))
        .collect();
    assert_eq!(found, [(FindingCode::OrphanService, "critical-orphan")]);
    assert_eq!(analysis.findings[0].severity, Severity::Error);
}

#[test]
fn callouts_of_services_without_a_rota_cost_nothing() {
    let mut m = model();
    team(&mut m, "t", TeamKind::Product, 5, None);
    team(&mut m, "ops", TeamKind::Operations, 5, None);
    // Off (95 %), uncovered (domain level, no domain), uncovered (Ops Run It, product owner),
    // and an orphan: none has a rota.
    for (id, owner, availability, demand) in [
        ("off", Some("t"), 95.0, Demand::High),
        ("no-domain", Some("t"), 99.0, Demand::High),
        ("wrong-owner", Some("t"), 99.0, Demand::Low),
        ("orphan", None, 99.9, Demand::High),
    ] {
        let s = service(&mut m, id, owner, availability, demand);
        m.services[s].callouts_per_year = 20.0;
    }
    let analysis = analyze(&m);
    assert!(analysis.rotas.is_empty());
    assert_eq!(
        (
            analysis.totals.annual_cost,
            analysis.totals.standby_cost,
            analysis.totals.callout_cost
        ),
        (0.0, 0.0, 0.0)
    );
    assert!(analysis.services.iter().all(|s| s.annual_cost == 0.0));
    assert_eq!(analysis.team("t").unwrap().annual_cost, 0.0);
    assert_eq!(analysis.team("t").unwrap().services, 3);
}

#[test]
fn a_pool_smaller_than_a_shift_gives_a_frequency_of_zero() {
    let mut m = model();
    m.settings.people_per_shift = 3;
    team(&mut m, "pair", TeamKind::Product, 2, None);
    team(&mut m, "ops", TeamKind::Operations, 7, None);
    service(&mut m, "s", Some("pair"), 99.9, Demand::High);
    service(&mut m, "o", Some("ops"), 99.0, Demand::Low);
    let analysis = analyze(&m);
    let pair = analysis.rota("team:pair").unwrap();
    // floor(2 / 3) = 0; standby 500 × 52 × 3 = 78,000 whatever the pool.
    assert_eq!((pair.frequency_weeks, pair.healthy), (0, false));
    assert_eq!(pair.standby_cost, 78_000.0);
    let ops = analysis.rota("ops:ops").unwrap();
    // floor(7 / 3) = 2; operations pay: 350 × 52 × 3 = 54,600.
    assert_eq!((ops.frequency_weeks, ops.healthy), (2, true));
    assert_eq!(ops.standby_cost, 54_600.0);
    assert_eq!(analysis.baselines.single_ops_rota, 54_600.0);
}

#[test]
fn a_domain_rota_below_the_minimum_is_understaffed_and_named_by_its_id() {
    let mut m = model();
    m.settings.min_rota_size = 5;
    domain(&mut m, "small");
    team(&mut m, "a", TeamKind::Product, 2, Some("small"));
    team(&mut m, "b", TeamKind::Product, 2, Some("small"));
    service(&mut m, "x", Some("a"), 99.0, Demand::High);
    service(&mut m, "y", Some("b"), 99.0, Demand::High);
    let analysis = analyze(&m);
    // Pool 2 + 2 = 4 < 5.
    let rota = analysis.rota("domain:small").unwrap();
    assert_eq!((rota.pool, rota.healthy), (4, false));
    assert!(
        analysis
            .services
            .iter()
            .all(|s| s.cover == Cover::Understaffed)
    );
    assert_eq!(
        codes(&analysis, FindingCode::UnderstaffedRota),
        ["domain:small"],
        "one finding for the rota, not one per service"
    );
    m.teams[1].members = 3;
    assert!(
        analyze(&m).rota("domain:small").unwrap().healthy,
        "2 + 3 = 5"
    );
}

#[test]
fn team_and_domain_totals_are_sums_of_line_items() {
    let mut m = model();
    domain(&mut m, "d");
    team(&mut m, "p1", TeamKind::Product, 4, Some("d"));
    team(&mut m, "p2", TeamKind::Product, 3, Some("d"));
    team(&mut m, "idle", TeamKind::Enabling, 2, Some("d"));
    team(&mut m, "ops", TeamKind::Operations, 5, Some("d"));
    let x = service(&mut m, "x", Some("p1"), 99.0, Demand::High);
    let y = service(&mut m, "y", Some("p2"), 99.0, Demand::High);
    let z = service(&mut m, "z", Some("ops"), 99.0, Demand::Low);
    m.services[x].callouts_per_year = 1.0;
    m.services[y].callouts_per_year = 2.0;
    m.services[z].callouts_per_year = 3.0;
    let analysis = analyze(&m);
    // domain:d: pool 4 + 3 + 2 (not operations) = 9; standby 26,000, half each;
    // x 13,000 + 1 × 2 × 60 = 13,120; y 13,000 + 2 × 2 × 60 = 13,240.
    assert_eq!(analysis.rota("domain:d").unwrap().pool, 9);
    let team = |id: &str| {
        let t = analysis.team(id).unwrap();
        (t.annual_cost, t.services)
    };
    assert_eq!(team("p1"), (13_120.0, 1));
    assert_eq!(team("p2"), (13_240.0, 1));
    assert_eq!(team("idle"), (0.0, 0));
    // ops:ops: 350 × 52 = 18,200 + 3 × 2 × 45 = 270.
    assert_eq!(team("ops"), (18_470.0, 1));
    // The domain: every one of its teams, 13,120 + 13,240 + 0 + 18,470.
    assert_eq!(analysis.domain("d").unwrap().annual_cost, 44_830.0);
    assert_eq!(analysis.totals.annual_cost, 44_830.0);
}

#[test]
fn many_team_rotas_counts_only_non_operations_teams_that_own_services() {
    let mut m = model();
    for id in ["a", "b", "c", "idle1", "idle2", "idle3"] {
        team(&mut m, id, TeamKind::Product, 5, None);
    }
    team(&mut m, "ops1", TeamKind::Operations, 5, None);
    team(&mut m, "ops2", TeamKind::Operations, 5, None);
    service(&mut m, "a1", Some("a"), 99.9, Demand::High);
    service(&mut m, "b1", Some("b"), 99.9, Demand::High);
    service(&mut m, "c1", Some("c"), 95.0, Demand::High);
    service(&mut m, "o1", Some("ops1"), 99.0, Demand::Low);
    service(&mut m, "o2", Some("ops2"), 99.0, Demand::Low);
    let analysis = analyze(&m);
    // 2 team rotas of the 3 product teams that own services: more than half. Idle teams
    // and operations teams do not count.
    assert_eq!(codes(&analysis, FindingCode::ManyTeamRotas), [""]);
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::ManyTeamRotas)
        .unwrap();
    assert_eq!(finding.severity, Severity::Info);
    assert!(
        finding.message.to_string().contains("2 of the 3"),
        "{}",
        finding.message
    );
}

#[test]
fn rotas_are_named_after_their_team_or_domain() {
    let mut m = model();
    m.domains.push(Domain {
        id: "home".into(),
        name: "Home furnishing".into(),
    });
    let mut bedroom = Team::new("bedroom-team", "Bedroom", TeamKind::Product);
    bedroom.domain = Some("home".into());
    m.teams.push(bedroom);
    let mut kitchen = Team::new("kitchen-team", "Kitchen", TeamKind::Product);
    kitchen.domain = Some("home".into());
    m.teams.push(kitchen);
    m.teams.push(Team::new(
        "app-support",
        "Application support",
        TeamKind::Operations,
    ));
    service(
        &mut m,
        "bedroom",
        Some("bedroom-team"),
        99.0,
        Demand::VeryHigh,
    );
    service(
        &mut m,
        "kitchen",
        Some("kitchen-team"),
        99.9,
        Demand::VeryHigh,
    );
    service(&mut m, "erp", Some("app-support"), 99.0, Demand::Low);
    let analysis = analyze(&m);
    let rotas: Vec<(&str, &str, u64)> = analysis
        .rotas
        .iter()
        .map(|r| (&*r.id, r.name.as_str(), r.pool))
        .collect();
    assert_eq!(
        rotas,
        [
            ("team:kitchen-team", "Kitchen", 5),
            ("domain:home", "Home furnishing", 5),
            ("ops:app-support", "Application support", 5)
        ]
    );
}

#[test]
fn a_long_chain_multiplies_every_availability_once() {
    // Every service of a chain reaches every later one, so working out the ceilings is
    // quadratic in its length; 10,000 keeps this quick in a debug build. (The 100,000-service
    // chain above checks the stack.)
    const N: usize = 10_000;
    let mut m = model();
    for i in 0..N {
        service(&mut m, &format!("s{i}"), None, 99.99, Demand::High);
    }
    for i in 1..N {
        depend(&mut m, &format!("s{}", i - 1), &format!("s{i}"));
    }
    let analysis = analyze(&m);
    let ceiling = |i: usize| analysis.services[i].availability_ceiling;
    // s_i reaches itself and every later service: 0.9999^(N − i) as a percentage.
    // 0.9999^10000 = e^(10000 × ln 0.9999) ≈ 36.786 %.
    for i in [0, N / 2, N - 2, N - 1] {
        let expected = 0.9999_f64.powf((N - i) as f64) * 100.0;
        assert!(
            (ceiling(i) - expected).abs() <= 1e-9 * expected,
            "s{i}: {} vs {expected}",
            ceiling(i)
        );
    }
    assert!(ceiling(0) > 36.78 && ceiling(0) < 36.79);
    assert!(codes(&analysis, FindingCode::DependencyCycle).is_empty());
    assert!(codes(&analysis, FindingCode::WeakerDependency).is_empty());
}
