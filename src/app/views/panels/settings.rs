//! The model settings window, floating over the editor: currency, weeks of the year and of
//! the peak season, pay rates, rota rules, services per team and the exposure bands (added, removed, edited and kept sorted by their maximum).

use egui::{DragValue, Grid, RichText, TextEdit, Ui};

use crate::app::state::{Command, CommandSender, Document, Window};
use crate::app::views::theme;
use crate::edit::actions;
use crate::model::Settings;

/// Shows the settings window for `doc`; closing it is a command like any other.
pub fn window(ctx: &egui::Context, doc: &Document, tx: &CommandSender) {
    let mut open = true;
    egui::Window::new("Model settings")
        .open(&mut open)
        .resizable(false)
        .default_width(460.0)
        .show(ctx, |ui| editor(ui, doc, tx));
    if !open {
        tx.send(Command::Hide(Window::Settings));
    }
}

/// The rota rules, each a number dragged slowly, in the order [`editor`] lists them: the
/// label, the words of the undo label, the least and the most, and the unit.
const RULES: [(&str, &str, f64, f64, &str); 4] = [
    ("People per shift", "people per shift", 1.0, 20.0, ""),
    (
        "Callout hours per incident",
        "callout hours",
        0.0,
        48.0,
        " h",
    ),
    (
        "Minimum rota size",
        "minimum rota size",
        0.0,
        50.0,
        " people",
    ),
    (
        "Services per team (max)",
        "services per team",
        0.0,
        200.0,
        "",
    ),
];

/// Which setting changed, for the undo label and for merging a drag into one step.
struct Change {
    field: &'static str,
    /// Bands are re-sorted only when the user lets go, so rows do not jump mid-drag.
    settled: bool,
}

fn note(change: &mut Option<Change>, field: &'static str, response: &egui::Response) {
    if response.changed() || response.drag_stopped() || response.lost_focus() {
        *change = Some(Change {
            field,
            settled: !response.dragged() && !response.has_focus(),
        });
    }
}

/// One labelled setting in the grid, noting when it changes.
fn setting(
    ui: &mut Ui,
    change: &mut Option<Change>,
    (label, field): (&str, &'static str),
    widget: impl egui::Widget,
) {
    let label = ui.label(label).id;
    let response = ui.add(widget).labelled_by(label);
    note(change, field, &response);
    ui.end_row();
}

/// An amount of money in `currency`, from nothing to `most`, dragged `speed` a point.
fn money<'a>(value: &'a mut f64, currency: &str, (most, speed): (f64, f64)) -> DragValue<'a> {
    DragValue::new(value)
        .range(0.0..=most)
        .speed(speed)
        .prefix(format!("{currency} "))
}

fn editor(ui: &mut Ui, doc: &Document, tx: &CommandSender) {
    let original = doc.model().settings.clone();
    let mut settings: Settings = original.clone();
    let mut change: Option<Change> = None;
    let currency = settings.currency.clone();
    Grid::new("settings-grid")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let currency_field = TextEdit::singleline(&mut settings.currency).desired_width(80.0);
            setting(ui, &mut change, ("Currency", "currency"), currency_field);
            let weeks = DragValue::new(&mut settings.weeks_per_year)
                .range(1.0..=53.0)
                .speed(0.1);
            setting(ui, &mut change, ("Weeks per year", "weeks per year"), weeks);
            // At most the whole year (SPEC 8.2).
            let peak = DragValue::new(&mut settings.peak_weeks)
                .range(0.0..=original.weeks_per_year)
                .speed(0.1)
                .suffix(" weeks");
            setting(ui, &mut change, ("Peak season", "peak weeks"), peak);
            let rules = [
                DragValue::new(&mut settings.people_per_shift),
                DragValue::new(&mut settings.callout_hours),
                DragValue::new(&mut settings.min_rota_size),
                DragValue::new(&mut settings.max_services_per_team),
            ];
            for (value, (label, field, least, most, unit)) in rules.into_iter().zip(RULES) {
                let value = value.range(least..=most).speed(0.05).suffix(unit);
                setting(ui, &mut change, (label, field), value);
            }
            for (who, pay, field_standby, field_callout) in [
                (
                    "Product",
                    &mut settings.product_pay,
                    "product standby pay",
                    "product callout pay",
                ),
                (
                    "Operations",
                    &mut settings.ops_pay,
                    "operations standby pay",
                    "operations callout pay",
                ),
            ] {
                let standby = money(&mut pay.standby_per_week, &currency, (1e6, 5.0));
                let label = format!("{who} standby per week");
                setting(ui, &mut change, (&label, field_standby), standby);
                let callout = money(&mut pay.callout_per_hour, &currency, (1e5, 1.0));
                let label = format!("{who} callout per hour");
                setting(ui, &mut change, (&label, field_callout), callout);
            }
        });

    ui.add_space(8.0);
    ui.label(RichText::new("Exposure bands").strong()).on_hover_text(
        "A service takes the availability of the lowest band whose maximum covers its financial exposure per hour",
    );
    let mut remove: Option<usize> = None;
    Grid::new("bands-grid")
        .num_columns(3)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Exposure up to (per hour)").color(theme::MUTED_INK));
            ui.label(RichText::new("Availability").color(theme::MUTED_INK));
            ui.end_row();
            for (index, band) in settings.exposure_bands.iter_mut().enumerate() {
                let r = ui.add(
                    DragValue::new(&mut band.max_exposure_per_hour)
                        .range(0.0..=1e12)
                        .speed(100.0)
                        .prefix(format!("{currency} "))
                        .custom_formatter(|v, _| crate::format::grouped(v))
                        .custom_parser(crate::format::parse_grouped),
                );
                note(&mut change, "exposure band maximum", &r);
                let r = ui.add(
                    DragValue::new(&mut band.availability)
                        .range(0.01..=100.0)
                        .speed(0.01)
                        .max_decimals(4)
                        .suffix(" %"),
                );
                note(&mut change, "exposure band availability", &r);
                if ui
                    .small_button("🗙")
                    .on_hover_text("Remove this band")
                    .clicked()
                {
                    remove = Some(index);
                }
                ui.end_row();
            }
        });
    if let Some(index) = remove {
        settings.exposure_bands.remove(index);
        change = Some(Change {
            field: "exposure bands",
            settled: true,
        });
    }
    if ui
        .button("+ Add band")
        .on_hover_text("The next level of availability, for a higher exposure")
        .clicked()
    {
        let next = actions::next_band(&settings);
        settings.exposure_bands.push(next);
        change = Some(Change {
            field: "exposure bands",
            settled: true,
        });
    }

    if let Some(change) = change {
        request(doc, tx, &original, settings, &change);
    }
    if let Some(message) = doc.edit_error() {
        ui.colored_label(theme::RED, message);
    }
}

/// Asks for edited settings as one undo step per field, sorting the bands once settled.
fn request(
    doc: &Document,
    tx: &CommandSender,
    original: &Settings,
    mut settings: Settings,
    change: &Change,
) {
    if change.settled {
        settings.exposure_bands = settings.sorted_bands();
    }
    let key = Some(format!("settings:{}", change.field));
    if settings != *original {
        let edit = actions::set_settings(doc.model(), settings);
        tx.edit(doc.id(), &format!("Change {}", change.field), edit, key);
    }
    if change.settled {
        tx.send(Command::Seal(doc.id()));
    }
}
