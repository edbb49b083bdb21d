//! The command line: `opmodel report`, `check`, `compare` and `roadmap`, and `opmodel [FILE]` for the
//! editor. Errors go to stderr as one line; nothing here panics on bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{Severity, analyze};
use crate::compare::compare;
use crate::edit::fixes::fixes_for_every_finding;
use crate::files::ron;
use crate::{format, report};

#[derive(Debug, Parser)]
#[command(
    name = "opmodel",
    version,
    about = "Model You Build It You Run It operating models: on-call cost and coverage.",
    long_about = "Model You Build It You Run It operating models: on-call cost and coverage.\n\n\
                  Run without a subcommand to open the editor, optionally on a model file.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A model file (.ron) to open in the editor.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the cost and coverage report for a model.
    Report {
        /// The model file (.ron), or `-` for standard input.
        file: PathBuf,
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// List each finding's one-click fixes, each with what it does to cost, coverage and
        /// errors, worked out on an edited copy (text, Markdown and JSON).
        #[arg(long)]
        fixes: bool,
    },
    /// Check a model: exit 0 when it loads with no error findings, 1 with error findings,
    /// 2 when it cannot be loaded, 3 when the result cannot be written.
    Check {
        /// The model file (.ron), or `-` for standard input.
        file: PathBuf,
    },
    /// Compare 2 to 8 models: figures side by side with each one's change against the
    /// first, and the rotas, findings, services, teams and domains added, removed or changed.
    Compare {
        /// The models: A, the baseline, then B, C… (`-` for standard input, once).
        #[arg(required = true, num_args = 2..=crate::compare::MOST_MODELS, value_name = "MODEL")]
        models: Vec<PathBuf>,
        #[arg(long, short, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
        /// Where to write (standard output without it).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Cost a roadmap (.roadmap.ron): each phase's figures, days in the year, handovers and
    /// change from the phase before, and the cost of the year.
    Roadmap {
        /// The roadmap file (.roadmap.ron).
        file: PathBuf,
        #[arg(long, short, value_enum, default_value_t = RoadmapFormat::Text)]
        format: RoadmapFormat,
    },
    /// Import a model from a Backstage catalog or a spreadsheet (CSV); the summary goes to
    /// stderr.
    Import {
        #[command(subcommand)]
        source: ImportSource,
    },
    /// Export a model as a picture (SVG, PNG), a deck (PDF), a diagram (Mermaid, Graphviz
    /// DOT) or a sheet (CSV).
    Export {
        /// The model file (.ron).
        file: PathBuf,
        #[arg(long, short, value_enum)]
        format: ExportFormat,
        /// Where to write (standard output without it).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// PNG only: the size against the SVG (2 = twice as many pixels each way); 2 by
        /// default, 1 with --size, so that the slide has the pixels asked for.
        #[arg(long)]
        scale: Option<f32>,
        /// SVG and PNG: fit the picture into a slide of this size, with a title line and
        /// the legend (for example 1920x1080).
        #[arg(long, value_parser = parse_size)]
        size: Option<(u32, u32)>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// Backstage catalog files (.yaml, .yml) or folders searched for them; Locations are
    /// followed.
    Backstage {
        /// Catalog files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the model (standard output without it).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The model's name (default: the first path's name).
        #[arg(long)]
        name: Option<String>,
        /// Fail, writing nothing, when any file or entity had to be skipped.
        #[arg(long)]
        strict: bool,
    },
    /// A spreadsheet saved as CSV, one row per service.
    Csv {
        /// The sheet (.csv).
        file: PathBuf,
        /// Where to write the model (standard output without it).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The model's name (default: the file's name).
        #[arg(long)]
        name: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Svg,
    Png,
    Pdf,
    Mermaid,
    Dot,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    Text,
    Json,
    Markdown,
    Csv,
    /// A comparison deck: the change table and every model's diagram on the same scale.
    Pdf,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RoadmapFormat {
    Text,
    Json,
    Markdown,
}

/// Exit code for a file that cannot be loaded.
const CANNOT_LOAD: u8 = 2;

/// Exit code for output that cannot be written (a full disk, a closed file).
const CANNOT_WRITE: u8 = 3;

/// The file name that stands for standard input.
const STANDARD_INPUT: &str = "-";

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Report {
            file,
            format,
            fixes,
        } => report_command(&file, format, fixes),
        Command::Check { file } => check_command(&file),
        Command::Compare {
            models,
            format,
            output,
        } => compare_command(&models, format, output.as_deref()),
        Command::Roadmap { file, format } => roadmap_command(&file, format),
        Command::Import { source } => import_command(source),
        Command::Export {
            file,
            format,
            output,
            scale,
            size,
        } => export_command(&file, format, output.as_deref(), scale, size),
    }
}

/// Loads a model from a file, or from standard input for `-`, or prints why not.
fn load_or_explain(path: &Path) -> Option<crate::model::Model> {
    let loaded = if path.as_os_str() == STANDARD_INPUT {
        ron::load_from(std::io::stdin().lock(), Path::new("<stdin>"))
    } else {
        ron::load(path)
    };
    loaded.map_err(|error| eprintln!("opmodel: {error}")).ok()
}

/// How a file is named in output: `<stdin>` for `-`.
fn shown_path(path: &Path) -> String {
    if path.as_os_str() == STANDARD_INPUT {
        "<stdin>".to_owned()
    } else {
        format::escaped(&path.display().to_string())
    }
}

/// Writes to stdout and returns `success` when it was written. A closed pipe
/// (`opmodel report … | head`) ends the command quietly, as other tools do; any other
/// failure is reported and exits with [`CANNOT_WRITE`].
fn print(text: &str, success: ExitCode) -> ExitCode {
    print_bytes(text.as_bytes(), success)
}

/// [`print`] for bytes that need not be text (a PNG).
fn print_bytes(bytes: &[u8], success: ExitCode) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => success,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => success,
        Err(e) => {
            eprintln!("opmodel: cannot write the output: {e}");
            ExitCode::from(CANNOT_WRITE)
        }
    }
}

fn report_command(path: &Path, format: ReportFormat, with_fixes: bool) -> ExitCode {
    let Some(model) = load_or_explain(path) else {
        return ExitCode::from(CANNOT_LOAD);
    };
    let analysis = analyze(&model);
    let fixes = if with_fixes {
        fixes_for_every_finding(&model, &analysis)
    } else {
        Vec::new()
    };
    let text = match format {
        ReportFormat::Text => report::text_with_fixes(&model, &analysis, &fixes),
        ReportFormat::Json if with_fixes => report::json_with_fixes(&analysis, &fixes),
        ReportFormat::Json => report::json(&analysis),
        ReportFormat::Markdown => report::markdown_with_fixes(&model, &analysis, &fixes),
        ReportFormat::Csv => report::csv(&model, &analysis),
    };
    print(&text, ExitCode::SUCCESS)
}

fn check_command(path: &Path) -> ExitCode {
    let Some(model) = load_or_explain(path) else {
        return ExitCode::from(CANNOT_LOAD);
    };
    let analysis = analyze(&model);
    let mut out = String::new();
    for finding in &analysis.findings {
        let subject = if finding.subject.is_empty() {
            String::new()
        } else {
            format!(" {}", format::shown(&finding.subject))
        };
        out.push_str(&format!(
            "{}: {}{subject}: {}\n",
            finding.severity.label(),
            finding.code.as_str(),
            finding.message
        ));
    }
    let errors = analysis.count(Severity::Error);
    out.push_str(&format!(
        "{}: {}, {}, {} info\n",
        shown_path(path),
        crate::format::count(errors, "error", "errors"),
        crate::format::count(analysis.count(Severity::Warning), "warning", "warnings"),
        analysis.count(Severity::Info)
    ));
    let verdict = if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    print(&out, verdict)
}

fn compare_command(paths: &[PathBuf], format: CompareFormat, output: Option<&Path>) -> ExitCode {
    let from_stdin = paths
        .iter()
        .filter(|p| p.as_os_str() == STANDARD_INPUT)
        .count();
    if from_stdin > 1 {
        eprintln!("opmodel: only one of the models can be read from standard input");
        return ExitCode::from(CANNOT_LOAD);
    }
    let mut models = Vec::with_capacity(paths.len());
    for path in paths {
        match load_or_explain(path) {
            Some(model) => models.push(model),
            None => return ExitCode::from(CANNOT_LOAD),
        }
    }
    let models: Vec<&crate::model::Model> = models.iter().collect();
    let comparison = compare(&models);
    let files: Vec<String> = paths.iter().map(|p| shown_path(p)).collect();
    if format == CompareFormat::Pdf && refuses_binary_to_terminal("Pdf", output) {
        return ExitCode::from(CANNOT_LOAD);
    }
    let bytes = match format {
        CompareFormat::Text => report::compare_text(&models, &files, &comparison).into_bytes(),
        CompareFormat::Json => report::compare_json(&comparison).into_bytes(),
        CompareFormat::Markdown => {
            report::compare_markdown(&models, &files, &comparison).into_bytes()
        }
        CompareFormat::Csv => report::compare_csv(&models, &files, &comparison).into_bytes(),
        CompareFormat::Pdf => {
            match crate::render::comparison_deck_pdf(&models, &comparison, &format::today()) {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!("opmodel: {e}");
                    return ExitCode::from(CANNOT_WRITE);
                }
            }
        }
    };
    write_output(output, &bytes)
}

fn roadmap_command(path: &Path, format: RoadmapFormat) -> ExitCode {
    let roadmap = match crate::roadmap::load(path) {
        Ok(roadmap) => roadmap,
        Err(error) => {
            eprintln!("opmodel: {error}");
            return ExitCode::from(CANNOT_LOAD);
        }
    };
    let plan = crate::roadmap::plan(&roadmap);
    let text = match format {
        RoadmapFormat::Text => report::roadmap_text(&roadmap, &plan),
        RoadmapFormat::Json => report::roadmap_json(&plan),
        RoadmapFormat::Markdown => report::roadmap_markdown(&roadmap, &plan),
    };
    print(&text, ExitCode::SUCCESS)
}

/// Writes `bytes` to `path` safely (see [`crate::files::safe_write`]), so a failed write
/// leaves any earlier file whole; to stdout without a path.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> ExitCode {
    let Some(path) = path else {
        return print_bytes(bytes, ExitCode::SUCCESS);
    };
    match crate::files::safe_write::write(path, bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("opmodel: cannot write {}: {e}", shown_path(path));
            ExitCode::from(CANNOT_WRITE)
        }
    }
}

fn import_command(source: ImportSource) -> ExitCode {
    match source {
        ImportSource::Backstage {
            paths,
            output,
            name,
            strict,
        } => {
            let name = name.unwrap_or_else(|| crate::files::model_name_from_path(&paths[0]));
            let import = crate::files::backstage::import(&paths, &name);
            eprint!("{}", import.summary());
            if import.entities == 0 {
                eprintln!("opmodel: no Backstage entity could be read; nothing written");
                return ExitCode::from(CANNOT_LOAD);
            }
            if strict && import.skipped_anything() {
                eprintln!("opmodel: --strict: files or entities were skipped; nothing written");
                return ExitCode::from(CANNOT_LOAD);
            }
            write_output(output.as_deref(), ron::to_ron(&import.model).as_bytes())
        }
        ImportSource::Csv { file, output, name } => {
            let name = name.unwrap_or_else(|| crate::files::model_name_from_path(&file));
            let model = match crate::files::csv_sheet::import(&file, &name) {
                Ok(model) => model,
                Err(e) => {
                    eprintln!("opmodel: {e}");
                    return ExitCode::from(CANNOT_LOAD);
                }
            };
            eprintln!("{}", crate::files::imported_counts(&model));
            write_output(output.as_deref(), ron::to_ron(&model).as_bytes())
        }
    }
}

/// A slide size as `WxH` in pixels, each from 200 to 16,384.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("a size is WIDTHxHEIGHT, such as 1920x1080, not {text}"))?;
    let side = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (200..=16_384).contains(n))
            .ok_or_else(|| {
                format!(
                    "each side of a size is a whole number of pixels from 200 to 16384, not {s}"
                )
            })
    };
    Ok((side(w)?, side(h)?))
}

/// Whether a binary file would go to a terminal (no `-o`, standard output not piped); says
/// so when it would.
fn refuses_binary_to_terminal(format: &str, output: Option<&Path>) -> bool {
    let refused = output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    if refused {
        eprintln!("opmodel: a {format} file is binary; give a file with -o, or pipe the output");
    }
    refused
}

fn export_command(
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    scale: Option<f32>,
    size: Option<(u32, u32)>,
) -> ExitCode {
    let Some(model) = load_or_explain(path) else {
        return ExitCode::from(CANNOT_LOAD);
    };
    if size.is_some() && !matches!(format, ExportFormat::Svg | ExportFormat::Png) {
        eprintln!("opmodel: --size is for svg and png pictures");
        return ExitCode::from(CANNOT_LOAD);
    }
    let analysis = analyze(&model);
    let scale = scale.unwrap_or(if size.is_some() {
        1.0
    } else {
        crate::render::DEFAULT_SCALE
    });
    let svg = || match size {
        Some((w, h)) => crate::render::svg_sized(&model, &analysis, (f64::from(w), f64::from(h))),
        None => crate::render::svg_with(&model, &analysis),
    };
    let binary = matches!(format, ExportFormat::Png | ExportFormat::Pdf);
    if binary && refuses_binary_to_terminal(&format!("{format:?}"), output) {
        return ExitCode::from(CANNOT_LOAD);
    }
    let bytes = match format {
        ExportFormat::Svg => svg().into_bytes(),
        ExportFormat::Pdf => match crate::render::deck_pdf(&model, &analysis, &format::today()) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("opmodel: {e}");
                return ExitCode::from(CANNOT_WRITE);
            }
        },
        ExportFormat::Mermaid => crate::render::mermaid(&model).into_bytes(),
        ExportFormat::Dot => crate::render::dot(&model).into_bytes(),
        ExportFormat::Csv => crate::files::csv_sheet::write_sheet(&model).into_bytes(),
        ExportFormat::Png => match crate::render::png_from_svg(&svg(), scale) {
            Ok(png) => {
                if png.scale < scale {
                    eprintln!(
                        "opmodel: the picture is too large at scale {scale}; drawn at scale {:.2} ({}×{} pixels)",
                        png.scale, png.width, png.height
                    );
                }
                png.bytes
            }
            Err(e) => {
                eprintln!("opmodel: {e}");
                return ExitCode::from(CANNOT_LOAD);
            }
        },
    };
    write_output(output, &bytes)
}
