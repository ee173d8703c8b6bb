//! A reader for plain JSON with positions: the fast path for `.json` definitions.
//!
//! The YAML parser reads JSON too (YAML 1.2 is a superset of it), but it reads it as YAML's
//! flow style, a character at a time, through a tree of its own. This reader goes straight
//! from the bytes to the same [`Value`] and [`SpanIndex`] that [`super::yaml::parse`] builds,
//! with every position exactly where the YAML parser puts it.
//!
//! It vouches only for what it fully understands: strict JSON (RFC 8259) without tabs, lone
//! carriage returns, surrogate escapes, duplicate keys, characters YAML does not allow, or
//! nesting deeper than [`MAX_DEPTH`]. For anything else it answers `None`, and the YAML
//! parser reads the file and reports whatever is wrong with it, so diagnostics never depend
//! on which reader ran. `tests/fast_path.rs` and the `fast_path` fuzz target hold the two
//! readers to the same output.

use saphyr::Scalar;
use serde_json::{Map, Value};

use super::yaml::{
    MAX_DEPTH, NodeSpan, Pos, SpanIndex, TextRange, escape_pointer_segment, push_index,
};

/// The value of the top-level `"kind"` key of the JSON object in `text`, found by scanning
/// its top-level keys only; `None` where the scan cannot vouch for the answer (no such key
/// before the text ends or breaks, an escape in the key or the value, a value that is not a
/// string), and [`super::yaml::peek_kind`] must read it. The YAML parser cannot answer
/// early for JSON: a flow mapping at the top might be a key itself (`{a: b}: c`), so it
/// scans to the closing brace first, which was a fifth of validating a JSON definition.
pub fn peek_kind(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let skip_space = |at: &mut usize| {
        while bytes
            .get(*at)
            .is_some_and(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        {
            *at += 1;
        }
    };
    // A string without escapes: its text, with `at` after the closing quote.
    let plain_string = |at: &mut usize| -> Option<&str> {
        if bytes.get(*at) != Some(&b'"') {
            return None;
        }
        let start = *at + 1;
        let length = bytes[start..]
            .iter()
            .position(|&b| matches!(b, b'"' | b'\\' | b'\n' | b'\r'))?;
        if bytes[start + length] != b'"' {
            return None;
        }
        *at = start + length + 1;
        text.get(start..start + length)
    };
    skip_space(&mut at);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        skip_space(&mut at);
        let key = plain_string(&mut at)?;
        skip_space(&mut at);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at += 1;
        skip_space(&mut at);
        if key == "kind" {
            return plain_string(&mut at).map(str::to_string);
        }
        skip_value(bytes, &mut at)?;
        skip_space(&mut at);
        if bytes.get(at) != Some(&b',') {
            return None;
        }
        at += 1;
    }
}

/// Moves `at` past the JSON value that starts there (a string, brackets matched in pairs,
/// or a bare token such as a number); `None` if the text ends first, a bracket does not
/// match, or a `#` (a YAML comment, which could hide anything) appears outside a string.
fn skip_value(bytes: &[u8], at: &mut usize) -> Option<()> {
    let mut open: Vec<u8> = Vec::new();
    loop {
        match *bytes.get(*at)? {
            b'"' => {
                *at += 1;
                loop {
                    match *bytes.get(*at)? {
                        b'\\' => *at += 2,
                        b'"' => break,
                        _ => *at += 1,
                    }
                }
                *at += 1;
            }
            b'{' => {
                open.push(b'}');
                *at += 1;
            }
            b'[' => {
                open.push(b']');
                *at += 1;
            }
            b @ (b'}' | b']') => {
                if open.pop()? != b {
                    return None;
                }
                *at += 1;
            }
            b'#' => return None,
            _ if open.is_empty() => {
                while bytes.get(*at).is_some_and(|b| {
                    !matches!(b, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t' | b'#')
                }) {
                    *at += 1;
                }
                return Some(());
            }
            _ => *at += 1,
        }
        if open.is_empty() {
            return Some(());
        }
    }
}

/// Reads `text` as one JSON document, as [`super::yaml::parse`] would; `None` if the text is
/// not JSON this reader vouches for.
pub fn parse(text: &str) -> Option<(Value, SpanIndex)> {
    if !allowed_characters(text) {
        return None;
    }
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        line: 1,
        line_start: 0,
        column_cache: (0, 0),
        spans: SpanIndex::with_capacity(text.len() / 16),
        pointer: String::new(),
    };
    reader.skip_whitespace()?;
    if !matches!(reader.peek(), Some(b'{' | b'[')) {
        // A bare scalar is no definition: let the YAML parser say what it is.
        return None;
    }
    let value = reader.value(0, None)?;
    reader.skip_whitespace()?;
    if reader.at != reader.bytes.len() {
        return None;
    }
    Some((value, reader.spans))
}

/// Whether every character of `text` is one YAML reads as itself in a stream (YAML 1.2,
/// 5.1 "c-printable"), leaving out what this reader declines: tabs, carriage returns not
/// followed by a line feed, and the characters YAML 1.1 took as line breaks or that YAML
/// treats specially (U+0085, U+2028, U+2029, U+FEFF).
pub(super) fn allowed_characters(text: &str) -> bool {
    let bytes = text.as_bytes();
    // C0 controls but the line feed and carriage return, and DEL: checked 64 bytes at a
    // time with no early exit inside a block, which the compiler turns into vector code.
    let control = |b: u8| (b < 0x20 && b != b'\n' && b != b'\r') || b == 0x7F;
    if bytes
        .chunks(64)
        .any(|block| block.iter().fold(false, |seen, &b| seen | control(b)))
    {
        return false;
    }
    if text.contains('\r')
        && bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
    {
        return false;
    }
    text.is_ascii()
        || text.chars().all(|c| {
            c.is_ascii()
                || (matches!(c, '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
                    && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}'))
        })
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    /// The byte being read.
    at: usize,
    /// Its line, from 1.
    line: usize,
    /// The byte where that line starts.
    line_start: usize,
    /// A byte on the current line and the number of characters before it on the line, so
    /// positions on a long line (minified JSON) are counted from there, not from its start.
    column_cache: (usize, usize),
    spans: SpanIndex,
    /// The JSON pointer of the node being read.
    pointer: String,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// The position of byte `at`, on the current line, at or after the last position asked
    /// for on it.
    fn pos(&mut self, at: usize) -> Pos {
        let (from, before) = if self.column_cache.0 >= self.line_start && self.column_cache.0 <= at
        {
            self.column_cache
        } else {
            (self.line_start, 0)
        };
        let run = &self.bytes[from..at];
        let column = before
            + if run.is_ascii() {
                run.len()
            } else {
                self.text[from..at].chars().count()
            };
        self.column_cache = (at, column);
        Pos {
            line: self.line,
            column: column + 1,
        }
    }

    /// Skips spaces and line breaks; `None` on anything YAML would read differently
    /// (a comment).
    fn skip_whitespace(&mut self) -> Option<()> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\r' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.line_start = self.at;
                }
                b'#' => return None,
                _ => break,
            }
        }
        Some(())
    }

    /// Skips spaces only: where the YAML parser ends a quoted scalar.
    fn skip_spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.at += 1;
        }
    }

    fn record(&mut self, key: Option<TextRange>, value: TextRange) {
        self.spans.insert(&self.pointer, NodeSpan { key, value });
    }

    /// Reads the value starting at the current byte (whitespace already skipped).
    fn value(&mut self, depth: usize, key: Option<TextRange>) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth, key),
            b'[' => self.array(depth, key),
            b'"' => {
                let start = self.pos(self.at);
                let text = self.string()?;
                self.skip_spaces();
                let end = self.pos(self.at);
                let range = TextRange { start, end };
                self.record(key, range);
                Some(Value::String(text))
            }
            _ => {
                let begin = self.at;
                self.scalar_token()?;
                let start = self.pos(begin);
                let end = self.pos(self.at);
                self.record(key, TextRange { start, end });
                let token = &self.text[begin..self.at];
                // The YAML parser resolves the same token by the same function.
                match Scalar::parse_from_cow(token.into()) {
                    Scalar::Null => Some(Value::Null),
                    Scalar::Boolean(b) => Some(Value::Bool(b)),
                    Scalar::Integer(i) => Some(Value::Number(i.into())),
                    Scalar::FloatingPoint(f) => {
                        serde_json::Number::from_f64(f.into_inner()).map(Value::Number)
                    }
                    Scalar::String(_) => None,
                }
            }
        }
    }

    /// Reads `true`, `false`, `null` or a number in JSON's grammar.
    fn scalar_token(&mut self) -> Option<()> {
        for word in [&b"true"[..], b"false", b"null"] {
            if self.bytes[self.at..].starts_with(word) {
                self.at += word.len();
                return self.token_ends();
            }
        }
        // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.peek()?.is_ascii_digit() {
                return None;
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !self.peek()?.is_ascii_digit() {
                return None;
            }
            self.digits();
        }
        self.token_ends()
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// A literal or number must be followed by what ends a plain scalar in a flow
    /// collection; anything else (`1x`, `truer`) is for the YAML parser.
    fn token_ends(&self) -> Option<()> {
        match self.peek() {
            None | Some(b' ' | b'\n' | b'\r' | b',' | b']' | b'}') => Some(()),
            _ => None,
        }
    }

    /// Reads a string from its opening quote, leaving the reader after the closing one.
    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let begin = self.at;
        // The common case: no escapes.
        while let Some(b) = self.peek() {
            match b {
                b'"' => {
                    let text = self.text[begin..self.at].to_string();
                    self.at += 1;
                    return Some(text);
                }
                b'\\' => break,
                b'\n' | b'\r' => return None,
                _ => self.at += 1,
            }
        }
        let mut out = self.text[begin..self.at].to_string();
        loop {
            let b = self.peek()?;
            match b {
                b'"' => {
                    self.at += 1;
                    return Some(out);
                }
                b'\\' => {
                    let escaped = *self.bytes.get(self.at + 1)?;
                    self.at += 2;
                    out.push(match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hex = self.text.get(self.at..self.at + 4)?;
                            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return None;
                            }
                            self.at += 4;
                            // A surrogate (half of a UTF-16 pair) is for the YAML reader,
                            // which joins pairs and reports halves.
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                        }
                        _ => return None,
                    });
                }
                b'\n' | b'\r' => return None,
                _ => {
                    // Copy the run up to the next quote or escape.
                    let run = self.at;
                    while self
                        .peek()
                        .is_some_and(|b| !matches!(b, b'"' | b'\\' | b'\n' | b'\r'))
                    {
                        self.at += 1;
                    }
                    out.push_str(&self.text[run..self.at]);
                }
            }
        }
    }

    /// Ends the collection that opened at `start`: its span runs to its closing bracket (the
    /// current byte), as the YAML parser's does, and the reader steps past the bracket.
    fn close(&mut self, key: Option<TextRange>, start: Pos) {
        let end = self.pos(self.at);
        self.at += 1;
        self.record(key, TextRange { start, end });
    }

    fn object(&mut self, depth: usize, key: Option<TextRange>) -> Option<Value> {
        let start = self.pos(self.at);
        self.at += 1;
        let mut map = Map::new();
        self.skip_whitespace()?;
        if self.peek()? == b'}' {
            self.close(key, start);
            return Some(Value::Object(map));
        }
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            let key_start = self.pos(self.at);
            let name = self.string()?;
            self.skip_spaces();
            let key_end = self.pos(self.at);
            let key_range = TextRange {
                start: key_start,
                end: key_end,
            };
            self.skip_whitespace()?;
            if self.peek()? != b':' {
                return None;
            }
            self.at += 1;
            self.skip_whitespace()?;
            let len = self.pointer.len();
            self.pointer.push('/');
            if name.contains(['~', '/']) {
                self.pointer.push_str(&escape_pointer_segment(&name));
            } else {
                self.pointer.push_str(&name);
            }
            let value = self.value(depth + 1, Some(key_range))?;
            self.pointer.truncate(len);
            if map.insert(name, value).is_some() {
                // A duplicate key: the YAML parser reports it.
                return None;
            }
            self.skip_whitespace()?;
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.skip_whitespace()?;
                }
                b'}' => {
                    self.close(key, start);
                    return Some(Value::Object(map));
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize, key: Option<TextRange>) -> Option<Value> {
        let start = self.pos(self.at);
        self.at += 1;
        let mut items = Vec::new();
        self.skip_whitespace()?;
        if self.peek()? == b']' {
            self.close(key, start);
            return Some(Value::Array(items));
        }
        loop {
            let len = self.pointer.len();
            push_index(&mut self.pointer, items.len());
            let value = self.value(depth + 1, None)?;
            self.pointer.truncate(len);
            items.push(value);
            self.skip_whitespace()?;
            match self.peek()? {
                b',' => {
                    self.at += 1;
                    self.skip_whitespace()?;
                }
                b']' => {
                    self.close(key, start);
                    return Some(Value::Array(items));
                }
                _ => return None,
            }
        }
    }
}
