//! Whole editing sessions driven through the command channel, without a window: opening,
//! editing, undo, saving, closing with unsaved changes, files changed on disk, imports and
//! exports; and the changes of views — selection, tabs, windows, canvas modes and camera —
//! each a command like any other.

use std::path::{Path, PathBuf};

use super::*;
use crate::edit::actions;
use crate::files::fingerprint::DiskState;
use crate::model::{Model, Position, Service, ServiceKind, Team, TeamKind};

/// Web team `web` alone: a model that loads.
const MODEL: &str =
    r#"(name: "Shop", teams: [(id: "web", name: "Web", kind: Product, members: 6)])"#;

fn workspace() -> Workspace {
    Workspace::new(RecentFiles::default(), Picker::BuiltIn)
}

fn opened(path: &Path) -> Workspace {
    let mut ws = workspace();
    ws.open_at_start(path);
    ws
}

fn model_file(dir: &Path) -> PathBuf {
    let path = dir.join("shop.ron");
    std::fs::write(&path, MODEL).unwrap();
    path
}

/// Runs `command` and everything it leads to, waiting for background jobs.
fn run(ws: &mut Workspace, command: Command) {
    ws.push(command);
    ws.drain();
    ws.finish_jobs();
    ws.drain();
}

/// A sheet called `name` holding `text`, dropped on a fresh workspace; the sheet's folder
/// lives as long as the first of the three.
fn dropped(name: &str, text: &str) -> (tempfile::TempDir, PathBuf, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join(name);
    std::fs::write(&sheet, text).unwrap();
    let mut ws = workspace();
    run(&mut ws, Command::OpenDropped(sheet.clone()));
    (dir, sheet, ws)
}

fn add_team(ws: &mut Workspace, id: &str) {
    let doc = ws.active_document().unwrap();
    let team = Team::new(id, "Team", TeamKind::Product);
    let edit = actions::add_team(doc.model(), team, Position::default());
    let command = Command::Edit {
        doc: doc.id(),
        label: format!("Add {id}"),
        edit,
        merge_key: None,
    };
    run(ws, command);
}

/// The shop opened from its file in a new folder, with one unsaved edit: the team `ops`
/// added. The folder is removed when the first value is dropped.
fn edited() -> (tempfile::TempDir, PathBuf, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let path = model_file(dir.path());
    let mut ws = opened(&path);
    add_team(&mut ws, "ops");
    (dir, path, ws)
}

fn answer(ws: &mut Workspace, answer: Answer) {
    run(ws, Command::Answer(answer));
}

#[test]
fn an_edit_then_undo_is_clean_again_and_redo_dirty() {
    let (_dir, _, mut ws) = edited();
    assert!(ws.active_document().unwrap().is_dirty());
    run(&mut ws, Command::Ui(UiCommand::Undo));
    assert!(!ws.active_document().unwrap().is_dirty());
    assert_eq!(ws.status(), "Undid: Add ops");
    run(&mut ws, Command::Ui(UiCommand::Undo));
    assert_eq!(ws.status(), "Nothing to undo");
    run(&mut ws, Command::Ui(UiCommand::Redo));
    assert!(ws.active_document().unwrap().is_dirty());
}

#[test]
fn a_refused_edit_is_reported_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&model_file(dir.path()));
    add_team(&mut ws, "web");
    let doc = ws.active_document().unwrap();
    assert_eq!(doc.model().teams.len(), 1);
    assert_eq!(ws.status(), "`web` is already the id of a team.");
    assert_eq!(doc.edit_error(), Some(ws.status()));
    assert!(!doc.is_dirty());
}

#[test]
fn saving_writes_in_the_background_and_marks_clean() {
    let (_dir, path, mut ws) = edited();
    run(&mut ws, Command::Ui(UiCommand::Save));
    assert!(!ws.active_document().unwrap().is_dirty());
    assert_eq!(crate::files::ron::load(&path).unwrap().teams.len(), 2);
    assert_eq!(ws.status(), format!("Saved {}", path.display()));
}

#[test]
fn closing_an_unsaved_tab_asks_and_cancel_keeps_it() {
    let (_dir, _, mut ws) = edited();
    run(&mut ws, Command::Ui(UiCommand::CloseTab));
    let Some(Dialog::Unsaved { doc, then }) = ws.dialog() else {
        panic!("asks about unsaved changes");
    };
    let (doc, then) = (*doc, then.clone());
    answer(&mut ws, Answer::Close);
    assert_eq!(ws.active_document().unwrap().model().teams.len(), 2);
    run(&mut ws, Command::Ui(UiCommand::CloseTab));
    answer(&mut ws, Answer::Discard { doc, then });
    let fresh = ws.active_document().unwrap();
    assert!(fresh.path().is_none() && fresh.model().teams.is_empty());
}

#[test]
fn quitting_asks_about_each_unsaved_document_then_closes() {
    let (_dir, _, mut ws) = edited();
    run(&mut ws, Command::Ui(UiCommand::NewTab));
    add_team(&mut ws, "other");
    run(&mut ws, Command::Ui(UiCommand::Quit));
    for _ in 0..2 {
        assert!(!ws.wants_to_close());
        let Some(Dialog::Unsaved { doc, then }) = ws.dialog() else {
            panic!("asks about each unsaved document");
        };
        let (doc, then) = (*doc, then.clone());
        answer(&mut ws, Answer::Discard { doc, then });
    }
    assert!(ws.wants_to_close());
}

#[test]
fn save_as_over_an_existing_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = model_file(dir.path());
    let other = dir.path().join("other.ron");
    std::fs::write(&other, "precious").unwrap();
    let mut ws = opened(&path);
    let doc = ws.active_document().unwrap().id();
    let purpose = Purpose::SaveAs { doc, then: None };
    answer(
        &mut ws,
        Answer::PathChosen {
            purpose,
            path: other.clone(),
        },
    );
    assert!(matches!(ws.dialog(), Some(Dialog::ConfirmReplace { path, .. }) if *path == other));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "precious");
    answer(
        &mut ws,
        Answer::Replace {
            doc,
            path: other.clone(),
            then: None,
        },
    );
    assert_eq!(crate::files::ron::load(&other).unwrap().name, "Shop");
    assert_eq!(ws.active_document().unwrap().path(), Some(other.as_path()));
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let (_dir, path, mut ws) = edited();
    let theirs = MODEL.replace("\"Shop\"", "\"Their shop, renamed\"");
    std::fs::write(&path, &theirs).unwrap();
    ws.check_disk();
    assert!(matches!(
        ws.active_document().unwrap().disk_state(),
        Some((DiskState::Changed, false))
    ));
    run(&mut ws, Command::Ui(UiCommand::Save));
    let Some(Dialog::Conflict { doc, .. }) = ws.dialog() else {
        panic!("a conflict is shown");
    };
    let doc = *doc;
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    answer(&mut ws, Answer::ReloadFromDisk { doc });
    let reloaded = ws.active_document().unwrap();
    assert_eq!(reloaded.model().name, "Their shop, renamed");
    assert!(!reloaded.is_dirty());
    assert_eq!(ws.tab_count(), 1, "the reload replaces the tab");
}

#[test]
fn saving_over_a_file_never_read_asks_first() {
    // A tab restored after a crash knows its file's name but not what the file holds now.
    let dir = tempfile::tempdir().unwrap();
    let path = model_file(dir.path());
    let mut ws = workspace();
    ws.active_document_mut().unwrap().path = Some(path.clone());
    run(&mut ws, Command::Ui(UiCommand::Save));
    assert!(matches!(ws.dialog(), Some(Dialog::ConfirmReplace { .. })));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MODEL);
}

#[test]
fn saving_over_a_hand_written_file_asks_once_before_dropping_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shop.ron");
    let hand_written = format!("#![enable(implicit_some)]\n// Our shop, by hand.\n{MODEL}");
    std::fs::write(&path, &hand_written).unwrap();
    let mut ws = opened(&path);
    add_team(&mut ws, "ops");
    run(&mut ws, Command::Ui(UiCommand::Save));
    let Some(Dialog::DropsHandWritten {
        doc, then, parts, ..
    }) = ws.dialog()
    else {
        panic!("saving asks first");
    };
    assert_eq!((parts.comments, parts.header), (1, true));
    let (doc, then) = (*doc, then.clone());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), hand_written);
    answer(
        &mut ws,
        Answer::Replace {
            doc,
            path: path.clone(),
            then,
        },
    );
    assert_eq!(crate::files::ron::load(&path).unwrap().teams.len(), 2);
    add_team(&mut ws, "data");
    run(&mut ws, Command::Ui(UiCommand::Save));
    assert!(ws.dialog().is_none(), "asked once only");
    assert_eq!(crate::files::ron::load(&path).unwrap().teams.len(), 3);
}

#[test]
fn a_failed_open_leaves_everything_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = opened(&model_file(dir.path()));
    let missing = dir.path().join("missing.ron");
    run(&mut ws, Command::OpenRecent(missing));
    assert_eq!(ws.active_document().unwrap().model().name, "Shop");
    assert!(matches!(ws.dialog(), Some(Dialog::Error { .. })));
    assert_eq!(ws.tab_count(), 1);
}

#[test]
fn a_cancelled_open_is_dropped_when_it_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let path = model_file(dir.path());
    let mut ws = workspace();
    // Applied without collecting finished jobs, so the load is still waiting.
    ws.apply(Command::OpenRecent(path));
    let id = ws.jobs.running()[0].id;
    assert_eq!(ws.jobs.running()[0].describe(), "Opening shop.ron…");
    run(&mut ws, Command::CancelJob(id));
    assert_eq!(
        ws.active_document().unwrap().model().name,
        Model::default().name
    );
    assert_eq!(ws.status(), "Cancelled: Opening shop.ron");
}

#[test]
fn opening_a_file_that_is_open_switches_to_its_tab() {
    let dir = tempfile::tempdir().unwrap();
    let path = model_file(dir.path());
    let mut ws = opened(&path);
    run(&mut ws, Command::Ui(UiCommand::NewTab));
    run(&mut ws, Command::OpenRecent(path));
    assert_eq!(ws.tab_count(), 2);
    assert_eq!(ws.active, 0);
}

#[test]
fn a_dropped_sheet_opens_as_a_new_unsaved_tab_without_a_file() {
    let text = "service,team\nCheckout,Payments\nSearch,Payments\n";
    let (dir, _, ws) = dropped("estate.csv", text);
    assert_eq!(ws.tab_count(), 2);
    let doc = ws.active_document().unwrap();
    assert!(doc.is_dirty() && doc.path().is_none());
    assert_eq!(doc.model().name, "estate");
    // Two services, one team: 0 domains, 1 team, 2 services, 0 dependencies.
    assert_eq!(
        doc.import_notes().unwrap().counts,
        "Imported 0 domains, 1 team, 2 services and 0 dependencies."
    );
    assert_eq!(
        ws.status(),
        "Imported estate.csv into a new tab; save it to keep it"
    );
    assert_eq!(
        ws.transfer_folder(),
        Some(dir.path().canonicalize().unwrap().as_path())
    );
}

#[test]
fn a_bad_sheet_opens_nothing_and_says_where() {
    let (_dir, sheet, ws) = dropped("bad.csv", "service,team,members\nCheckout,Payments,many\n");
    assert_eq!(ws.tab_count(), 1);
    assert!(!ws.active_document().unwrap().is_dirty());
    assert_eq!(ws.status(), format!("Could not import {}", sheet.display()));
    let Some(Dialog::Error { message, .. }) = ws.dialog() else {
        panic!("the failure is shown");
    };
    assert!(message.contains("row 2"), "{message}");
}

#[test]
fn an_export_writes_the_format_the_extension_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace();
    let doc = ws.active_document().unwrap().id();
    let path = dir.path().join("shop.dot");
    run(
        &mut ws,
        Command::Answer(Answer::Export {
            source: ExportSource::Document(doc),
            format: ExportFormat::Dot,
            path: path.clone(),
        }),
    );
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("digraph")
    );
    assert_eq!(ws.status(), format!("Exported {}", path.display()));
    assert_eq!(ws.last_export_format, ExportFormat::Dot);
}

/// A workspace whose active tab holds services `a`, `b` and `c` and team `t`.
fn three_services() -> Workspace {
    let mut ws = workspace();
    let doc = ws.active_document().unwrap().id();
    let mut model = Model::named("Three");
    model.teams.push(Team::new("t", "T", TeamKind::Product));
    for id in ["a", "b", "c"] {
        model
            .services
            .push(Service::new(id, &id.to_uppercase(), ServiceKind::Digital));
    }
    ws.documents[0] = Document::new(doc, model, None);
    ws
}

fn active_view(ws: &Workspace) -> ViewId {
    ws.active_view().unwrap().id()
}

fn select(ws: &mut Workspace, id: &str) {
    let view = active_view(ws);
    let selection = Some(Selection::Entity(id.to_owned()));
    run(ws, Command::View(view, ViewCommand::Select(selection)));
}

fn selection(ws: &Workspace) -> Option<Selection> {
    ws.active_view().unwrap().selection().cloned()
}

#[test]
fn an_edit_built_before_a_delete_in_the_same_frame_changes_the_entity_it_names() {
    // In one frame the Delete key removes `a`, and the inspector, drawn from the model as it
    // was, renames `b`. Both land at the end of the frame, the delete first.
    let mut ws = three_services();
    select(&mut ws, "a");
    let doc = ws.active_document().unwrap();
    let mut renamed = doc.model().service("b").unwrap().clone();
    renamed.name = "Bee".into();
    let change = actions::update_service(doc.model(), renamed);
    let doc = doc.id();
    ws.push(Command::Ui(UiCommand::Delete));
    ws.push(Command::Edit {
        doc,
        label: "Change name of B".into(),
        edit: change,
        merge_key: None,
    });
    ws.drain();
    let services: Vec<(String, String)> = ws
        .active_document()
        .unwrap()
        .model()
        .services
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    assert_eq!(
        services,
        [("b".into(), "Bee".into()), ("c".into(), "C".into())]
    );
}

#[test]
fn selecting_goes_through_the_channel_and_only_what_exists_can_be_selected() {
    let mut ws = three_services();
    select(&mut ws, "b");
    assert_eq!(selection(&ws), Some(Selection::Entity("b".into())));
    select(&mut ws, "nowhere");
    assert_eq!(selection(&ws), Some(Selection::Entity("b".into())));
    // Deleting the selection clears it; undoing the delete does not bring it back.
    run(&mut ws, Command::Ui(UiCommand::Delete));
    assert_eq!(selection(&ws), None);
    run(&mut ws, Command::Ui(UiCommand::Undo));
    assert_eq!(selection(&ws), None);
    select(&mut ws, "b");
    run(&mut ws, Command::Ui(UiCommand::Escape));
    assert_eq!(selection(&ws), None, "Esc clears the selection");
}

#[test]
fn a_rename_then_a_select_of_the_new_id_land_in_order() {
    let mut ws = three_services();
    select(&mut ws, "b");
    let doc = ws.active_document().unwrap();
    let rename = actions::rename(doc.model(), "b", "bee");
    let (doc, view) = (doc.id(), active_view(&ws));
    ws.push(Command::Edit {
        doc,
        label: "Rename b to bee".into(),
        edit: rename,
        merge_key: None,
    });
    let selection_of = |id: &str| Some(Selection::Entity(id.to_owned()));
    ws.push(Command::View(
        view,
        ViewCommand::Select(selection_of("bee")),
    ));
    ws.drain();
    assert_eq!(selection(&ws), selection_of("bee"));
}

#[test]
fn adding_selects_the_new_entity_beside_the_selection_or_at_the_view_centre() {
    let mut ws = three_services();
    let view = active_view(&ws);
    let centre = Position {
        x: 5000.0,
        y: 5000.0,
    };
    run(&mut ws, Command::View(view, ViewCommand::Moved(centre)));
    run(&mut ws, Command::Ui(UiCommand::AddDomain));
    let doc = ws.active_document().unwrap();
    let Some(Selection::Entity(id)) = selection(&ws) else {
        panic!("the new domain is selected");
    };
    assert!(doc.model().domain(&id).is_some());
    let at = doc.model().layout[&id];
    let distance = ((at.x - centre.x).powi(2) + (at.y - centre.y).powi(2)).sqrt();
    assert!(distance < 1000.0, "placed near the view's centre: {at:?}");
    // With a team selected, a new service is that team's.
    select(&mut ws, "t");
    run(&mut ws, Command::Ui(UiCommand::AddService));
    let doc = ws.active_document().unwrap();
    let Some(Selection::Entity(id)) = selection(&ws) else {
        panic!("the new service is selected");
    };
    assert_eq!(
        doc.model().service(&id).unwrap().owner.as_deref(),
        Some("t")
    );
    assert_eq!(ws.status(), format!("Add service: New service ({id})"));
}

#[test]
fn tabs_windows_and_canvas_modes_change_only_by_command() {
    let mut ws = three_services();
    run(&mut ws, Command::Ui(UiCommand::NewTab));
    assert_eq!((ws.tab_count(), ws.active_index()), (2, 1));
    run(&mut ws, Command::SelectTab(0));
    assert_eq!(ws.active_index(), 0);
    run(&mut ws, Command::SelectTab(7));
    assert_eq!(ws.active_index(), 0, "no such tab: nothing changes");

    run(&mut ws, Command::Ui(UiCommand::Settings));
    assert!(ws.is_open(Window::Settings));
    run(&mut ws, Command::Hide(Window::Settings));
    assert!(!ws.is_open(Window::Settings));

    let modes = |ws: &Workspace| ws.active_view().unwrap().modes();
    run(&mut ws, Command::Ui(UiCommand::ConnectMode));
    run(&mut ws, Command::Ui(UiCommand::Find));
    assert!(modes(&ws).connecting && modes(&ws).searching);
    // Esc leaves the Find box first, then connect mode, then presentation mode.
    run(&mut ws, Command::Ui(UiCommand::Present));
    run(&mut ws, Command::Ui(UiCommand::Escape));
    assert!(!modes(&ws).searching && modes(&ws).connecting);
    run(&mut ws, Command::Ui(UiCommand::Escape));
    assert!(!modes(&ws).connecting && ws.is_presenting());
    run(&mut ws, Command::Ui(UiCommand::Escape));
    assert!(!ws.is_presenting());
    // The legend has a switch of its own while presenting.
    run(&mut ws, Command::Ui(UiCommand::Present));
    run(&mut ws, Command::Ui(UiCommand::ToggleLegend));
    assert!(modes(&ws).legend && modes(&ws).legend_presenting);
}

#[test]
fn revealing_an_entity_shows_its_tab_selects_it_and_asks_the_camera_to_centre_it() {
    let mut ws = three_services();
    let doc = ws.active_document().unwrap().id();
    run(&mut ws, Command::Ui(UiCommand::DuplicateScenario));
    // The what-if copy is active, after the comparison tab.
    assert_eq!(ws.tab_count(), 3);
    let selection = Selection::Entity("c".into());
    run(
        &mut ws,
        Command::Reveal {
            doc,
            selection: selection.clone(),
        },
    );
    assert_eq!(ws.active_index(), 0);
    let view = ws.active_view().unwrap();
    assert_eq!(view.selection(), Some(&selection));
    let last = view
        .camera()
        .requests_after(0)
        .last()
        .map(|(_, r)| r.clone());
    assert_eq!(last, Some(CameraRequest::Centre("c".into())));
    // Its tab closed, the original is gone with the comparison: nothing to reveal.
    run(&mut ws, Command::CloseTab(0));
    assert!(ws.document(doc).is_none());
    let tabs = ws.tab_count();
    run(&mut ws, Command::Reveal { doc, selection });
    assert_eq!(ws.tab_count(), tabs);
}

#[test]
fn the_auto_layout_runs_as_a_background_job_and_lands_as_one_step_then_fits() {
    let mut ws = three_services();
    let before = ws.active_document().unwrap().model().clone();
    run(&mut ws, Command::Ui(UiCommand::AutoLayout));
    let doc = ws.active_document().unwrap();
    assert_eq!(doc.history().undo_label(), Some("Auto-layout"));
    let arranged = crate::layout::auto::layout(&before, &mut |_| {});
    for (id, at) in arranged {
        assert_eq!(doc.model().layout[&id], at, "{id} as the layout put it");
    }
    let view = ws.active_view().unwrap();
    let last = view
        .camera()
        .requests_after(0)
        .last()
        .map(|(_, r)| r.clone());
    assert_eq!(last, Some(CameraRequest::Fit));
}

#[test]
fn a_file_changed_by_another_program_is_noticed_without_polling() {
    let dir = tempfile::tempdir().unwrap();
    let path = model_file(dir.path());
    let mut ws = opened(&path);
    let woken = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = std::sync::Arc::clone(&woken);
    ws.set_waker(std::sync::Arc::new(move || {
        flag.store(true, std::sync::atomic::Ordering::Relaxed);
    }));
    ws.drain();
    std::fs::write(&path, MODEL.replace("\"Shop\"", "\"Theirs\"")).unwrap();
    let started = std::time::Instant::now();
    while ws.active_document().unwrap().disk_state().is_none() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "the change was not noticed within ten seconds"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
        ws.drain();
    }
    assert_eq!(
        ws.active_document().unwrap().disk_state(),
        Some((DiskState::Changed, false))
    );
    assert!(
        woken.load(std::sync::atomic::Ordering::Relaxed),
        "the window was woken"
    );
}

#[test]
fn saving_is_not_taken_for_a_change_made_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = model_file(dir.path());
    let mut ws = opened(&path);
    ws.drain();
    add_team(&mut ws, "ops");
    run(&mut ws, Command::Ui(UiCommand::Save));
    // Give the watcher time to report the save's own write, then take what it sent.
    std::thread::sleep(std::time::Duration::from_millis(300));
    ws.drain();
    assert_eq!(ws.active_document().unwrap().disk_state(), None);
}
