//! What an outbox and its workers are set up with.

use std::time::Duration;

use hooksig::Platform;
use hooksig::delivery::{AutoDisable, DeliveryPolicy};

/// The outbox's settings: whose conventions it signs in, its delivery
/// rules, and how its workers poll.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The platform whose headers, signature scheme and secret format the
    /// deliveries use. Defaults to [`Platform::PULSELABS`].
    pub platform: &'static Platform,
    /// The delivery rules. Defaults to [`Settings::default_policy`]:
    /// PulseLABS's (retries after 1 s and 5 s, a 10 s timeout) with
    /// endpoints disabled by their 10th failed attempt in a row.
    pub policy: DeliveryPolicy,
    /// The rate limit's bucket, shared by every worker on the store.
    /// Defaults to `"default"`.
    pub account: String,
    /// The engine's queue. Defaults to `"hooksig-outbox"`.
    pub queue: String,
    /// How often a worker tells the engine it is alive; a worker silent for
    /// two intervals is taken for dead and its jobs go back in the queue.
    /// apalis counts in whole seconds. Defaults to 30 seconds.
    pub heartbeat: Duration,
    /// How often an idle worker asks the queue for due jobs. Defaults to
    /// 100 milliseconds.
    pub poll: Duration,
    /// How many jobs one worker runs at once. Defaults to 8.
    pub concurrency: usize,
    /// How many jobs a worker takes from the queue at a time. Defaults to
    /// 8.
    pub batch: usize,
}

impl Settings {
    /// PulseLABS's rules, which document no auto-disable, with SPLEXA's
    /// documented one: disabled by the 10th consecutive failed attempt.
    pub fn default_policy() -> DeliveryPolicy {
        let mut policy = DeliveryPolicy::PULSELABS;
        policy.auto_disable = AutoDisable::SPLEXA;
        policy
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            platform: Platform::PULSELABS,
            policy: Self::default_policy(),
            account: "default".into(),
            queue: "hooksig-outbox".into(),
            heartbeat: Duration::from_secs(30),
            poll: Duration::from_millis(100),
            concurrency: 8,
            batch: 8,
        }
    }
}
