//! The `json` format: every finding with its full location, and the summary; the findings
//! exceptions accept follow in `suppressed`, each with the `exception` (reason, who, when,
//! where it is written), and are counted in `summary.suppressed`.

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
    /// The `isagen.toml` read, or `null`.
    configuration: Option<&'a str>,
    /// The day dates were judged by when the configuration set it (`[lifecycle] as_of`).
    #[serde(skip_serializing_if = "Option::is_none")]
    dates_as_of: Option<crate::model::Date>,
    summary: Summary,
    diagnostics: &'a [Diagnostic],
    /// The findings exceptions accept, each as a diagnostic with its `exception`.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    suppressed: &'a [super::Suppressed],
}

impl Reporter for Json {
    fn report(&self, context: &ReportContext<'_>, out: &mut dyn Write) -> io::Result<()> {
        let document = Document {
            tool: TOOL_NAME,
            version: TOOL_VERSION,
            configuration: context.in_force.config_file.as_deref(),
            dates_as_of: context.in_force.as_of,
            summary: context.summary,
            diagnostics: context.diagnostics,
            suppressed: context.suppressed,
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}
