//! The deck in the editor through its real UI with egui_kittest (SPEC 6.4): File › Export
//! deck… writes a PDF where the model was last saved, F5 on a comparison tab presents the
//! comparison (title, change table, both diagrams), and presentation mode's strip names the
//! model and the date. Diagram names are painted, not in the accessibility tree, so they are
//! read from the frame's text shapes.

use std::path::Path;

use egui::epaint::{ClippedShape, Shape};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Picker, RecentFiles, UiCommand};

mod support;
use support::{app, copy_sample_roadmap, finish_file_jobs, harness, harness_at, shop_named, write};

/// Every text painted in the last frame.
fn painted(harness: &Harness<'_, OpmodelApp>) -> Vec<String> {
    fn walk(shape: &Shape, out: &mut Vec<String>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            Shape::Text(text) => out.push(text.galley.job.text.clone()),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for ClippedShape { shape, .. } in &harness.output().shapes {
        walk(shape, &mut out);
    }
    out
}

/// Answers the built-in file prompt labelled `label` with `path`.
fn answer_prompt(harness: &mut Harness<'_, OpmodelApp>, label: &str, path: &Path) {
    harness.get_by_label(label).focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label(label)
        .type_text(&path.display().to_string());
    harness.run_steps(1);
}

/// File › Open in a new tab… with `path` typed in.
fn open_in_new_tab(harness: &mut Harness<'_, OpmodelApp>, path: &Path) {
    harness.state_mut().run(UiCommand::OpenInNewTab);
    harness.run_steps(3);
    answer_prompt(harness, "Path of the .ron file", path);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
}

/// Compare with… (Ctrl+K) on the active tab, choosing `choice`.
fn compare_with(harness: &mut Harness<'_, OpmodelApp>, choice: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(3);
    harness.get_by_label(choice).click();
}

#[test]
fn export_deck_writes_a_pdf_beside_the_model_just_saved_not_in_the_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("catalog");
    let saved = dir.path().join("decks");
    std::fs::create_dir_all(&catalog).unwrap();
    std::fs::create_dir_all(&saved).unwrap();
    let sheet = write(&catalog, "estate.csv", "service,team\nCheckout,Payments\n");
    let mut harness = harness(app());
    // An import remembers the catalog's folder…
    harness.state_mut().run(UiCommand::Import);
    harness.run_steps(2);
    answer_prompt(
        &mut harness,
        "Path of a .yaml, .yml or .csv file, or of a folder of catalog files",
        &sheet,
    );
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    finish_file_jobs(&mut harness);
    // The estate is not assessed yet: the editor says so first (SPEC 7.6); later, then.
    harness.get_by_label("Later").click();
    harness.run_steps(2);
    // …then the imported model is saved elsewhere, and the deck goes there.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(3);
    answer_prompt(
        &mut harness,
        "Path of the .ron file",
        &saved.join("estate.ron"),
    );
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    finish_file_jobs(&mut harness);
    assert!(saved.join("estate.ron").exists());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run_steps(3);
    let offered = harness
        .get_by_label("File to write")
        .value()
        .unwrap_or_default();
    let folder = saved.canonicalize().unwrap().display().to_string();
    assert!(
        offered.starts_with(&folder) && offered.ends_with("estate.pdf"),
        "{offered} in {folder}"
    );
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    finish_file_jobs(&mut harness);
    assert!(harness.state().error_message().is_none());
    let deck = std::fs::read(saved.canonicalize().unwrap().join("estate.pdf")).unwrap();
    assert!(deck.starts_with(b"%PDF-"));
}

#[test]
fn f5_on_a_comparison_presents_its_title_change_table_and_both_diagrams() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "shop.ron", &shop_named("Shop", 6));
    let small = write(
        dir.path(),
        "small.ron",
        &shop_named("Shop, small team", 2).replace("Shop front", "Small front"),
    );
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&big);
    let mut harness = harness(app);
    open_in_new_tab(&mut harness, &small);
    compare_with(&mut harness, "Shop (shop.ron)");
    harness.run_steps(4);
    assert!(harness.state().is_comparing());

    harness.key_press(Key::F5);
    harness.run_steps(3);
    assert!(harness.state().is_presenting());
    let texts = painted(&harness);
    let shows = |words: &str| texts.iter().any(|t| t.contains(words));
    assert!(shows("COMPARISON ·"), "{texts:?}");
    assert!(shows("A  Shop, small team    ·    B  Shop"), "{texts:?}");
    for words in ["B − A", "Annual cost (GBP)", "Unhealthy rotas"] {
        assert!(shows(words), "the change table's {words}: {texts:?}");
    }
    // Both diagrams, each with its own service and both teams' cards.
    for words in [
        "A · Shop, small team",
        "B · Shop",
        "Small front",
        "Shop front",
    ] {
        assert!(shows(words), "{words}: {texts:?}");
    }
    assert_eq!(texts.iter().filter(|t| t.contains("Web team")).count(), 2);

    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(!harness.state().is_presenting() && harness.state().is_comparing());
}

#[test]
fn a_three_way_comparison_presents_a_against_each_option_in_turn() {
    let dir = tempfile::tempdir().unwrap();
    let paths = [
        write(dir.path(), "shop.ron", &shop_named("Shop", 6)),
        write(
            dir.path(),
            "small.ron",
            &shop_named("Shop, small team", 2).replace("Shop front", "Small front"),
        ),
        write(
            dir.path(),
            "large.ron",
            &shop_named("Shop, large team", 9).replace("Shop front", "Large front"),
        ),
    ];
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&paths[0]);
    let mut harness = harness(app);
    for path in &paths[1..] {
        open_in_new_tab(&mut harness, path);
    }
    // From the last tab opened, so A is Shop, large team.
    compare_with(&mut harness, "All 3 models side by side");
    harness.run_steps(4);
    harness.key_press(Key::F5);
    harness.run_steps(3);
    let shows = |harness: &Harness<'_, OpmodelApp>, words: &str| {
        painted(harness).iter().any(|t| t.contains(words))
    };
    assert!(shows(&harness, "A  Shop, large team    ·    B  "));
    assert!(shows(&harness, "Option 1 of 2: ← → for the others"));
    assert!(shows(&harness, "B − A") && !shows(&harness, "C − A"));
    // A's service, and one of the other two: B's.
    assert!(shows(&harness, "Large front"));
    let fronts = ["Shop front", "Small front"];
    let b = fronts
        .iter()
        .position(|front| shows(&harness, front))
        .expect("B's service is drawn");
    let (b_front, c_front) = (fronts[b], fronts[1 - b]);
    assert!(!shows(&harness, c_front), "only A and B are drawn");

    // A presenter's clicker sends Page Down: the next option, with its letter and change.
    harness.key_press(Key::PageDown);
    harness.run_steps(3);
    assert!(shows(&harness, "A  Shop, large team    ·    C  "));
    assert!(shows(&harness, "Option 2 of 2: ← → for the others"));
    assert!(shows(&harness, "C − A") && !shows(&harness, "B − A"));
    assert!(shows(&harness, "C · ") && shows(&harness, c_front));
    assert!(!shows(&harness, b_front), "B's diagram is gone");
    // Past the last option it stays; back goes to B.
    harness.key_press(Key::ArrowRight);
    harness.run_steps(3);
    assert!(shows(&harness, "Option 2 of 2"));
    harness.key_press(Key::ArrowLeft);
    harness.run_steps(3);
    assert!(shows(&harness, "Option 1 of 2") && shows(&harness, b_front));
}

/// The PDF's page count, from its page tree's `/Count`.
fn pages_of(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Count ")
        .filter_map(|(at, _)| {
            text[at + 7..]
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()
        })
        .max()
        .unwrap_or(0)
}

/// Answers the open export dialog with `deck`, waits for the file, and returns its bytes:
/// a PDF, written without an error.
fn export_deck_to(harness: &mut Harness<'_, OpmodelApp>, deck: &Path) -> Vec<u8> {
    answer_prompt(harness, "File to write", deck);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    finish_file_jobs(harness);
    assert!(harness.state().error_message().is_none());
    let bytes = std::fs::read(deck).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    bytes
}

#[test]
fn export_deck_on_a_comparison_tab_writes_the_comparison_deck() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "shop.ron", &shop_named("Shop", 6));
    let b = write(dir.path(), "small.ron", &shop_named("Shop, small team", 2));
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&a);
    let mut harness = harness(app);
    harness.state_mut().run(UiCommand::OpenInNewTab);
    harness.run_steps(3);
    answer_prompt(&mut harness, "Path of the .ron file", &b);
    harness.key_press(Key::Enter);
    harness.run_steps(4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(3);
    harness.get_by_label("Shop (shop.ron)").click();
    harness.run_steps(4);
    assert!(harness.state().is_comparing());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run_steps(3);
    harness.get_by_label("Export the comparison deck (PDF)");
    // A deck has one format: no choice of SVG or CSV is offered.
    assert!(harness.query_by_label("SVG picture").is_none());
    let deck = dir.path().join("options.pdf");
    let bytes = export_deck_to(&mut harness, &deck);
    // The title, the change table, a diagram for each model, then what changed: more pages
    // than the two diagrams alone.
    assert!(pages_of(&bytes) >= 4, "{} pages", pages_of(&bytes));
}

#[test]
fn export_deck_on_a_roadmap_tab_writes_the_roadmap_deck_beside_the_roadmap() {
    let dir = tempfile::tempdir().unwrap();
    copy_sample_roadmap(dir.path());
    let mut app = OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn);
    app.open_at_start(&dir.path().join("harbour-and-hart.roadmap.ron"));
    let mut harness = harness(app);
    harness.run_steps(4);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::E);
    harness.run_steps(3);
    harness.get_by_label("Export the deck of the roadmap “Harbour & Hart to product domains”");
    let offered = harness
        .get_by_label("File to write")
        .value()
        .unwrap_or_default();
    let beside = Path::new(&offered)
        .parent()
        .and_then(|f| f.canonicalize().ok());
    assert_eq!(beside, dir.path().canonicalize().ok(), "{offered}");
    assert!(offered.ends_with(".pdf"), "{offered}");
    let deck = dir.path().join("year.pdf");
    let bytes = export_deck_to(&mut harness, &deck);
    // Title, the year, three diagrams and two phases' changes.
    assert!(pages_of(&bytes) >= 7, "{} pages", pages_of(&bytes));
}

#[test]
fn the_presentation_strip_names_the_model_and_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.open_at_start(&write(
        dir.path(),
        "shop.ron",
        &shop_named("Harbour & Hart", 6),
    ));
    let mut harness = harness(app);
    harness.key_press(Key::F5);
    harness.run_steps(3);
    let texts = painted(&harness);
    let today = opmodel::format::today().to_uppercase();
    assert!(texts.iter().any(|t| t == "Harbour & Hart"), "{texts:?}");
    assert!(texts.contains(&today), "{today} in {texts:?}");
    assert!(
        texts.iter().any(|t| t == "ANNUAL ON-CALL COST"),
        "{texts:?}"
    );
}

#[test]
fn the_toolbar_keeps_to_one_row_at_1280_pixels_with_the_model_commands_under_more() {
    let dir = tempfile::tempdir().unwrap();
    let model = write(dir.path(), "shop.ron", &shop_named("Shop", 6));
    for width in [1280.0, 1024.0] {
        let mut harness = harness_at(&model, width, 720.0);
        let row = harness.get_by_label_contains("Add team").rect();
        let more = harness.get_by_label("More").rect();
        assert_eq!(row.top(), more.top(), "one row at {width} px");
        assert!(more.right() <= width, "More is on screen at {width} px");
        harness.get_by_label("More").click();
        harness.run_steps(2);
        harness.get_by_label_contains("Compare with").click();
        harness.run_steps(3);
        // The command runs from the menu: its dialog opens.
        harness.get_by_label_contains("Compare “Shop” with");
    }
    // Wide enough for every name, the model's commands are buttons of their own.
    let harness = harness_at(&model, 1800.0, 900.0);
    assert!(harness.query_by_label("More").is_none());
    let row = harness.get_by_label_contains("Add team").rect();
    assert_eq!(
        harness.get_by_label_contains("Compare with").rect().top(),
        row.top()
    );
}
