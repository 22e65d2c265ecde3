//! One MAC in one header value, in an [`Encoding`]: reading and writing it.

use core::{fmt, str::FromStr};

#[cfg(feature = "http")]
use http::HeaderValue;

use super::{AlgorithmName, Encoding, Signature, SignatureError};
use crate::codec::trim_blanks;

/// A signature as a body-only header value carries it: the MAC and the
/// [`Encoding`] it is written in.
///
/// [`SignatureValue::parse`] reads a received value; `Display` and
/// [`SignatureValue::to_header_value`] write one to send.
///
/// ```
/// use hooksig::{Encoding, SignatureValue};
///
/// let value: SignatureValue =
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17".parse()?;
/// assert_eq!(value.encoding(), Encoding::Sha256Hex);
/// assert_eq!(value.to_string(), value.signature().to_value(Encoding::Sha256Hex).to_string());
/// # Ok::<(), hooksig::SignatureError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureValue {
    encoding: Encoding,
    signature: Signature,
}

impl SignatureValue {
    /// `signature` written in `encoding`.
    pub const fn new(encoding: Encoding, signature: Signature) -> Self {
        Self {
            encoding,
            signature,
        }
    }

    /// The encoding the signature is written in.
    pub const fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The signature.
    pub const fn signature(&self) -> Signature {
        self.signature
    }

    /// Reads a hex signature header value: `sha256=<64 hex>` or bare
    /// `<64 hex>`, hex digits in either case, spaces and tabs around it
    /// ignored. Any bytes are accepted as input; this never panics.
    ///
    /// # Errors
    ///
    /// A [`SignatureError`] saying what is wrong: empty, an algorithm other
    /// than sha256, a byte that is not a hex digit (and where), or the wrong
    /// number of digits (and how many).
    pub fn parse(value: impl AsRef<[u8]>) -> Result<Self, SignatureError> {
        let (value, lead) = trim_blanks(value.as_ref());
        if value.is_empty() {
            return Err(SignatureError::Empty);
        }
        // The two forms platforms send, read without scanning the digits
        // for `=`: a `sha256=` prefix, or 64 hex digits (which hold no `=`).
        // Anything else takes the general reading below.
        if let Some((prefix, digits)) = value.split_first_chunk::<7>()
            && prefix.eq_ignore_ascii_case(b"sha256=")
        {
            let encoding = Encoding::Sha256Hex;
            let signature = encoding.decode(digits, lead + prefix.len())?;
            return Ok(Self {
                encoding,
                signature,
            });
        }
        if let Ok(signature) = Encoding::Hex.decode(value, lead) {
            return Ok(Self {
                encoding: Encoding::Hex,
                signature,
            });
        }
        let (encoding, digits, offset) = match value.iter().position(|&b| b == b'=') {
            None => (Encoding::Hex, value, lead),
            Some(eq) => {
                let (name, rest) = value.split_at(eq);
                if !name.eq_ignore_ascii_case(b"sha256") {
                    return Err(SignatureError::UnsupportedAlgorithm {
                        algorithm: AlgorithmName::new(name),
                        supported: "sha256",
                    });
                }
                let digits = rest.get(1..).unwrap_or_default();
                (Encoding::Sha256Hex, digits, lead + eq + 1)
            }
        };
        let signature = encoding.decode(digits, offset)?;
        Ok(Self {
            encoding,
            signature,
        })
    }

    /// Reads a header value written in exactly `encoding`.
    ///
    /// ```
    /// use hooksig::{Encoding, SignatureError, SignatureValue};
    ///
    /// // Typeform's `Typeform-Signature`.
    /// let value = "sha256=dXEH6g6yUJ/CESIczphLijdXC211hsIsRvQ3nIsEPhc=";
    /// assert!(SignatureValue::parse_as(value, Encoding::Sha256Base64).is_ok());
    /// assert_eq!(
    ///     SignatureValue::parse_as(&value[7..], Encoding::Sha256Base64),
    ///     Err(SignatureError::WrongEncoding { expected: Encoding::Sha256Base64, found: Encoding::Base64 }),
    /// );
    /// ```
    ///
    /// # Errors
    ///
    /// As [`SignatureValue::parse`], and [`SignatureError::WrongEncoding`]
    /// for a value written the other way (bare where `sha256=` was
    /// expected, or the reverse). A base64 value reports what is wrong with
    /// its characters as [`Encoding::Base64`] does; a `sha256=` value names
    /// another algorithm in [`SignatureError::UnsupportedAlgorithm`].
    pub fn parse_as(value: impl AsRef<[u8]>, encoding: Encoding) -> Result<Self, SignatureError> {
        let value = value.as_ref();
        match encoding {
            Encoding::Base64 => {
                let (text, lead) = trim_blanks(value);
                if text.is_empty() {
                    return Err(SignatureError::Empty);
                }
                let signature = encoding.decode(text, lead)?;
                return Ok(Self::new(encoding, signature));
            }
            Encoding::Sha256Base64 => return parse_sha256_base64(value),
            Encoding::Hex | Encoding::Sha256Hex => {}
        }
        let parsed = Self::parse(value)?;
        if parsed.encoding != encoding {
            return Err(SignatureError::WrongEncoding {
                expected: encoding,
                found: parsed.encoding,
            });
        }
        Ok(parsed)
    }

    /// The value as a sendable header, marked sensitive so that `http`
    /// stacks keep it out of logs and compression tables.
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn to_header_value(&self) -> HeaderValue {
        sensitive_value(self.encoding.render(&self.signature).as_bytes())
    }
}

/// Reads `sha256=<base64>` (Typeform): the prefix in either case, blanks
/// around the value ignored. Bare base64 is the other encoding, and another
/// name before `=` another algorithm.
fn parse_sha256_base64(value: &[u8]) -> Result<SignatureValue, SignatureError> {
    let encoding = Encoding::Sha256Base64;
    let (value, lead) = trim_blanks(value);
    if value.is_empty() {
        return Err(SignatureError::Empty);
    }
    if let Some((prefix, digits)) = value.split_first_chunk::<7>()
        && prefix.eq_ignore_ascii_case(b"sha256=")
    {
        if digits.is_empty() {
            return Err(SignatureError::NoDigits { encoding });
        }
        let signature = encoding.decode(digits, lead + prefix.len())?;
        return Ok(SignatureValue::new(encoding, signature));
    }
    // Base64 has `=` only as padding at the end: an `=` before that ends an
    // algorithm's name.
    match value.iter().position(|&b| b == b'=') {
        Some(eq)
            if value
                .get(eq + 1..)
                .is_some_and(|rest| rest.iter().any(|&b| b != b'=')) =>
        {
            Err(SignatureError::UnsupportedAlgorithm {
                algorithm: AlgorithmName::new(value.get(..eq).unwrap_or_default()),
                supported: "sha256",
            })
        }
        _ => {
            // Bare base64: well formed, but not in the platform's encoding.
            Encoding::Base64.decode(value, lead)?;
            Err(SignatureError::WrongEncoding {
                expected: encoding,
                found: Encoding::Base64,
            })
        }
    }
}

impl fmt::Display for SignatureValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.encoding.render(&self.signature).as_str())
    }
}

impl FromStr for SignatureValue {
    type Err = SignatureError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A header value from bytes the crate wrote itself (always valid ASCII),
/// marked sensitive so that `http` stacks keep it out of logs and
/// compression tables.
#[cfg(feature = "http")]
pub(crate) fn sensitive_value(bytes: &[u8]) -> HeaderValue {
    let mut value = HeaderValue::from_bytes(bytes).unwrap_or_else(|_| HeaderValue::from_static(""));
    value.set_sensitive(true);
    value
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<SignatureValue> for HeaderValue {
    fn from(header: SignatureValue) -> Self {
        header.to_header_value()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    #[test]
    fn reads_both_hex_forms_in_either_case_with_blanks() {
        let bare = SignatureValue::parse(HEX).unwrap();
        let prefixed =
            SignatureValue::parse(format!(" \tsha256={}\t ", HEX.to_uppercase())).unwrap();
        assert_eq!(bare.encoding(), Encoding::Hex);
        assert_eq!(prefixed.encoding(), Encoding::Sha256Hex);
        assert_eq!(bare.signature(), prefixed.signature());
        assert_eq!(bare.signature().to_string(), HEX);
    }

    #[test]
    fn writes_what_it_reads() {
        let signature = SignatureValue::parse(HEX).unwrap().signature();
        for encoding in [
            Encoding::Hex,
            Encoding::Sha256Hex,
            Encoding::Base64,
            Encoding::Sha256Base64,
        ] {
            let header = signature.to_value(encoding);
            let text = header.to_string();
            assert!(text.starts_with(encoding.prefix()));
            #[cfg(feature = "http")]
            assert_eq!(header.to_header_value().as_bytes(), text.as_bytes());
            #[cfg(feature = "http")]
            assert!(header.to_header_value().is_sensitive());
            assert_eq!(SignatureValue::parse_as(&text, encoding), Ok(header));
        }
    }

    #[test]
    fn strict_reading_refuses_the_other_hex_form() {
        let prefixed = format!("sha256={HEX}");
        assert_eq!(
            SignatureValue::parse_as(&prefixed, Encoding::Hex),
            Err(SignatureError::WrongEncoding {
                expected: Encoding::Hex,
                found: Encoding::Sha256Hex
            })
        );
        assert!(SignatureValue::parse_as(HEX, Encoding::Base64).is_err());
        assert_eq!(
            SignatureValue::parse_as(" \t", Encoding::Base64),
            Err(SignatureError::Empty)
        );
    }

    #[test]
    fn says_what_is_wrong() {
        let hex = |offset| SignatureError::InvalidCharacter {
            encoding: Encoding::Hex,
            offset,
        };
        let cases: &[(&[u8], SignatureError)] = &[
            (b"", SignatureError::Empty),
            (b" \t ", SignatureError::Empty),
            (
                b"sha256=",
                SignatureError::NoDigits {
                    encoding: Encoding::Sha256Hex,
                },
            ),
            (
                &HEX.as_bytes()[..63],
                SignatureError::Length {
                    encoding: Encoding::Hex,
                    found: 63,
                    expected: 64,
                },
            ),
            (
                b"sha256=zz",
                SignatureError::InvalidCharacter {
                    encoding: Encoding::Sha256Hex,
                    offset: 7,
                },
            ),
            (b"  0g", hex(3)),
            (b"\r\nab", hex(0)),
        ];
        for (value, expected) in cases {
            assert_eq!(
                SignatureValue::parse(value).err(),
                Some(*expected),
                "{value:?}"
            );
        }
        assert_eq!(
            SignatureValue::parse(format!("{HEX}0"))
                .unwrap_err()
                .to_string(),
            "signature is 65 hex digits, expected 64"
        );
        assert_eq!(
            SignatureValue::parse("sha256=0x12")
                .unwrap_err()
                .to_string(),
            "signature has a byte that is not a hex digit at offset 8"
        );
    }

    #[test]
    fn sha256_base64_is_held_to_its_prefix() {
        let signature = SignatureValue::parse(HEX).unwrap().signature();
        let text = signature.to_value(Encoding::Sha256Base64).to_string();
        let read = |value: &str| SignatureValue::parse_as(value, Encoding::Sha256Base64);
        assert_eq!(read(&text).map(|v| v.signature()), Ok(signature));
        assert_eq!(
            read(&format!(" SHA256={}\t", &text[7..])).map(|v| v.signature()),
            Ok(signature)
        );
        assert_eq!(
            read(&text[7..]),
            Err(SignatureError::WrongEncoding {
                expected: Encoding::Sha256Base64,
                found: Encoding::Base64
            })
        );
        assert_eq!(
            read(&format!("sha1={}", &text[7..]))
                .unwrap_err()
                .to_string(),
            "sha1 is not supported, only sha256"
        );
        assert_eq!(
            read("sha256="),
            Err(SignatureError::NoDigits {
                encoding: Encoding::Sha256Base64
            })
        );
        assert_eq!(read(" "), Err(SignatureError::Empty));
        assert_eq!(
            read("sha256=abcd"),
            Err(SignatureError::Length {
                encoding: Encoding::Base64,
                found: 4,
                expected: 44
            })
        );
        assert_eq!(
            read("sha256=ab-d"),
            Err(SignatureError::InvalidCharacter {
                encoding: Encoding::Base64,
                offset: 9
            })
        );
        // A hex MAC is not this encoding either.
        assert!(read(&format!("sha256={HEX}")).is_err());
    }

    #[test]
    fn names_other_algorithms_briefly() {
        let message = |value: &str| SignatureValue::parse(value).unwrap_err().to_string();
        assert_eq!(message("sha1=0123"), "sha1 is not supported, only sha256");
        assert_eq!(message("SHA512=00"), "sha512 is not supported, only sha256");
        let unnamed = "an unnamed algorithm is not supported, only sha256";
        assert_eq!(message("a-very-long-algorithm-name-indeed=00"), unnamed);
        assert_eq!(message("é=00"), unnamed);
        assert_eq!(message("=00"), unnamed);
    }
}
