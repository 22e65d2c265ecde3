//! Replays the saved fuzzing corpus through the fuzz targets' own bodies
//! (tests/fuzz_corpus/targets.rs), on stable, so CI checks every input the
//! fuzzer kept without needing nightly. Grow the corpus with
//! `scripts/fuzz.sh <seconds>`.

#[allow(unreachable_pub)]
#[path = "../fuzz_corpus/targets.rs"]
mod targets;

#[allow(unreachable_pub)]
#[path = "../fuzz_corpus/ed25519.rs"]
mod ed25519_targets;

use crate::replay::replay;

use hooksig::{HeaderError, KeyError, SignatureError, VerifyError};

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

#[test]
fn keys_corpus() {
    let outcomes = replay("keys", ed25519_targets::keys);
    let reached = |wanted: fn(&ed25519_targets::KeysOutcome) -> bool| outcomes.iter().any(wanted);
    // Each reader accepts some saved text, in each of its forms.
    assert!(reached(|o| o.whpk.is_ok()));
    assert!(reached(|o| o.whsk.is_ok()));
    assert!(reached(|o| o.hex.is_ok()));
    // And refuses some, for each reason.
    for (name, wanted) in [
        (
            "missing prefix",
            (|o| matches!(o.whpk, Err(KeyError::MissingPrefix { .. })))
                as fn(&ed25519_targets::KeysOutcome) -> bool,
        ),
        ("wrong kind", |o| {
            matches!(o.whpk, Err(KeyError::WrongKind { .. }))
        }),
        ("not base64", |o| {
            matches!(o.whpk, Err(KeyError::NotBase64 { .. }))
        }),
        ("length", |o| {
            matches!(o.whpk, Err(KeyError::KeyLength { .. }))
        }),
        ("not DER", |o| {
            matches!(o.whpk, Err(KeyError::NotEd25519Der { .. }))
        }),
        ("off the curve", |o| {
            matches!(o.whpk, Err(KeyError::NotOnCurve))
        }),
        ("pair length", |o| {
            matches!(o.whsk, Err(KeyError::KeyLength { .. }))
        }),
        ("mismatched pair", |o| {
            matches!(o.whsk, Err(KeyError::MismatchedKeyPair))
        }),
        ("hex digits", |o| {
            matches!(o.hex, Err(KeyError::HexDigits { .. }))
        }),
        ("not hex", |o| matches!(o.hex, Err(KeyError::NotHex { .. }))),
    ] {
        assert!(reached(wanted), "no saved text is refused for: {name}");
    }
}

#[test]
fn ed25519_headers_corpus() {
    let results = replay("ed25519_headers", ed25519_targets::ed25519_headers);
    let discord =
        |wanted: fn(&Result<(), VerifyError>) -> bool| results.iter().any(|(d, _)| wanted(d));
    let sw = |wanted: fn(&Result<(), VerifyError>) -> bool| results.iter().any(|(_, s)| wanted(s));
    assert!(discord(|r| matches!(r, Err(VerifyError::Mismatch))));
    assert!(discord(|r| matches!(
        r,
        Err(VerifyError::Malformed {
            reason: SignatureError::InvalidCharacter { .. },
            ..
        })
    )));
    assert!(discord(|r| matches!(
        r,
        Err(VerifyError::Malformed {
            reason: SignatureError::Length { .. },
            ..
        })
    )));
    assert!(sw(|r| matches!(r, Err(VerifyError::Mismatch))));
    assert!(sw(|r| matches!(
        r,
        Err(VerifyError::Malformed {
            reason: SignatureError::NoSignature { .. },
            ..
        })
    )));
    assert!(sw(|r| matches!(
        r,
        Err(VerifyError::Malformed {
            reason: SignatureError::Length { .. },
            ..
        })
    )));
}
