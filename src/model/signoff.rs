//! Sign-off as it really happens, and the bodies a document names that are not parties.
//!
//! Many live agreements are not signed in the document itself: "each party shall sign a copy
//! and email acceptance to Public Health Wales", "partner leads have signed". An
//! [`Acceptance`] records where that record is held, how parties accept, and which parties
//! accepted which version (one by one, or a statement that every party did). The sign-off
//! rules (D007, D012, G012) accept either a signature in the definition or an acceptance that
//! covers the party for the current version; the document then prints a sign-off register
//! instead of empty signature boxes.
//!
//! [`OtherBody`] names a body that is not a party (an owning or hosting board, a quality
//! assurance group, co-authors, the drafting group) with the part it plays, and
//! [`PartnerClass`] lets one partner stand for a class of bodies ("all schools in the
//! county"), with an optional list of members.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Date, Definition, Id, Signature};

/// How the parties accept the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AcceptanceMethod {
    /// A signature in ink on a paper or printed copy, kept by the record holder.
    WetSignature,
    /// An email from the party saying it accepts the document.
    EmailAcceptance,
    /// An electronic signature service.
    ESignature,
    /// A minute of the party's board or committee approving the document.
    BoardMinute,
    /// The document does not say how parties accept it.
    NotStated,
}

impl AcceptanceMethod {
    /// The method in plain words, for the sign-off register.
    pub fn title(self) -> &'static str {
        match self {
            AcceptanceMethod::WetSignature => "Signed copy (wet signature)",
            AcceptanceMethod::EmailAcceptance => "Acceptance by email",
            AcceptanceMethod::ESignature => "Electronic signature",
            AcceptanceMethod::BoardMinute => "Board or committee minute",
            AcceptanceMethod::NotStated => "Not stated",
        }
    }
}

/// Acceptance recorded outside the definition: who holds the record, how parties accept, and
/// which parties accepted which version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// Who holds the record of acceptance: a partner id, or the name of a body (for example
    /// "Public Health Wales" or "the WASPI Quality Assurance Group").
    #[schemars(length(min = 1))]
    pub held_by: String,
    /// How the parties accept: `wet-signature`, `email-acceptance`, `e-signature`,
    /// `board-minute` or `not-stated`.
    pub method: AcceptanceMethod,
    /// Where the record is kept, for example a file reference or register address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// A statement that every party accepted a version ("partner leads have signed"). It
    /// covers every party for that version and no other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_parties: Option<AllPartiesAccepted>,
    /// Each party's acceptance, one entry per party and version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recorded: Vec<AcceptanceRecord>,
}

/// A statement that every party accepted one version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllPartiesAccepted {
    /// The version every party accepted. Omit it only when the document states no version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]+(\.[0-9]+){0,2}$"), length(max = 64))]
    pub version: Option<String>,
    /// The date by which every party had accepted, where the document gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<Date>,
}

/// One party's acceptance of one version, as the record holder keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceRecord {
    /// The party that accepted (a partner id).
    pub party: Id,
    /// The version it accepted. Omit it only when the document states no version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]+(\.[0-9]+){0,2}$"), length(max = 64))]
    pub version: Option<String>,
    /// The date it accepted, where recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_on: Option<Date>,
    /// The reference of this acceptance (an email, a minute number, a signed copy's file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

impl Acceptance {
    /// Whether the record covers `party` for `version`. A document that states no version
    /// (`None`) has only the one text, so any acceptance by the party covers it.
    pub fn covers(&self, party: &str, version: Option<&str>) -> bool {
        self.all_parties
            .as_ref()
            .is_some_and(|all| same_version(all.version.as_deref(), version))
            || self
                .recorded
                .iter()
                .any(|r| r.party.as_str() == party && same_version(r.version.as_deref(), version))
    }
}

/// Whether a signature or acceptance of `signed` covers the document's `current` version:
/// the same version, or any when the document states none. A signature that names no
/// version never covers a document that names one: nobody can tell which text it signed.
pub fn same_version(signed: Option<&str>, current: Option<&str>) -> bool {
    match (signed, current) {
        (_, None) => true,
        (Some(signed), Some(current)) => signed == current,
        (None, Some(_)) => false,
    }
}

/// A recorded version for a message: the version, or "an unstated version".
pub fn version_words(version: Option<&str>) -> String {
    version.map_or_else(
        || "an unstated version".to_string(),
        |v| format!("version {v}"),
    )
}

/// Whether `party` has accepted `version`: by a signature in the definition, or by an
/// acceptance recorded elsewhere. With no version stated (`None`), any signature or
/// acceptance by the party counts.
pub fn has_accepted(
    signatures: &[Signature],
    acceptance: Option<&Acceptance>,
    party: &str,
    version: Option<&str>,
) -> bool {
    signatures
        .iter()
        .any(|s| s.partner.as_str() == party && same_version(s.version.as_deref(), version))
        || acceptance.is_some_and(|a| a.covers(party, version))
}

impl Definition {
    /// The acceptance recorded elsewhere, common to both kinds.
    pub fn acceptance(&self) -> Option<&Acceptance> {
        match self {
            Definition::Protocol(p) => p.acceptance.as_ref(),
            Definition::Agreement(a) => a.acceptance.as_ref(),
        }
    }

    /// The bodies named that are not parties, common to both kinds.
    pub fn other_bodies(&self) -> &[OtherBody] {
        match self {
            Definition::Protocol(p) => &p.other_bodies,
            Definition::Agreement(a) => &a.other_bodies,
        }
    }
}

/// The part a body that is not a party plays in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OtherBodyRole {
    /// Owns the document and keeps it current.
    Owner,
    /// Hosts the partnership or the document (for example a health board hosting a service).
    Host,
    /// Checks the document's quality (for example the WASPI Quality Assurance Group).
    QualityAssurance,
    /// Wrote the document with the parties.
    CoAuthor,
    /// The group that drafted the document.
    DraftingGroup,
    /// Any other part; say which in `description`.
    Other,
}

impl OtherBodyRole {
    /// The role in plain words.
    pub fn title(self) -> &'static str {
        match self {
            OtherBodyRole::Owner => "Owner",
            OtherBodyRole::Host => "Host",
            OtherBodyRole::QualityAssurance => "Quality assurance",
            OtherBodyRole::CoAuthor => "Co-author",
            OtherBodyRole::DraftingGroup => "Drafting group",
            OtherBodyRole::Other => "Other",
        }
    }
}

/// A body the document names that is not a party to it: it neither discloses nor receives,
/// and does not sign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherBody {
    /// The body's name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The part it plays: `owner`, `host`, `quality-assurance`, `co-author`,
    /// `drafting-group` or `other`.
    pub role: OtherBodyRole,
    /// What it does, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A partner that stands for a class of bodies, such as "all maintained schools in
/// Northshire". The class is one party: a flow to it is a flow to the class, and each member
/// is bound as the class is (the class's signatory or acceptance signs for every member).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartnerClass {
    /// Which bodies the class takes in, for example "every maintained school and academy in
    /// Northshire".
    #[schemars(length(min = 1))]
    pub description: String,
    /// The members, where the document lists them (printed in an appendix).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<ClassMember>,
}

/// One member of a class of bodies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassMember {
    /// The member's name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Its ICO registration (data protection fee) number, where recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ico_registration: Option<String>,
}
