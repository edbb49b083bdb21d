//! The model's own name and settings: replacing them as one step, and the exposure band a
//! user adds, which continues the playbook's ladder of availability levels.

use crate::edit::Edit;
use crate::model::{ExposureBand, Model, Settings, limits, validate};

/// Replaces the settings after checking them as the loader would.
pub fn set_settings(model: &Model, settings: Settings) -> Result<Edit, String> {
    let mut trial = Model::named(&model.name);
    trial.settings = settings.clone();
    validate(&trial).map_err(|e| e.message)?;
    Ok(Edit::SetSettings(Box::new(settings)))
}

/// Sets the model's name and description, each cut to the most a model file holds (a name
/// or a description longer than that can only have been pasted by mistake).
pub fn set_info(name: &str, description: &str) -> Edit {
    Edit::SetInfo {
        name: name.chars().take(limits::NAME_CHARS).collect(),
        description: description
            .chars()
            .take(limits::DESCRIPTION_CHARS)
            .collect(),
    }
}

/// The playbook's availability levels, lowest first (SPEC §2: 95 %, 99 %, 99.9 %, and
/// 99.99 % for a genuine need).
const LADDER: [f64; 4] = [95.0, 99.0, 99.9, 99.99];

/// The first band of a model that has none: losses up to this much an hour need 95 %.
const FIRST_MAXIMUM: f64 = 10_000.0;

/// The band "+ Add band" adds: one rung up the ladder from the highest band. Its
/// availability is the next level above every band's (past 99.99 %, one more nine); its
/// maximum grows from the highest one as the last two grew (between 2 and 10 times; 10
/// times after a single band), rounded to two significant figures, so that it reads as a
/// playbook's figure.
pub fn next_band(settings: &Settings) -> ExposureBand {
    let bands = settings.sorted_bands();
    let Some(top) = bands.last() else {
        return ExposureBand {
            max_exposure_per_hour: FIRST_MAXIMUM,
            availability: LADDER[0],
        };
    };
    let highest = bands.iter().map(|b| b.availability).fold(0.0, f64::max);
    let availability = LADDER
        .into_iter()
        .find(|level| *level > highest + 1e-9)
        .unwrap_or_else(|| 100.0 - (100.0 - highest) / 10.0);
    let growth = match bands.len() {
        1 => 10.0,
        n if bands[n - 2].max_exposure_per_hour > 0.0 => {
            (top.max_exposure_per_hour / bands[n - 2].max_exposure_per_hour).clamp(2.0, 10.0)
        }
        _ => 10.0,
    };
    let maximum = if top.max_exposure_per_hour > 0.0 {
        two_figures(top.max_exposure_per_hour * growth)
    } else {
        FIRST_MAXIMUM
    };
    ExposureBand {
        max_exposure_per_hour: maximum.min(1e12),
        availability: (availability * 1e8).round() / 1e8,
    }
}

/// `value` rounded up to two significant figures: 2,560,000 → 2,600,000.
fn two_figures(value: f64) -> f64 {
    let unit = 10f64.powf(value.log10().floor() - 1.0);
    (value / unit).ceil() * unit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(max_exposure_per_hour: f64, availability: f64) -> ExposureBand {
        ExposureBand {
            max_exposure_per_hour,
            availability,
        }
    }

    fn with(bands: &[ExposureBand]) -> Settings {
        Settings {
            exposure_bands: bands.to_vec(),
            ..Settings::default()
        }
    }

    #[test]
    fn a_new_band_continues_the_ladder_one_level_up_at_a_higher_exposure() {
        // None yet: the ladder's first rung.
        assert_eq!(next_band(&with(&[])), band(10_000.0, 95.0));
        // One band: ten times its maximum, the next level.
        assert_eq!(
            next_band(&with(&[band(7_000.0, 95.0)])),
            band(70_000.0, 99.0)
        );
        // SPEC's example: 250,000 → 800,000 grew 3.2 times; 2,560,000 rounds up to
        // 2,600,000, at 99.99 %, whatever the order in the file.
        let spec = [
            band(800_000.0, 99.9),
            band(7_000.0, 95.0),
            band(250_000.0, 99.0),
        ];
        assert_eq!(next_band(&with(&spec)), band(2_600_000.0, 99.99));
        // Above the ladder: one more nine; growth of 100 times is held to 10.
        let top = [band(1_000.0, 99.9), band(100_000.0, 99.99)];
        assert_eq!(next_band(&with(&top)), band(1_000_000.0, 99.999));
        // A level off the ladder: the next rung above it.
        assert_eq!(next_band(&with(&[band(50_000.0, 99.5)])).availability, 99.9);
    }

    #[test]
    fn the_new_band_is_one_a_model_file_accepts() {
        let mut settings = with(&[]);
        for _ in 0..8 {
            let next = next_band(&settings);
            settings.exposure_bands.push(next);
            let mut model = Model::named("Ladder");
            model.settings = settings.clone();
            validate(&model).unwrap();
        }
    }
}
