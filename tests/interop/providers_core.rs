//! Interop of the core presets of issue #19 with their vendors' own code,
//! both ways: requests the crate signs pass the vendor's verifier and fail
//! it tampered; requests the vendor's code signs verify in the crate.
//!
//! The vendor's SDK where it publishes one with a verify function
//! (`@paddle/paddle-node-sdk` and `paddle-python-sdk`, `razorpay` on npm
//! and PyPI, `@linear/sdk`, `svix` for Clerk and Resend,
//! `coinbase-commerce-node` and `coinbase-commerce`); its documented sample
//! code otherwise (Dropbox, Typeform, Zoom, Twitch, Zendesk), in
//! tests/interop/sdk-core/. The SDKs are installed there by .ci/run:
//!
//! ```text
//! npm ci --prefix tests/interop/sdk-core
//! python3 -m pip install --target tests/interop/sdk-core/.pydeps -r tests/interop/sdk-core/requirements.txt
//! ```

use std::time::{SystemTime, UNIX_EPOCH};

use hooksig::{Platform, VerifyError};
use http::{HeaderMap, HeaderName, HeaderValue};
use jiff::Timestamp;
use serde_json::{Value, json};

use super::{interop, run, write_json};

/// Each core preset, the name its scripts know it by, and whether a
/// Python SDK checks it too.
const PRESETS: [(&Platform, &str, bool); 11] = [
    (Platform::LINEAR, "linear", false),
    (Platform::DROPBOX, "dropbox", false),
    (Platform::RAZORPAY, "razorpay", true),
    (Platform::COINBASE_COMMERCE, "coinbase_commerce", true),
    (Platform::TYPEFORM, "typeform", false),
    (Platform::ZOOM, "zoom", false),
    (Platform::PADDLE, "paddle", true),
    (Platform::TWITCH, "twitch", false),
    (Platform::ZENDESK, "zendesk", false),
    (Platform::CLERK, "svix", false),
    (Platform::RESEND, "svix", false),
];

fn secret(platform: &Platform) -> &'static str {
    match platform.scheme() {
        hooksig::Scheme::StandardWebhooks => "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        hooksig::Scheme::Paddle => {
            "pdl_ntfset_01hs0t3tw21j988db1pam5xg8m_GrOWLNef+vmtjJYq4mSnHNzvc8uWoJ1I"
        }
        _ => "core-interop-secret-é✓",
    }
}

/// The wall clock: the SDKs judge time by it (Paddle 5 s, Linear 60 s,
/// Svix 5 minutes).
fn now() -> Timestamp {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    Timestamp::from_second(i64::try_from(seconds.as_secs()).unwrap()).unwrap()
}

/// One body every vendor's code takes: JSON, with Linear's
/// `webhookTimestamp` (milliseconds) and text beyond ASCII.
fn body(at: Timestamp) -> Vec<u8> {
    format!(
        r#"{{"event_type":"transaction.completed","action":"create","type":"Issue","webhookTimestamp":{},"data":{{"note":"café ✓"}}}}"#,
        at.as_millisecond()
    )
    .into_bytes()
}

fn as_json(provider: &str, secret: &str, headers: &HeaderMap, body: &[u8]) -> Value {
    let headers: serde_json::Map<String, Value> = headers
        .iter()
        .map(|(name, value)| (name.to_string(), json!(value.to_str().unwrap())))
        .collect();
    json!({ "provider": provider, "secret": secret, "headers": headers, "body": hex::encode(body) })
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn vendor_code_accepts_what_the_crate_signs_and_refuses_it_tampered() {
    let at = now();
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    let mut python = Vec::new();
    for (platform, provider, in_python) in PRESETS {
        let secret = secret(platform);
        let body = body(at);
        let sign = |secret: &str| {
            platform
                .request("https://receiver.example/hooks")
                .event("core.interop")
                .delivery_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
                .timestamp(at)
                .sign_with(&platform.signer(secret).unwrap())
                .body(body.clone())
                .unwrap()
        };
        let signed = sign(secret);
        let headers = signed.headers().clone();
        let mut tampered_body = body.clone();
        tampered_body.push(b' ');
        let name = platform.signature_header().to_header_name();
        let mut respelled = headers.clone();
        let value = respelled[&name].to_str().unwrap().to_owned();
        // A MAC character near the end, past base64 padding and its last
        // symbol's unused bits.
        let index = value.trim_end_matches('=').len() - 3;
        let mut bytes = value.into_bytes();
        bytes[index] = if bytes[index] == b'0' { b'1' } else { b'0' };
        respelled.insert(&name, HeaderValue::from_bytes(&bytes).unwrap());
        // Another secret of the same format: `whsec_` and other base64.
        let other = match secret.strip_prefix("whsec_") {
            Some(rest) => format!("whsec_A{}", &rest[1..]),
            None => format!("{secret}!"),
        };
        let other = sign(&other);
        let cases = [
            (headers.clone(), body.clone(), true, "signed"),
            (headers, tampered_body, false, "body tampered"),
            (respelled, body.clone(), false, "signature tampered"),
            (
                other.headers().clone(),
                body.clone(),
                false,
                "another secret",
            ),
        ];
        for (headers, body, accept, case) in cases {
            let request = as_json(provider, secret, &headers, &body);
            if in_python {
                python.push((
                    request.clone(),
                    accept,
                    format!("{} {case}", platform.name()),
                ));
            }
            requests.push(request);
            expected.push((accept, format!("{} {case}", platform.name())));
        }
    }
    let file = write_json("core-requests.json", &json!(requests));
    let answers = run("node", &[&interop("sdk-core/run.mjs"), &file], &[]);
    let answers = answers.as_array().unwrap();
    assert_eq!(answers.len(), expected.len());
    for ((accept, case), answer) in expected.iter().zip(answers) {
        assert_eq!(answer.as_bool(), Some(*accept), "node, {case}");
    }
    let file = write_json(
        "core-requests-python.json",
        &json!(python.iter().map(|(r, _, _)| r).collect::<Vec<_>>()),
    );
    let pydeps = interop("sdk-core/.pydeps");
    let answers = run(
        "python3",
        &[&interop("sdk-core/run.py"), &file],
        &[("PYTHONPATH", pydeps.to_str().unwrap())],
    );
    let answers = answers.as_array().unwrap();
    assert_eq!(answers.len(), python.len());
    for ((_, accept, case), answer) in python.iter().zip(answers) {
        assert_eq!(answer.as_bool(), Some(*accept), "python, {case}");
    }
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn what_vendor_code_signs_verifies_in_the_crate() {
    let at = now();
    let body = body(at);
    let inputs: Vec<Value> = PRESETS
        .iter()
        .map(|(platform, provider, _)| {
            json!({
                "provider": provider,
                "secret": secret(platform),
                "body": hex::encode(&body),
                "id": "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
                "timestamp": at.as_second(),
            })
        })
        .collect();
    let file = write_json("core-sign.json", &json!(inputs));
    let signed = run("node", &[&interop("sdk-core/sign.mjs"), &file], &[]);
    for ((platform, ..), headers) in PRESETS.iter().zip(signed.as_array().unwrap()) {
        let headers: HeaderMap = headers
            .as_object()
            .unwrap()
            .iter()
            .map(|(name, value)| {
                (
                    HeaderName::try_from(name.as_str()).unwrap(),
                    HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
                )
            })
            .collect();
        let verifier = platform.verifier(secret(platform)).unwrap();
        let name = platform.name();
        assert_eq!(verifier.verify(&headers, &body, at), Ok(()), "{name}");
        assert_eq!(
            verifier.verify(&headers, b"{}", at),
            Err(VerifyError::Mismatch),
            "{name}"
        );
    }
}
