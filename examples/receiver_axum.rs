//! A webhook receiver in axum, on 127.0.0.1 at a port the system picks,
//! three ways:
//!
//! - `/hooks/cortex` by hand: the raw `Bytes` and the `HeaderMap`, verified
//!   with a `Verifier`, then decoded with `Envelope::decode`. The same two
//!   calls work in any framework that hands over the raw body.
//! - `/hooks/splexa` with the `Verified<E>` extractor (feature `axum`),
//!   which reads, verifies and decodes in one argument.
//! - `/hooks/stripe` with the `VerifiedBody<T>` extractor, for a platform
//!   without a typed envelope; Stripe signs a timestamp, which the
//!   receiver judges against the clock.
//!
//! The extractors take their `Receiver` from the router's state: `App`
//! below holds one per platform, each found through `FromRef`.
//!
//! Every route answers 401 for a bad signature, 400 for a bad payload and
//! 2xx otherwise, at once, and drops duplicates. To show it, the example
//! sends itself requests built by the crate's sender (good, replayed,
//! tampered, wrongly signed, stale, not an event, too large), prints each
//! answer, and shuts down.
//!
//! Run with `cargo run --example receiver_axum --features axum`.

#![allow(clippy::print_stdout)]

use std::collections::HashSet;
use std::error::Error;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hooksig::axum::{Receiver, Verified, VerifiedBody};
use hooksig::event::network::{Device, DeviceEvent, Kind, Metrics, MetricsFields};
use hooksig::event::{Envelope, network, scan};
use hooksig::{Platform, Signer, Verifier};
use jiff::{SignedDuration, Timestamp};
use tokio::net::TcpListener;

type BoxError = Box<dyn Error + Send + Sync>;

const CORTEX_SECRET: &str = "cortex-webhook-secret";
const SPLEXA_SECRET: &str = "splexa-webhook-secret";
const STRIPE_SECRET: &str = "whsec_stripe_endpoint_secret";

/// Names the Stripe receiver in the state: Stripe has no typed envelope.
struct Stripe;

/// The router's state: what each route verifies with, and the keys of the
/// events already handled. Every secret is keyed once, here, not per
/// request; cloning the state shares them.
#[derive(Clone)]
struct App {
    /// For the route that verifies by hand.
    cortex: Arc<Verifier>,
    /// For the extractors: `Verified<network::Event>` and
    /// `VerifiedBody<Stripe>` find theirs by type, through `FromRef`.
    splexa: Receiver<network::Event>,
    stripe: Receiver<Stripe>,
    /// In memory for the example; a real receiver keeps the keys in its
    /// database, for as long as the platform may deliver again.
    seen: Arc<Mutex<HashSet<String>>>,
}

// With axum's `macros` feature, `#[derive(FromRef)]` on `App` writes these.
// This crate's dev-dependency on axum does not enable it, so they are
// written by hand: one per receiver.

impl FromRef<App> for Receiver<network::Event> {
    fn from_ref(app: &App) -> Self {
        app.splexa.clone()
    }
}

impl FromRef<App> for Receiver<Stripe> {
    fn from_ref(app: &App) -> Self {
        app.stripe.clone()
    }
}

/// Cortex, by hand: `Bytes`, never `Json<_>`, whose body would have been
/// parsed and serialized again and no longer match the signature.
async fn cortex(State(app): State<App>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    // Cortex signs the body alone, so the time is not used; a timestamped
    // scheme would judge its signed time against it.
    if let Err(error) = app.cortex.verify(&headers, &body, Timestamp::now()) {
        return (StatusCode::UNAUTHORIZED, error.to_string());
    }
    // Verified: only now is the body parsed.
    match scan::Event::decode(&body) {
        Ok(event) => app.handle(&event, &headers),
        Err(error) => (StatusCode::BAD_REQUEST, error.to_string()),
    }
}

/// SPLEXA, with the extractor: it has read the body within the limit,
/// verified it and decoded it, or answered 413, 401 or 400 itself.
async fn splexa(
    State(app): State<App>,
    headers: HeaderMap,
    Verified(event): Verified<network::Event>,
) -> (StatusCode, String) {
    app.handle(&event, &headers)
}

/// Stripe, with the raw-body extractor: verified, timestamp included, and
/// handed over byte for byte to decode as the handler likes.
async fn stripe(State(app): State<App>, body: VerifiedBody<Stripe>) -> (StatusCode, String) {
    let event: StripeEvent = match serde_json::from_slice(&body) {
        Ok(event) => event,
        Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()),
    };
    // Stripe may deliver an event more than once: its id says which.
    if !app.first_time(format!("Stripe/{}", event.id)) {
        return (StatusCode::OK, format!("already handled {}", event.id));
    }
    (StatusCode::OK, format!("handled {}", event.kind))
}

/// The fields of a Stripe event this receiver reads.
#[derive(serde::Deserialize)]
struct StripeEvent {
    id: String,
    #[serde(rename = "type")]
    kind: String,
}

impl App {
    /// Deduplicates by the envelope's idempotency key, then acknowledges.
    /// Slow work belongs on a queue: the platforms want an answer within
    /// seconds (Cortex 5 s, SPLEXA 8 s).
    fn handle<E: Envelope>(&self, event: &E, headers: &HeaderMap) -> (StatusCode, String) {
        let key = match event.idempotency_key(headers) {
            Ok(key) => key,
            Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()),
        };
        // Keys are per platform: two platforms' delivery ids may agree.
        if let Some(key) = key
            && !self.first_time(format!("{}/{key}", E::platform().name()))
        {
            // A retry or a replay: acknowledge it, so the platform stops
            // sending, but do not handle it again.
            return (StatusCode::OK, format!("already handled {key}"));
        }
        (StatusCode::OK, format!("handled {}", event.name()))
    }

    /// Whether `key` is new, remembering it.
    fn first_time(&self, key: String) -> bool {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key)
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let app = App {
        cortex: Arc::new(Platform::CORTEX.verifier(CORTEX_SECRET)?),
        splexa: Receiver::new(Platform::SPLEXA.verifier(SPLEXA_SECRET)?).with_body_limit(64 * 1024),
        stripe: Receiver::new(Platform::STRIPE.verifier(STRIPE_SECRET)?),
        seen: Arc::default(),
    };
    let router = Router::new()
        .route("/hooks/cortex", post(cortex))
        .route("/hooks/splexa", post(splexa))
        .route("/hooks/stripe", post(stripe))
        .with_state(app);
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    println!("receiver listening on {base}\n");

    // The senders' side, as each platform signs.
    let cortex_signer = Platform::CORTEX.signer(CORTEX_SECRET)?;
    let splexa_signer = Platform::SPLEXA.signer(SPLEXA_SECRET)?;
    let stripe_signer = Platform::STRIPE.signer(STRIPE_SECRET)?;
    let intruder = Platform::CORTEX.signer("not-the-secret")?;
    let now = Timestamp::now(); // the application's clock, not the crate's

    let completed = scan::Event::new(
        "evt_1234567890",
        now,
        scan::Data::Completed(scan::Completed::from(scan::CompletedFields {
            scan_id: "scan_abc123".into(),
            repo_url: "https://github.com/user/repo".into(),
            status: scan::ScanStatus::Completed,
            score: 85,
            issues_count: 12,
            duration_seconds: 45,
        })),
    )
    .to_vec()?;
    let degraded = network::Event::new(
        "device.degraded",
        now,
        Kind::Device(DeviceEvent::new(
            Device::new("ckxyz", "edge-router-04", "ckabc"),
            Some(Metrics::from(MetricsFields {
                loss_pct: 6.4,
                avg_latency_ms: 215.0,
                peak_latency_ms: 540.0,
            })),
        )),
    )
    .to_vec()?;
    let payment = br#"{"id":"evt_3NwYQp2eZvKYlo2C0a8Xb1cD","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_3NwYQp2eZvKYlo2C0zk4Rz7u","amount":2000,"currency":"usd"}}}"#;
    let tamper = |body: &[u8], from: &str, to: &str| {
        String::from_utf8_lossy(body).replace(from, to).into_bytes()
    };

    let cortex = |signer: &Signer, body: Vec<u8>| -> Result<http::Request<Vec<u8>>, BoxError> {
        Ok(Platform::CORTEX
            .request(format!("{base}/hooks/cortex"))
            .event("scan.completed")
            .delivery_id("5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f")
            .sign_with(signer)
            .body(body)?)
    };
    let splexa = |signer: &Signer, body: Vec<u8>| -> Result<http::Request<Vec<u8>>, BoxError> {
        Ok(Platform::SPLEXA
            .request(format!("{base}/hooks/splexa"))
            .sign_with(signer)
            .body(body)?)
    };
    let stripe = |sent_at: Timestamp| -> Result<http::Request<Vec<u8>>, BoxError> {
        Ok(Platform::STRIPE
            .request(format!("{base}/hooks/stripe"))
            .timestamp(sent_at)
            .sign_with(&stripe_signer)
            .body(payment.to_vec())?)
    };
    let mut tampered_cortex = cortex(&cortex_signer, completed.clone())?;
    *tampered_cortex.body_mut() = tamper(&completed, r#""score":85"#, r#""score":100"#);
    let mut tampered_splexa = splexa(&splexa_signer, degraded.clone())?;
    *tampered_splexa.body_mut() = tamper(&degraded, r#""lossPct":6.4"#, r#""lossPct":0.1"#);
    let mut unsigned = splexa(&splexa_signer, degraded.clone())?;
    unsigned
        .headers_mut()
        .remove(Platform::SPLEXA.signature_header().name());
    let not_an_event = br#"{"event":"device.degraded","category":"network_event"}"#.to_vec();
    let huge = format!(r#"{{"padding":"{}"}}"#, "x".repeat(100 * 1024)).into_bytes();

    let requests = [
        (
            "cortex: scan.completed",
            cortex(&cortex_signer, completed.clone())?,
        ),
        (
            "cortex: the same event again",
            cortex(&cortex_signer, completed.clone())?,
        ),
        ("cortex: score raised in transit", tampered_cortex),
        (
            "cortex: signed with another secret",
            cortex(&intruder, completed)?,
        ),
        (
            "cortex: signed, but not an event",
            cortex(&cortex_signer, b"[]".to_vec())?,
        ),
        (
            "splexa: device.degraded",
            splexa(&splexa_signer, degraded.clone())?,
        ),
        (
            "splexa: a byte-for-byte replay",
            splexa(&splexa_signer, degraded)?,
        ),
        ("splexa: loss rewritten in transit", tampered_splexa),
        ("splexa: no signature header", unsigned),
        (
            "splexa: signed, fields missing",
            splexa(&splexa_signer, not_an_event)?,
        ),
        (
            "splexa: 100 KiB over a 64 KiB limit",
            splexa(&splexa_signer, huge)?,
        ),
        ("stripe: payment_intent.succeeded", stripe(now)?),
        ("stripe: the same event again", stripe(now)?),
        (
            "stripe: signed ten minutes ago",
            stripe(now.checked_sub(SignedDuration::from_mins(10))?)?,
        ),
    ];

    // Every request is to this process's own server: none waits long.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()?;
    for (what, request) in requests {
        let response = client.execute(reqwest::Request::try_from(request)?).await?;
        let status = response.status();
        println!("{what}\n    {status}: {}", response.text().await?);
    }

    server.abort();
    Ok(())
}
