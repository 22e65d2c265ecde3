//! A receiver for Cortex scan events, end to end: verify the raw body,
//! then decode it, check the event's timestamp is recent, deduplicate by
//! event id, and handle the typed event. Nothing here is tied to a web
//! framework: the requests it receives are built in-process with the
//! sender's side of the crate; in a server they come from your framework
//! as headers and raw body bytes (`examples/receiver_axum.rs` does that
//! with axum).
//!
//! Run with `cargo run --example receiver`.

#![allow(clippy::print_stdout)]

use std::collections::HashSet;

use hooksig::event::{Envelope, Rfc3339, Timestamped, scan};
use hooksig::{Platform, Signer, Tolerance, Verifier};
use http::{Request, StatusCode};
use jiff::{SignedDuration, Timestamp};

const SECRET: &str = "whsec-receiver-example";

/// What a handler does with one request: the status to answer.
fn handle(
    verifier: &Verifier,
    seen: &mut HashSet<String>,
    request: &Request<Vec<u8>>,
    now: Timestamp,
) -> StatusCode {
    // Verification first, on the raw bytes as received: a body parsed and
    // serialized again is other bytes, and would not match.
    if let Err(error) = verifier.verify_request(request, now) {
        println!("    refused: {error}");
        return StatusCode::UNAUTHORIZED;
    }
    // Then the typed event, from the same bytes.
    let event = match scan::Event::decode(request.body()) {
        Ok(event) => event,
        Err(error) => {
            println!("    refused: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    // Cortex: "verify timestamps are recent".
    if let Err(error) = event.check_freshness(Tolerance::DEFAULT, now) {
        println!("    refused: {error}");
        return StatusCode::BAD_REQUEST;
    }
    // Cortex: "implement idempotent handling using event IDs".
    match event.idempotency_key(request.headers()) {
        Ok(Some(key)) if !seen.insert(key.to_string()) => {
            println!("    already handled {key}");
            return StatusCode::OK;
        }
        Ok(_) => {}
        Err(error) => {
            println!("    refused: {error}");
            return StatusCode::BAD_REQUEST;
        }
    }
    match &event.data {
        scan::Data::Completed(scan) => println!(
            "    scan {} of {} scored {} with {} issues",
            scan.scan_id, scan.repo_url, scan.score, scan.issues_count
        ),
        scan::Data::CriticalIssue(issue) => println!(
            "    critical issue {}: {} at {}:{}",
            issue.issue_id, issue.title, issue.file, issue.line
        ),
        other => println!("    {} (not handled here)", other.name()),
    }
    StatusCode::OK
}

type Error = Box<dyn std::error::Error>;

/// `event` as Cortex sends it: encoded, signed, with its headers.
fn send(signer: &Signer, event: &scan::Event, delivery: &str) -> Result<Request<Vec<u8>>, Error> {
    Ok(scan::Event::platform()
        .request("https://receiver.example/hooks/cortex")
        .event(event.name())
        .delivery_id(delivery)
        .sign_with(signer)
        .body(event.to_vec()?)?)
}

fn main() -> Result<(), Error> {
    // Cortex's side: it signs with the secret shown when the webhook was made.
    let signer = Platform::CORTEX.signer(SECRET)?;
    // The receiver's side: built once, at start-up.
    let verifier = Platform::CORTEX.verifier(SECRET)?;
    let mut seen = HashSet::new();
    // The library never reads the clock; an application does, and hands it in.
    let now = Timestamp::now();
    let sent = Rfc3339::with_precision(now, 0);

    let completed = scan::Event::new(
        "evt_1234567890",
        sent.clone(),
        scan::Data::Completed(scan::Completed::from(scan::CompletedFields {
            scan_id: "scan_abc123".into(),
            repo_url: "https://github.com/user/repo".into(),
            status: scan::ScanStatus::Completed,
            score: 85,
            issues_count: 12,
            duration_seconds: 45,
        })),
    );
    let critical = scan::Event::new(
        "evt_1234567891",
        sent.clone(),
        scan::Data::CriticalIssue(scan::CriticalIssue::from(scan::CriticalIssueFields {
            scan_id: "scan_abc123".into(),
            issue_id: "issue_xyz789".into(),
            severity: scan::Severity::Critical,
            title: "SQL Injection Vulnerability".into(),
            file: "api/user.js".into(),
            line: 42,
        })),
    );
    let queued = scan::Event::new(
        "evt_1234567892",
        sent,
        scan::Data::Unknown(hooksig::event::Unknown::new("scan.queued", None)),
    );
    let stale = scan::Event::new(
        "evt_1234567893",
        now.checked_sub(SignedDuration::from_mins(10))?,
        scan::Data::Started(scan::Started::new("scan_def456")),
    );

    // An attacker raises the score in transit.
    let mut tampered = send(&signer, &completed, "d-5")?;
    *tampered.body_mut() = String::from_utf8(tampered.body().clone())?
        .replace("\"score\":85", "\"score\":100")
        .into_bytes();
    let not_an_event = Platform::CORTEX
        .request("https://receiver.example/hooks/cortex")
        .event("scan.completed")
        .delivery_id("d-6")
        .sign_with(&signer)
        .body(br#"{"event":"scan.completed","id":"evt_9"}"#.to_vec())?;

    let requests = [
        ("scan.completed", send(&signer, &completed, "d-1")?),
        ("issue.critical", send(&signer, &critical, "d-2")?),
        (
            "a retry of scan.completed",
            send(&signer, &completed, "d-3")?,
        ),
        (
            "an event the crate does not know",
            send(&signer, &queued, "d-4")?,
        ),
        ("a tampered body", tampered),
        ("an authentic body that is not an event", not_an_event),
        (
            "an event sent ten minutes ago",
            send(&signer, &stale, "d-7")?,
        ),
    ];
    for (what, request) in &requests {
        println!("{what}:");
        let status = handle(&verifier, &mut seen, request, now);
        println!("    answered {status}");
    }
    Ok(())
}
