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
fn no_exposure_takes_the_lowest_band_with_an_info_finding() {
    let mut m = model();
    assert_eq!(exposed(&mut m, "blank", None), 95.0);
    let analysis = analyze(&m);
    assert_eq!(
        codes(&analysis, FindingCode::NoAvailabilityTarget),
        ["blank"]
    );
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::NoAvailabilityTarget)
        .unwrap();
    assert_eq!(finding.severity, Severity::Info);
}

#[test]
fn without_bands_every_service_gets_99() {
    let mut m = Model::named("no bands");
    assert_eq!(exposed(&mut m, "a", Some(1e9)), 99.0);
    assert_eq!(exposed(&mut m, "b", None), 99.0);
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
    assert_eq!(
        codes(&analysis, FindingCode::DigitalOpsRunIt),
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
        service(&mut m, &format!("s{i}"), None, 100.0, Demand::High);
    }
    for i in 1..100_000 {
        depend(&mut m, &format!("s{}", i - 1), &format!("s{i}"));
    }
    depend(&mut m, "s99999", "s0");
    let analysis = analyze(&m);
    assert_eq!(analysis.services[0].availability_ceiling, 100.0);
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
fn digital_ops_run_it_is_about_digital_services_only() {
    let mut m = model();
    team(&mut m, "ops", TeamKind::Operations, 5, None);
    let cots = service(&mut m, "cots", Some("ops"), 99.0, Demand::Low);
    m.services[cots].kind = ServiceKind::Cots;
    service(&mut m, "digital", Some("ops"), 99.0, Demand::Low);
    assert_eq!(
        codes(&analyze(&m), FindingCode::DigitalOpsRunIt),
        ["digital"]
    );
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
