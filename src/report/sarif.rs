//! The `sarif` format: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
//!
//! One run. The driver names the tool and describes every rule in the registry, in registry
//! order: `id` is the code, `name` the kebab-case name, `shortDescription` the first line of the
//! rule's documentation, `fullDescription` and `help` (text and Markdown) the whole of it,
//! `defaultConfiguration.level` its default severity (`error`, `warning` or `note`) and
//! `properties.tags` its family. Each result gives `ruleId` and `ruleIndex` (into that list),
//! `level`, the message followed by the hint, the location (the file as a relative URI
//! reference with `/` separators and percent-encoding; an absolute path becomes a `file:` URI)
//! with its region in Unicode code points, the JSON pointer as a logical location, related
//! places, and a partial fingerprint (`isagenFinding/v1`) hashed from the rule, file, pointer and
//! message but not the line, so code scanning keeps an alert open, not new, when text above it
//! moves.
//!
//! A finding an exception accepts is a result like any other (same fingerprint, so code
//! scanning sees the alert dismissed rather than a new one), with `suppressions` (SARIF 2.1.0
//! §3.27.23, §3.35): one suppression of `kind` `inSource` (the exception is written in the
//! definition), `status` `accepted`, the reason as `justification`, the exception's place as
//! `location`, and who accepted it and when in its property bag.
//!
//! The output depends only on the findings: no timestamps, no machine names, no absolute paths
//! that were not given.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{
    Acceptance, ReportContext, Reporter, TOOL_NAME, TOOL_URI, TOOL_VERSION, fingerprints,
    full_message, region,
};
use crate::diagnostic::{Diagnostic, Location, Severity};
use crate::rules::{self, Rule};

/// SARIF 2.1.0.
pub struct Sarif;

/// The schema the log names.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The key of the partial fingerprint in each result.
const FINGERPRINT_KEY: &str = "isagenFinding/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes `path` for a URI, leaving unreserved characters and `/` as they are.
fn encode_path(path: &str) -> String {
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

/// A file name as a URI: a relative reference for a relative path (as GitHub code scanning
/// resolves against the repository root), a `file:` URI for an absolute one.
fn uri(file: &str) -> String {
    let path = super::ci_path(file);
    let bytes = path.as_bytes();
    let windows_drive = cfg!(windows)
        && bytes.len() >= 3
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && bytes[2] == b'/';
    if windows_drive {
        format!("file:///{}:{}", &path[..1], encode_path(&path[2..]))
    } else if path.starts_with('/') {
        format!("file://{}", encode_path(&path))
    } else {
        encode_path(&path)
    }
}

fn physical(location: &Location) -> Value {
    let (line, column, end_line, end_column) = region(location);
    json!({
        "artifactLocation": { "uri": uri(&location.file) },
        "region": {
            "startLine": line,
            "startColumn": column,
            "endLine": end_line,
            "endColumn": end_column,
        }
    })
}

fn rule_metadata(rule: &Rule) -> Value {
    let documentation = rule.documentation();
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": { "text": rule.summary() },
        "fullDescription": { "text": documentation },
        "help": { "text": documentation, "markdown": documentation },
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": { "tags": [rule.family.as_str()] },
    })
}

fn suppression(accepted: &Acceptance) -> Value {
    let mut properties = json!({
        "acceptedBy": accepted.accepted_by,
        "acceptedOn": accepted.accepted_on.to_string(),
    });
    if let Some(until) = accepted.until {
        properties["until"] = json!(until.to_string());
    }
    json!({
        "kind": "inSource",
        "status": "accepted",
        "justification": accepted.reason,
        "location": { "physicalLocation": physical(&accepted.location) },
        "properties": properties,
    })
}

fn result(
    d: &Diagnostic,
    accepted: Option<&Acceptance>,
    rule_index: Option<usize>,
    fingerprint: String,
) -> Value {
    let mut location = json!({ "physicalLocation": physical(&d.location) });
    if !d.location.pointer.is_empty() {
        location["logicalLocations"] = json!([{ "fullyQualifiedName": d.location.pointer }]);
    }
    let mut result = json!({ "ruleId": d.code });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    result["level"] = json!(level(d.severity));
    result["message"] = json!({ "text": full_message(d, "\n", false) });
    result["locations"] = json!([location]);
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                json!({
                    "id": id,
                    "physicalLocation": physical(&r.location),
                    "message": { "text": r.message },
                })
            })
            .collect();
    }
    result["partialFingerprints"] = json!({ FINGERPRINT_KEY: fingerprint });
    if let Some(accepted) = accepted {
        result["suppressions"] = json!([suppression(accepted)]);
    }
    result
}

/// The SARIF log for `findings` (each with the exception accepting it, if any), describing
/// every rule in `registry`.
fn log(findings: &[(&Diagnostic, Option<&Acceptance>)], registry: &[&Rule]) -> Value {
    let results: Vec<Value> = findings
        .iter()
        .zip(fingerprints(findings.iter().map(|(d, _)| *d)))
        .map(|((d, accepted), fingerprint)| {
            // A finding of a code the registry does not know (none today) keeps its `ruleId`
            // but gets no `ruleIndex`, rather than one pointing at another rule.
            let index = registry.iter().position(|r| r.code == d.code);
            result(d, *accepted, index, fingerprint)
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "version": TOOL_VERSION,
                    "semanticVersion": TOOL_VERSION,
                    "informationUri": TOOL_URI,
                    "rules": registry.iter().map(|r| rule_metadata(r)).collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

impl Reporter for Sarif {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut log = log(&context.all_findings(), &rules::registry());
        // What judged the files, in the run's property bag (SARIF 2.1.0 §3.8).
        let mut properties = serde_json::Map::new();
        if let Some(file) = &context.in_force.config_file {
            properties.insert("configuration".into(), json!(file));
        }
        if let Some(date) = context.in_force.as_of {
            properties.insert("datesAsOf".into(), json!(date.to_string()));
        }
        if !properties.is_empty() {
            log["runs"][0]["properties"] = serde_json::Value::Object(properties);
        }
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{diagnostic, related, render};

    #[test]
    fn uris_are_encoded_relative_references_or_file_uris() {
        assert_eq!(uri("./a b/c,d%e.yaml"), "a%20b/c%2Cd%25e.yaml");
        assert_eq!(uri("x:y.yaml"), "x%3Ay.yaml");
        assert_eq!(uri("caf\u{e9}.yaml"), "caf%C3%A9.yaml");
        assert_eq!(uri("/srv/my repo/a.yaml"), "file:///srv/my%20repo/a.yaml");
        if cfg!(windows) {
            assert_eq!(uri("C:\\work\\a.yaml"), "file:///C:/work/a.yaml");
        } else {
            assert_eq!(uri("C:/work/a.yaml"), "C%3A/work/a.yaml");
        }
    }

    #[test]
    fn results_point_at_their_rules() {
        let registry = rules::registry();
        let known = registry[registry.len() / 2];
        let mut found = diagnostic(known.code, Severity::Warning, "./a.yaml", 5, "found");
        found.hint = Some("fix it".into());
        found.related = vec![related("a.yaml", 2, "first here")];
        let unknown = diagnostic("X999", Severity::Info, "a.yaml", 6, "unknown");
        let log = log(&[(&found, None), (&unknown, None)], &registry);
        let run = &log["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            registry.len()
        );
        let results = run["results"].as_array().unwrap();
        let index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][index]["id"], known.code);
        assert_eq!(results[0]["level"], "warning");
        assert_eq!(results[0]["message"]["text"], "found\nhelp: fix it");
        assert_eq!(
            results[0]["locations"][0],
            json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": "a.yaml" },
                    "region": { "startLine": 5, "startColumn": 3, "endLine": 5, "endColumn": 9 }
                },
                "logicalLocations": [{ "fullyQualifiedName": "/items/5" }]
            })
        );
        assert_eq!(
            results[0]["relatedLocations"][0]["message"]["text"],
            "first here"
        );
        assert!(results[1].get("ruleIndex").is_none());
        assert_eq!(results[1]["level"], "note");
        assert_ne!(
            results[0]["partialFingerprints"][FINGERPRINT_KEY],
            results[1]["partialFingerprints"][FINGERPRINT_KEY]
        );
    }

    #[test]
    fn accepted_findings_carry_an_in_source_suppression() {
        let registry = rules::registry();
        let found = crate::report::test_support::accepted(diagnostic(
            "L005",
            Severity::Error,
            "a.yaml",
            4,
            "relies on (f)",
        ));
        let accepted_log = log(&[(&found.diagnostic, Some(&found.exception))], &registry);
        let result = &accepted_log["runs"][0]["results"][0];
        assert_eq!(result["level"], "error");
        assert_eq!(
            result["suppressions"],
            json!([{
                "kind": "inSource",
                "status": "accepted",
                "justification": "Accepted <on> purpose | by the DPO",
                "location": { "physicalLocation": {
                    "artifactLocation": { "uri": "a.yaml" },
                    "region": { "startLine": 40, "startColumn": 3, "endLine": 40, "endColumn": 9 }
                }},
                "properties": {
                    "acceptedBy": "Priya Shah (Data Protection Officer)",
                    "acceptedOn": "2026-03-02"
                }
            }])
        );
        // The fingerprint is the one the finding has when it is not accepted.
        let plain = log(&[(&found.diagnostic, None)], &registry);
        assert_eq!(
            result["partialFingerprints"],
            plain["runs"][0]["results"][0]["partialFingerprints"]
        );
    }

    #[test]
    fn no_findings_is_a_run_with_no_results() {
        let log: Value = serde_json::from_str(&render(&Sarif, &[], &["a.yaml"])).unwrap();
        assert_eq!(log["runs"][0]["results"], json!([]));
        assert_eq!(log["version"], "2.1.0");
    }
}
