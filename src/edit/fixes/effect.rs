//! What a fix does to the headline figures, and the one wording of it that the reports and
//! the editor share.

use crate::format::{escaped, signed_count, signed_money, signed_points};

/// A fix's effect, from analysing the edited model: each figure is after − before.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Effect {
    pub annual_cost: f64,
    /// Change in the share of services needing cover that a healthy rota covers (0 to 1).
    pub on_call: f64,
    /// Change in the share of services with an owner (0 to 1).
    pub ownership: f64,
    /// Change in the number of error findings.
    pub errors: i64,
    /// Whether the finding is gone after the fix.
    pub resolves: bool,
}

/// One figure a fix moves, with its change, so a view can colour the words it is given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Moved {
    /// Whether the finding is gone after the fix.
    Resolution(bool),
    /// The change in annual cost.
    Cost(f64),
    /// The change in on-call coverage, a share.
    OnCall(f64),
    /// The change in the share of services owned.
    Ownership(f64),
    /// The change in the number of errors.
    Errors(i64),
}

impl Effect {
    /// The effect in words, as a report lists it under its fix: "resolves it; cost −26,000
    /// GBP a year; on-call +25.0 pts; errors −1". Coverage and errors only when they move.
    pub fn describe(&self, currency: &str) -> String {
        let words: Vec<String> = self.parts(currency).into_iter().map(|(_, w)| w).collect();
        words.join("; ")
    }

    /// The parts of [`Effect::describe`], each with the figure it speaks of: the one
    /// wording of a fix's effect, in the report and in the editor.
    pub fn parts(&self, currency: &str) -> Vec<(Moved, String)> {
        let resolution = if self.resolves {
            "resolves it"
        } else {
            "does not resolve it alone"
        };
        let mut parts = vec![(Moved::Resolution(self.resolves), resolution.to_owned())];
        let cost = if self.annual_cost.abs() < 0.5 {
            "no change in cost".to_owned()
        } else {
            format!(
                "cost {} {} a year",
                signed_money(self.annual_cost),
                escaped(currency)
            )
        };
        parts.push((Moved::Cost(self.annual_cost), cost));
        if self.on_call.abs() >= 0.0005 {
            let words = format!("on-call {}", signed_points(self.on_call));
            parts.push((Moved::OnCall(self.on_call), words));
        }
        if self.ownership.abs() >= 0.0005 {
            let words = format!("owned {}", signed_points(self.ownership));
            parts.push((Moved::Ownership(self.ownership), words));
        }
        if self.errors != 0 {
            let words = format!("errors {}", signed_count(self.errors));
            parts.push((Moved::Errors(self.errors), words));
        }
        parts
    }
}
