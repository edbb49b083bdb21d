//! The order of the areas, and of the teams inside each: the model cut into units (a team
//! with its services, or a service no team owns) and groups (a domain's area, or the one
//! outside every domain), ordered by the barycentre of what each depends on and what
//! depends on it, as Graphviz orders the nodes of a rank, over a fixed number of sweeps.

use std::collections::HashMap;

use super::ASPECT;
use crate::layout::sizes::team_card_size;
use crate::model::{Model, positions_by_id};

/// What a unit of an area stands for: a team with its services, or an unowned service.
#[derive(Clone, Copy)]
pub(super) enum Unit {
    Team(usize),
    Unowned(usize),
}

/// An area: a domain (with its header), or the one for everything outside the domains
/// (`domain` is `None`), which has a title where a domain has its header.
pub(super) struct Group {
    pub(super) domain: Option<usize>,
    pub(super) units: Vec<usize>,
    /// How much wider than high its rows of blocks are aimed to be.
    pub(super) aspect: f64,
}

/// The model cut into units and groups, with the weighted links between units.
pub(super) struct Structure {
    pub(super) units: Vec<Unit>,
    pub(super) groups: Vec<Group>,
    pub(super) group_of: Vec<usize>,
    pub(super) links: Vec<Vec<(usize, f64)>>,
    pub(super) owned: Vec<Vec<usize>>,
    pub(super) unit_of_service: Vec<usize>,
    /// Each team's card, measured once.
    pub(super) cards: Vec<(f64, f64)>,
}

pub(super) fn structure(model: &Model) -> Structure {
    let domain_index = positions_by_id(&model.domains, |d| d.id.as_str());
    let team_index = positions_by_id(&model.teams, |t| t.id.as_str());
    let mut owned = vec![Vec::new(); model.teams.len()];
    let mut unowned = Vec::new();
    for (index, service) in model.services.iter().enumerate() {
        match service.owner.as_deref().and_then(|o| team_index.get(o)) {
            Some(&team) => owned[team].push(index),
            None => unowned.push(index),
        }
    }
    let mut groups: Vec<Group> = (0..model.domains.len())
        .map(|d| Group {
            domain: Some(d),
            units: Vec::new(),
            aspect: ASPECT,
        })
        .collect();
    let outside = groups.len();
    groups.push(Group {
        domain: None,
        units: Vec::new(),
        aspect: ASPECT,
    });
    let mut units = Vec::with_capacity(model.teams.len() + unowned.len());
    let mut group_of = Vec::with_capacity(units.capacity());
    let mut unit_of_service = vec![0; model.services.len()];
    for (index, team) in model.teams.iter().enumerate() {
        let group = match team.domain.as_deref().and_then(|d| domain_index.get(d)) {
            Some(&domain) => domain,
            None => outside,
        };
        for &service in &owned[index] {
            unit_of_service[service] = units.len();
        }
        groups[group].units.push(units.len());
        group_of.push(group);
        units.push(Unit::Team(index));
    }
    for service in unowned {
        unit_of_service[service] = units.len();
        groups[outside].units.push(units.len());
        group_of.push(outside);
        units.push(Unit::Unowned(service));
    }
    let service_index = positions_by_id(&model.services, |s| s.id.as_str());
    let mut links = vec![Vec::new(); units.len()];
    let mut link = |a: usize, b: usize| {
        if a != b {
            links[a].push((b, 1.0));
            links[b].push((a, 1.0));
        }
    };
    for dependency in &model.dependencies {
        if let (Some(&from), Some(&to)) = (
            service_index.get(dependency.from.as_str()),
            service_index.get(dependency.to.as_str()),
        ) {
            link(unit_of_service[from], unit_of_service[to]);
        }
    }
    let team_unit: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .filter_map(|(u, unit)| match unit {
            Unit::Team(t) => Some((model.teams[*t].id.as_str(), u)),
            Unit::Unowned(_) => None,
        })
        .collect();
    for interaction in &model.interactions {
        if let (Some(&a), Some(&b)) = (
            team_unit.get(interaction.from.as_str()),
            team_unit.get(interaction.to.as_str()),
        ) {
            link(a, b);
        }
    }
    Structure {
        units,
        groups,
        group_of,
        links,
        owned,
        unit_of_service,
        cards: model
            .teams
            .iter()
            .map(|t| team_card_size(&t.name))
            .collect(),
    }
}

/// The place of every unit in the reading order of `order` (groups, each with its units).
pub(super) fn ranks(structure: &Structure, order: &[usize]) -> Vec<f64> {
    let mut rank = vec![0.0; structure.units.len()];
    let mut next = 0.0;
    for &group in order {
        for &unit in &structure.groups[group].units {
            rank[unit] = next;
            next += 1.0;
        }
    }
    rank
}

/// The barycentre of what `units` link to outside `skip_group` (all links when `None`),
/// pulled a little towards where they are now so that unlinked ones keep their place.
pub(super) fn barycentre(
    structure: &Structure,
    units: &[usize],
    rank: &[f64],
    skip_group: Option<usize>,
) -> f64 {
    let here = units.iter().map(|u| rank[*u]).sum::<f64>() / units.len().max(1) as f64;
    let (mut sum, mut weight) = (here, 1.0);
    for &unit in units {
        for &(other, w) in &structure.links[unit] {
            if Some(structure.group_of[other]) != skip_group {
                sum += w * rank[other];
                weight += w;
            }
        }
    }
    sum / weight
}

/// Sorts `items` by `key`, ties kept in their current order.
pub(super) fn sort_by_key(items: &mut [usize], key: impl Fn(usize) -> f64) {
    let mut keyed: Vec<(f64, usize)> = items.iter().map(|i| (key(*i), *i)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (slot, (_, item)) in items.iter_mut().zip(keyed) {
        *slot = item;
    }
}

/// Orders the groups and the units inside them over `sweeps` barycentric sweeps; returns
/// the order of the groups (the units are reordered in place).
pub(super) fn order(
    structure: &mut Structure,
    sweeps: usize,
    progress: &mut dyn FnMut(f32),
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..structure.groups.len()).collect();
    for sweep in 0..sweeps {
        let rank = ranks(structure, &order);
        let group_rank: Vec<f64> = (0..structure.groups.len())
            .map(|g| {
                let units = &structure.groups[g].units;
                if units.is_empty() {
                    // An empty group keeps its place between its neighbours.
                    let at = order.iter().position(|o| *o == g).unwrap_or(0);
                    order[..at]
                        .iter()
                        .map(|o| structure.groups[*o].units.len() as f64)
                        .sum::<f64>()
                } else {
                    barycentre(structure, units, &rank, Some(g))
                }
            })
            .collect();
        sort_by_key(&mut order, |g| group_rank[g]);
        let rank = ranks(structure, &order);
        for group in 0..structure.groups.len() {
            let mut units = std::mem::take(&mut structure.groups[group].units);
            sort_by_key(&mut units, |u| barycentre(structure, &[u], &rank, None));
            structure.groups[group].units = units;
        }
        progress(0.5 * (sweep + 1) as f32 / sweeps as f32);
    }
    order
}

/// For each service, the mean rank of the units it is linked to outside its own (its own
/// rank when it has none), so that a team's grid reads in the order of its links.
pub(super) fn service_keys(model: &Model, structure: &Structure, rank: &[f64]) -> Vec<f64> {
    let index = positions_by_id(&model.services, |s| s.id.as_str());
    let mut sums: Vec<(f64, f64)> = vec![(0.0, 0.0); model.services.len()];
    for dependency in &model.dependencies {
        if let (Some(&a), Some(&b)) = (
            index.get(dependency.from.as_str()),
            index.get(dependency.to.as_str()),
        ) {
            let (ua, ub) = (structure.unit_of_service[a], structure.unit_of_service[b]);
            if ua != ub {
                sums[a].0 += rank[ub];
                sums[a].1 += 1.0;
                sums[b].0 += rank[ua];
                sums[b].1 += 1.0;
            }
        }
    }
    sums.iter()
        .enumerate()
        .map(|(s, (sum, count))| {
            let own = rank[structure.unit_of_service[s]];
            (sum + own * 0.5) / (count + 0.5)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, Domain, Service, ServiceKind, Team, TeamKind};

    /// Two domains of two teams each, every team owning a service; the first domain's
    /// first team depends on the second domain's second team. After the sweeps, each of
    /// the two linked teams sits next to its own domain's edge facing the other domain.
    #[test]
    fn linked_teams_are_ordered_towards_each_other() {
        let mut model = Model::named("m");
        for d in ["a", "b"] {
            model.domains.push(Domain {
                id: d.into(),
                name: d.into(),
            });
            for t in 0..2 {
                let id = format!("{d}{t}");
                let mut team = Team::new(&id, &id, TeamKind::Product);
                team.domain = Some(d.into());
                model.teams.push(team);
                let mut service = Service::new(&format!("s{id}"), "s", ServiceKind::Digital);
                service.owner = Some(id);
                model.services.push(service);
            }
        }
        model.dependencies.push(Dependency {
            from: "sa0".into(),
            to: "sb1".into(),
        });
        let mut structure = structure(&model);
        let groups = order(&mut structure, crate::layout::auto::SWEEPS, &mut |_| {});
        let rank = ranks(&structure, &groups);
        let unit = |team: usize| rank[structure.unit_of_service[team]];
        // Teams a0, a1, b0, b1 own services 0 to 3: a0 and b1 end up next to each other.
        assert_eq!((unit(0) - unit(3)).abs(), 1.0, "{rank:?}");
    }
}
