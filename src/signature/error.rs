//! What is wrong with a signature in a header value.

use core::fmt;

use super::Encoding;

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
    /// Not as many characters as the signature takes in the encoding.
    #[error("signature is {found} {}s, expected {expected}", encoding.digit())]
    Length {
        /// The encoding the characters were read in.
        encoding: Encoding,
        /// How many characters the value had.
        found: usize,
        /// How many it should have had: 64 hex digits or 44 base64
        /// characters for a SHA-256 MAC, 128 hex digits or 88 base64
        /// characters for an Ed25519 signature.
        expected: usize,
    },
    /// A base64 signature whose last character has unused low bits set: a
    /// character of the alphabet, but not the one spelling of the MAC.
    #[error("signature is non-canonical base64 at offset {offset}: unused bits set")]
    NonCanonical {
        /// Zero-based offset of the character in the header value.
        offset: usize,
    },
    /// Well-formed base64 that does not decode to as many bytes as the
    /// signature has.
    #[error("signature decodes to {found} bytes, expected {expected}")]
    DecodedLength {
        /// How many bytes it decoded to.
        found: usize,
        /// How many the signature has: 32 for a SHA-256 MAC, 64 for Ed25519.
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
    /// as a `Stripe-Signature` without `v1=`, or none the verifier holds a
    /// key for, such as a `webhook-signature` with only `v1a` entries
    /// checked by a verifier holding only secrets.
    #[error("no {version} signature in the header")]
    NoSignature {
        /// The signature versions looked for (`v1`, `v1a`, `v1 or v1a`).
        version: &'static str,
    },
    /// A header lists more Ed25519 signatures than a receiver checks (a
    /// sender lists one per key, two during a rotation), and none of those
    /// checked matched. Each costs a verification per public key, unlike
    /// an HMAC entry, which costs a 32-byte compare.
    #[error("the header lists more than {max} Ed25519 signatures")]
    TooManyEd25519Signatures {
        /// The most a header may list.
        max: usize,
    },
    /// A signature header without the field that carries its signed
    /// timestamp, such as Paddle's `ts=`.
    #[error("no {field}= timestamp in the header")]
    NoTimestampField {
        /// The field's name (`ts`).
        field: &'static str,
    },
    /// A signature header that gives the field of its signed timestamp more
    /// than once, which would leave it unclear which one was signed.
    #[error("more than one {field}= timestamp in the header")]
    DuplicateTimestampField {
        /// The field's name (`ts`).
        field: &'static str,
    },
    /// A Stripe signature header without its `t=` timestamp.
    #[error("no t= timestamp in the header")]
    NoTimestamp,
    /// A Stripe signature header with more than one `t=` timestamp, which
    /// would leave it unclear which one was signed.
    #[error("more than one t= timestamp in the header")]
    DuplicateTimestamp,
    /// A signature of variable length (ECDSA in DER) longer than any the
    /// algorithm makes.
    #[error("signature is {found} characters, more than the {max} its algorithm ever takes")]
    TooLong {
        /// How many characters the value had.
        found: usize,
        /// The most it may have.
        max: usize,
    },
    /// Base64 that decodes to bytes which are not an ECDSA signature in
    /// DER (`SEQUENCE { INTEGER r, INTEGER s }`, each in range).
    #[error("signature is not a DER-encoded ECDSA signature")]
    NotDer,
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
