//! Fuzzing both importers in the project (issue 17): proptest strategies make sheets and
//! Backstage catalogs out of hostile text — control characters, C1 codes, bidi marks,
//! quotes, separators, formulas, numbers beyond a model's bounds, names past the length
//! bound, references that resolve and ones that do not — and random edits of the sample
//! catalog. Whatever comes in, an import never panics; a model it makes loads and saves to
//! itself; a sheet comes back from an export with every name exact; and every message is
//! one escaped line of bounded length.
//!
//! `cargo test --test import_fuzz` runs a few hundred cases of each; the long run is
//! `cargo test --release --test import_fuzz -- --ignored`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use opmodel::files::backstage;
use opmodel::files::csv_sheet::{COLUMNS, read_sheet, write_sheet};
use opmodel::files::transfer::{self, ImportOptions, ImportSource};
use opmodel::format::LINE_CHARS;
use opmodel::model::{Model, validate};
use proptest::prelude::*;

mod support;
use support::synthetic::Rng;
use support::{obeyed_by_terminal, yaml_quoted};

/// Characters a hostile estate might hold, weighted towards the awkward ones.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        1 => proptest::char::range('0', '9'),
        3 => proptest::sample::select(vec![
            ' ', '\t', '\n', '\r', '"', '\'', ',', ';', ':', '/', '-', '=', '+', '@', '#', '&',
            '|', '\\', '{', '}', '[', ']', '*', '!', '%',
        ]),
        2 => proptest::sample::select(vec![
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{200f}', '\u{202e}',
            '\u{2066}', '\u{2028}', 'é', '日', '\u{feff}', '😀',
        ]),
    ]
}

fn hostile_text(most: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(hostile_char(), 0..most).prop_map(|c| c.into_iter().collect())
}

/// A cell: hostile text, a value the column takes, or a number at or past a bound.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => hostile_text(10),
        3 => proptest::sample::select(vec![
            "Digital", "COTS", "Foundational", "Product", "Operations", "Low", "VeryHigh",
            "Inception", "Retiring", "5", "0", "10000", "10001", "99.9", "100", "0.5 %",
            "1e12", "1e13", "1e300", "1e15", "-0", "-1", "NaN", "inf", "PCI;SOX", "a;a",
        ])
        .prop_map(str::to_owned),
        1 => Just("n".repeat(1_001)),
        1 => proptest::sample::select(vec!["'=1+1", "' x", "'", "''", "=cmd|x", "@SUM(1)"])
            .prop_map(str::to_owned),
    ]
}

/// A sheet: a header of the known columns in some order (always `service` and `team`, and
/// sometimes an unknown one), and rows of cells.
fn sheet() -> impl Strategy<Value = String> {
    (
        proptest::sample::subsequence(COLUMNS[2..].to_vec(), 0..=11),
        any::<bool>(),
        proptest::collection::vec(proptest::collection::vec(cell(), 0..16), 0..12),
        any::<bool>(),
    )
        .prop_map(|(mut columns, extra, rows, semicolons)| {
            columns.splice(0..0, ["service", "team"]);
            if extra {
                columns.push("notes");
            }
            let mut writer = csv::WriterBuilder::new()
                .delimiter(if semicolons { b';' } else { b',' })
                .flexible(true)
                .from_writer(Vec::new());
            writer.write_record(&columns).unwrap();
            for row in rows {
                writer.write_record(&row).unwrap();
            }
            String::from_utf8(writer.into_inner().unwrap()).unwrap()
        })
}

/// A message is one line, escaped, and short.
fn one_clean_line(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        !message.chars().any(obeyed_by_terminal),
        "raw control character in {message:?}"
    );
    prop_assert!(
        message.chars().count() <= LINE_CHARS + 200,
        "{} chars",
        message.len()
    );
    Ok(())
}

/// A model as a sheet describes it, whatever the order of its rows and its ids: every team,
/// domain and service by name with its values, and every dependency by names.
fn by_names(model: &Model) -> BTreeSet<String> {
    let name = |id: &str| model.display_name(id).to_owned();
    let mut view = BTreeSet::new();
    for team in &model.teams {
        view.insert(format!(
            "team {:?} {:?} {} {:?}",
            team.name,
            team.kind,
            team.members,
            team.domain.as_deref().map(name)
        ));
    }
    for domain in &model.domains {
        view.insert(format!("domain {:?}", domain.name));
    }
    for s in &model.services {
        view.insert(format!(
            "service {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?}",
            s.name,
            s.kind,
            s.owner.as_deref().map(name),
            s.exposure_per_hour,
            s.availability,
            s.demand,
            s.callouts_per_year,
            s.lifecycle,
            s.compliance
        ));
    }
    for d in &model.dependencies {
        view.insert(format!(
            "dependency {:?} -> {:?}",
            name(&d.from),
            name(&d.to)
        ));
    }
    view
}

/// An imported model is valid and saves to a file that loads back the same.
fn loads(model: &Model) -> Result<(), TestCaseError> {
    prop_assert!(validate(model).is_ok(), "{:?}", validate(model));
    let saved = opmodel::files::ron::to_ron(model);
    let again = opmodel::files::ron::parse(&saved, Path::new("saved.ron"))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    // The same model, but for the version the file says, which saving works out.
    prop_assert_eq!(opmodel::files::ron::to_ron(&again), saved);
    Ok(())
}

fn sheet_case(text: &str) -> Result<(), TestCaseError> {
    match read_sheet(text, "fuzz") {
        Err(error) => one_clean_line(&error.to_string()),
        Ok(model) => {
            loads(&model)?;
            // A model read from a sheet has names a sheet can carry: out and back exactly.
            let out = write_sheet(&model).map_err(TestCaseError::fail)?;
            let back = read_sheet(&out, "fuzz").map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(by_names(&back), by_names(&model));
            let again = read_sheet(&write_sheet(&back).map_err(TestCaseError::fail)?, "fuzz")
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(again, back);
            Ok(())
        }
    }
}

/// Names a catalog's references can find one another by, and a few hostile ones.
fn entity_name() -> impl Strategy<Value = String> {
    prop_oneof![
        16 => proptest::sample::select(vec!["a", "b", "c", "team-a", "Team-A", "d1", "api-x", "loc"])
            .prop_map(str::to_owned),
        4 => hostile_text(8),
        1 => Just("x".repeat(1_001)),
    ]
}

fn reference() -> impl Strategy<Value = String> {
    (
        proptest::option::of(proptest::sample::select(vec![
            "component",
            "component",
            "group",
            "user",
            "api",
            "domain",
            "system",
            "resource",
        ])),
        proptest::option::of(proptest::sample::select(vec!["default", "other"])),
        entity_name(),
    )
        .prop_map(|(kind, namespace, name)| {
            let mut text = String::new();
            if let Some(kind) = kind {
                text.push_str(kind);
                text.push(':');
            }
            if let Some(namespace) = namespace {
                text.push_str(namespace);
                text.push('/');
            }
            text + &name
        })
}

fn annotation() -> impl Strategy<Value = (String, String)> {
    (
        proptest::sample::select(vec![
            "opmodel/team-kind",
            "opmodel/members",
            "opmodel/domain",
            "opmodel/service-kind",
            "opmodel/exposure-per-hour",
            "opmodel/availability",
            "opmodel/demand",
            "opmodel/callouts-per-year",
            "opmodel/compliance",
        ]),
        cell(),
    )
        .prop_map(|(k, v)| (k.to_owned(), v))
}

/// One YAML document: mostly Backstage entities, sometimes something that is not.
fn document() -> impl Strategy<Value = String> {
    let entity = (
        proptest::sample::select(vec![
            "Component",
            "Component",
            "Component",
            "Component",
            "Group",
            "Group",
            "User",
            "Domain",
            "System",
            "API",
            "Location",
            "Resource",
        ]),
        entity_name(),
        proptest::option::of(hostile_text(12)),
        proptest::option::of(proptest::sample::select(vec![
            "service",
            "service",
            "service",
            "website",
            "library",
            "team",
            "team",
            "Team",
            "department",
        ])),
        proptest::option::of(reference()),
        proptest::option::of(proptest::sample::select(vec![
            "production",
            "experimental",
            "deprecated",
            "beta",
        ])),
        proptest::collection::vec(reference(), 0..4),
        proptest::collection::vec(annotation(), 0..3),
        proptest::collection::vec(
            proptest::sample::select(vec![
                "./one.yaml",
                "./sub/two.yaml",
                "../outside.yaml",
                "/",
                "https://x/y.yaml",
                "./gone.yaml",
                "./sub",
            ]),
            0..3,
        ),
    )
        .prop_map(
            |(kind, name, title, spec_type, owner, lifecycle, refs, annotations, targets)| {
                // Mostly types that fit the kind, so that services and teams come of it.
                let spec_type = match (kind, spec_type) {
                    ("Component", Some("team" | "Team" | "department")) => Some("service"),
                    ("Group", Some("service" | "website")) => Some("team"),
                    (_, spec_type) => spec_type,
                };
                let mut doc = format!(
                    "apiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {}\n",
                    yaml_quoted(&name)
                );
                if let Some(title) = title {
                    doc += &format!("  title: {}\n", yaml_quoted(&title));
                }
                if !annotations.is_empty() {
                    doc += "  annotations:\n";
                    for (key, value) in &annotations {
                        doc += &format!("    {key}: {}\n", yaml_quoted(value));
                    }
                }
                doc += "spec:\n";
                if let Some(t) = spec_type {
                    doc += &format!("  type: {t}\n");
                }
                if let Some(owner) = owner {
                    doc += &format!("  owner: {}\n", yaml_quoted(&owner));
                }
                if let Some(l) = lifecycle {
                    doc += &format!("  lifecycle: {l}\n");
                }
                for field in [
                    "dependsOn",
                    "consumesApis",
                    "providesApis",
                    "memberOf",
                    "members",
                ] {
                    let list: Vec<String> = refs.iter().map(|r| yaml_quoted(r)).collect();
                    doc += &format!("  {field}: [{}]\n", list.join(", "));
                }
                if let Some(r) = refs.first() {
                    doc += &format!(
                        "  system: {}\n  domain: {}\n",
                        yaml_quoted(r),
                        yaml_quoted(r)
                    );
                }
                if !targets.is_empty() {
                    doc += &format!("  targets: [{}]\n", targets.join(", "));
                }
                doc
            },
        );
    prop_oneof![
        40 => entity,
        1 => hostile_text(40),
        1 => Just("--- !secret\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: t}\n".to_owned()),
        1 => (1usize..200).prop_map(|depth| format!("{}x{}", "[".repeat(depth), "]".repeat(depth))),
    ]
}

/// A catalog: documents spread over a few files, one in a sub-folder.
fn catalog() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec((0..3usize, document()), 0..16).prop_map(|docs| {
        let names = ["one.yaml", "sub/two.yaml", "three.yml"];
        names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let body: Vec<&str> = docs
                    .iter()
                    .filter(|(file, _)| *file == i)
                    .map(|(_, d)| d.as_str())
                    .collect();
                ((*name).to_owned(), body.join("\n---\n"))
            })
            .collect()
    })
}

fn write_catalog(files: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("catalog");
    for (name, body) in files {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
    std::fs::write(dir.path().join("outside.yaml"), "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: secret}\nspec: {type: service}\n").unwrap();
    dir
}

fn catalog_case(paths: &[PathBuf]) -> Result<(), TestCaseError> {
    let relaxed = transfer::import(ImportSource::Backstage, paths, &ImportOptions::default());
    let strict = transfer::import(
        ImportSource::Backstage,
        paths,
        &ImportOptions {
            name: None,
            strict: true,
        },
    );
    match relaxed {
        Ok(imported) => {
            loads(&imported.model)?;
            prop_assert!(
                !imported.model.services.iter().any(|s| s.name == "secret"),
                "a file outside the catalog was read"
            );
            for line in imported.summary().lines() {
                one_clean_line(line)?;
            }
            let skipped = imported.notes.iter().any(|n| n.reason.skips());
            prop_assert_eq!(strict.is_err(), skipped);
        }
        Err(failure) => {
            one_clean_line(&failure.to_string())?;
            for line in backstage::notes_summary(&failure.notes).lines() {
                one_clean_line(line)?;
            }
            prop_assert!(strict.is_err());
        }
    }
    Ok(())
}

/// Random edits of the sample catalog's files: delete, repeat or swap a span, or put in
/// text YAML gives meaning to.
fn run_catalog_mutations(cases: usize, seed: u64) {
    const INSERTS: [&str; 14] = [
        "---\n",
        "&a ",
        "*a",
        "!tag ",
        "- ",
        ": ",
        "{",
        "}",
        "[",
        "]",
        "\"\\e[2J\"",
        "\t",
        "\n  ",
        "? ",
    ];
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/backstage");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders = vec![sample.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut rng = Rng::new(seed);
    for case in 0..cases {
        let dir = tempfile::tempdir().unwrap();
        for file in &files {
            let target = dir.path().join(file.strip_prefix(&sample).unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            let mut chars: Vec<char> = std::fs::read_to_string(file).unwrap().chars().collect();
            for _ in 0..rng.below(4) {
                let at = rng.below(chars.len());
                let end = (at + 1 + rng.below(20)).min(chars.len());
                let piece: Vec<char> = match rng.below(3) {
                    0 => Vec::new(),
                    1 => chars[at..end].repeat(2),
                    _ => INSERTS[rng.below(INSERTS.len())].chars().collect(),
                };
                chars.splice(at..end, piece);
            }
            std::fs::write(&target, chars.into_iter().collect::<String>()).unwrap();
        }
        if let Err(e) = catalog_case(&[dir.path().to_owned()]) {
            panic!("case {case}: {e}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_sheet_is_refused_in_one_line_or_imported_whole(text in sheet()) {
        sheet_case(&text)?;
    }

    #[test]
    fn any_text_as_a_sheet_never_panics(text in hostile_text(200)) {
        sheet_case(&format!("service,team\n{text}"))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn any_catalog_imports_to_a_model_that_loads(files in catalog()) {
        let dir = write_catalog(&files);
        catalog_case(&[dir.path().join("catalog")])?;
        catalog_case(&[dir.path().join("catalog/one.yaml")])?;
    }
}

#[test]
fn edited_sample_catalogs_never_make_the_import_panic() {
    run_catalog_mutations(60, 0x5eed_0017);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5_000))]

    #[test]
    #[ignore = "the long run: cargo test --release --test import_fuzz -- --ignored"]
    fn five_thousand_sheets(text in sheet()) {
        sheet_case(&text)?;
    }

    #[test]
    #[ignore = "the long run: cargo test --release --test import_fuzz -- --ignored"]
    fn five_thousand_catalogs(files in catalog()) {
        let dir = write_catalog(&files);
        catalog_case(&[dir.path().join("catalog")])?;
    }
}

#[test]
#[ignore = "the long run: cargo test --release --test import_fuzz -- --ignored"]
fn two_thousand_edited_sample_catalogs() {
    run_catalog_mutations(2_000, 0x5eed_0018);
}
