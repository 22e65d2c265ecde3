//! SendGrid's signed Event Webhook: ECDSA P-256 with SHA-256 over the
//! timestamp header followed by the raw body.

mod key;
mod signer;

use core::{fmt, time::Duration};

use jiff::Timestamp;
use p256::ecdsa::{Signature, VerifyingKey, signature::hazmat::PrehashVerifier};
use sha2::{Digest, Sha256};

pub use signer::SendGridSigner;

use super::variable_signature;
use crate::{Header, Headers, KeyError, SignatureError, Tolerance, VerifyError, scheme::timestamp};

/// The longest ECDSA P-256 signature in DER: two 33-byte integers and
/// their headers, 72 bytes (96 base64 characters).
const MAX_DER_LEN: usize = 72;

/// SendGrid's signed Event Webhook, verified with the verification key
/// from the SendGrid app (Settings > Mail Settings > Event Webhooks,
/// "Signed Event Webhook"): the base64 of an ECDSA P-256 public key.
///
/// SendGrid signs `timestamp + body` (the `X-Twilio-Email-Event-Webhook-Timestamp`
/// header's text, decimal Unix seconds, then the raw body bytes, nothing
/// between) with ECDSA P-256 and SHA-256, and sends the signature in
/// `X-Twilio-Email-Event-Webhook-Signature` as the base64 of its DER form.
/// That is what its own SDKs check (`EventWebhook.verifySignature` in
/// `@sendgrid/eventwebhook` 8.0.0, `EventWebhook.verify_signature` in the
/// `sendgrid` Python package 6.12.5).
///
/// Beyond the SDKs, which check no time, [`verify`](Self::verify) refuses a
/// timestamp further from `now` than its tolerance. The default,
/// [`SendGrid::DEFAULT_TOLERANCE`], is 24 hours and 5 minutes: SendGrid
/// retries a delivery that got no 2xx answer for up to 24 hours after the
/// event, and does not document whether a retry is signed anew, so a
/// narrower window could refuse a genuine retry that carries its first
/// attempt's timestamp; the 5 minutes allow for the two clocks' skew.
/// Narrow it with [`with_tolerance`](Self::with_tolerance) only if you are
/// willing to lose such retries. Against replays inside the window,
/// deduplicate on each event's `sg_event_id`, as SendGrid recommends.
///
/// Signatures are verified as the SDKs verify them: a signature with a
/// high `s` (the other of the two values that verify) is accepted, since
/// SendGrid's signer does not promise low-`s` ones and the signature
/// identifies nothing here. The DER must be strict (no extra leading
/// zeros, no trailing bytes).
///
/// ```
/// use hooksig::provider::SendGrid;
/// use jiff::Timestamp;
///
/// // The example from SendGrid's own SDK tests (`eventwebhook.spec.js`).
/// let sendgrid = SendGrid::new(
///     "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==",
/// )?;
/// let body = br#"{"category":"example_payload","event":"test_event","message_id":"message_id"}"#;
/// let headers = [
///     ("X-Twilio-Email-Event-Webhook-Signature", "MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0="),
///     ("X-Twilio-Email-Event-Webhook-Timestamp", "1588788367"),
/// ];
/// let now = Timestamp::from_second(1_588_788_367 + 60)?;
/// sendgrid.verify(&headers, body, now)?;
/// assert!(sendgrid.verify(&headers, b"[]", now).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct SendGrid {
    key: VerifyingKey,
    tolerance: Tolerance,
}

impl SendGrid {
    /// `X-Twilio-Email-Event-Webhook-Signature`: the base64 of the DER
    /// ECDSA signature.
    pub const SIGNATURE: Header = Header::preset(
        "X-Twilio-Email-Event-Webhook-Signature",
        "x-twilio-email-event-webhook-signature",
    );

    /// `X-Twilio-Email-Event-Webhook-Timestamp`: decimal Unix seconds,
    /// signed as sent.
    pub const TIMESTAMP: Header = Header::preset(
        "X-Twilio-Email-Event-Webhook-Timestamp",
        "x-twilio-email-event-webhook-timestamp",
    );

    /// The default tolerance: SendGrid's 24 hours of retries, and 5
    /// minutes for clock skew (see the type's documentation). Wider than
    /// [`Tolerance::MAX`], which a caller cannot build outside
    /// [`dangerous`](crate::dangerous): the vendor's retry schedule sets
    /// it, not a choice to skip the check.
    pub const DEFAULT_TOLERANCE: Tolerance =
        Tolerance::unbounded(Duration::from_secs(24 * 60 * 60 + 5 * 60));

    /// A verifier for the verification key as the SendGrid app shows it:
    /// the base64 of the key's DER SubjectPublicKeyInfo (91 bytes, 124
    /// characters, starting `MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE`).
    /// Blanks and line breaks around it are ignored.
    ///
    /// # Errors
    ///
    /// - [`KeyError::PublicKeyNotBase64`]: the text is empty or not base64.
    /// - [`KeyError::NotDer`]: the bytes are not a DER SubjectPublicKeyInfo.
    /// - [`KeyError::WrongKeyType`]: a key of another algorithm (RSA,
    ///   Ed25519, ...) or on another curve than P-256.
    /// - [`KeyError::InvalidPublicKey`]: a point that is not on the curve.
    pub fn new(verification_key: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self::from_key(key::read(verification_key.as_ref())?))
    }

    /// A verifier for the key's DER SubjectPublicKeyInfo, already decoded
    /// from base64.
    ///
    /// # Errors
    ///
    /// As [`new`](Self::new), but for the base64.
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        Ok(Self::from_key(key::from_der(der)?))
    }

    fn from_key(key: VerifyingKey) -> Self {
        Self {
            key,
            tolerance: Self::DEFAULT_TOLERANCE,
        }
    }

    /// The same verifier, refusing timestamps further than `tolerance` from
    /// `now` either way. Narrower than the default, it can refuse genuine
    /// retries (see the type's documentation).
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// The tolerance [`verify`](Self::verify) applies.
    pub fn tolerance(&self) -> Tolerance {
        self.tolerance
    }

    /// Verifies a delivery: its headers, its raw body bytes as received
    /// (before any JSON parsing), and the time now.
    ///
    /// Allocates nothing; the ECDSA verification takes about a tenth of a
    /// millisecond.
    ///
    /// # Errors
    ///
    /// - [`VerifyError::Header`]: either header is missing or repeated.
    /// - [`VerifyError::Malformed`] (on the signature header): empty, not
    ///   base64 ([`SignatureError::InvalidCharacter`],
    ///   [`SignatureError::Length`], [`SignatureError::NonCanonical`]),
    ///   longer than any P-256 signature ([`SignatureError::TooLong`]), or
    ///   not a DER ECDSA signature ([`SignatureError::NotDer`]).
    /// - [`VerifyError::Timestamp`]: the timestamp is not decimal Unix
    ///   seconds.
    /// - [`VerifyError::Stale`]: the timestamp is further from `now` than
    ///   the tolerance.
    /// - [`VerifyError::Mismatch`]: the signature is not SendGrid's over
    ///   this timestamp and body.
    pub fn verify<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        let value = Self::SIGNATURE.one(headers)?;
        let signed_time = Self::TIMESTAMP.one(headers)?;
        let mut buf = [0u8; MAX_DER_LEN];
        let malformed = |reason| VerifyError::Malformed {
            header: Self::SIGNATURE,
            reason,
        };
        let der = variable_signature::decode(value, &mut buf).map_err(malformed)?;
        let signature = Signature::from_der(der).map_err(|_| malformed(SignatureError::NotDer))?;
        let at =
            timestamp::parse_seconds(signed_time).map_err(|reason| VerifyError::Timestamp {
                header: Self::TIMESTAMP,
                reason,
            })?;
        // The cheap check first: a stale request costs no ECDSA.
        self.tolerance.check(at, now)?;
        let digest = Sha256::new()
            .chain_update(signed_time)
            .chain_update(body)
            .finalize();
        self.key
            .verify_prehash(&digest, &signature)
            .map_err(|_| VerifyError::Mismatch)
    }
}

impl fmt::Debug for SendGrid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A public key is no secret, but its point says nothing useful in
        // a log either.
        f.debug_struct("SendGrid")
            .field("key", &"ECDSA P-256 public key")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

#[cfg(test)]
mod tests;
