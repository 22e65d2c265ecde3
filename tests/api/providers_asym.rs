//! The asymmetric providers, SendGrid (ECDSA P-256) and PayPal (RSA with a
//! certificate), on their vendors' examples kept in
//! tests/data/providers/{sendgrid,paypal}.json: each verifies, and each
//! part of its signed content, its signature and its key, changed,
//! fails.

use std::{fs, path::Path};

use hooksig::{
    HeaderError, KeyError, SignatureError, VerifyError,
    provider::{PayPal, SendGrid},
};
use jiff::Timestamp;
use serde_json::Value;

fn data(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/providers")
        .join(name);
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

fn text<'v>(value: &'v Value, key: &str) -> &'v str {
    value[key].as_str().unwrap_or_else(|| panic!("no {key}"))
}

mod sendgrid {
    use super::*;

    fn headers<'a>(signature: &'a str, timestamp: &'a str) -> [(&'static str, &'a str); 2] {
        [
            ("X-Twilio-Email-Event-Webhook-Signature", signature),
            ("X-Twilio-Email-Event-Webhook-Timestamp", timestamp),
        ]
    }

    fn now(vector: &Value) -> Timestamp {
        Timestamp::from_second(text(vector, "timestamp").parse().unwrap()).unwrap()
    }

    #[test]
    fn the_sdk_example_verifies() {
        let vector = data("sendgrid.json");
        let sendgrid = SendGrid::new(text(&vector, "public_key")).unwrap();
        let headers = headers(text(&vector, "signature"), text(&vector, "timestamp"));
        assert_eq!(
            sendgrid.verify(&headers, text(&vector, "payload").as_bytes(), now(&vector)),
            Ok(())
        );
    }

    #[test]
    fn the_sdk_rejections_are_refused() {
        let vector = data("sendgrid.json");
        let reject = &vector["reject"];
        let body = text(&vector, "payload").as_bytes();
        let (signature, timestamp) = (text(&vector, "signature"), text(&vector, "timestamp"));
        let good = SendGrid::new(text(&vector, "public_key")).unwrap();
        let other = SendGrid::new(text(reject, "invalid_key")).unwrap();
        let now = now(&vector);
        assert_eq!(
            other.verify(&headers(signature, timestamp), body, now),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            good.verify(
                &headers(signature, timestamp),
                text(reject, "bad_payload").as_bytes(),
                now
            ),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            good.verify(
                &headers(text(reject, "bad_signature"), timestamp),
                body,
                now
            ),
            Err(VerifyError::Mismatch)
        );
        // The SDK refuses a non-numeric timestamp by mismatch; the crate
        // says what is wrong with it.
        assert!(matches!(
            good.verify(
                &headers(signature, text(reject, "bad_timestamp")),
                body,
                now
            ),
            Err(VerifyError::Timestamp { .. })
        ));
    }

    #[test]
    fn tampering_fails() {
        let vector = data("sendgrid.json");
        let sendgrid = SendGrid::new(text(&vector, "public_key")).unwrap();
        let body = text(&vector, "payload").as_bytes();
        let (signature, timestamp) = (text(&vector, "signature"), text(&vector, "timestamp"));
        let now = now(&vector);
        let mut flipped = body.to_vec();
        flipped[3] ^= 1;
        let later = (timestamp.parse::<i64>().unwrap() + 1).to_string();
        // Every character of the signature changed to another of the
        // alphabet: a mismatch, or not DER, never a pass.
        for index in 0..signature.len() - 1 {
            let mut changed = signature.as_bytes().to_vec();
            changed[index] = if changed[index] == b'A' { b'B' } else { b'A' };
            let changed = String::from_utf8(changed).unwrap();
            let result = sendgrid.verify(&headers(&changed, timestamp), body, now);
            assert!(
                matches!(
                    result,
                    Err(VerifyError::Mismatch
                        | VerifyError::Malformed {
                            reason: SignatureError::NotDer | SignatureError::NonCanonical { .. },
                            ..
                        })
                ),
                "{index}: {result:?}"
            );
        }
        assert_eq!(
            sendgrid.verify(&headers(signature, timestamp), &flipped, now),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            sendgrid.verify(&headers(signature, &later), body, now),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            sendgrid.verify(&headers(signature, timestamp), b"", now),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn requests_missing_parts_or_too_old_say_so() {
        let vector = data("sendgrid.json");
        let sendgrid = SendGrid::new(text(&vector, "public_key")).unwrap();
        let body = text(&vector, "payload").as_bytes();
        let (signature, timestamp) = (text(&vector, "signature"), text(&vector, "timestamp"));
        let now = now(&vector);
        let only_signature = [("X-Twilio-Email-Event-Webhook-Signature", signature)];
        assert!(matches!(
            sendgrid.verify(&only_signature, body, now),
            Err(VerifyError::Header(HeaderError::Missing { .. }))
        ));
        let twice = [
            ("X-Twilio-Email-Event-Webhook-Signature", signature),
            ("X-Twilio-Email-Event-Webhook-Signature", signature),
            ("X-Twilio-Email-Event-Webhook-Timestamp", timestamp),
        ];
        assert!(matches!(
            sendgrid.verify(&twice, body, now),
            Err(VerifyError::Header(HeaderError::Repeated { count: 2, .. }))
        ));
        assert!(matches!(
            sendgrid.verify(&headers("MEUC!", timestamp), body, now),
            Err(VerifyError::Malformed {
                reason: SignatureError::InvalidCharacter { offset: 4, .. },
                ..
            })
        ));
        assert!(matches!(
            sendgrid.verify(&headers("AAAA", timestamp), body, now),
            Err(VerifyError::Malformed {
                reason: SignatureError::NotDer,
                ..
            })
        ));
        assert!(matches!(
            sendgrid.verify(&headers(&"A".repeat(100), timestamp), body, now),
            Err(VerifyError::Malformed {
                reason: SignatureError::TooLong {
                    found: 100,
                    max: 96
                },
                ..
            })
        ));
        let two_days = Timestamp::from_second(now.as_second() + 2 * 86_400).unwrap();
        assert!(matches!(
            sendgrid.verify(&headers(signature, timestamp), body, two_days),
            Err(VerifyError::Stale(_))
        ));
        // A retry a whole day later is still SendGrid's.
        let a_day = Timestamp::from_second(now.as_second() + 86_400).unwrap();
        assert_eq!(
            sendgrid.verify(&headers(signature, timestamp), body, a_day),
            Ok(())
        );
    }

    #[test]
    fn an_rsa_key_is_named_as_one() {
        let vector = data("paypal.json");
        let pem = text(&vector, "certificate_pem");
        // A SubjectPublicKeyInfo is not a certificate; the certificate's
        // key is what matters here, so read it through PayPal and compare.
        assert!(PayPal::new("WH1", pem).is_ok());
        let rsa_spki = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwxXFg0x/XFw005UWVRIkdgcKWTjpBP2dPwVZ4WWC+9aGVd+Gyn1o0CLelf4rEjGoXbAAEgAqeGUxrcIlbjXfbcmwIDAQAB";
        assert_eq!(
            SendGrid::new(rsa_spki).unwrap_err(),
            KeyError::WrongKeyType {
                expected: "an ECDSA P-256 public key",
                found: "an RSA public key"
            }
        );
    }
}

mod paypal {
    use super::*;

    struct Delivery {
        id: String,
        time: String,
        signature: String,
        algorithm: String,
        body: Vec<u8>,
    }

    impl Delivery {
        fn from(vector: &Value) -> Self {
            Self {
                id: text(vector, "transmission_id").into(),
                time: text(vector, "transmission_time").into(),
                signature: text(vector, "signature").into(),
                algorithm: text(vector, "auth_algo").into(),
                body: text(vector, "body").as_bytes().to_vec(),
            }
        }

        fn headers(&self) -> Vec<(&'static str, &str)> {
            vec![
                ("PAYPAL-TRANSMISSION-ID", self.id.as_str()),
                ("PAYPAL-TRANSMISSION-TIME", self.time.as_str()),
                ("PAYPAL-TRANSMISSION-SIG", self.signature.as_str()),
                ("PAYPAL-AUTH-ALGO", self.algorithm.as_str()),
                (
                    "PAYPAL-CERT-URL",
                    "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-1",
                ),
            ]
        }
    }

    fn verifier(vector: &Value) -> PayPal {
        PayPal::new(text(vector, "webhook_id"), text(vector, "certificate_pem")).unwrap()
    }

    #[test]
    fn the_vector_verifies_from_the_certificate_or_its_chain() {
        let vector = data("paypal.json");
        let delivery = Delivery::from(&vector);
        assert_eq!(
            verifier(&vector).verify(&delivery.headers(), &delivery.body),
            Ok(())
        );
        let chain = PayPal::new(text(&vector, "webhook_id"), text(&vector, "chain_pem")).unwrap();
        assert_eq!(chain.verify(&delivery.headers(), &delivery.body), Ok(()));
        // Header names in any case, as HTTP stacks hand them over.
        let lower: Vec<(String, &str)> = delivery
            .headers()
            .into_iter()
            .map(|(name, value)| (name.to_ascii_lowercase(), value))
            .collect();
        assert_eq!(verifier(&vector).verify(&lower, &delivery.body), Ok(()));
    }

    #[test]
    fn the_signed_content_is_as_documented() {
        // The vector's own record of what was signed, checked against the
        // documented layout and zlib's CRC-32 worked out here.
        let vector = data("paypal.json");
        let crc = vector["crc32"].as_u64().unwrap();
        assert_eq!(
            text(&vector, "signed_content"),
            format!(
                "{}|{}|{}|{crc}",
                text(&vector, "transmission_id"),
                text(&vector, "transmission_time"),
                text(&vector, "webhook_id")
            )
        );
        let mut table_crc = !0u32;
        for &byte in text(&vector, "body").as_bytes() {
            table_crc ^= u32::from(byte);
            for _ in 0..8 {
                table_crc = if table_crc & 1 == 1 {
                    (table_crc >> 1) ^ 0xEDB8_8320
                } else {
                    table_crc >> 1
                };
            }
        }
        assert_eq!(u64::from(!table_crc), crc);
    }

    #[test]
    fn tampering_fails() {
        let vector = data("paypal.json");
        let paypal = verifier(&vector);
        type Tamper = fn(&mut Delivery);
        let cases: [(&str, Tamper); 5] = [
            ("body", |d| d.body[10] ^= 1),
            ("body appended", |d| d.body.push(b' ')),
            ("transmission id", |d| d.id.replace_range(0..1, "e")),
            ("transmission time", |d| {
                d.time = d.time.replace("46Z", "47Z");
            }),
            ("signature", |d| {
                let first = if d.signature.starts_with('A') {
                    "B"
                } else {
                    "A"
                };
                d.signature.replace_range(0..1, first);
            }),
        ];
        for (what, tamper) in cases {
            let mut delivery = Delivery::from(&vector);
            tamper(&mut delivery);
            assert_eq!(
                paypal.verify(&delivery.headers(), &delivery.body),
                Err(VerifyError::Mismatch),
                "{what}"
            );
        }
        let delivery = Delivery::from(&vector);
        let other_webhook =
            PayPal::new("9XL90610J3647323D", text(&vector, "certificate_pem")).unwrap();
        assert_eq!(
            other_webhook.verify(&delivery.headers(), &delivery.body),
            Err(VerifyError::Mismatch)
        );
        // Another certificate's key: the chain's second certificate alone.
        let chain = text(&vector, "chain_pem");
        let issuer = &chain[text(&vector, "certificate_pem").len()..];
        let other_key = PayPal::new(text(&vector, "webhook_id"), issuer).unwrap();
        assert_eq!(
            other_key.verify(&delivery.headers(), &delivery.body),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn malformed_requests_say_what_is_wrong() {
        let vector = data("paypal.json");
        let paypal = verifier(&vector);
        let mut delivery = Delivery::from(&vector);
        delivery.algorithm = "SHA1withRSA".into();
        let error = paypal
            .verify(&delivery.headers(), &delivery.body)
            .unwrap_err();
        assert!(matches!(
            error,
            VerifyError::Malformed {
                reason: SignatureError::UnsupportedAlgorithm {
                    supported: "SHA256withRSA",
                    ..
                },
                ..
            }
        ));
        assert_eq!(
            error.to_string(),
            "header PAYPAL-AUTH-ALGO: sha1withrsa is not supported, only SHA256withRSA"
        );
        let mut delivery = Delivery::from(&vector);
        delivery.algorithm = "sha256WITHrsa".into();
        assert_eq!(paypal.verify(&delivery.headers(), &delivery.body), Ok(()));

        let mut delivery = Delivery::from(&vector);
        delivery.signature.truncate(40);
        assert!(matches!(
            paypal.verify(&delivery.headers(), &delivery.body),
            Err(VerifyError::Malformed {
                reason: SignatureError::DecodedLength {
                    found: 30,
                    expected: 256
                },
                ..
            })
        ));
        let mut delivery = Delivery::from(&vector);
        delivery.signature.insert(5, '*');
        assert!(matches!(
            paypal.verify(&delivery.headers(), &delivery.body),
            Err(VerifyError::Malformed {
                reason: SignatureError::InvalidCharacter { offset: 5, .. },
                ..
            })
        ));
        let delivery = Delivery::from(&vector);
        let headers: Vec<_> = delivery
            .headers()
            .into_iter()
            .filter(|(name, _)| *name != "PAYPAL-TRANSMISSION-ID")
            .collect();
        assert!(matches!(
            paypal.verify(&headers, &delivery.body),
            Err(VerifyError::Header(HeaderError::Missing { .. }))
        ));
    }

    #[test]
    fn keys_and_certificates_of_other_kinds_say_so() {
        let vector = data("paypal.json");
        assert_eq!(
            PayPal::new("WH1", text(&vector, "ec_certificate_pem")).unwrap_err(),
            KeyError::WrongKeyType {
                expected: "an RSA public key",
                found: "an elliptic-curve public key"
            }
        );
        let pem = text(&vector, "certificate_pem");
        let broken = pem.replacen("MII", "M*I", 1);
        assert!(matches!(
            PayPal::new("WH1", broken).unwrap_err(),
            KeyError::NotPem { .. }
        ));
        assert!(matches!(
            PayPal::new("WH-1", pem).unwrap_err(),
            KeyError::WebhookId { .. }
        ));
    }

    #[test]
    fn debug_names_the_webhook_and_key_size() {
        let vector = data("paypal.json");
        let debug = format!("{:?}", verifier(&vector));
        assert_eq!(
            debug,
            "PayPal { webhook_id: \"9XL90610J3647323C\", key_bits: 2048 }"
        );
    }
}

#[allow(unreachable_pub)]
#[path = "../fuzz_corpus/providers_asym.rs"]
mod fuzz_target;

/// The saved corpus of the `providers_asym` fuzz target, replayed on
/// stable through the target's own body.
mod fuzz_replay {
    use hooksig::{KeyError, SignatureError, VerifyError};

    use super::fuzz_target as target;

    #[test]
    fn providers_asym_corpus() {
        let outcomes = crate::replay::replay("providers_asym", target::providers_asym);
        let reached = |wanted: fn(&target::AsymOutcome) -> bool| outcomes.iter().any(wanted);
        assert!(reached(|o| o.sendgrid.is_ok()));
        assert!(reached(|o| o.sendgrid == Err(VerifyError::Mismatch)));
        assert!(reached(|o| matches!(
            o.sendgrid,
            Err(VerifyError::Stale(_))
        )));
        assert!(reached(|o| matches!(
            o.sendgrid,
            Err(VerifyError::Timestamp { .. })
        )));
        assert!(reached(|o| matches!(
            o.sendgrid,
            Err(VerifyError::Malformed {
                reason: SignatureError::NotDer,
                ..
            })
        )));
        assert!(reached(|o| matches!(
            o.sendgrid,
            Err(VerifyError::Malformed {
                reason: SignatureError::TooLong { .. },
                ..
            })
        )));
        assert!(reached(|o| o.paypal.is_ok()));
        assert!(reached(|o| matches!(
            o.paypal,
            Err(VerifyError::Malformed {
                reason: SignatureError::UnsupportedAlgorithm { .. },
                ..
            })
        )));
        assert!(reached(|o| matches!(
            o.paypal,
            Err(VerifyError::Malformed {
                reason: SignatureError::DecodedLength { .. },
                ..
            })
        )));
        assert!(reached(|o| o.url.is_ok()));
        assert!(reached(|o| matches!(
            o.url,
            Err(KeyError::NotPayPalCertificateUrl { .. })
        )));
        assert!(reached(|o| o.sendgrid_key.is_ok()));
        assert!(reached(|o| o.certificate.is_ok()));
        assert!(reached(|o| matches!(
            o.certificate,
            Err(KeyError::WrongKeyType { .. })
        )));
        assert!(reached(|o| matches!(
            o.certificate,
            Err(KeyError::NotPem { .. })
        )));
    }
}
