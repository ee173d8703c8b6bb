//! The `human` format: compiler-style code frames with the rule code, a hint, and a summary
//! line, coloured only when writing to a terminal.

use std::io::{self, Write};

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{ReportContext, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
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
        writeln!(out, "{}{}", context.summary.line(), context.in_force.note())
    }
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
    let title = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code);
    let path = location.file.as_str();
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
            let mut span_end = source.byte_offset(location.end_line, location.end_column) - start;
            if span_end <= span_start {
                span_end = (span_start + 1).min(window.len());
            }
            let snippet = Snippet::source(window)
                .line_start(first)
                .path(path)
                .annotation(
                    AnnotationKind::Primary
                        .span(span_start..span_end)
                        .label(diagnostic.rule),
                );
            title.element(snippet)
        }
        None => title.element(Level::NOTE.message(format!("in {location}"))),
    };
    for related in &diagnostic.related {
        group = group
            .element(Level::NOTE.message(format!("{}: {}", related.location, related.message)));
    }
    if let Some(hint) = &diagnostic.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report).to_string()
}
