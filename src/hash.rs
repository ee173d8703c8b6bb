//! The canonical content hash: what a signature covers.
//!
//! The hash is SHA-256 over a canonical JSON form of the definition (object keys sorted, no
//! insignificant white space, numbers and strings as serde_json writes them), with the parts
//! that change after sign-off without changing what was agreed left out: the top-level
//! `signatures`, and `document.status` (approving and going live do not change the text). So
//! re-indenting, reordering keys, adding comments or switching between YAML and JSON leaves the
//! hash unchanged, while any change to what the parties agreed changes it.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The hash's prefix, naming the algorithm.
pub const PREFIX: &str = "sha256:";

/// The canonical content hash of a definition's JSON value, as `sha256:` and 64 hex digits.
pub fn content_hash(value: &Value) -> String {
    let mut signed = value.clone();
    if let Value::Object(map) = &mut signed {
        map.remove("signatures");
        if let Some(Value::Object(document)) = map.get_mut("document") {
            document.remove("status");
        }
    }
    let mut canonical = String::new();
    write_canonical(&signed, &mut canonical);
    let digest = Sha256::digest(canonical.as_bytes());
    let mut out = String::from(PREFIX);
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*key).clone()).to_string());
                out.push(':');
                write_canonical(&map[*key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash_of(text: &str) -> String {
        content_hash(&crate::load::yaml::parse(text).unwrap().0)
    }

    #[test]
    fn formatting_comments_key_order_status_and_signatures_do_not_count() {
        let a = hash_of(
            "kind: agreement\ndocument: {id: x, status: draft, title: T}\npurposes: [a, b]\n",
        );
        let b = hash_of(
            "# a comment\ndocument:\n  title: T\n  status: live\n  id: x\nkind: agreement\npurposes:\n  - a\n  - b\nsignatures: [{partner: p}]\n",
        );
        let json = hash_of(
            r#"{"purposes": ["a", "b"], "kind": "agreement", "document": {"id": "x", "title": "T"}}"#,
        );
        assert_eq!(a, b);
        assert_eq!(a, json);
        assert!(a.starts_with("sha256:") && a.len() == 71);
    }

    #[test]
    fn any_change_to_the_content_changes_the_hash() {
        let a = hash_of("kind: agreement\npurposes: [a, b]\n");
        assert_ne!(a, hash_of("kind: agreement\npurposes: [b, a]\n"));
        assert_ne!(a, hash_of("kind: agreement\npurposes: [a, b, c]\n"));
    }
}
