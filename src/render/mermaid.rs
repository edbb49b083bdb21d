//! The model as a Mermaid `flowchart LR`: a `subgraph` per domain holding its teams and the
//! services they own, ownership as dotted "owns" links, dependencies as arrows, services
//! shaped by kind and coloured by cover as on the canvas. Node ids are generated (`d0`,
//! `t0`, `s0`…) and every label is quoted and escaped, so any id or name works.

use std::fmt::Write;

use super::diagram::{Grouping, cover_class, covers};
use crate::analysis::{Analysis, Cover, analyze};
use crate::model::{Model, ServiceKind, TeamKind, positions_by_id};
use crate::scene::palette;

/// The model as Mermaid flowchart text.
pub fn mermaid(model: &Model) -> String {
    mermaid_with(model, &analyze(model))
}

/// [`mermaid`] with an analysis already made for this model.
pub fn mermaid_with(model: &Model, analysis: &Analysis) -> String {
    let mut out = String::with_capacity(256 + 80 * (model.services.len() + model.teams.len()));
    out.push_str("flowchart LR\n");
    let _ = writeln!(out, "    %% {}", one_line(&model.name));
    let grouping = Grouping::of(model);
    for (domain, teams, services) in &grouping.domains {
        let _ = writeln!(
            out,
            "    subgraph d{domain}[\"{}\"]",
            label(&model.domains[*domain].name)
        );
        for t in teams {
            team_node(&mut out, model, *t, "        ");
        }
        for s in services {
            service_node(&mut out, model, *s, "        ");
        }
        out.push_str("    end\n");
    }
    for t in &grouping.loose_teams {
        team_node(&mut out, model, *t, "    ");
    }
    for s in &grouping.loose_services {
        service_node(&mut out, model, *s, "    ");
    }
    let service_index = positions_by_id(&model.services, |s| s.id.as_str());
    for (s, service) in model.services.iter().enumerate() {
        if let Some(t) = service
            .owner
            .as_deref()
            .and_then(|o| model.teams.iter().position(|t| t.id == o))
        {
            let _ = writeln!(out, "    t{t} -. owns .-> s{s}");
        }
    }
    for dependency in &model.dependencies {
        if let (Some(from), Some(to)) = (
            service_index.get(dependency.from.as_str()),
            service_index.get(dependency.to.as_str()),
        ) {
            let _ = writeln!(out, "    s{from} --> s{to}");
        }
    }
    styles(&mut out, model, analysis, &grouping);
    out
}

fn team_node(out: &mut String, model: &Model, t: usize, indent: &str) {
    let team = &model.teams[t];
    let _ = writeln!(
        out,
        "{indent}t{t}(\"{}<br/>{} · {} people\")",
        label(&team.name),
        team.kind.label(),
        team.members
    );
}

fn service_node(out: &mut String, model: &Model, s: usize, indent: &str) {
    let service = &model.services[s];
    let name = label(&service.name);
    let _ = match service.kind {
        ServiceKind::Digital => writeln!(out, "{indent}s{s}((\"{name}\"))"),
        ServiceKind::Cots => writeln!(out, "{indent}s{s}[\"{name}\"]"),
        ServiceKind::Foundational => writeln!(out, "{indent}s{s}{{{{\"{name}\"}}}}"),
    };
}

/// Colours as on the canvas: team cards by kind, services by cover, domain boxes tinted.
fn styles(out: &mut String, model: &Model, analysis: &Analysis, grouping: &Grouping) {
    for kind in TeamKind::ALL {
        let fill = palette::team_fill(kind);
        let _ = writeln!(
            out,
            "    classDef {} fill:{},stroke:{},color:{}",
            team_class(kind),
            fill.hex(),
            fill.darker().hex(),
            palette::INK.hex()
        );
    }
    for cover in [
        Cover::Covered,
        Cover::Understaffed,
        Cover::Uncovered,
        Cover::NotRequired,
    ] {
        let (fill, stroke) = palette::cover_colours(cover);
        let _ = writeln!(
            out,
            "    classDef {} fill:{},stroke:{},color:{}",
            cover_class(cover),
            fill.hex(),
            stroke.hex(),
            palette::INK.hex()
        );
    }
    for kind in TeamKind::ALL {
        let ids: Vec<String> = (0..model.teams.len())
            .filter(|t| model.teams[*t].kind == kind)
            .map(|t| format!("t{t}"))
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(out, "    class {} {}", ids.join(","), team_class(kind));
        }
    }
    let covers: Vec<Cover> = covers(analysis).collect();
    for cover in [
        Cover::Covered,
        Cover::Understaffed,
        Cover::Uncovered,
        Cover::NotRequired,
    ] {
        let ids: Vec<String> = (0..covers.len())
            .filter(|s| covers[*s] == cover)
            .map(|s| format!("s{s}"))
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(out, "    class {} {}", ids.join(","), cover_class(cover));
        }
    }
    for (domain, _, _) in &grouping.domains {
        let _ = writeln!(
            out,
            "    style d{domain} fill:{},stroke:{}",
            palette::domain_area().hex(),
            palette::DOMAIN_STROKE.hex()
        );
    }
}

fn team_class(kind: TeamKind) -> &'static str {
    match kind {
        TeamKind::Product => "product",
        TeamKind::Platform => "platform",
        TeamKind::Enabling => "enabling",
        TeamKind::ComplicatedSubsystem => "complicated",
        TeamKind::Operations => "operations",
    }
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The characters Mermaid reads as syntax inside a quoted label, and the entity code each
/// is written as.
const MERMAID_CODES: [(char, &str); 6] = [
    ('"', "#quot;"),
    ('#', "#35;"),
    ('<', "#lt;"),
    ('>', "#gt;"),
    ('&', "#amp;"),
    ('`', "#96;"),
];

/// A name inside a quoted Mermaid label: characters Mermaid reads as syntax become entity
/// codes, and line breaks spaces.
fn label(text: &str) -> String {
    super::encoded(text, &MERMAID_CODES, |_| false)
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_escape_what_mermaid_would_read_as_syntax() {
        for (name, written) in [
            ("a \"b\" #1 <c>", "a #quot;b#quot; #35;1 #lt;c#gt;"),
            ("R&D `ops`", "R#amp;D #96;ops#96;"),
            ("x\ny", "x y"),
        ] {
            assert_eq!(label(name), written, "{name:?}");
        }
    }
}
