//! Legal clause numbering (1, 1.1, 1.1.1), the same in the Markdown, the Word document and
//! the PDF, so a clause can be cited the same way in all three.
//!
//! One numbering runs through the whole document:
//!
//! - **Section headings** (`##`) are 1., 2., 3.; sub-headings (`###`, `####`) take the next
//!   level under their section (4.1, 4.1.1). A heading that skips a level is numbered as if it
//!   did not.
//! - **Body clauses** are numbered one level below the heading they sit under: each paragraph
//!   and each list item (4.1, 4.2 under section 4; 4.1.1 under sub-heading 4.1). A list that
//!   follows a paragraph ending in a colon ("Technical measures:") is a list of sub-clauses of
//!   that paragraph (4.2.1, 4.2.2), as is a list nested in a list item. A list item's further
//!   paragraphs continue its clause and are not numbered.
//! - **Not clauses**: the title and marking, the document control block, the contents, every
//!   table (and text in table cells), code blocks and pictures, and everything after the
//!   marker `<!-- clauses: end -->` (the built-in templates put it before the version history,
//!   so the version history, the signature blocks and the appendices are schedules, not
//!   clauses). Headings after the marker keep their numbers, so the contents still runs 1, 2,
//!   3 to the end.
//!
//! [`Numbering`] reads the pulldown-cmark events of the un-numbered Markdown that every writer
//! parses; each writer feeds it the same events in the same order, so each gets the same
//! numbers. The Markdown output carries them as text ([`number_markdown`]); the Word document
//! carries them as Word numbering on the heading and clause styles; the PDF as text.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The marker after which paragraphs are no longer numbered clauses.
pub const END_MARKER: &str = "<!-- clauses: end -->";

/// The Markdown extensions every writer parses the rendered Markdown with.
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// The most levels a number has (Word's multilevel lists have nine).
pub const MAX_LEVELS: usize = 9;

/// A number given to a heading or a clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number {
    /// The level, from 0 (a section: "4.") to [`MAX_LEVELS`] - 1.
    pub level: usize,
    /// The number as printed: "4." for a section, "4.1", "4.1.2" below.
    pub text: String,
}

/// The numbering state while a document's Markdown events are read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    counters: [usize; MAX_LEVELS],
    /// The level of the current heading, `None` before the first numbered heading.
    heading: Option<usize>,
    /// In the contents section (not numbered) or after the end marker.
    in_contents: bool,
    ended: bool,
    in_title: bool,
    /// Inside a table: nothing there is a clause.
    in_table: bool,
    /// For each open list, the depth of its items below the heading (0 = one level down).
    lists: Vec<usize>,
    /// For each open list item, whether its first paragraph has been seen.
    items: Vec<bool>,
    /// The depth of the paragraph being read, if it is a numbered clause outside a list.
    paragraph_depth: Option<usize>,
    paragraph_text: String,
    in_paragraph: bool,
    /// The last block outside a list was a numbered paragraph ending in a colon, at this depth.
    lead_in: Option<usize>,
}

impl Numbering {
    /// A numbering at the start of a document.
    pub fn new() -> Numbering {
        Numbering::default()
    }

    /// The number a heading of Markdown level `level` (2 for `##`) with text `text` gets, as
    /// read at its end; `None` for the title (`#`) and the contents heading.
    pub fn heading(&mut self, level: HeadingLevel, text: &str) -> Option<Number> {
        self.lead_in = None;
        let wanted = match level {
            HeadingLevel::H1 => {
                self.in_title = true;
                return None;
            }
            HeadingLevel::H2 => 0,
            HeadingLevel::H3 => 1,
            _ => 2,
        };
        self.in_title = false;
        if wanted == 0 && text.trim() == "Contents" {
            self.in_contents = true;
            return None;
        }
        self.in_contents = false;
        let level = match self.heading {
            None => 0,
            Some(current) => wanted.min(current + 1),
        };
        self.heading = Some(level);
        Some(self.step(level))
    }

    /// Feeds one event; returns the number of the clause it starts, if it starts one
    /// (a paragraph outside a list, or a list item). Headings are numbered by
    /// [`Numbering::heading`], which the caller calls with the heading's text at its end.
    pub fn event(&mut self, event: &Event<'_>) -> Option<Number> {
        match event {
            Event::Html(html) if html.contains(END_MARKER) => {
                self.ended = true;
                None
            }
            Event::Start(Tag::Table(_)) => {
                self.in_table = true;
                self.lead_in = None;
                None
            }
            Event::End(TagEnd::Table) => {
                self.in_table = false;
                None
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::BlockQuote(_)) => {
                self.lead_in = None;
                None
            }
            Event::Start(Tag::List(_)) => {
                let depth = match (self.lists.last(), self.items.is_empty()) {
                    (Some(&parent), false) => parent + 1,
                    _ => self.lead_in.map_or(0, |d| d + 1),
                };
                self.lead_in = None;
                self.lists.push(depth);
                None
            }
            Event::End(TagEnd::List(_)) => {
                self.lists.pop();
                None
            }
            Event::Start(Tag::Item) => {
                self.items.push(false);
                let depth = self.lists.last().copied().unwrap_or(0);
                self.clause(depth)
            }
            Event::End(TagEnd::Item) => {
                self.items.pop();
                None
            }
            Event::Start(Tag::Paragraph) => {
                self.in_paragraph = true;
                self.paragraph_text.clear();
                if let Some(first) = self.items.last_mut() {
                    // An item's paragraphs belong to the item's clause.
                    *first = true;
                    self.paragraph_depth = None;
                    return None;
                }
                self.lead_in = None;
                let number = self.clause(0);
                self.paragraph_depth = number.as_ref().map(|_| 0);
                number
            }
            Event::End(TagEnd::Paragraph) => {
                self.in_paragraph = false;
                if self.items.is_empty() {
                    self.lead_in = self
                        .paragraph_depth
                        .filter(|_| self.paragraph_text.trim_end().ends_with(':'));
                }
                None
            }
            Event::Text(text) | Event::Code(text) if self.in_paragraph => {
                self.paragraph_text.push_str(text);
                None
            }
            _ => None,
        }
    }

    /// The number of a clause at `depth` below the current heading, if clauses are numbered
    /// here.
    fn clause(&mut self, depth: usize) -> Option<Number> {
        let heading = self.heading?;
        if self.in_table || self.in_contents || self.ended || self.in_title {
            return None;
        }
        Some(self.step((heading + 1 + depth).min(MAX_LEVELS - 1)))
    }

    fn step(&mut self, level: usize) -> Number {
        self.counters[level] += 1;
        self.counters[level + 1..].iter_mut().for_each(|c| *c = 0);
        let parts: Vec<String> = self.counters[..=level]
            .iter()
            .map(|c| c.max(&1).to_string())
            .collect();
        let text = if level == 0 {
            format!("{}.", parts[0])
        } else {
            parts.join(".")
        };
        Number { level, text }
    }
}

/// The text of a heading: its text and code events, as the writers read it.
fn heading_text(events: &[(Event<'_>, std::ops::Range<usize>)]) -> String {
    events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A heading being read: its level, where it starts, and its events with their ranges.
type OpenHeading<'a> = (
    HeadingLevel,
    usize,
    Vec<(Event<'a>, std::ops::Range<usize>)>,
);

/// `markdown` with every heading's and clause's number written into it: "## 4. Security",
/// "4.1 The MASH case system …", "- 4.2.1 Access is logged …".
pub fn number_markdown(markdown: &str) -> String {
    let mut numbering = Numbering::new();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let mut heading: Option<OpenHeading<'_>> = None;
    for (event, range) in Parser::new_ext(markdown, MARKDOWN_OPTIONS).into_offset_iter() {
        if heading.is_some() {
            if let Event::End(TagEnd::Heading(level)) = event {
                let (_, start, events) = heading.take().unwrap_or((level, 0, Vec::new()));
                if let Some(number) = numbering.heading(level, &heading_text(&events)) {
                    // After the `#`s and the space that follows them.
                    let rest = &markdown[start..];
                    let hashes = rest.len() - rest.trim_start_matches('#').len();
                    let spaces = rest[hashes..].len() - rest[hashes..].trim_start().len();
                    inserts.push((start + hashes + spaces, format!("{} ", number.text)));
                }
            } else if let Some((_, _, events)) = heading.as_mut() {
                events.push((event, range));
            }
            continue;
        }
        if let Event::Start(Tag::Heading { level, .. }) = event {
            heading = Some((level, range.start, Vec::new()));
            continue;
        }
        let Some(number) = numbering.event(&event) else {
            continue;
        };
        let at = match event {
            Event::Start(Tag::Item) => {
                let rest = &markdown[range.start..];
                let marker = rest
                    .char_indices()
                    .find(|(_, c)| {
                        !(c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')'))
                    })
                    .map_or(rest.len(), |(i, _)| i);
                let spaces = rest[marker..].len() - rest[marker..].trim_start_matches(' ').len();
                range.start + marker + spaces
            }
            _ => range.start,
        };
        inserts.push((at, format!("{} ", number.text)));
    }
    let mut out = String::with_capacity(markdown.len() + inserts.len() * 8);
    let mut last = 0;
    for (at, text) in inserts {
        out.push_str(&markdown[last..at]);
        out.push_str(&text);
        last = at;
    }
    out.push_str(&markdown[last..]);
    out
}

/// [`number_markdown`], with the contents list (`## Contents`, made by the Markdown renderer)
/// listing the numbered headings, each linked to its new anchor.
pub fn number_markdown_document(markdown: &str) -> String {
    let numbered = number_markdown(markdown);
    let lines: Vec<&str> = numbered.lines().collect();
    let Some(start) = lines.iter().position(|l| *l == "## Contents") else {
        return numbered;
    };
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.starts_with("## "))
        .map_or(lines.len(), |i| start + 1 + i);
    let mut seen = std::collections::HashMap::new();
    let mut items = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(heading) = line.strip_prefix("## ") else {
            continue;
        };
        let base = super::markdown::github_anchor(heading);
        let count = seen.entry(base.clone()).or_insert(0usize);
        let anchor = if *count == 0 {
            base
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        if index != start {
            items.push(format!("- [{}](#{anchor})", heading.trim()));
        }
    }
    let mut out: Vec<String> = lines[..=start].iter().map(|l| l.to_string()).collect();
    out.push(String::new());
    out.extend(items);
    out.push(String::new());
    out.extend(lines[end..].iter().map(|l| l.to_string()));
    let mut text = out.join("\n");
    if numbered.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# Title\n\n**MARKING**\n\n| a | b |\n| --- | --- |\n| c | d |\n\n## Contents\n\n- [Intro](#intro)\n\n## Intro\n\nFirst clause.\n\nMeasures:\n\n- one\n- two\n  - two a\n\n### Sub\n\nUnder the sub-heading.\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n\n## Second\n\n- item\n\n<!-- clauses: end -->\n\n## Signatures\n\nNot a clause.\n";

    #[test]
    fn sections_clauses_and_sub_clauses_are_numbered() {
        let numbered = number_markdown(SAMPLE);
        let expected = "# Title\n\n**MARKING**\n\n| a | b |\n| --- | --- |\n| c | d |\n\n## Contents\n\n- [Intro](#intro)\n\n## 1. Intro\n\n1.1 First clause.\n\n1.2 Measures:\n\n- 1.2.1 one\n- 1.2.2 two\n  - 1.2.2.1 two a\n\n### 1.3 Sub\n\n1.3.1 Under the sub-heading.\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n\n## 2. Second\n\n- 2.1 item\n\n<!-- clauses: end -->\n\n## 3. Signatures\n\nNot a clause.\n";
        assert_eq!(numbered, expected);
    }

    #[test]
    fn a_skipped_heading_level_is_not_a_gap() {
        let numbered = number_markdown("## One\n\n#### Deep\n\nText.\n");
        assert_eq!(numbered, "## 1. One\n\n#### 1.1 Deep\n\n1.1.1 Text.\n");
    }
}
