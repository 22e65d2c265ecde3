//! Receiving webhooks in [axum](https://docs.rs/axum): extractors that read
//! the raw body, verify it and decode the typed event, in one argument.
//!
//! Available with the `axum` feature, off by default; the rest of the crate
//! has no web framework in it.
//!
//! The classic receiver bug is verifying a body that was parsed and
//! serialized again (`Json<Value>` in axum): the bytes differ from those
//! signed, and no signature matches. These extractors never parse before
//! verifying:
//!
//! 1. read the body as raw bytes, at most the receiver's
//!    [limit](Receiver::with_body_limit) (2 MiB unless set) or the router's
//!    `DefaultBodyLimit`, whichever is smaller, refusing a larger one with
//!    `413` before reading it when `Content-Length` says so;
//! 2. verify the signature over those bytes with the [`Receiver`] taken from
//!    the router's state ([`Verifier`](crate::Verifier) and
//!    [`Platform`](crate::Platform)), refusing with `401`;
//! 3. decode the typed event ([`Verified<E>`]), refusing with `400`, and
//!    check its timestamp if the receiver has a
//!    [freshness](Receiver::with_freshness) window; or hand over the
//!    verified bytes ([`VerifiedBody<T>`]).
//!
//! The [`Rejection`] says what was wrong in its body, never a secret or a
//! signature. The same steps run in the tower layer (`hooksig::tower`) and
//! the actix-web extractors (`hooksig::actix`), from one place:
//! [`hooksig::receive`](crate::receive), where [`Receiver`] and
//! [`Rejection`] live (re-exported here under their old paths).
//!
//! To verify in front of the handler instead, as middleware that forwards
//! the exact bytes, use `hooksig::tower::VerifyLayer` as a `route_layer`
//! (feature `tower`).
//!
//! # Example
//!
//! ```
//! use axum::{Router, http::StatusCode, routing::post};
//! use hooksig::axum::{Receiver, Verified};
//! use hooksig::event::{Envelope, scan};
//! use hooksig::Platform;
//!
//! async fn cortex(Verified(event): Verified<scan::Event>) -> StatusCode {
//!     println!("{} {}", event.name(), event.id);
//!     StatusCode::NO_CONTENT
//! }
//!
//! let app: Router = Router::new()
//!     .route("/hooks/cortex", post(cortex))
//!     .with_state(Receiver::<scan::Event>::new(Platform::CORTEX.verifier("whsec-from-your-config")?));
//! # // Run the extractor on a request the sender's side of the crate builds.
//! # use axum::extract::FromRequest;
//! # use hooksig::axum::Rejection;
//! # let runtime = tokio::runtime::Builder::new_current_thread().build()?;
//! # let receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("whsec-from-your-config")?);
//! # let body = br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s"}}"#;
//! # let signed = |secret: &str, body: &[u8]| -> Result<axum::extract::Request, Box<dyn std::error::Error>> {
//! #     Ok(Platform::CORTEX.request("http://localhost/hooks/cortex")
//! #         .event("scan.started").delivery_id("d-1")
//! #         .sign_with(&Platform::CORTEX.signer(secret)?)
//! #         .body(body.to_vec())?
//! #         .map(axum::body::Body::from))
//! # };
//! # runtime.block_on(async {
//! #     let ok = Verified::<scan::Event>::from_request(signed("whsec-from-your-config", body)?, &receiver).await?;
//! #     assert_eq!(ok.id, "evt_1");
//! #     let wrong = Verified::<scan::Event>::from_request(signed("another", body)?, &receiver).await;
//! #     assert_eq!(wrong.unwrap_err().status(), StatusCode::UNAUTHORIZED);
//! #     let bad = Verified::<scan::Event>::from_request(signed("whsec-from-your-config", b"[]")?, &receiver).await;
//! #     assert!(matches!(bad, Err(Rejection::Decode(_))));
//! #     Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `examples/receiver_axum.rs` runs a server that receives both by hand
//! (`Bytes` and `HeaderMap`) and with [`Verified`], deduplicating by the
//! envelope's idempotency key.
//!
//! # The clock
//!
//! Standard Webhooks, Stripe and Slack sign a timestamp, which is checked
//! against the time the receiver's clock gives: [`jiff::Timestamp::now`](https://docs.rs/jiff/0.2/jiff/struct.Timestamp.html#method.now)
//! unless [`Receiver::with_clock`] sets another. It is the only clock read
//! in the crate, and it is read only for those schemes.

mod extract;
mod rejection;

#[doc(no_inline)]
pub use crate::receive::{Receiver, Rejection, VerifiedBody};
pub use extract::Verified;
