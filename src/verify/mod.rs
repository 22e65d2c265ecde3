//! The receiver's side: checking a request's signature, and its signed
//! timestamp, for the platform a verifier was built for.

use core::fmt;

#[cfg(feature = "http")]
use http::Request;
use jiff::Timestamp;

use crate::{
    Scheme, SignatureError, Tolerance,
    header::Headers,
    scheme::{Received, Wire},
};

mod content;
mod error;
mod keys;

pub use content::{BodyFieldError, FormError, UrlError};
pub use error::VerifyError;
pub(crate) use keys::{Keys, uses};

/// Checks webhook signatures for one platform, against one key or several
/// during a rotation: HMAC secrets, Ed25519 public keys, or both side by
/// side.
///
/// Build one with [`Platform::verifier`](crate::Platform::verifier), which
/// reads the key in that platform's format (`whsec_` + base64 secrets and
/// `whpk_` public keys for Standard Webhooks and Svix, hex public keys for
/// Discord, the bytes as they stand for Stripe and the rest), so the
/// verifier knows which headers to read and how.
///
/// Each secret is keyed into HMAC-SHA256 once, when the verifier is built.
/// A check hashes the signed content with each secret, decodes the header's
/// signatures and compares them in constant time: never the text, never
/// with an early exit, every secret against every HMAC signature. Each
/// public key checks every Ed25519 signature (Standard Webhooks' `v1a`,
/// Discord's) by strict verification, each pair checked whatever matched
/// first. A request passes when any signature matches any key of its kind.
/// A check does not allocate.
///
/// For the timestamped schemes (Standard Webhooks, Stripe, Slack, Paddle,
/// Twitch, Zendesk) the verifier also holds the [`Tolerance`] a signed
/// timestamp must fall within: 5 minutes by default, except where the
/// vendor's own code says otherwise (Paddle's SDKs 5 seconds, Twitch's
/// documentation 10 minutes); Discord's, whose own libraries check no time,
/// only when given one. The crate never reads the clock: each check takes
/// `now`.
///
/// # Policy, scheme by scheme
///
/// Where a scheme's specification is silent, the verifier does what the
/// vendor's own library does:
///
/// | scheme | a timestamp too old | too far ahead | entries it cannot read | follows |
/// |---|---|---|---|---|
/// | Standard Webhooks, Svix | refused past the tolerance | refused past the tolerance | other versions, and entries that are no signature, skipped; `v1` and `v1a` each checked by the keys of their kind | `standardwebhooks` (Python, JavaScript), `svix` |
/// | Stripe | refused past the tolerance | accepted | `v0`, unknown keys and `v1` values that are no MAC skipped | `stripe-python`, `stripe-node` |
/// | Slack | refused past the tolerance | refused past the tolerance | | Slack's documentation, `slack_sdk` |
/// | Discord | not checked, until [given a tolerance](Verifier::with_tolerance) | the same | | `discord-interactions` (JavaScript, Python) |
/// | Paddle | refused past 5 seconds | refused past 5 seconds | other keys, and `h1` values that are no MAC, skipped | `paddle-python-sdk` (`Verifier`; `@paddle/paddle-node-sdk` also allows 5 seconds, and takes any time ahead) |
/// | Twitch | refused past 10 minutes | accepted | | Twitch's documentation ("older than 10 minutes") |
/// | Zoom (Slack's scheme), Zendesk | refused past the tolerance | refused past the tolerance | | nothing documented: the crate's 5 minutes each way |
/// | body-only (`sha256=`, hex, base64) | no timestamp | | either hex form unless [strict](crate::Platform::strict) | each platform's sample code |
///
/// An entry of a signature list that cannot be read (`v1=zz` beside a good
/// `v1=`) is passed over, as the vendors' libraries pass it over; its
/// problem is the error only when no entry is left to check. A list of any
/// length is read: each entry past the first eight costs a decode and a
/// 32-byte compare per secret, never a hash.
///
/// A header's `v1a` entries are checked up to four (each costs a
/// verification per public key, about 40 µs); past that, a header none of
/// whose checked entries matched is reported as
/// [`SignatureError::TooManyEd25519Signatures`] rather than a mismatch.
///
/// A verifier always holds at least one key. The only ways to loosen it
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
    keys: KeySet,
    freshness: Freshness,
}

#[derive(Clone)]
enum KeySet {
    /// Never empty: the constructors refuse an empty list.
    Keys(Keys),
    AcceptUnsigned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    Within(Tolerance),
    Unchecked,
}

impl Verifier {
    /// A verifier reading `wire` with `keys`, which the caller has checked
    /// are of kinds its scheme uses. It judges signed timestamps as the
    /// scheme's own libraries do: within [`Tolerance::DEFAULT`] (Paddle's 5
    /// seconds, Twitch's 10 minutes), or not at all for Discord.
    pub(crate) fn new(wire: Wire, keys: Keys) -> Self {
        let freshness = if wire.scheme.checks_time_by_default() {
            Freshness::Within(wire.scheme.default_tolerance())
        } else {
            Freshness::Unchecked
        };
        Self {
            wire,
            keys: KeySet::Keys(keys),
            freshness,
        }
    }

    pub(crate) fn accept_unsigned(wire: Wire) -> Self {
        Self {
            wire,
            keys: KeySet::AcceptUnsigned,
            freshness: Freshness::Unchecked,
        }
    }

    pub(crate) fn skip_timestamp_check(mut self) -> Self {
        self.freshness = Freshness::Unchecked;
        self
    }

    /// The same verifier, accepting signed timestamps within `tolerance` of
    /// `now` (each way, for the schemes that refuse times ahead of `now`).
    /// Defaults to [`Tolerance::DEFAULT`], 300 seconds, except for
    /// [`Scheme::Paddle`] (5 seconds, as Paddle's SDKs), [`Scheme::Twitch`]
    /// (10 minutes, as Twitch's documentation) and [`Scheme::Discord`],
    /// which checks no time until given a tolerance here.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksig::{Platform, Tolerance};
    ///
    /// let discord = Platform::DISCORD
    ///     .verifier("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")?;
    /// assert_eq!(discord.tolerance(), None);
    /// let bounded = discord.with_tolerance(Tolerance::new(Duration::from_secs(600))?);
    /// assert_eq!(bounded.tolerance().map(Tolerance::duration), Some(Duration::from_secs(600)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.freshness = Freshness::Within(tolerance);
        self
    }

    /// The tolerance for signed timestamps; `None` for Discord until given
    /// one, and once
    /// [`dangerous::skip_timestamp_check`](crate::dangerous::skip_timestamp_check)
    /// turned the check off.
    pub fn tolerance(&self) -> Option<Tolerance> {
        match self.freshness {
            Freshness::Within(tolerance) => Some(tolerance),
            Freshness::Unchecked => None,
        }
    }

    /// How many keys this verifier holds, secrets and public keys; 0 for the
    /// dangerous verifier that accepts unsigned requests.
    pub fn key_count(&self) -> usize {
        match &self.keys {
            KeySet::Keys(keys) => keys.len(),
            KeySet::AcceptUnsigned => 0,
        }
    }

    /// The Ed25519 public keys this verifier holds, in the order given.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn public_keys(&self) -> &[crate::PublicKey] {
        match &self.keys {
            KeySet::Keys(keys) => keys.public_keys(),
            KeySet::AcceptUnsigned => &[],
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
    /// `headers` is an [`http::HeaderMap`](https://docs.rs/http/1/http/header/struct.HeaderMap.html), or `(name, value)` pairs from
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
    /// what is wrong with its value (for Standard Webhooks, also
    /// [`SignatureError::NoSignature`] when it lists no signature of a kind
    /// the verifier holds a key for), [`VerifyError::Timestamp`] and
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
            KeySet::Keys(keys) => keys,
            KeySet::AcceptUnsigned => return Ok(()),
        };
        // Body-only: one header, one MAC, no time. Checked straight from
        // the decoded signature: the general path below moves its larger
        // result through a closure, 15 % of a 64-byte check (BENCHMARKS.md).
        if let Scheme::Body(encoding) = self.wire.scheme {
            let signature = self.wire.body_signature(headers, encoding)?;
            return if keys.match_body(body, &signature) {
                Ok(())
            } else {
                Err(VerifyError::Mismatch)
            };
        }
        self.wire.read(headers, body, |received| {
            let Received {
                message,
                signed_at,
                signatures,
                overflow,
                passed_over,
                ed25519,
                ed25519_passed_over,
            } = received;
            if !keys.can_check(signatures, ed25519) {
                return Err(self.nothing_to_check(keys, passed_over, ed25519_passed_over));
            }
            if let (Some(at), Freshness::Within(tolerance)) = (signed_at, self.freshness) {
                if self.wire.scheme.refuses_future_timestamps() {
                    tolerance.check(at, now)?;
                } else {
                    tolerance.check_age(at, now)?;
                }
            }
            if keys.match_any(message.parts(), signatures, overflow, ed25519) {
                Ok(())
            } else if let Some(SignatureError::TooManyEd25519Signatures { max }) =
                ed25519_passed_over
                && !keys.public_keys().is_empty()
            {
                // Entries past the bound went unchecked: one of them might
                // have matched, so this is no plain mismatch.
                Err(self.too_many_ed25519(max))
            } else {
                Err(VerifyError::Mismatch)
            }
        })?
    }

    /// Checks `value`, the platform's signature header as received, against
    /// the raw `body`: for a caller that holds the one header value rather
    /// than a request's headers. It is [`Verifier::verify`] on a request
    /// whose only header is the signature header, so for the schemes that
    /// carry more than a signature in it it fails closed: Standard Webhooks,
    /// Slack, Discord, Twitch and Zendesk report their id or timestamp
    /// header missing, while Stripe and Paddle, whose header holds its
    /// timestamp, are checked in full against `now`.
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

    /// The error for a header that lists no signature of a kind `keys`
    /// check, such as only `v1a` entries for a verifier holding secrets:
    /// why an entry of a kind the keys check was passed over (an HMAC entry
    /// first, for a verifier holding secrets), else that there is none.
    #[cold]
    #[inline(never)]
    fn nothing_to_check(
        &self,
        keys: &Keys,
        passed_over: Option<SignatureError>,
        ed25519_passed_over: Option<SignatureError>,
    ) -> VerifyError {
        let hmac = passed_over.filter(|_| keys.secret_count() > 0);
        let ed25519 = ed25519_passed_over.filter(|_| !keys.public_keys().is_empty());
        let reason = hmac.or(ed25519).unwrap_or(SignatureError::NoSignature {
            version: keys.versions(self.wire.scheme),
        });
        VerifyError::Malformed {
            header: self.wire.signature.clone(),
            reason,
        }
    }

    #[cold]
    #[inline(never)]
    fn too_many_ed25519(&self, max: usize) -> VerifyError {
        VerifyError::Malformed {
            header: self.wire.signature.clone(),
            reason: SignatureError::TooManyEd25519Signatures { max },
        }
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

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.keys {
            KeySet::Keys(keys) => {
                let mut debug = f.debug_struct("Verifier");
                debug.field("platform", &self.wire.name);
                if keys.secret_count() > 0 {
                    debug.field(
                        "secrets",
                        &format_args!("[REDACTED; {}]", keys.secret_count()),
                    );
                }
                // Public keys are no secret: they print.
                if !keys.public_keys().is_empty() {
                    debug.field("public_keys", &keys.public_keys());
                }
                debug.field("tolerance", &self.tolerance()).finish()
            }
            KeySet::AcceptUnsigned => write!(
                f,
                "Verifier({}, DANGEROUS: accepts unsigned requests)",
                self.wire.name
            ),
        }
    }
}
