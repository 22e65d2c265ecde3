//! A durable webhook sender: hooksig's delivery rules carried by a real job
//! engine, [apalis] 1.0, on SQLite (one machine, no server) or Postgres
//! (worker processes on many machines sharing one queue).
//!
//! - [`Outbox::enqueue`] turns an event into one delivery per endpoint that
//!   subscribes to it ([`hooksig::delivery::Endpoint::wants`]): a row in the
//!   store and a job in the engine's queue, written in one transaction.
//! - A worker ([`worker::run`]) takes a job, builds the signed request with
//!   hooksig, sends it with `reqwest` under the policy's timeout, and in one
//!   transaction appends the [`DeliveryRecord`](hooksig::delivery::DeliveryRecord),
//!   counts the outcome in the endpoint's shared
//!   [`Health`](hooksig::delivery::Health) and schedules the retry as a new
//!   job due at the time [`RetrySchedule::next`](hooksig::delivery::RetrySchedule::next)
//!   gives. No worker sleeps through a retry wait.
//! - [`Outbox::replay`] resends a stored record under a fresh delivery id,
//!   and [`Outbox::send_test`] sends PulseLABS's `webhook.test`.
//!
//! Delivery is at least once: see the README for what is guaranteed.

pub mod config;
pub mod error;
pub mod http;
pub mod job;
pub mod outbox;
pub mod rate;
pub mod receiver;
pub mod store;
pub mod timing;
pub mod worker;

pub use config::Settings;
pub use error::Error;
pub use job::Job;
pub use outbox::{Enqueued, Outbox};
pub use store::{Store, postgres::PostgresStore, sqlite::SqliteStore};
