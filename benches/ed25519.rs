//! Ed25519: Standard Webhooks `v1a` and Discord, signed and verified,
//! beside a bare `ed25519-dalek` on the same concatenated message in the
//! same run. The issue's target: at most 1.05x the bare call's time.
//!
//! Criterion files each measurement as `group/function/size`:
//!
//! - `ed25519_verify`: `Verifier::verify` on Standard Webhooks headers with
//!   one `v1a` entry (`hooksig_v1a`, a verifier holding one public key) and
//!   on Discord's headers (`hooksig_discord`), beside `verify_strict` on
//!   each scheme's signed content, concatenated beforehand
//!   (`dalek_verify_strict_v1a`, `dalek_verify_strict_discord`).
//! - `ed25519_sign`: `KeyPair::sign_parts` on `id.timestamp.body` in parts
//!   (`hooksig`), beside `ed25519_dalek::SigningKey::sign` on the
//!   concatenation (`dalek_sign`); and `Platform::sign` (`hooksig_headers`:
//!   the header values, base64 and all).
//!
//! On a busy machine prefer the paired rows of `cargo bench --bench
//! ratios -- Ed25519`, which alternate the two sides in short batches.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use hooksig::{KeyPair, Platform, Signer};
use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

const SEED: [u8; 32] = [7; 32];
const ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const TS: i64 = 1_700_000_000;
const SIZES: [(usize, &str); 2] = [(64, "64B"), (1024, "1KiB")];

fn body(len: usize) -> Vec<u8> {
    let pattern = br#"{"event":"scan.completed","data":{"id":"evt_0123456789","ok":true}}"#;
    pattern.iter().copied().cycle().take(len).collect()
}

/// The content each scheme signs, concatenated: the bare call's input.
fn standard_content(body: &[u8]) -> Vec<u8> {
    [ID.as_bytes(), b".", TS.to_string().as_bytes(), b".", body].concat()
}

fn discord_content(body: &[u8]) -> Vec<u8> {
    [TS.to_string().as_bytes(), body].concat()
}

fn headers(pairs: &[(&'static str, String)]) -> HeaderMap {
    pairs
        .iter()
        .map(|(name, value)| {
            (
                http::HeaderName::from_static(name),
                HeaderValue::from_str(value).unwrap(),
            )
        })
        .collect()
}

fn verify(c: &mut Criterion) {
    let pair = KeyPair::from_seed(&SEED).unwrap();
    let dalek = VerifyingKey::from_bytes(pair.public_key().as_bytes()).unwrap();
    let now = Timestamp::from_second(TS).unwrap();
    let sw = Platform::STANDARD_WEBHOOKS
        .verifier_from_public_keys([pair.public_key()])
        .unwrap();
    let discord = Platform::DISCORD
        .verifier_from_public_keys([pair.public_key()])
        .unwrap();
    let signer = Signer::from_key_pair(pair);
    let mut group = c.benchmark_group("ed25519_verify");
    for (len, label) in SIZES {
        let body = body(len);
        let signed = Platform::STANDARD_WEBHOOKS
            .sign(&signer, &body, Some(ID), Some(now))
            .unwrap();
        let v1a = headers(&[
            ("webhook-id", ID.to_owned()),
            ("webhook-timestamp", TS.to_string()),
            (
                "webhook-signature",
                signed.signature().to_str().unwrap().to_owned(),
            ),
        ]);
        let signed = Platform::DISCORD
            .sign(&signer, &body, None, Some(now))
            .unwrap();
        let hex = signed.signature().to_str().unwrap().to_owned();
        let discord_headers = headers(&[
            ("x-signature-ed25519", hex.clone()),
            ("x-signature-timestamp", TS.to_string()),
        ]);
        let standard = standard_content(&body);
        let standard_sig = {
            let text = v1a["webhook-signature"].to_str().unwrap();
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(&text[4..])
                .unwrap();
            Signature::from_slice(&bytes).unwrap()
        };
        let discord_content = discord_content(&body);
        let discord_sig = Signature::from_slice(&hex::decode(&hex).unwrap()).unwrap();
        assert_eq!(sw.verify(&v1a, &body, now), Ok(()));
        assert_eq!(discord.verify(&discord_headers, &body, now), Ok(()));
        assert!(dalek.verify_strict(&standard, &standard_sig).is_ok());
        assert!(dalek.verify_strict(&discord_content, &discord_sig).is_ok());

        group.throughput(Throughput::Bytes(len as u64));
        group.bench_function(BenchmarkId::new("hooksig_v1a", label), |b| {
            b.iter(|| sw.verify(black_box(&v1a), black_box(&body), now));
        });
        group.bench_function(BenchmarkId::new("dalek_verify_strict_v1a", label), |b| {
            b.iter(|| dalek.verify_strict(black_box(&standard), black_box(&standard_sig)));
        });
        group.bench_function(BenchmarkId::new("hooksig_discord", label), |b| {
            b.iter(|| discord.verify(black_box(&discord_headers), black_box(&body), now));
        });
        group.bench_function(
            BenchmarkId::new("dalek_verify_strict_discord", label),
            |b| {
                b.iter(|| {
                    dalek.verify_strict(black_box(&discord_content), black_box(&discord_sig))
                });
            },
        );
    }
    group.finish();
}

fn sign(c: &mut Criterion) {
    let pair = KeyPair::from_seed(&SEED).unwrap();
    let dalek = SigningKey::from_bytes(&SEED);
    let signer = Signer::from_key_pair(pair.clone());
    let now = Timestamp::from_second(TS).unwrap();
    let ts = TS.to_string();
    let mut group = c.benchmark_group("ed25519_sign");
    for (len, label) in SIZES {
        let body = body(len);
        let standard = standard_content(&body);
        let parts: [&[u8]; 5] = [ID.as_bytes(), b".", ts.as_bytes(), b".", &body];
        assert_eq!(
            pair.sign_parts(&parts).as_bytes(),
            &dalek.sign(&standard).to_bytes()
        );
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_function(BenchmarkId::new("hooksig", label), |b| {
            b.iter(|| pair.sign_parts(black_box(&parts)));
        });
        group.bench_function(BenchmarkId::new("dalek_sign", label), |b| {
            b.iter(|| dalek.sign(black_box(&standard)));
        });
        group.bench_function(BenchmarkId::new("hooksig_headers", label), |b| {
            b.iter(|| {
                Platform::STANDARD_WEBHOOKS
                    .sign(&signer, black_box(&body), Some(ID), Some(now))
                    .unwrap()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, verify, sign);
criterion_main!(benches);
