//! Roadmaps (SPEC 8.3) worked by hand: days per phase, the cost of the year, handovers and
//! each phase's change from the one before; loading errors naming the roadmap file, the line
//! and column, the phase and the model path; and `opmodel roadmap` in every format.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{opmodel, write};

/// Web (4 people, shop domain) runs Checkout at 99.95 % with high demand: You Build It You
/// Run It at team level, team:web, 500 × 52 = 26,000 standby + 2 callouts × 2 h × 60 = 240.
/// Web also owns the ERP, a COTS system at 99.5 % with low demand: Ops Run It recommended,
/// and a product team cannot cover it (uncovered, no cost). Total 26,240.
const TODAY: &str = r#"(
    name: "Today",
    domains: [(id: "shop", name: "Shop")],
    teams: [
        (id: "web", name: "Web", kind: Product, members: 4, domain: Some("shop")),
        (id: "ops", name: "Operations bridge", kind: Operations, members: 5),
    ],
    services: [
        (id: "checkout", name: "Checkout", kind: Digital, owner: Some("web"), availability: Some(99.95), demand: High, callouts_per_year: 2.0),
        (id: "erp", name: "ERP", kind: Cots, owner: Some("web"), availability: Some(99.5), demand: Low, callouts_per_year: 4.0),
    ],
)"#;

/// The ERP moves to the operations team: ops:ops, 350 × 52 = 18,200 + 4 × 2 h × 45 = 360.
/// Total 26,240 + 18,560 = 44,800. Handover: the ERP, Web → Operations bridge.
fn cots_to_ops() -> String {
    TODAY
        .replace("name: \"Today\"", "name: \"COTS to operations\"")
        .replace(
            "(id: \"erp\", name: \"ERP\", kind: Cots, owner: Some(\"web\")",
            "(id: \"erp\", name: \"ERP\", kind: Cots, owner: Some(\"ops\")",
        )
}

/// Checkout follows, run Ops Run It: the team rota closes and ops:ops covers both,
/// 18,200 + 2 × 2 × 45 = 180 + 360 = 18,740. Handover: Checkout, Web → Operations bridge,
/// You Build It You Run It → Ops Run It.
fn all_to_ops() -> String {
    cots_to_ops()
        .replace("name: \"COTS to operations\"", "name: \"All to operations\"")
        .replace(
            "(id: \"checkout\", name: \"Checkout\", kind: Digital, owner: Some(\"web\")",
            "(id: \"checkout\", name: \"Checkout\", kind: Digital, owner: Some(\"ops\"), operating_model: Some(OpsRunIt)",
        )
}

/// 2027-01-04 to 2027-03-01: 28 + 28 = 56 days; to 2027-07-01: 31 + 30 + 31 + 30 = 122; to
/// one year after the start, 2028-01-04: 31 + 31 + 30 + 31 + 30 + 31 + 3 = 187. 365 in all.
const ROADMAP: &str = r#"(name: "Shop to operations", phases: [
    (name: "Today", start: "2027-01-04", model: "today.ron"),
    (name: "COTS to operations", start: "2027-03-01", model: "models/cots.ron"),
    (name: "All to operations", start: "2027-07-01", model: "models/all.ron"),
])"#;

struct Files {
    _dir: tempfile::TempDir,
    roadmap: PathBuf,
}

fn files(roadmap: &str) -> Files {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("models")).unwrap();
    write(dir.path(), "today.ron", TODAY);
    write(&dir.path().join("models"), "cots.ron", &cots_to_ops());
    write(&dir.path().join("models"), "all.ron", &all_to_ops());
    let roadmap = write(dir.path(), "shop.roadmap.ron", roadmap);
    Files { _dir: dir, roadmap }
}

fn json(path: &Path) -> Value {
    let (code, stdout, stderr) = opmodel(&["roadmap", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("JSON")
}

#[test]
fn each_phase_lasts_until_the_next_and_the_last_until_a_year_after_the_first() {
    let files = files(ROADMAP);
    let plan = json(&files.roadmap);
    assert_eq!(plan["start"], "2027-01-04");
    assert_eq!(plan["end"], "2028-01-04");
    let days: Vec<i64> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["days"].as_i64().unwrap())
        .collect();
    assert_eq!(days, [56, 122, 187]);
    assert_eq!(plan["phases"][1]["end"], "2027-07-01");
    assert_eq!(plan["phases"][2]["end"], "2028-01-04");
}

#[test]
fn the_cost_of_the_year_weighs_each_phase_by_its_days() {
    let files = files(ROADMAP);
    let plan = json(&files.roadmap);
    let annual: Vec<f64> = plan["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["figures"]["annual_cost"].as_f64().unwrap())
        .collect();
    assert_eq!(annual, [26_240.0, 44_800.0, 18_740.0]);
    let expected = (26_240.0 * 56.0 + 44_800.0 * 122.0 + 18_740.0 * 187.0) / 365.0;
    let cost = plan["cost_of_the_year"].as_f64().unwrap();
    assert!((cost - expected).abs() < 1e-6, "{cost} ≠ {expected}");
    assert!(
        (plan["phases"][0]["cost_in_the_year"].as_f64().unwrap() - 26_240.0 * 56.0 / 365.0).abs()
            < 1e-9
    );
}

#[test]
fn handovers_are_services_whose_owner_or_operating_model_changes() {
    let files = files(ROADMAP);
    let plan = json(&files.roadmap);
    assert_eq!(plan["phases"][0]["handovers"], serde_json::json!([]));
    assert_eq!(
        plan["phases"][1]["handovers"],
        serde_json::json!([{
            "service": "erp", "owner_before": "web", "owner_after": "ops",
            "operating_model_before": "OpsRunIt", "operating_model_after": "OpsRunIt"
        }])
    );
    assert_eq!(
        plan["phases"][2]["handovers"],
        serde_json::json!([{
            "service": "checkout", "owner_before": "web", "owner_after": "ops",
            "operating_model_before": "YouBuildItYouRunIt", "operating_model_after": "OpsRunIt"
        }])
    );
}

#[test]
fn each_phase_changes_from_the_one_before_as_a_comparison_says() {
    let files = files(ROADMAP);
    let plan = json(&files.roadmap);
    assert_eq!(plan["phases"][0]["change"], Value::Null);
    let second = &plan["phases"][1]["change"];
    assert_eq!(second["annual_cost"], 18_560.0);
    assert_eq!(second["rotas_added"], serde_json::json!(["ops:ops"]));
    // The ERP is covered now: its uncovered-service error is gone.
    assert_eq!(
        second["findings_removed"],
        serde_json::json!([["error", "uncovered-service", "erp"]])
    );
    let third = &plan["phases"][2]["change"];
    assert_eq!(third["annual_cost"], 18_740.0 - 44_800.0);
    assert_eq!(third["rotas_removed"], serde_json::json!(["team:web"]));
    assert_eq!(third["rotas_changed"], serde_json::json!(["ops:ops"]));
}

#[test]
fn the_text_shows_the_phases_the_year_and_the_handovers_by_name() {
    let files = files(ROADMAP);
    let (code, text, stderr) = opmodel(&["roadmap", files.roadmap.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.starts_with("Shop to operations\n"), "{text}");
    assert!(
        text.contains(
            "3 phases over the 365 days from 2027-01-04; the cost of the year is GBP 28,601."
        ),
        "{text}"
    );
    let row = |start: &str| -> Vec<String> {
        text.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no {start} row in\n{text}"))
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // 26,240 × 56 ÷ 365 = 4,025.8.
    assert_eq!(
        row("Today  ")[..6],
        ["Today", "2027-01-04", "2027-02-28", "56", "26,240", "4,026"]
    );
    assert_eq!(
        row("Cost of the year"),
        [
            "Cost of the year",
            "2027-01-04",
            "2028-01-03",
            "365",
            "28,601"
        ]
    );
    assert_eq!(
        row("Checkout  Web"),
        [
            "Checkout",
            "Web → Operations bridge",
            "You Build It You Run It → Ops Run It"
        ]
    );
    assert_eq!(
        row("ERP "),
        ["ERP", "Web → Operations bridge", "Ops Run It"]
    );
    assert!(text.contains("Change from COTS to operations"), "{text}");
}

#[test]
fn markdown_is_headings_and_tables() {
    let files = files(ROADMAP);
    let (code, markdown, _) = opmodel(&[
        "roadmap",
        files.roadmap.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0);
    assert!(markdown.starts_with("# Shop to operations\n"), "{markdown}");
    assert!(markdown.contains("| Cost of the year | 2027-01-04 | 2028-01-03 | 365 |  | 28,601 |"));
    assert!(markdown.contains("### Handovers\n\n| Service | Owner | Operating model |"));
    assert!(markdown.contains("| Figure | COTS to operations | All to operations | Change |"));
    for line in markdown.lines() {
        assert!(
            !line.starts_with(' '),
            "an indented line breaks Markdown: {line:?}"
        );
    }
}

/// Runs `opmodel roadmap` on `roadmap` text and returns its one-line error.
fn refused(roadmap: &str) -> String {
    let files = files(roadmap);
    let (code, stdout, stderr) = opmodel(&["roadmap", files.roadmap.to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("panicked"));
    stderr
}

#[test]
fn a_missing_phase_model_names_the_roadmap_the_phase_and_the_model_path() {
    let error = refused(&ROADMAP.replace("models/all.ron", "models/gone.ron"));
    assert!(error.contains("shop.roadmap.ron:4:"), "{error}");
    assert!(error.contains("phase `All to operations`"), "{error}");
    assert!(
        error.contains("`models/gone.ron` cannot be loaded"),
        "{error}"
    );
    assert!(error.contains("No such file"), "{error}");
}

#[test]
fn an_unreadable_phase_model_says_where_in_it() {
    let files = files(ROADMAP);
    let broken = files.roadmap.with_file_name("models").join("cots.ron");
    std::fs::write(
        &broken,
        "(name: \"x\", teams: [(id: \"t\", name: \"T\", kind: Team)])",
    )
    .unwrap();
    let (code, _, stderr) = opmodel(&["roadmap", files.roadmap.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("shop.roadmap.ron:3:"), "{stderr}");
    assert!(stderr.contains("phase `COTS to operations`"), "{stderr}");
    assert!(
        stderr.contains("cots.ron:1:"),
        "the model's own line and column: {stderr}"
    );
    assert!(stderr.contains("`Team` is not one of"), "{stderr}");
}

#[test]
fn bad_dates_and_orders_are_refused_at_their_line_and_column() {
    let error = refused(&ROADMAP.replace("2027-03-01", "2027-02-30"));
    assert!(error.contains("shop.roadmap.ron:3:"), "{error}");
    assert!(
        error.contains("`2027-02-30`, which is not a date"),
        "{error}"
    );

    let error = refused(&ROADMAP.replace("2027-07-01", "2027-02-01"));
    assert!(error.contains("shop.roadmap.ron:4:"), "{error}");
    assert!(
        error.contains("not after the phase before it (2027-03-01)"),
        "{error}"
    );

    // 2028-01-04 is one year after 2027-01-04: the last phase may start then, not later.
    let error = refused(&ROADMAP.replace("2027-07-01", "2028-01-05"));
    assert!(error.contains("later than 2028-01-04"), "{error}");
    let files = files(&ROADMAP.replace("2027-07-01", "2028-01-04"));
    assert_eq!(json(&files.roadmap)["phases"][2]["days"], 0);
}

#[test]
fn a_roadmap_that_is_not_one_is_refused_with_its_line_and_column() {
    let error = refused(&ROADMAP.replace("model: \"today.ron\"", "modle: \"today.ron\""));
    assert!(error.contains("shop.roadmap.ron:2:"), "{error}");
    assert!(error.contains("no field `modle`"), "{error}");
    let error = refused("(name: \"Empty\", phases: [])");
    assert!(error.contains("at least one phase"), "{error}");
    let error = refused("");
    assert!(error.contains("shop.roadmap.ron"), "{error}");
    let (code, _, stderr) = opmodel(&["roadmap", "/nonexistent/x.roadmap.ron"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("x.roadmap.ron: cannot read the file"),
        "{stderr}"
    );
}
