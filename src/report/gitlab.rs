//! The `gitlab` format: GitLab Code Quality JSON (a subset of the Code Climate issue format),
//! shown in merge request widgets and diffs.
//!
//! A JSON array with one object per finding: `description` (the message, then the hint),
//! `check_name` (the rule code), `fingerprint`, `severity` (`critical` for errors, `minor` for
//! warnings, `info` for notes) and `location` (`path` and `lines.begin`/`lines.end`).
//!
//! A finding an exception accepts is listed at `info` severity, its description starting
//! "accepted by NAME (ROLE) on DATE: REASON", with the fingerprint it has when not accepted,
//! so the widget shows it as accepted rather than dropping it or calling it critical.
//!
//! GitLab compares fingerprints between the source and target branches to tell new findings
//! from fixed ones, so each fingerprint is stable across runs and unique within the report: it
//! hashes the rule, file, JSON pointer and message, not the line (moving text does not make a
//! finding look new), plus an occurrence number for identical findings. Paths are written as
//! given, less a leading `./`; run isagen from the repository root with relative paths so they
//! match the files in the merge request.

use std::io::{self, Write};

use serde::Serialize;

use super::{ReportContext, Reporter, ci_path, fingerprints, full_message, region};
use crate::diagnostic::Severity;

/// GitLab Code Quality.
pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// The Code Quality severity of a finding.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "critical",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Reporter for Gitlab {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let findings = context.all_findings();
        let issues: Vec<Issue<'_>> = findings
            .iter()
            .zip(fingerprints(findings.iter().map(|(d, _)| *d)))
            .map(|((d, accepted), fingerprint)| {
                let (begin, _, end, _) = region(&d.location);
                let description = match accepted {
                    Some(a) => format!(
                        "accepted by {} on {}: {} — {}",
                        a.accepted_by,
                        a.accepted_on,
                        a.reason,
                        full_message(d, " — ", false)
                    ),
                    None => full_message(d, " — ", false),
                };
                Issue {
                    description,
                    check_name: d.code,
                    fingerprint,
                    severity: match accepted {
                        Some(_) => "info",
                        None => severity(d.severity),
                    },
                    location: Location {
                        path: ci_path(&d.location.file),
                        lines: Lines { begin, end },
                    },
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::report::test_support::{diagnostic, render};

    #[test]
    fn one_issue_per_finding_with_unique_fingerprints() {
        let mut error = diagnostic("L005", Severity::Error, "./a.yaml", 59, "same");
        error.hint = Some("fix it".into());
        let findings = [
            error.clone(),
            error,
            diagnostic("R005", Severity::Warning, "a.yaml", 60, "unused"),
            diagnostic("D001", Severity::Info, "a.yaml", 61, "note"),
        ];
        let issues: Value = serde_json::from_str(&render(&Gitlab, &findings, &["a.yaml"])).unwrap();
        let issues = issues.as_array().unwrap();
        assert_eq!(issues.len(), 4);
        let mut first = issues[0].clone();
        let fingerprint = first["fingerprint"].take();
        assert_eq!(
            first,
            json!({
                "description": "same — help: fix it",
                "check_name": "L005",
                "fingerprint": null,
                "severity": "critical",
                "location": { "path": "a.yaml", "lines": { "begin": 59, "end": 59 } },
            })
        );
        assert_eq!(fingerprint.as_str().unwrap().len(), 64);
        let unique: std::collections::HashSet<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        assert_eq!(unique.len(), 4);
        let severities: Vec<&str> = issues
            .iter()
            .map(|i| i["severity"].as_str().unwrap())
            .collect();
        assert_eq!(severities, ["critical", "critical", "minor", "info"]);
    }

    #[test]
    fn no_findings_is_an_empty_array() {
        assert_eq!(render(&Gitlab, &[], &["a.yaml"]), "[]\n");
    }
}
