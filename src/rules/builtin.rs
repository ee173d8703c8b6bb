//! The schema family (`S`): a file that is not a valid definition. These are reported by the
//! loader and the JSON Schema check, are always errors and cannot be switched off: until a file
//! is a valid definition, no other rule can read it.

use super::{Rule, declare_rule};

/// Every rule of the schema family.
pub static RULES: &[&Rule] = &[
    &SYNTAX_ERROR,
    &DUPLICATE_KEY,
    &MISSING_FIELD,
    &UNKNOWN_FIELD,
    &WRONG_TYPE,
    &INVALID_VALUE,
    &UNSUPPORTED_DOCUMENT,
];

declare_rule! {
    /// The file cannot be read as one YAML or JSON document.
    ///
    /// ## What it checks
    /// That the file is UTF-8 text (a byte order mark is allowed), not empty, not binary, no
    /// larger than 8 MiB, written in valid YAML 1.2 or JSON, holding exactly one document,
    /// nested no deeper than 64 levels, with no alias expanding past 10,000 nodes and no
    /// infinite or not-a-number values.
    ///
    /// ## Why it matters
    /// Nothing else can be checked until the file parses. The limits stop a malformed or
    /// hostile file (an "alias bomb") from exhausting memory in CI.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   title: "Safeguarding hub
    /// ```
    /// The string is never closed.
    ///
    /// ## Fix
    /// Correct the syntax at the place shown; indent with spaces, not tabs, and quote text that
    /// contains `: ` or starts with a special character.
    pub static SYNTAX_ERROR = {
        code: "S001",
        name: "syntax-error",
        family: Schema,
        severity: Error,
        check: None,
    };
}

declare_rule! {
    /// A key appears twice in the same mapping.
    ///
    /// ## What it checks
    /// That no mapping repeats a key, as YAML 1.2 and RFC 8259 (JSON) require.
    ///
    /// ## Why it matters
    /// Many YAML tools silently keep the last value, so a reviewer reading the first one
    /// approves something other than what the tool renders. isagen refuses to guess.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   review: 2026-01-01
    ///   review: 2027-01-01
    /// ```
    ///
    /// ## Fix
    /// Keep one entry for the key.
    pub static DUPLICATE_KEY = {
        code: "S002",
        name: "duplicate-key",
        family: Schema,
        severity: Error,
        check: None,
    };
}

declare_rule! {
    /// A required field is missing.
    ///
    /// ## What it checks
    /// That every field the published schema requires is present.
    ///
    /// ## Why it matters
    /// Required fields carry what every protocol or agreement must record (the ICO Data
    /// Sharing Code of Practice lists them); a document without them cannot be signed.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   id: mash-isa
    ///   title: MASH agreement
    ///   # version, status, protective_marking and owner are missing
    /// ```
    ///
    /// ## Fix
    /// Add the field named in the message; `isagen schema` shows what it holds.
    pub static MISSING_FIELD = {
        code: "S003",
        name: "missing-field",
        family: Schema,
        severity: Error,
        check: None,
    };
}

declare_rule! {
    /// A field the schema does not define.
    ///
    /// ## What it checks
    /// That every key is one the schema defines at that place. A close match is suggested.
    ///
    /// ## Why it matters
    /// A misspelt key (`reveiw`) would otherwise be ignored, and the document would go out
    /// without what its author thought it said.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   reveiw: 2027-04-01
    /// ```
    ///
    /// ## Fix
    /// Correct the spelling (the message suggests the nearest field) or remove the key.
    pub static UNKNOWN_FIELD = {
        code: "S004",
        name: "unknown-field",
        family: Schema,
        severity: Error,
        check: None,
    };
}

declare_rule! {
    /// A value of the wrong type: text where a list is expected, a number where text is.
    ///
    /// ## What it checks
    /// That each value has the JSON type the schema gives it.
    ///
    /// ## Why it matters
    /// The rules and templates read typed values; a wrong type would make them misread the
    /// definition.
    ///
    /// ## Example
    /// ```yaml
    /// document:
    ///   version: 1.0     # a number; versions are text
    /// ```
    ///
    /// ## Fix
    /// Write the value as the message says; quote versions and other text that looks like a
    /// number (`version: "1.0"`).
    pub static WRONG_TYPE = {
        code: "S005",
        name: "wrong-type",
        family: Schema,
        severity: Error,
        check: None,
    };
}

declare_rule! {
    /// A value outside what the field allows: not one of its choices, a malformed id or date,
    /// an empty text, a number out of range.
    ///
    /// ## What it checks
    /// Enumerations (`expected one of: ...`), patterns (ids, versions), formats (real calendar
    /// dates, so 2025-02-30 is refused), lengths and ranges.
    ///
    /// ## Why it matters
    /// The legal vocabulary is closed on purpose: `public-task` means UK GDPR Article 6(1)(e)
    /// and the rules rely on it. A typo in a legal basis must not pass as a new basis.
    ///
    /// ## Example
    /// ```yaml
    /// article_6: public-tasks
    /// ```
    ///
    /// ## Fix
    /// Use one of the values listed in the message.
    pub static INVALID_VALUE = {
        code: "S006",
        name: "invalid-value",
        family: Schema,
        severity: Error,
        check: None,
    };
}

declare_rule! {
    /// The document's `kind` or `schema_version` is missing or not one this release reads.
    ///
    /// ## What it checks
    /// That the top level is a mapping with `kind: protocol` or `kind: agreement` and
    /// `schema_version: 1`.
    ///
    /// ## Why it matters
    /// The kind decides which schema and rules apply; the version guards against reading a
    /// newer format wrongly.
    ///
    /// ## Example
    /// ```yaml
    /// kind: contract
    /// ```
    ///
    /// ## Fix
    /// Set `kind` to `protocol` or `agreement` and `schema_version` to `1`.
    pub static UNSUPPORTED_DOCUMENT = {
        code: "S007",
        name: "unsupported-document",
        family: Schema,
        severity: Error,
        check: None,
    };
}
