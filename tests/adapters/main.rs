//! The framework adapters on real servers: the tower layer on an axum
//! router and on a bare hyper server, and the actix-web extractors, each
//! on 127.0.0.1 at an ephemeral port, driven by reqwest (or a raw socket,
//! for framings reqwest does not send). Every test is bounded in time and
//! stops its server.
//!
//! Each adapter's server has the same routes: `/typed/<platform>` decodes
//! the typed event of each seed platform with an envelope, and
//! `/raw/<platform>` hands over the verified bytes (every seed platform,
//! and Stripe with a fixed clock). The same suite ([`suite!`]) runs against
//! each; [`tower_axum`] also checks that the layer composes with a router's
//! other layers.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[path = "../events/event_support.rs"]
mod event_support;

mod actix;
mod suite;
mod tower_axum;
mod tower_hyper;

use std::future::Future;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use hooksig::event::{Envelope, debate};
use hooksig::receive::Receiver;
use hooksig::{Platform, Signer};
use http::StatusCode;
use jiff::Timestamp;

use event_support::seed;

/// Every test finishes well within this, or fails.
const BOUND: Duration = Duration::from_secs(30);
/// The receivers' body limit, small enough to cross cheaply.
const LIMIT: usize = 16 * 1024;

/// Names the raw receivers: one tag per platform, so that one server holds
/// a receiver for each.
mod tag {
    pub(crate) struct Emuluxe;
    pub(crate) struct PulseLabs;
    pub(crate) struct Capawesome;
    pub(crate) struct Splexa;
    pub(crate) struct Cortex;
    pub(crate) struct GitHub;
    pub(crate) struct Stripe;
}

fn secret(platform: &Platform) -> String {
    format!("whsec-{}", platform.name())
}

fn signer(platform: &Platform) -> Signer {
    platform.signer(secret(platform)).unwrap()
}

/// The receiver every adapter's server uses for `platform`.
fn receiver<T>(platform: &Platform) -> Receiver<T> {
    let verifier = platform.verifier(secret(platform)).unwrap();
    Receiver::new(verifier)
        .with_body_limit(LIMIT)
        .with_clock(stripe_now)
}

/// The time every receiver's clock gives: Stripe's requests are signed at
/// it.
fn stripe_now() -> Timestamp {
    Timestamp::from_second(1_777_466_096).unwrap()
}

/// What a handler saw.
#[derive(Debug, Clone, PartialEq)]
enum Seen {
    /// A typed event: the platform and the event's name.
    Event(String, String),
    /// Verified bytes, on a raw route.
    Bytes(String, Bytes),
}

/// What the handlers saw, in order.
#[derive(Default)]
struct Log(Mutex<Vec<Seen>>);

impl Log {
    fn event<E: Envelope>(&self, event: &E) {
        let platform = E::platform().name().to_owned();
        let seen = Seen::Event(platform, event.name().to_owned());
        self.0.lock().unwrap().push(seen);
    }

    fn bytes(&self, path: &str, body: Bytes) {
        let platform = path.rsplit('/').next().unwrap_or(path).to_owned();
        self.0.lock().unwrap().push(Seen::Bytes(platform, body));
    }

    fn seen(&self) -> Vec<Seen> {
        self.0.lock().unwrap().clone()
    }
}

/// A running server: its base URL, what its handlers saw, and how to stop
/// it (on drop).
struct Server {
    base: String,
    log: Arc<Log>,
    stop: Option<Box<dyn FnOnce() + Send>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop();
        }
    }
}

/// Runs `test` against the server `start` gives, failing if it takes
/// longer than [`BOUND`].
async fn bounded<F, Fut>(start: impl Future<Output = Server>, test: F)
where
    F: FnOnce(Rc<Server>) -> Fut,
    Fut: Future<Output = ()>,
{
    let server = Rc::new(start.await);
    tokio::time::timeout(BOUND, test(Rc::clone(&server)))
        .await
        .expect("the test took too long");
}

/// One valid delivery for a seed platform: its path segment, event name
/// and body (the seed's example payload, byte for byte, where there is
/// one), and whether it has a typed envelope.
struct Case {
    platform: &'static Platform,
    segment: &'static str,
    event: &'static str,
    body: Vec<u8>,
}

fn case(platform: &'static Platform) -> Case {
    let (segment, event, body) = match platform.name() {
        "Emuluxe" => (
            "emuluxe",
            "session.started",
            seed("emuluxe_session_started.json"),
        ),
        "PulseLABS" => (
            "pulselabs",
            "debate.synthesized",
            debate::Event::new(debate::Data::Synthesized(debate::Synthesized::new(
                "conv_1",
                "Ship it on Tuesday.",
            )))
            .to_vec()
            .unwrap(),
        ),
        "Capawesome" => (
            "capawesome",
            "job_finished",
            seed("capawesome_job_finished.json"),
        ),
        "SPLEXA" => (
            "splexa",
            "device.degraded",
            seed("splexa_device_degraded.json"),
        ),
        "Cortex" => (
            "cortex",
            "scan.completed",
            seed("cortex_scan_completed.json"),
        ),
        // Pretty-printed, with a trailing newline: bytes a re-serializing
        // receiver would change.
        "GitHub" => (
            "github",
            "ping",
            b"{\n  \"zen\": \"Design for failure.\",\n  \"hook_id\": 42\n}\n".to_vec(),
        ),
        other => panic!("no case for {other}"),
    };
    Case {
        platform,
        segment,
        event,
        body,
    }
}

impl Case {
    /// Whether the platform has a typed envelope (a `/typed/` route).
    fn typed(&self) -> bool {
        self.platform.name() != "GitHub"
    }

    /// The route that decodes it, or for GitHub the raw one.
    fn typed_path(&self) -> String {
        if self.typed() {
            format!("/typed/{}", self.segment)
        } else {
            self.raw_path()
        }
    }

    fn raw_path(&self) -> String {
        format!("/raw/{}", self.segment)
    }

    /// The request the platform sends to `path`, signed with `signer`.
    fn request(
        &self,
        url: String,
        signer: &Signer,
        delivery: &str,
        body: &[u8],
    ) -> http::Request<Vec<u8>> {
        self.platform
            .request(url)
            .event(self.event)
            .delivery_id(delivery)
            .sign_with(signer)
            .body(body.to_vec())
            .unwrap()
    }
}

/// A signed Stripe request for `url`, at the receivers' time.
fn stripe(url: String, body: &[u8], at: Timestamp) -> http::Request<Vec<u8>> {
    Platform::STRIPE
        .request(url)
        .timestamp(at)
        .sign_with(&signer(Platform::STRIPE))
        .body(body.to_vec())
        .unwrap()
}

/// Sends `request` and returns the answer's status and body.
async fn send(request: http::Request<Vec<u8>>) -> (StatusCode, String) {
    let client = reqwest::Client::new();
    let response = client
        .execute(reqwest::Request::try_from(request).unwrap())
        .await
        .unwrap();
    let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
    (status, response.text().await.unwrap())
}

/// How [`send_raw`] frames a body.
enum Framing {
    /// `Transfer-Encoding: chunked`, in chunks of at most 4 KiB.
    Chunked,
    /// A `Content-Length` of this many bytes, and then nothing: a client
    /// that would stream a huge body.
    Declared(usize),
}

/// Sends `request` over a plain socket, its body framed as `framing`, and
/// returns the status of the answer.
async fn send_raw(request: http::Request<Vec<u8>>, framing: Framing) -> StatusCode {
    let address = request.uri().authority().unwrap().as_str().to_owned();
    let mut wire = format!(
        "POST {} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n",
        request.uri().path()
    );
    for (name, value) in request.headers() {
        wire.push_str(&format!("{name}: {}\r\n", value.to_str().unwrap()));
    }
    let wire = match framing {
        Framing::Chunked => {
            let mut wire = format!("{wire}transfer-encoding: chunked\r\n\r\n").into_bytes();
            for chunk in request.body().chunks(4096) {
                wire.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                wire.extend_from_slice(chunk);
                wire.extend_from_slice(b"\r\n");
            }
            wire.extend_from_slice(b"0\r\n\r\n");
            wire
        }
        Framing::Declared(length) => format!("{wire}content-length: {length}\r\n\r\n").into_bytes(),
    };

    // A blocking socket on its own thread, the chunks written one by one so
    // that they arrive as separate frames.
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(&address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream.set_nodelay(true).unwrap();
        // The server may answer and stop reading before the end.
        for piece in wire.chunks(4096 + 16) {
            if stream.write_all(piece).is_err() {
                break;
            }
        }
        // Up to the end of the status line: the server need not close.
        let mut answer = Vec::new();
        let mut buffer = [0; 1024];
        while !answer.windows(2).any(|pair| pair == b"\r\n") {
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => answer.extend_from_slice(&buffer[..n]),
            }
        }
        answer
    })
    .await
    .unwrap();
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .unwrap_or_else(|| panic!("no status line in {answer:?}"));
    StatusCode::from_bytes(status.as_bytes()).unwrap()
}
