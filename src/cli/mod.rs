//! The command line: one file per subcommand. Each command returns an [`ExitCode`]-like
//! outcome; `main` maps tool failures to exit code 2.

mod completions;
mod diff;
mod hash;
mod init;
mod lsp;
pub mod progress;
mod register;
mod render;
mod rules;
mod schema;
mod status;
mod templates;
mod validate;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{self, Config};
use crate::model::Date;

/// The result of a command that ran to the end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0: nothing at error level (and no warnings under `--deny-warnings`).
    Clean,
    /// Exit 1: findings that fail the run.
    Findings,
}

/// A failure of the tool itself: exit 2.
pub type Failure = anyhow::Error;

/// isagen checks information sharing protocols and agreements (UK GDPR, DPA 2018) written in
/// YAML or JSON, and reports what is wrong with exact locations.
#[derive(Debug, Parser)]
#[command(name = "isagen", version, about, max_term_width = 100)]
#[command(
    after_help = "Exit codes: 0 clean, 1 findings at error level (or warnings under \
--deny-warnings), 2 isagen could not do its job.\nDocumentation: `isagen rules`, `isagen explain CODE`, \
`isagen schema`."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check definitions against the schema and the rules, and report findings.
    Validate(validate::ValidateArgs),
    /// Check definitions, then write the documents (Markdown, Word) for those without errors.
    Render(render::RenderArgs),
    /// Write the data flow register across every agreement, or a partner's Article 30 record
    /// of processing (`--ropa ORG`).
    Register(register::RegisterArgs),
    /// Explain what changed between two versions of a definition (Markdown for a pull
    /// request comment, or JSON).
    Diff(diff::DiffArgs),
    /// Start a new protocol or agreement, valid against the schema, with TODOs for the gaps.
    Init(init::InitArgs),
    /// Print the canonical content hash of definitions, to record with a signature.
    Hash(hash::HashArgs),
    /// List every document's status, review date and expiry, most urgent first (the review
    /// gate for scheduled CI jobs).
    Status(status::StatusArgs),
    /// Print the JSON Schema that definitions are written against.
    Schema(schema::SchemaArgs),
    /// List every rule with its code, family, default severity and summary.
    Rules(rules::RulesArgs),
    /// Print a rule's full documentation: what it checks, why, an example and the fix.
    Explain(rules::ExplainArgs),
    /// Work with the document templates (`export` writes the built-in ones out).
    Templates(templates::TemplatesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish or powershell).
    Completions(completions::CompletionsArgs),
    /// Print the manual page, for `isagen man > isagen.1` (or `isagen man validate`).
    Man(completions::ManArgs),
    /// Run the language server (over standard input and output) for editors: findings as
    /// you type, completion, hover, go to definition and quick fixes.
    Lsp(lsp::LspArgs),
}

impl Cli {
    /// Runs the command.
    pub fn run(self) -> Result<Outcome, Failure> {
        match self.command {
            Command::Validate(args) => validate::run(args),
            Command::Render(args) => render::run(args),
            Command::Diff(args) => diff::run(args),
            Command::Hash(args) => hash::run(args),
            Command::Init(args) => init::run(args),
            Command::Register(args) => register::run(args),
            Command::Status(args) => status::run(args),
            Command::Schema(args) => schema::run(args),
            Command::Rules(args) => rules::run_list(args),
            Command::Explain(args) => rules::run_explain(args),
            Command::Templates(args) => templates::run(args),
            Command::Completions(args) => completions::run_completions(args),
            Command::Man(args) => completions::run_man(args),
            Command::Lsp(args) => lsp::run(args),
        }
    }
}

/// Options shared by commands that read definitions.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Read this configuration file instead of the nearest `isagen.toml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any `isagen.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Judge review and expiry dates as if today were DATE (YYYY-MM-DD); by default the
    /// system date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
    /// Leave files and folders matching GLOB out of a folder search (repeatable; added to
    /// `[files] exclude` in `isagen.toml`). A file named on the command line is read all the
    /// same.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// List on standard error the files a folder search found and did not check (excluded,
    /// or not isagen definitions), with the reason.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

impl ConfigArgs {
    /// The configuration in force.
    pub fn load(&self) -> Result<Config, Failure> {
        let mut config = self.load_file()?;
        config.files.command_line_exclude = self.exclude.clone();
        // Refuse a bad glob before any file is read.
        config.exclude()?;
        Ok(config)
    }

    fn load_file(&self) -> Result<Config, Failure> {
        if self.no_config {
            return Ok(Config::default());
        }
        let path = match &self.config {
            Some(path) => Some(path.clone()),
            None => config::find(&std::env::current_dir()?),
        };
        match path {
            Some(path) => Ok(config::load(&path)?),
            None => Ok(Config::default()),
        }
    }

    /// With `--verbose`, lists on standard error the files the check skipped.
    pub fn list_skipped(&self, checked: &crate::check::Checked) {
        if !self.verbose {
            return;
        }
        for file in &checked.skipped {
            let line = format!("skipped {}: {}", file.name, file.reason);
            eprintln!("{}", crate::escape::terminal(&line));
        }
    }

    /// The date lifecycle rules measure against: `--today`, else `[lifecycle] as_of` in the
    /// configuration, else the system date.
    pub fn today(&self, config: &Config) -> Date {
        self.today
            .or(config.lifecycle.as_of)
            .unwrap_or_else(|| Date(time::OffsetDateTime::now_utc().date()))
    }

    /// What a report says about the settings in force: the configuration file used, and the
    /// date dates were judged by when it came from that file rather than the command line or
    /// the clock.
    pub fn in_force(&self, config: &Config) -> crate::report::InForce {
        crate::report::InForce {
            config_file: config.source.as_ref().map(|path| {
                // Shown as the user would type it: relative to the working folder when below it.
                let cwd = std::env::current_dir().unwrap_or_default();
                path.strip_prefix(&cwd)
                    .unwrap_or(path)
                    .display()
                    .to_string()
            }),
            as_of: match self.today {
                Some(_) => None,
                None => config.lifecycle.as_of,
            },
        }
    }
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| format!("`{text}` is not a date of the form YYYY-MM-DD"))
}
