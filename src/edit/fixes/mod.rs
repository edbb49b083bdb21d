//! One-click fixes: for a finding of the current analysis, the edits that would resolve it,
//! each with a label a consultant can read out and its effect on annual cost, on-call
//! coverage and ownership.
//!
//! Effects are never estimated: each candidate edit is applied to a working copy of the
//! model, whose headline figures are worked out again, and then undone. That costs one
//! analysis per candidate, so fixes are worked out on demand for one finding
//! ([`fixes_for_finding`]) or one service ([`fixes_for_service`]) at a time, never for every
//! finding on every edit. Edits come only from [`crate::edit::actions`].

use std::collections::{HashMap, HashSet};

use crate::analysis::{
    Analysis, Finding, FindingCode, Headline, RotaKind, ServiceFigures, Severity, headline,
};
use crate::edit::Edit;
use crate::edit::actions;
use crate::format::{EntityLabel, Percent};
use crate::model::{
    Demand, EntityKind, Model, OperatingModel, OutOfHours, Service, Team, TeamKind,
};

mod effect;

pub use effect::{Effect, Moved};

/// How many teams are offered, at most, when a fix is "give it to another team": as many as
/// SPEC 7.4 offers an orphan, enough to choose from without a wall of near-equal options.
const TEAM_CANDIDATES: usize = 3;

/// One edit that would resolve a finding, and what it would do.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the fix does, in words: "Give Legacy CRM (legacy-crm) to Payments (payments)".
    pub label: String,
    /// The edit to apply; it undoes in one step.
    pub edit: Edit,
    pub effect: Effect,
}

/// The fixes for one finding of `analysis` (the analysis of `model`), best first: those that
/// resolve the finding, then fewer errors, better cover and lower cost. Empty when Opmodel
/// knows no one-click fix for it.
pub fn fixes_for_finding(model: &Model, analysis: &Analysis, finding: &Finding) -> Vec<Fix> {
    let mut copy = model.clone();
    let mut fixes: Vec<Fix> = candidates(model, analysis, finding)
        .into_iter()
        .filter_map(|(label, edit)| {
            let after = headline_with(&mut copy, model, &edit)?;
            Some(Fix {
                label,
                effect: effect(analysis, finding, &after),
                edit,
            })
        })
        .collect();
    best_first(&mut fixes);
    fixes
}

/// A finding proposing an edit: its position in the analysis, the edit's place among its
/// candidates, and its label for the edit.
type Proposal = (usize, usize, String);

/// Fixes that resolve their finding first, then fewer errors, better cover, lower cost.
fn best_first(fixes: &mut [Fix]) {
    fixes.sort_by(|a, b| {
        let (a, b) = (a.effect, b.effect);
        b.resolves
            .cmp(&a.resolves)
            .then(a.errors.cmp(&b.errors))
            .then(b.on_call.total_cmp(&a.on_call))
            .then(a.annual_cost.total_cmp(&b.annual_cost))
    });
}

/// The fixes of every finding of `analysis` that has any, as (the finding's position in
/// `analysis.findings`, its fixes best first), in finding order: what `opmodel report
/// --fixes` lists (SPEC 7.4). Each fix is worked out on an edited copy, as for one finding;
/// an edit that several findings propose (raising one service that many depend on) is
/// analysed once for all of them, and the findings and edits are shared out over the
/// machine's cores.
pub fn fixes_for_every_finding(model: &Model, analysis: &Analysis) -> Vec<(usize, Vec<Fix>)> {
    fixes_for_findings(model, analysis, |_| true)
}

/// [`fixes_for_every_finding`] for the findings whose position `wanted` accepts only (the
/// deck shows the first few of each severity of a big estate).
pub fn fixes_for_findings(
    model: &Model,
    analysis: &Analysis,
    wanted: impl Fn(usize) -> bool,
) -> Vec<(usize, Vec<Fix>)> {
    // Each finding's candidates, with the key that tells their edits apart, worked out on
    // every core; then each distinct edit with the findings that propose it: the finding's
    // position, where the edit stands among its candidates, and its label for it.
    let wanted: Vec<usize> = (0..analysis.findings.len())
        .filter(|&index| offers_fixes(analysis.findings[index].code) && wanted(index))
        .collect();
    let proposed = crate::analysis::parallel::in_shares(&wanted, |share| {
        share
            .iter()
            .flat_map(|&index| {
                candidates(model, analysis, &analysis.findings[index])
                    .into_iter()
                    .enumerate()
                    .map(move |(rank, (label, edit))| {
                        (format!("{edit:?}"), edit, (index, rank, label))
                    })
            })
            .collect()
    });
    let mut proposals: Vec<(Edit, Vec<Proposal>)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (key, edit, proposal) in proposed {
        let slot = *seen.entry(key).or_insert_with(|| {
            proposals.push((edit, Vec::new()));
            proposals.len() - 1
        });
        proposals[slot].1.push(proposal);
    }
    let mut worked = crate::analysis::parallel::in_shares(&proposals, |share| {
        let mut copy = model.clone();
        let mut worked = Vec::new();
        for (edit, proposed) in share {
            let Some(after) = headline_with(&mut copy, model, edit) else {
                continue;
            };
            for (index, rank, label) in proposed {
                let fix = Fix {
                    label: label.clone(),
                    edit: edit.clone(),
                    effect: effect(analysis, &analysis.findings[*index], &after),
                };
                worked.push(((*index, *rank), fix));
            }
        }
        worked
    });
    // A finding's fixes in the order of its candidates, as for one finding, before ranking.
    worked.sort_by_key(|(at, _)| *at);
    let mut by_finding: Vec<(usize, Vec<Fix>)> = Vec::new();
    for ((index, _), fix) in worked {
        match by_finding.last_mut() {
            Some((last, fixes)) if *last == index => fixes.push(fix),
            _ => by_finding.push((index, vec![fix])),
        }
    }
    for (_, fixes) in &mut by_finding {
        best_first(fixes);
    }
    by_finding
}

/// Every finding about a service (as subject, or the rota or team that covers or owns it) with
/// its fixes, for the service's "why" panel; findings without a fix are left out.
pub fn fixes_for_service<'a>(
    model: &Model,
    analysis: &'a Analysis,
    service_id: &str,
) -> Vec<(&'a Finding, Vec<Fix>)> {
    findings_about_service(analysis, service_id)
        .into_iter()
        .map(|f| (f, fixes_for_finding(model, analysis, f)))
        .filter(|(_, fixes)| !fixes.is_empty())
        .collect()
}

/// The findings about a service: those whose subject it is, those about the rota that covers
/// it and an overload of the team that owns it — what its "why" panel lists.
pub fn findings_about_service<'a>(analysis: &'a Analysis, service_id: &str) -> Vec<&'a Finding> {
    let Some(figures) = analysis.service(service_id) else {
        return Vec::new();
    };
    analysis
        .findings
        .iter()
        .filter(|f| {
            *f.subject == *service_id
                || figures.rota.as_ref().is_some_and(|r| *r == f.subject)
                || (f.code == FindingCode::TeamOverloaded
                    && figures.owner.as_ref() == Some(&f.subject))
        })
        .collect()
}

/// Whether Opmodel knows one-click fixes for findings of this kind, so a view can offer them
/// before working them out.
pub fn offers_fixes(code: FindingCode) -> bool {
    !matches!(
        code,
        FindingCode::DependencyCycle | FindingCode::ManyTeamRotas | FindingCode::NotAssessed
    )
}

/// The [`Headline`] of `model` with `edit` applied, worked out on `copy`, a copy of `model`:
/// the edit is applied to it and undone again, which costs far less than copying a big model
/// for every edit. `None` if the edit does not apply.
fn headline_with(copy: &mut Model, model: &Model, edit: &Edit) -> Option<Headline> {
    let undo = edit.clone().apply(copy).ok()?;
    let after = headline(copy);
    if undo.apply(copy).is_err() {
        // An edit's inverse always fits the model it was just applied to; were it ever not
        // to, the copy starts again from the model rather than carrying the edit on.
        *copy = model.clone();
    }
    Some(after)
}

/// What an edit did for `finding`: its headline `after` against the analysis `before`.
fn effect(before: &Analysis, finding: &Finding, after: &Headline) -> Effect {
    let resolves = !after.findings.iter().any(|key| key.is(finding));
    Effect {
        annual_cost: after.annual_cost - before.totals.annual_cost,
        on_call: after.coverage.on_call - before.coverage.on_call,
        ownership: after.coverage.ownership - before.coverage.ownership,
        errors: after.count(Severity::Error) as i64 - before.count(Severity::Error) as i64,
        resolves,
    }
}

type Candidate = (String, Edit);

fn label(name: &str, id: &str) -> String {
    EntityLabel { name, id }.to_string()
}

fn team_label(team: &Team) -> String {
    label(&team.name, &team.id)
}

/// The candidate edits for a finding, before their effects are known.
fn candidates(model: &Model, analysis: &Analysis, finding: &Finding) -> Vec<Candidate> {
    let subject = &*finding.subject;
    let service = || model.service(subject);
    let mut out = Vec::new();
    match finding.code {
        FindingCode::OrphanService => {
            if let Some(service) = service() {
                orphan(model, service, &mut out);
            }
        }
        FindingCode::UncoveredService | FindingCode::DigitalOpsRunIt => {
            if let Some(service) = service() {
                uncovered(model, analysis, service, finding.code, &mut out);
            }
        }
        FindingCode::UnderstaffedRota => understaffed(model, analysis, subject, &mut out),
        FindingCode::WeakerDependency => {
            if let (Some(from), Some(to)) = (
                analysis.service(subject),
                finding
                    .depends_on
                    .as_deref()
                    .and_then(|to| analysis.service(to)),
            ) {
                let (from_name, to_name) =
                    (model.display_name(subject), model.display_name(&to.id));
                push(
                    &mut out,
                    format!(
                        "Raise {} to {}",
                        label(to_name, &to.id),
                        Percent(from.availability)
                    ),
                    actions::set_availability(model, &to.id, from.availability),
                );
                push(
                    &mut out,
                    format!(
                        "Lower {} to {}",
                        label(from_name, subject),
                        Percent(to.availability)
                    ),
                    actions::set_availability(model, subject, to.availability),
                );
            }
        }
        FindingCode::TeamOverloaded => overloaded(model, subject, &mut out),
        FindingCode::DependsOnRetiring => {
            if let Some(to) = finding.depends_on.as_deref() {
                push(
                    &mut out,
                    format!(
                        "Remove the dependency of {} on {}",
                        label(model.display_name(subject), subject),
                        label(model.display_name(to), to)
                    ),
                    actions::remove_dependency(model, subject, to),
                );
            }
        }
        FindingCode::OverrideDiffers | FindingCode::SegregationMyth => {
            if let (Some(service), Some(figures)) = (service(), analysis.service(subject)) {
                push(
                    &mut out,
                    run_as_recommended(&label(&service.name, subject), figures),
                    actions::set_operating_model(model, subject, None),
                );
            }
        }
        FindingCode::DigitalLowDemand => {
            if let Some(service) = service() {
                push(
                    &mut out,
                    format!(
                        "Set the demand of {} to High: it changes weekly",
                        label(&service.name, subject)
                    ),
                    actions::set_demand(model, subject, Demand::High),
                );
            }
        }
        FindingCode::DependencyCycle | FindingCode::ManyTeamRotas | FindingCode::NotAssessed => {}
    }
    out
}

/// Adds a candidate when its builder accepted it.
fn push(out: &mut Vec<Candidate>, label: String, edit: Result<Edit, String>) {
    if let Ok(edit) = edit {
        out.push((label, edit));
    }
}

/// "Run Invoices (invoices) as recommended: Ops Run It" — the fix that clears an override.
fn run_as_recommended(name: &str, figures: &ServiceFigures) -> String {
    format!(
        "Run {name} as recommended: {}",
        figures.recommended_operating_model.label()
    )
}

/// Runs a service `operating_model`: by clearing its override when that is what the
/// selector recommends, else by an override the label names as one, so that no fix advises
/// against a recommendation without saying so (SPEC 7.2).
fn push_run(
    model: &Model,
    out: &mut Vec<Candidate>,
    name: &str,
    figures: &ServiceFigures,
    operating_model: OperatingModel,
) {
    if figures.recommended_operating_model == operating_model {
        push(
            out,
            run_as_recommended(name, figures),
            actions::set_operating_model(model, &figures.id, None),
        );
    } else {
        push(
            out,
            format!(
                "Override the recommendation ({}): run {name} {}",
                figures.recommended_operating_model.label(),
                operating_model.label()
            ),
            actions::set_operating_model(model, &figures.id, Some(operating_model)),
        );
    }
}

/// How many domains a team without one is offered, at most: in model order.
const DOMAIN_CANDIDATES: usize = 3;

/// An orphan: the teams it works with most (owning services it depends on or that depend on
/// it), then the non-operations teams owning the fewest services, ties in model order; with
/// no team at all, a new product team named after it (SPEC 7.4).
fn orphan(model: &Model, service: &Service, out: &mut Vec<Candidate>) {
    let name = label(&service.name, &service.id);
    if model.teams.is_empty() {
        let team = Team::new(
            &model.unused_id(&format!("{}-team", service.id)),
            &format!("{} team", service.name),
            TeamKind::Product,
        );
        let near = model.layout.get(&service.id).copied().unwrap_or_default();
        let at = crate::layout::free_spot(model, EntityKind::Team, &team.name, None, near);
        push(
            out,
            format!("Add a product team, {}, to own {name}", team_label(&team)),
            actions::add_owning_team(model, team, &service.id, at),
        );
        return;
    }
    for team in candidate_owners(model, &service.id) {
        push(
            out,
            format!("Give {name} to {}", team_label(team)),
            actions::set_owner_and_place(model, &service.id, Some(&team.id)),
        );
    }
}

/// The teams an orphan is offered to, best first (SPEC 7.4): teams owning services it
/// depends on or that depend on it, most links first; then the non-operations teams owning
/// the fewest services; ties in model order; at most [`TEAM_CANDIDATES`].
fn candidate_owners<'m>(model: &'m Model, service_id: &str) -> Vec<&'m Team> {
    let mut owned: HashMap<&str, usize> = HashMap::new();
    for owner in model.services.iter().filter_map(|s| s.owner.as_deref()) {
        *owned.entry(owner).or_default() += 1;
    }
    let mut links: HashMap<&str, usize> = HashMap::new();
    for dependency in &model.dependencies {
        let other = if dependency.from == service_id {
            &dependency.to
        } else if dependency.to == service_id {
            &dependency.from
        } else {
            continue;
        };
        if let Some(owner) = model.service(other).and_then(|s| s.owner.as_deref()) {
            *links.entry(owner).or_default() += 1;
        }
    }
    let mut linked: Vec<&Team> = model
        .teams
        .iter()
        .filter(|t| links.contains_key(t.id.as_str()))
        .collect();
    // A stable sort keeps model order among equals.
    linked.sort_by_key(|t| std::cmp::Reverse(links[t.id.as_str()]));
    let mut others: Vec<&Team> = model
        .teams
        .iter()
        .filter(|t| !t.is_operations() && !links.contains_key(t.id.as_str()))
        .collect();
    others.sort_by_key(|t| owned.get(t.id.as_str()).copied().unwrap_or(0));
    linked
        .into_iter()
        .chain(others)
        .take(TEAM_CANDIDATES)
        .collect()
}

/// Teams that could take a service, most fitting first: operations teams for an Ops Run It
/// service, other teams otherwise; teams already working with it (owning a service it
/// depends on or that depends on it) before the rest, and teams with room before full ones.
fn suitable_teams<'m>(
    model: &'m Model,
    service_id: &str,
    except: Option<&str>,
    operations: bool,
) -> Vec<&'m Team> {
    // One pass over services and dependencies, so a big model stays quick.
    let mut owned: HashMap<&str, usize> = HashMap::new();
    for owner in model.services.iter().filter_map(|s| s.owner.as_deref()) {
        *owned.entry(owner).or_default() += 1;
    }
    let works_with: HashSet<&str> = model
        .dependencies
        .iter()
        .filter_map(|d| {
            let other = if d.from == service_id {
                &d.to
            } else if d.to == service_id {
                &d.from
            } else {
                return None;
            };
            model.service(other)?.owner.as_deref()
        })
        .collect();
    let limit = model.settings.max_services_per_team as usize;
    let mut teams: Vec<&Team> = model
        .teams
        .iter()
        .filter(|t| t.is_operations() == operations && Some(t.id.as_str()) != except)
        .collect();
    teams.sort_by_key(|team| {
        (
            !works_with.contains(team.id.as_str()),
            owned.get(team.id.as_str()).copied().unwrap_or(0) >= limit,
        )
    });
    teams.truncate(TEAM_CANDIDATES);
    teams
}

/// Uncovered services and digital services run Ops Run It: run it You Build It You Run It,
/// or give it to a team that can cover it as it is run.
fn uncovered(
    model: &Model,
    analysis: &Analysis,
    service: &Service,
    code: FindingCode,
    out: &mut Vec<Candidate>,
) {
    let id = service.id.as_str();
    let name = label(&service.name, id);
    let owner = service.owner.as_deref().and_then(|o| model.team(o));
    let owned_by_operations = owner.is_some_and(Team::is_operations);
    let Some(figures) = analysis.service(id) else {
        return;
    };
    match figures.operating_model {
        OperatingModel::OpsRunIt => {
            push_run(
                model,
                out,
                &name,
                figures,
                OperatingModel::YouBuildItYouRunIt,
            );
            if code == FindingCode::UncoveredService && !owned_by_operations {
                for team in suitable_teams(model, id, None, true) {
                    push(
                        out,
                        format!("Give {name} to the operations team {}", team_label(team)),
                        actions::move_services(model, &[id], &team.id),
                    );
                }
            }
            if code == FindingCode::DigitalOpsRunIt && owned_by_operations {
                for team in suitable_teams(model, id, None, false) {
                    // Only an override makes a digital service Ops Run It against its
                    // recommendation, so clearing it runs it You Build It You Run It.
                    push(
                        out,
                        format!("Give {name} to {} to build and run", team_label(team)),
                        actions::hand_over(model, id, &team.id, None),
                    );
                }
            }
        }
        OperatingModel::YouBuildItYouRunIt if owned_by_operations => {
            for team in suitable_teams(model, id, None, false) {
                push(
                    out,
                    format!("Give {name} to {} to build and run", team_label(team)),
                    actions::move_services(model, &[id], &team.id),
                );
            }
            push_run(model, out, &name, figures, OperatingModel::OpsRunIt);
        }
        OperatingModel::YouBuildItYouRunIt => {
            // Domain-level cover, but the owner has no domain and no team rota.
            if let Some(owner) = owner {
                for domain in model.domains.iter().take(DOMAIN_CANDIDATES) {
                    push(
                        out,
                        format!(
                            "Put {} in the {} domain",
                            team_label(owner),
                            label(&domain.name, &domain.id)
                        ),
                        actions::set_team_domain(model, &owner.id, Some(&domain.id)),
                    );
                }
            }
            push(
                out,
                format!("Cover {name} on its team's own rota"),
                actions::set_out_of_hours(model, &[id], Some(OutOfHours::Team)),
            );
        }
    }
}

/// An understaffed rota: bring its pool up to the minimum, or (a team rota) send its
/// services to the domain rota.
fn understaffed(model: &Model, analysis: &Analysis, rota_id: &str, out: &mut Vec<Candidate>) {
    let Some(rota) = analysis.rota(rota_id) else {
        return;
    };
    let minimum = u64::from(model.settings.min_rota_size);
    let missing = minimum.saturating_sub(rota.pool);
    let people = |n: u64| {
        if n == 1 {
            "1 person".to_owned()
        } else {
            format!("{n} people")
        }
    };
    // The team that takes the new people: the rota's team, or for a domain rota its largest
    // team in the pool.
    let growing = match rota.kind {
        RotaKind::Team | RotaKind::Ops => model.team(&rota.owner),
        RotaKind::Domain => model
            .teams
            .iter()
            .filter(|t| {
                t.domain.as_deref() == Some(&*rota.owner)
                    && !t.is_operations()
                    && analysis.rota(&format!("team:{}", t.id)).is_none()
            })
            .max_by_key(|t| t.members),
    };
    if let Some(team) = growing
        && let Ok(members) = u32::try_from(u64::from(team.members) + missing)
    {
        push(
            out,
            format!("Add {} to {}", people(missing), team_label(team)),
            actions::set_members(model, &team.id, members),
        );
    }
    if rota.kind == RotaKind::Team
        && let Some(team) = model.team(&rota.owner)
        && team.domain.is_some()
    {
        let team_level: Vec<&str> = analysis
            .services
            .iter()
            .filter(|s| {
                s.owner.as_deref() == Some(team.id.as_str())
                    && s.operating_model == OperatingModel::YouBuildItYouRunIt
                    && s.out_of_hours == OutOfHours::Team
            })
            .map(|s| &*s.id)
            .collect();
        push(
            out,
            format!(
                "Move the services of {} to their domain rota",
                team_label(team)
            ),
            actions::set_out_of_hours(model, &team_level, Some(OutOfHours::Domain)),
        );
    }
}

/// An overloaded team: hand the services over the limit (its last ones) to another team.
fn overloaded(model: &Model, team_id: &str, out: &mut Vec<Candidate>) {
    let Some(team) = model.team(team_id) else {
        return;
    };
    let owned: Vec<&str> = model.services_of(team_id).map(|s| s.id.as_str()).collect();
    let excess = owned
        .len()
        .saturating_sub(model.settings.max_services_per_team as usize);
    if excess == 0 {
        return;
    }
    let moving = &owned[owned.len() - excess..];
    let names: Vec<String> = moving
        .iter()
        .map(|id| label(model.display_name(id), id))
        .collect();
    for other in suitable_teams(model, moving[0], Some(team_id), team.is_operations()) {
        push(
            out,
            format!("Give {} to {}", names.join(", "), team_label(other)),
            actions::move_services(model, moving, &other.id),
        );
    }
}

#[cfg(test)]
mod tests;
