//! What every diagnosis test shares.

use hooksig::{
    Encoding, Platform, SigningKey,
    diagnose::{Diagnosis, Evidence, Finding, Offline, Outcome},
};
use http::Request;
use jiff::Timestamp;

/// The presets whose requests a secret signs: all but Discord, which signs
/// with Ed25519, so that a diagnosis, which tries secrets, has nothing to
/// try.
pub(crate) fn hmac_presets() -> impl Iterator<Item = &'static Platform> {
    Platform::PRESETS
        .into_iter()
        .filter(|platform| platform.scheme() != hooksig::Scheme::Discord)
}

/// When the test requests were signed.
pub(crate) fn signed_at() -> Timestamp {
    Timestamp::from_second(1_700_000_000).unwrap()
}

/// Ten seconds later: well within the tolerance.
pub(crate) fn now() -> Timestamp {
    Timestamp::from_second(1_700_000_010).unwrap()
}

/// A signed request for `platform` with `body`, signed at [`signed_at`].
pub(crate) fn signed(platform: &Platform, secret: &str, body: &[u8]) -> Request<Vec<u8>> {
    let signer = platform.signer(secret).unwrap();
    platform
        .request("https://example.com/hooks")
        .event("test")
        .delivery_id("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W")
        .timestamp(signed_at())
        .sign_with(&signer)
        .body(body.to_vec())
        .unwrap()
}

/// `request` with its body replaced, as a receiver that changed it would
/// hand it to a verifier.
pub(crate) fn with_body(request: &Request<Vec<u8>>, body: &[u8]) -> Request<Vec<u8>> {
    let mut changed = Request::new(body.to_vec());
    *changed.headers_mut() = request.headers().clone();
    changed
}

/// The diagnosis of `request` for `platform` holding `secret`, checked to
/// show neither a secret nor a signature the request carries.
pub(crate) fn diagnose(platform: &Platform, secret: &str, request: &Request<Vec<u8>>) -> Diagnosis {
    let diagnosis = Offline::new(platform)
        .secret(secret)
        .diagnose_request(request, now())
        .unwrap();
    assert_quiet(&diagnosis, &[secret], request);
    diagnosis
}

/// The one finding that explains `diagnosis`, which must be explained.
pub(crate) fn cause(diagnosis: &Diagnosis) -> &Finding {
    assert_eq!(diagnosis.outcome(), Outcome::Explained, "{diagnosis}");
    let finding = &diagnosis.findings()[0];
    assert_eq!(finding.evidence(), Evidence::Signature, "{diagnosis}");
    finding
}

/// The report and each finding's message and fix show no secret, no
/// signature header value and no MAC computed from a secret.
pub(crate) fn assert_quiet(diagnosis: &Diagnosis, secrets: &[&str], request: &Request<Vec<u8>>) {
    let mut texts = vec![diagnosis.to_string(), format!("{diagnosis:?}")];
    for finding in diagnosis.findings() {
        texts.push(finding.to_string());
        texts.push(finding.fix());
    }
    let mut forbidden: Vec<String> = Vec::new();
    for secret in secrets {
        let trimmed = secret.trim().trim_start_matches("whsec_");
        if trimmed.len() >= 6 {
            forbidden.push(trimmed.to_owned());
        }
        let key = SigningKey::new(secret).unwrap();
        let mac = key.sign(request.body());
        for encoding in [Encoding::Hex, Encoding::Base64] {
            forbidden.push(mac.to_value(encoding).to_string());
        }
    }
    for (_, value) in request.headers() {
        let value = value.to_str().unwrap_or_default();
        // The signature values: long runs of hex or base64.
        for part in value.split([',', ' ', '=']) {
            if part.len() >= 40 {
                forbidden.push(part.to_owned());
            }
        }
    }
    for text in &texts {
        for bad in &forbidden {
            assert!(!text.contains(bad.as_str()), "{bad:?} shown in {text}");
        }
    }
}
