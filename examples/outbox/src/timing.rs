//! Where a delivery's time goes: hooksig, the store and engine, the
//! network. Workers add to these counters; the bench reports them.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Nanoseconds spent in each part of delivering, summed over deliveries.
#[derive(Debug, Default)]
pub struct Timings {
    /// Building and signing the request, judging the outcome, writing the
    /// record, the retry decision and the health count: hooksig's calls.
    pub hooksig: Counter,
    /// Reading the delivery and endpoint, the rate limit, and the
    /// transaction that records the attempt and schedules what follows.
    pub store: Counter,
    /// Sending the request and reading the response.
    pub http: Counter,
    /// Whole handler runs, from taking the job to returning it.
    pub handler: Counter,
    /// Attempts made.
    pub attempts: AtomicU64,
}

/// A sum of durations.
#[derive(Debug, Default)]
pub struct Counter(AtomicU64);

impl Counter {
    /// Adds `duration`.
    pub fn add(&self, duration: Duration) {
        let nanos = u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(nanos, Ordering::Relaxed);
    }

    /// The sum so far.
    pub fn total(&self) -> Duration {
        Duration::from_nanos(self.0.load(Ordering::Relaxed))
    }
}

impl Timings {
    /// The counters as one line of JSON, for the bench to collect from
    /// worker processes.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "hooksig_ns": self.hooksig.total().as_nanos() as u64,
            "store_ns": self.store.total().as_nanos() as u64,
            "http_ns": self.http.total().as_nanos() as u64,
            "handler_ns": self.handler.total().as_nanos() as u64,
            "attempts": self.attempts.load(Ordering::Relaxed),
        })
    }
}
