//! Every Word document isagen renders is valid OOXML (ECMA-376), as an independent validator
//! sees it: `openxml-audit` (from PyPI, the version pinned in `.ci/run`), run on every DOCX
//! rendered from `examples/` and from every fixture set that validates (the base fixtures,
//! the public-edition fixtures, each rule fixture laid over the base, the house style), in
//! the full and the public edition. Zero errors is the bar: Word offers to "repair" a file
//! that fails the schema, and a partner who sees that will not sign it.
//!
//! Also checked here without the validator: the package is deflate-compressed, holds no
//! unused parts, is in British English, carries the title, marking and the definition's own
//! dates in its properties, asks Word to update the contents' page numbers on opening, and
//! links each contents entry to its heading.

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-22";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn copy_files(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

fn sorted_dirs(folder: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Renders `input` as DOCX into `out` with `extra` arguments; definitions with errors are
/// skipped by `isagen render` (exit 1), the others are written.
fn render_docx(input: &Path, out: &Path, extra: &[&str]) {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(input)
        .args(["--format", "docx", "--today", TODAY, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "render {} failed: {}",
        input.display(),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Every DOCX the examples and fixtures render to, each set in its own folder under `out`.
fn render_everything(out: &Path) -> Vec<PathBuf> {
    let fixtures = root().join("tests/fixtures");
    let house_style = root().join("tests/fixtures/house-style/isagen.toml");
    let house_style = house_style.to_str().unwrap();
    let mut sets: Vec<(String, PathBuf, Vec<&str>)> = Vec::new();
    let mut plain = sorted_dirs(&root().join("examples"));
    plain.push(fixtures.join("base"));
    plain.push(fixtures.join("public-edition"));
    for set in plain {
        let name = set.file_name().unwrap().to_string_lossy().into_owned();
        sets.push((name.clone(), set.clone(), vec!["--no-config"]));
        sets.push((
            format!("{name}-public"),
            set,
            vec!["--no-config", "--edition", "public"],
        ));
    }
    sets.push((
        "house-style".into(),
        fixtures.join("base"),
        vec!["--config", house_style],
    ));
    let overlays = tempfile::tempdir().unwrap();
    for rule in sorted_dirs(&fixtures.join("rules")) {
        let name = rule.file_name().unwrap().to_string_lossy().into_owned();
        let work = overlays.path().join(&name);
        std::fs::create_dir(&work).unwrap();
        copy_files(&fixtures.join("base"), &work);
        copy_files(&rule, &work);
        sets.push((format!("rule-{name}"), work, vec!["--no-config"]));
    }
    for (name, input, extra) in &sets {
        let folder = out.join(name);
        std::fs::create_dir(&folder).unwrap();
        render_docx(input, &folder, extra);
    }
    let mut files = Vec::new();
    for folder in sorted_dirs(out) {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "docx") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The validator's command: `openxml-audit` on the PATH, else the Python module.
fn validator() -> Option<Vec<String>> {
    let candidates: [&[&str]; 2] = [&["openxml-audit"], &["python3", "-m", "openxml_audit"]];
    candidates.into_iter().find_map(|command| {
        std::process::Command::new(command[0])
            .args(&command[1..])
            .arg("--help")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| command.iter().map(|s| s.to_string()).collect())
    })
}

#[test]
fn every_rendered_docx_passes_an_independent_ooxml_validator() {
    let Some(command) = validator() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "openxml-audit is required in CI (.ci/run installs it)"
        );
        eprintln!(
            "SKIPPED: openxml-audit is not installed (python3 -m pip install openxml-audit==0.8.0), \
             so no DOCX was checked against the OOXML schema"
        );
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let files = render_everything(out.path());
    eprintln!(
        "checking {} DOCX files with {}",
        files.len(),
        command.join(" ")
    );
    assert!(
        files.len() >= 100,
        "expected every example and fixture to render, got {} files",
        files.len()
    );
    let output = std::process::Command::new(&command[0])
        .args(&command[1..])
        .args([
            "--policy",
            "strict",
            "--max-errors",
            "0",
            "--output",
            "json",
        ])
        .arg("--recursive")
        .arg(out.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let results: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "openxml-audit did not print JSON ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let results = results.as_array().expect("a list of results");
    assert_eq!(
        results.len(),
        files.len(),
        "the validator checked every rendered file"
    );
    let mut failures = Vec::new();
    for result in results {
        let errors = result["errors"].as_array().cloned().unwrap_or_default();
        if result["valid"] != true || !errors.is_empty() {
            let first: Vec<String> = errors
                .iter()
                .take(5)
                .map(|e| {
                    format!(
                        "  {} {} {}: {}",
                        e["part_uri"], e["path"], e["node"], e["description"]
                    )
                })
                .collect();
            failures.push(format!(
                "{}: {} errors\n{}",
                result["file"],
                errors.len(),
                first.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files fail the OOXML schema:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
    assert!(
        output.status.success(),
        "openxml-audit exited with an error"
    );
}

fn render_base(out: &Path) -> PathBuf {
    render_docx(&root().join("tests/fixtures/base"), out, &["--no-config"]);
    out.join("base-agreement-v1.0.docx")
}

fn part(archive: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_package_is_compressed_complete_and_nothing_more() {
    let out = tempfile::tempdir().unwrap();
    let docx = render_base(out.path());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut names = Vec::new();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).unwrap();
        // Every XML part is deflated; a picture is compressed already, and stored as it is.
        let expected = if entry.name().ends_with(".png") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        assert_eq!(
            entry.compression(),
            expected,
            "{} is not stored as expected",
            entry.name()
        );
        names.push(entry.name().to_string());
    }
    assert_eq!(names[0], "[Content_Types].xml");
    for unused in [
        "word/comments.xml",
        "word/commentsExtended.xml",
        "word/footnotes.xml",
        "word/_rels/header1.xml.rels",
        "word/_rels/footer1.xml.rels",
    ] {
        assert!(
            !names.iter().any(|n| n == unused),
            "{unused} is still there"
        );
    }
    assert!(names.iter().any(|n| n == "word/theme/theme1.xml"));
    let types = part(&mut archive, "[Content_Types].xml");
    let rels = part(&mut archive, "word/_rels/document.xml.rels");
    for text in [&types, &rels] {
        assert!(!text.contains("comments") && !text.contains("footnotes"));
    }
    // The only image is the data flow diagram; an image content type only with an image.
    let media: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("word/media/"))
        .collect();
    assert_eq!(media, vec!["word/media/rIdDiagram1.png"]);
    assert!(
        types.contains("image/png"),
        "an image needs its content type"
    );
    let mut size = 0;
    for index in 0..archive.len() {
        let entry = archive.by_index(index).unwrap();
        if !entry.name().starts_with("word/media/") {
            size += entry.compressed_size();
        }
    }
    assert!(size < 40_000, "{size} bytes: the parts are not deflated");
}

#[test]
fn properties_carry_title_marking_language_and_the_definitions_dates() {
    let out = tempfile::tempdir().unwrap();
    let docx = render_base(out.path());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let core = part(&mut archive, "docProps/core.xml");
    let custom = part(&mut archive, "docProps/custom.xml");
    let styles = part(&mut archive, "word/styles.xml");
    assert!(core.contains("<dc:title>Base Information Sharing Agreement</dc:title>"));
    assert!(core.contains("<cp:category>OFFICIAL-SENSITIVE PERSONAL</cp:category>"));
    assert!(
        custom.contains(r#"name="Protective marking"><vt:lpwstr>OFFICIAL-SENSITIVE PERSONAL<"#)
    );
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(styles.contains(r#"<w:lang w:val="en-GB""#));
    assert!(!core.contains("1980") && !core.contains("1970"), "{core}");
    // The base agreement's version history dates version 1.0 on 10 January 2026.
    assert!(
        core.contains(">2026-01-10T00:00:00Z</dcterms:modified>"),
        "{core}"
    );
    let entry = archive.by_name("word/document.xml").unwrap();
    let modified = entry.last_modified().unwrap();
    assert_eq!(
        (modified.year(), modified.month(), modified.day()),
        (2026, 1, 10),
        "the zip entries carry the document's date too"
    );
}

#[test]
fn word_updates_the_contents_page_numbers_and_entries_link_to_headings() {
    let out = tempfile::tempdir().unwrap();
    let docx = render_base(out.path());
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let settings = part(&mut archive, "word/settings.xml");
    let document = part(&mut archive, "word/document.xml");
    assert!(settings.contains(r#"<w:updateFields w:val="true" />"#));
    assert!(document.contains(r#"<w:hyperlink w:anchor="_Toc000001""#));
    assert!(document.contains(r#"<w:bookmarkStart w:id="1" w:name="_Toc000001" />"#));
    // Every contents entry is a link to a bookmark that exists.
    let anchors: Vec<&str> = document
        .split(r#"<w:hyperlink w:anchor=""#)
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert!(anchors.len() > 5);
    for anchor in anchors {
        assert!(
            document.contains(&format!(r#"w:name="{anchor}""#)),
            "{anchor} has no bookmark"
        );
    }
}
