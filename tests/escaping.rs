//! One escaping rule for every line a terminal shows (issue 17): a property test that puts
//! control characters, C1 codes and bidi marks into a model's names, ids, currency,
//! description and tags, into sheet cells, catalog entities and file names, runs every
//! command on them — `report` and `compare` in each text format and JSON, `check`, `export`
//! (its errors), `import csv` and `import backstage` (their summaries and errors) — and
//! asserts that none of them comes out raw. Sheets (`--format csv`) and pictures are data
//! for other programs and keep every character exactly; they are not terminal text.

use std::path::{Path, PathBuf};

use opmodel::format::LINE_CHARS;
use opmodel::model::{Dependency, Domain, Model, Service, ServiceKind, Team, TeamKind};
use proptest::prelude::*;

mod support;
use support::{obeyed_by_terminal, opmodel, yaml_quoted};

/// Text holding at least one character a terminal must not get raw.
fn dangerous() -> impl Strategy<Value = String> {
    let hostile = proptest::sample::select(vec![
        '\u{0}', '\u{7}', '\u{8}', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{80}', '\u{85}',
        '\u{90}', '\u{9b}', '\u{9d}', '\u{9f}', '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}',
        '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
        '\u{2069}', '\u{2028}', '\u{2029}',
    ]);
    let plain = proptest::char::range('a', 'z');
    (
        proptest::collection::vec(prop_oneof![plain, hostile.clone()], 0..8),
        hostile,
        proptest::collection::vec(
            prop_oneof![proptest::char::range('a', 'z'), Just('[')],
            0..4,
        ),
    )
        .prop_map(|(before, danger, after)| {
            before
                .into_iter()
                .chain([danger])
                .chain(after)
                .collect::<String>()
        })
}

/// A model whose every text is dangerous; ids stay unique by a plain prefix.
fn hostile_model() -> impl Strategy<Value = Model> {
    proptest::collection::vec(dangerous(), 12).prop_map(|t| {
        let mut model = Model::named(&t[0]);
        model.description = t[1].clone();
        model.settings.currency = t[2].clone();
        model.domains.push(Domain {
            id: format!("d{}", t[3]),
            name: t[4].clone(),
        });
        let mut team = Team::new(&format!("t{}", t[5]), &t[6], TeamKind::Product);
        team.domain = Some(model.domains[0].id.clone());
        team.members = 2;
        model.teams.push(team);
        for (i, (id, name)) in [(&t[7], &t[8]), (&t[9], &t[10])].into_iter().enumerate() {
            let mut service = Service::new(&format!("s{i}{id}"), name, ServiceKind::Digital);
            service.owner = Some(model.teams[0].id.clone());
            service.exposure_per_hour = Some(500_000.0);
            let tag = t[11].trim().to_owned();
            if !tag.is_empty() {
                service.compliance = vec![tag];
            }
            model.services.push(service);
        }
        model.dependencies.push(Dependency {
            from: model.services[0].id.clone(),
            to: model.services[1].id.clone(),
        });
        model
    })
}

fn assert_safe(what: &str, text: &str) -> Result<(), TestCaseError> {
    if let Some(c) = text.chars().find(|c| *c != '\n' && obeyed_by_terminal(*c)) {
        return Err(TestCaseError::fail(format!(
            "{what}: {c:?} comes out raw in {text:?}"
        )));
    }
    Ok(())
}

/// Every message line is short, whatever it names.
fn assert_bounded(what: &str, stderr: &str) -> Result<(), TestCaseError> {
    for line in stderr.lines() {
        prop_assert!(
            line.chars().count() <= LINE_CHARS + 20,
            "{what}: a line of {} characters",
            line.chars().count()
        );
    }
    Ok(())
}

fn run(what: &str, args: &[&str]) -> Result<(i32, String), TestCaseError> {
    let (code, stdout, stderr) = opmodel(args);
    assert_safe(&format!("{what} (stdout)"), &stdout)?;
    assert_safe(&format!("{what} (stderr)"), &stderr)?;
    assert_bounded(what, &stderr)?;
    Ok((code, stdout))
}

fn path(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

/// A file name holding a dangerous text, where the file system allows it.
fn hostile_file(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let clean: String = stem.chars().filter(|c| *c != '/' && *c != '\0').collect();
    dir.join(format!("{clean}.{extension}"))
}

fn every_command(model: &Model, name: &str) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_file(dir.path(), name, "ron");
    std::fs::write(&file, opmodel::files::ron::to_ron(model)).unwrap();
    let file = path(&file);
    for format in ["text", "markdown", "json"] {
        let (code, _) = run(
            &format!("report {format}"),
            &["report", file, "--format", format],
        )?;
        prop_assert_eq!(code, 0);
    }
    run("check", &["check", file])?;
    let mut changed = model.clone();
    changed.name = format!("{}\u{1b}[2J", model.name);
    changed.services[1].name = format!("\u{202e}{}", model.services[1].name);
    changed
        .services
        .push(Service::new("new\u{9b}", "\u{7}", ServiceKind::Cots));
    let other = dir.path().join("other.ron");
    std::fs::write(&other, opmodel::files::ron::to_ron(&changed)).unwrap();
    for format in ["text", "markdown", "json"] {
        run(
            &format!("compare {format}"),
            &["compare", file, path(&other), "--format", format],
        )?;
    }
    // An export the sheet cannot carry names the two services in its error.
    let mut twins = model.clone();
    for service in &mut twins.services {
        service.name = format!("twin {}", model.services[0].name);
    }
    let twins_file = hostile_file(dir.path(), &format!("{name}twins"), "ron");
    std::fs::write(&twins_file, opmodel::files::ron::to_ron(&twins)).unwrap();
    let (code, _) = run(
        "export csv error",
        &[
            "export",
            path(&twins_file),
            "--format",
            "csv",
            "-o",
            path(&dir.path().join("x.csv")),
        ],
    )?;
    prop_assert_eq!(code, 2);
    // A sheet out and in again: the summary and the error of a bad cell.
    let sheet = hostile_file(dir.path(), name, "csv");
    let (code, _) = run(
        "export csv",
        &["export", file, "--format", "csv", "-o", path(&sheet)],
    )?;
    prop_assert_eq!(code, 0);
    let (code, _) = run(
        "import csv",
        &[
            "import",
            "csv",
            path(&sheet),
            "-o",
            path(&dir.path().join("in.ron")),
        ],
    )?;
    prop_assert_eq!(code, 0);
    let bad = hostile_file(dir.path(), &format!("{name}bad"), "csv");
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["service", "team", "kind"]).unwrap();
    let kind = format!("not a kind {}", model.name);
    writer
        .write_record([&model.services[0].name, &model.teams[0].name, &kind])
        .unwrap();
    std::fs::write(&bad, writer.into_inner().unwrap()).unwrap();
    let (code, _) = run("import csv error", &["import", "csv", path(&bad)])?;
    prop_assert_eq!(code, 2);
    Ok(())
}

fn catalog_import(texts: &[String]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    std::fs::create_dir(&catalog).unwrap();
    let doc = |kind: &str, name: &str, spec: String| {
        format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {}\n  title: {}\nspec:\n{spec}",
            yaml_quoted(name),
            yaml_quoted(&texts[4])
        )
    };
    let body = [
        doc(
            "Component",
            &format!("c{}", texts[0]),
            format!(
                "  type: service\n  lifecycle: {}\n  owner: {}\n  dependsOn: [{}]\n",
                yaml_quoted(&texts[1]),
                yaml_quoted(&texts[2]),
                yaml_quoted(&format!("component:{}", texts[3]))
            ),
        ),
        doc(
            "Location",
            &format!("l{}", texts[0]),
            format!("  targets: [{}, \"../x.yaml\"]\n", yaml_quoted(&texts[3])),
        ),
        format!(
            "--- !{}\nx: 1\n",
            texts[0]
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                + "t"
        ),
        doc(
            "Component",
            &format!("n{}", texts[0]),
            "  type: library\n".to_owned(),
        ),
    ]
    .concat();
    std::fs::write(hostile_file(&catalog, &texts[5], "yaml"), body).unwrap();
    std::fs::write(hostile_file(&catalog, &texts[6], "yaml"), "a: [unclosed\n").unwrap();
    run("import backstage", &["import", "backstage", path(&catalog)])?;
    run(
        "import backstage --strict",
        &["import", "backstage", "--strict", path(&catalog)],
    )?;
    run(
        "import backstage missing",
        &[
            "import",
            "backstage",
            path(&hostile_file(dir.path(), &texts[7], "yaml")),
        ],
    )?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_command_lets_a_control_character_or_bidi_mark_reach_the_terminal(
        model in hostile_model(),
        name in dangerous(),
    ) {
        every_command(&model, &name)?;
    }

    #[test]
    fn no_import_summary_lets_one_through(texts in proptest::collection::vec(dangerous(), 8)) {
        catalog_import(&texts)?;
    }
}

#[test]
fn reports_in_process_escape_every_line() {
    // The same rule holds for the library's reports, not only for the command line.
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    runner
        .run(&hostile_model(), |model| {
            let analysis = opmodel::analysis::analyze(&model);
            assert_safe("text", &opmodel::report::text(&model, &analysis))?;
            assert_safe("markdown", &opmodel::report::markdown(&model, &analysis))?;
            assert_safe("json", &opmodel::report::json(&analysis))?;
            let other = Model::named("\u{1b}[2J");
            let models = [&model, &other];
            let files = ["a".to_owned(), "b".to_owned()];
            let comparison = opmodel::compare::compare(&models);
            assert_safe(
                "compare text",
                &opmodel::report::compare_text(&models, &files, &comparison),
            )?;
            assert_safe(
                "compare markdown",
                &opmodel::report::compare_markdown(&models, &files, &comparison),
            )?;
            assert_safe("compare json", &opmodel::report::compare_json(&comparison))?;
            Ok(())
        })
        .unwrap();
}
