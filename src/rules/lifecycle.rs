//! The lifecycle family (`D`): review and expiry dates, their order, and signatures for the
//! version in force. Dates are judged against today, or `--today` for reproducible runs.

use super::{Rule, Sink, declare_rule};
use crate::model::{Date, Definition, Role, Status, has_accepted};
use crate::workspace::Workspace;

/// Every rule of the family.
pub static RULES: &[&Rule] = &[
    &REVIEW_DATE_PASSED,
    &EXPIRED,
    &REVIEW_DUE_SOON,
    &IMPOSSIBLE_DATE_ORDER,
    &MISSING_REVIEW_DATE,
    &REVIEW_INTERVAL_TOO_LONG,
    &UNSIGNED_CURRENT_VERSION,
    &MISSING_VERSION_HISTORY_ENTRY,
    &AGREEMENT_OUTLIVES_PROTOCOL,
    &AGREEMENT_UNDER_INACTIVE_PROTOCOL,
];

declare_rule! {
    /// A document in force whose review date has passed.
    ///
    /// ## What it checks
    /// That an approved or live document's `review` date is not before today (or `--today`).
    ///
    /// ## Why it matters
    /// UK GDPR Article 5(2), accountability, and Article 24(1) (measures "shall be reviewed
    /// and updated where necessary"); the ICO Data Sharing Code recommends reviewing an
    /// agreement regularly to check the sharing is still necessary, lawful and proportionate.
    /// Sharing on an unreviewed agreement is sharing nobody has recently checked.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   status: live
    ///   review: 2025-04-01   # in the past
    /// ```
    ///
    /// ## Fix
    /// Review the document, then record the new version and its next review date (or retire it).
    pub static REVIEW_DATE_PASSED = {
        code: "D001",
        name: "review-date-passed",
        family: Lifecycle,
        severity: Error,
        check: Some(check_review_passed),
    };
}

declare_rule! {
    /// A document in force after its expiry date.
    ///
    /// ## What it checks
    /// That an approved or live document's `expiry` date is not before today.
    ///
    /// ## Why it matters
    /// Past its `expiry` the document no longer records terms the parties have agreed, while
    /// its status says data is still shared under it. Each controller's lawful basis comes
    /// from the law, not the agreement, but the agreement is how the parties show their
    /// accountability for the sharing (UK GDPR Article 5(2); the ICO Data Sharing Code,
    /// section "Data sharing agreements": an agreement "can form a major part of your
    /// compliance with the accountability principle"), and that record has lapsed.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   status: live
    ///   expiry: 2026-03-31
    /// ```
    ///
    /// ## Fix
    /// Renew the document with a new version and expiry date, or set its status to `retired` and
    /// stop sharing.
    pub static EXPIRED = {
        code: "D002",
        name: "expired",
        family: Lifecycle,
        severity: Error,
        check: Some(check_expired),
    };
}

declare_rule! {
    /// A document in force whose review falls due soon.
    ///
    /// ## What it checks
    /// That an approved or live document's review date is not within the review window (60 days
    /// unless `[lifecycle] review_window_days` says otherwise).
    ///
    /// ## Why it matters
    /// Reviews of multi-party agreements take weeks to arrange; a warning ahead of the date gives
    /// time to review before the agreement goes out of date.
    ///
    /// Source: UK GDPR Article 24(1), measures "shall be reviewed and updated where necessary";
    /// the window is a house setting (`[lifecycle] review_window_days`), so this is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   review: 2027-01-10   # within 60 days
    /// ```
    ///
    /// ## Fix
    /// Start the review; the warning clears once a new review date is recorded.
    pub static REVIEW_DUE_SOON = {
        code: "D003",
        name: "review-due-soon",
        family: Lifecycle,
        severity: Warning,
        check: Some(check_review_soon),
    };
}

declare_rule! {
    /// Dates in an impossible order.
    ///
    /// ## What it checks
    /// That the effective date is not before approval; the review and expiry dates are not before
    /// approval or the effective date; the date last reviewed (`last_reviewed`) is not after the
    /// date the next review is due (`review`) nor after today (or `--today`); and version
    /// history entries are in date order.
    ///
    /// ## Why it matters
    /// Dates in the wrong order are usually typing mistakes, and they make lifecycle checks (and
    /// the document itself) unreliable. A review sets the date of the next one, so a document
    /// last reviewed after its review date carries a review date nobody moved on.
    ///
    /// Source: UK GDPR Article 5(2): a document's dates are how the parties show which terms
    /// applied when.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   approved: 2026-05-01
    ///   effective: 2026-04-01   # before approval
    ///   review: 2027-04-01
    ///   last_reviewed: 2027-05-01   # after the review date
    /// ```
    ///
    /// ## Fix
    /// Correct the date the message names.
    pub static IMPOSSIBLE_DATE_ORDER = {
        code: "D004",
        name: "impossible-date-order",
        family: Lifecycle,
        severity: Error,
        check: Some(check_date_order),
    };
}

declare_rule! {
    /// A document under review, approved or live with no review date.
    ///
    /// ## What it checks
    /// That a document with status `review`, `approved` or `live` has `document.review`. Drafts
    /// and retired documents are exempt.
    ///
    /// ## Why it matters
    /// The ICO Data Sharing Code expects every agreement to set when it will be reviewed; without
    /// a date, nothing prompts the review.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   status: live
    ///   # no review
    /// ```
    ///
    /// ## Fix
    /// Add `review:` with the date by which the document must be reviewed (usually a year after
    /// it takes effect).
    pub static MISSING_REVIEW_DATE = {
        code: "D005",
        name: "missing-review-date",
        family: Lifecycle,
        severity: Error,
        check: Some(check_review_missing),
    };
}

declare_rule! {
    /// Reviews further apart than three years.
    ///
    /// ## What it checks
    /// That the review date is no more than three years (or `[lifecycle]
    /// max_review_interval_months`) after the effective date (else approval), and that
    /// `review_interval_months` is no longer than that.
    ///
    /// ## Why it matters
    /// UK GDPR Article 24(1): the controller's measures "shall be reviewed and updated where
    /// necessary". No statute sets an interval; three years is isagen's house rule (set
    /// `[lifecycle] max_review_interval_months` in `isagen.toml` for the partnership's own),
    /// and annual review is common practice. The law, the parties and the sharing change, and
    /// an agreement left for years drifts from what happens, so the rule warns.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   effective: 2026-04-01
    ///   review: 2030-04-01
    /// ```
    ///
    /// ## Fix
    /// Set an earlier review date and a shorter interval.
    pub static REVIEW_INTERVAL_TOO_LONG = {
        code: "D006",
        name: "review-interval-too-long",
        family: Lifecycle,
        severity: Warning,
        check: Some(check_interval),
    };
}

declare_rule! {
    /// A live document that a party has not signed in its current version.
    ///
    /// ## What it checks
    /// For live documents: that every party (an agreement's parties, a protocol's partners) has
    /// accepted the document's version, either by a signature whose `version` is the
    /// document's version or by an `acceptance` record held elsewhere that covers it for that
    /// version (an entry in `acceptance.recorded`, or `acceptance.all_parties`). An
    /// `acceptance` that names only who holds the record and how parties accept covers nobody:
    /// it must say which version was accepted.
    ///
    /// Processors are not asked to sign: in an agreement, a party with `role: processor`; in a
    /// protocol, a partner that every agreement checked with it names only as a processor.
    /// They act under an Article 28 contract with their controller, not under the
    /// controller-to-controller agreement (ICO Data Sharing Code of Practice, "Deciding to
    /// share data"; UK GDPR Article 28(3)). A party whose role is `not-stated` is still asked.
    ///
    /// ## Why it matters
    /// A party that has not accepted the version in operation has not agreed to it. The ICO
    /// Data Sharing Code expects each organisation to sign up to the agreement it shares under;
    /// it does not require the signature to be in the document, so a record held by the lead
    /// body ("each party shall sign a copy and email acceptance to Public Health Wales")
    /// counts, once it says who accepted which version.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   status: live
    ///   version: "2.0"
    /// signatures:
    ///   - partner: trust
    ///     version: "1.0"
    /// ```
    ///
    /// Acceptance held elsewhere, which covers it:
    /// ```yaml
    /// acceptance:
    ///   held_by: Public Health Wales
    ///   method: email-acceptance
    ///   all_parties: {version: "2.0", accepted_on: 2026-03-01}
    /// ```
    ///
    /// ## Fix
    /// Record each party's signature of the current version, or its acceptance in
    /// `acceptance`, or set the status back to approved until it is accepted.
    pub static UNSIGNED_CURRENT_VERSION = {
        code: "D007",
        name: "unsigned-current-version",
        family: Lifecycle,
        severity: Error,
        check: Some(check_unsigned),
    };
}

declare_rule! {
    /// No version history entry for the current version.
    ///
    /// ## What it checks
    /// That `version_history` has an entry whose version is the document's version.
    ///
    /// ## Why it matters
    /// The version history is how readers and signatories see what changed; a current version
    /// that is not in it has undocumented changes.
    ///
    /// Source: UK GDPR Article 5(2): the parties must be able to demonstrate what they agreed
    /// and when it changed; a version history is the usual way, so this is a warning.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   version: "1.1"
    ///   version_history:
    ///     - version: "1.0"
    /// ```
    ///
    /// ## Fix
    /// Add a `version_history` entry for the current version with its date and changes.
    pub static MISSING_VERSION_HISTORY_ENTRY = {
        code: "D008",
        name: "missing-version-history-entry",
        family: Lifecycle,
        severity: Warning,
        check: Some(check_history),
    };
}

declare_rule! {
    /// An agreement that starts after its protocol has expired, or outlives it.
    ///
    /// ## What it checks
    /// Against the `expiry` date of the protocol an agreement is made under:
    /// - an error when the agreement takes effect (its effective date, else its approval date)
    ///   after the protocol has expired;
    /// - a warning when the agreement's own expiry, or its review date, is after the
    ///   protocol's expiry.
    ///
    /// ## Why it matters
    /// An agreement made under a protocol adopts the protocol's commitments and governance
    /// (breach handling, rights, review, withdrawal). One that comes into force after the
    /// protocol has expired is made under terms no longer in force between the partners: the
    /// provisions it adopts bind nobody, so the accountability the ICO Data Sharing Code
    /// looks to an agreement for (UK GDPR Article 5(2)) is missing from its first day, which
    /// is a defect. An agreement that merely runs, or is reviewed, past the protocol's expiry
    /// may still be sound if the protocol is renewed in time, so those cases are warnings: the
    /// agreement must be reviewed, or the protocol renewed, by then.
    ///
    /// ## Example
    /// ```yaml
    /// # protocol expiry 2027-03-31, agreement effective 2027-06-01 (error)
    /// # protocol expiry 2027-03-31, agreement review 2027-09-01 (warning)
    /// ```
    ///
    /// ## Fix
    /// Renew the protocol (a new version with a later expiry) before the agreement takes
    /// effect, or bring the agreement's dates within the protocol's term.
    pub static AGREEMENT_OUTLIVES_PROTOCOL = {
        code: "D009",
        name: "agreement-outlives-protocol",
        family: Lifecycle,
        severity: Error,
        check: Some(check_outlives),
    };
}

declare_rule! {
    /// An agreement in force under a protocol that is not.
    ///
    /// ## What it checks
    /// That an approved or live agreement's protocol is itself approved or live.
    ///
    /// ## Why it matters
    /// An agreement under a draft or retired protocol relies on commitments the partners have not
    /// agreed, or no longer agree to.
    ///
    /// Source: UK GDPR Article 5(2); the ICO Data Sharing Code, section "Data sharing
    /// agreements": the terms adopted from a protocol not in force record no agreed
    /// accountability.
    ///
    /// ## Example
    /// ```yaml
    /// # agreement status: live; protocol status: draft
    /// ```
    ///
    /// ## Fix
    /// Approve the protocol first, or move the agreement to a protocol in force.
    pub static AGREEMENT_UNDER_INACTIVE_PROTOCOL = {
        code: "D010",
        name: "agreement-under-inactive-protocol",
        family: Lifecycle,
        severity: Warning,
        check: Some(check_inactive_protocol),
    };
}

fn check_review_passed(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        if let Some(review) = d.review
            && d.status.is_in_force()
            && review < workspace.today
        {
            sink.report(
                doc,
                "/document/review",
                format!(
                    "the review date {review} has passed ({} days ago) and the document is {}",
                    review.days_until(workspace.today),
                    d.status.as_str()
                ),
            )
            .hint("review the document and record the new version and review date");
        }
    }
}

fn check_expired(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        if let Some(expiry) = d.expiry
            && d.status.is_in_force()
            && expiry < workspace.today
        {
            sink.report(
                doc,
                "/document/expiry",
                format!(
                    "the document expired on {expiry} but is still {}",
                    d.status.as_str()
                ),
            )
            .hint("renew it with a new version, or set `status: retired` and stop sharing");
        }
    }
}

fn check_review_soon(workspace: &Workspace, sink: &mut Sink) {
    let window = workspace.config.lifecycle.review_window_days as i64;
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        if let Some(review) = d.review
            && d.status.is_in_force()
        {
            let days = workspace.today.days_until(review);
            if (0..=window).contains(&days) {
                sink.report(
                    doc,
                    "/document/review",
                    format!("the review is due on {review}, in {days} days"),
                )
                .hint("start the review now; multi-party reviews take weeks to arrange");
            }
        }
    }
}

fn check_date_order(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        let pairs: [(Option<Date>, &str, Option<Date>, &str); 5] = [
            (d.approved, "approved", d.effective, "effective"),
            (d.approved, "approved", d.review, "review"),
            (d.effective, "effective", d.review, "review"),
            (d.approved, "approved", d.expiry, "expiry"),
            (d.effective, "effective", d.expiry, "expiry"),
        ];
        let mut reported = Vec::new();
        for (earlier, earlier_name, later, later_name) in pairs {
            if let (Some(a), Some(b)) = (earlier, later)
                && b < a
                && !reported.contains(&later_name)
            {
                reported.push(later_name);
                sink.report(
                    doc,
                    format!("/document/{later_name}"),
                    format!("the {later_name} date {b} is before the {earlier_name} date {a}"),
                )
                .hint("correct whichever date is wrong");
            }
        }
        // A review moves the next review date on, so the last review cannot be after it; nor
        // can it be after today.
        if let (Some(last), Some(next)) = (d.last_reviewed, d.review)
            && last > next
        {
            sink.report(
                doc,
                "/document/last_reviewed",
                format!("the document was last reviewed on {last}, after its review date {next}"),
            )
            .hint("set `review:` to the date the next review is due, or correct `last_reviewed:`");
        } else if let Some(last) = d.last_reviewed
            && last > workspace.today
        {
            sink.report(
                doc,
                "/document/last_reviewed",
                format!(
                    "the document was last reviewed on {last}, which is after today ({})",
                    workspace.today
                ),
            )
            .hint("set `last_reviewed:` to the date the last review took place");
        }
        for (i, pair) in d.version_history.windows(2).enumerate() {
            if pair[1].date < pair[0].date {
                sink.report(
                    doc,
                    format!("/document/version_history/{}/date", i + 1),
                    format!(
                        "version {} is dated {}, before version {} ({})",
                        pair[1].version, pair[1].date, pair[0].version, pair[0].date
                    ),
                )
                .hint("list versions oldest first with their correct dates");
            }
        }
    }
}

fn check_review_missing(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        if d.review.is_none()
            && matches!(d.status, Status::Review | Status::Approved | Status::Live)
        {
            sink.report(
                doc,
                "/document/status",
                format!(
                    "the document is {} but has no review date",
                    d.status.as_str()
                ),
            )
            .hint("add `review:` with the date by which it must be reviewed");
        }
    }
}

fn check_interval(workspace: &Workspace, sink: &mut Sink) {
    let max = workspace.config.lifecycle.max_review_interval_months;
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        if let (Some(start), Some(review)) = (d.legal_date(), d.review)
            && review > start.add_months(max)
        {
            sink.report(
                doc,
                "/document/review",
                format!("the review date {review} is more than {max} months after {start}"),
            )
            .hint("set an earlier review date; annual review is common practice");
        } else if let Some(months) = d.review_interval_months
            && months > max
        {
            sink.report(
                doc,
                "/document/review_interval_months",
                format!("reviews every {months} months are further apart than {max} months"),
            )
            .hint("review at least every three years; annually is common practice");
        }
    }
}

fn check_unsigned(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        if d.status != Status::Live {
            continue;
        }
        // Processors do not sign a controller-to-controller document: they act under their
        // Article 28 contract with the controller.
        let parties: Vec<(String, String)> = match &document.definition {
            Definition::Agreement(a) => a
                .parties
                .iter()
                .enumerate()
                .filter(|(_, p)| p.role != Role::Processor)
                .map(|(i, p)| (p.partner.to_string(), format!("/parties/{i}/partner")))
                .collect(),
            Definition::Protocol(p) => p
                .partners
                .iter()
                .enumerate()
                .filter(|(_, x)| !super::signoff::processor_only(workspace, p, x.id.as_str()))
                .map(|(i, p)| (p.id.to_string(), format!("/partners/{i}/id")))
                .collect(),
        };
        let signatures = document.definition.signatures();
        let acceptance = document.definition.acceptance();
        for (party, pointer) in parties {
            if has_accepted(signatures, acceptance, &party, d.version()) {
                continue;
            }
            let which = match d.version() {
                Some(v) => format!("version {v} of this live document"),
                None => "this live document".to_string(),
            };
            let finding = sink.report(doc, pointer, format!("`{party}` has not signed {which}"));
            match acceptance {
                None => finding.hint("record its signature of the current version, or set the status back to approved"),
                Some(a) => finding.hint(match d.version() {
                    Some(v) => format!(
                        "the acceptance record held by {} does not cover it for version {v}: add it to `acceptance.recorded` (or `all_parties`), or record its signature",
                        a.held_by
                    ),
                    None => format!(
                        "the acceptance record held by {} does not cover it: add it to `acceptance.recorded` (or `all_parties`), or record its signature",
                        a.held_by
                    ),
                }),
            };
        }
    }
}

fn check_history(workspace: &Workspace, sink: &mut Sink) {
    for (doc, document) in workspace.focused() {
        let d = document.definition.document();
        // A document that states no version has no current version to look for; G024 lists
        // the missing version instead.
        let Some(version) = d.version() else {
            continue;
        };
        if !d.version_history.iter().any(|h| h.version == version) {
            sink.report(
                doc,
                "/document/version",
                format!("version {version} has no entry in the version history"),
            )
            .hint("add a `version_history` entry with the date and what changed");
        }
    }
}

fn check_outlives(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let Some((protocol_doc, protocol)) = workspace.protocol_of(a) else {
            continue;
        };
        let Some(expiry) = protocol.document.expiry else {
            continue;
        };
        let start = a
            .document
            .effective
            .map(|d| (d, "/document/effective"))
            .or(a.document.approved.map(|d| (d, "/document/approved")));
        if let Some((start, pointer)) = start
            && start > expiry
        {
            sink.report(
                doc,
                pointer,
                format!("the agreement takes effect on {start}, after its protocol expired on {expiry}: the protocol terms it adopts are no longer in force"),
            )
            .hint("renew the protocol before the agreement takes effect, or make the agreement under a protocol in force")
            .related(protocol_doc, "/document/expiry", "the protocol's expiry");
            continue;
        }
        if let Some(own) = a.document.expiry
            && own > expiry
        {
            sink.report(
                doc,
                "/document/expiry",
                format!("the agreement runs until {own}, after its protocol expires on {expiry}"),
            )
            .severity(crate::diagnostic::Severity::Warning)
            .hint("renew the protocol by its expiry, or end the agreement by then")
            .related(protocol_doc, "/document/expiry", "the protocol's expiry");
        }
        if let Some(review) = a.document.review
            && review > expiry
        {
            sink.report(
                doc,
                "/document/review",
                format!("the review date {review} is after the protocol expires on {expiry}"),
            )
            .severity(crate::diagnostic::Severity::Warning)
            .hint("review the agreement by the protocol's expiry, or renew the protocol")
            .related(protocol_doc, "/document/expiry", "the protocol's expiry");
        }
    }
}

fn check_inactive_protocol(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let Some((protocol_doc, protocol)) = workspace.protocol_of(a) else {
            continue;
        };
        if a.document.status.is_in_force() && !protocol.document.status.is_in_force() {
            sink.report(
                doc,
                "/protocol",
                format!(
                    "this agreement is {} but its protocol is {}",
                    a.document.status.as_str(),
                    protocol.document.status.as_str()
                ),
            )
            .hint("approve the protocol first, or move the agreement to a protocol in force")
            .related(protocol_doc, "/document/status", "the protocol's status");
        }
    }
}
