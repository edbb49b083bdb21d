//! Fuzzing in the project: mutated model files must be refused in one clean line or
//! analysed into finite figures, never panic; and every valid model must survive
//! load → save → load unchanged.
//!
//! `cargo test --test fuzz` runs a few hundred cases of each. The long run, 10,000 mutated
//! files and 10,000 round trips, is `cargo test --release --test fuzz -- --ignored`.

mod support;

use std::path::Path;

use opmodel::analysis::analyze;
use opmodel::files::ron;
use opmodel::model::{Model, validate};
use opmodel::report;
use proptest::prelude::*;
use serde_json::Value;
use support::synthetic::{self, Rng};

fn samples() -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut texts: Vec<String> = std::fs::read_dir(folder)
        .expect("the samples folder is part of the project")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    texts.sort();
    texts.push(ron::to_ron(&synthetic::generate(40, 8, 60, 7)));
    texts
}

/// Text a hostile or careless edit might put into a model file.
const INSERTS: [&str; 24] = [
    "NaN",
    "inf",
    "-inf",
    "1e308",
    "-0.0",
    "5.0",
    "-1",
    "4294967296",
    "\"\\u{1b}[2J\"",
    "\"t\\n\"",
    "\"\\x41\"",
    "\"\\t\"",
    "\"\"",
    ",",
    ":",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "// c\n",
    "Some(",
    "r#\"x\"#",
];

/// One random edit: delete, duplicate or swap a span, or insert hostile text.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = rng.below(chars.len());
    let len = 1 + rng.below(12);
    let end = (at + len).min(chars.len());
    let mut out: Vec<char> = chars[..at].to_vec();
    match rng.below(4) {
        0 => {}
        1 => {
            out.extend(&chars[at..end]);
            out.extend(&chars[at..end]);
        }
        2 => {
            let other = rng.below(chars.len());
            out.extend(&chars[other..(other + len).min(chars.len())]);
        }
        _ => {
            out.extend(INSERTS[rng.below(INSERTS.len())].chars());
            out.extend(&chars[at..end]);
        }
    }
    out.extend(&chars[end..]);
    out.into_iter().collect()
}

/// Every number in a JSON report is finite and never -0 (serde_json writes NaN and
/// infinity as `null`, so a `null` number shows up here as the wrong type).
fn numbers_are_clean(value: &Value, path: &str) {
    match value {
        Value::Number(number) => {
            let n = number.as_f64().expect("a JSON number");
            assert!(n.is_finite(), "{path} = {n}");
            assert!(!(n == 0.0 && n.is_sign_negative()), "{path} is -0");
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                numbers_are_clean(item, &format!("{path}[{i}]"));
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                numbers_are_clean(item, &format!("{path}.{key}"));
            }
        }
        Value::Null | Value::Bool(_) | Value::String(_) => {}
    }
}

/// A loaded model gives finite reports and comes back unchanged from its own file.
fn accepted_model_is_sound(model: &Model) {
    let analysis = analyze(model);
    let json: Value = serde_json::from_str(&report::json(&analysis)).expect("valid JSON");
    numbers_are_clean(&json["totals"], "totals");
    numbers_are_clean(&json["coverage"], "coverage");
    numbers_are_clean(&json["rotas"], "rotas");
    for key in ["baselines", "services", "teams", "domains"] {
        assert!(!json[key].is_null(), "{key} is null");
        numbers_are_clean(&json[key], key);
    }
    let text = report::text(model, &analysis);
    // A figure that is not a number, unless the model's own text has that word (a name
    // may say "inf").
    let bare = |word: &str| word.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    let written: std::collections::HashSet<String> =
        ron::to_ron(model).split_whitespace().map(bare).collect();
    let not_a_number = |word: &str| {
        let word = bare(word);
        matches!(word.as_str(), "NaN" | "inf") && !written.contains(&word)
    };
    assert!(!text.split_whitespace().any(not_a_number), "{text}");
    assert!(!text.contains('\u{1b}'), "an escape reaches the terminal");
    let markdown = report::markdown(model, &analysis);
    assert!(
        !markdown.contains('\u{1b}'),
        "an escape reaches the terminal"
    );
    let saved = ron::to_ron(model);
    let again = ron::parse(&saved, Path::new("saved.ron")).expect("a saved model loads");
    assert_eq!(&again, model);
}

fn run_mutations(cases: usize, seed: u64) {
    let texts = samples();
    let mut rng = Rng::new(seed);
    for case in 0..cases {
        let mut text = texts[case % texts.len()].clone();
        for _ in 0..1 + rng.below(3) {
            text = mutate(&text, &mut rng);
        }
        match ron::parse(&text, Path::new("fuzz.ron")) {
            Ok(model) => accepted_model_is_sound(&model),
            Err(error) => {
                let message = error.to_string();
                assert!(
                    !message.contains(['\n', '\r', '\u{1b}']),
                    "case {case}: not one clean line: {message:?}"
                );
                assert!(
                    message.len() < 1_000,
                    "case {case}: {} bytes",
                    message.len()
                );
            }
        }
    }
}

#[test]
fn mutated_files_are_refused_in_one_line_or_analysed_cleanly() {
    run_mutations(400, 0x5eed_0001);
}

#[test]
#[ignore = "the long run: cargo test --release --test fuzz -- --ignored"]
fn ten_thousand_mutated_files() {
    run_mutations(10_000, 0x5eed_0002);
}

/// A synthetic model with hostile names: any text at all, control characters included.
fn hostile_model() -> impl Strategy<Value = Model> {
    (
        1_usize..30,
        1_usize..8,
        0_usize..60,
        any::<u64>(),
        any::<String>(),
        any::<String>(),
        any::<String>(),
    )
        .prop_map(
            |(services, teams, dependencies, seed, name, description, label)| {
                let mut model = synthetic::generate(services, teams, dependencies, seed);
                model.name = name;
                model.description = description;
                model.services[0].name = label.clone();
                model.teams[0].name = label;
                model
            },
        )
}

fn round_trip(model: &Model) -> Result<(), TestCaseError> {
    prop_assert!(validate(model).is_ok());
    let saved = ron::to_ron(model);
    let again = ron::parse(&saved, Path::new("saved.ron"));
    prop_assert_eq!(again.as_ref(), Ok(model));
    prop_assert_eq!(ron::to_ron(&again.unwrap()), saved);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn load_save_load_is_the_identity(model in hostile_model()) {
        round_trip(&model)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]
    #[test]
    #[ignore = "the long run: cargo test --release --test fuzz -- --ignored"]
    fn ten_thousand_round_trips(model in hostile_model()) {
        round_trip(&model)?;
    }
}
