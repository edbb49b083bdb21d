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
    let changed = &delta["rotas_changed"][0];
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

#[test]
fn text_is_a_side_by_side_table() {
    let pair = pair();
    let (code, stdout, _) = compare(&pair.before, &pair.after, "text");
    assert_eq!(code, 0);
    let row = |label: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no {label} row in:\n{stdout}"))
            .split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(row("Annual cost")[3..], ["52,840", "26,840", "−26,000"]);
    assert_eq!(row("Rotas")[1..], ["2", "1", "−1"]);
    assert!(stdout.contains("Services added: recs"));
    assert!(stdout.contains("Services removed: old"));
    assert!(stdout.contains("Changed service pay: out_of_hours: none → Domain"));
    assert!(stdout.contains("Changed team search: members: 4 → 5"));
    assert!(stdout.contains("Rotas removed: team:checkout"));
}

#[test]
fn markdown_has_a_table_and_the_changes() {
    let pair = pair();
    let (code, stdout, _) = compare(&pair.before, &pair.after, "markdown");
    assert_eq!(code, 0);
    assert!(stdout.contains("|  | A | B | Change |"), "{stdout}");
    assert!(
        stdout.contains("| Annual cost (GBP) | 52,840 | 26,840 | −26,000 |"),
        "{stdout}"
    );
    assert!(stdout.contains("- Services added: recs"));
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
fn a_rota_that_turns_unhealthy_is_listed_with_only_what_changed() {
    let pair = pair();
    let stricter = pair.before.with_file_name("stricter.ron");
    std::fs::write(&stricter, stricter_rule()).unwrap();
    let (code, stdout, stderr) = compare(&pair.before, &stricter, "json");
    assert_eq!(code, 0, "{stderr}");
    let delta = &serde_json::from_str::<Value>(&stdout).unwrap()["delta"];
    let changed = delta["rotas_changed"].as_array().expect("a list");
    assert_eq!(changed.len(), 1, "only the domain rota: {changed:?}");
    assert_eq!(changed[0]["id"], "domain:shop");
    assert_eq!(changed[0]["healthy_a"], true);
    assert_eq!(changed[0]["healthy_b"], false);
    assert_eq!(changed[0]["pool_a"], changed[0]["pool_b"]);

    let (_, text, _) = compare(&pair.before, &stricter, "text");
    assert!(
        text.contains("Rota changed domain:shop: healthy → unhealthy\n"),
        "{text}"
    );
    // And back: the other way round it becomes healthy again.
    let (_, markdown, _) = compare(&stricter, &pair.before, "markdown");
    assert!(
        markdown.contains("- Rota changed domain:shop: unhealthy → healthy\n"),
        "{markdown}"
    );
}

#[test]
fn unchanged_rota_figures_are_not_listed() {
    // domain:shop: pool 4 → 11 and one service more (+pay), cost 26,240 → 26,840; nothing
    // else about it is listed, so no "x → x" appears anywhere.
    let pair = pair();
    let (_, text, _) = compare(&pair.before, &pair.after, "text");
    assert!(
        text.contains(
            "Rota changed domain:shop: pool 4 → 11, services 1 → 2 (+pay), cost 26,240 → 26,840\n"
        ),
        "{text}"
    );
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
