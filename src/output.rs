//! Writing outputs safely.
//!
//! Every output goes through [`write_all`] (or [`write_atomic`] for one file), which decides
//! from what is at the target path, without following a final symbolic link:
//!
//! - **nothing**: a new file is written to a temporary file in the same folder and renamed
//!   into place, with mode `rw-r--r--`;
//! - **a regular file**: the same, keeping the old file's permission bits except
//!   setuid, setgid and sticky (`& 0o777`);
//! - **a character or block device or a FIFO** (`/dev/null`, a named pipe, a terminal): the
//!   bytes are written straight to it, as the shell's `>` would; a device is never replaced by
//!   a regular file;
//! - **a symbolic link**: to an open descriptor of this process (`/dev/stdout`, `/dev/fd/N`),
//!   written through; otherwise (to a file, device, FIFO or nothing) the link itself is
//!   replaced by a new regular file with mode `rw-r--r--`, and whatever it pointed to is left
//!   untouched, so a link planted in an output folder cannot make isagen write outside it or
//!   copy the target's permissions;
//! - **a folder or a socket**: refused.
//!
//! A target that is one of the inputs (a definition file named on the command line, one found
//! in an input folder, or any `.yaml`, `.yml` or `.json` file in an input folder, whatever the
//! case of its extension), or a link to one, is refused. So is a set whose file names collide
//! when case is ignored (they would overwrite each other on macOS and Windows), or a name
//! component longer than [`MAX_NAME_BYTES`].
//!
//! A set is written all or nothing: every check runs before anything is written, then every
//! file is staged as a temporary file beside its target, and only when all are staged are they
//! renamed into place. If anything fails, every temporary file and every folder isagen made is
//! removed; if a rename fails part way, the earlier ones are undone (a replaced file is kept
//! as a hard link under a temporary name until the set is in place; where the file system
//! refuses hard links, that one file cannot be put back). Devices and FIFOs cannot be staged:
//! they are written after every file is staged and before the renames.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The longest file name, in bytes, that common file systems accept (ext4, APFS, NTFS's 255
/// UTF-16 units are at least this many bytes for ASCII).
pub const MAX_NAME_BYTES: usize = 255;

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output would replace an input.
    #[error("{0}: refusing to overwrite an input file; choose another output path")]
    WouldOverwriteInput(String),
    /// The output path names a folder.
    #[error("{0}: is a folder; name a file to write to")]
    IsFolder(String),
    /// The output path names something isagen cannot write to.
    #[error("{path}: {what}; name a file, a device or a FIFO to write to")]
    Unwritable {
        /// The output path.
        path: String,
        /// What is there.
        what: &'static str,
    },
    /// A file name is too long for the file system.
    #[error(
        "{path}: the file name is {bytes} bytes long; file systems allow at most {MAX_NAME_BYTES}"
    )]
    NameTooLong {
        /// The output path.
        path: String,
        /// The length of its name.
        bytes: usize,
    },
    /// Two outputs would be the same file on a case-insensitive file system.
    #[error(
        "{first} and {second}: these outputs differ only in case, so one would overwrite the other on macOS and Windows"
    )]
    Collision {
        /// The first output.
        first: String,
        /// The second output.
        second: String,
    },
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

/// Writes `bytes` to `path` (see the [module docs](self) for what happens to what is there
/// already). Refuses if `path` is one of `inputs`. The folder holding `path` must exist.
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), OutputError> {
    write_all(&[(path.to_path_buf(), bytes)], inputs, false)
}

/// Writes every `(path, bytes)` of `files`, all or nothing (see the [module docs](self)).
/// Refuses if any path is one of `inputs`. With `create_folders`, missing parent folders are
/// made (and removed again if the set cannot be written).
pub fn write_all<B: AsRef<[u8]>>(
    files: &[(PathBuf, B)],
    inputs: &[PathBuf],
    create_folders: bool,
) -> Result<(), OutputError> {
    check_names(files.iter().map(|(path, _)| path.as_path()))?;
    if files.is_empty() {
        // Nothing to guard: finding every input again (a second walk of the folders and two
        // path resolutions a file) was a tenth of validating 10,000 files with no report file.
        return Ok(());
    }
    let guard = Inputs::new(inputs);
    let mut plans = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        if guard.contains(path) {
            return Err(OutputError::WouldOverwriteInput(path.display().to_string()));
        }
        plans.push((path.as_path(), bytes.as_ref(), classify(path)?));
    }
    let mut made = MadeFolders::default();
    if create_folders {
        for (path, _, _) in &plans {
            made.create(&folder_of(path))?;
        }
    }
    let result = stage_and_rename(&plans);
    if result.is_err() {
        made.remove();
    }
    result
}

/// What is at an output path, and so how to write it.
#[derive(Debug)]
enum Target {
    /// Nothing, or a symbolic link to replace: a new file with default permissions.
    New,
    /// A regular file to replace, keeping these permissions.
    Replace(std::fs::Permissions),
    /// A device, FIFO or descriptor to write straight to.
    Stream {
        /// Open with `O_APPEND` (an alias of an open descriptor, such as `/dev/stdout`).
        append: bool,
    },
}

fn classify(path: &Path) -> Result<Target, OutputError> {
    let shown = || path.display().to_string();
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        // Nothing there (a missing folder, or a file where a folder should be, is reported
        // when the folder is made or the file written).
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Target::New);
        }
        Err(e) => return Err(io_error(path, &e)),
    };
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Err(OutputError::IsFolder(shown()));
    }
    if kind.is_file() {
        return Ok(Target::Replace(kept_permissions(&metadata)));
    }
    if kind.is_symlink() {
        return match std::fs::metadata(path) {
            // A dangling link is replaced like any other.
            Err(_) => Ok(Target::New),
            Ok(followed) if followed.is_dir() => Err(OutputError::IsFolder(shown())),
            Ok(_) if is_descriptor_alias(path) => Ok(Target::Stream { append: true }),
            // Anything else, even a device or FIFO, is replaced: a link planted in an output
            // folder must not steer the output onto a disk or into another file.
            Ok(_) => Ok(Target::New),
        };
    }
    special(path, &kind).map(|()| Target::Stream { append: false })
}

/// Accepts a device or FIFO; refuses a socket (it cannot be opened as a file).
#[cfg(unix)]
fn special(path: &Path, kind: &std::fs::FileType) -> Result<(), OutputError> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_socket() {
        return Err(OutputError::Unwritable {
            path: path.display().to_string(),
            what: "is a socket",
        });
    }
    Ok(())
}

#[cfg(not(unix))]
fn special(_path: &Path, _kind: &std::fs::FileType) -> Result<(), OutputError> {
    Ok(())
}

/// Whether `path`, or a link on the way from it, is an alias of one of this process's open
/// file descriptors: `/dev/fd/N`, `/proc/self/fd/N` (what `/dev/stdout` links to on Linux).
/// When standard output is redirected to a file, `/dev/stdout` resolves to a regular file
/// that must be written, not replaced. Only those exact forms count (no `..`), so a link
/// cannot pass itself off as one to reach another file.
fn is_descriptor_alias(path: &Path) -> bool {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        if is_descriptor_path(&current) {
            return true;
        }
        let Ok(next) = std::fs::read_link(&current) else {
            return false;
        };
        current = match current.parent() {
            Some(parent) if next.is_relative() => parent.join(next),
            _ => next,
        };
    }
    false
}

fn is_descriptor_path(path: &Path) -> bool {
    use std::path::Component;
    let number = |c: &Component| {
        c.as_os_str()
            .to_str()
            .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    };
    let is = |c: &Component, name: &str| c.as_os_str() == name;
    let parts: Vec<Component> = path.components().collect();
    match parts.as_slice() {
        [Component::RootDir, dev, fd, n] => is(dev, "dev") && is(fd, "fd") && number(n),
        [Component::RootDir, proc, who, fd, n] => {
            is(proc, "proc")
                && (is(who, "self") || is(who, "thread-self") || number(who))
                && is(fd, "fd")
                && number(n)
        }
        _ => false,
    }
}

/// The permissions to give a file that replaces one with `metadata`: its permission bits,
/// never setuid, setgid or sticky.
#[cfg(unix)]
fn kept_permissions(metadata: &std::fs::Metadata) -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(metadata.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn kept_permissions(metadata: &std::fs::Metadata) -> std::fs::Permissions {
    metadata.permissions()
}

/// Refuses names longer than [`MAX_NAME_BYTES`] and names that differ only in case.
fn check_names<'a>(paths: impl Iterator<Item = &'a Path>) -> Result<(), OutputError> {
    let mut seen: HashMap<PathBuf, &Path> = HashMap::new();
    for path in paths {
        for component in path.components() {
            let bytes = component.as_os_str().len();
            if bytes > MAX_NAME_BYTES {
                return Err(OutputError::NameTooLong {
                    path: path.display().to_string(),
                    bytes,
                });
            }
        }
        let folded = folder_of(path).join(
            path.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_lowercase(),
        );
        if let Some(first) = seen.insert(folded, path) {
            return Err(OutputError::Collision {
                first: first.display().to_string(),
                second: path.display().to_string(),
            });
        }
    }
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> OutputError {
    OutputError::Io {
        path: path.display().to_string(),
        message: crate::load::discover::describe_io(e),
    }
}

/// Stages every file, writes the streams, then renames the staged files into place. A
/// temporary file not renamed is deleted when it is dropped.
fn stage_and_rename(plans: &[(&Path, &[u8], Target)]) -> Result<(), OutputError> {
    let mut staged = Vec::new();
    for (path, bytes, target) in plans {
        let permissions = match target {
            Target::Stream { .. } => continue,
            Target::Replace(permissions) => Some(permissions.clone()),
            Target::New => default_permissions(),
        };
        let io = |e: std::io::Error| io_error(path, &e);
        let mut temp = tempfile::Builder::new()
            .prefix(".isagen-")
            .suffix(".tmp")
            .tempfile_in(folder_of(path))
            .map_err(io)?;
        temp.write_all(bytes).map_err(io)?;
        if let Some(permissions) = permissions {
            temp.as_file().set_permissions(permissions).map_err(io)?;
        }
        temp.as_file().sync_all().map_err(io)?;
        staged.push((*path, temp));
    }
    for (path, bytes, target) in plans {
        if let Target::Stream { append } = target {
            let io = |e: std::io::Error| io_error(path, &e);
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .append(*append)
                .open(path)
                .map_err(io)?;
            file.write_all(bytes).map_err(io)?;
            file.flush().map_err(io)?;
        }
    }
    let mut done: Vec<(&Path, Undo)> = Vec::with_capacity(staged.len());
    for (path, temp) in staged {
        let undo = Undo::prepare(path);
        if let Err(e) = temp.persist(path) {
            // Put back what the earlier renames replaced, newest first.
            for (path, undo) in done.into_iter().rev() {
                undo.apply(path);
            }
            return Err(io_error(path, &e.error));
        }
        done.push((path, undo));
    }
    // Dropping the undo records deletes the backups.
    Ok(())
}

/// How to put back what a rename into `path` replaced, should a later rename fail.
enum Undo {
    /// Nothing was there: remove the new file.
    Remove,
    /// A regular file was there: a hard link to it under a temporary name (deleted when
    /// dropped).
    Restore(tempfile::TempPath),
    /// A symbolic link was there, to this.
    Relink(PathBuf),
    /// It cannot be put back (the file system refused a hard link).
    Keep,
}

impl Undo {
    fn prepare(path: &Path) -> Undo {
        match std::fs::symlink_metadata(path) {
            Err(_) => Undo::Remove,
            Ok(m) if m.file_type().is_symlink() => {
                std::fs::read_link(path).map_or(Undo::Keep, Undo::Relink)
            }
            Ok(_) => tempfile::Builder::new()
                .prefix(".isagen-")
                .suffix(".bak")
                .make_in(folder_of(path), |backup| std::fs::hard_link(path, backup))
                .map_or(Undo::Keep, |backup| Undo::Restore(backup.into_temp_path())),
        }
    }

    fn apply(self, path: &Path) {
        // Best effort: this runs only after a rename has already failed.
        match self {
            Undo::Remove => {
                let _ = std::fs::remove_file(path);
            }
            Undo::Restore(backup) => {
                if let Ok(backup) = backup.keep() {
                    let _ = std::fs::rename(backup, path);
                }
            }
            Undo::Relink(target) => {
                let _ = std::fs::remove_file(path);
                let _ = relink(&target, path);
            }
            Undo::Keep => {}
        }
    }
}

#[cfg(unix)]
fn relink(target: &Path, path: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, path)
}

#[cfg(not(unix))]
fn relink(_target: &Path, _path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// `rw-r--r--` for a new file, rather than the temporary file's owner-only mode.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Folders made for a set of outputs, to remove again if the set is not written.
#[derive(Default)]
struct MadeFolders(Vec<PathBuf>);

impl MadeFolders {
    fn create(&mut self, folder: &Path) -> Result<(), OutputError> {
        let mut missing = Vec::new();
        let mut current = Some(folder);
        while let Some(path) = current.filter(|p| !p.as_os_str().is_empty()) {
            if std::fs::symlink_metadata(path).is_ok() {
                break;
            }
            missing.push(path.to_path_buf());
            current = path.parent();
        }
        if missing.is_empty() {
            return Ok(());
        }
        let result = create_folder(folder);
        // Deepest last, so removing in reverse order empties each before its parent.
        self.0.extend(missing.into_iter().rev());
        result
    }

    fn remove(self) {
        for folder in self.0.iter().rev() {
            // Only empty folders go: anything else in them was not put there by isagen.
            let _ = std::fs::remove_dir(folder);
        }
    }
}

/// The files a run reads, to keep outputs off them.
struct Inputs {
    /// Input folders, canonical.
    folders: Vec<PathBuf>,
    /// Input files, each as named (its folder made canonical) and as canonical.
    files: HashSet<PathBuf>,
}

impl Inputs {
    fn new(paths: &[PathBuf]) -> Self {
        let mut folders = Vec::new();
        let mut files = HashSet::new();
        for path in paths {
            if let Ok(canonical) = path.canonicalize() {
                if canonical.is_dir() {
                    folders.push(canonical);
                } else {
                    files.extend(resolved(path));
                }
            }
        }
        // The files found in the folders, as discovery finds them: this catches a link in an
        // input folder to a definition kept elsewhere.
        for path in paths {
            if let Ok(found) = crate::load::discover::discover(std::slice::from_ref(path)) {
                for candidate in found {
                    files.extend(resolved(&candidate.path));
                }
            }
        }
        Inputs { folders, files }
    }

    /// Whether writing `path` could replace an input: it is one, links to one, or is an
    /// existing definition file (by extension, ignoring case) inside an input folder.
    fn contains(&self, path: &Path) -> bool {
        resolved(path).into_iter().any(|target| {
            self.files.contains(&target)
                || (self.folders.iter().any(|f| target.starts_with(f))
                    && target.is_file()
                    && is_definition_name(&target))
        })
    }
}

/// `path` as named (with its folder made canonical) and, if it exists, fully canonical.
fn resolved(path: &Path) -> Vec<PathBuf> {
    let mut forms = Vec::with_capacity(2);
    if let (Ok(folder), Some(name)) = (folder_of(path).canonicalize(), path.file_name()) {
        forms.push(folder.join(name));
    }
    if let Ok(canonical) = path.canonicalize() {
        forms.push(canonical);
    }
    forms
}

/// Whether `path` has an extension that folder discovery reads (`yaml`, `yml`, `json`, in
/// any case, as [`crate::load::discover`] matches them).
fn is_definition_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["yaml", "yml", "json"].contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether `path` is the file standard output writes to (`/dev/stdout`, or the file it is
/// redirected to), so a command can keep other text off it.
#[cfg(unix)]
pub fn is_stdout(path: &Path) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let Ok(target) = std::fs::metadata(path) else {
        return false;
    };
    let Ok(stdout) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    std::fs::File::from(stdout)
        .metadata()
        .is_ok_and(|out| out.dev() == target.dev() && out.ino() == target.ino())
}

/// Whether `path` is the file standard output writes to (not known off Unix).
#[cfg(not(unix))]
pub fn is_stdout(_path: &Path) -> bool {
    false
}

/// Whether `path` names the same file as one of `inputs` (or links to one), or an existing
/// definition file (`.yaml`, `.yml`, `.json`, in any case) inside an input folder.
pub fn is_input(path: &Path, inputs: &[PathBuf]) -> bool {
    Inputs::new(inputs).contains(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_over_255_bytes_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let short = dir.path().join("a.md");
        let long = dir.path().join(format!("{}.md", "x".repeat(300)));
        let error = write_all(&[(short.clone(), b"a"), (long, b"b")], &[], false).unwrap_err();
        assert!(
            matches!(error, OutputError::NameTooLong { bytes: 303, .. }),
            "{error}"
        );
        assert!(!short.exists(), "nothing is written when one name is bad");
    }

    #[test]
    fn names_that_differ_only_in_case_collide() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            (dir.path().join("MASH-isa-v1.0.md"), b"a"),
            (dir.path().join("mash-isa-v1.0.md"), b"b"),
        ];
        let error = write_all(&files, &[], false).unwrap_err();
        assert!(matches!(error, OutputError::Collision { .. }), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn upper_case_definition_extensions_in_an_input_folder_are_inputs() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["protocol.YAML", "x.Json", "y.YML"] {
            let path = dir.path().join(name);
            std::fs::write(&path, "kind: protocol\n").unwrap();
            assert!(is_input(&path, &[dir.path().to_path_buf()]), "{name}");
        }
        let other = dir.path().join("report.txt");
        std::fs::write(&other, "").unwrap();
        assert!(!is_input(&other, &[dir.path().to_path_buf()]));
    }

    #[test]
    fn only_exact_descriptor_paths_are_descriptor_aliases() {
        for path in [
            "/dev/fd/1",
            "/proc/self/fd/1",
            "/proc/123/fd/4",
            "/proc/thread-self/fd/0",
        ] {
            assert!(is_descriptor_path(Path::new(path)), "{path}");
        }
        for path in [
            "/dev/fd/../../etc/passwd",
            "/dev/fd",
            "/proc/self/fd/1/x",
            "/proc/self/mem",
            "/proc/self/fd/../mem",
            "dev/fd/1",
        ] {
            assert!(!is_descriptor_path(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn a_rename_that_fails_puts_back_what_the_earlier_ones_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let replaced = dir.path().join("a.md");
        std::fs::write(&replaced, "old").unwrap();
        let new = dir.path().join("b.md");
        // Classified as writable, then a folder that a file cannot be renamed over.
        let blocked = dir.path().join("c.md");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside"), "").unwrap();
        let plans = [
            (
                replaced.as_path(),
                b"new".as_slice(),
                classify(&replaced).unwrap(),
            ),
            (new.as_path(), b"new".as_slice(), Target::New),
            (blocked.as_path(), b"new".as_slice(), Target::New),
        ];
        assert!(stage_and_rename(&plans).is_err());
        assert_eq!(std::fs::read_to_string(&replaced).unwrap(), "old");
        assert!(!new.exists());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            ["a.md", "c.md"],
            "no temporary file or backup is left"
        );
    }

    #[test]
    fn folders_made_for_a_failed_set_are_removed_but_not_older_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut made = MadeFolders::default();
        made.create(&dir.path().join("new/deeper")).unwrap();
        assert!(dir.path().join("new/deeper").is_dir());
        made.remove();
        assert!(!dir.path().join("new").exists());
        assert!(dir.path().exists());
    }
}
