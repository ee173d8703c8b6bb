//! Findings as data: what is wrong, where, how bad, and how to fix it.
//!
//! A diagnostic is never an `Err`: rules and loaders return them, and reporters turn them into
//! text for people or machine-readable reports for CI. Only failures of the tool itself (I/O, a
//! broken template) travel as errors.

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Should be fixed; fails a run only under `--deny-warnings`.
    Warning,
    /// Must be fixed: the definition is wrong or unlawful as written.
    Error,
}

impl Severity {
    /// The lower-case word: `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a source file. Lines and columns count from 1; columns count characters.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file, as the user named it (relative paths stay relative).
    pub file: String,
    /// The first line.
    pub line: usize,
    /// The first column.
    pub column: usize,
    /// The last line.
    pub end_line: usize,
    /// The column just after the last character.
    pub end_column: usize,
    /// The JSON pointer of the node in the document (`""` for the whole document).
    pub pointer: String,
}

impl Location {
    /// A location for a whole file, when nothing finer is known.
    pub fn file_only(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            pointer: String::new(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A secondary place that helps explain a finding, such as where an id was first defined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    /// Where.
    pub location: Location,
    /// What is there.
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The stable rule code, for example `L001`.
    pub code: &'static str,
    /// The rule's kebab-case name, for example `special-category-without-condition`.
    pub rule: &'static str,
    /// How serious it is, after any configured override.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is.
    pub location: Location,
    /// How to fix it, where there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Other places that explain the finding.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// The order reports use: by file, then position, then code.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, &str) {
        (
            &self.location.file,
            self.location.line,
            self.location.column,
            self.code,
            &self.message,
        )
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Definition files checked.
    pub files: usize,
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warning level.
    pub warnings: usize,
    /// Findings at info level.
    pub infos: usize,
    /// Findings accepted by an exception recorded in the definition: reported, never failing.
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// Counts the findings in `diagnostics` for `files` files.
    pub fn of(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let mut summary = Summary {
            files,
            ..Summary::default()
        };
        for d in diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }

    /// The summary with `suppressed` findings accepted by exceptions.
    pub fn with_suppressed(self, suppressed: usize) -> Self {
        Summary { suppressed, ..self }
    }

    /// A one-line summary, for example "3 files checked: 1 error, 2 warnings".
    pub fn line(&self) -> String {
        fn plural(n: usize, word: &str) -> String {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        }
        let files = plural(self.files, "file");
        let accepted = match self.suppressed {
            0 => String::new(),
            1 => "; 1 finding accepted by an exception".to_string(),
            n => format!("; {n} findings accepted by exceptions"),
        };
        if self.errors + self.warnings + self.infos == 0 {
            return format!("{files} checked: no problems found{accepted}");
        }
        let mut parts = vec![
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        ];
        if self.infos > 0 {
            parts.push(plural(self.infos, "note"));
        }
        format!("{files} checked: {}{accepted}", parts.join(", "))
    }
}
