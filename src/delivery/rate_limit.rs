//! Rate limits: a token bucket driven by the caller's time.

use core::{num::NonZeroU32, time::Duration};
#[cfg(feature = "std")]
use std::time::Instant;

/// How many events may go out in a burst, and how fast that allowance comes
/// back: `burst` events at once, refilled evenly over `per`.
///
/// Cortex documents "100 events/second burst": [`RateLimit::CORTEX`].
///
/// ```
/// use std::time::Duration;
/// use hooksig::delivery::RateLimit;
///
/// assert_eq!(RateLimit::CORTEX.burst().get(), 100);
/// assert_eq!(RateLimit::CORTEX.interval(), Duration::from_millis(10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit {
    burst: NonZeroU32,
    per: Duration,
}

impl RateLimit {
    /// Cortex: 100 events at once, and 100 a second after that.
    pub const CORTEX: Self = Self {
        burst: match NonZeroU32::new(100) {
            Some(burst) => burst,
            None => NonZeroU32::MIN,
        },
        per: Duration::from_secs(1),
    };

    /// `burst` events at once, refilled at `burst` per `per`. A `per` of
    /// zero refills at once: every event is admitted.
    pub const fn new(burst: NonZeroU32, per: Duration) -> Self {
        Self { burst, per }
    }

    /// The most events admitted at once.
    pub const fn burst(&self) -> NonZeroU32 {
        self.burst
    }

    /// The time over which a full burst is refilled.
    pub const fn per(&self) -> Duration {
        self.per
    }

    /// The time one event's allowance takes to come back: `per / burst`,
    /// rounded down to the nanosecond.
    pub const fn interval(&self) -> Duration {
        match self.per.checked_div(self.burst.get()) {
            Some(interval) => interval,
            None => Duration::ZERO,
        }
    }
}

/// A token bucket for a sender, pure: it reads no clock, and every call
/// takes the caller's `now`.
///
/// It starts full, with [`RateLimit::burst`] tokens; each admitted event
/// takes one, and one comes back every [`RateLimit::interval`]. Its state is
/// kept in time rather than in fractional tokens (the generic cell rate
/// algorithm), so the same instants always give the same answers.
///
/// The caller's time is a [`Duration`] since an origin of the caller's
/// choice, the same for every call on one bucket ([`TokenBucket::admit_at`],
/// [`TokenBucket::available_at`]): this works without std, and on
/// `wasm32-unknown-unknown`, where `Instant::now` panics (pass
/// `performance.now()` or `Date.now()` as milliseconds). With the `std`
/// feature, [`TokenBucket::admit`] and [`TokenBucket::available`] take a
/// [`std::time::Instant`] instead, as in `quinn-proto`, counted from the
/// first instant the bucket sees; use one kind of time per bucket. Pass a
/// monotonic clock, so that a wall-clock step cannot refill the bucket or
/// empty it. A time earlier than one already seen counts as that one.
///
/// ```
/// use std::time::{Duration, Instant};
/// use hooksig::delivery::{RateLimit, TokenBucket};
///
/// let start = Instant::now(); // the caller's clock, not the crate's
/// let mut bucket = TokenBucket::new(RateLimit::CORTEX);
/// for _ in 0..100 {
///     assert!(bucket.admit(start).is_ok());
/// }
/// let denied = bucket.admit(start).unwrap_err();
/// assert_eq!(denied.retry_after(), Duration::from_millis(10));
/// assert!(bucket.admit(start + Duration::from_millis(10)).is_ok());
///
/// // Without std: milliseconds since any origin, here the page's load.
/// let mut bucket = TokenBucket::new(RateLimit::CORTEX);
/// let now = Duration::from_millis(1_250);
/// assert_eq!(bucket.available_at(now), 100);
/// assert!(bucket.admit_at(now).is_ok());
/// assert_eq!(bucket.available_at(now), 99);
/// ```
#[derive(Debug, Clone)]
pub struct TokenBucket {
    limit: RateLimit,
    interval: Duration,
    /// How far behind the bucket may fall before it is empty:
    /// `interval × (burst − 1)`.
    slack: Duration,
    /// The allowance used and not yet refilled, as time, as of `last`.
    used: Duration,
    /// The latest time seen, since the caller's origin.
    last: Option<Duration>,
    /// The first `Instant` seen: the origin of the times `admit` converts.
    #[cfg(feature = "std")]
    origin: Option<Instant>,
}

impl TokenBucket {
    /// A full bucket for `limit`.
    pub fn new(limit: RateLimit) -> Self {
        let interval = limit.interval();
        Self {
            limit,
            interval,
            slack: interval
                .checked_mul(limit.burst.get() - 1)
                .unwrap_or(Duration::MAX),
            used: Duration::ZERO,
            last: None,
            #[cfg(feature = "std")]
            origin: None,
        }
    }

    /// The limit this bucket enforces.
    pub const fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Takes a token for one event at `now`, a monotonic clock's instant.
    ///
    /// # Errors
    ///
    /// [`RateLimited`] when the bucket is empty, with how long until a
    /// token is back. A denied event takes nothing.
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn admit(&mut self, now: Instant) -> Result<(), RateLimited> {
        let origin = *self.origin.get_or_insert(now);
        self.admit_at(now.saturating_duration_since(origin))
    }

    /// How many events would be admitted at `now`, a monotonic clock's
    /// instant, one after the other.
    #[cfg(feature = "std")]
    #[cfg_attr(docsrs, doc(cfg(feature = "std")))]
    pub fn available(&self, now: Instant) -> u32 {
        // Before the first instant there is no origin, and nothing used.
        let since = self.origin.map_or(Duration::ZERO, |origin| {
            now.saturating_duration_since(origin)
        });
        self.available_at(since)
    }

    /// Takes a token for one event at `now`, a [`Duration`] since the
    /// caller's origin.
    ///
    /// # Errors
    ///
    /// [`RateLimited`] when the bucket is empty, with how long until a
    /// token is back. A denied event takes nothing.
    pub fn admit_at(&mut self, now: Duration) -> Result<(), RateLimited> {
        let used = self.refill(now);
        if used > self.slack {
            return Err(RateLimited {
                retry_after: used - self.slack,
            });
        }
        self.used = used.saturating_add(self.interval);
        Ok(())
    }

    /// How many events would be admitted at `now`, a [`Duration`] since
    /// the caller's origin, one after the other.
    pub fn available_at(&self, now: Duration) -> u32 {
        let used = self.used.saturating_sub(self.elapsed(now));
        let interval = self.interval.as_nanos();
        if interval == 0 {
            return self.limit.burst.get();
        }
        let free = (self.slack.as_nanos() + interval).saturating_sub(used.as_nanos());
        u32::try_from(free / interval).unwrap_or(u32::MAX)
    }

    /// Moves the bucket to `now`: the allowance refilled since the last
    /// call is taken off what is used.
    fn refill(&mut self, now: Duration) -> Duration {
        let used = self.used.saturating_sub(self.elapsed(now));
        self.used = used;
        self.last = Some(self.last.map_or(now, |last| last.max(now)));
        used
    }

    fn elapsed(&self, now: Duration) -> Duration {
        self.last
            .map_or(Duration::ZERO, |last| now.saturating_sub(last))
    }
}

/// The rate limit is reached: the event was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("rate limit reached: the next event is admitted in {retry_after:?}")]
pub struct RateLimited {
    retry_after: Duration,
}

impl RateLimited {
    /// How long until a token is back, from the `now` that was refused.
    pub const fn retry_after(&self) -> Duration {
        self.retry_after
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_period_admits_everything() {
        let mut bucket = TokenBucket::new(RateLimit::new(NonZeroU32::MIN, Duration::ZERO));
        let now = Instant::now();
        for _ in 0..1000 {
            assert_eq!(bucket.admit(now), Ok(()));
        }
        assert_eq!(bucket.available(now), 1);
    }

    #[test]
    fn earlier_instants_do_not_refill() {
        let start = Instant::now();
        let later = start + Duration::from_secs(5);
        let mut bucket = TokenBucket::new(RateLimit::new(NonZeroU32::MIN, Duration::from_secs(1)));
        assert_eq!(bucket.admit(later), Ok(()));
        let denied = bucket.admit(start).unwrap_err();
        assert_eq!(denied.retry_after(), Duration::from_secs(1));
        assert_eq!(
            denied.to_string(),
            "rate limit reached: the next event is admitted in 1s"
        );
    }

    #[test]
    fn durations_and_instants_give_the_same_answers() {
        let limit = RateLimit::new(NonZeroU32::new(3).unwrap(), Duration::from_secs(3));
        let start = Instant::now();
        let mut by_instant = TokenBucket::new(limit);
        // A far origin: only differences between the times matter.
        let origin = Duration::from_secs(86_400);
        let mut by_duration = TokenBucket::new(limit);
        for millis in [0, 0, 0, 0, 400, 1_000, 1_000, 2_500, 2_000, 9_000] {
            let step = Duration::from_millis(millis);
            assert_eq!(
                by_instant.available(start + step),
                by_duration.available_at(origin + step),
                "{millis}"
            );
            assert_eq!(
                by_instant.admit(start + step),
                by_duration.admit_at(origin + step),
                "{millis}"
            );
        }
    }
}
