//! The extractors: take the receiver from the app data, read the raw body
//! within the limit, verify it, and decode it or hand it over.

use core::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use bytes::Bytes;
use futures_core::future::LocalBoxFuture;

use super::headers::ActixHeaders;
use super::payload::PayloadBody;
use crate::event::Envelope;
use crate::receive::{self, Receiver, Rejection, VerifiedBody};

/// A webhook's typed event `E`, verified over the raw body bytes and then
/// decoded: an actix-web extractor.
///
/// It takes the [`Receiver<E>`] given to `app_data` (on the app, a scope
/// or the resource), reads the body as raw bytes within the receiver's
/// [limit](Receiver::with_body_limit), checks the signature, and only then
/// decodes the body ([`Receiver::decode`]). A refused request is answered
/// by the [`Rejection`], which implements actix-web's `ResponseError`:
/// 401, 400 or 413, or 500 when no receiver was given.
///
/// ```
/// use actix_web::{App, HttpResponse, web};
/// use hooksig::actix::Verified;
/// use hooksig::event::scan;
/// use hooksig::receive::Receiver;
/// use hooksig::Platform;
///
/// async fn cortex(Verified(event): Verified<scan::Event>) -> HttpResponse {
///     println!("{} {}", event.id, event.data.name());
///     HttpResponse::NoContent().finish()
/// }
///
/// let receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?);
/// let app = App::new()
///     .app_data(receiver)
///     .route("/hooks/cortex", web::post().to(cortex));
/// // HttpServer::new(move || app_factory()).bind(...)?.run().await
/// # drop(app);
/// # Ok::<(), hooksig::KeyError>(())
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

impl<E: Envelope + 'static> FromRequest for Verified<E> {
    type Error = Rejection;
    type Future = LocalBoxFuture<'static, Result<Self, Rejection>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let receiver = receiver::<E>(request);
        let request = request.clone();
        let payload = payload.take();
        Box::pin(async move {
            let receiver = receiver?;
            let body = verified_body(&receiver, &request, payload).await?;
            Ok(Self(receive::decode(&receiver, &body)?))
        })
    }
}

impl<T: 'static> FromRequest for VerifiedBody<T> {
    type Error = Rejection;
    type Future = LocalBoxFuture<'static, Result<Self, Rejection>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let receiver = receiver::<T>(request);
        let request = request.clone();
        let payload = payload.take();
        Box::pin(async move {
            let body = verified_body(&receiver?, &request, payload).await?;
            Ok(Self::new(body))
        })
    }
}

/// The `Receiver<T>` the app data holds for this request's route.
fn receiver<T: 'static>(request: &HttpRequest) -> Result<Receiver<T>, Rejection> {
    request
        .app_data::<Receiver<T>>()
        .cloned()
        .ok_or(Rejection::Unconfigured {
            receiver: core::any::type_name::<Receiver<T>>(),
        })
}

/// The request's raw body, read within the receiver's limit and verified.
async fn verified_body<T>(
    receiver: &Receiver<T>,
    request: &HttpRequest,
    payload: Payload,
) -> Result<Bytes, Rejection> {
    let headers = ActixHeaders(request.headers());
    let (body, _) = receive::read_verified(receiver, &headers, PayloadBody(payload), None).await?;
    Ok(body)
}
