//! Only isagen's files: a folder search reads a file as a definition only when it has a
//! top-level `schema_version` and `kind: protocol` or `kind: agreement`; `--exclude` and
//! `[files] exclude` leave paths out; a file named on the command line is always read; the
//! pre-commit hook's `--workspace` reports only the changed definitions.

use std::path::Path;

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const DEPLOYMENT: &str =
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n";

/// A repository: the council-charity example's protocol and agreement, a Kubernetes
/// Deployment beside them and another in `k8s/`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let example = root().join("examples/council-charity-disclosure");
    for entry in std::fs::read_dir(&example).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.path().join("deployment.yaml"), DEPLOYMENT).unwrap();
    std::fs::create_dir(dir.path().join("k8s")).unwrap();
    std::fs::write(dir.path().join("k8s/service.yaml"), "kind: Service\n").unwrap();
    std::fs::write(
        dir.path().join("isagen.toml"),
        "[lifecycle]\nas_of = 2026-11-22\n",
    )
    .unwrap();
    dir
}

fn isagen(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("isagen").unwrap();
    command.current_dir(dir).env("NO_COLOR", "1");
    command
}

fn run(command: &mut Command) -> (Option<i32>, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn definitions(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.ends_with(".yaml") && name != "deployment.yaml"
        })
        .count()
}

#[test]
fn a_kubernetes_deployment_beside_definitions_is_skipped_and_verbose_says_so() {
    let dir = repository();
    let count = definitions(dir.path());
    let (code, stdout, stderr) = run(isagen(dir.path()).args(["validate", ".", "--verbose"]));
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("{count} files checked")),
        "{stdout}"
    );
    assert!(
        stderr.contains("skipped ./deployment.yaml: not an isagen definition"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped ./k8s/service.yaml"), "{stderr}");
    // Quiet without --verbose.
    let (_, _, stderr) = run(isagen(dir.path()).args(["validate", "."]));
    assert!(!stderr.contains("skipped"), "{stderr}");
}

#[test]
fn a_file_named_on_the_command_line_is_always_checked() {
    let dir = repository();
    let (code, stdout, _) = run(isagen(dir.path()).args(["validate", "deployment.yaml"]));
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("deployment.yaml"), "{stdout}");
}

#[test]
fn exclude_on_the_command_line_and_in_isagen_toml_leaves_paths_out() {
    let dir = repository();
    let count = definitions(dir.path());
    let draft = dir.path().join("broken.draft.yaml");
    std::fs::write(&draft, "schema_version: 1\nkind: agreement\n").unwrap();
    let (code, stdout, _) = run(isagen(dir.path()).args(["validate", "."]));
    assert_eq!(code, Some(1), "the draft is checked by default: {stdout}");

    let (code, stdout, stderr) = run(isagen(dir.path()).args([
        "validate",
        ".",
        "--exclude",
        "*.draft.yaml",
        "--exclude",
        "k8s",
        "--verbose",
    ]));
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stdout.contains(&format!("{count} files checked")),
        "{stdout}"
    );
    assert!(
        stderr.contains("skipped ./broken.draft.yaml: excluded by `*.draft.yaml`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped ./k8s: excluded by `k8s`"),
        "{stderr}"
    );

    std::fs::write(
        dir.path().join("isagen.toml"),
        "[lifecycle]\nas_of = 2026-11-22\n\n[files]\nexclude = [\"*.draft.yaml\"]\n",
    )
    .unwrap();
    let (code, stdout, _) = run(isagen(dir.path()).args(["validate", "."]));
    assert_eq!(code, Some(0), "{stdout}");
    // Named on the command line, an excluded file is still read.
    let (code, _, _) = run(isagen(dir.path()).args(["validate", "broken.draft.yaml"]));
    assert_eq!(code, Some(1));
}

#[test]
fn a_bad_glob_is_a_clear_error() {
    let dir = repository();
    let (code, _, stderr) = run(isagen(dir.path()).args(["validate", ".", "--exclude", "a[b"]));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`a[b` is not a usable glob"), "{stderr}");
}

#[test]
fn the_pre_commit_hook_reports_only_the_changed_definition_files() {
    let dir = repository();
    // A broken agreement that is not among the changed files is not reported...
    std::fs::write(
        dir.path().join("other.yaml"),
        "schema_version: 1\nkind: agreement\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(isagen(dir.path()).args([
        "validate",
        "--workspace",
        ".",
        "disclosure-agreement.yaml",
        "deployment.yaml",
    ]));
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.contains("1 file checked"), "{stdout}");
    // ...and a changed one is, with the protocol in another file resolved.
    let (code, stdout, _) =
        run(isagen(dir.path()).args(["validate", "--workspace", ".", "other.yaml"]));
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("other.yaml"), "{stdout}");

    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(
        hooks.contains(
            "entry: isagen validate --workspace .\n  language: rust\n  pass_filenames: true"
        ),
        "{hooks}"
    );
}
