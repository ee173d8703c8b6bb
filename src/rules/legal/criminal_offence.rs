//! Criminal offence data: the Article 10 authority and its Schedule 1 condition.

use crate::model::{Article10Authority, DataCategory};
use crate::rules::helpers::{bases_for_flow, items_of};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

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
