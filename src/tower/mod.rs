//! Verifying webhooks in tower middleware: a [`VerifyLayer`] for hyper,
//! axum routers and any tower stack (tonic's `Server::layer` included,
//! though this crate's tests run it on axum and hyper only).
//!
//! Available with the `tower` feature, off by default.
//!
//! The layer reads the body within the [`Receiver`]'s limit, verifies it,
//! optionally decodes the typed event, and forwards the request with the
//! exact bytes as a `Request<Full<Bytes>>`; a refused request is answered
//! by the layer with `413`, `401` or `400` and a short text body (the
//! [`Rejection`]'s message). It shares these steps with the axum and
//! actix-web extractors (`hooksig::axum`, `hooksig::actix`), through
//! [`hooksig::receive`](crate::receive).
//!
//! # hyper
//!
//! A bare hyper server runs the layered service through `hyper-util`'s
//! `TowerToHyperService`:
//!
//! ```no_run
//! use std::convert::Infallible;
//! use bytes::Bytes;
//! use http::{Request, Response, StatusCode};
//! use http_body_util::{BodyExt, Full};
//! use hooksig::receive::Receiver;
//! use hooksig::tower::VerifyLayer;
//! use hooksig::Platform;
//! use hyper_util::{rt::TokioIo, service::TowerToHyperService};
//! use tower::{Layer, service_fn};
//!
//! /// Names the Stripe receiver.
//! struct Stripe;
//!
//! async fn stripe(request: Request<Full<Bytes>>) -> Result<Response<Full<Bytes>>, Infallible> {
//!     // Verified: the exact bytes Stripe signed.
//!     let body = request.into_body().collect().await?.to_bytes();
//!     println!("{} bytes", body.len());
//!     let mut response = Response::new(Full::default());
//!     *response.status_mut() = StatusCode::NO_CONTENT;
//!     Ok(response)
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! let receiver = Receiver::<Stripe>::new(Platform::STRIPE.verifier("whsec_...")?);
//! let service = VerifyLayer::new(receiver).layer(service_fn(stripe));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! loop {
//!     let (stream, _) = listener.accept().await?;
//!     let service = TowerToHyperService::new(service.clone());
//!     tokio::spawn(
//!         hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service),
//!     );
//! }
//! # }
//! ```
//!
//! # axum
//!
//! On an axum router, as a `route_layer` on each webhook route (see
//! [`VerifyLayer`]): a handler then takes the verified `Bytes`, or the
//! typed event the layer decoded, as `Decoded<E>` (with the `axum`
//! feature; it moves the event out) or axum's `Extension<E>` (which
//! clones it). The layer composes with the router's other layers like any
//! tower middleware.
//!
//! The layer's limit is its receiver's: unlike the axum extractors, it
//! does not read axum's `DefaultBodyLimit`.
//!
//! # The clock
//!
//! A timestamped scheme's signed time, and an event's own timestamp when
//! the receiver checks [freshness](Receiver::with_freshness), are judged
//! against the receiver's [clock](Receiver::with_clock):
//! [`jiff::Timestamp::now`](https://docs.rs/jiff/0.2/jiff/struct.Timestamp.html#method.now) unless set.

#[cfg(feature = "axum")]
mod decoded;
mod layer;
mod service;
mod verification;

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use decoded::Decoded;
pub use layer::VerifyLayer;
pub use service::{ResponseFuture, Verify};
pub use verification::Verification;

#[cfg(doc)]
use crate::receive::{Receiver, Rejection};
