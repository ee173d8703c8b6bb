//! Bounded input and bounded templates: a file that never ends, a template that includes
//! itself or expands without limit, and JSON escapes as other tools write them. Each case ends
//! with a clear message and exit code, in bounded time and memory; the test finishing (with a
//! generous timeout on the process) is the bound.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const TODAY: &str = "2026-11-22";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn base(name: &str) -> PathBuf {
    root().join("tests/fixtures/base").join(name)
}

fn isagen() -> Command {
    let mut command = Command::cargo_bin("isagen").unwrap();
    command.timeout(Duration::from_secs(120));
    command
}

/// Runs the command and returns its exit code, stdout and stderr.
fn run(command: &mut Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("internal error"), "{stderr}");
    assert!(!stderr.contains("overflow"), "{stderr}");
    (
        output.status.code().expect("the process exited by itself"),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    )
}

/// Renders the base fixtures to Markdown with the templates folder `templates`.
fn render_with_templates(templates: &Path) -> (i32, String, String) {
    let out = tempfile::tempdir().unwrap();
    run(isagen()
        .arg("render")
        .arg(base("agreement.yaml"))
        .arg(base("protocol.yaml"))
        .args([
            "--format",
            "md",
            "--today",
            TODAY,
            "--no-config",
            "--templates",
        ])
        .arg(templates)
        .arg("--out")
        .arg(out.path()))
}

#[cfg(unix)]
mod endless_files {
    use super::*;

    #[test]
    fn a_definition_that_never_ends_meets_the_size_limit() {
        let (code, stdout, _) = run(isagen()
            .args([
                "validate",
                "/dev/zero",
                "--no-config",
                "--output-format",
                "json",
            ])
            .args(["--today", TODAY]));
        assert_eq!(code, 1);
        let report: Value = serde_json::from_str(&stdout).unwrap();
        let diagnostic = &report["diagnostics"][0];
        assert_eq!(diagnostic["code"], "S001");
        let message = diagnostic["message"].as_str().unwrap();
        assert!(
            message.contains("definitions larger than 8388608 bytes are not read"),
            "{message}"
        );
    }

    #[test]
    fn hash_and_diff_meet_the_size_limit_too() {
        let (code, _, stderr) = run(isagen().args(["hash", "/dev/zero"]));
        assert_eq!(code, 1, "{stderr}");
        assert!(stderr.contains("S001"), "{stderr}");
        assert!(stderr.contains("not read"), "{stderr}");
        let (code, _, stderr) = run(isagen()
            .args(["diff", "/dev/zero"])
            .arg(base("agreement.yaml")));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("not read"), "{stderr}");
    }

    #[test]
    fn a_logo_that_never_ends_is_refused_at_its_limit() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("isagen.toml");
        std::fs::write(&config, "[style]\nlogo = \"/dev/zero\"\n").unwrap();
        let out = dir.path().join("out");
        let (code, _, stderr) = run(isagen()
            .arg("render")
            .arg(base("agreement.yaml"))
            .arg(base("protocol.yaml"))
            .args(["--format", "docx", "--today", TODAY, "--config"])
            .arg(&config)
            .arg("--out")
            .arg(&out));
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("[style] logo /dev/zero: the file is larger than 8 MiB"),
            "{stderr}"
        );
        assert!(!out.exists());
    }

    #[test]
    fn a_template_that_never_ends_is_refused_at_its_limit() {
        let templates = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/zero", templates.path().join("agreement.md.hbs")).unwrap();
        let (code, _, stderr) = render_with_templates(templates.path());
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("agreement.md.hbs"), "{stderr}");
        assert!(stderr.contains("the file is larger than 1 MiB"), "{stderr}");
    }

    #[test]
    fn a_template_link_to_nothing_is_an_error_not_the_built_in() {
        let templates = tempfile::tempdir().unwrap();
        let link = templates.path().join("partials/partner.md.hbs");
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink("/nonexistent/partner.md.hbs", &link).unwrap();
        let (code, _, stderr) = render_with_templates(templates.path());
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("partials/partner.md.hbs: no such file or folder"),
            "{stderr}"
        );
    }
}

/// A templates folder holding `files` (path within the folder, text).
fn templates(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn a_partial_that_includes_itself_is_a_template_error() {
    let dir = templates(&[("partials/partner.md.hbs", "{{name}}\n{{> partner}}\n")]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("partials/partner.md.hbs"), "{stderr}");
    assert!(
        stderr.contains("the partial `partner` includes itself"),
        "{stderr}"
    );
}

#[test]
fn partials_that_include_each_other_are_a_template_error() {
    let dir = templates(&[
        ("partials/partner.md.hbs", "{{> breach}}\n"),
        (
            "partials/breach.md.hbs",
            "{{#if true}}{{> partner}}{{/if}}\n",
        ),
    ]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("partials/partner.md.hbs"), "{stderr}");
    assert!(
        stderr.contains("partials include one another in a loop: partner → breach → partner"),
        "{stderr}"
    );
}

#[test]
fn an_inline_partial_that_includes_itself_is_a_template_error() {
    let dir = templates(&[(
        "agreement.md.hbs",
        "{{#*inline \"again\"}}x{{> again}}{{/inline}}{{> again}}\n",
    )]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("agreement.md.hbs"), "{stderr}");
    assert!(stderr.contains("`again` includes itself"), "{stderr}");
}

#[test]
fn computed_partial_names_and_partial_blocks_are_refused() {
    for (text, expected) in [
        (
            "{{> (lookup this \"kind\")}}\n",
            "1:1: a partial's name must be written out",
        ),
        (
            "{{#> partner}}body{{/partner}}\n",
            "1:1: partial blocks (`{{#> name}}…{{/name}}`) are not supported",
        ),
    ] {
        let dir = templates(&[("agreement.md.hbs", text)]);
        let (code, _, stderr) = render_with_templates(dir.path());
        assert_eq!(code, 2, "{text}: {stderr}");
        assert!(stderr.contains("agreement.md.hbs"), "{stderr}");
        assert!(stderr.contains(expected), "{text}: {stderr}");
    }
}

#[test]
fn loops_nested_ten_deep_stop_at_the_step_budget() {
    let nested = format!(
        "{}{}\n",
        "{{#each @root.agreement}}".repeat(10),
        "{{/each}}".repeat(10)
    );
    let dir = templates(&[("agreement.md.hbs", nested.as_str())]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("agreement.md.hbs"), "{stderr}");
    assert!(
        stderr.contains("this loop would take the document past 10000000 template steps"),
        "{stderr}"
    );
}

#[test]
fn a_template_that_expands_to_gigabytes_stops_at_the_output_limit() {
    let bomb = format!(
        "{}{}{}\n",
        "{{#each @root.agreement}}".repeat(6),
        "x".repeat(1000),
        "{{/each}}".repeat(6)
    );
    let dir = templates(&[("agreement.md.hbs", bomb.as_str())]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("agreement.md.hbs"), "{stderr}");
    assert!(
        stderr.contains("the document would be larger than 64 MiB of Markdown"),
        "{stderr}"
    );
}

#[test]
fn partials_that_expand_exponentially_are_refused_before_rendering() {
    // Each partial includes the next 100 times: 100^4 inclusions with no loop at all.
    let hundred = |name: &str| format!("{{{{> {name}}}}}").repeat(100);
    let document_control = hundred("version-history");
    let version_history = hundred("signatures");
    let signatures = hundred("partner");
    let partner = hundred("breach");
    let dir = templates(&[
        (
            "partials/document-control.md.hbs",
            document_control.as_str(),
        ),
        ("partials/version-history.md.hbs", version_history.as_str()),
        ("partials/signatures.md.hbs", signatures.as_str()),
        ("partials/partner.md.hbs", partner.as_str()),
        ("partials/breach.md.hbs", "{{kind}}"),
    ]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("its partials expand to more than 10000000 template steps"),
        "{stderr}"
    );
}

/// JSON as Python's `json.dumps` writes it by default (`ensure_ascii=True`): every character
/// beyond ASCII as `\u` escapes, a character beyond U+FFFF as a UTF-16 surrogate pair.
fn ascii_json(value: &Value) -> String {
    let mut out = String::new();
    for c in serde_json::to_string_pretty(value).unwrap().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

/// The base agreement as JSON with `title` as its title, in a folder with the base protocol.
fn json_agreement(title: &str) -> (tempfile::TempDir, String) {
    let yaml = std::fs::read_to_string(base("agreement.yaml")).unwrap();
    let (mut value, _) = isagen::load::yaml::parse(&yaml).unwrap();
    value["document"]["title"] = Value::String(title.to_string());
    let text = ascii_json(&value);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("agreement.json"), &text).unwrap();
    std::fs::copy(base("protocol.yaml"), dir.path().join("protocol.yaml")).unwrap();
    (dir, text)
}

fn validate_json(dir: &Path) -> (i32, Value) {
    let (code, stdout, stderr) = run(isagen().arg("validate").arg(dir).args([
        "--today",
        TODAY,
        "--no-config",
        "--output-format",
        "json",
    ]));
    let report = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout} {stderr}"));
    (code, report)
}

#[test]
fn json_with_surrogate_pair_escapes_validates_and_renders_the_character() {
    let (dir, text) = json_agreement("Base 😀 Agreement");
    assert!(text.contains(r#""Base \ud83d\ude00 Agreement""#), "{text}");
    let (code, report) = validate_json(dir.path());
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["diagnostics"], Value::Array(vec![]));
    let out = dir.path().join("out");
    let (code, _, stderr) = run(isagen()
        .arg("render")
        .arg(dir.path())
        .args(["--format", "md", "--today", TODAY, "--no-config", "--out"])
        .arg(&out));
    assert_eq!(code, 0, "{stderr}");
    let markdown = std::fs::read_to_string(out.join("base-agreement-v1.0.md")).unwrap();
    assert!(markdown.starts_with("# Base 😀 Agreement\n"), "{markdown}");
}

#[test]
fn a_lone_surrogate_escape_is_s001_at_its_line_and_column() {
    let (dir, text) = json_agreement("Base 😀 Agreement");
    let broken = text.replace(r"\ude00", "");
    std::fs::write(dir.path().join("agreement.json"), &broken).unwrap();
    let (line_index, line) = broken
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(r"\ud83d"))
        .unwrap();
    let column = line.find(r"\ud83d").unwrap() + 1;
    let (code, report) = validate_json(dir.path());
    assert_eq!(code, 1, "{report}");
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["code"], "S001", "{report}");
    assert_eq!(diagnostic["location"]["line"], line_index + 1);
    assert_eq!(diagnostic["location"]["column"], column);
    assert_eq!(diagnostic["location"]["end_column"], column + 6);
    let message = diagnostic["message"].as_str().unwrap();
    assert!(
        message.contains(r"`\ud83d` is the first half of a UTF-16 surrogate pair"),
        "{message}"
    );
}

#[test]
fn yaml_double_quoted_pairs_decode_and_positions_after_them_hold() {
    // The pair is 12 characters in the file and 10 after isagen rewrites it: a finding after
    // it on the same line must still point at the file's own column.
    let agreement = std::fs::read_to_string(base("agreement.yaml")).unwrap();
    let agreement = agreement.replacen(
        "  title: Base Information Sharing Agreement\n",
        "  title: \"Base \\ud83d\\ude00 Agreement\"\n",
        1,
    );
    let owner = "  owner:\n    partner: council\n    role: Information Governance Manager\n";
    assert!(agreement.contains(owner));
    let line_text = r#"  owner: {partner: council, x: "\ud83d\ude00\uD83D\uDE00", role: 5}"#;
    let agreement = agreement.replacen(owner, &format!("{line_text}\n"), 1);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), &agreement).unwrap();
    std::fs::copy(base("protocol.yaml"), dir.path().join("protocol.yaml")).unwrap();
    let (code, report) = validate_json(dir.path());
    assert_eq!(code, 1, "{report}");
    let line = agreement.lines().position(|l| l == line_text).unwrap() + 1;
    let finding = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["location"]["pointer"] == "/document/owner/role")
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(finding["location"]["line"], line, "{report}");
    assert_eq!(
        finding["location"]["column"],
        line_text.find('5').unwrap() + 1,
        "{report}"
    );
    // And the escapes decode to the one character each.
    let (value, _) = isagen::load::yaml::parse(&agreement).unwrap();
    assert_eq!(value["document"]["title"], "Base 😀 Agreement");
    assert_eq!(value["document"]["owner"]["x"], "😀😀");
}

#[test]
fn blocks_nested_too_deep_are_refused_before_they_overflow_the_stack() {
    let nested = |depth: usize, inner: &str| {
        format!(
            "{}{inner}{}\n",
            "{{#if true}}".repeat(depth),
            "{{/if}}".repeat(depth)
        )
    };
    // One template 1,000 blocks deep and one with 400 subexpressions one inside the next
    // (each aborted with a stack overflow), and three partials of 40 levels each, one
    // inside the next.
    let deep = nested(1000, "x");
    let subexpressions = format!(
        "{{{{lower {}kind{}}}}}\n",
        "(lower ".repeat(400),
        ")".repeat(400)
    );
    let document_control = nested(40, "{{> version-history}}");
    let version_history = nested(40, "{{> signatures}}");
    let signatures = nested(40, "x");
    for (files, expected) in [
        (
            vec![("agreement.md.hbs", deep.as_str())],
            "agreement.md.hbs: 1:1201: blocks and subexpressions nest more than 100 levels deep;",
        ),
        (
            vec![("agreement.md.hbs", subexpressions.as_str())],
            "agreement.md.hbs: 1:709: blocks and subexpressions nest more than 100 levels deep;",
        ),
        (
            vec![
                (
                    "partials/document-control.md.hbs",
                    document_control.as_str(),
                ),
                ("partials/version-history.md.hbs", version_history.as_str()),
                ("partials/signatures.md.hbs", signatures.as_str()),
            ],
            "partials/signatures.md.hbs: blocks and partial inclusions nest more than 100 levels deep through agreement → document-control → version-history → signatures;",
        ),
    ] {
        let dir = templates(&files);
        let (code, _, stderr) = render_with_templates(dir.path());
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
    }
    // Within the limit, it renders.
    let within = format!(
        "{{{{lower {}kind{}}}}}\n",
        "(lower ".repeat(9),
        ")".repeat(9)
    );
    let within = nested(90, &within);
    let dir = templates(&[("partials/signatures.md.hbs", within.as_str())]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 0, "{stderr}");
    // Twenty thousand deep is refused as fast, before the parser sees it.
    let beyond = format!(
        "{{{{lower {}kind{}}}}}\n",
        "(lower ".repeat(20_000),
        ")".repeat(20_000)
    );
    let dir = templates(&[("agreement.md.hbs", beyond.as_str())]);
    let (code, _, stderr) = render_with_templates(dir.path());
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("agreement.md.hbs: 1:709: blocks and subexpressions"),
        "{stderr}"
    );
}
