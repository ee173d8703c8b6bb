//! Types shared by protocols and agreements: identifiers, dates, contacts, document control
//! and signatures.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The pattern every identifier must match: it starts with a letter or digit and goes on with
/// letters, digits, `-`, `_` or `.`.
pub const ID_PATTERN: &str = r"^[A-Za-z0-9][A-Za-z0-9._-]*$";

/// A short, stable identifier that other parts of a definition refer to (for example
/// `north-county-council` or `nhs-number`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(pub String);

impl Id {
    /// The identifier as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for Id {
    fn schema_name() -> Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": ID_PATTERN,
            "maxLength": 128,
            "description": "A short, stable identifier: a letter or digit, then letters, digits, '-', '_' or '.'."
        })
    }
}

/// A calendar date written as `YYYY-MM-DD` (ISO 8601), for example `2026-04-01`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub time::Date);

const DATE_FORMAT: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

impl Date {
    /// Parses `YYYY-MM-DD`; `None` for anything else, including impossible dates.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() != 10 {
            return None;
        }
        time::Date::parse(text, DATE_FORMAT).ok().map(Date)
    }

    /// Builds a date from its parts; `None` when the date does not exist.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = time::Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date)
    }

    /// The date `months` calendar months later, clamped to the end of a shorter month.
    pub fn add_months(self, months: u32) -> Self {
        let total = self.0.year() as i64 * 12 + (self.0.month() as i64 - 1) + months as i64;
        let year = (total.div_euclid(12)) as i32;
        let month = time::Month::try_from((total.rem_euclid(12) + 1) as u8).expect("1..=12");
        let last = month.length(year);
        let day = self.0.day().min(last);
        Date(time::Date::from_calendar_date(year, month, day).unwrap_or(self.0))
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        (other.0 - self.0).whole_days()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.format(DATE_FORMAT).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date of the form YYYY-MM-DD"))
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

/// A named person and how to reach them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Full name, or the title of a post where a named person is not published.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Job title or role, for example "Head of Information Governance".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(email)]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// Where a document is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being written; not in force.
    Draft,
    /// Circulated to the parties for review and comment.
    Review,
    /// Approved by every party, not yet in operation.
    Approved,
    /// In operation: data is being shared under it.
    Live,
    /// No longer in force; kept for the record.
    Retired,
}

impl Status {
    /// Whether the document is, or is about to be, relied on for sharing.
    pub fn is_in_force(self) -> bool {
        matches!(self, Status::Approved | Status::Live)
    }

    /// The lower-case word used in documents and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Approved => "approved",
            Status::Live => "live",
            Status::Retired => "retired",
        }
    }
}

/// The protective marking of the document under the Government Security Classifications.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ProtectiveMarking {
    /// OFFICIAL: routine public sector business.
    #[serde(rename = "OFFICIAL")]
    Official,
    /// OFFICIAL-SENSITIVE: OFFICIAL information that needs extra care, such as personal data
    /// about identifiable individuals.
    #[serde(rename = "OFFICIAL-SENSITIVE")]
    OfficialSensitive,
    /// Legacy (before April 2014): replaced by OFFICIAL.
    #[serde(rename = "NOT PROTECTIVELY MARKED")]
    NotProtectivelyMarked,
    /// Legacy (before April 2014): replaced by OFFICIAL or OFFICIAL-SENSITIVE.
    #[serde(rename = "PROTECT")]
    Protect,
    /// Legacy (before April 2014): replaced by OFFICIAL-SENSITIVE.
    #[serde(rename = "RESTRICTED")]
    Restricted,
    /// Legacy: not a Government Security Classification; use OFFICIAL.
    #[serde(rename = "UNCLASSIFIED")]
    Unclassified,
    /// The document carries no marking, or does not say which; it prints "Not stated" where
    /// the marking goes.
    #[serde(rename = "not-stated")]
    NotStated,
}

impl ProtectiveMarking {
    /// The marking as printed on the document.
    pub fn as_str(self) -> &'static str {
        match self {
            ProtectiveMarking::Official => "OFFICIAL",
            ProtectiveMarking::OfficialSensitive => "OFFICIAL-SENSITIVE",
            ProtectiveMarking::NotProtectivelyMarked => "NOT PROTECTIVELY MARKED",
            ProtectiveMarking::Protect => "PROTECT",
            ProtectiveMarking::Restricted => "RESTRICTED",
            ProtectiveMarking::Unclassified => "UNCLASSIFIED",
            ProtectiveMarking::NotStated => "Not stated",
        }
    }

    /// The current marking that replaces a legacy one, or `None` when the marking is current.
    pub fn replacement(self) -> Option<&'static str> {
        match self {
            ProtectiveMarking::Official
            | ProtectiveMarking::OfficialSensitive
            | ProtectiveMarking::NotStated => None,
            ProtectiveMarking::NotProtectivelyMarked | ProtectiveMarking::Unclassified => {
                Some("OFFICIAL")
            }
            ProtectiveMarking::Protect => Some("OFFICIAL or OFFICIAL-SENSITIVE"),
            ProtectiveMarking::Restricted => Some("OFFICIAL-SENSITIVE"),
        }
    }
}

/// A handling descriptor added to OFFICIAL-SENSITIVE.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum HandlingDescriptor {
    /// Personal information about identifiable individuals.
    #[serde(rename = "PERSONAL")]
    Personal,
    /// Commercial information.
    #[serde(rename = "COMMERCIAL")]
    Commercial,
    /// Sensitive information about a locality (location sensitive).
    #[serde(rename = "LOCSEN")]
    Locsen,
}

/// The person or post that owns a document and keeps it up to date. The owning body is a
/// partner (`partner`) or a body that is not a party (`body`, for example a hosting board
/// named in `other_bodies`): give one of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [{"required": ["partner"]}, {"required": ["body"]}]))]
pub struct Owner {
    /// The partner body that owns the document (a partner id from the protocol).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner: Option<Id>,
    /// The post responsible, for example "Information Governance Manager".
    #[schemars(length(min = 1))]
    pub role: String,
    /// A named contact, where one is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// The owning body by name, when it is not a partner (for example "Hywel Dda University
    /// Health Board" hosting the service, or a group in `other_bodies`). Give this or
    /// `partner`, not both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub body: Option<String>,
}

/// One entry in the version history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionEntry {
    /// The version this entry describes, for example `1.1`.
    #[schemars(pattern(r"^[0-9]+(\.[0-9]+){0,2}$"), length(max = 64))]
    pub version: String,
    /// The date of the version.
    pub date: Date,
    /// Who made the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// What changed, in a sentence or two.
    #[schemars(length(min = 1))]
    pub changes: String,
}

/// Document control: what the document is, which version, its marking and its key dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentControl {
    /// The document's identifier, unique across every definition checked together.
    pub id: Id,
    /// The title printed on the document, as the partnership names it (for example
    /// "Information Sharing Agreement: Multi-Agency Safeguarding Hub").
    #[schemars(length(min = 1))]
    pub title: String,
    /// The version, as `MAJOR.MINOR` (or `MAJOR.MINOR.PATCH`), at most 64 characters (it is
    /// part of every output's file name). Quote it in YAML: `"1.0"`. Omit it when the
    /// document states no version: the document then prints "Version: Not stated", its
    /// outputs are named from the id alone, any signature or acceptance by a party covers
    /// it, and G024 lists the gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]+(\.[0-9]+){0,2}$"), length(max = 64))]
    pub version: Option<String>,
    /// Where the document is in its life.
    pub status: Status,
    /// The protective marking printed in the header of every page.
    pub protective_marking: ProtectiveMarking,
    /// An optional handling descriptor for OFFICIAL-SENSITIVE material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_descriptor: Option<HandlingDescriptor>,
    /// Who owns the document and keeps it current.
    pub owner: Owner,
    /// The date every party approved this version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved: Option<Date>,
    /// The date sharing under this version may start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<Date>,
    /// The date by which the document must be reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Date>,
    /// The date the document stops having effect, where it has a fixed term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry: Option<Date>,
    /// How often the document is reviewed, in months (12 is common practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 120))]
    pub review_interval_months: Option<u32>,
    /// The sharing framework the document belongs to, for example "WASPI".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// Every version of the document, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub version_history: Vec<VersionEntry>,
    /// A subtitle printed under the title, for example "Children's services and the police".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The short title the partnership uses for the document, for example "MASH ISA".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The date the document was last reviewed (beside `review`, the date the next review is
    /// due). It cannot be after `review`: a review moves the next review date on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reviewed: Option<Date>,
    /// The date this version was published (for example on the partnership's website).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    /// The notice printed on the document about uncontrolled copies, for example "Printed
    /// copies are uncontrolled: check the intranet for the current version".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncontrolled_copy_notice: Option<String>,
}

impl DocumentControl {
    /// The date a document is judged against the law: when it takes effect, else when it was
    /// approved.
    pub fn legal_date(&self) -> Option<Date> {
        self.effective.or(self.approved)
    }

    /// The version, or `None` when the document states none.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }
}

/// A signature recorded against a version of the document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The partner body that signed (a partner id).
    pub partner: Id,
    /// The name of the person who signed.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Their post, for example "Director of Children's Services".
    #[schemars(length(min = 1))]
    pub role: String,
    /// The date of signature.
    pub date: Date,
    /// The version of the document that was signed. Omit it only when the document states
    /// no version: a signature that names no version covers only a document that names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]+(\.[0-9]+){0,2}$"), length(max = 64))]
    pub version: Option<String>,
    /// The canonical content hash of what was signed, as `isagen hash` prints it
    /// (`sha256:` and 64 hex digits). With it, a change to the content after sign-off is found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^sha256:[0-9a-f]{64}$"))]
    pub content_hash: Option<String>,
}
