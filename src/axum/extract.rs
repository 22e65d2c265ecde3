//! The extractors: read the raw body within the limit, verify it, and
//! decode it or hand it over.

use core::ops::Deref;

use axum::RequestExt;
use axum::body::{Bytes, HttpBody};
use axum::extract::{FromRef, FromRequest, Request};
use http_body::SizeHint;

use crate::event::Envelope;
use crate::receive::{self, Receiver, Rejection, VerifiedBody};

/// A webhook's typed event `E`, verified over the raw body bytes and then
/// decoded: an axum extractor.
///
/// It reads the body as raw bytes, at most the receiver's
/// [limit](Receiver::with_body_limit), checks the signature with the
/// [`Receiver<E>`] it takes from the router's state, and only then decodes
/// the body as `E` ([`Envelope::decode`]). It never sees a re-serialized
/// body, so a valid signature always matches. A refused request is
/// answered by the [`Rejection`]: 401, 400 or 413.
///
/// It checks the event's own timestamp only when the receiver has a
/// [freshness](Receiver::with_freshness) window (off by default), and does
/// not deduplicate ([`Envelope::idempotency_key`]): the handler does, with
/// its own store. Take `HeaderMap` before it for the idempotency key.
///
/// ```
/// use axum::{Router, http::StatusCode, routing::post};
/// use hooksig::axum::{Receiver, Verified};
/// use hooksig::event::scan;
/// use hooksig::Platform;
///
/// async fn cortex(Verified(event): Verified<scan::Event>) -> StatusCode {
///     match event.data {
///         scan::Data::Completed(scan) => println!("scored {}", scan.score),
///         other => println!("{}", other.name()),
///     }
///     StatusCode::NO_CONTENT
/// }
///
/// let receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("whsec-from-your-config")?);
/// let app: Router = Router::new()
///     .route("/hooks/cortex", post(cortex))
///     .with_state(receiver);
/// // axum::serve(listener, app).await?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// The receiver can live in your own state type instead, one per
/// platform:
///
/// ```
/// use axum::extract::{FromRef, State};
/// use axum::http::{HeaderMap, StatusCode};
/// use axum::{Router, routing::post};
/// use hooksig::axum::{Receiver, Verified};
/// use hooksig::event::{Envelope, network, scan};
/// use hooksig::Platform;
///
/// #[derive(Clone)]
/// struct App {
///     cortex: Receiver<scan::Event>,
///     splexa: Receiver<network::Event>,
/// }
///
/// impl FromRef<App> for Receiver<scan::Event> {
///     fn from_ref(app: &App) -> Self {
///         app.cortex.clone()
///     }
/// }
///
/// impl FromRef<App> for Receiver<network::Event> {
///     fn from_ref(app: &App) -> Self {
///         app.splexa.clone()
///     }
/// }
///
/// async fn splexa(
///     State(app): State<App>,
///     headers: HeaderMap,
///     Verified(event): Verified<network::Event>,
/// ) -> StatusCode {
///     let _key = event.idempotency_key(&headers); // deduplicate by it
///     StatusCode::NO_CONTENT
/// }
///
/// let app = App {
///     cortex: Receiver::new(Platform::CORTEX.verifier("cortex-secret")?),
///     splexa: Receiver::new(Platform::SPLEXA.verifier("splexa-secret")?),
/// };
/// let router: Router = Router::new()
///     .route("/hooks/splexa", post(splexa))
///     .with_state(app);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Verified<E>(pub E);

impl<E> Verified<E> {
    /// The event.
    pub fn into_inner(self) -> E {
        self.0
    }
}

impl<E> Deref for Verified<E> {
    type Target = E;

    fn deref(&self) -> &E {
        &self.0
    }
}

impl<E, S> FromRequest<S> for Verified<E>
where
    E: Envelope,
    Receiver<E>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        let receiver = Receiver::from_ref(state);
        let body = verified_body(&receiver, request).await?;
        Ok(Self(receive::decode(&receiver, &body)?))
    }
}

impl<T, S> FromRequest<S> for VerifiedBody<T>
where
    Receiver<T>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        let body = verified_body(&Receiver::from_ref(state), request).await?;
        Ok(Self::new(body))
    }
}

/// The request's raw body, read within the receiver's limit (or the
/// router's `DefaultBodyLimit`, if smaller) and verified.
async fn verified_body<T>(receiver: &Receiver<T>, request: Request) -> Result<Bytes, Rejection> {
    let sent = request.body().size_hint();
    // The router's `DefaultBodyLimit` wraps the body in a `Limited`, as for
    // axum's own `Bytes`; axum's 2 MiB default when the router sets none.
    let request = request.with_limited_body();
    let cap = router_limit(&sent, &request.body().size_hint());
    let (parts, body) = request.into_parts();
    let (body, _) = receive::read_verified(receiver, &parts.headers, body, cap).await?;
    Ok(body)
}

/// The router's body limit, where it binds: `Limited` caps its size hint
/// at the bytes it has left to allow, so a hint below the one the body
/// was sent with (or a bound where there was none) is that limit.
fn router_limit(sent: &SizeHint, limited: &SizeHint) -> Option<u64> {
    let upper = limited.upper()?;
    match sent.upper() {
        Some(sent) if upper >= sent => None,
        _ => Some(upper),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::extract::DefaultBodyLimit;
    use tower::{Layer, ServiceExt, service_fn};

    /// A body whose length is not known until it ends.
    struct Streamed;

    impl HttpBody for Streamed {
        type Data = Bytes;
        type Error = std::io::Error;
        fn poll_frame(
            self: core::pin::Pin<&mut Self>,
            _: &mut core::task::Context<'_>,
        ) -> core::task::Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
            core::task::Poll::Ready(None)
        }
    }

    /// The router's limit as the extractor finds it, for `body` behind a
    /// router with `layer`.
    fn found(layer: Option<DefaultBodyLimit>, body: Body) -> Option<u64> {
        let sent = body.size_hint();
        let mut request = Request::new(body);
        if let Some(layer) = layer {
            // The layer marks the request on its way to the handler.
            let echo = service_fn(|request: Request| async move {
                Ok::<_, core::convert::Infallible>(request)
            });
            let runtime = tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap();
            request = runtime
                .block_on(layer.layer(echo).oneshot(request))
                .unwrap();
        }
        router_limit(&sent, &request.with_limited_body().body().size_hint())
    }

    #[test]
    fn the_routers_limit_is_found_where_it_binds() {
        let known = || Body::from(vec![b'x'; 100]);
        // A declared length over the router's limit.
        assert_eq!(found(Some(DefaultBodyLimit::max(10)), known()), Some(10));
        // Within it, the limit does not bind.
        assert_eq!(found(Some(DefaultBodyLimit::max(1000)), known()), None);
        assert_eq!(found(Some(DefaultBodyLimit::max(100)), known()), None);
        assert_eq!(found(Some(DefaultBodyLimit::disable()), known()), None);
        // A length known only at the end: the limit always binds.
        let streamed = || Body::new(Streamed);
        assert_eq!(found(Some(DefaultBodyLimit::max(10)), streamed()), Some(10));
        assert_eq!(found(Some(DefaultBodyLimit::disable()), streamed()), None);
        // axum's default when the router sets none, as for `Bytes`.
        assert_eq!(found(None, streamed()), Some(2 * 1024 * 1024));
    }
}
