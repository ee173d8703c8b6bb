//! Stage 1, load: find definition files, read them safely, and parse them into JSON values
//! that remember where every node was written.

mod block;
mod bounded;
pub mod discover;
mod json;
pub mod select;
mod source;
mod surrogates;
pub mod yaml;

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;

pub use bounded::{
    BoundedReadError, MAX_CONFIG_BYTES, MAX_LOGO_BYTES, MAX_TEMPLATE_BYTES, describe_size,
    read_bounded, read_bounded_to_string,
};
pub use discover::{DiscoverError, discover};
pub use source::SourceFile;
pub use yaml::{NodeSpan, SpanIndex, TextRange};

use crate::diagnostic::{Diagnostic, Location};
use crate::rules::builtin;

/// The largest definition file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How much of a file over the size limit is read, to see whether it is a definition.
const HEAD_BYTES: u64 = 64 * 1024;

/// A file read and parsed: its text, its value and the position of every node.
#[derive(Debug)]
pub struct ParsedFile {
    /// The source text.
    pub source: Arc<SourceFile>,
    /// The document as JSON.
    pub value: Value,
    /// Where each node is.
    pub spans: SpanIndex,
}

impl ParsedFile {
    /// The location of the node at `pointer` (its key where `on_key`, else its value), or of
    /// its nearest ancestor that the file has.
    pub fn locate(&self, pointer: &str, on_key: bool) -> Location {
        locate(&self.source, &self.spans, pointer, on_key)
    }
}

/// The location of `pointer` in `source`.
pub fn locate(source: &SourceFile, spans: &SpanIndex, pointer: &str, on_key: bool) -> Location {
    match spans.lookup(pointer) {
        Some((span, _)) => {
            let range = match (on_key, span.key) {
                (true, Some(key)) => key,
                _ => span.value,
            };
            // A collection's span runs to where the next node starts; show its first line.
            let (end_line, end_column) = if range.end.line > range.start.line {
                let width = source.line_text(range.start.line).chars().count() + 1;
                (range.start.line, width.max(range.start.column + 1))
            } else {
                (range.end.line, range.end.column.max(range.start.column + 1))
            };
            Location {
                file: source.name.clone(),
                line: range.start.line,
                column: range.start.column,
                end_line,
                end_column,
                pointer: pointer.to_string(),
            }
        }
        None => {
            let mut location = Location::file_only(source.name.clone());
            location.pointer = pointer.to_string();
            location
        }
    }
}

/// What reading a file produced: a parsed document, or diagnostics saying why not.
#[derive(Debug)]
pub enum ReadOutcome {
    /// The file parsed.
    Parsed(ParsedFile),
    /// The file is not readable as a definition; the diagnostics say why.
    Invalid(Arc<SourceFile>, Vec<Diagnostic>),
}

/// Reads and parses one file. I/O failures are `Err`; everything wrong with the content is a
/// diagnostic.
///
/// At most [`MAX_FILE_BYTES`] + 1 bytes are read whatever the file is, so a device such as
/// `/dev/zero`, a pipe or a file that grows while it is read meets the same size limit as a
/// large file.
pub fn read_file(path: &Path, name: &str) -> std::io::Result<ReadOutcome> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(std::io::Error::other(format!(
            "{name} is a folder, not a file"
        )));
    }
    let too_large = |head: &[u8], size: Option<u64>| {
        // Keep the start of the file, so a folder search can still tell whether it is a
        // definition (and report it) or some other large file (and leave it alone).
        let head = &head[..head.len().min(HEAD_BYTES as usize)];
        let head = String::from_utf8_lossy(head).into_owned();
        let source = Arc::new(SourceFile::new(name, path, head));
        let size = match size {
            Some(bytes) => format!("the file is {bytes} bytes"),
            None => format!("the file holds more than {MAX_FILE_BYTES} bytes"),
        };
        let diagnostic = builtin::SYNTAX_ERROR.diagnostic(
            Location::file_only(name),
            format!("{size}; definitions larger than {MAX_FILE_BYTES} bytes are not read"),
            Some("split the definition, or check that this is the file you meant".into()),
        );
        ReadOutcome::Invalid(source, vec![diagnostic])
    };
    if metadata.is_file() && metadata.len() > MAX_FILE_BYTES {
        // Known to be too large: read only the head.
        let (head, _) = bounded::read_up_to(path, HEAD_BYTES).map_err(into_io)?;
        return Ok(too_large(&head, Some(metadata.len())));
    }
    let (bytes, over) = bounded::read_up_to(path, MAX_FILE_BYTES).map_err(into_io)?;
    if over {
        return Ok(too_large(&bytes, None));
    }
    Ok(parse_bytes(path, name, bytes))
}

fn into_io(error: BoundedReadError) -> std::io::Error {
    match error {
        BoundedReadError::Io(e) => e,
        other => std::io::Error::other(other.to_string()),
    }
}

/// Decodes and parses the bytes of a file.
pub fn parse_bytes(path: &Path, name: &str, bytes: Vec<u8>) -> ReadOutcome {
    let invalid = |text: String, message: String, hint: &str, location: Option<Location>| {
        let source = Arc::new(SourceFile::new(name, path, text));
        let location = location.unwrap_or_else(|| Location::file_only(name));
        let diagnostic =
            builtin::SYNTAX_ERROR.diagnostic(location, message, Some(hint.to_string()));
        ReadOutcome::Invalid(source, vec![diagnostic])
    };
    if bytes.contains(&0) {
        return invalid(
            String::new(),
            "the file is binary, not YAML or JSON text".into(),
            "pass only .yaml, .yml or .json definition files",
            None,
        );
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let source = SourceFile::new(name, path, prefix.clone());
            let (line, column) = source.position(valid);
            let location = Location {
                file: name.to_string(),
                line,
                column,
                end_line: line,
                end_column: column + 1,
                pointer: String::new(),
            };
            return invalid(
                prefix,
                format!("the file is not valid UTF-8 text (byte {valid})"),
                "save the file as UTF-8",
                Some(location),
            );
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return invalid(
            text,
            "the file is empty".into(),
            "start the file with `kind: protocol` or `kind: agreement`",
            None,
        );
    }
    let source = Arc::new(SourceFile::new(name, path, text));
    match yaml::parse(&source.text) {
        Ok((value, spans)) => ReadOutcome::Parsed(ParsedFile {
            source,
            value,
            spans,
        }),
        Err(error) => {
            let meta = if error.duplicate_key {
                &builtin::DUPLICATE_KEY
            } else {
                &builtin::SYNTAX_ERROR
            };
            let (start, end) = (error.at.start, error.at.end);
            // Underline a range on one line (a duplicate key); otherwise mark the point.
            let end_column = if end.line == start.line && end.column > start.column {
                end.column
            } else {
                start.column + 1
            };
            let location = Location {
                file: name.to_string(),
                line: start.line,
                column: start.column,
                end_line: start.line,
                end_column,
                pointer: String::new(),
            };
            let diagnostic = meta.diagnostic(location, error.message, error.hint);
            ReadOutcome::Invalid(source, vec![diagnostic])
        }
    }
}

/// The top-level `kind` of the definition in the file at `path`, read from as little of the
/// file as it takes; `None` if the file cannot be read or parsed that far, or has no `kind`.
pub fn peek_kind(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
        return None;
    }
    // The kind is in the first lines of nearly every definition: read those first, and the
    // whole file only if they cannot tell (every file is read again in full to be checked).
    let (head, more) = bounded::read_up_to(path, PEEK_BYTES).ok()?;
    if more {
        let valid = match std::str::from_utf8(&head) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
        };
        if let Some(kind) = yaml::peek_kind_in_head(valid.strip_prefix('\u{feff}').unwrap_or(valid))
        {
            return Some(kind);
        }
    }
    let text = if more {
        String::from_utf8(bounded::read_bounded(path, MAX_FILE_BYTES).ok()?).ok()?
    } else {
        String::from_utf8(head).ok()?
    };
    yaml::peek_kind(text.strip_prefix('\u{feff}').unwrap_or(&text))
}

/// How much of a file [`peek_kind`] reads first.
const PEEK_BYTES: u64 = 4096;
