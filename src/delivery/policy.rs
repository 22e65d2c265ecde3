//! Delivery policies: one platform's delivery rules in one value.

use core::{num::NonZeroU32, time::Duration};

use super::{
    Attempt, AutoDisable, Health, Jitter, Outcome, RateLimit, RetrySchedule, Status, TokenBucket,
};
use crate::Platform;

/// How a platform delivers: its retry schedule, response timeout,
/// auto-disable rule, rate limit and endpoint limit.
///
/// Each seed platform that documents delivery rules has a preset, also
/// found from a [`Platform`] with [`DeliveryPolicy::for_platform`]:
///
/// | preset | retries | timeout | auto-disable | rate limit | endpoints |
/// |---|---|---|---|---|---|
/// | [`PULSELABS`](Self::PULSELABS) | after 1 s, 5 s | 10 s | never | none | no limit |
/// | [`CAPAWESOME`](Self::CAPAWESOME) | none (resent by hand) | 10 s (inferred) | never | none | no limit |
/// | [`SPLEXA`](Self::SPLEXA) | none | 8 s | after 10 failures | none | no limit |
/// | [`CORTEX`](Self::CORTEX) | 3 (inferred waits) | 5 s | never | 100/s burst | 10 |
///
/// Cortex's page states two timeouts: receivers must answer "200 OK within
/// 5 seconds" (twice: the set-up steps and the response requirements), and
/// its limits list a "30 second timeout". The preset takes 5 s: it is the
/// rule receivers are told to meet, so a slower answer is the failure the
/// page describes. Use `timeout: Duration::from_secs(30)` to be lenient.
///
/// Build your own from [`DeliveryPolicy::default`] or a preset and set the
/// fields:
///
/// ```
/// use std::time::Duration;
/// use hooksig::Platform;
/// use hooksig::delivery::DeliveryPolicy;
///
/// let pulselabs = DeliveryPolicy::for_platform(Platform::PULSELABS).unwrap();
/// assert_eq!(pulselabs.timeout, Duration::from_secs(10));
/// assert_eq!(pulselabs.retry.max_attempts(), 3);
///
/// let mut lenient = DeliveryPolicy::CORTEX;
/// lenient.timeout = Duration::from_secs(30);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DeliveryPolicy {
    /// When failed attempts are retried. Defaults to
    /// [`RetrySchedule::NONE`].
    pub retry: RetrySchedule,
    /// How long an endpoint has to answer; a slower answer is
    /// [`Outcome::TimedOut`]. Give it to your HTTP client. Defaults to 10
    /// seconds.
    pub timeout: Duration,
    /// After how many failures in a row an endpoint is disabled. Defaults to
    /// [`AutoDisable::NEVER`].
    pub auto_disable: AutoDisable,
    /// How fast events may go out, per sender account. Defaults to `None`,
    /// no limit.
    pub rate_limit: Option<RateLimit>,
    /// How many endpoints an account may register. Defaults to `None`, no
    /// limit.
    pub max_endpoints: Option<NonZeroU32>,
}

impl DeliveryPolicy {
    /// The default response timeout: 10 seconds, as PulseLABS (and GitHub).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

    /// The defaults: no retries, a 10 s timeout, never auto-disabled, no
    /// rate or endpoint limit.
    pub const DEFAULT: Self = Self {
        retry: RetrySchedule::NONE,
        timeout: Self::DEFAULT_TIMEOUT,
        auto_disable: AutoDisable::NEVER,
        rate_limit: None,
        max_endpoints: None,
    };

    /// PulseLABS: retried after 1 s and 5 s, then failed; "10 second limit".
    pub const PULSELABS: Self = Self {
        retry: RetrySchedule::PULSELABS,
        ..Self::DEFAULT
    };

    /// Capawesome Cloud: no automatic retry ("Failed deliveries can be
    /// manually resent": a [replay](super::DeliveryRecord::replay)). Its page
    /// gives no timeout; the crate's 10 s default stands in.
    pub const CAPAWESOME: Self = Self::DEFAULT;

    /// SPLEXA: "Respond 2xx within 8 seconds", no retries, "After 10
    /// consecutive failures, the webhook is auto-disabled".
    pub const SPLEXA: Self = Self {
        timeout: Duration::from_secs(8),
        auto_disable: AutoDisable::SPLEXA,
        ..Self::DEFAULT
    };

    /// Cortex: "200 OK within 5 seconds", "3 retry attempts" (waits
    /// inferred, see [`RetrySchedule::CORTEX`]), "100 events/second burst",
    /// "10 webhooks per account".
    pub const CORTEX: Self = Self {
        retry: RetrySchedule::CORTEX,
        timeout: Duration::from_secs(5),
        rate_limit: Some(RateLimit::CORTEX),
        max_endpoints: match NonZeroU32::new(10) {
            Some(ten) => Some(ten),
            None => None,
        },
        ..Self::DEFAULT
    };

    /// The preset for `platform`, or `None` for a platform whose page gives
    /// no delivery rules (Emuluxe, GitHub, custom platforms).
    ///
    /// A platform is recognised by its name and signature header, so a
    /// preset made [`strict`](Platform::strict) or given another user agent
    /// still finds its rules.
    pub fn for_platform(platform: &Platform) -> Option<Self> {
        [
            (Platform::PULSELABS, Self::PULSELABS),
            (Platform::CAPAWESOME, Self::CAPAWESOME),
            (Platform::SPLEXA, Self::SPLEXA),
            (Platform::CORTEX, Self::CORTEX),
        ]
        .into_iter()
        .find(|(preset, _)| {
            preset.name() == platform.name()
                && preset.signature_header() == platform.signature_header()
        })
        .map(|(_, policy)| policy)
    }

    /// The outcome of a response with `status` that took `elapsed`: a
    /// response slower than [`timeout`](Self::timeout) is
    /// [`Outcome::TimedOut`], whatever its status.
    pub fn outcome(&self, status: impl Into<Status>, elapsed: Duration) -> Outcome {
        Outcome::within(status, elapsed, self.timeout)
    }

    /// The longest a delivery can take, from the start of its first attempt
    /// to the end of its last: every attempt's timeout and every wait
    /// between them, with no jitter (jitter only shortens waits).
    ///
    /// A receiver that checks how recent an event's timestamp is must
    /// accept at least this much, or it refuses the platform's own last
    /// retries; and it must remember idempotency keys at least as long:
    ///
    /// ```
    /// use std::time::Duration;
    /// use hooksig::delivery::DeliveryPolicy;
    ///
    /// // Cortex: 4 attempts of at most 5 s, 10 s + 60 s + 300 s apart.
    /// assert_eq!(DeliveryPolicy::CORTEX.delivery_span(), Duration::from_secs(390));
    /// ```
    pub fn delivery_span(&self) -> Duration {
        let attempts = self.retry.max_attempts();
        let waits = (2..=attempts)
            .filter_map(Attempt::new)
            .filter_map(|attempt| self.retry.wait_before(attempt, Jitter::NONE))
            .fold(Duration::ZERO, Duration::saturating_add);
        self.timeout.saturating_mul(attempts).saturating_add(waits)
    }

    /// A fresh [`Health`] under this policy's auto-disable rule.
    pub const fn health(&self) -> Health {
        Health::new(self.auto_disable)
    }

    /// A full [`TokenBucket`] for this policy's rate limit, if it has one.
    pub fn token_bucket(&self) -> Option<TokenBucket> {
        self.rate_limit.map(TokenBucket::new)
    }

    /// Whether an account that has `registered` endpoints may add one.
    ///
    /// # Errors
    ///
    /// [`EndpointLimitReached`] when it already has
    /// [`max_endpoints`](Self::max_endpoints) or more.
    pub fn check_new_endpoint(&self, registered: usize) -> Result<(), EndpointLimitReached> {
        match self.max_endpoints {
            Some(max) if registered >= usize::try_from(max.get()).unwrap_or(usize::MAX) => {
                Err(EndpointLimitReached { max })
            }
            _ => Ok(()),
        }
    }
}

impl Default for DeliveryPolicy {
    /// [`DeliveryPolicy::DEFAULT`].
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// The account already has as many endpoints as its policy allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the account already has the {max} endpoints its platform allows")]
pub struct EndpointLimitReached {
    max: NonZeroU32,
}

impl EndpointLimitReached {
    /// The most endpoints allowed.
    pub const fn max(&self) -> NonZeroU32 {
        self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Header, Scheme};

    #[test]
    fn platforms_find_their_presets() {
        assert_eq!(
            DeliveryPolicy::for_platform(Platform::SPLEXA),
            Some(DeliveryPolicy::SPLEXA)
        );
        assert_eq!(
            DeliveryPolicy::for_platform(&Platform::CORTEX.strict()),
            Some(DeliveryPolicy::CORTEX)
        );
        assert_eq!(DeliveryPolicy::for_platform(Platform::EMULUXE), None);
        assert_eq!(DeliveryPolicy::for_platform(Platform::GITHUB), None);
        let lookalike = Platform::custom(
            "Cortex",
            Header::new("X-Other-Signature").unwrap(),
            Scheme::Body(crate::Encoding::Sha256Hex),
        );
        assert_eq!(DeliveryPolicy::for_platform(&lookalike), None);
    }

    #[test]
    fn delivery_spans_add_every_timeout_and_wait() {
        assert_eq!(
            DeliveryPolicy::SPLEXA.delivery_span(),
            Duration::from_secs(8)
        );
        // 3 attempts of 10 s, 1 s and 5 s apart.
        assert_eq!(
            DeliveryPolicy::PULSELABS.delivery_span(),
            Duration::from_secs(36)
        );
        let mut exponential = DeliveryPolicy::DEFAULT;
        exponential.retry = RetrySchedule::Exponential(super::super::Exponential::DEFAULT);
        // 6 attempts of 10 s; waits 1 + 2 + 4 + 8 + 16 s.
        assert_eq!(exponential.delivery_span(), Duration::from_secs(91));
    }

    #[test]
    fn endpoint_limit() {
        assert_eq!(DeliveryPolicy::CORTEX.check_new_endpoint(9), Ok(()));
        let error = DeliveryPolicy::CORTEX.check_new_endpoint(10).unwrap_err();
        assert_eq!(error.max().get(), 10);
        assert_eq!(
            error.to_string(),
            "the account already has the 10 endpoints its platform allows"
        );
        assert_eq!(
            DeliveryPolicy::SPLEXA.check_new_endpoint(usize::MAX),
            Ok(())
        );
    }

    #[test]
    fn timeouts() {
        let late = Duration::from_millis(8_001);
        assert_eq!(
            DeliveryPolicy::SPLEXA.outcome(Status::OK, late),
            Outcome::TimedOut
        );
        assert_eq!(
            DeliveryPolicy::PULSELABS.outcome(Status::OK, late),
            Outcome::Status(Status::OK)
        );
    }
}
