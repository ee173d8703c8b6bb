//! Data minimisation: an item carried by a flow that none of the flow's purposes needs.

use crate::rules::helpers::items_of;
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

declare_rule! {
    /// A data item in a flow that none of the flow's purposes needs.
    ///
    /// ## What it checks
    /// For each data item that records `needed_for` (the purposes that need it), that every
    /// flow carrying it serves at least one of those purposes. Items that leave `needed_for`
    /// empty are not checked (G014 asks for their necessity).
    ///
    /// ## Why it matters
    /// UK GDPR Article 5(1)(c): personal data must be "adequate, relevant and limited to what
    /// is necessary in relation to the purposes for which they are processed". The ICO's Data
    /// Sharing Code (section on data minimisation) asks that only the data needed for the
    /// purpose is shared. An item sent in a flow whose purposes do not need it is excess data.
    ///
    /// ## Example
    /// ```yaml
    /// data_items:
    ///   - id: ethnicity
    ///     needed_for: [monitoring]
    /// flows:
    ///   - id: referral
    ///     purposes: [care]
    ///     data_items: [name, ethnicity]
    /// ```
    ///
    /// ## Fix
    /// Remove the item from the flow, or, if the flow's purpose does need it, add that purpose
    /// to the item's `needed_for` with the reason in `necessity`.
    pub static ITEM_NOT_NEEDED_FOR_FLOW = {
        code: "G026",
        name: "item-not-needed-for-flow",
        family: Governance,
        severity: Warning,
        check: Some(check_item_needed),
    };
}

fn check_item_needed(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, flow) in a.flows.iter().enumerate() {
            for (j, _, item) in items_of(a, flow) {
                if item.needed_for.is_empty() || flow.purposes.is_empty() {
                    continue;
                }
                if flow.purposes.iter().any(|p| item.needed_for.contains(p)) {
                    continue;
                }
                let purposes: Vec<&str> = flow.purposes.iter().map(|p| p.as_str()).collect();
                sink.report(
                    doc,
                    format!("/flows/{i}/data_items/{j}"),
                    format!(
                        "flow `{}` carries `{}`, which none of its purposes ({}) needs (Article 5(1)(c))",
                        flow.id,
                        item.id,
                        purposes.join(", ")
                    ),
                )
                .hint("remove the item from the flow, or add the purpose that needs it to the item's `needed_for`");
            }
        }
    }
}
