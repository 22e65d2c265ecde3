//! How platforms sign: each [`Scheme`], what it signs, and reading and
//! writing its header values. Parsing and formatting only: no key, no
//! clock, no policy; [`Verifier`](crate::Verifier) and the request builder
//! sit above and bring those.

use alloc::borrow::Cow;
use core::fmt;

use jiff::Timestamp;

use crate::{
    Ed25519Signature, Encoding, Header, HeaderError, Signature, SignatureError, Tolerance,
    codec::trim_blanks,
    header::{Headers, find_each},
};

mod candidates;
pub(crate) mod discord;
mod ed25519;
pub(crate) mod paddle;
pub(crate) mod slack;
pub(crate) mod standard_webhooks;
pub(crate) mod stripe;
pub(crate) mod timestamp;
pub(crate) mod twitch;
pub(crate) mod zendesk;

pub(crate) use candidates::{Candidates, Listing, Overflow};
pub(crate) use ed25519::Ed25519Candidates;
pub use standard_webhooks::IdError;
pub use timestamp::TimestampError;

/// How a platform signs a request: what it feeds HMAC-SHA256 or Ed25519,
/// and how it writes the result.
///
/// [`Scheme::Body`] signs the raw body alone and writes one MAC in one
/// header, in an [`Encoding`]. The others also sign a timestamp, which a
/// receiver checks against its `now` (Discord's only when asked).
///
/// ```
/// use hooksig::{Encoding, Scheme};
///
/// assert!(!Scheme::Body(Encoding::Sha256Hex).is_timestamped());
/// assert!(Scheme::Stripe.is_timestamped());
/// assert_eq!(Scheme::Body(Encoding::Hex).to_string(), "<hex>");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// The body's MAC in one header, in an [`Encoding`]: bare hex (Emuluxe,
    /// Capawesome), `sha256=<hex>` (PulseLABS, SPLEXA, Cortex, GitHub) or
    /// base64 (Shopify).
    Body(Encoding),
    /// [Standard Webhooks](https://www.standardwebhooks.com/) (and Svix):
    /// `id.timestamp.body` signed, signatures separated by spaces in one
    /// header, id and timestamp in their own headers. `v1,<base64>` is an
    /// HMAC-SHA256 under a secret written `whsec_<base64>`; `v1a,<base64>`
    /// an Ed25519 signature under a `whsk_` signing key, which receivers
    /// check with its `whpk_` public key.
    StandardWebhooks,
    /// Stripe: `timestamp.body` signed, header
    /// `Stripe-Signature: t=<timestamp>,v1=<hex>[,v1=<hex>...]`; the
    /// `whsec_...` secret is used as it stands.
    Stripe,
    /// Slack: `v0:timestamp:body` signed, header `X-Slack-Signature: v0=<hex>`,
    /// timestamp in `X-Slack-Request-Timestamp`.
    Slack,
    /// Discord: the timestamp then the body signed with Ed25519, no
    /// separator; 128 hex digits in `X-Signature-Ed25519`, the timestamp in
    /// `X-Signature-Timestamp`. Receivers hold the application's public
    /// key. Discord's documentation sets no limit on the timestamp's age and
    /// its own libraries check none, so a verifier of this scheme checks
    /// none either until given a tolerance
    /// ([`Verifier::with_tolerance`](crate::Verifier::with_tolerance)).
    Discord,
    /// Paddle Billing: `ts:body` signed, header
    /// `Paddle-Signature: ts=<timestamp>;h1=<hex>[;h1=<hex>...]` (an `h1`
    /// per secret while one rotates). Its SDKs allow the timestamp 5 seconds.
    Paddle,
    /// Twitch EventSub: the message id, the timestamp and the body signed
    /// with no separator, header `sha256=<hex>`; the id and the timestamp
    /// (RFC 3339, to the nanosecond) in their own headers. Twitch's
    /// documentation refuses messages older than 10 minutes.
    Twitch,
    /// Zendesk: the timestamp then the body signed with no separator, the
    /// MAC in base64; the timestamp (ISO 8601, `2021-07-25T10:00:00Z`) in
    /// its own header.
    Zendesk,
}

impl Scheme {
    /// Whether the scheme signs a timestamp, which a receiver checks
    /// against the current time.
    pub const fn is_timestamped(self) -> bool {
        !matches!(self, Self::Body(_))
    }

    /// Whether a signed timestamp too far *ahead* of `now` is refused, as
    /// well as one too far behind. Each scheme does what its vendor's own
    /// libraries do: Stripe's refuse only old timestamps, so a receiver
    /// whose clock runs slow still takes genuine events; Standard Webhooks'
    /// and Slack's (Slack's documentation: "more than five minutes from
    /// local time") refuse both. Discord's check no time at all; a
    /// tolerance given to a Discord verifier is applied both ways.
    ///
    /// Paddle's Python SDK refuses both (its Node SDK only old ones);
    /// Twitch's documentation asks only that a message be no older than 10
    /// minutes, so a Twitch verifier takes a time ahead of `now`; Zendesk
    /// documents no rule, and a Zendesk verifier refuses both.
    pub const fn refuses_future_timestamps(self) -> bool {
        matches!(
            self,
            Self::StandardWebhooks | Self::Slack | Self::Discord | Self::Paddle | Self::Zendesk
        )
    }

    /// Whether a verifier of this scheme checks the signed timestamp
    /// against `now` unless told otherwise: as each platform's own
    /// libraries do (Stripe's, Slack's and Standard Webhooks' check 5
    /// minutes; Discord's none).
    pub(crate) const fn checks_time_by_default(self) -> bool {
        !matches!(self, Self::Body(_) | Self::Discord)
    }

    /// The tolerance a verifier of this scheme starts with, for the schemes
    /// that check time by default: what the vendor's own code uses.
    /// Paddle's SDKs (`paddle-python-sdk`'s `Verifier(maximum_variance=5)`,
    /// `@paddle/paddle-node-sdk`'s `MAX_VALID_TIME_DIFFERENCE = 5`) allow 5
    /// seconds; Twitch's documentation 10 minutes; the rest 5 minutes.
    pub(crate) const fn default_tolerance(self) -> Tolerance {
        match self {
            // Both well within `Tolerance::MAX`.
            Self::Paddle => Tolerance::unbounded(core::time::Duration::from_secs(5)),
            Self::Twitch => Tolerance::unbounded(core::time::Duration::from_secs(10 * 60)),
            _ => Tolerance::DEFAULT,
        }
    }

    /// Whether the signed timestamp is an RFC 3339 date and time rather
    /// than Unix seconds.
    pub(crate) const fn signs_rfc3339(self) -> bool {
        matches!(self, Self::Twitch | Self::Zendesk)
    }
}

/// The time a scheme's signed timestamp `text` says: Unix seconds, or an
/// RFC 3339 date and time for Twitch and Zendesk.
#[cfg_attr(not(feature = "diagnose"), allow(dead_code))]
pub(crate) fn signed_time(scheme: Scheme, text: &[u8]) -> Result<Timestamp, TimestampError> {
    if scheme.signs_rfc3339() {
        timestamp::parse_rfc3339(text)
    } else {
        timestamp::parse_seconds(text)
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Body(encoding) => fmt::Display::fmt(encoding, f),
            Self::StandardWebhooks => f.write_str("Standard Webhooks"),
            Self::Stripe => f.write_str("Stripe"),
            Self::Slack => f.write_str("Slack"),
            Self::Discord => f.write_str("Discord"),
            Self::Paddle => f.write_str("Paddle"),
            Self::Twitch => f.write_str("Twitch"),
            Self::Zendesk => f.write_str("Zendesk"),
        }
    }
}

/// A scheme as it appears on the wire for one platform: the headers it is
/// read from and written to. A [`Platform`](crate::Platform) holds one; a
/// [`Verifier`](crate::Verifier) keeps a copy, so that it needs nothing
/// from the layer above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wire {
    /// The platform's name, for `Debug` and errors.
    pub(crate) name: Cow<'static, str>,
    pub(crate) scheme: Scheme,
    /// The header carrying the signature.
    pub(crate) signature: Header,
    /// The delivery-id header; Standard Webhooks and Twitch sign it as the
    /// message id.
    pub(crate) delivery: Option<Header>,
    /// The header carrying the signed timestamp (Standard Webhooks, Slack,
    /// Discord, Twitch, Zendesk).
    pub(crate) timestamp: Option<Header>,
    /// A body-only hex scheme accepts only its own hex form.
    pub(crate) strict: bool,
}

// Statics for borrowing: a `const` of a type that owns memory would be
// built and dropped on every use.
static DEFAULT_ID: Header = standard_webhooks::ID;
static DEFAULT_SW_TIMESTAMP: Header = standard_webhooks::TIMESTAMP;
static DEFAULT_SLACK_TIMESTAMP: Header = slack::TIMESTAMP;
static DEFAULT_DISCORD_TIMESTAMP: Header = discord::TIMESTAMP;
static DEFAULT_TWITCH_ID: Header = twitch::ID;
static DEFAULT_TWITCH_TIMESTAMP: Header = twitch::TIMESTAMP;
static DEFAULT_ZENDESK_TIMESTAMP: Header = zendesk::TIMESTAMP;

impl Wire {
    /// The message-id header of Standard Webhooks and Twitch: the
    /// platform's delivery header, which `Platform::custom` always sets for
    /// these schemes.
    pub(crate) fn id_header(&self) -> &Header {
        match (&self.delivery, self.scheme) {
            (Some(header), _) => header,
            (None, Scheme::Twitch) => &DEFAULT_TWITCH_ID,
            (None, _) => &DEFAULT_ID,
        }
    }

    /// The signed-timestamp header of Standard Webhooks, Slack, Discord,
    /// Twitch and Zendesk.
    pub(crate) fn timestamp_header(&self) -> &Header {
        match (&self.timestamp, self.scheme) {
            (Some(header), _) => header,
            (None, Scheme::Slack) => &DEFAULT_SLACK_TIMESTAMP,
            (None, Scheme::Discord) => &DEFAULT_DISCORD_TIMESTAMP,
            (None, Scheme::Twitch) => &DEFAULT_TWITCH_TIMESTAMP,
            (None, Scheme::Zendesk) => &DEFAULT_ZENDESK_TIMESTAMP,
            (None, _) => &DEFAULT_SW_TIMESTAMP,
        }
    }

    /// The one signature of a body-only scheme's header: hex platforms take
    /// either hex form unless strict; base64, bare or after `sha256=`, is
    /// held to its one form.
    ///
    /// # Errors
    ///
    /// A [`ReadError`] naming the header that is missing, repeated or
    /// malformed.
    #[inline]
    pub(crate) fn body_signature<H: Headers + ?Sized>(
        &self,
        headers: &H,
        encoding: Encoding,
    ) -> Result<Signature, ReadError> {
        let value = self.signature.one(headers)?;
        let parsed = if self.strict || !encoding.is_hex() {
            crate::SignatureValue::parse_as(value, encoding)
        } else {
            crate::SignatureValue::parse(value)
        };
        Ok(parsed
            .map_err(ReadError::malformed(&self.signature))?
            .signature())
    }

    /// Reads what a request says was signed (the signed content, the
    /// signed time if the scheme has one, and the signatures to compare)
    /// and hands it to `check`. Handing it on, rather than returning it,
    /// keeps the signatures where they were decoded: a body-only check
    /// copies nothing.
    ///
    /// # Errors
    ///
    /// A [`ReadError`] naming the header that is missing, repeated or
    /// malformed; `check` is then not called.
    #[inline]
    pub(crate) fn read<H: Headers + ?Sized, R>(
        &self,
        headers: &H,
        body: &[u8],
        check: impl FnOnce(Received<'_>) -> R,
    ) -> Result<R, ReadError> {
        match self.scheme {
            Scheme::Body(encoding) => {
                let signature = self.body_signature(headers, encoding)?;
                Ok(check(Received {
                    message: Message::new([body]),
                    signatures: core::slice::from_ref(&signature),
                    ..Received::NONE
                }))
            }
            Scheme::StandardWebhooks => {
                let (id_header, ts_header) = (self.id_header(), self.timestamp_header());
                let [id, ts, value] = find_each(headers, [id_header, ts_header, &self.signature]);
                let id = id.one(id_header)?;
                standard_webhooks::check_id(id).map_err(|source| ReadError::Id {
                    header: id_header.clone(),
                    source,
                })?;
                let (ts, signed_at) = timestamp::read(ts.one(ts_header)?, ts_header)?;
                let value = value.one(&self.signature)?;
                let mut candidates = Candidates::new();
                let mut ed25519 = Ed25519Candidates::new();
                standard_webhooks::signatures(value, &mut candidates, &mut ed25519);
                Ok(check(Received {
                    message: standard_webhooks::message(id, ts, body),
                    signed_at: Some(signed_at),
                    signatures: candidates.as_slice(),
                    overflow: Overflow::of(value, Listing::STANDARD_WEBHOOKS, &candidates),
                    passed_over: candidates.passed_over(),
                    ed25519: ed25519.as_slice(),
                    ed25519_passed_over: ed25519.passed_over(),
                }))
            }
            Scheme::Stripe => {
                let value = self.signature.one(headers)?;
                let (ts, candidates) =
                    stripe::parse(value).map_err(ReadError::malformed(&self.signature))?;
                let (ts, signed_at) = timestamp::read(ts, &self.signature)?;
                Ok(check(Received {
                    message: stripe::message(ts, body),
                    signed_at: Some(signed_at),
                    signatures: candidates.as_slice(),
                    overflow: Overflow::of(value, Listing::STRIPE, &candidates),
                    ..Received::NONE
                }))
            }
            Scheme::Slack => {
                let ts_header = self.timestamp_header();
                let [ts, value] = find_each(headers, [ts_header, &self.signature]);
                let (ts, signed_at) = timestamp::read(ts.one(ts_header)?, ts_header)?;
                let signature = slack::parse(value.one(&self.signature)?)
                    .map_err(ReadError::malformed(&self.signature))?;
                Ok(check(Received {
                    message: slack::message(ts, body),
                    signed_at: Some(signed_at),
                    signatures: core::slice::from_ref(&signature),
                    ..Received::NONE
                }))
            }
            Scheme::Paddle => {
                let value = self.signature.one(headers)?;
                let (ts, candidates) =
                    paddle::parse(value).map_err(ReadError::malformed(&self.signature))?;
                let (ts, signed_at) = timestamp::read(ts, &self.signature)?;
                Ok(check(Received {
                    message: paddle::message(ts, body),
                    signed_at: Some(signed_at),
                    signatures: candidates.as_slice(),
                    overflow: Overflow::of(value, Listing::PADDLE, &candidates),
                    ..Received::NONE
                }))
            }
            Scheme::Twitch => {
                let (id_header, ts_header) = (self.id_header(), self.timestamp_header());
                let [id, ts, value] = find_each(headers, [id_header, ts_header, &self.signature]);
                let id = id.one(id_header)?;
                let (ts, signed_at) = timestamp::read_rfc3339(ts.one(ts_header)?, ts_header)?;
                let signature = twitch::parse(value.one(&self.signature)?)
                    .map_err(ReadError::malformed(&self.signature))?;
                Ok(check(Received {
                    message: twitch::message(id, ts, body),
                    signed_at: Some(signed_at),
                    signatures: core::slice::from_ref(&signature),
                    ..Received::NONE
                }))
            }
            Scheme::Zendesk => {
                let ts_header = self.timestamp_header();
                let [ts, value] = find_each(headers, [ts_header, &self.signature]);
                let (ts, signed_at) = timestamp::read_rfc3339(ts.one(ts_header)?, ts_header)?;
                let signature = zendesk::parse(value.one(&self.signature)?)
                    .map_err(ReadError::malformed(&self.signature))?;
                Ok(check(Received {
                    message: zendesk::message(ts, body),
                    signed_at: Some(signed_at),
                    signatures: core::slice::from_ref(&signature),
                    ..Received::NONE
                }))
            }
            // No verifier of Discord's scheme holds a key without the
            // feature (its keys are Ed25519), so this is never reached; it
            // says what this build lacks.
            #[cfg(not(feature = "ed25519"))]
            Scheme::Discord => Err(ReadError::malformed_value(
                &self.signature,
                SignatureError::UnsupportedAlgorithm {
                    algorithm: crate::AlgorithmName::new(b"ed25519"),
                    supported: "HMAC-SHA256 (this build leaves out the `ed25519` feature)",
                },
            )),
            #[cfg(feature = "ed25519")]
            Scheme::Discord => {
                let ts_header = self.timestamp_header();
                let [ts, value] = find_each(headers, [ts_header, &self.signature]);
                let (ts, signed_at) = timestamp::read(ts.one(ts_header)?, ts_header)?;
                let signature = discord::parse(value.one(&self.signature)?)
                    .map_err(ReadError::malformed(&self.signature))?;
                Ok(check(Received {
                    message: discord::message(ts, body),
                    signed_at: Some(signed_at),
                    ed25519: core::slice::from_ref(&signature),
                    ..Received::NONE
                }))
            }
        }
    }
}

/// What a request says was signed, read from its headers and body.
#[derive(Debug)]
pub(crate) struct Received<'a> {
    /// The signed content, as the parts a key hashes in turn.
    pub(crate) message: Message<'a>,
    /// When the sender says it signed, for the timestamped schemes.
    pub(crate) signed_at: Option<Timestamp>,
    /// The HMAC signatures the request carries, each decoded once.
    pub(crate) signatures: &'a [Signature],
    /// The HMAC signatures past those, for a header that lists more than
    /// the stack holds.
    pub(crate) overflow: Option<Overflow<'a>>,
    /// Why the first HMAC entry that is not among them was passed over.
    pub(crate) passed_over: Option<SignatureError>,
    /// The Ed25519 signatures it carries (Standard Webhooks' `v1a`,
    /// Discord's), each decoded once.
    pub(crate) ed25519: &'a [Ed25519Signature],
    /// Why the first Ed25519 entry that is not among them was passed over.
    pub(crate) ed25519_passed_over: Option<SignatureError>,
}

impl Received<'_> {
    /// Nothing received, for the fields a scheme does not fill.
    pub(crate) const NONE: Received<'static> = Received {
        message: Message {
            parts: [&[]; MAX_PARTS],
            len: 0,
        },
        signed_at: None,
        signatures: &[],
        overflow: None,
        passed_over: None,
        ed25519: &[],
        ed25519_passed_over: None,
    };
}

/// The content a scheme signs, as up to five parts hashed in turn
/// (`id`, `.`, `timestamp`, `.`, body), never concatenated: signing and
/// verifying never copy the body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Message<'a> {
    parts: [&'a [u8]; MAX_PARTS],
    len: usize,
}

/// The most parts a scheme signs.
const MAX_PARTS: usize = 5;

impl<'a> Message<'a> {
    pub(crate) fn new<const N: usize>(parts: [&'a [u8]; N]) -> Self {
        let mut all: [&[u8]; MAX_PARTS] = [&[]; MAX_PARTS];
        for (slot, part) in all.iter_mut().zip(parts) {
            *slot = part;
        }
        Self {
            parts: all,
            len: N.min(MAX_PARTS),
        }
    }

    /// The parts, in order.
    pub(crate) fn parts(&self) -> &[&'a [u8]] {
        self.parts.get(..self.len).unwrap_or_default()
    }
}

/// Why a request's headers cannot be read in its scheme. The verifier
/// reports each as a [`VerifyError`](crate::VerifyError).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ReadError {
    Header(HeaderError),
    Malformed {
        header: Header,
        source: SignatureError,
    },
    Timestamp {
        header: Header,
        source: TimestampError,
    },
    Id {
        header: Header,
        source: IdError,
    },
}

impl ReadError {
    /// The error for a malformed value of `header`, for `map_err`.
    fn malformed(header: &Header) -> impl FnOnce(SignatureError) -> Self + '_ {
        move |source| Self::malformed_value(header, source)
    }

    // Out of line: only a malformed request clones the header name.
    #[cold]
    #[inline(never)]
    fn malformed_value(header: &Header, source: SignatureError) -> Self {
        Self::Malformed {
            header: header.clone(),
            source,
        }
    }
}

impl From<HeaderError> for ReadError {
    fn from(error: HeaderError) -> Self {
        Self::Header(error)
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
            let (item, lead) = trim_blanks(rest.get(..len).unwrap_or_default());
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
    fn only_body_schemes_are_untimed() {
        for encoding in [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64] {
            assert!(!Scheme::Body(encoding).is_timestamped());
            assert_eq!(Scheme::Body(encoding).to_string(), encoding.to_string());
        }
        for scheme in [
            Scheme::StandardWebhooks,
            Scheme::Stripe,
            Scheme::Slack,
            Scheme::Discord,
            Scheme::Paddle,
            Scheme::Twitch,
            Scheme::Zendesk,
        ] {
            assert!(scheme.is_timestamped());
        }
        // Each vendor's own window: Paddle's SDKs 5 seconds, Twitch's
        // documentation 10 minutes, which only looks back.
        assert_eq!(Scheme::Paddle.default_tolerance().duration().as_secs(), 5);
        assert_eq!(Scheme::Twitch.default_tolerance().duration().as_secs(), 600);
        assert_eq!(Scheme::Zendesk.default_tolerance(), Tolerance::DEFAULT);
        assert!(!Scheme::Twitch.refuses_future_timestamps());
        assert!(Scheme::Paddle.refuses_future_timestamps());
        assert!(Scheme::Zendesk.checks_time_by_default());
        assert_eq!(
            signed_time(Scheme::Zendesk, b"2021-07-25T10:00:00Z"),
            Ok(Timestamp::from_second(1_627_207_200).unwrap())
        );
        assert_eq!(
            signed_time(Scheme::Stripe, b"1627207200"),
            Ok(Timestamp::from_second(1_627_207_200).unwrap())
        );
        // Discord's own libraries never judge the timestamp.
        assert!(!Scheme::Discord.checks_time_by_default());
        assert!(Scheme::Stripe.checks_time_by_default());
        assert_eq!(Scheme::Stripe.to_string(), "Stripe");
    }

    #[test]
    fn messages_keep_their_parts() {
        let message = Message::new([&b"a"[..], b".", b"body"]);
        assert_eq!(message.parts(), [&b"a"[..], b".", b"body"]);
        assert_eq!(Message::new([&b"x"[..]]).parts().len(), 1);
    }
}
