//! Requests no known mistake explains must get no finding: a forged
//! signature, a tampered body, a secret the receiver does not hold. A
//! false diagnosis here would send a developer after the wrong bug, or
//! tell them an attack was their own mistake.

use hooksig::{
    Platform, SecretFormat,
    diagnose::{Evidence, Offline, Outcome},
};
use http::Request;

use crate::support::{assert_quiet, diagnose, hmac_presets, now, signed, with_body};

const RAW: &str = "whsec_hooksig_receiver";
const SW: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const OTHER_SW: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";

fn secret(platform: &Platform) -> &'static str {
    if platform.secret_format() == SecretFormat::StandardWebhooks {
        SW
    } else {
        RAW
    }
}

fn assert_unexplained(diagnosis: &hooksig::diagnose::Diagnosis) {
    assert_eq!(diagnosis.outcome(), Outcome::Unexplained, "{diagnosis}");
    assert!(
        diagnosis
            .findings()
            .iter()
            .all(|finding| finding.evidence() == Evidence::Inspection),
        "{diagnosis}"
    );
    assert!(
        diagnosis
            .to_string()
            .contains("No known mistake explains this"),
        "{diagnosis}"
    );
    assert!(!diagnosis.is_exhausted());
}

/// The JSON bodies the tests send: compact, and as Stripe writes it.
const BODIES: [&[u8]; 2] = [
    r#"{"id":"evt_1","amount":2000,"note":"Zoë & <b>/"}"#.as_bytes(),
    b"{\n  \"id\": \"evt_1\",\n  \"amount\": 2000\n}\n",
];

// An attacker who does not know the secret signs with one of their own.
#[test]
fn forged_requests_get_no_finding() {
    for platform in hmac_presets() {
        let forger = if platform.secret_format() == SecretFormat::StandardWebhooks {
            OTHER_SW
        } else {
            "whsec_forger"
        };
        for body in BODIES {
            let forged = signed(platform, forger, body);
            let diagnosis = diagnose(platform, secret(platform), &forged);
            assert_unexplained(&diagnosis);
        }
    }
}

// A genuine request whose body was changed on the way, including changed
// and then re-serialized, or re-encoded.
#[test]
fn tampered_requests_get_no_finding() {
    for platform in hmac_presets() {
        for body in BODIES {
            let genuine = signed(platform, secret(platform), body);
            let text = String::from_utf8(body.to_vec()).unwrap();
            for tampered in [
                text.replace("2000", "2"),
                text.replace("2000", "2")
                    .replace('\n', "")
                    .replace("  ", ""),
                text.replace("evt_1", "evt_2") + "\n",
                text.replacen('{', r#"{"admin":true,"#, 1),
            ] {
                let diagnosis = diagnose(
                    platform,
                    secret(platform),
                    &with_body(&genuine, tampered.as_bytes()),
                );
                assert_unexplained(&diagnosis);
            }
        }
    }
}

// The receiver holds a secret, and other secrets, none of them the one the
// request was signed with.
#[test]
fn a_secret_not_held_gets_no_finding() {
    for platform in hmac_presets() {
        let (held, other, signer) = if platform.secret_format() == SecretFormat::StandardWebhooks {
            (SW, "whsec_dGhpcyBpcyBhIHRlc3Qgc2VjcmV0", OTHER_SW)
        } else {
            (
                "whsec_receiver_live\n",
                "whsec_receiver_test",
                "whsec_sender_elsewhere",
            )
        };
        let request: Request<Vec<u8>> = signed(platform, signer, BODIES[0]);
        let diagnosis = Offline::new(platform)
            .secret(held)
            .other_secret(other)
            .diagnose_request(&request, now())
            .unwrap();
        assert_quiet(&diagnosis, &[held, other], &request);
        assert_unexplained(&diagnosis);
    }
}

// A request with no signature header at all is not explained either; the
// verifier's error says what is missing.
#[test]
fn a_missing_signature_gets_no_finding() {
    let request = Request::new(b"{}".to_vec());
    let diagnosis = diagnose(Platform::STRIPE, RAW, &request);
    assert_unexplained(&diagnosis);
    assert_eq!(
        diagnosis.verify_error().map(ToString::to_string).as_deref(),
        Some("missing header Stripe-Signature")
    );
}
