//! A webhook receiver in actix-web with hooksig's extractors: the
//! receivers are given to `app_data`, one per platform, and each handler
//! takes `Verified<E>` (the typed event) or `VerifiedBody<T>` (the verified
//! bytes). A refusal is answered by the extractor's `Rejection`, a
//! `ResponseError`: 413, 401 or 400 with a short text.
//!
//! The server runs on its own thread in actix's runtime; the example sends
//! it requests built by the crate's sender, prints each answer, and stops
//! it. Run with `cargo run --example receiver_actix --features actix-web`.

#![allow(clippy::print_stdout)]

use std::error::Error;
use std::sync::mpsc;

use actix_web::{App, HttpResponse, HttpServer, web};
use hooksig::Platform;
use hooksig::actix::{Verified, VerifiedBody};
use hooksig::event::network;
use hooksig::receive::Receiver;

type BoxError = Box<dyn Error + Send + Sync>;

const SPLEXA_SECRET: &str = "splexa-webhook-secret";
const GITHUB_SECRET: &str = "github-webhook-secret";

/// Names the GitHub receiver in the app data.
struct GitHub;

async fn splexa(Verified(event): Verified<network::Event>) -> HttpResponse {
    HttpResponse::Ok().body(format!("handled {}", event.name()))
}

async fn github(body: VerifiedBody<GitHub>) -> HttpResponse {
    HttpResponse::Ok().body(format!("{} verified bytes", body.len()))
}

fn main() -> Result<(), BoxError> {
    let splexa_receiver =
        Receiver::<network::Event>::new(Platform::SPLEXA.verifier(SPLEXA_SECRET)?)
            .with_body_limit(64 * 1024)
            .with_rejection_hook(|rejection| println!("    [log] {rejection:?}"));
    let github_receiver = Receiver::<GitHub>::new(Platform::GITHUB.verifier(GITHUB_SECRET)?);

    let (started, address) = mpsc::channel();
    let server = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || {
                App::new()
                    .app_data(splexa_receiver.clone())
                    .app_data(github_receiver.clone())
                    .route("/hooks/splexa", web::post().to(splexa))
                    .route("/hooks/github", web::post().to(github))
            })
            .workers(1)
            .bind(("127.0.0.1", 0))?;
            let bound = server
                .addrs()
                .first()
                .copied()
                .ok_or(std::io::ErrorKind::AddrNotAvailable)?;
            let server = server.run();
            let _ = started.send((bound, server.handle()));
            server.await
        })
    });
    let (address, handle) = address.recv()?;
    let base = format!("http://{address}");
    println!("receiver listening on {base}\n");

    let splexa_signer = Platform::SPLEXA.signer(SPLEXA_SECRET)?;
    let github_signer = Platform::GITHUB.signer(GITHUB_SECRET)?;
    let degraded = include_bytes!("../tests/data/seeds/splexa_device_degraded.json");
    let splexa_request = |body: &[u8]| {
        Platform::SPLEXA
            .request(format!("{base}/hooks/splexa"))
            .sign_with(&splexa_signer)
            .body(body.to_vec())
    };
    let mut tampered = splexa_request(degraded)?;
    tampered.body_mut().push(b' ');
    let requests = [
        ("splexa: device.degraded", splexa_request(degraded)?),
        ("splexa: changed in transit", tampered),
        ("splexa: signed, but not an event", splexa_request(b"{}")?),
        (
            "splexa: 100 KiB over a 64 KiB limit",
            splexa_request(&vec![b' '; 100 * 1024])?,
        ),
        (
            "github: ping",
            Platform::GITHUB
                .request(format!("{base}/hooks/github"))
                .event("ping")
                .delivery_id("d-1")
                .sign_with(&github_signer)
                .body(b"{\"zen\":\"Keep it logically awesome.\"}".to_vec())?,
        ),
    ];

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let client = reqwest::Client::new();
        for (what, request) in requests {
            println!("{what}");
            let response = client.execute(reqwest::Request::try_from(request)?).await?;
            let status = response.status();
            println!("    {status}: {}", response.text().await?);
        }
        Ok::<(), BoxError>(())
    })?;

    runtime.block_on(handle.stop(true));
    server.join().map_err(|_| "the server thread panicked")??;
    Ok(())
}
