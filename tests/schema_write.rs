//! `isagen schema --write DIR`: the schema where an editor can read it offline.

use assert_cmd::Command;

fn isagen() -> Command {
    Command::cargo_bin("isagen").unwrap()
}

#[test]
fn writes_the_printed_schema_and_refuses_to_replace_it_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("schemas");
    isagen()
        .args(["schema", "--write"])
        .arg(&target)
        .assert()
        .success();
    let file = target.join("isagen-v1.schema.json");
    let printed = isagen().arg("schema").output().unwrap().stdout;
    assert_eq!(std::fs::read(&file).unwrap(), printed);

    std::fs::write(&file, "old").unwrap();
    isagen()
        .args(["schema", "--write"])
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("already exists; pass --force"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
    isagen()
        .args(["schema", "--force", "--write"])
        .arg(&target)
        .assert()
        .success();
    assert_eq!(std::fs::read(&file).unwrap(), printed);
    // Nothing but the schema is left behind (no temporary files).
    assert_eq!(std::fs::read_dir(&target).unwrap().count(), 1);
}

#[test]
fn the_schema_id_names_the_committed_file_on_github_not_an_unpublished_host() {
    let printed = isagen().arg("schema").output().unwrap().stdout;
    let schema: serde_json::Value = serde_json::from_slice(&printed).unwrap();
    assert_eq!(
        schema["$id"],
        "https://raw.githubusercontent.com/isagen/isagen/main/schemas/isagen-v1.schema.json"
    );
    let text = String::from_utf8(printed).unwrap();
    assert!(!text.contains("isagen.dev"));
}
