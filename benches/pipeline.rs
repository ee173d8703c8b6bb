//! The stages of the pipeline on one realistic agreement (the bundled MASH agreement, 15 KB of
//! YAML) and its protocol: load (parse YAML keeping positions), schema (the published JSON
//! Schema), rules (all 70 checks), Markdown and DOCX rendering.
//!
//! Run with `cargo bench --bench pipeline`; whole-command timings against other tools are in
//! `bench/run.sh` and `BENCHMARKS.md`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use isagen::check::{self, Document, Workspace};
use isagen::config::Config;
use isagen::load::{self, ParsedFile, ReadOutcome};
use isagen::model::Date;
use isagen::render::docx::{self, HouseStyle};
use isagen::render::markdown::MarkdownRenderer;
use isagen::render::view;

const AGREEMENT: &str = include_str!("../examples/mash/mash-agreement.yaml");
const PROTOCOL: &str = include_str!("../examples/mash/protocol.yaml");

fn parse(name: &str, text: &str) -> ParsedFile {
    match load::parse_bytes(Path::new(name), name, text.as_bytes().to_vec()) {
        ReadOutcome::Parsed(file) => file,
        ReadOutcome::Invalid(_, diagnostics) => panic!("{name} does not parse: {diagnostics:?}"),
    }
}

fn document(name: &str, text: &str) -> Document {
    check::document_from(parse(name, text))
        .unwrap_or_else(|(_, diagnostics)| panic!("{name} is not valid: {diagnostics:?}"))
}

fn workspace() -> Workspace {
    let documents = vec![
        document("protocol.yaml", PROTOCOL),
        document("mash-agreement.yaml", AGREEMENT),
    ];
    let today = Date::parse("2026-11-22").expect("a date");
    Workspace::of(documents, Config::default(), today)
}

fn stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("mash-agreement");
    group.bench_function("load", |b| {
        b.iter(|| parse("mash-agreement.yaml", black_box(AGREEMENT)))
    });
    let parsed = parse("mash-agreement.yaml", AGREEMENT);
    // Compile the schema once, as a run does, before timing the check.
    assert!(check::schema::check(&parsed).is_empty());
    group.bench_function("schema", |b| {
        b.iter(|| check::schema::check(black_box(&parsed)))
    });
    let workspace = workspace();
    group.bench_function("rules", |b| {
        b.iter(|| check::run_rules(black_box(&workspace)))
    });
    let renderer = MarkdownRenderer::new(None).expect("the built-in templates compile");
    group.bench_function("markdown", |b| {
        b.iter(|| {
            let view = view::build(&workspace, 1);
            renderer.render(black_box(&view)).expect("renders")
        })
    });
    let view = view::build(&workspace, 1);
    let markdown = renderer.render(&view).expect("renders");
    let style = HouseStyle::default();
    group.bench_function("docx", |b| {
        b.iter(|| docx::build(black_box(&view), black_box(&markdown), &style))
    });
    group.finish();
    c.bench_function("templates/compile", |b| {
        b.iter(|| MarkdownRenderer::new(None).expect("compiles"))
    });
}

criterion_group!(benches, stages);
criterion_main!(benches);
