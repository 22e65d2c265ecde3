//! The core presets of issue #19 (Linear, Dropbox, Razorpay, Coinbase
//! Commerce, Typeform, Zoom, Paddle, Twitch, Zendesk, Clerk, Resend):
//! each vendor's documented example or SDK vector, kept as data in
//! tests/data/providers/, verifies; every part of it tampered fails; and
//! each preset verifies its own requests.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::{fs, path::Path};

use hooksig::{
    FreshnessError, Platform, Scheme, SignatureError, SigningKey, Tolerance, VerifyError,
    provider::Zoom,
};
use http::{HeaderMap, HeaderName, HeaderValue};
use jiff::Timestamp;
use serde_json::Value;

/// Each data file, and the presets its cases are for.
const FILES: [(&str, &[&Platform]); 10] = [
    ("linear", &[Platform::LINEAR]),
    ("dropbox", &[Platform::DROPBOX]),
    ("razorpay", &[Platform::RAZORPAY]),
    ("coinbase_commerce", &[Platform::COINBASE_COMMERCE]),
    ("typeform", &[Platform::TYPEFORM]),
    ("zoom", &[Platform::ZOOM]),
    ("paddle", &[Platform::PADDLE]),
    ("twitch", &[Platform::TWITCH]),
    ("zendesk", &[Platform::ZENDESK]),
    ("svix_senders", &[Platform::CLERK, Platform::RESEND]),
];

/// The presets this file covers.
const PRESETS: [&Platform; 11] = [
    Platform::LINEAR,
    Platform::DROPBOX,
    Platform::RAZORPAY,
    Platform::COINBASE_COMMERCE,
    Platform::TYPEFORM,
    Platform::ZOOM,
    Platform::PADDLE,
    Platform::TWITCH,
    Platform::ZENDESK,
    Platform::CLERK,
    Platform::RESEND,
];

fn data(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/providers")
        .join(format!("{name}.json"));
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

struct Case {
    name: String,
    secrets: Vec<String>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    now: Timestamp,
}

fn cases(file: &Value) -> Vec<Case> {
    file["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| Case {
            name: case["name"].as_str().unwrap().to_owned(),
            secrets: case["secrets"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_owned())
                .collect(),
            headers: case["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(name, value)| (name.clone(), value.as_str().unwrap().to_owned()))
                .collect(),
            body: case["body"].as_str().unwrap().as_bytes().to_vec(),
            now: Timestamp::from_second(case["now"].as_i64().unwrap()).unwrap(),
        })
        .collect()
}

fn map(headers: &[(String, String)]) -> HeaderMap {
    headers
        .iter()
        .map(|(name, value)| {
            (
                HeaderName::try_from(name.as_str()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            )
        })
        .collect()
}

/// One character of `value` changed, near its end (inside the MAC or the
/// timestamp's seconds), to another of the same kind.
fn respelled(value: &str, at_end: usize) -> String {
    let mut bytes = value.as_bytes().to_vec();
    let index = bytes.len() - 1 - at_end;
    bytes[index] = match bytes[index] {
        b'0' => b'1',
        b'a' | b'A' => b'b',
        b'=' => unreachable!(),
        _ if bytes[index].is_ascii_digit() => b'0',
        _ => b'A',
    };
    String::from_utf8(bytes).unwrap()
}

#[test]
fn each_vendor_vector_verifies_and_every_part_tampered_fails() {
    for (file, platforms) in FILES {
        let file_data = data(file);
        assert!(file_data["docs"].as_str().is_some_and(|s| s.len() > 40));
        assert!(file_data["sdk"].as_str().is_some_and(|s| s.len() > 20));
        for platform in platforms {
            for case in cases(&file_data) {
                let label = format!("{file}: {} ({})", case.name, platform.name());
                let verifier = platform.verifier_with_secrets(&case.secrets).unwrap();
                let headers = map(&case.headers);
                assert_eq!(
                    verifier.verify(&headers, &case.body, case.now),
                    Ok(()),
                    "{label}"
                );

                // The body, one byte changed or one added.
                let mut body = case.body.clone();
                *body.last_mut().unwrap() ^= 1;
                assert_eq!(
                    verifier.verify(&headers, &body, case.now),
                    Err(VerifyError::Mismatch),
                    "{label}: body"
                );
                body = case.body.clone();
                body.push(b' ');
                assert!(
                    verifier.verify(&headers, &body, case.now).is_err(),
                    "{label}"
                );

                // Another secret.
                let others: Vec<String> = case.secrets.iter().map(|s| other_secret(s)).collect();
                let stranger = platform.verifier_with_secrets(&others).unwrap();
                assert_eq!(
                    stranger.verify(&headers, &case.body, case.now),
                    Err(VerifyError::Mismatch),
                    "{label}: secret"
                );

                // Each header the scheme reads, tampered and missing.
                let signature = platform.signature_header().name();
                let timestamp = platform.timestamp_header().map(|h| h.name().to_owned());
                let id = platform
                    .delivery_header()
                    .filter(|_| {
                        matches!(platform.scheme(), Scheme::StandardWebhooks | Scheme::Twitch)
                    })
                    .map(|h| h.name().to_owned());
                for (name, value) in &case.headers {
                    let lower = name.to_ascii_lowercase();
                    let tampered = if lower == signature {
                        // Inside the MAC, past any base64 padding and the last
                        // symbol's unused bits.
                        let pad = value.bytes().rev().take_while(|&b| b == b'=').count();
                        respelled(value, pad + 3)
                    } else if Some(&lower) == timestamp.as_ref() {
                        // A second later: `...00Z` or `...626Z`, or digits.
                        let end = usize::from(value.ends_with('Z'));
                        respelled(value, end)
                    } else if Some(&lower) == id.as_ref() {
                        format!("{value}x")
                    } else {
                        continue;
                    };
                    let mut changed = case.headers.clone();
                    changed.iter_mut().find(|(n, _)| n == name).unwrap().1 = tampered;
                    assert_eq!(
                        verifier.verify(&map(&changed), &case.body, case.now),
                        Err(VerifyError::Mismatch),
                        "{label}: {name} tampered"
                    );
                    let without: Vec<_> = case
                        .headers
                        .iter()
                        .filter(|(n, _)| n != name)
                        .cloned()
                        .collect();
                    assert!(
                        matches!(
                            verifier.verify(&map(&without), &case.body, case.now),
                            Err(VerifyError::Header(_))
                        ),
                        "{label}: without {name}"
                    );
                }
            }
        }
    }
}

/// A secret of the same format that is another secret.
fn other_secret(secret: &str) -> String {
    match secret.strip_prefix("whsec_") {
        // Base64 of other bytes: `whsec_` + the text with its first
        // character changed, still base64.
        Some(rest) => {
            let first = if rest.starts_with('A') { "B" } else { "A" };
            format!("whsec_{first}{}", &rest[1..])
        }
        None => format!("{secret}!"),
    }
}

#[test]
fn timestamps_outside_each_vendors_window_fail() {
    // Paddle: the SDK's 5 seconds, each way.
    let paddle = data("paddle");
    let case = &cases(&paddle)[0];
    let verifier = Platform::PADDLE
        .verifier_with_secrets(&case.secrets)
        .unwrap();
    let headers = map(&case.headers);
    let at = |delta: i64| Timestamp::from_second(case.now.as_second() + delta).unwrap();
    assert_eq!(verifier.verify(&headers, &case.body, at(5)), Ok(()));
    assert_eq!(verifier.verify(&headers, &case.body, at(-5)), Ok(()));
    assert!(matches!(
        verifier.verify(&headers, &case.body, at(6)),
        Err(VerifyError::Stale(FreshnessError::TooOld { .. }))
    ));
    assert!(matches!(
        verifier.verify(&headers, &case.body, at(-6)),
        Err(VerifyError::Stale(FreshnessError::InFuture { .. }))
    ));

    // Paddle's timestamp is in its signature header: another is another
    // signed content.
    let (_, value) = &case.headers[0];
    let moved = [(
        "Paddle-Signature",
        value.replace("ts=1696195954", "ts=1696195955"),
    )];
    assert_eq!(
        verifier.verify(&moved, &case.body, case.now),
        Err(VerifyError::Mismatch)
    );

    // Twitch: older than 10 minutes fails; ahead of `now` passes.
    let twitch = data("twitch");
    let case = &cases(&twitch)[0];
    let verifier = Platform::TWITCH
        .verifier_with_secrets(&case.secrets)
        .unwrap();
    let headers = map(&case.headers);
    // The timestamp is 10:11:12.634234626: `now` is taken in whole seconds.
    let at = |delta: i64| Timestamp::from_second(case.now.as_second() + delta).unwrap();
    assert_eq!(verifier.verify(&headers, &case.body, at(600)), Ok(()));
    assert!(matches!(
        verifier.verify(&headers, &case.body, at(601)),
        Err(VerifyError::Stale(FreshnessError::TooOld { .. }))
    ));
    assert_eq!(verifier.verify(&headers, &case.body, at(-86_400)), Ok(()));
    assert_eq!(
        verifier.tolerance().map(Tolerance::duration),
        Some(std::time::Duration::from_secs(600))
    );

    // Zendesk and Zoom: 5 minutes each way.
    for (file, platform) in [("zendesk", Platform::ZENDESK), ("zoom", Platform::ZOOM)] {
        let file = data(file);
        let case = &cases(&file)[0];
        let verifier = platform.verifier_with_secrets(&case.secrets).unwrap();
        let headers = map(&case.headers);
        let at = |delta: i64| Timestamp::from_second(case.now.as_second() + delta).unwrap();
        assert_eq!(verifier.verify(&headers, &case.body, at(300)), Ok(()));
        assert_eq!(verifier.verify(&headers, &case.body, at(-300)), Ok(()));
        assert!(verifier.verify(&headers, &case.body, at(301)).is_err());
        assert!(verifier.verify(&headers, &case.body, at(-301)).is_err());
    }
}

#[test]
fn zendesk_signs_the_timestamp_then_the_body() {
    // The event-connectors page's example signs body then timestamp: the
    // preset follows the webhooks page and its code, and so refuses it.
    let example = &data("zendesk")["conflicting_example"];
    let text = |key: &str| example[key].as_str().unwrap();
    let headers = [
        ("X-Zendesk-Webhook-Signature", text("signature")),
        ("X-Zendesk-Webhook-Signature-Timestamp", text("timestamp")),
    ];
    let now = Timestamp::from_second(1_627_207_200).unwrap();
    let verifier = Platform::ZENDESK.verifier(text("secret")).unwrap();
    assert_eq!(
        verifier.verify(&headers, text("body").as_bytes(), now),
        Err(VerifyError::Mismatch)
    );
    let key = SigningKey::new(text("secret")).unwrap();
    let body_then_time = key.sign_parts(&[text("body").as_bytes(), text("timestamp").as_bytes()]);
    assert_eq!(
        body_then_time
            .to_value(hooksig::Encoding::Base64)
            .to_string(),
        text("signature")
    );
}

#[test]
fn zoom_url_validation_matches_the_sample_app() {
    let example = &data("zoom")["url_validation"];
    let text = |key: &str| example[key].as_str().unwrap();
    let zoom = Zoom::new(text("secret")).unwrap();
    let answer = zoom.url_validation(text("plainToken")).unwrap();
    assert_eq!(answer.encrypted_token(), text("encryptedToken"));
    let json: Value = serde_json::from_str(&answer.to_json()).unwrap();
    assert_eq!(json["plainToken"], text("plainToken"));
    assert_eq!(json["encryptedToken"], text("encryptedToken"));
    // Another secret token answers otherwise.
    let other = Zoom::new(format!("{}!", text("secret"))).unwrap();
    assert_ne!(other.url_validation(text("plainToken")).unwrap(), answer);
}

#[test]
fn every_core_preset_verifies_its_own_requests_and_refuses_them_tampered() {
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    for platform in PRESETS {
        let secret = if platform.scheme() == Scheme::StandardWebhooks {
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
        } else {
            "a-core-preset-secret"
        };
        let signer = platform.signer(secret).unwrap();
        let body = br#"{"event":"core.test","n":1}"#.to_vec();
        let request = platform
            .request("https://receiver.example/hooks")
            .event("core.test")
            .delivery_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
            .timestamp(now)
            .sign_with(&signer)
            .body(body.clone())
            .unwrap();
        let verifier = platform.verifier(secret).unwrap();
        let name = platform.name();
        assert_eq!(verifier.verify_request(&request, now), Ok(()), "{name}");
        assert_eq!(
            verifier.verify(request.headers(), b"{}", now),
            Err(VerifyError::Mismatch),
            "{name}"
        );
        // Signed long ago: every timestamped scheme refuses it.
        let later = Timestamp::from_second(1_700_000_000 + 3_600).unwrap();
        assert_eq!(
            verifier.verify_request(&request, later).is_ok(),
            !platform.scheme().is_timestamped(),
            "{name}"
        );
        // What the signer wrote is what `Platform::sign` writes.
        let signed = platform
            .sign(
                &signer,
                &body,
                Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
                Some(now),
            )
            .unwrap();
        assert_eq!(
            request.headers()[platform.signature_header().name()],
            signed.signature(),
            "{name}"
        );
    }
}

#[test]
fn senders_write_each_vendors_format() {
    let now = Timestamp::new(1_573_899_072, 634_234_626).unwrap();
    let sign = |platform: &Platform| {
        let signer = platform.signer("secret").unwrap();
        platform
            .sign(&signer, b"{}", Some("e76c6bd4"), Some(now))
            .unwrap()
    };
    let paddle = sign(Platform::PADDLE);
    let paddle = paddle.signature().to_str().unwrap();
    assert!(paddle.starts_with("ts=1573899072;h1="), "{paddle}");
    assert_eq!(paddle.len(), "ts=1573899072;h1=".len() + 64);
    let twitch = sign(Platform::TWITCH);
    assert_eq!(
        twitch.timestamp().unwrap(),
        "2019-11-16T10:11:12.634234626Z"
    );
    assert!(twitch.signature().as_bytes().starts_with(b"sha256="));
    let zendesk = sign(Platform::ZENDESK);
    assert_eq!(zendesk.timestamp().unwrap(), "2019-11-16T10:11:12Z");
    assert_eq!(zendesk.signature().len(), 44);
    let typeform = sign(Platform::TYPEFORM);
    assert!(typeform.signature().as_bytes().starts_with(b"sha256="));
    assert_eq!(typeform.signature().len(), 7 + 44);
    let zoom = sign(Platform::ZOOM);
    assert_eq!(zoom.timestamp().unwrap(), "1573899072");
    assert!(zoom.signature().as_bytes().starts_with(b"v0="));
    // A Twitch message id is signed: none given is an error.
    let signer = Platform::TWITCH.signer("secret").unwrap();
    assert!(
        Platform::TWITCH
            .sign(&signer, b"{}", None, Some(now))
            .is_err()
    );
    // Paddle lists an h1 per secret while one rotates.
    let rotating = Platform::PADDLE
        .signer_with_secrets(["new", "old"])
        .unwrap();
    let signed = Platform::PADDLE
        .sign(&rotating, b"{}", None, Some(now))
        .unwrap();
    assert_eq!(
        signed.signature().to_str().unwrap().matches(";h1=").count(),
        2
    );
    let old = Platform::PADDLE.verifier("old").unwrap();
    let headers = [("Paddle-Signature", signed.signature().to_str().unwrap())];
    assert_eq!(old.verify(&headers, b"{}", now), Ok(()));
}

#[test]
fn malformed_headers_say_what_is_wrong() {
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    let paddle = Platform::PADDLE.verifier("s").unwrap();
    let check = |value: &str| paddle.verify(&[("Paddle-Signature", value)], b"{}", now);
    assert_eq!(
        check(&format!("h1={}", "ab".repeat(32))),
        Err(VerifyError::Malformed {
            header: Platform::PADDLE.signature_header().clone(),
            reason: SignatureError::NoTimestampField { field: "ts" }
        })
    );
    assert!(matches!(
        check("ts=1700000000"),
        Err(VerifyError::Malformed { .. })
    ));
    assert!(matches!(
        check(&format!("ts=17e8;h1={}", "ab".repeat(32))),
        Err(VerifyError::Timestamp { .. })
    ));

    let twitch = Platform::TWITCH.verifier("s").unwrap();
    let result = twitch.verify(
        &[
            ("Twitch-Eventsub-Message-Id", "id"),
            ("Twitch-Eventsub-Message-Timestamp", "1700000000"),
            (
                "Twitch-Eventsub-Message-Signature",
                &format!("sha256={}", "ab".repeat(32)),
            ),
        ],
        b"{}",
        now,
    );
    assert_eq!(
        result.unwrap_err().to_string(),
        "header Twitch-Eventsub-Message-Timestamp: timestamp is not an RFC 3339 date and time with an offset"
    );

    let typeform = Platform::TYPEFORM.verifier("s").unwrap();
    let bare = SigningKey::new("s").unwrap().sign(b"{}");
    let bare = bare.to_value(hooksig::Encoding::Base64).to_string();
    assert!(matches!(
        typeform.verify(&[("Typeform-Signature", bare.as_str())], b"{}", now),
        Err(VerifyError::Malformed {
            reason: SignatureError::WrongEncoding { .. },
            ..
        })
    ));
}

#[allow(unreachable_pub, dead_code)]
#[path = "../fuzz_corpus/providers_core.rs"]
mod fuzz_target;

#[allow(dead_code)]
#[path = "../fuzz_corpus/replay.rs"]
mod replay;

/// The saved inputs of the `core_headers` fuzz target, replayed on stable.
#[test]
fn core_headers_corpus() {
    let mut accepted = [0; 4];
    for results in replay::replay("core_headers", fuzz_target::core_headers) {
        for (count, result) in accepted.iter_mut().zip(&results) {
            *count += usize::from(result.is_ok());
        }
    }
    // The seeds reach acceptance in each reader, not only its errors.
    assert!(accepted.iter().all(|&count| count > 0), "{accepted:?}");
}
