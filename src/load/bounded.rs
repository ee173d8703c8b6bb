//! Reading files with a size limit that holds for every kind of file.
//!
//! A size check on `metadata().len()` alone does not bound a read: a device (`/dev/zero`),
//! a FIFO or a pipe reports a length of 0 and can supply bytes without end, and a regular file
//! can grow between the check and the read. So every read isagen makes of a file it was
//! pointed at goes through [`read_bounded`], which reads at most one byte past the limit and
//! stops there.

use std::io::Read;
use std::path::Path;

/// The largest template file accepted, in bytes.
pub const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The largest `[style] logo` image accepted, in bytes.
pub const MAX_LOGO_BYTES: u64 = 8 * 1024 * 1024;

/// The largest `isagen.toml` accepted, in bytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Why a bounded read did not return the whole file.
#[derive(Debug, thiserror::Error)]
pub enum BoundedReadError {
    /// The file could not be opened or read.
    #[error("{}", super::discover::describe_io(.0))]
    Io(#[from] std::io::Error),
    /// The path is a folder.
    #[error("this is a folder, not a file")]
    Folder,
    /// The file holds more than the limit.
    #[error("the file is larger than {}, the most isagen reads from it", describe_size(*.limit))]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
}

/// A size in bytes as a person would say it: `8 MiB`, `64 KiB`, `100 bytes`.
pub fn describe_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The bytes of the file at `path`, if it holds at most `limit` bytes. Reads at most
/// `limit + 1` bytes whatever the file is (regular file, device, FIFO, pipe), so memory stays
/// bounded by the limit.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, BoundedReadError> {
    match read_up_to(path, limit)? {
        (bytes, false) => Ok(bytes),
        (_, true) => Err(BoundedReadError::TooLarge { limit }),
    }
}

/// Like [`read_bounded`], for text: the file decoded as UTF-8 (invalid UTF-8 is an
/// [`std::io::ErrorKind::InvalidData`] error).
pub fn read_bounded_to_string(path: &Path, limit: u64) -> Result<String, BoundedReadError> {
    let bytes = read_bounded(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        BoundedReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is not valid UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ),
        ))
    })
}

/// Up to `limit` bytes of the file at `path`, and whether it holds more. At most
/// `limit + 1` bytes are read.
pub(crate) fn read_up_to(path: &Path, limit: u64) -> Result<(Vec<u8>, bool), BoundedReadError> {
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(BoundedReadError::Folder);
    }
    // The length is only a hint (0 for devices and pipes); the `take` is the bound.
    let hint = if metadata.is_file() {
        metadata.len().min(limit.saturating_add(1))
    } else {
        0
    };
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let over = bytes.len() as u64 > limit;
    if over {
        bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok((bytes, over))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_limit_on_an_endless_device() {
        let error = read_bounded(Path::new("/dev/zero"), 1000).unwrap_err();
        assert!(matches!(error, BoundedReadError::TooLarge { limit: 1000 }));
        assert_eq!(
            error.to_string(),
            "the file is larger than 1000 bytes, the most isagen reads from it"
        );
    }

    #[test]
    fn reads_a_file_within_the_limit_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "hello").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"hello");
        assert!(matches!(
            read_bounded(&path, 4),
            Err(BoundedReadError::TooLarge { .. })
        ));
        assert!(matches!(
            read_bounded(dir.path(), 4),
            Err(BoundedReadError::Folder)
        ));
        assert_eq!(describe_size(8 * 1024 * 1024), "8 MiB");
        assert_eq!(describe_size(64 * 1024), "64 KiB");
    }
}
