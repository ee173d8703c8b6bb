//! Facts a real document leaves silent: the `not-stated` values and the omitted fields that
//! mean "not stated". They are missing information, not legal errors: one warning each, with
//! a hint, so the gap is listed and the document still prints "Not stated".

use super::{Rule, Sink, declare_rule};
use crate::model::{DataCategory, Frequency, TransferMethod};
use crate::workspace::Workspace;

/// Every rule of the file.
pub static RULES: &[&Rule] = &[&INFORMATION_NOT_STATED];

declare_rule! {
    /// Something the checks need is recorded as not stated.
    ///
    /// ## What it checks
    /// Flags each fact a definition records as not stated: a flow's `method` or `frequency`
    /// set to `not-stated`; a data item's `category` set to `not-stated`; an agreement with
    /// no `flows`; a protocol whose `governance` omits `oversight`, `joining`,
    /// `withdrawal` or `dispute_resolution`; and a document that states no `version`.
    ///
    /// ## Why it matters
    /// Other rules cannot check what is not written. Without the method, whether the transfer
    /// is secure (UK GDPR Article 32; G008) cannot be judged; without the frequency, whether a
    /// basis suits routine sharing (Recital 46; L010) cannot be judged. Without a data item's
    /// category, nobody can tell whether special category data (Article 9(1); L001) or
    /// criminal offence data (Article 10; L004) is shared, so those rules cannot run for it.
    /// The ICO Data Sharing Code lists the flows, the governance arrangements, joining and
    /// withdrawal among what an agreement or protocol should record. Without a version, a
    /// signature cannot say which text it covers, so a later change cannot be told from the
    /// text signed (UK GDPR Article 5(2), accountability). These are gaps to fill,
    /// not findings that the sharing is unlawful, so the rule warns.
    ///
    /// ## Example
    /// ```yaml
    /// data_items:
    ///   - id: history
    ///     name: Relevant history
    ///     category: not-stated
    /// ```
    ///
    /// ## Fix
    /// Find out and record the fact (the category, method or frequency; the flows; the
    /// governance arrangement; the version), or ask the document's owner to add it at the
    /// next review.
    pub static INFORMATION_NOT_STATED = {
        code: "G024",
        name: "information-not-stated",
        family: Governance,
        severity: Warning,
        check: Some(check_not_stated),
    };
}

fn check_not_stated(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        if document.definition.document().version.is_none() {
            sink.report(
                doc,
                "/document",
                "the document does not state its version, so no signature can say which text it covers",
            )
            .on_key()
            .hint("add `version:` (for example \"1.0\") to `document`, and a `version_history` entry");
        }
    }
    for (doc, a) in workspace.agreements() {
        if a.flows.is_empty() {
            sink.report(doc, "/flows", "the agreement lists no flows: what moves between which parties is not stated")
                .hint("add a `flows` entry for each movement of data (from, to, items, purposes, method, frequency)");
        }
        for (i, item) in a.data_items.iter().enumerate() {
            if item.category == DataCategory::NotStated {
                sink.report(
                    doc,
                    format!("/data_items/{i}/category"),
                    format!(
                        "data item `{}` does not state its category, so whether special category or criminal offence data is shared cannot be checked",
                        item.id
                    ),
                )
                .hint("set `category:` (personal, special-category with its type, criminal-offence, pseudonymised or anonymised)");
            }
        }
        for (i, flow) in a.flows.iter().enumerate() {
            if flow.method == TransferMethod::NotStated {
                sink.report(
                    doc,
                    format!("/flows/{i}/method"),
                    format!("flow `{}` does not state how the data moves, so whether the method is secure cannot be checked", flow.id),
                )
                .hint("set `method:` (for example secure-email, secure-portal or shared-system)");
            }
            if flow.frequency == Frequency::NotStated {
                sink.report(
                    doc,
                    format!("/flows/{i}/frequency"),
                    format!("flow `{}` does not state how often the data moves", flow.id),
                )
                .hint("set `frequency:` (for example on-request, daily or monthly)");
            }
        }
    }
    for (doc, p) in workspace.protocols() {
        let g = &p.governance;
        for (field, value, what) in [
            ("oversight", &g.oversight, "who oversees the protocol"),
            ("joining", &g.joining, "how a new body joins"),
            ("withdrawal", &g.withdrawal, "how a partner withdraws"),
            (
                "dispute_resolution",
                &g.dispute_resolution,
                "how disputes are resolved",
            ),
        ] {
            if value.is_none() {
                sink.report(
                    doc,
                    "/governance",
                    format!("the protocol does not state {what}"),
                )
                .on_key()
                .hint(format!("add `{field}:` to `governance`"));
            }
        }
    }
}
