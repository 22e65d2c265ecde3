//! Sign and verify webhooks, and build or check their `http` requests, with
//! no I/O: no sockets, no files, no clock and no randomness the caller did
//! not hand in.
//!
//! `hooksig` speaks the wire formats of Emuluxe, PulseLABS, Capawesome,
//! SPLEXA, Cortex and GitHub (HMAC-SHA256 over the raw body bytes, written
//! as bare hex or as `sha256=<hex>` under each platform's header), Shopify's
//! base64 signatures, the timestamped schemes of Standard Webhooks (and
//! Svix), Stripe and Slack, and the Ed25519 signatures of Standard Webhooks
//! (`v1a`, checked with a public key) and Discord. A [`Platform`] binds
//! everything to one sender's conventions: it reads a key in the format
//! that platform issues (a secret keyed into HMAC-SHA256 once, or an
//! Ed25519 public or signing key), and builds the [`Signer`] or
//! [`Verifier`] that reads and writes its headers. Signing and verifying
//! neither re-key nor allocate; verification compares MACs in constant
//! time, verifies Ed25519 strictly, accepts several keys for rotation,
//! fails closed, and gives a typed error for every way a request can be
//! wrong.
//!
//! # Sender
//!
//! ```
//! use hooksig::Platform;
//!
//! let signer = Platform::CORTEX.signer("whsec-from-your-config")?;
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
//! use hooksig::{Platform, VerifyError};
//! # let request = Platform::STRIPE.request("https://example.com/")
//! #     .timestamp(jiff::Timestamp::now())
//! #     .sign_with(&Platform::STRIPE.signer("whsec_from_your_config")?)
//! #     .body(b"{}".to_vec())?;
//!
//! // Build once, at start-up; pass several secrets during a rotation.
//! let verifier = Platform::STRIPE.verifier("whsec_from_your_config")?;
//!
//! // For each request: its headers, its raw body bytes and the time now.
//! match verifier.verify_request(&request, jiff::Timestamp::now()) {
//!     Ok(()) => { /* decode and handle the event */ }
//!     Err(VerifyError::Mismatch) => { /* answer 401 */ }
//!     Err(other) => { /* answer 400 or 401: `other` says what is wrong */ }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Map
//!
//! The crate is layered, each layer using only those before it:
//!
//! - [`Signature`], its [`Encoding`] and a body-only [`SignatureValue`]; an
//!   [`Ed25519Signature`]; the [`Header`]s a platform documents, read
//!   through [`Headers`].
//! - [`Scheme`]: how a platform signs; [`Tolerance`]: how recent a signed
//!   timestamp must be, against the caller's `now`.
//! - [`SigningKey`]: a secret in its [`SecretFormat`], keyed once; an
//!   Ed25519 [`PublicKey`] (receivers) and [`KeyPair`] (senders).
//! - [`Signer`] and [`Verifier`]: the two sides.
//! - [`Platform`]: a sender's conventions, with a preset for each seed
//!   platform, GitHub, Shopify, Stripe, Slack, Standard Webhooks, Svix and
//!   Discord;
//!   it builds verifiers, signers and [`RequestBuilder`]s.
//!   [`dangerous`] holds the only ways to accept unsigned requests or skip
//!   the timestamp check.
//! - [`event`]: typed events for each seed platform, by domain
//!   ([`event::scan`], [`event::network`], ...), decoded from a verified
//!   body with [`event::Envelope::decode`].
//! - [`delivery`]: a sender's delivery rules as pure data: endpoints and
//!   their subscriptions, retries, timeouts, auto-disable, rate limits,
//!   delivery records and replays.
//! - Receiving in a web framework, each adapter a feature, off by default:
//!   [`axum`] (extractors), [`tower`] (a layer for hyper, axum routers and
//!   any tower stack) and [`actix`] (feature `actix-web`, extractors). They
//!   share [`receive`]: its `Receiver` (verifier, body limit, clock) and
//!   its `Rejection`, answering 401, 400 or 413.
//! - [`diagnose`] (feature `diagnose`, off by default): offline only, for a
//!   developer's desk or logs, never a response: why a request failed
//!   verification, as findings with fixes.
#![cfg_attr(
    not(feature = "axum"),
    doc = " \n [`axum`]: https://docs.rs/hooksig/latest/hooksig/axum/index.html"
)]
#![cfg_attr(
    not(feature = "diagnose"),
    doc = " \n [`diagnose`]: https://docs.rs/hooksig/latest/hooksig/diagnose/index.html"
)]
#![cfg_attr(
    not(feature = "tower"),
    doc = " \n [`tower`]: https://docs.rs/hooksig/latest/hooksig/tower/index.html"
)]
#![cfg_attr(
    not(feature = "actix-web"),
    doc = " \n [`actix`]: https://docs.rs/hooksig/latest/hooksig/actix/index.html"
)]
#![cfg_attr(
    not(any(feature = "axum", feature = "tower", feature = "actix-web")),
    doc = " \n [`receive`]: https://docs.rs/hooksig/latest/hooksig/receive/index.html"
)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// Without `std` the crate needs only `alloc`; unit tests always have std.
#![cfg_attr(not(any(feature = "std", test)), no_std)]

extern crate alloc;

mod codec;
mod header;
mod signature;

mod freshness;
mod scheme;

mod key;

mod sign;
mod verify;

pub mod dangerous;
mod platform;
#[cfg(feature = "http")]
mod request;

pub mod event;
pub mod provider;

#[cfg(feature = "actix-web")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
pub mod actix;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod delivery;
#[cfg(feature = "diagnose")]
#[cfg_attr(docsrs, doc(cfg(feature = "diagnose")))]
pub mod diagnose;
#[cfg(any(feature = "axum", feature = "tower", feature = "actix-web"))]
#[cfg_attr(
    docsrs,
    doc(cfg(any(feature = "axum", feature = "tower", feature = "actix-web")))
)]
pub mod receive;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

pub use freshness::{FreshnessError, Tolerance, ToleranceError};
pub use header::{Header, HeaderError, HeaderNameError, Headers};
pub use key::{KeyError, KeyKind, SecretFormat, SigningKey};
#[cfg(feature = "ed25519")]
#[cfg_attr(docsrs, doc(cfg(feature = "ed25519")))]
pub use key::{KeyPair, PublicKey};
pub use platform::{Platform, SecretPolicy};
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use request::{RequestBuilder, RequestError, SignatureHeaders};
pub use scheme::{IdError, Scheme, TimestampError};
pub use sign::Signer;
pub use signature::{
    AlgorithmName, Ed25519Signature, Encoding, Signature, SignatureError, SignatureValue,
};
pub use verify::{BodyFieldError, FormError, UrlError};
pub use verify::{Verifier, VerifyError};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
