//! The bundled samples and the shared examples: each loads, is saved in canonical form,
//! and gives the findings it was written to show; the examples match their expected reports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use opmodel::analysis::{Analysis, analyze};
use opmodel::io;
use serde_json::Value;

fn load(path: &Path) -> (String, Analysis) {
    let model = io::load(path).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(
        io::to_ron(&model),
        text,
        "{} is not in canonical form",
        path.display()
    );
    let analysis = analyze(&model);
    (text, analysis)
}

fn sample(name: &str) -> Analysis {
    load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("samples")
            .join(name),
    )
    .1
}

/// Findings counted by code.
fn codes(analysis: &Analysis) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for finding in &analysis.findings {
        *counts.entry(finding.code.as_str()).or_default() += 1;
    }
    counts
}

#[test]
fn the_startup_is_healthy_with_three_team_rotas() {
    let analysis = sample("startup.ron");
    assert_eq!(analysis.totals.teams, 4);
    assert_eq!(analysis.rotas.len(), 3);
    assert_eq!(
        (analysis.coverage.ownership, analysis.coverage.on_call),
        (1.0, 1.0)
    );
    // 3 × 26,000 standby; callouts (6 + 4 + 8 + 3 + 2 + 5) × 2 h × 60 = 3,360.
    assert_eq!(analysis.totals.annual_cost, 81_360.0);
    assert_eq!(
        codes(&analysis),
        BTreeMap::from([("many-team-rotas", 1), ("override-differs", 1)])
    );
}

#[test]
fn the_retailer_shares_domain_rotas() {
    let analysis = sample("retail-domains.ron");
    let kinds: Vec<&str> = analysis.rotas.iter().map(|r| r.kind.label()).collect();
    assert_eq!(
        kinds,
        ["team", "team", "domain", "domain", "domain", "ops", "ops"]
    );
    assert_eq!(analysis.coverage.on_call, 1.0);
    assert_eq!(
        analysis.rota("domain:shopping").unwrap().pool,
        11,
        "browse 6 + basket 5; checkout runs its own"
    );
    assert_eq!(codes(&analysis), BTreeMap::from([("weaker-dependency", 2)]));
}

#[test]
fn the_enterprise_is_a_large_hybrid() {
    let analysis = sample("enterprise-hybrid.ron");
    assert!(analysis.totals.services >= 40);
    let ops_rotas = analysis
        .rotas
        .iter()
        .filter(|r| r.kind.label() == "ops")
        .count();
    assert_eq!(ops_rotas, 3);
    let counts = codes(&analysis);
    assert_eq!(counts["orphan-service"], 1);
    assert_eq!(counts["uncovered-service"], 2);
    assert_eq!(counts["understaffed-rota"], 1);
    assert_eq!(counts["dependency-cycle"], 1);
}

#[test]
fn needs_attention_shows_every_finding() {
    let analysis = sample("needs-attention.ron");
    let counts = codes(&analysis);
    assert_eq!(counts.len(), 10, "all ten codes: {counts:?}");
    assert_eq!(counts["uncovered-service"], 3, "one for each reason");
    assert_eq!(
        counts["dependency-cycle"], 2,
        "a pair and a self-dependency"
    );
}

fn close(expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                close(
                    value,
                    a.get(key).unwrap_or(&Value::Null),
                    &format!("{path}.{key}"),
                );
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{path}: length");
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                close(x, y, &format!("{path}[{i}]"));
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            let (e, a) = (e.as_f64().unwrap(), a.as_f64().unwrap());
            assert!(
                (e - a).abs() <= 1e-6 * e.abs().max(1.0),
                "{path}: expected {e}, got {a}"
            );
        }
        _ => assert_eq!(expected, actual, "{path}"),
    }
}

fn shared_examples() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/examples");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return Vec::new();
    };
    let mut models: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    models.sort();
    models
}

#[test]
fn the_shared_examples_match_their_expected_reports() {
    for model in shared_examples() {
        let expected_path = model.with_extension("expected.json");
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            continue;
        };
        let mut expected: Value = serde_json::from_str(&expected).unwrap();
        let analysis = analyze(&io::load(&model).unwrap());
        let mut actual = serde_json::to_value(&analysis).unwrap();
        let finding_keys = |report: &mut Value| {
            let mut keys: Vec<String> = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| format!("{} {} {}", f["severity"], f["code"], f["subject"]))
                .collect();
            keys.sort();
            report.as_object_mut().unwrap().remove("findings");
            keys
        };
        assert_eq!(
            finding_keys(&mut expected),
            finding_keys(&mut actual),
            "{}",
            model.display()
        );
        close(&expected, &actual, &model.display().to_string());
    }
}
