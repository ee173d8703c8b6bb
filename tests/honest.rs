//! Honest documents: a document never states a fact its definition does not record.
//!
//! The smallest definitions the schema accepts (`tests/fixtures/minimal/`: every optional field
//! left out) are rendered to Markdown and DOCX, and none of the favourable sentences a template
//! could print in a gap may appear; each gap is named plainly instead. The Markdown is
//! snapshotted so a reviewer can read every sentence such a document prints. The full examples,
//! whose definitions record these facts, must still say them.
//!
//! The minimal definitions break rules (no breach procedure, no signatures...), so `isagen
//! render` would refuse them; this test renders them through the library, as a template
//! author's preview would.

use std::io::Read;
use std::path::{Path, PathBuf};

use isagen::check::{self, Document, Workspace};
use isagen::config::Config;
use isagen::load::{self, ReadOutcome};
use isagen::model::Date;
use isagen::render::docx::{self, HouseStyle};
use isagen::render::markdown::MarkdownRenderer;
use isagen::render::view;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Loads every `.yaml` file of `folder`; each must pass the schema and the typed model.
fn load_folder(folder: &Path) -> Workspace {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let documents: Vec<Document> = files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            match load::parse_bytes(path, &name, bytes) {
                ReadOutcome::Parsed(file) => {
                    check::document_from(file).unwrap_or_else(|(_, diagnostics)| {
                        panic!("{name} is not valid: {diagnostics:#?}")
                    })
                }
                ReadOutcome::Invalid(_, diagnostics) => {
                    panic!("{name} does not parse: {diagnostics:#?}")
                }
            }
        })
        .collect();
    Workspace::of(
        documents,
        Config::default(),
        Date::parse("2026-11-22").unwrap(),
    )
}

/// (document id, Markdown, the text of the DOCX body) for every document in `folder`.
fn render_folder(folder: &Path, public: bool) -> Vec<(String, String, String)> {
    let workspace = load_folder(folder);
    let renderer = MarkdownRenderer::new(None).unwrap();
    workspace
        .focus
        .clone()
        .map(|index| {
            let view = if public {
                view::build_public(&workspace, index)
            } else {
                view::build(&workspace, index)
            };
            let markdown = renderer.render(&view).unwrap();
            let bytes = docx::build(&view, &markdown, &HouseStyle::default());
            (view.document.id.clone(), markdown, docx_text(&bytes))
        })
        .collect()
}

/// The text of `word/document.xml`, tags removed and runs joined, entities decoded.
fn docx_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Sentences that state a favourable fact. Each may appear only where the definition records
/// that fact, so none may appear in a document rendered from a definition that records none.
const ASSERTIVE: &[(&str, &str)] = &[
    ("transfers", "No personal data is transferred outside"),
    ("transfers", "no personal data is transferred outside"),
    ("transfers", "Occasional"),
    ("onward disclosure", "No party passes the data"),
    ("necessity", "Each is necessary for the purposes"),
    ("approval", "Not yet approved"),
    ("security", "Each party protects the data"),
    ("security", "security policies"),
    ("security", "appropriate to the risk"),
    ("responsibilities", "They divide their responsibilities"),
    ("responsibilities", "The parties are joint controllers"),
    ("essence", "The essence of this arrangement is available"),
    ("rights", "handled under the protocol"),
    ("rights", "Each partner handles rights requests"),
    ("transparency", "Each party tells people"),
    ("principles", "in line with the principles"),
    (
        "protocol",
        "whose principles, commitments and governance apply",
    ),
    ("breach", "tells the other parties within"),
    ("review", "will be reviewed by"),
    ("retention", "Retention period"),
    ("DPIA", "| Required |"),
    (
        "agreements",
        "No agreements are recorded under this protocol yet",
    ),
];

/// What a document must say plainly when the definition leaves the section out.
const PLAIN_AGREEMENT: &[&str] = &[
    "This agreement does not record whether any personal data is transferred outside the United Kingdom",
    "This agreement does not record whether, or on what terms, a party may pass the data on to a third party",
    "This agreement does not record why every item is necessary",
    "This agreement does not record security measures for the sharing as a whole",
    "This agreement does not record how long any party keeps the data",
    "This agreement does not record how individuals' rights requests and complaints are handled",
    "This agreement does not record where the parties publish privacy information",
    "This agreement does not record whether a DPIA is required",
    "This agreement does not record when it will be reviewed",
    "This agreement does not record how it is varied",
    "This agreement does not record how a party leaves it",
    "This agreement does not record what follows when a party breaches it",
    "This agreement does not record how the parties keep the data accurate",
    "No breach procedure is recorded",
    "Security: not recorded for this flow",
];

fn assert_no_assertions(id: &str, format: &str, text: &str) {
    for (topic, sentence) in ASSERTIVE {
        assert!(
            !text.contains(sentence),
            "{id} ({format}) asserts what its definition does not record ({topic}): {sentence:?}"
        );
    }
}

#[test]
fn a_minimal_definition_asserts_nothing_it_does_not_record() {
    let folder = root().join("tests/fixtures/minimal");
    for public in [false, true] {
        let rendered = render_folder(&folder, public);
        assert_eq!(rendered.len(), 3);
        for (id, markdown, docx) in &rendered {
            assert_no_assertions(id, "md", markdown);
            assert_no_assertions(id, "docx", docx);
            // Approval: a live document with no approval date does not say it is unapproved;
            // the date is not recorded.
            assert!(markdown.contains("| Approved | Not recorded |"), "{id}");
            if id != "minimal-protocol" {
                for sentence in PLAIN_AGREEMENT {
                    assert!(markdown.contains(sentence), "{id} (md) lacks {sentence:?}");
                    assert!(docx.contains(sentence), "{id} (docx) lacks {sentence:?}");
                }
            }
            if id == "minimal-jca" {
                let plain = "This agreement does not record how they divide their responsibilities";
                assert!(markdown.contains(plain) && docx.contains(plain), "{id}");
                assert!(
                    markdown.contains("does not record where the essence of the arrangement"),
                    "{id}"
                );
            }
            if id == "minimal-protocol" {
                for sentence in [
                    "This protocol does not list the data protection principles",
                    "This protocol does not record how individuals' rights requests and complaints are handled",
                    "This protocol does not list any agreements made under it",
                ] {
                    assert!(markdown.contains(sentence), "{id} (md) lacks {sentence:?}");
                    assert!(docx.contains(sentence), "{id} (docx) lacks {sentence:?}");
                }
            }
        }
    }
}

#[test]
fn minimal_renders_snapshot() {
    let folder = root().join("tests/fixtures/minimal");
    for (id, markdown, _) in render_folder(&folder, false) {
        insta::assert_snapshot!(format!("minimal__{id}"), markdown);
    }
}

#[test]
fn a_draft_without_an_approval_date_is_not_yet_approved() {
    let dir = tempfile::tempdir().unwrap();
    let folder = root().join("tests/fixtures/minimal");
    for name in ["protocol.yaml", "agreement.yaml"] {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        std::fs::write(
            dir.path().join(name),
            text.replace("status: live", "status: draft"),
        )
        .unwrap();
    }
    for (id, markdown, _) in render_folder(dir.path(), false) {
        assert!(
            markdown.contains("| Approved | Not yet approved |"),
            "{id}: {markdown}"
        );
    }
}

#[test]
fn the_examples_still_say_what_their_definitions_record() {
    let expected: &[(&str, &[&str])] = &[
        (
            "examples/mash",
            &[
                "The parties state that no personal data is transferred outside the United Kingdom under this agreement.",
                "Each is necessary for the purposes above, for the reason the table gives.",
                "Partners pass MASH information to others only to safeguard the child",
                "Technical measures:",
                "| Approved | ",
                "This agreement will be reviewed by",
                "tells the other parties within",
                "| Retention period |",
                "| Required | Yes |",
            ],
        ),
        (
            "examples/health-care-record",
            &[
                "This is an arrangement between joint controllers (UK GDPR Article 26). They divide their responsibilities as follows.",
                "The essence of this arrangement is available to individuals at:",
                "The parties state that no personal data is transferred outside the United Kingdom under this agreement.",
                "Information from the shared record is used only for the person's care",
            ],
        ),
        (
            "examples/council-charity-disclosure",
            &[
                "The parties state that no personal data is transferred outside the United Kingdom under this agreement.",
                "The charity does not pass referral data to anyone else",
                "| Decision | ",
            ],
        ),
    ];
    for (folder, sentences) in expected {
        let rendered = render_folder(&root().join(folder), false);
        let (id, markdown, docx) = rendered
            .iter()
            .find(|(id, _, _)| !id.contains("isp"))
            .unwrap();
        for sentence in *sentences {
            assert!(markdown.contains(sentence), "{id} (md) lacks {sentence:?}");
            // A table row is a row of cells in the DOCX: each cell's text must be there.
            for cell in sentence.split('|').map(str::trim).filter(|c| !c.is_empty()) {
                assert!(docx.contains(cell), "{id} (docx) lacks {cell:?}");
            }
        }
        assert!(
            !markdown.contains("does not record whether any personal data is transferred"),
            "{id}"
        );
    }
}

#[test]
fn the_public_edition_withholds_only_security_that_is_recorded() {
    let rendered = render_folder(&root().join("examples/mash"), true);
    let (_, markdown, _) = rendered
        .iter()
        .find(|(id, _, _)| id.contains("isa"))
        .unwrap();
    assert!(markdown.contains(
        "The security measures this agreement records (UK GDPR Article 32) are withheld from this public edition."
    ));
    let minimal = render_folder(&root().join("tests/fixtures/minimal"), true);
    let (_, markdown, _) = minimal
        .iter()
        .find(|(id, _, _)| id == "minimal-agreement")
        .unwrap();
    assert!(!markdown.contains("withheld from this public edition"));
}

#[test]
fn transfers_listed_beside_the_statement_that_there_are_none_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let folder = root().join("tests/fixtures/narrative");
    std::fs::copy(
        folder.join("protocol.yaml"),
        dir.path().join("protocol.yaml"),
    )
    .unwrap();
    let agreement = std::fs::read_to_string(folder.join("agreement.yaml"))
        .unwrap()
        .replace(
            "no_international_transfers:",
            "international_transfers:\n  - destination: United States\n    recipient: A cloud provider\n    mechanism: international-data-transfer-agreement\n    risk_assessment: TRA-1\nno_international_transfers:",
        );
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();
    let output = assert_cmd::Command::cargo_bin("isagen")
        .unwrap()
        .arg("validate")
        .arg(dir.path())
        .args(["--no-config", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains("error[S006]: `international_transfers` lists transfers, but `no_international_transfers` states that no personal data leaves the United Kingdom")
            && report.contains("agreement.yaml:"),
        "{report}"
    );
}
