//! Paystack: `x-paystack-signature`, hex HMAC-SHA512 over the body.

use core::fmt;

use sha2::Sha512;

use super::mac::{MacKey, SignatureText};
use crate::signature::decode_hex_bytes;
use crate::{Header, Headers, KeyError, VerifyError};

/// Paystack's webhook signature: `x-paystack-signature`, the HMAC-SHA512
/// of the raw body keyed with the account's secret key, in 128 lowercase
/// hex digits. Needs the `sha512` feature.
///
/// Paystack signs no timestamp, so a captured request verifies again: use
/// the event's transaction reference to skip repeats (Paystack also
/// publishes the IP addresses it sends from).
///
/// ```
/// use hooksig::provider::Paystack;
///
/// let paystack = Paystack::new("sk_test_from_the_dashboard")?;
/// let body = br#"{"event":"charge.success","data":{"reference":"r1"}}"#;
/// let signature = paystack.sign(body);
/// paystack.verify(&[("x-paystack-signature", signature.as_str())], body)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Paystack {
    key: MacKey<Sha512>,
}

impl Paystack {
    /// `x-paystack-signature`.
    pub const SIGNATURE: Header = Header::preset("x-paystack-signature", "x-paystack-signature");

    /// A verifier and signer keyed with the secret key (`sk_live_...` or
    /// `sk_test_...`) as the Dashboard shows it (Settings, API Keys &
    /// Webhooks), used as the text it is.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] or [`KeyError::AllZeroSecret`].
    pub fn new(secret_key: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self {
            key: MacKey::new(secret_key.as_ref())?,
        })
    }

    /// Checks a request: its headers and its raw body.
    ///
    /// # Errors
    ///
    /// [`VerifyError::Header`] when `x-paystack-signature` is missing or
    /// repeated, [`VerifyError::Malformed`] when it is not 128 hex digits,
    /// [`VerifyError::Mismatch`] when it is not the body's.
    pub fn verify<H: Headers + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<(), VerifyError> {
        let header = &Self::SIGNATURE;
        let received: [u8; 64] =
            decode_hex_bytes(header.one(headers)?, 0).map_err(|reason| VerifyError::Malformed {
                header: header.clone(),
                reason,
            })?;
        if self.key.mac_parts(&[body]).matches(&received) {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }

    /// The `x-paystack-signature` value for `body`: 128 hex digits.
    pub fn sign(&self, body: &[u8]) -> SignatureText {
        SignatureText::hex("", self.key.mac_parts(&[body]).as_bytes())
    }
}

impl fmt::Debug for Paystack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Paystack([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SignatureError;

    #[test]
    fn body_signed_in_hex() {
        let paystack = Paystack::new("sk_test_x").unwrap();
        let signature = paystack.sign(b"{}");
        let verify =
            |value: &str, body: &[u8]| paystack.verify(&[("X-Paystack-Signature", value)], body);
        assert_eq!(verify(signature.as_str(), b"{}"), Ok(()));
        assert_eq!(
            verify(signature.as_str(), b"[]"),
            Err(VerifyError::Mismatch)
        );
        assert!(matches!(
            verify(&signature.as_str()[..64], b"{}"),
            Err(VerifyError::Malformed {
                reason: SignatureError::Length {
                    found: 64,
                    expected: 128,
                    ..
                },
                ..
            })
        ));
        assert_eq!(format!("{paystack:?}"), "Paystack([REDACTED])");
    }
}
