//! Compatibility with the schema and rules as they stood at the base of issue 11 (3b66cf6):
//! every example and fixture that existed then still validates with the same findings.
//!
//! `tests/compat/baseline-3b66cf6.json` was made by building isagen at 3b66cf6 and running
//! `isagen validate . --output-format json --today 2026-11-22 --no-config` on each set of
//! files validated together then (each example folder, the examples together, each fixture
//! folder, and each rule fixture laid over `tests/fixtures/base` as `tests/rule_fixtures.rs`
//! does). It records each file's SHA-256 and each finding's code, severity, file, line and
//! column. This test runs today's binary on the same bytes and fails on any difference that
//! `tests/compat/accepted-changes.toml` does not list (with the issue and the reason), and on
//! a listed change that no longer happens.
//!
//! It needs no git history (CI clones may be shallow): a file edited since 3b66cf6 is kept as
//! it was under `tests/compat/files-3b66cf6/<path>`, and every other file must still hash as
//! the baseline says, so an edit that would change the inputs is caught here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
struct Baseline {
    today: String,
    units: Vec<Unit>,
}

#[derive(Deserialize)]
struct Unit {
    name: String,
    files: Vec<UnitFile>,
    config: Option<String>,
    exit: i32,
    findings: Vec<Finding>,
}

#[derive(Deserialize)]
struct UnitFile {
    from: String,
    to: String,
    sha256: String,
}

#[derive(Deserialize, Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    code: String,
    severity: String,
    file: String,
    line: u64,
    column: u64,
}

#[derive(Deserialize)]
struct Accepted {
    change: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    unit: String,
    change: String,
    code: String,
    severity: String,
    file: String,
    line: u64,
    column: u64,
    issue: u32,
    reason: String,
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The bytes of `from` as they were at 3b66cf6: the frozen copy if the file changed since,
/// else today's file, which must hash as the baseline recorded.
fn base_bytes(file: &UnitFile) -> Result<Vec<u8>, String> {
    let frozen = root().join("tests/compat/files-3b66cf6").join(&file.from);
    let path: PathBuf = if frozen.exists() {
        frozen
    } else {
        root().join(&file.from)
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        format!(
            "{}: {e}; a file removed since 3b66cf6 must be kept under tests/compat/files-3b66cf6/{}",
            path.display(),
            file.from
        )
    })?;
    let hash = format!("{:x}", Sha256::digest(&bytes));
    if hash != file.sha256 {
        return Err(format!(
            "{} changed since 3b66cf6; keep its 3b66cf6 bytes under tests/compat/files-3b66cf6/{} (git show 3b66cf6:{})",
            file.from, file.from, file.from
        ));
    }
    Ok(bytes)
}

/// Today's exit code and findings for `unit`, run on its 3b66cf6 bytes.
fn run(unit: &Unit, today: &str) -> Result<(i32, Vec<Finding>), String> {
    let work = tempfile::tempdir().unwrap();
    for file in &unit.files {
        let to = work.path().join(&file.to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(&to, base_bytes(file)?).unwrap();
    }
    let mut command = Command::cargo_bin("isagen").unwrap();
    command
        .args(["validate", ".", "--output-format", "json", "--today", today])
        .current_dir(work.path());
    match &unit.config {
        Some(config) => command.arg("--config").arg(work.path().join(config)),
        None => command.arg("--no-config"),
    };
    let output = command.output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        format!(
            "{}: no JSON report ({e}); stderr: {}",
            unit.name,
            String::from_utf8_lossy(&output.stderr)
        )
    })?;
    let mut findings: Vec<Finding> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| Finding {
            code: d["code"].as_str().unwrap().to_string(),
            severity: d["severity"].as_str().unwrap().to_string(),
            file: d["location"]["file"]
                .as_str()
                .unwrap_or("")
                .trim_start_matches("./")
                .to_string(),
            line: d["location"]["line"].as_u64().unwrap_or(0),
            column: d["location"]["column"].as_u64().unwrap_or(0),
        })
        .collect();
    findings.sort();
    Ok((output.status.code().unwrap_or(-1), findings))
}

/// The findings in `a` not matched one for one in `b`.
fn minus(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
    let mut left: BTreeMap<&Finding, usize> = BTreeMap::new();
    for f in b {
        *left.entry(f).or_default() += 1;
    }
    a.iter()
        .filter(|f| match left.get_mut(f) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

#[test]
fn every_definition_of_3b66cf6_validates_with_the_same_findings() {
    let baseline: Baseline = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/compat/baseline-3b66cf6.json")).unwrap(),
    )
    .unwrap();
    let accepted: Accepted = toml::from_str(
        &std::fs::read_to_string(root().join("tests/compat/accepted-changes.toml")).unwrap(),
    )
    .unwrap();
    for change in &accepted.change {
        assert!(
            matches!(change.change.as_str(), "removed" | "added"),
            "accepted-changes.toml: `change` is `removed` or `added`, not `{}`",
            change.change
        );
        assert!(
            change.issue > 0 && !change.reason.trim().is_empty(),
            "accepted-changes.toml: every change names its issue and the reason ({} in {})",
            change.code,
            change.unit
        );
    }
    let listed = |unit: &str, kind: &str, f: &Finding| {
        accepted.change.iter().any(|c| {
            c.unit == unit
                && c.change == kind
                && c.code == f.code
                && c.severity == f.severity
                && c.file == f.file
                && c.line == f.line
                && c.column == f.column
        })
    };
    let mut problems = Vec::new();
    let mut seen = Vec::new();
    assert!(
        baseline.units.len() >= 80,
        "the baseline covers every example and fixture set of 3b66cf6"
    );
    for unit in &baseline.units {
        let (exit, now) = match run(unit, &baseline.today) {
            Ok(result) => result,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        let mut then = unit.findings.clone();
        then.sort();
        for (kind, findings) in [
            ("removed", minus(&then, &now)),
            ("added", minus(&now, &then)),
        ] {
            for f in findings {
                if listed(&unit.name, kind, &f) {
                    seen.push((unit.name.clone(), kind, f));
                } else {
                    problems.push(format!(
                        "{}: {kind} {} ({}) at {}:{}:{}, not listed in tests/compat/accepted-changes.toml",
                        unit.name, f.code, f.severity, f.file, f.line, f.column
                    ));
                }
            }
        }
        // Only an accepted change may move the outcome: a set that passed still passes.
        if exit != unit.exit && !seen.iter().any(|(name, _, _)| name == &unit.name) {
            problems.push(format!(
                "{}: exit code {} at 3b66cf6, {exit} now",
                unit.name, unit.exit
            ));
        }
    }
    for c in &accepted.change {
        let happened = seen.iter().any(|(unit, kind, f)| {
            unit == &c.unit
                && *kind == c.change
                && f.code == c.code
                && f.file == c.file
                && f.line == c.line
                && f.column == c.column
        });
        if !happened {
            problems.push(format!(
                "accepted-changes.toml lists {} {} in {} at {}:{}:{}, which no longer happens; remove the entry",
                c.change, c.code, c.unit, c.file, c.line, c.column
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
