//! The rendered Markdown as Typst markup.
//!
//! Every piece of text enters the markup through [`typst_string`], as a Typst string literal
//! (`#"…";`), so whatever it holds (`#`, `$`, `@`, `<label>`, `=`, `*`, backslashes,
//! `#import`) is shown as text and never read as Typst code or markup. Everything else in the
//! markup is written here, by isagen.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};
use typst::foundations::Datetime;

use super::Picture;
use super::world::{BODY_FONT, MONO_FONT, picture_path};
use crate::render::clauses::{MARKDOWN_OPTIONS, Number, Numbering};
use crate::render::docx::HouseStyle;
use crate::render::markdown::github_anchor;
use crate::render::view::DocumentView;

/// `text` as a Typst string literal: `"` and `\` escaped, control characters left out (a tab
/// or line break becomes a space). The one way text enters the markup.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as markup: an embedded string literal, ended by `;` so nothing that follows can
/// continue the expression.
fn text(text: &str) -> String {
    format!("#{};", typst_string(text))
}

/// The name the data flow diagram is passed in by, as a [`Picture`] (an SVG drawn from the
/// definition by [`crate::render::diagram::flow_diagram_svg`]).
pub const FLOW_DIAGRAM: &str = "flow-diagram.svg";

/// Where a fenced code block with the info string `mermaid` (a diagram in the Markdown)
/// becomes PDF content: the data flow diagram passed in as the picture [`FLOW_DIAGRAM`], with
/// `alt` as its alternative text; `None` (no picture) leaves it out. The Mermaid source is for
/// Markdown readers and is never typeset.
pub fn mermaid_block(pictures: &[Picture], alt: &str) -> Option<String> {
    let index = pictures.iter().position(|p| p.name == FLOW_DIAGRAM)?;
    Some(format!(
        "#figure(image({}, alt: {}, width: 100%))",
        typst_string(&picture_path(index, FLOW_DIAGRAM)),
        typst_string(alt)
    ))
}

/// The accent colour as six hex digits, or the default if the house style's is not.
fn accent(style: &HouseStyle) -> String {
    let accent = style.accent.trim_start_matches('#');
    if accent.len() == 6 && accent.chars().all(|c| c.is_ascii_hexdigit()) {
        accent.to_ascii_uppercase()
    } else {
        HouseStyle::default().accent
    }
}

/// The whole Typst source of a document.
pub fn document(
    view: &DocumentView,
    markdown: &str,
    style: &HouseStyle,
    pictures: &[Picture],
    created: Option<Datetime>,
) -> String {
    let d = &view.document;
    let mut out = String::new();
    let date = match created {
        Some(date) => format!(
            "datetime(year: {}, month: {}, day: {})",
            date.year().unwrap_or(1970),
            date.month().unwrap_or(1),
            date.day().unwrap_or(1)
        ),
        None => "none".into(),
    };
    // The preamble: isagen's own code, with every value a string literal.
    out.push_str(&format!(
        r##"#let accent = rgb("{accent}")
#let marking = {marking}
#let doc-title = {title}
#let doc-version = {version}
#set document(title: doc-title, author: ({owner},), keywords: ({kind}, marking), date: {date})
#set text(font: "{BODY_FONT}", size: 10.5pt, lang: "en", region: "GB")
#show raw: set text(font: "{MONO_FONT}", size: 9.5pt)
#set page(
  paper: "a4",
  margin: (x: 2cm, top: 2.7cm, bottom: 2.7cm),
  header: align(center, text(size: 8.5pt)[#text(weight: "bold", fill: rgb("C00000"), marking) \ #text(fill: accent, doc-title)]),
  footer: context align(center, text(size: 8.5pt)[#doc-title · Version #doc-version · Page #counter(page).display() of #counter(page).final().first() \ #text(weight: "bold", fill: rgb("C00000"), marking)]),
)
#set par(spacing: 0.85em, leading: 0.55em)
#show heading: set text(fill: accent)
#show heading: set block(above: 1.5em, below: 0.75em)
#show heading.where(level: 1): set text(size: 14pt)
#show heading.where(level: 2): set text(size: 12pt)
#show heading.where(level: 3): set text(size: 11pt)
#show link: set text(fill: accent)
#set table(stroke: 0.5pt + luma(170), inset: (x: 5pt, y: 4pt), fill: (x, y) => if y == 0 {{ accent }})
#show table.cell.where(y: 0): set text(fill: white, weight: "bold")
#show table: set text(size: 9pt)
#show table: set par(justify: false)
#show outline.entry.where(level: 1): set block(above: 0.8em)
#let clause-start = (0cm, 0cm, 1.25cm, 2.75cm, 4.55cm, 6.35cm, 8.15cm, 9.95cm, 11.75cm)
#let clause-width(level) = if level <= 1 {{ 1.25cm }} else if level == 2 {{ 1.5cm }} else {{ 1.8cm }}
#let clause(number, level, body) = pad(left: clause-start.at(level), par(hanging-indent: clause-width(level), box(width: clause-width(level), number) + body))

"##,
        accent = accent(style),
        marking = typst_string(&d.marking),
        title = typst_string(&d.title),
        version = typst_string(&d.version),
        owner = typst_string(&d.owner_organisation),
        kind = typst_string(&d.kind_title),
    ));
    title_page(&mut out, view, style, pictures);
    let mut translator = Translator::new(pictures, crate::render::diagram::alt_text(view));
    translator.run(markdown);
    out.push_str(&translator.out);
    out
}

fn title_page(out: &mut String, view: &DocumentView, style: &HouseStyle, pictures: &[Picture]) {
    let d = &view.document;
    out.push_str("#v(3cm)\n");
    if style.logo.is_some()
        && let Some(index) = pictures.iter().position(|p| p.name == LOGO)
    {
        let alt = style.organisation.as_deref().unwrap_or("Logo");
        out.push_str(&format!(
            "#image({}, alt: {}, width: 5cm, height: 2.5cm, fit: \"contain\")\n#v(1cm)\n",
            typst_string(&picture_path(index, LOGO)),
            typst_string(alt)
        ));
    }
    if let Some(organisation) = &style.organisation {
        out.push_str(&format!(
            "#text(size: 14pt, fill: luma(64))[{}]\n\n",
            text(organisation)
        ));
    }
    out.push_str(&format!(
        "#text(size: 26pt, weight: \"bold\", fill: accent)[{}]\n\n",
        text(&d.title)
    ));
    if let Some(subtitle) = &d.subtitle {
        out.push_str(&format!(
            "#text(size: 15pt, fill: luma(64))[{}]\n\n",
            text(subtitle)
        ));
    }
    out.push_str(&format!(
        "#text(size: 15pt, fill: luma(64))[{}]\n\n#v(1cm)\n",
        text(&d.kind_title)
    ));
    // Who it binds, as on the Word title page; many run on in one paragraph, so the title
    // page stays one page.
    if let Some((label, parties)) = view.title_page_parties() {
        out.push_str(&format!(
            "#text(size: 12pt, weight: \"bold\")[{}]\n\n",
            text(label)
        ));
        if parties.len() <= 8 {
            for name in &parties {
                out.push_str(&format!("#text(size: 12pt)[{}]\n\n", text(name)));
            }
        } else {
            out.push_str(&format!(
                "#text(size: 10pt)[{}]\n\n",
                text(&parties.join("; "))
            ));
        }
        out.push_str("#v(0.6cm)\n");
    }
    let lines = [
        if d.version_stated {
            format!("Version {} ({})", d.version, d.status.to_lowercase())
        } else {
            format!("Version not stated ({})", d.status.to_lowercase())
        },
        format!("Owner: {}, {}", d.owner_role, d.owner_organisation),
        match (&d.effective, &d.review) {
            (Some(e), Some(r)) => format!("Effective from {e}; review by {r}"),
            (Some(e), None) => format!("Effective from {e}"),
            (None, Some(r)) => format!("Review by {r}"),
            (None, None) => String::new(),
        },
        format!("Reference: {}", d.id),
    ];
    for line in lines.iter().filter(|l| !l.is_empty()) {
        out.push_str(&format!("#text(size: 12pt)[{}]\n\n", text(line)));
    }
    if let Some(notice) = &d.uncontrolled_copy_notice {
        out.push_str(&format!(
            "#v(0.5cm)\n#text(weight: \"bold\")[{}]\n\n",
            text(notice)
        ));
    }
    out.push_str("#pagebreak()\n\n");
}

/// The name under which the house style's logo is passed as a picture.
pub const LOGO: &str = "isagen-logo.png";

/// An open list or list item.
enum Frame {
    /// A list whose items are not numbered clauses: the markup of each item.
    List(Vec<String>),
    /// A list item: its clause number, if it is one, the markup of its body, and whether the
    /// clause has been written out already (before a nested list of sub-clauses).
    Item {
        number: Option<Number>,
        body: String,
        written: bool,
    },
}

struct Translator<'p> {
    pictures: &'p [Picture],
    /// The data flow diagram's alternative text (every flow in words).
    diagram_alt: String,
    numbering: Numbering,
    out: String,
    inline: String,
    stack: Vec<Frame>,
    /// The number of the paragraph being read, when it is a clause outside a list.
    paragraph: Option<Number>,
    heading: Option<HeadingLevel>,
    heading_text: String,
    heading_count: usize,
    anchors: std::collections::HashMap<String, usize>,
    skipping_title: bool,
    skipping_contents: bool,
    table: Option<Table>,
    code: Option<(String, String)>,
    image: Option<(String, String)>,
}

struct Table {
    columns: usize,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    in_header: bool,
    /// The longest text in each column, in characters, for the column widths.
    longest: Vec<usize>,
    cell_length: usize,
}

impl<'p> Translator<'p> {
    fn new(pictures: &'p [Picture], diagram_alt: String) -> Self {
        Translator {
            pictures,
            diagram_alt,
            numbering: Numbering::new(),
            out: String::new(),
            inline: String::new(),
            stack: Vec::new(),
            paragraph: None,
            heading: None,
            heading_text: String::new(),
            heading_count: 0,
            anchors: std::collections::HashMap::new(),
            skipping_title: false,
            skipping_contents: false,
            table: None,
            code: None,
            image: None,
        }
    }

    /// Appends block markup where it belongs: inside the innermost list item that is not a
    /// numbered clause, else to the document.
    fn emit(&mut self, markup: &str) {
        match self.stack.last_mut() {
            Some(Frame::Item {
                number: None, body, ..
            }) => {
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(markup);
            }
            _ => {
                self.out.push_str(markup);
                self.out.push_str("\n\n");
            }
        }
    }

    /// Writes out a numbered list item's clause if it has not been yet.
    fn write_item_clause(&mut self) {
        let inline = std::mem::take(&mut self.inline);
        let Some(Frame::Item {
            number: Some(number),
            body,
            written,
        }) = self.stack.last_mut()
        else {
            // An unnumbered item keeps its text in its body.
            if let Some(Frame::Item { body, .. }) = self.stack.last_mut() {
                body.push_str(&inline);
            }
            return;
        };
        body.push_str(&inline);
        if *written {
            return;
        }
        *written = true;
        let markup = clause(number, body);
        self.out.push_str(&markup);
        self.out.push_str("\n\n");
    }

    /// The label of the heading a `#anchor` link points at, numbered in order of the headings
    /// (`<h1>`, `<h2>`, …): isagen's own names, never the heading's text.
    fn run(&mut self, markdown: &str) {
        // The anchors of every heading first, so a link may point forwards.
        let mut count = 0;
        let mut seen = std::collections::HashMap::new();
        let mut in_heading = false;
        let mut heading = String::new();
        for event in Parser::new_ext(markdown, MARKDOWN_OPTIONS) {
            match event {
                Event::Start(Tag::Heading { .. }) => {
                    in_heading = true;
                    heading.clear();
                }
                Event::Text(t) | Event::Code(t) if in_heading => heading.push_str(&t),
                Event::End(TagEnd::Heading(level)) => {
                    in_heading = false;
                    count += 1;
                    // The title and the contents heading are not typeset as headings.
                    if level == HeadingLevel::H1
                        || (level == HeadingLevel::H2 && heading.trim() == "Contents")
                    {
                        continue;
                    }
                    let base = github_anchor(&heading);
                    let n = seen.entry(base.clone()).or_insert(0usize);
                    let anchor = if *n == 0 { base } else { format!("{base}-{n}") };
                    *n += 1;
                    self.anchors.entry(anchor).or_insert(count);
                }
                _ => {}
            }
        }
        for event in Parser::new_ext(markdown, MARKDOWN_OPTIONS) {
            self.event(event);
        }
    }

    fn event(&mut self, event: Event<'_>) {
        let number = if self.heading.is_some() {
            None
        } else {
            self.numbering.event(&event)
        };
        if self.skipping_contents {
            match &event {
                Event::Start(Tag::Heading { level, .. }) if *level == HeadingLevel::H2 => {
                    self.skipping_contents = false;
                }
                _ => return,
            }
        }
        if self.skipping_title {
            match &event {
                Event::Start(Tag::Heading { .. }) => self.skipping_title = false,
                Event::Start(Tag::Table(_)) => self.skipping_title = false,
                _ => return,
            }
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some(level);
                self.heading_text.clear();
                self.inline.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                self.heading = None;
                self.heading_count += 1;
                let inline = std::mem::take(&mut self.inline);
                let heading_text = std::mem::take(&mut self.heading_text);
                let number = self.numbering.heading(level, &heading_text);
                if level == HeadingLevel::H1 {
                    self.skipping_title = true;
                    return;
                }
                if level == HeadingLevel::H2 && heading_text.trim() == "Contents" {
                    self.skipping_contents = true;
                    self.emit(
                        "#outline(title: \"Contents\", depth: 3, indent: auto)\n#pagebreak(weak: true)",
                    );
                    return;
                }
                let (depth, number) = match &number {
                    Some(n) => (n.level + 1, format!("{}#h(0.6em)", text(&n.text))),
                    None => (2, String::new()),
                };
                let markup = format!(
                    "#heading(level: {depth})[{number}{inline}] <h{}>",
                    self.heading_count
                );
                self.emit(&markup);
            }
            Event::Start(Tag::Paragraph) => {
                self.inline.clear();
                self.paragraph = number;
            }
            Event::End(TagEnd::Paragraph) => {
                let inline = std::mem::take(&mut self.inline);
                if let Some(Frame::Item { body, .. }) = self.stack.last_mut() {
                    if !body.is_empty() {
                        body.push_str("#parbreak()");
                    }
                    body.push_str(&inline);
                    return;
                }
                let markup = match self.paragraph.take() {
                    Some(number) => clause(&number, &inline),
                    None => format!("#par[{inline}]"),
                };
                self.emit(&markup);
            }
            Event::Start(Tag::List(_)) => {
                // A tight item's text comes before its nested list without a paragraph.
                if matches!(self.stack.last(), Some(Frame::Item { .. })) {
                    self.write_item_clause();
                }
                self.stack.push(Frame::List(Vec::new()));
            }
            Event::End(TagEnd::List(_)) => {
                if let Some(Frame::List(items)) = self.stack.pop()
                    && !items.is_empty()
                {
                    let items: Vec<String> = items.iter().map(|i| format!("[{i}]")).collect();
                    self.emit(&format!("#list(tight: true, {})", items.join(", ")));
                }
            }
            Event::Start(Tag::Item) => {
                self.inline.clear();
                self.stack.push(Frame::Item {
                    number,
                    body: String::new(),
                    written: false,
                });
            }
            Event::End(TagEnd::Item) => {
                self.write_item_clause();
                if let Some(Frame::Item { number, body, .. }) = self.stack.pop()
                    && number.is_none()
                    && let Some(Frame::List(items)) = self.stack.last_mut()
                {
                    items.push(body);
                }
            }
            Event::Start(Tag::Table(alignments)) => {
                self.table = Some(Table {
                    columns: alignments.len().max(1),
                    header: Vec::new(),
                    rows: Vec::new(),
                    row: Vec::new(),
                    in_header: false,
                    longest: Vec::new(),
                    cell_length: 0,
                });
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = self.table.as_mut() {
                    t.in_header = true;
                    t.row.clear();
                }
            }
            Event::End(TagEnd::TableHead) => {
                if let Some(t) = self.table.as_mut() {
                    t.in_header = false;
                    t.header = std::mem::take(&mut t.row);
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = self.table.as_mut() {
                    t.row.clear();
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let Some(t) = self.table.as_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            Event::Start(Tag::TableCell) => {
                self.inline.clear();
                if let Some(t) = self.table.as_mut() {
                    t.cell_length = 0;
                }
            }
            Event::End(TagEnd::TableCell) => {
                let inline = std::mem::take(&mut self.inline);
                if let Some(t) = self.table.as_mut() {
                    let column = t.row.len();
                    if t.longest.len() <= column {
                        t.longest.resize(column + 1, 0);
                    }
                    t.longest[column] = t.longest[column].max(t.cell_length);
                    t.row.push(inline);
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = self.table.take() {
                    let markup = table(t);
                    self.emit(&markup);
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                self.code = Some((info, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((info, source)) = self.code.take() {
                    let language = info.split_whitespace().next().unwrap_or_default();
                    let markup = if language == "mermaid" {
                        mermaid_block(self.pictures, &self.diagram_alt)
                    } else {
                        Some(format!(
                            "#raw(block: true, {})",
                            typst_string_keeping_lines(&source)
                        ))
                    };
                    if let Some(markup) = markup {
                        self.emit(&markup);
                    }
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                self.image = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Image) => {
                if let Some((name, alt)) = self.image.take() {
                    let markup = match self.pictures.iter().position(|p| p.name == name) {
                        Some(index) => format!(
                            "#box(image({}, alt: {}, width: 100%))",
                            typst_string(&picture_path(index, &name)),
                            typst_string(&alt)
                        ),
                        // A picture the renderer did not pass: its description instead.
                        None => format!("#emph[{}]", text(&alt)),
                    };
                    self.inline.push_str(&markup);
                }
            }
            Event::Text(t) => {
                if let Some((_, source)) = self.code.as_mut() {
                    source.push_str(&t);
                } else if let Some((_, alt)) = self.image.as_mut() {
                    alt.push_str(&t);
                } else {
                    if self.heading.is_some() {
                        self.heading_text.push_str(&t);
                    }
                    if let Some(table) = self.table.as_mut() {
                        table.cell_length += t.chars().count();
                    }
                    self.inline.push_str(&text(&t));
                }
            }
            Event::Code(t) => {
                if self.heading.is_some() {
                    self.heading_text.push_str(&t);
                }
                self.inline
                    .push_str(&format!("#raw({});", typst_string(&t)));
            }
            Event::SoftBreak => self.inline.push_str("#\" \";"),
            Event::HardBreak => self.inline.push_str("#linebreak();"),
            Event::Start(Tag::Strong) => self.inline.push_str("#strong["),
            Event::Start(Tag::Emphasis) => self.inline.push_str("#emph["),
            Event::Start(Tag::Strikethrough) => self.inline.push_str("#strike["),
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough) => {
                self.inline.push(']');
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                let target = match dest_url.strip_prefix('#') {
                    Some(anchor) => match self.anchors.get(anchor) {
                        Some(n) => format!("<h{n}>"),
                        None => typst_string(&dest_url),
                    },
                    None => typst_string(&dest_url),
                };
                self.inline.push_str(&format!("#link({target})["));
            }
            Event::End(TagEnd::Link) => self.inline.push(']'),
            _ => {}
        }
    }
}

/// A clause: its number and body, with a hanging indent for its level.
fn clause(number: &Number, body: &str) -> String {
    format!(
        "#clause({}, {}, [{body}])",
        typst_string(&number.text),
        number.level
    )
}

/// Code as a string literal that keeps its line breaks (`\n`).
fn typst_string_keeping_lines(source: &str) -> String {
    source
        .split('\n')
        .map(typst_string)
        .collect::<Vec<_>>()
        .join(" + \"\\n\" + ")
}

/// A table: the header row repeats on every page the table runs onto; a two-column table's
/// label column is as wide as its labels; a signature row leaves room to sign.
fn table(t: Table) -> String {
    let columns = t
        .rows
        .iter()
        .map(Vec::len)
        .chain([t.header.len(), t.columns])
        .max()
        .unwrap_or(1)
        .max(1);
    // Columns of short values (ids, dates, roles) as wide as their text; the others share the
    // rest of the width by the length of their longest text, so a description column is wide
    // and a label column narrow.
    let widths = if columns == 2 {
        "(auto, 1fr)".to_string()
    } else {
        let widths: Vec<String> = (0..columns)
            .map(|c| match t.longest.get(c).copied().unwrap_or(0) {
                short if short <= 24 => "auto".to_string(),
                // By the square root, so a long column is wider without starving the others.
                long => format!(
                    "{}fr",
                    ((long.min(400) as f64).sqrt() * 10.0).round() as usize
                ),
            })
            .collect();
        format!("({})", widths.join(", "))
    };
    let cell = |markup: &String| format!("[{markup}]");
    let mut header: Vec<String> = t.header.iter().map(cell).collect();
    header.resize(columns, "[]".into());
    let mut body = Vec::new();
    for row in &t.rows {
        let signature = row.first().is_some_and(|c| c == &text("Signature"))
            && row.iter().skip(1).all(String::is_empty);
        for index in 0..columns {
            match row.get(index) {
                Some(c) if !c.is_empty() => body.push(cell(c)),
                _ if signature => body.push("[#v(1.1cm)]".into()),
                _ => body.push("[]".into()),
            }
        }
    }
    format!(
        "#table(columns: {widths}, table.header({}), {})",
        header.join(", "),
        body.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_quotes_and_backslashes_and_drop_controls() {
        assert_eq!(typst_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
        assert_eq!(typst_string("x\u{1b}[31m\u{0}y\nz"), "\"x[31my z\"");
        assert_eq!(
            typst_string("#import \"@preview/x:1.0.0\""),
            "\"#import \\\"@preview/x:1.0.0\\\"\""
        );
    }

    /// Hostile text in every place the Markdown can hold it comes out as text: the markup
    /// compiles and the words are in the document as written.
    #[test]
    fn hostile_text_stays_text() {
        let hostile = [
            "#import \"@preview/cetz:0.3.0\": *",
            "$x^2$ and @label and <label>",
            "= Heading",
            "\\ backslash \\\\ #set page(width: 1cm)",
            "#read(\"/etc/passwd\")",
            "*bold* _emph_ `raw` ] ) } \" ;",
        ];
        for h in hostile {
            let escaped = crate::render::markdown::escape_inline(h);
            let markdown = format!(
                "# T\n\n| Document control | |\n| --- | --- |\n| Ref | {escaped} |\n\n## {escaped}\n\n{escaped}\n\n- {escaped}\n\n[{escaped}](#t)\n"
            );
            let mut translator = Translator::new(&[], String::new());
            translator.run(&markdown);
            let source = format!(
                "#let clause(number, level, body) = [#number #body]\n{}",
                translator.out
            );
            let world = super::super::world::DocumentWorld::new(source.clone(), &[], None);
            let document = typst::compile::<typst::layout::PagedDocument>(&world)
                .output
                .unwrap_or_else(|e| panic!("{h}: {e:?}\n{source}"));
            let mut shown = String::new();
            for page in &document.pages {
                collect_text(&page.frame, &mut shown);
            }
            let squeezed: String = shown.split_whitespace().collect();
            let wanted: String = h.split_whitespace().collect();
            assert!(
                squeezed.matches(&wanted).count() >= 4,
                "{h}: shown as {shown}\n{source}"
            );
        }
    }

    fn collect_text(frame: &typst::layout::Frame, out: &mut String) {
        use typst::layout::FrameItem;
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => collect_text(&group.frame, out),
                FrameItem::Text(t) => {
                    out.push_str(&t.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
}
