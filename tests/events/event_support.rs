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

/// A Cortex `scan.completed` with an undocumented `findings` array of
/// small objects in its `data`, at most `len` bytes (as in the
/// benchmarks).
pub(crate) fn cortex_with_findings(len: usize) -> Vec<u8> {
    let head = br#"{"event":"scan.completed","id":"evt_1234567890","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"scan_abc123","repo_url":"https://github.com/user/repo","status":"completed","score":85,"issues_count":12,"duration_seconds":45,"findings":["#;
    let tail = b"]}}";
    let mut body = head.to_vec();
    for index in 0.. {
        let finding = format!(
            r#"{}{{"id":"f_{index:05}","rule":"js/sql-injection","severity":"high","file":"api/user.js","line":{}}}"#,
            if index == 0 { "" } else { "," },
            40 + index % 97
        );
        if body.len() + finding.len() + tail.len() > len {
            break;
        }
        body.extend_from_slice(finding.as_bytes());
    }
    body.extend_from_slice(tail);
    body
}
