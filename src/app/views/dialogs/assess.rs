//! The first thing said after an import whose services are not all assessed (SPEC 7.6): how
//! many are not, what was assumed for them (the `not-assessed` finding's own words), and a
//! button that opens the Assess view on them.

use egui::{Key, RichText, Ui};

use super::chosen;
use crate::analysis::FindingCode;
use crate::app::state::{Answer, DocumentId, Workspace};
use crate::app::views::panels::figures::capitalised;
use crate::app::views::theme;

pub(super) fn prompt(ui: &mut Ui, ws: &Workspace, doc: DocumentId) -> Option<Answer> {
    let Some(document) = ws.document(doc) else {
        return Some(Answer::Close);
    };
    let analysis = document.analysis();
    let (assessed, total) = crate::app::state::assessed(analysis);
    ui.heading(format!(
        "{} of {total} services are not assessed yet",
        total - assessed
    ));
    ui.add_space(6.0);
    if let Some(finding) = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::NotAssessed)
    {
        ui.label(what_was_assumed(&finding.message.to_string()));
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(
            "The Assess view lists them in a table where you set each one's exposure and demand with the client.",
        )
        .color(theme::MUTED_INK),
    );
    ui.add_space(10.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        let now = ui.button(RichText::new("Assess them now").strong());
        if chosen(&now, Key::Enter) {
            answer = Some(Answer::Assess { doc });
        }
        let hint = "Look at the model first; View › Assess (A) opens the table at any time";
        if chosen(&ui.button("Later").on_hover_text(hint), Key::Escape) {
            answer = Some(Answer::Close);
        }
    });
    answer
}

/// The finding's message without its opening count, which the heading already says: "6 of 7
/// services are not assessed yet: 5 have no availability target…" → "5 have no availability
/// target…".
fn what_was_assumed(message: &str) -> String {
    capitalised(message.split_once(": ").map_or(message, |(_, rest)| rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_the_heading_says_is_not_said_twice() {
        assert_eq!(
            what_was_assumed("2 of 3 services are not assessed yet: 2 have no exposure."),
            "2 have no exposure."
        );
        assert_eq!(what_was_assumed("all assumed"), "All assumed");
    }
}
