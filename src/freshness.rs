//! Freshness: whether a timestamp a sender signed or sent is recent enough,
//! judged against a `now` the caller passes in.

use core::{fmt, time::Duration};

use jiff::Timestamp;

/// How far a timestamp may lie from `now`, in either direction, and still be
/// accepted. Defaults to 5 minutes, the window Stripe and Standard Webhooks
/// use.
///
/// The crate never reads the clock: every check takes `now` from the caller.
///
/// ```
/// use std::time::Duration;
/// use hooksig::{FreshnessError, Tolerance};
/// use jiff::Timestamp;
///
/// let now = Timestamp::from_second(1_700_000_300)?;
/// let tolerance = Tolerance::default();
/// assert_eq!(tolerance.duration(), Duration::from_secs(300));
///
/// // Exactly at the tolerance passes; one second past does not.
/// assert!(tolerance.check(Timestamp::from_second(1_700_000_000)?, now).is_ok());
/// assert!(matches!(
///     tolerance.check(Timestamp::from_second(1_699_999_999)?, now),
///     Err(FreshnessError::TooOld { .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tolerance(Duration);

impl Tolerance {
    /// The default: 300 seconds.
    pub const DEFAULT: Self = Self(Duration::from_secs(300));

    /// The widest tolerance outside [`dangerous`](crate::dangerous): one day.
    /// A window that wide already accepts a captured request for a day;
    /// anything wider is a way of turning the check off, and says so.
    pub const MAX: Self = Self(Duration::from_secs(24 * 60 * 60));

    /// A tolerance of `duration` each way.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksig::Tolerance;
    ///
    /// assert!(Tolerance::new(Duration::from_secs(600)).is_ok());
    /// assert!(Tolerance::new(Duration::MAX).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`ToleranceError`] when `duration` is wider than [`Tolerance::MAX`];
    /// [`dangerous::unbounded_tolerance`](crate::dangerous::unbounded_tolerance)
    /// builds one anyway.
    pub const fn new(duration: Duration) -> Result<Self, ToleranceError> {
        if duration.as_secs() > Self::MAX.0.as_secs()
            || (duration.as_secs() == Self::MAX.0.as_secs() && duration.subsec_nanos() > 0)
        {
            return Err(ToleranceError {
                requested: duration,
            });
        }
        Ok(Self(duration))
    }

    /// Any tolerance, however wide: for [`dangerous`](crate::dangerous).
    pub(crate) const fn unbounded(duration: Duration) -> Self {
        Self(duration)
    }

    /// The tolerance each way.
    pub const fn duration(self) -> Duration {
        self.0
    }

    /// Whether `timestamp` lies within the tolerance of `now`. A timestamp
    /// exactly at the tolerance passes.
    ///
    /// # Errors
    ///
    /// [`FreshnessError::TooOld`] when `timestamp` is further than the
    /// tolerance before `now`, [`FreshnessError::InFuture`] when further
    /// after.
    pub fn check(self, timestamp: Timestamp, now: Timestamp) -> Result<(), FreshnessError> {
        // Whole nanoseconds as integers: cheaper than jiff's duration
        // arithmetic, exact, and no overflow (both spans fit an i128).
        let age = now.as_nanosecond() - timestamp.as_nanosecond();
        let limit = i128::try_from(self.0.as_nanos()).unwrap_or(i128::MAX);
        if age > limit {
            Err(FreshnessError::TooOld {
                timestamp,
                now,
                tolerance: self,
            })
        } else if age < -limit {
            Err(FreshnessError::InFuture {
                timestamp,
                now,
                tolerance: self,
            })
        } else {
            Ok(())
        }
    }
}

impl Tolerance {
    /// Whether `timestamp` is no further than the tolerance before `now`;
    /// any time after `now` passes. For the schemes whose vendor refuses
    /// only old timestamps (Stripe).
    ///
    /// # Errors
    ///
    /// [`FreshnessError::TooOld`] when `timestamp` is further than the
    /// tolerance before `now`.
    pub fn check_age(self, timestamp: Timestamp, now: Timestamp) -> Result<(), FreshnessError> {
        match self.check(timestamp, now) {
            Err(FreshnessError::InFuture { .. }) => Ok(()),
            other => other,
        }
    }
}

impl Default for Tolerance {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<Duration> for Tolerance {
    type Error = ToleranceError;

    fn try_from(duration: Duration) -> Result<Self, Self::Error> {
        Self::new(duration)
    }
}

/// A tolerance wider than [`Tolerance::MAX`] was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "a tolerance of {requested:?} is wider than the maximum of one day: it would accept replays for longer"
)]
pub struct ToleranceError {
    /// The duration asked for.
    pub requested: Duration,
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.as_secs();
        match self.0.subsec_nanos() {
            0 => write!(f, "{secs} s"),
            _ => write!(f, "{:?}", self.0),
        }
    }
}

/// Why a timestamp is not fresh. Both variants carry the timestamp, the
/// `now` it was judged against and the tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FreshnessError {
    /// The timestamp is older than the tolerance allows: possibly a replay.
    #[error("timestamp {timestamp} is more than {tolerance} before now ({now})")]
    TooOld {
        /// The timestamp that was checked.
        timestamp: Timestamp,
        /// The caller's `now`.
        now: Timestamp,
        /// The tolerance it exceeded.
        tolerance: Tolerance,
    },
    /// The timestamp is further in the future than the tolerance allows: a
    /// wrong clock, or a signature made to be replayed later.
    #[error("timestamp {timestamp} is more than {tolerance} after now ({now})")]
    InFuture {
        /// The timestamp that was checked.
        timestamp: Timestamp,
        /// The caller's `now`.
        now: Timestamp,
        /// The tolerance it exceeded.
        tolerance: Tolerance,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).unwrap()
    }

    #[test]
    fn edges_both_ways() {
        let tolerance = Tolerance::new(Duration::from_secs(300)).unwrap();
        let now = at(1_000_000);
        assert_eq!(tolerance.check(at(1_000_000 - 300), now), Ok(()));
        assert_eq!(tolerance.check(at(1_000_000 + 300), now), Ok(()));
        assert!(matches!(
            tolerance.check(at(1_000_000 - 301), now),
            Err(FreshnessError::TooOld { .. })
        ));
        assert!(matches!(
            tolerance.check(at(1_000_000 + 301), now),
            Err(FreshnessError::InFuture { .. })
        ));
    }

    #[test]
    fn sub_second_precision_counts() {
        let tolerance = Tolerance::new(Duration::from_secs(1)).unwrap();
        let now = at(10);
        let just_past = Timestamp::from_millisecond(8_999).unwrap();
        assert!(tolerance.check(just_past, now).is_err());
        assert_eq!(
            tolerance.check(Timestamp::from_millisecond(9_000).unwrap(), now),
            Ok(())
        );
    }

    #[test]
    fn age_alone_lets_the_future_pass() {
        let tolerance = Tolerance::new(Duration::from_secs(300)).unwrap();
        let now = at(1_000_000);
        assert_eq!(tolerance.check_age(at(1_000_000 + 10_000), now), Ok(()));
        assert!(matches!(
            tolerance.check_age(at(1_000_000 - 301), now),
            Err(FreshnessError::TooOld { .. })
        ));
    }

    #[test]
    fn errors_carry_both_times() {
        let error = Tolerance::DEFAULT.check(at(0), at(301)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "timestamp 1970-01-01T00:00:00Z is more than 300 s before now (1970-01-01T00:05:01Z)"
        );
    }

    #[test]
    fn a_huge_tolerance_is_only_for_the_dangerous_module() {
        assert_eq!(
            Tolerance::new(Duration::MAX),
            Err(ToleranceError {
                requested: Duration::MAX
            })
        );
        let day = Duration::from_secs(86_400);
        assert_eq!(Tolerance::new(day), Ok(Tolerance::MAX));
        assert!(Tolerance::new(day + Duration::from_nanos(1)).is_err());
        // Built anyway, it judges without overflow.
        let tolerance = Tolerance::unbounded(Duration::MAX);
        assert_eq!(tolerance.check(Timestamp::MIN, Timestamp::MAX), Ok(()));
    }
}
