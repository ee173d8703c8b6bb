//! The committed schema is the one the types generate, and it accepts the examples.

use std::path::Path;

use assert_cmd::Command;

const COMMITTED: &str = "schemas/isagen-v1.schema.json";

#[test]
fn committed_schema_matches_the_generated_one() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let committed = std::fs::read_to_string(root.join(COMMITTED)).unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).unwrap();
    assert!(
        committed == generated,
        "{COMMITTED} is out of date: run `cargo run -- schema > {COMMITTED}` and commit it"
    );
}

#[test]
fn schema_is_valid_draft_2020_12_and_documents_every_property() {
    let schema = isagen::model::json_schema();
    jsonschema::meta::validate(&schema).expect("the schema is a valid JSON Schema");
    // Every property of every definition carries a description (from the doc comments),
    // so editors can show help on hover.
    let defs = schema["$defs"].as_object().unwrap();
    let mut undocumented = Vec::new();
    for (name, def) in defs {
        if let Some(props) = def.get("properties").and_then(|p| p.as_object()) {
            for (prop, value) in props {
                if value.get("description").is_none() {
                    undocumented.push(format!("{name}.{prop}"));
                }
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "properties without a description: {undocumented:?}"
    );
}

#[test]
fn every_example_validates_against_the_committed_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join(COMMITTED)).unwrap()).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let mut count = 0;
    for entry in walk(&root.join("examples")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        let (value, _) = isagen::load::yaml::parse(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", entry.display());
        assert!(
            text.starts_with("# yaml-language-server: $schema="),
            "{} must start with a yaml-language-server $schema line",
            entry.display()
        );
        count += 1;
    }
    assert!(count >= 6, "expected the example sets, found {count} files");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
    out.sort();
    out
}

#[test]
fn readme_lists_every_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .args(["rules", "--format", "markdown"])
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("rules:start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    assert!(
        readme[start..end] == table,
        "the README's rule table is out of date: paste `isagen rules --format markdown` between the markers"
    );
}
