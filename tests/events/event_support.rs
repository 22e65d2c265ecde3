//! What the event tests share: the seed payloads in tests/data/seeds/.

// Each test binary that includes this uses only some of these.
#![allow(dead_code)]

use std::path::Path;

/// Each data file and the seed document it was copied from, byte for byte.
pub(crate) const SEEDS: [(&str, &str); 5] = [
    ("emuluxe_session_started.json", "000_13b3aeac107b4613.txt"),
    ("capawesome_job_finished.json", "002_5c48ab1340f74955.txt"),
    ("splexa_device_degraded.json", "003_a23c2fe72d158163.txt"),
    ("cortex_scan_completed.json", "004_d870c5efc24d8e43.txt"),
    ("cortex_issue_critical.json", "004_d870c5efc24d8e43.txt"),
];

/// The bytes of the seed payload `name`.
pub(crate) fn seed(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/seeds")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}
