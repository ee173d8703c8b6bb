//! The native PDF (`--format pdf`, typeset by isagen), read back as a reader would:
//! `pdftotext` and `pdfinfo` (poppler-utils, installed by `.ci/run`) give each page's text and
//! the document's properties. Checked on the MASH agreement (the default PDF) and every
//! example: each contents entry has the page number of its heading, the body clauses carry
//! the numbers the Markdown gives them, every page after the contents has body text, the PDF
//! is tagged (a structure tree, PDF/UA-1) with its title and language, and two runs give the
//! same bytes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-22";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn poppler() -> bool {
    let found = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "pdftotext (poppler-utils) is missing on CI"
        );
        eprintln!("SKIPPED: pdftotext (poppler-utils) is not installed");
    }
    found
}

/// Renders `input` to `formats` in `out`, returning the files written.
fn render(input: &Path, out: &Path, formats: &str) -> Vec<PathBuf> {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(input)
        .args([
            "--format",
            formats,
            "--today",
            TODAY,
            "--no-config",
            "--out",
        ])
        .arg(out)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// The text of each page, as pdftotext lays it out.
fn pages(pdf: &Path) -> Vec<String> {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn info(pdf: &Path) -> String {
    let output = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's lines other than the header and footer (marking, title, "Page X of Y").
fn body_lines<'a>(page: &'a str, title: &str, marking: &str) -> Vec<&'a str> {
    page.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && *l != title && *l != marking && !l.contains(" · Page "))
        .collect()
}

/// The numbered headings of the Markdown, `## 1. Introduction` as ("1.", "Introduction").
fn sections(markdown: &str) -> Vec<(String, String)> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("## "))
        .filter(|h| *h != "Contents")
        .map(|h| {
            let (number, title) = h.split_once(' ').unwrap();
            (number.to_string(), title.to_string())
        })
        .collect()
}

/// Every clause number in the numbered Markdown, in order, with the first words of its text.
fn clauses(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in markdown.lines() {
        let line = line.trim_start().trim_start_matches("- ");
        let Some((number, rest)) = line.split_once(' ') else {
            continue;
        };
        let is_number = number.contains('.')
            && number
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && number.split('.').count() >= 2;
        if is_number {
            let words: Vec<&str> = rest
                .split_whitespace()
                .take(3)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .collect();
            out.push((number.to_string(), words.join(" ")));
        }
    }
    out
}

#[test]
fn the_mash_agreement_pdf_has_contents_page_numbers_clause_numbers_and_no_empty_page() {
    if !poppler() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let files = render(&root().join("examples/mash"), out.path(), "md,pdf");
    let pdf = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("eastmoor-mash-isa-v2.0.pdf"))
        .unwrap();
    let markdown =
        std::fs::read_to_string(pdf.with_extension("md")).expect("the Markdown is written too");
    let pages = pages(pdf);
    assert!(pages.len() > 4, "{} pages", pages.len());
    let title = "Information Sharing Agreement: Eastmoor Multi-Agency Safeguarding Hub";
    let marking = "OFFICIAL-SENSITIVE PERSONAL";

    // The contents: every section heading with a page number, and that page holds it.
    // The contents page, and the pages after it that go on with dot leaders.
    let first = (0..pages.len())
        .find(|&i| pages[i].contains("Contents") && pages[i].contains(". . . . ."))
        .expect("no contents page");
    let contents_pages: Vec<usize> = (first..pages.len())
        .take_while(|&i| pages[i].contains(". . . . ."))
        .collect();
    let contents: String = contents_pages.iter().map(|&i| pages[i].clone()).collect();
    let sections = sections(&markdown);
    assert!(sections.len() > 10);
    for (number, heading) in &sections {
        let entry = format!("{number} {heading}");
        let line = contents
            .lines()
            .map(squeeze)
            .find(|l| l.starts_with(&entry))
            .unwrap_or_else(|| panic!("no contents entry for {entry}:\n{contents}"));
        // Typst puts a word joiner (U+2060) before the page number.
        let page: usize = line
            .rsplit(' ')
            .next()
            .map(|p| p.trim_start_matches('\u{2060}'))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no page number in the entry {line}"));
        let on_page = squeeze(&pages[page - 1]);
        assert!(
            on_page.contains(&entry),
            "{entry} is not on page {page}:\n{on_page}"
        );
    }

    // The body: every clause number the Markdown gives, in the same order, before its text.
    let body: String = pages[contents_pages.last().unwrap() + 1..]
        .iter()
        .map(|p| squeeze(p))
        .collect::<Vec<_>>()
        .join(" ");
    let clauses = clauses(&markdown);
    assert!(clauses.len() > 30, "{} clauses", clauses.len());
    let mut at = 0;
    for (number, words) in &clauses {
        let wanted = format!("{number} {}", words.split(' ').next().unwrap_or_default());
        let found = body[at..]
            .find(&wanted)
            .unwrap_or_else(|| panic!("clause {wanted} not found after byte {at}"));
        at += found + number.len();
    }

    // No page after the contents without body text.
    for (index, page) in pages.iter().enumerate().skip(contents_pages[0] + 1) {
        assert!(
            body_lines(page, title, marking).len() >= 3,
            "page {} has no body text:\n{page}",
            index + 1
        );
    }
    // The header and footer of every page.
    for (index, page) in pages.iter().enumerate() {
        let footer = format!(
            "{title} · Version 2.0 · Page {} of {}",
            index + 1,
            pages.len()
        );
        assert!(
            squeeze(page).contains(&footer),
            "page {}: {page}",
            index + 1
        );
        assert!(page.contains(marking));
    }
}

#[test]
fn the_pdf_is_tagged_titled_and_byte_identical_across_runs() {
    if !poppler() {
        return;
    }
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let a = render(&root().join("examples"), first.path(), "pdf");
    let b = render(&root().join("examples"), second.path(), "pdf");
    assert_eq!(a.len(), 9);
    for (a, b) in a.iter().zip(&b) {
        let bytes = std::fs::read(a).unwrap();
        assert!(
            bytes == std::fs::read(b).unwrap(),
            "{} differs between two runs",
            a.display()
        );
        let info = info(a);
        assert!(info.contains("Tagged:          yes"), "{info}");
        assert!(
            info.contains("PDF/UA") || bytes.windows(9).any(|w| w == b"pdfuaid:p"),
            "not PDF/UA: {info}"
        );
        assert!(info.contains("Title:"), "{info}");
        // The creation date is the definition's, never today.
        assert!(
            !info.contains("2026-11-22") && !info.contains("Nov 22"),
            "{info}"
        );
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("en-GB"), "no language");
    }
}

#[test]
fn source_date_epoch_sets_the_creation_date() {
    if !poppler() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(root().join("examples/mash/mash-agreement.yaml"))
        .arg(root().join("examples/mash/protocol.yaml"))
        .args(["--format", "pdf", "--today", TODAY, "--no-config", "--out"])
        .arg(out.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(output.status.success());
    let pdf = out.path().join("eastmoor-mash-isa-v2.0.pdf");
    let info = info(&pdf);
    assert!(info.contains("2023"), "{info}");
}
