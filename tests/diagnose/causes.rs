//! One test per cause of issue 15's table, each reproduced the way the
//! linked reports describe it, asserting the finding the diagnosis gives.

use hooksig::{
    Encoding, Header, Platform, Scheme, SecretFormat, SigningKey,
    diagnose::{
        Escapes, Evidence, Finding, JsonStyle, KeyOrder, Layout, LineEndingChange, Mangling,
        Offline, Outcome, Padding, Recoding, SecretReading,
    },
};
use http::{HeaderValue, Request};
use jiff::SignedDuration;

use crate::support::{
    assert_quiet, cause, diagnose, hmac_presets, now, signed, signed_at, with_body,
};

const STRIPE_SECRET: &str = "whsec_hooksig_test_stripe";
const SVIX_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const GITHUB_SECRET: &str = "It's a Secret to Everybody";

fn reserialized(finding: &Finding) -> JsonStyle {
    match finding {
        Finding::Reserialized { style } => *style,
        other => panic!("expected a re-serialization, got {other:?}"),
    }
}

// stripe-node #396, #1768: Stripe signs JSON indented by 2 spaces; Express's
// `express.json()` parses it and the handler verifies `JSON.stringify(req.body)`.
#[test]
fn stripe_body_signed_indented_and_verified_compact() {
    let sent = b"{\n  \"id\": \"evt_1\",\n  \"object\": \"event\",\n  \"data\": {\n    \"amount\": 2000,\n    \"tags\": []\n  }\n}";
    let request = signed(Platform::STRIPE, STRIPE_SECRET, sent);
    let compact = br#"{"id":"evt_1","object":"event","data":{"amount":2000,"tags":[]}}"#;
    let diagnosis = diagnose(
        Platform::STRIPE,
        STRIPE_SECRET,
        &with_body(&request, compact),
    );
    let style = reserialized(cause(&diagnosis));
    assert_eq!(
        style,
        JsonStyle::new(Layout::Indented(2), KeyOrder::Received, Escapes::Minimal)
    );
    assert_eq!(diagnosis.findings().len(), 1, "{diagnosis}");
    let report = diagnosis.to_string();
    assert!(
        report.starts_with("NOT VERIFIED (Stripe): signature did not match."),
        "{report}"
    );
    assert!(report.contains("indented by 2 spaces"), "{report}");
    assert!(
        report.contains("Fix: Verify the raw body bytes"),
        "{report}"
    );
}

// The same body as each common serializer writes it, signed so, and
// received as JavaScript's JSON.stringify writes it (keys as the sender
// ordered them). The signed literals are real outputs: Python's json.dumps
// and Node's JSON.stringify were run on the value; PHP's json_encode and
// Go's json.Marshal are written as their documentation says they escape.
#[test]
fn every_common_serializer_is_recognized() {
    let received = r#"{"zeta":"Zoë & <b>","url":"https://example.com/a","alpha":[1,2,{"n":null}]}"#;
    let cases: [(&str, JsonStyle); 6] = [
        // Python: json.dumps(v)
        (
            r#"{"zeta": "Zo\u00eb & <b>", "url": "https://example.com/a", "alpha": [1, 2, {"n": null}]}"#,
            JsonStyle::new(Layout::PythonSeparators, KeyOrder::Received, Escapes::Ascii),
        ),
        // Python: json.dumps(v, indent=4)
        (
            "{\n    \"zeta\": \"Zo\\u00eb & <b>\",\n    \"url\": \"https://example.com/a\",\n    \"alpha\": [\n        1,\n        2,\n        {\n            \"n\": null\n        }\n    ]\n}",
            JsonStyle::new(Layout::Indented(4), KeyOrder::Received, Escapes::Ascii),
        ),
        // PHP: json_encode($v)
        (
            r#"{"zeta":"Zo\u00eb & <b>","url":"https:\/\/example.com\/a","alpha":[1,2,{"n":null}]}"#,
            JsonStyle::new(Layout::Compact, KeyOrder::Received, Escapes::AsciiAndSlash),
        ),
        // Go: json.Marshal(map[string]any{...}), keys sorted, HTML-safe.
        (
            r#"{"alpha":[1,2,{"n":null}],"url":"https://example.com/a","zeta":"Zoë \u0026 \u003cb\u003e"}"#,
            JsonStyle::new(Layout::Compact, KeyOrder::Sorted, Escapes::Html),
        ),
        // Rust: serde_json::to_vec(&Value) without preserve_order.
        (
            r#"{"alpha":[1,2,{"n":null}],"url":"https://example.com/a","zeta":"Zoë & <b>"}"#,
            JsonStyle::new(Layout::Compact, KeyOrder::Sorted, Escapes::Minimal),
        ),
        // Node: JSON.stringify(v, null, 2)
        (
            "{\n  \"zeta\": \"Zoë & <b>\",\n  \"url\": \"https://example.com/a\",\n  \"alpha\": [\n    1,\n    2,\n    {\n      \"n\": null\n    }\n  ]\n}",
            JsonStyle::new(Layout::Indented(2), KeyOrder::Received, Escapes::Minimal),
        ),
    ];
    for (sent, expected) in cases {
        // svix-webhooks #1463 and octokit/webhooks.js #593 are this mistake
        // on Svix and GitHub.
        for (platform, secret) in [
            (Platform::SVIX, SVIX_SECRET),
            (Platform::GITHUB, GITHUB_SECRET),
        ] {
            let request = signed(platform, secret, sent.as_bytes());
            let diagnosis = diagnose(platform, secret, &with_body(&request, received.as_bytes()));
            assert_eq!(reserialized(cause(&diagnosis)), expected, "{sent}");
        }
    }
}

// A Node.js handler that verifies `JSON.stringify(req.body)` where
// `express.raw()` made `req.body` a Buffer.
#[test]
fn a_buffer_passed_through_json_stringify() {
    let sent = br#"{"id":"evt_1"}"#;
    let request = signed(Platform::STRIPE, STRIPE_SECRET, sent);
    let data: Vec<String> = sent.iter().map(u8::to_string).collect();
    let stringified = format!(r#"{{"type":"Buffer","data":[{}]}}"#, data.join(","));
    let diagnosis = diagnose(
        Platform::STRIPE,
        STRIPE_SECRET,
        &with_body(&request, stringified.as_bytes()),
    );
    assert_eq!(cause(&diagnosis), &Finding::NodeBuffer);
}

// The parsed object itself passed where bytes belong: nothing to undo, but
// the body says what happened.
#[test]
fn an_object_passed_for_the_body_is_noticed() {
    let request = signed(Platform::STRIPE, STRIPE_SECRET, br#"{"id":"evt_1"}"#);
    let diagnosis = diagnose(
        Platform::STRIPE,
        STRIPE_SECRET,
        &with_body(&request, b"[object Object]"),
    );
    assert_eq!(diagnosis.outcome(), Outcome::Unexplained);
    assert_eq!(diagnosis.findings(), [Finding::ObjectNotBytes]);
    assert_eq!(diagnosis.findings()[0].evidence(), Evidence::Inspection);
}

fn secret_format(diagnosis: &hooksig::diagnose::Diagnosis) -> (usize, SecretReading, SecretFormat) {
    match cause(diagnosis) {
        Finding::SecretFormat {
            secret,
            reading,
            expected,
        } => (*secret, *reading, *expected),
        other => panic!("expected a secret format, got {other:?}"),
    }
}

// polar #13522: a Standard Webhooks sender decodes the base64 after
// `whsec_`, and the receiver uses Stripe's reading (the string as it stands).
#[test]
fn a_secret_base64_decoded_by_the_sender() {
    let secret = "whsec_dGhpcyBpcyBhIHRlc3Qgc2VjcmV0";
    let request = signed(Platform::STANDARD_WEBHOOKS, secret, b"{}");
    let acme = Platform::STANDARD_WEBHOOKS
        .clone()
        .with_secret_format(SecretFormat::Raw);
    let diagnosis = diagnose(&acme, secret, &request);
    assert_eq!(
        secret_format(&diagnosis),
        (0, SecretReading::Base64Decoded, SecretFormat::Raw)
    );
}

// standard-webhooks #235, nestri #344: the sender keys its HMAC with the
// `whsec_...` text instead of the decoded bytes.
#[test]
fn a_secret_used_as_text_by_the_sender() {
    let as_text = Platform::SVIX.clone().with_secret_format(SecretFormat::Raw);
    let request = signed(&as_text, SVIX_SECRET, br#"{"type":"user.created"}"#);
    let diagnosis = diagnose(Platform::SVIX, SVIX_SECRET, &request);
    assert_eq!(
        secret_format(&diagnosis),
        (0, SecretReading::Text, SecretFormat::StandardWebhooks)
    );
    assert!(
        diagnosis.findings()[0]
            .fix()
            .contains("standard-webhooks#235")
    );
}

// A sender that keys with the text after `whsec_`, neither decoded nor whole.
#[test]
fn a_secret_prefix_dropped_by_the_sender() {
    let signer = Platform::STRIPE
        .signer(&STRIPE_SECRET["whsec_".len()..])
        .unwrap();
    let request = Platform::STRIPE
        .request("https://example.com/")
        .timestamp(signed_at())
        .sign_with(&signer)
        .body(b"{}".to_vec())
        .unwrap();
    let diagnosis = diagnose(Platform::STRIPE, STRIPE_SECRET, &request);
    assert_eq!(
        secret_format(&diagnosis),
        (0, SecretReading::PrefixDropped, SecretFormat::Raw)
    );
}

// The receiver stored the Stripe secret without its prefix.
#[test]
fn a_secret_held_without_its_prefix() {
    let request = signed(Platform::STRIPE, STRIPE_SECRET, b"{}");
    let diagnosis = diagnose(Platform::STRIPE, &STRIPE_SECRET["whsec_".len()..], &request);
    assert_eq!(
        secret_format(&diagnosis),
        (0, SecretReading::PrefixAdded, SecretFormat::Raw)
    );
}

// stripe-node #1980: a `.env` value with a trailing newline, or quotes kept.
#[test]
fn whitespace_line_breaks_and_quotes_around_the_secret() {
    let request = signed(Platform::STRIPE, STRIPE_SECRET, b"{}");
    for (held, padding) in [
        (format!("{STRIPE_SECRET}\n"), Padding::LineBreak),
        (format!("{STRIPE_SECRET}\r\n"), Padding::LineBreak),
        (format!("  {STRIPE_SECRET} "), Padding::Whitespace),
        (format!("\"{STRIPE_SECRET}\""), Padding::Quotes),
    ] {
        let diagnosis = diagnose(Platform::STRIPE, &held, &request);
        assert_eq!(
            cause(&diagnosis),
            &Finding::SecretPadding { secret: 0, padding },
            "{held:?}"
        );
    }
}

// A Stripe API key where the webhook secret belongs: no signature can
// match, and the prefix says why.
#[test]
fn an_api_key_given_for_the_webhook_secret() {
    let request = signed(Platform::STRIPE, STRIPE_SECRET, b"{}");
    let api_key = "sk_test_51HhooksigNotARealKeyAtAll";
    let diagnosis = diagnose(Platform::STRIPE, api_key, &request);
    assert_eq!(diagnosis.outcome(), Outcome::Unexplained);
    let [
        Finding::WrongKindOfSecret {
            secret: 0,
            prefix,
            kind,
        },
    ] = diagnosis.findings()
    else {
        panic!("{diagnosis}");
    };
    assert_eq!(*prefix, "sk_test_");
    assert!(kind.contains("Stripe secret API key"));
    assert!(
        diagnosis
            .to_string()
            .contains("Note: Secret 1 starts with `sk_test_`")
    );

    // With the webhook secret among the other secrets, that one matches.
    let diagnosis = Offline::new(Platform::STRIPE)
        .secret(api_key)
        .other_secret(STRIPE_SECRET)
        .diagnose_request(&request, now())
        .unwrap();
    assert_quiet(&diagnosis, &[api_key, STRIPE_SECRET], &request);
    assert_eq!(cause(&diagnosis), &Finding::OtherSecret { secret: 0 });
    assert_eq!(diagnosis.findings()[1].evidence(), Evidence::Inspection);
}

// Test mode and live mode (or two endpoints) have their own secrets.
#[test]
fn another_environments_secret() {
    let live = "whsec_hooksig_live";
    let test = "whsec_hooksig_test";
    let cli = "whsec_hooksig_stripe_listen";
    let request = signed(Platform::STRIPE, cli, b"{}");
    let diagnosis = Offline::new(Platform::STRIPE)
        .secret(live)
        .other_secret(test)
        .other_secret(cli)
        .diagnose_request(&request, now())
        .unwrap();
    assert_quiet(&diagnosis, &[live, test, cli], &request);
    assert_eq!(cause(&diagnosis), &Finding::OtherSecret { secret: 1 });
    assert!(
        diagnosis.to_string().contains("other secret 2"),
        "{diagnosis}"
    );
}

// stripe-node #356: API Gateway and Lambda hand over the body base64-encoded.
#[test]
fn a_body_base64_encoded_by_a_gateway() {
    let sent = br#"{"id":"evt_1","object":"event"}"#;
    let request = signed(Platform::STRIPE, STRIPE_SECRET, sent);
    let encoded = b"eyJpZCI6ImV2dF8xIiwib2JqZWN0IjoiZXZlbnQifQ==";
    let diagnosis = diagnose(
        Platform::STRIPE,
        STRIPE_SECRET,
        &with_body(&request, encoded),
    );
    assert_eq!(cause(&diagnosis), &Finding::Base64Body);
}

#[test]
fn line_endings_added_dropped_or_converted() {
    let sent = b"{\n  \"action\": \"opened\"\n}\n";
    let request = signed(Platform::GITHUB, GITHUB_SECRET, sent);
    for (received, change) in [
        (
            &b"{\n  \"action\": \"opened\"\n}\n\n"[..],
            LineEndingChange::TrailingNewlineAdded,
        ),
        (
            b"{\n  \"action\": \"opened\"\n}",
            LineEndingChange::TrailingNewlineDropped,
        ),
        (
            b"{\r\n  \"action\": \"opened\"\r\n}\r\n",
            LineEndingChange::LfToCrlf,
        ),
    ] {
        let diagnosis = diagnose(
            Platform::GITHUB,
            GITHUB_SECRET,
            &with_body(&request, received),
        );
        assert_eq!(
            cause(&diagnosis),
            &Finding::LineEndings { change },
            "{change:?}"
        );
    }
    // And a body signed with CRLF, received with LF.
    let request = signed(Platform::CORTEX, "cortex", b"a\r\nb");
    let diagnosis = diagnose(Platform::CORTEX, "cortex", &with_body(&request, b"a\nb"));
    assert_eq!(
        cause(&diagnosis),
        &Finding::LineEndings {
            change: LineEndingChange::CrlfToLf
        }
    );
}

// octokit/webhooks.js #1155: non-ASCII text (accents, emoji) re-encoded
// on the way.
#[test]
fn text_re_encoded_between_utf8_and_latin1() {
    let sent = "{\"title\":\"Résumé ’ 😀\"}";
    let request = signed(Platform::GITHUB, GITHUB_SECRET, sent.as_bytes());
    // The UTF-8 decoded as Windows-1252 and written again as UTF-8.
    let misread = "{\"title\":\"RÃ©sumÃ© â€™ ðŸ˜€\"}";
    let diagnosis = diagnose(
        Platform::GITHUB,
        GITHUB_SECRET,
        &with_body(&request, misread.as_bytes()),
    );
    assert_eq!(
        cause(&diagnosis),
        &Finding::Mojibake {
            change: Recoding::DecodedAsLatin1
        }
    );
    // UTF-8 converted to Latin-1 bytes.
    let sent = "{\"title\":\"Résumé\"}";
    let request = signed(Platform::GITHUB, GITHUB_SECRET, sent.as_bytes());
    let latin1 = b"{\"title\":\"R\xe9sum\xe9\"}";
    let diagnosis = diagnose(
        Platform::GITHUB,
        GITHUB_SECRET,
        &with_body(&request, latin1),
    );
    assert_eq!(
        cause(&diagnosis),
        &Finding::Mojibake {
            change: Recoding::EncodedAsLatin1
        }
    );
}

// A request replayed from a capture, or a receiver whose clock is wrong:
// the MAC is good; the finding says how far off the time is and which way.
// Judged as the verifier judges: Stripe refuses only old times, Svix both.
#[test]
fn a_stale_timestamp_says_how_far_and_which_way() {
    let cases = [
        (
            Platform::STRIPE,
            STRIPE_SECRET,
            590,
            "Stripe-Signature",
            "9 min 50 s before now",
            "replaying",
        ),
        (
            Platform::SVIX,
            SVIX_SECRET,
            -610,
            "svix-timestamp",
            "10 min 10 s after now",
            "clock",
        ),
    ];
    for (platform, secret, age, header, text, fix) in cases {
        let request = signed(platform, secret, b"{}");
        let now = signed_at()
            .checked_add(SignedDuration::from_secs(age))
            .unwrap();
        let diagnosis = Offline::new(platform)
            .secret(secret)
            .diagnose_request(&request, now)
            .unwrap();
        assert_quiet(&diagnosis, &[secret], &request);
        let finding = cause(&diagnosis);
        assert!(
            matches!(finding, Finding::Stale { header: found, .. } if found.as_str() == header),
            "{diagnosis}"
        );
        assert_eq!(finding.age(), Some(SignedDuration::from_secs(age)));
        assert!(diagnosis.to_string().contains(text), "{diagnosis}");
        assert!(finding.fix().contains(fix), "{}", finding.fix());
    }
    // Stripe's receivers take a time ahead of theirs: nothing to find.
    let request = signed(Platform::STRIPE, STRIPE_SECRET, b"{}");
    let early = signed_at()
        .checked_sub(SignedDuration::from_secs(3600))
        .unwrap();
    let diagnosis = Offline::new(Platform::STRIPE)
        .secret(STRIPE_SECRET)
        .diagnose_request(&request, early)
        .unwrap();
    assert_eq!(diagnosis.outcome(), Outcome::Verified);
}

// A sender that writes `Date.now()` (milliseconds) where Standard Webhooks
// sends seconds.
#[test]
fn a_timestamp_in_milliseconds() {
    let key = Platform::SVIX.key(SVIX_SECRET).unwrap();
    let (id, ts, body) = ("msg_1", "1700000000000", b"{}");
    let signature = key.sign_parts(&[id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    let value = format!("v1,{}", signature.to_value(Encoding::Base64));
    let mut request = Request::new(body.to_vec());
    let headers = request.headers_mut();
    headers.insert("svix-id", HeaderValue::from_static("msg_1"));
    headers.insert("svix-timestamp", HeaderValue::from_static("1700000000000"));
    headers.insert("svix-signature", HeaderValue::from_str(&value).unwrap());
    let diagnosis = diagnose(Platform::SVIX, SVIX_SECRET, &request);
    assert_eq!(
        cause(&diagnosis),
        &Finding::TimestampInMilliseconds {
            header: Header::new("svix-timestamp").unwrap(),
            signed_at: Some(signed_at()),
            now: now(),
        }
    );
    assert!(
        diagnosis.to_string().contains("10 s before now"),
        "{diagnosis}"
    );
}

// A Svix request checked as plain Standard Webhooks: the headers are
// `svix-*`, and the signature is Svix's.
#[test]
fn the_wrong_platform() {
    let request = signed(Platform::SVIX, SVIX_SECRET, br#"{"type":"user.created"}"#);
    let diagnosis = diagnose(Platform::STANDARD_WEBHOOKS, SVIX_SECRET, &request);
    assert_eq!(
        cause(&diagnosis),
        &Finding::OtherPlatform {
            platform: "Svix".to_owned(),
            header: Header::new("svix-signature").unwrap(),
        }
    );
    assert!(diagnosis.findings()[0].fix().contains("Platform::SVIX"));
}

// A platform described with the wrong scheme: the header holds Stripe's
// `t=...,v1=...` over `t.body`; and a strict platform sent bare hex.
#[test]
fn the_wrong_scheme_for_the_same_header() {
    let header = Header::new("X-Acme-Signature").unwrap();
    let as_sent = Platform::custom("Acme", header.clone(), Scheme::Stripe);
    let request = signed(&as_sent, "acme-secret", b"{}");
    let described = Platform::custom("Acme", header.clone(), Scheme::Body(Encoding::Sha256Hex));
    let diagnosis = diagnose(&described, "acme-secret", &request);
    assert_eq!(
        cause(&diagnosis),
        &Finding::OtherScheme {
            header: header.clone(),
            scheme: Scheme::Stripe
        }
    );

    // Paddle's `ts=...;h1=...` under a header described as Stripe's.
    let as_sent = Platform::custom("Acme", header.clone(), Scheme::Paddle);
    let request = signed(&as_sent, "acme-secret", b"{}");
    let described = Platform::custom("Acme", header.clone(), Scheme::Stripe);
    let diagnosis = diagnose(&described, "acme-secret", &request);
    assert_eq!(
        cause(&diagnosis),
        &Finding::OtherScheme {
            header: header.clone(),
            scheme: Scheme::Paddle
        }
    );

    let bare = Platform::custom(
        "Cortex (bare hex)",
        Platform::CORTEX.signature_header().clone(),
        Scheme::Body(Encoding::Hex),
    )
    .with_event_header(Header::new("X-Cortex-Event").unwrap())
    .with_delivery_header(Header::new("X-Cortex-Delivery").unwrap());
    let request = signed(&bare, "cortex", b"{}");
    let diagnosis = diagnose(&Platform::CORTEX.strict(), "cortex", &request);
    assert_eq!(
        cause(&diagnosis),
        &Finding::OtherScheme {
            header: Platform::CORTEX.signature_header().clone(),
            scheme: Scheme::Body(Encoding::Hex)
        }
    );
}

// A proxy that joins a repeated header with ", ", sends both copies, or
// quotes the value.
#[test]
fn a_header_mangled_by_a_proxy() {
    let request = signed(Platform::CORTEX, "cortex", b"{}");
    let good = request.headers()["x-cortex-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    let stale = SigningKey::new("old secret")
        .unwrap()
        .sign(b"{}")
        .to_value(Encoding::Sha256Hex);
    for (values, mangling) in [
        (vec![format!("{stale}, {good}")], Mangling::Joined),
        (vec![format!("{stale},{good}")], Mangling::Joined),
        (vec![format!("\"{good}\"")], Mangling::Quoted),
        (
            vec![stale.to_string(), good.clone()],
            Mangling::Repeated { count: 2 },
        ),
    ] {
        let mut mangled = with_body(&request, b"{}");
        mangled.headers_mut().remove("x-cortex-signature");
        for value in &values {
            mangled
                .headers_mut()
                .append("x-cortex-signature", HeaderValue::from_str(value).unwrap());
        }
        let diagnosis = diagnose(Platform::CORTEX, "cortex", &mangled);
        assert_eq!(
            cause(&diagnosis),
            &Finding::HeaderMangled {
                header: Platform::CORTEX.signature_header().clone(),
                mangling
            },
            "{values:?}"
        );
    }

    // Stripe's own commas are syntax; a join adds ", t=".
    let request = signed(Platform::STRIPE, STRIPE_SECRET, b"{}");
    let good = request.headers()["stripe-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    let joined = format!("t=1700000000,v1={}, {good}", "ab".repeat(32));
    let mut mangled = with_body(&request, b"{}");
    mangled
        .headers_mut()
        .insert("stripe-signature", HeaderValue::from_str(&joined).unwrap());
    let diagnosis = diagnose(Platform::STRIPE, STRIPE_SECRET, &mangled);
    assert!(matches!(
        cause(&diagnosis),
        Finding::HeaderMangled {
            mangling: Mangling::Joined,
            ..
        }
    ));
}

// A request that verifies needs no diagnosis.
#[test]
fn a_good_request_is_verified() {
    for platform in hmac_presets() {
        let secret = if platform.secret_format() == SecretFormat::StandardWebhooks {
            SVIX_SECRET
        } else {
            STRIPE_SECRET
        };
        let request = signed(platform, secret, br#"{"ok":true}"#);
        let diagnosis = diagnose(platform, secret, &request);
        assert_eq!(diagnosis.outcome(), Outcome::Verified, "{diagnosis}");
        assert!(diagnosis.findings().is_empty());
        assert!(diagnosis.verify_error().is_none());
        assert!(diagnosis.to_string().starts_with("VERIFIED"));
        assert!(diagnosis.hmacs() <= 1);
    }
}
