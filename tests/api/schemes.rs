//! The timestamped schemes (Standard Webhooks, Stripe, Slack) and Shopify:
//! published vectors, rotation, tolerance edges, and every malformed header.

use std::time::Duration;

use hooksig::{
    Encoding, FreshnessError, HeaderError, IdError, KeyError, Platform, RequestError, Scheme,
    SecretFormat, SignatureError, Signer, SigningKey, TimestampError, Tolerance, VerifyError,
    dangerous,
};
use http::{HeaderMap, HeaderValue, Request};
use jiff::Timestamp;
use serde::Deserialize;

#[derive(Deserialize)]
struct Vectors {
    standard_webhooks: Group<SwCase>,
    slack: Group<SlackCase>,
}

#[derive(Deserialize)]
struct Group<T> {
    cases: Vec<T>,
}

#[derive(Deserialize)]
struct SwCase {
    secret: String,
    id: String,
    timestamp: i64,
    body: String,
    signature: String,
}

#[derive(Deserialize)]
struct SlackCase {
    secret: String,
    timestamp: i64,
    body: String,
    signature: String,
}

fn vectors() -> Vectors {
    let path = format!(
        "{}/tests/vectors/timestamped.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    pairs
        .iter()
        .map(|(name, value)| (name.parse().unwrap(), HeaderValue::from_str(value).unwrap()))
        .collect()
}

const NOW: i64 = 1_700_000_000;
const BODY: &[u8] = br#"{"type":"invoice.paid","id":"evt_1"}"#;
/// The timestamped presets.
const TIMESTAMPED: [&Platform; 4] = [
    Platform::STANDARD_WEBHOOKS,
    Platform::SVIX,
    Platform::STRIPE,
    Platform::SLACK,
];

fn build(platform: &Platform, signer: &Signer, signed_at: i64, id: &str) -> Request<Vec<u8>> {
    platform
        .request("https://receiver.example/hooks")
        .event("invoice.paid")
        .delivery_id(id)
        .timestamp(at(signed_at))
        .sign_with(signer)
        .body(BODY.to_vec())
        .unwrap()
}

fn raw_signer(secret: &str) -> Signer {
    Signer::from_key(SigningKey::new(secret).unwrap())
}

#[test]
fn standard_webhooks_published_vectors() {
    for case in vectors().standard_webhooks.cases {
        // Signing reproduces the published signature...
        let signer = Platform::STANDARD_WEBHOOKS.signer(&case.secret).unwrap();
        let signed = build_with_body(
            Platform::STANDARD_WEBHOOKS,
            &signer,
            case.timestamp,
            &case.id,
            case.body.as_bytes(),
        );
        assert_eq!(
            signed.headers()["webhook-signature"],
            case.signature.as_str()
        );
        assert_eq!(signed.headers()["webhook-id"], case.id.as_str());
        assert_eq!(
            signed.headers()["webhook-timestamp"],
            case.timestamp.to_string().as_str()
        );

        // ...and the published headers verify, padded or unpadded secret.
        let received = headers(&[
            ("webhook-id", &case.id),
            ("webhook-timestamp", &case.timestamp.to_string()),
            ("webhook-signature", &case.signature),
        ]);
        let unpadded = case.secret.trim_end_matches('=');
        for secret in [case.secret.as_str(), unpadded] {
            let verifier = Platform::STANDARD_WEBHOOKS.verifier(secret).unwrap();
            let now = at(case.timestamp + 10);
            let result = verifier.verify(&received, case.body.as_bytes(), now);
            assert_eq!(result, Ok(()));
            assert_eq!(verifier.verify_request(&signed, now), Ok(()));
        }
    }
}

fn build_with_body(
    platform: &Platform,
    signer: &Signer,
    signed_at: i64,
    id: &str,
    body: &[u8],
) -> Request<Vec<u8>> {
    platform
        .request("https://receiver.example/hooks")
        .event("e")
        .delivery_id(id)
        .timestamp(at(signed_at))
        .sign_with(signer)
        .body(body.to_vec())
        .unwrap()
}

#[test]
fn standard_webhooks_several_signatures_and_unknown_versions() {
    let case = &vectors().standard_webhooks.cases[1];
    let verifier = Platform::STANDARD_WEBHOOKS.verifier(&case.secret).unwrap();
    let other = Platform::STANDARD_WEBHOOKS
        .signer("whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldA==")
        .unwrap();
    let other_sig = build_with_body(
        Platform::STANDARD_WEBHOOKS,
        &other,
        case.timestamp,
        &case.id,
        case.body.as_bytes(),
    )
    .headers()["webhook-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    let now = at(case.timestamp);
    for list in [
        format!("{other_sig} {}", case.signature),
        format!("v1a,c29tZXRoaW5nIGVsc2U= {}", case.signature),
        format!("v2,whatever  {} {other_sig}", case.signature),
    ] {
        let received = headers(&[
            ("webhook-id", &case.id),
            ("webhook-timestamp", &case.timestamp.to_string()),
            ("webhook-signature", &list),
        ]);
        let result = verifier.verify(&received, case.body.as_bytes(), now);
        assert_eq!(result, Ok(()), "{list}");
    }
    let only_other = headers(&[
        ("webhook-id", &case.id),
        ("webhook-timestamp", &case.timestamp.to_string()),
        ("webhook-signature", &format!("{other_sig} v1a,abc")),
    ]);
    let result = verifier.verify(&only_other, case.body.as_bytes(), now);
    assert_eq!(result, Err(VerifyError::Mismatch));
}

#[test]
fn standard_webhooks_refuses_dots_and_bad_timestamps() {
    let case = &vectors().standard_webhooks.cases[0];
    let verifier = Platform::STANDARD_WEBHOOKS.verifier(&case.secret).unwrap();
    let ts = case.timestamp.to_string();
    let check_at = |id: &str, ts: &str, now: Timestamp| {
        let received = headers(&[
            ("webhook-id", id),
            ("webhook-timestamp", ts),
            ("webhook-signature", &case.signature),
        ]);
        verifier.verify(&received, case.body.as_bytes(), now)
    };
    let check = |id: &str, ts: &str| check_at(id, ts, at(case.timestamp));
    let id_header = Platform::STANDARD_WEBHOOKS
        .delivery_header()
        .unwrap()
        .clone();
    let ts_header = Platform::STANDARD_WEBHOOKS
        .timestamp_header()
        .unwrap()
        .clone();
    assert_eq!(
        check("msg.1", &ts),
        Err(VerifyError::Id {
            header: id_header.clone(),
            reason: IdError::Dot { offset: 3 }
        })
    );
    // headers are read before the time is judged: a bad id is reported
    // even when the timestamp is also a day old.
    assert_eq!(
        check_at("msg.1", &ts, at(case.timestamp + 86_400)),
        Err(VerifyError::Id {
            header: id_header.clone(),
            reason: IdError::Dot { offset: 3 }
        })
    );
    assert_eq!(
        check("", &ts),
        Err(VerifyError::Id {
            header: id_header,
            reason: IdError::Empty
        })
    );
    let timestamp = |reason| {
        Err(VerifyError::Timestamp {
            header: ts_header.clone(),
            reason,
        })
    };
    assert_eq!(
        check(&case.id, "1649367553.5"),
        timestamp(TimestampError::NotDigits { offset: 10 })
    );
    assert_eq!(
        check(&case.id, "-1649367553"),
        timestamp(TimestampError::Negative)
    );
    assert_eq!(
        check(&case.id, "soon"),
        timestamp(TimestampError::NotDigits { offset: 0 })
    );
    assert_eq!(
        check(&case.id, "99999999999999999999"),
        timestamp(TimestampError::OutOfRange)
    );
    assert_eq!(
        check(&case.id, &ts).map_err(|e| e.to_string()),
        Ok(()),
        "the untouched request still verifies"
    );
}

#[test]
fn standard_webhooks_secret_errors() {
    for platform in [Platform::STANDARD_WEBHOOKS, Platform::SVIX] {
        assert_eq!(platform.key("whsec_").err(), Some(KeyError::EmptySecret));
        assert_eq!(
            platform.key("whsec_abc$").err(),
            Some(KeyError::NotBase64 { offset: 9 })
        );
        assert_eq!(
            platform.verifier("whsec_abc$").err(),
            Some(KeyError::NotBase64 { offset: 9 })
        );
        assert_eq!(platform.signer("whsec_").err(), Some(KeyError::EmptySecret));
    }
    // The same reading, spelled out.
    assert_eq!(
        SigningKey::from_secret("whsec_abc$", SecretFormat::StandardWebhooks).err(),
        Some(KeyError::NotBase64 { offset: 9 })
    );
}

#[test]
fn stripe_checks_every_v1() {
    let secret = "whsec_test_stripe_secret_as_it_stands";
    let signer = Platform::STRIPE.signer(secret).unwrap();
    let good = build(Platform::STRIPE, &signer, NOW, "-");
    let value = good.headers()["stripe-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(value.starts_with(&format!("t={NOW},v1=")), "{value}");
    let good_v1 = value.split(",v1=").nth(1).unwrap();
    let wrong_v1 = "0".repeat(64);
    let verifier = Platform::STRIPE.verifier(secret).unwrap();
    let check = |value: &str| {
        let received = headers(&[("stripe-signature", value)]);
        verifier.verify(&received, BODY, at(NOW))
    };
    // Two v1 entries where only the first matches, and the reverse.
    assert_eq!(
        check(&format!("t={NOW},v1={good_v1},v1={wrong_v1}")),
        Ok(())
    );
    assert_eq!(
        check(&format!("t={NOW},v1={wrong_v1},v1={good_v1},v0={wrong_v1}")),
        Ok(())
    );
    assert_eq!(
        check(&format!("t={NOW},v1={wrong_v1}")),
        Err(VerifyError::Mismatch)
    );
    // The timestamp is signed: moving it breaks the signature.
    assert_eq!(
        check(&format!("t={},v1={good_v1}", NOW + 1)),
        Err(VerifyError::Mismatch)
    );
    // The prefix is part of Stripe's key: the same secret without it fails.
    let stripped = Platform::STRIPE
        .verifier("test_stripe_secret_as_it_stands")
        .unwrap();
    assert_eq!(
        stripped.verify_request(&good, at(NOW)),
        Err(VerifyError::Mismatch)
    );
}

/// Entries that cannot be read are passed over, as Stripe's and the
/// Standard Webhooks libraries pass them over (they compare each entry as
/// text), and a list longer than any rotation needs is still read to the
/// end: a garbled or extra entry never refuses the good one beside it.
#[test]
fn malformed_and_extra_entries_do_not_hide_a_good_signature() {
    let stripe_secret = "whsec_test_stripe_secret_as_it_stands";
    let stripe = build(
        Platform::STRIPE,
        &Platform::STRIPE.signer(stripe_secret).unwrap(),
        NOW,
        "-",
    );
    let stripe_value = stripe.headers()["stripe-signature"].to_str().unwrap();
    let good_v1 = stripe_value.split(",v1=").nth(1).unwrap().to_owned();
    let wrong_v1 = "0".repeat(64);
    let verifier = Platform::STRIPE.verifier(stripe_secret).unwrap();
    let stripe_check =
        |value: &str| verifier.verify(&headers(&[("stripe-signature", value)]), BODY, at(NOW));
    let malformed = |reason| {
        Err(VerifyError::Malformed {
            header: Platform::STRIPE.signature_header().clone(),
            reason,
        })
    };
    assert_eq!(stripe_check(&format!("t={NOW},v1=zz,v1={good_v1}")), Ok(()));
    assert_eq!(
        stripe_check(&format!("t={NOW},v1=,v1,v1={good_v1}")),
        Ok(())
    );
    // A ninth, and a fortieth: each compared, none refused for its place.
    for wrong in [8, 39] {
        let value = format!(
            "t={NOW}{},v1={good_v1}",
            format!(",v1={wrong_v1}").repeat(wrong)
        );
        assert_eq!(stripe_check(&value), Ok(()), "{wrong} wrong entries first");
        let value = format!("t={NOW}{}", format!(",v1={wrong_v1}").repeat(wrong + 1));
        assert_eq!(stripe_check(&value), Err(VerifyError::Mismatch));
    }
    // With nothing else left, the first unreadable entry is the error.
    assert_eq!(
        stripe_check(&format!("t={NOW},v1=zz,v1=")),
        malformed(SignatureError::InvalidCharacter {
            encoding: Encoding::Hex,
            offset: 16
        })
    );

    let case = &vectors().standard_webhooks.cases[0];
    let sw = Platform::STANDARD_WEBHOOKS.verifier(&case.secret).unwrap();
    let wrong = format!("v1,{}", "A".repeat(43) + "=");
    let sw_check = |list: &str| {
        let received = headers(&[
            ("webhook-id", &case.id),
            ("webhook-timestamp", &case.timestamp.to_string()),
            ("webhook-signature", list),
        ]);
        sw.verify(&received, case.body.as_bytes(), at(case.timestamp))
    };
    assert_eq!(sw_check(&format!("v1,!!!! {}", case.signature)), Ok(()));
    assert_eq!(sw_check(&format!("v1 v1,abc {}", case.signature)), Ok(()));
    for count in [8, 39] {
        let list = format!(
            "{} {}",
            vec![wrong.as_str(); count].join(" "),
            case.signature
        );
        assert_eq!(sw_check(&list), Ok(()), "{count} wrong entries first");
        let list = vec![wrong.as_str(); count + 1].join(" ");
        assert_eq!(sw_check(&list), Err(VerifyError::Mismatch));
    }
    assert_eq!(
        sw_check("v1,!!!!"),
        Err(VerifyError::Malformed {
            header: Platform::STANDARD_WEBHOOKS.signature_header().clone(),
            reason: SignatureError::InvalidCharacter {
                encoding: Encoding::Base64,
                offset: 3
            }
        })
    );
}

#[test]
fn stripe_malformed_headers() {
    let verifier = Platform::STRIPE.verifier("whsec_x").unwrap();
    let header = Platform::STRIPE.signature_header().clone();
    let v1 = "ab".repeat(32);
    let check_at = |value: &str, now: i64| {
        verifier.verify(&headers(&[("stripe-signature", value)]), BODY, at(now))
    };
    let check = |value: &str| check_at(value, NOW);
    let malformed = |reason| {
        Err(VerifyError::Malformed {
            header: header.clone(),
            reason,
        })
    };
    assert_eq!(
        check(&format!("v1={v1}")),
        malformed(SignatureError::NoTimestamp)
    );
    assert_eq!(
        check(&format!("t=1,t=2,v1={v1}")),
        malformed(SignatureError::DuplicateTimestamp)
    );
    // headers are read before the time is judged: `t=1` is decades stale,
    // and the value is still reported as malformed.
    assert_eq!(
        check(&format!("t=1,v0={v1}")),
        malformed(SignatureError::NoSignature { version: "v1" })
    );
    assert_eq!(
        check(&format!("t={NOW},v0={v1}")),
        malformed(SignatureError::NoSignature { version: "v1" })
    );
    assert_eq!(
        check(&format!("t={NOW},v1=xyz")),
        // `t=1700000000,v1=` is 16 bytes: the `x` is at offset 16.
        malformed(SignatureError::InvalidCharacter {
            encoding: Encoding::Hex,
            offset: 16
        })
    );
    // headers are read before the time is judged: the same at any `now`.
    assert_eq!(
        check_at(&format!("t={NOW},v1=xyz"), NOW + 86_400),
        check(&format!("t={NOW},v1=xyz"))
    );
    assert_eq!(
        check(&format!("t=-5,v1={v1}")),
        Err(VerifyError::Timestamp {
            header: header.clone(),
            reason: TimestampError::Negative
        })
    );
    assert_eq!(
        check(&format!("t=,v1={v1}")),
        Err(VerifyError::Timestamp {
            header: header.clone(),
            reason: TimestampError::Empty
        })
    );
    let missing = verifier
        .verify(&HeaderMap::new(), BODY, at(NOW))
        .unwrap_err();
    assert_eq!(
        missing,
        VerifyError::Header(HeaderError::Missing {
            header: header.clone()
        })
    );
    assert_eq!(missing.to_string(), "missing header Stripe-Signature");
}

#[test]
fn tolerance_edges_in_every_timestamped_scheme() {
    // One string, read by each platform in its own format: base64-decoded
    // by Standard Webhooks and Svix, as it stands by Stripe and Slack.
    let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    for platform in TIMESTAMPED {
        let signer = platform.signer(secret).unwrap();
        let verifier = platform.verifier(secret).unwrap();
        assert_eq!(verifier.tolerance(), Some(Tolerance::DEFAULT));
        let check = |signed_at: i64| {
            verifier.verify_request(&build(platform, &signer, signed_at, "msg_1"), at(NOW))
        };
        assert_eq!(
            check(NOW - 300),
            Ok(()),
            "{} exactly 300 s old",
            platform.name()
        );
        assert_eq!(
            check(NOW + 300),
            Ok(()),
            "{} exactly 300 s ahead",
            platform.name()
        );
        assert_eq!(
            check(NOW - 301),
            Err(VerifyError::Stale(FreshnessError::TooOld {
                timestamp: at(NOW - 301),
                now: at(NOW),
                tolerance: Tolerance::DEFAULT
            })),
            "{}",
            platform.name()
        );
        // Stripe's own libraries refuse only old timestamps, so a receiver
        // whose clock runs slow still takes genuine events; the others
        // refuse both ways.
        let ahead = if platform.scheme().refuses_future_timestamps() {
            Err(VerifyError::Stale(FreshnessError::InFuture {
                timestamp: at(NOW + 301),
                now: at(NOW),
                tolerance: Tolerance::DEFAULT,
            }))
        } else {
            Ok(())
        };
        assert_eq!(check(NOW + 301), ahead, "{}", platform.name());
        assert_eq!(
            platform.scheme().refuses_future_timestamps(),
            platform.scheme() != hooksig::Scheme::Stripe
        );
        // A tighter tolerance is the caller's choice...
        let tight = verifier
            .clone()
            .with_tolerance(Tolerance::new(Duration::from_secs(10)).unwrap());
        assert_eq!(
            tight.tolerance(),
            Some(Tolerance::new(Duration::from_secs(10)).unwrap())
        );
        let request = build(platform, &signer, NOW - 11, "msg_1");
        assert!(matches!(
            tight.verify_request(&request, at(NOW)),
            Err(VerifyError::Stale(_))
        ));
        // ...and skipping the check lives only in `dangerous`.
        let old = build(platform, &signer, NOW - 86_400, "msg_1");
        let lax = dangerous::skip_timestamp_check(verifier.clone());
        assert_eq!(lax.tolerance(), None);
        assert_eq!(lax.verify_request(&old, at(NOW)), Ok(()));
        // Even then the timestamp is signed: changing it still fails.
        let mut moved = old.clone();
        if let Some(name) = platform.timestamp_header() {
            moved
                .headers_mut()
                .insert(name.name(), HeaderValue::from(NOW));
            assert_eq!(
                lax.verify_request(&moved, at(NOW)),
                Err(VerifyError::Mismatch)
            );
        }
    }
}

#[test]
fn rotation_in_every_scheme() {
    let keys = || ["old-secret", "new-secret"].map(|s| SigningKey::new(s).unwrap());
    // Discord signs with Ed25519 only: its rotation is in tests/api/ed25519.rs.
    for platform in Platform::PRESETS
        .into_iter()
        .filter(|platform| platform.scheme() != Scheme::Discord)
    {
        let verifier = platform.verifier_from_keys(keys()).unwrap();
        assert_eq!(verifier.key_count(), 2);
        for key in keys() {
            let request = build(platform, &Signer::from_key(key), NOW, "msg_1");
            assert_eq!(
                verifier.verify_request(&request, at(NOW)),
                Ok(()),
                "{}",
                platform.name()
            );
        }
        let stranger = build(platform, &raw_signer("third"), NOW, "msg_1");
        assert_eq!(
            verifier.verify_request(&stranger, at(NOW)),
            Err(VerifyError::Mismatch)
        );
        let mut tampered = build(platform, &raw_signer("new-secret"), NOW, "msg_1");
        tampered.body_mut()[3] ^= 1;
        assert_eq!(
            verifier.verify_request(&tampered, at(NOW)),
            Err(VerifyError::Mismatch)
        );
    }
    assert_eq!(
        Platform::STRIPE.verifier_from_keys([]).err(),
        Some(KeyError::NoSecrets)
    );
}

/// Was `timestamped_platforms_need_now` (a verifier called without `now`
/// for a timestamped scheme got `VerifyError::TimeRequired`). Every check
/// now takes `now`: a timestamped platform always judges it, and a
/// body-only platform ignores it. The sending side still needs the time.
#[test]
fn timestamped_platforms_always_judge_now_and_body_only_ones_ignore_it() {
    let signer = raw_signer("s");
    for platform in TIMESTAMPED {
        let verifier = platform
            .verifier_from_keys([SigningKey::new("s").unwrap()])
            .unwrap();
        let request = build(platform, &signer, NOW, "msg_1");
        assert_eq!(verifier.verify_request(&request, at(NOW)), Ok(()));
        // `now` long after the signing time: the request is too old.
        for far in [Timestamp::MAX, at(NOW + 301)] {
            assert!(
                matches!(
                    verifier.verify_request(&request, far),
                    Err(VerifyError::Stale(FreshnessError::TooOld { .. }))
                ),
                "{} at {far}",
                platform.name()
            );
        }
        // `now` long before it: the request is from the future, which
        // Stripe (as its own libraries do) lets pass.
        for far in [Timestamp::UNIX_EPOCH, Timestamp::MIN, at(NOW - 301)] {
            let result = verifier.verify_request(&request, far);
            if platform.scheme().refuses_future_timestamps() {
                assert!(
                    matches!(
                        result,
                        Err(VerifyError::Stale(FreshnessError::InFuture { .. }))
                    ),
                    "{} at {far}",
                    platform.name()
                );
            } else {
                assert_eq!(result, Ok(()), "{} at {far}", platform.name());
            }
        }
        let unsent = platform
            .request("https://x.example/")
            .delivery_id("m")
            .sign_with(&signer);
        assert!(matches!(
            unsent.body(BODY.to_vec()),
            Err(RequestError::MissingTimestamp { scheme }) if scheme == platform.scheme()
        ));
    }
    for platform in Platform::PRESETS
        .into_iter()
        .filter(|p| !p.scheme().is_timestamped())
    {
        let verifier = platform
            .verifier_from_keys([SigningKey::new("s").unwrap()])
            .unwrap();
        let request = build(platform, &signer, NOW, "msg_1");
        for now in [
            Timestamp::MIN,
            Timestamp::UNIX_EPOCH,
            at(NOW),
            Timestamp::MAX,
        ] {
            assert_eq!(
                verifier.verify_request(&request, now),
                Ok(()),
                "{} at {now}",
                platform.name()
            );
            let mut tampered = request.clone();
            tampered.body_mut()[0] ^= 1;
            assert_eq!(
                verifier.verify_request(&tampered, now),
                Err(VerifyError::Mismatch)
            );
        }
    }
    let before_1970 = Platform::STRIPE
        .request("https://x.example/")
        .timestamp(at(-1))
        .sign_with(&signer)
        .body(Vec::new());
    assert!(matches!(
        before_1970,
        Err(RequestError::TimestampBefore1970 { .. })
    ));
    let dotted = Platform::STANDARD_WEBHOOKS
        .request("https://x.example/")
        .delivery_id("msg.1")
        .timestamp(at(NOW))
        .sign_with(&signer)
        .body(Vec::new());
    assert!(matches!(
        dotted,
        Err(RequestError::Id {
            reason: IdError::Dot { offset: 3 },
            ..
        })
    ));
}

#[test]
fn slack_published_vector() {
    for case in vectors().slack.cases {
        let signer = Platform::SLACK.signer(&case.secret).unwrap();
        let request = build_with_body(
            Platform::SLACK,
            &signer,
            case.timestamp,
            "-",
            case.body.as_bytes(),
        );
        assert_eq!(
            request.headers()["x-slack-signature"],
            case.signature.as_str()
        );
        assert_eq!(
            request.headers()["x-slack-request-timestamp"],
            case.timestamp.to_string().as_str()
        );

        let received = headers(&[
            ("X-Slack-Signature", &case.signature),
            ("X-Slack-Request-Timestamp", &case.timestamp.to_string()),
        ]);
        let verifier = Platform::SLACK.verifier(&case.secret).unwrap();
        let now = at(case.timestamp + 60);
        assert_eq!(
            verifier.verify(&received, case.body.as_bytes(), now),
            Ok(())
        );
        let late = at(case.timestamp + 301);
        assert!(matches!(
            verifier.verify(&received, case.body.as_bytes(), late),
            Err(VerifyError::Stale(FreshnessError::TooOld { .. }))
        ));
        let v1 = headers(&[
            ("X-Slack-Signature", &case.signature.replace("v0=", "v1=")),
            ("X-Slack-Request-Timestamp", &case.timestamp.to_string()),
        ]);
        let error = verifier.verify(&v1, case.body.as_bytes(), now).unwrap_err();
        assert_eq!(
            error.to_string(),
            "header X-Slack-Signature: v1 is not supported, only v0"
        );
        // headers are read before the time is judged: late, still malformed.
        assert_eq!(verifier.verify(&v1, case.body.as_bytes(), late), Err(error));
        let no_ts = headers(&[("X-Slack-Signature", &case.signature)]);
        let error = verifier
            .verify(&no_ts, case.body.as_bytes(), now)
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "missing header X-Slack-Request-Timestamp"
        );
    }
}

#[test]
fn shopify_base64_body_signature() {
    let signer = Platform::SHOPIFY.signer("shopify-client-secret").unwrap();
    let request = Platform::SHOPIFY
        .request("https://receiver.example/shopify")
        .event("orders/create")
        .delivery_id("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
        .sign_with(&signer)
        .body(BODY.to_vec())
        .unwrap();
    let value = request.headers()["x-shopify-hmac-sha256"].to_str().unwrap();
    assert_eq!(
        value,
        signer
            .sign(BODY)
            .unwrap()
            .to_value(Encoding::Base64)
            .to_string()
    );
    assert_eq!(value.len(), 44);
    assert_eq!(request.headers()["x-shopify-topic"], "orders/create");
    let verifier = Platform::SHOPIFY.verifier("shopify-client-secret").unwrap();
    let now = at(NOW);
    assert_eq!(verifier.verify_request(&request, now), Ok(()));
    // Unpadded base64 is accepted too; hex is not base64.
    let mut unpadded = request.clone();
    unpadded.headers_mut().insert(
        "x-shopify-hmac-sha256",
        value.trim_end_matches('=').parse().unwrap(),
    );
    assert_eq!(verifier.verify_request(&unpadded, now), Ok(()));
    let mut hex = request.clone();
    hex.headers_mut().insert(
        "x-shopify-hmac-sha256",
        signer.sign(BODY).unwrap().to_string().parse().unwrap(),
    );
    assert!(matches!(
        verifier.verify_request(&hex, now),
        Err(VerifyError::Malformed {
            reason: SignatureError::Length {
                encoding: Encoding::Base64,
                found: 64,
                ..
            },
            ..
        })
    ));
}
