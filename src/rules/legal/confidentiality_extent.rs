//! The common law duty of confidentiality across the four nations: the routes that set the
//! duty aside by statute or national approval run only in their own nations.

use crate::model::{common_law_route_extent, nations_title};
use crate::rules::helpers::{flows_for_basis, partner, partner_name};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A route for setting aside the duty of confidentiality relied on by a body in a nation
    /// where it does not run.
    ///
    /// ## What it checks
    /// That a legal basis whose `common_law` is a route of one or two nations covers no flow
    /// disclosed by a partner whose nation (its `jurisdiction`, or the nation its type
    /// implies) is outside them: `section-251-support` in England and Wales,
    /// `public-benefit-and-privacy-panel-approval` in Scotland,
    /// `northern-ireland-data-processing-authorisation` in Northern Ireland. A partner whose
    /// nation is not stated is not checked. The disclosing partner is the one that owes the
    /// duty of confidence for what it discloses, so it is the one whose nation counts.
    ///
    /// ## Why it matters
    /// s.251 support is given under the Health Service (Control of Patient Information)
    /// Regulations 2002, reg 1(5): "These Regulations extend to England and Wales only"; the
    /// NHS Scotland Public Benefit and Privacy Panel says "section 251 of the National Health
    /// Service Act 2006 does not apply in Scotland", and its own remit is "NHSS-controlled
    /// data"; the Health and Social Care (Control of Data Processing) Act (Northern Ireland)
    /// 2016 extends to Northern Ireland only. A route that does not run where the discloser
    /// is leaves the disclosure with no basis under the common law duty, which is why this is
    /// an error, as a missing basis is (L012).
    ///
    /// ## Example
    /// ```yaml
    /// # the trust is `jurisdiction: scotland`
    /// - id: research-extract
    ///   common_law: section-251-support
    /// flows:
    ///   - from: trust
    /// ```
    ///
    /// ## Fix
    /// Record the route of the discloser's nation (in Scotland the Panel's approval, in
    /// Northern Ireland an authorisation under the 2016 Act, in England and Wales s.251
    /// support), or another basis (consent, a legal requirement, the overriding public
    /// interest); if the partner's `jurisdiction` is wrong, correct it.
    pub static COMMON_LAW_ROUTE_OUTSIDE_ITS_EXTENT = {
        code: "L035",
        name: "common-law-route-outside-its-extent",
        family: Legal,
        severity: Error,
        check: Some(check_route_extent),
    };
}

fn check_route_extent(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(route) = basis.common_law else {
                continue;
            };
            let Some(extent) = common_law_route_extent(route) else {
                continue;
            };
            let mut reported: Vec<&str> = Vec::new();
            for (f, flow) in flows_for_basis(a, basis) {
                for (from, _) in flow.pairs(a) {
                    let id = from.as_str();
                    if reported.contains(&id) {
                        continue;
                    }
                    let Some(nation) = partner(workspace, a, id).and_then(|p| p.nation()) else {
                        continue;
                    };
                    if extent.contains(&nation) {
                        continue;
                    }
                    reported.push(id);
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/common_law"),
                        format!(
                            "legal basis `{}` relies on {} for flow `{}`, disclosed by {} ({id}) in {}, but that route runs in {} only",
                            basis.id,
                            route.title(),
                            flow.id,
                            partner_name(workspace, a, id),
                            nation.title(),
                            nations_title(extent)
                        ),
                    )
                    .hint("record the route of the discloser's nation (Scotland: public-benefit-and-privacy-panel-approval; Northern Ireland: northern-ireland-data-processing-authorisation; England and Wales: section-251-support) or another basis, or correct the partner's `jurisdiction`")
                    .related(doc, format!("/flows/{f}"), "the flow it discloses");
                }
            }
        }
    }
}
