//! The "Accepted findings" section: the exceptions a definition records, as its signatories
//! read them.
//!
//! A DPO who accepts a finding does so in the document the parties sign, so the document
//! shows it: which check, what it is about, why it was accepted, by whom, when and until when.
//! Only what the exception records is printed; an exception with no end date says so.

use serde::Serialize;

use super::view::long_date;
use crate::check::Workspace;
use crate::model::Definition;

/// One accepted finding, formatted.
#[derive(Debug, Serialize)]
pub struct AcceptedView {
    /// The rule, as "L005 public-authority-legitimate-interests", or the code as written.
    pub rule: String,
    /// What the rule checks, in one sentence; empty for a code that names no rule.
    pub summary: String,
    /// What the finding is about, as recorded: the id, path and party.
    pub about: String,
    /// Why it was accepted.
    pub reason: String,
    /// Who accepted it: name, post, and organisation where recorded.
    pub accepted_by: String,
    /// When, in UK long form.
    pub accepted_on: String,
    /// Until when, in UK long form, or a plain statement that no end date is recorded.
    pub until: String,
}

/// The accepted findings of document `index`, in the order written.
pub fn accepted(workspace: &Workspace, index: usize) -> Vec<AcceptedView> {
    let definition = &workspace.documents[index].definition;
    let name_of = |id: &str| -> String {
        let partner = match definition {
            Definition::Protocol(p) => p.partners.iter().find(|x| x.id.as_str() == id),
            Definition::Agreement(a) => workspace.partner(a, id),
        };
        partner.map_or_else(|| id.to_string(), |p| p.name.clone())
    };
    definition
        .exceptions()
        .iter()
        .map(|e| {
            let rule = crate::rules::find(&e.rule);
            let mut about = Vec::new();
            if let Some(id) = &e.about {
                about.push(id.clone());
            }
            if let Some(path) = &e.path {
                about.push(format!("at {path}"));
            }
            if let Some(party) = &e.party {
                about.push(format!("for {}", name_of(party)));
            }
            let by = &e.accepted_by;
            AcceptedView {
                rule: rule.map_or_else(|| e.rule.clone(), |r| format!("{} {}", r.code, r.name)),
                summary: rule.map(|r| r.summary()).unwrap_or_default(),
                about: about.join(", "),
                reason: e.reason.clone(),
                accepted_by: match &by.partner {
                    Some(partner) => {
                        format!("{}, {}, {}", by.name, by.role, name_of(partner.as_str()))
                    }
                    None => format!("{}, {}", by.name, by.role),
                },
                accepted_on: long_date(e.accepted_on),
                until: e
                    .until
                    .map_or_else(|| "No end date recorded".to_string(), long_date),
            }
        })
        .collect()
}
