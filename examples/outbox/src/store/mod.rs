//! The store: endpoints with their shared health, deliveries with their
//! state, the attempt log, and the rate limit, beside the engine's queue in
//! the same database, so that one transaction can record an attempt and
//! push the job that follows it.
//!
//! Two implementations, one per apalis backend: [`sqlite::SqliteStore`]
//! and [`postgres::PostgresStore`]. Each holds only SQL; what the rows mean
//! is decided by hooksig, in [`crate::outbox`] and [`crate::worker`].

use std::future::Future;
use std::time::Duration;

use hooksig::delivery::{Attempt, HealthChange};
use jiff::Timestamp;

use crate::rate::Gcra;
use crate::{Error, Job};

pub mod postgres;
pub mod sqlite;

/// An endpoint as stored: its registration (without the secret), the
/// secret's bytes apart, and its [`Health`](hooksig::delivery::Health) as
/// hooksig serializes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointRow {
    /// The endpoint's id.
    pub id: String,
    /// hooksig's `Endpoint` as JSON, with no `secret` field.
    pub endpoint: String,
    /// The signing secret. Encrypt this column in production.
    pub secret: Option<Vec<u8>>,
    /// hooksig's `Health` as JSON.
    pub health: String,
    /// Bumped on every change of the registration, so workers know to
    /// re-key their cached signer.
    pub version: i64,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// An attempt is due (or being made).
    Pending,
    /// An attempt succeeded.
    Delivered,
    /// The retry schedule ran out.
    Failed,
    /// Its endpoint is disabled: kept, and resumed by
    /// [`Outbox::re_enable`](crate::Outbox::re_enable).
    Held,
}

impl Status {
    /// The column's text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Delivered => "delivered",
            Self::Failed => "failed",
            Self::Held => "held",
        }
    }

    fn parse(text: &str) -> Result<Self, Error> {
        Ok(match text {
            "pending" => Self::Pending,
            "delivered" => Self::Delivered,
            "failed" => Self::Failed,
            "held" => Self::Held,
            _ => {
                return Err(Error::Corrupt {
                    what: "delivery status",
                    error: serde::de::Error::custom(format_args!("unknown status {text:?}")),
                });
            }
        })
    }
}

/// A delivery as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRow {
    /// The delivery id.
    pub id: String,
    /// The endpoint it goes to.
    pub endpoint_id: String,
    /// hooksig's `Delivery` as JSON: id, event, body, `replay_of`.
    pub delivery: String,
    /// Where it stands.
    pub status: Status,
    /// The attempt due next (or last made, once finished).
    pub next_attempt: Attempt,
    /// How many jobs have been pushed for it; only the newest acts.
    pub ticket: u32,
    /// When the next attempt is due, as `RetrySchedule::next` said.
    pub due_at: Timestamp,
    /// When it was enqueued.
    pub created_at: Timestamp,
    /// When it was delivered, failed or held.
    pub finished_at: Option<Timestamp>,
}

impl DeliveryRow {
    /// Whether `job` is the one this delivery waits for.
    pub fn waits_for(&self, job: &Job) -> bool {
        self.status == Status::Pending
            && self.next_attempt == job.attempt
            && self.ticket == job.ticket
            && self.id == job.delivery.as_str()
    }
}

/// A delivery to add.
#[derive(Debug, Clone)]
pub struct NewDelivery {
    /// The delivery id.
    pub id: String,
    /// The endpoint it goes to.
    pub endpoint_id: String,
    /// hooksig's `Delivery` as JSON.
    pub delivery: String,
    /// `Pending` to send now, `Held` for a disabled endpoint.
    pub status: Status,
}

/// One attempt as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRow {
    /// The delivery.
    pub delivery_id: String,
    /// Which attempt.
    pub attempt: Attempt,
    /// The endpoint.
    pub endpoint_id: String,
    /// hooksig's `DeliveryRecord` as JSON.
    pub record: String,
    /// When the attempt was due.
    pub due_at: Timestamp,
    /// The endpoint's consecutive failures once this attempt was counted.
    pub failures_after: u32,
    /// What counting it changed: `unchanged`, `recovered` or `disabled`.
    pub change: String,
    /// The worker that made it.
    pub worker: String,
}

/// What follows an attempt, decided (by hooksig) inside the transaction
/// that records it, while the endpoint's row is locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The endpoint's health after counting the attempt, as JSON.
    pub health: String,
    /// What counting it changed.
    pub change: HealthChange,
    /// The endpoint's consecutive failures after counting it.
    pub failures: u32,
    /// What happens to the delivery.
    pub then: Then,
}

/// What happens to a delivery after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Another attempt, pushed as a job due at `at`.
    Retry {
        /// The attempt to make.
        attempt: Attempt,
        /// When, as `RetrySchedule::next` said.
        at: Timestamp,
    },
    /// Done: delivered.
    Delivered,
    /// Done: the schedule ran out.
    Failed,
    /// Kept until the endpoint is enabled again; `attempt` is made then.
    Held {
        /// The attempt to make on resuming.
        attempt: Attempt,
    },
}

/// The name of a health change, as the attempt log writes it.
pub fn change_name(change: HealthChange) -> &'static str {
    match change {
        HealthChange::Recovered => "recovered",
        HealthChange::Disabled => "disabled",
        _ => "unchanged",
    }
}

/// The SQL a backend provides. Every method is one transaction (or one
/// statement); the ones that take a closure call it while the rows it
/// decides about are locked.
pub trait Store: Clone + Send + Sync + 'static {
    /// Creates the engine's and the outbox's tables, if they are not there.
    fn setup(&self) -> impl Future<Output = Result<(), Error>> + Send;

    /// Adds an endpoint, or replaces its registration and health.
    fn put_endpoint(&self, row: &EndpointRow) -> impl Future<Output = Result<(), Error>> + Send;

    /// Every endpoint.
    fn endpoints(&self) -> impl Future<Output = Result<Vec<EndpointRow>, Error>> + Send;

    /// One endpoint.
    fn endpoint(&self, id: &str)
    -> impl Future<Output = Result<Option<EndpointRow>, Error>> + Send;

    /// Adds deliveries, and pushes the first job of each pending one, in
    /// one transaction: an event is enqueued whole or not at all.
    fn insert(
        &self,
        deliveries: &[NewDelivery],
        now: Timestamp,
    ) -> impl Future<Output = Result<(), Error>> + Send;

    /// One delivery.
    fn delivery(&self, id: &str)
    -> impl Future<Output = Result<Option<DeliveryRow>, Error>> + Send;

    /// Holds the delivery `job` is for, if that job is still the one it
    /// waits for. Says whether it did.
    fn hold(&self, job: &Job, now: Timestamp) -> impl Future<Output = Result<bool, Error>> + Send;

    /// Takes one token from `account`'s bucket at `now`, in one statement.
    ///
    /// The inner `Err` is how long until a token is back.
    fn admit(
        &self,
        account: &str,
        gcra: Gcra,
        now: Timestamp,
    ) -> impl Future<Output = Result<Result<(), Duration>, Error>> + Send;

    /// Pushes a new job for the same attempt, due at `at`, if `job` is still
    /// the one the delivery waits for. Returns the new job.
    fn defer(
        &self,
        job: &Job,
        at: Timestamp,
    ) -> impl Future<Output = Result<Option<Job>, Error>> + Send;

    /// Records `attempt` and carries out what `decide` makes of the
    /// endpoint's health (as JSON), in one transaction with the delivery
    /// and endpoint rows locked: the log, the health, the delivery's state
    /// and the next job change together or not at all. `None`, with
    /// nothing written, when `job` is no longer the one the delivery waits
    /// for.
    fn finish<F>(
        &self,
        job: &Job,
        attempt: AttemptRow,
        decide: F,
        now: Timestamp,
    ) -> impl Future<Output = Result<Option<Plan>, Error>> + Send
    where
        F: FnOnce(&str) -> Result<Plan, Error> + Send;

    /// Rewrites the endpoint's health with `revive` (given and giving
    /// JSON), and pushes a job for each of its held deliveries, in one
    /// transaction. Returns how many were resumed.
    fn re_enable<F>(
        &self,
        endpoint_id: &str,
        revive: F,
        now: Timestamp,
    ) -> impl Future<Output = Result<u64, Error>> + Send
    where
        F: FnOnce(&str) -> Result<String, Error> + Send;

    /// The attempt log, of one delivery or of all, in order.
    fn attempts(
        &self,
        delivery_id: Option<&str>,
    ) -> impl Future<Output = Result<Vec<AttemptRow>, Error>> + Send;

    /// Every delivery.
    fn deliveries(&self) -> impl Future<Output = Result<Vec<DeliveryRow>, Error>> + Send;

    /// The engine's jobs in this outbox's queue, counted by status
    /// (`Pending`, `Queued`, `Running`, `Done`, `Failed`, `Killed`).
    fn backlog(&self) -> impl Future<Output = Result<Vec<(String, i64)>, Error>> + Send;
}

pub(crate) fn attempt_from(number: i64) -> Result<Attempt, Error> {
    u32::try_from(number)
        .ok()
        .and_then(Attempt::new)
        .ok_or_else(|| Error::Corrupt {
            what: "attempt number",
            error: serde::de::Error::custom(format_args!("{number} is not an attempt")),
        })
}

pub(crate) fn ticket_from(number: i64) -> Result<u32, Error> {
    u32::try_from(number).map_err(|_| Error::Corrupt {
        what: "job ticket",
        error: serde::de::Error::custom(format_args!("{number} is not a ticket")),
    })
}

/// Reads a delivery row of either backend.
pub(crate) fn read_delivery<R>(row: &R) -> Result<DeliveryRow, Error>
where
    R: sqlx::Row,
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
    String: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
{
    use crate::rate::from_epoch_nanos;
    let status: String = row.try_get("status")?;
    let finished_at: Option<i64> = row.try_get("finished_at")?;
    Ok(DeliveryRow {
        id: row.try_get("id")?,
        endpoint_id: row.try_get("endpoint_id")?,
        delivery: row.try_get("delivery")?,
        status: Status::parse(&status)?,
        next_attempt: attempt_from(row.try_get("next_attempt")?)?,
        ticket: ticket_from(row.try_get("ticket")?)?,
        due_at: from_epoch_nanos(row.try_get("due_at")?),
        created_at: from_epoch_nanos(row.try_get("created_at")?),
        finished_at: finished_at.map(from_epoch_nanos),
    })
}

/// Reads an attempt row of either backend.
pub(crate) fn read_attempt<R>(row: &R) -> Result<AttemptRow, Error>
where
    R: sqlx::Row,
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
    String: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
{
    let failures: i64 = row.try_get("failures_after")?;
    Ok(AttemptRow {
        delivery_id: row.try_get("delivery_id")?,
        attempt: attempt_from(row.try_get("attempt")?)?,
        endpoint_id: row.try_get("endpoint_id")?,
        record: row.try_get("record")?,
        due_at: crate::rate::from_epoch_nanos(row.try_get("due_at")?),
        failures_after: u32::try_from(failures).unwrap_or(u32::MAX),
        change: row.try_get("change")?,
        worker: row.try_get("worker")?,
    })
}

/// Reads an endpoint row of either backend.
pub(crate) fn read_endpoint<R>(row: &R) -> Result<EndpointRow, Error>
where
    R: sqlx::Row,
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    i64: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
    String: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
    Vec<u8>: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
{
    Ok(EndpointRow {
        id: row.try_get("id")?,
        endpoint: row.try_get("endpoint")?,
        secret: row.try_get("secret")?,
        health: row.try_get("health")?,
        version: row.try_get("version")?,
    })
}
