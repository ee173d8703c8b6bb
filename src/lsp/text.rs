//! Positions and names: LSP positions (UTF-16 code units, lines from 0) against isagen's
//! (characters, lines and columns from 1), file URIs against paths, and the YAML context at
//! the cursor (which key's value is being written), read from the text so it works while the
//! file does not yet parse.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

/// The text of line `line` (from 0) without its line ending.
pub fn line_of(text: &str, line: u32) -> &str {
    text.split('\n')
        .nth(line as usize)
        .map_or("", |l| l.strip_suffix('\r').unwrap_or(l))
}

/// The LSP position of isagen's `line` and `column` (from 1, in characters) in `text`.
pub fn to_lsp(text: &str, line: usize, column: usize) -> Position {
    let line0 = line.saturating_sub(1) as u32;
    let units: usize = line_of(text, line0)
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf16)
        .sum();
    Position::new(line0, units as u32)
}

/// The range from isagen's (`line`, `column`) to (`end_line`, `end_column`).
pub fn range_to_lsp(
    text: &str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
) -> Range {
    Range::new(
        to_lsp(text, line, column),
        to_lsp(text, end_line, end_column),
    )
}

/// The character index (from 0) on `line_text` of an LSP `character` (UTF-16 units); a
/// position inside a surrogate pair or past the end is clamped.
pub fn char_index(line_text: &str, character: u32) -> usize {
    let mut units = 0usize;
    for (i, c) in line_text.chars().enumerate() {
        if units >= character as usize {
            return i;
        }
        units += c.len_utf16();
        if units > character as usize {
            return i;
        }
    }
    line_text.chars().count()
}

/// The UTF-16 length of the first `chars` characters of `line_text`.
pub fn utf16_len(line_text: &str, chars: usize) -> u32 {
    line_text
        .chars()
        .take(chars)
        .map(char::len_utf16)
        .sum::<usize>() as u32
}

/// Characters of an id, a rule code or a vocabulary value.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// The word under (or just before) `position`, with its range.
pub fn word_at(text: &str, position: Position) -> Option<(String, Range)> {
    let line = line_of(text, position.line);
    let chars: Vec<char> = line.chars().collect();
    let at = char_index(line, position.character);
    let mut start = at;
    while start > 0 && is_word(chars[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < chars.len() && is_word(chars[end]) {
        end += 1;
    }
    if start == end {
        return None;
    }
    let word: String = chars[start..end].iter().collect();
    let range = Range::new(
        Position::new(position.line, utf16_len(line, start)),
        Position::new(position.line, utf16_len(line, end)),
    );
    Some((word, range))
}

const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The `file:` URI of an absolute path.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') {
        text
    } else {
        format!("/{text}")
    };
    let encoded = utf8_percent_encode(&text, PATH_SEGMENT).to_string();
    // A Windows drive letter keeps its colon: file:///C:/...
    let encoded = encoded.replacen("%3A", ":", 1);
    Uri::from_str(&format!("file://{encoded}")).ok()
}

/// The path a `file:` URI names; `None` for any other scheme.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text
        .strip_prefix("file://")
        .or_else(|| text.strip_prefix("FILE://"))?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_decode_str(rest).decode_utf8().ok()?.into_owned();
    let bytes = decoded.as_bytes();
    // file:///C:/x names C:/x on Windows.
    if cfg!(windows) && bytes.len() > 2 && bytes[0] == b'/' && bytes[2] == b':' {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// One step from a node to a child: a mapping key, or an item of a sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The value of a key.
    Key(String),
    /// An item of a sequence.
    Item,
}

/// What the cursor is writing: the value of the node at `path` (keys from the top of the
/// document), the partial word typed so far and the range it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueContext {
    /// The steps from the document's top to the value.
    pub path: Vec<Step>,
    /// The word typed so far.
    pub partial: String,
    /// Where that word is (empty at the cursor when nothing is typed).
    pub range: Range,
}

impl ValueContext {
    /// The last key of the path: the field the value is for.
    pub fn field(&self) -> Option<&str> {
        self.path.iter().rev().find_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Item => None,
        })
    }
}

/// A line of block YAML: its dashes (columns of `- `), then its key (column, name) and
/// whether a value follows the colon on the same line.
struct Line<'a> {
    dashes: Vec<usize>,
    key: Option<(usize, &'a str)>,
    rest: &'a str,
}

fn split_line(line: &str) -> Option<Line<'_>> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    // Columns here are byte offsets; the structure characters are ASCII, and only keys
    // before the cursor are compared, so they are compared as bytes throughout.
    let mut at = line.len() - trimmed.len();
    let mut dashes = Vec::new();
    loop {
        let rest = &line[at..];
        if rest == "-" || rest.starts_with("- ") {
            dashes.push(at);
            at += 1;
            at += line[at..].len() - line[at..].trim_start().len();
        } else {
            break;
        }
    }
    let rest = &line[at..];
    let key = key_of(rest).map(|(name, after)| ((at, name), after));
    match key {
        Some(((col, name), after)) => Some(Line {
            dashes,
            key: Some((col, name)),
            rest: after,
        }),
        None => Some(Line {
            dashes,
            key: None,
            rest,
        }),
    }
}

/// `key: rest` (the key possibly quoted) at the start of `text`.
fn key_of(text: &str) -> Option<(&str, &str)> {
    let (key, rest) = if let Some(quoted) = text.strip_prefix('"') {
        let end = quoted.find('"')?;
        (&quoted[..end], quoted[end + 1..].strip_prefix(':')?)
    } else {
        let colon = text
            .find(": ")
            .or_else(|| text.strip_suffix(':').map(|t| t.len()))?;
        let key = &text[..colon];
        if key.is_empty() || key.contains([' ', '[', '{', '#', ',']) {
            return None;
        }
        (key, &text[colon + 1..])
    };
    Some((key, rest))
}

/// The byte offset of the last `{` on `text` that is not closed (outside quotes).
fn unclosed_brace(text: &str) -> Option<usize> {
    let mut open = Vec::new();
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => open.push(i),
            (None, '}') => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// The value context at `position` in YAML `text`, if the cursor is in a value (after
/// `key:`, in a `- ` item, or inside a `[...]` list).
pub fn value_context(text: &str, position: Position) -> Option<ValueContext> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let row = position.line as usize;
    let full = *lines.get(row)?;
    let chars: Vec<char> = full.chars().collect();
    let at = char_index(full, position.character);
    let mut start = at;
    while start > 0 && is_word(chars[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < chars.len() && is_word(chars[end]) {
        end += 1;
    }
    let partial: String = chars[start..at].iter().collect();
    let range = Range::new(
        Position::new(position.line, utf16_len(full, start)),
        Position::new(position.line, utf16_len(full, end)),
    );
    let before: String = chars[..start].iter().collect();
    let mut path = Vec::new();
    // Inside a `{ … }` mapping written on the line: the key within it, then the line up to
    // the brace as if the mapping were the value there.
    let mut outer = before.as_str();
    if let Some(brace) = unclosed_brace(&before) {
        let inner = &before[brace + 1..];
        let segment = inner.rsplit(',').next().unwrap_or(inner).trim_start();
        let segment = segment.trim_end_matches(['"', '\'']);
        let (key, rest) = key_of(segment)?;
        if !rest.trim().is_empty() {
            return None;
        }
        path.push(Step::Key(key.to_string()));
        outer = &before[..brace];
    }
    let line = split_line(outer)?;
    let (mut threshold, mut on_row, mut dashes) = match line.key {
        Some((col, key)) => {
            let rest = line.rest.trim();
            let rest = rest.trim_end_matches(['"', '\'']);
            let in_list = rest.starts_with('[');
            let plain = rest.is_empty();
            if !(plain || in_list && !rest.contains(']')) {
                return None;
            }
            if in_list {
                path.push(Step::Item);
            }
            path.push(Step::Key(key.to_string()));
            (col, row, line.dashes)
        }
        None => {
            // A `- ` item written on this line: the list belongs to the key above.
            if line.dashes.is_empty() || !line.rest.trim().trim_matches(['"', '\'']).is_empty() {
                return None;
            }
            let last = *line.dashes.last().expect("not empty");
            path.push(Step::Item);
            let mut dashes = line.dashes;
            dashes.pop();
            (last, row, dashes)
        }
    };
    'outer: loop {
        // Dashes before the key on the same line: each is an item of a list above.
        while let Some(dash) = dashes.pop() {
            path.push(Step::Item);
            threshold = dash;
        }
        let last_is_item = path.last() == Some(&Step::Item);
        for r in (0..on_row).rev() {
            let Some(candidate) = split_line(lines[r]) else {
                continue;
            };
            match candidate.key {
                Some((col, key)) => {
                    let rest = candidate.rest.trim_start();
                    let empty = rest.is_empty() || rest.starts_with('#');
                    if col < threshold || (col == threshold && last_is_item && empty) {
                        // The key whose value holds the cursor's node.
                        path.push(Step::Key(key.to_string()));
                        threshold = col;
                        on_row = r;
                        dashes = candidate.dashes;
                        continue 'outer;
                    }
                    if col == threshold && !last_is_item && !candidate.dashes.is_empty() {
                        // The first key of the mapping the cursor's key is in, written
                        // after the dash of the list item that mapping is.
                        on_row = r;
                        dashes = candidate.dashes;
                        continue 'outer;
                    }
                }
                None => {
                    if candidate.dashes.first().is_some_and(|&d| d < threshold) {
                        // A less indented scalar item: not a structure this reader follows.
                        return None;
                    }
                }
            }
        }
        break;
    }
    path.reverse();
    Some(ValueContext {
        path,
        partial,
        range,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(path: &[Step]) -> String {
        path.iter()
            .map(|s| match s {
                Step::Key(k) => k.clone(),
                Step::Item => "[]".into(),
            })
            .collect::<Vec<_>>()
            .join(".")
    }

    #[test]
    fn positions_count_utf16_units() {
        let text = "a: x\nname: Café 😀 Trust\n";
        // Column 14 (from 1, in characters) is the `T` of Trust.
        let p = to_lsp(text, 2, 14);
        assert_eq!(p, Position::new(1, 14));
        assert_eq!(char_index(line_of(text, 1), 14), 13);
        let (word, range) = word_at(text, Position::new(1, 15)).unwrap();
        assert_eq!(word, "Trust");
        assert_eq!(range.start.character, 14);
    }

    proptest::proptest! {
        #[test]
        fn any_text_and_position_is_read_without_panicking(
            text in "[ a-z:#\\-\\[\\]{}\"'\n\r\t,é😀]{0,80}",
            line in 0u32..12,
            character in 0u32..90,
        ) {
            let position = Position::new(line, character);
            let _ = value_context(&text, position);
            let _ = word_at(&text, position);
            let _ = to_lsp(&text, line as usize, character as usize);
        }
    }

    #[test]
    fn uris_round_trip() {
        let path = PathBuf::from("/tmp/a b/é.yaml");
        let uri = uri_of(&path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/a%20b/%C3%A9.yaml");
        assert_eq!(path_of(&uri).unwrap(), path);
    }

    #[test]
    fn the_context_of_a_value() {
        let text = "kind: agreement\nparties:\n  - partner: tr\n    role: \nflows:\n  - id: f\n    data_items:\n      - na\n    purposes: [care, ]\n";
        let at = |line, character| value_context(text, Position::new(line, character)).unwrap();
        let c = at(2, 16);
        assert_eq!(keys(&c.path), "parties.[].partner");
        assert_eq!(c.partial, "tr");
        assert_eq!(keys(&at(3, 10).path), "parties.[].role");
        assert_eq!(keys(&at(7, 10).path), "flows.[].data_items.[]");
        assert_eq!(keys(&at(8, 21).path), "flows.[].purposes.[]");
        assert_eq!(keys(&at(0, 8).path), "kind");
    }

    #[test]
    fn the_context_inside_a_mapping_on_one_line() {
        let text = "document:\n  owner: {partner: no, role: x}\nflows:\n  - {id: f, volume: \"a, {b\", from: tr}\n";
        let at = |line, character| value_context(text, Position::new(line, character)).unwrap();
        assert_eq!(keys(&at(1, 21).path), "document.owner.partner");
        let c = at(3, 37);
        assert_eq!(keys(&c.path), "flows.[].from");
        assert_eq!(c.partial, "tr");
    }
}
