//! The outbox on SQLite, with workers in this process and a loopback
//! receiver: retries on schedule, records, auto-disable, replays, test
//! events, the shared rate limit, and stale jobs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use hooksig::delivery::{
    Attempt, DeliveryRecord, EventKind, Health, HealthState, Outcome, RateLimit, RetrySchedule,
};
use hooksig_outbox::outbox::Step;
use hooksig_outbox::rate::{Gcra, admit, epoch_nanos};
use hooksig_outbox::receiver::Behavior;
use hooksig_outbox::store::{Status, Then};
use hooksig_outbox::{Error, Job, Outbox, Store};
use http::StatusCode;
use jiff::Timestamp;

use common::{Loopback, Workers, record, settings, settle, sqlite, unfinished_jobs};

/// How late a retry may arrive: apalis schedules in whole seconds (rounded
/// up, so never early), then a poll interval, then a loaded debug build.
const LATE: Duration = Duration::from_millis(1_500);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_arrive_on_schedule_and_records_match() {
    let settings = settings();
    let (store, _) = sqlite("retries", &settings).await;
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    net.endpoint(&outbox, "flaky", r#"["scan.*"]"#, Behavior::FailFirst(2))
        .await;
    net.endpoint(&outbox, "steady", r#"["*"]"#, Behavior::Accept)
        .await;
    let workers = Workers::start(&outbox, 2);

    let body = br#"{"event":"scan.completed","data":{"scan_id":"s1"}}"#;
    let mut enqueued = Vec::new();
    for _ in 0..2 {
        let ids = outbox
            .enqueue(EventKind::new("scan.completed"), body.to_vec())
            .await
            .unwrap();
        assert!(ids.held.is_empty());
        assert_eq!(ids.pending.len(), 2, "both endpoints want it");
        enqueued.extend(ids.pending);
    }
    let deliveries = settle(outbox.store(), Duration::from_secs(40)).await;
    workers.stop().await;

    assert_eq!(deliveries.len(), 4);
    assert!(deliveries.iter().all(|d| d.status == Status::Delivered));
    let mut flaky_failures = BTreeSet::new();
    for (endpoint, id) in &enqueued {
        let rows = outbox.store().attempts(Some(id.as_str())).await.unwrap();
        let records: Vec<DeliveryRecord> = rows.iter().map(record).collect();
        let answers: Vec<u16> = records
            .iter()
            .map(|r| r.response_status().unwrap().as_u16())
            .collect();
        let expected: &[u16] = if endpoint == "flaky" {
            &[503, 503, 200]
        } else {
            &[200]
        };
        assert_eq!(answers, expected, "{endpoint} {id}");

        // The records are what the receiver got, attempt for attempt.
        let arrivals = net.arrivals_of(id.as_str());
        assert_eq!(
            arrivals.len(),
            records.len(),
            "{id}: one request per record"
        );
        for (number, ((row, record), arrival)) in
            rows.iter().zip(&records).zip(&arrivals).enumerate()
        {
            assert_eq!(record.attempt().get() as usize, number + 1);
            assert_eq!(row.attempt, record.attempt());
            assert_eq!(record.delivery_id(), id);
            assert_eq!(record.request_body(), body);
            assert_eq!(arrival.body, body);
            assert!(arrival.verified, "{id}: hooksig's signature verifies");
            assert_eq!(arrival.event.as_deref(), Some("scan.completed"));
            assert_eq!(
                Some(arrival.status),
                record.response_status().map(|s| s.as_u16())
            );
            assert!(record.replay_of().is_none());
            let ended = record.sent_at().checked_add(record.duration()).unwrap();
            assert!(
                record.sent_at() <= arrival.at && arrival.at <= ended,
                "{id}: arrived at {} outside its attempt {}..{ended}",
                arrival.at,
                record.sent_at()
            );
        }
        // Each retry was due when PulseLABS's schedule says, counted from
        // the end of the attempt before, and arrived then.
        for pair in rows.windows(2) {
            let (before, retry) = (record(&pair[0]), &pair[1]);
            let wait = RetrySchedule::PULSELABS
                .wait_before(retry.attempt, hooksig::delivery::Jitter::NONE)
                .unwrap();
            let due = before
                .sent_at()
                .checked_add(before.duration())
                .unwrap()
                .checked_add(wait)
                .unwrap();
            assert_eq!(retry.due_at, due, "{id} attempt {}", retry.attempt);
            let arrival = arrivals[retry.attempt.get() as usize - 1].at;
            let late = arrival.duration_since(due);
            assert!(
                !late.is_negative() && late.unsigned_abs() <= LATE,
                "{id} attempt {}: due {due}, arrived {arrival} ({late:#})",
                retry.attempt
            );
        }
        if endpoint == "flaky" {
            for row in &rows[..2] {
                assert!(
                    flaky_failures.insert(row.failures_after),
                    "counted once each"
                );
            }
            assert_eq!(rows[2].failures_after, 0);
        }
    }
    // Four failures, each counted once by whichever worker saw it.
    assert_eq!(flaky_failures, BTreeSet::from([1, 2, 3, 4]));
    let health = outbox.health("flaky").await.unwrap();
    assert_eq!(
        (health.state(), health.consecutive_failures()),
        (HealthState::Enabled, 0)
    );
    assert_eq!(unfinished_jobs(outbox.store()).await, vec![]);
    assert!(net.receiver.arrivals().iter().all(|a| a.verified));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disabled_by_the_tenth_failure_in_a_row_and_nothing_lost() {
    let settings = settings();
    let slots = 2 * settings.concurrency;
    let (store, _) = sqlite("disable", &settings).await;
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    net.endpoint(&outbox, "down", r#"["outage.*"]"#, Behavior::Fail)
        .await;
    net.endpoint(&outbox, "up", r#"["*"]"#, Behavior::Accept)
        .await;
    let workers = Workers::start(&outbox, 2);

    let body = br#"{"event":"outage.detected"}"#;
    let mut to_down = Vec::new();
    for _ in 0..6 {
        let enqueued = outbox
            .enqueue(EventKind::new("outage.detected"), body.to_vec())
            .await
            .unwrap();
        to_down.extend(
            enqueued
                .pending
                .into_iter()
                .filter(|(e, _)| e == "down")
                .map(|(_, id)| id),
        );
    }
    assert_eq!(to_down.len(), 6);
    let deliveries = settle(outbox.store(), Duration::from_secs(40)).await;

    let threshold = outbox
        .settings()
        .policy
        .auto_disable
        .threshold()
        .unwrap()
        .get();
    assert_eq!(threshold, 10, "the documented count");
    let attempts: Vec<_> = outbox
        .store()
        .attempts(None)
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.endpoint_id == "down")
        .collect();
    let made = u32::try_from(attempts.len()).unwrap();
    // Every failure counted once: the counts the workers saw are 1, 2, ...
    // with none seen twice and none skipped.
    let mut counts: Vec<u32> = attempts.iter().map(|a| a.failures_after).collect();
    counts.sort_unstable();
    assert_eq!(counts, (1..=made).collect::<Vec<_>>());
    let disabled: Vec<_> = attempts.iter().filter(|a| a.change == "disabled").collect();
    assert_eq!(disabled.len(), 1, "disabled once");
    assert_eq!(disabled[0].failures_after, threshold, "by the 10th failure");
    // Attempts already under way when it was disabled still count; none
    // starts after.
    assert!(
        made >= threshold && made <= threshold + u32::try_from(slots).unwrap(),
        "{made}"
    );
    assert_eq!(
        net.receiver
            .arrivals()
            .iter()
            .filter(|a| a.route == "down")
            .count(),
        attempts.len()
    );
    let health: Health = outbox.health("down").await.unwrap();
    assert_eq!(health.state(), HealthState::AutoDisabled);
    assert_eq!(health.consecutive_failures(), made);

    // Nothing lost: every delivery to the disabled endpoint is held, not
    // dropped; and new events for it are held at once.
    for delivery in deliveries.iter().filter(|d| d.endpoint_id == "down") {
        assert_eq!(delivery.status, Status::Held, "{}", delivery.id);
    }
    let later = outbox
        .enqueue(EventKind::new("outage.resolved"), body.to_vec())
        .await
        .unwrap();
    assert_eq!(later.held.len(), 1);
    assert_eq!(later.held[0].0, "down");
    to_down.push(later.held[0].1.clone());

    // Fixed and re-enabled: the held deliveries go out, once each.
    net.receiver.set_behavior("down", Behavior::Accept);
    assert_eq!(outbox.re_enable("down").await.unwrap(), 7);
    let deliveries = settle(outbox.store(), Duration::from_secs(40)).await;
    workers.stop().await;
    assert!(
        deliveries.iter().all(|d| d.status == Status::Delivered),
        "{deliveries:#?}"
    );
    let processed = net.receiver.processed();
    for id in &to_down {
        assert_eq!(processed.get(id.as_str()), Some(&1), "{id}");
    }
    assert_eq!(processed.len(), deliveries.len());
    let health = outbox.health("down").await.unwrap();
    assert_eq!(
        (health.state(), health.consecutive_failures()),
        (HealthState::Enabled, 0)
    );
    assert_eq!(unfinished_jobs(outbox.store()).await, vec![]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replays_and_test_events_come_from_the_store() {
    let settings = settings();
    let (store, _) = sqlite("replay", &settings).await;
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    net.endpoint(&outbox, "jobs", r#"["job.*"]"#, Behavior::Accept)
        .await;
    let workers = Workers::start(&outbox, 1);

    // Bytes a re-serializer would change: the replay must not.
    let body = b"{\"event\": \"job.finished\",  \"n\":1.50}".to_vec();
    let original = outbox
        .enqueue(EventKind::new("job.finished"), body.clone())
        .await
        .unwrap()
        .pending[0]
        .1
        .clone();
    settle(outbox.store(), Duration::from_secs(20)).await;
    let replay = outbox.replay(original.as_str()).await.unwrap();
    let test = outbox.send_test("jobs", "ping").await.unwrap();
    settle(outbox.store(), Duration::from_secs(20)).await;
    workers.stop().await;

    let replayed = net.arrivals_of(replay.as_str());
    assert_eq!(replayed.len(), 1);
    assert_ne!(replay, original);
    assert_eq!(replayed[0].body, body, "byte for byte");
    assert!(replayed[0].verified);
    assert!(!replayed[0].duplicate, "a fresh id: the receiver takes it");
    let records = outbox.records(replay.as_str()).await.unwrap();
    assert_eq!(records[0].replay_of(), Some(&original));
    assert_eq!(records[0].request_body(), body);

    // The endpoint does not subscribe to webhook.test; a test goes anyway.
    let tested = net.arrivals_of(test.as_str());
    assert_eq!(tested.len(), 1);
    assert_eq!(tested[0].event.as_deref(), Some("webhook.test"));
    let json: serde_json::Value = serde_json::from_slice(&tested[0].body).unwrap();
    assert_eq!(json["event"], "webhook.test");
    assert_eq!(json["data"]["webhookId"], "jobs");
    assert_eq!(json["data"]["message"], "ping");
    assert!(tested[0].verified);

    assert!(matches!(
        outbox.replay("no-such-delivery").await,
        Err(Error::NoRecord { .. })
    ));
    assert!(matches!(
        outbox.send_test("no-such-endpoint", "x").await,
        Err(Error::NoEndpoint { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_is_shared_by_all_workers() {
    let mut settings = settings();
    let limit = RateLimit::new(NonZeroU32::new(2).unwrap(), Duration::from_millis(1_000));
    settings.policy.rate_limit = Some(limit);
    let (store, _) = sqlite("rate", &settings).await;
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    net.endpoint(&outbox, "a", r#"["*"]"#, Behavior::Accept)
        .await;
    net.endpoint(&outbox, "b", r#"["*"]"#, Behavior::Accept)
        .await;
    let workers = Workers::start(&outbox, 3);
    for _ in 0..4 {
        outbox
            .enqueue(EventKind::new("tick"), b"{}".to_vec())
            .await
            .unwrap();
    }
    let deliveries = settle(outbox.store(), Duration::from_secs(40)).await;
    workers.stop().await;
    assert_eq!(deliveries.len(), 8);
    assert!(deliveries.iter().all(|d| d.status == Status::Delivered));
    assert!(
        deliveries.iter().any(|d| d.ticket > 1),
        "some attempts waited for a token, as jobs of their own"
    );

    // At most a burst of 2, then one per 500 ms, across three workers:
    // the k-th request comes at least (k - 1) × 500 ms after the first.
    let mut times: Vec<Timestamp> = net.receiver.arrivals().iter().map(|a| a.at).collect();
    times.sort();
    assert_eq!(times.len(), 8);
    let interval = limit.interval();
    for (i, early) in times.iter().enumerate() {
        for (j, late) in times.iter().enumerate().skip(i + 1) {
            let allowed = interval * u32::try_from(j - i - 1).unwrap();
            let gap = late.duration_since(*early).unsigned_abs();
            // Arrival is admission plus a few milliseconds of loopback.
            assert!(
                gap + Duration::from_millis(100) >= allowed,
                "requests {i} and {j} {gap:?} apart, at least {allowed:?} needed"
            );
        }
    }
}

#[tokio::test]
async fn the_stores_rate_statement_is_the_gcra() {
    let settings = settings();
    let (store, _) = sqlite("gcra", &settings).await;
    let limit = RateLimit::new(NonZeroU32::new(3).unwrap(), Duration::from_millis(900));
    let gcra = Gcra::new(limit);
    let start = Timestamp::from_second(1_800_000_000).unwrap();
    let mut tat = 0_i64;
    let (mut admitted, mut refused) = (0, 0);
    for step in 0_i64..60 {
        let now = start
            .checked_add(Duration::from_millis(
                u64::try_from(step * step % 97 + step * 40).unwrap(),
            ))
            .unwrap();
        let expected = admit(tat, epoch_nanos(now), gcra);
        let got = store.admit("acct", gcra, now).await.unwrap();
        match expected {
            Ok(next) => {
                assert_eq!(got, Ok(()), "step {step}");
                tat = next;
                admitted += 1;
            }
            Err(wait) => {
                assert_eq!(got, Err(wait), "step {step}");
                refused += 1;
            }
        }
    }
    assert!(admitted > 3 && refused > 3, "{admitted} {refused}");
}

#[tokio::test]
async fn only_the_newest_job_of_a_delivery_acts() {
    let settings = settings();
    let (store, _) = sqlite("stale", &settings).await;
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    net.endpoint(&outbox, "x", r#"["*"]"#, Behavior::Accept)
        .await;
    let id = outbox
        .enqueue(EventKind::new("e"), b"{}".to_vec())
        .await
        .unwrap()
        .pending[0]
        .1
        .clone();
    // No worker runs: the job is run here by hand, as a worker would, and
    // then run again as after a crash before the engine heard it was done.
    let job = Job {
        delivery: id.clone(),
        attempt: Attempt::FIRST,
        ticket: 1,
    };
    assert_eq!(
        outbox.deliver(&job, "by-hand").await.unwrap(),
        Step::Attempted(Then::Delivered)
    );
    assert_eq!(outbox.deliver(&job, "by-hand").await.unwrap(), Step::Stale);
    let older = Job {
        ticket: 0,
        ..job.clone()
    };
    assert_eq!(
        outbox.deliver(&older, "by-hand").await.unwrap(),
        Step::Stale
    );
    assert_eq!(net.arrivals_of(id.as_str()).len(), 1, "sent once");
    let records = outbox.records(id.as_str()).await.unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].outcome(), Outcome::Status(StatusCode::OK.into()));
    let stored = outbox.store().delivery(id.as_str()).await.unwrap().unwrap();
    assert_eq!(stored.status, Status::Delivered);
    assert_eq!(stored.next_attempt, Attempt::FIRST);
}

#[tokio::test]
async fn what_hooksig_cannot_send_is_refused_before_it_is_stored() {
    let settings = settings();
    let (store, _) = sqlite("refused", &settings).await;
    let outbox = Outbox::new(store, settings).unwrap();
    let net = Loopback::start(outbox.settings()).await;
    net.endpoint(&outbox, "x", r#"["*"]"#, Behavior::Accept)
        .await;

    // PulseLABS requires a secret.
    let unsigned: hooksig::delivery::Endpoint =
        serde_json::from_str(r#"{"url":"http://127.0.0.1:9/hooks","events":["*"]}"#).unwrap();
    assert!(matches!(
        outbox.add_endpoint("unsigned", &unsigned).await,
        Err(Error::Request { .. })
    ));
    assert!(outbox.store().endpoint("unsigned").await.unwrap().is_none());

    // An event name no header can carry.
    assert!(matches!(
        outbox
            .enqueue(EventKind::new("scan\r\ncompleted"), b"{}".to_vec())
            .await,
        Err(Error::Request { .. })
    ));
    assert_eq!(outbox.store().deliveries().await.unwrap(), vec![]);
    assert_eq!(outbox.store().backlog().await.unwrap(), vec![]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_answer_is_a_timeout_by_the_policy() {
    let mut settings = settings();
    settings.policy.timeout = Duration::from_millis(300);
    settings.policy.retry = RetrySchedule::NONE;
    let (store, _) = sqlite("timeout", &settings).await;
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    net.endpoint(
        &outbox,
        "slow",
        r#"["*"]"#,
        Behavior::Slow(Duration::from_secs(2)),
    )
    .await;
    let workers = Workers::start(&outbox, 1);
    let id = outbox
        .enqueue(EventKind::new("e"), b"{}".to_vec())
        .await
        .unwrap()
        .pending[0]
        .1
        .clone();
    let deliveries = settle(outbox.store(), Duration::from_secs(20)).await;
    workers.stop().await;
    assert_eq!(
        deliveries[0].status,
        Status::Failed,
        "no retries in this policy"
    );
    let records = outbox.records(id.as_str()).await.unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].outcome(), Outcome::TimedOut);
    assert!(records[0].response_body().is_none());
    let took = records[0].duration();
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_secs(2),
        "{took:?}: cut off at the policy's 300 ms"
    );
}
