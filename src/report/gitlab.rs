//! The `gitlab` format: GitLab Code Quality JSON, shown in merge request widgets. Each finding
//! has a fingerprint that is stable across runs (it hashes the rule, file, JSON pointer and
//! message, not the line, so moving text does not make a finding look new) and unique within
//! the report.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{ReportContext, Reporter};
use crate::diagnostic::{Diagnostic, Severity};

/// GitLab Code Quality.
pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// A stable fingerprint: the rule, file, pointer and message, and the occurrence number among
/// identical findings.
pub fn fingerprint(d: &Diagnostic, occurrence: usize) -> String {
    let mut hasher = Sha256::new();
    for part in [d.code, &d.location.file, &d.location.pointer, &d.message] {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    hasher.update(occurrence.to_le_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Reporter for Gitlab {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut seen: HashMap<(String, &str, &str, &str), usize> = HashMap::new();
        let issues: Vec<Issue<'_>> = context
            .diagnostics
            .iter()
            .map(|d| {
                let key = (
                    d.code.to_string(),
                    d.location.file.as_str(),
                    d.location.pointer.as_str(),
                    d.message.as_str(),
                );
                let occurrence = seen.entry(key).or_insert(0);
                *occurrence += 1;
                let description = match &d.hint {
                    Some(hint) => format!("[{}] {} ({hint})", d.code, d.message),
                    None => format!("[{}] {}", d.code, d.message),
                };
                Issue {
                    description,
                    check_name: d.rule,
                    fingerprint: fingerprint(d, *occurrence),
                    severity: match d.severity {
                        Severity::Error => "critical",
                        Severity::Warning => "minor",
                        Severity::Info => "info",
                    },
                    location: Location {
                        path: &d.location.file,
                        lines: Lines {
                            begin: d.location.line,
                            end: d.location.end_line.max(d.location.line),
                        },
                    },
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}
