//! HMAC-SHA256 keys: a secret, read in its platform's format, turned once
//! into keyed HMAC-SHA256 state.

use core::fmt;

use hmac::{
    KeyInit,
    block_api::HmacCore,
    digest::block_api::{Buffer, FixedOutputCore, UpdateCore},
};
use sha2::Sha256;

use super::{KeyError, KeyKind, SecretFormat, WHSEC, decode_base64, standard_webhooks_kind};
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
/// Most code never builds one: [`Platform::verifier`](crate::Platform::verifier)
/// and [`Platform::signer`](crate::Platform::signer) read a secret in the
/// platform's own [`SecretFormat`] and key it.
///
/// ```
/// use hooksig::{KeyError, SecretFormat, SigningKey};
///
/// let key = SigningKey::new("It's a Secret to Everybody")?;
/// assert_eq!(format!("{key:?}"), "SigningKey([REDACTED])");
/// assert_eq!(SigningKey::new("").unwrap_err(), KeyError::EmptySecret);
/// assert_eq!(SigningKey::new([0; 32]).unwrap_err(), KeyError::AllZeroSecret);
///
/// // A Standard Webhooks secret is base64 behind `whsec_`: the key is the decoded bytes.
/// let decoded = SigningKey::from_secret("whsec_dGVzdA==", SecretFormat::StandardWebhooks)?;
/// assert_eq!(decoded.sign(b"m"), SigningKey::new("test")?.sign(b"m"));
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Clone)]
pub struct SigningKey {
    // The keyed pad states wipe themselves on drop: the crate enables the
    // `zeroize` feature of `sha2` (checked by a test below).
    keyed: HmacCore<Sha256>,
}

impl SigningKey {
    /// Keys HMAC-SHA256 with `secret`, used as raw bytes
    /// ([`SecretFormat::Raw`]).
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] when `secret` is empty and
    /// [`KeyError::AllZeroSecret`] when it is only zero bytes: HMAC pads a
    /// short key with zeros, so both sign every request with a key anyone
    /// can guess.
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        if secret.iter().all(|&byte| byte == 0) {
            return Err(KeyError::AllZeroSecret);
        }
        // HMAC takes keys of any length; the error arm is unreachable, but
        // the crate's rule is no panics, so it maps to the same typed error.
        let keyed =
            HmacCore::<Sha256>::new_from_slice(secret).map_err(|_| KeyError::EmptySecret)?;
        Ok(Self { keyed })
    }

    /// Keys HMAC-SHA256 with `secret` read in `format`.
    ///
    /// ```
    /// use hooksig::{KeyError, SecretFormat, SigningKey};
    ///
    /// let sw = SecretFormat::StandardWebhooks;
    /// assert!(SigningKey::from_secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", sw).is_ok());
    /// assert!(SigningKey::from_secret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", sw).is_ok());
    /// assert_eq!(
    ///     SigningKey::from_secret("whsec_not base64", sw).unwrap_err(),
    ///     KeyError::NotBase64 { offset: 9 },
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SigningKey::new`], and for [`SecretFormat::StandardWebhooks`]
    /// [`KeyError::NotBase64`] with the offset of the first byte that is
    /// not base64, and [`KeyError::WrongKind`] for a `whpk_` or `whsk_`
    /// Ed25519 key. [`SecretFormat::Ed25519PublicKeyHex`] holds public keys
    /// only: [`KeyError::WrongKind`] too.
    pub fn from_secret(secret: impl AsRef<[u8]>, format: SecretFormat) -> Result<Self, KeyError> {
        match format {
            SecretFormat::Raw => Self::new(secret),
            SecretFormat::StandardWebhooks => Self::from_standard_webhooks_secret(secret.as_ref()),
            SecretFormat::Ed25519PublicKeyHex => Err(KeyError::WrongKind {
                expected: KeyKind::HmacSecret,
                found: KeyKind::Ed25519PublicKey,
            }),
        }
    }

    /// A key from `whsec_` (optional) followed by base64, as Svix and the
    /// Standard Webhooks libraries issue them. A secret is configuration,
    /// not attacker input: it is read as leniently as those libraries read
    /// it (padding optional, unused trailing bits ignored).
    fn from_standard_webhooks_secret(secret: &[u8]) -> Result<Self, KeyError> {
        match standard_webhooks_kind(secret) {
            KeyKind::HmacSecret => {}
            found => {
                return Err(KeyError::WrongKind {
                    expected: KeyKind::HmacSecret,
                    found,
                });
            }
        }
        let skip = if secret.starts_with(WHSEC) {
            WHSEC.len()
        } else {
            0
        };
        if secret.len() == skip {
            return Err(KeyError::EmptySecret);
        }
        Self::new(decode_base64(secret, skip)?.as_slice())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_all_zero_secrets_are_refused() {
        assert_eq!(SigningKey::new(b"").err(), Some(KeyError::EmptySecret));
        assert_eq!(SigningKey::new([0; 8]).err(), Some(KeyError::AllZeroSecret));
        assert_eq!(
            SigningKey::from_secret("whsec_AAAA", SecretFormat::StandardWebhooks).err(),
            Some(KeyError::AllZeroSecret)
        );
        assert!(SigningKey::new(b"x").is_ok());
        assert!(SigningKey::new([0, 0, 1]).is_ok());
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

    fn sw(secret: &str) -> Result<SigningKey, KeyError> {
        SigningKey::from_secret(secret, SecretFormat::StandardWebhooks)
    }

    #[test]
    fn standard_webhooks_secrets_padded_or_not() {
        let padded = sw("whsec_dGVzdA==").unwrap();
        let unpadded = sw("whsec_dGVzdA").unwrap();
        let bare = sw("dGVzdA").unwrap();
        let raw = SigningKey::new("test").unwrap();
        for key in [padded, unpadded, bare] {
            assert_eq!(key.sign(b"m"), raw.sign(b"m"));
        }
        assert_eq!(sw("whsec_").err(), Some(KeyError::EmptySecret));
        assert_eq!(
            sw("whsec_ab*d").err(),
            Some(KeyError::NotBase64 { offset: 8 })
        );
        assert_eq!(
            sw("whsec_abcde").err(),
            Some(KeyError::NotBase64 { offset: 11 })
        );
        // Nothing but padding decodes to no bytes: no secret at all.
        assert_eq!(sw("==").err(), Some(KeyError::EmptySecret));
        // Read as the vendors' libraries read it: padding partial or absent,
        // unused trailing bits ignored.
        let raw = SigningKey::new("test").unwrap().sign(b"m");
        for lenient in ["whsec_dGVzdA=", "whsec_dGVzdB==", "whsec_dGVzdP"] {
            assert_eq!(sw(lenient).unwrap().sign(b"m"), raw, "{lenient}");
        }
    }

    #[test]
    fn ed25519_keys_are_not_secrets() {
        for (text, found) in [
            ("whpk_dGVzdA==", KeyKind::Ed25519PublicKey),
            ("whsk_dGVzdA==", KeyKind::Ed25519SigningKey),
        ] {
            assert_eq!(
                sw(text).err(),
                Some(KeyError::WrongKind {
                    expected: KeyKind::HmacSecret,
                    found
                })
            );
            // As it stands, the same text is an HMAC secret like any other.
            assert!(SigningKey::from_secret(text, SecretFormat::Raw).is_ok());
        }
        let hex = "ab".repeat(32);
        assert!(matches!(
            SigningKey::from_secret(hex, SecretFormat::Ed25519PublicKeyHex),
            Err(KeyError::WrongKind { .. })
        ));
    }

    #[test]
    fn debug_is_redacted() {
        let key = SigningKey::new("hunter2").unwrap();
        assert_eq!(format!("{key:?}"), "SigningKey([REDACTED])");
        assert_eq!(format!("{key:#?}"), "SigningKey([REDACTED])");
    }
}
