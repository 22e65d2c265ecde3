//! Sign and verify webhooks, and build or check their `http` requests, with
//! no I/O: no sockets, no files, no clock and no randomness the caller did
//! not hand in.
//!
//! `hooksig` speaks the wire formats of Emuluxe, PulseLABS, Capawesome,
//! SPLEXA, Cortex and GitHub: HMAC-SHA256 over the raw body bytes, written
//! as bare hex or as `sha256=<hex>` under each platform's header. It also
//! speaks the timestamped schemes of Standard Webhooks (and Svix), Stripe and
//! Slack, and Shopify's base64 signatures. A secret is
//! keyed into HMAC-SHA256 once; every signature afterwards starts from that
//! state, so signing and verifying neither re-key nor allocate. Verification
//! compares the decoded 32 bytes in constant time, accepts several secrets
//! for rotation, fails closed, and gives a typed error for every way a
//! request can be wrong.
//!
//! # Sender
//!
//! ```
//! use hooksig::{Platform, Signer};
//!
//! let signer = Signer::new("whsec-from-your-config")?;
//! let request = Platform::CORTEX
//!     .request("https://example.com/webhooks/cortex")
//!     .event("scan.completed")
//!     .delivery_id("5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f")
//!     .sign_with(&signer)
//!     .body(br#"{"event":"scan.completed","id":"evt_1"}"#.to_vec())?;
//!
//! assert!(request.headers()["x-cortex-signature"].as_bytes().starts_with(b"sha256="));
//! // Hand `request` to any HTTP client.
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Receiver
//!
//! Verify the raw body bytes, before any JSON parsing: a re-serialized body
//! is a different byte sequence and will not match.
//!
//! ```
//! use hooksig::{Platform, Verifier, VerifyError};
//! # use hooksig::Signer;
//! # let request = Platform::CORTEX.request("https://example.com/")
//! #     .event("scan.completed").delivery_id("d")
//! #     .sign_with(&Signer::new("whsec-from-your-config")?)
//! #     .body(b"{}".to_vec())?;
//! # let (parts, body) = request.into_parts();
//! # let headers = parts.headers;
//!
//! // Build once, at start-up; pass several secrets during a rotation.
//! let verifier = Verifier::new("whsec-from-your-config")?;
//!
//! // For each request: its headers and its raw body bytes.
//! match verifier.verify_headers(&Platform::CORTEX, &headers, &body) {
//!     Ok(()) => { /* decode and handle the event */ }
//!     Err(VerifyError::Mismatch) => { /* answer 401 */ }
//!     Err(other) => { /* answer 400 or 401: `other` says what is wrong */ }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Map
//!
//! - [`Signer`] and [`Verifier`]: the two sides; [`SigningKey`] is the keyed
//!   state both are built on.
//! - [`Signature`], [`Encoding`] and [`SignatureHeader`]: the MAC and how a
//!   header writes it; [`Scheme`]: how a platform signs.
//! - [`Platform`]: a platform's headers and scheme, with a preset for each
//!   seed platform, GitHub, Shopify, Stripe, Slack, Standard Webhooks and
//!   Svix; [`Platform::request`] builds the request.
//! - [`Tolerance`]: how recent a signed timestamp must be, against the
//!   caller's `now` ([`Verifier::verify_headers_at`]).
//! - [`dangerous`]: the only ways to accept unsigned requests or skip the
//!   timestamp check.
//! - [`event`]: typed events for each seed platform, by domain ([`event::scan`],
//!   [`event::network`], ...): [`Verifier::decode`] verifies then decodes,
//!   [`Envelope::to_vec`] gives the bytes a sender signs; [`RawEvent`] reads
//!   any body without allocating for its data.
//! - [`delivery`]: a sender's delivery rules as pure data: [`Endpoint`]s and
//!   their subscriptions, [`DeliveryPolicy`] presets (retries, timeouts,
//!   auto-disable, rate limits), [`DeliveryRecord`]s, replays; [`Secret`]
//!   holds an endpoint's secret out of logs.
//! - [`axum`] (feature `axum`, off by default): extractors that read the raw
//!   body within a size limit, verify it and decode the typed event, with
//!   rejections answering 401, 400 or 413.
#![cfg_attr(
    not(feature = "axum"),
    doc = " \n [`axum`]: https://docs.rs/hooksig/latest/hooksig/axum/index.html"
)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod dangerous;
pub mod delivery;
mod digits;
pub mod event;
mod freshness;
mod header;
mod key;
mod platform;
mod request;
mod scheme;
mod secret;
mod sign;
mod signature;
mod verify;

pub use delivery::{
    Delivery, DeliveryPolicy, DeliveryRecord, Endpoint, Health, Outcome, RetrySchedule, TokenBucket,
};
pub use event::{
    DecodeError, Envelope, IdempotencyKey, RawEvent, ReceiveError, Rfc3339, Timestamped, UnixMillis,
};
pub use freshness::{FreshnessError, Tolerance};
pub use header::Header;
pub use key::{KeyError, SigningKey};
pub use platform::{Platform, SecretPolicy};
pub use request::{RequestBuilder, RequestError};
pub use scheme::{
    AlgorithmName, Encoding, IdError, Scheme, SignatureError, SignatureHeader, TimestampError,
};
pub use secret::Secret;
pub use sign::Signer;
pub use signature::Signature;
pub use verify::{Verifier, VerifyError};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
