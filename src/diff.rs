//! What changed between two versions of a definition, in plain English: for a pull request
//! comment (Markdown) or for tools (JSON).
//!
//! Lists of entries with ids (parties, purposes, data items, legal bases, flows, partners...)
//! are matched by id, so a reordered list is not a change and an edited entry is reported field
//! by field. Other sections are compared field by field.
//!
//! The changes carry the old and new values whole (`--format json` writes them as they are,
//! through [`escape::json_pretty`], which writes hidden characters as `\uXXXX` escapes). The
//! Markdown shortens long values to [`SHOWN`] characters, marking the cut with `…`, and shows
//! every bidirectional control or invisible character as `⟨U+202E⟩`
//! ([`escape::reveal_hidden`]), so a reviewer sees a name that would display as another.

use crate::escape;

use serde::Serialize;
use serde_json::Value;

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The section, in words (for example "Data items").
    pub section: String,
    /// `added`, `removed` or `changed`.
    pub kind: ChangeKind,
    /// The entry (its id or name), if the section is a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<String>,
    /// The field changed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The old value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The new value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}

/// What kind of change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Present only in the new version.
    Added,
    /// Present only in the old version.
    Removed,
    /// Present in both, different.
    Changed,
}

/// The sections compared, in document order, with their titles. Lists are matched by the key
/// named.
const SECTIONS: &[(&str, &str, Option<&str>)] = &[
    ("document", "Document control", None),
    ("protocol", "Protocol", None),
    ("variant", "Kind of agreement", None),
    ("scope", "Scope", None),
    ("purpose", "Purpose", None),
    ("aims", "Aims", None),
    ("principles", "Principles", None),
    ("partners", "Partners", Some("id")),
    ("commitments", "Commitments", None),
    ("governance", "Governance", None),
    ("parties", "Parties", Some("partner")),
    ("purposes", "Purposes", Some("id")),
    ("data_subjects", "Data subjects", Some("id")),
    ("data_items", "Data items", Some("id")),
    ("legal_bases", "Legal bases", Some("id")),
    ("flows", "Flows", Some("id")),
    ("security", "Security", None),
    ("retention", "Retention", Some("party")),
    ("rights", "Individuals' rights", None),
    ("privacy_notices", "Privacy notices", Some("party")),
    ("data_quality", "Data quality", None),
    ("breach", "Breach handling", None),
    (
        "international_transfers",
        "International transfers",
        Some("destination"),
    ),
    (
        "no_international_transfers",
        "No international transfers",
        None,
    ),
    ("processing", "Processing features", None),
    ("dpia", "DPIA", None),
    ("onward_disclosure", "Onward disclosure", None),
    ("termination", "Termination", None),
    ("sanctions", "Sanctions", None),
    ("variation", "Variation", None),
    ("disclosure", "Disclosure request and decision", None),
    ("joint_controller", "Joint controller arrangement", None),
    ("agreements", "Agreements under the protocol", None),
    ("narrative", "Narrative sections", None),
    ("other_bodies", "Bodies that are not parties", Some("name")),
    ("signatures", "Signatures", Some("partner")),
    ("acceptance", "Acceptance recorded elsewhere", None),
    ("framework", "External framework", None),
    ("schedules", "Schedules", Some("id")),
    ("tier", "Tier", None),
    ("provisions", "Provisions for agreements", None),
    ("exceptions", "Accepted findings (exceptions)", None),
];

/// The changes from `old` to `new` (both definitions as JSON values).
pub fn diff(old: &Value, new: &Value) -> Vec<Change> {
    let mut changes = Vec::new();
    for (key, title, id_key) in SECTIONS {
        let a = old.get(*key).unwrap_or(&Value::Null);
        let b = new.get(*key).unwrap_or(&Value::Null);
        if a == b {
            continue;
        }
        match (id_key, a, b) {
            (Some(id_key), _, _) if a.is_array() || b.is_array() => {
                diff_keyed_list(title, id_key, a, b, &mut changes);
            }
            (None, Value::Object(_), _) | (None, _, Value::Object(_)) => {
                diff_fields(title, None, "", a, b, &mut changes);
            }
            _ => changes.push(Change {
                section: title.to_string(),
                kind: kind_of(a, b),
                entry: None,
                field: None,
                old: describe(a),
                new: describe(b),
            }),
        }
    }
    changes
}

fn kind_of(a: &Value, b: &Value) -> ChangeKind {
    match (a.is_null(), b.is_null()) {
        (true, false) => ChangeKind::Added,
        (false, true) => ChangeKind::Removed,
        _ => ChangeKind::Changed,
    }
}

fn diff_keyed_list(title: &str, id_key: &str, a: &Value, b: &Value, out: &mut Vec<Change>) {
    let empty = Vec::new();
    let a = a.as_array().unwrap_or(&empty);
    let b = b.as_array().unwrap_or(&empty);
    // A signature is one party's signature of one version.
    let id = |v: &Value| {
        let text = |x: &Value| x.as_str().map_or_else(|| x.to_string(), String::from);
        let id = v.get(id_key).map(text)?;
        match (id_key, v.get("version").filter(|_| v.get("date").is_some())) {
            ("partner", Some(version)) => Some(format!("{id}, version {}", text(version))),
            _ => Some(id),
        }
    };
    let label = |v: &Value| {
        let id = id(v).unwrap_or_default();
        let text = |key: &str| v.get(key).and_then(Value::as_str);
        let detail = match (text("from"), text("to")) {
            (Some(from), Some(to)) => Some(format!("{from} to {to}")),
            _ => text("name")
                .or_else(|| text("description"))
                .or_else(|| text("period"))
                .or_else(|| text("changes"))
                .or_else(|| {
                    if v.get("date").is_some() {
                        None
                    } else {
                        text("role")
                    }
                })
                .map(shorten),
        };
        match detail {
            Some(detail) if detail != id => format!("{id} ({detail})"),
            _ => id,
        }
    };
    for entry in a {
        if !b.iter().any(|x| id(x) == id(entry)) {
            out.push(Change {
                section: title.to_string(),
                kind: ChangeKind::Removed,
                entry: Some(label(entry)),
                field: None,
                old: None,
                new: None,
            });
        }
    }
    for entry in b {
        match a.iter().find(|x| id(x) == id(entry)) {
            None => out.push(Change {
                section: title.to_string(),
                kind: ChangeKind::Added,
                entry: Some(label(entry)),
                field: None,
                old: None,
                new: None,
            }),
            Some(previous) if previous != entry => {
                diff_fields(title, Some(label(entry)), "", previous, entry, out);
            }
            Some(_) => {}
        }
    }
}

fn diff_fields(
    title: &str,
    entry: Option<String>,
    prefix: &str,
    a: &Value,
    b: &Value,
    out: &mut Vec<Change>,
) {
    let empty = serde_json::Map::new();
    let a_map = a.as_object().unwrap_or(&empty);
    let b_map = b.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = a_map.keys().chain(b_map.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let x = a_map.get(key).unwrap_or(&Value::Null);
        let y = b_map.get(key).unwrap_or(&Value::Null);
        if x == y {
            continue;
        }
        let field = if prefix.is_empty() {
            key.replace('_', " ")
        } else {
            format!("{prefix} {}", key.replace('_', " "))
        };
        if x.is_object() && y.is_object() {
            diff_fields(title, entry.clone(), &field, x, y, out);
            continue;
        }
        if let Some(id_key) = list_key(x).or_else(|| list_key(y)) {
            let section = format!("{title}: {field}");
            diff_keyed_list(&section, id_key, x, y, out);
            continue;
        }
        out.push(Change {
            section: title.to_string(),
            kind: kind_of(x, y),
            entry: entry.clone(),
            field: Some(field),
            old: describe(x),
            new: describe(y),
        });
    }
}

/// The key that identifies the entries of a list of mappings, if it has one.
fn list_key(value: &Value) -> Option<&'static str> {
    let first = value.as_array()?.first()?.as_object()?;
    ["id", "version", "partner", "party", "destination", "duty"]
        .into_iter()
        .find(|key| first.contains_key(*key))
}

/// How many characters of a value the Markdown shows before cutting it short with `…`.
pub const SHOWN: usize = 60;

fn shorten(text: &str) -> String {
    if text.chars().count() <= SHOWN {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(SHOWN - 1).collect::<String>())
    }
}

/// A value for the Markdown: hidden characters revealed, then cut short to [`SHOWN`]
/// characters (never inside a `⟨U+…⟩` marker).
fn shown(text: &str) -> String {
    let revealed = escape::reveal_hidden(text);
    if revealed.chars().count() <= SHOWN {
        return revealed.into_owned();
    }
    let mut cut: String = revealed.chars().take(SHOWN - 1).collect();
    if let Some(open) = cut.rfind('⟨')
        && !cut[open..].contains('⟩')
    {
        cut.truncate(open);
    }
    cut + "…"
}

/// A value in words, whole: text as it is, lists joined with commas, mappings as
/// `key: value`.
fn describe(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("yes".into()),
        Value::Bool(false) => Some("no".into()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(describe)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::Object(map) => Some(
            map.iter()
                .filter_map(|(k, v)| describe(v).map(|v| format!("{}: {v}", k.replace('_', " "))))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

/// The changes as Markdown for a pull request comment. Every value goes through
/// [`escape::markdown_report`] (hidden characters revealed, then escaped); old and new values
/// are shortened to [`SHOWN`] characters.
pub fn to_markdown(
    title: &str,
    old_version: &str,
    new_version: &str,
    changes: &[Change],
) -> String {
    let esc = escape::markdown_report;
    // `shown` reveals before it shortens, so a cut never splits a marker; the Markdown escape
    // leaves the markers as they are.
    let value = |text: &str| escape::markdown(&shown(text));
    let mut out = format!("## Changes to {}\n\n", esc(title));
    // An empty version is one the definition does not state.
    let stated = |v: &str| if v.is_empty() { "not stated" } else { v }.to_string();
    let (old_version, new_version) = (&stated(old_version), &stated(new_version));
    if old_version == new_version {
        out.push_str(&format!("Version {} (unchanged).\n", esc(new_version)));
    } else {
        out.push_str(&format!(
            "Version {} → {}.\n",
            esc(old_version),
            esc(new_version)
        ));
    }
    if changes.is_empty() {
        out.push_str("\nNo changes to the content.\n");
        return out;
    }
    let mut section = "";
    for change in changes {
        if change.section != section {
            section = &change.section;
            out.push_str(&format!("\n### {}\n\n", esc(section)));
        }
        let subject = match (&change.entry, &change.field) {
            (Some(entry), Some(field)) => format!("{}: {}", esc(entry), esc(field)),
            (Some(entry), None) => esc(entry),
            (None, Some(field)) => esc(field),
            (None, None) => String::new(),
        };
        let subject = if subject.is_empty() {
            String::new()
        } else {
            format!("{subject} ")
        };
        let line = match change.kind {
            ChangeKind::Added => match &change.new {
                Some(new) if change.field.is_some() => {
                    format!("- **Added** {subject}\"{}\"", value(new))
                }
                _ => format!("- **Added** {}", subject.trim_end()),
            },
            ChangeKind::Removed => match &change.old {
                Some(old) if change.field.is_some() => {
                    format!("- **Removed** {subject}(was \"{}\")", value(old))
                }
                _ => format!("- **Removed** {}", subject.trim_end()),
            },
            ChangeKind::Changed => format!(
                "- **Changed** {subject}from \"{}\" to \"{}\"",
                value(change.old.as_deref().unwrap_or("")),
                value(change.new.as_deref().unwrap_or(""))
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A field the diff does not compare is a change `isagen diff` would never report.
    #[test]
    fn every_top_level_field_is_compared() {
        let schema = crate::model::json_schema();
        for kind in ["Agreement", "Protocol"] {
            let properties = schema["$defs"][kind]["properties"].as_object().unwrap();
            for key in properties.keys() {
                if key == "kind" || key == "schema_version" {
                    continue;
                }
                assert!(
                    SECTIONS.iter().any(|(k, _, _)| k == key),
                    "{kind}.{key} is not in diff::SECTIONS"
                );
            }
        }
    }

    #[test]
    fn matches_lists_by_id_and_reports_fields() {
        let old = json!({"data_items": [{"id": "a", "name": "A", "category": "personal"}, {"id": "b", "name": "B"}]});
        let new = json!({"data_items": [{"id": "c", "name": "C"}, {"id": "a", "name": "A", "category": "special-category"}]});
        let changes = diff(&old, &new);
        assert_eq!(changes.len(), 3);
        assert_eq!(changes[0].kind, ChangeKind::Removed);
        assert_eq!(changes[0].entry.as_deref(), Some("b (B)"));
        assert_eq!(changes[1].kind, ChangeKind::Added);
        assert_eq!(changes[2].field.as_deref(), Some("category"));
        assert_eq!(changes[2].new.as_deref(), Some("special-category"));
    }

    #[test]
    fn reordering_is_not_a_change() {
        let old = json!({"flows": [{"id": "x"}, {"id": "y"}]});
        let new = json!({"flows": [{"id": "y"}, {"id": "x"}]});
        assert!(diff(&old, &new).is_empty());
    }
}
