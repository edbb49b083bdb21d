//! Searching a folder for catalog files (SPEC 6.1): every `.yaml` and `.yml` file below it,
//! in path order, compared component by component.
//!
//! The search keeps its own stack of folders rather than recursing, and looks each entry up
//! once, by the type its folder listing gives: its time grows with the number of entries,
//! not with how deep they lie. It goes at most [`limits::FOLDER_DEPTH`] folders down and
//! looks at most at [`limits::FOLDER_ENTRIES`] entries. A symbolic link is followed only to a
//! place inside the catalog's folders, and a folder reached twice through links is searched
//! once.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::files::input::Identity;
use crate::files::limits;

/// What a search found: the catalog files in path order, and what it left out with why.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    /// Folders too deep, or links leading outside the catalog: the path and why.
    pub too_deep: Vec<PathBuf>,
    pub outside: Vec<PathBuf>,
}

/// More entries than a search looks at.
#[derive(Debug)]
pub struct TooManyEntries;

/// Whether a file name is a catalog file's.
pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Every catalog file below `folder`; `inside` says whether a place a link leads to (given
/// as its canonical path) lies within the catalog.
pub fn search(folder: &Path, inside: &dyn Fn(&Path) -> bool) -> Result<Found, TooManyEntries> {
    let mut found = Found::default();
    let mut linked_folders: HashSet<Identity> = Identity::of(folder).into_iter().collect();
    let mut stack = vec![(folder.to_owned(), 0_usize)];
    let mut entries = 0_usize;
    while let Some((dir, depth)) = stack.pop() {
        let Ok(listing) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in listing.flatten() {
            entries += 1;
            if entries > limits::FOLDER_ENTRIES {
                return Err(TooManyEntries);
            }
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            let path = entry.path();
            let is_folder = if file_type.is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(target) => {
                        let canonical = std::fs::canonicalize(&path).unwrap_or_default();
                        if !inside(&canonical) {
                            if target.is_dir() || is_yaml(&path) {
                                found.outside.push(path);
                            }
                            continue;
                        }
                        if target.is_dir() {
                            // A link loop would lead here again: search each folder once.
                            let identity = Identity::of(&path);
                            if identity.is_some_and(|id| !linked_folders.insert(id)) {
                                continue;
                            }
                        }
                        target.is_dir()
                    }
                    // A dangling link: a catalog file it names is noted when read.
                    Err(_) => false,
                }
            } else {
                file_type.is_dir()
            };
            if is_folder {
                if depth + 1 > limits::FOLDER_DEPTH {
                    found.too_deep.push(path);
                } else {
                    stack.push((path, depth + 1));
                }
            } else if is_yaml(&path) {
                found.files.push(path);
            }
        }
    }
    found.files.sort();
    found.too_deep.sort();
    found.outside.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn everywhere(_: &Path) -> bool {
        true
    }

    #[test]
    fn files_come_in_path_order_component_by_component() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["acme-corp.yaml", "acme/x.yaml", "b.YML", "notes.txt"] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let found = search(dir.path(), &everywhere).unwrap();
        let names: Vec<String> = found
            .files
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["acme/x.yaml", "acme-corp.yaml", "b.YML"]);
    }

    #[test]
    fn folders_below_the_depth_bound_are_noted_not_searched() {
        let dir = tempfile::tempdir().unwrap();
        let mut deep = dir.path().to_owned();
        for _ in 0..limits::FOLDER_DEPTH + 3 {
            deep.push("d");
        }
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("lost.yaml"), "").unwrap();
        let mut last = dir.path().to_owned();
        for _ in 0..limits::FOLDER_DEPTH {
            last.push("d");
        }
        std::fs::write(last.join("kept.yaml"), "").unwrap();
        let found = search(dir.path(), &everywhere).unwrap();
        assert_eq!(found.files, [last.join("kept.yaml")]);
        assert_eq!(found.too_deep, [last.join("d")]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_inside_the_catalog_only_and_loops_once() {
        let dir = tempfile::tempdir().unwrap();
        let catalog = dir.path().join("catalog");
        std::fs::create_dir_all(catalog.join("a")).unwrap();
        std::fs::write(catalog.join("a/c.yaml"), "").unwrap();
        std::fs::write(dir.path().join("secret.yaml"), "").unwrap();
        std::os::unix::fs::symlink(&catalog, catalog.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.yaml"), catalog.join("s.yaml")).unwrap();
        let root = std::fs::canonicalize(&catalog).unwrap();
        let found = search(&catalog, &|p: &Path| p.starts_with(&root)).unwrap();
        // The loop leads back to the folder being searched, which is not searched again.
        assert_eq!(found.files, [catalog.join("a/c.yaml")]);
        assert_eq!(found.outside, [catalog.join("s.yaml")]);
    }
}
