//! Envelope decoding, for any bytes and any JSON value: never a panic; what
//! decodes re-encodes to bytes that decode to the same event; a body that
//! fails verification is never decoded. The checks are the envelope fuzz
//! target's own (tests/fuzz_corpus/targets.rs).

#[allow(dead_code, unreachable_pub)]
#[path = "../fuzz_corpus/targets.rs"]
mod targets;

use hooksig::{
    Platform, Signer, Verifier,
    event::{Envelope, ReceiveError, debate, scan},
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

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

    /// Nothing is decoded from a body whose signature does not verify, even
    /// a well-formed event.
    #[test]
    fn an_unverified_body_is_never_decoded(value in mutated_seed(), wrong in "[a-z]{1,12}") {
        let body = serde_json::to_vec(&value).unwrap();
        let signer = Signer::new(format!("not-{wrong}")).unwrap();
        let request = Platform::CORTEX
            .request("https://example.com/hooks")
            .event("scan.completed")
            .delivery_id("d-1")
            .sign_with(&signer)
            .body(body)
            .unwrap();
        let verifier = Verifier::new(&wrong).unwrap();
        let decoded = verifier.decode::<scan::Event>(request.headers(), request.body());
        prop_assert!(matches!(decoded, Err(ReceiveError::Verify(_))), "{decoded:?}");
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
