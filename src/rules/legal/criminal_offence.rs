//! Criminal offence data: the Article 10 authority and its Schedule 1 condition.

use crate::model::{Article10Authority, DataCategory};
use crate::rules::helpers::items_of;
use crate::rules::reliance::{controller_names, lacking_controllers, part_3_for};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// Criminal offence data shared with no Article 10 authority.
    ///
    /// ## What it checks
    /// For each flow that shares a criminal offence data item, that every controller at
    /// either end (for a processor's end, the controller it `acts_for`) relies on a legal
    /// basis of its own covering the flow that records `article_10` (official authority, or
    /// authorised by law), or is a DPA 2018 Part 3 `law_enforcement` basis and that
    /// controller is a competent authority; and that "authorised by law" comes with a
    /// Schedule 1 condition. One controller's authority never covers another's. The finding
    /// names the controllers and points at their basis; a controller with no basis of its own
    /// for the flow is L025's finding. An item whose `category` is `not-stated` cannot be
    /// checked here; G024 asks for its category.
    ///
    /// ## Why it matters
    /// UK GDPR Article 10(1): processing of personal data relating to criminal convictions
    /// and offences or related security measures based on Article 6(1) "shall be carried out
    /// only under the control of official authority or when the processing is authorised by
    /// domestic law providing for appropriate safeguards"; DPA 2018 s.10(5) says it meets the
    /// authorised-by-law requirement only if it meets a condition in Part 1, 2 or 3 of
    /// Schedule 1. Each controller that discloses or receives the data processes it, so each
    /// needs its own authority. A Part 3 basis serves only a competent authority processing
    /// for the law enforcement purposes (DPA 2018 s.29(1), s.30 and Schedule 7, s.31).
    ///
    /// ## Example
    /// ```yaml
    /// - id: council-disclosure
    ///   relied_on_by: [council]
    ///   article_6: public-task
    ///   # the flow shares the alleged offence, but the council records no article_10
    /// ```
    ///
    /// ## Fix
    /// Add `article_10: authorised-by-law` with the Schedule 1 condition relied on (for example
    /// `safeguarding-children-and-individuals-at-risk`), or `article_10: official-authority`,
    /// to the controller's own basis.
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
            if criminal.is_empty() {
                continue;
            }
            // Each controller's own bases; one with none is L025's finding.
            let lacking = lacking_controllers(workspace, a, flow, i, |id, basis| {
                basis.article_10.is_some() || part_3_for(workspace, a, basis, id)
            });
            for (basis, controllers) in lacking {
                let names = controller_names(workspace, a, &controllers);
                for &(j, item) in &criminal {
                    sink.report(
                        doc,
                        format!("/legal_bases/{basis}/id"),
                        format!(
                            "flow `{}` shares `{item}` (criminal offence data), but no legal basis that {names} relies on for it records Article 10 authority",
                            flow.id
                        ),
                    )
                    .hint("add `article_10: authorised-by-law` with its Schedule 1 condition, or `article_10: official-authority`, to this basis; another party's authority never covers a controller, and a DPA 2018 Part 3 basis serves only a competent authority")
                    .related(doc, format!("/flows/{i}/data_items/{j}"), "the criminal offence item");
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
