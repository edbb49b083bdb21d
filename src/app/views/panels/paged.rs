//! A long list in a panel shown a page at a time, with "Show N more of M" under it: a big
//! model has thousands of rotas or findings, and laying every row out each frame would cost
//! the whole frame.

use std::hash::Hash;

use egui::{Id, Ui};

use crate::format::grouped;

/// How many rows a list shows at first, and how many more each "Show more" adds: a panel's
/// worth to read, and few enough that a big model's panel stays cheap to draw every frame.
pub const PAGE: usize = 25;

/// How many rows of one list are shown, kept per list while the window is open.
pub struct Paged {
    id: Id,
    pub shown: usize,
    total: usize,
}

impl Paged {
    /// The list named `list`, of `total` rows.
    pub fn new(ui: &Ui, list: impl Hash + std::fmt::Debug, total: usize) -> Paged {
        let id = Id::new(("shown", list));
        let shown = ui.data(|d| d.get_temp::<usize>(id)).unwrap_or(PAGE);
        Paged {
            id,
            shown: shown.min(total),
            total,
        }
    }

    /// "Show 25 more of 1,975", while rows are left out.
    pub fn more_button(self, ui: &mut Ui) {
        let hidden = self.total - self.shown;
        if hidden > 0
            && ui
                .button(format!(
                    "Show {} more of {}",
                    hidden.min(PAGE),
                    grouped(hidden as f64)
                ))
                .clicked()
        {
            ui.data_mut(|d| d.insert_temp(self.id, self.shown + PAGE));
        }
    }
}
