//! Keys: a secret or key read in its platform's format and turned once into
//! what signing and verifying need. HMAC-SHA256 keys ([`SigningKey`]) and,
//! with the `ed25519` feature, Ed25519 keys (a receiver's `PublicKey`, a
//! sender's `KeyPair`).

use alloc::{vec, vec::Vec};
use core::fmt;

use crate::codec::base64;

#[cfg(feature = "ed25519")]
mod ed25519;
#[cfg(not(feature = "ed25519"))]
mod ed25519_off;
mod error;
mod hmac;

#[cfg(feature = "ed25519")]
pub(crate) use ed25519::strict_r;
#[cfg(feature = "ed25519")]
pub use ed25519::{KeyPair, PublicKey};
#[cfg(not(feature = "ed25519"))]
pub(crate) use ed25519_off::{KeyPair, PublicKey, strict_r};
pub use error::KeyError;
pub use hmac::SigningKey;

/// How a platform writes its keys, and so how a key's text becomes a key.
///
/// Each [`Platform`](crate::Platform) knows its own, so that a key pasted
/// from its dashboard is read the way its sender means it: the commonest
/// cause of "no signature matched" in every webhook library is a Standard
/// Webhooks secret used raw, or a Stripe secret base64-decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretFormat {
    /// The secret's bytes as they stand: Stripe (its `whsec_` prefix
    /// included), Slack, GitHub, Shopify and the five seed platforms.
    Raw,
    /// Standard Webhooks and Svix: base64 behind a prefix that names the
    /// kind of key. `whsec_` (or no prefix) is an HMAC secret, the key being
    /// the decoded bytes; `whpk_` an Ed25519 public key (the raw 32 bytes,
    /// or their 44-byte SPKI DER); `whsk_` an Ed25519 signing key (the
    /// 32-byte seed, its 48-byte PKCS#8 DER, or seed and public key, 64
    /// bytes, as Svix writes it). Base64 padded or not.
    StandardWebhooks,
    /// Not a secret: the 64 hex digits of an Ed25519 public key, as Discord
    /// shows an application's public key. Receivers verify with it; nothing
    /// signs with it.
    Ed25519PublicKeyHex,
}

/// The kinds of key the crate knows, for errors that say which kind was
/// given and which was needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyKind {
    /// An HMAC-SHA256 secret, shared by sender and receiver (`whsec_`).
    HmacSecret,
    /// An Ed25519 public key, which only verifies (`whpk_`, Discord's hex).
    Ed25519PublicKey,
    /// An Ed25519 signing key, which only the sender holds (`whsk_`).
    Ed25519SigningKey,
}

impl fmt::Display for KeyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::HmacSecret => "an HMAC secret",
            Self::Ed25519PublicKey => "an Ed25519 public key",
            Self::Ed25519SigningKey => "an Ed25519 signing key",
        })
    }
}

/// A key of any kind, read from text in a platform's format. (Without the
/// `ed25519` feature only secrets are ever made.)
#[derive(Debug)]
#[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
pub(crate) enum AnyKey {
    Secret(SigningKey),
    Public(PublicKey),
    Pair(KeyPair),
}

impl AnyKey {
    pub(crate) fn kind(&self) -> KeyKind {
        match self {
            Self::Secret(_) => KeyKind::HmacSecret,
            Self::Public(_) => KeyKind::Ed25519PublicKey,
            Self::Pair(_) => KeyKind::Ed25519SigningKey,
        }
    }
}

/// The Standard Webhooks prefixes, which name the kind of key.
pub(crate) const WHSEC: &[u8] = b"whsec_";
pub(crate) const WHPK: &[u8] = b"whpk_";
pub(crate) const WHSK: &[u8] = b"whsk_";

/// Reads `text` in `format` as whichever kind of key it is: for Standard
/// Webhooks the prefix says, for Discord's format it is a public key, and
/// raw text is an HMAC secret.
///
/// # Errors
///
/// The [`KeyError`] of the kind's own reader; without the `ed25519`
/// feature, [`KeyError::Unsupported`] for an Ed25519 key.
pub(crate) fn read(text: &[u8], format: SecretFormat) -> Result<AnyKey, KeyError> {
    match (format, standard_webhooks_kind(text)) {
        (SecretFormat::StandardWebhooks, KeyKind::Ed25519PublicKey) => public(text, format),
        (SecretFormat::StandardWebhooks, KeyKind::Ed25519SigningKey) => pair(text, format),
        (SecretFormat::Ed25519PublicKeyHex, _) => public(text, format),
        _ => SigningKey::from_secret(text, format).map(AnyKey::Secret),
    }
}

#[cfg(feature = "ed25519")]
fn public(text: &[u8], format: SecretFormat) -> Result<AnyKey, KeyError> {
    PublicKey::from_text(text, format).map(AnyKey::Public)
}

#[cfg(feature = "ed25519")]
fn pair(text: &[u8], format: SecretFormat) -> Result<AnyKey, KeyError> {
    KeyPair::from_text(text, format).map(AnyKey::Pair)
}

#[cfg(not(feature = "ed25519"))]
fn public(_: &[u8], _: SecretFormat) -> Result<AnyKey, KeyError> {
    Err(KeyError::Unsupported {
        kind: KeyKind::Ed25519PublicKey,
    })
}

#[cfg(not(feature = "ed25519"))]
fn pair(_: &[u8], _: SecretFormat) -> Result<AnyKey, KeyError> {
    Err(KeyError::Unsupported {
        kind: KeyKind::Ed25519SigningKey,
    })
}

/// The kind of key a Standard Webhooks prefix names; no prefix is a secret.
pub(crate) fn standard_webhooks_kind(text: &[u8]) -> KeyKind {
    if text.starts_with(WHPK) {
        KeyKind::Ed25519PublicKey
    } else if text.starts_with(WHSK) {
        KeyKind::Ed25519SigningKey
    } else {
        KeyKind::HmacSecret
    }
}

/// Decodes the base64 after a prefix `skip` bytes long, into memory wiped
/// on drop (it may hold a secret). A key is configuration, not attacker
/// input: it is read as leniently as the Standard Webhooks and Svix
/// libraries read it (padding optional, unused trailing bits ignored).
///
/// # Errors
///
/// [`KeyError::NotBase64`] with the offset of the bad byte in the whole
/// text.
pub(crate) fn decode_base64(
    text: &[u8],
    skip: usize,
) -> Result<zeroize::Zeroizing<Vec<u8>>, KeyError> {
    let rest = text.get(skip..).unwrap_or_default();
    let mut bytes = zeroize::Zeroizing::new(vec![0; base64::max_decoded_len(rest.len())]);
    let len = base64::decode_lenient(rest, &mut bytes).map_err(|index| KeyError::NotBase64 {
        offset: skip + index,
    })?;
    bytes.truncate(len);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_names_the_kind() {
        assert_eq!(standard_webhooks_kind(b"whsec_abc"), KeyKind::HmacSecret);
        assert_eq!(standard_webhooks_kind(b"abc"), KeyKind::HmacSecret);
        assert_eq!(
            standard_webhooks_kind(b"whpk_abc"),
            KeyKind::Ed25519PublicKey
        );
        assert_eq!(
            standard_webhooks_kind(b"whsk_abc"),
            KeyKind::Ed25519SigningKey
        );
        let sw = SecretFormat::StandardWebhooks;
        assert!(matches!(read(b"whsec_dGVzdA==", sw), Ok(AnyKey::Secret(_))));
        // Raw secrets are never read as other kinds, whatever they start with.
        assert!(matches!(
            read(b"whpk_dGVzdA==", SecretFormat::Raw),
            Ok(AnyKey::Secret(_))
        ));
        #[cfg(feature = "ed25519")]
        assert!(matches!(
            read(b"whpk_dGVzdA==", sw),
            Err(KeyError::KeyLength { found: 4, .. })
        ));
        #[cfg(not(feature = "ed25519"))]
        assert_eq!(
            read(b"whpk_dGVzdA==", sw).err(),
            Some(KeyError::Unsupported {
                kind: KeyKind::Ed25519PublicKey
            })
        );
    }

    #[test]
    fn base64_errors_count_the_prefix() {
        assert_eq!(
            decode_base64(b"whpk_ab*d", 5).err(),
            Some(KeyError::NotBase64 { offset: 7 })
        );
        assert_eq!(
            decode_base64(b"whpk_aGk=", 5)
                .ok()
                .as_deref()
                .map(|b| b.as_slice()),
            Some(&b"hi"[..])
        );
    }
}
