//! Interop with the platforms' own code, and with other HMAC and Ed25519
//! implementations (Ed25519 in [`ed25519`]).
//!
//! Each seed platform publishes the Node.js code its users verify webhooks
//! with; tests/interop/ holds each snippet, adapted only to run outside
//! Express. Each must accept the requests the crate signs, and refuse them
//! tampered. The other way round, HMACs that Node's `crypto` and Python's
//! `hmac` made for random secrets and bodies verify in the crate, and the
//! crate writes the same digits.
//!
//! These tests run `node` and `python3`, so each is
//! `#[ignore = "needs node and python3: run by .ci/run"]`: a plain
//! `cargo test` passes on a machine with neither, and lists them as ignored.
//! CI runs them explicitly, after installing both:
//!
//! ```text
//! cargo test --all-features --test interop -- --ignored
//! ```
//!
//! Once asked for, they never skip: a missing `node` or `python3` fails the
//! test with the program's name. (An ignore attribute rather than an
//! environment variable, so that `cargo test` itself says they did not run.)
//! Bodies and secrets travel as hex in JSON files, never through a shell.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

#[cfg(feature = "ed25519")]
mod ed25519;
#[cfg(all(feature = "sha1", feature = "sha512"))]
mod providers_hmac;

#[cfg(all(feature = "p256", feature = "rsa"))]
mod providers_asym;

mod providers_core;

use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use hooksig::{
    Encoding, Platform, Scheme, Signer, SigningKey, VerifyError,
    event::{Envelope, debate},
};
use http::{HeaderMap, HeaderValue, Request};
use jiff::Timestamp;
use proptest::{
    collection::vec, prelude::any, strategy::Strategy, strategy::ValueTree, test_runner::TestRunner,
};
use serde_json::{Value, json};

/// A seed platform, the file its published verification code is kept in,
/// and its documented example body.
struct Seed {
    platform: &'static Platform,
    snippet: &'static str,
    body: fn() -> Vec<u8>,
    event: &'static str,
}

const SEEDS: [Seed; 5] = [
    Seed {
        platform: Platform::EMULUXE,
        snippet: "emuluxe.cjs",
        body: || seed_body("emuluxe_session_started.json"),
        event: "session.started",
    },
    Seed {
        platform: Platform::PULSELABS,
        snippet: "pulselabs.mjs",
        // The seed shows no whole body: the crate's own `webhook.test`.
        body: || {
            let sent = Timestamp::from_second(1_748_770_200).unwrap();
            debate::Event::webhook_test("wh_5c1f0e", "Test delivery from PulseLABS", sent)
                .to_vec()
                .unwrap()
        },
        event: "webhook.test",
    },
    Seed {
        platform: Platform::CAPAWESOME,
        snippet: "capawesome.mjs",
        body: || seed_body("capawesome_job_finished.json"),
        event: "job_finished",
    },
    Seed {
        platform: Platform::SPLEXA,
        snippet: "splexa.mjs",
        body: || seed_body("splexa_device_degraded.json"),
        event: "device.degraded",
    },
    Seed {
        platform: Platform::CORTEX,
        snippet: "cortex.cjs",
        body: || seed_body("cortex_scan_completed.json"),
        event: "scan.completed",
    },
];

/// The seed platforms sign the body alone, so `now` is ignored.
const NOW: Timestamp = Timestamp::UNIX_EPOCH;

/// A seed document's example body, kept in tests/data/seeds/.
fn seed_body(file: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/seeds")
            .join(file),
    )
    .unwrap()
}

fn interop(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(file)
}

/// Writes `value` where this test alone reads it.
fn write_json(name: &str, value: &Value) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::write(&path, serde_json::to_vec(value).unwrap()).unwrap();
    path
}

/// Runs `program` and reads the JSON it prints; a missing program fails.
fn run(program: &str, args: &[&Path], env: &[(&str, &str)]) -> Value {
    let output = Command::new(program)
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run `{program}` ({error}): the interop tests need it installed")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Secrets as the platforms' snippets take them, strings: plain, beyond
/// ASCII, and longer than HMAC's 64-byte block (so it is hashed first).
fn string_secrets() -> [String; 3] {
    [
        "whsec_interop-4f2a9c".to_owned(),
        "clé secrète ✓ 🔑".to_owned(),
        "a-long-webhook-secret/".repeat(4),
    ]
}

/// The seed's example payload, nothing, every byte value, and 70 KB.
fn bodies(seed: &Seed) -> Vec<(&'static str, Vec<u8>)> {
    let large = format!(
        r#"{{"event":"{}","data":{{"log":"{}"}}}}"#,
        seed.event,
        "é-0123456789".repeat(70 * 1024 / 13)
    );
    vec![
        ("seed payload", (seed.body)()),
        ("empty", Vec::new()),
        ("binary", (0..=255).collect()),
        ("70 KB", large.into_bytes()),
    ]
}

fn sign(seed: &Seed, signer: &Signer, body: Vec<u8>) -> Request<Vec<u8>> {
    seed.platform
        .request("https://receiver.example/webhooks")
        .event(seed.event)
        .delivery_id("0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e")
        .sign_with(signer)
        .body(body)
        .unwrap()
}

/// A request as run.mjs reads it: lowercase header names, hex body.
fn as_json(headers: &HeaderMap, body: &[u8]) -> Value {
    let headers: serde_json::Map<String, Value> = headers
        .iter()
        .map(|(name, value)| (name.to_string(), json!(value.to_str().unwrap())))
        .collect();
    json!({ "headers": headers, "body": hex::encode(body) })
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn each_seed_snippet_accepts_what_the_crate_signs_and_refuses_it_tampered() {
    for seed in &SEEDS {
        let name = seed.platform.signature_header().to_header_name();
        for secret in string_secrets() {
            let signer = seed.platform.signer(&secret).unwrap();
            let stranger = seed.platform.signer(format!("{secret}!")).unwrap();
            let verifier = seed.platform.verifier(&secret).unwrap();
            // (case, headers, body, whether it should pass)
            let mut cases = Vec::new();
            for (label, body) in bodies(seed) {
                let signed = sign(seed, &signer, body.clone());
                let (headers, body) = (signed.headers().clone(), signed.body().clone());

                let mut tampered = body.clone();
                match tampered.last_mut() {
                    Some(last) => *last ^= 1,
                    None => tampered.push(b' '),
                }
                cases.push((
                    format!("{label}, body tampered"),
                    headers.clone(),
                    tampered,
                    false,
                ));

                let mut respelled = headers.clone();
                let mut value = respelled[&name].to_str().unwrap().to_owned();
                let last = if value.ends_with('0') { "1" } else { "0" };
                value.replace_range(value.len() - 1.., last);
                respelled.insert(&name, HeaderValue::from_str(&value).unwrap());
                cases.push((
                    format!("{label}, signature tampered"),
                    respelled,
                    body.clone(),
                    false,
                ));

                let other = sign(seed, &stranger, body.clone());
                cases.push((
                    format!("{label}, signed with another secret"),
                    other.headers().clone(),
                    body.clone(),
                    false,
                ));
                cases.push((format!("{label}, signed"), headers, body, true));
            }
            // The crate agrees with the snippet on every case.
            for (case, headers, body, accept) in &cases {
                let result = verifier.verify(headers, body, NOW);
                assert_eq!(result.is_ok(), *accept, "crate, {case}: {result:?}");
            }
            let requests: Vec<Value> = cases
                .iter()
                .map(|(_, headers, body, _)| as_json(headers, body))
                .collect();

            let file = write_json(&format!("{}-requests.json", seed.snippet), &json!(requests));
            let env = [
                ("WEBHOOK_SECRET", secret.as_str()),
                ("SPLEXA_WEBHOOK_SECRET", secret.as_str()),
            ];
            let answers = run(
                "node",
                &[&interop("run.mjs"), &interop(seed.snippet), &file],
                &env,
            );
            let answers = answers.as_array().unwrap();
            assert_eq!(answers.len(), cases.len());
            for ((case, _, _, accept), answer) in cases.iter().zip(answers) {
                let accepted = answer
                    .as_u64()
                    .is_some_and(|status| (200..300).contains(&status));
                assert_eq!(
                    accepted, *accept,
                    "{}: {case}, secret {secret:?}: the snippet answered {answer}",
                    seed.snippet
                );
            }
        }
    }
}

/// Random secrets and bodies, deterministic from run to run, at the sizes
/// where HMAC-SHA256 changes paths: secrets around the 64-byte block, bodies
/// around the 55/56-byte padding edge and block edges, empty, and 70 KB.
fn hmac_cases() -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut runner = TestRunner::deterministic();
    let mut bytes = |len: usize| {
        vec(any::<u8>(), len)
            .new_tree(&mut runner)
            .unwrap()
            .current()
    };
    let secret_lens = [1, 16, 32, 63, 64, 65, 100, 200];
    let body_lens = [
        0,
        1,
        55,
        56,
        63,
        64,
        65,
        119,
        120,
        127,
        128,
        129,
        1000,
        70 * 1024,
    ];
    let mut cases = Vec::new();
    for (i, body_len) in body_lens.into_iter().enumerate() {
        let secret = bytes(secret_lens[i % secret_lens.len()]);
        cases.push((secret, bytes(body_len)));
    }
    for secret_len in secret_lens {
        cases.push((bytes(secret_len), bytes(64)));
        cases.push((bytes(secret_len), Vec::new()));
    }
    cases
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn node_and_python_signatures_verify_in_the_crate() {
    let cases = hmac_cases();
    let file = write_json(
        "hmac-cases.json",
        &cases
            .iter()
            .map(|(secret, body)| json!({ "secret": hex::encode(secret), "body": hex::encode(body) }))
            .collect(),
    );
    for (program, script) in [("node", "sign.mjs"), ("python3", "sign.py")] {
        let digests = run(program, &[&interop(script), &file], &[]);
        let digests = digests.as_array().unwrap();
        assert_eq!(digests.len(), cases.len());
        for ((secret, body), digest) in cases.iter().zip(digests) {
            let hex = digest["hex"].as_str().unwrap();
            let base64 = digest["base64"].as_str().unwrap();
            let case = format!(
                "{program}: {}-byte secret, {}-byte body",
                secret.len(),
                body.len()
            );
            // The bare values: either hex form under a lenient hex
            // platform (Emuluxe), base64 under Shopify.
            let lenient = Platform::EMULUXE.verifier(secret).unwrap();
            let check = |value: &str, body: &[u8]| {
                lenient.verify(&[("X-Emuluxe-Signature", value)], body, NOW)
            };
            assert_eq!(check(hex, body), Ok(()), "{case}");
            assert_eq!(check(&format!("sha256={hex}"), body), Ok(()), "{case}");
            assert_eq!(
                Platform::SHOPIFY.verifier(secret).unwrap().verify(
                    &[("X-Shopify-Hmac-Sha256", base64)],
                    body,
                    NOW
                ),
                Ok(()),
                "{case}"
            );
            for platform in Platform::PRESETS {
                let value = match platform.scheme() {
                    Scheme::Body(encoding @ (Encoding::Base64 | Encoding::Sha256Base64)) => {
                        format!("{}{base64}", encoding.prefix())
                    }
                    Scheme::Body(encoding) => format!("{}{hex}", encoding.prefix()),
                    // Timestamped schemes sign more than the body.
                    _ => continue,
                };
                let mut headers = HeaderMap::new();
                headers.insert(
                    platform.signature_header().name(),
                    HeaderValue::from_str(&value).unwrap(),
                );
                let strict = platform.strict().verifier(secret).unwrap();
                assert_eq!(
                    strict.verify(&headers, body, NOW),
                    Ok(()),
                    "{case}, {}",
                    platform.name()
                );
            }
            // Byte for byte: the crate writes the same text.
            let signature = SigningKey::new(secret).unwrap().sign(body);
            for (encoding, text) in [
                (Encoding::Hex, hex.to_owned()),
                (Encoding::Sha256Hex, format!("sha256={hex}")),
                (Encoding::Base64, base64.to_owned()),
            ] {
                assert_eq!(signature.to_value(encoding).to_string(), text, "{case}");
            }
            let mut other = body.clone();
            other.push(0);
            assert_eq!(check(hex, &other), Err(VerifyError::Mismatch), "{case}");
        }
    }
}

/// A correctly signed header value, respelled.
#[derive(Debug, Clone, Copy)]
enum Respelling {
    /// The hex digits in uppercase, the `sha256=` prefix as it was.
    UppercaseHex,
    /// Bare hex where the platform writes `sha256=`, or the reverse.
    OtherForm,
    /// Two bytes that are not hex after the digits.
    TrailingJunk,
}

impl Respelling {
    fn apply(self, value: &str) -> String {
        let (prefix, hex) = value.split_at(value.len() - 64);
        match self {
            Self::UppercaseHex => format!("{prefix}{}", hex.to_uppercase()),
            Self::OtherForm if prefix.is_empty() => format!("sha256={hex}"),
            Self::OtherForm => hex.to_owned(),
            Self::TrailingJunk => format!("{value}zz"),
        }
    }
}

/// Where the crate and each platform's own code disagree on a correctly
/// signed request written differently (SECURITY.md lists them): whether
/// the snippet accepts each respelling. The crate accepts the first two
/// (the same MAC, read leniently; `strict()` refuses the other form) and
/// refuses junk, which SPLEXA's snippet lets through.
#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn the_snippets_and_the_crate_differ_only_as_documented() {
    use Respelling::{OtherForm, TrailingJunk, UppercaseHex};
    let respellings = [UppercaseHex, OtherForm, TrailingJunk];
    let snippet_accepts: [(&str, [bool; 3]); 5] = [
        ("emuluxe.cjs", [false, false, false]),
        ("pulselabs.mjs", [false, false, false]),
        ("capawesome.mjs", [false, false, false]),
        ("splexa.mjs", [true, false, true]),
        ("cortex.cjs", [false, false, false]),
    ];
    let secret = "whsec_interop-4f2a9c";
    for (seed, (snippet, expected)) in SEEDS.iter().zip(snippet_accepts) {
        let signer = seed.platform.signer(secret).unwrap();
        let verifier = seed.platform.verifier(secret).unwrap();
        let strict_verifier = seed.platform.strict().verifier(secret).unwrap();
        assert_eq!(seed.snippet, snippet);
        let body = (seed.body)();
        let signed = sign(seed, &signer, body);
        let name = seed.platform.signature_header().name();
        let value = signed.headers()[name].to_str().unwrap();
        let mut requests = Vec::new();
        for respelling in respellings {
            let mut headers = signed.headers().clone();
            let respelled = respelling.apply(value);
            headers.insert(name, HeaderValue::from_str(&respelled).unwrap());
            requests.push(as_json(&headers, signed.body()));

            let lenient = verifier.verify(&headers, signed.body(), NOW);
            let strict = strict_verifier.verify(&headers, signed.body(), NOW);
            let (lenient_ok, strict_ok) = match respelling {
                UppercaseHex => (true, true),
                OtherForm => (true, false),
                TrailingJunk => (false, false),
            };
            assert_eq!(
                lenient.is_ok(),
                lenient_ok,
                "{snippet} {respelling:?}: {lenient:?}"
            );
            assert_eq!(
                strict.is_ok(),
                strict_ok,
                "{snippet} {respelling:?}: {strict:?}"
            );
        }
        let file = write_json(&format!("{snippet}-respelled.json"), &json!(requests));
        let env = [
            ("WEBHOOK_SECRET", secret),
            ("SPLEXA_WEBHOOK_SECRET", secret),
        ];
        let answers = run(
            "node",
            &[&interop("run.mjs"), &interop(snippet), &file],
            &env,
        );
        let accepted: Vec<bool> = answers
            .as_array()
            .unwrap()
            .iter()
            .map(|answer| {
                answer
                    .as_u64()
                    .is_some_and(|status| (200..300).contains(&status))
            })
            .collect();
        assert_eq!(accepted, expected, "{snippet}: {answers}");
    }
}
