//! The layer: a receiver, and whether to decode the typed event.

use core::fmt;

use http::Extensions;
use tower_layer::Layer;

use super::Verify;
use crate::event::Envelope;
use crate::receive::{self, Receiver, Rejection};

/// A tower [`Layer`](https://docs.rs/tower-layer/0.3/tower_layer/trait.Layer.html) that verifies webhooks before the service it wraps
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
/// its extensions the decoded event (and, [when asked](Self::with_mark),
/// the [`Verification`](super::Verification)). A refusal is answered by the layer, with the
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
    steps: Steps<T>,
}

/// Decodes a verified body into the request's extensions.
pub(crate) type Decode<T> = fn(&Receiver<T>, &[u8], &mut Extensions) -> Result<(), Rejection>;

/// What the layer does to a verified request before forwarding it.
pub(crate) struct Steps<T> {
    /// Decode the typed event into the extensions.
    pub(crate) decode: Option<Decode<T>>,
    /// Leave a [`Verification`](super::Verification) in the extensions.
    pub(crate) mark: bool,
}

// By hand: a derive would ask `T: Copy`, and `T` is only a tag.
impl<T> Clone for Steps<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Steps<T> {}

impl<T> VerifyLayer<T> {
    /// A layer that verifies with `receiver` and forwards the verified
    /// bytes, without decoding them: for platforms without a typed
    /// envelope (Stripe, Slack, Standard Webhooks, GitHub, your own), or to
    /// decode the body yourself.
    pub fn new(receiver: Receiver<T>) -> Self {
        Self {
            receiver,
            steps: Steps {
                decode: None,
                mark: false,
            },
        }
    }

    /// The same layer, leaving a [`Verification`](super::Verification) in
    /// the extensions of every request it forwards, for a handler that
    /// requires it (axum: `Extension<Verification>`): a route left without
    /// the layer by mistake then refuses every request instead of trusting
    /// it. Off by default: the mark costs the request's extensions map, an
    /// allocation: about 0.1 µs a request in one paired run (BENCHMARKS.md); a
    /// handler that takes `Decoded` (feature `axum`) needs none, since the
    /// event is only there once verified.
    #[must_use]
    pub fn with_mark(mut self) -> Self {
        self.steps.mark = true;
        self
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
            steps: Steps {
                decode: Some(|receiver, body, extensions| {
                    extensions.insert(receive::decode(receiver, body)?);
                    Ok(())
                }),
                mark: false,
            },
        }
    }
}

impl<S, T> Layer<S> for VerifyLayer<T> {
    type Service = Verify<S, T>;

    fn layer(&self, inner: S) -> Verify<S, T> {
        Verify::new(inner, self.receiver.clone(), self.steps)
    }
}

impl<T> Clone for VerifyLayer<T> {
    fn clone(&self) -> Self {
        Self {
            receiver: self.receiver.clone(),
            steps: self.steps,
        }
    }
}

impl<T> fmt::Debug for VerifyLayer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VerifyLayer")
            .field("receiver", &self.receiver)
            .field("decoding", &self.steps.decode.is_some())
            .field("marking", &self.steps.mark)
            .finish()
    }
}
