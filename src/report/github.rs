//! The `github` format: GitHub Actions workflow commands, which appear as annotations on the
//! pull request, then the summary line. GitHub shows only the first ten annotations of each
//! kind per step, so [`step_summary`] writes every finding to the run's summary page as well.

use std::io::{self, Write};

use super::{ReportContext, Reporter};
use crate::diagnostic::Severity;

/// GitHub Actions annotations.
pub struct Github;

/// Escapes a command's message (GitHub's rules: `%`, CR and LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as data, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        for d in context.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = d.message.clone();
            if let Some(hint) = &d.hint {
                message.push_str(&format!("\nhelp: {hint}"));
            }
            let l = &d.location;
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&l.file),
                l.line,
                l.column,
                l.end_line,
                l.end_column,
                escape_property(&format!("{} {}", d.code, d.rule)),
                escape_data(&message)
            )?;
        }
        writeln!(out, "{}", context.summary.line())
    }
}

/// A Markdown summary of every finding.
pub fn step_summary(context: &ReportContext<'_>) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace(['\n', '\r'], " ");
    let mut out = format!("## isagen\n\n{}\n", context.summary.line());
    if context.diagnostics.is_empty() {
        return out;
    }
    out.push_str(
        "\n| Severity | Code | Rule | Location | Message |\n| --- | --- | --- | --- | --- |\n",
    );
    for d in context.diagnostics {
        out.push_str(&format!(
            "| {} | {} | `{}` | `{}` | {} |\n",
            d.severity,
            d.code,
            d.rule,
            cell(&d.location.to_string()),
            cell(&d.message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
