//! The ratio table, measured in pairs so that it holds on a busy
//! machine.
//!
//! Criterion (`benches/sign_verify.rs`) measures each function for seconds
//! before the next: when other work comes and goes on a shared 2-core
//! machine, one side of a ratio can run slowed and the other not. Here each
//! row alternates short batches of hooksig's function and its baseline,
//! hundreds of rounds, and reports the median of the per-round ratios: both
//! halves of a round see the same machine. Medians of the times are shown
//! too.
//!
//! `cargo bench --bench ratios` prints the table as Markdown; a word after
//! `--` keeps only the rows whose name or size contains it
//! (`cargo bench --bench ratios -- 64B`, `-- Ed25519`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

mod common;

use std::{
    hint::black_box,
    time::{Duration, Instant},
};

use common::{
    CORTEX_BODY, SECRET, SIZES, STANDARD_SECRET, behind_a_proxy, body, cortex_with_findings,
    rekeying_verify, standard_webhooks_headers,
};
use hooksig::{
    Encoding, Platform, Verifier,
    event::{Envelope, RawEvent, job, network, scan, session},
};
use http::HeaderMap;
use sha2::{Digest, Sha256};

/// What a row must show, from the issue.
#[derive(Clone, Copy)]
enum Target {
    /// Our time at most this many times the baseline's.
    TimeAtMost(f64),
    /// Our throughput at least this fraction of the baseline's.
    ThroughputAtLeast(f64),
    /// At least this many times faster than the baseline.
    FasterThan(f64),
    /// Shown for comparison, no target.
    None,
}

/// One row: our function and the baseline, each run once per call.
struct Pair<'a> {
    what: &'static str,
    size: &'static str,
    baseline: &'static str,
    target: Target,
    ours: Box<dyn FnMut() + 'a>,
    base: Box<dyn FnMut() + 'a>,
}

/// Per-call times of one row, in nanoseconds.
struct Measured {
    ours: f64,
    base: f64,
    /// Median over rounds of our time divided by the baseline's.
    ratio: f64,
}

const ROUND_BATCH: Duration = Duration::from_micros(400);
const ROW_TIME: Duration = Duration::from_millis(1500);
const MIN_ROUNDS: usize = 40;

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Seconds per call of `f` over a batch of `n` calls.
fn batch(f: &mut dyn FnMut(), n: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn measure(pair: &mut Pair<'_>) -> Measured {
    // Batches of about ROUND_BATCH each, sized from a first estimate.
    let probe = batch(&mut pair.ours, 3)
        .max(batch(&mut pair.base, 3))
        .max(1.0);
    let n = ((ROUND_BATCH.as_nanos() as f64 / probe) as u32).max(1);
    for _ in 0..3 {
        batch(&mut pair.ours, n);
        batch(&mut pair.base, n);
    }
    let (mut ours, mut base, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let start = Instant::now();
    while start.elapsed() < ROW_TIME || ratios.len() < MIN_ROUNDS {
        // Alternate which side goes first, so neither always follows the
        // other's cache state.
        let (a, b) = if ratios.len() % 2 == 0 {
            let a = batch(&mut pair.ours, n);
            (a, batch(&mut pair.base, n))
        } else {
            let b = batch(&mut pair.base, n);
            (batch(&mut pair.ours, n), b)
        };
        ours.push(a);
        base.push(b);
        ratios.push(a / b);
    }
    Measured {
        ours: median(&mut ours),
        base: median(&mut base),
        ratio: median(&mut ratios),
    }
}

fn duration(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.3} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.3} µs", ns / 1e3)
    } else {
        format!("{ns:.1} ns")
    }
}

/// The ratio as the target states it, the target, and whether it is met.
fn judge(target: Target, ratio: f64) -> (String, String, &'static str) {
    let met = |ok: bool| if ok { "yes" } else { "**no**" };
    match target {
        Target::TimeAtMost(bound) => (
            format!("{ratio:.2}x its time"),
            format!("≤ {bound}x its time"),
            met(ratio <= bound),
        ),
        Target::ThroughputAtLeast(bound) => (
            format!("{:.2}x its throughput", 1.0 / ratio),
            format!("≥ {bound}x its throughput"),
            met(1.0 / ratio >= bound),
        ),
        Target::FasterThan(bound) => (
            format!("{:.2}x faster", 1.0 / ratio),
            if bound > 1.0 {
                format!("≥ {bound}x faster")
            } else {
                "faster".to_owned()
            },
            met(if bound > 1.0 {
                1.0 / ratio >= bound
            } else {
                1.0 / ratio > bound
            }),
        ),
        Target::None => (format!("{:.2}x faster", 1.0 / ratio), String::new(), ""),
    }
}

/// The targets for a body of `len` bytes against the raw digest.
fn digest_target(len: usize) -> Target {
    match len {
        64 => Target::TimeAtMost(1.9),
        1024 => Target::TimeAtMost(1.2),
        _ => Target::ThroughputAtLeast(0.95),
    }
}

/// The seed payloads in tests/data/seeds/, byte for byte.
const EMULUXE: &[u8] = include_bytes!("../tests/data/seeds/emuluxe_session_started.json");
const CAPAWESOME: &[u8] = include_bytes!("../tests/data/seeds/capawesome_job_finished.json");
const SPLEXA: &[u8] = include_bytes!("../tests/data/seeds/splexa_device_degraded.json");
const CORTEX_COMPLETED: &[u8] = include_bytes!("../tests/data/seeds/cortex_scan_completed.json");
const CORTEX_CRITICAL: &[u8] = include_bytes!("../tests/data/seeds/cortex_issue_critical.json");

/// The decode row for one seed payload: its typed envelope `E`
/// beside `serde_json::from_slice::<Value>` on the same bytes.
fn typed_decode<'a, E: Envelope>(seed: &'static str, body: &'a [u8]) -> Pair<'a> {
    assert!(E::decode(body).is_ok(), "{seed} does not decode");
    Pair {
        what: "decode a typed envelope",
        size: seed,
        baseline: "`serde_json::from_slice::<Value>`",
        target: Target::FasterThan(1.0),
        ours: Box::new(move || {
            black_box(E::decode(black_box(body))).unwrap();
        }),
        base: Box::new(move || {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(body))).unwrap();
        }),
    }
}

/// The decode row for a Cortex `scan.completed` whose `data` carries an
/// undocumented `findings` array (`cortex_with_findings`), beside
/// `serde_json::from_slice::<Value>` on the same bytes: kept as raw JSON,
/// such a field must cost no more than `Value` does.
fn undocumented_decode<'a>(size: &'static str, body: &'a [u8]) -> Pair<'a> {
    Pair {
        what: "decode a typed envelope, undocumented `findings` in `data`",
        target: Target::TimeAtMost(1.0),
        ..typed_decode::<scan::Event>(size, body)
    }
}

/// A Standard Webhooks row: hooksig's `Verifier::verify` and the peer's
/// `verify` on `body` with the headers `headers` gives. Both read the clock
/// once per call, as a receiver does: the peer inside `verify`, hooksig in
/// the caller. Each side gets headers signed just before measuring, since
/// the peer checks them against its clock.
fn standard_webhooks_pair<'a>(
    (verifier, peer): (&'a Verifier, &'a standardwebhooks::Webhook),
    (what, size): (&'static str, &'static str),
    target: Target,
    body: &'a [u8],
    headers: impl Fn(&[u8]) -> HeaderMap,
) -> Pair<'a> {
    let ours = headers(body);
    let base = headers(body);
    Pair {
        what,
        size,
        baseline: "`standardwebhooks` 1.0.1 `verify`",
        target,
        ours: Box::new(move || {
            let now = jiff::Timestamp::now();
            black_box(verifier.verify(black_box(&ours), black_box(body), now)).unwrap();
        }),
        base: Box::new(move || {
            black_box(peer.verify(black_box(body), black_box(&base))).unwrap();
        }),
    }
}

/// Ed25519 (issue #14): Standard Webhooks `v1a` and Discord verified, and
/// `v1a` signed, each beside a bare `ed25519-dalek` call on the same content
/// concatenated beforehand. Target: at most 1.05x its time.
#[cfg(feature = "ed25519")]
struct Ed25519Rows {
    pair: hooksig::KeyPair,
    dalek_signing: ed25519_dalek::SigningKey,
    dalek: ed25519_dalek::VerifyingKey,
    standard: Verifier,
    discord: Verifier,
    now: jiff::Timestamp,
    ts: String,
    /// Per size: the label, the body, the `v1a` headers, Discord's headers,
    /// each scheme's content concatenated, and each scheme's signature.
    cases: Vec<Ed25519Case>,
}

#[cfg(feature = "ed25519")]
struct Ed25519Case {
    size: &'static str,
    body: Vec<u8>,
    v1a: HeaderMap,
    discord: HeaderMap,
    standard_content: Vec<u8>,
    discord_content: Vec<u8>,
    standard_signature: ed25519_dalek::Signature,
    discord_signature: ed25519_dalek::Signature,
}

#[cfg(feature = "ed25519")]
impl Ed25519Rows {
    const ID: &'static str = "msg_p5jXN8AQM9LWM0D4loKWxJek";

    fn new() -> Self {
        let seed = [7; 32];
        let pair = hooksig::KeyPair::from_seed(&seed).unwrap();
        let signer = hooksig::Signer::from_key_pair(pair.clone());
        let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        let ts = now.as_second().to_string();
        let cases = [(64, "64B"), (1024, "1KiB")]
            .into_iter()
            .map(|(len, size)| {
                let body = body(len);
                let standard = Platform::STANDARD_WEBHOOKS
                    .sign(&signer, &body, Some(Self::ID), Some(now))
                    .unwrap();
                let discord = Platform::DISCORD
                    .sign(&signer, &body, None, Some(now))
                    .unwrap();
                let value = standard.signature().to_str().unwrap().to_owned();
                let hex = discord.signature().to_str().unwrap().to_owned();
                let mut v1a = HeaderMap::new();
                for (name, value) in standard {
                    v1a.insert(name, value);
                }
                v1a.insert("webhook-id", http::HeaderValue::from_static(Self::ID));
                let mut discord_headers = HeaderMap::new();
                for (name, value) in discord {
                    discord_headers.insert(name, value);
                }
                let signature =
                    |bytes: Vec<u8>| ed25519_dalek::Signature::from_slice(&bytes).unwrap();
                use base64::Engine;
                Ed25519Case {
                    size,
                    standard_content: [Self::ID.as_bytes(), b".", ts.as_bytes(), b".", &body]
                        .concat(),
                    discord_content: [ts.as_bytes(), &body].concat(),
                    standard_signature: signature(
                        base64::engine::general_purpose::STANDARD
                            .decode(&value[4..])
                            .unwrap(),
                    ),
                    discord_signature: signature(hex::decode(hex).unwrap()),
                    body,
                    v1a,
                    discord: discord_headers,
                }
            })
            .collect();
        Self {
            dalek_signing: ed25519_dalek::SigningKey::from_bytes(&seed),
            dalek: ed25519_dalek::VerifyingKey::from_bytes(pair.public_key().as_bytes()).unwrap(),
            standard: Platform::STANDARD_WEBHOOKS
                .verifier_from_public_keys([pair.public_key()])
                .unwrap(),
            discord: Platform::DISCORD
                .verifier_from_public_keys([pair.public_key()])
                .unwrap(),
            pair,
            now,
            ts,
            cases,
        }
    }

    fn push<'a>(&'a self, pairs: &mut Vec<Pair<'a>>) {
        use ed25519_dalek::Signer as _;
        let target = Target::TimeAtMost(1.05);
        let now = self.now;
        for case in &self.cases {
            let (verifier, dalek) = (&self.standard, &self.dalek);
            assert_eq!(verifier.verify(&case.v1a, &case.body, now), Ok(()));
            assert!(
                dalek
                    .verify_strict(&case.standard_content, &case.standard_signature)
                    .is_ok()
            );
            pairs.push(Pair {
                what: "Ed25519 verify, Standard Webhooks `v1a` headers",
                size: case.size,
                baseline: "`ed25519-dalek` 3.0 `verify_strict`, content concatenated",
                target,
                ours: Box::new(move || {
                    black_box(verifier.verify(black_box(&case.v1a), black_box(&case.body), now))
                        .unwrap();
                }),
                base: Box::new(move || {
                    black_box(dalek.verify_strict(
                        black_box(&case.standard_content),
                        black_box(&case.standard_signature),
                    ))
                    .unwrap();
                }),
            });
            let verifier = &self.discord;
            assert_eq!(verifier.verify(&case.discord, &case.body, now), Ok(()));
            pairs.push(Pair {
                what: "Ed25519 verify, Discord headers",
                size: case.size,
                baseline: "`ed25519-dalek` 3.0 `verify_strict`, content concatenated",
                target,
                ours: Box::new(move || {
                    black_box(verifier.verify(
                        black_box(&case.discord),
                        black_box(&case.body),
                        now,
                    ))
                    .unwrap();
                }),
                base: Box::new(move || {
                    black_box(dalek.verify_strict(
                        black_box(&case.discord_content),
                        black_box(&case.discord_signature),
                    ))
                    .unwrap();
                }),
            });
            let (pair, signing, ts) = (&self.pair, &self.dalek_signing, self.ts.as_bytes());
            pairs.push(Pair {
                what: "Ed25519 sign, `v1a` content in parts",
                size: case.size,
                baseline: "`ed25519-dalek` 3.0 `sign`, content concatenated",
                target,
                ours: Box::new(move || {
                    let parts: [&[u8]; 5] = [Self::ID.as_bytes(), b".", ts, b".", &case.body];
                    black_box(pair.sign_parts(black_box(&parts)));
                }),
                base: Box::new(move || {
                    black_box(signing.sign(black_box(&case.standard_content)));
                }),
            });
        }
    }
}

fn main() {
    let filter = std::env::args().skip(1).find(|arg| !arg.starts_with("--"));
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let peer = standardwebhooks::Webhook::new(STANDARD_SECRET).unwrap();
    let standard = Platform::STANDARD_WEBHOOKS
        .verifier(STANDARD_SECRET)
        .unwrap();
    let bodies: Vec<(usize, &'static str, Vec<u8>)> = SIZES
        .iter()
        .map(|&(len, label)| (len, label, body(len)))
        .collect();
    // The one header a body-only check reads, as a receiver's map holds it.
    let headers: Vec<HeaderMap> = bodies
        .iter()
        .map(|(_, _, body)| {
            let value = signer.sign(body).unwrap().to_value(Encoding::Sha256Hex);
            let mut headers = HeaderMap::new();
            headers.insert("x-cortex-signature", value.to_header_value());
            headers
        })
        .collect();
    let header_values: Vec<String> = headers
        .iter()
        .map(|headers| headers["x-cortex-signature"].to_str().unwrap().to_owned())
        .collect();
    // Body-only schemes ignore `now`.
    let epoch = jiff::Timestamp::UNIX_EPOCH;

    let findings = [
        ("Cortex `scan.completed`, 1KiB", cortex_with_findings(1024)),
        (
            "Cortex `scan.completed`, 64KiB",
            cortex_with_findings(64 * 1024),
        ),
    ];
    let sorted =
        serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(CORTEX_COMPLETED).unwrap())
            .unwrap();

    // The closures below copy these references in.
    let (verifier, signer, standard, peer) = (&verifier, &signer, &standard, &peer);

    #[cfg(feature = "ed25519")]
    let ed25519 = Ed25519Rows::new();
    let mut pairs: Vec<Pair<'_>> = Vec::new();
    for ((len, label, body), value) in bodies.iter().zip(&header_values) {
        assert_eq!(verifier.verify_value(value, body, epoch), Ok(()));
        pairs.push(Pair {
            what: "verify, `sha256=` header",
            size: label,
            baseline: "raw `sha2::Sha256` digest",
            target: digest_target(*len),
            ours: Box::new(move || {
                black_box(verifier.verify_value(black_box(value), black_box(body), epoch)).unwrap();
            }),
            base: Box::new(move || {
                black_box(Sha256::digest(black_box(body)));
            }),
        });
    }
    for (((len, label, body), header), value) in bodies.iter().zip(&headers).zip(&header_values) {
        assert!(rekeying_verify(SECRET.as_bytes(), body, value.as_bytes()));
        pairs.push(Pair {
            what: "verify vs the re-keying way",
            size: label,
            baseline: "`Hmac::new_from_slice` + hex compare",
            target: match len {
                64 => Target::FasterThan(1.7),
                1024 => Target::FasterThan(1.15),
                _ => Target::None,
            },
            ours: Box::new(move || {
                black_box(verifier.verify(black_box(header), black_box(body), epoch)).unwrap();
            }),
            base: Box::new(move || {
                black_box(rekeying_verify(
                    black_box(SECRET.as_bytes()),
                    black_box(body),
                    black_box(value.as_bytes()),
                ));
            }),
        });
    }
    for (_, label, body) in &bodies {
        let headers = |body: &[u8]| standard_webhooks_headers(peer, body);
        pairs.push(standard_webhooks_pair(
            (standard, peer),
            ("verify, Standard Webhooks headers", label),
            Target::FasterThan(5.0),
            body,
            headers,
        ));
    }
    if let Some((_, _, body)) = bodies.first() {
        // The same check on a request as it arrives behind a proxy. Beyond
        // the rows, which compare on the same bare message: shown so
        // that a bare map cannot flatter.
        let headers = |body: &[u8]| behind_a_proxy(standard_webhooks_headers(peer, body));
        pairs.push(standard_webhooks_pair(
            (standard, peer),
            ("verify, Standard Webhooks headers, 15 header values", "64B"),
            Target::None,
            body,
            headers,
        ));
    }
    for (len, label, body) in &bodies {
        pairs.push(Pair {
            what: "sign",
            size: label,
            baseline: "raw `sha2::Sha256` digest",
            target: digest_target(*len),
            ours: Box::new(move || {
                black_box(signer.sign(black_box(body))).unwrap();
            }),
            base: Box::new(move || {
                black_box(Sha256::digest(black_box(body)));
            }),
        });
    }
    let value = || {
        black_box(serde_json::from_slice::<serde_json::Value>(black_box(
            CORTEX_BODY,
        )))
        .unwrap();
    };
    pairs.push(Pair {
        what: "decode a Cortex body, borrowed `RawEvent`",
        size: "—",
        baseline: "`serde_json::from_slice::<Value>`",
        target: Target::FasterThan(1.0),
        ours: Box::new(move || {
            black_box(RawEvent::decode(black_box(CORTEX_BODY))).unwrap();
        }),
        base: Box::new(value),
    });
    pairs.extend([
        typed_decode::<session::Event>("Emuluxe `session.started`", EMULUXE),
        typed_decode::<job::Event>("Capawesome `job_finished`", CAPAWESOME),
        typed_decode::<network::Event>("SPLEXA `device.degraded`", SPLEXA),
        typed_decode::<scan::Event>("Cortex `scan.completed`", CORTEX_COMPLETED),
        typed_decode::<scan::Event>("Cortex `issue.critical`", CORTEX_CRITICAL),
        // Keys sorted, as some encoders write them: `data` before `event`.
        typed_decode::<scan::Event>("Cortex `scan.completed`, keys sorted", &sorted),
    ]);
    pairs.extend(
        findings
            .iter()
            .map(|(size, body)| undocumented_decode(size, body)),
    );

    #[cfg(feature = "ed25519")]
    ed25519.push(&mut pairs);

    println!(
        "| what | size | hooksig | baseline (same rounds) | baseline | ratio | target | met |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for pair in &mut pairs {
        if let Some(word) = &filter
            && !pair.what.contains(word.as_str())
            && !pair.size.contains(word.as_str())
        {
            continue;
        }
        let measured = measure(pair);
        let (ratio, target, met) = judge(pair.target, measured.ratio);
        println!(
            "| {} | {} | {} | {} | {} | {ratio} | {target} | {met} |",
            pair.what,
            pair.size,
            duration(measured.ours),
            pair.baseline,
            duration(measured.base),
        );
    }
}
