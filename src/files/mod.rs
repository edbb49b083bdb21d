//! Files other than the model's own `.ron`: importing a Backstage catalog or a spreadsheet.

pub mod backstage;
pub mod csv_sheet;
