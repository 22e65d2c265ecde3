//! Zendesk: the timestamp then the body signed, no separator;
//! `X-Zendesk-Webhook-Signature` in base64.

use super::Message;
use crate::{Encoding, Header, Signature, SignatureError, SignatureValue};

/// `X-Zendesk-Webhook-Signature-Timestamp`: an ISO 8601 date and time
/// (`2021-07-25T10:00:00Z`), signed before the body.
pub(crate) const TIMESTAMP: Header = Header::preset(
    "X-Zendesk-Webhook-Signature-Timestamp",
    "x-zendesk-webhook-signature-timestamp",
);

/// Reads the base64 MAC, padded or not.
pub(crate) fn parse(value: &[u8]) -> Result<Signature, SignatureError> {
    SignatureValue::parse_as(value, Encoding::Base64).map(|value| value.signature())
}

/// What Zendesk signs: `base64(HMACSHA256(TIMESTAMP + BODY))`.
pub(crate) fn message<'a>(ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([ts, body])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_base64() {
        let signature = Signature::from_bytes([7; 32]);
        let text = signature.to_value(Encoding::Base64).to_string();
        assert_eq!(parse(text.as_bytes()), Ok(signature));
        assert!(parse(b"").is_err());
        assert!(parse(format!("sha256={text}").as_bytes()).is_err());
        assert_eq!(message(b"ts", b"{}").parts(), [&b"ts"[..], b"{}"]);
    }
}
