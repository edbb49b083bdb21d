//! Reading a `.roadmap.ron` file (SPEC 8.3): the roadmap and every phase's model, with paths
//! relative to the roadmap file. A bad one is refused with one message naming the file, the
//! line and column, and the phase.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::files::ron::{self, LoadError};
use crate::format::Shown;
use crate::model::{Step, ValidationError};
use crate::roadmap::{Date, Phase, Roadmap, YEAR_DAYS};

/// A roadmap as its file holds it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RoadmapFile {
    name: String,
    phases: Vec<PhaseFile>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhaseFile {
    name: String,
    start: String,
    model: String,
}

/// Reads the roadmap at `path` and every phase's model.
pub fn load(path: &Path) -> Result<Roadmap, LoadError> {
    let source = ron::read_text(path, "a roadmap file")?;
    let file: RoadmapFile = ron::parse_ron(&source, path)?;
    let starts = check(&file).map_err(|fault| ron::fault_at(&source, path, fault))?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let mut phases = Vec::with_capacity(file.phases.len());
    for (index, (phase, start)) in file.phases.into_iter().zip(starts).enumerate() {
        let model_file: PathBuf = folder.join(&phase.model);
        let model = ron::load(&model_file).map_err(|error| {
            let fault = ValidationError {
                message: format!(
                    "phase `{}`: its model `{}` cannot be loaded: {error}",
                    Shown(&phase.name),
                    Shown(&phase.model)
                ),
                path: vec![
                    Step::Field("phases"),
                    Step::Item(index),
                    Step::Field("model"),
                ],
            };
            ron::fault_at(&source, path, fault)
        })?;
        phases.push(Phase {
            name: phase.name,
            start,
            model_path: phase.model,
            model,
        });
    }
    Ok(Roadmap {
        name: file.name,
        phases,
    })
}

/// Checks the phases: at least one, each with a name, an ISO date and a model path, the
/// dates in ascending order and none later than a year after the first. Returns the dates.
fn check(file: &RoadmapFile) -> Result<Vec<Date>, ValidationError> {
    let at = |index: usize, field: &'static str| {
        vec![Step::Field("phases"), Step::Item(index), Step::Field(field)]
    };
    let fault = |message: String, path: Vec<Step>| Err(ValidationError { message, path });
    if file.phases.is_empty() {
        return fault(
            "a roadmap needs at least one phase: `phases: [(name: \"Today\", start: \"2027-01-04\", model: \"today.ron\")]`".to_owned(),
            vec![Step::Field("phases")],
        );
    }
    let mut starts: Vec<Date> = Vec::with_capacity(file.phases.len());
    for (index, phase) in file.phases.iter().enumerate() {
        let name = Shown(&phase.name);
        if phase.name.trim().is_empty() {
            return fault(
                format!("phase {} has no name; give each phase one", index + 1),
                at(index, "name"),
            );
        }
        if phase.model.trim().is_empty() {
            return fault(
                format!("phase `{name}` names no model; give the path of its model file"),
                at(index, "model"),
            );
        }
        let Some(start) = Date::parse(&phase.start) else {
            return fault(
                format!(
                    "phase `{name}` starts on `{}`, which is not a date written YYYY-MM-DD, such as 2027-04-05",
                    Shown(&phase.start)
                ),
                at(index, "start"),
            );
        };
        if let Some(&before) = starts.last()
            && start <= before
        {
            return fault(
                format!(
                    "phase `{name}` starts on {start}, not after the phase before it ({before}); phases are listed in the order they start"
                ),
                at(index, "start"),
            );
        }
        let end = starts.first().unwrap_or(&start).plus_days(YEAR_DAYS);
        if start > end {
            return fault(
                format!(
                    "phase `{name}` starts on {start}, later than {end}, one year after the first phase starts; a roadmap covers the {YEAR_DAYS} days from its first start"
                ),
                at(index, "start"),
            );
        }
        starts.push(start);
    }
    Ok(starts)
}
