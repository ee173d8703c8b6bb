//! The `gitlab` format.

use std::io::{self, Write};

use super::{ReportContext, Reporter};

/// The gitlab reporter.
pub struct Gitlab;

impl Reporter for Gitlab {
    fn report(&self, _context: &ReportContext<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("the gitlab format is not written yet"))
    }
}
