//! Stage 3, render: protocols and agreements as the documents partner bodies sign.
//!
//! One template set serves every output: the Handlebars templates produce Markdown
//! ([`markdown`]), and the DOCX writer lays that Markdown out as a typeset Word document. Views
//! ([`view`]) spell out the law and names so templates only arrange text. Every output is
//! written atomically and named from the document id and version.

pub mod clauses;
pub mod diagram;
pub mod docx;
pub mod exceptions_view;
pub mod markdown;
pub mod pdf;
pub mod signoff;
pub mod structure_view;
pub mod typeset;
pub mod view;

use std::path::PathBuf;

use clap::ValueEnum;
use rayon::prelude::*;

use crate::check::Workspace;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Md,
    /// A typeset Word document.
    Docx,
    /// PDF, typeset by isagen (or converted from the Word document by LibreOffice, with
    /// `--pdf-engine libreoffice`).
    Pdf,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A failure to render (distinct from findings about the definitions).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to parse or render.
    #[error("{template}: {message}")]
    Template {
        /// The template's file.
        template: String,
        /// What went wrong, with line and column where known.
        message: String,
    },
    /// PDF conversion failed or LibreOffice is missing.
    #[error("{0}")]
    Pdf(String),
    /// An output could not be written.
    #[error(transparent)]
    Output(#[from] crate::output::OutputError),
}

/// What to render and where.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The formats to write.
    pub formats: Vec<Format>,
    /// The folder to write into.
    pub out_dir: PathBuf,
    /// A folder of templates that override the built-in ones.
    pub templates: Option<PathBuf>,
    /// The house style for Word documents.
    pub style: docx::HouseStyle,
    /// Render the public edition (see [`view::build_public`]).
    pub public: bool,
    /// How PDF is made.
    pub pdf_engine: PdfEngine,
}

/// How PDF output is made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum PdfEngine {
    /// Typeset in-process from the rendered Markdown (Typst, compiled in): tagged (PDF/UA-1), with
    /// the contents' page numbers, the same bytes on every run, and nothing to install.
    #[default]
    Native,
    /// The Word document converted by LibreOffice (`soffice`, which must be installed), for a
    /// PDF that follows the Word layout.
    Libreoffice,
}

/// The file name for a document: its id and version, for example `mash-isa-v1.2.md`, or the
/// id alone (`mash-isa.md`) for a document that states no version.
pub fn output_name(id: &str, version: Option<&str>, format: Format) -> String {
    match version {
        Some(version) => format!("{id}-v{version}.{}", format.extension()),
        None => format!("{id}.{}", format.extension()),
    }
}

/// The file name of an edition: [`output_name`], with `-public` before the extension for the
/// public edition (`mash-isa-v1.2-public.md`).
pub fn output_file_name(id: &str, version: Option<&str>, format: Format, public: bool) -> String {
    if public {
        match version {
            Some(version) => format!("{id}-v{version}-public.{}", format.extension()),
            None => format!("{id}-public.{}", format.extension()),
        }
    } else {
        output_name(id, version, format)
    }
}

/// Renders the documents at `indices` of `workspace` with the templates of `markdown`
/// (made from `options.templates`), returning the files written, in order.
pub fn render_documents(
    workspace: &Workspace,
    indices: &[usize],
    markdown: &markdown::MarkdownRenderer,
    options: &RenderOptions,
    inputs: &[PathBuf],
) -> Result<Vec<PathBuf>, RenderError> {
    render_documents_reporting(workspace, indices, markdown, options, inputs, &|| {})
}

/// As [`render_documents`], calling `rendered()` as each document is rendered (from any
/// thread), so a caller can show progress.
pub fn render_documents_reporting(
    workspace: &Workspace,
    indices: &[usize],
    markdown: &markdown::MarkdownRenderer,
    options: &RenderOptions,
    inputs: &[PathBuf],
    rendered: &(dyn Fn() + Sync),
) -> Result<Vec<PathBuf>, RenderError> {
    let tick = rendered;
    if options.formats.contains(&Format::Pdf)
        && options.pdf_engine == PdfEngine::Libreoffice
        && pdf::find_soffice().is_none()
    {
        return Err(RenderError::Pdf(pdf::INSTALL_HINT.to_string()));
    }
    // Render everything in memory first, so a failure leaves no partial set of outputs. The
    // documents render in parallel; each one's bytes depend only on its definition, and the
    // outputs are collected in order, so the result is the same on any number of cores.
    let rendered: Vec<Vec<(PathBuf, Vec<u8>)>> = indices
        .par_iter()
        .map(|&index| {
            let result = render_one(workspace, index, markdown, options);
            tick();
            result
        })
        .collect::<Result<_, _>>()?;
    // All or nothing: every output is staged before any is renamed into place, and the
    // output folder is made only when there is something to write (see `crate::output`).
    let outputs: Vec<(PathBuf, Vec<u8>)> = rendered.into_iter().flatten().collect();
    crate::output::write_all(&outputs, inputs, true)?;
    Ok(outputs.into_iter().map(|(path, _)| path).collect())
}

/// The pictures the PDF may show: the house style's logo, and the data flow diagram of an
/// agreement with flows.
fn pictures(view: &view::DocumentView, options: &RenderOptions) -> Vec<typeset::Picture> {
    let mut pictures: Vec<typeset::Picture> = options
        .style
        .logo
        .iter()
        .map(|logo| typeset::Picture {
            name: typeset::LOGO.to_string(),
            bytes: logo.png.clone(),
        })
        .collect();
    let svg = diagram::flow_diagram_svg(view);
    if !svg.is_empty() {
        pictures.push(typeset::Picture {
            name: typeset::FLOW_DIAGRAM.to_string(),
            bytes: svg.into_bytes(),
        });
    }
    pictures
}

/// Renders document `index` of `workspace` in every format asked for: (path, bytes) pairs.
fn render_one(
    workspace: &Workspace,
    index: usize,
    markdown: &markdown::MarkdownRenderer,
    options: &RenderOptions,
) -> Result<Vec<(PathBuf, Vec<u8>)>, RenderError> {
    let view = if options.public {
        view::build_public(workspace, index)
    } else {
        view::build(workspace, index)
    };
    let text = markdown.render(&view)?;
    let needs_docx = options.formats.iter().any(|f| match f {
        Format::Docx => true,
        Format::Pdf => options.pdf_engine == PdfEngine::Libreoffice,
        Format::Md => false,
    });
    let dates = docx::FileDates::of(workspace.documents[index].definition.document());
    let docx_bytes = needs_docx.then(|| docx::build_dated(&view, &text, &options.style, dates));
    let mut outputs = Vec::new();
    for &format in &options.formats {
        // Named from the definition itself, not the view (whose text is for templates).
        let control = workspace.documents[index].definition.document();
        let name = output_file_name(
            control.id.as_str(),
            control.version(),
            format,
            options.public,
        );
        let bytes = match format {
            Format::Md => clauses::number_markdown_document(&text).into_bytes(),
            Format::Docx => docx_bytes.clone().unwrap_or_default(),
            Format::Pdf if options.pdf_engine == PdfEngine::Libreoffice => pdf::convert(
                docx_bytes.as_deref().unwrap_or_default(),
                name.trim_end_matches(".pdf"),
            )?,
            Format::Pdf => typeset::build(
                &view,
                &text,
                &options.style,
                dates,
                &pictures(&view, options),
            )?,
        };
        outputs.push((options.out_dir.join(name), bytes));
    }
    Ok(outputs)
}
