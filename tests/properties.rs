//! Properties over many generated definitions: the bundled examples with their prose
//! replaced by arbitrary text.
//!
//! - A valid model written out as YAML (by saphyr's emitter, an independent writer) and
//!   loaded again is the same model.
//! - Every such model renders to Markdown and DOCX without an error or a panic.

use std::borrow::Cow;
use std::path::Path;

use isagen::check::{self, Document, Workspace};
use isagen::config::Config;
use isagen::load::{self, ReadOutcome};
use isagen::model::{Date, Definition};
use isagen::render::docx::{self, HouseStyle};
use isagen::render::markdown::MarkdownRenderer;
use isagen::render::view;
use proptest::prelude::*;
use saphyr::{Mapping, Scalar, Yaml, YamlEmitter};
use serde_json::Value;

const EXAMPLES: [(&str, &str); 5] = [
    (
        include_str!("../examples/mash/protocol.yaml"),
        include_str!("../examples/mash/mash-agreement.yaml"),
    ),
    (
        include_str!("../examples/health-care-record/protocol.yaml"),
        include_str!("../examples/health-care-record/joint-controller-agreement.yaml"),
    ),
    (
        include_str!("../examples/council-charity-disclosure/protocol.yaml"),
        include_str!("../examples/council-charity-disclosure/disclosure-agreement.yaml"),
    ),
    (
        include_str!("../examples/county-safeguarding/tier-1-dsa.yaml"),
        include_str!("../examples/county-safeguarding/tier-2-operation-encompass.yaml"),
    ),
    // The WASPI ISP stands alone (it names the Accord as its framework); the county protocol
    // beside it is only a second document in the workspace.
    (
        include_str!("../examples/county-safeguarding/tier-1-dsa.yaml"),
        include_str!("../examples/waspi-early-help/early-help-isp.yaml"),
    ),
];

fn load(name: &str, text: &str) -> Result<Document, String> {
    match load::parse_bytes(Path::new(name), name, text.as_bytes().to_vec()) {
        ReadOutcome::Parsed(file) => {
            check::document_from(file).map_err(|(_, diagnostics)| format!("{diagnostics:#?}"))
        }
        ReadOutcome::Invalid(_, diagnostics) => Err(format!("{diagnostics:#?}")),
    }
}

fn value(text: &str) -> Value {
    load::yaml::parse(text).expect("the example parses").0
}

/// Replaces the prose (string values with a space in them: descriptions, not ids, enums or
/// dates) with the next of `texts`, cycling.
fn replace_prose(value: &mut Value, texts: &[String], next: &mut usize) {
    match value {
        Value::String(s) if s.contains(' ') && !texts.is_empty() => {
            *s = texts[*next % texts.len()].clone();
            *next += 1;
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_prose(v, texts, next)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_prose(v, texts, next)),
        _ => {}
    }
}

fn to_yaml(value: &Value) -> Yaml<'static> {
    match value {
        Value::Null => Yaml::Value(Scalar::Null),
        Value::Bool(b) => Yaml::Value(Scalar::Boolean(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Value(Scalar::Integer(i)),
            None => Yaml::Value(Scalar::FloatingPoint(n.as_f64().unwrap_or_default().into())),
        },
        Value::String(s) => Yaml::Value(Scalar::String(Cow::Owned(s.clone()))),
        Value::Array(items) => Yaml::Sequence(items.iter().map(to_yaml).collect()),
        Value::Object(map) => {
            let mut mapping = Mapping::new();
            for (k, v) in map {
                mapping.insert(
                    Yaml::Value(Scalar::String(Cow::Owned(k.clone()))),
                    to_yaml(v),
                );
            }
            Yaml::Mapping(mapping)
        }
    }
}

fn emit(value: &Value) -> String {
    let mut out = String::new();
    YamlEmitter::new(&mut out)
        .dump(&to_yaml(value))
        .expect("the emitter writes");
    out
}

/// Text for prose: any characters a person might type, including quotes, YAML and Markdown
/// punctuation, tabs, non-Latin scripts and emoji.
fn prose() -> impl Strategy<Value = String> {
    "[\\PC\t]{1,60}".prop_filter("prose is not blank", |s| !s.trim().is_empty())
}

fn workspace(documents: Vec<Document>) -> Workspace {
    Workspace::of(
        documents,
        Config::default(),
        Date::parse("2026-11-22").unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn valid_models_round_trip_through_yaml_and_render(
        example in 0..EXAMPLES.len(),
        texts in prop::collection::vec(prose(), 1..12),
    ) {
        let (protocol, agreement) = EXAMPLES[example];
        let mut documents = Vec::new();
        for (name, text) in [("protocol.yaml", protocol), ("agreement.yaml", agreement)] {
            let mut value = value(text);
            replace_prose(&mut value, &texts, &mut 0);
            let original = load(name, &serde_json::to_string(&value).unwrap());
            let original = original.map_err(TestCaseError::fail)?;
            let yaml = emit(&value);
            let reloaded = load(name, &yaml)
                .map_err(|e| TestCaseError::fail(format!("{e}\nin:\n{yaml}")))?;
            prop_assert!(
                definitions_equal(&original.definition, &reloaded.definition),
                "the model changed on the way through YAML:\n{yaml}"
            );
            documents.push(reloaded);
        }
        let workspace = workspace(documents);
        let renderer = MarkdownRenderer::new(None).unwrap();
        for index in workspace.focus.clone() {
            let view = view::build(&workspace, index);
            let markdown = renderer.render(&view).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let bytes = docx::build(&view, &markdown, &HouseStyle::default());
            prop_assert!(bytes.starts_with(b"PK"));
        }
    }
}

fn definitions_equal(a: &Definition, b: &Definition) -> bool {
    match (a, b) {
        (Definition::Protocol(a), Definition::Protocol(b)) => a == b,
        (Definition::Agreement(a), Definition::Agreement(b)) => a == b,
        _ => false,
    }
}
