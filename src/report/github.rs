//! The `github` format: GitHub Actions workflow commands, which appear as annotations on the
//! pull request, then the summary line.
//!
//! One command per finding, `::error`, `::warning` or `::notice` (for notes), with the file,
//! the region, a title of the rule code and name, and the message followed by the related
//! places and the hint. Values are escaped as the Actions runner unescapes them: `%`, CR and LF
//! everywhere, and `:` and `,` in properties as well; other control characters are dropped.
//!
//! A finding an exception accepts is not annotated: it does not fail the run and is not a
//! defect to fix on the pull request. The summary line counts it, and the step summary lists
//! it under "Accepted findings" with who accepted it, when and why.
//!
//! GitHub shows only the first ten annotations of each kind per step, so [`step_summary`]
//! writes every finding as a Markdown table for `$GITHUB_STEP_SUMMARY`, the run's summary page.

use std::io::{self, Write};

use super::{ReportContext, Reporter, ci_path, full_message, region};
use crate::diagnostic::{Diagnostic, Severity};

/// GitHub Actions annotations.
pub struct Github;

/// Escapes a command's message (GitHub's rules: `%`, CR and LF). Other control characters
/// are dropped: they have no place in a log line.
fn escape_data(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: as data, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The workflow command for one finding, without the line break.
fn command(d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (line, column, end_line, end_column) = region(&d.location);
    format!(
        "::{kind} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}",
        escape_property(&ci_path(&d.location.file)),
        escape_property(&format!("{} {}", d.code, d.rule)),
        escape_data(&full_message(d, "\n", true)),
    )
}

impl Reporter for Github {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        for d in context.diagnostics {
            writeln!(out, "{}", command(d))?;
        }
        writeln!(out, "{}", context.summary.line())
    }
}

/// GitHub refuses a step summary over 1 MiB and shows none of it; the table stops short of that.
const STEP_SUMMARY_LIMIT: usize = 1000 * 1024;

/// Text for a Markdown table cell: control characters dropped, line breaks as `<br>`, and
/// every character that could start Markdown or HTML structure (including the `|` that ends
/// a cell) backslash-escaped, so a finding's text cannot reshape the page.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '#' | '!' | '$'
            | '@' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A Markdown summary of every finding, for `$GITHUB_STEP_SUMMARY`: a heading, the summary
/// line, and a table of the findings in report order. Should the table grow past what GitHub
/// accepts (1 MiB), it ends with a line saying how many findings were left out.
pub fn step_summary(context: &ReportContext<'_>) -> String {
    let mut out = format!("## isagen validate\n\n{}\n", context.summary.line());
    findings_table(context, &mut out);
    accepted_table(context, &mut out);
    out
}

/// The table of accepted findings, after the findings, within the same size limit.
fn accepted_table(context: &ReportContext<'_>, out: &mut String) {
    if context.suppressed.is_empty() {
        return;
    }
    out.push_str(
        "\n### Accepted findings\n\n| Code | Location | Message | Accepted by | On | Reason |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for (shown, s) in context.suppressed.iter().enumerate() {
        let d = &s.diagnostic;
        let (line, column, ..) = region(&d.location);
        let row = format!(
            "| {} | {}:{line}:{column} | {} | {} | {} | {} |\n",
            cell(d.code),
            cell(&ci_path(&d.location.file)),
            cell(&d.message),
            cell(&s.exception.accepted_by),
            s.exception.accepted_on,
            cell(&s.exception.reason),
        );
        if out.len() + row.len() > STEP_SUMMARY_LIMIT {
            let left = context.suppressed.len() - shown;
            out.push_str(&format!(
                "\n{left} more accepted finding{} not shown: the summary page holds at most 1 MiB.\n",
                if left == 1 { "" } else { "s" }
            ));
            return;
        }
        out.push_str(&row);
    }
}

/// The table of findings that are reported.
fn findings_table(context: &ReportContext<'_>, out: &mut String) {
    if context.diagnostics.is_empty() {
        return;
    }
    out.push_str(
        "\n| Severity | Code | Rule | Location | Message |\n| --- | --- | --- | --- | --- |\n",
    );
    for (shown, d) in context.diagnostics.iter().enumerate() {
        let (line, column, ..) = region(&d.location);
        let row = format!(
            "| {} | {} | {} | {}:{line}:{column} | {} |\n",
            d.severity,
            cell(d.code),
            cell(d.rule),
            cell(&ci_path(&d.location.file)),
            cell(&full_message(d, "\n", false)),
        );
        if out.len() + row.len() > STEP_SUMMARY_LIMIT {
            let left = context.diagnostics.len() - shown;
            out.push_str(&format!(
                "\n{left} more finding{} not shown: the summary page holds at most 1 MiB. \
                 Write a report file (for example `--output-format sarif --output FILE`) to see them all.\n",
                if left == 1 { "" } else { "s" }
            ));
            break;
        }
        out.push_str(&row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{diagnostic, related, render};

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_data("a\u{1}b\u{1b}[31mc\td"), "ab[31mc\td");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn one_command_per_finding_then_the_summary() {
        let mut error = diagnostic(
            "S004",
            Severity::Error,
            "./odd, name: 100%.yaml",
            3,
            "unknown field `a, b: c`\nsecond line",
        );
        error.hint = Some("remove it, or: fix it".into());
        error.related = vec![related("./other.yaml", 7, "first defined here")];
        let warning = diagnostic("R005", Severity::Warning, "b.yaml", 1, "unused");
        let note = diagnostic("D001", Severity::Info, "b.yaml", 2, "note");
        let text = render(
            &Github,
            &[error, warning, note],
            &["./odd, name: 100%.yaml", "b.yaml"],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=odd%2C name%3A 100%25.yaml,line=3,col=3,endLine=3,endColumn=9,\
                 title=S004 some-rule::unknown field `a, b: c`%0Asecond line\
                 %0Anote: other.yaml:7:1: first defined here%0Ahelp: remove it, or: fix it",
                "::warning file=b.yaml,line=1,col=3,endLine=1,endColumn=9,title=R005 some-rule::unused",
                "::notice file=b.yaml,line=2,col=3,endLine=2,endColumn=9,title=D001 some-rule::note",
                "2 files checked: 1 error, 1 warning, 1 note",
            ]
        );
    }

    #[test]
    fn no_findings_prints_only_the_summary() {
        assert_eq!(
            render(&Github, &[], &["a.yaml"]),
            "1 file checked: no problems found\n"
        );
    }

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(
            cell("a | b\nc\r\nd <script> `x` *y*\u{7}"),
            "a \\| b<br>c<br>d \\<script\\> \\`x\\` \\*y\\*"
        );
    }

    #[test]
    fn step_summary_stops_before_github_s_limit() {
        let long = "x".repeat(2000);
        let many: Vec<Diagnostic> = (1..=1000)
            .map(|i| diagnostic("R001", Severity::Error, "a.yaml", i, &long))
            .collect();
        let sources = crate::report::test_support::sources(&["a.yaml"]);
        let context = ReportContext {
            diagnostics: &many,
            sources: &sources,
            summary: crate::diagnostic::Summary::of(1, &many),
            color: false,
            in_force: &crate::report::InForce::default(),
            suppressed: &[],
        };
        let summary = step_summary(&context);
        assert!(summary.len() < 1024 * 1024);
        let rows = summary.lines().filter(|l| l.starts_with("| error")).count();
        assert!(rows > 400 && rows < 1000, "{rows}");
        assert!(summary.ends_with(&format!(
            "\n{} more findings not shown: the summary page holds at most 1 MiB. \
             Write a report file (for example `--output-format sarif --output FILE`) to see them all.\n",
            1000 - rows
        )));
    }
}
