//! The live figures panel: total cost and its split, coverage, rotas, cost per team and
//! domain, the services that drive the cost, the compliance scopes, the R(n) vs R(1)
//! baselines and the findings (see [`super::findings`]) with their one-click fixes —
//! recomputed after every edit. Clicking a rota, a service or a finding selects what it is
//! about and centres it; with Shift or Ctrl held, adds it to the selection (or takes it out).

use std::collections::HashMap;

use egui::{CollapsingHeader, Color32, Grid, ProgressBar, RichText, ScrollArea, Ui};

use super::charts::{self, Series};
use super::paged::Paged;
use super::{DocView, findings};
use crate::analysis::{Analysis, ServiceFigures};
use crate::app::views::theme;
use crate::edit::fixes::Fix;
use crate::format::{
    count, entity_label, grouped, money, share, share_or_dash, signed_count, signed_money,
    signed_points,
};
use crate::model::Model;
use crate::report::empty;

/// The original of a what-if copy, to show the live difference against.
pub struct Baseline<'a> {
    pub name: &'a str,
    pub analysis: &'a Analysis,
}

pub fn show(ui: &mut Ui, dv: DocView, baseline: Option<Baseline>) {
    let analysis = dv.analysis();
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let currency = analysis.currency.clone();
            totals(ui, analysis, &currency);
            if let Some(baseline) = baseline {
                what_if(ui, analysis, &baseline, &currency);
            }
            coverage(ui, analysis);
            ui.add_space(6.0);
            let mut select: Option<String> = None;
            super::peak::season(ui, dv.model(), analysis, &mut select);
            CollapsingHeader::new(format!("Rotas ({})", analysis.rotas.len()))
                .default_open(true)
                .show(ui, |ui| rotas(ui, analysis, &mut select));
            CollapsingHeader::new("Cost drivers")
                .default_open(true)
                .show(ui, |ui| cost_drivers(ui, dv, &currency, &mut select));
            if !analysis.compliance.is_empty() {
                CollapsingHeader::new(format!("Compliance scope ({})", analysis.compliance.len()))
                    .default_open(true)
                    .show(ui, |ui| compliance_scope(ui, dv, &mut select));
            }
            CollapsingHeader::new("Cost by rota, team and domain")
                .default_open(false)
                .show(ui, |ui| costs(ui, dv.model(), analysis));
            CollapsingHeader::new("Baselines: R(n) vs R(1)")
                .default_open(false)
                .show(ui, |ui| baselines(ui, dv.model(), analysis, &currency));
            let mut apply: Option<Fix> = None;
            findings::list(ui, dv, &mut select, &mut apply);
            if let Some(id) = select {
                dv.pick(ui, &id);
            }
            if let Some(fix) = apply {
                dv.apply_fix(fix);
            }
        });
}

fn totals(ui: &mut Ui, analysis: &Analysis, currency: &str) {
    let totals = &analysis.totals;
    ui.label(
        RichText::new("ANNUAL ON-CALL COST")
            .small()
            .color(theme::MUTED_INK),
    );
    ui.label(
        RichText::new(money(totals.annual_cost, currency))
            .size(30.0)
            .strong()
            .color(theme::INK),
    )
    .on_hover_text("Standby plus callout pay for every rota, per year");
    if let Some(why) = empty::nothing_covered(analysis) {
        ui.colored_label(theme::RED, capitalised(&why));
    }
    let split = if totals.annual_cost > 0.0 {
        totals.standby_cost / totals.annual_cost
    } else {
        0.0
    };
    ui.add(
        ProgressBar::new(split as f32)
            .fill(theme::STANDBY)
            .text(format!(
                "Standby {} · Callout {}",
                grouped(totals.standby_cost),
                grouped(totals.callout_cost)
            )),
    );
    ui.label(
        RichText::new(format!(
            "{} · {} · {}",
            count(totals.teams, "team", "teams"),
            count(totals.services, "service", "services"),
            count(totals.rotas, "rota", "rotas")
        ))
        .color(theme::MUTED_INK),
    );
}

/// The what-if's change from its baseline in the words of a fix's effect: cost a year,
/// coverage in points, and "no change" where a figure holds.
fn what_if(ui: &mut Ui, analysis: &Analysis, baseline: &Baseline, currency: &str) {
    let before = &baseline.analysis;
    let change = analysis.totals.annual_cost - before.totals.annual_cost;
    let on_call = analysis.coverage.on_call - before.coverage.on_call;
    let ownership = analysis.coverage.ownership - before.coverage.ownership;
    let rotas = analysis.rotas.len() as i64 - before.rotas.len() as i64;
    egui::Frame::new()
        .fill(theme::GREY_FILL)
        .corner_radius(6.0)
        .inner_margin(6.0)
        .show(ui, |ui| {
            ui.label(RichText::new(format!("What-if against {}", baseline.name)).strong());
            let cost = if change.abs() < 0.5 {
                "Cost: no change".to_owned()
            } else {
                format!("Cost {} {currency} a year", signed_money(change))
            };
            ui.colored_label(theme::delta_colour(change, true), cost);
            for (figure, moved) in [("On-call coverage", on_call), ("Ownership", ownership)] {
                let words = if moved.abs() < 0.0005 {
                    format!("{figure}: no change")
                } else {
                    format!("{figure} {}", signed_points(moved))
                };
                ui.colored_label(theme::delta_colour(moved, false), words);
            }
            let rotas = if rotas == 0 {
                "Rotas: no change".to_owned()
            } else {
                format!("Rotas {}", signed_count(rotas))
            };
            ui.label(rotas);
        });
}

/// Ownership and on-call coverage with what each counts, or `None` where there is nothing to
/// count: a model without services owns nothing and covers nothing, whatever the JSON
/// report's 1.0 says (SPEC 2.4 keeps that for scripts).
pub fn coverage_shares(analysis: &Analysis) -> [(&'static str, Option<f64>, &'static str); 2] {
    let needing_cover = analysis
        .services
        .iter()
        .any(|s| s.cover != crate::analysis::Cover::NotRequired);
    [
        (
            "Ownership",
            (!analysis.services.is_empty()).then_some(analysis.coverage.ownership),
            "Services with an owning team",
        ),
        (
            "On-call coverage",
            needing_cover.then_some(analysis.coverage.on_call),
            "Services that need out-of-hours cover and get it from a healthy rota",
        ),
    ]
}

fn coverage(ui: &mut Ui, analysis: &Analysis) {
    ui.add_space(8.0);
    for (label, value, help) in coverage_shares(analysis) {
        ui.label(RichText::new(label).strong()).on_hover_text(help);
        let bar = match value {
            Some(value) => ProgressBar::new(value as f32).fill(theme::share_colour(value, true)),
            None => ProgressBar::new(0.0).fill(theme::GREY_FILL),
        };
        let why_empty = if analysis.services.is_empty() {
            "No services yet"
        } else {
            "No service needs out-of-hours cover"
        };
        let response = ui.add(bar.text(share_or_dash(value)));
        if value.is_none() {
            response.on_hover_text(why_empty);
        }
    }
}

/// The widest a rota's name is drawn in a table before it wraps onto another line, so that
/// every column fits the panel and the name still shows whole.
const ROTA_NAME_WIDTH: f32 = 100.0;

/// A rota's name as a link, whole, wrapped within [`ROTA_NAME_WIDTH`].
fn rota_link(ui: &mut Ui, name: &str) -> egui::Response {
    ui.scope(|ui| {
        ui.set_max_width(ROTA_NAME_WIDTH);
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        ui.link(name)
    })
    .inner
}

fn rotas(ui: &mut Ui, analysis: &Analysis, select: &mut Option<String>) {
    if analysis.rotas.is_empty() {
        ui.label(RichText::new(empty::no_rotas(analysis)).color(theme::MUTED_INK));
        return;
    }
    let page = Paged::new(ui, "rota-table", analysis.rotas.len());
    // Long rota names must not widen the panel past the window: the table scrolls instead.
    egui::ScrollArea::horizontal()
        .id_salt("rota-table-scroll")
        .show(ui, |ui| {
            Grid::new("rota-table")
            .striped(true)
            .num_columns(7)
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                for (header, help) in [
                    ("Rota", "Click to select the team or domain that runs it"),
                    ("Kind", "Team, domain or operations rota"),
                    ("Pool", "People sharing the rota"),
                    ("1 in N", "Each person is on call one week in N"),
                    (
                        "Wk/yr",
                        "Weeks on call per person a year: weeks a year × people per shift ÷ pool",
                    ),
                    ("OK?", "Healthy: whether the pool reaches the minimum rota size"),
                    ("Cost", "Standby plus callout pay a year"),
                ] {
                    ui.label(RichText::new(header).strong()).on_hover_text(help);
                }
                ui.end_row();
                for rota in &analysis.rotas[..page.shown] {
                    if rota_link(ui, &rota.name)
                        .on_hover_text(format!("{} ({}) — covers {}", rota.name, rota.id, rota.services.join(", ")))
                        .clicked()
                    {
                        *select = Some(rota.owner.to_string());
                    }
                    ui.label(rota.kind.label());
                    ui.label(rota.pool.to_string());
                    ui.label(rota.frequency_weeks.to_string());
                    ui.label(format!("{:.1}", rota.weeks_on_call_per_person));
                    if rota.healthy {
                        ui.colored_label(theme::GREEN, "yes");
                    } else {
                        ui.colored_label(theme::RED, "no");
                    }
                    ui.label(grouped(rota.annual_cost));
                    ui.end_row();
                }
            });
        });
    page.more_button(ui);
}

fn costs(ui: &mut Ui, model: &Model, analysis: &Analysis) {
    let currency = &analysis.currency;
    // A chart under its title of what each named thing costs a year, leaving out the free.
    let chart = |ui: &mut Ui, title: &str, id: &str, rows: Vec<(String, f64)>, colour: Color32| {
        ui.label(RichText::new(title).strong());
        let rows = rows
            .into_iter()
            .filter(|(_, cost)| *cost > 0.0)
            .map(|(name, cost)| (name, vec![cost]))
            .collect();
        let series = [Series {
            name: "Annual cost",
            colour,
        }];
        charts::cost_chart(
            ui,
            id,
            rows,
            &series,
            currency,
            "Nothing costs anything yet.",
        );
    };
    let rotas = analysis
        .rotas
        .iter()
        .map(|r| (r.name.clone(), r.annual_cost))
        .collect();
    chart(ui, "By rota", "cost-by-rota", rotas, theme::SELECTION);
    let teams = model.teams.iter().map(|t| t.name.clone());
    let team_costs = analysis.teams.iter().map(|f| f.annual_cost);
    let product = theme::team_fill(crate::model::TeamKind::Product);
    chart(
        ui,
        "By team",
        "cost-by-team",
        teams.zip(team_costs).collect(),
        product,
    );
    if !model.domains.is_empty() {
        let domains = model.domains.iter().map(|d| d.name.clone());
        let domain_costs = analysis.domains.iter().map(|f| f.annual_cost);
        let rows = domains.zip(domain_costs).collect();
        chart(
            ui,
            "By domain",
            "cost-by-domain",
            rows,
            theme::DOMAIN_STROKE,
        );
    }
}

/// What the R(n) baseline counts: "R(n): a rota for each of the 7 product teams that own
/// services" (SPEC 2.3: every non-operations team that owns a service).
pub(super) fn team_rotas_label(model: &Model, analysis: &Analysis) -> String {
    let teams = model
        .teams
        .iter()
        .zip(&analysis.teams)
        .filter(|(team, figures)| !team.is_operations() && figures.services > 0)
        .count();
    match teams {
        0 => "R(n): a rota for each product team that owns services (none yet)".to_owned(),
        1 => "R(n): a rota for the 1 product team that owns services".to_owned(),
        n => format!("R(n): a rota for each of the {n} product teams that own services"),
    }
}

/// What the R(1) baseline counts.
pub(super) const OPS_ROTA_LABEL: &str = "R(1): one operations rota";

fn baselines(ui: &mut Ui, model: &Model, analysis: &Analysis, currency: &str) {
    let modelled = analysis.totals.standby_cost;
    Grid::new("baselines")
        .num_columns(2)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            ui.label("Modelled standby");
            ui.label(money(modelled, currency));
            ui.end_row();
            ui.label(team_rotas_label(model, analysis));
            ui.label(money(analysis.baselines.all_team_rotas, currency));
            ui.end_row();
            ui.label(OPS_ROTA_LABEL);
            ui.label(money(analysis.baselines.single_ops_rota, currency));
            ui.end_row();
        });
    let rows = vec![
        ("Modelled".to_owned(), vec![modelled]),
        ("R(n)".to_owned(), vec![analysis.baselines.all_team_rotas]),
        ("R(1)".to_owned(), vec![analysis.baselines.single_ops_rota]),
    ];
    let series = [Series {
        name: "Standby per year",
        colour: theme::SELECTION,
    }];
    charts::bars(ui, "baselines-chart", &rows, &series, currency);
    ui.label(
        RichText::new(
            "Team rotas grow linearly with the number of teams; domain rotas break that line.",
        )
        .small()
        .color(theme::MUTED_INK),
    );
}

/// The rotas behind a bill that no one service's cover accounts for (SPEC 7.3): each one's
/// kind, how many services it covers, and its cost.
fn shared_rotas(ui: &mut Ui, analysis: &Analysis, select: &mut Option<String>) {
    let page = Paged::new(ui, "shared-rotas", analysis.rotas.len());
    Grid::new("shared-rotas")
        .striped(true)
        .num_columns(4)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for rota in &analysis.rotas[..page.shown] {
                if rota_link(ui, &rota.name)
                    .on_hover_text(format!(
                        "{} — covers {}",
                        rota.name,
                        rota.services.join(", ")
                    ))
                    .clicked()
                {
                    *select = Some(rota.owner.to_string());
                }
                ui.label(rota.kind.label());
                ui.label(count(rota.services.len(), "service", "services"));
                ui.label(grouped(rota.annual_cost));
                ui.end_row();
            }
        });
    page.more_button(ui);
}

/// `text` with its first letter in capitals: a shared clause standing as a sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// How many services are listed as cost drivers.
const COST_DRIVERS: usize = 10;

fn cost_drivers(ui: &mut Ui, dv: DocView, currency: &str, select: &mut Option<String>) {
    let analysis = dv.analysis();
    let drivers = analysis.cost_drivers(COST_DRIVERS);
    if drivers.is_empty() {
        ui.label(RichText::new(empty::no_cost_drivers(analysis)).color(theme::MUTED_INK));
        if empty::shared_rotas_listed(analysis) {
            shared_rotas(ui, analysis, select);
        }
        return;
    }
    ui.label(
        RichText::new(format!(
            "What each service's cover adds to the bill, in {currency} a year: the cost saved if it needed none."
        ))
        .small()
        .color(theme::MUTED_INK),
    );
    let total = analysis.totals.annual_cost;
    Grid::new("cost-drivers")
        .striped(true)
        .num_columns(3)
        .spacing([10.0, 4.0])
        .show(ui, |ui| {
            for figures in drivers {
                let name = dv.model().display_name(&figures.id);
                if ui
                    .link(name)
                    .on_hover_text(format!(
                        "{} — click to select it on the canvas",
                        entity_label(name, &figures.id)
                    ))
                    .clicked()
                {
                    *select = Some(figures.id.to_string());
                }
                ui.label(grouped(figures.cover_cost));
                let part = if total > 0.0 {
                    figures.cover_cost / total
                } else {
                    0.0
                };
                ui.label(RichText::new(share(part)).color(theme::MUTED_INK))
                    .on_hover_text("Share of the annual on-call cost");
                ui.end_row();
            }
        });
}

fn compliance_scope(ui: &mut Ui, dv: DocView, select: &mut Option<String>) {
    let analysis = dv.analysis();
    let index: HashMap<&str, &ServiceFigures> =
        analysis.services.iter().map(|s| (&*s.id, s)).collect();
    for scope in &analysis.compliance {
        let covered_all = scope.covered == scope.needs_cover;
        let services = count(scope.services.len(), "service", "services");
        let summary = format!(
            "{} — {services}, {} of {} needing cover covered",
            scope.tag, scope.covered, scope.needs_cover
        );
        let colour = if covered_all { theme::INK } else { theme::RED };
        CollapsingHeader::new(RichText::new(summary).color(colour))
            .id_salt(("compliance-scope", &scope.tag))
            .default_open(scope.services.len() <= 8)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Run {} You Build It You Run It, {} Ops Run It",
                        scope.you_build_it_you_run_it, scope.ops_run_it
                    ))
                    .color(theme::MUTED_INK),
                );
                Grid::new(("compliance-services", &scope.tag))
                    .num_columns(3)
                    .spacing([10.0, 2.0])
                    .show(ui, |ui| {
                        for id in &scope.services {
                            if ui.link(dv.model().display_name(id)).clicked() {
                                *select = Some(id.to_string());
                            }
                            if let Some(figures) = index.get(&**id) {
                                ui.label(figures.operating_model.label());
                                let (_, stroke) = theme::cover_colours(figures.cover);
                                ui.colored_label(stroke, figures.cover.label());
                            }
                            ui.end_row();
                        }
                    });
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::model::{Service, ServiceKind, Team, TeamKind};

    /// Product teams `a` and `b` and operations team `ops`, each owning the services named.
    fn model(owners: &[&str]) -> Model {
        let mut model = Model::named("Baselines");
        model.teams = vec![
            Team::new("a", "A", TeamKind::Product),
            Team::new("b", "B", TeamKind::Product),
            Team::new("ops", "Ops", TeamKind::Operations),
        ];
        model.services = owners
            .iter()
            .enumerate()
            .map(|(i, owner)| {
                let mut service = Service::new(&format!("s{i}"), "S", ServiceKind::Digital);
                service.owner = Some((*owner).to_owned());
                service
            })
            .collect();
        model
    }

    #[test]
    fn the_team_rota_baseline_counts_product_teams_that_own_services() {
        let label = |owners: &[&str]| {
            let model = model(owners);
            team_rotas_label(&model, &analyze(&model))
        };
        // b owns nothing and ops is operations: only a counts.
        assert_eq!(
            label(&["a", "a", "ops"]),
            "R(n): a rota for the 1 product team that owns services"
        );
        assert_eq!(
            label(&["a", "b"]),
            "R(n): a rota for each of the 2 product teams that own services"
        );
        assert_eq!(
            label(&["ops"]),
            "R(n): a rota for each product team that owns services (none yet)"
        );
    }

    #[test]
    fn coverage_of_nothing_is_not_a_share() {
        let empty = Model::named("Empty");
        let shares = coverage_shares(&analyze(&empty));
        assert_eq!(shares.map(|(_, value, _)| value), [None, None]);
        // One owned service set to need no cover out of hours: ownership 1 of 1, on-call
        // coverage not applicable.
        let mut owned = model(&["a"]);
        owned.services[0].out_of_hours = Some(crate::model::OutOfHours::Off);
        let shares = coverage_shares(&analyze(&owned));
        assert_eq!(shares.map(|(_, value, _)| value), [Some(1.0), None]);
    }
}
