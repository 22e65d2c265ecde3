//! Why an extractor refused a request, and the response it answers with.

use axum::response::{IntoResponse, Response};
use http::StatusCode;

use crate::{VerifyError, event::DecodeError};

/// Why [`Verified`](super::Verified) or [`VerifiedBody`](super::VerifiedBody)
/// refused a request. As a response it is the [status](Rejection::status)
/// with the error's message as plain text: which header is missing or
/// malformed, which field of the event is wrong, or that the signature did
/// not match; never a secret, a signature value or the expected MAC.
///
/// Take `Result<Verified<E>, Rejection>` in a handler to log or answer
/// differently.
///
/// ```
/// use axum::response::IntoResponse;
/// use hooksig::axum::Rejection;
/// use hooksig::VerifyError;
///
/// let response = Rejection::Verify(VerifyError::Mismatch).into_response();
/// assert_eq!(response.status(), http::StatusCode::UNAUTHORIZED);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The request failed verification: a signature header missing,
    /// repeated or malformed, a stale timestamp, or no match. Answered
    /// `401 Unauthorized`; nothing was decoded.
    #[error(transparent)]
    Verify(VerifyError),
    /// The request is authentic but its body is not a well-formed event.
    /// Answered `400 Bad Request`.
    #[error(transparent)]
    Decode(DecodeError),
    /// The body is larger than the receiver's
    /// [limit](super::Receiver::with_body_limit). Answered
    /// `413 Payload Too Large`; the body was not read past the limit.
    #[error("body is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body could not be read: the client went away or sent a broken
    /// stream. Answered `400 Bad Request`.
    #[error("body could not be read: {reason}")]
    Body {
        /// What the body stream reported.
        reason: axum::Error,
    },
}

impl Rejection {
    /// The status the rejection answers with: 401 for
    /// [`Verify`](Self::Verify), 400 for [`Decode`](Self::Decode) and
    /// [`Body`](Self::Body), 413 for [`TooLarge`](Self::TooLarge).
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Verify(_) => StatusCode::UNAUTHORIZED,
            Self::Decode(_) | Self::Body { .. } => StatusCode::BAD_REQUEST,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        }
    }
}

impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        (self.status(), self.to_string()).into_response()
    }
}

impl From<VerifyError> for Rejection {
    fn from(error: VerifyError) -> Self {
        Self::Verify(error)
    }
}

impl From<DecodeError> for Rejection {
    fn from(error: DecodeError) -> Self {
        Self::Decode(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Envelope, scan};
    use crate::{Header, SignatureError};

    #[test]
    fn statuses_say_who_is_at_fault() {
        let verify = Rejection::from(VerifyError::Mismatch);
        assert_eq!(verify.status(), StatusCode::UNAUTHORIZED);
        let not_json = scan::Event::decode(b"not json").unwrap_err();
        assert_eq!(Rejection::from(not_json).status(), StatusCode::BAD_REQUEST);
        let large = Rejection::TooLarge { limit: 1 };
        assert_eq!(large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[test]
    fn a_malformed_header_is_named_not_echoed() {
        let rejection = Rejection::Verify(VerifyError::Malformed {
            header: Header::new("X-Cortex-Signature").unwrap(),
            reason: SignatureError::Empty,
        });
        assert_eq!(
            rejection.to_string(),
            "header X-Cortex-Signature: signature is empty"
        );
    }
}
