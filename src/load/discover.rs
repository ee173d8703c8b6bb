//! Finding definition files among the paths a user gives.
//!
//! A file named on the command line is always read. A folder is searched recursively, in
//! name order, for `.yaml`, `.yml` and `.json` files; hidden folders (`.git`), `target` and
//! `node_modules` are skipped, and symbolic links to folders are not followed, so a link loop
//! cannot trap the search. Files and folders a `--exclude` glob or `[files] exclude` matches
//! are left out (see [`super::select`]). Files found in folders count as definitions only if
//! they carry a top-level `schema_version` and `kind: protocol` or `kind: agreement` (see
//! [`super::select::is_definition`] and [`looks_like_definition`]), so other YAML in a
//! repository (CI configuration, Kubernetes manifests) is left alone.

use std::path::{Path, PathBuf};

use super::select::{Exclude, SkippedFile};

/// A file to read.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    /// The path to read.
    pub path: PathBuf,
    /// The name to show in diagnostics.
    pub name: String,
    /// Whether the user named the file itself (rather than a folder holding it).
    pub explicit: bool,
}

/// A path that could not be searched.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct DiscoverError {
    /// The path.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];
const SKIPPED_FOLDERS: [&str; 2] = ["target", "node_modules"];

/// The definition files under `paths`, each once, in a stable order.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Candidate>, DiscoverError> {
    discover_excluding(paths, &Exclude::default()).map(|(found, _)| found)
}

/// The definition files under `paths` that `exclude` leaves in, each once, in a stable
/// order; and the files and folders it left out, for `--verbose`.
pub fn discover_excluding(
    paths: &[PathBuf],
    exclude: &Exclude,
) -> Result<(Vec<Candidate>, Vec<SkippedFile>), DiscoverError> {
    let mut found = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        let metadata = std::fs::metadata(path).map_err(|e| DiscoverError {
            path: name.clone(),
            message: describe_io(&e),
        })?;
        if metadata.is_dir() {
            let mut walker = Walker {
                root: path,
                exclude,
                found: &mut found,
                skipped: &mut skipped,
            };
            walker.walk(path).map_err(|(p, e)| DiscoverError {
                path: p.display().to_string(),
                message: describe_io(&e),
            })?;
        } else {
            found.push(Candidate {
                path: path.clone(),
                name,
                explicit: true,
            });
        }
    }
    found.sort();
    found.dedup_by(|a, b| {
        if a.path == b.path {
            b.explicit |= a.explicit;
            true
        } else {
            false
        }
    });
    Ok((found, skipped))
}

struct Walker<'a> {
    root: &'a Path,
    exclude: &'a Exclude,
    found: &'a mut Vec<Candidate>,
    skipped: &'a mut Vec<SkippedFile>,
}

impl Walker<'_> {
    fn excluded(&mut self, path: &Path) -> bool {
        match self.exclude.matching(path, self.root) {
            Some(glob) => {
                self.skipped.push(SkippedFile {
                    name: path.display().to_string(),
                    reason: format!("excluded by `{glob}`"),
                });
                true
            }
            None => false,
        }
    }

    fn walk(&mut self, dir: &Path) -> Result<(), (PathBuf, std::io::Error)> {
        let entries = std::fs::read_dir(dir).map_err(|e| (dir.to_path_buf(), e))?;
        let mut entries: Vec<_> = entries
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| (dir.to_path_buf(), e))?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let file_type = entry.file_type().map_err(|e| (path.clone(), e))?;
            if file_type.is_dir() {
                if file_name.starts_with('.') || SKIPPED_FOLDERS.contains(&file_name.as_str()) {
                    continue;
                }
                if self.excluded(&path) {
                    continue;
                }
                self.walk(&path)?;
            } else if file_type.is_file() || (file_type.is_symlink() && path.is_file()) {
                let wanted = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
                if wanted && !self.excluded(&path) {
                    self.found.push(Candidate {
                        name: path.display().to_string(),
                        path,
                        explicit: false,
                    });
                }
            }
        }
        Ok(())
    }
}

/// Whether text found in a folder is meant as a definition: it has a top-level
/// `kind: protocol` or `kind: agreement` and a top-level `schema_version` (in YAML or JSON
/// spelling). Used for files that do not parse, so a definition with a syntax error is
/// reported rather than skipped.
pub fn looks_like_definition(text: &str) -> bool {
    let mut kind = false;
    let mut version = false;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}');
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let json = trimmed.starts_with('{') || trimmed.starts_with('"');
        let trimmed = trimmed.trim_start_matches('{').trim_start();
        if indent != 0 && !json {
            continue;
        }
        for key in ["kind", "\"kind\""] {
            if let Some(rest) = trimmed.strip_prefix(key)
                && let Some(value) = rest.trim_start().strip_prefix(':')
            {
                let value = value.trim().trim_end_matches(',').trim();
                let value = value.trim_matches(|c| c == '"' || c == '\'');
                let value = value.split_whitespace().next().unwrap_or_default();
                kind |= matches!(value, "protocol" | "agreement");
            }
        }
        version |=
            trimmed.starts_with("schema_version") || trimmed.starts_with("\"schema_version\"");
    }
    kind && version
}

/// A short, stable description of an I/O error.
pub fn describe_io(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "no such file or folder".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_definitions_by_kind_and_schema_version() {
        assert!(looks_like_definition(
            "schema_version: 1\nkind: agreement\n"
        ));
        assert!(looks_like_definition(
            "# c\nkind: protocol # x\nschema_version: 1"
        ));
        assert!(looks_like_definition(
            "{\n  \"schema_version\": 1,\n  \"kind\": \"protocol\""
        ));
        assert!(!looks_like_definition("kind: agreement\n"));
        assert!(!looks_like_definition(
            "schema_version: 1\nkind: Deployment\n"
        ));
        assert!(!looks_like_definition("jobs:\n  kind: x\n"));
        assert!(!looks_like_definition("name: ci\n"));
    }
}
