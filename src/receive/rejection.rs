//! Why a receiver refused a request, and the status it answers with.

use std::error::Error;

use http::StatusCode;

use crate::{FreshnessError, VerifyError, event::DecodeError};

/// Why a receiver refused a request: the one error type of the axum
/// extractors, the tower layer and the actix-web extractors.
///
/// Each framework answers it with its [status](Rejection::status) and a
/// short plain-text body, the error's message: which header is missing or
/// malformed, which field of the event is wrong, that the signature did not
/// match, or the body limit. Never a secret, a signature value, the
/// expected MAC or which of several secrets was tried: nothing a forger
/// could use. The application sees the typed error through the receiver's
/// [rejection hook](super::Receiver::with_rejection_hook), or by taking
/// `Result<_, Rejection>` in a handler.
///
/// ```
/// use hooksig::receive::Rejection;
/// use hooksig::VerifyError;
///
/// let rejection = Rejection::from(VerifyError::Mismatch);
/// assert_eq!(rejection.status(), http::StatusCode::UNAUTHORIZED);
/// assert_eq!(rejection.to_string(), "signature did not match");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The request failed verification: a signature header missing,
    /// repeated or malformed, a stale signed timestamp, or no match.
    /// Answered `401 Unauthorized`; nothing was decoded.
    #[error(transparent)]
    Verify(VerifyError),
    /// The request is authentic, but the event's own timestamp is outside
    /// the receiver's [freshness](super::Receiver::with_freshness) window:
    /// a late redelivery or a replay. Answered `401 Unauthorized`.
    #[error("event {0}")]
    Stale(FreshnessError),
    /// The request is authentic but its body is not a well-formed event.
    /// Answered `400 Bad Request`.
    #[error(transparent)]
    Decode(DecodeError),
    /// The body is larger than the limit. Answered
    /// `413 Payload Too Large`; the body was not read past the limit, and
    /// not at all when its `Content-Length` said so.
    #[error("body is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit that applied, in bytes: the receiver's
        /// [`body_limit`](super::Receiver::body_limit), or a smaller one
        /// the framework set (axum's `DefaultBodyLimit`).
        limit: usize,
    },
    /// The body could not be read: the client went away or sent a broken
    /// stream. Answered `400 Bad Request`.
    #[error("body could not be read: {reason}")]
    Body {
        /// What the body stream reported.
        reason: Box<dyn Error + Send + Sync>,
    },
    /// The framework has no receiver for this extractor: with actix-web,
    /// no `Receiver<T>` was given to `app_data` for the route; with axum,
    /// a `hooksig::tower::Decoded<E>` on a route without
    /// `VerifyLayer::decoding`. A mistake in the server, not the request:
    /// answered `500 Internal Server Error`, with a body that does not
    /// name the type.
    #[error("no {receiver} for this route")]
    Unconfigured {
        /// The type name of the missing receiver (or layer).
        receiver: &'static str,
    },
}

impl Rejection {
    /// The status the rejection answers with: 401 for
    /// [`Verify`](Self::Verify) and [`Stale`](Self::Stale), 400 for
    /// [`Decode`](Self::Decode) and [`Body`](Self::Body), 413 for
    /// [`TooLarge`](Self::TooLarge), 500 for
    /// [`Unconfigured`](Self::Unconfigured).
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Verify(_) | Self::Stale(_) => StatusCode::UNAUTHORIZED,
            Self::Decode(_) | Self::Body { .. } => StatusCode::BAD_REQUEST,
            Self::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unconfigured { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The text of the response body: the message, except for a server
    /// mistake, whose details are for the server's log alone.
    pub(crate) fn response_text(&self) -> String {
        match self {
            Self::Unconfigured { .. } => "webhook receiver is not configured".to_owned(),
            other => other.to_string(),
        }
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
    use crate::{Header, SignatureError, Tolerance};

    #[test]
    fn statuses_say_who_is_at_fault() {
        let verify = Rejection::from(VerifyError::Mismatch);
        assert_eq!(verify.status(), StatusCode::UNAUTHORIZED);
        let not_json = scan::Event::decode(b"not json").unwrap_err();
        assert_eq!(Rejection::from(not_json).status(), StatusCode::BAD_REQUEST);
        let large = Rejection::TooLarge { limit: 1 };
        assert_eq!(large.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let body = Rejection::Body {
            reason: "reset".into(),
        };
        assert_eq!(body.status(), StatusCode::BAD_REQUEST);
        let now = jiff::Timestamp::from_second(1_000).unwrap();
        let stale = Tolerance::DEFAULT
            .check(jiff::Timestamp::UNIX_EPOCH, now)
            .unwrap_err();
        assert_eq!(Rejection::Stale(stale).status(), StatusCode::UNAUTHORIZED);
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
        assert_eq!(rejection.response_text(), rejection.to_string());
    }

    #[test]
    fn a_server_mistake_is_logged_not_answered() {
        let rejection = Rejection::Unconfigured {
            receiver: "hooksig::receive::Receiver<my_app::Secret>",
        };
        assert_eq!(rejection.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(rejection.to_string().contains("my_app::Secret"));
        assert!(!rejection.response_text().contains("my_app"));
    }
}
