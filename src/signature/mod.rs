//! The 32-byte HMAC-SHA256 signature, and how one is written as text: the
//! [`Encoding`] of a MAC and the [`SignatureValue`] of a body-only header;
//! and the 64-byte [`Ed25519Signature`].

use core::fmt;

use subtle::ConstantTimeEq;

use crate::codec::hex;

mod ed25519;
mod encoding;
mod error;
mod value;

pub use ed25519::Ed25519Signature;
pub use encoding::Encoding;
pub(crate) use encoding::{decode_base64_bytes, decode_hex_bytes};
pub use error::{AlgorithmName, SignatureError};
pub use value::SignatureValue;
#[cfg(feature = "http")]
pub(crate) use value::sensitive_value;

/// An HMAC-SHA256 signature: the 32 bytes of the MAC.
///
/// `Display` is 64 lowercase hex digits; [`Signature::to_value`] writes it in
/// a header [`Encoding`]. Equality is constant time, so comparing a computed
/// signature with a received one never tells an attacker how much matched.
///
/// ```
/// use hooksig::{Encoding, SigningKey};
///
/// let key = SigningKey::new("It's a Secret to Everybody")?;
/// let signature = key.sign(b"Hello, World!");
/// assert_eq!(
///     signature.to_value(Encoding::Sha256Hex).to_string(),
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// );
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Clone, Copy, Eq)]
pub struct Signature([u8; Signature::LEN]);

impl Signature {
    /// Length of an HMAC-SHA256 signature in bytes.
    pub const LEN: usize = 32;

    /// Wraps 32 MAC bytes.
    pub const fn from_bytes(bytes: [u8; Self::LEN]) -> Self {
        Self(bytes)
    }

    /// The 32 MAC bytes.
    pub const fn as_bytes(&self) -> &[u8; Self::LEN] {
        &self.0
    }

    /// This signature written in `encoding`, ready to be a header value.
    pub const fn to_value(self, encoding: Encoding) -> SignatureValue {
        SignatureValue::new(encoding, self)
    }

    /// The 64 lowercase hex digits, on the stack.
    pub(crate) fn hex(&self) -> [u8; hex::DIGITS] {
        hex::encode(&self.0)
    }
}

impl PartialEq for Signature {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl ConstantTimeEq for Signature {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        // One barrier for the whole MAC: the OR of the byte differences has
        // no early exit (it compiles to two 16-byte compares and a `sete`),
        // then `subtle` hides the one result from the optimizer. Its slice
        // `ct_eq` puts a barrier on each of the 32 bytes, 40 ns a call.
        let diff = self
            .0
            .iter()
            .zip(&other.0)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b));
        diff.ct_eq(&0)
    }
}

impl AsRef<[u8]> for Signature {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<[u8; Signature::LEN]> for Signature {
    fn from(bytes: [u8; Signature::LEN]) -> Self {
        Self(bytes)
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.hex();
        // Hex digits are ASCII.
        f.write_str(core::str::from_utf8(&hex).map_err(|_| fmt::Error)?)
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_lowercase_hex() {
        let mut bytes = [0u8; 32];
        bytes[0] = 0xAB;
        bytes[31] = 0x0F;
        let shown = Signature::from_bytes(bytes).to_string();
        assert_eq!(shown.len(), 64);
        assert!(shown.starts_with("ab00"));
        assert!(shown.ends_with("000f"));
    }

    #[test]
    fn equality_compares_every_byte() {
        let a = Signature::from_bytes([7; 32]);
        let mut last = [7; 32];
        last[31] = 8;
        assert_eq!(a, Signature::from_bytes([7; 32]));
        assert_ne!(a, Signature::from_bytes(last));
    }
}
