//! The Assess view of a document (SPEC 7.6), apart from its drawing: the workshop activity
//! of going through the estate with the client and setting each service's exposure and
//! demand. A tab shows its document either as the canvas or as this table, a row per
//! service; what the table remembers — its sort, its filter and the rows selected — is
//! [`AssessView`], changed by [`AssessCommand`]s, and [`rows`] works out which services it
//! shows in which order.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use crate::analysis::{Analysis, Cover, ServiceFigures};
use crate::model::{Demand, Model, Service};

/// How a tab shows its document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ViewMode {
    /// The canvas, with the inspector and the figures beside it.
    #[default]
    Canvas,
    /// The Assess table: a row per service.
    Assess,
}

/// A column of the Assess table, in the order shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    Owner,
    Kind,
    Lifecycle,
    Exposure,
    Demand,
    Availability,
    Recommended,
    OperatingModel,
    OutOfHours,
    Cover,
    LineItem,
}

impl Column {
    pub const ALL: [Column; 12] = [
        Column::Name,
        Column::Owner,
        Column::Kind,
        Column::Lifecycle,
        Column::Exposure,
        Column::Demand,
        Column::Availability,
        Column::Recommended,
        Column::OperatingModel,
        Column::OutOfHours,
        Column::Cover,
        Column::LineItem,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "Service",
            Column::Owner => "Owner",
            Column::Kind => "Kind",
            Column::Lifecycle => "Lifecycle",
            Column::Exposure => "Exposure / hour",
            Column::Demand => "Demand",
            Column::Availability => "Availability",
            Column::Recommended => "Recommended",
            Column::OperatingModel => "Operating model",
            Column::OutOfHours => "Out of hours",
            Column::Cover => "Cover",
            Column::LineItem => "Line item",
        }
    }

    /// What the column holds, for its header's tooltip.
    pub fn help(self) -> &'static str {
        match self {
            Column::Name => "The service's name (its id is in the tooltip)",
            Column::Owner => "The team accountable for running it",
            Column::Kind => "Digital, COTS or foundational",
            Column::Lifecycle => "Inception (not live yet), live or retiring",
            Column::Exposure => {
                "What an hour of downtime costs: it sets the availability through the exposure bands"
            }
            Column::Demand => {
                "How often the business wants new features: it sets the deployment target"
            }
            Column::Availability => {
                "The availability target: set on the service, from its exposure through the bands, or assumed"
            }
            Column::Recommended => {
                "What the selector recommends from the deployment target and the availability (hover a cell for why)"
            }
            Column::OperatingModel => "How it is run: the recommendation, or an override",
            Column::OutOfHours => {
                "Who answers out of hours: by availability, or an override (Off, Domain, Team)"
            }
            Column::Cover => "Whether it gets the out-of-hours cover it needs",
            Column::LineItem => "Its share of the annual on-call cost",
        }
    }

    /// Whether a cell of this column can be edited; the others are worked out.
    pub fn editable(self) -> bool {
        !matches!(self, Column::Recommended | Column::Cover | Column::LineItem)
    }
}

/// Which way a column is sorted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Ascending,
    Descending,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub order: Order,
}

/// Which teams or domains a filter lets through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    Any,
    /// Services with no owner (or whose owner is in no domain).
    Nobody,
    /// The team or domain with this id.
    Is(String),
}

/// Which services the table shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of the service's name or id, or of its owner's name, in any case.
    pub text: String,
    pub owner: Scope,
    pub domain: Scope,
    /// Only the services whose availability or demand is still assumed.
    pub unassessed_only: bool,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }
}

/// What the Assess view of one tab remembers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssessView {
    pub(super) sort: Option<Sort>,
    pub(super) filter: Filter,
    /// The rows selected, by service id: a value set in one of them is set in all.
    pub(super) selected: BTreeSet<String>,
    /// Bumped whenever the rows should be put in order again: a new sort or filter, or the
    /// user asking. Between two bumps, rows keep their place while their values change, so
    /// that a row being edited does not jump away.
    pub(super) ordered: u64,
    /// Bumped by Find (Ctrl+F), which in the table means its filter box.
    pub(super) find: u64,
}

impl AssessView {
    pub fn sort(&self) -> Option<Sort> {
        self.sort
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn selected(&self) -> &BTreeSet<String> {
        &self.selected
    }

    pub fn ordered(&self) -> u64 {
        self.ordered
    }

    pub fn find_requests(&self) -> u64 {
        self.find
    }

    /// The services a value set on row `cursor` goes to: every selected row when the cursor
    /// is one of them, else the cursor's row alone.
    pub fn targets<'a>(&'a self, cursor: &'a str) -> Vec<&'a str> {
        if self.selected.contains(cursor) {
            self.selected.iter().map(String::as_str).collect()
        } else {
            vec![cursor]
        }
    }

    pub(super) fn apply(&mut self, command: AssessCommand) {
        match command {
            AssessCommand::SortBy(column) => {
                self.sort = match self.sort {
                    Some(Sort {
                        column: sorted,
                        order: Order::Ascending,
                    }) if sorted == column => Some(Sort {
                        column,
                        order: Order::Descending,
                    }),
                    Some(Sort {
                        column: sorted,
                        order: Order::Descending,
                    }) if sorted == column => None,
                    _ => Some(Sort {
                        column,
                        order: Order::Ascending,
                    }),
                };
                self.ordered += 1;
            }
            AssessCommand::Filter(filter) => {
                if filter != self.filter {
                    self.filter = filter;
                    self.selected.clear();
                    self.ordered += 1;
                }
            }
            AssessCommand::SelectRows { rows, .. } => self.selected = rows.into_iter().collect(),
            AssessCommand::Reorder => self.ordered += 1,
        }
    }
}

/// A change of a tab's Assess view.
#[derive(Clone, Debug, PartialEq)]
pub enum AssessCommand {
    /// Sort by a column: ascending, then descending, then back to the model's order.
    SortBy(Column),
    Filter(Filter),
    /// Select these rows, with `cursor` the current one (the view's selection).
    SelectRows {
        rows: Vec<String>,
        cursor: Option<String>,
    },
    /// Put the rows in order again by the current sort and filter.
    Reorder,
}

/// How many services are assessed (SPEC 7.1), of how many.
pub fn assessed(analysis: &Analysis) -> (usize, usize) {
    let assessed = analysis
        .services
        .iter()
        .filter(|s| !s.assumed.any())
        .count();
    (assessed, analysis.services.len())
}

/// What the table needs to know about the teams: each one's name and domain.
struct Teams<'a>(HashMap<&'a str, (&'a str, Option<&'a str>)>);

impl<'a> Teams<'a> {
    fn of(model: &'a Model) -> Self {
        Teams(
            model
                .teams
                .iter()
                .map(|t| (t.id.as_str(), (t.name.as_str(), t.domain.as_deref())))
                .collect(),
        )
    }

    fn name(&self, owner: Option<&str>) -> Option<&'a str> {
        owner.and_then(|o| self.0.get(o)).map(|(name, _)| *name)
    }

    fn domain(&self, owner: Option<&str>) -> Option<&'a str> {
        owner.and_then(|o| self.0.get(o)).and_then(|(_, d)| *d)
    }
}

/// The services the table shows, as indices into `model.services` (and so into
/// `analysis.services`), filtered by `filter` and sorted by `sort`, the model's order
/// breaking ties; the model's order without a sort.
pub fn rows(model: &Model, analysis: &Analysis, sort: Option<Sort>, filter: &Filter) -> Vec<usize> {
    let teams = Teams::of(model);
    let text = filter.text.trim().to_lowercase();
    let mut shown: Vec<usize> = model
        .services
        .iter()
        .zip(&analysis.services)
        .enumerate()
        .filter(|(_, (service, figures))| {
            let owner = service.owner.as_deref();
            let owner_matches = match &filter.owner {
                Scope::Any => true,
                Scope::Nobody => owner.is_none(),
                Scope::Is(team) => owner == Some(team.as_str()),
            };
            let domain = teams.domain(owner);
            let domain_matches = match &filter.domain {
                Scope::Any => true,
                Scope::Nobody => domain.is_none(),
                Scope::Is(id) => domain == Some(id.as_str()),
            };
            let text_matches = text.is_empty()
                || [
                    Some(service.name.as_str()),
                    Some(service.id.as_str()),
                    teams.name(owner),
                ]
                .into_iter()
                .flatten()
                .any(|t| t.to_lowercase().contains(&text));
            owner_matches
                && domain_matches
                && text_matches
                && (!filter.unassessed_only || figures.assumed.any())
        })
        .map(|(index, _)| index)
        .collect();
    if let Some(sort) = sort {
        let compare = |a: &usize, b: &usize| {
            let (sa, sb) = (&model.services[*a], &model.services[*b]);
            let (fa, fb) = (&analysis.services[*a], &analysis.services[*b]);
            let ordering = compare_by(sort.column, (sa, fa), (sb, fb), &teams);
            match sort.order {
                Order::Ascending => ordering,
                Order::Descending => ordering.reverse(),
            }
        };
        // Stable: services that compare equal keep the model's order.
        shown.sort_by(compare);
    }
    shown
}

/// How two rows compare in `column`: names alphabetically, what needs attention first
/// (no owner, no exposure, an unknown demand, an assumed availability, no cover).
fn compare_by(
    column: Column,
    (a, fa): (&Service, &ServiceFigures),
    (b, fb): (&Service, &ServiceFigures),
    teams: &Teams,
) -> Ordering {
    let owner = |s: &Service| teams.name(s.owner.as_deref()).map(str::to_lowercase);
    match column {
        Column::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        Column::Owner => owner(a).cmp(&owner(b)),
        Column::Kind => (a.kind as u8).cmp(&(b.kind as u8)),
        Column::Lifecycle => (a.lifecycle as u8).cmp(&(b.lifecycle as u8)),
        Column::Exposure => optional(a.exposure_per_hour, b.exposure_per_hour),
        Column::Demand => demand_rank(a.demand).cmp(&demand_rank(b.demand)),
        Column::Availability => (!fa.assumed.availability)
            .cmp(&!fb.assumed.availability)
            .then(fa.availability.total_cmp(&fb.availability)),
        Column::Recommended => {
            (fa.recommended_operating_model as u8).cmp(&(fb.recommended_operating_model as u8))
        }
        Column::OperatingModel => (fa.operating_model as u8)
            .cmp(&(fb.operating_model as u8))
            .then(
                a.operating_model
                    .is_some()
                    .cmp(&b.operating_model.is_some()),
            ),
        Column::OutOfHours => (fa.out_of_hours as u8).cmp(&(fb.out_of_hours as u8)),
        Column::Cover => cover_rank(fa.cover).cmp(&cover_rank(fb.cover)),
        Column::LineItem => fa.annual_cost.total_cmp(&fb.annual_cost),
    }
}

/// Not set first, then by amount.
fn optional(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.total_cmp(&b),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// Unknown first, then from the least to the most demand.
fn demand_rank(demand: Demand) -> u8 {
    match demand {
        Demand::Unknown => 0,
        Demand::Low => 1,
        Demand::Medium => 2,
        Demand::High => 3,
        Demand::VeryHigh => 4,
    }
}

/// The worst first: uncovered, understaffed, covered, not needed.
fn cover_rank(cover: Cover) -> u8 {
    match cover {
        Cover::Uncovered => 0,
        Cover::Understaffed => 1,
        Cover::Covered => 2,
        Cover::NotRequired => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::model::{Domain, ServiceKind, Team, TeamKind};

    /// Web (in domain shop) owns Checkout (exposure 50,000, high demand) and Basket
    /// (unknown demand); Data (no domain) owns Reports (exposure 1,000, low demand); Legacy
    /// has no owner and nothing set. Bands: up to 10,000 → 95 %, up to 100,000 → 99.9 %.
    fn model() -> Model {
        let mut model = Model::named("Estate");
        model.settings.exposure_bands = vec![
            crate::model::ExposureBand {
                max_exposure_per_hour: 10_000.0,
                availability: 95.0,
            },
            crate::model::ExposureBand {
                max_exposure_per_hour: 100_000.0,
                availability: 99.9,
            },
        ];
        model.domains.push(Domain {
            id: "shop".into(),
            name: "Shop".into(),
        });
        let mut web = Team::new("web", "Web", TeamKind::Product);
        web.domain = Some("shop".into());
        model.teams = vec![web, Team::new("data", "Data", TeamKind::Product)];
        let service = |id: &str, name: &str, owner: Option<&str>, exposure, demand| {
            let mut s = Service::new(id, name, ServiceKind::Digital);
            s.owner = owner.map(str::to_owned);
            s.exposure_per_hour = exposure;
            s.demand = demand;
            s
        };
        model.services = vec![
            service(
                "checkout",
                "Checkout",
                Some("web"),
                Some(50_000.0),
                Demand::High,
            ),
            service(
                "basket",
                "Basket",
                Some("web"),
                Some(50_000.0),
                Demand::Unknown,
            ),
            service(
                "reports",
                "Reports",
                Some("data"),
                Some(1_000.0),
                Demand::Low,
            ),
            service("legacy", "Legacy", None, None, Demand::Unknown),
        ];
        model
    }

    fn shown(model: &Model, sort: Option<Sort>, filter: &Filter) -> Vec<String> {
        rows(model, &analyze(model), sort, filter)
            .into_iter()
            .map(|i| model.services[i].id.clone())
            .collect()
    }

    fn by(column: Column, order: Order) -> Option<Sort> {
        Some(Sort { column, order })
    }

    #[test]
    fn two_of_four_are_assessed() {
        // Checkout and reports have an exposure within the bands and a known demand; basket's
        // demand is unknown, legacy has neither.
        assert_eq!(assessed(&analyze(&model())), (2, 4));
    }

    #[test]
    fn rows_sort_by_any_column_with_what_needs_attention_first() {
        let model = model();
        let (up, down) = (Order::Ascending, Order::Descending);
        for (sort, expected) in [
            (None, ["checkout", "basket", "reports", "legacy"]),
            (
                by(Column::Name, up),
                ["basket", "checkout", "legacy", "reports"],
            ),
            // No exposure first, then 1,000, then the two at 50,000 in the model's order.
            (
                by(Column::Exposure, up),
                ["legacy", "reports", "checkout", "basket"],
            ),
            (
                by(Column::Demand, down),
                ["checkout", "reports", "basket", "legacy"],
            ),
            // No owner first, then Data, then Web.
            (
                by(Column::Owner, up),
                ["legacy", "reports", "checkout", "basket"],
            ),
            // Legacy's 95 % is assumed: it comes before the 95 % derived for reports.
            (
                by(Column::Availability, up),
                ["legacy", "reports", "checkout", "basket"],
            ),
        ] {
            assert_eq!(
                shown(&model, sort, &Filter::default()),
                expected,
                "{sort:?}"
            );
        }
    }

    #[test]
    fn rows_filter_by_text_owner_domain_and_what_is_not_assessed() {
        let model = model();
        let filter = |f: Filter| shown(&model, None, &f);
        assert_eq!(
            filter(Filter {
                unassessed_only: true,
                ..Filter::default()
            }),
            ["basket", "legacy"]
        );
        // "web" is the owner's name of checkout and basket.
        assert_eq!(
            filter(Filter {
                text: " WEB".into(),
                ..Filter::default()
            }),
            ["checkout", "basket"]
        );
        assert_eq!(
            filter(Filter {
                owner: Scope::Nobody,
                ..Filter::default()
            }),
            ["legacy"]
        );
        assert_eq!(
            filter(Filter {
                owner: Scope::Is("data".into()),
                ..Filter::default()
            }),
            ["reports"]
        );
        assert_eq!(
            filter(Filter {
                domain: Scope::Is("shop".into()),
                unassessed_only: true,
                ..Filter::default()
            }),
            ["basket"]
        );
        assert_eq!(
            filter(Filter {
                domain: Scope::Nobody,
                ..Filter::default()
            }),
            ["reports", "legacy"]
        );
    }

    #[test]
    fn sorting_a_column_again_reverses_it_and_a_third_time_restores_the_model_order() {
        let mut view = AssessView::default();
        view.apply(AssessCommand::SortBy(Column::Exposure));
        assert_eq!(view.sort(), by(Column::Exposure, Order::Ascending));
        view.apply(AssessCommand::SortBy(Column::Exposure));
        assert_eq!(view.sort(), by(Column::Exposure, Order::Descending));
        view.apply(AssessCommand::SortBy(Column::Exposure));
        assert_eq!(view.sort(), None);
        view.apply(AssessCommand::SortBy(Column::Name));
        view.apply(AssessCommand::SortBy(Column::Demand));
        assert_eq!(view.sort(), by(Column::Demand, Order::Ascending));
        assert_eq!(view.ordered(), 5, "every sort puts the rows in order again");
    }

    #[test]
    fn a_value_goes_to_every_selected_row_when_the_cursor_is_one_of_them() {
        let mut view = AssessView::default();
        view.apply(AssessCommand::SelectRows {
            rows: vec!["a".into(), "b".into()],
            cursor: Some("b".into()),
        });
        assert_eq!(view.targets("b"), ["a", "b"]);
        assert_eq!(view.targets("c"), ["c"]);
        view.apply(AssessCommand::Filter(Filter {
            text: "x".into(),
            ..Filter::default()
        }));
        assert!(
            view.selected().is_empty(),
            "a new filter clears the selection"
        );
    }
}
