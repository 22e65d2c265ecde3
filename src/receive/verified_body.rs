//! The verified bytes an adapter hands a handler, for every framework.

use core::{fmt, marker::PhantomData, ops::Deref};

use bytes::Bytes;

/// A webhook's raw body bytes, verified: the extractor for platforms
/// without a typed envelope (Stripe, Slack, Standard Webhooks, GitHub, your
/// own), or to decode the body yourself. One type for every framework:
/// axum takes it from the router's state (feature `axum`, `hooksig::axum`),
/// actix-web from the app data (feature `actix-web`, `hooksig::actix`).
///
/// It reads the body within the limit and checks the signature with the
/// [`Receiver<T>`](super::Receiver) of its route, and hands over the bytes
/// exactly as received. `T` names the source: any type of yours, such as a
/// unit struct `Stripe`, so that one server can hold a receiver for each.
/// For the timestamped schemes the signed time is judged by the receiver's
/// [clock](super::Receiver::with_clock).
pub struct VerifiedBody<T> {
    body: Bytes,
    source: PhantomData<fn() -> T>,
}

impl<T> VerifiedBody<T> {
    /// Verified bytes, from an adapter.
    #[cfg_attr(not(any(feature = "axum", feature = "actix-web")), allow(dead_code))]
    pub(crate) fn new(body: Bytes) -> Self {
        Self {
            body,
            source: PhantomData,
        }
    }

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
        Self::new(self.body.clone())
    }
}

impl<T> fmt::Debug for VerifiedBody<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("VerifiedBody").field(&self.body).finish()
    }
}
