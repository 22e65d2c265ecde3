//! Discord's documented behaviour: `X-Signature-Ed25519` (hex) over the
//! `X-Signature-Timestamp` value followed by the raw body, the
//! application's public key in hex, every failure a `VerifyError` (which
//! receivers answer with 401), and no time check unless one is asked for,
//! as in Discord's own libraries.

use std::time::Duration;

use hooksig::{
    Encoding, FreshnessError, HeaderError, KeyError, KeyKind, KeyPair, Platform, RequestError,
    Scheme, SignatureError, Signer, Tolerance, VerifyError,
};
use http::HeaderMap;
use jiff::Timestamp;

const DISCORD: &Platform = Platform::DISCORD;
const BODY: &[u8] = br#"{"id":"787053080478613555","token":"ThisIsATokenFromDiscordThatIsVeryLong","type":1,"version":1}"#;
const TS: i64 = 1_700_000_000;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

fn app() -> KeyPair {
    KeyPair::from_seed(&[61; 32]).unwrap()
}

/// What Discord sends: the signature of `timestamp + body`, by hand, with
/// no help from the crate's scheme code.
fn discord_headers(pair: &KeyPair, ts: &str, body: &[u8]) -> HeaderMap {
    let signature = pair.sign(&[ts.as_bytes(), body].concat()).to_string();
    let mut headers = HeaderMap::new();
    headers.insert("x-signature-ed25519", signature.parse().unwrap());
    headers.insert("x-signature-timestamp", ts.parse().unwrap());
    headers.insert("content-type", "application/json".parse().unwrap());
    headers
}

#[test]
fn the_preset_reads_discords_headers_and_public_key() {
    assert_eq!(DISCORD.scheme(), Scheme::Discord);
    assert_eq!(DISCORD.signature_header().as_str(), "X-Signature-Ed25519");
    assert_eq!(
        DISCORD.timestamp_header().map(|h| h.as_str()),
        Some("X-Signature-Timestamp")
    );
    assert!(DISCORD.delivery_header().is_none() && DISCORD.event_header().is_none());
    assert!(Platform::PRESETS.contains(&DISCORD));

    let hex = app().public_key().to_string();
    let verifier = DISCORD.verifier(&hex).unwrap();
    let headers = discord_headers(&app(), &TS.to_string(), BODY);
    assert_eq!(verifier.verify(&headers, BODY, at(TS)), Ok(()));
    // The portal's key in either case.
    let upper = DISCORD.verifier(hex.to_uppercase()).unwrap();
    assert_eq!(upper.verify(&headers, BODY, at(TS)), Ok(()));
    // Key errors say what was expected and where.
    assert_eq!(
        DISCORD.verifier(&hex[..62]).err(),
        Some(KeyError::HexDigits {
            found: 62,
            expected: 64
        })
    );
    assert_eq!(
        DISCORD.verifier(format!("0x{}", &hex[2..])).err(),
        Some(KeyError::NotHex { offset: 1 })
    );
}

/// The cases Discord's own `discord-interactions` libraries test (valid
/// requests, a wrong key, a changed body, `example invalid signature`, a
/// changed timestamp, missing headers), each refused with a `VerifyError`:
/// what an endpoint answers 401 to (the `axum` extractors do).
#[test]
fn what_discord_sends_on_purpose_is_refused() {
    let verifier = DISCORD.verifier(app().public_key().to_string()).unwrap();
    let ts = TS.to_string();
    let good = discord_headers(&app(), &ts, BODY);
    assert_eq!(verifier.verify(&good, BODY, at(TS)), Ok(()));

    let other_key = discord_headers(&KeyPair::from_seed(&[62; 32]).unwrap(), &ts, BODY);
    assert_eq!(
        verifier.verify(&other_key, BODY, at(TS)),
        Err(VerifyError::Mismatch)
    );
    assert_eq!(
        verifier.verify(&good, b"example invalid body", at(TS)),
        Err(VerifyError::Mismatch)
    );
    let mut invalid = good.clone();
    invalid.insert(
        "x-signature-ed25519",
        "example invalid signature".parse().unwrap(),
    );
    assert_eq!(
        verifier.verify(&invalid, BODY, at(TS)),
        Err(VerifyError::Malformed {
            header: DISCORD.signature_header().clone(),
            reason: SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 1
            }
        })
    );
    // The timestamp is signed: 10000 s earlier, the same signature fails.
    let mut moved = good.clone();
    moved.insert("x-signature-timestamp", (TS - 10_000).into());
    assert_eq!(
        verifier.verify(&moved, BODY, at(TS)),
        Err(VerifyError::Mismatch)
    );
    for header in [
        DISCORD.signature_header(),
        DISCORD.timestamp_header().unwrap(),
    ] {
        let mut missing = good.clone();
        missing.remove(header.name());
        assert_eq!(
            verifier.verify(&missing, BODY, at(TS)),
            Err(VerifyError::Header(HeaderError::Missing {
                header: header.clone()
            }))
        );
    }
    // A signature of 64 bytes, whatever its hex says, is the only shape.
    let mut short = good.clone();
    short.insert("x-signature-ed25519", "ab".repeat(32).parse().unwrap());
    assert!(matches!(
        verifier.verify(&short, BODY, at(TS)),
        Err(VerifyError::Malformed {
            reason: SignatureError::Length {
                found: 64,
                expected: 128,
                ..
            },
            ..
        })
    ));
}

/// Discord's documentation sets no age limit and its libraries check
/// none: neither does the preset, until a tolerance is given.
#[test]
fn no_time_check_unless_asked() {
    let verifier = DISCORD.verifier(app().public_key().to_string()).unwrap();
    assert_eq!(verifier.tolerance(), None);
    let headers = discord_headers(&app(), &TS.to_string(), BODY);
    let a_year_later = at(TS + 365 * 86_400);
    assert_eq!(verifier.verify(&headers, BODY, a_year_later), Ok(()));
    assert_eq!(verifier.verify(&headers, BODY, at(0)), Ok(()));

    let bounded = verifier
        .clone()
        .with_tolerance(Tolerance::new(Duration::from_secs(600)).unwrap());
    assert_eq!(bounded.verify(&headers, BODY, at(TS + 600)), Ok(()));
    assert!(matches!(
        bounded.verify(&headers, BODY, at(TS + 601)),
        Err(VerifyError::Stale(FreshnessError::TooOld { .. }))
    ));
    assert!(matches!(
        bounded.verify(&headers, BODY, at(TS - 601)),
        Err(VerifyError::Stale(FreshnessError::InFuture { .. }))
    ));
    // The timestamp must still be the decimal seconds Discord sends.
    let mut bad = headers.clone();
    bad.insert("x-signature-timestamp", "soon".parse().unwrap());
    assert!(matches!(
        verifier.verify(&bad, BODY, at(TS)),
        Err(VerifyError::Timestamp { .. })
    ));
}

#[test]
fn only_the_application_key_verifies_and_only_a_key_pair_signs() {
    let hex = app().public_key().to_string();
    let error = DISCORD.signer(&hex).unwrap_err();
    assert_eq!(
        error,
        KeyError::WrongKind {
            expected: KeyKind::Ed25519SigningKey,
            found: KeyKind::Ed25519PublicKey
        }
    );
    // A signer for tests (or a Discord-style sender) holds a key pair.
    let signer = Signer::from_key_pair(app());
    let request = DISCORD
        .request("https://example.com/interactions")
        .timestamp(at(TS))
        .sign_with(&signer)
        .body(BODY.to_vec())
        .unwrap();
    assert_eq!(
        request.headers()["x-signature-timestamp"],
        TS.to_string().as_str()
    );
    assert_eq!(
        request.headers()["x-signature-ed25519"],
        discord_headers(&app(), &TS.to_string(), BODY)["x-signature-ed25519"]
    );
    let verifier = DISCORD.verifier(&hex).unwrap();
    assert_eq!(verifier.verify_request(&request, at(TS)), Ok(()));
    // An HMAC signer cannot sign Discord's scheme.
    let hmac = Platform::CORTEX.signer("s").unwrap();
    assert!(matches!(
        DISCORD
            .request("https://example.com/")
            .timestamp(at(TS))
            .sign_with(&hmac)
            .body(BODY.to_vec()),
        Err(RequestError::SignerKind {
            scheme: Scheme::Discord,
            needs: KeyKind::Ed25519SigningKey
        })
    ));
    // Key rotation: the new and the old application key.
    let old = KeyPair::from_seed(&[63; 32]).unwrap();
    let both = DISCORD
        .verifier_with_secrets([hex.clone(), old.public_key().to_string()])
        .unwrap();
    let by_old = discord_headers(&old, &TS.to_string(), BODY);
    assert_eq!(both.verify(&by_old, BODY, at(TS)), Ok(()));
    assert_eq!(
        verifier.verify(&by_old, BODY, at(TS)),
        Err(VerifyError::Mismatch)
    );
}
