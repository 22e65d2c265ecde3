//! Signing as SendGrid signs, for tests and for senders of SendGrid-style
//! events: only SendGrid holds the private key of a real account's
//! verification key.

use alloc::string::String;
use core::fmt;

use jiff::Timestamp;
use p256::{
    SecretKey,
    ecdsa::{Signature, SigningKey, signature::hazmat::PrehashSigner},
    pkcs8::DecodePrivateKey,
};
use sha2::{Digest, Sha256};

use super::{MAX_DER_LEN, SendGrid};
use crate::{Header, KeyError, codec::base64};

/// The DER header of a P-256 SubjectPublicKeyInfo holding an uncompressed
/// point (65 bytes follow): what the SendGrid app shows, base64-encoded.
const SPKI_PREFIX: [u8; 26] = [
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

/// Signs deliveries as SendGrid's Event Webhook does, with an ECDSA P-256
/// key of your own: to test a receiver end to end, or to send events in
/// SendGrid's format. A [`SendGrid`] verifier built from
/// [`verification_key`](Self::verification_key) accepts what it signs.
///
/// Signing is deterministic (RFC 6979): the same key, timestamp and body
/// give the same signature, and no randomness is needed.
///
/// ```
/// use hooksig::provider::{SendGrid, SendGridSigner};
/// use jiff::Timestamp;
///
/// let signer = SendGridSigner::from_bytes(&[7; 32])?;
/// let now = Timestamp::from_second(1_700_000_000)?;
/// let headers = signer.sign(now, b"[]");
/// let headers = headers.each_ref().map(|(name, value)| (name.as_str(), value.as_str()));
/// SendGrid::new(signer.verification_key())?.verify(&headers, b"[]", now)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct SendGridSigner {
    pub(super) key: SigningKey,
}

impl SendGridSigner {
    /// A signer for the 32 bytes of a P-256 private scalar, big-endian.
    ///
    /// # Errors
    ///
    /// [`KeyError::InvalidSigningKey`] when `scalar` is not 32 bytes, or is
    /// zero or not below the curve's order.
    pub fn from_bytes(scalar: &[u8]) -> Result<Self, KeyError> {
        SigningKey::from_slice(scalar)
            .map(|key| Self { key })
            .map_err(|_| KeyError::InvalidSigningKey {
                kind: "P-256 private key (32 bytes, big-endian, from 1 to the curve's order)",
            })
    }

    /// A signer for a P-256 private key in PKCS#8 DER, as OpenSSL and
    /// Python's `cryptography` write it.
    ///
    /// # Errors
    ///
    /// [`KeyError::InvalidSigningKey`] when the bytes are not a P-256 key
    /// in PKCS#8 DER.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        SecretKey::from_pkcs8_der(der)
            .map(|secret| Self {
                key: SigningKey::from(secret),
            })
            .map_err(|_| KeyError::InvalidSigningKey {
                kind: "P-256 private key in PKCS#8 DER",
            })
    }

    /// The verification key for this signer, as the SendGrid app shows one:
    /// the base64 of its DER SubjectPublicKeyInfo.
    pub fn verification_key(&self) -> String {
        let point = self.key.verifying_key().to_sec1_point(false);
        let mut der = [0u8; 91];
        let (prefix, rest) = der.split_at_mut(SPKI_PREFIX.len());
        prefix.copy_from_slice(&SPKI_PREFIX);
        if let Some(dest) = rest.get_mut(..point.as_bytes().len()) {
            dest.copy_from_slice(point.as_bytes());
        }
        let mut text = [0u8; 124];
        let len = base64::encode(&der, &mut text);
        String::from_utf8_lossy(text.get(..len).unwrap_or_default()).into_owned()
    }

    /// A verifier for this signer's public key, with the default tolerance.
    pub fn verifier(&self) -> SendGrid {
        SendGrid::from_key(*self.key.verifying_key())
    }

    /// The two headers SendGrid sends for `body` signed at `timestamp`:
    /// [`SendGrid::SIGNATURE`] (base64 DER) and [`SendGrid::TIMESTAMP`]
    /// (decimal Unix seconds, whole seconds: any fraction is dropped).
    pub fn sign(&self, timestamp: Timestamp, body: &[u8]) -> [(Header, String); 2] {
        let mut seconds = itoa::Buffer::new();
        let seconds = seconds.format(timestamp.as_second());
        let signature = self.signature(seconds.as_bytes(), body);
        [
            (SendGrid::SIGNATURE, signature),
            (SendGrid::TIMESTAMP, String::from(seconds)),
        ]
    }

    /// The signature header's value for `timestamp`, the timestamp
    /// header's text exactly as it will be sent, and `body`.
    pub fn signature(&self, timestamp: &[u8], body: &[u8]) -> String {
        let digest = Sha256::new()
            .chain_update(timestamp)
            .chain_update(body)
            .finalize();
        let signature: Signature = match self.key.sign_prehash(&digest) {
            Ok(signature) => signature,
            // Cannot happen for a 32-byte SHA-256 prehash; an empty value
            // fails verification rather than panicking.
            Err(_) => return String::new(),
        };
        let der = signature.to_der();
        let mut text = [0u8; MAX_DER_LEN / 3 * 4];
        let len = base64::encode(der.as_bytes(), &mut text);
        String::from_utf8_lossy(text.get(..len).unwrap_or_default()).into_owned()
    }
}

impl fmt::Debug for SendGridSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendGridSigner")
            .field("key", &"[REDACTED]")
            .finish()
    }
}
