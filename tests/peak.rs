//! Peak exposure (SPEC 8.2) worked by hand: the peak model's rotas, the blended annual figures
//! (line items still adding up to the total, cover costs on the blended total), the report's
//! `peak` object; the fields' bounds and versions in files, with their line and column.

mod support;

use std::path::Path;

use opmodel::analysis::{Analysis, analyze};
use opmodel::files::ron;
use opmodel::model::Model;
use serde_json::Value;

fn parse(text: &str) -> Model {
    ron::parse(text, Path::new("peak.ron")).unwrap_or_else(|e| panic!("{e}"))
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() <= 1e-9 * expected.abs().max(1.0)
}

fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(close(actual, expected), "{what}: {actual} ≠ {expected}");
}

/// A six-week peak in a 52-week year. Checkout (Web, 5 people) needs 99.0 % all year and
/// 99.9 % in the peak (500,000 an hour: the team level); Search (App, 2 people) 99.0 %; Gifts
/// 95 % (no cover) but 99.0 % in the peak.
///
/// Normal model: one domain rota, pool 5 + 2 = 7, for Checkout and Search: 500 × 52 =
/// 26,000 standby + (4 + 2) × 2 h × 60 = 720 callout = 26,720. Line items 13,000 + 480 =
/// 13,480 and 13,000 + 240 = 13,240; Gifts 0.
/// Peak model: Checkout on Web's own rota, 26,000 + 480 = 26,480; the domain rota, now only
/// App's 2 people (understaffed), covers Search and Gifts: 26,000 + (2 + 1) × 120 = 26,360.
/// Line items 26,480; 13,000 + 240 = 13,240; 13,000 + 120 = 13,120. Total 52,840.
const SHOP: &str = r#"(
    version: 3,
    name: "Shop with a peak",
    settings: (
        peak_weeks: 6.0,
        exposure_bands: [
            (max_exposure_per_hour: 10000.0, availability: 95.0),
            (max_exposure_per_hour: 100000.0, availability: 99.0),
            (max_exposure_per_hour: 1000000.0, availability: 99.9),
        ],
    ),
    domains: [(id: "shop", name: "Shop")],
    teams: [
        (id: "web", name: "Web", kind: Product, members: 5, domain: Some("shop")),
        (id: "app", name: "App", kind: Product, members: 2, domain: Some("shop")),
    ],
    services: [
        (id: "checkout", name: "Checkout", kind: Digital, owner: Some("web"), exposure_per_hour: Some(50000.0), peak_exposure_per_hour: Some(500000.0), demand: High, callouts_per_year: 4.0),
        (id: "search", name: "Search", kind: Digital, owner: Some("app"), exposure_per_hour: Some(20000.0), demand: High, callouts_per_year: 2.0),
        (id: "gifts", name: "Gifts", kind: Digital, owner: Some("app"), exposure_per_hour: Some(5000.0), peak_exposure_per_hour: Some(50000.0), demand: High, callouts_per_year: 1.0),
    ],
)"#;

/// The normal model's weight, 46 ÷ 52, and the peak's, 6 ÷ 52.
const NORMAL: f64 = 46.0 / 52.0;
const PEAK: f64 = 6.0 / 52.0;

#[test]
fn the_rotas_are_the_normal_models_for_the_weeks_outside_the_peak() {
    let analysis = analyze(&parse(SHOP));
    assert_eq!(analysis.rotas.len(), 1);
    let shop = &analysis.rotas[0];
    assert_eq!(&*shop.id, "domain:shop");
    assert_eq!(shop.pool, 7);
    assert_close(shop.standby_cost, 26_000.0 * NORMAL, "standby");
    assert_close(shop.callout_cost, 720.0 * NORMAL, "callout");
    assert_close(shop.annual_cost, 26_720.0 * NORMAL, "cost");
    // Weeks on call and every other figure are the normal model's.
    assert_close(shop.weeks_on_call_per_person, 52.0 / 7.0, "weeks");
    assert_eq!(analysis.totals.rotas, 1);
    assert_eq!(analysis.coverage.on_call, 1.0);
}

#[test]
fn the_total_adds_both_weighted_rota_lists_and_line_items_add_up_to_it() {
    let analysis = analyze(&parse(SHOP));
    let total = 26_720.0 * NORMAL + (26_480.0 + 26_360.0) * PEAK;
    assert_close(analysis.totals.annual_cost, total, "total");
    assert_close(
        analysis.totals.standby_cost,
        26_000.0 * NORMAL + 52_000.0 * PEAK,
        "standby",
    );
    assert_close(
        analysis.totals.callout_cost,
        720.0 * NORMAL + (480.0 + 360.0) * PEAK,
        "callout",
    );
    let line = |id: &str| analysis.service(id).unwrap().annual_cost;
    assert_close(
        line("checkout"),
        13_480.0 * NORMAL + 26_480.0 * PEAK,
        "checkout",
    );
    assert_close(line("search"), 13_240.0, "search, the same in both");
    assert_close(line("gifts"), 13_120.0 * PEAK, "gifts, only in the peak");
    assert_close(
        line("checkout") + line("search") + line("gifts"),
        total,
        "line items",
    );
    // Teams and domains add up blended line items.
    assert_close(
        analysis.team("web").unwrap().annual_cost,
        line("checkout"),
        "web",
    );
    assert_close(
        analysis.team("app").unwrap().annual_cost,
        line("search") + line("gifts"),
        "app",
    );
    assert_close(analysis.domain("shop").unwrap().annual_cost, total, "shop");
}

#[test]
fn cover_costs_follow_their_definition_on_the_blended_total() {
    let analysis = analyze(&parse(SHOP));
    let cover = |id: &str| analysis.service(id).unwrap().cover_cost;
    // Normal: Checkout and Search share the domain rota, so each saves its own callouts.
    // Peak: Checkout alone keeps Web's team rota, 26,480; Search and Gifts share the domain
    // rota, 240 and 120. Gifts needs cover only in the peak, and carries a share.
    assert_close(
        cover("checkout"),
        480.0 * NORMAL + 26_480.0 * PEAK,
        "checkout",
    );
    assert_close(cover("search"), 240.0, "search");
    assert_close(cover("gifts"), 120.0 * PEAK, "gifts");
    // The definition itself: the blended total less the blended total with Off.
    for id in ["checkout", "search", "gifts"] {
        let mut off = parse(SHOP);
        let service = off.services.iter_mut().find(|s| s.id == id).unwrap();
        service.out_of_hours = Some(opmodel::model::OutOfHours::Off);
        let without = analyze(&off).totals.annual_cost;
        assert_close(cover(id), analysis.totals.annual_cost - without, id);
    }
}

#[test]
fn the_peak_object_holds_the_peak_models_rotas_coverage_and_new_errors() {
    let model = parse(SHOP);
    let analysis = analyze(&model);
    let peak = analysis.peak.as_ref().expect("a peak season");
    assert_eq!(peak.weeks, 6.0);
    assert_close(peak.annual_cost_without_peak, 26_720.0, "without the peak");
    assert_close(
        peak.extra_cost,
        analysis.totals.annual_cost - 26_720.0,
        "extra",
    );
    let rotas: Vec<(&str, u64, f64, f64)> = peak
        .rotas
        .iter()
        .map(|r| (&*r.id, r.pool, r.annual_cost, r.weeks_on_call_per_person))
        .collect();
    assert_eq!(rotas.len(), 2);
    assert_eq!((rotas[0].0, rotas[0].1), ("team:web", 5));
    assert_close(rotas[0].2, 26_480.0 * PEAK, "team:web");
    assert_close(rotas[0].3, 52.0 / 5.0, "team:web weeks");
    assert_eq!((rotas[1].0, rotas[1].1), ("domain:shop", 2));
    assert_close(rotas[1].2, 26_360.0 * PEAK, "domain:shop");
    // In the peak the domain rota's two people are too few: Search and Gifts understaffed.
    assert_close(peak.coverage.on_call, 1.0 / 3.0, "on-call coverage");
    let errors: Vec<(&str, &str)> = peak
        .findings
        .iter()
        .map(|f| (f.code.as_str(), &*f.subject))
        .collect();
    assert_eq!(errors, [("understaffed-rota", "domain:shop")]);

    let json: Value = serde_json::from_str(&opmodel::report::json(&analysis)).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(keys.last().map(|k| k.as_str()), Some("peak"));
    assert_eq!(
        json["peak"]["findings"][0]["code"],
        Value::from("understaffed-rota")
    );
    assert_eq!(json["peak"]["rotas"][1]["healthy"], false);
}

#[test]
fn no_peak_without_peak_weeks_or_without_a_peak_exposure() {
    let no_weeks = SHOP.replace("peak_weeks: 6.0,", "");
    let no_exposure = SHOP
        .replace("peak_exposure_per_hour: Some(500000.0), ", "")
        .replace("peak_exposure_per_hour: Some(50000.0), ", "");
    for text in [no_weeks, no_exposure] {
        let analysis = analyze(&parse(&text));
        assert!(analysis.peak.is_none());
        assert_close(
            analysis.totals.annual_cost,
            26_720.0,
            "the normal model alone",
        );
        let json: Value = serde_json::from_str(&opmodel::report::json(&analysis)).unwrap();
        assert!(json.get("peak").is_none(), "no peak object: {json}");
    }
}

#[test]
fn a_peak_lower_than_the_normal_target_changes_nothing() {
    // Checkout's peak exposure is below its normal one: it keeps its normal availability.
    let lower = SHOP
        .replace("Some(500000.0)", "Some(1000.0)")
        .replace("peak_exposure_per_hour: Some(50000.0), ", "");
    let analysis = analyze(&parse(&lower));
    let peak = analysis
        .peak
        .as_ref()
        .expect("a peak season, if an idle one");
    assert_close(peak.extra_cost, 0.0, "nothing extra");
    assert_close(analysis.totals.annual_cost, 26_720.0, "as without a peak");
}

/// The shared example of SPEC 8.2 (a copy in tests/data): 26 services, 7 of them needing more
/// in a six-week peak.
fn example() -> Analysis {
    let text = include_str!("data/peak-season.ron");
    analyze(&parse(text))
}

#[test]
fn the_section_8_example_blends_as_worked_by_hand() {
    let analysis = example();
    let line = |id: &str| analysis.service(id).unwrap().annual_cost;
    let cover = |id: &str| analysis.service(id).unwrap().cover_cost;
    let peak = analysis.peak.as_ref().unwrap();
    // s0 needs no cover normally (1,000 an hour: 95 %) but 99.0 % in the peak (10,000), on
    // the domain 0 rota alone: (420 × 52 + 2 × 2 h × 55) × 6 ÷ 52 = 22,060 × 6 ÷ 52.
    assert_close(line("s0"), 22_060.0 * 6.0 / 52.0, "s0");
    assert_close(cover("s0"), 22_060.0 * 6.0 / 52.0, "s0 cover");
    // s1, Ops Run It on the operations rota alone, needs 99.9 % in and out of the peak:
    // 300 × 52 + 7 × 2 × 40 = 16,160 either way.
    assert_close(line("s1"), 16_160.0, "s1");
    // s6 alone on team 1.1's rota all year (explicit 99.95 %, above its peak's 99.0 %):
    // 420 × 52 + 12 × 2 × 55 = 23,160.
    assert_close(line("s6"), 23_160.0, "s6");
    // Every team rota's standby is 420 × 52 = 21,840: 19,320 outside the peak, 2,520 in it.
    assert_close(analysis.rotas[0].standby_cost, 19_320.0, "standby outside");
    assert_close(peak.rotas[0].standby_cost, 2_520.0, "standby in the peak");
    // The reference figures of the example's expected report.
    assert_close(analysis.totals.annual_cost, 160_477.307_692_307_7, "total");
    assert_close(analysis.totals.standby_cost, 151_680.0, "standby");
    assert_close(peak.annual_cost_without_peak, 155_120.0, "without the peak");
    assert_close(line("s16"), 22_170.0, "s16");
    assert_close(cover("s13"), 12.692_307_692_307_693, "s13 cover");
    assert_close(
        analysis.team("t2-0").unwrap().annual_cost,
        24_179.615_384_615_387,
        "t2-0",
    );
    assert_close(
        analysis.domain("d1").unwrap().annual_cost,
        69_873.461_538_461_53,
        "d1",
    );
    assert_close(peak.coverage.on_call, 4.0 / 11.0, "peak coverage");
    let sum: f64 = analysis.services.iter().map(|s| s.annual_cost).sum();
    assert_close(sum, analysis.totals.annual_cost, "line items add up");
    let rotas: Vec<&str> = peak.rotas.iter().map(|r| &*r.id).collect();
    assert_eq!(
        rotas,
        [
            "team:t1-0",
            "team:t1-1",
            "team:t1-2",
            "team:t2-0",
            "team:t2-1",
            "team:t3-0",
            "team:t3-1",
            "domain:d0",
            "ops:ops0"
        ]
    );
    let errors: Vec<(&str, &str)> = peak
        .findings
        .iter()
        .map(|f| (f.code.as_str(), &*f.subject))
        .collect();
    assert_eq!(
        errors,
        [
            ("uncovered-service", "s20"),
            ("understaffed-rota", "team:t2-1"),
            ("understaffed-rota", "team:t3-0")
        ]
    );
}

#[test]
fn the_report_shows_the_peak_season_apart() {
    let dir = tempfile::tempdir().unwrap();
    let path = support::write(dir.path(), "shop.ron", SHOP);
    let (code, text, stderr) = support::opmodel(&["report", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let peak = text.find("\nPeak season\n").expect("a peak season section");
    let section = &text[peak..];
    assert!(section.contains("Web (team:web)"), "{section}");
    assert!(
        section
            .contains("Without the peak the year would cost GBP 26,720; the peak adds GBP 3,014."),
        "{section}"
    );
    assert!(
        section.contains("On-call coverage in the peak: 33.3 %."),
        "{section}"
    );
    assert!(
        section.contains("Only in the peak: The Shop domain rota has only 2 people"),
        "{section}"
    );
    let (_, markdown, _) =
        support::opmodel(&["report", path.to_str().unwrap(), "--format", "markdown"]);
    assert!(markdown.contains("## Peak season\n"), "{markdown}");
}

/// The loading error for `text`, as `peak.ron:line:col: message`.
fn refused(text: &str) -> String {
    match ron::parse(text, Path::new("peak.ron")) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(error) => error.to_string(),
    }
}

#[test]
fn peak_fields_are_bounded_like_the_others_with_their_line_and_column() {
    let error = refused(&SHOP.replace("Some(500000.0)", "Some(-1.0)"));
    assert!(
        error.starts_with("peak.ron:18:")
            && error
                .contains("service `checkout`: peak_exposure_per_hour must be a number from 0 to"),
        "{error}"
    );
    let error = refused(&SHOP.replace("Some(500000.0)", "Some(1e13)"));
    assert!(error.contains("peak_exposure_per_hour"), "{error}");
    let error = refused(&SHOP.replace("peak_weeks: 6.0", "peak_weeks: 53.0"));
    assert!(
        error.starts_with("peak.ron:5:")
            && error.contains(
                "settings: peak_weeks must be a number from 0 to weeks_per_year (52), not 53"
            ),
        "{error}"
    );
    let error = refused(&SHOP.replace("peak_weeks: 6.0", "peak_weeks: -1.0"));
    assert!(error.starts_with("peak.ron:5:"), "{error}");
}

#[test]
fn peak_fields_need_version_3_and_make_a_saved_file_version_3() {
    let error = refused(&SHOP.replace("version: 3", "version: 2"));
    assert!(
        error.starts_with("peak.ron:5:")
            && error.contains("settings: peak_weeks needs version 3, but the file says version 2"),
        "{error}"
    );
    let error = refused(
        &SHOP
            .replace("version: 3", "version: 1")
            .replace("peak_weeks: 6.0,", ""),
    );
    assert!(
        error.starts_with("peak.ron:18:")
            && error.contains("service `checkout`: peak_exposure_per_hour needs version 3"),
        "{error}"
    );
    // Saved, the model is version 3 and reads back the same.
    let model = parse(SHOP);
    let text = ron::to_ron(&model);
    assert!(text.contains("    version: 3,\n"), "{text}");
    assert!(text.contains("        peak_weeks: 6.0,\n"), "{text}");
    assert!(
        text.contains("peak_exposure_per_hour: Some(500000.0)"),
        "{text}"
    );
    assert_eq!(parse(&text), model);
    // Without a peak the file stays as it was: no peak field, version 1.
    let mut plain = model.clone();
    plain.settings.peak_weeks = 0.0;
    for service in &mut plain.services {
        service.peak_exposure_per_hour = None;
    }
    let text = ron::to_ron(&plain);
    assert!(
        text.contains("    version: 1,\n") && !text.contains("peak_"),
        "{text}"
    );
    // Either field alone makes it version 3.
    let mut weeks_only = plain.clone();
    weeks_only.settings.peak_weeks = 2.0;
    assert_eq!(weeks_only.required_version(), 3);
    let mut exposure_only = plain;
    exposure_only.services[1].peak_exposure_per_hour = Some(1.0);
    assert_eq!(exposure_only.required_version(), 3);
}

#[test]
fn a_comparison_shows_what_the_peak_season_adds_and_its_fields_in_words() {
    let with = parse(SHOP);
    let mut without = with.clone();
    without.settings.peak_weeks = 0.0;
    without.services[0].peak_exposure_per_hour = None;
    let comparison = opmodel::compare::compare(&[&without, &with]);
    let files = ["without.ron".to_owned(), "with.ron".to_owned()];
    let text = opmodel::report::compare_text(&[&without, &with], &files, &comparison);
    let row = |start: &str| -> Vec<&str> {
        text.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no {start} row in\n{text}"))
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect()
    };
    // Without: Gifts' peak exposure alone makes no season (no weeks); with: 3,014 more.
    assert_eq!(
        row("Added by the peak season"),
        ["Added by the peak season", "0", "3,014", "+3,014"]
    );
    assert_eq!(
        row("Changed  setting"),
        ["Changed", "setting", "peak weeks", "0 → 6"]
    );
    assert_eq!(
        row("Changed  service"),
        [
            "Changed",
            "service",
            "Checkout",
            "peak exposure per hour: not set → GBP 500,000"
        ]
    );
}
