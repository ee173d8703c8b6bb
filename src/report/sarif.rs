//! The `sarif` format: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. The
//! driver lists every rule with its documentation, so a viewer can explain each finding; each
//! result carries a partial fingerprint that survives edits elsewhere in the file.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::gitlab::fingerprint;
use super::{ReportContext, Reporter, TOOL_NAME, TOOL_URI, TOOL_VERSION};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::rules;

/// SARIF 2.1.0.
pub struct Sarif;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file path as a relative URI reference: forward slashes, reserved characters escaped.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

fn physical(location: &Location) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&location.file) },
            "region": {
                "startLine": location.line,
                "startColumn": location.column,
                "endLine": location.end_line.max(location.line),
                "endColumn": location.end_column.max(1),
            }
        }
    })
}

fn result(d: &Diagnostic, rule_index: usize, occurrence: usize) -> Value {
    let mut text = d.message.clone();
    if let Some(hint) = &d.hint {
        text.push_str(&format!(" Help: {hint}"));
    }
    let mut result = json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [physical(&d.location)],
        "partialFingerprints": { "isagenFinding/v1": fingerprint(d, occurrence) },
    });
    if !d.related.is_empty() {
        result["relatedLocations"] = Value::Array(
            d.related
                .iter()
                .enumerate()
                .map(|(id, r)| {
                    let mut location = physical(&r.location);
                    location["id"] = json!(id);
                    location["message"] = json!({ "text": r.message });
                    location
                })
                .collect(),
        );
    }
    result
}

impl Reporter for Sarif {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let registry = rules::registry();
        let rule_entries: Vec<Value> = registry
            .iter()
            .map(|rule| {
                let documentation = rule.documentation();
                json!({
                    "id": rule.code,
                    "name": rule.name,
                    "shortDescription": { "text": rule.summary() },
                    "fullDescription": { "text": documentation },
                    "help": { "text": documentation, "markdown": documentation },
                    "defaultConfiguration": { "level": level(rule.severity) },
                    "properties": { "tags": ["information-sharing", rule.family.as_str()] },
                })
            })
            .collect();
        let mut seen = std::collections::HashMap::new();
        let results: Vec<Value> = context
            .diagnostics
            .iter()
            .map(|d| {
                let index = registry.iter().position(|r| r.code == d.code).unwrap_or(0);
                let key = (
                    d.code,
                    d.location.file.clone(),
                    d.location.pointer.clone(),
                    d.message.clone(),
                );
                let occurrence = seen.entry(key).or_insert(0usize);
                *occurrence += 1;
                result(d, index, *occurrence)
            })
            .collect();
        let log = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {
                    "driver": {
                        "name": TOOL_NAME,
                        "version": TOOL_VERSION,
                        "semanticVersion": TOOL_VERSION,
                        "informationUri": TOOL_URI,
                        "rules": rule_entries,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }]
        });
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}
