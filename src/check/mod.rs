//! Stage 2, check: every file against the published schema, then into the typed model, then
//! through the rules, which see all the files together so references resolve across them.

pub mod schema;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Related};
use crate::load::{self, ParsedFile, ReadOutcome, SourceFile, discover};
use crate::model::{Agreement, Date, Definition, Partner, Protocol};
use crate::rules::{self, Sink, builtin};

/// A definition that passed the schema, with the file it came from.
#[derive(Debug)]
pub struct Document {
    /// The parsed file, for locating nodes.
    pub file: ParsedFile,
    /// The typed definition.
    pub definition: Definition,
}

/// Every valid definition checked together, and the settings rules read.
#[derive(Debug)]
pub struct Workspace {
    /// The documents, in file order.
    pub documents: Vec<Document>,
    /// Ids of documents whose files had schema errors: references to them are not reported
    /// as dangling, since the definition exists but could not be read.
    pub unreadable_ids: HashSet<String>,
    /// Whether some file could not be parsed at all: its document id is unknown, so a
    /// reference that names nothing may name that file, and "not found" is not reported.
    pub incomplete: bool,
    /// The date lifecycle rules measure against.
    pub today: Date,
    /// Settings from `isagen.toml`.
    pub config: Config,
}

impl Workspace {
    /// The protocols, with their document index.
    pub fn protocols(&self) -> impl Iterator<Item = (usize, &Protocol)> {
        self.documents
            .iter()
            .enumerate()
            .filter_map(|(i, d)| match &d.definition {
                Definition::Protocol(p) => Some((i, p.as_ref())),
                Definition::Agreement(_) => None,
            })
    }

    /// The agreements, with their document index.
    pub fn agreements(&self) -> impl Iterator<Item = (usize, &Agreement)> {
        self.documents
            .iter()
            .enumerate()
            .filter_map(|(i, d)| match &d.definition {
                Definition::Agreement(a) => Some((i, a.as_ref())),
                Definition::Protocol(_) => None,
            })
    }

    /// The protocol with document id `id` (the first, if ids clash).
    pub fn protocol(&self, id: &str) -> Option<(usize, &Protocol)> {
        self.protocols().find(|(_, p)| p.document.id.as_str() == id)
    }

    /// Whether a document with id `id` may exist among the files that could not be read.
    pub fn may_exist_unread(&self, id: &str) -> bool {
        self.incomplete || self.unreadable_ids.contains(id)
    }

    /// The partner `id` of the protocol an agreement is made under, if both are known.
    pub fn partner(&self, agreement: &Agreement, id: &str) -> Option<&Partner> {
        let (_, protocol) = self.protocol(agreement.protocol.as_str())?;
        protocol.partners.iter().find(|p| p.id.as_str() == id)
    }
}

/// What checking produced.
#[derive(Debug)]
pub struct Checked {
    /// The valid definitions.
    pub workspace: Workspace,
    /// Every finding, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The text of every file read, for code frames.
    pub sources: Vec<Arc<SourceFile>>,
    /// How many definition files were checked.
    pub files: usize,
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
        "no definition files found in {0} (looked for .yaml, .yml and .json files with a top-level `kind`)"
    )]
    NothingFound(String),
}

/// Finds, loads and checks the definitions under `paths`.
pub fn check_paths(paths: &[PathBuf], config: Config, today: Date) -> Result<Checked, CheckError> {
    let candidates = discover(paths)?;
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    let mut documents = Vec::new();
    let mut unreadable_ids = HashSet::new();
    let mut incomplete = false;
    let mut files = 0;
    for candidate in candidates {
        let outcome =
            load::read_file(&candidate.path, &candidate.name).map_err(|e| CheckError::Read {
                path: candidate.name.clone(),
                message: load::discover::describe_io(&e),
            })?;
        match outcome {
            ReadOutcome::Invalid(source, found) => {
                if !candidate.explicit && !load::discover::looks_like_definition(&source.text) {
                    continue;
                }
                files += 1;
                incomplete = true;
                sources.push(source);
                diagnostics.extend(found);
            }
            ReadOutcome::Parsed(file) => {
                let has_kind = file.value.get("kind").is_some();
                if !candidate.explicit && !has_kind {
                    continue;
                }
                files += 1;
                sources.push(file.source.clone());
                let found = schema::check(&file);
                if !found.is_empty() {
                    if let Some(id) = file.value.pointer("/document/id").and_then(|v| v.as_str()) {
                        unreadable_ids.insert(id.to_string());
                    }
                    diagnostics.extend(found);
                    continue;
                }
                match into_definition(&file) {
                    Ok(definition) => documents.push(Document { file, definition }),
                    Err(diagnostic) => diagnostics.push(*diagnostic),
                }
            }
        }
    }
    if files == 0 {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(CheckError::NothingFound(shown.join(", ")));
    }
    let workspace = Workspace {
        documents,
        unreadable_ids,
        incomplete,
        today,
        config,
    };
    diagnostics.extend(run_rules(&workspace));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(Checked {
        workspace,
        diagnostics,
        sources,
        files,
    })
}

fn into_definition(file: &ParsedFile) -> Result<Definition, Box<Diagnostic>> {
    let kind = file.value.get("kind").and_then(|k| k.as_str());
    let result = match kind {
        Some("protocol") => serde_json::from_value::<Protocol>(file.value.clone())
            .map(|p| Definition::Protocol(Box::new(p))),
        _ => serde_json::from_value::<Agreement>(file.value.clone())
            .map(|a| Definition::Agreement(Box::new(a))),
    };
    result.map_err(|e| {
        Box::new(builtin::INVALID_VALUE.diagnostic(
            file.locate("", false),
            format!("the definition cannot be read: {e}"),
            None,
        ))
    })
}

/// Runs every enabled rule over the workspace.
pub fn run_rules(workspace: &Workspace) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    for rule in rules::registry() {
        let Some(check) = rule.check else { continue };
        let Some(severity) = workspace.config.severity(rule) else {
            continue;
        };
        let mut sink = Sink::new(rule);
        check(workspace, &mut sink);
        for finding in sink.into_findings() {
            let file = &workspace.documents[finding.document].file;
            let mut diagnostic = rule.diagnostic(
                file.locate(&finding.pointer, finding.on_key),
                finding.message,
                finding.hint,
            );
            diagnostic.severity = severity;
            diagnostic.related = finding
                .related
                .into_iter()
                .map(|(document, pointer, message)| Related {
                    location: workspace.documents[document].file.locate(&pointer, false),
                    message,
                })
                .collect();
            diagnostics.push(diagnostic);
        }
    }
    diagnostics
}
