//! What the extractors read from the router's state: the verifier, the
//! body limit and the clock.

use core::{fmt, marker::PhantomData};
use std::sync::Arc;

use http::HeaderMap;
use jiff::Timestamp;

use crate::{Verifier, VerifyError};

/// How one kind of webhook is received: the [`Verifier`] holding its
/// platform and secrets, the largest body read, and the clock the
/// timestamped schemes are judged by.
///
/// The [`Verified<T>`](super::Verified) and
/// [`VerifiedBody<T>`](super::VerifiedBody) extractors take a `Receiver<T>`
/// from the router's state through [`FromRef`](::axum::extract::FromRef):
/// make it the state, or keep it in a field of your own state type with a
/// `FromRef` impl (`#[derive(FromRef)]` writes it). `T` tells receivers
/// apart, so one state can hold one per platform: the event type
/// (`Receiver<scan::Event>`), or a type of yours naming a source without a
/// typed envelope (`Receiver<Stripe>`).
///
/// Cloning is cheap: the parts are shared.
///
/// ```
/// use hooksig::axum::Receiver;
/// use hooksig::event::scan;
/// use hooksig::Platform;
///
/// let cortex = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?);
/// assert_eq!(cortex.body_limit(), 2 * 1024 * 1024);
///
/// // A source of your own, with a larger limit: GitHub sends up to 25 MB.
/// struct GitHub;
/// let github = Receiver::<GitHub>::new(Platform::GITHUB.verifier("gh-secret")?)
///     .with_body_limit(25 * 1024 * 1024);
/// assert_eq!(github.body_limit(), 25 * 1024 * 1024);
/// # Ok::<(), hooksig::KeyError>(())
/// ```
pub struct Receiver<T> {
    inner: Arc<Inner>,
    // `fn() -> T`: the tag is never held, so it does not affect `Send`,
    // `Sync` or variance.
    source: PhantomData<fn() -> T>,
}

#[derive(Clone)]
struct Inner {
    verifier: Verifier,
    body_limit: usize,
    clock: fn() -> Timestamp,
}

impl<T> Receiver<T> {
    /// The default body limit: 2 MiB, as axum's `DefaultBodyLimit`.
    pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

    /// A receiver checking requests with `verifier` (built for the
    /// platform that sends them, with [`Platform::verifier`](crate::Platform::verifier)),
    /// with the default body limit and clock.
    pub fn new(verifier: Verifier) -> Self {
        Self {
            inner: Arc::new(Inner {
                verifier,
                body_limit: Self::DEFAULT_BODY_LIMIT,
                clock: Timestamp::now,
            }),
            source: PhantomData,
        }
    }

    /// The same receiver, reading bodies of at most `bytes` bytes; a larger
    /// one is refused with `413 Payload Too Large`, before it is read when
    /// its `Content-Length` says so. Defaults to
    /// [`DEFAULT_BODY_LIMIT`](Self::DEFAULT_BODY_LIMIT), 2 MiB.
    ///
    /// This limit replaces axum's `DefaultBodyLimit` for the extractors,
    /// which read the body themselves.
    #[must_use]
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        Arc::make_mut(&mut self.inner).body_limit = bytes;
        self
    }

    /// The same receiver, with `clock` giving the time that the signed
    /// timestamp of Standard Webhooks, Stripe and Slack is judged against
    /// (within the verifier's [tolerance](Verifier::with_tolerance)).
    /// Defaults to [`jiff::Timestamp::now`], the system clock.
    ///
    /// The core of the crate never reads the clock; this is the one place
    /// a default does, and only for the timestamped schemes. Give a fixed
    /// time in tests, or your runtime's clock.
    #[must_use]
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> Self {
        Arc::make_mut(&mut self.inner).clock = clock;
        self
    }

    /// The verifier holding the platform and its secrets.
    pub fn verifier(&self) -> &Verifier {
        &self.inner.verifier
    }

    /// The largest body read, in bytes.
    pub fn body_limit(&self) -> usize {
        self.inner.body_limit
    }

    /// Checks a request's headers and raw body with the verifier
    /// ([`Verifier::verify`]), reading the receiver's clock only for a
    /// timestamped scheme.
    ///
    /// The extractors call this; call it yourself in a handler that reads
    /// the body another way.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<(), VerifyError> {
        let Inner {
            verifier, clock, ..
        } = &*self.inner;
        let now = if verifier.scheme().is_timestamped() {
            clock()
        } else {
            Timestamp::UNIX_EPOCH
        };
        verifier.verify(headers, body, now)
    }
}

impl<T> Clone for Receiver<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
            source: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("verifier", &self.inner.verifier)
            .field("body_limit", &self.inner.body_limit)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Platform, event::scan};

    fn fixed() -> Timestamp {
        Timestamp::from_second(1_700_000_000).unwrap()
    }

    #[test]
    fn timestamped_schemes_are_judged_by_the_receivers_clock() {
        let signer = Platform::STRIPE.signer("whsec_stripe").unwrap();
        let request = Platform::STRIPE
            .request("https://example.com/")
            .timestamp(fixed())
            .sign_with(&signer)
            .body(b"{}".to_vec())
            .unwrap();
        let verifier = Platform::STRIPE.verifier("whsec_stripe").unwrap();
        let receiver = Receiver::<()>::new(verifier);
        // The system clock is years past the signed time.
        assert!(matches!(
            receiver.verify(request.headers(), request.body()),
            Err(VerifyError::Stale(_))
        ));
        let receiver = receiver.with_clock(fixed);
        assert_eq!(receiver.verify(request.headers(), request.body()), Ok(()));
    }

    #[test]
    fn debug_shows_no_secret() {
        let receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("hunter2").unwrap());
        let shown = format!("{receiver:?}");
        assert!(
            shown.contains("Cortex") && shown.contains("REDACTED"),
            "{shown}"
        );
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn builders_on_a_clone_leave_the_original() {
        let receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("s").unwrap());
        let larger = receiver.clone().with_body_limit(10);
        assert_eq!(larger.body_limit(), 10);
        assert_eq!(receiver.body_limit(), Receiver::<()>::DEFAULT_BODY_LIMIT);
    }
}
