//! The narrative sections real protocols and agreements carry beside their structured content:
//! introduction and background, scope and exclusions, drivers and constraints, what
//! practitioners must do, how decisions are made and risks escalated, exceptional sharing,
//! training and communications, operating instructions, monitoring, FOI requests, a glossary,
//! related documents and appendices.
//!
//! Every field is optional and each has its own heading in its own place in the document, so
//! no free-text "other" field stands in for them. A section left out is not printed: these
//! sections describe practice, and their absence asserts nothing.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The narrative sections of a protocol or an agreement (all optional).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    /// The introduction: what the document is for and who it is written for. Printed first,
    /// after the document control table. Separate paragraphs with a blank line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduction: Option<String>,
    /// The background: the service, partnership or events that led to the sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
    /// What the document covers and what it does not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// What drives the sharing: duties, policy, inspection findings, one each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers: Vec<String>,
    /// The constraints the sharing works within (legal, technical, organisational), one each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<String>,
    /// What each practitioner who shares or receives the data must do, one obligation each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub practitioner_obligations: Vec<String>,
    /// How decisions to share are made and recorded, and who may make them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision_making: Option<String>,
    /// How risks and issues with the sharing are escalated, and to whom.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<String>,
    /// How non-routine and exceptional requests to share (outside the regular flows) are
    /// handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceptional_sharing: Option<String>,
    /// Training for staff and how the sharing is communicated to them and to the public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_and_communications: Option<String>,
    /// Operating instructions: the steps staff follow, one step each, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operating_instructions: Vec<String>,
    /// How the sharing is monitored, reported on and improved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring_and_improvement: Option<String>,
    /// How requests under the Freedom of Information Act 2000 (or the Freedom of Information
    /// (Scotland) Act 2002) about the document or the sharing are handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freedom_of_information: Option<String>,
    /// A glossary: each term the document uses and what it means. Printed near the start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub definitions: Vec<Term>,
    /// Documents a reader needs beside this one (policies, procedures, the DPIA, forms).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_documents: Vec<RelatedDocument>,
    /// Appendices, printed at the end in this order: each a title with text, a table or both.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
}

impl Narrative {
    /// Whether no section is set.
    pub fn is_empty(&self) -> bool {
        self == &Narrative::default()
    }
}

/// What the document covers and what it leaves out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// What the document covers: services, people, data and circumstances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What it does not cover, one exclusion each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<String>,
}

/// A term in the glossary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The term, for example "MASH".
    #[schemars(length(min = 1))]
    pub term: String,
    /// What it means in this document.
    #[schemars(length(min = 1))]
    pub meaning: String,
}

/// A document a reader needs beside this one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelatedDocument {
    /// Its title.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Its version, as its owner numbers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where to find it: an address or a reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// An appendix: a title with text, a table, or both (text first).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// The appendix's title, for example "Referral form".
    #[schemars(length(min = 1))]
    pub title: String,
    /// The text. Separate paragraphs with a blank line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<AppendixTable>,
}

/// A table in an appendix: column headings and rows of cells. A row shorter than the headings
/// is printed with empty cells after its last; a row longer gets extra (untitled) columns, so
/// no cell is ever dropped.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendixTable {
    /// The column headings.
    #[schemars(length(min = 1))]
    pub columns: Vec<String>,
    /// The rows, each a list of cells.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Vec<String>>,
}
