//! Hostile and broken input gets a clear diagnostic and exit code 1, never a panic or a hang.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

/// Validates `bytes` written to a file called `name`, returning the exit code and report.
fn validate_bytes(name: &str, bytes: &[u8]) -> (i32, Value) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    validate_path(&path)
}

fn validate_path(path: &Path) -> (i32, Value) {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(path)
        .args(["--no-config", "--output-format", "json"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("internal error"),
        "isagen panicked: {stderr}"
    );
    let code = output.status.code().expect("isagen exited normally");
    let report = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (code, report)
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

fn first_message(report: &Value) -> String {
    report["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

#[test]
fn empty_file() {
    let (code, report) = validate_bytes("empty.yaml", b"");
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S001"]);
    assert_eq!(first_message(&report), "the file is empty");
}

#[test]
fn binary_file() {
    let (code, report) = validate_bytes("logo.yaml", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S001"]);
    assert!(first_message(&report).contains("binary"));
}

#[test]
fn random_bytes_never_panic() {
    // A fixed-seed generator, so a failure is reproducible.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..40 {
        let mut bytes = Vec::new();
        for _ in 0..(64 + round * 37) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.push((state & 0xff) as u8);
        }
        if round % 2 == 0 {
            // Printable noise exercises the YAML parser rather than the UTF-8 check.
            for b in &mut bytes {
                let alphabet = b" :-[]{}#&*!|>'\"%@`,?\nabcXYZ019\t";
                *b = alphabet[(*b as usize) % alphabet.len()];
            }
        }
        let (code, report) = validate_bytes("noise.yaml", &bytes);
        assert!(code == 1 || code == 2, "round {round}: exit {code}");
        if code == 1 {
            assert!(
                !codes(&report).is_empty(),
                "round {round}: exit 1 with no finding"
            );
        }
    }
}

#[test]
fn invalid_utf8_points_at_the_bad_byte() {
    let (code, report) = validate_bytes("latin1.yaml", b"kind: agreement\ntitle: caf\xe9\n");
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S001"]);
    let location = &report["diagnostics"][0]["location"];
    assert_eq!(location["line"], 2);
    assert_eq!(location["column"], 11);
}

#[test]
fn alias_bomb_is_refused_quickly() {
    let mut text =
        String::from("kind: agreement\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..12 {
        let p = i - 1;
        text.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    let (code, report) = validate_bytes("bomb.yaml", text.as_bytes());
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S001"]);
    assert_eq!(
        first_message(&report),
        "aliases expand to more than 10000 nodes"
    );
}

#[test]
fn deep_nesting_is_refused() {
    let mut text = String::from("kind: agreement\nx:\n");
    for depth in 1..2000 {
        text.push_str(&" ".repeat(depth));
        text.push_str("- \n");
    }
    let (code, report) = validate_bytes("deep.yaml", text.as_bytes());
    assert_eq!(code, 1, "{report}");
    assert_eq!(codes(&report), ["S001"]);
}

#[test]
fn nesting_ten_thousand_deep_is_refused_at_the_limit() {
    let lists = format!(
        "kind: agreement\nx: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let maps = format!(
        "kind: agreement\nx: {}1{}\n",
        "{a: ".repeat(10_000),
        "}".repeat(10_000)
    );
    for text in [lists, maps] {
        let (code, report) = validate_bytes("deep.yaml", text.as_bytes());
        assert_eq!(code, 1, "{report}");
        assert_eq!(codes(&report), ["S001"]);
        assert!(
            first_message(&report).contains("nested more than 64 levels deep"),
            "{report}"
        );
    }
}

#[test]
fn unknown_kind_suggests_the_right_one() {
    let (code, report) = validate_bytes("a.yaml", b"kind: agreemnt\nschema_version: 1\n");
    assert_eq!(code, 1);
    assert_eq!(codes(&report), ["S007"]);
    assert_eq!(
        report["diagnostics"][0]["hint"].as_str().unwrap(),
        "did you mean `agreement`? use `kind: protocol` or `kind: agreement`"
    );
}

#[test]
fn json_definitions_are_read_with_positions() {
    let (code, report) = validate_bytes(
        "a.json",
        b"{\n  \"kind\": \"protocol\",\n  \"schema_version\": 1,\n  \"colour\": 1\n}\n",
    );
    assert_eq!(code, 1);
    let unknown = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "S004")
        .expect("unknown field reported");
    assert_eq!(unknown["location"]["line"], 4);
    assert_eq!(unknown["location"]["column"], 3);
}

/// Inputs kept from fuzzing (`fuzz/`): each is read as a definition and must give a clean
/// result or findings, never a panic or a tool error. A crashing input the fuzzer finds
/// goes here once it is fixed.
#[test]
fn inputs_kept_from_fuzzing() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_inputs");
    let mut checked = 0;
    for entry in std::fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let (code, report) = validate_path(&path);
        let name = path.display();
        assert!(code == 0 || code == 1, "{name}: exit {code}");
        assert_eq!(
            code == 1,
            !codes(&report).is_empty(),
            "{name}: exit {code} with {report}"
        );
        checked += 1;
    }
    assert!(
        checked >= 5,
        "only {checked} inputs in {}",
        folder.display()
    );
}
