//! A request's signed frame read the way a scheme reads it, except that the
//! signed time is kept as text, not judged: a diagnosis wants to know
//! whether the MAC matches even when the time is wrong (in milliseconds,
//! or stale), and to sign other bodies under the same headers.

use jiff::Timestamp;

use crate::{
    Header, Headers, Scheme, Signature, SignatureValue, TimestampError,
    scheme::{
        Candidates, Ed25519Candidates, Message, ReadError, Wire, paddle, signed_time, slack,
        standard_webhooks, stripe, twitch, zendesk,
    },
};

/// What a request's headers say was signed, apart from the body.
#[derive(Debug)]
pub(crate) struct Frame<'h> {
    parts: Parts<'h>,
    signatures: Candidates,
}

#[derive(Debug, Clone, Copy)]
enum Parts<'h> {
    Body,
    StandardWebhooks { id: &'h [u8], ts: &'h [u8] },
    Stripe { ts: &'h [u8] },
    Slack { ts: &'h [u8] },
    Paddle { ts: &'h [u8] },
    Twitch { id: &'h [u8], ts: &'h [u8] },
    Zendesk { ts: &'h [u8] },
}

impl<'h> Frame<'h> {
    /// Reads the frame of `wire` from `headers`.
    ///
    /// # Errors
    ///
    /// As [`Wire::read`], but a timestamp is only required to be present.
    pub(crate) fn read<H: Headers + ?Sized>(
        wire: &Wire,
        headers: &'h H,
    ) -> Result<Self, ReadError> {
        let malformed = |source| ReadError::Malformed {
            header: wire.signature.clone(),
            source,
        };
        let mut signatures = Candidates::new();
        let parts = match wire.scheme {
            Scheme::Body(encoding) => {
                let value = wire.signature.one(headers)?;
                let parsed = if wire.strict || !encoding.is_hex() {
                    SignatureValue::parse_as(value, encoding)
                } else {
                    SignatureValue::parse(value)
                };
                signatures.push(Ok(parsed.map_err(malformed)?.signature()));
                Parts::Body
            }
            Scheme::StandardWebhooks => {
                let id_header = wire.id_header();
                let id = id_header.one(headers)?;
                standard_webhooks::check_id(id).map_err(|source| ReadError::Id {
                    header: id_header.clone(),
                    source,
                })?;
                let ts = wire.timestamp_header().one(headers)?;
                // Ed25519 (`v1a`) entries are read and set aside: a
                // diagnosis tries secrets, which only `v1` entries answer.
                let mut ed25519 = Ed25519Candidates::new();
                standard_webhooks::signatures(
                    wire.signature.one(headers)?,
                    &mut signatures,
                    &mut ed25519,
                );
                if signatures.is_empty() {
                    return Err(malformed(
                        signatures
                            .passed_over()
                            .unwrap_or(crate::SignatureError::NoSignature { version: "v1" }),
                    ));
                }
                Parts::StandardWebhooks { id, ts }
            }
            Scheme::Stripe => {
                let (ts, found) = stripe::parse(wire.signature.one(headers)?).map_err(malformed)?;
                signatures = found;
                Parts::Stripe { ts }
            }
            Scheme::Slack => {
                let ts = wire.timestamp_header().one(headers)?;
                let signature = slack::parse(wire.signature.one(headers)?).map_err(malformed)?;
                signatures.push(Ok(signature));
                Parts::Slack { ts }
            }
            Scheme::Paddle => {
                let (ts, found) = paddle::parse(wire.signature.one(headers)?).map_err(malformed)?;
                signatures = found;
                Parts::Paddle { ts }
            }
            Scheme::Twitch => {
                let id = wire.id_header().one(headers)?;
                let ts = wire.timestamp_header().one(headers)?;
                let signature = twitch::parse(wire.signature.one(headers)?).map_err(malformed)?;
                signatures.push(Ok(signature));
                Parts::Twitch { id, ts }
            }
            Scheme::Zendesk => {
                let ts = wire.timestamp_header().one(headers)?;
                let signature = zendesk::parse(wire.signature.one(headers)?).map_err(malformed)?;
                signatures.push(Ok(signature));
                Parts::Zendesk { ts }
            }
            // A scheme added later is not diagnosed: its header reads as
            // malformed, which the diagnosis reports as unexplained.
            #[allow(unreachable_patterns)]
            _ => return Err(malformed(crate::SignatureError::Empty)),
        };
        Ok(Self { parts, signatures })
    }

    /// What the sender signed, if `body` was the body.
    pub(crate) fn message<'a>(&'a self, body: &'a [u8]) -> Message<'a> {
        match self.parts {
            Parts::Body => Message::new([body]),
            Parts::StandardWebhooks { id, ts } => standard_webhooks::message(id, ts, body),
            Parts::Stripe { ts } => stripe::message(ts, body),
            Parts::Slack { ts } => slack::message(ts, body),
            Parts::Paddle { ts } => paddle::message(ts, body),
            Parts::Twitch { id, ts } => twitch::message(id, ts, body),
            Parts::Zendesk { ts } => zendesk::message(ts, body),
        }
    }

    /// The signatures the request carries.
    pub(crate) fn signatures(&self) -> &[Signature] {
        self.signatures.as_slice()
    }

    /// The signed time as sent, for the timestamped schemes.
    pub(crate) fn timestamp(&self) -> Option<&'h [u8]> {
        match self.parts {
            Parts::Body => None,
            Parts::StandardWebhooks { ts, .. }
            | Parts::Stripe { ts }
            | Parts::Slack { ts }
            | Parts::Paddle { ts }
            | Parts::Twitch { ts, .. }
            | Parts::Zendesk { ts } => Some(ts),
        }
    }
}

/// The signed time `text`, read as `scheme` reads it: Unix seconds, or an
/// RFC 3339 date and time (Twitch, Zendesk).
pub(crate) fn signed_at(scheme: Scheme, text: &[u8]) -> Result<Timestamp, TimestampError> {
    signed_time(scheme, text)
}

/// The header a scheme carries its signed time in.
pub(crate) fn timestamp_header(wire: &Wire) -> &Header {
    match wire.scheme {
        Scheme::Stripe | Scheme::Paddle => &wire.signature,
        _ => wire.timestamp_header(),
    }
}

/// A request's headers with one header's values replaced by one value.
pub(crate) struct Replaced<'a, H: ?Sized> {
    pub(crate) base: &'a H,
    /// The lowercase name of the replaced header.
    pub(crate) name: &'a str,
    pub(crate) value: &'a [u8],
}

impl<H: Headers + ?Sized> Headers for Replaced<'_, H> {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        let replaced = name == self.name;
        let base = (!replaced).then(|| self.base.values(name));
        replaced
            .then_some(self.value)
            .into_iter()
            .chain(base.into_iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Platform;

    #[test]
    fn a_timestamp_in_milliseconds_still_reads() {
        let hex = "ab".repeat(32);
        let value = format!("t=1700000000000,v1={hex}");
        let headers = [("Stripe-Signature", value.as_str())];
        let frame = Frame::read(Platform::STRIPE.wire(), &headers).unwrap();
        assert_eq!(frame.timestamp(), Some(&b"1700000000000"[..]));
        assert_eq!(frame.signatures(), [Signature::from_bytes([0xab; 32])]);
        assert!(signed_at(Scheme::Stripe, b"1700000000000").is_err());
        assert_eq!(
            frame.message(b"{}").parts(),
            [&b"1700000000000"[..], b".", b"{}"]
        );
    }

    #[test]
    fn replaced_headers_hide_the_original() {
        let headers = [("x-a", "1"), ("x-a", "2"), ("x-b", "3")];
        let replaced = Replaced {
            base: &headers,
            name: "x-a",
            value: b"9",
        };
        assert_eq!(replaced.values("x-a").collect::<Vec<_>>(), [b"9"]);
        assert_eq!(replaced.values("x-b").collect::<Vec<_>>(), [b"3"]);
    }
}
