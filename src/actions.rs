//! Whole user actions — add, update, rename, connect, delete — turned into one [`Edit`] each,
//! so every action undoes in one step and never leaves a dangling reference behind.
//!
//! Builders check what a person could get wrong (an empty or taken id, a dependency on a
//! team) and refuse with a message for them; what they return always applies cleanly.

use crate::edit::{Edit, Entity, List};
use crate::model::{
    Dependency, Domain, EntityKind, Interaction, InteractionMode, Model, OperatingModel,
    OutOfHours, Position, Service, Settings, Team, limits, validate,
};

/// Why an id cannot be used, or `Ok` when it can.
pub fn check_id(model: &Model, id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("An id cannot be empty.".to_owned());
    }
    if id.trim() != id {
        return Err("An id cannot start or end with a space.".to_owned());
    }
    not_too_long(id, "An id")?;
    match model.entity_kind(id) {
        Some(kind) => Err(format!("`{id}` is already the id of a {}.", kind.label())),
        None => Ok(()),
    }
}

/// Refuses a name or id longer than a model file may hold, so that what the editor saves
/// always loads.
fn not_too_long(text: &str, what: &str) -> Result<(), String> {
    let count = text.chars().count();
    if count > limits::NAME_CHARS {
        return Err(format!(
            "{what} can have at most {} characters; this one has {count}.",
            limits::NAME_CHARS
        ));
    }
    Ok(())
}

fn with_position(id: &str, insert: Edit, at: Position) -> Edit {
    Edit::Batch(vec![
        insert,
        Edit::SetPosition {
            id: id.to_owned(),
            position: Some(at),
        },
    ])
}

pub fn add_team(model: &Model, team: Team, at: Position) -> Result<Edit, String> {
    check_id(model, &team.id)?;
    let id = team.id.clone();
    let insert = Edit::Insert {
        index: model.teams.len(),
        entity: Entity::Team(team),
    };
    Ok(with_position(&id, insert, at))
}

pub fn add_service(model: &Model, service: Service, at: Position) -> Result<Edit, String> {
    check_id(model, &service.id)?;
    if let Some(owner) = &service.owner
        && model.team(owner).is_none()
    {
        return Err(format!("There is no team `{owner}` to own the service."));
    }
    let id = service.id.clone();
    let insert = Edit::Insert {
        index: model.services.len(),
        entity: Entity::Service(service),
    };
    Ok(with_position(&id, insert, at))
}

pub fn add_domain(model: &Model, domain: Domain, at: Position) -> Result<Edit, String> {
    check_id(model, &domain.id)?;
    let id = domain.id.clone();
    let insert = Edit::Insert {
        index: model.domains.len(),
        entity: Entity::Domain(domain),
    };
    Ok(with_position(&id, insert, at))
}

fn position_of<T>(items: &[T], id: impl Fn(&T) -> bool, what: &str) -> Result<usize, String> {
    items
        .iter()
        .position(id)
        .ok_or_else(|| format!("The {what} no longer exists."))
}

/// Replaces a team's stored fields, keeping its id (see [`rename`] for ids).
pub fn update_team(model: &Model, team: Team) -> Result<Edit, String> {
    let index = position_of(&model.teams, |t| t.id == team.id, "team")?;
    not_too_long(&team.name, "A name")?;
    if let Some(domain) = &team.domain
        && model.domain(domain).is_none()
    {
        return Err(format!("There is no domain `{domain}`."));
    }
    Ok(Edit::Replace {
        index,
        entity: Entity::Team(team),
    })
}

/// Replaces a service's stored fields, keeping its id, after checking its values.
pub fn update_service(model: &Model, service: Service) -> Result<Edit, String> {
    let index = position_of(&model.services, |s| s.id == service.id, "service")?;
    let mut trial = model.clone();
    trial.services[index] = service.clone();
    validate(&trial).map_err(|e| e.message)?;
    Ok(Edit::Replace {
        index,
        entity: Entity::Service(service),
    })
}

pub fn update_domain(model: &Model, domain: Domain) -> Result<Edit, String> {
    let index = position_of(&model.domains, |d| d.id == domain.id, "domain")?;
    not_too_long(&domain.name, "A name")?;
    Ok(Edit::Replace {
        index,
        entity: Entity::Domain(domain),
    })
}

pub fn set_owner(model: &Model, service_id: &str, owner: Option<&str>) -> Result<Edit, String> {
    let service = model
        .service(service_id)
        .ok_or_else(|| "The service no longer exists.".to_owned())?;
    if let Some(owner) = owner
        && model.team(owner).is_none()
    {
        return Err(format!(
            "`{owner}` is not a team, so it cannot own a service."
        ));
    }
    let mut changed = service.clone();
    changed.owner = owner.map(str::to_owned);
    update_service(model, changed)
}

/// Replaces the settings after checking them as the loader would.
pub fn set_settings(model: &Model, settings: Settings) -> Result<Edit, String> {
    let mut trial = Model::named(&model.name);
    trial.settings = settings.clone();
    validate(&trial).map_err(|e| e.message)?;
    Ok(Edit::SetSettings(Box::new(settings)))
}

/// Sets the model's name and description, each cut to the most a model file holds (a name
/// or a description longer than that can only have been pasted by mistake).
pub fn set_info(name: &str, description: &str) -> Edit {
    Edit::SetInfo {
        name: name.chars().take(limits::NAME_CHARS).collect(),
        description: description
            .chars()
            .take(limits::DESCRIPTION_CHARS)
            .collect(),
    }
}

pub fn add_dependency(model: &Model, from: &str, to: &str) -> Result<Edit, String> {
    for end in [from, to] {
        if model.service(end).is_none() {
            return Err(match model.entity_kind(end) {
                Some(kind) => format!(
                    "Only services have dependencies, and `{end}` is a {}.",
                    kind.label()
                ),
                None => format!("There is no service `{end}`."),
            });
        }
    }
    let dependency = Dependency {
        from: from.to_owned(),
        to: to.to_owned(),
    };
    if model.dependencies.contains(&dependency) {
        return Err(format!("`{from}` already depends on `{to}`."));
    }
    Ok(Edit::Insert {
        index: model.dependencies.len(),
        entity: Entity::Dependency(dependency),
    })
}

pub fn remove_dependency(model: &Model, from: &str, to: &str) -> Result<Edit, String> {
    let index = position_of(
        &model.dependencies,
        |d| d.from == from && d.to == to,
        "dependency",
    )?;
    Ok(Edit::Remove {
        list: List::Dependencies,
        index,
    })
}

pub fn add_interaction(
    model: &Model,
    from: &str,
    to: &str,
    mode: InteractionMode,
) -> Result<Edit, String> {
    for end in [from, to] {
        if model.team(end).is_none() {
            return Err(format!(
                "Interactions are between teams, and `{end}` is not a team."
            ));
        }
    }
    if from == to {
        return Err("A team cannot interact with itself.".to_owned());
    }
    if model
        .interactions
        .iter()
        .any(|i| (i.from == from && i.to == to) || (i.from == to && i.to == from))
    {
        return Err(format!("`{from}` and `{to}` already have an interaction."));
    }
    Ok(Edit::Insert {
        index: model.interactions.len(),
        entity: Entity::Interaction(Interaction {
            from: from.to_owned(),
            to: to.to_owned(),
            mode,
        }),
    })
}

pub fn remove_interaction(model: &Model, from: &str, to: &str) -> Result<Edit, String> {
    let index = position_of(
        &model.interactions,
        |i| i.from == from && i.to == to,
        "interaction",
    )?;
    Ok(Edit::Remove {
        list: List::Interactions,
        index,
    })
}

/// Moves entities on the canvas; one batch, so one drag or one auto-layout undoes at once.
pub fn move_to(positions: Vec<(String, Position)>) -> Edit {
    Edit::Batch(
        positions
            .into_iter()
            .map(|(id, position)| Edit::SetPosition {
                id,
                position: Some(position),
            })
            .collect(),
    )
}

/// Removals of the list items matching `doomed`, last first so earlier positions stay valid.
fn remove_where<T>(items: &[T], list: List, doomed: impl Fn(&T) -> bool) -> Vec<Edit> {
    items
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, item)| doomed(item))
        .map(|(index, _)| Edit::Remove { list, index })
        .collect()
}

/// Deletes a team, service or domain and cleans up everything that refers to it: owners,
/// domains, dependencies, interactions and its canvas position.
pub fn delete(model: &Model, id: &str) -> Result<Edit, String> {
    let kind = model
        .entity_kind(id)
        .ok_or_else(|| format!("There is nothing with the id `{id}`."))?;
    let mut edits = Vec::new();
    match kind {
        EntityKind::Team => {
            for (index, service) in model.services.iter().enumerate() {
                if service.owner.as_deref() == Some(id) {
                    let mut orphan = service.clone();
                    orphan.owner = None;
                    edits.push(Edit::Replace {
                        index,
                        entity: Entity::Service(orphan),
                    });
                }
            }
            edits.extend(remove_where(&model.interactions, List::Interactions, |i| {
                i.from == id || i.to == id
            }));
            edits.extend(remove_where(&model.teams, List::Teams, |t| t.id == id));
        }
        EntityKind::Service => {
            edits.extend(remove_where(&model.dependencies, List::Dependencies, |d| {
                d.from == id || d.to == id
            }));
            edits.extend(remove_where(&model.services, List::Services, |s| {
                s.id == id
            }));
        }
        EntityKind::Domain => {
            for (index, team) in model.teams.iter().enumerate() {
                if team.domain.as_deref() == Some(id) {
                    let mut loose = team.clone();
                    loose.domain = None;
                    edits.push(Edit::Replace {
                        index,
                        entity: Entity::Team(loose),
                    });
                }
            }
            edits.extend(remove_where(&model.domains, List::Domains, |d| d.id == id));
        }
    }
    if model.layout.contains_key(id) {
        edits.push(Edit::SetPosition {
            id: id.to_owned(),
            position: None,
        });
    }
    Ok(Edit::Batch(edits))
}

/// Gives an entity a new id and updates every reference to it.
pub fn rename(model: &Model, old: &str, new: &str) -> Result<Edit, String> {
    if old == new {
        return Ok(Edit::Batch(Vec::new()));
    }
    check_id(model, new)?;
    let kind = model
        .entity_kind(old)
        .ok_or_else(|| format!("There is nothing with the id `{old}`."))?;
    let swap = |id: &String| {
        if id == old {
            new.to_owned()
        } else {
            id.clone()
        }
    };
    let mut edits = Vec::new();
    match kind {
        EntityKind::Team => {
            for (index, team) in model.teams.iter().enumerate().filter(|(_, t)| t.id == old) {
                let mut renamed = team.clone();
                renamed.id = new.to_owned();
                edits.push(Edit::Replace {
                    index,
                    entity: Entity::Team(renamed),
                });
            }
            for (index, service) in model.services.iter().enumerate() {
                if service.owner.as_deref() == Some(old) {
                    let mut changed = service.clone();
                    changed.owner = Some(new.to_owned());
                    edits.push(Edit::Replace {
                        index,
                        entity: Entity::Service(changed),
                    });
                }
            }
            for (index, interaction) in model.interactions.iter().enumerate() {
                if interaction.from == old || interaction.to == old {
                    let changed = Interaction {
                        from: swap(&interaction.from),
                        to: swap(&interaction.to),
                        mode: interaction.mode,
                    };
                    edits.push(Edit::Replace {
                        index,
                        entity: Entity::Interaction(changed),
                    });
                }
            }
        }
        EntityKind::Service => {
            for (index, service) in model
                .services
                .iter()
                .enumerate()
                .filter(|(_, s)| s.id == old)
            {
                let mut renamed = service.clone();
                renamed.id = new.to_owned();
                edits.push(Edit::Replace {
                    index,
                    entity: Entity::Service(renamed),
                });
            }
            for (index, dependency) in model.dependencies.iter().enumerate() {
                if dependency.from == old || dependency.to == old {
                    let changed = Dependency {
                        from: swap(&dependency.from),
                        to: swap(&dependency.to),
                    };
                    edits.push(Edit::Replace {
                        index,
                        entity: Entity::Dependency(changed),
                    });
                }
            }
        }
        EntityKind::Domain => {
            for (index, domain) in model
                .domains
                .iter()
                .enumerate()
                .filter(|(_, d)| d.id == old)
            {
                edits.push(Edit::Replace {
                    index,
                    entity: Entity::Domain(Domain {
                        id: new.to_owned(),
                        name: domain.name.clone(),
                    }),
                });
            }
            for (index, team) in model.teams.iter().enumerate() {
                if team.domain.as_deref() == Some(old) {
                    let mut changed = team.clone();
                    changed.domain = Some(new.to_owned());
                    edits.push(Edit::Replace {
                        index,
                        entity: Entity::Team(changed),
                    });
                }
            }
        }
    }
    if let Some(position) = model.layout.get(old) {
        edits.push(Edit::SetPosition {
            id: old.to_owned(),
            position: None,
        });
        edits.push(Edit::SetPosition {
            id: new.to_owned(),
            position: Some(*position),
        });
    }
    Ok(Edit::Batch(edits))
}

/// Sets how many people a team has.
pub fn set_members(model: &Model, team_id: &str, members: u32) -> Result<Edit, String> {
    let mut team = model
        .team(team_id)
        .ok_or_else(|| "The team no longer exists.".to_owned())?
        .clone();
    team.members = members;
    update_team(model, team)
}

/// Puts a team in a domain, or in none.
pub fn set_team_domain(model: &Model, team_id: &str, domain: Option<&str>) -> Result<Edit, String> {
    let mut team = model
        .team(team_id)
        .ok_or_else(|| "The team no longer exists.".to_owned())?
        .clone();
    team.domain = domain.map(str::to_owned);
    update_team(model, team)
}

/// Changes several services at once, as one undoable step.
fn update_services(
    model: &Model,
    service_ids: &[&str],
    change: impl Fn(&mut Service),
) -> Result<Edit, String> {
    let edits = service_ids
        .iter()
        .map(|id| {
            let mut service = model
                .service(id)
                .ok_or_else(|| format!("There is no service `{id}`."))?
                .clone();
            change(&mut service);
            update_service(model, service)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Edit::Batch(edits))
}

/// Hands services to another owning team, as one undoable step.
pub fn move_services(model: &Model, service_ids: &[&str], team_id: &str) -> Result<Edit, String> {
    if model.team(team_id).is_none() {
        return Err(format!(
            "`{team_id}` is not a team, so it cannot own a service."
        ));
    }
    update_services(model, service_ids, |s| s.owner = Some(team_id.to_owned()))
}

/// Sets (or, with `None`, clears) a service's operating model override.
pub fn set_operating_model(
    model: &Model,
    service_id: &str,
    operating_model: Option<OperatingModel>,
) -> Result<Edit, String> {
    update_services(model, &[service_id], |s| {
        s.operating_model = operating_model
    })
}

/// Sets (or, with `None`, clears) the out-of-hours override of several services at once.
pub fn set_out_of_hours(
    model: &Model,
    service_ids: &[&str],
    out_of_hours: Option<OutOfHours>,
) -> Result<Edit, String> {
    update_services(model, service_ids, |s| s.out_of_hours = out_of_hours)
}

/// Gives a service an explicit availability target, raising or lowering it.
pub fn set_availability(
    model: &Model,
    service_id: &str,
    availability: f64,
) -> Result<Edit, String> {
    update_services(model, &[service_id], |s| {
        s.availability = Some(availability)
    })
}

/// Replaces a team's stored fields as [`update_team`] does; when its domain changes, the
/// team and the services it owns move into the new domain's area in the same undo step
/// (see [`crate::layout::regroup`]), so that every area holds its members and no one else.
pub fn update_team_and_place(model: &Model, team: Team) -> Result<Edit, String> {
    let regrouped = model
        .team(&team.id)
        .is_some_and(|t| t.domain != team.domain);
    let moves = if regrouped {
        crate::layout::regroup(model, &team.id, team.domain.as_deref())
    } else {
        Vec::new()
    };
    Ok(with_moves(update_team(model, team)?, moves))
}

/// Gives a service a new owner as [`set_owner`] does; when that takes it into another
/// domain (or out of one), it moves to free space in the same undo step (see
/// [`crate::layout::rehome_service`]).
pub fn set_owner_and_place(
    model: &Model,
    service_id: &str,
    owner: Option<&str>,
) -> Result<Edit, String> {
    let update = set_owner(model, service_id, owner)?;
    Ok(with_moves(
        update,
        crate::layout::rehome_service(model, service_id, owner),
    ))
}

/// Replaces a service's stored fields as [`update_service`] does, moving it as
/// [`set_owner_and_place`] does when its owner changes.
pub fn update_service_and_place(model: &Model, service: Service) -> Result<Edit, String> {
    let moves = match model.service(&service.id) {
        Some(old) if old.owner != service.owner => {
            crate::layout::rehome_service(model, &service.id, service.owner.as_deref())
        }
        _ => Vec::new(),
    };
    Ok(with_moves(update_service(model, service)?, moves))
}

/// `edit` followed by `moves`, as one step.
fn with_moves(edit: Edit, moves: Vec<(String, Position)>) -> Edit {
    if moves.is_empty() {
        edit
    } else {
        Edit::Batch(vec![edit, move_to(moves)])
    }
}

#[cfg(test)]
mod tests {
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
        let Edit::SetInfo { name, description } = set_info(&long, &"d".repeat(20_000)) else {
            panic!("set_info sets the info");
        };
        assert_eq!(name.chars().count(), limits::NAME_CHARS);
        assert_eq!(description.chars().count(), limits::DESCRIPTION_CHARS);
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
}
