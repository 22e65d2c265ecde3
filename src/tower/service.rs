//! The service: read, verify, optionally decode, then answer or forward.

use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};
use std::error::Error;

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderValue};
use http::{Request, Response};
use http_body_util::{Either, Full};
use tower_service::Service;

use super::Verification;
use super::layer::Decode;
use crate::receive::{self, Receiver, Rejection};

/// The tower [`Service`] a [`VerifyLayer`](super::VerifyLayer) wraps around
/// another: it reads and verifies each request (and decodes it, if the
/// layer does), answers a refusal itself, and forwards the rest to the
/// inner service as a `Request<Full<Bytes>>`, the exact bytes received.
///
/// Its responses carry the inner service's body, or the refusal's short
/// text: an [`Either`] of the two, which axum, hyper and tower-http
/// accept as any other body.
pub struct Verify<S, T> {
    inner: S,
    receiver: Receiver<T>,
    decode: Option<Decode<T>>,
}

impl<S, T> Verify<S, T> {
    pub(crate) fn new(inner: S, receiver: Receiver<T>, decode: Option<Decode<T>>) -> Self {
        Self {
            inner,
            receiver,
            decode,
        }
    }

    /// The service it forwards to.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }
}

impl<S, T, B, ResBody> Service<Request<B>> for Verify<S, T>
where
    S: Service<Request<Full<Bytes>>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send,
    B: http_body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
    T: 'static,
{
    type Response = Response<Either<ResBody, Full<Bytes>>>;
    type Error = S::Error;
    type Future = ResponseFuture<ResBody, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // The service made ready is the one to call; a clone takes its
        // place for the next request.
        let ready = self.inner.clone();
        let mut inner = core::mem::replace(&mut self.inner, ready);
        let receiver = self.receiver.clone();
        let decode = self.decode;
        ResponseFuture(Box::pin(async move {
            let (mut parts, body) = request.into_parts();
            let received = receive::read_verified(&receiver, &parts.headers, body, None).await;
            let checked = received.and_then(|(body, checked_at)| {
                if let Some(decode) = decode {
                    decode(&receiver, &body, &mut parts.extensions)?;
                }
                Ok((body, checked_at))
            });
            match checked {
                Ok((body, checked_at)) => {
                    parts
                        .extensions
                        .insert(Verification::new(receiver.verifier().scheme(), checked_at));
                    let request = Request::from_parts(parts, Full::new(body));
                    let response = inner.call(request).await?;
                    Ok(response.map(Either::Left))
                }
                Err(rejection) => Ok(answer(&rejection).map(Either::Right)),
            }
        }))
    }
}

/// The response to a refusal: its status, and its message as plain text.
fn answer(rejection: &Rejection) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(rejection.response_text())));
    *response.status_mut() = rejection.status();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

impl<S: Clone, T> Clone for Verify<S, T> {
    fn clone(&self) -> Self {
        Self {
            inner: self.inner.clone(),
            receiver: self.receiver.clone(),
            decode: self.decode,
        }
    }
}

impl<S: fmt::Debug, T> fmt::Debug for Verify<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verify")
            .field("inner", &self.inner)
            .field("receiver", &self.receiver)
            .field("decoding", &self.decode.is_some())
            .finish()
    }
}

/// The future a [`Verify`] service returns: the response, the inner
/// service's or the refusal.
pub struct ResponseFuture<ResBody, E>(Pin<Box<dyn Future<Output = Answer<ResBody, E>> + Send>>);

/// The inner service's response or the refusal, or the inner service's
/// error.
type Answer<ResBody, E> = Result<Response<Either<ResBody, Full<Bytes>>>, E>;

impl<ResBody, E> Future for ResponseFuture<ResBody, E> {
    type Output = Answer<ResBody, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.0.as_mut().poll(cx)
    }
}

impl<ResBody, E> fmt::Debug for ResponseFuture<ResBody, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::VerifyError;

    #[test]
    fn a_refusal_is_its_status_and_message_as_text() {
        let response = answer(&Rejection::Verify(VerifyError::Mismatch));
        assert_eq!(response.status(), http::StatusCode::UNAUTHORIZED);
        assert_eq!(
            response.headers()[CONTENT_TYPE],
            "text/plain; charset=utf-8"
        );
        let body = response.into_body();
        let bytes = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(http_body_util::BodyExt::collect(body))
            .unwrap()
            .to_bytes();
        assert_eq!(bytes, "signature did not match");
    }
}
