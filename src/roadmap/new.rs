//! A new roadmap file from saved models (File › New roadmap… in the editor): a phase per
//! model, in the order given, named after the model, the first starting on the Monday on or
//! after a day and the others spread evenly over the year in whole weeks, each path relative
//! to the roadmap where the model sits beside it or below it.

use std::path::Path;

use super::Date;

/// The Monday on or after `day` (1970-01-01 was a Thursday).
pub fn monday_on_or_after(day: Date) -> Date {
    let weekday = (day.days_since(Date::EPOCH) + 3).rem_euclid(7);
    day.plus_days((7 - weekday) % 7)
}

/// Today, from the system clock.
pub fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::EPOCH.plus_days((seconds / 86_400) as i64)
}

/// `model` as the roadmap at `roadmap` names it: relative to the roadmap's folder when it
/// is in it or below it, else the whole path.
pub fn model_path_from(roadmap: &Path, model: &Path) -> String {
    let folder = roadmap.parent().unwrap_or(Path::new(""));
    model
        .strip_prefix(folder)
        .unwrap_or(model)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The text of a roadmap named `name` with a phase per `(name, model path)`, the first
/// starting on `start`, each next one 52 ÷ n whole weeks later.
pub fn roadmap_text(name: &str, phases: &[(String, String)], start: Date) -> String {
    let quoted = |text: &str| ::ron::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    let step = 7 * (52 / phases.len().max(1)).max(1) as i64;
    let lines: Vec<String> = phases
        .iter()
        .enumerate()
        .map(|(i, (phase, model))| {
            format!(
                "    (name: {}, start: \"{}\", model: {}),\n",
                quoted(phase),
                start.plus_days(step * i as i64),
                quoted(model)
            )
        })
        .collect();
    format!("(name: {}, phases: [\n{}])\n", quoted(name), lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_roadmap_starts_on_a_monday_and_spreads_its_phases_over_the_year() {
        // 2027-01-01 is a Friday: the Monday after is 2027-01-04; a Monday is its own.
        let friday = Date::parse("2027-01-01").unwrap();
        assert_eq!(monday_on_or_after(friday).to_string(), "2027-01-04");
        let monday = Date::parse("2027-01-04").unwrap();
        assert_eq!(monday_on_or_after(monday), monday);
        // Three phases, 52 ÷ 3 = 17 weeks apart: 119 days.
        let phases: Vec<(String, String)> = ["Today", "Domain \"rotas\"", "Ops"]
            .iter()
            .map(|n| (n.to_string(), format!("{}.ron", n.len())))
            .collect();
        let text = roadmap_text("Plan", &phases, monday);
        assert_eq!(
            text,
            "(name: \"Plan\", phases: [\n    (name: \"Today\", start: \"2027-01-04\", model: \"5.ron\"),\n    (name: \"Domain \\\"rotas\\\"\", start: \"2027-05-03\", model: \"14.ron\"),\n    (name: \"Ops\", start: \"2027-08-30\", model: \"3.ron\"),\n])\n"
        );
    }

    #[test]
    fn a_model_beside_or_below_the_roadmap_is_named_relative_to_it() {
        let roadmap = Path::new("/plans/h.roadmap.ron");
        assert_eq!(
            model_path_from(roadmap, Path::new("/plans/today.ron")),
            "today.ron"
        );
        assert_eq!(
            model_path_from(roadmap, Path::new("/plans/q2/next.ron")),
            "q2/next.ron"
        );
        assert_eq!(
            model_path_from(roadmap, Path::new("/elsewhere/x.ron")),
            "/elsewhere/x.ron"
        );
    }
}
