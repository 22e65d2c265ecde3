//! The core API without `http`: every preset signs and verifies over
//! `(name, value)` pairs, rotation, typed header errors, typed events, and
//! the delivery rules (retries, health, the rate limiter over Durations).

use core::time::Duration;
use std::num::NonZeroU32;

use hooksig::delivery::{DeliveryPolicy, Outcome, RateLimit, Status, TokenBucket};
use hooksig::event::{Envelope, scan};
use hooksig::{Header, HeaderError, Headers, Platform, Scheme, SigningKey, VerifyError};
use jiff::Timestamp;

const BODY: &[u8] = br#"{"event":"scan.completed","id":"evt_1"}"#;
const NOW: i64 = 1_700_000_000;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

/// The headers `platform` sends for `BODY` signed with `key` at `ts`,
/// written by hand from the schemes' wire formats.
fn signed(platform: &Platform, keys: &[SigningKey], ts: i64) -> Vec<(String, String)> {
    // Twitch and Zendesk sign an RFC 3339 date and time, the others seconds.
    let rfc3339 = at(ts).to_string();
    let ts = ts.to_string();
    let signature = platform.signature_header().name().to_owned();
    match platform.scheme() {
        Scheme::Body(encoding) => {
            vec![(signature, keys[0].sign(BODY).to_value(encoding).to_string())]
        }
        Scheme::Stripe => {
            let mut value = format!("t={ts}");
            for key in keys {
                value += &format!(",v1={}", key.sign_parts(&[ts.as_bytes(), b".", BODY]));
            }
            vec![(signature, value)]
        }
        Scheme::Slack => {
            let mac = keys[0].sign_parts(&[b"v0:", ts.as_bytes(), b":", BODY]);
            vec![
                (signature, format!("v0={mac}")),
                (platform.timestamp_header().unwrap().name().to_owned(), ts),
            ]
        }
        Scheme::StandardWebhooks => {
            let id = "msg_1";
            let value = keys
                .iter()
                .map(|key| {
                    let mac = key.sign_parts(&[id.as_bytes(), b".", ts.as_bytes(), b".", BODY]);
                    format!("v1,{}", mac.to_value(hooksig::Encoding::Base64))
                })
                .collect::<Vec<_>>()
                .join(" ");
            vec![
                (signature, value),
                (
                    platform.delivery_header().unwrap().name().to_owned(),
                    id.to_owned(),
                ),
                (platform.timestamp_header().unwrap().name().to_owned(), ts),
            ]
        }
        Scheme::Paddle => {
            let mut value = format!("ts={ts}");
            for key in keys {
                value += &format!(";h1={}", key.sign_parts(&[ts.as_bytes(), b":", BODY]));
            }
            vec![(signature, value)]
        }
        Scheme::Twitch => {
            let id = "msg-1";
            let mac = keys[0].sign_parts(&[id.as_bytes(), rfc3339.as_bytes(), BODY]);
            vec![
                (signature, format!("sha256={mac}")),
                (
                    platform.delivery_header().unwrap().name().to_owned(),
                    id.to_owned(),
                ),
                (
                    platform.timestamp_header().unwrap().name().to_owned(),
                    rfc3339,
                ),
            ]
        }
        Scheme::Zendesk => {
            let mac = keys[0].sign_parts(&[rfc3339.as_bytes(), BODY]);
            vec![
                (
                    signature,
                    mac.to_value(hooksig::Encoding::Base64).to_string(),
                ),
                (
                    platform.timestamp_header().unwrap().name().to_owned(),
                    rfc3339,
                ),
            ]
        }
        other => panic!("a scheme this test does not know: {other:?}"),
    }
}

fn secret_for(platform: &Platform) -> &'static str {
    match platform.secret_format() {
        hooksig::SecretFormat::StandardWebhooks => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        _ => "a-long-enough-secret",
    }
}

#[test]
fn every_preset_verifies_what_it_signs_and_refuses_a_wrong_secret() {
    // Discord signs with Ed25519 keys, which the no_std core leaves to the
    // `ed25519` feature (tests/api/discord.rs tests it).
    for platform in Platform::PRESETS
        .into_iter()
        .filter(|platform| platform.scheme() != Scheme::Discord)
    {
        let secret = secret_for(platform);
        let key = platform.key(secret).unwrap();
        let headers = signed(platform, &[key], NOW);
        let verifier = platform.verifier(secret).unwrap();
        assert_eq!(
            verifier.verify(&headers, BODY, at(NOW + 5)),
            Ok(()),
            "{}",
            platform.name()
        );

        let other = platform
            .key("whsec_c2VjcmV0LW90aGVyLXNlY3JldA==")
            .or_else(|_| platform.key("other"))
            .unwrap();
        let wrong = signed(platform, &[other], NOW);
        assert_eq!(
            verifier.verify(&wrong, BODY, at(NOW + 5)),
            Err(VerifyError::Mismatch),
            "{}",
            platform.name()
        );
        if platform.scheme().is_timestamped() {
            assert!(
                matches!(
                    verifier.verify(&headers, BODY, at(NOW + 3600)),
                    Err(VerifyError::Stale(_))
                ),
                "{}",
                platform.name()
            );
        }
    }
}

#[test]
fn rotation_accepts_either_secret_and_lists_both() {
    let stripe = Platform::STRIPE;
    let new = stripe.key("whsec_new").unwrap();
    let old = stripe.key("whsec_old").unwrap();
    let verifier = stripe
        .verifier_with_secrets(["whsec_new", "whsec_old"])
        .unwrap();
    assert_eq!(verifier.key_count(), 2);
    for keys in [vec![new.clone()], vec![old.clone()], vec![new, old]] {
        let headers = signed(stripe, &keys, NOW);
        assert_eq!(verifier.verify(&headers, BODY, at(NOW)), Ok(()));
    }
}

#[test]
fn headers_missing_or_repeated_are_typed_errors() {
    let verifier = Platform::CORTEX.verifier("secret").unwrap();
    let value = SigningKey::new("secret")
        .unwrap()
        .sign(BODY)
        .to_value(hooksig::Encoding::Sha256Hex)
        .to_string();
    let none: [(&str, &str); 0] = [];
    let error = verifier.verify(&none, BODY, at(NOW)).unwrap_err();
    assert!(matches!(
        error,
        VerifyError::Header(HeaderError::Missing { .. })
    ));
    assert_eq!(error.to_string(), "missing header X-Cortex-Signature");
    let twice = [
        ("x-cortex-signature", value.as_str()),
        ("X-Cortex-Signature", value.as_str()),
    ];
    assert!(matches!(
        verifier.verify(&twice, BODY, at(NOW)),
        Err(VerifyError::Header(HeaderError::Repeated { count: 2, .. }))
    ));
    assert_eq!(verifier.verify_value(&value, BODY, at(NOW)), Ok(()));
}

/// A caller's own header type, through the one-method trait.
struct Pairs(Vec<(String, Vec<u8>)>);

impl Headers for Pairs {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        self.0
            .iter()
            .filter(move |(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_slice())
    }
}

#[test]
fn a_callers_own_header_type_and_names_checked_without_http() {
    let key = SigningKey::new("secret").unwrap();
    let value = key
        .sign(BODY)
        .to_value(hooksig::Encoding::Sha256Hex)
        .to_string();
    let headers = Pairs(vec![("X-Cortex-Signature".into(), value.into_bytes())]);
    let verifier = Platform::CORTEX.verifier("secret").unwrap();
    assert_eq!(verifier.verify(&headers, BODY, at(NOW)), Ok(()));
    assert_eq!(
        Header::new("X-Acme-Signature").unwrap().name(),
        "x-acme-signature"
    );
    assert!(Header::new("bad header").is_err());
    assert!(Header::new("").is_err());
}

#[test]
fn typed_events_decode_after_verifying() {
    let body = br#"{"event":"scan.completed","id":"evt_1","timestamp":"2024-01-01T12:00:00Z",
        "data":{"scan_id":"scan_abc123","repo_url":"https://github.com/user/repo",
        "status":"completed","score":85,"issues_count":12,"duration_seconds":45}}"#;
    let event = scan::Event::decode(body).unwrap();
    assert_eq!(event.name(), "scan.completed");
    match &event.data {
        scan::Data::Completed(scan) => assert_eq!(scan.score, 85),
        other => panic!("unexpected {}", other.name()),
    }
    let error = scan::Event::decode(br#"{"event":"scan.completed","id":"evt_1"}"#).unwrap_err();
    assert!(!error.to_string().is_empty());
}

#[test]
fn delivery_rules_without_a_clock() {
    let policy = DeliveryPolicy::SPLEXA;
    let mut health = policy.health();
    for _ in 0..9 {
        health.observe(&Outcome::Status(Status::BAD_GATEWAY));
    }
    assert!(health.is_enabled());
    health.observe(&Outcome::TimedOut);
    assert!(!health.is_enabled());
    assert_eq!(
        policy.outcome(Status::OK, Duration::from_secs(9)),
        Outcome::TimedOut
    );
    assert_eq!(Status::new(1000), None);

    // Milliseconds since the caller's origin, as `performance.now()` gives.
    let limit = RateLimit::new(NonZeroU32::new(2).unwrap(), Duration::from_secs(1));
    let mut bucket = TokenBucket::new(limit);
    let t0 = Duration::from_millis(123_456);
    assert_eq!(bucket.available_at(t0), 2);
    assert!(bucket.admit_at(t0).is_ok());
    assert!(bucket.admit_at(t0).is_ok());
    let denied = bucket.admit_at(t0).unwrap_err();
    assert_eq!(denied.retry_after(), Duration::from_millis(500));
    assert!(bucket.admit_at(t0 + Duration::from_millis(500)).is_ok());
}
