//! Shared by the fuzz targets: a definition from the fuzzer's bytes, and the pipeline stages
//! run over it.
//!
//! Byte-level mutation of YAML rarely survives the schema, so the `check` and `render`
//! targets also read their input as a list of edits to one of the bundled examples (change a
//! string, drop a key or a list entry, repeat an entry, swap in another id of the same
//! document): definitions that are valid or nearly so, which reach every rule and template.

use std::path::Path;

use isagen::check::{self, Document, Workspace};
use isagen::config::Config;
use isagen::load::{self, ReadOutcome};
use isagen::model::Date;
use serde_json::Value;

/// The bundled examples: each protocol and its agreement.
pub const EXAMPLES: [(&str, &str); 3] = [
    (
        include_str!("../../examples/mash/protocol.yaml"),
        include_str!("../../examples/mash/mash-agreement.yaml"),
    ),
    (
        include_str!("../../examples/health-care-record/protocol.yaml"),
        include_str!("../../examples/health-care-record/joint-controller-agreement.yaml"),
    ),
    (
        include_str!("../../examples/council-charity-disclosure/protocol.yaml"),
        include_str!("../../examples/council-charity-disclosure/disclosure-agreement.yaml"),
    ),
];

/// Parses and checks `text` as the file `name`: the document if it is valid.
pub fn document(name: &str, text: &str) -> Option<Document> {
    match load::parse_bytes(Path::new(name), name, text.as_bytes().to_vec()) {
        ReadOutcome::Parsed(file) => check::document_from(file).ok(),
        ReadOutcome::Invalid(..) => None,
    }
}

/// A workspace of the documents made from `texts` (those that are valid), all in focus.
pub fn workspace(texts: &[String]) -> Workspace {
    let documents = texts
        .iter()
        .enumerate()
        .filter_map(|(i, text)| document(&format!("file-{i}.yaml"), text))
        .collect();
    let today = Date::parse("2026-11-22").expect("a date");
    Workspace::of(documents, Config::default(), today)
}

/// Reads the input as edits to an example: returns the protocol and agreement texts (as
/// JSON, which is YAML) after the edits.
pub fn edited_example(data: &[u8]) -> Vec<String> {
    let mut input = Input(data);
    let (protocol, agreement) = EXAMPLES[input.byte() as usize % EXAMPLES.len()];
    let mut values = [yaml_value(protocol), yaml_value(agreement)];
    while !input.0.is_empty() {
        let which = (input.byte() % 2) as usize;
        edit(&mut values[which], &mut input);
    }
    values
        .iter()
        .map(|v| serde_json::to_string_pretty(v).expect("JSON values serialise"))
        .collect()
}

fn yaml_value(text: &str) -> Value {
    match load::yaml::parse(text) {
        Ok((value, _)) => value,
        Err(e) => panic!("an example does not parse: {}", e.message),
    }
}

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    /// A short string from the input: up to 32 bytes, lossily decoded.
    fn text(&mut self) -> String {
        let len = (self.byte() as usize % 33).min(self.0.len());
        let (taken, rest) = self.0.split_at(len);
        self.0 = rest;
        String::from_utf8_lossy(taken).into_owned()
    }
}

/// Applies one edit, at a node chosen by walking down from the root.
fn edit(root: &mut Value, input: &mut Input<'_>) {
    let ids = collect_ids(root);
    let mut node = root;
    loop {
        let step = input.byte();
        let next_len = match node {
            Value::Object(map) => map.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        // Stop here one time in four, or at a leaf.
        if next_len == 0 || step.is_multiple_of(4) {
            break;
        }
        let index = step as usize % next_len;
        node = match node {
            Value::Object(map) => map.values_mut().nth(index).expect("in range"),
            Value::Array(items) => &mut items[index],
            _ => unreachable!("only collections have children"),
        };
    }
    let op = input.byte() % 6;
    match (op, &mut *node) {
        (0, Value::Object(map)) if !map.is_empty() => {
            let index = input.byte() as usize % map.len();
            let key = map.keys().nth(index).expect("in range").clone();
            map.shift_remove(&key);
        }
        (1, Value::Array(items)) if !items.is_empty() => {
            let index = input.byte() as usize % items.len();
            items.remove(index);
        }
        (2, Value::Array(items)) if !items.is_empty() => {
            let index = input.byte() as usize % items.len();
            let copy = items[index].clone();
            items.push(copy);
        }
        (3, _) if !ids.is_empty() => {
            *node = Value::String(ids[input.byte() as usize % ids.len()].clone())
        }
        (4, _) => *node = Value::String(input.text()),
        _ => match node {
            Value::String(s) => s.push_str(&input.text()),
            Value::Array(items) => items.clear(),
            other => *other = Value::Null,
        },
    }
}

/// Every `id` value in the document, so edits can point one reference at another thing.
fn collect_ids(value: &Value) -> Vec<String> {
    let mut ids = Vec::new();
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (key, child) in map {
                    if let (true, Value::String(s)) = (key == "id" || key == "partner", child) {
                        ids.push(s.clone());
                    }
                    stack.push(child);
                }
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    ids
}
