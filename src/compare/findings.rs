//! Findings added and removed between two models (SPEC 8.1): matched by severity, code and
//! subject, counting repeats (a service can have two `weaker-dependency` findings), and kept
//! with their messages so a comparison can say what each one is.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::analysis::{Analysis, Finding, FindingCode, Id, Severity};

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
/// about the same dependency are the ones that match.
pub(crate) fn finding_differences(
    a: &Analysis,
    b: &Analysis,
) -> (Vec<ChangedFinding>, Vec<ChangedFinding>) {
    type Key = (Severity, FindingCode, Id);
    let key = |f: &Finding| -> Key { (f.severity, f.code, f.subject.clone()) };
    let mut unmatched: HashMap<Key, Vec<&Finding>> = HashMap::new();
    for finding in &a.findings {
        unmatched.entry(key(finding)).or_default().push(finding);
    }
    let mut added = Vec::new();
    for finding in &b.findings {
        match unmatched
            .get_mut(&key(finding))
            .filter(|same| !same.is_empty())
        {
            // Two findings of one key differ in what the subject depends on, if anything.
            Some(same) => {
                let at = same
                    .iter()
                    .position(|f| f.depends_on == finding.depends_on)
                    .unwrap_or(same.len() - 1);
                same.swap_remove(at);
            }
            None => added.push(changed(finding)),
        }
    }
    let mut removed: Vec<ChangedFinding> = unmatched.into_values().flatten().map(changed).collect();
    for list in [&mut added, &mut removed] {
        list.sort_by(|x, y| {
            x.key()
                .cmp(&y.key())
                .then_with(|| x.message.cmp(&y.message))
        });
    }
    (added, removed)
}

/// A finding with its message written out.
fn changed(finding: &Finding) -> ChangedFinding {
    ChangedFinding {
        severity: finding.severity,
        code: finding.code,
        subject: finding.subject.to_string(),
        message: finding.message.to_string(),
    }
}
