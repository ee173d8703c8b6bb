//! The fast readers (`isagen::load::yaml::parse_fast`) against the YAML parser
//! (`parse_as_yaml`): wherever a fast reader answers, its value and every position are
//! exactly the YAML parser's, and where it declines, `parse` gives the YAML parser's answer,
//! error and all. So diagnostics never depend on which reader ran.

use std::path::{Path, PathBuf};

use isagen::load::yaml::{
    parse, parse_as_yaml, parse_fast, peek_kind, peek_kind_as_yaml, peek_kind_in_head,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// Every YAML and JSON file the project ships: examples, fixtures, the schema, editors' files.
fn shipped_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut stack: Vec<PathBuf> = ["examples", "tests", "schemas", "editors", "docs"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("node_modules") {
                    stack.push(path);
                }
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Asserts the fast readers agree with the YAML parser on `text`; returns whether a fast
/// reader answered.
fn agrees(text: &str, what: &str) -> bool {
    // The kind, read by the quick scans where they answer, is what the YAML parser reads
    // in every document it reads whole.
    if parse_as_yaml(text).is_ok() {
        assert_eq!(
            peek_kind(text),
            peek_kind_as_yaml(text),
            "{what}: the kinds differ"
        );
    }
    let slow = parse_as_yaml(text);
    match parse_fast(text) {
        Some(fast) => {
            let slow = slow.unwrap_or_else(|e| {
                panic!("{what}: a fast reader accepted what the YAML parser rejects: {e:?}")
            });
            assert!(
                fast.0 == slow.0,
                "{what}: the values differ:\n{:?}\n{:?}",
                fast.0,
                slow.0
            );
            if fast.1 != slow.1 {
                let mut differences: Vec<String> = slow
                    .1
                    .iter()
                    .filter(|(pointer, span)| fast.1.get(pointer) != Some(*span))
                    .map(|(pointer, span)| {
                        format!("{pointer:?}: {:?} not {span:?}", fast.1.get(pointer))
                    })
                    .collect();
                differences.sort();
                panic!("{what}: the positions differ:\n{}", differences.join("\n"));
            }
            true
        }
        None => {
            assert_eq!(
                parse(text),
                slow,
                "{what}: parse is not the YAML parser's answer"
            );
            false
        }
    }
}

#[test]
fn every_shipped_file_reads_the_same_by_either_reader() {
    let files = shipped_files();
    assert!(files.len() > 100, "found only {} files", files.len());
    let mut json_fast = 0;
    let mut json = 0;
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let fast = agrees(text, &path.display().to_string());
        if !fast {
            eprintln!("declined: {}", path.display());
        }
        if path.extension().is_some_and(|e| e == "json") {
            json += 1;
            json_fast += usize::from(fast);
        }
    }
    // The JSON files the project ships (the schema, fixtures) are plain JSON: the fast
    // reader must take nearly all of them, or it is not the fast path.
    assert!(json >= 3, "found {json} JSON files");
    assert!(
        json_fast * 10 >= json * 8,
        "the JSON reader took only {json_fast} of {json} JSON files"
    );
}

#[test]
fn every_example_as_json_takes_the_fast_path_in_every_layout() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut seen = 0;
    for dir in std::fs::read_dir(root).unwrap().flatten() {
        for file in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let path = file.path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let value = parse_as_yaml(&text).unwrap().0;
            for (layout, json) in [
                ("compact", serde_json::to_string(&value).unwrap()),
                ("pretty", serde_json::to_string_pretty(&value).unwrap()),
                (
                    "CRLF",
                    serde_json::to_string_pretty(&value)
                        .unwrap()
                        .replace('\n', "\r\n"),
                ),
                ("spaced", spaced(&value, 0)),
            ] {
                let what = format!("{} ({layout})", path.display());
                assert!(agrees(&json, &what), "{what}: the JSON reader declined it");
            }
            seen += 1;
        }
    }
    assert!(seen >= 8, "{seen} examples");
}

/// `value` as JSON with spaces around every colon and comma, and line breaks before the
/// commas: legal JSON that puts positions where a pretty-printer does not.
fn spaced(value: &Value, depth: usize) -> String {
    let indent = "  ".repeat(depth + 1);
    match value {
        Value::Object(map) if !map.is_empty() => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{indent}{}  :  {}  ",
                        serde_json::to_string(k).unwrap(),
                        spaced(v, depth + 1)
                    )
                })
                .collect();
            format!("{{\n{}\n{}}}", entries.join("\n,"), "  ".repeat(depth))
        }
        Value::Array(items) if !items.is_empty() => {
            let items: Vec<String> = items.iter().map(|v| spaced(v, depth + 1)).collect();
            format!("[ {} ]", items.join(" , "))
        }
        other => serde_json::to_string(other).unwrap(),
    }
}

#[test]
fn json_the_fast_reader_declines_gets_the_yaml_parsers_answer() {
    for text in [
        // Errors, each explained by the YAML parser.
        "{\"a\": 1, \"a\": 2}",
        "{\"a\": [1, 2}",
        "{\"a\": \"\\ud83d\"}",
        "{\"a\": 1e400}",
        "{\"a\": 1} x",
        "{\n\t\"a\": 1\n}",
        // Not plain JSON, but YAML: read by the YAML parser.
        "{\"a\": \"\\ud83d\\ude00\"}",
        "{\"a\": 01}",
        "{a: 1}",
        "{\"a\": 1, # note\n \"b\": 2}",
        "[1, 2, ]",
        "{\"a\": \"x\\ty\\u00e9\\/\"}",
        "{\"a\": \"\u{85}\"}",
        "{\"a\": \"\u{2028}\"}",
        "{\"a\":1,\"b\":true,\"c\":null,\"d\":-0.5e-3}",
        "  [ ]  ",
        "{}",
        "{\"a\": \"line\rbreak\"}",
    ] {
        agrees(text, &format!("{text:?}"));
    }
}

/// Keys and strings with the characters that need care: pointer escapes, quotes,
/// backslashes, control characters, non-ASCII text and characters beyond U+FFFF.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            6 => prop::char::range('a', 'z'),
            1 => prop::sample::select(vec![
                '~', '/', '"', '\\', ' ', ':', '#', '-', '\n', '\t', '\u{1}', '\u{7f}', 'é',
                '\u{a0}', '\u{2028}', '€', '😀', '\u{fffd}',
            ]),
        ],
        0..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e6f64..1.0e6).prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any JSON document, in any layout, reads the same by either reader.
    #[test]
    fn generated_json_reads_the_same(value in json_value(), layout in 0..3u8) {
        let value = match value {
            Value::Object(_) | Value::Array(_) => value,
            other => Value::Array(vec![other]),
        };
        let json = match layout {
            0 => serde_json::to_string(&value).unwrap(),
            1 => serde_json::to_string_pretty(&value).unwrap(),
            _ => spaced(&value, 0),
        };
        agrees(&json, &json);
    }

    /// A JSON document with one byte changed or cut short reads the same by either reader
    /// (usually an error, which only the YAML parser explains).
    #[test]
    fn damaged_json_reads_the_same(value in json_value(), at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<bool>()) {
        let json = serde_json::to_string_pretty(&Value::Array(vec![value])).unwrap();
        let mut bytes = json.into_bytes();
        let i = at.index(bytes.len());
        if cut { bytes.truncate(i) } else { bytes[i] = byte }
        if let Ok(text) = String::from_utf8(bytes) {
            agrees(&text, &format!("{text:?}"));
        }
    }
}

/// The quick scans for a file's kind answer as the YAML parser does, in the shapes that
/// could trip a line or key scan: a plain scalar going on over the next lines, comments,
/// quoted keys, brackets and quotes inside earlier JSON values.
#[test]
fn the_kind_scans_answer_as_the_yaml_parser_does() {
    for text in [
        "kind: agreement\nschema_version: 1\n",
        "# a comment\n\nschema_version: 1\nkind: protocol # the kind\n",
        "kind: agree\n  ment\n",
        "kind: a\n\n  b\nschema_version: 1\n",
        "kind: a\n# c\nschema_version: 1\n",
        "kind: a",
        "title: \"quoted\"\nkind: agreement\n",
        "kind: \"agreement\"\n",
        "kind: 5\n",
        "---\nkind: agreement\n",
        "schema_version: 1\r\nkind: agreement\r\n",
        "{\"kind\": \"agreement\"}",
        "{\"a\": [1, {\"b\": \"]}\\\"\"}], \"kind\": \"protocol\"}",
        "{\"a\": 1 # note\n, \"kind\": \"protocol\"}",
        "{\"kind\": 5}",
        "{\"kind\": \"a\\u0062\"}",
        "{\"a\": {\"kind\": \"inner\"}, \"kind\": \"outer\"}",
    ] {
        assert_eq!(peek_kind(text), peek_kind_as_yaml(text), "{text:?}");
        // From the start of the file alone, the scans say the same or cannot tell.
        for cut in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let head = peek_kind_in_head(&text[..cut]);
            assert!(
                head.is_none() || head == peek_kind_as_yaml(text),
                "{:?}: {head:?}",
                &text[..cut]
            );
        }
    }
    // Every example's kind is found in its first 4 KiB.
    for text in EXAMPLES {
        let head = &text[..text.len().min(4096)];
        assert_eq!(peek_kind_in_head(head), peek_kind_as_yaml(text));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The top-level `kind` of a JSON object, wherever the key stands and in any layout, is
    /// what the YAML parser reads; with one byte changed or cut, the fast scan answers
    /// either as the parser does or, where the parser fails on the damage, not at all or
    /// with the kind written before the damage.
    #[test]
    fn the_kind_of_json_peeks_the_same(
        value in json_value(),
        kind in prop_oneof!["[a-z]{1,10}", Just("agreement".to_string()), Just("a\\\"b".to_string())],
        position in any::<prop::sample::Index>(),
        layout in 0..3u8,
        damage in proptest::option::of((any::<prop::sample::Index>(), any::<u8>())),
    ) {
        let mut entries: Vec<(String, Value)> = match value {
            Value::Object(map) => map.into_iter().filter(|(k, _)| k != "kind").collect(),
            other => vec![("other".to_string(), other)],
        };
        let at = position.index(entries.len() + 1);
        entries.insert(at, ("kind".to_string(), Value::String(kind.clone())));
        let object = Value::Object(entries.into_iter().collect());
        let json = match layout {
            0 => serde_json::to_string(&object).unwrap(),
            1 => serde_json::to_string_pretty(&object).unwrap(),
            _ => spaced(&object, 0),
        };
        let Some((at, byte)) = damage else {
            prop_assert_eq!(peek_kind(&json), peek_kind_as_yaml(&json), "{}", json);
            prop_assert_eq!(peek_kind(&json), Some(kind), "{}", json);
            return Ok(());
        };
        let mut bytes = json.into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        if let Ok(text) = String::from_utf8(bytes) {
            let slow = peek_kind_as_yaml(&text);
            let fast = peek_kind(&text);
            prop_assert!(fast == slow || (slow.is_none() && parse_as_yaml(&text).is_err()), "{:?}: {:?} against {:?}", text, fast, slow);
        }
    }
}

/// A node of a generated document.
#[derive(Clone, Debug)]
enum Node {
    Scalar(String),
    Map(Vec<(String, Node)>),
    Seq(Vec<Node>),
}

/// Words that exercise the YAML scalar rules: core-schema values, indicators, comments,
/// quotes, escapes and non-ASCII text.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,6}",
        2 => prop::sample::select(vec![
            "yes", "no", "null", "Null", "~", "true", "FALSE", "1", "-1", "+2", "0x1F", "0o7",
            "1.5", "1e3", ".inf", ".NaN", "2026-01-01", "x: y", "a #b", "c#d", "it's", "\"dq\"",
            "é", "😀", "-", "?", ":", "[x]", "{y}", "&a", "*b", "!t", "%", "@", "`", "|", ">",
            "back\\slash", "a/b", "m~n", "tab\tin", "\u{a0}", "\u{2028}", "   ", "#",
        ])
        .prop_map(str::to_string),
    ]
}

fn phrase() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..5).prop_map(|words| words.join(" "))
}

fn node() -> impl Strategy<Value = Node> {
    phrase()
        .prop_map(Node::Scalar)
        .prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(
                    (
                        "[a-z_]{1,8}|[a-z]+ [a-z]+|\"[a-z: ]+\"|'[a-z#]+'|[0-9]{1,2}",
                        inner.clone()
                    ),
                    0..6
                )
                .prop_map(Node::Map),
                prop::collection::vec(inner, 0..5).prop_map(Node::Seq),
            ]
        })
}

/// How a generated document is written: each choice is drawn from `style` in turn.
struct Writer {
    style: Vec<u8>,
    next: usize,
    out: String,
}

impl Writer {
    fn pick(&mut self, choices: u8) -> u8 {
        let choice = self.style[self.next % self.style.len()] % choices;
        self.next += 1;
        choice
    }

    /// Now and then a blank line or a comment line, at any indentation.
    fn filler(&mut self, indent: usize) {
        match self.pick(8) {
            0 => self.out.push('\n'),
            1 => self
                .out
                .push_str(&format!("{}# note: x\n", " ".repeat(indent))),
            2 => self.out.push_str("# top\n"),
            _ => {}
        }
    }

    fn scalar(&mut self, text: &str, indent: usize) {
        match self.pick(9) {
            0 => self
                .out
                .push_str(&format!("'{}'", text.replace('\'', "''"))),
            1 => self.out.push_str(&serde_json::to_string(text).unwrap()),
            2 | 3 => {
                let header = ["|", "|-", "|+", ">", ">-", ">+"][usize::from(self.pick(6))];
                self.out.push_str(header);
                self.out.push('\n');
                for (i, part) in text.split(' ').enumerate() {
                    if i > 0 && self.pick(4) == 0 {
                        self.out.push('\n');
                    }
                    self.out
                        .push_str(&format!("{}{part}\n", " ".repeat(indent + 2)));
                }
                return;
            }
            4 => {
                // A plain scalar over several lines.
                for (i, part) in text.split(' ').enumerate() {
                    if i > 0 {
                        self.out.push_str(&format!("\n{}", " ".repeat(indent + 2)));
                    }
                    self.out.push_str(part);
                }
            }
            5 => {
                let items: Vec<String> = text
                    .split(' ')
                    .map(|w| {
                        if self.pick(3) == 0 {
                            serde_json::to_string(w).unwrap()
                        } else {
                            w.to_string()
                        }
                    })
                    .collect();
                self.out.push_str(&format!("[{}]", items.join(", ")));
            }
            _ => self.out.push_str(text),
        }
        if self.pick(6) == 0 {
            self.out.push_str("  # c");
        }
        self.out.push('\n');
    }

    /// Writes `node` as the value after a key or dash that ends at column `indent`.
    fn value(&mut self, node: &Node, indent: usize, in_map: bool) {
        match node {
            Node::Scalar(text) => {
                self.out.push(' ');
                self.scalar(text, indent);
            }
            Node::Map(entries) if entries.is_empty() => self.out.push_str(" {}\n"),
            Node::Seq(items) if items.is_empty() => self.out.push_str(" []\n"),
            Node::Map(entries) => {
                if self.pick(5) == 0 {
                    self.out.push_str("  # section");
                }
                self.out.push('\n');
                let step = [2, 2, 4, 1][usize::from(self.pick(4))];
                self.map(entries, indent + step);
            }
            Node::Seq(items) => {
                self.out.push('\n');
                let step = if in_map && self.pick(2) == 0 { 0 } else { 2 };
                self.seq(items, indent + step);
            }
        }
    }

    fn map(&mut self, entries: &[(String, Node)], indent: usize) {
        for (i, (key, value)) in entries.iter().enumerate() {
            self.filler(indent);
            if i > 0 || !self.out.ends_with("- ") {
                self.out.push_str(&" ".repeat(indent));
            }
            self.out.push_str(key);
            self.out.push(':');
            self.value(value, indent, true);
        }
    }

    fn seq(&mut self, items: &[Node], indent: usize) {
        for item in items {
            self.filler(indent);
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            match item {
                Node::Map(entries) if !entries.is_empty() && self.pick(3) != 0 => {
                    // A compact mapping: `- key: value`.
                    self.out.push(' ');
                    self.map(entries, indent + 2);
                }
                _ => self.value(item, indent, false),
            }
        }
    }
}

fn write_document(entries: &[(String, Node)], style: Vec<u8>) -> String {
    let mut writer = Writer {
        style,
        next: 0,
        out: String::new(),
    };
    writer.map(entries, 0);
    writer.out
}

fn document() -> impl Strategy<Value = (Vec<(String, Node)>, Vec<u8>)> {
    (
        prop::collection::vec(("[a-z_]{1,8}", node()), 1..6),
        prop::collection::vec(any::<u8>(), 1..64),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// Any generated block-style document reads the same by either reader.
    #[test]
    fn generated_yaml_reads_the_same((entries, style) in document()) {
        let text = write_document(&entries, style);
        agrees(&text, &text);
    }

    /// An example with one byte changed, or a line dropped or doubled, reads the same by
    /// either reader.
    #[test]
    fn damaged_examples_read_the_same(which in 0..EXAMPLES.len(), at in any::<prop::sample::Index>(), byte in prop::sample::select(b" -:#'\"|>[]{}&*!\n\tax0".to_vec()), how in 0..3u8) {
        let text = EXAMPLES[which];
        let mut bytes = text.as_bytes().to_vec();
        let i = at.index(bytes.len());
        match how {
            0 => bytes[i] = byte,
            1 => bytes.insert(i, byte),
            _ => {
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                let n = at.index(lines.len());
                let mut changed: Vec<&str> = lines.clone();
                if byte % 2 == 0 { changed.remove(n); } else { changed.insert(n, lines[n]); }
                bytes = changed.concat().into_bytes();
            }
        }
        if let Ok(text) = String::from_utf8(bytes) {
            agrees(&text, &format!("{text:?}"));
        }
    }
}

const EXAMPLES: [&str; 4] = [
    include_str!("../examples/mash/mash-agreement.yaml"),
    include_str!("../examples/mash/protocol.yaml"),
    include_str!("../examples/waspi-early-help/early-help-isp.yaml"),
    include_str!("../examples/county-safeguarding/tier-1-dsa.yaml"),
];

#[test]
fn most_generated_documents_take_the_fast_path() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut valid, mut fast) = (0, 0);
    for _ in 0..400 {
        let (entries, style) = document().new_tree(&mut runner).unwrap().current();
        let text = write_document(&entries, style);
        if parse_as_yaml(&text).is_ok() {
            valid += 1;
            fast += usize::from(agrees(&text, &text));
        }
    }
    // The generator writes much that the fast reader declines (tabs, indicators, odd
    // escapes); enough must take the fast path for the comparisons above to mean something.
    assert!(valid > 100, "{valid} valid documents");
    assert!(
        fast >= 30,
        "the fast path took {fast} of {valid} valid documents"
    );
}
