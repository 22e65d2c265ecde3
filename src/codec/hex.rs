//! Hex digits of a 32-byte MAC (and, in two halves, of a 64-byte Ed25519
//! signature): decoding what a header sent, encoding what we send. Kept
//! apart because it sits on the verify hot path.
//!
//! Both directions are written as the same byte-wise arithmetic on every
//! digit, with no branch and no table lookup per digit, so LLVM turns them
//! into a few dozen SSE2 instructions (the x86-64 baseline, no runtime
//! detection, no `unsafe`). Decoding 64 digits this way takes about 14 ns
//! where the `hex` crate's per-digit branches took 55-100 ns on random
//! digits; BENCHMARKS.md has the comparison with `const-hex` and
//! `faster-hex`. A digit's value is never a secret (the header is what the
//! sender wrote), so this is about speed, not timing.

/// How many bytes a MAC has.
const LEN: usize = 32;

/// How many hex digits a MAC is written in.
pub(crate) const DIGITS: usize = 2 * LEN;

/// Why a run of digits is not a signature.
pub(crate) enum HexError {
    Empty,
    InvalidByte { index: usize },
    Length { digits: usize },
}

/// Decodes exactly 64 hex digits, in either case.
///
/// A bad byte is reported before a bad length: "not hex at offset 3" helps
/// more than "44 digits" when someone sent base64. Only `0-9`, `a-f` and
/// `A-F` are digits: no `0x` prefix, no sign, no blanks.
pub(crate) fn decode(digits: &[u8]) -> Result<[u8; LEN], HexError> {
    let Ok(digits) = <&[u8; DIGITS]>::try_from(digits) else {
        return Err(refuse(digits));
    };
    let values = digits.map(nibble);
    // A non-digit decodes to 0xFF, so any high bit in the OR marks one.
    if values.iter().fold(0, |seen, value| seen | value) > 0x0F {
        return Err(refuse(digits));
    }
    let mut bytes = [0u8; LEN];
    let (pairs, _) = values.as_chunks::<2>();
    for (byte, [high, low]) in bytes.iter_mut().zip(pairs) {
        *byte = (high << 4) | low;
    }
    Ok(bytes)
}

/// The value of hex digit `byte` (`0-9`, `a-f`, `A-F`), or 0xFF for any
/// other byte. Selects, not branches: this is what vectorizes.
#[inline(always)]
fn nibble(byte: u8) -> u8 {
    let decimal = byte.wrapping_sub(b'0');
    // `| 0x20` maps `A-F` onto `a-f` and no other byte onto them.
    let letter = (byte | 0x20).wrapping_sub(b'a');
    if decimal < 10 {
        decimal
    } else if letter < 6 {
        letter + 10
    } else {
        0xFF
    }
}

/// The error for digits that are not a signature: the first byte that is
/// not a hex digit, else the wrong count. Off the hot path.
#[cold]
fn refuse(digits: &[u8]) -> HexError {
    if digits.is_empty() {
        return HexError::Empty;
    }
    match digits.iter().position(|b| !b.is_ascii_hexdigit()) {
        Some(index) => HexError::InvalidByte { index },
        None => HexError::Length {
            digits: digits.len(),
        },
    }
}

/// Decodes exactly 128 hex digits, in either case, into the 64 bytes of an
/// Ed25519 signature: the 32-byte decoder on each half, with errors judged
/// on the whole run as [`decode`] judges its 64.
#[cfg_attr(not(feature = "ed25519"), allow(dead_code))]
pub(crate) fn decode_64(digits: &[u8]) -> Result<[u8; 2 * LEN], HexError> {
    let whole = || refuse(digits);
    let Some((high, low)) = digits.split_at_checked(DIGITS) else {
        return Err(whole());
    };
    if low.len() != DIGITS {
        return Err(whole());
    }
    let (high, low) = (
        decode(high).map_err(|_| whole())?,
        decode(low).map_err(|_| whole())?,
    );
    let mut bytes = [0u8; 2 * LEN];
    let (first, second) = bytes.split_at_mut(LEN);
    first.copy_from_slice(&high);
    second.copy_from_slice(&low);
    Ok(bytes)
}

/// The 128 lowercase hex digits of 64 bytes, on the stack.
pub(crate) fn encode_64(bytes: &[u8; 2 * LEN]) -> [u8; 2 * DIGITS] {
    let mut out = [0u8; 2 * DIGITS];
    let (high, low) = out.split_at_mut(DIGITS);
    let (first, second) = bytes.split_at(LEN);
    if let (Ok(first), Ok(second)) = (
        <&[u8; LEN]>::try_from(first),
        <&[u8; LEN]>::try_from(second),
    ) {
        high.copy_from_slice(&encode(first));
        low.copy_from_slice(&encode(second));
    }
    out
}

/// The 64 lowercase hex digits of `bytes`, on the stack.
pub(crate) fn encode(bytes: &[u8; LEN]) -> [u8; DIGITS] {
    let mut out = [0u8; DIGITS];
    let (pairs, _) = out.as_chunks_mut::<2>();
    for ([high, low], byte) in pairs.iter_mut().zip(bytes) {
        *high = digit(byte >> 4);
        *low = digit(byte & 0x0F);
    }
    out
}

/// The lowercase hex digit for `nibble` (0 to 15).
#[inline(always)]
fn digit(nibble: u8) -> u8 {
    // `a` is 39 past where `0` + 10 would land.
    nibble + b'0' + if nibble > 9 { b'a' - b'0' - 10 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &[u8; 64] = b"757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    fn decoded(digits: &[u8]) -> Result<[u8; 32], (u8, usize)> {
        decode(digits).map_err(|error| match error {
            HexError::Empty => (0, 0),
            HexError::InvalidByte { index } => (1, index),
            HexError::Length { digits } => (2, digits),
        })
    }

    /// The reference: what hex digits mean, written the slow, obvious way.
    fn reference(digits: &[u8; 64]) -> Option<[u8; 32]> {
        let mut out = [0u8; 32];
        for (i, pair) in digits.chunks(2).enumerate() {
            let text = core::str::from_utf8(pair).ok()?;
            if !pair.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out[i] = u8::from_str_radix(text, 16).ok()?;
        }
        Some(out)
    }

    #[test]
    fn decodes_either_case() {
        let lower = decoded(HEX).unwrap();
        assert_eq!(Some(lower), reference(HEX));
        assert_eq!(decoded(&HEX.to_ascii_uppercase()), Ok(lower));
        let all: Vec<u8> = (0..32u8).map(|i| i.wrapping_mul(37) ^ 0xA5).collect();
        let digits = encode(all.as_slice().try_into().unwrap());
        assert_eq!(decoded(&digits).unwrap().to_vec(), all);
    }

    #[test]
    fn every_byte_at_every_position_is_judged_like_the_reference() {
        for position in 0..64 {
            for byte in 0..=255u8 {
                let mut digits = *HEX;
                digits[position] = byte;
                match reference(&digits) {
                    Some(bytes) => assert_eq!(decoded(&digits), Ok(bytes), "{byte} at {position}"),
                    None => {
                        assert_eq!(decoded(&digits), Err((1, position)), "{byte} at {position}")
                    }
                }
            }
        }
    }

    #[test]
    fn the_first_bad_byte_is_reported_before_the_length() {
        assert_eq!(decoded(b""), Err((0, 0)));
        assert_eq!(decoded(&HEX[..63]), Err((2, 63)));
        assert_eq!(decoded(&[HEX.as_slice(), b"0"].concat()), Err((2, 65)));
        assert_eq!(decoded(b"ab cd"), Err((1, 2)));
        let mut two_bad = *HEX;
        two_bad[9] = b'g';
        two_bad[3] = b'-';
        assert_eq!(decoded(&two_bad), Err((1, 3)));
        // No prefix makes 64 digits out of 66 bytes, or 62 digits valid.
        let prefixed = [b"0x".as_slice(), HEX].concat();
        assert_eq!(decoded(&prefixed), Err((1, 1)));
        assert_eq!(decoded(&prefixed[..64]), Err((1, 1)));
        assert_eq!(
            decoded(&[b"0X".as_slice(), &HEX[2..]].concat()),
            Err((1, 1))
        );
    }

    #[test]
    fn sixty_four_bytes_decode_as_two_halves_and_report_on_the_whole() {
        let bytes: [u8; 64] = core::array::from_fn(|i| (i as u8).wrapping_mul(53) ^ 0x3C);
        let digits = encode_64(&bytes);
        let reference: Vec<u8> = bytes
            .iter()
            .flat_map(|b| format!("{b:02x}").into_bytes())
            .collect();
        assert_eq!(digits.to_vec(), reference);
        assert_eq!(decode_64(&digits).ok(), Some(bytes));
        assert_eq!(decode_64(&digits.to_ascii_uppercase()).ok(), Some(bytes));
        let index = |digits: &[u8]| match decode_64(digits) {
            Err(HexError::InvalidByte { index }) => Some(index),
            _ => None,
        };
        let mut bad = digits;
        bad[100] = b'g';
        assert_eq!(index(&bad), Some(100));
        bad[7] = b' ';
        assert_eq!(index(&bad), Some(7));
        assert!(matches!(
            decode_64(&digits[..127]),
            Err(HexError::Length { digits: 127 })
        ));
        assert!(matches!(
            decode_64(&digits[..64]),
            Err(HexError::Length { digits: 64 })
        ));
        assert!(matches!(decode_64(b""), Err(HexError::Empty)));
        // A bad byte past the first half is found even when the length is wrong.
        assert_eq!(index(&[&digits[..], b"x"].concat()), Some(128));
    }

    #[test]
    fn encodes_lowercase_digits() {
        let bytes = decoded(HEX).unwrap();
        assert_eq!(&encode(&bytes), HEX);
        let every_nibble: [u8; 32] = core::array::from_fn(|i| (i as u8 % 16) * 0x11);
        let digits = encode(&every_nibble);
        assert_eq!(&digits[..32], b"00112233445566778899aabbccddeeff");
        assert_eq!(&digits[32..], b"00112233445566778899aabbccddeeff");
    }
}
