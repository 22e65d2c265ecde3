//! The offline diagnosis (`hooksig::diagnose`, issue 15): one test per
//! cause it explains, reproduced as developers report it; requests no
//! mistake explains (forged, tampered, the wrong secret), which must get
//! no finding; the bound on its work; and the `hooksig` example's command
//! line, run end to end on the fixture files of `tests/data/diagnose`.
//!
//! The command line's code (`examples/hooksig/cli.rs` and `dump.rs`) is
//! compiled into this binary with `#[path]` and run in-process, with the
//! environment, clock and output handed in: the same code `main` runs, with
//! no second cargo build inside a test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bounds;
mod causes;
mod command_line;
mod support;
mod unexplained;

#[allow(dead_code)]
#[path = "../../examples/hooksig/cli.rs"]
mod cli;
#[allow(dead_code)]
#[path = "../../examples/hooksig/dump.rs"]
mod dump;
