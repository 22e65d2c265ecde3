//! Signs a request for each platform, verifies it as a receiver would, and
//! shows what a tampered body and a wrong secret give.
//!
//! Run with `cargo run --example quickstart`.

#![allow(clippy::print_stdout)]

use hooksig::{Platform, Signer, Verifier};
use jiff::Timestamp;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let signer = Signer::new("whsec-quickstart-secret")?;
    let verifier = Verifier::new("whsec-quickstart-secret")?;
    let stranger = Verifier::new("someone else's secret")?;
    let body = br#"{"event":"scan.completed","id":"evt_1234567890","data":{"score":85}}"#;
    // The library never reads the clock; an application does, and hands it in.
    let now = Timestamp::now();

    for platform in &Platform::PRESETS {
        let request = platform
            .request("https://receiver.example/webhooks")
            .event("scan.completed")
            .delivery_id("msg_5f0c6a4e1d2b4c3d9e8f7a6b5c4d3e2f")
            .timestamp(now)
            .sign_with(&signer)
            .body(body.to_vec())?;

        let header = platform.signature_header();
        let value = request.headers()[header.name()].to_str()?;
        println!("{} sends {header}: {value}", platform.name());
        for (name, value) in request.headers() {
            if name != header.name() {
                println!("    {name}: {}", value.to_str()?);
            }
        }

        verifier.verify_request_at(platform, &request, now)?;
        println!("    verified: ok");

        let mut tampered = request.clone();
        if let Some(byte) = tampered.body_mut().get_mut(2) {
            *byte ^= 0x20;
        }
        let error = verifier
            .verify_request_at(platform, &tampered, now)
            .err()
            .ok_or("tampered body passed")?;
        println!("    one body byte changed: {error}");

        let error = stranger
            .verify_request_at(platform, &request, now)
            .err()
            .ok_or("wrong secret passed")?;
        println!("    another secret: {error}");

        let mut unsigned = request;
        unsigned.headers_mut().remove(header.name());
        let error = verifier
            .verify_request_at(platform, &unsigned, now)
            .err()
            .ok_or("unsigned passed")?;
        println!("    no signature header: {error}");
    }
    Ok(())
}
