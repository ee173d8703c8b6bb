//! Progress on long runs is for people at a terminal: with standard error not a terminal (as
//! in CI logs and under tests), a long run writes no bar, whatever the environment says.

use assert_cmd::Command;

#[test]
fn a_long_run_draws_no_bar_when_standard_error_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let protocol = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base/protocol.yaml"),
    )
    .unwrap();
    // More files than the threshold for a bar.
    for n in 0..(isagen::cli::progress::LONG_CHECK_FILES + 20) {
        let text = protocol.replace("id: base-protocol", &format!("id: protocol-{n}"));
        std::fs::write(dir.path().join(format!("p{n:04}.yaml")), text).unwrap();
    }
    for ci in [None, Some("false")] {
        let mut command = Command::cargo_bin("isagen").unwrap();
        command
            .arg("validate")
            .arg(dir.path())
            .args(["--no-config", "--today", "2026-11-22"])
            .env("NO_COLOR", "1");
        match ci {
            Some(value) => command.env("CI", value),
            None => command.env_remove("CI"),
        };
        let output = command.output().unwrap();
        assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.is_empty(), "standard error: {stderr:?}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            !stdout.contains('\r') && !stdout.contains("files checked ("),
            "{stdout}"
        );
    }
}
