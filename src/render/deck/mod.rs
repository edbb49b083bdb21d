//! The deck a consultant sends after the workshop (SPEC 6.4): 16:9 pages with the title
//! and headline figures, the operating model as the room saw it, the cost, the findings
//! with their best fixes, the cost drivers and compliance scope, and the assumptions.
//! Every figure comes from the report's own tables, so the deck and the report agree.
//!
//! Pages are composed as marks on a 1280 × 720 screen and written by [`super::pdf`].

mod compare;
mod page;
mod roadmap;

use crate::analysis::{Analysis, FindingCode, Severity};
use crate::edit::fixes;
use crate::format::{self, count, grouped, money, trimmed};
use crate::model::Model;
use crate::report::{Table, sections};
use crate::scene::legend::Shown;
use crate::scene::marks::{Marks, Paint};
use crate::scene::{Scene, palette};

pub use compare::{comparison_deck_pdf, comparison_pages};
pub use page::Deck;
pub use roadmap::{roadmap_deck_pdf, roadmap_pages};

use super::pdf::{PdfError, pdf};
use super::picture::{self, SlideHeading, slide_frame, slide_with_diagram};

/// A diagram page's size: all of it, as its page number sits at the top right.
const PAGE: (f64, f64) = (page::WIDTH, page::HEIGHT);
/// Past this many services the operating model gets a page per domain after the whole.
pub const PAGE_PER_DOMAIN_ABOVE: usize = 100;
/// The errors, and then the warnings, a deck lists with their best fixes; the rest are
/// counted, and `opmodel report --fixes` lists them all.
pub const FINDINGS_SHOWN: usize = 30;

/// The model's deck as a PDF, dated `date` (as "14 May 2026").
pub fn deck_pdf(model: &Model, analysis: &Analysis, date: &str) -> Result<Vec<u8>, PdfError> {
    pdf(&pages(model, analysis, date), picture::title(model))
}

/// The deck's pages, as marks on the 1280 × 720 screen.
pub fn pages(model: &Model, analysis: &Analysis, date: &str) -> Vec<Vec<crate::scene::Mark>> {
    let title = picture::title(model);
    let mut deck = Deck::new(&format!("{title} · {date}"));
    title_page(&mut deck, model, analysis, date);
    let scene = picture::scene_of(model, analysis);
    model_pages(&mut deck, &scene, model, analysis);
    cost_pages(&mut deck, model, analysis);
    findings_pages(&mut deck, model, analysis);
    drivers_page(&mut deck, model, analysis);
    assumptions_page(&mut deck, model, analysis);
    deck.finish()
}

/// The headline figures as (label, value), the report's own words and figures.
fn headline(analysis: &Analysis) -> Vec<(String, String)> {
    let summary = sections::summary(analysis);
    let value = |label: &str| {
        summary
            .iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    vec![
        (
            "Annual on-call cost".to_owned(),
            value("Annual on-call cost"),
        ),
        (
            "Standby · callout".to_owned(),
            format!("{} · {}", value("Standby"), value("Callout")),
        ),
        ("Ownership".to_owned(), value("Ownership")),
        ("On-call coverage".to_owned(), value("On-call coverage")),
        (
            "Errors".to_owned(),
            analysis.count(Severity::Error).to_string(),
        ),
    ]
}

fn title_page(deck: &mut Deck, model: &Model, analysis: &Analysis, date: &str) {
    let page = deck.page("");
    let ink = Paint::solid(palette::INK);
    let muted = Paint::solid(palette::MUTED_INK);
    page.gap(70.0);
    page.text(picture::title(model), 44.0, ink, 2);
    page.gap(8.0);
    page.text(date, 18.0, muted, 1);
    page.gap(18.0);
    if !model.description.trim().is_empty() {
        page.text(model.description.trim(), 19.0, ink, 4);
    }
    page.gap(36.0);
    let figures = headline(analysis);
    let column = page.width() / 2.0;
    let top = page.y;
    for (k, (label, value)) in figures.iter().enumerate() {
        let left = page::MARGIN + (k % 2) as f64 * column;
        page.y = top + (k / 2) as f64 * 96.0;
        page.text_at(left, column - 24.0, &label.to_uppercase(), 13.0, muted, 1);
        page.text_at(left, column - 24.0, value, 24.0, ink, 2);
    }
}

/// The diagram fitted to a page with its legend; for a big model, then a page per domain
/// (and one for what lies outside every domain), each fitted to that area.
fn model_pages(deck: &mut Deck, scene: &Scene, model: &Model, analysis: &Analysis) {
    let figures = picture::figures_line(analysis);
    let heading = SlideHeading {
        title: picture::title(model),
        figures: &figures,
        corner: page::CORNER_WIDTH,
    };
    let mut whole = Marks::default();
    if let Some(bounds) = scene.bounds {
        slide_with_diagram(&mut whole, scene, &bounds, &heading, PAGE, true);
    } else {
        slide_frame(&mut whole, &heading, PAGE, Shown::of(scene));
    }
    deck.composed(whole);
    if model.services.len() <= PAGE_PER_DOMAIN_ABOVE {
        return;
    }
    for (a, area_of) in scene.areas.iter().enumerate() {
        let mut marks = Marks::default();
        let summary = crate::scene::overview::lines(&area_of.summary, &scene.currency).join(" · ");
        let heading = SlideHeading {
            title: &area_of.name,
            figures: &summary,
            corner: page::CORNER_WIDTH,
        };
        slide_with_diagram(&mut marks, scene, &scene.extent(a), &heading, PAGE, false);
        deck.composed(marks);
    }
}

fn cost_pages(deck: &mut Deck, model: &Model, analysis: &Analysis) {
    let currency = &analysis.currency;
    let page = deck.page("Cost");
    let ink = Paint::solid(palette::INK);
    page.text(
        &format!(
            "{} a year: standby {} and callout {}. R(n), a rota per product team that owns services: {}. R(1), one operations rota: {}.",
            money(analysis.totals.annual_cost, currency),
            money(analysis.totals.standby_cost, currency),
            money(analysis.totals.callout_cost, currency),
            money(analysis.baselines.all_team_rotas, currency),
            money(analysis.baselines.single_ops_rota, currency),
        ),
        page::BODY_PX,
        ink,
        3,
    );
    page.heading("Rotas");
    let mut rotas = Table::default().left(["Rota", "Kind"]).right([
        "Pool",
        "1 week in",
        "Weeks each",
        "Services",
        "Annual cost",
    ]);
    for rota in &analysis.rotas {
        rotas.row(vec![
            rota.name.clone(),
            rota.kind.label().to_owned(),
            rota.pool.to_string(),
            rota.frequency_weeks.to_string(),
            trimmed(rota.weeks_on_call_per_person, 1),
            rota.services.len().to_string(),
            grouped(rota.annual_cost),
        ]);
    }
    deck.table_or(
        &rotas,
        "No rotas: no team gives out-of-hours cover yet.",
        ink,
        2,
    );
    let page = deck.page("Cost by team and by domain");
    page.heading("Teams");
    let mut teams = Table::default()
        .left(["Team", "Kind", "Domain"])
        .right(["Services", "Annual cost"]);
    for (team, figures) in model.teams.iter().zip(&analysis.teams) {
        let domain = team
            .domain
            .as_deref()
            .map_or("—", |d| model.display_name(d));
        teams.row(vec![
            team.name.clone(),
            team.kind.label().to_owned(),
            domain.to_owned(),
            figures.services.to_string(),
            grouped(figures.annual_cost),
        ]);
    }
    deck.table(&teams);
    let page = deck.current("Cost by team and by domain");
    if page.room() < 120.0 {
        deck.page("Cost by domain");
    } else {
        page.heading("Domains");
    }
    let mut domains = Table::default().left(["Domain"]).right(["Annual cost"]);
    for (domain, figures) in model.domains.iter().zip(&analysis.domains) {
        domains.row(vec![domain.name.clone(), grouped(figures.annual_cost)]);
    }
    deck.table_or(&domains, "No domains.", ink, 1);
}

/// Each error and warning with its best fix and what that fix does to cost and coverage,
/// in the report's words (`opmodel report --fixes`), by severity.
fn findings_pages(deck: &mut Deck, model: &Model, analysis: &Analysis) {
    let page = deck.page("Findings");
    let ink = Paint::solid(palette::INK);
    page.text(
        &format!(
            "{}, {} and {} info.",
            count(analysis.count(Severity::Error), "error", "errors"),
            count(analysis.count(Severity::Warning), "warning", "warnings"),
            analysis.count(Severity::Info)
        ),
        page::BODY_PX,
        ink,
        1,
    );
    let shown: std::collections::HashSet<usize> = [Severity::Error, Severity::Warning]
        .into_iter()
        .flat_map(|severity| {
            sections::findings_of(analysis, severity)
                .into_iter()
                .take(FINDINGS_SHOWN)
                .map(|(i, _)| i)
        })
        .collect();
    let fixes: std::collections::HashMap<usize, fixes::Fix> =
        fixes::fixes_for_findings(model, analysis, |i| shown.contains(&i))
            .into_iter()
            .filter_map(|(i, fixes)| Some((i, fixes.into_iter().next()?)))
            .collect();
    for severity in [Severity::Error, Severity::Warning] {
        let mut findings = sections::findings_of(analysis, severity);
        if findings.is_empty() {
            continue;
        }
        let left_out = findings.len().saturating_sub(FINDINGS_SHOWN);
        let total = findings.len();
        findings.truncate(FINDINGS_SHOWN);
        if deck.current("Findings").room() < 120.0 {
            deck.page("Findings (continued)");
        }
        deck.current("Findings").heading(&format!(
            "{} ({})",
            sections::severity_heading(severity),
            total
        ));
        let mut table = Table::default().left(["Finding", "Best fix", "What the fix does"]);
        for (i, finding) in findings {
            let (fix, effect) = match fixes.get(&i) {
                Some(fix) => (fix.label.clone(), fix.effect.describe(&analysis.currency)),
                None => ("No one-click fix".to_owned(), String::new()),
            };
            table.row(vec![finding.message.to_string(), fix, effect]);
        }
        deck.table(&table);
        if left_out > 0 {
            let page = deck.current("Findings");
            page.text(
                &format!(
                    "The first {FINDINGS_SHOWN} of {total}; {left_out} more, and every fix of each, in `opmodel report --fixes`."
                ),
                page::TABLE_PX,
                Paint::solid(palette::MUTED_INK),
                2,
            );
        }
    }
}

fn drivers_page(deck: &mut Deck, model: &Model, analysis: &Analysis) {
    let page = deck.page("Cost drivers and compliance scope");
    let ink = Paint::solid(palette::INK);
    page.text(
        "What each service's out-of-hours cover alone adds to the annual cost: they do not add up to the bill.",
        page::BODY_PX,
        Paint::solid(palette::MUTED_INK),
        2,
    );
    let drivers = sections::cost_drivers(model, analysis);
    deck.table_or(
        &drivers,
        "No service's cover costs anything on its own.",
        ink,
        1,
    );
    let page = deck.current("Cost drivers and compliance scope");
    if page.room() < 120.0 {
        deck.page("Compliance scope");
    } else {
        page.heading("Compliance scope");
    }
    let scopes = sections::compliance(analysis);
    deck.table_or(&scopes, "No service carries a compliance tag.", ink, 1);
}

fn assumptions_page(deck: &mut Deck, model: &Model, analysis: &Analysis) {
    let page = deck.page("Assumptions");
    let ink = Paint::solid(palette::INK);
    let settings = &model.settings;
    // The services the not-assessed finding counts, in its words: the editor's "N of M
    // assessed" and this page agree.
    let assumed: Vec<(usize, &crate::analysis::ServiceFigures)> = analysis
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.assumed.any())
        .collect();
    let summary = analysis
        .findings
        .iter()
        .find(|f| f.code == FindingCode::NotAssessed)
        .map_or_else(
            || "Every service is assessed: its exposure or availability, and its feature demand, are set.".to_owned(),
            |f| f.message.to_string(),
        );
    page.text(&summary, page::BODY_PX, ink, 4);
    if !assumed.is_empty() {
        let mut table = Table::default().left(["Service", "Availability", "Deployment"]);
        let noted = |value: String, assumed: bool| {
            if assumed {
                format!("{value}, assumed")
            } else {
                value
            }
        };
        for (i, figures) in assumed {
            table.row(vec![
                model.services[i].name.clone(),
                noted(
                    format::percent(figures.availability),
                    figures.assumed.availability,
                ),
                noted(
                    figures.deployment.label().to_owned(),
                    figures.assumed.demand,
                ),
            ]);
        }
        deck.table(&table);
    }
    let page = deck.current("Assumptions");
    if page.room() < 200.0 {
        deck.page("Assumptions (continued)");
    }
    deck.current("").heading("Pay and exposure bands");
    let mut pay = Table::default()
        .left(["Pay"])
        .right(["Standby a week", "Callout an hour"]);
    for (who, rates) in [
        ("Product teams", &settings.product_pay),
        ("Operations", &settings.ops_pay),
    ] {
        pay.row(vec![
            who.to_owned(),
            money(rates.standby_per_week, &settings.currency),
            money(rates.callout_per_hour, &settings.currency),
        ]);
    }
    deck.table(&pay);
    let mut bands = Table::default().right(["Exposure an hour up to", "Availability"]);
    for band in settings.sorted_bands() {
        bands.row(vec![
            money(band.max_exposure_per_hour, &settings.currency),
            format::percent(band.availability),
        ]);
    }
    if !bands.is_empty() {
        deck.table(&bands);
    }
    deck.current("").text(
        &format!(
            "{} weeks a year; {} on call at a time; {} h per callout; rotas of at least {}; at most {} per team.",
            trimmed(settings.weeks_per_year, 1),
            count(settings.people_per_shift as usize, "person", "people"),
            trimmed(settings.callout_hours, 1),
            settings.min_rota_size,
            count(settings.max_services_per_team as usize, "service", "services"),
        ),
        page::TABLE_PX,
        Paint::solid(palette::MUTED_INK),
        2,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::layout::Rect;
    use crate::scene::marks::Shape;

    fn words(pages: &[Vec<crate::scene::Mark>]) -> Vec<String> {
        pages
            .iter()
            .map(|page| {
                page.iter()
                    .filter_map(|m| match &m.shape {
                        Shape::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }

    /// How many of `names` a page shows whole: as the rows of one label, in order, with
    /// nothing cut.
    fn names_whole(page: &[crate::scene::Mark], names: &[String]) -> usize {
        let rows: Vec<&str> = page
            .iter()
            .filter_map(|m| match (&m.role, &m.shape) {
                (crate::scene::marks::Role::Label, Shape::Text { text, .. }) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        names
            .iter()
            .filter(|name| {
                (0..rows.len()).any(|start| {
                    (start + 1..=rows.len().min(start + 3))
                        .any(|end| rows[start..end].join(" ") == **name)
                })
            })
            .count()
    }

    /// The enterprise sample (46 services, two columns of domains beside a wide area of
    /// shared services): with the legend set in a corner the diagram leaves free, the
    /// diagram takes the page's height under the title line, as it does on a projector,
    /// and nine names in ten show whole (with the legend along the bottom, 23 of 46 did).
    #[test]
    fn the_enterprise_samples_diagram_page_shows_nine_service_names_in_ten_whole() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/enterprise-hybrid.ron");
        let model = crate::files::ron::load(&path).expect("the sample loads");
        let analysis = analyze(&model);
        let pages = pages(&model, &analysis, "1 January 2027");
        let names: Vec<String> = model.services.iter().map(|s| s.name.clone()).collect();
        let whole = names_whole(&pages[1], &names);
        assert!(
            whole * 10 >= names.len() * 9,
            "{whole} of {} service names whole",
            names.len()
        );
    }

    #[test]
    fn the_pages_come_in_the_order_of_the_spec() {
        let model = crate::synthetic::generate(46, 9, 60, 2);
        let analysis = analyze(&model);
        let pages = words(&pages(&model, &analysis, "1 January 2027"));
        let first = |title: &str| pages.iter().position(|p| p.starts_with(title));
        assert!(pages[0].contains(picture::title(&model)) && pages[0].contains("1 January 2027"));
        assert!(
            pages[1].contains("Annual on-call cost"),
            "the diagram's title line"
        );
        let order = [
            first("Cost").expect("cost"),
            first("Findings").expect("findings"),
            first("Cost drivers").expect("drivers"),
            first("Assumptions").expect("assumptions"),
        ];
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        let cost = money(analysis.totals.annual_cost, &analysis.currency);
        assert!(pages[0].contains(&cost), "the headline cost {cost}");
    }

    #[test]
    fn a_big_estate_lists_its_first_findings_and_counts_the_rest() {
        let model = crate::synthetic::generate(400, 80, 800, 3);
        let analysis = analyze(&model);
        let warnings = analysis.count(Severity::Warning);
        assert!(
            warnings > FINDINGS_SHOWN,
            "the estate has {warnings} warnings"
        );
        let text = words(&pages(&model, &analysis, "1 January 2027")).join("\n");
        let note = format!(
            "The first {FINDINGS_SHOWN} of {warnings}; {} more",
            warnings - FINDINGS_SHOWN
        );
        assert!(text.contains(&note), "{note}");
    }

    #[test]
    fn the_assumptions_list_every_service_not_assessed_as_the_editor_counts_them() {
        let mut model = crate::synthetic::generate(20, 4, 10, 1);
        // Three not assessed: no exposure or availability; an unknown demand; both.
        model.services[0].availability = None;
        model.services[0].exposure_per_hour = None;
        model.services[1].demand = crate::model::Demand::Unknown;
        model.services[2].availability = None;
        model.services[2].exposure_per_hour = None;
        model.services[2].demand = crate::model::Demand::Unknown;
        let analysis = analyze(&model);
        let not_assessed = analysis.services.iter().filter(|s| s.assumed.any()).count();
        let text = words(&pages(&model, &analysis, "1 January 2027")).join("\n");
        let assumptions = &text[text.find("Assumptions").expect("the page")..];
        assert!(
            assumptions.contains(&format!(
                "{not_assessed} of 20 services are not assessed yet"
            )),
            "{assumptions}"
        );
        for i in [0, 1, 2] {
            assert!(assumptions.contains(&model.services[i].name), "{i}");
        }
        assert!(assumptions.contains(", assumed"));
    }

    #[test]
    fn every_mark_of_every_page_stays_on_the_page() {
        let model = crate::synthetic::generate(160, 30, 200, 5);
        let analysis = analyze(&model);
        let page_rect = Rect {
            min_x: 0.0,
            min_y: 0.0,
            max_x: page::WIDTH,
            max_y: page::HEIGHT,
        };
        for (k, page) in pages(&model, &analysis, "1 January 2027")
            .iter()
            .enumerate()
        {
            let off = crate::scene::marks::outside(page, &page_rect);
            assert!(off.is_empty(), "page {k}: {:?}", off.first());
        }
    }
}
