//! Command-line cases: each `tests/cmd/*.toml` names a command, its exit code and its output
//! (`[..]` matches anything on a line). Run `TRYCMD=overwrite cargo test --test cli` to update
//! them after an intended change, and review the diff.

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .case("tests/cmd/*.toml")
        .env("NO_COLOR", "1");
}
