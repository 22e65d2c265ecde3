//! Delivery rules as pure data: who gets an event, when a failed delivery
//! is tried again, what an answer means, what the delivery log keeps, when
//! an endpoint is disabled, how a delivery is replayed, and how fast events
//! may go out.
//!
//! The crate decides; the caller acts. Nothing here sends a request, reads
//! the clock or draws a random number: the caller owns the HTTP client,
//! passes `now` (a [`jiff::Timestamp`](https://docs.rs/jiff/0.2/jiff/struct.Timestamp.html), or a [`std::time::Instant`] for the
//! rate limiter), delivery ids and jitter values, and gets back plain
//! answers. The same inputs always give the same answers, which is what
//! makes the rules testable step by step.
//!
//! # A sender's loop
//!
//! ```
//! use std::time::Duration;
//! use http::StatusCode;
//! use hooksig::Platform;
//! use hooksig::delivery::{
//!     Attempt, Attempted, Delivery, DeliveryPolicy, Endpoint, EventKind, Jitter, Next,
//! };
//! use jiff::Timestamp;
//!
//! let endpoint: Endpoint = serde_json::from_str(
//!     r#"{"url":"https://example.com/hooks","events":["scan.*"],"secret":"whsec","active":true}"#,
//! )?;
//! let signer = endpoint.signer(Platform::CORTEX)?; // once per endpoint
//! let policy = DeliveryPolicy::for_platform(Platform::CORTEX).unwrap_or_default();
//! let mut health = policy.health();
//!
//! let event = EventKind::new("scan.completed");
//! if endpoint.wants(event) && health.is_enabled() {
//!     let delivery = Delivery::new("d-1".parse()?, event.name(), br#"{"event":"scan.completed"}"#.to_vec());
//!     let mut attempt = Attempt::FIRST;
//!     # let mut answers = [StatusCode::BAD_GATEWAY, StatusCode::OK].into_iter();
//!     loop {
//!         let request = delivery.request(Platform::CORTEX, &endpoint, signer.as_ref())?;
//!         let sent_at = Timestamp::from_second(1_700_000_000)?; // your clock
//!         // ... send `request` with a client whose timeout is `policy.timeout` ...
//!         # let status = answers.next().unwrap();
//!         let elapsed = Duration::from_millis(120);
//!         let outcome = policy.outcome(status, elapsed);
//!
//!         let record = delivery.record(Attempted { attempt, sent_at, duration: elapsed, outcome, response_body: Some(b"ok") });
//!         // ... append `record` to the delivery log ...
//!         health.observe(&outcome);
//!
//!         // Retries wait from the end of the attempt, not its start.
//!         let ended_at = sent_at.checked_add(elapsed)?;
//!         match policy.retry.next(attempt, &outcome, ended_at, Jitter::NONE) {
//!             Next::Retry { attempt: next, at, .. } => { /* wait until `at` */ attempt = next; }
//!             Next::Delivered { .. } | Next::Failed { .. } => break,
//!         }
//!     }
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! `examples/sender.rs` runs this loop for real, against a local receiver.
//! `examples/outbox/` carries the same rules on a job engine, so that
//! pending retries survive a restart: each retry is a stored job due at the
//! time [`RetrySchedule::next`] gives, and every worker shares each
//! endpoint's [`Health`] through the database.
//!
//! # Map
//!
//! - [`Endpoint`] and [`Subscriptions`]: where deliveries go and which
//!   events each endpoint wants ([`Pattern`], [`EventKind`]).
//! - [`DeliveryPolicy`]: one platform's rules, with a preset per seed
//!   platform; [`RetrySchedule`] and [`Next`] say when to try again.
//! - [`Outcome`] and [`Failure`]: what an attempt's answer means.
//! - [`Delivery`], [`DeliveryRecord`] and [`ResponseBody`]: what is sent
//!   and what the log keeps; [`DeliveryRecord::replay`] sends it again;
//!   [`Delivery::webhook_test`] is PulseLABS's test event.
//! - [`Health`]: consecutive failures and auto-disable.
//! - [`TokenBucket`]: the rate limit.

mod attempt;
#[cfg(feature = "http")]
mod endpoint;
mod health;
mod id;
mod message;
mod outcome;
mod policy;
mod rate_limit;
mod record;
mod replay;
mod retry;
mod secret;
mod status;
mod subscription;
mod test_event;

pub use attempt::Attempt;
#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub use endpoint::{Endpoint, EndpointError, EndpointStatus};
pub use health::{AutoDisable, Health, HealthChange, HealthState};
pub use id::{DeliveryId, DeliveryIdError};
pub use message::Delivery;
pub use outcome::{Failure, Outcome};
pub use policy::{DeliveryPolicy, EndpointLimitReached};
pub use rate_limit::{RateLimit, RateLimited, TokenBucket};
pub use record::{Attempted, DeliveryRecord, ResponseBody};
pub use replay::ReplayError;
pub use retry::{Exponential, Jitter, Next, Percent, RetrySchedule};
pub use secret::Secret;
pub use status::Status;
pub use subscription::{EventKind, Pattern, PatternError, SubscriptionError, Subscriptions};
