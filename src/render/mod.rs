//! Stage 3, render: protocols and agreements as the documents partner bodies sign.
//!
//! One template set serves every output: the Handlebars templates produce Markdown
//! ([`markdown`]), and the DOCX writer lays that Markdown out as a typeset Word document. Views
//! ([`view`]) spell out the law and names so templates only arrange text. Every output is
//! written atomically and named from the document id and version.

pub mod docx;
pub mod markdown;
pub mod view;

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::check::Workspace;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ValueEnum)]
pub enum Format {
    /// GitHub-flavoured Markdown.
    Md,
    /// A typeset Word document.
    Docx,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Docx => "docx",
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
}

/// The file name for a document: its id and version, for example `mash-isa-v1.2.md`.
pub fn output_name(id: &str, version: &str, format: Format) -> String {
    format!("{id}-v{version}.{}", format.extension())
}

/// Renders the documents at `indices` of `workspace`, returning the files written, in order.
pub fn render_documents(
    workspace: &Workspace,
    indices: &[usize],
    options: &RenderOptions,
    inputs: &[PathBuf],
) -> Result<Vec<PathBuf>, RenderError> {
    let markdown = markdown::MarkdownRenderer::new(options.templates.as_deref())?;
    let mut written = Vec::new();
    for &index in indices {
        let view = view::build(workspace, index);
        let text = markdown.render(&view)?;
        for &format in &options.formats {
            let path = options.out_dir.join(output_name(
                &view.document.id,
                &view.document.version,
                format,
            ));
            let bytes = match format {
                Format::Md => text.clone().into_bytes(),
                Format::Docx => docx::build(&view, &text, &options.style),
            };
            crate::output::write_atomic(&path, &bytes, inputs)?;
            written.push(path);
        }
    }
    Ok(written)
}

/// Whether `path` is inside `dir`.
pub fn is_within(path: &Path, dir: &Path) -> bool {
    path.starts_with(dir)
}
