//! Secrets as data: the bytes a webhook is signed with, kept out of logs.

use alloc::{boxed::Box, string::String, vec::Vec};
use core::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::{KeyError, Platform, Signer, SigningKey};

/// What a [`Secret`] prints and serializes as.
const REDACTED: &str = "[REDACTED]";

/// A webhook secret held as bytes, for code that stores endpoints or reads
/// them from a registration body such as Cortex's
/// `{"url", "events", "secret", "active"}`.
///
/// A `Secret` is never empty. `Debug` and `Display` print `[REDACTED]`,
/// `Serialize` writes the string `"[REDACTED]"`, and the bytes are wiped
/// from memory when the secret is dropped. `Deserialize` reads a string and
/// refuses an empty one and the `"[REDACTED]"` placeholder, so a logged copy
/// of an endpoint cannot be read back as if it held the secret. Two secrets
/// compare equal in constant time.
///
/// To sign, turn it into a [`Signer`] or [`SigningKey`] for the platform
/// once and keep that: keying is the expensive part.
///
/// ```
/// use hooksig::{KeyError, Platform};
/// use hooksig::delivery::Secret;
///
/// let secret: Secret = "whsec-from-the-registration".parse()?;
/// assert_eq!(format!("{secret:?} {secret}"), "[REDACTED] [REDACTED]");
/// assert_eq!(serde_json::to_string(&secret)?, r#""[REDACTED]""#);
///
/// let signer = secret.signer(Platform::CORTEX)?;
/// assert_eq!(signer.sign(b"body")?, Platform::CORTEX.signer("whsec-from-the-registration")?.sign(b"body")?);
///
/// assert_eq!("".parse::<Secret>().err(), Some(KeyError::EmptySecret));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Secret {
    bytes: Box<[u8]>,
}

impl Secret {
    /// A secret of `bytes`, used as raw bytes when signing.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] when `bytes` is empty.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self, KeyError> {
        let mut bytes = bytes.into();
        if bytes.is_empty() {
            return Err(KeyError::EmptySecret);
        }
        // `into_boxed_slice` reallocates when there is spare capacity and
        // frees the old buffer unwiped: copy instead, and wipe the original.
        let bytes = if bytes.len() == bytes.capacity() {
            bytes.into_boxed_slice()
        } else {
            let copy = Box::from(bytes.as_slice());
            bytes.zeroize();
            copy
        };
        Ok(Self { bytes })
    }

    /// The secret bytes, for the one place that must store them (a secrets
    /// store, an encrypted column). The name is meant to stand out in review.
    pub fn expose_secret(&self) -> &[u8] {
        &self.bytes
    }

    /// The secret read in `platform`'s format and keyed into HMAC-SHA256
    /// state ([`Platform::key`]).
    ///
    /// # Errors
    ///
    /// As [`Platform::key`]: an all-zero secret, or one that is not in the
    /// platform's format.
    pub fn signing_key(&self, platform: &Platform) -> Result<SigningKey, KeyError> {
        platform.key(&self.bytes)
    }

    /// A [`Signer`] for this secret on `platform` ([`Platform::signer`]):
    /// for Standard Webhooks and Svix a `whsk_` Ed25519 signing key signs
    /// too.
    ///
    /// # Errors
    ///
    /// As [`Platform::signer`].
    pub fn signer(&self, platform: &Platform) -> Result<Signer, KeyError> {
        platform.signer(&self.bytes)
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl FromStr for Secret {
    type Err = KeyError;

    fn from_str(secret: &str) -> Result<Self, Self::Err> {
        Self::new(secret)
    }
}

impl TryFrom<&str> for Secret {
    type Error = KeyError;

    fn try_from(secret: &str) -> Result<Self, Self::Error> {
        Self::new(secret)
    }
}

impl TryFrom<String> for Secret {
    type Error = KeyError;

    fn try_from(secret: String) -> Result<Self, Self::Error> {
        Self::new(secret)
    }
}

impl TryFrom<Vec<u8>> for Secret {
    type Error = KeyError;

    fn try_from(secret: Vec<u8>) -> Result<Self, Self::Error> {
        Self::new(secret)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.bytes.ct_eq(&other.bytes).into()
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Asked for a string, self-describing formats such as serde_json
        // check the type themselves and write a wrong value into the error;
        // asked for anything, they hand it to the visitor, which does not.
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(SecretVisitor)
        } else {
            deserializer.deserialize_str(SecretVisitor)
        }
    }
}

struct SecretVisitor;

impl de::Visitor<'_> for SecretVisitor {
    type Value = Secret;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-empty secret string")
    }

    fn visit_str<E: de::Error>(self, secret: &str) -> Result<Secret, E> {
        if secret == REDACTED {
            return Err(E::custom(
                "the secret is the \"[REDACTED]\" placeholder a log writes, not a secret",
            ));
        }
        Secret::new(secret).map_err(E::custom)
    }

    // serde's defaults for the other types write the value into the error
    // ("invalid type: integer `8675309123`"), and configuration loaders log
    // such errors: say only what kind of value it was.

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("a boolean"), &self))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("a number"), &self))
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("a number"), &self))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("a number"), &self))
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("a number"), &self))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("a number"), &self))
    }

    fn visit_char<E: de::Error>(self, _: char) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("a character"), &self))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Secret, E> {
        Err(E::invalid_type(de::Unexpected::Other("bytes"), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_is_refused_everywhere() {
        assert_eq!(Secret::new(Vec::new()).err(), Some(KeyError::EmptySecret));
        assert_eq!("".parse::<Secret>().err(), Some(KeyError::EmptySecret));
        let error = serde_json::from_str::<Secret>(r#""""#).unwrap_err();
        assert!(
            error.to_string().starts_with("the secret is empty"),
            "{error}"
        );
    }

    #[test]
    fn the_placeholder_is_not_read_back() {
        let error = serde_json::from_str::<Secret>(r#""[REDACTED]""#).unwrap_err();
        assert!(error.to_string().contains("placeholder"), "{error}");
        // Built on purpose in code, the same bytes are a (poor) secret.
        assert!(Secret::new(REDACTED).is_ok());
    }

    #[test]
    fn signs_like_the_core() {
        let secret = Secret::new("It's a Secret to Everybody").unwrap();
        assert_eq!(
            secret
                .signer(Platform::CORTEX)
                .unwrap()
                .sign(b"Hello, World!")
                .unwrap()
                .to_string(),
            "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        );
        assert_eq!(
            secret.signing_key(Platform::CORTEX).unwrap().sign(b"x"),
            SigningKey::new("It's a Secret to Everybody")
                .unwrap()
                .sign(b"x")
        );
    }

    #[test]
    fn equality_is_by_bytes() {
        let a = Secret::new("one").unwrap();
        assert_eq!(a, Secret::new(b"one".to_vec()).unwrap());
        assert_ne!(a, Secret::new("two").unwrap());
        assert_ne!(a, Secret::new("one!").unwrap());
        assert_eq!(a.expose_secret(), b"one");
    }
}
