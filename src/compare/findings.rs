//! Findings added and removed between two models (SPEC 8.1): matched by severity, code and
//! subject, counting repeats (a service can have two `weaker-dependency` findings), and kept
//! with their messages so a comparison can say what each one is.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::analysis::{Analysis, FindingCode, Severity};

/// A finding one model has and the other does not. In JSON it is its key,
/// `[severity, code, subject]`; the message is for people.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangedFinding {
    pub severity: Severity,
    pub code: FindingCode,
    pub subject: String,
    pub message: String,
}

impl ChangedFinding {
    fn key(&self) -> [&str; 3] {
        [self.severity.label(), self.code.as_str(), &self.subject]
    }
}

impl Serialize for ChangedFinding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.key().serialize(serializer)
    }
}

/// The findings `b` has that `a` does not, and those `a` has that `b` does not, each sorted
/// as strings by severity, code, then subject. Among findings with the same key, the ones
/// whose message the other model also has are the ones that match.
pub(crate) fn finding_differences(
    a: &Analysis,
    b: &Analysis,
) -> (Vec<ChangedFinding>, Vec<ChangedFinding>) {
    let changed = |f: &crate::analysis::Finding| ChangedFinding {
        severity: f.severity,
        code: f.code,
        subject: f.subject.to_string(),
        message: f.message.to_string(),
    };
    type Key = (Severity, FindingCode, String);
    let key = |f: &ChangedFinding| -> Key { (f.severity, f.code, f.subject.clone()) };
    let mut unmatched: HashMap<Key, Vec<ChangedFinding>> = HashMap::new();
    for finding in a.findings.iter().map(changed) {
        unmatched.entry(key(&finding)).or_default().push(finding);
    }
    let mut added = Vec::new();
    for finding in b.findings.iter().map(changed) {
        match unmatched
            .get_mut(&key(&finding))
            .filter(|same| !same.is_empty())
        {
            Some(same) => {
                let at = same
                    .iter()
                    .position(|f| f.message == finding.message)
                    .unwrap_or(same.len() - 1);
                same.swap_remove(at);
            }
            None => added.push(finding),
        }
    }
    let mut removed: Vec<ChangedFinding> = unmatched.into_values().flatten().collect();
    for list in [&mut added, &mut removed] {
        list.sort_by(|x, y| {
            x.key()
                .cmp(&y.key())
                .then_with(|| x.message.cmp(&y.message))
        });
    }
    (added, removed)
}
