//! The comparison deck (SPEC 6.4): a title naming the models, the change table against the
//! first (B − A…), every model's diagram on the same scale so that sizes compare from page
//! to page, then what was added, removed and changed, in the words and figures of
//! `opmodel compare`.

use super::page::{self, Deck};
use crate::compare::Comparison;
use crate::layout::Rect;
use crate::model::Model;
use crate::report::{self, compare_parts};
use crate::scene::legend::Shown;
use crate::scene::marks::{Mark, Marks, Paint};
use crate::scene::{Scene, palette};

use super::super::pdf::{PdfError, pdf};
use super::super::picture::{self, SlideHeading, slide_frame};

/// The comparison deck of `models` (the first the baseline) as a PDF, dated `date`.
pub fn comparison_deck_pdf(
    models: &[&Model],
    comparison: &Comparison,
    date: &str,
) -> Result<Vec<u8>, PdfError> {
    pdf(
        &comparison_pages(models, comparison, date),
        &comparison_title(models),
    )
}

/// "Comparison: Shop today · Shop with domain rotas".
fn comparison_title(models: &[&Model]) -> String {
    let names: Vec<&str> = models.iter().map(|m| picture::title(m)).collect();
    format!("Comparison: {}", names.join(" · "))
}

/// The comparison deck's pages, as marks on the 1280 × 720 screen.
pub fn comparison_pages(models: &[&Model], comparison: &Comparison, date: &str) -> Vec<Vec<Mark>> {
    let title = comparison_title(models);
    let mut deck = Deck::new(&format!("{title} · {date}"));
    let (figures, sections) = compare_parts(models, comparison);
    title_page(&mut deck, models, date);
    let key: Vec<String> = models
        .iter()
        .enumerate()
        .map(|(i, m)| format!("{} {}", report::letter(i), picture::title(m)))
        .collect();
    deck.page("What changes").text(
        &key.join(" · "),
        page::BODY_PX,
        Paint::solid(palette::MUTED_INK),
        2,
    );
    deck.current("What changes").gap(6.0);
    deck.table(&figures);
    let reports: Vec<&crate::analysis::Analysis> = comparison.reports.iter().collect();
    let titles: Vec<String> = models
        .iter()
        .enumerate()
        .map(|(i, m)| format!("{} · {}", report::letter(i), picture::title(m)))
        .collect();
    diagram_pages(&mut deck, models, &reports, &titles);
    // The sections flow on under headings: most are a line or a short table, and a page
    // each would leave the room turning empty pages.
    let changes = "What was added, removed and changed";
    deck.page(changes);
    deck.sections(changes, &sections);
    deck.finish()
}

fn title_page(deck: &mut Deck, models: &[&Model], date: &str) {
    let page = deck.page("");
    let ink = Paint::solid(palette::INK);
    let muted = Paint::solid(palette::MUTED_INK);
    page.gap(70.0);
    page.text("Comparison", 44.0, ink, 1);
    page.gap(8.0);
    page.text(date, 18.0, muted, 1);
    page.gap(24.0);
    for (i, model) in models.iter().enumerate() {
        let letter = report::letter(i);
        page.text(
            &format!("{letter}  {}", picture::title(model)),
            26.0,
            ink,
            1,
        );
        if !model.description.trim().is_empty() {
            page.text(model.description.trim(), page::BODY_PX, muted, 2);
        }
        page.gap(10.0);
    }
    page.gap(12.0);
    page.text(
        "A is the baseline, and every change is against it.",
        page::BODY_PX,
        muted,
        1,
    );
}

/// A page per model with its diagram under its title, every one at the zoom that fits the
/// largest, centred in the same room, so that sizes compare from page to page.
pub(super) fn diagram_pages(
    deck: &mut Deck,
    models: &[&Model],
    reports: &[&crate::analysis::Analysis],
    titles: &[String],
) {
    let scenes: Vec<Scene> = models
        .iter()
        .zip(reports)
        .map(|(model, analysis)| picture::scene_of(model, analysis))
        .collect();
    let mut frames: Vec<(Marks, Rect)> = Vec::new();
    for ((title, analysis), scene) in titles.iter().zip(reports).zip(&scenes) {
        let mut marks = Marks::default();
        let heading = SlideHeading {
            title,
            figures: &picture::figures_line(analysis),
            corner: page::CORNER_WIDTH,
        };
        let room = slide_frame(
            &mut marks,
            &heading,
            (page::WIDTH, page::HEIGHT),
            Shown::of(scene),
        );
        frames.push((marks, room));
    }
    let fits: Vec<(Rect, Rect)> = scenes
        .iter()
        .zip(&frames)
        .filter_map(|(scene, (_, room))| Some((scene.bounds?, *room)))
        .collect();
    let mut views = picture::on_one_scale(&fits).into_iter();
    for (scene, (mut marks, _)) in scenes.iter().zip(frames) {
        if scene.bounds.is_some()
            && let Some(view) = views.next()
        {
            picture::diagram(&mut marks, scene, &view);
        }
        deck.composed(marks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::marks::Shape;

    /// The largest circle drawn on a page: a service's, on a diagram page.
    fn largest_circle(page: &[Mark]) -> f64 {
        page.iter()
            .filter_map(|m| match m.shape {
                Shape::Circle { radius, .. } => Some(radius),
                _ => None,
            })
            .fold(0.0, f64::max)
    }

    /// The diagram pages' largest circles, in order (the title and figures come first).
    fn circles(models: &[&Model]) -> Vec<f64> {
        let pages = comparison_pages(models, &crate::compare::compare(models), "1 May 2027");
        pages[2..2 + models.len()]
            .iter()
            .map(|p| largest_circle(p))
            .collect()
    }

    #[test]
    fn every_model_is_drawn_on_the_scale_that_fits_the_largest() {
        let small = crate::synthetic::generate(6, 2, 4, 1);
        let large = crate::synthetic::generate(60, 8, 70, 2);
        let alone = circles(&[&small, &small]);
        let together = circles(&[&small, &large]);
        assert_eq!(alone[0], alone[1]);
        assert!(
            (together[0] - together[1]).abs() < 1e-9,
            "the same scale: {together:?}"
        );
        assert!(
            together[0] < alone[0] * 0.8,
            "the small model shrinks to the large one's scale: {together:?} against {alone:?}"
        );
    }
}
