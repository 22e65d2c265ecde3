//! Twitch EventSub: the message id, the timestamp and the body signed with
//! no separator, `Twitch-Eventsub-Message-Signature: sha256=<hex>`.

use super::Message;
use crate::{Encoding, Header, Signature, SignatureError, SignatureValue};

/// `Twitch-Eventsub-Message-Id`: signed first.
pub(crate) const ID: Header =
    Header::preset("Twitch-Eventsub-Message-Id", "twitch-eventsub-message-id");

/// `Twitch-Eventsub-Message-Timestamp`: an RFC 3339 date and time to the
/// nanosecond, signed between the id and the body.
pub(crate) const TIMESTAMP: Header = Header::preset(
    "Twitch-Eventsub-Message-Timestamp",
    "twitch-eventsub-message-timestamp",
);

/// Reads `sha256=<64 hex>`: the one form Twitch sends.
pub(crate) fn parse(value: &[u8]) -> Result<Signature, SignatureError> {
    SignatureValue::parse_as(value, Encoding::Sha256Hex).map(|value| value.signature())
}

/// What Twitch signs: the message id, the timestamp as sent, the body.
pub(crate) fn message<'a>(id: &'a [u8], ts: &'a [u8], body: &'a [u8]) -> Message<'a> {
    Message::new([id, ts, body])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_the_prefixed_form() {
        let hex = "ab".repeat(32);
        assert_eq!(
            parse(format!("sha256={hex}").as_bytes()),
            Ok(Signature::from_bytes([0xab; 32]))
        );
        assert_eq!(
            parse(hex.as_bytes()),
            Err(SignatureError::WrongEncoding {
                expected: Encoding::Sha256Hex,
                found: Encoding::Hex
            })
        );
        assert_eq!(
            parse(format!("sha1={hex}").as_bytes())
                .unwrap_err()
                .to_string(),
            "sha1 is not supported, only sha256"
        );
        assert_eq!(
            message(b"id", b"ts", b"{}").parts(),
            [&b"id"[..], b"ts", b"{}"]
        );
    }
}
