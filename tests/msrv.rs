//! The `rust-version` in Cargo.toml is the true minimum: the highest `rust-version` any
//! locked dependency that a build of isagen compiles declares, or 1.88 (the let-chains the
//! crate's own code uses), whichever is higher. The machine that runs the tests has one
//! toolchain, so this checks the declaration against what the dependencies declare rather
//! than building with the old compiler; when a dependency update needs a newer Rust, this
//! fails and says which crate.

use std::process::Command;

/// What isagen's own code needs: let-chains, stable since Rust 1.88.
const OWN_CODE_NEEDS: (u32, u32) = (1, 88);

fn version(text: &str) -> (u32, u32) {
    let mut parts = text.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[test]
fn rust_version_is_the_highest_that_a_built_dependency_declares() {
    let manifest =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().unwrap();
    let declared = version(manifest["package"]["rust-version"].as_str().unwrap());

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let packages = metadata["packages"].as_array().unwrap();
    let nodes = metadata["resolve"]["nodes"].as_array().unwrap();
    let root = metadata["resolve"]["root"].as_str().unwrap();
    let node = |id: &str| nodes.iter().find(|n| n["id"] == id).unwrap();

    // Every package a build of isagen compiles: reached through normal and build
    // dependencies (dev-dependencies are for isagen's own tests).
    let mut seen: Vec<String> = Vec::new();
    let mut stack = vec![root.to_string()];
    while let Some(id) = stack.pop() {
        if seen.contains(&id) {
            continue;
        }
        for dep in node(&id)["deps"].as_array().unwrap() {
            let used = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"] != "dev");
            if used {
                stack.push(dep["pkg"].as_str().unwrap().to_string());
            }
        }
        seen.push(id);
    }
    let mut highest = (OWN_CODE_NEEDS, "isagen's own code".to_string());
    for package in packages {
        let id = package["id"].as_str().unwrap();
        if id == root || !seen.iter().any(|s| s == id) {
            continue;
        }
        if let Some(text) = package["rust_version"].as_str() {
            let needed = version(text);
            if needed > highest.0 {
                highest = (
                    needed,
                    format!("{} {}", package["name"], package["version"]),
                );
            }
        }
    }
    assert_eq!(
        declared, highest.0,
        "Cargo.toml says rust-version {}.{}, but the true minimum is {}.{} (from {}); set rust-version to it",
        declared.0, declared.1, highest.0.0, highest.0.1, highest.1
    );
}
