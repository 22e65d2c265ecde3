//! Why a request failed verification.

use core::fmt;

use crate::{FreshnessError, Header, IdError, Scheme, SignatureError, TimestampError};

/// Why a request failed verification.
///
/// A mismatch says only that: nothing about which bytes or which secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// A header the platform's scheme needs is absent: the signature, or a
    /// timestamp or id header of a timestamped scheme.
    #[error("missing header {header}")]
    MissingHeader {
        /// The absent header.
        header: Header,
    },
    /// A header the scheme reads appears more than once, so it is unclear
    /// which copy was signed.
    #[error("{count} {header} headers, expected exactly one")]
    DuplicateHeader {
        /// The repeated header.
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
    /// A signed timestamp is not a usable Unix time.
    #[error("header {header}: {source}")]
    Timestamp {
        /// The header that carried the timestamp.
        header: Header,
        /// What is wrong with it.
        source: TimestampError,
    },
    /// A Standard Webhooks message id cannot be part of the signed content.
    #[error("header {header}: {source}")]
    Id {
        /// The header that carried the id.
        header: Header,
        /// What is wrong with it.
        source: IdError,
    },
    /// The signed timestamp is too old or too far in the future for the
    /// verifier's tolerance; the error carries both times.
    #[error(transparent)]
    Stale(#[from] FreshnessError),
    /// The platform's scheme signs a timestamp, and this check was given no
    /// `now` to judge it by.
    #[error(
        "the {scheme} scheme signs a timestamp: verify with `verify_headers_at` and the current time"
    )]
    TimeRequired {
        /// The platform's scheme.
        scheme: Scheme,
    },
    /// The signature is well formed but no secret produced it for this
    /// request.
    #[error("signature did not match")]
    Mismatch,
}

impl VerifyError {
    /// The error for a malformed value of `header`, for `map_err`.
    pub(crate) fn malformed(header: &Header) -> impl FnOnce(SignatureError) -> Self + '_ {
        move |source| Self::Malformed {
            header: Some(header.clone()),
            source,
        }
    }
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
