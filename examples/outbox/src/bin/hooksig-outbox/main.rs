//! `hooksig-outbox`: run the durable sender, its workers, and the bench.
//!
//! ```text
//! hooksig-outbox demo [--db URL]                  everything on SQLite, in one process
//! hooksig-outbox setup --db URL                   create the tables
//! hooksig-outbox worker --db URL [--workers N] [--name NAME] [settings]
//! hooksig-outbox endpoint --db URL --id ID --json '{"url":...,"events":[...],"secret":...}'
//! hooksig-outbox enqueue --db URL --event NAME --body JSON
//! hooksig-outbox replay --db URL --delivery ID
//! hooksig-outbox send-test --db URL --endpoint ID [--message TEXT]
//! hooksig-outbox re-enable --db URL --endpoint ID
//! hooksig-outbox status --db URL
//! hooksig-outbox bench --db URL --workers N [--deliveries M] [--endpoints E] [settings]
//! ```
//!
//! `URL` is `sqlite://FILE` (created if missing) or `postgres://...`.
//! Settings: `--heartbeat SECONDS`, `--poll MS`, `--concurrency N`,
//! `--batch N`, `--queue NAME`, `--auto-disable FAILURES`,
//! `--rate BURST/MS`, `--waits MS,MS|none`, `--timeout MS`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod bench;
mod demo;

use std::sync::Arc;

use hooksig::delivery::{Endpoint, EventKind, Health};
use hooksig_outbox::store::Status;
use hooksig_outbox::worker::Engine;
use hooksig_outbox::{Outbox, PostgresStore, Settings, SqliteStore, Store};
use tokio::io::AsyncReadExt;

use crate::args::{Args, BoxError};

/// A store of either kind, chosen by the URL.
pub(crate) enum Db {
    Sqlite(Box<SqliteStore>),
    Postgres(PostgresStore),
}

impl Db {
    pub(crate) async fn open(url: &str, settings: &Settings) -> Result<Self, BoxError> {
        let connections = u32::try_from(settings.concurrency).unwrap_or(64) + 4;
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres(
                PostgresStore::open(url, &settings.queue, connections).await?,
            ))
        } else if url.starts_with("sqlite:") {
            Ok(Self::Sqlite(Box::new(
                SqliteStore::open(url, &settings.queue, connections).await?,
            )))
        } else {
            Err(format!("{url}: expected sqlite://FILE or postgres://...").into())
        }
    }
}

/// Runs `$body` with `$store` bound to the concrete store.
macro_rules! with_store {
    ($db:expr, $store:ident => $body:expr) => {
        match $db {
            Db::Sqlite($store) => {
                let $store = *$store;
                $body
            }
            Db::Postgres($store) => $body,
        }
    };
}

#[tokio::main]
async fn main() {
    if let Err(error) = run().await {
        let mut message = error.to_string();
        let mut source = error.source();
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        eprintln!("hooksig-outbox: {message}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), BoxError> {
    let args = Args::parse(std::env::args().skip(1))?;
    if args.command == "demo" {
        return demo::run(&args).await;
    }
    if args.command == "help" || args.command == "--help" {
        println!("{}", include_str!("usage.txt"));
        return Ok(());
    }
    let settings = args.settings()?;
    let db = Db::open(args.need("db")?, &settings).await?;
    with_store!(db, store => command(&args, store, settings).await)
}

async fn command<S: Engine>(args: &Args, store: S, settings: Settings) -> Result<(), BoxError> {
    store.setup().await?;
    let outbox = Arc::new(Outbox::new(store, settings)?);
    match args.command.as_str() {
        "setup" => println!("tables ready"),
        "worker" => workers(args, outbox).await?,
        "endpoint" => {
            let endpoint: Endpoint = serde_json::from_str(args.need("json")?)?;
            let id = args.need("id")?;
            outbox.add_endpoint(id, &endpoint).await?;
            println!("endpoint {id}: {}", serde_json::to_string(&endpoint)?);
        }
        "enqueue" => {
            let event = args.need("event")?;
            let body = args.need("body")?;
            let enqueued = outbox.enqueue(EventKind::new(event), body).await?;
            for (endpoint, id) in &enqueued.pending {
                println!("{id} -> {endpoint}");
            }
            for (endpoint, id) in &enqueued.held {
                println!("{id} -> {endpoint} (held: the endpoint is disabled)");
            }
        }
        "replay" => println!("{}", outbox.replay(args.need("delivery")?).await?),
        "send-test" => {
            let message = args.get("message").unwrap_or("Hello from hooksig-outbox");
            println!(
                "{}",
                outbox.send_test(args.need("endpoint")?, message).await?
            );
        }
        "re-enable" => {
            let resumed = outbox.re_enable(args.need("endpoint")?).await?;
            println!("{resumed} held deliveries resumed");
        }
        "status" => status(&outbox).await?,
        "bench" => bench::run(args, &outbox).await?,
        other => return Err(format!("unknown command {other:?}; try `help`").into()),
    }
    Ok(())
}

/// Runs `--workers` workers (default 1) in this process until SIGINT,
/// SIGTERM or, with `--until-stdin-closes`, the end of standard input;
/// then, with `--timings`, prints where the time went as one JSON line.
async fn workers<S: Engine>(args: &Args, outbox: Arc<Outbox<S>>) -> Result<(), BoxError> {
    let count: usize = args.number("workers", 1)?;
    // apalis refuses a second live worker of the same name: the host and
    // the process id keep them apart across machines.
    let name = args.get("name").map_or_else(
        || format!("outbox-{}-{}", host(), std::process::id()),
        str::to_owned,
    );
    let (stop, _) = tokio::sync::watch::channel(false);
    let mut running = Vec::new();
    for index in 0..count {
        let mut stopped = stop.subscribe();
        let until = async move {
            let _ = stopped.wait_for(|stop| *stop).await;
        };
        let worker = if count == 1 {
            name.clone()
        } else {
            format!("{name}-{index}")
        };
        running.push(tokio::spawn(S::run(Arc::clone(&outbox), worker, until)));
    }
    eprintln!("{count} worker(s) {name} running");
    shutdown_signal(args.has("until-stdin-closes")).await;
    let _ = stop.send(true);
    for worker in running {
        worker.await??;
    }
    if args.has("timings") {
        println!("{}", outbox.timings().to_json());
    }
    Ok(())
}

fn host() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .map(|host| host.trim().to_owned())
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "host".into())
}

async fn shutdown_signal(stdin: bool) {
    let stdin_closed = async {
        if stdin {
            let mut sink = Vec::new();
            let _ = tokio::io::stdin().read_to_end(&mut sink).await;
        } else {
            std::future::pending::<()>().await;
        }
    };
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate());
    let terminated = async {
        match term.as_mut() {
            Ok(term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = terminated => {}
        () = stdin_closed => {}
    }
}

async fn status<S: Store>(outbox: &Outbox<S>) -> Result<(), BoxError> {
    let store = outbox.store();
    for row in store.endpoints().await? {
        let health: Health = serde_json::from_str(&row.health)?;
        println!(
            "endpoint {}: {:?}, {} failures in a row",
            row.id,
            health.state(),
            health.consecutive_failures()
        );
    }
    let deliveries = store.deliveries().await?;
    for status in [
        Status::Pending,
        Status::Delivered,
        Status::Failed,
        Status::Held,
    ] {
        let count = deliveries.iter().filter(|d| d.status == status).count();
        println!("deliveries {}: {count}", status.as_str());
    }
    for (status, count) in store.backlog().await? {
        println!("engine jobs {status}: {count}");
    }
    Ok(())
}
