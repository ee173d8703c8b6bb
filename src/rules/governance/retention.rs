//! Retention periods that say nothing: "as long as necessary", "indefinitely", "in line with
//! our policy", with no period and no criteria.

use crate::rules::{Sink, declare_rule};
use crate::workspace::Workspace;

/// Phrases that, without a number or criteria, leave the period unknown.
const VAGUE: &[&str] = &[
    "as long as necessary",
    "as long as is necessary",
    "as long as required",
    "as long as is required",
    "as long as needed",
    "no longer than necessary",
    "no longer than is necessary",
    "for as long as",
    "indefinitely",
    "indefinite",
    "permanently",
    "forever",
    "in line with our policy",
    "in line with our retention policy",
    "in accordance with our policy",
    "in accordance with our retention policy",
    "in accordance with the retention policy",
    "in line with the retention policy",
    "per our retention policy",
    "in line with local policy",
    "in accordance with local policy",
    "as per policy",
    "according to policy",
];

const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred",
];

/// Whether `period` is vague: it uses one of the phrases and names no number of years,
/// months, weeks or days, nor an event such as a birthday.
pub(crate) fn is_vague(period: &str) -> bool {
    let lower = period.to_lowercase();
    if !VAGUE.iter().any(|v| lower.contains(v)) {
        return false;
    }
    let indefinite = ["indefinite", "permanently", "forever"]
        .iter()
        .any(|v| lower.contains(v));
    if indefinite {
        return true;
    }
    let has_number = lower.chars().any(|c| c.is_ascii_digit())
        || lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| NUMBERS.contains(&w));
    !has_number && !lower.contains("birthday")
}

declare_rule! {
    /// A retention period that is vague or indefinite, with no criteria.
    ///
    /// ## What it checks
    /// That no retention entry (the agreement's own, or a protocol's default) gives as its
    /// `period` only a phrase such as "as long as necessary", "indefinitely" or "in line with
    /// our policy", with no number and no `criteria`. "Indefinitely", "permanently" and
    /// "forever" are reported even with a number.
    ///
    /// ## Why it matters
    /// UK GDPR Article 5(1)(e): personal data must be "kept in a form which permits
    /// identification of data subjects for no longer than is necessary"; Articles 13(2)(a) and
    /// 14(2)(a) require the privacy information to give "the period for which the personal
    /// data will be stored, or if that is not possible, the criteria used to determine that
    /// period". The ICO's guidance on storage limitation expects a retention schedule with
    /// standard periods. A phrase that restates the principle, or points at a policy without
    /// saying what it sets, gives a reader neither.
    ///
    /// ## Example
    /// ```yaml
    /// retention:
    ///   - party: council
    ///     period: As long as necessary
    ///     disposal: Secure deletion.
    /// ```
    ///
    /// ## Fix
    /// State the period and when it starts ("6 years after the case closes"), or the criteria
    /// that decide it in `criteria:`; for records kept permanently for archiving in the public
    /// interest, say so and under which safeguards (Article 89).
    pub static VAGUE_RETENTION = {
        code: "G025",
        name: "vague-retention",
        family: Governance,
        severity: Warning,
        check: Some(check_vague_retention),
    };
}

fn check_vague_retention(workspace: &Workspace, sink: &mut Sink) {
    for (doc, a) in workspace.agreements() {
        for (i, retention) in a.retention.iter().enumerate() {
            let indefinite = ["indefinite", "permanently", "forever"]
                .iter()
                .any(|v| retention.period.to_lowercase().contains(v));
            if is_vague(&retention.period) && (retention.criteria.is_none() || indefinite) {
                sink.report(
                    doc,
                    format!("/retention/{i}/period"),
                    format!(
                        "the retention period for `{}` (\"{}\") gives neither a period nor the criteria that decide it (Article 5(1)(e))",
                        retention.party, retention.period
                    ),
                )
                .hint("state the period and when it starts, or add `criteria:` saying what decides it");
            }
        }
    }
    for (doc, p) in workspace.protocols() {
        for (i, retention) in p.provisions.retention.iter().enumerate() {
            if is_vague(&retention.period) {
                sink.report(
                    doc,
                    format!("/provisions/retention/{i}/period"),
                    format!(
                        "the default retention period (\"{}\") gives neither a period nor the criteria that decide it (Article 5(1)(e))",
                        retention.period
                    ),
                )
                .hint("state the period and when it starts");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_vague;

    #[test]
    fn vague_periods_are_told_from_real_ones() {
        assert!(is_vague("As long as necessary"));
        assert!(is_vague("In line with our retention policy"));
        assert!(is_vague("Indefinitely"));
        assert!(is_vague("Kept indefinitely, reviewed every 5 years"));
        assert!(!is_vague("6 years after the case closes"));
        assert!(!is_vague("No longer than necessary, and at most six years"));
        assert!(!is_vague(
            "In line with our policy: 8 years after the last contact"
        ));
        assert!(!is_vague("Until the child's 25th birthday"));
    }
}
