//! The work a diagnosis does is bounded, whatever the input: at most
//! `MAX_HMACS` HMACs per call.

use hooksig::{
    Platform,
    diagnose::{MAX_HMACS, MAX_SECRETS, Offline, Outcome},
};
use http::{HeaderMap, HeaderValue};

use crate::support::now;

/// A request built to make every try apply: a JSON body that every
/// serializer writes differently, with line breaks and non-ASCII; the
/// signature header joined from several values; the headers of every
/// other preset present and well formed; and held secrets whose every
/// reading differs.
fn worst_case() -> (HeaderMap, Vec<u8>) {
    let body =
        "{\"z\":\"Zoë/<&>😀\",\r\n\"a\":[1,2.5,{\"k\":null}],\"m\":{\"y\":true,\"b\":\"x\"}}\n"
            .as_bytes()
            .to_vec();
    let hex = "ab".repeat(32);
    let base64 = "q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=".to_owned();
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        headers.append(name, HeaderValue::from_str(&value).unwrap());
    };
    set(
        "stripe-signature",
        format!(
            "t=1700000000,v1={hex}, t=1700000000,v1={hex}, t=1,v1={hex}, t=2,v1={hex}, t=3,v1={hex}"
        ),
    );
    for name in [
        "x-hub-signature-256",
        "x-cortex-signature",
        "x-pulselabs-signature",
        "x-splexa-signature",
    ] {
        set(name, format!("sha256={hex}"));
    }
    for name in ["x-signature", "x-emuluxe-signature"] {
        set(name, hex.clone());
    }
    set("x-shopify-hmac-sha256", base64.clone());
    set("x-slack-signature", format!("v0={hex}"));
    set("x-slack-request-timestamp", "1700000000".to_owned());
    for prefix in ["webhook", "svix"] {
        set(
            if prefix == "svix" {
                "svix-id"
            } else {
                "webhook-id"
            },
            "msg_1".to_owned(),
        );
        set(
            if prefix == "svix" {
                "svix-timestamp"
            } else {
                "webhook-timestamp"
            },
            "1700000000".to_owned(),
        );
        set(
            if prefix == "svix" {
                "svix-signature"
            } else {
                "webhook-signature"
            },
            format!("v1,{base64}"),
        );
    }
    (headers, body)
}

#[test]
fn a_worst_case_request_stays_within_the_budget() {
    let (headers, body) = worst_case();
    let mut most = 0;
    for platform in Platform::PRESETS {
        let bench = Offline::new(platform)
            .secret(" \"whsec_dGhpcyBpcyBhIHRlc3Qgc2VjcmV0\"\n")
            .secret("whsec_c2Vjb25kIHNlY3JldA==\t")
            .secret("dGhpcmQgc2VjcmV0")
            .other_secret("whsec_other");
        let diagnosis = bench.diagnose(&headers, &body, now()).unwrap();
        assert_eq!(diagnosis.outcome(), Outcome::Unexplained, "{diagnosis}");
        assert!(
            diagnosis.hmacs() <= MAX_HMACS,
            "{}: {}",
            platform.name(),
            diagnosis.hmacs()
        );
        assert!(!diagnosis.is_exhausted(), "{}", platform.name());
        most = most.max(diagnosis.hmacs());
    }
    // The body variants ran for each of the three secrets: the request
    // reached the expensive part of the search.
    assert!(most > 3 * 20, "{most}");
    assert_eq!((MAX_HMACS, MAX_SECRETS), (256, 4));
}

#[test]
fn one_secret_costs_a_few_dozen() {
    let (headers, body) = worst_case();
    let diagnosis = Offline::new(Platform::STRIPE)
        .secret("whsec_hooksig")
        .diagnose(&headers, &body, now())
        .unwrap();
    assert!(
        diagnosis.hmacs() <= MAX_HMACS / MAX_SECRETS,
        "{}",
        diagnosis.hmacs()
    );
    assert!(
        diagnosis
            .to_string()
            .ends_with(&format!("({} HMACs computed.)", diagnosis.hmacs()))
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(64))]

    // Any headers and body: no panic, and the bound holds.
    #[test]
    fn any_input_is_diagnosed_within_the_bound(
        body in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
        values in proptest::collection::vec("[ -~]{0,120}", 8),
        json in "[{}\\[\\]\",:a-c0-9 \\\\/é\r\n]{0,80}",
    ) {
        let names = [
            "stripe-signature", "svix-id", "svix-timestamp", "svix-signature",
            "x-cortex-signature", "x-slack-signature", "x-slack-request-timestamp",
            "x-shopify-hmac-sha256",
        ];
        let headers: Vec<(&str, &str)> =
            names.iter().copied().zip(values.iter().map(String::as_str)).collect();
        for platform in [Platform::STRIPE, Platform::SVIX, Platform::CORTEX, Platform::SLACK, Platform::SHOPIFY] {
            for body in [&body[..], json.as_bytes()] {
                let diagnosis = Offline::new(platform)
                    .secret("whsec_dGhpcyBpcyBhIHRlc3Qgc2VjcmV0\n")
                    .other_secret("other")
                    .diagnose(&headers, body, now())
                    .unwrap();
                proptest::prop_assert!(diagnosis.hmacs() <= MAX_HMACS);
                proptest::prop_assert!(!diagnosis.is_exhausted());
                proptest::prop_assert_ne!(diagnosis.outcome(), Outcome::Verified);
            }
        }
    }
}
