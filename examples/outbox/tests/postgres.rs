//! The outbox on Postgres with several worker processes on one queue: a
//! thousand deliveries to five endpoints, one of them failing throughout.
//!
//! Needs a server: `run-tests.sh` starts a throwaway one and sets
//! `OUTBOX_POSTGRES_URL`; each test makes a database of its own on it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeSet;
use std::num::NonZeroU32;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use hooksig::delivery::{EventKind, HealthState, RateLimit};
use hooksig_outbox::rate::{Gcra, admit, epoch_nanos};
use hooksig_outbox::receiver::Behavior;
use hooksig_outbox::store::Status;
use hooksig_outbox::{Outbox, PostgresStore, Store};
use jiff::Timestamp;

use common::{Loopback, settings, settle, unfinished_jobs};

const WORKERS: usize = 3;
const CONCURRENCY: usize = 8;

/// A new, empty database on the test server; its URL.
async fn database(name: &str) -> String {
    let admin = std::env::var("OUTBOX_POSTGRES_URL")
        .expect("OUTBOX_POSTGRES_URL: run these through run-tests.sh, which starts a server");
    let database = format!(
        "outbox_{name}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let pool = sqlx::PgPool::connect(&admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {database}")))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let (server, _) = admin.rsplit_once('/').unwrap();
    format!("{server}/{database}")
}

fn worker(url: &str, name: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hooksig-outbox"))
        .args(["worker", "--db", url, "--name", name])
        .args(["--heartbeat", "1", "--poll", "25"])
        .args(["--concurrency", &CONCURRENCY.to_string(), "--batch", "8"])
        .arg("--until-stdin-closes")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Postgres server: run-tests.sh starts one"]
async fn a_thousand_deliveries_through_several_worker_processes() {
    let url = database("many").await;
    let settings = settings();
    let store = PostgresStore::open(&url, &settings.queue, 8).await.unwrap();
    store.setup().await.unwrap();
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    let healthy = ["e0", "e1", "e2", "e3"];
    for id in healthy {
        net.endpoint(&outbox, id, r#"["*"]"#, Behavior::Accept)
            .await;
    }
    net.endpoint(&outbox, "broken", r#"["*"]"#, Behavior::Fail)
        .await;

    let mut ids = Vec::new();
    let mut to_broken = Vec::new();
    for n in 0..200 {
        let body = format!(r#"{{"event":"invoice.paid","data":{{"n":{n}}}}}"#);
        let enqueued = outbox
            .enqueue(EventKind::new("invoice.paid"), body)
            .await
            .unwrap();
        for (endpoint, id) in enqueued.pending.into_iter().chain(enqueued.held) {
            if endpoint == "broken" {
                to_broken.push(id.clone());
            }
            ids.push(id);
        }
    }
    assert_eq!(ids.len(), 1_000);

    let started = Instant::now();
    let mut workers: Vec<Child> = (0..WORKERS)
        .map(|index| worker(&url, &format!("pg-{}-{index}", std::process::id())))
        .collect();
    let deliveries = settle(outbox.store(), Duration::from_secs(180)).await;
    eprintln!(
        "1000 deliveries settled in {:?} by {WORKERS} worker processes",
        started.elapsed()
    );

    // The healthy endpoints got everything, once each after dedupe.
    let processed = net.receiver.processed();
    for delivery in &deliveries {
        if delivery.endpoint_id == "broken" {
            assert_eq!(delivery.status, Status::Held, "{}", delivery.id);
        } else {
            assert_eq!(delivery.status, Status::Delivered, "{}", delivery.id);
            assert_eq!(processed.get(&delivery.id), Some(&1), "{}", delivery.id);
        }
    }
    assert_eq!(deliveries.len(), 1_000, "none lost");

    // The broken endpoint's failures were counted once each across all the
    // workers, and it was disabled by exactly the 10th.
    let attempts = outbox.store().attempts(None).await.unwrap();
    let broken: Vec<_> = attempts
        .iter()
        .filter(|a| a.endpoint_id == "broken")
        .collect();
    let made = u32::try_from(broken.len()).unwrap();
    let mut counts: Vec<u32> = broken.iter().map(|a| a.failures_after).collect();
    counts.sort_unstable();
    assert_eq!(
        counts,
        (1..=made).collect::<Vec<_>>(),
        "no count lost or doubled"
    );
    let disabled: Vec<_> = broken.iter().filter(|a| a.change == "disabled").collect();
    assert_eq!(disabled.len(), 1);
    assert_eq!(disabled[0].failures_after, 10);
    let slots = u32::try_from(WORKERS * CONCURRENCY).unwrap();
    assert!((10..=10 + slots).contains(&made), "{made} attempts");
    let health = outbox.health("broken").await.unwrap();
    assert_eq!(health.state(), HealthState::AutoDisabled);
    assert_eq!(health.consecutive_failures(), made);
    let by: BTreeSet<&str> = attempts.iter().map(|a| a.worker.as_str()).collect();
    assert!(by.len() >= 2, "the work was shared: {by:?}");

    // Fixed and re-enabled: its 200 held deliveries go out.
    net.receiver.set_behavior("broken", Behavior::Accept);
    assert_eq!(outbox.re_enable("broken").await.unwrap(), 200);
    let deliveries = settle(outbox.store(), Duration::from_secs(120)).await;
    for child in &mut workers {
        drop(child.stdin.take());
    }
    for mut child in workers {
        assert!(child.wait().unwrap().success());
    }
    assert!(deliveries.iter().all(|d| d.status == Status::Delivered));
    let processed = net.receiver.processed();
    for id in &ids {
        assert_eq!(processed.get(id.as_str()), Some(&1), "{id}");
    }
    assert_eq!(to_broken.len(), 200);
    assert!(net.receiver.arrivals().iter().all(|a| a.verified));
    assert_eq!(unfinished_jobs(outbox.store()).await, vec![]);
}

#[tokio::test]
#[ignore = "needs a Postgres server: run-tests.sh starts one"]
async fn the_stores_rate_statement_is_the_gcra() {
    let url = database("gcra").await;
    let settings = settings();
    let store = PostgresStore::open(&url, &settings.queue, 4).await.unwrap();
    store.setup().await.unwrap();
    let gcra = Gcra::new(RateLimit::new(
        NonZeroU32::new(3).unwrap(),
        Duration::from_millis(900),
    ));
    let start = Timestamp::from_second(1_800_000_000).unwrap();
    let mut tat = 0_i64;
    let (mut admitted, mut refused) = (0, 0);
    for step in 0_u64..60 {
        let now = start
            .checked_add(Duration::from_millis(step * step % 97 + step * 40))
            .unwrap();
        let got = store.admit("acct", gcra, now).await.unwrap();
        match admit(tat, epoch_nanos(now), gcra) {
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
