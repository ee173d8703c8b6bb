//! The server's state and its message loop.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::mpsc::{Receiver, TryRecvError};

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeDescription, CompletionItem, CompletionItemKind,
    CompletionOptions, CompletionParams, CompletionResponse, CompletionTextEdit,
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, Documentation, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, Location, MarkupContent, MarkupKind, NumberOrString, OneOf,
    Position, PositionEncodingKind, PublishDiagnosticsParams, Range, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use serde_json::Value;

use super::index::{IdKind, Index, schema_facts};
use super::text;
use super::transport::{self, Incoming};
use crate::check::{InMemory, Keep, check_sources};
use crate::config::{self, Config};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Date;
use crate::rules;

/// Where the rules are documented, for a diagnostic's `codeDescription` (the README's rule
/// table, which `isagen rules --format markdown` generates).
const RULES_URL: &str = "https://github.com/isagen/isagen#rules";

/// Runs the server until the client says `exit`. Returns whether `shutdown` came first
/// (exit code 0 if so, 1 if not, as the protocol asks).
pub fn run() -> anyhow::Result<bool> {
    let incoming = transport::spawn_reader();
    let mut server = Server {
        out: io::stdout(),
        roots: Vec::new(),
        open: BTreeMap::new(),
        config: Config::default(),
        today: None,
        dirty: false,
        files: HashMap::new(),
        index: Index::default(),
        shutdown: false,
        initialized: false,
    };
    server.serve(&incoming)
}

struct Open {
    uri: Uri,
    text: String,
    version: i32,
}

struct Server {
    out: io::Stdout,
    /// The workspace folders.
    roots: Vec<PathBuf>,
    /// The documents the editor has open, by path.
    open: BTreeMap<PathBuf, Open>,
    config: Config,
    /// `[lifecycle] as_of` from the configuration, else the system date at each check.
    today: Option<Date>,
    /// Whether a document changed since the last check.
    dirty: bool,
    /// The text of every file in the last check, by the name diagnostics carry.
    files: HashMap<String, String>,
    /// The ids of the last check's files.
    index: Index,
    shutdown: bool,
    initialized: bool,
}

/// What a handler failed with: sent back as an error response.
struct Failed(ErrorCode, String);

impl Server {
    fn send(&mut self, message: Message) {
        if let Err(e) = transport::write_message(&mut self.out.lock(), &message) {
            eprintln!("isagen lsp: cannot write to the client: {e}");
        }
    }

    fn serve(&mut self, incoming: &Receiver<Incoming>) -> anyhow::Result<bool> {
        loop {
            let Ok(Incoming::Message(message)) = incoming.recv() else {
                // The client went away without `exit`.
                return Ok(false);
            };
            if let Some(clean) = self.handle(message) {
                return Ok(clean);
            }
            // Handle everything already waiting before checking again, so a burst of
            // changes is checked once.
            loop {
                match incoming.try_recv() {
                    Ok(Incoming::Message(message)) => {
                        if let Some(clean) = self.handle(message) {
                            return Ok(clean);
                        }
                    }
                    Ok(Incoming::End) | Err(TryRecvError::Disconnected) => return Ok(false),
                    Err(TryRecvError::Empty) => break,
                }
            }
            if self.dirty && catch_unwind(AssertUnwindSafe(|| self.recheck())).is_err() {
                eprintln!("isagen lsp: the check failed; the findings shown may be out of date");
            }
        }
    }

    /// Handles one message; `Some(clean)` when the server is to stop.
    fn handle(&mut self, message: Message) -> Option<bool> {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let method = request.method.clone();
                let result = catch_unwind(AssertUnwindSafe(|| self.request(request)));
                let response = match result {
                    Ok(Ok(value)) => Response::new_ok(id, value),
                    Ok(Err(Failed(code, message))) => Response::new_err(id, code as i32, message),
                    Err(_) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("isagen could not answer `{method}`"),
                    ),
                };
                self.send(response.into());
                None
            }
            Message::Notification(notification) => {
                if notification.method == "exit" {
                    return Some(self.shutdown);
                }
                let method = notification.method.clone();
                if catch_unwind(AssertUnwindSafe(|| self.notification(notification))).is_err() {
                    eprintln!("isagen lsp: could not handle `{method}`");
                }
                None
            }
            Message::Response(_) => None,
        }
    }

    fn request(&mut self, request: Request) -> Result<Value, Failed> {
        if request.method == "initialize" {
            if self.initialized {
                return Err(Failed(
                    ErrorCode::InvalidRequest,
                    "the server is already initialised".into(),
                ));
            }
            let params: InitializeParams = params(request.params)?;
            self.initialize(params);
            return Ok(serde_json::to_value(initialize_result()).expect("serialisable"));
        }
        if !self.initialized {
            return Err(Failed(
                ErrorCode::ServerNotInitialized,
                "initialize first".into(),
            ));
        }
        if self.shutdown {
            return Err(Failed(
                ErrorCode::InvalidRequest,
                "the server is shutting down".into(),
            ));
        }
        if self.dirty {
            self.recheck();
        }
        let value = match request.method.as_str() {
            "shutdown" => {
                self.shutdown = true;
                Value::Null
            }
            "textDocument/completion" => to_value(self.completion(params(request.params)?)),
            "textDocument/hover" => to_value(self.hover(params(request.params)?)),
            "textDocument/definition" => to_value(self.definition(params(request.params)?)),
            "textDocument/codeAction" => to_value(self.code_actions(params(request.params)?)),
            other => {
                return Err(Failed(
                    ErrorCode::MethodNotFound,
                    format!("isagen does not handle `{other}`"),
                ));
            }
        };
        Ok(value)
    }

    fn notification(&mut self, notification: Notification) {
        if !self.initialized {
            return;
        }
        let method = notification.method.clone();
        let value = notification.params;
        let bad = |e: serde_json::Error| eprintln!("isagen lsp: bad `{method}`: {e}");
        match method.as_str() {
            "textDocument/didOpen" => {
                match serde_json::from_value::<DidOpenTextDocumentParams>(value) {
                    Ok(p) => {
                        if let Some(path) = text::path_of(&p.text_document.uri) {
                            self.open.insert(
                                path,
                                Open {
                                    uri: p.text_document.uri,
                                    text: p.text_document.text,
                                    version: p.text_document.version,
                                },
                            );
                            self.dirty = true;
                        }
                    }
                    Err(e) => bad(e),
                }
            }
            "textDocument/didChange" => {
                match serde_json::from_value::<DidChangeTextDocumentParams>(value) {
                    Ok(p) => {
                        let Some(path) = text::path_of(&p.text_document.uri) else {
                            return;
                        };
                        // Full synchronisation: the last change holds the whole text.
                        if let Some(open) = self.open.get_mut(&path)
                            && let Some(change) = p.content_changes.into_iter().last()
                        {
                            if change.range.is_some() {
                                eprintln!(
                                    "isagen lsp: an incremental change was sent; the server asked for full text"
                                );
                                return;
                            }
                            open.text = change.text;
                            open.version = p.text_document.version;
                            self.dirty = true;
                        }
                    }
                    Err(e) => bad(e),
                }
            }
            "textDocument/didClose" => {
                match serde_json::from_value::<DidCloseTextDocumentParams>(value) {
                    Ok(p) => {
                        if let Some(path) = text::path_of(&p.text_document.uri) {
                            self.open.remove(&path);
                            self.publish(p.text_document.uri, Vec::new(), None);
                            self.dirty = true;
                        }
                    }
                    Err(e) => bad(e),
                }
            }
            // Files not open are read again from disk at each check.
            "textDocument/didSave" | "workspace/didChangeWatchedFiles" => self.dirty = true,
            _ => {}
        }
    }

    fn initialize(&mut self, params: InitializeParams) {
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .unwrap_or_default()
            .iter()
            .filter_map(|f| text::path_of(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(text::path_of)
        {
            roots.push(root);
        }
        self.roots = roots;
        self.initialized = true;
    }

    /// Reads `isagen.toml` (found from the first workspace folder upwards) again, so an
    /// edit to it applies at the next check.
    fn load_config(&mut self) {
        self.config = Config::default();
        if let Some(found) = self.roots.first().and_then(|r| config::find(r)) {
            match config::load(&found) {
                Ok(config) => self.config = config,
                Err(e) => eprintln!(
                    "isagen lsp: {}: {e}; using the default settings",
                    found.display()
                ),
            }
        }
        self.today = self.config.lifecycle.as_of;
    }

    /// Checks the workspace (the files on disk, with the open documents' text in their
    /// place) and publishes the findings of every open document.
    fn recheck(&mut self) {
        self.dirty = false;
        self.load_config();
        let mut texts: BTreeMap<PathBuf, String> = BTreeMap::new();
        for root in &self.roots {
            match crate::load::discover(std::slice::from_ref(root)) {
                Ok(candidates) => {
                    for candidate in candidates {
                        if self.open.contains_key(&candidate.path) {
                            continue;
                        }
                        // A file that cannot be read now (gone, not UTF-8) is left out.
                        if let Ok(text) = crate::load::read_bounded_to_string(
                            &candidate.path,
                            crate::load::MAX_FILE_BYTES,
                        ) {
                            let text = match text.strip_prefix('\u{feff}') {
                                Some(rest) => rest.to_string(),
                                None => text,
                            };
                            texts.insert(candidate.path, text);
                        }
                    }
                }
                Err(e) => eprintln!("isagen lsp: {e}"),
            }
        }
        for (path, open) in &self.open {
            let text = open.text.strip_prefix('\u{feff}').unwrap_or(&open.text);
            texts.insert(path.clone(), text.to_string());
        }
        let files: Vec<InMemory> = texts
            .iter()
            .map(|(path, text)| InMemory {
                path: path.clone(),
                name: path.display().to_string(),
                text: text.clone(),
                explicit: false,
            })
            .collect();
        let today = self
            .today
            .unwrap_or_else(|| Date(time::OffsetDateTime::now_utc().date()));
        let diagnostics = match check_sources(&files, self.config.clone(), today, Keep::Documents) {
            Ok(checked) => checked.diagnostics,
            Err(e) => {
                eprintln!("isagen lsp: {e}");
                Vec::new()
            }
        };
        self.files = files
            .iter()
            .map(|f| (f.name.clone(), f.text.clone()))
            .collect();
        let pairs: Vec<(PathBuf, String)> = texts.into_iter().collect();
        self.index = Index::build(&pairs);

        let mut by_file: HashMap<String, Vec<lsp_types::Diagnostic>> = HashMap::new();
        for diagnostic in &diagnostics {
            let converted = self.convert(diagnostic);
            by_file
                .entry(diagnostic.location.file.clone())
                .or_default()
                .push(converted);
        }
        let open: Vec<(String, Uri, i32)> = self
            .open
            .iter()
            .map(|(path, o)| (path.display().to_string(), o.uri.clone(), o.version))
            .collect();
        for (name, uri, version) in open {
            let found = by_file.remove(&name).unwrap_or_default();
            self.publish(uri, found, Some(version));
        }
    }

    fn publish(&mut self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new("textDocument/publishDiagnostics".into(), params).into());
    }

    fn range_in(&self, file: &str, location: &crate::diagnostic::Location) -> Range {
        let text = self.files.get(file).map(String::as_str).unwrap_or("");
        text::range_to_lsp(
            text,
            location.line,
            location.column,
            location.end_line,
            location.end_column,
        )
    }

    fn convert(&self, d: &Diagnostic) -> lsp_types::Diagnostic {
        let severity = match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        };
        let mut message = d.message.clone();
        if let Some(hint) = &d.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        let related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
            .filter_map(|r| {
                let uri = text::uri_of(Path::new(&r.location.file))?;
                Some(DiagnosticRelatedInformation {
                    location: Location::new(uri, self.range_in(&r.location.file, &r.location)),
                    message: r.message.clone(),
                })
            })
            .collect();
        let replacement = d.hint.as_deref().and_then(did_you_mean);
        lsp_types::Diagnostic {
            range: self.range_in(&d.location.file, &d.location),
            severity: Some(severity),
            code: Some(NumberOrString::String(d.code.to_string())),
            code_description: Uri::from_str(RULES_URL)
                .ok()
                .map(|href| CodeDescription { href }),
            source: Some("isagen".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            tags: None,
            data: replacement.map(|r| serde_json::json!({ "replacement": r, "rule": d.rule })),
        }
    }

    /// The open document at `uri`: its index in the last check, and its text.
    fn document(&self, uri: &Uri) -> Option<(Option<usize>, &str)> {
        let path = text::path_of(uri)?;
        let open = self.open.get(&path)?;
        let file = self.index.files.iter().position(|f| f.path == path);
        Some((file, open.text.as_str()))
    }

    fn kind_of(&self, file: Option<usize>, text: &str) -> Option<String> {
        file.and_then(|f| self.index.files[f].kind.clone())
            .or_else(|| crate::load::yaml::peek_kind(text))
    }

    fn completion(&self, params: CompletionParams) -> Option<CompletionResponse> {
        let position = params.text_document_position.position;
        let (file, text) = self.document(&params.text_document_position.text_document.uri)?;
        let context = text::value_context(text, position)?;
        let field = context.field()?;
        if field == "id" {
            // An id being defined: nothing to complete.
            return None;
        }
        let kind = self.kind_of(file, text);
        let facts = schema_facts(kind.as_deref(), &context.path);
        // Right after the colon, the value needs its space.
        let line = text::line_of(text, context.range.start.line);
        let start = text::char_index(line, context.range.start.character);
        let spaced = start > 0 && line.chars().nth(start - 1) == Some(':');
        let edit = |label: &str| {
            let new_text = if spaced {
                format!(" {label}")
            } else {
                label.to_string()
            };
            Some(CompletionTextEdit::Edit(TextEdit::new(
                context.range,
                new_text,
            )))
        };
        let mut items = Vec::new();
        if facts.is_id
            && let (Some(id_kind), Some(file)) = (IdKind::of_field(field), file)
        {
            for entity in self.index.visible(file, id_kind) {
                items.push(CompletionItem {
                    label: entity.id.clone(),
                    kind: Some(CompletionItemKind::REFERENCE),
                    detail: Some(format!("{}: {}", id_kind.noun(), entity.detail)),
                    documentation: Some(markdown(&entity.documentation)),
                    text_edit: edit(&entity.id),
                    ..CompletionItem::default()
                });
            }
        }
        for value in facts.values {
            let mut documentation = value.description.clone();
            if !value.vocabulary.is_empty() {
                documentation.push_str("\n\n");
                documentation.push_str(&value.vocabulary);
            }
            items.push(CompletionItem {
                detail: Some(value.description.clone()),
                documentation: Some(markdown(&documentation)),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                text_edit: edit(&value.value),
                label: value.value,
                ..CompletionItem::default()
            });
        }
        Some(CompletionResponse::Array(items))
    }

    fn hover(&self, params: HoverParams) -> Option<Hover> {
        let position = params.text_document_position_params.position;
        let (file, text) =
            self.document(&params.text_document_position_params.text_document.uri)?;
        let (word, range) = text::word_at(text, position)?;
        let contents = |value: String| {
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                }),
                range: Some(range),
            })
        };
        let context = text::value_context(text, Position::new(position.line, range.end.character));
        if let Some(context) = &context
            && let Some(field) = context.field()
        {
            let kind = self.kind_of(file, text);
            let facts = schema_facts(kind.as_deref(), &context.path);
            if let Some(value) = facts.values.iter().find(|v| v.value == word) {
                let mut shown = format!("`{}`: {}", value.value, value.description);
                if !value.vocabulary.is_empty() {
                    shown.push_str("\n\n");
                    shown.push_str(&value.vocabulary);
                }
                return contents(shown);
            }
            if let Some(file) = file {
                let id_kind = if facts.is_id {
                    IdKind::of_field(field)
                } else {
                    None
                };
                if (facts.is_id || field == "id")
                    && let Some(entity) = self.index.definition(file, &word, id_kind)
                {
                    return contents(entity.documentation.clone());
                }
            }
        }
        if let Some(rule) = rules::find(&word) {
            return contents(format!(
                "**{} {}** ({}, {} by default)\n\n{}",
                rule.code,
                rule.name,
                rule.family,
                rule.severity,
                rule.documentation()
            ));
        }
        let entity = self.index.definition(file?, &word, None)?;
        contents(entity.documentation.clone())
    }

    fn definition(&self, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let position = params.text_document_position_params.position;
        let (file, text) =
            self.document(&params.text_document_position_params.text_document.uri)?;
        let file = file?;
        let (word, range) = text::word_at(text, position)?;
        let context = text::value_context(text, Position::new(position.line, range.end.character));
        let kind = context
            .as_ref()
            .and_then(|c| c.field())
            .and_then(IdKind::of_field);
        let entity = self.index.definition(file, &word, kind)?;
        let target = &self.index.files[entity.file];
        let parsed = target.parsed.as_ref()?;
        let span = parsed.spans.get(&entity.pointer)?.value;
        let range = text::range_to_lsp(
            &parsed.source.text,
            span.start.line,
            span.start.column,
            span.end.line,
            span.end.column,
        );
        let uri = text::uri_of(&target.path)?;
        Some(GotoDefinitionResponse::Scalar(Location::new(uri, range)))
    }

    fn code_actions(&self, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let uri = params.text_document.uri;
        let text = self
            .document(&uri)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default();
        let mut actions = Vec::new();
        for diagnostic in params.context.diagnostics {
            if diagnostic.source.as_deref() != Some("isagen") {
                continue;
            }
            let Some(replacement) = diagnostic
                .data
                .as_ref()
                .and_then(|d| d.get("replacement"))
                .and_then(Value::as_str)
            else {
                continue;
            };
            let written = text_in(&text, diagnostic.range);
            let new_text = match written.chars().next() {
                Some(q @ ('"' | '\'')) if written.len() > 1 && written.ends_with(q) => {
                    format!("{q}{replacement}{q}")
                }
                _ => replacement.to_string(),
            };
            let edit = WorkspaceEdit {
                changes: Some(HashMap::from([(
                    uri.clone(),
                    vec![TextEdit::new(diagnostic.range, new_text)],
                )])),
                ..WorkspaceEdit::default()
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: format!("Change to `{replacement}`"),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(edit),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        actions
    }
}

/// The text `range` covers on its first line.
fn text_in(text: &str, range: Range) -> String {
    let line = text::line_of(text, range.start.line);
    let start = text::char_index(line, range.start.character);
    let end = if range.end.line == range.start.line {
        text::char_index(line, range.end.character)
    } else {
        line.chars().count()
    };
    line.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The suggestion of a hint that starts "did you mean `X`?".
fn did_you_mean(hint: &str) -> Option<String> {
    let rest = hint.strip_prefix("did you mean `")?;
    let end = rest.find("`?")?;
    Some(rest[..end].to_string())
}

fn markdown(value: &str) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: value.to_string(),
    })
}

fn to_value<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn params<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, Failed> {
    serde_json::from_value(value).map_err(|e| Failed(ErrorCode::InvalidParams, e.to_string()))
}

fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::FULL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![" ".into(), "[".into(), ",".into()]),
                ..CompletionOptions::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "isagen".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_read_from_hints() {
        assert_eq!(did_you_mean("did you mean `trust`?"), Some("trust".into()));
        assert_eq!(did_you_mean("did you mean `a`? use b"), Some("a".into()));
        assert_eq!(did_you_mean("define the partner first"), None);
    }
}
