//! The Word document: the rendered Markdown laid out with real styles.
//!
//! The layout is the one partner bodies expect of a document they sign: a title page (title,
//! kind, the parties, version, owner, reference), the document control table, a table of
//! contents followed by the body (no forced page break, so no near-empty page), Word-numbered
//! headings (1, 1.1) kept with the paragraph after them, tables in one named table style
//! ("Isagen Table") with header rows that repeat on every page, columns sized from their
//! content ([`column_widths`]) and rows that may break across pages, the data flow diagram as
//! a picture with alt text, the protective marking in the header of every page, and the title,
//! version and "Page X of Y" in the footer. Title and subject are set in the file's properties.
//!
//! docx-rs is pinned to an exact version because element ids and packaging change between
//! releases. What it cannot express is added to its output: the `tblHeader` flag that repeats
//! a table's header row (header rows carry a marker height that is swapped for the flag), the
//! table style and its `tblLook`, the diagram's alt text, and the file's properties. Its
//! package is then rewritten into schema order, compressed and stripped of unused parts by
//! [`ooxml`].

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, HeightRule,
    Hyperlink, HyperlinkType, IndentLevel, InstrText, Level, LevelJc, LevelText, LineSpacing,
    LineSpacingType, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum,
    Paragraph, Pic, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, Tab, TabLeaderType,
    TabValueType, Table, TableCell, TableLayoutType, TableRow, WidthType,
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
            .filter(|h| control.version() == Some(h.version.as_str()))
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
        subject: xml_text(&if d.version_stated {
            format!("{} {} version {}", d.kind_title, d.id, d.version)
        } else {
            format!("{} {}", d.kind_title, d.id)
        }),
        marking: xml_text(&d.marking),
        status: xml_text(&d.status),
        identifier: xml_text(&d.id),
        version: xml_text(if d.version_stated { &d.version } else { "" }),
        created: dates.created,
        modified: dates.modified,
        font: xml_text(&style.font),
    };
    let docx = std::thread::scope(|scope| {
        // The diagram is drawn while the text is laid out: it is half of a render's work.
        let diagram = scope.spawn(|| super::diagram::flow_diagram_png(view, DIAGRAM_SCALE));
        let diagram = || diagram.join().expect("drawing the diagram does not panic");
        scope
            .spawn(|| layout(view, markdown, style, diagram))
            .join()
            .expect("laying out a document does not panic")
    });
    let mut xml = docx.build();
    xml.document = mark_header_rows(&xml.document);
    xml.document = describe_diagram(&xml.document, &super::diagram::alt_text(view));
    xml.styles = add_table_style(&xml.styles, &style.accent);
    let mut bytes = std::io::Cursor::new(Vec::new());
    xml.pack(&mut bytes)
        .expect("writing to memory does not fail");
    ooxml::repackage(&bytes.into_inner(), &properties)
        .unwrap_or_else(|e| panic!("docx-rs wrote a package isagen cannot read back: {e}"))
}

/// Lays the document out; `diagram` gives the flow diagram's PNG (drawn elsewhere) when the
/// layout reaches it.
fn layout(
    view: &DocumentView,
    markdown: &str,
    style: &HouseStyle,
    diagram: impl FnOnce() -> Option<super::diagram::Png>,
) -> Docx {
    let mut diagram = Some(diagram);
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
        .header(page_header(view))
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
    // Space above what follows a table comes from that paragraph, not from an empty one.
    let mut after_table = false;
    let last_is_table = matches!(blocks.last(), Some(Block::Table(_)));
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        if after_table && matches!(block, Block::Table(_)) {
            // Word merges adjacent tables; only a paragraph keeps them apart.
            docx = docx.add_paragraph(Paragraph::new());
        }
        match block {
            Block::Contents => {
                docx = docx.add_paragraph(
                    Paragraph::new()
                        .keep_next(true)
                        .line_spacing(LineSpacing::new().before(360))
                        .add_run(text_run("Contents").bold().size(32).color(&style.accent)),
                );
                for paragraph in contents_field(&toc_items) {
                    docx = docx.add_paragraph(paragraph);
                }
                // No page break after the contents: the body follows on the same page, so a
                // contents list that runs a few lines onto a page leaves no near-empty page.
                after_table = false;
            }
            Block::Heading(level, text, _) => {
                heading_index += 1;
                let mut heading = Paragraph::new()
                    .style(&format!("Heading{level}"))
                    .numbering(
                        NumberingId::new(HEADING_NUMBERING),
                        IndentLevel::new(level - 1),
                    );
                // A heading stays with the paragraph after it. Not with a table: LibreOffice
                // then keeps the heading with the whole table and leaves a near-empty page
                // where the table splits (seen in the joint controller agreement example).
                if !matches!(blocks.peek(), Some(Block::Table(_))) {
                    heading = heading.keep_next(true);
                }
                docx = docx.add_paragraph(
                    heading
                        .add_bookmark_start(heading_index, bookmark(heading_index))
                        .add_run(text_run(text))
                        .add_bookmark_end(heading_index),
                );
                after_table = false;
            }
            Block::Paragraph(p) => {
                let p = if after_table {
                    p.line_spacing(LineSpacing::new().before(160))
                } else {
                    *p
                };
                docx = docx.add_paragraph(p);
                after_table = false;
            }
            Block::Table(t) => {
                docx = docx.add_table(*t);
                after_table = true;
            }
            Block::Diagram => {
                if let Some(picture) = diagram.take().and_then(|draw| draw()).map(diagram_picture) {
                    docx = docx.add_paragraph(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .line_spacing(LineSpacing::new().before(120).after(240))
                            .add_run(Run::new().add_image(picture)),
                    );
                }
                after_table = false;
            }
        }
    }
    if last_is_table {
        // The body ends in a paragraph, as Word does: one point high, so it never runs onto a
        // page of its own after a table that fills the last page.
        docx = docx.add_paragraph(
            Paragraph::new().line_spacing(
                LineSpacing::new()
                    .before(0)
                    .after(0)
                    .line(20)
                    .line_rule(LineSpacingType::Exact),
            ),
        );
    }
    docx
}

/// The table style every table uses, "Isagen Table": thin grey rules, cell padding, and a
/// header row shaded in the accent colour with bold white text. Tables carry no direct
/// formatting beyond their column widths, so restyling this one style in Word (Table Design)
/// restyles every table. docx-rs cannot write table styles, so it is added to its styles part.
fn add_table_style(styles: &[u8], accent: &str) -> Vec<u8> {
    let accent = xml_text(accent);
    let accent: String = accent.chars().filter(char::is_ascii_hexdigit).collect();
    let rule = r#"w:val="single" w:sz="4" w:space="0" w:color="A6A6A6""#;
    let style = format!(
        concat!(
            r#"<w:style w:type="table" w:customStyle="1" w:styleId="{id}">"#,
            r#"<w:name w:val="Isagen Table" /><w:uiPriority w:val="59" /><w:qFormat />"#,
            r#"<w:pPr><w:spacing w:before="0" w:after="0" /></w:pPr>"#,
            r#"<w:tblPr><w:tblBorders><w:top {rule} /><w:left {rule} /><w:bottom {rule} />"#,
            r#"<w:right {rule} /><w:insideH {rule} /><w:insideV {rule} /></w:tblBorders>"#,
            r#"<w:tblCellMar><w:top w:w="{v}" w:type="dxa" /><w:left w:w="{h}" w:type="dxa" />"#,
            r#"<w:bottom w:w="{v}" w:type="dxa" /><w:right w:w="{h}" w:type="dxa" />"#,
            r#"</w:tblCellMar></w:tblPr>"#,
            r#"<w:tblStylePr w:type="firstRow"><w:rPr><w:b /><w:color w:val="FFFFFF" /></w:rPr>"#,
            r#"<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{accent}" /></w:tcPr>"#,
            r#"</w:tblStylePr></w:style>"#
        ),
        id = TABLE_STYLE,
        rule = rule,
        v = CELL_PADDING.0,
        h = CELL_PADDING.1,
        accent = accent,
    );
    let text = String::from_utf8_lossy(styles);
    match text.rfind("</w:styles>") {
        Some(end) => format!("{}{style}{}", &text[..end], &text[end..]).into_bytes(),
        None => styles.to_vec(),
    }
}

/// The id of the table style ([`add_table_style`]).
const TABLE_STYLE: &str = "IsagenTable";
/// Cell padding, top and bottom then left and right, in twentieths of a point (1 mm, 1.5 mm).
const CELL_PADDING: (usize, usize) = (57, 85);

/// The relationship id of the diagram's image (fixed, as the logo's, for identical output).
const DIAGRAM_IMAGE: &str = "rIdDiagram1";

/// Pixels per SVG pixel in the diagram's PNG: about 200 dots per inch at the size it is shown.
const DIAGRAM_SCALE: f32 = 1.5;

/// The data flow diagram's PNG as a picture the width of the text (at most 20 cm high),
/// sharp enough for print.
fn diagram_picture(png: super::diagram::Png) -> Pic {
    const EMU_PER_TWIP: f64 = 635.0;
    let max_width = TEXT_WIDTH as f64 * EMU_PER_TWIP;
    let max_height = 7_200_000.0;
    // One SVG pixel is shown as three quarters of a point at most.
    let natural = (png.width as f64 / DIAGRAM_SCALE as f64) * 0.75 * 12_700.0;
    let scale = f64::min(
        f64::min(max_width, natural) / png.width as f64,
        max_height / png.height as f64,
    );
    let mut pic = Pic::new_with_dimensions(png.bytes, png.width, png.height).size(
        (png.width as f64 * scale) as u32,
        (png.height as f64 * scale) as u32,
    );
    pic.id = DIAGRAM_IMAGE.into();
    pic
}

/// Gives the diagram's drawing a unique id, a name and its alt text (`wp:docPr`, 20.4.2.5),
/// which docx-rs cannot set: the text a screen reader reads instead of the picture.
fn describe_diagram(document: &[u8], alt: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let Some(image) = text.find(&format!(r#"r:embed="{DIAGRAM_IMAGE}""#)) else {
        return document.to_vec();
    };
    let placeholder = r#"<wp:docPr id="1" name="Figure" />"#;
    let Some(start) = text[..image].rfind(placeholder) else {
        return document.to_vec();
    };
    let described = format!(
        r#"<wp:docPr id="2" name="Data flow diagram" descr="{}" />"#,
        crate::escape::xml_text(alt)
    );
    format!(
        "{}{described}{}",
        &text[..start],
        &text[start + placeholder.len()..]
    )
    .into_bytes()
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
    // The protective marking is in the page header and footer, on this page as on every one.
    // Space above the title, in twentieths of a point (no empty paragraphs).
    let mut space_above = 2800;
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
        out.push(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(600))
                .add_run(Run::new().add_image(pic)),
        );
        space_above = 1600;
    }
    let above = || LineSpacing::new().before(space_above);
    let mut title_space = Some(above());
    if let Some(organisation) = &style.organisation {
        out.push(
            Paragraph::new()
                .line_spacing(title_space.take().expect("first"))
                .add_run(text_run(organisation).size(28).color("404040")),
        );
    }
    let mut title = Paragraph::new().style("Title");
    if let Some(spacing) = title_space {
        title = title.line_spacing(spacing);
    }
    out.push(title.add_run(text_run(&d.title)));
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
    // Who it binds: the parties to an agreement, the partners to a protocol.
    if let Some((label, parties)) = view.title_page_parties() {
        out.push(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(360).after(60))
                .add_run(text_run(label).bold().size(24)),
        );
        if parties.len() <= 8 {
            for name in parties {
                out.push(
                    Paragraph::new()
                        .line_spacing(LineSpacing::new().after(0))
                        .add_run(text_run(name).size(24)),
                );
            }
        } else {
            // Many parties run on in one paragraph, so the title page stays one page.
            out.push(Paragraph::new().add_run(text_run(parties.join("; ")).size(20)));
        }
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
    for (index, line) in lines.iter().filter(|l| !l.is_empty()).enumerate() {
        let mut paragraph = Paragraph::new();
        if index == 0 {
            paragraph = paragraph.line_spacing(LineSpacing::new().before(360));
        }
        out.push(paragraph.add_run(text_run(line).size(24)));
    }
    if let Some(notice) = &d.uncontrolled_copy_notice {
        out.push(
            Paragraph::new()
                .line_spacing(LineSpacing::new().before(240))
                .add_run(text_run(notice).bold().size(22)),
        );
    }
    out.push(page_break());
    out
}

fn page_header(view: &DocumentView) -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(text_run(&view.document.marking).bold().color("C00000")),
    )
}

fn page_footer(view: &DocumentView) -> Footer {
    let d = &view.document;
    Footer::new()
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(
                    text_run(if d.version_stated {
                        format!("{}, version {}  |  Page ", d.title, d.version)
                    } else {
                        format!("{}  |  Page ", d.title)
                    })
                    .size(18),
                )
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
    /// Where the data flow diagram goes (the Markdown's Mermaid block).
    Diagram,
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

    let mut in_code_block = false;
    for event in Parser::new_ext(markdown, options) {
        let number = if in_heading.is_some() {
            None
        } else {
            numbering.event(&event)
        };
        // A code block's text is not prose: the Mermaid diagram becomes the picture, and no
        // other code block is written.
        if in_code_block {
            in_code_block = !matches!(event, Event::End(TagEnd::CodeBlock));
            continue;
        }
        if let Event::Start(Tag::CodeBlock(kind)) = &event {
            if matches!(kind, pulldown_cmark::CodeBlockKind::Fenced(lang) if lang.as_ref() == "mermaid")
            {
                blocks.push(Block::Diagram);
            }
            in_code_block = true;
            continue;
        }
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
                // A lead-in ("Technical measures:") stays with the list it introduces.
                let lead_in = list_stack.is_empty() && runs_text(&runs).trim_end().ends_with(':');
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
                if lead_in {
                    paragraph = paragraph.keep_next(true);
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
    rows: Vec<(bool, Vec<Vec<Run>>)>,
    current: Vec<Vec<Run>>,
    cell: Vec<Run>,
    header: bool,
}

impl TableBuilder {
    fn new(_style: &HouseStyle) -> Self {
        TableBuilder {
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
        let texts: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|(_, cells)| cells.iter().map(|c| runs_text(c)).collect())
            .collect();
        let widths = column_widths(&texts, columns, TEXT_WIDTH);
        let signature_table = texts
            .iter()
            .any(|cells| cells.first().is_some_and(|c| c == "Signature"));
        let last = self.rows.len().saturating_sub(1);
        let rows = self
            .rows
            .into_iter()
            .enumerate()
            .map(|(row_index, (header, cells))| {
                let label = cells.first().map(|c| runs_text(c)).unwrap_or_default();
                let mut row_cells = Vec::with_capacity(columns);
                for (index, &width) in widths.iter().enumerate() {
                    let runs = cells.get(index).cloned().unwrap_or_default();
                    let mut paragraph = Paragraph::new();
                    // A signature block is kept on one page; any other table may break
                    // between (and within) rows, its header row repeated.
                    if signature_table && row_index < last {
                        paragraph = paragraph.keep_next(true);
                    }
                    for run in runs {
                        paragraph = paragraph.add_run(run);
                    }
                    // Every table cell must end in a paragraph, even an empty one.
                    row_cells.push(
                        TableCell::new()
                            .add_paragraph(paragraph)
                            .width(width, WidthType::Dxa),
                    );
                }
                let mut row = TableRow::new(row_cells);
                if signature_table {
                    row = row.cant_split();
                }
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
        // Borders, padding and the header row's look come from the table style.
        Table::without_borders(rows)
            .style(TABLE_STYLE)
            .set_grid(widths)
            .width(TEXT_WIDTH, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
    }
}

/// An estimate of the width of one character of body text (11 pt), in twentieths of a
/// point: a little over half an em in the house fonts, so a word measured with it fits.
const CHAR_WIDTH: usize = 130;

/// Column widths, in twentieths of a point, that add up to `total`, from the text of each
/// column (`texts[row][column]`, the header row first):
///
/// - every column is at least as wide as its longest word (header words measured as bold),
///   so no word breaks mid-word ("homelessnes / s");
/// - columns whose whole text fits on one line within a fair share of the width get just
///   that (a narrow id, label, method or date column), narrowest first;
/// - the width left is shared among the other columns in proportion to their text, so a
///   description column gets the room.
fn column_widths(texts: &[Vec<String>], columns: usize, total: usize) -> Vec<usize> {
    let padding = 2 * CELL_PADDING.1 + 40;
    let mut least = vec![CHAR_WIDTH * 4 + padding; columns];
    let mut most = vec![0usize; columns];
    for (row_index, row) in texts.iter().enumerate() {
        // Header text is bold: about a tenth wider.
        let char_width = if row_index == 0 {
            CHAR_WIDTH * 11 / 10
        } else {
            CHAR_WIDTH
        };
        for (column, text) in row.iter().enumerate().take(columns) {
            let word = text
                .split_whitespace()
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            least[column] = least[column].max(word * char_width + padding);
            most[column] = most[column].max(text.chars().count() * char_width + padding);
        }
    }
    for column in 0..columns {
        // A word wider than half the page (an address, a URL) wraps anyway; it does not get
        // to squeeze the other columns.
        least[column] = least[column].min(total / 2);
        most[column] = most[column].max(least[column]);
    }
    let least_sum: usize = least.iter().sum();
    if least_sum >= total {
        // Even the longest words do not fit side by side: share the width by them.
        let mut widths: Vec<usize> = least.iter().map(|l| l * total / least_sum).collect();
        let sum: usize = widths.iter().sum();
        widths[columns - 1] += total - sum;
        return widths;
    }
    let mut widths = vec![0usize; columns];
    let mut order: Vec<usize> = (0..columns).collect();
    order.sort_by_key(|&c| (most[c], c));
    let mut left = total;
    let mut open: Vec<usize> = Vec::new();
    for (position, &column) in order.iter().enumerate() {
        let fair = left / (columns - position);
        if open.is_empty() && most[column] <= fair {
            widths[column] = most[column];
            left -= most[column];
        } else {
            open.push(column);
        }
    }
    if open.is_empty() {
        // Everything fits on one line: the spare width goes to the widest column.
        let widest = order[columns - 1];
        widths[widest] += left;
        return widths;
    }
    // The long columns share what is left in proportion to their text, each keeping at
    // least its longest word; the shares are taken from the others in proportion too.
    let open_least: usize = open.iter().map(|&c| least[c]).sum();
    if open_least > left {
        // Give the long columns their longest words, narrowing the short ones towards theirs.
        let short: Vec<usize> = (0..columns).filter(|c| !open.contains(c)).collect();
        let need = open_least - left;
        let slack: usize = short.iter().map(|&c| widths[c] - least[c]).sum();
        for &c in &short {
            let give = (widths[c] - least[c]) * need / slack.max(1);
            widths[c] -= give;
        }
        left = total - short.iter().map(|&c| widths[c]).sum::<usize>();
    }
    // Widths in proportion to the text make the columns wrap to about the same number of
    // lines, which keeps rows shortest; a column that would fall below its longest word is
    // held there and the rest shared again.
    let widest = *open.last().expect("open is not empty");
    while !open.is_empty() {
        let most_sum: usize = open.iter().map(|&c| most[c]).sum::<usize>().max(1);
        let held: Vec<usize> = open
            .iter()
            .copied()
            .filter(|&c| left * most[c] / most_sum < least[c])
            .collect();
        if held.is_empty() {
            for &c in &open {
                widths[c] = left * most[c] / most_sum;
            }
            break;
        }
        for &c in &held {
            widths[c] = least[c];
            left = left.saturating_sub(least[c]);
        }
        open.retain(|c| !held.contains(c));
    }
    let sum: usize = widths.iter().sum();
    widths[widest] += total.saturating_sub(sum);
    widths
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
    // The style's header row formatting applies to the first row (`tblLook`, 17.4.56);
    // banding is off. The package rewrite puts it in its place in `tblPr`.
    .replace(
        &format!(r#"<w:tblStyle w:val="{TABLE_STYLE}" />"#),
        &format!(
            concat!(
                r#"<w:tblStyle w:val="{}" /><w:tblLook w:val="0420" w:firstRow="1" "#,
                r#"w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" "#,
                r#"w:noVBand="1" />"#
            ),
            TABLE_STYLE
        ),
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    /// The flows table: narrow columns for the short values, the data items get the room,
    /// and no column is narrower than its longest word.
    #[test]
    fn column_widths_follow_the_content() {
        let items = "Child's name, date of birth, address and NHS number; Names, dates of birth and relationships of household members; Description of the safeguarding concern and its history";
        let rows = texts(&[
            &["Flow", "From", "To", "Data items", "Method", "Frequency"],
            &[
                "Police checks",
                "Eastmoor Police",
                "Eastmoor County Council",
                items,
                "shared system",
                "daily",
            ],
        ]);
        let widths = column_widths(&rows, 6, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(widths[3] > 2 * widths[4], "{widths:?}");
        assert!(widths[5] >= 9 * CHAR_WIDTH, "Frequency fits: {widths:?}");
        assert!(widths[3] > TEXT_WIDTH / 3, "{widths:?}");
        // A key-value table: the label column is sized to its labels.
        let rows = texts(&[
            &["Eastmoor Police", ""],
            &[
                "Data protection officer",
                "Inspector Laura Quinn, Data Protection Officer, data.protection@eastmoor.police.example.uk",
            ],
            &["Type", "Police force"],
        ]);
        let widths = column_widths(&rows, 2, TEXT_WIDTH);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(widths[0] < TEXT_WIDTH / 2, "{widths:?}");
        assert!(widths[0] >= 23 * CHAR_WIDTH, "{widths:?}");
        // A URL longer than the page does not squeeze the label column below its words.
        let rows = texts(&[
            &["Police law enforcement processing", ""],
            &[
                "Appropriate policy document",
                "https://www.eastmoor.police.example.uk/appropriate-policy-document",
            ],
        ]);
        let widths = column_widths(&rows, 2, TEXT_WIDTH);
        assert!(widths[0] >= 11 * CHAR_WIDTH * 11 / 10, "{widths:?}");
    }

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
