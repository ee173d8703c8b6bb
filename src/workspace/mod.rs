//! The workspace: every valid definition in view of the rules, resolving an agreement to its
//! protocol and a party to its partner, and the settings the rules read.
//!
//! The rules read the workspace and the [`chain`] of provisions an agreement adopts from its
//! protocol; neither imports the rules, and [`crate::check`] builds the workspace and runs the
//! rules over it.

pub mod chain;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Location;
use crate::load::ParsedFile;
use crate::model::{Agreement, Date, Definition, Partner, Protocol};

/// A definition that passed the schema, with the file it came from.
#[derive(Debug)]
pub struct Document {
    /// The parsed file, for locating nodes.
    pub file: ParsedFile,
    /// The typed definition.
    pub definition: Definition,
}

/// What the portfolio rules need to know of every valid document, kept while the rest of
/// an agreement is dropped.
#[derive(Clone, Debug)]
pub struct PortfolioEntry {
    /// The document id.
    pub id: String,
    /// For an agreement, the id of the protocol it is made under.
    pub protocol: Option<String>,
    /// Whether the document is an agreement (a stand-alone one has no `protocol`).
    pub is_agreement: bool,
    /// Where the document id is written.
    pub id_location: Location,
    /// For an agreement, each party with whether its role is processor (partner id, processor),
    /// so the protocol pass can tell a partner that takes part only as a processor.
    pub parties: Vec<(String, bool)>,
}

/// Every valid definition in view of the rules, and the settings rules read.
///
/// Rules report on the documents in [`Workspace::focus`]; the others (the protocols, while
/// agreements are checked) are there to be looked up. Facts about the whole portfolio come
/// from [`Workspace::portfolio`], which is filled only for the pass that checks protocols.
#[derive(Debug)]
pub struct Workspace {
    /// The documents in view, in file order within each kind.
    pub documents: Vec<Arc<Document>>,
    /// The documents rules report on (indices into `documents`).
    pub focus: Range<usize>,
    /// Every valid document checked, in file order, for the rules that look across files.
    pub portfolio: Arc<Vec<PortfolioEntry>>,
    /// Ids of documents whose files had schema errors: references to them are not reported
    /// as dangling, since the definition exists but could not be read.
    pub unreadable_ids: Arc<HashSet<String>>,
    /// Whether some file could not be parsed at all: its document id is unknown, so a
    /// reference that names nothing may name that file, and "not found" is not reported.
    pub incomplete: bool,
    /// The date lifecycle rules measure against.
    pub today: Date,
    /// Settings from `isagen.toml`.
    pub config: Arc<Config>,
    /// The first protocol with each document id, as an index into `documents`.
    pub(crate) protocol_index: Arc<HashMap<String, usize>>,
}

impl Workspace {
    /// The documents rules report on, with their index.
    pub fn focused(&self) -> impl Iterator<Item = (usize, &Document)> {
        self.focus
            .clone()
            .map(move |i| (i, self.documents[i].as_ref()))
    }

    /// The protocols in focus, with their document index.
    pub fn protocols(&self) -> impl Iterator<Item = (usize, &Protocol)> {
        self.focused().filter_map(|(i, d)| match &d.definition {
            Definition::Protocol(p) => Some((i, p.as_ref())),
            Definition::Agreement(_) => None,
        })
    }

    /// The agreements in focus, with their document index.
    pub fn agreements(&self) -> impl Iterator<Item = (usize, &Agreement)> {
        self.focused().filter_map(|(i, d)| match &d.definition {
            Definition::Agreement(a) => Some((i, a.as_ref())),
            Definition::Protocol(_) => None,
        })
    }

    /// The protocol with document id `id` (the first, if ids clash), in focus or not.
    pub fn protocol(&self, id: &str) -> Option<(usize, &Protocol)> {
        let &index = self.protocol_index.get(id)?;
        match &self.documents[index].definition {
            Definition::Protocol(p) => Some((index, p.as_ref())),
            Definition::Agreement(_) => None,
        }
    }

    /// The ids of every protocol in view.
    pub fn protocol_ids(&self) -> impl Iterator<Item = &str> {
        self.documents.iter().filter_map(|d| match &d.definition {
            Definition::Protocol(p) => Some(p.document.id.as_str()),
            Definition::Agreement(_) => None,
        })
    }

    /// Whether a document with id `id` may exist among the files that could not be read.
    pub fn may_exist_unread(&self, id: &str) -> bool {
        self.incomplete || self.unreadable_ids.contains(id)
    }

    /// The partner `id`: the agreement's own `partners` entry (a stand-alone agreement lists
    /// its bodies there), else the partner of the protocol it is made under, if known.
    pub fn partner<'a>(&'a self, agreement: &'a Agreement, id: &str) -> Option<&'a Partner> {
        if let Some(partner) = agreement.partners.iter().find(|p| p.id.as_str() == id) {
            return Some(partner);
        }
        let (_, protocol) = self.protocol_of(agreement)?;
        protocol.partners.iter().find(|p| p.id.as_str() == id)
    }

    /// The protocol an agreement is made under, with its document index: `None` for a
    /// stand-alone agreement, or when the protocol is not among the files checked.
    pub fn protocol_of(&self, agreement: &Agreement) -> Option<(usize, &Protocol)> {
        self.protocol(agreement.protocol.as_ref()?.as_str())
    }

    /// A workspace of `documents`, all in focus, with no portfolio entries: for running the
    /// rules over definitions built in memory (tests, fuzzing, benchmarks).
    pub fn of(documents: Vec<Document>, config: Config, today: Date) -> Workspace {
        let documents: Vec<Arc<Document>> = documents.into_iter().map(Arc::new).collect();
        let portfolio = documents
            .iter()
            .map(|d| portfolio_entry(d))
            .collect::<Vec<_>>();
        Workspace {
            protocol_index: Arc::new(index_protocols(&documents)),
            focus: 0..documents.len(),
            documents,
            portfolio: Arc::new(portfolio),
            unreadable_ids: Arc::default(),
            incomplete: false,
            today,
            config: Arc::new(config),
        }
    }
}

pub(crate) fn index_protocols(documents: &[Arc<Document>]) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, document) in documents.iter().enumerate() {
        if let Definition::Protocol(p) = &document.definition {
            index.entry(p.document.id.to_string()).or_insert(i);
        }
    }
    index
}

pub(crate) fn portfolio_entry(document: &Document) -> PortfolioEntry {
    PortfolioEntry {
        id: document.definition.document().id.to_string(),
        protocol: match &document.definition {
            Definition::Agreement(a) => a.protocol.as_ref().map(|p| p.to_string()),
            Definition::Protocol(_) => None,
        },
        is_agreement: matches!(document.definition, Definition::Agreement(_)),
        id_location: document.file.locate("/document/id", false),
        parties: match &document.definition {
            Definition::Agreement(a) => a
                .parties
                .iter()
                .map(|p| {
                    (
                        p.partner.to_string(),
                        p.role == crate::model::Role::Processor,
                    )
                })
                .collect(),
            Definition::Protocol(_) => Vec::new(),
        },
    }
}
