//! SPEC 6.4: the PDF deck and the comparison deck read back with poppler (page size, fonts
//! embedded, the report's figures as text), and the slide-sized SVG and PNG of `--size`.

use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use opmodel::format::grouped;
use support::{copy_sample_roadmap, opmodel, shop, shop_named, write};

const SAMPLES: [&str; 6] = [
    "startup",
    "retail-domains",
    "retail-peak-season",
    "enterprise-hybrid",
    "needs-attention",
    "payments-compliance",
];

fn sample(name: &str) -> String {
    format!("{}/samples/{name}.ron", env!("CARGO_MANIFEST_DIR"))
}

/// Runs a poppler tool on `pdf` and returns what it prints.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (poppler-utils): {e}"));
    assert!(output.status.success(), "{tool} reads {}", pdf.display());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The value of `field` in `pdfinfo`'s answer.
fn info(pdf: &Path, field: &str) -> String {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("pdfinfo gives the {field}"))
}

/// Every font of the PDF is embedded (pdffonts' "emb" column), and there is at least one.
fn assert_fonts_embedded(pdf: &Path) {
    let fonts = poppler("pdffonts", &[], pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "the deck has text in fonts:\n{fonts}");
    for row in rows {
        // name, type (one or two words), encoding, emb, sub, uni, object, generation
        let columns: Vec<&str> = row.split_whitespace().collect();
        let emb = columns[columns.len() - 5];
        assert_eq!(emb, "yes", "embedded: {row}");
    }
}

/// The text of a PDF, its runs of spaces (pdftotext's layout) made single.
fn text_of(pdf: &Path) -> String {
    poppler("pdftotext", &[], pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn export_pdf(model: &str, out: &Path) {
    let (code, _, stderr) = opmodel(&["export", model, "--format", "pdf", "-o", path(out)]);
    assert_eq!(code, 0, "{stderr}");
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a temporary path is text")
}

/// The report's words for a figure, from `opmodel report` (the deck must agree with it).
fn report_value(model: &str, label: &str) -> String {
    let (code, text, _) = opmodel(&["report", model]);
    assert!(code == 0 || code == 1, "the report prints");
    text.lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .map(|v| v.trim().trim_start_matches(':').trim().to_owned())
        .unwrap_or_else(|| panic!("the report has {label}:\n{text}"))
}

#[test]
#[ignore = "needs poppler-utils"]
fn every_sample_deck_opens_in_poppler_on_16_9_pages_with_its_fonts_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    for name in SAMPLES {
        let model = sample(name);
        let pdf = dir.path().join(format!("{name}.pdf"));
        export_pdf(&model, &pdf);
        assert_eq!(info(&pdf, "Page size"), "960 x 540 pts", "{name}");
        let pages: usize = info(&pdf, "Pages").parse().unwrap();
        assert!(
            pages >= 6,
            "{name}: title, model, cost, findings, drivers, assumptions"
        );
        assert_fonts_embedded(&pdf);
        let text = text_of(&pdf);
        for label in ["Annual on-call cost", "Standby", "Callout", "Ownership"] {
            let value = report_value(&model, label);
            assert!(text.contains(&value), "{name}: {label} {value} in the deck");
        }
        for heading in ["Rotas", "Findings", "Cost drivers", "Assumptions"] {
            assert!(text.contains(heading), "{name}: {heading}");
        }
    }
}

#[test]
#[ignore = "needs poppler-utils"]
fn the_shop_deck_shows_its_figures_worked_by_hand_as_selectable_text() {
    let dir = tempfile::tempdir().unwrap();
    let model = write(dir.path(), "shop.ron", &shop());
    let pdf = dir.path().join("shop.pdf");
    export_pdf(path(&model), &pdf);
    assert_eq!(info(&pdf, "Title"), "Shop");
    let text = text_of(&pdf);
    // Standby 500 × 52 = 26,000, callout 4 × 2 h × 60 = 480: 26,480 a year on the web
    // team's rota; the orphan legacy reports is the one error.
    for figure in [
        "26,480",
        "26,000",
        "480",
        "Web team",
        "Shop front",
        "Legacy reports",
    ] {
        assert!(text.contains(figure), "{figure} in {text}");
    }
    assert!(text.contains("1 error"), "{text}");
}

/// The shop with a basket service on the same rota: 2 more callouts a year of 2 h at 60 add
/// 240, the standby stays 26,000.
fn shop_with_basket() -> String {
    shop_named("Shop with basket", 6).replace(
        "services: [",
        r#"services: [
        (id: "basket", name: "Basket", kind: Digital, owner: Some("web"),
         exposure_per_hour: Some(500000.0), demand: VeryHigh, callouts_per_year: 2.0),"#,
    )
}

#[test]
#[ignore = "needs poppler-utils"]
fn the_comparison_deck_names_both_models_and_shows_the_change_and_both_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ron", &shop());
    let b = write(dir.path(), "b.ron", &shop_with_basket());
    let pdf = dir.path().join("compare.pdf");
    let (code, _, stderr) =
        opmodel(&["compare", path(&a), path(&b), "-f", "pdf", "-o", path(&pdf)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(info(&pdf, "Page size"), "960 x 540 pts");
    assert_fonts_embedded(&pdf);
    assert_eq!(info(&pdf, "Title"), "Comparison: Shop · Shop with basket");
    let text = text_of(&pdf);
    for words in [
        "What changes",
        "26,480 26,720 +240",
        "A · Shop",
        "B · Shop with basket",
        "Basket",
    ] {
        assert!(text.contains(words), "{words} in {text}");
    }
    let diagram_a = text.find("A · Shop Annual").expect("A's diagram");
    let diagram_b = text
        .find("B · Shop with basket Annual")
        .expect("B's diagram");
    assert!(diagram_a < diagram_b, "A's diagram, then B's");
}

#[test]
fn a_comparison_deck_goes_to_a_file_and_a_bad_model_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.ron", &shop());
    let bad = write(dir.path(), "bad.ron", "(name: \"x\", teams: [oops])");
    let pdf: PathBuf = dir.path().join("deck.pdf");
    let (code, _, stderr) = opmodel(&[
        "compare",
        path(&a),
        path(&bad),
        "-f",
        "pdf",
        "-o",
        path(&pdf),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad.ron:1:"), "{stderr}");
    assert!(!pdf.exists(), "nothing written");
    let b = write(dir.path(), "b.ron", &shop_with_basket());
    let (code, _, stderr) =
        opmodel(&["compare", path(&a), path(&b), "-f", "pdf", "-o", path(&pdf)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

fn sample_roadmap() -> String {
    format!(
        "{}/samples/retail-roadmap/harbour-and-hart.roadmap.ron",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
#[ignore = "needs poppler-utils"]
fn the_roadmap_deck_shows_the_year_the_phases_and_the_handovers_with_the_reports_figures() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("roadmap.pdf");
    let roadmap = sample_roadmap();
    let (code, _, stderr) = opmodel(&["roadmap", &roadmap, "-f", "pdf", "-o", path(&pdf)]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(info(&pdf, "Page size"), "960 x 540 pts");
    assert_eq!(info(&pdf, "Title"), "Harbour & Hart to product domains");
    assert_fonts_embedded(&pdf);
    let (code, json, _) = opmodel(&["roadmap", &roadmap, "-f", "json"]);
    assert_eq!(code, 0);
    let plan: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = text_of(&pdf);
    let cost = plan["cost_of_the_year"].as_f64().unwrap();
    let cost = format!("the cost of the year is GBP {}", grouped(cost));
    assert!(text.contains(&cost), "{cost} in {text}");
    for (i, phase) in plan["phases"].as_array().unwrap().iter().enumerate() {
        let name = phase["name"].as_str().unwrap();
        let title = format!("Phase {} · {name}", i + 1);
        assert!(text.contains(&title), "{title}'s diagram in {text}");
        let annual = phase["figures"]["annual_cost"].as_f64().unwrap();
        let step = format!("GBP {}", grouped(annual));
        assert!(text.contains(&step), "{step} over {name}'s step in {text}");
    }
    assert!(text.contains("The year"));
    assert_eq!(text.matches("Handovers").count(), 2, "{text}");
}

#[test]
fn a_roadmap_deck_never_overwrites_the_roadmap_or_a_phase_model() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample_roadmap(dir.path());
    let roadmap = dir.path().join("harbour-and-hart.roadmap.ron");
    for target in ["harbour-and-hart.roadmap.ron", "domain-rotas.ron"] {
        let target = dir.path().join(target);
        let before = std::fs::read(&target).unwrap();
        let (code, _, stderr) =
            opmodel(&["roadmap", path(&roadmap), "-f", "pdf", "-o", path(&target)]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("is a file this command reads"), "{stderr}");
        assert_eq!(std::fs::read(&target).unwrap(), before);
    }
    let pdf = dir.path().join("deck.pdf");
    let (code, _, stderr) = opmodel(&["roadmap", path(&roadmap), "-f", "pdf", "-o", path(&pdf)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_slide_sized_svg_has_the_size_a_title_line_and_the_legend() {
    let dir = tempfile::tempdir().unwrap();
    let model = write(dir.path(), "shop.ron", &shop());
    let (code, svg, stderr) =
        opmodel(&["export", path(&model), "-f", "svg", "--size", "1920x1080"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        svg.contains(r#"width="1920""#) && svg.contains(r#"height="1080""#),
        "{svg}"
    );
    for words in [
        "Shop",
        "Annual on-call cost GBP 26,480",
        "depends on",
        "Digital",
    ] {
        assert!(svg.contains(words), "{words}");
    }
    let png = dir.path().join("shop.png");
    let (code, _, stderr) = opmodel(&[
        "export",
        path(&model),
        "-f",
        "png",
        "--size",
        "1280x720",
        "-o",
        path(&png),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let info = decoder.read_info().unwrap();
    assert_eq!((info.info().width, info.info().height), (1280, 720));
    let (code, _, stderr) = opmodel(&["export", path(&model), "-f", "svg", "--size", "19x10"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("200 to 16384"), "{stderr}");
}
