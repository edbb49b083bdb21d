//! CSV line items: one row per service with its owner, domain, decisions, rota, annual cost,
//! lifecycle, compliance tags (`;`-separated, as the spreadsheet import reads them) and cover
//! cost.

use crate::analysis::Analysis;
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
    let mut out = HEADER.join(",");
    out.push('\n');
    for (service, figures) in model.services.iter().zip(&analysis.services) {
        let domain = service
            .owner
            .as_deref()
            .and_then(|owner| model.team(owner))
            .and_then(|team| team.domain.clone())
            .unwrap_or_default();
        let cells = [
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
        ];
        let quoted: Vec<String> = cells.iter().map(|c| quote(c)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

/// RFC 4180 quoting: only when the cell holds a comma, quote or line break.
pub(super) fn quote(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
