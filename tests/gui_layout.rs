//! The stable layout and the auto-layout, driven through the editor's real UI with
//! egui_kittest: a model opened without positions is arranged once; adding, connecting,
//! renaming, deleting and regrouping never move anything else; new nodes land in free
//! space; domain areas hold their members and nothing else; auto-layout is one undo step.

use std::collections::BTreeMap;
use std::path::Path;

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Selection};
use opmodel::layout::areas::{domain_areas, intruders};
use opmodel::layout::sizes::{entities, footprint};
use opmodel::layout::{Positions, Rect};
use opmodel::model::{Model, Position};

mod support;
use support::{apply_edit, click_at, wait_for_step};

/// Two domains, each with a team owning two services, and a team with no domain owning
/// one; no positions saved, so the editor arranges it when it opens.
const TWO_DOMAINS: &str = r#"(
    name: "Two domains",
    domains: [(id: "shop", name: "Shop"), (id: "money", name: "Money")],
    teams: [
        (id: "web", name: "Web", kind: Product, members: 6, domain: Some("shop")),
        (id: "pay", name: "Payments", kind: Product, members: 5, domain: Some("money")),
        (id: "data", name: "Data", kind: Product, members: 4),
    ],
    services: [
        (id: "front", name: "Shop front", kind: Digital, owner: Some("web")),
        (id: "basket", name: "Basket", kind: Digital, owner: Some("web")),
        (id: "cards", name: "Card payments", kind: Digital, owner: Some("pay")),
        (id: "ledger", name: "Ledger", kind: Foundational, owner: Some("pay")),
        (id: "reports", name: "Reports", kind: Cots, owner: Some("data")),
    ],
)"#;

fn open(text: &str) -> (tempfile::TempDir, Harness<'static, OpmodelApp>) {
    let dir = tempfile::tempdir().unwrap();
    let harness = support::open(dir.path(), text);
    (dir, harness)
}

fn model(harness: &Harness<'_, OpmodelApp>) -> Model {
    harness.state().active_document().unwrap().model().clone()
}

fn layout(harness: &Harness<'_, OpmodelApp>) -> BTreeMap<String, Position> {
    model(harness).layout
}

fn positions(model: &Model) -> Positions {
    model.layout.clone().into_iter().collect()
}

/// Every id of `before` is where it was.
fn assert_unmoved(before: &BTreeMap<String, Position>, after: &BTreeMap<String, Position>) {
    for (id, at) in before {
        if let Some(now) = after.get(id) {
            assert_eq!(now, at, "{id} moved");
        }
    }
}

fn node_position(harness: &Harness<'_, OpmodelApp>, id: &str) -> Pos2 {
    harness
        .state()
        .canvas()
        .and_then(|c| c.screen_position(id))
        .expect("the node was drawn")
}

fn connect(harness: &mut Harness<'_, OpmodelApp>, from: &str, to: &str) {
    harness.key_press(Key::C);
    harness.run_steps(2);
    let (a, b) = (node_position(harness, from), node_position(harness, to));
    click_at(harness, a);
    click_at(harness, b);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
}

/// The footprints of every placed node of `model` overlapping the footprint of `id`.
fn overlapping(model: &Model, id: &str) -> Vec<String> {
    let placed = positions(model);
    let rects: Vec<(&str, Rect)> = entities(model)
        .filter_map(|(i, kind, name)| Some((i, footprint(kind, name, *placed.get(i)?))))
        .collect();
    let mine = rects.iter().find(|(i, _)| *i == id).expect("placed").1;
    rects
        .iter()
        .filter(|(i, r)| *i != id && r.overlaps(&mine))
        .map(|(i, _)| (*i).to_owned())
        .collect()
}

#[test]
fn a_model_without_positions_is_arranged_once_when_it_opens() {
    let (_dir, harness) = open(TWO_DOMAINS);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(
        doc.model().layout.len(),
        2 + 3 + 5,
        "every node has a position"
    );
    assert!(!doc.is_dirty(), "arranging on open is not an edit");
    assert_eq!(intruders(doc.model(), &positions(doc.model())), vec![]);
    assert!(
        doc.model()
            .layout
            .values()
            .all(|p| p.x == (p.x * 10.0).round() / 10.0 && p.y == (p.y * 10.0).round() / 10.0),
        "positions are rounded to 0.1"
    );
}

#[test]
fn adding_things_moves_nothing_and_lands_on_nothing() {
    let (_dir, mut harness) = open(TWO_DOMAINS);
    for key in [Key::D, Key::T] {
        let before = layout(&harness);
        harness.key_press(key);
        harness.run_steps(3);
        let after = layout(&harness);
        assert_eq!(after.len(), before.len() + 1);
        assert_unmoved(&before, &after);
        // Enter keeps the name the new node starts with, ready to be typed over.
        harness.key_press(Key::Enter);
        harness.run_steps(3);
    }
    // A service for the selected team goes under it, inside its domain.
    harness
        .state()
        .select(Some(Selection::Entity("web".into())));
    harness.run_steps(2);
    let before = layout(&harness);
    harness.key_press(Key::S);
    harness.run_steps(3);
    assert_unmoved(&before, &layout(&harness));
    let model = model(&harness);
    for id in ["new-domain", "new-team", "new-service"] {
        assert_eq!(overlapping(&model, id), Vec::<String>::new(), "{id}");
    }
    assert_eq!(
        model.service("new-service").unwrap().owner.as_deref(),
        Some("web")
    );
    assert!(model.layout["new-service"].y > model.layout["web"].y);
    assert_eq!(intruders(&model, &positions(&model)), vec![]);
}

#[test]
fn connecting_renaming_and_deleting_move_nothing() {
    let (_dir, mut harness) = open(TWO_DOMAINS);
    let before = layout(&harness);
    connect(&mut harness, "front", "cards");
    assert_eq!(
        model(&harness).dependencies.len(),
        1,
        "the dependency was added"
    );
    assert_eq!(layout(&harness), before);

    harness
        .state()
        .select(Some(Selection::Entity("basket".into())));
    harness.run_steps(3);
    harness.get_by_label("Id").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Id").type_text("cart");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let renamed = layout(&harness);
    assert_eq!(
        renamed.get("cart"),
        before.get("basket"),
        "the new id keeps the place"
    );
    assert_unmoved(&before, &renamed);

    harness
        .state()
        .select(Some(Selection::Entity("data".into())));
    harness.run_steps(2);
    harness.key_press(Key::Delete);
    harness.run_steps(3);
    let after = layout(&harness);
    assert!(
        model(&harness).team("data").is_none(),
        "the team was deleted"
    );
    assert!(!after.contains_key("data"));
    assert_unmoved(&before, &after);
}

#[test]
fn a_team_joining_a_domain_moves_in_with_its_services_in_one_undo_step() {
    let (_dir, mut harness) = open(TWO_DOMAINS);
    let before = layout(&harness);
    connect(&mut harness, "data", "shop");
    let after = model(&harness);
    assert_eq!(after.team("data").unwrap().domain.as_deref(), Some("shop"));
    assert_eq!(intruders(&after, &positions(&after)), vec![]);
    let shop = domain_areas(&after, |id| after.layout.get(id).copied())
        .into_iter()
        .find(|(d, _)| *d == "shop")
        .unwrap()
        .1;
    for id in ["data", "reports"] {
        let at = after.layout[id];
        assert!(
            shop.overlaps(&Rect::around(at, 1.0, 1.0)),
            "{id} is inside the shop area"
        );
    }
    let others: BTreeMap<String, Position> = before
        .iter()
        .filter(|(id, _)| !["data", "reports"].contains(&id.as_str()))
        .map(|(id, p)| (id.clone(), *p))
        .collect();
    assert_unmoved(&others, &after.layout);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let undone = model(&harness);
    assert_eq!(
        undone.team("data").unwrap().domain,
        None,
        "one step undoes the domain"
    );
    assert_eq!(undone.layout, before, "and the move");
}

#[test]
fn auto_layout_runs_in_the_background_and_lands_as_one_undo_step() {
    let (_dir, mut harness) = open(TWO_DOMAINS);
    // Drag-like mess first: everything piled up in one spot.
    let piled = opmodel::edit::actions::move_to(
        model(&harness)
            .layout
            .keys()
            .map(|id| (id.clone(), Position { x: 0.0, y: 0.0 }))
            .collect(),
    );
    apply_edit(&mut harness, "Pile up", piled);
    harness.run_steps(2);
    harness.key_press(Key::L);
    wait_for_step(&mut harness, "Auto-layout");
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.history().undo_label(), Some("Auto-layout"));
    let arranged = doc.model().clone();
    assert_eq!(intruders(&arranged, &positions(&arranged)), vec![]);
    let areas = domain_areas(&arranged, |id| arranged.layout.get(id).copied());
    assert_eq!(areas.len(), 2);
    assert!(
        !areas[0].1.overlaps(&areas[1].1),
        "domain areas do not overlap"
    );
    let expected: BTreeMap<String, Position> =
        opmodel::layout::auto::layout(&arranged, &mut |_| {})
            .into_iter()
            .collect();
    assert_eq!(
        arranged.layout, expected,
        "the same input gives the same positions"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    let undone = model(&harness);
    assert!(
        undone
            .layout
            .values()
            .all(|p| *p == Position { x: 0.0, y: 0.0 })
    );
}

#[test]
fn adding_a_domain_to_a_sample_moves_nothing() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/enterprise-hybrid.ron");
    let (_dir, mut harness) = open(&std::fs::read_to_string(sample).unwrap());
    let before = layout(&harness);
    harness.key_press(Key::D);
    harness.run_steps(3);
    let after = layout(&harness);
    assert_eq!(after.len(), before.len() + 1);
    assert_unmoved(&before, &after);
    let model = model(&harness);
    assert_eq!(overlapping(&model, "new-domain"), Vec::<String>::new());
}
