//! `isagen diff OLD NEW`: what changed between two versions of a definition.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde_json::Value;

use super::{Failure, Outcome};
use crate::diff;
use crate::load::{self, ReadOutcome};

/// Diff formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown, for a pull request comment.
    #[value(alias = "markdown")]
    Md,
    /// JSON, for tools: every old and new value whole, hidden characters as `\uXXXX`.
    Json,
}

/// Arguments of `isagen diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The earlier version of the definition.
    pub old: PathBuf,
    /// The later version.
    pub new: PathBuf,
    /// The output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Md)]
    pub format: DiffFormat,
}

/// Reads one side; errors quote the file name and values through the terminal escape, since
/// they are printed as they are.
fn read(path: &Path) -> Result<Value, Failure> {
    let name = path.display().to_string();
    let shown = crate::escape::terminal(&name);
    match load::read_file(path, &name)
        .map_err(|e| anyhow::anyhow!("{shown}: {}", load::discover::describe_io(&e)))?
    {
        ReadOutcome::Parsed(file) => Ok(file.value),
        ReadOutcome::Invalid(_, diagnostics) => {
            let first = diagnostics
                .first()
                .map_or_else(String::new, |d| format!("{}: {}", d.location, d.message));
            anyhow::bail!(
                "{} (run `isagen validate {shown}`)",
                crate::escape::terminal(&first)
            )
        }
    }
}

/// Runs `isagen diff`.
pub fn run(args: DiffArgs) -> Result<Outcome, Failure> {
    let old = read(&args.old)?;
    let new = read(&args.new)?;
    if old.get("kind") != new.get("kind") {
        anyhow::bail!(
            "the two files are different kinds of document; compare a protocol with a protocol and an agreement with an agreement"
        );
    }
    let changes = diff::diff(&old, &new);
    let text = |v: &Value, p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    match args.format {
        DiffFormat::Md => print!(
            "{}",
            diff::to_markdown(
                &text(&new, "/document/title"),
                &text(&old, "/document/version"),
                &text(&new, "/document/version"),
                &changes
            )
        ),
        DiffFormat::Json => println!(
            "{}",
            crate::escape::json_pretty(&serde_json::json!({
                "old": {"id": text(&old, "/document/id"), "version": old.pointer("/document/version")},
                "new": {"id": text(&new, "/document/id"), "version": new.pointer("/document/version")},
                "changes": changes,
            }))?
        ),
    }
    Ok(Outcome::Clean)
}
