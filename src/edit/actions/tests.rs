//! The user actions worked through by hand on a small model: what each changes, that it
//! undoes in one step, and what each refuses.

use super::*;
use crate::model::{ServiceKind, TeamKind};

/// Team `web` in domain `shop` owns `front`, which depends on `db`; `web` collaborates
/// with `ops`. Every entity has a canvas position.
fn model() -> Model {
    let mut model = Model::named("m");
    model.domains.push(Domain {
        id: "shop".into(),
        name: "Shop".into(),
    });
    let mut web = Team::new("web", "Web", TeamKind::Product);
    web.domain = Some("shop".into());
    model.teams.push(web);
    model
        .teams
        .push(Team::new("ops", "Ops", TeamKind::Operations));
    let mut front = Service::new("front", "Front", ServiceKind::Digital);
    front.owner = Some("web".into());
    model.services.push(front);
    model
        .services
        .push(Service::new("db", "Database", ServiceKind::Foundational));
    model.dependencies.push(Dependency {
        from: "front".into(),
        to: "db".into(),
    });
    model.interactions.push(Interaction {
        from: "web".into(),
        to: "ops".into(),
        mode: InteractionMode::Collaboration,
    });
    for (i, id) in ["shop", "web", "ops", "front", "db"].iter().enumerate() {
        let x = i as f64;
        model.layout.insert((*id).to_owned(), Position { x, y: x });
    }
    model
}

fn applied(model: &Model, edit: Result<Edit, String>) -> Model {
    let mut changed = model.clone();
    let inverse = edit
        .expect("the action is allowed")
        .apply(&mut changed)
        .unwrap();
    let mut undone = changed.clone();
    inverse.apply(&mut undone).unwrap();
    assert_eq!(&undone, model, "the action undoes in one step");
    changed
}

#[test]
fn ids_must_be_fresh_and_trimmed() {
    let model = model();
    assert_eq!(check_id(&model, " "), Err("An id cannot be empty.".into()));
    assert_eq!(
        check_id(&model, "new "),
        Err("An id cannot start or end with a space.".into())
    );
    assert_eq!(
        check_id(&model, "web"),
        Err("`web` is already the id of a team.".into())
    );
    assert_eq!(check_id(&model, "new"), Ok(()));
}

#[test]
fn adding_places_the_new_entity() {
    let model = model();
    let at = Position { x: 10.0, y: 20.0 };
    let mut service = Service::new("cart", "Cart", ServiceKind::Digital);
    service.owner = Some("web".into());
    let changed = applied(&model, add_service(&model, service.clone(), at));
    assert_eq!(changed.services.last(), Some(&service));
    assert_eq!(changed.layout["cart"], at);
    service.owner = Some("nobody".into());
    assert_eq!(
        add_service(&model, service, at).unwrap_err(),
        "There is no team `nobody` to own the service."
    );
}

#[test]
fn deleting_a_team_orphans_its_services_and_drops_its_interactions() {
    let model = model();
    let changed = applied(&model, delete(&model, "web"));
    assert!(changed.team("web").is_none());
    assert_eq!(changed.service("front").unwrap().owner, None);
    assert!(changed.interactions.is_empty());
    assert!(!changed.layout.contains_key("web"));
}

#[test]
fn deleting_a_service_drops_its_dependencies() {
    let model = model();
    let changed = applied(&model, delete(&model, "db"));
    assert!(changed.dependencies.is_empty());
    assert_eq!(changed.services.len(), 1);
}

#[test]
fn deleting_a_domain_frees_its_teams() {
    let model = model();
    let changed = applied(&model, delete(&model, "shop"));
    assert!(changed.domains.is_empty());
    assert_eq!(changed.team("web").unwrap().domain, None);
}

#[test]
fn renaming_follows_every_reference() {
    let model = model();
    let team = applied(&model, rename(&model, "web", "shopfront"));
    assert_eq!(
        team.service("front").unwrap().owner.as_deref(),
        Some("shopfront")
    );
    assert_eq!(team.interactions[0].from, "shopfront");
    assert_eq!(team.layout["shopfront"], Position { x: 1.0, y: 1.0 });
    assert!(!team.layout.contains_key("web"));
    let service = applied(&model, rename(&model, "db", "store"));
    assert_eq!(service.dependencies[0].to, "store");
    let domain = applied(&model, rename(&model, "shop", "retail"));
    assert_eq!(
        domain.team("web").unwrap().domain.as_deref(),
        Some("retail")
    );
    assert_eq!(
        rename(&model, "web", "db").unwrap_err(),
        "`db` is already the id of a service."
    );
}

#[test]
fn connections_are_checked() {
    let model = model();
    assert_eq!(
        add_dependency(&model, "front", "db").unwrap_err(),
        "`front` already depends on `db`."
    );
    assert_eq!(
        add_dependency(&model, "front", "web").unwrap_err(),
        "Only services have dependencies, and `web` is a team."
    );
    let reverse = applied(&model, add_dependency(&model, "db", "front"));
    assert_eq!(reverse.dependencies.len(), 2);
    assert_eq!(
        add_interaction(&model, "ops", "web", InteractionMode::Facilitating).unwrap_err(),
        "`ops` and `web` already have an interaction."
    );
    assert_eq!(
        add_interaction(&model, "web", "web", InteractionMode::Facilitating).unwrap_err(),
        "A team cannot interact with itself."
    );
    let unowned = applied(&model, set_owner(&model, "front", None));
    assert_eq!(unowned.service("front").unwrap().owner, None);
    assert_eq!(
        set_owner(&model, "front", Some("db")).unwrap_err(),
        "`db` is not a team, so it cannot own a service."
    );
}

#[test]
fn settings_are_checked_as_the_loader_would() {
    let model = model();
    let mut settings = model.settings.clone();
    settings.weeks_per_year = 0.0;
    assert!(set_settings(&model, settings).is_err());
    let mut settings = model.settings.clone();
    settings.currency = "EUR".into();
    assert_eq!(
        applied(&model, set_settings(&model, settings))
            .settings
            .currency,
        "EUR"
    );
}

#[test]
fn an_edit_built_before_a_delete_still_changes_the_entity_it_was_built_for() {
    // Three services: `front`, `db` and `cache`. The inspector builds a change of `db`
    // while, in the same frame, `front` is deleted and applied first: the change must
    // still land on `db`, and `cache` must stay as it was.
    let mut model = model();
    model
        .services
        .push(Service::new("cache", "Cache", ServiceKind::Foundational));
    let mut renamed = model.service("db").unwrap().clone();
    renamed.name = "Store".into();
    let change = update_service(&model, renamed).unwrap();
    let deletion = delete(&model, "front").unwrap();
    let mut changed = model.clone();
    deletion.apply(&mut changed).unwrap();
    change.apply(&mut changed).unwrap();
    let names: Vec<(&str, &str)> = changed
        .services
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(names, [("db", "Store"), ("cache", "Cache")]);
}

#[test]
fn a_move_is_one_step() {
    let model = model();
    let moved = applied(
        &model,
        Ok(move_to(vec![
            ("web".into(), Position { x: 9.0, y: 9.0 }),
            ("db".into(), Position { x: 8.0, y: 8.0 }),
        ])),
    );
    assert_eq!(moved.layout["web"].x, 9.0);
    assert_eq!(moved.layout["db"].x, 8.0);
}

#[test]
fn names_and_ids_stay_within_what_a_model_file_holds() {
    let model = Model::named("m");
    let long = "x".repeat(limits::NAME_CHARS + 1);
    assert!(
        check_id(&model, &long)
            .unwrap_err()
            .contains("at most 1000 characters")
    );
    let team = Team::new("t", &long, crate::model::TeamKind::Product);
    let mut with_team = model.clone();
    with_team
        .teams
        .push(Team::new("t", "T", crate::model::TeamKind::Product));
    assert!(update_team(&with_team, team).is_err());
    let mut with_service = with_team.clone();
    let service = Service::new("s", "S", crate::model::ServiceKind::Digital);
    with_service.services.push(service.clone());
    let mut renamed = service.clone();
    renamed.name = long.clone();
    assert!(update_service(&with_service, renamed).is_err());
    let mut tagged = service;
    tagged.compliance = vec![long.clone()];
    assert!(update_service(&with_service, tagged).is_err());
    let Edit::SetInfo { name, description } = set_info(&long, &"d".repeat(20_000)) else {
        panic!("set_info sets the info");
    };
    assert_eq!(name.chars().count(), limits::NAME_CHARS);
    assert_eq!(description.chars().count(), limits::DESCRIPTION_CHARS);
}
