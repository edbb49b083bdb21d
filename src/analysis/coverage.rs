//! Coverage (SPEC 2.4): the share of services with an owner, and the share of services that
//! need out-of-hours cover and get it from a healthy rota.

use super::Coverage;
use super::rotas::Assignment;
use crate::analysis::Cover;

pub(crate) fn coverage(cover: &[Assignment]) -> Coverage {
    let owned = cover.iter().filter(|a| **a != Assignment::NoOwner).count();
    let (mut covered, mut needing) = (0, 0);
    for assignment in cover {
        match assignment.cover() {
            Cover::Covered => {
                covered += 1;
                needing += 1;
            }
            Cover::Understaffed | Cover::Uncovered => needing += 1,
            Cover::NotRequired => {}
        }
    }
    Coverage {
        ownership: share(owned, cover.len()),
        on_call: share(covered, needing),
    }
}

/// `part ÷ whole`, or 1 when there is nothing to measure.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}
