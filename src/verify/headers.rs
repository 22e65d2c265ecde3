//! Verification straight from a request's headers, in each platform's
//! scheme.

use http::{HeaderMap, Request};
use jiff::Timestamp;

use super::{Verifier, VerifyError};
use crate::{
    Header, Platform, Scheme,
    header::Found,
    scheme::{slack, standard_webhooks, stripe},
};

impl Verifier {
    /// Checks a request's headers and raw body the way `platform` signs: it
    /// reads the platform's signature header, and holds it to the
    /// platform's encoding when the platform is [strict](Platform::strict).
    ///
    /// For the timestamped schemes (Standard Webhooks, Stripe, Slack) use
    /// [`Verifier::verify_headers_at`], which takes the current time.
    ///
    /// ```
    /// use hooksig::{Platform, Signer, Verifier};
    ///
    /// let signer = Signer::new("secret")?;
    /// let request = Platform::CORTEX
    ///     .request("https://example.com/hooks")
    ///     .event("scan.completed")
    ///     .delivery_id("d-1")
    ///     .sign_with(&signer)
    ///     .body(br#"{"event":"scan.completed"}"#.to_vec())?;
    ///
    /// let verifier = Verifier::new("secret")?;
    /// verifier.verify_headers(&Platform::CORTEX, request.headers(), request.body())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`VerifyError::MissingHeader`] or [`VerifyError::DuplicateHeader`]
    /// naming the header, [`VerifyError::Malformed`] naming it and saying
    /// what is wrong with its value, [`VerifyError::Mismatch`], and
    /// [`VerifyError::TimeRequired`] for a timestamped scheme.
    pub fn verify_headers(
        &self,
        platform: &Platform,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), VerifyError> {
        if self.accepts_unsigned() {
            return Ok(());
        }
        let scheme = platform.scheme();
        let Some(encoding) = scheme.encoding() else {
            return Err(VerifyError::TimeRequired { scheme });
        };
        let header = platform.signature_header();
        let value = required(header.find(headers), header)?;
        // Hex platforms take either hex form unless strict; base64 has one.
        let exact =
            (platform.is_strict() || encoding == crate::Encoding::Base64).then_some(encoding);
        self.check(body, value, exact, Some(header))
    }

    /// Checks a request in any platform's scheme, judging a signed timestamp
    /// against `now` with the verifier's [tolerance](Verifier::with_tolerance).
    /// The crate never reads the clock: pass `jiff::Timestamp::now()` or the
    /// time your runtime gives. Body-only schemes ignore `now`.
    ///
    /// ```
    /// use hooksig::{Platform, SigningKey, Verifier};
    /// use jiff::Timestamp;
    ///
    /// let key = SigningKey::from_standard_webhooks_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?;
    /// let now = Timestamp::from_second(1_614_265_330)?;
    ///
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek".parse()?);
    /// headers.insert("webhook-timestamp", "1614265330".parse()?);
    /// headers.insert("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=".parse()?);
    ///
    /// let verifier = Verifier::from_key(key);
    /// verifier.verify_headers_at(&Platform::STANDARD_WEBHOOKS, &headers, br#"{"test": 2432232314}"#, now)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_headers`], and for the timestamped schemes:
    /// [`VerifyError::Timestamp`] for a timestamp that is not a Unix time,
    /// [`VerifyError::Stale`] for one outside the tolerance (too old and in
    /// the future are separate), [`VerifyError::Id`] for a Standard Webhooks
    /// id that cannot be signed.
    pub fn verify_headers_at(
        &self,
        platform: &Platform,
        headers: &HeaderMap,
        body: &[u8],
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        if self.accepts_unsigned() {
            return Ok(());
        }
        match platform.scheme() {
            Scheme::StandardWebhooks => {
                standard_webhooks::verify(self, platform, headers, body, now)
            }
            Scheme::Stripe => stripe::verify(self, platform, headers, body, now),
            Scheme::Slack => slack::verify(self, platform, headers, body, now),
            Scheme::Hex | Scheme::Sha256Hex | Scheme::Base64 => {
                self.verify_headers(platform, headers, body)
            }
        }
    }

    /// [`Verifier::verify_headers`] on an `http::Request` whose body is the
    /// raw bytes received.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_headers`].
    pub fn verify_request<B: AsRef<[u8]>>(
        &self,
        platform: &Platform,
        request: &Request<B>,
    ) -> Result<(), VerifyError> {
        self.verify_headers(platform, request.headers(), request.body().as_ref())
    }

    /// [`Verifier::verify_headers_at`] on an `http::Request` whose body is
    /// the raw bytes received.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_headers_at`].
    pub fn verify_request_at<B: AsRef<[u8]>>(
        &self,
        platform: &Platform,
        request: &Request<B>,
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        self.verify_headers_at(platform, request.headers(), request.body().as_ref(), now)
    }
}

/// The one value `found` under `header`, as bytes.
///
/// # Errors
///
/// [`VerifyError::MissingHeader`] or [`VerifyError::DuplicateHeader`].
pub(crate) fn required<'h>(found: Found<'h>, header: &Header) -> Result<&'h [u8], VerifyError> {
    match found {
        Found::One(value) => Ok(value.as_bytes()),
        Found::Missing => Err(VerifyError::MissingHeader {
            header: header.clone(),
        }),
        Found::Many(count) => Err(VerifyError::DuplicateHeader {
            header: header.clone(),
            count,
        }),
    }
}
