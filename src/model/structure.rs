//! The shapes real documents take beyond one protocol and its agreements: a stand-alone
//! agreement, an agreement under an external framework named by reference (such as the Wales
//! Accord on the Sharing of Personal Information), schedules within an agreement, and sharing
//! among a group of parties.
//!
//! Schedules tag the entries they hold (`schedule:` on a purpose, data item or flow) rather
//! than nesting their own lists, so every rule that reads an agreement's purposes, items and
//! flows sees all of them, whichever schedule they belong to.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Id;

/// An overarching framework the agreement is made under that is not a protocol file isagen
/// reads: named by reference, for example the Wales Accord on the Sharing of Personal
/// Information (WASPI).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalFramework {
    /// The framework's name, for example "Wales Accord on the Sharing of Personal
    /// Information".
    #[schemars(length(min = 1))]
    pub name: String,
    /// Its reference or identifier, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The version the agreement is made under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the framework is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A schedule of the agreement: a part with its own purposes, data items and flows, which tag
/// themselves with the schedule's id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The schedule's identifier, used in `schedule:` on purposes, data items and flows.
    pub id: Id,
    /// The schedule's title, for example "Schedule 2: Multi-agency risk assessment".
    #[schemars(length(min = 1))]
    pub title: String,
    /// What the schedule covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The keyword for every party to the agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AllParties {
    /// Every party listed in the agreement's `parties`.
    AllParties,
}

/// The parties a group flow runs among.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Among {
    /// `all-parties`: every party to the agreement shares with every other.
    All(AllParties),
    /// The named parties (partner ids), each sharing with every other.
    Parties(#[schemars(length(min = 2))] Vec<Id>),
}
