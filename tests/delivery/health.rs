//! Endpoint health: SPLEXA's auto-disable after 10 failures in a row.

use hooksig::delivery::Status;
use hooksig::delivery::{AutoDisable, DeliveryPolicy, Health, HealthChange, HealthState, Outcome};

const FAIL: Outcome = Outcome::Status(Status::BAD_GATEWAY);
const OK: Outcome = Outcome::Status(Status::NO_CONTENT);

fn failed(times: u32) -> Health {
    let mut health = DeliveryPolicy::SPLEXA.health();
    for _ in 0..times {
        health.observe(&FAIL);
    }
    health
}

#[test]
fn nine_failures_still_enabled() {
    let health = failed(9);
    assert_eq!(health.consecutive_failures(), 9);
    assert_eq!(health.state(), HealthState::Enabled);
    assert!(health.is_enabled());
}

#[test]
fn the_tenth_failure_disables() {
    let mut health = failed(9);
    assert_eq!(health.observe(&Outcome::TimedOut), HealthChange::Disabled);
    assert_eq!(health.consecutive_failures(), 10);
    assert_eq!(health.state(), HealthState::AutoDisabled);
    assert!(!health.is_enabled());
    // Told once: further failures change nothing.
    assert_eq!(
        health.observe(&Outcome::ConnectionFailed),
        HealthChange::Unchanged
    );
    assert_eq!(health.consecutive_failures(), 11);
}

#[test]
fn a_success_resets_the_count() {
    let mut health = failed(9);
    assert_eq!(health.observe(&OK), HealthChange::Recovered);
    assert_eq!(health.consecutive_failures(), 0);
    // Ten more are needed now.
    for _ in 0..9 {
        assert_eq!(health.observe(&FAIL), HealthChange::Unchanged);
    }
    assert!(health.is_enabled());
    assert_eq!(health.observe(&FAIL), HealthChange::Disabled);
    // A success with no failures before it is no news.
    let mut fresh = DeliveryPolicy::SPLEXA.health();
    assert_eq!(fresh.observe(&OK), HealthChange::Unchanged);
}

#[test]
fn re_enabling_is_explicit() {
    let mut health = failed(10);
    // A success (a replay sent by hand, say) does not re-enable.
    assert_eq!(health.observe(&OK), HealthChange::Recovered);
    assert_eq!(health.state(), HealthState::AutoDisabled);
    health.re_enable();
    assert_eq!(health.state(), HealthState::Enabled);
    assert_eq!(health.consecutive_failures(), 0);
}

#[test]
fn platforms_without_the_rule_never_disable() {
    for policy in [
        DeliveryPolicy::PULSELABS,
        DeliveryPolicy::CORTEX,
        DeliveryPolicy::CAPAWESOME,
    ] {
        assert_eq!(policy.auto_disable, AutoDisable::NEVER);
        let mut health = policy.health();
        for _ in 0..100 {
            health.observe(&FAIL);
        }
        assert!(health.is_enabled());
    }
    assert_eq!(
        DeliveryPolicy::SPLEXA
            .auto_disable
            .threshold()
            .map(|n| n.get()),
        Some(10)
    );
}

#[test]
fn health_survives_a_round_trip() {
    let health = failed(10);
    let json = serde_json::to_string(&health).unwrap();
    assert_eq!(
        json,
        r#"{"consecutive_failures":10,"state":"auto_disabled","auto_disable":10}"#
    );
    assert_eq!(serde_json::from_str::<Health>(&json).unwrap(), health);
}
