//! File › Import… and File › Export… driven through the editor's real UI with
//! egui_kittest, using the built-in file prompt: a sheet and a small Backstage folder open
//! as new unsaved tabs with their notes, a note's link selects its entity, a bad sheet opens
//! nothing, and every export format is written and readable by its own tools' parsers.

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::{OpmodelApp, Selection};

mod support;
use support::{app, finish_file_jobs, harness, write};

/// Checkout depends on Payments; both belong to the Payments team in Storefront, and Search
/// to the Discovery team, which is in no domain: 1 domain, 2 teams, 3 services, 1 dependency.
const SHEET: &str = "service,team,domain,members,depends_on\n\
                     Checkout,Payments,Storefront,6,Payments\n\
                     Payments,Payments,,,\n\
                     Search,Discovery,,4,\n";

/// A group `payments` of type team; `checkout` owned by it and depending on `ledger`;
/// `ledger` owned by a person (a note); `utils` a library (a note, skipped).
const CATALOG: &str = "apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: payments}
spec: {type: team}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: checkout}
spec: {type: service, owner: payments, lifecycle: production, dependsOn: ['component:ledger']}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: ledger}
spec: {type: service, owner: 'user:ann', lifecycle: production}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: utils}
spec: {type: library, owner: payments, lifecycle: production}
";

/// A web team owning its shop front.
const SHOP: &str = r#"(
    name: "Shop",
    teams: [(id: "web", name: "Web team", kind: Product, members: 6)],
    services: [(id: "shop", name: "Shop front", kind: Digital, owner: Some("web"),
                exposure_per_hour: Some(50000.0), callouts_per_year: 4.0)],
)"#;

/// File › `item`, through the menu bar.
fn file_menu(harness: &mut Harness<'_, OpmodelApp>, item: &str) {
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label_contains(item).click();
    harness.run_steps(3);
}

/// File › `item`, then the built-in prompt answered with `path`.
fn import_through_menu(harness: &mut Harness<'_, OpmodelApp>, item: &str, path: &Path) {
    file_menu(harness, item);
    let field =
        harness.get_by_label("Path of a .yaml, .yml or .csv file, or of a folder of catalog files");
    field.focus();
    field.type_text(&path.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Import").click();
    harness.run_steps(2);
    finish_file_jobs(harness);
}

/// Answers "Later" to what an import says first (SPEC 7.6): how many of its services,
/// here `heading`, are not assessed yet.
fn assess_later(harness: &mut Harness<'_, OpmodelApp>, heading: &str) {
    harness.get_by_label(heading);
    harness.get_by_label("Later").click();
    harness.run_steps(3);
    assert!(harness.query_by_label(heading).is_none());
}

#[test]
fn a_sheet_imported_from_the_menu_opens_in_a_new_unsaved_tab_with_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = write(dir.path(), "estate.csv", SHEET);
    let mut harness = harness(app());
    import_through_menu(&mut harness, "Import…", &sheet);
    // The sheet has no demand or exposure column.
    assess_later(&mut harness, "3 of 3 services are not assessed yet");

    let app = harness.state();
    assert_eq!(app.tab_count(), 2, "the empty model's tab stays");
    let doc = app.active_document().unwrap();
    assert!(doc.is_dirty(), "an import is unsaved");
    assert!(doc.path().is_none(), "an import has no file until saved");
    assert_eq!(doc.model().name, "estate");
    assert_eq!(doc.model().domains.len(), 1);
    assert_eq!(doc.model().teams.len(), 2);
    assert_eq!(doc.model().services.len(), 3);
    assert_eq!(doc.model().dependencies.len(), 1);
    assert!(
        doc.model()
            .services
            .iter()
            .all(|s| doc.model().layout.contains_key(&s.id)),
        "arranged once on open"
    );

    harness.get_by_label("Import notes");
    harness.get_by_label("Imported 1 domain, 2 teams, 3 services and 1 dependency.");
    harness.get_by_label("Dismiss").click();
    harness.run_steps(3);
    assert!(harness.query_by_label("Import notes").is_none());
    assert!(
        harness
            .state()
            .active_document()
            .unwrap()
            .import_notes()
            .is_none()
    );
}

#[test]
fn a_catalog_folder_imports_and_a_note_selects_and_centres_its_entity() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("acme");
    std::fs::create_dir(&catalog).unwrap();
    write(&catalog, "catalog-info.yaml", CATALOG);
    let mut harness = harness(app());
    import_through_menu(&mut harness, "Import a catalog folder…", &catalog);
    assess_later(&mut harness, "2 of 2 services are not assessed yet");

    let doc = harness.state().active_document().unwrap();
    assert!(doc.is_dirty() && doc.path().is_none());
    assert_eq!(doc.model().name, "acme");
    let ids: Vec<&str> = doc.model().services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["checkout", "ledger"], "the library is left out");
    assert_eq!(doc.model().dependencies.len(), 1);
    assert_eq!(harness.state().selection(), None);

    harness.get_by_label("Import notes");
    harness.get_by_label_contains("Owner is a user, not a team");
    harness.get_by_label_contains("Component that is not run");
    // A note names what it is about as the canvas does, not by its catalog reference:
    // `utils` became nothing, so its note is plain text naming its kind; `ledger` is a link.
    harness.get_by_label("utils (component)");
    assert!(
        harness
            .query_by_label_contains("component:default/")
            .is_none()
    );
    harness.get_by_label("ledger").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection(),
        Some(&Selection::Entity("ledger".into()))
    );
}

#[test]
fn a_bad_sheet_imports_nothing_and_says_which_row() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = write(
        dir.path(),
        "bad.csv",
        "service,team,members\nCheckout,Payments,many\n",
    );
    let mut harness = harness(app());
    import_through_menu(&mut harness, "Import…", &sheet);
    let message = harness
        .state()
        .error_message()
        .expect("an error dialog is open")
        .to_owned();
    assert!(message.contains("bad.csv"), "names the file: {message}");
    assert!(message.contains("row 2"), "names the row: {message}");
    assert_eq!(harness.state().tab_count(), 1);
    assert!(!harness.state().active_document().unwrap().is_dirty());
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    assert!(harness.state().error_message().is_none());
}

/// File › Export…, the format chosen by its button, and `file` typed over the suggestion.
fn export_dialog_with(harness: &mut Harness<'_, OpmodelApp>, format: &str, file: &Path) {
    file_menu(harness, "Export…");
    harness.get_by_label(format).click();
    harness.run_steps(1);
    let field = harness.get_by_label("File to write");
    field.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("File to write")
        .type_text(&file.display().to_string());
    harness.run_steps(1);
}

/// [`export_dialog_with`], then Export, and the file written.
fn export_through_menu(harness: &mut Harness<'_, OpmodelApp>, format: &str, file: &Path) {
    export_dialog_with(harness, format, file);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    finish_file_jobs(harness);
    assert!(harness.state().error_message().is_none());
}

#[test]
fn every_export_format_is_written_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.open_at_start(&write(dir.path(), "shop.ron", SHOP));
    let mut harness = harness(app);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    // Typed without an extension: the chosen format's is added.
    export_through_menu(&mut harness, "SVG picture", &out.join("shop"));
    let svg = std::fs::read_to_string(out.join("shop.svg")).unwrap();
    let document = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    assert_eq!(document.root_element().tag_name().name(), "svg");
    assert!(svg.contains("Shop front") && svg.contains("Web team"));

    export_through_menu(&mut harness, "PNG picture", &out.join("shop.png"));
    let bytes = std::fs::read(out.join("shop.png")).unwrap();
    let mut reader = png::Decoder::new(std::io::Cursor::new(&bytes))
        .read_info()
        .expect("a valid PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).expect("the PNG decodes");
    assert!(frame.width > 100 && frame.height > 100);

    export_through_menu(&mut harness, "Mermaid diagram", &out.join("shop.mmd"));
    let mermaid = std::fs::read_to_string(out.join("shop.mmd")).unwrap();
    assert!(mermaid.starts_with("flowchart LR"), "{mermaid}");

    // The extension typed wins over the button pressed: `.dot` is written as DOT.
    export_through_menu(&mut harness, "CSV sheet", &out.join("shop.dot"));
    let dot = std::fs::read_to_string(out.join("shop.dot")).unwrap();
    assert!(dot.starts_with("digraph"), "{dot}");

    export_through_menu(&mut harness, "CSV sheet", &out.join("shop.csv"));
    let sheet = std::fs::read_to_string(out.join("shop.csv")).unwrap();
    assert!(sheet.lines().next().unwrap().starts_with("service,team"));
    assert!(sheet.contains("Shop front,Web team"), "{sheet}");

    // The last folder and format are offered next time.
    file_menu(&mut harness, "Export…");
    let offered = harness
        .get_by_label("File to write")
        .value()
        .unwrap_or_default();
    let folder = out.canonicalize().unwrap();
    assert!(
        offered.starts_with(&folder.display().to_string()) && offered.ends_with(".csv"),
        "offers {offered}"
    );
    let status = harness.state().workspace.status().to_owned();
    assert_eq!(
        status,
        format!("Exported {}", out.join("shop.csv").display())
    );
}

#[test]
fn a_refused_export_path_keeps_the_keyboard_in_the_field_to_type_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.open_at_start(&write(dir.path(), "shop.ron", SHOP));
    let mut harness = harness(app);
    let missing = dir.path().join("missing");
    export_dialog_with(&mut harness, "SVG picture", &missing.join("shop"));
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    harness.get_by_label(&format!("There is no folder {}.", missing.display()));

    // Typed straight on, with no click: the keys land in the field.
    harness.key_press(Key::End);
    harness.run_steps(1);
    for _ in 0.."missing/shop".len() {
        harness.key_press(Key::Backspace);
    }
    harness.run_steps(1);
    harness.event(egui::Event::Text("shop".to_owned()));
    harness.run_steps(1);
    let typed = harness
        .get_by_label("File to write")
        .value()
        .unwrap_or_default();
    assert_eq!(typed, dir.path().join("shop").display().to_string());
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    finish_file_jobs(&mut harness);
    assert!(dir.path().join("shop.svg").is_file());
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_on_window(harness: &mut Harness<'_, OpmodelApp>, path: &Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    harness.run_steps(2);
    finish_file_jobs(harness);
}

#[test]
fn a_dropped_sheet_or_catalog_imports_and_a_dropped_model_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app());

    drop_on_window(&mut harness, &write(dir.path(), "estate.csv", SHEET));
    assert_eq!(harness.state().tab_count(), 2);
    let doc = harness.state().active_document().unwrap();
    assert!(doc.is_dirty() && doc.path().is_none());
    assert_eq!(doc.model().services.len(), 3);

    drop_on_window(
        &mut harness,
        &write(dir.path(), "catalog-info.yml", CATALOG),
    );
    assert_eq!(harness.state().tab_count(), 3);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().name, "catalog-info");
    assert_eq!(doc.model().teams.len(), 1);

    // A model replaces the active tab's model, as before: the import is unsaved, so the
    // editor first asks about it.
    let shop = write(dir.path(), "shop.ron", SHOP);
    drop_on_window(&mut harness, &shop);
    harness.get_by_label("Save changes?");
    harness.get_by_label("Don't save").click();
    harness.run_steps(2);
    finish_file_jobs(&mut harness);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().name, "Shop");
    assert_eq!(doc.path(), Some(shop.as_path()));
}
