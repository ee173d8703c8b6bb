//! The Word document: the rendered Markdown laid out with real styles.
//!
//! The layout is the one partner bodies expect of a document they sign: a title page (title,
//! kind, protective marking, version, owner), the document control table, a table of contents,
//! Word-numbered headings (1, 1.1), tables with shaded header rows that repeat on every page,
//! the protective marking and title in the header of every page, and the version with
//! "Page X of Y" in the footer. Title and subject are set in the file's properties.
//!
//! docx-rs is pinned to an exact version because element ids and packaging change between
//! releases. Two things it cannot express are added to its output: the `tblHeader` flag that
//! repeats a table's header row (header rows carry a marker height that is swapped for the
//! flag), and the file's properties. Its package is then rewritten into schema order,
//! compressed and stripped of unused parts by [`ooxml`].

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, HeightRule,
    Hyperlink, HyperlinkType, IndentLevel, InstrText, Level, LevelJc, LevelText, LineSpacing,
    LineSpacingType, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Paragraph, Pic, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start, Style, StyleType,
    Tab, TabLeaderType, TabValueType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

mod ooxml;

use super::clauses::{self, Number, Numbering as ClauseNumbering};
use super::view::DocumentView;

/// The house style: from `[style]` in `isagen.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseStyle {
    /// The body and heading font.
    pub font: String,
    /// The accent colour for headings and table headers, as six hex digits.
    pub accent: String,
    /// The organisation named on the title page, if set.
    pub organisation: Option<String>,
    /// A PNG logo for the title page, if set.
    pub logo: Option<Logo>,
}

/// A PNG image and its size in pixels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    /// The PNG file's bytes.
    pub png: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Logo {
    /// Reads a PNG's size from its header; `None` if the bytes are not a PNG.
    pub fn from_png(png: Vec<u8>) -> Option<Logo> {
        const SIGNATURE: [u8; 8] = [137, 80, 78, 71, 13, 10, 26, 10];
        if png.len() < 24 || png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
            return None;
        }
        let width = u32::from_be_bytes(png[16..20].try_into().ok()?);
        let height = u32::from_be_bytes(png[20..24].try_into().ok()?);
        (width > 0 && height > 0).then_some(Logo { png, width, height })
    }
}

impl Default for HouseStyle {
    fn default() -> Self {
        HouseStyle {
            font: "Arial".into(),
            accent: "1F4E79".into(),
            organisation: None,
            logo: None,
        }
    }
}

const HEADING_NUMBERING: usize = 2;
const BULLET_NUMBERING: usize = 3;
const ORDERED_NUMBERING: usize = 4;
/// Body text size in half-points (11 pt).
const BODY_SIZE: usize = 22;
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// The text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 11906 - 2 * 1134;

/// The dates a document's file properties carry, from its definition: never the wall clock.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FileDates {
    /// When the document was first written: its earliest version history date, else the
    /// date of this version.
    pub created: Option<time::Date>,
    /// When this version was written: its version history entry's date, else the latest
    /// history date, else the approval date, else the effective date.
    pub modified: Option<time::Date>,
}

impl FileDates {
    /// The dates `control` records; `None` where it records none, so the file says nothing
    /// rather than a date the definition does not give.
    pub fn of(control: &crate::model::DocumentControl) -> FileDates {
        let history = &control.version_history;
        let modified = history
            .iter()
            .filter(|h| h.version == control.version)
            .map(|h| h.date.0)
            .max()
            .or_else(|| history.iter().map(|h| h.date.0).max())
            .or(control.approved.map(|d| d.0))
            .or(control.effective.map(|d| d.0));
        let created = history.iter().map(|h| h.date.0).min().or(modified);
        FileDates { created, modified }
    }
}

/// Builds the DOCX bytes for a document from its rendered Markdown, with no dates in its
/// properties (see [`build_dated`]).
pub fn build(view: &DocumentView, markdown: &str, style: &HouseStyle) -> Vec<u8> {
    build_dated(view, markdown, style, FileDates::default())
}

/// Builds the DOCX bytes for a document from its rendered Markdown, with `dates` as its
/// created and modified properties.
pub fn build_dated(
    view: &DocumentView,
    markdown: &str,
    style: &HouseStyle,
    dates: FileDates,
) -> Vec<u8> {
    // docx-rs numbers paragraphs from a thread-local counter; a fresh thread gives every
    // document the same ids whatever was rendered before it.
    let d = &view.document;
    let properties = ooxml::Properties {
        title: xml_text(&d.title),
        subject: xml_text(&format!("{} {} version {}", d.kind_title, d.id, d.version)),
        marking: xml_text(&d.marking),
        status: xml_text(&d.status),
        identifier: xml_text(&d.id),
        version: xml_text(&d.version),
        created: dates.created,
        modified: dates.modified,
        font: xml_text(&style.font),
    };
    let docx = std::thread::scope(|scope| {
        scope
            .spawn(|| layout(view, markdown, style))
            .join()
            .expect("laying out a document does not panic")
    });
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .expect("writing to memory does not fail");
    ooxml::repackage(&bytes.into_inner(), &properties)
        .unwrap_or_else(|e| panic!("docx-rs wrote a package isagen cannot read back: {e}"))
}

fn layout(view: &DocumentView, markdown: &str, style: &HouseStyle) -> Docx {
    let font = xml_text(&style.font);
    let fonts = RunFonts::new()
        .ascii(&font)
        .hi_ansi(&font)
        .cs(&font)
        .east_asia(&font);
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134)
                .header(567)
                .footer(567),
        )
        .default_fonts(fonts.clone())
        .default_size(BODY_SIZE)
        .default_line_spacing(
            LineSpacing::new()
                .after(120)
                .line(264)
                .line_rule(LineSpacingType::Auto),
        )
        .add_style(heading_style("Heading1", "Heading 1", 32, style, 360))
        .add_style(heading_style("Heading2", "Heading 2", 26, style, 240))
        .add_style(heading_style("Heading3", "Heading 3", 23, style, 200))
        .add_style(toc_style(1))
        .add_style(toc_style(2))
        .add_style(toc_style(3))
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(56)
                .bold()
                .color(&style.accent),
        )
        .add_style(
            Style::new("Subtitle", StyleType::Paragraph)
                .name("Subtitle")
                .size(32)
                .color("404040"),
        )
        .add_abstract_numbering(heading_numbering())
        .add_numbering(Numbering::new(HEADING_NUMBERING, HEADING_NUMBERING))
        .add_abstract_numbering(list_numbering(BULLET_NUMBERING, false))
        .add_numbering(Numbering::new(BULLET_NUMBERING, BULLET_NUMBERING))
        .add_abstract_numbering(list_numbering(ORDERED_NUMBERING, true))
        .add_numbering(Numbering::new(ORDERED_NUMBERING, ORDERED_NUMBERING))
        .header(page_header(view, style))
        .footer(page_footer(view));

    for level in 1..clauses::MAX_LEVELS {
        docx = docx.add_style(clause_style(level));
    }
    for paragraph in title_page(view, style) {
        docx = docx.add_paragraph(paragraph);
    }
    let blocks = markdown_blocks(markdown, style);
    // The contents list shows each heading with the number Word gives it (1, 1.1, 1.1.1),
    // which is the number `clauses` gives it.
    let toc_items: Vec<(usize, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(level, text, number) => Some((*level, format!("{number} {text}"))),
            _ => None,
        })
        .collect();
    let mut heading_index = 0;
    for block in blocks {
        match block {
            Block::Contents => {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .keep_next(true)
                        .add_run(text_run("Contents").bold().size(32).color(&style.accent)),
                );
                for paragraph in contents_field(&toc_items) {
                    docx = docx.add_paragraph(paragraph);
                }
                docx = docx.add_paragraph(page_break());
            }
            Block::Heading(level, text, _) => {
                heading_index += 1;
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .style(&format!("Heading{level}"))
                        .numbering(
                            NumberingId::new(HEADING_NUMBERING),
                            IndentLevel::new(level - 1),
                        )
                        .keep_next(true)
                        .add_bookmark_start(heading_index, bookmark(heading_index))
                        .add_run(text_run(text))
                        .add_bookmark_end(heading_index),
                );
            }
            Block::Paragraph(p) => docx = docx.add_paragraph(*p),
            Block::Table(t) => {
                docx = docx.add_table(*t);
                // Word merges adjacent tables; a paragraph keeps them apart.
                docx = docx.add_paragraph(Paragraph::new());
            }
        }
    }
    docx
}

/// The bookmark on the `n`th heading, which the contents list's page references point at.
fn bookmark(n: usize) -> String {
    format!("_Toc{n:06}")
}

/// A Word table of contents: a `TOC` field whose current result lists every heading as a link
/// to its bookmark with a `PAGEREF` to it, so page numbers are filled in by Word or
/// LibreOffice on layout; the field is marked dirty and the settings ask Word to update
/// fields on opening (`w:updateFields`), so Word fills in the page numbers when it opens the
/// document for editing (Protected View updates nothing until editing is enabled).
fn contents_field(items: &[(usize, String)]) -> Vec<Paragraph> {
    let mut paragraphs = vec![
        Paragraph::new().add_run(
            Run::new()
                .add_field_char(FieldCharType::Begin, true)
                .add_instr_text(InstrText::Unsupported(
                    r#" TOC \o "1-3" \h \z \u "#.to_string(),
                ))
                .add_field_char(FieldCharType::Separate, false),
        ),
    ];
    for (n, (level, text)) in items.iter().enumerate() {
        paragraphs.push(
            Paragraph::new()
                .style(&format!("TOC{level}"))
                .add_tab(
                    Tab::new()
                        .val(TabValueType::Right)
                        .leader(TabLeaderType::Dot)
                        .pos(TEXT_WIDTH),
                )
                .add_hyperlink(
                    Hyperlink::new(bookmark(n + 1), HyperlinkType::Anchor)
                        .add_run(text_run(text))
                        .add_run(Run::new().add_tab())
                        .add_run(
                            Run::new()
                                .add_field_char(FieldCharType::Begin, false)
                                .add_instr_text(InstrText::Unsupported(format!(
                                    " PAGEREF {} \\h ",
                                    bookmark(n + 1)
                                )))
                                .add_field_char(FieldCharType::Separate, false)
                                .add_text("")
                                .add_field_char(FieldCharType::End, false),
                        ),
                ),
        );
    }
    paragraphs.push(Paragraph::new().add_run(Run::new().add_field_char(FieldCharType::End, false)));
    paragraphs
}

fn toc_style(level: usize) -> Style {
    Style::new(format!("TOC{level}"), StyleType::Paragraph)
        .name(format!("toc {level}"))
        .based_on("Normal")
        .next("Normal")
        .indent(Some(((level - 1) * 360) as i32), None, None, None)
        .line_spacing(LineSpacing::new().after(60))
}

/// The paragraph style of clauses at numbering level `level` (1 for 1.1, 2 for 1.1.1, …),
/// linked to the clause numbering: a paragraph a DPO gives this style in Word is numbered in
/// sequence with the rest.
fn clause_style(level: usize) -> Style {
    let number: Vec<&str> = std::iter::repeat_n("1", level + 1).collect();
    let mut style = Style::new(format!("Clause{}", level + 1), StyleType::Paragraph)
        .name(format!("Clause {}", number.join(".")))
        .based_on("Normal")
        .next(format!("Clause{}", level + 1));
    style.paragraph_property = style
        .paragraph_property
        .numbering(NumberingId::new(HEADING_NUMBERING), IndentLevel::new(level));
    style
}

/// Where the number of a clause at `level` starts and how far its text is indented after
/// it, in twentieths of a point (the PDF uses the same: src/render/typeset/markup.rs).
fn clause_indent(level: usize) -> (i32, i32) {
    match level {
        0 | 1 => (0, 709),
        2 => (709, 851),
        deeper => (1560 + (deeper as i32 - 3) * 1021, 1021),
    }
}

fn heading_style(id: &str, name: &str, size: usize, style: &HouseStyle, before: i32) -> Style {
    let level = id
        .trim_start_matches("Heading")
        .parse::<usize>()
        .unwrap_or(1)
        - 1;
    let mut numbered = Style::new(id, StyleType::Paragraph);
    numbered.paragraph_property = numbered
        .paragraph_property
        .numbering(NumberingId::new(HEADING_NUMBERING), IndentLevel::new(level));
    numbered
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .size(size)
        .bold()
        .color(&style.accent)
        .line_spacing(LineSpacing::new().before(before as u32).after(120))
        .outline_lvl(
            id.trim_start_matches("Heading")
                .parse::<usize>()
                .unwrap_or(1)
                - 1,
        )
}

/// The one multilevel numbering of headings and clauses (see [`clauses`]): level 0 is "1."
/// (linked to Heading 1), level 1 "1.1" (Heading 2 and Clause 1.1), level 2 "1.1.1"
/// (Heading 3 and Clause 1.1.1), down to nine levels; a higher level restarts the lower ones.
fn heading_numbering() -> AbstractNumbering {
    let mut numbering = AbstractNumbering::new(HEADING_NUMBERING);
    for level in 0..clauses::MAX_LEVELS {
        let text = if level == 0 {
            "%1.".to_string()
        } else {
            (1..=level + 1)
                .map(|l| format!("%{l}"))
                .collect::<Vec<_>>()
                .join(".")
        };
        let (start, hanging) = clause_indent(level);
        let mut entry = Level::new(
            level,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(start + hanging),
            Some(SpecialIndentType::Hanging(hanging)),
            None,
            None,
        );
        if level < 3 {
            entry = entry.paragraph_style(format!("Heading{}", level + 1));
        }
        numbering = numbering.add_level(entry);
    }
    numbering
}

fn list_numbering(id: usize, ordered: bool) -> AbstractNumbering {
    let mut numbering = AbstractNumbering::new(id);
    for level in 0..3 {
        let (format, text) = if ordered {
            ("decimal", format!("%{}.", level + 1))
        } else {
            ("bullet", ["•", "◦", "▪"][level].to_string())
        };
        numbering = numbering.add_level(
            Level::new(
                level,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(360 * (level as i32 + 1)),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        );
    }
    numbering
}

fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

fn title_page(view: &DocumentView, style: &HouseStyle) -> Vec<Paragraph> {
    let d = &view.document;
    let mut out = Vec::new();
    let mut blank_lines = 7;
    if let Some(logo) = &style.logo {
        // At most 5 cm wide and 2.5 cm high, keeping the aspect ratio (EMU: 360,000 per cm).
        let scale = f64::min(
            1_800_000.0 / logo.width as f64,
            900_000.0 / logo.height as f64,
        );
        let mut pic = Pic::new_with_dimensions(logo.png.clone(), logo.width, logo.height).size(
            (logo.width as f64 * scale) as u32,
            (logo.height as f64 * scale) as u32,
        );
        // docx-rs numbers images from a process-wide counter; a fixed id keeps output identical.
        pic.id = "rIdImage1".into();
        out.push(Paragraph::new().add_run(Run::new().add_image(pic)));
        blank_lines = 5;
    }
    for _ in 0..blank_lines {
        out.push(Paragraph::new());
    }
    if let Some(organisation) = &style.organisation {
        out.push(Paragraph::new().add_run(text_run(organisation).size(28).color("404040")));
    }
    out.push(Paragraph::new().style("Title").add_run(text_run(&d.title)));
    if let Some(subtitle) = &d.subtitle {
        out.push(
            Paragraph::new()
                .style("Subtitle")
                .add_run(text_run(subtitle)),
        );
    }
    out.push(
        Paragraph::new()
            .style("Subtitle")
            .add_run(text_run(&d.kind_title)),
    );
    out.push(Paragraph::new());
    let lines = [
        format!("Version {} ({})", d.version, d.status.to_lowercase()),
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
        out.push(Paragraph::new().add_run(text_run(line).size(24)));
    }
    if let Some(notice) = &d.uncontrolled_copy_notice {
        out.push(Paragraph::new());
        out.push(Paragraph::new().add_run(text_run(notice).bold().size(22)));
    }
    out.push(page_break());
    out
}

fn page_header(view: &DocumentView, style: &HouseStyle) -> Header {
    Header::new()
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(text_run(&view.document.marking).bold().color("C00000")),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(text_run(&view.document.title).size(18).color(&style.accent)),
        )
}

fn page_footer(view: &DocumentView) -> Footer {
    let d = &view.document;
    Footer::new()
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(text_run(format!("{} version {}  |  Page ", d.id, d.version)).size(18))
                .add_page_num(PageNum::new())
                .add_run(text_run(" of ").size(18))
                .add_num_pages(NumPages::new()),
        )
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(text_run(&d.marking).bold().size(18).color("C00000")),
        )
}

/// A piece of the body.
enum Block {
    /// Where the table of contents goes.
    Contents,
    /// A heading: level 1 to 3 (Markdown `##` to `####`, as [`clauses`] levels them), its
    /// text and its number.
    Heading(usize, String, String),
    /// A paragraph or list item.
    Paragraph(Box<Paragraph>),
    /// A table.
    Table(Box<Table>),
}

#[derive(Default)]
struct InlineStyle {
    bold: bool,
    italic: bool,
    code: bool,
}

/// Parses the Markdown into blocks, skipping what the title page replaces: the `#` title, the
/// marking line under it, and the `## Contents` list (replaced by a Word table of contents).
fn markdown_blocks(markdown: &str, style: &HouseStyle) -> Vec<Block> {
    let mut blocks = Vec::new();
    let options = clauses::MARKDOWN_OPTIONS;
    let mut numbering = ClauseNumbering::new();
    // The number of the paragraph being read, and of each open list item (until its first
    // paragraph takes it).
    let mut paragraph_number: Option<Number> = None;
    let mut item_numbers: Vec<Option<Number>> = Vec::new();
    let mut inline = InlineStyle::default();
    let mut runs: Vec<Run> = Vec::new();
    let mut text_buffer = String::new();
    let mut in_heading: Option<usize> = None;
    let mut skipping_title = false;
    let mut skipping_contents = false;
    let mut seen_heading = false;
    let mut list_stack: Vec<bool> = Vec::new();
    // For each open list, whether its items are numbered clauses.
    let mut numbered_lists: Vec<bool> = Vec::new();
    let mut table: Option<TableBuilder> = None;

    let flush_text = |runs: &mut Vec<Run>, buffer: &mut String, inline: &InlineStyle| {
        if buffer.is_empty() {
            return;
        }
        let mut run = text_run(buffer.as_str());
        if inline.bold {
            run = run.bold();
        }
        if inline.italic {
            run = run.italic();
        }
        if inline.code {
            run = run.fonts(RunFonts::new().ascii("Consolas").hi_ansi("Consolas"));
        }
        runs.push(run);
        buffer.clear();
    };

    for event in Parser::new_ext(markdown, options) {
        let number = if in_heading.is_some() {
            None
        } else {
            numbering.event(&event)
        };
        if skipping_contents {
            match &event {
                Event::Start(Tag::Heading { level, .. }) if *level == HeadingLevel::H2 => {
                    skipping_contents = false;
                }
                _ => continue,
            }
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if level == HeadingLevel::H1 {
                    skipping_title = true;
                    continue;
                }
                in_heading = Some(match level {
                    HeadingLevel::H2 => 1,
                    HeadingLevel::H3 => 2,
                    _ => 3,
                });
                text_buffer.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                if level == HeadingLevel::H1 {
                    numbering.heading(level, "");
                    continue;
                }
                let text = std::mem::take(&mut text_buffer);
                in_heading = None;
                let Some(number) = numbering.heading(level, &text) else {
                    // The contents heading.
                    skipping_contents = true;
                    blocks.push(Block::Contents);
                    continue;
                };
                seen_heading = true;
                skipping_title = false;
                blocks.push(Block::Heading(
                    number.level + 1,
                    text.trim().to_string(),
                    number.text,
                ));
            }
            Event::Text(text) | Event::Code(text) if in_heading.is_some() => {
                text_buffer.push_str(&text);
            }
            _ if skipping_title && in_heading.is_none() => {
                // The title page replaces the `#` title and the marking under it, but the
                // document control table that follows is kept.
                if let Event::Start(Tag::Table(_)) = event {
                    skipping_title = false;
                    table = Some(TableBuilder::new(style));
                }
            }
            Event::Start(Tag::Paragraph) => {
                runs.clear();
                text_buffer.clear();
                paragraph_number = number;
            }
            Event::End(TagEnd::Paragraph) => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                if let Some(t) = table.as_mut() {
                    t.add_runs(std::mem::take(&mut runs));
                    continue;
                }
                let mut paragraph = Paragraph::new();
                let clause = match item_numbers.last_mut() {
                    Some(item) => item.take(),
                    None => paragraph_number.take(),
                };
                if let Some(number) = clause {
                    paragraph = clause_paragraph(&number);
                } else if numbered_lists.last() == Some(&true) {
                    // A numbered item's further paragraphs continue its clause.
                } else if let Some(&ordered) = list_stack.last() {
                    let id = if ordered {
                        ORDERED_NUMBERING
                    } else {
                        BULLET_NUMBERING
                    };
                    paragraph = paragraph.numbering(
                        NumberingId::new(id),
                        IndentLevel::new(list_stack.len().min(3) - 1),
                    );
                }
                for run in runs.drain(..) {
                    paragraph = paragraph.add_run(run);
                }
                blocks.push(Block::Paragraph(Box::new(paragraph)));
            }
            Event::Start(Tag::List(start)) => {
                // A tight item's own text comes before its nested list.
                flush_text(&mut runs, &mut text_buffer, &inline);
                if !runs.is_empty() && !item_numbers.is_empty() {
                    let number = item_numbers.last_mut().and_then(Option::take);
                    blocks.push(Block::Paragraph(Box::new(item_paragraph(
                        number,
                        &list_stack,
                        std::mem::take(&mut runs),
                    ))));
                }
                list_stack.push(start.is_some());
                numbered_lists.push(false);
            }
            Event::End(TagEnd::List(_)) => {
                list_stack.pop();
                numbered_lists.pop();
            }
            Event::Start(Tag::Item) => {
                runs.clear();
                text_buffer.clear();
                if number.is_some()
                    && let Some(numbered) = numbered_lists.last_mut()
                {
                    *numbered = true;
                }
                item_numbers.push(number);
            }
            Event::End(TagEnd::Item) => {
                // Tight list items carry their text without a paragraph.
                flush_text(&mut runs, &mut text_buffer, &inline);
                let number = item_numbers.pop().flatten();
                if !runs.is_empty() {
                    blocks.push(Block::Paragraph(Box::new(item_paragraph(
                        number,
                        &list_stack,
                        std::mem::take(&mut runs),
                    ))));
                }
            }
            Event::Start(Tag::Strong) => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                inline.bold = true;
            }
            Event::End(TagEnd::Strong) => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                inline.bold = false;
            }
            Event::Start(Tag::Emphasis) => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                inline.italic = true;
            }
            Event::End(TagEnd::Emphasis) => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                inline.italic = false;
            }
            Event::Code(text) => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                inline.code = true;
                text_buffer.push_str(&text);
                flush_text(&mut runs, &mut text_buffer, &inline);
                inline.code = false;
            }
            Event::Text(text) => text_buffer.push_str(&text),
            Event::SoftBreak => text_buffer.push(' '),
            Event::HardBreak => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                runs.push(Run::new().add_break(BreakType::TextWrapping));
            }
            Event::Start(Tag::Table(_)) => table = Some(TableBuilder::new(style)),
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    blocks.push(Block::Table(Box::new(t.finish())));
                }
            }
            Event::Start(Tag::TableHead) => {
                if let Some(t) = table.as_mut() {
                    t.start_row(true);
                }
            }
            Event::Start(Tag::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.start_row(false);
                }
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.end_row();
                }
            }
            Event::Start(Tag::TableCell) => {
                runs.clear();
                text_buffer.clear();
            }
            Event::End(TagEnd::TableCell) => {
                flush_text(&mut runs, &mut text_buffer, &inline);
                if let Some(t) = table.as_mut() {
                    t.add_runs(std::mem::take(&mut runs));
                    t.end_cell();
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {}
        }
    }
    let _ = seen_heading;
    blocks
}

/// A paragraph in the clause style of `number`'s level, numbered by Word.
fn clause_paragraph(number: &Number) -> Paragraph {
    Paragraph::new()
        .style(&format!("Clause{}", number.level + 1))
        .numbering(
            NumberingId::new(HEADING_NUMBERING),
            IndentLevel::new(number.level),
        )
}

/// A list item's paragraph: a numbered clause when `number` is given, else a bullet or list
/// number.
fn item_paragraph(number: Option<Number>, list_stack: &[bool], runs: Vec<Run>) -> Paragraph {
    let mut paragraph = match number {
        Some(number) => clause_paragraph(&number),
        None => {
            let ordered = list_stack.last().copied().unwrap_or(false);
            let id = if ordered {
                ORDERED_NUMBERING
            } else {
                BULLET_NUMBERING
            };
            Paragraph::new().numbering(
                NumberingId::new(id),
                IndentLevel::new(list_stack.len().clamp(1, 3) - 1),
            )
        }
    };
    for run in runs {
        paragraph = paragraph.add_run(run);
    }
    paragraph
}

/// Collects a Markdown table into a Word table.
struct TableBuilder {
    accent: String,
    rows: Vec<(bool, Vec<Vec<Run>>)>,
    current: Vec<Vec<Run>>,
    cell: Vec<Run>,
    header: bool,
}

impl TableBuilder {
    fn new(style: &HouseStyle) -> Self {
        TableBuilder {
            accent: style.accent.clone(),
            rows: Vec::new(),
            current: Vec::new(),
            cell: Vec::new(),
            header: false,
        }
    }

    fn start_row(&mut self, header: bool) {
        self.current.clear();
        self.header = header;
    }

    fn add_runs(&mut self, runs: Vec<Run>) {
        self.cell.extend(runs);
    }

    fn end_cell(&mut self) {
        self.current.push(std::mem::take(&mut self.cell));
    }

    fn end_row(&mut self) {
        if !self.current.is_empty() {
            self.rows
                .push((self.header, std::mem::take(&mut self.current)));
        }
    }

    fn finish(self) -> Table {
        let columns = self
            .rows
            .iter()
            .map(|(_, cells)| cells.len())
            .max()
            .unwrap_or(1)
            .max(1);
        let width = TEXT_WIDTH / columns;
        let signature_table = self
            .rows
            .iter()
            .any(|(_, cells)| cells.first().is_some_and(|c| runs_text(c) == "Signature"));
        // Short tables (key-value blocks, signature blocks) stay on one page; long ones may
        // break between rows, with the header row repeated.
        let keep_together = self.rows.len() <= 12;
        let last = self.rows.len().saturating_sub(1);
        let rows = self
            .rows
            .into_iter()
            .enumerate()
            .map(|(row_index, (header, cells))| {
                let label = cells.first().map(|c| runs_text(c)).unwrap_or_default();
                let mut row_cells = Vec::with_capacity(columns);
                for index in 0..columns {
                    let runs = cells.get(index).cloned().unwrap_or_default();
                    let mut paragraph = Paragraph::new().line_spacing(LineSpacing::new().after(0));
                    if keep_together && row_index < last {
                        paragraph = paragraph.keep_next(true);
                    }
                    for run in runs {
                        paragraph = paragraph.add_run(if header {
                            run.bold().color("FFFFFF")
                        } else {
                            run
                        });
                    }
                    // Every table cell must end in a paragraph, even an empty one.
                    let mut cell = TableCell::new()
                        .add_paragraph(paragraph)
                        .width(width, WidthType::Dxa);
                    if header {
                        cell = cell.shading(
                            Shading::new()
                                .shd_type(ShdType::Clear)
                                .fill(&self.accent)
                                .color("auto"),
                        );
                    }
                    row_cells.push(cell);
                }
                let mut row = TableRow::new(row_cells).cant_split();
                if header {
                    row = row
                        .row_height(HEADER_ROW_MARK)
                        .height_rule(HeightRule::Auto);
                } else if signature_table && label == "Signature" {
                    row = row.row_height(900.0);
                }
                row
            })
            .collect();
        Table::new(rows)
            .set_grid(vec![width; columns])
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }
}

fn runs_text(runs: &[Run]) -> String {
    // Read the text back from the run's JSON form, which docx-rs keeps stable.
    runs.iter()
        .filter_map(|r| serde_json::to_value(r).ok())
        .flat_map(|v| {
            v["children"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|c| c["data"]["text"].as_str().map(str::to_string))
        })
        .collect::<String>()
}

/// A run of `text`: the one place where text enters the Word document (body, tables, contents,
/// headers, footers, title page), so every string is cleaned by [`xml_text`] whatever it came
/// from: a definition, a template (built-in or a user's), the house style or isagen itself.
fn text_run(text: impl AsRef<str>) -> Run {
    Run::new().add_text(xml_text(text.as_ref()))
}

/// `text` without the characters XML 1.0 forbids (section 2.2: C0 controls other than tab,
/// line feed and carriage return, U+FFFE and U+FFFF), which would make the part unreadable to
/// Word and LibreOffice, nor other control characters (carriage return and C1 controls such as
/// CSI), which have no meaning in a document. Tab and line feed stay. docx-rs escapes `&`, `<`
/// and `>` itself.
fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            (!c.is_control() || c == '\n' || c == '\t') && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect()
}

/// The row height that marks a header row for [`mark_header_rows`]: one twentieth of a point
/// with the "auto" rule, which no other row uses and which has no visible effect.
const HEADER_ROW_MARK: f32 = 1.0;

/// Replaces each header row's marker height with `<w:tblHeader/>`, which repeats the row at
/// the top of every page the table runs onto (docx-rs cannot write it).
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    text.replace(
        r#"<w:trHeight w:val="1" w:hRule="auto" />"#,
        "<w:tblHeader />",
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_removes_what_xml_forbids() {
        assert_eq!(
            xml_text("a\u{1}b\u{1B}[31mc\u{0}\r\u{FFFE}\u{FFFF}\u{9B}d\te\nf"),
            "ab[31mcd\te\nf"
        );
    }

    /// Every run of text is made by [`text_run`], so no string reaches the XML uncleaned.
    #[test]
    fn text_enters_the_document_only_through_text_run() {
        let source = include_str!("docx.rs");
        let add_text = concat!(".add", "_text(");
        let constant_empty = concat!(".add", "_text(\"\")");
        let uses = source.matches(add_text).count();
        let empty = source.matches(constant_empty).count();
        assert_eq!(
            uses - empty,
            1,
            "only text_run may call add_text with a non-constant string"
        );
    }
}
