//! Writing a model as a sheet (SPEC 6.2) that [`super::read_sheet`] reads back to the same
//! teams, domains, services, dependencies and values, names kept exactly: a row per service,
//! then a row per team that owns nothing, then a row per domain no team belongs to.
//!
//! A sheet knows entities by name, so a model it cannot carry is refused with the reason
//! rather than written so that it reads back different: two services, teams or domains with
//! one name, or a compliance tag holding the `;` that separates tags.

use std::collections::{HashMap, HashSet};

use super::{COLUMNS, id_from_name, sheet_name};
use crate::files::ids::Ids;
use crate::format::Shown;
use crate::format::csv_cell;
use crate::model::{Demand, EntityKind, Model, Team};

/// The model as a sheet, or why a sheet cannot carry it.
pub fn write_sheet(model: &Model) -> Result<String, String> {
    check_names_unique(model)?;
    let references = references(model);
    let mut writer = csv_cell::Writer::default();
    writer.row(&COLUMNS);
    let domain_name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|d| model.domain(d))
            .map(|d| sheet_name(&d.name, &d.id).to_owned())
            .unwrap_or_default()
    };
    let team_cells = |team: Option<&Team>| match team {
        Some(team) => [
            sheet_name(&team.name, &team.id).to_owned(),
            domain_name(&team.domain),
            format!("{:?}", team.kind),
            team.members.to_string(),
        ],
        None => Default::default(),
    };
    let mut depends_on: HashMap<&str, Vec<&str>> = HashMap::new();
    for dependency in &model.dependencies {
        if let Some(reference) = references.get(dependency.to.as_str()) {
            let reference = reference.as_deref().map_err(Clone::clone)?;
            depends_on
                .entry(&dependency.from)
                .or_default()
                .push(reference);
        }
    }
    let mut owning = HashSet::new();
    for service in &model.services {
        if let Some(tag) = service.compliance.iter().find(|tag| tag.contains(';')) {
            return Err(format!(
                "service `{}` has the compliance tag `{}`, whose `;` a sheet reads as two tags: rename the tag",
                Shown(&service.id),
                Shown(tag)
            ));
        }
        let team = service.owner.as_deref().and_then(|o| model.team(o));
        if let Some(team) = team {
            owning.insert(team.id.as_str());
        }
        let [team_name, domain, team_kind, members] = team_cells(team);
        let references = depends_on
            .get(service.id.as_str())
            .map(|list| list.join(";"))
            .unwrap_or_default();
        writer.row(&[
            sheet_name(&service.name, &service.id).to_owned(),
            team_name,
            domain,
            format!("{:?}", service.kind),
            team_kind,
            members,
            service
                .exposure_per_hour
                .map(|v| v.to_string())
                .unwrap_or_default(),
            service
                .availability
                .map(|v| v.to_string())
                .unwrap_or_default(),
            // An unknown demand goes out as an empty cell, as it came in.
            match service.demand {
                Demand::Unknown => String::new(),
                demand => format!("{demand:?}"),
            },
            service.callouts_per_year.to_string(),
            format!("{:?}", service.lifecycle),
            service.compliance.join(";"),
            references,
        ]);
    }
    let mut with_team = HashSet::new();
    for team in &model.teams {
        if let Some(domain) = &team.domain {
            with_team.insert(domain.as_str());
        }
        if !owning.contains(team.id.as_str()) {
            let [team_name, domain, team_kind, members] = team_cells(Some(team));
            let mut row = vec![String::new(); COLUMNS.len()];
            row[1] = team_name;
            row[2] = domain;
            row[4] = team_kind;
            row[5] = members;
            writer.row(&row);
        }
    }
    for domain in &model.domains {
        if !with_team.contains(domain.id.as_str()) {
            let mut row = vec![String::new(); COLUMNS.len()];
            row[2] = sheet_name(&domain.name, &domain.id).to_owned();
            writer.row(&row);
        }
    }
    Ok(writer.finish())
}

/// Refuses a model with two services, two teams or two domains of one name: a sheet could
/// not tell them apart.
fn check_names_unique(model: &Model) -> Result<(), String> {
    fn unique<'a>(
        kind: &str,
        entities: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), String> {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (name, id) in entities {
            let name = sheet_name(name, id);
            if let Some(first) = seen.insert(name, id) {
                return Err(format!(
                    "two {kind}s are named `{}` (`{}` and `{}`), and a sheet knows {kind}s by name: rename one",
                    Shown(name),
                    Shown(first),
                    Shown(id)
                ));
            }
        }
        Ok(())
    }
    unique(
        "service",
        model
            .services
            .iter()
            .map(|s| (s.name.as_str(), s.id.as_str())),
    )?;
    unique(
        "team",
        model.teams.iter().map(|t| (t.name.as_str(), t.id.as_str())),
    )?;
    unique(
        "domain",
        model
            .domains
            .iter()
            .map(|d| (d.name.as_str(), d.id.as_str())),
    )
}

/// How each service is named in a `depends_on` list, by its model id: its name, or, when
/// the name holds the `;` that separates the list or has spaces around it, the id the sheet
/// will give it on import — unless another service has that id as its name, when the
/// service cannot be named in a list at all.
fn references(model: &Model) -> HashMap<&str, Result<String, String>> {
    let names: HashSet<&str> = model
        .services
        .iter()
        .map(|s| sheet_name(&s.name, &s.id))
        .collect();
    let mut ids = Ids::default();
    let mut references = HashMap::new();
    for service in &model.services {
        let name = sheet_name(&service.name, &service.id);
        let sheet_id = ids.settle(&id_from_name(name), EntityKind::Service);
        let reference = if !name.contains(';') && name.trim() == name {
            Ok(name.to_owned())
        } else if !names.contains(sheet_id.as_str()) {
            Ok(sheet_id)
        } else {
            Err(format!(
                "service `{}` can be named in `depends_on` neither by its name (it holds `;` or spaces around it) nor by the id `{}`, which another service has as its name: rename one",
                Shown(&service.id),
                Shown(&sheet_id)
            ))
        };
        references.insert(service.id.as_str(), reference);
    }
    references
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dependency, Service, ServiceKind};

    fn model(names: &[&str]) -> Model {
        let mut model = Model::named("m");
        for (i, name) in names.iter().enumerate() {
            model
                .services
                .push(Service::new(&format!("s{i}"), name, ServiceKind::Digital));
        }
        model
    }

    #[test]
    fn a_name_that_a_list_cannot_hold_is_referred_to_by_its_sheet_id() {
        let mut model = model(&["Card; vault", "Web"]);
        model.dependencies.push(Dependency {
            from: "s1".into(),
            to: "s0".into(),
        });
        let sheet = write_sheet(&model).unwrap();
        assert!(sheet.contains(",card-vault\r\n"), "{sheet}");
    }

    #[test]
    fn models_a_sheet_cannot_carry_are_refused_with_the_reason() {
        let error = write_sheet(&model(&["API", "API"])).unwrap_err();
        assert!(error.starts_with("two services are named `API`"), "{error}");
        let mut tagged = model(&["A"]);
        tagged.services[0].compliance = vec!["PCI;DSS".into()];
        assert!(write_sheet(&tagged).unwrap_err().contains("`PCI;DSS`"));
        // `x;y` would be written as `x-y`, which another service has as its name.
        let mut clash = model(&["x;y", "x-y"]);
        clash.dependencies.push(Dependency {
            from: "s1".into(),
            to: "s0".into(),
        });
        assert!(
            write_sheet(&clash)
                .unwrap_err()
                .contains("neither by its name")
        );
    }

    #[test]
    fn blank_names_are_written_as_ids() {
        let sheet = write_sheet(&model(&["", " "])).unwrap();
        let rows: Vec<&str> = sheet.lines().skip(1).collect();
        assert!(rows[0].starts_with("s0,"), "{sheet}");
        assert!(rows[1].starts_with("s1,"), "{sheet}");
    }
}
