//! `isagen render`: check definitions, then write the documents for those without errors.

use std::io::IsTerminal;
use std::path::PathBuf;

use super::{ConfigArgs, Failure, Outcome};
use crate::diagnostic::{Severity, Summary};
use crate::render::docx::{HouseStyle, Logo};
use crate::render::markdown::MarkdownRenderer;
use crate::render::{self, Format, PdfEngine, RenderOptions};
use crate::report::{self, OutputFormat, ReportContext};

/// The editions of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Edition {
    /// The complete document the parties sign.
    Full,
    /// For publication: personal contact details and security specifics left out.
    Public,
}

/// Arguments of `isagen render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Definition files, or folders to search for them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The formats to write, separated by commas.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Format::Md, Format::Docx])]
    pub format: Vec<Format>,
    /// The folder to write documents into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,
    /// Which edition: `full` for the parties, or `public` for publishing (personal contact
    /// details and security specifics left out; files named ID-vVERSION-public.EXT).
    #[arg(long, value_enum, default_value_t = Edition::Full)]
    pub edition: Edition,
    /// A folder of templates that override the built-in ones (see `isagen templates export`).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Render only the document with this id (repeat for more); the other definitions are
    /// still checked, since an agreement is checked against its protocol.
    #[arg(long = "document", value_name = "ID")]
    pub documents: Vec<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// How `--format pdf` makes the PDF: `native` typesets it in isagen (tagged, PDF/UA-1, the
    /// same bytes on every run, nothing to install); `libreoffice` converts the Word document
    /// with LibreOffice (`soffice` on the PATH), for a PDF that follows the Word layout.
    #[arg(long, value_enum, value_name = "ENGINE", default_value_t = PdfEngine::Native)]
    pub pdf_engine: PdfEngine,
}

/// Runs `isagen render`.
pub fn run(args: RenderArgs) -> Result<Outcome, Failure> {
    let config = args.config.load()?;
    let templates = args
        .templates
        .clone()
        .or_else(|| config.render.templates.clone());
    if let Some(dir) = &templates
        && !dir.is_dir()
    {
        anyhow::bail!("{}: the templates folder does not exist", dir.display());
    }
    // Compiling the templates takes as long as checking a few files: do both at once.
    let in_force = args.config.in_force(&config);
    let today = args.config.today(&config);
    let (checked, markdown) = rayon::join(
        || super::progress::check_paths(&args.paths, config, today),
        || MarkdownRenderer::new(templates.as_deref()),
    );
    let checked = checked?;
    args.config.list_skipped(&checked);
    let summary =
        Summary::of(checked.files, &checked.diagnostics).with_suppressed(checked.suppressed.len());
    if !checked.diagnostics.is_empty() || !checked.suppressed.is_empty() {
        let context = ReportContext {
            diagnostics: &checked.diagnostics,
            sources: &checked.sources,
            summary,
            color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            in_force: &in_force,
            suppressed: &checked.suppressed,
        };
        let mut buffer = Vec::new();
        report::reporter(OutputFormat::Human).report(&context, &mut buffer)?;
        eprint!("{}", String::from_utf8_lossy(&buffer));
    } else if in_force != report::InForce::default() {
        eprintln!("{}{}", summary.line(), in_force.note());
    }
    let with_errors: std::collections::HashSet<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.location.file.as_str())
        .collect();
    for id in &args.documents {
        if !checked.workspace.portfolio.iter().any(|e| &e.id == id) {
            let known: Vec<&str> = checked
                .workspace
                .portfolio
                .iter()
                .map(|e| e.id.as_str())
                .collect();
            let hint = match crate::rules::helpers::closest(id, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("the documents checked are: {}", known.join(", ")),
            };
            anyhow::bail!("--document {id}: no valid document has this id ({hint})");
        }
    }
    let mut renderable = Vec::new();
    for (index, document) in checked.workspace.documents.iter().enumerate() {
        let id = document.definition.document().id.as_str();
        if !args.documents.is_empty() && !args.documents.iter().any(|d| d == id) {
            continue;
        }
        if with_errors.contains(document.file.source.name.as_str()) {
            eprintln!(
                "not rendering {}: fix its errors first",
                document.file.source.name
            );
        } else {
            renderable.push(index);
        }
    }
    let mut formats = args.format.clone();
    formats.sort();
    formats.dedup();
    let options = RenderOptions {
        formats,
        out_dir: args.out.clone(),
        templates,
        style: house_style(&checked.workspace.config.style)?,
        public: args.edition == Edition::Public,
        pdf_engine: args.pdf_engine,
    };
    check_output_names(&checked.workspace, &renderable, &options)?;
    let markdown = markdown?;
    // PDF conversion takes seconds a document: show progress for it, or for many documents.
    let threshold = if options.formats.contains(&render::Format::Pdf) {
        0
    } else {
        super::progress::LONG_CHECK_FILES
    };
    let progress = super::progress::Progress::new(
        super::progress::allowed(false),
        "documents rendered",
        threshold,
    );
    let total = renderable.len();
    let written = render::render_documents_reporting(
        &checked.workspace,
        &renderable,
        &markdown,
        &options,
        &args.paths,
        &|| progress.tick(total),
    );
    progress.finish();
    let written = written?;
    for path in &written {
        println!("wrote {}", path.display());
    }
    Ok(if summary.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Refuses, before anything is rendered or written, output names that file systems reject
/// (longer than 255 bytes) or that collide on a case-insensitive file system (macOS,
/// Windows), naming the documents and fields to change.
fn check_output_names(
    workspace: &crate::check::Workspace,
    renderable: &[usize],
    options: &RenderOptions,
) -> Result<(), Failure> {
    let mut seen: std::collections::HashMap<String, (&str, &str, String)> =
        std::collections::HashMap::new();
    for &index in renderable {
        let document = &workspace.documents[index];
        let control = document.definition.document();
        let file = document.file.source.name.as_str();
        for &format in &options.formats {
            let name = render::output_file_name(
                control.id.as_str(),
                control.version(),
                format,
                options.public,
            );
            if name.len() > crate::output::MAX_NAME_BYTES {
                anyhow::bail!(
                    "{file}: the output file name for document `{}` would be {} bytes long, and file systems allow at most {}; shorten `document_control.version` or `document_control.id`",
                    control.id,
                    name.len(),
                    crate::output::MAX_NAME_BYTES
                );
            }
            let key = name.to_lowercase();
            if let Some((first_file, first_id, first_name)) = seen.get(&key) {
                anyhow::bail!(
                    "{first_file} (document `{first_id}`) and {file} (document `{}`) would be written to {} and {}, which are one file on a case-insensitive file system (macOS, Windows); give each document an id that differs from the others by more than case",
                    control.id,
                    options.out_dir.join(first_name).display(),
                    options.out_dir.join(&name).display()
                );
            }
            seen.insert(key, (file, control.id.as_str(), name));
        }
    }
    Ok(())
}

fn house_style(config: &crate::config::StyleConfig) -> Result<HouseStyle, Failure> {
    let defaults = HouseStyle::default();
    let logo = match &config.logo {
        Some(path) => {
            let bytes = crate::load::read_bounded(path, crate::load::MAX_LOGO_BYTES)
                .map_err(|e| anyhow::anyhow!("[style] logo {}: {e}", path.display()))?;
            Some(Logo::from_png(bytes).ok_or_else(|| {
                anyhow::anyhow!(
                    "[style] logo {}: not a PNG image (convert it to PNG)",
                    path.display()
                )
            })?)
        }
        None => None,
    };
    Ok(HouseStyle {
        logo,
        font: config.font.clone().unwrap_or(defaults.font),
        accent: config
            .accent_colour
            .clone()
            .map(|c| c.to_ascii_uppercase())
            .unwrap_or(defaults.accent),
        organisation: config.organisation.clone(),
    })
}
