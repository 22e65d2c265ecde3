//! A rejection as actix-web answers it.

use actix_web::http::StatusCode;
use actix_web::http::header::ContentType;
use actix_web::{HttpResponse, ResponseError};

use crate::receive::Rejection;

/// The [status](Rejection::status), with the message as plain text.
impl ResponseError for Rejection {
    fn status_code(&self) -> StatusCode {
        // actix-web's `http` 0.2 status, from the same number.
        StatusCode::from_u16(self.status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .content_type(ContentType::plaintext())
            .body(self.response_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::VerifyError;

    #[test]
    fn statuses_carry_over_from_http_1() {
        let rejection = Rejection::Verify(VerifyError::Mismatch);
        assert_eq!(rejection.status_code(), StatusCode::UNAUTHORIZED);
        let large = Rejection::TooLarge { limit: 1 };
        assert_eq!(large.status_code(), StatusCode::PAYLOAD_TOO_LARGE);
        let response = large.error_response();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(
            response
                .headers()
                .get(actix_web::http::header::CONTENT_TYPE)
                .unwrap(),
            "text/plain; charset=utf-8"
        );
    }
}
