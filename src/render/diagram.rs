//! The data flow diagram: who shares what with whom, as a picture, in the flows section of
//! every agreement that records flows.
//!
//! The parties are boxes and each flow is an arrow from the discloser to the recipient,
//! labelled with the flow's title (or number) and the data items it carries. A flow among a
//! group is a labelled hub joined to every member. The same graph is written three ways:
//!
//! - [`mermaid`]: a Mermaid `flowchart` for the Markdown, which code hosts draw;
//! - [`flow_diagram_svg`]: an SVG laid out by `layout-rs` (a Graphviz "dot" style layered
//!   layout, in pure Rust) and drawn by isagen's own SVG writer, so every coordinate is
//!   written with fixed precision and every text escaped for XML;
//! - [`flow_diagram_png`]: that SVG rasterised by `resvg` for Word, in the fonts compiled into
//!   isagen (Liberation Sans, the PDF's body font, so the PDF and Word show the same picture)
//!   and no system fonts, so the image has the same bytes on every run and every machine.
//!
//! Why these crates: `layout-rs` is the maintained pure-Rust implementation of the layered
//! (Sugiyama, Brandes-Köpf) layout Graphviz uses, with no C library to install; `resvg` is the
//! reference-quality SVG renderer of the linebender project, also used by Typst, the PDF
//! engine, so the two share one copy. Labels are measured with the font's own advance widths
//! (read by `ttf-parser`, which `resvg` also uses), so boxes fit their text.
//!
//! Nodes are numbered (`p1`, `f1`) in the Mermaid source, never named by their ids.

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::{Point, Position};
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::view::{AgreementView, DocumentView};

/// Font size of the diagram's text, in SVG pixels.
const FONT_SIZE: f64 = 13.0;
/// Line height, in SVG pixels.
const LINE_HEIGHT: f64 = 16.0;
/// The widest a label line may run, in characters, before it wraps.
const WRAP: usize = 36;
/// How many data items a label lists before "and N more".
const MAX_ITEMS: usize = 3;
/// The font the SVG names and the PNG is drawn with (embedded: see [`FONT_FILES`]).
pub const FONT_FAMILY: &str = "Liberation Sans";
/// The diagram's fonts, regular and bold: Liberation Sans 2.1.5 (SIL Open Font License 1.1,
/// `fonts/LICENSE-OFL-1.1.txt`), the files the PDF engine typesets with. TrueType outlines:
/// laying out the text in Libertinus Serif, whose CFF outlines are parsed afresh for each
/// line, was a fifth of a render.
const FONT_FILES: [&[u8]; 2] = [
    include_bytes!("../../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../../fonts/LiberationSans-Bold.ttf"),
];
/// Fill of a party's box.
const PARTY_FILL: u32 = 0xDCE6F2FF;
/// Fill of a flow's label.
const LABEL_FILL: u32 = 0xFFFFFFFF;

/// The graph: parties and flows, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowGraph {
    /// Every party's name, in the agreement's order, then any other body a flow names.
    pub parties: Vec<String>,
    /// The flows, in the agreement's order.
    pub flows: Vec<GraphFlow>,
}

/// One flow of a [`FlowGraph`].
#[derive(Debug, Clone, PartialEq)]
pub struct GraphFlow {
    /// How the document names the flow ("Flow 1" or its short title).
    pub label: String,
    /// The discloser (an index into `parties`), for a flow from one party to another.
    pub from: Option<usize>,
    /// The recipient.
    pub to: Option<usize>,
    /// The members of a group flow (indexes into `parties`); empty otherwise.
    pub members: Vec<usize>,
    /// The data items' names.
    pub items: Vec<String>,
}

impl FlowGraph {
    /// The graph of an agreement's view; `None` for a protocol or an agreement with no flows.
    pub fn of(view: &DocumentView) -> Option<FlowGraph> {
        view.agreement.as_ref().and_then(FlowGraph::of_agreement)
    }

    /// The graph of an agreement; `None` if it records no flows.
    pub fn of_agreement(a: &AgreementView) -> Option<FlowGraph> {
        if a.flows.is_empty() {
            return None;
        }
        let mut parties: Vec<String> = a.parties.iter().map(|p| p.partner.name.clone()).collect();
        let mut index = |name: &str| match parties.iter().position(|p| p == name) {
            Some(i) => i,
            None => {
                parties.push(name.to_string());
                parties.len() - 1
            }
        };
        let flows = a
            .flows
            .iter()
            .map(|f| {
                let members: Vec<usize> = f.members.iter().map(|m| index(m)).collect();
                let (from, to) = if members.is_empty() {
                    (Some(index(&f.from)), Some(index(&f.to)))
                } else {
                    (None, None)
                };
                GraphFlow {
                    label: f.label.clone(),
                    from,
                    to,
                    members,
                    items: f.items.clone(),
                }
            })
            .collect();
        Some(FlowGraph { parties, flows })
    }

    /// A flow's label as lines: its name, then its data items wrapped, at most
    /// [`MAX_ITEMS`] of them and "and N more" for the rest (the flows table lists all).
    fn label_lines(flow: &GraphFlow) -> Vec<String> {
        let mut lines = wrap(&flow.label, WRAP);
        for item in flow.items.iter().take(MAX_ITEMS) {
            lines.extend(wrap(&format!("· {item}"), WRAP));
        }
        if flow.items.len() > MAX_ITEMS {
            let more = flow.items.len() - MAX_ITEMS;
            lines.push(format!(
                "· and {more} more {}",
                if more == 1 { "item" } else { "items" }
            ));
        }
        lines
    }
}

/// A label in the drawing: one flow, or several flows with the same name and data items that
/// share an end (nineteen schools referring to one council are one label with nineteen
/// arrows into it, so the picture stays legible however many parties there are).
#[derive(Debug, Clone, PartialEq)]
struct Label {
    lines: Vec<String>,
    /// The parties the data comes from (arrows into the label).
    sources: Vec<usize>,
    /// The parties it goes to (arrows out of the label).
    targets: Vec<usize>,
    /// For a group flow: the members, each joined to the label both ways.
    members: Vec<usize>,
}

impl FlowGraph {
    /// The labels to draw, in the order of their first flow.
    fn labels(&self) -> Vec<Label> {
        let mut labels: Vec<(Label, &GraphFlow)> = Vec::new();
        let same = |a: &GraphFlow, b: &GraphFlow| a.label == b.label && a.items == b.items;
        // Flows into one party merge first, then flows out of one party.
        let mut merged = vec![false; self.flows.len()];
        for pass in 0..2 {
            for (i, flow) in self.flows.iter().enumerate() {
                if merged[i] || !flow.members.is_empty() {
                    continue;
                }
                let (Some(from), Some(to)) = (flow.from, flow.to) else {
                    continue;
                };
                let partners: Vec<usize> = (i..self.flows.len())
                    .filter(|&j| {
                        !merged[j]
                            && same(flow, &self.flows[j])
                            && if pass == 0 {
                                self.flows[j].to == Some(to)
                            } else {
                                self.flows[j].from == Some(from)
                            }
                    })
                    .collect();
                if pass == 0 && partners.len() < 2 {
                    continue;
                }
                let mut label = Label {
                    lines: FlowGraph::label_lines(flow),
                    sources: Vec::new(),
                    targets: Vec::new(),
                    members: Vec::new(),
                };
                for &j in &partners {
                    merged[j] = true;
                    let (Some(f), Some(t)) = (self.flows[j].from, self.flows[j].to) else {
                        continue;
                    };
                    if !label.sources.contains(&f) {
                        label.sources.push(f);
                    }
                    if !label.targets.contains(&t) {
                        label.targets.push(t);
                    }
                }
                labels.push((label, flow));
            }
        }
        for (i, flow) in self.flows.iter().enumerate() {
            if !flow.members.is_empty() && !merged[i] {
                labels.push((
                    Label {
                        lines: FlowGraph::label_lines(flow),
                        sources: Vec::new(),
                        targets: Vec::new(),
                        members: flow.members.clone(),
                    },
                    flow,
                ));
            }
        }
        // In the order the flows are listed.
        let position = |f: &GraphFlow| self.flows.iter().position(|g| std::ptr::eq(g, f));
        labels.sort_by_key(|(_, f)| position(f));
        labels.into_iter().map(|(l, _)| l).collect()
    }
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word keeps its
/// own line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A sentence for each flow, for a reader who cannot see the picture (the image's alt text).
pub fn alt_text(view: &DocumentView) -> String {
    let Some(graph) = FlowGraph::of(view) else {
        return String::new();
    };
    let mut text = format!(
        "Data flow diagram of {} parties and {} flows.",
        graph.parties.len(),
        graph.flows.len()
    );
    for flow in &graph.flows {
        let items = if flow.items.is_empty() {
            "no data items recorded".to_string()
        } else {
            flow.items.join("; ")
        };
        if flow.members.is_empty() {
            let name = |i: Option<usize>| i.map_or("", |i| graph.parties[i].as_str());
            text.push_str(&format!(
                " {}: {} to {}: {}.",
                flow.label,
                name(flow.from),
                name(flow.to),
                items
            ));
        } else {
            let members: Vec<&str> = flow
                .members
                .iter()
                .map(|&i| graph.parties[i].as_str())
                .collect();
            text.push_str(&format!(
                " {}: among {}: {}.",
                flow.label,
                members.join(", "),
                items
            ));
        }
    }
    text
}

/// The Mermaid `flowchart` for the Markdown (without the code fence); `None` if the document
/// has no flows. Every label is quoted and escaped by [`crate::escape::mermaid_label`].
pub fn mermaid(a: &AgreementView) -> Option<String> {
    let graph = FlowGraph::of_agreement(a)?;
    let label = |lines: &[String]| {
        lines
            .iter()
            .map(|l| crate::escape::mermaid_label(l))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let mut out = String::from("flowchart LR\n");
    for (i, party) in graph.parties.iter().enumerate() {
        out.push_str(&format!(
            "    p{}[\"{}\"]\n",
            i + 1,
            crate::escape::mermaid_label(party)
        ));
    }
    for (n, l) in graph.labels().iter().enumerate() {
        let text = label(&l.lines);
        out.push_str(&format!("    f{}([\"{}\"])\n", n + 1, text));
        for &p in &l.sources {
            out.push_str(&format!("    p{} --- f{}\n", p + 1, n + 1));
        }
        for &p in &l.targets {
            out.push_str(&format!("    f{} --> p{}\n", n + 1, p + 1));
        }
        for &p in &l.members {
            out.push_str(&format!("    f{} <--> p{}\n", n + 1, p + 1));
        }
    }
    Some(out)
}

/// The diagram as an SVG document, for the PDF (and rasterised for Word by
/// [`flow_diagram_png`]); an empty string for a document with no flows. Same view, same
/// bytes.
pub fn flow_diagram_svg(view: &DocumentView) -> String {
    FlowGraph::of(view).map(|g| svg(&g)).unwrap_or_default()
}

/// Width of a line of text in SVG pixels, in bold or not: the sum of the font's advance
/// widths. Kerning is left out (it moves a pair by a fraction of a pixel; the box's padding
/// covers it). A character the font lacks is drawn as its missing-glyph box, and measured so.
fn text_width(line: &str, bold: bool) -> f64 {
    static FACES: std::sync::OnceLock<Vec<Option<ttf_parser::Face<'static>>>> =
        std::sync::OnceLock::new();
    let faces = FACES.get_or_init(|| {
        FONT_FILES
            .iter()
            .map(|data| ttf_parser::Face::parse(data, 0).ok())
            .collect()
    });
    let Some(face) = &faces[usize::from(bold)] else {
        // Not reached with the fonts compiled in; a generous estimate all the same.
        return line.chars().count() as f64 * FONT_SIZE * 0.62;
    };
    let advances: u32 = line
        .chars()
        .map(|c| {
            let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
        })
        .sum();
    f64::from(advances) * FONT_SIZE / f64::from(face.units_per_em())
}

/// Whether each of a label's lines is bold: a party's name and a flow's name are, the data
/// items (each starting with a bullet) and the lines after them are not.
fn bold_lines(lines: &[&str]) -> Vec<bool> {
    let mut naming = true;
    lines
        .iter()
        .map(|line| {
            naming &= !line.starts_with('·');
            naming
        })
        .collect()
}

fn element(lines: &[String], fill: u32, rounded: usize) -> Element {
    let texts: Vec<&str> = lines.iter().map(String::as_str).collect();
    let width = texts
        .iter()
        .zip(bold_lines(&texts))
        .map(|(line, bold)| text_width(line, bold))
        .fold(0.0, f64::max)
        + 24.0;
    let height = lines.len() as f64 * LINE_HEIGHT + 10.0;
    let look = StyleAttr::new(
        layout::core::color::Color::new(0x404040FF),
        1,
        Some(layout::core::color::Color::new(fill)),
        rounded,
        FONT_SIZE as usize,
    );
    let mut e = Element::create(
        ShapeKind::new_box(&lines.join("\n")),
        look,
        Orientation::LeftToRight,
        Point::new(width, height),
    );
    e.pos = Position::new(
        Point::zero(),
        Point::new(width, height),
        Point::zero(),
        Point::new(18.0, 8.0),
    );
    e
}

fn arrow(head: bool, both: bool) -> Arrow {
    let look = StyleAttr::new(
        layout::core::color::Color::new(0x404040FF),
        1,
        None,
        0,
        FONT_SIZE as usize,
    );
    let end = |on: bool| {
        if on {
            LineEndKind::Arrow
        } else {
            LineEndKind::None
        }
    };
    Arrow::new(
        end(both),
        end(head),
        LineStyleKind::Normal,
        "",
        &look,
        &None,
        &None,
    )
}

fn svg(graph: &FlowGraph) -> String {
    let mut vg = VisualGraph::new(Orientation::LeftToRight);
    let parties: Vec<_> = graph
        .parties
        .iter()
        .map(|p| vg.add_node(element(&wrap(p, 24), PARTY_FILL, 4)))
        .collect();
    for l in graph.labels() {
        let label = vg.add_node(element(&l.lines, LABEL_FILL, 0));
        for &p in &l.sources {
            vg.add_edge(arrow(false, false), parties[p], label);
        }
        for &p in &l.targets {
            vg.add_edge(arrow(true, false), label, parties[p]);
        }
        for &p in &l.members {
            vg.add_edge(arrow(true, true), label, parties[p]);
        }
    }
    let mut writer = SvgWriter::default();
    vg.do_it(false, false, false, &mut writer);
    writer.finish()
}

/// A minimal SVG backend for `layout-rs`: boxes, text and arrows, each number written with
/// one decimal so the output does not depend on float formatting, each text escaped.
#[derive(Default)]
struct SvgWriter {
    body: String,
    min: (f64, f64),
    max: (f64, f64),
    started: bool,
}

impl SvgWriter {
    fn grow(&mut self, x: f64, y: f64) {
        if !self.started {
            self.min = (x, y);
            self.max = (x, y);
            self.started = true;
        }
        self.min = (self.min.0.min(x), self.min.1.min(y));
        self.max = (self.max.0.max(x), self.max.1.max(y));
    }

    fn finish(self) -> String {
        let margin = 8.0;
        let (x, y) = (self.min.0 - margin, self.min.1 - margin);
        let (w, h) = (
            self.max.0 - self.min.0 + 2.0 * margin,
            self.max.1 - self.min.1 + 2.0 * margin,
        );
        format!(
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.1}" height="{h:.1}" "#,
                r#"viewBox="{x:.1} {y:.1} {w:.1} {h:.1}" font-family="{font}" font-size="{size:.1}">"#,
                r#"<defs><marker id="head" markerWidth="10" markerHeight="8" refX="9" refY="4" "#,
                r#"orient="auto-start-reverse" markerUnits="userSpaceOnUse">"#,
                r##"<path d="M0,0 L10,4 L0,8 z" fill="#404040"/></marker></defs>"##,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="#ffffff"/>"##,
                "{body}</svg>\n"
            ),
            w = w,
            h = h,
            x = x,
            y = y,
            font = FONT_FAMILY,
            size = FONT_SIZE,
            body = self.body,
        )
    }
}

fn colour(c: Option<layout::core::color::Color>) -> String {
    match c {
        Some(c) => {
            let web = c.to_web_color();
            if web.ends_with("00") {
                "none".to_string()
            } else {
                web[..7].to_string()
            }
        }
        None => "none".to_string(),
    }
}

impl RenderBackend for SvgWriter {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        _properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        self.grow(xy.x, xy.y);
        self.grow(xy.x + size.x, xy.y + size.y);
        self.body.push_str(&format!(
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="{}" fill="{}" stroke="{}" stroke-width="{}"/>"#,
            xy.x,
            xy.y,
            size.x,
            size.y,
            look.rounded,
            colour(look.fill_color),
            colour(Some(look.line_color)),
            look.line_width
        ));
    }

    fn draw_line(
        &mut self,
        start: Point,
        stop: Point,
        look: &StyleAttr,
        _properties: Option<String>,
    ) {
        self.grow(start.x, start.y);
        self.grow(stop.x, stop.y);
        self.body.push_str(&format!(
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{}"/>"#,
            start.x,
            start.y,
            stop.x,
            stop.y,
            colour(Some(look.line_color)),
            look.line_width
        ));
    }

    fn draw_circle(
        &mut self,
        xy: Point,
        size: Point,
        look: &StyleAttr,
        _properties: Option<String>,
    ) {
        self.grow(xy.x, xy.y);
        self.grow(xy.x + size.x, xy.y + size.y);
        self.body.push_str(&format!(
            r#"<ellipse cx="{:.1}" cy="{:.1}" rx="{:.1}" ry="{:.1}" fill="{}" stroke="{}"/>"#,
            xy.x + size.x / 2.0,
            xy.y + size.y / 2.0,
            size.x / 2.0,
            size.y / 2.0,
            colour(look.fill_color),
            colour(Some(look.line_color))
        ));
    }

    fn draw_text(&mut self, xy: Point, text: &str, _look: &StyleAttr) {
        let lines: Vec<&str> = text.lines().collect();
        let top = xy.y - (lines.len() as f64 - 1.0) * LINE_HEIGHT / 2.0;
        for (i, (line, bold)) in lines.iter().zip(bold_lines(&lines)).enumerate() {
            let weight = if bold { r#" font-weight="bold""# } else { "" };
            self.body.push_str(&format!(
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" dominant-baseline="central"{weight}>{}</text>"#,
                xy.x,
                top + i as f64 * LINE_HEIGHT,
                crate::escape::xml_text(line)
            ));
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        dashed: bool,
        head: (bool, bool),
        look: &StyleAttr,
        _properties: Option<String>,
        _text: &str,
    ) {
        if path.len() < 2 {
            return;
        }
        for (a, b) in path {
            self.grow(a.x, a.y);
            self.grow(b.x, b.y);
        }
        let mut d = format!(
            "M{:.1},{:.1} C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            path[0].0.x,
            path[0].0.y,
            path[0].1.x,
            path[0].1.y,
            path[1].0.x,
            path[1].0.y,
            path[1].1.x,
            path[1].1.y
        );
        for (a, b) in path.iter().skip(2) {
            d.push_str(&format!(" S{:.1},{:.1} {:.1},{:.1}", a.x, a.y, b.x, b.y));
        }
        self.body.push_str(&format!(
            r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{}"{}{}{}/>"#,
            colour(Some(look.line_color)),
            look.line_width,
            if dashed {
                r#" stroke-dasharray="5,5""#
            } else {
                ""
            },
            if head.0 {
                r#" marker-start="url(#head)""#
            } else {
                ""
            },
            if head.1 {
                r#" marker-end="url(#head)""#
            } else {
                ""
            },
        ));
    }

    fn create_clip(&mut self, _xy: Point, _size: Point, _rounded_px: usize) -> ClipHandle {
        0
    }
}

/// The fonts the PNG is drawn with: [`FONT_FILES`] only, never the system's, each read in
/// place from the binary rather than copied.
fn font_database() -> resvg::usvg::fontdb::Database {
    use resvg::usvg::fontdb::{Database, Source};
    use std::sync::Arc;
    let mut db = Database::new();
    for font in FONT_FILES {
        db.load_font_source(Source::Binary(Arc::new(font)));
    }
    db.set_serif_family(FONT_FAMILY);
    db.set_sans_serif_family(FONT_FAMILY);
    db
}

/// A raster image: PNG bytes and size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    /// The PNG file's bytes.
    pub bytes: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The diagram as a PNG for Word, drawn at `scale` pixels per SVG pixel; `None` for a document
/// with no flows.
pub fn flow_diagram_png(view: &DocumentView, scale: f32) -> Option<Png> {
    let svg = flow_diagram_svg(view);
    if svg.is_empty() {
        return None;
    }
    let mut options = resvg::usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        ..resvg::usvg::Options::default()
    };
    *options.fontdb_mut() = font_database();
    let tree = resvg::usvg::Tree::from_str(&svg, &options).ok()?;
    let size = tree.size();
    let width = (size.width() * scale).ceil().max(1.0) as u32;
    let height = (size.height() * scale).ceil().max(1.0) as u32;
    let bytes = draw_png(&tree, scale, width, height)?;
    Some(Png {
        bytes,
        width,
        height,
    })
}

/// How many rows of the picture are drawn at a time.
const STRIP_ROWS: u32 = 128;

/// The tree drawn on white at `scale` and written as an RGB PNG. The picture is drawn in
/// strips of [`STRIP_ROWS`] rows, one a core at a time, so only those strips are in
/// memory (a whole diagram was 7.6 MB of pixels) and each path is drawn only into the strips
/// it crosses. Every pixel is opaque, so its premultiplied colour is its colour and the alpha
/// channel is dropped. Compressed with the PNG-tuned `fdeflate` (`Compression::Fast`): zlib
/// made a file half the size in five times the time, and a render spent a quarter of its
/// time there.
fn draw_png(tree: &resvg::usvg::Tree, scale: f32, width: u32, height: u32) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().ok()?;
    let mut stream = writer.stream_writer().ok()?;
    // As many strips at once as rayon has threads (so `RAYON_NUM_THREADS=1` means one), but
    // on threads of their own: this runs on a thread that a rayon worker waits for
    // (documents render in parallel), and work handed back to a busy pool would never run.
    let cores = rayon::current_num_threads().clamp(1, 4);
    let tops: Vec<u32> = (0..height).step_by(STRIP_ROWS as usize).collect();
    for batch in tops.chunks(cores) {
        let draw = |top: u32| draw_strip(tree, scale, width, top, STRIP_ROWS.min(height - top));
        if let [top] = batch {
            stream.write_all(&draw(*top)?).ok()?;
            continue;
        }
        let strips: Vec<Option<Vec<u8>>> = std::thread::scope(|scope| {
            let drawing: Vec<_> = batch
                .iter()
                .map(|&top| scope.spawn(move || draw(top)))
                .collect();
            drawing
                .into_iter()
                .map(|strip| strip.join().expect("drawing a strip does not panic"))
                .collect()
        });
        for strip in strips {
            stream.write_all(&strip?).ok()?;
        }
    }
    stream.finish().ok()?;
    writer.finish().ok()?;
    Some(bytes)
}

/// Rows `top..top + rows` of the tree drawn on white at `scale`, as RGB bytes.
fn draw_strip(
    tree: &resvg::usvg::Tree,
    scale: f32,
    width: u32,
    top: u32,
    rows: u32,
) -> Option<Vec<u8>> {
    use resvg::tiny_skia::{Color, Pixmap, Transform};
    let mut strip = Pixmap::new(width, rows)?;
    strip.fill(Color::WHITE);
    resvg::render(
        tree,
        Transform::from_scale(scale, scale).post_translate(0.0, -(top as f32)),
        &mut strip.as_mut(),
    );
    let mut rgb = Vec::with_capacity(width as usize * rows as usize * 3);
    for pixel in strip.data().chunks_exact(4) {
        rgb.extend_from_slice(&pixel[..3]);
    }
    Some(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("", 6), vec![""]);
        assert_eq!(
            wrap("averyveryverylongword x", 6),
            vec!["averyveryverylongword", "x"]
        );
    }
}

#[cfg(test)]
mod svg_tests {
    use super::*;

    fn hostile() -> FlowGraph {
        FlowGraph {
            parties: vec![
                "A & B <script>alert(1)</script>".into(),
                "\"quoted\" ]]> '\u{1}".into(),
            ],
            flows: vec![GraphFlow {
                label: "Flow 1".into(),
                from: Some(0),
                to: Some(1),
                members: Vec::new(),
                items: vec!["x < y & z".into()],
            }],
        }
    }

    /// The SVG is well-formed XML whatever the names hold, and shows them as written.
    #[test]
    fn svg_escapes_names_and_is_well_formed() {
        let svg = svg(&hostile());
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let text: Vec<&str> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "text")
            .filter_map(|n| n.text())
            .collect();
        let all = text.join(" ");
        assert!(all.contains("A & B <script>alert(1)</script>"), "{all}");
        assert!(all.contains("\"quoted\" ]]> '"), "{all}");
        assert!(!svg.contains('\u{1}'));
        assert_eq!(
            svg,
            super::svg(&hostile()),
            "the same graph gives the same bytes"
        );
    }

    /// Flows with the same name and data items into one party share one label.
    #[test]
    fn flows_into_one_party_share_a_label() {
        let flow = |from, to| GraphFlow {
            label: "Referral".into(),
            from: Some(from),
            to: Some(to),
            members: Vec::new(),
            items: vec!["Name".into()],
        };
        let graph = FlowGraph {
            parties: vec!["Hub".into(), "A".into(), "B".into(), "C".into()],
            flows: vec![flow(1, 0), flow(2, 0), flow(3, 0), flow(0, 1)],
        };
        let labels = graph.labels();
        assert_eq!(labels.len(), 2);
        assert_eq!(labels[0].sources, vec![1, 2, 3]);
        assert_eq!(labels[0].targets, vec![0]);
        assert_eq!(labels[1].sources, vec![0]);
        assert_eq!(labels[1].targets, vec![1]);
    }
}
