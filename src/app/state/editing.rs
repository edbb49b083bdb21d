//! What adding, deleting and connecting mean in a view: the edit each builds (through
//! [`crate::edit::actions`]), its undo label, and what the view selects and shows after it.
//! Every edit goes through [`Workspace::edit`].

use super::commands::NewEntity;
use super::ids::ViewId;
use super::view::{Selection, SelectionSet};
use super::workspace::Workspace;
use crate::edit::actions;
use crate::model::{
    Domain, EntityKind, InteractionMode, Model, Position, Service, ServiceKind, Team, TeamKind,
};

impl Workspace {
    /// Adds a team, service or domain with a fresh id to view `view`'s document, places it
    /// (at `at`, else beside the selection, else in the middle of the view), selects it and
    /// starts renaming it on the canvas, so that its name is typed straight away.
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
        let selected_team = selected.and_then(|id| model.team(id));
        // A service joins the selected team, or the selected service's; a team, the selected
        // domain or team's domain.
        let sibling_owner = selected
            .and_then(|id| model.service(id))
            .and_then(|s| s.owner.clone());
        let parent = match kind {
            NewEntity::Service => owner
                .or(selected_team.map(|t| t.id.clone()))
                .or(sibling_owner),
            NewEntity::Team => selected
                .filter(|id| model.domain(id).is_some())
                .map(str::to_owned)
                .or(selected_team.and_then(|t| t.domain.clone())),
            NewEntity::Domain => None,
        };
        let near = at
            .or_else(|| selected.and_then(|id| model.layout.get(id).copied()))
            .unwrap_or(shown.camera.centre());
        let (entity, name) = match kind {
            NewEntity::Team => (EntityKind::Team, "New team"),
            NewEntity::Service => (EntityKind::Service, "New service"),
            NewEntity::Domain => (EntityKind::Domain, "New domain"),
        };
        let at = crate::layout::free_spot(model, entity, name, parent.as_deref(), near);
        // An id from the name, which follows the name as it is typed.
        let id = model.id_for_name(name, entity);
        let (label, edit) = match kind {
            NewEntity::Team => {
                let mut team = Team::new(&id, name, TeamKind::Product);
                team.domain = parent;
                ("Add team", actions::add_team(model, team, at))
            }
            NewEntity::Service => {
                let mut service = Service::unassessed(&id, name, ServiceKind::Digital);
                service.owner = parent;
                ("Add service", actions::add_service(model, service, at))
            }
            NewEntity::Domain => {
                let domain = Domain {
                    id: id.clone(),
                    name: name.to_owned(),
                };
                ("Add domain", actions::add_domain(model, domain, at))
            }
        };
        if self.edit(shown.doc, label, edit, None) {
            // Selected, its name ready to be typed over on the canvas.
            if let Some(view) = self.view_mut(view) {
                view.select(Some(Selection::Entity(id.clone())));
                view.renaming = Some(id.clone());
            }
            let name = self
                .document(shown.doc)
                .map_or(name, |d| d.model().display_name(&id));
            self.status = format!("{label}: {}", crate::format::entity_label(name, &id));
        }
    }

    /// Deletes everything `selection` names from view `view`'s document, with everything
    /// that refers to it, as one step.
    pub(super) fn delete(&mut self, view: ViewId, selection: Vec<Selection>) {
        let Some(doc) = self.view_mut(view).map(|v| v.doc) else {
            return;
        };
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return;
        };
        let label = match selection.as_slice() {
            [] => return,
            [one] => deletion_label(model, one),
            several => format!("Delete {}", summary(model, several)),
        };
        // Relations first: deleting an entity takes its relations with it.
        let mut ordered: Vec<&Selection> = selection.iter().collect();
        ordered.sort_by_key(|s| matches!(s, Selection::Entity(_)));
        let edit = actions::chained(model, ordered, |model, item| match item {
            Selection::Entity(id) => actions::delete(model, id),
            Selection::Dependency { from, to } => actions::remove_dependency(model, from, to),
            Selection::Ownership { service } => actions::set_owner_and_place(model, service, None),
            Selection::Interaction { from, to } => actions::remove_interaction(model, from, to),
        });
        if self.edit(doc, &label, edit, None) {
            if let Some(view) = self.view_mut(view) {
                view.select(None);
            }
            self.status = format!("{label} (Ctrl+Z to undo)");
        }
    }

    /// Gives entity `id` the name typed on the canvas of view `view` (see
    /// [`actions::set_name`]) and ends the editing there; the selection follows the id.
    pub(super) fn rename_in_place(&mut self, view: ViewId, id: &str, name: &str) {
        let Some(shown) = self.view_mut(view) else {
            return;
        };
        shown.renaming = None;
        let doc = shown.doc;
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return;
        };
        if model.display_name(id) == name {
            return;
        }
        let label = format!("Rename {}", model.display_name(id));
        let edit = actions::set_name(model, id, name).map(|(edit, _)| edit);
        self.edit(doc, &label, edit, None);
    }

    /// Selects every domain, team and service of the active view's document.
    pub(super) fn select_all(&mut self) {
        let Some(doc) = self.active_document() else {
            return;
        };
        let all: Vec<Selection> = crate::layout::sizes::entities(doc.model())
            .map(|(id, _, _)| Selection::Entity(id.to_owned()))
            .collect();
        let status = format!("Selected {}", summary(doc.model(), &all));
        if let Some(view) = self.active_view_mut() {
            view.selection = SelectionSet::of(all);
            self.status = status;
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

/// What deleting one selected thing is called in the undo list.
fn deletion_label(model: &Model, selection: &Selection) -> String {
    let name = |id: &str| model.display_name(id).to_owned();
    match selection {
        Selection::Entity(id) => format!("Delete {}", name(id)),
        Selection::Dependency { from, to } => {
            format!("{} no longer depends on {}", name(from), name(to))
        }
        Selection::Ownership { service } => format!("Remove the owner of {}", name(service)),
        Selection::Interaction { from, to } => {
            format!("{} no longer works with {}", name(from), name(to))
        }
    }
}

/// Several selected things in a few words: "2 teams and 3 services", "Checkout and Basket".
pub(super) fn summary(model: &Model, selection: &[Selection]) -> String {
    let ids: Vec<&str> = selection.iter().filter_map(Selection::entity).collect();
    if ids.len() == 2 && selection.len() == 2 {
        return format!(
            "{} and {}",
            model.display_name(ids[0]),
            model.display_name(ids[1])
        );
    }
    let of_kind = |kind: EntityKind| {
        ids.iter()
            .filter(|id| model.entity_kind(id) == Some(kind))
            .count()
    };
    let relations = selection.len() - ids.len();
    let parts: Vec<String> = [
        (of_kind(EntityKind::Domain), "domain", "domains"),
        (of_kind(EntityKind::Team), "team", "teams"),
        (of_kind(EntityKind::Service), "service", "services"),
        (relations, "relation", "relations"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| crate::format::count(n, one, many))
    .collect();
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "nothing".to_owned(),
    }
}
