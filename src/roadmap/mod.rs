//! Roadmaps (SPEC 8.3): saved models ordered in time, from today's operating model to the
//! target, in a `.roadmap.ron` file (read by [`crate::files::roadmap`]); [`plan`] works out
//! each phase's figures, its change from the phase before, its days in the year, its
//! handovers, and the cost of the year.

mod date;
mod new;
mod plan;

pub use date::Date;
pub use new::{model_path_from, monday_on_or_after, roadmap_text, today};
pub use plan::{Handover, PhaseFigures, PhasePlan, RoadmapPlan, plan};

use crate::model::Model;

/// Days in the year a roadmap covers, from its first start.
pub const YEAR_DAYS: i64 = 365;

/// A loaded roadmap: its phases in time order, each with its model.
#[derive(Clone, Debug, PartialEq)]
pub struct Roadmap {
    pub name: String,
    pub phases: Vec<Phase>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    pub name: String,
    pub start: Date,
    /// The model's path as the roadmap gives it, relative to the roadmap file.
    pub model_path: String,
    pub model: Model,
}
