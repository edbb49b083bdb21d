//! The editor's file safety, driven through its real UI with egui_kittest: the offer to
//! restore work left by a crash, autosave copies, asking before replacing a file, and the
//! banner for a file changed on disk.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use opmodel::app::OpmodelApp;
use opmodel::files::recovery::{self, Session, Snapshot};
use opmodel::model::Model;

mod support;
use support::{app, harness, shop, shop_named};

/// The recovery copies under `data`, from every session.
fn copies(data: &Path) -> Vec<PathBuf> {
    let Ok(sessions) = std::fs::read_dir(recovery::recovery_folder(data)) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = sessions
        .filter_map(Result::ok)
        .filter_map(|s| std::fs::read_dir(s.path()).ok())
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// Steps the app until `done` holds (the recovery writer runs on its own thread).
fn wait_for(harness: &mut Harness<'_, OpmodelApp>, what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "waited for {what}"
        );
        harness.run_steps(1);
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A copy of an edited "Client estate" left by an editor that was killed.
fn crashed_session(data: &Path, file: Option<&Path>) -> PathBuf {
    let session = Session::start(data).unwrap();
    let mut model = Model::named("Client estate");
    model.description = "edited before the crash".into();
    session.write(1, &Snapshot::now(&model, file)).unwrap();
    let copy = copies(data).pop().unwrap();
    // Dropping the session without ending it is what a kill leaves: the copy and an
    // unlocked lock file.
    drop(session);
    copy
}

#[test]
fn work_left_by_a_crash_is_offered_and_restores_as_an_unsaved_tab() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("client.ron");
    let old_copy = crashed_session(data.path(), Some(&file));
    let app = app().with_recovery(data.path(), Duration::from_secs(1));
    let mut harness = harness(app);
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label("Client estate");
    harness.get_by_label(&file.display().to_string());
    harness.get_by_label("saved just now");
    harness.get_by_label("Restore").click();
    harness.run_steps(3);
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model().description, "edited before the crash");
    assert_eq!(doc.path(), Some(file.as_path()));
    assert!(doc.is_dirty(), "a restored tab opens unsaved");
    assert!(harness.state().title().starts_with("● "));
    assert!(!old_copy.exists(), "the old copy goes");
    wait_for(&mut harness, "this session's own copy", || {
        copies(data.path()).len() == 1
    });
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
}

#[test]
fn discarding_recovered_work_deletes_its_copy() {
    let data = tempfile::tempdir().unwrap();
    let old_copy = crashed_session(data.path(), None);
    let mut harness = harness(app().with_recovery(data.path(), Duration::from_secs(1)));
    harness.get_by_label("never saved");
    harness.get_by_label("Discard").click();
    harness.run_steps(3);
    assert!(!old_copy.exists());
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
    let doc = harness.state().active_document().unwrap();
    assert_eq!(doc.model(), &Model::default(), "nothing was restored");
}

#[test]
fn deciding_later_keeps_the_copy_for_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let old_copy = crashed_session(data.path(), None);
    let mut harness = harness(app().with_recovery(data.path(), Duration::from_secs(1)));
    harness.get_by_label("Decide later").click();
    harness.run_steps(3);
    assert!(old_copy.exists());
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
}

#[test]
fn an_unsaved_change_is_copied_and_saving_deletes_the_copy() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = harness(app().with_recovery(data.path(), Duration::from_secs(1)));
    assert!(
        copies(data.path()).is_empty(),
        "nothing unsaved, nothing copied"
    );
    harness.get_by_label("✚ Add team").click();
    harness.run_steps(2);
    wait_for(&mut harness, "a copy of the edit", || {
        copies(data.path()).len() == 1
    });
    let copy = std::fs::read_to_string(&copies(data.path())[0]).unwrap();
    assert!(copy.contains("New team"), "the copy holds the edit: {copy}");
    let target = data.path().join("saved.ron");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run_steps(3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Path of the .ron file")
        .type_text(&target.display().to_string());
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    harness.state_mut().finish_jobs();
    harness.run_steps(2);
    assert!(target.exists());
    wait_for(&mut harness, "the copy to go", || {
        copies(data.path()).is_empty()
    });
}

#[test]
fn save_as_onto_the_open_file_asks_before_replacing_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.ron");
    std::fs::write(&path, shop()).unwrap();
    let mut app = app();
    app.open_at_start(&path);
    let mut harness = harness(app);
    harness.get_by_label("✚ Add domain").click();
    harness.run_steps(2);
    // The prompt opens on the file's own path and has the keyboard: Enter confirms it.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run_steps(3);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    harness.get_by_label("Replace the file?");
    harness.get_by_label_contains("shop.ron already exists");
    harness.get_by_label("Cancel").click();
    harness.run_steps(2);
    harness.state_mut().finish_jobs();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        shop(),
        "the file is untouched"
    );
    assert!(harness.state().active_document().unwrap().is_dirty());
}

#[test]
fn a_file_changed_on_disk_shows_a_banner_that_reloads_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.ron");
    std::fs::write(&path, shop()).unwrap();
    let mut app = app();
    app.open_at_start(&path);
    let mut harness = harness(app);
    assert!(harness.query_by_label_contains("changed on disk").is_none());
    std::fs::write(&path, shop_named("Shop, edited by git", 6)).unwrap();
    harness.state_mut().workspace.check_disk();
    harness.run_steps(2);
    harness.get_by_label_contains("was changed on disk by another program");
    harness.get_by_label("Reload").click();
    harness.run_steps(2);
    harness.state_mut().finish_jobs();
    harness.run_steps(2);
    assert_eq!(
        harness.state().active_document().unwrap().model().name,
        "Shop, edited by git"
    );
    assert!(harness.query_by_label_contains("changed on disk").is_none());
}

/// Whether a program is on the PATH.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Runs xdotool with `args`, giving up after `seconds`.
fn xdotool(args: &[&str], seconds: u32) -> bool {
    std::process::Command::new("timeout")
        .arg(seconds.to_string())
        .arg("xdotool")
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// The real editor, with its data folder (and eframe's) in `data` and a one-second autosave.
fn start_editor(data: &Path) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_opmodel"))
        .env("OPMODEL_DATA_DIR", data)
        .env("XDG_DATA_HOME", data)
        .env("OPMODEL_AUTOSAVE_SECONDS", "1")
        .env("OPMODEL_FILE_DIALOG", "builtin")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the editor starts")
}

/// Polls `done` for up to `seconds`.
fn eventually(seconds: u64, done: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(seconds) {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

#[test]
#[ignore = "needs an X display (DISPLAY) and xdotool to drive the real editor"]
fn a_killed_editor_leaves_its_unsaved_work_and_the_next_start_takes_it_up() {
    assert!(
        std::env::var_os("DISPLAY").is_some() && on_path("xdotool"),
        "this test drives the real editor: it needs an X display (DISPLAY) and xdotool"
    );
    let data = tempfile::tempdir().unwrap();
    let mut editor = start_editor(data.path());
    // Focusing fails until the window is mapped, so it is tried until it works.
    let focused = eventually(60, || {
        xdotool(
            &["search", "--sync", "--name", "Opmodel", "windowfocus"],
            10,
        )
    });
    if !focused {
        let _ = editor.kill();
        let _ = editor.wait();
        panic!("the editor's window did not appear");
    }
    std::thread::sleep(Duration::from_millis(500));
    assert!(xdotool(&["key", "t"], 10), "xdotool pressed T");
    let copied = eventually(30, || {
        copies(data.path())
            .first()
            .and_then(|c| std::fs::read_to_string(c).ok())
            .is_some_and(|text| text.contains("New team"))
    });
    editor.kill().unwrap(); // SIGKILL: no clean exit.
    editor.wait().unwrap();
    assert!(copied, "a recovery copy with the new team was written");
    let copy = copies(data.path())
        .pop()
        .expect("the copy survives the kill");
    assert!(std::fs::read_to_string(&copy).unwrap().contains("New team"));
    assert_eq!(
        recovery::stale(data.path()).len(),
        1,
        "it is offered to the next start"
    );

    let mut editor = start_editor(data.path());
    let shown = xdotool(&["search", "--sync", "--name", "Opmodel"], 60);
    // The new editor holds the crashed session's lock while it offers the copy, so no other
    // editor can take it, and the copy stays until the offer is answered.
    let offering = shown && eventually(20, || recovery::stale(data.path()).is_empty());
    let kept = copy.exists();
    editor.kill().unwrap();
    editor.wait().unwrap();
    assert!(offering, "the restarted editor took up the copy");
    assert!(kept, "the copy is kept until the offer is answered");
    assert_eq!(
        recovery::stale(data.path()).len(),
        1,
        "still there for next time"
    );
}

#[test]
fn a_copy_cut_short_is_kept_and_named_in_the_status_line() {
    let data = tempfile::tempdir().unwrap();
    let session = Session::start(data.path()).unwrap();
    let broken = session.folder().join("tab-9.ron");
    std::fs::write(&broken, "(name: \"Client est").unwrap();
    drop(session);
    let app = app().with_recovery(data.path(), Duration::from_secs(1));
    let harness = harness(app);
    assert!(broken.exists());
    harness.get_by_label_contains("a recovery copy could not be read and is kept: ");
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
}
