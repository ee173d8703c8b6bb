//! Safe outputs: what `-o/--output`, `render --out` and `templates export` do to what is
//! already at the target (devices, FIFOs, folders, links, inputs), all-or-nothing rendering,
//! output names that collide or are too long, and a reader that closes the pipe early.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;

const TODAY: &str = "2026-11-22";
const AGREEMENT_MD: &str = "eastmoor-mash-isa-v2.0.md";
const PROTOCOL_MD: &str = "eastmoor-safeguarding-isp-v3.1.md";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn isagen() -> Command {
    Command::cargo_bin("isagen").unwrap()
}

/// A temporary folder holding a copy of the MASH example in `defs/`.
fn mash_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    for entry in std::fs::read_dir(root().join("examples/mash")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), defs.join(entry.file_name())).unwrap();
    }
    (dir, defs)
}

fn validate_json_to(defs: &Path, output: &Path) -> std::process::Output {
    isagen()
        .arg("validate")
        .arg(defs)
        .args(["--no-config", "--today", TODAY, "--output-format", "json"])
        .arg("--output")
        .arg(output)
        .output()
        .unwrap()
}

fn render_into(defs: &Path, out: &Path) -> std::process::Output {
    isagen()
        .arg("render")
        .arg(defs)
        .args([
            "--no-config",
            "--today",
            TODAY,
            "--format",
            "md,docx",
            "--out",
        ])
        .arg(out)
        .output()
        .unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
mod unix {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};

    use super::*;

    /// Runs a command that makes a special file; `false` (with a note) where that is not
    /// allowed here.
    fn make_special(program: &str, args: &[&str]) -> bool {
        match std::process::Command::new(program).args(args).output() {
            Ok(output) if output.status.success() => true,
            Ok(output) => {
                eprintln!(
                    "note: skipped: `{program}` failed here: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                );
                false
            }
            Err(e) => {
                eprintln!("note: skipped: cannot run `{program}`: {e}");
                false
            }
        }
    }

    #[test]
    fn output_to_a_character_device_writes_to_it_and_leaves_it_a_device() {
        let (dir, defs) = mash_copy();
        let device = dir.path().join("null-device");
        // Major 1, minor 3 is /dev/null on Linux.
        if !make_special("mknod", &[device.to_str().unwrap(), "c", "1", "3"]) {
            return;
        }
        let output = validate_json_to(&defs, &device);
        assert!(output.status.success(), "{}", stderr(&output));
        let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
        assert!(kind.is_char_device(), "the device was replaced: {kind:?}");
    }

    #[test]
    fn output_to_dev_null_leaves_it_a_device() {
        let (_dir, defs) = mash_copy();
        let output = validate_json_to(&defs, Path::new("/dev/null"));
        assert!(output.status.success(), "{}", stderr(&output));
        let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
        assert!(kind.is_char_device(), "/dev/null was replaced: {kind:?}");
    }

    #[test]
    fn output_to_a_fifo_streams_the_report_into_it() {
        let (dir, defs) = mash_copy();
        let fifo = dir.path().join("report.fifo");
        if !make_special("mkfifo", &[fifo.to_str().unwrap()]) {
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let output = validate_json_to(&defs, &fifo);
        assert!(output.status.success(), "{}", stderr(&output));
        // Checked before joining: a replaced FIFO never gets a writer, so its reader waits.
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the FIFO was replaced: {kind:?}");
        let report = reader.join().unwrap();
        let json: serde_json::Value = serde_json::from_str(&report).unwrap();
        assert_eq!(json["tool"], "isagen");
    }

    #[test]
    fn output_to_dev_stdout_keeps_the_report_alone_on_standard_output() {
        let (_dir, defs) = mash_copy();
        let output = validate_json_to(&defs, Path::new("/dev/stdout"));
        assert!(output.status.success(), "{}", stderr(&output));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
        assert_eq!(json["tool"], "isagen");
        assert!(stderr(&output).contains("report written to /dev/stdout"));
        let kind = std::fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type();
        assert!(kind.is_symlink(), "/dev/stdout was replaced: {kind:?}");
    }

    #[test]
    fn a_link_in_the_output_folder_is_replaced_without_its_targets_setuid_bit() {
        let (dir, defs) = mash_copy();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        let secret = dir.path().join("setuid-program");
        std::fs::write(&secret, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o4755)).unwrap();
        std::os::unix::fs::symlink(&secret, out.join(AGREEMENT_MD)).unwrap();
        // A regular file with special bits keeps only its permission bits.
        std::fs::write(out.join(PROTOCOL_MD), "old").unwrap();
        std::fs::set_permissions(
            out.join(PROTOCOL_MD),
            std::fs::Permissions::from_mode(0o6740),
        )
        .unwrap();

        let output = render_into(&defs, &out);
        assert!(output.status.success(), "{}", stderr(&output));

        let written = std::fs::symlink_metadata(out.join(AGREEMENT_MD)).unwrap();
        assert!(
            written.file_type().is_file(),
            "the link is replaced by a file"
        );
        assert_eq!(written.permissions().mode() & 0o7777, 0o644);
        assert_eq!(std::fs::read_to_string(&secret).unwrap(), "#!/bin/sh\n");
        assert_eq!(
            std::fs::metadata(&secret).unwrap().permissions().mode() & 0o7777,
            0o4755,
            "the link's target is untouched"
        );
        let replaced = std::fs::metadata(out.join(PROTOCOL_MD)).unwrap();
        assert_eq!(replaced.permissions().mode() & 0o7777, 0o740);
    }

    #[test]
    fn a_link_in_the_output_folder_to_a_device_is_replaced_not_written_through() {
        let (dir, defs) = mash_copy();
        let device = dir.path().join("null-device");
        if !make_special("mknod", &[device.to_str().unwrap(), "c", "1", "3"]) {
            return;
        }
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::os::unix::fs::symlink(&device, out.join(AGREEMENT_MD)).unwrap();
        let output = render_into(&defs, &out);
        assert!(output.status.success(), "{}", stderr(&output));
        let written = std::fs::symlink_metadata(out.join(AGREEMENT_MD)).unwrap();
        assert!(written.file_type().is_file(), "{:?}", written.file_type());
        assert!(written.len() > 0);
        let kind = std::fs::symlink_metadata(&device).unwrap().file_type();
        assert!(kind.is_char_device());
    }

    #[test]
    fn an_output_that_links_to_an_input_is_refused() {
        let (dir, defs) = mash_copy();
        let link = dir.path().join("report.json");
        std::os::unix::fs::symlink(defs.join("protocol.yaml"), &link).unwrap();
        let before = std::fs::read(defs.join("protocol.yaml")).unwrap();
        let output = validate_json_to(&defs, &link);
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("refusing to overwrite an input file"),
            "{}",
            stderr(&output)
        );
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read(defs.join("protocol.yaml")).unwrap(), before);
    }

    #[test]
    fn an_input_named_through_a_link_is_not_replaced() {
        let (dir, defs) = mash_copy();
        let link = dir.path().join("linked-protocol.yaml");
        std::os::unix::fs::symlink(defs.join("protocol.yaml"), &link).unwrap();
        let output = isagen()
            .arg("validate")
            .arg(&link)
            .args(["--no-config", "--today", TODAY, "-o"])
            .arg(&link)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }

    /// Spawns `isagen ARGS` with standard output a pipe whose reader goes away at once.
    fn run_with_closed_pipe(args: &[&str]) -> std::process::Output {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("isagen"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        child.wait_with_output().unwrap()
    }

    #[test]
    fn a_reader_that_closes_the_pipe_early_stops_isagen_quietly() {
        use std::os::unix::process::ExitStatusExt;
        let mash = root().join("examples");
        let mash = mash.to_str().unwrap();
        for args in [
            vec!["schema"],
            vec!["rules"],
            vec!["man"],
            vec![
                "validate",
                mash,
                "--no-config",
                "--today",
                TODAY,
                "--output-format",
                "json",
            ],
        ] {
            let output = run_with_closed_pipe(&args);
            let text = stderr(&output);
            assert!(
                !text.contains("internal error") && !text.contains("error"),
                "{args:?}: {text}"
            );
            assert_ne!(output.status.code(), Some(2), "{args:?}: {text}");
            // Died of SIGPIPE, as `cat` does (or, had the whole output fitted in the pipe
            // before the reader went, a normal exit).
            assert!(
                output.status.signal() == Some(13) || output.status.code() == Some(0),
                "{args:?}: {:?}",
                output.status
            );
        }
    }

    #[test]
    fn a_full_disk_on_standard_output_is_an_error_not_a_bug() {
        let Ok(full) = std::fs::File::create("/dev/full") else {
            eprintln!("note: skipped: no /dev/full here");
            return;
        };
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("isagen"))
            .arg("schema")
            .stdout(full)
            .output()
            .unwrap();
        let text = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{text}");
        assert!(text.contains("cannot write to standard output"), "{text}");
        assert!(!text.contains("internal error"), "{text}");
    }
}

#[test]
fn a_folder_as_the_output_is_refused_clearly() {
    let (dir, defs) = mash_copy();
    let output = validate_json_to(&defs, dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is a folder; name a file to write to"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn inputs_with_upper_case_extensions_are_never_overwritten() {
    let (_dir, defs) = mash_copy();
    std::fs::rename(defs.join("protocol.yaml"), defs.join("protocol.YAML")).unwrap();
    std::fs::rename(
        defs.join("mash-agreement.yaml"),
        defs.join("mash-agreement.Json"),
    )
    .unwrap();
    for name in ["protocol.YAML", "mash-agreement.Json"] {
        let target = defs.join(name);
        let before = std::fs::read(&target).unwrap();
        let output = validate_json_to(&defs, &target);
        assert_eq!(output.status.code(), Some(2), "{name}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("refusing to overwrite an input file"),
            "{name}: {}",
            stderr(&output)
        );
        assert_eq!(std::fs::read(&target).unwrap(), before, "{name} changed");
    }
}

#[test]
fn register_output_over_an_input_is_refused() {
    let (_dir, defs) = mash_copy();
    let target = defs.join("protocol.yaml");
    let before = std::fs::read(&target).unwrap();
    isagen()
        .arg("register")
        .arg(&defs)
        .args(["--no-config", "--today", TODAY, "-o"])
        .arg(&target)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn render_writes_nothing_when_one_output_cannot_be_written() {
    let (dir, defs) = mash_copy();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // The agreement's outputs come first; the protocol's Markdown cannot be written.
    std::fs::write(out.join(AGREEMENT_MD), "old").unwrap();
    std::fs::create_dir(out.join(PROTOCOL_MD)).unwrap();

    let output = render_into(&defs, &out);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains(PROTOCOL_MD), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("is a folder"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(out.join(AGREEMENT_MD)).unwrap(),
        "old"
    );
    assert_eq!(
        names(&out),
        [AGREEMENT_MD, PROTOCOL_MD],
        "no new file, no temp file"
    );
}

#[test]
fn render_that_writes_nothing_makes_no_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new/out");
    let output = render_into(&root().join("tests/fixtures/invalid/agreement.yaml"), &out);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!dir.path().join("new").exists());
}

#[test]
fn templates_export_writes_nothing_when_one_template_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("house");
    std::fs::create_dir_all(target.join("protocol.md.hbs")).unwrap();
    let output = isagen()
        .args(["templates", "export", "--force"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_eq!(names(&target), ["protocol.md.hbs"]);
}

/// Writes a copy of the MASH protocol to `path` with its document id and version (everywhere:
/// document control, history, signatures) changed.
fn protocol_with(path: &Path, id: &str, version: &str) {
    let text = std::fs::read_to_string(root().join("examples/mash/protocol.yaml")).unwrap();
    let text = text
        .replacen(
            "  id: eastmoor-safeguarding-isp\n",
            &format!("  id: {id}\n"),
            1,
        )
        .replace("\"3.1\"", &format!("\"{version}\""));
    assert!(
        text.contains(id) && text.contains(version),
        "fixture drifted"
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn ids_that_differ_only_in_case_are_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    protocol_with(&defs.join("a.yaml"), "mash-isp", "3.1");
    protocol_with(&defs.join("b.yaml"), "MASH-isp", "3.1");
    let out = dir.path().join("out");
    let output = render_into(&defs, &out);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("a.yaml (document `mash-isp`)"), "{text}");
    assert!(text.contains("b.yaml (document `MASH-isp`)"), "{text}");
    assert!(text.contains("case-insensitive"), "{text}");
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn an_overlong_version_is_a_finding_not_a_failed_write() {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    let long = format!("1.{}", "0".repeat(300));
    protocol_with(&defs.join("long.yaml"), "long-isp", &long);
    // 64 characters is still a valid version, and renders.
    let longest = format!("1.{}", "0".repeat(62));
    protocol_with(&defs.join("longest.yaml"), "longest-isp", &longest);
    let out = dir.path().join("out");
    let output = render_into(&defs, &out);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(!text.to_lowercase().contains("too long"), "{text}");
    assert!(text.contains("long.yaml"), "{text}");
    assert!(text.contains("is longer than 64 characters"), "{text}");
    assert_eq!(
        names(&out),
        [
            format!("longest-isp-v{longest}.docx"),
            format!("longest-isp-v{longest}.md")
        ]
    );
}

#[test]
fn a_public_edition_is_named_by_its_id_even_when_the_id_holds_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let defs = dir.path().join("defs");
    std::fs::create_dir(&defs).unwrap();
    protocol_with(&defs.join("p.yaml"), "notes.md-isp", "3.1");
    let out = dir.path().join("out");
    let output = isagen()
        .arg("render")
        .arg(&defs)
        .args(["--no-config", "--today", TODAY, "--format", "md"])
        .args(["--edition", "public", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(names(&out), ["notes.md-isp-v3.1-public.md"]);
}
