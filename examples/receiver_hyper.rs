//! A webhook receiver on a bare hyper server: hooksig's tower layer around
//! a `service_fn`, served through hyper-util's `TowerToHyperService`.
//!
//! The layer reads the body within the receiver's limit, verifies it
//! (Stripe: the signed timestamp is judged against the receiver's clock),
//! and forwards a `Request<Full<Bytes>>` with the exact bytes; a refusal is
//! answered by the layer. The example sends itself a few requests, prints
//! each answer, and shuts down. Run with
//! `cargo run --example receiver_hyper --features tower`.

#![allow(clippy::print_stdout)]

use std::convert::Infallible;
use std::error::Error;

use bytes::Bytes;
use hooksig::Platform;
use hooksig::receive::Receiver;
use hooksig::tower::VerifyLayer;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use jiff::{SignedDuration, Timestamp};
use tokio::net::TcpListener;
use tower::{Layer, service_fn};

type BoxError = Box<dyn Error + Send + Sync>;

const STRIPE_SECRET: &str = "whsec_stripe_endpoint_secret";

/// Names the Stripe receiver.
struct Stripe;

/// The handler behind the layer: every request it sees is verified.
async fn stripe(request: Request<Full<Bytes>>) -> Result<Response<Full<Bytes>>, Infallible> {
    let body = request.into_body().collect().await?.to_bytes();
    let answer = match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(event) => (
            StatusCode::OK,
            format!("handled {}", event.get("type").unwrap_or_default()),
        ),
        Err(error) => (StatusCode::BAD_REQUEST, error.to_string()),
    };
    let mut response = Response::new(Full::new(Bytes::from(answer.1)));
    *response.status_mut() = answer.0;
    Ok(response)
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let receiver = Receiver::<Stripe>::new(Platform::STRIPE.verifier(STRIPE_SECRET)?)
        .with_body_limit(256 * 1024);
    let service = VerifyLayer::new(receiver).layer(service_fn(stripe));

    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/hooks/stripe", listener.local_addr()?);
    let server = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let io = TokioIo::new(stream);
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(io, service)
                    .await;
            });
        }
    });
    println!("receiver listening on {url}\n");

    let signer = Platform::STRIPE.signer(STRIPE_SECRET)?;
    let payment = br#"{"id":"evt_1","object":"event","type":"payment_intent.succeeded"}"#;
    let now = Timestamp::now(); // the application's clock
    let stripe = |at: Timestamp, body: &[u8]| {
        Platform::STRIPE
            .request(url.clone())
            .timestamp(at)
            .sign_with(&signer)
            .body(body.to_vec())
    };
    let mut unsigned = stripe(now, payment)?;
    unsigned.headers_mut().remove("stripe-signature");
    let requests = [
        ("stripe: payment_intent.succeeded", stripe(now, payment)?),
        (
            "stripe: signed ten minutes ago",
            stripe(now.checked_sub(SignedDuration::from_mins(10))?, payment)?,
        ),
        ("stripe: no signature", unsigned),
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
