//! Signing and verifying never touch the heap.
//!
//! `allocation-counter` installs a counting global allocator in this test
//! binary only, and counts on the calling thread alone, so what the test
//! harness allocates on its own threads is not counted. Everything a check
//! needs (keys, bodies, header values) is built before counting starts.

use std::hint::black_box;

use hooksig::{Encoding, Header, Platform, Signer, Verifier, VerifyError};
use http::{HeaderMap, HeaderValue};

use crate::allocations;

const SECRET: &str = "whsec-allocation-test";

/// Bodies around the 64-byte block size, and one of many blocks.
fn bodies() -> Vec<Vec<u8>> {
    [0, 1, 63, 64, 65, 1024, 100 * 1024]
        .into_iter()
        .map(|len| (0..len).map(|i| (i % 251) as u8).collect())
        .collect()
}

#[test]
fn the_counter_sees_allocations_on_this_thread() {
    // Without this, a counter that never counts would pass every test below.
    assert_eq!(
        allocations(|| {
            black_box(vec![0u8; 32]);
        }),
        1
    );
    let signer = Signer::new(SECRET).unwrap();
    assert!(
        allocations(|| {
            black_box(signer.sign(b"body").to_string());
        }) >= 1
    );
}

#[test]
fn signing_does_not_allocate() {
    let signer = Signer::new(SECRET).unwrap();
    for body in bodies() {
        assert_eq!(
            allocations(|| {
                black_box(signer.sign(black_box(&body)));
            }),
            0,
            "sign, {} bytes",
            body.len()
        );
        for encoding in [Encoding::Hex, Encoding::Sha256Hex] {
            assert_eq!(
                allocations(|| {
                    black_box(signer.sign_header(black_box(&body), encoding));
                }),
                0,
                "sign_header {encoding:?}, {} bytes",
                body.len()
            );
        }
    }
}

#[test]
fn verifying_a_header_value_does_not_allocate() {
    let verifier = Verifier::new(SECRET).unwrap();
    let signer = Signer::new(SECRET).unwrap();
    let other = Signer::new("another secret").unwrap();
    for body in bodies() {
        for encoding in [Encoding::Hex, Encoding::Sha256Hex] {
            let good = signer.sign_header(&body, encoding).to_string();
            let shouted = good.to_ascii_uppercase().replace("SHA256=", "sha256=");
            let bad = other.sign_header(&body, encoding).to_string();
            let cases = [
                (&good, Ok(())),
                (&shouted, Ok(())),
                (&bad, Err(VerifyError::Mismatch)),
            ];
            for (value, expected) in cases {
                let mut result = Err(VerifyError::Mismatch);
                let count = allocations(|| {
                    result = verifier.verify(black_box(&body), black_box(value.as_bytes()));
                });
                assert_eq!(result, expected, "{value}");
                assert_eq!(count, 0, "verify {value}, {} bytes", body.len());

                let count = allocations(|| {
                    result = verifier.verify_encoded(black_box(&body), black_box(value), encoding);
                });
                assert_eq!(result, expected, "{value}");
                assert_eq!(count, 0, "verify_encoded {value}, {} bytes", body.len());
            }
        }
    }
}

#[test]
fn verifying_a_malformed_value_does_not_allocate() {
    let verifier = Verifier::new(SECRET).unwrap();
    for value in ["", "sha256=", "sha1=00", "sha256=0x12", "abc", "  zz  "] {
        let mut result = Ok(());
        let count = allocations(|| {
            result = verifier.verify(black_box(b"body"), black_box(value));
        });
        assert!(
            matches!(result, Err(VerifyError::Malformed { .. })),
            "{value}: {result:?}"
        );
        assert_eq!(count, 0, "{value}");
    }
}

#[test]
fn verifying_headers_does_not_allocate() {
    let verifier = Verifier::new(SECRET).unwrap();
    let signer = Signer::new(SECRET).unwrap();
    let other = Signer::new("another secret").unwrap();
    let custom = Platform::custom(
        "Acme",
        Header::new("X-Acme-Signature").unwrap(),
        hooksig::Scheme::Sha256Hex,
    );
    let platforms = [
        Platform::EMULUXE,
        Platform::PULSELABS,
        Platform::CAPAWESOME,
        Platform::SPLEXA,
        Platform::CORTEX,
        Platform::GITHUB,
        Platform::CORTEX.strict(),
        custom,
    ];
    for platform in &platforms {
        let encoding = platform.scheme().encoding().unwrap();
        for body in bodies() {
            for (signed_by, expected) in [(&signer, Ok(())), (&other, Err(VerifyError::Mismatch))] {
                let mut headers = HeaderMap::new();
                // Other headers around it, as a real request has.
                headers.insert("content-type", HeaderValue::from_static("application/json"));
                headers.insert("user-agent", HeaderValue::from_static("bench/1.0"));
                headers.insert(
                    platform.signature_header().name().clone(),
                    signed_by.sign_header(&body, encoding).to_header_value(),
                );
                let mut result = Err(VerifyError::Mismatch);
                let count = allocations(|| {
                    result =
                        verifier.verify_headers(platform, black_box(&headers), black_box(&body));
                });
                assert_eq!(result, expected, "{platform:?}");
                assert_eq!(
                    count,
                    0,
                    "verify_headers {platform:?}, {} bytes",
                    body.len()
                );
            }
        }
    }
}

#[test]
fn verifying_with_several_secrets_does_not_allocate() {
    let verifier = Verifier::with_secrets(["new secret", "old secret"]).unwrap();
    let body = b"{\"event\":\"rotation\"}";
    for secret in ["new secret", "old secret"] {
        let header = Signer::new(secret)
            .unwrap()
            .sign_header(body, Encoding::Sha256Hex)
            .to_string();
        let mut result = Err(VerifyError::Mismatch);
        let count = allocations(|| {
            result = verifier.verify(black_box(body), black_box(&header));
        });
        assert_eq!(result, Ok(()));
        assert_eq!(count, 0, "{secret}");
    }
}

#[test]
fn verifying_timestamped_headers_does_not_allocate() {
    let verifier = Verifier::new(SECRET).unwrap();
    let signer = Signer::new(SECRET).unwrap();
    let other = Signer::new("another secret").unwrap();
    let now = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let platforms = [
        Platform::STANDARD_WEBHOOKS,
        Platform::SVIX,
        Platform::STRIPE,
        Platform::SLACK,
        Platform::SHOPIFY,
    ];
    for platform in &platforms {
        for body in bodies() {
            for (signed_by, expected) in [(&signer, Ok(())), (&other, Err(VerifyError::Mismatch))] {
                let request = platform
                    .request("https://example.com/hooks")
                    .event("orders/create")
                    .delivery_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
                    .timestamp(now)
                    .sign_with(signed_by)
                    .body(body.clone())
                    .unwrap();
                // The headers as sent, then among as many as a proxy adds:
                // small maps are walked, large ones looked up by name.
                let mut headers = request.headers().clone();
                let sent = headers.clone();
                for filler in 0..16 {
                    headers.insert(
                        http::HeaderName::try_from(format!("x-proxy-{filler}")).unwrap(),
                        HeaderValue::from_static("1"),
                    );
                }
                for headers in [&sent, &headers] {
                    let mut result = Err(VerifyError::Mismatch);
                    let count = allocations(|| {
                        result = verifier.verify_headers_at(
                            platform,
                            black_box(headers),
                            black_box(&body),
                            now,
                        );
                    });
                    assert_eq!(result, expected, "{platform:?}, {} values", headers.len());
                    assert_eq!(
                        count,
                        0,
                        "verify_headers_at {platform:?}, {} bytes, {} values",
                        body.len(),
                        headers.len()
                    );
                }
            }
        }
    }
}
