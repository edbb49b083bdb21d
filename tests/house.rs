//! The house rules of README's "How the code is laid out", checked on the sources
//! themselves, so that a change that breaks one fails here rather than in a later review:
//! the domain core and the editor's state use no egui, no module uses one on its own floor
//! or above, only `lib.rs`, `main.rs` and `cli.rs`
//! stand loose at the top of `src/`, and every module opens with a doc comment saying what
//! it is for.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, as a path from the crate's root, in a stable order.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_owned()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("a source folder reads") {
            let path = entry.expect("a folder entry reads").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Where egui may be used: the editor's views, and the app's entry that hands the state a
/// window.
fn may_use_egui(path: &Path) -> bool {
    let relative = path.strip_prefix(src()).expect("under src/");
    relative.starts_with("app/views") || relative == Path::new("app/mod.rs")
}

#[test]
fn the_core_and_the_editors_state_use_no_egui() {
    let mut offenders = Vec::new();
    for path in sources(&src()).into_iter().filter(|p| !may_use_egui(p)) {
        let text = fs::read_to_string(&path).expect("a source reads");
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if ["egui::", "use egui", "eframe", "egui_"]
                .iter()
                .any(|word| code.contains(word))
            {
                offenders.push(format!("{}:{}: {line}", path.display(), number + 1));
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}

#[test]
fn only_lib_main_and_cli_stand_loose_at_the_top_of_src() {
    let mut loose: Vec<String> = fs::read_dir(src())
        .expect("src/ reads")
        .map(|entry| entry.expect("an entry reads").path())
        .filter(|path| path.is_file())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    loose.sort();
    assert_eq!(loose, ["cli.rs", "lib.rs", "main.rs"]);
}

#[test]
fn every_module_opens_with_a_doc_comment() {
    let undocumented: Vec<String> = sources(&src())
        .into_iter()
        .filter(|path| {
            let text = fs::read_to_string(path).expect("a source reads");
            !text.starts_with("//!")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(undocumented.is_empty(), "{}", undocumented.join("\n"));
}

/// The floors of README's "How the code is laid out", from the ground up. A module may use
/// the modules on floors below its own and none above; the modules that share a floor
/// stand side by side and use none of each other. Tests may reach anywhere: a file's unit
/// tests (from its `#[cfg(test)]` on, or a `tests.rs`) and doc comments are not read.
const FLOORS: [&[&str]; 10] = [
    &["format"],
    &["model"],
    &["analysis", "layout"],
    &["edit", "compare", "scene"],
    &["roadmap"],
    &["report"],
    &["render"],
    &["files"],
    &["cli"],
    &["app"],
];

fn floor_of(module: &str) -> Option<usize> {
    FLOORS.iter().position(|floor| floor.contains(&module))
}

#[test]
fn no_module_uses_one_on_its_own_floor_or_above() {
    let mut offenders = Vec::new();
    for path in sources(&src()) {
        let relative = path.strip_prefix(src()).expect("under src/");
        let top = relative.iter().next().expect("a path under src/");
        let module = top.to_str().expect("a UTF-8 name").trim_end_matches(".rs");
        let Some(floor) = floor_of(module) else {
            continue;
        };
        if path.ends_with("tests.rs") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("a source reads");
        let shipped = text
            .lines()
            .take_while(|line| line.trim() != "#[cfg(test)]");
        for (number, line) in shipped.enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for (at, _) in line.match_indices("crate::") {
                let used: String = line[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let too_high = floor_of(&used).is_some_and(|f| f >= floor) && used != module;
                if too_high {
                    offenders.push(format!("{}:{}: {line}", relative.display(), number + 1));
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{}", offenders.join("\n"));
}
