//! Verify-then-decode: a receiver's one call from a request to a typed
//! event.

use http::{HeaderMap, Request};

use super::{Envelope, RawEvent, ReceiveError};
use crate::{Platform, Verifier};

impl Verifier {
    /// Verifies the request's signature the way `E`'s platform signs, then
    /// decodes the raw `body` into the typed event `E`. Nothing is decoded
    /// unless verification passes.
    ///
    /// The event name is read from the signed body, never from the
    /// unsigned event header.
    ///
    /// ```
    /// use hooksig::event::{Envelope, ReceiveError, scan};
    /// use hooksig::{Platform, Signer, Verifier};
    ///
    /// # let body = br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"scan_abc123"}}"#.to_vec();
    /// # let request = Platform::CORTEX.request("https://example.com/hooks")
    /// #     .event("scan.started").delivery_id("d-1")
    /// #     .sign_with(&Signer::new("secret")?).body(body)?;
    /// # let (parts, body) = request.into_parts();
    /// # let headers = parts.headers;
    /// let verifier = Verifier::new("secret")?;
    ///
    /// let event: scan::Event = match verifier.decode(&headers, &body) {
    ///     Ok(event) => event,
    ///     Err(error) => {
    ///         // Answer 401 when verification failed, 400 when the body is not a Cortex event.
    ///         let _status: http::StatusCode = error.status();
    ///         return Err(error.into());
    ///     }
    /// };
    /// assert!(matches!(event.data, scan::Data::Started(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ReceiveError::Verify`] when the request fails verification, and
    /// [`ReceiveError::Decode`] when it passes but the body is not a
    /// well-formed `E`.
    pub fn decode<E: Envelope>(&self, headers: &HeaderMap, body: &[u8]) -> Result<E, ReceiveError> {
        self.decode_with(E::platform(), headers, body)
    }

    /// [`Verifier::decode`] with the platform given, such as a
    /// [strict](Platform::strict) one.
    ///
    /// # Errors
    ///
    /// As [`Verifier::decode`].
    pub fn decode_with<E: Envelope>(
        &self,
        platform: &Platform,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<E, ReceiveError> {
        self.verify_headers(platform, headers, body)?;
        Ok(E::decode(body)?)
    }

    /// [`Verifier::decode`] on an `http::Request` whose body is the raw
    /// bytes received.
    ///
    /// # Errors
    ///
    /// As [`Verifier::decode`].
    pub fn decode_request<E: Envelope, B: AsRef<[u8]>>(
        &self,
        request: &Request<B>,
    ) -> Result<E, ReceiveError> {
        self.decode(request.headers(), request.body().as_ref())
    }

    /// Verifies the request the way `platform` signs, then reads the
    /// platform-agnostic [`RawEvent`] from `body`, borrowing from it.
    ///
    /// # Errors
    ///
    /// As [`Verifier::decode`].
    pub fn decode_raw<'b>(
        &self,
        platform: &Platform,
        headers: &HeaderMap,
        body: &'b [u8],
    ) -> Result<RawEvent<'b>, ReceiveError> {
        self.verify_headers(platform, headers, body)?;
        Ok(RawEvent::decode(body)?)
    }
}
