//! isagen: validate information sharing protocols and agreements and render the documents
//! partner bodies sign.
//!
//! The pipeline has four stages, one module each:
//! [`load`] (find files, parse YAML or JSON keeping every node's position),
//! [`check`] (the published JSON Schema, the typed [`model`], then the [`rules`]),
//! [`render`] (Markdown and Word documents) and [`report`] (diagnostics for people and CI).
//! The [`workspace`] is what the rules read (every valid definition, an agreement resolved to
//! its protocol); it never imports the rules.
//! Findings are data ([`diagnostic::Diagnostic`]); only failures of the tool are errors.

pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod escape;
pub mod hash;
pub mod load;
pub mod lsp;
pub mod model;
pub mod output;
pub mod register;
pub mod render;
pub mod report;
pub mod rules;
pub mod workspace;
