//! Base64 signatures whose length the algorithm or the key sets rather than
//! a fixed MAC size: an ECDSA signature in DER (8 to 72 bytes), an RSA
//! signature (as long as the key's modulus). The standard alphabet, padded
//! or not, in its one canonical spelling, as the other schemes read MACs.

use crate::{Encoding, SignatureError, codec};

/// Decodes the signature in `value`, a header's value, into the front of
/// `out`, whose length (a multiple of 3) bounds what may be decoded.
///
/// # Errors
///
/// [`SignatureError::Empty`] for an empty value,
/// [`SignatureError::InvalidCharacter`] for a byte outside the alphabet,
/// [`SignatureError::TooLong`] for more characters than `out` holds,
/// [`SignatureError::Length`] for a length base64 never has, and
/// [`SignatureError::NonCanonical`] for unused bits set.
pub(super) fn decode<'o>(value: &[u8], out: &'o mut [u8]) -> Result<&'o [u8], SignatureError> {
    let encoding = Encoding::Base64;
    let (text, start) = codec::trim_blanks(value);
    if text.is_empty() {
        return Err(SignatureError::Empty);
    }
    let is_base64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
    let max = out.len() / 3 * 4;
    if text.len() > max {
        // A bad byte says more than a bad length.
        return Err(match text.iter().position(|b| !is_base64(b)) {
            Some(index) => SignatureError::InvalidCharacter {
                encoding,
                offset: start + index,
            },
            None => SignatureError::TooLong {
                found: text.len(),
                max,
            },
        });
    }
    match codec::base64::decode(text, out) {
        Ok(found) => out.get(..found).ok_or(SignatureError::DecodedLength {
            found,
            expected: max / 4 * 3,
        }),
        // An error at the end is about the length: say the padded length
        // the characters would round up to.
        Err(index) if index == text.len() => Err(SignatureError::Length {
            encoding,
            found: text.len(),
            expected: text.len().div_ceil(4) * 4,
        }),
        Err(index)
            if text
                .get(index)
                .is_some_and(|&b| codec::base64::is_symbol(b)) =>
        {
            Err(SignatureError::NonCanonical {
                offset: start + index,
            })
        }
        Err(index) => Err(SignatureError::InvalidCharacter {
            encoding,
            offset: start + index,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_canonical_base64_padded_or_not() {
        let mut out = [0u8; 6];
        assert_eq!(decode(b"AQID", &mut out), Ok(&[1u8, 2, 3][..]));
        let mut out = [0u8; 6];
        assert_eq!(decode(b" AQI= ", &mut out), Ok(&[1u8, 2][..]));
        let mut out = [0u8; 6];
        assert_eq!(decode(b"AQI", &mut out), Ok(&[1u8, 2][..]));
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        let mut out = [0u8; 6];
        assert_eq!(decode(b"  ", &mut out), Err(SignatureError::Empty));
        assert_eq!(
            decode(b"AQ$D", &mut out),
            Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Base64,
                offset: 2
            })
        );
        assert_eq!(
            decode(b"AQIDBAUGBwgJ", &mut out),
            Err(SignatureError::TooLong { found: 12, max: 8 })
        );
        assert_eq!(
            decode(b"AQIDB", &mut out),
            Err(SignatureError::Length {
                encoding: Encoding::Base64,
                found: 5,
                expected: 8
            })
        );
        assert_eq!(
            decode(b"AQJ=", &mut out),
            Err(SignatureError::NonCanonical { offset: 2 })
        );
    }
}
