//! The legal family (`L`): lawful bases, special category and criminal offence conditions,
//! the common law duty of confidentiality, controller roles, law enforcement processing and
//! international transfers, each checked against the law in force on the agreement's dates.

use super::helpers::{
    bases_for_flow, flows_for_basis, is_health_or_social_work_body, is_public_authority, items_of,
    partner, partner_name, relying_parties,
};
use super::{Rule, Sink, declare_rule};
use crate::check::Workspace;
use crate::model::vocab::{Article6, Article9Condition, CommonLawBasis, Schedule1Part};
use crate::model::{Agreement, Article10Authority, DataCategory, Role};

mod confidentiality_review;
mod consent_conditions;
mod gateways;
mod policy_documents;
mod public_task;
mod recognised_interests;
mod transfer_toolkit;

/// The rules over the corrected legal vocabulary (issue 12), each in its topic's file.
pub static VOCABULARY_RULES: &[&Rule] = &[
    &policy_documents::PART_3_WITHOUT_POLICY_DOCUMENT,
    &gateways::POWER_AS_LEGAL_OBLIGATION,
    &transfer_toolkit::TRANSFER_NOT_APPROVED,
    &confidentiality_review::PUBLIC_INTEREST_FOR_ROUTINE_SHARING,
    &consent_conditions::CONSENT_WITH_NO_CONSENT_CONDITION,
    &public_task::PUBLIC_TASK_OF_ANOTHER,
    &recognised_interests::PUBLIC_TASK_DISCLOSURE_NOT_ON_REQUEST,
    &confidentiality_review::NATIONAL_DATA_OPT_OUT_NOT_RECORDED,
];

/// Every rule of the family.
pub static RULES: &[&Rule] = &[
    &SPECIAL_CATEGORY_WITHOUT_CONDITION,
    &SPECIAL_CATEGORY_TYPE_MISMATCH,
    &MISSING_SCHEDULE_1_CONDITION,
    &CRIMINAL_OFFENCE_WITHOUT_AUTHORITY,
    &PUBLIC_AUTHORITY_LEGITIMATE_INTERESTS,
    &MISSING_LEGAL_BASIS_LAW,
    &MISSING_APPROPRIATE_POLICY_DOCUMENT,
    &CONSENT_BY_PUBLIC_AUTHORITY,
    &CONSENT_WITHOUT_WITHDRAWAL,
    &VITAL_INTERESTS_FOR_ROUTINE_SHARING,
    &HEALTH_CONDITION_RECIPIENT,
    &CONFIDENTIAL_WITHOUT_COMMON_LAW_BASIS,
    &PROCESSOR_ON_OWN_ACCOUNT,
    &JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT,
    &LAW_ENFORCEMENT_UNDER_UK_GDPR,
    &SENSITIVE_PROCESSING_WITHOUT_SCHEDULE_8,
    &IMPLIED_CONSENT_BEYOND_CARE,
    &TRANSFER_WITHOUT_MECHANISM,
    &DEROGATION_FOR_REGULAR_TRANSFERS,
    &TRANSFER_WITHOUT_RISK_ASSESSMENT,
    &RECOGNISED_LEGITIMATE_INTEREST_WITHOUT_CONDITION,
    &PROVISION_NOT_IN_FORCE,
    &CHILDREN_WITHOUT_BEST_INTERESTS,
    &DEA_WITHOUT_REGISTER_ENTRY,
    &FLOW_WITHOUT_LEGAL_BASIS,
    &BASIS_WITHOUT_ARTICLE_6,
];

declare_rule! {
    /// Special category data shared with no Article 9 condition.
    ///
    /// ## What it checks
    /// For each flow that shares a special category data item, that at least one legal basis
    /// covering the flow (by flow id, by purpose, or for the whole agreement) names an
    /// `article_9` condition, or is a DPA 2018 Part 3 `law_enforcement` basis. An item whose
    /// `category` is `not-stated` but which names its `special_category` type is treated as
    /// special category data; one that names neither cannot be checked here, and G024 asks
    /// for its category instead (a warning, never silence).
    ///
    /// ## Why it matters
    /// UK GDPR Article 9(1) prohibits processing special category data (health, ethnicity,
    /// religion, sexual orientation and the rest) unless a condition in Article 9(2) applies.
    /// An Article 6 basis alone is not enough.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - id: care
    ///     article_6: public-task      # no article_9 for the health data the flow shares
    /// ```
    ///
    /// ## Fix
    /// Add the Article 9(2) condition that applies (`article_9: health-or-social-care`, say)
    /// to the basis covering the flow, with the Schedule 1 condition it needs.
    pub static SPECIAL_CATEGORY_WITHOUT_CONDITION = {
        code: "L001",
        name: "special-category-without-condition",
        family: Legal,
        severity: Error,
        check: Some(check_special_category_condition),
    };
}

declare_rule! {
    /// A data item's category and its special category type disagree.
    ///
    /// ## What it checks
    /// That an item with `category: special-category` names which type in
    /// `special_category`, and that only such items name a type.
    ///
    /// ## Why it matters
    /// The type decides which conditions fit (Article 9(2)(h) suits health data, not trade
    /// union membership) and is what a reader of the agreement needs to see. An item with a
    /// type but another category would escape the Article 9 checks.
    ///
    /// ## Example
    /// ```yaml
    /// - id: diagnosis
    ///   category: special-category   # which of the nine types?
    /// ```
    ///
    /// ## Fix
    /// Set `special_category` (for example `health`) or correct `category`.
    pub static SPECIAL_CATEGORY_TYPE_MISMATCH = {
        code: "L002",
        name: "special-category-type-mismatch",
        family: Legal,
        severity: Error,
        check: Some(check_special_category_type),
    };
}

declare_rule! {
    /// An Article 9 condition without the DPA 2018 Schedule 1 condition it requires.
    ///
    /// ## What it checks
    /// Article 9(2)(b), (h), (i) and (j) need the matching Schedule 1 Part 1 condition
    /// (paras 1, 2, 3 and 4); Article 9(2)(g) needs at least one Schedule 1 Part 2 condition
    /// (paras 6 to 28).
    ///
    /// ## Why it matters
    /// DPA 2018 s.10(2) and (3): these Article 9 conditions are met only if the processing
    /// also meets a condition in Schedule 1. Without it, the processing is unlawful.
    ///
    /// ## Example
    /// ```yaml
    /// article_9: substantial-public-interest
    /// schedule_1: []     # which Part 2 condition?
    /// ```
    ///
    /// ## Fix
    /// Add the Schedule 1 condition, for example
    /// `schedule_1: [safeguarding-children-and-individuals-at-risk]` for 9(2)(g), or
    /// `schedule_1: [health-or-social-care]` for 9(2)(h).
    pub static MISSING_SCHEDULE_1_CONDITION = {
        code: "L003",
        name: "missing-schedule-1-condition",
        family: Legal,
        severity: Error,
        check: Some(check_schedule_1),
    };
}

declare_rule! {
    /// Criminal offence data shared with no Article 10 authority.
    ///
    /// ## What it checks
    /// For each flow that shares a criminal offence data item, that a legal basis covering it
    /// records `article_10` (official authority, or authorised by law), or is a DPA 2018 Part 3
    /// `law_enforcement` basis; and that "authorised by law" comes with a Schedule 1
    /// condition. An item whose `category` is `not-stated` cannot be checked here; G024 asks
    /// for its category.
    ///
    /// ## Why it matters
    /// UK GDPR Article 10 allows processing of personal data relating to criminal convictions
    /// and offences only under the control of official authority or when authorised by law;
    /// DPA 2018 s.10(5) says it is authorised by law only if it meets a Schedule 1 condition
    /// (Parts 1, 2 or 3).
    ///
    /// ## Example
    /// ```yaml
    /// - id: police-share
    ///   article_6: public-task
    ///   # the flow shares previous convictions, but no article_10
    /// ```
    ///
    /// ## Fix
    /// Add `article_10: authorised-by-law` with the Schedule 1 condition relied on (for example
    /// `safeguarding-children-and-individuals-at-risk`), or `article_10: official-authority`.
    pub static CRIMINAL_OFFENCE_WITHOUT_AUTHORITY = {
        code: "L004",
        name: "criminal-offence-without-authority",
        family: Legal,
        severity: Error,
        check: Some(check_criminal_offence),
    };
}

declare_rule! {
    /// A public authority relying on legitimate interests, or recognised legitimate interests,
    /// for its tasks.
    ///
    /// ## What it checks
    /// That no legal basis with `article_6: legitimate-interests` or
    /// `recognised-legitimate-interest` is relied on by a partner marked
    /// `public_authority: true` (the parties in `relied_on_by`, else both ends of the flows
    /// the basis covers).
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1), final subparagraph (as amended by the Data (Use and Access) Act
    /// 2025): points (ea) and (f) do not apply to processing carried out by public authorities
    /// in the performance of their tasks. A council sharing for its functions relies on public
    /// task (e) or legal obligation (c).
    ///
    /// ## Example
    /// ```yaml
    /// - id: council-disclosure
    ///   article_6: legitimate-interests
    ///   relied_on_by: [council]        # a public authority
    /// ```
    ///
    /// ## Fix
    /// Use `public-task` (with the law that gives the task) for the public authority, and keep
    /// legitimate interests only for parties that are not public authorities (name them in
    /// `relied_on_by`).
    pub static PUBLIC_AUTHORITY_LEGITIMATE_INTERESTS = {
        code: "L005",
        name: "public-authority-legitimate-interests",
        family: Legal,
        severity: Error,
        check: Some(check_public_authority_interests),
    };
}

declare_rule! {
    /// Legal obligation or public task relied on without naming the law that lays it down.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: legal-obligation` or `public-task` lists at least
    /// one entry in `law`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(3) and DPA 2018 s.8: the basis for (c) and (e) must be laid down by
    /// law. An agreement that cannot say which law gives the task or obligation cannot show
    /// that the sharing is lawful.
    ///
    /// ## Example
    /// ```yaml
    /// - id: safeguarding
    ///   article_6: public-task
    ///   law: []
    /// ```
    ///
    /// ## Fix
    /// Name the statute and provision, for example
    /// `law: [{legislation: Children Act 2004, provision: s.11}]`.
    pub static MISSING_LEGAL_BASIS_LAW = {
        code: "L006",
        name: "missing-legal-basis-law",
        family: Legal,
        severity: Error,
        check: Some(check_basis_law),
    };
}

declare_rule! {
    /// A Schedule 1 condition that needs an appropriate policy document, with none referenced.
    ///
    /// ## What it checks
    /// For each controller that relies on a legal basis (its `relied_on_by`, else both ends of
    /// the flows it covers; processors need none of their own), that a Schedule 1 condition
    /// needing an appropriate policy document comes with one: the basis's
    /// `appropriate_policy_document`, or the controller's entry in `policy_documents`. The
    /// conditions that need one: para 1 (employment), every Part 2 condition (paras 6 to 28,
    /// including the elected representatives conditions, paras 23 to 25) except para 13, and
    /// paras 36 and 37, which carry a Part 2 condition over to criminal offence data. Para 10
    /// needs none for a controller whose processing under the basis is only disclosure to
    /// competent authorities (partners marked `competent_authority`), such as a council's
    /// disclosure to the police.
    ///
    /// ## Why it matters
    /// DPA 2018 Schedule 1 para 1(1)(b) and para 5(1): "Except as otherwise provided, a
    /// condition in this Part of this Schedule is met only if, when the processing is carried
    /// out, the controller has an appropriate policy document in place"; Part 4, paras 38 to
    /// 41, says what it explains (procedures for the Article 5 principles, retention and
    /// erasure). Para 39 makes it the controller's own document, so each controller needs one.
    /// The carve-outs, from the paragraphs' text: para 10(2), a disclosure to a competent
    /// authority "or … in preparation for such disclosure" "is met even if … the controller
    /// does not have an appropriate policy document in place"; para 13(3), likewise for
    /// journalism in connection with unlawful acts; para 27(3), a disclosure to an anti-doping
    /// body (isagen cannot tell such a body, so the finding's hint says so).
    ///
    /// ## Example
    /// ```yaml
    /// schedule_1: [safeguarding-children-and-individuals-at-risk]
    /// # no appropriate_policy_document
    /// ```
    ///
    /// ## Fix
    /// Reference the policy: `appropriate_policy_document: https://example.gov.uk/apd`, or
    /// each controller's own: `policy_documents: [{party: council, reference: ...}]`.
    pub static MISSING_APPROPRIATE_POLICY_DOCUMENT = {
        code: "L007",
        name: "missing-appropriate-policy-document",
        family: Legal,
        severity: Warning,
        check: Some(check_policy_document),
    };
}

declare_rule! {
    /// A public authority relying on consent.
    ///
    /// ## What it checks
    /// That no legal basis with `article_6: consent` is relied on by a public authority.
    ///
    /// ## Why it matters
    /// UK GDPR Recital 43: consent is unlikely to be freely given where there is a clear
    /// imbalance between the individual and a public authority. The ICO advises public
    /// authorities to rely on another basis, such as public task.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: consent
    ///   relied_on_by: [council]
    /// ```
    ///
    /// ## Fix
    /// Use `public-task` with the law that gives the task. Consent may still be the basis under
    /// the common law duty of confidentiality (`common_law: explicit-consent`).
    pub static CONSENT_BY_PUBLIC_AUTHORITY = {
        code: "L008",
        name: "consent-by-public-authority",
        family: Legal,
        severity: Warning,
        check: Some(check_consent_public_authority),
    };
}

declare_rule! {
    /// Consent relied on with no way to withdraw it.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: consent` or `article_9: explicit-consent` says how
    /// consent is withdrawn (`consent_withdrawal`).
    ///
    /// ## Why it matters
    /// UK GDPR Article 7(3): the data subject may withdraw consent at any time, it must be as
    /// easy to withdraw as to give, and they must be told so before giving it.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: consent
    /// ```
    ///
    /// ## Fix
    /// Add `consent_withdrawal: "By telling the charity's advice team, in person, by phone or by email."`
    pub static CONSENT_WITHOUT_WITHDRAWAL = {
        code: "L009",
        name: "consent-without-withdrawal",
        family: Legal,
        severity: Warning,
        check: Some(check_consent_withdrawal),
    };
}

declare_rule! {
    /// Vital interests relied on for routine, scheduled sharing.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: vital-interests` does not cover a flow whose
    /// frequency is routine (real time, daily, weekly, monthly, quarterly or annually).
    ///
    /// ## Why it matters
    /// UK GDPR Recital 46: vital interests is for life-or-death situations where no other
    /// basis is available, case by case. Scheduled sharing needs another basis.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: vital-interests
    /// flows:
    ///   - frequency: weekly
    /// ```
    ///
    /// ## Fix
    /// Use public task or legal obligation for routine sharing; keep vital interests for
    /// emergencies (`frequency: on-request`).
    pub static VITAL_INTERESTS_FOR_ROUTINE_SHARING = {
        code: "L010",
        name: "vital-interests-for-routine-sharing",
        family: Legal,
        severity: Warning,
        check: Some(check_vital_interests),
    };
}

declare_rule! {
    /// Article 9(2)(h) relied on for a recipient that is not a health or social care body.
    ///
    /// ## What it checks
    /// That a legal basis with `article_9: health-or-social-care` covers only flows whose
    /// recipient is a health or social care body or a local authority (social work). A
    /// recipient that is a processor (`role: processor`) acting for such a body is not
    /// reported: it processes under that body's responsibility (s.11(1)(a)) and only on its
    /// instructions (UK GDPR Article 28).
    ///
    /// ## Why it matters
    /// DPA 2018 s.11(1): the condition in Article 9(2)(h) is met only when the processing is
    /// by or under the responsibility of a health professional, a social work professional or
    /// another person who owes a duty of confidentiality. A school or a charity is not, by
    /// default.
    ///
    /// In Northern Ireland social care is provided by the Health and Social Care trusts, not
    /// by councils (Northern Health and Social Care Trust, "Understanding the health
    /// service", northerntrust.hscni.net), so a local authority whose `jurisdiction` is
    /// `northern-ireland` does not count as a social work body here.
    ///
    /// ## Example
    /// ```yaml
    /// - article_9: health-or-social-care
    /// flows:
    ///   - to: academy-trust
    /// ```
    ///
    /// ## Fix
    /// Rely on a condition that fits the recipient (often 9(2)(g) with a Schedule 1 Part 2
    /// condition), or record why the recipient owes a duty of confidentiality.
    pub static HEALTH_CONDITION_RECIPIENT = {
        code: "L011",
        name: "health-condition-recipient",
        family: Legal,
        severity: Warning,
        check: Some(check_health_recipient),
    };
}

declare_rule! {
    /// Confidential information shared beyond direct care with no basis under the common law
    /// duty of confidentiality.
    ///
    /// ## What it checks
    /// For each flow that shares an item marked `confidential: true` for a purpose that is not
    /// direct care, that a legal basis covering it records a `common_law` basis of explicit
    /// consent, legal requirement, s.251 support, overriding public interest or "not
    /// confidential".
    ///
    /// ## Why it matters
    /// The common law duty of confidentiality applies alongside UK GDPR: information given in
    /// confidence (health and care records above all) may be disclosed only with consent,
    /// where the law requires it, with support under s.251 NHS Act 2006, or where the public
    /// interest overrides the duty. Implied consent covers only individual care.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - id: planning
    ///     direct_care: false
    /// legal_bases:
    ///   - purposes: [planning]
    ///     article_6: public-task      # no common_law basis
    /// ```
    ///
    /// ## Fix
    /// Record the common law basis (`common_law: section-251-support`, say), or share
    /// anonymised data instead.
    pub static CONFIDENTIAL_WITHOUT_COMMON_LAW_BASIS = {
        code: "L012",
        name: "confidential-without-common-law-basis",
        family: Legal,
        severity: Error,
        check: Some(check_confidential),
    };
}

declare_rule! {
    /// A processor shown disclosing or receiving on its own account.
    ///
    /// ## What it checks
    /// That a party with `role: processor` names the controller it `acts_for`, and appears in
    /// flows only with that controller at the other end.
    ///
    /// ## Why it matters
    /// UK GDPR Articles 28 and 29: a processor acts only on a controller's documented
    /// instructions. A processor that shares with a third body on its own account is acting as
    /// a controller and breaches its contract.
    ///
    /// ## Example
    /// ```yaml
    /// parties:
    ///   - partner: it-supplier
    ///     role: processor
    ///     acts_for: council
    /// flows:
    ///   - from: it-supplier
    ///     to: police
    /// ```
    ///
    /// ## Fix
    /// Show the flow from the controller, or record the body as a controller with its own
    /// lawful basis.
    pub static PROCESSOR_ON_OWN_ACCOUNT = {
        code: "L013",
        name: "processor-on-own-account",
        family: Legal,
        severity: Error,
        check: Some(check_processors),
    };
}

declare_rule! {
    /// Joint controllers with no Article 26 arrangement recorded.
    ///
    /// ## What it checks
    /// That an agreement with a `joint-controller` party, or of variant `joint-controller`,
    /// records the `joint_controller` arrangement.
    ///
    /// ## Why it matters
    /// UK GDPR Article 26(1): joint controllers must determine, in an arrangement between
    /// them, their respective responsibilities (transparency, rights requests, contact point),
    /// and Article 26(2) requires the essence of it to be made available to individuals.
    ///
    /// ## Example
    /// ```yaml
    /// variant: joint-controller
    /// # no joint_controller section
    /// ```
    ///
    /// ## Fix
    /// Add `joint_controller: {responsibilities: [...], essence_published: ...}`.
    pub static JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT = {
        code: "L014",
        name: "joint-controllers-without-arrangement",
        family: Legal,
        severity: Warning,
        check: Some(check_joint_controllers),
    };
}

declare_rule! {
    /// A competent authority sharing for law enforcement purposes under the UK GDPR instead of
    /// DPA 2018 Part 3.
    ///
    /// ## What it checks
    /// For each flow that serves a `law_enforcement` purpose and has a competent authority at
    /// either end, that a legal basis covering it records a `law_enforcement` (Part 3) basis.
    ///
    /// ## Why it matters
    /// DPA 2018 s.29 and s.31: processing by a competent authority (a police force, say) for
    /// the law enforcement purposes falls under Part 3, not the UK GDPR. Its conditions,
    /// rights and logging duties differ.
    ///
    /// ## Example
    /// ```yaml
    /// purposes:
    ///   - id: investigate
    ///     law_enforcement: true
    /// legal_bases:
    ///   - purposes: [investigate]
    ///     article_6: public-task       # UK GDPR only
    /// ```
    ///
    /// ## Fix
    /// Add `law_enforcement: {}` (with `schedule_8` conditions for sensitive processing) to
    /// the basis covering the competent authority's processing.
    pub static LAW_ENFORCEMENT_UNDER_UK_GDPR = {
        code: "L015",
        name: "law-enforcement-under-uk-gdpr",
        family: Legal,
        severity: Warning,
        check: Some(check_law_enforcement_regime),
    };
}

declare_rule! {
    /// Sensitive processing under DPA 2018 Part 3 with no Schedule 8 condition.
    ///
    /// ## What it checks
    /// That a `law_enforcement` basis covering a flow that shares special category data either
    /// rests on consent or names at least one `schedule_8` condition.
    ///
    /// ## Why it matters
    /// DPA 2018 s.35(3) to (5): sensitive processing for law enforcement purposes is allowed
    /// only with consent, or where strictly necessary and a Schedule 8 condition is met, with
    /// an appropriate policy document in place.
    ///
    /// ## Example
    /// ```yaml
    /// law_enforcement:
    ///   schedule_8: []
    /// ```
    ///
    /// ## Fix
    /// Name the Schedule 8 condition, for example `schedule_8: [safeguarding]`.
    pub static SENSITIVE_PROCESSING_WITHOUT_SCHEDULE_8 = {
        code: "L016",
        name: "sensitive-processing-without-schedule-8",
        family: Legal,
        severity: Error,
        check: Some(check_schedule_8),
    };
}

declare_rule! {
    /// Implied consent relied on for a purpose beyond individual care.
    ///
    /// ## What it checks
    /// That a legal basis with `common_law: implied-consent` covers only purposes marked
    /// `direct_care: true`.
    ///
    /// ## Why it matters
    /// The common law duty of confidentiality, as the National Data Guardian's guidance sets
    /// out: implied consent is reasonable only for an individual's own care, where they would
    /// expect the sharing. Planning, research or enforcement need another basis.
    ///
    /// ## Example
    /// ```yaml
    /// - purposes: [service-planning]
    ///   common_law: implied-consent
    /// ```
    ///
    /// ## Fix
    /// Use explicit consent, s.251 support, a legal requirement or the public interest, or
    /// share anonymised data.
    pub static IMPLIED_CONSENT_BEYOND_CARE = {
        code: "L017",
        name: "implied-consent-beyond-care",
        family: Legal,
        severity: Warning,
        check: Some(check_implied_consent),
    };
}

declare_rule! {
    /// A transfer outside the UK with no transfer mechanism.
    ///
    /// ## What it checks
    /// That every `international_transfers` entry names its `mechanism`.
    ///
    /// ## Why it matters
    /// UK GDPR Chapter V (Articles 44 to 49, as rewritten by the Data (Use and Access) Act
    /// 2025 from 5 February 2026): personal data may leave the UK only under approved
    /// regulations, with appropriate safeguards, or under a derogation.
    ///
    /// ## Example
    /// ```yaml
    /// international_transfers:
    ///   - destination: United States
    ///     recipient: Cloud provider
    /// ```
    ///
    /// ## Fix
    /// Name the mechanism, for example
    /// `mechanism: international-data-transfer-agreement`.
    pub static TRANSFER_WITHOUT_MECHANISM = {
        code: "L018",
        name: "transfer-without-mechanism",
        family: Legal,
        severity: Error,
        check: Some(check_transfer_mechanism),
    };
}

declare_rule! {
    /// An Article 49 derogation used for regular, repeated transfers.
    ///
    /// ## What it checks
    /// That no transfer marked `regular: true` relies on an Article 49 derogation: the generic
    /// `article-49-derogation`, any of 49(1)(a) to (g) (`derogation-explicit-consent` …
    /// `derogation-public-register`) or compelling legitimate interests.
    ///
    /// ## Why it matters
    /// UK GDPR Article 44A (as inserted by the Data (Use and Access) Act 2025 Schedule 7, from
    /// 5 February 2026) allows a transfer only if approved by regulations, made subject to
    /// appropriate safeguards, or made under Article 49, whose heading is "Derogations for
    /// specific situations"; the compelling legitimate interests ground (Article 49(1),
    /// second subparagraph) is for a transfer that "is not repetitive". The ICO's guidance on
    /// international transfers treats the derogations as for occasional, specific transfers.
    /// A regular transfer resting on one has no Chapter V ground at all, so this is an error.
    ///
    /// ## Example
    /// ```yaml
    /// - mechanism: derogation-public-interest
    ///   regular: true
    /// ```
    ///
    /// ## Fix
    /// Put an Article 46 safeguard in place (the IDTA, the UK Addendum, a legally binding and
    /// enforceable instrument with a public body, 46(2)(a), or administrative arrangements
    /// between public bodies, 46(3)(b)), or rely on approved regulations.
    pub static DEROGATION_FOR_REGULAR_TRANSFERS = {
        code: "L019",
        name: "derogation-for-regular-transfers",
        family: Legal,
        severity: Error,
        check: Some(check_regular_derogation),
    };
}

declare_rule! {
    /// A transfer under an Article 46 safeguard with no transfer risk assessment.
    ///
    /// ## What it checks
    /// That a transfer relying on an Article 46 safeguard (the IDTA, the UK Addendum, binding
    /// corporate rules, a legally binding instrument with a public body, administrative
    /// arrangements between public bodies, standard clauses in regulations, an approved code or certification, or authorised contractual clauses)
    /// references its `risk_assessment`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 46(1A) (inserted by the Data (Use and Access) Act 2025): a safeguard
    /// counts only if the controller reasonably concludes the data protection test is met,
    /// that the standard of protection abroad is not materially lower. A transfer risk
    /// assessment records that conclusion.
    ///
    /// ## Example
    /// ```yaml
    /// - mechanism: international-data-transfer-agreement
    /// ```
    ///
    /// ## Fix
    /// Add `risk_assessment: TRA-2026-04`.
    pub static TRANSFER_WITHOUT_RISK_ASSESSMENT = {
        code: "L020",
        name: "transfer-without-risk-assessment",
        family: Legal,
        severity: Warning,
        check: Some(check_transfer_risk_assessment),
    };
}

declare_rule! {
    /// Recognised legitimate interest relied on with no Annex 1 condition.
    ///
    /// ## What it checks
    /// That a legal basis with `article_6: recognised-legitimate-interest` names its
    /// `annex_1` condition, and that only such a basis names one.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1)(ea) (inserted by the Data (Use and Access) Act 2025 s.70): the
    /// basis applies only where the processing is necessary for a condition listed in Annex 1:
    /// para 1 (disclosure for a public task), para 2 (national security, public security and
    /// defence), para 3 (emergencies), para 5 (crime) and para 6 (safeguarding vulnerable
    /// individuals); paras 4 and 7 define terms. The numbering is the Annex's own, as the
    /// ICO's recognised legitimate interest guidance quotes it.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: recognised-legitimate-interest
    /// ```
    ///
    /// ## Fix
    /// Add the condition, for example `annex_1: safeguarding-vulnerable-individuals`.
    pub static RECOGNISED_LEGITIMATE_INTEREST_WITHOUT_CONDITION = {
        code: "L021",
        name: "recognised-legitimate-interest-without-condition",
        family: Legal,
        severity: Error,
        check: Some(check_annex_1),
    };
}

declare_rule! {
    /// A provision relied on before it came into force.
    ///
    /// ## What it checks
    /// That a legal basis relies on Article 6(1)(ea) only when the agreement's effective date
    /// (else its approval date) is on or after 5 February 2026, the day the Data (Use and
    /// Access) Act 2025 s.70 came into force (SI 2026/82).
    ///
    /// ## Why it matters
    /// An agreement is judged against the law in force on its own dates. Sharing that began
    /// before the provision existed cannot have relied on it.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   effective: 2025-09-01
    /// legal_bases:
    ///   - article_6: recognised-legitimate-interest
    /// ```
    ///
    /// ## Fix
    /// Record the basis relied on at the time, or issue a new version effective from a date
    /// when the provision is in force.
    pub static PROVISION_NOT_IN_FORCE = {
        code: "L022",
        name: "provision-not-in-force",
        family: Legal,
        severity: Error,
        check: Some(check_in_force),
    };
}

declare_rule! {
    /// Children's data with no recorded reason why sharing is in their best interests.
    ///
    /// ## What it checks
    /// That every data subject category with `children: true` records `best_interests`.
    ///
    /// ## Why it matters
    /// The ICO's Data Sharing Code of Practice (section on children) and the Age Appropriate
    /// Design Code: sharing children's data needs a compelling reason, taking account of their
    /// best interests, and the agreement should show that it was considered.
    ///
    /// ## Example
    /// ```yaml
    /// - id: pupils
    ///   children: true
    /// ```
    ///
    /// ## Fix
    /// Add `best_interests:` saying why the sharing serves the children.
    pub static CHILDREN_WITHOUT_BEST_INTERESTS = {
        code: "L023",
        name: "children-without-best-interests",
        family: Legal,
        severity: Warning,
        check: Some(check_children),
    };
}

declare_rule! {
    /// A Digital Economy Act 2017 Part 5 power relied on with no public register entry.
    ///
    /// ## What it checks
    /// That a `law` entry citing the Digital Economy Act 2017 has a `register_entry`.
    ///
    /// ## Why it matters
    /// The Digital Economy Act 2017 Part 5 codes of practice require sharing under the public
    /// service delivery, debt and fraud powers to be recorded on the government's public
    /// register of data sharing, for transparency.
    ///
    /// ## Example
    /// ```yaml
    /// law:
    ///   - legislation: Digital Economy Act 2017
    ///     provision: s.35
    /// ```
    ///
    /// ## Fix
    /// Add `register_entry:` with the register's reference or address.
    pub static DEA_WITHOUT_REGISTER_ENTRY = {
        code: "L024",
        name: "dea-without-register-entry",
        family: Legal,
        severity: Warning,
        check: Some(check_dea_register),
    };
}

declare_rule! {
    /// A flow that no legal basis covers.
    ///
    /// ## What it checks
    /// That every flow is covered by at least one legal basis (naming the flow or one of its
    /// purposes, or covering the whole agreement).
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1): processing is lawful only if at least one basis applies. A flow
    /// without one is unlawful sharing, whatever else the agreement says.
    ///
    /// ## Example
    /// ```yaml
    /// legal_bases:
    ///   - purposes: [referral]
    /// flows:
    ///   - purposes: [evaluation]     # no basis covers this
    /// ```
    ///
    /// ## Fix
    /// Add the flow's purpose (or the flow) to a legal basis, or add a basis for it.
    pub static FLOW_WITHOUT_LEGAL_BASIS = {
        code: "L025",
        name: "flow-without-legal-basis",
        family: Legal,
        severity: Error,
        check: Some(check_flow_basis),
    };
}

declare_rule! {
    /// A legal basis with neither a UK GDPR Article 6 basis nor a DPA 2018 Part 3 basis.
    ///
    /// ## What it checks
    /// That every legal basis names `article_6`, unless it is a `law_enforcement` basis for a
    /// competent authority's processing under DPA 2018 Part 3.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1): processing is lawful only if one of its bases applies. Only
    /// processing by a competent authority for the law enforcement purposes falls outside the
    /// UK GDPR (DPA 2018 s.29), under Part 3 and its own lawfulness test (s.35).
    ///
    /// ## Example
    /// ```yaml
    /// - id: sharing
    ///   purposes: [referral]
    ///   # no article_6 and no law_enforcement
    /// ```
    ///
    /// ## Fix
    /// Add `article_6:` with the basis relied on, or `law_enforcement:` for Part 3 processing.
    pub static BASIS_WITHOUT_ARTICLE_6 = {
        code: "L026",
        name: "basis-without-article-6",
        family: Legal,
        severity: Error,
        check: Some(check_basis_has_article_6),
    };
}

fn check_basis_has_article_6(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6.is_none() && basis.law_enforcement.is_none() {
                sink.report(doc, format!("/legal_bases/{i}/id"), format!("legal basis `{}` names no UK GDPR Article 6 basis", basis.id))
                    .hint("add `article_6:`, or `law_enforcement:` for a competent authority's Part 3 processing");
            }
        }
    }
}

fn check_special_category_condition(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            let covered = bases_for_flow(a, flow)
                .any(|(_, b)| b.article_9.is_some() || b.law_enforcement.is_some());
            if covered || bases_for_flow(a, flow).next().is_none() {
                continue;
            }
            for (j, _, item) in items_of(a, flow) {
                let special = item.category == DataCategory::SpecialCategory
                    || (item.category == DataCategory::NotStated
                        && item.special_category.is_some());
                if !special {
                    continue;
                }
                let kind = item
                    .special_category
                    .map_or("special category", |c| c.title());
                sink.report(
                    doc,
                    format!("/flows/{i}/data_items/{j}"),
                    format!(
                        "flow `{}` shares `{}` ({kind} data) but no legal basis covering it names an Article 9 condition",
                        flow.id, item.id
                    ),
                )
                .hint("add `article_9:` with the Article 9(2) condition to the legal basis for this flow or its purposes");
            }
        }
    }
}

fn check_special_category_type(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, item) in a.data_items.iter().enumerate() {
            match (item.category, item.special_category) {
                (DataCategory::SpecialCategory, None) => {
                    sink.report(doc, format!("/data_items/{i}/category"), format!("`{}` is special category data but does not say which type", item.id))
                        .hint("add `special_category:` (for example `health` or `racial-or-ethnic-origin`)");
                }
                (category, Some(kind))
                    if category != DataCategory::SpecialCategory
                        && category != DataCategory::NotStated =>
                {
                    sink.report(
                        doc,
                        format!("/data_items/{i}/special_category"),
                        format!(
                            "`{}` names the special category `{}` but its category is {}",
                            item.id,
                            kind.title(),
                            category.title()
                        ),
                    )
                    .hint("set `category: special-category`, or remove `special_category`");
                }
                _ => {}
            }
        }
    }
}

fn check_schedule_1(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(condition) = basis.article_9 else {
                continue;
            };
            if let Some(required) = condition.required_part1_condition() {
                if !basis.schedule_1.contains(&required) {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_9"),
                        format!(
                            "{} needs {} (DPA 2018 s.10(2))",
                            condition.citation(),
                            required.citation()
                        ),
                    )
                    .hint(format!("add `schedule_1: [{}]`", serde_name(&required)));
                }
            } else if condition == Article9Condition::SubstantialPublicInterest
                && !basis
                    .schedule_1
                    .iter()
                    .any(|c| c.part() == Schedule1Part::Part2)
            {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/article_9"),
                    format!("{} needs a DPA 2018 Schedule 1 Part 2 condition (s.10(3))", condition.citation()),
                )
                .hint("add the Part 2 condition relied on, for example `schedule_1: [safeguarding-children-and-individuals-at-risk]`");
            }
        }
    }
}

fn check_criminal_offence(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            let criminal: Vec<(usize, &str)> = items_of(a, flow)
                .filter(|(_, _, item)| item.category == DataCategory::CriminalOffence)
                .map(|(j, _, item)| (j, item.id.as_str()))
                .collect();
            if criminal.is_empty() || bases_for_flow(a, flow).next().is_none() {
                continue;
            }
            let covered = bases_for_flow(a, flow)
                .any(|(_, b)| b.article_10.is_some() || b.law_enforcement.is_some());
            if !covered {
                for (j, item) in criminal {
                    sink.report(
                        doc,
                        format!("/flows/{i}/data_items/{j}"),
                        format!("flow `{}` shares `{item}` (criminal offence data) but no legal basis covering it records Article 10 authority", flow.id),
                    )
                    .hint("add `article_10: authorised-by-law` with its Schedule 1 condition, or `article_10: official-authority`");
                }
            }
        }
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_10 == Some(Article10Authority::AuthorisedByLaw)
                && basis.schedule_1.is_empty()
            {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/article_10"),
                    format!("legal basis `{}` says criminal offence data is authorised by law but names no Schedule 1 condition (DPA 2018 s.10(5))", basis.id),
                )
                .hint("add the Schedule 1 condition relied on, for example `schedule_1: [preventing-or-detecting-unlawful-acts]`");
            }
        }
    }
}

fn check_public_authority_interests(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(
                article_6
                @ (Article6::LegitimateInterests | Article6::RecognisedLegitimateInterest),
            ) = basis.article_6
            else {
                continue;
            };
            for id in relying_parties(a, basis) {
                if is_public_authority(workspace, a, id) {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_6"),
                        format!(
                            "{} ({}) relies on {}, which public authorities cannot use for their tasks",
                            partner_name(workspace, a, id),
                            id,
                            article_6.citation()
                        ),
                    )
                    .hint("use `public-task` with the law that gives the task; if another party relies on this basis, list only it in `relied_on_by`");
                }
            }
        }
    }
}

fn check_basis_law(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(article_6) = basis.article_6 else {
                continue;
            };
            if article_6.needs_law() && basis.law.is_empty() {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/article_6"),
                    format!("legal basis `{}` relies on {} but names no law that lays it down (Article 6(3))", basis.id, article_6.citation()),
                )
                .hint("add `law:` with the statute and provision, for example `{legislation: Children Act 2004, provision: s.11}`");
            }
        }
    }
}

fn check_policy_document(workspace: &Workspace, sink: &mut Sink) {
    policy_documents::check_policy_document(workspace, sink);
}

fn check_consent_public_authority(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6 != Some(Article6::Consent) {
                continue;
            }
            for id in relying_parties(a, basis) {
                if is_public_authority(workspace, a, id) {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_6"),
                        format!("{} ({id}) is a public authority relying on consent, which is rarely freely given to one (Recital 43)", partner_name(workspace, a, id)),
                    )
                    .hint("rely on `public-task` with the law that gives the task; record consent under `common_law` if it is sought for confidentiality");
                }
            }
        }
    }
}

fn check_consent_withdrawal(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let consent = basis.article_6 == Some(Article6::Consent)
                || basis.article_9 == Some(Article9Condition::ExplicitConsent);
            if consent && basis.consent_withdrawal.is_none() {
                let field = if basis.article_6 == Some(Article6::Consent) {
                    "article_6"
                } else {
                    "article_9"
                };
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/{field}"),
                    format!("legal basis `{}` relies on consent but does not say how it is withdrawn (Article 7(3))", basis.id),
                )
                .hint("add `consent_withdrawal:` saying how a person withdraws consent");
            }
        }
    }
}

fn check_vital_interests(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6 != Some(Article6::VitalInterests) {
                continue;
            }
            for (f, flow) in flows_for_basis(a, basis) {
                if flow.frequency.is_routine() {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_6"),
                        format!("legal basis `{}` relies on vital interests for flow `{}`, which runs {}", basis.id, flow.id, flow.frequency.title()),
                    )
                    .hint("vital interests suits emergencies, case by case; use public task or legal obligation for routine sharing")
                    .related(doc, format!("/flows/{f}/frequency"), "the flow's frequency");
                }
            }
        }
    }
}

fn check_health_recipient(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_9 != Some(Article9Condition::HealthOrSocialCare) {
                continue;
            }
            for (f, flow, to) in flows_for_basis(a, basis)
                .flat_map(|(f, flow)| flow.pairs(a).into_iter().map(move |(_, to)| (f, flow, to)))
            {
                let Some(recipient) = partner(workspace, a, to.as_str()) else {
                    continue;
                };
                // A processor acts under its controller's responsibility (s.11(1)(a)).
                let for_controller = a
                    .parties
                    .iter()
                    .find(|p| p.partner == *to && p.role == Role::Processor)
                    .and_then(|p| p.acts_for.as_ref())
                    .and_then(|c| partner(workspace, a, c.as_str()))
                    .is_some_and(is_health_or_social_work_body);
                if !is_health_or_social_work_body(recipient) && !for_controller {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_9"),
                        format!(
                            "legal basis `{}` relies on Article 9(2)(h) for flow `{}` to {}, a {} rather than a health or social work body (DPA 2018 s.11(1))",
                            basis.id,
                            flow.id,
                            recipient.name,
                            recipient.partner_type.title()
                        ),
                    )
                    .hint("use a condition that fits the recipient, such as 9(2)(g) with a Schedule 1 Part 2 condition")
                    .related(doc, flow.endpoint_pointer(&format!("/flows/{f}"), to, false), "the recipient");
                }
            }
        }
    }
}

fn strong_common_law(basis: Option<CommonLawBasis>) -> bool {
    matches!(
        basis,
        Some(
            CommonLawBasis::ExplicitConsent
                | CommonLawBasis::LegalRequirement
                | CommonLawBasis::Section251Support
                | CommonLawBasis::OverridingPublicInterest
                | CommonLawBasis::NotConfidential
                | CommonLawBasis::BestInterestsLackingCapacity
        )
    )
}

fn beyond_direct_care(a: &Agreement, flow: &crate::model::Flow) -> bool {
    flow.purposes.iter().any(|id| {
        a.purposes
            .iter()
            .find(|p| &p.id == id)
            .is_some_and(|p| !p.direct_care)
    })
}

fn check_confidential(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            if !beyond_direct_care(a, flow)
                || bases_for_flow(a, flow).any(|(_, b)| strong_common_law(b.common_law))
            {
                continue;
            }
            if bases_for_flow(a, flow).next().is_none() {
                continue;
            }
            for (j, _, item) in items_of(a, flow) {
                if item.confidential {
                    sink.report(
                        doc,
                        format!("/flows/{i}/data_items/{j}"),
                        format!(
                            "flow `{}` shares confidential `{}` beyond direct care with no basis under the common law duty of confidentiality",
                            flow.id, item.id
                        ),
                    )
                    .hint("record `common_law:` (explicit-consent, legal-requirement, section-251-support or overriding-public-interest) on the basis covering the flow");
                }
            }
        }
    }
}

fn check_processors(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (p, party) in a.parties.iter().enumerate() {
            if party.role != Role::Processor {
                continue;
            }
            let Some(controller) = &party.acts_for else {
                sink.report(
                    doc,
                    format!("/parties/{p}/role"),
                    format!(
                        "`{}` is a processor but does not say which controller it acts for",
                        party.partner
                    ),
                )
                .hint("add `acts_for:` with the controller's partner id");
                continue;
            };
            for (i, flow) in a.flows.iter().enumerate() {
                let mut others: Vec<(bool, &crate::model::Id)> = Vec::new();
                for (from, to) in flow.pairs(a) {
                    let other = if from == &party.partner {
                        (true, to)
                    } else if to == &party.partner {
                        (false, from)
                    } else {
                        continue;
                    };
                    if !others.iter().any(|(_, o)| *o == other.1) {
                        others.push(other);
                    }
                }
                for (from, other) in others {
                    if other == controller {
                        continue;
                    }
                    sink.report(
                        doc,
                        flow.endpoint_pointer(&format!("/flows/{i}"), &party.partner, from),
                        format!(
                            "processor `{}` exchanges data with `{other}` in flow `{}`, but acts only for `{controller}` (Articles 28 and 29)",
                            party.partner, flow.id
                        ),
                    )
                    .hint("show the flow between the controllers, or record this body as a controller with its own basis")
                    .related(doc, format!("/parties/{p}"), "the processor");
                }
            }
        }
    }
}

fn check_joint_controllers(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        if a.joint_controller.is_some() {
            continue;
        }
        if a.variant == crate::model::Variant::JointController {
            sink.report(
                doc,
                "/variant",
                "a joint controller agreement records no Article 26 arrangement",
            )
            .hint("add `joint_controller:` with each party's responsibilities");
        } else if let Some(p) = a
            .parties
            .iter()
            .position(|p| p.role == Role::JointController)
        {
            sink.report(
                doc,
                format!("/parties/{p}/role"),
                format!(
                    "`{}` is a joint controller but no Article 26 arrangement is recorded",
                    a.parties[p].partner
                ),
            )
            .hint("add `joint_controller:` with each party's responsibilities");
        }
    }
}

fn check_law_enforcement_regime(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            let law_enforcement = flow
                .purposes
                .iter()
                .any(|id| a.purposes.iter().any(|p| &p.id == id && p.law_enforcement));
            if !law_enforcement {
                continue;
            }
            let ends: Vec<&crate::model::Id> = flow
                .pairs(a)
                .into_iter()
                .flat_map(|(from, to)| [from, to])
                .collect();
            let competent = ends.into_iter().find(|id| {
                partner(workspace, a, id.as_str()).is_some_and(|p| p.competent_authority)
            });
            let Some(competent) = competent else { continue };
            if bases_for_flow(a, flow).next().is_some()
                && !bases_for_flow(a, flow).any(|(_, b)| b.law_enforcement.is_some())
            {
                sink.report(
                    doc,
                    format!("/flows/{i}/purposes"),
                    format!(
                        "flow `{}` serves a law enforcement purpose with the competent authority `{competent}`, but no basis covering it is under DPA 2018 Part 3",
                        flow.id
                    ),
                )
                .hint("add `law_enforcement:` (with `schedule_8` conditions for sensitive data) to the basis the competent authority relies on");
            }
        }
    }
}

fn check_schedule_8(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(part3) = &basis.law_enforcement else {
                continue;
            };
            if part3.consent || !part3.schedule_8.is_empty() {
                continue;
            }
            let sensitive = flows_for_basis(a, basis).find(|(_, flow)| {
                items_of(a, flow).any(|(_, _, item)| item.category == DataCategory::SpecialCategory)
            });
            if let Some((f, flow)) = sensitive {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/law_enforcement"),
                    format!("legal basis `{}` covers sensitive processing (flow `{}`) under DPA 2018 Part 3 with no Schedule 8 condition (s.35)", basis.id, flow.id),
                )
                .hint("add `schedule_8:` with the condition relied on, for example `[safeguarding]`")
                .related(doc, format!("/flows/{f}"), "the flow with special category data");
            }
        }
    }
}

fn check_implied_consent(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.common_law != Some(CommonLawBasis::ImpliedConsent) {
                continue;
            }
            let beyond: Vec<&str> = flows_for_basis(a, basis)
                .flat_map(|(_, f)| f.purposes.iter())
                .chain(basis.purposes.iter())
                .filter(|id| a.purposes.iter().any(|p| &p.id == *id && !p.direct_care))
                .map(|id| id.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            if !beyond.is_empty() {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/common_law"),
                    format!("legal basis `{}` relies on implied consent for purposes beyond individual care: {}", basis.id, beyond.join(", ")),
                )
                .hint("use explicit consent, s.251 support, a legal requirement or the public interest for these purposes");
            }
        }
    }
}

fn check_transfer_mechanism(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, transfer) in a.international_transfers.iter().enumerate() {
            if transfer.mechanism.is_none() {
                sink.report(doc, format!("/international_transfers/{i}"), format!("the transfer to {} in {} names no transfer mechanism", transfer.recipient, transfer.destination))
                    .hint("add `mechanism:` (approved-regulations; an Article 46 safeguard such as international-data-transfer-agreement, uk-addendum, binding-corporate-rules, legally-binding-instrument or administrative-arrangements; or, for an occasional transfer, an Article 49 derogation such as derogation-public-interest)");
            }
        }
    }
}

fn check_regular_derogation(workspace: &Workspace, sink: &mut Sink) {
    transfer_toolkit::check_regular_derogation(workspace, sink);
}

fn check_transfer_risk_assessment(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, transfer) in a.international_transfers.iter().enumerate() {
            if transfer.mechanism.is_some_and(|m| m.is_safeguard())
                && transfer.risk_assessment.is_none()
            {
                sink.report(
                    doc,
                    format!("/international_transfers/{i}/mechanism"),
                    format!("the transfer to {} relies on an Article 46 safeguard with no transfer risk assessment", transfer.destination),
                )
                .hint("add `risk_assessment:` with the assessment's reference");
            }
        }
    }
}

fn check_annex_1(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let recognised = basis.article_6 == Some(Article6::RecognisedLegitimateInterest);
            match (recognised, basis.annex_1) {
                (true, None) => {
                    sink.report(doc, format!("/legal_bases/{i}/article_6"), format!("legal basis `{}` relies on Article 6(1)(ea) but names no Annex 1 condition", basis.id))
                        .hint("add `annex_1:` with the recognised legitimate interest, for example `safeguarding-vulnerable-individuals`");
                }
                (false, Some(condition)) => {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/annex_1"),
                        format!(
                            "legal basis `{}` names {} but relies on {}, not Article 6(1)(ea)",
                            basis.id,
                            condition.citation(),
                            basis
                                .article_6
                                .map_or("no Article 6 basis", |a| a.citation())
                        ),
                    )
                    .hint("remove `annex_1`, or set `article_6: recognised-legitimate-interest`");
                }
                _ => {}
            }
        }
    }
}

fn check_in_force(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let Some(date) = a.document.legal_date() else {
            continue;
        };
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(provision) = basis.article_6.and_then(|a| a.provision()) else {
                continue;
            };
            let in_force = provision.in_force_date();
            if date < in_force {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/article_6"),
                    format!(
                        "{} came into force on {in_force} ({}), after this agreement's date {date}",
                        provision.citation, provision.inserted_by
                    ),
                )
                .hint("record the basis relied on at the time, or issue a new version effective from a date the provision is in force");
            }
        }
    }
}

fn check_children(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, subject) in a.data_subjects.iter().enumerate() {
            if subject.children && subject.best_interests.is_none() {
                sink.report(doc, format!("/data_subjects/{i}/children"), format!("`{}` includes children, but the agreement does not say why sharing is in their best interests", subject.id))
                    .hint("add `best_interests:` to the data subject");
            }
        }
    }
}

fn check_dea_register(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            for (j, law) in basis.law.iter().enumerate() {
                let dea = law
                    .legislation
                    .to_ascii_lowercase()
                    .contains("digital economy act 2017");
                if dea && law.register_entry.is_none() {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/law/{j}"),
                        format!(
                            "{} is relied on with no entry on the public register of data sharing",
                            law.citation()
                        ),
                    )
                    .hint("add `register_entry:` with the register's reference or address");
                }
            }
        }
    }
}

fn check_flow_basis(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            if bases_for_flow(a, flow).next().is_none() {
                sink.report(
                    doc,
                    format!("/flows/{i}/id"),
                    format!("no legal basis covers flow `{}`", flow.id),
                )
                .hint("name the flow or one of its purposes in a legal basis");
            }
        }
    }
}

/// The kebab-case name serde gives a vocabulary value.
fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
