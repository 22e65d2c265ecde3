//! Zoom's endpoint URL validation: the answer to an
//! `endpoint.url_validation` event. Zoom's event notifications themselves
//! are verified by [`Platform::ZOOM`](crate::Platform::ZOOM).

use alloc::string::{String, ToString};
use core::fmt;

use crate::{KeyError, Signature, SigningKey};

/// Zoom's secret token, keyed once, answering the endpoint URL-validation
/// challenge.
///
/// When an endpoint is added, and every 72 hours after, Zoom posts an
/// `endpoint.url_validation` event whose `payload.plainToken` the endpoint
/// must answer within 3 seconds with
/// `{"plainToken": ..., "encryptedToken": hex(HMAC-SHA256(secret token, plainToken))}`.
///
/// **Verify the request first**, with [`Platform::ZOOM`](crate::Platform::ZOOM):
/// Zoom signs the validation event like any other. An endpoint that
/// answers unverified requests hands anyone the MAC of any text they
/// choose under its secret. This type also refuses a token with a `:` in
/// it, so that no answer is ever the MAC of `v0:<ts>:<body>`, the content
/// of a Zoom signature.
///
/// ```
/// use hooksig::{Platform, provider::Zoom};
///
/// let zoom = Zoom::new("zoom-secret-token")?;
/// // Once Platform::ZOOM's verifier accepted the request, and its body
/// // parsed as `{"event":"endpoint.url_validation","payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"}}`:
/// let answer = zoom.url_validation("qgg8vlvZRS6UYooatFL8Aw")?;
/// assert_eq!(answer.plain_token(), "qgg8vlvZRS6UYooatFL8Aw");
/// assert_eq!(answer.encrypted_token().len(), 64);
/// assert!(answer.to_json().starts_with(r#"{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":""#));
/// // The same secret token reads the events.
/// let verifier = Platform::ZOOM.verifier("zoom-secret-token")?;
/// # let _ = verifier;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Zoom {
    key: SigningKey,
}

impl Zoom {
    /// The longest plain token answered: Zoom's are 22 characters.
    pub const MAX_PLAIN_TOKEN: usize = 256;

    /// Keys HMAC-SHA256 with Zoom's secret token (the app's, from the
    /// Zoom App Marketplace), as it stands.
    ///
    /// # Errors
    ///
    /// As [`SigningKey::new`]: an empty or all-zero token.
    pub fn new(secret_token: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        SigningKey::new(secret_token).map(Self::from_key)
    }

    /// Answers with a key already built.
    pub fn from_key(key: SigningKey) -> Self {
        Self { key }
    }

    /// The answer to an `endpoint.url_validation` event whose
    /// `payload.plainToken` is `plain_token`.
    ///
    /// # Errors
    ///
    /// A [`UrlValidationError`] for an empty token, one longer than
    /// [`Zoom::MAX_PLAIN_TOKEN`], or one with a byte other than printable
    /// ASCII or with a `:` (never in Zoom's tokens, and what the content of
    /// a Zoom signature is built with).
    pub fn url_validation(&self, plain_token: &str) -> Result<UrlValidation, UrlValidationError> {
        check_plain_token(plain_token)?;
        Ok(UrlValidation {
            plain_token: plain_token.into(),
            encrypted_token: self.key.sign(plain_token.as_bytes()),
        })
    }
}

impl fmt::Debug for Zoom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Zoom").field("key", &self.key).finish()
    }
}

fn check_plain_token(token: &str) -> Result<(), UrlValidationError> {
    if token.is_empty() {
        return Err(UrlValidationError::Empty);
    }
    if token.len() > Zoom::MAX_PLAIN_TOKEN {
        return Err(UrlValidationError::TooLong {
            len: token.len(),
            max: Zoom::MAX_PLAIN_TOKEN,
        });
    }
    match token
        .bytes()
        .position(|b| !(b.is_ascii_graphic() && b != b':'))
    {
        Some(offset) => Err(UrlValidationError::NotAToken { offset }),
        None => Ok(()),
    }
}

/// The answer to Zoom's `endpoint.url_validation` event, from
/// [`Zoom::url_validation`]: send [`UrlValidation::to_json`] as the `200`
/// response's body, `Content-Type: application/json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlValidation {
    plain_token: String,
    encrypted_token: Signature,
}

impl UrlValidation {
    /// The plain token, as Zoom sent it.
    pub fn plain_token(&self) -> &str {
        &self.plain_token
    }

    /// The encrypted token: the hex HMAC-SHA256 of the plain token under
    /// the secret token, 64 lowercase digits.
    pub fn encrypted_token(&self) -> String {
        self.encrypted_token.to_string()
    }

    /// The response body: `{"plainToken":"...","encryptedToken":"..."}`.
    pub fn to_json(&self) -> String {
        // The token is printable ASCII without `"` trouble for serde_json,
        // which escapes what JSON needs escaped.
        let plain = serde_json::Value::String(self.plain_token.clone());
        alloc::format!(
            r#"{{"plainToken":{plain},"encryptedToken":"{}"}}"#,
            self.encrypted_token
        )
    }
}

/// Why a plain token is not answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UrlValidationError {
    /// The plain token is empty.
    #[error("Zoom plainToken is empty")]
    Empty,
    /// The plain token is longer than any Zoom sends.
    #[error("Zoom plainToken is {len} bytes, at most {max} are answered")]
    TooLong {
        /// Its length in bytes.
        len: usize,
        /// [`Zoom::MAX_PLAIN_TOKEN`].
        max: usize,
    },
    /// A byte that is not printable ASCII, or a `:`.
    #[error("Zoom plainToken has a byte that is not printable ASCII, or a `:`, at offset {offset}")]
    NotAToken {
        /// Zero-based offset of the byte in the token.
        offset: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_with_the_hmac_of_the_token() {
        let zoom = Zoom::new("secret").unwrap();
        let answer = zoom.url_validation("qgg8vlvZRS6UYooatFL8Aw").unwrap();
        let expected = SigningKey::new("secret")
            .unwrap()
            .sign(b"qgg8vlvZRS6UYooatFL8Aw");
        assert_eq!(answer.encrypted_token(), expected.to_string());
        let json: serde_json::Value = serde_json::from_str(&answer.to_json()).unwrap();
        assert_eq!(json["plainToken"], "qgg8vlvZRS6UYooatFL8Aw");
        assert_eq!(json["encryptedToken"], expected.to_string());
        // Quotes and backslashes are escaped, not spliced.
        let odd = zoom.url_validation(r#"a"b\c"#).unwrap();
        let json: serde_json::Value = serde_json::from_str(&odd.to_json()).unwrap();
        assert_eq!(json["plainToken"], r#"a"b\c"#);
        assert!(!format!("{zoom:?}").contains("secret"));
    }

    #[test]
    fn refuses_what_could_be_signed_content() {
        let zoom = Zoom::new("secret").unwrap();
        assert_eq!(
            zoom.url_validation("v0:1700000000:{}"),
            Err(UrlValidationError::NotAToken { offset: 2 })
        );
        assert_eq!(zoom.url_validation(""), Err(UrlValidationError::Empty));
        assert_eq!(
            zoom.url_validation("a b"),
            Err(UrlValidationError::NotAToken { offset: 1 })
        );
        assert!(matches!(
            zoom.url_validation(&"a".repeat(257)),
            Err(UrlValidationError::TooLong { len: 257, max: 256 })
        ));
    }
}
