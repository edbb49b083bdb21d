//! The `opmodel` binary: every report format, `check` exit codes, help and version, and
//! errors on stderr without panics.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod support;
use support::opmodel;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn sample(name: &str) -> String {
    samples().join(name).display().to_string()
}

#[test]
fn json_report_has_every_key_of_the_spec() {
    let (code, stdout, stderr) = opmodel(&["report", &sample("startup.ron"), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let report: Value = serde_json::from_str(&stdout).expect("JSON");
    for key in [
        "name",
        "currency",
        "totals",
        "coverage",
        "baselines",
        "rotas",
        "services",
        "teams",
        "domains",
        "compliance",
        "findings",
    ] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    for key in [
        "annual_cost",
        "standby_cost",
        "callout_cost",
        "teams",
        "services",
        "rotas",
    ] {
        assert!(report["totals"].get(key).is_some(), "missing totals.{key}");
    }
    let service_keys = [
        "id",
        "owner",
        "availability",
        "tolerable_downtime_per_week_s",
        "deployment",
        "recommended_operating_model",
        "operating_model",
        "out_of_hours",
        "cover",
        "rota",
        "annual_cost",
        "projected_annual_loss",
        "availability_ceiling",
        "assumed",
        "lifecycle",
        "compliance",
        "cover_cost",
    ];
    let first = report["services"][0].as_object().unwrap();
    assert_eq!(
        first.keys().map(String::as_str).collect::<Vec<_>>(),
        service_keys,
        "exactly the spec's fields"
    );
    let rota_keys = [
        "id",
        "kind",
        "name",
        "pool",
        "frequency_weeks",
        "weeks_on_call_per_person",
        "healthy",
        "services",
        "standby_cost",
        "callout_cost",
        "annual_cost",
    ];
    let rota = report["rotas"][0].as_object().unwrap();
    assert_eq!(
        rota.keys().map(String::as_str).collect::<Vec<_>>(),
        rota_keys
    );
    // Startup: three team rotas at 500 × 52 = 26,000 standby each.
    assert_eq!(report["totals"]["standby_cost"], 78_000.0);
    assert_eq!(report["rotas"][0]["kind"], "team");
}

#[test]
fn csv_has_one_line_item_per_service() {
    let (code, stdout, _) = opmodel(&["report", &sample("startup.ron"), "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "id,name,owner,domain,availability,operating_model,out_of_hours,cover,rota,annual_cost,lifecycle,compliance,cover_cost"
    );
    assert_eq!(lines.len(), 1 + 8, "a header and the eight services");
    let cloud = lines
        .iter()
        .find(|l| l.starts_with("cloud-platform,"))
        .unwrap();
    // 26,000 standby + 5 callouts × 2 h × 60 on its own rota; alone on it, its cover costs
    // the same.
    assert_eq!(
        *cloud,
        "cloud-platform,Cloud platform,platform,,99.95,YouBuildItYouRunIt,Team,Covered,team:platform,26600,Live,,26600"
    );
}

#[test]
fn csv_quotes_cells_that_need_it_and_shows_domains() {
    let (_, stdout, _) = opmodel(&["report", &sample("retail-domains.ron"), "--format", "csv"]);
    let search = stdout.lines().find(|l| l.starts_with("search,")).unwrap();
    assert!(
        search.starts_with("search,Search,catalogue,storefront,99,"),
        "{search}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("comma.ron");
    std::fs::write(
        &path,
        r#"(name: "c", services: [(id: "s", name: "Tills, stores", kind: Cots)])"#,
    )
    .unwrap();
    let (_, stdout, _) = opmodel(&["report", &path.display().to_string(), "--format", "csv"]);
    assert!(
        stdout
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("s,\"Tills, stores\",,"),
        "{stdout}"
    );
}

#[test]
fn markdown_can_be_pasted_into_a_wiki() {
    let (code, stdout, _) = opmodel(&[
        "report",
        &sample("needs-attention.ron"),
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# Needs attention\n"));
    for heading in [
        "## Rotas",
        "## Services",
        "## Teams",
        "## Findings",
        "### Errors (5)",
        "### Warnings (5)",
        "### Info (4)",
    ] {
        assert!(stdout.contains(heading), "missing {heading}");
    }
    assert!(stdout.contains(
        "| Rota | Kind | Pool | 1 week in | Weeks each | Healthy | Services | Standby | Callout | Annual cost |"
    ));
    assert!(stdout.contains("- **orphan-service**: Legacy CRM (legacy-crm) has no owning team"));
}

#[test]
fn text_is_the_default_and_groups_findings_by_severity() {
    let (code, stdout, _) = opmodel(&["report", &sample("needs-attention.ron")]);
    assert_eq!(code, 0, "a report of a model with errors still succeeds");
    assert!(stdout.contains("Annual on-call cost"));
    let errors = stdout.find("  Errors (5)").expect("errors first");
    let warnings = stdout.find("  Warnings (5)").expect("then warnings");
    let info = stdout.find("  Info (4)").expect("then info");
    assert!(errors < warnings && warnings < info);
    assert!(stdout.contains("[understaffed-rota] The Alpha squad team rota has only 2 people"));
}

#[test]
fn check_exits_0_1_or_2() {
    let (code, stdout, _) = opmodel(&["check", &sample("startup.ron")]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("0 errors"));
    let (code, stdout, _) = opmodel(&["check", &sample("needs-attention.ron")]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("error: orphan-service legacy-crm:"),
        "{stdout}"
    );
    let (code, stdout, stderr) = opmodel(&["check", "/no/such/file.ron"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("opmodel: /no/such/file.ron: cannot read the file"),
        "{stderr}"
    );
}

#[test]
fn a_bad_file_gets_one_line_on_stderr_and_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(\n  name: \"x\",\n  services: [(id: \"s\", name: \"S\", kind: Digital, owner: Some(\"ghost\"))],\n)").unwrap();
    for args in [
        vec!["report"],
        vec!["check"],
        vec!["report", "--format", "json"],
    ] {
        let mut args: Vec<String> = args.into_iter().map(str::to_owned).collect();
        args.push(path.display().to_string());
        let (code, stdout, stderr) = opmodel(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(code, 2);
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("bad.ron:3:") && stderr.contains("ghost"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    }
}

#[test]
fn help_and_version() {
    let (code, stdout, _) = opmodel(&["--help"]);
    assert_eq!(code, 0);
    for word in ["report", "check", "compare", "[FILE]"] {
        assert!(stdout.contains(word), "help mentions {word}");
    }
    let (code, stdout, _) = opmodel(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout.trim(),
        format!("opmodel {}", env!("CARGO_PKG_VERSION"))
    );
    let (code, _, stderr) = opmodel(&["report", "x.ron", "--format", "pdf"]);
    assert_eq!(code, 2, "a usage error");
    assert!(stderr.contains("pdf"));
}

#[test]
fn json_report_writes_null_for_an_orphans_owner_and_rota() {
    let (code, stdout, _) =
        opmodel(&["report", &sample("needs-attention.ron"), "--format", "json"]);
    assert_eq!(code, 0);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let service = |id: &str| {
        report["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
            .clone()
    };
    let orphan = service("legacy-crm");
    assert_eq!(orphan["owner"], Value::Null);
    assert_eq!(orphan["rota"], Value::Null);
    assert_eq!(orphan["cover"], "Uncovered");
    // 3,000 an hour is in the 95 % band, Low demand → Monthly → Ops Run It, Off.
    assert_eq!(orphan["availability"], 95.0);
    assert_eq!(orphan["deployment"], "Monthly");
    assert_eq!(orphan["operating_model"], "OpsRunIt");
    assert_eq!(orphan["out_of_hours"], "Off");
    // Tolerable downtime 0.05 × 168 × 3600 = 30,240 s; loss 3,000 × 0.05 × 168 × 52.
    let number = |v: &Value| v.as_f64().unwrap();
    assert!((number(&orphan["tolerable_downtime_per_week_s"]) - 30_240.0).abs() < 1e-6);
    assert!((number(&orphan["projected_annual_loss"]) - 1_310_400.0).abs() < 1e-6);
    let basket = service("basket");
    assert_eq!(basket["rota"], "team:alpha");
    assert_eq!(basket["cover"], "Understaffed");
    let alpha = &report["rotas"][0];
    assert_eq!(alpha["id"], "team:alpha");
    assert_eq!(alpha["kind"], "team");
    assert_eq!(alpha["healthy"], false);
    assert_eq!(
        (alpha["pool"].as_u64(), alpha["frequency_weeks"].as_u64()),
        (Some(2), Some(2))
    );
    let finding = report["findings"][0].as_object().unwrap();
    assert_eq!(
        finding.keys().map(String::as_str).collect::<Vec<_>>(),
        ["severity", "code", "subject", "message"]
    );
    assert_eq!(report["findings"][0]["severity"], "error");
    assert_eq!(report["coverage"]["ownership"], 8.0 / 9.0);
    assert_eq!(report["domains"][0]["id"], "checkout-domain");
}

#[test]
fn csv_line_items_add_up_to_the_total() {
    let path = sample("enterprise-hybrid.ron");
    let (code, stdout, _) = opmodel(&["report", &path, "--format", "csv"]);
    assert_eq!(code, 0);
    let (_, json, _) = opmodel(&["report", &path, "--format", "json"]);
    let report: Value = serde_json::from_str(&json).unwrap();
    let rows: Vec<Vec<&str>> = stdout
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), report["services"].as_array().unwrap().len());
    assert!(rows.len() >= 40);
    assert!(rows.iter().all(|r| r.len() == 13), "no cell holds a comma");
    let ids: Vec<&str> = rows.iter().map(|r| r[0]).collect();
    let report_ids: Vec<&str> = report["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, report_ids, "one row per service, in file order");
    let sum: f64 = rows.iter().map(|r| r[9].parse::<f64>().unwrap()).sum();
    // The enterprise total, worked out in tests/sample_models.rs.
    assert!((sum - 454_740.0).abs() < 0.01, "{sum}");
}

#[test]
fn check_passes_warnings_and_fails_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warnings.ron");
    // One team owning two services with a limit of one: only a team-overloaded warning.
    std::fs::write(
        &path,
        r#"(name: "w", settings: (max_services_per_team: 1),
            teams: [(id: "t", name: "T", kind: Product)],
            services: [(id: "a", name: "A", kind: Digital, owner: Some("t"), availability: Some(95.0), demand: High),
                       (id: "b", name: "B", kind: Digital, owner: Some("t"), availability: Some(95.0), demand: High)])"#,
    )
    .unwrap();
    let (code, stdout, stderr) = opmodel(&["check", &path.display().to_string()]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("team-overloaded"), "{stdout}");
    for (name, expected) in [
        ("retail-domains.ron", 0),
        ("enterprise-hybrid.ron", 1),
        ("needs-attention.ron", 1),
    ] {
        let (code, stdout, _) = opmodel(&["check", &sample(name)]);
        assert_eq!(code, expected, "{name}: {stdout}");
    }
}

/// Runs the binary with `stdout` as its standard output and `input` on standard input.
fn opmodel_with(args: &[&str], stdout: std::process::Stdio, input: &str) -> (i32, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The binary may stop reading early; a closed pipe here is not a failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let output = child.wait_with_output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn output_that_cannot_be_written_exits_3() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full, the device every write to fails with ENOSPC, opens on Linux");
    let startup = sample("startup.ron");
    for args in [
        vec!["check", startup.as_str()],
        vec!["report", startup.as_str()],
        vec!["compare", startup.as_str(), startup.as_str()],
    ] {
        let (code, stderr) = opmodel_with(&args, full.try_clone().unwrap().into(), "");
        assert_eq!(code, 3, "{args:?}: {stderr}");
        assert!(stderr.contains("cannot write"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn a_dash_reads_the_model_from_standard_input() {
    let text = std::fs::read_to_string(sample("startup.ron")).unwrap();
    let (code, stderr) = opmodel_with(&["check", "-"], std::process::Stdio::null(), &text);
    assert!(code == 0 || code == 1, "{stderr}");
    let (code, stderr) = opmodel_with(
        &["check", "-"],
        std::process::Stdio::null(),
        "(name: \"x\", settings: (weeks_per_year: 1e308))",
    );
    assert_eq!(code, 2);
    assert!(stderr.starts_with("opmodel: <stdin>:1:"), "{stderr}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(["report", &sample("enterprise-hybrid.ron")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -0`: the reader goes away before reading anything.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "{:?}", output.stderr);
}

#[test]
fn devices_and_pipes_are_refused_at_once() {
    let (code, _, stderr) = opmodel(&["check", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("a device"), "{stderr}");
}
