//! Broken and hostile input from many hands: each case gets a clear diagnostic (or a clear
//! error) and exit 1 or 2, within bounded time, never a panic.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-22";

fn base(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/base")
            .join(name),
    )
    .unwrap()
}

/// Writes the base protocol and `agreement` into a new folder and validates it.
fn validate_agreement(agreement: &[u8]) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("protocol.yaml"), base("protocol.yaml")).unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    validate(dir.path())
}

fn validate(path: &Path) -> (i32, Value) {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(path)
        .args(["--today", TODAY, "--no-config", "--output-format", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stderr).contains("internal error"));
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().expect("exited"), report)
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .map(|ds| {
            ds.iter()
                .map(|d| d["code"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn byte_order_mark_and_crlf_line_ends_are_read_normally() {
    let text = format!("\u{feff}{}", base("agreement.yaml").replace('\n', "\r\n"));
    let (code, report) = validate_agreement(text.as_bytes());
    assert_eq!((code, codes(&report)), (0, vec![]));
}

#[test]
fn tab_indentation_is_a_syntax_error_with_a_hint() {
    let text = base("agreement.yaml").replace("\n  id: base-agreement", "\n\tid: base-agreement");
    let (code, report) = validate_agreement(text.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S001"]);
    assert_eq!(report["diagnostics"][0]["location"]["line"], 5);
}

#[test]
fn huge_and_non_finite_numbers() {
    for number in [
        "1e400",
        ".inf",
        "-.Inf",
        ".nan",
        "123456789012345678901234567890",
    ] {
        let text = base("agreement.yaml")
            .replace("schema_version: 1", &format!("schema_version: {number}"));
        let (code, report) = validate_agreement(text.as_bytes());
        assert_eq!(code, 1, "{number}");
        let found = codes(&report);
        assert!(
            found == ["S001"] || found == ["S007"],
            "{number}: {found:?}"
        );
    }
}

#[test]
fn impossible_dates_are_invalid_values() {
    let text = base("agreement.yaml").replace("review: 2027-02-01", "review: 2025-02-30");
    let (code, report) = validate_agreement(text.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S006"]);
    assert!(
        report["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not a real calendar date")
    );
}

#[test]
fn a_protocol_that_lists_itself_or_a_cycle_is_just_a_missing_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let protocol = base("protocol.yaml").replace(
        "  - base-agreement\n",
        "  - base-agreement\n  - base-protocol\n",
    );
    std::fs::write(dir.path().join("protocol.yaml"), protocol).unwrap();
    // An agreement that names another agreement as its protocol.
    let agreement =
        base("agreement.yaml").replace("protocol: base-protocol", "protocol: base-agreement");
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    let (code, report) = validate(dir.path());
    assert_eq!(code, 1);
    let found = codes(&report);
    assert!(
        found.contains(&"R003".to_string()) && found.contains(&"R007".to_string()),
        "{found:?}"
    );
}

#[test]
fn ten_thousand_partners_validate_in_bounded_time() {
    let mut partners = String::new();
    for i in 0..10_000 {
        partners.push_str(&format!(
            "  - id: p{i}\n    name: Partner {i}\n    type: charity\n    public_authority: false\n    ico_registration: Z{i:07}\n    signatory:\n      name: Signatory {i}\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let protocol =
        base("protocol.yaml").replacen("governance:\n", &format!("{partners}governance:\n"), 1);
    std::fs::write(dir.path().join("protocol.yaml"), protocol).unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), base("agreement.yaml")).unwrap();
    let (code, report) = validate(dir.path());
    // Each new partner is live but has not signed: one D007 each, and nothing else.
    assert_eq!(code, 1);
    let found = codes(&report);
    assert_eq!(found.len(), 10_000);
    assert!(found.iter().all(|c| c == "D007"));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_in_a_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("protocol.yaml"), base("protocol.yaml")).unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), base("agreement.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let (code, report) = validate(dir.path());
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["summary"]["files"], 2);
}

#[test]
fn an_output_folder_that_cannot_be_written_is_a_tool_error() {
    let file = tempfile::NamedTempFile::new().unwrap();
    // A path under a regular file can never be created.
    let out: PathBuf = file.path().join("out");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"))
        .args(["--today", TODAY, "--no-config", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot create the output folder"));
}

#[test]
fn very_long_words_and_injection_render_safely() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("protocol.yaml"), base("protocol.yaml")).unwrap();
    let long = "x".repeat(5_000);
    let agreement = base("agreement.yaml")
        .replace("Needed to identify the person and arrange visits.", &long)
        .replace(
            "Planning and delivering joined-up care for the adult.",
            "\"]]></w:t><w:p>## Injected</w:p>{{document.id}}\"",
        );
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(dir.path())
        .args([
            "--today",
            TODAY,
            "--no-config",
            "--format",
            "md,docx",
            "--out",
        ])
        .arg(out.path())
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let markdown = std::fs::read_to_string(out.path().join("base-agreement-v1.0.md")).unwrap();
    assert!(markdown.contains(&long));
    assert!(!markdown.contains("\n## Injected"), "no heading injected");
    assert!(
        markdown.contains("\\{\\{document.id\\}\\}"),
        "template syntax in data is inert"
    );
    let docx = std::fs::read(out.path().join("base-agreement-v1.0.docx")).unwrap();
    docx_rs::read_docx(&docx).expect("the document reads back");
}

#[test]
fn a_fifty_megabyte_string_is_refused_by_the_size_limit() {
    let agreement = base("agreement.yaml");
    let huge = format!("notes: \"{}\"\n", "a".repeat(50 * 1024 * 1024));
    let (code, report) = validate_agreement(format!("{agreement}{huge}").as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S001"]);
    let message = report["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("definitions larger than 8388608 bytes are not read"),
        "{message}"
    );
}

#[test]
fn a_string_just_under_the_size_limit_is_read_in_bounded_time() {
    let agreement = base("agreement.yaml");
    let long = "word ".repeat(1_500_000);
    let text = agreement.replacen(
        "kind: agreement\n",
        &format!("kind: agreement\n# {long}\n"),
        1,
    );
    assert!(text.len() > 7 * 1024 * 1024 && text.len() < 8 * 1024 * 1024);
    let (code, report) = validate_agreement(text.as_bytes());
    assert_eq!(code, 0, "{report}");
}

#[test]
fn an_unreadable_file_is_a_tool_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agreement.yaml");
    std::fs::write(&path, base("agreement.yaml")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let mut reason = "ermission denied";
    if std::fs::read(&path).is_ok() {
        // Permissions do not stop the superuser (as in CI containers); reading the process's
        // own memory file fails for everyone.
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink("/proc/self/mem", &path).unwrap();
        reason = "Input/output error";
    }
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .args(["--today", TODAY, "--no-config"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("agreement.yaml: ") && stderr.contains(reason),
        "{stderr}"
    );
}

#[test]
fn a_panic_is_a_short_internal_error_with_where_to_report_it() {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .env("ISAGEN_TEST_PANIC", "1")
        .args(["validate", "examples/mash", "--no-config"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("isagen "), "{stderr}");
    assert!(stderr.contains(": internal error: "), "{stderr}");
    assert!(stderr.contains("Please report it at https://"), "{stderr}");
    assert!(stderr.lines().count() <= 3, "not short: {stderr}");
}

#[test]
fn a_template_cannot_read_files_outside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let secret = "SECRET-CONTENT-7f3a";
    std::fs::write(dir.path().join("secret.md.hbs"), secret).unwrap();
    std::fs::write(dir.path().join("secret"), secret).unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("partials")).unwrap();
    for partial in ["../secret", "../../secret", "/etc/passwd", "secret"] {
        std::fs::write(
            templates.join("agreement.md.hbs"),
            format!("# {{{{document.title}}}}\n\n{{{{> {partial}}}}}\n"),
        )
        .unwrap();
        let out = dir.path().join("out");
        let output = Command::cargo_bin("isagen")
            .unwrap()
            .arg("render")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"))
            .args([
                "--today",
                TODAY,
                "--no-config",
                "--format",
                "md",
                "--templates",
            ])
            .arg(&templates)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{partial}: {stderr}");
        assert!(stderr.contains("agreement.md.hbs"), "{partial}: {stderr}");
        assert!(!stderr.contains(secret), "{partial} leaked: {stderr}");
        assert!(
            !out.exists(),
            "no output folder is made when nothing renders"
        );
    }
}

#[test]
fn a_failed_render_leaves_earlier_outputs_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let render = |templates: Option<&Path>| {
        let mut command = Command::cargo_bin("isagen").unwrap();
        command
            .arg("render")
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"))
            .args(["--today", TODAY, "--no-config", "--format", "md,docx"]);
        if let Some(templates) = templates {
            command.arg("--templates").arg(templates);
        }
        command.arg("--out").arg(&out).output().unwrap()
    };
    let snapshot = || -> Vec<(std::ffi::OsString, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    assert!(render(None).status.success());
    let before = snapshot();
    assert_eq!(before.len(), 4, "protocol and agreement, Markdown and Word");

    // The agreement template fails at render time (a field the view does not have, in strict
    // mode) after the protocol has rendered in memory: nothing at all is written.
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("agreement.md.hbs"),
        "# {{document.title}}\n\n{{document.no_such_field}}\n",
    )
    .unwrap();
    let output = render(Some(&templates));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("agreement.md.hbs") && stderr.contains("no_such_field"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).is_empty());
    assert_eq!(
        snapshot(),
        before,
        "earlier outputs are untouched and no temporary file is left behind"
    );
    std::fs::remove_dir_all(&out).unwrap();
    assert_eq!(render(Some(&templates)).status.code(), Some(2));
    assert!(
        !out.exists(),
        "a failed first render makes no output folder"
    );
}
