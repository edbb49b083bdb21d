//! The one way in and out of a model other than its own file (SPEC 6): [`export`] writes a
//! model in an [`ExportFormat`], [`import`] reads a Backstage catalog or a sheet into a
//! model. The command line and the editor both go through here, so a format, a check or a
//! cap added once holds for both.
//!
//! An import is checked before it is handed over: the model it makes must pass the
//! loader's validation and fit in a model file ([`crate::files::ron::MAX_FILE_BYTES`]), so what an
//! import writes always loads.

use std::path::{Path, PathBuf};

use super::backstage::{self, Note};
use super::csv_sheet;
use super::input::Identity;
use crate::model::Model;

/// What a model can be exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Svg,
    Png,
    Pdf,
    Mermaid,
    Dot,
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 6] = [
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Pdf,
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Csv,
    ];

    /// Its name on the command line (`--format svg`).
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Mermaid => "mermaid",
            ExportFormat::Dot => "dot",
            ExportFormat::Csv => "csv",
        }
    }

    /// The file extension it is written with.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Mermaid => "mmd",
            other => other.name(),
        }
    }

    /// Its name for a person, as a list of formats shows it.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Svg => "SVG picture",
            ExportFormat::Png => "PNG picture",
            ExportFormat::Pdf => "PDF deck",
            ExportFormat::Mermaid => "Mermaid diagram",
            ExportFormat::Dot => "Graphviz DOT diagram",
            ExportFormat::Csv => "CSV sheet",
        }
    }

    /// Whether its bytes are text a terminal can show.
    pub fn is_text(self) -> bool {
        !matches!(self, ExportFormat::Png | ExportFormat::Pdf)
    }

    /// The format a file name asks for, by its extension (`.gv` and `.mermaid` too).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "gv" => Some(ExportFormat::Dot),
            "mermaid" => Some(ExportFormat::Mermaid),
            other => ExportFormat::ALL
                .into_iter()
                .find(|format| format.extension() == other),
        }
    }
}

/// How an export is made; the default is what the editor writes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportOptions {
    /// PNG only: the size against the SVG (2 = twice as many pixels each way).
    pub scale: f32,
    /// SVG and PNG only: a slide of this many pixels (width, height) with a title line and
    /// the legend, rather than the picture at its own size.
    pub size: Option<(u32, u32)>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            scale: crate::render::DEFAULT_SCALE,
            size: None,
        }
    }
}

/// An export's bytes, and what a person should know about how it was made (a picture drawn
/// smaller than asked).
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// The model as `format`, or why it cannot be written so (one line).
pub fn export(
    model: &Model,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Exported, String> {
    let text = |text: String| Exported {
        bytes: text.into_bytes(),
        notes: Vec::new(),
    };
    let picture = matches!(format, ExportFormat::Svg | ExportFormat::Png);
    if options.size.is_some() && !picture {
        return Err("a size is for SVG and PNG pictures".to_owned());
    }
    let analysis = || crate::analysis::analyze(model);
    let svg = || match options.size {
        Some((width, height)) => {
            crate::render::svg_sized(model, &analysis(), (f64::from(width), f64::from(height)))
        }
        None => crate::render::svg(model),
    };
    Ok(match format {
        ExportFormat::Svg => text(svg()),
        ExportFormat::Mermaid => text(crate::render::mermaid(model)),
        ExportFormat::Dot => text(crate::render::dot(model)),
        ExportFormat::Csv => text(csv_sheet::write_sheet(model)?),
        ExportFormat::Pdf => Exported {
            bytes: crate::render::deck_pdf(model, &analysis(), &crate::format::today())
                .map_err(|e| e.to_string())?,
            notes: Vec::new(),
        },
        ExportFormat::Png => {
            let png =
                crate::render::png_from_svg(&svg(), options.scale).map_err(|e| e.to_string())?;
            let mut notes = Vec::new();
            if png.scale < options.scale {
                notes.push(format!(
                    "the picture is too large at scale {}; drawn at scale {:.2} ({}×{} pixels)",
                    options.scale, png.scale, png.width, png.height
                ));
            }
            Exported {
                bytes: png.bytes,
                notes,
            }
        }
    })
}

/// What an import can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportSource {
    Backstage,
    Sheet,
}

impl ImportSource {
    /// A folder or a `.yaml`/`.yml` file is a Backstage catalog, a `.csv` file a sheet.
    pub fn of(path: &Path) -> Option<ImportSource> {
        if path.is_dir() {
            return Some(ImportSource::Backstage);
        }
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(ImportSource::Backstage),
            "csv" => Some(ImportSource::Sheet),
            _ => None,
        }
    }
}

/// How an import is made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The model's name; by default the first path's file or folder name.
    pub name: Option<String>,
    /// Refuse, rather than write, a model for which anything had to be skipped or cut.
    pub strict: bool,
}

/// A finished import.
#[derive(Clone, Debug)]
pub struct Imported {
    pub model: Model,
    /// "Imported 2 domains, 3 teams, …".
    pub counts: String,
    /// What was left out, cut or guessed (a sheet has none: it imports whole or not at all).
    pub notes: Vec<Note>,
    /// Every file read, so that an output can be kept from overwriting one.
    pub files: Vec<Identity>,
    /// The model as a model file's text, checked to load and to fit in a file.
    pub text: String,
}

impl Imported {
    /// The counts, then the notes grouped by reason, each line escaped and bounded.
    pub fn summary(&self) -> String {
        format!(
            "{}\n{}",
            crate::format::line(&self.counts),
            backstage::notes_summary(&self.notes)
        )
    }
}

/// Why an import wrote nothing: one line, and the notes made before it stopped.
#[derive(Clone, Debug)]
pub struct ImportFailure {
    pub message: String,
    pub notes: Vec<Note>,
}

impl ImportFailure {
    fn new(message: String) -> ImportFailure {
        ImportFailure {
            message,
            notes: Vec::new(),
        }
    }
}

impl std::fmt::Display for ImportFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::format::line(&self.message))
    }
}

/// Reads the catalog files and folders, or the one sheet, at `paths` as `source`.
pub fn import(
    source: ImportSource,
    paths: &[PathBuf],
    options: &ImportOptions,
) -> Result<Imported, ImportFailure> {
    let Some(first) = paths.first() else {
        return Err(ImportFailure::new("nothing to import".to_owned()));
    };
    let name = options
        .name
        .clone()
        .unwrap_or_else(|| super::model_name_from_path(first));
    let (model, counts, notes, files) = match source {
        ImportSource::Sheet => {
            let [path] = paths else {
                return Err(ImportFailure::new(
                    "a sheet is imported one file at a time".to_owned(),
                ));
            };
            let (model, identity) =
                csv_sheet::import(path, &name).map_err(|e| ImportFailure::new(e.to_string()))?;
            let counts = super::imported_counts(&model);
            (model, counts, Vec::new(), vec![identity])
        }
        ImportSource::Backstage => {
            let shown = crate::format::shown_path(first);
            let import = backstage::import(paths, &name).map_err(|refused| ImportFailure {
                message: format!("{shown}: {}; nothing written", refused.message),
                notes: refused.notes,
            })?;
            if import.entities == 0 {
                return Err(ImportFailure {
                    message: format!("{shown}: no Backstage entity could be read; nothing written"),
                    notes: import.notes,
                });
            }
            if import.model.domains.is_empty()
                && import.model.teams.is_empty()
                && import.model.services.is_empty()
            {
                return Err(ImportFailure {
                    message: format!(
                        "{shown}: {} but no domain, team or service to model; nothing written",
                        crate::format::count(import.entities, "catalog entity", "catalog entities")
                    ),
                    notes: import.notes,
                });
            }
            if options.strict && import.skipped_anything() {
                return Err(ImportFailure {
                    message:
                        "--strict: files, entities or values were skipped or cut; nothing written"
                            .to_owned(),
                    notes: import.notes,
                });
            }
            let counts = import.counts();
            (import.model, counts, import.notes, import.files)
        }
    };
    match loadable(&model) {
        Ok(text) => Ok(Imported {
            model,
            counts,
            notes,
            files,
            text,
        }),
        Err(message) => Err(ImportFailure { message, notes }),
    }
}

/// The text of `model`'s file, when the loader would accept the model and the file fits:
/// an import that would write anything else is refused.
fn loadable(model: &Model) -> Result<String, String> {
    crate::model::validate(model)
        .map_err(|fault| format!("the imported model would not load: {fault}; nothing written"))?;
    let text = crate::files::ron::to_ron(model);
    let size = text.len() as u64;
    if size > crate::files::ron::MAX_FILE_BYTES {
        return Err(format!(
            "the imported model would take {}, more than the {} a model file may have; nothing written",
            super::input::bytes(size),
            super::input::bytes(crate::files::ron::MAX_FILE_BYTES)
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format() {
        let of = |name: &str| ExportFormat::from_path(Path::new(name));
        assert_eq!(of("/x/shop.PNG"), Some(ExportFormat::Png));
        assert_eq!(of("/x/shop.gv"), Some(ExportFormat::Dot));
        assert_eq!(of("/x/shop.mermaid"), Some(ExportFormat::Mermaid));
        assert_eq!(of("/x/shop.mmd"), Some(ExportFormat::Mermaid));
        assert_eq!(of("/x/shop.v2"), None);
    }

    #[test]
    fn yaml_files_and_folders_are_catalogs_and_csv_files_sheets() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(ImportSource::of(dir.path()), Some(ImportSource::Backstage));
        assert_eq!(
            ImportSource::of(Path::new("a/catalog-info.YML")),
            Some(ImportSource::Backstage)
        );
        assert_eq!(
            ImportSource::of(Path::new("a/estate.csv")),
            Some(ImportSource::Sheet)
        );
        assert_eq!(ImportSource::of(Path::new("a/shop.ron")), None);
    }

    #[test]
    fn a_csv_export_of_a_model_no_sheet_can_carry_is_refused() {
        let mut model = Model::named("m");
        for id in ["a", "b"] {
            model.services.push(crate::model::Service::new(
                id,
                "Same",
                crate::model::ServiceKind::Digital,
            ));
        }
        let error = export(&model, ExportFormat::Csv, &ExportOptions::default()).unwrap_err();
        assert!(error.contains("two services are named `Same`"), "{error}");
        let svg = export(&model, ExportFormat::Svg, &ExportOptions::default()).unwrap();
        assert!(svg.bytes.starts_with(b"<svg"));
    }

    #[test]
    fn a_sheet_import_names_the_file_it_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("estate.csv");
        std::fs::write(&path, "service,team\nCheckout,Pay\n").unwrap();
        let imported = import(
            ImportSource::Sheet,
            std::slice::from_ref(&path),
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(imported.model.name, "estate");
        assert_eq!(imported.files, [Identity::of(&path).unwrap()]);
        assert_eq!(
            imported.summary(),
            "Imported 0 domains, 1 team, 1 service and 0 dependencies.\n"
        );
    }
}
