//! Discord: the timestamp then the body signed with Ed25519, no separator;
//! `X-Signature-Ed25519: <128 hex digits>`, `X-Signature-Timestamp`.

use super::Message;
use crate::{Ed25519Signature, Header, SignatureError, codec::trim_blanks};

/// `X-Signature-Ed25519`: the signature, 128 hex digits.
pub(crate) const SIGNATURE: Header = Header::preset("X-Signature-Ed25519", "x-signature-ed25519");
/// `X-Signature-Timestamp`: Unix seconds, signed before the body.
pub(crate) const TIMESTAMP: Header =
    Header::preset("X-Signature-Timestamp", "x-signature-timestamp");

/// Reads the 128 hex digits, in either case, spaces and tabs around them
/// ignored.
#[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
pub(crate) fn parse(value: &[u8]) -> Result<Ed25519Signature, SignatureError> {
    let (digits, lead) = trim_blanks(value);
    if digits.is_empty() {
        return Err(SignatureError::Empty);
    }
    Ed25519Signature::decode_hex(digits, lead)
}

/// What Discord signs: the timestamp's text, then the body.
#[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
pub(crate) fn message<'a>(ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([ts, body])
}

/// The `X-Signature-Ed25519` value: 128 lowercase hex digits.
#[cfg_attr(not(feature = "http"), allow(dead_code))]
pub(crate) fn format(signature: &Ed25519Signature) -> [u8; 2 * Ed25519Signature::LEN] {
    signature.hex()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Encoding;

    #[test]
    fn reads_128_hex_digits() {
        let signature = Ed25519Signature::from_bytes([0xab; 64]);
        let text = format(&signature);
        assert_eq!(text.as_slice(), "ab".repeat(64).as_bytes());
        assert_eq!(parse(&text), Ok(signature));
        assert_eq!(
            parse(format!(" {}\t", "AB".repeat(64)).as_bytes()),
            Ok(signature)
        );
        assert_eq!(parse(b" "), Err(SignatureError::Empty));
        assert_eq!(
            parse(b"example invalid signature"),
            Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 1
            })
        );
        assert_eq!(
            parse("ab".repeat(32).as_bytes()),
            Err(SignatureError::Length {
                encoding: Encoding::Hex,
                found: 64,
                expected: 128
            })
        );
        assert_eq!(message(b"1", b"{}").parts(), [&b"1"[..], b"{}"]);
    }
}
