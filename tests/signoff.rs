//! Sign-off integrity end to end: record the hash `isagen hash` prints, then change the text.

use std::path::Path;

use assert_cmd::Command;

fn isagen() -> Command {
    Command::cargo_bin("isagen").unwrap()
}

#[test]
fn a_recorded_hash_passes_until_the_signed_text_changes() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(base.join("protocol.yaml"), dir.path().join("protocol.yaml")).unwrap();
    let agreement = dir.path().join("agreement.yaml");
    std::fs::copy(base.join("agreement.yaml"), &agreement).unwrap();

    let output = isagen().arg("hash").arg(&agreement).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let hash = stdout.split_whitespace().next().unwrap().to_string();
    assert!(hash.starts_with("sha256:") && hash.len() == 71, "{stdout}");

    // Record the hash with both signatures, reformat the file and move keys around: still clean.
    let text = std::fs::read_to_string(&agreement).unwrap().replace(
        "    version: \"1.0\"\n",
        &format!("    version: \"1.0\"\n    content_hash: {hash}\n"),
    );
    let text = text.replace(
        "# A minimal agreement",
        "# Reformatted: a minimal agreement",
    );
    std::fs::write(&agreement, &text).unwrap();
    let validate = |dir: &Path| {
        isagen()
            .arg("validate")
            .arg(dir)
            .args([
                "--today",
                "2026-11-22",
                "--no-config",
                "--output-format",
                "json",
            ])
            .output()
            .unwrap()
    };
    let clean = validate(dir.path());
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    // Change what was agreed without a new version: an error at each recorded hash.
    std::fs::write(
        &agreement,
        text.replace("Fewer delayed discharges", "More data sharing"),
    )
    .unwrap();
    let changed = validate(dir.path());
    assert_eq!(changed.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&changed.stdout).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["D011", "D011"]);
}
