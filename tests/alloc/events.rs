//! The raw envelope allocates nothing for its data: name, id and data are
//! slices of the body, whatever the size of the data. A typed envelope
//! keeps an undocumented field as one copy of its raw JSON: the same
//! allocations, whatever the size of the field.
//!
//! `allocation-counter` installs a counting global allocator in this test
//! binary only and counts on the calling thread alone.

use std::hint::black_box;

use hooksig::event::{Envelope, RawEvent, scan};

use crate::allocations;
use crate::event_support::{SEEDS, cortex_with_findings, seed};

#[test]
fn the_counter_sees_allocations_on_this_thread() {
    // Without this, a counter that never counts would pass the test below.
    let escaped = br#"{"event":"scan.\u0063ompleted"}"#;
    assert!(
        allocations(|| {
            black_box(RawEvent::decode(black_box(escaped)).unwrap());
        }) >= 1
    );
}

#[test]
fn reading_a_raw_event_does_not_allocate() {
    let mut bodies: Vec<Vec<u8>> = SEEDS.iter().map(|(file, _)| seed(file)).collect();
    // A megabyte of data, before the name.
    let big = format!(
        r#"{{"data":[{}0],"event":"scan.completed","id":"evt_1","timestamp":"2024-01-01T12:00:00Z"}}"#,
        "1234567890,".repeat(100_000)
    );
    bodies.push(big.into_bytes());
    for body in &bodies {
        let count = allocations(|| {
            let event = RawEvent::decode(black_box(body)).unwrap();
            black_box((event.name(), event.timestamp(), event.id(), event.data()));
        });
        assert_eq!(count, 0, "{}", String::from_utf8_lossy(&body[..40]));
    }
}

#[test]
fn nested_data_costs_serde_json_one_small_stack_whatever_its_size() {
    // Skipping over data nested in data, serde_json keeps the open
    // containers on a small stack: one allocation at these depths (up to
    // nine levels), for a few rows as for a megabyte of them.
    for rows in [1, 100_000] {
        let body = format!(
            r#"{{"event":"e","data":{{"rows":[{}[[[[[[[0]]]]]]]]}}}}"#,
            "[1,{\"a\":[2]}],".repeat(rows)
        );
        let count = allocations(|| {
            black_box(RawEvent::decode(black_box(body.as_bytes())).unwrap());
        });
        assert_eq!(count, 1, "{rows} rows");
    }
}

#[test]
fn an_undocumented_field_costs_the_same_allocations_at_any_size() {
    // Read into a `Value`, the body costs allocations for every object
    // and string in `findings`: 101 at 1 KiB, 7,088 at 64 KiB.
    let counts: Vec<u64> = [1024, 16 * 1024, 64 * 1024]
        .into_iter()
        .map(|len| {
            let body = cortex_with_findings(len);
            allocations(|| {
                black_box(scan::Event::decode(black_box(&body)).unwrap());
            })
        })
        .collect();
    assert!(counts.iter().all(|&count| count == counts[0]), "{counts:?}");
    // Eight: the event's four strings, the `findings` key, its value and
    // the list of unknown fields, and serde_json's stack for scanning
    // nested data.
    assert!(counts[0] <= 8, "{counts:?}");
}

#[test]
fn escapes_cost_serde_json_one_scratch_buffer_whatever_their_number() {
    // Checking strings with escapes, in skipped fields or in the data,
    // serde_json unescapes them into a scratch buffer: one for the body,
    // one for the data, which is checked on its own.
    for rows in [1, 10_000] {
        let body = format!(
            r#"{{"event":"e","note":"line\none","data":{{"rows":[{}"\"x\""]}}}}"#,
            r#""a\tb","#.repeat(rows)
        );
        let count = allocations(|| {
            black_box(RawEvent::decode(black_box(body.as_bytes())).unwrap());
        });
        assert!(count <= 2, "{rows} rows: {count}");
    }
}
