//! Envelope decoding, for any bytes and any JSON value: never a panic; what
//! decodes re-encodes to bytes that decode to the same event; a body that
//! fails verification is never decoded; a body is JSON to the decoders
//! exactly when it is to a `serde_json::Value`. The checks are the envelope
//! fuzz target's own (tests/fuzz_corpus/targets.rs), and the comparison
//! with `Value`.

#[allow(dead_code, unreachable_pub)]
#[path = "../fuzz_corpus/targets.rs"]
mod targets;

use hooksig::{
    Platform, VerifyError,
    event::{DecodeError, Envelope, RawEvent, debate, job, network, scan, session},
};
use jiff::Timestamp;
use proptest::{
    collection::{btree_map, vec},
    prelude::*,
    sample::{Index, select},
};
use serde_json::{Map, Value};

/// The documented event names, so that typed decoding goes past the name.
const NAMES: [&str; 20] = [
    "session.started",
    "session.ended",
    "debate.synthesized",
    "simulation.tick.completed",
    "simulation.report.ready",
    "webhook.test",
    "app_build_created",
    "app_deployment_created",
    "job_created",
    "job_finished",
    "device.degraded",
    "network_event",
    "audit_event",
    "scan.started",
    "scan.progress",
    "scan.completed",
    "scan.failed",
    "issue.critical",
    "scan.timeout",
    "replay",
];

/// The seeds' example bodies, one per envelope in `targets::envelope`'s
/// order. PulseLABS documents none whole: the crate's own `webhook.test`.
fn seeds() -> Vec<String> {
    let sent = Timestamp::from_second(1_748_770_200).unwrap();
    let pulselabs = debate::Event::webhook_test("wh_5c1f0e", "Test delivery", sent);
    vec![
        include_str!("../data/seeds/emuluxe_session_started.json").to_owned(),
        String::from_utf8(pulselabs.to_vec().unwrap()).unwrap(),
        include_str!("../data/seeds/capawesome_job_finished.json").to_owned(),
        include_str!("../data/seeds/splexa_device_degraded.json").to_owned(),
        include_str!("../data/seeds/cortex_scan_completed.json").to_owned(),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "event",
            "data",
            "timestamp",
            "sessionId",
            "uid",
            "id",
            "category",
            "device",
            "metrics",
            "audit",
            "scan_id",
            "status",
            "score",
            "line",
            "createdAt",
        ])
        .prop_map(str::to_owned),
        ".{0,12}",
    ]
}

/// Any JSON value, leaning towards what envelopes hold: event names,
/// timestamps in and out of RFC 3339, numbers at their limits.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        select(NAMES.to_vec()).prop_map(Value::from),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?"
            .prop_map(Value::from),
        ".{0,16}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(Value::Array),
            btree_map(key(), inner, 0..6).prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A seed's body with one field, at the top or inside an object it holds,
/// replaced by any value (or removed).
fn mutated_seed() -> impl Strategy<Value = Value> {
    (
        select(seeds()),
        any::<Index>(),
        any::<Index>(),
        proptest::option::of(json()),
    )
        .prop_map(|(seed, outer, inner, value)| {
            let mut body: Map<String, Value> = serde_json::from_str(&seed).unwrap();
            let keys: Vec<String> = body.keys().cloned().collect();
            let key = outer.get(&keys).clone();
            let target = match body.get_mut(&key) {
                Some(Value::Object(nested)) if !nested.is_empty() => {
                    let keys: Vec<String> = nested.keys().cloned().collect();
                    let key = inner.get(&keys).clone();
                    (nested, key)
                }
                _ => (&mut body, key),
            };
            let (object, key) = target;
            match value {
                Some(value) => object.insert(key, value),
                None => object.remove(&key),
            };
            Value::Object(body)
        })
}

/// JSON values serde_json's scanner passes over, as bytes: some a `Value`
/// refuses (lone surrogates, bytes that are not UTF-8, numbers beyond
/// `f64`, nesting too deep), some it reads.
fn raw_values() -> Vec<Vec<u8>> {
    let nested = |levels: usize| format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
    let mut values: Vec<Vec<u8>> = [
        r#""\ud800""#.to_owned(),
        r#""\udc00\ud800""#.to_owned(),
        r#""\ud83d\ude00""#.to_owned(),
        r#"{"\udfff":0}"#.to_owned(),
        "1e400".to_owned(),
        "-2E+308".to_owned(),
        "1e308".to_owned(),
        "1.5e-400".to_owned(),
        format!("9{}", "9".repeat(310)),
        nested(120),
        nested(124),
        nested(125),
        nested(126),
        nested(127),
        nested(300),
        r#"{"a":1,"a":2}"#.to_owned(),
    ]
    .map(String::into_bytes)
    .to_vec();
    values.extend([b"\"\xff\"".to_vec(), b"[\"\xed\xa0\x80\"]".to_vec()]);
    values
}

/// A seed's compact body with `"zz": value` written first in one of its
/// objects, the body's own or one inside it.
fn seed_with_raw_value() -> impl Strategy<Value = Vec<u8>> {
    (select(seeds()), any::<Index>(), select(raw_values())).prop_map(|(seed, at, value)| {
        let body = serde_json::to_vec(&serde_json::from_str::<Value>(&seed).unwrap()).unwrap();
        // Where an object opens; the seeds' strings hold no `{`.
        let opens: Vec<usize> = (0..body.len()).filter(|&i| body[i] == b'{').collect();
        let open = *at.get(&opens) + 1;
        let comma: &[u8] = if body[open] == b'}' { b"" } else { b"," };
        [&body[..open], b"\"zz\":", &value, comma, &body[open..]].concat()
    })
}

/// Each decoder on `body` against a `Value`: a body error exactly when a
/// `Value` refuses the body (or it is not an object), and raw data handed
/// on parses.
fn as_a_value_reads(body: &[u8]) {
    fn same<E: Envelope + std::fmt::Debug>(body: &[u8], value_reads: bool) {
        let decoded = E::decode(body);
        let body_error = matches!(decoded, Err(DecodeError::Body { .. }));
        assert_eq!(body_error, !value_reads, "{decoded:?}");
    }
    let value_reads = serde_json::from_slice::<Map<String, Value>>(body).is_ok();
    same::<session::Event>(body, value_reads);
    same::<debate::Event>(body, value_reads);
    same::<job::Event>(body, value_reads);
    same::<network::Event>(body, value_reads);
    same::<scan::Event>(body, value_reads);
    let raw = RawEvent::decode(body);
    assert_eq!(matches!(raw, Err(DecodeError::Body { .. })), !value_reads);
    if let Some(data) = raw.ok().and_then(|raw| raw.data()) {
        serde_json::from_str::<Value>(data.get()).unwrap();
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_body_is_json_to_the_decoders_as_to_a_value(body in seed_with_raw_value()) {
        as_a_value_reads(&body);
        targets::envelope(&body);
    }

    #[test]
    fn any_bytes_are_json_to_the_decoders_as_to_a_value(body in vec(any::<u8>(), 0..64)) {
        as_a_value_reads(&body);
    }

    #[test]
    fn any_json_is_json_to_the_decoders_as_to_a_value(value in json()) {
        as_a_value_reads(&serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn decoding_any_bytes_never_panics(body in vec(any::<u8>(), 0..512)) {
        targets::envelope(&body);
    }

    #[test]
    fn decoding_any_json_value_never_panics(value in json()) {
        targets::envelope(&serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn decoding_a_seed_with_any_field_changed_never_panics(value in mutated_seed()) {
        targets::envelope(&serde_json::to_vec(&value).unwrap());
        targets::envelope(&serde_json::to_vec_pretty(&value).unwrap());
    }

    /// A body signed with another secret never verifies, whatever it
    /// holds, a well-formed event or not: verification looks at the bytes
    /// alone, so a receiver that verifies first decodes nothing unverified.
    #[test]
    fn an_unverified_body_is_never_accepted(value in mutated_seed(), wrong in "[a-z]{1,12}") {
        let body = serde_json::to_vec(&value).unwrap();
        let sender = format!("not-{wrong}");
        let request = Platform::CORTEX
            .request("https://example.com/hooks")
            .event("scan.completed")
            .delivery_id("d-1")
            .sign_with(&Platform::CORTEX.signer(&sender).unwrap())
            .body(body)
            .unwrap();
        let now = Timestamp::UNIX_EPOCH;
        let verified = Platform::CORTEX.verifier(&wrong).unwrap().verify_request(&request, now);
        prop_assert_eq!(verified, Err(VerifyError::Mismatch));
        // The sender's own secret verifies the same request: the refusal
        // above is the secret's doing, not the body's.
        let verified = Platform::CORTEX.verifier(&sender).unwrap().verify_request(&request, now);
        prop_assert_eq!(verified, Ok(()));
    }
}

#[test]
fn every_seed_body_decodes_as_its_envelope() {
    // The generators start from bodies that decode, so a mutation that
    // breaks decoding is a real test of the error path.
    for (index, seed) in seeds().iter().enumerate() {
        assert!(targets::envelope(seed.as_bytes())[index], "seed {index}");
    }
}
