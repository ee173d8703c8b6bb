//! The common law duty of confidentiality in practice: the public interest justifies
//! disclosures case by case, and the National Data Opt-out follows s.251 support in England.

use crate::model::vocab::CommonLawBasis;
use crate::model::{Agreement, Flow, Jurisdiction};
use crate::rules::helpers::{flows_for_basis, items_of, partner};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// The overriding public interest relied on for routine or bulk sharing.
    ///
    /// ## What it checks
    /// That a legal basis with `common_law: overriding-public-interest` covers no flow whose
    /// frequency is routine (real time, daily, weekly, monthly, quarterly or annually).
    ///
    /// ## Why it matters
    /// The public interest exception to the common law duty of confidentiality is a judgement
    /// made for each disclosure: the BMA's confidentiality toolkit (section 10, "Public
    /// interest") says that without consent, a legal obligation or anonymisation "any decision
    /// as to whether identifiable information is to be shared with third parties must be made
    /// on a case by case basis", and the GMC's guidance (Confidentiality: good practice in
    /// handling patient information, disclosures in the public interest) asks for the harms
    /// and benefits of each disclosure to be weighed. A standing, scheduled flow
    /// cannot rest on decisions not yet made; it needs consent, a legal requirement or s.251
    /// support.
    ///
    /// ## Example
    /// ```yaml
    /// - id: bulk-extract
    ///   common_law: overriding-public-interest
    /// flows:
    ///   - frequency: monthly
    /// ```
    ///
    /// ## Fix
    /// Record the statute or court order that requires the sharing (`legal-requirement`),
    /// s.251 support, or consent; keep the public interest for case-by-case disclosures
    /// (`frequency: on-request`), each decision recorded.
    pub static PUBLIC_INTEREST_FOR_ROUTINE_SHARING = {
        code: "L030",
        name: "public-interest-for-routine-sharing",
        family: Legal,
        severity: Warning,
        check: Some(check_public_interest_routine),
    };
}

fn check_public_interest_routine(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.common_law != Some(CommonLawBasis::OverridingPublicInterest) {
                continue;
            }
            if let Some((f, flow)) =
                flows_for_basis(a, basis).find(|(_, flow)| flow.frequency.is_routine())
            {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/common_law"),
                    format!(
                        "legal basis `{}` relies on the overriding public interest for flow `{}`, which runs {}; the public interest justifies disclosures case by case, not a standing flow",
                        basis.id,
                        flow.id,
                        flow.frequency.title()
                    ),
                )
                .hint("record a legal requirement, s.251 support or consent for the routine flow")
                .related(doc, format!("/flows/{f}/frequency"), "the routine flow");
            }
        }
    }
}

declare_rule! {
    /// Confidential patient information about care in England used beyond individual care
    /// under s.251 support, with no record of the National Data Opt-out.
    ///
    /// ## What it checks
    /// That a legal basis with `common_law: section-251-support`, covering a flow that shares
    /// confidential items for a purpose that is not direct care from a body in England (its
    /// `jurisdiction`, or not stated), records `national_data_opt_out`: how opt-outs are
    /// applied, or the Confidentiality Advisory Group's advice that they do not apply.
    ///
    /// ## Why it matters
    /// The National Data Opt-out operational policy (NHS England, section 5.1): "National data
    /// opt-outs apply to the use of confidential patient information approved under
    /// regulation 2 … or regulation 5 … of the Health Service (Control of Patient Information)
    /// Regulations 2002", where the approval carries the CAG standard condition; the opt-out
    /// "covers confidential patient information collected about care in England" and every
    /// organisation providing or coordinating publicly funded health or adult social care in
    /// England must comply. It does not apply where the person consented, or to data
    /// anonymised in line with the ICO's code.
    ///
    /// ## Example
    /// ```yaml
    /// - id: research-extract
    ///   purposes: [research]          # direct_care: false
    ///   common_law: section-251-support
    ///   # no national_data_opt_out
    /// ```
    ///
    /// ## Fix
    /// Add `national_data_opt_out: "Opt-outs are applied by the trust before each extract,
    /// using the NHS Spine check."`, or quote the CAG approval that exempts the flow.
    pub static NATIONAL_DATA_OPT_OUT_NOT_RECORDED = {
        code: "L034",
        name: "national-data-opt-out-not-recorded",
        family: Legal,
        severity: Warning,
        check: Some(check_national_data_opt_out),
    };
}

fn beyond_individual_care(a: &Agreement, flow: &Flow) -> bool {
    flow.purposes.iter().any(|id| {
        a.purposes
            .iter()
            .find(|p| &p.id == id)
            .is_some_and(|p| !p.direct_care)
    })
}

fn check_national_data_opt_out(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.common_law != Some(CommonLawBasis::Section251Support)
                || basis.national_data_opt_out.is_some()
            {
                continue;
            }
            let in_scope = flows_for_basis(a, basis).find(|(_, flow)| {
                beyond_individual_care(a, flow)
                    && items_of(a, flow).any(|(_, _, item)| item.confidential)
                    && flow.pairs(a).iter().any(|(from, _)| {
                        partner(workspace, a, from.as_str()).is_some_and(|p| {
                            matches!(p.nation(), None | Some(Jurisdiction::England))
                        })
                    })
            });
            if let Some((f, flow)) = in_scope {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/common_law"),
                    format!(
                        "legal basis `{}` relies on s.251 support for confidential patient information (flow `{}`) beyond individual care, but does not record how the National Data Opt-out is applied",
                        basis.id, flow.id
                    ),
                )
                .hint("add `national_data_opt_out:` saying how opt-outs are applied, or quote the CAG advice that they do not apply")
                .related(doc, format!("/flows/{f}"), "the flow");
            }
        }
    }
}
