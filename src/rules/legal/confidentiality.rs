//! The common law duty of confidentiality: a basis for confidential information used
//! beyond direct care, and implied consent.

use crate::model::Agreement;
use crate::model::vocab::CommonLawBasis;
use crate::rules::helpers::{bases_for_flow, flows_for_basis, items_of};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// Confidential information shared beyond direct care with no basis under the common law
    /// duty of confidentiality.
    ///
    /// ## What it checks
    /// For each flow that shares an item marked `confidential: true` for a purpose that is not
    /// direct care, that a legal basis covering it records a `common_law` basis of explicit
    /// consent, legal requirement, s.251 support (England and Wales), the NHS Scotland Public
    /// Benefit and Privacy Panel's approval (Scotland), an authorisation under the Health and
    /// Social Care (Control of Data Processing) Act (Northern Ireland) 2016, the best
    /// interests of a person who lacks capacity, overriding public interest or "not
    /// confidential". Whether the nation's route runs where the discloser is, L035 checks.
    ///
    /// ## Why it matters
    /// The common law duty of confidentiality applies alongside UK GDPR: information given in
    /// confidence (health and care records above all) may be disclosed only with consent,
    /// where the law requires it, under the nation's own route (s.251 NHS Act 2006 support in
    /// England and Wales, the Panel in Scotland, the 2016 Act in Northern Ireland), or where
    /// the public interest overrides the duty. Implied consent covers only individual care.
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
                    .hint("record `common_law:` (explicit-consent, legal-requirement, overriding-public-interest, or the discloser's nation's route: section-251-support in England and Wales, public-benefit-and-privacy-panel-approval in Scotland, northern-ireland-data-processing-authorisation in Northern Ireland) on the basis covering the flow");
                }
            }
        }
    }
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
                | CommonLawBasis::PublicBenefitAndPrivacyPanelApproval
                | CommonLawBasis::NorthernIrelandDataProcessingAuthorisation
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
