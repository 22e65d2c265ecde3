//! The receiver's side: checking signatures, from a header value or straight
//! from an `http` request.

use core::fmt;

use http::{HeaderMap, Request};
use subtle::{Choice, ConstantTimeEq};

use crate::{
    Header, KeyError, Platform, Scheme, Signature, SignatureError, SignatureHeader, SigningKey,
};

/// Checks webhook signatures against one secret, or several during a
/// rotation.
///
/// Each secret is keyed into HMAC-SHA256 once, when the verifier is built.
/// A check hashes the raw body bytes with each key, decodes the header's
/// hex into 32 bytes and compares them in constant time: never the hex
/// strings, never with an early exit. With one secret a check does not
/// allocate.
///
/// A verifier always holds at least one secret. The only way to get one that
/// lets unsigned requests through is [`dangerous::accept_unsigned`](crate::dangerous::accept_unsigned).
///
/// ```
/// use hooksig::{Signer, Verifier, VerifyError};
///
/// let body = br#"{"event":"scan.completed"}"#;
/// let header = Signer::new("new secret")?.sign(body).to_string();
///
/// // During a rotation, accept both the new and the old secret.
/// let verifier = Verifier::with_secrets(["new secret", "old secret"])?;
/// assert_eq!(verifier.verify(body, &header), Ok(()));
/// assert_eq!(verifier.verify(b"tampered", &header), Err(VerifyError::Mismatch));
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    keys: Keys,
}

#[derive(Clone)]
enum Keys {
    /// Never empty: the constructors refuse an empty list.
    Secrets(Box<[SigningKey]>),
    AcceptUnsigned,
}

impl Verifier {
    /// A verifier for one `secret`, used as raw bytes.
    ///
    /// # Errors
    ///
    /// [`KeyError::EmptySecret`] when `secret` is empty.
    pub fn new(secret: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        Ok(Self::from_key(SigningKey::new(secret)?))
    }

    /// A verifier for one key already built.
    pub fn from_key(key: SigningKey) -> Self {
        Self {
            keys: Keys::Secrets(Box::new([key])),
        }
    }

    /// A verifier that accepts a signature made with any of `secrets`: the
    /// new and the old secret while a rotation is under way. Every secret is
    /// tried on every request, so the time taken does not tell which one
    /// matched.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] for an empty list and
    /// [`KeyError::EmptySecretInList`] for an empty secret in it.
    pub fn with_secrets<I>(secrets: I) -> Result<Self, KeyError>
    where
        I: IntoIterator,
        I::Item: AsRef<[u8]>,
    {
        let keys = secrets
            .into_iter()
            .enumerate()
            .map(|(index, secret)| {
                SigningKey::new(secret).map_err(|_| KeyError::EmptySecretInList { index })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::from_keys(keys)
    }

    /// A verifier for several keys already built.
    ///
    /// # Errors
    ///
    /// [`KeyError::NoSecrets`] when `keys` is empty.
    pub fn from_keys(keys: impl IntoIterator<Item = SigningKey>) -> Result<Self, KeyError> {
        let keys: Box<[SigningKey]> = keys.into_iter().collect();
        if keys.is_empty() {
            return Err(KeyError::NoSecrets);
        }
        Ok(Self {
            keys: Keys::Secrets(keys),
        })
    }

    pub(crate) const fn accept_unsigned() -> Self {
        Self {
            keys: Keys::AcceptUnsigned,
        }
    }

    /// How many secrets this verifier holds; 0 for the dangerous verifier
    /// that accepts unsigned requests.
    pub fn secret_count(&self) -> usize {
        match &self.keys {
            Keys::Secrets(keys) => keys.len(),
            Keys::AcceptUnsigned => 0,
        }
    }

    /// Checks `signature_header`, a signature header's value in either
    /// scheme (`sha256=<hex>` or bare hex), against the raw `body` bytes.
    ///
    /// # Errors
    ///
    /// [`VerifyError::Malformed`] when the value cannot be read as a
    /// signature, and [`VerifyError::Mismatch`] when it can but no secret
    /// produced it.
    pub fn verify(
        &self,
        body: &[u8],
        signature_header: impl AsRef<[u8]>,
    ) -> Result<(), VerifyError> {
        self.check(body, signature_header.as_ref(), None, None)
    }

    /// Like [`Verifier::verify`], but the value must be written in `scheme`.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`], and [`SignatureError::WrongScheme`] (inside
    /// [`VerifyError::Malformed`]) when the value uses the other scheme.
    pub fn verify_scheme(
        &self,
        body: &[u8],
        signature_header: impl AsRef<[u8]>,
        scheme: Scheme,
    ) -> Result<(), VerifyError> {
        self.check(body, signature_header.as_ref(), Some(scheme), None)
    }

    /// Checks a request's headers and raw body the way `platform` signs: it
    /// reads `platform`'s signature header, and holds it to the platform's
    /// scheme when the platform is [strict](Platform::strict).
    ///
    /// ```
    /// use hooksig::{Platform, Signer, Verifier};
    ///
    /// let signer = Signer::new("secret")?;
    /// let request = Platform::CORTEX
    ///     .request("https://example.com/hooks")
    ///     .event("scan.completed")
    ///     .delivery_id("d-1")
    ///     .sign_with(&signer)
    ///     .body(br#"{"event":"scan.completed"}"#.to_vec())?;
    ///
    /// let verifier = Verifier::new("secret")?;
    /// verifier.verify_headers(&Platform::CORTEX, request.headers(), request.body())?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`VerifyError::MissingHeader`] or [`VerifyError::DuplicateHeader`]
    /// naming the header, then as [`Verifier::verify_scheme`].
    pub fn verify_headers(
        &self,
        platform: &Platform,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), VerifyError> {
        if let Keys::AcceptUnsigned = self.keys {
            return Ok(());
        }
        let header = platform.signature_header();
        let value = match header.single(headers) {
            Ok(Some(value)) => value,
            Ok(None) => {
                return Err(VerifyError::MissingHeader {
                    header: header.clone(),
                });
            }
            Err(count) => {
                return Err(VerifyError::DuplicateHeader {
                    header: header.clone(),
                    count,
                });
            }
        };
        let scheme = platform.is_strict().then_some(platform.scheme());
        self.check(body, value.as_bytes(), scheme, Some(header))
    }

    /// [`Verifier::verify_headers`] on an `http::Request` whose body is the
    /// raw bytes received.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify_headers`].
    pub fn verify_request<B: AsRef<[u8]>>(
        &self,
        platform: &Platform,
        request: &Request<B>,
    ) -> Result<(), VerifyError> {
        self.verify_headers(platform, request.headers(), request.body().as_ref())
    }

    fn check(
        &self,
        body: &[u8],
        value: &[u8],
        scheme: Option<Scheme>,
        header: Option<&Header>,
    ) -> Result<(), VerifyError> {
        if let Keys::AcceptUnsigned = self.keys {
            return Ok(());
        }
        let malformed = |source| VerifyError::Malformed {
            header: header.cloned(),
            source,
        };
        let parsed = SignatureHeader::parse(value).map_err(malformed)?;
        if let Some(expected) = scheme.filter(|expected| *expected != parsed.scheme()) {
            return Err(malformed(SignatureError::WrongScheme {
                expected,
                found: parsed.scheme(),
            }));
        }
        self.matches_any(&[body], &[parsed.signature()])
    }

    /// Whether any key's MAC of the concatenated `parts` equals any of the
    /// `candidates`. Every key is hashed once and compared with every
    /// candidate in constant time, whatever matched first: the timestamped
    /// schemes send several signatures in one header.
    pub(crate) fn matches_any(
        &self,
        parts: &[&[u8]],
        candidates: &[Signature],
    ) -> Result<(), VerifyError> {
        let keys = match &self.keys {
            Keys::Secrets(keys) => keys,
            Keys::AcceptUnsigned => return Ok(()),
        };
        let mut matched = Choice::from(0);
        for key in keys {
            let expected = key.sign_parts(parts);
            for candidate in candidates {
                matched |= expected.ct_eq(candidate);
            }
        }
        if bool::from(matched) {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.keys {
            Keys::Secrets(keys) => f
                .debug_struct("Verifier")
                .field("secrets", &format_args!("[REDACTED; {}]", keys.len()))
                .finish(),
            Keys::AcceptUnsigned => f.write_str("Verifier(DANGEROUS: accepts unsigned requests)"),
        }
    }
}

/// Why a request failed verification.
///
/// A mismatch says only that: nothing about which bytes or which secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The platform's signature header is absent.
    #[error("missing header {header}")]
    MissingHeader {
        /// The header that should carry the signature.
        header: Header,
    },
    /// The signature header appears more than once.
    #[error("{count} {header} headers, expected exactly one")]
    DuplicateHeader {
        /// The signature header.
        header: Header,
        /// How many times it appeared.
        count: usize,
    },
    /// The header's value cannot be read as a signature.
    #[error("{}{source}", InHeader(header.as_ref()))]
    Malformed {
        /// The header the value came from, when verification read it from
        /// headers.
        header: Option<Header>,
        /// What is wrong with the value.
        source: SignatureError,
    },
    /// The signature is well formed but no secret produced it for this body.
    #[error("signature did not match")]
    Mismatch,
}

struct InHeader<'a>(Option<&'a Header>);

impl fmt::Display for InHeader<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(header) => write!(f, "header {header}: "),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Signer;

    #[test]
    fn every_secret_is_tried() {
        let verifier = Verifier::with_secrets(["a", "b"]).unwrap();
        for secret in ["a", "b"] {
            let header = Signer::new(secret).unwrap().sign(b"body").to_string();
            assert_eq!(verifier.verify(b"body", header), Ok(()));
        }
        let header = Signer::new("c").unwrap().sign(b"body").to_string();
        assert_eq!(verifier.verify(b"body", header), Err(VerifyError::Mismatch));
    }

    #[test]
    fn secret_lists_fail_closed() {
        let none: [&str; 0] = [];
        assert_eq!(
            Verifier::with_secrets(none).err(),
            Some(KeyError::NoSecrets)
        );
        assert_eq!(
            Verifier::with_secrets(["a", ""]).err(),
            Some(KeyError::EmptySecretInList { index: 1 })
        );
        assert_eq!(Verifier::new("").err(), Some(KeyError::EmptySecret));
    }

    #[test]
    fn any_of_several_candidates() {
        let verifier = Verifier::new("k").unwrap();
        let good = Signer::new("k").unwrap().sign(b"m");
        let bad = Signature::from_bytes([0; 32]);
        assert_eq!(verifier.matches_any(&[b"m"], &[bad, good]), Ok(()));
        assert_eq!(
            verifier.matches_any(&[b"m"], &[bad]),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            verifier.matches_any(&[b"m"], &[]),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn debug_shows_no_secret() {
        let verifier = Verifier::with_secrets(["hunter2", "swordfish"]).unwrap();
        assert_eq!(
            format!("{verifier:?}"),
            "Verifier { secrets: [REDACTED; 2] }"
        );
    }

    #[test]
    fn malformed_says_where_when_it_knows() {
        let header = Header::new("X-Sig").unwrap();
        let error = VerifyError::Malformed {
            header: Some(header),
            source: SignatureError::Empty,
        };
        assert_eq!(error.to_string(), "header X-Sig: signature is empty");
        let error = VerifyError::Malformed {
            header: None,
            source: SignatureError::Empty,
        };
        assert_eq!(error.to_string(), "signature is empty");
    }
}
