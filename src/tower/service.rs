//! The service: read, verify, optionally decode, then answer or forward.

use core::fmt;
use core::future::Future;
use core::mem;
use core::pin::Pin;
use core::task::{Context, Poll, ready};
use std::error::Error;

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderValue};
use http::request::Parts;
use http::{Request, Response};
use http_body_util::{Either, Full};
use pin_project_lite::pin_project;
use tower_service::Service;

use super::Verification;
use super::layer::Steps;
use crate::receive::{self, Collect, Receiver, Rejection};

/// The tower [`Service`](https://docs.rs/tower-service/0.3/tower_service/trait.Service.html) a [`VerifyLayer`](super::VerifyLayer) wraps around
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
    steps: Steps<T>,
}

impl<S, T> Verify<S, T> {
    pub(crate) fn new(inner: S, receiver: Receiver<T>, steps: Steps<T>) -> Self {
        Self {
            inner,
            receiver,
            steps,
        }
    }

    /// The service it forwards to.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }
}

impl<S, T, B, ResBody> Service<Request<B>> for Verify<S, T>
where
    S: Service<Request<Full<Bytes>>, Response = Response<ResBody>> + Clone,
    B: http_body::Body,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
{
    type Response = Response<Either<ResBody, Full<Bytes>>>;
    type Error = S::Error;
    type Future = ResponseFuture<S, B, T>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        // The service made ready is the one to call; a clone takes its
        // place for the next request.
        let fresh = self.inner.clone();
        let ready = mem::replace(&mut self.inner, fresh);
        let (parts, body) = request.into_parts();
        ResponseFuture {
            state: State::Reading {
                collect: receive::collect(&self.receiver, &parts.headers, &body),
                body,
                parts,
                inner: ready,
                receiver: self.receiver.clone(),
                steps: self.steps,
            },
        }
    }
}

/// The request to forward, once `read` is verified (and decoded and
/// marked, as `steps` say); or the refusal.
fn forward<T>(
    receiver: &Receiver<T>,
    steps: Steps<T>,
    mut parts: Parts,
    read: Result<Bytes, Rejection>,
) -> Result<Request<Full<Bytes>>, Rejection> {
    let (body, checked_at) = receive::verify_read(receiver, &parts.headers, read)?;
    if let Some(decode) = steps.decode {
        decode(receiver, &body, &mut parts.extensions)?;
    }
    if steps.mark {
        parts
            .extensions
            .insert(Verification::new(receiver.verifier().scheme(), checked_at));
    }
    Ok(Request::from_parts(parts, Full::new(body)))
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
            steps: self.steps,
        }
    }
}

impl<S: fmt::Debug, T> fmt::Debug for Verify<S, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verify")
            .field("inner", &self.inner)
            .field("receiver", &self.receiver)
            .field("decoding", &self.steps.decode.is_some())
            .field("marking", &self.steps.mark)
            .finish()
    }
}

pin_project! {
    /// The future a [`Verify`] service returns: the response, the inner
    /// service's or the refusal.
    ///
    /// It reads the body, then calls the inner service (`S`) with the
    /// request (whose body was a `B`), without a boxed future of its own.
    pub struct ResponseFuture<S, B, T>
    where
        S: Service<Request<Full<Bytes>>>,
    {
        #[pin]
        state: State<S, B, T>,
    }
}

pin_project! {
    #[project = StateProj]
    #[project_replace = StateOwned]
    enum State<S, B, T>
    where
        S: Service<Request<Full<Bytes>>>,
    {
        Reading {
            #[pin]
            body: B,
            collect: Collect,
            parts: Parts,
            inner: S,
            receiver: Receiver<T>,
            steps: Steps<T>,
        },
        Calling {
            #[pin]
            future: S::Future,
        },
        // Between the two, and after a refusal was answered.
        Done,
    }
}

impl<S, B, T, ResBody> Future for ResponseFuture<S, B, T>
where
    S: Service<Request<Full<Bytes>>, Response = Response<ResBody>>,
    B: http_body::Body,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
{
    type Output = Result<Response<Either<ResBody, Full<Bytes>>>, S::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        loop {
            match state.as_mut().project() {
                StateProj::Reading { body, collect, .. } => {
                    let read = ready!(collect.poll_read(body, cx));
                    let StateOwned::Reading {
                        parts,
                        mut inner,
                        receiver,
                        steps,
                        ..
                    } = state.as_mut().project_replace(State::Done)
                    else {
                        // The state was `Reading` a line above.
                        return Poll::Pending;
                    };
                    match forward(&receiver, steps, parts, read) {
                        Ok(request) => state.set(State::Calling {
                            future: inner.call(request),
                        }),
                        Err(rejection) => {
                            return Poll::Ready(Ok(answer(&rejection).map(Either::Right)));
                        }
                    }
                }
                StateProj::Calling { future } => {
                    return future
                        .poll(cx)
                        .map_ok(|response| response.map(Either::Left));
                }
                // Polled again after it answered: a finished future may
                // hang, and this one does rather than panic.
                StateProj::Done => return Poll::Pending,
            }
        }
    }
}

impl<S, B, T> fmt::Debug for ResponseFuture<S, B, T>
where
    S: Service<Request<Full<Bytes>>>,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::convert::Infallible;
    use std::rc::Rc;

    use http_body::Frame;
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;
    use crate::{Platform, VerifyError};

    /// A body in frames, each after a `Pending`: the future must keep its
    /// place between polls.
    struct Trickle {
        frames: VecDeque<Bytes>,
        stalled: bool,
    }

    impl http_body::Body for Trickle {
        type Data = Bytes;
        type Error = Infallible;

        fn poll_frame(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
        ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
            if !self.stalled {
                self.stalled = true;
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            self.stalled = false;
            Poll::Ready(self.frames.pop_front().map(|data| Ok(Frame::data(data))))
        }
    }

    /// A GitHub request signed with `secret`, its body in two frames.
    fn trickled(secret: &str) -> Request<Trickle> {
        let signer = Platform::GITHUB.signer(secret).unwrap();
        let signed = Platform::GITHUB
            .request("http://localhost/hook")
            .event("push")
            .delivery_id("d-1")
            .sign_with(&signer)
            .body(br#"{"zen":"verified"}"#.to_vec())
            .unwrap();
        let (parts, body) = signed.into_parts();
        let (head, tail) = body.split_at(7);
        let frames = [Bytes::copy_from_slice(head), Bytes::copy_from_slice(tail)];
        Request::from_parts(
            parts,
            Trickle {
                frames: frames.into(),
                stalled: false,
            },
        )
    }

    #[test]
    fn a_body_read_over_several_polls_reaches_a_service_that_is_not_send() {
        // `Rc`: neither the service nor its future is `Send`.
        let seen: Rc<RefCell<Vec<Bytes>>> = Rc::default();
        let log = Rc::clone(&seen);
        let handler = tower::service_fn(move |request: Request<Full<Bytes>>| {
            let log = Rc::clone(&log);
            async move {
                assert!(request.extensions().get::<Verification>().is_some());
                let body = request.into_body().collect().await?.to_bytes();
                log.borrow_mut().push(body);
                Ok::<_, Infallible>(Response::new(Full::<Bytes>::default()))
            }
        });
        let receiver = Receiver::<()>::new(Platform::GITHUB.verifier("gh-secret").unwrap());
        let steps = Steps {
            decode: None,
            mark: true,
        };
        let service = Verify::new(handler, receiver, steps);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();

        let accepted = runtime
            .block_on(service.clone().oneshot(trickled("gh-secret")))
            .unwrap();
        assert_eq!(accepted.status(), http::StatusCode::OK);
        assert!(matches!(accepted.body(), Either::Left(_)));
        assert_eq!(
            *seen.borrow(),
            [Bytes::from_static(br#"{"zen":"verified"}"#)]
        );

        let refused = runtime
            .block_on(service.oneshot(trickled("another-secret")))
            .unwrap();
        assert_eq!(refused.status(), http::StatusCode::UNAUTHORIZED);
        assert!(matches!(refused.body(), Either::Right(_)));
        assert_eq!(seen.borrow().len(), 1);
    }

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
