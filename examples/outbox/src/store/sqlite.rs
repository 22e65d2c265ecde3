//! The store on SQLite, beside apalis-sqlite's queue in the same file.
//!
//! SQLite has one writer at a time: every transaction here starts with
//! `BEGIN IMMEDIATE`, which takes the write lock before it reads, so two
//! workers (threads or processes) deciding about the same endpoint run one
//! after the other and never from the same stale row.

use std::str::FromStr;
use std::time::Duration;

use apalis_sqlite::SqliteStorage;
use jiff::Timestamp;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Row, Sqlite, Transaction};

use super::{
    AttemptRow, DeliveryRow, EndpointRow, NewDelivery, Plan, Status, Store, Then, change_name,
    read_attempt, read_delivery, read_endpoint, ticket_from,
};
use crate::rate::{Gcra, admit, epoch_nanos};
use crate::{Error, Job};

const TABLES: &str = r"
CREATE TABLE IF NOT EXISTS outbox_endpoints (
    id TEXT PRIMARY KEY,
    endpoint TEXT NOT NULL,
    secret BLOB,
    health TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS outbox_deliveries (
    id TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL REFERENCES outbox_endpoints (id),
    delivery TEXT NOT NULL,
    status TEXT NOT NULL,
    next_attempt INTEGER NOT NULL,
    ticket INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_deliveries_by_endpoint
    ON outbox_deliveries (endpoint_id, status);
CREATE TABLE IF NOT EXISTS outbox_attempts (
    delivery_id TEXT NOT NULL REFERENCES outbox_deliveries (id),
    attempt INTEGER NOT NULL,
    endpoint_id TEXT NOT NULL,
    record TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    failures_after INTEGER NOT NULL,
    change TEXT NOT NULL,
    worker TEXT NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
CREATE TABLE IF NOT EXISTS outbox_rate (
    account TEXT PRIMARY KEY,
    tat INTEGER NOT NULL
);
";

/// The outbox's tables and apalis's queue in one SQLite database file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    options: SqliteConnectOptions,
    queue: String,
}

impl SqliteStore {
    /// Opens (creating it if need be) the database at `url`, such as
    /// `sqlite://outbox.db` or `sqlite::memory:`, for the queue `queue`,
    /// with up to `connections` connections.
    ///
    /// Commits are synced to disk (`synchronous = FULL`, in WAL mode), so a
    /// delivery once enqueued survives a power cut, not only a crash.
    ///
    /// # Errors
    ///
    /// [`Error::Store`] when the URL is not SQLite's or the file cannot be
    /// opened.
    pub async fn open(url: &str, queue: &str, connections: u32) -> Result<Self, Error> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(connections.max(1))
            .connect_with(options.clone())
            .await?;
        Ok(Self {
            pool,
            options,
            queue: queue.to_owned(),
        })
    }

    /// The connection pool, which apalis's `SqliteStorage` is built on.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The engine's queue name.
    pub fn queue(&self) -> &str {
        &self.queue
    }

    async fn write(&self) -> Result<Transaction<'static, Sqlite>, Error> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

async fn push(
    tx: &mut Transaction<'static, Sqlite>,
    queue: &str,
    jobs: &[(Job, Timestamp)],
) -> Result<(), Error> {
    if jobs.is_empty() {
        return Ok(());
    }
    let tasks = jobs
        .iter()
        .map(|(job, due)| job.task(*due))
        .collect::<Result<Vec<_>, _>>()?;
    apalis_sqlite::queries::push_tasks(&mut **tx, queue, &tasks)
        .await
        .map_err(Error::engine)
}

async fn load_delivery(
    tx: &mut Transaction<'static, Sqlite>,
    id: &str,
) -> Result<Option<DeliveryRow>, Error> {
    sqlx::query("SELECT * FROM outbox_deliveries WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .as_ref()
        .map(read_delivery)
        .transpose()
}

impl Store for SqliteStore {
    async fn setup(&self) -> Result<(), Error> {
        // apalis's setup switches its connection to `synchronous = OFF`:
        // give it one of its own, and drop it.
        let setup = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(self.options.clone())
            .await?;
        SqliteStorage::setup(&setup).await.map_err(Error::engine)?;
        setup.close().await;
        sqlx::raw_sql(TABLES).execute(&self.pool).await?;
        Ok(())
    }

    async fn put_endpoint(&self, row: &EndpointRow) -> Result<(), Error> {
        sqlx::query(
            "INSERT INTO outbox_endpoints (id, endpoint, secret, health) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET endpoint = excluded.endpoint,
                 secret = excluded.secret, health = excluded.health,
                 version = outbox_endpoints.version + 1",
        )
        .bind(&row.id)
        .bind(&row.endpoint)
        .bind(&row.secret)
        .bind(&row.health)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn endpoints(&self) -> Result<Vec<EndpointRow>, Error> {
        sqlx::query("SELECT * FROM outbox_endpoints ORDER BY id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(read_endpoint)
            .collect()
    }

    async fn endpoint(&self, id: &str) -> Result<Option<EndpointRow>, Error> {
        sqlx::query("SELECT * FROM outbox_endpoints WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(read_endpoint)
            .transpose()
    }

    async fn insert(&self, deliveries: &[NewDelivery], now: Timestamp) -> Result<(), Error> {
        let mut tx = self.write().await?;
        let mut jobs = Vec::new();
        for new in deliveries {
            let pending = new.status == Status::Pending;
            sqlx::query(
                "INSERT INTO outbox_deliveries
                     (id, endpoint_id, delivery, status, next_attempt, ticket, due_at, created_at, finished_at)
                 VALUES ($1, $2, $3, $4, 1, $5, $6, $6, $7)",
            )
            .bind(&new.id)
            .bind(&new.endpoint_id)
            .bind(&new.delivery)
            .bind(new.status.as_str())
            .bind(i64::from(pending))
            .bind(epoch_nanos(now))
            .bind((!pending).then(|| epoch_nanos(now)))
            .execute(&mut *tx)
            .await?;
            if pending {
                jobs.push((
                    Job {
                        delivery: new.id.parse()?,
                        attempt: hooksig::delivery::Attempt::FIRST,
                        ticket: 1,
                    },
                    now,
                ));
            }
        }
        push(&mut tx, &self.queue, &jobs).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn delivery(&self, id: &str) -> Result<Option<DeliveryRow>, Error> {
        sqlx::query("SELECT * FROM outbox_deliveries WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(read_delivery)
            .transpose()
    }

    async fn hold(&self, job: &Job, now: Timestamp) -> Result<bool, Error> {
        let held = sqlx::query(
            "UPDATE outbox_deliveries SET status = 'held', finished_at = $4
             WHERE id = $1 AND status = 'pending' AND next_attempt = $2 AND ticket = $3",
        )
        .bind(job.delivery.as_str())
        .bind(i64::from(job.attempt.get()))
        .bind(i64::from(job.ticket))
        .bind(epoch_nanos(now))
        .execute(&self.pool)
        .await?;
        Ok(held.rows_affected() == 1)
    }

    async fn admit(
        &self,
        account: &str,
        gcra: Gcra,
        now: Timestamp,
    ) -> Result<Result<(), Duration>, Error> {
        let now = epoch_nanos(now);
        let admitted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO outbox_rate (account, tat) VALUES ($1, $2 + $3)
             ON CONFLICT (account) DO UPDATE SET tat = MAX(outbox_rate.tat, $2) + $3
             WHERE MAX(outbox_rate.tat, $2) - $2 <= $4
             RETURNING tat",
        )
        .bind(account)
        .bind(now)
        .bind(gcra.interval)
        .bind(gcra.slack)
        .fetch_optional(&self.pool)
        .await?;
        if admitted.is_some() {
            return Ok(Ok(()));
        }
        // Refused: how long to wait is read after the fact, and is only a
        // hint for when to come back.
        let tat: i64 = sqlx::query_scalar("SELECT tat FROM outbox_rate WHERE account = $1")
            .bind(account)
            .fetch_one(&self.pool)
            .await?;
        Ok(admit(tat, now, gcra).map(|_| ()))
    }

    async fn defer(&self, job: &Job, at: Timestamp) -> Result<Option<Job>, Error> {
        let mut tx = self.write().await?;
        let ticket: Option<i64> = sqlx::query_scalar(
            "UPDATE outbox_deliveries SET ticket = ticket + 1, due_at = $4
             WHERE id = $1 AND status = 'pending' AND next_attempt = $2 AND ticket = $3
             RETURNING ticket",
        )
        .bind(job.delivery.as_str())
        .bind(i64::from(job.attempt.get()))
        .bind(i64::from(job.ticket))
        .bind(epoch_nanos(at))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(ticket) = ticket else {
            return Ok(None);
        };
        let next = Job {
            ticket: ticket_from(ticket)?,
            ..job.clone()
        };
        push(&mut tx, &self.queue, &[(next.clone(), at)]).await?;
        tx.commit().await?;
        Ok(Some(next))
    }

    async fn finish<F>(
        &self,
        job: &Job,
        mut attempt: AttemptRow,
        decide: F,
        now: Timestamp,
    ) -> Result<Option<Plan>, Error>
    where
        F: FnOnce(&str) -> Result<Plan, Error> + Send,
    {
        let mut tx = self.write().await?;
        let Some(row) = load_delivery(&mut tx, job.delivery.as_str()).await? else {
            return Ok(None);
        };
        if !row.waits_for(job) {
            return Ok(None);
        }
        let health: String =
            sqlx::query_scalar("SELECT health FROM outbox_endpoints WHERE id = $1")
                .bind(&row.endpoint_id)
                .fetch_one(&mut *tx)
                .await?;
        let plan = decide(&health)?;
        sqlx::query("UPDATE outbox_endpoints SET health = $2 WHERE id = $1")
            .bind(&row.endpoint_id)
            .bind(&plan.health)
            .execute(&mut *tx)
            .await?;
        attempt.failures_after = plan.failures;
        attempt.change = change_name(plan.change).to_owned();
        sqlx::query(
            "INSERT INTO outbox_attempts
                 (delivery_id, attempt, endpoint_id, record, due_at, failures_after, change, worker)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&attempt.delivery_id)
        .bind(i64::from(attempt.attempt.get()))
        .bind(&attempt.endpoint_id)
        .bind(&attempt.record)
        .bind(epoch_nanos(attempt.due_at))
        .bind(i64::from(attempt.failures_after))
        .bind(&attempt.change)
        .bind(&attempt.worker)
        .execute(&mut *tx)
        .await?;
        match plan.then {
            Then::Retry { attempt, at } => {
                let ticket: i64 = sqlx::query_scalar(
                    "UPDATE outbox_deliveries SET next_attempt = $2, ticket = ticket + 1, due_at = $3
                     WHERE id = $1 RETURNING ticket",
                )
                .bind(&row.id)
                .bind(i64::from(attempt.get()))
                .bind(epoch_nanos(at))
                .fetch_one(&mut *tx)
                .await?;
                let next = Job {
                    delivery: job.delivery.clone(),
                    attempt,
                    ticket: ticket_from(ticket)?,
                };
                push(&mut tx, &self.queue, &[(next, at)]).await?;
            }
            Then::Delivered | Then::Failed | Then::Held { .. } => {
                let (status, next) = match plan.then {
                    Then::Delivered => (Status::Delivered, job.attempt),
                    Then::Held { attempt } => (Status::Held, attempt),
                    _ => (Status::Failed, job.attempt),
                };
                sqlx::query(
                    "UPDATE outbox_deliveries SET status = $2, next_attempt = $3, finished_at = $4
                     WHERE id = $1",
                )
                .bind(&row.id)
                .bind(status.as_str())
                .bind(i64::from(next.get()))
                .bind(epoch_nanos(now))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(Some(plan))
    }

    async fn re_enable<F>(&self, endpoint_id: &str, revive: F, now: Timestamp) -> Result<u64, Error>
    where
        F: FnOnce(&str) -> Result<String, Error> + Send,
    {
        let mut tx = self.write().await?;
        let health: Option<String> =
            sqlx::query_scalar("SELECT health FROM outbox_endpoints WHERE id = $1")
                .bind(endpoint_id)
                .fetch_optional(&mut *tx)
                .await?;
        let Some(health) = health else {
            return Err(Error::NoEndpoint {
                id: endpoint_id.to_owned(),
            });
        };
        sqlx::query("UPDATE outbox_endpoints SET health = $2 WHERE id = $1")
            .bind(endpoint_id)
            .bind(revive(&health)?)
            .execute(&mut *tx)
            .await?;
        let resumed = sqlx::query(
            "UPDATE outbox_deliveries
             SET status = 'pending', ticket = ticket + 1, due_at = $2, finished_at = NULL
             WHERE endpoint_id = $1 AND status = 'held'
             RETURNING id, next_attempt, ticket",
        )
        .bind(endpoint_id)
        .bind(epoch_nanos(now))
        .fetch_all(&mut *tx)
        .await?;
        let jobs = resumed
            .iter()
            .map(|row| {
                let id: String = row.try_get("id")?;
                Ok((
                    Job {
                        delivery: id.parse()?,
                        attempt: super::attempt_from(row.try_get("next_attempt")?)?,
                        ticket: ticket_from(row.try_get("ticket")?)?,
                    },
                    now,
                ))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        push(&mut tx, &self.queue, &jobs).await?;
        tx.commit().await?;
        Ok(u64::try_from(jobs.len()).unwrap_or(u64::MAX))
    }

    async fn attempts(&self, delivery_id: Option<&str>) -> Result<Vec<AttemptRow>, Error> {
        sqlx::query(
            "SELECT * FROM outbox_attempts WHERE $1 IS NULL OR delivery_id = $1
             ORDER BY delivery_id, attempt",
        )
        .bind(delivery_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(read_attempt)
        .collect()
    }

    async fn deliveries(&self) -> Result<Vec<DeliveryRow>, Error> {
        sqlx::query("SELECT * FROM outbox_deliveries ORDER BY created_at, id")
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(read_delivery)
            .collect()
    }

    async fn backlog(&self) -> Result<Vec<(String, i64)>, Error> {
        Ok(sqlx::query_as(
            "SELECT status, COUNT(*) FROM Jobs WHERE job_type = $1 GROUP BY status ORDER BY status",
        )
        .bind(&self.queue)
        .fetch_all(&self.pool)
        .await?)
    }
}
