//! `hooksig`: sign a test request for any preset, verify a captured one,
//! and diagnose why one does not verify, offline.
//!
//! ```text
//! cargo run --features diagnose --example hooksig -- \
//!     diagnose --platform stripe --secret-env STRIPE_SECRET request.txt
//! cargo run --features diagnose --example hooksig -- \
//!     sign --platform github --secret-file secret.txt --timestamp 1700000000 body.json
//! cargo run --features diagnose --example hooksig -- \
//!     verify --platform svix --secret-env SVIX_SECRET --now 2023-11-14T22:13:20Z request.txt
//! ```
//!
//! Secrets come from environment variables or files, never from the
//! command line (`ps` shows every process's arguments). `--help` says the
//! rest; the exit status is 0 verified (or explained, or written), 1 not
//! verified (or unexplained), 2 usage error.
//!
//! The logic lives in `cli.rs` and `dump.rs`, which the `diagnose` test
//! binary compiles too and runs in-process on fixture files.

mod cli;
mod dump;

use std::process::ExitCode;

fn main() -> ExitCode {
    let status = cli::run(
        std::env::args_os(),
        cli::Io {
            env: &|name| std::env::var_os(name),
            // The one place that reads the clock: a default for `now` and
            // for `sign --timestamp`.
            clock: &jiff::Timestamp::now,
            out: &mut std::io::stdout().lock(),
            err: &mut std::io::stderr().lock(),
        },
    );
    ExitCode::from(status)
}
