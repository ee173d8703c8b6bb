//! The README's "Start a new partnership" walkthrough, run exactly as written: its commands in
//! an empty folder with `isagen` on the `PATH`, then the partnership validates with only
//! placeholder warnings and renders.

use std::path::{Path, PathBuf};

fn readme_walkthrough() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("<!-- walkthrough:start -->")
        .expect("the README has a walkthrough");
    let end = readme.find("<!-- walkthrough:end -->").unwrap();
    let block = &readme[start..end];
    let body = block
        .split_once("```sh\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(body, _)| body)
        .expect("a sh code block");
    body.to_string()
}

fn path_with_isagen() -> std::ffi::OsString {
    let binary: PathBuf = assert_cmd::cargo::cargo_bin("isagen");
    let mut paths = vec![binary.parent().unwrap().to_path_buf()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

#[cfg(unix)]
#[test]
fn the_readme_walkthrough_gives_a_partnership_that_validates_and_renders() {
    let script = readme_walkthrough();
    assert!(script.contains("isagen init partnership"));
    let dir = tempfile::tempdir().unwrap();
    let output = std::process::Command::new("sh")
        .arg("-ec")
        .arg(&script)
        .current_dir(dir.path())
        .env("PATH", path_with_isagen())
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("2 files checked: 0 errors"), "{stdout}");

    // What the README says comes of it.
    let folder = dir.path().join("northshire-discharge");
    for name in [
        "northshire-discharge-isp.yaml",
        "discharge-to-social-care-isa.yaml",
        "isagen-v1.schema.json",
        "documents/discharge-to-social-care-isa-v0.1.docx",
        "documents/northshire-discharge-isp-v0.1.docx",
    ] {
        assert!(folder.join(name).is_file(), "{name}");
    }
    // Only placeholder warnings.
    let report = std::process::Command::new(assert_cmd::cargo::cargo_bin("isagen"))
        .args(["validate", ".", "--output-format", "json"])
        .current_dir(&folder)
        .output()
        .unwrap();
    assert_eq!(report.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        assert_eq!(d["code"], "G020", "{d}");
    }
    // The header points at the schema beside the files, which is the schema isagen prints.
    let agreement =
        std::fs::read_to_string(folder.join("discharge-to-social-care-isa.yaml")).unwrap();
    assert!(agreement.starts_with("# yaml-language-server: $schema=./isagen-v1.schema.json\n"));
    let schema = std::fs::read_to_string(folder.join("isagen-v1.schema.json")).unwrap();
    let printed = std::process::Command::new(assert_cmd::cargo::cargo_bin("isagen"))
        .arg("schema")
        .output()
        .unwrap();
    assert_eq!(schema.as_bytes(), printed.stdout.as_slice());
}
