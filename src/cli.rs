//! The command line: `opmodel report`, `check` and `compare`, and `opmodel [FILE]` for the
//! editor. Errors go to stderr as one line; nothing here panics on bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{Severity, analyze};
use crate::compare::compare;
use crate::{io, report};

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
        /// The model file (.ron).
        file: PathBuf,
        #[arg(long, short, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
    /// Check a model: exit 0 when it loads with no error findings, 1 with error findings,
    /// 2 when it cannot be loaded.
    Check {
        /// The model file (.ron).
        file: PathBuf,
    },
    /// Compare two models: figures side by side, and what was added, removed or changed.
    Compare {
        /// The first model, A.
        a: PathBuf,
        /// The second model, B.
        b: PathBuf,
        #[arg(long, short, value_enum, default_value_t = CompareFormat::Text)]
        format: CompareFormat,
    },
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
}

/// Exit code for a file that cannot be loaded.
const CANNOT_LOAD: u8 = 2;

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Report { file, format } => report_command(&file, format),
        Command::Check { file } => check_command(&file),
        Command::Compare { a, b, format } => compare_command(&a, &b, format),
    }
}

/// Loads a model, or prints why not.
fn load_or_explain(path: &Path) -> Option<crate::model::Model> {
    io::load(path)
        .map_err(|error| eprintln!("opmodel: {error}"))
        .ok()
}

/// Writes to stdout; a closed pipe (`opmodel report … | head`) is not an error.
fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("opmodel: cannot write the report: {e}");
            ExitCode::from(CANNOT_LOAD)
        }
    }
}

fn report_command(path: &Path, format: ReportFormat) -> ExitCode {
    let Some(model) = load_or_explain(path) else {
        return ExitCode::from(CANNOT_LOAD);
    };
    let analysis = analyze(&model);
    print(&match format {
        ReportFormat::Text => report::text(&model, &analysis),
        ReportFormat::Json => report::json(&analysis),
        ReportFormat::Markdown => report::markdown(&model, &analysis),
        ReportFormat::Csv => report::csv(&model, &analysis),
    })
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
            format!(" {}", finding.subject)
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
        path.display(),
        crate::format::count(errors, "error", "errors"),
        crate::format::count(analysis.count(Severity::Warning), "warning", "warnings"),
        analysis.count(Severity::Info)
    ));
    print(&out);
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn compare_command(a: &Path, b: &Path, format: CompareFormat) -> ExitCode {
    let (Some(model_a), Some(model_b)) = (load_or_explain(a), load_or_explain(b)) else {
        return ExitCode::from(CANNOT_LOAD);
    };
    let comparison = compare(&model_a, &model_b);
    let (a_name, b_name) = (a.display().to_string(), b.display().to_string());
    print(&match format {
        CompareFormat::Text => report::compare_text(&comparison, &a_name, &b_name),
        CompareFormat::Json => report::compare_json(&comparison),
        CompareFormat::Markdown => report::compare_markdown(&comparison, &a_name, &b_name),
    })
}
