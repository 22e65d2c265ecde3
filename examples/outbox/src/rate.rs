//! The rate limit, shared by every worker through the store.
//!
//! hooksig's [`TokenBucket`](hooksig::delivery::TokenBucket) counts in
//! [`Instant`](std::time::Instant)s, which mean nothing to another process,
//! so workers on several machines cannot share one. The store keeps the
//! same bucket as one number instead: the time at which the bucket is
//! empty again, in wall-clock nanoseconds (a GCRA "theoretical arrival
//! time"). Admitting an event is then a single `UPDATE ... RETURNING`, so
//! two workers can never both take the last token. [`admit`] is that
//! statement's arithmetic, and the tests hold it to `TokenBucket`'s answers.

use std::time::Duration;

use hooksig::delivery::RateLimit;
use jiff::Timestamp;

/// A [`RateLimit`] as the integers the store compares: nanoseconds per
/// token, and how far ahead of `now` the bucket may run before it is empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gcra {
    /// The time one token takes to come back.
    pub interval: i64,
    /// `interval × (burst − 1)`: a full bucket's worth, less the token
    /// being taken.
    pub slack: i64,
}

impl Gcra {
    /// The store's form of `limit`.
    pub fn new(limit: RateLimit) -> Self {
        let interval = nanos(limit.interval());
        let slack = interval.saturating_mul(i64::from(limit.burst().get() - 1));
        Self { interval, slack }
    }
}

/// Admits one event at `now` (nanoseconds) against a bucket empty again at
/// `tat`: the new `tat`, or how long to wait. This is what the store's
/// statement computes.
///
/// # Errors
///
/// The wait, when the bucket is empty.
pub fn admit(tat: i64, now: i64, gcra: Gcra) -> Result<i64, Duration> {
    let start = tat.max(now);
    let ahead = start - now;
    if ahead > gcra.slack {
        return Err(Duration::from_nanos(
            u64::try_from(ahead - gcra.slack).unwrap_or(0),
        ));
    }
    Ok(start.saturating_add(gcra.interval))
}

/// Nanoseconds since the Unix epoch, as the store keeps times.
pub fn epoch_nanos(at: Timestamp) -> i64 {
    i64::try_from(at.as_nanosecond()).unwrap_or(i64::MAX)
}

/// A time kept by the store.
pub fn from_epoch_nanos(nanos: i64) -> Timestamp {
    Timestamp::from_nanosecond(i128::from(nanos)).unwrap_or(Timestamp::MAX)
}

fn nanos(duration: Duration) -> i64 {
    i64::try_from(duration.as_nanos()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU32;
    use std::time::Instant;

    use hooksig::delivery::TokenBucket;

    use super::*;

    /// Arrivals bunched and spread, against limits with round and
    /// unround intervals: the store's arithmetic answers as hooksig's
    /// bucket does, admit for admit and wait for wait.
    #[test]
    fn agrees_with_hooksig_token_bucket() {
        let limits = [
            RateLimit::CORTEX,
            RateLimit::new(NonZeroU32::new(3).unwrap(), Duration::from_secs(1)),
            RateLimit::new(NonZeroU32::MIN, Duration::from_millis(250)),
        ];
        for limit in limits {
            let start = Instant::now();
            let mut bucket = TokenBucket::new(limit);
            let gcra = Gcra::new(limit);
            let mut tat = 0_i64;
            let base = 1_700_000_000_000_000_000_i64;
            let mut offset = 0_u64;
            let mut admitted = 0;
            let mut refused = 0;
            for step in 0..2_000_u64 {
                // Bursts of arrivals with no time between them, then gaps.
                offset += match step % 7 {
                    0 => 0,
                    1..=3 => step * 1_000,
                    _ => 333_333 * (step % 5),
                };
                let now = start + Duration::from_nanos(offset);
                let ours = admit(tat, base + i64::try_from(offset).unwrap(), gcra);
                let theirs = bucket.admit(now);
                match (ours, theirs) {
                    (Ok(next), Ok(())) => {
                        tat = next;
                        admitted += 1;
                    }
                    (Err(wait), Err(limited)) => {
                        assert_eq!(wait, limited.retry_after(), "{limit:?} step {step}");
                        refused += 1;
                    }
                    (ours, theirs) => {
                        panic!("{limit:?} step {step}: store {ours:?}, hooksig {theirs:?}")
                    }
                }
            }
            assert!(
                admitted > 0 && refused > 0,
                "{limit:?}: {admitted} {refused}"
            );
        }
    }

    #[test]
    fn times_round_trip() {
        let at = Timestamp::from_nanosecond(1_700_000_000_123_456_789).unwrap();
        assert_eq!(from_epoch_nanos(epoch_nanos(at)), at);
    }
}
