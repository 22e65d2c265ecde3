//! The receiver's side: checking a request's signature, and its signed
//! timestamp, for the platform a verifier was built for.

use alloc::boxed::Box;
use core::fmt;

#[cfg(feature = "http")]
use http::Request;
use jiff::Timestamp;
use subtle::{Choice, ConstantTimeEq};

use crate::{
    Scheme, Signature, SigningKey, Tolerance,
    header::Headers,
    scheme::{Received, Wire},
};

mod error;

pub use error::VerifyError;

/// Checks webhook signatures for one platform, against one secret or
/// several during a rotation.
///
/// Build one with [`Platform::verifier`](crate::Platform::verifier), which
/// reads the secret in that platform's format (`whsec_` + base64 for
/// Standard Webhooks and Svix, the bytes as they stand for Stripe and the
/// rest), so the verifier knows which headers to read and how.
///
/// Each secret is keyed into HMAC-SHA256 once, when the verifier is built.
/// A check hashes the signed content with each key, decodes the header's
/// signatures and compares them in constant time: never the text, never
/// with an early exit, every key against every signature. A check does not
/// allocate.
///
/// For the timestamped schemes (Standard Webhooks, Stripe, Slack) the
/// verifier also holds the [`Tolerance`] a signed timestamp must fall within,
/// 5 minutes by default. The crate never reads the clock: each check takes
/// `now`.
///
/// # Policy, scheme by scheme
///
/// Where a scheme's specification is silent, the verifier does what the
/// vendor's own library does:
///
/// | scheme | a timestamp too old | too far ahead | entries it cannot read | follows |
/// |---|---|---|---|---|
/// | Standard Webhooks, Svix | refused past the tolerance | refused past the tolerance | other versions skipped | `standardwebhooks` (Python, JavaScript), `svix` |
/// | Stripe | refused past the tolerance | accepted | `v0` and unknown keys skipped | `stripe-python`, `stripe-node` |
/// | Slack | refused past the tolerance | refused past the tolerance | | Slack's documentation, `slack_sdk` |
/// | body-only (`sha256=`, hex, base64) | no timestamp | | either hex form unless [strict](crate::Platform::strict) | each platform's sample code |
///
/// A verifier always holds at least one secret. The only ways to loosen it
/// are in [`dangerous`](crate::dangerous).
///
/// ```
/// use hooksig::{Platform, VerifyError};
///
/// let body = br#"{"event":"scan.completed"}"#;
/// let request = Platform::CORTEX
///     .request("https://example.com/hooks")
///     .event("scan.completed")
///     .delivery_id("d-1")
///     .sign_with(&Platform::CORTEX.signer("new secret")?)
///     .body(body.to_vec())?;
/// let now = jiff::Timestamp::now();
///
/// // During a rotation, accept both the new and the old secret.
/// let verifier = Platform::CORTEX.verifier_with_secrets(["new secret", "old secret"])?;
/// assert_eq!(verifier.verify_request(&request, now), Ok(()));
/// assert_eq!(
///     verifier.verify(request.headers(), b"tampered", now),
///     Err(VerifyError::Mismatch),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    wire: Wire,
    keys: Keys,
    freshness: Freshness,
}

#[derive(Clone)]
enum Keys {
    /// Never empty: the constructors refuse an empty list.
    Secrets(Box<[SigningKey]>),
    AcceptUnsigned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    Within(Tolerance),
    Unchecked,
}

impl Verifier {
    /// A verifier reading `wire` with `keys`, which the caller has checked
    /// is not empty.
    pub(crate) fn new(wire: Wire, keys: Box<[SigningKey]>) -> Self {
        Self {
            wire,
            keys: Keys::Secrets(keys),
            freshness: Freshness::Within(Tolerance::DEFAULT),
        }
    }

    pub(crate) fn accept_unsigned(wire: Wire) -> Self {
        Self {
            wire,
            keys: Keys::AcceptUnsigned,
            freshness: Freshness::Unchecked,
        }
    }

    pub(crate) fn skip_timestamp_check(mut self) -> Self {
        self.freshness = Freshness::Unchecked;
        self
    }

    /// The same verifier, accepting signed timestamps within `tolerance` of
    /// `now`, each way. Defaults to [`Tolerance::DEFAULT`], 300 seconds.
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.freshness = Freshness::Within(tolerance);
        self
    }

    /// The tolerance for signed timestamps; `None` once
    /// [`dangerous::skip_timestamp_check`](crate::dangerous::skip_timestamp_check)
    /// turned the check off.
    pub fn tolerance(&self) -> Option<Tolerance> {
        match self.freshness {
            Freshness::Within(tolerance) => Some(tolerance),
            Freshness::Unchecked => None,
        }
    }

    /// How many secrets this verifier holds; 0 for the dangerous verifier
    /// that accepts unsigned requests.
    pub fn key_count(&self) -> usize {
        match &self.keys {
            Keys::Secrets(keys) => keys.len(),
            Keys::AcceptUnsigned => 0,
        }
    }

    /// The scheme the verifier reads requests in.
    pub fn scheme(&self) -> Scheme {
        self.wire.scheme
    }

    /// Checks a request's headers and raw body bytes the way the platform
    /// signs: it reads the platform's signature header (and id and
    /// timestamp headers), and judges a signed timestamp against `now` with
    /// the verifier's [tolerance](Verifier::with_tolerance). Body-only
    /// schemes ignore `now`.
    ///
    /// `headers` is an [`http::HeaderMap`], or `(name, value)` pairs from
    /// another HTTP stack (see [`Headers`](crate::Headers)). Verify the raw
    /// body before any JSON parsing: a re-serialized body is other bytes.
    ///
    /// ```
    /// use hooksig::Platform;
    /// use jiff::Timestamp;
    ///
    /// let verifier = Platform::STANDARD_WEBHOOKS.verifier("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let headers = [
    ///     ("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"),
    ///     ("webhook-timestamp", "1614265330"),
    ///     ("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="),
    /// ];
    /// let now = Timestamp::from_second(1_614_265_330)?;
    /// verifier.verify(&headers, br#"{"test": 2432232314}"#, now)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`VerifyError::Header`] for a needed header that is missing or
    /// repeated, [`VerifyError::Malformed`] naming the header and saying
    /// what is wrong with its value, [`VerifyError::Timestamp`] and
    /// [`VerifyError::Id`] for a timestamp or Standard Webhooks id that
    /// cannot be signed content, [`VerifyError::Stale`] for a timestamp
    /// outside the tolerance (too old and in the future are separate), and
    /// [`VerifyError::Mismatch`].
    pub fn verify<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        let keys = match &self.keys {
            Keys::Secrets(keys) => keys,
            Keys::AcceptUnsigned => return Ok(()),
        };
        self.wire.read(headers, body, |received| {
            let Received {
                message,
                signed_at,
                signatures,
            } = received;
            if let (Some(at), Freshness::Within(tolerance)) = (signed_at, self.freshness) {
                if self.wire.scheme.refuses_future_timestamps() {
                    tolerance.check(at, now)?;
                } else {
                    tolerance.check_age(at, now)?;
                }
            }
            if matches_any(keys, message.parts(), signatures) {
                Ok(())
            } else {
                Err(VerifyError::Mismatch)
            }
        })?
    }

    /// Checks `value`, the platform's signature header as received, against
    /// the raw `body`: for a caller that holds the one header value rather
    /// than a request's headers. It is [`Verifier::verify`] on a request
    /// whose only header is the signature header, so for the schemes that
    /// carry more than a signature in it it fails closed: Standard Webhooks
    /// and Slack report their id or timestamp header missing, while Stripe,
    /// whose header holds its timestamp, is checked in full against `now`.
    ///
    /// ```
    /// use hooksig::Platform;
    ///
    /// let verifier = Platform::GITHUB.verifier("It's a Secret to Everybody")?;
    /// let value = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    /// verifier.verify_value(value, b"Hello, World!", jiff::Timestamp::UNIX_EPOCH)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    pub fn verify_value(
        &self,
        value: impl AsRef<[u8]>,
        body: &[u8],
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        let only = SignatureOnly {
            name: self.wire.signature.name(),
            value: value.as_ref(),
        };
        self.verify(&only, body, now)
    }

    /// [`Verifier::verify`] on an `http::Request` whose body is the raw
    /// bytes received.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn verify_request<B: AsRef<[u8]>>(
        &self,
        request: &Request<B>,
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        self.verify(request.headers(), request.body().as_ref(), now)
    }
}

/// A request whose only header is the signature header.
struct SignatureOnly<'a> {
    /// The signature header's lowercase name.
    name: &'a str,
    value: &'a [u8],
}

impl Headers for SignatureOnly<'_> {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        (name == self.name).then_some(self.value).into_iter()
    }
}

/// Whether any key's MAC of the concatenated `parts` equals any of the
/// `candidates`. Every key is hashed once and compared with every
/// candidate in constant time, whatever matched first, so the time taken
/// does not tell which secret or which signature matched.
fn matches_any(keys: &[SigningKey], parts: &[&[u8]], candidates: &[Signature]) -> bool {
    let mut matched = Choice::from(0);
    for key in keys {
        let expected = key.sign_parts(parts);
        for candidate in candidates {
            matched |= expected.ct_eq(candidate);
        }
    }
    bool::from(matched)
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.keys {
            Keys::Secrets(keys) => f
                .debug_struct("Verifier")
                .field("platform", &self.wire.name)
                .field("secrets", &format_args!("[REDACTED; {}]", keys.len()))
                .field("tolerance", &self.tolerance())
                .finish(),
            Keys::AcceptUnsigned => write!(
                f,
                "Verifier({}, DANGEROUS: accepts unsigned requests)",
                self.wire.name
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(secret: &str) -> SigningKey {
        SigningKey::new(secret).unwrap()
    }

    #[test]
    fn any_key_against_any_candidate() {
        let keys = [key("a"), key("b")];
        let good = key("b").sign(b"m");
        let bad = Signature::from_bytes([0; 32]);
        assert!(matches_any(&keys, &[b"m"], &[bad, good]));
        assert!(!matches_any(&keys, &[b"m"], &[bad]));
        assert!(!matches_any(&keys, &[b"m"], &[]));
        assert!(!matches_any(&keys, &[b"other"], &[good]));
    }
}
