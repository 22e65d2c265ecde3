//! The 64-byte Ed25519 signature, and the two ways the schemes write it:
//! base64 in a Standard Webhooks `v1a` entry, hex in Discord's header.

use core::fmt;

use super::{Encoding, SignatureError};
use crate::codec::{
    base64,
    hex::{self, HexError},
};

/// An Ed25519 signature: the 64 bytes `R || s` of RFC 8032.
///
/// Standard Webhooks sends it as base64 in a `v1a,<base64>` entry, Discord
/// as 128 hex digits. `Display` is the lowercase hex. Unlike a
/// [`Signature`](crate::Signature) it is no secret's output to guard:
/// anyone may see it, and only the public key checks it, so equality is
/// plain.
///
/// ```
/// use hooksig::{Ed25519Signature, KeyPair};
///
/// let pair = KeyPair::from_seed(&[7; 32])?;
/// let signature: Ed25519Signature = pair.sign(b"Hello, World!");
/// assert_eq!(signature.to_string().len(), 128);
/// assert!(pair.public_key().verify(b"Hello, World!", &signature));
/// assert!(!pair.public_key().verify(b"Hello, World?", &signature));
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ed25519Signature([u8; Ed25519Signature::LEN]);

/// Characters of the base64 of 64 bytes, with padding (86 without).
const BASE64_LEN: usize = 88;
/// Hex digits of 64 bytes.
const HEX_LEN: usize = 2 * Ed25519Signature::LEN;

impl Ed25519Signature {
    /// Length of an Ed25519 signature in bytes.
    pub const LEN: usize = 64;

    /// Wraps 64 signature bytes.
    pub const fn from_bytes(bytes: [u8; Self::LEN]) -> Self {
        Self(bytes)
    }

    /// The 64 signature bytes.
    pub const fn as_bytes(&self) -> &[u8; Self::LEN] {
        &self.0
    }

    /// Reads the 88 base64 characters (86 without padding) of a `v1a`
    /// entry. `offset` is where they start in the header value, so that
    /// errors point into it.
    #[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
    pub(crate) fn decode_base64(text: &[u8], offset: usize) -> Result<Self, SignatureError> {
        super::encoding::decode_base64_bytes(text, offset).map(Self)
    }

    /// Reads 128 hex digits, in either case. `offset` is where they start in
    /// the header value.
    #[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
    pub(crate) fn decode_hex(text: &[u8], offset: usize) -> Result<Self, SignatureError> {
        let encoding = Encoding::Hex;
        hex::decode_64(text).map(Self).map_err(|error| match error {
            HexError::Empty => SignatureError::NoDigits { encoding },
            HexError::InvalidByte { index } => SignatureError::InvalidCharacter {
                encoding,
                offset: offset + index,
            },
            HexError::Length { digits } => SignatureError::Length {
                encoding,
                found: digits,
                expected: HEX_LEN,
            },
        })
    }

    /// The padded base64, on the stack.
    pub(crate) fn base64(&self) -> [u8; BASE64_LEN] {
        let mut out = [0u8; BASE64_LEN];
        // 88 bytes is exactly what 64 bytes take: the encoder never refuses.
        base64::encode(&self.0, &mut out);
        out
    }

    /// The 128 lowercase hex digits, on the stack.
    pub(crate) fn hex(&self) -> [u8; HEX_LEN] {
        hex::encode_64(&self.0)
    }
}

impl AsRef<[u8]> for Ed25519Signature {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<[u8; Ed25519Signature::LEN]> for Ed25519Signature {
    fn from(bytes: [u8; Ed25519Signature::LEN]) -> Self {
        Self(bytes)
    }
}

impl fmt::Display for Ed25519Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Hex digits are ASCII.
        f.write_str(core::str::from_utf8(&self.hex()).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Ed25519Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ed25519Signature({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Ed25519Signature {
        Ed25519Signature(core::array::from_fn(|i| (i as u8).wrapping_mul(29) ^ 0x5A))
    }

    #[test]
    fn base64_and_hex_read_what_they_write() {
        let base64 = sample().base64();
        assert!(base64.ends_with(b"=="));
        assert_eq!(Ed25519Signature::decode_base64(&base64, 0), Ok(sample()));
        assert_eq!(
            Ed25519Signature::decode_base64(&base64[..86], 0),
            Ok(sample())
        );
        let hex = sample().hex();
        assert_eq!(Ed25519Signature::decode_hex(&hex, 0), Ok(sample()));
        assert_eq!(sample().to_string().as_bytes(), hex);
    }

    #[test]
    fn errors_point_into_the_header() {
        let base64 = |text: &[u8]| Ed25519Signature::decode_base64(text, 4).unwrap_err();
        let invalid = |encoding, offset| SignatureError::InvalidCharacter { encoding, offset };
        assert_eq!(
            base64(b""),
            SignatureError::NoDigits {
                encoding: Encoding::Base64
            }
        );
        // An HMAC's 44 characters are the wrong length for Ed25519.
        assert_eq!(
            base64(&[b'A'; 44]),
            SignatureError::Length {
                encoding: Encoding::Base64,
                found: 44,
                expected: 88
            }
        );
        let mut text = sample().base64();
        text[10] = b'*';
        assert_eq!(base64(&text), invalid(Encoding::Base64, 14));
        // The last character before the padding spells 2 bits of the
        // signature; with any of its 4 unused bits set it is not the
        // signature's one spelling.
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut text = sample().base64();
        let value = ALPHABET.iter().position(|&c| c == text[85]).unwrap();
        assert_eq!(value & 0x0F, 0);
        text[85] = ALPHABET[value | 1];
        assert_eq!(base64(&text), SignatureError::NonCanonical { offset: 89 });
        // 88 characters without padding are 66 bytes.
        assert_eq!(
            base64(&[b'A'; 88]),
            SignatureError::DecodedLength {
                found: 66,
                expected: 64
            }
        );
        let hex = |text: &[u8]| Ed25519Signature::decode_hex(text, 2).unwrap_err();
        assert_eq!(
            hex(&[b'a'; 64]),
            SignatureError::Length {
                encoding: Encoding::Hex,
                found: 64,
                expected: 128
            }
        );
        let mut digits = sample().hex();
        digits[90] = b'z';
        assert_eq!(hex(&digits), invalid(Encoding::Hex, 92));
    }
}
