//! Documents name things as people do: parties, purposes, flows and legal bases appear by their
//! names, short titles or numbers ("Purpose 1", "Flow 2"), never by their machine ids, and no
//! id is set in monospace. The document's own id stays where a reader needs it as a reference
//! (the document control table, the title page, a protocol's list of its agreements).

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn example_sets() -> Vec<PathBuf> {
    let mut sets: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    sets.sort();
    sets.push(root().join("tests/fixtures/base"));
    sets
}

fn render(set: &Path) -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(set)
        .args([
            "--format",
            "md,docx",
            "--today",
            "2026-11-22",
            "--no-config",
            "--out",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    (out, files)
}

/// The ids a set's definitions give (every `id:` key), and which of them are documents' ids.
fn ids(set: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut all = BTreeSet::new();
    let mut documents = BTreeSet::new();
    for entry in std::fs::read_dir(set).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut in_document = false;
        for line in text.lines() {
            if !line.starts_with(' ') && !line.is_empty() {
                in_document = line.starts_with("document:");
            }
            let trimmed = line.trim_start().trim_start_matches("- ");
            if let Some(id) = trimmed.strip_prefix("id: ") {
                let id = id.trim().trim_matches('"').to_string();
                if in_document && line.starts_with("  id:") {
                    documents.insert(id.clone());
                }
                all.insert(id);
            }
        }
    }
    // A protocol lists the agreements made under it by their document ids.
    for id in all.clone() {
        if id.ends_with("-isa") || id.ends_with("-dda") || id.ends_with("-jca") {
            documents.insert(id);
        }
    }
    (all, documents)
}

/// The ids (other than documents') that appear in `text` as whole words. Only ids with a
/// hyphen are looked for in running text: a one-word id such as `health` is also a word.
fn ids_in(text: &str, ids: &BTreeSet<String>, documents: &BTreeSet<String>) -> Vec<String> {
    // Email addresses and web addresses are left out: a domain may spell an id
    // (dpo@westmoor-icb.example.nhs.uk) without the text naming anything by it.
    let words: BTreeSet<&str> = text
        .split_whitespace()
        .filter(|w| !w.contains('@') && !w.contains("://"))
        .flat_map(|w| w.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')))
        .collect();
    ids.iter()
        .filter(|id| id.contains('-') && !documents.contains(*id) && words.contains(id.as_str()))
        .cloned()
        .collect()
}

fn docx_document(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name("word/document.xml").unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// The text of every `<w:t>` in a part, one run after another with a space between.
fn docx_text(xml: &str) -> String {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn no_heading_or_body_text_names_a_thing_by_its_id() {
    for set in example_sets() {
        let (ids, documents) = ids(&set);
        let (_dir, files) = render(&set);
        for file in &files {
            let name = file.display();
            match file.extension().and_then(|e| e.to_str()) {
                Some("md") => {
                    let markdown = std::fs::read_to_string(file).unwrap();
                    let mut text = String::new();
                    let mut in_code_block = false;
                    for event in Parser::new_ext(&markdown, pulldown_cmark::Options::all()) {
                        match event {
                            Event::Code(code) => {
                                panic!("{name}: `{code}` is set in monospace")
                            }
                            Event::Start(Tag::CodeBlock(kind)) => {
                                // The only code block a document has is its Mermaid diagram.
                                assert!(
                                    matches!(&kind, CodeBlockKind::Fenced(lang) if lang.as_ref() == "mermaid"),
                                    "{name}: a code block that is not a diagram: {kind:?}"
                                );
                                in_code_block = true;
                            }
                            Event::End(TagEnd::CodeBlock) => in_code_block = false,
                            Event::Text(t) if !in_code_block => {
                                text.push_str(&t);
                                text.push(' ');
                            }
                            _ => {}
                        }
                    }
                    let found = ids_in(&text, &ids, &documents);
                    assert!(found.is_empty(), "{name} names things by id: {found:?}");
                    // The diagram's nodes are numbered, not named by id either.
                    let found = ids_in(&markdown, &ids, &documents);
                    assert!(found.is_empty(), "{name} has ids in its source: {found:?}");
                }
                Some("docx") => {
                    let xml = docx_document(file);
                    assert!(
                        !xml.contains("Consolas"),
                        "{name}: text set in a monospace font"
                    );
                    let found = ids_in(&docx_text(&xml), &ids, &documents);
                    assert!(found.is_empty(), "{name} names things by id: {found:?}");
                }
                _ => {}
            }
        }
    }
}

/// A purpose with no short title is numbered, and its sentence is text, not a heading.
#[test]
fn a_purpose_sentence_is_never_a_heading() {
    for set in example_sets() {
        let (_dir, files) = render(&set);
        for file in files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "md"))
        {
            let markdown = std::fs::read_to_string(file).unwrap();
            for line in markdown.lines().filter(|l| l.starts_with('#')) {
                // Not counting the hashes and the clause number ("### 7.3").
                let words = line.split_whitespace().count().saturating_sub(2);
                assert!(
                    words <= 16 && !line.trim_end().ends_with('.'),
                    "{}: a sentence set as a heading: {line}",
                    file.display()
                );
            }
        }
    }
}
