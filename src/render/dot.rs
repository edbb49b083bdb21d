//! The model as a Graphviz `digraph`: a `cluster_` subgraph per domain holding its teams
//! and the services they own, ownership edges with a diamond at the owner, dependency
//! arrows, services shaped by kind and filled by cover as on the canvas. Every id and label
//! is quoted and escaped, so any id works.

use std::collections::HashMap;
use std::fmt::Write;

use super::diagram::{Grouping, covers};
use crate::analysis::{Analysis, Cover, analyze};
use crate::model::{Model, ServiceKind};
use crate::scene::palette;

/// The model as DOT text.
pub fn dot(model: &Model) -> String {
    dot_with(model, &analyze(model))
}

/// [`dot`] with an analysis already made for this model.
pub fn dot_with(model: &Model, analysis: &Analysis) -> String {
    let mut out = String::with_capacity(256 + 120 * (model.services.len() + model.teams.len()));
    let _ = writeln!(out, "digraph {} {{", quoted(&model.name));
    let _ = writeln!(
        out,
        "    graph [rankdir=LR, fontname=\"Helvetica\", label={}, labelloc=t, fontsize=20, bgcolor=\"{}\"];",
        quoted(&model.name),
        palette::CANVAS_BACKGROUND.hex()
    );
    let _ = writeln!(
        out,
        "    node [fontname=\"Helvetica\", fontsize=12, style=filled, color=\"{}\"];",
        palette::INK.hex()
    );
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    let covers: Vec<Cover> = covers(analysis).collect();
    let grouping = Grouping::of(model);
    for (domain, teams, services) in &grouping.domains {
        let _ = writeln!(out, "    subgraph cluster_{domain} {{");
        let _ = writeln!(
            out,
            "        label={}; style=\"rounded,filled\"; fillcolor=\"{}\"; color=\"{}\"; fontcolor=\"{}\";",
            quoted(&model.domains[*domain].name),
            palette::domain_area().hex(),
            palette::DOMAIN_STROKE.hex(),
            palette::DOMAIN_HEADER.hex()
        );
        for t in teams {
            team_node(&mut out, model, *t, "        ");
        }
        for s in services {
            service_node(&mut out, model, *s, covers.get(*s).copied(), "        ");
        }
        out.push_str("    }\n");
    }
    for t in &grouping.loose_teams {
        team_node(&mut out, model, *t, "    ");
    }
    for s in &grouping.loose_services {
        service_node(&mut out, model, *s, covers.get(*s).copied(), "    ");
    }
    let teams: HashMap<&str, ()> = model.teams.iter().map(|t| (t.id.as_str(), ())).collect();
    let services: HashMap<&str, ()> = model.services.iter().map(|s| (s.id.as_str(), ())).collect();
    for service in &model.services {
        if let Some(owner) = service.owner.as_deref().filter(|o| teams.contains_key(o)) {
            let _ = writeln!(
                out,
                "    {} -> {} [dir=back, arrowtail=diamond, color=\"{}\", tooltip=\"owns\"];",
                quoted(owner),
                quoted(&service.id),
                palette::OWNERSHIP_EDGE.hex()
            );
        }
    }
    for dependency in &model.dependencies {
        if services.contains_key(dependency.from.as_str())
            && services.contains_key(dependency.to.as_str())
        {
            let _ = writeln!(
                out,
                "    {} -> {} [color=\"{}\", tooltip=\"depends on\"];",
                quoted(&dependency.from),
                quoted(&dependency.to),
                palette::DEPENDENCY_EDGE.hex()
            );
        }
    }
    out.push_str("}\n");
    out
}

fn team_node(out: &mut String, model: &Model, t: usize, indent: &str) {
    let team = &model.teams[t];
    let fill = palette::team_fill(team.kind);
    let _ = writeln!(
        out,
        "{indent}{} [label={}, shape=box, style=\"rounded,filled\", fillcolor=\"{}\", color=\"{}\"];",
        quoted(&team.id),
        quoted(&format!(
            "{}\n{} · {} people",
            team.name,
            team.kind.label(),
            team.members
        )),
        fill.hex(),
        fill.darker().hex()
    );
}

fn service_node(out: &mut String, model: &Model, s: usize, cover: Option<Cover>, indent: &str) {
    let service = &model.services[s];
    let shape = match service.kind {
        ServiceKind::Digital => "ellipse",
        ServiceKind::Cots => "box",
        ServiceKind::Foundational => "hexagon",
    };
    let (fill, stroke) = palette::cover_colours(cover.unwrap_or(Cover::NotRequired));
    let _ = writeln!(
        out,
        "{indent}{} [label={}, shape={shape}, fillcolor=\"{}\", color=\"{}\"];",
        quoted(&service.id),
        quoted(&service.name),
        fill.hex(),
        stroke.hex()
    );
}

/// A DOT quoted string: quotes and backslashes escaped, a line break as DOT's `\n`, other
/// control characters as spaces.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_line_breaks() {
        assert_eq!(quoted(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(quoted("x\ny\t"), r#""x\ny ""#);
    }
}
