//! No secret byte escapes: the `Debug` (and `Display`, and serialized form,
//! where they exist) of every type that holds a secret, and every error
//! raised while one is in use, show neither the secret nor its hex, base64
//! or byte-list spellings.

use base64::Engine as _;
use hooksig::{
    KeyError, Platform, SigningKey, VerifyError,
    delivery::{Endpoint, Secret, Subscriptions},
};
use http::HeaderMap;
use jiff::Timestamp;

/// Distinctive enough that no message could hold it by chance.
const SECRET: &str = "zq7Hx-distinctive-webhook-secret-0451";

/// Every spelling of `secret` that could leak: as text, hex in both cases,
/// base64, and the way `Debug` writes bytes, whole and by its first 8.
fn spellings(secret: &[u8]) -> Vec<String> {
    let mut spellings = vec![
        hex::encode(secret),
        hex::encode_upper(secret),
        base64::engine::general_purpose::STANDARD.encode(secret),
        format!("{secret:?}"),
        format!("{:?}", &secret[..8]),
        format!("{:x?}", &secret[..8]),
    ];
    if let Ok(text) = std::str::from_utf8(secret) {
        spellings.push(text.to_owned());
        // A fragment, in case a message cuts the secret short.
        spellings.push(text[4..20].to_owned());
    }
    spellings
}

#[track_caller]
fn assert_hidden(shown: &str, secret: &[u8]) {
    for spelling in spellings(secret) {
        assert!(
            !shown.contains(&spelling),
            "{spelling:?} appears in {shown:?}"
        );
    }
}

/// `Debug`, pretty `Debug`, and `Display` when the type has one.
macro_rules! assert_redacted {
    ($value:expr, $secret:expr) => {{
        let value = &$value;
        assert_hidden(&format!("{value:?}"), $secret);
        assert_hidden(&format!("{value:#?}"), $secret);
    }};
    ($value:expr, $secret:expr, display) => {{
        assert_redacted!($value, $secret);
        assert_hidden(&format!("{}", $value), $secret);
    }};
}

#[test]
fn the_spellings_would_be_caught() {
    // The check itself works: each spelling is found where it is written.
    let secret = SECRET.as_bytes();
    for spelling in spellings(secret) {
        let caught = std::panic::catch_unwind(|| assert_hidden(&format!("x{spelling}x"), secret));
        assert!(caught.is_err(), "{spelling:?} went unseen");
    }
}

#[test]
fn keys_signers_and_verifiers_are_redacted() {
    let secret = SECRET.as_bytes();
    let key = SigningKey::new(SECRET).unwrap();
    assert_redacted!(key, secret);
    assert_redacted!(Platform::CORTEX.signer(SECRET).unwrap(), secret);
    assert_redacted!(hooksig::Signer::from_key(key.clone()), secret);
    assert_redacted!(
        Platform::CORTEX
            .signer_with_secrets([SECRET, "an-older-secret-9f3a2c"])
            .unwrap(),
        secret
    );
    assert_redacted!(Platform::CORTEX.verifier(SECRET).unwrap(), secret);
    assert_redacted!(Platform::STRIPE.verifier(SECRET).unwrap(), secret);
    assert_redacted!(Platform::CORTEX.verifier_from_keys([key]).unwrap(), secret);
    assert_redacted!(
        Platform::CORTEX
            .verifier_with_secrets([SECRET, "an-older-secret-9f3a2c"])
            .unwrap(),
        secret
    );
    assert_redacted!(
        Platform::CORTEX
            .verifier_with_secrets([SECRET, "an-older-secret-9f3a2c"])
            .unwrap(),
        b"an-older-secret-9f3a2c"
    );

    // A builder holds the signer until the request is built.
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    let builder = Platform::CORTEX
        .request("https://example.com/hooks")
        .event("scan.completed")
        .sign_with(&signer);
    assert_redacted!(builder, secret);
}

#[test]
fn standard_webhooks_keys_are_redacted() {
    // The key bytes are what `whsec_` wraps in base64; check both.
    let raw = b"\x8f\x01standard-webhooks-key-bytes\xfe\x00\x7f";
    let text = format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(raw)
    );
    for platform in [Platform::SVIX, Platform::STANDARD_WEBHOOKS] {
        let key = platform.key(&text).unwrap();
        assert_redacted!(key, raw);
        assert_redacted!(key, text.as_bytes());
        assert_redacted!(platform.verifier_from_keys([key]).unwrap(), raw);
        assert_redacted!(platform.verifier(&text).unwrap(), raw);
        assert_redacted!(platform.verifier(&text).unwrap(), text.as_bytes());
        assert_redacted!(platform.signer(&text).unwrap(), raw);
        assert_redacted!(platform.signer(&text).unwrap(), text.as_bytes());
    }
}

#[test]
fn secrets_and_endpoints_are_redacted_and_serialize_redacted() {
    let secret = SECRET.as_bytes();
    let held = Secret::new(SECRET).unwrap();
    assert_redacted!(held, secret, display);
    assert_hidden(&serde_json::to_string(&held).unwrap(), secret);
    assert_redacted!(held.signer(Platform::CORTEX).unwrap(), secret);
    assert_redacted!(held.signing_key(Platform::CORTEX).unwrap(), secret);

    let binary = Secret::new(vec![0xde, 0xad, 0xbe, 0xef, 0x00, 0x01, 0x02, 0x03, 0x04]).unwrap();
    assert_redacted!(binary, binary.expose_secret(), display);

    let registered: Endpoint = serde_json::from_str(&format!(
        r#"{{"url":"https://your-app.com/webhooks/cortex","events":["scan.completed"],"secret":"{SECRET}","active":true}}"#
    ))
    .unwrap();
    assert_eq!(registered.secret().unwrap().expose_secret(), secret);
    assert_redacted!(registered, secret);
    assert_hidden(&serde_json::to_string(&registered).unwrap(), secret);
    assert_hidden(&serde_json::to_string_pretty(&registered).unwrap(), secret);

    let built = Endpoint::new("https://example.com/hooks", Subscriptions::all())
        .unwrap()
        .with_secret(held);
    assert_redacted!(built, secret);
    let signer = built.signer(Platform::CORTEX).unwrap();
    assert!(signer.is_some());
    assert_redacted!(signer, secret);
}

#[test]
fn errors_raised_around_a_secret_do_not_carry_it() {
    let secret = SECRET.as_bytes();
    let mut errors: Vec<Box<dyn std::error::Error>> = Vec::new();

    errors.push(Box::new(
        Platform::CORTEX
            .verifier_with_secrets([SECRET, ""])
            .unwrap_err(),
    ));
    errors.push(Box::new(
        Platform::CORTEX
            .verifier_with_secrets([SECRET.as_bytes(), &[0u8; 8][..]])
            .unwrap_err(),
    ));
    errors.push(Box::new(Secret::new("").unwrap_err()));
    let not_base64 = format!("whsec_{SECRET}!");
    let error = Platform::SVIX.key(&not_base64).unwrap_err();
    assert!(matches!(error, KeyError::NotBase64 { .. }), "{error:?}");
    errors.push(Box::new(error));
    errors.push(Box::new(
        Platform::SVIX
            .verifier_with_secrets(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", &not_base64])
            .unwrap_err(),
    ));

    // Every way verification fails, with the secret's verifier. Bodies and
    // headers that contain the secret must not be echoed either. Cortex
    // signs the body alone and ignores `now`.
    let now = Timestamp::UNIX_EPOCH;
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    let check = |value: &str, body: &[u8]| {
        verifier
            .verify(&[("X-Cortex-Signature", value)], body, now)
            .unwrap_err()
    };
    let mismatch = check(&"00".repeat(32), secret);
    assert_eq!(mismatch, VerifyError::Mismatch);
    errors.push(Box::new(mismatch));
    errors.push(Box::new(check(SECRET, b"{}")));
    errors.push(Box::new(check(
        &format!("{SECRET}={}", "0".repeat(64)),
        b"{}",
    )));
    let splexa = Platform::SPLEXA.verifier(SECRET).unwrap();
    let mut headers = HeaderMap::new();
    errors.push(Box::new(splexa.verify(&headers, secret, now).unwrap_err()));
    headers.insert("x-splexa-signature", SECRET.parse().unwrap());
    errors.push(Box::new(splexa.verify(&headers, secret, now).unwrap_err()));
    // A timestamped scheme: a value made of the secret, and a stale one.
    let stripe = Platform::STRIPE.verifier(SECRET).unwrap();
    for value in [
        SECRET.to_owned(),
        format!("t=1,v1={SECRET}"),
        format!("t=1,v1={}", "0".repeat(64)),
    ] {
        errors.push(Box::new(
            stripe
                .verify(&[("Stripe-Signature", value.as_str())], secret, now)
                .unwrap_err(),
        ));
    }

    // Building a request with the secret's signer.
    let signer = Platform::CORTEX.signer(SECRET).unwrap();
    errors.push(Box::new(
        Platform::CORTEX
            .request("https://example.com/hooks")
            .event("scan\ncompleted")
            .delivery_id("d")
            .sign_with(&signer)
            .body(secret.to_vec())
            .unwrap_err(),
    ));

    // Reading a secret from a registration body.
    errors.push(Box::new(
        serde_json::from_str::<Secret>(r#""[REDACTED]""#).unwrap_err(),
    ));
    let bad_url =
        format!(r#"{{"url":"not a url","events":["scan.completed"],"secret":"{SECRET}"}}"#);
    errors.push(Box::new(
        serde_json::from_str::<Endpoint>(&bad_url).unwrap_err(),
    ));

    for error in &errors {
        assert_hidden(&error.to_string(), secret);
        assert_hidden(&format!("{error:?}"), secret);
        let mut source = error.source();
        while let Some(inner) = source {
            assert_hidden(&inner.to_string(), secret);
            source = inner.source();
        }
    }
}

#[test]
fn a_secret_of_the_wrong_type_is_not_echoed() {
    for (body, value, kind) in [
        (
            r#"{"url":"https://a.example/h","events":["*"],"secret":8675309123}"#,
            "8675309123",
            "a number",
        ),
        (
            r#"{"url":"https://a.example/h","events":["*"],"secret":-86753.09}"#,
            "86753.09",
            "a number",
        ),
        (
            r#"{"url":"https://a.example/h","events":["*"],"secret":true}"#,
            "true",
            "a boolean",
        ),
    ] {
        let error = serde_json::from_str::<Endpoint>(body)
            .unwrap_err()
            .to_string();
        assert!(!error.contains(value), "{error}");
        assert!(error.contains(kind), "{error}");
    }
}
