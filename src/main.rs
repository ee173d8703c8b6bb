//! The `isagen` binary: parse arguments, run, and map the outcome to an exit code
//! (0 clean, 1 findings, 2 the tool could not do its job).
//!
//! When the reader of standard output goes away (`isagen rules | head -1`), isagen stops
//! quietly, as Unix tools do: on Unix it dies of `SIGPIPE` (the shell reports status 141);
//! where there are no signals it exits with code 141 and prints nothing.

use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::Parser;
use isagen::cli::{Cli, Outcome};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stack for the worker thread: generous, so deeply nested (but bounded) input never
/// overflows it.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Where to report a bug.
const ISSUES: &str = "https://github.com/isagen/isagen/issues";

/// The exit code when the reader of standard output has gone (128 + SIGPIPE, as a shell
/// reports a process that died of it).
const BROKEN_PIPE: u8 = 141;

/// The exit code the panic hook chose: 2 for a bug, [`BROKEN_PIPE`], or 2 after a failed
/// write to standard output that is not a bug.
static PANIC_EXIT: AtomicU8 = AtomicU8::new(2);

fn main() -> ExitCode {
    restore_sigpipe();
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        // `print!` panics when standard output cannot be written: that is the environment,
        // not a bug in isagen.
        if let Some(reason) = message.strip_prefix("failed printing to stdout: ") {
            if is_broken_pipe_text(reason) {
                PANIC_EXIT.store(BROKEN_PIPE, Ordering::SeqCst);
            } else {
                eprintln!("isagen: error: cannot write to standard output: {reason}");
            }
            return;
        }
        eprintln!(
            "isagen {}: internal error: {info}\nThis is a bug in isagen, not a problem with your files. Please report it at {ISSUES} with the command you ran and, if you can, the input that caused it.",
            env!("CARGO_PKG_VERSION")
        );
    }));
    let cli = Cli::parse();
    let worker = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            // Lets the tests check what a user sees if isagen ever panics.
            if std::env::var_os("ISAGEN_TEST_PANIC").is_some() {
                panic!("panic requested by ISAGEN_TEST_PANIC");
            }
            cli.run()
        });
    let result = match worker.map(|handle| handle.join()) {
        Ok(Ok(result)) => result,
        Ok(Err(_panic)) => return ExitCode::from(PANIC_EXIT.load(Ordering::SeqCst)),
        Err(error) => Err(error.into()),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(error) if is_broken_pipe(&error) => ExitCode::from(BROKEN_PIPE),
        Err(error) => {
            // Errors quote paths and values the user gave: escape them for the terminal.
            let message = format!("{error:#}");
            eprintln!(
                "isagen: error: {}",
                isagen::escape::terminal_source(&message).text
            );
            ExitCode::from(2)
        }
    }
}

/// Whether `error` comes from writing to a pipe whose reader has gone.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether the text of an I/O error is the broken pipe error (`print!` keeps only the text).
fn is_broken_pipe_text(reason: &str) -> bool {
    // "Broken pipe (os error 32)" on Unix; Windows says "The pipe is being closed" (232).
    reason.to_lowercase().contains("broken pipe")
        || (cfg!(windows) && reason.contains("(os error 232)"))
}

/// Rust ignores `SIGPIPE`, turning a closed pipe into an error on every later write; restore
/// the default so isagen ends quietly, as `cat` and `grep` do, however the output is written.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first in `main`, before any other thread exists; `SIG_DFL` is a valid
    // action for `SIGPIPE`, and no handler of ours is replaced.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
