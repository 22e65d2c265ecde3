//! The HMAC providers of `hooksig::provider` (Twilio, Square, HubSpot,
//! Mailgun, Intercom, Paystack) against their vendors' vectors in
//! tests/data/providers/; every signed input tampered, one at a time, and
//! refused; and the `providers_hmac` fuzz corpus replayed.

use std::{fs, path::Path};

use hooksig::provider::{HubSpot, Intercom, Mailgun, Paystack, Square, Twilio};
use hooksig::{BodyFieldError, FormError, UrlError, VerifyError};
use jiff::Timestamp;
use serde_json::Value;

#[allow(unreachable_pub, dead_code)]
#[path = "../fuzz_corpus/providers_hmac.rs"]
mod fuzz_target;

fn data(provider: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/providers")
        .join(format!("{provider}.json"));
    let value: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert!(
        value["source"].as_str().unwrap().len() > 40,
        "{provider}: no source quoted"
    );
    value
}

fn vectors(value: &Value) -> &Vec<Value> {
    let vectors = value["vectors"].as_array().unwrap();
    assert!(!vectors.is_empty());
    vectors
}

fn text<'a>(vector: &'a Value, key: &str) -> &'a str {
    vector[key].as_str().unwrap()
}

#[test]
fn twilio_sdk_vectors() {
    let data = data("twilio");
    let twilio = Twilio::new(text(&data, "auth_token")).unwrap();
    for vector in vectors(&data) {
        let (url, body, signature) = (
            text(vector, "url"),
            text(vector, "body"),
            text(vector, "signature"),
        );
        let headers = [("X-Twilio-Signature", signature)];
        assert_eq!(
            twilio.verify(url, &headers, body.as_bytes()),
            Ok(()),
            "{vector}"
        );
        // Tampered: the body, the URL, the signature, the token.
        let tampered_body = format!("{body}&Extra=1");
        assert_eq!(
            twilio.verify(url, &headers, tampered_body.as_bytes()),
            Err(VerifyError::Mismatch),
            "{vector}"
        );
        let tampered_url = url.replace("myapp", "myapq");
        assert_eq!(
            twilio.verify(&tampered_url, &headers, body.as_bytes()),
            Err(VerifyError::Mismatch)
        );
        let other = Twilio::new("12346").unwrap();
        assert_eq!(
            other.verify(url, &headers, body.as_bytes()),
            Err(VerifyError::Mismatch)
        );
        let flipped = flip_base64(signature);
        assert_eq!(
            twilio.verify(
                url,
                &[("X-Twilio-Signature", flipped.as_str())],
                body.as_bytes()
            ),
            Err(VerifyError::Mismatch)
        );
    }
    // The SDK signs the URL as given: the first vector is what a sender sends.
    let first = &vectors(&data)[0];
    assert_eq!(
        twilio
            .sign(text(first, "url"), text(first, "body").as_bytes())
            .unwrap()
            .as_str(),
        text(first, "signature")
    );
}

#[test]
fn hubspot_sdk_vector() {
    let data = data("hubspot");
    let hubspot = HubSpot::new(text(&data, "client_secret")).unwrap();
    for vector in vectors(&data) {
        let (method, uri, body) = (
            text(vector, "method"),
            text(vector, "uri"),
            text(vector, "body"),
        );
        let timestamp = text(vector, "timestamp");
        let sent = Timestamp::from_millisecond(timestamp.parse().unwrap()).unwrap();
        let headers = |signature: &str, timestamp: &str| {
            vec![
                ("X-HubSpot-Signature-v3".to_owned(), signature.to_owned()),
                (
                    "X-HubSpot-Request-Timestamp".to_owned(),
                    timestamp.to_owned(),
                ),
            ]
        };
        let good = headers(text(vector, "signature"), timestamp);
        assert_eq!(
            hubspot.verify(method, uri, &good, body.as_bytes(), sent),
            Ok(())
        );
        let signed = hubspot.sign(method, uri, body.as_bytes(), sent).unwrap();
        assert_eq!(signed.signature.as_str(), text(vector, "signature"));
        assert_eq!(signed.timestamp.as_str(), timestamp);
        // Tampered: body, URI, method, timestamp, signature, secret; and late.
        let mismatch = Err(VerifyError::Mismatch);
        assert_eq!(hubspot.verify(method, uri, &good, b"{}", sent), mismatch);
        assert_eq!(
            hubspot.verify(
                method,
                "https://www.example.com/webhook_urj",
                &good,
                body.as_bytes(),
                sent
            ),
            mismatch
        );
        assert_eq!(
            hubspot.verify("PUT", uri, &good, body.as_bytes(), sent),
            mismatch
        );
        let later = headers(text(vector, "signature"), "15000001");
        assert_eq!(
            hubspot.verify(method, uri, &later, body.as_bytes(), sent),
            mismatch
        );
        let flipped = headers(&flip_base64(text(vector, "signature")), timestamp);
        assert_eq!(
            hubspot.verify(method, uri, &flipped, body.as_bytes(), sent),
            mismatch
        );
        let other = HubSpot::new("zzzzzzzz-yyyy-yyyy-yyyy-yyyyyyyyyyyy").unwrap();
        assert_eq!(
            other.verify(method, uri, &good, body.as_bytes(), sent),
            mismatch
        );
        let late = Timestamp::from_millisecond(15_000_000 + 300_001).unwrap();
        assert!(matches!(
            hubspot.verify(method, uri, &good, body.as_bytes(), late),
            Err(VerifyError::Stale(_))
        ));
    }
    // The decoded escapes: an encoded URI verifies a signature over its
    // decoded form, and an escape outside the list stays as sent.
    let secret = text(&data, "client_secret");
    let hubspot = HubSpot::new(secret).unwrap();
    let at = Timestamp::from_millisecond(1_700_000_000_000).unwrap();
    let decoded = hubspot
        .sign("POST", "https://x.com/a?b=c:d/e(f)", b"", at)
        .unwrap();
    let headers = [
        ("X-HubSpot-Signature-v3", decoded.signature.as_str()),
        ("X-HubSpot-Request-Timestamp", decoded.timestamp.as_str()),
    ];
    assert_eq!(
        hubspot.verify(
            "POST",
            "https://x.com/a?b=c%3Ad%2Fe%28f%29",
            &headers,
            b"",
            at
        ),
        Ok(())
    );
    assert_eq!(
        hubspot.verify(
            "POST",
            "https://x.com/a?b=c%3Ad%2Fe%28f%29%20",
            &headers,
            b"",
            at
        ),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn square_intercom_paystack_vectors() {
    let square_data = data("square");
    let square = Square::new(text(&square_data, "signature_key")).unwrap();
    for vector in vectors(&square_data) {
        let (url, body, signature) = (
            text(vector, "url"),
            text(vector, "body"),
            text(vector, "signature"),
        );
        let headers = [("x-square-hmacsha256-signature", signature)];
        assert_eq!(square.verify(url, &headers, body.as_bytes()), Ok(()));
        assert_eq!(square.sign(url, body.as_bytes()).as_str(), signature);
        assert_eq!(
            square.verify("https://example.com/webhooK", &headers, body.as_bytes()),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            square.verify(url, &headers, format!("{body} ").as_bytes()),
            Err(VerifyError::Mismatch)
        );
        let flipped = flip_base64(signature);
        assert_eq!(
            square.verify(
                url,
                &[("x-square-hmacsha256-signature", flipped.as_str())],
                body.as_bytes()
            ),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            Square::new("asdf1235")
                .unwrap()
                .verify(url, &headers, body.as_bytes()),
            Err(VerifyError::Mismatch)
        );
    }

    let intercom_data = data("intercom");
    let intercom = Intercom::new(text(&intercom_data, "client_secret")).unwrap();
    let paystack_data = data("paystack");
    let paystack = Paystack::new(text(&paystack_data, "secret_key")).unwrap();
    for (data, header, verify, sign) in [
        (
            &intercom_data,
            "X-Hub-Signature",
            Box::new(|h: &[(&str, &str); 1], b: &[u8]| intercom.verify(h, b))
                as Box<dyn Fn(&[(&str, &str); 1], &[u8]) -> Result<(), VerifyError>>,
            Box::new(|b: &[u8]| intercom.sign(b).to_string()) as Box<dyn Fn(&[u8]) -> String>,
        ),
        (
            &paystack_data,
            "x-paystack-signature",
            Box::new(|h: &[(&str, &str); 1], b: &[u8]| paystack.verify(h, b)),
            Box::new(|b: &[u8]| paystack.sign(b).to_string()),
        ),
    ] {
        for vector in vectors(data) {
            let (body, signature) = (text(vector, "body"), text(vector, "signature"));
            assert_eq!(
                verify(&[(header, signature)], body.as_bytes()),
                Ok(()),
                "{vector}"
            );
            assert_eq!(sign(body.as_bytes()), signature);
            assert_eq!(
                verify(&[(header, signature)], format!("{body} ").as_bytes()),
                Err(VerifyError::Mismatch)
            );
            let flipped = flip_hex(signature);
            assert_eq!(
                verify(&[(header, flipped.as_str())], body.as_bytes()),
                Err(VerifyError::Mismatch)
            );
        }
    }
    assert_eq!(
        Intercom::new("client-secreu").unwrap().verify(
            &[(
                "X-Hub-Signature",
                text(&vectors(&intercom_data)[0], "signature")
            )],
            text(&vectors(&intercom_data)[0], "body").as_bytes()
        ),
        Err(VerifyError::Mismatch)
    );
    assert_eq!(
        Paystack::new("sk_test_y").unwrap().verify(
            &[(
                "x-paystack-signature",
                text(&vectors(&paystack_data)[0], "signature")
            )],
            text(&vectors(&paystack_data)[0], "body").as_bytes()
        ),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn mailgun_vector() {
    let data = data("mailgun");
    let mailgun = Mailgun::new(text(&data, "signing_key")).unwrap();
    for vector in vectors(&data) {
        let (timestamp, token, signature) = (
            text(vector, "timestamp"),
            text(vector, "token"),
            text(vector, "signature"),
        );
        let body = |timestamp: &str, token: &str, signature: &str| {
            format!(
                r#"{{"signature":{{"timestamp":"{timestamp}","token":"{token}","signature":"{signature}"}},"event-data":{{"event":"delivered","id":"CPgfbmQMTCKtHW6uIWtuVe"}}}}"#
            )
        };
        let now = Timestamp::from_second(timestamp.parse().unwrap()).unwrap();
        assert_eq!(
            mailgun.verify(body(timestamp, token, signature).as_bytes(), now),
            Ok(token)
        );
        assert_eq!(mailgun.sign(now, token).as_str(), signature);
        let mismatch = Err(VerifyError::Mismatch);
        assert_eq!(
            mailgun.verify(body("1529006855", token, signature).as_bytes(), now),
            mismatch
        );
        assert_eq!(
            mailgun.verify(
                body(timestamp, &token.replace('a', "b"), signature).as_bytes(),
                now
            ),
            mismatch
        );
        assert_eq!(
            mailgun.verify(body(timestamp, token, &flip_hex(signature)).as_bytes(), now),
            mismatch
        );
        assert_eq!(
            Mailgun::new("key-3ax6xnjp29jd6fds4gc373sgvjxteol1")
                .unwrap()
                .verify(body(timestamp, token, signature).as_bytes(), now),
            mismatch
        );
        let late = Timestamp::from_second(1_529_006_854 + 301).unwrap();
        assert!(matches!(
            mailgun.verify(body(timestamp, token, signature).as_bytes(), late),
            Err(VerifyError::Stale(_))
        ));
    }
}

/// The signature with its first character changed to another of the
/// alphabet (one that keeps the length and canonical form).
fn flip_base64(signature: &str) -> String {
    let first = if signature.starts_with('A') { "B" } else { "A" };
    format!("{first}{}", &signature[1..])
}

fn flip_hex(signature: &str) -> String {
    let (prefix, digits) = signature.split_at(signature.find('=').map_or(0, |at| at + 1));
    let first = if digits.starts_with('0') { "1" } else { "0" };
    format!("{prefix}{first}{}", &digits[1..])
}

#[test]
fn providers_hmac_fuzz_corpus() {
    let outcomes = crate::replay::replay("providers_hmac", fuzz_target::providers_hmac);
    let twilio =
        |wanted: fn(&Result<(), VerifyError>) -> bool| outcomes.iter().any(|o| wanted(&o.twilio));
    let hubspot =
        |wanted: fn(&Result<(), VerifyError>) -> bool| outcomes.iter().any(|o| wanted(&o.hubspot));
    let mailgun =
        |wanted: fn(&Result<(), VerifyError>) -> bool| outcomes.iter().any(|o| wanted(&o.mailgun));
    assert!(twilio(|r| r.is_ok()));
    assert!(twilio(|r| matches!(
        r,
        Err(VerifyError::Form(FormError::Escape { .. }))
    )));
    assert!(twilio(|r| matches!(
        r,
        Err(VerifyError::Form(FormError::TooManyFields { .. }))
    )));
    assert!(twilio(|r| matches!(
        r,
        Err(VerifyError::Url(UrlError::NotHttp))
    )));
    assert!(twilio(|r| matches!(
        r,
        Err(VerifyError::Url(UrlError::Port { .. }))
    )));
    assert!(twilio(|r| matches!(r, Err(VerifyError::Mismatch))));
    assert!(hubspot(|r| r.is_ok()));
    assert!(hubspot(|r| matches!(r, Err(VerifyError::Timestamp { .. }))));
    assert!(hubspot(|r| matches!(r, Err(VerifyError::Stale(_)))));
    assert!(mailgun(|r| r.is_ok()));
    assert!(mailgun(|r| matches!(r, Err(VerifyError::Stale(_)))));
    assert!(mailgun(|r| matches!(
        r,
        Err(VerifyError::BodyField(BodyFieldError::Escaped { .. }))
    )));
    assert!(mailgun(|r| matches!(
        r,
        Err(VerifyError::BodyField(BodyFieldError::NotJson { .. }))
    )));
}
