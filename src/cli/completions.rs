//! `isagen completions SHELL` and `isagen man`: shell completions and the manual page,
//! generated from the same clap definitions as the commands themselves.

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, Failure, Outcome};

/// Arguments of `isagen completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for a shell.
pub fn run_completions(args: CompletionsArgs) -> Result<Outcome, Failure> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "isagen", &mut std::io::stdout());
    Ok(Outcome::Clean)
}

/// Arguments of `isagen man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// The command to print the page for (for example `validate`); the main page if none.
    pub command: Option<String>,
}

/// Prints a manual page (roff): `isagen man > isagen.1`, `isagen man validate > isagen-validate.1`.
pub fn run_man(args: ManArgs) -> Result<Outcome, Failure> {
    let main = Cli::command();
    let command = match &args.command {
        None => main,
        Some(name) => {
            let sub = main
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned()
                .ok_or_else(|| {
                    anyhow::anyhow!("isagen has no command `{name}`; `isagen --help` lists them")
                })?;
            // clap wants a static name; this runs once per process.
            let page_name: &'static str = Box::leak(format!("isagen-{name}").into_boxed_str());
            sub.name(page_name)
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(command).render(&mut out)?;
    std::io::Write::write_all(&mut std::io::stdout(), &out)?;
    Ok(Outcome::Clean)
}
