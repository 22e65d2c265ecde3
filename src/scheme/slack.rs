//! Slack: `v0:timestamp:body` signed, `X-Slack-Signature: v0=<hex>`.

use http::{HeaderMap, HeaderValue};
use jiff::Timestamp;

use super::{AlgorithmName, sensitive_value, signature_header::trim_blanks, split_pair};
use crate::{
    Encoding, Header, Platform, Signature, SignatureError, SigningKey, Verifier, VerifyError,
    header::find_each, verify::required,
};

/// `X-Slack-Request-Timestamp`: Unix seconds, signed between the version and
/// the body.
pub(crate) const TIMESTAMP: Header =
    Header::preset("X-Slack-Request-Timestamp", "x-slack-request-timestamp");

// A static for borrowing: a `const` that owns memory is rebuilt per use.
static DEFAULT_TIMESTAMP: Header = TIMESTAMP;

const VERSION: &str = "v0";

pub(crate) fn verify(
    verifier: &Verifier,
    platform: &Platform,
    headers: &HeaderMap,
    body: &[u8],
    now: Timestamp,
) -> Result<(), VerifyError> {
    // `Platform::custom` gives every Slack platform this header; the
    // default only keeps this total.
    let ts_header = platform.timestamp_header().unwrap_or(&DEFAULT_TIMESTAMP);
    let header = platform.signature_header();
    let [ts, value] = find_each(headers, [ts_header, header]);
    let ts = required(ts, ts_header)?;
    verifier.check_signed_time(ts_header, ts, now)?;

    let signature = parse(required(value, header)?).map_err(VerifyError::malformed(header))?;
    verifier.matches_any(&[VERSION.as_bytes(), b":", ts, b":", body], [signature])
}

/// Reads `v0=<64 hex>`.
fn parse(value: &[u8]) -> Result<Signature, SignatureError> {
    let (value, lead) = trim_blanks(value);
    match split_pair(value, b'=') {
        Some((version, text, at)) if version == VERSION.as_bytes() => {
            Encoding::Hex.decode(text, lead + at)
        }
        Some((version, ..)) => Err(SignatureError::UnsupportedAlgorithm {
            algorithm: AlgorithmName::new(version),
            supported: VERSION,
        }),
        None if value.is_empty() => Err(SignatureError::Empty),
        None => Err(SignatureError::NoSignature { version: VERSION }),
    }
}

/// The `X-Slack-Signature` value: `v0=<hex>`.
pub(crate) fn sign(key: &SigningKey, ts: &str, body: &[u8]) -> HeaderValue {
    let signature = key.sign_parts(&[VERSION.as_bytes(), b":", ts.as_bytes(), b":", body]);
    sensitive_value(&[b"v0=", Encoding::Hex.render(&signature).as_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_v0() {
        let hex = "ab".repeat(32);
        assert_eq!(
            parse(format!(" v0={hex}").as_bytes()),
            Ok(Signature::from_bytes([0xab; 32]))
        );
        assert_eq!(
            parse(format!("v1={hex}").as_bytes())
                .unwrap_err()
                .to_string(),
            "v1 is not supported, only v0"
        );
        assert_eq!(
            parse(hex.as_bytes()),
            Err(SignatureError::NoSignature { version: "v0" })
        );
        assert_eq!(parse(b""), Err(SignatureError::Empty));
        assert_eq!(
            parse(b"v0=ab"),
            Err(SignatureError::Length {
                encoding: Encoding::Hex,
                found: 2,
                expected: 64
            })
        );
    }
}
