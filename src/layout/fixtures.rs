//! Models the tests of placement, areas, scenes and the edits that move things share.

use crate::model::{Dependency, Domain, Model, Service, ServiceKind, Team, TeamKind};

/// Domains a and b side by side, each with a team (`a-team`, `b-team`) owning two services
/// (`a0`, `a1`, `b0`, `b1`), all laid out.
pub fn two_domains() -> Model {
    let mut model = Model::named("m");
    for d in ["a", "b"] {
        model.domains.push(Domain {
            id: d.into(),
            name: d.to_uppercase(),
        });
        let mut team = Team::new(&format!("{d}-team"), "Team", TeamKind::Product);
        team.domain = Some(d.into());
        model.teams.push(team);
        for n in 0..2 {
            let mut service = Service::new(&format!("{d}{n}"), "S", ServiceKind::Digital);
            service.owner = Some(format!("{d}-team"));
            model.services.push(service);
        }
    }
    super::fill_missing(&mut model);
    model
}

/// Team `web` in domain `shop` owns `front`, which depends on `db`, which no team owns;
/// team `ops` stands outside every domain. Nothing is laid out.
pub fn shop() -> Model {
    let mut model = Model::named("m");
    model.domains.push(Domain {
        id: "shop".into(),
        name: "Shop".into(),
    });
    model.teams = vec![
        Team {
            domain: Some("shop".into()),
            ..Team::new("web", "Web", TeamKind::Product)
        },
        Team::new("ops", "Ops", TeamKind::Operations),
    ];
    model.services = vec![
        Service {
            owner: Some("web".into()),
            ..Service::new("front", "Front", ServiceKind::Digital)
        },
        Service::new("db", "Database", ServiceKind::Foundational),
    ];
    model.dependencies.push(Dependency {
        from: "front".into(),
        to: "db".into(),
    });
    model
}
