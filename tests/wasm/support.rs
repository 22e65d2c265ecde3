//! What the tests share: reading `tests/vectors/*.json`.
//!
//! Under wasm32-wasip1 the runner (`scripts/wasi-run.mjs`) preopens the
//! repository at its own path, so the same absolute path works there.

use std::path::PathBuf;

/// Reads and parses `tests/vectors/<name>`.
///
/// # Panics
///
/// When the file is missing or does not parse: a test fails.
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub fn load<T: serde::de::DeserializeOwned>(name: &str) -> T {
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    path.pop();
    path.push("vectors");
    path.push(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    serde_json::from_slice(&bytes).expect("vector file parses")
}

/// The target the tests were built for, printed by the runner's first test.
pub const TARGET: &str = if cfg!(target_family = "wasm") {
    "wasm"
} else {
    "native"
};
