//! The body of the `providers_hmac` fuzz target, shared by the cargo-fuzz
//! binary in `fuzz/` and the stable corpus replay in
//! `tests/api/providers_hmac.rs`: Twilio's URL and form reading, HubSpot's
//! URI decoding and millisecond timestamps, and Mailgun's body scan, on
//! any input.
//!
//! The input is a URL, a zero byte, then a body. Beyond "does not panic",
//! each answer is checked against what the input calls for: what a
//! provider signs it verifies, and a refusal is the one the input earns.

use hooksig::provider::{HubSpot, Mailgun, Twilio};
use hooksig::{FormError, TimestampError, UrlError, VerifyError};
use jiff::Timestamp;

/// What each provider made of one input, for the replay to check that the
/// saved inputs reach every outcome.
#[derive(Debug)]
pub struct ProvidersOutcome {
    /// Twilio's verdict on its own signature of the input.
    pub twilio: Result<(), VerifyError>,
    /// HubSpot's verdict on a request signed at the input's timestamp.
    pub hubspot: Result<(), VerifyError>,
    /// Mailgun's verdict on the body.
    pub mailgun: Result<(), VerifyError>,
}

/// Runs the three readers on `data`.
pub fn providers_hmac(data: &[u8]) -> ProvidersOutcome {
    let (url, body) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let url = String::from_utf8_lossy(url);
    ProvidersOutcome {
        twilio: twilio(&url, body),
        hubspot: hubspot(&url, body),
        mailgun: mailgun(body),
    }
}

fn twilio(url: &str, body: &[u8]) -> Result<(), VerifyError> {
    let twilio = Twilio::new("fuzz-token").unwrap();
    let signed = twilio.sign(url, body);
    let signature = signed
        .map(|s| s.to_string())
        .unwrap_or_else(|_| format!("{}=", "A".repeat(27)));
    let result = twilio.verify(url, &[("X-Twilio-Signature", signature.as_str())], body);
    match (&signed, &result) {
        // What was signed verifies, unless the URL is refused or its
        // bodySHA256 does not match the body.
        (Ok(_), Ok(())) => {}
        (Ok(_), Err(VerifyError::Url(_))) => {}
        (Ok(_), Err(VerifyError::Mismatch)) => assert!(url.contains("bodySHA256"), "{url:?}"),
        // A form the signer refused, the verifier refuses alike.
        (Err(form), Err(VerifyError::Form(refused))) => assert_eq!(form, refused),
        (Err(_), Err(VerifyError::Url(_))) => {}
        (signed, other) => panic!("{url:?} {body:?}: signed {signed:?}, verified {other:?}"),
    }
    if let Err(VerifyError::Form(FormError::TooManyFields { max, .. })) = &result {
        assert_eq!(*max, Twilio::MAX_FIELDS);
    }
    if let Err(VerifyError::Url(UrlError::NotHttp)) = &result {
        let lower = url.to_ascii_lowercase();
        assert!(!lower.starts_with("http://") && !lower.starts_with("https://"));
    }
    result
}

fn hubspot(uri: &str, body: &[u8]) -> Result<(), VerifyError> {
    let hubspot = HubSpot::new("fuzz-secret").unwrap();
    // The body's first line is the timestamp header, the rest the body.
    let (timestamp, body) = match body.iter().position(|&b| b == b'\n') {
        Some(at) => (&body[..at], &body[at + 1..]),
        None => (body, &[][..]),
    };
    let at = Timestamp::from_millisecond(1_700_000_000_000).unwrap();
    let signed = hubspot.sign("POST", uri, body, at).unwrap();
    let headers = [
        (
            "X-HubSpot-Signature-v3",
            signed.signature.as_str().as_bytes(),
        ),
        ("X-HubSpot-Request-Timestamp", timestamp),
    ];
    let result = hubspot.verify("POST", uri, &headers, body, at);
    let digits = !timestamp.is_empty() && timestamp.iter().all(u8::is_ascii_digit);
    match &result {
        Ok(()) => assert_eq!(timestamp, signed.timestamp.as_str().as_bytes()),
        Err(VerifyError::Timestamp { reason, .. }) => {
            assert!(
                !digits || *reason == TimestampError::OutOfRange,
                "{timestamp:?}"
            )
        }
        Err(VerifyError::Stale(_) | VerifyError::Mismatch) => assert!(digits),
        Err(other) => panic!("{timestamp:?}: {other:?}"),
    }
    result
}

fn mailgun(body: &[u8]) -> Result<(), VerifyError> {
    let mailgun = Mailgun::new("fuzz-key").unwrap();
    let now = Timestamp::from_second(1_700_000_000).unwrap();
    let result = mailgun.verify(body, now);
    match &result {
        Ok(token) => {
            // The token is read in place: a slice of the body.
            let start = token.as_ptr() as usize - body.as_ptr() as usize;
            assert!(start + token.len() <= body.len());
        }
        Err(VerifyError::BodyField(_) | VerifyError::Stale(_) | VerifyError::Mismatch) => {}
        Err(other) => panic!("{body:?}: {other:?}"),
    }
    result.map(|_| ())
}
