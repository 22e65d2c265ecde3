//! Replays the saved fuzzing corpus through the fuzz targets' own bodies
//! (tests/fuzz_corpus/targets.rs), on stable, so CI checks every input the
//! fuzzer kept without needing nightly. Grow the corpus with
//! `scripts/fuzz.sh <seconds>`.

#[allow(unreachable_pub)]
#[path = "../fuzz_corpus/targets.rs"]
mod targets;

use std::{
    fs,
    panic::{self, AssertUnwindSafe},
    path::{Path, PathBuf},
};

use hooksig::{HeaderError, SignatureError, VerifyError};

/// Every file saved for `target`, sorted so failures repeat in order.
fn corpus(target: &str) -> Vec<PathBuf> {
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
fn replay<T>(name: &str, target: fn(&[u8]) -> T) -> Vec<T> {
    corpus(name)
        .iter()
        .map(|path| {
            let data = fs::read(path).unwrap();
            panic::catch_unwind(AssertUnwindSafe(|| target(&data)))
                .unwrap_or_else(|_| panic!("{name} failed on {}", path.display()))
        })
        .collect()
}

#[test]
fn signature_header_corpus() {
    let results = replay("signature_header", targets::signature_header);
    // The corpus is worth replaying only if it reaches every outcome.
    let reached = |wanted: fn(&Result<_, SignatureError>) -> bool| results.iter().any(wanted);
    assert!(reached(|r| r.is_ok()));
    assert!(reached(|r| matches!(r, Err(SignatureError::Empty))));
    assert!(reached(|r| matches!(
        r,
        Err(SignatureError::NoDigits { .. })
    )));
    assert!(reached(|r| matches!(
        r,
        Err(SignatureError::InvalidCharacter { .. })
    )));
    assert!(reached(|r| matches!(r, Err(SignatureError::Length { .. }))));
    assert!(reached(|r| matches!(
        r,
        Err(SignatureError::UnsupportedAlgorithm { .. })
    )));
}

#[test]
fn verify_headers_corpus() {
    let results: Vec<_> = replay("verify_headers", targets::verify_headers)
        .into_iter()
        .flatten()
        .collect();
    let reached = |wanted: fn(&Result<(), VerifyError>) -> bool| results.iter().any(wanted);
    assert!(reached(|r| r.is_ok()));
    assert!(reached(|r| matches!(r, Err(VerifyError::Mismatch))));
    assert!(reached(|r| matches!(
        r,
        Err(VerifyError::Header(HeaderError::Missing { .. }))
    )));
    assert!(reached(|r| matches!(
        r,
        Err(VerifyError::Header(HeaderError::Repeated { .. }))
    )));
    assert!(reached(|r| matches!(
        r,
        Err(VerifyError::Malformed {
            reason: SignatureError::WrongEncoding { .. },
            ..
        })
    )));
    assert!(reached(|r| matches!(
        r,
        Err(VerifyError::Malformed {
            reason: SignatureError::InvalidCharacter { .. },
            ..
        })
    )));
    assert!(reached(|r| matches!(
        r,
        Err(VerifyError::Malformed {
            reason: SignatureError::DuplicateTimestamp,
            ..
        })
    )));
    assert!(reached(|r| matches!(r, Err(VerifyError::Stale(_)))));
    assert!(reached(|r| matches!(r, Err(VerifyError::Timestamp { .. }))));
}

#[test]
fn envelope_corpus() {
    let decoded = replay("envelope", targets::envelope);
    // Each typed envelope decodes from some saved body.
    for (index, name) in ["session", "debate", "job", "network", "scan"]
        .into_iter()
        .enumerate()
    {
        assert!(
            decoded.iter().any(|kinds| kinds[index]),
            "no saved body decodes as {name}"
        );
    }
}
