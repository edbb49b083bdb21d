//! What adding, deleting and connecting mean in a view: the edit each builds (through
//! [`crate::edit::actions`]), its undo label, and what the view selects and shows after it.
//! Every edit goes through [`Workspace::edit`].

use super::commands::NewEntity;
use super::ids::ViewId;
use super::view::Selection;
use super::workspace::Workspace;
use crate::edit::actions;
use crate::model::{
    Domain, EntityKind, InteractionMode, Position, Service, ServiceKind, Team, TeamKind,
};

impl Workspace {
    /// Adds a team, service or domain with a fresh id to view `view`'s document, places it
    /// (at `at`, else beside the selection, else in the middle of the view) and selects it.
    pub(super) fn add_entity(
        &mut self,
        view: ViewId,
        kind: NewEntity,
        at: Option<Position>,
        owner: Option<String>,
    ) {
        let Some(shown) = self.view_mut(view).map(|v| v.clone()) else {
            return;
        };
        let Some(doc) = self.document(shown.doc) else {
            return;
        };
        let model = doc.model();
        let selected = shown.selected_entity();
        let selected_team = selected.filter(|id| model.team(id).is_some());
        let owner = owner.or(match kind {
            NewEntity::Service => selected_team.map(str::to_owned),
            _ => None,
        });
        let near = at
            .or_else(|| selected.and_then(|id| model.layout.get(id).copied()))
            .unwrap_or(shown.camera.centre());
        let (entity, name) = match kind {
            NewEntity::Team => (EntityKind::Team, "New team"),
            NewEntity::Service => (EntityKind::Service, "New service"),
            NewEntity::Domain => (EntityKind::Domain, "New domain"),
        };
        let at = crate::layout::free_spot(model, entity, name, owner.as_deref(), near);
        let (id, label, edit) = match kind {
            NewEntity::Team => {
                let id = model.unused_id("team");
                let team = Team::new(&id, name, TeamKind::Product);
                (id, "Add team", actions::add_team(model, team, at))
            }
            NewEntity::Service => {
                let id = model.unused_id("service");
                let mut service = Service::unassessed(&id, name, ServiceKind::Digital);
                service.owner = owner;
                (id, "Add service", actions::add_service(model, service, at))
            }
            NewEntity::Domain => {
                let id = model.unused_id("domain");
                let domain = Domain {
                    id: id.clone(),
                    name: name.to_owned(),
                };
                (id, "Add domain", actions::add_domain(model, domain, at))
            }
        };
        if self.edit(shown.doc, label, edit, None) {
            if let Some(view) = self.view_mut(view) {
                view.selection = Some(Selection::Entity(id.clone()));
            }
            let name = self
                .document(shown.doc)
                .map_or(name, |d| d.model().display_name(&id));
            self.status = format!("{label}: {}", crate::format::entity_label(name, &id));
        }
    }

    /// Deletes what `selection` names from view `view`'s document, with everything that
    /// refers to it.
    pub(super) fn delete(&mut self, view: ViewId, selection: Selection) {
        let Some(doc) = self.view_mut(view).map(|v| v.doc) else {
            return;
        };
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return;
        };
        let name = |id: &str| model.display_name(id).to_owned();
        let (label, edit) = match &selection {
            Selection::Entity(id) => (format!("Delete {}", name(id)), actions::delete(model, id)),
            Selection::Dependency { from, to } => (
                format!("{} no longer depends on {}", name(from), name(to)),
                actions::remove_dependency(model, from, to),
            ),
            Selection::Ownership { service } => (
                format!("Remove the owner of {}", name(service)),
                actions::set_owner_and_place(model, service, None),
            ),
            Selection::Interaction { from, to } => (
                format!("{} no longer works with {}", name(from), name(to)),
                actions::remove_interaction(model, from, to),
            ),
        };
        if self.edit(doc, &label, edit, None) {
            if let Some(view) = self.view_mut(view) {
                view.selection = None;
            }
            self.status = format!("{label} (Ctrl+Z to undo)");
        }
    }

    /// Connects two things of view `view`'s document; what that means depends on what they
    /// are.
    pub(super) fn connect(&mut self, view: ViewId, from: &str, to: &str) {
        let Some(doc) = self.view_mut(view).map(|v| v.doc) else {
            return;
        };
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return;
        };
        let name = |id: &str| model.display_name(id).to_owned();
        let kinds = (model.entity_kind(from), model.entity_kind(to));
        let (label, edit) = match kinds {
            (Some(EntityKind::Service), Some(EntityKind::Service)) => (
                format!("{} depends on {}", name(from), name(to)),
                actions::add_dependency(model, from, to),
            ),
            (Some(EntityKind::Team), Some(EntityKind::Service)) => (
                format!("{} owns {}", name(from), name(to)),
                actions::set_owner_and_place(model, to, Some(from)),
            ),
            (Some(EntityKind::Service), Some(EntityKind::Team)) => (
                format!("{} owns {}", name(to), name(from)),
                actions::set_owner_and_place(model, from, Some(to)),
            ),
            (Some(EntityKind::Team), Some(EntityKind::Team)) => (
                format!("{} collaborates with {}", name(from), name(to)),
                actions::add_interaction(model, from, to, InteractionMode::Collaboration),
            ),
            (Some(EntityKind::Team), Some(EntityKind::Domain))
            | (Some(EntityKind::Domain), Some(EntityKind::Team)) => {
                let (team, domain) = if model.team(from).is_some() {
                    (from, to)
                } else {
                    (to, from)
                };
                let mut changed = model.team(team).cloned().expect("checked to be a team");
                changed.domain = Some(domain.to_owned());
                (
                    format!("{} joins {}", name(team), name(domain)),
                    actions::update_team_and_place(model, changed),
                )
            }
            _ => (
                String::new(),
                Err(format!(
                    "{} and {} cannot be connected: connect services, teams and domains.",
                    name(from),
                    name(to)
                )),
            ),
        };
        let teams = kinds == (Some(EntityKind::Team), Some(EntityKind::Team));
        if teams && let Some(view) = self.view_mut(view) {
            view.modes.interactions = true;
        }
        self.edit(doc, &label, edit, None);
    }
}
