//! The typed definition of information sharing protocols and agreements.
//!
//! These types are the single source of truth for the published JSON Schema: their doc
//! comments become the schema's descriptions, which editors show on hover. Every struct denies
//! unknown fields, so a misspelt key is reported rather than ignored.

mod agreement;
mod common;
mod exceptions;
mod narrative;
mod nations;
mod protocol;
mod provisions;
mod signoff;
mod structure;
pub mod vocab;

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

pub use agreement::*;
pub use common::*;
pub use exceptions::*;
pub use narrative::*;
pub use nations::*;
pub use protocol::*;
pub use provisions::*;
pub use signoff::*;
pub use structure::*;

/// The version of the definition format this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The address the published schema is known by (its `$id`): the committed file in the
/// repository, as GitHub serves it raw, so an editor that is online can fetch it from there.
/// (Files that `isagen init` writes point at a copy beside them instead, which works offline.)
pub const SCHEMA_ID: &str =
    "https://raw.githubusercontent.com/isagen/isagen/main/schemas/isagen-v1.schema.json";

/// The version of the definition format a file is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SchemaVersion(pub u32);

impl JsonSchema for SchemaVersion {
    fn schema_name() -> Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The version of the isagen definition format; this release reads version 1.",
            "type": "integer",
            "const": SCHEMA_VERSION
        })
    }
}

/// One definition: a protocol or an agreement, told apart by its `kind`.
#[derive(Clone, Debug, PartialEq)]
pub enum Definition {
    /// An information sharing protocol.
    Protocol(Box<Protocol>),
    /// An information sharing agreement.
    Agreement(Box<Agreement>),
}

impl Definition {
    /// Document control, common to both kinds.
    pub fn document(&self) -> &DocumentControl {
        match self {
            Definition::Protocol(p) => &p.document,
            Definition::Agreement(a) => &a.document,
        }
    }

    /// The signatures recorded, common to both kinds.
    pub fn signatures(&self) -> &[Signature] {
        match self {
            Definition::Protocol(p) => &p.signatures,
            Definition::Agreement(a) => &a.signatures,
        }
    }

    /// The findings the definition records as accepted, common to both kinds.
    pub fn exceptions(&self) -> &[Exception] {
        match self {
            Definition::Protocol(p) => &p.exceptions,
            Definition::Agreement(a) => &a.exceptions,
        }
    }

    /// `"protocol"` or `"agreement"`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Definition::Protocol(_) => "protocol",
            Definition::Agreement(_) => "agreement",
        }
    }
}

/// The kinds of document a definition can be, as written in `kind`.
pub const KINDS: [&str; 2] = ["protocol", "agreement"];

/// Generates the published JSON Schema (draft 2020-12). The root dispatches on `kind` with
/// `if`/`then`, so an editor or validator reports errors inside the right document type
/// rather than a vague "matches none of" at the top.
pub fn json_schema() -> serde_json::Value {
    let mut generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let protocol = generator.subschema_for::<Protocol>();
    let agreement = generator.subschema_for::<Agreement>();
    let definitions = generator.take_definitions(true);
    let branch = |kind: &str, target: &Schema| {
        serde_json::json!({
            "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] },
            "then": target
        })
    };
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "isagen definition",
        "description": "An information sharing protocol (kind: protocol) or information sharing agreement (kind: agreement), checked and rendered by isagen.",
        "type": "object",
        "required": ["kind", "schema_version"],
        "properties": {
            "kind": {
                "description": "What the document is: `protocol` (the overarching multi-party protocol) or `agreement` (one sharing under a protocol).",
                "enum": KINDS
            },
            "schema_version": { "$ref": "#/$defs/SchemaVersion" }
        },
        "allOf": [branch("protocol", &protocol), branch("agreement", &agreement)],
        "$defs": definitions
    })
}
