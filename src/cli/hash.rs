//! `isagen hash FILE...`: the canonical content hash a signature records.

use std::path::PathBuf;

use super::{Failure, Outcome};
use crate::load::{self, ReadOutcome};

/// Arguments of `isagen hash`.
#[derive(Debug, clap::Args)]
pub struct HashArgs {
    /// Definition files to hash.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Prints `sha256:… FILE` for each file.
pub fn run(args: HashArgs) -> Result<Outcome, Failure> {
    let mut failed = false;
    for path in &args.files {
        let name = path.display().to_string();
        let outcome = load::read_file(path, &name)
            .map_err(|e| anyhow::anyhow!("{name}: {}", load::discover::describe_io(&e)))?;
        match outcome {
            ReadOutcome::Parsed(file) => {
                println!(
                    "{}  {}",
                    crate::hash::content_hash(&file.value),
                    crate::escape::terminal(&name)
                );
            }
            ReadOutcome::Invalid(_, diagnostics) => {
                failed = true;
                for d in diagnostics {
                    let line = format!("{}: {}[{}]: {}", d.location, d.severity, d.code, d.message);
                    eprintln!("{}", crate::escape::terminal(&line));
                }
            }
        }
    }
    Ok(if failed {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
