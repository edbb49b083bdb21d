//! The comparison tab and the window's chrome through the real UI with egui_kittest: what
//! the comparison lists and leaves out, the names on its charts, where a new tab opens, how
//! tabs of same-named models are told apart, and that every character painted has a glyph.
//! Chart labels are painted, not in the accessibility tree, so they are read from the
//! frame's text shapes.

use std::path::Path;

use egui::epaint::{ClippedShape, Shape};
use egui::{Event, Key, Modifiers, MouseWheelUnit, TouchPhase, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Picker, RecentFiles, UiCommand};

mod support;
use support::{harness, shop_named, write};

/// Opens `path` in a new tab through the built-in file prompt.
fn open_in_new_tab(harness: &mut Harness<'_, OpmodelApp>, path: &Path) {
    harness.state_mut().run(UiCommand::OpenInNewTab);
    harness.run_steps(3);
    let field = harness.get_by_label("Path of the .ron file");
    field.focus();
    field.type_text(&path.display().to_string());
    harness.key_press(Key::Enter);
    harness.run_steps(4);
}

/// Compares the active model with the open model whose button reads `other`.
fn compare_with(harness: &mut Harness<'_, OpmodelApp>, other: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(3);
    harness.get_by_label(other).click();
    harness.run_steps(4);
    assert!(harness.state().is_comparing());
}

/// A two-person shop (its rota below the minimum of 3) compared with a six-person one.
fn small_vs_big(dir: &Path) -> Harness<'static, OpmodelApp> {
    let big = write(dir, "shop.ron", &shop_named("Shop", 6));
    let small = write(dir, "small.ron", &shop_named("Shop, small team", 2));
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&big);
    let mut harness = harness(app);
    open_in_new_tab(&mut harness, &small);
    compare_with(&mut harness, "Shop (shop.ron)");
    harness
}

/// Every text painted in the last frame, with each section's font.
fn painted_texts(harness: &Harness<'_, OpmodelApp>) -> Vec<(String, egui::FontId)> {
    fn walk(shape: &Shape, out: &mut Vec<(String, egui::FontId)>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            Shape::Text(text) => {
                let job = &text.galley.job;
                for section in &job.sections {
                    out.push((
                        job.text[section.byte_range.start.0..section.byte_range.end.0].to_owned(),
                        section.format.font_id.clone(),
                    ));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ClippedShape { shape, .. } in &harness.output().shapes {
        walk(shape, &mut out);
    }
    out
}

/// Characters painted in the last frame that no font has, with the text they were in.
fn missing_glyphs(harness: &Harness<'_, OpmodelApp>) -> Vec<(char, String)> {
    let mut missing = Vec::new();
    for (text, font) in painted_texts(harness) {
        for c in text.chars().filter(|c| !c.is_whitespace()) {
            if !harness.ctx.fonts_mut(|f| f.has_glyph(&font, c)) {
                missing.push((c, text.clone()));
            }
        }
    }
    missing
}

#[test]
fn a_rota_that_becomes_healthy_is_listed_and_unchanged_values_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let harness = small_vs_big(dir.path());
    // A is the small team (pool 2, below 3: unhealthy), B the big one (pool 6: healthy).
    // The rota covers the same one service and costs 26,480 in both: neither is listed.
    // With the frequency and the weeks on call each person that the pool changes (SPEC 8.1).
    harness.get_by_label(
        "~ Web team: pool 2 → 6, 1 in 2 → 1 in 6, 26 → 8.7 weeks each, unhealthy → healthy",
    );
    harness.get_by_label_contains("members: 2 → 6");
    for (text, _) in painted_texts(&harness) {
        assert!(
            !text.contains("1 → 1") && !text.contains("26,480 → 26,480"),
            "an unchanged value is listed: {text}"
        );
    }
}

#[test]
fn charts_name_their_bars_and_every_painted_character_has_a_glyph() {
    let dir = tempfile::tempdir().unwrap();
    let harness = small_vs_big(dir.path());
    let texts: Vec<String> = painted_texts(&harness).into_iter().map(|t| t.0).collect();
    // The rota and team charts label their rows "Web team", never "team:web" or "web".
    assert!(texts.iter().any(|t| t == "Web team"), "{texts:?}");
    assert!(
        !texts.iter().any(|t| t == "team:web" || t == "web"),
        "a chart is labelled with an id: {texts:?}"
    );
    // The legend reads A and B above the bars; the x axis is money with separators.
    assert!(texts.iter().any(|t| t == "GBP a year"), "{texts:?}");
    assert_eq!(missing_glyphs(&harness), []);
}

#[test]
fn a_new_comparison_opens_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = small_vs_big(dir.path());
    // A short window, so that the comparison is taller than it.
    harness.set_size(vec2(1200.0, 500.0));
    harness.run_steps(3);
    let top = harness.get_by_label("Change").rect().top();
    harness.hover_at(egui::pos2(600.0, 300.0));
    harness.event(Event::MouseWheel {
        unit: MouseWheelUnit::Point,
        delta: vec2(0.0, -3000.0),
        phase: TouchPhase::Move,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(20);
    let scrolled = harness
        .query_by_label("Change")
        .map_or(f32::NEG_INFINITY, |n| n.rect().top());
    assert!(scrolled < top, "the first comparison scrolled down");
    // Back to the small model, and compare it again: a new tab, at the top.
    harness.get_by_label("Shop, small team").click();
    harness.run_steps(3);
    harness.state_mut().run(UiCommand::CompareWith);
    harness.run_steps(3);
    harness.get_by_label("Shop (shop.ron)").click();
    harness.run_steps(4);
    assert_eq!(harness.state().tab_count(), 4);
    assert_eq!(harness.get_by_label("Change").rect().top(), top);
}

#[test]
fn tabs_of_models_with_the_same_name_show_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let first = write(dir.path(), "retail.ron", &shop_named("Retail", 6));
    let second = write(dir.path(), "retail-v2.ron", &shop_named("Retail", 4));
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&first);
    let mut harness = harness(app);
    open_in_new_tab(&mut harness, &second);
    harness.get_by_label("Retail — retail.ron");
    // A what-if copy of the second reads as such.
    harness.state_mut().run(UiCommand::DuplicateScenario);
    harness.run_steps(3);
    harness.get_by_label("⎘ Retail (what-if) •");
    harness.get_by_label("Retail — retail-v2.ron").click();
    harness.run_steps(3);
    harness.get_by_label("Retail — retail-v2.ron");
    compare_with(&mut harness, "Retail (retail.ron)");
    harness.get_by_label("⚖ Retail — retail-v2.ron vs Retail — retail.ron");
}

#[test]
fn an_empty_model_shows_dashes_not_full_coverage() {
    let mut harness = harness(OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn));
    harness.run_steps(2);
    let dashes = harness.query_all_by_label("–").count();
    assert_eq!(dashes, 2, "ownership and on-call coverage");
    assert!(harness.query_by_label("100.0 %").is_none());
    harness.get_by_label("0 teams · 0 services · 0 rotas");
    harness.get_by_label("No findings: there is nothing to check yet.");
    assert_eq!(missing_glyphs(&harness), []);
}

#[test]
fn the_status_bar_names_an_undone_edit_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&write(dir.path(), "shop.ron", &shop_named("Shop", 6)));
    let mut harness = harness(app);
    harness
        .state()
        .select(Some(opmodel::app::Selection::Entity("shop".into())));
    harness.run_steps(3);
    harness.get_by_label("Out of hours").click();
    harness.run_steps(2);
    harness.get_by_label("Off").click();
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
    harness.get_by_label("Undid: Change out of hours of Shop front");
}

#[test]
fn counts_take_the_right_plural_and_money_its_separators() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&write(dir.path(), "solo.ron", &shop_named("Solo", 1)));
    let mut harness = harness(app);
    harness.get_by_label("1 team · 2 services · 1 rota");
    let texts: Vec<String> = painted_texts(&harness).into_iter().map(|t| t.0).collect();
    assert!(
        texts.iter().any(|t| t.ends_with("1 person")),
        "the team card counts one person: {texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("1 people")));
    harness
        .state()
        .select(Some(opmodel::app::Selection::Entity("shop".into())));
    harness.run_steps(3);
    harness.get_by_value("GBP 500,000");
}
