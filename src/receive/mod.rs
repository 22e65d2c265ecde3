//! Receiving webhooks in a web framework: what the axum extractors
//! (`hooksig::axum`), the tower layer (`hooksig::tower`) and the actix-web
//! extractors (`hooksig::actix`) share, so that all three behave alike.
//!
//! Available with any of the features `axum`, `tower` and `actix-web`, off
//! by default.
//!
//! Each adapter takes a [`Receiver`] and, for every request:
//!
//! 1. reads the raw body, at most the receiver's
//!    [limit](Receiver::with_body_limit) (2 MiB unless set), refusing a
//!    larger one with `413` before reading any of it when `Content-Length`
//!    says so, and as soon as the stream passes the limit otherwise;
//! 2. verifies the signature over those exact bytes with the receiver's
//!    [`Verifier`](crate::Verifier), judging a signed timestamp by the
//!    receiver's [clock](Receiver::with_clock), and refuses with `401`;
//! 3. for a typed event, decodes it ([`Receiver::decode`]), refusing with
//!    `400`, and checks its own timestamp when a
//!    [freshness](Receiver::with_freshness) window is set (`401`).
//!
//! A refusal is a [`Rejection`]: its status, and a short plain-text body
//! saying what was wrong without anything a forger could use. The
//! receiver's [hook](Receiver::with_rejection_hook) sees each one first.
//!
//! A server receiving from several platforms holds one receiver per
//! platform, told apart by its type parameter.

mod body;
mod receiver;
mod rejection;
mod verified_body;

use std::error::Error;

use bytes::Bytes;
use jiff::Timestamp;

pub use receiver::Receiver;
pub use rejection::Rejection;
pub use verified_body::VerifiedBody;

use crate::Headers;
use crate::event::Envelope;

/// Reads `body` within the receiver's limit (or `cap`, when smaller: a
/// limit the framework sets) and verifies it with `headers`: the exact
/// bytes, and the time a signed timestamp was judged against. Each
/// rejection goes through the receiver's hook.
#[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
pub(crate) async fn read_verified<T, H, B>(
    receiver: &Receiver<T>,
    headers: &H,
    body: B,
    cap: Option<u64>,
) -> Result<(Bytes, Option<Timestamp>), Rejection>
where
    H: Headers + ?Sized,
    B: http_body::Body,
    B::Error: Into<Box<dyn Error + Send + Sync>>,
{
    let limit = match cap.map(usize::try_from) {
        Some(Ok(cap)) => cap.min(receiver.body_limit()),
        _ => receiver.body_limit(),
    };
    let read = body::read(body, body::declared_length(headers), limit).await;
    verify_read(receiver, headers, read)
}

/// The reader of `body` within the receiver's limit, for a future that
/// pins the body itself; [`verify_read`] then checks what it read.
#[cfg(feature = "tower")]
pub(crate) fn collect<T, B: http_body::Body>(
    receiver: &Receiver<T>,
    headers: &http::HeaderMap,
    body: &B,
) -> body::Collect {
    body::Collect::new(body, body::declared_length(headers), receiver.body_limit())
}

#[cfg(feature = "tower")]
pub(crate) use body::Collect;

/// The second half of [`read_verified`]: verifies what was read.
pub(crate) fn verify_read<T, H: Headers + ?Sized>(
    receiver: &Receiver<T>,
    headers: &H,
    read: Result<Bytes, Rejection>,
) -> Result<(Bytes, Option<Timestamp>), Rejection> {
    let body = read.map_err(|rejection| receiver.reject(rejection))?;
    match receiver.verify_at(headers, &body) {
        Ok(at) => Ok((body, at)),
        Err(error) => Err(receiver.reject(Rejection::Verify(error))),
    }
}

/// [`Receiver::decode`], with a rejection going through the hook.
pub(crate) fn decode<E: Envelope>(receiver: &Receiver<E>, body: &[u8]) -> Result<E, Rejection> {
    receiver
        .decode(body)
        .map_err(|rejection| receiver.reject(rejection))
}
