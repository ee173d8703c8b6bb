//! International transfers (UK GDPR Chapter V): a mechanism for each, derogations used for
//! specific situations only, and transfer risk assessments.

use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

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

fn check_regular_derogation(workspace: &Workspace, sink: &mut Sink) {
    super::transfer_toolkit::check_regular_derogation(workspace, sink);
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
    /// UK GDPR Article 46(1A) (inserted by the Data (Use and Access) Act 2025 Schedule 7 para
    /// 6(3), checked against the text): a transfer is made subject to appropriate safeguards
    /// only where the safeguards are provided and "the controller or processor, acting
    /// reasonably and proportionately, considers that the data protection test is met in
    /// relation to the transfer or that type of transfer" (for an Article 46(2)(a) instrument,
    /// "each public body that is a party to the instrument"). A transfer risk assessment
    /// records that consideration.
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
