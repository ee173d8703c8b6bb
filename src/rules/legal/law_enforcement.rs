//! Law enforcement processing under DPA 2018 Part 3: the regime a competent authority
//! shares under, and Schedule 8 for sensitive processing.

use crate::model::DataCategory;
use crate::rules::helpers::{bases_for_flow, flows_for_basis, items_of, partner};
use crate::rules::reliance::{flow_controllers, own_bases};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A competent authority sharing for law enforcement purposes under the UK GDPR instead of
    /// DPA 2018 Part 3.
    ///
    /// ## What it checks
    /// For each flow that serves a `law_enforcement` purpose, that every competent authority
    /// at either end relies on a legal basis of its own covering the flow that records a
    /// `law_enforcement` (Part 3) basis; another party's Part 3 basis does not cover it.
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
            if bases_for_flow(a, flow).next().is_none() {
                continue;
            }
            // Each competent authority at the flow's ends needs its own Part 3 basis; another
            // party's does not cover it (L025 reports one with no basis of its own).
            for controller in flow_controllers(workspace, a, flow, i) {
                let competent = partner(workspace, a, controller.id.as_str())
                    .is_some_and(|p| p.competent_authority);
                let own = own_bases(workspace, a, flow, controller.id);
                if !competent
                    || own.is_empty()
                    || own.iter().any(|(_, b)| b.law_enforcement.is_some())
                {
                    continue;
                }
                sink.report(
                    doc,
                    format!("/flows/{i}/purposes"),
                    format!(
                        "flow `{}` serves a law enforcement purpose with the competent authority `{}`, but no basis it relies on for the flow is under DPA 2018 Part 3",
                        flow.id, controller.id
                    ),
                )
                .hint("add `law_enforcement:` (with `schedule_8` conditions for sensitive data) to the basis the competent authority relies on");
            }
        }
    }
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
