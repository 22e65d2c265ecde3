//! A sender's typed event, signed and sent, and a receiver's verify-then-
//! decode; freshness at its edges; idempotency keys as each seed says.

use std::time::Duration;

use hooksig::event::{
    DecodeError, Envelope, IdempotencyKey, RawEvent, Rfc3339, Timestamped, UnixMillis, debate, job,
    network, scan, session,
};
use hooksig::{FreshnessError, HeaderError, Platform, Tolerance, Verifier, VerifyError};
use http::{HeaderMap, HeaderValue, Request};
use jiff::{SignedDuration, Timestamp};

use crate::event_support::seed;

const SECRET: &str = "whsec_events_test";
const DELIVERY: &str = "0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e";
/// When the receiver checks: the seed platforms sign the body alone, so
/// their verifiers ignore it.
const NOW: Timestamp = Timestamp::constant(1_711_204_260, 0);

/// `event` as its platform sends it: encoded, signed, with every header.
fn send<E: Envelope>(event: &E) -> Request<Vec<u8>> {
    E::platform()
        .request("https://receiver.example/hooks")
        .event(event.name())
        .delivery_id(DELIVERY)
        .sign_with(&E::platform().signer(SECRET).unwrap())
        .body(event.to_vec().unwrap())
        .unwrap()
}

/// A seed payload, signed by its platform.
fn signed_seed<E: Envelope>(file: &str) -> Request<Vec<u8>> {
    send(&E::decode(&seed(file)).unwrap())
}

/// The receiver's verifier for `E`'s platform.
fn verifier<E: Envelope>() -> Verifier {
    E::platform().verifier(SECRET).unwrap()
}

/// The receiver's two steps: verify the raw body, then decode it.
fn receive<E: Envelope>(request: &Request<Vec<u8>>) -> E {
    verifier::<E>().verify_request(request, NOW).unwrap();
    E::decode(request.body()).unwrap()
}

/// A sender's event arrives at the receiver equal, for every platform.
fn sent_and_received<E: Envelope + PartialEq + std::fmt::Debug>(event: E) {
    let request = send(&event);
    assert_eq!(
        verifier::<E>().verify(request.headers(), request.body(), NOW),
        Ok(())
    );
    let received = E::decode(request.body()).unwrap();
    assert_eq!(received, event);
    let received: E = receive(&request);
    assert_eq!(received, event);
}

#[test]
fn typed_events_go_from_sender_to_receiver() {
    let at: Timestamp = "2024-03-23T14:30:00Z".parse().unwrap();
    sent_and_received(debate::Event::webhook_test("wh_1", "It works", at));
    sent_and_received(debate::Event::new(debate::Data::TickCompleted(
        debate::TickCompleted::from(debate::TickCompletedFields {
            simulation_id: "sim_1".into(),
            turn: 4,
            state_count: 12,
        }),
    )));
    sent_and_received(session::Event::new(
        at,
        "b4cf",
        "user_1",
        session::Data::Ended(session::Ended::new()),
    ));
    sent_and_received(job::Event::new(job::Data::AppBuildCreated(
        job::AppBuild::new("b1"),
    )));
    let mut finished = job::Job::new(
        "j1",
        "a1",
        "o1",
        "macos-tahoe",
        job::JobStatus::Canceled,
        UnixMillis::from_timestamp(at),
    );
    finished.canceled_at = Some(UnixMillis::new(1_711_204_260_000).unwrap());
    sent_and_received(job::Event::new(job::Data::JobFinished(finished)));
    sent_and_received(network::Event::new(
        "member.invited",
        at,
        network::Kind::Audit(network::AuditEvent::new(network::Audit::new("aud_1"))),
    ));
    sent_and_received(scan::Event::new(
        "evt_1",
        Rfc3339::with_precision(at, 0),
        scan::Data::Failed(scan::Failed::new("scan_1")),
    ));
}

#[test]
fn webhook_test_is_one_constructor_away() {
    let at = Timestamp::from_second(1_711_204_200).unwrap();
    let event = debate::Event::webhook_test("wh_123", "Hello", at);
    assert_eq!(event.name(), "webhook.test");
    assert_eq!(
        event.to_vec().unwrap(),
        br#"{"event":"webhook.test","data":{"webhookId":"wh_123","message":"Hello","timestamp":"2024-03-23T14:30:00.000Z"}}"#
    );
    let request = send(&event);
    assert_eq!(request.headers()["x-pulselabs-event"], "webhook.test");
    assert_eq!(request.headers()["user-agent"], "PulseLabs-Webhooks/1.0");
}

#[test]
fn a_tampered_body_fails_verification_before_any_decoding() {
    let request = signed_seed::<scan::Event>("cortex_scan_completed.json");
    let (parts, body) = request.into_parts();
    let verifier = verifier::<scan::Event>();
    assert_eq!(verifier.verify(&parts.headers, &body, NOW), Ok(()));

    // One digit changed: the signature no longer matches (a 401), though
    // the body still decodes.
    let mut tampered = body.clone();
    let at = tampered.windows(2).position(|w| w == b"85").unwrap();
    tampered[at] = b'9';
    assert_eq!(
        verifier.verify(&parts.headers, &tampered, NOW),
        Err(VerifyError::Mismatch)
    );
    assert!(scan::Event::decode(&tampered).is_ok());

    // Cut to invalid JSON: verification fails first, with a mismatch and
    // not a parse error, so a receiver that verifies first parses nothing;
    // typed or raw, the body would not have decoded.
    let cut = &body[..body.len() / 2];
    assert_eq!(
        verifier.verify(&parts.headers, cut, NOW),
        Err(VerifyError::Mismatch)
    );
    assert!(matches!(
        scan::Event::decode(cut),
        Err(DecodeError::Body { .. })
    ));
    assert!(matches!(
        RawEvent::decode(cut),
        Err(DecodeError::Body { .. })
    ));

    let error = verifier.verify(&HeaderMap::new(), &body, NOW).unwrap_err();
    assert!(
        matches!(
            &error,
            VerifyError::Header(HeaderError::Missing { header })
                if header.name() == "x-cortex-signature"
        ),
        "{error:?}"
    );

    // The same bytes, validly signed, are an authentic body that is not an
    // event: verification passes and decoding fails (a 400).
    let signed_cut = Platform::CORTEX
        .request("https://receiver.example/hooks")
        .event("scan.completed")
        .delivery_id(DELIVERY)
        .sign_with(&Platform::CORTEX.signer(SECRET).unwrap())
        .body(cut.to_vec())
        .unwrap();
    assert_eq!(verifier.verify_request(&signed_cut, NOW), Ok(()));
    let error = scan::Event::decode(signed_cut.body()).unwrap_err();
    assert!(matches!(error, DecodeError::Body { .. }), "{error:?}");
}

#[test]
fn decode_with_a_strict_platform_and_raw() {
    let request = signed_seed::<network::Event>("splexa_device_degraded.json");
    let strict = Platform::SPLEXA.strict().verifier(SECRET).unwrap();
    assert_eq!(strict.verify_request(&request, NOW), Ok(()));
    let event = network::Event::decode(request.body()).unwrap();
    assert_eq!(event.name, "device.degraded");
    assert_eq!(
        verifier::<network::Event>().verify_request(&request, NOW),
        Ok(())
    );
    let raw = RawEvent::decode(request.body()).unwrap();
    assert_eq!(raw.name(), "device.degraded");
    // The wrong platform's header is missing: a verification error.
    let error = verifier::<scan::Event>()
        .verify_request(&request, NOW)
        .unwrap_err();
    assert!(
        matches!(
            &error,
            VerifyError::Header(HeaderError::Missing { header })
                if header.name() == "x-cortex-signature"
        ),
        "{error:?}"
    );
}

/// At exactly `tolerance` either side of the timestamp passes; one second
/// further is too old, or in the future.
fn freshness_edges<E: Envelope + Timestamped>(file: &str) {
    let event = E::decode(&seed(file)).unwrap();
    let sent = event.timestamp();
    let tolerance = Tolerance::new(Duration::from_secs(300)).unwrap();
    let at = |seconds: i64| {
        sent.checked_add(SignedDuration::from_secs(seconds))
            .unwrap()
    };
    assert_eq!(event.check_freshness(tolerance, at(300)), Ok(()), "{file}");
    assert_eq!(event.check_freshness(tolerance, at(-300)), Ok(()), "{file}");
    assert_eq!(event.check_freshness(tolerance, sent), Ok(()), "{file}");
    assert!(
        matches!(
            event.check_freshness(tolerance, at(301)),
            Err(FreshnessError::TooOld { timestamp, .. }) if timestamp == sent
        ),
        "{file}"
    );
    assert!(
        matches!(
            event.check_freshness(tolerance, at(-301)),
            Err(FreshnessError::InFuture { timestamp, .. }) if timestamp == sent
        ),
        "{file}"
    );
}

#[test]
fn freshness_at_the_tolerance_and_one_second_past() {
    freshness_edges::<scan::Event>("cortex_scan_completed.json");
    freshness_edges::<network::Event>("splexa_device_degraded.json");
    freshness_edges::<session::Event>("emuluxe_session_started.json");
    let event = scan::Event::decode(&seed("cortex_issue_critical.json")).unwrap();
    assert_eq!(
        event.timestamp(),
        "2024-01-01T12:05:00Z".parse::<Timestamp>().unwrap()
    );
}

#[test]
fn idempotency_keys_as_each_seed_says() {
    let headers = HeaderMap::new();
    let scan = scan::Event::decode(&seed("cortex_issue_critical.json")).unwrap();
    assert_eq!(
        scan.idempotency_key(&headers),
        Ok(Some(IdempotencyKey::EventId("evt_1234567891".into())))
    );

    let device = network::Event::decode(&seed("splexa_device_degraded.json")).unwrap();
    let key = device.idempotency_key(&headers).unwrap().unwrap();
    assert_eq!(
        key,
        IdempotencyKey::DeviceAt {
            device_id: "ckxyz...".into(),
            timestamp: "2026-04-29T12:34:56Z".parse().unwrap(),
        }
    );
    assert_eq!(key.to_string(), "device:ckxyz...@2026-04-29T12:34:56Z");
    let audit = network::Event::new(
        "member.invited",
        Timestamp::UNIX_EPOCH,
        network::Kind::Audit(network::AuditEvent::new(network::Audit::new("aud_7"))),
    );
    assert_eq!(
        audit.idempotency_key(&headers),
        Ok(Some(IdempotencyKey::AuditId("aud_7".into())))
    );
    let other = network::Event::new(
        "x",
        Timestamp::UNIX_EPOCH,
        network::Kind::Other {
            category: "replay".into(),
        },
    );
    assert_eq!(other.idempotency_key(&headers), Ok(None));

    // SPLEXA marks a replay with category `replay`; it carries the
    // original's fields, and so the original's key.
    let replayed = |fields: &str| {
        let body = format!(
            r#"{{"event":"x.y","category":"replay","timestamp":"2026-04-29T12:34:56.000Z",{fields}}}"#
        );
        let event = network::Event::decode(body.as_bytes()).unwrap();
        assert_eq!(event.category(), "replay");
        event.idempotency_key(&headers).unwrap()
    };
    assert_eq!(
        replayed(r#""device":{"id":"ckxyz...","name":"edge-router-04","networkId":"ckabc..."}"#),
        Some(key.clone())
    );
    assert_eq!(
        replayed(r#""audit":{"id":"aud_7"}"#),
        Some(IdempotencyKey::AuditId("aud_7".into()))
    );
    assert_eq!(
        replayed(r#""audit":{"id":"aud_7"},"device":{"id":"d"}"#),
        Some(IdempotencyKey::AuditId("aud_7".into()))
    );
    // A network event about no device has no key; neither has one whose
    // record has no string id.
    assert_eq!(replayed(r#""network":{"id":"n1"}"#), None);
    assert_eq!(replayed(r#""device":{"id":42}"#), None);
    let device_elsewhere = network::Event::decode(
        br#"{"event":"link.flapping","category":"network_event","timestamp":"2026-04-29T12:34:56.000Z","device":{"id":"ckxyz..."}}"#,
    )
    .unwrap();
    assert_eq!(device_elsewhere.idempotency_key(&headers), Ok(Some(key)));

    // PulseLABS: the delivery header, which the receiver must get.
    let request = send(&debate::Event::webhook_test(
        "wh",
        "m",
        Timestamp::UNIX_EPOCH,
    ));
    let event: debate::Event = receive(&request);
    assert_eq!(
        event.idempotency_key(request.headers()),
        Ok(Some(IdempotencyKey::DeliveryId(DELIVERY.into())))
    );
    assert!(matches!(
        event.idempotency_key(&headers),
        Err(HeaderError::Missing { header }) if header.name() == "x-pulselabs-delivery"
    ));
    let mut twice = request.headers().clone();
    twice.append("x-pulselabs-delivery", HeaderValue::from_static("other"));
    assert!(matches!(
        event.idempotency_key(&twice),
        Err(HeaderError::Repeated { header, count: 2 }) if header.name() == "x-pulselabs-delivery"
    ));
    // A key is text: a value with bytes that are not visible ASCII is
    // refused, not turned into a lossy key.
    let mut binary = request.headers().clone();
    binary.insert(
        "x-pulselabs-delivery",
        HeaderValue::from_bytes(b"d-\xff").unwrap(),
    );
    assert!(matches!(
        event.idempotency_key(&binary),
        Err(HeaderError::NotText { header }) if header.name() == "x-pulselabs-delivery"
    ));
    // Headers from another HTTP stack, as pairs, give the same key.
    assert_eq!(
        event.idempotency_key(&[("X-PulseLabs-Delivery", DELIVERY)]),
        Ok(Some(IdempotencyKey::DeliveryId(DELIVERY.into())))
    );

    // Emuluxe and Capawesome document no key.
    let session = session::Event::decode(&seed("emuluxe_session_started.json")).unwrap();
    assert_eq!(session.idempotency_key(request.headers()), Ok(None));
    let job = job::Event::decode(&seed("capawesome_job_finished.json")).unwrap();
    assert_eq!(job.idempotency_key(request.headers()), Ok(None));
}

#[test]
fn the_body_names_the_event_not_the_unsigned_header() {
    let mut request = signed_seed::<scan::Event>("cortex_scan_completed.json");
    request
        .headers_mut()
        .insert("x-cortex-event", HeaderValue::from_static("scan.failed"));
    let event: scan::Event = receive(&request);
    assert_eq!(event.name(), "scan.completed");
    let raw = RawEvent::decode(request.body()).unwrap();
    assert_eq!(raw.name(), "scan.completed");
}
