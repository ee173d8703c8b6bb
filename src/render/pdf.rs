//! PDF, for publishing and signing: the DOCX converted by LibreOffice (`soffice --headless`),
//! when it is installed. isagen does not typeset PDF itself, so the PDF is exactly the Word
//! document as a real office suite lays it out.
//!
//! Each conversion runs in a private work folder (mode 0700 on Unix, made in the system's
//! temporary folder, `TMPDIR`) holding the copy of the document (mode 0600), LibreOffice's own
//! profile (`-env:UserInstallation`, so a running LibreOffice or a damaged user profile cannot
//! interfere) and the PDF. LibreOffice runs in a process group of its own, with a time limit
//! ([`TIMEOUT_VARIABLE`], default [`DEFAULT_TIMEOUT`]); when the conversion ends for any reason
//! (done, failed, timed out, or isagen is interrupted by SIGINT, SIGTERM or SIGHUP) the whole
//! group is killed and the folder removed. Only SIGKILL of isagen itself (which no program can
//! catch) leaves anything behind: the private folder, readable by its owner alone, and
//! LibreOffice until it exits.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::RenderError;

/// The LibreOffice programs looked for, in order.
const PROGRAMS: [&str; 2] = ["soffice", "libreoffice"];

/// The environment variable that sets the time limit for one conversion, in whole seconds.
pub const TIMEOUT_VARIABLE: &str = "ISAGEN_PDF_TIMEOUT";

/// How long one conversion may take when [`TIMEOUT_VARIABLE`] is not set. A first start of
/// LibreOffice with a fresh profile takes a few seconds; a long agreement well under a minute.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// How to install LibreOffice, for the error when it is missing.
pub const INSTALL_HINT: &str = "PDF output needs LibreOffice. Install it (Debian or Ubuntu: \
`sudo apt-get install libreoffice-writer`; Fedora: `sudo dnf install libreoffice-writer`; \
macOS: `brew install --cask libreoffice`; Windows: https://www.libreoffice.org/download/) \
and make sure `soffice` is on the PATH, or leave pdf out of --format.";

/// The LibreOffice program on the PATH, if any (looked for once per run).
pub fn find_soffice() -> Option<&'static str> {
    static FOUND: OnceLock<Option<&'static str>> = OnceLock::new();
    *FOUND.get_or_init(|| {
        PROGRAMS.into_iter().find(|program| {
            let mut command = Command::new(program);
            command
                .arg("--version")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            Group::spawn(command).is_ok_and(|mut group| {
                group
                    .wait_until(Instant::now() + Duration::from_secs(30))
                    .is_ok_and(|status| status.is_some_and(|s| s.success()))
            })
        })
    })
}

/// The time limit for one conversion: [`TIMEOUT_VARIABLE`] if set, else [`DEFAULT_TIMEOUT`].
pub fn timeout() -> Result<Duration, RenderError> {
    match std::env::var(TIMEOUT_VARIABLE) {
        Err(_) => Ok(DEFAULT_TIMEOUT),
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(seconds) if seconds > 0 => Ok(Duration::from_secs(seconds)),
            _ => Err(RenderError::Pdf(format!(
                "{TIMEOUT_VARIABLE}=`{text}` is not a whole number of seconds above 0; set it \
                 to, for example, 300, or unset it for the default of {} seconds",
                DEFAULT_TIMEOUT.as_secs()
            ))),
        },
    }
}

/// Converts DOCX bytes to PDF bytes with LibreOffice; `name` (the output's file name without
/// extension) names the document in errors.
pub fn convert(docx: &[u8], name: &str) -> Result<Vec<u8>, RenderError> {
    let program = find_soffice().ok_or_else(|| RenderError::Pdf(INSTALL_HINT.to_string()))?;
    let limit = timeout()?;
    let fail = |what: String| RenderError::Pdf(format!("PDF for {name}: {what}"));
    let work = WorkFolder::new()
        .map_err(|e| fail(format!("could not make a private temporary folder: {e}")))?;
    let input = format!("{name}.docx");
    write_private(&work.path.join(&input), docx)
        .map_err(|e| fail(format!("could not write the document to convert: {e}")))?;
    let errors = work.path.join("stderr.txt");
    let errors_file = create_private(&errors).map_err(|e| {
        fail(format!(
            "could not make a file for LibreOffice's messages: {e}"
        ))
    })?;
    let profile = std::path::absolute(work.path.join("profile"))
        .map_err(|e| fail(format!("could not name LibreOffice's profile folder: {e}")))?;
    let mut command = Command::new(program);
    // The document and output folder are named relative to the work folder, so no character
    // of TMPDIR reaches LibreOffice's command line except in the percent-encoded profile URL.
    command
        .arg(format!("-env:UserInstallation={}", file_url(&profile)))
        .args([
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            ".",
        ])
        .arg(&input)
        .current_dir(&work.path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(errors_file);
    let mut group =
        Group::spawn(command).map_err(|e| fail(format!("{program} could not be run: {e}")))?;
    let status = group
        .wait_until(Instant::now() + limit)
        .map_err(|e| fail(format!("waiting for {program} failed: {e}")))?;
    // Whatever happened, nothing LibreOffice started outlives the conversion.
    drop(group);
    let Some(status) = status else {
        return Err(fail(format!(
            "LibreOffice ({program}) did not convert {input} within {} seconds and was stopped; \
             set {TIMEOUT_VARIABLE} to a number of seconds to allow longer",
            limit.as_secs()
        )));
    };
    match std::fs::read(work.path.join(format!("{name}.pdf"))) {
        Ok(bytes) if status.success() && !bytes.is_empty() => Ok(bytes),
        _ => {
            let messages = std::fs::read(&errors).unwrap_or_default();
            // LibreOffice may print a whole stack trace; the first lines say what went wrong.
            // LibreOffice's own text is shown without control characters (no terminal escapes).
            let messages: String = String::from_utf8_lossy(&messages)
                .lines()
                .take(12)
                .collect::<Vec<_>>()
                .join("\n")
                .chars()
                .filter(|&c| c == '\n' || !c.is_control())
                .collect();
            Err(fail(format!(
                "{program} did not convert {input} ({status}): {}",
                messages.trim()
            )))
        }
    }
}

/// A `file:` URL for an absolute path (RFC 8089), every byte other than an unreserved character
/// or `/` percent-encoded (RFC 3986 section 2.1), so spaces, `#`, `%` and `?` stay in the path.
fn file_url(path: &Path) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};
    const PATH: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        format!(
            "file://{}",
            percent_encode(path.as_os_str().as_bytes(), PATH)
        )
    }
    #[cfg(not(unix))]
    {
        // C:\Users\x becomes file:///C:/Users/x (the drive's colon is allowed in a path).
        let text = path.to_string_lossy().replace('\\', "/");
        let encoded = percent_encode(text.as_bytes(), &PATH.remove(b':')).to_string();
        format!("file:///{}", encoded.trim_start_matches('/'))
    }
}

/// Creates `path` for writing, readable and writable by its owner only.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut file = create_private(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// What a signal must clean up: the process groups and work folders of running conversions.
#[derive(Default)]
struct Active {
    groups: Vec<u32>,
    folders: Vec<PathBuf>,
}

fn active() -> std::sync::MutexGuard<'static, Active> {
    static ACTIVE: Mutex<Active> = Mutex::new(Active {
        groups: Vec::new(),
        folders: Vec::new(),
    });
    ACTIVE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// On the first conversion, starts a thread that, on SIGINT, SIGTERM or SIGHUP, kills every
/// running conversion's process group, removes its work folder, and then lets the signal end
/// isagen as it would have without the handler.
fn watch_signals() {
    #[cfg(unix)]
    {
        static WATCHING: std::sync::Once = std::sync::Once::new();
        WATCHING.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let _ = std::thread::Builder::new()
                .name("isagen-pdf-signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        {
                            let active = active();
                            for &group in &active.groups {
                                kill_group(group);
                            }
                            for folder in &active.folders {
                                let _ = std::fs::remove_dir_all(folder);
                            }
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
        });
    }
}

/// A private temporary folder for one conversion, removed when dropped (and on a signal).
struct WorkFolder {
    path: PathBuf,
    _dir: tempfile::TempDir,
}

impl WorkFolder {
    fn new() -> std::io::Result<WorkFolder> {
        watch_signals();
        let mut builder = tempfile::Builder::new();
        builder.prefix("isagen-pdf-");
        // tempfile makes folders with the default mode (umask, usually 0755): ask for 0700.
        #[cfg(unix)]
        let private = std::os::unix::fs::PermissionsExt::from_mode(0o700);
        #[cfg(unix)]
        builder.permissions(private);
        let mut active = active();
        let dir = builder.tempdir()?;
        let path = dir.path().to_path_buf();
        active.folders.push(path.clone());
        Ok(WorkFolder { path, _dir: dir })
    }
}

impl Drop for WorkFolder {
    fn drop(&mut self) {
        // Removed while still registered, so a signal arriving now removes it too.
        let _ = std::fs::remove_dir_all(&self.path);
        active().folders.retain(|f| f != &self.path);
    }
}

/// A child process leading a process group of its own; the whole group is killed when this is
/// dropped, so helpers LibreOffice starts (`oosplash`, `soffice.bin`) go with it.
struct Group {
    child: Child,
}

impl Group {
    fn spawn(mut command: Command) -> std::io::Result<Group> {
        watch_signals();
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        // Registered under the lock, so a signal between spawning and registering still finds
        // the group.
        let mut active = active();
        let child = command.spawn()?;
        active.groups.push(child.id());
        Ok(Group { child })
    }

    /// Waits for the child to exit until `deadline`: its status, or `None` on timeout.
    fn wait_until(&mut self, deadline: Instant) -> std::io::Result<Option<ExitStatus>> {
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(Some(status));
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(None);
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(20)));
        }
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let id = self.child.id();
        kill_group(id);
        let _ = self.child.kill();
        let _ = self.child.wait();
        active().groups.retain(|&g| g != id);
    }
}

/// Sends SIGKILL to every process in process group `group`.
fn kill_group(group: u32) {
    #[cfg(unix)]
    if let Ok(group) = libc::pid_t::try_from(group)
        && group > 1
    {
        // SAFETY: kill(2) with a negative pid signals a process group; it touches no memory.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    }
    #[cfg(not(unix))]
    let _ = group;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn file_urls_percent_encode_what_a_path_may_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/a b#c%d?e/profile")),
            "file:///tmp/a%20b%23c%25d%3Fe/profile"
        );
        assert_eq!(
            file_url(Path::new("/tmp/Ünïcode-_.~")),
            "file:///tmp/%C3%9Cn%C3%AFcode-_.~"
        );
        use std::os::unix::ffi::OsStrExt;
        assert_eq!(
            file_url(Path::new(std::ffi::OsStr::from_bytes(b"/x/\xFF"))),
            "file:///x/%FF"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_work_folder_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let work = WorkFolder::new().unwrap();
        let mode = std::fs::metadata(&work.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        let file = work.path.join("x.docx");
        write_private(&file, b"x").unwrap();
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let path = work.path.clone();
        drop(work);
        assert!(!path.exists());
    }
}
