//! `isagen render`: Markdown snapshots, DOCX structure read back, byte-identical reruns, safe
//! handling of hostile text, and a real consumer (LibreOffice) opening every DOCX.

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

const TODAY: &str = "2026-11-22";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Renders `inputs` into a new temporary folder and returns it with the files written.
fn render(inputs: &[&Path], formats: &str) -> (tempfile::TempDir, Vec<PathBuf>) {
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .args(inputs)
        .args([
            "--format",
            formats,
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
        "render failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    (out, files)
}

/// Every example set (and the clean base and narrative fixtures) as a list of folders.
fn document_sets() -> Vec<PathBuf> {
    let mut sets = vec![
        root().join("tests/fixtures/base"),
        root().join("tests/fixtures/nations"),
        root().join("tests/fixtures/narrative"),
    ];
    if let Ok(entries) = std::fs::read_dir(root().join("examples")) {
        let mut examples: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        examples.sort();
        sets.extend(examples);
    }
    // The shapes real documents take: a Tier 2 agreement adopting its protocol's provisions,
    // a stand-alone agreement under an external framework.
    if let Ok(entries) = std::fs::read_dir(root().join("tests/fixtures/structures")) {
        let mut structures: Vec<PathBuf> = entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        structures.sort();
        sets.extend(structures);
    }
    sets
}

fn docx_part(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(part).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

#[test]
fn markdown_snapshots() {
    for set in document_sets() {
        let (_dir, files) = render(&[&set], "md");
        for file in files {
            let name = format!(
                "{}__{}",
                set.file_name().unwrap().to_string_lossy(),
                file.file_name().unwrap().to_string_lossy()
            );
            let text = std::fs::read_to_string(&file).unwrap();
            insta::assert_snapshot!(name, text);
        }
    }
}

#[test]
fn docx_structure_reads_back() {
    for set in document_sets() {
        let (_dir, files) = render(&[&set], "docx");
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            docx_rs::read_docx(&bytes)
                .unwrap_or_else(|e| panic!("{} does not read back: {e:?}", file.display()));
            let document = docx_part(&file, "word/document.xml");
            let header = docx_part(&file, "word/header1.xml");
            let footer = docx_part(&file, "word/footer1.xml");
            let core = docx_part(&file, "docProps/core.xml");
            let name = file.display();
            assert!(
                document.contains(r#"<w:pStyle w:val="Heading1" />"#),
                "{name}: no numbered headings"
            );
            assert!(
                document.contains(r#"<w:numId w:val="2" />"#),
                "{name}: headings are not numbered"
            );
            assert!(
                document.contains("<w:tblHeader />"),
                "{name}: no repeating header rows"
            );
            assert!(
                document.contains(r#"TOC \o"#) && document.contains("PAGEREF _Toc000001"),
                "{name}: no table of contents"
            );
            assert!(
                document.contains(">Signatures<"),
                "{name}: no signatures section"
            );
            // Acceptance held elsewhere prints a sign-off register instead of empty boxes.
            assert!(
                document.contains(">Version signed<") || document.contains(">Record held by<"),
                "{name}: no signature block or sign-off register"
            );
            assert!(
                header.contains("OFFICIAL"),
                "{name}: no protective marking in the header"
            );
            assert!(
                footer.contains("PAGE") && footer.contains("NUMPAGES"),
                "{name}: no Page X of Y"
            );
            assert!(
                core.contains("<dc:title>") && core.contains("<dc:subject>"),
                "{name}: no properties"
            );
            // The dates are the definition's own (tests/ooxml.rs), never the wall clock or
            // the zip epoch.
            assert!(
                !core.contains("1970") && !core.contains("1980-01-01"),
                "{name}: unexpected dates"
            );
        }
    }
}

#[test]
fn rerendering_gives_identical_bytes_whatever_the_order() {
    let base = root().join("tests/fixtures/base");
    let (_a, first) = render(
        &[&base.join("agreement.yaml"), &base.join("protocol.yaml")],
        "md,docx",
    );
    let (_b, second) = render(
        &[&base.join("protocol.yaml"), &base.join("agreement.yaml")],
        "docx,md",
    );
    assert_eq!(first.len(), 4);
    for (a, b) in first.iter().zip(&second) {
        assert_eq!(a.file_name(), b.file_name());
        assert!(
            std::fs::read(a).unwrap() == std::fs::read(b).unwrap(),
            "{} differs between runs",
            a.display()
        );
    }
    // A document rendered alone is byte-identical to the same document rendered with others.
    let (_c, alone) = render(
        &[&base.join("protocol.yaml"), &base.join("agreement.yaml")],
        "docx",
    );
    let agreement_alone = alone
        .iter()
        .find(|p| p.to_string_lossy().contains("agreement"))
        .unwrap();
    let agreement_first = first
        .iter()
        .find(|p| p.to_string_lossy().ends_with("agreement-v1.0.docx"))
        .unwrap();
    assert_eq!(
        std::fs::read(agreement_alone).unwrap(),
        std::fs::read(agreement_first).unwrap()
    );
}

#[test]
fn hostile_text_renders_faithfully_and_safely() {
    let dir = tempfile::tempdir().unwrap();
    let base = root().join("tests/fixtures/base");
    std::fs::copy(base.join("protocol.yaml"), dir.path().join("protocol.yaml")).unwrap();
    let hostile = "Pipes | hashes # <b>tags</b> & ampersands *stars* [link](http://x) \u{1} emoji \u{1F510} and \u{5E2}\u{5D1}\u{5E8}\u{5D9}\u{5EA}";
    let agreement = std::fs::read_to_string(base.join("agreement.yaml"))
        .unwrap()
        .replace(
            "Needed to identify the person and arrange visits.",
            &format!("\"{}\"", hostile.replace('\u{1}', "\\x01")),
        );
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    let (_out, files) = render(&[dir.path()], "md,docx");
    let markdown = std::fs::read_to_string(
        files
            .iter()
            .find(|f| f.to_string_lossy().ends_with("agreement-v1.0.md"))
            .unwrap(),
    )
    .unwrap();
    let row = markdown.lines().find(|l| l.contains("Pipes")).unwrap();
    // The table row keeps its four cells: the pipe in the text is escaped, so the row has
    // exactly five unescaped pipes.
    let unescaped = row
        .char_indices()
        .filter(|&(i, c)| c == '|' && !row[..i].ends_with('\\'))
        .count();
    assert_eq!(unescaped, 5, "{row}");
    assert!(row.contains("\\<b\\>tags\\</b\\>"), "{row}");
    assert!(row.contains("\\[link\\]"), "{row}");
    assert!(
        row.contains('\u{1F510}') && row.contains('\u{5E2}'),
        "{row}"
    );
    assert!(!row.contains('\u{1}'), "control characters are removed");
    let docx = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("agreement-v1.0.docx"))
        .unwrap();
    let document = docx_part(docx, "word/document.xml");
    assert!(
        document.contains("&lt;b&gt;tags&lt;/b&gt; &amp; ampersands"),
        "XML is escaped"
    );
    assert!(document.contains('\u{1F510}') && document.contains('\u{5E2}'));
    assert!(!document.contains('\u{1}'));
    docx_rs::read_docx(&std::fs::read(docx).unwrap()).expect("the document still reads back");
}

#[test]
fn libreoffice_converts_every_docx_to_pdf() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|name| {
        std::process::Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is required in CI (.ci/run installs it)"
        );
        eprintln!(
            "SKIPPED: LibreOffice (soffice) is not installed, so no DOCX was opened by a real consumer"
        );
        return;
    };
    for set in document_sets() {
        let (dir, files) = render(&[&set], "docx");
        let profile = tempfile::tempdir().unwrap();
        let status = std::process::Command::new(soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.path().display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .args(&files)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "soffice failed: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        for file in &files {
            let pdf = file.with_extension("pdf");
            let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
            assert!(
                size > 1000,
                "{} was not converted (pdf {size} bytes)",
                file.display()
            );
        }
    }
}

/// Renders the base fixtures with the house style in `tests/fixtures/house-style`.
fn render_with_house_style(out: &Path) -> std::process::Output {
    Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(root().join("tests/fixtures/base"))
        .args(["--format", "docx", "--today", TODAY, "--config"])
        .arg(root().join("tests/fixtures/house-style/isagen.toml"))
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn house_style_sets_font_colour_organisation_and_logo_deterministically() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    assert!(render_with_house_style(first.path()).status.success());
    assert!(render_with_house_style(second.path()).status.success());
    let docx = first.path().join("base-agreement-v1.0.docx");
    let document = docx_part(&docx, "word/document.xml");
    let styles = docx_part(&docx, "word/styles.xml");
    assert!(document.contains("Northshire Information Sharing Partnership"));
    assert!(
        document.contains(r#"r:embed="rIdImage1""#),
        "the logo is on the title page"
    );
    assert!(styles.contains("006B3F") && styles.contains("Calibri"));
    let archive = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    assert!(
        archive
            .file_names()
            .any(|n| n == "word/media/rIdImage1.png")
    );
    for name in ["base-agreement-v1.0.docx", "base-protocol-v1.0.docx"] {
        assert_eq!(
            std::fs::read(first.path().join(name)).unwrap(),
            std::fs::read(second.path().join(name)).unwrap(),
            "{name} differs between runs"
        );
    }
}

#[test]
fn pdf_without_libreoffice_says_how_to_install_it() {
    let out = tempfile::tempdir().unwrap();
    let empty_path = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(root().join("tests/fixtures/base"))
        .args([
            "--format",
            "pdf",
            "--pdf-engine",
            "libreoffice",
            "--today",
            TODAY,
            "--no-config",
            "--out",
        ])
        .arg(out.path())
        .env("PATH", empty_path.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("PDF output needs LibreOffice")
            && stderr.contains("apt-get install libreoffice-writer"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "nothing is written"
    );
}

#[test]
fn render_skips_definitions_with_errors_and_never_overwrites_inputs() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(root().join("tests/fixtures/invalid"))
        .args(["--format", "md", "--today", TODAY, "--no-config", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("error[L001]") && stderr.contains("not rendering"),
        "{stderr}"
    );
    let written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        written,
        ["base-protocol-v1.0.md"],
        "only the clean protocol is rendered"
    );

    // An output folder that is the input folder would overwrite nothing: names differ, but a
    // definition file can never be the target.
    let dir = tempfile::tempdir().unwrap();
    let definition = dir.path().join("base-protocol-v1.0.md");
    std::fs::copy(
        root().join("tests/fixtures/base/protocol.yaml"),
        &definition,
    )
    .unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(&definition)
        .args(["--format", "md", "--today", TODAY, "--no-config", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("refusing to overwrite an input file")
    );
    assert_eq!(
        std::fs::read(&definition).unwrap(),
        std::fs::read(root().join("tests/fixtures/base/protocol.yaml")).unwrap()
    );
}

#[test]
fn public_edition_withholds_contact_details_and_security_specifics() {
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("render")
        .arg(root().join("tests/fixtures/base"))
        .args([
            "--edition",
            "public",
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
    let markdown =
        std::fs::read_to_string(out.path().join("base-agreement-v1.0-public.md")).unwrap();
    let document = docx_part(
        &out.path().join("base-agreement-v1.0-public.docx"),
        "word/document.xml",
    );
    for text in [&markdown, &document] {
        // The DPO's contact details are published (UK GDPR Article 37(7)); another contact's
        // email is not, even a team's: nothing in the model says it is not a named person's.
        assert!(text.contains("dpo@northshire.example") && text.contains("dpo@trust.example"));
        assert!(!text.contains("ig@northshire.example"));
        assert!(
            !text.contains("Role-based access over the encrypted"),
            "flow security is withheld"
        );
        assert!(!text.contains("OFFICIAL-SENSITIVE"));
        assert!(text.contains("Dana Price"), "names stay");
        assert!(text.contains("Withheld from the public edition"));
    }
}

#[test]
fn the_rendered_example_in_docs_is_current() {
    let (_dir, files) = render(&[&root().join("examples/mash")], "md");
    let rendered = files
        .iter()
        .find(|f| f.to_string_lossy().ends_with("eastmoor-mash-isa-v2.0.md"))
        .unwrap();
    let committed = root().join("docs/example/eastmoor-mash-isa-v2.0.md");
    assert!(
        std::fs::read(rendered).unwrap() == std::fs::read(&committed).unwrap(),
        "docs/example is out of date: run `cargo run -- render examples/mash --format md --out docs/example` and delete the protocol file it writes"
    );
}

/// Every top-level section of each example removed in turn: whatever is still valid renders
/// (the render fuzzer found that an agreement without `termination` failed in strict mode).
#[test]
fn every_optional_section_can_be_left_out() {
    for set in document_sets() {
        let files: Vec<PathBuf> = std::fs::read_dir(&set)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            let starts: Vec<usize> = (0..lines.len())
                .filter(|&i| {
                    let line = lines[i];
                    line.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                        && line.contains(':')
                })
                .collect();
            for (n, &start) in starts.iter().enumerate() {
                let end = starts.get(n + 1).copied().unwrap_or(lines.len());
                let key = lines[start].split(':').next().unwrap();
                // Without `kind` or `schema_version` a set of one file holds no definition
                // at all (a folder search reads only files with both).
                if (key == "kind" || key == "schema_version") && files.len() == 1 {
                    continue;
                }
                let dir = tempfile::tempdir().unwrap();
                for other in &files {
                    let name = other.file_name().unwrap();
                    let content = if other == file {
                        let mut kept: Vec<&str> = lines[..start].to_vec();
                        kept.extend(&lines[end..]);
                        kept.join("\n")
                    } else {
                        std::fs::read_to_string(other).unwrap()
                    };
                    std::fs::write(dir.path().join(name), content).unwrap();
                }
                let output = Command::cargo_bin("isagen")
                    .unwrap()
                    .arg("render")
                    .arg(dir.path())
                    .args(["--no-config", "--today", "2026-11-22", "--format", "md"])
                    .arg("--out")
                    .arg(dir.path().join("out"))
                    .output()
                    .unwrap();
                assert_ne!(
                    output.status.code(),
                    Some(2),
                    "{} without `{key}`: {}",
                    file.display(),
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        }
    }
}
