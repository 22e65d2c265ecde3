//! Statuses: the HTTP status of a response, as a number, without `http`.

use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An HTTP response status, 100 to 999: what [`Outcome`](super::Outcome)
/// records of a response.
///
/// It is the crate's own type, so that the delivery rules work without the
/// `http` feature (and without std). With `http`, it converts from and to
/// [`http::StatusCode`](https://docs.rs/http/1/http/status/struct.StatusCode.html) with `From`/`Into` (the two accept the same range),
/// compares equal to one, and displays as one does (`503 Service
/// Unavailable`); without it, it displays the number.
///
/// ```
/// use hooksig::delivery::{Outcome, Status};
///
/// let status = Status::new(503).ok_or("not a status")?;
/// assert_eq!(status.as_u16(), 503);
/// assert!(!status.is_success());
/// assert!(Outcome::Status(Status::OK).is_success());
/// assert_eq!(Status::new(42), None);
/// # #[cfg(feature = "http")]
/// assert_eq!(Status::from(http::StatusCode::NO_CONTENT), Status::NO_CONTENT);
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Status(u16);

impl Status {
    /// 200 OK.
    pub const OK: Self = Self(200);
    /// 204 No Content.
    pub const NO_CONTENT: Self = Self(204);
    /// 429 Too Many Requests.
    pub const TOO_MANY_REQUESTS: Self = Self(429);
    /// 500 Internal Server Error.
    pub const INTERNAL_SERVER_ERROR: Self = Self(500);
    /// 502 Bad Gateway.
    pub const BAD_GATEWAY: Self = Self(502);
    /// 503 Service Unavailable.
    pub const SERVICE_UNAVAILABLE: Self = Self(503);
    /// 504 Gateway Timeout.
    pub const GATEWAY_TIMEOUT: Self = Self(504);

    /// The status `code`, or `None` outside 100 to 999 (the range `http`
    /// accepts).
    pub const fn new(code: u16) -> Option<Self> {
        if 100 <= code && code <= 999 {
            Some(Self(code))
        } else {
            None
        }
    }

    /// The number.
    pub const fn as_u16(self) -> u16 {
        self.0
    }

    /// Whether it is a 2xx status.
    pub const fn is_success(self) -> bool {
        200 <= self.0 && self.0 <= 299
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[cfg(feature = "http")]
        return fmt::Display::fmt(&http::StatusCode::from(*self), f);
        #[cfg(not(feature = "http"))]
        write!(f, "{}", self.0)
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<http::StatusCode> for Status {
    fn from(status: http::StatusCode) -> Self {
        Self(status.as_u16())
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl From<Status> for http::StatusCode {
    fn from(status: Status) -> Self {
        // Both accept exactly 100 to 999, so this never falls back.
        Self::from_u16(status.0).unwrap_or(Self::INTERNAL_SERVER_ERROR)
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl PartialEq<http::StatusCode> for Status {
    fn eq(&self, other: &http::StatusCode) -> bool {
        self.0 == other.as_u16()
    }
}

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
impl PartialEq<Status> for http::StatusCode {
    fn eq(&self, other: &Status) -> bool {
        self.as_u16() == other.0
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = u16::deserialize(deserializer)?;
        Self::new(code).ok_or_else(|| {
            serde::de::Error::custom(format_args!("{code} is not an HTTP status (100 to 999)"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "http")]
    fn the_constants_are_http_s() {
        use http::StatusCode;
        for (ours, http) in [
            (Status::OK, StatusCode::OK),
            (Status::NO_CONTENT, StatusCode::NO_CONTENT),
            (Status::TOO_MANY_REQUESTS, StatusCode::TOO_MANY_REQUESTS),
            (
                Status::INTERNAL_SERVER_ERROR,
                StatusCode::INTERNAL_SERVER_ERROR,
            ),
            (Status::BAD_GATEWAY, StatusCode::BAD_GATEWAY),
            (Status::SERVICE_UNAVAILABLE, StatusCode::SERVICE_UNAVAILABLE),
            (Status::GATEWAY_TIMEOUT, StatusCode::GATEWAY_TIMEOUT),
        ] {
            assert_eq!(ours, http);
        }
    }

    #[test]
    fn accepts_what_http_accepts() {
        for code in 0..=u16::MAX {
            let ours = Status::new(code);
            assert_eq!(
                ours.map(Status::as_u16),
                Some(code).filter(|_| ours.is_some())
            );
            #[cfg(feature = "http")]
            {
                let http = http::StatusCode::from_u16(code).ok();
                assert_eq!(ours.is_some(), http.is_some(), "{code}");
                if let (Some(ours), Some(http)) = (ours, http) {
                    assert_eq!(ours.is_success(), http.is_success(), "{code}");
                    assert_eq!(ours, http);
                    assert_eq!(http::StatusCode::from(ours), http);
                    assert_eq!(ours.to_string(), http.to_string());
                }
            }
        }
    }
}
