//! One MAC in one header value, in an [`Encoding`]: reading and writing it.

use core::{fmt, str::FromStr};

use http::HeaderValue;

use crate::{Encoding, Signature};

/// A signature as a body-only header value carries it: the MAC and the
/// [`Encoding`] it is written in.
///
/// [`SignatureHeader::parse`] reads a received value; `Display` and
/// [`SignatureHeader::to_header_value`] write one to send.
///
/// ```
/// use hooksig::{Encoding, SignatureHeader};
///
/// let header: SignatureHeader =
///     "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17".parse()?;
/// assert_eq!(header.encoding(), Encoding::Sha256Hex);
/// assert_eq!(header.to_string(), header.signature().to_header(Encoding::Sha256Hex).to_string());
/// # Ok::<(), hooksig::SignatureError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureHeader {
    encoding: Encoding,
    signature: Signature,
}

impl SignatureHeader {
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
    /// # Errors
    ///
    /// As [`SignatureHeader::parse`], and [`SignatureError::WrongEncoding`]
    /// for a hex value written the other way (bare where `sha256=` was
    /// expected, or the reverse).
    pub fn parse_as(value: impl AsRef<[u8]>, encoding: Encoding) -> Result<Self, SignatureError> {
        let value = value.as_ref();
        if encoding == Encoding::Base64 {
            let (text, lead) = trim_blanks(value);
            if text.is_empty() {
                return Err(SignatureError::Empty);
            }
            let signature = encoding.decode(text, lead)?;
            return Ok(Self::new(encoding, signature));
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
    pub fn to_header_value(&self) -> HeaderValue {
        super::sensitive_value(&[self.encoding.render(&self.signature).as_bytes()])
    }
}

impl fmt::Display for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.encoding.render(&self.signature).as_str())
    }
}

impl FromStr for SignatureHeader {
    type Err = SignatureError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl From<SignatureHeader> for HeaderValue {
    fn from(header: SignatureHeader) -> Self {
        header.to_header_value()
    }
}

/// What is wrong with a signature in a header value.
///
/// Messages say what and where, and never echo more of the value than a
/// short algorithm name. Offsets count bytes from the start of the header
/// value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The value was empty or only spaces and tabs.
    #[error("signature is empty")]
    Empty,
    /// The value names an algorithm or version but has nothing after it
    /// (`sha256=`, `v1=`).
    #[error("signature written as {encoding} has no characters after its prefix")]
    NoDigits {
        /// The encoding the value started to use.
        encoding: Encoding,
    },
    /// A byte that the encoding does not use.
    #[error("signature has a byte that is not a {} at offset {offset}", encoding.digit())]
    InvalidCharacter {
        /// The encoding expected there.
        encoding: Encoding,
        /// Zero-based offset of the byte in the header value.
        offset: usize,
    },
    /// Not as many characters as a SHA-256 MAC takes in the encoding.
    #[error("signature is {found} {}s, expected {expected}", encoding.digit())]
    Length {
        /// The encoding the characters were read in.
        encoding: Encoding,
        /// How many characters the value had.
        found: usize,
        /// How many it should have had (64 hex digits, 44 base64 characters).
        expected: usize,
    },
    /// Well-formed base64 that does not decode to 32 bytes.
    #[error("signature decodes to {found} bytes, expected {expected}")]
    DecodedLength {
        /// How many bytes it decoded to.
        found: usize,
        /// How many a SHA-256 MAC has (32).
        expected: usize,
    },
    /// The value names an algorithm or version other than the one the
    /// scheme uses, such as `sha1=`.
    #[error("{algorithm} is not supported, only {supported}")]
    UnsupportedAlgorithm {
        /// The algorithm the value named.
        algorithm: AlgorithmName,
        /// The one the scheme supports.
        supported: &'static str,
    },
    /// The value is well formed, but not in the encoding the platform uses
    /// and the caller asked for strictly.
    #[error("signature is written as {found}, expected {expected}")]
    WrongEncoding {
        /// The platform's encoding.
        expected: Encoding,
        /// The encoding the value used.
        found: Encoding,
    },
    /// A header that lists signatures holds none the scheme can check, such
    /// as a `Stripe-Signature` without `v1=`.
    #[error("no {version} signature in the header")]
    NoSignature {
        /// The signature version looked for (`v1`).
        version: &'static str,
    },
    /// A header lists more signatures than a sender ever needs (one per
    /// secret in a rotation).
    #[error("the header lists more than {max} signatures")]
    TooManySignatures {
        /// The most a header may list.
        max: usize,
    },
    /// A Stripe signature header without its `t=` timestamp.
    #[error("no t= timestamp in the header")]
    NoTimestamp,
    /// A Stripe signature header with more than one `t=` timestamp, which
    /// would leave it unclear which one was signed.
    #[error("more than one t= timestamp in the header")]
    DuplicateTimestamp,
}

/// The name of an unsupported algorithm as a header gave it (`sha1` in
/// `sha1=...`), kept only when it is a short, plain name.
///
/// Held inline, so errors neither allocate nor echo long attacker-chosen
/// text: a name longer than 16 bytes, or with bytes other than ASCII letters,
/// digits, `-` and `_`, is kept as "unnamed".
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AlgorithmName {
    bytes: [u8; AlgorithmName::MAX],
    len: u8,
}

impl AlgorithmName {
    const MAX: usize = 16;

    pub(crate) fn new(name: &[u8]) -> Self {
        let mut bytes = [0u8; Self::MAX];
        let plain = !name.is_empty()
            && name
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
        match bytes.get_mut(..name.len()) {
            Some(dest) if plain => {
                dest.copy_from_slice(name);
                dest.make_ascii_lowercase();
                Self {
                    bytes,
                    len: u8::try_from(name.len()).unwrap_or(0),
                }
            }
            _ => Self { bytes, len: 0 },
        }
    }

    /// The name in lowercase, or `None` when the header's name was empty, too
    /// long or not plain.
    pub fn as_str(&self) -> Option<&str> {
        let name = self.bytes.get(..usize::from(self.len))?;
        (!name.is_empty())
            .then(|| core::str::from_utf8(name).ok())
            .flatten()
    }
}

impl fmt::Display for AlgorithmName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str().unwrap_or("an unnamed algorithm"))
    }
}

impl fmt::Debug for AlgorithmName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AlgorithmName({self})")
    }
}

/// Strips spaces and tabs from both ends, and says how many bytes went from
/// the front. Not `trim_ascii`: CR, LF and form feed have no business in a
/// header value and are reported, not hidden.
pub(crate) fn trim_blanks(value: &[u8]) -> (&[u8], usize) {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    // Most values have nothing to trim.
    if let (Some(first), Some(last)) = (value.first(), value.last())
        && !blank(first)
        && !blank(last)
    {
        return (value, 0);
    }
    let start = value.iter().position(|b| !blank(b)).unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|b| !blank(b))
        .map_or(start, |i| i + 1);
    (value.get(start..end).unwrap_or_default(), start)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEX: &str = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    #[test]
    fn reads_both_hex_forms_in_either_case_with_blanks() {
        let bare = SignatureHeader::parse(HEX).unwrap();
        let prefixed =
            SignatureHeader::parse(format!(" \tsha256={}\t ", HEX.to_uppercase())).unwrap();
        assert_eq!(bare.encoding(), Encoding::Hex);
        assert_eq!(prefixed.encoding(), Encoding::Sha256Hex);
        assert_eq!(bare.signature(), prefixed.signature());
        assert_eq!(bare.signature().to_string(), HEX);
    }

    #[test]
    fn writes_what_it_reads() {
        let signature = SignatureHeader::parse(HEX).unwrap().signature();
        for encoding in [Encoding::Hex, Encoding::Sha256Hex, Encoding::Base64] {
            let header = signature.to_header(encoding);
            let text = header.to_string();
            assert!(text.starts_with(encoding.prefix()));
            assert_eq!(header.to_header_value().as_bytes(), text.as_bytes());
            assert!(header.to_header_value().is_sensitive());
            assert_eq!(SignatureHeader::parse_as(&text, encoding), Ok(header));
        }
    }

    #[test]
    fn strict_reading_refuses_the_other_hex_form() {
        let prefixed = format!("sha256={HEX}");
        assert_eq!(
            SignatureHeader::parse_as(&prefixed, Encoding::Hex),
            Err(SignatureError::WrongEncoding {
                expected: Encoding::Hex,
                found: Encoding::Sha256Hex
            })
        );
        assert!(SignatureHeader::parse_as(HEX, Encoding::Base64).is_err());
        assert_eq!(
            SignatureHeader::parse_as(" \t", Encoding::Base64),
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
                SignatureHeader::parse(value).err(),
                Some(*expected),
                "{value:?}"
            );
        }
        assert_eq!(
            SignatureHeader::parse(format!("{HEX}0"))
                .unwrap_err()
                .to_string(),
            "signature is 65 hex digits, expected 64"
        );
        assert_eq!(
            SignatureHeader::parse("sha256=0x12")
                .unwrap_err()
                .to_string(),
            "signature has a byte that is not a hex digit at offset 8"
        );
    }

    #[test]
    fn names_other_algorithms_briefly() {
        let message = |value: &str| SignatureHeader::parse(value).unwrap_err().to_string();
        assert_eq!(message("sha1=0123"), "sha1 is not supported, only sha256");
        assert_eq!(message("SHA512=00"), "sha512 is not supported, only sha256");
        let unnamed = "an unnamed algorithm is not supported, only sha256";
        assert_eq!(message("a-very-long-algorithm-name-indeed=00"), unnamed);
        assert_eq!(message("é=00"), unnamed);
        assert_eq!(message("=00"), unnamed);
    }
}
