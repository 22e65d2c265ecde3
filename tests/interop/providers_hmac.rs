//! The HMAC providers of `hooksig::provider` against their vendors' own
//! code, both ways: Twilio's Node and Python SDKs (`validateRequest`,
//! `validateRequestWithBody`, `getExpectedTwilioSignature`;
//! `RequestValidator.validate` and `compute_signature`), Square's Node SDK
//! (`WebhooksHelper.verifySignature` and the HMAC it uses), HubSpot's
//! Python SDK (`Signature.is_valid` and `get_signature`), and the samples
//! Mailgun (Python), Intercom and Paystack (Node) document, which have no
//! SDK function for it.
//!
//! The SDKs live in tests/interop/sdk-hmac/ (`npm ci` and
//! `pip install --no-deps --target .pydeps -r requirements.txt`; .ci/run
//! does both). Each case is signed by the crate and checked by the SDK,
//! tampered and checked again, and signed by the SDK for the crate to
//! verify.

use std::path::Path;

use hooksig::provider::{HubSpot, Intercom, Mailgun, Paystack, Square, Twilio};
use jiff::Timestamp;
use serde_json::{Value, json};

use super::{interop, run, write_json};

/// A small deterministic generator: the cases are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// Text of up to `max` pieces, with what needs encoding in a form or a
    /// URL, and no characters from U+E000 to U+FFFF (where UTF-16 order,
    /// Node's, and code point order, Python's, differ).
    fn text(&mut self, max: usize) -> String {
        const PIECES: [&str; 14] = [
            "a",
            "Z",
            "0",
            " ",
            "+",
            "&",
            "=",
            "%",
            "\u{e9}",
            "\u{65e5}",
            "\u{1f600}",
            "-",
            "\"",
            "hello",
        ];
        (0..self.below(max + 1))
            .map(|_| self.pick(&PIECES))
            .collect()
    }

    fn secret(&mut self) -> String {
        let len = 1 + self.below(40);
        (0..len)
            .map(|_| char::from(b'!' + self.below(94) as u8))
            .collect()
    }
}

/// `application/x-www-form-urlencoded`, as browsers and Twilio write it.
fn form_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                char::from(b).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn form(rng: &mut Rng) -> String {
    const NAMES: [&str; 6] = ["Body", "From", "To", "CallSid", "Digits", "MediaUrl0"];
    let fields: Vec<String> = (0..rng.below(12))
        .map(|_| {
            let name = if rng.below(5) == 0 {
                rng.text(3)
            } else {
                rng.pick(&NAMES).to_owned()
            };
            format!("{}={}", form_encode(&name), form_encode(&rng.text(6)))
        })
        .collect();
    fields.join("&")
}

fn cases() -> Vec<Value> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut cases = Vec::new();
    let urls = [
        "https://example.com/twilio/sms",
        "https://example.com:8443/hook?a=1&b=two%20words",
        "http://example.com/voice.php?x=%C3%A9",
        "https://user:pass@example.com/auth",
    ];
    for round in 0..24 {
        let url = urls[round % urls.len()];
        let secret = rng.secret();
        let twilio = Twilio::new(&secret).unwrap();
        // A form body, then a JSON body with its hash in the URL.
        let body = form(&mut rng);
        let signature = twilio.sign(url, body.as_bytes()).unwrap().to_string();
        cases.push(
            json!({"provider": "twilio", "secret": secret, "url": url, "body": body,
            "tampered_body": format!("{body}&Extra=1"), "signature": signature}),
        );
        let json_body = format!("{{\"text\":{}}}", json!(rng.text(8)));
        let separator = if url.contains('?') { '&' } else { '?' };
        let json_url = format!(
            "{url}{separator}bodySHA256={}",
            Twilio::body_sha256(json_body.as_bytes())
        );
        let signature = twilio
            .sign(&json_url, json_body.as_bytes())
            .unwrap()
            .to_string();
        cases.push(
            json!({"provider": "twilio", "secret": secret, "url": json_url,
            "body": json_body, "tampered_body": format!("{json_body} "), "signature": signature}),
        );

        let body = format!(
            "{{\"event_id\":\"{}\",\"note\":{}}}",
            rng.next(),
            json!(rng.text(8))
        );
        let square = Square::new(&secret).unwrap();
        cases.push(
            json!({"provider": "square", "secret": secret, "url": url, "body": body,
            "tampered_body": format!("{body} "),
            "signature": square.sign(url, body.as_bytes()).to_string()}),
        );
        cases.push(
            json!({"provider": "intercom", "secret": secret, "body": body,
            "tampered_body": format!("{body} "),
            "signature": Intercom::new(&secret).unwrap().sign(body.as_bytes()).to_string()}),
        );
        cases.push(
            json!({"provider": "paystack", "secret": secret, "body": body,
            "tampered_body": format!("{body} "),
            "signature": Paystack::new(&secret).unwrap().sign(body.as_bytes()).to_string()}),
        );

        // HubSpot's SDK checks the timestamp against its own clock.
        let now = Timestamp::now();
        let method = ["POST", "GET", "PUT"][round % 3];
        let hubspot = HubSpot::new(&secret).unwrap();
        let signed = hubspot.sign(method, url, body.as_bytes(), now).unwrap();
        cases.push(
            json!({"provider": "hubspot", "secret": secret, "url": url, "method": method,
            "body": body, "tampered_body": format!("{body} "),
            "timestamp": signed.timestamp.to_string(), "signature": signed.signature.to_string()}),
        );

        // Mailgun signs the timestamp and the token: the token is the "body".
        let token: String = (0..50)
            .map(|_| char::from(b"0123456789abcdef"[rng.below(16)]))
            .collect();
        let sent = Timestamp::from_second(1_700_000_000 + rng.below(1_000_000) as i64).unwrap();
        cases.push(json!({"provider": "mailgun", "secret": secret,
            "timestamp": sent.as_second().to_string(), "body": token,
            "tampered_body": format!("{token}x"),
            "signature": Mailgun::new(&secret).unwrap().sign(sent, &token).to_string()}));
    }
    cases
}

/// The crate's verdict on `signature` for `case`.
fn crate_accepts(case: &Value, signature: &str) -> bool {
    let text = |key: &str| case[key].as_str().unwrap();
    let (secret, body) = (text("secret"), text("body"));
    match text("provider") {
        "twilio" => Twilio::new(secret)
            .unwrap()
            .verify(
                text("url"),
                &[("X-Twilio-Signature", signature)],
                body.as_bytes(),
            )
            .is_ok(),
        "square" => Square::new(secret)
            .unwrap()
            .verify(
                text("url"),
                &[("x-square-hmacsha256-signature", signature)],
                body.as_bytes(),
            )
            .is_ok(),
        "intercom" => Intercom::new(secret)
            .unwrap()
            .verify(&[("X-Hub-Signature", signature)], body.as_bytes())
            .is_ok(),
        "paystack" => Paystack::new(secret)
            .unwrap()
            .verify(&[("x-paystack-signature", signature)], body.as_bytes())
            .is_ok(),
        "hubspot" => {
            let headers = [
                ("X-HubSpot-Signature-v3", signature),
                ("X-HubSpot-Request-Timestamp", text("timestamp")),
            ];
            HubSpot::new(secret)
                .unwrap()
                .verify(
                    text("method"),
                    text("url"),
                    &headers,
                    body.as_bytes(),
                    Timestamp::now(),
                )
                .is_ok()
        }
        "mailgun" => {
            let timestamp = text("timestamp");
            let json_body = json!({"signature": {"timestamp": timestamp, "token": body,
                "signature": signature}, "event-data": {"event": "delivered"}})
            .to_string();
            let now = Timestamp::from_second(timestamp.parse().unwrap()).unwrap();
            Mailgun::new(secret)
                .unwrap()
                .verify(json_body.as_bytes(), now)
                .is_ok()
        }
        other => panic!("unknown provider {other}"),
    }
}

fn check(program: &str, script: &str, cases: &[Value], env: &[(&str, &str)]) {
    let path = write_json(
        &format!("providers_hmac_{program}.json"),
        &Value::from(cases.to_vec()),
    );
    let results = run(program, &[&interop(script), Path::new(&path)], env);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), cases.len());
    for (case, result) in cases.iter().zip(results) {
        assert_eq!(
            result["accepts"], true,
            "{program} refused the crate's {case}"
        );
        assert_eq!(
            result["accepts_tampered"], false,
            "{program} accepted tampered {case}"
        );
        let theirs = result["signature"].as_str().unwrap();
        assert_eq!(
            theirs, case["signature"],
            "{program} signed {case} differently"
        );
        assert!(
            crate_accepts(case, theirs),
            "the crate refused {program}'s {case}"
        );
    }
}

#[test]
#[ignore = "needs node and python3: run by .ci/run"]
fn vendor_sdks_and_the_crate_accept_each_others_signatures() {
    let cases = cases();
    let node: Vec<Value> = cases
        .iter()
        .filter(|c| {
            ["twilio", "square", "intercom", "paystack"].contains(&c["provider"].as_str().unwrap())
        })
        .cloned()
        .collect();
    check("node", "sdk-hmac/sdk.cjs", &node, &[]);
    let python: Vec<Value> = cases
        .iter()
        .filter(|c| ["twilio", "hubspot", "mailgun"].contains(&c["provider"].as_str().unwrap()))
        .cloned()
        .collect();
    let pydeps = interop("sdk-hmac/.pydeps");
    check(
        "python3",
        "sdk-hmac/sdk.py",
        &python,
        &[("PYTHONPATH", pydeps.to_str().unwrap())],
    );
}
