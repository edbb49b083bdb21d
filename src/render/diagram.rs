//! What the Mermaid and DOT diagrams share: which teams and services sit in each domain's
//! box, and how a node looks.

use crate::analysis::{Analysis, Cover};
use crate::model::{Model, positions_by_id};

/// The model cut into boxes: one per domain (its teams and the services they own), then
/// what belongs to no domain. Indexes point into the model's lists.
pub struct Grouping {
    /// `(domain index, team indexes, service indexes)`, in model order.
    pub domains: Vec<(usize, Vec<usize>, Vec<usize>)>,
    pub loose_teams: Vec<usize>,
    pub loose_services: Vec<usize>,
}

impl Grouping {
    pub fn of(model: &Model) -> Grouping {
        let domain_of = |id: &str| model.domains.iter().position(|d| d.id == id);
        let team_domain: Vec<Option<usize>> = model
            .teams
            .iter()
            .map(|t| t.domain.as_deref().and_then(domain_of))
            .collect();
        let team_index = positions_by_id(&model.teams, |t| t.id.as_str());
        let mut domains: Vec<(usize, Vec<usize>, Vec<usize>)> = (0..model.domains.len())
            .map(|d| (d, Vec::new(), Vec::new()))
            .collect();
        let mut loose_teams = Vec::new();
        for (t, domain) in team_domain.iter().enumerate() {
            match domain {
                Some(d) => domains[*d].1.push(t),
                None => loose_teams.push(t),
            }
        }
        let mut loose_services = Vec::new();
        for (s, service) in model.services.iter().enumerate() {
            let domain = service
                .owner
                .as_deref()
                .and_then(|o| team_index.get(o))
                .and_then(|t| team_domain[*t]);
            match domain {
                Some(d) => domains[d].2.push(s),
                None => loose_services.push(s),
            }
        }
        Grouping {
            domains,
            loose_teams,
            loose_services,
        }
    }
}

/// The class name a diagram gives a service for its cover.
pub fn cover_class(cover: Cover) -> &'static str {
    match cover {
        Cover::Covered => "covered",
        Cover::Understaffed => "understaffed",
        Cover::Uncovered => "uncovered",
        Cover::NotRequired => "notrequired",
    }
}

/// Each service's cover, in model order (the analysis lists services in the same order).
pub fn covers(analysis: &Analysis) -> impl Iterator<Item = Cover> + '_ {
    analysis.services.iter().map(|s| s.cover)
}
