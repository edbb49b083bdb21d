//! The command line: `opmodel report`, `check`, `compare`, `roadmap`, `import` and
//! `export`, and `opmodel [FILE]` for the editor. Imports and exports go through the core's one dispatch
//! ([`crate::files::transfer`]).
//!
//! What a terminal shows is safe to show: every line of a message goes through one escaping
//! rule and one length bound ([`crate::format::line`]), reports escape their own text, and
//! nothing here panics on bad input. An output never overwrites an input (`-o` naming a file
//! read, by any path or link, is refused), `-o -` means standard output, and output that
//! cannot be written — a full disk, a closed standard output — exits 3.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{Severity, analyze};
use crate::compare::compare;
use crate::edit::fixes::fixes_for_every_finding;
use crate::files::input::Identity;
use crate::files::ron;
use crate::files::transfer::{self, ExportFormat, ExportOptions, ImportOptions, ImportSource};
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
        /// Where to write (standard output without it, or with `-`); never one of the models.
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
        /// Where to write (standard output without it, or with `-`); never the roadmap or
        /// one of its models.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Import a model from a Backstage catalog or a spreadsheet (CSV); the summary goes to
    /// stderr.
    Import {
        #[command(subcommand)]
        source: ImportCommand,
    },
    /// Export a model as a picture (SVG, PNG), a deck (PDF), a diagram (Mermaid, Graphviz
    /// DOT) or a sheet (CSV).
    Export {
        /// The model file (.ron).
        file: PathBuf,
        #[arg(long, short, value_enum)]
        format: ExportFormat,
        /// Where to write (standard output without it, or with `-`); never the model itself.
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
pub enum ImportCommand {
    /// Backstage catalog files (.yaml, .yml) or folders searched for them; Locations are
    /// followed within the folders named.
    Backstage {
        /// Catalog files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Where to write the model (standard output without it, or with `-`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The model's name (default: the first path's name).
        #[arg(long)]
        name: Option<String>,
        /// Fail, writing nothing, when any file, entity or value had to be skipped or cut.
        #[arg(long)]
        strict: bool,
    },
    /// A spreadsheet saved as CSV, one row per service.
    Csv {
        /// The sheet (.csv).
        file: PathBuf,
        /// Where to write the model (standard output without it, or with `-`).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The model's name (default: the file's name).
        #[arg(long)]
        name: Option<String>,
    },
}

impl ValueEnum for ExportFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &ExportFormat::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()).help(self.label()))
    }
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
    /// A deck: the year, the phases, every phase's diagram, handovers and changes.
    Pdf,
}

/// Exit code for a file that cannot be loaded, or an output that would overwrite an input.
const CANNOT_LOAD: u8 = 2;

/// Exit code for output that cannot be written (a full disk, a closed standard output).
const CANNOT_WRITE: u8 = 3;

/// The file name that stands for standard input, or for `-o`, standard output.
const STANDARD_STREAM: &str = "-";

/// Where the program's output goes, and whether standard output is there to take it.
#[derive(Clone, Copy, Debug)]
pub struct Terminal {
    /// Standard output was closed when the program started (`opmodel report m.ron >&-`).
    pub stdout_closed: bool,
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command, terminal: Terminal) -> ExitCode {
    match command {
        Command::Report {
            file,
            format,
            fixes,
        } => report_command(terminal, &file, format, fixes),
        Command::Check { file } => check_command(terminal, &file),
        Command::Compare {
            models,
            format,
            output,
        } => compare_command(terminal, &models, format, output.as_deref()),
        Command::Roadmap {
            file,
            format,
            output,
        } => roadmap_command(terminal, &file, format, output.as_deref()),
        Command::Import { source } => import_command(terminal, source),
        Command::Export {
            file,
            format,
            output,
            scale,
            size,
        } => export_command(
            terminal,
            &file,
            format,
            output.as_deref(),
            &ExportOptions {
                scale: scale.unwrap_or(if size.is_some() {
                    1.0
                } else {
                    crate::render::DEFAULT_SCALE
                }),
                size,
            },
        ),
    }
}

/// Prints one line of a message to stderr, escaped and bounded, after `opmodel: `.
fn say(message: &str) {
    eprintln!("opmodel: {}", format::line(message));
}

/// Loads a model from a file, or from standard input for `-`, or prints why not.
fn load_or_explain(path: &Path) -> Option<crate::model::Model> {
    let loaded = if path.as_os_str() == STANDARD_STREAM {
        ron::load_from(std::io::stdin().lock(), Path::new("<stdin>"))
    } else {
        ron::load(path)
    };
    loaded.map_err(|error| say(&error.to_string())).ok()
}

/// How a file is named in output: `<stdin>` for `-`.
fn shown_path(path: &Path) -> String {
    if path.as_os_str() == STANDARD_STREAM {
        "<stdin>".to_owned()
    } else {
        format::shown_path(path)
    }
}

impl Terminal {
    /// Writes `bytes` to stdout and returns `success` when they were written. A closed pipe
    /// (`opmodel report … | head`) ends the command quietly, as other tools do; a closed
    /// standard output or any other failure is reported and exits with [`CANNOT_WRITE`].
    fn print(self, bytes: &[u8], success: ExitCode) -> ExitCode {
        if self.stdout_closed {
            say("cannot write the output: standard output is closed");
            return ExitCode::from(CANNOT_WRITE);
        }
        let mut stdout = std::io::stdout().lock();
        match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            Ok(()) => success,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => success,
            Err(e) => {
                say(&format!("cannot write the output: {e}"));
                ExitCode::from(CANNOT_WRITE)
            }
        }
    }

    /// Writes `bytes` to the file `output` names, safely (see
    /// [`crate::files::safe_write`]), so a failed write leaves any earlier file whole; to
    /// stdout without one or with `-`.
    fn write(self, output: Option<&Path>, bytes: &[u8]) -> ExitCode {
        let Some(path) = output.filter(|p| p.as_os_str() != STANDARD_STREAM) else {
            return self.print(bytes, ExitCode::SUCCESS);
        };
        match crate::files::safe_write::write(path, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                say(&format!("cannot write {}: {e}", shown_path(path)));
                ExitCode::from(CANNOT_WRITE)
            }
        }
    }
}

/// Refuses an output that is one of the files read, whatever path or link names it, so no
/// command can destroy its own input.
fn overwrites_input(output: Option<&Path>, inputs: &[Identity]) -> bool {
    let Some(path) = output.filter(|p| p.as_os_str() != STANDARD_STREAM) else {
        return false;
    };
    let Some(identity) = Identity::of(path) else {
        return false;
    };
    if inputs.contains(&identity) {
        say(&format!(
            "{} is a file this command reads; write the output to another file",
            shown_path(path)
        ));
        return true;
    }
    false
}

/// Whether a binary output (`what`, such as "PDF deck") would go to a terminal, said so when
/// it would: a terminal cannot show it, and the bytes could drive it.
fn binary_to_a_terminal(output: Option<&Path>, what: &str) -> bool {
    let to_stdout = output.is_none_or(|p| p.as_os_str() == STANDARD_STREAM);
    if to_stdout && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        say(&format!(
            "a {what} is binary; give a file with -o, or pipe the output"
        ));
        return true;
    }
    false
}

fn report_command(
    terminal: Terminal,
    path: &Path,
    format: ReportFormat,
    with_fixes: bool,
) -> ExitCode {
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
    terminal.print(text.as_bytes(), ExitCode::SUCCESS)
}

fn check_command(terminal: Terminal, path: &Path) -> ExitCode {
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
        format::count(errors, "error", "errors"),
        format::count(analysis.count(Severity::Warning), "warning", "warnings"),
        analysis.count(Severity::Info)
    ));
    let verdict = if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    terminal.print(format::escape_lines(&out).as_bytes(), verdict)
}

fn compare_command(
    terminal: Terminal,
    paths: &[PathBuf],
    format: CompareFormat,
    output: Option<&Path>,
) -> ExitCode {
    let from_stdin = paths
        .iter()
        .filter(|p| p.as_os_str() == STANDARD_STREAM)
        .count();
    if from_stdin > 1 {
        say("only one of the models can be read from standard input");
        return ExitCode::from(CANNOT_LOAD);
    }
    let inputs: Vec<Identity> = paths
        .iter()
        .filter(|p| p.as_os_str() != STANDARD_STREAM)
        .filter_map(|p| Identity::of(p))
        .collect();
    if overwrites_input(output, &inputs) {
        return ExitCode::from(CANNOT_LOAD);
    }
    if format == CompareFormat::Pdf && binary_to_a_terminal(output, "PDF deck") {
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
    let text = match format {
        CompareFormat::Text => {
            format::escape_lines(&report::compare_text(&models, &files, &comparison))
        }
        CompareFormat::Json => report::compare_json(&comparison),
        CompareFormat::Markdown => {
            format::escape_lines(&report::compare_markdown(&models, &files, &comparison))
        }
        CompareFormat::Csv => report::compare_csv(&models, &files, &comparison),
        CompareFormat::Pdf => {
            return match crate::render::comparison_deck_pdf(&models, &comparison, &format::today())
            {
                Ok(bytes) => terminal.write(output, &bytes),
                Err(e) => {
                    say(&e.to_string());
                    ExitCode::from(CANNOT_WRITE)
                }
            };
        }
    };
    terminal.write(output, text.as_bytes())
}

fn roadmap_command(
    terminal: Terminal,
    path: &Path,
    format: RoadmapFormat,
    output: Option<&Path>,
) -> ExitCode {
    if format == RoadmapFormat::Pdf && binary_to_a_terminal(output, "PDF deck") {
        return ExitCode::from(CANNOT_LOAD);
    }
    let roadmap = match crate::files::roadmap::load(path) {
        Ok(roadmap) => roadmap,
        Err(error) => {
            say(&error.to_string());
            return ExitCode::from(CANNOT_LOAD);
        }
    };
    let folder = path.parent().unwrap_or(Path::new(""));
    let inputs: Vec<Identity> = std::iter::once(path.to_path_buf())
        .chain(roadmap.phases.iter().map(|p| folder.join(&p.model_path)))
        .filter_map(|p| Identity::of(&p))
        .collect();
    if overwrites_input(output, &inputs) {
        return ExitCode::from(CANNOT_LOAD);
    }
    let plan = crate::roadmap::plan(&roadmap);
    let text = match format {
        RoadmapFormat::Text => format::escape_lines(&report::roadmap_text(&roadmap, &plan)),
        RoadmapFormat::Json => report::roadmap_json(&plan),
        RoadmapFormat::Markdown => format::escape_lines(&report::roadmap_markdown(&roadmap, &plan)),
        RoadmapFormat::Pdf => {
            return match crate::render::roadmap_deck_pdf(&roadmap, &plan, &format::today()) {
                Ok(bytes) => terminal.write(output, &bytes),
                Err(e) => {
                    say(&e.to_string());
                    ExitCode::from(CANNOT_WRITE)
                }
            };
        }
    };
    terminal.write(output, text.as_bytes())
}

fn import_command(terminal: Terminal, command: ImportCommand) -> ExitCode {
    let (source, paths, output, options) = match command {
        ImportCommand::Backstage {
            paths,
            output,
            name,
            strict,
        } => (
            ImportSource::Backstage,
            paths,
            output,
            ImportOptions { name, strict },
        ),
        ImportCommand::Csv { file, output, name } => (
            ImportSource::Sheet,
            vec![file],
            output,
            ImportOptions {
                name,
                strict: false,
            },
        ),
    };
    let named: Vec<Identity> = paths.iter().filter_map(|p| Identity::of(p)).collect();
    if overwrites_input(output.as_deref(), &named) {
        return ExitCode::from(CANNOT_LOAD);
    }
    let imported = match transfer::import(source, &paths, &options) {
        Ok(imported) => imported,
        Err(failure) => {
            eprint!("{}", crate::files::backstage::notes_summary(&failure.notes));
            say(&failure.message);
            return ExitCode::from(CANNOT_LOAD);
        }
    };
    if overwrites_input(output.as_deref(), &imported.files) {
        return ExitCode::from(CANNOT_LOAD);
    }
    eprint!("{}", imported.summary());
    terminal.write(output.as_deref(), imported.text.as_bytes())
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

fn export_command(
    terminal: Terminal,
    path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    options: &ExportOptions,
) -> ExitCode {
    let input: Vec<Identity> = Identity::of(path).into_iter().collect();
    if path.as_os_str() != STANDARD_STREAM && overwrites_input(output, &input) {
        return ExitCode::from(CANNOT_LOAD);
    }
    if !format.is_text() && binary_to_a_terminal(output, format.label()) {
        return ExitCode::from(CANNOT_LOAD);
    }
    let Some(model) = load_or_explain(path) else {
        return ExitCode::from(CANNOT_LOAD);
    };
    match transfer::export(&model, format, options) {
        Ok(exported) => {
            for note in &exported.notes {
                say(note);
            }
            terminal.write(output, &exported.bytes)
        }
        Err(why) => {
            say(&format!("{}: {why}", shown_path(path)));
            ExitCode::from(CANNOT_LOAD)
        }
    }
}
