//! The layer: a receiver, and whether to decode the typed event.

use core::fmt;

use http::Extensions;
use tower_layer::Layer;

use super::Verify;
use crate::event::Envelope;
use crate::receive::{self, Receiver, Rejection};

/// A tower [`Layer`] that verifies webhooks before the service it wraps
/// sees them: the tower-http shape of
/// `AsyncRequireAuthorizationLayer`, which owns the request, may change its
/// body type, and answers or forwards.
///
/// For each request the [`Verify`] service reads the body within the
/// receiver's [limit](Receiver::with_body_limit) (`413` from a
/// `Content-Length` over it, before reading, or as the stream passes it),
/// verifies it with the receiver's verifier and clock (`401`) and, when
/// built with [`decoding`](Self::decoding), decodes the typed event (`400`).
/// It then forwards the request with its body as
/// [`Full<Bytes>`](http_body_util::Full): the exact bytes received, and in
/// its extensions the [`Verification`](super::Verification) and the
/// decoded event. A refusal is answered by the layer, with the
/// [`Rejection`]'s status and message; the inner service never sees it.
///
/// On an axum router, add it to each webhook route with `route_layer`, so
/// that it runs only for requests that matched a route; one layer per
/// platform:
///
/// ```
/// use axum::{Extension, Router, body::Bytes, http::StatusCode, routing::post};
/// use hooksig::event::scan;
/// use hooksig::receive::Receiver;
/// use hooksig::tower::VerifyLayer;
/// use hooksig::Platform;
///
/// async fn cortex(Extension(event): Extension<scan::Event>) -> StatusCode {
///     println!("{}", event.id);
///     StatusCode::NO_CONTENT
/// }
///
/// async fn github(body: Bytes) -> StatusCode {
///     // The exact bytes GitHub signed, verified.
///     println!("{} bytes", body.len());
///     StatusCode::NO_CONTENT
/// }
///
/// /// Names the GitHub receiver.
/// struct GitHub;
///
/// let cortex_receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?);
/// let github_receiver = Receiver::<GitHub>::new(Platform::GITHUB.verifier("gh-secret")?);
/// let app: Router = Router::new()
///     .route("/hooks/cortex", post(cortex).route_layer(VerifyLayer::decoding(cortex_receiver)))
///     .route("/hooks/github", post(github).route_layer(VerifyLayer::new(github_receiver)));
/// # Ok::<(), hooksig::KeyError>(())
/// ```
pub struct VerifyLayer<T> {
    receiver: Receiver<T>,
    decode: Option<Decode<T>>,
}

/// Decodes a verified body into the request's extensions.
pub(crate) type Decode<T> = fn(&Receiver<T>, &[u8], &mut Extensions) -> Result<(), Rejection>;

impl<T> VerifyLayer<T> {
    /// A layer that verifies with `receiver` and forwards the verified
    /// bytes, without decoding them: for platforms without a typed
    /// envelope (Stripe, Slack, Standard Webhooks, GitHub, your own), or to
    /// decode the body yourself.
    pub fn new(receiver: Receiver<T>) -> Self {
        Self {
            receiver,
            decode: None,
        }
    }

    /// The receiver the layer verifies with.
    pub fn receiver(&self) -> &Receiver<T> {
        &self.receiver
    }
}

impl<E> VerifyLayer<E>
where
    E: Envelope + Clone + Send + Sync + 'static,
{
    /// A layer that verifies with `receiver`, then decodes the body as the
    /// typed event `E` ([`Receiver::decode`]: `400` for a body that is not
    /// one, `401` for one outside the receiver's
    /// [freshness](Receiver::with_freshness) window) and forwards it in the
    /// request's extensions beside the bytes: take it with
    /// `hooksig::tower::Decoded<E>` (feature `axum`), which moves it out,
    /// axum's `Extension<E>`, which clones it, or
    /// `request.extensions_mut().remove::<E>()`.
    pub fn decoding(receiver: Receiver<E>) -> Self {
        Self {
            receiver,
            decode: Some(|receiver, body, extensions| {
                extensions.insert(receive::decode(receiver, body)?);
                Ok(())
            }),
        }
    }
}

impl<S, T> Layer<S> for VerifyLayer<T> {
    type Service = Verify<S, T>;

    fn layer(&self, inner: S) -> Verify<S, T> {
        Verify::new(inner, self.receiver.clone(), self.decode)
    }
}

impl<T> Clone for VerifyLayer<T> {
    fn clone(&self) -> Self {
        Self {
            receiver: self.receiver.clone(),
            decode: self.decode,
        }
    }
}

impl<T> fmt::Debug for VerifyLayer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyLayer")
            .field("receiver", &self.receiver)
            .field("decoding", &self.decode.is_some())
            .finish()
    }
}
