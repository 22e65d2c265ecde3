//! Receiving webhooks in [actix-web](https://docs.rs/actix-web) 4:
//! extractors that read the raw body, verify it and decode the typed
//! event, in one argument.
//!
//! Available with the `actix-web` feature, off by default. It builds
//! actix-web without its default features (no TLS, no compression, no
//! macros). actix-web 4.17 needs Rust 1.88, the crate's own minimum; later
//! 4.x releases need a newer Rust (4.18 needs 1.89), which Cargo's
//! MSRV-aware resolver avoids on an older toolchain.
//!
//! The actix convention: configure the extractor through `app_data`, with
//! a [`Receiver<T>`](crate::receive::Receiver) per platform, and take
//! [`Verified<E>`] (the typed event) or [`VerifiedBody<T>`] (the verified
//! bytes) in the handler. A refusal is a
//! [`Rejection`](crate::receive::Rejection), which implements
//! `ResponseError`: `413` for a body over the limit (before reading it
//! when `Content-Length` says so), `401` for one that fails verification,
//! `400` for one that is not the event, each with a short text body.
//! These steps are shared with the axum extractors and the tower layer
//! (`hooksig::axum`, `hooksig::tower`), through
//! [`hooksig::receive`](crate::receive).
//!
//! actix-web 4 is on `http` 0.2: its headers are read in place through
//! [`Headers`](crate::Headers), never converted.
//!
//! ```
//! use actix_web::{App, HttpResponse, web};
//! use hooksig::actix::{Verified, VerifiedBody};
//! use hooksig::event::{network, scan};
//! use hooksig::receive::Receiver;
//! use hooksig::Platform;
//!
//! struct GitHub;
//!
//! async fn cortex(Verified(event): Verified<scan::Event>) -> HttpResponse {
//!     HttpResponse::NoContent().finish()
//! }
//!
//! async fn splexa(Verified(event): Verified<network::Event>) -> HttpResponse {
//!     HttpResponse::NoContent().finish()
//! }
//!
//! async fn github(body: VerifiedBody<GitHub>) -> HttpResponse {
//!     HttpResponse::NoContent().finish()
//! }
//!
//! let cortex_receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?);
//! let splexa_receiver = Receiver::<network::Event>::new(Platform::SPLEXA.verifier("splexa-secret")?);
//! let github_receiver = Receiver::<GitHub>::new(Platform::GITHUB.verifier("gh-secret")?);
//! // In `HttpServer::new(move || ...)`, once per worker: clones share the keys.
//! let app = App::new()
//!     .app_data(cortex_receiver.clone())
//!     .app_data(splexa_receiver.clone())
//!     .app_data(github_receiver.clone())
//!     .route("/hooks/cortex", web::post().to(cortex))
//!     .route("/hooks/splexa", web::post().to(splexa))
//!     .route("/hooks/github", web::post().to(github));
//! # drop(app);
//! # Ok::<(), hooksig::KeyError>(())
//! ```
//!
//! # The clock
//!
//! A timestamped scheme's signed time is judged against the receiver's
//! [clock](crate::receive::Receiver::with_clock): [`jiff::Timestamp::now`](https://docs.rs/jiff/0.2/jiff/struct.Timestamp.html#method.now)
//! unless set.

mod extract;
mod headers;
mod payload;
mod rejection;

pub use crate::receive::VerifiedBody;
pub use extract::Verified;
