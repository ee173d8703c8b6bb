//! The data flow diagram: a Mermaid block in the Markdown and a picture with alt text in the
//! DOCX for every agreement with flows, escaped whatever the names hold, legible at twenty
//! parties, and the same bytes on every run.

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn render(set: &Path) -> (tempfile::TempDir, Vec<PathBuf>) {
    render_on(set, None)
}

/// As [`render`], with rayon's pool at `threads` threads when given.
fn render_on(set: &Path, threads: Option<&str>) -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().unwrap();
    let mut command = Command::cargo_bin("isagen").unwrap();
    if let Some(threads) = threads {
        command.env("RAYON_NUM_THREADS", threads);
    }
    let output = command
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

fn part(path: &Path, name: &str) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).unwrap();
    Some(bytes)
}

fn mermaid_block(markdown: &str) -> Option<String> {
    let start = markdown.find("```mermaid\n")? + "```mermaid\n".len();
    let end = markdown[start..].find("```")? + start;
    Some(markdown[start..end].to_string())
}

/// A label's text once its entity codes and line breaks are taken out.
fn bare(label: &str) -> String {
    let mut text = label.replace("<br>", " ").replace("#quot;", "");
    while let Some(start) = text.find('#') {
        let Some(len) = text[start + 1..].find(';') else {
            break;
        };
        let code = &text[start + 1..start + 1 + len];
        assert!(
            code.chars().all(|c| c.is_ascii_digit()),
            "not an entity code: #{code};"
        );
        text.replace_range(start..start + len + 2, "");
    }
    text
}

/// Every line of the Mermaid source is a node with a quoted, escaped label or an edge between
/// numbered nodes: no name can end a label, start a statement or close the code block.
fn assert_well_formed(mermaid: &str) {
    let mut lines = mermaid.lines();
    assert_eq!(lines.next(), Some("flowchart LR"));
    for line in lines {
        let line = line
            .strip_prefix("    ")
            .unwrap_or_else(|| panic!("indented: {line}"));
        let node = |prefix: char, open: &str, close: &str| -> Option<String> {
            let rest = line.strip_prefix(prefix)?;
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            let label = rest[digits..].strip_prefix(open)?.strip_suffix(close)?;
            (digits > 0).then(|| label.to_string())
        };
        if let Some(label) = node('p', "[\"", "\"]").or_else(|| node('f', "([\"", "\"])")) {
            let text = bare(&label);
            for c in [
                '"', '#', '&', '<', '>', ';', '%', '|', '`', '[', ']', '{', '}', '\\',
            ] {
                assert!(!text.contains(c), "{c:?} unescaped in {line}");
            }
            continue;
        }
        let words: Vec<&str> = line.split(' ').collect();
        assert_eq!(words.len(), 3, "{line}");
        assert!(["---", "-->", "<-->"].contains(&words[1]), "{line}");
        for w in [words[0], words[2]] {
            assert!(
                (w.starts_with('p') || w.starts_with('f'))
                    && w.len() > 1
                    && w[1..].chars().all(|c| c.is_ascii_digit()),
                "{line}"
            );
        }
    }
}

#[test]
fn every_agreement_with_flows_has_a_diagram_in_both_formats() {
    let mut sets: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sets.sort();
    sets.push(root().join("tests/fixtures/diagram-20"));
    for set in sets {
        let (_dir, files) = render(&set);
        for file in &files {
            let name = file.file_name().unwrap().to_string_lossy().to_string();
            // An agreement's Markdown has a flows section; a protocol's (even one titled a
            // "data sharing agreement", as a Tier 1 is) has none.
            let agreement = std::fs::read_to_string(file.with_extension("md"))
                .is_ok_and(|m| m.contains(". How the data is shared\n"));
            match file.extension().and_then(|e| e.to_str()) {
                Some("md") => {
                    let markdown = std::fs::read_to_string(file).unwrap();
                    let block = mermaid_block(&markdown);
                    assert_eq!(block.is_some(), agreement, "{name}");
                    if let Some(block) = block {
                        assert_well_formed(&block);
                        // In the flows section, after its table.
                        let flows = markdown
                            .find(". How the data is shared\n")
                            .map(|at| markdown[..at].rfind("\n## ").unwrap() + 1)
                            .unwrap();
                        let at = markdown.find("```mermaid").unwrap();
                        let next = markdown[flows + 3..].find("\n## ").unwrap() + flows + 3;
                        assert!(
                            flows < at && at < next,
                            "{name}: diagram outside the flows section"
                        );
                    }
                }
                Some("docx") => {
                    let image = part(file, "word/media/rIdDiagram1.png");
                    assert_eq!(image.is_some(), agreement, "{name}");
                    if image.is_some() {
                        let xml =
                            String::from_utf8(part(file, "word/document.xml").unwrap()).unwrap();
                        let doc = roxmltree::Document::parse(&xml).unwrap();
                        let described = doc
                            .descendants()
                            .find(|n| {
                                n.tag_name().name() == "docPr"
                                    && n.attribute("name") == Some("Data flow diagram")
                            })
                            .unwrap_or_else(|| panic!("{name}: the picture has no name"));
                        let alt = described.attribute("descr").unwrap_or_default();
                        assert!(alt.starts_with("Data flow diagram of "), "{name}: {alt}");
                        assert!(
                            alt.contains(" to "),
                            "{name}: the alt text names no flow: {alt}"
                        );
                    }
                }
                _ => {}
            }
        }
    }
}

/// Twenty parties, one with a hostile name: the Mermaid is well formed, the alt text holds the
/// name as written, and the picture is shown large enough that its 13-pixel text prints at 6
/// points or more.
#[test]
fn twenty_parties_stay_legible_and_escaped() {
    let (_dir, files) = render(&root().join("tests/fixtures/diagram-20"));
    let md = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("diagram-agreement-v1.0.md"))
        .unwrap();
    let block = mermaid_block(&std::fs::read_to_string(md).unwrap()).unwrap();
    assert_well_formed(&block);
    assert_eq!(
        block
            .lines()
            .filter(|l| l.trim_start().starts_with('p') && l.contains("[\""))
            .count(),
        20
    );
    let docx = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("diagram-agreement-v1.0.docx"))
        .unwrap();
    let xml = String::from_utf8(part(docx, "word/document.xml").unwrap()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let alt = doc
        .descendants()
        .find(|n| {
            n.tag_name().name() == "docPr" && n.attribute("name") == Some("Data flow diagram")
        })
        .and_then(|n| n.attribute("descr"))
        .unwrap()
        .to_string();
    assert!(
        alt.contains(r#"Ward "A" & Sons <Care> | Ltd #1; 100% [x] {y} \ `z`"#),
        "{alt}"
    );
    assert!(
        alt.starts_with("Data flow diagram of 20 parties and 24 flows."),
        "{alt}"
    );
    // The picture's shown width (EMU) against its width in SVG pixels (1.5 PNG pixels each).
    let png = part(docx, "word/media/rIdDiagram1.png").unwrap();
    let png_width = u32::from_be_bytes(png[16..20].try_into().unwrap()) as f64;
    let extent = doc
        .descendants()
        .find(|n| n.tag_name().name() == "extent")
        .unwrap();
    let shown_points = extent.attribute("cx").unwrap().parse::<f64>().unwrap() / 12_700.0;
    let points_per_pixel = shown_points / (png_width / 1.5);
    assert!(
        13.0 * points_per_pixel >= 6.0,
        "text prints at {:.1} pt",
        13.0 * points_per_pixel
    );
}

/// Two separate runs (separate processes, so separate hash seeds) give the same bytes.
#[test]
fn the_diagram_is_the_same_on_every_run() {
    let set = root().join("tests/fixtures/diagram-20");
    let (_a, first) = render(&set);
    let (_b, second) = render(&set);
    // Drawn a strip at a time on one thread, or several at once: the same picture.
    let (_c, third) = render_on(&set, Some("1"));
    assert_eq!(first.len(), third.len());
    for (a, b) in first.iter().zip(&second).chain(first.iter().zip(&third)) {
        assert_eq!(
            std::fs::read(a).unwrap(),
            std::fs::read(b).unwrap(),
            "{}",
            a.display()
        );
    }
}
