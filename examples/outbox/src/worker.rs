//! Workers: apalis workers whose handler is [`Outbox::deliver`].
//!
//! A worker is stateless: the delivery, its endpoint's health and the rate
//! limit live in the store, so any number of them (threads, processes,
//! machines on one Postgres) share one queue. A retry is a job the engine
//! holds until its due time; no worker waits for it.

use std::future::Future;
use std::sync::Arc;

use apalis::prelude::{
    BackendExt, BoxDynError, Data, WorkerBuilder, WorkerBuilderExt, WorkerContext,
};
use apalis_postgres::PostgresStorage;
use apalis_sqlite::SqliteStorage;

use crate::{Error, Job, Outbox, PostgresStore, SqliteStore, Store};

/// A store apalis can run workers on.
pub trait Engine: Store {
    /// Runs one worker named `name` (unique among live workers) on the
    /// outbox's queue until `stop` completes; jobs it has started are
    /// finished first.
    fn run(
        outbox: Arc<Outbox<Self>>,
        name: String,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> impl Future<Output = Result<(), Error>> + Send;
}

async fn handle<S: Store>(
    job: Job,
    outbox: Data<Arc<Outbox<S>>>,
    worker: WorkerContext,
) -> Result<(), BoxDynError> {
    outbox.deliver(&job, worker.name()).await?;
    Ok(())
}

async fn stopped(stop: impl Future<Output = ()>) -> Result<(), std::io::Error> {
    stop.await;
    Ok(())
}

impl Engine for SqliteStore {
    async fn run(
        outbox: Arc<Outbox<Self>>,
        name: String,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        let settings = outbox.settings().clone();
        let config = apalis_sqlite::Config::default()
            .queue(&settings.queue)
            .heartbeat_interval(settings.heartbeat)
            .batch_size(settings.batch.max(1));
        let backend = SqliteStorage::<Job>::new(outbox.store().pool())
            .with_config(config)
            .poll_with_interval(settings.poll);
        WorkerBuilder::new(name)
            .backend(backend)
            .data(outbox)
            .concurrency(settings.concurrency.max(1))
            .build(handle::<SqliteStore>)
            .run_until(stopped(stop))
            .await
            .map_err(Error::engine)
    }
}

impl Engine for PostgresStore {
    async fn run(
        outbox: Arc<Outbox<Self>>,
        name: String,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), Error> {
        let settings = outbox.settings().clone();
        let config = apalis_postgres::Config::default()
            .queue(&settings.queue)
            .heartbeat_interval(settings.heartbeat)
            .batch_size(settings.batch.max(1));
        let backend = PostgresStorage::<Job>::new(outbox.store().pool())
            .with_config(config)
            .poll_with_interval(settings.poll);
        WorkerBuilder::new(name)
            .backend(backend)
            .data(outbox)
            .concurrency(settings.concurrency.max(1))
            .build(handle::<PostgresStore>)
            .run_until(stopped(stop))
            .await
            .map_err(Error::engine)
    }
}
