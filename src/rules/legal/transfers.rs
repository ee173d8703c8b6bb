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
                    .hint("add `mechanism:` (approved-regulations, international-data-transfer-agreement, uk-addendum, binding-corporate-rules or article-49-derogation)");
            }
        }
    }
}

declare_rule! {
    /// An Article 49 derogation used for regular, repeated transfers.
    ///
    /// ## What it checks
    /// That no transfer marked `regular: true` relies on `article-49-derogation`.
    ///
    /// ## Why it matters
    /// UK GDPR Article 49 and the ICO's guidance on international transfers: derogations are
    /// for occasional, specific situations; regular transfers need approved regulations or an
    /// appropriate safeguard.
    ///
    /// ## Example
    /// ```yaml
    /// - mechanism: article-49-derogation
    ///   regular: true
    /// ```
    ///
    /// ## Fix
    /// Put an IDTA or the UK Addendum in place, or rely on approved regulations.
    pub static DEROGATION_FOR_REGULAR_TRANSFERS = {
        code: "L019",
        name: "derogation-for-regular-transfers",
        family: Legal,
        severity: Warning,
        check: Some(check_regular_derogation),
    };
}

fn check_regular_derogation(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, transfer) in a.international_transfers.iter().enumerate() {
            if transfer.regular == Some(true)
                && transfer.mechanism
                    == Some(crate::model::vocab::TransferMechanism::Article49Derogation)
            {
                sink.report(doc, format!("/international_transfers/{i}/mechanism"), format!("the regular transfer to {} relies on an Article 49 derogation, which is for occasional transfers", transfer.destination))
                    .hint("put an IDTA or the UK Addendum in place, or rely on approved regulations");
            }
        }
    }
}

declare_rule! {
    /// A transfer under an Article 46 safeguard with no transfer risk assessment.
    ///
    /// ## What it checks
    /// That a transfer relying on the IDTA, the UK Addendum or binding corporate rules
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
