//! The receiver's side: checking signatures, from a header value or straight
//! from an `http` request.

use core::fmt;

use jiff::Timestamp;
use subtle::{Choice, ConstantTimeEq};

use crate::{
    Encoding, Header, KeyError, Signature, SignatureError, SignatureHeader, SigningKey, Tolerance,
    scheme::timestamp,
};

mod error;
mod headers;

pub use error::VerifyError;
pub(crate) use headers::required;

/// Checks webhook signatures against one secret, or several during a
/// rotation.
///
/// Each secret is keyed into HMAC-SHA256 once, when the verifier is built.
/// A check hashes the raw body bytes with each key, decodes the header's
/// signature into 32 bytes and compares them in constant time: never the
/// text, never with an early exit. With one secret a check does not
/// allocate.
///
/// For the timestamped schemes (Standard Webhooks, Stripe, Slack) the
/// verifier also holds the [`Tolerance`] a signed timestamp must fall within,
/// 5 minutes by default.
///
/// A verifier always holds at least one secret. The only ways to loosen it
/// are in [`dangerous`](crate::dangerous).
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
    freshness: Freshness,
}

#[derive(Clone)]
enum Keys {
    /// Never empty: the constructors refuse an empty list.
    Secrets(Box<[SigningKey]>),
    AcceptUnsigned,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    Within(Tolerance),
    Unchecked,
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

    /// A verifier for one key already built, such as a Standard Webhooks
    /// key from [`SigningKey::from_standard_webhooks_secret`].
    pub fn from_key(key: SigningKey) -> Self {
        Self::from_boxed(Box::new([key]))
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
        Ok(Self::from_boxed(keys))
    }

    fn from_boxed(keys: Box<[SigningKey]>) -> Self {
        Self {
            keys: Keys::Secrets(keys),
            freshness: Freshness::Within(Tolerance::DEFAULT),
        }
    }

    /// The same verifier, accepting signed timestamps within `tolerance` of
    /// `now`, each way. Defaults to [`Tolerance::DEFAULT`], 300 seconds.
    #[must_use]
    pub fn with_tolerance(mut self, tolerance: Tolerance) -> Self {
        self.freshness = Freshness::Within(tolerance);
        self
    }

    /// The tolerance for signed timestamps; `None` once
    /// [`dangerous::skip_timestamp_check`](crate::dangerous::skip_timestamp_check)
    /// turned the check off.
    pub fn tolerance(&self) -> Option<Tolerance> {
        match self.freshness {
            Freshness::Within(tolerance) => Some(tolerance),
            Freshness::Unchecked => None,
        }
    }

    pub(crate) const fn accept_unsigned() -> Self {
        Self {
            keys: Keys::AcceptUnsigned,
            freshness: Freshness::Unchecked,
        }
    }

    pub(crate) fn skip_timestamp_check(mut self) -> Self {
        self.freshness = Freshness::Unchecked;
        self
    }

    /// How many secrets this verifier holds; 0 for the dangerous verifier
    /// that accepts unsigned requests.
    pub fn secret_count(&self) -> usize {
        match &self.keys {
            Keys::Secrets(keys) => keys.len(),
            Keys::AcceptUnsigned => 0,
        }
    }

    /// Checks `signature_header`, a hex signature header's value in either
    /// form (`sha256=<hex>` or bare hex), against the raw `body` bytes.
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

    /// Like [`Verifier::verify`], but the value must be written in
    /// `encoding`; the only way to check a base64 value.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`], and [`SignatureError::WrongEncoding`] (inside
    /// [`VerifyError::Malformed`]) for a hex value in the other form.
    pub fn verify_encoded(
        &self,
        body: &[u8],
        signature_header: impl AsRef<[u8]>,
        encoding: Encoding,
    ) -> Result<(), VerifyError> {
        self.check(body, signature_header.as_ref(), Some(encoding), None)
    }

    /// Reads one body-only signature value (as `encoding` exactly, or either
    /// hex form) and checks it against `body`.
    fn check(
        &self,
        body: &[u8],
        value: &[u8],
        encoding: Option<Encoding>,
        header: Option<&Header>,
    ) -> Result<(), VerifyError> {
        if let Keys::AcceptUnsigned = self.keys {
            return Ok(());
        }
        let parsed = match encoding {
            Some(encoding) => SignatureHeader::parse_as(value, encoding),
            None => SignatureHeader::parse(value),
        };
        let parsed = parsed.map_err(|source: SignatureError| VerifyError::Malformed {
            header: header.cloned(),
            source,
        })?;
        self.matches_any(&[body], [parsed.signature()])
    }

    /// Reads `text`, the value of `header`, as signed Unix seconds, and
    /// checks it is within the tolerance of `now`.
    pub(crate) fn check_signed_time(
        &self,
        header: &Header,
        text: &[u8],
        now: Timestamp,
    ) -> Result<(), VerifyError> {
        let at = timestamp::parse_seconds(text).map_err(|source| VerifyError::Timestamp {
            header: header.clone(),
            source,
        })?;
        match self.freshness {
            Freshness::Within(tolerance) => Ok(tolerance.check(at, now)?),
            Freshness::Unchecked => Ok(()),
        }
    }

    /// Whether any key's MAC of the concatenated `parts` equals any of the
    /// `candidates`. Every key is hashed once and compared with every
    /// candidate in constant time, whatever matched first: the timestamped
    /// schemes send several signatures in one header.
    pub(crate) fn matches_any<C>(&self, parts: &[&[u8]], candidates: C) -> Result<(), VerifyError>
    where
        C: IntoIterator<Item = Signature>,
        C::IntoIter: Clone,
    {
        let keys = match &self.keys {
            Keys::Secrets(keys) => keys,
            Keys::AcceptUnsigned => return Ok(()),
        };
        let candidates = candidates.into_iter();
        let mut matched = Choice::from(0);
        for key in keys {
            let expected = key.sign_parts(parts);
            for candidate in candidates.clone() {
                matched |= expected.ct_eq(&candidate);
            }
        }
        if bool::from(matched) {
            Ok(())
        } else {
            Err(VerifyError::Mismatch)
        }
    }

    fn accepts_unsigned(&self) -> bool {
        matches!(self.keys, Keys::AcceptUnsigned)
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.keys {
            Keys::Secrets(keys) => f
                .debug_struct("Verifier")
                .field("secrets", &format_args!("[REDACTED; {}]", keys.len()))
                .field("tolerance", &self.tolerance())
                .finish(),
            Keys::AcceptUnsigned => f.write_str("Verifier(DANGEROUS: accepts unsigned requests)"),
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
        assert_eq!(verifier.matches_any(&[b"m"], [bad, good]), Ok(()));
        assert_eq!(
            verifier.matches_any(&[b"m"], [bad]),
            Err(VerifyError::Mismatch)
        );
        assert_eq!(
            verifier.matches_any(&[b"m"], []),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn base64_only_when_asked() {
        let verifier = Verifier::new("k").unwrap();
        let base64 = Signer::new("k")
            .unwrap()
            .sign(b"m")
            .to_header(Encoding::Base64)
            .to_string();
        assert_eq!(
            verifier.verify_encoded(b"m", &base64, Encoding::Base64),
            Ok(())
        );
        assert!(matches!(
            verifier.verify(b"m", &base64),
            Err(VerifyError::Malformed { .. })
        ));
    }

    #[test]
    fn tolerance_defaults_to_five_minutes() {
        let verifier = Verifier::new("k").unwrap();
        assert_eq!(verifier.tolerance(), Some(Tolerance::DEFAULT));
        let tight = verifier.with_tolerance(Tolerance::new(core::time::Duration::from_secs(5)));
        assert_eq!(
            tight.tolerance().map(Tolerance::duration),
            Some(core::time::Duration::from_secs(5))
        );
        assert_eq!(tight.skip_timestamp_check().tolerance(), None);
    }

    #[test]
    fn debug_shows_no_secret() {
        let verifier = Verifier::with_secrets(["hunter2", "swordfish"]).unwrap();
        assert_eq!(
            format!("{verifier:?}"),
            "Verifier { secrets: [REDACTED; 2], tolerance: Some(Tolerance(300s)) }"
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
