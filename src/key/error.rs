//! Why a key could not be read, or was not the kind its use needs.

use alloc::boxed::Box;

use super::KeyKind;
use crate::Scheme;

/// Why a key's text could not become a key, or why a key cannot serve where
/// it was given.
///
/// Each message says which form was expected and what was found (a prefix,
/// a length, an offset). No variant carries secret bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The secret was empty.
    #[error("the secret is empty")]
    EmptySecret,
    /// The secret was only zero bytes, which HMAC cannot tell from the empty
    /// key (it pads short keys with zeros).
    #[error("the secret is all zero bytes, which HMAC treats as no secret")]
    AllZeroSecret,
    /// An Ed25519 seed of only zero bytes: a signing key anyone can guess.
    #[error("the Ed25519 seed is all zero bytes, which anyone can guess")]
    AllZeroSeed,
    /// A key of a list for rotation could not become a key.
    #[error("key {index} of the list: {error}")]
    InList {
        /// Zero-based position of the key in the list.
        index: usize,
        /// What is wrong with it.
        error: Box<KeyError>,
    },
    /// A list of keys for rotation held none.
    #[error("no secret was given")]
    NoSecrets,
    /// Text after a Standard Webhooks prefix that is not base64.
    #[error("the secret is not base64: bad byte at offset {offset}")]
    NotBase64 {
        /// Zero-based offset of the first bad byte in the key's text.
        offset: usize,
    },
    /// A key of one kind where another is needed, such as a `whpk_` public
    /// key given to a signer. The message says what to do instead.
    #[error("{found} where {expected} is needed: {}", hint(*expected, *found))]
    WrongKind {
        /// The kind the use needs.
        expected: KeyKind,
        /// The kind the text or value is.
        found: KeyKind,
    },
    /// A key of a kind the platform's scheme never uses, such as an Ed25519
    /// public key for Stripe, or an HMAC secret for Discord.
    #[error("the {scheme} scheme does not use {kind}")]
    NotForScheme {
        /// The platform's scheme.
        scheme: Scheme,
        /// The kind of key given.
        kind: KeyKind,
    },
    /// A Standard Webhooks public or signing key without its prefix. Without
    /// one, the format reads text as an HMAC secret, so the prefix is
    /// required where only an Ed25519 key will do.
    #[error("the key does not start with {expected}")]
    MissingPrefix {
        /// The prefix the key must start with (`whpk_`, `whsk_`).
        expected: &'static str,
    },
    /// A byte that is not a hex digit in a hex key (Discord's public key).
    #[error("the key is not hex: bad byte at offset {offset}")]
    NotHex {
        /// Zero-based offset of the first bad byte in the key's text.
        offset: usize,
    },
    /// A hex key with the wrong number of digits.
    #[error("the key is {found} hex digits, expected {expected}")]
    HexDigits {
        /// How many digits it has.
        found: usize,
        /// How many it must have (64 for an Ed25519 public key).
        expected: usize,
    },
    /// A key that decodes to a length no form of its kind has.
    #[error("{kind} decodes to {found} bytes, expected {expected}")]
    KeyLength {
        /// The kind of key read.
        kind: KeyKind,
        /// How many bytes it decoded to.
        found: usize,
        /// The lengths its forms have, such as "32 (the key) or 44 (its
        /// SPKI DER)".
        expected: &'static str,
    },
    /// A key whose length is that of its DER form (SPKI for a public key,
    /// PKCS#8 for a signing key) but whose bytes are not an Ed25519 key in
    /// that form.
    #[error("{kind} of {len} bytes must be Ed25519 DER, starting {prefix}")]
    NotEd25519Der {
        /// The kind of key read.
        kind: KeyKind,
        /// Its length in bytes.
        len: usize,
        /// The DER header, in hex, its bytes must start with.
        prefix: &'static str,
    },
    /// 32 bytes that are not a point on the Ed25519 curve.
    #[error("the public key is not a point on the Ed25519 curve")]
    NotOnCurve,
    /// A public key of small order: strict verification refuses every
    /// signature under it (under lax verification it would accept forged
    /// ones).
    #[error("the public key is a point of small order, which verifies nothing")]
    WeakPublicKey,
    /// An Ed25519 key, where the crate was built without its `ed25519`
    /// feature (on by default).
    #[error("{kind} needs hooksig's `ed25519` feature, which this build leaves out")]
    Unsupported {
        /// The kind of key given.
        kind: KeyKind,
    },
    /// A signer asked for an HMAC signature holds only Ed25519 keys.
    #[error(
        "the signer holds no HMAC secret, only Ed25519 keys: body-only signatures are HMAC-SHA256"
    )]
    NoHmacSecret,
    /// A signing key written with its public key (Svix's 64-byte `whsk_`)
    /// whose public half is not the one its seed makes.
    #[error("the signing key's public half does not belong to its seed")]
    MismatchedKeyPair,
    /// A public key given as base64 text (SendGrid's verification key)
    /// with a byte that is not base64, or a length base64 never has.
    #[error("the public key is not base64: bad byte at offset {offset}")]
    PublicKeyNotBase64 {
        /// Zero-based offset of the first bad byte in the key's text (its
        /// length, when the length is what is wrong).
        offset: usize,
    },
    /// Bytes that are not the DER structure they must be: a public key's
    /// SubjectPublicKeyInfo, or an X.509 certificate.
    #[error("the {what} is not well-formed DER")]
    NotDer {
        /// What the bytes should have been ("verification key (a DER
        /// SubjectPublicKeyInfo)", "certificate").
        what: &'static str,
    },
    /// Text that holds no PEM certificate: no `-----BEGIN CERTIFICATE-----`
    /// block, or one whose base64 or boundaries are broken.
    #[error("the certificate is not PEM: {reason}")]
    NotPem {
        /// What is wrong with the text.
        reason: &'static str,
    },
    /// A well-formed key of another algorithm or curve than the one the
    /// provider signs with, such as an RSA key for SendGrid (ECDSA P-256).
    #[error("the key is {found}, expected {expected}")]
    WrongKeyType {
        /// The kind of key the provider needs.
        expected: &'static str,
        /// The kind the key is.
        found: &'static str,
    },
    /// A key of the right algorithm whose value no key can have: an
    /// elliptic-curve point off the curve, or an RSA modulus or exponent
    /// outside what RSA verification accepts (1024 to 8192 bits).
    #[error("the key is not a valid {kind}")]
    InvalidPublicKey {
        /// The kind of key it claims to be.
        kind: &'static str,
    },
    /// A private key for one of the providers' test signers that is not a
    /// key of its kind.
    #[error("the signing key is not a valid {kind}")]
    InvalidSigningKey {
        /// The kind of key needed.
        kind: &'static str,
    },
    /// A PayPal webhook id that is empty, or has a byte other than an ASCII
    /// letter or digit (PayPal documents its ids as `^[a-zA-Z0-9]+$`).
    #[error("the webhook id {reason}")]
    WebhookId {
        /// What is wrong with it ("is empty", "has a byte that is not an
        /// ASCII letter or digit").
        reason: &'static str,
    },
    /// A certificate URL that is not on PayPal's API hosts over HTTPS, so
    /// a certificate fetched from it proves nothing.
    #[error("the certificate URL is not PayPal's: {reason}")]
    NotPayPalCertificateUrl {
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// What to do instead, for [`KeyError::WrongKind`].
fn hint(expected: KeyKind, found: KeyKind) -> &'static str {
    use KeyKind::{Ed25519PublicKey, Ed25519SigningKey, HmacSecret};
    match (expected, found) {
        (Ed25519SigningKey | HmacSecret, Ed25519PublicKey) => {
            "a public key only verifies; a sender signs with the private key it belongs to \
             (its whsk_ key, or KeyPair::from_seed)"
        }
        (Ed25519PublicKey, Ed25519SigningKey) => {
            "the signing key stays with the sender; give the receiver its public key \
             (the whpk_ key, KeyPair::public_key)"
        }
        (Ed25519PublicKey, HmacSecret) => {
            "a whsec_ secret is shared, not public; pass it to Platform::verifier, \
             which reads secrets and public keys alike"
        }
        (HmacSecret, Ed25519SigningKey) => {
            "an Ed25519 signing key signs with Ed25519; read it with Platform::key_pair, \
             or pass it to Platform::signer"
        }
        (Ed25519SigningKey, HmacSecret) => {
            "an HMAC secret signs with HMAC-SHA256; read it with Platform::key"
        }
        _ => "the kinds are the same",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_kinds_name_the_fix() {
        let error = KeyError::WrongKind {
            expected: KeyKind::Ed25519SigningKey,
            found: KeyKind::Ed25519PublicKey,
        };
        let message = error.to_string();
        assert!(
            message.starts_with("an Ed25519 public key where an Ed25519 signing key is needed: "),
            "{message}"
        );
        assert!(message.contains("whsk_"), "{message}");
        let error = KeyError::WrongKind {
            expected: KeyKind::Ed25519PublicKey,
            found: KeyKind::Ed25519SigningKey,
        };
        assert!(error.to_string().contains("whpk_"), "{error}");
    }

    #[test]
    fn lengths_say_expected_and_found() {
        let error = KeyError::KeyLength {
            kind: KeyKind::Ed25519PublicKey,
            found: 31,
            expected: "32 (the key) or 44 (its SPKI DER)",
        };
        assert_eq!(
            error.to_string(),
            "an Ed25519 public key decodes to 31 bytes, expected 32 (the key) or 44 (its SPKI DER)"
        );
    }
}
