//! CSV line items: one row per service with its owner, domain, decisions, rota, annual cost,
//! lifecycle, compliance tags (`;`-separated, as the spreadsheet import reads them) and cover
//! cost. Written by the one CSV writer ([`crate::format::csv_cell`]), so quoting is right and
//! no name can act as a formula when the sheet is opened.

use crate::analysis::Analysis;
use crate::format::csv_cell;
use crate::model::Model;

const HEADER: [&str; 13] = [
    "id",
    "name",
    "owner",
    "domain",
    "availability",
    "operating_model",
    "out_of_hours",
    "cover",
    "rota",
    "annual_cost",
    "lifecycle",
    "compliance",
    "cover_cost",
];

pub fn csv(model: &Model, analysis: &Analysis) -> String {
    let mut writer = csv_cell::Writer::default();
    writer.row(&HEADER);
    for (service, figures) in model.services.iter().zip(&analysis.services) {
        let domain = service
            .owner
            .as_deref()
            .and_then(|owner| model.team(owner))
            .and_then(|team| team.domain.clone())
            .unwrap_or_default();
        writer.row(&[
            service.id.clone(),
            service.name.clone(),
            service.owner.clone().unwrap_or_default(),
            domain,
            figures.availability.to_string(),
            format!("{:?}", figures.operating_model),
            format!("{:?}", figures.out_of_hours),
            format!("{:?}", figures.cover),
            figures.rota.as_deref().unwrap_or_default().to_owned(),
            figures.annual_cost.to_string(),
            format!("{:?}", figures.lifecycle),
            figures.compliance.join(";"),
            figures.cover_cost.to_string(),
        ]);
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Service, ServiceKind};

    #[test]
    fn cells_are_quoted_when_needed_and_formulas_defused() {
        let mut model = Model::named("m");
        model.services.push(Service::new(
            "a",
            "=HYPERLINK(\"http://x\", \"y\")",
            ServiceKind::Digital,
        ));
        model
            .services
            .push(Service::new("b", "Orders, returns", ServiceKind::Digital));
        let text = csv(&model, &crate::analysis::analyze(&model));
        let rows: Vec<&str> = text.lines().collect();
        assert!(
            rows[1].starts_with("a,\"'=HYPERLINK(\"\"http://x\"\", \"\"y\"\")\","),
            "{text}"
        );
        assert!(rows[2].starts_with("b,\"Orders, returns\","), "{text}");
    }
}
