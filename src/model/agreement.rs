//! The information sharing agreement (ISA): one specific sharing under a protocol, pinned down
//! to its purposes, parties, data items, legal bases, flows, security, retention and sign-off.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::narrative::Narrative;
use super::protocol::{BreachProcedure, RightsProcedure};
use super::structure::{Among, ExternalFramework, Schedule};
use super::vocab::{
    Annex1Condition, Article6, Article9Condition, CommonLawBasis, Gateway, Schedule1Condition,
    Schedule8Condition, SpecialCategory, TransferMechanism,
};
use super::{
    Acceptance, Contact, Date, DocumentControl, Id, OtherBody, Partner, SchemaVersion, Signature,
};

/// The `kind` of an agreement definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementKind {
    /// An information sharing agreement (also called a data sharing or data disclosure
    /// agreement).
    Agreement,
}

/// Which kind of arrangement the agreement records. The title is the user's: Welsh (WASPI)
/// partnerships call a sharing agreement an ISP and a disclosure a DDA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// Regular or reciprocal sharing between controllers.
    Sharing,
    /// A one-off or one-way disclosure in answer to a request (records the request and the
    /// decision).
    Disclosure,
    /// An arrangement between joint controllers under UK GDPR Article 26 (records who is
    /// responsible for what).
    JointController,
}

/// An information sharing agreement under a protocol.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// Stating that nothing leaves the UK while listing transfers is a contradiction a signed
// document must not carry.
#[schemars(extend("dependentSchemas" = {
    "no_international_transfers": {
        "properties": { "international_transfers": { "maxItems": 0 } }
    }
}))]
pub struct Agreement {
    /// Always `agreement`.
    pub kind: AgreementKind,
    /// The version of the isagen definition format; currently `1`.
    pub schema_version: SchemaVersion,
    /// Document control: id, title, version, status, marking, owner and dates.
    pub document: DocumentControl,
    /// The id of the protocol this agreement is made under. Omit it for a stand-alone
    /// agreement (one made under no protocol, or under an external framework named in
    /// `framework`), which then lists its own `partners`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<Id>,
    /// Which kind of arrangement this is.
    pub variant: Variant,
    /// The organisations taking part and their roles.
    #[schemars(length(min = 1))]
    pub parties: Vec<Party>,
    /// Why the data is shared: each purpose specific, with its expected benefits.
    #[schemars(length(min = 1))]
    pub purposes: Vec<Purpose>,
    /// The people the data is about.
    #[schemars(length(min = 1))]
    pub data_subjects: Vec<DataSubject>,
    /// Each item of data shared.
    #[schemars(length(min = 1))]
    pub data_items: Vec<DataItem>,
    /// The lawful bases for the sharing, per purpose or per flow.
    #[schemars(length(min = 1))]
    pub legal_bases: Vec<LegalBasis>,
    /// How the data moves between the parties. Leave it empty (or omit it) only when the
    /// document lists no flows: isagen then warns that the flows are not stated (G024), and
    /// the document says it records none.
    #[serde(default)]
    pub flows: Vec<Flow>,
    /// Security measures that apply to the whole sharing (UK GDPR Article 32).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<Security>,
    /// How long each party that receives the data keeps it, and how it is disposed of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retention: Vec<Retention>,
    /// How individuals' rights requests and complaints are handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<RightsProcedure>,
    /// Where each party publishes the privacy information that covers this sharing (UK GDPR
    /// Articles 13 and 14).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub privacy_notices: Vec<PrivacyNotice>,
    /// How the parties keep the data accurate and correct errors (UK GDPR Article 5(1)(d)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_quality: Option<DataQuality>,
    /// How personal data breaches are handled between the parties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach: Option<BreachProcedure>,
    /// Transfers outside the United Kingdom. An empty list does not say there are none: to
    /// say so, set `no_international_transfers`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub international_transfers: Vec<InternationalTransfer>,
    /// Features of the processing that bear on whether a DPIA is needed (UK GDPR Article 35).
    #[serde(default, skip_serializing_if = "ProcessingFeatures::is_empty")]
    pub processing: ProcessingFeatures,
    /// The data protection impact assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpia: Option<Dpia>,
    /// Whether, and on what terms, a recipient may pass the data on to third parties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onward_disclosure: Option<String>,
    /// How the agreement ends and what happens to the shared data when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination: Option<Termination>,
    /// What follows when a party breaches the agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sanctions: Option<String>,
    /// How the agreement is varied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variation: Option<String>,
    /// For a disclosure: the request and the decision on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disclosure: Option<DisclosureRecord>,
    /// For joint controllers: the Article 26 arrangement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joint_controller: Option<JointControllerArrangement>,
    /// Signatures recorded for this agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signature>,
    /// The parties' statement that no personal data is transferred outside the United
    /// Kingdom under this agreement. Without it (and with no `international_transfers`) the
    /// document says that it does not record whether data leaves the UK. It cannot be set
    /// beside a non-empty `international_transfers` (the schema refuses the contradiction).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no_international_transfers: Option<NoInternationalTransfers>,
    /// The narrative sections: introduction, background, scope, drivers, practitioner
    /// obligations, decision-making, escalation, exceptional sharing, training, operating
    /// instructions, monitoring, FOI, definitions, related documents and appendices.
    #[serde(default, skip_serializing_if = "Narrative::is_empty")]
    pub narrative: Narrative,
    /// Acceptance recorded outside this definition ("each party shall sign a copy and email
    /// acceptance to Public Health Wales"). A party that accepted the current version here
    /// needs no signature in `signatures`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
    /// Bodies the agreement names that are not parties: an owning or hosting board, a quality
    /// assurance group, co-authors, the drafting group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_bodies: Vec<OtherBody>,
    /// For a stand-alone agreement (no `protocol`): the bodies taking part, described as a
    /// protocol describes its partners. An agreement under a protocol may list a partner
    /// here too; the agreement's entry is used before the protocol's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partners: Vec<Partner>,
    /// An external framework the agreement is made under, named by reference rather than as
    /// a protocol file (for example the Wales Accord on the Sharing of Personal Information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<ExternalFramework>,
    /// The agreement's schedules; purposes, data items and flows name theirs in `schedule`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    /// The tier the document sits in, where the partnership numbers them (1 for the
    /// overarching protocol, 2 for an agreement under it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 9))]
    pub tier: Option<u8>,
    /// Findings accepted on purpose, each naming the rule and what its finding is about (an
    /// id or a path, never a line), with the reason, who accepted it and when. The finding is
    /// then reported as accepted instead of failing the check, and the rendered document lists
    /// it under "Accepted findings" for the signatories. House policy for every definition
    /// (a rule's severity) belongs in `isagen.toml` instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<super::Exception>,
}

/// The parties' statement that no personal data leaves the United Kingdom under the agreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoInternationalTransfers {
    /// Always `true`: the parties confirm that no personal data shared under this agreement
    /// is transferred outside the United Kingdom (UK GDPR Chapter V).
    #[schemars(extend("const" = true))]
    pub confirmed: bool,
    /// How the parties know, for example "All systems are hosted in UK data centres and no
    /// supplier has access from outside the UK".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
}

/// The role a party plays in the processing (UK GDPR Articles 4, 26 and 28).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Decides, alone, why and how the data is processed.
    Controller,
    /// Decides why and how jointly with another controller (Article 26).
    JointController,
    /// Processes the data only on a controller's instructions (Article 28).
    Processor,
    /// The document does not say which role the party has. Rules that depend on the role
    /// treat it as unknown, and a completeness warning asks for it.
    NotStated,
}

impl Role {
    /// The role in plain words.
    pub fn title(self) -> &'static str {
        match self {
            Role::Controller => "controller",
            Role::JointController => "joint controller",
            Role::Processor => "processor",
            Role::NotStated => "role not stated",
        }
    }
}

/// An organisation taking part in the agreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// The partner id, as the protocol lists it.
    pub partner: Id,
    /// The party's role.
    pub role: Role,
    /// For a processor, or a body acting through or on behalf of another: the controller it
    /// acts for (a partner id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acts_for: Option<Id>,
    /// What the party does in this sharing, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsibilities: Option<String>,
}

/// A purpose for which the data is shared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purpose {
    /// The purpose's identifier.
    pub id: Id,
    /// The purpose, specific enough to decide whether a use falls inside it.
    #[schemars(length(min = 1))]
    pub description: String,
    /// The benefits expected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<String>,
    /// How the benefits will be measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<String>,
    /// Whether the purpose is the individual's own (direct) health or social care. Purposes
    /// beyond direct care need a stronger basis under the common law duty of confidentiality.
    #[serde(default)]
    pub direct_care: bool,
    /// Whether the purpose is a law enforcement purpose (DPA 2018 s.31): the prevention,
    /// investigation, detection or prosecution of criminal offences.
    #[serde(default)]
    pub law_enforcement: bool,
    /// The schedule this purpose belongs to (a schedule id), for an agreement in schedules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Id>,
    /// A short title for the purpose's heading and for references to it, for example
    /// "Deciding referrals". Where it is absent the document numbers the purpose ("Purpose 1")
    /// and prints the description as text, never as a heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub title: Option<String>,
}

/// A category of people the data is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSubject {
    /// The category's identifier.
    pub id: Id,
    /// Who they are, for example "children referred to the hub".
    #[schemars(length(min = 1))]
    pub description: String,
    /// Whether the category includes children (under 18).
    #[serde(default)]
    pub children: bool,
    /// Whether the category includes adults at risk or otherwise vulnerable people.
    #[serde(default)]
    pub vulnerable_adults: bool,
    /// For children: why sharing is in their best interests (ICO children's code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub best_interests: Option<String>,
    /// Where the people are not given privacy information about the sharing: the UK GDPR
    /// Article 14(5) exception relied on and why it applies (for example "14(5)(b):
    /// disproportionate effort; the information is published on the council's website").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_14_5: Option<String>,
}

/// The category of a data item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DataCategory {
    /// Personal data that is neither special category nor criminal offence data.
    Personal,
    /// Special category data (UK GDPR Article 9(1)); say which type in `special_category`.
    SpecialCategory,
    /// Personal data relating to criminal convictions and offences (Article 10).
    CriminalOffence,
    /// Pseudonymised data: still personal data.
    Pseudonymised,
    /// Anonymised or aggregate data: not personal data once truly anonymous.
    Anonymised,
    /// The document does not say which category the item is in: isagen cannot tell whether
    /// it is special category or criminal offence data and asks for the category.
    NotStated,
}

impl DataCategory {
    /// The category in plain words.
    pub fn title(self) -> &'static str {
        match self {
            DataCategory::Personal => "personal",
            DataCategory::SpecialCategory => "special category",
            DataCategory::CriminalOffence => "criminal offence",
            DataCategory::Pseudonymised => "pseudonymised",
            DataCategory::Anonymised => "anonymised or aggregate",
            DataCategory::NotStated => "category not stated",
        }
    }
}

/// An item of data shared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataItem {
    /// The item's identifier.
    pub id: Id,
    /// The item's name, for example "NHS number".
    #[schemars(length(min = 1))]
    pub name: String,
    /// The item's category.
    pub category: DataCategory,
    /// For special category data: which of the nine types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special_category: Option<SpecialCategory>,
    /// Whether the item is held under a duty of confidence (for example health or care
    /// records), so the common law duty of confidentiality applies.
    #[serde(default)]
    pub confidential: bool,
    /// Why the item is necessary for the purposes (data minimisation, Article 5(1)(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub necessity: Option<String>,
    /// Where the item comes from, for example a named system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The schedule this item belongs to (a schedule id), for an agreement in schedules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Id>,
    /// The purposes that need this item (purpose ids), for data minimisation (Article
    /// 5(1)(c)). Left empty, the agreement does not say, and no check is made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needed_for: Vec<Id>,
}

/// A piece of legislation cited as the basis or gateway for sharing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawReference {
    /// The Act or instrument, for example "Children Act 2004".
    #[schemars(length(min = 1))]
    pub legislation: String,
    /// The provision, for example "s.11".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provision: Option<String>,
    /// What the provision does, in a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// For a Digital Economy Act 2017 Part 5 power: the entry on the public register of
    /// information sharing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register_entry: Option<String>,
    /// The gateway in isagen's vocabulary that this entry cites, if it is one of the common
    /// ones (for example `crime-and-disorder-act-1998-s115`): each is marked as a duty, a
    /// power or a duty to comply with a request. Optional beside the free text; free text that
    /// names a listed gateway exactly is recognised without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gateway: Option<Gateway>,
}

impl LawReference {
    /// The gateway this entry cites: its `gateway`, else the one its free text names.
    pub fn recognised_gateway(&self) -> Option<Gateway> {
        self.gateway
            .or_else(|| Gateway::recognise(&self.legislation, self.provision.as_deref()))
    }
}

impl LawReference {
    /// The citation, for example "Children Act 2004 s.11".
    pub fn citation(&self) -> String {
        match &self.provision {
            Some(provision) => format!("{} {}", self.legislation, provision),
            None => self.legislation.clone(),
        }
    }
}

/// The authority for processing criminal offence data (UK GDPR Article 10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Article10Authority {
    /// Processing under the control of official authority.
    OfficialAuthority,
    /// Processing authorised by domestic law: a DPA 2018 Schedule 1 condition (s.10(5)).
    AuthorisedByLaw,
}

/// A lawful basis for sharing, for some purposes or flows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The basis's identifier.
    pub id: Id,
    /// The purposes this basis covers (purpose ids). With `flows` empty too, the basis covers
    /// the whole agreement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purposes: Vec<Id>,
    /// The flows this basis covers (flow ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Id>,
    /// The parties that rely on this basis (partner ids): each controller needs its own
    /// lawful basis, and a discloser's may differ from a recipient's. Empty means every party
    /// to the flows it covers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relied_on_by: Vec<Id>,
    /// The UK GDPR Article 6(1) basis. Leave it out only for a competent authority's
    /// processing under DPA 2018 Part 3 (`law_enforcement`), which the UK GDPR does not govern.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_6: Option<Article6>,
    /// The law that lays down a legal obligation or public task (Article 6(3)), and any
    /// statutory gateway or power relied on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub law: Vec<LawReference>,
    /// For Article 6(1)(ea): the Annex 1 condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annex_1: Option<Annex1Condition>,
    /// For consent: how an individual withdraws consent (Article 7(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_withdrawal: Option<String>,
    /// For special category data: the Article 9(2) condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_9: Option<Article9Condition>,
    /// The DPA 2018 Schedule 1 conditions relied on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedule_1: Vec<Schedule1Condition>,
    /// For criminal offence data: the Article 10 authority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_10: Option<Article10Authority>,
    /// The appropriate policy document that Schedule 1 requires for some conditions (a
    /// reference or address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appropriate_policy_document: Option<String>,
    /// For a competent authority processing for law enforcement purposes: the basis under
    /// DPA 2018 Part 3 instead of the UK GDPR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law_enforcement: Option<LawEnforcementBasis>,
    /// The basis for setting aside the common law duty of confidentiality, where confidential
    /// information is shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_law: Option<CommonLawBasis>,
    /// A sentence on why the basis applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
    /// Each relying controller's own appropriate policy document (DPA 2018 Schedule 1
    /// para 39: the document is the controller's), where they differ. A controller with no
    /// entry here is covered by `appropriate_policy_document`, if that is recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policy_documents: Vec<PartyPolicyDocument>,
    /// For confidential patient information about care in England used beyond individual
    /// care under s.251 support: how the National Data Opt-out is applied, or the
    /// Confidentiality Advisory Group's advice that it does not apply to this flow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_data_opt_out: Option<String>,
    /// A short title for the basis's heading and for references to it, for example
    /// "Safeguarding children". Where it is absent the document numbers the basis ("Legal
    /// basis 1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub title: Option<String>,
}

/// One controller's appropriate policy document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyPolicyDocument {
    /// The controller (a partner id).
    pub party: Id,
    /// The document's reference or address.
    #[schemars(length(min = 1))]
    pub reference: String,
}

/// Processing under DPA 2018 Part 3 (law enforcement).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawEnforcementBasis {
    /// Whether the processing is based on consent (s.35(4)) rather than strict necessity
    /// (s.35(5)) for sensitive processing.
    #[serde(default)]
    pub consent: bool,
    /// For sensitive processing (s.35(8)): the Schedule 8 conditions relied on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedule_8: Vec<Schedule8Condition>,
    /// For sensitive processing: the competent authority's appropriate policy document
    /// (DPA 2018 s.35(4)(b) and (5)(c), s.42), a reference or address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appropriate_policy_document: Option<String>,
}

/// How data moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum TransferMethod {
    /// Email encrypted end to end or over a secure government or NHS mail service.
    SecureEmail,
    /// Ordinary email, not encrypted: insecure for personal data.
    UnencryptedEmail,
    /// Secure file transfer (SFTP or FTPS).
    SecureFileTransfer,
    /// A secure web portal or file sharing service.
    SecurePortal,
    /// An application programming interface over an encrypted connection.
    Api,
    /// Both parties use the same case management or record system, with role-based access.
    SharedSystem,
    /// Spoken, in a meeting or by telephone.
    Verbal,
    /// Encrypted removable media (for example an encrypted USB drive).
    EncryptedRemovableMedia,
    /// Removable media that is not encrypted: insecure.
    UnencryptedRemovableMedia,
    /// Fax: insecure.
    Fax,
    /// Tracked or recorded post or courier.
    SecurePost,
    /// The document does not say how the data moves.
    NotStated,
}

impl TransferMethod {
    /// Whether the method is insecure for personal data.
    pub fn is_insecure(self) -> bool {
        matches!(
            self,
            TransferMethod::UnencryptedEmail
                | TransferMethod::UnencryptedRemovableMedia
                | TransferMethod::Fax
        )
    }

    /// The method in plain words.
    pub fn title(self) -> &'static str {
        match self {
            TransferMethod::SecureEmail => "secure email",
            TransferMethod::UnencryptedEmail => "unencrypted email",
            TransferMethod::SecureFileTransfer => "secure file transfer",
            TransferMethod::SecurePortal => "secure portal",
            TransferMethod::Api => "API",
            TransferMethod::SharedSystem => "shared system",
            TransferMethod::Verbal => "verbal (meeting or telephone)",
            TransferMethod::EncryptedRemovableMedia => "encrypted removable media",
            TransferMethod::UnencryptedRemovableMedia => "unencrypted removable media",
            TransferMethod::Fax => "fax",
            TransferMethod::SecurePost => "secure post or courier",
            TransferMethod::NotStated => "not stated",
        }
    }
}

/// How often data moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Once only.
    OneOff,
    /// Case by case, when a request is made or a need arises.
    OnRequest,
    /// Continuously, as records change.
    RealTime,
    /// Every day.
    Daily,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every quarter.
    Quarterly,
    /// Every year.
    Annually,
    /// The document does not say how often the data moves.
    NotStated,
}

impl Frequency {
    /// Whether data moves on a routine schedule rather than case by case or once. A
    /// frequency not stated is not known to be routine.
    pub fn is_routine(self) -> bool {
        !matches!(
            self,
            Frequency::OneOff | Frequency::OnRequest | Frequency::NotStated
        )
    }

    /// The frequency in plain words.
    pub fn title(self) -> &'static str {
        match self {
            Frequency::OneOff => "one-off",
            Frequency::OnRequest => "on request",
            Frequency::RealTime => "real time",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Annually => "annually",
            Frequency::NotStated => "not stated",
        }
    }
}

/// A movement of data from one party to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// The flow's identifier.
    pub id: Id,
    /// The party that discloses (a partner id). Required unless the flow names `among`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Id>,
    /// The party that receives (a partner id). Required unless the flow names `among`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Id>,
    /// The data items that move (data item ids).
    #[schemars(length(min = 1))]
    pub data_items: Vec<Id>,
    /// The purposes the flow serves (purpose ids).
    #[schemars(length(min = 1))]
    pub purposes: Vec<Id>,
    /// The data subjects the flow is about (data subject ids); empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<Id>,
    /// How the data moves.
    pub method: TransferMethod,
    /// How often.
    pub frequency: Frequency,
    /// Roughly how many records, for example "about 40 referrals a week".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume: Option<String>,
    /// The format, for example "CSV extract" or "structured referral form".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The security measures protecting this flow in transit and on arrival.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<String>,
    /// Who at the recipient may see the data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<String>,
    /// Instead of `from` and `to`: the group the data moves among, each sharing with every
    /// other: `all-parties` or a list of partner ids. Rules check it as every pair it stands
    /// for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub among: Option<Among>,
    /// The schedule this flow belongs to (a schedule id), for an agreement in schedules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Id>,
    /// A short title for the flow, for example "School referral", used in its heading, the
    /// flows table and the diagram. Where it is absent the document numbers the flow ("Flow 1")
    /// and names its ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub title: Option<String>,
}

impl Flow {
    /// The (discloser, recipient) pairs the flow stands for: `from` to `to`, or every ordered
    /// pair of distinct parties in `among` (`all-parties` meaning every party of
    /// `agreement`), in the order the parties are listed. A flow that names neither has none.
    pub fn pairs<'a>(&'a self, agreement: &'a Agreement) -> Vec<(&'a Id, &'a Id)> {
        match (&self.among, &self.from, &self.to) {
            (None, Some(from), Some(to)) => vec![(from, to)],
            (Some(among), _, _) => {
                let members: Vec<&Id> = match among {
                    Among::All(_) => agreement.parties.iter().map(|p| &p.partner).collect(),
                    Among::Parties(ids) => {
                        let mut seen: Vec<&Id> = Vec::new();
                        for id in ids {
                            if !seen.contains(&id) {
                                seen.push(id);
                            }
                        }
                        seen
                    }
                };
                let mut pairs = Vec::new();
                for from in &members {
                    for to in &members {
                        if from != to {
                            pairs.push((*from, *to));
                        }
                    }
                }
                pairs
            }
            _ => Vec::new(),
        }
    }

    /// The flow's two ends in words, given how to name a partner: the discloser and the
    /// recipient, or for a group flow the group and "Among themselves".
    pub fn ends_in_words(&self, name_of: &dyn Fn(&str) -> String) -> (String, String) {
        let name = |id: &Option<Id>| {
            id.as_ref()
                .map_or_else(|| "Not stated".to_string(), |i| name_of(i.as_str()))
        };
        match &self.among {
            Some(Among::All(_)) => ("All parties".into(), "Among themselves".into()),
            Some(Among::Parties(ids)) => {
                let names: Vec<String> = ids.iter().map(|i| name_of(i.as_str())).collect();
                (names.join(", "), "Among themselves".into())
            }
            None => (name(&self.from), name(&self.to)),
        }
    }

    /// Whether partner `id` takes part in the flow (discloses or receives).
    pub fn involves(&self, agreement: &Agreement, id: &str) -> bool {
        self.pairs(agreement)
            .iter()
            .any(|(f, t)| f.as_str() == id || t.as_str() == id)
    }

    /// The JSON pointer, under the flow at `pointer`, of the field that names partner `id`
    /// as discloser (`from` is true) or recipient: `from`, `to`, the `among` entry, or `among`.
    pub fn endpoint_pointer(&self, pointer: &str, id: &Id, from: bool) -> String {
        match &self.among {
            Some(Among::Parties(ids)) => match ids.iter().position(|i| i == id) {
                Some(k) => format!("{pointer}/among/{k}"),
                None => format!("{pointer}/among"),
            },
            Some(Among::All(_)) => format!("{pointer}/among"),
            None => format!("{pointer}/{}", if from { "from" } else { "to" }),
        }
    }
}

/// Security measures for the sharing as a whole (UK GDPR Article 32).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Security {
    /// Technical measures, one each (for example "AES-256 encryption at rest").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub technical: Vec<String>,
    /// Organisational measures, one each (for example "annual data protection training").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisational: Vec<String>,
    /// How the data is stored by recipients.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// Who may access the data and how access is controlled and audited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_control: Option<String>,
}

/// How long a party keeps the shared data, and how it disposes of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// The party that holds the data (a partner id).
    pub party: Id,
    /// How long, and from when, for example "6 years after the case is closed".
    #[schemars(length(min = 1))]
    pub period: String,
    /// How the data is disposed of at the end of the period.
    #[schemars(length(min = 1))]
    pub disposal: String,
    /// The data items this applies to (data item ids); empty means all the party holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_items: Vec<Id>,
    /// Where no fixed period can be given, the criteria that decide how long the data is
    /// kept (UK GDPR Articles 13(2)(a) and 14(2)(a): "the period … or if that is not
    /// possible, the criteria used to determine that period"), for example "until the
    /// child's 25th birthday or 8 years after the case closes, whichever is later".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<String>,
}

/// Where a party's privacy information is published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PrivacyNotice {
    /// The party (a partner id).
    pub party: Id,
    /// The address or reference of the privacy notice.
    #[schemars(length(min = 1))]
    pub reference: String,
    /// The categories of data subject the notice is written for (data subject ids); empty
    /// means it covers all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_subjects: Vec<Id>,
}

/// How the data is kept accurate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataQuality {
    /// Standards the data meets, for example "NHS number verified against PDS".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<String>,
    /// How errors are found, corrected and notified to the other parties.
    #[schemars(length(min = 1))]
    pub corrections: String,
}

/// A transfer of data outside the United Kingdom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InternationalTransfer {
    /// The country or international organisation the data goes to.
    #[schemars(length(min = 1))]
    pub destination: String,
    /// Who receives it there, for example a cloud provider's data centre.
    #[schemars(length(min = 1))]
    pub recipient: String,
    /// The mechanism that makes the transfer lawful (UK GDPR Chapter V).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mechanism: Option<TransferMechanism>,
    /// Whether the transfer is regular or repeated (`true`) or occasional (`false`). Left out,
    /// the agreement does not say, and the document prints "Not recorded".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regular: Option<bool>,
    /// The transfer risk assessment for an Article 46 safeguard (a reference).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_assessment: Option<String>,
}

/// Features of the processing that make a DPIA likely to be required (UK GDPR Article 35 and
/// the ICO's list of processing likely to result in high risk).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProcessingFeatures {
    /// Processing on a large scale.
    #[serde(default)]
    pub large_scale: bool,
    /// Matching or combining data sets from different sources.
    #[serde(default)]
    pub data_matching: bool,
    /// Using new or innovative technology.
    #[serde(default)]
    pub new_technology: bool,
    /// Automated decision-making with legal or similarly significant effects.
    #[serde(default)]
    pub automated_decisions: bool,
}

impl ProcessingFeatures {
    /// Whether no feature is set.
    pub fn is_empty(&self) -> bool {
        self == &ProcessingFeatures::default()
    }
}

/// The data protection impact assessment (UK GDPR Article 35).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dpia {
    /// Whether a DPIA is required.
    pub required: bool,
    /// The DPIA's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The date it was completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed: Option<Date>,
    /// Its outcome, or why no DPIA is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// The version of the companion DPIA document that this agreement relies on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^[0-9]+(\.[0-9]+){0,2}$"))]
    pub version: Option<String>,
    /// Where the companion DPIA document is in its life (draft, review, approved, live,
    /// retired).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<super::Status>,
}

/// How the agreement ends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// The notice a party gives to leave the agreement.
    #[schemars(length(min = 1))]
    pub notice: String,
    /// What happens to data already shared when the agreement ends.
    #[schemars(length(min = 1))]
    pub data_on_termination: String,
}

/// The decision on a disclosure request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// Disclosure approved in full.
    Approved,
    /// Disclosure approved in part (some items withheld).
    ApprovedInPart,
    /// Disclosure refused.
    Refused,
}

/// For a one-way disclosure: the request received and the decision made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisclosureRecord {
    /// The body that asked (a partner id).
    pub requester: Id,
    /// The requester's reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_reference: Option<String>,
    /// The date the request was received.
    pub received: Date,
    /// The decision.
    pub decision: Decision,
    /// Why the decision was made.
    #[schemars(length(min = 1))]
    pub reason: String,
    /// Who decided.
    pub decided_by: Contact,
    /// The date of the decision.
    pub decided_on: Date,
}

/// A duty that joint controllers divide between them (UK GDPR Article 26(1)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum JointDuty {
    /// Giving privacy information (Articles 13 and 14).
    Transparency,
    /// Handling individuals' rights requests.
    RightsRequests,
    /// Acting as the contact point for individuals.
    ContactPoint,
    /// Notifying breaches to the ICO and individuals.
    BreachNotification,
    /// Security of processing.
    Security,
    /// Carrying out the DPIA.
    Dpia,
    /// Retention and disposal.
    Retention,
    /// Accuracy of the data.
    Accuracy,
}

/// Who is responsible for one duty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// The duty.
    pub duty: JointDuty,
    /// The party responsible (a partner id).
    pub party: Id,
}

/// The arrangement between joint controllers (UK GDPR Article 26).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JointControllerArrangement {
    /// Who is responsible for each duty.
    #[schemars(length(min = 1))]
    pub responsibilities: Vec<Responsibility>,
    /// Where the essence of the arrangement is made available to individuals
    /// (Article 26(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essence_published: Option<String>,
}
