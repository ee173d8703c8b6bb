//! UTF-16 surrogate pairs in `\u` escapes, as JSON writes characters beyond U+FFFF.
//!
//! JSON (RFC 8259, section 7) escapes a character outside the Basic Multilingual Plane as two
//! `\u` escapes, a UTF-16 surrogate pair: Python's `json.dumps` writes 😀 as
//! `"\ud83d\ude00"` by default. saphyr decodes each `\u` escape alone and refuses a surrogate
//! code point, so such a file was rejected as invalid. YAML 1.2 defines `\u` as a 16-bit
//! escape and sets out to be a superset of JSON, and a surrogate is not a character (so no
//! scalar may hold one alone); isagen therefore reads a high surrogate escape followed at once
//! by a low one as the one character they encode, in JSON and YAML double-quoted scalars
//! alike, and reports a surrogate escape without its other half at its own line and column.
//!
//! The text is prepared before saphyr sees it: each pair is rewritten as the equivalent
//! 32-bit escape (`\U0001F600`). Only escapes inside double-quoted scalars are touched — the
//! same characters in a plain, single-quoted or block scalar or a comment are literal text —
//! so the scalars are first found by parsing a copy in which every candidate escape is made
//! harmless (`\uFFFD`, the same length). The rewrite is 2 characters shorter per pair, and
//! [`Shifts`] maps the parser's columns back to the file's.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::yaml::{ParseError, Pos, TextRange};

/// Text ready for saphyr, and how to map its columns back to the original.
pub struct Prepared<'a> {
    /// The text to parse.
    pub text: Cow<'a, str>,
    /// Column shifts from rewritten pairs.
    pub shifts: Shifts,
}

/// Where rewriting pairs moved text left, by line: for each line, the columns (in the
/// rewritten text, from 1) from which the rest of the line is 2 characters further right in
/// the original.
#[derive(Debug, Default)]
pub struct Shifts {
    by_line: HashMap<usize, Vec<usize>>,
}

impl Shifts {
    /// The position in the original text of `pos` in the rewritten text.
    pub fn original(&self, pos: Pos) -> Pos {
        match self.by_line.get(&pos.line) {
            None => pos,
            Some(starts) => Pos {
                line: pos.line,
                column: pos.column + 2 * starts.iter().filter(|&&c| c <= pos.column).count(),
            },
        }
    }

    /// [`Shifts::original`] for both ends of a range.
    pub fn range(&self, range: TextRange) -> TextRange {
        TextRange {
            start: self.original(range.start),
            end: self.original(range.end),
        }
    }
}

const HIGH: std::ops::RangeInclusive<u32> = 0xD800..=0xDBFF;
const LOW: std::ops::RangeInclusive<u32> = 0xDC00..=0xDFFF;

/// The value of a `\uXXXX` escape starting at byte `at`, if it is one.
fn escape_at(bytes: &[u8], at: usize) -> Option<u32> {
    if bytes.get(at) != Some(&b'\\') || bytes.get(at + 1) != Some(&b'u') {
        return None;
    }
    let digits = std::str::from_utf8(bytes.get(at + 2..at + 6)?).ok()?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// Prepares `text` for saphyr: surrogate pairs in double-quoted scalars become one escape; a
/// surrogate escape without its other half is an error at its position.
pub fn prepare(text: &str) -> Result<Prepared<'_>, ParseError> {
    let bytes = text.as_bytes();
    // Every `\u` escape of a surrogate, wherever it is (most files have none).
    let candidates: Vec<usize> = memchr_all(bytes)
        .filter(|&at| escape_at(bytes, at).is_some_and(|v| (0xD800..=0xDFFF).contains(&v)))
        .collect();
    if candidates.is_empty() {
        return Ok(Prepared {
            text: Cow::Borrowed(text),
            shifts: Shifts::default(),
        });
    }
    // Find the double-quoted scalars in a copy the parser accepts, of identical layout.
    let mut neutral = bytes.to_vec();
    for &at in &candidates {
        neutral[at + 2..at + 6].copy_from_slice(b"FFFD");
    }
    let neutral = String::from_utf8(neutral).expect("ASCII replaced by ASCII");
    let mut starts: Vec<usize> = Vec::new(); // character index of each opening quote
    for event in Parser::new_from_str(&neutral) {
        let Ok((event, span)) = event else {
            // The real parse reports the syntax error; scalars before it are handled.
            break;
        };
        if let Event::Scalar(_, ScalarStyle::DoubleQuoted, ..) = event {
            starts.push(span.start.index());
        }
    }
    let quotes = char_to_byte_offsets(text, &starts);
    // The real escapes of surrogates, scalar by scalar, lexed from the opening quote.
    let mut surrogates: Vec<(usize, u32)> = Vec::new();
    for start in quotes {
        if bytes.get(start) != Some(&b'"') {
            continue;
        }
        let mut i = start + 1;
        while let Some(&b) = bytes.get(i) {
            match b {
                b'"' => break,
                b'\\' => {
                    let width = match bytes.get(i + 1) {
                        Some(b'x') => 4,
                        Some(b'u') => 6,
                        Some(b'U') => 10,
                        _ => 2,
                    };
                    if let Some(value) =
                        escape_at(bytes, i).filter(|v| (0xD800..=0xDFFF).contains(v))
                    {
                        surrogates.push((i, value));
                    }
                    i += width;
                }
                _ => i += 1,
            }
        }
    }
    surrogates.sort_unstable();
    surrogates.dedup();
    if surrogates.is_empty() {
        return Ok(Prepared {
            text: Cow::Borrowed(text),
            shifts: Shifts::default(),
        });
    }
    let lines = LineIndex::new(text);
    let mut out = String::with_capacity(text.len());
    let mut shifts = Shifts::default();
    let mut copied = 0;
    let mut index = 0;
    while index < surrogates.len() {
        let (at, value) = surrogates[index];
        let pair = surrogates
            .get(index + 1)
            .filter(|(next, low)| *next == at + 6 && HIGH.contains(&value) && LOW.contains(low));
        let Some(&(_, low)) = pair else {
            let start = lines.pos(text, at);
            let end = Pos {
                line: start.line,
                column: start.column + 6,
            };
            let (what, other) = if HIGH.contains(&value) {
                (
                    "first",
                    "a low surrogate, `\\uDC00`–`\\uDFFF`, right after it",
                )
            } else {
                (
                    "second",
                    "a high surrogate, `\\uD800`–`\\uDBFF`, right before it",
                )
            };
            return Err(ParseError::new(
                format!(
                    "`{}` is the {what} half of a UTF-16 surrogate pair, but the pair has no {}",
                    &text[at..at + 6],
                    if what == "first" { "second half" } else { "first half" },
                ),
                TextRange { start, end },
            )
            .hint(format!(
                "give the pair's other half ({other}), or write the character itself or as `\\U` with 8 hex digits (`\\U0001F600`)"
            )));
        };
        let code = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
        out.push_str(&text[copied..at]);
        out.push_str(&format!("\\U{code:08X}"));
        copied = at + 12;
        let pos = lines.pos(text, at);
        let earlier = shifts.by_line.get(&pos.line).map_or(0, Vec::len);
        shifts
            .by_line
            .entry(pos.line)
            .or_default()
            .push(pos.column - 2 * earlier + 10);
        index += 2;
    }
    out.push_str(&text[copied..]);
    Ok(Prepared {
        text: Cow::Owned(out),
        shifts,
    })
}

/// The byte offsets of every `\` in `bytes`.
fn memchr_all(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\\')
        .map(|(i, _)| i)
}

/// The byte offsets of the (ascending) character indices `indices` in `text`.
fn char_to_byte_offsets(text: &str, indices: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(indices.len());
    let mut wanted = indices.iter().peekable();
    for (char_index, (byte, _)) in text.char_indices().enumerate() {
        while wanted.peek() == Some(&&char_index) {
            out.push(byte);
            wanted.next();
        }
        if wanted.peek().is_none() {
            break;
        }
    }
    out
}

/// Line starts, to turn byte offsets into line and column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn pos(&self, text: &str, offset: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Pos {
            line,
            column: text[start..offset].chars().count() + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_in_double_quoted_scalars_become_one_escape() {
        let text = "a: \"x\\ud83d\\ude00y\\uD83D\\uDE00\" # \\ud83d\nb: '\\ud83d\\ude00'\n";
        let prepared = prepare(text).unwrap();
        assert_eq!(
            prepared.text,
            "a: \"x\\U0001F600y\\U0001F600\" # \\ud83d\nb: '\\ud83d\\ude00'\n"
        );
        // `#` is at column 33 in the file and 29 after the rewrite.
        assert_eq!(
            prepared.shifts.original(Pos {
                line: 1,
                column: 29
            }),
            Pos {
                line: 1,
                column: 33
            }
        );
        assert_eq!(
            prepared.shifts.original(Pos { line: 2, column: 4 }),
            Pos { line: 2, column: 4 }
        );
    }

    #[test]
    fn an_escaped_backslash_is_not_an_escape() {
        let text = "a: \"\\\\ud83d\"\n";
        assert!(matches!(prepare(text).unwrap().text, Cow::Borrowed(_)));
    }

    #[test]
    fn a_lone_surrogate_is_an_error_at_its_position() {
        let error = prepare("a: 1\nb: \"ok \\ude00\"\n").err().unwrap();
        assert_eq!(error.at.start, Pos { line: 2, column: 8 });
        assert!(error.message.contains("second half"), "{}", error.message);
        let error = prepare("{\"t\": \"\\ud83d x\"}").err().unwrap();
        assert_eq!(error.at.start, Pos { line: 1, column: 8 });
        assert!(error.message.contains("`\\ud83d` is the first half"));
    }
}
