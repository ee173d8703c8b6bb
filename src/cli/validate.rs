//! `isagen validate`: check definitions and report findings.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use super::{ConfigArgs, Failure, Outcome};
use crate::check;
use crate::diagnostic::Summary;
use crate::report::{self, OutputFormat, ReportContext};

/// When to colour the human report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Arguments of `isagen validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Definition files, or folders to search for `.yaml`, `.yml` and `.json` definitions.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The report format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub output_format: OutputFormat,
    /// Write the report to FILE (for example a SARIF file to upload); the summary line still
    /// goes to the terminal.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// When to use colour in the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs `isagen validate`.
pub fn run(args: ValidateArgs) -> Result<Outcome, Failure> {
    let config = args.config.load()?;
    let in_force = args.config.in_force(&config);
    let today = args.config.today(&config);
    let checked = check::check_paths_keeping(
        &args.paths,
        config,
        today,
        check::Keep::Findings {
            // Only the human report quotes the lines a finding points at.
            code_frames: args.output_format == OutputFormat::Human,
        },
    )?;
    let summary =
        Summary::of(checked.files, &checked.diagnostics).with_suppressed(checked.suppressed.len());
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let context = ReportContext {
        diagnostics: &checked.diagnostics,
        sources: &checked.sources,
        summary,
        color: color && args.output_format == OutputFormat::Human,
        in_force: &in_force,
        suppressed: &checked.suppressed,
    };
    let mut buffer = Vec::new();
    report::reporter(args.output_format).report(&context, &mut buffer)?;
    match &args.output {
        Some(path) => {
            crate::output::write_atomic(path, &buffer, &args.paths)?;
            let line = format!(
                "{}{} (report written to {})",
                summary.line(),
                in_force.note(),
                path.display()
            );
            // `-o /dev/stdout`: keep the report alone on standard output, for `| jq`.
            if crate::output::is_stdout(path) {
                eprintln!("{line}");
            } else {
                println!("{line}");
            }
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(&buffer)?;
            stdout.flush()?;
        }
    }
    if args.output_format == OutputFormat::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY")
    {
        let markdown = report::github_step_summary(&context);
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)?;
        file.write_all(markdown.as_bytes())?;
    }
    let fails = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok(if fails {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
