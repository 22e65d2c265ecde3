//! `hooksig-outbox bench`: deliveries per second through the store, with
//! worker processes and a loopback receiver, and where each delivery's time
//! went.

use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use hooksig::delivery::{DeliveryRecord, Endpoint, EventKind};
use hooksig_outbox::Outbox;
use hooksig_outbox::receiver::{Behavior, Receiver};
use hooksig_outbox::store::Status;
use hooksig_outbox::worker::Engine;
use tokio::io::AsyncReadExt;
use tokio::process::Command;

use crate::args::{Args, BoxError};

pub(crate) async fn run<S: Engine>(args: &Args, outbox: &Arc<Outbox<S>>) -> Result<(), BoxError> {
    let workers: usize = args.number("workers", 1)?;
    let wanted: usize = args.number("deliveries", 1000)?;
    let endpoints: usize = args.number("endpoints", 4)?.max(1);
    let run = uuid::Uuid::new_v4().simple().to_string();
    let run = run.get(..8).unwrap_or("run");
    let event = format!("bench.{run}");

    let receiver = Receiver::new(outbox.settings().platform);
    let (address, server) = receiver.start().await?;
    let mut ids = Vec::new();
    for index in 0..endpoints {
        let id = format!("bench-{run}-{index}");
        let secret = format!("whsec-{id}");
        receiver.route(&id, &secret, Behavior::Accept)?;
        let endpoint: Endpoint = serde_json::from_str(&format!(
            r#"{{"url":"http://{address}/hooks/{id}","events":["{event}"],"secret":"{secret}"}}"#
        ))?;
        outbox.add_endpoint(&id, &endpoint).await?;
        ids.push(id);
    }

    let events = wanted.div_ceil(endpoints);
    let total = events * endpoints;
    let started = Instant::now();
    for n in 0..events {
        let body = format!(
            r#"{{"event":"{event}","data":{{"n":{n},"pad":"{}"}}}}"#,
            "x".repeat(200)
        );
        outbox.enqueue(EventKind::new(&event), body).await?;
    }
    let enqueue = started.elapsed();

    let exe = std::env::current_exe()?;
    let mut children = Vec::new();
    for index in 0..workers {
        children.push(
            Command::new(&exe)
                .arg("worker")
                .args(["--db", args.need("db")?])
                .args(args.settings_flags())
                .args(["--name", &format!("bench-{run}-w{index}")])
                .args(["--until-stdin-closes", "--timings"])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .kill_on_drop(true)
                .spawn()?,
        );
    }

    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        if receiver.processed().len() >= total {
            let deliveries = outbox.store().deliveries().await?;
            let ours = deliveries
                .iter()
                .filter(|d| ids.contains(&d.endpoint_id))
                .collect::<Vec<_>>();
            if ours.iter().all(|d| d.status != Status::Pending) {
                break;
            }
        }
        if Instant::now() > deadline {
            return Err("the bench did not finish in 10 minutes".into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    let mut sums = [0_u64; 5];
    for mut child in children {
        drop(child.stdin.take());
        let mut out = String::new();
        if let Some(mut stdout) = child.stdout.take() {
            stdout.read_to_string(&mut out).await?;
        }
        child.wait().await?;
        let timings: serde_json::Value = serde_json::from_str(out.trim())?;
        for (sum, key) in sums.iter_mut().zip([
            "hooksig_ns",
            "store_ns",
            "http_ns",
            "handler_ns",
            "attempts",
        ]) {
            *sum += timings
                .get(key)
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0);
        }
    }
    server.abort();

    // From the first attempt sent to the last delivery finished, by the
    // store's own times.
    let mut first = None;
    let attempts = outbox.store().attempts(None).await?;
    for row in attempts.iter().filter(|row| ids.contains(&row.endpoint_id)) {
        let record: DeliveryRecord = serde_json::from_str(&row.record)?;
        let sent = record.sent_at();
        first = Some(first.map_or(sent, |f: jiff::Timestamp| f.min(sent)));
    }
    let deliveries = outbox.store().deliveries().await?;
    let last = deliveries
        .iter()
        .filter(|d| ids.contains(&d.endpoint_id))
        .filter_map(|d| d.finished_at)
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return Err("no attempts recorded".into());
    };
    let seconds = last.duration_since(first).as_secs_f64();
    let [hooksig, store, http, handler, attempts] = sums;
    let n = total as f64;
    let slots = workers * outbox.settings().concurrency;
    let per = |ns: u64| ns as f64 / n / 1e3;
    let wall = seconds * slots as f64 / n * 1e6;
    println!(
        "{} workers={workers} concurrency={} deliveries={total} attempts={attempts} \
         seconds={seconds:.2} rate={:.0}/s enqueue={:.0}/s",
        kind(args),
        outbox.settings().concurrency,
        n / seconds,
        n / enqueue.as_secs_f64(),
    );
    println!(
        "  per delivery (µs of one worker slot): wall {wall:.0} = handler {:.0} \
         [hooksig {:.1} ({:.2}%), store {:.0}, http {:.0}] + engine {:.0}",
        per(handler),
        per(hooksig),
        per(hooksig) / wall * 100.0,
        per(store),
        per(http),
        wall - per(handler),
    );
    Ok(())
}

fn kind(args: &Args) -> &'static str {
    match args.get("db") {
        Some(url) if url.starts_with("sqlite:") => "sqlite",
        _ => "postgres",
    }
}
