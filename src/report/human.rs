//! The `human` format: compiler-style code frames with the rule code, a hint, and a summary
//! line, coloured only when writing to a terminal.
//!
//! Everything taken from the definitions (file names, messages quoting values, hints, the
//! source lines of the frame) goes through [`escape::terminal`] or [`escape::terminal_source`]
//! first, so a file name or a value cannot send an escape sequence to the terminal or start a
//! line that GitHub Actions would read as a workflow command.
//!
//! Findings accepted by an exception follow the others in a short list ("accepted findings"),
//! each with who accepted it, when, where the exception is written and why.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{ReportContext, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::escape;
use crate::load::SourceFile;

/// Lines of context shown above a finding.
const CONTEXT_LINES: usize = 2;

/// Code frames for people.
pub struct Human;

impl Reporter for Human {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let renderer = if context.color {
            Renderer::styled().decor_style(DecorStyle::Unicode)
        } else {
            Renderer::plain()
        };
        for diagnostic in context.diagnostics {
            let rendered = render_one(
                &renderer,
                diagnostic,
                context.source(&diagnostic.location.file),
            );
            writeln!(out, "{rendered}\n")?;
        }
        accepted(context, out)?;
        writeln!(out, "{}{}", context.summary.line(), context.in_force.note())
    }
}

/// The findings exceptions accept, after the others: one entry each, with who accepted it,
/// when and why, so a reader sees what was waived without it failing the run.
fn accepted(context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    if context.suppressed.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "accepted findings (each accepted by an exception in its definition; not failures):"
    )?;
    for s in context.suppressed {
        let d = &s.diagnostic;
        let e = &s.exception;
        writeln!(
            out,
            "  {} {}[{}]: {}",
            escape::terminal(&d.location.to_string()),
            d.severity,
            d.code,
            escape::terminal(&d.message)
        )?;
        let until = e.until.map(|u| format!(" until {u}")).unwrap_or_default();
        writeln!(
            out,
            "    accepted by {} on {}{until} ({}): {}",
            escape::terminal(&e.accepted_by),
            e.accepted_on,
            escape::terminal(&e.location.to_string()),
            escape::terminal(&e.reason)
        )?;
    }
    writeln!(out)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::NOTE,
    }
}

fn render_one(renderer: &Renderer, diagnostic: &Diagnostic, source: Option<&SourceFile>) -> String {
    let location = &diagnostic.location;
    let message = escape::terminal(&diagnostic.message);
    let title = level(diagnostic.severity)
        .primary_title(message.as_ref())
        .id(diagnostic.code);
    let path = escape::terminal(location.file.as_str());
    let window_text;
    let mut group = match source.filter(|s| !s.text.is_empty()) {
        Some(source) => {
            let first = location.line.saturating_sub(CONTEXT_LINES).max(1);
            let last = location
                .end_line
                .max(location.line)
                .min(source.line_count());
            let start = source.byte_offset(first, 1);
            let end_of_window = source.byte_offset(last, usize::MAX);
            let window = &source.text[start..end_of_window];
            let span_start = source.byte_offset(location.line, location.column) - start;
            let span_end = source.byte_offset(location.end_line, location.end_column) - start;
            window_text = escape::terminal_source(window);
            let span_start = window_text.offset(span_start);
            let mut span_end = window_text.offset(span_end);
            if span_end <= span_start {
                span_end = next_boundary(&window_text.text, span_start);
            }
            let snippet = Snippet::source(window_text.text.as_ref())
                .line_start(first)
                .path(path.as_ref())
                .annotation(
                    AnnotationKind::Primary
                        .span(span_start..span_end)
                        .label(diagnostic.rule),
                );
            title.element(snippet)
        }
        None => title.element(
            Level::NOTE.message(format!("in {}", escape::terminal(&location.to_string()))),
        ),
    };
    for related in &diagnostic.related {
        group = group.element(Level::NOTE.message(
            escape::terminal(&format!("{}: {}", related.location, related.message)).into_owned(),
        ));
    }
    if let Some(hint) = &diagnostic.hint {
        group = group.element(Level::HELP.message(escape::terminal(hint).into_owned()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report).to_string()
}

/// The end of the character at `at` in `text` (one byte on when `at` is past the end, as the
/// underline of an empty span has always been, clamped to the text).
fn next_boundary(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .map_or((at + 1).min(text.len()), |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::{accepted, diagnostic, render_with};

    #[test]
    fn accepted_findings_are_listed_escaped_after_the_others() {
        let mut found = accepted(diagnostic(
            "L005",
            Severity::Error,
            "a.yaml",
            4,
            "relies on (f)",
        ));
        found.exception.reason = "ok\u{1b}[2J\n::error::forged".into();
        let text = render_with(&Human, &[], &[found], &["a.yaml"]);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(!text.lines().any(|l| l.starts_with("::")), "{text}");
        assert!(text.contains("accepted findings"), "{text}");
        assert!(
            text.contains("  a.yaml:4:3 error[L005]: relies on (f)"),
            "{text}"
        );
        assert!(text.contains("accepted by Priya Shah (Data Protection Officer) on 2026-03-02"));
        assert!(
            text.ends_with(
                "1 file checked: no problems found; 1 finding accepted by an exception\n"
            ),
            "{text}"
        );
    }
}
