//! Stage 2, check: every file against the published schema, then into the typed model, then
//! through the rules.
//!
//! Files are checked in parallel and in a fixed order of work, so the findings are the same
//! on any number of cores:
//!
//! 1. every file's `kind` is read from its first lines ([`load::yaml::peek_kind`]);
//! 2. protocols (and files whose kind cannot be seen) are loaded first, since every agreement
//!    is checked against its protocol;
//! 3. agreements are loaded and checked one at a time each, in parallel, against the
//!    protocols; what the portfolio rules need of each is kept as a [`PortfolioEntry`], and
//!    the rest is dropped unless the caller asked to keep it ([`Keep`]);
//! 4. the protocols are checked, and the rules that look across the whole portfolio
//!    (duplicate document ids, the protocol's list of agreements) run over the entries.
//!
//! So validating thousands of agreements holds only the protocols, one agreement per core
//! and the findings in memory.

pub mod exceptions;
mod memory;
pub mod schema;

pub use crate::workspace::{Document, PortfolioEntry, Workspace, chain};
use crate::workspace::{index_protocols, portfolio_entry};
pub use memory::{InMemory, check_sources};

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Related};
use crate::load::{self, ParsedFile, ReadOutcome, SourceFile, discover::Candidate};
use crate::model::{Agreement, Date, Definition, Protocol};
use crate::rules::{self, Sink, Target, builtin};

/// What checking produced.
#[derive(Debug)]
pub struct Checked {
    /// The valid definitions: all of them with [`Keep::Documents`], else only the
    /// protocols. Every one is in focus.
    pub workspace: Workspace,
    /// Every finding, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file checked, in name order. With [`Keep::Findings`], a clean file keeps only
    /// its name, and a file with findings its text only if code frames were asked for.
    pub sources: Vec<Arc<SourceFile>>,
    /// How many definition files were checked.
    pub files: usize,
    /// How many files were valid definitions.
    pub valid: usize,
    /// The findings the definitions' exceptions accept, sorted as `diagnostics`: reported as
    /// accepted, never as failures.
    pub suppressed: Vec<exceptions::Suppressed>,
    /// Files a folder search found and did not check (excluded, or not isagen definitions),
    /// with the reason, in name order, for `--verbose`.
    pub skipped: Vec<load::select::SkippedFile>,
}

/// What a check keeps once each file is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Every valid document, for the commands that go on to use them (render, register).
    Documents,
    /// Only the findings and the protocols, so memory stays flat however many agreements
    /// are checked (validate); with `code_frames`, also the text of each file that has
    /// findings, for a report that quotes the lines.
    Findings {
        /// Keep the text of files with findings.
        code_frames: bool,
    },
}

impl Keep {
    /// Whether to keep a valid file's text, given whether it has findings.
    fn text(self, has_findings: bool) -> bool {
        match self {
            Keep::Documents => true,
            Keep::Findings { code_frames } => code_frames && has_findings,
        }
    }
}

/// The tool could not do its job (distinct from findings about the definitions).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A path could not be searched.
    #[error(transparent)]
    Discover(#[from] load::DiscoverError),
    /// A file could not be read.
    #[error("{path}: {message}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        message: String,
    },
    /// No definition files were found.
    #[error(
        "no definition files found in {0} (looked for .yaml, .yml and .json files with a top-level `schema_version` and `kind: protocol` or `kind: agreement`; `--verbose` lists the files skipped)"
    )]
    NothingFound(String),
    /// An exclusion glob cannot be used.
    #[error("{0}")]
    Exclude(String),
}

/// Finds, loads and checks the definitions under `paths`, keeping every valid document.
pub fn check_paths(paths: &[PathBuf], config: Config, today: Date) -> Result<Checked, CheckError> {
    check_paths_keeping(paths, config, today, Keep::Documents)
}

/// How many agreements are loaded at once, spread over the cores: enough to keep every core
/// busy, few enough that memory does not grow with the portfolio.
const AGREEMENTS_AT_ONCE: usize = 64;

/// Finds, loads and checks the definitions under `paths`, keeping what `keep` says.
pub fn check_paths_keeping(
    paths: &[PathBuf],
    config: Config,
    today: Date,
    keep: Keep,
) -> Result<Checked, CheckError> {
    check_paths_reporting(paths, config, today, keep, &|_, _| {})
}

/// As [`check_paths_keeping`], calling `progress(done, total)` as files are checked (from
/// the calling thread), so a caller can show progress on a long run.
pub fn check_paths_reporting(
    paths: &[PathBuf],
    config: Config,
    today: Date,
    keep: Keep,
    progress: &dyn Fn(usize, usize),
) -> Result<Checked, CheckError> {
    let exclude = config
        .exclude()
        .map_err(|e| CheckError::Exclude(e.to_string()))?;
    let (candidates, mut skipped) = load::discover::discover_excluding(paths, &exclude)?;
    let mut checked = check_loaded(
        candidates.len(),
        &|i| load::peek_kind(&candidates[i].path),
        &|i| load_candidate(&candidates[i]),
        config,
        today,
        keep,
        progress,
    )?;
    skipped.append(&mut checked.skipped);
    skipped.sort_by(|a, b| a.name.cmp(&b.name));
    checked.skipped = skipped;
    if checked.files == 0 {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(CheckError::NothingFound(shown.join(", ")));
    }
    Ok(checked)
}

/// Checks `count` files, each loaded by `load` (whose kind `kind` peeks), in the order of
/// work the module documentation describes, calling `progress(done, total)` as it goes: the
/// one pipeline behind [`check_paths_keeping`] and [`check_sources`] (files in memory, for
/// the language server).
fn check_loaded(
    count: usize,
    kind: &(dyn Fn(usize) -> Option<String> + Sync),
    load: &(dyn Fn(usize) -> Result<Loaded, CheckError> + Sync),
    config: Config,
    today: Date,
    keep: Keep,
    progress: &dyn Fn(usize, usize),
) -> Result<Checked, CheckError> {
    let config = Arc::new(config);
    let kinds: Vec<Option<String>> = (0..count).into_par_iter().map(kind).collect();
    let (agreements, others): (Vec<usize>, Vec<usize>) =
        (0..count).partition(|&i| kinds[i].as_deref() == Some("agreement"));

    let mut tally = Tally::default();
    let loaded: Vec<Loaded> = others
        .par_iter()
        .map(|&i| load(i))
        .collect::<Result<_, _>>()?;
    let total = count;
    let mut done = others.len();
    progress(done, total);
    let mut protocols = Vec::new();
    for (&i, loaded) in others.iter().zip(loaded) {
        // Protocols stay in memory, so keeping their text costs nothing more.
        if let Some(document) = tally.count(i, settle(loaded, Keep::Documents, false)) {
            protocols.push((i, Arc::new(document)));
        }
    }
    // Protocols in file order, so "the first protocol with this id" means the same as ever.
    let context: Vec<Arc<Document>> = protocols.iter().map(|(_, d)| d.clone()).collect();
    let protocol_index = Arc::new(index_protocols(&context));
    let unreadable_ids = Arc::new(tally.unreadable_ids.clone());

    let mut kept = Vec::new();
    for chunk in agreements.chunks(AGREEMENTS_AT_ONCE * rayon::current_num_threads()) {
        // Each agreement is settled where it was checked, so a document that is not kept is
        // dropped on the thread that allocated it.
        let checked: Vec<(Settled, Vec<Diagnostic>)> = chunk
            .par_iter()
            .map(|&i| {
                let loaded = load(i)?;
                let Loaded::Document(document) = loaded else {
                    return Ok((settle(loaded, keep, false), Vec::new()));
                };
                let mut documents = context.clone();
                documents.push(Arc::new(document));
                let workspace = Workspace {
                    focus: context.len()..documents.len(),
                    documents,
                    portfolio: Arc::default(),
                    unreadable_ids: unreadable_ids.clone(),
                    incomplete: tally.incomplete,
                    today,
                    config: config.clone(),
                    protocol_index: protocol_index.clone(),
                };
                let found = run_rules(&workspace);
                let document = workspace.documents.into_iter().last().expect("pushed");
                let document = Arc::into_inner(document).expect("the workspace is gone");
                let has_findings = !found.is_empty();
                Ok((
                    settle(Loaded::Document(document), keep, has_findings),
                    found,
                ))
            })
            .collect::<Result<_, CheckError>>()?;
        done += chunk.len();
        progress(done, total);
        for (&i, (settled, found)) in chunk.iter().zip(checked) {
            tally.diagnostics.extend(found);
            let Some(document) = tally.count(i, settled) else {
                continue;
            };
            if keep == Keep::Documents {
                kept.push((i, Arc::new(document)));
            }
        }
    }

    let mut skipped = std::mem::take(&mut tally.skipped);
    skipped.sort_by(|a, b| a.name.cmp(&b.name));
    tally.portfolio.sort_by_key(|(i, _)| *i);
    let portfolio: Vec<PortfolioEntry> = tally.portfolio.iter().map(|(_, e)| e.clone()).collect();
    let protocols_workspace = Workspace {
        focus: 0..context.len(),
        documents: context,
        portfolio: Arc::new(portfolio),
        unreadable_ids: Arc::new(tally.unreadable_ids.clone()),
        incomplete: tally.incomplete,
        today,
        config: config.clone(),
        protocol_index,
    };
    let found = run_rules(&protocols_workspace);
    tally.diagnostics.extend(found);
    // Every rule has run over every file: only now can the exceptions be applied.
    tally.exceptions.sort_by_key(|(i, _)| *i);
    let (diagnostics, mut suppressed) = exceptions::apply(
        std::mem::take(&mut tally.diagnostics),
        tally.exceptions.iter().flat_map(|(_, e)| e),
        today,
        &config,
    );
    tally.diagnostics = diagnostics;
    suppressed.sort_by(|a, b| a.diagnostic.sort_key().cmp(&b.diagnostic.sort_key()));

    // Every document, in file order, for the commands that use them.
    let mut documents: Vec<(usize, Arc<Document>)> = protocols;
    documents.extend(kept);
    documents.sort_by_key(|(i, _)| *i);
    let documents: Vec<Arc<Document>> = documents.into_iter().map(|(_, d)| d).collect();
    let valid = tally.portfolio.len();
    let workspace = Workspace {
        protocol_index: Arc::new(index_protocols(&documents)),
        focus: 0..documents.len(),
        documents,
        portfolio: protocols_workspace.portfolio.clone(),
        unreadable_ids: Arc::new(tally.unreadable_ids),
        incomplete: tally.incomplete,
        today,
        config,
    };
    let mut diagnostics = tally.diagnostics;
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let sources = if keep.text(true) {
        restore_texts(tally.sources, &diagnostics)
    } else {
        let mut sources = tally.sources;
        sources.sort_by_key(|(i, _)| *i);
        sources.into_iter().map(|(_, s)| s).collect()
    };
    Ok(Checked {
        workspace,
        diagnostics,
        sources,
        files: tally.files,
        valid,
        suppressed,
        skipped,
    })
}

/// One file loaded: a valid document, or why not.
enum Loaded {
    /// Not a definition (a YAML file without `schema_version` and an isagen `kind`, found in
    /// a folder): ignored.
    Skipped(load::select::SkippedFile),
    /// The file could not be read as a definition; the diagnostics say why.
    Invalid {
        source: Arc<SourceFile>,
        diagnostics: Vec<Diagnostic>,
        /// The document id, if the file parsed far enough to have one.
        id: Option<String>,
        /// Whether the file could not be parsed at all.
        unparsed: bool,
    },
    /// A valid definition.
    Document(Document),
}

fn load_candidate(candidate: &Candidate) -> Result<Loaded, CheckError> {
    let outcome =
        load::read_file(&candidate.path, &candidate.name).map_err(|e| CheckError::Read {
            path: candidate.name.clone(),
            message: load::discover::describe_io(&e),
        })?;
    Ok(classify(outcome, candidate.explicit))
}

/// What a file read or parsed amounts to; a file found in a folder (not `explicit`) that is
/// not a definition is skipped.
fn classify(outcome: ReadOutcome, explicit: bool) -> Loaded {
    match outcome {
        ReadOutcome::Invalid(source, diagnostics) => {
            if !explicit && !load::discover::looks_like_definition(&source.text) {
                return Loaded::Skipped(not_a_definition(&source.name));
            }
            Loaded::Invalid {
                source,
                diagnostics,
                id: None,
                unparsed: true,
            }
        }
        ReadOutcome::Parsed(file) => {
            if !explicit && !load::select::is_definition(&file.value) {
                return Loaded::Skipped(not_a_definition(&file.source.name));
            }
            let id = file
                .value
                .pointer("/document/id")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            match document_from(file) {
                Ok(document) => Loaded::Document(document),
                Err((source, diagnostics)) => Loaded::Invalid {
                    id,
                    source,
                    diagnostics,
                    unparsed: false,
                },
            }
        }
    }
}

fn not_a_definition(name: &str) -> load::select::SkippedFile {
    load::select::SkippedFile {
        name: name.to_string(),
        reason: "not an isagen definition (no top-level `schema_version` with `kind: protocol` or `kind: agreement`)".into(),
    }
}

/// Checks a parsed file against the schema and reads it into the typed model: the document,
/// or the findings that say why not (with the file's source, for code frames).
pub fn document_from(file: ParsedFile) -> Result<Document, (Arc<SourceFile>, Vec<Diagnostic>)> {
    let diagnostics = schema::check(&file);
    if !diagnostics.is_empty() {
        return Err((file.source, diagnostics));
    }
    match into_definition(&file) {
        Ok(definition) => Ok(Document { file, definition }),
        Err(diagnostic) => Err((file.source, vec![*diagnostic])),
    }
}

/// What the files checked so far add up to.
#[derive(Default)]
struct Tally {
    files: usize,
    incomplete: bool,
    unreadable_ids: HashSet<String>,
    diagnostics: Vec<Diagnostic>,
    /// Each file's source by candidate index; the text is dropped from clean files.
    sources: Vec<(usize, Arc<SourceFile>)>,
    portfolio: Vec<(usize, PortfolioEntry)>,
    /// The exceptions each valid document records, resolved against it (only pointers and
    /// locations, so the documents themselves need not be kept), by candidate index.
    exceptions: Vec<(usize, Vec<exceptions::Recorded>)>,
    /// Files found and not checked.
    skipped: Vec<load::select::SkippedFile>,
}

/// What one file's check leaves for the tally: all that is kept of it.
enum Settled {
    /// Not a definition.
    Skipped(load::select::SkippedFile),
    /// Not a valid definition.
    Invalid {
        source: Arc<SourceFile>,
        diagnostics: Vec<Diagnostic>,
        id: Option<String>,
        unparsed: bool,
    },
    /// A valid definition: what the portfolio rules and exceptions need of it, its source
    /// (hollow unless kept), and the document itself if it is kept.
    Valid {
        entry: PortfolioEntry,
        exceptions: Vec<exceptions::Recorded>,
        source: Arc<SourceFile>,
        document: Option<Box<Document>>,
    },
}

/// Settles a file's outcome: keeps what `keep` says, given whether the rules found anything
/// in it, and drops the rest.
fn settle(loaded: Loaded, keep: Keep, has_findings: bool) -> Settled {
    match loaded {
        Loaded::Skipped(file) => Settled::Skipped(file),
        Loaded::Invalid {
            source,
            diagnostics,
            id,
            unparsed,
        } => Settled::Invalid {
            source: hollow_unless(keep.text(true), source),
            diagnostics,
            id,
            unparsed,
        },
        Loaded::Document(document) => Settled::Valid {
            entry: portfolio_entry(&document),
            exceptions: exceptions::record(&document),
            source: hollow_unless(keep.text(has_findings), document.file.source.clone()),
            document: (keep == Keep::Documents).then(|| Box::new(document)),
        },
    }
}

impl Tally {
    /// Counts candidate `index`'s settled outcome, returning the document if it was kept.
    fn count(&mut self, index: usize, settled: Settled) -> Option<Document> {
        match settled {
            Settled::Skipped(file) => {
                self.skipped.push(file);
                None
            }
            Settled::Invalid {
                source,
                diagnostics,
                id,
                unparsed,
            } => {
                self.files += 1;
                self.incomplete |= unparsed;
                self.unreadable_ids.extend(id);
                self.sources.push((index, source));
                self.diagnostics.extend(diagnostics);
                None
            }
            Settled::Valid {
                entry,
                exceptions,
                source,
                document,
            } => {
                self.files += 1;
                self.portfolio.push((index, entry));
                self.exceptions.push((index, exceptions));
                self.sources.push((index, source));
                document.map(|d| *d)
            }
        }
    }
}

/// `source`, or only its name and path unless `keep_text`.
fn hollow_unless(keep_text: bool, source: Arc<SourceFile>) -> Arc<SourceFile> {
    if keep_text {
        source
    } else {
        Arc::new(SourceFile::new(&source.name, &source.path, String::new()))
    }
}

/// The sources in file order, with the text read again for any file that a finding points
/// into but whose text was dropped (a finding from the portfolio rules).
fn restore_texts(
    mut sources: Vec<(usize, Arc<SourceFile>)>,
    diagnostics: &[Diagnostic],
) -> Vec<Arc<SourceFile>> {
    sources.sort_by_key(|(i, _)| *i);
    let mut wanted: HashSet<&str> = HashSet::new();
    for d in diagnostics {
        wanted.insert(&d.location.file);
        wanted.extend(d.related.iter().map(|r| r.location.file.as_str()));
    }
    sources
        .into_iter()
        .map(|(_, source)| {
            if source.text.is_empty()
                && wanted.contains(source.name.as_str())
                && let Ok(text) = load::read_bounded_to_string(&source.path, load::MAX_FILE_BYTES)
            {
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                return Arc::new(SourceFile::new(&source.name, &source.path, text));
            }
            source
        })
        .collect()
}

fn into_definition(file: &ParsedFile) -> Result<Definition, Box<Diagnostic>> {
    use serde::Deserialize as _;
    let kind = file.value.get("kind").and_then(|k| k.as_str());
    // Read from the value in place, without copying it first.
    let result = match kind {
        Some("protocol") => {
            Protocol::deserialize(&file.value).map(|p| Definition::Protocol(Box::new(p)))
        }
        _ => Agreement::deserialize(&file.value).map(|a| Definition::Agreement(Box::new(a))),
    };
    result.map_err(|e| {
        Box::new(builtin::INVALID_VALUE.diagnostic(
            file.locate("", false),
            format!("the definition cannot be read: {e}"),
            None,
        ))
    })
}

/// Runs every enabled rule over the documents in the workspace's focus.
pub fn run_rules(workspace: &Workspace) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in rules::registry() {
        let Some(check) = rule.check else { continue };
        let Some(severity) = workspace.config.severity(rule) else {
            continue;
        };
        // A severity set in the configuration applies to every finding of the rule; without
        // one, a finding may carry its own (G022 reports errors and warnings).
        let configured = workspace
            .config
            .rules
            .keys()
            .any(|key| key.eq_ignore_ascii_case(rule.code) || key.as_str() == rule.name);
        let mut sink = Sink::new(rule);
        check(workspace, &mut sink);
        for finding in sink.into_findings() {
            let place = |target: Target| match target {
                Target::Node { document, pointer } => {
                    workspace.documents[document].file.locate(&pointer, false)
                }
                Target::At(location) => location,
            };
            let location = match finding.target {
                Target::Node { document, pointer } => workspace.documents[document]
                    .file
                    .locate(&pointer, finding.on_key),
                Target::At(location) => location,
            };
            let mut diagnostic = rule.diagnostic(location, finding.message, finding.hint);
            diagnostic.severity = match finding.severity {
                Some(own) if !configured => own,
                _ => severity,
            };
            diagnostic.related = finding
                .related
                .into_iter()
                .map(|(target, message)| Related {
                    location: place(target),
                    message,
                })
                .collect();
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}
