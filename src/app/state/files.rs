//! Choosing files: the desktop's own dialog (through rfd) where the desktop offers one, and
//! a built-in path prompt where it does not (a bare X server, a test harness), so opening
//! and saving always work. Also the recent-files list.

use std::path::{Path, PathBuf};

/// How many recent files are remembered.
const RECENT_LIMIT: usize = 10;

/// Storage key for the recent-files list.
pub const RECENT_KEY: &str = "opmodel.recent_files";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picker {
    /// The desktop's file dialog.
    Native,
    /// A path prompt drawn by Opmodel itself.
    BuiltIn,
}

impl Picker {
    /// The native dialog needs a desktop session (for the XDG portal) or zenity; without
    /// either it would silently show nothing. `OPMODEL_FILE_DIALOG=builtin|native` overrides.
    pub fn detect() -> Picker {
        match std::env::var("OPMODEL_FILE_DIALOG").as_deref() {
            Ok("builtin") => return Picker::BuiltIn,
            Ok("native") => return Picker::Native,
            _ => {}
        }
        let desktop = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            && std::env::var_os("XDG_CURRENT_DESKTOP").is_some();
        if desktop || on_path("zenity") {
            Picker::Native
        } else {
            Picker::BuiltIn
        }
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// The desktop's open dialog, filtered to models.
pub fn native_open(start: Option<&Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().add_filter("Opmodel model", &["ron"]);
    if let Some(folder) = start.and_then(Path::parent) {
        dialog = dialog.set_directory(folder);
    }
    dialog.pick_file()
}

/// The desktop's save dialog, filtered to models.
pub fn native_save(suggested: &Path) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().add_filter("Opmodel model", &["ron"]);
    if let Some(folder) = suggested.parent().filter(|f| !f.as_os_str().is_empty()) {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog.save_file().map(with_ron_extension)
}

/// The desktop's open dialog for an import: a Backstage catalog file or a CSV sheet.
pub fn native_import_file(start: Option<&Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new()
        .add_filter("Backstage catalog or CSV sheet", &["yaml", "yml", "csv"])
        .add_filter("Backstage catalog", &["yaml", "yml"])
        .add_filter("CSV sheet", &["csv"]);
    if let Some(folder) = start {
        dialog = dialog.set_directory(folder);
    }
    dialog.pick_file()
}

/// The desktop's folder dialog for an import: a folder of Backstage catalog files.
pub fn native_import_folder(start: Option<&Path>) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title("Import a Backstage catalog folder");
    if let Some(folder) = start {
        dialog = dialog.set_directory(folder);
    }
    dialog.pick_folder()
}

/// The desktop's save dialog for an export, filtered to the chosen format.
pub fn native_export(suggested: &Path, label: &str, extension: &str) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().add_filter(label, &[extension]);
    if let Some(folder) = suggested.parent().filter(|f| !f.as_os_str().is_empty()) {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = suggested.file_name() {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    dialog.save_file()
}

/// Adds `.ron` when the user typed a name without an extension.
pub fn with_ron_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension("ron")
    } else {
        path
    }
}

/// A file name made from a model name: "Furniture retailer" → "furniture-retailer.ron".
pub fn suggested_file_name(model_name: &str) -> String {
    let stem: String = model_name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "model.ron".to_owned()
    } else {
        format!("{stem}.ron")
    }
}

/// Most recent first, without duplicates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecentFiles(Vec<PathBuf>);

impl RecentFiles {
    pub fn from_paths(paths: Vec<PathBuf>) -> Self {
        let mut recent = RecentFiles(Vec::new());
        for path in paths.into_iter().rev() {
            recent.add(&path);
        }
        recent
    }

    pub fn add(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.0.retain(|p| *p != path);
        self.0.insert(0, path);
        self.0.truncate(RECENT_LIMIT);
    }

    pub fn remove(&mut self, path: &Path) {
        self.0.retain(|p| p != path);
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.0
    }

    /// `.ron` files in the folder of the most recent file (or the working folder), for the
    /// built-in prompt to offer.
    pub fn nearby_models(&self) -> Vec<PathBuf> {
        let folder = self
            .0
            .first()
            .and_then(|p| p.parent().map(Path::to_owned))
            .or_else(|| std::env::current_dir().ok());
        let mut found: Vec<PathBuf> = folder
            .and_then(|f| std::fs::read_dir(f).ok())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        found.sort();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_put_the_latest_first_without_repeats() {
        let mut recent = RecentFiles::default();
        recent.add(Path::new("/nowhere/a.ron"));
        recent.add(Path::new("/nowhere/b.ron"));
        recent.add(Path::new("/nowhere/a.ron"));
        assert_eq!(
            recent.paths(),
            [
                PathBuf::from("/nowhere/a.ron"),
                PathBuf::from("/nowhere/b.ron")
            ]
        );
        for i in 0..20 {
            recent.add(Path::new(&format!("/nowhere/{i}.ron")));
        }
        assert_eq!(recent.paths().len(), RECENT_LIMIT);
    }

    #[test]
    fn file_names_come_from_model_names() {
        assert_eq!(
            suggested_file_name("Furniture retailer"),
            "furniture-retailer.ron"
        );
        assert_eq!(suggested_file_name("  "), "model.ron");
        assert_eq!(
            with_ron_extension(PathBuf::from("x")),
            PathBuf::from("x.ron")
        );
        assert_eq!(
            with_ron_extension(PathBuf::from("x.txt")),
            PathBuf::from("x.txt")
        );
    }
}
