//! Ed25519 keys: a receiver's [`PublicKey`] and a sender's [`KeyPair`], for
//! Standard Webhooks' `v1a` signatures and Discord's.
//!
//! `ed25519-dalek` does the curve arithmetic, behind the `ed25519` feature,
//! on by default. It is light to build (about 3.5 s of a clean debug build
//! on two cores, pure Rust with no system library, sharing `sha2`, `subtle`
//! and `zeroize` with the rest of the crate) but not to carry: it adds
//! 77 KB to a wasm verifier (43 KB without it, 120 KB with it, most of it
//! the precomputed basepoint tables), which a no_std or wasm build that
//! needs only HMAC leaves out. `Platform::DISCORD` and the `v1a` scheme
//! stay in every build (so `Platform::PRESETS` has one type); without the
//! feature their keys are `KeyError::Unsupported`.
//!
//! Signing and verifying hash the signed content in parts (`id`, `.`,
//! `timestamp`, `.`, body) without concatenating them, through the crate's
//! `hazmat` interface: `raw_sign_byupdate` with the key expanded once, and
//! `verify_stream`. Verification is exactly `verify_strict`'s: its two
//! extra checks (a public key of small order, and a signature's `R` that
//! does not decompress or is of small order) are made here, the first once
//! when the key is read, the second once per signature.

use alloc::{format, string::String};
use core::fmt;

use ed25519_dalek::{
    VerifyingKey,
    hazmat::{ExpandedSecretKey, raw_sign_byupdate},
};
use sha2::{Digest, Sha512};
use zeroize::Zeroizing;

use super::{KeyError, KeyKind, SecretFormat, WHPK, WHSK, decode_base64, standard_webhooks_kind};
use crate::{Ed25519Signature, codec::hex};

/// The DER header of an Ed25519 SubjectPublicKeyInfo: 12 bytes, then the
/// 32-byte key.
const SPKI_PREFIX: [u8; 12] = [
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
];
/// The DER header of an Ed25519 PKCS#8 (v1) private key: 16 bytes, then the
/// 32-byte seed.
const PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// An Ed25519 public key: what a receiver verifies `v1a` or Discord
/// signatures with. Not a secret: `Debug` and `Display` print it in hex.
///
/// Read one in its platform's format with
/// [`Platform::public_key`](crate::Platform::public_key) (`whpk_` +
/// base64 for Standard Webhooks and Svix, the raw 32 bytes or their SPKI
/// DER; 64 hex digits for Discord), or hand one straight to
/// [`Platform::verifier`](crate::Platform::verifier). Keys of small order
/// are refused when read, since strict verification refuses every
/// signature under them.
///
/// ```
/// use hooksig::{KeyError, PublicKey, SecretFormat};
///
/// let sw = SecretFormat::StandardWebhooks;
/// let key = PublicKey::from_text("whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=", sw)?;
/// assert_eq!(key.to_standard_webhooks(), "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=");
/// // The same key as SPKI DER, as Java and OpenSSL write it.
/// let spki = PublicKey::from_text("whpk_MCowBQYDK2VwAyEA1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=", sw)?;
/// assert_eq!(spki, key);
/// assert_eq!(
///     PublicKey::from_text(&key.to_string(), SecretFormat::Ed25519PublicKeyHex)?,
///     key,
/// );
/// assert_eq!(
///     PublicKey::from_text("whpk_dGVzdA==", sw).unwrap_err().to_string(),
///     "an Ed25519 public key decodes to 4 bytes, expected 32 (the key) or 44 (its SPKI DER)",
/// );
/// # Ok::<(), KeyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey {
    key: VerifyingKey,
}

impl PublicKey {
    /// Length of an Ed25519 public key in bytes.
    pub const LEN: usize = 32;

    /// The public key whose compressed encoding is `bytes`.
    ///
    /// # Errors
    ///
    /// [`KeyError::NotOnCurve`] when `bytes` encode no point of the curve,
    /// and [`KeyError::WeakPublicKey`] for a point of small order.
    pub fn from_bytes(bytes: &[u8; Self::LEN]) -> Result<Self, KeyError> {
        let key = VerifyingKey::from_bytes(bytes).map_err(|_| KeyError::NotOnCurve)?;
        if key.is_weak() {
            return Err(KeyError::WeakPublicKey);
        }
        Ok(Self { key })
    }

    /// Reads a public key written in `format`:
    ///
    /// - [`SecretFormat::StandardWebhooks`]: `whpk_` and the base64
    ///   (padded or not) of the raw 32 bytes or of their 44-byte SPKI DER;
    /// - [`SecretFormat::Ed25519PublicKeyHex`]: 64 hex digits, either case;
    /// - [`SecretFormat::Raw`]: the 32 bytes themselves.
    ///
    /// # Errors
    ///
    /// [`KeyError::WrongKind`] for a `whsec_` secret or `whsk_` signing
    /// key, [`KeyError::MissingPrefix`] for Standard Webhooks text without
    /// `whpk_`, [`KeyError::NotBase64`] or [`KeyError::NotHex`] with the
    /// offset of the bad byte, [`KeyError::KeyLength`] or
    /// [`KeyError::HexDigits`] for a length no form has,
    /// [`KeyError::NotEd25519Der`] for 44 bytes that are not an Ed25519
    /// SPKI, and the errors of [`PublicKey::from_bytes`].
    pub fn from_text(text: impl AsRef<[u8]>, format: SecretFormat) -> Result<Self, KeyError> {
        let text = text.as_ref();
        match format {
            SecretFormat::StandardWebhooks => {
                match standard_webhooks_kind(text) {
                    KeyKind::Ed25519PublicKey => {}
                    KeyKind::HmacSecret if !text.starts_with(super::WHSEC) => {
                        return Err(KeyError::MissingPrefix { expected: "whpk_" });
                    }
                    found => {
                        return Err(KeyError::WrongKind {
                            expected: KeyKind::Ed25519PublicKey,
                            found,
                        });
                    }
                }
                Self::from_der_or_raw(&decode_base64(text, WHPK.len())?)
            }
            SecretFormat::Ed25519PublicKeyHex => {
                let bytes = hex::decode(text).map_err(|error| match error {
                    hex::HexError::InvalidByte { index } => KeyError::NotHex { offset: index },
                    hex::HexError::Empty => KeyError::HexDigits {
                        found: 0,
                        expected: hex::DIGITS,
                    },
                    hex::HexError::Length { digits } => KeyError::HexDigits {
                        found: digits,
                        expected: hex::DIGITS,
                    },
                })?;
                Self::from_bytes(&bytes)
            }
            SecretFormat::Raw => match <&[u8; Self::LEN]>::try_from(text) {
                Ok(bytes) => Self::from_bytes(bytes),
                Err(_) => Err(KeyError::KeyLength {
                    kind: KeyKind::Ed25519PublicKey,
                    found: text.len(),
                    expected: "32",
                }),
            },
        }
    }

    /// The key from its 32 bytes or their SPKI DER.
    fn from_der_or_raw(bytes: &[u8]) -> Result<Self, KeyError> {
        if let Ok(raw) = <&[u8; Self::LEN]>::try_from(bytes) {
            return Self::from_bytes(raw);
        }
        match bytes.split_first_chunk::<{ SPKI_PREFIX.len() }>() {
            Some((prefix, key)) if key.len() == Self::LEN => match (prefix, key.try_into()) {
                (&SPKI_PREFIX, Ok(key)) => Self::from_bytes(key),
                _ => Err(KeyError::NotEd25519Der {
                    kind: KeyKind::Ed25519PublicKey,
                    len: bytes.len(),
                    prefix: "302a300506032b6570032100",
                }),
            },
            _ => Err(KeyError::KeyLength {
                kind: KeyKind::Ed25519PublicKey,
                found: bytes.len(),
                expected: "32 (the key) or 44 (its SPKI DER)",
            }),
        }
    }

    /// The 32 bytes of the key's compressed encoding.
    pub fn as_bytes(&self) -> &[u8; Self::LEN] {
        self.key.as_bytes()
    }

    /// The key as Svix writes it for Standard Webhooks: `whpk_` and the
    /// padded base64 of the 32 bytes.
    pub fn to_standard_webhooks(&self) -> String {
        let mut text = [0u8; 44];
        let len = crate::codec::base64::encode(self.as_bytes(), &mut text);
        let base64 = core::str::from_utf8(text.get(..len).unwrap_or_default()).unwrap_or_default();
        format!("whpk_{base64}")
    }

    /// Whether `signature` is this key's signature of `message`, by strict
    /// verification (RFC 8032, with `ed25519-dalek`'s `verify_strict`
    /// rules: no non-canonical `s`, no `R` of small order).
    pub fn verify(&self, message: &[u8], signature: &Ed25519Signature) -> bool {
        strict_r(signature) && self.verify_parts(&[message], signature)
    }

    /// Whether `signature` is this key's signature of the concatenated
    /// `parts`, hashed in turn. The caller has checked the signature's `R`
    /// with [`strict_r`], once for every key it tries.
    #[inline]
    pub(crate) fn verify_parts(&self, parts: &[&[u8]], signature: &Ed25519Signature) -> bool {
        let signature = ed25519_dalek::Signature::from_bytes(signature.as_bytes());
        // `verify_stream` refuses a non-canonical `s`; the stream hashes
        // `R`, the key and each part, then compares the recomputed `R`.
        let Ok(mut stream) = self.key.verify_stream(&signature) else {
            return false;
        };
        for part in parts {
            stream.update(part);
        }
        stream.finalize_and_verify().is_ok()
    }
}

/// Whether the `R` half of `signature` passes `verify_strict`'s check: it
/// decompresses to a point, and the point is not of small order.
#[inline]
pub(crate) fn strict_r(signature: &Ed25519Signature) -> bool {
    signature
        .as_bytes()
        .first_chunk::<{ PublicKey::LEN }>()
        .and_then(|r| VerifyingKey::from_bytes(r).ok())
        .is_some_and(|r| !r.is_weak())
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = hex::encode(self.as_bytes());
        f.write_str(core::str::from_utf8(&digits).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

/// An Ed25519 signing key and its public key: what a sender signs `v1a`
/// (or Discord-style) signatures with.
///
/// The key is expanded once, when built (SHA-512 of the seed), so each
/// signature only hashes the signed content and does the curve arithmetic;
/// signing allocates nothing. The seed and the expanded key are wiped from
/// memory when the key pair is dropped. `Debug` prints the public key and
/// `[REDACTED]`; there is no `Display` and no `Serialize`.
///
/// Read one with [`Platform::key_pair`](crate::Platform::key_pair) from a
/// `whsk_` key, or hand the `whsk_` text to
/// [`Platform::signer`](crate::Platform::signer).
///
/// ```
/// use hooksig::{KeyPair, SecretFormat};
///
/// let pair = KeyPair::from_text(
///     "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==",
///     SecretFormat::StandardWebhooks,
/// )?;
/// assert_eq!(
///     pair.public_key().to_standard_webhooks(),
///     "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=",
/// );
/// assert!(format!("{pair:?}").contains("[REDACTED]"));
/// # Ok::<(), hooksig::KeyError>(())
/// ```
pub struct KeyPair {
    seed: Zeroizing<[u8; 32]>,
    // Wipes itself on drop: `ed25519-dalek`'s `zeroize` feature is on.
    expanded: ExpandedSecretKey,
    public: PublicKey,
}

impl KeyPair {
    /// Length of an Ed25519 seed in bytes.
    pub const SEED_LEN: usize = 32;

    /// The key pair of a 32-byte seed (RFC 8032's private key). The crate
    /// has no randomness: draw the seed from the operating system's
    /// generator.
    ///
    /// # Errors
    ///
    /// [`KeyError::AllZeroSeed`] for a seed of zero bytes, which anyone
    /// can guess.
    pub fn from_seed(seed: &[u8; Self::SEED_LEN]) -> Result<Self, KeyError> {
        if seed.iter().all(|&byte| byte == 0) {
            return Err(KeyError::AllZeroSeed);
        }
        let expanded = ExpandedSecretKey::from(seed);
        let key = VerifyingKey::from(&expanded);
        Ok(Self {
            seed: Zeroizing::new(*seed),
            expanded,
            // A clamped scalar is a multiple of 8 and below the group
            // order, so its public key is never of small order.
            public: PublicKey { key },
        })
    }

    /// Reads a signing key written in `format`: for
    /// [`SecretFormat::StandardWebhooks`], `whsk_` and the base64 (padded
    /// or not) of the 32-byte seed, of its 48-byte PKCS#8 DER, or of the
    /// seed followed by the public key (64 bytes, as Svix writes it); for
    /// [`SecretFormat::Raw`], the 32-byte seed itself.
    ///
    /// # Errors
    ///
    /// [`KeyError::WrongKind`] for a `whsec_` secret, a `whpk_` public key
    /// or a Discord public key, [`KeyError::MissingPrefix`] for Standard
    /// Webhooks text without `whsk_`, [`KeyError::NotBase64`] with the
    /// offset of the bad byte, [`KeyError::KeyLength`] for a length no form
    /// has, [`KeyError::NotEd25519Der`] for 48 bytes that are not Ed25519
    /// PKCS#8, [`KeyError::MismatchedKeyPair`] when the public half of 64
    /// bytes is not the seed's, and [`KeyError::AllZeroSeed`].
    pub fn from_text(text: impl AsRef<[u8]>, format: SecretFormat) -> Result<Self, KeyError> {
        let text = text.as_ref();
        match format {
            SecretFormat::StandardWebhooks => {
                match standard_webhooks_kind(text) {
                    KeyKind::Ed25519SigningKey => {}
                    KeyKind::HmacSecret if !text.starts_with(super::WHSEC) => {
                        return Err(KeyError::MissingPrefix { expected: "whsk_" });
                    }
                    found => {
                        return Err(KeyError::WrongKind {
                            expected: KeyKind::Ed25519SigningKey,
                            found,
                        });
                    }
                }
                Self::from_forms(&decode_base64(text, WHSK.len())?)
            }
            SecretFormat::Ed25519PublicKeyHex => Err(KeyError::WrongKind {
                expected: KeyKind::Ed25519SigningKey,
                found: KeyKind::Ed25519PublicKey,
            }),
            SecretFormat::Raw => match <&[u8; Self::SEED_LEN]>::try_from(text) {
                Ok(seed) => Self::from_seed(seed),
                Err(_) => Err(KeyError::KeyLength {
                    kind: KeyKind::Ed25519SigningKey,
                    found: text.len(),
                    expected: "32",
                }),
            },
        }
    }

    /// The key pair from its seed, its PKCS#8 DER, or seed and public key.
    fn from_forms(bytes: &[u8]) -> Result<Self, KeyError> {
        if let Ok(seed) = <&[u8; Self::SEED_LEN]>::try_from(bytes) {
            return Self::from_seed(seed);
        }
        if let Some((seed, public)) = bytes.split_first_chunk::<{ Self::SEED_LEN }>()
            && let Ok(public) = <&[u8; PublicKey::LEN]>::try_from(public)
        {
            let pair = Self::from_seed(seed)?;
            // Compared as they stand: a public half that differs only in a
            // non-canonical spelling of the same point is still not the one
            // the seed makes.
            if pair.public.as_bytes() != public {
                return Err(KeyError::MismatchedKeyPair);
            }
            return Ok(pair);
        }
        match bytes.split_first_chunk::<{ PKCS8_PREFIX.len() }>() {
            Some((prefix, seed)) if seed.len() == Self::SEED_LEN => {
                match (prefix, <&[u8; Self::SEED_LEN]>::try_from(seed)) {
                    (&PKCS8_PREFIX, Ok(seed)) => Self::from_seed(seed),
                    _ => Err(KeyError::NotEd25519Der {
                        kind: KeyKind::Ed25519SigningKey,
                        len: bytes.len(),
                        prefix: "302e020100300506032b657004220420",
                    }),
                }
            }
            _ => Err(KeyError::KeyLength {
                kind: KeyKind::Ed25519SigningKey,
                found: bytes.len(),
                expected: "32 (the seed), 48 (its PKCS#8 DER) or 64 (seed and public key)",
            }),
        }
    }

    /// The public key, for receivers.
    pub fn public_key(&self) -> PublicKey {
        self.public
    }

    /// The Ed25519 signature of `message`.
    #[inline]
    pub fn sign(&self, message: &[u8]) -> Ed25519Signature {
        self.sign_parts(&[message])
    }

    /// The Ed25519 signature of the concatenation of `parts`, without
    /// building the concatenation: Standard Webhooks signs
    /// `id.timestamp.body`, Discord `timestamp` then body. Ed25519 hashes
    /// the message twice, so each part is read twice.
    pub fn sign_parts(&self, parts: &[&[u8]]) -> Ed25519Signature {
        let signed = raw_sign_byupdate::<Sha512, _>(
            &self.expanded,
            |hash: &mut Sha512| {
                for part in parts {
                    Digest::update(hash, part);
                }
                Ok(())
            },
            &self.public.key,
        );
        match signed {
            Ok(signature) => Ed25519Signature::from_bytes(signature.to_bytes()),
            // Unreachable: the only error is the closure's, and it has none.
            // Were it reached, all zeros never verify (`R` is of small
            // order), so this fails closed.
            Err(_) => Ed25519Signature::from_bytes([0; Ed25519Signature::LEN]),
        }
    }
}

impl Clone for KeyPair {
    fn clone(&self) -> Self {
        // The expanded key cannot be copied out (it holds the clamped
        // scalar, not the seed's hash): expand the seed again.
        let expanded = ExpandedSecretKey::from(&*self.seed);
        Self {
            seed: self.seed.clone(),
            expanded,
            public: self.public,
        }
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyPair")
            .field("public", &self.public)
            .field("secret", &format_args!("[REDACTED]"))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Svix's test key pair (also the issue's known-answer vector).
    const WHSK: &str = "whsk_6Xb/dCcHpPea21PS1N9VY/NZW723CEc77N4rJCubMbfVKIDij2HKpMKkioLlX0dRqSKJp4AJ6p9lMicMFs6Kvg==";
    const WHPK: &str = "whpk_1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4=";
    const SW: SecretFormat = SecretFormat::StandardWebhooks;

    fn base64(bytes: &[u8]) -> String {
        let mut out = vec![0; bytes.len().div_ceil(3) * 4];
        let len = crate::codec::base64::encode(bytes, &mut out);
        String::from_utf8(out[..len].to_vec()).unwrap()
    }

    #[test]
    fn every_signing_key_form_makes_the_same_pair() {
        let svix = KeyPair::from_text(WHSK, SW).unwrap();
        assert_eq!(svix.public_key().to_standard_webhooks(), WHPK);
        let seed = *svix.seed;
        let pkcs8 = [&PKCS8_PREFIX[..], &seed].concat();
        for text in [
            format!("whsk_{}", base64(&seed)),
            format!("whsk_{}", base64(&seed).trim_end_matches('=')),
            format!("whsk_{}", base64(&pkcs8)),
        ] {
            let pair = KeyPair::from_text(&text, SW).unwrap();
            assert_eq!(pair.public_key(), svix.public_key(), "{text}");
            assert_eq!(pair.sign(b"m"), svix.sign(b"m"));
        }
        assert_eq!(
            KeyPair::from_text(seed, SecretFormat::Raw)
                .unwrap()
                .public_key(),
            svix.public_key()
        );
    }

    #[test]
    fn signing_key_errors_say_what_was_found() {
        let read = |text: &str| KeyPair::from_text(text, SW).unwrap_err();
        assert_eq!(
            read(WHPK),
            KeyError::WrongKind {
                expected: KeyKind::Ed25519SigningKey,
                found: KeyKind::Ed25519PublicKey
            }
        );
        assert_eq!(
            read("whsec_dGVzdA=="),
            KeyError::WrongKind {
                expected: KeyKind::Ed25519SigningKey,
                found: KeyKind::HmacSecret
            }
        );
        assert_eq!(
            read("dGVzdA=="),
            KeyError::MissingPrefix { expected: "whsk_" }
        );
        assert_eq!(read("whsk_ab*d"), KeyError::NotBase64 { offset: 7 });
        assert_eq!(
            read("whsk_dGVzdA=="),
            KeyError::KeyLength {
                kind: KeyKind::Ed25519SigningKey,
                found: 4,
                expected: "32 (the seed), 48 (its PKCS#8 DER) or 64 (seed and public key)"
            }
        );
        let mut other = [1u8; 64];
        other[..32].copy_from_slice(&[9; 32]);
        assert_eq!(
            read(&format!("whsk_{}", base64(&other))),
            KeyError::MismatchedKeyPair
        );
        let not_der = [[0u8; 16].as_slice(), &[9; 32]].concat();
        assert!(matches!(
            read(&format!("whsk_{}", base64(&not_der))),
            KeyError::NotEd25519Der { len: 48, .. }
        ));
        assert_eq!(
            read(&format!("whsk_{}", base64(&[0; 32]))),
            KeyError::AllZeroSeed
        );
        assert!(matches!(
            KeyPair::from_text("ab".repeat(32), SecretFormat::Ed25519PublicKeyHex),
            Err(KeyError::WrongKind { .. })
        ));
    }

    #[test]
    fn every_public_key_form_reads_the_same_key() {
        let key = PublicKey::from_text(WHPK, SW).unwrap();
        let spki = [&SPKI_PREFIX[..], key.as_bytes()].concat();
        assert_eq!(
            PublicKey::from_text(format!("whpk_{}", base64(&spki)), SW),
            Ok(key)
        );
        assert_eq!(
            PublicKey::from_text(WHPK.trim_end_matches('='), SW),
            Ok(key)
        );
        let hex = key.to_string();
        assert_eq!(
            PublicKey::from_text(&hex, SecretFormat::Ed25519PublicKeyHex),
            Ok(key)
        );
        assert_eq!(
            PublicKey::from_text(hex.to_uppercase(), SecretFormat::Ed25519PublicKeyHex),
            Ok(key)
        );
        assert_eq!(
            PublicKey::from_text(key.as_bytes(), SecretFormat::Raw),
            Ok(key)
        );
        assert_eq!(format!("{key:?}"), format!("PublicKey({hex})"));
    }

    #[test]
    fn public_key_errors_say_what_was_found() {
        let read = |text: &str| PublicKey::from_text(text, SW).unwrap_err();
        assert_eq!(
            read(WHSK),
            KeyError::WrongKind {
                expected: KeyKind::Ed25519PublicKey,
                found: KeyKind::Ed25519SigningKey
            }
        );
        assert_eq!(
            read("1SiA4o9hyqTCpIqC5V9HUakiiaeACeqfZTInDBbOir4="),
            KeyError::MissingPrefix { expected: "whpk_" }
        );
        let not_spki = [[0u8; 12].as_slice(), &[9; 32]].concat();
        assert!(matches!(
            read(&format!("whpk_{}", base64(&not_spki))),
            KeyError::NotEd25519Der { len: 44, .. }
        ));
        // The identity point is of small order; y = 2 is on no curve point.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(
            PublicKey::from_bytes(&identity),
            Err(KeyError::WeakPublicKey)
        );
        let mut off_curve = [0u8; 32];
        off_curve[0] = 2;
        assert_eq!(PublicKey::from_bytes(&off_curve), Err(KeyError::NotOnCurve));
        let hex =
            |text: &str| PublicKey::from_text(text, SecretFormat::Ed25519PublicKeyHex).unwrap_err();
        assert_eq!(
            hex("abc"),
            KeyError::HexDigits {
                found: 3,
                expected: 64
            }
        );
        assert_eq!(
            hex(""),
            KeyError::HexDigits {
                found: 0,
                expected: 64
            }
        );
        assert_eq!(
            hex(&format!("0x{}", "a".repeat(62))),
            KeyError::NotHex { offset: 1 }
        );
    }

    #[test]
    fn parts_sign_and_verify_like_their_concatenation() {
        let pair = KeyPair::from_seed(&[3; 32]).unwrap();
        let whole = pair.sign(b"msg_1.1614265330.{}");
        assert_eq!(
            pair.sign_parts(&[b"msg_1", b".", b"1614265330", b".", b"{}"]),
            whole
        );
        let key = pair.public_key();
        assert!(strict_r(&whole));
        assert!(key.verify_parts(&[b"msg_1.", b"1614265330.{}"], &whole));
        assert!(!key.verify_parts(&[b"msg_1.", b"1614265330.{ }"], &whole));
        assert!(key.verify(b"msg_1.1614265330.{}", &whole));
        assert!(
            !KeyPair::from_seed(&[4; 32])
                .unwrap()
                .public_key()
                .verify(b"msg_1.1614265330.{}", &whole)
        );
    }

    #[test]
    fn the_fallback_signature_never_verifies() {
        assert!(!strict_r(&Ed25519Signature::from_bytes([0; 64])));
    }

    #[test]
    fn secrets_stay_out_of_debug_and_are_wiped() {
        let pair = KeyPair::from_text(WHSK, SW).unwrap();
        let shown = format!("{pair:?}");
        assert_eq!(
            shown,
            format!(
                "KeyPair {{ public: PublicKey({}), secret: [REDACTED] }}",
                pair.public_key()
            )
        );
        let seed_hex: String = pair.seed.iter().map(|b| format!("{b:02x}")).collect();
        assert!(!shown.contains(&seed_hex));
        fn wipes_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        wipes_on_drop::<ExpandedSecretKey>();
        let clone = pair.clone();
        assert_eq!(clone.sign(b"m"), pair.sign(b"m"));
        assert_eq!(
            KeyPair::from_seed(&[0; 32]).err(),
            Some(KeyError::AllZeroSeed)
        );
    }
}
