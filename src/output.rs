//! Writing outputs safely: every file is written to a temporary file beside it and renamed
//! into place, so an interrupted run never leaves a truncated file, and no output may replace
//! one of the definitions being read.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would replace an input.
    #[error("{0}: refusing to overwrite an input file; choose another output path")]
    WouldOverwriteInput(String),
    /// The output folder could not be created.
    #[error("{path}: cannot create the output folder: {message}")]
    Folder {
        /// The folder.
        path: String,
        /// Why.
        message: String,
    },
    /// Writing failed.
    #[error("{path}: cannot write: {message}")]
    Io {
        /// The output path.
        path: String,
        /// Why.
        message: String,
    },
}

/// Creates the output folder `path` and any missing parents.
pub fn create_folder(path: &Path) -> Result<(), OutputError> {
    std::fs::create_dir_all(path).map_err(|e| OutputError::Folder {
        path: path.display().to_string(),
        message: crate::load::discover::describe_io(&e),
    })
}

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
/// Refuses if `path` is one of `inputs`.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    if is_input(path, inputs) {
        return Err(OutputError::WouldOverwriteInput(shown));
    }
    let io_error = |e: std::io::Error| OutputError::Io {
        path: shown.clone(),
        message: crate::load::discover::describe_io(&e),
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".isagen-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(io_error)?;
    temp.write_all(bytes).map_err(io_error)?;
    // Keep the permissions of a file being replaced; a new file gets the usual rw-r--r--
    // rather than the temporary file's owner-only mode.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(temp.as_file()).map_err(io_error)?,
    };
    temp.as_file()
        .set_permissions(permissions)
        .map_err(io_error)?;
    temp.as_file().sync_all().map_err(io_error)?;
    temp.persist(path).map_err(|e| io_error(e.error))?;
    Ok(())
}

/// Whether `path` names the same file as one of `inputs`, or an existing definition file
/// (`.yaml`, `.yml`, `.json`) inside an input folder.
pub fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    let Ok(target) = path.canonicalize().or_else(|_| {
        path.parent()
            .map_or(Err(std::io::ErrorKind::NotFound.into()), |p| {
                let parent = if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                };
                parent
                    .canonicalize()
                    .map(|c| c.join(path.file_name().unwrap_or_default()))
            })
    }) else {
        return false;
    };
    inputs.iter().any(|input| {
        input.canonicalize().is_ok_and(|input| {
            if input.is_dir() {
                target.starts_with(&input)
                    && target.is_file()
                    && target
                        .extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
            } else {
                input == target
            }
        })
    })
}

#[cfg(unix)]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = file.metadata()?.permissions();
    permissions.set_mode(0o644);
    Ok(permissions)
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}
