//! `opmodel compare` end to end: every part of the delta (SPEC section 4) on a what-if pair
//! worked out by hand, in JSON, text and Markdown.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Checkout on its own team rota; search on the shop domain rota; an old service that
/// needs no cover.
///
/// pay: exposure 500,000 → 99.9 %, very high demand → You Build It You Run It, Team level,
/// team:checkout (pool 6): standby 500 × 52 = 26,000, callout 5 × 2 h × 60 = 600.
/// find: 50,000 → 99.0 %, high demand → Domain level; search has no team rota →
/// domain:shop, pool = search's 4 (checkout runs a team rota): 26,000 + 2 × 2 × 60 = 240.
/// old: 5,000 → 95 % → Off, no cover needed.
/// Totals: 52,840 (standby 52,000, callout 840), 2 rotas, coverage 1.0 and 1.0.
const BEFORE: &str = r#"(
    name: "Before",
    settings: (exposure_bands: [
        (max_exposure_per_hour: 10000.0, availability: 95.0),
        (max_exposure_per_hour: 100000.0, availability: 99.0),
        (max_exposure_per_hour: 1000000.0, availability: 99.9),
    ]),
    domains: [(id: "shop", name: "Shop")],
    teams: [
        (id: "checkout", name: "Checkout", kind: Product, members: 6, domain: Some("shop")),
        (id: "search", name: "Search", kind: Product, members: 4, domain: Some("shop")),
        (id: "legacy-team", name: "Legacy", kind: Product, members: 3),
    ],
    services: [
        (id: "pay", name: "Payments", kind: Digital, owner: Some("checkout"), exposure_per_hour: Some(500000.0), demand: VeryHigh, callouts_per_year: 5.0),
        (id: "find", name: "Find", kind: Digital, owner: Some("search"), exposure_per_hour: Some(50000.0), demand: High, callouts_per_year: 2.0),
        (id: "old", name: "Old", kind: Digital, owner: Some("legacy-team"), exposure_per_hour: Some(5000.0), demand: High),
    ],
)"#;

/// What if checkout moves to the domain rota? pay is overridden to Domain level, so checkout
/// no longer runs a team rota and joins the domain pool: 6 + 5 (search grew) = 11. old is
/// retired and recs (95 %, no cover) added. One rota: 26,000 + (5 + 2) × 2 × 60 = 26,840.
const AFTER: &str = r#"(
    name: "After",
    settings: (exposure_bands: [
        (max_exposure_per_hour: 10000.0, availability: 95.0),
        (max_exposure_per_hour: 100000.0, availability: 99.0),
        (max_exposure_per_hour: 1000000.0, availability: 99.9),
    ]),
    domains: [(id: "shop", name: "Shop")],
    teams: [
        (id: "checkout", name: "Checkout", kind: Product, members: 6, domain: Some("shop")),
        (id: "search", name: "Search", kind: Product, members: 5, domain: Some("shop")),
        (id: "legacy-team", name: "Legacy", kind: Product, members: 3),
    ],
    services: [
        (id: "pay", name: "Payments", kind: Digital, owner: Some("checkout"), exposure_per_hour: Some(500000.0), demand: VeryHigh, callouts_per_year: 5.0, out_of_hours: Some(Domain)),
        (id: "find", name: "Find", kind: Digital, owner: Some("search"), exposure_per_hour: Some(50000.0), demand: High, callouts_per_year: 2.0),
        (id: "recs", name: "Recommendations", kind: Digital, owner: Some("search"), exposure_per_hour: Some(5000.0), demand: High),
    ],
)"#;

struct Pair {
    _dir: tempfile::TempDir,
    before: PathBuf,
    after: PathBuf,
}

fn pair() -> Pair {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("writable");
        path
    };
    let (before, after) = (write("before.ron", BEFORE), write("after.ron", AFTER));
    Pair {
        _dir: dir,
        before,
        after,
    }
}

fn compare(a: &Path, b: &Path, format: &str) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args([
            "compare",
            &a.display().to_string(),
            &b.display().to_string(),
            "--format",
            format,
        ])
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(pair: &Pair) -> Value {
    let (code, stdout, stderr) = compare(&pair.before, &pair.after, "json");
    assert_eq!(code, 0, "stderr: {stderr}");
    serde_json::from_str(&stdout).expect("compare prints JSON")
}

fn ids(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v.as_str().expect("an id"))
        .collect()
}

#[test]
fn json_holds_both_reports() {
    let pair = pair();
    let out = json(&pair);
    assert_eq!(out["a"]["name"], "Before");
    assert_eq!(out["b"]["name"], "After");
    assert_eq!(out["a"]["totals"]["annual_cost"], 52_840.0);
    assert_eq!(out["b"]["totals"]["annual_cost"], 26_840.0);
    assert_eq!(out["b"]["rotas"][0]["pool"], 11);
}

#[test]
fn delta_of_totals_coverage_and_rota_count_is_b_minus_a() {
    let delta = &json(&pair())["delta"];
    assert_eq!(delta["annual_cost"], -26_000.0);
    assert_eq!(delta["standby_cost"], -26_000.0);
    assert_eq!(delta["callout_cost"], 0.0);
    assert_eq!(delta["ownership"], 0.0);
    assert_eq!(delta["on_call"], 0.0);
    assert_eq!(delta["rotas"], -1);
}

#[test]
fn delta_lists_services_and_teams_added_removed_and_changed() {
    let delta = &json(&pair())["delta"];
    assert_eq!(ids(&delta["services_added"]), ["recs"]);
    assert_eq!(ids(&delta["services_removed"]), ["old"]);
    assert_eq!(ids(&delta["services_changed"]), ["pay"]);
    assert!(ids(&delta["teams_added"]).is_empty());
    assert!(ids(&delta["teams_removed"]).is_empty());
    assert_eq!(ids(&delta["teams_changed"]), ["search"]);
}

#[test]
fn delta_names_each_changed_field_from_what_to_what() {
    let delta = &json(&pair())["delta"];
    let changes = delta["changes"].as_array().expect("a list of changes");
    assert_eq!(changes.len(), 2);
    let pay = changes
        .iter()
        .find(|c| c["id"] == "pay")
        .expect("pay changed");
    assert_eq!(pay["kind"], "service");
    assert_eq!(
        pay["fields"].as_array().unwrap().len(),
        1,
        "only out_of_hours changed: {pay}"
    );
    assert_eq!(pay["fields"][0]["field"], "out_of_hours");
    assert_eq!(pay["fields"][0]["old"], Value::Null);
    assert_eq!(pay["fields"][0]["new"], "Domain");
    let search = changes
        .iter()
        .find(|c| c["id"] == "search")
        .expect("search changed");
    assert_eq!(search["fields"][0]["field"], "members");
    assert_eq!(
        (
            search["fields"][0]["old"].as_u64(),
            search["fields"][0]["new"].as_u64()
        ),
        (Some(4), Some(5))
    );
}

#[test]
fn delta_spells_out_rota_differences() {
    let delta = &json(&pair())["delta"];
    assert_eq!(ids(&delta["rotas_removed"]), ["team:checkout"]);
    assert!(ids(&delta["rotas_added"]).is_empty());
    // SPEC 8.1: the three rota lists hold ids; what changed is in `rota_changes`.
    assert_eq!(ids(&delta["rotas_changed"]), ["domain:shop"]);
    let changed = &delta["rota_changes"][0];
    assert_eq!(changed["id"], "domain:shop");
    assert_eq!(
        (changed["pool_a"].as_u64(), changed["pool_b"].as_u64()),
        (Some(4), Some(11))
    );
    assert_eq!(
        (
            changed["annual_cost_a"].as_f64(),
            changed["annual_cost_b"].as_f64()
        ),
        (Some(26_240.0), Some(26_840.0))
    );
}

#[test]
fn a_model_compared_with_itself_has_no_delta() {
    let pair = pair();
    let (code, stdout, _) = compare(&pair.before, &pair.before, "json");
    assert_eq!(code, 0);
    let delta = &serde_json::from_str::<Value>(&stdout).unwrap()["delta"];
    assert_eq!(delta["annual_cost"], 0.0);
    for list in [
        "services_added",
        "services_removed",
        "services_changed",
        "teams_added",
        "teams_removed",
        "teams_changed",
    ] {
        assert!(ids(&delta[list]).is_empty(), "{list} should be empty");
    }
}

/// The cells of the row of `table` (a terminal table) whose first cell is `label`, split
/// where two spaces or more separate them.
fn cells(text: &str, label: &str) -> Vec<String> {
    split_row(
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in:\n{text}")),
    )
}

/// The cells of the first row that holds `needle`.
fn row_with(text: &str, needle: &str) -> Vec<String> {
    split_row(
        text.lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no row with {needle} in:\n{text}")),
    )
}

fn split_row(line: &str) -> Vec<String> {
    line.trim()
        .split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn text_is_a_side_by_side_table() {
    let pair = pair();
    let (code, stdout, _) = compare(&pair.before, &pair.after, "text");
    assert_eq!(code, 0);
    // SPEC 7.5: A is the baseline and the change column says so.
    assert_eq!(cells(&stdout, "Figure"), ["Figure", "A", "B", "B − A"]);
    assert_eq!(
        cells(&stdout, "Annual cost"),
        ["Annual cost (GBP)", "52,840", "26,840", "−26,000"]
    );
    assert_eq!(cells(&stdout, "Rotas "), ["Rotas", "2", "1", "−1"]);
    // SPEC 8.1: services and teams by name, values in the editor's words.
    assert_eq!(
        cells(&stdout, "Added"),
        ["Added", "service", "Recommendations"]
    );
    assert_eq!(cells(&stdout, "Removed"), ["Removed", "service", "Old"]);
    assert_eq!(
        cells(&stdout, "Changed  service"),
        [
            "Changed",
            "service",
            "Payments",
            "out of hours: By availability (Team) → Domain"
        ]
    );
    assert_eq!(
        cells(&stdout, "Changed  team"),
        ["Changed", "team", "Search", "members: 4 → 5"]
    );
    // Rotas by name, with pool, 1 in N, weeks on call per person and cost in each model.
    assert_eq!(
        cells(&stdout, "Checkout  team"),
        [
            "Checkout",
            "team",
            "pool 6, 1 in 6, 8.7 weeks each, 26,600",
            "—",
            "−26,600"
        ]
    );
    assert_eq!(
        cells(&stdout, "Shop"),
        [
            "Shop",
            "domain",
            "pool 4, 1 in 4, 13 weeks each, 26,240",
            "pool 11, 1 in 11, 4.7 weeks each, 26,840",
            "+600"
        ]
    );
    // Checkout's six go from their own rota (52 ÷ 6 = 8.7 weeks) to the shop's eleven
    // (52 ÷ 11 = 4.7); search's from the shop's four (13) to the same eleven.
    assert_eq!(
        cells(&stdout, "Checkout  8.7"),
        ["Checkout", "8.7 (Checkout)", "4.7 (Shop)", "−3.9"]
    );
    assert_eq!(
        cells(&stdout, "Search  "),
        ["Search", "13 (Shop)", "4.7 (Shop)", "−8.3"]
    );
}

#[test]
fn markdown_is_tables_a_decision_record_takes_as_they_are() {
    let pair = pair();
    let (code, stdout, _) = compare(&pair.before, &pair.after, "markdown");
    assert_eq!(code, 0);
    assert!(stdout.contains("| Figure | A | B | B − A |"), "{stdout}");
    assert!(
        stdout.contains("| Annual cost (GBP) | 52,840 | 26,840 | −26,000 |"),
        "{stdout}"
    );
    assert!(stdout.contains("| Standby | 52,000 | 26,000 | −26,000 |\n"));
    assert!(stdout.contains("| Added | service | Recommendations |  |\n"));
    // Every line is a heading, a sentence or a whole table row: no indented row breaks
    // a table, and every row has as many cells as its header.
    let mut columns = None;
    for line in stdout.lines() {
        if line.starts_with('|') {
            assert!(line.ends_with('|'), "{line}");
            let cells = line.matches('|').count() - line.matches("\\|").count();
            assert_eq!(*columns.get_or_insert(cells), cells, "{line}");
        } else {
            columns = None;
            assert!(!line.starts_with(' '), "an indented line: {line:?}");
        }
    }
}

#[test]
fn an_unloadable_side_exits_2_naming_the_file() {
    let pair = pair();
    let broken = pair.before.with_file_name("broken.ron");
    std::fs::write(
        &broken,
        "(name: \"x\", teams: [(id: \"t\", name: \"T\", kind: Team)])",
    )
    .unwrap();
    let (code, stdout, stderr) = compare(&pair.before, &broken, "text");
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("broken.ron:1:"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn a_missing_side_exits_2_without_output() {
    let pair = pair();
    let missing = pair.before.with_file_name("missing.ron");
    for (a, b) in [(&missing, &pair.after), (&pair.before, &missing)] {
        let (code, stdout, stderr) = compare(a, b, "json");
        assert_eq!(code, 2);
        assert!(stdout.is_empty(), "{stdout}");
        assert!(stderr.contains("missing.ron"), "{stderr}");
        assert!(!stderr.contains("panicked"));
    }
}

/// `BEFORE` with the minimum rota size raised from 3 to 5: the shop domain rota (pool 4)
/// falls below it, while checkout's team rota (pool 6) stays healthy. Pools, services and
/// costs are all unchanged.
fn stricter_rule() -> String {
    BEFORE.replace(
        "settings: (exposure_bands",
        "settings: (min_rota_size: 5, exposure_bands",
    )
}

#[test]
fn a_rota_that_turns_unhealthy_is_a_finding_not_a_rota_change() {
    // SPEC 8.1: a rota is changed when its pool, frequency, services or cost differ; the
    // stricter rule changes none of them, and shows as the understaffed-rota finding it adds.
    let pair = pair();
    let stricter = pair.before.with_file_name("stricter.ron");
    std::fs::write(&stricter, stricter_rule()).unwrap();
    let (code, stdout, stderr) = compare(&pair.before, &stricter, "json");
    assert_eq!(code, 0, "{stderr}");
    let delta = &serde_json::from_str::<Value>(&stdout).unwrap()["delta"];
    assert!(ids(&delta["rotas_changed"]).is_empty(), "{delta}");
    assert_eq!(
        delta["findings_added"],
        serde_json::json!([["error", "understaffed-rota", "domain:shop"]])
    );
    assert_eq!(delta["findings_removed"], serde_json::json!([]));

    let (_, text, _) = compare(&pair.before, &stricter, "text");
    let added = cells(&text, "+  error");
    assert_eq!(added[..3], ["+", "error", "understaffed-rota"], "{text}");
    assert!(
        added[3].contains("Shop"),
        "the message names the rota: {text}"
    );
    assert_eq!(
        cells(&text, "Changed  setting"),
        ["Changed", "setting", "smallest healthy rota", "3 → 5"]
    );
    // And back: the other way round the finding is removed.
    let (_, markdown, _) = compare(&stricter, &pair.before, "markdown");
    assert!(
        markdown.contains("| − | error | understaffed-rota | "),
        "{markdown}"
    );
}

#[test]
fn unchanged_rota_figures_are_not_listed() {
    // domain:shop: pool 4 → 11 and one service more (+Payments), cost 26,240 → 26,840;
    // nothing else about it is listed, so no "x → x" appears anywhere.
    let pair = pair();
    let delta = &json(&pair)["delta"];
    assert_eq!(
        delta["rota_changes"][0]["services_added"],
        serde_json::json!(["pay"])
    );
    let (_, text, _) = compare(&pair.before, &pair.after, "text");
    for line in text.lines().filter(|l| l.contains('→')) {
        for part in line.split(", ") {
            let values: Vec<&str> = part.rsplit(' ').take(3).collect();
            assert!(
                !(values.len() == 3 && values[1] == "→" && values[0] == values[2]),
                "unchanged value listed: {line}"
            );
        }
    }
}

/// `BEFORE` with Checkout down to two people, Find without an owner, Old a COTS service run
/// Ops Run It against its recommendation, and at most 0 services a team.
///
/// pay: 99.9 %, very high demand → team:checkout, pool 2 < 3: understaffed, 26,600.
/// find: no owner → uncovered (orphan-service), no rota, so the shop domain rota closes.
/// old: 95 %, high demand → Weekly → You Build It You Run It recommended; run Ops Run It
/// (override-differs), Off out of hours (95 % < 99.0).
/// Checkout and Legacy each own a service, more than 0 (team-overloaded); Search owns none.
/// Total 26,600; ownership 2 of 3; on-call coverage 0 of 2 (pay understaffed, find uncovered).
fn third() -> String {
    BEFORE
        .replace("name: \"Before\"", "name: \"Third\"")
        .replace(
            "settings: (exposure_bands",
            "settings: (max_services_per_team: 0, exposure_bands",
        )
        .replace(
            "name: \"Checkout\", kind: Product, members: 6",
            "name: \"Checkout\", kind: Product, members: 2",
        )
        .replace(
            "kind: Digital, owner: Some(\"search\")",
            "kind: Digital, owner: None",
        )
        .replace(
            "(id: \"old\", name: \"Old\", kind: Digital,",
            "(id: \"old\", name: \"Old\", kind: Cots, operating_model: Some(OpsRunIt),",
        )
}

fn run(paths: &[&Path], format: &str) -> (i32, String, String) {
    let mut args: Vec<String> = vec!["compare".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    args.extend(["--format".into(), format.into()]);
    let output = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(&args)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn three(pair: &Pair) -> PathBuf {
    let path = pair.before.with_file_name("third.ron");
    std::fs::write(&path, third()).unwrap();
    path
}

#[test]
fn a_three_way_comparison_is_two_two_way_comparisons_against_a() {
    let pair = pair();
    let third = three(&pair);
    let parse = |(code, stdout, stderr): (i32, String, String)| -> Value {
        assert_eq!(code, 0, "{stderr}");
        serde_json::from_str(&stdout).expect("JSON")
    };
    let all = parse(run(&[&pair.before, &pair.after, &third], "json"));
    let ab = parse(run(&[&pair.before, &pair.after], "json"));
    let ac = parse(run(&[&pair.before, &third], "json"));
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&all), ["models", "deltas"]);
    assert_eq!(
        keys(&ab),
        ["a", "b", "delta"],
        "two models keep their shape"
    );
    assert_eq!(all["models"].as_array().unwrap().len(), 3);
    assert_eq!(all["models"][0], ab["a"]);
    assert_eq!(all["models"][0], ac["a"]);
    assert_eq!(all["models"][1], ab["b"]);
    assert_eq!(all["models"][2], ac["b"]);
    assert_eq!(all["deltas"].as_array().unwrap().len(), 2);
    assert_eq!(all["deltas"][0], ab["delta"]);
    assert_eq!(all["deltas"][1], ac["delta"]);
}

#[test]
fn the_delta_of_c_lists_rotas_and_findings_as_spec_8_1_says() {
    let pair = pair();
    let third = three(&pair);
    let (code, stdout, stderr) = run(&[&pair.before, &pair.after, &third], "json");
    assert_eq!(code, 0, "{stderr}");
    let all: Value = serde_json::from_str(&stdout).unwrap();
    let c = &all["deltas"][1];
    assert_eq!(c["annual_cost"], 26_600.0 - 52_840.0);
    assert!((c["ownership"].as_f64().unwrap() + 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(c["on_call"], -1.0);
    assert!(ids(&c["rotas_added"]).is_empty());
    assert_eq!(ids(&c["rotas_removed"]), ["domain:shop"]);
    assert_eq!(ids(&c["rotas_changed"]), ["team:checkout"]);
    // Sorted as strings: severity first, so info comes between error and warning.
    assert_eq!(
        c["findings_added"],
        serde_json::json!([
            ["error", "orphan-service", "find"],
            ["error", "understaffed-rota", "team:checkout"],
            ["info", "override-differs", "old"],
            ["warning", "team-overloaded", "checkout"],
            ["warning", "team-overloaded", "legacy-team"],
        ])
    );
    assert_eq!(c["findings_removed"], serde_json::json!([]));
    // The other way round, what C added A removes.
    let (_, back, _) = run(&[&third, &pair.before], "json");
    let back: Value = serde_json::from_str(&back).unwrap();
    assert_eq!(back["delta"]["findings_removed"], c["findings_added"]);
    assert_eq!(ids(&back["delta"]["rotas_added"]), ["domain:shop"]);
}

#[test]
fn a_three_way_text_has_a_column_per_model_and_a_change_per_model_after_a() {
    let pair = pair();
    let third = three(&pair);
    let (code, text, _) = run(&[&pair.before, &pair.after, &third], "text");
    assert_eq!(code, 0);
    assert_eq!(
        cells(&text, "Figure"),
        ["Figure", "A", "B", "C", "B − A", "C − A"]
    );
    assert_eq!(
        cells(&text, "Annual cost"),
        [
            "Annual cost (GBP)",
            "52,840",
            "26,840",
            "26,600",
            "−26,000",
            "−26,240"
        ]
    );
    assert_eq!(
        cells(&text, "On-call coverage"),
        [
            "On-call coverage",
            "100.0 %",
            "100.0 %",
            "0.0 %",
            "0",
            "−100.0 pts"
        ]
    );
    let third_row = cells(&text, "C  Third");
    assert_eq!(third_row[..2], ["C", "Third"]);
    assert!(third_row[2].ends_with("third.ron"), "{third_row:?}");
    // Checkout's rota in each model: gone in B, two people on call every other week in C.
    assert_eq!(
        cells(&text, "Checkout  team"),
        [
            "Checkout",
            "team",
            "pool 6, 1 in 6, 8.7 weeks each, 26,600",
            "—",
            "pool 2, 1 in 2, 26 weeks each, 26,600, unhealthy",
            "−26,600",
            "0"
        ]
    );
    // Findings say which model they are in, with their messages.
    let orphan = row_with(&text, "orphan-service");
    assert_eq!(orphan[..4], ["C − A", "+", "error", "orphan-service"]);
    assert!(
        orphan[4].starts_with("Find (find) has no owning team"),
        "{orphan:?}"
    );
    assert_eq!(
        row_with(&text, "override-differs")[..4],
        ["C − A", "+", "info", "override-differs"]
    );
    assert_eq!(
        cells(&text, "C − A  Changed  service  Old"),
        [
            "C − A",
            "Changed",
            "service",
            "Old",
            "kind: Digital → COTS; operating model: Recommended (You Build It You Run It) → Ops Run It"
        ]
    );
}

#[test]
fn csv_has_a_column_per_model_and_a_change_per_model_after_a() {
    let pair = pair();
    let third = three(&pair);
    let (code, csv, _) = run(&[&pair.before, &pair.after, &third], "csv");
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "section,id,name,figure,A,B,C,B - A,C - A");
    for line in [
        "model,,,name,Before,After,Third,,",
        "totals,,,annual_cost,52840,26840,26600,-26000,-26240",
        "rota,team:checkout,Checkout,pool,6,,2,,-4",
        "rota,domain:shop,Shop,pool,4,11,,7,",
        "service,find,Find,owner,search,search,,,",
        "finding,find,orphan-service,error,0,0,1,0,1",
        "team,checkout,Checkout,weeks_on_call_per_person,8.666666666666666,4.7272727272727275,26,-3.9393939393939386,17.333333333333336",
    ] {
        assert!(lines.contains(&line), "no {line} in\n{csv}");
    }
    assert!(lines.iter().all(|l| l.split(',').count() == 9), "{csv}");
}

#[test]
fn two_to_eight_models_are_compared_and_no_more_or_fewer() {
    let pair = pair();
    let one = run(&[&pair.before], "json");
    assert_eq!(one.0, 2, "{}", one.2);
    assert!(one.2.contains("2 values required"), "{}", one.2);
    let eight: Vec<&Path> = std::iter::repeat_n(pair.before.as_path(), 8).collect();
    let (code, stdout, stderr) = run(&eight, "json");
    assert_eq!(code, 0, "{stderr}");
    let all: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(all["deltas"].as_array().unwrap().len(), 7);
    let (_, text, _) = run(&eight, "text");
    assert!(text.contains("H − A"), "{text}");
    let nine: Vec<&Path> = std::iter::repeat_n(pair.before.as_path(), 9).collect();
    let (code, stdout, stderr) = run(&nine, "json");
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("unexpected value") || stderr.contains("at most"),
        "{stderr}"
    );
}

#[test]
fn the_mobile_app_team_sees_its_weeks_on_call_in_the_retail_roadmap() {
    // Issue 19: five people of the mobile app team go between their own rota (52 ÷ 5 = 10.4
    // weeks a year each) and the storefront domain rota (52 ÷ 11 = 4.7).
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/retail-roadmap");
    let (today, domains) = (folder.join("today.ron"), folder.join("domain-rotas.ron"));
    let (code, text, stderr) = run(&[&today, &domains], "text");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        row_with(&text, "10.4 (Mobile app)"),
        [
            "Mobile app",
            "10.4 (Mobile app)",
            "4.7 (Digital storefront)",
            "−5.7"
        ]
    );
    assert_eq!(
        row_with(&text, "pool 5, 1 in 5"),
        [
            "Mobile app",
            "team",
            "pool 5, 1 in 5, 10.4 weeks each, 25,610",
            "—",
            "−25,610"
        ]
    );
}
