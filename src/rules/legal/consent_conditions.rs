//! Consent recorded beside a Schedule 1 condition that is met only without consent.

use crate::model::vocab::{Article6, Article9Condition};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// Consent relied on beside a Schedule 1 condition that requires processing without
    /// consent.
    ///
    /// ## What it checks
    /// That a legal basis relying on consent (`article_6: consent` or `article_9:
    /// explicit-consent`) does not also name a Schedule 1 condition that is met only when the
    /// processing is carried out without the data subject's consent: para 10 (preventing or
    /// detecting unlawful acts), 11 (protecting the public), 12 (regulatory requirements),
    /// 17 (counselling), 18 (safeguarding of children and individuals at risk), 19 (economic
    /// well-being) and 28 (standards of behaviour in sport).
    ///
    /// ## Why it matters
    /// DPA 2018 Schedule 1, from the text of each paragraph: para 10(1)(b), 11(1)(b) and
    /// 28(1)(b) require that the processing "must be carried out without the consent of the
    /// data subject"; para 12(1)(b) that "the controller cannot reasonably be expected to
    /// obtain the consent"; paras 17(1)(b), 18(1)(c) and 19(1)(c) that it "is carried out
    /// without the consent of the data subject" for a listed reason. A basis that records
    /// both cannot be true of the same processing: either consent is sought and relied on, or
    /// the condition applies because it is not.
    ///
    /// ## Example
    /// ```yaml
    /// - id: early-help
    ///   article_6: consent
    ///   article_9: explicit-consent
    ///   schedule_1: [safeguarding-children-and-individuals-at-risk]
    /// ```
    ///
    /// ## Fix
    /// Split the basis in two: consent for the sharing done with agreement, and the
    /// Schedule 1 condition (with public task) for the sharing done without it, each covering
    /// its own flows or purposes.
    pub static CONSENT_WITH_NO_CONSENT_CONDITION = {
        code: "L031",
        name: "consent-with-no-consent-condition",
        family: Legal,
        severity: Warning,
        check: Some(check_consent_with_condition),
    };
}

fn check_consent_with_condition(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let consent = basis.article_6 == Some(Article6::Consent)
                || basis.article_9 == Some(Article9Condition::ExplicitConsent);
            if !consent {
                continue;
            }
            for (j, condition) in basis.schedule_1.iter().enumerate() {
                if condition.requires_processing_without_consent() {
                    sink.report(
                        doc,
                        format!("/legal_bases/{i}/schedule_1/{j}"),
                        format!(
                            "legal basis `{}` relies on consent, but {} is met only when the processing is carried out without the data subject's consent",
                            basis.id,
                            condition.citation()
                        ),
                    )
                    .hint("split the basis: consent for the sharing done with agreement, the Schedule 1 condition for the sharing done without it");
                }
            }
        }
    }
}
