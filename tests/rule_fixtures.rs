//! Every rule has a fixture under `tests/fixtures/rules/<CODE>-<name>/` that must trigger it.
//!
//! A fixture folder holds the files that differ from the clean definitions in
//! `tests/fixtures/base/`: a file with the same name replaces the base file, other files are
//! added. Each expected finding is marked on the line it must point at with a comment
//! `# expect: CODE@COLUMN`. The fixture is validated (with `--today 2026-11-22`) and must
//! produce exactly the marked findings, at exactly those lines and columns, and no others;
//! the exit code must be 1 when any of them is an error and 0 otherwise.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-22";

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// (file name, line, column, code) for each `# expect:` marker in the folder's files.
fn expectations(folder: &Path) -> BTreeSet<(String, usize, usize, String)> {
    let mut expected = BTreeSet::new();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for (index, line) in text.lines().enumerate() {
            for marker in line.split("# expect: ").skip(1) {
                for item in marker.split(',') {
                    let item = item.trim();
                    let (code, column) = item.split_once('@').unwrap_or_else(|| {
                        panic!("{name}:{}: marker `{item}` lacks @COLUMN", index + 1)
                    });
                    let column: usize = column.trim().parse().unwrap();
                    expected.insert((name.clone(), index + 1, column, code.to_string()));
                }
            }
        }
    }
    expected
}

fn copy_into(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

fn run_fixture(folder: &Path) -> Result<(), String> {
    let work = tempfile::tempdir().unwrap();
    copy_into(&fixtures_root().join("base"), work.path());
    copy_into(folder, work.path());
    let mut command = Command::cargo_bin("isagen").unwrap();
    command
        .arg("validate")
        .arg(work.path())
        .args(["--today", TODAY, "--output-format", "json"])
        .current_dir(work.path());
    if folder.join("isagen.toml").exists() {
        command.arg("--config").arg(work.path().join("isagen.toml"));
    } else {
        command.arg("--no-config");
    }
    let output = command.output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "no JSON report ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let mut found = BTreeSet::new();
    let mut any_error = false;
    for d in report["diagnostics"].as_array().unwrap() {
        let file = Path::new(d["location"]["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        any_error |= d["severity"] == "error";
        found.insert((
            file,
            d["location"]["line"].as_u64().unwrap() as usize,
            d["location"]["column"].as_u64().unwrap() as usize,
            d["code"].as_str().unwrap().to_string(),
        ));
    }
    let expected = expectations(folder);
    if expected.is_empty() {
        return Err("the fixture marks no expected finding".into());
    }
    if found != expected {
        let missing: Vec<_> = expected.difference(&found).collect();
        let extra: Vec<_> = found.difference(&expected).collect();
        return Err(format!(
            "missing {missing:?}\n  unexpected {extra:?}\n  report: {}",
            serde_json::to_string_pretty(&report["diagnostics"]).unwrap()
        ));
    }
    let code = output.status.code().unwrap();
    let want = if any_error { 1 } else { 0 };
    if code != want {
        return Err(format!("exit code {code}, expected {want}"));
    }
    Ok(())
}

#[test]
fn base_definitions_are_clean() {
    Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(fixtures_root().join("base"))
        .args(["--today", TODAY, "--no-config", "--deny-warnings"])
        .assert()
        .success();
}

#[test]
fn every_rule_fixture_finds_exactly_what_it_marks() {
    let root = fixtures_root().join("rules");
    let mut folders: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let failures: Vec<String> = folders
        .iter()
        .filter_map(|folder| {
            run_fixture(folder)
                .err()
                .map(|e| format!("{}:\n  {e}", folder.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_rule_has_a_fixture() {
    let root = fixtures_root().join("rules");
    let names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let missing: Vec<String> = isagen::rules::registry()
        .iter()
        .map(|r| format!("{}-{}", r.code, r.name))
        .filter(|folder| !names.contains(folder))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without a fixture folder: {missing:?}"
    );
}
