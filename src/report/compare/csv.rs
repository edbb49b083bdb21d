//! A comparison as one CSV sheet: a row per figure of the models, of every rota, team and
//! service any of them has, and of every kind of finding (how many of it each model has),
//! with one column per model and, for numbers, one change column per model after the
//! baseline (each minus A). Numbers are unrounded; a cell is empty where a model lacks the
//! thing. Written by the one CSV writer ([`crate::format::csv_cell`]).

use std::collections::HashMap;

use super::sections::letter;
use crate::analysis::{Analysis, Rota, ServiceFigures, TeamFigures};
use crate::compare::{Comparison, Names, team_rotas};
use crate::format::csv_cell;
use crate::model::Model;

/// A figure of a whole model: its section, its name, and how to read it.
type ModelFigure = (&'static str, &'static str, fn(&Analysis) -> f64);

/// A figure of a rota, team or service: its name, and how to read it.
type EntityFigure<'f, T> = (&'f str, &'f dyn Fn(&T) -> Cell);

/// One cell of a model: a number (which has a change against A) or a text.
enum Cell {
    Number(f64),
    Text(String),
    Missing,
}

struct Sheet {
    out: csv_cell::Writer,
    models: usize,
}

impl Sheet {
    fn row(&mut self, section: &str, id: &str, name: &str, figure: &str, cells: Vec<Cell>) {
        let mut fields: Vec<String> = vec![section.into(), id.into(), name.into(), figure.into()];
        let baseline = match cells.first() {
            Some(Cell::Number(x)) => Some(*x),
            _ => None,
        };
        for cell in &cells {
            fields.push(match cell {
                Cell::Number(x) => x.to_string(),
                Cell::Text(text) => text.clone(),
                Cell::Missing => String::new(),
            });
        }
        for cell in &cells[1..] {
            fields.push(match (baseline, cell) {
                (Some(a), Cell::Number(x)) => (x - a).to_string(),
                _ => String::new(),
            });
        }
        debug_assert_eq!(fields.len(), 4 + 2 * self.models - 1);
        self.out.row(&fields);
    }
}

/// Each model's entities of one kind by id, and the ids of all of them in order of first
/// appearance (the baseline's first).
fn by_id<'r, T: 'r>(
    reports: &'r [Analysis],
    list: impl Fn(&'r Analysis) -> &'r [T],
    id: impl Fn(&'r T) -> &'r str,
) -> (Vec<HashMap<&'r str, &'r T>>, Vec<&'r str>) {
    let mut order = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let maps = reports
        .iter()
        .map(|report| {
            let mut map = HashMap::new();
            for item in list(report) {
                let key = id(item);
                if seen.insert(key) {
                    order.push(key);
                }
                map.insert(key, item);
            }
            map
        })
        .collect();
    (maps, order)
}

/// The comparison as CSV; `files` name the models.
pub fn compare_csv(models: &[&Model], files: &[String], comparison: &Comparison) -> String {
    let reports = &comparison.reports;
    let mut header: Vec<String> = ["section", "id", "name", "figure"]
        .map(String::from)
        .to_vec();
    header.extend((0..reports.len()).map(letter));
    header.extend((1..reports.len()).map(|i| format!("{} - A", letter(i))));
    let mut sheet = Sheet {
        out: csv_cell::Writer::default(),
        models: reports.len(),
    };
    sheet.out.row(&header);
    let names = Names::new(models, &reports.iter().collect::<Vec<_>>());
    let text = |get: &dyn Fn(usize) -> String| -> Vec<Cell> {
        (0..reports.len()).map(|i| Cell::Text(get(i))).collect()
    };
    sheet.row("model", "", "", "name", text(&|i| reports[i].name.clone()));
    sheet.row("model", "", "", "file", text(&|i| files[i].clone()));
    sheet.row(
        "model",
        "",
        "",
        "currency",
        text(&|i| reports[i].currency.clone()),
    );
    let figures: [ModelFigure; 11] = [
        ("totals", "annual_cost", |r| r.totals.annual_cost),
        ("totals", "standby_cost", |r| r.totals.standby_cost),
        ("totals", "callout_cost", |r| r.totals.callout_cost),
        ("totals", "teams", |r| r.totals.teams as f64),
        ("totals", "services", |r| r.totals.services as f64),
        ("totals", "rotas", |r| r.totals.rotas as f64),
        ("coverage", "ownership", |r| r.coverage.ownership),
        ("coverage", "on_call", |r| r.coverage.on_call),
        ("findings", "errors", |r| {
            r.count(crate::analysis::Severity::Error) as f64
        }),
        ("findings", "warnings", |r| {
            r.count(crate::analysis::Severity::Warning) as f64
        }),
        ("findings", "info", |r| {
            r.count(crate::analysis::Severity::Info) as f64
        }),
    ];
    for (section, figure, get) in figures {
        sheet.row(
            section,
            "",
            "",
            figure,
            reports.iter().map(|r| Cell::Number(get(r))).collect(),
        );
    }
    rotas(&mut sheet, reports, &names);
    teams(&mut sheet, models, reports, &names);
    services(&mut sheet, reports, &names);
    findings(&mut sheet, reports);
    sheet.out.finish()
}

/// One row per figure of each entity in `order`, a cell per model where it exists.
fn entity_rows<T>(
    sheet: &mut Sheet,
    section: &str,
    (maps, order): &(Vec<HashMap<&str, &T>>, Vec<&str>),
    name: impl Fn(&str) -> String,
    figures: &[EntityFigure<T>],
) {
    for id in order {
        for (figure, get) in figures {
            let cells = maps
                .iter()
                .map(|m| m.get(id).map_or(Cell::Missing, |item| get(item)))
                .collect();
            sheet.row(section, id, &name(id), figure, cells);
        }
    }
}

fn rotas(sheet: &mut Sheet, reports: &[Analysis], names: &Names) {
    let rotas = by_id(reports, |r| &r.rotas, |r: &Rota| &r.id);
    let number = |get: fn(&Rota) -> f64| move |r: &Rota| Cell::Number(get(r));
    let figures: [EntityFigure<Rota>; 9] = [
        ("kind", &|r: &Rota| Cell::Text(r.kind.label().to_owned())),
        ("pool", &number(|r| r.pool as f64)),
        ("frequency_weeks", &number(|r| r.frequency_weeks as f64)),
        (
            "weeks_on_call_per_person",
            &number(|r| r.weeks_on_call_per_person),
        ),
        ("healthy", &|r: &Rota| Cell::Text(r.healthy.to_string())),
        ("services", &number(|r| r.services.len() as f64)),
        ("standby_cost", &number(|r| r.standby_cost)),
        ("callout_cost", &number(|r| r.callout_cost)),
        ("annual_cost", &number(|r| r.annual_cost)),
    ];
    let name = |id: &str| names.rota(id).to_owned();
    entity_rows(sheet, "rota", &rotas, name, &figures);
}

fn teams(sheet: &mut Sheet, models: &[&Model], reports: &[Analysis], names: &Names) {
    let teams = by_id(reports, |r| &r.teams, |t: &TeamFigures| &t.id);
    // The weeks on call of each team's people, by team id, in each model.
    let weeks: Vec<HashMap<&str, f64>> = models
        .iter()
        .zip(reports)
        .map(|(model, report)| {
            let on = team_rotas(model, report);
            (report.teams.iter().map(|t| &*t.id))
                .zip(
                    on.iter()
                        .map(|r| r.map_or(0.0, |r| r.weeks_on_call_per_person)),
                )
                .collect()
        })
        .collect();
    let (maps, order) = &teams;
    for id in order {
        let in_each = |get: &dyn Fn(usize, &TeamFigures) -> Cell| -> Vec<Cell> {
            maps.iter()
                .enumerate()
                .map(|(i, m)| m.get(id).map_or(Cell::Missing, |t| get(i, t)))
                .collect()
        };
        let name = names.team(id);
        sheet.row(
            "team",
            id,
            name,
            "services",
            in_each(&|_, t| Cell::Number(t.services as f64)),
        );
        sheet.row(
            "team",
            id,
            name,
            "annual_cost",
            in_each(&|_, t| Cell::Number(t.annual_cost)),
        );
        sheet.row(
            "team",
            id,
            name,
            "weeks_on_call_per_person",
            in_each(&|i, _| weeks[i].get(id).map_or(Cell::Missing, |w| Cell::Number(*w))),
        );
    }
}

fn services(sheet: &mut Sheet, reports: &[Analysis], names: &Names) {
    let services = by_id(reports, |r| &r.services, |s: &ServiceFigures| &s.id);
    let text = |get: fn(&ServiceFigures) -> String| move |s: &ServiceFigures| Cell::Text(get(s));
    let number = |get: fn(&ServiceFigures) -> f64| move |s: &ServiceFigures| Cell::Number(get(s));
    let figures: [EntityFigure<ServiceFigures>; 8] = [
        (
            "owner",
            &text(|s| s.owner.as_deref().unwrap_or_default().to_owned()),
        ),
        ("availability", &number(|s| s.availability)),
        (
            "operating_model",
            &text(|s| format!("{:?}", s.operating_model)),
        ),
        ("out_of_hours", &text(|s| format!("{:?}", s.out_of_hours))),
        ("cover", &text(|s| format!("{:?}", s.cover))),
        (
            "rota",
            &text(|s| s.rota.as_deref().unwrap_or_default().to_owned()),
        ),
        ("annual_cost", &number(|s| s.annual_cost)),
        ("cover_cost", &number(|s| s.cover_cost)),
    ];
    let name = |id: &str| names.service(id).to_owned();
    entity_rows(sheet, "service", &services, name, &figures);
}

/// How many findings of each severity, code and subject each model has.
fn findings(sheet: &mut Sheet, reports: &[Analysis]) {
    let mut order: Vec<(&str, &str, &str)> = Vec::new();
    let counts: Vec<HashMap<(&str, &str, &str), usize>> = reports
        .iter()
        .map(|report| {
            let mut counts = HashMap::new();
            for f in &report.findings {
                let key = (f.severity.label(), f.code.as_str(), &*f.subject);
                *counts.entry(key).or_insert_with(|| {
                    order.push(key);
                    0
                }) += 1;
            }
            counts
        })
        .collect();
    order.sort_unstable();
    order.dedup();
    for key @ (severity, code, subject) in order {
        let cells = counts
            .iter()
            .map(|c| Cell::Number(c.get(&key).copied().unwrap_or(0) as f64))
            .collect();
        sheet.row("finding", subject, code, severity, cells);
    }
}
