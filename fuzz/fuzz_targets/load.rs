//! Any bytes, as a definition file: loading never panics, and a parsed file locates every
//! pointer it knows.
#![no_main]

use std::path::Path;

use isagen::load::{self, ReadOutcome};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let ReadOutcome::Parsed(file) =
        load::parse_bytes(Path::new("fuzz.yaml"), "fuzz.yaml", data.to_vec())
    {
        let location = file.locate("/document/id", false);
        assert!(location.line >= 1 && location.column >= 1);
        let _ = isagen::check::document_from(file);
    }
});
