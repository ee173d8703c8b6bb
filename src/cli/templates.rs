//! `isagen templates export DIR`: write the built-in templates out as a starting point for a
//! house template set (then pass `--templates DIR` or set `[render] templates` in
//! `isagen.toml`).

use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, Outcome};
use crate::render::markdown::{DEFAULT_TEMPLATES, template_file};

/// Arguments of `isagen templates`.
#[derive(Debug, clap::Args)]
pub struct TemplatesArgs {
    /// What to do with the templates.
    #[command(subcommand)]
    pub action: TemplatesAction,
}

/// `isagen templates` subcommands.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Write the built-in templates into DIR.
    Export {
        /// The folder to write into (created if missing).
        dir: PathBuf,
        /// Replace templates already in DIR.
        #[arg(long)]
        force: bool,
    },
}

/// Runs `isagen templates`.
pub fn run(args: TemplatesArgs) -> Result<Outcome, Failure> {
    let TemplatesAction::Export { dir, force } = args.action;
    let targets: Vec<(PathBuf, &str)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (dir.join(template_file(name)), *text))
        .collect();
    if !force {
        let existing: Vec<String> = targets
            .iter()
            .filter(|(path, _)| path.exists())
            .map(|(path, _)| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            anyhow::bail!(
                "not overwriting existing templates: {} (pass --force to replace them)",
                existing.join(", ")
            );
        }
    }
    // All or nothing, like `render`: a failure leaves DIR as it was.
    crate::output::write_all(&targets, &[], true)?;
    for (path, _) in &targets {
        println!("wrote {}", path.display());
    }
    Ok(Outcome::Clean)
}
