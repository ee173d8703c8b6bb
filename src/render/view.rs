//! The view of a definition that templates see: every legal citation spelled out, partner ids
//! replaced by names, dates in UK long form. Templates only lay text out; the wording of the
//! law comes from the vocabulary, so one template set stays correct as the law moves.

use serde::Serialize;

use super::signoff::{BodiesView, SignoffView, acceptance_view, bodies_view, public_acceptance};
use crate::check::Workspace;
use crate::model::vocab::Schedule1Condition;
use crate::model::{
    Agreement, Contact, Date, Definition, DocumentControl, Flow, LegalBasis, Narrative, Partner,
    Protocol, Role, Signature, Status, Variant,
};

/// A document ready for a template: `kind` says which template.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// `protocol` or `agreement`.
    pub kind: &'static str,
    /// Whether this is the public edition (personal contact details and security specifics
    /// withheld).
    pub public: bool,
    /// Document control.
    pub document: ControlView,
    /// For a protocol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<ProtocolView>,
    /// For an agreement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementView>,
    /// The findings the definition records as accepted (its `exceptions`), for the
    /// "Accepted findings" section the signatories read.
    pub accepted: Vec<super::exceptions_view::AcceptedView>,
}

impl DocumentView {
    /// Who the document binds, for its title page: "Between" and the parties to an agreement,
    /// or "Partners" and the partners to a protocol; `None` when it names nobody.
    pub fn title_page_parties(&self) -> Option<(&'static str, Vec<&str>)> {
        let (label, names): (&'static str, Vec<&str>) = match (&self.agreement, &self.protocol) {
            (Some(a), _) => (
                "Between",
                a.parties.iter().map(|p| p.partner.name.as_str()).collect(),
            ),
            (None, Some(p)) => (
                "Partners",
                p.partners.iter().map(|p| p.name.as_str()).collect(),
            ),
            (None, None) => return None,
        };
        (!names.is_empty()).then_some((label, names))
    }
}

/// Document control, formatted.
#[derive(Debug, Serialize)]
pub struct ControlView {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// What kind of document this is, in words (for example "Information Sharing Agreement").
    pub kind_title: String,
    /// Version.
    pub version: String,
    /// Status, in words.
    pub status: String,
    /// The protective marking with any descriptor, for example "OFFICIAL-SENSITIVE PERSONAL".
    pub marking: String,
    /// The owning organisation.
    pub owner_organisation: String,
    /// The owning post.
    pub owner_role: String,
    /// The owner's named contact, if any.
    pub owner_contact: Option<String>,
    /// Approval date.
    pub approved: Option<String>,
    /// Effective date.
    pub effective: Option<String>,
    /// Review date.
    pub review: Option<String>,
    /// Expiry date.
    pub expiry: Option<String>,
    /// Review interval, in words.
    pub review_interval: Option<String>,
    /// The sharing framework.
    pub framework: Option<String>,
    /// Version history.
    pub history: Vec<HistoryView>,
    /// Whether the status says the document has not been approved yet (draft or review), so
    /// a missing approval date reads "Not yet approved" rather than "Not recorded".
    pub approval_pending: bool,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Short title.
    pub short_title: Option<String>,
    /// Date last reviewed.
    pub last_reviewed: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// The uncontrolled-copy notice.
    pub uncontrolled_copy_notice: Option<String>,
    /// For an agreement: the companion DPIA, as "reference, version V (status)" from what is
    /// recorded of it.
    pub companion_dpia: Option<String>,
    /// Whether the definition states a version; when it does not, `version` reads "Not
    /// stated".
    pub version_stated: bool,
}

/// One version history entry.
#[derive(Debug, Serialize)]
pub struct HistoryView {
    /// Version.
    pub version: String,
    /// Date.
    pub date: String,
    /// Author.
    pub author: Option<String>,
    /// Changes.
    pub changes: String,
}

/// A partner body, formatted.
#[derive(Debug, Serialize)]
pub struct PartnerView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Type, in words.
    pub partner_type: String,
    /// "Yes" or "No".
    pub public_authority: &'static str,
    /// Whether a competent authority for law enforcement.
    pub competent_authority: bool,
    /// Address.
    pub address: Option<String>,
    /// ICO registration number.
    pub ico_registration: Option<String>,
    /// DPO.
    pub dpo: Option<String>,
    /// Caldicott Guardian.
    pub caldicott_guardian: Option<String>,
    /// SIRO.
    pub siro: Option<String>,
    /// Signatory name.
    pub signatory_name: Option<String>,
    /// Signatory role.
    pub signatory_role: Option<String>,
    /// Assurance, in words.
    pub assurance: Vec<String>,
    /// For a department or service: the name of the body it is part of.
    pub part_of: Option<String>,
    /// For a class of bodies: which bodies it takes in.
    pub class: Option<String>,
}

/// A signature block for one body.
#[derive(Debug, Serialize)]
pub struct SignatureView {
    /// The body.
    pub organisation: String,
    /// Who signs (recorded signature, else the partner's signatory).
    pub name: Option<String>,
    /// Their post.
    pub role: Option<String>,
    /// The date signed, if recorded.
    pub date: Option<String>,
    /// The version signed, if recorded.
    pub version: Option<String>,
}

/// A protocol, formatted.
#[derive(Debug, Serialize)]
pub struct ProtocolView {
    /// Scope.
    pub scope: String,
    /// Purpose.
    pub purpose: String,
    /// Aims.
    pub aims: Vec<String>,
    /// Principles, each as "title: explanation".
    pub principles: Vec<PrincipleView>,
    /// Partners.
    pub partners: Vec<PartnerView>,
    /// Commitments.
    pub commitments: Vec<String>,
    /// Governance.
    pub governance: serde_json::Value,
    /// Breach notification, in words.
    pub breach: Option<BreachView>,
    /// The agreements the protocol records as made under it, in its order.
    pub agreements: Vec<AgreementRef>,
    /// Signature blocks.
    pub signatures: Vec<SignatureView>,
    /// The narrative sections.
    pub narrative: NarrativeView,
    /// Acceptance recorded elsewhere and processors that do not sign.
    pub signoff: SignoffView,
    /// Bodies named that are not partners, and classes of bodies with their members.
    pub bodies: BodiesView,
    /// The provisions the protocol sets out for its agreements to adopt.
    pub provisions: Vec<super::structure_view::ProvisionView>,
    /// "Tier 1", where the partnership numbers its tiers.
    pub tier: Option<String>,
}

/// A principle.
#[derive(Debug, Serialize)]
pub struct PrincipleView {
    /// Its name and article.
    pub title: &'static str,
    /// What partners commit to.
    pub text: &'static str,
}

/// An agreement made under a protocol, as the protocol records it (by reference only: what
/// another file says about the agreement is not part of the protocol's document).
#[derive(Debug, Serialize)]
pub struct AgreementRef {
    /// The agreement's document id.
    pub id: String,
}

/// Breach handling, formatted.
#[derive(Debug, Serialize)]
pub struct BreachView {
    /// Procedure.
    pub procedure: String,
    /// Hours.
    pub hours: u32,
    /// Who notifies the ICO.
    pub ico_notification: Option<String>,
}

/// An agreement, formatted.
#[derive(Debug, Serialize)]
pub struct AgreementView {
    /// The protocol, as "title (version)" or its id.
    pub protocol: String,
    /// The variant, in words.
    pub variant: &'static str,
    /// Whether this is a disclosure.
    pub is_disclosure: bool,
    /// Whether this is a joint controller arrangement.
    pub is_joint_controller: bool,
    /// Parties.
    pub parties: Vec<PartyView>,
    /// Purposes.
    pub purposes: Vec<PurposeView>,
    /// Data subjects.
    pub data_subjects: Vec<SubjectView>,
    /// Data items.
    pub data_items: Vec<ItemView>,
    /// Legal bases.
    pub legal_bases: Vec<BasisView>,
    /// Flows.
    pub flows: Vec<FlowView>,
    /// The raw sections that need no formatting beyond escaping (security, rights, quality,
    /// termination...).
    pub sections: serde_json::Value,
    /// Breach handling.
    pub breach: Option<BreachView>,
    /// Retention per party.
    pub retention: Vec<RetentionView>,
    /// Privacy notices.
    pub privacy_notices: Vec<NoticeView>,
    /// International transfers.
    pub transfers: Vec<TransferView>,
    /// DPIA.
    pub dpia: Option<DpiaView>,
    /// Disclosure record.
    pub disclosure: Option<DisclosureView>,
    /// Joint controller responsibilities.
    pub responsibilities: Vec<ResponsibilityView>,
    /// Where the essence of the joint controller arrangement is published.
    pub essence_published: Option<String>,
    /// Signature blocks.
    pub signatures: Vec<SignatureView>,
    /// How many data items have no necessity recorded.
    pub necessity_unrecorded: usize,
    /// Whether security measures for the sharing as a whole are recorded (kept in the public
    /// edition, which withholds the measures themselves).
    pub security_recorded: bool,
    /// Whether any flow records its own security measures.
    pub flow_security_recorded: bool,
    /// The parties (other than processors) with no privacy information recorded.
    pub parties_without_notice: Vec<String>,
    /// Whether the parties state that no personal data leaves the UK.
    pub no_transfers: bool,
    /// How they know.
    pub no_transfers_basis: Option<String>,
    /// The narrative sections.
    pub narrative: NarrativeView,
    /// Acceptance recorded elsewhere and processors that do not sign.
    pub signoff: SignoffView,
    /// Bodies named that are not parties, and classes of bodies with their members.
    pub bodies: BodiesView,
    /// Tier, framework, schedules and the provisions adopted from the protocol.
    pub structure: super::structure_view::StructureView,
    /// The data flow diagram as a Mermaid `flowchart` (labels escaped for Mermaid), for the
    /// flows section; `None` when no flows are recorded. See [`super::diagram`].
    pub diagram: Option<String>,
}

/// The narrative sections, formatted: each list as it is written; appendices lettered and their
/// tables made rectangular.
#[derive(Debug, Serialize)]
pub struct NarrativeView {
    /// Introduction.
    pub introduction: Option<String>,
    /// Background.
    pub background: Option<String>,
    /// What the scope covers.
    pub scope: Option<String>,
    /// What it excludes.
    pub exclusions: Vec<String>,
    /// Whether the scope section has anything to print.
    pub has_scope: bool,
    /// Drivers.
    pub drivers: Vec<String>,
    /// Constraints.
    pub constraints: Vec<String>,
    /// Whether drivers or constraints are set.
    pub has_drivers_or_constraints: bool,
    /// Practitioner obligations.
    pub practitioner_obligations: Vec<String>,
    /// Decision-making.
    pub decision_making: Option<String>,
    /// Escalation.
    pub escalation: Option<String>,
    /// Exceptional sharing.
    pub exceptional_sharing: Option<String>,
    /// Training and communications.
    pub training_and_communications: Option<String>,
    /// Operating instructions.
    pub operating_instructions: Vec<String>,
    /// Monitoring and improvement.
    pub monitoring_and_improvement: Option<String>,
    /// FOI.
    pub freedom_of_information: Option<String>,
    /// Glossary.
    pub definitions: Vec<TermView>,
    /// Related documents.
    pub related_documents: Vec<RelatedView>,
    /// Appendices.
    pub appendices: Vec<AppendixView>,
}

/// A glossary entry.
#[derive(Debug, Serialize)]
pub struct TermView {
    /// Term.
    pub term: String,
    /// Meaning.
    pub meaning: String,
}

/// A related document.
#[derive(Debug, Serialize)]
pub struct RelatedView {
    /// Title.
    pub title: String,
    /// Version.
    pub version: Option<String>,
    /// Link.
    pub link: Option<String>,
}

/// An appendix.
#[derive(Debug, Serialize)]
pub struct AppendixView {
    /// "A", "B", ... ("AA" after "Z").
    pub letter: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: Option<String>,
    /// Column headings, padded so every row fits.
    pub columns: Vec<String>,
    /// Rows, each as wide as `columns`.
    pub rows: Vec<Vec<String>>,
    /// Whether there is a table.
    pub has_table: bool,
}

/// The letter of appendix `index` (0 is A, 25 is Z, 26 is AA).
fn appendix_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    letters.iter().rev().collect()
}

fn narrative_view(n: &Narrative) -> NarrativeView {
    let scope = n.scope.as_ref().and_then(|s| s.description.clone());
    let exclusions = n
        .scope
        .as_ref()
        .map(|s| s.exclusions.clone())
        .unwrap_or_default();
    NarrativeView {
        introduction: n.introduction.clone(),
        background: n.background.clone(),
        has_scope: scope.is_some() || !exclusions.is_empty(),
        scope,
        exclusions,
        has_drivers_or_constraints: !n.drivers.is_empty() || !n.constraints.is_empty(),
        drivers: n.drivers.clone(),
        constraints: n.constraints.clone(),
        practitioner_obligations: n.practitioner_obligations.clone(),
        decision_making: n.decision_making.clone(),
        escalation: n.escalation.clone(),
        exceptional_sharing: n.exceptional_sharing.clone(),
        training_and_communications: n.training_and_communications.clone(),
        operating_instructions: n.operating_instructions.clone(),
        monitoring_and_improvement: n.monitoring_and_improvement.clone(),
        freedom_of_information: n.freedom_of_information.clone(),
        definitions: n
            .definitions
            .iter()
            .map(|t| TermView {
                term: t.term.clone(),
                meaning: t.meaning.clone(),
            })
            .collect(),
        related_documents: n
            .related_documents
            .iter()
            .map(|d| RelatedView {
                title: d.title.clone(),
                version: d.version.clone(),
                link: d.link.clone(),
            })
            .collect(),
        appendices: n
            .appendices
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let (mut columns, mut rows) = match &a.table {
                    Some(t) => (t.columns.clone(), t.rows.clone()),
                    None => (Vec::new(), Vec::new()),
                };
                // Rectangular, so Markdown keeps every cell: short rows get empty cells, and a
                // long row adds untitled columns rather than losing its last cells.
                let width = rows.iter().map(Vec::len).fold(columns.len(), usize::max);
                columns.resize(width, String::new());
                for row in &mut rows {
                    row.resize(width, String::new());
                }
                AppendixView {
                    letter: appendix_letter(i),
                    title: a.title.clone(),
                    text: a.text.clone(),
                    has_table: a.table.is_some(),
                    columns,
                    rows,
                }
            })
            .collect(),
    }
}

/// A party.
#[derive(Debug, Serialize)]
pub struct PartyView {
    /// The partner's details.
    pub partner: PartnerView,
    /// Role, in words.
    pub role: String,
    /// Whether it discloses, receives, or both.
    pub part: String,
    /// Responsibilities.
    pub responsibilities: Option<String>,
}

/// A purpose.
#[derive(Debug, Serialize)]
pub struct PurposeView {
    /// Id.
    pub id: String,
    /// Description.
    pub description: String,
    /// Benefits.
    pub benefits: Vec<String>,
    /// Measures.
    pub measures: Vec<String>,
    /// Notes such as "direct care".
    pub notes: Vec<&'static str>,
    /// Its place in the agreement's list, from 1.
    pub number: usize,
    /// The short title the definition gives, if any.
    pub title: Option<String>,
    /// How the document names it: its short title, else "Purpose N" (a sentence is never
    /// set as a heading).
    pub heading: String,
}

/// A data subject category.
#[derive(Debug, Serialize)]
pub struct SubjectView {
    /// Id.
    pub id: String,
    /// Description.
    pub description: String,
    /// "children", "adults at risk".
    pub notes: Vec<&'static str>,
    /// Best interests.
    pub best_interests: Option<String>,
}

/// A data item.
#[derive(Debug, Serialize)]
pub struct ItemView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Category in words, with the special category type.
    pub category: String,
    /// Necessity.
    pub necessity: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Whether held in confidence.
    pub confidential: bool,
}

/// A legal basis.
#[derive(Debug, Serialize)]
pub struct BasisView {
    /// Id.
    pub id: String,
    /// What it covers, in words.
    pub covers: String,
    /// Who relies on it, in words.
    pub relied_on_by: String,
    /// The Article 6 basis, cited (none for DPA 2018 Part 3 processing).
    pub article_6: Option<String>,
    /// The law relied on, cited.
    pub law: Vec<String>,
    /// The Annex 1 condition.
    pub annex_1: Option<&'static str>,
    /// How consent is withdrawn.
    pub consent_withdrawal: Option<String>,
    /// The Article 9 condition.
    pub article_9: Option<&'static str>,
    /// Schedule 1 conditions.
    pub schedule_1: Vec<String>,
    /// Article 10.
    pub article_10: Option<&'static str>,
    /// Appropriate policy document.
    pub appropriate_policy_document: Option<String>,
    /// DPA 2018 Part 3, in words.
    pub law_enforcement: Option<String>,
    /// Common law basis.
    pub common_law: Option<&'static str>,
    /// Rationale.
    pub rationale: Option<String>,
    /// Its place in the agreement's list, from 1.
    pub number: usize,
    /// How the document names it: its short title, else "Legal basis N".
    pub heading: String,
}

/// A flow.
#[derive(Debug, Serialize)]
pub struct FlowView {
    /// Id.
    pub id: String,
    /// Discloser's name.
    pub from: String,
    /// Recipient's name.
    pub to: String,
    /// Data item names, separated by semicolons (a name may hold a comma).
    pub data_items: String,
    /// The purposes, by their titles or numbers ("Purpose 1").
    pub purposes: String,
    /// Method.
    pub method: &'static str,
    /// Frequency.
    pub frequency: &'static str,
    /// Volume.
    pub volume: Option<String>,
    /// Format.
    pub format: Option<String>,
    /// Security measures.
    pub security: Vec<String>,
    /// Access.
    pub access: Option<String>,
    /// For a group flow: the group in words, for example "All parties, among themselves".
    pub group: Option<String>,
    /// Its place in the agreement's list, from 1.
    pub number: usize,
    /// How the document names it: its short title, else "Flow N".
    pub label: String,
    /// The data items' names, one by one.
    pub items: Vec<String>,
    /// For a group flow: its members' names (every party for `all-parties`); else empty.
    pub members: Vec<String>,
}

/// Retention for a party.
#[derive(Debug, Serialize)]
pub struct RetentionView {
    /// The party's name.
    pub party: String,
    /// Period.
    pub period: String,
    /// Disposal.
    pub disposal: String,
    /// Items covered ("all data received" when empty).
    pub data_items: String,
}

/// A privacy notice.
#[derive(Debug, Serialize)]
pub struct NoticeView {
    /// The party's name.
    pub party: String,
    /// Where.
    pub reference: String,
}

/// An international transfer.
#[derive(Debug, Serialize)]
pub struct TransferView {
    /// Destination.
    pub destination: String,
    /// Recipient.
    pub recipient: String,
    /// Mechanism.
    pub mechanism: String,
    /// "Regular", "Occasional" or "Not recorded".
    pub frequency: &'static str,
    /// Transfer risk assessment.
    pub risk_assessment: Option<String>,
}

/// The DPIA.
#[derive(Debug, Serialize)]
pub struct DpiaView {
    /// "Yes" or "No".
    pub required: &'static str,
    /// Reference.
    pub reference: Option<String>,
    /// Date completed.
    pub completed: Option<String>,
    /// Outcome.
    pub outcome: Option<String>,
    /// The companion DPIA's version.
    pub version: Option<String>,
    /// The companion DPIA's status, in words.
    pub status: Option<String>,
}

/// A disclosure request and decision.
#[derive(Debug, Serialize)]
pub struct DisclosureView {
    /// Requester's name.
    pub requester: String,
    /// Request reference.
    pub request_reference: Option<String>,
    /// Date received.
    pub received: String,
    /// Decision, in words.
    pub decision: &'static str,
    /// Reason.
    pub reason: String,
    /// Who decided.
    pub decided_by: String,
    /// Date decided.
    pub decided_on: String,
}

/// One joint controller duty.
#[derive(Debug, Serialize)]
pub struct ResponsibilityView {
    /// The duty, in words.
    pub duty: &'static str,
    /// The party's name.
    pub party: String,
}

/// Formats a date in UK long form, for example "1 April 2026".
pub fn long_date(date: Date) -> String {
    let d = date.0;
    let month = match d.month() {
        time::Month::January => "January",
        time::Month::February => "February",
        time::Month::March => "March",
        time::Month::April => "April",
        time::Month::May => "May",
        time::Month::June => "June",
        time::Month::July => "July",
        time::Month::August => "August",
        time::Month::September => "September",
        time::Month::October => "October",
        time::Month::November => "November",
        time::Month::December => "December",
    };
    format!("{} {} {}", d.day(), month, d.year())
}

fn contact(c: &Option<Contact>) -> Option<String> {
    c.as_ref().map(|c| {
        let mut parts = vec![c.name.clone()];
        if let Some(role) = &c.role {
            parts.push(role.clone());
        }
        if let Some(email) = &c.email {
            parts.push(email.clone());
        }
        if let Some(phone) = &c.phone {
            parts.push(phone.clone());
        }
        parts.join(", ")
    })
}

fn partner_view(p: &Partner) -> PartnerView {
    let mut assurance = Vec::new();
    if let Some(a) = &p.assurance {
        if let Some(d) = &a.dspt {
            let status = match d.status {
                crate::model::DsptStatus::StandardsExceeded => "Standards Exceeded",
                crate::model::DsptStatus::StandardsMet => "Standards Met",
                crate::model::DsptStatus::ApproachingStandards => "Approaching Standards",
                crate::model::DsptStatus::StandardsNotMet => "Standards Not Met",
            };
            assurance.push(format!(
                "Data Security and Protection Toolkit {}: {status}",
                d.year
            ));
        }
        match a.cyber_essentials {
            Some(crate::model::CyberEssentials::CyberEssentials) => {
                assurance.push("Cyber Essentials".into())
            }
            Some(crate::model::CyberEssentials::CyberEssentialsPlus) => {
                assurance.push("Cyber Essentials Plus".into())
            }
            None => {}
        }
        if a.iso_27001 {
            assurance.push("ISO/IEC 27001".into());
        }
        assurance.extend(a.further_evidence());
    }
    PartnerView {
        id: p.id.to_string(),
        name: p.name.clone(),
        partner_type: capitalise(&p.type_title()),
        public_authority: if p.public_authority { "Yes" } else { "No" },
        competent_authority: p.competent_authority,
        address: p.address.clone(),
        ico_registration: p.ico_registration.clone(),
        dpo: contact(&p.dpo),
        caldicott_guardian: contact(&p.caldicott_guardian),
        siro: contact(&p.siro),
        signatory_name: p.signatory.as_ref().map(|s| s.name.clone()),
        signatory_role: p.signatory.as_ref().and_then(|s| s.role.clone()),
        assurance,
        part_of: p.part_of.as_ref().map(|id| id.to_string()),
        class: p.class.as_ref().map(|c| c.description.clone()),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

fn control_view(
    d: &DocumentControl,
    kind_title: String,
    owner_organisation: String,
) -> ControlView {
    let marking = match d.handling_descriptor {
        Some(h) => format!(
            "{} {}",
            d.protective_marking.as_str(),
            serde_json::to_value(h)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        ),
        None => d.protective_marking.as_str().to_string(),
    };
    ControlView {
        id: d.id.to_string(),
        title: d.title.clone(),
        kind_title,
        version: d
            .version
            .clone()
            .unwrap_or_else(|| "Not stated".to_string()),
        status: capitalise(d.status.as_str()),
        marking,
        owner_organisation,
        owner_role: d.owner.role.clone(),
        owner_contact: contact(&d.owner.contact),
        approved: d.approved.map(long_date),
        effective: d.effective.map(long_date),
        review: d.review.map(long_date),
        expiry: d.expiry.map(long_date),
        review_interval: d.review_interval_months.map(|m| match m {
            12 => "Every year".to_string(),
            m if m % 12 == 0 => format!("Every {} years", m / 12),
            1 => "Every month".to_string(),
            m => format!("Every {m} months"),
        }),
        framework: d.framework.clone(),
        history: d
            .version_history
            .iter()
            .map(|h| HistoryView {
                version: h.version.clone(),
                date: long_date(h.date),
                author: h.author.clone(),
                changes: h.changes.clone(),
            })
            .collect(),
        approval_pending: matches!(d.status, Status::Draft | Status::Review),
        subtitle: d.subtitle.clone(),
        short_title: d.short_title.clone(),
        last_reviewed: d.last_reviewed.map(long_date),
        published: d.published.map(long_date),
        uncontrolled_copy_notice: d.uncontrolled_copy_notice.clone(),
        companion_dpia: None,
        version_stated: d.version.is_some(),
    }
}

/// A document's title with its version, "Title (version 1.0)", or the title alone when it
/// states no version.
pub fn titled_version(d: &crate::model::DocumentControl) -> String {
    match d.version() {
        Some(v) => format!("{} (version {v})", d.title),
        None => d.title.clone(),
    }
}

/// The owning body's name: the partner's name, else the body named.
fn owner_name(owner: &crate::model::Owner, name_of: &dyn Fn(&str) -> String) -> String {
    match (&owner.partner, &owner.body) {
        (Some(partner), _) => name_of(partner.as_str()),
        (None, Some(body)) => body.clone(),
        (None, None) => "Not stated".into(),
    }
}

fn signature_blocks<'a>(
    bodies: impl Iterator<Item = (&'a str, String, Option<&'a Partner>)>,
    signatures: &[Signature],
    version: Option<&str>,
    accepted_elsewhere: bool,
) -> Vec<SignatureView> {
    bodies
        // With acceptance recorded elsewhere, the register stands in for empty boxes.
        .filter(|(id, _, _)| {
            !accepted_elsewhere || signatures.iter().any(|s| s.partner.as_str() == *id)
        })
        .map(|(id, organisation, partner)| {
            let signed = signatures
                .iter()
                .filter(|s| s.partner.as_str() == id)
                .find(|s| crate::model::same_version(s.version.as_deref(), version))
                .or_else(|| signatures.iter().rev().find(|s| s.partner.as_str() == id));
            match signed {
                Some(s) => SignatureView {
                    organisation,
                    name: Some(s.name.clone()),
                    role: Some(s.role.clone()),
                    date: Some(long_date(s.date)),
                    version: Some(s.version.clone().unwrap_or_else(|| "Not stated".into())),
                },
                None => SignatureView {
                    organisation,
                    name: partner.and_then(|p| p.signatory.as_ref().map(|s| s.name.clone())),
                    role: partner.and_then(|p| p.signatory.as_ref().and_then(|s| s.role.clone())),
                    date: None,
                    version: None,
                },
            }
        })
        .collect()
}

const PRINCIPLE_TEXT: [(crate::model::Principle, &str, &str); 7] = {
    use crate::model::Principle::*;
    [
        (
            LawfulnessFairnessTransparency,
            "Lawfulness, fairness and transparency (Article 5(1)(a))",
            "Partners share personal data only on a lawful basis, fairly, and tell people how their information is shared.",
        ),
        (
            PurposeLimitation,
            "Purpose limitation (Article 5(1)(b))",
            "Data shared for one purpose is not used for another, incompatible purpose.",
        ),
        (
            DataMinimisation,
            "Data minimisation (Article 5(1)(c))",
            "Partners share only the data that is adequate, relevant and necessary for the purpose.",
        ),
        (
            Accuracy,
            "Accuracy (Article 5(1)(d))",
            "Partners keep shared data accurate and up to date and correct errors promptly.",
        ),
        (
            StorageLimitation,
            "Storage limitation (Article 5(1)(e))",
            "Partners keep shared data no longer than the purpose needs and dispose of it securely.",
        ),
        (
            IntegrityConfidentiality,
            "Integrity and confidentiality (Article 5(1)(f))",
            "Partners protect shared data with appropriate technical and organisational security.",
        ),
        (
            Accountability,
            "Accountability (Article 5(2))",
            "Each partner can show how it complies with these principles.",
        ),
    ]
};

/// The text that stands in for what the public edition withholds.
pub const WITHHELD: &str = "Withheld from the public edition";

/// Builds the public edition's view of document `index`, for publishing agreements for
/// transparency.
///
/// The public view is built from an explicit list of what may be published, never by deleting
/// fields from the full view: each view type is taken apart field by field (no `..`), so a
/// field added later does not compile until someone decides here whether it is published,
/// and free-form sections are copied key by key from a list. What is published:
///
/// - organisation names, types, addresses, ICO registration numbers and assurance;
/// - names and posts of people (signatories, owners, contacts, decision makers): they are
///   what makes the document accountable;
/// - the data protection officer's contact details in full, because the controller "shall
///   publish the contact details of the data protection officer" (UK GDPR Article 37(7));
/// - the text of every section except security, and the accepted findings (with who
///   accepted each: a name and post, as for signatories).
///
/// What is withheld: the email address and telephone number of every other contact (the model
/// cannot tell a named person from a team, as [`Contact::name`] may be either, so none is
/// published), the owner's named contact, and security specifics (measures, storage, access
/// arrangements), which stand as [`WITHHELD`]. The marking becomes OFFICIAL, since the
/// edition is for publication.
pub fn build_public(workspace: &Workspace, index: usize) -> DocumentView {
    let DocumentView {
        kind,
        public: _,
        document,
        protocol,
        agreement,
        accepted,
    } = build(workspace, index);
    let (protocol, agreement) = match &workspace.documents[index].definition {
        Definition::Protocol(p) => (protocol.map(|view| public_protocol(view, p)), None),
        Definition::Agreement(a) => {
            let model = workspace.protocol_of(a).map(|(_, p)| p);
            (None, agreement.map(|view| public_agreement(view, a, model)))
        }
    };
    DocumentView {
        kind,
        public: true,
        document: public_control(document),
        protocol,
        agreement,
        // Published: what the parties accepted and why is part of what they agreed, and the
        // names and posts of those who accepted are published as signatories' are.
        accepted,
    }
}

/// Who a contact is, for what the public edition may publish of them.
#[derive(Clone, Copy)]
enum Publish {
    /// A data protection officer: contact details are published (UK GDPR Article 37(7)).
    DpoDetails,
    /// Anyone else: name and post only.
    NameAndPost,
}

/// What the public edition shows of a contact.
fn public_contact(c: &Option<Contact>, publish: Publish) -> Option<String> {
    match publish {
        Publish::DpoDetails => contact(c),
        Publish::NameAndPost => c.as_ref().map(|c| match &c.role {
            Some(role) => format!("{}, {role}", c.name),
            None => c.name.clone(),
        }),
    }
}

/// Copies only the listed keys of a JSON object (a missing key becomes null).
fn pick(value: &serde_json::Value, keys: &[&str]) -> serde_json::Value {
    serde_json::Value::Object(
        keys.iter()
            .map(|&k| (k.to_string(), value.get(k).cloned().unwrap_or_default()))
            .collect(),
    )
}

/// A rights procedure for the public edition: the contact's name and post only.
fn public_rights_json(r: &crate::model::RightsProcedure) -> serde_json::Value {
    serde_json::json!({
        "procedure": r.procedure,
        "contact": r.contact.as_ref().map(|c| serde_json::json!({
            "name": c.name,
            "role": c.role,
            "email": null,
            "phone": null,
        })),
        "complaints": r.complaints,
    })
}

fn public_control(full: ControlView) -> ControlView {
    let ControlView {
        id,
        title,
        kind_title,
        version,
        status,
        marking: _,
        owner_organisation,
        owner_role,
        owner_contact: _,
        approved,
        effective,
        review,
        expiry,
        review_interval,
        framework,
        history,
        approval_pending,
        subtitle,
        short_title,
        last_reviewed,
        published,
        uncontrolled_copy_notice,
        companion_dpia,
        version_stated,
    } = full;
    ControlView {
        id,
        title,
        kind_title: format!("{kind_title} (public edition)"),
        version,
        status,
        marking: "OFFICIAL".into(),
        owner_organisation,
        owner_role,
        owner_contact: None,
        approved,
        effective,
        review,
        expiry,
        review_interval,
        framework,
        history,
        approval_pending,
        subtitle,
        short_title,
        last_reviewed,
        published,
        uncontrolled_copy_notice,
        companion_dpia,
        version_stated,
    }
}

/// A partner for the public edition; `model` is the partner as its protocol defines it.
fn public_partner(full: PartnerView, model: Option<&Partner>) -> PartnerView {
    let PartnerView {
        id,
        name,
        partner_type,
        public_authority,
        competent_authority,
        address,
        ico_registration,
        dpo: _,
        caldicott_guardian: _,
        siro: _,
        signatory_name,
        signatory_role,
        assurance,
        part_of,
        class,
    } = full;
    let person = |get: fn(&Partner) -> &Option<Contact>, publish| {
        model.and_then(|p| public_contact(get(p), publish))
    };
    PartnerView {
        id,
        name,
        partner_type,
        public_authority,
        competent_authority,
        address,
        ico_registration,
        dpo: person(|p| &p.dpo, Publish::DpoDetails),
        caldicott_guardian: person(|p| &p.caldicott_guardian, Publish::NameAndPost),
        siro: person(|p| &p.siro, Publish::NameAndPost),
        signatory_name,
        signatory_role,
        assurance,
        part_of,
        class,
    }
}

fn find_partner<'a>(protocol: Option<&'a Protocol>, id: &str) -> Option<&'a Partner> {
    protocol.and_then(|p| p.partners.iter().find(|x| x.id.as_str() == id))
}

fn public_protocol(full: ProtocolView, p: &Protocol) -> ProtocolView {
    let ProtocolView {
        scope,
        purpose,
        aims,
        principles,
        partners,
        commitments,
        governance,
        breach,
        agreements,
        signatures,
        narrative,
        signoff,
        bodies,
        provisions: _,
        tier,
    } = full;
    let mut governance = pick(
        &governance,
        &[
            "oversight",
            "joining",
            "withdrawal",
            "dispute_resolution",
            "transparency",
            "training",
            "audit",
            "freedom_of_information",
        ],
    );
    governance["rights"] = p
        .governance
        .rights
        .as_ref()
        .map(public_rights_json)
        .unwrap_or_default();
    ProtocolView {
        scope,
        purpose,
        aims,
        principles,
        partners: partners
            .into_iter()
            .map(|v| {
                let model = find_partner(Some(p), &v.id);
                public_partner(v, model)
            })
            .collect(),
        commitments,
        governance,
        breach,
        agreements,
        signatures,
        narrative,
        signoff: public_signoff(signoff),
        bodies,
        provisions: super::structure_view::provisions(p, true),
        tier,
    }
}

fn public_signoff(full: SignoffView) -> SignoffView {
    let SignoffView {
        acceptance,
        processors,
    } = full;
    SignoffView {
        acceptance: acceptance.map(public_acceptance),
        processors,
    }
}

fn public_flow(full: FlowView) -> FlowView {
    let FlowView {
        id,
        from,
        to,
        data_items,
        purposes,
        method,
        frequency,
        volume,
        format,
        security,
        access,
        group,
        number,
        label,
        items,
        members,
    } = full;
    FlowView {
        id,
        from,
        to,
        data_items,
        purposes,
        method,
        frequency,
        volume,
        format,
        // Withheld only where something is recorded: a flow with no measures says so.
        security: if security.is_empty() {
            Vec::new()
        } else {
            vec![WITHHELD.to_string()]
        },
        access: access.map(|_| WITHHELD.to_string()),
        group,
        number,
        label,
        items,
        members,
    }
}

fn public_agreement(
    full: AgreementView,
    a: &Agreement,
    protocol: Option<&Protocol>,
) -> AgreementView {
    let AgreementView {
        protocol: protocol_title,
        variant,
        is_disclosure,
        is_joint_controller,
        parties,
        purposes,
        data_subjects,
        data_items,
        legal_bases,
        flows,
        sections,
        breach,
        retention,
        privacy_notices,
        transfers,
        dpia,
        disclosure,
        responsibilities,
        essence_published,
        signatures,
        necessity_unrecorded,
        security_recorded,
        flow_security_recorded,
        parties_without_notice,
        no_transfers,
        no_transfers_basis,
        narrative,
        signoff,
        bodies,
        structure,
        diagram,
    } = full;
    let mut sections = pick(
        &sections,
        &[
            "data_quality",
            "onward_disclosure",
            "termination",
            "sanctions",
            "variation",
        ],
    );
    sections["security"] = serde_json::Value::Null;
    sections["rights"] = a
        .rights
        .as_ref()
        .map(public_rights_json)
        .unwrap_or_default();
    let disclosure = disclosure.map(|full| {
        let DisclosureView {
            requester,
            request_reference,
            received,
            decision,
            reason,
            decided_by: _,
            decided_on,
        } = full;
        DisclosureView {
            requester,
            request_reference,
            received,
            decision,
            reason,
            decided_by: a
                .disclosure
                .as_ref()
                .and_then(|d| public_contact(&Some(d.decided_by.clone()), Publish::NameAndPost))
                .unwrap_or_default(),
            decided_on,
        }
    });
    AgreementView {
        protocol: protocol_title,
        variant,
        is_disclosure,
        is_joint_controller,
        parties: parties
            .into_iter()
            .map(|party| {
                let PartyView {
                    partner,
                    role,
                    part,
                    responsibilities,
                } = party;
                let model = find_partner(protocol, &partner.id);
                PartyView {
                    partner: public_partner(partner, model),
                    role,
                    part,
                    responsibilities,
                }
            })
            .collect(),
        purposes,
        data_subjects,
        data_items,
        legal_bases,
        flows: flows.into_iter().map(public_flow).collect(),
        sections,
        breach,
        retention,
        privacy_notices,
        transfers,
        dpia,
        disclosure,
        responsibilities,
        essence_published,
        structure,
        signatures,
        necessity_unrecorded,
        security_recorded,
        flow_security_recorded,
        parties_without_notice,
        no_transfers,
        no_transfers_basis,
        narrative,
        signoff: public_signoff(signoff),
        bodies,
        diagram,
    }
}

/// Builds the view of document `index` in `workspace`.
pub fn build(workspace: &Workspace, index: usize) -> DocumentView {
    let mut view = match &workspace.documents[index].definition {
        Definition::Protocol(p) => protocol_view(p),
        Definition::Agreement(a) => agreement_view(workspace, a),
    };
    view.accepted = super::exceptions_view::accepted(workspace, index);
    view
}

fn protocol_view(p: &Protocol) -> DocumentView {
    let name_of = |id: &str| {
        p.partners
            .iter()
            .find(|x| x.id.as_str() == id)
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    let document = control_view(
        &p.document,
        "Information Sharing Protocol".into(),
        owner_name(&p.document.owner, &name_of),
    );
    // Only what the protocol itself records: the same protocol renders to the same bytes
    // whichever agreement files are rendered with it.
    let agreements = p
        .agreements
        .iter()
        .map(|id| AgreementRef { id: id.to_string() })
        .collect();
    let principles = PRINCIPLE_TEXT
        .iter()
        .filter(|(principle, _, _)| p.principles.contains(principle))
        .map(|(_, title, text)| PrincipleView { title, text })
        .collect();
    let signatures = signature_blocks(
        p.partners
            .iter()
            .map(|x| (x.id.as_str(), x.name.clone(), Some(x))),
        &p.signatures,
        p.document.version(),
        p.acceptance.is_some(),
    );
    let bodies: Vec<(String, String)> = p
        .partners
        .iter()
        .map(|x| (x.id.to_string(), x.name.clone()))
        .collect();
    let signoff = SignoffView {
        acceptance: p
            .acceptance
            .as_ref()
            .map(|acc| acceptance_view(acc, &bodies, p.document.version(), &name_of)),
        processors: Vec::new(),
    };
    let bodies = bodies_view(&p.other_bodies, p.partners.iter());
    let partners = p
        .partners
        .iter()
        .map(|x| {
            let mut view = partner_view(x);
            view.part_of = x.part_of.as_ref().map(|id| name_of(id.as_str()));
            view
        })
        .collect();
    DocumentView {
        kind: "protocol",
        public: false,
        document,
        accepted: Vec::new(),
        protocol: Some(ProtocolView {
            scope: p.scope.clone(),
            purpose: p.purpose.clone(),
            aims: p.aims.clone(),
            principles,
            partners,
            commitments: p.commitments.clone(),
            governance: {
                let g = &p.governance;
                serde_json::json!({
                    "oversight": g.oversight,
                    "joining": g.joining,
                    "withdrawal": g.withdrawal,
                    "dispute_resolution": g.dispute_resolution,
                    "rights": g.rights.as_ref().map(rights_json),
                    "transparency": g.transparency,
                    "training": g.training,
                    "audit": g.audit,
                    "freedom_of_information": g.freedom_of_information,
                })
            },
            breach: p.governance.breach.as_ref().map(|b| BreachView {
                procedure: b.procedure.clone(),
                hours: b.notify_partners_within_hours,
                ico_notification: b.ico_notification.clone(),
            }),
            agreements,
            signatures,
            narrative: narrative_view(&p.narrative),
            signoff,
            bodies,
            provisions: super::structure_view::provisions(p, false),
            tier: super::structure_view::tier(p.tier),
        }),
        agreement: None,
    }
}

fn agreement_view(workspace: &Workspace, a: &Agreement) -> DocumentView {
    let protocol = workspace.protocol_of(a).map(|(_, p)| p);
    let name_of = |id: &str| {
        workspace
            .partner(a, id)
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    let item_name = |id: &str| {
        a.data_items
            .iter()
            .find(|x| x.id.as_str() == id)
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    let kind_title = match a.variant {
        Variant::Sharing => "Information Sharing Agreement",
        Variant::Disclosure => "Data Disclosure Agreement",
        Variant::JointController => "Joint Controller Agreement",
    };
    let mut document = control_view(
        &a.document,
        kind_title.into(),
        owner_name(&a.document.owner, &name_of),
    );
    document.companion_dpia = a.dpia.as_ref().and_then(companion_dpia);
    // Every flow as the pairs it stands for, once for all the parties.
    let pairs: Vec<_> = a.flows.iter().flat_map(|f| f.pairs(a)).collect();
    let parties = a
        .parties
        .iter()
        .map(|party| {
            let id = party.partner.as_str();
            // A party takes part through its departments and services too (`part_of`).
            let within = |end: &str| end == id || protocol.is_some_and(|p| p.is_within(end, id));
            let discloses = pairs.iter().any(|(from, _)| within(from.as_str()));
            let receives = pairs.iter().any(|(_, to)| within(to.as_str()));
            let part = match (discloses, receives) {
                (true, true) => "Discloses and receives",
                (true, false) => "Discloses",
                (false, true) => "Receives",
                (false, false) => "Neither",
            };
            let mut role = capitalise(party.role.title());
            if let Some(controller) = &party.acts_for {
                role = format!("{role} for {}", name_of(controller.as_str()));
            }
            let partner = workspace
                .partner(a, id)
                .map(|x| {
                    let mut view = partner_view(x);
                    view.part_of = x.part_of.as_ref().map(|id| name_of(id.as_str()));
                    view
                })
                .unwrap_or_else(|| PartnerView {
                    id: id.to_string(),
                    name: id.to_string(),
                    partner_type: String::new(),
                    public_authority: "",
                    competent_authority: false,
                    address: None,
                    ico_registration: None,
                    dpo: None,
                    caldicott_guardian: None,
                    siro: None,
                    signatory_name: None,
                    signatory_role: None,
                    assurance: Vec::new(),
                    part_of: None,
                    class: None,
                });
            PartyView {
                partner,
                role,
                part: part.into(),
                responsibilities: party.responsibilities.clone(),
            }
        })
        .collect();
    let purposes = a
        .purposes
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let mut notes = Vec::new();
            if p.direct_care {
                notes.push("direct care");
            }
            if p.law_enforcement {
                notes.push("law enforcement purpose");
            }
            PurposeView {
                id: p.id.to_string(),
                description: p.description.clone(),
                benefits: p.benefits.clone(),
                measures: p.measures.clone(),
                notes,
                number: index + 1,
                title: p.title.clone(),
                heading: purpose_reference(a, p.id.as_str()),
            }
        })
        .collect();
    let data_subjects = a
        .data_subjects
        .iter()
        .map(|s| {
            let mut notes = Vec::new();
            if s.children {
                notes.push("includes children");
            }
            if s.vulnerable_adults {
                notes.push("includes adults at risk");
            }
            SubjectView {
                id: s.id.to_string(),
                description: s.description.clone(),
                notes,
                best_interests: s.best_interests.clone(),
            }
        })
        .collect();
    let data_items = a
        .data_items
        .iter()
        .map(|item| ItemView {
            id: item.id.to_string(),
            name: item.name.clone(),
            category: match item.special_category {
                Some(kind) => format!("{} ({})", capitalise(item.category.title()), kind.title()),
                None => capitalise(item.category.title()),
            },
            necessity: item.necessity.clone(),
            source: item.source.clone(),
            confidential: item.confidential,
        })
        .collect();
    let legal_bases = a
        .legal_bases
        .iter()
        .enumerate()
        .map(|(index, b)| basis_view(a, b, index + 1, &name_of))
        .collect();
    let flows = a
        .flows
        .iter()
        .enumerate()
        .map(|(index, f)| flow_view(a, f, index + 1, &name_of, &item_name))
        .collect();
    // An empty `security: {}` records nothing, and prints as nothing recorded.
    let security = a.security.as_ref().filter(|s| {
        !s.technical.is_empty()
            || !s.organisational.is_empty()
            || s.storage.is_some()
            || s.access_control.is_some()
    });
    let security_recorded = security.is_some();
    let sections = serde_json::json!({
        "security": security.map(|s| serde_json::json!({
            "technical": s.technical,
            "organisational": s.organisational,
            "storage": s.storage,
            "access_control": s.access_control,
        })),
        "rights": a.rights.as_ref().map(rights_json),
        "data_quality": a.data_quality.as_ref().map(|q| serde_json::json!({
            "standards": q.standards,
            "corrections": q.corrections,
        })),
        "onward_disclosure": a.onward_disclosure,
        "termination": a.termination.as_ref().map(|t| serde_json::json!({
            "notice": t.notice,
            "data_on_termination": t.data_on_termination,
        })),
        "sanctions": a.sanctions,
        "variation": a.variation,
    });
    // A processor is not asked to sign (it acts under its Article 28 contract); a signature it
    // did give is still shown.
    let signed = |id: &str| a.signatures.iter().any(|s| s.partner.as_str() == id);
    let is_processor = |party: &crate::model::Party| party.role == crate::model::Role::Processor;
    // What the agreement adopts from its protocol's provisions is printed in the section it
    // belongs to, as the agreement's terms; the adoption table says where each comes from.
    let chain = crate::check::chain::Chain::new(workspace, a);
    let mut sections = sections;
    if let Some(s) = chain.adopted_security() {
        sections["security"] = serde_json::json!({
            "technical": s.value.technical,
            "organisational": s.value.organisational,
            "storage": s.value.storage,
            "access_control": s.value.access_control,
        });
    }
    if a.data_quality.is_none()
        && let Some(q) = chain.data_quality()
    {
        sections["data_quality"] = serde_json::json!({
            "standards": q.value.standards,
            "corrections": q.value.corrections,
        });
    }
    if let Some(text) = chain.onward_disclosure() {
        sections["onward_disclosure"] = serde_json::json!(text.value);
    }
    if let Some(t) = chain.termination() {
        sections["termination"] = serde_json::json!({
            "notice": t.value.notice,
            "data_on_termination": t.value.data_on_termination,
        });
    }
    if let Some(text) = chain.sanctions() {
        sections["sanctions"] = serde_json::json!(text.value);
    }
    let adopted_retention: Vec<RetentionView> = chain
        .protocol
        .map(|(_, p)| {
            a.parties
                .iter()
                .filter(|party| !a.retention.iter().any(|r| r.party == party.partner))
                .filter_map(|party| {
                    p.provisions
                        .retention
                        .iter()
                        .find(|r| r.applies_to(party.partner.as_str()))
                        .map(|r| RetentionView {
                            party: name_of(party.partner.as_str()),
                            period: r.period.clone(),
                            disposal: r.disposal.clone(),
                            data_items: "All data received".into(),
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    let dpia = chain.dpia().map(|d| d.value);
    let adopts = chain
        .protocol
        .is_some_and(|(_, p)| !p.provisions.is_empty());
    if adopts
        && a.rights.is_none()
        && let Some(r) = chain.rights()
    {
        sections["rights"] = rights_json(r.value);
    }
    let breach = if adopts {
        chain.breach().map(|b| b.value)
    } else {
        a.breach.as_ref()
    };
    let structure = super::structure_view::agreement_structure(workspace, a);
    let signatures = signature_blocks(
        a.parties
            .iter()
            .filter(|party| !is_processor(party) || signed(party.partner.as_str()))
            .map(|party| {
                let id = party.partner.as_str();
                let partner =
                    protocol.and_then(|p| p.partners.iter().find(|x| x.id.as_str() == id));
                (id, name_of(id), partner)
            }),
        &a.signatures,
        a.document.version(),
        a.acceptance.is_some(),
    );
    let signers: Vec<(String, String)> = a
        .parties
        .iter()
        .filter(|party| !is_processor(party))
        .map(|party| (party.partner.to_string(), name_of(party.partner.as_str())))
        .collect();
    let signoff = SignoffView {
        acceptance: a
            .acceptance
            .as_ref()
            .map(|acc| acceptance_view(acc, &signers, a.document.version(), &name_of)),
        processors: a
            .parties
            .iter()
            .filter(|party| is_processor(party) && !signed(party.partner.as_str()))
            .map(|party| match &party.acts_for {
                Some(controller) => format!(
                    "{}, processor for {}",
                    name_of(party.partner.as_str()),
                    name_of(controller.as_str())
                ),
                None => format!("{}, processor", name_of(party.partner.as_str())),
            })
            .collect(),
    };
    let bodies = bodies_view(
        &a.other_bodies,
        a.parties.iter().filter_map(|party| {
            protocol.and_then(|p| p.partners.iter().find(|x| x.id == party.partner))
        }),
    );
    DocumentView {
        kind: "agreement",
        public: false,
        document,
        accepted: Vec::new(),
        protocol: None,
        agreement: Some(AgreementView {
            protocol: match protocol {
                Some(p) => titled_version(&p.document),
                None => a
                    .protocol
                    .as_ref()
                    .map_or_else(String::new, |p| p.to_string()),
            },
            variant: match a.variant {
                Variant::Sharing => "Information sharing between controllers",
                Variant::Disclosure => "One-way disclosure in answer to a request",
                Variant::JointController => "Joint controller arrangement (UK GDPR Article 26)",
            },
            is_disclosure: a.variant == Variant::Disclosure,
            is_joint_controller: a.variant == Variant::JointController,
            parties,
            purposes,
            data_subjects,
            data_items,
            legal_bases,
            flows,
            sections,
            breach: breach.map(|b| BreachView {
                procedure: b.procedure.clone(),
                hours: b.notify_partners_within_hours,
                ico_notification: b.ico_notification.clone(),
            }),
            retention: a
                .retention
                .iter()
                .map(|r| RetentionView {
                    party: name_of(r.party.as_str()),
                    period: match &r.criteria {
                        Some(criteria) => format!("{} (criteria: {criteria})", r.period),
                        None => r.period.clone(),
                    },
                    disposal: r.disposal.clone(),
                    data_items: if r.data_items.is_empty() {
                        "All data received".into()
                    } else {
                        r.data_items
                            .iter()
                            .map(|i| item_name(i.as_str()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                })
                .chain(adopted_retention)
                .collect(),
            privacy_notices: a
                .privacy_notices
                .iter()
                .map(|n| NoticeView {
                    party: name_of(n.party.as_str()),
                    reference: n.reference.clone(),
                })
                .collect(),
            transfers: a
                .international_transfers
                .iter()
                .map(|t| TransferView {
                    destination: t.destination.clone(),
                    recipient: t.recipient.clone(),
                    mechanism: t
                        .mechanism
                        .map_or_else(|| "Not recorded".to_string(), |m| capitalise(m.citation())),
                    frequency: match t.regular {
                        Some(true) => "Regular",
                        Some(false) => "Occasional",
                        None => "Not recorded",
                    },
                    risk_assessment: t.risk_assessment.clone(),
                })
                .collect(),
            dpia: dpia.map(|d| DpiaView {
                required: if d.required { "Yes" } else { "No" },
                reference: d.reference.clone(),
                completed: d.completed.map(long_date),
                outcome: d.outcome.clone(),
                version: d.version.clone(),
                status: d.status.map(|s| capitalise(s.as_str())),
            }),
            disclosure: a.disclosure.as_ref().map(|d| DisclosureView {
                requester: name_of(d.requester.as_str()),
                request_reference: d.request_reference.clone(),
                received: long_date(d.received),
                decision: match d.decision {
                    crate::model::Decision::Approved => "Approved",
                    crate::model::Decision::ApprovedInPart => "Approved in part",
                    crate::model::Decision::Refused => "Refused",
                },
                reason: d.reason.clone(),
                decided_by: contact(&Some(d.decided_by.clone())).unwrap_or_default(),
                decided_on: long_date(d.decided_on),
            }),
            responsibilities: a
                .joint_controller
                .iter()
                .flat_map(|j| j.responsibilities.iter())
                .map(|r| ResponsibilityView {
                    duty: joint_duty_title(r.duty),
                    party: name_of(r.party.as_str()),
                })
                .collect(),
            essence_published: a
                .joint_controller
                .as_ref()
                .and_then(|j| j.essence_published.clone()),
            signatures,
            necessity_unrecorded: a
                .data_items
                .iter()
                .filter(|i| i.necessity.is_none())
                .count(),
            security_recorded,
            flow_security_recorded: a.flows.iter().any(|f| !f.security.is_empty()),
            parties_without_notice: a
                .parties
                .iter()
                .filter(|p| p.role != Role::Processor)
                .filter(|p| !a.privacy_notices.iter().any(|n| n.party == p.partner))
                .map(|p| name_of(p.partner.as_str()))
                .collect(),
            no_transfers: a
                .no_international_transfers
                .as_ref()
                .is_some_and(|n| n.confirmed),
            no_transfers_basis: a
                .no_international_transfers
                .as_ref()
                .filter(|n| n.confirmed)
                .and_then(|n| n.basis.clone()),
            narrative: narrative_view(&a.narrative),
            signoff,
            bodies,
            structure,
            diagram: None,
        })
        .map(|mut view| {
            view.diagram = super::diagram::mermaid(&view);
            view
        }),
    }
}

/// The companion DPIA for document control, from what is recorded of it (`None` when neither
/// its reference, version nor status is).
fn companion_dpia(d: &crate::model::Dpia) -> Option<String> {
    let mut text = d.reference.clone().unwrap_or_default();
    if let Some(version) = &d.version {
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(&format!("version {version}"));
    }
    if let Some(status) = d.status {
        let status = status.as_str();
        if text.is_empty() {
            text = capitalise(status);
        } else {
            text.push_str(&format!(" ({status})"));
        }
    }
    (!text.is_empty()).then_some(text)
}

/// A rights procedure with every field present, as strict templates need.
fn rights_json(r: &crate::model::RightsProcedure) -> serde_json::Value {
    serde_json::json!({
        "procedure": r.procedure,
        "contact": r.contact.as_ref().map(|c| serde_json::json!({
            "name": c.name,
            "role": c.role,
            "email": c.email,
            "phone": c.phone,
        })),
        "complaints": r.complaints,
    })
}

fn joint_duty_title(duty: crate::model::JointDuty) -> &'static str {
    use crate::model::JointDuty::*;
    match duty {
        Transparency => "Privacy information (Articles 13 and 14)",
        RightsRequests => "Individuals' rights requests",
        ContactPoint => "Contact point for individuals",
        BreachNotification => "Breach notification (Articles 33 and 34)",
        Security => "Security of processing (Article 32)",
        Dpia => "Data protection impact assessment (Article 35)",
        Retention => "Retention and disposal",
        Accuracy => "Accuracy of the data",
    }
}

/// How the document names purpose `id` of `a`: its short title, else "Purpose N" from its
/// place in the list; an id the agreement does not define is printed as written.
pub fn purpose_reference(a: &Agreement, id: &str) -> String {
    match a.purposes.iter().position(|p| p.id.as_str() == id) {
        Some(index) => a.purposes[index]
            .title
            .clone()
            .unwrap_or_else(|| format!("Purpose {}", index + 1)),
        None => id.to_string(),
    }
}

/// How the document names flow `id` of `a`: its short title, else "Flow N" from its place in
/// the list; an id the agreement does not define is printed as written.
pub fn flow_reference(a: &Agreement, id: &str) -> String {
    match a.flows.iter().position(|f| f.id.as_str() == id) {
        Some(index) => a.flows[index]
            .title
            .clone()
            .unwrap_or_else(|| format!("Flow {}", index + 1)),
        None => id.to_string(),
    }
}

fn basis_view(
    a: &Agreement,
    b: &LegalBasis,
    number: usize,
    name_of: &dyn Fn(&str) -> String,
) -> BasisView {
    let mut covers = Vec::new();
    if !b.purposes.is_empty() {
        covers.push(format!(
            "purposes: {}",
            b.purposes
                .iter()
                .map(|p| purpose_reference(a, p.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !b.flows.is_empty() {
        covers.push(format!(
            "flows: {}",
            b.flows
                .iter()
                .map(|f| flow_reference(a, f.as_str()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let covers = if covers.is_empty() {
        "The whole agreement".to_string()
    } else {
        capitalise(&covers.join("; "))
    };
    let relied_on_by = if b.relied_on_by.is_empty() {
        let ids = crate::rules::helpers::relying_parties(a, b);
        ids.iter()
            .map(|id| name_of(id))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        b.relied_on_by
            .iter()
            .map(|id| name_of(id.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    BasisView {
        id: b.id.to_string(),
        covers,
        relied_on_by,
        article_6: b
            .article_6
            .map(|a| format!("{} ({})", a.citation(), a.title())),
        law: b
            .law
            .iter()
            .map(|l| match &l.description {
                Some(d) => format!("{}: {d}", l.citation()),
                None => l.citation(),
            })
            .collect(),
        annex_1: b.annex_1.map(|c| c.citation()),
        consent_withdrawal: b.consent_withdrawal.clone(),
        article_9: b.article_9.map(|c| c.citation()),
        schedule_1: b
            .schedule_1
            .iter()
            .map(|c: &Schedule1Condition| c.citation())
            .collect(),
        article_10: b.article_10.map(|x| match x {
            crate::model::Article10Authority::OfficialAuthority => {
                "UK GDPR Article 10: under the control of official authority"
            }
            crate::model::Article10Authority::AuthorisedByLaw => {
                "UK GDPR Article 10: authorised by law (DPA 2018 s.10(5) and Schedule 1)"
            }
        }),
        appropriate_policy_document: b.appropriate_policy_document.clone(),
        law_enforcement: b.law_enforcement.as_ref().map(|le| {
            let mut text = "DPA 2018 Part 3 (law enforcement processing)".to_string();
            if le.consent {
                text.push_str("; sensitive processing with consent (s.35(4))");
            }
            if !le.schedule_8.is_empty() {
                let conditions: Vec<&str> = le.schedule_8.iter().map(|c| c.citation()).collect();
                text.push_str(&format!(
                    "; sensitive processing under s.35(5): {}",
                    conditions.join("; ")
                ));
            }
            text
        }),
        common_law: b.common_law.map(|c| c.title()),
        rationale: b.rationale.clone(),
        number,
        heading: b
            .title
            .clone()
            .unwrap_or_else(|| format!("Legal basis {number}")),
    }
}

fn flow_view(
    a: &Agreement,
    f: &Flow,
    number: usize,
    name_of: &dyn Fn(&str) -> String,
    item_name: &dyn Fn(&str) -> String,
) -> FlowView {
    let (from, to) = f.ends_in_words(name_of);
    let from_words = from.clone();
    FlowView {
        id: f.id.to_string(),
        from,
        to,
        data_items: f
            .data_items
            .iter()
            .map(|i| item_name(i.as_str()))
            .collect::<Vec<_>>()
            .join("; "),
        purposes: f
            .purposes
            .iter()
            .map(|p| purpose_reference(a, p.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        method: f.method.title(),
        frequency: f.frequency.title(),
        volume: f.volume.clone(),
        format: f.format.clone(),
        security: f.security.clone(),
        access: f.access.clone(),
        group: f
            .among
            .as_ref()
            .map(|_| format!("{from_words}, among themselves")),
        number,
        label: f.title.clone().unwrap_or_else(|| format!("Flow {number}")),
        items: f.data_items.iter().map(|i| item_name(i.as_str())).collect(),
        members: match &f.among {
            None => Vec::new(),
            Some(_) => {
                let mut seen: Vec<String> = Vec::new();
                for (from, to) in f.pairs(a) {
                    for id in [from, to] {
                        let name = name_of(id.as_str());
                        if !seen.contains(&name) {
                            seen.push(name);
                        }
                    }
                }
                seen
            }
        },
    }
}
