//! Escaping for every sink the tool writes user text to, one function per sink.
//!
//! A definition's text is written verbatim by its authors, and so may carry anything: a
//! formula, Markdown or HTML, a terminal escape sequence, a GitHub Actions workflow command,
//! or characters that change how the text around them is displayed. Whatever reaches a sink
//! goes through that sink's function here, and only through it:
//!
//! | Sink | Function | What it does |
//! | --- | --- | --- |
//! | CSV cell (`register`) | [`csv_cell`] | OWASP CSV-injection rule: a cell starting with `=` `+` `-` `@`, tab, CR or LF (or their full-width forms) gets a leading `'` so spreadsheets show it as text; the `csv` crate then quotes as RFC 4180 requires |
//! | Markdown, inline or table cell (the documents) | [`markdown`] | control characters dropped, line breaks to spaces, every character that can start Markdown or HTML structure (`\|` included) backslash-escaped |
//! | Markdown reports (`status`, `register`, `diff`) | [`markdown_report`] | [`markdown`] after [`reveal_hidden`]: a report is read to check the text, so hidden characters are shown |
//! | Markdown written by isagen itself (`rules`) | [`markdown_cell_markup`] | keeps the Markdown, escapes only what ends a table cell |
//! | Terminal and CI log (`human` report, `status`, `hash`) | [`terminal`] | control characters, bidirectional controls and invisible characters shown as `\u{..}`; a leading `::` escaped so GitHub Actions cannot read the line as a workflow command |
//! | JSON for tools (`diff`, `status` and `register --format json`) | [`json_pretty`] | exact text, with hidden characters and C1 controls written as `\uXXXX` escapes so they are visible in the raw file |
//! | Mermaid label (the data flow diagram in the Markdown) | [`mermaid_label`] | control characters and line breaks dropped; quotes, `#`, `&`, `<`, `>`, `;`, `%`, `\|`, backticks, brackets and the like as Mermaid entity codes (`#35;`) |
//! | XML written by isagen itself (the diagram's SVG, the Word image's alt text) | [`xml_text`] | characters XML forbids dropped; `&`, `<`, `>`, quotes as references |
//! | Text a reviewer compares (`diff`) | [`reveal_hidden`] | bidirectional controls and invisible characters shown as `⟨U+202E⟩`, so a changed name cannot look unchanged |
//!
//! The GitHub Actions workflow commands and the XML of the other reports have escaping of
//! their own, in their reporters (`report::github`, `report::junit`, `report::sarif`), since
//! their rules belong to those formats alone.
//!
//! "Hidden" characters ([`hidden_character`]) are those Unicode Technical Report #36 and
//! Unicode Technical Standard #39 warn make text display other than it reads: the bidirectional
//! embeddings, overrides and isolates of the Trojan Source attack (CVE-2021-42574), the
//! bidirectional marks, and default-ignorable characters that render as nothing. ZERO WIDTH
//! JOINER and NON-JOINER are needed between letters of Arabic, Persian, Indic scripts and in
//! emoji sequences, so they count as hidden only next to an ASCII character, a space or the
//! start or end of the text, where no script needs them.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The characters that start a formula in Excel, LibreOffice Calc or Google Sheets: the OWASP
/// list (`=`, `+`, `-`, `@`, tab, carriage return), line feed, and the full-width forms, which
/// some spreadsheets fold to their ASCII equivalents.
const FORMULA_STARTS: &[char] = &[
    '=', '+', '-', '@', '\t', '\r', '\n', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// A CSV cell that no spreadsheet evaluates: when the text starts with a formula character
/// (`=`, `+`, `-`, `@`, tab, CR, LF or a full-width `＝＋－＠`), it is prefixed with a single
/// quote, as OWASP recommends; other text is unchanged. Quoting for the CSV syntax itself
/// (commas, quotes, line breaks) is left to the `csv` writer.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Removes characters that have no place in a document: control characters other than tab and
/// line feed (XML 1.0 forbids most of them) and Unicode non-characters.
pub fn strip_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            (!c.is_control() || c == '\n' || c == '\t') && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
        .collect()
}

/// Text for use inline in Markdown, or in a Markdown table cell: control characters dropped,
/// line breaks as spaces, and every character that could start Markdown or HTML structure
/// (`<`, `[`, `]`, `|`, `#`, `*`, backticks and the rest) backslash-escaped, as are list
/// markers and setext underlines at the start. The result renders as the text itself: no
/// link, image, HTML, heading or extra table cell can come of it.
pub fn markdown(text: &str) -> String {
    let text = strip_controls(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~'
            | '&' | '$' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // Characters that start a block only at the beginning of a line, and only when followed
    // by a space or the end: list markers (`-`, `+`, `1.`, `1)`) and setext underlines.
    let trimmed = out.trim_start();
    let lead = out.len() - trimmed.len();
    let marker_ends = |rest: &str| rest.is_empty() || rest.starts_with(' ');
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if trimmed.starts_with(['-', '+', '='])
        && (marker_ends(&trimmed[1..]) || trimmed.chars().all(|c| c == '-' || c == '='))
    {
        out = format!("{}\\{}", &out[..lead], trimmed);
    } else if digits > 0
        && trimmed[digits..].starts_with(['.', ')'])
        && marker_ends(&trimmed[digits + 1..])
    {
        out = format!(
            "{}{}\\{}",
            &out[..lead],
            &trimmed[..digits],
            &trimmed[digits..]
        );
    }
    out
}

/// Text for a Markdown report (`status`, `register`, `diff`): hidden characters shown as
/// `⟨U+202E⟩` ([`reveal_hidden`]), then escaped as [`markdown`] escapes. A report is read to
/// check what the definitions say, so nothing in it may display as something else.
pub fn markdown_report(text: &str) -> String {
    markdown(&reveal_hidden(text))
}

/// A Markdown table cell holding Markdown isagen wrote itself (a rule's summary, with its code
/// spans): only what would end the cell or the row is escaped (`|`, line breaks). Never for
/// text from a definition; that goes through [`markdown`].
pub fn markdown_cell_markup(text: &str) -> String {
    strip_controls(text)
        .replace(['\n', '\t'], " ")
        .replace('|', "\\|")
}

/// Text for a terminal or a CI log, one value at a time: control characters (C0, DEL and C1,
/// line breaks included, tab excepted), bidirectional controls and invisible characters are
/// shown as `\u{1b}`-style escapes, so no escape sequence reaches the terminal and the text
/// cannot start a new line; and a leading `::` becomes `\u{3a}:`, so a GitHub Actions log never
/// reads the value as a workflow command (`::error::`, `::add-mask::`...).
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !needs_terminal_escape(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(escape_terminal(text, false, &mut Vec::new()))
}

/// Lines of source text for a terminal, as [`terminal`] escapes a value but keeping the line
/// breaks (LF, and CR before LF), with the start of every line treated as the start of a
/// value. The code frames of the `human` report show source lines this way, and use
/// [`TerminalSource::offset`] to place their underlines in the escaped text.
pub fn terminal_source(text: &str) -> TerminalSource<'_> {
    if !needs_terminal_escape(text) {
        return TerminalSource {
            text: Cow::Borrowed(text),
            shifts: Vec::new(),
        };
    }
    let mut shifts = Vec::new();
    let escaped = escape_terminal(text, true, &mut shifts);
    TerminalSource {
        text: Cow::Owned(escaped),
        shifts,
    }
}

/// Source text escaped for a terminal by [`terminal_source`].
#[derive(Debug)]
pub struct TerminalSource<'a> {
    /// The escaped text.
    pub text: Cow<'a, str>,
    /// (offset in the input just after an escaped character, bytes added up to there).
    shifts: Vec<(usize, usize)>,
}

impl TerminalSource<'_> {
    /// The offset in the escaped text of byte offset `input` of the original (a character
    /// boundary): an escaped character's start maps to its escape's start.
    pub fn offset(&self, input: usize) -> usize {
        let i = self.shifts.partition_point(|(at, _)| *at <= input);
        input + i.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }
}

fn needs_terminal_escape(text: &str) -> bool {
    text.starts_with("::")
        || text.contains("\n::")
        || text
            .chars()
            .any(|c| (c.is_control() && c != '\t') || hidden_character_at(c, None, None))
}

/// The escape of [`terminal`] and [`terminal_source`]; records in `shifts` where the text grew.
fn escape_terminal(text: &str, keep_lines: bool, shifts: &mut Vec<(usize, usize)>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut added = 0;
    let mut line_start = true;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let previous = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let start_len = out.len();
        let command = line_start && c == ':' && next == Some(':');
        let line_break = keep_lines && (c == '\n' || (c == '\r' && next == Some('\n')));
        if command
            || (!line_break && c.is_control() && c != '\t')
            || hidden_character_at(c, previous, next)
        {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
            added += out.len() - start_len - c.len_utf8();
            shifts.push((at + c.len_utf8(), added));
        } else {
            out.push(c);
        }
        line_start = keep_lines && c == '\n';
    }
    out
}

/// Text with every hidden character ([`hidden_character`]) replaced by a visible marker naming
/// its code point, for example `⟨U+202E⟩`, so a reviewer comparing two versions sees it.
pub fn reveal_hidden(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden_character_at(c, None, None)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for_each_with_neighbours(
        text,
        |previous, c, next| {
            if hidden_character_at(c, previous, next) {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            } else {
                out.push(c);
            }
        },
        0,
    );
    Cow::Owned(out)
}

/// Calls `f(previous, c, next)` for each character after the first `skip`.
fn for_each_with_neighbours(
    text: &str,
    mut f: impl FnMut(Option<char>, char, Option<char>),
    skip: usize,
) {
    let chars: Vec<char> = text.chars().collect();
    for i in skip..chars.len() {
        let previous = i.checked_sub(1).map(|j| chars[j]);
        f(previous, chars[i], chars.get(i + 1).copied());
    }
}

/// JSON, pretty-printed, with the exact text of every string, but with hidden characters
/// ([`hidden_character`]) and C1 control characters written as `\uXXXX` escapes (surrogate
/// pairs above U+FFFF) rather than raw, so they are visible in the file and in a terminal and
/// decode to the same text.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, VisibleFormatter::default());
    value.serialize(&mut serializer)?;
    Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
}

/// serde_json's pretty formatter, escaping hidden characters in strings.
#[derive(Default)]
struct VisibleFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for VisibleFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if c.is_control() || hidden_character_at(c, None, None) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Which kind of hidden character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// A bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): it
    /// reorders the text displayed around it (Trojan Source, CVE-2021-42574).
    BidiControl,
    /// A bidirectional mark or a character that displays as nothing: it can make two
    /// different texts look the same.
    Invisible,
}

/// The kind and Unicode name of `c` if it is a hidden character, judged without its
/// neighbours (so ZERO WIDTH JOINER and NON-JOINER count); see [`hidden_character_in`] for
/// the judgement in context.
pub fn hidden_character(c: char) -> Option<(Hidden, Cow<'static, str>)> {
    let name = |n: &'static str| Some(Cow::Borrowed(n));
    let (kind, name) = match c {
        '\u{202A}' => (Hidden::BidiControl, name("LEFT-TO-RIGHT EMBEDDING")),
        '\u{202B}' => (Hidden::BidiControl, name("RIGHT-TO-LEFT EMBEDDING")),
        '\u{202C}' => (Hidden::BidiControl, name("POP DIRECTIONAL FORMATTING")),
        '\u{202D}' => (Hidden::BidiControl, name("LEFT-TO-RIGHT OVERRIDE")),
        '\u{202E}' => (Hidden::BidiControl, name("RIGHT-TO-LEFT OVERRIDE")),
        '\u{2066}' => (Hidden::BidiControl, name("LEFT-TO-RIGHT ISOLATE")),
        '\u{2067}' => (Hidden::BidiControl, name("RIGHT-TO-LEFT ISOLATE")),
        '\u{2068}' => (Hidden::BidiControl, name("FIRST STRONG ISOLATE")),
        '\u{2069}' => (Hidden::BidiControl, name("POP DIRECTIONAL ISOLATE")),
        '\u{200E}' => (Hidden::Invisible, name("LEFT-TO-RIGHT MARK")),
        '\u{200F}' => (Hidden::Invisible, name("RIGHT-TO-LEFT MARK")),
        '\u{061C}' => (Hidden::Invisible, name("ARABIC LETTER MARK")),
        '\u{00AD}' => (Hidden::Invisible, name("SOFT HYPHEN")),
        '\u{115F}' => (Hidden::Invisible, name("HANGUL CHOSEONG FILLER")),
        '\u{1160}' => (Hidden::Invisible, name("HANGUL JUNGSEONG FILLER")),
        '\u{180E}' => (Hidden::Invisible, name("MONGOLIAN VOWEL SEPARATOR")),
        '\u{200B}' => (Hidden::Invisible, name("ZERO WIDTH SPACE")),
        '\u{200C}' => (Hidden::Invisible, name("ZERO WIDTH NON-JOINER")),
        '\u{200D}' => (Hidden::Invisible, name("ZERO WIDTH JOINER")),
        '\u{2060}' => (Hidden::Invisible, name("WORD JOINER")),
        '\u{2061}' => (Hidden::Invisible, name("FUNCTION APPLICATION")),
        '\u{2062}' => (Hidden::Invisible, name("INVISIBLE TIMES")),
        '\u{2063}' => (Hidden::Invisible, name("INVISIBLE SEPARATOR")),
        '\u{2064}' => (Hidden::Invisible, name("INVISIBLE PLUS")),
        '\u{3164}' => (Hidden::Invisible, name("HANGUL FILLER")),
        '\u{FEFF}' => (Hidden::Invisible, name("ZERO WIDTH NO-BREAK SPACE")),
        '\u{FFA0}' => (Hidden::Invisible, name("HALFWIDTH HANGUL FILLER")),
        '\u{E0000}'..='\u{E007F}' => (Hidden::Invisible, Some(tag_name(c))),
        _ => return None,
    };
    name.map(|name| (kind, name))
}

/// The Unicode name of a character of the Tags block (U+E0000–U+E007F).
fn tag_name(c: char) -> Cow<'static, str> {
    const PUNCTUATION: [&str; 32] = [
        "EXCLAMATION MARK",
        "QUOTATION MARK",
        "NUMBER SIGN",
        "DOLLAR SIGN",
        "PERCENT SIGN",
        "AMPERSAND",
        "APOSTROPHE",
        "LEFT PARENTHESIS",
        "RIGHT PARENTHESIS",
        "ASTERISK",
        "PLUS SIGN",
        "COMMA",
        "HYPHEN-MINUS",
        "FULL STOP",
        "SOLIDUS",
        "COLON",
        "SEMICOLON",
        "LESS-THAN SIGN",
        "EQUALS SIGN",
        "GREATER-THAN SIGN",
        "QUESTION MARK",
        "COMMERCIAL AT",
        "LEFT SQUARE BRACKET",
        "REVERSE SOLIDUS",
        "RIGHT SQUARE BRACKET",
        "CIRCUMFLEX ACCENT",
        "LOW LINE",
        "GRAVE ACCENT",
        "LEFT CURLY BRACKET",
        "VERTICAL LINE",
        "RIGHT CURLY BRACKET",
        "TILDE",
    ];
    let ascii = (c as u32 - 0xE0000) as u8;
    let base = match ascii {
        0x01 => return Cow::Borrowed("LANGUAGE TAG"),
        0x20 => return Cow::Borrowed("TAG SPACE"),
        0x7F => return Cow::Borrowed("CANCEL TAG"),
        b'0'..=b'9' => format!("DIGIT {}", digit_name(ascii - b'0')),
        b'A'..=b'Z' => format!("LATIN CAPITAL LETTER {}", ascii as char),
        b'a'..=b'z' => format!("LATIN SMALL LETTER {}", ascii.to_ascii_uppercase() as char),
        0x21..=0x2F => PUNCTUATION[usize::from(ascii - 0x21)].to_string(),
        0x3A..=0x40 => PUNCTUATION[usize::from(ascii - 0x3A) + 15].to_string(),
        0x5B..=0x60 => PUNCTUATION[usize::from(ascii - 0x5B) + 22].to_string(),
        0x7B..=0x7E => PUNCTUATION[usize::from(ascii - 0x7B) + 28].to_string(),
        _ => return Cow::Borrowed("unassigned tag character"),
    };
    Cow::Owned(format!("TAG {base}"))
}

fn digit_name(d: u8) -> &'static str {
    [
        "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE",
    ][usize::from(d)]
}

/// Whether `c`, between `previous` and `next` (`None` when judging without context, or at the
/// start or end), is hidden: as [`hidden_character`], except that ZERO WIDTH JOINER and
/// NON-JOINER between two characters that are neither ASCII, spaces, controls nor hidden are
/// the legitimate joiners of Arabic, Persian and Indic scripts and of emoji sequences. Without
/// context (`None`, `None`) the joiners count as hidden only when no neighbour is known, so
/// callers that know the neighbours pass them.
fn hidden_character_at(c: char, previous: Option<char>, next: Option<char>) -> bool {
    if !matches!(c, '\u{00AD}' | '\u{061C}' | '\u{115F}'..='\u{3164}' | '\u{FEFF}'..)
        || hidden_character(c).is_none()
    {
        return false;
    }
    if matches!(c, '\u{200C}' | '\u{200D}') {
        let joins = |n: Option<char>| {
            n.is_some_and(|n| {
                !n.is_ascii()
                    && !n.is_whitespace()
                    && !n.is_control()
                    && hidden_character(n).is_none()
            })
        };
        return !(joins(previous) && joins(next));
    }
    true
}

/// The hidden characters of `text`, in order of first appearance, each once, with its kind
/// and Unicode name (joiners between letters of scripts that use them excepted).
pub fn hidden_character_in(text: &str) -> Vec<(char, Hidden, Cow<'static, str>)> {
    let mut found: Vec<(char, Hidden, Cow<'static, str>)> = Vec::new();
    // Most text holds none: pass it over without collecting its characters.
    if text.is_ascii() || !text.chars().any(|c| hidden_character_at(c, None, None)) {
        return found;
    }
    for_each_with_neighbours(
        text,
        |previous, c, next| {
            if hidden_character_at(c, previous, next)
                && !found.iter().any(|(f, ..)| *f == c)
                && let Some((kind, name)) = hidden_character(c)
            {
                found.push((c, kind, name));
            }
        },
        0,
    );
    found
}

/// Text for a quoted Mermaid label (`p1["..."]`, `-->|"..."|`): control characters and line
/// breaks dropped, and every character Mermaid or the HTML it draws could read as structure
/// written as a Mermaid entity code (`#quot;`, `#35;`, ...): the double quote, `#`, `&`, `<`,
/// `>`, `;`, `%`, `|`, backticks, square brackets, braces and the backslash. The label shows the text
/// itself and cannot end the label, the statement or the code block it sits in.
pub fn mermaid_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in strip_controls(text).chars() {
        match c {
            '\n' | '\t' => out.push(' '),
            '"' => out.push_str("#quot;"),
            '#' | '&' | '<' | '>' | ';' | '%' | '|' | '`' | '[' | ']' | '{' | '}' | '\\' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for an XML text node or attribute value written by isagen itself (the diagram's
/// SVG, the Word image's alt text): characters XML 1.0 forbids dropped, line breaks kept, and
/// `&`, `<`, `>`, `"` and `'` written as references.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in strip_controls(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_starting_a_formula_become_text() {
        for hostile in [
            "=2+5", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "＝1", "＋1", "－1", "＠x",
        ] {
            assert_eq!(csv_cell(hostile), format!("'{hostile}"));
        }
        assert_eq!(csv_cell("Council"), "Council");
        assert_eq!(csv_cell("a = b"), "a = b");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn markdown_escapes_structure() {
        assert_eq!(markdown("a | b"), "a \\| b");
        assert_eq!(markdown("<img src=x>"), "\\<img src=x\\>");
        assert_eq!(
            markdown("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(markdown("a\n# b"), "a \\# b");
        assert_eq!(markdown_cell_markup("`a` | b\nc"), "`a` \\| b c");
    }

    #[test]
    fn terminal_shows_controls_and_commands_visibly() {
        assert_eq!(terminal("plain"), "plain");
        assert_eq!(
            terminal("a\u{1b}]0;pwned\u{7}b\u{1b}[2J"),
            "a\\u{1b}]0;pwned\\u{7}b\\u{1b}[2J"
        );
        assert_eq!(terminal("x\n::error::y"), "x\\u{a}::error::y");
        assert_eq!(terminal("::add-mask::z"), "\\u{3a}:add-mask::z");
        assert_eq!(terminal("csi\u{9b}2J"), "csi\\u{9b}2J");
        assert_eq!(terminal("tab\tkept"), "tab\tkept");
        assert_eq!(terminal("abc\u{202E}def"), "abc\\u{202e}def");
    }

    #[test]
    fn reveal_names_code_points() {
        assert_eq!(reveal_hidden("NHS\u{202E}Trust"), "NHS⟨U+202E⟩Trust");
        assert_eq!(reveal_hidden("a\u{200B}b"), "a⟨U+200B⟩b");
        assert_eq!(reveal_hidden("plain"), "plain");
        // Joiners between letters of scripts that use them are left alone.
        assert_eq!(reveal_hidden("می\u{200C}خواهم"), "می\u{200C}خواهم");
        assert_eq!(reveal_hidden("ab\u{200D}c"), "ab⟨U+200D⟩c");
    }

    #[test]
    fn hidden_characters_are_named() {
        let found = hidden_character_in("x\u{202E}y\u{E0041}\u{AD}\u{202E}");
        let names: Vec<String> = found
            .iter()
            .map(|(c, _, n)| format!("U+{:04X} {n}", *c as u32))
            .collect();
        assert_eq!(
            names,
            [
                "U+202E RIGHT-TO-LEFT OVERRIDE",
                "U+E0041 TAG LATIN CAPITAL LETTER A",
                "U+00AD SOFT HYPHEN"
            ]
        );
        assert_eq!(found[0].1, Hidden::BidiControl);
        assert_eq!(found[1].1, Hidden::Invisible);
        assert_eq!(tag_name('\u{E007E}'), "TAG TILDE");
        assert_eq!(tag_name('\u{E0040}'), "TAG COMMERCIAL AT");
        assert_eq!(tag_name('\u{E005F}'), "TAG LOW LINE");
        assert_eq!(tag_name('\u{E0030}'), "TAG DIGIT ZERO");
    }

    #[test]
    fn json_keeps_text_and_shows_hidden_characters() {
        let value = serde_json::json!({"a": "x\u{202E}y\u{E0041}\u{9b}"});
        let text = json_pretty(&value).unwrap();
        assert!(text.contains(r"x\u202ey\udb40\udc41\u009b"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        assert_eq!(
            text,
            serde_json::to_string_pretty(&value)
                .unwrap()
                .replace("x\u{202E}y\u{E0041}\u{9b}", r"x\u202ey\udb40\udc41\u009b")
        );
    }

    proptest::proptest! {
        #[test]
        fn no_sink_lets_structure_through(text in "(?s).{0,40}", tail in "[=+@:\\-\t\r\n\u{1b}\u{9b}\u{202e}\u{200d}a\u{627}|<\\[\\]]{0,8}") {
            let text = format!("{tail}{text}{tail}");
            let shown = terminal(&text);
            proptest::prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\t'));
            proptest::prop_assert!(!shown.starts_with("::"));
            let override_char = char::from_u32(0x202E).unwrap_or_default();
            proptest::prop_assert!(!shown.contains(override_char));
            proptest::prop_assert!(!csv_cell(&text).starts_with(FORMULA_STARTS));
            let md = markdown(&text);
            proptest::prop_assert!(!md.contains('\n'));
            proptest::prop_assert!(!md.replace("\\\\", "").replace("\\<", "").contains('<'));
            let source = terminal_source(&text);
            let mut last = 0;
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let at = source.offset(i);
                proptest::prop_assert!(source.text.is_char_boundary(at));
                proptest::prop_assert!(at >= last && at <= source.text.len());
                last = at;
            }
            proptest::prop_assert_eq!(source.offset(text.len()), source.text.len());
            for line in source.text.lines() {
                proptest::prop_assert!(!line.starts_with("::"));
            }
        }
    }
}
