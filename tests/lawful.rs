//! Lawful constructs a rule must not mistake for defects (issue 12): each folder under
//! `tests/fixtures/lawful/` holds the files that differ from `tests/fixtures/base/` (as the
//! rule fixtures do) and must validate with no finding at all, warnings included.
//!
//! These are the cases where a rule that reads the law loosely would misfire: a processor
//! receiving for its controller (Article 28(3)(a)); a Part 3 basis relied on only by the
//! competent authority; a council department relying on its council's basis; a Schedule 1
//! para 10 disclosure to the police with no appropriate policy document (para 10(2)); the
//! transfer toolkit after the Data (Use and Access) Act 2025 (approved regulations, Article
//! 46(2)(a) and 46(3)(b), an occasional Article 49(1) derogation); a power relied on under
//! public task, and a retention phrase that comes with its criteria; each nation's route for
//! setting aside the duty of confidentiality where it runs (s.251 support for a disclosure
//! from Wales, the NHS Scotland Public Benefit and Privacy Panel's approval from Scotland, an
//! authorisation under the Northern Ireland 2016 Act from Northern Ireland).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn copy_into(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

#[test]
fn every_lawful_construct_validates_clean() {
    let root = fixtures_root().join("lawful");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    assert!(!folders.is_empty());
    let mut failures = Vec::new();
    for folder in &folders {
        let work = tempfile::tempdir().unwrap();
        copy_into(&fixtures_root().join("base"), work.path());
        copy_into(folder, work.path());
        let mut command = Command::cargo_bin("isagen").unwrap();
        command
            .arg("validate")
            .arg(work.path())
            .args(["--today", "2026-11-22", "--deny-warnings"])
            .current_dir(work.path());
        if folder.join("isagen.toml").exists() {
            command.arg("--config").arg(work.path().join("isagen.toml"));
        } else {
            command.arg("--no-config");
        }
        let output = command.output().unwrap();
        if !output.status.success() {
            failures.push(format!(
                "{}:\n{}",
                folder.file_name().unwrap().to_string_lossy(),
                String::from_utf8_lossy(&output.stdout)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "lawful constructs reported:\n{}",
        failures.join("\n")
    );
}
