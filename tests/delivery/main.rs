//! Delivery rules: public-API tests, one module per rule.

#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

mod coherence;
mod health;
mod rate_limit;
mod replay;
mod retry;
mod secrets;
mod subscriptions;
mod test_event;

use jiff::Timestamp;

/// A timestamp `millis` milliseconds after a fixed start.
fn at(millis: i64) -> Timestamp {
    Timestamp::from_millisecond(1_700_000_000_000 + millis).unwrap()
}
