//! Edited examples that are still valid, rendered to Markdown and DOCX: rendering a valid
//! definition never fails or panics, and the DOCX is a zip archive.
#![no_main]

use std::sync::OnceLock;

use isagen::render::docx::{self, HouseStyle};
use isagen::render::markdown::MarkdownRenderer;
use isagen::render::view;
use libfuzzer_sys::fuzz_target;

fn renderer() -> &'static MarkdownRenderer {
    static RENDERER: OnceLock<MarkdownRenderer> = OnceLock::new();
    RENDERER.get_or_init(|| MarkdownRenderer::new(None).expect("the built-in templates compile"))
}

fuzz_target!(|data: &[u8]| {
    let texts = isagen_fuzz::edited_example(data);
    let workspace = isagen_fuzz::workspace(&texts);
    for index in workspace.focus.clone() {
        let view = view::build(&workspace, index);
        let markdown = renderer()
            .render(&view)
            .unwrap_or_else(|e| panic!("a valid definition failed to render: {e}"));
        let bytes = docx::build(&view, &markdown, &HouseStyle::default());
        assert!(bytes.starts_with(b"PK"), "the DOCX is not a zip archive");
        let public = view::build_public(&workspace, index);
        renderer()
            .render(&public)
            .expect("the public edition renders");
    }
});
