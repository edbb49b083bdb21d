//! The content of a comparison, shared by the terminal and Markdown renderings: the models,
//! their figures side by side with one change column per model after the baseline, then
//! the rotas, the weeks on call of each team's people, the findings, the services, teams
//! and domains that changed, and apart from all of these the cover costs.

use std::collections::{HashMap, HashSet};

use super::super::table::{Align, Table};
use crate::analysis::{Analysis, Rota, Severity};
use crate::compare::{Comparison, Delta, Names, team_rotas};
use crate::format::{grouped, share, signed_count, signed_money, signed_points, trimmed};
use crate::model::{Dependency, Interaction, Model};

/// What the sections are made from: the models, their analyses, and each one's delta against
/// the first; with the heading of each model's column and of each change column.
pub struct Compared<'a> {
    models: Vec<&'a Model>,
    reports: Vec<&'a Analysis>,
    deltas: Vec<&'a Delta>,
    /// "A", "B"… in a comparison; the phases' names in a roadmap.
    headers: Vec<String>,
    /// "B − A"… in a comparison.
    changes: Vec<String>,
    names: Names,
}

/// The letter that stands for the `i`-th model: A, B, C…
pub fn letter(i: usize) -> String {
    char::from(b'A' + i as u8).to_string()
}

/// "B − A" for the delta of the `i`-th model after the baseline.
pub fn change_header(delta: usize) -> String {
    format!("{} − A", letter(delta + 1))
}

impl<'a> Compared<'a> {
    /// A comparison, its columns headed A, B, C… and its changes B − A, C − A…
    pub fn new(models: &[&'a Model], comparison: &'a Comparison) -> Self {
        let count = comparison.reports.len();
        Compared::from_parts(
            models.to_vec(),
            comparison.reports.iter().collect(),
            comparison.deltas.iter().collect(),
            (0..count).map(letter).collect(),
            (1..count).map(|i| change_header(i - 1)).collect(),
        )
    }

    /// Models and their analyses, the deltas of all but the first against it, and the
    /// headers of their columns.
    pub fn from_parts(
        models: Vec<&'a Model>,
        reports: Vec<&'a Analysis>,
        deltas: Vec<&'a Delta>,
        headers: Vec<String>,
        changes: Vec<String>,
    ) -> Self {
        let names = Names::new(&models, &reports);
        Compared {
            models,
            reports,
            deltas,
            headers,
            changes,
            names,
        }
    }

    fn reports(&self) -> &[&'a Analysis] {
        &self.reports
    }

    fn deltas(&self) -> &[&'a Delta] {
        &self.deltas
    }

    /// Columns: the label columns (words), one per model (aligned as `cells`), and one
    /// change per model after the first.
    fn columns(&self, labels: &[&str], cells: Align) -> Table {
        Table::default()
            .left(labels)
            .columns(&self.headers, cells)
            .right(&self.changes)
    }

    /// The header, name and file of each model.
    pub fn models(&self, files: &[String]) -> Table {
        let mut table = Table::default().left(["", "Model", "File"]);
        for (i, (report, file)) in self.reports().iter().zip(files).enumerate() {
            let role = if i == 0 { " (baseline)" } else { "" };
            table.row(vec![
                self.headers[i].clone(),
                format!("{}{role}", report.name),
                file.clone(),
            ]);
        }
        table
    }

    /// The headline figures of every model, then each one's change against A.
    pub fn figures(&self) -> Table {
        let mut table = self.columns(&["Figure"], Align::Right);
        let reports = self.reports();
        let currency = &reports[0].currency;
        let money_row = |label: String, get: &dyn Fn(&Analysis) -> f64| {
            figure_row(label, reports, get, grouped, |v, a| signed_money(v - a))
        };
        table.row(money_row(format!("Annual cost ({currency})"), &|r| {
            r.totals.annual_cost
        }));
        table.row(money_row("Standby".to_owned(), &|r| r.totals.standby_cost));
        table.row(money_row("Callout".to_owned(), &|r| r.totals.callout_cost));
        if reports.iter().any(|r| r.peak.is_some()) {
            table.row(money_row("Added by the peak season".to_owned(), &|r| {
                r.peak.as_ref().map_or(0.0, |p| p.extra_cost)
            }));
        }
        let share_row = |label: &str, get: &dyn Fn(&Analysis) -> f64| {
            figure_row(label.to_owned(), reports, get, share, |v, a| {
                signed_points(v - a)
            })
        };
        table.row(share_row("Ownership", &|r| r.coverage.ownership));
        table.row(share_row("On-call coverage", &|r| r.coverage.on_call));
        let count_row = |label: &str, get: &dyn Fn(&Analysis) -> usize| {
            let change = |n: usize, a: usize| signed_count(n as i64 - a as i64);
            figure_row(label.to_owned(), reports, get, |n| n.to_string(), change)
        };
        table.row(count_row("Rotas", &|r| r.rotas.len()));
        table.row(count_row("Unhealthy rotas", &|r| {
            r.rotas.iter().filter(|r| !r.healthy).count()
        }));
        table.row(count_row("Errors", &|r| r.count(Severity::Error)));
        table.row(count_row("Warnings", &|r| r.count(Severity::Warning)));
        table.row(count_row("Info", &|r| r.count(Severity::Info)));
        table
    }

    /// Every rota added, removed or changed in any model, by name, with its pool, frequency,
    /// weeks on call per person and cost in each model, and the change in its cost.
    pub fn rotas(&self) -> Table {
        let mut table = self.columns(&["Rota", "Kind"], Align::Left);
        let by_id: Vec<HashMap<&str, &Rota>> = self
            .reports()
            .iter()
            .map(|r| r.rotas.iter().map(|rota| (&*rota.id, rota)).collect())
            .collect();
        let listed: HashSet<&str> = self
            .deltas()
            .iter()
            .flat_map(|d| {
                d.rotas_added
                    .iter()
                    .chain(&d.rotas_removed)
                    .chain(&d.rotas_changed)
            })
            .map(String::as_str)
            .collect();
        let mut seen = HashSet::new();
        let rotas = self
            .reports()
            .iter()
            .flat_map(|r| &r.rotas)
            .filter(|r| listed.contains(&*r.id) && seen.insert(&*r.id));
        for rota in rotas {
            let cost = |i: usize| by_id[i].get(&*rota.id).map_or(0.0, |r| r.annual_cost);
            let mut cells = vec![
                self.names.rota(&rota.id).to_owned(),
                rota.kind.label().to_owned(),
            ];
            cells.extend(by_id.iter().map(|rotas| {
                rotas
                    .get(&*rota.id)
                    .map_or_else(|| "—".to_owned(), |r| rota_cell(r))
            }));
            cells.extend((1..by_id.len()).map(|i| signed_money(cost(i) - cost(0))));
            table.row(cells);
        }
        table
    }

    /// How many weeks a year each person of a team is on call, and on which rota, for the
    /// teams in A and another model whose weeks differ.
    pub fn team_weeks(&self) -> Table {
        let mut table = self.columns(&["Team"], Align::Left);
        let on_call: Vec<HashMap<&str, Option<&Rota>>> = self
            .models
            .iter()
            .zip(self.reports())
            .map(|(model, report)| {
                model
                    .teams
                    .iter()
                    .map(|t| t.id.as_str())
                    .zip(team_rotas(model, report))
                    .collect()
            })
            .collect();
        let weeks = |rota: &Option<&Rota>| rota.map_or(0.0, |r| r.weeks_on_call_per_person);
        let shown = |rota: &Option<&Rota>| trimmed(weeks(rota), 1);
        for team in &self.models[0].teams {
            let baseline = &on_call[0][team.id.as_str()];
            let differs = on_call[1..].iter().any(|other| {
                other
                    .get(team.id.as_str())
                    .is_some_and(|r| shown(r) != shown(baseline))
            });
            if !differs {
                continue;
            }
            let mut cells = vec![self.names.team(&team.id).to_owned()];
            cells.extend(
                on_call
                    .iter()
                    .map(|teams| match teams.get(team.id.as_str()) {
                        None => "—".to_owned(),
                        Some(None) => "0 (no rota)".to_owned(),
                        Some(Some(rota)) => {
                            format!("{} ({})", shown(&Some(rota)), self.names.rota(&rota.id))
                        }
                    }),
            );
            cells.extend(
                on_call[1..]
                    .iter()
                    .map(|teams| match teams.get(team.id.as_str()) {
                        None => "—".to_owned(),
                        Some(rota) => signed_weeks(weeks(rota) - weeks(baseline)),
                    }),
            );
            table.row(cells);
        }
        table
    }

    /// A table of rows about the options, led by an "In" column naming the option when
    /// there are several, then columns headed `labels`: `rows` gives an option's rows from
    /// its delta.
    fn per_option(&self, labels: &[&str], rows: impl Fn(&Delta) -> Vec<Vec<String>>) -> Table {
        let several = self.deltas().len() > 1;
        let mut table = Table::default().left(several.then_some("In")).left(labels);
        for (delta, change) in self.deltas().iter().zip(&self.changes) {
            for mut cells in rows(delta) {
                if several {
                    cells.insert(0, change.clone());
                }
                table.row(cells);
            }
        }
        table
    }

    /// Findings each model has that A has not (+) and the other way round (−), with their
    /// messages.
    pub fn findings(&self) -> Table {
        self.per_option(&["", "Severity", "Finding", "Message"], |delta| {
            [("+", &delta.findings_added), ("−", &delta.findings_removed)]
                .into_iter()
                .flat_map(|(sign, findings)| {
                    findings.iter().map(move |finding| {
                        vec![
                            sign.to_owned(),
                            finding.severity.label().to_owned(),
                            finding.code.as_str().to_owned(),
                            finding.message.clone(),
                        ]
                    })
                })
                .collect()
        })
    }

    /// Services, teams, domains, settings, dependencies and interactions added, removed or
    /// changed, by name, with changed fields in the editor's words.
    pub fn changes(&self) -> Table {
        self.per_option(&["Change", "What", "Name", "Details"], |delta| {
            let mut rows = Vec::new();
            let mut row = |change: &str, what: &str, name: String, details: String| {
                rows.push(vec![change.to_owned(), what.to_owned(), name, details]);
            };
            let names = &self.names;
            for (change, what, ids, name) in [
                (
                    "Added",
                    "service",
                    &delta.services_added,
                    Names::service as for<'n> fn(&'n Names, &'n str) -> &'n str,
                ),
                (
                    "Removed",
                    "service",
                    &delta.services_removed,
                    Names::service,
                ),
                ("Added", "team", &delta.teams_added, Names::team),
                ("Removed", "team", &delta.teams_removed, Names::team),
                ("Added", "domain", &delta.domains_added, Names::domain),
                ("Removed", "domain", &delta.domains_removed, Names::domain),
            ] {
                for id in ids {
                    row(change, what, name(names, id).to_owned(), String::new());
                }
            }
            for change in &delta.changes {
                let fields: Vec<String> = change.fields.iter().map(|f| f.describe()).collect();
                row(
                    "Changed",
                    change.kind.label(),
                    names.entity(change.kind, &change.id).to_owned(),
                    fields.join("; "),
                );
            }
            for field in &delta.settings_changed {
                row("Changed", "setting", field.label.clone(), field.values());
            }
            // A link added or removed: what it is, its name, and its details.
            let dependency = |d: &Dependency| {
                let (from, to) = (names.service(&d.from), names.service(&d.to));
                (
                    "dependency",
                    format!("{from} → {to}"),
                    format!("{from} depends on {to}"),
                )
            };
            let interaction = |x: &Interaction| {
                let (from, to) = (names.team(&x.from), names.team(&x.to));
                (
                    "interaction",
                    format!("{from} ↔ {to}"),
                    x.mode.label().to_owned(),
                )
            };
            let links = (delta.dependencies_added.iter())
                .map(|d| ("Added", dependency(d)))
                .chain(
                    delta
                        .dependencies_removed
                        .iter()
                        .map(|d| ("Removed", dependency(d))),
                )
                .chain(
                    delta
                        .interactions_added
                        .iter()
                        .map(|x| ("Added", interaction(x))),
                )
                .chain(
                    delta
                        .interactions_removed
                        .iter()
                        .map(|x| ("Removed", interaction(x))),
                );
            for (change, (what, name, details)) in links {
                row(change, what, name, details);
            }
            rows
        })
    }

    /// Each service whose cover cost differs between A and another model: what its cover
    /// alone costs in each model, and the change.
    pub fn cover_costs(&self) -> Table {
        let mut table = self.columns(&["Service"], Align::Right);
        let listed: HashSet<&str> = self
            .deltas()
            .iter()
            .flat_map(|d| &d.cover_costs_changed)
            .map(|c| c.id.as_str())
            .collect();
        let by_id: Vec<HashMap<&str, f64>> = self
            .reports()
            .iter()
            .map(|r| r.services.iter().map(|s| (&*s.id, s.cover_cost)).collect())
            .collect();
        for service in self.reports()[0]
            .services
            .iter()
            .filter(|s| listed.contains(&*s.id))
        {
            let mut cells = vec![self.names.service(&service.id).to_owned()];
            let cost = |i: usize| by_id[i].get(&*service.id).copied();
            cells.extend((0..by_id.len()).map(|i| cost(i).map_or_else(|| "—".to_owned(), grouped)));
            cells.extend((1..by_id.len()).map(|i| match cost(i) {
                Some(c) => signed_money(c - service.cover_cost),
                None => "—".to_owned(),
            }));
            table.row(cells);
        }
        table
    }
}

/// A rota in one model: "pool 6, 1 in 6, 8.7 weeks each, 26,600", and "unhealthy" when its
/// pool is below the smallest healthy rota.
fn rota_cell(rota: &Rota) -> String {
    let health = if rota.healthy { "" } else { ", unhealthy" };
    format!(
        "pool {}, 1 in {}, {} weeks each, {}{health}",
        rota.pool,
        rota.frequency_weeks,
        trimmed(rota.weeks_on_call_per_person, 1),
        grouped(rota.annual_cost)
    )
}

/// A change in weeks on call: "+5.7", "−2", "0".
fn signed_weeks(change: f64) -> String {
    let shown = trimmed(change.abs(), 1);
    if shown == "0" {
        "0".to_owned()
    } else if change > 0.0 {
        format!("+{shown}")
    } else {
        format!("−{shown}")
    }
}

/// A figure's row: its label, its value in each model as `shown`, then each model's change
/// from A as `change` gives it from (that model's value, A's).
fn figure_row<T: Copy>(
    label: String,
    reports: &[&Analysis],
    get: impl Fn(&Analysis) -> T,
    shown: impl Fn(T) -> String,
    change: impl Fn(T, T) -> String,
) -> Vec<String> {
    let values: Vec<T> = reports.iter().map(|r| get(r)).collect();
    let mut cells = vec![label];
    cells.extend(values.iter().map(|v| shown(*v)));
    cells.extend(values[1..].iter().map(|v| change(*v, values[0])));
    cells
}
