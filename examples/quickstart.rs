//! Signs a request for every platform preset, with that platform's own
//! events, ids and secret format, verifies it as the platform's receiver
//! would, and checks that a one-byte change to the body is refused.
//!
//! Run with `cargo run --example quickstart`.

#![allow(clippy::print_stdout)]

use hooksig::{Platform, VerifyError};
use jiff::Timestamp;

/// One request as a platform sends it.
struct Sample {
    platform: &'static Platform,
    /// A secret in the form the platform issues: `whsec_` + base64 for
    /// Standard Webhooks and Svix, any string for the others.
    secret: &'static str,
    /// The event, sent in the platform's event header where it has one,
    /// and named in the body in any case.
    event: &'static str,
    /// The delivery id, for platforms with a delivery-id header.
    delivery_id: Option<&'static str>,
    body: &'static str,
}

const SAMPLES: [Sample; 11] = [
    Sample {
        platform: Platform::EMULUXE,
        secret: "emuluxe-webhook-secret",
        event: "session.started",
        delivery_id: None,
        body: r#"{"event":"session.started","timestamp":"2024-03-23T14:30:00.000Z","sessionId":"b4cf-9a2e-4b1a-8c3d","uid":"user_29384","data":{"device":"iphone-15-pro-max","url":"https://staging.acme.com","source":"cli"}}"#,
    },
    Sample {
        platform: Platform::PULSELABS,
        secret: "pulselabs-webhook-secret",
        event: "debate.synthesized",
        delivery_id: Some("0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e"),
        body: r#"{"event":"debate.synthesized","data":{"conversationId":"conv_8f3a","synthesis":"Ship on Tuesday, behind a feature flag."}}"#,
    },
    Sample {
        platform: Platform::CAPAWESOME,
        secret: "capawesome-signing-secret",
        event: "job_finished",
        delivery_id: None,
        body: r#"{"event":"job_finished","data":{"id":"16555c02-a320-4bec-a14a-52754d783970","appId":"70922e93-0944-48cc-a560-61135ab291ad","stack":"macos-tahoe","status":"succeeded","totalTimeInSeconds":27}}"#,
    },
    Sample {
        platform: Platform::SPLEXA,
        secret: "splexa-webhook-secret",
        event: "device.degraded",
        delivery_id: None,
        body: r#"{"event":"device.degraded","category":"network_event","timestamp":"2026-04-29T12:34:56.000Z","device":{"id":"ckxyz","name":"edge-router-04","networkId":"ckabc"},"metrics":{"lossPct":6.4,"avgLatencyMs":215,"peakLatencyMs":540}}"#,
    },
    Sample {
        platform: Platform::CORTEX,
        secret: "cortex-webhook-secret",
        event: "scan.completed",
        delivery_id: Some("5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f"),
        body: r#"{"event":"scan.completed","id":"evt_1234567890","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"scan_abc123","repo_url":"https://github.com/user/repo","status":"completed","score":85,"issues_count":12,"duration_seconds":45}}"#,
    },
    Sample {
        platform: Platform::GITHUB,
        secret: "It's a Secret to Everybody",
        event: "push",
        delivery_id: Some("72d3162e-cc78-11e3-81ab-4c9367dc0958"),
        body: r#"{"ref":"refs/heads/main","before":"9049f1265b7d61be4a8904a9a27120d2064dab3b","after":"0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c","repository":{"full_name":"octo-org/hello-world"},"pusher":{"name":"octocat"}}"#,
    },
    Sample {
        platform: Platform::SHOPIFY,
        secret: "shopify-app-client-secret",
        event: "orders/create",
        delivery_id: Some("b54557e4-bdd9-4b37-8a5f-bf7d70bcd043"),
        body: r#"{"id":820982911946154508,"email":"jon@example.com","total_price":"199.65","currency":"USD","financial_status":"paid"}"#,
    },
    Sample {
        platform: Platform::STRIPE,
        secret: "whsec_stripe_endpoint_secret",
        event: "payment_intent.succeeded",
        delivery_id: None,
        body: r#"{"id":"evt_3NwYQp2eZvKYlo2C0a8Xb1cD","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_3NwYQp2eZvKYlo2C0zk4Rz7u","object":"payment_intent","amount":2000,"currency":"usd","status":"succeeded"}}}"#,
    },
    Sample {
        platform: Platform::SLACK,
        secret: "8f742231b10e8888abcd99yyyzzz85a5",
        event: "event_callback",
        delivery_id: None,
        body: r#"{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","team_id":"T0001","api_app_id":"A0001","type":"event_callback","event_id":"Ev0LAN670R","event_time":1515449522,"event":{"type":"app_mention","user":"U0001","text":"<@U0LAN0Z89> is it everything a river should be?","channel":"C0LAN2Q65","ts":"1515449522.000016"}}"#,
    },
    Sample {
        platform: Platform::STANDARD_WEBHOOKS,
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        event: "contact.created",
        delivery_id: Some("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"),
        body: r#"{"type":"contact.created","timestamp":"2022-11-03T20:26:10.344522Z","data":{"id":"1f81eb52-5198-4599-803e-771906343485","type":"contact"}}"#,
    },
    Sample {
        platform: Platform::SVIX,
        secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
        event: "invoice.paid",
        delivery_id: Some("msg_p5jXN8AQM9LWM0D4loKWxJek"),
        body: r#"{"type":"invoice.paid","data":{"id":"invoice_WF7WtCLFFtd8ubcTgboSFNql","status":"paid","attempt":2}}"#,
    },
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The library never reads the clock; an application does, and hands it
    // in. Body-only schemes ignore it; Stripe, Slack and Standard Webhooks
    // sign it and check it against the receiver's `now`.
    let now = Timestamp::now();

    println!(
        "{:<17} {:<24} {:<36} signature",
        "platform", "event", "delivery id"
    );
    for sample in &SAMPLES {
        let platform = sample.platform;

        // The sender's side: the secret is read in the platform's format.
        let signer = platform.signer(sample.secret)?;
        let mut request = platform
            .request("https://receiver.example/webhooks")
            .event(sample.event)
            .timestamp(now)
            .sign_with(&signer);
        if let Some(id) = sample.delivery_id {
            request = request.delivery_id(id);
        }
        let request = request.body(sample.body)?;

        // The receiver's side: built once at start-up, then one call per
        // request, on the raw body bytes.
        let verifier = platform.verifier(sample.secret)?;
        verifier.verify_request(&request, now)?;

        // A space added to the body in transit: still the same JSON, but
        // not the bytes that were signed.
        let mut tampered = request.clone();
        tampered.body_mut().push(b' ');
        if verifier.verify_request(&tampered, now) != Err(VerifyError::Mismatch) {
            return Err(format!("{}: a tampered body was not refused", platform.name()).into());
        }

        let header = platform.signature_header();
        let signature = request.headers()[header.name()].to_str()?;
        let id = sample.delivery_id.unwrap_or("-");
        println!(
            "{:<17} {:<24} {:<36} {header}: {}",
            platform.name(),
            sample.event,
            id,
            shorten(signature),
        );
    }
    println!(
        "\nAll {} requests verified, and each refused once a space was added to its body.",
        SAMPLES.len()
    );
    Ok(())
}

/// The start of a signature, enough to tell its form.
fn shorten(value: &str) -> String {
    match value
        .char_indices()
        .nth(20)
        .and_then(|(end, _)| value.get(..end))
    {
        Some(start) => format!("{start}..."),
        None => value.to_owned(),
    }
}
