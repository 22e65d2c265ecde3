//! A rejection as axum answers it.

use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_TYPE, HeaderValue};

use crate::receive::Rejection;

/// The [status](Rejection::status), with the message as plain text.
///
/// ```
/// use axum::response::IntoResponse;
/// use hooksig::axum::Rejection;
/// use hooksig::VerifyError;
///
/// let response = Rejection::Verify(VerifyError::Mismatch).into_response();
/// assert_eq!(response.status(), http::StatusCode::UNAUTHORIZED);
/// ```
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let mut response = (self.status(), self.response_text()).into_response();
        response.headers_mut().insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }
}
