//! Any text, read by the fast readers and by the YAML parser: wherever a fast reader
//! answers, its value and every node's position are exactly the YAML parser's.
#![no_main]

use isagen::load::yaml::{parse_as_yaml, parse_fast};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((value, spans)) = parse_fast(text) {
        let (slow_value, slow_spans) =
            parse_as_yaml(text).expect("a fast reader accepted what the YAML parser rejects");
        assert_eq!(value, slow_value, "the values differ");
        assert_eq!(spans, slow_spans, "the positions differ");
    }
});
