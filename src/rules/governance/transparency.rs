//! Transparency for every category of data subject, each recipient controller's privacy
//! information or a recorded Article 14(5) exception.

use crate::model::Role;
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A category of data subject with no privacy information from a controller that
    /// receives their data, and no Article 14(5) exception recorded.
    ///
    /// ## What it checks
    /// For each flow, each receiving controller and each data subject category the flow is
    /// about (its `data_subjects`), that one of that controller's `privacy_notices` covers the
    /// category (a notice with no `data_subjects` covers all), or that the category records
    /// `article_14_5`. A controller with no privacy notice at all is G009's finding, not this
    /// rule's.
    ///
    /// ## Why it matters
    /// UK GDPR Article 14: a controller that obtains personal data from someone other than
    /// the data subject must give them the privacy information, unless an exception in
    /// Article 14(5) applies (they already have it, it is impossible or would involve
    /// disproportionate effort, the law requires the disclosure, or it must stay confidential
    /// under a duty of professional secrecy); for 14(5)(b) the controller must take
    /// appropriate measures, including making the information publicly available. The ICO's
    /// Data Sharing Code (section on transparency) expects each controller to be clear with
    /// every group of people whose data is shared.
    ///
    /// ## Example
    /// ```yaml
    /// privacy_notices:
    ///   - party: council
    ///     reference: https://council.example/privacy/adults
    ///     data_subjects: [adults]
    /// flows:
    ///   - to: council
    ///     data_subjects: [carers]      # not covered, no article_14_5
    /// ```
    ///
    /// ## Fix
    /// Add the category to a notice's `data_subjects` (or publish one for it), or record the
    /// exception relied on in the data subject's `article_14_5`.
    pub static DATA_SUBJECTS_NOT_INFORMED = {
        code: "G027",
        name: "data-subjects-not-informed",
        family: Governance,
        severity: Warning,
        check: Some(check_transparency),
    };
}

fn check_transparency(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            let mut recipients: Vec<&str> = flow
                .pairs(a)
                .into_iter()
                .map(|(_, to)| to.as_str())
                .filter(|to| {
                    !a.parties
                        .iter()
                        .any(|p| p.partner.as_str() == *to && p.role == Role::Processor)
                })
                .collect();
            recipients.sort_unstable();
            recipients.dedup();
            for (k, subject_id) in flow.data_subjects.iter().enumerate() {
                let Some(subject) = a.data_subjects.iter().find(|s| &s.id == subject_id) else {
                    continue;
                };
                if subject.article_14_5.is_some() {
                    continue;
                }
                for party in &recipients {
                    let notices: Vec<_> = a
                        .privacy_notices
                        .iter()
                        .filter(|n| n.party.as_str() == *party)
                        .collect();
                    if notices.is_empty() {
                        continue;
                    }
                    let covered = notices.iter().any(|n| {
                        n.data_subjects.is_empty() || n.data_subjects.contains(subject_id)
                    });
                    if !covered {
                        sink.report(
                            doc,
                            format!("/flows/{i}/data_subjects/{k}"),
                            format!(
                                "`{party}` receives data about `{subject_id}` in flow `{}`, but none of its privacy notices covers them and no Article 14(5) exception is recorded",
                                flow.id
                            ),
                        )
                        .hint("add the category to a notice's `data_subjects`, or record the exception in the data subject's `article_14_5`");
                    }
                }
            }
        }
    }
}
