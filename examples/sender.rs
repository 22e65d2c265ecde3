//! A sender's loop, for real: endpoints registered from JSON, each event
//! delivered to the endpoints that subscribe to it, signed, sent over HTTP,
//! retried on PulseLABS's schedule, and written to a delivery log; then a
//! failed delivery replayed from the log, and a `webhook.test` sent.
//!
//! The receiver is started here too, on 127.0.0.1 at a port the system
//! picks: it verifies every signature, fails the first two requests to one
//! endpoint so retries show, and is down for another until it "recovers".
//! The crate makes the decisions; this file owns the clock, the HTTP client
//! and the ids, as any sender would. It finishes by itself in about six
//! seconds (PulseLABS waits 1 s, then 5 s).
//!
//! Run with `cargo run --example sender`.

#![allow(clippy::print_stdout)]

use std::error::Error;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hooksig::delivery::{
    Attempt, Attempted, Delivery, DeliveryId, DeliveryPolicy, DeliveryRecord, Endpoint, EventKind,
    Health, Jitter, Next, Outcome,
};
use hooksig::event::debate;
use hooksig::{Platform, Signer, Verifier};
use jiff::Timestamp;
use tokio::net::TcpListener;

type BoxError = Box<dyn Error + Send + Sync>;

const SECRET: &str = "whsec-sender-example";
/// The platform whose conventions this sender follows: its headers, its
/// signature scheme and its secret format.
const PLATFORM: &Platform = Platform::PULSELABS;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let receiver = Arc::new(Receiver::new()?);
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(serve(listener, Arc::clone(&receiver)));
    // A port nothing listens on: connections to it are refused.
    let closed = TcpListener::bind("127.0.0.1:0").await?.local_addr()?;
    println!("receiver listening on {base}\n");

    // Registration bodies, as an API would take them.
    let registrations = [
        format!(
            r#"{{"name":"ci","url":"{base}/hooks/ci","events":["simulation.*"],"secret":"{SECRET}"}}"#
        ),
        format!(
            r#"{{"name":"audit","url":"{base}/hooks/audit","events":["*"],"secret":"{SECRET}"}}"#
        ),
        format!(
            r#"{{"name":"chat","url":"{base}/hooks/chat","events":["debate.synthesized"],"secret":"{SECRET}"}}"#
        ),
        format!(
            r#"{{"name":"gone","url":"http://{closed}/hooks","events":["simulation.report.ready"],"secret":"{SECRET}"}}"#
        ),
    ];
    let mut endpoints = Vec::new();
    for body in &registrations {
        let endpoint: Endpoint = serde_json::from_str(body)?;
        println!("registered {}", serde_json::to_string(&endpoint)?);
        let signer = endpoint.signer(PLATFORM)?; // keyed once per endpoint
        endpoints.push(Arc::new(Registered {
            signer,
            health: Mutex::new(POLICY.health()),
            endpoint,
        }));
    }

    let client = reqwest::Client::builder().timeout(POLICY.timeout).build()?;
    let log = Arc::new(Log::default());
    let ids = Arc::new(Ids::default());

    // One event, to every endpoint that wants it, in parallel.
    let event = debate::Event::new(debate::Data::ReportReady(debate::ReportReady::new(
        "sim_42",
        "Q3 launch",
        12,
    )));
    let kind = EventKind::new(event.name());
    println!("\nevent {}", kind.name());
    let mut tasks = Vec::new();
    for registered in &endpoints {
        let name = registered.name();
        if !registered.endpoint.wants(kind) {
            let patterns: Vec<String> = registered
                .endpoint
                .events()
                .patterns()
                .iter()
                .map(ToString::to_string)
                .collect();
            println!("[{name}] skipped: subscribes to {}", patterns.join(", "));
            continue;
        }
        let delivery = Delivery::from_event(ids.fresh()?, &event)?;
        let (client, log, registered) = (client.clone(), Arc::clone(&log), Arc::clone(registered));
        tasks.push(tokio::spawn(async move {
            let next = deliver(&client, &registered, &delivery, &log).await?;
            Ok::<_, BoxError>((registered, delivery, next))
        }));
    }
    let mut finished = Vec::new();
    for task in tasks {
        finished.push(task.await??);
    }

    // The audit endpoint is back: replay its failed delivery from the log.
    receiver.audit_down.store(false, Ordering::SeqCst);
    let (audit, failed, _) = finished
        .iter()
        .find(|(registered, _, next)| {
            registered.name() == "audit" && matches!(next, Next::Failed { .. })
        })
        .ok_or("the audit delivery did not fail")?;
    let failed = log
        .records()
        .into_iter()
        .rev()
        .find(|record| record.delivery_id() == failed.id())
        .ok_or("the failed delivery is not in the log")?;
    let replay = failed.replay(ids.fresh()?)?;
    println!("\nreplaying {} as {}", failed.delivery_id(), replay.id());
    deliver(&client, audit, &replay, &log).await?;
    let received = receiver
        .last_body("/hooks/audit")
        .ok_or("audit saw nothing")?;
    println!(
        "the receiver got the logged body byte for byte: {}",
        received == failed.request_body()
    );

    // "Send test" for the chat endpoint, which does not subscribe to it.
    let chat = endpoints
        .iter()
        .find(|registered| registered.name() == "chat")
        .ok_or("no chat endpoint")?;
    let test = Delivery::webhook_test(
        ids.fresh()?,
        "wh_chat",
        "Hello from the sender example",
        Timestamp::now(),
    )?;
    println!("\nsending {} to chat", test.event());
    deliver(&client, chat, &test, &log).await?;

    println!("\nhealth");
    for registered in &endpoints {
        let health = registered.health();
        println!(
            "  {:5} {:?}, {} failure(s) in a row",
            registered.name(),
            health.state(),
            health.consecutive_failures()
        );
    }

    println!("\ndelivery log ({} records)", log.records().len());
    for record in log.records() {
        println!("  {}", serde_json::to_string(&record)?);
    }

    server.abort();
    Ok(())
}

/// The delivery rules this sender follows.
static POLICY: DeliveryPolicy = DeliveryPolicy::PULSELABS;

/// An endpoint with what the sender keeps beside it.
struct Registered {
    endpoint: Endpoint,
    signer: Option<Signer>,
    health: Mutex<Health>,
}

impl Registered {
    fn name(&self) -> &str {
        self.endpoint.name().unwrap_or("unnamed")
    }

    fn health(&self) -> Health {
        self.health
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Sends `delivery` to `registered` until the schedule says it is finished,
/// logging every attempt.
async fn deliver(
    client: &reqwest::Client,
    registered: &Registered,
    delivery: &Delivery,
    log: &Log,
) -> Result<Next, BoxError> {
    let name = registered.name();
    let mut attempt = Attempt::FIRST;
    loop {
        let request =
            delivery.request(PLATFORM, &registered.endpoint, registered.signer.as_ref())?;
        let sent_at = Timestamp::now();
        let started = Instant::now();
        let (outcome, response) = send(client, request).await;
        let duration = started.elapsed();
        // A client that let a slow answer through still misses the limit.
        let outcome = match outcome {
            Outcome::Status(status) => POLICY.outcome(status, duration),
            other => other,
        };

        log.push(delivery.record(Attempted {
            attempt,
            sent_at,
            duration,
            outcome,
            response_body: response.as_deref(),
        }));
        registered
            .health
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .observe(&outcome);

        // The wait before a retry counts from the end of this attempt.
        let ended_at = sent_at.checked_add(duration)?;
        let next = POLICY.retry.next(attempt, &outcome, ended_at, Jitter::NONE);
        let shown = match outcome.failure() {
            None => outcome
                .status()
                .map(|status| status.to_string())
                .unwrap_or_default(),
            Some(failure) => failure.to_string(),
        };
        match next {
            Next::Retry {
                attempt: following,
                delay,
                ..
            } => {
                println!(
                    "[{name}] attempt {attempt}: {shown} in {duration:.0?}; attempt {following} in {delay:?}"
                );
                tokio::time::sleep(delay).await;
                attempt = following;
            }
            Next::Delivered { attempts } => {
                println!(
                    "[{name}] attempt {attempt}: {shown} in {duration:.0?}; delivered after {attempts} attempt(s)"
                );
                return Ok(next);
            }
            Next::Failed { attempts, last } => {
                println!(
                    "[{name}] attempt {attempt}: {shown} in {duration:.0?}; failed after {attempts} attempt(s): {last}"
                );
                return Ok(next);
            }
        }
    }
}

/// One HTTP attempt, and what came of it.
async fn send(
    client: &reqwest::Client,
    request: http::Request<Vec<u8>>,
) -> (Outcome, Option<Vec<u8>>) {
    let Ok(request) = reqwest::Request::try_from(request) else {
        return (Outcome::ConnectionFailed, None);
    };
    let failed = |error: reqwest::Error| {
        if error.is_timeout() {
            Outcome::TimedOut
        } else {
            Outcome::ConnectionFailed
        }
    };
    match client.execute(request).await {
        Ok(response) => {
            let status = response.status();
            match response.bytes().await {
                Ok(body) => (Outcome::Status(status.into()), Some(body.to_vec())),
                Err(error) => (failed(error), None),
            }
        }
        Err(error) => (failed(error), None),
    }
}

/// The delivery log: every attempt's record, in order.
#[derive(Default)]
struct Log {
    records: Mutex<Vec<DeliveryRecord>>,
}

impl Log {
    fn push(&self, record: DeliveryRecord) {
        self.records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(record);
    }

    fn records(&self) -> Vec<DeliveryRecord> {
        self.records
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Delivery ids: the sender makes them (the crate has no randomness). A
/// real sender would use UUIDv4s.
#[derive(Default)]
struct Ids(AtomicU32);

impl Ids {
    fn fresh(&self) -> Result<DeliveryId, BoxError> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(format!("00000000-0000-4000-8000-{n:012x}").parse()?)
    }
}

/// The receiving side: verifies, then answers as each route is set up to.
struct Receiver {
    verifier: Verifier,
    ci_requests: AtomicU32,
    audit_down: AtomicBool,
    bodies: Mutex<Vec<(&'static str, Vec<u8>)>>,
}

impl Receiver {
    fn new() -> Result<Self, BoxError> {
        Ok(Self {
            verifier: PLATFORM.verifier(SECRET)?,
            ci_requests: AtomicU32::new(0),
            audit_down: AtomicBool::new(true),
            bodies: Mutex::new(Vec::new()),
        })
    }

    fn receive(
        &self,
        route: &'static str,
        headers: &HeaderMap,
        body: &[u8],
    ) -> (StatusCode, String) {
        // PulseLABS signs the body alone: the time is not used.
        if let Err(error) = self.verifier.verify(headers, body, Timestamp::now()) {
            return (StatusCode::UNAUTHORIZED, error.to_string());
        }
        self.bodies
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((route, body.to_vec()));
        let (status, answer) = match route {
            "/hooks/ci" if self.ci_requests.fetch_add(1, Ordering::SeqCst) < 2 => {
                (StatusCode::SERVICE_UNAVAILABLE, "warming up")
            }
            "/hooks/audit" if self.audit_down.load(Ordering::SeqCst) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "database is down")
            }
            _ => (StatusCode::OK, "ok"),
        };
        (status, answer.to_owned())
    }

    fn last_body(&self, route: &str) -> Option<Vec<u8>> {
        let bodies = self.bodies.lock().unwrap_or_else(PoisonError::into_inner);
        bodies
            .iter()
            .rev()
            .find(|(seen, _)| *seen == route)
            .map(|(_, body)| body.clone())
    }
}

async fn serve(listener: TcpListener, receiver: Arc<Receiver>) -> std::io::Result<()> {
    let route = |path: &'static str| {
        post(
            move |State(receiver): State<Arc<Receiver>>, headers: HeaderMap, body: Bytes| async move {
                receiver.receive(path, &headers, &body)
            },
        )
    };
    let app = Router::new()
        .route("/hooks/ci", route("/hooks/ci"))
        .route("/hooks/audit", route("/hooks/audit"))
        .route("/hooks/chat", route("/hooks/chat"))
        .with_state(receiver);
    axum::serve(listener, app).await
}
