//! YAML 1.2 (and so JSON) parsing into a JSON value, keeping the position of every node.
//!
//! saphyr reads YAML 1.2 core schema: `no` stays a string, dates stay strings, duplicate keys
//! are an error, and alias expansion is capped so an alias bomb fails fast instead of eating
//! memory.

use std::hash::BuildHasher as _;

use saphyr::{MarkedYaml, Scalar, YamlData, YamlLoader};
use saphyr_parser::{Event, Parser, Span};
use serde_json::{Map, Number, Value};

use super::surrogates::Shifts;

/// The most nodes alias expansion may produce in one file.
pub const ALIAS_LIMIT: usize = 10_000;

/// The deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 64;

/// A position: line from 1, column from 1 (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub column: usize,
}

/// A range of text from `start` up to (not including) `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TextRange {
    /// The first character.
    pub start: Pos,
    /// Just after the last character.
    pub end: Pos,
}

impl TextRange {
    fn from_span(span: Span) -> Self {
        let pos = |m: saphyr_parser::Marker| Pos {
            line: m.line().max(1),
            column: m.col() + 1,
        };
        let start = pos(span.start);
        let mut end = pos(span.end);
        if end.line < start.line || (end.line == start.line && end.column < start.column) {
            end = start;
        }
        TextRange { start, end }
    }
}

/// Where a node of the document is: its value and, for a mapping entry, its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct NodeSpan {
    /// The key of the mapping entry that holds the node, if any.
    pub key: Option<TextRange>,
    /// The node's value.
    pub value: TextRange,
}

/// Positions of every node, by JSON pointer (`""` is the whole document).
///
/// The pointers are kept end to end in one string and found through a table of indices, so
/// recording a node allocates nothing of its own.
#[derive(Clone, Default)]
pub struct SpanIndex {
    /// Every pointer, end to end.
    pointers: String,
    /// Each node: the end of its pointer in `pointers` (it starts where the one before
    /// ends), and its span.
    nodes: Vec<(usize, NodeSpan)>,
    /// Indices into `nodes`, by the hash of the pointer.
    table: hashbrown::HashTable<usize>,
    hasher: foldhash::fast::RandomState,
}

impl SpanIndex {
    /// An empty index with room for `nodes` nodes.
    pub(super) fn with_capacity(nodes: usize) -> Self {
        SpanIndex {
            pointers: String::with_capacity(nodes * 24),
            nodes: Vec::with_capacity(nodes),
            table: hashbrown::HashTable::with_capacity(nodes),
            hasher: Default::default(),
        }
    }

    fn pointer(&self, index: usize) -> &str {
        let start = index
            .checked_sub(1)
            .map_or(0, |before| self.nodes[before].0);
        &self.pointers[start..self.nodes[index].0]
    }

    fn find(&self, pointer: &str) -> Option<usize> {
        let hash = self.hasher.hash_one(pointer);
        self.table
            .find(hash, |&i| self.pointer(i) == pointer)
            .copied()
    }

    /// Records where the node at `pointer` is.
    pub(super) fn insert(&mut self, pointer: &str, span: NodeSpan) {
        if let Some(i) = self.find(pointer) {
            self.nodes[i].1 = span;
            return;
        }
        let hash = self.hasher.hash_one(pointer);
        self.pointers.push_str(pointer);
        let index = self.nodes.len();
        self.nodes.push((self.pointers.len(), span));
        let SpanIndex {
            pointers,
            nodes,
            table,
            hasher,
        } = self;
        table.insert_unique(hash, index, |&i| {
            let start = i.checked_sub(1).map_or(0, |before| nodes[before].0);
            hasher.hash_one(&pointers[start..nodes[i].0])
        });
    }

    /// The span of the node at `pointer`, or of its nearest ancestor that has one.
    pub fn lookup<'a>(&self, pointer: &'a str) -> Option<(NodeSpan, &'a str)> {
        let mut current = pointer;
        loop {
            if let Some(span) = self.get(current) {
                return Some((span, current));
            }
            let cut = current.rfind('/')?;
            current = &current[..cut];
        }
    }

    /// The span of exactly the node at `pointer`.
    pub fn get(&self, pointer: &str) -> Option<NodeSpan> {
        self.find(pointer).map(|i| self.nodes[i].1)
    }

    /// Every node's pointer and span, in the order the nodes were recorded.
    pub fn iter(&self) -> impl Iterator<Item = (&str, NodeSpan)> {
        (0..self.nodes.len()).map(|i| (self.pointer(i), self.nodes[i].1))
    }

    /// Whether the document has a node at `pointer`.
    pub fn contains(&self, pointer: &str) -> bool {
        self.find(pointer).is_some()
    }

    /// How many nodes the document has.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the document has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// Two indices are equal when they hold the same pointers with the same spans, in whatever
/// order they were recorded.
impl PartialEq for SpanIndex {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().all(|(p, span)| other.get(p) == Some(span))
    }
}

impl std::fmt::Debug for SpanIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Why a file could not be read as a single YAML or JSON document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What went wrong.
    pub message: String,
    /// Where.
    pub at: TextRange,
    /// How to fix it.
    pub hint: Option<String>,
    /// Whether the error is a duplicate key rather than broken syntax.
    pub duplicate_key: bool,
}

impl ParseError {
    pub(super) fn new(message: impl Into<String>, at: TextRange) -> Self {
        ParseError {
            message: message.into(),
            at,
            hint: None,
            duplicate_key: false,
        }
    }

    pub(super) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Appends `/` and a list index to a JSON pointer, without the formatting machinery (a
/// pointer is extended for every item of every list read).
pub(super) fn push_index(pointer: &mut String, index: usize) {
    pointer.push('/');
    pointer.push_str(itoa::Buffer::new().format(index));
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn escape_pointer_segment(segment: &str) -> String {
    if segment.contains(['~', '/']) {
        segment.replace('~', "~0").replace('/', "~1")
    } else {
        segment.to_string()
    }
}

/// Parses `text` as one YAML 1.2 or JSON document.
///
/// A `\u` escape pair that encodes one character beyond U+FFFF as UTF-16 (as JSON writes
/// it, `"\ud83d\ude00"`) is read as that character; see [`super::surrogates`].
///
/// Plain JSON is read by a fast reader of its own ([`parse_fast`]); everything else, and
/// every error, by the YAML parser ([`parse_as_yaml`]). The answer is the same either way.
pub fn parse(text: &str) -> Result<(Value, SpanIndex), ParseError> {
    match parse_fast(text) {
        Some(parsed) => Ok(parsed),
        None => parse_as_yaml(text),
    }
}

/// The fast readers alone: what [`parse_as_yaml`] would answer for `text`, or `None` where
/// they cannot vouch for that (and for every error, which only the YAML parser explains).
pub fn parse_fast(text: &str) -> Option<(Value, SpanIndex)> {
    if text.trim_start().starts_with(['{', '[']) {
        super::json::parse(text)
    } else {
        super::block::parse(text)
    }
}

/// [`parse`] by the YAML parser alone, which reads every file the fast readers decline and
/// explains every error.
pub fn parse_as_yaml(text: &str) -> Result<(Value, SpanIndex), ParseError> {
    let prepared = super::surrogates::prepare(text)?;
    let shifts = &prepared.shifts;
    let mut parser = Parser::new_from_str(&prepared.text);
    let mut loader: YamlLoader<'_, MarkedYaml<'_>> = YamlLoader::default();
    loader.alias_limit(ALIAS_LIMIT);
    let result = parser.load(&mut loader, true);
    let scan_error = match result {
        Err(e) => Some(e),
        Ok(()) => loader.error().cloned(),
    };
    if let Some(error) = scan_error {
        let marker = *error.marker();
        let at = shifts.range(TextRange::from_span(Span::new(marker, marker)));
        let info = error.info();
        if info.contains("duplicated key") {
            let (message, at) = match key_at(text, at.start) {
                Some((key, range)) => (
                    format!("the key `{key}` appears twice in the same mapping"),
                    range,
                ),
                None => ("this key appears twice in the same mapping".to_string(), at),
            };
            let mut e = ParseError::new(message, at)
                .hint("keep one entry for the key and merge the values into it");
            e.duplicate_key = true;
            return Err(e);
        }
        // saphyr: "alias expansion exceeded the maximum node budget (possible billion-laughs
        // attack)".
        if info.contains("node budget") {
            return Err(ParseError::new(
                format!("aliases expand to more than {ALIAS_LIMIT} nodes"),
                at,
            )
            .hint("write the values out instead of nesting aliases"));
        }
        if info.contains("recursion limit") {
            // The parser's own guard against deep flow nesting (`[[[[...`), reached before
            // ours: report it as the same limit.
            return Err(ParseError::new(
                format!("the document is nested more than {MAX_DEPTH} levels deep"),
                at,
            )
            .hint("no isagen definition nests this deep: check the brackets and braces"));
        }
        let hint = if info.contains("tab") {
            "indent with spaces: YAML does not allow tabs for indentation"
        } else {
            "check the indentation, quoting and punctuation on this line and the one above"
        };
        return Err(ParseError::new(format!("invalid YAML: {info}"), at).hint(hint));
    }
    let mut documents = loader.into_documents();
    match documents.len() {
        0 => Err(ParseError::new(
            "the file holds no document",
            TextRange {
                start: Pos { line: 1, column: 1 },
                end: Pos { line: 1, column: 1 },
            },
        )
        .hint("start the file with `kind: protocol` or `kind: agreement`")),
        1 => {
            let root = documents.pop().expect("one document");
            let mut spans = SpanIndex::default();
            let mut pointer = String::new();
            let value = convert(&root, &mut pointer, 0, None, &mut spans, shifts)?;
            Ok((value, spans))
        }
        _ => Err(ParseError::new(
            "the file holds more than one YAML document (`---`)",
            shifts.range(TextRange::from_span(documents[1].span)),
        )
        .hint("put each protocol or agreement in a file of its own")),
    }
}

/// The mapping key that starts at `start` in `text`, and the range it covers: a plain key
/// runs up to the `: ` (or `:` at the line's end) that ends it, a quoted key to its closing
/// quote. `None` if `start` is not in the text.
fn key_at(text: &str, start: Pos) -> Option<(String, TextRange)> {
    let line = text.lines().nth(start.line.checked_sub(1)?)?;
    let rest: Vec<char> = line.chars().skip(start.column.checked_sub(1)?).collect();
    let length = match rest.first()? {
        '"' => {
            // Up to the closing quote that no backslash escapes.
            let mut i = 1;
            while *rest.get(i)? != '"' {
                i += if rest[i] == '\\' { 2 } else { 1 };
            }
            i + 1
        }
        '\'' => {
            // Up to the closing quote that is not doubled (`''` is a quote inside).
            let mut i = 1;
            while *rest.get(i)? != '\'' || rest.get(i + 1) == Some(&'\'') {
                i += if rest[i] == '\'' { 2 } else { 1 };
            }
            i + 1
        }
        _ => (0..rest.len())
            .find(|&i| rest[i] == ':' && rest.get(i + 1).is_none_or(|c| c.is_whitespace()))
            .unwrap_or(rest.len()),
    };
    let key: String = rest[..length].iter().collect();
    let key = key.trim_end().to_string();
    if key.is_empty() {
        return None;
    }
    let end = Pos {
        line: start.line,
        column: start.column + key.chars().count(),
    };
    Some((key, TextRange { start, end }))
}

/// The value of the top-level `kind` key of the document in `text`: read by a scan of the
/// top-level keys for JSON, or of the first lines for block YAML (each answers only when
/// sure), else by the YAML parser ([`peek_kind_as_yaml`]).
pub fn peek_kind(text: &str) -> Option<String> {
    super::json::peek_kind(text)
        .or_else(|| super::block::peek_kind(text, true))
        .or_else(|| peek_kind_as_yaml(text))
}

/// [`peek_kind`] from the first bytes of a file only, by the quick scans alone: `None` if
/// they cannot tell from `head`, and the whole file must be read. A line cut short at the
/// end of `head` is left out.
pub fn peek_kind_in_head(head: &str) -> Option<String> {
    let lines = head.rfind('\n').map_or("", |end| &head[..=end]);
    super::json::peek_kind(head).or_else(|| super::block::peek_kind(lines, false))
}

/// The value of the top-level `kind` key of the document in `text`, found by reading parser
/// events only until it appears; `None` if the text has no top-level mapping with a `kind`
/// scalar, or breaks before it.
pub fn peek_kind_as_yaml(text: &str) -> Option<String> {
    let mut depth = 0usize;
    let mut expecting_key = false;
    let mut after_kind = false;
    let prepared = super::surrogates::prepare(text).ok()?;
    for event in Parser::new_from_str(&prepared.text) {
        let (event, _) = event.ok()?;
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if (depth == 1 && after_kind)
                    || (depth == 0 && matches!(event, Event::SequenceStart(..)))
                {
                    return None;
                }
                depth += 1;
                if depth == 1 {
                    expecting_key = true;
                    continue;
                }
                if depth == 2 {
                    // A collection as a top-level key or value: skip it whole.
                    expecting_key = !expecting_key;
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return None;
                }
            }
            Event::Scalar(value, ..) if depth == 1 => {
                if after_kind {
                    return Some(value.into_owned());
                }
                if expecting_key && value == "kind" {
                    after_kind = true;
                }
                expecting_key = !expecting_key;
            }
            Event::Alias(_) if depth == 1 => {
                if after_kind {
                    return None;
                }
                expecting_key = !expecting_key;
            }
            Event::StreamEnd | Event::DocumentEnd => return None,
            _ => {}
        }
    }
    None
}

fn convert(
    node: &MarkedYaml<'_>,
    pointer: &mut String,
    depth: usize,
    key: Option<TextRange>,
    spans: &mut SpanIndex,
    shifts: &Shifts,
) -> Result<Value, ParseError> {
    let at = shifts.range(TextRange::from_span(node.span));
    if depth > MAX_DEPTH {
        return Err(ParseError::new(
            format!("the document is nested more than {MAX_DEPTH} levels deep"),
            at,
        )
        .hint("no isagen definition nests this deep: check the indentation"));
    }
    spans.insert(pointer, NodeSpan { key, value: at });
    match &node.data {
        YamlData::Value(scalar) => scalar_to_json(scalar, at),
        YamlData::Representation(text, _, _) => Ok(Value::String(text.to_string())),
        YamlData::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                let len = pointer.len();
                push_index(pointer, index);
                let value = convert(item, pointer, depth + 1, None, spans, shifts)?;
                pointer.truncate(len);
                out.push(value);
            }
            Ok(Value::Array(out))
        }
        YamlData::Mapping(entries) => {
            let mut out = Map::with_capacity(entries.len());
            for (k, v) in entries {
                let key_range = shifts.range(TextRange::from_span(k.span));
                let name = match &k.data {
                    YamlData::Value(scalar) => key_name(scalar).expect("a scalar names a key"),
                    YamlData::Representation(text, _, _) => text.to_string(),
                    _ => {
                        return Err(ParseError::new(
                            "a mapping key must be a plain word, not a list or mapping",
                            key_range,
                        ));
                    }
                };
                let len = pointer.len();
                pointer.push('/');
                if name.contains(['~', '/']) {
                    pointer.push_str(&escape_pointer_segment(&name));
                } else {
                    pointer.push_str(&name);
                }
                let value = convert(v, pointer, depth + 1, Some(key_range), spans, shifts)?;
                pointer.truncate(len);
                out.insert(name, value);
            }
            Ok(Value::Object(out))
        }
        YamlData::Tagged(tag, inner) => {
            if tag.handle == "!!" || tag.handle == "tag:yaml.org,2002:" {
                convert(inner, pointer, depth, key, spans, shifts)
            } else {
                Err(ParseError::new(
                    format!(
                        "custom YAML tags such as `{}{}` are not supported",
                        tag.handle, tag.suffix
                    ),
                    at,
                )
                .hint("remove the tag and write the plain value"))
            }
        }
        YamlData::Alias(_) => Err(ParseError::new("an alias could not be resolved", at)
            .hint("define the anchor (`&name`) before the alias (`*name`) uses it")),
        YamlData::BadValue => Err(ParseError::new("this value cannot be read", at)
            .hint("check that a tagged value matches its tag, for example `!!int 3`")),
    }
}

/// The name a scalar gives the mapping key it is: its text, or the number, boolean or null
/// it resolved to, written out.
pub(super) fn key_name(scalar: &Scalar<'_>) -> Option<String> {
    Some(match scalar {
        Scalar::String(s) => s.to_string(),
        Scalar::Integer(i) => i.to_string(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::Null => "null".to_string(),
    })
}

/// Resolves a plain scalar as the YAML parser does (YAML 1.2 core schema, by saphyr's own
/// [`Scalar::parse_from_cow`]), passing over at once the text that can only be a string: a
/// word that starts with a letter and is not `null`, `true` or `false` in one of their
/// spellings (no integer, float, `.inf` or `.nan` starts with a letter, and Rust's float
/// parser accepts only `inf`, `infinity` and `nan` there, which hold no digit and so are never
/// tried).
pub(super) fn resolve_plain(text: std::borrow::Cow<'_, str>) -> Scalar<'_> {
    let bytes = text.as_bytes();
    let maybe_keyword =
        matches!(bytes.len(), 4 | 5) && matches!(bytes[0] | 0x20, b'n' | b't' | b'f');
    if bytes.first().is_some_and(u8::is_ascii_alphabetic) && !maybe_keyword {
        return Scalar::String(text);
    }
    Scalar::parse_from_cow(text)
}

/// The JSON value of a resolved scalar at `at`.
pub(super) fn scalar_value(scalar: Scalar<'_>, at: TextRange) -> Result<Value, ParseError> {
    scalar_to_json(&scalar, at)
}

fn scalar_to_json(scalar: &Scalar<'_>, at: TextRange) -> Result<Value, ParseError> {
    Ok(match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number((*i).into()),
        Scalar::FloatingPoint(f) => match Number::from_f64(f.into_inner()) {
            Some(n) => Value::Number(n),
            None => {
                return Err(
                    ParseError::new("infinite or not-a-number values are not allowed", at)
                        .hint("write a finite number, or quote the value to make it text"),
                );
            }
        },
        Scalar::String(s) => Value::String(s.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_positions_of_keys_and_values() {
        let (value, spans) =
            parse("kind: agreement\nparties:\n  - partner: a\n    role: b\n").unwrap();
        assert_eq!(value["parties"][0]["role"], "b");
        let span = spans.get("/parties/0/role").unwrap();
        assert_eq!(span.key.unwrap().start, Pos { line: 4, column: 5 });
        assert_eq!(
            span.value.start,
            Pos {
                line: 4,
                column: 11
            }
        );
    }

    #[test]
    fn yaml_1_2_keeps_norway_and_dates_as_strings() {
        let (value, _) = parse("country: NO\nanswer: no\ndate: 2026-01-01\n").unwrap();
        assert_eq!(value["country"], "NO");
        assert_eq!(value["answer"], "no");
        assert_eq!(value["date"], "2026-01-01");
    }

    #[test]
    fn rejects_duplicate_keys_at_the_second_key() {
        let error = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(error.duplicate_key);
        assert_eq!(error.at.start.line, 3);
    }

    #[test]
    fn a_duplicate_key_is_named_and_underlined_whole() {
        for (text, key, start, end) in [
            ("review: 1\nreview: 2\n", "review", 1, 7),
            ("top:\n  na me: 1\n  na me: 2\n", "na me", 3, 8),
            ("'a: b': 1\n'a: b': 2\n", "'a: b'", 1, 7),
            ("\"a\\\"b\": 1\n\"a\\\"b\": 2\n", "\"a\\\"b\"", 1, 7),
            ("'it''s': 1\n'it''s': 2\n", "'it''s'", 1, 8),
            ("{x: 1, x: 2}\n", "x", 8, 9),
            ("review:\n  a: 1\nreview:\n", "review", 1, 7),
        ] {
            let error = parse(text).unwrap_err();
            assert!(error.duplicate_key, "{text}");
            assert_eq!(
                error.message,
                format!("the key `{key}` appears twice in the same mapping"),
                "{text}"
            );
            assert_eq!(
                (error.at.start.column, error.at.end.column),
                (start, end),
                "{text}"
            );
        }
    }

    #[test]
    fn alias_bomb_fails_fast() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let error = parse(&text).unwrap_err();
        assert!(error.message.contains("aliases"), "{}", error.message);
    }

    #[test]
    fn rejects_deep_nesting_and_non_finite_numbers() {
        let deep = "a:\n".to_string()
            + &(1..100)
                .map(|i| format!("{}a:\n", "  ".repeat(i)))
                .collect::<String>()
            + &"  ".repeat(100)
            + "x";
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        assert!(parse("x: .inf\n").unwrap_err().message.contains("infinite"));
    }

    #[test]
    fn peeks_the_top_level_kind_only() {
        assert_eq!(
            peek_kind("kind: agreement\nx: 1\n").as_deref(),
            Some("agreement")
        );
        assert_eq!(
            peek_kind("# c\ndocument:\n  kind: x\n  list: [a, {kind: y}]\nkind: protocol\n")
                .as_deref(),
            Some("protocol")
        );
        assert_eq!(
            peek_kind("{\"a\": [1, 2], \"kind\": \"agreement\"}").as_deref(),
            Some("agreement")
        );
        assert_eq!(peek_kind("a: {kind: protocol}\n"), None);
        assert_eq!(peek_kind("kind: [protocol]\n"), None);
        assert_eq!(peek_kind("- kind\n- protocol\n"), None);
        assert_eq!(
            peek_kind("kind: agreement\nbad: [\n"),
            Some("agreement".into())
        );
        assert_eq!(peek_kind("a: [\n"), None);
    }

    #[test]
    fn empty_and_multi_document_files_are_errors() {
        assert!(parse("").unwrap_err().message.contains("no document"));
        assert!(
            parse("a: 1\n---\nb: 2\n")
                .unwrap_err()
                .message
                .contains("more than one")
        );
    }
}
