//! Intercom: `X-Hub-Signature: sha1=<hex>`, HMAC-SHA1 over the body.

use core::fmt;

use sha1::Sha1;

use super::mac::{MacKey, SignatureText};
use crate::signature::decode_hex_bytes;
use crate::{AlgorithmName, Header, Headers, KeyError, SignatureError, VerifyError};

const PREFIX: &str = "sha1=";

/// Intercom's webhook signature: `X-Hub-Signature: sha1=<hex>`, the
/// HMAC-SHA1 of the raw body keyed with the app's client secret, in 40
/// lowercase hex digits.
///
/// HMAC-SHA1 because it is the only signature Intercom sends: its webhooks
/// offer no SHA-256 header. (HMAC-SHA1 is not broken the way SHA-1
/// collisions are; a forgery still needs the key.) This type needs the
/// `sha1` feature. Intercom signs no timestamp, so a captured request
/// verifies again: use the notification's `id` to skip repeats.
///
/// ```
/// use hooksig::provider::Intercom;
///
/// let intercom = Intercom::new("client-secret-from-the-developer-hub")?;
/// let body = br#"{"type":"notification_event","id":"notif_1"}"#;
/// let signature = intercom.sign(body);
/// assert!(signature.as_str().starts_with("sha1="));
/// intercom.verify(&[("X-Hub-Signature", signature.as_str())], body)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Intercom {
    key: MacKey<Sha1>,
}

impl Intercom {
    /// `X-Hub-Signature`.
    pub const SIGNATURE: Header = Header::preset("X-Hub-Signature", "x-hub-signature");

    /// A verifier and signer keyed with the app's client secret, as the
    /// Developer Hub shows it (Basic information), used as the text it is.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] or [`KeyError::AllZeroSecret`].
    pub fn new(client_secret: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self {
            key: MacKey::new(client_secret.as_ref())?,
        })
    }

    /// Checks a request: its headers and its raw body.
    ///
    /// # Errors
    ///
    /// [`VerifyError::Header`] when `X-Hub-Signature` is missing or
    /// repeated; [`VerifyError::Malformed`] when it is not `sha1=` and 40
    /// hex digits ([`SignatureError::UnsupportedAlgorithm`] for another
    /// prefix); [`VerifyError::Mismatch`] when it is not the body's.
    pub fn verify<H: Headers + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<(), VerifyError> {
        let header = &Self::SIGNATURE;
        let value = header.one(headers)?;
        let received = read(value).map_err(|reason| VerifyError::Malformed {
            header: header.clone(),
            reason,
        })?;
        if self.key.mac_parts(&[body]).matches(&received) {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }

    /// The `X-Hub-Signature` value for `body`: `sha1=` and 40 hex digits.
    pub fn sign(&self, body: &[u8]) -> SignatureText {
        SignatureText::hex(PREFIX, self.key.mac_parts(&[body]).as_bytes())
    }
}

fn read(value: &[u8]) -> Result<[u8; 20], SignatureError> {
    if value.is_empty() {
        return Err(SignatureError::Empty);
    }
    match value.strip_prefix(PREFIX.as_bytes()) {
        Some(digits) => decode_hex_bytes(digits, PREFIX.len()),
        None => {
            let name = value.split(|&b| b == b'=').next().unwrap_or_default();
            Err(SignatureError::UnsupportedAlgorithm {
                algorithm: AlgorithmName::new(name),
                supported: "sha1",
            })
        }
    }
}

impl fmt::Debug for Intercom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Intercom([REDACTED])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sha1_hex_only() {
        let intercom = Intercom::new("secret").unwrap();
        let signature = intercom.sign(b"{}");
        assert_eq!(signature.as_str().len(), 45);
        let verify = |value: &str| intercom.verify(&[("x-hub-signature", value)], b"{}");
        assert_eq!(verify(signature.as_str()), Ok(()));
        assert_eq!(
            verify(&signature.as_str().to_uppercase().replace("SHA1", "sha1")),
            Ok(())
        );
        let malformed = |value: &str| match verify(value) {
            Err(VerifyError::Malformed { reason, .. }) => reason,
            other => panic!("{value}: {other:?}"),
        };
        assert!(matches!(
            malformed("sha256=00"),
            SignatureError::UnsupportedAlgorithm { .. }
        ));
        assert!(matches!(
            malformed("sha1=abc"),
            SignatureError::Length {
                found: 3,
                expected: 40,
                ..
            }
        ));
        assert!(matches!(
            malformed("sha1=zz"),
            SignatureError::InvalidCharacter { offset: 5, .. }
        ));
        assert_eq!(malformed(""), SignatureError::Empty);
        assert_eq!(
            intercom.verify(&[("x-hub-signature", signature.as_str())], b"{ }"),
            Err(VerifyError::Mismatch)
        );
    }
}
