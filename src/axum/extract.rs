//! The extractors: read the raw body within the limit, verify it, and
//! decode it or hand it over.

use core::{fmt, marker::PhantomData, ops::Deref};
use std::error::Error;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{FromRef, FromRequest, Request};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use super::{Receiver, Rejection};
use crate::event::Envelope;

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
/// It does not check an event's own timestamp
/// ([`Timestamped::check_freshness`](crate::event::Timestamped::check_freshness))
/// or deduplicate ([`Envelope::idempotency_key`]): the handler does, with
/// its own clock and store. Take `HeaderMap` before it for the
/// idempotency key.
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
        let body = verified_body(&Receiver::from_ref(state), request).await?;
        Ok(Self(E::decode(&body)?))
    }
}

/// A webhook's raw body bytes, verified: an axum extractor for platforms
/// without a typed envelope (Stripe, Slack, Standard Webhooks, GitHub, your
/// own), or to decode the body yourself.
///
/// It reads the body within the limit and checks the signature with the
/// [`Receiver<T>`] it takes from the router's state, as [`Verified`] does,
/// and hands over the bytes exactly as received. `T` names the source:
/// any type of yours, such as a unit struct `Stripe`, so that one state
/// can hold a receiver for each. For the timestamped schemes the signed
/// time is judged by the receiver's [clock](Receiver::with_clock).
///
/// ```
/// use axum::{Router, http::StatusCode, routing::post};
/// use hooksig::axum::{Receiver, VerifiedBody};
/// use hooksig::Platform;
///
/// /// Names the Stripe receiver in the state.
/// struct Stripe;
///
/// async fn stripe(body: VerifiedBody<Stripe>) -> StatusCode {
///     match serde_json::from_slice::<serde_json::Value>(&body) {
///         Ok(event) => { println!("{}", event["type"]); StatusCode::NO_CONTENT }
///         Err(_) => StatusCode::BAD_REQUEST,
///     }
/// }
///
/// let receiver = Receiver::<Stripe>::new(Platform::STRIPE.verifier("whsec_...")?);
/// let app: Router = Router::new()
///     .route("/hooks/stripe", post(stripe))
///     .with_state(receiver);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct VerifiedBody<T> {
    body: Bytes,
    source: PhantomData<fn() -> T>,
}

impl<T> VerifiedBody<T> {
    /// The raw body bytes.
    pub fn into_bytes(self) -> Bytes {
        self.body
    }
}

impl<T> Deref for VerifiedBody<T> {
    type Target = Bytes;

    fn deref(&self) -> &Bytes {
        &self.body
    }
}

impl<T> AsRef<[u8]> for VerifiedBody<T> {
    fn as_ref(&self) -> &[u8] {
        &self.body
    }
}

impl<T> Clone for VerifiedBody<T> {
    fn clone(&self) -> Self {
        Self {
            body: self.body.clone(),
            source: PhantomData,
        }
    }
}

impl<T> fmt::Debug for VerifiedBody<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VerifiedBody").field(&self.body).finish()
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
        Ok(Self {
            body,
            source: PhantomData,
        })
    }
}

/// The request's raw body, read within the receiver's limit and verified.
async fn verified_body<T>(receiver: &Receiver<T>, request: Request) -> Result<Bytes, Rejection> {
    let (parts, body) = request.into_parts();
    let body = read(body, receiver.body_limit()).await?;
    receiver.verify(&parts.headers, &body)?;
    Ok(body)
}

/// All of `body`, or [`Rejection::TooLarge`] as soon as it is known to
/// exceed `limit`: from its declared length, or once that much is read.
async fn read(body: Body, limit: usize) -> Result<Bytes, Rejection> {
    let declared = body.size_hint().lower();
    if usize::try_from(declared).map_or(true, |declared| declared > limit) {
        return Err(Rejection::TooLarge { limit });
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if exceeds_limit(&*error) => Err(Rejection::TooLarge { limit }),
        Err(error) => Err(Rejection::Body {
            reason: axum::Error::new(error),
        }),
    }
}

/// Whether `error` is, or wraps, a length-limit error: ours, or one from a
/// limit layered in front of the extractor.
fn exceeds_limit(error: &(dyn Error + 'static)) -> bool {
    let mut error = Some(error);
    while let Some(current) = error {
        if current.is::<LengthLimitError>() {
            return true;
        }
        error = current.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_limit_error_is_found() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let body = http_body_util::Full::new(Bytes::from_static(b"two"));
        let error = runtime
            .block_on(Limited::new(body, 1).collect())
            .unwrap_err();
        assert!(exceeds_limit(&*error));
        // As a limit layered in front of the extractor reports it.
        let wrapped = axum::Error::new(axum::Error::new(error));
        assert!(exceeds_limit(&wrapped));
        let other = axum::Error::new(std::io::Error::other("reset"));
        assert!(!exceeds_limit(&other));
    }
}
