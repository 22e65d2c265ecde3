//! Signing and verifying, each beside its baselines in the same run: the
//! criterion suite behind BENCHMARKS.md. On a busy machine prefer
//! `cargo bench --bench ratios`, which measures the same rows in
//! alternating pairs.
//!
//! Criterion files each measurement as `group/function/size`:
//!
//! - `verify_sha256`: `Verifier::verify` on a `sha256=<hex>` header
//!   (`hooksig`), beside the raw SHA-256 digest of the same body
//!   (`sha256_digest`, the floor) and the re-keying way peer crates verify
//!   (`rekeying`: key HMAC from the secret, hash, hex-encode, compare).
//! - `sign`: `Signer::sign` beside the raw digest.
//! - `small`: the parts of a 64-byte verify besides hashing: reading the
//!   header value in either form, and `verify` from a one-header map, from
//!   `(name, value)` pairs and from a request's `HeaderMap`.
//! - `standard_webhooks`: `Verifier::verify` on Standard Webhooks headers
//!   beside the `standardwebhooks` crate's `Webhook::verify`, both reading
//!   the clock once per call as a receiver does; at every size on the bare
//!   headers, and at 64 B (`64B_15_values`) among the headers a proxy adds.
//! - `decode`: reading a Cortex body as a borrowed `RawEvent` and as a typed
//!   `scan::Event`, beside `serde_json::from_slice::<Value>`.
//!
//! Run everything with `cargo bench --bench sign_verify`, then
//! `python3 scripts/bench-table.py` prints the ratio table.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::{hint::black_box, time::Duration};

use common::{
    CORTEX_BODY, SECRET, SIZES, STANDARD_SECRET, behind_a_proxy, body, rekeying_verify,
    standard_webhooks_headers,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use hooksig::{
    Encoding, Platform, SignatureValue,
    event::{Envelope, RawEvent, scan},
};
use http::{HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

/// The one signature header of a body-only check, as a receiver's
/// `HeaderMap` holds it.
fn signature_only(value: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("x-cortex-signature", HeaderValue::from_str(value).unwrap());
    headers
}

fn verify_sha256(c: &mut Criterion) {
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let now = jiff::Timestamp::UNIX_EPOCH;
    let mut group = c.benchmark_group("verify_sha256");
    for (len, label) in SIZES {
        let body = body(len);
        let header = signer
            .sign(&body)
            .unwrap()
            .to_value(Encoding::Sha256Hex)
            .to_string();
        let headers = signature_only(&header);
        assert_eq!(verifier.verify(&headers, &body, now), Ok(()));
        assert!(rekeying_verify(SECRET.as_bytes(), &body, header.as_bytes()));
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_with_input(BenchmarkId::new("hooksig", label), &body, |b, body| {
            b.iter(|| verifier.verify(black_box(&headers), black_box(body), now));
        });
        group.bench_with_input(
            BenchmarkId::new("sha256_digest", label),
            &body,
            |b, body| {
                b.iter(|| Sha256::digest(black_box(body)));
            },
        );
        group.bench_with_input(BenchmarkId::new("rekeying", label), &body, |b, body| {
            b.iter(|| {
                rekeying_verify(
                    black_box(SECRET.as_bytes()),
                    black_box(body),
                    black_box(header.as_bytes()),
                )
            });
        });
    }
    group.finish();
}

fn sign(c: &mut Criterion) {
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let mut group = c.benchmark_group("sign");
    for (len, label) in SIZES {
        let body = body(len);
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_with_input(BenchmarkId::new("hooksig", label), &body, |b, body| {
            b.iter(|| signer.sign(black_box(body)));
        });
        group.bench_with_input(
            BenchmarkId::new("sha256_digest", label),
            &body,
            |b, body| {
                b.iter(|| Sha256::digest(black_box(body)));
            },
        );
    }
    group.finish();
}

fn small(c: &mut Criterion) {
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let now = jiff::Timestamp::UNIX_EPOCH;
    let body = body(64);
    let prefixed = signer
        .sign(&body)
        .unwrap()
        .to_value(Encoding::Sha256Hex)
        .to_string();
    let bare = signer
        .sign(&body)
        .unwrap()
        .to_value(Encoding::Hex)
        .to_string();
    let bare_only = signature_only(&bare);
    let pairs = [("X-Cortex-Signature", bare.as_str())];
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    headers.insert("x-cortex-event", HeaderValue::from_static("scan.completed"));
    headers.insert(
        "x-cortex-signature",
        signer
            .sign(&body)
            .unwrap()
            .to_value(Encoding::Sha256Hex)
            .to_header_value(),
    );
    assert_eq!(verifier.verify(&bare_only, &body, now), Ok(()));
    assert_eq!(verifier.verify(&pairs, &body, now), Ok(()));
    assert_eq!(verifier.verify(&headers, &body, now), Ok(()));
    let mut group = c.benchmark_group("small");
    group.bench_function("parse_sha256", |b| {
        b.iter(|| SignatureValue::parse(black_box(prefixed.as_bytes())));
    });
    group.bench_function("parse_hex", |b| {
        b.iter(|| SignatureValue::parse(black_box(bare.as_bytes())));
    });
    group.bench_function("verify_hex_64B", |b| {
        b.iter(|| verifier.verify(black_box(&bare_only), black_box(&body), now));
    });
    group.bench_function("verify_pairs_64B", |b| {
        b.iter(|| verifier.verify(black_box(&pairs), black_box(&body), now));
    });
    group.bench_function("verify_headers_64B", |b| {
        b.iter(|| verifier.verify(black_box(&headers), black_box(&body), now));
    });
    group.finish();
}

fn standard_webhooks(c: &mut Criterion) {
    let peer = standardwebhooks::Webhook::new(STANDARD_SECRET).unwrap();
    let verifier = Platform::STANDARD_WEBHOOKS
        .verifier(STANDARD_SECRET)
        .unwrap();
    let mut group = c.benchmark_group("standard_webhooks");
    let bare: fn(HeaderMap) -> HeaderMap = |headers| headers;
    let cases = SIZES.map(|(len, label)| (len, label, bare));
    // The 64-byte check again, on a request as it arrives behind a proxy.
    let proxied = (
        64,
        "64B_15_values",
        behind_a_proxy as fn(HeaderMap) -> HeaderMap,
    );
    for (len, label, extend) in cases.into_iter().chain([proxied]) {
        let body = body(len);
        group.throughput(Throughput::Bytes(len as u64));
        // Signed just before each measurement: the peer checks the clock.
        let headers = extend(standard_webhooks_headers(&peer, &body));
        let now = jiff::Timestamp::now();
        assert_eq!(verifier.verify(&headers, &body, now), Ok(()));
        group.bench_with_input(BenchmarkId::new("hooksig", label), &body, |b, body| {
            b.iter(|| {
                let now = jiff::Timestamp::now();
                verifier.verify(black_box(&headers), black_box(body), now)
            });
        });
        let headers = extend(standard_webhooks_headers(&peer, &body));
        peer.verify(&body, &headers).unwrap();
        group.bench_with_input(
            BenchmarkId::new("standardwebhooks", label),
            &body,
            |b, body| {
                b.iter(|| peer.verify(black_box(body), black_box(&headers)));
            },
        );
    }
    group.finish();
}

fn decode(c: &mut Criterion) {
    let body = CORTEX_BODY;
    assert_eq!(RawEvent::decode(body).unwrap().name(), "issue.critical");
    assert_eq!(scan::Event::decode(body).unwrap().name(), "issue.critical");
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("raw_event", |b| {
        b.iter(|| RawEvent::decode(black_box(body)));
    });
    group.bench_function("typed_scan_event", |b| {
        b.iter(|| scan::Event::decode(black_box(body)));
    });
    group.bench_function("serde_json_value", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)));
    });
    group.finish();
}

/// Short enough for the whole suite to run in about three minutes on 2
/// cores.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(40)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = verify_sha256, sign, small, standard_webhooks, decode
}
criterion_main!(benches);
