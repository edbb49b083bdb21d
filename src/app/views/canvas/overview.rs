//! Semantic zoom for big models: zoomed out, each domain is drawn as one box — its name,
//! team and service counts, annual cost, on-call coverage and error count — instead of the
//! hundreds of shapes that would be too small to read. Zooming in, or double-clicking a box,
//! shows its teams and services again.

use std::collections::{HashMap, HashSet};

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align, FontFamily, FontId, Rect, Shape, pos2, vec2};

use super::labels::TextScale;
use crate::analysis::{Analysis, Cover, Severity};
use crate::app::views::theme;
use crate::format::{money, share};
use crate::model::Model;

/// Below this zoom a big model is drawn as domain boxes.
pub const OVERVIEW_ZOOM: f32 = 0.3;
/// Models with at most this many services stay legible shape by shape at any fit, so they
/// are never summarised.
const MIN_SERVICES: usize = 100;

/// Whether a model is drawn as domain boxes at `zoom`.
pub fn wanted(model: &Model, zoom: f32) -> bool {
    zoom < OVERVIEW_ZOOM && model.services.len() > MIN_SERVICES && !model.domains.is_empty()
}

/// The domain each team and service of a domain belongs to: in the overview, the box that
/// stands for it.
pub fn members(model: &Model) -> HashMap<String, String> {
    let mut domain_of: HashMap<String, String> = HashMap::new();
    for team in &model.teams {
        if let Some(domain) = &team.domain {
            domain_of.insert(team.id.clone(), domain.clone());
        }
    }
    for service in &model.services {
        if let Some(domain) = service
            .owner
            .as_ref()
            .and_then(|o| domain_of.get(o))
            .cloned()
        {
            domain_of.insert(service.id.clone(), domain);
        }
    }
    domain_of
}

/// Where each domain's box goes in the overview: a grid over the space the domains take up
/// together, in their left-to-right, top-to-bottom order, with cells about half as wide
/// again as they are tall — so that domains laid out as tall, narrow columns still get boxes
/// wide enough to read. Cells over anything in `keep_clear` (what lies outside every domain,
/// still drawn in full) are skipped, and the grid grows finer until every domain has one.
pub fn grid(areas: &HashMap<String, Rect>, keep_clear: &[Rect]) -> HashMap<String, Rect> {
    let mut order: Vec<(&String, &Rect)> = areas.iter().collect();
    order.sort_by(|a, b| {
        let (a, b) = (a.1.center(), b.1.center());
        a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y))
    });
    let world = order.iter().fold(Rect::NOTHING, |w, (_, r)| w.union(**r));
    let count = order.len().max(1);
    let aspect = world.width().max(1.0) / world.height().max(1.0);
    let cells_for = |wanted: usize| {
        let columns = ((wanted as f32 * aspect / 1.5).sqrt().round() as usize).clamp(1, wanted);
        let rows = wanted.div_ceil(columns);
        let cell = vec2(world.width() / columns as f32, world.height() / rows as f32);
        (0..columns * rows).map(move |i| {
            let min =
                world.min + vec2((i % columns) as f32 * cell.x, (i / columns) as f32 * cell.y);
            Rect::from_min_size(min, cell).shrink2(cell * 0.05)
        })
    };
    let clear = |cell: &Rect| !keep_clear.iter().any(|r| r.intersects(*cell));
    // Four times the cells leaves a quarter of the space: past that, boxes may cover shapes.
    let cells: Vec<Rect> = (count..=count * 4)
        .map(|wanted| cells_for(wanted).filter(clear).collect::<Vec<Rect>>())
        .find(|free| free.len() >= count)
        .unwrap_or_else(|| cells_for(count).collect());
    order
        .into_iter()
        .zip(cells)
        .map(|((id, _), rect)| (id.clone(), rect))
        .collect()
}

/// The summary lines of a domain's box: counts, cost, coverage and errors.
pub fn summary(model: &Model, analysis: &Analysis, domain: &str) -> Vec<String> {
    let domain_of = members(model);
    let in_domain = |id: &str| domain_of.get(id).is_some_and(|d| d == domain);
    let teams = model.teams.iter().filter(|t| in_domain(&t.id)).count();
    let services: Vec<usize> = (0..model.services.len().min(analysis.services.len()))
        .filter(|&i| in_domain(&model.services[i].id))
        .collect();
    let needing_cover: Vec<Cover> = services
        .iter()
        .map(|&i| analysis.services[i].cover)
        .filter(|c| *c != Cover::NotRequired)
        .collect();
    let covered = needing_cover
        .iter()
        .filter(|c| **c == Cover::Covered)
        .count();
    let mut subjects: HashSet<String> = services
        .iter()
        .map(|&i| model.services[i].id.clone())
        .collect();
    subjects.extend(
        domain_of
            .iter()
            .filter(|(_, d)| *d == domain)
            .map(|(id, _)| id.clone()),
    );
    subjects.insert(domain.to_owned());
    subjects.insert(format!("domain:{domain}"));
    let errors = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && subjects.contains(&*f.subject))
        .count();
    let cost = analysis.domain(domain).map_or(0.0, |d| d.annual_cost);
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let coverage = if needing_cover.is_empty() {
        "On-call: none needed".to_owned()
    } else {
        format!(
            "On-call {}",
            share(covered as f64 / needing_cover.len() as f64)
        )
    };
    vec![
        plural(teams, "team", "teams"),
        plural(services.len(), "service", "services"),
        format!("{} a year", money(cost, &analysis.currency)),
        coverage,
        plural(errors, "error", "errors"),
    ]
}

/// The text of a domain box on screen: the name in bold, wrapped between words, then as
/// many summary lines as fit in `area`.
pub fn paint_summary(
    fonts: &mut egui::epaint::FontsView<'_>,
    area: Rect,
    name: &str,
    lines: &str,
    scale: TextScale,
) -> Vec<Shape> {
    let inner = area.shrink(8.0);
    let mut shapes = Vec::new();
    if inner.width() < scale.min_px * 4.0 {
        return shapes;
    }
    let name_px = scale.min_px + 4.0;
    // Figures a little smaller than names, never below the editor's smallest text.
    let line_px = (scale.min_px - 2.0).max(TextScale::EDITOR.min_px);
    let mut job = LayoutJob::simple(
        name.to_owned(),
        FontId::new(name_px, FontFamily::Proportional),
        theme::INK,
        inner.width(),
    );
    job.wrap = TextWrapping {
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
        ..job.wrap
    };
    job.halign = Align::Center;
    let galley = fonts.layout_job(job);
    if galley.size().y > inner.height() {
        return shapes;
    }
    let mut top = inner.top();
    let height = galley.size().y;
    shapes.push(Shape::galley(
        pos2(inner.center().x, top),
        galley,
        theme::INK,
    ));
    top += height + 2.0;
    for (i, line) in lines.lines().enumerate() {
        let colour = if i == 4 && !line.starts_with('0') {
            theme::RED
        } else {
            theme::INK
        };
        let galley = fonts.layout_no_wrap(
            line.to_owned(),
            FontId::new(line_px, FontFamily::Proportional),
            colour,
        );
        if top + galley.size().y > inner.bottom() || galley.size().x > inner.width() {
            break;
        }
        let at = pos2(inner.center().x - galley.size().x / 2.0, top);
        top += galley.size().y;
        shapes.push(Shape::galley(at, galley, colour));
    }
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, Service, ServiceKind, Team, TeamKind};

    /// Domain "pay" holds team "cards" (2 services) and team "loans" (1 service); "web" has
    /// no domain. So: 2 teams · 3 services, and the services of "web" stand for themselves.
    fn model() -> Model {
        let mut model = Model::named("m");
        model.domains.push(Domain {
            id: "pay".to_owned(),
            name: "Payments".to_owned(),
        });
        for (id, domain) in [
            ("cards", Some("pay")),
            ("loans", Some("pay")),
            ("web", None),
        ] {
            let mut team = Team::new(id, id, TeamKind::Product);
            team.domain = domain.map(str::to_owned);
            model.teams.push(team);
        }
        for (id, owner) in [("a", "cards"), ("b", "cards"), ("c", "loans"), ("d", "web")] {
            let mut service = Service::new(id, id, ServiceKind::Digital);
            service.owner = Some(owner.to_owned());
            model.services.push(service);
        }
        model
    }

    #[test]
    fn members_maps_teams_and_their_services_to_their_domain() {
        let domain_of = members(&model());
        assert_eq!(domain_of.len(), 5);
        assert_eq!(domain_of["c"], "pay");
        assert!(!domain_of.contains_key("d"));
        assert!(!domain_of.contains_key("web"));
    }

    #[test]
    fn the_summary_counts_the_domains_teams_and_services() {
        let model = model();
        let analysis = crate::analysis::analyze(&model);
        let lines = summary(&model, &analysis, "pay");
        assert_eq!(lines[..2], ["2 teams", "3 services"]);
    }

    /// Four tall columns 100 wide and 1,000 high side by side, "d0" to "d3".
    fn four_tall_columns() -> HashMap<String, Rect> {
        (0..4)
            .map(|i| {
                let min = pos2(i as f32 * 100.0, 0.0);
                (
                    format!("d{i}"),
                    Rect::from_min_size(min, vec2(100.0, 1000.0)),
                )
            })
            .collect()
    }

    /// Four tall columns: a world 400 × 1,000, aspect 0.4, so √(4 × 0.4 / 1.5) ≈ 1.03 →
    /// one column of four rows, each cell 400 × 250.
    #[test]
    fn tall_narrow_domains_get_wide_boxes() {
        let boxes = grid(&four_tall_columns(), &[]);
        assert_eq!(boxes["d0"].center(), pos2(200.0, 125.0));
        assert_eq!(boxes["d3"].center(), pos2(200.0, 875.0));
        assert_eq!(boxes["d1"].width(), 360.0);
    }

    /// The same four columns with a team outside every domain drawn where the first box
    /// would go: a grid of four rows would cover it, so the grid takes five rows of 200
    /// and leaves the first empty.
    #[test]
    fn boxes_keep_off_what_is_outside_the_domains() {
        let team = Rect::from_center_size(pos2(200.0, 100.0), vec2(180.0, 54.0));
        let boxes = grid(&four_tall_columns(), &[team]);
        assert_eq!(boxes["d0"].center(), pos2(200.0, 300.0));
        assert_eq!(boxes["d3"].center(), pos2(200.0, 900.0));
        for (id, rect) in &boxes {
            assert!(!rect.intersects(team), "{id} covers the team");
        }
    }

    #[test]
    fn only_big_models_zoomed_out_are_summarised() {
        let mut model = model();
        assert!(!wanted(&model, 0.1), "4 services stay legible");
        for i in 0..MIN_SERVICES {
            model
                .services
                .push(Service::new(&format!("s{i}"), "s", ServiceKind::Digital));
        }
        assert!(wanted(&model, 0.1));
        assert!(!wanted(&model, OVERVIEW_ZOOM));
    }
}
