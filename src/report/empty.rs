//! Why a table or a figure is empty, or 0, in the one wording every place that shows it
//! shares — the text and Markdown reports, the figures panel, the presentation strip and the
//! why card (SPEC 7.3) — so that no two of them can tell a different story about one model.

use crate::analysis::{Analysis, Cover};

/// How many services need out-of-hours cover: every cover but `NotRequired`.
pub fn needing_cover(analysis: &Analysis) -> usize {
    analysis
        .services
        .iter()
        .filter(|s| s.cover != Cover::NotRequired)
        .count()
}

/// How many services need out-of-hours cover that no healthy rota gives them.
pub fn without_cover(analysis: &Analysis) -> usize {
    analysis
        .services
        .iter()
        .filter(|s| !matches!(s.cover, Cover::NotRequired | Cover::Covered))
        .count()
}

/// "1 service needs", "3 services need".
pub fn count_with_verb(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Why there are no rotas: nothing needs cover, or what needs it has no team that can give
/// it — never "no service needs cover" while some do.
pub fn no_rotas(analysis: &Analysis) -> String {
    match needing_cover(analysis) {
        0 => "No rotas: no service needs out-of-hours cover.".to_owned(),
        needing => format!(
            "No rotas: {} out-of-hours cover, but no team can give it yet (see the errors under Findings).",
            count_with_verb(needing, "service needs", "services need")
        ),
    }
}

/// What to say next to a bill of 0 while services go without the cover they need: it is not
/// a saving. `None` when the bill is above 0 or nothing is missing.
pub fn nothing_covered(analysis: &Analysis) -> Option<String> {
    let missing = without_cover(analysis);
    (analysis.totals.annual_cost == 0.0 && missing > 0).then(|| {
        format!(
            "nothing is covered out of hours yet: {} cover",
            count_with_verb(missing, "service needs", "services need")
        )
    })
}

/// Why the cost drivers list is empty: there is no bill, or every rota is shared so that no
/// one service's cover adds anything on its own (then the rotas behind the bill are listed
/// in its place; see [`shared_rotas_listed`]).
pub fn no_cost_drivers(analysis: &Analysis) -> String {
    if shared_rotas_listed(analysis) {
        "Every rota is shared, so no one service's cover adds anything on its own: without any single service, its rota would still run. The bill comes from these rotas:".to_owned()
    } else {
        "None: there is no bill yet.".to_owned()
    }
}

/// Whether an empty cost drivers list stands in front of a bill, so the rotas behind it are
/// listed instead (kind, services and cost).
pub fn shared_rotas_listed(analysis: &Analysis) -> bool {
    analysis.totals.annual_cost > 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::model::{Demand, Model, Service, ServiceKind, Team, TeamKind};

    /// A digital service at 99.9 % (so You Build It You Run It at team level, needing cover)
    /// owned by `owner`, if any.
    fn service(id: &str, owner: Option<&str>) -> Service {
        let mut service = Service::new(id, id, ServiceKind::Digital);
        service.availability = Some(99.9);
        service.demand = Demand::High;
        service.owner = owner.map(str::to_owned);
        service
    }

    #[test]
    fn no_rotas_says_how_many_services_need_cover_no_team_gives() {
        let mut model = Model::named("Orphans");
        model.services = vec![service("a", None), service("b", None)];
        let analysis = analyze(&model);
        assert_eq!(
            no_rotas(&analysis),
            "No rotas: 2 services need out-of-hours cover, but no team can give it yet (see the errors under Findings)."
        );
        assert_eq!(
            nothing_covered(&analysis).as_deref(),
            Some("nothing is covered out of hours yet: 2 services need cover")
        );
        assert_eq!(no_cost_drivers(&analysis), "None: there is no bill yet.");
        model.services = Vec::new();
        let empty = analyze(&model);
        assert_eq!(
            no_rotas(&empty),
            "No rotas: no service needs out-of-hours cover."
        );
        assert_eq!(nothing_covered(&empty), None);
    }

    #[test]
    fn two_services_sharing_a_rota_leave_a_bill_but_no_cost_driver() {
        // One team of 6 covers both on its rota: the bill is 500 × 52 = 26,000, and without
        // either service the rota would still run, so neither has a cover cost.
        let mut model = Model::named("Shared");
        model.teams = vec![Team::new("web", "Web", TeamKind::Product)];
        model.services = vec![service("a", Some("web")), service("b", Some("web"))];
        let analysis = analyze(&model);
        assert_eq!(analysis.totals.annual_cost, 26_000.0);
        assert!(analysis.cost_drivers(10).is_empty());
        assert!(shared_rotas_listed(&analysis));
        assert!(no_cost_drivers(&analysis).starts_with("Every rota is shared"));
        assert_eq!(nothing_covered(&analysis), None);
    }
}
