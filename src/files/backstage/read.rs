//! Reading a catalog (SPEC 6.1): the files and folders the user named, and the files their
//! Locations lead to, depth first, into entities in the order met.
//!
//! The work is kept on an explicit stack — a path to open, a Location target to follow, the
//! rest of a file's documents — so a chain of Locations, however long, never deepens the
//! call stack; Locations lead at most [`limits::LOCATION_DEPTH`] deep. A target must lie
//! inside the folders of the catalog the user named (the folder named, or the folder of a
//! file named), links resolved: anything else is noted and skipped. No file is read twice,
//! each file is capped before it is read, and the catalog as a whole is refused beyond the
//! caps on its bytes and entities.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::entity::{self, Document, Entity, Fault};
use super::refs::Key;
use super::walk;
use super::{Note, NoteReason, Refused};
use crate::files::input::{self, Identity, InputError};
use crate::files::limits;
use crate::format::grouped;
use crate::model::limits::NAME_CHARS;

/// The entities of a catalog in the order read, without duplicates, and the notes so far.
pub struct Catalog {
    pub entities: Vec<Entity>,
    pub index: HashMap<Key, usize>,
    pub notes: Vec<Note>,
    /// Backstage entities read, duplicates and nameless ones included.
    pub read_count: usize,
    /// Every file read.
    pub files: Vec<Identity>,
    /// The bytes of every file read, together.
    bytes: u64,
    read_files: HashSet<Identity>,
    /// The folders of the catalog the user named, links resolved.
    roots: Vec<PathBuf>,
}

/// One piece of work still to do, most recent first.
enum Work {
    /// A file or folder named by the user or by a Location, `depth` Locations down.
    Path { path: PathBuf, depth: usize },
    /// A catalog file a folder search found.
    File { path: PathBuf, depth: usize },
    /// One target of a Location, relative to the folder of the file that holds it.
    Target {
        location: Key,
        base: PathBuf,
        target: String,
        depth: usize,
    },
    /// The documents of a file not taken in yet.
    Documents {
        file: PathBuf,
        documents: std::vec::IntoIter<Document>,
        depth: usize,
    },
}

fn too_many_entities() -> String {
    format!(
        "the catalog holds more than {} entities, the most an import reads",
        grouped(limits::CATALOG_ENTITIES as f64)
    )
}

impl Catalog {
    /// Reads the catalog at `paths`, or refuses it when it is beyond a cap.
    pub fn read(paths: &[PathBuf]) -> Result<Catalog, Refused> {
        let roots = paths
            .iter()
            .filter_map(|path| {
                let canonical = std::fs::canonicalize(path).ok()?;
                if canonical.is_dir() {
                    Some(canonical)
                } else {
                    canonical.parent().map(Path::to_owned)
                }
            })
            .collect();
        let mut catalog = Catalog {
            entities: Vec::new(),
            index: HashMap::new(),
            notes: Vec::new(),
            read_count: 0,
            files: Vec::new(),
            bytes: 0,
            read_files: HashSet::new(),
            roots,
        };
        let mut stack: Vec<Work> = paths
            .iter()
            .rev()
            .map(|path| Work::Path {
                path: path.clone(),
                depth: 0,
            })
            .collect();
        while let Some(work) = stack.pop() {
            let done = match work {
                Work::Path { path, depth } => catalog.open(&path, depth, &mut stack),
                Work::File { path, depth } => catalog.read_file(&path, depth, &mut stack),
                Work::Target {
                    location,
                    base,
                    target,
                    depth,
                } => {
                    catalog.follow(&location, &base, &target, depth, &mut stack);
                    Ok(())
                }
                Work::Documents {
                    file,
                    mut documents,
                    depth,
                } => match documents.next() {
                    Some(document) => {
                        let next = Work::Documents {
                            file: file.clone(),
                            documents,
                            depth,
                        };
                        stack.push(next);
                        catalog.take(document, &file, depth, &mut stack)
                    }
                    None => Ok(()),
                },
            };
            if let Err(message) = done {
                return Err(Refused {
                    message,
                    notes: catalog.notes,
                });
            }
        }
        Ok(catalog)
    }

    /// The catalog of one file holding `text`, for tests of the mapping.
    #[cfg(test)]
    pub fn of_text(text: &str) -> Catalog {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("catalog-info.yaml");
        std::fs::write(&path, text).expect("the temporary folder is writable");
        Catalog::read(&[path]).unwrap_or_else(|refused| panic!("{}", refused.message))
    }

    fn note(&mut self, reason: NoteReason, subject: impl Into<String>, detail: impl Into<String>) {
        self.notes.push(Note {
            reason,
            subject: subject.into(),
            detail: detail.into(),
        });
    }

    fn inside(&self, canonical: &Path) -> bool {
        self.roots.iter().any(|root| canonical.starts_with(root))
    }

    /// A file, or every catalog file under a folder in path order.
    fn open(&mut self, path: &Path, depth: usize, stack: &mut Vec<Work>) -> Result<(), String> {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(e) => {
                let why = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder".to_owned()
                } else {
                    e.to_string()
                };
                self.note(NoteReason::UnreadablePath, path.display().to_string(), why);
                return Ok(());
            }
        };
        if !metadata.is_dir() {
            return self.read_file(path, depth, stack);
        }
        let roots = self.roots.clone();
        let inside = move |p: &Path| roots.iter().any(|root| p.starts_with(root));
        let found = walk::search(path, &inside).map_err(|walk::TooManyEntries| {
            format!(
                "{} holds more than {} files and folders, more than an import searches: name the catalog's own folder",
                crate::format::shown_path(path),
                grouped(limits::FOLDER_ENTRIES as f64)
            )
        })?;
        for folder in found.too_deep {
            self.note(
                NoteReason::Limit,
                folder.display().to_string(),
                format!(
                    "a folder more than {} folders below {}: not searched",
                    limits::FOLDER_DEPTH,
                    path.display()
                ),
            );
        }
        for outside in found.outside {
            self.note(
                NoteReason::OutsideCatalog,
                outside.display().to_string(),
                "a link to a place outside the catalog's folders: not followed",
            );
        }
        stack.extend(
            found
                .files
                .into_iter()
                .rev()
                .map(|path| Work::File { path, depth }),
        );
        Ok(())
    }

    /// Reads one catalog file's documents onto the stack, or notes why it cannot be read.
    fn read_file(
        &mut self,
        path: &Path,
        depth: usize,
        stack: &mut Vec<Work>,
    ) -> Result<(), String> {
        let shown = path.display().to_string();
        let (file, size, identity) = match input::open(path, limits::CATALOG_FILE_BYTES) {
            Ok(opened) => opened,
            Err(InputError::TooLarge { limit }) => {
                self.note(
                    NoteReason::Limit,
                    shown,
                    format!(
                        "larger than {}, the most read from one catalog file",
                        input::bytes(limit)
                    ),
                );
                return Ok(());
            }
            Err(e) => {
                self.note(NoteReason::UnreadablePath, shown, e.to_string());
                return Ok(());
            }
        };
        if !self.read_files.insert(identity.clone()) {
            return Ok(());
        }
        self.bytes += size;
        if self.bytes > limits::CATALOG_BYTES {
            return Err(format!(
                "the catalog's files hold more than {} together, the most an import reads",
                input::bytes(limits::CATALOG_BYTES)
            ));
        }
        self.files.push(identity);
        let source = match input::read_capped(file, limits::CATALOG_FILE_BYTES)
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| InputError::NotText))
        {
            Ok(source) => source,
            Err(e) => {
                self.note(NoteReason::UnreadablePath, shown, e.to_string());
                return Ok(());
            }
        };
        let room = limits::CATALOG_ENTITIES - self.read_count.min(limits::CATALOG_ENTITIES);
        match entity::documents(&source, &Rc::from(path), room) {
            Ok(documents) => stack.push(Work::Documents {
                file: path.to_owned(),
                documents: documents.into_iter(),
                depth,
            }),
            Err(Fault::TooManyEntities) => return Err(too_many_entities()),
            Err(Fault::Invalid(line, column, why)) => {
                self.note(
                    NoteReason::InvalidYaml,
                    format!("{shown}:{line}:{column}"),
                    why,
                );
            }
            Err(Fault::TooLarge(line, why)) => {
                self.note(NoteReason::Limit, format!("{shown}:{line}"), why);
            }
        }
        Ok(())
    }

    /// Takes in one document: an entity is kept unless it repeats one read before; a
    /// Location's targets go on the stack, to be read before the file's next document.
    fn take(
        &mut self,
        document: Document,
        file: &Path,
        depth: usize,
        stack: &mut Vec<Work>,
    ) -> Result<(), String> {
        let entity = match document {
            Document::Tagged(tag, line) => {
                let subject = format!("{}:{line}", file.display());
                self.note(NoteReason::TaggedDocument, subject, format!("tag {tag}"));
                return Ok(());
            }
            Document::Nameless(kind) => {
                self.read_count += 1;
                self.note(
                    NoteReason::NoName,
                    format!("{kind} in {}", file.display()),
                    "",
                );
                return Ok(());
            }
            Document::Entity(entity) => entity,
        };
        self.read_count += 1;
        if self.read_count > limits::CATALOG_ENTITIES {
            return Err(too_many_entities());
        }
        let key = entity.key.clone();
        let length = entity.base_id().chars().count();
        if length > NAME_CHARS {
            self.note(
                NoteReason::OutOfBounds,
                key.to_string(),
                format!(
                    "its id would be {} characters long, more than a model allows ({})",
                    grouped(length as f64),
                    grouped(NAME_CHARS as f64)
                ),
            );
            return Ok(());
        }
        if let Some(first) = self.index.get(&key) {
            let first_file = self.entities[*first].file.display().to_string();
            self.note(
                NoteReason::Duplicate,
                key.to_string(),
                format!("in {}, first read in {first_file}", file.display()),
            );
            return Ok(());
        }
        self.index.insert(key.clone(), self.entities.len());
        if key.kind == "location" {
            self.locate(&key, &entity.targets, file, depth, stack);
        }
        self.entities.push(*entity);
        Ok(())
    }

    /// Puts a Location's targets on the stack, first on top, unless it lies too deep.
    fn locate(
        &mut self,
        key: &Key,
        targets: &[String],
        file: &Path,
        depth: usize,
        stack: &mut Vec<Work>,
    ) {
        if targets.is_empty() {
            self.note(
                NoteReason::LocationTarget,
                key.to_string(),
                "it has no target",
            );
            return;
        }
        if depth >= limits::LOCATION_DEPTH {
            self.note(
                NoteReason::Limit,
                key.to_string(),
                format!(
                    "reached through {} Locations, the most followed: its targets are not read",
                    limits::LOCATION_DEPTH
                ),
            );
            return;
        }
        let base = file.parent().unwrap_or(Path::new(".")).to_owned();
        stack.extend(targets.iter().rev().map(|target| Work::Target {
            location: key.clone(),
            base: base.clone(),
            target: target.clone(),
            depth: depth + 1,
        }));
    }

    /// Reads one Location target, unless it is a URL, missing or outside the catalog.
    fn follow(
        &mut self,
        location: &Key,
        base: &Path,
        target: &str,
        depth: usize,
        stack: &mut Vec<Work>,
    ) {
        let lower = target.to_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            self.note(
                NoteReason::LocationTarget,
                location.to_string(),
                format!("{target} is a URL"),
            );
            return;
        }
        let path = base.join(target);
        let Ok(canonical) = std::fs::canonicalize(&path) else {
            self.note(
                NoteReason::LocationTarget,
                location.to_string(),
                format!("{target} is missing ({} does not exist)", path.display()),
            );
            return;
        };
        if !self.inside(&canonical) {
            self.note(
                NoteReason::OutsideCatalog,
                location.to_string(),
                format!(
                    "{target} leads to {}, outside the folders of the catalog named",
                    canonical.display()
                ),
            );
            return;
        }
        stack.push(Work::Path { path, depth });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(name: &str, target: &str) -> String {
        format!(
            "apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: {{name: {name}}}\nspec: {{target: {target}}}\n"
        )
    }

    #[test]
    fn a_chain_of_locations_stops_at_the_depth_bound_without_recursing() {
        let dir = tempfile::tempdir().unwrap();
        let chain = 5_000;
        for i in 0..chain {
            let next = format!("./l{}.yaml", i + 1);
            std::fs::write(
                dir.path().join(format!("l{i}.yaml")),
                location(&format!("l{i}"), &next),
            )
            .unwrap();
        }
        let catalog = Catalog::read(&[dir.path().join("l0.yaml")]).unwrap();
        assert_eq!(catalog.entities.len(), limits::LOCATION_DEPTH + 1);
        let limit: Vec<&Note> = catalog
            .notes
            .iter()
            .filter(|n| n.reason == NoteReason::Limit)
            .collect();
        assert_eq!(limit.len(), 1);
        assert_eq!(
            limit[0].subject,
            format!("location:default/l{}", limits::LOCATION_DEPTH)
        );
    }

    #[test]
    fn targets_outside_the_catalog_are_noted_and_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let catalog_dir = dir.path().join("catalog");
        std::fs::create_dir(&catalog_dir).unwrap();
        std::fs::write(
            dir.path().join("secret.yaml"),
            location("secret", "./x.yaml"),
        )
        .unwrap();
        let targets = "[../secret.yaml, /, /proc/self/environ, ./inner.yaml]";
        std::fs::write(
            catalog_dir.join("all.yaml"),
            location("all", "x").replace("{target: x}", &format!("{{targets: {targets}}}")),
        )
        .unwrap();
        std::fs::write(
            catalog_dir.join("inner.yaml"),
            location("inner", "https://x"),
        )
        .unwrap();
        let catalog = Catalog::read(&[catalog_dir.join("all.yaml")]).unwrap();
        let names: Vec<&str> = catalog.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["all", "inner"]);
        let outside = catalog
            .notes
            .iter()
            .filter(|n| n.reason == NoteReason::OutsideCatalog)
            .count();
        assert_eq!(outside, 3, "{:?}", catalog.notes);
    }

    #[test]
    fn too_many_entities_refuse_the_catalog() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..=limits::CATALOG_ENTITIES {
            text.push_str(&format!(
                "---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {{name: u{i}}}\n"
            ));
        }
        std::fs::write(dir.path().join("users.yaml"), text).unwrap();
        let refused = Catalog::read(&[dir.path().to_owned()]).err().unwrap();
        assert!(
            refused.message.contains("more than 100,000 entities"),
            "{}",
            refused.message
        );
    }
}
