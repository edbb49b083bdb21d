//! A model as a spreadsheet, one row per service (SPEC 6.2): [`read_sheet`] imports a CSV
//! sheet and [`write_sheet`] exports one that reads back to the same teams, domains,
//! services, dependencies and column values. Ids are built from names ([`id_from_name`]);
//! the layout and the settings stay behind.
//!
//! A bad cell fails the whole import with a [`SheetError`] that names its row, numbered as
//! a spreadsheet numbers it (the header is row 1), and its column.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::{
    Demand, Dependency, Domain, Lifecycle, Model, Service, ServiceKind, Team, TeamKind,
};

/// The columns an exported sheet has, in this order; an imported sheet may hold them in any
/// order, in any case, with others beside them.
pub const COLUMNS: [&str; 13] = [
    "service",
    "team",
    "domain",
    "kind",
    "team_kind",
    "members",
    "exposure_per_hour",
    "availability",
    "demand",
    "callouts_per_year",
    "lifecycle",
    "compliance",
    "depends_on",
];

/// Why a sheet cannot be imported: the row (header = 1) and column at fault, where known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, &self.column) {
            (Some(row), Some(column)) => write!(f, "row {row}, column {column}: ")?,
            (Some(row), None) => write!(f, "row {row}: ")?,
            (None, Some(column)) => write!(f, "column {column}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for SheetError {}

fn cell_error(row: usize, column: &str, message: String) -> SheetError {
    SheetError {
        row: Some(row),
        column: Some(column.to_owned()),
        message,
    }
}

/// An id from a name: lower case, each run of characters other than a–z and 0–9 turned
/// into one `-` ("Home & Garden" → "home-garden").
pub fn id_from_name(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
            in_run = false;
        } else if !in_run {
            id.push('-');
            in_run = true;
        }
    }
    id
}

/// The separator: `;` when the header line holds no comma, else `,`.
fn separator(source: &str) -> u8 {
    let header = source.lines().next().unwrap_or_default();
    if header.contains(',') { b',' } else { b';' }
}

/// Where a quote opened that never closes: (row, 1-based column number), or `None`.
fn unterminated_quote(source: &str, separator: char) -> Option<(usize, usize)> {
    let (mut row, mut column) = (1, 1);
    let mut opened = None;
    let mut at_field_start = true;
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        if opened.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    opened = None;
                }
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                opened = Some((row, column));
                at_field_start = false;
            }
            '\n' => {
                row += 1;
                column = 1;
                at_field_start = true;
            }
            c if c == separator => {
                column += 1;
                at_field_start = true;
            }
            '\r' => {}
            _ => at_field_start = false,
        }
    }
    opened
}

/// One column's place in the header, found case-insensitively.
struct Header {
    index: HashMap<String, usize>,
}

impl Header {
    fn cell<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.index
            .get(column)
            .and_then(|i| record.get(*i))
            .map_or("", str::trim)
    }
}

/// A team as the rows describe it, before ids are settled.
struct TeamRow {
    name: String,
    kind: Option<TeamKind>,
    members: Option<u32>,
    domain: Option<String>,
}

struct ServiceRow {
    row: usize,
    service: Service,
    team: Option<String>,
    depends_on: Vec<String>,
}

/// Why a sheet file cannot be imported: the file, and the row and column at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetFileError {
    pub file: std::path::PathBuf,
    pub error: SheetError,
}

impl fmt::Display for SheetFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.error)
    }
}

impl std::error::Error for SheetFileError {}

/// Reads the sheet at `path` into a model called `name`.
pub fn import(path: &std::path::Path, name: &str) -> Result<Model, SheetFileError> {
    let fail = |message: String| SheetFileError {
        file: path.to_owned(),
        error: SheetError {
            row: None,
            column: None,
            message,
        },
    };
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read the file: {e}")))?;
    let source = String::from_utf8(bytes)
        .map_err(|_| fail("this is not UTF-8 text; save the sheet as \"CSV UTF-8\"".to_owned()))?;
    read_sheet(&source, name).map_err(|error| SheetFileError {
        file: path.to_owned(),
        error,
    })
}

/// Reads a sheet into a model called `name`.
pub fn read_sheet(source: &str, name: &str) -> Result<Model, SheetError> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let separator = separator(source);
    let unterminated = unterminated_quote(source, char::from(separator));
    let quote_error = |row: usize, column: String| SheetError {
        row: Some(row),
        column: Some(column),
        message: "a quoted cell is never closed: its closing `\"` is missing".to_owned(),
    };
    if let Some((1, column)) = unterminated {
        return Err(quote_error(1, column.to_string()));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(source.as_bytes());
    let mut records = reader.records();
    let header_record = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(e)) => return Err(csv_error(&e, 1)),
        None => {
            return Err(SheetError {
                row: Some(1),
                column: None,
                message: "the sheet is empty: it needs a header row with `service` and `team`"
                    .to_owned(),
            });
        }
    };
    let mut index = HashMap::new();
    for (i, title) in header_record.iter().enumerate() {
        index.entry(title.trim().to_lowercase()).or_insert(i);
    }
    if let Some((row, column)) = unterminated {
        let name = header_record
            .get(column - 1)
            .map_or_else(|| column.to_string(), |title| title.trim().to_lowercase());
        return Err(quote_error(row, name));
    }
    for required in ["service", "team"] {
        if !index.contains_key(required) {
            return Err(SheetError {
                row: Some(1),
                column: None,
                message: format!(
                    "the header has no `{required}` column (it has: {})",
                    header_record.iter().collect::<Vec<_>>().join(", ")
                ),
            });
        }
    }
    let header = Header { index };

    let mut teams: Vec<(String, TeamRow)> = Vec::new();
    let mut team_at: HashMap<String, usize> = HashMap::new();
    let mut domains: Vec<(String, String)> = Vec::new();
    let mut services: Vec<ServiceRow> = Vec::new();
    let mut service_rows: HashMap<String, usize> = HashMap::new();
    let mut row = 1;
    let mut next_line = line_after(&header_record);
    for record in records {
        let record = record.map_err(|e| csv_error(&e, row + 1))?;
        let line = record.position().map_or(next_line, |p| p.line());
        row += 1 + line.saturating_sub(next_line) as usize;
        next_line = line_after(&record);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell = |column: &str| header.cell(&record, column);
        let domain_name = cell("domain");
        let domain_key = (!domain_name.is_empty()).then(|| id_from_name(domain_name));
        if let Some(key) = &domain_key
            && !domains.iter().any(|(k, _)| k == key)
        {
            domains.push((key.clone(), domain_name.to_owned()));
        }
        let team_kind = parse_optional(cell("team_kind"), row, "team_kind", parse_team_kind)?;
        let members = parse_optional(cell("members"), row, "members", parse_members)?;
        let team_name = cell("team");
        let team_key = (!team_name.is_empty()).then(|| id_from_name(team_name));
        if let Some(key) = &team_key {
            let at = *team_at.entry(key.clone()).or_insert_with(|| {
                teams.push((
                    key.clone(),
                    TeamRow {
                        name: team_name.to_owned(),
                        kind: None,
                        members: None,
                        domain: None,
                    },
                ));
                teams.len() - 1
            });
            let team = &mut teams[at].1;
            team.kind = team.kind.or(team_kind);
            team.members = team.members.or(members);
            if team.domain.is_none() {
                team.domain.clone_from(&domain_key);
            }
        }
        let service_name = cell("service");
        if service_name.is_empty() {
            continue;
        }
        let id = id_from_name(service_name);
        if let Some(first) = service_rows.get(&id) {
            return Err(cell_error(
                row,
                "service",
                format!(
                    "`{service_name}` repeats the service of row {first} (its id would be `{id}` twice)"
                ),
            ));
        }
        service_rows.insert(id.clone(), row);
        let mut service = Service::new(&id, service_name, ServiceKind::Digital);
        if let Some(kind) = parse_optional(cell("kind"), row, "kind", parse_service_kind)? {
            service.kind = kind;
        }
        service.exposure_per_hour = parse_optional(
            cell("exposure_per_hour"),
            row,
            "exposure_per_hour",
            parse_amount,
        )?;
        service.availability = parse_optional(
            cell("availability"),
            row,
            "availability",
            parse_availability,
        )?;
        // A sheet that says nothing about demand leaves it unknown, not Low (SPEC 7.1).
        service.demand =
            parse_optional(cell("demand"), row, "demand", parse_demand)?.unwrap_or(Demand::Unknown);
        if let Some(callouts) = parse_optional(
            cell("callouts_per_year"),
            row,
            "callouts_per_year",
            parse_amount,
        )? {
            service.callouts_per_year = callouts;
        }
        if let Some(lifecycle) =
            parse_optional(cell("lifecycle"), row, "lifecycle", parse_lifecycle)?
        {
            service.lifecycle = lifecycle;
        }
        service.compliance =
            parse_optional(cell("compliance"), row, "compliance", |c| tags(c, ';'))?
                .unwrap_or_default();
        let depends_on = list(cell("depends_on"));
        services.push(ServiceRow {
            row,
            service,
            team: team_key,
            depends_on,
        });
    }
    build(name, teams, domains, services)
}

/// Settles the ids (services keep theirs, then teams, then domains take a suffix when
/// theirs is taken) and resolves owners, domains and dependencies.
fn build(
    name: &str,
    teams: Vec<(String, TeamRow)>,
    domains: Vec<(String, String)>,
    services: Vec<ServiceRow>,
) -> Result<Model, SheetError> {
    let mut taken: HashSet<String> = services.iter().map(|s| s.service.id.clone()).collect();
    let team_ids: HashMap<String, String> = teams
        .iter()
        .map(|(key, _)| (key.clone(), settle_id(key, "-team", &mut taken)))
        .collect();
    let domain_ids: HashMap<String, String> = domains
        .iter()
        .map(|(key, _)| (key.clone(), settle_id(key, "-domain", &mut taken)))
        .collect();
    let mut model = Model::named(name);
    model.domains = domains
        .iter()
        .map(|(key, name)| Domain {
            id: domain_ids[key].clone(),
            name: name.clone(),
        })
        .collect();
    model.teams = teams
        .into_iter()
        .map(|(key, row)| {
            let mut team = Team::new(
                &team_ids[&key],
                &row.name,
                row.kind.unwrap_or(TeamKind::Product),
            );
            if let Some(members) = row.members {
                team.members = members;
            }
            team.domain = row.domain.map(|d| domain_ids[&d].clone());
            team
        })
        .collect();
    let by_name: HashMap<&str, &str> = services
        .iter()
        .map(|s| (s.service.name.as_str(), s.service.id.as_str()))
        .collect();
    let ids: HashSet<&str> = services.iter().map(|s| s.service.id.as_str()).collect();
    let mut seen = HashSet::new();
    for row in &services {
        for reference in &row.depends_on {
            let to = by_name
                .get(reference.as_str())
                .copied()
                .or_else(|| ids.get(reference.as_str()).copied())
                .map(str::to_owned)
                .or_else(|| {
                    let id = id_from_name(reference);
                    ids.contains(id.as_str()).then_some(id)
                })
                .ok_or_else(|| {
                    cell_error(
                        row.row,
                        "depends_on",
                        format!(
                            "`{reference}` is not a service of this sheet (give its name or id)"
                        ),
                    )
                })?;
            let dependency = Dependency {
                from: row.service.id.clone(),
                to,
            };
            if seen.insert(dependency.clone()) {
                model.dependencies.push(dependency);
            }
        }
    }
    model.services = services
        .into_iter()
        .map(|row| {
            let mut service = row.service;
            service.owner = row.team.map(|t| team_ids[&t].clone());
            service
        })
        .collect();
    Ok(model)
}

/// `key`, or `key` + `suffix` when a service (or, for a domain, a team) already has it,
/// numbered on in the rare case that is taken too.
pub(crate) fn settle_id(key: &str, suffix: &str, taken: &mut HashSet<String>) -> String {
    let id = if !taken.contains(key) {
        key.to_owned()
    } else {
        let suffixed = format!("{key}{suffix}");
        if taken.contains(&suffixed) {
            (2..)
                .map(|n| format!("{suffixed}-{n}"))
                .find(|id| !taken.contains(id))
                .expect("an unbounded range always yields a free id")
        } else {
            suffixed
        }
    };
    taken.insert(id.clone());
    id
}

/// The line just after a record: where the next one starts unless blank lines come between.
fn line_after(record: &csv::StringRecord) -> u64 {
    let start = record.position().map_or(1, |p| p.line());
    let breaks: usize = record.iter().map(|cell| cell.matches('\n').count()).sum();
    start + 1 + breaks as u64
}

fn csv_error(error: &csv::Error, row: usize) -> SheetError {
    SheetError {
        row: Some(row),
        column: None,
        message: format!("this row cannot be read: {error}"),
    }
}

/// `;`-separated entries, trimmed, empty ones left out.
fn list(cell: &str) -> Vec<String> {
    cell.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn parse_optional<T>(
    cell: &str,
    row: usize,
    column: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, SheetError> {
    if cell.is_empty() {
        return Ok(None);
    }
    parse(cell)
        .map(Some)
        .map_err(|message| cell_error(row, column, message))
}

/// A word compared without case, spaces, `-` or `_`: "Very high" = "VeryHigh".
fn folded(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

pub(crate) fn parse_team_kind(cell: &str) -> Result<TeamKind, String> {
    TeamKind::ALL
        .into_iter()
        .find(|k| folded(k.label()) == folded(cell))
        .ok_or_else(|| {
            format!("`{cell}` is not a team kind (Product, Platform, Enabling, ComplicatedSubsystem or Operations)")
        })
}

pub(crate) fn parse_service_kind(cell: &str) -> Result<ServiceKind, String> {
    ServiceKind::ALL
        .into_iter()
        .find(|k| folded(k.label()) == folded(cell))
        .ok_or_else(|| format!("`{cell}` is not a service kind (Digital, COTS or Foundational)"))
}

pub(crate) fn parse_demand(cell: &str) -> Result<Demand, String> {
    Demand::ALL
        .into_iter()
        .find(|d| folded(d.label()) == folded(cell))
        .ok_or_else(|| {
            format!(
                "`{cell}` is not a demand (Low, Medium, High or VeryHigh; empty when not known)"
            )
        })
}

pub(crate) fn parse_lifecycle(cell: &str) -> Result<Lifecycle, String> {
    Lifecycle::ALL
        .into_iter()
        .find(|l| folded(l.label()) == folded(cell))
        .ok_or_else(|| format!("`{cell}` is not a lifecycle (Inception, Live or Retiring)"))
}

/// Compliance tags separated by `separator`, trimmed, empty ones left out; a tag given twice
/// is refused, as a model file refuses it.
pub(crate) fn tags(cell: &str, separator: char) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in cell
        .split(separator)
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if tags.iter().any(|t| t == tag) {
            return Err(format!("the compliance tag `{tag}` is given twice"));
        }
        tags.push(tag.to_owned());
    }
    Ok(tags)
}

pub(crate) fn parse_members(cell: &str) -> Result<u32, String> {
    cell.parse::<u32>()
        .map_err(|_| format!("`{cell}` is not a number of people (a whole number, 0 or more)"))
}

/// A finite amount, 0 or more.
pub(crate) fn parse_amount(cell: &str) -> Result<f64, String> {
    match cell.parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(value.abs()),
        _ => Err(format!("`{cell}` is not an amount (a number, 0 or more)")),
    }
}

/// A percentage above 0 and at most 100; a trailing `%` is allowed.
pub(crate) fn parse_availability(cell: &str) -> Result<f64, String> {
    let number = cell.strip_suffix('%').unwrap_or(cell).trim();
    match number.parse::<f64>() {
        Ok(value) if value > 0.0 && value <= 100.0 => Ok(value),
        _ => Err(format!(
            "`{cell}` is not an availability (a percentage above 0 and at most 100, such as 99.9)"
        )),
    }
}

/// The model as a sheet that [`read_sheet`] reads back: a row per service, then a row per
/// team that owns nothing, then a row per domain no team belongs to.
pub fn write_sheet(model: &Model) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut write = |row: &[String]| {
        writer
            .write_record(row)
            .expect("writing to memory cannot fail");
    };
    write(&COLUMNS.map(str::to_owned));
    let domain_name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|d| model.domain(d))
            .map(|d| d.name.clone())
            .unwrap_or_default()
    };
    let team_cells = |team: Option<&Team>| match team {
        Some(team) => [
            team.name.clone(),
            domain_name(&team.domain),
            format!("{:?}", team.kind),
            team.members.to_string(),
        ],
        None => Default::default(),
    };
    let names: HashMap<&str, &str> = model
        .services
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    let mut depends_on: HashMap<&str, Vec<&str>> = HashMap::new();
    for dependency in &model.dependencies {
        if let Some(name) = names.get(dependency.to.as_str()) {
            depends_on.entry(&dependency.from).or_default().push(name);
        }
    }
    let mut owning = HashSet::new();
    for service in &model.services {
        let team = service.owner.as_deref().and_then(|o| model.team(o));
        if let Some(team) = team {
            owning.insert(team.id.as_str());
        }
        let [team_name, domain, team_kind, members] = team_cells(team);
        let references: Vec<String> = depends_on
            .get(service.id.as_str())
            .into_iter()
            .flatten()
            .map(|name| {
                if name.contains(';') || name.trim() != *name {
                    id_from_name(name)
                } else {
                    (*name).to_owned()
                }
            })
            .collect();
        write(&[
            service.name.clone(),
            team_name,
            domain,
            format!("{:?}", service.kind),
            team_kind,
            members,
            service
                .exposure_per_hour
                .map(|v| v.to_string())
                .unwrap_or_default(),
            service
                .availability
                .map(|v| v.to_string())
                .unwrap_or_default(),
            // An unknown demand goes out as an empty cell, as it came in.
            match service.demand {
                Demand::Unknown => String::new(),
                demand => format!("{demand:?}"),
            },
            service.callouts_per_year.to_string(),
            format!("{:?}", service.lifecycle),
            service.compliance.join(";"),
            references.join(";"),
        ]);
    }
    let mut with_team = HashSet::new();
    for team in &model.teams {
        if let Some(domain) = &team.domain {
            with_team.insert(domain.as_str());
        }
        if !owning.contains(team.id.as_str()) {
            let [team_name, domain, team_kind, members] = team_cells(Some(team));
            let mut row = vec![String::new(); COLUMNS.len()];
            row[1] = team_name;
            row[2] = domain;
            row[4] = team_kind;
            row[5] = members;
            write(&row);
        }
    }
    for domain in &model.domains {
        if !with_team.contains(domain.id.as_str()) {
            let mut row = vec![String::new(); COLUMNS.len()];
            row[2] = domain.name.clone();
            write(&row);
        }
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("the sheet is written from UTF-8 strings")
}
