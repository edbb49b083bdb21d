//! What every picture of a model must hold (issue 16), checked on the samples and on
//! synthetic models, as the canvas, a slide and the deck draw them: every name nearer its
//! own shape than any other, every edge ending on the outlines of its two shapes, no edge
//! passing under a card or a header, and big estates summarised in boxes that keep their
//! name, counts and cost.

use std::path::Path;

use opmodel::analysis::analyze;
use opmodel::layout::labels::{GAP, Spot};
use opmodel::layout::{Rect, positions};
use opmodel::model::{Model, Position};
use opmodel::scene::draw::{Highlight, draw, outline_contains};
use opmodel::scene::marks::Shape;
use opmodel::scene::routes::crosses;
use opmodel::scene::{Look, Options, Scene, TextScale, View, view};

mod support;
use support::synthetic::generate;

fn sample(name: &str) -> Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(format!("{name}.ron"));
    opmodel::files::ron::load(&path).unwrap()
}

/// The samples with teams and services, and synthetic models of a few sizes.
fn models() -> Vec<(String, Model)> {
    let mut models: Vec<(String, Model)> = [
        "startup",
        "retail-domains",
        "enterprise-hybrid",
        "needs-attention",
        "payments-compliance",
    ]
    .iter()
    .map(|name| ((*name).to_owned(), sample(name)))
    .collect();
    for (services, teams, seed) in [(46, 9, 2), (120, 24, 5), (300, 40, 3)] {
        models.push((
            format!("synthetic {services}/{seed}"),
            generate(services, teams, services * 2, seed),
        ));
    }
    models
}

fn scene_of(model: &Model) -> Scene {
    Scene::build(
        model,
        &analyze(model),
        &positions(model),
        Options::default(),
    )
}

/// `scene` fitted to a screen of `size` with `text`, as a fit on the canvas or a slide.
fn fitted(scene: &Scene, size: (f64, f64), text: TextScale) -> View {
    let frame = Rect {
        min_x: 0.0,
        min_y: 0.0,
        max_x: size.0,
        max_y: size.1,
    };
    let bounds = scene.bounds.expect("a model with something in it");
    let (zoom, pan) = view::fit(&bounds, &frame, &[], 16.0, view::MAX_FIT_ZOOM);
    View {
        zoom,
        pan,
        frame,
        text,
        reserved_top: 0.0,
        summarise: true,
    }
}

/// The gap between two rectangles (0 when they touch or overlap).
fn gap(a: &Rect, b: &Rect) -> f64 {
    let dx = (b.min_x - a.max_x).max(a.min_x - b.max_x).max(0.0);
    let dy = (b.min_y - a.max_y).max(a.min_y - b.max_y).max(0.0);
    (dx * dx + dy * dy).sqrt()
}

/// The views each model is drawn through: at 100 % as an export, fitted to a projector
/// with presentation text, and fitted to a full-HD editor.
fn views(scene: &Scene) -> Vec<(&'static str, View)> {
    let natural = {
        let bounds = scene.bounds.unwrap().expand(40.0);
        View {
            zoom: 1.0,
            pan: Position {
                x: -bounds.min_x,
                y: -bounds.min_y,
            },
            frame: Rect {
                min_x: 0.0,
                min_y: 0.0,
                max_x: bounds.width(),
                max_y: bounds.height(),
            },
            text: TextScale::EDITOR,
            reserved_top: 0.0,
            summarise: false,
        }
    };
    vec![
        ("100 %", natural),
        (
            "projector",
            fitted(scene, (1264.0, 620.0), TextScale::PRESENTING),
        ),
        ("editor", fitted(scene, (1160.0, 960.0), TextScale::EDITOR)),
    ]
}

#[test]
fn every_name_is_nearer_its_own_shape_than_any_other() {
    for (name, model) in models() {
        let scene = scene_of(&model);
        for (how, view) in views(&scene) {
            let drawn = draw(&scene, &view, &Highlight::default());
            if drawn.overview {
                continue;
            }
            let shape_of = |i: usize| drawn.shapes.iter().find(|(n, _)| *n == i).map(|(_, r)| *r);
            for &(node, label, spot) in &drawn.labels {
                let own = shape_of(node).expect("a named node is drawn");
                let mine = gap(&label, &own);
                match spot {
                    Spot::Inside | Spot::Card => assert_eq!(mine, 0.0, "{name} {how}"),
                    Spot::Outside => assert!(mine <= GAP + 1e-6, "{name} {how}: {mine}"),
                }
                for &(other, shape) in &drawn.shapes {
                    // Shapes stacked on the name's own cannot be told apart from it.
                    if other == node || shape.overlaps(&own) {
                        continue;
                    }
                    let theirs = gap(&label, &shape);
                    assert!(
                        mine < theirs,
                        "{name} {how}: the name of {} is {mine:.1} px from it and {theirs:.1} px from {}",
                        scene.nodes[node].id,
                        scene.nodes[other].id
                    );
                }
            }
        }
    }
}

#[test]
fn every_edge_ends_on_the_outlines_of_its_shapes() {
    for (name, model) in models() {
        let scene = scene_of(&model);
        for edge in scene.edges.iter().filter(|e| !e.path.is_empty()) {
            let (from, to) = (&scene.nodes[edge.from], &scene.nodes[edge.to]);
            let ends = [(from, edge.path[0]), (to, edge.path[edge.path.len() - 1])];
            for (node, end) in ends {
                assert!(
                    outline_contains(node, end, 0.5) && !outline_contains(node, end, -0.5),
                    "{name}: the edge {} → {} ends at {end:?}, off the outline of {}",
                    from.id,
                    to.id,
                    node.id
                );
            }
        }
    }
}

#[test]
fn no_edge_passes_under_a_card_or_a_header() {
    for (name, model) in models() {
        let scene = scene_of(&model);
        let cards: Vec<(usize, Rect)> = scene
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| !matches!(n.look, Look::Service { .. }))
            .map(|(i, n)| (i, n.rect()))
            .collect();
        for edge in &scene.edges {
            for pair in edge.path.windows(2) {
                for (i, card) in &cards {
                    if *i == edge.from || *i == edge.to {
                        continue;
                    }
                    assert!(
                        !crosses(pair[0], pair[1], card),
                        "{name}: the edge {} → {} passes under {}",
                        scene.nodes[edge.from].id,
                        scene.nodes[edge.to].id,
                        scene.nodes[*i].id
                    );
                }
            }
        }
    }
}

/// A thousand services in forty-odd domains, fitted to a projector: one box per area
/// (the domains and what lies outside them), each with its name, its counts and its cost,
/// however long the domain's name.
#[test]
fn a_big_estate_far_out_is_a_box_per_area_with_its_name_counts_and_cost() {
    let mut model = generate(1000, 200, 2000, 5);
    model.domains[0].name =
        "Customer identity, accounts, onboarding, consent and everything else besides".to_owned();
    let scene = scene_of(&model);
    let view = fitted(&scene, (1264.0, 620.0), TextScale::PRESENTING);
    let drawn = draw(&scene, &view, &Highlight::default());
    assert!(drawn.overview);
    assert_eq!(drawn.boxes.len(), scene.areas.len());
    assert!(
        scene.areas.iter().any(|a| a.domain.is_none()),
        "an outside area"
    );
    for (area, rect) in &drawn.boxes {
        let texts: Vec<&str> = drawn
            .marks
            .list
            .iter()
            .filter(|m| {
                let b = m.bounds();
                b.min_x >= rect.min_x
                    && b.max_x <= rect.max_x
                    && b.min_y >= rect.min_y
                    && b.max_y <= rect.max_y
            })
            .filter_map(|m| match &m.shape {
                Shape::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let summary = &scene.areas[*area].summary;
        let lines = opmodel::scene::overview::lines(summary, &scene.currency);
        let name = &scene.areas[*area].name;
        let first_word = name.split_whitespace().next().unwrap();
        assert!(
            texts.first().is_some_and(|t| t.starts_with(first_word)),
            "{name}: {texts:?}"
        );
        assert!(texts.contains(&lines[0].as_str()), "{name}: {texts:?}");
        assert!(texts.contains(&lines[1].as_str()), "{name}: {texts:?}");
    }
}
