//! `isagen schema`: print the published JSON Schema.

use super::{Failure, Outcome};

/// Arguments of `isagen schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {}

/// The schema as committed under `schemas/`: pretty JSON with a final newline.
pub fn schema_text() -> String {
    let mut text =
        serde_json::to_string_pretty(&crate::model::json_schema()).expect("the schema serializes");
    text.push('\n');
    text
}

/// Prints the schema.
pub fn run(_args: SchemaArgs) -> Result<Outcome, Failure> {
    print!("{}", schema_text());
    Ok(Outcome::Clean)
}
