//! One-click fixes under a finding, shared by the figures panel and the inspector's "why"
//! panel: a "Fixes" toggle at the end of the finding's row and, while it is open, each fix
//! as a button with its effect on cost, coverage and errors shown before the click.
//!
//! A fix's effect comes from analysing an edited copy of the model, one analysis per
//! candidate, so fixes are worked out only for a finding whose row is open, and kept per
//! document until the model's revision changes: the panel stays live on a big model.

use std::collections::HashMap;
use std::sync::Arc;

use egui::{Button, Id, RichText, Ui};

use crate::analysis::{Finding, FindingCode};
use crate::app::state::Document;
use crate::app::views::theme;
use crate::edit::fixes::{Effect, Fix, Moved, fixes_for_finding, offers_fixes};

/// Which finding: its code, subject and the dependency it is about.
type FindingKey = (FindingCode, String, Option<String>);

fn key(finding: &Finding) -> FindingKey {
    (
        finding.code,
        finding.subject.to_string(),
        finding.depends_on.as_ref().map(ToString::to_string),
    )
}

/// The fixes worked out for one document at one revision.
#[derive(Clone, Default)]
struct Cache {
    revision: u64,
    fixes: HashMap<FindingKey, Arc<Vec<Fix>>>,
}

fn open_id(doc: &Document, finding: &Finding, place: &str) -> Id {
    Id::new(("fixes-open", doc.id(), place.to_owned(), key(finding)))
}

/// The "Fixes" toggle for `finding`, at the end of its row in `place` (a panel's name, so
/// each panel opens its rows on its own); returns whether the row is open. Nothing is shown,
/// and `false` returned, for a finding Opmodel knows no fix for.
pub fn toggle(ui: &mut Ui, doc: &Document, finding: &Finding, place: &str) -> bool {
    if !offers_fixes(finding.code) {
        return false;
    }
    let id = open_id(doc, finding, place);
    let mut open = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    let text = if open { "Hide fixes" } else { "Fixes" };
    if ui
        .add(Button::new(RichText::new(text).small()).small())
        .on_hover_text("Show the edits that would resolve this, with what each would change")
        .clicked()
    {
        open = !open;
        ui.data_mut(|d| d.insert_temp(id, open));
    }
    open
}

/// The fixes for `finding` (worked out now if this revision has not seen them yet), each a
/// button with its effect; returns the fix clicked.
pub fn list(ui: &mut Ui, doc: &Document, finding: &Finding) -> Option<Fix> {
    let fixes = fixes_of(ui, doc, finding);
    if fixes.is_empty() {
        ui.label(
            RichText::new("No one-click fix: this needs a change only you can judge.")
                .small()
                .color(theme::MUTED_INK),
        );
        return None;
    }
    let currency = &doc.analysis().currency;
    let mut clicked = None;
    ui.indent(("fixes", key(finding)), |ui| {
        for fix in fixes.iter() {
            if ui
                .button(&fix.label)
                .on_hover_text("Apply this fix (one undo step)")
                .clicked()
            {
                clicked = Some(fix.clone());
            }
            effect_line(ui, &fix.effect, currency);
            ui.add_space(2.0);
        }
    });
    clicked
}

fn fixes_of(ui: &Ui, doc: &Document, finding: &Finding) -> Arc<Vec<Fix>> {
    let cache_id = Id::new(("fixes-cache", doc.id()));
    let wanted = key(finding);
    let cached = ui.data_mut(|d| {
        let cache = d.get_temp_mut_or_default::<Cache>(cache_id);
        if cache.revision != doc.revision() {
            *cache = Cache {
                revision: doc.revision(),
                fixes: HashMap::new(),
            };
        }
        cache.fixes.get(&wanted).cloned()
    });
    cached.unwrap_or_else(|| {
        let fixes = Arc::new(fixes_for_finding(doc.model(), doc.analysis(), finding));
        ui.data_mut(|d| {
            d.get_temp_mut_or_default::<Cache>(cache_id)
                .fixes
                .insert(wanted, Arc::clone(&fixes));
        });
        fixes
    })
}

/// What a fix would change, in one line and in the report's words: resolved or not, cost,
/// and coverage and errors where they move, each coloured by whether it helps.
fn effect_line(ui: &mut Ui, effect: &Effect, currency: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 10.0;
        for (moved, words) in effect.parts(currency) {
            let colour = match moved {
                Moved::Resolution(true) => theme::GREEN,
                Moved::Resolution(false) => theme::AMBER,
                Moved::Cost(change) => theme::delta_colour(change, true),
                Moved::OnCall(change) | Moved::Ownership(change) => {
                    theme::delta_colour(change, false)
                }
                Moved::Errors(change) => theme::delta_colour(change as f64, true),
            };
            let words = match moved {
                Moved::Resolution(true) => format!("● {words}"),
                _ => words,
            };
            ui.colored_label(colour, words);
        }
    });
}
