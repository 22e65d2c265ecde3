//! How one 32-byte MAC is written as text, both ways.

use core::fmt;

use super::{Signature, SignatureError};
use crate::codec::{
    base64,
    hex::{self, HexError},
};

/// How one HMAC-SHA256 signature is written as text in a header.
///
/// ```
/// use hooksig::{Encoding, SigningKey};
///
/// let signature = SigningKey::new("It's a Secret to Everybody")?.sign(b"Hello, World!");
/// assert_eq!(
///     signature.to_value(Encoding::Sha256Hex).to_string(),
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
/// );
/// assert_eq!(
///     signature.to_value(Encoding::Base64).to_string(),
///     "dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=",
/// );
/// assert_eq!(
///     signature.to_value(Encoding::Sha256Base64).to_string(),
///     "sha256=dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=",
/// );
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// 64 hex digits and nothing else.
    Hex,
    /// `sha256=` then 64 hex digits.
    Sha256Hex,
    /// Standard base64, 44 characters with padding (43 without).
    Base64,
    /// `sha256=` then standard base64, 44 characters with padding (43
    /// without): Typeform's `Typeform-Signature`.
    Sha256Base64,
}

const SHA256_PREFIX: &str = "sha256=";
const HEX_LEN: usize = 2 * Signature::LEN;
const BASE64_LEN: usize = 44;

impl Encoding {
    /// What this encoding writes before the MAC.
    pub const fn prefix(self) -> &'static str {
        match self {
            Self::Sha256Hex | Self::Sha256Base64 => SHA256_PREFIX,
            Self::Hex | Self::Base64 => "",
        }
    }

    /// How many characters the MAC takes, prefix aside.
    pub(crate) const fn len(self) -> usize {
        match self {
            Self::Hex | Self::Sha256Hex => HEX_LEN,
            Self::Base64 | Self::Sha256Base64 => BASE64_LEN,
        }
    }

    /// What one character of the MAC is called, for error messages.
    pub(crate) const fn digit(self) -> &'static str {
        match self {
            Self::Hex | Self::Sha256Hex => "hex digit",
            Self::Base64 | Self::Sha256Base64 => "base64 character",
        }
    }

    /// Decodes the characters of a MAC, prefix already removed. `offset` is
    /// where they start in the header value, so that errors point into it.
    #[inline]
    pub(crate) fn decode(self, text: &[u8], offset: usize) -> Result<Signature, SignatureError> {
        match self {
            Self::Hex | Self::Sha256Hex => {
                hex::decode(text)
                    .map(Signature::from_bytes)
                    .map_err(|error| match error {
                        HexError::Empty => SignatureError::NoDigits { encoding: self },
                        HexError::InvalidByte { index } => SignatureError::InvalidCharacter {
                            encoding: self,
                            offset: offset + index,
                        },
                        HexError::Length { digits } => SignatureError::Length {
                            encoding: self,
                            found: digits,
                            expected: HEX_LEN,
                        },
                    })
            }
            Self::Base64 | Self::Sha256Base64 => decode_base64(text, offset),
        }
    }

    /// Whether the MAC is written in hex (bare or after `sha256=`): the
    /// encodings a lenient reader takes in either form.
    pub(crate) const fn is_hex(self) -> bool {
        matches!(self, Self::Hex | Self::Sha256Hex)
    }

    /// The MAC written in this encoding, on the stack.
    pub(crate) fn render(self, signature: &Signature) -> Rendered {
        let mut rendered = Rendered {
            buf: [0; Rendered::CAPACITY],
            len: 0,
        };
        let prefix = self.prefix().as_bytes();
        let (head, tail) = rendered.buf.split_at_mut(prefix.len());
        head.copy_from_slice(prefix);
        let written = match self {
            Self::Hex | Self::Sha256Hex => match tail.get_mut(..HEX_LEN) {
                Some(out) => {
                    out.copy_from_slice(&signature.hex());
                    HEX_LEN
                }
                None => 0,
            },
            // The buffer holds 44 bytes past any prefix, all base64 needs.
            Self::Base64 | Self::Sha256Base64 => base64::encode(signature.as_bytes(), tail),
        };
        rendered.len = prefix.len() + written;
        rendered
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Hex => "<hex>",
            Self::Sha256Hex => "sha256=<hex>",
            Self::Base64 => "<base64>",
            Self::Sha256Base64 => "sha256=<base64>",
        })
    }
}

/// A MAC as text, on the stack: at most `sha256=` and 64 hex digits.
pub(crate) struct Rendered {
    buf: [u8; Rendered::CAPACITY],
    len: usize,
}

impl Rendered {
    const CAPACITY: usize = SHA256_PREFIX.len() + HEX_LEN;

    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or_default()
    }

    pub(crate) fn as_str(&self) -> &str {
        // Hex digits, base64 and `sha256=` are ASCII.
        core::str::from_utf8(self.as_bytes()).unwrap_or_default()
    }
}

fn decode_base64(text: &[u8], offset: usize) -> Result<Signature, SignatureError> {
    decode_base64_bytes(text, offset).map(Signature::from_bytes)
}

/// Decodes exactly `N` bytes written as `2 * N` hex digits, in either case:
/// a MAC of any length (SHA-1's 20 bytes, SHA-512's 64).
/// `offset` is where the digits start in the header value, so that errors
/// point into it.
pub(crate) fn decode_hex_bytes<const N: usize>(
    text: &[u8],
    offset: usize,
) -> Result<[u8; N], SignatureError> {
    let encoding = Encoding::Hex;
    if text.is_empty() {
        return Err(SignatureError::NoDigits { encoding });
    }
    // A bad byte says more than a bad length.
    if let Some(index) = text.iter().position(|b| !b.is_ascii_hexdigit()) {
        return Err(SignatureError::InvalidCharacter {
            encoding,
            offset: offset + index,
        });
    }
    let mut bytes = [0u8; N];
    match ::hex::decode_to_slice(text, &mut bytes) {
        Ok(()) => Ok(bytes),
        Err(_) => Err(SignatureError::Length {
            encoding,
            found: text.len(),
            expected: 2 * N,
        }),
    }
}

/// Decodes the base64 of exactly `N` bytes (at most 64), padded or not, in
/// its one canonical spelling: an HMAC-SHA256 MAC or an Ed25519 signature.
/// `offset` is where the text starts in the header value, so that errors
/// point into it.
pub(crate) fn decode_base64_bytes<const N: usize>(
    text: &[u8],
    offset: usize,
) -> Result<[u8; N], SignatureError> {
    let encoding = Encoding::Base64;
    if text.is_empty() {
        return Err(SignatureError::NoDigits { encoding });
    }
    let padded = N.div_ceil(3) * 4;
    let unpadded = (N * 4).div_ceil(3);
    let wrong_length = SignatureError::Length {
        encoding,
        found: text.len(),
        expected: padded,
    };
    if !(unpadded..=padded).contains(&text.len()) {
        // As for hex, a bad byte says more than a bad length: scan for one
        // here, off the path a well-formed value takes.
        let is_base64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
        return Err(match text.iter().position(|b| !is_base64(b)) {
            Some(index) => SignatureError::InvalidCharacter {
                encoding,
                offset: offset + index,
            },
            None => wrong_length,
        });
    }
    // Room for what the longest text the check above lets through decodes
    // to (88 characters without padding hold 66 bytes), to say how many.
    let mut bytes = [0u8; 66];
    match base64::decode(text, &mut bytes) {
        Ok(found) if found == N => match bytes.first_chunk::<N>() {
            Some(decoded) => Ok(*decoded),
            None => Err(wrong_length),
        },
        Ok(found) => Err(SignatureError::DecodedLength { found, expected: N }),
        // An error at the end is about the length, which the check above
        // already holds to the two lengths base64 has: kept so that no
        // answer is lost.
        Err(index) if index == text.len() => Err(wrong_length),
        Err(index) if text.get(index).is_some_and(|&byte| base64::is_symbol(byte)) => {
            Err(SignatureError::NonCanonical {
                offset: offset + index,
            })
        }
        Err(index) => Err(SignatureError::InvalidCharacter {
            encoding,
            offset: offset + index,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Signature {
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = (i as u8).wrapping_mul(37);
        }
        Signature::from_bytes(bytes)
    }

    #[test]
    fn renders_and_decodes_each_encoding() {
        for encoding in [
            Encoding::Hex,
            Encoding::Sha256Hex,
            Encoding::Base64,
            Encoding::Sha256Base64,
        ] {
            let rendered = encoding.render(&sample());
            let text = rendered.as_bytes();
            assert_eq!(text.len(), encoding.prefix().len() + encoding.len());
            let digits = &text[encoding.prefix().len()..];
            assert_eq!(encoding.decode(digits, 0), Ok(sample()), "{encoding}");
        }
    }

    #[test]
    fn base64_with_or_without_padding() {
        let padded = Encoding::Base64.render(&sample());
        let unpadded = padded.as_str().trim_end_matches('=');
        assert_eq!(unpadded.len(), 43);
        assert_eq!(
            Encoding::Base64.decode(unpadded.as_bytes(), 0),
            Ok(sample())
        );
    }

    #[test]
    fn base64_errors_point_into_the_header() {
        let bad = |text: &str| Encoding::Base64.decode(text.as_bytes(), 10).unwrap_err();
        let invalid = |offset| SignatureError::InvalidCharacter {
            encoding: Encoding::Base64,
            offset,
        };
        assert_eq!(bad("ab-c"), invalid(12));
        assert_eq!(
            bad("abcd"),
            SignatureError::Length {
                encoding: Encoding::Base64,
                found: 4,
                expected: 44
            }
        );
        assert_eq!(
            bad(""),
            SignatureError::NoDigits {
                encoding: Encoding::Base64
            }
        );
        // '=' inside the text is a misplaced padding byte.
        let mut text = Encoding::Base64.render(&sample()).as_str().to_owned();
        text.replace_range(5..6, "=");
        assert_eq!(bad(&text), invalid(15));
        // A last symbol with unused bits set is base64, but not the one
        // spelling of these bytes.
        const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut text = Encoding::Base64.render(&sample()).as_str().to_owned();
        // 32 bytes end in three symbols and `=`: the last symbol's lowest
        // two bits carry nothing.
        let last = text.len() - 2;
        let value = ALPHABET.find(&text[last..=last]).unwrap();
        let next = &ALPHABET[value ^ 1..=value ^ 1];
        text.replace_range(last..last + 1, next);
        assert_eq!(
            bad(&text),
            SignatureError::NonCanonical { offset: 10 + last }
        );
        // 44 characters without padding are 33 bytes.
        assert_eq!(
            bad(&"A".repeat(44)),
            SignatureError::DecodedLength {
                found: 33,
                expected: 32
            }
        );
    }

    #[test]
    fn hex_of_any_length_errors_point_into_the_header() {
        assert_eq!(decode_hex_bytes::<2>(b"abCD", 0), Ok([0xab, 0xcd]));
        assert_eq!(
            decode_hex_bytes::<2>(b"abc", 5),
            Err(SignatureError::Length {
                encoding: Encoding::Hex,
                found: 3,
                expected: 4
            })
        );
        assert_eq!(
            decode_hex_bytes::<2>(b"abxd", 5),
            Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Hex,
                offset: 7
            })
        );
        assert_eq!(
            decode_hex_bytes::<2>(b"", 5),
            Err(SignatureError::NoDigits {
                encoding: Encoding::Hex
            })
        );
    }
}
