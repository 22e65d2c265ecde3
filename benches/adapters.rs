//! What the framework adapters cost per request, measured two ways, each
//! row paired with the floor in the same run (#16).
//!
//! 1. In process, no sockets: the same axum route called through
//!    `Router::oneshot`, with no verification (the floor), behind hooksig's
//!    tower layer, with hooksig's axum extractor, and behind the
//!    `webhook-verify` crate's tower layer; and typed: the layer decoding
//!    the event (taken with axum's `Extension<E>`, which clones it, and
//!    with `Decoded<E>`, which moves it), the typed extractor. Each round
//!    runs a short batch of every row, and of a bare HMAC-SHA256 of the
//!    body and a `serde_json::Value` parse of it; each row's extra time
//!    over the floor is judged against the HMAC (target ≤ 1.3x) or, for
//!    typed decoding, its increment over the raw row against the `Value`
//!    parse (target ≤ 1x), as medians of the per-round figures. 1 KiB and
//!    64 KiB bodies.
//! 2. On loopback: an axum server on 127.0.0.1 and a hyper client in the
//!    same process, a bounded number of 1 KiB requests per route from
//!    concurrent connections, routes interleaved round by round. Requests
//!    per second, p50 and p99 latency, and each route's extra time per
//!    request over the floor (the inverse of its throughput, less the
//!    floor's).
//!
//! `cargo bench --bench adapters --features axum,tower` prints both tables
//! as Markdown. `cargo test --benches` runs each part briefly, as a check.
//! `ADAPTERS_ROW=<row> ADAPTERS_CALLS=<n>` runs `n` calls of one in-process
//! row at 1 KiB and nothing else, for an instruction count under callgrind
//! (rows: the routes in `ROUTES` order, then the HMAC, the `Value` parse,
//! the typed decode, the bare floor and the bare layer).
//! GitHub's scheme (`X-Hub-Signature-256: sha256=<hex>`) for the raw rows,
//! which the peer crate reads too; Cortex's typed `scan.completed` event
//! for the typed rows.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    missing_docs
)]

use std::convert::Infallible;
use std::hint::black_box;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::error_handling::HandleErrorLayer;
use axum::extract::Extension;
use axum::http::StatusCode;
use axum::routing::post;
use hmac::{Hmac, KeyInit, Mac};
use hooksig::Platform;
use hooksig::axum::{Receiver, Verified, VerifiedBody};
use hooksig::event::{Envelope, scan};
use hooksig::tower::{Decoded, VerifyLayer};
use http::{HeaderMap, Request};
use http_body_util::Full;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use sha2::Sha256;
use tower::{ServiceBuilder, ServiceExt};

const SECRET: &str = "whsec-benchmark-0123456789abcdef";

/// Names the GitHub receiver.
struct GitHub;

/// The body sizes of the in-process table.
const SIZES: [(usize, &str); 2] = [(1024, "1 KiB"), (64 * 1024, "64 KiB")];

/// A JSON body of exactly `len` bytes for the raw rows.
fn raw_body(len: usize) -> Vec<u8> {
    let mut body = br#"{"action":"opened","zen":""#.to_vec();
    let tail = br#""}"#;
    while body.len() + tail.len() < len {
        body.push(b'a' + (body.len() % 26) as u8);
    }
    body.extend_from_slice(tail);
    body
}

/// A Cortex `scan.completed` event of exactly `len` bytes: the seed's
/// fields and a long `summary` the envelope keeps as an unknown field.
fn event_body(len: usize) -> Vec<u8> {
    let seed = include_bytes!("../tests/data/seeds/cortex_scan_completed.json");
    let event = scan::Event::decode(seed).unwrap();
    let compact = event.to_vec().unwrap();
    // `{...}` to `{...,"summary":"xxx"}`.
    let mut body = compact[..compact.len() - 1].to_vec();
    body.extend_from_slice(br#","summary":""#);
    while body.len() + 2 < len {
        body.push(b'a' + (body.len() % 26) as u8);
    }
    body.extend_from_slice(br#""}"#);
    assert_eq!(body.len(), len);
    assert!(scan::Event::decode(&body).is_ok());
    body
}

/// The headers `platform` signs `body` with.
fn signed(platform: &Platform, body: &[u8]) -> HeaderMap {
    let signer = platform.signer(SECRET).unwrap();
    let request = platform
        .request("http://localhost/hook")
        .event("scan.completed")
        .delivery_id("5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f")
        .sign_with(&signer)
        .body(body.to_vec())
        .unwrap();
    request.headers().clone()
}

async fn floor(body: Bytes) -> StatusCode {
    black_box(body);
    StatusCode::NO_CONTENT
}

async fn typed_extension(Extension(event): Extension<scan::Event>) -> StatusCode {
    black_box(event);
    StatusCode::NO_CONTENT
}

async fn typed_moved(Decoded(event): Decoded<scan::Event>) -> StatusCode {
    black_box(event);
    StatusCode::NO_CONTENT
}

async fn raw_extractor(body: VerifiedBody<GitHub>) -> StatusCode {
    black_box(body);
    StatusCode::NO_CONTENT
}

async fn typed_extractor(Verified(event): Verified<scan::Event>) -> StatusCode {
    black_box(event);
    StatusCode::NO_CONTENT
}

fn github() -> Receiver<GitHub> {
    Receiver::new(Platform::GITHUB.verifier(SECRET).unwrap()).with_body_limit(1 << 20)
}

fn cortex() -> Receiver<scan::Event> {
    Receiver::new(Platform::CORTEX.verifier(SECRET).unwrap()).with_body_limit(1 << 20)
}

/// The `webhook-verify` crate's layer for GitHub, its `BoxError` turned
/// into a response as axum requires.
fn peer_route() -> axum::routing::MethodRouter {
    let peer = webhook_verify::tower::VerifyLayer::<Full<Bytes>>::new(
        webhook_verify::Provider::GitHub,
        webhook_verify::Secret::new(SECRET),
    );
    post(floor).route_layer(
        ServiceBuilder::new()
            .layer(HandleErrorLayer::new(|_: tower::BoxError| async {
                StatusCode::BAD_REQUEST
            }))
            .layer(peer),
    )
}

/// Every route, at its own path, with its body's platform.
fn router() -> Router {
    Router::new()
        .route("/floor", post(floor))
        .route(
            "/layer",
            post(floor).route_layer(VerifyLayer::new(github())),
        )
        .route("/extractor", post(raw_extractor).with_state(github()))
        .route("/peer", peer_route())
        .route(
            "/layer-typed",
            post(typed_extension).route_layer(VerifyLayer::decoding(cortex())),
        )
        .route(
            "/extractor-typed",
            post(typed_extractor).with_state(cortex()),
        )
        .route(
            "/layer-typed-moved",
            post(typed_moved).route_layer(VerifyLayer::decoding(cortex())),
        )
        .route(
            "/noop",
            post(floor).route_layer(tower::util::MapRequestLayer::new(
                |request: Request<Body>| request,
            )),
        )
        .layer(axum::extract::DefaultBodyLimit::max(1 << 20))
}

/// A route of the table: its path, and whether it takes the typed body.
struct Route {
    name: &'static str,
    path: &'static str,
    typed: bool,
}

const ROUTES: [Route; 8] = [
    Route {
        name: "floor: no verification",
        path: "/floor",
        typed: false,
    },
    Route {
        name: "hooksig tower layer",
        path: "/layer",
        typed: false,
    },
    Route {
        name: "hooksig axum extractor",
        path: "/extractor",
        typed: false,
    },
    Route {
        name: "webhook-verify tower layer",
        path: "/peer",
        typed: false,
    },
    Route {
        name: "hooksig layer, typed event (`Extension<E>`: a clone)",
        path: "/layer-typed",
        typed: true,
    },
    Route {
        name: "hooksig extractor, typed event",
        path: "/extractor-typed",
        typed: true,
    },
    // What any `route_layer` costs in axum: a layer that does nothing.
    Route {
        name: "no-op `route_layer` (axum's cost of any layer)",
        path: "/noop",
        typed: false,
    },
    Route {
        name: "hooksig layer, typed event (`Decoded<E>`: moved)",
        path: "/layer-typed-moved",
        typed: true,
    },
];

/// The index of the no-op layer's row.
const NOOP: usize = 6;
/// The typed layer's row whose handler moves the event out.
const MOVED: usize = 7;

/// What one request of a route carries.
#[derive(Clone)]
struct Prepared {
    path: &'static str,
    headers: HeaderMap,
    body: Bytes,
}

impl Prepared {
    fn new(route: &Route, len: usize) -> Self {
        let (platform, body) = if route.typed {
            (Platform::CORTEX, event_body(len))
        } else {
            (Platform::GITHUB, raw_body(len))
        };
        Self {
            path: route.path,
            headers: signed(platform, &body),
            body: body.into(),
        }
    }

    fn request<B: From<Bytes>>(&self, base: &str) -> Request<B> {
        let mut request = Request::post(format!("{base}{}", self.path))
            .body(B::from(self.body.clone()))
            .unwrap();
        *request.headers_mut() = self.headers.clone();
        request
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn micros(ns: f64) -> String {
    format!("{:.2} µs", ns / 1e3)
}

// ---------------------------------------------------------------- in process

/// A handler on a bare tower stack, as on a hyper server: reads the body
/// and answers 204.
async fn bare_handler(
    request: Request<Full<Bytes>>,
) -> Result<http::Response<Full<Bytes>>, Infallible> {
    let body = http_body_util::BodyExt::collect(request.into_body())
        .await?
        .to_bytes();
    black_box(body);
    let mut response = http::Response::new(Full::default());
    *response.status_mut() = StatusCode::NO_CONTENT;
    Ok(response)
}

/// Runs `n` requests through `service` and gives the time per request.
type BareRow = Box<dyn Fn(&tokio::runtime::Runtime, u32) -> f64>;

fn bare_row<S, B>(service: S, prepared: Prepared) -> BareRow
where
    S: tower::Service<Request<Full<Bytes>>, Response = http::Response<B>, Error = Infallible>
        + Clone
        + 'static,
    B: 'static,
{
    Box::new(move |runtime, n| {
        runtime.block_on(async {
            let start = Instant::now();
            for _ in 0..n {
                let response = service
                    .clone()
                    .oneshot(prepared.request::<Full<Bytes>>(""))
                    .await
                    .unwrap();
                black_box(response);
            }
            start.elapsed().as_nanos() as f64 / f64::from(n)
        })
    })
}

/// Nanoseconds per call of each in-process row, over one batch.
struct InProcess {
    bare: [BareRow; 2],
    runtime: tokio::runtime::Runtime,
    router: Router,
    prepared: Vec<Prepared>,
    raw: Vec<u8>,
    event: Vec<u8>,
    mac: Hmac<Sha256>,
}

impl InProcess {
    fn new(len: usize) -> Self {
        let prepared: Vec<Prepared> = ROUTES
            .iter()
            .map(|route| Prepared::new(route, len))
            .collect();
        let handler = tower::service_fn(bare_handler);
        let bare = [
            bare_row(handler, prepared[1].clone()),
            bare_row(
                tower::Layer::layer(&VerifyLayer::new(github()), handler),
                prepared[1].clone(),
            ),
        ];
        let this = Self {
            bare,
            runtime: tokio::runtime::Builder::new_current_thread()
                .build()
                .unwrap(),
            router: router(),
            prepared,
            raw: raw_body(len),
            event: event_body(len),
            mac: Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap(),
        };
        // Every route accepts its request: the table measures successes.
        for (route, prepared) in ROUTES.iter().zip(&this.prepared) {
            let status = this.runtime.block_on(async {
                let request = prepared.request::<Body>("");
                this.router.clone().oneshot(request).await.unwrap().status()
            });
            assert_eq!(status, StatusCode::NO_CONTENT, "{}", route.name);
        }
        this
    }

    fn route(&self, route: usize, n: u32) -> f64 {
        let prepared = &self.prepared[route];
        self.runtime.block_on(async {
            let start = Instant::now();
            for _ in 0..n {
                let request = prepared.request::<Body>("");
                black_box(self.router.clone().oneshot(request).await.unwrap());
            }
            start.elapsed().as_nanos() as f64 / f64::from(n)
        })
    }

    fn hmac(&self, n: u32) -> f64 {
        let start = Instant::now();
        for _ in 0..n {
            let mut mac = self.mac.clone();
            mac.update(black_box(&self.raw));
            black_box(mac.finalize());
        }
        start.elapsed().as_nanos() as f64 / f64::from(n)
    }

    fn value(&self, n: u32) -> f64 {
        let start = Instant::now();
        for _ in 0..n {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(&self.event)).unwrap());
        }
        start.elapsed().as_nanos() as f64 / f64::from(n)
    }

    fn decode(&self, n: u32) -> f64 {
        let start = Instant::now();
        for _ in 0..n {
            black_box(scan::Event::decode(black_box(&self.event)).unwrap());
        }
        start.elapsed().as_nanos() as f64 / f64::from(n)
    }
}

/// Rows: the routes, then the HMAC, the `Value` parse and the typed decode.
const HMAC: usize = ROUTES.len();
const VALUE: usize = HMAC + 1;
const DECODE: usize = HMAC + 2;
/// And the bare tower stack: the floor, then hooksig's layer.
const BARE: usize = HMAC + 3;

fn in_process(len: usize, label: &str, row_time: Duration) {
    let bench = InProcess::new(len);
    let run = |row: usize, n: u32| match row {
        HMAC => bench.hmac(n),
        VALUE => bench.value(n),
        DECODE => bench.decode(n),
        row if row >= BARE => bench.bare[row - BARE](&bench.runtime, n),
        route => bench.route(route, n),
    };
    let rows = BARE + 2;
    // Batches of about 2 ms each.
    let n: Vec<u32> = (0..rows)
        .map(|row| ((2e6 / run(row, 5).max(1.0)) as u32).max(1))
        .collect();
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); rows];
    // Per round: each route's extra over the floor, over the HMAC; each
    // typed route's extra over its raw one, over the `Value` parse.
    let mut over_hmac: Vec<Vec<f64>> = vec![Vec::new(); ROUTES.len()];
    let mut over_value: Vec<Vec<f64>> = vec![Vec::new(); ROUTES.len()];
    let mut bare_over_hmac = Vec::new();
    let mut layer_over_noop = Vec::new();
    let start = Instant::now();
    let mut round = 0;
    while start.elapsed() < row_time || round < 10 {
        let mut this = vec![0.0; rows];
        for k in 0..rows {
            // Rotate the order, so that no row always follows another.
            let row = (k + round) % rows;
            this[row] = run(row, n[row]);
        }
        for (route, ratios) in over_hmac.iter_mut().enumerate() {
            ratios.push((this[route] - this[0]) / this[HMAC]);
        }
        over_value[4].push((this[4] - this[1]) / this[VALUE]);
        bare_over_hmac.push((this[BARE + 1] - this[BARE]) / this[HMAC]);
        layer_over_noop.push((this[1] - this[NOOP]) / this[HMAC]);
        over_value[5].push((this[5] - this[2]) / this[VALUE]);
        over_value[MOVED].push((this[MOVED] - this[1]) / this[VALUE]);
        for (row, time) in this.into_iter().enumerate() {
            times[row].push(time);
        }
        round += 1;
    }
    let medians: Vec<f64> = times.iter_mut().map(|t| median(t)).collect();
    let hmac = medians[HMAC];
    println!("\n#### In process, {label} bodies ({round} rounds)\n");
    println!(
        "| route | per request | extra over the floor | extra / HMAC-SHA256 ({}) | target ≤ 1.3x |",
        micros(hmac)
    );
    println!("|---|---|---|---|---|");
    for (route, info) in ROUTES.iter().enumerate() {
        let ratio = median(&mut over_hmac[route]);
        let (extra, ratio_text, met) = if route == 0 {
            ("—".to_owned(), "—".to_owned(), "")
        } else {
            let met = if info.typed {
                "(typed: see below)"
            } else if ratio <= 1.3 {
                "yes"
            } else {
                "**no**"
            };
            (
                micros(medians[route] - medians[0]),
                format!("{ratio:.2}x"),
                met,
            )
        };
        println!(
            "| {} | {} | {extra} | {ratio_text} | {met} |",
            info.name,
            micros(medians[route])
        );
    }
    let ratio = median(&mut layer_over_noop);
    println!(
        "| hooksig tower layer, over the no-op `route_layer` | | {} | {ratio:.2}x | {} |",
        micros(medians[1] - medians[NOOP]),
        if ratio <= 1.3 { "yes" } else { "**no**" }
    );
    let ratio = median(&mut bare_over_hmac);
    println!(
        "| bare tower stack (as on hyper): floor | {} | — | — |  |",
        micros(medians[BARE])
    );
    println!(
        "| bare tower stack: hooksig tower layer | {} | {} | {ratio:.2}x | {} |",
        micros(medians[BARE + 1]),
        micros(medians[BARE + 1] - medians[BARE]),
        if ratio <= 1.3 { "yes" } else { "**no**" }
    );
    println!(
        "\nTyped decoding ({label}): `scan::Event::decode` {} vs `serde_json::from_slice::<Value>` {} ({:.2}x).",
        micros(medians[DECODE]),
        micros(medians[VALUE]),
        medians[DECODE] / medians[VALUE]
    );
    for (route, raw) in [(4, 1), (MOVED, 1), (5, 2)] {
        let ratio = median(&mut over_value[route]);
        println!(
            "- {}: {} over `{}` = {:.2}x a `Value` parse (target ≤ 1x: {})",
            ROUTES[route].name,
            micros(medians[route] - medians[raw]),
            ROUTES[raw].name,
            ratio,
            if ratio <= 1.0 { "yes" } else { "**no**" }
        );
    }
}

// ----------------------------------------------------------------- loopback

/// Latencies (ns) and the batch's wall time (ns) for `count` requests of
/// `prepared` from `connections` concurrent loops.
async fn load(
    client: &Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>,
    base: &str,
    prepared: &Prepared,
    connections: usize,
    count: usize,
) -> (Vec<f64>, f64) {
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let client = client.clone();
        let prepared = prepared.clone();
        let base = base.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::with_capacity(count / connections);
            for _ in 0..count / connections {
                let sent = Instant::now();
                let response = client.request(prepared.request(&base)).await.unwrap();
                assert_eq!(response.status(), StatusCode::NO_CONTENT);
                latencies.push(sent.elapsed().as_nanos() as f64);
            }
            latencies
        }));
    }
    let mut all = Vec::with_capacity(count);
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    (all, start.elapsed().as_nanos() as f64)
}

fn loopback(rounds: usize, per_round: usize, connections: usize) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move { axum::serve(listener, router()).await });
        let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
        let prepared: Vec<Prepared> = ROUTES.iter().map(|route| Prepared::new(route, 1024)).collect();
        // Warm the connections and the routes.
        for route in &prepared {
            load(&client, &base, route, connections, connections * 20).await;
        }
        let mut latencies: Vec<Vec<f64>> = vec![Vec::new(); ROUTES.len()];
        let mut walls: Vec<f64> = vec![0.0; ROUTES.len()];
        let mut extras: Vec<Vec<f64>> = vec![Vec::new(); ROUTES.len()];
        for round in 0..rounds {
            let mut per_request = vec![0.0; ROUTES.len()];
            for k in 0..ROUTES.len() {
                let route = (k + round) % ROUTES.len();
                let (mut batch, wall) = load(&client, &base, &prepared[route], connections, per_round).await;
                per_request[route] = wall / batch.len() as f64;
                walls[route] += wall;
                latencies[route].append(&mut batch);
            }
            for (route, extra) in extras.iter_mut().enumerate() {
                extra.push(per_request[route] - per_request[0]);
            }
        }
        server.abort();
        println!(
            "\n#### Loopback, 1 KiB bodies: {rounds} rounds x {per_round} requests per route, {connections} connections\n"
        );
        println!("| route | req/s | p50 | p99 | extra per request over the floor |");
        println!("|---|---|---|---|---|");
        for (route, info) in ROUTES.iter().enumerate() {
            let count = latencies[route].len();
            latencies[route].sort_by(f64::total_cmp);
            let p50 = latencies[route][count / 2];
            let p99 = latencies[route][count * 99 / 100];
            let rps = count as f64 / (walls[route] / 1e9);
            let extra = if route == 0 { "—".to_owned() } else { micros(median(&mut extras[route])) };
            println!("| {} | {rps:.0} | {} | {} | {extra} |", info.name, micros(p50), micros(p99));
        }
    });
}

fn main() {
    // `ADAPTERS_ROW=<row> ADAPTERS_CALLS=<n>`: only `n` calls of one
    // in-process row at 1 KiB, for an instruction count under callgrind.
    if let (Ok(row), Ok(calls)) = (
        std::env::var("ADAPTERS_ROW"),
        std::env::var("ADAPTERS_CALLS"),
    ) {
        let bench = InProcess::new(1024);
        let (row, calls): (usize, u32) = (row.parse().unwrap(), calls.parse().unwrap());
        match row {
            HMAC => bench.hmac(calls),
            VALUE => bench.value(calls),
            DECODE => bench.decode(calls),
            row if row >= BARE => bench.bare[row - BARE](&bench.runtime, calls),
            route => bench.route(route, calls),
        };
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: a
    // quick pass then, to check that every route still answers.
    let full = std::env::args().any(|arg| arg == "--bench");
    for (len, label) in SIZES {
        in_process(
            len,
            label,
            if full {
                Duration::from_secs(6)
            } else {
                Duration::ZERO
            },
        );
    }
    if full {
        loopback(10, 4000, 16);
    } else {
        loopback(1, 64, 4);
    }
}
