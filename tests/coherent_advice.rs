//! SPEC section 7.1–7.3: an unknown demand is not a low one, what was assumed is said, one
//! voice per service, and empty states that say why. Figures are worked by hand in the
//! comments.

mod support;

use std::path::Path;

use opmodel::analysis::{Analysis, Deployment, FindingCode, analyze};
use opmodel::edit::fixes::fixes_for_finding;
use opmodel::files::ron;
use opmodel::model::{
    Demand, Dependency, ExposureBand, Lifecycle, Model, OperatingModel, Service, ServiceKind, Team,
    TeamKind,
};
use proptest::prelude::*;
use support::opmodel;

/// Bands: up to 7,000 → 95 %, up to 250,000 → 99 %, up to 800,000 → 99.9 %, above → 99.99 %.
fn banded() -> Model {
    let mut model = Model::named("advice");
    model.settings.exposure_bands = [
        (7_000.0, 95.0),
        (250_000.0, 99.0),
        (800_000.0, 99.9),
        (5_000_000.0, 99.99),
    ]
    .into_iter()
    .map(|(max, availability)| ExposureBand {
        max_exposure_per_hour: max,
        availability,
    })
    .collect();
    model
        .teams
        .push(Team::new("team", "Team", TeamKind::Product));
    model
}

fn add<'m>(model: &'m mut Model, id: &str, kind: ServiceKind, demand: Demand) -> &'m mut Service {
    let mut service = Service::new(id, id, kind);
    service.demand = demand;
    service.owner = Some("team".into());
    model.services.push(service);
    model.services.last_mut().unwrap()
}

fn subjects(analysis: &Analysis, code: FindingCode) -> Vec<&str> {
    analysis
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| &*f.subject)
        .collect()
}

#[test]
fn an_unknown_demand_is_taken_per_kind() {
    let mut model = banded();
    add(&mut model, "web", ServiceKind::Digital, Demand::Unknown).availability = Some(99.0);
    add(&mut model, "erp", ServiceKind::Cots, Demand::Unknown).availability = Some(99.0);
    add(
        &mut model,
        "dns",
        ServiceKind::Foundational,
        Demand::Unknown,
    )
    .availability = Some(99.99);
    let analysis = analyze(&model);
    let decided = |id: &str| {
        let s = analysis.service(id).unwrap();
        (s.deployment, s.recommended_operating_model)
    };
    // Digital → weekly → You Build It You Run It at any availability.
    assert_eq!(
        decided("web"),
        (Deployment::Weekly, OperatingModel::YouBuildItYouRunIt)
    );
    // COTS → monthly, and 99 % ≤ 99.9 % → Ops Run It.
    assert_eq!(
        decided("erp"),
        (Deployment::Monthly, OperatingModel::OpsRunIt)
    );
    // Foundational → monthly, but 99.99 % > 99.9 % → You Build It You Run It.
    assert_eq!(
        decided("dns"),
        (Deployment::Monthly, OperatingModel::YouBuildItYouRunIt)
    );
}

#[test]
fn the_report_lists_what_was_assumed_per_service() {
    let mut model = banded();
    // Set availability, unknown demand: only the demand is assumed.
    add(&mut model, "set", ServiceKind::Digital, Demand::Unknown).availability = Some(99.5);
    // Nothing set: both, availability first.
    add(&mut model, "blank", ServiceKind::Digital, Demand::Unknown);
    // An exposure through the bands and a known demand: assessed.
    add(&mut model, "exposed", ServiceKind::Digital, Demand::High).exposure_per_hour =
        Some(100_000.0);
    let mut without_bands = model.clone();
    without_bands.settings.exposure_bands.clear();

    let assumed = |model: &Model| -> Vec<serde_json::Value> {
        let report: serde_json::Value =
            serde_json::from_str(&opmodel::report::json(&analyze(model))).unwrap();
        report["services"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["assumed"].clone())
            .collect()
    };
    assert_eq!(
        assumed(&model),
        [
            serde_json::json!(["demand"]),
            serde_json::json!(["availability", "demand"]),
            serde_json::json!([])
        ]
    );
    // Without bands an exposure sets nothing, so its availability (99 %) is assumed.
    assert_eq!(
        assumed(&without_bands)[2],
        serde_json::json!(["availability"])
    );
}

#[test]
fn not_assessed_says_how_many_and_what_was_assumed() {
    let mut model = banded();
    add(&mut model, "a", ServiceKind::Digital, Demand::Unknown);
    add(&mut model, "b", ServiceKind::Cots, Demand::Low);
    add(&mut model, "c", ServiceKind::Digital, Demand::Unknown).availability = Some(99.9);
    add(&mut model, "d", ServiceKind::Digital, Demand::High).availability = Some(99.9);
    let analysis = analyze(&model);
    // a (both assumed), b (availability), c (demand); d is assessed: 3 of 4. The lowest band
    // gives 95 %.
    assert_eq!(subjects(&analysis, FindingCode::NotAssessed), [""]);
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::NotAssessed)
        .unwrap();
    assert_eq!(
        finding.message.to_string(),
        "3 of 4 services are not assessed yet: 2 have no availability target or exposure, so 95 % is assumed; 2 have an unknown feature demand, so digital services are taken to deploy weekly and COTS and foundational ones monthly. Their figures rest on these assumptions until their exposure and demand are set."
    );

    // Assess them and the finding goes: an omitted demand is Low, which is known.
    for service in &mut model.services {
        service.availability = Some(99.0);
        if service.demand == Demand::Unknown {
            service.demand = Demand::Low;
        }
    }
    assert!(subjects(&analyze(&model), FindingCode::NotAssessed).is_empty());
}

#[test]
fn digital_low_demand_explains_an_ops_run_it_recommendation() {
    let mut model = banded();
    add(&mut model, "low", ServiceKind::Digital, Demand::Low).availability = Some(99.9);
    add(&mut model, "medium", ServiceKind::Digital, Demand::Medium).availability = Some(99.0);
    // Not these: an unknown demand (taken as weekly), a high one, a target above 99.9 %, and
    // a COTS system, which is where low demand belongs.
    add(&mut model, "unknown", ServiceKind::Digital, Demand::Unknown).availability = Some(99.0);
    add(&mut model, "high", ServiceKind::Digital, Demand::High).availability = Some(99.0);
    add(&mut model, "critical", ServiceKind::Digital, Demand::Low).availability = Some(99.99);
    add(&mut model, "cots", ServiceKind::Cots, Demand::Low).availability = Some(99.0);
    let analysis = analyze(&model);
    assert_eq!(
        subjects(&analysis, FindingCode::DigitalLowDemand),
        ["low", "medium"]
    );
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::DigitalLowDemand)
        .unwrap();
    assert_eq!(
        finding.message.to_string(),
        "low is a digital service, but its low feature demand puts it with the foundational systems: deployed monthly at 99.9 %, the selector recommends Ops Run It. If it changes weekly or faster, its demand should say so."
    );
    // Nothing advises against the recommendation it explains.
    assert!(subjects(&analysis, FindingCode::DigitalOpsRunIt).is_empty());
}

#[test]
fn every_recommendation_says_why() {
    let mut model = banded();
    add(&mut model, "monthly", ServiceKind::Digital, Demand::Low).availability = Some(99.0);
    add(&mut model, "critical", ServiceKind::Cots, Demand::Low).availability = Some(99.99);
    add(&mut model, "guessed", ServiceKind::Digital, Demand::Unknown);
    let analysis = analyze(&model);
    let reason = |id: &str| {
        analysis
            .service(id)
            .unwrap()
            .recommendation_reason()
            .to_string()
    };
    assert_eq!(
        reason("monthly"),
        "Recommended Ops Run It: it deploys monthly and targets 99 %, and the selector hands services that deploy monthly or fortnightly at up to 99.9 % to operations."
    );
    assert_eq!(
        reason("critical"),
        "Recommended You Build It You Run It: it targets 99.99 %, above 99.9 %, so the team that builds it runs it however seldom it deploys."
    );
    assert_eq!(
        reason("guessed"),
        "Recommended You Build It You Run It: it deploys weekly, and the team that builds a service deployed weekly or daily runs it, at any availability. Assumed until assessed: its deployment (weekly, as its demand is unknown) and its availability (95 %, as no target or exposure is set)."
    );
}

const VERSION_2: &str = r#"(
    version: 2,
    name: "Two",
    services: [
        (id: "s", name: "S", kind: Digital, lifecycle: Inception),
        (id: "u", name: "U", kind: Digital, demand: Unknown),
    ],
)"#;

#[test]
fn unknown_needs_version_3_and_is_written_only_when_used() {
    let error = ron::parse(VERSION_2, Path::new("two.ron")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "two.ron:6:45: service `u`: demand `Unknown` needs version 3, but the file says version 2"
    );

    let text = VERSION_2.replace("version: 2", "version: 3");
    let model = ron::parse(&text, Path::new("three.ron")).unwrap();
    assert_eq!(model.services[1].demand, Demand::Unknown);
    let saved = ron::to_ron(&model);
    assert!(saved.contains("    version: 3,\n"), "{saved}");
    assert_eq!(ron::parse(&saved, Path::new("again.ron")).unwrap(), model);

    // Without the unknown demand the model needs only version 2 (its inception service).
    let mut known = model;
    known.services[1].demand = Demand::High;
    assert!(ron::to_ron(&known).contains("    version: 2,\n"));
    known.services[0].lifecycle = Lifecycle::Live;
    assert!(ron::to_ron(&known).contains("    version: 1,\n"));
}

#[test]
fn a_service_added_in_the_editor_starts_unassessed() {
    let service = Service::unassessed("s", "S", ServiceKind::Digital);
    assert_eq!(service.demand, Demand::Unknown);
    // Loaded without a demand, a service is Low in every version.
    let model = ron::parse(
        "(version: 3, name: \"M\", services: [(id: \"s\", name: \"S\", kind: Digital)])",
        Path::new("m.ron"),
    )
    .unwrap();
    assert_eq!(model.services[0].demand, Demand::Low);
}

#[test]
fn an_import_leaves_demand_unknown_where_its_source_is_silent() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = support::write(
        dir.path(),
        "estate.csv",
        "service,team,demand\nShop,Web,\nSearch,Web,High\nLegacy,Web,unknown\n",
    );
    let (code, stdout, stderr) = opmodel(&["import", "csv", sheet.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let model = ron::parse(&stdout, Path::new("imported.ron")).unwrap();
    let demands: Vec<Demand> = model.services.iter().map(|s| s.demand).collect();
    assert_eq!(demands, [Demand::Unknown, Demand::High, Demand::Unknown]);
    assert!(stdout.contains("version: 3,"));

    // Exported, an unknown demand is an empty cell again.
    let path = dir.path().join("model.ron");
    ron::save(&model, &path).unwrap();
    let (code, exported, _) = opmodel(&["export", path.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 0);
    let shop_row = exported.lines().find(|l| l.starts_with("Shop,")).unwrap();
    assert!(!shop_row.contains("Unknown"), "{shop_row}");
}

#[test]
fn the_sample_catalog_imports_unassessed_with_a_bill() {
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/backstage");
    let (code, stdout, stderr) = opmodel(&["import", "backstage", catalog.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let model = ron::parse(&stdout, Path::new("catalog.ron")).unwrap();
    let analysis = analyze(&model);
    // The two services with an `opmodel/demand` annotation keep it; the others are unknown.
    let unknown = model
        .services
        .iter()
        .filter(|s| s.demand == Demand::Unknown)
        .count();
    assert!(unknown > 0 && unknown < model.services.len());
    assert!(analysis.totals.annual_cost > 0.0);
    assert_eq!(subjects(&analysis, FindingCode::NotAssessed), [""]);
}

fn samples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

#[test]
fn report_fixes_gives_every_error_a_way_out_with_its_effect() {
    let sample = samples().join("needs-attention.ron");
    let sample = sample.to_str().unwrap();
    let (code, json, _) = opmodel(&["report", sample, "--format", "json", "--fixes"]);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let findings = report["findings"].as_array().unwrap();
    // SPEC 7.4: every error of this model has at least one fix.
    for finding in findings.iter().filter(|f| f["severity"] == "error") {
        assert!(
            !finding["fixes"].as_array().unwrap().is_empty(),
            "{finding}"
        );
    }
    // A cycle has no one-click fix, so it gets no "fixes" at all.
    let cycle = findings
        .iter()
        .find(|f| f["code"] == "dependency-cycle")
        .unwrap();
    assert!(cycle.get("fixes").is_none());
    // Alpha's rota of 2 covers Basket; one more person makes it healthy. Of the 6 services
    // that need cover (basket, vouchers, invoices, identity, legacy-crm, orders) only Orders
    // was covered; Basket joins it: +1/6, and the understaffed-rota error goes.
    let understaffed = findings
        .iter()
        .find(|f| f["code"] == "understaffed-rota")
        .unwrap();
    let add = understaffed["fixes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["label"] == "Add 1 person to Alpha squad (alpha)")
        .unwrap();
    assert_eq!(add["resolves"], true);
    assert_eq!(add["delta"]["annual_cost"], 0.0);
    assert!((add["delta"]["on_call"].as_f64().unwrap() - 1.0 / 6.0).abs() < 1e-12);
    assert_eq!(add["delta"]["ownership"], 0.0);
    assert_eq!(add["delta"]["errors"], -1);

    let (_, plain, _) = opmodel(&["report", sample, "--format", "json"]);
    assert!(!plain.contains("\"fixes\""), "only asked for");

    let (_, text, _) = opmodel(&["report", sample, "--fixes"]);
    assert!(
        text.contains(
            "      fix: Add 1 person to Alpha squad (alpha) (resolves it; no change in cost; on-call +16.7 pts; errors −1)\n"
        ),
        "{text}"
    );
    let (_, markdown, _) = opmodel(&["report", sample, "--format", "markdown", "--fixes"]);
    assert!(markdown.contains("  - Fix: Add 1 person to Alpha squad (alpha) (resolves it;"));
}

/// Two product teams of 4, one in a domain, sharing the work: the bill comes from shared
/// rotas and the errors from services nobody can cover.
fn shared_estate() -> Model {
    let mut model = banded();
    model.domains.push(opmodel::model::Domain {
        id: "shop".into(),
        name: "Shop".into(),
    });
    model.teams[0].domain = Some("shop".into());
    model.teams[0].members = 4;
    for id in ["basket", "search"] {
        add(&mut model, id, ServiceKind::Digital, Demand::High).availability = Some(99.0);
    }
    model
}

#[test]
fn empty_states_say_why() {
    // Two services on one domain rota with no callouts: 500 × 52 = 26,000, and neither
    // service alone costs anything, since the rota runs for the other.
    let model = shared_estate();
    let analysis = analyze(&model);
    assert_eq!(analysis.totals.annual_cost, 26_000.0);
    assert!(analysis.services.iter().all(|s| s.cover_cost == 0.0));
    let text = opmodel::report::text(&model, &analysis);
    assert!(
        text.contains("Every rota is shared, so no one service's cover adds anything on its own"),
        "{text}"
    );
    assert!(
        text.contains("Shop (domain:shop)  domain         2       26,000"),
        "{text}"
    );
    assert!(!text.contains("no service needs"), "{text}");

    // Take the domain away: both need domain cover that nobody can give.
    let mut nowhere = model;
    nowhere.teams[0].domain = None;
    let analysis = analyze(&nowhere);
    let text = opmodel::report::text(&nowhere, &analysis);
    assert!(
        text.contains(
            "No rotas: 2 services need out-of-hours cover, but no team can give it yet (see the errors under Findings)."
        ),
        "{text}"
    );
    assert!(
        text.contains("GBP 0 (nothing is covered out of hours yet: 2 services need cover)"),
        "{text}"
    );
    let markdown = opmodel::report::markdown(&nowhere, &analysis);
    assert!(markdown.contains("No rotas: 2 services need out-of-hours cover"));
    assert!(
        markdown.contains("| Annual on-call cost | GBP 0 (nothing is covered out of hours yet")
    );
}

fn arbitrary_model() -> impl Strategy<Value = Model> {
    let demand = prop_oneof![
        Just(Demand::Low),
        Just(Demand::Medium),
        Just(Demand::High),
        Just(Demand::VeryHigh),
        Just(Demand::Unknown),
    ];
    let kind = prop_oneof![
        Just(ServiceKind::Digital),
        Just(ServiceKind::Cots),
        Just(ServiceKind::Foundational),
    ];
    let operating_model = proptest::option::of(prop_oneof![
        Just(OperatingModel::YouBuildItYouRunIt),
        Just(OperatingModel::OpsRunIt),
    ]);
    let availability =
        proptest::option::of(prop_oneof![Just(95.0), Just(99.0), Just(99.9), Just(99.95),]);
    let exposure = proptest::option::of(0.0..2e6f64);
    let service = (
        kind,
        demand,
        operating_model,
        availability,
        exposure,
        proptest::option::of(0..3usize),
        any::<bool>(),
    );
    (
        proptest::collection::vec(service, 1..8),
        proptest::collection::vec((0..8usize, 0..8usize), 0..6),
        any::<bool>(),
    )
        .prop_map(|(services, dependencies, with_ops)| {
            let mut model = banded();
            model.teams[0].members = 2;
            model
                .teams
                .push(Team::new("other", "Other", TeamKind::Product));
            if with_ops {
                model
                    .teams
                    .push(Team::new("ops", "Ops", TeamKind::Operations));
            }
            let owners: Vec<String> = model.teams.iter().map(|t| t.id.clone()).collect();
            for (i, (kind, demand, overridden, availability, exposure, owner, tagged)) in
                services.into_iter().enumerate()
            {
                let mut service = Service::new(&format!("s{i}"), &format!("S{i}"), kind);
                service.demand = demand;
                service.operating_model = overridden;
                service.availability = availability;
                service.exposure_per_hour = exposure;
                service.owner = owner.and_then(|o| owners.get(o).cloned());
                if tagged {
                    service.compliance = vec!["PCI-DSS".into()];
                }
                model.services.push(service);
            }
            let count = model.services.len();
            for (from, to) in dependencies {
                let (from, to) = (format!("s{}", from % count), format!("s{}", to % count));
                let dependency = Dependency { from, to };
                if !model.dependencies.contains(&dependency) {
                    model.dependencies.push(dependency);
                }
            }
            model
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// SPEC 7.2: no service gets advice against its own recommendation unless an override
    /// explains it, and each cause gets one finding.
    #[test]
    fn no_advice_goes_against_a_recommendation_without_naming_the_override(model in arbitrary_model()) {
        let analysis = analyze(&model);
        for (service, figures) in model.services.iter().zip(&analysis.services) {
            let about = |code| {
                analysis
                    .findings
                    .iter()
                    .filter(|f| f.code == code && *f.subject == *service.id)
                    .count()
            };
            let differs = figures.operating_model != figures.recommended_operating_model;
            prop_assert!(!differs || service.operating_model.is_some());
            // A difference is pointed out exactly once, by a finding that names the override.
            prop_assert_eq!(
                about(FindingCode::OverrideDiffers) + about(FindingCode::DigitalOpsRunIt),
                usize::from(differs)
            );
            if about(FindingCode::DigitalOpsRunIt) > 0 {
                prop_assert_eq!(figures.recommended_operating_model, OperatingModel::YouBuildItYouRunIt);
            }
            if about(FindingCode::DigitalLowDemand) > 0 {
                prop_assert_eq!(figures.recommended_operating_model, OperatingModel::OpsRunIt);
                prop_assert!(matches!(service.demand, Demand::Low | Demand::Medium));
            }
            if about(FindingCode::SegregationMyth) > 0 {
                prop_assert!(differs);
            }
            prop_assert_eq!(
                figures.assumed.demand,
                service.demand == Demand::Unknown
            );
        }
        // A fix that runs a service against its recommendation says it overrides it.
        for finding in &analysis.findings {
            for fix in fixes_for_finding(&model, &analysis, finding) {
                let mut fixed = model.clone();
                fix.edit.clone().apply(&mut fixed).unwrap();
                let after = analyze(&fixed);
                for (now, (was, is)) in after.services.iter().zip(model.services.iter().zip(&fixed.services)) {
                    let sets_against = is.operating_model != was.operating_model
                        && is.operating_model.is_some_and(|set| set != now.recommended_operating_model);
                    prop_assert!(
                        !sets_against || fix.label.starts_with("Override the recommendation"),
                        "{}", fix.label
                    );
                }
            }
        }
    }
}
