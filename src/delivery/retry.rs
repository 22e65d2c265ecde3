//! Retry schedules: when the next attempt is due, or that there is none.

use alloc::borrow::Cow;
use core::time::Duration;

use jiff::Timestamp;

use super::{Attempt, Failure, Outcome};

/// When a failed delivery is tried again, as data.
///
/// A schedule lists the wait before each retry, measured from the end of
/// the attempt before it. The presets are what the seed platforms
/// document; see [`DeliveryPolicy`](super::DeliveryPolicy) for the rest of
/// each platform's rules.
///
/// | preset | attempts | waits |
/// |---|---|---|
/// | [`PULSELABS`](Self::PULSELABS) | 3 | 1 s, then 5 s |
/// | [`CORTEX`](Self::CORTEX) | 4 | 10 s, 60 s, 300 s (inferred) |
/// | [`NONE`](Self::NONE) (SPLEXA, Capawesome) | 1 | none |
///
/// ```
/// use std::time::Duration;
/// use hooksig::delivery::{Attempt, Jitter, Next, Outcome, RetrySchedule};
/// use jiff::Timestamp;
///
/// let ended = Timestamp::from_second(1_700_000_000)?;
/// assert_eq!(
///     RetrySchedule::PULSELABS.next(Attempt::FIRST, &Outcome::TimedOut, ended, Jitter::NONE),
///     Next::Retry {
///         attempt: Attempt::new(2).unwrap(),
///         delay: Duration::from_secs(1),
///         at: Timestamp::from_second(1_700_000_001)?,
///     },
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RetrySchedule {
    /// One retry per listed wait, in order; none for an empty list.
    Fixed(Cow<'static, [Duration]>),
    /// Waits that grow by a factor, with jitter.
    Exponential(Exponential),
}

impl RetrySchedule {
    /// No retries: one attempt, then the delivery is finished. SPLEXA
    /// ("does not auto-retry failed deliveries") and Capawesome (failed
    /// deliveries are resent by hand: a [replay](super::DeliveryRecord::replay)).
    pub const NONE: Self = Self::Fixed(Cow::Borrowed(&[]));

    /// PulseLABS: "Attempt 1 — immediately, Attempt 2 — 1 second later,
    /// Attempt 3 — 5 seconds later", then failed. Each wait is read as
    /// counted from the attempt before, so attempt 3 comes 6 s after
    /// attempt 1 ended, plus the time attempt 2 took.
    pub const PULSELABS: Self = Self::Fixed(Cow::Borrowed(&[
        Duration::from_secs(1),
        Duration::from_secs(5),
    ]));

    /// Cortex: "3 retry attempts", after the first. Cortex gives no waits:
    /// 10 s, 60 s and 300 s are this crate's choice, growing so that a
    /// receiver restarting or deploying has minutes to come back.
    pub const CORTEX: Self = Self::Fixed(Cow::Borrowed(&[
        Duration::from_secs(10),
        Duration::from_secs(60),
        Duration::from_secs(300),
    ]));

    /// How many attempts a delivery gets in all, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.retries().saturating_add(1)
    }

    /// How many retries follow a failed first attempt.
    pub fn retries(&self) -> u32 {
        match self {
            Self::Fixed(waits) => u32::try_from(waits.len()).unwrap_or(u32::MAX),
            Self::Exponential(exponential) => exponential.retries,
        }
    }

    /// The wait before `attempt`, counted from the end of the attempt
    /// before it; `None` for the first attempt and for attempts past the
    /// schedule. `jitter` is used by [`Exponential`] schedules only.
    pub fn wait_before(&self, attempt: Attempt, jitter: Jitter) -> Option<Duration> {
        let retry = attempt.retries_before();
        if retry == 0 || retry > self.retries() {
            return None;
        }
        match self {
            Self::Fixed(waits) => waits.get(usize::try_from(retry - 1).ok()?).copied(),
            Self::Exponential(exponential) => Some(exponential.wait(retry, jitter)),
        }
    }

    /// What follows `attempt`, which ended at `ended_at` with `outcome`:
    /// the delivery is delivered, failed for good, or due for another
    /// attempt at a given time.
    ///
    /// `jitter` is a value the caller draws at random for each call; preset
    /// and other fixed schedules ignore it. Pass [`Jitter::NONE`] where
    /// there is none.
    pub fn next(
        &self,
        attempt: Attempt,
        outcome: &Outcome,
        ended_at: Timestamp,
        jitter: Jitter,
    ) -> Next {
        let Some(last) = outcome.failure() else {
            return Next::Delivered { attempts: attempt };
        };
        let retry = attempt
            .next()
            .and_then(|next| Some((next, self.wait_before(next, jitter)?)));
        match retry {
            Some((next, delay)) => Next::Retry {
                attempt: next,
                delay,
                // Only past the year 9999: such a retry is never due.
                at: ended_at.saturating_add(delay).unwrap_or(Timestamp::MAX),
            },
            None => Next::Failed {
                attempts: attempt,
                last,
            },
        }
    }
}

impl Default for RetrySchedule {
    /// [`RetrySchedule::NONE`].
    fn default() -> Self {
        Self::NONE
    }
}

/// What comes after an attempt: the answer of [`RetrySchedule::next`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Next {
    /// Send again: `attempt` is due `delay` after the last one ended, at `at`.
    Retry {
        /// The number of the attempt to make.
        attempt: Attempt,
        /// The wait from the end of the last attempt.
        delay: Duration,
        /// When the attempt is due: the last attempt's end plus `delay`.
        at: Timestamp,
    },
    /// The attempt succeeded; the delivery is finished.
    Delivered {
        /// How many attempts it took.
        attempts: Attempt,
    },
    /// The attempt failed and the schedule has no more: the delivery is
    /// finished as failed.
    Failed {
        /// How many attempts were made.
        attempts: Attempt,
        /// Why the last one failed.
        last: Failure,
    },
}

/// An exponential schedule: the wait before retry `k` (counting from 1) is
/// `initial × multiplier^(k−1)`, at most `max_delay`, then shortened by
/// jitter.
///
/// Jitter spreads retries from many senders apart: a wait is shortened by
/// up to `jitter` percent of itself, by a share the caller's [`Jitter`]
/// value picks, so it never exceeds the un-jittered wait.
///
/// ```
/// use std::time::Duration;
/// use hooksig::delivery::{Attempt, Exponential, Jitter, Percent, RetrySchedule};
///
/// let schedule = RetrySchedule::Exponential(Exponential {
///     initial: Duration::from_secs(2),
///     multiplier: 3,
///     max_delay: Duration::from_secs(60),
///     retries: 4,
///     jitter: Percent::new(50).unwrap(),
/// });
/// let wait = |n, j| schedule.wait_before(Attempt::new(n).unwrap(), Jitter::from_bits(j));
/// assert_eq!(wait(2, 0), Some(Duration::from_secs(2)));
/// assert_eq!(wait(3, 0), Some(Duration::from_secs(6)));
/// assert_eq!(wait(5, 0), Some(Duration::from_secs(54)));
/// // Half the range of the 50 % jitter: 54 s less 25 %.
/// assert_eq!(wait(5, 1 << 31), Some(Duration::from_millis(40_500)));
/// assert_eq!(wait(6, 0), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exponential {
    /// The wait before the first retry. Defaults to 1 second.
    pub initial: Duration,
    /// The factor each wait grows by. Defaults to 2.
    pub multiplier: u32,
    /// The longest wait, before jitter. Defaults to 1 hour.
    pub max_delay: Duration,
    /// How many retries follow a failed first attempt. Defaults to 5.
    pub retries: u32,
    /// How much of a wait jitter may take off. Defaults to 20 %.
    pub jitter: Percent,
}

impl Exponential {
    /// The defaults: 1 s, ×2, at most 1 hour, 5 retries, 20 % jitter.
    pub const DEFAULT: Self = Self {
        initial: Duration::from_secs(1),
        multiplier: 2,
        max_delay: Duration::from_secs(3600),
        retries: 5,
        jitter: Percent(20),
    };

    /// The wait before retry `retry` (1 or more).
    fn wait(&self, retry: u32, jitter: Jitter) -> Duration {
        let cap = self.max_delay.as_nanos();
        let base = u128::from(self.multiplier)
            .checked_pow(retry - 1)
            .and_then(|factor| self.initial.as_nanos().checked_mul(factor))
            .map_or(cap, |wait| wait.min(cap));
        // base < 2^94 and the spread's factor < 2^7, the sample < 2^32: no
        // product here can overflow a u128.
        let spread = base * u128::from(self.jitter.0) / 100;
        let cut = (spread * u128::from(jitter.0)) >> 32;
        from_nanos(base - cut)
    }
}

impl Default for Exponential {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A `Duration` from a count of nanoseconds no larger than a `Duration`
/// holds.
fn from_nanos(nanos: u128) -> Duration {
    const PER_SECOND: u128 = 1_000_000_000;
    let seconds = u64::try_from(nanos / PER_SECOND).unwrap_or(u64::MAX);
    // The remainder is below 10^9 and fits.
    let rest = u32::try_from(nanos % PER_SECOND).unwrap_or(0);
    Duration::new(seconds, rest)
}

/// A whole percentage, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent(u8);

impl Percent {
    /// 0 %.
    pub const ZERO: Self = Self(0);
    /// 100 %.
    pub const HUNDRED: Self = Self(100);

    /// `percent` %, or `None` above 100.
    pub const fn new(percent: u8) -> Option<Self> {
        if percent <= 100 {
            Some(Self(percent))
        } else {
            None
        }
    }

    /// The percentage.
    pub const fn get(self) -> u8 {
        self.0
    }
}

/// A random value the caller draws for one retry decision; the crate has
/// no randomness of its own.
///
/// It picks how much of an [`Exponential`] schedule's jitter range to take
/// off a wait: `bits / 2^32` of it, so uniformly random bits give a
/// uniformly spread wait. [`Jitter::NONE`] takes nothing off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Jitter(u32);

impl Jitter {
    /// No jitter: waits are exactly the schedule's.
    pub const NONE: Self = Self(0);

    /// Jitter from 32 random bits, such as `rand::random::<u32>()`.
    pub const fn from_bits(bits: u32) -> Self {
        Self(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_caps_before_jitter() {
        let exponential = Exponential {
            initial: Duration::from_secs(1),
            multiplier: 10,
            max_delay: Duration::from_secs(100),
            retries: 50,
            jitter: Percent::HUNDRED,
        };
        assert_eq!(exponential.wait(3, Jitter::NONE), Duration::from_secs(100));
        // The factor overflows a u128 long before retry 50: still the cap.
        assert_eq!(exponential.wait(50, Jitter::NONE), Duration::from_secs(100));
        // The largest sample takes off all but 2^-32 of the wait: 100 s / 2^32
        // is 23.3 ns, and the cut is rounded down.
        assert_eq!(
            exponential.wait(50, Jitter::from_bits(u32::MAX)),
            Duration::from_nanos(24)
        );
        assert_eq!(
            exponential.wait(1, Jitter::from_bits(1 << 31)),
            Duration::from_millis(500)
        );
    }

    #[test]
    fn huge_durations_do_not_overflow() {
        let exponential = Exponential {
            initial: Duration::MAX,
            multiplier: u32::MAX,
            max_delay: Duration::MAX,
            retries: u32::MAX,
            jitter: Percent::HUNDRED,
        };
        assert_eq!(exponential.wait(1, Jitter::NONE), Duration::MAX);
        assert_eq!(exponential.wait(u32::MAX, Jitter::NONE), Duration::MAX);
        assert!(
            exponential.wait(2, Jitter::from_bits(u32::MAX)) < Duration::from_secs(5_000_000_000)
        );
        let schedule = RetrySchedule::Exponential(exponential);
        assert_eq!(schedule.max_attempts(), u32::MAX);
        let next = schedule.next(
            Attempt::FIRST,
            &Outcome::TimedOut,
            Timestamp::UNIX_EPOCH,
            Jitter::NONE,
        );
        assert!(
            matches!(next, Next::Retry { at, .. } if at == Timestamp::MAX),
            "{next:?}"
        );
    }

    #[test]
    fn percent_bounds() {
        assert_eq!(Percent::new(100), Some(Percent::HUNDRED));
        assert_eq!(Percent::new(101), None);
    }
}
