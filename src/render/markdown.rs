//! Markdown rendering with Handlebars.
//!
//! The templates are embedded in the binary; a folder given with `--templates` overrides any
//! of them by file name. Strict mode is on, so a template that names a field the view does not
//! have is an error with the template's name, line and column. Every value is escaped for
//! Markdown (never HTML-escaped, which would corrupt Markdown), so user text cannot add
//! headings, links, tables or HTML.

mod limits;

use std::path::Path;

use handlebars::template::Template;
use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderErrorReason,
};
use rayon::prelude::*;

use super::RenderError;
use super::view::DocumentView;
use crate::load::MAX_TEMPLATE_BYTES;

/// The default templates, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "agreement",
        include_str!("../../templates/agreement.md.hbs"),
    ),
    ("protocol", include_str!("../../templates/protocol.md.hbs")),
    (
        "agreement-introduction",
        include_str!("../../templates/partials/agreement-introduction.md.hbs"),
    ),
    (
        "agreement-parties",
        include_str!("../../templates/partials/agreement-parties.md.hbs"),
    ),
    (
        "agreement-data",
        include_str!("../../templates/partials/agreement-data.md.hbs"),
    ),
    (
        "agreement-flows",
        include_str!("../../templates/partials/agreement-flows.md.hbs"),
    ),
    (
        "agreement-handling",
        include_str!("../../templates/partials/agreement-handling.md.hbs"),
    ),
    (
        "agreement-review",
        include_str!("../../templates/partials/agreement-review.md.hbs"),
    ),
    (
        "document-control",
        include_str!("../../templates/partials/document-control.md.hbs"),
    ),
    (
        "version-history",
        include_str!("../../templates/partials/version-history.md.hbs"),
    ),
    (
        "signatures",
        include_str!("../../templates/partials/signatures.md.hbs"),
    ),
    (
        "partner",
        include_str!("../../templates/partials/partner.md.hbs"),
    ),
    (
        "agreement-structure",
        include_str!("../../templates/partials/agreement-structure.md.hbs"),
    ),
    (
        "protocol-provisions",
        include_str!("../../templates/partials/protocol-provisions.md.hbs"),
    ),
    (
        "breach",
        include_str!("../../templates/partials/breach.md.hbs"),
    ),
    (
        "narrative-context",
        include_str!("../../templates/partials/narrative-context.md.hbs"),
    ),
    (
        "narrative-practice",
        include_str!("../../templates/partials/narrative-practice.md.hbs"),
    ),
    (
        "agreement-assurance",
        include_str!("../../templates/partials/agreement-assurance.md.hbs"),
    ),
    (
        "related-documents",
        include_str!("../../templates/partials/related-documents.md.hbs"),
    ),
    (
        "appendices",
        include_str!("../../templates/partials/appendices.md.hbs"),
    ),
    (
        "other-bodies",
        include_str!("../../templates/partials/other-bodies.md.hbs"),
    ),
    (
        "class-members",
        include_str!("../../templates/partials/class-members.md.hbs"),
    ),
    (
        "accepted-findings",
        include_str!("../../templates/partials/accepted-findings.md.hbs"),
    ),
];

/// The file a template is read from, relative to the templates folder.
pub fn template_file(name: &str) -> String {
    match name {
        "agreement" | "protocol" => format!("{name}.md.hbs"),
        partial => format!("partials/{partial}.md.hbs"),
    }
}

/// A configured template set.
pub struct MarkdownRenderer {
    registry: Handlebars<'static>,
    /// Where each template came from, by name, for error messages.
    labels: std::collections::HashMap<String, String>,
}

impl MarkdownRenderer {
    /// The default templates, each replaced by the file of the same name in `overrides`
    /// when that file exists.
    pub fn new(overrides: Option<&Path>) -> Result<Self, RenderError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(escape_inline);
        registry.register_helper("para", Box::new(para_helper));
        registry.register_helper("join", Box::new(join_helper));
        registry.register_helper("lower", Box::new(lower_helper));
        let mut sources = Vec::new();
        for (name, text) in DEFAULT_TEMPLATES {
            let file = template_file(name);
            let (source, label) = match overrides.map(|dir| dir.join(&file)) {
                // Anything at the name overrides (a device, a FIFO or a broken link too, read
                // within the limit), so an override that cannot be used is an error, never
                // silently replaced by the built-in template.
                Some(path) if std::fs::symlink_metadata(&path).is_ok() => {
                    let text = crate::load::read_bounded_to_string(&path, MAX_TEMPLATE_BYTES)
                        .map_err(|e| RenderError::Template {
                            template: path.display().to_string(),
                            message: e.to_string(),
                        })?;
                    (text, path.display().to_string())
                }
                _ => (text.to_string(), format!("templates/{file} (built in)")),
            };
            sources.push((*name, source, label));
        }
        let labels: std::collections::HashMap<String, String> = sources
            .iter()
            .map(|(name, _, label)| (name.to_string(), label.clone()))
            .collect();
        // Compiling is the slow part of a one-document render: spread it over the cores.
        let compiled: Vec<Template> = sources
            .par_iter()
            .map(|(name, source, label)| {
                let problem = |message| RenderError::Template {
                    template: label.clone(),
                    message,
                };
                // Before the parser, which recurses once per level of nesting.
                limits::check_nesting(source).map_err(problem)?;
                Template::compile_with_name(source, name.to_string())
                    .map_err(|e| problem(describe_template_error(&e)))
            })
            .collect::<Result<_, _>>()?;
        // Partials that loop, computed partial names, nesting too deep and runaway expansion
        // are refused before anything renders; loops are budgeted as they run (see `limits`).
        let named: Vec<(&str, &Template)> = sources
            .iter()
            .map(|(name, _, _)| *name)
            .zip(&compiled)
            .collect();
        let costs = limits::check_partials(&named).map_err(|problem| RenderError::Template {
            template: labels
                .get(&problem.template)
                .cloned()
                .unwrap_or(problem.template),
            message: problem.message,
        })?;
        registry.register_helper("each", Box::new(limits::BoundedEach { costs }));
        for ((name, _, _), template) in sources.into_iter().zip(compiled) {
            registry.register_template(name, template);
        }
        Ok(MarkdownRenderer { registry, labels })
    }

    /// Renders a document's view to Markdown, with a contents list.
    pub fn render(&self, view: &DocumentView) -> Result<String, RenderError> {
        let mut buffer = limits::BoundedBuffer::default();
        let rendered =
            limits::with_budget(|| self.registry.render_to_write(view.kind, view, &mut buffer));
        let too_large = buffer.exceeded;
        rendered.map_err(|e| {
            let name = e.template_name.clone().unwrap_or_else(|| view.kind.to_string());
            let template = self.labels.get(&name).cloned().unwrap_or(name);
            let place = match (e.line_no, e.column_no) {
                (Some(line), Some(column)) => format!("{line}:{column}: "),
                _ => String::new(),
            };
            let reason = match e.reason() {
                RenderErrorReason::IOError(_) if too_large => format!(
                    "the document would be larger than {} MiB of Markdown; a template that repeats a block, or nests loops, makes far more than the definition holds",
                    limits::MAX_OUTPUT_BYTES / (1024 * 1024)
                ),
                RenderErrorReason::MissingVariable(Some(path)) => format!(
                    "`{path}` is not a field of the {} view; `isagen templates export` writes the built-in templates, which show the fields available",
                    view.kind
                ),
                RenderErrorReason::PartialNotFound(name) => {
                    let known: Vec<&str> = DEFAULT_TEMPLATES
                        .iter()
                        .map(|(n, _)| *n)
                        .filter(|n| !matches!(*n, "agreement" | "protocol"))
                        .collect();
                    format!(
                        "`{{{{> {name}}}}}` names no template; a partial is one of the built-in names: {}",
                        known.join(", ")
                    )
                }
                other => other.to_string(),
            };
            RenderError::Template {
                template,
                message: format!("{place}{reason}"),
            }
        })?;
        let text = String::from_utf8(buffer.bytes).map_err(|e| RenderError::Template {
            template: view.kind.to_string(),
            message: e.to_string(),
        })?;
        Ok(tidy(&insert_contents(&text)))
    }
}

fn describe_template_error(error: &handlebars::TemplateError) -> String {
    match error.pos() {
        Some((line, column)) => format!("{line}:{column}: {}", error.reason()),
        None => error.reason().to_string(),
    }
}

// The Markdown escape lives with the other sinks' escapes in `crate::escape`; these are its
// names here, where the templates and the DOCX writer have always found them.
pub use crate::escape::markdown as escape_inline;
pub use crate::escape::strip_controls;

/// The first parameter of helper `name`, which every helper requires.
fn first_param<'a>(
    h: &'a Helper<'_>,
    name: &'static str,
) -> Result<&'a serde_json::Value, RenderErrorReason> {
    h.param(0)
        .map(|p| p.value())
        .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))
}

/// `{{para text}}`: text as paragraphs, split on blank lines, each escaped.
fn para_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let text = first_param(h, "para")?.as_str().unwrap_or_default();
    let paragraphs: Vec<String> = text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(escape_inline)
        .collect();
    out.write(&paragraphs.join("\n\n"))?;
    Ok(())
}

/// `{{join list ", "}}`: the list's items, escaped, joined by the separator.
fn join_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let list = first_param(h, "join")?;
    let separator = h.param(1).and_then(|p| p.value().as_str()).unwrap_or(", ");
    let items: Vec<String> = list
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| {
                    escape_inline(
                        v.as_str()
                            .map_or_else(|| v.to_string(), str::to_string)
                            .as_str(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    out.write(&items.join(separator))?;
    Ok(())
}

/// `{{lower text}}`: the text in lower case, escaped.
fn lower_helper(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let text = first_param(h, "lower")?
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    out.write(&escape_inline(&text))?;
    Ok(())
}

/// The anchor GitHub gives a heading: lower case, spaces to hyphens, punctuation dropped.
pub fn github_anchor(heading: &str) -> String {
    let plain: String = heading.replace('\\', "");
    plain
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Replaces the `<!-- contents -->` marker with a linked list of the `##` headings.
fn insert_contents(text: &str) -> String {
    const MARKER: &str = "<!-- contents -->";
    if !text.contains(MARKER) {
        return text.to_string();
    }
    let mut seen = std::collections::HashMap::new();
    let mut items = vec!["## Contents".to_string(), String::new()];
    for line in text.lines() {
        let Some(heading) = line.strip_prefix("## ") else {
            continue;
        };
        let base = github_anchor(heading);
        let count = seen.entry(base.clone()).or_insert(0usize);
        let anchor = if *count == 0 {
            base
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        items.push(format!("- [{}](#{anchor})", heading.trim()));
    }
    text.replacen(MARKER, &items.join("\n"), 1)
}

/// Collapses runs of blank lines and ends the text with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_matches('\n');
    format!("{trimmed}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_neutralises_markdown_and_html() {
        assert_eq!(escape_inline("a | b"), "a \\| b");
        assert_eq!(escape_inline("<b>bold</b>"), "\\<b\\>bold\\</b\\>");
        assert_eq!(escape_inline("# heading"), "\\# heading");
        assert_eq!(escape_inline("- item"), "\\- item");
        assert_eq!(escape_inline("1. first"), "1\\. first");
        assert_eq!(escape_inline("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(escape_inline("line\nbreak"), "line break");
        assert_eq!(escape_inline("bell\u{7}"), "bell");
        assert_eq!(escape_inline("s.11 of the Act"), "s.11 of the Act");
        assert_eq!(escape_inline("1.0"), "1.0");
        assert_eq!(escape_inline("-5 degrees"), "-5 degrees");
        assert_eq!(escape_inline("---"), "\\---");
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(
            github_anchor("Parties and their roles"),
            "parties-and-their-roles"
        );
        assert_eq!(github_anchor("Individuals' rights"), "individuals-rights");
        assert_eq!(github_anchor("Legal basis `care`"), "legal-basis-care");
    }
}
