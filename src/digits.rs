//! Hex digits of a signature: decoding what a header sent, encoding what we
//! send. Kept apart because it sits on the verify hot path.

use crate::Signature;

/// Why a run of digits is not a signature.
pub(crate) enum HexError {
    Empty,
    InvalidByte { index: usize },
    Length { digits: usize },
}

/// Decodes exactly 64 hex digits, in either case.
///
/// A bad byte is reported before a bad length: "not hex at offset 3" helps
/// more than "44 digits" when someone sent base64.
pub(crate) fn decode(digits: &[u8]) -> Result<Signature, HexError> {
    if digits.is_empty() {
        return Err(HexError::Empty);
    }
    let mut bytes = [0u8; Signature::LEN];
    match hex::decode_to_slice(digits, &mut bytes) {
        Ok(()) => Ok(Signature::from_bytes(bytes)),
        Err(hex::FromHexError::InvalidHexCharacter { index, .. }) => {
            Err(HexError::InvalidByte { index })
        }
        Err(_) => match digits.iter().position(|b| !b.is_ascii_hexdigit()) {
            Some(index) => Err(HexError::InvalidByte { index }),
            None => Err(HexError::Length {
                digits: digits.len(),
            }),
        },
    }
}

/// The 64 lowercase hex digits of `bytes`, on the stack.
pub(crate) fn encode(bytes: &[u8; Signature::LEN]) -> [u8; 2 * Signature::LEN] {
    let mut out = [0u8; 2 * Signature::LEN];
    // Only fails when `out` is not twice the input length.
    let _ = hex::encode_to_slice(bytes, &mut out);
    out
}
