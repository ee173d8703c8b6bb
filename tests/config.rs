//! Which `isagen.toml` applies, what reports say about it, and the bundled examples checking
//! the same on any day.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A configuration that switches off the rule the base fixtures trip when judged late.
const SWITCH_OFF: &str = "[rules]\nreview-date-passed = \"off\"\n";

/// Copies the clean base fixtures into `dir`.
fn base_into(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for name in ["protocol.yaml", "agreement.yaml"] {
        std::fs::copy(
            root().join("tests/fixtures/base").join(name),
            dir.join(name),
        )
        .unwrap();
    }
}

/// `isagen validate defs --today 2030-01-01` in `cwd`, as JSON.
fn validate_late(cwd: &Path) -> serde_json::Value {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(cwd)
        .args([
            "validate",
            "defs",
            "--today",
            "2030-01-01",
            "--output-format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.code() == Some(0) || output.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_configuration_above_the_repository_root_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("isagen.toml"), SWITCH_OFF).unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    base_into(&repo.join("defs"));

    let report = validate_late(&repo);
    assert_eq!(report["configuration"], serde_json::Value::Null);
    assert!(codes(&report).contains(&"D001".to_string()), "{report}");

    // The repository's own file applies, and the report names it.
    std::fs::write(repo.join("isagen.toml"), SWITCH_OFF).unwrap();
    let report = validate_late(&repo);
    assert_eq!(report["configuration"], "isagen.toml");
    assert!(!codes(&report).contains(&"D001".to_string()), "{report}");
}

#[test]
fn a_worktree_s_git_file_also_marks_the_repository_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("isagen.toml"), SWITCH_OFF).unwrap();
    let repo = dir.path().join("worktree");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::write(repo.join(".git"), "gitdir: /elsewhere\n").unwrap();
    base_into(&repo.join("defs"));
    let report = validate_late(&repo.join("defs").join(".."));
    assert_eq!(report["configuration"], serde_json::Value::Null);
}

#[test]
fn outside_a_repository_only_the_working_folder_is_searched() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("isagen.toml"), SWITCH_OFF).unwrap();
    let below = dir.path().join("work");
    base_into(&below.join("defs"));
    // As in a shared /tmp: the file in the folder above does not apply.
    let report = validate_late(&below);
    assert_eq!(report["configuration"], serde_json::Value::Null);
    assert!(codes(&report).contains(&"D001".to_string()), "{report}");
    // In the folder itself it does.
    base_into(&dir.path().join("defs"));
    let report = validate_late(dir.path());
    assert_eq!(report["configuration"], "isagen.toml");
}

#[test]
fn a_subfolder_of_the_repository_finds_the_root_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("isagen.toml"), SWITCH_OFF).unwrap();
    let sub = dir.path().join("a/b");
    base_into(&sub.join("defs"));
    let report = validate_late(&sub);
    let shown = report["configuration"].as_str().unwrap();
    assert!(shown.ends_with("isagen.toml"), "{shown}");
    assert!(Path::new(shown).is_absolute(), "{shown}");
    assert!(!codes(&report).contains(&"D001".to_string()), "{report}");
}

#[test]
fn the_human_report_and_sarif_name_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join("isagen.toml"), SWITCH_OFF).unwrap();
    base_into(&dir.path().join("defs"));
    let human = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["validate", "defs", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&human.stdout),
        "2 files checked: no problems found (configuration isagen.toml)\n"
    );
    let sarif = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(dir.path())
        .args(["validate", "defs", "--today", "2026-11-22"])
        .args(["--output-format", "sarif"])
        .output()
        .unwrap();
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(log["runs"][0]["properties"]["configuration"], "isagen.toml");
}

/// The examples are judged as of the day `isagen.toml` states, so the quick start and CI
/// give the same answer on any day; the report says so.
#[test]
fn the_examples_check_clean_on_any_day_and_say_why() {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(root())
        .args(["validate", "examples", "--deny-warnings"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.ends_with(
            "no problems found (configuration isagen.toml; dates judged as of 2026-11-22)\n"
        ),
        "{stdout}"
    );
}

/// Without the examples' fixed day, the same definitions judged in 2030 are overdue: the
/// lifecycle rules still fire on real definitions.
#[test]
fn the_examples_are_overdue_when_judged_late_without_the_fixed_day() {
    for args in [
        vec!["--no-config", "--today", "2030-01-01"],
        // `--today` overrides the configuration's day.
        vec!["--today", "2030-01-01"],
    ] {
        let output = Command::cargo_bin("isagen")
            .unwrap()
            .current_dir(root())
            .args(["validate", "examples", "--output-format", "json"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let overdue = codes(&report).iter().filter(|c| *c == "D001").count();
        assert_eq!(overdue, 9, "{args:?}: {report}");
        assert!(report.get("dates_as_of").is_none(), "{report}");
    }
}

#[test]
fn as_of_must_be_a_day() {
    let dir = tempfile::tempdir().unwrap();
    base_into(&dir.path().join("defs"));
    for (text, ok) in [
        ("as_of = 2026-11-22", true),
        ("as_of = \"2026-11-22\"", true),
        ("as_of = 2026-11-22T10:00:00", false),
        ("as_of = \"2026-02-30\"", false),
        ("as_of = 3", false),
    ] {
        std::fs::write(
            dir.path().join("isagen.toml"),
            format!("[lifecycle]\n{text}\n"),
        )
        .unwrap();
        let output = Command::cargo_bin("isagen")
            .unwrap()
            .current_dir(dir.path())
            .args(["validate", "defs"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        if ok {
            assert_eq!(output.status.code(), Some(0), "{text}: {stderr}");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                stdout.contains("dates judged as of 2026-11-22"),
                "{text}: {stdout}"
            );
        } else {
            assert_eq!(output.status.code(), Some(2), "{text}");
            assert!(stderr.contains("isagen.toml: 2:"), "{text}: {stderr}");
        }
    }
}

#[test]
fn an_endless_configuration_file_meets_the_size_limit() {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .current_dir(root())
        .args(["validate", "tests/fixtures/base", "--config", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("/dev/zero: ") && stderr.contains("larger than 1 MiB"),
        "{stderr}"
    );
}

/// Every command that writes Markdown takes both names for it, `md` and `markdown`.
#[test]
fn markdown_is_md_everywhere() {
    for args in [
        vec!["rules", "--format"],
        vec!["status", "examples", "--format"],
        vec!["register", "examples", "--format"],
    ] {
        for name in ["md", "markdown"] {
            let output = Command::cargo_bin("isagen")
                .unwrap()
                .current_dir(root())
                .args(&args)
                .arg(name)
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{args:?} {name}");
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(stdout.contains("| --- |"), "{args:?} {name}: {stdout}");
        }
    }
}
