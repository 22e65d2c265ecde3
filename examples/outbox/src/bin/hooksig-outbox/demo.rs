//! `hooksig-outbox demo`: the whole outbox on SQLite in one process, with
//! a loopback receiver, in about eight seconds.

use std::sync::Arc;
use std::time::Duration;

use hooksig::delivery::{DeliveryRecord, Endpoint, EventKind};
use hooksig_outbox::receiver::{Behavior, Receiver};
use hooksig_outbox::store::Status;
use hooksig_outbox::worker::Engine;
use hooksig_outbox::{Outbox, SqliteStore, Store};

use crate::args::{Args, BoxError};

const SECRET: &str = "whsec-outbox-demo";

pub(crate) async fn run(args: &Args) -> Result<(), BoxError> {
    let mut settings = args.settings()?;
    if args.get("poll").is_none() {
        settings.poll = Duration::from_millis(50);
    }
    let url = match args.get("db") {
        Some(url) => url.to_owned(),
        None => {
            let dir =
                std::env::temp_dir().join(format!("hooksig-outbox-demo-{}", std::process::id()));
            std::fs::create_dir_all(&dir)?;
            format!("sqlite://{}", dir.join("outbox.db").display())
        }
    };
    if !url.starts_with("sqlite:") {
        return Err("the demo runs on SQLite: --db sqlite://FILE".into());
    }
    println!("store: {url}");
    let store = SqliteStore::open(&url, &settings.queue, 16).await?;
    store.setup().await?;
    let outbox = Arc::new(Outbox::new(store, settings)?);

    let receiver = Receiver::new(outbox.settings().platform);
    let (address, server) = receiver.start().await?;
    println!("receiver: http://{address}/hooks/<route>\n");
    for (id, events, behavior) in [
        ("ci", r#"["simulation.*"]"#, Behavior::Accept),
        ("audit", r#"["*"]"#, Behavior::FailFirst(2)),
        ("chat", r#"["debate.synthesized"]"#, Behavior::Accept),
    ] {
        receiver.route(id, SECRET, behavior)?;
        let endpoint: Endpoint = serde_json::from_str(&format!(
            r#"{{"name":"{id}","url":"http://{address}/hooks/{id}","events":{events},"secret":"{SECRET}"}}"#
        ))?;
        outbox.add_endpoint(id, &endpoint).await?;
        println!("endpoint {id}: {}", serde_json::to_string(&endpoint)?);
    }

    let (stop, _) = tokio::sync::watch::channel(false);
    let mut workers = Vec::new();
    for index in 0..2 {
        let mut stopped = stop.subscribe();
        let until = async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        };
        workers.push(tokio::spawn(SqliteStore::run(
            Arc::clone(&outbox),
            format!("demo-{}-{index}", std::process::id()),
            until,
        )));
    }

    println!("\nenqueue (audit answers 503 to each delivery's first two attempts):");
    let first = outbox
        .enqueue(
            EventKind::new("simulation.report.ready"),
            r#"{"event":"simulation.report.ready","data":{"simulationId":"sim_42","reportUrl":"https://example.com/r/42"}}"#,
        )
        .await?;
    let second = outbox
        .enqueue(
            EventKind::new("debate.synthesized"),
            r#"{"event":"debate.synthesized","data":{"debateId":"deb_7","summary":"ship it"}}"#,
        )
        .await?;
    for (endpoint, id) in first.pending.iter().chain(&second.pending) {
        println!("  {id} -> {endpoint}");
    }
    settle(&outbox, Duration::from_secs(30)).await?;

    let delivered = first
        .pending
        .iter()
        .find(|(endpoint, _)| endpoint == "ci")
        .map(|(_, id)| id.to_string())
        .ok_or("no delivery to ci")?;
    let replay = outbox.replay(&delivered).await?;
    let test = outbox
        .send_test("chat", "Hello from the outbox demo")
        .await?;
    println!("\nreplay of {delivered}: {replay}\ntest event to chat: {test}");
    settle(&outbox, Duration::from_secs(30)).await?;

    println!("\ndelivery log:");
    for delivery in outbox.store().deliveries().await? {
        println!(
            "  {} -> {} [{}]",
            delivery.id,
            delivery.endpoint_id,
            delivery.status.as_str()
        );
        for row in outbox.store().attempts(Some(&delivery.id)).await? {
            let record: DeliveryRecord = serde_json::from_str(&row.record)?;
            println!(
                "    attempt {} due {} sent {} took {:?}: {:?}{} (by {})",
                row.attempt,
                row.due_at,
                record.sent_at(),
                record.duration(),
                record.outcome(),
                record
                    .replay_of()
                    .map(|of| format!(", replay of {of}"))
                    .unwrap_or_default(),
                row.worker,
            );
        }
    }
    let arrivals = receiver.arrivals();
    println!(
        "\nreceiver: {} requests, {} verified, {} duplicates, {} deliveries processed",
        arrivals.len(),
        arrivals.iter().filter(|a| a.verified).count(),
        arrivals.iter().filter(|a| a.duplicate).count(),
        receiver.processed().len(),
    );
    let _ = stop.send(true);
    for worker in workers {
        worker.await??;
    }
    server.abort();
    Ok(())
}

/// Waits until no delivery is pending.
async fn settle<S: Store>(outbox: &Outbox<S>, limit: Duration) -> Result<(), BoxError> {
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        let deliveries = outbox.store().deliveries().await?;
        if deliveries.iter().all(|d| d.status != Status::Pending) {
            return Ok(());
        }
        if tokio::time::Instant::now() > deadline {
            return Err("deliveries still pending after the time allowed".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
