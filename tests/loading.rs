//! The RON file format (SPEC section 3): defaults, both ways of writing optional values,
//! byte-stable saving, lossless round trips, atomic saves, and bad input of every kind
//! refused with one clear message — never a panic.

mod support;

use std::path::Path;

use opmodel::files::ron::{self, LoadError};
use opmodel::model::{
    Demand, Dependency, Domain, ExposureBand, Interaction, InteractionMode, Lifecycle, Model,
    OperatingModel, OutOfHours, Pay, Position, Service, ServiceKind, Settings, Team, TeamKind,
};
use support::synthetic::Rng;

fn parse(text: &str) -> Result<Model, LoadError> {
    ron::parse(text, Path::new("model.ron"))
}

fn refused(text: &str) -> String {
    match parse(text) {
        Ok(model) => panic!("accepted: {model:?}"),
        Err(error) => {
            let message = error.to_string();
            assert!(
                message.starts_with("model.ron"),
                "names the file: {message}"
            );
            message
        }
    }
}

/// The `line:column` an error message gives after the file name, if any.
fn position(message: &str) -> Option<(usize, usize)> {
    let rest = message.strip_prefix("model.ron:")?;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some((line, column))
}

/// Checks that a refusal points at `line` (any column).
fn refused_at(text: &str, line: usize) -> String {
    let message = refused(text);
    assert_eq!(
        position(&message).map(|(l, _)| l),
        Some(line),
        "expected line {line}: {message}"
    );
    message
}

/// A well-formed model to break in one place at a time.
const GOOD: &str = r#"(
    name: "Good",
    settings: (exposure_bands: [(max_exposure_per_hour: 1000.0, availability: 99.0)]),
    domains: [(id: "d", name: "D")],
    teams: [(id: "t", name: "T", kind: Product, members: 4, domain: Some("d")),
            (id: "u", name: "U", kind: Platform)],
    services: [(id: "s", name: "S", kind: Digital, owner: Some("t"), availability: Some(99.9)),
               (id: "r", name: "R", kind: Cots)],
    dependencies: [(from: "s", to: "r")],
    interactions: [(from: "t", to: "u", mode: XAsAService)],
)"#;

fn broken(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "the base model holds {from}");
    GOOD.replacen(from, to, 1)
}

#[test]
fn omitted_fields_take_their_defaults() {
    let model = parse(r#"(name: "Minimal", teams: [(id: "t", name: "T", kind: Product)], services: [(id: "s", name: "S", kind: Digital)])"#).unwrap();
    assert_eq!(model.version, 1);
    assert_eq!(model.settings, Settings::default());
    assert_eq!(model.settings.currency, "GBP");
    assert_eq!(
        model.settings.product_pay,
        Pay {
            standby_per_week: 500.0,
            callout_per_hour: 60.0
        }
    );
    assert_eq!(
        model.settings.ops_pay,
        Pay {
            standby_per_week: 350.0,
            callout_per_hour: 45.0
        }
    );
    assert!(model.settings.exposure_bands.is_empty());
    assert_eq!(
        (model.teams[0].members, model.teams[0].domain.clone()),
        (5, None)
    );
    let s = &model.services[0];
    assert_eq!(
        (s.owner.clone(), s.exposure_per_hour, s.availability),
        (None, None, None)
    );
    assert_eq!(
        (
            s.demand,
            s.callouts_per_year,
            s.operating_model,
            s.out_of_hours
        ),
        (Demand::Low, 0.0, None, None)
    );
    assert!(
        model.dependencies.is_empty() && model.interactions.is_empty() && model.layout.is_empty()
    );
}

#[test]
fn implicit_some_files_read_the_same_as_explicit_ones() {
    let explicit = parse(GOOD).unwrap();
    let implicit_text = format!(
        "#![enable(implicit_some)]\n{}",
        GOOD.replace("Some(\"d\")", "\"d\"")
            .replace("Some(\"t\")", "\"t\"")
            .replace("Some(99.9)", "99.9")
    );
    assert_eq!(parse(&implicit_text).unwrap(), explicit);
}

#[test]
fn a_file_without_the_attribute_needs_some() {
    let message = refused(&GOOD.replace("Some(\"d\")", "\"d\""));
    assert!(
        message.contains("domain") && message.contains("Some("),
        "{message}"
    );
}

/// A model with every field away from its default.
fn everything() -> Model {
    let mut model = Model::named("Everything \"quoted\"\nand a new line");
    model.description = "All fields set".into();
    model.settings = Settings {
        currency: "EUR".into(),
        weeks_per_year: 48.5,
        people_per_shift: 2,
        callout_hours: 1.25,
        min_rota_size: 4,
        max_services_per_team: 9,
        peak_weeks: 6.5,
        product_pay: Pay {
            standby_per_week: 512.5,
            callout_per_hour: 61.0,
        },
        ops_pay: Pay {
            standby_per_week: 300.0,
            callout_per_hour: 0.1 + 0.2,
        },
        exposure_bands: vec![ExposureBand {
            max_exposure_per_hour: 5e6,
            availability: 99.99,
        }],
    };
    model.domains.push(Domain {
        id: "d".into(),
        name: "Domain".into(),
    });
    let mut team = Team::new("t", "Team", TeamKind::ComplicatedSubsystem);
    team.members = 11;
    team.domain = Some("d".into());
    model.teams.push(team);
    model
        .teams
        .push(Team::new("o", "Ops", TeamKind::Operations));
    model.services.push(Service {
        id: "s".into(),
        name: "Service".into(),
        kind: ServiceKind::Foundational,
        owner: Some("t".into()),
        exposure_per_hour: Some(1234.5),
        peak_exposure_per_hour: Some(98765.25),
        availability: Some(99.95),
        demand: Demand::VeryHigh,
        callouts_per_year: 3.5,
        operating_model: Some(OperatingModel::OpsRunIt),
        out_of_hours: Some(OutOfHours::Domain),
        lifecycle: Lifecycle::Retiring,
        compliance: vec!["PCI-DSS".into(), "SOX".into()],
    });
    model
        .services
        .push(Service::new("z", "Other", ServiceKind::Cots));
    model.dependencies.push(Dependency {
        from: "s".into(),
        to: "z".into(),
    });
    model.interactions.push(Interaction {
        from: "t".into(),
        to: "o".into(),
        mode: InteractionMode::Facilitating,
    });
    model
        .layout
        .insert("s".into(), Position { x: -12.5, y: 1e-3 });
    // It uses a peak season (and a lifecycle and compliance tags), so its file is version 3.
    model.version = 3;
    model.layout.insert(
        "t".into(),
        Position {
            x: 100.0,
            y: 2000.25,
        },
    );
    model
}

#[test]
fn model_to_file_to_model_is_the_identity() {
    let model = everything();
    assert_eq!(parse(&ron::to_ron(&model)).unwrap(), model);
}

#[test]
fn saving_twice_gives_the_same_bytes() {
    let text = ron::to_ron(&everything());
    let again = ron::to_ron(&parse(&text).unwrap());
    assert_eq!(text, again);
    let from_good = ron::to_ron(&parse(GOOD).unwrap());
    assert_eq!(ron::to_ron(&parse(&from_good).unwrap()), from_good);
}

#[test]
fn saved_files_write_options_with_some_and_one_entity_per_line() {
    let text = ron::to_ron(&everything());
    assert!(text.contains("owner: Some(\"t\")"), "{text}");
    assert!(
        text.contains("        (id: \"z\", name: \"Other\", kind: Cots, owner: None,"),
        "{text}"
    );
    assert!(
        text.contains("        (from: \"s\", to: \"z\"),\n"),
        "{text}"
    );
    assert!(text.ends_with(")\n"));
}

#[test]
fn saving_replaces_the_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("model.ron");
    std::fs::write(&path, "old contents").unwrap();
    ron::save(&everything(), &path).unwrap();
    assert_eq!(ron::load(&path).unwrap(), everything());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["model.ron"], "no temporary file is left behind");
}

#[test]
fn a_failed_save_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing-folder").join("model.ron");
    assert!(ron::save(&everything(), &path).is_err());
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn a_missing_file_is_refused_with_its_name() {
    let error = ron::load(Path::new("/no/such/model.ron")).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("/no/such/model.ron: cannot read the file"),
        "{error}"
    );
}

#[test]
fn syntax_and_type_errors_give_line_and_column() {
    for (text, line, named) in [
        (broken("kind: Platform", "kind: Wizard"), 6, "Wizard"),
        (broken("members: 4", "members: -4"), 5, "members"),
        (broken("members: 4", "members: four"), 5, "members"),
        (broken("members: 4", "members: 99999999999"), 5, "members"),
        (
            broken("availability: Some(99.9)", "availability: Some(\"high\")"),
            7,
            "availability",
        ),
        (
            broken(
                "(id: \"r\", name: \"R\", kind: Cots)",
                "(id: \"r\", name: \"R\", kind: Cots, colour: Red)",
            ),
            8,
            "colour",
        ),
        (
            broken(
                "(id: \"u\", name: \"U\", kind: Platform)",
                "(id: \"u\", kind: Platform)",
            ),
            6,
            "`name`",
        ),
        (
            GOOD.replace(
                "dependencies: [(from: \"s\", to: \"r\")]",
                "dependencies: [(from: \"s\", to: \"r\"]",
            ),
            9,
            "",
        ),
    ] {
        let message = refused_at(&text, line);
        assert!(message.contains(named), "{named}: {message}");
    }
}

#[test]
fn unknown_and_wrong_kind_references_name_the_id_and_line() {
    for (from, to, expect, line) in [
        ("owner: Some(\"t\")", "owner: Some(\"ghost\")", "ghost", 7),
        (
            "domain: Some(\"d\")",
            "domain: Some(\"atlantis\")",
            "atlantis",
            5,
        ),
        (
            "(from: \"s\", to: \"r\")",
            "(from: \"s\", to: \"nowhere\")",
            "nowhere",
            9,
        ),
        (
            "(from: \"s\", to: \"r\")",
            "(from: \"ghost\", to: \"r\")",
            "ghost",
            9,
        ),
        (
            "(from: \"s\", to: \"r\")",
            "(from: \"s\", to: \"t\")",
            "`t` is a team, not a service",
            9,
        ),
        (
            "(from: \"t\", to: \"u\", mode: XAsAService)",
            "(from: \"t\", to: \"nobody\", mode: XAsAService)",
            "nobody",
            10,
        ),
        (
            "(from: \"t\", to: \"u\", mode: XAsAService)",
            "(from: \"s\", to: \"u\", mode: XAsAService)",
            "`s` is a service, not a team",
            10,
        ),
        (
            "owner: Some(\"t\")",
            "owner: Some(\"d\")",
            "`d` is a domain, not a team",
            7,
        ),
    ] {
        let message = refused_at(&broken(from, to), line);
        assert!(message.contains(expect), "{expect}: {message}");
    }
}

#[test]
fn a_repeated_id_is_refused_across_kinds() {
    let message = refused(&broken(
        "(id: \"r\", name: \"R\", kind: Cots)",
        "(id: \"d\", name: \"R\", kind: Cots)",
    ));
    assert!(message.contains("`d` is used twice"), "{message}");
}

#[test]
fn a_newer_version_is_refused() {
    let message = refused(&format!("(version: 4, {}", &GOOD[1..]));
    assert!(
        message.contains("version 4") && message.contains("newer"),
        "{message}"
    );
    let message = refused(&format!("(version: 9, hologram: true, {}", &GOOD[1..]));
    assert!(
        message.contains("version 9"),
        "even when newer fields do not parse: {message}"
    );
}

#[test]
fn impossible_values_name_the_field_and_line() {
    for (from, to, field, line) in [
        ("Some(99.9)", "Some(0.0)", "availability", 7),
        ("Some(99.9)", "Some(100.5)", "availability", 7),
        ("Some(99.9)", "Some(-99.9)", "availability", 7),
        ("Some(99.9)", "Some(NaN)", "availability", 7),
        (
            "kind: Cots)",
            "kind: Cots, exposure_per_hour: Some(-1.0))",
            "exposure_per_hour",
            8,
        ),
        (
            "kind: Cots)",
            "kind: Cots, exposure_per_hour: Some(inf))",
            "exposure_per_hour",
            8,
        ),
        (
            "kind: Cots)",
            "kind: Cots, callouts_per_year: -2.0)",
            "callouts_per_year",
            8,
        ),
        (
            "kind: Cots)",
            "kind: Cots, callouts_per_year: NaN)",
            "callouts_per_year",
            8,
        ),
        (
            "settings: (",
            "settings: (weeks_per_year: 0.0, ",
            "weeks_per_year",
            3,
        ),
        (
            "settings: (",
            "settings: (weeks_per_year: -inf, ",
            "weeks_per_year",
            3,
        ),
        (
            "settings: (",
            "settings: (people_per_shift: 0, ",
            "people_per_shift",
            3,
        ),
        (
            "settings: (",
            "settings: (callout_hours: -1.0, ",
            "callout_hours",
            3,
        ),
        (
            "settings: (",
            "settings: (product_pay: (standby_per_week: -5.0, callout_per_hour: 1.0), ",
            "product_pay.standby_per_week",
            3,
        ),
        (
            "settings: (",
            "settings: (ops_pay: (standby_per_week: 5.0, callout_per_hour: -0.5), ",
            "ops_pay.callout_per_hour",
            3,
        ),
        (
            "availability: 99.0)]",
            "availability: 99.0), (max_exposure_per_hour: 1000.0, availability: 99.9)]",
            "repeats the maximum exposure",
            3,
        ),
        (
            "availability: 99.0)]",
            "availability: 0.0)]",
            "availability",
            3,
        ),
        (
            "availability: 99.0)]",
            "availability: 100.5)]",
            "availability",
            3,
        ),
        (
            "max_exposure_per_hour: 1000.0",
            "max_exposure_per_hour: -1000.0",
            "max_exposure_per_hour",
            3,
        ),
    ] {
        let message = refused_at(&broken(from, to), line);
        assert!(message.contains(field), "{field}: {message}");
    }
}

#[test]
fn a_missing_required_field_is_named() {
    let message = refused("(\n    description: \"no name\",\n)");
    assert!(message.contains("`name`"), "{message}");
    let message = refused_at(
        &broken(
            "(id: \"r\", name: \"R\", kind: Cots)",
            "(id: \"r\", name: \"R\")",
        ),
        8,
    );
    assert!(message.contains("`kind`"), "{message}");
    let message = refused(&broken("(id: \"d\", name: \"D\")", "(name: \"D\")"));
    assert!(message.contains("`id`"), "{message}");
}

#[test]
fn version_0_is_refused_and_version_1_may_be_written_or_omitted() {
    let message = refused(&format!("(version: 0, {}", &GOOD[1..]));
    assert!(message.contains("version 0"), "{message}");
    let written = parse(&format!("(version: 1, {}", &GOOD[1..])).unwrap();
    assert_eq!(written, parse(GOOD).unwrap());
}

#[test]
fn a_byte_order_mark_is_accepted() {
    assert_eq!(
        parse(&format!("\u{feff}{GOOD}")).unwrap(),
        parse(GOOD).unwrap()
    );
}

/// The example of SPEC section 3, verbatim: comments and all.
const SPEC_EXAMPLE: &str = r#"(
    version: 1,
    name: "Furniture retailer",
    description: "",
    settings: (
        currency: "GBP",
        weeks_per_year: 52.0,
        people_per_shift: 1,
        callout_hours: 2.0,
        min_rota_size: 3,
        max_services_per_team: 6,
        product_pay: (standby_per_week: 500.0, callout_per_hour: 60.0),
        ops_pay: (standby_per_week: 350.0, callout_per_hour: 45.0),
        exposure_bands: [
            (max_exposure_per_hour: 7000.0, availability: 95.0),
            (max_exposure_per_hour: 250000.0, availability: 99.0),
            (max_exposure_per_hour: 800000.0, availability: 99.9),
        ],
    ),
    domains: [
        (id: "home", name: "Home furnishing"),
    ],
    teams: [
        // kind: Product | Platform | Enabling | ComplicatedSubsystem | Operations
        (id: "bedroom-team", name: "Bedroom", kind: Product, members: 6, domain: Some("home")),
        (id: "app-support", name: "Application support", kind: Operations, members: 5),
    ],
    services: [
        // kind: Digital | Cots | Foundational
        // demand: Low | Medium | High | VeryHigh
        // operating_model: YouBuildItYouRunIt | OpsRunIt        out_of_hours: Off | Domain | Team
        (id: "bedroom", name: "Bedroom frontend", kind: Digital, owner: Some("bedroom-team"),
         exposure_per_hour: Some(200000.0), demand: VeryHigh, callouts_per_year: 6.0),
        (id: "ecommerce-platform", name: "Ecommerce platform", kind: Cots,
         owner: Some("app-support"), exposure_per_hour: Some(810000.0), demand: Low,
         availability: None, operating_model: None, out_of_hours: None),
    ],
    dependencies: [
        (from: "bedroom", to: "ecommerce-platform"),
    ],
    // Team Topologies interaction modes: Collaboration | XAsAService | Facilitating
    interactions: [],
    // canvas positions, by id; missing entries are laid out automatically
    layout: {"bedroom": (x: 120.0, y: 40.0)},
)"#;

#[test]
fn the_spec_example_loads_and_saves_canonically() {
    let model = parse(SPEC_EXAMPLE).unwrap();
    assert_eq!(model.name, "Furniture retailer");
    assert_eq!(
        model.settings,
        Settings {
            exposure_bands: vec![
                ExposureBand {
                    max_exposure_per_hour: 7000.0,
                    availability: 95.0
                },
                ExposureBand {
                    max_exposure_per_hour: 250000.0,
                    availability: 99.0
                },
                ExposureBand {
                    max_exposure_per_hour: 800000.0,
                    availability: 99.9
                },
            ],
            ..Settings::default()
        }
    );
    assert_eq!(model.teams[1].domain, None);
    assert_eq!(model.services[0].out_of_hours, None);
    assert_eq!(model.layout["bedroom"], Position { x: 120.0, y: 40.0 });
    let saved = ron::to_ron(&model);
    assert_eq!(parse(&saved).unwrap(), model);
    assert!(saved.contains(
        "        (id: \"app-support\", name: \"Application support\", kind: Operations, members: 5, domain: None),\n"
    ), "{saved}");
    assert!(
        saved.contains("    layout: {\n        \"bedroom\": (x: 120.0, y: 40.0),\n    },\n"),
        "{saved}"
    );
}

#[test]
fn an_empty_model_is_saved_with_every_field_in_spec_order() {
    let expected = r#"(
    version: 1,
    name: "Empty",
    description: "",
    settings: (
        currency: "GBP",
        weeks_per_year: 52.0,
        people_per_shift: 1,
        callout_hours: 2.0,
        min_rota_size: 3,
        max_services_per_team: 6,
        product_pay: (standby_per_week: 500.0, callout_per_hour: 60.0),
        ops_pay: (standby_per_week: 350.0, callout_per_hour: 45.0),
        exposure_bands: [],
    ),
    domains: [],
    teams: [],
    services: [],
    dependencies: [],
    interactions: [],
    layout: {},
)
"#;
    assert_eq!(ron::to_ron(&Model::named("Empty")), expected);
    assert_eq!(parse(expected).unwrap(), Model::named("Empty"));
}

#[test]
fn empty_binary_and_deeply_nested_input_is_refused_without_a_panic() {
    let deep_parentheses = "(".repeat(200_000);
    let deep_brackets = format!("(name: \"x\", teams: {})", "[".repeat(200_000));
    let deep_options = format!("(name: \"x\", description: {})", "Some(".repeat(200_000));
    for text in [
        "",
        "   \n",
        "()",
        "(name: 1)",
        "[]",
        "not ron at all",
        &deep_parentheses,
        &deep_brackets,
        &deep_options,
    ] {
        refused(text);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("binary.ron");
    std::fs::write(&path, [0x28, 0xff, 0xfe, 0x00, 0x9f, 0x92, 0x96]).unwrap();
    let message = ron::load(&path).unwrap_err().to_string();
    assert!(
        message.contains("binary.ron") && message.contains("UTF-8"),
        "{message}"
    );
}

#[test]
fn random_bytes_never_panic() {
    // A fixed seed: the same inputs every run.
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d_u64);
    let alphabet: Vec<char> = "()[]{}:,\"' _-#!.0123456789eEabcdnmostuSNoe\n\\"
        .chars()
        .collect();
    for length in 0..400 {
        let text: String = (0..length)
            .map(|_| alphabet[rng.below(alphabet.len())])
            .collect();
        let _ = parse(&text);
        // Cut the good model at every length: truncated files must fail cleanly too.
        let cut = GOOD
            .char_indices()
            .nth(length)
            .map_or(GOOD.len(), |(i, _)| i);
        if cut < GOOD.len() {
            refused(&GOOD[..cut]);
        }
    }
}

#[test]
fn random_binary_files_are_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    // Seeded bytes across the whole range: the same files every run.
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15_u64);
    for n in 0..64 {
        let bytes: Vec<u8> = (0..n * 37).map(|_| rng.next_u64() as u8).collect();
        let path = dir.path().join(format!("random-{n}.ron"));
        std::fs::write(&path, &bytes).unwrap();
        let error = ron::load(&path).expect_err("random bytes are not a model");
        assert!(
            error.to_string().starts_with(&path.display().to_string()),
            "{error}"
        );
        // The same bytes made valid UTF-8 are still refused cleanly.
        let _ = parse(&String::from_utf8_lossy(&bytes)).expect_err("not a model");
    }
}

#[test]
fn a_fault_in_a_later_link_points_at_its_own_line() {
    let text = |dependency: &str, interaction: &str| {
        format!(
            r#"(
    name: "x",
    teams: [
        (id: "t", name: "T", kind: Product),
        (id: "u", name: "U", kind: Platform),
    ],
    services: [
        (id: "a", name: "A", kind: Digital),
        (id: "b", name: "B", kind: Digital),
    ],
    dependencies: [
        (from: "a", to: "b"),
        {dependency},
    ],
    interactions: [
        (from: "t", to: "u", mode: XAsAService),
        {interaction},
    ],
)"#
        )
    };
    let fine = r#"(from: "u", to: "t", mode: Facilitating)"#;
    // Line 13 holds the second dependency, line 17 the second interaction.
    for (dependency, interaction, line, named) in [
        (r#"(from: "a", to: "ghost")"#, fine, 13, "ghost"),
        (r#"(from: "ghost", to: "a")"#, fine, 13, "ghost"),
        (
            r#"(from: "b", to: "a")"#,
            r#"(from: "t", to: "nobody")"#,
            17,
            "nobody",
        ),
        (
            r#"(from: "b", to: "a")"#,
            r#"(from: "a", to: "u")"#,
            17,
            "`a` is a service",
        ),
    ] {
        let message = refused_at(&text(dependency, interaction), line);
        assert!(message.contains(named), "{message}");
    }
    assert!(parse(&text(r#"(from: "b", to: "a")"#, fine)).is_ok());
}

// Hostile, broken and huge files (issue 9): every reproducer, kept as a regression test.

/// The message after `model.ron:line:col: `.
fn message_of(text: &str) -> String {
    let message = refused(text);
    assert!(
        !message.contains(['\n', '\r', '\u{1b}']),
        "one clean line: {message:?}"
    );
    message
}

#[test]
fn what_is_not_a_regular_file_is_refused_without_reading_it() {
    let folder = tempfile::tempdir().unwrap();
    let message = ron::load(folder.path()).unwrap_err().to_string();
    assert!(message.contains("a folder"), "{message}");
    // Reading /dev/zero would never end; a device is refused from its metadata.
    let message = ron::load(Path::new("/dev/zero")).unwrap_err().to_string();
    assert!(message.contains("a device"), "{message}");
    #[cfg(unix)]
    {
        // A named pipe with no writer would block whoever opens it for reading.
        let pipe = folder.path().join("pipe.ron");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if made.is_ok_and(|status| status.success()) {
            let message = ron::load(&pipe).unwrap_err().to_string();
            assert!(message.contains("a named pipe"), "{message}");
        }
    }
}

#[test]
fn a_file_over_the_size_cap_is_refused_naming_the_cap() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("huge.ron");
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: as big as the cap plus one byte, without writing them.
    file.set_len(ron::MAX_FILE_BYTES + 1).unwrap();
    let message = ron::load(&path).unwrap_err().to_string();
    assert!(message.contains("128 MiB"), "{message}");
    // A stream is cut at the cap too.
    let endless = std::io::repeat(b' ').take(ron::MAX_FILE_BYTES + 10);
    let message = ron::load_from(endless, Path::new("<stdin>"))
        .unwrap_err()
        .to_string();
    assert!(message.contains("128 MiB"), "{message}");
}

use std::io::Read;

#[test]
fn a_model_is_read_from_a_stream() {
    let model = ron::load_from(GOOD.as_bytes(), Path::new("<stdin>")).unwrap();
    assert_eq!(model.name, "Good");
}

#[test]
fn numbers_beyond_their_bounds_are_refused_naming_the_field() {
    for (from, to, field, line) in [
        (
            "settings: (",
            "settings: (weeks_per_year: 1e308, ",
            "weeks_per_year",
            3,
        ),
        (
            "settings: (",
            "settings: (product_pay: (standby_per_week: 1e308, callout_per_hour: 1.0), ",
            "standby_per_week",
            3,
        ),
        (
            "settings: (",
            "settings: (ops_pay: (standby_per_week: 1.0, callout_per_hour: 1e308), ",
            "callout_per_hour",
            3,
        ),
        (
            "settings: (",
            "settings: (callout_hours: 1000.0, ",
            "callout_hours",
            3,
        ),
        (
            "settings: (",
            "settings: (min_rota_size: 4000000, ",
            "min_rota_size",
            3,
        ),
        (
            "kind: Cots)",
            "kind: Cots, callouts_per_year: 1e308)",
            "callouts_per_year",
            8,
        ),
        (
            "kind: Cots)",
            "kind: Cots, exposure_per_hour: Some(1e308))",
            "exposure_per_hour",
            8,
        ),
        ("members: 4", "members: 4000000", "members", 5),
        (
            "max_exposure_per_hour: 1000.0",
            "max_exposure_per_hour: 1e300",
            "max_exposure_per_hour",
            3,
        ),
    ] {
        let message = refused_at(&broken(from, to), line);
        assert!(message.contains(field), "{field}: {message}");
        assert!(message.len() < 200, "short: {message}");
    }
}

#[test]
fn a_negative_zero_is_read_as_zero() {
    let model = parse(&broken(
        "settings: (",
        "settings: (product_pay: (standby_per_week: -0.0, callout_per_hour: -0.0), ",
    ))
    .unwrap();
    assert!(
        model
            .settings
            .product_pay
            .standby_per_week
            .is_sign_positive()
    );
    assert!(
        model
            .settings
            .product_pay
            .callout_per_hour
            .is_sign_positive()
    );
}

#[test]
fn ids_in_messages_are_escaped_and_shortened() {
    let message = message_of(&broken(r#"owner: Some("t")"#, r#"owner: Some("t\n")"#));
    assert!(message.contains(r"`t\n`"), "{message}");
    let message = message_of(&broken(
        r#"owner: Some("t")"#,
        r#"owner: Some("\u{1b}[2J")"#,
    ));
    assert!(message.contains(r"\u{1b}[2J"), "{message}");
    let long = "x".repeat(10_000_000);
    let message = message_of(&broken(
        "name: \"Good\",",
        &format!("name: \"Good\", {long}: 1,"),
    ));
    assert!(message.len() < 400, "{} bytes", message.len());
    assert_eq!(
        position(&message).map(|(line, _)| line),
        Some(2),
        "{message}"
    );
    let message = message_of(&broken(
        r#"owner: Some("t")"#,
        &format!("owner: Some({long:?})"),
    ));
    assert!(message.len() < 400, "{} bytes", message.len());
}

#[test]
fn an_escaped_id_is_still_found_in_the_file() {
    // "\x41" is the id "A": a repeat of it points at its own line.
    let text = broken(
        r#"(id: "r", name: "R", kind: Cots)"#,
        "(id: \"r\", name: \"R\", kind: Cots),\n               (id: \"\\x41\", name: \"A\", kind: Cots),\n               (id: \"A\", name: \"A2\", kind: Cots)",
    );
    refused_at(&text, 10);
}

#[test]
fn positions_are_not_misled_by_strings_or_comments() {
    let text = "(\n    name: \"x\",\n    description: \"tip: settings: people_per_shift: 2\",\n    // settings: (people_per_shift: 0)\n    settings: (\n        people_per_shift: 0,\n    ),\n)";
    let message = refused_at(text, 6);
    assert!(message.contains("people_per_shift"), "{message}");
}

#[test]
fn the_field_named_is_the_field_at_fault() {
    // With the `services:` key deleted, the list stands where a field name should be.
    let message = message_of(&broken("services: [", "["));
    assert!(message.contains("field name is missing"), "{message}");
    assert!(!message.contains("domain"), "{message}");
    assert_eq!(position(&message).map(|(line, _)| line), Some(7));
}

#[test]
fn the_parsers_wording_is_translated() {
    let message = message_of(&broken("members: 4", "members: 5.0"));
    assert!(message.contains("teams[0].members"), "{message}");
    assert!(message.contains("whole number"), "{message}");
    let message = message_of(&broken("kind: Product", "kind: Product-x"));
    assert!(message.contains("`Platform`"), "lists the kinds: {message}");
    let message = message_of(&broken("kind: Product", "kind: Produce"));
    assert!(
        message.contains("`Produce`") && message.contains("`ComplicatedSubsystem`"),
        "{message}"
    );
    let message = message_of(&format!("{GOOD}\n\n  junk here"));
    assert_eq!(position(&message), Some((13, 3)), "{message}");
    assert!(message.contains("more text after"), "{message}");
}

#[test]
fn blank_ids_are_called_blank_and_located() {
    let message = refused_at(&broken(r#"(id: "u""#, r#"(id: "\t""#), 6);
    assert!(message.contains("blank id"), "{message}");
    assert!(message.contains(r"`\t`"), "{message}");
}

#[test]
fn repeated_layout_keys_and_impossible_positions_are_refused() {
    let text = broken(
        "interactions:",
        "layout: {\n        \"s\": (x: 1.0, y: 2.0),\n        \"s\": (x: 3.0, y: 4.0),\n    },\n    interactions:",
    );
    let message = refused_at(&text, 12);
    assert!(
        message.contains("`s` is given a position twice"),
        "{message}"
    );
    for bad in ["NaN", "inf", "-inf", "1e300"] {
        let text = broken(
            "interactions:",
            &format!(
                "layout: {{\n        \"r\": (x: 1.0, y: 2.0),\n        \"s\": (x: 1.0, y: {bad}),\n    }},\n    interactions:"
            ),
        );
        let message = refused_at(&text, 12);
        assert!(message.contains("`s`"), "{bad}: {message}");
    }
}
