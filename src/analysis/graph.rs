//! The service dependency graph, with its strongly connected components: shared by the
//! availability ceiling and the dependency-cycle finding.
//!
//! Everything is indexed by service position and stored flat (compressed rows), because the
//! analysis runs after every edit on models of thousands of services.

use super::Index;
use crate::model::Model;

pub(crate) struct DependencyGraph {
    /// Dependencies as (from, to) service positions, in file order.
    pub edges: Vec<(usize, usize)>,
    /// For each component, where its members start in `members`; one extra entry at the end.
    component_starts: Vec<usize>,
    /// The members of every component, each component's in file order. A component comes
    /// after every component it depends on.
    members: Vec<usize>,
    /// For each service, its component's position.
    pub component_of: Vec<usize>,
}

impl DependencyGraph {
    pub fn new(model: &Model, index: &Index) -> Self {
        let services = model.services.len();
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
        let successors = Rows::new(services, edges.iter().copied());
        let (component_starts, members, component_of) = strongly_connected(&successors);
        DependencyGraph {
            edges,
            component_starts,
            members,
            component_of,
        }
    }

    pub fn component_count(&self) -> usize {
        self.component_starts.len() - 1
    }

    /// The services of component `c`, in file order.
    pub fn members(&self, c: usize) -> &[usize] {
        &self.members[self.component_starts[c]..self.component_starts[c + 1]]
    }

    /// Groups of services that depend on each other in a cycle: components of two or more,
    /// and services that depend on themselves. Each group is in file order; the groups are
    /// in file order of their first service.
    pub fn cycles(&self) -> Vec<&[usize]> {
        let mut self_loop = vec![false; self.component_of.len()];
        for &(from, to) in &self.edges {
            if from == to {
                self_loop[from] = true;
            }
        }
        let mut cycles: Vec<&[usize]> = (0..self.component_count())
            .map(|c| self.members(c))
            .filter(|members| members.len() > 1 || self_loop[members[0]])
            .collect();
        cycles.sort_unstable_by_key(|members| members[0]);
        cycles
    }

    /// For each component, the distinct other components it depends on directly; each is
    /// earlier than the component itself.
    pub fn component_successors(&self) -> Rows {
        let pairs = self.edges.iter().filter_map(|&(from, to)| {
            let (a, b) = (self.component_of[from], self.component_of[to]);
            (a != b).then_some((a, b))
        });
        let mut rows = Rows::new(self.component_count(), pairs);
        rows.dedup();
        rows
    }
}

/// Adjacency lists in one allocation: row `r` is `targets[starts[r]..starts[r + 1]]`.
pub(crate) struct Rows {
    starts: Vec<usize>,
    targets: Vec<usize>,
}

impl Rows {
    fn new(rows: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Self {
        let mut starts = vec![0; rows + 1];
        for (from, _) in pairs.clone() {
            starts[from + 1] += 1;
        }
        for r in 0..rows {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        let mut targets = vec![0; starts[rows]];
        for (from, to) in pairs {
            targets[next[from]] = to;
            next[from] += 1;
        }
        Rows { starts, targets }
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn edge_count(&self) -> usize {
        self.targets.len()
    }

    pub fn row(&self, r: usize) -> &[usize] {
        &self.targets[self.range(r)]
    }

    /// Where row `r` sits in [`Rows::targets`].
    pub fn range(&self, r: usize) -> std::ops::Range<usize> {
        self.starts[r]..self.starts[r + 1]
    }

    /// Every row's targets, one row after another.
    pub fn targets(&self) -> &[usize] {
        &self.targets
    }

    /// Removes repeated targets within each row, keeping the first of each.
    fn dedup(&mut self) {
        let mut seen_in = vec![usize::MAX; self.len()];
        let mut kept = 0;
        let mut start = 0;
        for r in 0..self.len() {
            let end = self.starts[r + 1];
            for i in start..end {
                let target = self.targets[i];
                if seen_in[target] != r {
                    seen_in[target] = r;
                    self.targets[kept] = target;
                    kept += 1;
                }
            }
            start = end;
            self.starts[r + 1] = kept;
        }
        self.targets.truncate(kept);
    }
}

const UNVISITED: usize = usize::MAX;

/// The state of Tarjan's walk.
struct Walk {
    /// Visit order of each node, or `UNVISITED`.
    order: Vec<usize>,
    /// The lowest visit order reachable from each node through the nodes still on `stack`.
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    /// The depth-first path: each node with the position of its next edge to follow.
    path: Vec<(usize, usize)>,
    visited: usize,
}

impl Walk {
    fn enter(&mut self, node: usize) {
        self.order[node] = self.visited;
        self.low[node] = self.visited;
        self.visited += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        self.path.push((node, 0));
    }
}

/// Tarjan's algorithm, iterative so that a long chain of dependencies cannot overflow the
/// stack. Components come out in reverse topological order: dependencies first. Returns the
/// component starts, the members (each component sorted) and each node's component.
fn strongly_connected(successors: &Rows) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let nodes = successors.len();
    let mut walk = Walk {
        order: vec![UNVISITED; nodes],
        low: vec![0; nodes],
        on_stack: vec![false; nodes],
        stack: Vec::new(),
        path: Vec::new(),
        visited: 0,
    };
    let mut component_starts = vec![0];
    let mut members = Vec::with_capacity(nodes);
    let mut component_of = vec![0; nodes];

    for root in 0..nodes {
        if walk.order[root] != UNVISITED {
            continue;
        }
        walk.enter(root);
        while let Some(&(node, edge)) = walk.path.last() {
            if let Some(&next) = successors.row(node).get(edge) {
                let top = walk.path.len() - 1;
                walk.path[top].1 += 1;
                if walk.order[next] == UNVISITED {
                    walk.enter(next);
                } else if walk.on_stack[next] {
                    walk.low[node] = walk.low[node].min(walk.order[next]);
                }
                continue;
            }
            walk.path.pop();
            if let Some(&(parent, _)) = walk.path.last() {
                walk.low[parent] = walk.low[parent].min(walk.low[node]);
            }
            if walk.low[node] == walk.order[node] {
                let start = members.len();
                loop {
                    let member = walk.stack.pop().expect("the node itself is on the stack");
                    walk.on_stack[member] = false;
                    component_of[member] = component_starts.len() - 1;
                    members.push(member);
                    if member == node {
                        break;
                    }
                }
                members[start..].sort_unstable();
                component_starts.push(members.len());
            }
        }
    }
    (component_starts, members, component_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn components(nodes: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
        let (starts, members, _) = strongly_connected(&Rows::new(nodes, edges.iter().copied()));
        starts
            .windows(2)
            .map(|w| members[w[0]..w[1]].to_vec())
            .collect()
    }

    #[test]
    fn components_come_after_what_they_depend_on() {
        // 0 → 1 ⇄ 2 → 3, and 4 alone.
        let found = components(5, &[(0, 1), (1, 2), (2, 1), (2, 3)]);
        assert_eq!(found, vec![vec![3], vec![1, 2], vec![0], vec![4]]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let edges: Vec<_> = (1..200_000).map(|n| (n, n - 1)).collect();
        let found = components(200_000, &edges);
        assert_eq!(found.len(), 200_000);
        assert_eq!(found[0], vec![0]);
    }

    #[test]
    fn repeated_targets_are_dropped_per_row() {
        let mut rows = Rows::new(3, [(0, 2), (0, 2), (0, 1), (2, 1), (2, 1)].into_iter());
        rows.dedup();
        assert_eq!(rows.row(0), &[2, 1]);
        assert_eq!(rows.row(1), &[] as &[usize]);
        assert_eq!(rows.row(2), &[1]);
    }
}
