//! Checking definitions held in memory: the texts an editor has open, with the files on disk
//! around them. The same pipeline as [`super::check_paths_keeping`] (the same order of work,
//! the same rules, the same positions), only the bytes come from the caller.

use std::path::PathBuf;
use std::sync::Arc;

use super::{CheckError, Checked, Keep, Loaded, check_loaded, classify};
use crate::config::Config;
use crate::diagnostic::Location;
use crate::load::{self, ReadOutcome, SourceFile};
use crate::model::Date;
use crate::rules::builtin;

/// One file's text, as a caller holds it.
#[derive(Clone, Debug)]
pub struct InMemory {
    /// The path the text belongs to (the file need not exist).
    pub path: PathBuf,
    /// The name to show in diagnostics.
    pub name: String,
    /// The text.
    pub text: String,
    /// Whether the file is checked whatever it holds (as a file named on the command line);
    /// otherwise a file that is not a definition is skipped, as in a folder search.
    pub explicit: bool,
}

/// Checks `files` as `validate` checks the same files on disk, keeping what `keep` says.
/// No files, or none that are definitions, gives an empty result rather than an error.
pub fn check_sources(
    files: &[InMemory],
    config: Config,
    today: Date,
    keep: Keep,
) -> Result<Checked, CheckError> {
    check_loaded(
        files.len(),
        &|i| load::yaml::peek_kind(text_of(&files[i].text)),
        &|i| Ok(load_text(&files[i])),
        config,
        today,
        keep,
        &|_, _| {},
    )
}

fn text_of(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn load_text(file: &InMemory) -> Loaded {
    if file.text.len() as u64 > load::MAX_FILE_BYTES {
        let diagnostic = builtin::SYNTAX_ERROR.diagnostic(
            Location::file_only(&file.name),
            format!(
                "the file is {} bytes; definitions larger than {} bytes are not read",
                file.text.len(),
                load::MAX_FILE_BYTES
            ),
            Some("split the definition, or check that this is the file you meant".into()),
        );
        let source = Arc::new(SourceFile::new(&file.name, &file.path, String::new()));
        return classify(
            ReadOutcome::Invalid(source, vec![diagnostic]),
            file.explicit,
        );
    }
    let outcome = load::parse_bytes(&file.path, &file.name, file.text.clone().into_bytes());
    classify(outcome, file.explicit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> InMemory {
        let path = PathBuf::from(format!("tests/fixtures/minimal/{name}"));
        InMemory {
            text: std::fs::read_to_string(&path).unwrap(),
            name: path.display().to_string(),
            path,
            explicit: true,
        }
    }

    #[test]
    fn the_same_findings_as_the_files_on_disk() {
        let today = Date::parse("2026-12-01").unwrap();
        let mut agreement = fixture("agreement.yaml");
        agreement.text = agreement.text.replace("from: trust", "from: trst");
        let protocol = fixture("protocol.yaml");
        let dir = tempfile::tempdir().unwrap();
        for file in [&agreement, &protocol] {
            let name = file.path.file_name().unwrap();
            std::fs::write(dir.path().join(name), &file.text).unwrap();
        }
        let in_memory = check_sources(
            &[agreement.clone(), protocol.clone()],
            Config::default(),
            today,
            Keep::Documents,
        )
        .unwrap();
        let on_disk = super::super::check_paths(
            &[
                dir.path().join("agreement.yaml"),
                dir.path().join("protocol.yaml"),
            ],
            Config::default(),
            today,
        )
        .unwrap();
        let strip = |c: &Checked| {
            c.diagnostics
                .iter()
                .map(|d| {
                    let file = std::path::Path::new(&d.location.file)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    (d.code, file, d.location.line, d.location.column)
                })
                .collect::<Vec<_>>()
        };
        assert!(strip(&in_memory).iter().any(|d| d.0 == "R001"));
        assert_eq!(strip(&in_memory), strip(&on_disk));
    }

    #[test]
    fn nothing_to_check_is_not_an_error() {
        let today = Date::parse("2026-12-01").unwrap();
        let checked = check_sources(&[], Config::default(), today, Keep::Documents).unwrap();
        assert_eq!(checked.files, 0);
    }
}
