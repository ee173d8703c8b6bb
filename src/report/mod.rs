//! Stage 4, report: diagnostics written for people (`human`) or for CI (`json`, `github`,
//! `sarif`, `junit`, `gitlab`). One reporter per format, behind one trait; nothing else in
//! the library prints.

mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

use clap::ValueEnum;
use sha2::{Digest, Sha256};

pub use crate::check::exceptions::{Acceptance, Suppressed};
use crate::diagnostic::{Diagnostic, Location, Summary};
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

/// The settings a run used that change its findings, which every report states so that a
/// reader can tell what judged the files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InForce {
    /// The `isagen.toml` read, as given or as found; `None` when none was.
    pub config_file: Option<String>,
    /// The day review and expiry dates were judged by, when the configuration set it
    /// (`[lifecycle] as_of`) rather than `--today` or the system clock.
    pub as_of: Option<crate::model::Date>,
}

impl InForce {
    /// The words the human report adds to its summary line, for example
    /// " (configuration isagen.toml; dates judged as of 2026-11-22)"; empty when nothing
    /// but the defaults was in force.
    pub fn note(&self) -> String {
        let mut parts = Vec::new();
        if let Some(file) = &self.config_file {
            parts.push(format!("configuration {file}"));
        }
        if let Some(date) = self.as_of {
            parts.push(format!("dates judged as of {date}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!(" ({})", parts.join("; "))
        }
    }
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
    /// The configuration and assessment date in force.
    pub in_force: &'a InForce,
    /// The findings exceptions in the definitions accept, sorted as `diagnostics`. Every
    /// format shows them as accepted; none counts them as failures.
    pub suppressed: &'a [Suppressed],
}

impl<'a> ReportContext<'a> {
    /// Every finding, reported and accepted, in report order, each with the exception that
    /// accepts it (if any): for the formats that list both in one sequence.
    pub fn all_findings(&self) -> Vec<(&'a Diagnostic, Option<&'a Acceptance>)> {
        let mut all: Vec<(&Diagnostic, Option<&Acceptance>)> = self
            .diagnostics
            .iter()
            .map(|d| (d, None))
            .chain(
                self.suppressed
                    .iter()
                    .map(|s| (&s.diagnostic, Some(&s.exception))),
            )
            .collect();
        all.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
        all
    }

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

/// A file name as CI systems want it: relative names stay relative, a leading `./` is dropped
/// (GitHub, GitLab and SARIF viewers resolve names against the repository root, and `./a.yaml`
/// and `a.yaml` must be one file for fingerprints to match), and on Windows `\` becomes `/`.
pub(crate) fn ci_path(file: &str) -> String {
    let file = if std::path::MAIN_SEPARATOR == '\\' {
        file.replace('\\', "/")
    } else {
        file.to_string()
    };
    let mut rest = file.as_str();
    while let Some(after) = rest.strip_prefix("./") {
        rest = after.trim_start_matches('/');
    }
    rest.to_string()
}

/// A region that CI formats accept: lines and columns from 1, and an end that does not come
/// before the start. Returns `(line, column, end_line, end_column)`; the end column is the
/// column just after the last character, as in [`Location`].
pub(crate) fn region(location: &Location) -> (usize, usize, usize, usize) {
    let line = location.line.max(1);
    let column = location.column.max(1);
    let end_line = location.end_line.max(line);
    let end_column = if end_line == line {
        location.end_column.max(column)
    } else {
        location.end_column.max(1)
    };
    (line, column, end_line, end_column)
}

/// Fingerprints for `diagnostics`, in the same order: SHA-256 (hex) of the rule code, the file
/// (as [`ci_path`] writes it), the JSON pointer and the message, and the occurrence number
/// among identical findings. Line and column are left out on purpose, so editing elsewhere in
/// the file does not make a finding look new; the occurrence number keeps identical findings
/// apart. Reports list findings in a fixed order, so the numbering is stable from run to run.
pub(crate) fn fingerprints<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
) -> Vec<String> {
    let mut seen: HashMap<(&str, String, &str, &str), u64> = HashMap::new();
    diagnostics
        .into_iter()
        .map(|d| {
            let file = ci_path(&d.location.file);
            let occurrence = seen
                .entry((
                    d.code,
                    file.clone(),
                    d.location.pointer.as_str(),
                    d.message.as_str(),
                ))
                .or_insert(0);
            *occurrence += 1;
            let mut hasher = Sha256::new();
            hasher.update(b"isagen-finding/v1\0");
            for part in [d.code, &file, &d.location.pointer, &d.message] {
                // Lengths first, so no two different findings hash the same bytes.
                hasher.update((part.len() as u64).to_le_bytes());
                hasher.update(part.as_bytes());
            }
            hasher.update(occurrence.to_le_bytes());
            hasher
                .finalize()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect()
        })
        .collect()
}

/// The message with the related places (when `with_related`) and the hint appended, each after
/// `separator`, for formats that have one text field per finding.
pub(crate) fn full_message(d: &Diagnostic, separator: &str, with_related: bool) -> String {
    let mut text = d.message.clone();
    for related in d.related.iter().filter(|_| with_related) {
        text.push_str(separator);
        text.push_str(&format!(
            "note: {}:{}:{}: {}",
            ci_path(&related.location.file),
            related.location.line,
            related.location.column,
            related.message
        ));
    }
    if let Some(hint) = &d.hint {
        text.push_str(separator);
        text.push_str("help: ");
        text.push_str(hint);
    }
    text
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Diagnostics built by hand, for the reporters' unit tests.

    use std::path::Path;
    use std::sync::Arc;

    use crate::diagnostic::{Diagnostic, Location, Related, Severity, Summary};
    use crate::load::SourceFile;

    /// A diagnostic of `code` at `file:line:column`.
    pub fn diagnostic(
        code: &'static str,
        severity: Severity,
        file: &str,
        line: usize,
        message: &str,
    ) -> Diagnostic {
        Diagnostic {
            code,
            rule: "some-rule",
            severity,
            message: message.to_string(),
            location: Location {
                file: file.to_string(),
                line,
                column: 3,
                end_line: line,
                end_column: 9,
                pointer: format!("/items/{line}"),
            },
            hint: None,
            related: Vec::new(),
        }
    }

    /// A related place.
    pub fn related(file: &str, line: usize, message: &str) -> Related {
        Related {
            location: Location {
                file: file.to_string(),
                line,
                column: 1,
                end_line: line,
                end_column: 2,
                pointer: String::new(),
            },
            message: message.to_string(),
        }
    }

    /// Source files named `names`, with empty text.
    pub fn sources(names: &[&str]) -> Vec<Arc<SourceFile>> {
        names
            .iter()
            .map(|n| Arc::new(SourceFile::new(*n, Path::new(n), String::new())))
            .collect()
    }

    /// Writes the report of `reporter` for `diagnostics` over `files`.
    pub fn render(
        reporter: &dyn super::Reporter,
        diagnostics: &[Diagnostic],
        files: &[&str],
    ) -> String {
        render_with(reporter, diagnostics, &[], files)
    }

    /// `diagnostic`, accepted by an exception written at line 40 of its file.
    pub fn accepted(diagnostic: Diagnostic) -> super::Suppressed {
        let mut location = diagnostic.location.clone();
        location.line = 40;
        location.end_line = 40;
        location.pointer = "/exceptions/0".into();
        super::Suppressed {
            diagnostic,
            exception: super::Acceptance {
                reason: "Accepted <on> purpose | by the DPO".into(),
                accepted_by: "Priya Shah (Data Protection Officer)".into(),
                accepted_on: crate::model::Date::parse("2026-03-02").unwrap(),
                until: None,
                location,
            },
        }
    }

    /// Writes the report of `reporter` for `diagnostics` and `suppressed` over `files`.
    pub fn render_with(
        reporter: &dyn super::Reporter,
        diagnostics: &[Diagnostic],
        suppressed: &[super::Suppressed],
        files: &[&str],
    ) -> String {
        let sources = sources(files);
        let context = super::ReportContext {
            diagnostics,
            sources: &sources,
            summary: Summary::of(files.len(), diagnostics).with_suppressed(suppressed.len()),
            color: false,
            in_force: &super::InForce::default(),
            suppressed,
        };
        let mut out = Vec::new();
        reporter.report(&context, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::diagnostic;
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn ci_paths_drop_a_leading_dot_slash_only() {
        assert_eq!(ci_path("./a/b.yaml"), "a/b.yaml");
        assert_eq!(ci_path(".//./a.yaml"), "a.yaml");
        assert_eq!(ci_path("a/./b.yaml"), "a/./b.yaml");
        assert_eq!(ci_path("/abs/a.yaml"), "/abs/a.yaml");
        assert_eq!(ci_path("../a.yaml"), "../a.yaml");
    }

    #[test]
    fn regions_never_end_before_they_start() {
        let mut location = Location::file_only("a.yaml");
        location.line = 4;
        location.column = 7;
        location.end_line = 2;
        location.end_column = 1;
        assert_eq!(region(&location), (4, 7, 4, 7));
        location.line = 0;
        location.column = 0;
        location.end_line = 0;
        location.end_column = 0;
        assert_eq!(region(&location), (1, 1, 1, 1));
    }

    #[test]
    fn fingerprints_ignore_lines_and_tell_identical_findings_apart() {
        let a = diagnostic("R001", Severity::Error, "a.yaml", 3, "bad");
        let mut moved = a.clone();
        moved.location.line = 30;
        moved.location.end_line = 30;
        let mut dotted = a.clone();
        dotted.location.file = "./a.yaml".into();
        let first = fingerprints(std::slice::from_ref(&a));
        assert_eq!(first, fingerprints(std::slice::from_ref(&moved)));
        assert_eq!(first, fingerprints(std::slice::from_ref(&dotted)));
        assert_eq!(first[0].len(), 64);
        let twice = fingerprints(&[a.clone(), a.clone()]);
        assert_eq!(twice[0], first[0]);
        assert_ne!(twice[0], twice[1]);
        let mut other = a.clone();
        other.message = "worse".into();
        assert_ne!(fingerprints(&[other])[0], first[0]);
    }
}
