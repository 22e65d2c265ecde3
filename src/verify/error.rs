//! Why a request failed verification.

use super::content::{BodyFieldError, FormError, UrlError};
use crate::{
    FreshnessError, Header, HeaderError, IdError, SignatureError, TimestampError, scheme::ReadError,
};

/// Why a request failed verification.
///
/// Each message says what is wrong and in which header; a cause is written
/// in the message once and is not repeated as `source()`. A mismatch says
/// only that: nothing about which bytes or which secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A header the platform's scheme needs is absent or repeated: the
    /// signature, or a timestamp or id header of a timestamped scheme.
    #[error(transparent)]
    Header(#[from] HeaderError),
    /// The signature header's value cannot be read as a signature.
    #[error("header {header}: {reason}")]
    Malformed {
        /// The header the value came from.
        header: Header,
        /// What is wrong with the value.
        reason: SignatureError,
    },
    /// A signed timestamp is not a usable Unix time.
    #[error("header {header}: {reason}")]
    Timestamp {
        /// The header that carried the timestamp.
        header: Header,
        /// What is wrong with it.
        reason: TimestampError,
    },
    /// A Standard Webhooks message id cannot be part of the signed content.
    #[error("header {header}: {reason}")]
    Id {
        /// The header that carried the id.
        header: Header,
        /// What is wrong with it.
        reason: IdError,
    },
    /// The signed timestamp is too old or too far in the future for the
    /// verifier's tolerance; the error carries both times.
    #[error(transparent)]
    Stale(#[from] FreshnessError),
    /// The URL a provider signs (the sender's public URL) cannot be read.
    #[error(transparent)]
    Url(#[from] UrlError),
    /// A form body a provider signs field by field cannot be read.
    #[error(transparent)]
    Form(#[from] FormError),
    /// A JSON body's field that a provider signs, or carries its signature
    /// in, cannot be read.
    #[error(transparent)]
    BodyField(#[from] BodyFieldError),
    /// The signature is well formed but no secret produced it for this
    /// request.
    #[error("signature did not match")]
    Mismatch,
}

impl From<ReadError> for VerifyError {
    fn from(error: ReadError) -> Self {
        match error {
            ReadError::Header(error) => Self::Header(error),
            ReadError::Malformed { header, source } => Self::Malformed {
                header,
                reason: source,
            },
            ReadError::Timestamp { header, source } => Self::Timestamp {
                header,
                reason: source,
            },
            ReadError::Id { header, source } => Self::Id {
                header,
                reason: source,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_header_and_say_the_cause_once() {
        let header = Header::new("X-Sig").unwrap();
        let error = VerifyError::Malformed {
            header: header.clone(),
            reason: SignatureError::Empty,
        };
        assert_eq!(error.to_string(), "header X-Sig: signature is empty");
        assert!(std::error::Error::source(&error).is_none());
        let missing = VerifyError::from(HeaderError::Missing { header });
        assert_eq!(missing.to_string(), "missing header X-Sig");
    }
}
