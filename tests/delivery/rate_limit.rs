//! The token bucket's exact admit/deny sequences.

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use hooksig::delivery::{DeliveryPolicy, RateLimit, TokenBucket};

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

#[test]
fn cortex_burst_of_100_then_one_per_10ms() {
    let start = Instant::now();
    let mut bucket = DeliveryPolicy::CORTEX.token_bucket().unwrap();
    assert_eq!(bucket.available(start), 100);
    for n in 0..100 {
        assert_eq!(bucket.admit(start), Ok(()), "event {n}");
    }
    assert_eq!(bucket.available(start), 0);
    assert_eq!(bucket.admit(start).unwrap_err().retry_after(), ms(10));
    assert_eq!(
        bucket.admit(start + ms(4)).unwrap_err().retry_after(),
        ms(6)
    );
    assert_eq!(bucket.admit(start + ms(10)), Ok(()));
    assert_eq!(
        bucket.admit(start + ms(10)).unwrap_err().retry_after(),
        ms(10)
    );
    // Paced at the refill rate, every event goes through for a second.
    for step in 2..=100 {
        assert_eq!(bucket.admit(start + ms(10 * step)), Ok(()), "step {step}");
    }
    // Idle for a second, the bucket is full again, and not fuller.
    let later = start + ms(2_000);
    assert_eq!(bucket.available(later), 100);
    for _ in 0..100 {
        assert_eq!(bucket.admit(later), Ok(()));
    }
    assert!(bucket.admit(later).is_err());
}

#[test]
fn small_bucket_exact_sequence() {
    // 3 at once, one back every 100 ms.
    let limit = RateLimit::new(NonZeroU32::new(3).unwrap(), ms(300));
    let mut bucket = TokenBucket::new(limit);
    let start = Instant::now();
    // (milliseconds after start, Ok or the wait a denial announces)
    let sequence: [(u64, Result<(), u64>); 12] = [
        (0, Ok(())),
        (0, Ok(())),
        (0, Ok(())),
        (0, Err(100)),
        (50, Err(50)),
        (100, Ok(())),
        (100, Err(100)),
        (350, Ok(())),
        (350, Ok(())),
        (350, Err(50)),
        (400, Ok(())),
        (400, Err(100)),
    ];
    for (step, (offset, expected)) in sequence.into_iter().enumerate() {
        let got = bucket
            .admit(start + ms(offset))
            .map_err(|denied| denied.retry_after());
        assert_eq!(got, expected.map_err(ms), "step {step} at {offset} ms");
    }
    assert_eq!(bucket.available(start + ms(400)), 0);
    assert_eq!(bucket.available(start + ms(500)), 1);
    assert_eq!(bucket.available(start + ms(10_000)), 3);
}

#[test]
fn only_cortex_documents_a_rate_limit() {
    assert_eq!(DeliveryPolicy::CORTEX.rate_limit, Some(RateLimit::CORTEX));
    for policy in [
        DeliveryPolicy::PULSELABS,
        DeliveryPolicy::SPLEXA,
        DeliveryPolicy::CAPAWESOME,
    ] {
        assert!(policy.token_bucket().is_none());
    }
}
