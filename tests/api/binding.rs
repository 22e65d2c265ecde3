//! What the redesign binds together: a verifier reads its platform's
//! headers through any `Headers` (an `http::HeaderMap` or plain pairs), a
//! secret is read in its platform's format on both sides, a signer with
//! several secrets lists one signature per secret, all-zero secrets are
//! refused, and the presets are `&'static Platform`s.

use hooksig::{
    Encoding, Header, HeaderError, KeyError, Platform, SecretFormat, SigningKey, Verifier,
    VerifyError,
};
use http::{HeaderMap, Request};
use jiff::Timestamp;

use crate::keys;

const NOW: i64 = 1_700_000_000;
const BODY: &[u8] = br#"{"event":"scan.completed","id":"evt_1"}"#;
/// A secret every preset can read: `whsec_` + base64 for Standard Webhooks
/// and Svix (the spec's example secret), the string as it stands for the
/// rest.
const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
/// The Standard Webhooks specification's example, signed with `SECRET`.
const SPEC_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const SPEC_TIMESTAMP: i64 = 1_614_265_330;
const SPEC_BODY: &[u8] = br#"{"test": 2432232314}"#;
const SPEC_SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

/// The request `platform` sends for `BODY`, signed by `signer`, at `NOW`
/// for the timestamped schemes.
fn sent(platform: &Platform, signer: &hooksig::Signer) -> Request<Vec<u8>> {
    let mut builder = platform
        .request("https://receiver.example/hooks")
        .event("scan.completed")
        .delivery_id("msg_2b4c3d9e8f7a6b5c");
    if platform.scheme().is_timestamped() {
        builder = builder.timestamp(at(NOW));
    }
    builder.sign_with(signer).body(BODY.to_vec()).unwrap()
}

// (1) The `Headers` trait.

/// The ways another HTTP stack may spell a header name.
const SPELLINGS: [fn(&str) -> String; 3] = [
    str::to_ascii_lowercase,
    str::to_ascii_uppercase,
    // Alternating case: `x-CoRtEx-...`.
    |name| {
        name.chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    },
];

/// Checks `headers` as a `HeaderMap`, as a `&[(&str, &str)]` slice and as
/// a `Vec<(String, String)>` in every spelling of the names (and the
/// platform's documented spelling), and returns the one result they agree
/// on.
fn agreed(
    verifier: &Verifier,
    platform: &Platform,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<(), VerifyError> {
    let now = at(NOW);
    let from_map = verifier.verify(headers, body, now);
    let documented = |name: &str| {
        [
            Some(platform.signature_header()),
            platform.timestamp_header(),
            platform.delivery_header(),
        ]
        .into_iter()
        .flatten()
        .find(|header| header.name() == name)
        .map_or_else(|| name.to_owned(), |header| header.as_str().to_owned())
    };
    let spellings: Vec<&dyn Fn(&str) -> String> = SPELLINGS
        .iter()
        .map(|f| f as &dyn Fn(&str) -> String)
        .chain([&documented as &dyn Fn(&str) -> String])
        .collect();
    for spell in spellings {
        let owned: Vec<(String, String)> = headers
            .iter()
            .map(|(name, value)| (spell(name.as_str()), value.to_str().unwrap().to_owned()))
            .collect();
        let slice: Vec<(&str, &str)> = owned
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        assert_eq!(
            verifier.verify(slice.as_slice(), body, now),
            from_map,
            "{} as a slice: {slice:?}",
            platform.name()
        );
        assert_eq!(
            verifier.verify(&owned, body, now),
            from_map,
            "{} as a Vec",
            platform.name()
        );
    }
    from_map
}

#[test]
fn a_slice_of_pairs_and_a_header_map_agree_for_every_preset() {
    for platform in keys::presets() {
        let signer = keys::signer(platform, SECRET);
        let verifier = keys::verifier(platform, SECRET);
        let request = sent(platform, &signer);
        let headers = request.headers();
        let check = |headers: &HeaderMap| agreed(&verifier, platform, headers, BODY);
        let name = platform.name();

        assert_eq!(check(headers), Ok(()), "{name}");
        assert_eq!(
            agreed(&verifier, platform, headers, b"tampered"),
            Err(VerifyError::Mismatch),
            "{name}"
        );

        // Each header the scheme reads: missing, then sent twice.
        let read = [
            Some(platform.signature_header()),
            platform.timestamp_header(),
            platform.delivery_header().filter(|_| {
                // Only Standard Webhooks and Twitch sign the delivery id.
                matches!(
                    platform.scheme(),
                    hooksig::Scheme::StandardWebhooks | hooksig::Scheme::Twitch
                )
            }),
        ];
        let mut checked = 0;
        for header in read.into_iter().flatten() {
            checked += 1;
            let mut without = headers.clone();
            without.remove(header.name()).unwrap();
            assert_eq!(
                check(&without),
                Err(VerifyError::Header(HeaderError::Missing {
                    header: header.clone()
                })),
                "{name} without {header}"
            );
            let mut twice = headers.clone();
            let value = twice[header.name()].clone();
            twice.append(header.to_header_name(), value);
            assert_eq!(
                check(&twice),
                Err(VerifyError::Header(HeaderError::Repeated {
                    header: header.clone(),
                    count: 2
                })),
                "{name} with {header} twice"
            );
        }
        let expected = match platform.scheme() {
            hooksig::Scheme::StandardWebhooks | hooksig::Scheme::Twitch => 3,
            hooksig::Scheme::Slack | hooksig::Scheme::Discord | hooksig::Scheme::Zendesk => 2,
            _ => 1,
        };
        assert_eq!(checked, expected, "{name}");
    }
}

#[test]
fn a_fixed_size_array_of_pairs_is_headers_too() {
    let verifier = Platform::SVIX.verifier(SECRET).unwrap();
    let timestamp = SPEC_TIMESTAMP.to_string();
    let headers = [
        ("Svix-Id", SPEC_ID),
        ("SVIX-TIMESTAMP", timestamp.as_str()),
        ("svix-signature", SPEC_SIGNATURE),
    ];
    assert_eq!(
        verifier.verify(&headers, SPEC_BODY, at(SPEC_TIMESTAMP)),
        Ok(())
    );
    // Values as bytes, not only text.
    let bytes: [(&str, &[u8]); 3] = headers.map(|(name, value)| (name, value.as_bytes()));
    assert_eq!(
        verifier.verify(&bytes, SPEC_BODY, at(SPEC_TIMESTAMP)),
        Ok(())
    );
}

// (2) Secrets bound to the platform.

#[test]
fn every_preset_accepts_what_its_own_signer_sends() {
    for platform in keys::presets() {
        let signer = keys::signer(platform, SECRET);
        let request = sent(platform, &signer);
        let verifier = keys::verifier(platform, SECRET);
        assert_eq!(
            verifier.verify_request(&request, at(NOW)),
            Ok(()),
            "{}",
            platform.name()
        );
        // Another secret, read the same way, does not verify it.
        let other = keys::verifier(platform, "whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldA==");
        assert_eq!(
            other.verify_request(&request, at(NOW)),
            Err(VerifyError::Mismatch),
            "{}",
            platform.name()
        );
    }
}

#[test]
fn the_standard_webhooks_example_verifies_from_its_whsec_string() {
    let timestamp = SPEC_TIMESTAMP.to_string();
    for platform in [Platform::SVIX, Platform::STANDARD_WEBHOOKS] {
        let id = platform.delivery_header().unwrap().as_str();
        let ts = platform.timestamp_header().unwrap().as_str();
        let sig = platform.signature_header().as_str();
        let headers = [
            (id, SPEC_ID),
            (ts, timestamp.as_str()),
            (sig, SPEC_SIGNATURE),
        ];
        let now = at(SPEC_TIMESTAMP);
        let verifier = platform.verifier(SECRET).unwrap();
        assert_eq!(
            verifier.verify(&headers, SPEC_BODY, now),
            Ok(()),
            "{}",
            platform.name()
        );
        // The same string used raw is another key: the example fails.
        let raw = platform
            .clone()
            .with_secret_format(SecretFormat::Raw)
            .verifier(SECRET)
            .unwrap();
        assert_eq!(
            raw.verify(&headers, SPEC_BODY, now),
            Err(VerifyError::Mismatch)
        );
    }
}

#[test]
fn stripe_keys_a_whsec_string_raw_and_svix_decodes_it() {
    assert_eq!(Platform::STRIPE.secret_format(), SecretFormat::Raw);
    assert_eq!(
        Platform::SVIX.secret_format(),
        SecretFormat::StandardWebhooks
    );
    let stripe_key = Platform::STRIPE.key(SECRET).unwrap();
    let svix_key = Platform::SVIX.key(SECRET).unwrap();
    assert_eq!(
        stripe_key.sign(BODY),
        SigningKey::new(SECRET).unwrap().sign(BODY)
    );
    assert_ne!(stripe_key.sign(BODY), svix_key.sign(BODY));

    // A Svix-keyed signature does not verify under Stripe's reading...
    let now = at(NOW);
    let stripe_request = sent(Platform::STRIPE, &Platform::STRIPE.signer(SECRET).unwrap());
    let svix_signed_stripe = sent(
        Platform::STRIPE,
        &hooksig::Signer::from_key(svix_key.clone()),
    );
    let stripe = Platform::STRIPE.verifier(SECRET).unwrap();
    assert_eq!(stripe.verify_request(&stripe_request, now), Ok(()));
    assert_eq!(
        stripe.verify_request(&svix_signed_stripe, now),
        Err(VerifyError::Mismatch)
    );
    // ...and a Stripe-keyed one does not verify under Svix's.
    let svix_request = sent(Platform::SVIX, &Platform::SVIX.signer(SECRET).unwrap());
    let stripe_signed_svix = sent(Platform::SVIX, &hooksig::Signer::from_key(stripe_key));
    let svix = Platform::SVIX.verifier(SECRET).unwrap();
    assert_eq!(svix.verify_request(&svix_request, now), Ok(()));
    assert_eq!(
        svix.verify_request(&stripe_signed_svix, now),
        Err(VerifyError::Mismatch)
    );
    // The keys each platform reads, swapped, fail too.
    let svix_read_by_stripe = Platform::STRIPE.verifier_from_keys([svix_key]).unwrap();
    assert_eq!(
        svix_read_by_stripe.verify_request(&stripe_request, now),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn a_stripe_style_secret_is_a_typed_error_for_svix() {
    let stripe_style = "whsec_test_stripe_secret_as_it_stands";
    assert!(Platform::STRIPE.verifier(stripe_style).is_ok());
    // `_` is not base64: the first one after the prefix is at offset 10.
    for error in [
        Platform::SVIX.verifier(stripe_style).unwrap_err(),
        Platform::SVIX.signer(stripe_style).unwrap_err(),
        Platform::SVIX.key(stripe_style).unwrap_err(),
    ] {
        assert_eq!(error, KeyError::NotBase64 { offset: 10 });
    }
}

// (3) Rotation on the sending side.

#[test]
fn a_stripe_signer_with_two_secrets_writes_two_v1_entries() {
    let signer = Platform::STRIPE
        .signer_with_secrets(["new", "old"])
        .unwrap();
    assert_eq!(signer.key_count(), 2);
    let request = sent(Platform::STRIPE, &signer);
    let value = request.headers()["stripe-signature"].to_str().unwrap();
    let signed = [format!("{NOW}.").as_bytes(), BODY].concat();
    let mac = |secret: &str| SigningKey::new(secret).unwrap().sign(&signed).to_string();
    assert_eq!(
        value,
        format!("t={NOW},v1={},v1={}", mac("new"), mac("old"))
    );
    assert_eq!(value.matches("v1=").count(), 2);
    for held in ["old", "new"] {
        let verifier = Platform::STRIPE.verifier(held).unwrap();
        assert_eq!(verifier.verify_request(&request, at(NOW)), Ok(()), "{held}");
    }
    let stranger = Platform::STRIPE.verifier("neither").unwrap();
    assert_eq!(
        stranger.verify_request(&request, at(NOW)),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn a_standard_webhooks_signer_with_two_secrets_writes_two_v1_entries() {
    // `whsec_` + base64 of "new-secret" and of "old-secret".
    let new = "whsec_bmV3LXNlY3JldA==";
    let old = "whsec_b2xkLXNlY3JldA==";
    for platform in [Platform::STANDARD_WEBHOOKS, Platform::SVIX] {
        let signer = platform.signer_with_secrets([new, old]).unwrap();
        let request = sent(platform, &signer);
        let value = request.headers()[platform.signature_header().name()]
            .to_str()
            .unwrap();
        let signed = [format!("msg_2b4c3d9e8f7a6b5c.{NOW}.").as_bytes(), BODY].concat();
        let mac = |secret: &str| {
            SigningKey::new(secret)
                .unwrap()
                .sign(&signed)
                .to_value(Encoding::Base64)
                .to_string()
        };
        assert_eq!(
            value,
            format!("v1,{} v1,{}", mac("new-secret"), mac("old-secret")),
            "{}",
            platform.name()
        );
        for held in [old, new] {
            let verifier = platform.verifier(held).unwrap();
            assert_eq!(verifier.verify_request(&request, at(NOW)), Ok(()), "{held}");
        }
        let stranger = platform.verifier(SECRET).unwrap();
        assert_eq!(
            stranger.verify_request(&request, at(NOW)),
            Err(VerifyError::Mismatch)
        );
    }
}

// (4) All-zero secrets.

#[test]
fn all_zero_secrets_are_refused_like_empty_ones() {
    assert_eq!(
        SigningKey::new([0; 32]).err(),
        Some(KeyError::AllZeroSecret)
    );
    assert_eq!(
        Platform::CORTEX.verifier([0; 32]).err(),
        Some(KeyError::AllZeroSecret)
    );
    assert_eq!(
        Platform::CORTEX.signer([0; 32]).err(),
        Some(KeyError::AllZeroSecret)
    );
    // `AAAA` is base64 for three zero bytes.
    for platform in [Platform::SVIX, Platform::STANDARD_WEBHOOKS] {
        assert_eq!(
            platform.verifier("whsec_AAAA").err(),
            Some(KeyError::AllZeroSecret)
        );
        assert_eq!(
            platform.signer("whsec_AAAA").err(),
            Some(KeyError::AllZeroSecret)
        );
    }
    // Used raw, the same string is a fine key.
    assert!(Platform::STRIPE.verifier("whsec_AAAA").is_ok());

    let good: &[u8] = b"a good secret";
    let zeros: &[u8] = &[0; 8];
    let in_list = Some(KeyError::InList {
        index: 1,
        error: Box::new(KeyError::AllZeroSecret),
    });
    assert_eq!(
        Platform::CORTEX.verifier_with_secrets([good, zeros]).err(),
        in_list
    );
    assert_eq!(
        Platform::CORTEX.signer_with_secrets([good, zeros]).err(),
        in_list
    );
    assert_eq!(
        Platform::CORTEX
            .verifier_with_secrets([good, zeros])
            .unwrap_err()
            .to_string(),
        "key 1 of the list: the secret is all zero bytes, which HMAC treats as no secret"
    );
    assert_eq!(
        Platform::CORTEX
            .verifier_with_secrets([&b""[..], good])
            .err(),
        Some(KeyError::InList {
            index: 0,
            error: Box::new(KeyError::EmptySecret)
        })
    );
    assert_eq!(
        Platform::CORTEX
            .verifier_with_secrets(Vec::<&str>::new())
            .err(),
        Some(KeyError::NoSecrets)
    );
}

// (5) Presets are `&'static Platform`.

fn p() -> &'static Platform {
    Platform::STRIPE
}

static CORTEX: &Platform = Platform::CORTEX;

struct Route {
    platform: &'static Platform,
}

#[test]
fn presets_are_static_references() {
    assert!(core::ptr::eq(p(), Platform::STRIPE));
    assert!(core::ptr::eq(CORTEX, Platform::CORTEX));
    assert!(core::ptr::eq(Platform::PRESETS[4], Platform::CORTEX));
    assert!(
        Platform::SEEDS
            .iter()
            .all(|seed| Platform::PRESETS.iter().any(|p| core::ptr::eq(*p, *seed)))
    );
    let routes = [
        Route {
            platform: Platform::CORTEX,
        },
        Route { platform: p() },
    ];
    assert_eq!(routes[0].platform.name(), "Cortex");
    assert_eq!(routes[1].platform.name(), "Stripe");
    // A verifier built from the static reference works like any other.
    let verifier: Verifier = routes[0].platform.verifier("s").unwrap();
    let value = SigningKey::new("s")
        .unwrap()
        .sign(BODY)
        .to_value(Encoding::Sha256Hex)
        .to_string();
    let header = Header::new("X-Cortex-Signature").unwrap();
    assert_eq!(&header, CORTEX.signature_header());
    assert_eq!(
        verifier.verify(&[(header.as_str(), value.as_str())], BODY, at(0)),
        Ok(())
    );
    // `strict` borrows the preset and gives an owned copy.
    let strict: Platform = Platform::CORTEX.strict();
    assert!(strict.is_strict() && !Platform::CORTEX.is_strict());
}
