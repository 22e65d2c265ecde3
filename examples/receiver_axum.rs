//! A webhook receiver in axum, on 127.0.0.1 at a port the system picks,
//! two ways:
//!
//! - `/hooks/cortex` by hand: the raw `Bytes` and the `HeaderMap`, verified
//!   then decoded with `Verifier::decode`. The same three lines work in any
//!   framework that hands over the raw body.
//! - `/hooks/splexa` with the `Verified<E>` extractor (feature `axum`),
//!   which does the same in one argument.
//!
//! Both answer 401 for a bad signature, 400 for a bad payload and 2xx
//! otherwise, at once, and drop duplicates by the envelope's idempotency
//! key. To show it, the example sends itself requests built by the crate's
//! sender (good, replayed, tampered, wrongly signed, not an event, too
//! large), prints each answer, and shuts down.
//!
//! Run with `cargo run --example receiver_axum --features axum`.

#![allow(clippy::print_stdout)]

use std::collections::HashSet;
use std::error::Error;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hooksig::axum::{Receiver, Verified};
use hooksig::event::network::{Device, DeviceEvent, Kind, Metrics};
use hooksig::event::{Envelope, network, scan};
use hooksig::{Platform, Signer, Verifier};
use jiff::Timestamp;
use tokio::net::TcpListener;

type BoxError = Box<dyn Error + Send + Sync>;

const CORTEX_SECRET: &str = "whsec-cortex-example";
const SPLEXA_SECRET: &str = "whsec-splexa-example";

/// The router's state: what each route verifies with, and the keys of the
/// events already handled.
#[derive(Clone)]
struct App {
    /// Built once: every secret is keyed at start-up, not per request.
    cortex: Arc<Verifier>,
    splexa: Receiver<network::Event>,
    /// In memory for the example; a real receiver keeps the keys in its
    /// database, for as long as the platform may deliver again.
    seen: Arc<Mutex<HashSet<String>>>,
}

/// Lets `Verified<network::Event>` find its receiver in `App`.
impl FromRef<App> for Receiver<network::Event> {
    fn from_ref(app: &App) -> Self {
        app.splexa.clone()
    }
}

/// Cortex, by hand: `Bytes`, never `Json<_>`, whose body would have been
/// parsed and serialized again and no longer match the signature.
async fn cortex(State(app): State<App>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    let event: scan::Event = match app.cortex.decode(&headers, &body) {
        Ok(event) => event,
        // 401 when verification failed, 400 when the body is not a Cortex event.
        Err(error) => return (error.status(), error.to_string()),
    };
    app.handle(&event, &headers)
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

impl App {
    /// Deduplicates, then acknowledges. Slow work belongs on a queue: the
    /// platforms want an answer within seconds (Cortex 5 s, SPLEXA 8 s).
    fn handle<E: Envelope>(&self, event: &E, headers: &HeaderMap) -> (StatusCode, String) {
        let key = match event.idempotency_key(headers) {
            Ok(key) => key,
            Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()),
        };
        if let Some(key) = key {
            let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
            // A retry or a replay: acknowledge it, so the platform stops
            // sending, but do not handle it again.
            // Keys are per platform: two platforms' delivery ids may agree.
            if !seen.insert(format!("{}/{key}", E::platform().name())) {
                return (StatusCode::OK, format!("already handled {key}"));
            }
        }
        (StatusCode::OK, format!("handled {}", event.name()))
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let app = App {
        cortex: Arc::new(Verifier::new(CORTEX_SECRET)?),
        splexa: Receiver::new(Verifier::new(SPLEXA_SECRET)?).with_body_limit(64 * 1024),
        seen: Arc::default(),
    };
    let router = Router::new()
        .route("/hooks/cortex", post(cortex))
        .route("/hooks/splexa", post(splexa))
        .with_state(app);
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    println!("receiver listening on {base}\n");

    let cortex_signer = Signer::new(CORTEX_SECRET)?;
    let splexa_signer = Signer::new(SPLEXA_SECRET)?;
    let intruder = Signer::new("not-the-secret")?;
    let now = Timestamp::now(); // the application's clock, not the crate's

    let completed = scan::Event::new(
        "evt_1234567890",
        now,
        scan::Data::Completed(scan::Completed::new(
            "scan_abc123",
            "https://github.com/user/repo",
            85,
            12,
            45,
        )),
    )
    .to_vec()?;
    let degraded = network::Event::new(
        "device.degraded",
        now,
        Kind::Device(DeviceEvent::new(
            Device::new("ckxyz", "edge-router-04", "ckabc"),
            Some(Metrics::new(6.4, 215.0, 540.0)),
        )),
    )
    .to_vec()?;
    let tamper = |body: &[u8], from: &str, to: &str| {
        String::from_utf8_lossy(body).replace(from, to).into_bytes()
    };

    let cortex = |signer, body: Vec<u8>| -> Result<http::Request<Vec<u8>>, BoxError> {
        Ok(Platform::CORTEX
            .request(format!("{base}/hooks/cortex"))
            .event("scan.completed")
            .delivery_id("5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f")
            .sign_with(signer)
            .body(body)?)
    };
    let splexa = |signer, body: Vec<u8>| -> Result<http::Request<Vec<u8>>, BoxError> {
        Ok(Platform::SPLEXA
            .request(format!("{base}/hooks/splexa"))
            .sign_with(signer)
            .body(body)?)
    };
    let mut tampered_cortex = cortex(&cortex_signer, completed.clone())?;
    *tampered_cortex.body_mut() = tamper(&completed, r#""score":85"#, r#""score":100"#);
    let mut tampered_splexa = splexa(&splexa_signer, degraded.clone())?;
    *tampered_splexa.body_mut() = tamper(&degraded, r#""lossPct":6.4"#, r#""lossPct":0.1"#);
    let mut unsigned = splexa(&splexa_signer, degraded.clone())?;
    unsigned.headers_mut().remove("x-splexa-signature");
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
    ];

    let client = reqwest::Client::new();
    for (what, request) in requests {
        let response = client.execute(reqwest::Request::try_from(request)?).await?;
        let status = response.status();
        println!("{what}\n    {status}: {}", response.text().await?);
    }

    server.abort();
    Ok(())
}
