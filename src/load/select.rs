//! Which files found in a folder are isagen's: `--exclude GLOB` and `[files] exclude` in
//! `isagen.toml`, and the test that a file is a definition at all.
//!
//! A glob is matched (with `/` as the only separator, so `*` stays within one folder, and
//! `**` spans any number) against a file's path relative to the working folder, relative to
//! each folder searched, and relative to the folder holding `isagen.toml`; a glob without a
//! `/` matches a file or folder name at any depth (as in `.gitignore`). A folder that matches
//! is not searched. A file named on the command line is always read, excluded or not.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

/// A glob that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("`{glob}` is not a usable glob: {message}")]
pub struct GlobError {
    /// The glob as written.
    pub glob: String,
    /// Why.
    pub message: String,
}

/// The exclusions in force.
#[derive(Clone, Debug, Default)]
pub struct Exclude {
    set: GlobSet,
    globs: Vec<String>,
    bases: Vec<PathBuf>,
}

impl Exclude {
    /// Builds the exclusions from `globs`, matched relative to `bases` (the working folder,
    /// the folder of `isagen.toml`) as well as to each folder searched.
    pub fn new(globs: &[String], bases: &[PathBuf]) -> Result<Exclude, GlobError> {
        let mut builder = GlobSetBuilder::new();
        for glob in globs {
            let trimmed = glob.trim_start_matches("./").trim_end_matches('/');
            let pattern = if trimmed.contains('/') {
                trimmed.to_string()
            } else {
                format!("**/{trimmed}")
            };
            let compiled = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .backslash_escape(true)
                .build()
                .map_err(|e| GlobError {
                    glob: glob.clone(),
                    message: e.kind().to_string(),
                })?;
            builder.add(compiled);
        }
        let set = builder.build().map_err(|e| GlobError {
            glob: globs.join(", "),
            message: e.to_string(),
        })?;
        let bases = bases.iter().map(|b| absolute(b)).collect();
        Ok(Exclude {
            set,
            globs: globs.to_vec(),
            bases,
        })
    }

    /// Whether nothing is excluded.
    pub fn is_empty(&self) -> bool {
        self.globs.is_empty()
    }

    /// The first glob that excludes `path` (a file or folder found below `root`, a folder
    /// the user named), if any.
    pub fn matching(&self, path: &Path, root: &Path) -> Option<&str> {
        if self.is_empty() {
            return None;
        }
        let full = absolute(path);
        let root = absolute(root);
        let relatives = self
            .bases
            .iter()
            .chain(std::iter::once(&root))
            .filter_map(|base| full.strip_prefix(base).ok())
            .filter(|relative| !relative.as_os_str().is_empty());
        for relative in relatives {
            let text = relative.to_string_lossy().replace('\\', "/");
            if let Some(index) = self.set.matches(&text).first() {
                return Some(&self.globs[*index]);
            }
        }
        None
    }
}

/// `path` made absolute against the working folder, without resolving links; `.` and `..`
/// components are dropped lexically so `./x` and `x` compare equal.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A file found in a folder and not read as a definition, with the reason, for `--verbose`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFile {
    /// The file (or folder) as shown.
    pub name: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Whether a parsed document is an isagen definition: a top-level `schema_version` together
/// with `kind: protocol` or `kind: agreement`. Other YAML with a `kind` (Kubernetes
/// manifests, say) is not.
pub fn is_definition(value: &serde_json::Value) -> bool {
    value.get("schema_version").is_some()
        && matches!(
            value.get("kind").and_then(|k| k.as_str()),
            Some("protocol" | "agreement")
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_need_schema_version_and_an_isagen_kind() {
        let yes = serde_json::json!({"schema_version": 1, "kind": "agreement"});
        let deployment = serde_json::json!({"apiVersion": "apps/v1", "kind": "Deployment"});
        let no_version = serde_json::json!({"kind": "protocol"});
        assert!(is_definition(&yes));
        assert!(!is_definition(&deployment));
        assert!(!is_definition(&no_version));
    }

    #[test]
    fn globs_match_relative_paths_and_bare_names_at_any_depth() {
        let root = std::env::current_dir().unwrap();
        let exclude = Exclude::new(
            &["k8s/**".into(), "*.draft.yaml".into()],
            std::slice::from_ref(&root),
        )
        .unwrap();
        assert_eq!(
            exclude.matching(&root.join("k8s/deploy.yaml"), &root),
            Some("k8s/**")
        );
        assert_eq!(
            exclude.matching(&root.join("a/b/x.draft.yaml"), &root),
            Some("*.draft.yaml")
        );
        assert_eq!(
            exclude.matching(&root.join("a/k8s/deploy.yaml"), &root),
            None
        );
        assert!(Exclude::new(&["[".into()], &[]).is_err());
    }
}
