//! Edited examples (and, where the input parses, the raw input as a third file) through the
//! schema, the model and all the rules: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut texts = isagen_fuzz::edited_example(data);
    if let Ok(text) = std::str::from_utf8(data) {
        texts.push(text.to_string());
    }
    let workspace = isagen_fuzz::workspace(&texts);
    let _ = isagen::check::run_rules(&workspace);
});
