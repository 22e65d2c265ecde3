//! The sender's side: signing bodies, with one key or several while a
//! secret rotates.

use crate::{KeyError, Signature, SigningKey};
use alloc::boxed::Box;

/// Signs webhooks with one key, or with several while a secret rotates.
///
/// Build one with [`Platform::signer`](crate::Platform::signer), which reads
/// the secret in the platform's format, and hand it to
/// [`RequestBuilder::sign_with`](crate::RequestBuilder::sign_with). Each key
/// is keyed into HMAC-SHA256 once; each signature copies that state and
/// hashes, so signing neither re-keys nor allocates.
///
/// During a rotation, give the new secret first: the schemes that list
/// signatures (Standard Webhooks, Stripe) send one per key, so receivers
/// holding either secret accept the request; the body-only schemes have
/// room for one and send the first key's.
///
/// ```
/// use hooksig::Platform;
///
/// let signer = Platform::GITHUB.signer("It's a Secret to Everybody")?;
/// assert_eq!(
///     signer.sign(b"Hello, World!").to_string(),
///     "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// );
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Signer {
    // The first key apart, so that a signer without a key cannot exist.
    first: SigningKey,
    rest: Box<[SigningKey]>,
}

impl Signer {
    /// A signer for one key already built.
    pub fn from_key(key: SigningKey) -> Self {
        Self {
            first: key,
            rest: Box::new([]),
        }
    }

    /// A signer for several keys, the first being the one body-only schemes
    /// sign with.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when `keys` is empty.
    pub fn from_keys(keys: impl IntoIterator<Item = SigningKey>) -> Result<Self, KeyError> {
        let mut keys = keys.into_iter();
        let first = keys.next().ok_or(KeyError::NoSecrets)?;
        Ok(Self {
            first,
            rest: keys.collect(),
        })
    }

    /// How many keys the signer holds.
    pub fn key_count(&self) -> usize {
        1 + self.rest.len()
    }

    /// The HMAC-SHA256 of the raw `body` bytes under the first key: the
    /// signature of a body-only scheme.
    #[inline]
    pub fn sign(&self, body: &[u8]) -> Signature {
        self.first.sign(body)
    }

    /// The first key's MAC of the concatenated `parts`.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn sign_parts(&self, parts: &[&[u8]]) -> Signature {
        self.first.sign_parts(parts)
    }

    /// Each key's MAC of the concatenated `parts`, first key first.
    #[cfg_attr(not(feature = "http"), allow(dead_code))]
    pub(crate) fn sign_each<'a>(
        &'a self,
        parts: &'a [&'a [u8]],
    ) -> impl Iterator<Item = Signature> + 'a {
        core::iter::once(&self.first)
            .chain(&self.rest)
            .map(move |key| key.sign_parts(parts))
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
        assert_eq!(signer.sign(b"m"), new.sign(b"m"));
        let each: Vec<_> = signer.sign_each(&[b"m"]).collect();
        assert_eq!(each, [new.sign(b"m"), old.sign(b"m")]);
        assert_eq!(Signer::from_keys([]).err(), Some(KeyError::NoSecrets));
    }
}
