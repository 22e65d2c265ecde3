//! What every adapter is configured with: the verifier, the body limit, the
//! clock, an optional freshness window for typed events, and a hook that
//! sees each rejection.

use core::{fmt, marker::PhantomData};
use std::sync::Arc;

use jiff::Timestamp;

use super::Rejection;
use crate::event::{Envelope, Timestamped};
use crate::{Headers, Tolerance, Verifier, VerifyError};

/// How one kind of webhook is received: the [`Verifier`] holding its
/// platform and secrets, the largest body read, the clock the timestamped
/// schemes are judged by, optionally how recent a typed event's own
/// timestamp must be, and a hook that sees every rejection.
///
/// Every adapter takes one: the axum extractors from the router's state
/// (through `FromRef`), the tower layer when it is built, the actix-web
/// extractors from the app data. `T` tells receivers apart, so one server
/// can hold one per platform: the event type (`Receiver<scan::Event>`),
/// or a type of yours naming a source without a typed envelope
/// (`Receiver<Stripe>`).
///
/// Cloning is cheap: the parts are shared.
///
/// ```
/// use hooksig::receive::Receiver;
/// use hooksig::event::scan;
/// use hooksig::Platform;
///
/// let cortex = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?);
/// assert_eq!(cortex.body_limit(), 2 * 1024 * 1024);
///
/// // A source of your own, with a larger limit: GitHub sends up to 25 MB.
/// struct GitHub;
/// let github = Receiver::<GitHub>::new(Platform::GITHUB.verifier("gh-secret")?)
///     .with_body_limit(25 * 1024 * 1024)
///     .with_rejection_hook(|rejection| eprintln!("GitHub webhook refused: {rejection}"));
/// assert_eq!(github.body_limit(), 25 * 1024 * 1024);
/// # Ok::<(), hooksig::KeyError>(())
/// ```
pub struct Receiver<T> {
    inner: Arc<Inner>,
    /// Set only for a timestamped envelope, by
    /// [`with_freshness`](Self::with_freshness).
    freshness: Option<Freshness<T>>,
    // `fn() -> T`: the tag is never held, so it does not affect `Send`,
    // `Sync` or variance.
    source: PhantomData<fn() -> T>,
}

#[derive(Clone)]
struct Inner {
    verifier: Verifier,
    body_limit: usize,
    clock: fn() -> Timestamp,
    hook: Option<Hook>,
}

/// What the application runs on each rejection.
type Hook = Arc<dyn Fn(&Rejection) + Send + Sync>;

/// The window an event's own timestamp must lie in, and how to read it.
struct Freshness<T> {
    tolerance: Tolerance,
    timestamp: fn(&T) -> Timestamp,
}

impl<T> Clone for Freshness<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Freshness<T> {}

impl<T> Receiver<T> {
    /// The default body limit: 2 MiB, as axum's `DefaultBodyLimit`.
    pub const DEFAULT_BODY_LIMIT: usize = 2 * 1024 * 1024;

    /// A receiver checking requests with `verifier` (built for the
    /// platform that sends them, with [`Platform::verifier`](crate::Platform::verifier)),
    /// with the default body limit and clock, no freshness check on the
    /// event and no hook.
    pub fn new(verifier: Verifier) -> Self {
        Self {
            inner: Arc::new(Inner {
                verifier,
                body_limit: Self::DEFAULT_BODY_LIMIT,
                clock: Timestamp::now,
                hook: None,
            }),
            freshness: None,
            source: PhantomData,
        }
    }

    /// The same receiver, reading bodies of at most `bytes` bytes; a larger
    /// one is refused with `413 Payload Too Large`, before it is read when
    /// its `Content-Length` says so. Defaults to
    /// [`DEFAULT_BODY_LIMIT`](Self::DEFAULT_BODY_LIMIT), 2 MiB.
    ///
    /// With axum, the router's `DefaultBodyLimit` applies too, and the
    /// smaller limit wins, as for axum's own `Bytes`: a limit above axum's
    /// 2 MiB default needs `DefaultBodyLimit::max` on the route as well.
    #[must_use]
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        Arc::make_mut(&mut self.inner).body_limit = bytes;
        self
    }

    /// The same receiver, with `clock` giving the time that the signed
    /// timestamp of Standard Webhooks, Stripe and Slack is judged against
    /// (within the verifier's [tolerance](Verifier::with_tolerance)), and
    /// an event's own timestamp when [freshness](Self::with_freshness) is
    /// set. Defaults to [`jiff::Timestamp::now`](https://docs.rs/jiff/0.2/jiff/struct.Timestamp.html#method.now), the system clock.
    ///
    /// The core of the crate never reads the clock; the receivers are the
    /// one place a default does, and only when a timestamp is checked.
    /// Give a fixed time in tests, or your runtime's clock.
    #[must_use]
    pub fn with_clock(mut self, clock: fn() -> Timestamp) -> Self {
        Arc::make_mut(&mut self.inner).clock = clock;
        self
    }

    /// The same receiver, calling `hook` with every [`Rejection`] before it
    /// is answered: the place to log the typed error (the response body
    /// says only what the sender may know) or count refusals. Defaults to
    /// none.
    ///
    /// ```
    /// use std::sync::atomic::{AtomicUsize, Ordering};
    /// use hooksig::receive::{Receiver, Rejection};
    /// use hooksig::Platform;
    ///
    /// static REFUSED: AtomicUsize = AtomicUsize::new(0);
    /// let receiver = Receiver::<()>::new(Platform::GITHUB.verifier("gh-secret")?)
    ///     .with_rejection_hook(|rejection: &Rejection| {
    ///         REFUSED.fetch_add(1, Ordering::Relaxed);
    ///         eprintln!("webhook refused ({}): {rejection:?}", rejection.status());
    ///     });
    /// # Ok::<(), hooksig::KeyError>(())
    /// ```
    #[must_use]
    pub fn with_rejection_hook(
        mut self,
        hook: impl Fn(&Rejection) + Send + Sync + 'static,
    ) -> Self {
        Arc::make_mut(&mut self.inner).hook = Some(Arc::new(hook));
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

    /// The window an event's own timestamp must lie in; `None`, the
    /// default, when it is not checked.
    pub fn freshness(&self) -> Option<Tolerance> {
        self.freshness.map(|freshness| freshness.tolerance)
    }

    /// Checks a request's headers and raw body with the verifier
    /// ([`Verifier::verify`]), reading the receiver's clock only for a
    /// timestamped scheme.
    ///
    /// The adapters call this; call it yourself in a handler that reads
    /// the body another way.
    ///
    /// # Errors
    ///
    /// As [`Verifier::verify`].
    pub fn verify<H: Headers + ?Sized>(&self, headers: &H, body: &[u8]) -> Result<(), VerifyError> {
        self.verify_at(headers, body).map(|_| ())
    }

    /// As [`verify`](Self::verify), returning the time the signed
    /// timestamp was judged against, if the scheme signs one.
    pub(crate) fn verify_at<H: Headers + ?Sized>(
        &self,
        headers: &H,
        body: &[u8],
    ) -> Result<Option<Timestamp>, VerifyError> {
        let Inner {
            verifier, clock, ..
        } = &*self.inner;
        if verifier.scheme().is_timestamped() {
            let now = clock();
            verifier.verify(headers, body, now).map(|()| Some(now))
        } else {
            // Body-only schemes ignore the time: no clock is read.
            verifier
                .verify(headers, body, Timestamp::UNIX_EPOCH)
                .map(|()| None)
        }
    }

    /// Hands `rejection` to the hook, and back.
    pub(crate) fn reject(&self, rejection: Rejection) -> Rejection {
        if let Some(hook) = &self.inner.hook {
            hook(&rejection);
        }
        rejection
    }
}

impl<E: Envelope> Receiver<E> {
    /// Decodes a verified body as the receiver's event ([`Envelope::decode`])
    /// and, when [freshness](Self::with_freshness) is set, checks its
    /// timestamp against the receiver's clock.
    ///
    /// The typed extractors and the decoding layer call this after
    /// verifying; call it yourself on a body you verified.
    ///
    /// # Errors
    ///
    /// [`Rejection::Decode`] for a body that is not the event, and
    /// [`Rejection::Stale`] for an event outside the freshness window.
    pub fn decode(&self, body: &[u8]) -> Result<E, Rejection> {
        let event = E::decode(body)?;
        if let Some(Freshness {
            tolerance,
            timestamp,
        }) = self.freshness
        {
            tolerance
                .check(timestamp(&event), (self.inner.clock)())
                .map_err(Rejection::Stale)?;
        }
        Ok(event)
    }
}

impl<E: Envelope + Timestamped> Receiver<E> {
    /// The same receiver, judging each event's own `timestamp` by the
    /// platform's window, [`Timestamped::FRESHNESS`]: never shorter than
    /// the platform's retries take, and none at all for SPLEXA, whose
    /// Replay re-sends old bytes on purpose (the receiver then checks no
    /// age, as before).
    ///
    /// ```
    /// use hooksig::event::{Timestamped, scan};
    /// use hooksig::receive::Receiver;
    /// use hooksig::Platform;
    ///
    /// let cortex = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?)
    ///     .with_platform_freshness();
    /// assert_eq!(cortex.freshness(), scan::Event::FRESHNESS);
    /// # Ok::<(), hooksig::KeyError>(())
    /// ```
    #[must_use]
    pub fn with_platform_freshness(self) -> Self {
        match E::FRESHNESS {
            Some(tolerance) => self.with_freshness(tolerance),
            None => self,
        }
    }

    /// The same receiver, refusing an event whose own `timestamp` lies
    /// further than `tolerance` from the receiver's [clock](Self::with_clock),
    /// either way, with [`Rejection::Stale`] (`401`). Defaults to off.
    ///
    /// For Emuluxe, SPLEXA and Cortex, whose body-only signatures sign no
    /// time: the event's timestamp is the only bound on a replay of a
    /// captured request. It is off by default because a platform's own
    /// redeliveries resend the original bytes, timestamp included: choose
    /// a window at least as long as the sender's retry span, or take the
    /// platform's own with [`Receiver::with_platform_freshness`], and
    /// deduplicate by the [idempotency key](Envelope::idempotency_key) for
    /// twice as long.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksig::event::scan;
    /// use hooksig::receive::Receiver;
    /// use hooksig::{Platform, Tolerance};
    ///
    /// let cortex = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("cortex-secret")?)
    ///     .with_freshness(Tolerance::new(Duration::from_secs(15 * 60))?);
    /// assert_eq!(cortex.freshness(), Some(Tolerance::new(Duration::from_secs(900))?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_freshness(mut self, tolerance: Tolerance) -> Self {
        self.freshness = Some(Freshness {
            tolerance,
            timestamp: E::timestamp,
        });
        self
    }
}

impl<T> Clone for Receiver<T> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
            freshness: self.freshness,
            source: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver")
            .field("verifier", &self.inner.verifier)
            .field("body_limit", &self.inner.body_limit)
            .field("freshness", &self.freshness())
            .field("hook", &self.inner.hook.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

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
        assert_eq!(
            receiver.verify_at(request.headers(), request.body()),
            Ok(Some(fixed()))
        );
    }

    #[test]
    fn body_only_schemes_read_no_clock() {
        fn unreadable() -> Timestamp {
            panic!("the clock was read")
        }
        let body = b"{}";
        let signature = Platform::CORTEX.signer("s").unwrap().sign(body).unwrap();
        let value = signature.to_value(crate::Encoding::Sha256Hex).to_string();
        let receiver =
            Receiver::<()>::new(Platform::CORTEX.verifier("s").unwrap()).with_clock(unreadable);
        let headers = [("X-Cortex-Signature", value.as_str())];
        assert_eq!(receiver.verify_at(&headers, body), Ok(None));
    }

    const STARTED: &[u8] = br#"{"event":"scan.started","id":"evt_1","timestamp":"2023-11-14T22:13:20Z","data":{"scan_id":"s"}}"#;

    #[test]
    fn freshness_is_off_by_default_and_judged_by_the_clock_when_set() {
        let receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier("s").unwrap());
        assert_eq!(receiver.freshness(), None);
        // Years old by the system clock, and accepted: no window is set.
        assert!(receiver.decode(STARTED).is_ok());

        let window = Tolerance::new(Duration::from_secs(60)).unwrap();
        let checked = receiver.with_freshness(window).with_clock(fixed);
        assert_eq!(checked.freshness(), Some(window));
        assert!(checked.decode(STARTED).is_ok());
        let late = checked
            .clone()
            .with_clock(|| fixed() + Duration::from_secs(61));
        let Err(Rejection::Stale(error)) = late.decode(STARTED) else {
            panic!("a late event passed");
        };
        assert_eq!(
            error,
            window
                .check(fixed(), fixed() + Duration::from_secs(61))
                .unwrap_err()
        );
        // The body is checked first: a bad one is a decode error.
        assert!(matches!(late.decode(b"[]"), Err(Rejection::Decode(_))));
    }

    #[test]
    fn the_hook_sees_each_rejection() {
        static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());
        let receiver = Receiver::<()>::new(Platform::CORTEX.verifier("s").unwrap())
            .with_rejection_hook(|rejection| SEEN.lock().unwrap().push(rejection.to_string()));
        let rejection = receiver.reject(Rejection::TooLarge { limit: 3 });
        assert!(matches!(rejection, Rejection::TooLarge { limit: 3 }));
        assert_eq!(
            *SEEN.lock().unwrap(),
            ["body is larger than the limit of 3 bytes"]
        );
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
