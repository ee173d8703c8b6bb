//! PDF, for publishing and signing: the DOCX converted by LibreOffice (`soffice --headless`),
//! when it is installed. isagen does not typeset PDF itself, so the PDF is exactly the Word
//! document as a real office suite lays it out.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::RenderError;

/// The LibreOffice programs looked for, in order.
const PROGRAMS: [&str; 2] = ["soffice", "libreoffice"];

/// How to install LibreOffice, for the error when it is missing.
pub const INSTALL_HINT: &str = "PDF output needs LibreOffice. Install it (Debian or Ubuntu: \
`sudo apt-get install libreoffice-writer`; Fedora: `sudo dnf install libreoffice-writer`; \
macOS: `brew install --cask libreoffice`; Windows: https://www.libreoffice.org/download/) \
and make sure `soffice` is on the PATH, or leave pdf out of --format.";

/// The LibreOffice program on the PATH, if any.
pub fn find_soffice() -> Option<&'static str> {
    PROGRAMS.into_iter().find(|program| {
        Command::new(program)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Converts DOCX bytes to PDF bytes with LibreOffice, in a private temporary folder and
/// profile (so a running LibreOffice or a damaged user profile cannot interfere).
pub fn convert(docx: &[u8], name: &str) -> Result<Vec<u8>, RenderError> {
    let program = find_soffice().ok_or_else(|| RenderError::Pdf(INSTALL_HINT.to_string()))?;
    let work = tempfile::tempdir().map_err(|e| RenderError::Pdf(e.to_string()))?;
    let input: PathBuf = work.path().join(format!("{name}.docx"));
    std::fs::write(&input, docx).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let profile = work.path().join("profile");
    let output = Command::new(program)
        .arg(format!("-env:UserInstallation={}", file_url(&profile)))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(work.path())
        .arg(&input)
        .output()
        .map_err(|e| RenderError::Pdf(format!("{program} could not be run: {e}")))?;
    let pdf = input.with_extension("pdf");
    match std::fs::read(&pdf) {
        Ok(bytes) if output.status.success() && !bytes.is_empty() => Ok(bytes),
        _ => Err(RenderError::Pdf(format!(
            "{program} did not convert {name}.docx: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))),
    }
}

fn file_url(path: &Path) -> String {
    let text = path.display().to_string().replace('\\', "/");
    if text.starts_with('/') {
        format!("file://{text}")
    } else {
        format!("file:///{text}")
    }
}
