//! International transfers over the full Chapter V toolkit after the Data (Use and Access)
//! Act 2025: derogations used for regular transfers, and approved regulations relied on for a
//! destination the regulations do not cover.

use crate::model::vocab::approved::approved_destination;
use crate::model::vocab::{TRANSFERS_REFORM, TransferMechanism};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

/// L019: any Article 49 derogation (the generic value or one of 49(1)(a) to (g) and
/// compelling legitimate interests) relied on for a transfer marked regular.
pub(super) fn check_regular_derogation(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, transfer) in a.international_transfers.iter().enumerate() {
            let Some(mechanism) = transfer.mechanism else {
                continue;
            };
            if transfer.regular == Some(true) && mechanism.is_derogation() {
                sink.report(
                    doc,
                    format!("/international_transfers/{i}/mechanism"),
                    format!(
                        "the regular transfer to {} relies on {}, which covers specific, occasional situations only, so the transfer has no Chapter V ground",
                        transfer.destination,
                        mechanism.citation()
                    ),
                )
                .hint("put an Article 46 safeguard in place (the IDTA, the UK Addendum, a legally binding instrument with a public body, or administrative arrangements between public bodies), or rely on approved regulations");
            }
        }
    }
}

declare_rule! {
    /// Approved regulations relied on for a destination they do not cover.
    ///
    /// ## What it checks
    /// That a transfer with `mechanism: approved-regulations` goes to a destination in
    /// isagen's list of destinations approved by regulations, approved on or before the
    /// agreement's effective date (else its approval date). The list: the EEA states,
    /// Gibraltar, the EU and EEA institutions, Switzerland, Canada (PIPEDA), Argentina,
    /// Guernsey, the Isle of Man, Jersey, Andorra, Israel, Uruguay, New Zealand and Japan
    /// (APPI) from 1 January 2021 (DPA 2018 Schedule 21 para 5); the Republic of Korea from
    /// 19 December 2022 (SI 2022/1213); the United States of America, for recipients in the
    /// UK Extension to the EU-US Data Privacy Framework, from 12 October 2023 (SI 2023/1028).
    /// The destination is compared as a whole name (or a common alias such as "USA"), ignoring
    /// case.
    ///
    /// ## Why it matters
    /// UK GDPR Articles 44A and 45A (inserted by the Data (Use and Access) Act 2025 Schedule 7,
    /// in force 5 February 2026; before then Article 45 and DPA 2018 s.17A): a transfer is
    /// approved by regulations only for the countries and recipients the regulations name.
    /// Anywhere else it needs an Article 46 safeguard or, for an occasional transfer, an
    /// Article 49 derogation. Where the approval is partial (the United States, Canada, Japan,
    /// the Republic of Korea), the recipient must be within its scope, which isagen cannot
    /// see: the finding's hint names the scope for those, but only the destination is checked.
    ///
    /// ## Example
    /// ```yaml
    /// international_transfers:
    ///   - destination: India
    ///     recipient: Support desk
    ///     mechanism: approved-regulations
    /// ```
    ///
    /// ## Fix
    /// Use an Article 46 safeguard (for example `international-data-transfer-agreement` with a
    /// transfer risk assessment), or correct the destination's name if it is an approved one
    /// written differently. New regulations may approve more countries: if one is missing
    /// from the list, the finding can be switched off in `isagen.toml` until isagen lists it.
    pub static TRANSFER_NOT_APPROVED = {
        code: "L029",
        name: "transfer-not-approved",
        family: Legal,
        severity: Warning,
        check: Some(check_not_approved),
    };
}

fn check_not_approved(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let date = a.document.legal_date();
        for (i, transfer) in a.international_transfers.iter().enumerate() {
            if transfer.mechanism != Some(TransferMechanism::ApprovedRegulations) {
                continue;
            }
            let pointer = format!("/international_transfers/{i}/destination");
            match approved_destination(&transfer.destination) {
                None => {
                    let regime = if date.is_some_and(|d| d < TRANSFERS_REFORM.in_force_date()) {
                        "adequacy regulations (Article 45, DPA 2018 s.17A)"
                    } else {
                        "approved regulations (Article 45A)"
                    };
                    sink.report(
                        doc,
                        pointer,
                        format!(
                            "the transfer to {} relies on approved regulations, but {} is not among the destinations approved by {regime}",
                            transfer.destination, transfer.destination
                        ),
                    )
                    .hint("use an Article 46 safeguard with a transfer risk assessment, or write the destination as the regulations name it");
                }
                Some(approved) => {
                    let in_force = approved.provision.in_force_date();
                    if let Some(date) = date.filter(|d| *d < in_force) {
                        sink.report(
                            doc,
                            pointer,
                            format!(
                                "{} was approved from {in_force} ({}), after this agreement's date {date}",
                                approved.name, approved.provision.citation
                            ),
                        )
                        .hint("record the safeguard relied on before the approval, or issue a new version");
                    }
                }
            }
        }
    }
}
