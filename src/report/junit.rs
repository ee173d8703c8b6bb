//! The `junit` format.

use std::io::{self, Write};

use super::{ReportContext, Reporter};

/// The junit reporter.
pub struct Junit;

impl Reporter for Junit {
    fn report(&self, _context: &ReportContext<'_>, _out: &mut dyn Write) -> io::Result<()> {
        Err(io::Error::other("the junit format is not written yet"))
    }
}
