//! Endpoint health: consecutive failures and auto-disable.

use core::num::NonZeroU32;

use serde::{Deserialize, Serialize};

use super::Outcome;

/// After how many failures in a row an endpoint is disabled.
///
/// SPLEXA: "After 10 consecutive failures, the webhook is auto-disabled":
/// [`AutoDisable::SPLEXA`]. The other seed platforms document no such rule:
/// [`AutoDisable::NEVER`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AutoDisable(Option<NonZeroU32>);

impl AutoDisable {
    /// Never disable, however many failures.
    pub const NEVER: Self = Self(None);

    /// SPLEXA: disabled by the 10th failure in a row.
    pub const SPLEXA: Self = Self::after(match NonZeroU32::new(10) {
        Some(ten) => ten,
        None => NonZeroU32::MIN,
    });

    /// Disabled by failure number `failures` in a row.
    pub const fn after(failures: NonZeroU32) -> Self {
        Self(Some(failures))
    }

    /// The number of failures in a row that disables, if any does.
    pub const fn threshold(self) -> Option<NonZeroU32> {
        self.0
    }
}

impl Default for AutoDisable {
    /// [`AutoDisable::NEVER`].
    fn default() -> Self {
        Self::NEVER
    }
}

/// Whether deliveries go to an endpoint, as far as its health goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HealthState {
    /// Deliveries go out.
    Enabled,
    /// Too many failures in a row: no deliveries until
    /// [`Health::re_enable`].
    AutoDisabled,
}

/// The health of one endpoint: how many attempts in a row have failed, and
/// whether that has disabled it.
///
/// Feed it each outcome with [`Health::observe`]. A success resets the
/// count; reaching the [`AutoDisable`] threshold disables the endpoint, and
/// only [`Health::re_enable`] (a person fixing the endpoint) brings it back:
/// a success while disabled resets the count but does not re-enable.
///
/// It counts what it is fed. SPLEXA, whose rule this is, makes one attempt
/// per delivery; with a retrying schedule, feed it every attempt (a flaky
/// endpoint is disabled sooner) or only each finished delivery's last
/// outcome, as your platform means it.
///
/// Serializable, for keeping beside the endpoint.
///
/// ```
/// use hooksig::delivery::{AutoDisable, Health, HealthChange, HealthState, Outcome};
///
/// let mut health = Health::new(AutoDisable::SPLEXA);
/// for _ in 0..9 {
///     assert_eq!(health.observe(&Outcome::TimedOut), HealthChange::Unchanged);
/// }
/// assert_eq!(health.observe(&Outcome::TimedOut), HealthChange::Disabled);
/// assert_eq!(health.state(), HealthState::AutoDisabled);
///
/// health.re_enable();
/// assert!(health.is_enabled());
/// assert_eq!(health.consecutive_failures(), 0);
/// ```
// Not `Copy`: a state machine that copies silently loses the updates made
// to the copy; cloning one is a choice a reader can see.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Health {
    consecutive_failures: u32,
    state: HealthState,
    auto_disable: AutoDisable,
}

impl Health {
    /// A healthy endpoint, enabled, with no failures, under `auto_disable`.
    pub const fn new(auto_disable: AutoDisable) -> Self {
        Self {
            consecutive_failures: 0,
            state: HealthState::Enabled,
            auto_disable,
        }
    }

    /// Counts `outcome` and says what changed.
    pub fn observe(&mut self, outcome: &Outcome) -> HealthChange {
        if outcome.is_success() {
            let had_failures = self.consecutive_failures > 0;
            self.consecutive_failures = 0;
            return if had_failures {
                HealthChange::Recovered
            } else {
                HealthChange::Unchanged
            };
        }
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
        let reached = self
            .auto_disable
            .threshold()
            .is_some_and(|threshold| self.consecutive_failures >= threshold.get());
        if reached && self.state == HealthState::Enabled {
            self.state = HealthState::AutoDisabled;
            HealthChange::Disabled
        } else {
            HealthChange::Unchanged
        }
    }

    /// Enables the endpoint again and clears its failure count: the
    /// explicit step after someone fixed it.
    pub fn re_enable(&mut self) {
        self.consecutive_failures = 0;
        self.state = HealthState::Enabled;
    }

    /// Failed attempts since the last success or re-enable.
    pub const fn consecutive_failures(&self) -> u32 {
        self.consecutive_failures
    }

    /// Whether the endpoint is enabled or auto-disabled.
    pub const fn state(&self) -> HealthState {
        self.state
    }

    /// Whether deliveries may go to the endpoint.
    pub const fn is_enabled(&self) -> bool {
        matches!(self.state, HealthState::Enabled)
    }

    /// The rule this health follows.
    pub const fn auto_disable(&self) -> AutoDisable {
        self.auto_disable
    }
}

impl Default for Health {
    /// A healthy endpoint that is never auto-disabled.
    fn default() -> Self {
        Self::new(AutoDisable::NEVER)
    }
}

/// What an outcome changed in a [`Health`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HealthChange {
    /// Nothing worth telling anyone.
    Unchanged,
    /// A success after one or more failures: the count is back to 0.
    Recovered,
    /// This failure reached the threshold: the endpoint is now disabled.
    /// Tell its owner (SPLEXA flags it in Settings).
    Disabled,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_is_never() {
        let mut health = Health::default();
        for _ in 0..1000 {
            assert_eq!(
                health.observe(&Outcome::ConnectionFailed),
                HealthChange::Unchanged
            );
        }
        assert!(health.is_enabled());
        assert_eq!(health.consecutive_failures(), 1000);
    }

    #[test]
    fn serde_shape() {
        let json = serde_json::to_string(&Health::new(AutoDisable::SPLEXA)).unwrap();
        assert_eq!(
            json,
            r#"{"consecutive_failures":0,"state":"enabled","auto_disable":10}"#
        );
        let back: Health = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Health::new(AutoDisable::SPLEXA));
        assert!(serde_json::from_str::<AutoDisable>("0").is_err());
    }
}
