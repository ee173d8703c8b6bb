//! `isagen lsp`: the language server, for editors.

use super::{Failure, Outcome};

/// Options of `isagen lsp` (none yet: the editor says everything in `initialize`).
#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Accepted and ignored, for clients that pass it (the server always speaks over
    /// standard input and output).
    #[arg(long)]
    pub stdio: bool,
}

/// Runs the server until the editor says `exit`: exit code 0 after `shutdown`, 1 if the
/// editor exits (or goes away) without it, as the protocol asks.
pub fn run(_args: LspArgs) -> Result<Outcome, Failure> {
    if crate::lsp::run()? {
        Ok(Outcome::Clean)
    } else {
        Ok(Outcome::Findings)
    }
}
