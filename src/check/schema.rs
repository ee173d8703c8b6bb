//! Stage 2a: the published JSON Schema, applied to a parsed file, with its errors rewritten
//! into plain diagnostics at the right line and column.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::load::ParsedFile;
use crate::load::yaml::escape_pointer_segment;
use crate::model::{KINDS, SCHEMA_VERSION};
pub use crate::rules::helpers::closest;
use crate::rules::{Rule, builtin};

struct Compiled {
    schema: Value,
    validator: Validator,
}

/// The published schema, exactly as committed (a test keeps it equal to the one the model
/// generates); reading it is quicker than generating it again on every run.
const PUBLISHED_SCHEMA: &str = include_str!("../../schemas/isagen-v1.schema.json");

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(PUBLISHED_SCHEMA).expect("the published schema is JSON");
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .expect("the generated schema compiles");
        Compiled { schema, validator }
    })
}

/// Checks the top level (`kind`, `schema_version`) and then the whole file against the
/// schema. An empty result means the value will deserialize into the typed model.
pub fn check(file: &ParsedFile) -> Vec<Diagnostic> {
    if let Some(diagnostic) = check_header(file) {
        return vec![diagnostic];
    }
    let compiled = compiled();
    // Most files are valid: ask that first, which stops at nothing and builds no errors, and
    // collect the errors only to explain a file that is not.
    if compiled.validator.is_valid(&file.value) {
        return Vec::new();
    }
    let mut missing: Vec<(String, String)> = Vec::new();
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for error in compiled.validator.iter_errors(&file.value) {
        match error.kind() {
            ValidationErrorKind::Required { property } => missing.push((
                error.instance_path().as_str().to_string(),
                property.as_str().unwrap_or_default().to_string(),
            )),
            _ => diagnostics.push(describe(file, &compiled.schema, &error)),
        }
    }
    diagnostics.extend(describe_missing(file, missing));
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.location == b.location && a.message == b.message);
    diagnostics
}

fn check_header(file: &ParsedFile) -> Option<Diagnostic> {
    let unsupported = |pointer: &str, on_key: bool, message: String, hint: &str| {
        Some(builtin::UNSUPPORTED_DOCUMENT.diagnostic(
            file.locate(pointer, on_key),
            message,
            Some(hint.to_string()),
        ))
    };
    let Value::Object(map) = &file.value else {
        return unsupported(
            "",
            false,
            format!(
                "the document is {}, not a mapping of fields",
                describe_value(&file.value)
            ),
            "start the file with `kind: protocol` or `kind: agreement`",
        );
    };
    match map.get("kind") {
        None => {
            return unsupported(
                "",
                false,
                "the document has no `kind`".into(),
                "add `kind: protocol` or `kind: agreement` at the top level",
            );
        }
        Some(Value::String(kind)) if KINDS.contains(&kind.as_str()) => {}
        Some(other) => {
            let shown = match other {
                Value::String(s) => format!("`{s}`"),
                v => describe_value(v).to_string(),
            };
            let mut hint = "use `kind: protocol` or `kind: agreement`".to_string();
            if let Value::String(s) = other
                && let Some(best) = closest(s, KINDS.iter().copied())
            {
                hint = format!("did you mean `{best}`? {hint}");
            }
            return unsupported(
                "/kind",
                false,
                format!("unknown kind {shown}: expected one of: protocol, agreement"),
                &hint,
            );
        }
    }
    match map.get("schema_version") {
        None => unsupported(
            "",
            false,
            "the document has no `schema_version`".into(),
            &format!("add `schema_version: {SCHEMA_VERSION}` at the top level"),
        ),
        Some(Value::Number(n)) if n.as_u64() == Some(SCHEMA_VERSION as u64) => None,
        Some(other) => unsupported(
            "/schema_version",
            false,
            format!(
                "schema_version {other} is not supported: this release of isagen reads version {SCHEMA_VERSION}"
            ),
            &format!("set `schema_version: {SCHEMA_VERSION}`, or upgrade isagen"),
        ),
    }
}

fn describe(file: &ParsedFile, schema: &Value, error: &ValidationError<'_>) -> Diagnostic {
    let pointer = error.instance_path().as_str().to_string();
    let diagnostic = |rule: &'static Rule, pointer: &str, on_key: bool, message: String| {
        rule.diagnostic(file.locate(pointer, on_key), message, None)
    };
    match error.kind() {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default().to_string();
            describe_missing(file, vec![(pointer, name)]).remove(0)
        }
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let name = unexpected.first().cloned().unwrap_or_default();
            let child = format!("{pointer}/{}", escape_pointer_segment(&name));
            let allowed = allowed_properties(schema, error);
            let mut d = diagnostic(
                &builtin::UNKNOWN_FIELD,
                &child,
                true,
                format!("unknown field `{name}`"),
            );
            d.hint = Some(match closest(&name, allowed.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None if !allowed.is_empty() => {
                    format!("fields allowed here: {}", allowed.join(", "))
                }
                None => "remove the field".to_string(),
            });
            d
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => type_words(&t.to_string()).to_string(),
                TypeKind::Multiple(set) => {
                    let words: Vec<&str> = set.iter().map(|t| type_words(&t.to_string())).collect();
                    words.join(" or ")
                }
            };
            let found = describe_value(error.instance());
            let mut d = diagnostic(
                &builtin::WRONG_TYPE,
                &pointer,
                false,
                format!(
                    "`{}` should be {expected}, not {found}",
                    field_label(&pointer)
                ),
            );
            d.hint = match (expected.as_str(), error.instance().as_ref()) {
                ("text", Value::Number(_) | Value::Bool(_)) => Some(format!(
                    "put the value in quotes so YAML reads it as text: \"{}\"",
                    error.instance()
                )),
                ("a list", Value::String(_) | Value::Object(_)) => {
                    Some("write each entry on its own line starting with `- `".to_string())
                }
                _ => None,
            };
            d
        }
        ValidationErrorKind::Enum { options } => {
            let choices = list_choices(options.as_array().map(Vec::as_slice).unwrap_or(&[]));
            invalid_choice(file, &pointer, error.instance(), &choices)
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let mut consts = Vec::new();
            for branch in context {
                for sub in branch {
                    if let ValidationErrorKind::Constant { expected_value } = sub.kind() {
                        consts.push(expected_value.as_ref().clone());
                    }
                }
            }
            if !consts.is_empty() && consts.len() == context.len() {
                invalid_choice(file, &pointer, error.instance(), &list_choices(&consts))
            } else {
                // Report the branch closest to matching: the one with the fewest errors.
                let best = context.iter().min_by_key(|branch| branch.len());
                match best.and_then(|branch| branch.first()) {
                    Some(first) => describe(file, schema, first),
                    None => diagnostic(
                        &builtin::INVALID_VALUE,
                        &pointer,
                        false,
                        format!("`{}` has an invalid value", field_label(&pointer)),
                    ),
                }
            }
        }
        // The owner is a partner or a body that is not one; naming both is ambiguous.
        ValidationErrorKind::OneOfMultipleValid { .. }
            if error.instance().get("partner").is_some()
                && error.instance().get("body").is_some() =>
        {
            let mut d = diagnostic(
                &builtin::INVALID_VALUE,
                &pointer,
                false,
                format!(
                    "`{}` names both a `partner` and a `body`: give one of them",
                    field_label(&pointer)
                ),
            );
            d.hint = Some(
                "use `partner:` for a partner id, or `body:` for a body that is not a partner"
                    .into(),
            );
            d
        }
        ValidationErrorKind::Constant { expected_value } => diagnostic(
            &builtin::INVALID_VALUE,
            &pointer,
            false,
            format!(
                "`{}` must be {expected_value}, not {}",
                field_label(&pointer),
                error.instance()
            ),
        ),
        ValidationErrorKind::Format { format } if format == "date" => {
            let mut d = diagnostic(
                &builtin::INVALID_VALUE,
                &pointer,
                false,
                format!(
                    "`{}` is not a real calendar date: {}",
                    field_label(&pointer),
                    error.instance()
                ),
            );
            d.hint = Some("write dates as YYYY-MM-DD, for example 2026-04-01".into());
            d
        }
        ValidationErrorKind::Pattern { .. } => {
            let (what, hint) = if pointer.ends_with("version") {
                (
                    "a version",
                    "write versions as MAJOR.MINOR in quotes, for example \"1.0\"",
                )
            } else if pointer.ends_with("/year") {
                (
                    "an assessment year",
                    "write the year as YYYY-YY, for example 2025-26",
                )
            } else {
                (
                    "an identifier",
                    "start with a letter or digit and use only letters, digits, '-', '_' and '.'",
                )
            };
            let mut d = diagnostic(
                &builtin::INVALID_VALUE,
                &pointer,
                false,
                format!("{} is not valid as {what}", error.instance()),
            );
            d.hint = Some(hint.into());
            d
        }
        ValidationErrorKind::MinLength { .. } => diagnostic(
            &builtin::INVALID_VALUE,
            &pointer,
            false,
            format!("`{}` must not be empty", field_label(&pointer)),
        ),
        ValidationErrorKind::MinItems { limit } => diagnostic(
            &builtin::INVALID_VALUE,
            &pointer,
            false,
            format!(
                "`{}` needs at least {limit} {}",
                field_label(&pointer),
                if *limit == 1 { "entry" } else { "entries" }
            ),
        ),
        // The only list capped at none: transfers listed beside the statement that there are
        // none (the agreement's `dependentSchemas`).
        ValidationErrorKind::MaxItems { limit: 0 } if pointer == "/international_transfers" => {
            builtin::INVALID_VALUE.diagnostic(
                file.locate(&pointer, false),
                "`international_transfers` lists transfers, but `no_international_transfers` states that no personal data leaves the United Kingdom".to_string(),
                Some("remove `no_international_transfers`, or the transfers if there are none".to_string()),
            )
        }
        _ => diagnostic(
            &builtin::INVALID_VALUE,
            &pointer,
            false,
            format!("`{}`: {}", field_label(&pointer), error),
        ),
    }
}

/// One diagnostic per mapping that lacks required fields, naming them all.
fn describe_missing(file: &ParsedFile, mut missing: Vec<(String, String)>) -> Vec<Diagnostic> {
    missing.sort();
    missing.dedup();
    let mut out = Vec::new();
    let mut index = 0;
    while index < missing.len() {
        let pointer = missing[index].0.clone();
        let names: Vec<String> = missing[index..]
            .iter()
            .take_while(|(p, _)| *p == pointer)
            .map(|(_, n)| format!("`{n}`"))
            .collect();
        index += names.len();
        let place = if pointer.is_empty() {
            "at the top level".to_string()
        } else {
            format!("in `{}`", field_label(&pointer))
        };
        let message = match names.as_slice() {
            [one] => format!("missing required field {one} {place}"),
            many => format!("missing required fields {} {place}", many.join(", ")),
        };
        let mut d = builtin::MISSING_FIELD.diagnostic(file.locate(&pointer, true), message, None);
        d.hint = Some("add the missing fields; `isagen schema` describes what each holds".into());
        out.push(d);
    }
    out
}

fn invalid_choice(
    file: &ParsedFile,
    pointer: &str,
    found: &Value,
    choices: &[String],
) -> Diagnostic {
    let mut d = builtin::INVALID_VALUE.diagnostic(
        file.locate(pointer, false),
        format!(
            "{} is not a valid `{}`: expected one of: {}",
            found,
            field_label(pointer),
            choices.join(", ")
        ),
        None,
    );
    if let Value::String(s) = found
        && let Some(best) = closest(s, choices.iter().map(String::as_str))
    {
        d.hint = Some(format!("did you mean `{best}`?"));
    }
    d
}

fn list_choices(values: &[Value]) -> Vec<String> {
    values
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

/// The property names the schema allows where an `additionalProperties` error arose.
fn allowed_properties(schema: &Value, error: &ValidationError<'_>) -> Vec<String> {
    let Some(uri) = error.absolute_keyword_location() else {
        return Vec::new();
    };
    let Some((_, fragment)) = uri.as_str().split_once('#') else {
        return Vec::new();
    };
    let fragment = fragment.replace("%24", "$");
    let parent = fragment
        .strip_suffix("/additionalProperties")
        .unwrap_or(&fragment);
    schema
        .pointer(parent)
        .and_then(|node| node.get("properties"))
        .and_then(Value::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

/// A readable name for the node at `pointer`, for example `flows[2].method`.
pub fn field_label(pointer: &str) -> String {
    let mut label = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            label.push_str(&format!("[{segment}]"));
        } else {
            if !label.is_empty() {
                label.push('.');
            }
            label.push_str(&segment);
        }
    }
    if label.is_empty() {
        "document".into()
    } else {
        label
    }
}

fn type_words(json_type: &str) -> &'static str {
    match json_type {
        "string" => "text",
        "object" => "a mapping of fields",
        "array" => "a list",
        "boolean" => "true or false",
        "integer" => "a whole number",
        "number" => "a number",
        "null" => "empty",
        _ => "another type",
    }
}

fn describe_value(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping of fields",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_like_paths() {
        assert_eq!(field_label("/flows/2/method"), "flows[2].method");
        assert_eq!(field_label(""), "document");
        assert_eq!(field_label("/a~1b"), "a/b");
    }
}
