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
        // Every missing value at once, not one per run; the owner among them.
        .stderr(predicates::str::contains("5 value(s) missing"))
        .stderr(predicates::str::contains("  --id  "))
        .stderr(predicates::str::contains("  --owner  "))
        .stderr(predicates::str::contains("  --recipient  "));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_owner_is_never_invented() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["init", "protocol", "--id", "p", "--title", "T"])
        .args(["--owner-name", "Northshire County Council"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("1 value(s) missing"))
        .stderr(predicates::str::contains("--owner  Partner id"));
}

#[test]
fn a_partnership_lists_every_missing_value_and_needs_a_recipient_among_several_partners() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["init", "partnership"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for flag in [
        "--id",
        "--title",
        "--owner",
        "--owner-name",
        "--partner",
        "--agreement-id",
        "--agreement-title",
    ] {
        assert!(stderr.contains(&format!("  {flag}  ")), "{flag}: {stderr}");
    }
    // The one partner asked for is the recipient: no need to ask which.
    assert!(!stderr.contains("--recipient"), "{stderr}");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["init", "partnership", "--id", "isp", "--title", "P"])
        .args(["--owner", "council", "--owner-name", "Council"])
        .args([
            "--partner",
            "trust:nhs-trust=Trust",
            "--partner",
            "gp:gp-practice=GP",
        ])
        .args(["--agreement-id", "isa", "--agreement-title", "A"])
        .args(["--recipient", "police"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("`police` is not one of the partners (council, trust, gp)")
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_partnership_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("isa.yaml"), "mine").unwrap();
    Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["init", "partnership", "--id", "isp", "--title", "P"])
        .args(["--owner", "council", "--owner-name", "Council"])
        .args(["--partner", "trust=Trust"])
        .args(["--agreement-id", "isa", "--agreement-title", "A"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("never replaces a file"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("isa.yaml")).unwrap(),
        "mine"
    );
    assert!(!dir.path().join("isp.yaml").exists());
}
