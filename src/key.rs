//! Signing keys: a secret turned once into keyed HMAC-SHA256 state.

use core::fmt;

use hmac::{
    KeyInit,
    block_api::HmacCore,
    digest::block_api::{Buffer, FixedOutputCore, UpdateCore},
};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::{Signature, scheme::base64};

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
    keyed: HmacCore<Sha256>,
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
        let keyed =
            HmacCore::<Sha256>::new_from_slice(secret).map_err(|_| KeyError::EmptySecret)?;
        Ok(Self { keyed })
    }

    /// A key from a Standard Webhooks secret: `whsec_` (optional) followed by
    /// base64, padded or not, as Svix and the Standard Webhooks libraries
    /// issue them. The key is the decoded bytes.
    ///
    /// Not for Stripe: Stripe's secrets also start with `whsec_`, but Stripe
    /// signs with the whole string as it stands; use [`SigningKey::new`].
    ///
    /// ```
    /// use hooksig::{KeyError, SigningKey};
    ///
    /// assert!(SigningKey::from_standard_webhooks_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_ok());
    /// assert!(SigningKey::from_standard_webhooks_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").is_ok());
    /// assert_eq!(
    ///     SigningKey::from_standard_webhooks_secret("whsec_not base64").unwrap_err(),
    ///     KeyError::NotBase64 { offset: 9 },
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] when nothing follows the prefix, and
    /// [`KeyError::NotBase64`] with the offset of the first byte that is
    /// not base64.
    pub fn from_standard_webhooks_secret(secret: &str) -> Result<Self, KeyError> {
        const PREFIX: &str = "whsec_";
        let (text, offset) = match secret.strip_prefix(PREFIX) {
            Some(rest) => (rest, PREFIX.len()),
            None => (secret, 0),
        };
        if text.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        let mut bytes = Zeroizing::new(vec![0; base64::max_decoded_len(text.len())]);
        let len =
            base64::decode(text.as_bytes(), &mut bytes).map_err(|index| KeyError::NotBase64 {
                offset: offset + index,
            })?;
        Self::new(bytes.get(..len).unwrap_or_default())
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
        // The keyed core and a fresh block buffer, rather than a clone of
        // `Hmac`, which copies and then moves its (always empty) buffer
        // too: 12 ns of a 64-byte signature. Both wipe themselves on drop.
        let mut core = self.keyed.clone();
        let mut buffer = Buffer::<HmacCore<Sha256>>::default();
        for part in parts {
            buffer.digest_blocks(part, |blocks| core.update_blocks(blocks));
        }
        let mut mac = Default::default();
        core.finalize_fixed_core(&mut buffer, &mut mac);
        Signature::from_bytes(mac.into())
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
    /// A Standard Webhooks secret whose text after `whsec_` is not base64.
    #[error("the secret is not base64: bad byte at offset {offset}")]
    NotBase64 {
        /// Zero-based offset of the first bad byte in the secret string.
        offset: usize,
    },
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
    fn standard_webhooks_secrets_padded_or_not() {
        let padded = SigningKey::from_standard_webhooks_secret("whsec_dGVzdA==").unwrap();
        let unpadded = SigningKey::from_standard_webhooks_secret("whsec_dGVzdA").unwrap();
        let bare = SigningKey::from_standard_webhooks_secret("dGVzdA").unwrap();
        let raw = SigningKey::new("test").unwrap();
        for key in [padded, unpadded, bare] {
            assert_eq!(key.sign(b"m"), raw.sign(b"m"));
        }
        assert_eq!(
            SigningKey::from_standard_webhooks_secret("whsec_").err(),
            Some(KeyError::EmptySecret)
        );
        assert_eq!(
            SigningKey::from_standard_webhooks_secret("whsec_ab*d").err(),
            Some(KeyError::NotBase64 { offset: 8 })
        );
        assert_eq!(
            SigningKey::from_standard_webhooks_secret("whsec_abcde").err(),
            Some(KeyError::NotBase64 { offset: 11 })
        );
        // base64 of nothing but padding decodes to no bytes.
        assert_eq!(
            SigningKey::from_standard_webhooks_secret("==").err(),
            Some(KeyError::NotBase64 { offset: 0 })
        );
    }

    #[test]
    fn debug_is_redacted() {
        let key = SigningKey::new("hunter2").unwrap();
        assert_eq!(format!("{key:?}"), "SigningKey([REDACTED])");
        assert_eq!(format!("{key:#?}"), "SigningKey([REDACTED])");
    }
}
