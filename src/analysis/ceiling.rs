//! The availability ceiling (SPEC 2.1, rule 8): the product of the availabilities of a service
//! and of every service it depends on, directly or transitively, each counted once.
//!
//! Counting each service once means knowing each service's full reachable set, which is a
//! transitive closure. It is computed over the condensation (cycles collapsed) as bitsets,
//! a slice of services at a time so memory stays bounded. Services are numbered so that equal
//! availabilities are neighbours, which turns "multiply every reachable availability" into a
//! few popcounts per component.

use super::availability::Decision;
use super::graph::DependencyGraph;

/// Services handled per pass; the bitset of one component in one pass is this many bits.
const SLICE_BITS: usize = 64 * 64;

/// A run of bit positions whose services share one availability.
struct Group {
    start: usize,
    end: usize,
    factor: f64,
}

/// The ceiling of every service, as a percentage, in model order.
pub(crate) fn availability_ceilings(graph: &DependencyGraph, decisions: &[Decision]) -> Vec<f64> {
    let services = decisions.len();
    let components = graph.components.len();
    let factor = |s: usize| decisions[s].availability / 100.0;

    let mut by_availability: Vec<usize> = (0..services).collect();
    by_availability.sort_by(|&a, &b| factor(a).total_cmp(&factor(b)));
    let mut bit_of = vec![0; services];
    let mut groups: Vec<Group> = Vec::new();
    for (bit, &s) in by_availability.iter().enumerate() {
        bit_of[s] = bit;
        match groups.last_mut() {
            Some(group) if group.factor == factor(s) => group.end = bit + 1,
            _ => groups.push(Group {
                start: bit,
                end: bit + 1,
                factor: factor(s),
            }),
        }
    }

    let successors = component_successors(graph);
    let mut product = vec![1.0_f64; components];
    for slice_start in (0..services).step_by(SLICE_BITS) {
        let slice_end = (slice_start + SLICE_BITS).min(services);
        let words = (slice_end - slice_start).div_ceil(64);
        let mut bits = vec![0_u64; components * words];
        let mut reaches_slice = vec![false; components];
        for (s, &bit) in bit_of.iter().enumerate() {
            if (slice_start..slice_end).contains(&bit) {
                let c = graph.component_of[s];
                let local = bit - slice_start;
                bits[c * words + local / 64] |= 1 << (local % 64);
                reaches_slice[c] = true;
            }
        }
        for c in 0..components {
            let (done, rest) = bits.split_at_mut(c * words);
            let own = &mut rest[..words];
            for &d in &successors[c] {
                debug_assert!(d < c, "dependencies come before their dependents");
                if reaches_slice[d] {
                    for (word, theirs) in own.iter_mut().zip(&done[d * words..(d + 1) * words]) {
                        *word |= theirs;
                    }
                    reaches_slice[c] = true;
                }
            }
        }
        let slice_groups: Vec<&Group> = groups
            .iter()
            .filter(|g| g.end > slice_start && g.start < slice_end)
            .collect();
        // Few distinct availabilities: count each run. Many: visit each reachable service.
        let count_runs = slice_groups.len() <= words * 4;
        for c in (0..components).filter(|&c| reaches_slice[c]) {
            let own = &bits[c * words..(c + 1) * words];
            if count_runs {
                for group in &slice_groups {
                    let lo = group.start.max(slice_start) - slice_start;
                    let hi = group.end.min(slice_end) - slice_start;
                    let count = count_ones(own, lo, hi);
                    if count > 0 {
                        product[c] *= group.factor.powi(count as i32);
                    }
                }
            } else {
                for (w, &word) in own.iter().enumerate() {
                    let mut rest = word;
                    while rest != 0 {
                        let bit = slice_start + w * 64 + rest.trailing_zeros() as usize;
                        product[c] *= factor(by_availability[bit]);
                        rest &= rest - 1;
                    }
                }
            }
        }
    }
    (0..services)
        .map(|s| product[graph.component_of[s]] * 100.0)
        .collect()
}

/// For each component, the distinct components it depends on directly.
fn component_successors(graph: &DependencyGraph) -> Vec<Vec<usize>> {
    let mut successors = vec![Vec::new(); graph.components.len()];
    for &(from, to) in &graph.edges {
        let (a, b) = (graph.component_of[from], graph.component_of[to]);
        if a != b {
            successors[a].push(b);
        }
    }
    for list in &mut successors {
        list.sort_unstable();
        list.dedup();
    }
    successors
}

/// Set bits in positions `lo..hi` of a bitset.
fn count_ones(words: &[u64], lo: usize, hi: usize) -> u32 {
    if lo >= hi {
        return 0;
    }
    let (first, last) = (lo / 64, (hi - 1) / 64);
    let head_mask = u64::MAX << (lo % 64);
    let tail_mask = u64::MAX >> (63 - (hi - 1) % 64);
    if first == last {
        return (words[first] & head_mask & tail_mask).count_ones();
    }
    let middle: u32 = words[first + 1..last].iter().map(|w| w.count_ones()).sum();
    (words[first] & head_mask).count_ones() + middle + (words[last] & tail_mask).count_ones()
}

#[cfg(test)]
mod tests {
    use super::count_ones;

    #[test]
    fn count_ones_respects_the_range_edges() {
        let words = [u64::MAX, u64::MAX, u64::MAX];
        assert_eq!(count_ones(&words, 0, 192), 192);
        assert_eq!(count_ones(&words, 3, 5), 2);
        assert_eq!(count_ones(&words, 60, 70), 10);
        assert_eq!(count_ones(&words, 64, 128), 64);
        assert_eq!(count_ones(&words, 7, 7), 0);
        assert_eq!(count_ones(&[0b1010], 0, 4), 2);
    }
}
