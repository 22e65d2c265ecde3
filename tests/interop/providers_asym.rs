//! SendGrid and PayPal against their vendors' own code, both ways
//! (tests/interop/sdk-asym/): `@sendgrid/eventwebhook` 8.0.0 (npm) and
//! `sendgrid` 6.12.5 (PyPI) verify what the crate's `SendGridSigner` signs
//! and refuse it tampered; signatures from Node's `crypto` and Python's
//! `cryptography`, made as SendGrid makes them, verify in the crate. For
//! PayPal, deliveries signed over `paypalrestsdk` 1.13.3's own signed
//! content, with a throwaway certificate, verify in the crate, and the
//! crate and the SDK's check refuse the same tampered ones. (Only PayPal
//! holds PayPal's key, so the crate has no PayPal signer to test the
//! other way.)
//!
//! Installed by .ci/run: `npm ci` and `pip install --target .pydeps` in
//! tests/interop/sdk-asym/.

use std::path::{Path, PathBuf};

use hooksig::{
    VerifyError,
    provider::{PayPal, SendGrid, SendGridSigner},
};
use jiff::Timestamp;
use proptest::{strategy::Strategy, strategy::ValueTree, test_runner::TestRunner};
use serde_json::{Value, json};

use super::{interop, run, write_json};

fn dir() -> PathBuf {
    interop("sdk-asym")
}

fn python(args: &[&Path]) -> Value {
    let pydeps = dir().join(".pydeps");
    run("python3", args, &[("PYTHONPATH", pydeps.to_str().unwrap())])
}

/// Random UTF-8 bodies (the SDKs take text), the same from run to run:
/// empty, JSON-like, beyond ASCII, and around SHA-256's 64-byte block.
fn bodies() -> Vec<String> {
    let mut runner = TestRunner::deterministic();
    let mut bodies = vec![String::new(), "[]".to_owned(), "é✓ 🔑".to_owned()];
    for pattern in ["[ -~]{1,63}", "[ -~]{64,200}", "\\PC{1,300}"] {
        for _ in 0..3 {
            bodies.push(pattern.new_tree(&mut runner).unwrap().current());
        }
    }
    bodies.push(format!("[{}]", "{\"event\":\"open\"},".repeat(2000)));
    bodies
}

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

fn sendgrid_headers<'a>(signature: &'a str, timestamp: &'a str) -> [(&'static str, &'a str); 2] {
    [
        ("X-Twilio-Email-Event-Webhook-Signature", signature),
        ("X-Twilio-Email-Event-Webhook-Timestamp", timestamp),
    ]
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn the_sendgrid_sdks_verify_what_the_crate_signs_and_refuse_it_tampered() {
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for (index, body) in bodies().into_iter().enumerate() {
        let signer = SendGridSigner::from_bytes(&[u8::try_from(index).unwrap() + 1; 32]).unwrap();
        let key = signer.verification_key();
        let second = 1_588_788_367 + i64::try_from(index).unwrap() * 997;
        let [(_, signature), (_, timestamp)] = signer.sign(at(second), body.as_bytes());
        let case = |timestamp: &str, body: &[u8], key: &str| json!({"key": key, "timestamp": timestamp, "body": hex::encode(body), "signature": signature});
        cases.push(case(&timestamp, body.as_bytes(), &key));
        expected.push(true);
        let mut tampered = body.clone().into_bytes();
        tampered.push(b' ');
        cases.push(case(&timestamp, &tampered, &key));
        expected.push(false);
        cases.push(case(&(second + 1).to_string(), body.as_bytes(), &key));
        expected.push(false);
        let other = SendGridSigner::from_bytes(&[0xee; 32])
            .unwrap()
            .verification_key();
        cases.push(case(&timestamp, body.as_bytes(), &other));
        expected.push(false);
    }
    let file = write_json("sendgrid_crate_signed.json", &Value::from(cases));
    let node = run(
        "node",
        &[&dir().join("sendgrid.mjs"), Path::new("verify"), &file],
        &[],
    );
    assert_eq!(node, json!(expected), "@sendgrid/eventwebhook");
    let py = python(&[&dir().join("sendgrid_sdk.py"), Path::new("verify"), &file]);
    assert_eq!(py, json!(expected), "sendgrid (Python)");
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn sendgrid_style_signatures_from_node_and_python_verify_in_the_crate() {
    let spec: Vec<Value> = bodies()
        .iter()
        .enumerate()
        .map(|(index, body)| {
            json!({"timestamp": (1_700_000_000 + index * 31).to_string(), "body": hex::encode(body)})
        })
        .collect();
    let file = write_json("sendgrid_spec.json", &Value::from(spec));
    let node = run(
        "node",
        &[&dir().join("sendgrid.mjs"), Path::new("sign"), &file],
        &[],
    );
    let py = python(&[&dir().join("sendgrid_sdk.py"), Path::new("sign"), &file]);
    for (who, cases) in [("node", node), ("python", py)] {
        for case in cases.as_array().unwrap() {
            let sendgrid = SendGrid::new(case["key"].as_str().unwrap()).unwrap();
            let timestamp = case["timestamp"].as_str().unwrap();
            let body = hex::decode(case["body"].as_str().unwrap()).unwrap();
            let headers = sendgrid_headers(case["signature"].as_str().unwrap(), timestamp);
            let now = at(timestamp.parse().unwrap());
            assert_eq!(
                sendgrid.verify(&headers, &body, now),
                Ok(()),
                "{who}: {case}"
            );
            let mut tampered = body.clone();
            tampered.push(b'\n');
            assert_eq!(
                sendgrid.verify(&headers, &tampered, now),
                Err(VerifyError::Mismatch),
                "{who}"
            );
        }
    }
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn paypal_deliveries_signed_over_the_sdks_content_verify_in_the_crate() {
    let webhook_id = "9XL90610J3647323C";
    for bits in [2048, 3072, 4096] {
        let deliveries: Vec<Value> = bodies()
            .iter()
            .enumerate()
            .map(|(index, body)| {
                json!({
                    "id": format!("d938e770-8046-11e6-8103-6b62a8a9{index:04x}"),
                    "time": format!("2026-09-21T22:{:02}:46Z", index % 60),
                    "body": hex::encode(body),
                })
            })
            .collect();
        let spec = json!({"bits": bits, "webhook_id": webhook_id, "deliveries": deliveries});
        let file = write_json("paypal_spec.json", &spec);
        let signed = python(&[&dir().join("paypal.py"), Path::new("sign"), &file]);
        let paypal = PayPal::new(webhook_id, signed["certificate_pem"].as_str().unwrap()).unwrap();
        let mut checked = Vec::new();
        let mut crate_answers = Vec::new();
        for delivery in signed["deliveries"].as_array().unwrap() {
            let field = |name: &str| delivery[name].as_str().unwrap().to_owned();
            let (id, time, signature) = (field("id"), field("time"), field("signature"));
            let body = hex::decode(field("body")).unwrap();
            let mut variants = vec![(id.clone(), time.clone(), body.clone())];
            variants.push((format!("{id}0"), time.clone(), body.clone()));
            variants.push((id.clone(), time.replace(":46Z", ":47Z"), body.clone()));
            let mut tampered = body.clone();
            tampered.push(b' ');
            variants.push((id.clone(), time.clone(), tampered));
            for (id, time, body) in variants {
                let headers = [
                    ("PAYPAL-TRANSMISSION-ID", id.as_str()),
                    ("PAYPAL-TRANSMISSION-TIME", time.as_str()),
                    ("PAYPAL-TRANSMISSION-SIG", signature.as_str()),
                    ("PAYPAL-AUTH-ALGO", "SHA256withRSA"),
                ];
                crate_answers.push(paypal.verify(&headers, &body).is_ok());
                checked.push(json!({"id": id, "time": time, "body": hex::encode(&body), "signature": signature}));
            }
        }
        // Only the untampered first of each four verifies, in the crate
        // and in the SDK's check alike.
        let expected: Vec<bool> = (0..checked.len()).map(|i| i % 4 == 0).collect();
        assert_eq!(crate_answers, expected, "crate, {bits} bits");
        let file = write_json(
            "paypal_checked.json",
            &json!({
                "certificate_pem": signed["certificate_pem"],
                "webhook_id": webhook_id,
                "deliveries": checked,
            }),
        );
        let sdk = python(&[&dir().join("paypal.py"), Path::new("verify"), &file]);
        assert_eq!(sdk, json!(expected), "paypalrestsdk, {bits} bits");
    }
}
