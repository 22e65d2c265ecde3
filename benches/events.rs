//! Decoding and encoding events, each beside its baseline in the same run:
//! serde_json reading the same body into a `serde_json::Value` (what a
//! receiver without typed events does), and writing that `Value` back.
//!
//! Groups (criterion ids are `group/function/seed`):
//!
//! - `decode`: `Envelope::decode` (`typed`) and `RawEvent::decode` (`raw`)
//!   beside `serde_json::from_slice::<Value>` (`value`), for each seed and
//!   for a Cortex `scan.completed` whose `data` carries an undocumented
//!   `findings` array, at 1 KiB and 64 KiB (`cortex_findings_1KiB`, ...).
//! - `encode`: `Envelope::to_vec` (`typed`) beside `serde_json::to_vec` of
//!   the `Value` (`value`).
//! - `receive`: `Verifier::verify` then `Envelope::decode`
//!   (`verify_then_decode`) beside `Verifier::verify` alone (`verify`).
//!
//! Run with `cargo bench --bench events`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

// Only the event bodies are used here.
#[allow(dead_code)]
mod common;

use std::{hint::black_box, path::Path, time::Duration};

use common::cortex_with_findings;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hooksig::event::{Envelope, RawEvent, job, network, scan, session};
use serde_json::Value;

const SECRET: &str = "whsec-benchmark-events";

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/seeds")
            .join(name),
    )
    .unwrap()
}

/// One body, benchmarked as the envelope `E` under the name `file`.
fn decode_one<E: Envelope>(c: &mut Criterion, file: &str, body: &[u8]) {
    let mut group = c.benchmark_group("decode");
    group.bench_function(BenchmarkId::new("value", file), |b| {
        b.iter(|| serde_json::from_slice::<Value>(black_box(body)).unwrap());
    });
    group.bench_function(BenchmarkId::new("typed", file), |b| {
        b.iter(|| E::decode(black_box(body)).unwrap());
    });
    group.bench_function(BenchmarkId::new("raw", file), |b| {
        b.iter(|| RawEvent::decode(black_box(body)).unwrap());
    });
    group.finish();

    let event = E::decode(body).unwrap();
    let value: Value = serde_json::from_slice(body).unwrap();
    let mut group = c.benchmark_group("encode");
    group.bench_function(BenchmarkId::new("value", file), |b| {
        b.iter(|| serde_json::to_vec(black_box(&value)).unwrap());
    });
    group.bench_function(BenchmarkId::new("typed", file), |b| {
        b.iter(|| black_box(&event).to_vec().unwrap());
    });
    group.finish();
}

fn decode(c: &mut Criterion) {
    let seeds = |file: &'static str| (file, seed(file));
    let (file, body) = seeds("emuluxe_session_started.json");
    decode_one::<session::Event>(c, file, &body);
    let (file, body) = seeds("capawesome_job_finished.json");
    decode_one::<job::Event>(c, file, &body);
    let (file, body) = seeds("splexa_device_degraded.json");
    decode_one::<network::Event>(c, file, &body);
    let (file, body) = seeds("cortex_scan_completed.json");
    decode_one::<scan::Event>(c, file, &body);
    let (file, body) = seeds("cortex_issue_critical.json");
    decode_one::<scan::Event>(c, file, &body);
    for (label, len) in [
        ("cortex_findings_1KiB", 1024),
        ("cortex_findings_64KiB", 64 * 1024),
    ] {
        decode_one::<scan::Event>(c, label, &cortex_with_findings(len));
    }
}

fn receive(c: &mut Criterion) {
    let event = scan::Event::decode(&seed("cortex_scan_completed.json")).unwrap();
    let request = scan::Event::platform()
        .request("https://receiver.example/hooks")
        .event(event.name())
        .delivery_id("5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f")
        .sign_with(&scan::Event::platform().signer(SECRET).unwrap())
        .body(event.to_vec().unwrap())
        .unwrap();
    let (parts, body) = request.into_parts();
    let verifier = scan::Event::platform().verifier(SECRET).unwrap();
    let now = jiff::Timestamp::UNIX_EPOCH;
    let mut group = c.benchmark_group("receive");
    group.bench_function("verify", |b| {
        b.iter(|| {
            verifier
                .verify(black_box(&parts.headers), black_box(&body), now)
                .unwrap();
        });
    });
    group.bench_function("verify_then_decode", |b| {
        b.iter(|| {
            verifier
                .verify(black_box(&parts.headers), black_box(&body), now)
                .unwrap();
            scan::Event::decode(black_box(&body)).unwrap()
        });
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(40)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = decode, receive
}
criterion_main!(benches);
