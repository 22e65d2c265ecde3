//! The two readers agree: wherever one pass answers, the exact reader gives
//! the same event; and one pass does answer for the seeds' bodies, in any
//! key order, so that decoding them is fast.

use proptest::{collection::vec, prelude::*, sample::select, strategy::ValueTree};
use serde_json::{Value, json};

use super::Decode;
use crate::event::{Envelope, debate, job, network, scan, session};

/// JSON text as written, with keys in any order and possibly repeated:
/// what a `serde_json::Value` cannot hold.
#[derive(Debug, Clone)]
enum Json {
    Leaf(Value),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn write(&self, out: &mut String) {
        match self {
            Self::Leaf(value) => out.push_str(&value.to_string()),
            Self::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Self::Object(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::from(key.as_str()).to_string());
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

impl From<&Value> for Json {
    fn from(value: &Value) -> Self {
        match value {
            Value::Array(items) => Self::Array(items.iter().map(Self::from).collect()),
            Value::Object(map) => Self::Object(
                map.iter()
                    .map(|(key, value)| (key.clone(), Self::from(value)))
                    .collect(),
            ),
            leaf => Self::Leaf(leaf.clone()),
        }
    }
}

/// One body per envelope, in the order of [`check`]: the seeds' examples,
/// and for PulseLABS, which shows none, the crate's own `webhook.test`.
fn seeds() -> [Value; 5] {
    macro_rules! seed {
        ($file:literal) => {
            serde_json::from_slice::<Value>(include_bytes!(concat!(
                "../../../tests/data/seeds/",
                $file
            )))
            .unwrap()
        };
    }
    [
        seed!("emuluxe_session_started.json"),
        json!({ "event": "webhook.test", "data": {
            "webhookId": "wh_1", "message": "hi", "timestamp": "2024-03-23T14:30:00.000Z" } }),
        seed!("capawesome_job_finished.json"),
        seed!("splexa_device_degraded.json"),
        seed!("cortex_scan_completed.json"),
    ]
}

/// Whether `E` decodes `body` in one pass; panics if the readers disagree.
fn agree<E: Decode + Envelope + PartialEq + core::fmt::Debug>(body: &[u8]) -> bool {
    let Some(fast) = E::in_one_pass(body) else {
        return false;
    };
    match E::exactly(body) {
        Ok(exact) => assert_eq!(fast, exact, "{}", String::from_utf8_lossy(body)),
        Err(error) => panic!(
            "one pass read {fast:?} where the exact reader says {error}: {}",
            String::from_utf8_lossy(body)
        ),
    }
    true
}

/// Every envelope on `body`: which ones one pass decoded.
fn check(body: &[u8]) -> [bool; 5] {
    [
        agree::<session::Event>(body),
        agree::<debate::Event>(body),
        agree::<job::Event>(body),
        agree::<network::Event>(body),
        agree::<scan::Event>(body),
    ]
}

/// Event names and categories, known or not.
const NAMES: [&str; 15] = [
    "session.started",
    "session.ended",
    "webhook.test",
    "job_finished",
    "job_created",
    "device.degraded",
    "device.down",
    "scan.completed",
    "scan.started",
    "scan.progress",
    "scan.timeout",
    "issue.critical",
    "audit_event",
    "network_event",
    "something.else",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec![
            "event", "data", "id", "timestamp", "category", "device", "metrics", "audit",
            "sessionId", "uid", "scan_id", "score", "status", "source", "createdAt", "name",
            "networkId", "lossPct", "webhookId", "message", "progress",
        ])
        .prop_map(str::to_owned),
        1 => "[a-z]{1,6}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |n| n.is_finite())
            .prop_map(Value::from),
        select(&NAMES[..]).prop_map(Value::from),
        select(&["completed", "cli", "2024-01-01T12:00:00Z", "yesterday"][..])
            .prop_map(Value::from),
        ".{0,8}".prop_map(Value::from),
    ]
}

fn any_json() -> impl Strategy<Value = Json> {
    leaf()
        .prop_map(Json::Leaf)
        .prop_recursive(4, 40, 6, |inner| {
            prop_oneof![
                vec(inner.clone(), 0..4).prop_map(Json::Array),
                vec((key(), inner), 0..7).prop_map(Json::Object),
            ]
        })
}

/// Values the seeds give their fields, and every event name: written
/// again under a seed's own key, they make bodies that decode both ways.
fn plausible() -> impl Strategy<Value = Json> {
    let mut values: Vec<Value> = seeds()
        .iter()
        .flat_map(|seed| seed.as_object().into_iter().flatten())
        .map(|(_, value)| value.clone())
        .collect();
    values.extend(NAMES.map(Value::from));
    values.push(json!({ "id": "a1" }));
    prop_oneof![3 => select(values).prop_map(|value| Json::from(&value)), 1 => any_json()]
}

/// What to do to a seed's entry.
#[derive(Debug, Clone, Copy)]
enum Change {
    /// Add the new entry beside it.
    Add,
    /// Add the new entry inside it, if it is an object (`data`, `device`).
    AddInside,
    /// Give it the new value, keeping its key.
    Replace,
    /// Remove it.
    Remove,
}

/// A seed with its top-level keys shuffled and one change: one of its own
/// keys written again, or any key, with a plausible or any value; at the
/// top or inside `data`, `device` or `metrics`; or an entry's value
/// replaced, or the entry removed.
fn changed_seed() -> impl Strategy<Value = Json> {
    (
        0..5usize,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
    )
        .prop_flat_map(|(seed, at, which)| {
            let Json::Object(entries) = Json::from(&seeds()[seed]) else {
                unreachable!("every seed is an object")
            };
            let own = which.get(&entries).0.clone();
            let key = prop_oneof![Just(own), key()];
            let change = select(vec![
                Change::Add,
                Change::AddInside,
                Change::Replace,
                Change::Remove,
            ]);
            (
                Just(entries).prop_shuffle(),
                Just(at),
                key,
                plausible(),
                change,
            )
        })
        .prop_map(|(mut entries, at, key, value, change)| {
            let target = at.index(entries.len());
            match (entries.get_mut(target), change) {
                (Some((_, Json::Object(inner))), Change::AddInside) => inner.push((key, value)),
                (Some((_, old)), Change::Replace) => *old = value,
                (Some(_), Change::Remove) => drop(entries.remove(target)),
                _ => entries.insert(target, (key, value)),
            }
            Json::Object(entries)
        })
}

#[test]
fn seeds_read_in_one_pass_in_any_key_order() {
    for (index, seed) in seeds().iter().enumerate() {
        let Json::Object(entries) = Json::from(seed) else {
            unreachable!("every seed is an object")
        };
        // As written, sorted (the `Value`'s order: `data` before `event`,
        // `device` before `category`), reversed, and with unknown fields.
        let mut reversed = entries.clone();
        reversed.reverse();
        let mut extra = entries.clone();
        extra.push(("attempt".into(), Json::Leaf(2.into())));
        extra.insert(0, ("z".into(), Json::Leaf(json!({ "a": [1, null] }))));
        for body in [
            serde_json::to_vec(seed).unwrap(),
            Json::Object(reversed).text().into_bytes(),
            Json::Object(extra).text().into_bytes(),
        ] {
            assert!(check(&body)[index], "{}", String::from_utf8_lossy(&body));
        }
    }
    // The seed files themselves, whitespace and all.
    let body = include_bytes!("../../../tests/data/seeds/cortex_issue_critical.json");
    assert!(check(body)[4]);
}

#[test]
fn repeated_envelope_keys_are_left_to_the_exact_reader() {
    // The first name reads `data` as `scan.completed` data; the last, which
    // counts, as `scan.started` data with unknown fields.
    let body = br#"{"event":"scan.completed","id":"e","timestamp":"2024-01-01T12:00:00Z",
        "data":{"scan_id":"s","repo_url":"u","status":"completed","score":1,"issues_count":2,
        "duration_seconds":3},"event":"scan.started"}"#;
    assert_eq!(scan::Event::in_one_pass(body), None);
    let event = scan::Event::decode(body).unwrap();
    assert!(matches!(event.data, scan::Data::Started(_)), "{event:?}");
}

#[test]
fn changed_seeds_reach_every_outcome() {
    // Without this, a one pass that always gave up would agree vacuously.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = changed_seed();
    let (mut fast, mut exact_only) = (0, 0);
    for _ in 0..500 {
        let body = strategy.new_tree(&mut runner).unwrap().current().text();
        let in_one_pass = check(body.as_bytes()).contains(&true);
        let exactly = [
            session::Event::exactly(body.as_bytes()).is_ok(),
            debate::Event::exactly(body.as_bytes()).is_ok(),
            job::Event::exactly(body.as_bytes()).is_ok(),
            network::Event::exactly(body.as_bytes()).is_ok(),
            scan::Event::exactly(body.as_bytes()).is_ok(),
        ]
        .contains(&true);
        fast += usize::from(in_one_pass);
        exact_only += usize::from(exactly && !in_one_pass);
    }
    assert!(fast > 100 && exact_only > 20, "{fast} {exact_only}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn agree_on_changed_seeds(body in changed_seed()) {
        check(body.text().as_bytes());
    }

    #[test]
    fn agree_on_any_json(body in any_json()) {
        check(body.text().as_bytes());
    }

    #[test]
    fn agree_on_any_bytes(body in vec(any::<u8>(), 0..200)) {
        check(&body);
    }
}
