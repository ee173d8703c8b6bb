//! Sign-off integrity end to end: record the hash `isagen hash` prints, then change the text.

use std::path::Path;

use assert_cmd::Command;

fn isagen() -> Command {
    Command::cargo_bin("isagen").unwrap()
}

#[test]
fn a_recorded_hash_passes_until_the_signed_text_changes() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(base.join("protocol.yaml"), dir.path().join("protocol.yaml")).unwrap();
    let agreement = dir.path().join("agreement.yaml");
    std::fs::copy(base.join("agreement.yaml"), &agreement).unwrap();

    let output = isagen().arg("hash").arg(&agreement).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let hash = stdout.split_whitespace().next().unwrap().to_string();
    assert!(hash.starts_with("sha256:") && hash.len() == 71, "{stdout}");

    // Record the hash with both signatures, reformat the file and move keys around: still clean.
    let text = std::fs::read_to_string(&agreement).unwrap().replace(
        "    version: \"1.0\"\n",
        &format!("    version: \"1.0\"\n    content_hash: {hash}\n"),
    );
    let text = text.replace(
        "# A minimal agreement",
        "# Reformatted: a minimal agreement",
    );
    std::fs::write(&agreement, &text).unwrap();
    let validate = |dir: &Path| {
        isagen()
            .arg("validate")
            .arg(dir)
            .args([
                "--today",
                "2026-11-22",
                "--no-config",
                "--output-format",
                "json",
            ])
            .output()
            .unwrap()
    };
    let clean = validate(dir.path());
    assert!(
        clean.status.success(),
        "{}",
        String::from_utf8_lossy(&clean.stdout)
    );

    // Change what was agreed without a new version: an error at each recorded hash.
    std::fs::write(
        &agreement,
        text.replace("Fewer delayed discharges", "More data sharing"),
    )
    .unwrap();
    let changed = validate(dir.path());
    assert_eq!(changed.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&changed.stdout).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["D011", "D011"]);
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Validates `dir` and returns (exit code, [(code, pointer)]).
fn findings(dir: &Path) -> (i32, Vec<(String, String)>) {
    let output = isagen()
        .arg("validate")
        .arg(dir)
        .args([
            "--today",
            "2026-11-22",
            "--no-config",
            "--deny-warnings",
            "--output-format",
            "json",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let file = d["location"]["file"].as_str().unwrap();
            let file = Path::new(file).file_name().unwrap().to_string_lossy();
            (
                d["code"].as_str().unwrap().to_string(),
                format!("{file}#{}", d["location"]["pointer"].as_str().unwrap()),
            )
        })
        .collect();
    found.sort();
    (output.status.code().unwrap(), found)
}

/// A copy of the fixture set `name` under tests/fixtures/signoff, with `edit` applied to
/// each file's text.
fn copy_set(name: &str, edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = root().join("tests/fixtures/signoff").join(name);
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(dir.path().join(&file), edit(&file, text)).unwrap();
    }
    dir
}

/// The text with its top-level `acceptance:` block removed.
fn without_acceptance(text: String) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("acceptance:") {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn a_live_agreement_accepted_by_email_to_the_lead_body_is_clean() {
    let dir = root().join("tests/fixtures/signoff/held-elsewhere");
    assert_eq!(findings(&dir), (0, vec![]));
}

#[test]
fn without_the_acceptance_record_every_controller_must_sign_but_the_processor_need_not() {
    let dir = copy_set("held-elsewhere", |_, text| without_acceptance(text));
    let (code, found) = findings(dir.path());
    assert_eq!(code, 1);
    let expected: Vec<(String, String)> = [
        ("D007", "agreement.yaml#/parties/0/partner"),
        ("D007", "agreement.yaml#/parties/1/partner"),
        ("D007", "agreement.yaml#/parties/2/partner"),
        ("D007", "protocol.yaml#/partners/0/id"),
        ("D007", "protocol.yaml#/partners/1/id"),
        ("D007", "protocol.yaml#/partners/2/id"),
        ("D007", "protocol.yaml#/partners/3/id"),
        ("G012", "protocol.yaml#/partners/0/id"),
        ("G012", "protocol.yaml#/partners/1/id"),
        ("G012", "protocol.yaml#/partners/2/id"),
        ("G012", "protocol.yaml#/partners/3/id"),
    ]
    .iter()
    .map(|(c, p)| (c.to_string(), p.to_string()))
    .collect();
    assert_eq!(found, expected);
}

#[test]
fn acceptance_of_an_earlier_version_does_not_cover_the_current_one() {
    let dir = copy_set("held-elsewhere", |file, text| {
        if file == "agreement.yaml" {
            text.replace(
                "version: \"1.0\"\n      accepted_on",
                "version: \"0.9\"\n      accepted_on",
            )
        } else {
            text
        }
    });
    let (code, found) = findings(dir.path());
    assert_eq!(code, 1);
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["D007", "D007", "D007"], "{found:?}");
}

#[test]
fn a_processor_without_a_signature_is_clean_and_a_controller_is_not() {
    let dir = root().join("tests/fixtures/signoff/processor-unsigned");
    assert_eq!(findings(&dir), (0, vec![]));

    let dir = copy_set("processor-unsigned", |file, text| {
        if file == "agreement.yaml" {
            text.replace(
                "    role: processor\n    acts_for: council\n",
                "    role: controller\n",
            )
        } else {
            text
        }
    });
    let (code, found) = findings(dir.path());
    assert_eq!(code, 1);
    let signoff: Vec<&(String, String)> = found
        .iter()
        .filter(|(c, _)| c == "D007" || c == "G012")
        .collect();
    assert_eq!(
        signoff,
        [
            &(
                "D007".to_string(),
                "agreement.yaml#/parties/2/partner".to_string()
            ),
            &(
                "D007".to_string(),
                "protocol.yaml#/partners/2/id".to_string()
            ),
            &(
                "G012".to_string(),
                "protocol.yaml#/partners/2/id".to_string()
            ),
        ]
    );
}

/// Renders `inputs` to Markdown (and DOCX) in a temporary folder.
fn render(inputs: &[&Path], extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let output = isagen()
        .arg("render")
        .args(inputs)
        .args([
            "--format",
            "md,docx",
            "--today",
            "2026-11-22",
            "--no-config",
        ])
        .args(extra)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn docx_part(path: &Path, part: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(part)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn acceptance_held_elsewhere_renders_a_register_not_empty_signature_boxes() {
    let set = root().join("tests/fixtures/signoff/held-elsewhere");
    let out = render(&[&set], &[]);
    for name in [
        "west-wales-screening-isa-v1.0.md",
        "west-wales-screening-isp-v1.0.md",
    ] {
        let text = std::fs::read_to_string(out.path().join(name)).unwrap();
        assert!(text.contains("| Record held by | Public Health Wales NHS Trust |"));
        assert!(
            !text.contains("| Signature | |"),
            "{name}: empty signature boxes"
        );
        insta::assert_snapshot!(name, text);
    }
    let docx = docx_part(
        &out.path().join("west-wales-screening-isa-v1.0.docx"),
        "word/document.xml",
    );
    assert!(docx.contains("Sign-off register"));
    assert!(docx.contains("Screening Systems Ltd, processor for Public Health Wales NHS Trust"));
    assert!(docx.contains("WASPI Quality Assurance Group"));
    let protocol = docx_part(
        &out.path().join("west-wales-screening-isp-v1.0.docx"),
        "word/document.xml",
    );
    assert!(protocol.contains("Appendix: members of classes of bodies"));
    assert!(protocol.contains("Tywi Valley Surgery (ICO registration Z4567890)"));
    assert!(protocol.contains("West Wales Screening Partnership Board"));

    // The public edition keeps who holds the record and how, not the parties' references.
    let public = render(&[&set], &["--edition", "public"]);
    let text = std::fs::read_to_string(
        public
            .path()
            .join("west-wales-screening-isa-v1.0-public.md"),
    )
    .unwrap();
    assert!(text.contains("| Record held by | Public Health Wales NHS Trust |"));
    assert!(!text.contains("IG/ISA/2026/014"));
    assert!(!text.contains("Signed by the Director of Public Health"));
}

#[test]
fn a_marking_not_stated_prints_not_stated_in_the_document_and_its_header() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("tests/fixtures/base/protocol.yaml"),
        dir.path().join("protocol.yaml"),
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/rules/G023-not-stated/agreement.yaml"),
        dir.path().join("agreement.yaml"),
    )
    .unwrap();
    let out = render(&[dir.path()], &[]);
    let text = std::fs::read_to_string(out.path().join("base-agreement-v1.0.md")).unwrap();
    assert!(text.contains("| Protective marking | Not stated |"));
    assert!(text.contains("| Northshire NHS Foundation Trust | Role not stated |"));
    insta::assert_snapshot!("not-stated-agreement", text);
    let docx = out.path().join("base-agreement-v1.0.docx");
    let headers: String = (1..=3)
        .filter_map(|n| {
            let file = std::fs::File::open(&docx).unwrap();
            let mut archive = zip::ZipArchive::new(file).unwrap();
            let mut text = String::new();
            use std::io::Read;
            archive
                .by_name(&format!("word/header{n}.xml"))
                .ok()?
                .read_to_string(&mut text)
                .ok()?;
            Some(text)
        })
        .collect();
    assert!(headers.contains("Not stated"), "{headers}");
}

#[test]
fn an_owner_is_a_partner_or_a_body_not_both() {
    let dir = copy_set("held-elsewhere", |file, text| {
        if file == "protocol.yaml" {
            text.replace(
                "    body: West Wales Screening Partnership Board\n",
                "    body: West Wales Screening Partnership Board\n    partner: phw\n",
            )
        } else {
            text
        }
    });
    let output = isagen()
        .arg("validate")
        .arg(dir.path())
        .args(["--today", "2026-11-22", "--no-config"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("`document.owner` names both a `partner` and a `body`: give one of them"),
        "{text}"
    );
}

#[test]
fn a_flow_through_a_department_needs_the_body_it_is_part_of_as_a_party() {
    // With the council a party, its education service may disclose (clean, above); without
    // it, the service's flow is to a body outside the agreement.
    let dir = copy_set("held-elsewhere", |file, text| {
        if file == "agreement.yaml" {
            text.replace(
                "  - partner: county\n    role: controller\n    responsibilities: Acts through its Education and Children's Services.\n",
                "",
            )
        } else {
            text
        }
    });
    let (_, found) = findings(dir.path());
    assert!(
        found.contains(&(
            "R006".to_string(),
            "agreement.yaml#/flows/1/from".to_string()
        )),
        "{found:?}"
    );
}
