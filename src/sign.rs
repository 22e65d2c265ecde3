//! The sender's side: signing bodies, with one key or several while a key
//! rotates, HMAC secrets and Ed25519 signing keys alike.

use alloc::{boxed::Box, vec::Vec};

use crate::{
    Ed25519Signature, KeyError, Signature, SigningKey,
    key::{AnyKey, KeyPair},
};

/// Signs webhooks with one key, or with several while a key rotates: HMAC
/// secrets, Ed25519 signing keys, or both.
///
/// Build one with [`Platform::signer`](crate::Platform::signer), which reads
/// the key in the platform's format, and hand it to
/// [`RequestBuilder::sign_with`](crate::RequestBuilder::sign_with). Each
/// secret is keyed into HMAC-SHA256 once and each Ed25519 key expanded
/// once; each signature starts from that state and hashes, so signing
/// neither re-keys nor allocates.
///
/// During a rotation, give the new key first: the schemes that list
/// signatures (Standard Webhooks, Stripe) send one per key, so receivers
/// holding either key accept the request; the others have room for one and
/// send the first key's. Standard Webhooks lists a `v1` entry per secret
/// and a `v1a` entry per Ed25519 key, which is how a sender moves its
/// receivers from secrets to public keys: sign with both for a while.
///
/// ```
/// use hooksig::Platform;
///
/// let signer = Platform::GITHUB.signer("It's a Secret to Everybody")?;
/// assert_eq!(
///     signer.sign(b"Hello, World!")?.to_string(),
///     "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// );
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Signer {
    // Never both empty: every constructor holds a key.
    secrets: Box<[SigningKey]>,
    pairs: Box<[KeyPair]>,
}

impl Signer {
    /// A signer for one HMAC key already built.
    pub fn from_key(key: SigningKey) -> Self {
        Self {
            secrets: Box::new([key]),
            pairs: Box::new([]),
        }
    }

    /// A signer for several HMAC keys, the first being the one the schemes
    /// with room for one signature sign with.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when `keys` is empty.
    pub fn from_keys(keys: impl IntoIterator<Item = SigningKey>) -> Result<Self, KeyError> {
        let secrets: Box<[SigningKey]> = keys.into_iter().collect();
        if secrets.is_empty() {
            return Err(KeyError::NoSecrets);
        }
        Ok(Self {
            secrets,
            pairs: Box::new([]),
        })
    }

    /// A signer for one Ed25519 key pair: Standard Webhooks `v1a`, or
    /// Discord-style signatures.
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn from_key_pair(pair: KeyPair) -> Self {
        Self {
            secrets: Box::new([]),
            pairs: Box::new([pair]),
        }
    }

    /// The same signer, also signing with the Ed25519 key pair `pair`,
    /// after those it holds.
    ///
    /// ```
    /// use hooksig::{KeyPair, Platform};
    ///
    /// let signer = Platform::STANDARD_WEBHOOKS
    ///     .signer("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")?
    ///     .with_key_pair(KeyPair::from_seed(&[42; 32])?);
    /// assert_eq!(signer.key_count(), 2);
    /// # Ok::<(), hooksig::KeyError>(())
    /// ```
    #[must_use]
    #[cfg(feature = "ed25519")]
    #[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
    pub fn with_key_pair(mut self, pair: KeyPair) -> Self {
        let mut pairs = core::mem::take(&mut self.pairs).into_vec();
        pairs.push(pair);
        self.pairs = pairs.into_boxed_slice();
        self
    }

    /// A signer for keys of any kind, read by a platform.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when there are none, and
    /// [`KeyError::WrongKind`] (in [`KeyError::InList`] for a list) for a
    /// public key, which cannot sign.
    pub(crate) fn from_any(
        keys: impl IntoIterator<Item = Result<AnyKey, KeyError>>,
        listed: bool,
    ) -> Result<Self, KeyError> {
        let mut secrets = Vec::new();
        let mut pairs = Vec::new();
        for (index, key) in keys.into_iter().enumerate() {
            let in_list = |error| {
                if listed {
                    KeyError::InList {
                        index,
                        error: Box::new(error),
                    }
                } else {
                    error
                }
            };
            match key.map_err(in_list)? {
                AnyKey::Secret(key) => secrets.push(key),
                AnyKey::Pair(pair) => pairs.push(pair),
                AnyKey::Public(_) => {
                    return Err(in_list(KeyError::WrongKind {
                        expected: crate::KeyKind::Ed25519SigningKey,
                        found: crate::KeyKind::Ed25519PublicKey,
                    }));
                }
            }
        }
        if secrets.is_empty() && pairs.is_empty() {
            return Err(KeyError::NoSecrets);
        }
        Ok(Self {
            secrets: secrets.into(),
            pairs: pairs.into(),
        })
    }

    /// How many keys the signer holds, of both kinds.
    pub fn key_count(&self) -> usize {
        self.secrets.len() + self.pairs.len()
    }

    /// The HMAC-SHA256 of the raw `body` bytes under the first HMAC secret:
    /// the signature of a body-only scheme.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoHmacSecret`] for a signer that holds only Ed25519 keys.
    #[inline]
    pub fn sign(&self, body: &[u8]) -> Result<Signature, KeyError> {
        self.sign_parts(&[body]).ok_or(KeyError::NoHmacSecret)
    }

    /// The first secret's MAC of the concatenated `parts`; `None` without
    /// a secret.
    pub(crate) fn sign_parts(&self, parts: &[&[u8]]) -> Option<Signature> {
        self.secrets.first().map(|key| key.sign_parts(parts))
    }

    /// The first Ed25519 key's signature of the concatenated `parts`;
    /// `None` without one.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn sign_parts_ed25519(&self, parts: &[&[u8]]) -> Option<Ed25519Signature> {
        self.pairs.first().map(|pair| pair.sign_parts(parts))
    }

    /// Each secret's MAC of the concatenated `parts`, first secret first.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn sign_each<'a>(
        &'a self,
        parts: &'a [&'a [u8]],
    ) -> impl Iterator<Item = Signature> + 'a {
        self.secrets.iter().map(move |key| key.sign_parts(parts))
    }

    /// Each Ed25519 key's signature of the concatenated `parts`, in order.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn sign_each_ed25519<'a>(
        &'a self,
        parts: &'a [&'a [u8]],
    ) -> impl Iterator<Item = Ed25519Signature> + 'a {
        self.pairs.iter().map(move |pair| pair.sign_parts(parts))
    }

    /// Whether the signer holds an HMAC secret, and an Ed25519 key.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn kinds(&self) -> (bool, bool) {
        (!self.secrets.is_empty(), !self.pairs.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_key_signs_bodies_and_each_key_signs_lists() {
        let new = SigningKey::new("new").unwrap();
        let old = SigningKey::new("old").unwrap();
        let signer = Signer::from_keys([new.clone(), old.clone()]).unwrap();
        assert_eq!(signer.sign(b"m"), Ok(new.sign(b"m")));
        let each: Vec<_> = signer.sign_each(&[b"m"]).collect();
        assert_eq!(each, [new.sign(b"m"), old.sign(b"m")]);
        assert_eq!(Signer::from_keys([]).err(), Some(KeyError::NoSecrets));
    }

    #[test]
    #[cfg(feature = "ed25519")]
    fn key_pairs_sign_beside_secrets() {
        let pair = KeyPair::from_seed(&[1; 32]).unwrap();
        let only = Signer::from_key_pair(pair.clone());
        assert_eq!(only.sign(b"m"), Err(KeyError::NoHmacSecret));
        assert_eq!(only.sign_parts_ed25519(&[b"m"]), Some(pair.sign(b"m")));
        assert_eq!(only.kinds(), (false, true));
        let mixed = Signer::from_key(SigningKey::new("s").unwrap()).with_key_pair(pair.clone());
        assert_eq!(mixed.key_count(), 2);
        assert_eq!(mixed.kinds(), (true, true));
        let each: Vec<_> = mixed.sign_each_ed25519(&[b"m"]).collect();
        assert_eq!(each, [pair.sign(b"m")]);
        assert!(format!("{mixed:?}").contains("[REDACTED]"));
    }
}
