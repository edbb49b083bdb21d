//! The synthetic model generator the tests and benches share: deterministic, exactly the
//! sizes asked for, valid, with the organisation's shape it promises.

mod support;

use std::collections::HashSet;

use opmodel::analysis::{FindingCode, analyze};
use opmodel::model::validate;
use support::synthetic::generate;

#[test]
fn the_same_seed_gives_the_same_model() {
    assert_eq!(generate(300, 60, 900, 7), generate(300, 60, 900, 7));
    assert_ne!(generate(300, 60, 900, 7), generate(300, 60, 900, 8));
}

#[test]
fn counts_are_as_asked_and_the_model_is_valid() {
    let model = generate(1_000, 200, 3_000, 42);
    assert_eq!(model.services.len(), 1_000);
    assert_eq!(model.teams.len(), 200);
    assert_eq!(model.dependencies.len(), 3_000);
    assert_eq!(
        model.domains.len(),
        24,
        "190 non-operations teams, 8 per domain"
    );
    let operations = model.teams.iter().filter(|t| t.is_operations()).count();
    assert_eq!(operations, 10, "one team in twenty runs operations");
    let orphans = model.services.iter().filter(|s| s.owner.is_none()).count();
    assert_eq!(orphans, 10);
    validate(&model).expect("a generated model is valid");
    let entities = model.domains.len() + model.teams.len() + model.services.len();
    assert_eq!(model.layout.len(), entities, "every entity has a position");
}

#[test]
fn dependencies_are_distinct_with_a_few_cycles() {
    let model = generate(2_000, 400, 6_000, 3);
    let pairs: HashSet<_> = model
        .dependencies
        .iter()
        .map(|d| (&d.from, &d.to))
        .collect();
    assert_eq!(pairs.len(), model.dependencies.len(), "no duplicate pairs");
    let self_loops = model.dependencies.iter().filter(|d| d.from == d.to).count();
    assert!(
        (1..=5).contains(&self_loops),
        "{self_loops} self-dependencies"
    );
    let analysis = analyze(&model);
    let cycles = analysis
        .findings
        .iter()
        .filter(|f| f.code == FindingCode::DependencyCycle)
        .count();
    assert!(
        (self_loops + 1..=self_loops + 10).contains(&cycles),
        "{cycles} cycles"
    );
}

#[test]
fn tiny_and_impossible_requests_still_give_valid_models() {
    for (services, teams, dependencies) in [(0, 0, 0), (0, 5, 10), (3, 0, 100), (1, 1, 5)] {
        let model = generate(services, teams, dependencies, 1);
        assert_eq!(model.services.len(), services);
        assert_eq!(model.teams.len(), teams);
        assert!(model.dependencies.len() <= dependencies);
        validate(&model).expect("a generated model is valid");
    }
}
