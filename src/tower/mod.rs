//! Verifying webhooks in tower middleware: a [`VerifyLayer`] for hyper,
//! axum routers, tonic and any tower stack.
//!
//! Available with the `tower` feature, off by default.
//!
//! The layer reads the body within the [`Receiver`]'s limit, verifies it,
//! optionally decodes the typed event, and forwards the request with the
//! exact bytes as a `Request<Full<Bytes>>`; a refused request is answered
//! by the layer with `413`, `401` or `400` and a short text body (the
//! [`Rejection`]'s message). It shares these steps with the
//! [axum](crate::axum) and [actix-web](crate::actix) extractors, through
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
//! use http_body_util::Full;
//! use hooksig::receive::Receiver;
//! use hooksig::tower::VerifyLayer;
//! use hooksig::Platform;
//! use tower::{Layer, service_fn};
//!
//! /// Names the Stripe receiver.
//! struct Stripe;
//!
//! async fn handle(request: Request<Full<Bytes>>) -> Result<Response<Full<Bytes>>, Infallible> {
//!     // Verified: the exact bytes Stripe signed.
//!     let _event: serde_json::Value = serde_json::from_slice(&http_body_util::BodyExt::collect(request.into_body()).await?.to_bytes())
//!         .unwrap_or_default();
//!     Ok(Response::builder().status(StatusCode::NO_CONTENT).body(Full::default()).unwrap_or_default())
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! let receiver = Receiver::<Stripe>::new(Platform::STRIPE.verifier("whsec_...")?);
//! let service = VerifyLayer::new(receiver).layer(service_fn(handle));
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! loop {
//!     let (stream, _) = listener.accept().await?;
//!     let service = hyper_util::service::TowerToHyperService::new(service.clone());
//!     tokio::spawn(async move {
//!         let io = hyper_util::rt::TokioIo::new(stream);
//!         hyper::server::conn::http1::Builder::new().serve_connection(io, service).await
//!     });
//! }
//! # }
//! ```
//!
//! # axum
//!
//! On an axum router, as a `route_layer` on each webhook route (see
//! [`VerifyLayer`]): a handler then takes the verified `Bytes`, or
//! `Extension<E>` for the typed event the layer decoded. The layer
//! composes with the router's other layers like any tower middleware.
//!
//! The layer's limit is its receiver's: unlike the axum extractors, it
//! does not read axum's `DefaultBodyLimit`.
//!
//! # The clock
//!
//! A timestamped scheme's signed time, and an event's own timestamp when
//! the receiver checks [freshness](Receiver::with_freshness), are judged
//! against the receiver's [clock](Receiver::with_clock):
//! [`jiff::Timestamp::now`] unless set.

mod layer;
mod service;
mod verification;

pub use layer::VerifyLayer;
pub use service::{ResponseFuture, Verify};
pub use verification::Verification;

#[cfg(doc)]
use crate::receive::{Receiver, Rejection};
