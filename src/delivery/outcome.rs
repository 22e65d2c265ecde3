//! Outcomes: what one attempt's response means.

use core::time::Duration;

use serde::{Deserialize, Serialize};

use super::Status;

/// How one delivery attempt ended, as the caller's HTTP client saw it.
///
/// A 2xx status is a success; any other status, a timeout or a connection
/// error is a [`Failure`]. Every seed platform counts any 2xx (Cortex asks
/// receivers for `200 OK`, and its `204` is still counted a success here).
///
/// Serializes as `{"status": 503}`, `"timed_out"` or `"connection_failed"`.
///
/// ```
/// use std::time::Duration;
/// use http::StatusCode;
/// use hooksig::delivery::{Failure, Outcome, Status};
///
/// assert!(Outcome::Status(Status::NO_CONTENT).is_success());
/// // An `http::StatusCode` converts with `into()`.
/// assert_eq!(
///     Outcome::Status(StatusCode::BAD_GATEWAY.into()).failure(),
///     Some(Failure::Status(StatusCode::BAD_GATEWAY.into())),
/// );
///
/// // A 200 that took longer than the platform allows is a timeout.
/// let late = Outcome::within(StatusCode::OK, Duration::from_secs(9), Duration::from_secs(8));
/// assert_eq!(late, Outcome::TimedOut);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Outcome {
    /// The endpoint answered with this status.
    Status(Status),
    /// No complete response arrived within the timeout.
    TimedOut,
    /// The connection could not be made or broke before a response: DNS,
    /// refused, reset, TLS.
    ConnectionFailed,
}

impl Outcome {
    /// The outcome of a response with `status` that took `elapsed`, judged
    /// against `timeout`: [`Outcome::TimedOut`] when `elapsed` is longer,
    /// for a client that let a slow response finish. A response exactly at
    /// the timeout is in time.
    pub fn within(status: impl Into<Status>, elapsed: Duration, timeout: Duration) -> Self {
        if elapsed > timeout {
            Self::TimedOut
        } else {
            Self::Status(status.into())
        }
    }

    /// Whether the attempt succeeded: a 2xx status.
    pub fn is_success(&self) -> bool {
        matches!(self, Self::Status(status) if status.is_success())
    }

    /// Why the attempt failed, or `None` when it succeeded.
    pub fn failure(&self) -> Option<Failure> {
        match *self {
            Self::Status(status) if status.is_success() => None,
            Self::Status(status) => Some(Failure::Status(status)),
            Self::TimedOut => Some(Failure::TimedOut),
            Self::ConnectionFailed => Some(Failure::ConnectionFailed),
        }
    }

    /// The response status, when there was a response.
    pub fn status(&self) -> Option<Status> {
        match *self {
            Self::Status(status) => Some(status),
            Self::TimedOut | Self::ConnectionFailed => None,
        }
    }
}

/// Why an attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum Failure {
    /// The endpoint answered with a status outside 2xx.
    #[error("the endpoint answered {0}")]
    Status(Status),
    /// No response within the timeout.
    #[error("the endpoint did not answer within the timeout")]
    TimedOut,
    /// No connection, or it broke before a response.
    #[error("the connection to the endpoint failed")]
    ConnectionFailed,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_2xx_succeeds() {
        for (code, success) in [
            (199, false),
            (200, true),
            (204, true),
            (299, true),
            (300, false),
            (404, false),
            (500, false),
        ] {
            let outcome = Outcome::Status(Status::new(code).unwrap());
            assert_eq!(outcome.is_success(), success, "{code}");
            assert_eq!(outcome.failure().is_none(), success, "{code}");
        }
        assert_eq!(Outcome::TimedOut.failure(), Some(Failure::TimedOut));
        assert_eq!(
            Outcome::ConnectionFailed.failure(),
            Some(Failure::ConnectionFailed)
        );
    }

    #[test]
    fn timeout_edge() {
        let limit = Duration::from_secs(5);
        assert_eq!(
            Outcome::within(Status::OK, limit, limit),
            Outcome::Status(Status::OK)
        );
        assert_eq!(
            Outcome::within(Status::OK, limit + Duration::from_nanos(1), limit),
            Outcome::TimedOut
        );
    }

    #[test]
    fn serde_shape() {
        let json = serde_json::to_string(&[
            Outcome::Status(Status::new(503).unwrap()),
            Outcome::TimedOut,
            Outcome::ConnectionFailed,
        ])
        .unwrap();
        assert_eq!(json, r#"[{"status":503},"timed_out","connection_failed"]"#);
        let back: Vec<Outcome> = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0], Outcome::Status(Status::new(503).unwrap()));
        let error = serde_json::from_str::<Outcome>(r#"{"status":42}"#).unwrap_err();
        assert!(
            error.to_string().contains("42 is not an HTTP status"),
            "{error}"
        );
    }
}
