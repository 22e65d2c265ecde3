//! How platforms sign: each platform's [`Scheme`], the [`Encoding`] of a MAC
//! as text, and reading and writing the headers of each scheme.

use core::fmt;

use crate::Signature;

pub(crate) mod base64;
mod encoding;
pub(crate) mod signature_header;
pub(crate) mod slack;
pub(crate) mod standard_webhooks;
pub(crate) mod stripe;
pub(crate) mod timestamp;

pub use encoding::Encoding;
pub use signature_header::{AlgorithmName, SignatureError, SignatureHeader};
pub use standard_webhooks::IdError;
pub use timestamp::TimestampError;

/// How a platform signs a request: what it feeds HMAC-SHA256 and how it
/// writes the result.
///
/// The first three sign the raw body alone and write one MAC in one header.
/// The others also sign a timestamp, which a receiver checks against its
/// `now` ([`Verifier::verify_headers_at`](crate::Verifier::verify_headers_at)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// The body's MAC as 64 hex digits: Emuluxe, Capawesome.
    Hex,
    /// The body's MAC as `sha256=` and 64 hex digits: PulseLABS, SPLEXA,
    /// Cortex, GitHub.
    Sha256Hex,
    /// The body's MAC in base64: Shopify (`X-Shopify-Hmac-Sha256`).
    Base64,
    /// [Standard Webhooks](https://www.standardwebhooks.com/) (and Svix):
    /// `id.timestamp.body` signed, `v1,<base64>` signatures separated by
    /// spaces in one header, id and timestamp in their own headers, and a
    /// secret written `whsec_<base64>`
    /// ([`SigningKey::from_standard_webhooks_secret`](crate::SigningKey::from_standard_webhooks_secret)).
    StandardWebhooks,
    /// Stripe: `timestamp.body` signed, header
    /// `Stripe-Signature: t=<timestamp>,v1=<hex>[,v1=<hex>...]`; the
    /// `whsec_...` secret is used as it stands.
    Stripe,
    /// Slack: `v0:timestamp:body` signed, header `X-Slack-Signature: v0=<hex>`,
    /// timestamp in `X-Slack-Request-Timestamp`.
    Slack,
}

impl Scheme {
    /// Whether the scheme signs a timestamp, which a receiver must check
    /// against the current time.
    pub const fn is_timestamped(self) -> bool {
        matches!(self, Self::StandardWebhooks | Self::Stripe | Self::Slack)
    }

    /// How a body-only scheme writes its one MAC; `None` for the timestamped
    /// schemes, whose headers hold more than a MAC.
    pub const fn encoding(self) -> Option<Encoding> {
        match self {
            Self::Hex => Some(Encoding::Hex),
            Self::Sha256Hex => Some(Encoding::Sha256Hex),
            Self::Base64 => Some(Encoding::Base64),
            Self::StandardWebhooks | Self::Stripe | Self::Slack => None,
        }
    }
}

impl From<Encoding> for Scheme {
    fn from(encoding: Encoding) -> Self {
        match encoding {
            Encoding::Hex => Self::Hex,
            Encoding::Sha256Hex => Self::Sha256Hex,
            Encoding::Base64 => Self::Base64,
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.encoding() {
            Some(encoding) => fmt::Display::fmt(&encoding, f),
            None => f.write_str(match self {
                Self::StandardWebhooks => "Standard Webhooks",
                Self::Stripe => "Stripe",
                _ => "Slack",
            }),
        }
    }
}

/// A signature header value from its parts, marked sensitive so that `http`
/// stacks keep it out of logs and compression tables. The parts are ASCII
/// the crate wrote itself, so the value is always valid.
pub(crate) fn sensitive_value(parts: &[&[u8]]) -> http::HeaderValue {
    let bytes: Vec<u8> = parts.concat();
    let mut value = http::HeaderValue::from_bytes(&bytes)
        .unwrap_or_else(|_| http::HeaderValue::from_static(""));
    value.set_sensitive(true);
    value
}

/// The signatures a header lists, decoded once, on the stack: a sender lists
/// one per secret it signs with, so a handful covers every rotation, and
/// a bound keeps a hostile header from costing a hash per entry per key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidates {
    // `None` past the end: only the tags need writing up front, not 256
    // bytes of zeros.
    list: [Option<Signature>; Candidates::MAX],
    len: usize,
}

impl Candidates {
    /// The most signatures one header may list.
    pub(crate) const MAX: usize = 8;

    pub(crate) const fn new() -> Self {
        Self {
            list: [None; Self::MAX],
            len: 0,
        }
    }

    /// Adds a signature.
    ///
    /// # Errors
    ///
    /// [`SignatureError::TooManySignatures`] past [`Candidates::MAX`].
    pub(crate) fn push(&mut self, signature: Signature) -> Result<(), SignatureError> {
        let slot = self
            .list
            .get_mut(self.len)
            .ok_or(SignatureError::TooManySignatures { max: Self::MAX })?;
        *slot = Some(signature);
        self.len += 1;
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Signature> + Clone + '_ {
        self.list.iter().map_while(|slot| *slot)
    }
}

/// The items of a header value that lists several, split at `separator`,
/// each with blanks trimmed and paired with its offset in the value; empty
/// items are skipped.
pub(crate) fn items(value: &[u8], separator: u8) -> impl Iterator<Item = (usize, &[u8])> + Clone {
    let mut start = 0;
    // `memchr` rather than a byte loop: it looks for the separator a vector
    // at a time, and reads a Stripe header in half the time (BENCHMARKS.md).
    core::iter::from_fn(move || {
        loop {
            let rest = value.get(start..)?;
            let len = memchr::memchr(separator, rest).unwrap_or(rest.len());
            let offset = start;
            start += len + 1;
            let (item, lead) = signature_header::trim_blanks(rest.get(..len).unwrap_or_default());
            if !item.is_empty() {
                return Some((offset + lead, item));
            }
        }
    })
}

/// `key` and `value` of a `key<delimiter>value` item, with the value's
/// offset in the item; `None` without the delimiter.
pub(crate) fn split_pair(item: &[u8], delimiter: u8) -> Option<(&[u8], &[u8], usize)> {
    let at = memchr::memchr(delimiter, item)?;
    let (key, rest) = item.split_at(at);
    Some((key, rest.get(1..).unwrap_or_default(), at + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_their_offsets() {
        let value = b" t=1, v1=ab ,,v0=cd";
        let items: Vec<_> = items(value, b',').collect();
        assert_eq!(items, [(1, &b"t=1"[..]), (6, b"v1=ab"), (14, b"v0=cd")]);
        assert_eq!(
            split_pair(b"v1=ab=", b'='),
            Some((&b"v1"[..], &b"ab="[..], 3))
        );
        assert_eq!(split_pair(b"v1", b'='), None);
    }

    #[test]
    fn encodings_and_schemes_correspond() {
        for encoding in [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64] {
            let scheme = Scheme::from(encoding);
            assert_eq!(scheme.encoding(), Some(encoding));
            assert!(!scheme.is_timestamped());
        }
        for scheme in [Scheme::StandardWebhooks, Scheme::Stripe, Scheme::Slack] {
            assert_eq!(scheme.encoding(), None);
            assert!(scheme.is_timestamped());
        }
        assert_eq!(Scheme::Stripe.to_string(), "Stripe");
        assert_eq!(Scheme::Sha256Hex.to_string(), "sha256=<hex>");
    }
}
