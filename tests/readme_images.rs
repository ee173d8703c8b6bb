//! The README's page images show the documents as isagen renders them today: the SHA-256 of
//! the PDF they were made from (the native engine's, the same bytes on every run) is recorded
//! beside them, and this test renders the example again and compares. When the rendering
//! changes, regenerate the images with `sh docs/images/regenerate.sh` (poppler and Pillow),
//! and look at them.

use std::path::Path;

use assert_cmd::Command;
use sha2::{Digest, Sha256};

#[test]
fn the_readme_page_images_come_from_the_current_rendering() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("isagen")
        .unwrap()
        .args(["render"])
        .arg(root.join("examples/mash"))
        .args([
            "--document",
            "eastmoor-mash-isa",
            "--format",
            "pdf",
            "--no-config",
            "--today",
            "2026-11-22",
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
    let pdf = std::fs::read(out.path().join("eastmoor-mash-isa-v2.0.pdf")).unwrap();
    let hash: String = Sha256::digest(&pdf)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let recorded =
        std::fs::read_to_string(root.join("docs/images/mash-agreement-pages.pdf.sha256")).unwrap();
    assert_eq!(
        hash,
        recorded.trim(),
        "the README's page images are out of date: run `sh docs/images/regenerate.sh` and look at docs/images/mash-agreement-pages.png"
    );
    assert!(root.join("docs/images/mash-agreement-pages.png").exists());
}
