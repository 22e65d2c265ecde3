//! What the outbox's tests share: stores in temporary places, a receiver
//! with routes, workers in this process, and bounded waits.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use hooksig::delivery::{DeliveryRecord, Endpoint};
use hooksig_outbox::receiver::{Arrival, Behavior, Receiver};
use hooksig_outbox::store::{AttemptRow, DeliveryRow, Status};
use hooksig_outbox::worker::Engine;
use hooksig_outbox::{Error, Outbox, Settings, SqliteStore, Store};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub const SECRET: &str = "whsec-outbox-tests";

/// Settings for tests: a one-second heartbeat (a dead worker's jobs come
/// back after two), quick polling, PulseLABS's retries and SPLEXA's
/// auto-disable (the defaults).
pub fn settings() -> Settings {
    Settings {
        heartbeat: Duration::from_secs(1),
        poll: Duration::from_millis(25),
        concurrency: 4,
        batch: 4,
        ..Settings::default()
    }
}

/// A fresh directory under the system's temporary one.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hooksig-outbox-{name}-{}",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A set-up SQLite store in a fresh file; returns it and its URL.
pub async fn sqlite(name: &str, settings: &Settings) -> (SqliteStore, String) {
    let url = format!("sqlite://{}", scratch(name).join("outbox.db").display());
    let store = SqliteStore::open(&url, &settings.queue, 16).await.unwrap();
    store.setup().await.unwrap();
    (store, url)
}

/// A receiver serving on loopback.
pub struct Loopback {
    pub receiver: Arc<Receiver>,
    pub address: SocketAddr,
    server: JoinHandle<()>,
}

impl Loopback {
    pub async fn start(settings: &Settings) -> Self {
        let receiver = Receiver::new(settings.platform);
        let (address, server) = receiver.start().await.unwrap();
        Self {
            receiver,
            address,
            server,
        }
    }

    /// Registers endpoint `id` for `events` (a JSON list), answered by a
    /// route of the same name.
    pub async fn endpoint<S: Store>(
        &self,
        outbox: &Outbox<S>,
        id: &str,
        events: &str,
        behavior: Behavior,
    ) {
        self.receiver.route(id, SECRET, behavior).unwrap();
        let endpoint: Endpoint = serde_json::from_str(&format!(
            r#"{{"url":"http://{}/hooks/{id}","events":{events},"secret":"{SECRET}"}}"#,
            self.address
        ))
        .unwrap();
        outbox.add_endpoint(id, &endpoint).await.unwrap();
    }

    /// The requests that carried delivery `id`.
    pub fn arrivals_of(&self, id: &str) -> Vec<Arrival> {
        self.receiver
            .arrivals()
            .into_iter()
            .filter(|a| a.delivery.as_deref() == Some(id))
            .collect()
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Workers running in this process.
pub struct Workers {
    stop: watch::Sender<bool>,
    running: Vec<JoinHandle<Result<(), Error>>>,
}

impl Workers {
    pub fn start<S: Engine>(outbox: &Arc<Outbox<S>>, count: usize) -> Self {
        let (stop, _) = watch::channel(false);
        let running = (0..count)
            .map(|index| {
                let mut stopped = stop.subscribe();
                let until = async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                };
                let name = format!("test-{}-{index}", uuid::Uuid::new_v4().simple());
                tokio::spawn(S::run(Arc::clone(outbox), name, until))
            })
            .collect();
        Self { stop, running }
    }

    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for worker in self.running {
            tokio::time::timeout(Duration::from_secs(30), worker)
                .await
                .expect("a worker did not stop")
                .unwrap()
                .unwrap();
        }
    }
}

/// Waits, at most `limit`, until no delivery is pending; returns them all.
pub async fn settle<S: Store>(store: &S, limit: Duration) -> Vec<DeliveryRow> {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let deliveries = store.deliveries().await.unwrap();
        if deliveries.iter().all(|d| d.status != Status::Pending) {
            return deliveries;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still pending after {limit:?}: {:#?}",
            deliveries
                .iter()
                .filter(|d| d.status == Status::Pending)
                .collect::<Vec<_>>()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits, at most `limit`, until `done` says so.
pub async fn wait_until(limit: Duration, what: &str, mut done: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + limit;
    while !done() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: not after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A stored attempt's record.
pub fn record(row: &AttemptRow) -> DeliveryRecord {
    serde_json::from_str(&row.record).unwrap()
}

/// The engine's jobs that are not finished: none, once everything settled.
pub async fn unfinished_jobs<S: Store>(store: &S) -> Vec<(String, i64)> {
    store
        .backlog()
        .await
        .unwrap()
        .into_iter()
        .filter(|(status, _)| status != "Done")
        .collect()
}
