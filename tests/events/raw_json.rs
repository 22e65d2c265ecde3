//! Raw JSON, kept or skipped: every decoder reads exactly the bodies a
//! `serde_json::Value` reads, whatever part of the body is at fault, and
//! what it keeps as raw JSON is the sender's text, which parses.

use hooksig::event::{DecodeError, Envelope, RawEvent, scan};
use serde_json::Value;

/// JSON values that serde_json's scanner passes over and a `Value` refuses,
/// as bytes: lone surrogate escapes, bytes that are not UTF-8, numbers
/// beyond `f64`.
fn refused_values() -> Vec<Vec<u8>> {
    let mut values: Vec<Vec<u8>> = [
        r#""\ud800""#,
        r#""\udc00 after""#,
        r#""\ud83d\u0041""#,
        r#"{"\udfff":1}"#,
        "1e400",
        "-1E+400",
        "[0, 2e308]",
    ]
    .iter()
    .map(|value| value.as_bytes().to_vec())
    .collect();
    values.push(format!("1{}", "0".repeat(400)).into_bytes());
    values.push(b"\"\xff\"".to_vec());
    values.push(b"{\"\xfe\":true}".to_vec());
    values.push(b"[\"caf\xc3\"]".to_vec());
    values
}

/// A body with `value` at each place a decoder keeps or skips raw JSON:
/// an unknown top-level field, an unknown event's `data`, an unknown field
/// of a typed `data`.
fn placed(value: &[u8]) -> Vec<Vec<u8>> {
    let envelope = |name: &str, data: &[u8], extra: &[u8]| {
        let mut body = format!(
            r#"{{"event":"{name}","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":"#
        )
        .into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(extra);
        body.push(b'}');
        body
    };
    let started = |field: &[u8]| [br#"{"scan_id":"s","x":"#, field, b"}"].concat();
    vec![
        envelope(
            "scan.started",
            br#"{"scan_id":"s"}"#,
            &[br#","x":"#, value].concat(),
        ),
        envelope("scan.queued", value, b""),
        envelope("scan.started", &started(value), b""),
    ]
}

#[test]
fn what_a_value_refuses_no_decoder_reads() {
    for value in refused_values() {
        for body in placed(&value) {
            let text = String::from_utf8_lossy(&body);
            assert!(serde_json::from_slice::<Value>(&body).is_err(), "{text}");
            assert!(
                matches!(RawEvent::decode(&body), Err(DecodeError::Body { .. })),
                "{text}: {:?}",
                RawEvent::decode(&body)
            );
            assert!(
                matches!(scan::Event::decode(&body), Err(DecodeError::Body { .. })),
                "{text}: {:?}",
                scan::Event::decode(&body)
            );
        }
    }
}

#[test]
fn what_a_value_reads_is_kept_as_written() {
    for value in [
        r#""\ud83d\ude00 \u00e9\n""#,
        "1e308",
        "-0.000",
        "1.50",
        "12345678901234567890123",
        r#"{ "a" : [ 1 , 2 ] }"#,
        r#"[{"a":1,"a":2}]"#,
    ] {
        for body in placed(value.as_bytes()) {
            let text = String::from_utf8(body.clone()).unwrap();
            assert!(serde_json::from_slice::<Value>(&body).is_ok(), "{text}");
            let raw = RawEvent::decode(&body).unwrap();
            serde_json::from_str::<Value>(raw.data().unwrap().get()).unwrap();
            let event = scan::Event::decode(&body).unwrap();
            // The sender's text, where a `Value` would write `1.5`,
            // `1.2345678901234568e22` or `"😀 é\n"`.
            assert_eq!(event.to_vec().unwrap(), body, "{text}");
        }
    }
}

#[test]
fn nesting_is_limited_as_for_a_value_wherever_it_is() {
    let nested = |levels: usize| format!("{}0{}", "[".repeat(levels), "]".repeat(levels));
    // serde_json reads at most 127 levels of containers, the body's object
    // and `data` included; around that limit each decoder answers as a
    // `Value` does, on both sides of it.
    for levels in 120..=130 {
        let value = nested(levels);
        for body in placed(value.as_bytes()) {
            let text = String::from_utf8(body.clone()).unwrap();
            let value_reads = serde_json::from_slice::<Value>(&body).is_ok();
            assert_eq!(RawEvent::decode(&body).is_ok(), value_reads, "{text}");
            assert_eq!(scan::Event::decode(&body).is_ok(), value_reads, "{text}");
            if let Ok(raw) = RawEvent::decode(&body) {
                serde_json::from_str::<Value>(raw.data().unwrap().get()).unwrap();
            }
        }
    }
    for body in placed(nested(124).as_bytes()) {
        assert!(scan::Event::decode(&body).is_ok());
    }
    for body in placed(nested(127).as_bytes()) {
        assert!(scan::Event::decode(&body).is_err());
    }
}

#[test]
fn data_written_before_the_event_name_is_limited_where_it_stands() {
    // `data` first is kept raw until the name comes, and read on its own
    // then: its nesting still counts from the body's root.
    for levels in 120..=130 {
        let body = format!(
            r#"{{"data":{{"scan_id":"s","x":{}0{}}},"event":"scan.started","id":"e","timestamp":"2024-01-01T12:00:00Z"}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        );
        let value_reads = serde_json::from_str::<Value>(&body).is_ok();
        assert_eq!(
            scan::Event::decode(body.as_bytes()).is_ok(),
            value_reads,
            "{levels}"
        );
    }
}

#[test]
fn unknown_fields_read_typed_on_demand() {
    let body = br#"{"event":"scan.started","id":"e","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s","attempt":2,"tags":["a","b"]}}"#;
    let event = scan::Event::decode(body).unwrap();
    let scan::Data::Started(started) = &event.data else {
        panic!("{event:?}")
    };
    assert_eq!(started.extra.len(), 2);
    assert_eq!(started.extra.get_as::<u8>("attempt").unwrap().unwrap(), 2);
    assert_eq!(
        started.extra.get_as::<Vec<&str>>("tags").unwrap().unwrap(),
        ["a", "b"]
    );
    assert!(started.extra.get_as::<u8>("tags").unwrap().is_err());
    let keys: Vec<&str> = started.extra.iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["attempt", "tags"]);
}
