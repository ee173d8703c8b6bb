//! The CI report formats: SARIF validates against the official SARIF 2.1.0 schema, JUnit
//! parses with the right counts, GitLab fingerprints are unique, GitHub commands are escaped.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn report(format: &str) -> String {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report"))
        .args([
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            format,
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The official SARIF 2.1.0 schema, as shipped in the `serde-sarif` crate's source (found
/// through `cargo metadata`, so no network is needed at test time).
fn sarif_schema() -> Value {
    let output = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    let metadata: Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let manifest = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "serde-sarif")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("serde-sarif is a dev-dependency");
    let schema_path: PathBuf = Path::new(manifest)
        .parent()
        .unwrap()
        .join("src/schema.json");
    let mut schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    );
    // The published schema's `language` patterns have a stray `]` that strict (ECMA-262
    // Unicode) regex engines reject; use the pattern they intend. isagen never writes `language`.
    for definition in ["run", "toolComponent"] {
        let language = format!("/definitions/{definition}/properties/language/pattern");
        let pattern = schema.pointer_mut(&language).unwrap();
        assert_eq!(pattern, "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$");
        *pattern = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
    }
    schema
}

#[test]
fn sarif_is_valid_sarif_2_1_0() {
    let text = report("sarif");
    let log: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&sarif_schema())
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // And it reads into a typed SARIF model.
    let typed: serde_sarif::sarif::Sarif = serde_json::from_str(&text).unwrap();
    assert_eq!(typed.runs.len(), 1);

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(
        rules.len(),
        isagen::rules::registry().len(),
        "every rule is described"
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let fingerprints: std::collections::HashSet<&str> = results
        .iter()
        .map(|r| {
            r["partialFingerprints"]["isagenFinding/v1"]
                .as_str()
                .unwrap()
        })
        .collect();
    assert_eq!(fingerprints.len(), 4, "fingerprints are unique");
    let duplicate = results.iter().find(|r| r["ruleId"] == "R002").unwrap();
    assert_eq!(
        duplicate["relatedLocations"][0]["message"]["text"],
        "first defined here"
    );
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        48
    );
}

#[test]
fn sarif_is_deterministic() {
    assert_eq!(report("sarif"), report("sarif"));
}

#[test]
fn junit_has_one_case_per_file_and_a_failure_per_error() {
    let text = report("junit");
    let mut reader = quick_xml::Reader::from_str(&text);
    let (mut cases, mut failures, mut outputs) = (0, 0, 0);
    let mut suite_failures = String::new();
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    b"system-out" => outputs += 1,
                    b"testsuite" => {
                        let attribute = e.try_get_attribute("failures").unwrap().unwrap();
                        suite_failures = String::from_utf8(attribute.value.to_vec()).unwrap();
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(cases, 2, "one test case per file, clean files included");
    assert_eq!(failures, 3);
    assert_eq!(suite_failures, "3");
    assert_eq!(outputs, 1, "the warning goes to system-out");
}

#[test]
fn gitlab_findings_have_unique_fingerprints() {
    let issues: Vec<Value> = serde_json::from_str(&report("gitlab")).unwrap();
    assert_eq!(issues.len(), 4);
    let fingerprints: std::collections::HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 4);
    for issue in &issues {
        assert!(["critical", "minor", "info"].contains(&issue["severity"].as_str().unwrap()));
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() > 0);
    }
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let text = report("github");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines[0].starts_with("::warning file=")
            && lines[0].contains(",title=R005 unused-definition::")
    );
    assert!(lines[1..4].iter().all(|l| l.starts_with("::error file=")));
    // The hint follows the message on an escaped new line.
    assert!(lines[1].contains("%0Ahelp: "));
    assert_eq!(lines[4], "2 files checked: 3 errors, 1 warning");
}

#[test]
fn github_step_summary_lists_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report"))
        .args([
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            "github",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(summary).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("| error") || l.starts_with("| warning"))
            .count(),
        4,
        "{text}"
    );
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isagen.sarif");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report"))
        .args([
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            "sarif",
            "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!(
            "2 files checked: 3 errors, 1 warning (report written to {})\n",
            path.display()
        )
    );
    let log: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(log["version"], "2.1.0");
}
