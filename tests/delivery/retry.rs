//! Retry schedules, preset by preset, attempt by attempt.

use std::time::Duration;

use hooksig::Platform;
use hooksig::delivery::Status;
use hooksig::delivery::{
    Attempt, DeliveryPolicy, Exponential, Failure, Jitter, Next, Outcome, Percent, RetrySchedule,
};
use http::StatusCode;

use super::at;

const FAIL: Outcome = Outcome::Status(Status::INTERNAL_SERVER_ERROR);
const OK: Outcome = Outcome::Status(Status::OK);

fn attempt(n: u32) -> Attempt {
    Attempt::new(n).unwrap()
}

fn retry(n: u32, delay_ms: u64, at_ms: i64) -> Next {
    Next::Retry {
        attempt: attempt(n),
        delay: Duration::from_millis(delay_ms),
        at: at(at_ms),
    }
}

/// Runs `schedule` against an endpoint that answers with `outcomes` in turn,
/// each attempt taking `took_ms` and starting when the last answer said, and
/// returns every answer of `next`.
fn run(schedule: &RetrySchedule, outcomes: &[Outcome], took_ms: i64) -> Vec<Next> {
    let mut answers = Vec::new();
    let mut current = Attempt::FIRST;
    let mut start = 0;
    for outcome in outcomes {
        let ended = at(start + took_ms);
        let next = schedule.next(current, outcome, ended, Jitter::NONE);
        answers.push(next);
        match next {
            Next::Retry {
                attempt, at: due, ..
            } => {
                current = attempt;
                start = due.as_millisecond() - 1_700_000_000_000;
            }
            Next::Delivered { .. } | Next::Failed { .. } => break,
        }
    }
    answers
}

#[test]
fn pulselabs_immediately_then_1s_then_5s_then_failed() {
    let schedule = &DeliveryPolicy::PULSELABS.retry;
    assert_eq!(schedule, &RetrySchedule::PULSELABS);
    assert_eq!(schedule.max_attempts(), 3);
    // Each attempt takes 200 ms; the waits count from its end.
    assert_eq!(
        run(
            schedule,
            &[FAIL, Outcome::TimedOut, Outcome::ConnectionFailed, OK],
            200
        ),
        [
            retry(2, 1_000, 1_200),
            retry(3, 5_000, 6_400),
            Next::Failed {
                attempts: attempt(3),
                last: Failure::ConnectionFailed,
            },
        ]
    );
    assert_eq!(
        run(schedule, &[FAIL, OK], 200),
        [
            retry(2, 1_000, 1_200),
            Next::Delivered {
                attempts: attempt(2)
            }
        ]
    );
    assert_eq!(schedule.wait_before(Attempt::FIRST, Jitter::NONE), None);
    assert_eq!(
        schedule.wait_before(attempt(2), Jitter::NONE),
        Some(Duration::from_secs(1))
    );
    assert_eq!(
        schedule.wait_before(attempt(3), Jitter::NONE),
        Some(Duration::from_secs(5))
    );
    assert_eq!(schedule.wait_before(attempt(4), Jitter::NONE), None);
}

#[test]
fn cortex_three_retries_then_failed() {
    let schedule = &DeliveryPolicy::CORTEX.retry;
    assert_eq!(schedule.max_attempts(), 4);
    assert_eq!(
        run(schedule, &[FAIL, FAIL, FAIL, Outcome::TimedOut], 0),
        [
            retry(2, 10_000, 10_000),
            retry(3, 60_000, 70_000),
            retry(4, 300_000, 370_000),
            Next::Failed {
                attempts: attempt(4),
                last: Failure::TimedOut,
            },
        ]
    );
    assert_eq!(
        run(schedule, &[FAIL, FAIL, FAIL, OK], 0).last(),
        Some(&Next::Delivered {
            attempts: attempt(4)
        })
    );
}

#[test]
fn splexa_and_capawesome_try_once() {
    for policy in [DeliveryPolicy::SPLEXA, DeliveryPolicy::CAPAWESOME] {
        assert_eq!(policy.retry, RetrySchedule::NONE);
        assert_eq!(policy.retry.max_attempts(), 1);
        assert_eq!(
            run(&policy.retry, &[FAIL], 0),
            [Next::Failed {
                attempts: Attempt::FIRST,
                last: Failure::Status(Status::INTERNAL_SERVER_ERROR),
            }]
        );
        assert_eq!(
            run(&policy.retry, &[Outcome::Status(Status::NO_CONTENT)], 0),
            [Next::Delivered {
                attempts: Attempt::FIRST
            }]
        );
    }
}

#[test]
fn every_failure_kind_is_retried_and_every_2xx_delivers() {
    let schedule = RetrySchedule::PULSELABS;
    let failures = [
        Outcome::Status(StatusCode::MOVED_PERMANENTLY.into()),
        Outcome::Status(StatusCode::NOT_FOUND.into()),
        Outcome::Status(Status::SERVICE_UNAVAILABLE),
        Outcome::TimedOut,
        Outcome::ConnectionFailed,
    ];
    for outcome in failures {
        assert!(
            matches!(
                schedule.next(Attempt::FIRST, &outcome, at(0), Jitter::NONE),
                Next::Retry { .. }
            ),
            "{outcome:?}"
        );
    }
    for code in [200, 201, 202, 204, 299] {
        let outcome = Outcome::Status(Status::new(code).unwrap());
        assert_eq!(
            schedule.next(Attempt::FIRST, &outcome, at(0), Jitter::NONE),
            Next::Delivered {
                attempts: Attempt::FIRST
            }
        );
    }
}

#[test]
fn timeouts_per_platform() {
    let timeouts = [
        (Platform::PULSELABS, 10),
        (Platform::SPLEXA, 8),
        (Platform::CORTEX, 5),
        (Platform::CAPAWESOME, 10),
    ];
    for (platform, seconds) in timeouts {
        let policy = DeliveryPolicy::for_platform(platform).unwrap();
        assert_eq!(
            policy.timeout,
            Duration::from_secs(seconds),
            "{}",
            platform.name()
        );
        // A 200 exactly at the limit is in time; a millisecond later is not.
        assert_eq!(policy.outcome(StatusCode::OK, policy.timeout), OK);
        assert_eq!(
            policy.outcome(StatusCode::OK, policy.timeout + Duration::from_millis(1)),
            Outcome::TimedOut
        );
    }
}

#[test]
fn exponential_with_caller_jitter_step_by_step() {
    let schedule = RetrySchedule::Exponential(Exponential {
        initial: Duration::from_millis(500),
        multiplier: 4,
        max_delay: Duration::from_secs(20),
        retries: 4,
        jitter: Percent::new(40).unwrap(),
    });
    assert_eq!(schedule.max_attempts(), 5);
    // Waits before jitter: 0.5 s, 2 s, 8 s, then 32 s capped to 20 s.
    // Jitter of 1/4 of the range takes off 10 % (a quarter of 40 %); 3/4
    // takes off 30 %.
    let quarter = Jitter::from_bits(1 << 30);
    let three_quarters = Jitter::from_bits(3 << 30);
    let steps = [
        (2, Jitter::NONE, 500),
        (3, quarter, 1_800),
        (4, three_quarters, 5_600),
        (5, Jitter::NONE, 20_000),
        (5, quarter, 18_000),
    ];
    for (number, jitter, expected_ms) in steps {
        assert_eq!(
            schedule.wait_before(attempt(number), jitter),
            Some(Duration::from_millis(expected_ms)),
            "attempt {number}"
        );
    }
    assert_eq!(
        schedule.next(attempt(3), &FAIL, at(1_000), quarter),
        retry(4, 7_200, 8_200)
    );
    assert_eq!(
        schedule.next(attempt(5), &FAIL, at(0), quarter),
        Next::Failed {
            attempts: attempt(5),
            last: Failure::Status(Status::INTERNAL_SERVER_ERROR),
        }
    );
}

#[test]
fn fixed_schedules_ignore_jitter() {
    let schedule = RetrySchedule::Fixed(vec![Duration::from_secs(3)].into());
    assert_eq!(
        schedule.next(Attempt::FIRST, &FAIL, at(0), Jitter::from_bits(u32::MAX)),
        retry(2, 3_000, 3_000)
    );
}
