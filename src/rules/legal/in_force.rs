//! The law in force on the agreement's dates: provisions used before they commence.

use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A provision relied on before it came into force.
    ///
    /// ## What it checks
    /// That a legal basis relies on Article 6(1)(ea) only when the agreement's effective date
    /// (else its approval date) is on or after 5 February 2026, the day the Data (Use and
    /// Access) Act 2025 s.70 came into force (SI 2026/82).
    ///
    /// ## Why it matters
    /// An agreement is judged against the law in force on its own dates. Sharing that began
    /// before the provision existed cannot have relied on it.
    ///
    /// Source: the Data (Use and Access) Act 2025 commences by regulations under s.142: SI
    /// 2026/82 (Commencement No. 6) reg 2 brought s.70 (Article 6(1)(ea) and Annex 1) and s.85
    /// (the new transfer rules) into force on 5 February 2026; isagen's vocabulary carries each
    /// provision's date.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   effective: 2025-09-01
    /// legal_bases:
    ///   - article_6: recognised-legitimate-interest
    /// ```
    ///
    /// ## Fix
    /// Record the basis relied on at the time, or issue a new version effective from a date
    /// when the provision is in force.
    pub static PROVISION_NOT_IN_FORCE = {
        code: "L022",
        name: "provision-not-in-force",
        family: Legal,
        severity: Error,
        check: Some(check_in_force),
    };
}

fn check_in_force(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let Some(date) = a.document.legal_date() else {
            continue;
        };
        for (i, basis) in a.legal_bases.iter().enumerate() {
            let Some(provision) = basis.article_6.and_then(|a| a.provision()) else {
                continue;
            };
            let in_force = provision.in_force_date();
            if date < in_force {
                sink.report(
                    doc,
                    format!("/legal_bases/{i}/article_6"),
                    format!(
                        "{} came into force on {in_force} ({}), after this agreement's date {date}",
                        provision.citation, provision.inserted_by
                    ),
                )
                .hint("record the basis relied on at the time, or issue a new version effective from a date the provision is in force");
            }
        }
    }
}
