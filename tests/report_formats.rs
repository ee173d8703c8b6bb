//! The CI report formats, through the real binary on the fixtures in `tests/fixtures/report`:
//!
//! - `rules/`: an agreement with an error of each of three rules and a warning (one with a
//!   related place, two identical but for the message), and the protocol it follows, which is
//!   clean: it must still show as a passing JUnit test case.
//! - `odd/`: a file whose name has a space, a comma and a percent sign, with an unknown field
//!   whose name holds a control character, `%`, `<`, a comma, a colon and a line break; and a
//!   file that is not YAML at all.
//! - `notes.toml`: turns the warning into a note.
//!
//! SARIF is validated against the official SARIF 2.1.0 JSON Schema as the `serde-sarif` crate (a
//! dev-dependency) ships it in its source, so the test needs no network: see [`sarif_schema`].

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The fixture folder; the binary runs there so file names are short and relative, as in CI.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// Runs `isagen validate` in `dir` with `args`, returning the exit code and standard output.
fn validate_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .arg("validate")
        .args(["--today", "2026-11-22"])
        .args(args)
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (code, String::from_utf8(output.stdout).unwrap())
}

/// The report in `format` for every fixture: 4 files, 6 errors, 1 warning.
fn report(format: &str) -> String {
    let (code, out) = validate_in(
        &fixtures(),
        &["--no-config", "--output-format", format, "odd", "rules"],
    );
    assert_eq!(code, 1);
    out
}

/// A folder with one definition that has no findings: the protocol, with the rule that misses
/// its agreement switched off in `isagen.toml`.
fn clean_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("rules/protocol.yaml"),
        dir.path().join("protocol.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("isagen.toml"), "[rules]\nR007 = \"off\"\n").unwrap();
    dir
}

// ---------------------------------------------------------------------------------------------
// SARIF

/// The official SARIF 2.1.0 schema, from the source of the `serde-sarif` dev-dependency, which
/// ships it as `src/schema.json` (the JSON Schema Store copy of the OASIS schema, draft-07).
/// Cargo has extracted that source to build this test, so it is found in Cargo's registry
/// folder (at the version `Cargo.lock` names), or else through `cargo metadata`. Set
/// `SARIF_SCHEMA` to a file to validate against another copy.
fn sarif_schema() -> Value {
    let path = std::env::var_os("SARIF_SCHEMA")
        .map(PathBuf::from)
        .or_else(schema_in_registry)
        .or_else(schema_through_cargo_metadata)
        .expect(
            "the SARIF 2.1.0 schema: serde-sarif's src/schema.json was not found in Cargo's \
             registry nor through `cargo metadata`; set SARIF_SCHEMA to its path",
        );
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["title"],
        "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema",
        "{} is not the SARIF 2.1.0 schema",
        path.display()
    );
    // This copy's `language` patterns have a stray `]` that strict (ECMA-262 Unicode) regex
    // engines reject; use the pattern the OASIS errata give. isagen never writes `language`.
    for definition in ["run", "toolComponent"] {
        let pointer = format!("/definitions/{definition}/properties/language/pattern");
        if let Some(pattern) = schema.pointer_mut(&pointer)
            && pattern == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$"
        {
            *pattern = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
        }
    }
    schema
}

/// The version of `package` that `Cargo.lock` pins.
fn locked_version(package: &str) -> Option<String> {
    let lock =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock")).ok()?;
    let lock: toml::Table = lock.parse().ok()?;
    lock["package"]
        .as_array()?
        .iter()
        .find(|p| p["name"].as_str() == Some(package))?
        .get("version")?
        .as_str()
        .map(str::to_string)
}

fn schema_in_registry() -> Option<PathBuf> {
    let version = locked_version("serde-sarif")?;
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    let mut registries: Vec<PathBuf> = std::fs::read_dir(cargo_home.join("registry/src"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    registries.sort();
    registries
        .into_iter()
        .map(|r| r.join(format!("serde-sarif-{version}/src/schema.json")))
        .find(|p| p.is_file())
}

fn schema_through_cargo_metadata() -> Option<PathBuf> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()?;
    let metadata: Value = serde_json::from_slice(&output.stdout).ok()?;
    let manifest = metadata["packages"]
        .as_array()?
        .iter()
        .find(|p| p["name"] == "serde-sarif")?["manifest_path"]
        .as_str()?
        .to_string();
    let path = Path::new(&manifest).parent()?.join("src/schema.json");
    path.is_file().then_some(path)
}

/// What the SARIF 2.1.0 schema finds wrong with `log`.
fn sarif_errors(log: &Value) -> Vec<String> {
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&sarif_schema())
        .unwrap();
    validator
        .iter_errors(log)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Validates `log` against the SARIF 2.1.0 schema and reads it into serde-sarif's model.
fn assert_valid_sarif(text: &str) -> Value {
    let log: Value = serde_json::from_str(text).unwrap();
    let errors = sarif_errors(&log);
    assert!(errors.is_empty(), "{errors:#?}");
    let typed: serde_sarif::sarif::Sarif = serde_json::from_str(text).unwrap();
    assert_eq!(typed.runs.len(), 1);
    // What the OASIS errata add to this copy of the schema: a region starts somewhere.
    for result in log["runs"][0]["results"].as_array().unwrap() {
        for location in result["locations"].as_array().unwrap() {
            assert!(location["physicalLocation"]["region"]["startLine"].as_u64() >= Some(1));
        }
    }
    log
}

#[test]
fn sarif_is_valid_sarif_2_1_0_and_describes_every_rule() {
    let log = assert_valid_sarif(&report("sarif"));
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "isagen");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(driver["informationUri"], "https://github.com/isagen/isagen");

    let registry = isagen::rules::registry();
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), registry.len(), "every rule is described");
    for (described, rule) in rules.iter().zip(&registry) {
        assert_eq!(described["id"], rule.code);
        assert_eq!(described["name"], rule.name);
        assert_eq!(described["shortDescription"]["text"], rule.summary());
        assert_eq!(described["fullDescription"]["text"], rule.documentation());
        assert_eq!(described["help"]["markdown"], rule.documentation());
        let level = match rule.severity {
            isagen::diagnostic::Severity::Error => "error",
            isagen::diagnostic::Severity::Warning => "warning",
            isagen::diagnostic::Severity::Info => "note",
        };
        assert_eq!(described["defaultConfiguration"]["level"], level);
        assert_eq!(described["properties"]["tags"][0], rule.family.as_str());
    }

    let results = runs[0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 7);
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
    assert_eq!(fingerprints.len(), 7, "fingerprints are unique");

    let unknown = results.iter().find(|r| r["ruleId"] == "S004").unwrap();
    let location = &unknown["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "odd/odd%20name%2C%2050%25.yaml"
    );
    assert_eq!(
        location["region"],
        serde_json::json!({ "startLine": 6, "startColumn": 1, "endLine": 6, "endColumn": 53 })
    );
    let text = unknown["message"]["text"].as_str().unwrap();
    assert!(text.starts_with("unknown field `bad\u{1} 100% <key>, with: colon\nand a second line`\nhelp: fields allowed here: kind,"), "{text}");

    let duplicate = results.iter().find(|r| r["ruleId"] == "R002").unwrap();
    assert_eq!(
        duplicate["relatedLocations"][0]["message"]["text"],
        "first defined here"
    );
    assert_eq!(
        duplicate["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        38
    );
    assert_eq!(
        duplicate["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/data_items/3/id"
    );
}

/// The schema check is not vacuous: it rejects a log with a wrong level and a line 0.
#[test]
fn sarif_schema_rejects_invalid_logs() {
    let mut log: Value = serde_json::from_str(&report("sarif")).unwrap();
    assert!(sarif_errors(&log).is_empty());
    log["runs"][0]["results"][0]["level"] = Value::from("fatal");
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        Value::from(0);
    let errors = sarif_errors(&log);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("/runs/0/results/0/level")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("/runs/0/results/1/locations/0/physicalLocation/region/startLine")),
        "{errors:#?}"
    );
}

#[test]
fn sarif_results_snapshot() {
    let log: Value = serde_json::from_str(&report("sarif")).unwrap();
    insta::assert_json_snapshot!("sarif_results", log["runs"][0]["results"]);
}

#[test]
fn sarif_is_valid_with_notes_and_with_no_findings() {
    let (_, notes) = validate_in(
        &fixtures(),
        &[
            "--config",
            "notes.toml",
            "--output-format",
            "sarif",
            "rules",
        ],
    );
    let log = assert_valid_sarif(&notes);
    let unused = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "R005")
        .unwrap();
    assert_eq!(unused["level"], "note");

    let clean = clean_dir();
    let (code, sarif) = validate_in(clean.path(), &["--output-format", "sarif", "protocol.yaml"]);
    assert_eq!(code, 0);
    let log = assert_valid_sarif(&sarif);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

/// A finding an exception accepts is a result with a `suppressions` entry (SARIF 2.1.0
/// §3.27.23, §3.35) that the schema accepts and serde-sarif reads.
#[test]
fn sarif_is_valid_with_accepted_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        root.join("base/protocol.yaml"),
        dir.path().join("protocol.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root.join("exceptions/mixed/agreement.yaml"),
        dir.path().join("agreement.yaml"),
    )
    .unwrap();
    let (code, sarif) = validate_in(
        dir.path(),
        &["--no-config", "--output-format", "sarif", "."],
    );
    assert_eq!(code, 1);
    let log = assert_valid_sarif(&sarif);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 2);
    for result in suppressed {
        let suppression = &result["suppressions"][0];
        assert_eq!(suppression["kind"], "inSource");
        assert_eq!(suppression["status"], "accepted");
        assert!(suppression["justification"].as_str().unwrap().len() > 10);
    }
    assert_eq!(results.len(), 3);
}

#[test]
fn sarif_is_deterministic() {
    assert_eq!(report("sarif"), report("sarif"));
}

/// Fingerprints survive edits that move the findings to other lines.
#[test]
fn fingerprints_do_not_change_when_lines_move() {
    fn fingerprints_and_lines(dir: &Path) -> (Vec<String>, Vec<u64>, Vec<String>) {
        let (_, sarif) = validate_in(dir, &["--no-config", "--output-format", "sarif", "rules"]);
        let log: Value = serde_json::from_str(&sarif).unwrap();
        let results = log["runs"][0]["results"].as_array().unwrap();
        let (_, gitlab) = validate_in(dir, &["--no-config", "--output-format", "gitlab", "rules"]);
        let issues: Vec<Value> = serde_json::from_str(&gitlab).unwrap();
        (
            results
                .iter()
                .map(|r| {
                    r["partialFingerprints"]["isagenFinding/v1"]
                        .as_str()
                        .unwrap()
                        .into()
                })
                .collect(),
            results
                .iter()
                .map(|r| {
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap()
                })
                .collect(),
            issues
                .iter()
                .map(|i| i["fingerprint"].as_str().unwrap().into())
                .collect(),
        )
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    for name in ["agreement.yaml", "protocol.yaml"] {
        std::fs::copy(
            fixtures().join("rules").join(name),
            dir.path().join("rules").join(name),
        )
        .unwrap();
    }
    let before = fingerprints_and_lines(dir.path());
    let agreement = dir.path().join("rules/agreement.yaml");
    let text = std::fs::read_to_string(&agreement).unwrap();
    std::fs::write(&agreement, format!("# One\n# more\n# comment\n{text}")).unwrap();
    let after = fingerprints_and_lines(dir.path());
    assert_eq!(before.0, after.0, "SARIF fingerprints");
    assert_eq!(before.2, after.2, "GitLab fingerprints");
    let moved: Vec<u64> = before.1.iter().map(|l| l + 3).collect();
    assert_eq!(moved, after.1, "the findings did move");
}

// ---------------------------------------------------------------------------------------------
// JUnit

/// What a JUnit report says, read with roxmltree (a strict XML 1.0 parser, independent of the
/// quick-xml writer).
#[derive(Debug, Default)]
struct Junit {
    /// The attributes of `<testsuites>` and `<testsuite>`.
    suites: Vec<Vec<(String, String)>>,
    /// Each test case: name, number of failures, whether it has a `<system-out>`.
    cases: Vec<(String, usize, bool)>,
    /// The `message` attribute of every failure.
    failure_messages: Vec<String>,
    /// The text of every failure and system-out.
    text: String,
}

fn parse_junit(xml: &str) -> Junit {
    let document = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let attributes = |node: roxmltree::Node<'_, '_>| -> Vec<(String, String)> {
        node.attributes()
            .map(|a| (a.name().to_string(), a.value().to_string()))
            .collect()
    };
    let mut junit = Junit::default();
    junit.suites.push(attributes(root));
    let suites: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    assert_eq!(suites.len(), 1, "one testsuite");
    assert_eq!(suites[0].tag_name().name(), "testsuite");
    junit.suites.push(attributes(suites[0]));
    for case in suites[0].children().filter(|n| n.is_element()) {
        assert_eq!(case.tag_name().name(), "testcase");
        assert_eq!(case.attribute("classname"), Some("isagen"));
        let mut failures = 0;
        let mut output = false;
        for child in case.children().filter(|n| n.is_element()) {
            match child.tag_name().name() {
                "failure" => {
                    failures += 1;
                    junit
                        .failure_messages
                        .push(child.attribute("message").unwrap().to_string());
                }
                "system-out" => output = true,
                other => panic!("unexpected <{other}>"),
            }
            junit.text.push_str(child.text().unwrap_or_default());
            junit.text.push('\n');
        }
        junit.cases.push((
            case.attribute("name").unwrap().to_string(),
            failures,
            output,
        ));
    }
    junit
}

#[test]
fn junit_has_one_case_per_file_and_a_failure_per_error() {
    let xml = report("junit");
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t')),
        "no character XML 1.0 forbids"
    );
    let junit = parse_junit(&xml);
    let counts = |attrs: &[(String, String)]| -> Vec<(String, String)> {
        attrs
            .iter()
            .filter(|(k, _)| ["name", "tests", "failures", "errors"].contains(&k.as_str()))
            .cloned()
            .collect()
    };
    let expected: Vec<(String, String)> = [
        ("name", "isagen"),
        ("tests", "4"),
        ("failures", "3"),
        ("errors", "0"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(junit.suites.len(), 2);
    assert_eq!(counts(&junit.suites[0]), expected, "testsuites");
    assert_eq!(counts(&junit.suites[1]), expected, "testsuite");
    assert_eq!(
        junit.cases,
        [
            ("odd/broken.yaml".to_string(), 1, false),
            ("odd/odd name, 50%.yaml".to_string(), 2, false),
            ("rules/agreement.yaml".to_string(), 3, true),
            ("rules/protocol.yaml".to_string(), 0, false),
        ],
        "one case per file read, clean files included; a failure per error; the warning in system-out"
    );
    assert!(junit.failure_messages.contains(
        &"S004: unknown field `bad 100% <key>, with: colon\nand a second line`".to_string()
    ));
    assert!(junit.text.contains("rules/agreement.yaml:52:9: error R002 [duplicate-id]\nanother data item already has the id `name`\nnote: rules/agreement.yaml:38:9: first defined here\nhelp: give each data item its own id"));
    assert!(
        junit
            .text
            .contains("rules/agreement.yaml:48:9: warning R005 [unused-definition]")
    );
}

#[test]
fn junit_snapshot() {
    insta::assert_snapshot!("junit", report("junit"));
}

#[test]
fn junit_clean_run_passes() {
    let dir = clean_dir();
    let (code, xml) = validate_in(dir.path(), &["--output-format", "junit", "protocol.yaml"]);
    assert_eq!(code, 0);
    let junit = parse_junit(&xml);
    assert_eq!(junit.cases, [("protocol.yaml".to_string(), 0, false)]);
    assert!(junit.suites[1].contains(&("failures".into(), "0".into())));
}

// ---------------------------------------------------------------------------------------------
// GitLab

#[test]
fn gitlab_is_code_quality_json_with_unique_fingerprints() {
    let issues: Vec<Value> = serde_json::from_str(&report("gitlab")).unwrap();
    assert_eq!(issues.len(), 7);
    let fingerprints: std::collections::HashSet<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(fingerprints.len(), 7);
    for issue in &issues {
        assert!(!issue["description"].as_str().unwrap().is_empty());
        assert!(issue["check_name"].as_str().unwrap().len() == 4);
        assert!(["critical", "minor", "info"].contains(&issue["severity"].as_str().unwrap()));
        assert!(
            issue["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("odd/")
                || issue["location"]["path"]
                    .as_str()
                    .unwrap()
                    .starts_with("rules/")
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() > 0);
    }
    let severities: Vec<&str> = issues
        .iter()
        .map(|i| i["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities.iter().filter(|s| **s == "critical").count(), 6);
    assert_eq!(severities.iter().filter(|s| **s == "minor").count(), 1);
}

#[test]
fn gitlab_snapshot() {
    insta::assert_snapshot!("gitlab", report("gitlab"));
}

#[test]
fn gitlab_notes_and_clean_runs() {
    let (_, notes) = validate_in(
        &fixtures(),
        &[
            "--config",
            "notes.toml",
            "--output-format",
            "gitlab",
            "rules",
        ],
    );
    let issues: Vec<Value> = serde_json::from_str(&notes).unwrap();
    let unused = issues.iter().find(|i| i["check_name"] == "R005").unwrap();
    assert_eq!(unused["severity"], "info");

    let dir = clean_dir();
    let (code, clean) = validate_in(dir.path(), &["--output-format", "gitlab", "protocol.yaml"]);
    assert_eq!((code, clean.as_str()), (0, "[]\n"));
}

// ---------------------------------------------------------------------------------------------
// GitHub

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let text = report("github");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8, "{text}");
    for line in &lines[..7] {
        let (kind, rest) = line[2..].split_once(' ').unwrap();
        assert!(
            line.starts_with("::") && ["error", "warning"].contains(&kind),
            "{line}"
        );
        let (properties, _message) = rest.split_once("::").unwrap();
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').unwrap().0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"],
            "{line}"
        );
    }
    // The file name's comma and percent sign, and the message's percent sign and line break,
    // are escaped; the message's comma and colon need not be; the control character is gone.
    // (The list of allowed fields goes on with the fields added since.)
    assert!(
        lines[2].starts_with(
        "::error file=odd/odd name%2C 50%25.yaml,line=6,col=1,endLine=6,endColumn=53,\
         title=S004 unknown-field::unknown field `bad 100%25 <key>, with: colon%0Aand a second line`\
         %0Ahelp: fields allowed here: kind, schema_version, document, protocol, variant, parties, \
         purposes, data_subjects, data_items, legal_bases, flows, security, retention, rights, \
         privacy_notices, data_quality, breach, international_transfers, processing, dpia, \
         onward_disclosure, termination, sanctions, variation, disclosure, joint_controller, signatures"
        ),
        "{}",
        lines[2]
    );
    assert!(lines[3].starts_with(
        "::warning file=rules/agreement.yaml,line=48,col=9,endLine=48,endColumn=19,title=R005 unused-definition::"
    ));
    assert_eq!(
        lines[4],
        "::error file=rules/agreement.yaml,line=52,col=9,endLine=52,endColumn=13,title=R002 duplicate-id::\
         another data item already has the id `name`%0Anote: rules/agreement.yaml:38:9: first defined here\
         %0Ahelp: give each data item its own id"
    );
    assert_eq!(lines[7], "4 files checked: 6 errors, 1 warning");
}

#[test]
fn github_snapshot() {
    insta::assert_snapshot!("github", report("github"));
}

#[test]
fn github_notes_are_notices() {
    let (_, text) = validate_in(
        &fixtures(),
        &[
            "--config",
            "notes.toml",
            "--output-format",
            "github",
            "rules",
        ],
    );
    assert!(
        text.lines()
            .next()
            .unwrap()
            .starts_with("::notice file=rules/agreement.yaml,line=48,")
    );
    assert!(text.ends_with("2 files checked: 3 errors, 0 warnings, 1 note\n"));
}

#[test]
fn github_step_summary_lists_every_finding() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(fixtures())
        .args([
            "validate",
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            "github",
            "odd",
            "rules",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1);
    let text = std::fs::read_to_string(summary).unwrap();
    assert!(
        text.starts_with(
            "earlier step\n## isagen validate\n\n4 files checked: 6 errors, 1 warning\n"
        ),
        "appended: {text}"
    );
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("| error") || l.starts_with("| warning"))
        .collect();
    assert_eq!(rows.len(), 7, "{text}");
    assert_eq!(
        rows[2].split(" | ").take(4).collect::<Vec<_>>(),
        [
            "| error",
            "S004",
            "unknown-field",
            "odd/odd name, 50%.yaml:6:1"
        ]
    );
    assert!(
        rows[2].contains(
            "unknown field \\`bad 100% \\<key\\>, with: colon<br>and a second line\\`<br>help: "
        ),
        "{}",
        rows[2]
    );
    assert!(
        rows.iter()
            .all(|r| r.ends_with(" |") && r.matches(" | ").count() == 4),
        "{rows:#?}"
    );
    insta::assert_snapshot!("github_step_summary", text);
}

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("isagen.sarif");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(fixtures())
        .args([
            "validate",
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            "sarif",
            "odd",
            "rules",
            "--output",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!(
            "4 files checked: 6 errors, 1 warning (report written to {})\n",
            path.display()
        )
    );
    assert_valid_sarif(&std::fs::read_to_string(&path).unwrap());
}
