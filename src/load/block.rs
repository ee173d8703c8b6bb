//! A reader for the block-style YAML that definitions are written in: the fast path for
//! `.yaml` files.
//!
//! A definition is a block mapping of block mappings and sequences whose leaves are plain,
//! quoted or block scalars and short flow sequences. This reader reads exactly that, a line
//! at a time, into the same [`Value`] and [`SpanIndex`] that [`super::yaml::parse_as_yaml`]
//! builds, with every position where the YAML parser puts it (`tests/fast_path.rs` and the
//! `fast_path` fuzz target hold the two to the same output).
//!
//! It vouches only for what it fully understands and answers `None` for anything else:
//! anchors, aliases and tags, complex (`?`) keys, directives and document markers, flow
//! mappings and nested or multi-line flow collections, multi-line quoted scalars, block
//! scalars with an indentation indicator or more-indented lines, tabs and carriage returns,
//! duplicate keys, nesting deeper than [`MAX_DEPTH`], and every error. The YAML parser then
//! reads the file, and reports whatever is wrong with it, so diagnostics never depend on
//! which reader ran.

use serde_json::{Map, Value};

use super::json::allowed_characters;
use super::yaml::{
    MAX_DEPTH, NodeSpan, Pos, SpanIndex, TextRange, escape_pointer_segment, key_name, push_index,
    resolve_plain, scalar_value,
};

/// The value of the top-level `kind` key of a block-style YAML document, read from its first
/// lines; `None` where this scan cannot vouch for the answer, and [`super::yaml::peek_kind`]
/// asks the YAML parser. It answers only when every line before `kind:` is blank, a
/// comment, or a top-level `key: value` whose value is one plain word, and `kind:` has a
/// plain word too (as definitions begin: `kind: agreement`, `schema_version: 1`). Starting
/// the YAML parser for this was a fifteenth of validating a YAML definition. `text` may be
/// only the start of the file (`whole` false): then the line after `kind:` must be in it.
pub fn peek_kind(text: &str, whole: bool) -> Option<String> {
    let word = |w: &str| {
        !w.is_empty()
            && w.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    };
    let mut lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let blank = |line: &str| line.trim_start_matches(' ').is_empty();
    while let Some(line) = lines.next() {
        if blank(line) || line.starts_with('#') {
            continue;
        }
        let (key, rest) = line.split_once(':')?;
        if !word(key) || !rest.starts_with(' ') {
            return None;
        }
        // The value, and a comment after it if any.
        let rest = rest.trim_start_matches(' ');
        let value = match rest.split_once(" #") {
            Some((value, _)) => value.trim_end_matches(' '),
            None => rest.trim_end_matches(' '),
        };
        if !word(value) || value.starts_with(['-', '.']) {
            return None;
        }
        if key == "kind" {
            // A plain scalar goes on over more-indented lines (`kind: a` then `  b` is
            // "a b"): the next line with anything on it must start a new top-level key.
            return match lines.find(|line| !blank(line)) {
                Some(next) if next.starts_with([' ', '#']) => None,
                None if !whole => None,
                _ => Some(value.to_string()),
            };
        }
    }
    None
}

/// Reads `text` as one block-style YAML document, as [`super::yaml::parse_as_yaml`] would;
/// `None` if the text holds anything this reader does not vouch for.
pub fn parse(text: &str) -> Option<(Value, SpanIndex)> {
    if text.contains('\r') || !allowed_characters(text) {
        return None;
    }
    let lines = lines(text);
    let mut reader = Reader {
        text,
        lines,
        at: 0,
        spans: SpanIndex::with_capacity(text.len() / 12),
        pointer: String::new(),
        stream_end: stream_end(text),
    };
    reader.skip_insignificant();
    let first = reader.line()?;
    if first.indent != 0 || reader.content(first).starts_with("- ") {
        return None;
    }
    let value = reader.mapping(0, 0, None)?;
    if reader.at != reader.lines.len() {
        return None;
    }
    Some((value, reader.spans))
}

/// Where the YAML parser puts the end of the stream: the start of the line after the last
/// line break, or of the line after the last line if the text does not end in one.
fn stream_end(text: &str) -> Pos {
    let breaks = text.bytes().filter(|&b| b == b'\n').count();
    let line = breaks + 1 + usize::from(!text.ends_with('\n'));
    Pos { line, column: 1 }
}

/// One line of the text.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// The byte where the line starts.
    start: usize,
    /// The byte just before its line break (or the end of the text).
    end: usize,
    /// Its number, from 1.
    number: usize,
    /// The spaces before its first other character.
    indent: usize,
    /// Whether it holds nothing but spaces, or a comment.
    insignificant: bool,
}

fn lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 32);
    let mut start = 0;
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let rest = &body[indent..];
        lines.push(Line {
            start,
            end: start + body.len(),
            number: number + 1,
            indent,
            insignificant: rest.is_empty() || rest.starts_with('#'),
        });
        start += line.len();
    }
    lines
}

struct Reader<'a> {
    text: &'a str,
    lines: Vec<Line>,
    /// The line being read.
    at: usize,
    spans: SpanIndex,
    /// The JSON pointer of the node being read.
    pointer: String,
    stream_end: Pos,
}

/// What a key and the text after its colon are.
struct Entry {
    name: String,
    key: TextRange,
    /// The byte just after the colon.
    after_colon: usize,
}

impl<'a> Reader<'a> {
    fn line(&self) -> Option<Line> {
        self.lines.get(self.at).copied()
    }

    /// The text of `line` after its indentation.
    fn content(&self, line: Line) -> &'a str {
        &self.text[line.start + line.indent..line.end]
    }

    fn skip_insignificant(&mut self) {
        while self.line().is_some_and(|l| l.insignificant) {
            self.at += 1;
        }
    }

    /// The position of byte `at` on `line`.
    fn pos(&self, line: Line, at: usize) -> Pos {
        let run = &self.text[line.start..at];
        let column = if run.is_ascii() {
            run.len()
        } else {
            run.chars().count()
        };
        Pos {
            line: line.number,
            column: column + 1,
        }
    }

    /// Where the next token starts, from line `self.at` on: the first character of the next
    /// line that is not blank or a comment, or the end of the stream.
    fn next_token(&self) -> Pos {
        self.lines[self.at..]
            .iter()
            .find(|l| !l.insignificant)
            .map_or(self.stream_end, |l| Pos {
                line: l.number,
                column: l.indent + 1,
            })
    }

    fn record(&mut self, key: Option<TextRange>, value: TextRange) {
        self.spans.insert(&self.pointer, NodeSpan { key, value });
    }

    fn push_key(&mut self, name: &str) -> usize {
        let len = self.pointer.len();
        self.pointer.push('/');
        if name.contains(['~', '/']) {
            self.pointer.push_str(&escape_pointer_segment(name));
        } else {
            self.pointer.push_str(name);
        }
        len
    }

    /// Reads a block mapping whose keys stand at column `indent` (from 0), from the current
    /// line (whose first key may follow a sequence's `- `).
    fn mapping(&mut self, indent: usize, depth: usize, key: Option<TextRange>) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut map = Map::new();
        let mut start = None;
        loop {
            let line = self.line()?;
            // The first key may follow a sequence's `- `, on a line less indented.
            let key_at = line.start + indent;
            let entry = self.entry(line, key_at)?;
            start.get_or_insert(entry.key.start);
            let len = self.push_key(&entry.name);
            let value = self.entry_value(line, indent, &entry, depth + 1)?;
            self.pointer.truncate(len);
            if map.insert(entry.name, value).is_some() {
                return None;
            }
            self.skip_insignificant();
            match self.line() {
                Some(next) if next.indent == indent => {
                    if self.content(next).starts_with('-') {
                        // A sequence entry where a key belongs: an error, or the end of an
                        // indentless sequence's item; the YAML parser decides.
                        return None;
                    }
                }
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        let end = self.next_token();
        self.record(key, TextRange { start: start?, end });
        Some(Value::Object(map))
    }

    /// Reads the key that starts at byte `at` of `line`, up to its colon.
    fn entry(&self, line: Line, at: usize) -> Option<Entry> {
        let rest = &self.text[at..line.end];
        let first = rest.bytes().next()?;
        let (name, key_end, colon) = match first {
            b'"' | b'\'' => {
                let (name, close) = quoted(rest)?;
                let after = &rest[close..];
                let spaces = after.len() - after.trim_start_matches(' ').len();
                if !after[spaces..].starts_with(':') {
                    return None;
                }
                // The YAML parser ends a quoted key after the spaces that follow it.
                (name, at + close + spaces, at + close + spaces)
            }
            _ if is_indicator(first) => return None,
            _ => {
                let colon = key_colon(rest)?;
                let name = &rest[..colon];
                if name.ends_with(' ') || name.contains(" #") {
                    return None;
                }
                let scalar = resolve_plain(name.into());
                (key_name(&scalar)?, at + colon, at + colon)
            }
        };
        let after_colon = colon + 1;
        if !matches!(
            self.text.as_bytes().get(after_colon),
            None | Some(b' ' | b'\n')
        ) {
            return None;
        }
        Some(Entry {
            name,
            key: TextRange {
                start: self.pos(line, at),
                end: self.pos(line, key_end),
            },
            after_colon,
        })
    }

    /// Reads the value of `entry` (in a mapping at column `indent`), leaving the reader on
    /// the line after it.
    fn entry_value(
        &mut self,
        line: Line,
        indent: usize,
        entry: &Entry,
        depth: usize,
    ) -> Option<Value> {
        let key = Some(entry.key);
        let rest = &self.text[entry.after_colon..line.end];
        let trimmed = rest.trim_start_matches(' ');
        // A comment after the colon, before a nested block: `parties:  # who signs`.
        let commented = trimmed.starts_with('#') && trimmed.len() < rest.len();
        if trimmed.is_empty() || commented {
            // The value is on the lines below: a nested block, an indentless sequence, or
            // nothing (null).
            self.at += 1;
            self.skip_insignificant();
            return match self.line() {
                Some(next) if next.indent > indent => self.block(next.indent, depth, key),
                Some(next) if next.indent == indent && is_sequence_entry(self.content(next)) => {
                    self.sequence(indent, depth, key, true)
                }
                _ => {
                    if !rest.is_empty() || depth > MAX_DEPTH {
                        // Spaces or a comment after an empty value: for the YAML parser.
                        return None;
                    }
                    // The YAML parser puts an empty value at its key's colon.
                    let at = self.pos(line, entry.after_colon - 1);
                    self.record(key, TextRange { start: at, end: at });
                    Some(Value::Null)
                }
            };
        }
        if trimmed.starts_with('#') {
            return None;
        }
        let value_at = line.end - trimmed.len();
        self.inline_value(line, value_at, indent, depth, key)
    }

    /// Reads a block node (a mapping or a sequence) whose lines start at column `indent`.
    fn block(&mut self, indent: usize, depth: usize, key: Option<TextRange>) -> Option<Value> {
        let line = self.line()?;
        if is_sequence_entry(self.content(line)) {
            self.sequence(indent, depth, key, false)
        } else {
            self.mapping(indent, depth, key)
        }
    }

    /// Reads a block sequence whose `-` stand at column `indent`; `indentless` when it is a
    /// mapping's value at the mapping's own indentation.
    fn sequence(
        &mut self,
        indent: usize,
        depth: usize,
        key: Option<TextRange>,
        indentless: bool,
    ) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let mut items = Vec::new();
        let mut start = None;
        loop {
            let line = self.line()?;
            let dash = line.start + line.indent;
            if !indentless {
                start.get_or_insert(self.pos(line, dash));
            }
            let after = &self.text[dash + 1..line.end];
            let spaces = after.len() - after.trim_start_matches(' ').len();
            let item_at = dash + 1 + spaces;
            let len = self.pointer.len();
            push_index(&mut self.pointer, items.len());
            let rest = &self.text[item_at..line.end];
            let item_start = self.pos(line, item_at);
            let value = if rest.is_empty()
                || rest.starts_with('#')
                || rest.starts_with("- ")
                || rest == "-"
            {
                // An empty item, a comment, or a nested sequence: for the YAML parser.
                return None;
            } else if starts_entry(rest) {
                // A compact mapping: `- key: value`, its keys at the column after the dash.
                let column = item_at - line.start;
                self.mapping(column, depth + 1, None)?
            } else {
                self.inline_value(line, item_at, indent, depth + 1, None)?
            };
            if indentless {
                start.get_or_insert(item_start);
            }
            self.pointer.truncate(len);
            items.push(value);
            self.skip_insignificant();
            match self.line() {
                Some(next) if next.indent == indent && is_sequence_entry(self.content(next)) => {}
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        let end = self.next_token();
        self.record(key, TextRange { start: start?, end });
        Some(Value::Array(items))
    }

    /// Reads the scalar or flow sequence at byte `at` of `line`, the value of a node in a
    /// block at column `indent`, leaving the reader on the line after it.
    fn inline_value(
        &mut self,
        line: Line,
        at: usize,
        indent: usize,
        depth: usize,
        key: Option<TextRange>,
    ) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let rest = &self.text[at..line.end];
        let first = rest.bytes().next()?;
        match first {
            b'"' | b'\'' => {
                let (text, close) = quoted(rest)?;
                let after = &rest[close..];
                let spaces = after.len() - after.trim_start_matches(' ').len();
                let tail = &after[spaces..];
                // After a quoted scalar, the YAML parser's span runs over the spaces and any
                // comment to the end of the line.
                let end = if tail.is_empty() {
                    at + close + spaces
                } else if tail.starts_with('#') && spaces > 0 {
                    line.end
                } else {
                    return None;
                };
                let range = TextRange {
                    start: self.pos(line, at),
                    end: self.pos(line, end),
                };
                self.record(key, range);
                self.at += 1;
                Some(Value::String(text))
            }
            b'|' | b'>' => self.block_scalar(line, at, indent, key),
            b'[' => self.flow_sequence(line, at, depth, key),
            // A plain scalar may start with `-` only before a character that cannot start
            // anything else; this reader takes a letter or digit there.
            b'-' if rest
                .as_bytes()
                .get(1)
                .is_some_and(u8::is_ascii_alphanumeric) =>
            {
                self.plain(line, at, indent, key)
            }
            _ if is_indicator(first) => None,
            _ => self.plain(line, at, indent, key),
        }
    }

    /// Reads a plain scalar, which may run on over more-indented lines.
    fn plain(
        &mut self,
        line: Line,
        at: usize,
        indent: usize,
        key: Option<TextRange>,
    ) -> Option<Value> {
        let first = plain_on_line(&self.text[at..line.end])?;
        let start = self.pos(line, at);
        let mut end = self.pos(line, at + first.len());
        let mut text = std::borrow::Cow::Borrowed(first);
        self.at += 1;
        // Continuation lines: more indented than the block, not blank, not comments.
        let mut breaks = 0;
        while let Some(next) = self.line() {
            let content = self.content(next);
            if content.is_empty() {
                breaks += 1;
                self.at += 1;
                continue;
            }
            if next.indent <= indent || content.starts_with('#') {
                break;
            }
            let part = plain_on_line(content)?;
            if part.len() != content.len() || is_indicator(content.as_bytes()[0]) {
                // A comment after a continuation, or a line that starts like a node.
                return None;
            }
            let owned = text.to_mut();
            if breaks == 0 {
                owned.push(' ');
            } else {
                owned.extend(std::iter::repeat_n('\n', breaks));
            }
            owned.push_str(part);
            breaks = 0;
            end = self.pos(next, next.start + next.indent + part.len());
            self.at += 1;
        }
        // Blank lines after the scalar belong to no node: step back to the first of them.
        self.at -= breaks;
        self.record(key, TextRange { start, end });
        // Resolved as the YAML parser resolves a plain scalar, by the same function.
        scalar_value(resolve_plain(text), TextRange { start, end }).ok()
    }

    /// Reads a literal (`|`) or folded (`>`) block scalar from its header.
    fn block_scalar(
        &mut self,
        line: Line,
        at: usize,
        indent: usize,
        key: Option<TextRange>,
    ) -> Option<Value> {
        let header = &self.text[at..line.end];
        let literal = header.starts_with('|');
        let (chomp, rest) = match header.as_bytes().get(1) {
            Some(b'-') => (Chomp::Strip, &header[2..]),
            Some(b'+') => (Chomp::Keep, &header[2..]),
            _ => (Chomp::Clip, &header[1..]),
        };
        let after = rest.trim_start_matches(' ');
        if !(after.is_empty() || (after.starts_with('#') && after.len() < rest.len())) {
            return None;
        }
        self.at += 1;
        // The content lines: blank ones, then lines indented further than the block.
        let mut leading_blank = 0;
        while let Some(next) = self.line() {
            if next.end > next.start {
                break;
            }
            leading_blank += 1;
            self.at += 1;
        }
        let first = self.line()?;
        if first.indent <= indent || first.end == first.start + first.indent {
            // No content, or blank lines holding spaces: for the YAML parser.
            return None;
        }
        let content_indent = first.indent;
        let start = Pos {
            line: first.number,
            column: content_indent + 1,
        };
        let mut body = String::new();
        body.extend(std::iter::repeat_n('\n', leading_blank));
        let mut pending_breaks = 0;
        let mut any = false;
        while let Some(next) = self.line() {
            if next.end == next.start {
                pending_breaks += 1;
                self.at += 1;
                continue;
            }
            if next.end == next.start + next.indent {
                // A line of spaces only: for the YAML parser.
                return None;
            }
            if next.indent < content_indent {
                break;
            }
            let part = &self.text[next.start + content_indent..next.end];
            if !literal && (next.indent > content_indent || part.ends_with(' ')) {
                // More-indented lines keep their breaks when folded: for the YAML parser.
                return None;
            }
            if any {
                if literal {
                    body.extend(std::iter::repeat_n('\n', pending_breaks + 1));
                } else if pending_breaks == 0 {
                    body.push(' ');
                } else {
                    body.extend(std::iter::repeat_n('\n', pending_breaks));
                }
            }
            body.push_str(part);
            pending_breaks = 0;
            any = true;
            self.at += 1;
        }
        match chomp {
            Chomp::Strip => {}
            Chomp::Clip => body.push('\n'),
            Chomp::Keep => {
                body.push('\n');
                body.extend(std::iter::repeat_n('\n', pending_breaks));
            }
        }
        // The YAML parser ends a block scalar's span where the first line after it that is
        // not blank starts, even a comment.
        let end = self.lines[self.at..]
            .iter()
            .find(|l| l.end > l.start + l.indent)
            .map_or(self.stream_end, |l| Pos {
                line: l.number,
                column: l.indent + 1,
            });
        self.record(key, TextRange { start, end });
        Some(Value::String(body))
    }

    /// Reads a flow sequence of scalars on one line: `[a, "b c", 3]`.
    fn flow_sequence(
        &mut self,
        line: Line,
        at: usize,
        depth: usize,
        key: Option<TextRange>,
    ) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos(line, at);
        let mut i = at + 1;
        let skip = |mut i: usize| {
            while i < line.end && bytes[i] == b' ' {
                i += 1;
            }
            i
        };
        let mut items = Vec::new();
        i = skip(i);
        if bytes.get(i) == Some(&b']') {
            return self.close_flow(line, i, start, key, items);
        }
        if depth + 1 > MAX_DEPTH {
            return None;
        }
        loop {
            let len = self.pointer.len();
            push_index(&mut self.pointer, items.len());
            let rest = &self.text[i..line.end];
            let first = *rest.as_bytes().first()?;
            let (value, next) = match first {
                b'"' | b'\'' => {
                    let (text, close) = quoted(rest)?;
                    let after = skip(i + close);
                    let range = TextRange {
                        start: self.pos(line, i),
                        end: self.pos(line, after),
                    };
                    self.record(None, range);
                    (Value::String(text), after)
                }
                b'-' if !rest
                    .as_bytes()
                    .get(1)
                    .is_some_and(u8::is_ascii_alphanumeric) =>
                {
                    return None;
                }
                _ if is_indicator(first) && first != b'-' => return None,
                _ => {
                    // A plain scalar in a flow collection ends at `,`, `]` or ` #`.
                    let length = rest
                        .find([',', ']', '[', '{', '}', '#', ':'])
                        .unwrap_or(rest.len());
                    if matches!(
                        rest.as_bytes().get(length),
                        Some(b'[' | b'{' | b'}' | b'#' | b':')
                    ) {
                        return None;
                    }
                    let token = rest[..length].trim_end_matches(' ');
                    if token.is_empty() {
                        return None;
                    }
                    let range = TextRange {
                        start: self.pos(line, i),
                        end: self.pos(line, i + token.len()),
                    };
                    self.record(None, range);
                    let value = scalar_value(resolve_plain(token.into()), range).ok()?;
                    (value, skip(i + length))
                }
            };
            self.pointer.truncate(len);
            items.push(value);
            match bytes.get(next) {
                Some(b',') => {
                    i = skip(next + 1);
                    if bytes.get(i) == Some(&b']') {
                        // A trailing comma: for the YAML parser.
                        return None;
                    }
                }
                Some(b']') => return self.close_flow(line, next, start, key, items),
                _ => return None,
            }
        }
    }

    /// Ends a flow sequence at its `]` (byte `close`), which must end the line but for a
    /// comment.
    fn close_flow(
        &mut self,
        line: Line,
        close: usize,
        start: Pos,
        key: Option<TextRange>,
        items: Vec<Value>,
    ) -> Option<Value> {
        let after = &self.text[close + 1..line.end];
        let tail = after.trim_start_matches(' ');
        if !(tail.is_empty() || (tail.starts_with('#') && tail.len() < after.len())) {
            return None;
        }
        let end = self.pos(line, close);
        self.record(key, TextRange { start, end });
        self.at += 1;
        Some(Value::Array(items))
    }
}

#[derive(Clone, Copy)]
enum Chomp {
    Strip,
    Clip,
    Keep,
}

/// Whether a YAML indicator character starts `byte`'s node (YAML 1.2, 5.3): such a node is
/// not a plain scalar, or not one this reader reads.
fn is_indicator(byte: u8) -> bool {
    matches!(
        byte,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    )
}

/// Whether a line's content is a block sequence entry.
fn is_sequence_entry(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// Whether `rest` (a sequence item) starts a mapping entry: a key and its colon.
fn starts_entry(rest: &str) -> bool {
    match rest.as_bytes()[0] {
        b'"' | b'\'' => quoted(rest)
            .is_some_and(|(_, close)| rest[close..].trim_start_matches(' ').starts_with(':')),
        b'[' | b'{' | b'|' | b'>' => false,
        _ => key_colon(rest).is_some(),
    }
}

/// The byte of the colon that ends a plain key at the start of `rest`: the first `:`
/// followed by a space or the end of the line, before any comment.
fn key_colon(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return Some(i),
            b'#' if i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    None
}

/// The plain scalar at the start of `rest` on its line: up to a comment or the end of the
/// line, without trailing spaces; `None` if it holds `: ` (a mapping where none may be).
fn plain_on_line(rest: &str) -> Option<&str> {
    let bytes = rest.as_bytes();
    let mut end = bytes.len();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b':' if matches!(bytes.get(i + 1), None | Some(b' ')) => return None,
            b'#' if i > 0 && bytes[i - 1] == b' ' => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let text = rest[..end].trim_end_matches(' ');
    (!text.is_empty()).then_some(text)
}

/// The quoted scalar at the start of `rest` (single- or double-quoted, on one line): its
/// text and the byte just after its closing quote. `None` for an escape this reader does
/// not read, or no closing quote on the line.
fn quoted(rest: &str) -> Option<(String, usize)> {
    let bytes = rest.as_bytes();
    let quote = bytes[0];
    let mut out = String::new();
    let mut run = 1;
    let mut i = 1;
    while i < bytes.len() {
        let b = bytes[i];
        if b == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                out.push_str(&rest[run..=i]);
                i += 2;
                run = i;
                continue;
            }
            out.push_str(&rest[run..i]);
            return Some((out, i + 1));
        }
        if b == b'\\' && quote == b'"' {
            out.push_str(&rest[run..i]);
            let escaped = *bytes.get(i + 1)?;
            out.push(match escaped {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'0' => '\0',
                b'u' => {
                    let hex = rest.get(i + 2..i + 6)?;
                    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    i += 4;
                    char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                }
                _ => return None,
            });
            i += 2;
            run = i;
            continue;
        }
        i += 1;
    }
    None
}
