//! Delivery records and replays: same bytes, fresh id, marked as a replay.

use std::time::Duration;

use hooksig::Platform;
use hooksig::delivery::Status;
use hooksig::delivery::{
    Attempt, Attempted, Delivery, DeliveryId, DeliveryRecord, Endpoint, Outcome, ReplayError,
    Subscriptions,
};

use super::at;

// Whitespace, key order and escapes a JSON re-serializer would change.
const BODY: &[u8] = b"{\"event\": \"device.degraded\",  \"category\":\"network_event\",\n \"metrics\":{\"lossPct\":6.40,\"note\":\"\\u00e9\"}}";

fn id(text: &str) -> DeliveryId {
    text.parse().unwrap()
}

fn record(delivery: &Delivery, outcome: Outcome, response: Option<&[u8]>) -> DeliveryRecord {
    delivery.record(Attempted {
        attempt: Attempt::FIRST,
        sent_at: at(0),
        duration: Duration::from_millis(8_000),
        outcome,
        response_body: response,
    })
}

#[test]
fn replay_sends_the_same_bytes_under_a_fresh_id() {
    let original = Delivery::new(id("d-1"), "device.degraded", BODY);
    let logged = record(&original, Outcome::TimedOut, None);

    // Through the log's JSON and back: nothing about the body may change.
    let json = serde_json::to_string(&logged).unwrap();
    let read_back: DeliveryRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(read_back, logged);

    let replay = read_back.replay(id("d-2")).unwrap();
    assert_eq!(replay.body(), BODY);
    assert_eq!(replay.event(), "device.degraded");
    assert_eq!(replay.id(), &id("d-2"));
    assert_ne!(replay.id(), original.id());
    assert!(replay.is_replay() && !original.is_replay());
    assert_eq!(replay.replay_of(), Some(&id("d-1")));

    // Same bytes, same signature: the receiver's check passes as before.
    let endpoint = Endpoint::new("https://example.com/hooks", Subscriptions::all()).unwrap();
    let signer = Platform::SPLEXA.signer("whsec").unwrap();
    let first = original
        .request(Platform::SPLEXA, &endpoint, Some(&signer))
        .unwrap();
    let again = replay
        .request(Platform::SPLEXA, &endpoint, Some(&signer))
        .unwrap();
    assert_eq!(again.body(), first.body());
    assert_eq!(
        again.headers()["x-splexa-signature"],
        first.headers()["x-splexa-signature"]
    );
    let verifier = Platform::SPLEXA.verifier("whsec").unwrap();
    assert_eq!(verifier.verify_request(&again, at(0)), Ok(()));
}

#[test]
fn replays_are_marked_in_their_records() {
    let original = Delivery::new(id("d-1"), "job_finished", BODY);
    let replay = record(&original, Outcome::ConnectionFailed, None)
        .replay(id("d-2"))
        .unwrap();
    let replayed = record(&replay, Outcome::Status(Status::OK), Some(b"ok"));
    assert!(replayed.is_replay());
    let json: serde_json::Value = serde_json::to_value(&replayed).unwrap();
    assert_eq!(json["replay_of"], "d-1");
    assert_eq!(json["delivery_id"], "d-2");
    let organic: serde_json::Value =
        serde_json::to_value(record(&original, Outcome::TimedOut, None)).unwrap();
    assert_eq!(organic["replay_of"], serde_json::Value::Null);
}

#[test]
fn a_replay_needs_a_fresh_id() {
    let logged = record(
        &Delivery::new(id("d-1"), "job_finished", BODY),
        Outcome::TimedOut,
        None,
    );
    let error = logged.replay(id("d-1")).unwrap_err();
    assert_eq!(error, ReplayError::SameId { id: id("d-1") });
    assert_eq!(
        error.to_string(),
        "a replay needs a fresh delivery id, and d-1 is the original's"
    );
}

#[test]
fn binary_bodies_survive_the_log() {
    let body = [0xff, 0x00, b'{', 0x80];
    let logged = record(
        &Delivery::new(id("d-1"), "x", body.to_vec()),
        Outcome::TimedOut,
        None,
    );
    let json = serde_json::to_value(&logged).unwrap();
    assert_eq!(json["request_body"]["hex"], "ff007b80");
    let back: DeliveryRecord = serde_json::from_value(json).unwrap();
    assert_eq!(back.replay(id("d-2")).unwrap().body(), body);
}

#[test]
fn records_hold_every_field() {
    let delivery = Delivery::new(id("0b5cf4c2"), "job_finished", BODY);
    let response = "x".repeat(5_000);
    let logged = delivery.record(Attempted {
        attempt: Attempt::new(2).unwrap(),
        sent_at: at(1_250),
        duration: Duration::from_millis(1_250),
        outcome: Outcome::Status(Status::SERVICE_UNAVAILABLE),
        response_body: Some(response.as_bytes()),
    });
    assert_eq!(logged.response_status(), Some(Status::SERVICE_UNAVAILABLE));
    let body = logged.response_body().unwrap();
    assert_eq!(body.as_bytes().len(), 4_096);
    assert_eq!(body.truncated_from(), Some(5_000));

    let json = serde_json::to_value(&logged).unwrap();
    assert_eq!(json["delivery_id"], "0b5cf4c2");
    assert_eq!(json["event"], "job_finished");
    assert_eq!(json["attempt"], 2);
    assert_eq!(json["sent_at"], "2023-11-14T22:13:21.25Z");
    assert_eq!(json["duration"], "1s 250ms");
    assert_eq!(json["outcome"]["status"], 503);
    assert_eq!(json["request_body"].as_str().unwrap().as_bytes(), BODY);
    assert_eq!(json["response_body"]["truncated_from"], 5_000);
    assert_eq!(json["response_body"]["body"].as_str().unwrap().len(), 4_096);

    let small = delivery.record_with_limit(
        Attempted {
            attempt: Attempt::FIRST,
            sent_at: at(0),
            duration: Duration::ZERO,
            outcome: Outcome::Status(Status::OK),
            response_body: Some(b"accepted"),
        },
        3,
    );
    let body = small.response_body().unwrap();
    assert_eq!(
        (body.as_str(), body.truncated_from()),
        (Some("acc"), Some(8))
    );
    let none = record(&delivery, Outcome::ConnectionFailed, None);
    assert_eq!(none.response_body(), None);
    assert_eq!(none.response_status(), None);
}

#[test]
fn deliveries_go_through_a_queue_and_come_back_whole() {
    // A durable sender stores the delivery (a queue row, a job payload) and
    // rebuilds it in another process: a replay must stay a replay, and the
    // body byte for byte.
    let original = Delivery::new(id("d-1"), "device.degraded", BODY);
    let replay = record(&original, Outcome::TimedOut, None)
        .replay(id("d-2"))
        .unwrap();

    let json = serde_json::to_value(&replay).unwrap();
    assert_eq!(json["id"], "d-2");
    assert_eq!(json["event"], "device.degraded");
    assert_eq!(json["body"].as_str().unwrap().as_bytes(), BODY);
    assert_eq!(json["replay_of"], "d-1");
    let back: Delivery = serde_json::from_value(json).unwrap();
    assert_eq!(back, replay);
    assert_eq!(back.replay_of(), Some(&id("d-1")));

    let organic: Delivery =
        serde_json::from_str(&serde_json::to_string(&original).unwrap()).unwrap();
    assert_eq!(organic, original);
    assert!(!organic.is_replay());

    let binary = Delivery::new(id("d-3"), "x", vec![0xff, 0x00]);
    let json = serde_json::to_value(&binary).unwrap();
    assert_eq!(json["body"]["hex"], "ff00");
    assert_eq!(serde_json::from_value::<Delivery>(json).unwrap(), binary);

    // The id is checked on the way back in, as everywhere else.
    let error = serde_json::from_str::<Delivery>(
        r#"{"id":"two words","event":"x","body":"{}","replay_of":null}"#,
    )
    .unwrap_err();
    assert!(error.to_string().contains("not visible ASCII"), "{error}");
}
