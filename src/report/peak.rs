//! The peak season in a model report (SPEC 8.2): the rotas of the peak model with their
//! costs for the weeks of the peak, what the year would cost without it and what it adds,
//! the on-call coverage in the peak, and the errors only the peak has.

use super::sections::{Section, rota_table};
use crate::analysis::Analysis;
use crate::format::{money, share, trimmed};

/// What the rota table's costs are when the year has a peak season.
pub fn outside_note(analysis: &Analysis) -> Option<String> {
    let peak = analysis.peak.as_ref()?;
    Some(format!(
        "Costs for the weeks outside the peak season; the {} weeks of the peak follow.",
        trimmed(peak.weeks, 2)
    ))
}

/// The peak season's section, when the model has one.
pub fn section(analysis: &Analysis) -> Option<Section> {
    let peak = analysis.peak.as_ref()?;
    let currency = &analysis.currency;
    let weeks = trimmed(peak.weeks, 2);
    let mut note = format!(
        "Rotas of the peak season ({weeks} weeks a year), with their cost for those weeks. Without the peak the year would cost {}; the peak adds {}. On-call coverage in the peak: {}.",
        money(peak.annual_cost_without_peak, currency),
        money(peak.extra_cost, currency),
        share(peak.coverage.on_call)
    );
    if !peak.findings.is_empty() {
        let errors: Vec<String> = peak
            .findings
            .iter()
            .map(|f| f.message.to_string())
            .collect();
        note.push_str(&format!(" Only in the peak: {}", errors.join(" ")));
    }
    Some(Section {
        title: "Peak season",
        table: rota_table(&peak.rotas),
        empty: "No rota runs in the peak season.".to_owned(),
        instead: None,
        note: Some(note),
    })
}
