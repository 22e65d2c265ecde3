//! The checks every adapter's server passes; [`suite!`] makes them tests
//! of an adapter's module.

use std::rc::Rc;

use hooksig::{Platform, Tolerance, VerifyError};
use http::StatusCode;
use jiff::SignedDuration;

use super::{Framing, LIMIT, Seen, Server, case, send, send_raw, signer, stripe, stripe_now};

/// The suite's tests, for the adapter whose server `$start` starts.
macro_rules! suite {
    ($start:path) => {
        #[tokio::test]
        async fn every_seed_platform_is_accepted() {
            $crate::bounded($start(), $crate::suite::accepted).await;
        }

        #[tokio::test]
        async fn the_exact_bytes_reach_the_handler() {
            $crate::bounded($start(), $crate::suite::exact_bytes).await;
        }

        #[tokio::test]
        async fn forged_and_unsigned_requests_get_401() {
            $crate::bounded($start(), $crate::suite::forgeries).await;
        }

        #[tokio::test]
        async fn authentic_bodies_that_are_not_events_get_400() {
            $crate::bounded($start(), $crate::suite::bad_payloads).await;
        }

        #[tokio::test]
        async fn bodies_over_the_limit_get_413_declared_or_chunked() {
            $crate::bounded($start(), $crate::suite::oversized).await;
        }
    };
}
pub(crate) use suite;

/// Every seed platform's signed delivery is verified, decoded where it has
/// an envelope, and handled; so is a Stripe delivery at the receiver's
/// time.
pub(crate) async fn accepted(server: Rc<Server>) {
    let mut expected = Vec::new();
    for (n, platform) in Platform::SEEDS.into_iter().enumerate() {
        let case = case(platform);
        let url = format!("{}{}", server.base, case.typed_path());
        let delivery = format!("00000000-0000-4000-8000-{n:012}");
        let request = case.request(url, &signer(platform), &delivery, &case.body);
        let (status, body) = send(request).await;
        assert_eq!(
            status,
            StatusCode::NO_CONTENT,
            "{}: {body}",
            platform.name()
        );
        expected.push(if case.typed() {
            Seen::Event(platform.name().to_owned(), case.event.to_owned())
        } else {
            Seen::Bytes(case.segment.to_owned(), case.body.clone().into())
        });
    }
    let payment = br#"{"id":"evt_1","type":"payment_intent.succeeded"}"#;
    let (status, body) = send(stripe(
        format!("{}/raw/stripe", server.base),
        payment,
        stripe_now(),
    ))
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "Stripe: {body}");
    expected.push(Seen::Bytes("stripe".to_owned(), payment.to_vec().into()));
    assert_eq!(server.log.seen(), expected);
}

/// Each platform's raw route hands over the bytes as sent, whitespace and
/// all; a chunked body arrives joined, byte for byte.
pub(crate) async fn exact_bytes(server: Rc<Server>) {
    let mut expected = Vec::new();
    for platform in Platform::SEEDS {
        let case = case(platform);
        let url = format!("{}{}", server.base, case.raw_path());
        let request = case.request(url, &signer(platform), "d-1", &case.body);
        assert_eq!(
            send(request).await.0,
            StatusCode::NO_CONTENT,
            "{}",
            platform.name()
        );
        expected.push(Seen::Bytes(
            case.segment.to_owned(),
            case.body.clone().into(),
        ));
    }
    let cortex = case(Platform::CORTEX);
    // Every byte value, in chunks of 4 KiB: several frames to join.
    let body: Vec<u8> = (0..10_000_u32).map(|n| (n * 7 % 256) as u8).collect();
    let url = format!("{}{}", server.base, cortex.raw_path());
    let request = cortex.request(url, &signer(Platform::CORTEX), "d-2", &body);
    assert_eq!(
        send_raw(request, Framing::Chunked).await,
        StatusCode::NO_CONTENT
    );
    expected.push(Seen::Bytes("cortex".to_owned(), body.into()));
    assert_eq!(server.log.seen(), expected);
}

/// Tampered bodies, other secrets, missing and malformed signatures, and a
/// stale signed timestamp: 401, saying what was wrong but nothing of the
/// signatures; nothing handled.
pub(crate) async fn forgeries(server: Rc<Server>) {
    for platform in Platform::SEEDS {
        let case = case(platform);
        let name = platform.name();
        let url = || format!("{}{}", server.base, case.typed_path());
        let intruder = platform.signer("not-the-secret").unwrap();

        // Still a valid event after the change: only the signature can
        // tell.
        let mut tampered = case.request(url(), &signer(platform), "d-1", &case.body);
        tampered.body_mut().push(b' ');
        let (status, body) = send(tampered).await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::UNAUTHORIZED, "signature did not match"),
            "{name}"
        );

        let wrong = case.request(url(), &intruder, "d-2", &case.body);
        let signature = wrong.headers()[platform.signature_header().name()]
            .to_str()
            .unwrap()
            .to_owned();
        let (status, body) = send(wrong).await;
        assert_eq!(
            (status, body.as_str()),
            (StatusCode::UNAUTHORIZED, "signature did not match"),
            "{name}"
        );
        assert!(!body.contains(&signature[signature.len() - 64..]));

        // Verified before decoded: garbage from an intruder is a 401.
        let garbage = case.request(url(), &intruder, "d-3", b"not json");
        assert_eq!(send(garbage).await.0, StatusCode::UNAUTHORIZED, "{name}");

        let mut unsigned = case.request(url(), &signer(platform), "d-4", &case.body);
        unsigned
            .headers_mut()
            .remove(platform.signature_header().name());
        let (status, body) = send(unsigned).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
        assert_eq!(
            body,
            format!("missing header {}", platform.signature_header())
        );

        let mut malformed = case.request(url(), &signer(platform), "d-5", &case.body);
        malformed.headers_mut().insert(
            platform.signature_header().name(),
            "sha256=not-hex".parse().unwrap(),
        );
        let (status, body) = send(malformed).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{name}");
        assert!(body.starts_with("header "), "{name}: {body}");
        assert!(!body.contains("not-hex"), "{name}: {body}");
    }

    let stale = stripe_now() - SignedDuration::from_mins(10);
    let (status, body) = send(stripe(format!("{}/raw/stripe", server.base), b"{}", stale)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let expected = VerifyError::Stale(Tolerance::DEFAULT.check(stale, stripe_now()).unwrap_err());
    assert_eq!(body, expected.to_string());
    assert_eq!(server.log.seen(), []);
}

/// Signed bodies that are not the platform's event: 400, naming the event
/// and field; nothing handled.
pub(crate) async fn bad_payloads(server: Rc<Server>) {
    for platform in Platform::SEEDS {
        let case = case(platform);
        if !case.typed() {
            continue;
        }
        let name = platform.name();
        let url = || format!("{}{}", server.base, case.typed_path());
        let signer = signer(platform);

        let not_json = case.request(url(), &signer, "d-1", b"{\"event\":");
        let (status, body) = send(not_json).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        assert!(
            body.starts_with("body is not a JSON object"),
            "{name}: {body}"
        );

        let bare = format!(r#"{{"event":"{}"}}"#, case.event);
        let (status, body) = send(case.request(url(), &signer, "d-2", bare.as_bytes())).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{name}");
        assert!(body.starts_with(case.event), "{name}: {body}");
        assert!(body.contains("missing field"), "{name}: {body}");
    }
    assert_eq!(server.log.seen(), []);
}

/// The limit itself passes; one byte over is a 413 from the declared
/// length, a chunked body is cut off as it arrives, and a huge declared
/// length is refused with none of the body sent.
pub(crate) async fn oversized(server: Rc<Server>) {
    let cortex = case(Platform::CORTEX);
    let signer = signer(Platform::CORTEX);
    let url = || format!("{}{}", server.base, cortex.typed_path());
    // The seed event padded with JSON whitespace: still valid, still
    // signed, exactly `size` bytes.
    let padded = |size: usize| {
        let mut body = cortex.body.clone();
        body.resize(size, b' ');
        body
    };

    let at_limit = cortex.request(url(), &signer, "d-1", &padded(LIMIT));
    assert_eq!(send(at_limit).await.0, StatusCode::NO_CONTENT);

    let over = cortex.request(url(), &signer, "d-2", &padded(LIMIT + 1));
    let (status, body) = send(over).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        body,
        format!("body is larger than the limit of {LIMIT} bytes")
    );

    let small = cortex.request(url(), &signer, "d-3", &padded(LIMIT - 10));
    assert_eq!(
        send_raw(small, Framing::Chunked).await,
        StatusCode::NO_CONTENT
    );
    let large = cortex.request(url(), &signer, "d-4", &padded(LIMIT + 1000));
    assert_eq!(
        send_raw(large, Framing::Chunked).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    let declared = cortex.request(url(), &signer, "d-5", b"");
    assert_eq!(
        send_raw(declared, Framing::Declared(1 << 30)).await,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    let handled = Seen::Event("Cortex".to_owned(), "scan.completed".to_owned());
    assert_eq!(server.log.seen(), [handled.clone(), handled]);
}
