//! What the editor features look up: every id defined in the workspace's files (read from
//! each file as parsed, valid against the schema or not, so completion works while a file is
//! being written), and the vocabulary values the schema allows at a place.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use super::text::Step;
use crate::escape::markdown_report;
use crate::load::{self, ParsedFile, ReadOutcome};

/// The kinds of thing an id can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A partner organisation (`partners[].id`).
    Partner,
    /// A data item (`data_items[].id`).
    DataItem,
    /// A purpose (`purposes[].id`).
    Purpose,
    /// A flow (`flows[].id`).
    Flow,
    /// A legal basis (`legal_bases[].id`).
    LegalBasis,
    /// A category of data subject (`data_subjects[].id`).
    DataSubject,
    /// A schedule of an agreement (`schedules[].id`).
    Schedule,
    /// A protocol (its `document.id`).
    Protocol,
    /// An agreement (its `document.id`).
    Agreement,
}

impl IdKind {
    /// The kind in words, for completion details.
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Partner => "partner",
            IdKind::DataItem => "data item",
            IdKind::Purpose => "purpose",
            IdKind::Flow => "flow",
            IdKind::LegalBasis => "legal basis",
            IdKind::DataSubject => "data subject category",
            IdKind::Schedule => "schedule",
            IdKind::Protocol => "protocol",
            IdKind::Agreement => "agreement",
        }
    }

    /// The kind of id a reference field holds (the fields whose schema is an `Id` or a list
    /// of them), or `None` for a field that is not a reference.
    pub fn of_field(field: &str) -> Option<IdKind> {
        Some(match field {
            "partner" | "party" | "parties" | "from" | "to" | "acts_for" | "relied_on_by"
            | "requester" | "part_of" => IdKind::Partner,
            "data_items" => IdKind::DataItem,
            "purposes" => IdKind::Purpose,
            "flows" => IdKind::Flow,
            "legal_bases" => IdKind::LegalBasis,
            "data_subjects" => IdKind::DataSubject,
            "schedule" => IdKind::Schedule,
            "protocol" => IdKind::Protocol,
            "agreements" => IdKind::Agreement,
            _ => return None,
        })
    }

    /// The kind defined by the `id` of an item of the top-level list `collection`.
    fn of_collection(collection: &str) -> Option<IdKind> {
        Some(match collection {
            "partners" => IdKind::Partner,
            "data_items" => IdKind::DataItem,
            "purposes" => IdKind::Purpose,
            "flows" => IdKind::Flow,
            "legal_bases" => IdKind::LegalBasis,
            "data_subjects" => IdKind::DataSubject,
            "schedules" => IdKind::Schedule,
            _ => return None,
        })
    }
}

/// One id defined somewhere.
#[derive(Clone, Debug)]
pub struct Entity {
    /// What it names.
    pub kind: IdKind,
    /// The id.
    pub id: String,
    /// The file (an index into [`Index::files`]).
    pub file: usize,
    /// The JSON pointer of the id's value.
    pub pointer: String,
    /// A one-line description (a partner's name, an item's name).
    pub detail: String,
    /// What the hover shows (Markdown).
    pub documentation: String,
}

/// One file of the workspace as the features see it.
#[derive(Debug)]
pub struct IndexedFile {
    /// The path.
    pub path: PathBuf,
    /// The parsed file, if it parses.
    pub parsed: Option<ParsedFile>,
    /// `kind`, if written.
    pub kind: Option<String>,
    /// For an agreement, the protocol it names.
    pub protocol: Option<String>,
}

/// Every id defined in the workspace.
#[derive(Debug, Default)]
pub struct Index {
    /// The files, in the order given.
    pub files: Vec<IndexedFile>,
    /// The ids they define.
    pub entities: Vec<Entity>,
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_string)
}

impl Index {
    /// Indexes `files` (path and text).
    pub fn build(files: &[(PathBuf, String)]) -> Index {
        let mut index = Index::default();
        for (path, source) in files {
            let name = path.display().to_string();
            let parsed = match load::parse_bytes(path, &name, source.clone().into_bytes()) {
                ReadOutcome::Parsed(file) => Some(file),
                ReadOutcome::Invalid(..) => None,
            };
            let value = parsed.as_ref().map(|p| &p.value);
            // A file that does not parse (being edited) still says what it is and which
            // protocol it is under, if its top-level lines do.
            let kind = value
                .and_then(|v| text(v, "kind"))
                .or_else(|| top_level(source, "kind"));
            let protocol = value
                .and_then(|v| text(v, "protocol"))
                .or_else(|| top_level(source, "protocol"));
            let file = index.files.len();
            if let Some(value) = value {
                index.add_entities(file, value, kind.as_deref());
            }
            index.files.push(IndexedFile {
                path: path.clone(),
                parsed,
                kind,
                protocol,
            });
        }
        index
    }

    fn add_entities(&mut self, file: usize, value: &Value, kind: Option<&str>) {
        let document = value.get("document");
        if let Some(id) = document.and_then(|d| text(d, "id")) {
            let title = document.and_then(|d| text(d, "title")).unwrap_or_default();
            let kind = match kind {
                Some("protocol") => Some(IdKind::Protocol),
                Some("agreement") => Some(IdKind::Agreement),
                _ => None,
            };
            if let Some(kind) = kind {
                self.entities.push(Entity {
                    kind,
                    documentation: format!(
                        "**{}** {}\n\n{}",
                        kind.noun(),
                        code(&id),
                        markdown_report(&title)
                    ),
                    detail: title,
                    id,
                    file,
                    pointer: "/document/id".into(),
                });
            }
        }
        let Some(map) = value.as_object() else { return };
        for (collection, items) in map {
            let Some(kind) = IdKind::of_collection(collection) else {
                continue;
            };
            let Some(items) = items.as_array() else {
                continue;
            };
            for (i, item) in items.iter().enumerate() {
                let Some(id) = text(item, "id") else { continue };
                let (detail, documentation) = describe(kind, &id, item);
                self.entities.push(Entity {
                    kind,
                    id,
                    file,
                    pointer: format!("/{collection}/{i}/id"),
                    detail,
                    documentation,
                });
            }
        }
    }

    /// The ids of `kind` that file `file` can name: its own, and for an agreement those of
    /// the protocol it is made under (its partners); protocols and agreements from any file.
    pub fn visible(&self, file: usize, kind: IdKind) -> Vec<&Entity> {
        let protocol_files = self.protocol_files(file);
        let mut seen = std::collections::HashSet::new();
        self.entities
            .iter()
            .filter(|e| e.kind == kind)
            .filter(|e| {
                matches!(kind, IdKind::Protocol | IdKind::Agreement)
                    || e.file == file
                    || (kind == IdKind::Partner && protocol_files.contains(&e.file))
            })
            .filter(|e| seen.insert(e.id.clone()))
            .collect()
    }

    /// Every file that is the protocol file `file`'s agreement names.
    fn protocol_files(&self, file: usize) -> Vec<usize> {
        let Some(protocol) = self.files.get(file).and_then(|f| f.protocol.as_deref()) else {
            return Vec::new();
        };
        self.entities
            .iter()
            .filter(|e| e.kind == IdKind::Protocol && e.id == protocol)
            .map(|e| e.file)
            .collect()
    }

    /// The definition of `id` as seen from `file`: of `kind` if known, else of any kind
    /// (its own file's first).
    pub fn definition(&self, file: usize, id: &str, kind: Option<IdKind>) -> Option<&Entity> {
        let kinds: Vec<IdKind> = match kind {
            Some(kind) => vec![kind],
            None => vec![
                IdKind::Partner,
                IdKind::DataItem,
                IdKind::Purpose,
                IdKind::Flow,
                IdKind::LegalBasis,
                IdKind::DataSubject,
                IdKind::Schedule,
                IdKind::Protocol,
                IdKind::Agreement,
            ],
        };
        kinds
            .into_iter()
            .find_map(|k| self.visible(file, k).into_iter().find(|e| e.id == id))
    }
}

/// The plain value of the top-level `key` in YAML `source`, read line by line.
fn top_level(source: &str, key: &str) -> Option<String> {
    source.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let value = rest.split(" #").next()?.trim().trim_matches(['"', '\'']);
        (!value.is_empty()).then(|| value.to_string())
    })
}

fn describe(kind: IdKind, id: &str, item: &Value) -> (String, String) {
    let field = |k: &str| text(item, k);
    let mut lines = Vec::new();
    let detail = match kind {
        IdKind::Partner => {
            let name = field("name").unwrap_or_default();
            if let Some(t) = field("type") {
                lines.push(format!("Type: {t}"));
            }
            if let Some(p) = item.get("public_authority").and_then(Value::as_bool) {
                lines.push(format!(
                    "Public authority: {}",
                    if p { "yes" } else { "no" }
                ));
            }
            name
        }
        IdKind::DataItem => {
            for (key, label) in [
                ("category", "Category"),
                ("special_category", "Special category"),
                ("necessity", "Why it is necessary"),
                ("source", "Source"),
            ] {
                if let Some(v) = field(key) {
                    lines.push(format!("{label}: {v}"));
                }
            }
            field("name").unwrap_or_default()
        }
        IdKind::Flow => {
            let from = field("from").unwrap_or_default();
            let to = field("to").unwrap_or_default();
            for (key, label) in [("method", "Method"), ("frequency", "Frequency")] {
                if let Some(v) = field(key) {
                    lines.push(format!("{label}: {v}"));
                }
            }
            format!("{from} → {to}")
        }
        IdKind::LegalBasis => {
            for key in ["article_6", "article_9", "article_10"] {
                if let Some(v) = field(key) {
                    lines.push(format!("{key}: {v}"));
                }
            }
            if let Some(conditions) = item.get("schedule_1").and_then(Value::as_array) {
                let conditions: Vec<&str> = conditions.iter().filter_map(Value::as_str).collect();
                if !conditions.is_empty() {
                    lines.push(format!("schedule_1: {}", conditions.join(", ")));
                }
            }
            field("rationale").unwrap_or_default()
        }
        _ => field("name")
            .or_else(|| field("title"))
            .or_else(|| field("description"))
            .unwrap_or_default(),
    };
    let mut documentation = format!("**{}** {}", kind.noun(), code(id));
    if !detail.is_empty() {
        documentation.push_str(&format!(": {}", markdown_report(&detail)));
    }
    for line in lines {
        documentation.push_str("\n\n");
        documentation.push_str(&markdown_report(&line));
    }
    (detail, documentation)
}

/// An id as a Markdown code span, or escaped text if it holds what would end the span (the
/// index reads files that may not pass the schema). Text from a definition never becomes
/// Markdown structure in a hover.
pub fn code(id: &str) -> String {
    if id.chars().all(|c| c.is_alphanumeric() || "._-".contains(c)) {
        format!("`{id}`")
    } else {
        markdown_report(id)
    }
}

/// The published schema, generated once.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(crate::model::json_schema)
}

/// A value the schema allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VocabularyValue {
    /// The value.
    pub value: String,
    /// Its description (with the citation), from the model's doc comment.
    pub description: String,
    /// The description of the vocabulary it belongs to.
    pub vocabulary: String,
}

/// What the schema says of the node at `path` in a document of `kind`: whether it holds an
/// id reference, and the vocabulary values it allows.
#[derive(Debug, Default)]
pub struct SchemaFacts {
    /// The node is an `Id` (a reference, unless the field is `id`).
    pub is_id: bool,
    /// The enum values allowed.
    pub values: Vec<VocabularyValue>,
}

/// Looks the node at `path` up in the schema of a `kind` document.
pub fn schema_facts(kind: Option<&str>, path: &[Step]) -> SchemaFacts {
    let root = schema();
    let start = match kind {
        Some("protocol") => "#/$defs/Protocol",
        _ => "#/$defs/Agreement",
    };
    let mut nodes = vec![resolve_ref(root, start)];
    for step in path {
        let mut next = Vec::new();
        for node in nodes {
            for node in expand(root, node) {
                match step {
                    Step::Key(key) => {
                        if let Some(child) = node.get("properties").and_then(|p| p.get(key)) {
                            next.push(child);
                        }
                        // JSON's `[` and `{` on lines of their own leave the item steps
                        // unwritten: a key under a list is looked up in its items.
                        if let Some(items) = node.get("items") {
                            for item in expand(root, items) {
                                if let Some(child) = item.get("properties").and_then(|p| p.get(key))
                                {
                                    next.push(child);
                                }
                            }
                        }
                    }
                    Step::Item => {
                        if let Some(items) = node.get("items") {
                            next.push(items);
                        }
                    }
                }
            }
        }
        nodes = next;
    }
    // A list written inline or item by item: the item's schema.
    let mut leaves = Vec::new();
    for node in nodes {
        for node in expand(root, node) {
            match node.get("items") {
                Some(items) => leaves.extend(expand(root, items)),
                None => leaves.push(node),
            }
        }
    }
    let mut facts = SchemaFacts::default();
    for node in leaves {
        if node.get("title").and_then(Value::as_str) == Some("Id") || is_id_node(root, node) {
            facts.is_id = true;
        }
        collect_values(root, node, &mut facts.values, "");
    }
    facts.values.dedup_by(|a, b| a.value == b.value);
    facts
}

fn is_id_node(root: &Value, node: &Value) -> bool {
    std::ptr::eq(node, resolve_ref(root, "#/$defs/Id"))
}

fn resolve_ref<'a>(root: &'a Value, reference: &str) -> &'a Value {
    reference
        .strip_prefix('#')
        .and_then(|p| root.pointer(p))
        .unwrap_or(&Value::Null)
}

/// `node` with its `$ref`, `anyOf`, `oneOf` and `allOf` branches followed (not its enum
/// members, which are `const` leaves).
fn expand<'a>(root: &'a Value, node: &'a Value) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let mut stack = vec![(node, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > 16 {
            continue;
        }
        out.push(node);
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            stack.push((resolve_ref(root, r), depth + 1));
        }
        for key in ["anyOf", "allOf"] {
            if let Some(branches) = node.get(key).and_then(Value::as_array) {
                stack.extend(branches.iter().map(|b| (b, depth + 1)));
            }
        }
        if let Some(branches) = node.get("oneOf").and_then(Value::as_array)
            && !branches.iter().all(|b| b.get("const").is_some())
        {
            stack.extend(branches.iter().map(|b| (b, depth + 1)));
        }
    }
    out
}

fn collect_values(root: &Value, node: &Value, out: &mut Vec<VocabularyValue>, _: &str) {
    let vocabulary = node
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if let Some(branches) = node.get("oneOf").and_then(Value::as_array) {
        for branch in branches {
            let branch = match branch.get("$ref").and_then(Value::as_str) {
                Some(r) => resolve_ref(root, r),
                None => branch,
            };
            if let Some(value) = branch.get("const").and_then(Value::as_str) {
                out.push(VocabularyValue {
                    value: value.to_string(),
                    description: branch
                        .get("description")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .replace('\n', " "),
                    vocabulary: vocabulary.replace('\n', " "),
                });
            }
        }
    }
    if let Some(values) = node.get("enum").and_then(Value::as_array) {
        for value in values.iter().filter_map(Value::as_str) {
            out.push(VocabularyValue {
                value: value.to_string(),
                description: String::new(),
                vocabulary: vocabulary.replace('\n', " "),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(keys: &[&str]) -> Vec<Step> {
        keys.iter()
            .map(|k| match *k {
                "[]" => Step::Item,
                k => Step::Key(k.to_string()),
            })
            .collect()
    }

    #[test]
    fn the_schema_knows_references_and_vocabularies() {
        let facts = schema_facts(Some("agreement"), &path(&["parties", "[]", "partner"]));
        assert!(facts.is_id);
        let facts = schema_facts(
            Some("agreement"),
            &path(&["legal_bases", "[]", "article_6"]),
        );
        assert!(!facts.is_id);
        let consent = facts.values.iter().find(|v| v.value == "consent").unwrap();
        assert!(consent.description.contains("6(1)(a)"), "{consent:?}");
        let facts = schema_facts(Some("agreement"), &path(&["flows", "[]", "data_items"]));
        assert!(facts.is_id);
    }

    #[test]
    fn text_from_a_definition_is_not_markdown_in_a_hover() {
        let protocol = "kind: protocol\npartners:\n  - id: \"x`y\"\n    name: \"[click](https://evil.example) <b>\"\n";
        let index = Index::build(&[(PathBuf::from("p.yaml"), protocol.to_string())]);
        let shown = &index.entities[0].documentation;
        assert!(
            shown.contains(r"\[click\](https://evil.example) \<b\>"),
            "{shown}"
        );
        assert!(shown.contains(r"x\`y"), "{shown}");
    }

    #[test]
    fn json_is_read_too() {
        let text = "{\n  \"kind\": \"agreement\",\n  \"parties\": [\n    {\n      \"partner\": \"co\",\n      \"role\": \"\"\n    }\n  ]\n}\n";
        let at = |line, character| {
            let context =
                super::super::text::value_context(text, lsp_types::Position::new(line, character))
                    .unwrap();
            schema_facts(Some("agreement"), &context.path)
        };
        assert!(at(4, 19).is_id);
        assert!(at(5, 15).values.iter().any(|v| v.value == "controller"));
    }

    #[test]
    fn a_file_being_edited_still_sees_its_protocol() {
        let protocol = std::fs::read_to_string("tests/fixtures/minimal/protocol.yaml").unwrap();
        let agreement = "kind: agreement\nprotocol: minimal-protocol # the ISP\nparties:\n  - partner: \"unclosed\n";
        let index = Index::build(&[
            (PathBuf::from("p.yaml"), protocol),
            (PathBuf::from("a.yaml"), agreement.to_string()),
        ]);
        assert!(index.files[1].parsed.is_none());
        assert_eq!(index.files[1].protocol.as_deref(), Some("minimal-protocol"));
        let partners: Vec<&str> = index
            .visible(1, IdKind::Partner)
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(partners, ["council", "trust"]);
    }
}
