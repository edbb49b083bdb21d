//! SPEC section 5: service lifecycle and compliance scope — file version 2 written only when
//! used, bad tags and lifecycles refused, and the analysis rules, findings, cover costs,
//! weeks on call and compliance summary, each with figures worked out by hand.

use std::path::{Path, PathBuf};

use opmodel::analysis::analyze;
use opmodel::files::ron::{self, LoadError};
use opmodel::model::{Lifecycle, Model, OutOfHours};

mod support;
use support::opmodel;

fn parse(text: &str) -> Result<Model, LoadError> {
    ron::parse(text, Path::new("model.ron"))
}

fn refused(text: &str) -> String {
    match parse(text) {
        Ok(model) => panic!("accepted: {model:?}"),
        Err(error) => error.to_string(),
    }
}

fn samples_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

/// A model with one service whose extra fields are `fields`.
fn one_service(fields: &str) -> String {
    format!(
        r#"(
    name: "Tags",
    teams: [(id: "t", name: "T", kind: Product)],
    services: [
        (id: "vault", name: "Card vault", kind: Digital, owner: Some("t"){fields}),
    ],
)"#
    )
}

#[test]
fn a_version_1_sample_saves_byte_identical_and_stays_version_1() {
    for name in [
        "enterprise-hybrid.ron",
        "needs-attention.ron",
        "retail-domains.ron",
        "startup.ron",
    ] {
        let path = samples_folder().join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let model = ron::load(&path).unwrap();
        assert_eq!(model.required_version(), 1, "{name}");
        assert!(text.contains("    version: 1,\n"), "{name}");
        assert_eq!(ron::to_ron(&model), text, "{name}");
        assert!(!text.contains("lifecycle") && !text.contains("compliance"));
    }
}

#[test]
fn version_2_is_written_only_when_a_service_uses_lifecycle_or_compliance() {
    let mut model = parse(&one_service("")).unwrap();
    assert!(ron::to_ron(&model).contains("version: 1,"));

    model.services[0].lifecycle = Lifecycle::Retiring;
    let text = ron::to_ron(&model);
    assert!(text.contains("version: 2,"), "{text}");
    assert!(text.contains("lifecycle: Retiring"), "{text}");
    assert!(
        !text.contains("compliance"),
        "an empty list is omitted: {text}"
    );

    model.services[0].lifecycle = Lifecycle::Live;
    model.services[0].compliance = vec!["PCI-DSS".into(), "SOX".into()];
    let text = ron::to_ron(&model);
    assert!(text.contains("version: 2,"), "{text}");
    assert!(text.contains(r#"compliance: ["PCI-DSS", "SOX"]"#), "{text}");
    assert!(!text.contains("lifecycle"), "Live is omitted: {text}");

    // Back to defaults: the file is version 1 again, and reads back the same.
    model.services[0].compliance.clear();
    let text = ron::to_ron(&model);
    assert!(text.contains("version: 1,"), "{text}");
    assert_eq!(parse(&text).unwrap(), model);
}

#[test]
fn versions_1_and_2_are_read_and_a_version_2_model_round_trips() {
    let text = format!(
        "(version: 2, {}",
        &one_service(r#", lifecycle: Inception, compliance: ["PCI-DSS"]"#)[1..]
    );
    let model = parse(&text).unwrap();
    assert_eq!(model.version, 2);
    assert_eq!(model.services[0].lifecycle, Lifecycle::Inception);
    assert_eq!(model.services[0].compliance, ["PCI-DSS"]);
    let saved = ron::to_ron(&model);
    assert_eq!(parse(&saved).unwrap(), model);
    assert_eq!(ron::to_ron(&parse(&saved).unwrap()), saved);

    // A version 1 file may use the fields too: it is read, and saved as version 2.
    let model = parse(&one_service(", lifecycle: Retiring")).unwrap();
    assert_eq!(model.services[0].lifecycle, Lifecycle::Retiring);
    assert!(ron::to_ron(&model).contains("version: 2,"));
}

#[test]
fn an_unknown_lifecycle_is_refused_with_the_allowed_values() {
    let message = refused(&one_service(", lifecycle: Dormant"));
    assert!(message.starts_with("model.ron:5:"), "{message}");
    for word in ["Dormant", "Inception", "Live", "Retiring", "lifecycle"] {
        assert!(message.contains(word), "{word}: {message}");
    }
}

#[test]
fn blank_padded_and_repeated_tags_are_refused_naming_the_service_and_tag() {
    let message = refused(&one_service(r#", compliance: ["PCI-DSS", ""]"#));
    assert!(message.starts_with("model.ron:5:"), "{message}");
    assert!(
        message.contains("`vault`") && message.contains("blank"),
        "{message}"
    );

    let message = refused(&one_service(r#", compliance: ["   "]"#));
    assert!(message.contains("blank"), "{message}");

    let message = refused(&one_service(r#", compliance: [" SOX"]"#));
    assert!(
        message.contains("`vault`") && message.contains(r#"" SOX""#) && message.contains("spaces"),
        "{message}"
    );

    let message = refused(&one_service(r#", compliance: ["SOX", "PCI-DSS", "SOX"]"#));
    assert!(
        message.contains("`vault`") && message.contains(r#""SOX""#) && message.contains("twice"),
        "{message}"
    );

    // Tags compare case-sensitively, so these are two different tags.
    let model = parse(&one_service(r#", compliance: ["SOX", "sox"]"#)).unwrap();
    assert_eq!(model.services[0].compliance.len(), 2);
}

/// Random small models for checking cover costs against a brute-force recomputation.
mod random {
    use opmodel::model::{
        Demand, Dependency, Domain, Lifecycle, Model, OperatingModel, OutOfHours, Service,
        ServiceKind, Team, TeamKind,
    };
    use proptest::prelude::*;

    const AVAILABILITIES: [f64; 5] = [95.0, 99.0, 99.5, 99.9, 99.95];

    #[derive(Clone, Debug)]
    pub struct TeamSpec {
        kind: u8,
        members: u32,
        domain: Option<usize>,
    }

    #[derive(Clone, Debug)]
    pub struct ServiceSpec {
        owner: Option<usize>,
        availability: usize,
        demand: u8,
        operating_model: Option<bool>,
        out_of_hours: Option<u8>,
        lifecycle: u8,
        callouts: u8,
    }

    fn team() -> impl Strategy<Value = TeamSpec> {
        (0..3_u8, 0..7_u32, proptest::option::of(0..3_usize)).prop_map(|(kind, members, domain)| {
            TeamSpec {
                kind,
                members,
                domain,
            }
        })
    }

    fn service() -> impl Strategy<Value = ServiceSpec> {
        (
            proptest::option::weighted(0.9, 0..5_usize),
            0..AVAILABILITIES.len(),
            0..4_u8,
            proptest::option::of(any::<bool>()),
            proptest::option::weighted(0.3, 0..3_u8),
            0..3_u8,
            0..10_u8,
        )
            .prop_map(
                |(
                    owner,
                    availability,
                    demand,
                    operating_model,
                    out_of_hours,
                    lifecycle,
                    callouts,
                )| {
                    ServiceSpec {
                        owner,
                        availability,
                        demand,
                        operating_model,
                        out_of_hours,
                        lifecycle,
                        callouts,
                    }
                },
            )
    }

    pub fn model() -> impl Strategy<Value = Model> {
        (
            0..3_usize,
            proptest::collection::vec(team(), 1..5),
            proptest::collection::vec(service(), 1..9),
            proptest::collection::vec((0..9_usize, 0..9_usize), 0..6),
            1..3_u32,
        )
            .prop_map(|(domains, teams, services, dependencies, people)| {
                build(domains, &teams, &services, &dependencies, people)
            })
    }

    fn build(
        domains: usize,
        teams: &[TeamSpec],
        services: &[ServiceSpec],
        dependencies: &[(usize, usize)],
        people_per_shift: u32,
    ) -> Model {
        let mut model = Model::named("random");
        model.settings.people_per_shift = people_per_shift;
        for d in 0..domains {
            model.domains.push(Domain {
                id: format!("d{d}"),
                name: format!("Domain {d}"),
            });
        }
        for (t, spec) in teams.iter().enumerate() {
            let kind = [TeamKind::Product, TeamKind::Platform, TeamKind::Operations]
                [usize::from(spec.kind)];
            let mut team = Team::new(&format!("t{t}"), &format!("Team {t}"), kind);
            team.members = spec.members;
            team.domain = spec
                .domain
                .filter(|d| *d < domains)
                .map(|d| format!("d{d}"));
            model.teams.push(team);
        }
        for (s, spec) in services.iter().enumerate() {
            let mut service = Service::new(
                &format!("s{s}"),
                &format!("Service {s}"),
                ServiceKind::Digital,
            );
            service.owner = spec
                .owner
                .filter(|t| *t < teams.len())
                .map(|t| format!("t{t}"));
            service.availability = Some(AVAILABILITIES[spec.availability]);
            service.demand = Demand::ALL[usize::from(spec.demand)];
            service.operating_model = spec.operating_model.map(|ybiyri| {
                if ybiyri {
                    OperatingModel::YouBuildItYouRunIt
                } else {
                    OperatingModel::OpsRunIt
                }
            });
            service.out_of_hours = spec.out_of_hours.map(|o| OutOfHours::ALL[usize::from(o)]);
            service.lifecycle = Lifecycle::ALL[usize::from(spec.lifecycle)];
            service.callouts_per_year = f64::from(spec.callouts) * 1.5;
            model.services.push(service);
        }
        for &(from, to) in dependencies {
            if from < services.len() && to < services.len() {
                model.dependencies.push(Dependency {
                    from: format!("s{from}"),
                    to: format!("s{to}"),
                });
            }
        }
        model
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

    /// The fast cover costs equal the rule itself: the total minus the total of the model
    /// re-analysed with that one service's out_of_hours set to Off.
    #[test]
    fn cover_cost_is_the_full_recomputation(model in random::model()) {
        let analysis = analyze(&model);
        for (s, figures) in analysis.services.iter().enumerate() {
            let mut without = model.clone();
            without.services[s].out_of_hours = Some(OutOfHours::Off);
            let expected = analysis.totals.annual_cost - analyze(&without).totals.annual_cost;
            proptest::prop_assert!(
                (figures.cover_cost - expected).abs() <= 1e-6,
                "{}: cover_cost {} but recomputation says {expected}",
                figures.id,
                figures.cover_cost
            );
        }
    }
}

/// A shop whose figures are worked out by hand below. Default settings: product standby
/// 500 × 52 = 26,000 a year and a callout 2 h × 60 = 120; operations standby 350 × 52 =
/// 18,200 and a callout 2 h × 45 = 90.
const SHOP: &str = r#"(
    name: "Shop",
    domains: [(id: "shop", name: "Shop")],
    teams: [
        (id: "web", name: "Web", kind: Product, members: 4, domain: Some("shop")),
        (id: "app", name: "App", kind: Product, members: 3, domain: Some("shop")),
        (id: "solo", name: "Solo", kind: Product, members: 5),
        (id: "ops", name: "Ops", kind: Operations, members: 5),
    ],
    services: [
        (id: "checkout", name: "Checkout", kind: Digital, owner: Some("web"), availability: Some(99.95), demand: High, callouts_per_year: 2.0, compliance: ["PCI-DSS"]),
        (id: "basket", name: "Basket", kind: Digital, owner: Some("web"), availability: Some(99.5), demand: High, callouts_per_year: 1.0),
        (id: "search", name: "Search", kind: Digital, owner: Some("app"), availability: Some(99.5), demand: VeryHigh, callouts_per_year: 3.0),
        (id: "ledger", name: "Ledger", kind: Digital, owner: Some("solo"), availability: Some(99.95), demand: High),
        (id: "reports", name: "Reports", kind: Digital, owner: Some("solo"), availability: Some(99.5), demand: High, callouts_per_year: 4.0),
        (id: "erp", name: "ERP", kind: Cots, owner: Some("ops"), availability: Some(99.5), operating_model: Some(OpsRunIt), callouts_per_year: 2.0, compliance: ["SOX", "PCI-DSS"]),
        (id: "hr", name: "HR", kind: Cots, owner: Some("ops"), availability: Some(99.0), lifecycle: Retiring, compliance: ["SOX"]),
        (id: "prototype", name: "Prototype", kind: Digital, owner: Some("app"), availability: Some(99.95), demand: High, callouts_per_year: 5.0, out_of_hours: Some(Team), lifecycle: Inception, compliance: ["PCI-DSS"]),
        (id: "vault", name: "Vault", kind: Digital, owner: Some("ops"), availability: Some(99.95), demand: High, operating_model: Some(OpsRunIt), compliance: ["PCI-DSS"]),
        (id: "old-pay", name: "Old payments", kind: Cots, owner: Some("ops"), availability: Some(99.0), lifecycle: Retiring),
        (id: "sketch", name: "Sketch", kind: Digital, availability: Some(99.95), demand: High, lifecycle: Inception),
    ],
    dependencies: [
        (from: "checkout", to: "old-pay"),
        (from: "basket", to: "old-pay"),
        (from: "old-pay", to: "hr"),
        (from: "prototype", to: "hr"),
    ],
)"#;

fn shop() -> (Model, opmodel::analysis::Analysis) {
    let model = parse(SHOP).unwrap_or_else(|e| panic!("{e}"));
    let analysis = analyze(&model);
    (model, analysis)
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

fn subjects(analysis: &opmodel::analysis::Analysis, code: &str) -> Vec<String> {
    analysis
        .findings
        .iter()
        .filter(|f| f.code.as_str() == code)
        .map(|f| f.subject.to_string())
        .collect()
}

#[test]
fn inception_needs_no_cover_and_its_callouts_cost_nothing() {
    let (_, analysis) = shop();
    let prototype = analysis.service("prototype").unwrap();
    // 99.95 % with High demand recommends You Build It You Run It at team level, and the
    // service even overrides Team, but in inception it is Off.
    assert_eq!(format!("{:?}", prototype.out_of_hours), "Off");
    assert_eq!(format!("{:?}", prototype.cover), "NotRequired");
    assert_eq!(prototype.rota, None);
    assert_eq!(prototype.annual_cost, 0.0);
    assert_eq!(prototype.cover_cost, 0.0);
    assert_eq!(
        format!("{:?}", prototype.operating_model),
        "YouBuildItYouRunIt"
    );
    // Its team-level target does not open a team rota for App: App's Search stays on the
    // domain rota.
    assert!(analysis.rota("team:app").is_none());
    assert_eq!(
        analysis.service("search").unwrap().rota.as_deref(),
        Some("domain:shop")
    );

    // An inception service without an owner is still an orphan, and uncovered.
    let sketch = analysis.service("sketch").unwrap();
    assert_eq!(format!("{:?}", sketch.cover), "Uncovered");
    assert_eq!(subjects(&analysis, "orphan-service"), ["sketch"]);
    assert!(subjects(&analysis, "uncovered-service").is_empty());
    // Needing cover: every service but the prototype (10); covered: all but the sketch (9).
    assert!(close(analysis.coverage.on_call, 9.0 / 10.0));
    assert!(close(analysis.coverage.ownership, 10.0 / 11.0));
}

#[test]
fn retiring_services_are_computed_as_live() {
    let (model, analysis) = shop();
    let mut live = model.clone();
    for service in &mut live.services {
        if service.lifecycle == Lifecycle::Retiring {
            service.lifecycle = Lifecycle::Live;
        }
    }
    let live = analyze(&live);
    assert_eq!(analysis.rotas, live.rotas);
    assert_eq!(analysis.totals, live.totals);
    let hr = analysis.service("hr").unwrap();
    assert_eq!(hr.rota.as_deref(), Some("ops:ops"));
    assert_eq!(format!("{:?}", hr.lifecycle), "Retiring");
}

#[test]
fn rotas_costs_and_weeks_on_call_per_person() {
    let (_, analysis) = shop();
    let rotas: Vec<(&str, &[opmodel::analysis::Id])> = analysis
        .rotas
        .iter()
        .map(|r| (&*r.id, r.services.as_slice()))
        .collect();
    assert_eq!(rotas.len(), 4);
    // team:web 26,000 + (2 + 1) × 120 = 26,360; team:solo 26,000 + 4 × 120 = 26,480;
    // domain:shop 26,000 + 3 × 120 = 26,360; ops:ops 18,200 + 2 × 90 = 18,380.
    let expected = [
        ("team:web", 26_360.0, 52.0 / 4.0),
        ("team:solo", 26_480.0, 52.0 / 5.0),
        ("domain:shop", 26_360.0, 52.0 / 3.0),
        ("ops:ops", 18_380.0, 52.0 / 5.0),
    ];
    for ((id, cost, weeks), rota) in expected.iter().zip(&analysis.rotas) {
        assert_eq!(&*rota.id, *id);
        assert!(close(rota.annual_cost, *cost), "{id}: {}", rota.annual_cost);
        assert!(
            close(rota.weeks_on_call_per_person, *weeks),
            "{id}: {}",
            rota.weeks_on_call_per_person
        );
    }
    // 26,360 + 26,480 + 26,360 + 18,380
    assert!(close(analysis.totals.annual_cost, 97_580.0));
}

#[test]
fn weeks_on_call_per_person_counts_people_per_shift_and_is_0_for_an_empty_pool() {
    let model = parse(
        r#"(
    name: "Pairs",
    settings: (weeks_per_year: 50.0, people_per_shift: 2),
    teams: [(id: "t", name: "T", kind: Product, members: 8),
            (id: "empty", name: "Empty", kind: Product, members: 0)],
    services: [(id: "a", name: "A", kind: Digital, owner: Some("t"), availability: Some(99.9), demand: High),
               (id: "b", name: "B", kind: Digital, owner: Some("empty"), availability: Some(99.9), demand: High)],
)"#,
    )
    .unwrap();
    let analysis = analyze(&model);
    // 50 weeks × 2 people per shift ÷ 8 people = 12.5 weeks each.
    assert!(close(
        analysis.rota("team:t").unwrap().weeks_on_call_per_person,
        12.5
    ));
    assert_eq!(
        analysis
            .rota("team:empty")
            .unwrap()
            .weeks_on_call_per_person,
        0.0
    );
}

#[test]
fn cover_cost_counts_every_rota_a_service_keeps_or_moves() {
    let (_, analysis) = shop();
    let cover_cost = |id: &str| analysis.service(id).unwrap().cover_cost;
    // Checkout alone keeps Web's team rota. Without it Basket moves to the open domain rota
    // at the same pay: 26,000 standby + 2 × 120 = 26,240 saved.
    assert!(close(cover_cost("checkout"), 26_240.0));
    // Basket shares Web's rota, which Checkout keeps: only its 1 × 120 callout.
    assert!(close(cover_cost("basket"), 120.0));
    // Search is alone on the domain rota: 26,000 + 3 × 120.
    assert!(close(cover_cost("search"), 26_360.0));
    // Ledger keeps Solo's rota, and Solo has no domain, so Reports would be left uncovered:
    // the whole rota, 26,480.
    assert!(close(cover_cost("ledger"), 26_480.0));
    assert!(close(cover_cost("reports"), 480.0));
    // ERP: 2 × 90 on the operations rota, which HR, Vault and Old payments keep.
    assert!(close(cover_cost("erp"), 180.0));
    for free in ["hr", "vault", "old-pay", "prototype", "sketch"] {
        assert_eq!(cover_cost(free), 0.0, "{free}");
    }

    // With Search in inception the domain rota closes; Checkout's removal would open it
    // again for Basket at the same standby: 26,360 − (26,000 + 120) = 240.
    let mut model = parse(SHOP).unwrap();
    model.services[2].lifecycle = Lifecycle::Inception;
    let analysis = analyze(&model);
    assert!(analysis.rota("domain:shop").is_none());
    assert!(close(
        analysis.service("checkout").unwrap().cover_cost,
        240.0
    ));
}

#[test]
fn depends_on_retiring_once_per_dependency_from_a_service_not_retiring() {
    let (_, analysis) = shop();
    // checkout → old-pay and basket → old-pay count; old-pay → hr is from a retiring
    // service; prototype → hr counts (inception is not retiring).
    assert_eq!(
        subjects(&analysis, "depends-on-retiring"),
        ["checkout", "basket", "prototype"]
    );
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code.as_str() == "depends-on-retiring")
        .unwrap();
    assert_eq!(finding.severity.label(), "warning");
    let message = finding.message.to_string();
    assert!(
        message.contains("Checkout (checkout)") && message.contains("Old payments (old-pay)"),
        "{message}"
    );
}

#[test]
fn segregation_myth_for_tagged_services_forced_to_ops_run_it() {
    let (_, analysis) = shop();
    // Vault is tagged, set to Ops Run It, recommended YBIYRI (99.95 %). ERP is tagged and
    // set to Ops Run It, but that is also its recommendation (monthly, 99.5 %).
    assert_eq!(subjects(&analysis, "segregation-myth"), ["vault"]);
    let finding = analysis
        .findings
        .iter()
        .find(|f| f.code.as_str() == "segregation-myth")
        .unwrap();
    assert_eq!(finding.severity.label(), "info");
    let message = finding.message.to_string();
    for words in [
        "Segregation of duties does not require Ops Run It",
        "PCI-DSS, SOX, ITIL and ITSM",
    ] {
        assert!(message.contains(words), "{message}");
    }
    // Without its tag Vault is no myth, only an override.
    let mut model = parse(SHOP).unwrap();
    model.services[8].compliance.clear();
    assert!(subjects(&analyze(&model), "segregation-myth").is_empty());
}

#[test]
fn compliance_scopes_in_order_of_first_appearance() {
    let (_, analysis) = shop();
    let scopes: Vec<_> = analysis
        .compliance
        .iter()
        .map(|c| {
            (
                c.tag.as_str(),
                c.services.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                c.you_build_it_you_run_it,
                c.ops_run_it,
                c.needs_cover,
                c.covered,
            )
        })
        .collect();
    // PCI-DSS: Checkout (YBIYRI, covered), ERP (Ops, covered), Prototype (YBIYRI, not
    // required), Vault (Ops, covered). SOX first appears on ERP, after PCI-DSS on Checkout.
    assert_eq!(
        scopes,
        [
            (
                "PCI-DSS",
                vec![
                    "checkout".into(),
                    "erp".into(),
                    "prototype".into(),
                    "vault".into()
                ],
                2,
                2,
                3,
                3
            ),
            ("SOX", vec!["erp".into(), "hr".into()], 0, 2, 2, 2),
        ]
    );
}

#[test]
fn compare_shows_lifecycle_compliance_and_cover_cost_changes() {
    let a = parse(SHOP).unwrap();
    let mut b = a.clone();
    // Search goes into inception (its domain rota closes) and Basket joins PCI-DSS scope.
    b.services[2].lifecycle = Lifecycle::Inception;
    b.services[1].compliance = vec!["PCI-DSS".into()];
    let comparison = opmodel::compare::compare(&[&a, &b]);
    let delta = &comparison.deltas[0];
    assert_eq!(delta.services_changed, ["basket", "search"]);
    let fields: Vec<String> = delta
        .changes
        .iter()
        .flat_map(|c| {
            c.fields
                .iter()
                .map(move |f| format!("{} {}", c.id, f.describe()))
        })
        .collect();
    assert_eq!(
        fields,
        [
            "basket compliance: none → PCI-DSS",
            "search lifecycle: Live → Inception"
        ]
    );
    // The domain rota's 26,360 goes; Checkout's removal would now reopen it for Basket:
    // 26,240 → 240 (see cover_cost_counts_every_rota_a_service_keeps_or_moves); Search's
    // own 26,360 → 0.
    let moved: Vec<(&str, f64, f64)> = delta
        .cover_costs_changed
        .iter()
        .map(|c| (c.id.as_str(), c.cover_cost_a, c.cover_cost_b))
        .collect();
    assert_eq!(
        moved,
        [("checkout", 26_240.0, 240.0), ("search", 26_360.0, 0.0)]
    );
    assert!(close(delta.annual_cost, -26_360.0));

    let files = ["a.ron".to_owned(), "b.ron".to_owned()];
    let text = opmodel::report::compare_text(&[&a, &b], &files, &comparison);
    let row = |start: &str| {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no {start} row in\n{text}"));
        line.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row("Changed  service  Search"),
        [
            "Changed",
            "service",
            "Search",
            "lifecycle: Live → Inception"
        ]
    );
    assert_eq!(
        row("Changed  service  Basket"),
        ["Changed", "service", "Basket", "compliance: none → PCI-DSS"]
    );
    // Cover costs come under their own heading, apart from the cost changes.
    let heading = text
        .find("Cover costs: what each service's out-of-hours cover alone would save")
        .expect("a cover cost heading");
    assert!(text[heading..].contains("they do not add up to the change in the annual cost"));
    assert_eq!(row("Checkout "), ["Checkout", "26,240", "240", "−26,000"]);
    assert_eq!(row("Search "), ["Search", "26,360", "0", "−26,360"]);
    let json: serde_json::Value =
        serde_json::from_str(&opmodel::report::compare_json(&comparison)).unwrap();
    assert_eq!(json["delta"]["cover_costs_changed"][1]["id"], "search");
    assert_eq!(json["b"]["services"][2]["lifecycle"], "Inception");
}

#[test]
fn every_report_format_shows_cost_drivers_and_compliance_scope() {
    let sample = samples_folder().join("payments-compliance.ron");
    let sample = sample.to_str().unwrap();

    let (code, text, _) = opmodel(&["report", sample]);
    assert_eq!(code, 0);
    let drivers = text.find("Cost drivers").expect("a cost drivers section");
    let scope = text.find("Compliance scope").expect("a compliance section");
    assert!(drivers < scope);
    // The vault first: 26,000 standby + 4 × 120, 21.2 % of 125,080.
    let first_driver = text[drivers..].lines().nth(3).unwrap();
    assert!(
        first_driver.contains("Card vault (card-vault)")
            && first_driver.contains("Card processing (team)")
            && first_driver.contains("26,480")
            && first_driver.contains("21.2 %"),
        "{first_driver}"
    );
    assert!(text.contains("[segregation-myth] Reconciliation (reconciliation)"));

    let (_, markdown, _) = opmodel(&["report", sample, "--format", "markdown"]);
    assert!(markdown.contains("## Cost drivers"));
    assert!(
        markdown
            .contains("| SOX | general-ledger, settlement-batch, reconciliation | 0 | 3 | 3 | 3 |")
    );

    let (_, csv, _) = opmodel(&["report", sample, "--format", "csv"]);
    let settlement = csv
        .lines()
        .find(|l| l.starts_with("settlement-batch,"))
        .unwrap();
    // Ops Run It on the operations rota: 18,200 ÷ 4 services + 1 × 90 = 4,640; its cover
    // costs its 90 callout pay.
    assert!(
        settlement.ends_with(",ops:app-support,4640,Live,SOX;PCI-DSS,90"),
        "{settlement}"
    );

    let (_, json, _) = opmodel(&["report", sample, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["services"][3]["lifecycle"], "Inception");
    assert_eq!(report["services"][3]["cover_cost"], 0.0);
    assert_eq!(report["compliance"][1]["tag"], "GDPR");
    assert_eq!(report["rotas"][3]["weeks_on_call_per_person"], 6.5);
}

#[test]
fn a_model_with_no_tags_says_so_in_its_compliance_section() {
    let sample = samples_folder().join("startup.ron");
    let (_, text, _) = opmodel(&["report", sample.to_str().unwrap()]);
    let scope = text.find("Compliance scope").unwrap();
    assert_eq!(
        text[scope..].lines().nth(1),
        Some("  No service has a compliance scope tag.")
    );
}
