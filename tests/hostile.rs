//! Issue 17, hostile estates: every catalog, sheet, model and name that once crashed, hung,
//! flooded or misled Opmodel, run through the command line. The twelve faults in the order
//! the issue lists them, then the cases where SPEC was silent. Small crafted files live in
//! `tests/hostile/`; devices, pipes, sparse and huge files, deep folders and long chains of
//! Locations are made here.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use opmodel::files::limits;

mod support;
use support::{obeyed_by_terminal, opmodel, write};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

/// Runs the binary, failing the test (rather than hanging it) when it takes longer than
/// `seconds`.
fn within(seconds: u64, args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    while child
        .try_wait()
        .expect("the child can be waited for")
        .is_none()
    {
        if start.elapsed() > Duration::from_secs(seconds) {
            let _ = child.kill();
            panic!("opmodel {args:?} still ran after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("the output is read")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// No character a terminal would obey, or that reorders or breaks a line, outside the line
/// breaks themselves.
fn assert_shown_safely(what: &str, output: &str) {
    if let Some(c) = output
        .chars()
        .find(|c| *c != '\n' && obeyed_by_terminal(*c))
    {
        panic!("{what}: {c:?} reaches the terminal raw in {output:?}");
    }
}

fn make_fifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

// 1. `import csv` reads input of any size.

#[test]
fn a_device_a_pipe_or_a_sparse_gigabyte_is_refused_at_once_and_in_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("sheet.csv");
    make_fifo(&fifo);
    let sparse = dir.path().join("sparse.csv");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    for (path, why) in [
        (PathBuf::from("/dev/zero"), "this is a device, not a file"),
        (fifo, "this is a named pipe, not a file"),
        (
            sparse,
            "the sheet is larger than 32 MiB, the most an import reads",
        ),
    ] {
        let output = within(10, &["import", "csv", &text(&path)]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(message.contains(why), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.len() < 300, "{} bytes", message.len());
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn a_sheet_of_more_rows_than_an_import_reads_is_refused_naming_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheet = String::from("service,team\n");
    for i in 0..=limits::SHEET_ROWS {
        sheet.push_str(&format!("s{i},t\n"));
    }
    let path = write(dir.path(), "rows.csv", &sheet);
    let (code, stdout, message) = opmodel(&["import", "csv", &text(&path)]);
    assert_eq!(code, 2, "{message}");
    assert!(
        message.contains(&format!(
            "row {}: the sheet has more than 100,000 rows",
            limits::SHEET_ROWS + 2
        )),
        "{message}"
    );
    assert!(stdout.is_empty());
}

// 2. `import backstage` overflows its stack on `/`, `/proc/self` and 5,000 nested Locations.

#[test]
fn locations_leading_to_the_root_or_proc_are_noted_not_walked() {
    let output = within(
        20,
        &[
            "import",
            "backstage",
            &text(&corpus("location-outside.yaml")),
        ],
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains("Location target outside the folders of the catalog named, skipped (4):"),
        "{message}"
    );
    for target in ["/etc/passwd", "leads to /,", "/proc/"] {
        assert!(message.contains(target), "{target}: {message}");
    }
    let model = String::from_utf8(output.stdout).unwrap();
    assert!(model.contains("id: \"inside\""), "{model}");
    assert!(!model.contains("root:"), "nothing of /etc/passwd is read");
}

#[test]
fn five_thousand_nested_locations_stop_at_the_depth_bound() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..5_000 {
        write(
            dir.path(),
            &format!("l{i}.yaml"),
            &format!(
                "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {{name: l{i}}}\nspec: {{target: ./l{}.yaml}}\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {{name: c{i}}}\nspec: {{type: service, lifecycle: production}}\n",
                i + 1
            ),
        );
    }
    let output = within(
        30,
        &["import", "backstage", &text(&dir.path().join("l0.yaml"))],
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains(&format!(
            "location:default/l{}: reached through {} Locations",
            limits::LOCATION_DEPTH,
            limits::LOCATION_DEPTH
        )),
        "{message}"
    );
    // The components of the files read: l0 … l32.
    let model = opmodel::files::ron::parse(
        &String::from_utf8(output.stdout).unwrap(),
        Path::new("out.ron"),
    )
    .unwrap();
    assert_eq!(model.services.len(), limits::LOCATION_DEPTH + 1);
}

// 3. YAML takes about 62× the file size in memory with no cap.

#[test]
fn a_catalog_file_over_the_cap_is_skipped_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::File::create(dir.path().join("huge.yaml"))
        .unwrap()
        .set_len(limits::CATALOG_FILE_BYTES + 1)
        .unwrap();
    std::fs::copy(corpus("inside.yaml"), dir.path().join("inside.yaml")).unwrap();
    let output = within(10, &["import", "backstage", &text(dir.path())]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains("huge.yaml: larger than 16 MiB, the most read from one catalog file"),
        "{message}"
    );
    let strict = within(10, &["import", "backstage", "--strict", &text(dir.path())]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn a_catalog_of_too_many_bytes_is_refused_as_a_whole() {
    let dir = tempfile::tempdir().unwrap();
    // Nine sparse files of 15 MiB each: 135 MiB together, over the 128 MiB cap; each file
    // alone is under its own cap, so the catalog as a whole is what is refused, and it is
    // refused before the ninth is read.
    for i in 0..9 {
        std::fs::File::create(dir.path().join(format!("f{i}.yaml")))
            .unwrap()
            .set_len(15 * 1024 * 1024)
            .unwrap();
    }
    let output = within(60, &["import", "backstage", &text(dir.path())]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("the catalog's files hold more than 128 MiB together"),
        "{message}"
    );
    assert!(output.stdout.is_empty());
}

// 4. The loader accepts a 10 MB name (the label layout is the deck's work).

#[test]
fn a_model_with_a_ten_megabyte_name_is_refused_where_the_name_is() {
    let dir = tempfile::tempdir().unwrap();
    let long = "n".repeat(10_000_000);
    let path = write(
        dir.path(),
        "long.ron",
        &format!(
            "(\n    name: \"m\",\n    services: [(id: \"s\", name: \"{long}\", kind: Digital)],\n)\n"
        ),
    );
    let (code, _, message) = opmodel(&["check", &text(&path)]);
    assert_eq!(code, 2);
    assert!(
        message.contains("long.ron:3:"),
        "the line of the name: {}",
        &message[..message.len().min(300)]
    );
    assert!(
        message.contains(
            "the name of service `s` is 10,000,000 characters long; it may have at most 1,000"
        ),
        "{}",
        &message[..message.len().min(300)]
    );
    assert!(message.len() < 500, "{} bytes", message.len());
}

// 5. Terminal escapes pass through.

#[test]
fn a_hostile_owner_name_or_lifecycle_is_shown_escaped_in_the_summary() {
    let output = within(
        10,
        &["import", "backstage", &text(&corpus("owner-escape.yaml"))],
    );
    let message = stderr(&output);
    assert_shown_safely("the import summary", &message);
    assert!(message.contains("pay\\u{1b}]0;pwned\\u{7}"), "{message}");
    assert!(
        message.contains("owner group:default/\\u{1b}[31mred"),
        "{message}"
    );
}

#[test]
fn a_file_name_with_an_escape_or_a_line_break_cannot_forge_summary_lines() {
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("x\u{1b}[2J\nImported 99 services.yaml");
    std::fs::write(&named, "- not an entity\n").unwrap();
    let other = dir.path().join("ok\u{202e}.yaml");
    std::fs::write(
        &other,
        std::fs::read_to_string(corpus("inside.yaml")).unwrap(),
    )
    .unwrap();
    let output = within(10, &["import", "backstage", &text(dir.path())]);
    let message = stderr(&output);
    assert_shown_safely("the import summary", &message);
    assert!(
        !message.lines().any(|l| l.starts_with("Imported 99")),
        "{message}"
    );
    let sheet = dir.path().join("bad\u{7}\n.csv");
    std::fs::write(&sheet, "service,team,kind\nA,T,\u{1b}[2J\u{7}\u{202e}\n").unwrap();
    let (code, _, message) = opmodel(&["import", "csv", &text(&sheet)]);
    assert_eq!(code, 2);
    assert_shown_safely("a sheet's error", &message);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("row 2, column kind: `\\u{1b}[2J\\u{7}\\u{202e}` is not a service kind"),
        "{message}"
    );
}

#[test]
fn the_currency_and_names_are_escaped_in_every_report_and_comparison() {
    let model = text(&corpus("currency-escape.ron"));
    for format in ["text", "markdown", "json"] {
        let (code, stdout, stderr) = opmodel(&["report", &model, "--format", format]);
        assert_eq!(code, 0, "{stderr}");
        assert_shown_safely(format, &stdout);
    }
    let (_, stdout, _) = opmodel(&["report", &model]);
    assert!(
        stdout.contains("\\u{1b}[31mGBP\\u{9b}2J\\u{202e} 0"),
        "{stdout}"
    );
    assert!(stdout.contains("line one\\nforged: line two"), "{stdout}");
    let (_, json, _) = opmodel(&["report", &model, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        report["currency"], "\u{1b}[31mGBP\u{9b}2J\u{202e}",
        "JSON keeps the value"
    );
    let (_, check, _) = opmodel(&["check", &model]);
    assert_shown_safely("check", &check);
    let startup = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/startup.ron");
    for format in ["text", "markdown", "json"] {
        let (code, stdout, stderr) =
            opmodel(&["compare", &text(&startup), &model, "--format", format]);
        assert_eq!(code, 0, "{stderr}");
        assert_shown_safely(format, &stdout);
    }
}

// 6. The importers write models that `check` refuses.

#[test]
fn annotations_beyond_a_models_bounds_are_noted_and_the_model_loads() {
    let catalog = text(&corpus("annotations-beyond.yaml"));
    let output = within(10, &["import", "backstage", &catalog]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains("beyond what a model holds: cut to fit, or skipped (3):"),
        "{message}"
    );
    for what in [
        "opmodel/members: 10,001 people is more than a team may have (10,000): ignored",
        "opmodel/exposure-per-hour: `1e300` is more than a model holds",
        "opmodel/callouts-per-year: `1e15` is more than a model holds",
    ] {
        assert!(message.contains(what), "{what}: {message}");
    }
    let model = opmodel::files::ron::parse(
        &String::from_utf8(output.stdout).unwrap(),
        Path::new("out.ron"),
    )
    .expect("what an import writes loads");
    assert_eq!(model.teams[0].members, 1, "the member counted");
    assert_eq!(model.services[0].exposure_per_hour, None);
    let strict = within(10, &["import", "backstage", "--strict", &catalog]);
    assert_eq!(strict.status.code(), Some(2));
    assert!(strict.stdout.is_empty());
}

#[test]
fn sheet_values_beyond_a_models_bounds_are_refused_naming_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    for (column, value, why) in [
        (
            "members",
            "10001",
            "10,001 people is more than a team may have (10,000)",
        ),
        (
            "exposure_per_hour",
            "1e300",
            "`1e300` is more than a model holds as an exposure per hour",
        ),
        (
            "callouts_per_year",
            "1e15",
            "`1e15` is more than a model holds as callouts per year",
        ),
    ] {
        let path = write(
            dir.path(),
            "beyond.csv",
            &format!("service,team,{column}\nA,T,{value}\n"),
        );
        let (code, stdout, message) = opmodel(&["import", "csv", &text(&path)]);
        assert_eq!(code, 2, "{message}");
        assert!(
            message.contains(&format!("row 2, column {column}: {why}")),
            "{message}"
        );
        assert!(stdout.is_empty());
    }
}

// 7. CSV formula injection.

#[test]
fn formulas_are_written_defused_and_read_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("formula.ron");
    let (code, _, message) = opmodel(&[
        "import",
        "csv",
        &text(&corpus("formula.csv")),
        "-o",
        &text(&model),
    ]);
    assert_eq!(code, 0, "{message}");
    let formulas = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
    ];
    for args in [
        vec!["export", "--format", "csv"],
        vec!["report", "--format", "csv"],
    ] {
        let mut args = args.clone();
        args.insert(1, model.to_str().unwrap());
        let (code, sheet, _) = opmodel(&args);
        assert_eq!(code, 0);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(sheet.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{args:?}: {cell:?} would run as a formula"
                );
            }
        }
    }
    let sheet = dir.path().join("out.csv");
    let back = dir.path().join("back.ron");
    opmodel(&[
        "export",
        &text(&model),
        "--format",
        "csv",
        "-o",
        &text(&sheet),
    ]);
    let (code, _, message) = opmodel(&[
        "import",
        "csv",
        &text(&sheet),
        "--name",
        "formula",
        "-o",
        &text(&back),
    ]);
    assert_eq!(code, 0, "{message}");
    let back = opmodel::files::ron::load(&back).unwrap();
    let names: Vec<&str> = back.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, formulas);
    assert_eq!(back, opmodel::files::ron::load(&model).unwrap());
}

// 8. The CSV round trip breaks.

#[test]
fn names_whose_ids_clash_are_numbered_and_both_come_back() {
    let (code, stdout, message) = opmodel(&["import", "csv", &text(&corpus("clashing-ids.csv"))]);
    assert_eq!(code, 0, "{message}");
    let model = opmodel::files::ron::parse(&stdout, Path::new("out.ron")).unwrap();
    let services: Vec<(&str, &str)> = model
        .services
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(services, [("a-b", "A b"), ("a-b-2", "a-b")]);
    let teams: Vec<(&str, &str)> = model
        .teams
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str()))
        .collect();
    assert_eq!(
        teams,
        [("payments", "Payments"), ("payments-2", "payments")]
    );
    // `a-b` names the service called so, not the id of `A b`; each depends on the other.
    let dependencies: Vec<(&str, &str)> = model
        .dependencies
        .iter()
        .map(|d| (d.from.as_str(), d.to.as_str()))
        .collect();
    assert_eq!(dependencies, [("a-b", "a-b-2"), ("a-b-2", "a-b")]);
    let sheet = opmodel::files::csv_sheet::write_sheet(&model).unwrap();
    let back = opmodel::files::csv_sheet::read_sheet(&sheet, &model.name).unwrap();
    assert_eq!(back, model);
}

#[test]
fn empty_names_and_surrounding_spaces_are_refused_with_row_and_column() {
    let (code, _, message) = opmodel(&["import", "csv", &text(&corpus("spaces.csv"))]);
    assert_eq!(code, 2);
    assert!(
        message.contains("row 2, column service: `Checkout ` has spaces around it"),
        "{message}"
    );
    let (code, _, message) = opmodel(&["import", "csv", &text(&corpus("empty-name.csv"))]);
    assert_eq!(code, 2);
    assert!(
        message
            .contains("row 3, column service: the service has no name, but the row gives its kind"),
        "{message}"
    );
}

#[test]
fn a_model_with_empty_names_and_spaces_goes_out_to_a_sheet_and_back_exactly() {
    use opmodel::model::{Dependency, Model, Service, ServiceKind, Team, TeamKind};
    let mut model = Model::named("m");
    model.teams.push(Team::new("t", " Pay ", TeamKind::Product));
    for (id, name) in [("e", ""), ("s", " Checkout"), ("x", "x;y")] {
        let mut service = Service::new(id, name, ServiceKind::Digital);
        service.owner = Some("t".to_owned());
        model.services.push(service);
    }
    model.dependencies = vec![
        Dependency {
            from: "s".into(),
            to: "e".into(),
        },
        Dependency {
            from: "e".into(),
            to: "x".into(),
        },
    ];
    let sheet = opmodel::files::csv_sheet::write_sheet(&model).unwrap();
    let back = opmodel::files::csv_sheet::read_sheet(&sheet, "m").unwrap();
    let names: Vec<&str> = back.services.iter().map(|s| s.name.as_str()).collect();
    // The empty name goes out as the id the editor shows; spaces come back as they were.
    assert_eq!(names, ["e", " Checkout", "x;y"]);
    assert_eq!(back.teams[0].name, " Pay ");
    assert_eq!(back.dependencies.len(), 2, "no dependency is dropped");
}

// 9. Very deep folders are walked in cubic time.

#[test]
fn a_folder_two_thousand_levels_deep_is_searched_to_the_depth_bound() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(corpus("inside.yaml"), dir.path().join("inside.yaml")).unwrap();
    let mut deep = dir.path().to_owned();
    for _ in 0..1_900 {
        deep.push("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("lost.yaml"), "- never read\n").unwrap();
    let output = within(20, &["import", "backstage", &text(dir.path())]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains(&format!(
            "a folder more than {} folders below",
            limits::FOLDER_DEPTH
        )),
        "{message}"
    );
}

// 10. `-o` naming the input destroys it.

#[test]
fn a_catalog_of_locations_alone_is_refused_rather_than_written_as_an_empty_model() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("catalog-info.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: all\nspec:\n  targets:\n    - ./gone.yaml\n",
    )
    .unwrap();
    let output_file = dir.path().join("out.ron");
    let (code, _, message) = opmodel(&[
        "import",
        "backstage",
        &text(dir.path()),
        "-o",
        &text(&output_file),
    ]);
    assert_eq!(code, 2, "{message}");
    assert!(
        message
            .contains("1 catalog entity but no domain, team or service to model; nothing written"),
        "{message}"
    );
    assert!(!output_file.exists());
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/startup.ron");
    let model = dir.path().join("m.ron");
    std::fs::copy(&sample, &model).unwrap();
    let link = dir.path().join("link.ron");
    let hard = dir.path().join("hard.ron");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&model, &link).unwrap();
    std::fs::hard_link(&model, &hard).unwrap();
    let sheet = dir.path().join("s.csv");
    std::fs::copy(corpus("clashing-ids.csv"), &sheet).unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir(&catalog).unwrap();
    let info = catalog.join("catalog-info.yaml");
    std::fs::copy(corpus("inside.yaml"), &info).unwrap();
    let original = std::fs::read(&model).unwrap();
    let cases: Vec<Vec<String>> = vec![
        vec![
            "export".into(),
            text(&model),
            "--format".into(),
            "svg".into(),
            "-o".into(),
            text(&model),
        ],
        vec![
            "export".into(),
            text(&model),
            "--format".into(),
            "csv".into(),
            "-o".into(),
            text(&link),
        ],
        vec![
            "export".into(),
            text(&link),
            "--format".into(),
            "dot".into(),
            "-o".into(),
            text(&hard),
        ],
        vec![
            "import".into(),
            "csv".into(),
            text(&sheet),
            "-o".into(),
            text(&sheet),
        ],
        vec![
            "import".into(),
            "backstage".into(),
            text(&catalog),
            "-o".into(),
            text(&info),
        ],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, message) = opmodel(&args);
        assert_eq!(code, 2, "{args:?}: {message}");
        assert!(
            message.contains("is a file this command reads; write the output to another file"),
            "{message}"
        );
        assert!(
            !message.contains("Imported"),
            "a refused import does not say it imported: {message}"
        );
    }
    assert_eq!(std::fs::read(&model).unwrap(), original);
    assert_eq!(
        std::fs::read(&sheet).unwrap(),
        std::fs::read(corpus("clashing-ids.csv")).unwrap()
    );
    assert_eq!(
        std::fs::read(&info).unwrap(),
        std::fs::read(corpus("inside.yaml")).unwrap()
    );
}

// 11. Error lines have no length bound.

#[test]
fn a_ten_megabyte_cell_gives_a_short_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let cell = "x".repeat(10_000_000);
    let path = write(
        dir.path(),
        "big-cell.csv",
        &format!("service,team,kind\nA,T,{cell}\n"),
    );
    let (code, _, message) = opmodel(&["import", "csv", &text(&path)]);
    assert_eq!(code, 2);
    assert_eq!(message.lines().count(), 1);
    assert!(message.len() < 500, "{} bytes", message.len());
    assert!(message.contains("row 2, column kind: `xxx"), "{message}");
    let long_name = write(
        dir.path(),
        "big-name.csv",
        &format!("service,team\n{cell},T\n"),
    );
    let (code, _, message) = opmodel(&["import", "csv", &text(&long_name)]);
    assert_eq!(code, 2);
    assert!(message.len() < 500, "{} bytes", message.len());
    assert!(
        message.contains("a name of 10,000,000 characters is longer than a model allows"),
        "{message}"
    );
}

// 12. `opmodel report m.ron >&-` exits 0.

#[cfg(target_os = "linux")]
#[test]
fn a_closed_standard_output_exits_3() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/startup.ron");
    let run = |redirect: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" report \"$1\" {redirect}"))
            .arg(env!("CARGO_BIN_EXE_opmodel"))
            .arg(&sample)
            .output()
            .expect("sh runs")
    };
    let closed = run(">&-");
    assert_eq!(closed.status.code(), Some(3));
    assert!(
        stderr(&closed).contains("cannot write the output: standard output is closed"),
        "{}",
        stderr(&closed)
    );
    assert_eq!(
        run(">/dev/null").status.code(),
        Some(0),
        "/dev/null takes it"
    );
}

// Where SPEC is silent.

#[test]
fn a_tagged_document_is_noted_and_fails_strict() {
    let catalog = text(&corpus("tagged.yaml"));
    let output = within(10, &["import", "backstage", &catalog]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains("YAML document with a tag, which no Backstage entity has, skipped (1):"),
        "{message}"
    );
    assert!(message.contains("tagged.yaml:2: tag !secret"), "{message}");
    let strict = within(10, &["import", "backstage", "--strict", &catalog]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn locations_outside_the_catalog_fail_strict() {
    let strict = within(
        20,
        &[
            "import",
            "backstage",
            "--strict",
            &text(&corpus("location-outside.yaml")),
        ],
    );
    assert_eq!(strict.status.code(), Some(2));
    assert!(strict.stdout.is_empty());
}

#[test]
fn dash_as_the_output_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/startup.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(["export", &text(&sample), "--format", "mermaid", "-o", "-"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.starts_with(b"flowchart LR"));
    assert!(!dir.path().join("-").exists(), "no file called -");
    let output = Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args([
            "import",
            "csv",
            &text(&corpus("clashing-ids.csv")),
            "-o",
            "-",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.starts_with(b"(\n"));
    assert!(!dir.path().join("-").exists(), "no file called -");
}

#[test]
fn a_pipe_given_as_a_catalog_is_named_for_what_it_is_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("catalog-info.yaml");
    make_fifo(&fifo);
    let output = within(10, &["import", "backstage", &text(&fifo)]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("catalog-info.yaml: this is a named pipe, not a file"),
        "{message}"
    );
    // And inside a folder the pipe is skipped while the rest is read.
    std::fs::copy(corpus("inside.yaml"), dir.path().join("inside.yaml")).unwrap();
    let output = within(10, &["import", "backstage", &text(dir.path())]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn version_alone_says_the_name_is_missing_from_the_model() {
    let (code, _, message) = opmodel(&["check", &text(&corpus("version-1.ron"))]);
    assert_eq!(code, 2);
    assert!(
        message.ends_with("version-1.ron:1:12: the field `name` is missing\n"),
        "{message}"
    );
}
