//! The user actions worked through by hand on a small model: what each changes, that it
//! undoes in one step, and what each refuses.

use super::*;
use crate::layout::fixtures::shop;
use crate::model::{Interaction, InteractionMode, ServiceKind, TeamKind};

/// Team `web` in domain `shop` owns `front`, which depends on `db`; `web` collaborates
/// with `ops`. Every entity has a canvas position.
fn model() -> Model {
    let mut model = shop();
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
    let cache = Service::new("cache", "Cache", ServiceKind::Foundational);
    model.services.push(cache);
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

/// Model `other`: its own `front` service (a clash with [`model`]'s) and a team `ops`.
fn other() -> Model {
    let mut other = Model::named("other");
    other
        .teams
        .push(Team::new("ops", "Ops", TeamKind::Operations));
    other
        .services
        .push(Service::new("front", "Front", ServiceKind::Digital));
    other
        .layout
        .insert("front".into(), Position { x: 0.0, y: 0.0 });
    other
}

/// The footprints of `ids` in `model` at their positions.
fn footprints(model: &Model, ids: &[&str]) -> Vec<crate::layout::Rect> {
    ids.iter()
        .map(|id| {
            let kind = model.entity_kind(id).unwrap();
            let name = model.name_of(kind, id).unwrap();
            crate::layout::sizes::footprint(kind, name, model.layout[*id])
        })
        .collect()
}

#[test]
fn a_paste_into_another_model_numbers_clashing_ids_and_keeps_the_relations_among_the_copies() {
    let source = model();
    // Through the clipboard's text, as between two open models.
    let text = crate::files::ron::to_ron(&copied(&source, &["web", "front", "db"]));
    let fragment = read(&text).unwrap();
    let target = other();
    let pasted = paste(&target, &fragment, Position { x: 500.0, y: 0.0 }).unwrap();
    assert_eq!(pasted.ids, ["web", "front-2", "db"]);
    let changed = applied(&target, Ok(pasted.edit));
    let front = changed.service("front-2").unwrap();
    assert_eq!(front.name, "Front 2", "the name clashed too");
    assert_eq!(front.owner.as_deref(), Some("web"));
    assert_eq!(changed.service("db").unwrap().name, "Database");
    assert!(
        changed
            .dependencies
            .iter()
            .any(|d| d.from == "front-2" && d.to == "db")
    );
    // `web` works with `ops`, which the target has too: the interaction comes along.
    assert_eq!(changed.interactions.len(), 1);
    assert_eq!(changed.interactions[0].to, "ops");
    // `web`'s domain was not copied and the target has none: the team comes without it.
    assert_eq!(changed.team("web").unwrap().domain, None);
    assert_eq!(changed.service("front").unwrap().name, "Front", "untouched");
}

#[test]
fn clipboard_text_that_is_no_model_is_refused_with_a_message() {
    let nothing = "The clipboard holds no teams, services or domains to paste.";
    assert_eq!(read("hello").unwrap_err(), nothing);
    assert_eq!(read("(name: \"empty\")").unwrap_err(), nothing);
}

#[test]
fn a_duplicate_brings_its_dependencies_and_lands_clear_of_everything() {
    let model = model();
    let pasted = duplicate(&model, &["front", "db"]).unwrap();
    assert_eq!(pasted.ids, ["front-2", "db-2"]);
    let changed = applied(&model, Ok(pasted.edit));
    assert_eq!(changed.services.len(), 4);
    assert!(
        changed
            .dependencies
            .iter()
            .any(|d| d.from == "front-2" && d.to == "db-2")
    );
    assert_eq!(
        changed.service("front-2").unwrap().owner.as_deref(),
        Some("web"),
        "the owner outside the copy is kept"
    );
    let copies = footprints(&changed, &["front-2", "db-2"]);
    let originals = footprints(&changed, &["shop", "web", "ops", "front", "db"]);
    for copy in &copies {
        assert!(originals.iter().all(|o| !o.overlaps(copy)), "{copy:?}");
    }
}

#[test]
fn a_duplicated_domain_brings_its_teams_and_their_services() {
    let model = model();
    let pasted = duplicate(&model, &["shop"]).unwrap();
    assert_eq!(pasted.ids, ["shop-2", "web-2", "front-2"]);
    let changed = applied(&model, Ok(pasted.edit));
    assert_eq!(
        changed.team("web-2").unwrap().domain.as_deref(),
        Some("shop-2")
    );
    assert_eq!(changed.domain("shop-2").unwrap().name, "Shop 2");
    let front = changed.service("front-2").unwrap();
    assert_eq!(front.owner.as_deref(), Some("web-2"));
    // `front` depends on `db`, outside the copy but in the model: kept.
    assert!(
        changed
            .dependencies
            .iter()
            .any(|d| d.from == "front-2" && d.to == "db")
    );
}

#[test]
fn an_id_follows_the_name_until_it_is_edited_by_hand() {
    let mut model = model();
    let new_team = Team::new("new-team", "New team", TeamKind::Product);
    model.teams.push(new_team);
    let (edit, id) = set_name(&model, "new-team", "Checkout squad").unwrap();
    assert_eq!(id, "checkout-squad");
    let named = applied(&model, Ok(edit));
    assert_eq!(named.team("checkout-squad").unwrap().name, "Checkout squad");
    // A name whose id is taken numbers it.
    let (_, id) = set_name(&named, "checkout-squad", "Web").unwrap();
    assert_eq!(id, "web-2");
    // `front` named "Front": follows. `db` named "Database" was typed by hand: stays.
    let (edit, id) = set_name(&model, "front", "Shop front").unwrap();
    assert_eq!(id, "shop-front");
    let renamed = applied(&model, Ok(edit));
    assert_eq!(
        renamed.dependencies[0].from, "shop-front",
        "references follow"
    );
    let (_, id) = set_name(&model, "db", "Orders store").unwrap();
    assert_eq!(id, "db");
}

#[test]
fn a_change_to_several_services_is_one_step() {
    let model = model();
    let changed = applied(
        &model,
        update_services_and_place(&model, &["front", "db"], |s| s.owner = Some("ops".into())),
    );
    for id in ["front", "db"] {
        assert_eq!(changed.service(id).unwrap().owner.as_deref(), Some("ops"));
    }
}

#[test]
fn a_value_set_on_several_services_is_one_step_that_skips_those_already_holding_it() {
    let mut model = model();
    model.services[1].demand = Demand::High;
    let edit = update_services(&model, &["front", "db", "front"], |s| {
        s.demand = Demand::High;
    });
    let Ok(Edit::Batch(edits)) = &edit else {
        panic!("one batch: {edit:?}");
    };
    assert_eq!(
        edits.len(),
        1,
        "db already has a high demand; front is named twice"
    );
    let changed = applied(&model, edit);
    assert!(changed.services.iter().all(|s| s.demand == Demand::High));
}

#[test]
fn a_value_the_loader_refuses_is_refused_on_every_row_with_its_message() {
    let model = model();
    let refused = update_services(&model, &["front", "db"], |s| s.availability = Some(150.0));
    assert_eq!(
        refused,
        Err(
            "service `front`: availability must be a percentage above 0 and at most 100, not 150"
                .into()
        )
    );
    assert_eq!(
        update_services(&model, &["front", "gone"], |s| s.availability = Some(99.0)),
        Err("There is no service `gone`.".into())
    );
}

#[test]
fn services_given_an_owner_in_another_domain_move_there_without_landing_on_each_other() {
    let mut model = model();
    let mut checkout = Service::new("checkout", "Checkout", ServiceKind::Digital);
    checkout.owner = Some("ops".into());
    model.services.push(checkout);
    model
        .layout
        .insert("checkout".into(), Position { x: 5.0, y: 5.0 });
    // db (no owner, no domain) and checkout (ops, no domain) both join web, in shop.
    let changed = applied(
        &model,
        update_services_and_place(&model, &["db", "checkout"], |s| {
            s.owner = Some("web".into());
        }),
    );
    let db = changed.layout["db"];
    let checkout = changed.layout["checkout"];
    assert_ne!(db, model.layout["db"], "db moved into the shop area");
    assert_ne!(checkout, model.layout["checkout"]);
    assert_ne!(db, checkout, "each has a spot of its own");
    assert!(
        changed
            .services
            .iter()
            .all(|s| s.owner.as_deref() == Some("web"))
    );
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
