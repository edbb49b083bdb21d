//! The selection on the canvas: the selected node or relation is outlined, what it
//! touches (its owner or services, dependencies and dependents, interaction partners, a
//! team's domain and a domain's teams) is highlighted, and the rest steps back.

use std::collections::HashSet;

use crate::app::state::Selection;
use crate::model::Model;
use crate::scene::draw::{Focus, Highlight};
use crate::scene::{EdgeKind, Scene};

/// The edge a relation selection stands for.
fn edge_of(scene: &Scene, selection: &Selection) -> Option<usize> {
    let (kind, from, to) = match selection {
        Selection::Entity(_) => return None,
        Selection::Ownership { service } => {
            let to = scene.node(service)?;
            return scene
                .edges
                .iter()
                .position(|e| e.kind == EdgeKind::Ownership && e.to == to);
        }
        Selection::Dependency { from, to } => (None, from, to),
        Selection::Interaction { from, to } => (Some(()), from, to),
    };
    let (from, to) = (scene.node(from)?, scene.node(to)?);
    scene.edges.iter().position(|e| {
        e.from == from
            && e.to == to
            && match e.kind {
                EdgeKind::Dependency => kind.is_none(),
                EdgeKind::Interaction(_) => kind.is_some(),
                EdgeKind::Ownership => false,
            }
    })
}

/// The highlight of `selection` on `scene` (see the module documentation).
pub fn of(scene: &Scene, model: &Model, selection: &Option<Selection>) -> Highlight {
    let Some(selection) = selection else {
        return Highlight::default();
    };
    let mut related: HashSet<usize> = HashSet::new();
    let mut selected_node = None;
    let selected_edge = edge_of(scene, selection);
    match selection {
        Selection::Entity(id) => {
            if let Some(me) = scene.node(id) {
                selected_node = Some(me);
                related.insert(me);
                for edge in &scene.edges {
                    if edge.from == me {
                        related.insert(edge.to);
                    }
                    if edge.to == me {
                        related.insert(edge.from);
                    }
                }
            }
            if let Some(domain) = model.team(id).and_then(|t| t.domain.as_deref()) {
                related.extend(scene.node(domain));
            }
            related.extend(
                model
                    .teams
                    .iter()
                    .filter(|t| t.domain.as_deref() == Some(id.as_str()))
                    .filter_map(|t| scene.node(&t.id)),
            );
        }
        Selection::Dependency { from, to } | Selection::Interaction { from, to } => {
            related.extend(scene.node(from));
            related.extend(scene.node(to));
        }
        Selection::Ownership { service } => {
            related.extend(scene.node(service));
            related.extend(
                model
                    .service(service)
                    .and_then(|s| s.owner.as_deref())
                    .and_then(|o| scene.node(o)),
            );
        }
    }
    let nodes = (0..scene.nodes.len())
        .map(|i| {
            if related.contains(&i) {
                Focus::Related
            } else {
                Focus::Dimmed
            }
        })
        .collect();
    let edges = scene
        .edges
        .iter()
        .enumerate()
        .map(|(e, edge)| {
            let touches = selected_node.is_some_and(|s| s == edge.from || s == edge.to);
            if touches || selected_edge == Some(e) {
                Focus::Related
            } else {
                Focus::Dimmed
            }
        })
        .collect();
    Highlight {
        nodes,
        edges,
        selected_node,
        selected_edge,
        ..Highlight::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::model::{Dependency, Service, ServiceKind, Team, TeamKind};

    /// A team owning a shop that depends on payments; an unrelated report on its own.
    fn scene() -> (Model, Scene) {
        let mut model = Model::named("m");
        model.teams.push(Team::new("web", "Web", TeamKind::Product));
        for (id, owner) in [
            ("shop", Some("web")),
            ("pay", Some("web")),
            ("report", None),
        ] {
            let mut service = Service::new(id, id, ServiceKind::Digital);
            service.owner = owner.map(str::to_owned);
            model.services.push(service);
        }
        model.dependencies.push(Dependency {
            from: "shop".into(),
            to: "pay".into(),
        });
        let positions = crate::layout::positions(&model);
        let scene = Scene::build(&model, &analyze(&model), &positions, Default::default());
        (model, scene)
    }

    #[test]
    fn a_selected_service_highlights_its_owner_and_dependencies_and_dims_the_rest() {
        let (model, scene) = scene();
        let highlight = of(&scene, &model, &Some(Selection::Entity("shop".into())));
        let focus = |id: &str| highlight.nodes[scene.node(id).unwrap()];
        assert_eq!(focus("shop"), Focus::Related);
        assert_eq!(focus("web"), Focus::Related);
        assert_eq!(focus("pay"), Focus::Related);
        assert_eq!(focus("report"), Focus::Dimmed);
        assert_eq!(highlight.selected_node, scene.node("shop"));
        assert!(of(&scene, &model, &None).nodes.is_empty());
    }

    #[test]
    fn a_selected_dependency_is_the_edge_drawn_for_it() {
        let (model, scene) = scene();
        let selection = Selection::Dependency {
            from: "shop".into(),
            to: "pay".into(),
        };
        let highlight = of(&scene, &model, &Some(selection));
        let edge = &scene.edges[highlight.selected_edge.expect("the edge")];
        assert_eq!(edge.kind, EdgeKind::Dependency);
        assert_eq!(scene.nodes[edge.from].id, "shop");
    }
}
