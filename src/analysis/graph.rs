//! The service dependency graph, with its strongly connected components: shared by the
//! availability ceiling and the dependency-cycle finding.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use super::Index;
use crate::model::Model;

pub(crate) struct DependencyGraph {
    /// Dependencies as (from, to) service positions, in file order.
    pub edges: Vec<(usize, usize)>,
    /// Strongly connected components, each sorted in file order; a component comes after
    /// every component it depends on.
    pub components: Vec<Vec<usize>>,
    /// For each service, its component's position in `components`.
    pub component_of: Vec<usize>,
}

impl DependencyGraph {
    pub fn new(model: &Model, index: &Index) -> Self {
        let edges: Vec<(usize, usize)> = model
            .dependencies
            .iter()
            .filter_map(|d| {
                Some((
                    *index.services.get(d.from.as_str())?,
                    *index.services.get(d.to.as_str())?,
                ))
            })
            .collect();
        let mut graph = DiGraph::<(), (), u32>::with_capacity(model.services.len(), edges.len());
        for _ in &model.services {
            graph.add_node(());
        }
        for &(from, to) in &edges {
            graph.add_edge(NodeIndex::new(from), NodeIndex::new(to), ());
        }
        // kosaraju_scc is iterative (no recursion on long chains) and yields components in
        // reverse topological order: dependencies first.
        let components: Vec<Vec<usize>> = kosaraju_scc(&graph)
            .into_iter()
            .map(|nodes| {
                let mut members: Vec<usize> = nodes.into_iter().map(NodeIndex::index).collect();
                members.sort_unstable();
                members
            })
            .collect();
        let mut component_of = vec![0; model.services.len()];
        for (c, members) in components.iter().enumerate() {
            for &s in members {
                component_of[s] = c;
            }
        }
        DependencyGraph {
            edges,
            components,
            component_of,
        }
    }

    /// Groups of services that depend on each other in a cycle: components of two or more,
    /// and services that depend on themselves. Each group is in file order; the groups are
    /// in file order of their first service.
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        let mut self_loop = vec![false; self.component_of.len()];
        for &(from, to) in &self.edges {
            if from == to {
                self_loop[from] = true;
            }
        }
        let mut cycles: Vec<Vec<usize>> = self
            .components
            .iter()
            .filter(|members| members.len() > 1 || self_loop[members[0]])
            .cloned()
            .collect();
        cycles.sort_unstable_by_key(|members| members[0]);
        cycles
    }
}
