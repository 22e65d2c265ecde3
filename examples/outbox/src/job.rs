//! The engine's job: which attempt of which delivery to make.

use apalis::prelude::{Task, TaskBuilder};
use hooksig::delivery::{Attempt, DeliveryId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::Error;

/// How many times the engine runs a job whose handler failed (a store
/// error), before it gives up on it. Delivery retries are not these: each
/// is a job of its own.
pub const ENGINE_ATTEMPTS: usize = 25;

/// One job: make `attempt` of `delivery`. Only the newest job pushed for a
/// delivery acts: `ticket` is the delivery's count of pushed jobs when this
/// one was pushed, so an older copy (run again after a crash) finds the
/// delivery moved on and does nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// The delivery.
    pub delivery: DeliveryId,
    /// The attempt to make.
    pub attempt: Attempt,
    /// The delivery's job count when this job was pushed.
    pub ticket: u32,
}

impl Job {
    /// The engine's idempotency key: one job per delivery and ticket, even
    /// if the transaction pushing it were run twice.
    pub fn key(&self) -> String {
        format!("{}#{}", self.delivery, self.ticket)
    }

    /// The job as the engine stores it, due at `due`.
    ///
    /// # Errors
    ///
    /// None in practice: a `Job` always encodes.
    pub fn task(&self, due: Timestamp) -> Result<Task<Vec<u8>>, Error> {
        let args = serde_json::to_vec(self).map_err(Error::corrupt("job"))?;
        Ok(TaskBuilder::new(args)
            .run_at_timestamp(run_at(due, Timestamp::now()))
            .idempotency_key(self.key())
            .max_attempts(ENGINE_ATTEMPTS)
            .build())
    }
}

/// The engine's due time for a job due at `due`, pushed at `now`.
///
/// apalis schedules in whole Unix seconds and runs a job once its second
/// has come. A job due later is rounded up, so that it never runs early:
/// it runs up to a second late, plus the poll interval. A job due already
/// is rounded down, so that it runs at once.
pub fn run_at(due: Timestamp, now: Timestamp) -> u64 {
    let seconds = due.as_second();
    let rounded = if due > now && due.subsec_nanosecond() > 0 {
        seconds.saturating_add(1)
    } else {
        seconds
    };
    u64::try_from(rounded).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_never_early_and_first_attempts_at_once() {
        let now = Timestamp::from_millisecond(1_699_999_999_500).unwrap();
        let whole = Timestamp::from_second(1_700_000_000).unwrap();
        assert_eq!(run_at(whole, now), 1_700_000_000);
        let later = Timestamp::from_millisecond(1_700_000_000_001).unwrap();
        assert_eq!(run_at(later, now), 1_700_000_001);
        // Due now or before: its second has come already.
        assert_eq!(run_at(now, now), 1_699_999_999);
        assert_eq!(run_at(later, later), 1_700_000_000);
        let past = Timestamp::from_second(-5).unwrap();
        assert_eq!(run_at(past, now), 0);
    }

    #[test]
    fn the_payload_is_the_json_the_worker_decodes() {
        let job = Job {
            delivery: "d-1".parse().unwrap(),
            attempt: Attempt::new(2).unwrap(),
            ticket: 3,
        };
        let task = job.task(Timestamp::from_second(10).unwrap()).unwrap();
        let back: Job = serde_json::from_slice(&task.args).unwrap();
        assert_eq!(back, job);
        assert_eq!(job.key(), "d-1#3");
    }
}
