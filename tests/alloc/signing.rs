//! Signing and verifying never touch the heap: HMAC and Ed25519 alike.
//!
//! `allocation-counter` installs a counting global allocator in this test
//! binary only, and counts on the calling thread alone, so what the test
//! harness allocates on its own threads is not counted. Everything a check
//! needs (keys, bodies, header values) is built before counting starts.

use std::hint::black_box;

use hooksig::{Encoding, Header, Platform, Scheme, Verifier, VerifyError};
#[cfg(feature = "ed25519")]
use hooksig::{KeyPair, Signer};
use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

use crate::allocations;

/// `whsec_` + base64 of "allocation-test-secret": every preset can read it
/// (Standard Webhooks and Svix decode it, the others use it as it stands).
const SECRET: &str = "whsec_YWxsb2NhdGlvbi10ZXN0LXNlY3JldA==";
/// `whsec_` + base64 of "another secret".
const OTHER: &str = "whsec_YW5vdGhlciBzZWNyZXQ=";

fn now() -> Timestamp {
    Timestamp::from_second(1_700_000_000).unwrap()
}

/// Bodies around the 64-byte block size, and one of many blocks.
fn bodies() -> Vec<Vec<u8>> {
    [0, 1, 63, 64, 65, 1024, 100 * 1024]
        .into_iter()
        .map(|len| (0..len).map(|i| (i % 251) as u8).collect())
        .collect()
}

/// A body-only platform of `encoding` under `X-Acme-Signature`: strict,
/// it reads exactly that encoding; lenient and hex, either hex form.
fn acme(encoding: Encoding, strict: bool) -> Platform {
    let platform = Platform::custom(
        "Acme",
        Header::new("X-Acme-Signature").unwrap(),
        Scheme::Body(encoding),
    );
    if strict { platform.strict() } else { platform }
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
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    assert!(
        allocations(|| {
            black_box(signer.sign(b"body").unwrap().to_string());
        }) >= 1
    );
}

#[test]
fn signing_does_not_allocate() {
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let rotating = Platform::CORTEX
        .signer_with_secrets([SECRET, OTHER])
        .unwrap();
    for body in bodies() {
        for signer in [&signer, &rotating] {
            assert_eq!(
                allocations(|| {
                    black_box(signer.sign(black_box(&body)).ok());
                }),
                0,
                "sign, {} bytes",
                body.len()
            );
        }
        for encoding in [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64] {
            assert_eq!(
                allocations(|| {
                    black_box(signer.sign(black_box(&body)).unwrap().to_value(encoding));
                }),
                0,
                "sign to_value {encoding:?}, {} bytes",
                body.len()
            );
        }
    }
}

#[test]
fn verifying_a_header_value_does_not_allocate() {
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let other = Platform::CORTEX.signer(OTHER).unwrap();
    for body in bodies() {
        for encoding in [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64] {
            let good = signer.sign(&body).unwrap().to_value(encoding).to_string();
            let bad = other.sign(&body).unwrap().to_value(encoding).to_string();
            let mut cases = vec![(good.clone(), Ok(())), (bad, Err(VerifyError::Mismatch))];
            if encoding != Encoding::Base64 {
                let shouted = good.to_ascii_uppercase().replace("SHA256=", "sha256=");
                cases.push((shouted, Ok(())));
            }
            // A lenient hex platform (either hex form) where there is one,
            // and a strict platform of exactly this encoding.
            let mut platforms = vec![acme(encoding, true)];
            if encoding != Encoding::Base64 {
                platforms.push(acme(encoding, false));
            }
            for platform in &platforms {
                let verifier = platform.verifier(SECRET).unwrap();
                for (value, expected) in &cases {
                    let headers = [("X-Acme-Signature", value.as_str())];
                    let mut result = Err(VerifyError::Mismatch);
                    let count = allocations(|| {
                        result = verifier.verify(black_box(&headers), black_box(&body), now());
                    });
                    assert_eq!(result, *expected, "{value}");
                    assert_eq!(
                        count,
                        0,
                        "verify {value} ({}), {} bytes",
                        if platform.is_strict() {
                            "strict"
                        } else {
                            "lenient"
                        },
                        body.len()
                    );
                }
            }
        }
    }
}

#[test]
fn verifying_a_malformed_value_does_not_allocate() {
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    for value in ["", "sha256=", "sha1=00", "sha256=0x12", "abc", "  zz  "] {
        let headers = [("X-Cortex-Signature", value)];
        let mut result = Ok(());
        let count = allocations(|| {
            result = verifier.verify(black_box(&headers), black_box(b"body"), now());
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
    let platforms = [
        Platform::EMULUXE.clone(),
        Platform::PULSELABS.clone(),
        Platform::CAPAWESOME.clone(),
        Platform::SPLEXA.clone(),
        Platform::CORTEX.clone(),
        Platform::GITHUB.clone(),
        Platform::SHOPIFY.clone(),
        Platform::LINEAR.clone(),
        Platform::DROPBOX.clone(),
        Platform::RAZORPAY.clone(),
        Platform::COINBASE_COMMERCE.clone(),
        Platform::TYPEFORM.clone(),
        Platform::CORTEX.strict(),
        acme(Encoding::Sha256Hex, false),
    ];
    for platform in &platforms {
        let Scheme::Body(encoding) = platform.scheme() else {
            panic!("{} signs more than the body", platform.name());
        };
        let verifier = platform.verifier(SECRET).unwrap();
        let signer = platform.signer(SECRET).unwrap();
        let other = platform.signer(OTHER).unwrap();
        for body in bodies() {
            for (signed_by, expected) in [(&signer, Ok(())), (&other, Err(VerifyError::Mismatch))] {
                let mut headers = HeaderMap::new();
                // Other headers around it, as a real request has.
                headers.insert("content-type", HeaderValue::from_static("application/json"));
                headers.insert("user-agent", HeaderValue::from_static("bench/1.0"));
                headers.insert(
                    platform.signature_header().to_header_name(),
                    signed_by
                        .sign(&body)
                        .unwrap()
                        .to_value(encoding)
                        .to_header_value(),
                );
                let mut result = Err(VerifyError::Mismatch);
                let count = allocations(|| {
                    result = verifier.verify(black_box(&headers), black_box(&body), now());
                });
                assert_eq!(result, expected, "{platform:?}");
                assert_eq!(count, 0, "verify {platform:?}, {} bytes", body.len());
            }
        }
    }
}

#[test]
fn verifying_with_several_secrets_does_not_allocate() {
    let body = b"{\"event\":\"rotation\"}";
    for platform in [
        Platform::CORTEX,
        Platform::STRIPE,
        Platform::STANDARD_WEBHOOKS,
        Platform::PADDLE,
    ] {
        let verifier = platform.verifier_with_secrets([SECRET, OTHER]).unwrap();
        for secret in [SECRET, OTHER] {
            let request = platform
                .request("https://example.com/hooks")
                .event("rotation")
                .delivery_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
                .timestamp(now())
                .sign_with(&platform.signer(secret).unwrap())
                .body(body.to_vec())
                .unwrap();
            let mut result = Err(VerifyError::Mismatch);
            let count = allocations(|| {
                result = verifier.verify(black_box(request.headers()), black_box(body), now());
            });
            assert_eq!(result, Ok(()), "{}", platform.name());
            assert_eq!(count, 0, "{} {secret}", platform.name());
        }
    }
}

#[test]
fn verifying_timestamped_headers_does_not_allocate() {
    let platforms = [
        Platform::STANDARD_WEBHOOKS,
        Platform::SVIX,
        Platform::STRIPE,
        Platform::SLACK,
        Platform::SHOPIFY,
        Platform::ZOOM,
        Platform::PADDLE,
        Platform::TWITCH,
        Platform::ZENDESK,
        Platform::CLERK,
        Platform::RESEND,
    ];
    for platform in platforms {
        let verifier = platform.verifier(SECRET).unwrap();
        let signer = platform.signer(SECRET).unwrap();
        let other = platform.signer(OTHER).unwrap();
        // Signing with the new secret and the old, as during a rotation:
        // Stripe and Standard Webhooks then list both signatures, so the
        // old one is found second; Slack and Shopify send only the first.
        let rotating = platform.signer_with_secrets([OTHER, SECRET]).unwrap();
        let listed = matches!(
            platform.scheme(),
            Scheme::Stripe | Scheme::StandardWebhooks | Scheme::Paddle
        );
        let signers = [
            (&signer, Ok(())),
            (
                &rotating,
                if listed {
                    Ok(())
                } else {
                    Err(VerifyError::Mismatch)
                },
            ),
            (&other, Err(VerifyError::Mismatch)),
        ];
        for body in bodies() {
            for (signed_by, expected) in &signers {
                let request = platform
                    .request("https://example.com/hooks")
                    .event("orders/create")
                    .delivery_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
                    .timestamp(now())
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
                        result = verifier.verify(black_box(headers), black_box(&body), now());
                    });
                    assert_eq!(result, *expected, "{platform:?}, {} values", headers.len());
                    assert_eq!(
                        count,
                        0,
                        "verify {platform:?}, {} bytes, {} values",
                        body.len(),
                        headers.len()
                    );
                    // The same headers as pairs from another HTTP stack.
                    let pairs: Vec<(&str, &[u8])> = headers
                        .iter()
                        .map(|(name, value)| (name.as_str(), value.as_bytes()))
                        .collect();
                    let count = allocations(|| {
                        result =
                            verifier.verify(black_box(pairs.as_slice()), black_box(&body), now());
                    });
                    assert_eq!(result, *expected, "{platform:?} as pairs");
                    assert_eq!(
                        count,
                        0,
                        "verify {platform:?} as pairs, {} bytes",
                        body.len()
                    );
                }
                // Stale: refused without allocating either (past every
                // scheme's window, Twitch's 10 minutes among them).
                let late = Timestamp::from_second(1_700_000_000 + 601).unwrap();
                if platform.scheme().is_timestamped() {
                    let count = allocations(|| {
                        result_is_stale(&verifier, &sent, &body, late);
                    });
                    assert_eq!(count, 0, "stale {platform:?}");
                }
            }
        }
    }
}

fn result_is_stale(verifier: &Verifier, headers: &HeaderMap, body: &[u8], now: Timestamp) {
    let result = verifier.verify(black_box(headers), black_box(body), now);
    assert!(matches!(result, Err(VerifyError::Stale(_))), "{result:?}");
}

/// An Ed25519 key pair for the allocation checks.
#[cfg(feature = "ed25519")]
fn pair(byte: u8) -> KeyPair {
    KeyPair::from_seed(&[byte; 32]).unwrap()
}

#[test]
#[cfg(feature = "ed25519")]
fn signing_with_ed25519_does_not_allocate() {
    let pair = pair(1);
    let signer = Signer::from_key_pair(pair.clone());
    for body in bodies() {
        let parts: [&[u8]; 5] = [
            b"msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
            b".",
            b"1700000000",
            b".",
            &body,
        ];
        let mut signature = None;
        let count = allocations(|| {
            signature = Some(black_box(&pair).sign_parts(black_box(&parts)));
        });
        assert_eq!(count, 0, "sign_parts, {} bytes", body.len());
        assert_eq!(signature, Some(pair.sign(&parts.concat())));
        assert_eq!(
            allocations(|| {
                black_box(black_box(&pair).sign(black_box(&body)));
            }),
            0,
            "sign, {} bytes",
            body.len()
        );
    }
    // The signer itself, built before counting, is only read.
    assert_eq!(signer.key_count(), 1);
}

#[test]
#[cfg(feature = "ed25519")]
fn verifying_ed25519_does_not_allocate() {
    let (new, old, stranger) = (pair(2), pair(3), pair(4));
    let public_only = Platform::STANDARD_WEBHOOKS
        .verifier_from_public_keys([new.public_key(), old.public_key()])
        .unwrap();
    let mixed = Platform::STANDARD_WEBHOOKS
        .verifier_from_keys_and_public_keys(
            [Platform::STANDARD_WEBHOOKS.key(SECRET).unwrap()],
            [old.public_key()],
        )
        .unwrap();
    let discord = Platform::DISCORD
        .verifier_from_public_keys([new.public_key()])
        .unwrap();
    let sw_signer = Signer::from_key_pair(new.clone());
    let mixed_signer = Platform::STANDARD_WEBHOOKS
        .signer(SECRET)
        .unwrap()
        .with_key_pair(old.clone());
    let stranger_signer = Signer::from_key_pair(stranger);
    let send = |platform: &Platform, signer: &Signer, body: &[u8]| {
        platform
            .request("https://example.com/hooks")
            .delivery_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
            .timestamp(now())
            .sign_with(signer)
            .body(body.to_vec())
            .unwrap()
    };
    for body in bodies() {
        let cases = [
            (
                &public_only,
                send(Platform::STANDARD_WEBHOOKS, &sw_signer, &body),
                Ok(()),
            ),
            (
                &public_only,
                send(Platform::STANDARD_WEBHOOKS, &mixed_signer, &body),
                Ok(()),
            ),
            (
                &mixed,
                send(Platform::STANDARD_WEBHOOKS, &mixed_signer, &body),
                Ok(()),
            ),
            (
                &mixed,
                send(Platform::STANDARD_WEBHOOKS, &sw_signer, &body),
                Err(VerifyError::Mismatch),
            ),
            (
                &public_only,
                send(Platform::STANDARD_WEBHOOKS, &stranger_signer, &body),
                Err(VerifyError::Mismatch),
            ),
            (&discord, send(Platform::DISCORD, &sw_signer, &body), Ok(())),
            (
                &discord,
                send(Platform::DISCORD, &stranger_signer, &body),
                Err(VerifyError::Mismatch),
            ),
        ];
        for (verifier, request, expected) in &cases {
            let mut result = Err(VerifyError::Mismatch);
            let count = allocations(|| {
                result = verifier.verify(black_box(request.headers()), black_box(&body), now());
            });
            assert_eq!(result, *expected, "{verifier:?}, {} bytes", body.len());
            assert_eq!(count, 0, "{verifier:?}, {} bytes", body.len());
        }
    }
    // Refusals: a v1a entry that is not a signature, and (with a tolerance)
    // a stale Discord request.
    let mut headers = HeaderMap::new();
    headers.insert("webhook-id", HeaderValue::from_static("msg_1"));
    headers.insert("webhook-timestamp", HeaderValue::from_static("1700000000"));
    headers.insert(
        "webhook-signature",
        HeaderValue::from_static("v1a,c29tZXRoaW5nIGVsc2U="),
    );
    let mut result = Ok(());
    let count = allocations(|| {
        result = public_only.verify(black_box(&headers), b"{}", now());
    });
    assert!(
        matches!(result, Err(VerifyError::Malformed { .. })),
        "{result:?}"
    );
    assert_eq!(count, 0);
    let bounded = discord.with_tolerance(hooksig::Tolerance::DEFAULT);
    let request = send(Platform::DISCORD, &sw_signer, b"{}");
    let late = Timestamp::from_second(1_700_000_000 + 301).unwrap();
    let count = allocations(|| {
        result = bounded.verify(black_box(request.headers()), b"{}", late);
    });
    assert!(matches!(result, Err(VerifyError::Stale(_))), "{result:?}");
    assert_eq!(count, 0);
}

#[test]
fn a_long_signature_list_is_read_to_the_end_without_allocating() {
    let signer = Platform::STRIPE.signer(SECRET).unwrap();
    let verifier = Platform::STRIPE.verifier(SECRET).unwrap();
    let body = b"{\"id\":\"evt_1\"}";
    let good = Platform::STRIPE
        .sign(&signer, body, None, Some(now()))
        .unwrap();
    let good = good.signature().to_str().unwrap();
    let v1 = good.split(",v1=").nth(1).unwrap();
    let value = format!(
        "t={}{},v1=zz,v1={v1}",
        now().as_second(),
        format!(",v1={}", "0".repeat(64)).repeat(30)
    );
    let headers = [("Stripe-Signature", value.as_str())];
    let mut result = Err(VerifyError::Mismatch);
    let count = allocations(|| {
        result = verifier.verify(black_box(&headers), black_box(body), now());
    });
    assert_eq!(result, Ok(()));
    assert_eq!(count, 0);
}
