//! Several reports from one run: `--output-format` given more than once, each `FORMAT` (to
//! standard output) or `FORMAT:PATH` (to a file).

use std::path::Path;

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn isagen() -> Command {
    let mut command = Command::cargo_bin("isagen").unwrap();
    command
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

const INVALID: [&str; 2] = [
    "tests/fixtures/invalid/agreement.yaml",
    "tests/fixtures/invalid/protocol.yaml",
];

#[test]
fn one_check_writes_github_to_stdout_and_sarif_and_junit_to_files() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("isagen.sarif");
    let junit = dir.path().join("report.xml");
    let output = isagen()
        .arg("validate")
        .args(INVALID)
        .args(["--no-config", "--today", "2026-11-22"])
        .args(["--output-format", "github"])
        .arg("--output-format")
        .arg(format!("sarif:{}", sarif.display()))
        .arg("--output-format")
        .arg(format!("junit:{}", junit.display()))
        .output()
        .unwrap();
    // The exit code is the one a single report gives: 1, an error was found.
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("::error file=tests/fixtures/invalid/agreement.yaml"),
        "{stdout}"
    );
    // The summary line names the files and stays off standard output, which holds the report.
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("reports written to"), "{stderr}");
    assert!(!stdout.contains("reports written to"), "{stdout}");

    let sarif: serde_json::Value = serde_json::from_slice(&std::fs::read(&sarif).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "L001");
    let junit = std::fs::read_to_string(&junit).unwrap();
    let xml = roxmltree::Document::parse(&junit).unwrap();
    assert!(
        xml.descendants().any(|n| n.has_tag_name("failure")),
        "{junit}"
    );
}

#[test]
fn every_report_equals_the_report_of_a_run_with_that_format_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut together = isagen();
    together
        .arg("validate")
        .args(INVALID)
        .args(["--no-config", "--today", "2026-11-22"]);
    for format in ["json", "sarif", "junit", "gitlab", "human"] {
        together
            .arg("--output-format")
            .arg(format!("{format}:{}", dir.path().join(format).display()));
    }
    together.assert().code(1);
    for format in ["json", "sarif", "junit", "gitlab", "human"] {
        let alone = isagen()
            .arg("validate")
            .args(INVALID)
            .args([
                "--no-config",
                "--today",
                "2026-11-22",
                "--output-format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(alone.status.code(), Some(1));
        let written = std::fs::read(dir.path().join(format)).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&alone.stdout),
            "{format}"
        );
    }
}

#[test]
fn a_clean_run_with_several_reports_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    isagen()
        .args(["validate", "examples", "--output-format", "github"])
        .arg("--output-format")
        .arg(format!("sarif:{}", dir.path().join("a.sarif").display()))
        .assert()
        .code(0);
    assert!(dir.path().join("a.sarif").is_file());
}

#[test]
fn dash_o_still_names_the_file_of_a_single_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.sarif");
    let output = isagen()
        .args(["validate", "examples", "--output-format", "sarif", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("(report written to "), "{stdout}");
    assert!(file.is_file());
}

#[test]
fn dash_o_with_several_reports_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let output = isagen()
        .args(["validate", "examples", "--output-format", "github"])
        .arg("--output-format")
        .arg(format!("sarif:{}", dir.path().join("a.sarif").display()))
        .arg("-o")
        .arg(dir.path().join("b"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("FORMAT:PATH"), "{stderr}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn two_reports_to_one_file_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("same");
    let output = isagen()
        .args(["validate", "examples"])
        .arg("--output-format")
        .arg(format!("sarif:{}", file.display()))
        .arg("--output-format")
        .arg(format!("json:{}", file.display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!file.exists());
}

#[test]
fn a_report_over_an_input_is_refused_and_no_other_report_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    std::fs::copy(
        root().join("examples/council-charity-disclosure/disclosure-agreement.yaml"),
        defs.join("a.yaml"),
    )
    .unwrap();
    let output = isagen()
        .arg("validate")
        .arg(&defs)
        .arg("--output-format")
        .arg(format!("sarif:{}", dir.path().join("ok.sarif").display()))
        .arg("--output-format")
        .arg(format!("json:{}", defs.join("a.yaml").display()))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("ok.sarif").exists());
}

#[test]
fn an_unknown_format_names_the_formats() {
    let output = isagen()
        .args(["validate", "examples", "--output-format", "xml:a"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("expected one of: human, json, github, sarif, junit, gitlab"),
        "{stderr}"
    );
}
