//! Recognised legitimate interests: Annex 1 para 1 is for disclosures made on request.

use crate::model::Frequency;
use crate::model::vocab::Annex1Condition;
use crate::rules::helpers::flows_for_basis;
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// Annex 1 para 1 (disclosure for a public task) relied on for a flow not made on
    /// request.
    ///
    /// ## What it checks
    /// That a legal basis with `annex_1: disclosure-for-public-task` covers only flows whose
    /// frequency is `on-request` (or not stated).
    ///
    /// ## Why it matters
    /// UK GDPR Annex 1 para 1 (inserted by the Data (Use and Access) Act 2025, in force
    /// 5 February 2026): the condition is met where the processing is necessary "for the
    /// purposes of making a disclosure of personal data to another person in response to a
    /// request from the other person", and the request states that the other person needs
    /// the data for a task that has a basis in law. A scheduled or standing flow is not a
    /// disclosure in response to a request, so the condition does not apply to it.
    ///
    /// ## Example
    /// ```yaml
    /// - article_6: recognised-legitimate-interest
    ///   annex_1: disclosure-for-public-task
    /// flows:
    ///   - frequency: weekly
    /// ```
    ///
    /// ## Fix
    /// Record the flow as `frequency: on-request` if each disclosure answers a request, or
    /// rely on another basis for the routine flow.
    pub static PUBLIC_TASK_DISCLOSURE_NOT_ON_REQUEST = {
        code: "L033",
        name: "public-task-disclosure-not-on-request",
        family: Legal,
        severity: Warning,
        check: Some(check_not_on_request),
    };
}

fn check_not_on_request(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.annex_1 != Some(Annex1Condition::DisclosureForPublicTask) {
                continue;
            }
            for (f, flow) in flows_for_basis(a, basis) {
                if matches!(flow.frequency, Frequency::OnRequest | Frequency::NotStated) {
                    continue;
                }
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/annex_1"),
                    format!(
                        "legal basis `{}` relies on Annex 1 para 1, which covers disclosures in response to a request, for flow `{}`, which runs {}",
                        basis.id,
                        flow.id,
                        flow.frequency.title()
                    ),
                )
                .hint("record `frequency: on-request` if each disclosure answers a request, or rely on another basis for the routine flow")
                .related(doc, format!("/flows/{f}/frequency"), "the flow");
            }
        }
    }
}
