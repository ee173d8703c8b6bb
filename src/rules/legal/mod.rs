//! The legal family (`L`): lawful bases, special category and criminal offence conditions,
//! the common law duty of confidentiality, controller roles, law enforcement processing and
//! international transfers, each checked against the law in force on the agreement's dates.
//!
//! One file per topic, each rule's documentation beside its check: [`bases`] (Article 6 and
//! the law behind it, controller roles), [`special_category`] (Article 9 and Schedule 1),
//! [`criminal_offence`] (Article 10), [`confidentiality`] (the common law duty; [`confidentiality_extent`], the nations each route
//! runs in),
//! [`law_enforcement`] (DPA 2018 Part 3), [`transfers`] (Chapter V) and [`in_force`].

mod bases;
mod confidentiality;
mod confidentiality_extent;
mod confidentiality_review;
mod consent_conditions;
mod criminal_offence;
mod gateways;
mod in_force;
mod law_enforcement;
mod policy_documents;
mod public_task;
mod recognised_interests;
mod special_category;
mod transfer_toolkit;
mod transfers;

use super::Rule;

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
    &confidentiality_extent::COMMON_LAW_ROUTE_OUTSIDE_ITS_EXTENT,
];

/// Every rule of the family.
pub static RULES: &[&Rule] = &[
    &special_category::SPECIAL_CATEGORY_WITHOUT_CONDITION,
    &special_category::SPECIAL_CATEGORY_TYPE_MISMATCH,
    &special_category::MISSING_SCHEDULE_1_CONDITION,
    &criminal_offence::CRIMINAL_OFFENCE_WITHOUT_AUTHORITY,
    &bases::PUBLIC_AUTHORITY_LEGITIMATE_INTERESTS,
    &bases::MISSING_LEGAL_BASIS_LAW,
    &special_category::MISSING_APPROPRIATE_POLICY_DOCUMENT,
    &bases::CONSENT_BY_PUBLIC_AUTHORITY,
    &bases::CONSENT_WITHOUT_WITHDRAWAL,
    &bases::VITAL_INTERESTS_FOR_ROUTINE_SHARING,
    &special_category::HEALTH_CONDITION_RECIPIENT,
    &confidentiality::CONFIDENTIAL_WITHOUT_COMMON_LAW_BASIS,
    &bases::PROCESSOR_ON_OWN_ACCOUNT,
    &bases::JOINT_CONTROLLERS_WITHOUT_ARRANGEMENT,
    &law_enforcement::LAW_ENFORCEMENT_UNDER_UK_GDPR,
    &law_enforcement::SENSITIVE_PROCESSING_WITHOUT_SCHEDULE_8,
    &confidentiality::IMPLIED_CONSENT_BEYOND_CARE,
    &transfers::TRANSFER_WITHOUT_MECHANISM,
    &transfers::DEROGATION_FOR_REGULAR_TRANSFERS,
    &transfers::TRANSFER_WITHOUT_RISK_ASSESSMENT,
    &bases::RECOGNISED_LEGITIMATE_INTEREST_WITHOUT_CONDITION,
    &in_force::PROVISION_NOT_IN_FORCE,
    &bases::CHILDREN_WITHOUT_BEST_INTERESTS,
    &bases::DEA_WITHOUT_REGISTER_ENTRY,
    &bases::FLOW_WITHOUT_LEGAL_BASIS,
    &bases::BASIS_WITHOUT_ARTICLE_6,
];
