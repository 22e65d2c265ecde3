//! Decoding what the seeds do not show: unknown fields and events are kept
//! whole, bad fields are errors that name the event and the field, and no
//! bytes make a decoder panic.

use hooksig::event::{DecodeError, Envelope, Extra, RawEvent, debate, job, network, scan, session};
use proptest::prelude::*;
use serde_json::{Value, json};

use crate::event_support::{SEEDS, seed};

fn body(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).unwrap()
}

/// Decodes `value` as `E` and checks the encoding is the same JSON.
fn keeps_everything<E: Envelope>(value: &Value) -> E {
    let event = E::decode(&body(value)).unwrap();
    let encoded: Value = serde_json::from_slice(&event.to_vec().unwrap()).unwrap();
    assert_eq!(&encoded, value);
    event
}

/// The unknown field `key`, read as JSON.
fn field(extra: &Extra, key: &str) -> Value {
    extra.get_as(key).unwrap().unwrap()
}

fn refused<E: Envelope + std::fmt::Debug>(value: &Value) -> DecodeError {
    E::decode(&body(value)).unwrap_err()
}

fn scan_completed() -> Value {
    serde_json::from_slice(&seed("cortex_scan_completed.json")).unwrap()
}

#[test]
fn extra_fields_are_kept_at_every_level() {
    let mut value = scan_completed();
    value["attempt"] = json!(2);
    value["data"]["branch"] = json!({ "name": "main", "protected": true });
    let event: scan::Event = keeps_everything(&value);
    assert_eq!(field(&event.extra, "attempt"), json!(2));
    let scan::Data::Completed(completed) = &event.data else {
        panic!("{event:?}")
    };
    assert_eq!(field(&completed.extra, "branch")["name"], "main");
    assert_eq!(completed.score, 85);

    let mut value: Value = serde_json::from_slice(&seed("splexa_device_degraded.json")).unwrap();
    value["replay"] = json!(false);
    value["device"]["firmware"] = json!("4.2.1");
    value["metrics"]["jitterMs"] = json!(12.5);
    let event: network::Event = keeps_everything(&value);
    let network::Kind::Device(device) = &event.kind else {
        panic!("{event:?}")
    };
    assert_eq!(field(&device.device.extra, "firmware"), "4.2.1");
    assert_eq!(
        field(&device.metrics.as_ref().unwrap().extra, "jitterMs"),
        12.5
    );

    let mut value: Value = serde_json::from_slice(&seed("capawesome_job_finished.json")).unwrap();
    value["data"]["platform"] = json!("ios");
    let event: job::Event = keeps_everything(&value);
    let job::Data::JobFinished(job) = &event.data else {
        panic!("{event:?}")
    };
    assert_eq!(field(&job.extra, "platform"), "ios");

    let mut value: Value = serde_json::from_slice(&seed("emuluxe_session_started.json")).unwrap();
    value["region"] = json!("eu-west-1");
    value["data"]["os"] = json!("17.4");
    keeps_everything::<session::Event>(&value);

    let value = json!({
        "event": "webhook.test", "timestamp": "2024-03-23T14:30:00Z",
        "data": { "webhookId": "wh_1", "message": "hi", "timestamp": "2024-03-23T14:30:00Z", "attempt": 1 }
    });
    let event: debate::Event = keeps_everything(&value);
    assert_eq!(field(&event.extra, "timestamp"), "2024-03-23T14:30:00Z");
}

#[test]
fn unknown_events_keep_name_and_data() {
    let value = json!({
        "event": "scan.queued", "id": "evt_9", "timestamp": "2024-01-01T12:00:00Z",
        "data": { "scan_id": "scan_1", "position": 3 }, "priority": "high"
    });
    let event: scan::Event = keeps_everything(&value);
    assert_eq!(event.name(), "scan.queued");
    let scan::Data::Unknown(unknown) = &event.data else {
        panic!("{event:?}")
    };
    assert_eq!(
        unknown.data_as::<Value>().unwrap().unwrap(),
        json!({ "scan_id": "scan_1", "position": 3 })
    );

    // Without `data`, and with `data: null`: both come back as they were.
    for value in [
        json!({ "event": "app_build_deleted" }),
        json!({ "event": "app_build_deleted", "data": null }),
    ] {
        let event: job::Event = keeps_everything(&value);
        assert_eq!(event.name(), "app_build_deleted");
    }

    let value = json!({
        "event": "session.paused", "timestamp": "2024-03-23T14:30:00.000Z",
        "sessionId": "s", "uid": "u", "data": [1, 2, 3]
    });
    keeps_everything::<session::Event>(&value);
    let value = json!({ "event": "agent.spawned", "data": { "agentId": "a" } });
    keeps_everything::<debate::Event>(&value);
}

#[test]
fn splexa_events_outside_the_typed_kinds_keep_every_field() {
    let value = json!({
        "event": "network.created", "category": "network_event",
        "timestamp": "2026-04-29T12:34:56.000Z", "network": { "id": "n1" }
    });
    let event: network::Event = keeps_everything(&value);
    assert_eq!(
        event.kind,
        network::Kind::Other {
            category: "network_event".into()
        }
    );
    assert_eq!(field(&event.extra, "network")["id"], "n1");

    let value = json!({
        "event": "billing.updated", "category": "billing_event", "timestamp": "2026-04-29T12:34:56Z"
    });
    let event: network::Event = keeps_everything(&value);
    assert_eq!(event.category(), "billing_event");

    let value = json!({
        "event": "member.invited", "category": "audit_event", "timestamp": "2026-04-29T12:34:56Z",
        "audit": { "id": "aud_1", "actor": "u_1" }
    });
    let event: network::Event = keeps_everything(&value);
    let network::Kind::Audit(audit) = &event.kind else {
        panic!("{event:?}")
    };
    assert_eq!(
        (audit.audit.id.as_str(), &field(&audit.audit.extra, "actor")),
        ("aud_1", &json!("u_1"))
    );
}

#[test]
fn a_wrong_type_names_the_event_and_the_field() {
    let mut value = scan_completed();
    value["data"]["score"] = json!("85");
    let error = refused::<scan::Event>(&value);
    assert_eq!(error.event(), Some("scan.completed"));
    assert_eq!(error.field(), Some("data.score"));
    assert_eq!(
        error.to_string(),
        "scan.completed: field `data.score`: invalid type: string \"85\", expected u32"
    );

    let mut value: Value = serde_json::from_slice(&seed("capawesome_job_finished.json")).unwrap();
    value["data"]["createdAt"] = json!("2026-02-15T08:14:16.161Z");
    assert_eq!(
        refused::<job::Event>(&value).field(),
        Some("data.createdAt")
    );
    value["data"]["createdAt"] = json!(null);
    assert_eq!(
        refused::<job::Event>(&value).field(),
        Some("data.createdAt")
    );

    let mut value: Value = serde_json::from_slice(&seed("splexa_device_degraded.json")).unwrap();
    value["device"]["id"] = json!(42);
    let error = refused::<network::Event>(&value);
    assert_eq!(error.field(), Some("device.id"));
    assert!(
        error
            .to_string()
            .starts_with("device.degraded: field `device.id`: invalid type: integer `42`")
    );

    let mut value: Value = serde_json::from_slice(&seed("emuluxe_session_started.json")).unwrap();
    value["timestamp"] = json!("2024-03-23 at noon");
    let error = refused::<session::Event>(&value);
    assert_eq!(error.field(), Some("timestamp"));
    assert!(
        error.to_string().contains("is not an RFC 3339 timestamp"),
        "{error}"
    );

    let error = refused::<scan::Event>(&json!({ "event": 5 }));
    assert_eq!((error.event(), error.field()), (None, Some("event")));
}

#[test]
fn a_missing_required_field_is_named() {
    let mut value = scan_completed();
    value["data"].as_object_mut().unwrap().remove("scan_id");
    let error = refused::<scan::Event>(&value);
    assert_eq!(
        error.to_string(),
        "scan.completed: field `data`: missing field `scan_id`"
    );

    let mut value = scan_completed();
    value.as_object_mut().unwrap().remove("data");
    assert_eq!(
        refused::<scan::Event>(&value).to_string(),
        "scan.completed: missing field `data`"
    );

    let mut value = scan_completed();
    value.as_object_mut().unwrap().remove("id");
    assert_eq!(
        refused::<scan::Event>(&value).to_string(),
        "scan.completed: missing field `id`"
    );

    let error = refused::<network::Event>(
        &json!({ "event": "device.down", "category": "network_event", "timestamp": "2026-04-29T12:34:56Z" }),
    );
    assert_eq!(error.to_string(), "device.down: missing field `device`");
    // Fields read before what says their type are kept raw while the
    // error is located too.
    let error = network::Event::decode(
        br#"{"device":{"id":"d"},"audit":{"id":1},"event":"device.down","timestamp":"2026-04-29T12:34:56Z"}"#,
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "device.down: missing field `category`");
    let error = scan::Event::decode(
        br#"{"data":{"scan_id":"s","extra":[1]},"id":"e","timestamp":"2024-01-01T12:00:00Z"}"#,
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "missing field `event`");

    let error = refused::<debate::Event>(
        &json!({ "event": "webhook.test", "data": { "webhookId": "w", "message": "m" } }),
    );
    assert_eq!(
        error.to_string(),
        "webhook.test: field `data`: missing field `timestamp`"
    );

    let error = refused::<session::Event>(&json!({ "data": {} }));
    assert_eq!(
        (error.event(), error.to_string().as_str()),
        (None, "missing field `event`")
    );
}

#[test]
fn a_known_event_never_falls_back_to_unknown() {
    for name in [
        "scan.started",
        "scan.progress",
        "scan.completed",
        "scan.failed",
        "issue.critical",
        "scan.timeout",
    ] {
        let value = json!({ "event": name, "id": "e", "timestamp": "2024-01-01T12:00:00Z", "data": { "scan_id": 7 } });
        assert_eq!(
            refused::<scan::Event>(&value).field(),
            Some("data.scan_id"),
            "{name}"
        );
    }
    for name in [
        "app_build_created",
        "app_deployment_created",
        "job_created",
        "job_finished",
    ] {
        let value = json!({ "event": name, "data": "not an object" });
        assert_eq!(
            refused::<job::Event>(&value).field(),
            Some("data"),
            "{name}"
        );
    }
    for name in [
        "debate.synthesized",
        "simulation.tick.completed",
        "simulation.report.ready",
        "webhook.test",
    ] {
        let value = json!({ "event": name, "data": {} });
        assert_eq!(refused::<debate::Event>(&value).event(), Some(name));
    }
}

#[test]
fn not_a_json_object_is_a_body_error() {
    for body in [
        &b""[..],
        b"null",
        b"[]",
        b"\"scan.completed\"",
        b"{\"event\":",
        b"{} x",
        b"\xff\xfe",
    ] {
        assert!(
            matches!(scan::Event::decode(body), Err(DecodeError::Body { .. })),
            "{body:?}"
        );
    }
}

#[test]
fn raw_event_borrows_the_data_from_the_body() {
    let body = seed("cortex_issue_critical.json");
    let raw = RawEvent::decode(&body).unwrap();
    let data = raw.data().unwrap().get();
    let body_range = body.as_ptr_range();
    assert!(
        body_range.contains(&data.as_ptr()),
        "data is not a slice of the body"
    );
    assert!(data.starts_with('{') && data.ends_with('}'));
    assert_eq!(
        serde_json::from_str::<Value>(data).unwrap()["title"],
        "SQL Injection Vulnerability"
    );
    assert!(body_range.contains(&raw.name().as_ptr()));
    assert!(body_range.contains(&raw.id().unwrap().as_ptr()));
}

/// Every decoder on `body`: none may panic, and an event decoded is
/// decoded again, unchanged, from its own encoding.
fn decode_everywhere(body: &[u8]) {
    fn stable<E: Envelope + PartialEq + std::fmt::Debug>(body: &[u8]) {
        if let Ok(event) = E::decode(body) {
            let again = E::decode(&event.to_vec().unwrap()).unwrap();
            assert_eq!(again, event);
        }
    }
    stable::<session::Event>(body);
    stable::<debate::Event>(body);
    stable::<job::Event>(body);
    stable::<network::Event>(body);
    stable::<scan::Event>(body);
    let _ = RawEvent::decode(body);
}

#[test]
fn every_cut_and_changed_byte_of_the_seeds() {
    for (file, _) in SEEDS {
        let body = seed(file);
        for end in 0..body.len() {
            assert!(matches!(
                scan::Event::decode(&body[..end]),
                Err(DecodeError::Body { .. })
            ));
            decode_everywhere(&body[..end]);
        }
        for at in 0..body.len() {
            for byte in [b'"', b'{', b'}', b'[', b'0', b'-', b'\\', b',', b'x', 0xff] {
                let mut changed = body.clone();
                changed[at] = byte;
                decode_everywhere(&changed);
            }
        }
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(Value::from),
        "[a-z0-9:. TZ-]{0,30}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("event".to_owned()),
                    Just("data".to_owned()),
                    Just("id".to_owned()),
                    Just("timestamp".to_owned()),
                    Just("category".to_owned()),
                    Just("device".to_owned()),
                    Just("scan_id".to_owned()),
                    "[a-zA-Z]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..256)) {
        decode_everywhere(&body);
    }

    #[test]
    fn arbitrary_envelopes_never_panic(
        name in prop_oneof![
            Just("scan.completed"), Just("issue.critical"), Just("scan.progress"), Just("device.degraded"),
            Just("job_finished"), Just("app_build_created"), Just("session.ended"), Just("webhook.test"),
            Just("something.else")
        ],
        category in prop_oneof![Just("network_event"), Just("audit_event"), Just("other")],
        data in json_value(),
        device in json_value(),
        timestamp in prop_oneof![Just(json!("2024-01-01T12:00:00Z")), json_value()],
    ) {
        let value = json!({
            "event": name, "id": "evt", "category": category, "timestamp": timestamp,
            "sessionId": "s", "uid": "u", "data": data, "device": device, "audit": { "id": "a" }
        });
        decode_everywhere(&body(&value));
    }
}
