//! Signing keys: a secret turned once into keyed HMAC-SHA256 state.

use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::Signature;

/// A webhook secret, keyed once into HMAC-SHA256 state.
///
/// Building the key absorbs the secret into the HMAC inner and outer pads.
/// Every signature made or checked with it starts from a copy of that state,
/// so no request pays for keying again, and no copy of the secret bytes is
/// kept: only the keyed state, which is wiped from memory when the key is
/// dropped.
///
/// `Debug` prints `SigningKey([REDACTED])`; the key has no `Display` and no
/// `Serialize`.
///
/// ```
/// use hooksig::SigningKey;
///
/// let key = SigningKey::new("It's a Secret to Everybody")?;
/// assert_eq!(format!("{key:?}"), "SigningKey([REDACTED])");
/// assert!(SigningKey::new("").is_err());
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Clone)]
pub struct SigningKey {
    // The keyed pad states wipe themselves on drop: the crate enables the
    // `zeroize` feature of `sha2` (checked by a test below).
    keyed: Hmac<Sha256>,
}

impl SigningKey {
    /// Keys HMAC-SHA256 with `secret`, used as raw bytes.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] when `secret` is empty: an empty secret
    /// would sign every request with a key anyone can guess.
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        // HMAC takes keys of any length; the error arm is unreachable, but
        // the crate's rule is no panics, so it maps to the same typed error.
        let keyed = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| KeyError::EmptySecret)?;
        Ok(Self { keyed })
    }

    /// The HMAC-SHA256 of `message` under this key.
    #[inline]
    pub fn sign(&self, message: &[u8]) -> Signature {
        self.sign_parts(&[message])
    }

    /// The HMAC-SHA256 of the concatenation of `parts`, without building the
    /// concatenation: the timestamped schemes sign `id.timestamp.body`.
    #[inline]
    pub fn sign_parts(&self, parts: &[&[u8]]) -> Signature {
        let mut mac = self.keyed.clone();
        for part in parts {
            mac.update(part);
        }
        Signature::from_bytes(mac.finalize().into_bytes().into())
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey([REDACTED])")
    }
}

/// Why a secret could not become a key.
///
/// No variant carries secret bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The secret was empty.
    #[error("the secret is empty")]
    EmptySecret,
    /// A list of secrets for rotation held an empty one.
    #[error("secret {index} of the list is empty")]
    EmptySecretInList {
        /// Zero-based position of the empty secret in the list.
        index: usize,
    },
    /// A list of secrets for rotation held none.
    #[error("no secret was given")]
    NoSecrets,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_secret_is_refused() {
        assert_eq!(SigningKey::new(b"").err(), Some(KeyError::EmptySecret));
        assert!(SigningKey::new(b"x").is_ok());
    }

    #[test]
    fn keyed_state_is_wiped_on_drop() {
        // `HmacCore` keeps the inner and outer pad states as two values of
        // this type (it has no marker of its own); with `sha2/zeroize` each
        // wipes itself on drop. Fails to compile if the feature is lost.
        fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wipes_on_drop::<<Sha256 as hmac::EagerHash>::Core>();
    }

    #[test]
    fn parts_sign_like_their_concatenation() {
        let key = SigningKey::new("k").unwrap();
        assert_eq!(key.sign_parts(&[b"ab", b"", b"c"]), key.sign(b"abc"));
        assert_ne!(key.sign(b"abc"), key.sign(b"abd"));
    }

    #[test]
    fn debug_is_redacted() {
        let key = SigningKey::new("hunter2").unwrap();
        assert_eq!(format!("{key:?}"), "SigningKey([REDACTED])");
        assert_eq!(format!("{key:#?}"), "SigningKey([REDACTED])");
    }
}
