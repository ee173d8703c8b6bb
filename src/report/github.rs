//! The `github` format.

use std::io::{self, Write};

use super::{ReportContext, Reporter};

/// The github reporter.
pub struct Github;

impl Reporter for Github {
    fn report(&self, _context: &ReportContext<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("the github format is not written yet"))
    }
}

/// A Markdown summary of every finding.
pub fn step_summary(context: &ReportContext<'_>) -> String {
    context.summary.line()
}
