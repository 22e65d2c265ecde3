//! Slack: `v0:timestamp:body` signed, `X-Slack-Signature: v0=<hex>`.

use alloc::vec::Vec;

use super::{Message, split_pair};
use crate::{AlgorithmName, Encoding, Header, Signature, SignatureError, codec::trim_blanks};

/// `X-Slack-Request-Timestamp`: Unix seconds, signed between the version and
/// the body.
pub(crate) const TIMESTAMP: Header =
    Header::preset("X-Slack-Request-Timestamp", "x-slack-request-timestamp");

const VERSION: &str = "v0";

/// Reads `v0=<64 hex>`.
pub(crate) fn parse(value: &[u8]) -> Result<Signature, SignatureError> {
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

/// What Slack signs: `v0:timestamp:body`.
pub(crate) fn message<'a>(ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([VERSION.as_bytes(), b":", ts, b":", body])
}

/// The `X-Slack-Signature` value: `v0=<hex>`. Slack sends one signature.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format(signature: &Signature) -> Vec<u8> {
    let hex = Encoding::Hex.render(signature);
    [b"v0=", hex.as_bytes()].concat()
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
