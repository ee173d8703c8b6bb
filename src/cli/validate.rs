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
    /// A report to write: `FORMAT` (to standard output) or `FORMAT:PATH` (to a file). Give it
    /// more than once for several reports from one check, for example `--output-format github
    /// --output-format sarif:isagen.sarif`; at most one may go to standard output. FORMAT is
    /// human (the default), json, github, sarif, junit or gitlab.
    #[arg(long, value_name = "FORMAT[:PATH]", value_parser = parse_report_spec)]
    pub output_format: Vec<ReportSpec>,
    /// Write the report to FILE (for example a SARIF file to upload); the summary line still
    /// goes to the terminal. Only with a single report; with several, give each its
    /// `FORMAT:PATH`.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Check every definition under DIR, so references between files resolve, but report
    /// findings only for the PATHs given that are isagen definitions and not excluded (other
    /// files are passed over). The pre-commit hook runs `--workspace .` with the changed files.
    #[arg(long, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Fail (exit 1) on warnings as well as errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// When to use colour in the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub config: ConfigArgs,
}

/// One report asked for with `--output-format`: a format, and the file to write it to
/// (`None`: standard output).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportSpec {
    /// The format.
    pub format: OutputFormat,
    /// The file; `None` for standard output.
    pub path: Option<PathBuf>,
}

/// Reads `FORMAT` or `FORMAT:PATH`. The format never holds a colon, so the first colon ends
/// it and the rest (which may hold colons, as a Windows path does) is the path.
fn parse_report_spec(text: &str) -> Result<ReportSpec, String> {
    let (name, path) = match text.split_once(':') {
        Some((name, path)) => (name, Some(path)),
        None => (text, None),
    };
    let format = OutputFormat::from_str(name, true).map_err(|_| {
        let names: Vec<String> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        format!(
            "`{name}` is not a report format; expected one of: {} (optionally followed by :PATH)",
            names.join(", ")
        )
    })?;
    let path = match path {
        Some("") => {
            return Err(format!(
                "`{text}`: no file after `{name}:`; write FORMAT:PATH"
            ));
        }
        Some(path) => Some(PathBuf::from(path)),
        None => None,
    };
    Ok(ReportSpec { format, path })
}

/// The reports to write: the `--output-format`s given (human when none), with `-o` naming
/// the file of a single one. Refuses more than one report on standard output (they would be
/// interleaved into something no tool can read) and two reports to the same file.
pub fn plan_reports(
    specs: &[ReportSpec],
    output: Option<&PathBuf>,
) -> Result<Vec<ReportSpec>, Failure> {
    let mut plan: Vec<ReportSpec> = if specs.is_empty() {
        vec![ReportSpec {
            format: OutputFormat::Human,
            path: None,
        }]
    } else {
        specs.to_vec()
    };
    if let Some(file) = output {
        if plan.len() > 1 {
            anyhow::bail!(
                "-o/--output names the file of a single report, but {} reports were asked for; \
give each its file as --output-format FORMAT:PATH",
                plan.len()
            );
        }
        if let Some(path) = &plan[0].path {
            anyhow::bail!(
                "the report is already written to {} (--output-format {}:PATH); drop -o/--output",
                path.display(),
                format_name(plan[0].format)
            );
        }
        plan[0].path = Some(file.clone());
    }
    let to_stdout: Vec<&str> = plan
        .iter()
        .filter(|spec| spec.path.is_none())
        .map(|spec| format_name(spec.format))
        .collect();
    if to_stdout.len() > 1 {
        anyhow::bail!(
            "{} reports would go to standard output ({}); at most one can: give the others a \
file as --output-format FORMAT:PATH",
            to_stdout.len(),
            to_stdout.join(", ")
        );
    }
    let mut seen: Vec<&PathBuf> = Vec::new();
    for spec in &plan {
        if let Some(path) = &spec.path {
            if seen.contains(&path) {
                anyhow::bail!(
                    "{}: two reports would be written to this file; give each its own",
                    path.display()
                );
            }
            seen.push(path);
        }
    }
    Ok(plan)
}

fn format_name(format: OutputFormat) -> &'static str {
    match format {
        OutputFormat::Human => "human",
        OutputFormat::Json => "json",
        OutputFormat::Github => "github",
        OutputFormat::Sarif => "sarif",
        OutputFormat::Junit => "junit",
        OutputFormat::Gitlab => "gitlab",
    }
}

/// Whether `path` names standard error (`/dev/stderr`, `/dev/fd/2`, `/proc/self/fd/2`).
fn is_stderr(path: &std::path::Path) -> bool {
    let text = path.to_string_lossy();
    matches!(
        text.as_ref(),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2"
    ) || std::fs::canonicalize(path)
        .ok()
        .zip(std::fs::canonicalize("/dev/stderr").ok())
        .is_some_and(|(a, b)| a == b)
}

/// With `--workspace`: keeps the findings and files of the definitions among `named`.
fn keep_only_named(checked: &mut check::Checked, named: &[PathBuf]) {
    use crate::load::select::absolute;
    let named: std::collections::HashSet<PathBuf> = named.iter().map(|p| absolute(p)).collect();
    let wanted = |file: &str| named.contains(&absolute(std::path::Path::new(file)));
    checked.diagnostics.retain(|d| wanted(&d.location.file));
    checked
        .suppressed
        .retain(|s| wanted(&s.diagnostic.location.file));
    checked.sources.retain(|s| wanted(&s.name));
    checked.files = checked.sources.len();
}

/// Runs `isagen validate`: one check, then every report asked for.
pub fn run(args: ValidateArgs) -> Result<Outcome, Failure> {
    let plan = plan_reports(&args.output_format, args.output.as_ref())?;
    let has = |format: OutputFormat| plan.iter().any(|spec| spec.format == format);
    let config = args.config.load()?;
    let in_force = args.config.in_force(&config);
    let today = args.config.today(&config);
    let searched = match &args.workspace {
        Some(dir) => vec![dir.clone()],
        None => args.paths.clone(),
    };
    // No bar when a report goes to standard error: it would be written into the report.
    let report_on_stderr = plan
        .iter()
        .any(|spec| spec.path.as_deref().is_some_and(is_stderr));
    let progress = super::progress::Progress::new(
        super::progress::allowed(report_on_stderr),
        "files checked",
        super::progress::LONG_CHECK_FILES,
    );
    let result = check::check_paths_reporting(
        &searched,
        config,
        today,
        check::Keep::Findings {
            // Only the human report quotes the lines a finding points at.
            code_frames: has(OutputFormat::Human),
        },
        &|done, total| progress.set(done, total),
    );
    progress.finish();
    let mut checked = match result {
        // A hook run in a repository with no definitions has nothing to report.
        Err(check::CheckError::NothingFound(_)) if args.workspace.is_some() => {
            return Ok(Outcome::Clean);
        }
        other => other?,
    };
    args.config.list_skipped(&checked);
    if args.workspace.is_some() {
        keep_only_named(&mut checked, &args.paths);
    }
    let summary =
        Summary::of(checked.files, &checked.diagnostics).with_suppressed(checked.suppressed.len());
    // Colour only ever goes into the human report; by default only when it goes to a terminal.
    let human_to_terminal = plan
        .iter()
        .any(|spec| spec.format == OutputFormat::Human && spec.path.is_none())
        && std::io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => human_to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut stdout_report: Option<Vec<u8>> = None;
    for spec in &plan {
        let context = ReportContext {
            diagnostics: &checked.diagnostics,
            sources: &checked.sources,
            summary,
            color: color && spec.format == OutputFormat::Human,
            in_force: &in_force,
            suppressed: &checked.suppressed,
        };
        let mut buffer = Vec::new();
        report::reporter(spec.format).report(&context, &mut buffer)?;
        match &spec.path {
            Some(path) => files.push((path.clone(), buffer)),
            None => stdout_report = Some(buffer),
        }
    }
    // Every file report, all or nothing, before anything reaches standard output.
    crate::output::write_all(&files, &args.paths, false)?;
    let report_on_stdout =
        stdout_report.is_some() || files.iter().any(|(path, _)| crate::output::is_stdout(path));
    if let Some(buffer) = stdout_report {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(&buffer)?;
        stdout.flush()?;
    }
    if !files.is_empty() {
        let written: Vec<String> = files
            .iter()
            .map(|(path, _)| path.display().to_string())
            .collect();
        let line = format!(
            "{}{} ({} written to {})",
            summary.line(),
            in_force.note(),
            if files.len() == 1 {
                "report"
            } else {
                "reports"
            },
            written.join(", ")
        );
        // A report on standard output (`-o /dev/stdout`, or a second format there) stays
        // alone on it, for `| jq`; the line goes to standard error.
        let line = crate::escape::terminal(&line);
        if report_on_stdout {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
    if has(OutputFormat::Github)
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY")
    {
        let context = ReportContext {
            diagnostics: &checked.diagnostics,
            sources: &checked.sources,
            summary,
            color: false,
            in_force: &in_force,
            suppressed: &checked.suppressed,
        };
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
