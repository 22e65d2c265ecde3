//! A platform's receiving defaults agree with its sending rules: a receiver
//! that uses the crate's windows never refuses a redelivery the platform
//! documents, and remembers a delivery for as long as it can arrive.

use std::time::Duration;

use hooksig::Tolerance;
use hooksig::delivery::DeliveryPolicy;
use hooksig::event::{Envelope, Timestamped, network, scan, session};

/// An event keeps its timestamp on every retry, so the last retry is as old
/// as the whole delivery span when it arrives.
fn admits_every_retry<E: Timestamped>(policy: &DeliveryPolicy) -> bool {
    E::FRESHNESS.is_none_or(|window| window.duration() >= policy.delivery_span())
}

#[test]
fn each_window_admits_its_senders_last_retry() {
    // Cortex retries over up to 390 s: the old 300 s default refused the
    // crate's own sender's last retry.
    let cortex = DeliveryPolicy::CORTEX;
    assert!(cortex.delivery_span() > Tolerance::DEFAULT.duration());
    assert!(admits_every_retry::<scan::Event>(&cortex));
    // Emuluxe documents no retries; the default policy's single attempt fits.
    assert!(admits_every_retry::<session::Event>(
        &DeliveryPolicy::DEFAULT
    ));
    // SPLEXA's Replay re-sends old bytes on purpose: no window at all.
    assert_eq!(network::Event::FRESHNESS, None);
}

#[test]
fn a_replayed_splexa_event_is_fresh_and_keyed_like_the_original() {
    let body = br#"{"event":"device.degraded","category":"network_event","timestamp":"2026-04-29T12:34:56.000Z","device":{"id":"ckxyz","name":"edge-router-04","networkId":"ckabc"}}"#;
    let event = network::Event::decode(body).unwrap();
    // Replayed a month later, byte for byte.
    let a_month_later = "2026-05-29T12:34:56Z".parse().unwrap();
    assert_eq!(event.check_fresh(a_month_later), Ok(()));
    let key = event.idempotency_key(&http::HeaderMap::new()).unwrap();
    assert_eq!(
        key.map(|key| key.to_string()).as_deref(),
        Some("device:ckxyz@2026-04-29T12:34:56Z")
    );
}

#[test]
fn a_cortex_retry_at_the_end_of_the_span_is_fresh_and_one_after_the_window_is_not() {
    let body = br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s"}}"#;
    let event = scan::Event::decode(body).unwrap();
    let sent: jiff::Timestamp = "2024-01-01T12:00:00Z".parse().unwrap();
    let last_retry = sent
        .checked_add(DeliveryPolicy::CORTEX.delivery_span())
        .unwrap();
    assert_eq!(event.check_fresh(last_retry), Ok(()));
    let window = scan::Event::FRESHNESS.unwrap().duration();
    let past = sent.checked_add(window + Duration::from_secs(1)).unwrap();
    assert!(event.check_fresh(past).is_err());
}
