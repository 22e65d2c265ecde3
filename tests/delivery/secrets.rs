//! Secrets never reach Debug, Display or serialized data.

use hooksig::delivery::{Endpoint, EventKind, Secret, Subscriptions};
use hooksig::{KeyError, Platform};

use super::at;

const REGISTRATION: &str = include_str!("../data/delivery/cortex_registration.json");
const SECRET: &str = "your-webhook-secret";

fn cortex() -> Endpoint {
    serde_json::from_str(REGISTRATION).unwrap()
}

#[test]
fn secret_is_redacted_everywhere() {
    let secret = Secret::new(SECRET).unwrap();
    assert_eq!(format!("{secret:?}"), "[REDACTED]");
    assert_eq!(format!("{secret:#?}"), "[REDACTED]");
    assert_eq!(secret.to_string(), "[REDACTED]");
    assert_eq!(serde_json::to_string(&secret).unwrap(), r#""[REDACTED]""#);
    assert_eq!(secret.expose_secret(), SECRET.as_bytes());
}

#[test]
fn endpoint_is_redacted_everywhere() {
    let endpoint = cortex();
    for shown in [
        format!("{endpoint:?}"),
        format!("{endpoint:#?}"),
        serde_json::to_string(&endpoint).unwrap(),
        serde_json::to_string_pretty(&endpoint).unwrap(),
    ] {
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
        assert!(shown.contains("your-app.com"), "{shown}");
    }
    assert_eq!(
        serde_json::to_value(&endpoint).unwrap(),
        serde_json::json!({
            "url": "https://your-app.com/webhooks/cortex",
            "events": ["scan.completed", "issue.critical"],
            "secret": "[REDACTED]",
            "active": true,
        })
    );
    // A logged endpoint cannot be read back as one holding a secret.
    let logged = serde_json::to_string(&endpoint).unwrap();
    let error = serde_json::from_str::<Endpoint>(&logged).unwrap_err();
    assert!(error.to_string().contains("placeholder"), "{error}");
}

#[test]
fn cortex_registration_body_deserializes() {
    let endpoint = cortex();
    assert_eq!(
        endpoint.url().to_string(),
        "https://your-app.com/webhooks/cortex"
    );
    assert_eq!(endpoint.name(), None);
    assert!(endpoint.is_active());
    assert_eq!(
        endpoint.events(),
        &Subscriptions::parse(["scan.completed", "issue.critical"]).unwrap()
    );
    assert_eq!(endpoint.secret(), Some(&Secret::new(SECRET).unwrap()));
    assert!(endpoint.wants(EventKind::new("scan.completed")));
    assert!(!endpoint.wants(EventKind::new("scan.started")));

    let inactive: Endpoint = serde_json::from_str(&REGISTRATION.replace("true", "false")).unwrap();
    assert!(!inactive.is_active());
    assert!(!inactive.wants(EventKind::new("scan.completed")));
}

#[test]
fn capawesome_shape_has_a_name_and_may_lack_a_secret() {
    let endpoint: Endpoint = serde_json::from_str(
        r#"{"name":"CI","url":"https://ci.example/hook","events":["job_finished"],"id":"ignored"}"#,
    )
    .unwrap();
    assert_eq!(endpoint.name(), Some("CI"));
    assert_eq!(
        endpoint.signer(Platform::CAPAWESOME).unwrap().map(|_| ()),
        None
    );
    assert!(endpoint.is_active());
    assert_eq!(
        serde_json::to_string(&endpoint).unwrap(),
        r#"{"name":"CI","url":"https://ci.example/hook","events":["job_finished"],"active":true}"#
    );
}

#[test]
fn the_endpoint_secret_signs_what_the_receiver_verifies() {
    let endpoint = cortex();
    let signer = endpoint.signer(Platform::CORTEX).unwrap().unwrap();
    let request = Platform::CORTEX
        .request(endpoint.url().clone())
        .event("scan.completed")
        .delivery_id("d-1")
        .sign_with(&signer)
        .body(b"{}".to_vec())
        .unwrap();
    let verifier = Platform::CORTEX.verifier(SECRET).unwrap();
    assert_eq!(verifier.verify_request(&request, at(0)), Ok(()));
    assert_eq!(Secret::new("").err(), Some(KeyError::EmptySecret));
    // An all-zero secret can be stored, but never signs: HMAC cannot tell
    // it from no secret.
    let zeros = Secret::new([0u8; 32]).unwrap();
    assert_eq!(
        zeros.signer(Platform::CORTEX).err(),
        Some(KeyError::AllZeroSecret)
    );
}
