//! Actions on several entities at once — delete a selection, change one field of every
//! selected service or team — each one undo step. The parts are built in turn, each on the
//! model as the ones before it left it, so that a later part sees an earlier one's moves:
//! two teams that join a domain together land side by side, not on top of each other.

use crate::edit::{Edit, Entity};
use crate::model::{Model, Service, Team};

/// One step made of `build` for each item in turn, each built on the model as the earlier
/// ones left it. Refused as a whole when any part is.
pub fn chained<T>(
    model: &Model,
    items: impl IntoIterator<Item = T>,
    mut build: impl FnMut(&Model, T) -> Result<Edit, String>,
) -> Result<Edit, String> {
    let mut trial = model.clone();
    let mut edits = Vec::new();
    for item in items {
        let edit = build(&trial, item)?;
        edit.clone()
            .apply(&mut trial)
            .map_err(|e| format!("The change does not fit the model: {e}."))?;
        edits.push(edit);
    }
    Ok(Edit::Batch(edits))
}

/// Defines a function that changes every entity of `ids` (looked up by `$find`, named
/// `$what` when missing) as `change` says, each as `$one` changes one alone, built in turn.
macro_rules! each_and_place {
    ($(#[$doc:meta])* $name:ident, $type:ty, $find:ident, $what:literal, $one:path) => {
        $(#[$doc])*
        pub fn $name(
            model: &Model,
            ids: &[&str],
            change: impl Fn(&mut $type),
        ) -> Result<Edit, String> {
            chained(model, ids, |model, id| {
                let mut entity = model
                    .$find(id)
                    .ok_or_else(|| format!("There is no {} `{id}`.", $what))?
                    .clone();
                change(&mut entity);
                $one(model, entity)
            })
        }
    };
}

each_and_place!(
    /// Changes every service of `ids` as `change` says, as
    /// [`super::update_service_and_place`] does for one: a service whose owner takes it into
    /// another domain moves there.
    update_services_and_place,
    Service,
    service,
    "service",
    super::update_service_and_place
);

each_and_place!(
    /// Changes every team of `ids` as `change` says, as [`super::update_team_and_place`]
    /// does for one: a team that joins another domain moves into its area with its services.
    update_teams_and_place,
    Team,
    team,
    "team",
    super::update_team_and_place
);

/// `edit` with the moves that keep every area holding its members: each service whose owner
/// the edit changes into another domain (or out of one) moves to free space there, as
/// [`super::set_owner_and_place`] does for one, each placed after the ones before it. Fixes
/// are built without these moves, since working them out takes a look at the whole canvas
/// for every candidate; the fix chosen is placed as it is applied.
pub fn with_rehoming(model: &Model, edit: Edit) -> Edit {
    let mut owners = Vec::new();
    owner_changes(&edit, &mut owners);
    if owners.is_empty() {
        return edit;
    }
    let mut trial = model.clone();
    let mut moves = Vec::new();
    for (id, owner) in owners {
        let here = crate::layout::rehome_service(&trial, &id, owner.as_deref());
        if let Some(service) = trial.services.iter_mut().find(|s| s.id == id) {
            service.owner = owner;
        }
        if super::move_to(here.clone()).apply(&mut trial).is_err() {
            return edit;
        }
        moves.extend(here);
    }
    super::with_moves(edit, moves)
}

/// The services whose owner `edit` changes, with the new owner, in the edit's order.
fn owner_changes(edit: &Edit, out: &mut Vec<(String, Option<String>)>) {
    match edit {
        Edit::Replace { old, new } => {
            if let (Entity::Service(before), Entity::Service(after)) = (&**old, &**new)
                && before.owner != after.owner
            {
                out.push((after.id.clone(), after.owner.clone()));
            }
        }
        Edit::Batch(edits) => edits.iter().for_each(|e| owner_changes(e, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::areas::intruders;
    use crate::layout::fixtures::two_domains;

    fn applied(model: &Model, edit: Edit) -> Model {
        let mut after = model.clone();
        edit.apply(&mut after).expect("the edit fits");
        after
    }

    #[test]
    fn a_fix_handing_a_service_to_another_domains_team_takes_it_into_that_area() {
        let model = two_domains();
        let handed = super::super::move_services(&model, &["a0"], "b-team").unwrap();
        // Without the move, b's area stretches over a's to reach the service.
        let unplaced = applied(&model, handed.clone());
        let positions = unplaced.layout.clone().into_iter().collect();
        assert_ne!(intruders(&unplaced, &positions), vec![]);
        let placed = applied(&model, with_rehoming(&model, handed));
        let positions = placed.layout.clone().into_iter().collect();
        assert_eq!(intruders(&placed, &positions), vec![]);
        assert_ne!(placed.layout["a0"], model.layout["a0"], "it moved");
        assert_eq!(
            placed.service("a0").unwrap().owner.as_deref(),
            Some("b-team")
        );
    }

    #[test]
    fn an_edit_that_changes_no_owner_is_left_as_it_is() {
        let model = two_domains();
        let edit = super::super::set_operating_model(&model, "a0", None).unwrap();
        assert_eq!(with_rehoming(&model, edit.clone()), edit);
    }
}
