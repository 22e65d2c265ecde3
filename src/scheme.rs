//! How a signature is written in a header: the [`Scheme`], and reading and
//! writing a [`SignatureHeader`].

use core::{fmt, str::FromStr};

use http::HeaderValue;

use crate::{
    Signature,
    digits::{self, HexError},
};

/// How a platform writes an HMAC-SHA256 signature in its header.
///
/// ```
/// use hooksig::{Scheme, SignatureHeader};
///
/// let header: SignatureHeader = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17".parse()?;
/// assert_eq!(header.scheme(), Scheme::Sha256Hex);
/// # Ok::<(), hooksig::SignatureError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Scheme {
    /// 64 hex digits and nothing else: Emuluxe (`X-Emuluxe-Signature`) and
    /// Capawesome (`X-Signature`).
    Hex,
    /// `sha256=` then 64 hex digits: PulseLABS, SPLEXA, Cortex and GitHub.
    Sha256Hex,
}

impl Scheme {
    const SHA256_PREFIX: &'static str = "sha256=";

    /// What this scheme writes before the hex digits.
    pub const fn prefix(self) -> &'static str {
        match self {
            Self::Hex => "",
            Self::Sha256Hex => Self::SHA256_PREFIX,
        }
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Hex => "<hex>",
            Self::Sha256Hex => "sha256=<hex>",
        })
    }
}

/// A signature as a header value carries it: the MAC and the [`Scheme`] it is
/// written in.
///
/// [`SignatureHeader::parse`] reads a received value; `Display` and
/// [`SignatureHeader::to_header_value`] write one to send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureHeader {
    scheme: Scheme,
    signature: Signature,
}

impl SignatureHeader {
    const HEX_DIGITS: usize = 2 * Signature::LEN;

    /// `signature` written in `scheme`.
    pub const fn new(scheme: Scheme, signature: Signature) -> Self {
        Self { scheme, signature }
    }

    /// The scheme the signature is written in.
    pub const fn scheme(&self) -> Scheme {
        self.scheme
    }

    /// The signature.
    pub const fn signature(&self) -> Signature {
        self.signature
    }

    /// Reads a signature header value: `sha256=<64 hex>` or bare `<64 hex>`,
    /// hex digits in either case, spaces and tabs around it ignored. Any
    /// bytes are accepted as input; this never panics.
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
        let (scheme, digits, offset) = match value.iter().position(|&b| b == b'=') {
            None => (Scheme::Hex, value, lead),
            Some(eq) => {
                let (name, rest) = value.split_at(eq);
                if !name.eq_ignore_ascii_case(b"sha256") {
                    return Err(SignatureError::UnsupportedAlgorithm {
                        algorithm: AlgorithmName::new(name),
                    });
                }
                (
                    Scheme::Sha256Hex,
                    rest.get(1..).unwrap_or_default(),
                    lead + eq + 1,
                )
            }
        };
        let signature = digits::decode(digits).map_err(|error| match error {
            HexError::Empty => SignatureError::NoDigits { scheme },
            HexError::InvalidByte { index } => SignatureError::NotHex {
                offset: offset + index,
            },
            HexError::Length { digits } => SignatureError::Length {
                digits,
                expected: Self::HEX_DIGITS,
            },
        })?;
        Ok(Self { scheme, signature })
    }

    /// The value as a sendable header, marked sensitive so that `http`
    /// stacks keep it out of logs and compression tables.
    pub fn to_header_value(&self) -> HeaderValue {
        let mut buf = [0u8; Scheme::SHA256_PREFIX.len() + Self::HEX_DIGITS];
        let prefix = self.scheme.prefix().as_bytes();
        let len = prefix.len() + Self::HEX_DIGITS;
        let (head, tail) = buf.split_at_mut(prefix.len());
        head.copy_from_slice(prefix);
        if let Some(digits) = tail.get_mut(..Self::HEX_DIGITS) {
            digits.copy_from_slice(&self.signature.hex());
        }
        // Hex digits and `sha256=` are visible ASCII, always a valid value.
        let mut value = HeaderValue::from_bytes(buf.get(..len).unwrap_or_default())
            .unwrap_or_else(|_| HeaderValue::from_static(""));
        value.set_sensitive(true);
        value
    }
}

impl fmt::Display for SignatureHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.scheme.prefix())?;
        fmt::Display::fmt(&self.signature, f)
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

/// What is wrong with a signature header value.
///
/// Messages say what and where, and never echo more of the value than a
/// short algorithm name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The value was empty or only spaces and tabs.
    #[error("signature is empty")]
    Empty,
    /// The value names an algorithm but has no digits after it (`sha256=`).
    #[error("signature written as {scheme} has no hex digits")]
    NoDigits {
        /// The scheme the value started to use.
        scheme: Scheme,
    },
    /// A byte where a hex digit should be.
    #[error("signature has a byte that is not a hex digit at offset {offset}")]
    NotHex {
        /// Zero-based offset of the byte in the header value.
        offset: usize,
    },
    /// Hex digits, but not as many as a SHA-256 MAC has.
    #[error("signature is {digits} hex digits, expected {expected}")]
    Length {
        /// How many hex digits the value had.
        digits: usize,
        /// How many it should have had (64).
        expected: usize,
    },
    /// The value names an algorithm other than sha256, such as `sha1=`.
    #[error("{algorithm} is not supported, only sha256")]
    UnsupportedAlgorithm {
        /// The algorithm the value named.
        algorithm: AlgorithmName,
    },
    /// The value is well formed, but not in the scheme the platform uses and
    /// the caller asked for strictly.
    #[error("signature is written as {found}, expected {expected}")]
    WrongScheme {
        /// The platform's scheme.
        expected: Scheme,
        /// The scheme the value used.
        found: Scheme,
    },
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

    fn new(name: &[u8]) -> Self {
        let mut bytes = [0u8; Self::MAX];
        let plain = !name.is_empty()
            && name.len() <= Self::MAX
            && name
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
        match bytes.get_mut(..name.len()) {
            Some(dest) if plain => {
                dest.copy_from_slice(name);
                dest.make_ascii_lowercase();
                Self {
                    bytes,
                    len: name.len() as u8,
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
fn trim_blanks(value: &[u8]) -> (&[u8], usize) {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
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
    fn reads_both_schemes_in_either_case_with_blanks() {
        let bare = SignatureHeader::parse(HEX).unwrap();
        let prefixed =
            SignatureHeader::parse(format!(" \tsha256={}\t ", HEX.to_uppercase())).unwrap();
        assert_eq!(bare.scheme(), Scheme::Hex);
        assert_eq!(prefixed.scheme(), Scheme::Sha256Hex);
        assert_eq!(bare.signature(), prefixed.signature());
        assert_eq!(bare.signature().to_string(), HEX);
    }

    #[test]
    fn writes_what_it_reads() {
        for scheme in [Scheme::Hex, Scheme::Sha256Hex] {
            let header = SignatureHeader::parse(HEX)
                .unwrap()
                .signature()
                .to_header(scheme);
            let text = header.to_string();
            assert_eq!(text, format!("{}{HEX}", scheme.prefix()));
            assert_eq!(header.to_header_value().as_bytes(), text.as_bytes());
            assert!(header.to_header_value().is_sensitive());
            assert_eq!(SignatureHeader::parse(&text), Ok(header));
        }
    }

    #[test]
    fn says_what_is_wrong() {
        let cases: &[(&[u8], SignatureError)] = &[
            (b"", SignatureError::Empty),
            (b" \t ", SignatureError::Empty),
            (
                b"sha256=",
                SignatureError::NoDigits {
                    scheme: Scheme::Sha256Hex,
                },
            ),
            (
                &HEX.as_bytes()[..63],
                SignatureError::Length {
                    digits: 63,
                    expected: 64,
                },
            ),
            (
                b"abc",
                SignatureError::Length {
                    digits: 3,
                    expected: 64,
                },
            ),
            (b"sha256=zz", SignatureError::NotHex { offset: 7 }),
            (b"  0g", SignatureError::NotHex { offset: 3 }),
            (b"\r\nab", SignatureError::NotHex { offset: 0 }),
        ];
        for (value, expected) in cases {
            assert_eq!(
                SignatureHeader::parse(value).err(),
                Some(*expected),
                "{value:?}"
            );
        }
        let long = format!("{HEX}0");
        assert_eq!(
            SignatureHeader::parse(&long).unwrap_err().to_string(),
            "signature is 65 hex digits, expected 64"
        );
    }

    #[test]
    fn names_other_algorithms_briefly() {
        let sha1 = SignatureHeader::parse("sha1=0123").unwrap_err();
        assert_eq!(sha1.to_string(), "sha1 is not supported, only sha256");
        let shouting = SignatureHeader::parse("SHA512=00").unwrap_err();
        assert_eq!(shouting.to_string(), "sha512 is not supported, only sha256");
        let junk = SignatureHeader::parse("a-very-long-algorithm-name-indeed=00").unwrap_err();
        assert_eq!(
            junk.to_string(),
            "an unnamed algorithm is not supported, only sha256"
        );
        let odd = SignatureHeader::parse("é=00").unwrap_err();
        assert_eq!(
            odd.to_string(),
            "an unnamed algorithm is not supported, only sha256"
        );
    }
}
