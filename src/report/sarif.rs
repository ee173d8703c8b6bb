//! The `sarif` format.

use std::io::{self, Write};

use super::{ReportContext, Reporter};

/// The sarif reporter.
pub struct Sarif;

impl Reporter for Sarif {
    fn report(&self, _context: &ReportContext<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("the sarif format is not written yet"))
    }
}
