//! The `isagen` binary: parse arguments, run, and map the outcome to an exit code
//! (0 clean, 1 findings, 2 the tool could not do its job).

use std::process::ExitCode;

use clap::Parser;
use isagen::cli::{Cli, Outcome};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Stack for the worker thread: generous, so deeply nested (but bounded) input never
/// overflows it.
const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Where to report a bug.
const ISSUES: &str = "https://github.com/isagen/isagen/issues";

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
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
        Ok(Err(_panic)) => return ExitCode::from(2),
        Err(error) => Err(error.into()),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(error) => {
            eprintln!("isagen: error: {error:#}");
            ExitCode::from(2)
        }
    }
}
