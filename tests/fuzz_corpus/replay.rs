//! Replaying a fuzz target's saved corpus on stable: shared by every test
//! binary that replays one (`tests/api`, `tests/providers_core`).

use std::{
    fs,
    panic::{self, AssertUnwindSafe},
    path::{Path, PathBuf},
};

/// Every file saved for `target`, sorted so failures repeat in order.
pub(crate) fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 8,
        "{}: only {} inputs saved",
        dir.display(),
        files.len()
    );
    files
}

/// Runs `target` on every saved input, naming the file that fails.
pub(crate) fn replay<T>(name: &str, target: fn(&[u8]) -> T) -> Vec<T> {
    corpus(name)
        .iter()
        .map(|path| {
            let data = fs::read(path).unwrap();
            panic::catch_unwind(AssertUnwindSafe(|| target(&data)))
                .unwrap_or_else(|_| panic!("{name} failed on {}", path.display()))
        })
        .collect()
}
