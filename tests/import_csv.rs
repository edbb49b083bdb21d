//! SPEC 6.2: importing a spreadsheet saved as CSV, and exporting a model as the same sheet.

use opmodel::files::csv_sheet::{SheetError, id_from_name, read_sheet, write_sheet};
use opmodel::model::{Demand, Model, ServiceKind, TeamKind};
use proptest::prelude::*;

mod support;
use support::opmodel;

fn read(source: &str) -> Model {
    read_sheet(source, "sheet").unwrap_or_else(|e| panic!("{e}"))
}

fn refused(source: &str) -> SheetError {
    read_sheet(source, "sheet").expect_err("the sheet should be refused")
}

fn dependencies(model: &Model) -> Vec<(&str, &str)> {
    model
        .dependencies
        .iter()
        .map(|d| (d.from.as_str(), d.to.as_str()))
        .collect()
}

#[test]
fn ids_come_from_names() {
    assert_eq!(id_from_name("Home & Garden"), "home-garden");
    assert_eq!(id_from_name("Checkout API v2"), "checkout-api-v2");
    // Runs at the ends become a `-` too: nothing is trimmed but the cell itself.
    assert_eq!(id_from_name("(Legacy) ERP!"), "-legacy-erp-");
}

#[test]
fn a_sheet_becomes_teams_domains_services_and_dependencies() {
    let model = read(
        "Service,Team,Domain,Kind,Team_Kind,Members,Exposure_per_hour,Availability,Demand,Callouts_per_year,Depends_on,Notes\n\
         Checkout,Payments,Retail,,,6,200000,,VeryHigh,12,Card vault;card-vault,ignored\n\
         Card vault,Payments,Online,Foundational,Operations,9,,99.95,,,,\n\
         Stock,Warehouse,,COTS,Platform,,,99,Low,0,Checkout;Stock,\n\
         ,Data platform,Retail,,Enabling,4,,,,,,\n",
    );
    let teams: Vec<(&str, &str, TeamKind, u32, Option<&str>)> = model
        .teams
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.name.as_str(),
                t.kind,
                t.members,
                t.domain.as_deref(),
            )
        })
        .collect();
    // The first row with a non-empty cell sets each of a team's kind, members and domain:
    // Payments takes 6 members and Retail from row 2, and Operations from row 3.
    assert_eq!(
        teams,
        [
            (
                "payments",
                "Payments",
                TeamKind::Operations,
                6,
                Some("retail")
            ),
            ("warehouse", "Warehouse", TeamKind::Platform, 5, None),
            (
                "data-platform",
                "Data platform",
                TeamKind::Enabling,
                4,
                Some("retail")
            ),
        ]
    );
    let domains: Vec<(&str, &str)> = model
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.name.as_str()))
        .collect();
    assert_eq!(domains, [("retail", "Retail"), ("online", "Online")]);
    let checkout = &model.services[0];
    assert_eq!(checkout.id, "checkout");
    assert_eq!(
        checkout.kind,
        ServiceKind::Digital,
        "an empty kind is Digital"
    );
    assert_eq!(checkout.owner.as_deref(), Some("payments"));
    assert_eq!(checkout.exposure_per_hour, Some(200000.0));
    assert_eq!(checkout.demand, Demand::VeryHigh);
    assert_eq!(checkout.callouts_per_year, 12.0);
    let vault = &model.services[1];
    assert_eq!(
        (vault.kind, vault.availability),
        (ServiceKind::Foundational, Some(99.95))
    );
    assert_eq!(model.services[2].kind, ServiceKind::Cots);
    // By name and by id, kept once; a service may depend on itself.
    assert_eq!(
        dependencies(&model),
        [
            ("checkout", "card-vault"),
            ("stock", "checkout"),
            ("stock", "stock")
        ]
    );
    opmodel::model::validate(&model).expect("an imported model is valid");
}

#[test]
fn a_clash_is_settled_services_first_then_teams_then_domains() {
    let model = read("service,team,domain\nPayments,Payments,Payments\n");
    assert_eq!(model.services[0].id, "payments");
    assert_eq!(model.teams[0].id, "payments-team");
    assert_eq!(model.domains[0].id, "payments-domain");
    assert_eq!(model.teams[0].domain.as_deref(), Some("payments-domain"));
    assert_eq!(model.services[0].owner.as_deref(), Some("payments-team"));
    opmodel::model::validate(&model).unwrap();
}

#[test]
fn bom_crlf_semicolons_and_quoted_cells_are_accepted() {
    let model = read(
        "\u{feff}service;team;depends_on\r\n\"Checkout; web\";\"Pay\r\nments\";\r\n\r\nStock;;checkout-web\r\n",
    );
    assert_eq!(model.services[0].name, "Checkout; web");
    assert_eq!(model.teams[0].name, "Pay\r\nments");
    assert_eq!(
        model.services[1].owner, None,
        "an empty team leaves the service unowned"
    );
    assert_eq!(dependencies(&model), [("stock", "checkout-web")]);
    let model = read("service,team\n\"Orders, returns\",\"A \"\"quoted\"\" team\"\n");
    assert_eq!(model.services[0].name, "Orders, returns");
    assert_eq!(model.teams[0].name, "A \"quoted\" team");
}

#[test]
fn fully_empty_rows_are_skipped_but_still_counted() {
    // Rows: 1 header, 2 Checkout, 3 blank, 4 commas only, 5 the bad cell.
    let error = refused("service,team,members\nCheckout,Pay,3\n\n,,\nStock,Pay,many\n");
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(5), Some("members"))
    );
    // A quoted line break makes one spreadsheet row of two lines: row 3 is the bad one.
    let error = refused("service,team,kind\n\"Check\nout\",Pay,\nStock,Pay,Mainframe\n");
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(3), Some("kind"))
    );
}

#[test]
fn every_bad_value_names_its_row_and_column() {
    let cases = [
        ("kind", "Mainframe"),
        ("team_kind", "Squad"),
        ("members", "-1"),
        ("members", "2.5"),
        ("exposure_per_hour", "lots"),
        ("exposure_per_hour", "-5"),
        ("availability", "0"),
        ("availability", "100.1"),
        ("demand", "Extreme"),
        ("callouts_per_year", "NaN"),
        ("callouts_per_year", "inf"),
    ];
    for (column, value) in cases {
        let error = refused(&format!(
            "service,team,{column}\nCheckout,Pay,\nStock,Pay,{value}\n"
        ));
        assert_eq!(error.row, Some(3), "{column} = {value}: {error}");
        assert_eq!(error.column.as_deref(), Some(column), "{error}");
        assert!(error.to_string().contains(value), "{error}");
    }
}

#[test]
fn repeats_unknown_references_quotes_and_headers_are_refused() {
    // A name given twice is refused; names that only give the same id are two services
    // (see `names_whose_ids_clash_are_numbered`).
    let error = refused("service,team\nCheckout,A\nCheckout,B\n");
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(3), Some("service"))
    );
    assert!(error.to_string().contains("row 2"), "{error}");
    let error = refused("service,team,depends_on\nCheckout,A,Ghost\n");
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(2), Some("depends_on"))
    );
    let error = refused("service,team\nCheckout,A\nStock,\"B\n");
    assert_eq!(
        (error.row, error.column.as_deref()),
        (Some(3), Some("team"))
    );
    let error = refused("service,owner\nCheckout,A\n");
    assert_eq!(error.row, Some(1));
    assert!(error.to_string().contains("`team`"), "{error}");
    assert_eq!(refused("").row, Some(1));
}

#[test]
fn a_row_without_a_service_declares_a_team_or_a_domain() {
    let model = read("service,team,domain\n,Data,Core\n,,Lonely\n");
    assert_eq!(model.teams.len(), 1);
    assert_eq!(model.teams[0].domain.as_deref(), Some("core"));
    assert_eq!(model.domains.len(), 2);
    assert!(model.services.is_empty());
}

/// The fields a sheet carries, keyed so two models can be compared after ids are rebuilt.
fn sheet_view(model: &Model) -> String {
    let mut out = String::new();
    let name_of = |id: &str| model.display_name(id).to_owned();
    for team in &model.teams {
        out += &format!(
            "team {} {:?} {} {:?}\n",
            team.name,
            team.kind,
            team.members,
            team.domain.as_deref().map(name_of)
        );
    }
    for domain in &model.domains {
        out += &format!("domain {}\n", domain.name);
    }
    for service in &model.services {
        out += &format!(
            "service {} {:?} {:?} {:?} {:?} {:?} {}\n",
            service.name,
            service.kind,
            service.owner.as_deref().map(name_of),
            service.exposure_per_hour,
            service.availability,
            service.demand,
            service.callouts_per_year
        );
    }
    for d in &model.dependencies {
        out += &format!("dependency {} -> {}\n", name_of(&d.from), name_of(&d.to));
    }
    let mut lines: Vec<&str> = out.lines().collect();
    lines.sort_unstable();
    lines.join("\n")
}

#[test]
fn every_sample_goes_out_to_a_sheet_and_comes_back() {
    for sample in [
        "startup",
        "retail-domains",
        "enterprise-hybrid",
        "needs-attention",
    ] {
        let path = format!("{}/samples/{sample}.ron", env!("CARGO_MANIFEST_DIR"));
        let model = opmodel::files::ron::load(std::path::Path::new(&path)).unwrap();
        let sheet = write_sheet(&model).unwrap();
        let back = read_sheet(&sheet, &model.name).unwrap_or_else(|e| panic!("{sample}: {e}"));
        assert_eq!(sheet_view(&back), sheet_view(&model), "{sample}");
        // Once the ids are rebuilt from names, a second trip changes nothing at all.
        let again = read_sheet(&write_sheet(&back).unwrap(), &model.name).unwrap();
        assert_eq!(again, back, "{sample}");
    }
}

#[test]
fn the_command_line_writes_the_model_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "service,team\nCheckout,Payments\n").unwrap();
    let out = dir.path().join("good.ron");
    let out_path = out.display().to_string();
    let (code, _, stderr) = opmodel(&[
        "import",
        "csv",
        &good.display().to_string(),
        "-o",
        &out_path,
    ]);
    assert_eq!(code, 0, "{stderr}");
    let model = opmodel::files::ron::load(&out).unwrap();
    assert_eq!(model.name, "good");
    assert_eq!(model.services[0].owner.as_deref(), Some("payments"));

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "service,team,availability\nCheckout,Payments,high\n").unwrap();
    let out = dir.path().join("bad.ron");
    let out_path = out.display().to_string();
    let (code, _, message) =
        opmodel(&["import", "csv", &bad.display().to_string(), "-o", &out_path]);
    assert_eq!(code, 2);
    assert!(
        message.contains("bad.csv: row 2, column availability"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(!out.exists(), "nothing is written");
}

/// Names that a sheet keeps exactly: no spaces at either end, distinct ids.
fn name() -> impl Strategy<Value = String> {
    "[A-Za-z][A-Za-z0-9 ,;\"&]{0,10}[A-Za-z0-9]"
}

fn arbitrary_model() -> impl Strategy<Value = Model> {
    let service = (
        name(),
        0..3usize,
        proptest::option::of(0..4usize),
        proptest::option::of(0.0..1e6f64),
        proptest::option::of(90.0..100.0f64),
        0..4usize,
        0.0..50.0f64,
    );
    (
        proptest::collection::vec(name(), 0..3),
        proptest::collection::vec(
            (name(), 0..5usize, 0..20u32, proptest::option::of(0..3usize)),
            0..4,
        ),
        proptest::collection::vec(service, 0..8),
        proptest::collection::vec((0..8usize, 0..8usize), 0..10),
    )
        .prop_map(|(domains, teams, services, dependencies)| {
            let mut model = Model::named("prop");
            let mut used = std::collections::HashSet::new();
            for name in domains {
                let id = format!("domain-{}", id_from_name(&name));
                if used.insert(id_from_name(&name)) {
                    model.domains.push(opmodel::model::Domain { id, name });
                }
            }
            for (name, kind, members, domain) in teams {
                if !used.insert(id_from_name(&name)) {
                    continue;
                }
                let mut team = opmodel::model::Team::new(
                    &format!("team-{}", id_from_name(&name)),
                    &name,
                    TeamKind::ALL[kind],
                );
                team.members = members;
                team.domain = domain
                    .and_then(|d| model.domains.get(d))
                    .map(|d| d.id.clone());
                model.teams.push(team);
            }
            for (name, kind, owner, exposure, availability, demand, callouts) in services {
                if !used.insert(id_from_name(&name)) {
                    continue;
                }
                let mut service = opmodel::model::Service::new(
                    &id_from_name(&name),
                    &name,
                    ServiceKind::ALL[kind],
                );
                service.owner = owner.and_then(|o| model.teams.get(o)).map(|t| t.id.clone());
                service.exposure_per_hour = exposure;
                service.availability = availability;
                service.demand = Demand::ALL[demand];
                service.callouts_per_year = callouts;
                model.services.push(service);
            }
            for (from, to) in dependencies {
                if let (Some(from), Some(to)) = (model.services.get(from), model.services.get(to)) {
                    let dependency = opmodel::model::Dependency {
                        from: from.id.clone(),
                        to: to.id.clone(),
                    };
                    if !model.dependencies.contains(&dependency) {
                        model.dependencies.push(dependency);
                    }
                }
            }
            model
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_model_survives_a_trip_through_a_sheet(model in arbitrary_model()) {
        let sheet = write_sheet(&model).map_err(TestCaseError::fail)?;
        let back = read_sheet(&sheet, "prop").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(sheet_view(&back), sheet_view(&model));
    }
}

#[test]
fn the_sample_sheet_imports_to_a_valid_model() {
    let path =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/retail-services.csv");
    let (model, _) = opmodel::files::csv_sheet::import(&path, "Retail").unwrap();
    opmodel::model::validate(&model).unwrap();
    // 12 service rows; 7 teams own them and the last row declares an eighth.
    assert_eq!(
        (model.services.len(), model.teams.len(), model.domains.len()),
        (12, 8, 3)
    );
    let tills = model.service("store-tills").unwrap();
    assert_eq!(tills.lifecycle, opmodel::model::Lifecycle::Retiring);
    assert_eq!(tills.owner.as_deref(), Some("retail-systems-support"));
    assert_eq!(
        model.service("payments").unwrap().compliance,
        ["PCI-DSS", "SOX"]
    );
}
