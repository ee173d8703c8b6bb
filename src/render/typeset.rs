//! The native PDF engine: the rendered Markdown typeset in-process with Typst, as a tagged,
//! accessible PDF (PDF/UA-1), the same on every run.
//!
//! The PDF has the same content in the same order as the Word document, from the same
//! templates: the Markdown the templates render is parsed (pulldown-cmark) and translated into
//! Typst markup by [`markup`], which writes every piece of text (from a definition, a
//! template, the house style or isagen itself) as a Typst string literal, so no text can
//! become Typst code, markup, a label or a reference. The layout: a title page; the
//! protective marking and title in the header and the title, version, "Page X of Y" and
//! marking in the footer of every other page; the contents (Typst's `outline`, every entry a
//! link with its page number); headings and body clauses numbered as [`super::clauses`]
//! numbers them; tables whose header row repeats on every page they run onto; the document's
//! title, language (en-GB) and keywords in the PDF's metadata; headings as PDF bookmarks.
//!
//! Typst runs in a closed world ([`world::DocumentWorld`]): one source file made here, the
//! pictures the renderer passes in memory, and the fonts compiled into isagen (Liberation
//! Sans, metrically compatible with Arial, and Liberation Mono; SIL Open Font License 1.1, in
//! `fonts/`). It reads no file, opens no network connection, loads no package (an `@preview`
//! import is refused) and reads no clock: `today()` is the document's own date.
//!
//! Byte-identical output: the creation date is `SOURCE_DATE_EPOCH` when set, else the date of
//! this version from the definition (see [`super::docx::FileDates`]), else none; the PDF's
//! document id is derived from the document's id and version.

mod markup;
mod world;

pub use markup::{FLOW_DIAGRAM, LOGO, mermaid_block, typst_string};

use typst::foundations::{Datetime, Smart};
use typst::layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::RenderError;
use super::docx::{FileDates, HouseStyle};
use super::view::DocumentView;

/// A picture a document's Markdown may show (`![description](name)`), passed in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picture {
    /// The name the Markdown refers to it by, for example `flows.svg`.
    pub name: String,
    /// The file's bytes (SVG, PNG or JPEG).
    pub bytes: Vec<u8>,
}

/// Typesets a document's rendered Markdown as PDF bytes.
pub fn build(
    view: &DocumentView,
    markdown: &str,
    style: &HouseStyle,
    dates: FileDates,
    pictures: &[Picture],
) -> Result<Vec<u8>, RenderError> {
    let d = &view.document;
    let fail = |what: String| RenderError::Pdf(format!("PDF for {} {}: {what}", d.id, d.version));
    let created = creation_date(dates).map_err(fail)?;
    let source = markup::document(view, markdown, style, pictures, created);
    let world = world::DocumentWorld::new(source, pictures, created);
    let compiled = typst::compile::<PagedDocument>(&world);
    let document = compiled.output.map_err(|errors| {
        fail(format!(
            "typesetting failed: {}",
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    let ident = format!("isagen:{}:{}", d.id, d.version);
    let standards = PdfStandards::new(&[PdfStandard::Ua_1])
        .map_err(|e| fail(format!("PDF/UA-1 is not available: {e}")))?;
    let options = PdfOptions {
        ident: Smart::Custom(&ident),
        timestamp: created.map(Timestamp::new_utc),
        page_ranges: None,
        standards,
        tagged: true,
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| {
        fail(format!(
            "writing the PDF failed: {}",
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })
}

/// The PDF's creation date: `SOURCE_DATE_EPOCH` (whole seconds since 1970, UTC) when set,
/// else the date of this version from the definition, else none.
fn creation_date(dates: FileDates) -> Result<Option<Datetime>, String> {
    if let Ok(text) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = text.trim().parse().map_err(|_| {
            format!("SOURCE_DATE_EPOCH=`{text}` is not a whole number of seconds since 1970")
        })?;
        let moment = time::OffsetDateTime::from_unix_timestamp(seconds)
            .map_err(|e| format!("SOURCE_DATE_EPOCH=`{text}`: {e}"))?;
        return Ok(Datetime::from_ymd_hms(
            moment.year(),
            moment.month().into(),
            moment.day(),
            moment.hour(),
            moment.minute(),
            moment.second(),
        ));
    }
    Ok(dates
        .modified
        .or(dates.created)
        .and_then(|date| Datetime::from_ymd(date.year(), date.month().into(), date.day())))
}
