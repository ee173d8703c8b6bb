//! `isagen schema`: print the published JSON Schema, or write it to a folder for editors.

use std::path::PathBuf;

use super::{Failure, Outcome};

/// Arguments of `isagen schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Write the schema to DIR/isagen-v1.schema.json (DIR is made if missing) instead of
    /// printing it, for an editor's `$schema` to point at offline.
    #[arg(long, value_name = "DIR")]
    pub write: Option<PathBuf>,
    /// With `--write`: replace a schema file that is already there (an older release's).
    #[arg(long, requires = "write")]
    pub force: bool,
}

/// The schema as committed under `schemas/`: pretty JSON with a final newline.
pub fn schema_text() -> String {
    let mut text =
        serde_json::to_string_pretty(&crate::model::json_schema()).expect("the schema serializes");
    text.push('\n');
    text
}

/// Prints or writes the schema.
pub fn run(args: SchemaArgs) -> Result<Outcome, Failure> {
    let Some(dir) = args.write else {
        print!("{}", schema_text());
        return Ok(Outcome::Clean);
    };
    let path = dir.join(super::init::SCHEMA_FILE);
    if !args.force && std::fs::symlink_metadata(&path).is_ok() {
        anyhow::bail!(
            "{} already exists; pass --force to replace it",
            path.display()
        );
    }
    crate::output::write_all(&[(path.clone(), schema_text())], &[], true)?;
    eprintln!(
        "wrote {}; point an editor at it with `# yaml-language-server: $schema=<relative path to it>`",
        path.display()
    );
    Ok(Outcome::Clean)
}
