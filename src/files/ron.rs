//! Reading and writing model files.
//!
//! Loading never panics and never guesses: a file that does not parse or does not make sense
//! is refused with one [`LoadError`] naming the file, the line and column, and the fault.
//! Saving writes a temporary file beside the target and renames it over, so a failed save
//! never leaves a half-written model behind.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use ron::ser::PrettyConfig;
use serde::Deserialize;

use crate::files::input::{self, InputError};
use crate::format::{self, Shown};
use crate::model::{FORMAT_VERSION, Model, validate_file};

use super::scan;
pub use super::scan::HandWrittenParts;

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
        // Escaped here as well as where each message is made, so that no file name or
        // message can ever break the line or reach the terminal as an escape sequence.
        write!(f, "{}", format::shown_path(&self.file))?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", format::escaped(&self.message))
    }
}

impl std::error::Error for LoadError {}

/// The largest model file Opmodel reads: 128 MiB. A model of 300,000 services written one
/// per line takes about a quarter of that; anything bigger is not a model somebody wrote,
/// and reading it whole would only exhaust memory.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Reads, parses and validates the model at `path` (see [`load_file`]).
pub fn load(path: &Path) -> Result<Model, LoadError> {
    load_file(path).map(|loaded| loaded.model)
}

/// A model read from a file, with what saving it again would drop.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedFile {
    pub model: Model,
    pub hand_written: HandWrittenParts,
}

/// Reads, parses and validates the model at `path`, noting the comments and header that
/// saving would drop.
///
/// Only a regular file (or a link to one) of at most [`MAX_FILE_BYTES`] is read. A folder,
/// a named pipe, a socket or a device is refused before it is read (see
/// [`crate::files::input::open`]), so a pipe with no writer or `/dev/zero` cannot make
/// loading hang.
pub fn load_file(path: &Path) -> Result<LoadedFile, LoadError> {
    read_from(open_regular_file(path, "a model file")?, path)
}

/// Opens `path` for reading when it is a regular file (or a link to one) of at most
/// [`MAX_FILE_BYTES`], refusing anything else before reading it (see
/// [`crate::files::input::open`]); `what` names the file expected ("a model file") when it is
/// something else.
fn open_regular_file(path: &Path, what: &str) -> Result<std::fs::File, LoadError> {
    let error = |message: String| LoadError {
        file: path.to_owned(),
        position: None,
        message,
    };
    input::open(path, MAX_FILE_BYTES)
        .map(|(file, _, _)| file)
        .map_err(|e| {
            error(match e {
                InputError::NotAFile(kind) => format!("this is {kind}, not {what}"),
                InputError::TooLarge { .. } => too_big_message(),
                InputError::Io(e) => format!("cannot read the file: {e}"),
                InputError::NotText => e.to_string(),
            })
        })
}

/// The text of a file Opmodel reads other than a model (`what`: "a roadmap file"), refused
/// as a model file would be when it is not a regular file, is too big or is not UTF-8 text.
pub(crate) fn read_text(path: &Path, what: &str) -> Result<String, LoadError> {
    let bytes = read_bytes(open_regular_file(path, what)?, path)?;
    text_of(&bytes, path).map(str::to_owned)
}

/// Reads, parses and validates a model from a stream, such as standard input, refusing
/// more than [`MAX_FILE_BYTES`]; `name` is only used to name it in errors.
pub fn load_from(reader: impl Read, name: &Path) -> Result<Model, LoadError> {
    read_from(reader, name).map(|loaded| loaded.model)
}

fn read_from(reader: impl Read, name: &Path) -> Result<LoadedFile, LoadError> {
    parse_bytes(&read_bytes(reader, name)?, name)
}

/// Everything `reader` holds, up to one byte more than [`MAX_FILE_BYTES`].
fn read_bytes(reader: impl Read, name: &Path) -> Result<Vec<u8>, LoadError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| LoadError {
            file: name.to_owned(),
            position: None,
            message: format!("cannot read the file: {e}"),
        })?;
    Ok(bytes)
}

fn too_big_message() -> String {
    format!(
        "the file is larger than {} MiB, the most Opmodel reads; it cannot be a model",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Parses and validates the bytes of a model file, refusing text that is not UTF-8.
fn parse_bytes(bytes: &[u8], file: &Path) -> Result<LoadedFile, LoadError> {
    let source = text_of(bytes, file)?;
    let model = parse(source, file)?;
    Ok(LoadedFile {
        model,
        hand_written: hand_written_parts(source),
    })
}

/// The bytes of a file as text, refusing more than [`MAX_FILE_BYTES`] and bytes that are
/// not UTF-8.
fn text_of<'b>(bytes: &'b [u8], file: &Path) -> Result<&'b str, LoadError> {
    let error = |position, message| LoadError {
        file: file.to_owned(),
        position,
        message,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(error(None, too_big_message()));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        error(
            Some(end_position(valid)),
            "this is not a text file: it holds bytes that are not UTF-8".to_owned(),
        )
    })
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
    let mut model: Model = match ron::from_str(source) {
        Ok(model) => model,
        Err(parse_error) => {
            if let Some(version) = newer_version(source) {
                return Err(error(None, newer_version_message(version)));
            }
            return Err(parse_failure(source, file, &parse_error));
        }
    };
    validate_file(&model).map_err(|fault| fault_at(source, file, fault))?;
    without_negative_zeros(&mut model);
    Ok(model)
}

/// Parses the RON text of a file Opmodel reads other than a model (a roadmap); a fault is
/// described as in a model file, with its line and column.
pub(crate) fn parse_ron<T: serde::de::DeserializeOwned>(
    source: &str,
    file: &Path,
) -> Result<T, LoadError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    ron::from_str(source).map_err(|parse_error| parse_failure(source, file, &parse_error))
}

fn parse_failure(source: &str, file: &Path, parse_error: &ron::error::SpannedError) -> LoadError {
    let (offset, message) = describe_parse_error(source, parse_error);
    LoadError {
        file: file.to_owned(),
        position: Some(end_position(&source[..offset])),
        message,
    }
}

/// A fault found in parsed text, placed at the line and column its path leads to.
pub(crate) fn fault_at(
    source: &str,
    file: &Path,
    fault: crate::model::ValidationError,
) -> LoadError {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    LoadError {
        file: file.to_owned(),
        position: scan::tree(source)
            .and_then(|tree| tree.locate(&fault.path))
            .map(|offset| end_position(&source[..offset])),
        message: fault.message,
    }
}

/// Turns every `-0` in the model into `0`: they are the same amount, and a report should
/// never show a negative zero.
fn without_negative_zeros(model: &mut Model) {
    let settings = &mut model.settings;
    let numbers = [
        &mut settings.weeks_per_year,
        &mut settings.peak_weeks,
        &mut settings.callout_hours,
        &mut settings.product_pay.standby_per_week,
        &mut settings.product_pay.callout_per_hour,
        &mut settings.ops_pay.standby_per_week,
        &mut settings.ops_pay.callout_per_hour,
    ]
    .into_iter()
    .chain(
        settings
            .exposure_bands
            .iter_mut()
            .flat_map(|band| [&mut band.max_exposure_per_hour, &mut band.availability]),
    )
    .chain(model.services.iter_mut().flat_map(|service| {
        [&mut service.callouts_per_year]
            .into_iter()
            .chain(service.exposure_per_hour.as_mut())
            .chain(service.peak_exposure_per_hour.as_mut())
            .chain(service.availability.as_mut())
    }))
    .chain(
        model
            .layout
            .values_mut()
            .flat_map(|position| [&mut position.x, &mut position.y]),
    );
    for number in numbers {
        // Adding 0 turns -0 into 0 and leaves every other number as it is.
        *number += 0.0;
    }
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

/// Where a parse error is, as a byte offset, and what it means in the words of a model
/// file: the field it is in, from the structure of the text before it, and the parser's
/// wording translated where it would mislead.
fn describe_parse_error(source: &str, parse_error: &ron::error::SpannedError) -> (usize, String) {
    let start = parse_error.span.start;
    let mut offset = offset_of(source, start.line.max(1), start.col.max(1));
    let path = scan::path_at(source, offset);
    let field = path_text(&path);
    let in_field = |text: String| match &field {
        Some(field) => format!("`{field}`: {text}"),
        None => text,
    };
    let rest = &source[offset..];
    let after_digit = source[..offset].ends_with(|c: char| c.is_ascii_digit());
    let message = match &parse_error.code {
        ron::Error::ExceededRecursionLimit => {
            "the file nests brackets too deeply to be a model".to_owned()
        }
        ron::Error::Eof => "the file ends too early: a bracket or value is missing".to_owned(),
        ron::Error::ExpectedComma if after_digit && rest.starts_with(['.', 'e', 'E']) => {
            in_field("must be a whole number, such as 5".to_owned())
        }
        ron::Error::IntegerOutOfBounds | ron::Error::ExpectedInteger => in_field(
            "must be a whole number of 0 or more, and not absurdly large".to_owned(),
        ),
        ron::Error::ExpectedOption => in_field(
            "must be written `Some(...)` or `None` (or start the file with `#![enable(implicit_some)]`)"
                .to_owned(),
        ),
        ron::Error::ExpectedIdentifier if path.last().is_none_or(|last| last.starts_with('[')) => {
            "a field name is missing here: each value of a model is written `name: value`"
                .to_owned()
        }
        ron::Error::NoSuchEnumVariant { expected, found, .. } => in_field(format!(
            "`{}` is not one of {}",
            Shown(found),
            one_of(expected.iter().copied())
        )),
        ron::Error::SuggestRawIdentifier(found) => in_field(format!(
            "`{}` is not a valid value{}",
            Shown(found),
            path.last()
                .and_then(|field| variants(&path, field))
                .map(|allowed| format!("; it must be one of {allowed}"))
                .unwrap_or_default()
        )),
        ron::Error::NoSuchStructField { expected, found, .. } => format!(
            "there is no field `{}`{}; the fields here are {}",
            Shown(found),
            field.as_ref().map(|f| format!(" in `{f}`")).unwrap_or_default(),
            one_of(expected.iter().copied())
        ),
        ron::Error::MissingStructField { field: missing, .. } => {
            // The error sits at the struct's closing bracket, after its last field: the
            // field is missing from the struct that holds that one, not from inside it.
            let holder = match path.split_last() {
                Some((last, rest)) if !last.starts_with('[') => path_text(rest),
                _ => field.clone(),
            };
            format!("the field `{missing}` is missing{}", within(&holder))
        }
        ron::Error::DuplicateStructField { field: repeated, .. } => {
            format!("the field `{repeated}` is given twice{}", within(&field))
        }
        ron::Error::TrailingCharacters => {
            offset = scan::end_of_value(source).unwrap_or(offset);
            "there is more text after the model's closing bracket".to_owned()
        }
        other => in_field(shortened(&format!("{other}"))),
    };
    (offset, message)
}

/// `services[3].owner` from `["services", "[3]", "owner"]`.
fn path_text(path: &[String]) -> Option<String> {
    let mut text = String::new();
    for part in path {
        if !text.is_empty() && !part.starts_with('[') {
            text.push('.');
        }
        text.push_str(part);
    }
    (!text.is_empty()).then_some(text)
}

fn within(field: &Option<String>) -> String {
    field
        .as_ref()
        .map(|f| format!(" in `{f}`"))
        .unwrap_or_default()
}

/// "`A`, `B` or `C`".
fn one_of<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|name| format!("`{name}`")).collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "nothing".to_owned(),
    }
}

/// The values a field of a model that holds a choice can take, as RON writes them.
fn variants(path: &[String], field: &str) -> Option<String> {
    use crate::model::{
        Demand, InteractionMode, OperatingModel, OutOfHours, ServiceKind, TeamKind,
    };
    fn names<T: fmt::Debug>(all: &[T]) -> String {
        let names: Vec<String> = all.iter().map(|v| format!("{v:?}")).collect();
        one_of(names.iter().map(String::as_str))
    }
    let list = path.first().map(String::as_str);
    Some(match (list, field) {
        (Some("teams"), "kind") => names(&TeamKind::ALL),
        (Some("services"), "kind") => names(&ServiceKind::ALL),
        (_, "demand") => names(&Demand::ALL),
        (_, "operating_model") => names(&OperatingModel::ALL),
        (_, "out_of_hours") => names(&OutOfHours::ALL),
        (_, "mode") => names(&InteractionMode::ALL),
        _ => return None,
    })
}

/// A message of the parser's, made safe to print: one line, and not absurdly long.
fn shortened(message: &str) -> String {
    const MOST: usize = 200;
    let escaped = format::escaped(message);
    match escaped.char_indices().nth(MOST) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped,
    }
}

/// The byte offset of a 1-based line and column (counted in characters).
fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let rest = &source[line_start.min(source.len())..];
    line_start.min(source.len())
        + rest
            .char_indices()
            .nth(column - 1)
            .map_or(rest.len(), |(i, _)| i)
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

/// The comments and header in `source` that saving would drop; found by the same reader
/// that locates faults, so `//` inside a string is not taken for a comment.
pub fn hand_written_parts(source: &str) -> HandWrittenParts {
    scan::hand_written_parts(source.strip_prefix('\u{feff}').unwrap_or(source))
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
        if settings.peak_weeks != 0.0 {
            setting("peak_weeks", one_line(&settings.peak_weeks));
        }
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
    let entities = [
        ("domains", list(&model.domains, INDENT, "[", "]", one_line)),
        ("teams", list(&model.teams, INDENT, "[", "]", one_line)),
        (
            "services",
            list(&model.services, INDENT, "[", "]", one_line),
        ),
        (
            "dependencies",
            list(&model.dependencies, INDENT, "[", "]", one_line),
        ),
        (
            "interactions",
            list(&model.interactions, INDENT, "[", "]", one_line),
        ),
    ];
    for (name, items) in entities {
        field(INDENT, name, items);
    }
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

/// Saves `model` to `path` atomically, following links and keeping the file's permissions
/// (see [`crate::files::safe_write`]).
pub fn save(model: &Model, path: &Path) -> std::io::Result<()> {
    crate::files::safe_write::write(path, to_ron(model).as_bytes())
}
