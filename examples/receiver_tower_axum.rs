//! A webhook receiver in axum with hooksig's tower layer: the layer
//! verifies in front of each webhook route (`route_layer`), and the
//! handlers get what it forwards: the typed event (`Extension<E>`) or the
//! exact bytes (`Bytes`), never an unverified request.
//!
//! - `/hooks/cortex`: `VerifyLayer::decoding`, the typed Cortex event.
//! - `/hooks/github`: `VerifyLayer::new`, GitHub's bytes as sent.
//!
//! A rejection hook logs each refusal's typed error; the answer itself
//! says only what the sender may know. The router's own layers (here a
//! header on every response) wrap the verifying layer as usual.
//!
//! The example sends itself requests built by the crate's sender, prints
//! each answer, and shuts down. Run with
//! `cargo run --example receiver_tower_axum --features tower`.

#![allow(clippy::print_stdout)]

use std::error::Error;

use axum::body::Bytes;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::{Extension, Router, middleware};
use hooksig::Platform;
use hooksig::event::scan;
use hooksig::receive::{Receiver, Rejection};
use hooksig::tower::{Verification, VerifyLayer};
use tokio::net::TcpListener;

type BoxError = Box<dyn Error + Send + Sync>;

const CORTEX_SECRET: &str = "cortex-webhook-secret";
const GITHUB_SECRET: &str = "github-webhook-secret";

/// Names the GitHub receiver: GitHub has no typed envelope here.
struct GitHub;

// `Extension<E>` clones the event; with hooksig's `axum` feature on too,
// `hooksig::tower::Decoded<E>` moves it out instead, which saves a copy of
// a large event.
async fn cortex(Extension(event): Extension<scan::Event>) -> (StatusCode, String) {
    // Verified and decoded by the layer; deduplicate by `event.id` here.
    (
        StatusCode::OK,
        format!("handled {} {}", event.name(), event.id),
    )
}

async fn github(Extension(verified): Extension<Verification>, body: Bytes) -> (StatusCode, String) {
    // The exact bytes GitHub signed: decode them as you like.
    let scheme = verified.scheme();
    (
        StatusCode::OK,
        format!("{} verified bytes ({scheme:?})", body.len()),
    )
}

fn log(rejection: &Rejection) {
    // The typed error, for the server's log.
    println!(
        "    [log] refused with {}: {rejection:?}",
        rejection.status()
    );
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let cortex_receiver = Receiver::<scan::Event>::new(Platform::CORTEX.verifier(CORTEX_SECRET)?)
        .with_body_limit(64 * 1024)
        .with_rejection_hook(log);
    let github_receiver =
        Receiver::<GitHub>::new(Platform::GITHUB.verifier(GITHUB_SECRET)?).with_rejection_hook(log);
    let router = Router::new()
        .route(
            "/hooks/cortex",
            post(cortex).route_layer(VerifyLayer::decoding(cortex_receiver)),
        )
        .route(
            "/hooks/github",
            post(github).route_layer(VerifyLayer::new(github_receiver).with_mark()),
        )
        .layer(middleware::map_response(
            |mut response: Response| async move {
                response
                    .headers_mut()
                    .insert("x-receiver", HeaderValue::from_static("hooksig"));
                response
            },
        ));
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, router).await });
    println!("receiver listening on {base}\n");

    let cortex_signer = Platform::CORTEX.signer(CORTEX_SECRET)?;
    let github_signer = Platform::GITHUB.signer(GITHUB_SECRET)?;
    let event = br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"scan_abc123"}}"#;
    let cortex_request = |body: &[u8]| {
        Platform::CORTEX
            .request(format!("{base}/hooks/cortex"))
            .event("scan.started")
            .delivery_id("d-1")
            .sign_with(&cortex_signer)
            .body(body.to_vec())
    };
    let mut tampered = cortex_request(event)?;
    tampered.body_mut().push(b' ');
    let ping = b"{\n  \"zen\": \"Design for failure.\"\n}\n";
    let requests = [
        ("cortex: scan.started", cortex_request(event)?),
        ("cortex: changed in transit", tampered),
        ("cortex: signed, but not an event", cortex_request(b"[]")?),
        (
            "cortex: 100 KiB over a 64 KiB limit",
            cortex_request(&vec![b' '; 100 * 1024])?,
        ),
        (
            "github: ping",
            Platform::GITHUB
                .request(format!("{base}/hooks/github"))
                .event("ping")
                .delivery_id("d-2")
                .sign_with(&github_signer)
                .body(ping.to_vec())?,
        ),
    ];
    let client = reqwest::Client::new();
    for (what, request) in requests {
        println!("{what}");
        let response = client.execute(reqwest::Request::try_from(request)?).await?;
        let status = response.status();
        println!("    {status}: {}", response.text().await?);
    }
    server.abort();
    Ok(())
}
