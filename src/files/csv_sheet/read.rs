//! Reading a sheet into a model (SPEC 6.2): the header finds the columns, each row gives a
//! service (or, with an empty `service`, declares a team or a domain), and every value is
//! checked against the bounds a model file has, so a sheet that imports always loads.
//!
//! Names are kept exactly: they are not trimmed, and a name with spaces around it is
//! refused (a spreadsheet hides them) unless it was written protected by a leading `'`.
//! Teams, domains and services are known by their exact names; ids come from names, and
//! two names that give one id get numbered ids.

use std::collections::HashMap;
use std::path::Path;

use super::{SheetError, SheetFileError, id_from_name, service_columns};
use crate::files::ids::Ids;
use crate::files::input::{self, Identity};
use crate::files::limits::{SHEET_BYTES, SHEET_ROWS};
use crate::files::values;
use crate::format::csv_cell;
use crate::format::{Shown, grouped};
use crate::model::{
    Demand, Dependency, Domain, EntityKind, Model, Service, ServiceKind, Team, TeamKind,
};

fn cell_error(row: usize, column: &str, message: String) -> SheetError {
    SheetError {
        row: Some(row),
        column: Some(column.to_owned()),
        message,
    }
}

/// Reads the sheet at `path` into a model called `name`; also says which file was read.
pub fn import(path: &Path, name: &str) -> Result<(Model, Identity), SheetFileError> {
    let fail = |message: String| SheetFileError {
        file: path.to_owned(),
        error: SheetError {
            row: None,
            column: None,
            message,
        },
    };
    let (source, identity) = input::read_text(path, SHEET_BYTES).map_err(|e| {
        fail(match e {
            input::InputError::NotText => {
                "this is not UTF-8 text; save the sheet as \"CSV UTF-8\"".to_owned()
            }
            input::InputError::TooLarge { limit } => format!(
                "the sheet is larger than {}, the most an import reads",
                input::bytes(limit)
            ),
            other => other.to_string(),
        })
    })?;
    let model = read_sheet(&source, name).map_err(|error| SheetFileError {
        file: path.to_owned(),
        error,
    })?;
    Ok((model, identity))
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
    /// A cell as written, without the `'` that protected it.
    fn raw<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.index
            .get(column)
            .and_then(|i| record.get(*i))
            .map_or("", csv_cell::read)
    }

    /// A value cell: as written, unprotected and trimmed.
    fn value<'r>(&self, record: &'r csv::StringRecord, column: &str) -> &'r str {
        self.raw(record, column).trim()
    }

    /// A name cell: `None` when empty or blank; refused when it has spaces around it that
    /// no `'` protected, or is longer than a model allows.
    fn name<'r>(
        &self,
        record: &'r csv::StringRecord,
        column: &str,
        row: usize,
    ) -> Result<Option<&'r str>, SheetError> {
        let written = self
            .index
            .get(column)
            .and_then(|i| record.get(*i))
            .unwrap_or("");
        let name = csv_cell::read(written);
        if name.trim().is_empty() {
            if csv_cell::is_protected(written) {
                return Err(cell_error(
                    row,
                    column,
                    "the name is blank; give it one, or leave the cell empty".to_owned(),
                ));
            }
            return Ok(None);
        }
        if !csv_cell::is_protected(written) && name.trim() != name {
            return Err(cell_error(
                row,
                column,
                format!(
                    "`{}` has spaces around it, which a spreadsheet hides: remove them (or write the cell as `'{}` to keep them)",
                    Shown(name),
                    Shown(name)
                ),
            ));
        }
        values::not_too_long(name, "a name")
            .map_err(|why| cell_error(row, column, why.to_string()))?;
        Ok(Some(name))
    }
}

/// A team as the rows describe it, before ids are settled.
struct TeamRow {
    name: String,
    kind: Option<TeamKind>,
    members: Option<u32>,
    domain: Option<usize>,
}

struct ServiceRow {
    row: usize,
    service: Service,
    team: Option<usize>,
    depends_on: Vec<String>,
}

/// What the rows have declared so far; teams and domains by their exact names.
#[derive(Default)]
struct Rows {
    teams: Vec<TeamRow>,
    team_at: HashMap<String, usize>,
    domains: Vec<String>,
    domain_at: HashMap<String, usize>,
    services: Vec<ServiceRow>,
    /// Each service's place in `services`, by its exact name.
    service_at: HashMap<String, usize>,
}

impl Rows {
    fn domain(&mut self, name: &str) -> usize {
        if let Some(at) = self.domain_at.get(name) {
            return *at;
        }
        self.domains.push(name.to_owned());
        self.domain_at
            .insert(name.to_owned(), self.domains.len() - 1);
        self.domains.len() - 1
    }

    fn team(&mut self, name: &str) -> &mut TeamRow {
        let at = match self.team_at.get(name) {
            Some(at) => *at,
            None => {
                self.teams.push(TeamRow {
                    name: name.to_owned(),
                    kind: None,
                    members: None,
                    domain: None,
                });
                self.team_at.insert(name.to_owned(), self.teams.len() - 1);
                self.teams.len() - 1
            }
        };
        &mut self.teams[at]
    }
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
        let name = header_record.get(column - 1).map_or_else(
            || column.to_string(),
            |title| crate::format::shown(&title.trim().to_lowercase()),
        );
        return Err(quote_error(row, name));
    }
    for required in ["service", "team"] {
        if !index.contains_key(required) {
            let titles: Vec<String> = header_record.iter().map(crate::format::shown).collect();
            return Err(SheetError {
                row: Some(1),
                column: None,
                message: format!(
                    "the header has no `{required}` column (it has: {})",
                    titles.join(", ")
                ),
            });
        }
    }
    let header = Header { index };

    let mut rows = Rows::default();
    let mut row = 1;
    let mut next_line = line_after(&header_record);
    for (read, record) in records.enumerate() {
        if read == SHEET_ROWS {
            return Err(SheetError {
                row: Some(row + 1),
                column: None,
                message: format!(
                    "the sheet has more than {} rows below its header, the most an import reads",
                    grouped(SHEET_ROWS as f64)
                ),
            });
        }
        let record = record.map_err(|e| csv_error(&e, row + 1))?;
        let line = record.position().map_or(next_line, |p| p.line());
        row += 1 + line.saturating_sub(next_line) as usize;
        next_line = line_after(&record);
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        read_row(&header, &record, row, &mut rows)?;
    }
    build(name, rows)
}

/// Reads one row that is not empty into `rows`.
fn read_row(
    header: &Header,
    record: &csv::StringRecord,
    row: usize,
    rows: &mut Rows,
) -> Result<(), SheetError> {
    let value = |column: &str| header.value(record, column);
    let domain = header.name(record, "domain", row)?.map(|d| rows.domain(d));
    let team_kind = parse_optional(value("team_kind"), row, "team_kind", values::team_kind)?;
    let members = parse_optional(value("members"), row, "members", values::members)?;
    let team_name = header.name(record, "team", row)?;
    if let Some(team_name) = team_name {
        let team = rows.team(team_name);
        team.kind = team.kind.or(team_kind);
        team.members = team.members.or(members);
        team.domain = team.domain.or(domain);
    }
    let Some(service_name) = header.name(record, "service", row)? else {
        if let Some(column) = service_columns().find(|column| !value(column).is_empty()) {
            return Err(cell_error(
                row,
                "service",
                format!(
                    "the service has no name, but the row gives its {column}: name the service, or clear that cell"
                ),
            ));
        }
        return Ok(());
    };
    if let Some(first) = rows.service_at.get(service_name) {
        return Err(cell_error(
            row,
            "service",
            format!(
                "`{}` repeats the service of row {}; each service needs a name of its own",
                Shown(service_name),
                rows.services[*first].row
            ),
        ));
    }
    rows.service_at
        .insert(service_name.to_owned(), rows.services.len());
    let mut service = Service::new("", service_name, ServiceKind::Digital);
    if let Some(kind) = parse_optional(value("kind"), row, "kind", values::service_kind)? {
        service.kind = kind;
    }
    service.exposure_per_hour = parse_optional(
        value("exposure_per_hour"),
        row,
        "exposure_per_hour",
        values::exposure,
    )?;
    service.availability = parse_optional(
        value("availability"),
        row,
        "availability",
        values::availability,
    )?;
    // A sheet that says nothing about demand leaves it unknown, not Low (SPEC 7.1).
    service.demand =
        parse_optional(value("demand"), row, "demand", values::demand)?.unwrap_or(Demand::Unknown);
    if let Some(callouts) = parse_optional(
        value("callouts_per_year"),
        row,
        "callouts_per_year",
        values::callouts,
    )? {
        service.callouts_per_year = callouts;
    }
    if let Some(lifecycle) =
        parse_optional(value("lifecycle"), row, "lifecycle", values::lifecycle)?
    {
        service.lifecycle = lifecycle;
    }
    service.compliance = parse_optional(value("compliance"), row, "compliance", |c| {
        values::tags(c, ';')
    })?
    .unwrap_or_default();
    let depends_on = list(value("depends_on"));
    let team = team_name.map(|t| rows.team_at[t]);
    rows.services.push(ServiceRow {
        row,
        service,
        team,
        depends_on,
    });
    Ok(())
}

/// Settles the ids (services keep theirs, then teams, then domains take a suffix when
/// theirs is taken; a clash within a kind is numbered) and resolves owners, domains and
/// dependencies.
fn build(name: &str, rows: Rows) -> Result<Model, SheetError> {
    let Rows {
        teams,
        domains,
        mut services,
        service_at,
        ..
    } = rows;
    let mut ids = Ids::default();
    for row in &mut services {
        row.service.id = ids.settle(&id_from_name(&row.service.name), EntityKind::Service);
    }
    let team_ids: Vec<String> = teams
        .iter()
        .map(|team| ids.settle(&id_from_name(&team.name), EntityKind::Team))
        .collect();
    let domain_ids: Vec<String> = domains
        .iter()
        .map(|domain| ids.settle(&id_from_name(domain), EntityKind::Domain))
        .collect();
    let mut model = Model::named(name);
    model.domains = domains
        .into_iter()
        .zip(&domain_ids)
        .map(|(name, id)| Domain {
            id: id.clone(),
            name,
        })
        .collect();
    model.teams = teams
        .into_iter()
        .zip(&team_ids)
        .map(|(row, id)| {
            let mut team = Team::new(id, &row.name, row.kind.unwrap_or(TeamKind::Product));
            if let Some(members) = row.members {
                team.members = members;
            }
            team.domain = row.domain.map(|d| domain_ids[d].clone());
            team
        })
        .collect();
    let by_id: HashMap<&str, usize> = services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.service.id.as_str(), i))
        .collect();
    let mut seen = std::collections::HashSet::new();
    for row in &services {
        for reference in &row.depends_on {
            let to = service_at
                .get(reference.as_str())
                .copied()
                .or_else(|| by_id.get(reference.as_str()).copied())
                .or_else(|| by_id.get(id_from_name(reference).as_str()).copied())
                .ok_or_else(|| {
                    cell_error(
                        row.row,
                        "depends_on",
                        format!(
                            "`{}` is not a service of this sheet (give its name or id)",
                            Shown(reference)
                        ),
                    )
                })?;
            let dependency = Dependency {
                from: row.service.id.clone(),
                to: services[to].service.id.clone(),
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
            service.owner = row.team.map(|t| team_ids[t].clone());
            service
        })
        .collect();
    // The file version its content needs (an unknown demand needs version 3), as a saved
    // model would say, so the sheet's round trip is exact.
    model.version = model.required_version();
    Ok(model)
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
        message: format!(
            "this row cannot be read: {}",
            crate::format::line(&error.to_string())
        ),
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
    parse: impl Fn(&str) -> Result<T, values::Refusal>,
) -> Result<Option<T>, SheetError> {
    if cell.is_empty() {
        return Ok(None);
    }
    parse(cell)
        .map(Some)
        .map_err(|why| cell_error(row, column, why.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_a_semicolon_only_when_the_header_has_no_comma() {
        assert_eq!(separator("service;team\n"), b';');
        assert_eq!(separator("service,team\n"), b',');
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        assert_eq!(unterminated_quote("a,b\nx,\"y\n", ','), Some((2, 2)));
        assert_eq!(unterminated_quote("a,b\n\"x\"\"\",y\n", ','), None);
    }

    /// Where an error points: its row and column.
    fn place(error: &SheetError) -> (Option<usize>, Option<&str>) {
        (error.row, error.column.as_deref())
    }

    #[test]
    fn names_are_kept_exactly_and_known_by_their_exact_text() {
        // `A b` and `a-b` are two services whose ids would clash: the second is numbered.
        let error = read_sheet("service,team\nA b,Pay\na-b,pay\n'=x, T \n", "s").unwrap_err();
        assert_eq!(place(&error), (Some(4), Some("team")));
        let model = read_sheet("service,team\nA b,Pay\na-b,pay\n'=x,' T \n", "s").unwrap();
        let services: Vec<_> = model.services.iter().map(|s| (&*s.id, &*s.name)).collect();
        assert_eq!(services, [("a-b", "A b"), ("a-b-2", "a-b"), ("-x", "=x")]);
        let teams: Vec<_> = model.teams.iter().map(|t| (&*t.id, &*t.name)).collect();
        assert_eq!(teams, [("pay", "Pay"), ("pay-2", "pay"), ("-t-", " T ")]);
    }

    #[test]
    fn a_nameless_row_with_service_values_is_refused_not_dropped() {
        let error = read_sheet("service,team,depends_on\nA,T,\n,T,A\n", "s").unwrap_err();
        assert_eq!(place(&error), (Some(3), Some("service")));
        assert!(error.message.contains("depends_on"), "{error}");
    }
}
