//! Clause numbers are the same in the Markdown (as text) and the Word document (Word
//! numbering, linked to the heading and clause styles): the numbers Word shows, worked out
//! from the document's numbering levels as Word counts them, are the numbers the Markdown
//! prints, in the same order, for every example.

use std::io::Read;
use std::path::Path;

use assert_cmd::Command;

const TODAY: &str = "2026-11-22";
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn part(docx: &Path, name: &str) -> String {
    let file = std::fs::File::open(docx).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The numbers in the Markdown: headings (`## 4. Security`) and clauses (`4.1 …`, `- 4.1.2 …`).
fn markdown_numbers(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in markdown.lines() {
        let heading = line.trim_start_matches('#');
        if heading.len() != line.len() {
            let first = heading.trim_start().split(' ').next().unwrap_or_default();
            let section = first
                .strip_suffix('.')
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if section || is_number(first) {
                out.push(first.to_string());
            }
            continue;
        }
        let line = line.trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line);
        if let Some((number, _)) = line.split_once(' ')
            && is_number(number)
        {
            out.push(number.to_string());
        }
    }
    out
}

fn is_number(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// The numbers Word shows: every paragraph numbered with the heading and clause list, counted
/// level by level (a higher level restarts the lower ones).
fn word_numbers(document: &str, styles: &str) -> Vec<String> {
    let styles = roxmltree::Document::parse(styles).unwrap();
    // The list level each style is linked to.
    let mut style_levels = std::collections::HashMap::new();
    for style in styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
    {
        let id = style
            .attribute((W, "styleId"))
            .unwrap_or_default()
            .to_string();
        if let Some(num_pr) = style.descendants().find(|n| n.has_tag_name((W, "numPr"))) {
            let num_id = child_val(num_pr, "numId");
            let level: usize = child_val(num_pr, "ilvl").map_or(0, |v| v.parse().unwrap());
            if num_id.as_deref() == Some("2") {
                style_levels.insert(id, level);
            }
        }
    }
    let document = roxmltree::Document::parse(document).unwrap();
    let mut counters = [0usize; 9];
    let mut out = Vec::new();
    for paragraph in document.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let Some(properties) = paragraph.children().find(|n| n.has_tag_name((W, "pPr"))) else {
            continue;
        };
        let style = properties
            .children()
            .find(|n| n.has_tag_name((W, "pStyle")))
            .and_then(|n| n.attribute((W, "val")))
            .unwrap_or_default();
        let direct = properties.children().find(|n| n.has_tag_name((W, "numPr")));
        let level = match direct {
            Some(num_pr) if child_val(num_pr, "numId").as_deref() != Some("2") => continue,
            Some(num_pr) => child_val(num_pr, "ilvl").map_or(0, |v| v.parse().unwrap()),
            None => match style_levels.get(style) {
                Some(&level) => level,
                None => continue,
            },
        };
        counters[level] += 1;
        counters[level + 1..].iter_mut().for_each(|c| *c = 0);
        let parts: Vec<String> = counters[..=level].iter().map(|c| c.to_string()).collect();
        out.push(if level == 0 {
            format!("{}.", parts[0])
        } else {
            parts.join(".")
        });
    }
    out
}

fn child_val(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name((W, name)))
        .and_then(|n| n.attribute((W, "val")))
        .map(str::to_string)
}

#[test]
fn word_numbers_every_clause_as_the_markdown_does() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
        .args([
            "--format",
            "md,docx",
            "--today",
            TODAY,
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
    let mut checked = 0;
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "docx") {
            continue;
        }
        let markdown = std::fs::read_to_string(path.with_extension("md")).unwrap();
        let expected = markdown_numbers(&markdown);
        assert!(expected.len() > 20, "{}: {expected:?}", path.display());
        let shown = word_numbers(
            &part(&path, "word/document.xml"),
            &part(&path, "word/styles.xml"),
        );
        assert_eq!(shown, expected, "{}", path.display());
        checked += 1;
    }
    assert_eq!(checked, 9);
}

#[test]
fn the_clause_styles_are_linked_to_the_numbering() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/mash"))
        .args(["--format", "docx", "--today", TODAY, "--no-config", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(output.status.success());
    let docx = out.path().join("eastmoor-mash-isa-v2.0.docx");
    let styles = part(&docx, "word/styles.xml");
    for (id, name) in [("Clause2", "Clause 1.1"), ("Clause3", "Clause 1.1.1")] {
        let at = styles
            .find(&format!("w:styleId=\"{id}\""))
            .unwrap_or_else(|| panic!("no style {id}"));
        let style = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(style.contains(&format!("w:val=\"{name}\"")), "{style}");
        assert!(style.contains("<w:numId w:val=\"2\""), "{style}");
    }
    let numbering = part(&docx, "word/numbering.xml");
    assert!(
        numbering.contains("<w:pStyle w:val=\"Heading1\""),
        "{numbering}"
    );
}
