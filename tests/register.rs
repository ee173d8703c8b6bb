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
            "Data items",
            "Data categories",
            "Legal bases",
            "Method",
            "Frequency",
            "Recipient retention",
            "Review date"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(&row[0], "base-agreement");
    assert_eq!(&row[3], "Northshire NHS Foundation Trust");
    assert_eq!(&row[6], "personal; special category (health)");
    assert!(row[7].contains("UK GDPR Article 9(2)(h)") && row[7].contains("Care Act 2014 s.6"));
    assert_eq!(&row[10], "8 years after the last contact");
    assert_eq!(&row[11], "2027-02-01");
}

#[test]
fn ropa_has_the_article_30_columns() {
    let text = register(&["--ropa", "council", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers.len(), 11);
    assert_eq!(headers[0], "Controller");
    assert_eq!(headers[3], "Purposes of processing");
    assert_eq!(headers[7], "Transfers to third countries");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "Northshire County Council");
    // The base agreement lists no transfers and does not say there are none.
    assert_eq!(&rows[0][7], "Not recorded");
    assert!(rows[0][8].starts_with("8 years after the last contact"));
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
