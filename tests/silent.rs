//! Nothing invented (issue 11): every fact the issue lists that a real document may leave
//! silent can be left silent, with no value the author did not write. The set in
//! `tests/fixtures/silent/` states no version, no protective marking, no role for one party,
//! no category for one data item, no method or frequency for its flow, no oversight, joining,
//! withdrawal or dispute resolution in the protocol's governance, and (in a second agreement)
//! no flows. It validates with warnings only, each a completeness finding (G023/G024) at the
//! place of the gap, never a legal error; and every output says "Not stated" where the value
//! would be.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn isagen() -> Command {
    let mut command = Command::cargo_bin("isagen").unwrap();
    command.current_dir(root());
    command
}

fn silent() -> std::path::PathBuf {
    root().join("tests/fixtures/silent")
}

/// (code, severity, file name, line) of every finding on `path`.
fn findings(path: &Path) -> (i32, Vec<(String, String, String, u64)>) {
    let output = isagen()
        .arg("validate")
        .arg(path)
        .args([
            "--output-format",
            "json",
            "--today",
            "2026-11-22",
            "--no-config",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["location"]["file"].as_str().unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
                Path::new(file)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                d["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    (output.status.code().unwrap(), found)
}

#[test]
fn every_silent_fact_is_a_completeness_warning_where_it_is_silent() {
    let (code, found) = findings(&silent());
    assert_eq!(code, 0, "{found:?}");
    let w = |code: &str, file: &str, line: u64| {
        (
            code.to_string(),
            "warning".to_string(),
            file.to_string(),
            line,
        )
    };
    let mut expected = vec![
        // agreement.yaml: version, marking, role, category, method, frequency.
        w("G024", "agreement.yaml", 5),
        w("G023", "agreement.yaml", 9),
        w("G023", "agreement.yaml", 22),
        w("G024", "agreement.yaml", 35),
        w("G024", "agreement.yaml", 59),
        w("G024", "agreement.yaml", 60),
        // no-flows-agreement.yaml: no flows, so nothing uses the parties, purposes, subjects
        // or items (R005); and the same version, marking, role and category gaps.
        w("G024", "no-flows-agreement.yaml", 2),
        w("G024", "no-flows-agreement.yaml", 4),
        w("G023", "no-flows-agreement.yaml", 8),
        w("R005", "no-flows-agreement.yaml", 18),
        w("R005", "no-flows-agreement.yaml", 20),
        w("G023", "no-flows-agreement.yaml", 21),
        w("R005", "no-flows-agreement.yaml", 23),
        w("R005", "no-flows-agreement.yaml", 29),
        w("R005", "no-flows-agreement.yaml", 32),
        w("G024", "no-flows-agreement.yaml", 34),
        w("R005", "no-flows-agreement.yaml", 36),
        // protocol.yaml: version, marking, and four governance arrangements.
        w("G024", "protocol.yaml", 5),
        w("G023", "protocol.yaml", 9),
        w("G024", "protocol.yaml", 49),
        w("G024", "protocol.yaml", 49),
        w("G024", "protocol.yaml", 49),
        w("G024", "protocol.yaml", 49),
    ];
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn the_silent_fields_are_absent_or_not_stated_in_the_files_not_invented() {
    let agreement = std::fs::read_to_string(silent().join("agreement.yaml")).unwrap();
    let protocol = std::fs::read_to_string(silent().join("protocol.yaml")).unwrap();
    let no_flows = std::fs::read_to_string(silent().join("no-flows-agreement.yaml")).unwrap();
    for text in [&agreement, &protocol, &no_flows] {
        assert!(
            !text.lines().any(|l| l.trim_start().starts_with("version:")),
            "no version anywhere"
        );
        assert!(text.contains("protective_marking: not-stated"));
    }
    for field in [
        "oversight:",
        "joining:",
        "withdrawal:",
        "dispute_resolution:",
    ] {
        assert!(!protocol.contains(field), "{field}");
    }
    for value in [
        "role: not-stated",
        "category: not-stated",
        "method: not-stated",
        "frequency: not-stated",
    ] {
        assert!(agreement.contains(value), "{value}");
    }
    assert!(!no_flows.contains("flows:"));
}

#[test]
fn documents_with_no_version_are_named_by_id_and_say_not_stated() {
    let out = tempfile::tempdir().unwrap();
    isagen()
        .arg("render")
        .arg(silent())
        .args(["--format", "md,docx", "--no-config", "--out"])
        .arg(out.path())
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "silent-agreement.docx",
            "silent-agreement.md",
            "silent-no-flows.docx",
            "silent-no-flows.md",
            "silent-protocol.docx",
            "silent-protocol.md"
        ]
    );
    let md = std::fs::read_to_string(out.path().join("silent-agreement.md")).unwrap();
    for line in [
        "| Version | Not stated |",
        "| Protective marking | Not stated |",
        "| Northshire NHS Foundation Trust | Role not stated |",
        "| Name and address | Category not stated |",
        "| Flow 1 | Northshire NHS Foundation Trust | Northshire County Council | not stated | not stated |",
        "| Version signed | Not stated |",
    ] {
        assert!(md.contains(line), "{line}\n{md}");
    }
    insta::assert_snapshot!("silent-agreement", md);
    let no_flows = std::fs::read_to_string(out.path().join("silent-no-flows.md")).unwrap();
    assert!(no_flows.contains("The document lists no flows"));
    let protocol = std::fs::read_to_string(out.path().join("silent-protocol.md")).unwrap();
    for line in [
        "Who oversees this protocol is not stated.",
        "**Joining.** Not stated.",
        "**Withdrawal.** Not stated.",
        "**Disputes.** Not stated.",
    ] {
        assert!(protocol.contains(line), "{line}");
    }
    // The Word file: no "version" in the footer, the title page or the properties.
    let file = std::fs::File::open(out.path().join("silent-agreement.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let document = part("word/document.xml");
    assert!(document.contains("Version not stated (live)"));
    let core = part("docProps/core.xml");
    assert!(!core.contains("<cp:version>"), "{core}");
    let footers: String = (1..=3)
        .filter_map(|n| {
            let name = format!("word/footer{n}.xml");
            zip.by_name(&name).ok().map(|mut f| {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut f, &mut text).unwrap();
                text
            })
        })
        .collect();
    // The footer names the document by its title, with no version to give.
    assert!(
        footers.contains("Base Information Sharing Agreement  |  Page"),
        "{footers}"
    );
    assert!(!footers.contains(", version"), "{footers}");
}

#[test]
fn status_and_diff_report_a_missing_version_as_not_stated() {
    let output = isagen()
        .arg("status")
        .arg(silent())
        .args(["--format", "json", "--today", "2026-11-22", "--no-config"])
        .output()
        .unwrap();
    let rows: Value = serde_json::from_slice(&output.stdout).unwrap();
    for row in rows.as_array().unwrap() {
        assert_eq!(row["version"], Value::Null, "{row}");
    }
    let output = isagen()
        .arg("status")
        .arg(silent())
        .args(["--format", "md", "--today", "2026-11-22", "--no-config"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("| silent-agreement | Not stated | live |"),
        "{text}"
    );
    let output = isagen()
        .arg("diff")
        .arg(silent().join("agreement.yaml"))
        .arg(silent().join("no-flows-agreement.yaml"))
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Version not stated (unchanged)."), "{text}");
}

#[test]
fn a_signature_naming_no_version_does_not_cover_a_document_that_names_one() {
    // The base agreement states version 1.0; drop the version from the council's signature.
    let work = tempfile::tempdir().unwrap();
    for name in ["agreement.yaml", "protocol.yaml"] {
        std::fs::copy(
            root().join("tests/fixtures/base").join(name),
            work.path().join(name),
        )
        .unwrap();
    }
    let path = work.path().join("agreement.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let signatures = text.find("signatures:").unwrap();
    let (head, tail) = text.split_at(signatures);
    let tail = tail.replacen("    version: \"1.0\"\n", "", 1);
    std::fs::write(&path, format!("{head}{tail}")).unwrap();
    let (code, found) = findings(work.path());
    assert_eq!(code, 1);
    assert!(
        found
            .iter()
            .any(|(c, s, f, _)| c == "D007" && s == "error" && f == "agreement.yaml"),
        "{found:?}"
    );
}
