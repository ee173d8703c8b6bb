//! Stage 4, report: diagnostics written for people (`human`) or for CI (`json`, `github`,
//! `sarif`, `junit`, `gitlab`). One reporter per format, behind one trait; nothing else in
//! the library prints.

mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};
use std::sync::Arc;

use clap::ValueEnum;

use crate::diagnostic::{Diagnostic, Summary};
use crate::load::SourceFile;

/// The report formats `--output-format` accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Code frames and a summary line, for people (colour only on a terminal).
    Human,
    /// A JSON object with every finding and the summary, for tools.
    Json,
    /// GitHub Actions workflow commands (annotations on the pull request) and a summary.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML, one test case per file, for CI test reports.
    Junit,
    /// GitLab Code Quality JSON, for merge request widgets.
    Gitlab,
}

/// Everything a reporter needs.
pub struct ReportContext<'a> {
    /// The findings, sorted by file and position.
    pub diagnostics: &'a [Diagnostic],
    /// The text of the files, for code frames.
    pub sources: &'a [Arc<SourceFile>],
    /// Counts.
    pub summary: Summary,
    /// Whether to use colour (human format only).
    pub color: bool,
}

impl ReportContext<'_> {
    /// The source text of `file`, if it was read.
    pub fn source(&self, file: &str) -> Option<&SourceFile> {
        self.sources
            .iter()
            .find(|s| s.name == file)
            .map(|s| s.as_ref())
    }
}

/// Writes a report in one format.
pub trait Reporter {
    /// Writes the report for `context` to `out`.
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The reporter for `format`.
pub fn reporter(format: OutputFormat) -> Box<dyn Reporter> {
    match format {
        OutputFormat::Human => Box::new(human::Human),
        OutputFormat::Json => Box::new(json::Json),
        OutputFormat::Github => Box::new(github::Github),
        OutputFormat::Sarif => Box::new(sarif::Sarif),
        OutputFormat::Junit => Box::new(junit::Junit),
        OutputFormat::Gitlab => Box::new(gitlab::Gitlab),
    }
}

/// The tool's name and version, as reports name the tool.
pub const TOOL_NAME: &str = env!("CARGO_PKG_NAME");
/// The tool's version.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Where the tool's documentation lives.
pub const TOOL_URI: &str = "https://github.com/isagen/isagen";

/// A Markdown summary of every finding, for `$GITHUB_STEP_SUMMARY` (GitHub shows only the
/// first ten annotations of each kind on a pull request).
pub fn github_step_summary(context: &ReportContext<'_>) -> String {
    github::step_summary(context)
}
