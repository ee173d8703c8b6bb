//! `isagen register`: the data flow register across every agreement, or with `--ropa ORG` the
//! Article 30 record of processing for one partner body.

use std::path::PathBuf;

use clap::ValueEnum;

use super::{ConfigArgs, Failure, Outcome};
use crate::register::{self, FLOW_HEADINGS, ROPA_HEADINGS};

/// Register formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RegisterFormat {
    /// Comma-separated values with a header row, for spreadsheets.
    Csv,
    /// A Markdown table.
    #[value(alias = "markdown")]
    Md,
    /// A JSON list.
    Json,
    /// An Excel workbook (`.xlsx`) with one sheet per register: the data flow register and
    /// the Article 30 record of each partner that is a party (or only `--ropa ORG`'s); needs
    /// `-o FILE` unless standard output is redirected.
    Xlsx,
}

/// Arguments of `isagen register`.
#[derive(Debug, clap::Args)]
pub struct RegisterArgs {
    /// Definition files, or folders to search for them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The output format.
    #[arg(long, value_enum, default_value_t = RegisterFormat::Csv)]
    pub format: RegisterFormat,
    /// Write the record of processing (UK GDPR Article 30) for this partner (its id) instead
    /// of the flow register.
    #[arg(long, value_name = "ORG")]
    pub ropa: Option<String>,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// Runs `isagen register`.
pub fn run(args: RegisterArgs) -> Result<Outcome, Failure> {
    let config = args.config.load()?;
    let today = args.config.today(&config);
    let checked = super::progress::check_paths(&args.paths, config, today)?;
    args.config.list_skipped(&checked);
    let unreadable = checked.files - checked.valid;
    if unreadable > 0 {
        eprintln!(
            "isagen: {unreadable} file(s) could not be read as definitions and are left out; run `isagen validate` to see why"
        );
    }
    if args.format == RegisterFormat::Xlsx {
        let mut sheets = vec![register::Sheet::new(
            "Data flows",
            &register::flow_register(&checked.workspace),
            FLOW_HEADINGS,
        )];
        let organisations = match &args.ropa {
            Some(organisation) => vec![organisation.clone()],
            None => register::parties(&checked.workspace),
        };
        for organisation in &organisations {
            let rows = register::ropa(&checked.workspace, organisation).ok_or_else(|| {
                anyhow::anyhow!("no protocol lists a partner with the id `{organisation}`")
            })?;
            sheets.push(register::Sheet::new(
                &format!("Art 30 {organisation}"),
                &rows,
                ROPA_HEADINGS,
            ));
        }
        let bytes = register::to_xlsx(&sheets)?;
        match &args.output {
            Some(path) => crate::output::write_atomic(path, &bytes, &args.paths)?,
            None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => anyhow::bail!(
                "an .xlsx workbook is not for a terminal; write it to a file with -o FILE"
            ),
            None => {
                use std::io::Write;
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(&bytes)?;
                stdout.flush()?;
            }
        }
        return Ok(if unreadable > 0 {
            Outcome::Findings
        } else {
            Outcome::Clean
        });
    }
    let text = match &args.ropa {
        Some(organisation) => {
            let rows = register::ropa(&checked.workspace, organisation).ok_or_else(|| {
                anyhow::anyhow!("no protocol lists a partner with the id `{organisation}`")
            })?;
            format_rows(&rows, ROPA_HEADINGS, args.format)?
        }
        None => format_rows(
            &register::flow_register(&checked.workspace),
            FLOW_HEADINGS,
            args.format,
        )?,
    };
    match &args.output {
        Some(path) => crate::output::write_atomic(path, text.as_bytes(), &args.paths)?,
        None => print!("{text}"),
    }
    Ok(if unreadable > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn format_rows<T: serde::Serialize>(
    rows: &[T],
    headings: &[&str],
    format: RegisterFormat,
) -> Result<String, Failure> {
    Ok(match format {
        RegisterFormat::Csv => register::to_csv(rows, headings)?,
        RegisterFormat::Md => register::to_markdown(rows, headings),
        RegisterFormat::Json => crate::escape::json_pretty(rows)? + "\n",
        RegisterFormat::Xlsx => anyhow::bail!("an .xlsx workbook is written whole, not as text"),
    })
}
