//! The availability ceiling (SPEC 2.1, rule 8): the product of the availabilities of a service
//! and of every service it depends on, directly or transitively, each counted once.
//!
//! Counting each service once means knowing each service's full reachable set, over the
//! condensation (cycles collapsed). A component with at most one successor needs no set:
//! what it reaches is itself plus what its one successor reaches, which cannot include it,
//! so its ceiling is its own product times its successor's. Those are worked out last, in
//! one pass from the dependencies up, which makes a straight chain of any length linear.
//!
//! Only components with several successors, where paths may meet again, need their set.
//! Real service graphs reach a few dozen services from each, so a depth-first walk from each
//! is cheapest. A dense graph would make those walks quadratic, so they run on a budget;
//! past it, the transitive closure is computed as bitsets instead, a slice of services at a
//! time so memory stays bounded, at a cost that depends only on the size of the graph.
//!
//! Either way the ceiling of a component with several successors is the product, over the
//! distinct availabilities in ascending order, of `availability ^ (how many reached services
//! have it)`: the same number whichever way the reachable set was found.

use std::sync::atomic::{AtomicIsize, AtomicU64, AtomicUsize, Ordering};

use super::availability::Decision;
use super::graph::{DependencyGraph, Rows};

/// Services handled per bitset pass; the bitset of one component in one pass is this many bits.
const SLICE_BITS: usize = 64 * 64;

/// Components walked per turn when several threads share the walks.
const CHUNK: usize = 256;

/// The ceilings of a model, worked out by depth-first walks that several threads can share
/// ([`Ceilings::help`]), falling back to bitsets when the walks would cost too much.
pub(crate) struct Ceilings<'g> {
    graph: &'g DependencyGraph,
    successors: Rows,
    levels: Levels,
    /// Per component: its level (or `SEVERAL`) and its successors in `targets`; `None` when
    /// the graph is too big to number in 32 bits, and the bitsets are used.
    nodes: Option<(Vec<Node>, Vec<u32>)>,
    next: AtomicUsize,
    /// Walk steps left before the bitsets are cheaper.
    budget: AtomicIsize,
    /// Each component's product, as `f64` bits, once walked.
    products: Vec<AtomicU64>,
}

#[derive(Clone, Copy)]
struct Node {
    /// The level of its one service, or `SEVERAL`.
    level: u32,
    /// Its successors: `targets[first..end]`.
    first: u32,
    end: u32,
}

impl<'g> Ceilings<'g> {
    pub fn new(graph: &'g DependencyGraph, decisions: &[Decision]) -> Self {
        let levels = Levels::new(decisions);
        let successors = graph.component_successors();
        // About what the bitsets cost: one pass over every component and edge per word of bits.
        let bitset_cost = (graph.component_count() + successors.edge_count())
            * graph.component_of.len().div_ceil(64);
        let nodes = nodes(graph, &successors, &levels);
        Ceilings {
            graph,
            products: (0..graph.component_count())
                .map(|_| AtomicU64::new(0))
                .collect(),
            successors,
            levels,
            nodes,
            next: AtomicUsize::new(0),
            budget: AtomicIsize::new(
                isize::try_from(bitset_cost.max(1 << 16)).unwrap_or(isize::MAX),
            ),
        }
    }

    /// Walks components, a chunk at a time, until none are left or the budget runs out.
    /// Any number of threads may help at once.
    pub fn help(&self) {
        let Some((nodes, targets)) = &self.nodes else {
            return;
        };
        let components = nodes.len();
        let mut walked_from = vec![u32::MAX; components];
        let mut tally = Tally {
            graph: self.graph,
            levels: &self.levels,
            counts: vec![0; self.levels.factors.len()],
            met: Vec::new(),
        };
        let mut stack: Vec<u32> = Vec::new();
        loop {
            let start = self.next.fetch_add(CHUNK, Ordering::Relaxed);
            if start >= components || self.budget.load(Ordering::Relaxed) < 0 {
                return;
            }
            let mut steps = 0;
            for c in start..(start + CHUNK).min(components) {
                if !needs_set(nodes[c].end - nodes[c].first) {
                    continue;
                }
                let walk = c as u32;
                walked_from[c] = walk;
                tally.add(c, nodes[c].level);
                stack.push(walk);
                while let Some(here) = stack.pop() {
                    let Node { first, end, .. } = nodes[here as usize];
                    steps += 1 + (end - first) as usize;
                    for &d in &targets[first as usize..end as usize] {
                        let d = d as usize;
                        if walked_from[d] != walk {
                            walked_from[d] = walk;
                            let node = nodes[d];
                            tally.add(d, node.level);
                            // Services that depend on nothing need no visit of their own.
                            if node.first != node.end {
                                stack.push(d as u32);
                            }
                        }
                    }
                }
                self.products[c].store(tally.product().to_bits(), Ordering::Relaxed);
            }
            let steps = isize::try_from(steps).unwrap_or(isize::MAX);
            self.budget.fetch_sub(steps, Ordering::Relaxed);
        }
    }

    /// The ceiling of every service, as a percentage, in model order: from the walks when
    /// they finished within budget, else from the bitsets; then up every chain.
    pub fn finish(&self) -> Vec<f64> {
        self.help();
        let walked = self.nodes.is_some() && self.budget.load(Ordering::Relaxed) >= 0;
        let mut products: Vec<f64> = if walked {
            self.products
                .iter()
                .map(|p| f64::from_bits(p.load(Ordering::Relaxed)))
                .collect()
        } else {
            bitsets(self.graph, &self.successors, &self.levels)
        };
        let mut tally = Tally {
            graph: self.graph,
            levels: &self.levels,
            counts: vec![0; self.levels.factors.len()],
            met: Vec::new(),
        };
        // Dependencies come first, so a successor's product is ready before it is needed.
        for c in 0..self.graph.component_count() {
            let successors = self.successors.row(c);
            if needs_set(successors.len() as u32) {
                continue;
            }
            tally.add(c, SEVERAL);
            let own = tally.product();
            products[c] = successors.first().map_or(own, |&d| own * products[d]);
        }
        self.graph
            .component_of
            .iter()
            .map(|&c| products[c] * 100.0)
            .collect()
    }
}

/// Whether a component with this many successors needs its reachable set worked out; with
/// one or none, its product follows from its successor's.
fn needs_set(successors: u32) -> bool {
    successors > 1
}

/// The walks' view of the components, or `None` when they do not fit in 32 bits.
fn nodes(
    graph: &DependencyGraph,
    successors: &Rows,
    levels: &Levels,
) -> Option<(Vec<Node>, Vec<u32>)> {
    let mut nodes = Vec::with_capacity(graph.component_count());
    for c in 0..graph.component_count() {
        let range = successors.range(c);
        nodes.push(Node {
            level: match graph.members(c) {
                [s] => narrow(levels.level_of[*s])?,
                _ => SEVERAL,
            },
            first: narrow(range.start)?,
            end: narrow(range.end)?,
        });
    }
    let targets = successors
        .targets()
        .iter()
        .map(|&t| narrow(t))
        .collect::<Option<_>>()?;
    Some((nodes, targets))
}

/// The distinct availabilities, as factors in ascending order, and each service's.
struct Levels {
    factors: Vec<f64>,
    level_of: Vec<usize>,
    /// Services in ascending order of availability, then file order: the bit order of the
    /// bitsets, in which each level is one run of bits.
    by_level: Vec<usize>,
}

impl Levels {
    fn new(decisions: &[Decision]) -> Self {
        let factor = |s: usize| decisions[s].availability / 100.0;
        let mut by_level: Vec<usize> = (0..decisions.len()).collect();
        by_level.sort_by(|&a, &b| factor(a).total_cmp(&factor(b)));
        let mut factors: Vec<f64> = Vec::new();
        let mut level_of = vec![0; decisions.len()];
        for &s in &by_level {
            if factors.last() != Some(&factor(s)) {
                factors.push(factor(s));
            }
            level_of[s] = factors.len() - 1;
        }
        Levels {
            factors,
            level_of,
            by_level,
        }
    }
}

/// The level of a component of several services, whose levels differ.
const SEVERAL: u32 = u32::MAX;

fn narrow(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

/// The factor of `count` services at `level`. A ceiling multiplies these, starting from 1,
/// in ascending order of level.
fn power(levels: &Levels, (level, count): (usize, u32)) -> f64 {
    levels.factors[level].powi(count as i32)
}

/// How many services of each level one walk has reached.
struct Tally<'a> {
    graph: &'a DependencyGraph,
    levels: &'a Levels,
    counts: Vec<u32>,
    /// The levels with a count, in the order first met.
    met: Vec<usize>,
}

impl Tally<'_> {
    /// Counts the services of component `c`, whose level is `level` or `SEVERAL`.
    #[inline(always)]
    fn add(&mut self, c: usize, level: u32) {
        if level == SEVERAL {
            for &s in self.graph.members(c) {
                self.add_level(self.levels.level_of[s]);
            }
        } else {
            self.add_level(level as usize);
        }
    }

    fn add_level(&mut self, level: usize) {
        if self.counts[level] == 0 {
            self.met.push(level);
        }
        self.counts[level] += 1;
    }

    /// The product of the levels met, and a fresh start for the next walk.
    fn product(&mut self) -> f64 {
        self.met.sort_unstable();
        let mut product = 1.0;
        for level in self.met.drain(..) {
            product *= power(
                self.levels,
                (level, std::mem::take(&mut self.counts[level])),
            );
        }
        product
    }
}

/// The transitive closure as bitsets over services in level order, a slice at a time. For
/// each component the counts of a level can span slices, so each component carries its
/// unfinished level from one slice to the next.
fn bitsets(graph: &DependencyGraph, successors: &Rows, levels: &Levels) -> Vec<f64> {
    let services = graph.component_of.len();
    let components = graph.component_count();
    let mut bit_of = vec![0; services];
    for (bit, &s) in levels.by_level.iter().enumerate() {
        bit_of[s] = bit;
    }
    let mut products = vec![1.0_f64; components];
    // For each component, the level being counted and how many of it so far.
    let mut open: Vec<Option<(usize, u32)>> = vec![None; components];
    for slice_start in (0..services).step_by(SLICE_BITS) {
        let slice_end = (slice_start + SLICE_BITS).min(services);
        let words = (slice_end - slice_start).div_ceil(64);
        let mut bits = vec![0_u64; components * words];
        let mut reaches_slice = vec![false; components];
        for &s in &levels.by_level[slice_start..slice_end] {
            let c = graph.component_of[s];
            let local = bit_of[s] - slice_start;
            bits[c * words + local / 64] |= 1 << (local % 64);
            reaches_slice[c] = true;
        }
        for c in 0..components {
            let (done, rest) = bits.split_at_mut(c * words);
            let own = &mut rest[..words];
            for &d in successors.row(c) {
                debug_assert!(d < c, "dependencies come before their dependents");
                if reaches_slice[d] {
                    for (word, theirs) in own.iter_mut().zip(&done[d * words..(d + 1) * words]) {
                        *word |= theirs;
                    }
                    reaches_slice[c] = true;
                }
            }
        }
        // Bits are in level order, so a word whose first and last service share a level
        // holds that level only, and its services are counted at once.
        let level_at = |bit: usize| levels.level_of[levels.by_level[bit]];
        let uniform: Vec<Option<usize>> = (0..words)
            .map(|w| {
                let first = slice_start + w * 64;
                let last = (first + 63).min(slice_end - 1);
                (level_at(first) == level_at(last)).then(|| level_at(first))
            })
            .collect();
        let wanted = |c: usize| reaches_slice[c] && needs_set(successors.row(c).len() as u32);
        for c in (0..components).filter(|&c| wanted(c)) {
            let own = &bits[c * words..(c + 1) * words];
            let mut count = |level: usize, how_many: u32| {
                open[c] = match open[c] {
                    Some((current, count)) if current == level => Some((level, count + how_many)),
                    Some(finished) => {
                        products[c] *= power(levels, finished);
                        Some((level, how_many))
                    }
                    None => Some((level, how_many)),
                };
            };
            for (w, &word) in own.iter().enumerate() {
                if word == 0 {
                    continue;
                }
                if let Some(level) = uniform[w] {
                    count(level, word.count_ones());
                    continue;
                }
                let mut rest = word;
                while rest != 0 {
                    count(
                        level_at(slice_start + w * 64 + rest.trailing_zeros() as usize),
                        1,
                    );
                    rest &= rest - 1;
                }
            }
        }
    }
    for (c, last) in open.into_iter().enumerate() {
        if let Some(last) = last {
            products[c] *= power(levels, last);
        }
    }
    products
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Index, availability};
    use crate::model::{Dependency, Model, Service, ServiceKind};

    /// Services `s0`… with the given availabilities, and dependencies between them.
    fn model(availabilities: &[f64], dependencies: &[(usize, usize)]) -> Model {
        let mut model = Model::named("m");
        for (i, availability) in availabilities.iter().enumerate() {
            let mut service = Service::new(&format!("s{i}"), "", ServiceKind::Digital);
            service.availability = Some(*availability);
            model.services.push(service);
        }
        for &(from, to) in dependencies {
            model.dependencies.push(Dependency {
                from: format!("s{from}"),
                to: format!("s{to}"),
            });
        }
        model
    }

    /// Both ways of computing the ceilings, for each service of the model.
    fn both_ways(model: &Model) -> (Vec<f64>, Vec<f64>) {
        let index = Index::new(model);
        let decisions = availability::decide_all(model);
        let graph = DependencyGraph::new(model, &index);
        let walks = Ceilings::new(&graph, &decisions);
        walks.budget.store(isize::MAX, Ordering::Relaxed);
        let walked = walks.finish();
        let bitsets = Ceilings::new(&graph, &decisions);
        bitsets.budget.store(-1, Ordering::Relaxed);
        let bitset = bitsets.finish();
        (walked, bitset)
    }

    /// Each service's ceiling straight from the definition: a search for everything it
    /// reaches, and the product of their availabilities.
    fn by_definition(availabilities: &[f64], dependencies: &[(usize, usize)]) -> Vec<f64> {
        (0..availabilities.len())
            .map(|start| {
                let mut reached = vec![false; availabilities.len()];
                let mut stack = vec![start];
                reached[start] = true;
                while let Some(s) = stack.pop() {
                    for &(from, to) in dependencies {
                        if from == s && !reached[to] {
                            reached[to] = true;
                            stack.push(to);
                        }
                    }
                }
                (0..availabilities.len())
                    .filter(|&s| reached[s])
                    .map(|s| availabilities[s] / 100.0)
                    .product::<f64>()
                    * 100.0
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(300))]
        #[test]
        fn both_ways_match_the_definition_on_random_graphs(
            availabilities in proptest::collection::vec(
                proptest::sample::select(vec![90.0, 95.0, 99.0, 99.5, 99.9, 99.99]),
                1..14,
            ),
            raw_dependencies in proptest::collection::vec((0_usize..14, 0_usize..14), 0..40),
        ) {
            let n = availabilities.len();
            let dependencies: Vec<(usize, usize)> = raw_dependencies
                .into_iter()
                .map(|(from, to)| (from % n, to % n))
                .collect();
            let expected = by_definition(&availabilities, &dependencies);
            let (walked, bitset) = both_ways(&model(&availabilities, &dependencies));
            for s in 0..n {
                // The products are of the same factors in other orders: equal to rounding.
                proptest::prop_assert!((walked[s] - expected[s]).abs() <= 1e-12 * expected[s]);
                proptest::prop_assert!((bitset[s] - expected[s]).abs() <= 1e-12 * expected[s]);
            }
        }
    }

    #[test]
    fn walks_and_bitsets_agree_to_the_bit() {
        // 0 → 1 → 2 ⇄ 3, 0 → 3, 4 → 4; levels repeated across a cycle.
        let small = model(
            &[99.9, 99.0, 95.0, 99.0, 99.5],
            &[(0, 1), (1, 2), (2, 3), (3, 2), (0, 3), (4, 4)],
        );
        let (walked, bitset) = both_ways(&small);
        assert_eq!(walked, bitset);
        assert_eq!(walked[4], 99.5);
        assert!(
            (walked[0] - 0.999 * 0.99 * 0.95 * 0.99 * 100.0).abs() < 1e-10,
            "each counted once"
        );
        // Big enough for several slices, with levels spanning slice edges: the first service
        // depends on every other, and a few others on each other, through a cycle.
        let availabilities: Vec<f64> = (0..9_000).map(|i| [95.0, 99.0, 99.9][i % 3]).collect();
        let mut dependencies: Vec<(usize, usize)> = (1..9_000).map(|i| (0, i)).collect();
        dependencies.extend((101..200).map(|i| (i, i - 1)));
        dependencies.push((100, 150));
        let (walked, bitset) = both_ways(&model(&availabilities, &dependencies));
        assert_eq!(walked, bitset);
    }
}
