//! The body of the `providers_asym` fuzz target, shared by the cargo-fuzz
//! binary in `fuzz/` and the stable corpus replay in
//! `tests/api/providers_asym.rs`: SendGrid's and PayPal's header parsers,
//! key and certificate readers, and PayPal's certificate URL check, on any
//! bytes.
//!
//! The input is split at 0xFF bytes into fields: SendGrid's signature and
//! timestamp headers, a body, PayPal's signature, algorithm, transmission
//! id and time headers, and a certificate URL. Beyond "does not panic",
//! a request verifies only when it is the vendor example it was seeded
//! from, a URL passes only when it is https on PayPal's hosts (worked out
//! here apart from the crate's check), and no error echoes the input.

use std::sync::LazyLock;

use hooksig::{
    KeyError, VerifyError,
    provider::{PayPal, SendGrid},
};
use jiff::Timestamp;

const SENDGRID_KEY: &str = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==";
const SENDGRID_SIGNATURE: &[u8] = b"MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=";
const SENDGRID_BODY: &[u8] =
    br#"{"category":"example_payload","event":"test_event","message_id":"message_id"}"#;
const PAYPAL: &str = include_str!("../data/providers/paypal.json");

static SENDGRID: LazyLock<SendGrid> = LazyLock::new(|| SendGrid::new(SENDGRID_KEY).unwrap());
static PAYPAL_VECTOR: LazyLock<serde_json::Value> =
    LazyLock::new(|| serde_json::from_str(PAYPAL).unwrap());
static PAYPAL_VERIFIER: LazyLock<PayPal> = LazyLock::new(|| {
    let v = &*PAYPAL_VECTOR;
    PayPal::new(
        v["webhook_id"].as_str().unwrap(),
        v["certificate_pem"].as_str().unwrap(),
    )
    .unwrap()
});

/// What each part answered, for the replay to check that the saved inputs
/// reach every outcome.
#[derive(Debug)]
pub struct AsymOutcome {
    /// SendGrid's verify.
    pub sendgrid: Result<(), VerifyError>,
    /// PayPal's verify.
    pub paypal: Result<(), VerifyError>,
    /// PayPal's certificate URL check.
    pub url: Result<(), KeyError>,
    /// SendGrid's key reader on the whole input.
    pub sendgrid_key: Result<(), KeyError>,
    /// PayPal's certificate reader on the whole input.
    pub certificate: Result<(), KeyError>,
}

/// Every parser on `data`.
pub fn providers_asym(data: &[u8]) -> AsymOutcome {
    let mut fields = data.split(|&b| b == 0xff);
    let mut next = || fields.next().unwrap_or_default();
    let (sg_sig, sg_ts, body) = (next(), next(), next());
    let (pp_sig, pp_algo, pp_id, pp_time, url) = (next(), next(), next(), next(), next());

    let now = Timestamp::from_second(1_588_788_367).unwrap();
    let sendgrid = SENDGRID.verify(
        &[
            ("X-Twilio-Email-Event-Webhook-Signature", sg_sig),
            ("X-Twilio-Email-Event-Webhook-Timestamp", sg_ts),
        ],
        body,
        now,
    );
    if sendgrid.is_ok() {
        // ECDSA signatures are malleable (high s), so only the timestamp
        // and body are pinned, and the signature must be DER of the key's.
        assert_eq!((sg_ts, body), (&b"1588788367"[..], SENDGRID_BODY));
        assert!(
            sg_sig.len() <= 96 && sg_sig.starts_with(b"ME"),
            "{sg_sig:?}"
        );
    }
    let _ = SENDGRID_SIGNATURE;

    let paypal = PAYPAL_VERIFIER.verify(
        &[
            ("PAYPAL-TRANSMISSION-ID", pp_id),
            ("PAYPAL-TRANSMISSION-TIME", pp_time),
            ("PAYPAL-TRANSMISSION-SIG", pp_sig),
            ("PAYPAL-AUTH-ALGO", pp_algo),
        ],
        body,
    );
    if paypal.is_ok() {
        let v = &*PAYPAL_VECTOR;
        let field = |name: &str| v[name].as_str().unwrap().as_bytes();
        assert_eq!(pp_id, field("transmission_id"));
        assert_eq!(pp_time, field("transmission_time"));
        assert_eq!(body, field("body"));
        assert!(pp_algo.eq_ignore_ascii_case(b"SHA256withRSA"));
    }

    let url = match std::str::from_utf8(url) {
        Ok(text) => {
            let result = PayPal::check_certificate_url(text);
            assert_eq!(result.is_ok(), is_paypal(text), "{text:?}");
            result
        }
        Err(_) => Err(KeyError::NotPayPalCertificateUrl {
            reason: "not UTF-8",
        }),
    };

    let sendgrid_key = SendGrid::new(data).map(|_| ());
    let certificate = PayPal::new("WH1", data).map(|_| ());

    for message in [
        sendgrid.as_ref().err().map(ToString::to_string),
        paypal.as_ref().err().map(ToString::to_string),
        url.as_ref().err().map(ToString::to_string),
        sendgrid_key.as_ref().err().map(ToString::to_string),
        certificate.as_ref().err().map(ToString::to_string),
    ]
    .into_iter()
    .flatten()
    {
        assert!(message.len() <= 240, "{message}");
        assert!(
            message.is_ascii() && !message.bytes().any(|b| b.is_ascii_control()),
            "{message}"
        );
    }
    AsymOutcome {
        sendgrid,
        paypal,
        url,
        sendgrid_key,
        certificate,
    }
}

/// PayPal's certificate hosts, worked out apart from the crate: the text
/// lowercased must start with `https://<host>` then `/` or `:443/`, with
/// nothing but visible ASCII and no backslash.
fn is_paypal(url: &str) -> bool {
    if !url.bytes().all(|b| b.is_ascii_graphic()) || url.contains('\\') {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    [
        "api.paypal.com",
        "api-m.paypal.com",
        "api.sandbox.paypal.com",
        "api-m.sandbox.paypal.com",
    ]
    .iter()
    .any(|host| {
        [format!("https://{host}/"), format!("https://{host}:443/")]
            .iter()
            .any(|prefix| lower.starts_with(prefix.as_str()))
    })
}
