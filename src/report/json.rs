//! The `json` format: every finding with its full location, and the summary.

use std::io::{self, Write};

use serde::Serialize;

use super::{ReportContext, Reporter, TOOL_NAME, TOOL_VERSION};
use crate::diagnostic::{Diagnostic, Summary};

/// A JSON document for tools.
pub struct Json;

#[derive(Serialize)]
struct Document<'a> {
    tool: &'static str,
    version: &'static str,
    summary: Summary,
    diagnostics: &'a [Diagnostic],
}

impl Reporter for Json {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let document = Document {
            tool: TOOL_NAME,
            version: TOOL_VERSION,
            summary: context.summary,
            diagnostics: context.diagnostics,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}
