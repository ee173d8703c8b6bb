//! Justified exceptions: a finding the definition's owners looked at and accepted, recorded in
//! the definition itself with why, who and when.
//!
//! An exception names one rule and what its finding is about (an id, or a path), never a line:
//! lines move when text is edited, ids do not. It differs from a severity in `isagen.toml`,
//! which is house policy for every definition a team checks; an exception is one accepted
//! finding in one definition, visible to everyone who signs it. The check pipeline applies
//! exceptions after the rules run ([`crate::check::exceptions`]): the finding is reported as
//! suppressed, with the exception, never dropped; an exception that suppresses nothing is
//! reported itself (G031).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// A finding accepted on purpose, with its justification.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exception {
    /// The rule whose finding is accepted: its code (for example `L005`) or its name
    /// (`public-authority-legitimate-interests`). Schema findings (`S` codes) cannot be
    /// accepted: a file that is not a valid definition cannot be checked at all.
    #[schemars(length(min = 1, max = 100))]
    pub rule: String,
    /// The id of what the finding is about: a flow, legal basis, data item, purpose or data
    /// subject (`id`), or a partner or party (its partner id). The exception covers that rule's
    /// findings that point at or inside that entry. Give `about`, `path` or both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub about: Option<String>,
    /// Where the finding points, as a JSON pointer into this definition in which an entry of a
    /// list may be named by its id (or partner id) instead of its position, for example
    /// `/document/protective_marking` or `/legal_bases/council-basis/article_6`. The exception
    /// covers that rule's findings at or inside this place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 1000))]
    pub path: Option<String>,
    /// For a rule that reports once per party (for example once for each controller relying
    /// on a basis): the partner id of the party whose finding is accepted. The finding's
    /// message must name it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 200))]
    pub party: Option<String>,
    /// Why the finding is accepted: the reasoning a signatory reads, for example "the council
    /// shares this outside its public tasks, as a landlord; legal advice of 2026-03-02".
    #[schemars(length(min = 1))]
    pub reason: String,
    /// Who accepted the finding.
    pub accepted_by: AcceptedBy,
    /// The date the finding was accepted.
    pub accepted_on: Date,
    /// The last day the exception applies; after it, the finding is reported again (with a
    /// note that its exception lapsed) so that it is looked at afresh. Leave it out for an
    /// exception with no end date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// The person who accepted a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptedBy {
    /// Their name, or the title of the post where a named person is not published.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Their post, for example "Data Protection Officer" or "SIRO".
    #[schemars(length(min = 1))]
    pub role: String,
    /// The partner body they act for (a partner id), where it is not obvious.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<super::Id>,
}

impl AcceptedBy {
    /// "Name (Role)", as reports print it.
    pub fn describe(&self) -> String {
        match &self.partner {
            Some(partner) => format!("{} ({}, {})", self.name, self.role, partner.as_str()),
            None => format!("{} ({})", self.name, self.role),
        }
    }
}
