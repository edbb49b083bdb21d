//! Actions on several entities at once — delete a selection, change one field of every
//! selected service or team — each one undo step. The parts are built in turn, each on the
//! model as the ones before it left it, so that a later part sees an earlier one's moves:
//! two teams that join a domain together land side by side, not on top of each other.

use crate::edit::Edit;
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

/// Changes every service of `ids` as `change` says, as [`super::update_service_and_place`]
/// does for one: a service whose owner takes it into another domain moves there.
pub fn update_services_and_place(
    model: &Model,
    ids: &[&str],
    change: impl Fn(&mut Service),
) -> Result<Edit, String> {
    chained(model, ids, |model, id| {
        let mut service = model
            .service(id)
            .ok_or_else(|| format!("There is no service `{id}`."))?
            .clone();
        change(&mut service);
        super::update_service_and_place(model, service)
    })
}

/// Changes every team of `ids` as `change` says, as [`super::update_team_and_place`] does
/// for one: a team that joins another domain moves into its area with its services.
pub fn update_teams_and_place(
    model: &Model,
    ids: &[&str],
    change: impl Fn(&mut Team),
) -> Result<Edit, String> {
    chained(model, ids, |model, id| {
        let mut team = model
            .team(id)
            .ok_or_else(|| format!("There is no team `{id}`."))?
            .clone();
        change(&mut team);
        super::update_team_and_place(model, team)
    })
}
