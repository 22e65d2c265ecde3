//! Every platform, end to end: a request the sender builds verifies at the
//! receiver, and every way of spoiling it fails with the right error.

use hooksig::{
    Encoding, HeaderError, Platform, Scheme, SecretPolicy, SignatureError, Signer, SigningKey,
    Verifier, VerifyError, dangerous,
};
use http::{HeaderValue, Request};
use jiff::Timestamp;

const SECRET: &str = "whsec_test_secret";
const BODY: &[u8] = br#"{"event":"scan.completed","id":"evt_1234567890","data":{"score":85}}"#;
/// The seed platforms sign the body alone and ignore `now`.
const NOW: Timestamp = Timestamp::UNIX_EPOCH;

fn signed(platform: &Platform, secret: &str, body: &[u8]) -> Request<Vec<u8>> {
    platform
        .request("https://receiver.example/webhooks")
        .event("scan.completed")
        .delivery_id("5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f")
        .sign_with(&platform.signer(secret).unwrap())
        .body(body.to_vec())
        .unwrap()
}

fn verifier(platform: &Platform) -> Verifier {
    platform.verifier(SECRET).unwrap()
}

/// The encoding of a body-only platform.
fn encoding(platform: &Platform) -> Encoding {
    match platform.scheme() {
        Scheme::Body(encoding) => encoding,
        other => panic!("{} signs more than the body: {other}", platform.name()),
    }
}

#[test]
fn sender_requests_verify_at_the_receiver() {
    for platform in Platform::SEEDS {
        let request = signed(platform, SECRET, BODY);
        assert_eq!(request.method(), "POST", "{}", platform.name());
        assert_eq!(request.uri(), "https://receiver.example/webhooks");
        assert_eq!(request.body(), BODY);
        assert_eq!(
            verifier(platform).verify_request(&request, NOW),
            Ok(()),
            "{}",
            platform.name()
        );
        assert_eq!(
            verifier(&platform.strict()).verify_request(&request, NOW),
            Ok(())
        );
    }
}

#[test]
fn requests_carry_every_documented_header() {
    let cases: [(&Platform, &[(&str, &str)]); 6] = [
        (Platform::EMULUXE, &[("x-emuluxe-event", "scan.completed")]),
        (
            Platform::PULSELABS,
            &[
                ("x-pulselabs-event", "scan.completed"),
                (
                    "x-pulselabs-delivery",
                    "5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f",
                ),
                ("user-agent", "PulseLabs-Webhooks/1.0"),
            ],
        ),
        (Platform::CAPAWESOME, &[]),
        (
            Platform::SPLEXA,
            &[("user-agent", "splexa-universe/1.0 (+webhook)")],
        ),
        (
            Platform::CORTEX,
            &[
                ("x-cortex-event", "scan.completed"),
                ("x-cortex-delivery", "5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f"),
            ],
        ),
        (
            Platform::GITHUB,
            &[
                ("x-github-event", "scan.completed"),
                ("x-github-delivery", "5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f"),
            ],
        ),
    ];
    let signature = SigningKey::new(SECRET).unwrap().sign(BODY);
    for (platform, expected) in cases {
        let request = signed(platform, SECRET, BODY);
        let headers = request.headers();
        assert_eq!(headers["content-type"], "application/json");
        for (name, value) in expected {
            assert_eq!(headers[*name], *value, "{} {name}", platform.name());
        }
        let sig = &headers[platform.signature_header().name()];
        assert!(sig.is_sensitive());
        assert_eq!(
            sig,
            signature.to_value(encoding(platform)).to_string().as_str()
        );
        // content type, signature, and the platform's own headers: nothing else.
        assert_eq!(headers.len(), 2 + expected.len(), "{}", platform.name());
    }
}

#[test]
fn seed_schemes_on_the_wire() {
    let hex = SigningKey::new(SECRET).unwrap().sign(BODY).to_string();
    let value = |platform: &Platform| {
        signed(platform, SECRET, BODY).headers()[platform.signature_header().name()]
            .to_str()
            .unwrap()
            .to_owned()
    };
    for bare in [Platform::EMULUXE, Platform::CAPAWESOME] {
        assert_eq!(value(bare), hex, "{}", bare.name());
    }
    for prefixed in [
        Platform::PULSELABS,
        Platform::SPLEXA,
        Platform::CORTEX,
        Platform::GITHUB,
    ] {
        assert_eq!(
            value(prefixed),
            format!("sha256={hex}"),
            "{}",
            prefixed.name()
        );
    }
}

#[test]
fn one_changed_body_byte_is_a_mismatch() {
    for platform in Platform::SEEDS {
        let mut request = signed(platform, SECRET, BODY);
        request.body_mut()[10] ^= 0x01;
        assert_eq!(
            verifier(platform).verify_request(&request, NOW),
            Err(VerifyError::Mismatch)
        );
    }
}

#[test]
fn another_secret_is_a_mismatch() {
    for platform in Platform::SEEDS {
        let request = signed(platform, "some other secret", BODY);
        assert_eq!(
            verifier(platform).verify_request(&request, NOW),
            Err(VerifyError::Mismatch)
        );
    }
}

#[test]
fn a_missing_header_is_named() {
    for platform in Platform::SEEDS {
        let mut request = signed(platform, SECRET, BODY);
        request
            .headers_mut()
            .remove(platform.signature_header().name());
        let error = verifier(platform)
            .verify_request(&request, NOW)
            .unwrap_err();
        assert_eq!(
            error,
            VerifyError::Header(HeaderError::Missing {
                header: platform.signature_header().clone()
            })
        );
        assert_eq!(
            error.to_string(),
            format!("missing header {}", platform.signature_header())
        );
    }
    let error = verifier(Platform::CORTEX).verify(&http::HeaderMap::new(), BODY, NOW);
    assert_eq!(
        error.unwrap_err().to_string(),
        "missing header X-Cortex-Signature"
    );
}

#[test]
fn the_other_scheme_fails_a_strict_platform() {
    let signature = SigningKey::new(SECRET).unwrap().sign(BODY);
    for platform in Platform::SEEDS {
        let own = encoding(platform);
        let other = match own {
            Encoding::Hex => Encoding::Sha256Hex,
            _ => Encoding::Hex,
        };
        let mut request = signed(platform, SECRET, BODY);
        request.headers_mut().insert(
            platform.signature_header().name(),
            signature.to_value(other).to_header_value(),
        );
        // Lenient by default: the same MAC, written the other way.
        assert_eq!(verifier(platform).verify_request(&request, NOW), Ok(()));
        let error = verifier(&platform.strict())
            .verify_request(&request, NOW)
            .unwrap_err();
        assert_eq!(
            error,
            VerifyError::Malformed {
                header: platform.signature_header().clone(),
                reason: SignatureError::WrongEncoding {
                    expected: own,
                    found: other
                },
            },
            "{}",
            platform.name()
        );
    }
}

#[test]
fn two_signature_headers_are_refused() {
    let mut request = signed(Platform::CORTEX, SECRET, BODY);
    let copy = request.headers()["x-cortex-signature"].clone();
    request.headers_mut().append("x-cortex-signature", copy);
    let error = verifier(Platform::CORTEX)
        .verify_request(&request, NOW)
        .unwrap_err();
    assert_eq!(
        error,
        VerifyError::Header(HeaderError::Repeated {
            header: Platform::CORTEX.signature_header().clone(),
            count: 2
        })
    );
    assert_eq!(
        error.to_string(),
        "2 X-Cortex-Signature headers, expected exactly one"
    );
}

#[test]
fn rotation_accepts_old_and_new_and_nothing_else() {
    for platform in Platform::SEEDS {
        let verifier = platform
            .verifier_with_secrets(["new-secret", "old-secret"])
            .unwrap();
        assert_eq!(verifier.key_count(), 2);
        for secret in ["new-secret", "old-secret"] {
            let request = signed(platform, secret, BODY);
            assert_eq!(verifier.verify_request(&request, NOW), Ok(()), "{secret}");
        }
        let third = signed(platform, "third-secret", BODY);
        assert_eq!(
            verifier.verify_request(&third, NOW),
            Err(VerifyError::Mismatch)
        );
    }
}

#[test]
fn optional_secret_platforms_send_unsigned_and_receivers_still_require_it() {
    let optional: Vec<&Platform> = Platform::SEEDS
        .into_iter()
        .filter(|p| p.secret_policy() == SecretPolicy::Optional)
        .collect();
    assert_eq!(optional, [Platform::CAPAWESOME, Platform::GITHUB]);
    for platform in optional {
        let request = platform
            .request("https://receiver.example/")
            .event("job_created")
            .delivery_id("d")
            .body(BODY.to_vec())
            .unwrap();
        assert!(
            request
                .headers()
                .get(platform.signature_header().name())
                .is_none()
        );
        assert!(matches!(
            verifier(platform).verify_request(&request, NOW),
            Err(VerifyError::Header(HeaderError::Missing { .. }))
        ));
        let unsigned = dangerous::accept_unsigned(platform);
        assert_eq!(unsigned.key_count(), 0);
        assert_eq!(unsigned.verify_request(&request, NOW), Ok(()));
    }
}

#[test]
fn body_bytes_of_any_kind() {
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let verifier = verifier(Platform::CORTEX);
    let bodies: [&[u8]; 4] = [b"", &[0xff, 0xfe, 0x00, 0x80], b"\r\n", &[0u8; 4096]];
    for body in bodies {
        let value = signer.sign(body).unwrap().to_string();
        let headers = [("X-Cortex-Signature", value.as_str())];
        assert_eq!(verifier.verify(&headers, body, NOW), Ok(()));
        assert_eq!(
            verifier.verify(&headers, b"x", NOW),
            Err(VerifyError::Mismatch)
        );
    }
}

#[test]
fn header_values_are_bytes_not_text() {
    let mut request = signed(Platform::SPLEXA, SECRET, BODY);
    request.headers_mut().insert(
        "x-splexa-signature",
        HeaderValue::from_bytes(b"sha256=\xff\xfe").unwrap(),
    );
    let error = verifier(Platform::SPLEXA)
        .verify_request(&request, NOW)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "header x-splexa-signature: signature has a byte that is not a hex digit at offset 7"
    );
}

/// A signer's `sign` is the platform's signature of the body: the first
/// key's MAC, whatever the platform.
#[test]
fn a_signer_signs_with_its_first_key() {
    let signer: Signer = Platform::CORTEX
        .signer_with_secrets(["new-secret", "old-secret"])
        .unwrap();
    assert_eq!(signer.key_count(), 2);
    assert_eq!(
        signer.sign(BODY),
        Ok(SigningKey::new("new-secret").unwrap().sign(BODY))
    );
    let request = Platform::CORTEX
        .request("https://receiver.example/")
        .event("scan.completed")
        .delivery_id("d")
        .sign_with(&signer)
        .body(BODY.to_vec())
        .unwrap();
    // A body-only header has room for one signature: the new secret's.
    let only_old = Platform::CORTEX.verifier("old-secret").unwrap();
    assert_eq!(
        only_old.verify_request(&request, NOW),
        Err(VerifyError::Mismatch)
    );
    let only_new = Platform::CORTEX.verifier("new-secret").unwrap();
    assert_eq!(only_new.verify_request(&request, NOW), Ok(()));
}
