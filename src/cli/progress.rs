//! A progress bar on standard error for long runs (thousands of files, PDF rendering), drawn
//! only where a person watches: standard error is a terminal, the run is not in CI (`CI` set
//! to anything but `false` or `0`, as GitHub Actions, GitLab CI and most others set it), and
//! no machine-readable report goes to standard error. Short runs show nothing.

use std::io::IsTerminal;
use std::sync::OnceLock;

use indicatif::{ProgressBar, ProgressStyle};

/// More files than this make a check long enough to show progress.
pub const LONG_CHECK_FILES: usize = 200;

/// Whether a bar may be drawn at all, from what the run can see.
pub fn allowed(machine_report_on_stderr: bool) -> bool {
    decide(
        std::io::stderr().is_terminal(),
        std::env::var("CI").ok().as_deref(),
        machine_report_on_stderr,
    )
}

/// The decision, from its inputs.
pub fn decide(stderr_is_terminal: bool, ci: Option<&str>, machine_report_on_stderr: bool) -> bool {
    let in_ci = ci.is_some_and(|v| !matches!(v.trim(), "" | "false" | "0"));
    stderr_is_terminal && !in_ci && !machine_report_on_stderr
}

/// A bar that appears once the work is known to be long (never, unless allowed).
pub struct Progress {
    allowed: bool,
    threshold: usize,
    what: &'static str,
    bar: OnceLock<ProgressBar>,
}

impl Progress {
    /// A bar for counting `what` (for example "files"), shown when allowed and the total
    /// exceeds `threshold`.
    pub fn new(allowed: bool, what: &'static str, threshold: usize) -> Self {
        Progress {
            allowed,
            threshold,
            what,
            bar: OnceLock::new(),
        }
    }

    fn bar(&self, total: usize) -> Option<&ProgressBar> {
        if !self.allowed || total <= self.threshold {
            return self.bar.get();
        }
        Some(self.bar.get_or_init(|| {
            let style = ProgressStyle::with_template(&format!(
                "{{bar:40}} {{pos}}/{{len}} {} ({{elapsed}})",
                self.what
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::new(total as u64).with_style(style)
        }))
    }

    /// `done` of `total` are finished.
    pub fn set(&self, done: usize, total: usize) {
        if let Some(bar) = self.bar(total) {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    }

    /// One more of `total` is finished.
    pub fn tick(&self, total: usize) {
        if let Some(bar) = self.bar(total) {
            bar.inc(1);
        }
    }

    /// Removes the bar, so what follows starts on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

/// [`crate::check::check_paths`] with a bar while more than [`LONG_CHECK_FILES`] files are
/// checked (when [`allowed`]).
pub fn check_paths(
    paths: &[std::path::PathBuf],
    config: crate::config::Config,
    today: crate::model::Date,
) -> Result<crate::check::Checked, crate::check::CheckError> {
    let progress = Progress::new(allowed(false), "files checked", LONG_CHECK_FILES);
    let result = crate::check::check_paths_reporting(
        paths,
        config,
        today,
        crate::check::Keep::Documents,
        &|done, total| progress.set(done, total),
    );
    progress.finish();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_on_a_terminal_outside_ci_without_machine_output_on_stderr() {
        assert!(decide(true, None, false));
        assert!(decide(true, Some("false"), false));
        assert!(!decide(false, None, false));
        assert!(!decide(true, Some("true"), false));
        assert!(!decide(true, Some("1"), false));
        assert!(!decide(true, None, true));
    }

    #[test]
    fn a_short_run_never_draws_a_bar() {
        let progress = Progress::new(true, "files", LONG_CHECK_FILES);
        progress.set(10, 10);
        assert!(progress.bar.get().is_none());
        let hidden = Progress::new(false, "files", 0);
        hidden.set(1, 10_000);
        assert!(hidden.bar.get().is_none());
    }
}
