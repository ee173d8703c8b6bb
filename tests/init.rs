//! `isagen init` starts definitions that pass the schema, with the gaps reported as warnings.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

#[test]
fn a_new_agreement_under_a_real_protocol_has_only_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base/protocol.yaml");
    std::fs::copy(base, dir.path().join("protocol.yaml")).unwrap();
    Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "init",
            "agreement",
            "--id",
            "new-isa",
            "--title",
            "A \"quoted\": title",
            "--protocol",
            "base-protocol",
        ])
        .args([
            "--owner",
            "council",
            "--recipient",
            "trust",
            "--date",
            "2026-11-22",
        ])
        .assert()
        .success();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(dir.path())
        .args([
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().all(|d| d["severity"] == "warning"));
    let placeholders = diagnostics.iter().filter(|d| d["code"] == "G020").count();
    assert!(placeholders >= 15, "every TODO is listed ({placeholders})");

    // Running it again never replaces the file.
    Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "init",
            "agreement",
            "--id",
            "new-isa",
            "--title",
            "T",
            "--protocol",
            "base-protocol",
        ])
        .args(["--owner", "council", "--recipient", "trust"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("never replaces a file"));
}

#[test]
fn a_new_protocol_passes_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "init",
            "protocol",
            "--id",
            "new-isp",
            "--title",
            "New protocol",
            "--owner",
            "council",
        ])
        .args([
            "--owner-name",
            "Northshire County Council",
            "--date",
            "2026-11-22",
        ])
        .assert()
        .success();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(dir.path().join("new-isp.yaml"))
        .args([
            "--today",
            "2026-11-22",
            "--no-config",
            "--output-format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report}");
    assert!(report["summary"]["warnings"].as_u64().unwrap() > 0);
}

#[test]
fn without_a_terminal_missing_answers_name_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["init", "agreement"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("pass --id"));
}
