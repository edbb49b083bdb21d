//! Helpers the tests share: the command line run as a process, the shop model and model
//! files in a temporary folder, the app under a kittest harness and what it shows (the
//! selection, where a node is drawn), clicks at a screen position (canvas nodes are painted,
//! not in the accessibility tree), waits that fail loudly, and [`synthetic`] models with the
//! seeded random number generator.

// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

pub mod synthetic;

use std::path::{Path, PathBuf};

use egui::{Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use opmodel::app::{Command, Document, OpmodelApp, Picker, RecentFiles, Selection};
use opmodel::edit::Edit;
use opmodel::model::Model;

/// Opens `path` in a new tab through the built-in file prompt, and waits for it to load.
pub fn open_in_new_tab(harness: &mut Harness<'_, OpmodelApp>, path: &Path) {
    harness
        .state_mut()
        .run(opmodel::app::UiCommand::OpenInNewTab);
    harness.run_steps(3);
    let field = egui_kittest::kittest::Queryable::get_by_label(harness, "Path of the .ron file");
    field.focus();
    field.type_text(&path.display().to_string());
    harness.key_press(egui::Key::Enter);
    harness.run_steps(4);
    harness.state_mut().finish_jobs();
    harness.run_steps(2);
}

/// Runs the `opmodel` binary with `args`: its exit code (-1 when a signal ended it),
/// standard output and standard error.
pub fn opmodel(args: &[&str]) -> (i32, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The shop the editor's tests share, named `name`: a web team of `members` on a team rota
/// for its shop front, and an unowned COTS report. Shop front: exposure 500,000 → 99.9 %,
/// very high demand → You Build It You Run It at team level, on the web team's rota, which
/// costs standby 500 × 52 = 26,000 plus callout 4 × 2 h × 60 = 480, so 26,480 whatever its
/// size; it is healthy from 3 people (the default minimum rota size). Legacy reports,
/// exposure 5,000 → 95 %, needs no cover, and has no owner: an orphan, which is an error.
pub fn shop_named(name: &str, members: u32) -> String {
    format!(
        r#"(
    name: "{name}",
    settings: (exposure_bands: [
        (max_exposure_per_hour: 10000.0, availability: 95.0),
        (max_exposure_per_hour: 100000.0, availability: 99.0),
        (max_exposure_per_hour: 1000000.0, availability: 99.9),
    ]),
    teams: [(id: "web", name: "Web team", kind: Product, members: {members})],
    services: [
        (id: "shop", name: "Shop front", kind: Digital, owner: Some("web"),
         exposure_per_hour: Some(500000.0), demand: VeryHigh, callouts_per_year: 4.0),
        (id: "legacy", name: "Legacy reports", kind: Cots, exposure_per_hour: Some(5000.0)),
    ],
)"#
    )
}

/// [`shop_named`] "Shop", with a web team of 6.
pub fn shop() -> String {
    shop_named("Shop", 6)
}

/// [`shop`] as a model, for a test to vary.
pub fn shop_model() -> Model {
    opmodel::files::ron::parse(&shop(), Path::new("shop.ron")).expect("the shop loads")
}

/// `model` written as a file.
pub fn model_text(model: &Model) -> String {
    opmodel::files::ron::to_ron(model)
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("the temporary folder is writable");
    path
}

/// An editor with the built-in file prompt and no recent files.
pub fn app() -> OpmodelApp {
    OpmodelApp::new(RecentFiles::default(), Picker::BuiltIn)
}

/// `app` in a 1600 × 1000 window, run until its panels have settled.
pub fn harness(app: OpmodelApp) -> Harness<'static, OpmodelApp> {
    let mut harness = Harness::builder()
        .with_size(vec2(1600.0, 1000.0))
        .build_ui_state(|ui, app: &mut OpmodelApp| app.show(ui), app);
    harness.run_steps(6);
    harness
}

/// The editor on `text`, saved as `shop.ron` in `dir`, in a 1600 × 1000 window.
pub fn open(dir: &Path, text: &str) -> Harness<'static, OpmodelApp> {
    let mut app = app();
    app.open_at_start(&write(dir, "shop.ron", text));
    harness(app)
}

/// The editor on the file at `path`, in a window of `width` × `height`. Frames are 1/60 s
/// apart, so that two clicks a few frames apart make a double click.
pub fn harness_at(path: &Path, width: f32, height: f32) -> Harness<'static, OpmodelApp> {
    let mut app = app();
    app.open_at_start(path);
    let mut harness = Harness::builder()
        .with_size(vec2(width, height))
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(|ui, app: &mut OpmodelApp| app.show(ui), app);
    harness.run_steps(8);
    harness
}

/// The active tab's document.
pub fn document<'a>(harness: &'a Harness<'_, OpmodelApp>) -> &'a Document {
    harness
        .state()
        .active_document()
        .expect("a document is open")
}

/// What the active tab has selected.
pub fn selection(harness: &Harness<'_, OpmodelApp>) -> Option<Selection> {
    harness.state().selection().cloned()
}

/// The ids of the entities the active tab has selected, in the order they were picked.
pub fn selected_ids(harness: &Harness<'_, OpmodelApp>) -> Vec<String> {
    harness
        .state()
        .selected()
        .into_iter()
        .filter_map(|s| match s {
            Selection::Entity(id) => Some(id),
            _ => None,
        })
        .collect()
}

/// A primary-button drag from `from` by `by`, in ten steps as a hand would.
pub fn drag(harness: &mut Harness<'_, OpmodelApp>, from: Pos2, by: egui::Vec2) {
    harness.hover_at(from);
    harness.run_steps(2);
    harness.drag_at(from);
    harness.run_steps(1);
    for step in 1..=10 {
        harness.hover_at(from + by * (step as f32 / 10.0));
        harness.run_steps(1);
    }
    harness.drop_at(from + by);
    harness.run_steps(4);
}

/// Where the active canvas last drew the entity `id`, if it drew it as a node.
pub fn node_position(harness: &Harness<'_, OpmodelApp>, id: &str) -> Option<Pos2> {
    harness.state().canvas().and_then(|c| c.screen_position(id))
}

/// Waits for background opens and saves, and shows their outcome.
pub fn finish_file_jobs(harness: &mut Harness<'_, OpmodelApp>) {
    harness.state_mut().finish_jobs();
    harness.run_steps(3);
}

/// A primary click at a screen position, after hovering there as a mouse would.
pub fn click_at(harness: &mut Harness<'_, OpmodelApp>, at: Pos2) {
    harness.hover_at(at);
    harness.run_steps(2);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(if pressed { 1 } else { 3 });
    }
}

/// Applies an edit to the active document at once, as a command, between frames.
pub fn apply_edit(harness: &mut Harness<'_, OpmodelApp>, label: &str, edit: Edit) {
    let app = harness.state_mut();
    let doc = app.active_document().expect("a document is open").id();
    app.workspace.push(Command::Edit {
        doc,
        label: label.to_owned(),
        edit: Ok(edit),
        merge_key: None,
    });
    app.workspace.drain();
    harness.run_steps(2);
}

/// Runs frames until the active document's last undo step is `label` (a step that lands
/// from a background job, such as the auto-layout); fails the test after ten seconds.
pub fn wait_for_step(harness: &mut Harness<'_, OpmodelApp>, label: &str) {
    let started = std::time::Instant::now();
    loop {
        harness.run_steps(1);
        let last = harness
            .state()
            .active_document()
            .and_then(|d| d.history().undo_label().map(str::to_owned));
        if last.as_deref() == Some(label) {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "no step “{label}” after ten seconds; the last step is {last:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Whether a terminal would obey `c`, or it would reorder or break a line: the C0 and C1
/// control codes and DEL, the bidi embeddings, overrides, isolates and marks, and the line
/// and paragraph separators. Written out here, apart from the library's own rule, so a
/// test of that rule can fail.
pub fn obeyed_by_terminal(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// A text as a YAML double-quoted scalar, everything but printable ASCII escaped, so any
/// text at all can go into a catalog file.
pub fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out.push('"');
    out
}

/// Copies `samples/retail-roadmap/` (the roadmap and its three phase models) into `dir`, so a
/// test may write beside them.
pub fn copy_sample_roadmap(dir: &std::path::Path) {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/retail-roadmap");
    for file in std::fs::read_dir(&folder).unwrap() {
        let file = file.unwrap().path();
        std::fs::copy(&file, dir.join(file.file_name().unwrap())).unwrap();
    }
}
