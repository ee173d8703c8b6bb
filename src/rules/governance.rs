//! The governance family (`G`): contacts, assurance, breach handling, retention, security,
//! transparency, rights, DPIA, sign-off, completeness and markings.

use std::fmt::Write as _;

use super::helpers::expects_caldicott_guardian;
use super::{Rule, Sink, declare_rule};
use crate::model::vocab::SpecialCategory;
use crate::model::{Role, Variant};
use crate::workspace::Workspace;
use crate::workspace::chain::Chain;

mod dpia;
mod minimisation;
mod retention;
mod transparency;

/// The governance rules over the corrected legal vocabulary (issue 12), each in its topic's
/// file.
pub static VOCABULARY_RULES: &[&Rule] = &[
    &retention::VAGUE_RETENTION,
    &minimisation::ITEM_NOT_NEEDED_FOR_FLOW,
    &transparency::DATA_SUBJECTS_NOT_INFORMED,
    &dpia::DPIA_AFTER_PROCESSING_STARTED,
];

/// Every rule of the family.
pub static RULES: &[&Rule] = &[
    &PUBLIC_AUTHORITY_WITHOUT_DPO,
    &MISSING_ICO_REGISTRATION,
    &MALFORMED_ICO_REGISTRATION,
    &MISSING_BREACH_PROCEDURE,
    &SLOW_BREACH_NOTIFICATION,
    &MISSING_RETENTION,
    &FLOW_WITHOUT_SECURITY,
    &INSECURE_TRANSFER_METHOD,
    &MISSING_PRIVACY_INFORMATION,
    &MISSING_RIGHTS_PROCEDURE,
    &DPIA_LIKELY_REQUIRED,
    &PARTY_WITHOUT_SIGNATORY,
    &MISSING_CALDICOTT_GUARDIAN,
    &MISSING_NECESSITY,
    &MISSING_TERMINATION_OR_SANCTIONS,
    &MISSING_DATA_QUALITY,
    &LEGACY_PROTECTIVE_MARKING,
    &MISSING_COMPLAINTS_ROUTE,
    &ONWARD_DISCLOSURE_NOT_ADDRESSED,
    &PLACEHOLDER_TEXT,
    &VARIANT_RECORD_MISSING,
    &HIDDEN_CHARACTERS,
    &NOT_STATED,
];

declare_rule! {
    /// A public authority partner with no data protection officer.
    ///
    /// ## What it checks
    /// That every protocol partner marked `public_authority: true` names its `dpo`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 37(1)(a): a public authority must designate a data protection officer, and
    /// Article 37(7) requires the DPO's contact details to be published and given to the ICO.
    /// Partners and individuals need to know whom to contact.
    ///
    /// ## Example
    /// ```yaml
    /// - id: council
    ///   public_authority: true
    ///   # no dpo
    /// ```
    ///
    /// ## Fix
    /// Add `dpo:` with the DPO's name (or the post) and contact details.
    pub static PUBLIC_AUTHORITY_WITHOUT_DPO = {
        code: "G001",
        name: "public-authority-without-dpo",
        family: Governance,
        severity: Error,
        check: Some(check_dpo),
    };
}

declare_rule! {
    /// A partner with no ICO registration number.
    ///
    /// ## What it checks
    /// That every protocol partner records its `ico_registration` (data protection fee) number.
    /// A partner that stands for a class of bodies (`class`) is not one controller and pays no
    /// fee of its own: it passes when it lists its members and every member records its own
    /// number.
    ///
    /// ## Why it matters
    /// The Data Protection (Charges and Information) Regulations 2018 require most controllers to
    /// pay the data protection fee; the registration number lets partners check each other on the
    /// ICO's public register before sharing.
    ///
    /// ## Example
    /// ```yaml
    /// - id: housing-trust
    ///   name: Westbridge Housing Advice Trust
    ///   # no ico_registration
    /// ```
    ///
    /// ## Fix
    /// Add `ico_registration:` with the number from the ICO register, or record why the body is
    /// exempt.
    pub static MISSING_ICO_REGISTRATION = {
        code: "G002",
        name: "missing-ico-registration",
        family: Governance,
        severity: Warning,
        check: Some(check_ico_missing),
    };
}

declare_rule! {
    /// An ICO registration number not in the form the ICO's register shows.
    ///
    /// ## What it checks
    /// That `ico_registration` has the form of the references on the ICO's register of data
    /// protection fee payers: `Z` and seven digits (the ICO's own search help gives Z5347709),
    /// or `Z`, a capital letter and six digits (the later ZA, ZB… references, such as
    /// ZA123456).
    ///
    /// ## Why it matters
    /// A controller that must pay the data protection fee (the Data Protection (Charges and
    /// Information) Regulations 2018) is listed on the ICO's register under its reference, and
    /// a partner's number lets the other parties check it there. The ICO publishes no rule for
    /// the form of its references, so a number in another form is not necessarily wrong: this
    /// is a warning that it is probably mistyped and cannot be found on the register as
    /// written, never an error.
    ///
    /// ## Example
    /// ```yaml
    /// ico_registration: Z12345
    /// ```
    ///
    /// ## Fix
    /// Copy the reference exactly from the ICO register of fee payers
    /// (<https://ico.org.uk/ESDWebPages/Search>).
    pub static MALFORMED_ICO_REGISTRATION = {
        code: "G003",
        name: "malformed-ico-registration",
        family: Governance,
        severity: Warning,
        check: Some(check_ico_format),
    };
}

declare_rule! {
    /// No breach procedure, in the agreement or in its protocol.
    ///
    /// ## What it checks
    /// That an agreement has a `breach` section, or that the protocol it sits under has
    /// `governance.breach`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 33(1): a controller notifies the ICO of a breach "without undue delay
    /// and, where feasible, not later than 72 hours after having become aware of it", unless it
    /// is unlikely to result in a risk to people; Article 34(1): where a breach is likely to
    /// result in a high risk, it tells the people affected without undue delay. When data is
    /// shared, a breach at one party may concern another's data, so each controller can meet
    /// its own duty only if the parties have agreed how to tell each other.
    ///
    /// ## Example
    /// ```yaml
    /// # agreement with no breach section, under a protocol with no governance.breach
    /// ```
    ///
    /// ## Fix
    /// Add `breach:` with the procedure and `notify_partners_within_hours`, to the agreement or
    /// the protocol.
    pub static MISSING_BREACH_PROCEDURE = {
        code: "G004",
        name: "missing-breach-procedure",
        family: Governance,
        severity: Error,
        check: Some(check_breach_missing),
    };
}

declare_rule! {
    /// Partners allow themselves longer to tell each other of a breach than the house rule.
    ///
    /// ## What it checks
    /// That `notify_partners_within_hours`, in a protocol's governance and in an agreement, is
    /// at most the house rule: `[governance] partner_notification_hours` in `isagen.toml`, 72
    /// unless set. This is a house rule, not the law.
    ///
    /// ## Why it matters
    /// UK GDPR Article 33(1): a controller notifies the ICO of a personal data breach "without
    /// undue delay and, where feasible, not later than 72 hours after having become aware of
    /// it". Each controller's 72 hours run from its own awareness, and no statute sets a
    /// deadline between partners (only a processor must tell its controller "without undue
    /// delay", Article 33(2)). But a partner that waits days before telling the controller
    /// whose data was breached delays that controller's assessment, and Article 34 notice to
    /// the people affected, so partnerships agree a deadline between them; 24 hours is common
    /// practice. Since the law sets no deadline between partners, this is a warning; a
    /// partnership that treats its own deadline as binding can make it an error (`[rules]
    /// G005 = "error"`).
    ///
    /// ## Example
    /// ```yaml
    /// breach:
    ///   notify_partners_within_hours: 120
    /// ```
    ///
    /// ## Fix
    /// Shorten `notify_partners_within_hours` (24 is usual), or set the partnership's own
    /// house rule in `isagen.toml`:
    /// ```toml
    /// [governance]
    /// partner_notification_hours = 24
    /// ```
    pub static SLOW_BREACH_NOTIFICATION = {
        code: "G005",
        name: "slow-breach-notification",
        family: Governance,
        severity: Warning,
        check: Some(check_breach_hours),
    };
}

declare_rule! {
    /// A party that receives shared data has no retention period.
    ///
    /// ## What it checks
    /// That every party that receives data in a flow (`flows[].to`, or each member of a group
    /// flow's `among`) has an entry in `retention`, or is covered by a default in its
    /// protocol's `provisions.retention`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 5(1)(e), storage limitation: personal data is kept no longer than
    /// necessary. Each recipient must know how long it keeps the data and how it disposes of it.
    ///
    /// ## Example
    /// ```yaml
    /// flows:
    ///   - to: housing-trust
    /// retention: []   # nothing for housing-trust
    /// ```
    ///
    /// ## Fix
    /// Add a `retention` entry for the party, with the period and the disposal method.
    pub static MISSING_RETENTION = {
        code: "G006",
        name: "missing-retention",
        family: Governance,
        severity: Error,
        check: Some(check_retention),
    };
}

declare_rule! {
    /// A flow with no security measures.
    ///
    /// ## What it checks
    /// That every flow lists at least one measure in `security`, unless the agreement adopts
    /// its protocol's `provisions.security` (it sets no `security` of its own and the protocol
    /// sets out security measures for its agreements: "security is detailed in the Tier 1
    /// protocol"), or the agreement's own `security` section lists technical or
    /// organisational measures for all its sharing (as a national agreement's one
    /// "Information security" section does).
    ///
    /// ## Why it matters
    /// UK GDPR Article 32 and Article 5(1)(f): personal data must be protected by appropriate
    /// technical and organisational measures, including in transit. An agreement that does not
    /// say how a flow is protected cannot show that it is.
    ///
    /// ## Example
    /// ```yaml
    /// - id: referral
    ///   method: secure-email
    ///   security: []
    /// ```
    ///
    /// ## Fix
    /// List the measures that protect the flow, for example encryption in transit and who may
    /// open it.
    pub static FLOW_WITHOUT_SECURITY = {
        code: "G007",
        name: "flow-without-security",
        family: Governance,
        severity: Error,
        check: Some(check_flow_security),
    };
}

declare_rule! {
    /// A flow uses an insecure method: unencrypted email, unencrypted removable media or fax.
    ///
    /// ## What it checks
    /// That no flow's `method` is `unencrypted-email`, `unencrypted-removable-media` or `fax`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 32: these methods expose personal data to interception, misdelivery and
    /// loss; the ICO's enforcement history is full of faxes and emails sent to the wrong
    /// recipient.
    ///
    /// ## Example
    /// ```yaml
    /// method: unencrypted-email
    /// ```
    ///
    /// ## Fix
    /// Use secure email, a secure portal, secure file transfer or an API over an encrypted
    /// connection.
    pub static INSECURE_TRANSFER_METHOD = {
        code: "G008",
        name: "insecure-transfer-method",
        family: Governance,
        severity: Warning,
        check: Some(check_insecure_method),
    };
}

declare_rule! {
    /// A controller party with no privacy information recorded.
    ///
    /// ## What it checks
    /// That every party with role `controller` or `joint-controller` has a `privacy_notices`
    /// entry.
    ///
    /// ## Why it matters
    /// UK GDPR Articles 13 and 14: each controller must tell people how their data is used and
    /// with whom it is shared. Recording where that is published shows the transparency principle
    /// (Article 5(1)(a)) is met.
    ///
    /// ## Example
    /// ```yaml
    /// privacy_notices:
    ///   - party: council
    /// # nothing for the trust, also a controller
    /// ```
    ///
    /// ## Fix
    /// Add a `privacy_notices` entry for the party with the address of its privacy notice.
    pub static MISSING_PRIVACY_INFORMATION = {
        code: "G009",
        name: "missing-privacy-information",
        family: Governance,
        severity: Warning,
        check: Some(check_privacy_notices),
    };
}

declare_rule! {
    /// No procedure for individuals' rights, or no point of contact.
    ///
    /// ## What it checks
    /// That the agreement or its protocol has a rights procedure (`rights` or
    /// `governance.rights`), and that one of them names a `contact`. A stand-alone agreement
    /// (no `protocol`) must have its own.
    ///
    /// ## Why it matters
    /// UK GDPR Articles 12 to 22 and the ICO Data Sharing Code: people must be able to exercise
    /// their rights whichever party holds their data; the code expects a single point of contact.
    ///
    /// ## Example
    /// ```yaml
    /// # agreement with no rights section, under a protocol with none
    /// ```
    ///
    /// ## Fix
    /// Add `rights:` with the procedure and a `contact`.
    pub static MISSING_RIGHTS_PROCEDURE = {
        code: "G010",
        name: "missing-rights-procedure",
        family: Governance,
        severity: Warning,
        check: Some(check_rights),
    };
}

declare_rule! {
    /// A DPIA is likely to be required, but none is recorded.
    ///
    /// ## What it checks
    /// Screens each agreement as UK GDPR Article 35 and the ICO do, and reports by outcome:
    /// - **required** (an error): Article 35(3)(a), automated decisions with legal or similarly
    ///   significant effects (`processing.automated_decisions`); Article 35(3)(b), special
    ///   category or criminal offence data "on a large scale" (`processing.large_scale`); or an
    ///   item of the ICO's list that needs a DPIA on its own: matching or combining data sets
    ///   (`data_matching`), or innovative technology, biometric or genetic data together with
    ///   another criterion;
    /// - **likely required** (a warning): two or more of the European guidelines' criteria
    ///   (sensitive data, vulnerable data subjects such as children, large scale, matching,
    ///   new technology, automated decisions);
    /// - **screening recommended** (information): one criterion, such as special category
    ///   data on a small scale.
    ///
    /// It reports when no `dpia` is recorded (the agreement's own, or its protocol's
    /// `provisions.dpia`), when `required: false` is recorded for processing that requires one
    /// (large-scale health data, say), and when a required DPIA has no reference.
    ///
    /// ## Why it matters
    /// UK GDPR Article 35(1) and (3): a DPIA is required for processing likely to result in a
    /// high risk, and "in particular" for the three cases of Article 35(3), of which (b) is
    /// "processing on a large scale of special categories of data … or of personal data
    /// relating to criminal convictions and offences". Article 35(4): the ICO's list of
    /// processing likely to result in high risk ("When do we need to do a DPIA?", ICO DPIA
    /// guidance), which adds data matching and, with another criterion, innovative technology,
    /// biometric and genetic data; and the guidance's advice to do a DPIA where two or more of
    /// the European guidelines' (WP248) criteria apply. Special category data alone does not
    /// make a DPIA required.
    ///
    /// ## Example
    /// ```yaml
    /// processing:
    ///   large_scale: true
    /// dpia:
    ///   required: false      # large-scale health data: a DPIA is required
    /// ```
    ///
    /// ## Fix
    /// Carry out the DPIA and record it: `dpia: {required: true, reference: ..., completed: ...,
    /// outcome: ...}`; where screening finds none is needed, record `required: false` with the
    /// screening outcome.
    pub static DPIA_LIKELY_REQUIRED = {
        code: "G011",
        name: "dpia-likely-required",
        family: Governance,
        severity: Warning,
        check: Some(check_dpia),
    };
}

declare_rule! {
    /// A partner or party with nobody to sign for it.
    ///
    /// ## What it checks
    /// That every protocol partner names a `signatory`; an agreement's parties are checked
    /// through their protocol partner. Two exceptions: a partner whose acceptance of the
    /// current version is recorded in the protocol's `acceptance` (signed copies or emails
    /// held by a lead body; who signed is in that record), and a partner that every agreement
    /// checked with the protocol names only as a processor (processors act under an Article 28
    /// contract and do not sign a controller-to-controller protocol).
    ///
    /// ## Why it matters
    /// A document nobody can sign for a body does not record that body's agreement, and the
    /// agreement is how each controller shows its accountability for the sharing (UK GDPR
    /// Article 5(2); the ICO Data Sharing Code, section "Data sharing agreements"). A
    /// processor is not a party to the controllers' agreement (it acts under its Article 28
    /// contract), so it is never asked to sign.
    ///
    /// ## Example
    /// ```yaml
    /// - id: trust
    ///   name: Northshire NHS Foundation Trust
    ///   # no signatory
    /// ```
    ///
    /// ## Fix
    /// Add `signatory:` with the name and post of the person who signs for the body.
    pub static PARTY_WITHOUT_SIGNATORY = {
        code: "G012",
        name: "party-without-signatory",
        family: Governance,
        severity: Error,
        check: Some(check_signatory),
    };
}

declare_rule! {
    /// Health or care data shared with a health or care body that has no Caldicott Guardian named.
    ///
    /// ## What it checks
    /// For agreements that share health data or confidential items: that each party that is an
    /// NHS or care body has a `caldicott_guardian` in the protocol.
    ///
    /// ## Why it matters
    /// The National Data Guardian's "Guidance about the appointment of Caldicott Guardians,
    /// their role and responsibilities" (2021), issued under the Health and Social Care
    /// (National Data Guardian) Act 2018 s.1: public bodies within the health service, adult
    /// social care or adult carer support in England that handle confidential information
    /// about patients or service users, and organisations contracted to deliver those
    /// services, should have a Caldicott Guardian. The bodies it covers must "have regard to"
    /// the guidance: follow it, or have good reasons not to. It is guidance, not a
    /// statutory duty to appoint, so the rule warns.
    ///
    /// That guidance covers England. Elsewhere the rule applies where the nation's own
    /// governance requires the role: in Wales each NHS organisation is mandated to have a
    /// Caldicott Guardian, as are councils with social services responsibilities (Hywel Dda
    /// University Health Board and Powys Teaching Health Board, "Caldicott Guardian" pages,
    /// hduhb.nhs.wales and pthb.nhs.wales); NHSScotland boards have Caldicott Guardians, who sit
    /// on the Public Benefit and Privacy Panel for Health and Social Care
    /// (informationgovernance.scot.nhs.uk/pbpphsc). isagen has no verified source for Northern
    /// Ireland, so the rule does not apply to
    /// a partner whose `jurisdiction` is `northern-ireland` (or whose type, such as
    /// `hsc-trust`, exists only there); it checks English, Welsh and Scottish bodies and
    /// those whose nation is not stated.
    ///
    /// ## Example
    /// ```yaml
    /// - id: trust
    ///   type: nhs-trust
    ///   # no caldicott_guardian
    /// ```
    ///
    /// ## Fix
    /// Add `caldicott_guardian:` to the partner in the protocol.
    pub static MISSING_CALDICOTT_GUARDIAN = {
        code: "G013",
        name: "missing-caldicott-guardian",
        family: Governance,
        severity: Warning,
        check: Some(check_caldicott),
    };
}

declare_rule! {
    /// A data item with no reason why it is necessary.
    ///
    /// ## What it checks
    /// That every data item says in `necessity` why it is needed.
    ///
    /// ## Why it matters
    /// UK GDPR Article 5(1)(c), data minimisation: only data that is adequate, relevant and
    /// limited to what is necessary may be shared. Writing down why each item is needed is how
    /// that is shown.
    ///
    /// ## Example
    /// ```yaml
    /// - id: religion
    ///   name: Religion
    ///   # no necessity
    /// ```
    ///
    /// ## Fix
    /// Add `necessity:` explaining why the item is needed for the purposes, or remove the item.
    pub static MISSING_NECESSITY = {
        code: "G014",
        name: "missing-necessity",
        family: Governance,
        severity: Warning,
        check: Some(check_necessity),
    };
}

declare_rule! {
    /// No termination clause, or no sanctions clause.
    ///
    /// ## What it checks
    /// That an agreement has `termination` (notice, and what happens to shared data) and
    /// `sanctions`, itself or adopted from its protocol's `provisions`.
    ///
    /// ## Why it matters
    /// The ICO Data Sharing Code lists termination and sanctions for failing to comply among the
    /// contents of a data sharing agreement; without them, what happens to data when the sharing
    /// ends is left open.
    ///
    /// ## Example
    /// ```yaml
    /// # agreement with no termination and no sanctions
    /// ```
    ///
    /// ## Fix
    /// Add `termination: {notice: ..., data_on_termination: ...}` and `sanctions:`.
    pub static MISSING_TERMINATION_OR_SANCTIONS = {
        code: "G015",
        name: "missing-termination-or-sanctions",
        family: Governance,
        severity: Warning,
        check: Some(check_termination),
    };
}

declare_rule! {
    /// No data quality arrangements.
    ///
    /// ## What it checks
    /// That an agreement has a `data_quality` section saying how errors are corrected and
    /// notified, or adopts its protocol's `provisions.data_quality`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 5(1)(d), accuracy: shared data must be kept accurate, and an error found
    /// by one party must reach the others.
    ///
    /// ## Example
    /// ```yaml
    /// # agreement with no data_quality
    /// ```
    ///
    /// ## Fix
    /// Add `data_quality: {corrections: ...}`.
    pub static MISSING_DATA_QUALITY = {
        code: "G016",
        name: "missing-data-quality",
        family: Governance,
        severity: Warning,
        check: Some(check_data_quality),
    };
}

declare_rule! {
    /// A protective marking from before the Government Security Classifications.
    ///
    /// ## What it checks
    /// That `protective_marking` is OFFICIAL or OFFICIAL-SENSITIVE, not a legacy marking (NOT
    /// PROTECTIVELY MARKED, PROTECT, RESTRICTED, UNCLASSIFIED).
    ///
    /// ## Why it matters
    /// The Government Security Classifications replaced the old protective markings in April
    /// 2014; a legacy marking suggests the document was copied from an out-of-date template and
    /// confuses handling.
    ///
    /// Source: the Cabinet Office's Government Security Classifications Policy (gov.uk), in
    /// force since April 2014, which uses OFFICIAL, SECRET and TOP SECRET.
    ///
    /// ## Example
    /// ```yaml
    /// protective_marking: RESTRICTED
    /// ```
    ///
    /// ## Fix
    /// Use the current marking the message suggests, usually OFFICIAL-SENSITIVE for personal
    /// data.
    pub static LEGACY_PROTECTIVE_MARKING = {
        code: "G017",
        name: "legacy-protective-marking",
        family: Governance,
        severity: Warning,
        check: Some(check_marking),
    };
}

declare_rule! {
    /// An agreement in force on or after 19 June 2026 that does not say where complaints go.
    ///
    /// ## What it checks
    /// For every agreement that is in force on or after 19 June 2026, whatever its start
    /// date: that the agreement's `rights.complaints` or its protocol's
    /// `governance.rights.complaints` is set. An agreement is left alone only when it cannot
    /// be in force on that date: it is `retired`, or its `expiry` is before 19 June 2026.
    ///
    /// ## Why it matters
    /// DPA 2018 s.164A (inserted by the Data (Use and Access) Act 2025 s.103, brought into
    /// force on 19 June 2026 by SI 2026/82, the Commencement No. 6 Regulations): "A data
    /// subject may make a complaint to the controller" about an infringement of the UK GDPR or
    /// Part 3 (s.164A(1)); the controller "must facilitate the making of complaints" (s.164A(2))
    /// and "must acknowledge receipt of the complaint within the period of 30 days" (s.164A(3)).
    /// The duty binds every controller from that date, including under agreements that began
    /// before it, so people need to be told where complaints about the shared data go.
    ///
    /// ## Example
    /// ```yaml
    /// rights:
    ///   procedure: Each party answers requests it receives.
    ///   # no complaints
    /// ```
    ///
    /// ## Fix
    /// Add `complaints:` saying where complaints go and that they are acknowledged within 30
    /// days.
    pub static MISSING_COMPLAINTS_ROUTE = {
        code: "G018",
        name: "missing-complaints-route",
        family: Governance,
        severity: Warning,
        check: Some(check_complaints),
    };
}

declare_rule! {
    /// The agreement does not say whether recipients may pass the data on.
    ///
    /// ## What it checks
    /// That an agreement has `onward_disclosure`, or adopts its protocol's
    /// `provisions.onward_disclosure`.
    ///
    /// ## Why it matters
    /// The ICO Data Sharing Code: an agreement should say whether and when a recipient may
    /// disclose the data to third parties; otherwise data can travel beyond the bodies that
    /// agreed to the terms.
    ///
    /// ## Example
    /// ```yaml
    /// # agreement with no onward_disclosure
    /// ```
    ///
    /// ## Fix
    /// Add `onward_disclosure:` with the terms (often: only with consent or where the law
    /// requires).
    pub static ONWARD_DISCLOSURE_NOT_ADDRESSED = {
        code: "G019",
        name: "onward-disclosure-not-addressed",
        family: Governance,
        severity: Warning,
        check: Some(check_onward),
    };
}

declare_rule! {
    /// Placeholder text (TODO, TBC, `[insert board]`, `<name>`, `DD/MM/YYYY`) left in a
    /// definition.
    ///
    /// ## What it checks
    /// Every text value of every document, for:
    /// - the words TODO, TBC, TBD, XXX or FIXME in capitals, or a longer run of capital X;
    /// - a template's bracketed blank: text in `[…]` or `<…>` made of words only (at most 60
    ///   characters, starting with a letter) with one of the words insert, enter, name(s), date,
    ///   organisation (organization), board, title, address, details, relevant, specify,
    ///   signature, partner or party, in any case: `[insert board]`, `[Relevant Date]`,
    ///   `[Name of organisation]`, `<name>`;
    /// - a date mask: `DD/MM/YYYY`, `dd/mm/yy`, `XX/XX/XXXX` (with `/`; in capitals, `.` or
    ///   `-` too).
    ///
    /// Real text is left alone: brackets holding digits or an address (`[2019] EWHC 123`,
    /// `Schedule [1]`, `<https://example.org>`), brackets without one of those words
    /// (`[sic]`, `[the Council]`), and Markdown links (`[privacy notice](https://…)`).
    ///
    /// ## Why it matters
    /// A document signed with placeholders in it commits the parties to nothing in those places,
    /// and a name copied from a template ("[Name of organisation]") names no body at all.
    /// `isagen init` marks gaps with TODO so this rule lists what is left to write; templates in
    /// circulation mark them with brackets and date masks.
    ///
    /// Source: UK GDPR Article 5(2): the agreement is the parties' record of how they comply,
    /// and a placeholder records nothing.
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   - party: trust
    ///     period: TBC
    /// governance:
    ///   oversight: "[insert board]"
    /// ```
    ///
    /// ## Fix
    /// Replace the placeholder with the real text.
    pub static PLACEHOLDER_TEXT = {
        code: "G020",
        name: "placeholder-text",
        family: Governance,
        severity: Warning,
        check: Some(check_placeholders),
    };
}

declare_rule! {
    /// A disclosure agreement with no record of the request and the decision.
    ///
    /// ## What it checks
    /// That an agreement with `variant: disclosure` has a `disclosure` section.
    ///
    /// ## Why it matters
    /// A one-way disclosure is justified by the request and the decision to disclose; recording
    /// who asked, when, what was decided, why and by whom is the accountability record (UK GDPR
    /// Article 5(2)).
    ///
    /// ## Example
    /// ```yaml
    /// variant: disclosure
    /// # no disclosure section
    /// ```
    ///
    /// ## Fix
    /// Add `disclosure:` with the requester, dates, decision, reason and decision maker.
    pub static VARIANT_RECORD_MISSING = {
        code: "G021",
        name: "variant-record-missing",
        family: Governance,
        severity: Error,
        check: Some(check_variant_record),
    };
}

declare_rule! {
    /// Text holding bidirectional controls or invisible characters, which make it display as
    /// something other than what it says.
    ///
    /// ## What it checks
    /// Every text value (and key) of every document, for characters that change how the text
    /// around them is displayed or that display as nothing:
    ///
    /// - **error**: the bidirectional embeddings, overrides and isolates U+202A–U+202E and
    ///   U+2066–U+2069;
    /// - **warning**: the bidirectional marks U+200E, U+200F and U+061C; ZERO WIDTH SPACE
    ///   U+200B, WORD JOINER U+2060, the invisible operators U+2061–U+2064, ZERO WIDTH NO-BREAK
    ///   SPACE U+FEFF inside text, SOFT HYPHEN U+00AD, MONGOLIAN VOWEL SEPARATOR U+180E, the
    ///   Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) and the tag characters
    ///   U+E0000–U+E007F; and ZERO WIDTH JOINER and NON-JOINER (U+200D, U+200C) except between
    ///   two characters of a script that uses them (that is, neither ASCII, a space nor
    ///   hidden: Arabic, Persian, the Indic scripts, emoji sequences).
    ///
    /// Each finding points at the value, names every such character by code point and
    /// Unicode name, and says where the first one is.
    ///
    /// ## Why it matters
    /// A definition is the text partner bodies sign. A direction override makes a name, an
    /// amount or a period display in a different order from the characters actually stored
    /// (the "Trojan Source" attack, CVE-2021-42574), so the document signed is not the one read;
    /// that is an error. Invisible characters do not reorder text but make two different texts
    /// look the same (Unicode Technical Report #36, *Unicode Security Considerations*, and
    /// Unicode Technical Standard #39, *Unicode Security Mechanisms*, which treats
    /// default-ignorable characters as restricted): a partner whose name holds a zero width
    /// space is not the partner it looks like to a search, a register or a reviewer. They are
    /// also pasted in innocently from word processors (soft hyphens, zero width spaces), so
    /// they are a warning; set `G022 = "error"` in `isagen.toml` to refuse them too (a
    /// configured severity applies to every finding of the rule). `isagen diff` shows all of
    /// them as `⟨U+202E⟩`, so a change that adds one is visible in review.
    ///
    /// ## Example
    /// ```yaml
    /// partners:
    ///   - id: trust
    ///     name: "Northshire NHS Trust\u202E"   # RIGHT-TO-LEFT OVERRIDE
    /// ```
    ///
    /// ## Fix
    /// Delete the character: retype the text, or find it with an editor that shows such
    /// characters (`isagen diff` and `isagen validate` name them). Right-to-left text needs no
    /// direction controls; renderers order it by itself.
    pub static HIDDEN_CHARACTERS = {
        code: "G022",
        name: "hidden-characters",
        family: Governance,
        severity: Error,
        check: Some(check_hidden_characters),
    };
}

declare_rule! {
    /// A fact the document leaves silent, recorded as `not-stated`.
    ///
    /// ## What it checks
    /// That no party's `role` is `not-stated`, the `protective_marking` is not `not-stated`, and
    /// an `acceptance` record's `method` is not `not-stated`. Each is reported once, where it
    /// is written.
    ///
    /// ## Why it matters
    /// `not-stated` records faithfully what a real document says, but a reader cannot act on
    /// it. A party's role decides its duties: a controller needs its own lawful basis and
    /// privacy information (UK GDPR Articles 6, 13, 14 and 24), a processor needs an Article 28
    /// contract, joint controllers an Article 26 arrangement; the rules that depend on the role
    /// cannot check a party whose role is unknown. The protective marking tells every reader
    /// how to handle the document (Government Security Classifications). How parties accept
    /// decides what evidence of sign-off exists (UK GDPR Article 5(2), accountability).
    ///
    /// ## Example
    /// ```yaml
    /// parties:
    ///   - partner: trust
    ///     role: not-stated
    /// ```
    ///
    /// ## Fix
    /// Find out from the parties and record the fact: `role: controller` (or
    /// `joint-controller`, `processor`), `protective_marking: OFFICIAL`, the acceptance
    /// `method`.
    pub static NOT_STATED = {
        code: "G023",
        name: "not-stated",
        family: Governance,
        severity: Warning,
        check: Some(check_not_stated),
    };
}

fn check_not_stated(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let definition = &document.definition;
        if definition.document().protective_marking == crate::model::ProtectiveMarking::NotStated {
            sink.report(
                doc,
                "/document/protective_marking",
                "the document does not state its protective marking",
            )
            .hint("record the marking the owner gives it, for example `OFFICIAL`");
        }
        if let crate::model::Definition::Agreement(a) = definition {
            for (i, party) in a.parties.iter().enumerate() {
                if party.role == Role::NotStated {
                    sink.report(
                        doc,
                        format!("/parties/{i}/role"),
                        format!(
                            "the agreement does not state the role of `{}`, so the rules that depend on it cannot check it",
                            party.partner
                        ),
                    )
                    .hint("record `controller`, `joint-controller` or `processor`");
                }
            }
        }
        if let Some(a) = definition.acceptance()
            && a.method == crate::model::AcceptanceMethod::NotStated
        {
            sink.report(
                doc,
                "/acceptance/method",
                format!(
                    "the record held by {} does not say how the parties accept",
                    a.held_by
                ),
            )
            .hint("record `wet-signature`, `email-acceptance`, `e-signature` or `board-minute`");
        }
    }
}

fn check_dpo(workspace: &Workspace, sink: &mut Sink) {
    for (doc, partners) in partner_lists(workspace) {
        for (i, partner) in partners.iter().enumerate() {
            if partner.public_authority && partner.dpo.is_none() {
                sink.report(
                    doc,
                    format!("/partners/{i}/public_authority"),
                    format!(
                        "{} is a public authority but names no data protection officer",
                        partner.name
                    ),
                )
                .hint("add `dpo:` with the DPO's name or post and contact details (Article 37)");
            }
        }
    }
}

fn check_ico_missing(workspace: &Workspace, sink: &mut Sink) {
    for (doc, partners) in partner_lists(workspace) {
        for (i, partner) in partners.iter().enumerate() {
            let members_registered = partner.class.as_ref().is_some_and(|c| {
                !c.members.is_empty() && c.members.iter().all(|m| m.ico_registration.is_some())
            });
            if partner.ico_registration.is_none() && !members_registered {
                sink.report(
                    doc,
                    format!("/partners/{i}/id"),
                    format!("{} has no ICO registration number", partner.name),
                )
                .hint("add `ico_registration:` from the ICO register of fee payers");
            }
        }
    }
}

/// Whether `text` has the form of a reference on the ICO's register: `Z` and seven digits
/// (Z5347709), or `Z`, a capital letter and six digits (ZA123456).
pub fn is_ico_registration(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 8
        && bytes[0] == b'Z'
        && (bytes[1].is_ascii_digit() || bytes[1].is_ascii_uppercase())
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

fn check_ico_format(workspace: &Workspace, sink: &mut Sink) {
    for (doc, partners) in partner_lists(workspace) {
        for (i, partner) in partners.iter().enumerate() {
            // A placeholder (`TODO`, as `isagen init` writes) is G020's to report.
            if let Some(number) = &partner.ico_registration
                && !is_ico_registration(number)
                && placeholder_in(number).is_none()
            {
                sink.report(doc, format!("/partners/{i}/ico_registration"), format!("`{number}` is not in the form of the ICO register's references, so it probably cannot be found there as written"))
                    .hint("copy the reference from the ICO register of fee payers; its references are Z and seven digits (Z5347709) or Z, a letter and six digits (ZA123456)");
            }
        }
    }
}

/// Every list of partners in focus, with its document: each protocol's `partners`, and each
/// agreement's own `partners` (a stand-alone agreement describes its bodies there). Both sit
/// at `/partners`, so findings point the same way into either.
fn partner_lists(workspace: &Workspace) -> impl Iterator<Item = (usize, &[crate::model::Partner])> {
    workspace
        .protocols()
        .map(|(doc, p)| (doc, p.partners.as_slice()))
        .chain(
            workspace
                .agreements()
                .filter(|(_, a)| !a.partners.is_empty())
                .map(|(doc, a)| (doc, a.partners.as_slice())),
        )
}

fn check_breach_missing(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        // Without the protocol, whether it has a procedure cannot be known.
        let chain = Chain::new(workspace, a);
        if chain.protocol_unknown() {
            continue;
        }
        if chain.breach().is_none() {
            let message = if chain.protocol.is_some() {
                "neither this agreement nor its protocol records a breach procedure"
            } else {
                "this agreement (which has no protocol) records no breach procedure"
            };
            sink.report(doc, "/document", message)
                .hint("add `breach:` with the procedure and `notify_partners_within_hours`");
        }
    }
}

fn check_breach_hours(workspace: &Workspace, sink: &mut Sink) {
    let limit = workspace.config.governance.partner_notification_hours;
    let report = |sink: &mut Sink, doc: usize, pointer: &str, hours: u32| {
        sink.report(doc, pointer, format!("partners may take {hours} hours to tell each other of a breach, longer than the house rule of {limit} hours (a practice setting; UK GDPR Art 33 gives each controller 72 hours from its own awareness)"))
            .hint(format!("set `notify_partners_within_hours` to {limit} or less (24 is usual), or set `[governance] partner_notification_hours` in isagen.toml"));
    };
    for (doc, p) in workspace.protocols() {
        if let Some(b) = &p.governance.breach
            && b.notify_partners_within_hours > limit
        {
            report(
                sink,
                doc,
                "/governance/breach/notify_partners_within_hours",
                b.notify_partners_within_hours,
            );
        }
    }
    for (doc, a) in workspace.agreements() {
        if let Some(b) = &a.breach
            && b.notify_partners_within_hours > limit
        {
            report(
                sink,
                doc,
                "/breach/notify_partners_within_hours",
                b.notify_partners_within_hours,
            );
        }
    }
}

fn check_retention(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let chain = Chain::new(workspace, a);
        let mut reported = Vec::new();
        for (i, flow) in a.flows.iter().enumerate() {
            for (_, to_id) in flow.pairs(a) {
                let to = to_id.as_str();
                if reported.contains(&to) || chain.retention_for(to).is_some() {
                    continue;
                }
                reported.push(to);
                sink.report(
                    doc,
                    flow.endpoint_pointer(&format!("/flows/{i}"), to_id, false),
                    format!(
                        "`{to}` receives data in flow `{}` but has no retention period",
                        flow.id
                    ),
                )
                .hint(format!(
                    "add a `retention` entry for `{to}` with the period and disposal"
                ));
            }
        }
    }
}

fn check_flow_security(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        // The protocol's security provision, adopted by an agreement that sets no security
        // of its own, protects every flow ("security is detailed in the Tier 1 protocol").
        if Chain::new(workspace, a).adopted_security().is_some() {
            continue;
        }
        // Measures the agreement records for all its sharing cover each flow too.
        if a.security
            .as_ref()
            .is_some_and(|s| !s.technical.is_empty() || !s.organisational.is_empty())
        {
            continue;
        }
        for (i, flow) in a.flows.iter().enumerate() {
            if flow.security.is_empty() {
                sink.report(doc, format!("/flows/{i}/id"), format!("flow `{}` lists no security measures", flow.id))
                    .hint("add `security:` with the measures that protect the data in transit and on arrival");
            }
        }
    }
}

fn check_insecure_method(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            if flow.method.is_insecure() {
                sink.report(
                    doc,
                    format!("/flows/{i}/method"),
                    format!(
                        "flow `{}` uses {}, which is insecure for personal data",
                        flow.id,
                        flow.method.title()
                    ),
                )
                .hint(
                    "use secure email, a secure portal, secure file transfer or an encrypted API",
                );
            }
        }
    }
}

fn check_privacy_notices(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, party) in a.parties.iter().enumerate() {
            let controller = matches!(party.role, Role::Controller | Role::JointController);
            if controller && !a.privacy_notices.iter().any(|n| n.party == party.partner) {
                sink.report(
                    doc,
                    format!("/parties/{i}/partner"),
                    format!(
                        "controller `{}` has no privacy information recorded",
                        party.partner
                    ),
                )
                .hint("add a `privacy_notices` entry with the address of its privacy notice");
            }
        }
    }
}

fn check_rights(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let chain = Chain::new(workspace, a);
        if chain.protocol_unknown() {
            continue;
        }
        let protocol_rights = chain
            .protocol
            .and_then(|(_, p)| p.governance.rights.as_ref());
        if chain.rights().is_none() {
            let message = if chain.protocol.is_some() {
                "neither this agreement nor its protocol says how individuals' rights requests are handled"
            } else {
                "this agreement (which has no protocol) does not say how individuals' rights requests are handled"
            };
            sink.report(doc, "/document", message)
                .hint("add `rights:` with the procedure and a point of contact");
            continue;
        }
        let contact = a.rights.as_ref().is_some_and(|r| r.contact.is_some())
            || protocol_rights.is_some_and(|r| r.contact.is_some());
        if !contact {
            let pointer = if a.rights.is_some() {
                "/rights"
            } else {
                "/document"
            };
            sink.report(
                doc,
                pointer,
                "no point of contact is named for individuals' rights requests",
            )
            .hint("add `contact:` to `rights` here or in the protocol");
        }
    }
}

fn check_dpia(workspace: &Workspace, sink: &mut Sink) {
    dpia::check_dpia(workspace, sink);
}

fn check_signatory(workspace: &Workspace, sink: &mut Sink) {
    let report = |sink: &mut Sink, doc: usize, i: usize, partner: &crate::model::Partner| {
        sink.report(
            doc,
            format!("/partners/{i}/id"),
            format!("{} names nobody to sign for it", partner.name),
        )
        .hint("add `signatory:` with the name and post of the person who signs");
    };
    for (doc, protocol) in workspace.protocols() {
        let version = protocol.document.version();
        for (i, partner) in protocol.partners.iter().enumerate() {
            let id = partner.id.as_str();
            let accepted_elsewhere = protocol
                .acceptance
                .as_ref()
                .is_some_and(|a| a.covers(id, version));
            if partner.signatory.is_none()
                && !accepted_elsewhere
                && !super::signoff::processor_only(workspace, protocol, id)
            {
                report(sink, doc, i, partner);
            }
        }
    }
    // A stand-alone agreement describes its own partners: the same test, against its own
    // acceptance record and the roles its parties play.
    for (doc, a) in workspace.agreements() {
        let version = a.document.version();
        for (i, partner) in a.partners.iter().enumerate() {
            let id = partner.id.as_str();
            let accepted_elsewhere = a.acceptance.as_ref().is_some_and(|x| x.covers(id, version));
            let processor = a
                .parties
                .iter()
                .any(|p| p.partner.as_str() == id && p.role == crate::model::Role::Processor);
            if partner.signatory.is_none() && !accepted_elsewhere && !processor {
                report(sink, doc, i, partner);
            }
        }
    }
}

fn check_caldicott(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let health = a
            .data_items
            .iter()
            .any(|d| d.special_category == Some(SpecialCategory::Health) || d.confidential);
        let protocol = workspace.protocol_of(a);
        if a.protocol.is_some() && protocol.is_none() {
            continue;
        }
        if !health {
            continue;
        }
        for (i, party) in a.parties.iter().enumerate() {
            // The agreement's own partner entry comes first, as everywhere.
            let (protocol_doc, partners) =
                match a.partners.iter().position(|p| p.id == party.partner) {
                    Some(_) => (doc, a.partners.as_slice()),
                    None => match protocol {
                        Some((d, p)) => (d, p.partners.as_slice()),
                        None => continue,
                    },
                };
            let Some(p) = partners.iter().position(|p| p.id == party.partner) else {
                continue;
            };
            let partner = &partners[p];
            if expects_caldicott_guardian(partner) && partner.caldicott_guardian.is_none() {
                sink.report(
                    doc,
                    format!("/parties/{i}/partner"),
                    format!(
                        "{} shares health or care information but has no Caldicott Guardian named",
                        partner.name
                    ),
                )
                .hint("add `caldicott_guardian:` to the partner in the protocol")
                .related(protocol_doc, format!("/partners/{p}"), "the partner");
            }
        }
    }
}

fn check_necessity(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, item) in a.data_items.iter().enumerate() {
            if item.necessity.is_none() {
                sink.report(
                    doc,
                    format!("/data_items/{i}/id"),
                    format!("data item `{}` does not say why it is necessary", item.id),
                )
                .hint("add `necessity:`, or remove the item if it is not needed");
            }
        }
    }
}

fn check_termination(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let chain = Chain::new(workspace, a);
        if chain.protocol_unknown() {
            continue;
        }
        if chain.termination().is_none() {
            sink.report(doc, "/document", "the agreement has no termination clause")
                .hint("add `termination:` with the notice and what happens to data already shared");
        }
        if chain.sanctions().is_none() {
            sink.report(
                doc,
                "/document",
                "the agreement says nothing about sanctions for breaching it",
            )
            .hint("add `sanctions:`");
        }
    }
}

fn check_data_quality(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let chain = Chain::new(workspace, a);
        if chain.protocol_unknown() {
            continue;
        }
        if chain.data_quality().is_none() {
            sink.report(
                doc,
                "/document",
                "the agreement has no data quality arrangements",
            )
            .hint("add `data_quality:` saying how errors are corrected and notified");
        }
    }
}

fn check_marking(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let marking = document.definition.document().protective_marking;
        if let Some(replacement) = marking.replacement() {
            sink.report(
                doc,
                "/document/protective_marking",
                format!(
                    "{} is a legacy marking, replaced in April 2014",
                    marking.as_str()
                ),
            )
            .hint(format!("use {replacement}"));
        }
    }
}

fn check_complaints(workspace: &Workspace, sink: &mut Sink) {
    let in_force = crate::model::vocab::COMPLAINTS_DUTY.in_force_date();
    for (doc, a) in workspace.agreements() {
        // In force on or after the date, whenever it started (s.164A binds every controller).
        if a.document.status == crate::model::Status::Retired
            || a.document.expiry.is_some_and(|d| d < in_force)
        {
            continue;
        }
        let chain = Chain::new(workspace, a);
        if chain.protocol_unknown() {
            continue;
        }
        let here = a.rights.as_ref().is_some_and(|r| r.complaints.is_some());
        let protocol = chain.protocol.is_some_and(|(_, p)| {
            p.governance
                .rights
                .as_ref()
                .is_some_and(|r| r.complaints.is_some())
        });
        if !here && !protocol {
            let pointer = if a.rights.is_some() {
                "/rights"
            } else {
                "/document"
            };
            sink.report(doc, pointer, format!("the agreement is in force on or after {in_force}, when DPA 2018 s.164A requires every controller to facilitate complaints, but does not say where complaints go"))
                .hint("add `complaints:` to `rights`, saying where complaints go and that they are acknowledged within 30 days");
        }
    }
}

fn check_onward(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let chain = Chain::new(workspace, a);
        if chain.protocol_unknown() {
            continue;
        }
        if chain.onward_disclosure().is_none() {
            sink.report(
                doc,
                "/document",
                "the agreement does not say whether recipients may pass the data on",
            )
            .hint("add `onward_disclosure:` with the terms");
        }
    }
}

/// The placeholder words, whole and in capitals.
const PLACEHOLDERS: [&str; 5] = ["TODO", "TBC", "TBD", "XXX", "FIXME"];

/// Words that make bracketed text a template's blank to fill in (`[insert board]`,
/// `[Name of organisation]`, `<name>`, `[Relevant Date]`), matched whole and in any case.
const BLANK_WORDS: [&str; 16] = [
    "insert",
    "enter",
    "name",
    "names",
    "date",
    "organisation",
    "organization",
    "board",
    "title",
    "address",
    "details",
    "relevant",
    "specify",
    "signature",
    "partner",
    "party",
];

/// The first placeholder in `text`, as written: a placeholder word, a template's bracketed
/// blank, a date mask (`DD/MM/YYYY`, `XX/XX/XXXX`) or a run of `X`s.
fn placeholder_in(text: &str) -> Option<&str> {
    // Every placeholder has two capitals in a row, a bracket or a slash: pass text with none
    // of them (most of it) over before splitting it into words. One pass, without branches.
    let (mut capitals, mut marks, mut upper_before) = (false, false, false);
    for &b in text.as_bytes() {
        let upper = b.is_ascii_uppercase();
        capitals |= upper_before & upper;
        upper_before = upper;
        marks |= matches!(b, b'[' | b'<' | b'/');
    }
    if !capitals && !marks {
        return None;
    }
    // Each placeholder word holds one of these (a run of `X`s holds `XXX`): most text holds
    // none, and its words need not be looked at.
    let may_hold_word = ["TODO", "TB", "XXX", "FIXME"]
        .iter()
        .any(|part| text.contains(part));
    let mut found: Option<&str> = None;
    if may_hold_word {
        for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
            // Every placeholder word is three or more capitals.
            if word.len() < 3 || !word.as_bytes()[0].is_ascii_uppercase() {
                continue;
            }
            if PLACEHOLDERS.contains(&word) || (word.len() > 3 && word.bytes().all(|b| b == b'X')) {
                found = Some(word);
                break;
            }
        }
    }
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')) {
        if is_date_mask(token.trim_end_matches(['.', ':'])) {
            found = earliest(text, found, token.trim_end_matches(['.', ':']));
        }
    }
    for (open, close) in [('[', ']'), ('<', '>')] {
        let mut rest = text;
        while let Some(start) = rest.find(open) {
            let after = &rest[start + 1..];
            let Some(len) = after.find(close) else {
                break;
            };
            let inner = &after[..len];
            let whole = &rest[start..start + len + 2];
            // A Markdown link `[text](address)` is text, not a blank.
            let link = open == '[' && after[len + 1..].starts_with('(');
            if !link && is_blank(inner, open == '<') {
                found = earliest(text, found, whole);
                break;
            }
            rest = &after[len + 1..];
        }
    }
    found
}

/// Of two matches inside `text`, the one that starts first.
fn earliest<'a>(text: &'a str, a: Option<&'a str>, b: &'a str) -> Option<&'a str> {
    let at = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
    match a {
        Some(a) if at(a) <= at(b) => Some(a),
        _ => Some(b),
    }
}

/// Whether the text inside brackets is a blank to fill in: short, words only (no address,
/// no citation: `[2019] EWHC`, `Schedule [1]` and `<https://…>` are text), with a word from
/// [`BLANK_WORDS`].
fn is_blank(inner: &str, angle: bool) -> bool {
    let allowed = |c: char| {
        c.is_alphabetic() || c == ' ' || c == '-' || c == '\'' || c == '_' || (!angle && c == '/')
    };
    !inner.is_empty()
        && inner.len() <= 60
        && inner.chars().next().is_some_and(char::is_alphabetic)
        && inner.chars().all(allowed)
        && inner
            .split([' ', '-', '_', '/'])
            .any(|w| BLANK_WORDS.iter().any(|b| b.eq_ignore_ascii_case(w)))
}

/// Whether `token` is a date mask such as `DD/MM/YYYY`, `dd/mm/yy` or `XX/XX/XXXX`.
fn is_date_mask(token: &str) -> bool {
    // A mask is 6 to 10 characters (`d/m/yy` to `dd/mm/yyyy`) and starts with `d` or `x`:
    // most words are passed over here.
    if !(6..=10).contains(&token.len()) || !matches!(token.as_bytes()[0] | 0x20, b'd' | b'x') {
        return false;
    }
    let of = |part: &str, letter: u8, lengths: &[usize]| {
        lengths.contains(&part.len())
            && part
                .bytes()
                .all(|b| b.eq_ignore_ascii_case(&letter) || b.eq_ignore_ascii_case(&b'x'))
    };
    let mut parts = token.split(['/', '.', '-']);
    let (Some(day), Some(month), Some(year), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    of(day, b'd', &[1, 2]) && of(month, b'm', &[1, 2]) && of(year, b'y', &[2, 4])
}

/// One step of the way from a definition's root to a value: a mapping key or a list index.
#[derive(Clone, Copy)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The JSON Pointer of the value `steps` lead to. Built only for a text that has a finding:
/// G020 and G022 read every text of every definition, and almost none has one.
fn pointer_of(steps: &[Step]) -> String {
    let mut pointer = String::new();
    for step in steps {
        pointer.push('/');
        match step {
            Step::Key(key) if key.contains(['~', '/']) => {
                pointer.push_str(&crate::load::yaml::escape_pointer_segment(key));
            }
            Step::Key(key) => pointer.push_str(key),
            Step::Index(i) => write!(pointer, "{i}").expect("writing to a String cannot fail"),
        }
    }
    pointer
}

/// Calls `visit(steps, is_key, text)` for every text of `value`, depth first: each string
/// value (`is_key` false) and each mapping key (`is_key` true, with the steps to the value
/// under it). G020 and G022 both read every text of a definition this way; [`pointer_of`]
/// makes the steps a pointer.
fn walk_texts<'a>(
    value: &'a serde_json::Value,
    steps: &mut Vec<Step<'a>>,
    visit: &mut dyn FnMut(&[Step<'a>], bool, &'a str),
) {
    match value {
        serde_json::Value::String(text) => visit(steps, false, text),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                steps.push(Step::Index(i));
                walk_texts(item, steps, visit);
                steps.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                steps.push(Step::Key(key));
                visit(steps, true, key);
                walk_texts(item, steps, visit);
                steps.pop();
            }
        }
        _ => {}
    }
}

fn check_placeholders(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let mut found = Vec::new();
        walk_texts(
            &document.file.value,
            &mut Vec::new(),
            &mut |steps, is_key, text| {
                if !is_key && let Some(word) = placeholder_in(text) {
                    found.push((pointer_of(steps), word.chars().take(80).collect::<String>()));
                }
            },
        );
        for (pointer, word) in found {
            sink.report(
                doc,
                pointer,
                format!("placeholder text `{word}` is still here"),
            )
            .hint("replace it with the real text before the document is signed");
        }
    }
}

fn check_hidden_characters(workspace: &Workspace, sink: &mut Sink) {
    use crate::diagnostic::Severity;
    use crate::escape::{Hidden, hidden_character_in};
    for (doc, document) in workspace.focused() {
        let mut found = Vec::new();
        walk_texts(
            &document.file.value,
            &mut Vec::new(),
            &mut |steps, is_key, text| {
                if text.is_ascii() {
                    return;
                }
                let hidden = hidden_character_in(text);
                if !hidden.is_empty() {
                    found.push((pointer_of(steps), is_key, text, hidden));
                }
            },
        );
        for (pointer, is_key, text, hidden) in found {
            let Some((first, ..)) = hidden.first() else {
                continue;
            };
            let position = text.chars().position(|c| c == *first).unwrap_or(0) + 1;
            let bidi = hidden
                .iter()
                .any(|(_, kind, _)| *kind == Hidden::BidiControl);
            let names: Vec<String> = hidden
                .iter()
                .map(|(c, _, name)| format!("U+{:04X} {name}", *c as u32))
                .collect();
            let what = if is_key { "key" } else { "text" };
            let effect = if bidi && hidden.len() == 1 {
                "which makes it display in a different order from the characters it holds"
            } else if bidi {
                "which make it display in a different order from the characters it holds"
            } else if hidden.len() == 1 {
                "which displays as nothing"
            } else {
                "which display as nothing"
            };
            let finding = sink.report(
                doc,
                pointer,
                format!(
                    "the {what} holds {}, {effect} (first at character {position})",
                    names.join(", ")
                ),
            );
            if is_key {
                finding.on_key();
            }
            if bidi {
                finding.hint(
                    "delete the direction control: a name or term must display as it reads; right-to-left text needs no controls",
                );
            } else {
                finding.severity(Severity::Warning).hint(
                    "delete the invisible character (often pasted from a word processor); `isagen diff` shows it as ⟨U+....⟩",
                );
            }
        }
    }
}

fn check_variant_record(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        if a.variant == Variant::Disclosure && a.disclosure.is_none() {
            sink.report(
                doc,
                "/variant",
                "a disclosure agreement records no request or decision",
            )
            .hint(
                "add `disclosure:` with the requester, dates, decision, reason and decision maker",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{PLACEHOLDERS, placeholder_in};

    #[test]
    fn template_blanks_are_placeholders() {
        for (text, found) in [
            ("Approved by [insert board] on 1 May", "[insert board]"),
            ("Effective from [Relevant Date].", "[Relevant Date]"),
            ("Signed for <name>", "<name>"),
            ("Date: XX/XX/XXXX", "XX/XX/XXXX"),
            ("[Name of organisation]", "[Name of organisation]"),
            ("Signed on DD/MM/YYYY by", "DD/MM/YYYY"),
            ("review by dd/mm/yy", "dd/mm/yy"),
            ("review by DD.MM.YYYY", "DD.MM.YYYY"),
            ("ICO number ZXXXXXXX or XXXXXXX", "XXXXXXX"),
            ("TODO: write this", "TODO"),
            (
                "Held by <Partner Name> and [insert board]",
                "<Partner Name>",
            ),
        ] {
            assert_eq!(placeholder_in(text), Some(found), "{text}");
        }
    }

    #[test]
    fn real_text_is_not_a_placeholder() {
        for text in [
            "R (Bridges) v Chief Constable [2020] EWCA Civ 1058",
            "See Schedule [1] and Part [2].",
            "Published at <https://northshire.example/privacy>",
            "Write to <dpo@northshire.example>",
            "He said it [sic] twice.",
            "The council [the Authority] shares with the trust.",
            "Read our [privacy notice](https://example.org/name) first.",
            "Reviewed on 01/04/2026 and 2026-04-01.",
            "Article 9(2)(h); Schedule 1 Part 1 para 2",
            "Children aged < 18 > none",
            "Mixed case Todo and tbc are words",
            "NHS number, DPIA, UK GDPR, OFFICIAL-SENSITIVE",
        ] {
            assert_eq!(placeholder_in(text), None, "{text}");
        }
    }

    #[test]
    fn placeholders_are_words_in_capitals_as_the_quick_check_assumes() {
        for word in PLACEHOLDERS {
            assert!(
                word.len() >= 2 && word.bytes().all(|b| b.is_ascii_uppercase()),
                "{word}"
            );
        }
    }
}
