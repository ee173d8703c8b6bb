//! The information sharing protocol (ISP): the overarching, multi-party agreement a
//! partnership signs once.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::narrative::Narrative;
use super::nations::{
    FrameworkAssessment, Jurisdiction, SCOTTISH_CYBER_RESILIENCE_FRAMEWORK, WELSH_IG_TOOLKIT,
};
use super::{
    Acceptance, Contact, DocumentControl, Id, OtherBody, PartnerClass, Provisions, SchemaVersion,
    Signature,
};

/// The `kind` of a protocol definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProtocolKind {
    /// An information sharing protocol (also called an accord, charter or overarching
    /// memorandum of understanding).
    Protocol,
}

/// An information sharing protocol: the partner bodies, the principles and commitments they
/// sign up to, and how sharing between them is governed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// Always `protocol`.
    pub kind: ProtocolKind,
    /// The version of the isagen definition format; currently `1`.
    pub schema_version: SchemaVersion,
    /// Document control: id, title, version, status, marking, owner and dates.
    pub document: DocumentControl,
    /// What the protocol covers and who it applies to.
    #[schemars(length(min = 1))]
    pub scope: String,
    /// Why the partnership shares information.
    #[schemars(length(min = 1))]
    pub purpose: String,
    /// The partnership's aims, one sentence each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aims: Vec<String>,
    /// The data protection principles the partners commit to (UK GDPR Article 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub principles: Vec<Principle>,
    /// The partner bodies that sign the protocol.
    #[schemars(length(min = 1))]
    pub partners: Vec<Partner>,
    /// What every partner undertakes to do, one commitment each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<String>,
    /// How the protocol is governed.
    pub governance: Governance,
    /// The agreements made under this protocol, by document id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Id>,
    /// Signatures recorded for this protocol.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signature>,
    /// The narrative sections: introduction, background, scope exclusions, drivers,
    /// practitioner obligations, decision-making, escalation, exceptional sharing, training,
    /// operating instructions, monitoring, FOI, definitions, related documents and appendices.
    /// `scope` and `governance` already hold the protocol's scope, training, audit and FOI
    /// text; what is set here prints beside them.
    #[serde(default, skip_serializing_if = "Narrative::is_empty")]
    pub narrative: Narrative,
    /// Acceptance recorded outside this definition (signed copies or emails held by one body,
    /// board minutes), for protocols not signed in the document itself. A partner that accepted
    /// the current version here needs no signature in `signatures`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acceptance: Option<Acceptance>,
    /// Bodies the protocol names that are not partners: an owning or hosting board, a quality
    /// assurance group, co-authors, the drafting group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_bodies: Vec<OtherBody>,
    /// The provisions agreements made under the protocol adopt unless they set their own:
    /// security, retention, data quality, DPIA, termination, sanctions, onward disclosure and
    /// the legislative framework, with the clause where each is set out.
    #[serde(default, skip_serializing_if = "Provisions::is_empty")]
    pub provisions: Provisions,
    /// The tier the document sits in, where the partnership numbers them (1 for the
    /// overarching protocol).
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

/// A data protection principle of UK GDPR Article 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Principle {
    /// Article 5(1)(a): lawfulness, fairness and transparency.
    LawfulnessFairnessTransparency,
    /// Article 5(1)(b): purpose limitation.
    PurposeLimitation,
    /// Article 5(1)(c): data minimisation.
    DataMinimisation,
    /// Article 5(1)(d): accuracy.
    Accuracy,
    /// Article 5(1)(e): storage limitation.
    StorageLimitation,
    /// Article 5(1)(f): integrity and confidentiality (security).
    IntegrityConfidentiality,
    /// Article 5(2): accountability.
    Accountability,
}

/// The kind of body a partner is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerType {
    /// A county, district, unitary or metropolitan council, or a London borough.
    LocalAuthority,
    /// An NHS trust or NHS foundation trust.
    NhsTrust,
    /// An integrated care board or other NHS commissioner.
    IntegratedCareBoard,
    /// A general practice.
    GpPractice,
    /// Another provider of health care (for example a hospice or community interest company).
    HealthcareProvider,
    /// A provider of adult or children's social care.
    SocialCareProvider,
    /// A police force.
    Police,
    /// The Probation Service or a youth justice service.
    Probation,
    /// A fire and rescue service.
    FireAndRescue,
    /// A maintained school.
    School,
    /// An academy trust.
    AcademyTrust,
    /// A further or higher education institution.
    College,
    /// A housing association or registered social landlord.
    HousingAssociation,
    /// A registered charity or voluntary sector body.
    Charity,
    /// A central government department or agency.
    GovernmentDepartment,
    /// A private company.
    Company,
    /// Any other body.
    Other,
    /// A Local Health Board in Wales (National Health Service (Wales) Act 2006 s.11), such as
    /// Hywel Dda University Health Board. NHS trusts in Wales (ss.18 to 21 of that Act) are
    /// `nhs-trust`.
    LocalHealthBoard,
    /// A territorial Health Board in Scotland (National Health Service (Scotland) Act 1978
    /// s.2(1)(a)), such as NHS Fife; a Scottish public authority (FOISA Schedule 1 para 27).
    NhsBoard,
    /// A Special Health Board in Scotland (National Health Service (Scotland) Act 1978
    /// s.2(1)(b)), such as the Scottish Ambulance Service or NHS 24.
    SpecialHealthBoard,
    /// An integration joint board in Scotland, the body corporate to which a Health Board and
    /// local authority delegate health and social care functions (Public Bodies (Joint
    /// Working) (Scotland) Act 2014 s.9).
    IntegrationJointBoard,
    /// A Health and Social Care trust in Northern Ireland (Health and Personal Social
    /// Services (Northern Ireland) Order 1991 art 10), which provides both health and social
    /// care.
    HscTrust,
    /// Another regional Health and Social Care body in Northern Ireland, such as the Public
    /// Health Agency, or the Department of Health's Strategic Planning and Performance Group,
    /// which took over the functions of the Regional Health and Social Care Board when the
    /// Health and Social Care Act (Northern Ireland) 2022 dissolved it on 1 April 2022.
    HscBody,
}

impl PartnerType {
    /// Whether the body provides health or adult or children's social care, and so is
    /// expected to have a Caldicott Guardian and owes a duty of confidentiality to patients and
    /// service users.
    pub fn is_health_or_care(self) -> bool {
        matches!(
            self,
            PartnerType::NhsTrust
                | PartnerType::IntegratedCareBoard
                | PartnerType::GpPractice
                | PartnerType::HealthcareProvider
                | PartnerType::SocialCareProvider
                | PartnerType::LocalHealthBoard
                | PartnerType::NhsBoard
                | PartnerType::SpecialHealthBoard
                | PartnerType::IntegrationJointBoard
                | PartnerType::HscTrust
                | PartnerType::HscBody
        )
    }

    /// The nation a type of body exists in, for the types that exist in only one (a Local
    /// Health Board only in Wales, an HSC trust only in Northern Ireland).
    pub fn nation(self) -> Option<Jurisdiction> {
        match self {
            PartnerType::LocalHealthBoard => Some(Jurisdiction::Wales),
            PartnerType::NhsBoard
            | PartnerType::SpecialHealthBoard
            | PartnerType::IntegrationJointBoard => Some(Jurisdiction::Scotland),
            PartnerType::HscTrust | PartnerType::HscBody => Some(Jurisdiction::NorthernIreland),
            _ => None,
        }
    }

    /// The type in plain words.
    pub fn title(self) -> &'static str {
        match self {
            PartnerType::LocalAuthority => "local authority",
            PartnerType::NhsTrust => "NHS trust",
            PartnerType::IntegratedCareBoard => "integrated care board",
            PartnerType::GpPractice => "GP practice",
            PartnerType::HealthcareProvider => "healthcare provider",
            PartnerType::SocialCareProvider => "social care provider",
            PartnerType::Police => "police force",
            PartnerType::Probation => "probation or youth justice service",
            PartnerType::FireAndRescue => "fire and rescue service",
            PartnerType::School => "school",
            PartnerType::AcademyTrust => "academy trust",
            PartnerType::College => "college or university",
            PartnerType::HousingAssociation => "housing association",
            PartnerType::Charity => "charity",
            PartnerType::GovernmentDepartment => "government department",
            PartnerType::Company => "company",
            PartnerType::Other => "other body",
            PartnerType::LocalHealthBoard => "local health board",
            PartnerType::NhsBoard => "NHS board",
            PartnerType::SpecialHealthBoard => "special health board",
            PartnerType::IntegrationJointBoard => "integration joint board",
            PartnerType::HscTrust => "Health and Social Care trust",
            PartnerType::HscBody => "Health and Social Care body",
        }
    }
}

/// A partner body: an organisation that signs the protocol.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// The partner's identifier, used by agreements, flows and signatures.
    pub id: Id,
    /// The organisation's legal name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The kind of body.
    #[serde(rename = "type")]
    pub partner_type: PartnerType,
    /// Whether the body is a public authority under FOIA 2000 (as DPA 2018 s.7 defines it for
    /// data protection). Public authorities must appoint a DPO and cannot rely on legitimate
    /// interests for their tasks. A Scottish public authority under the Freedom of Information
    /// (Scotland) Act 2002 (such as an NHS board or Police Scotland) is one too (DPA 2018 s.7).
    pub public_authority: bool,
    /// Whether the body is a competent authority for law enforcement purposes (DPA 2018 s.30,
    /// Schedule 7), such as a police force.
    #[serde(default)]
    pub competent_authority: bool,
    /// The registered or main postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The ICO registration (data protection fee) number: `Z` and seven letters or digits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ico_registration: Option<String>,
    /// The data protection officer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Contact>,
    /// The Caldicott Guardian (health and social care bodies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caldicott_guardian: Option<Contact>,
    /// The senior information risk owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siro: Option<Contact>,
    /// The person who signs on the partner's behalf.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatory: Option<Contact>,
    /// Information governance assurance the partner holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assurance: Option<Assurance>,
    /// The UK nation whose law and health and care governance the body works under:
    /// `england`, `wales`, `scotland` or `northern-ireland`. Rules that cite one nation's
    /// guidance (the National Data Guardian's, for England) apply it only where it runs.
    /// Omitted: not stated, and the type of body decides where it can (a local health board
    /// is Welsh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<Jurisdiction>,
    /// For a department or service of another partner (for example a council's children's
    /// services): the partner id of the body it is part of, which is the legal person and
    /// controller.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Id>,
    /// For a partner that stands for a class of bodies ("all schools in the county"): which
    /// bodies it takes in and, optionally, the list of members. The class is one party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<PartnerClass>,
}

impl Protocol {
    /// Whether partner `id` is `party` or a department or service of it: `part_of` followed
    /// through this protocol's partners, up to eight levels, so a loop cannot hang a check.
    pub fn is_within(&self, id: &str, party: &str) -> bool {
        let mut current = id;
        for _ in 0..8 {
            if current == party {
                return true;
            }
            match self
                .partners
                .iter()
                .find(|x| x.id.as_str() == current)
                .and_then(|x| x.part_of.as_ref())
            {
                Some(whole) => current = whole.as_str(),
                None => return false,
            }
        }
        false
    }
}

impl Partner {
    /// The nation the partner works in: as stated, else as its type implies, else not known.
    pub fn nation(&self) -> Option<Jurisdiction> {
        self.jurisdiction.or_else(|| self.partner_type.nation())
    }

    /// The type in plain words, with the nation when the definition states one, for example
    /// "NHS trust (Wales)".
    pub fn type_title(&self) -> String {
        match self.jurisdiction {
            Some(j) => format!("{} ({})", self.partner_type.title(), j.title()),
            None => self.partner_type.title().to_string(),
        }
    }
}

/// Evidence of a partner's information governance and security standards.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Assurance {
    /// The latest Data Security and Protection Toolkit (DSPT) result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dspt: Option<DsptAssessment>,
    /// Cyber Essentials certification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cyber_essentials: Option<CyberEssentials>,
    /// Whether the body is certified to ISO/IEC 27001.
    #[serde(default)]
    pub iso_27001: bool,
    /// Approved codes of conduct the body adheres to (UK GDPR Article 40), by name; adherence
    /// is an element by which a controller or processor can demonstrate compliance
    /// (Articles 24(3), 28(5) and 32(3)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes_of_conduct: Vec<String>,
    /// Data protection certifications the body holds under an approved scheme (UK GDPR
    /// Article 42), by scheme name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certifications: Vec<String>,
    /// The latest Welsh Information Governance Toolkit assessment (the NHS Wales
    /// self-assessment, introduced in January 2024 for 2024 submissions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub welsh_ig_toolkit: Option<FrameworkAssessment>,
    /// The latest assessment against the Scottish Public Sector Cyber Resilience Framework
    /// (Scottish Government, v2.0), against which the Scottish Health Competent Authority
    /// audits NHS Scotland boards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scottish_cyber_resilience_framework: Option<FrameworkAssessment>,
}

impl Assurance {
    /// The assurance added for the four nations and UK GDPR Articles 40 and 42, in plain
    /// words, one entry each, in field order.
    pub fn further_evidence(&self) -> Vec<String> {
        let mut out = Vec::new();
        for code in &self.codes_of_conduct {
            out.push(format!("Code of conduct (UK GDPR Article 40): {code}"));
        }
        for scheme in &self.certifications {
            out.push(format!("Certification (UK GDPR Article 42): {scheme}"));
        }
        if let Some(a) = &self.welsh_ig_toolkit {
            out.push(a.describe(WELSH_IG_TOOLKIT));
        }
        if let Some(a) = &self.scottish_cyber_resilience_framework {
            out.push(a.describe(SCOTTISH_CYBER_RESILIENCE_FRAMEWORK));
        }
        out
    }
}

/// A Data Security and Protection Toolkit result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DsptAssessment {
    /// The status the toolkit gave.
    pub status: DsptStatus,
    /// The assessment year, for example "2025-26".
    #[schemars(pattern(r"^[0-9]{4}-[0-9]{2}$"))]
    pub year: String,
}

/// A Data Security and Protection Toolkit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DsptStatus {
    /// Standards exceeded.
    StandardsExceeded,
    /// Standards met.
    StandardsMet,
    /// Approaching standards.
    ApproachingStandards,
    /// Standards not met.
    StandardsNotMet,
}

/// Cyber Essentials certification level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CyberEssentials {
    /// Cyber Essentials (self-assessed).
    CyberEssentials,
    /// Cyber Essentials Plus (independently tested).
    CyberEssentialsPlus,
}

/// How the protocol is run: ownership, review, joining and leaving, disputes, breaches, rights
/// and assurance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// The group that oversees the protocol, for example "Safeguarding Partnership
    /// Information Governance Group". Omitted: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub oversight: Option<String>,
    /// How a new body joins the protocol. Omitted: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub joining: Option<String>,
    /// How a partner withdraws, and what happens to data it holds. Omitted: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub withdrawal: Option<String>,
    /// How disputes between partners are resolved. Omitted: not stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    pub dispute_resolution: Option<String>,
    /// How partners handle and notify personal data breaches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach: Option<BreachProcedure>,
    /// How individuals' rights requests and complaints are handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rights: Option<RightsProcedure>,
    /// How partners tell individuals about the sharing (UK GDPR Articles 13 and 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency: Option<String>,
    /// Training and awareness expected of staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training: Option<String>,
    /// Monitoring and audit of compliance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<String>,
    /// How requests under the Freedom of Information Act 2000 for the protocol are handled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freedom_of_information: Option<String>,
}

/// How personal data breaches are handled between the parties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreachProcedure {
    /// The procedure in a sentence or two, or a reference to a published procedure.
    #[schemars(length(min = 1))]
    pub procedure: String,
    /// Within how many hours of becoming aware a party tells the other parties (24 is common;
    /// no more than 72, the ICO deadline in Article 33).
    #[schemars(range(min = 1, max = 8760))]
    pub notify_partners_within_hours: u32,
    /// Who decides whether to report to the ICO (Article 33) and to tell individuals
    /// (Article 34).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ico_notification: Option<String>,
}

/// How individuals' rights requests and complaints are handled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsProcedure {
    /// How subject access and other rights requests are handled between the parties.
    #[schemars(length(min = 1))]
    pub procedure: String,
    /// The single point of contact for individuals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// Where individuals complain and how complaints are acknowledged (DPA 2018 s.164A, from
    /// 19 June 2026: acknowledge within 30 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaints: Option<String>,
}
