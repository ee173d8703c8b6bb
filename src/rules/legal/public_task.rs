//! Article 6(1)(e) as amended: the task must be the controller's own.

use crate::model::Role;
use crate::model::vocab::{Article6, PUBLIC_TASK_OF_THE_CONTROLLER};
use crate::rules::helpers::{is_public_authority, partner, partner_name, relying_parties};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A body that is not a public authority relying on a public authority's public task.
    ///
    /// ## What it checks
    /// For an agreement in force on or after 5 February 2026, that a legal basis with
    /// `article_6: public-task` relied on by a public authority is not also relied on by a
    /// controller that is not one (`public_authority: false`): each needs its own basis.
    ///
    /// ## Why it matters
    /// UK GDPR Article 6(1)(e) as amended by the Data (Use and Access) Act 2025 s.70(2)(a)
    /// (in force 5 February 2026, SI 2026/82) covers processing necessary for "a task of the
    /// controller carried out in the public interest or a task carried out in the exercise of
    /// official authority vested in the controller". A charity or company that shares a
    /// council's basis is relying on the council's task, not its own. It may have a public
    /// task of its own where a law gives it one (record that on its own basis, with the law),
    /// or rely on another basis such as legitimate interests.
    ///
    /// ## Example
    /// ```yaml
    /// - id: referral
    ///   article_6: public-task
    ///   relied_on_by: [council, charity]   # the charity is not a public authority
    /// ```
    ///
    /// ## Fix
    /// Give the body its own legal basis (`relied_on_by: [charity]`) with the law that vests
    /// the task in it, or with the basis it really relies on.
    pub static PUBLIC_TASK_OF_ANOTHER = {
        code: "L032",
        name: "public-task-of-another",
        family: Legal,
        severity: Warning,
        check: Some(check_public_task_of_another),
    };
}

fn check_public_task_of_another(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let Some(date) = a.document.legal_date() else {
            continue;
        };
        if date < PUBLIC_TASK_OF_THE_CONTROLLER.in_force_date() {
            continue;
        }
        for (i, basis) in a.legal_bases.iter().enumerate() {
            if basis.article_6 != Some(Article6::PublicTask) {
                continue;
            }
            let relying = relying_parties(a, basis);
            let Some(authority) = relying
                .iter()
                .find(|id| is_public_authority(workspace, a, id))
            else {
                continue;
            };
            for id in &relying {
                let known_non_authority =
                    partner(workspace, a, id).is_some_and(|p| !p.public_authority);
                let processor = a
                    .parties
                    .iter()
                    .any(|p| p.partner.as_str() == *id && p.role == Role::Processor);
                if known_non_authority && !processor {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/article_6"),
                        format!(
                            "{} ({id}) is not a public authority but relies on the public task basis `{}` with {} ({authority}); since 5 February 2026 Article 6(1)(e) covers only a task of the controller",
                            partner_name(workspace, a, id),
                            basis.id,
                            partner_name(workspace, a, authority)
                        ),
                    )
                    .hint("give this body its own legal basis (`relied_on_by`) with the law that vests the task in it, or the basis it really relies on");
                }
            }
        }
    }
}
