//! Justified exceptions (`exceptions:` in a definition), through the real binary: an accepted
//! finding is reported as accepted in every format and does not fail the run; an exception
//! that accepts nothing is G031; a lapsed exception accepts nothing; a rule switched off in
//! `isagen.toml` leaves its exceptions alone.
//!
//! Each case copies `tests/fixtures/base/` into a temporary folder, lays the case's folder
//! under `tests/fixtures/exceptions/` over it (a file with the same name replaces the base
//! file) and validates the folder from inside it, so reports name `./agreement.yaml`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The base definitions with the files of `case` (a folder under `fixtures/exceptions`, or a
/// path under `fixtures`) laid over them.
fn folder(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let source = if case.contains('/') {
        fixtures().join(case)
    } else {
        fixtures().join("exceptions").join(case)
    };
    for from in [fixtures().join("base"), source] {
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

/// Runs `isagen validate .` in `dir` with `args`: exit code and standard output.
fn validate(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["validate", ".", "--today", "2026-11-22"])
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--output-format", "json"];
    all.extend(args);
    let (code, out) = validate(dir, &all);
    (code, serde_json::from_str(&out).unwrap())
}

fn codes(report: &Value, key: &str) -> Vec<String> {
    report[key]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_public_authority_s_recorded_l005_exception_validates_clean() {
    let dir = folder("public-authority-l005");
    let (code, report) = json(dir.path(), &["--no-config", "--deny-warnings"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["diagnostics"], serde_json::json!([]));
    assert_eq!(codes(&report, "suppressed"), ["L005"]);
    assert_eq!(report["summary"]["suppressed"], 1);
    let accepted = &report["suppressed"][0];
    assert_eq!(accepted["location"]["pointer"], "/legal_bases/1/article_6");
    assert_eq!(
        accepted["exception"]["accepted_by"],
        "Priya Shah (Data Protection Officer, council)"
    );
    assert_eq!(accepted["exception"]["until"], "2027-01-31");
    assert_eq!(
        accepted["exception"]["location"]["pointer"],
        "/exceptions/0"
    );
    // Without the exception, the same definition fails.
    let text = std::fs::read_to_string(dir.path().join("agreement.yaml")).unwrap();
    let without = text.split("exceptions:\n").next().unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), without).unwrap();
    let (code, report) = json(dir.path(), &["--no-config"]);
    assert_eq!(code, 1);
    assert_eq!(codes(&report, "diagnostics"), ["L005"]);
}

#[test]
fn only_the_named_party_s_finding_is_accepted_and_the_rest_still_fails() {
    let dir = folder("mixed");
    let (code, report) = json(dir.path(), &["--no-config"]);
    assert_eq!(code, 1, "the trust's L005 finding is not accepted");
    assert_eq!(codes(&report, "diagnostics"), ["L005"]);
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("(trust)")
    );
    assert_eq!(codes(&report, "suppressed"), ["G017", "L005"]);
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["warnings"], 0);
    assert_eq!(report["summary"]["suppressed"], 2);
}

#[test]
fn every_format_reports_accepted_findings() {
    let dir = folder("mixed");
    for format in ["human", "json", "github", "junit", "gitlab"] {
        let (code, out) = validate(
            dir.path(),
            &["--no-config", "--color", "never", "--output-format", format],
        );
        assert_eq!(code, 1, "{format}");
        insta::assert_snapshot!(format!("{format}"), out);
    }
    let (_, sarif) = validate(dir.path(), &["--no-config", "--output-format", "sarif"]);
    let log: Value = serde_json::from_str(&sarif).unwrap();
    insta::assert_json_snapshot!("sarif_results", log["runs"][0]["results"]);
}

#[test]
fn github_annotates_only_what_is_not_accepted_and_the_step_summary_lists_the_rest() {
    let dir = folder("mixed");
    let summary = dir.path().join("summary.md");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["validate", ".", "--today", "2026-11-22", "--no-config"])
        .args(["--output-format", "github"])
        .output()
        .unwrap();
    let out = String::from_utf8(output.stdout).unwrap();
    let annotations: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 1, "{out}");
    assert!(annotations[0].starts_with("::error ") && annotations[0].contains("(trust)"));
    let markdown = std::fs::read_to_string(summary).unwrap();
    insta::assert_snapshot!("github_step_summary", markdown);
}

#[test]
fn junit_passes_a_file_whose_only_findings_are_accepted() {
    let dir = folder("public-authority-l005");
    let (code, xml) = validate(dir.path(), &["--no-config", "--output-format", "junit"]);
    assert_eq!(code, 0);
    assert!(xml.contains(r#"failures="0""#), "{xml}");
    assert!(
        xml.contains(r#"<property name="suppressed" value="1"/>"#),
        "{xml}"
    );
    assert!(!xml.contains("<failure"), "{xml}");
}

#[test]
fn a_lapsed_exception_accepts_nothing_and_says_so() {
    let dir = folder("lapsed");
    let (code, report) = json(dir.path(), &["--no-config"]);
    assert_eq!(code, 1);
    let g017 = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "G017")
        .expect("G017 is reported again");
    let note = g017["related"][0]["message"].as_str().unwrap();
    assert!(
        note.contains("until 2026-06-30; that exception has lapsed"),
        "{note}"
    );
    assert_eq!(g017["related"][0]["location"]["pointer"], "/exceptions/1");
    // Not reported as unused: it matched, it has only lapsed.
    assert!(!codes(&report, "diagnostics").contains(&"G031".to_string()));
}

#[test]
fn a_stale_exception_is_a_warning_and_an_unknown_rule_an_error() {
    let dir = folder("rules/G031-unused-exception");
    let (code, out) = validate(dir.path(), &["--no-config", "--color", "never"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("unused", out);

    // The stale exception alone: a warning, failing only under --deny-warnings.
    let text = std::fs::read_to_string(dir.path().join("agreement.yaml")).unwrap();
    let first = text.split("  - rule: L0005").next().unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), first).unwrap();
    let (code, report) = json(dir.path(), &["--no-config"]);
    assert_eq!(code, 0);
    assert_eq!(codes(&report, "diagnostics"), ["G031"]);
    assert_eq!(report["diagnostics"][0]["severity"], "warning");
    let (code, _) = json(dir.path(), &["--no-config", "--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn an_exception_for_a_rule_switched_off_is_left_alone_and_g031_can_be_configured() {
    let dir = folder("rules/G031-unused-exception");
    std::fs::write(
        dir.path().join("isagen.toml"),
        "[rules]\nL005 = \"off\"\nunused-exception = \"info\"\n",
    )
    .unwrap();
    let (code, report) = json(dir.path(), &["--config", "isagen.toml"]);
    // The L005 exception is not judged; the others are notes now, so nothing fails.
    assert_eq!(code, 0, "{report:#}");
    let lines: Vec<u64> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "G031");
            assert_eq!(d["severity"], "info");
            d["location"]["line"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(lines.len(), 4, "{report:#}");
    std::fs::write(dir.path().join("isagen.toml"), "[rules]\nG031 = \"off\"\n").unwrap();
    let (code, report) = json(dir.path(), &["--config", "isagen.toml"]);
    assert_eq!(code, 0);
    assert_eq!(report["diagnostics"], serde_json::json!([]));
}

#[test]
fn explain_g031() {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .args(["explain", "G031"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("unused-exception"), "{text}");
    assert!(text.contains("schema rule"), "{text}");
}

#[test]
fn the_rendered_document_lists_accepted_findings_escaped() {
    let dir = folder("public-authority-l005");
    let path = dir.path().join("agreement.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "legal advice LA-2026-014.",
        "legal advice | <b>LA-2026-014</b> **[see](javascript:x)** `code` #1 =SUM(A1).",
    );
    std::fs::write(&path, text).unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["render", ".", "--today", "2026-11-22", "--no-config"])
        .args([
            "--format",
            "md",
            "--out",
            "out",
            "--document",
            "base-agreement",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let markdown = std::fs::read_to_string(dir.path().join("out/base-agreement-v1.0.md")).unwrap();
    // Headings carry their clause numbers ("## 19. Accepted findings").
    let heading = markdown.find(". Accepted findings\n").expect("the section");
    let start = markdown[..heading].rfind("\n## ").unwrap() + 1;
    let end = markdown[start..].find(". Signatures\n").unwrap() + start;
    let end = markdown[..end].rfind("\n## ").unwrap() + 1;
    insta::assert_snapshot!("rendered_accepted_findings", &markdown[start..end]);
    // A document with no exceptions has no such section (the base protocol).
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["render", ".", "--today", "2026-11-22", "--no-config"])
        .args([
            "--format",
            "md",
            "--out",
            "out",
            "--document",
            "base-protocol",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let protocol = std::fs::read_to_string(dir.path().join("out/base-protocol-v1.0.md")).unwrap();
    assert!(!protocol.contains("Accepted findings"));
}
