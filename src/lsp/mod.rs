//! `isagen lsp`: a language server over standard input and output.
//!
//! Built on `lsp-server` and `lsp-types`, the synchronous crates rust-analyzer uses: one
//! thread reads messages, the main loop answers them in order and checks the workspace when
//! documents change. isagen's check is synchronous (rayon inside), so an async runtime
//! (`tower-lsp` and tokio) would add a scheduler and a dozen crates for nothing.
//!
//! - **Diagnostics** come from [`crate::check::check_sources`], the pipeline `isagen
//!   validate` runs: the definitions found in the workspace folders (the same discovery as
//!   a folder search), with every open document's text in place of the file on disk. So an
//!   agreement is checked against its protocol, and the findings and positions are those of
//!   `validate`. They are sent for every open document after every change; changes that
//!   arrive together are checked once.
//! - **Completion** of ids where the schema expects a reference (partners, data items,
//!   purposes, flows, legal bases, protocols ...), and of vocabulary values with their
//!   descriptions and citations.
//! - **Hover** on ids (what they name), rule codes and names (the `isagen explain` text) and
//!   vocabulary values; **go to definition** of an id, across files; **quick fixes** that
//!   apply a finding's "did you mean" suggestion.
//!
//! Positions are converted between isagen's (characters) and LSP's (UTF-16 code units). A
//! malformed message is logged to standard error and skipped; nothing is ever written to
//! standard output but protocol messages.

mod index;
mod server;
mod text;
mod transport;

pub use server::run;
