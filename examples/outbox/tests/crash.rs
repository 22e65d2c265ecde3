//! A worker process killed (SIGKILL) in the middle of deliveries, and a
//! new one started: every delivery reaches the receiver at least once, and
//! exactly once after the receiver's deduplication; nothing in the store
//! is lost or left stuck.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use hooksig::delivery::EventKind;
use hooksig_outbox::receiver::Behavior;
use hooksig_outbox::store::Status;
use hooksig_outbox::{Outbox, Store};

use common::{Loopback, record, settings, settle, sqlite, unfinished_jobs, wait_until};

fn worker(url: &str, name: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hooksig-outbox"))
        .args(["worker", "--db", url, "--name", name])
        .args([
            "--heartbeat",
            "1",
            "--poll",
            "25",
            "--concurrency",
            "4",
            "--batch",
            "4",
        ])
        .arg("--until-stdin-closes")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_worker_loses_nothing() {
    let settings = settings();
    let (store, url) = sqlite("crash", &settings).await;
    let outbox = Arc::new(Outbox::new(store, settings).unwrap());
    let net = Loopback::start(outbox.settings()).await;
    // The receiver processes each request at once and answers 300 ms
    // later: a worker killed meanwhile never learns it was delivered.
    let slow = Behavior::Slow(Duration::from_millis(300));
    net.endpoint(&outbox, "left", r#"["*"]"#, slow).await;
    net.endpoint(&outbox, "right", r#"["*"]"#, slow).await;
    let mut ids = Vec::new();
    for n in 0..20 {
        let body = format!(r#"{{"event":"order.paid","n":{n}}}"#);
        let enqueued = outbox
            .enqueue(EventKind::new("order.paid"), body)
            .await
            .unwrap();
        ids.extend(enqueued.pending.into_iter().map(|(_, id)| id));
    }
    assert_eq!(ids.len(), 40);

    let mut first = worker(&url, "crash-first");
    let receiver = Arc::clone(&net.receiver);
    wait_until(Duration::from_secs(60), "deliveries under way", || {
        receiver.processed().len() >= 6 && receiver.in_flight() >= 1
    })
    .await;
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let cut_off = net.receiver.in_flight();
    let before = net.receiver.processed().len();
    assert!(before < ids.len(), "killed before the end");

    let mut second = worker(&url, "crash-second");
    let deliveries = settle(outbox.store(), Duration::from_secs(90)).await;
    drop(second.stdin.take());
    assert!(second.wait().unwrap().success());

    // Nothing lost: every delivery stored, delivered, and processed by the
    // receiver exactly once after deduplication.
    assert_eq!(deliveries.len(), ids.len());
    assert!(
        deliveries.iter().all(|d| d.status == Status::Delivered),
        "{deliveries:#?}"
    );
    let processed = net.receiver.processed();
    for id in &ids {
        assert_eq!(processed.get(id.as_str()), Some(&1), "{id}");
    }
    assert_eq!(processed.len(), ids.len());
    // At least once: the requests cut off by the kill were sent again and
    // dropped by the receiver as duplicates.
    let arrivals = net.receiver.arrivals();
    let duplicates = arrivals.iter().filter(|a| a.duplicate).count();
    assert!(
        duplicates >= 1,
        "{cut_off} requests were cut off, yet no delivery was sent twice"
    );
    assert!(arrivals.iter().all(|a| a.verified && a.status == 200));
    eprintln!(
        "killed with {cut_off} requests in flight and {before} deliveries processed; \
         {} requests for {} deliveries, {duplicates} dropped as duplicates",
        arrivals.len(),
        ids.len()
    );
    // Nothing stuck: the engine finished every job, and each delivery's log
    // ends in its success.
    assert_eq!(unfinished_jobs(outbox.store()).await, vec![]);
    let attempts = outbox.store().attempts(None).await.unwrap();
    for id in &ids {
        let log: Vec<_> = attempts
            .iter()
            .filter(|a| a.delivery_id == id.as_str())
            .collect();
        assert!(!log.is_empty(), "{id} has no record");
        assert!(record(log[log.len() - 1]).outcome().is_success());
    }
    assert!(attempts.iter().any(|a| a.worker == "crash-second"));
}
