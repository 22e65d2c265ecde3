//! The typed event the layer decoded, moved out to an axum handler.

use core::any::type_name;
use core::ops::Deref;

use axum::extract::FromRequestParts;
use http::request::Parts;

use super::VerifyLayer;
use crate::receive::Rejection;

/// The typed event a [`VerifyLayer::decoding`] left in the request,
/// for an axum handler: moved out of the extensions, where axum's
/// `Extension<E>` would clone it: a copy of every string in the event,
/// which for a large event costs as much as a good part of decoding it.
///
/// Being taken, the event is gone from the extensions: a second
/// `Decoded<E>` or an `Extension<E>` in the same handler finds none. On a
/// route without the layer, or with [`VerifyLayer::new`], there is no
/// event to take: the request is answered `500` as a server mistake
/// ([`Rejection::Unconfigured`]), never handled unverified.
///
/// Available with the features `tower` and `axum`.
///
/// ```
/// use axum::{Router, http::StatusCode, routing::post};
/// use hooksig::event::scan;
/// use hooksig::receive::Receiver;
/// use hooksig::tower::{Decoded, VerifyLayer};
/// use hooksig::Platform;
///
/// async fn cortex(Decoded(event): Decoded<scan::Event>) -> StatusCode {
///     println!("{}", event.id);
///     StatusCode::NO_CONTENT
/// }
///
/// let receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?);
/// let app: Router = Router::new()
///     .route("/hooks/cortex", post(cortex).route_layer(VerifyLayer::decoding(receiver)));
/// # Ok::<(), hooksig::KeyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Decoded<E>(pub E);

impl<E> Decoded<E> {
    /// The event.
    pub fn into_inner(self) -> E {
        self.0
    }
}

impl<E> Deref for Decoded<E> {
    type Target = E;

    fn deref(&self) -> &E {
        &self.0
    }
}

impl<E, S> FromRequestParts<S> for Decoded<E>
where
    E: Send + Sync + 'static,
    S: Send + Sync,
{
    type Rejection = Rejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Rejection> {
        parts
            .extensions
            .remove::<E>()
            .map(Self)
            .ok_or(Rejection::Unconfigured {
                receiver: type_name::<VerifyLayer<E>>(),
            })
    }
}
