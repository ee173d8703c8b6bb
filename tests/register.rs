//! Registers parse back as CSV with the right columns.

use std::path::Path;

use assert_cmd::Command;

fn register(args: &[&str]) -> String {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("register")
        .arg(base)
        .args(args)
        .args(["--no-config", "--today", "2026-11-22"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn flow_register_has_one_row_per_flow_with_the_register_columns() {
    let text = register(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "Agreement",
            "Agreement title",
            "Flow",
            "From",
            "To",
            "Purposes",
            "Data subjects",
            "Data items",
            "Data categories",
            "Article 6 basis",
            "Article 9 condition",
            "DPA 2018 Schedule 1 conditions",
            "Article 10 authority",
            "DPA 2018 Part 3 (law enforcement)",
            "Law relied on",
            "Common law duty of confidentiality",
            "Method",
            "Frequency",
            "Security measures",
            "Recipient retention",
            "Review date"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    let cell = |name: &str| &row[headers.iter().position(|h| h == name).unwrap()];
    assert_eq!(cell("Agreement"), "base-agreement");
    assert_eq!(cell("From"), "Northshire NHS Foundation Trust");
    assert_eq!(
        cell("Purposes"),
        "Planning and delivering joined-up care for the adult."
    );
    assert_eq!(
        cell("Data subjects"),
        "Adults discharged from hospital who need social care."
    );
    assert_eq!(
        cell("Data categories"),
        "personal; special category (health)"
    );
    assert!(cell("Article 9 condition").contains("UK GDPR Article 9(2)(h)"));
    assert!(cell("Law relied on").contains("Care Act 2014 s.6"));
    // No criminal offence data on this flow: the Article 10 column says nothing.
    assert_eq!(cell("Article 10 authority"), "");
    assert!(!cell("Security measures").is_empty());
    assert_eq!(
        cell("Recipient retention"),
        "8 years after the last contact"
    );
    assert_eq!(cell("Review date"), "2027-02-01");
}

#[test]
fn article_10_appears_only_on_the_flow_with_criminal_offence_data() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("register")
        .arg(examples)
        .args(["--format", "csv", "--no-config", "--today", "2026-11-22"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut criminal = 0;
    for row in reader.records().map(Result::unwrap) {
        let has_criminal = row[at("Data categories")].contains("criminal offence");
        assert_eq!(
            !row[at("Article 10 authority")].is_empty(),
            has_criminal,
            "flow {}",
            &row[at("Flow")]
        );
        criminal += usize::from(has_criminal);
        if !row[at("Data categories")].contains("special category") {
            assert_eq!(
                &row[at("Article 9 condition")],
                "",
                "flow {}",
                &row[at("Flow")]
            );
        }
    }
    assert!(
        criminal > 0,
        "the MASH example has a flow with criminal offence data"
    );
}

#[test]
fn ropa_has_the_article_30_columns() {
    let text = register(&["--ropa", "council", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "Controller",
            "Controller contact details",
            "Role",
            "Joint controllers",
            "Data protection officer",
            "Information sharing agreement",
            "Purposes of processing",
            "Categories of data subjects",
            "Categories of personal data",
            "Categories of recipients",
            "Transfers to third countries",
            "Retention and disposal",
            "Technical and organisational security measures",
            "Lawful basis"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "Northshire County Council");
    assert!(rows[0][4].starts_with("Dana Price"), "{:?}", &rows[0][4]);
    // The base agreement lists no transfers and does not say there are none.
    assert_eq!(&rows[0][10], "Not recorded");
    assert!(rows[0][11].starts_with("8 years after the last contact"));
}

#[test]
fn unknown_organisation_is_a_clear_error() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .args(["register", "--ropa", "counsil", "--no-config"])
        .arg(base)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("no protocol lists a partner with the id `counsil`")
    );
}
