//! DPIA screening faithful to UK GDPR Article 35(3) and the ICO's list of processing likely
//! to result in high risk, and the rule that a DPIA comes before the processing.

use crate::diagnostic::Severity;
use crate::model::vocab::SpecialCategory;
use crate::model::{Agreement, DataCategory};
use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;
use crate::workspace::chain::{Chain, Origin};

/// How strongly the law and the ICO call for a DPIA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Screening {
    /// One indicator of high risk: screen the processing and record the outcome.
    Recommended,
    /// Two or more of the European guidelines' criteria (WP248 rev.01, endorsed by the ICO).
    LikelyRequired,
    /// Article 35(3), or an item the ICO lists as requiring a DPIA on its own.
    Required,
}

impl Screening {
    fn words(self) -> &'static str {
        match self {
            Screening::Recommended => "DPIA screening is recommended",
            Screening::LikelyRequired => "a DPIA is likely to be required",
            Screening::Required => "a DPIA is required",
        }
    }
}

/// The screening outcome for an agreement, with the reasons.
pub(crate) fn screen(a: &Agreement) -> Option<(Screening, Vec<&'static str>)> {
    let items: Vec<_> = a
        .flows
        .iter()
        .flat_map(|f| f.data_items.iter())
        .filter_map(|id| a.data_items.iter().find(|d| &d.id == id))
        .collect();
    let special = items
        .iter()
        .any(|d| d.category == DataCategory::SpecialCategory);
    let criminal = items
        .iter()
        .any(|d| d.category == DataCategory::CriminalOffence);
    let biometric_or_genetic = items.iter().any(|d| {
        matches!(
            d.special_category,
            Some(SpecialCategory::Biometric | SpecialCategory::Genetic)
        )
    });
    let vulnerable = a
        .data_subjects
        .iter()
        .any(|s| s.children || s.vulnerable_adults);
    let p = &a.processing;

    let mut criteria = Vec::new();
    if special {
        criteria.push("special category data");
    }
    if criminal {
        criteria.push("criminal offence data");
    }
    if a.data_subjects.iter().any(|s| s.children) {
        criteria.push("children's data");
    }
    if a.data_subjects.iter().any(|s| s.vulnerable_adults) {
        criteria.push("vulnerable adults' data");
    }
    for (set, reason) in [
        (p.large_scale, "large-scale processing"),
        (p.data_matching, "data matching"),
        (p.new_technology, "new technology"),
        (p.automated_decisions, "automated decisions"),
    ] {
        if set {
            criteria.push(reason);
        }
    }
    if criteria.is_empty() {
        return None;
    }
    // The number of distinct WP248 criteria: sensitive data counts once, vulnerable data
    // subjects once.
    let distinct = [
        special || criminal,
        vulnerable,
        p.large_scale,
        p.data_matching,
        p.new_technology,
        p.automated_decisions,
    ]
    .iter()
    .filter(|b| **b)
    .count();
    let mut required = Vec::new();
    if p.automated_decisions {
        required.push(
            "Article 35(3)(a): automated decisions with legal or similarly significant effects",
        );
    }
    if p.large_scale && (special || criminal) {
        required
            .push("Article 35(3)(b): special category or criminal offence data on a large scale");
    }
    if p.data_matching {
        required.push("ICO list: matching or combining data sets from different sources");
    }
    if p.new_technology && distinct >= 2 {
        required.push("ICO list: innovative technology with another high-risk criterion");
    }
    if biometric_or_genetic && distinct >= 2 {
        required.push("ICO list: biometric or genetic data with another high-risk criterion");
    }
    if !required.is_empty() {
        return Some((Screening::Required, required));
    }
    if distinct >= 2 {
        return Some((Screening::LikelyRequired, criteria));
    }
    Some((Screening::Recommended, criteria))
}

/// G011: the screening outcome against what the agreement (or its protocol) records.
pub(crate) fn check_dpia(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let Some((screening, reasons)) = screen(a) else {
            continue;
        };
        let chain = Chain::new(workspace, a);
        if chain.protocol_unknown() && a.dpia.is_none() {
            // The protocol may record the DPIA that covers this sharing.
            continue;
        }
        let severity = match screening {
            Screening::Required => Severity::Error,
            Screening::LikelyRequired => Severity::Warning,
            Screening::Recommended => Severity::Info,
        };
        let place = |origin: Origin, field: &str| match origin {
            Origin::Agreement => (doc, format!("/dpia/{field}")),
            Origin::Protocol { document, .. } => (document, format!("/provisions/dpia/{field}")),
        };
        match chain.dpia().map(|r| (r.value, r.origin)) {
            None => {
                sink.report(
                    doc,
                    "/document",
                    format!(
                        "{} ({}) but none is recorded",
                        screening.words(),
                        reasons.join("; ")
                    ),
                )
                .severity(severity)
                .hint("record the DPIA in `dpia:` with its reference, date and outcome, or the screening outcome with `required: false`");
            }
            Some((dpia, origin)) if !dpia.required && screening == Screening::Required => {
                let (document, pointer) = place(origin, "required");
                sink.report(
                    document,
                    pointer,
                    format!(
                        "the DPIA is recorded as not required, but {} ({})",
                        screening.words(),
                        reasons.join("; ")
                    ),
                )
                .severity(Severity::Error)
                .hint("carry out the DPIA and record `required: true` with its reference");
            }
            Some((dpia, origin)) if dpia.required && dpia.reference.is_none() => {
                let (document, pointer) = place(origin, "required");
                sink.report(
                    document,
                    pointer,
                    "the DPIA is required but no reference to it is recorded",
                )
                .hint("add `reference:` (and `completed:` and `outcome:`)");
            }
            Some(_) => {}
        }
    }
}

declare_rule! {
    /// A DPIA completed after the processing started.
    ///
    /// ## What it checks
    /// That a required DPIA's `completed` date (the agreement's own, or its protocol's) is not
    /// after the agreement's `effective` date.
    ///
    /// ## Why it matters
    /// UK GDPR Article 35(1): where processing is likely to result in a high risk, "the
    /// controller shall, prior to the processing, carry out an assessment of the impact". An
    /// assessment finished after the sharing began cannot have shaped it; the ICO's DPIA
    /// guidance says to start it early and treat it as a living process.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   effective: 2026-02-01
    /// dpia:
    ///   required: true
    ///   reference: DPIA-2026-01
    ///   completed: 2026-03-15
    /// ```
    ///
    /// ## Fix
    /// If the DPIA really came late, record what was done in the meantime and review the
    /// processing against its outcome; a new version of the agreement effective after the
    /// DPIA records the position truthfully.
    pub static DPIA_AFTER_PROCESSING_STARTED = {
        code: "G028",
        name: "dpia-after-processing-started",
        family: Governance,
        severity: Warning,
        check: Some(check_dpia_timing),
    };
}

fn check_dpia_timing(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        let Some(effective) = a.document.effective else {
            continue;
        };
        let chain = Chain::new(workspace, a);
        let Some(resolved) = chain.dpia() else {
            continue;
        };
        let dpia = resolved.value;
        let Some(completed) = dpia.completed else {
            continue;
        };
        if !dpia.required || completed <= effective {
            continue;
        }
        let (document, pointer) = match resolved.origin {
            Origin::Agreement => (doc, "/dpia/completed".to_string()),
            Origin::Protocol { document, .. } => {
                (document, "/provisions/dpia/completed".to_string())
            }
        };
        sink.report(
            document,
            pointer,
            format!(
                "the DPIA was completed on {completed}, after the sharing took effect on {effective} (Article 35(1): before the processing)"
            ),
        )
        .hint("review the processing against the DPIA's outcome and record it; a new version effective after the DPIA records the position truthfully");
    }
}
