//! The inspector's compliance tags for a service: its tags as chips that remove with a
//! click, a field to add one (refused with the file format's own message when it is blank,
//! padded or already there), and the tags used elsewhere in the model offered as suggestions.

use egui::{Button, Id, Key, RichText, TextEdit, Ui};

use super::super::DocView;
use crate::app::views::theme;
use crate::edit::{Edit, actions};

/// How many suggestions are offered under the field at most.
const SUGGESTIONS: usize = 8;

/// What the user typed in the tag field and, once they tried to add it, why it was refused.
#[derive(Clone, Default)]
struct Draft {
    text: String,
    problem: Option<String>,
}

/// The compliance section of service `id`'s inspector.
pub(super) fn tags(ui: &mut Ui, dv: DocView, id: &str) {
    let Some(service) = dv.model().service(id) else {
        return;
    };
    let current = service.compliance.clone();
    let name = service.name.clone();
    ui.add_space(8.0);
    let heading = ui
        .label(RichText::new("Compliance scope").strong())
        .on_hover_text("Scope tags such as PCI-DSS or SOX: the figures panel shows, per tag, how its services are run and covered");
    let mut removal: Option<(String, Vec<String>)> = None;
    ui.horizontal_wrapped(|ui| {
        if current.is_empty() {
            ui.label(RichText::new("no tags").color(theme::MUTED_INK));
        }
        for tag in &current {
            let chip = Button::new(RichText::new(format!("{tag}  🗙")).color(theme::INK))
                .fill(theme::GREY_FILL)
                .corner_radius(10.0);
            if ui
                .add(chip)
                .on_hover_text(format!("Remove {tag} from {name}"))
                .clicked()
            {
                let kept = current.iter().filter(|t| *t != tag).cloned().collect();
                removal = Some((format!("Remove compliance tag {tag} from {name}"), kept));
            }
        }
    });

    let key = Id::new(("compliance-draft", dv.doc.id(), id.to_owned()));
    let mut draft: Draft = ui.data(|d| d.get_temp(key)).unwrap_or_default();
    let before = draft.text.clone();
    let mut submitted: Option<String> = None;
    ui.horizontal(|ui| {
        let field = ui
            .add(
                TextEdit::singleline(&mut draft.text)
                    .hint_text("Add a tag, e.g. PCI-DSS")
                    .desired_width(140.0),
            )
            .labelled_by(heading.id);
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        if ui
            .add_enabled(!draft.text.is_empty(), Button::new("Add"))
            .on_hover_text("Put the service in this compliance scope")
            .clicked()
            || entered
        {
            submitted = Some(draft.text.clone());
            if entered {
                field.request_focus();
            }
        }
    });
    if draft.text != before {
        draft.problem = None;
    }

    let typed = draft.text.to_lowercase();
    let suggestions: Vec<&str> = dv
        .analysis()
        .compliance
        .iter()
        .map(|scope| scope.tag.as_str())
        .filter(|tag| !current.iter().any(|t| t == tag) && tag.to_lowercase().contains(&typed))
        .take(SUGGESTIONS)
        .collect();
    if !suggestions.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Used in this model:").color(theme::MUTED_INK));
            for tag in suggestions {
                if ui
                    .small_button(format!("+ {tag}"))
                    .on_hover_text(format!("Add {tag} to {name}"))
                    .clicked()
                {
                    submitted = Some(tag.to_owned());
                }
            }
        });
    }

    if let Some(tag) = submitted {
        let mut tags = current;
        tags.push(tag.clone());
        match with_tags(dv, id, tags) {
            Ok(edit) => {
                dv.edit(
                    &format!("Add compliance tag {tag} to {name}"),
                    Ok(edit),
                    None,
                );
                draft = Draft::default();
            }
            Err(problem) => draft.problem = Some(problem),
        }
    }
    if let Some(problem) = &draft.problem {
        ui.colored_label(theme::RED, problem);
    }
    ui.data_mut(|d| d.insert_temp(key, draft));
    if let Some((label, tags)) = removal {
        let edit = with_tags(dv, id, tags);
        dv.edit(&label, edit, None);
    }
}

/// The edit giving service `id` exactly `tags`, checked as a loaded file would be.
fn with_tags(dv: DocView, id: &str, tags: Vec<String>) -> Result<Edit, String> {
    let mut service = dv
        .model()
        .service(id)
        .cloned()
        .ok_or_else(|| format!("There is no service `{id}`."))?;
    service.compliance = tags;
    actions::update_service(dv.model(), service)
}
