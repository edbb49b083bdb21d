//! The canvas driven through the real editor with egui_kittest: presentation mode, focus on
//! the selection, names that stay legible, semantic zoom on a big model, and dragging that
//! only moves a node when it starts on one. Canvas nodes are painted, not in the
//! accessibility tree, so they are found by their screen position.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{Focus, OpmodelApp, Selection};
use opmodel::model::{Dependency, Service, ServiceKind};

mod support;
use support::{
    click_at, drag, harness_at, model_text, node_position, selection, shop_model, write,
};

/// The shared shop, with a payments service the web team also runs, which the shop front
/// depends on: Payments, exposure 5,000 → 95 %, needs no cover, so the cost stays 26,480.
fn with_shop(dir: &Path) -> Harness<'static, OpmodelApp> {
    let mut model = shop_model();
    let mut pay = Service::new("pay", "Payments", ServiceKind::Digital);
    pay.owner = Some("web".into());
    pay.exposure_per_hour = Some(5000.0);
    model.services.insert(1, pay);
    model.dependencies.push(Dependency {
        from: "shop".into(),
        to: "pay".into(),
    });
    harness_at(&write(dir, "shop.ron", &model_text(&model)), 1600.0, 1000.0)
}

fn press(harness: &mut Harness<'_, OpmodelApp>, key: Key) {
    harness.key_press(key);
    harness.run_steps(6);
}

#[test]
fn presentation_mode_shows_the_canvas_and_the_figures_and_keeps_editing_live() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    assert!(
        harness.query_by_label("File").is_some(),
        "the menu bar is there"
    );

    press(&mut harness, Key::F5);
    assert!(harness.state().is_presenting());
    assert!(
        harness.query_by_label("File").is_none(),
        "the menu bar is hidden"
    );
    assert!(
        harness.query_by_label_contains("Rotas (").is_none(),
        "the figures panel is hidden"
    );
    harness.get_by_label("GBP 26,480");
    harness.get_by_label("GBP 26,000 · GBP 480");
    // Ownership: 2 of 3 services have an owner, 66.7 %. On-call coverage: the shop front
    // and the orphan need cover, the shop front has it: 50.0 %. One error: the orphan.
    harness.get_by_label("66.7 %");
    harness.get_by_label("50.0 %");
    harness.get_by_label("1");

    // Clicking a node opens its "why" card over the canvas.
    let shop = node_position(&harness, "shop").expect("the shop front is drawn");
    click_at(&mut harness, shop);
    assert_eq!(selection(&harness), Some(Selection::Entity("shop".into())));
    harness.get_by_label("Shop front");
    harness.get_by_label("Line item:");

    // An edit in presentation mode updates the strip; undo brings it back.
    press(&mut harness, Key::Delete);
    assert!(harness.state().is_presenting());
    harness.get_by_label("GBP 0");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(6);
    harness.get_by_label("GBP 26,480");

    press(&mut harness, Key::Escape);
    assert!(!harness.state().is_presenting());
    assert!(
        harness.query_by_label("File").is_some(),
        "the menu bar is back"
    );
}

#[test]
fn presenting_draws_the_names_larger_and_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    press(&mut harness, Key::F5);
    let canvas = harness.state().canvas().unwrap();
    for id in ["shop", "pay", "legacy", "web"] {
        assert!(canvas.shows_name(id), "{id} is named in full");
    }
}

/// How many of a model's service names the canvas shows whole after `keys`, in a window of
/// `width` × `height`, out of how many; and the teams whose names it does not show whole.
fn names_shown_whole(
    path: &Path,
    width: f32,
    height: f32,
    keys: &[Key],
) -> (usize, usize, Vec<String>) {
    let mut harness = harness_at(path, width, height);
    harness.state_mut().finish_jobs();
    harness.run_steps(6);
    for key in keys {
        press(&mut harness, *key);
    }
    let model = opmodel::files::ron::load(path).unwrap();
    let canvas = harness.state().canvas().unwrap();
    let shown = model
        .services
        .iter()
        .filter(|s| canvas.shows_name(&s.id))
        .count();
    let unnamed_teams = model
        .teams
        .iter()
        .filter(|t| !canvas.shows_name(&t.id))
        .map(|t| t.name.clone())
        .collect();
    (shown, model.services.len(), unnamed_teams)
}

/// What a room sees: the samples fitted to a projector in presentation mode, and to a
/// full-HD screen and a 1600 × 1000 one in the editor, show every team's name whole and at
/// least nine service names in ten (the rest give way rather than overlap). The enterprise
/// sample on a projector is the hardest: two-row names between rows of services at a zoom
/// of about 0.39, side by side 95 px apart.
#[test]
fn the_samples_fitted_to_a_screen_show_their_names() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let presenting = &[Key::F5, Key::F][..];
    let checks = [
        ("retail-domains.ron", 1280.0, 720.0, presenting),
        ("retail-domains.ron", 1600.0, 1000.0, &[Key::F][..]),
        ("enterprise-hybrid.ron", 1280.0, 720.0, presenting),
        ("enterprise-hybrid.ron", 1920.0, 1080.0, &[Key::F][..]),
    ];
    for (file, width, height, keys) in checks {
        let (shown, all, unnamed_teams) =
            names_shown_whole(&samples.join(file), width, height, keys);
        assert!(
            shown * 10 >= all * 9,
            "{file} at {width}×{height}: {shown} of {all} service names whole"
        );
        assert_eq!(
            unnamed_teams,
            Vec::<String>::new(),
            "{file} at {width}×{height}"
        );
    }
}

#[test]
fn selecting_a_service_highlights_its_neighbours_and_dims_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    let focus =
        |harness: &Harness<'_, OpmodelApp>, id: &str| harness.state().canvas().unwrap().focus(id);
    assert_eq!(focus(&harness, "legacy"), Some(Focus::Plain));
    let shop = node_position(&harness, "shop").expect("the shop front is drawn");
    click_at(&mut harness, shop);
    assert_eq!(focus(&harness, "shop"), Some(Focus::Related));
    assert_eq!(focus(&harness, "web"), Some(Focus::Related), "its owner");
    assert_eq!(
        focus(&harness, "pay"),
        Some(Focus::Related),
        "its dependency"
    );
    assert_eq!(focus(&harness, "legacy"), Some(Focus::Dimmed));

    press(&mut harness, Key::Escape);
    assert_eq!(selection(&harness), None);
    assert_eq!(focus(&harness, "legacy"), Some(Focus::Plain));
}

#[test]
fn a_drag_with_space_held_that_starts_off_every_shape_pans_instead_of_moving_a_node() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    let shop = node_position(&harness, "shop").expect("the shop front is drawn");
    let opened = harness
        .state()
        .active_document()
        .unwrap()
        .model()
        .layout
        .clone();
    // Just outside the shop front's circle (radius 26 canvas units at a zoom of at most 2).
    let beside = shop + vec2(0.0, -70.0);
    // With Space held: a plain drag on empty canvas draws a rubber band instead.
    harness.key_down(Key::Space);
    drag(&mut harness, beside, vec2(80.0, 40.0));
    harness.key_up(Key::Space);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().layout, opened, "no node moved");
    assert!(doc.history().undo_label().is_none());
    let panned = node_position(&harness, "shop").unwrap();
    assert!(
        (panned - (shop + vec2(80.0, 40.0))).length() < 2.0,
        "the view followed the pointer: {shop:?} → {panned:?}"
    );

    drag(&mut harness, panned, vec2(60.0, 0.0));
    let doc = harness.state().active_document().unwrap();
    assert_ne!(
        doc.model().layout.get("shop"),
        opened.get("shop"),
        "a drag on the shape moves it"
    );
}

/// A synthetic model of 300 services in about a dozen domains.
fn big_model(dir: &Path) -> (PathBuf, opmodel::model::Model) {
    let model = support::synthetic::generate(300, 60, 400, 3);
    let path = dir.join("big.ron");
    opmodel::files::ron::save(&model, &path).expect("the model saves");
    (path, model)
}

#[test]
fn a_big_model_at_fit_shows_one_box_per_domain_and_double_click_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, model) = big_model(dir.path());
    let mut harness = harness_at(&path, 1280.0, 720.0);
    press(&mut harness, Key::F5);
    let canvas = harness.state().canvas().unwrap();
    assert!(canvas.is_overview(), "fit is zoomed out to the domains");
    let service = &model.services[0].id;
    assert!(
        node_position(&harness, service).is_none(),
        "services are inside the boxes"
    );
    let domain = &model.domains[0].id;
    let centre = node_position(&harness, domain).expect("each domain is a box");

    click_at(&mut harness, centre);
    click_at(&mut harness, centre);
    harness.run_steps(6);
    let canvas = harness.state().canvas().unwrap();
    assert!(!canvas.is_overview(), "the double-clicked domain is opened");
    let members: Vec<&str> = model
        .services
        .iter()
        .filter(|s| {
            s.owner
                .as_deref()
                .and_then(|o| model.team(o))
                .is_some_and(|t| t.domain.as_deref() == Some(domain.as_str()))
        })
        .map(|s| s.id.as_str())
        .collect();
    assert!(!members.is_empty());
    assert!(
        members.iter().any(|id| canvas.shows_name(id)),
        "its services are named"
    );
}

#[test]
fn find_selects_and_centres_what_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = with_shop(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(4);
    assert!(harness.state().is_searching());
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Find")
        .type_text("legacy");
    harness.run_steps(3);
    harness.get_by_label("Legacy reports  ·  service legacy");
    harness.key_press(Key::Enter);
    harness.run_steps(8);
    assert_eq!(
        selection(&harness),
        Some(Selection::Entity("legacy".into()))
    );
    assert!(
        !harness.state().is_searching(),
        "the box closes once something is picked"
    );
    // The canvas lies between the inspector (320 px) and the figures (420 px) of a 1600 px
    // window, so its centre is near x = 320 + (1600 − 740) / 2 = 750.
    let at = node_position(&harness, "legacy").unwrap();
    assert!((at.x - 750.0).abs() < 60.0, "centred across: {at:?}");
}

/// A big model's figures panel lists its rotas a page at a time (the rest of the panel
/// stays in reach, and a frame stays cheap): the first 25, then up to 25 more on request.
#[test]
fn a_big_models_rotas_are_listed_a_page_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let (path, model) = big_model(dir.path());
    let rotas = opmodel::analysis::analyze(&model).rotas;
    // 41 rotas: a page, and 16 more.
    assert!((26..=50).contains(&rotas.len()), "{} rotas", rotas.len());
    // Tall enough that the button below the page is on screen to click.
    let mut harness = harness_at(&path, 1600.0, 2000.0);
    harness.run_steps(4);
    let listed = |harness: &Harness<'_, OpmodelApp>, i: usize| {
        harness.query_all_by_label(&rotas[i].name).count() > 0
    };
    assert!(listed(&harness, 0) && listed(&harness, 24));
    assert!(!listed(&harness, 25), "the 26th rota waits for Show more");
    let more = format!("Show {0} more of {0}", rotas.len() - 25);
    harness.get_by_label(&more).click();
    harness.run_steps(4);
    assert!(listed(&harness, 25) && listed(&harness, rotas.len() - 1));
    assert!(harness.query_by_label(&more).is_none(), "all are listed");
}
