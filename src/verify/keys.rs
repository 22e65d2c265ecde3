//! The keys a verifier holds, HMAC secrets and Ed25519 public keys side by
//! side, and how a request's signatures are checked against them.

use alloc::{boxed::Box, vec::Vec};

use subtle::{Choice, ConstantTimeEq};

use crate::{
    Ed25519Signature, KeyError, KeyKind, Scheme, Signature, SigningKey,
    key::{AnyKey, PublicKey, strict_r},
    scheme::Overflow,
};

/// HMAC keys and Ed25519 public keys, at least one of either, each of a
/// kind the verifier's scheme uses.
#[derive(Clone)]
pub(crate) struct Keys {
    secrets: Box<[SigningKey]>,
    public: Box<[PublicKey]>,
}

impl Keys {
    /// Whether a verifier of `scheme` may hold `key`.
    ///
    /// # Errors
    ///
    /// [`KeyError::NotForScheme`] for a key of a kind the scheme never
    /// uses, and [`KeyError::WrongKind`] for an Ed25519 signing key, which
    /// stays with the sender.
    pub(crate) fn check(scheme: Scheme, key: &AnyKey) -> Result<(), KeyError> {
        let kind = key.kind();
        if !uses(scheme, kind) {
            return Err(KeyError::NotForScheme { scheme, kind });
        }
        match key {
            AnyKey::Pair(_) => Err(KeyError::WrongKind {
                expected: KeyKind::Ed25519PublicKey,
                found: KeyKind::Ed25519SigningKey,
            }),
            AnyKey::Secret(_) | AnyKey::Public(_) => Ok(()),
        }
    }

    /// The keys, each already [checked](Keys::check) for the scheme.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when there are none.
    pub(crate) fn new(keys: impl IntoIterator<Item = AnyKey>) -> Result<Self, KeyError> {
        let mut secrets = Vec::new();
        let mut public = Vec::new();
        for key in keys {
            match key {
                AnyKey::Secret(key) => secrets.push(key),
                AnyKey::Public(key) => public.push(key),
                // `check` refuses them: a signing key stays with the sender.
                AnyKey::Pair(_) => {}
            }
        }
        if secrets.is_empty() && public.is_empty() {
            return Err(KeyError::NoSecrets);
        }
        Ok(Self {
            secrets: secrets.into(),
            public: public.into(),
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.secrets.len() + self.public.len()
    }

    pub(crate) fn secret_count(&self) -> usize {
        self.secrets.len()
    }

    #[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
    pub(crate) fn public_keys(&self) -> &[PublicKey] {
        &self.public
    }

    /// The versions of the signatures these keys can check, for
    /// [`SignatureError::NoSignature`](crate::SignatureError::NoSignature),
    /// when a header lists none of them.
    pub(crate) fn versions(&self, scheme: Scheme) -> &'static str {
        match (scheme, self.secrets.is_empty(), self.public.is_empty()) {
            (Scheme::StandardWebhooks, true, _) => "v1a",
            (Scheme::StandardWebhooks, false, false) => "v1 or v1a",
            _ => "v1",
        }
    }

    /// Whether the request carries a signature of a kind these keys check.
    #[inline]
    pub(crate) fn can_check(&self, hmac: &[Signature], ed25519: &[Ed25519Signature]) -> bool {
        (!self.secrets.is_empty() && !hmac.is_empty())
            || (!self.public.is_empty() && !ed25519.is_empty())
    }

    /// Whether any secret made `signature`, the one MAC of a body-only
    /// scheme over `body`: [`Keys::match_any`] without the lists, which the
    /// 64-byte check pays for otherwise (BENCHMARKS.md).
    #[inline]
    pub(crate) fn match_body(&self, body: &[u8], signature: &Signature) -> bool {
        let mut matched = Choice::from(0);
        for key in &self.secrets {
            matched |= key.sign_parts(&[body]).ct_eq(signature);
        }
        bool::from(matched)
    }

    /// Whether any key made any of the signatures of the concatenated
    /// `parts` (`overflow` holds the HMAC ones past `hmac`). Every HMAC key is hashed once and its MAC compared with
    /// every HMAC candidate in constant time; every public key checks every
    /// Ed25519 candidate. Nothing stops at a match, so the time taken does
    /// not tell which key or which signature matched.
    #[inline]
    pub(crate) fn match_any(
        &self,
        parts: &[&[u8]],
        hmac: &[Signature],
        overflow: Option<Overflow<'_>>,
        ed25519: &[Ed25519Signature],
    ) -> bool {
        let mut matched = Choice::from(0);
        if !hmac.is_empty() {
            for key in &self.secrets {
                let expected = key.sign_parts(parts);
                for candidate in hmac {
                    matched |= expected.ct_eq(candidate);
                }
                if let Some(overflow) = overflow {
                    matched |= overflowed(&expected, overflow);
                }
            }
        }
        if !self.public.is_empty() {
            for candidate in ed25519 {
                // `verify_strict`'s check of `R`, made once per signature:
                // a signature that fails it fails under every key.
                let strict = strict_r(candidate);
                for key in &self.public {
                    let verified = strict && key.verify_parts(parts, candidate);
                    matched |= Choice::from(u8::from(verified));
                }
            }
        }
        bool::from(matched)
    }
}

/// Whether `expected` is among the signatures past the stack, read again
/// from the header: a decode and a compare each, never a hash. Out of line,
/// so that the common case, a list the stack holds, stays a tight loop (the
/// iterator inlined into it cost a 64-byte check 10 %).
#[inline(never)]
fn overflowed(expected: &Signature, overflow: Overflow<'_>) -> Choice {
    overflow
        .signatures()
        .fold(Choice::from(0), |matched, candidate| {
            matched | expected.ct_eq(&candidate)
        })
}

/// Whether `scheme` signs with keys of `kind`: Standard Webhooks with HMAC
/// secrets and Ed25519 keys, Discord with Ed25519 keys only, the others
/// with HMAC secrets only.
pub(crate) const fn uses(scheme: Scheme, kind: KeyKind) -> bool {
    match scheme {
        Scheme::StandardWebhooks => true,
        Scheme::Discord => !matches!(kind, KeyKind::HmacSecret),
        _ => matches!(kind, KeyKind::HmacSecret),
    }
}

#[cfg(test)]
#[cfg(feature = "ed25519")]
mod tests {
    use super::*;
    use crate::KeyPair;

    fn secret(text: &str) -> AnyKey {
        AnyKey::Secret(SigningKey::new(text).unwrap())
    }

    fn pair(byte: u8) -> KeyPair {
        KeyPair::from_seed(&[byte; 32]).unwrap()
    }

    fn keys(scheme: Scheme, keys: impl IntoIterator<Item = AnyKey>) -> Result<Keys, KeyError> {
        let keys: Vec<AnyKey> = keys.into_iter().collect();
        for key in &keys {
            Keys::check(scheme, key)?;
        }
        Keys::new(keys)
    }

    #[test]
    fn any_key_against_any_candidate() {
        let keys = keys(Scheme::Stripe, [secret("a"), secret("b")]).unwrap();
        let good = SigningKey::new("b").unwrap().sign(b"m");
        let bad = Signature::from_bytes([0; 32]);
        assert!(keys.match_any(&[b"m"], &[bad, good], None, &[]));
        assert!(!keys.match_any(&[b"m"], &[bad], None, &[]));
        assert!(!keys.match_any(&[b"m"], &[], None, &[]));
        assert!(!keys.match_any(&[b"other"], &[good], None, &[]));
        // The body-only shortcut answers as the general check does.
        assert!(keys.match_body(b"m", &good));
        assert!(!keys.match_body(b"m", &bad));
        assert!(!keys.match_body(b"other", &good));
    }

    #[test]
    fn secrets_and_public_keys_side_by_side() {
        let keys = keys(
            Scheme::StandardWebhooks,
            [
                secret("a"),
                AnyKey::Public(pair(1).public_key()),
                AnyKey::Public(pair(2).public_key()),
            ],
        )
        .unwrap();
        assert_eq!((keys.len(), keys.secret_count()), (3, 1));
        let parts: &[&[u8]] = &[b"id", b".", b"1", b".", b"{}"];
        let mac = SigningKey::new("a").unwrap().sign_parts(parts);
        let old = pair(2).sign_parts(parts);
        let stranger = pair(3).sign_parts(parts);
        assert!(keys.match_any(parts, &[], None, &[stranger, old]));
        assert!(keys.match_any(parts, &[mac], None, &[stranger]));
        assert!(!keys.match_any(parts, &[Signature::from_bytes([1; 32])], None, &[stranger]));
        assert!(!keys.match_any(&[b"id.1.{ }"], &[mac], None, &[old]));
        assert!(keys.can_check(&[], &[old]));
        assert_eq!(keys.versions(Scheme::StandardWebhooks), "v1 or v1a");
    }

    #[test]
    fn each_scheme_takes_its_own_kinds() {
        let public = || AnyKey::Public(pair(1).public_key());
        assert_eq!(
            keys(Scheme::Stripe, [public()]).err(),
            Some(KeyError::NotForScheme {
                scheme: Scheme::Stripe,
                kind: KeyKind::Ed25519PublicKey
            })
        );
        assert_eq!(
            keys(Scheme::Discord, [public(), secret("s")]).err(),
            Some(KeyError::NotForScheme {
                scheme: Scheme::Discord,
                kind: KeyKind::HmacSecret
            })
        );
        assert_eq!(
            keys(Scheme::StandardWebhooks, [AnyKey::Pair(pair(1))]).err(),
            Some(KeyError::WrongKind {
                expected: KeyKind::Ed25519PublicKey,
                found: KeyKind::Ed25519SigningKey
            })
        );
        assert_eq!(keys(Scheme::Discord, []).err(), Some(KeyError::NoSecrets));
        let only_public = keys(Scheme::StandardWebhooks, [public()]).unwrap();
        assert_eq!(only_public.versions(Scheme::StandardWebhooks), "v1a");
        assert!(!only_public.can_check(&[Signature::from_bytes([0; 32])], &[]));
    }
}
