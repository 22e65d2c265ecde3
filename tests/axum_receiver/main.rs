//! A real round trip on loopback: an axum server on an ephemeral port
//! receives with the `hooksig::axum` extractors, and real HTTP requests,
//! built and signed by the crate's sender, arrive through reqwest (or a raw
//! socket, for framings reqwest does not send). Every test is bounded in
//! time and stops its server.
//!
//! This file holds the server and the requests; the tests are by answer:
//! [`accepted`] (2xx, handled once), [`refused`] (401, 400, 413) and
//! [`retry`] (a sender on a retry schedule).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "../events/event_support.rs"]
mod event_support;

mod accepted;
mod discord;
mod limits;
mod refused;
mod retry;

use std::collections::HashSet;
use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hooksig::axum::{Receiver, Verified, VerifiedBody};
use hooksig::event::{Envelope, IdempotencyKey, debate, job, network, scan, session};
use hooksig::{Platform, Signer};
use jiff::Timestamp;
use tokio::net::TcpListener;

use event_support::seed;

/// Every test finishes well within this, or fails.
const BOUND: Duration = Duration::from_secs(20);
/// The receivers' body limit, small enough to cross cheaply.
const LIMIT: usize = 16 * 1024;

/// Names the GitHub receiver in the state: GitHub has no typed envelope.
struct GitHub;
/// Names the Stripe receiver: a timestamped scheme, judged by a fixed clock.
struct Stripe;

fn secret(platform: &Platform) -> String {
    format!("whsec-{}", platform.name())
}

fn signer(platform: &Platform) -> Signer {
    platform.signer(secret(platform)).unwrap()
}

fn receiver<T>(platform: &Platform) -> Receiver<T> {
    let verifier = platform.verifier(secret(platform)).unwrap();
    Receiver::new(verifier).with_body_limit(LIMIT)
}

/// The time the Stripe receiver's clock always gives.
fn stripe_now() -> Timestamp {
    Timestamp::from_second(1_777_466_096).unwrap()
}

/// What the handlers did: events handled, keys seen, failures to come.
#[derive(Default)]
struct Log {
    /// (platform, event name) of every event handled, in order.
    handled: Mutex<Vec<(String, String)>>,
    /// Keys are per platform: two platforms' delivery ids may agree.
    seen: Mutex<HashSet<(String, IdempotencyKey)>>,
    /// How many more times the flaky route answers 503.
    failures_left: AtomicU32,
    /// The delivery id of every verified request the flaky route saw.
    flaky_deliveries: Mutex<Vec<String>>,
}

impl Log {
    /// Handles an event unless its key was seen; a duplicate is
    /// acknowledged all the same, so the sender stops.
    fn handle(&self, platform: &str, event: &str, key: Option<IdempotencyKey>) -> StatusCode {
        if let Some(key) = key
            && !self.seen.lock().unwrap().insert((platform.to_owned(), key))
        {
            return StatusCode::OK;
        }
        let mut handled = self.handled.lock().unwrap();
        handled.push((platform.to_owned(), event.to_owned()));
        StatusCode::NO_CONTENT
    }

    fn handled(&self) -> Vec<(String, String)> {
        self.handled.lock().unwrap().clone()
    }

    fn count(&self, platform: &Platform) -> usize {
        let handled = self.handled.lock().unwrap();
        handled.iter().filter(|(p, _)| p == platform.name()).count()
    }
}

macro_rules! app {
    ($($field:ident: $source:ty),* $(,)?) => {
        /// The router's state: the application's own, holding a receiver
        /// per platform.
        #[derive(Clone)]
        struct App {
            $($field: Receiver<$source>,)*
            log: Arc<Log>,
        }

        $(impl FromRef<App> for Receiver<$source> {
            fn from_ref(app: &App) -> Self {
                app.$field.clone()
            }
        })*
    };
}

app! {
    emuluxe: session::Event,
    pulselabs: debate::Event,
    capawesome: job::Event,
    splexa: network::Event,
    cortex: scan::Event,
    github: GitHub,
    stripe: Stripe,
}

async fn typed<E: Envelope>(
    State(app): State<App>,
    headers: HeaderMap,
    Verified(event): Verified<E>,
) -> StatusCode
where
    Receiver<E>: FromRef<App>,
{
    match event.idempotency_key(&headers) {
        Ok(key) => app.log.handle(E::platform().name(), event.name(), key),
        Err(_) => StatusCode::BAD_REQUEST,
    }
}

async fn github(
    State(app): State<App>,
    headers: HeaderMap,
    body: VerifiedBody<GitHub>,
) -> StatusCode {
    let Ok(key) = IdempotencyKey::from_delivery_header(Platform::GITHUB, &headers) else {
        return StatusCode::BAD_REQUEST;
    };
    // The bytes as sent: still valid JSON, whitespace and all.
    if serde_json::from_slice::<serde_json::Value>(&body).is_err() {
        return StatusCode::BAD_REQUEST;
    }
    let event = headers["x-github-event"].to_str().unwrap_or("?").to_owned();
    app.log.handle("GitHub", &event, key)
}

async fn stripe(State(app): State<App>, body: VerifiedBody<Stripe>) -> StatusCode {
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    let name = event["type"].as_str().unwrap_or("?").to_owned();
    app.log.handle("Stripe", &name, None)
}

/// A PulseLABS receiver whose database is down for the first requests:
/// it answers 503 before handling, so the event is not marked seen.
async fn flaky(
    State(app): State<App>,
    headers: HeaderMap,
    Verified(event): Verified<debate::Event>,
) -> StatusCode {
    let delivery = headers["x-pulselabs-delivery"].to_str().unwrap().to_owned();
    app.log.flaky_deliveries.lock().unwrap().push(delivery);
    let down = app
        .log
        .failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if down {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    match event.idempotency_key(&headers) {
        Ok(key) => app.log.handle("PulseLABS (flaky)", event.name(), key),
        Err(_) => StatusCode::BAD_REQUEST,
    }
}

/// A running server: its base URL and what its handlers did.
struct Server {
    base: String,
    log: Arc<Log>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start() -> Server {
    let log = Arc::new(Log::default());
    let app = App {
        emuluxe: receiver(Platform::EMULUXE),
        pulselabs: receiver(Platform::PULSELABS),
        capawesome: receiver(Platform::CAPAWESOME),
        splexa: receiver(Platform::SPLEXA),
        cortex: receiver(Platform::CORTEX),
        github: receiver(Platform::GITHUB),
        stripe: receiver(Platform::STRIPE).with_clock(stripe_now),
        log: Arc::clone(&log),
    };
    let router = Router::new()
        .route("/emuluxe", post(typed::<session::Event>))
        .route("/pulselabs", post(typed::<debate::Event>))
        .route("/capawesome", post(typed::<job::Event>))
        .route("/splexa", post(typed::<network::Event>))
        .route("/cortex", post(typed::<scan::Event>))
        .route("/github", post(github))
        .route("/stripe", post(stripe))
        .route("/flaky", post(flaky))
        .with_state(app);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move { axum::serve(listener, router).await });
    Server { base, log, task }
}

/// Runs `test` with a fresh server, failing if it takes longer than
/// [`BOUND`].
async fn bounded<F, Fut>(test: F)
where
    F: FnOnce(Server) -> Fut,
    Fut: Future<Output = ()>,
{
    let server = start().await;
    tokio::time::timeout(BOUND, test(server))
        .await
        .expect("the test took too long");
}

/// One valid delivery for a seed platform: its route, event name and body
/// (the seed's example payload, byte for byte, where there is one).
struct Case {
    platform: &'static Platform,
    path: &'static str,
    event: &'static str,
    body: Vec<u8>,
}

fn case(platform: &'static Platform) -> Case {
    let (path, event, body) = match platform.name() {
        "Emuluxe" => (
            "/emuluxe",
            "session.started",
            seed("emuluxe_session_started.json"),
        ),
        // The seed shows no PulseLABS body: the typed envelope makes one.
        "PulseLABS" => (
            "/pulselabs",
            "debate.synthesized",
            debate::Event::new(debate::Data::Synthesized(debate::Synthesized::new(
                "conv_1",
                "Ship it on Tuesday.",
            )))
            .to_vec()
            .unwrap(),
        ),
        "Capawesome" => (
            "/capawesome",
            "job_finished",
            seed("capawesome_job_finished.json"),
        ),
        "SPLEXA" => (
            "/splexa",
            "device.degraded",
            seed("splexa_device_degraded.json"),
        ),
        "Cortex" => (
            "/cortex",
            "scan.completed",
            seed("cortex_scan_completed.json"),
        ),
        "GitHub" => (
            "/github",
            "ping",
            b"{\n  \"zen\": \"Design for failure.\",\n  \"hook_id\": 42\n}\n".to_vec(),
        ),
        other => panic!("no case for {other}"),
    };
    Case {
        platform,
        path,
        event,
        body,
    }
}

impl Case {
    /// The request the platform sends, signed with `signer`.
    fn request(
        &self,
        base: &str,
        signer: &Signer,
        delivery: &str,
        body: &[u8],
    ) -> http::Request<Vec<u8>> {
        self.platform
            .request(format!("{base}{}", self.path))
            .event(self.event)
            .delivery_id(delivery)
            .sign_with(signer)
            .body(body.to_vec())
            .unwrap()
    }

    fn signed(&self, base: &str, delivery: &str) -> http::Request<Vec<u8>> {
        self.request(base, &signer(self.platform), delivery, &self.body)
    }
}

/// Sends `request` and returns the answer's status and body.
async fn send(request: http::Request<Vec<u8>>) -> (StatusCode, String) {
    let client = reqwest::Client::new();
    let response = client
        .execute(reqwest::Request::try_from(request).unwrap())
        .await
        .unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}
