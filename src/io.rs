//! Reading and writing model files.
//!
//! Loading never panics and never guesses: a file that does not parse or does not make sense
//! is refused with one [`LoadError`] naming the file, the line and column, and the fault.
//! Saving writes a temporary file beside the target and renames it over, so a failed save
//! never leaves a half-written model behind.

use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::model::{FORMAT_VERSION, Model, ValidationError, validate};

/// Why a model file could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// The file as the user named it.
    pub file: PathBuf,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for LoadError {}

/// Reads, parses and validates the model at `path`.
pub fn load(path: &Path) -> Result<Model, LoadError> {
    let error = |position, message| LoadError {
        file: path.to_owned(),
        position,
        message,
    };
    let bytes = fs::read(path).map_err(|e| error(None, format!("cannot read the file: {e}")))?;
    let source = match std::str::from_utf8(&bytes) {
        Ok(source) => source,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            return Err(error(
                Some(end_position(valid)),
                "this is not a text file: it holds bytes that are not UTF-8".to_owned(),
            ));
        }
    };
    parse(source, path)
}

/// Parses and validates model text; `file` is only used to name it in errors.
pub fn parse(source: &str, file: &Path) -> Result<Model, LoadError> {
    let error = |position, message| LoadError {
        file: file.to_owned(),
        position,
        message,
    };
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(error(
            None,
            "the file is empty; a model starts with `(` and holds at least a `name`".to_owned(),
        ));
    }
    let model: Model = match ron::from_str(source) {
        Ok(model) => model,
        Err(parse_error) => {
            if let Some(version) = newer_version(source) {
                return Err(error(None, newer_version_message(version)));
            }
            let start = parse_error.span.start;
            let (line, column) = (start.line.max(1), start.col.max(1));
            let field = field_before(source, line, column);
            return Err(error(
                Some((line, column)),
                describe_parse_error(&parse_error.code, field),
            ));
        }
    };
    validate(&model).map_err(|fault| error(locate(source, &fault), fault.message))?;
    Ok(model)
}

/// A file whose `version` is newer than ours may use syntax we cannot read; when it fails to
/// parse, say that rather than blaming the first unknown field.
fn newer_version(source: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct VersionProbe {
        version: u32,
    }
    ron::from_str::<VersionProbe>(source)
        .ok()
        .map(|probe| probe.version)
        .filter(|version| *version > FORMAT_VERSION)
}

fn newer_version_message(version: u32) -> String {
    format!(
        "the file is format version {version}, written by a newer Opmodel; this build reads version {FORMAT_VERSION}"
    )
}

fn describe_parse_error(code: &ron::Error, field: Option<&str>) -> String {
    match (code, field) {
        (ron::Error::ExceededRecursionLimit, _) => {
            "the file nests brackets too deeply to be a model".to_owned()
        }
        (ron::Error::Eof, _) => "the file ends too early: a bracket or value is missing".to_owned(),
        (ron::Error::IntegerOutOfBounds, Some(field)) => {
            format!("`{field}` must be a whole number of 0 or more, and not absurdly large")
        }
        (ron::Error::ExpectedOption, Some(field)) => format!(
            "`{field}` must be written `Some(...)` or `None` (or start the file with `#![enable(implicit_some)]`)"
        ),
        (
            ron::Error::NoSuchStructField { .. }
            | ron::Error::MissingStructField { .. }
            | ron::Error::DuplicateStructField { .. }
            | ron::Error::TrailingCharacters,
            _,
        ) => code.to_string(),
        (other, Some(field)) => format!("{other} (in `{field}`)"),
        (other, None) => other.to_string(),
    }
}

/// The name of the field whose value holds `line:column`, found by looking back for the
/// nearest `name:`; used to say which field a syntax or type error is in.
fn field_before(source: &str, line: usize, column: usize) -> Option<&str> {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let rest = source.get(line_start..)?;
    let offset = rest
        .char_indices()
        .nth(column - 1)
        .map_or(rest.len(), |(i, _)| i);
    let mut prefix = &source[..line_start + offset];
    while let Some(colon) = prefix.rfind(':') {
        let before = prefix[..colon].trim_end();
        let name_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |i| i + 1);
        let name = &before[name_start..];
        if name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            return Some(name);
        }
        prefix = &prefix[..colon];
    }
    None
}

/// Line and column just after `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let column = text
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

/// Finds where a validation fault sits by following its path of `field: value` steps
/// through the source text; stops at the last step found.
fn locate(source: &str, fault: &ValidationError) -> Option<(usize, usize)> {
    let mut from = 0;
    let mut found = None;
    for step in &fault.path {
        match find_field(source, from, step.field, step.value.as_deref()) {
            Some(at) => {
                found = Some(at);
                from = at + step.field.len();
            }
            None => break,
        }
    }
    found.map(|at| end_position(&source[..at]))
}

/// The byte offset of the next `field:` (followed by `value`, when given) at or after `from`.
fn find_field(source: &str, from: usize, field: &str, value: Option<&str>) -> Option<usize> {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut search = from;
    while let Some(offset) = source[search..].find(field) {
        let at = search + offset;
        search = at + field.len();
        let before_ok = !source[..at].ends_with(is_ident);
        let rest = &source[search..];
        if !before_ok || !rest.trim_start().starts_with(':') || rest.starts_with(is_ident) {
            continue;
        }
        let Some(value) = value else { return Some(at) };
        let after_colon = rest.trim_start()[1..].trim_start();
        let after_some = after_colon
            .strip_prefix("Some")
            .map(|s| s.trim_start().trim_start_matches('(').trim_start())
            .unwrap_or(after_colon);
        if after_some.starts_with(value) {
            return Some(at);
        }
    }
    None
}

/// The model as deterministic, pretty RON: one line per entity, band, dependency and
/// position, in model order, so that git diffs of a model stay small. The version written is
/// the oldest that holds the model ([`Model::required_version`]).
pub fn to_ron(model: &Model) -> String {
    let settings = &model.settings;
    let mut out = String::from("(\n");
    let mut field = |indent: &str, name: &str, value: String| {
        out.push_str(&format!("{indent}{name}: {value},\n"));
    };
    field(INDENT, "version", model.required_version().to_string());
    field(INDENT, "name", one_line(&model.name));
    field(INDENT, "description", one_line(&model.description));
    let inner = &INDENT.repeat(2);
    let settings_text = {
        let mut text = String::from("(\n");
        let mut setting = |name: &str, value: String| {
            text.push_str(&format!("{inner}{name}: {value},\n"));
        };
        setting("currency", one_line(&settings.currency));
        setting("weeks_per_year", one_line(&settings.weeks_per_year));
        setting("people_per_shift", one_line(&settings.people_per_shift));
        setting("callout_hours", one_line(&settings.callout_hours));
        setting("min_rota_size", one_line(&settings.min_rota_size));
        setting(
            "max_services_per_team",
            one_line(&settings.max_services_per_team),
        );
        setting("product_pay", one_line(&settings.product_pay));
        setting("ops_pay", one_line(&settings.ops_pay));
        setting(
            "exposure_bands",
            list(&settings.exposure_bands, inner, "[", "]", one_line),
        );
        text.push_str(&format!("{INDENT})"));
        text
    };
    field(INDENT, "settings", settings_text);
    field(
        INDENT,
        "domains",
        list(&model.domains, INDENT, "[", "]", one_line),
    );
    field(
        INDENT,
        "teams",
        list(&model.teams, INDENT, "[", "]", one_line),
    );
    field(
        INDENT,
        "services",
        list(&model.services, INDENT, "[", "]", one_line),
    );
    field(
        INDENT,
        "dependencies",
        list(&model.dependencies, INDENT, "[", "]", one_line),
    );
    field(
        INDENT,
        "interactions",
        list(&model.interactions, INDENT, "[", "]", one_line),
    );
    let positions: Vec<_> = model.layout.iter().collect();
    field(
        INDENT,
        "layout",
        list(&positions, INDENT, "{", "}", |(id, position)| {
            format!("{}: {}", one_line(id), one_line(position))
        }),
    );
    out.push_str(")\n");
    out
}

const INDENT: &str = "    ";

/// One value as compact RON with spaces after colons and commas: `(x: 1.0, y: 2.0)`.
fn one_line<T: serde::Serialize + ?Sized>(value: &T) -> String {
    ron::ser::to_string_pretty(value, PrettyConfig::new().depth_limit(0))
        .expect("a model holds only strings, numbers, lists and maps, which RON can always write")
}

/// Items one per line between `open` and `close`, indented one level deeper than `indent`.
fn list<T>(
    items: &[T],
    indent: &str,
    open: &str,
    close: &str,
    item: impl Fn(&T) -> String,
) -> String {
    if items.is_empty() {
        return format!("{open}{close}");
    }
    let mut text = format!("{open}\n");
    for entry in items {
        text.push_str(&format!("{indent}{INDENT}{},\n", item(entry)));
    }
    text.push_str(&format!("{indent}{close}"));
    text
}

/// Saves `model` to `path` atomically: a temporary file in the same folder, flushed to disk,
/// then renamed over the target.
pub fn save(model: &Model, path: &Path) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path names no file")
    })?;
    let temporary = folder.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(to_ron(model).as_bytes())?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}
