//! Compliance scope (SPEC section 5): for each tag, the services in scope and how they are run
//! and covered — the answer to "but our card data is in scope".

use super::rotas::Assignment;
use super::{ComplianceScope, Cover, Index};
use crate::model::{Model, OperatingModel};

use super::availability::Decision;

/// One entry per tag, in order of first appearance (services in file order, tags in their
/// list order).
pub(crate) fn scopes(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    cover: &[Assignment],
) -> Vec<ComplianceScope> {
    let mut scopes: Vec<ComplianceScope> = Vec::new();
    for (s, service) in model.services.iter().enumerate() {
        for tag in &service.compliance {
            let position = match scopes.iter().position(|scope| scope.tag == *tag) {
                Some(position) => position,
                None => {
                    scopes.push(ComplianceScope::new(tag));
                    scopes.len() - 1
                }
            };
            let scope = &mut scopes[position];
            scope.services.push(index.ids().services[s].clone());
            match decisions[s].operating_model {
                OperatingModel::YouBuildItYouRunIt => scope.you_build_it_you_run_it += 1,
                OperatingModel::OpsRunIt => scope.ops_run_it += 1,
            }
            let cover = cover[s].cover();
            scope.needs_cover += usize::from(cover != Cover::NotRequired);
            scope.covered += usize::from(cover == Cover::Covered);
        }
    }
    scopes
}
