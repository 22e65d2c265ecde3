//! A key written twice is an error, wherever the crate reads the object:
//! JSON readers disagree on which value wins (serde_json's `Value` and
//! JavaScript keep the last, others the first), so accepting one would let
//! a receiver and another reader of the same signed bytes see different
//! events. Raw JSON the crate only keeps is kept as written.

use hooksig::event::{DecodeError, Envelope, RawEvent, job, network, scan, session};
use serde_json::{Map, Value};

use crate::event_support::seed;

/// An object's entries as written: each key with its value's JSON text.
type Entries = Vec<(String, String)>;

fn entries(object: &Map<String, Value>) -> Entries {
    object
        .iter()
        .map(|(key, value)| (key.clone(), value.to_string()))
        .collect()
}

/// The JSON text of an object with `entries`, in order, repeats and all.
fn object(entries: &[(String, String)]) -> String {
    let fields: Vec<String> = entries
        .iter()
        .map(|(key, value)| format!("{}:{value}", Value::from(key.as_str())))
        .collect();
    format!("{{{}}}", fields.join(","))
}

/// `entries` with the one at `index` written again, the same: right after
/// itself, and last.
fn repeated(entries: &Entries, index: usize) -> [Entries; 2] {
    let entry = entries[index].clone();
    let mut next = entries.clone();
    next.insert(index + 1, entry.clone());
    let mut last = entries.clone();
    last.push(entry);
    [next, last]
}

fn seed_object(file: &str) -> Map<String, Value> {
    serde_json::from_slice(&seed(file)).unwrap()
}

/// `body` is refused as `E`, the error naming the object at `field` and
/// the `key` written twice.
fn refused<E: Envelope + std::fmt::Debug>(body: &str, field: &str, key: &str) {
    let error = E::decode(body.as_bytes()).unwrap_err();
    assert!(
        matches!(error, DecodeError::Field { .. }),
        "{body}: {error}"
    );
    assert_eq!(error.field(), Some(field), "{body}: {error}");
    assert!(
        error
            .to_string()
            .ends_with(&format!("duplicate field `{key}`")),
        "{body}: {error}"
    );
}

/// Every top-level key of the seed `file` written twice, and every key of
/// each object the crate types in it (`typed`, by top-level key).
fn every_key_twice<E: Envelope + std::fmt::Debug>(file: &str, typed: &[&str]) {
    let top = seed_object(file);
    let name = top["event"].as_str().unwrap().to_owned();
    let top_entries = entries(&top);
    assert!(E::decode(object(&top_entries).as_bytes()).is_ok());
    for index in 0..top_entries.len() {
        let key = &top_entries[index].0;
        for body in repeated(&top_entries, index) {
            let body = object(&body);
            refused::<E>(&body, "", key);
            let read_by_raw = ["event", "timestamp", "id", "data"].contains(&key.as_str());
            assert_eq!(
                RawEvent::decode(body.as_bytes()).is_err(),
                read_by_raw,
                "{body}"
            );
        }
    }
    for (at, (outer, _)) in top_entries.iter().enumerate() {
        if !typed.contains(&outer.as_str()) {
            continue;
        }
        let inner = entries(top[outer].as_object().unwrap());
        for index in 0..inner.len() {
            for body in repeated(&inner, index) {
                let mut top_entries = top_entries.clone();
                top_entries[at].1 = object(&body);
                let error_field = outer.as_str();
                refused::<E>(&object(&top_entries), error_field, &inner[index].0);
                let error = E::decode(object(&top_entries).as_bytes()).unwrap_err();
                assert_eq!(error.event(), Some(name.as_str()));
            }
        }
    }
}

#[test]
fn a_key_twice_is_refused_in_the_envelope_and_in_every_typed_object() {
    every_key_twice::<session::Event>("emuluxe_session_started.json", &["data"]);
    every_key_twice::<job::Event>("capawesome_job_finished.json", &["data"]);
    every_key_twice::<network::Event>("splexa_device_degraded.json", &["device", "metrics"]);
    every_key_twice::<scan::Event>("cortex_scan_completed.json", &["data"]);
    every_key_twice::<scan::Event>("cortex_issue_critical.json", &["data"]);
}

#[test]
fn an_unknown_key_twice_is_refused_too() {
    let body = r#"{"event":"scan.started","id":"e","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s"},"attempt":1,"attempt":2}"#;
    refused::<scan::Event>(body, "", "attempt");
    let body = r#"{"event":"scan.started","id":"e","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s","x":1,"y":0,"x":1}}"#;
    refused::<scan::Event>(body, "data", "x");
    assert_eq!(
        scan::Event::decode(body.as_bytes())
            .unwrap_err()
            .to_string(),
        "scan.started: field `data`: duplicate field `x`"
    );
    // SPLEXA's kinds decide late which fields are typed: a repeat is
    // refused either way.
    let body = r#"{"device":{"id":"d"},"device":{"id":"d"},"event":"network.created","category":"network_event","timestamp":"2026-04-29T12:34:56Z"}"#;
    refused::<network::Event>(body, "", "device");
    let body = r#"{"event":"member.invited","category":"audit_event","timestamp":"2026-04-29T12:34:56Z","audit":{"id":"a","id":"b"}}"#;
    refused::<network::Event>(body, "audit", "id");
}

#[test]
fn a_key_twice_with_two_values_is_refused_whichever_comes_first() {
    // Each value would decode alone: first wins and last wins give two
    // different events.
    for body in [
        r#"{"event":"job_finished","event":"app_build_created","data":{}}"#,
        r#"{"data":{},"event":"app_build_created","event":"job_finished"}"#,
        r#"{"event":"app_build_created","data":{"id":"b1"},"data":{"id":"b2"}}"#,
        r#"{"event":"app_build_created","data":{"id":"b1","id":"b2"}}"#,
    ] {
        let error = job::Event::decode(body.as_bytes()).unwrap_err();
        assert!(
            error.to_string().contains("duplicate field"),
            "{body}: {error}"
        );
        if error.field() == Some("") {
            assert!(RawEvent::decode(body.as_bytes()).is_err(), "{body}");
        }
    }
    // The name twice names no event.
    let error = job::Event::decode(br#"{"event":"x","event":"y"}"#).unwrap_err();
    assert_eq!((error.event(), error.field()), (None, Some("")));
    assert_eq!(error.to_string(), "duplicate field `event`");
}

#[test]
fn raw_json_that_is_only_kept_keeps_its_repeats_as_written() {
    // Not read by the crate, so no reader of the crate's disagrees: passed
    // on byte for byte, for the receiver to read as it chooses.
    let body = r#"{"event":"scan.queued","id":"e","timestamp":"2024-01-01T12:00:00Z","data":{"a":1,"a":2},"meta":{"b":[1],"b":{}}}"#;
    let event = scan::Event::decode(body.as_bytes()).unwrap();
    assert_eq!(event.to_vec().unwrap(), body.as_bytes());
    let raw = RawEvent::decode(body.as_bytes()).unwrap();
    assert_eq!(raw.data().unwrap().get(), r#"{"a":1,"a":2}"#);
    // An unknown key twice is skipped by `RawEvent`, which keeps none.
    let body = r#"{"event":"e","x":1,"x":2}"#;
    assert_eq!(RawEvent::decode(body.as_bytes()).unwrap().name(), "e");
}
