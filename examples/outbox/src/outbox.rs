//! The outbox: registering endpoints, enqueuing events, replays and test
//! events, and the delivery of one job, each a few calls into hooksig
//! around the store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use hooksig::Signer;
use hooksig::delivery::{
    Attempted, Delivery, DeliveryId, DeliveryRecord, Endpoint, EventKind, Health, Jitter, Next,
    Secret,
};
use hooksig::event::Envelope;
use jiff::Timestamp;

use crate::http::Client;
use crate::rate::Gcra;
use crate::store::{AttemptRow, EndpointRow, NewDelivery, Plan, Status, Store, Then};
use crate::timing::Timings;
use crate::{Error, Job, Settings};

/// A durable sender on one store: what the application calls to enqueue,
/// and what workers call to deliver.
#[derive(Debug)]
pub struct Outbox<S> {
    store: S,
    settings: Settings,
    client: Client,
    gcra: Option<Gcra>,
    /// Signers keyed once per endpoint and registration version: keying is
    /// the costly part of signing.
    signers: Mutex<HashMap<String, Keyed>>,
    timings: Timings,
}

/// An endpoint's signer (none without a secret), for one version of its
/// registration.
type Keyed = (i64, Option<Arc<Signer>>);

/// What [`Outbox::enqueue`] created: one delivery per subscribed endpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Enqueued {
    /// `(endpoint id, delivery id)` of the deliveries sent now.
    pub pending: Vec<(String, DeliveryId)>,
    /// `(endpoint id, delivery id)` of those kept because their endpoint is
    /// disabled; [`Outbox::re_enable`] sends them.
    pub held: Vec<(String, DeliveryId)>,
}

/// What a worker did with one job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The job is an older copy: the delivery has moved on. Nothing sent.
    Stale,
    /// The endpoint is disabled or switched off: the delivery is held.
    Held,
    /// The rate limit is reached: the attempt was pushed back, as a new job.
    Deferred,
    /// An attempt was made and recorded; what follows it.
    Attempted(Then),
}

impl<S: Store> Outbox<S> {
    /// An outbox on `store` under `settings`. Call [`Store::setup`] once
    /// first.
    ///
    /// # Errors
    ///
    /// [`Error::Client`] when the HTTP client cannot be built.
    pub fn new(store: S, settings: Settings) -> Result<Self, Error> {
        Ok(Self {
            client: Client::new(&settings.policy)?,
            gcra: settings.policy.rate_limit.map(Gcra::new),
            store,
            settings,
            signers: Mutex::default(),
            timings: Timings::default(),
        })
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Where this process's delivery time went.
    pub fn timings(&self) -> &Timings {
        &self.timings
    }

    /// Registers `endpoint` under `id`, healthy, or replaces its
    /// registration (its health starts over).
    ///
    /// # Errors
    ///
    /// [`Error::Key`] when its secret cannot sign on the platform, or
    /// [`Error::Request`] when no request can be built for it (no secret
    /// for a platform that requires one): checked now rather than at the
    /// first delivery. Or a store error.
    pub async fn add_endpoint(&self, id: &str, endpoint: &Endpoint) -> Result<(), Error> {
        let signer = endpoint
            .signer(self.settings.platform)
            .map_err(|error| Error::Key {
                endpoint: id.to_owned(),
                error,
            })?;
        // A platform that requires a secret refuses an endpoint without one
        // now, rather than every delivery to it later.
        Delivery::new(fresh_id()?, "webhook.check", Vec::new())
            .request(self.settings.platform, endpoint, signer.as_ref())
            .map_err(|error| Error::Request {
                delivery: format!("(a check of endpoint {id})"),
                error,
            })?;
        // The registration is stored as hooksig writes it, which redacts
        // the secret; the secret goes to its own column.
        let mut json = serde_json::to_value(endpoint).map_err(Error::corrupt("endpoint"))?;
        if let Some(fields) = json.as_object_mut() {
            fields.remove("secret");
        }
        let health = self.settings.policy.health();
        self.store
            .put_endpoint(&EndpointRow {
                id: id.to_owned(),
                endpoint: json.to_string(),
                secret: endpoint.secret().map(|s| s.expose_secret().to_vec()),
                health: serde_json::to_string(&health).map_err(Error::corrupt("health"))?,
                version: 0,
            })
            .await
    }

    /// An endpoint's health, as all workers see it.
    ///
    /// # Errors
    ///
    /// [`Error::NoEndpoint`], or a store error.
    pub async fn health(&self, endpoint_id: &str) -> Result<Health, Error> {
        let row = self.endpoint_row(endpoint_id).await?;
        serde_json::from_str(&row.health).map_err(Error::corrupt("health"))
    }

    /// Enqueues `body` as `event` for every endpoint that wants it
    /// ([`Endpoint::wants`]): one delivery each, under a fresh UUID, all
    /// in one transaction. Deliveries to an auto-disabled endpoint are
    /// stored as held.
    ///
    /// # Errors
    ///
    /// [`Error::Request`] when hooksig cannot build the request (an event
    /// name that cannot be a header value), or a store error; either way
    /// nothing was enqueued.
    pub async fn enqueue(
        &self,
        event: EventKind<'_>,
        body: impl Into<Vec<u8>>,
    ) -> Result<Enqueued, Error> {
        let body = body.into();
        let mut rows = Vec::new();
        let mut enqueued = Enqueued::default();
        for row in self.store.endpoints().await? {
            let endpoint = endpoint_of(&row)?;
            if !endpoint.wants(event) {
                continue;
            }
            let health: Health =
                serde_json::from_str(&row.health).map_err(Error::corrupt("health"))?;
            let delivery = Delivery::new(fresh_id()?, event.name(), body.clone());
            self.check(&row, &endpoint, &delivery)?;
            let status = if health.is_enabled() {
                enqueued
                    .pending
                    .push((row.id.clone(), delivery.id().clone()));
                Status::Pending
            } else {
                enqueued.held.push((row.id.clone(), delivery.id().clone()));
                Status::Held
            };
            rows.push(new_row(&row.id, &delivery, status)?);
        }
        self.store.insert(&rows, Timestamp::now()).await?;
        Ok(enqueued)
    }

    /// Enqueues a typed event: its name, and the bytes
    /// [`Envelope::to_vec`] encodes.
    ///
    /// # Errors
    ///
    /// As [`Outbox::enqueue`], or [`Error::Encode`].
    pub async fn enqueue_event<E: Envelope>(&self, event: &E) -> Result<Enqueued, Error> {
        self.enqueue(EventKind::new(event.name()), event.to_vec()?)
            .await
    }

    /// Sends the last recorded attempt of `delivery_id` again, byte for
    /// byte, under a fresh id, to the same endpoint
    /// ([`DeliveryRecord::replay`]). Returns the new delivery's id.
    ///
    /// # Errors
    ///
    /// [`Error::NoRecord`] when the delivery has no recorded attempt, or a
    /// store error.
    pub async fn replay(&self, delivery_id: &str) -> Result<DeliveryId, Error> {
        let attempts = self.store.attempts(Some(delivery_id)).await?;
        let Some(last) = attempts.last() else {
            return Err(Error::NoRecord {
                id: delivery_id.to_owned(),
            });
        };
        let record: DeliveryRecord =
            serde_json::from_str(&last.record).map_err(Error::corrupt("record"))?;
        let replay = record.replay(fresh_id()?)?;
        self.enqueue_to(&last.endpoint_id, &replay).await?;
        Ok(replay.id().clone())
    }

    /// Sends PulseLABS's `webhook.test` to the endpoint `endpoint_id`,
    /// whatever it subscribes to ([`Delivery::webhook_test`]), with the
    /// endpoint's id as the webhook id. Returns the delivery's id.
    ///
    /// # Errors
    ///
    /// [`Error::NoEndpoint`], or a store error.
    pub async fn send_test(&self, endpoint_id: &str, message: &str) -> Result<DeliveryId, Error> {
        let test = Delivery::webhook_test(fresh_id()?, endpoint_id, message, Timestamp::now())?;
        self.enqueue_to(endpoint_id, &test).await?;
        Ok(test.id().clone())
    }

    /// Enables an auto-disabled endpoint again ([`Health::re_enable`]) and
    /// sends its held deliveries. Returns how many were resumed.
    ///
    /// # Errors
    ///
    /// [`Error::NoEndpoint`], or a store error.
    pub async fn re_enable(&self, endpoint_id: &str) -> Result<u64, Error> {
        self.store
            .re_enable(
                endpoint_id,
                |json| {
                    let mut health: Health =
                        serde_json::from_str(json).map_err(Error::corrupt("health"))?;
                    health.re_enable();
                    serde_json::to_string(&health).map_err(Error::corrupt("health"))
                },
                Timestamp::now(),
            )
            .await
    }

    /// The recorded attempts of `delivery_id`, in order.
    ///
    /// # Errors
    ///
    /// A store error.
    pub async fn records(&self, delivery_id: &str) -> Result<Vec<DeliveryRecord>, Error> {
        self.store
            .attempts(Some(delivery_id))
            .await?
            .iter()
            .map(|row| serde_json::from_str(&row.record).map_err(Error::corrupt("record")))
            .collect()
    }

    async fn enqueue_to(&self, endpoint_id: &str, delivery: &Delivery) -> Result<(), Error> {
        let row = self.endpoint_row(endpoint_id).await?;
        self.check(&row, &endpoint_of(&row)?, delivery)?;
        let health: Health = serde_json::from_str(&row.health).map_err(Error::corrupt("health"))?;
        let status = if health.is_enabled() {
            Status::Pending
        } else {
            Status::Held
        };
        self.store
            .insert(&[new_row(endpoint_id, delivery, status)?], Timestamp::now())
            .await
    }

    /// Builds the delivery's request once, so that a delivery hooksig
    /// cannot send is refused when it is enqueued instead of failing in a
    /// worker for ever.
    fn check(
        &self,
        row: &EndpointRow,
        endpoint: &Endpoint,
        delivery: &Delivery,
    ) -> Result<(), Error> {
        let signer = self.signer(row, endpoint)?;
        delivery
            .request(self.settings.platform, endpoint, signer.as_deref())
            .map(drop)
            .map_err(|error| Error::Request {
                delivery: delivery.id().to_string(),
                error,
            })
    }

    async fn endpoint_row(&self, id: &str) -> Result<EndpointRow, Error> {
        self.store
            .endpoint(id)
            .await?
            .ok_or_else(|| Error::NoEndpoint { id: id.to_owned() })
    }

    /// Makes the attempt `job` asks for, if it is still due: what a worker
    /// runs for each job.
    ///
    /// The attempt's record, the endpoint's health and what follows (the
    /// retry's job, or the delivery's end) are written in one transaction
    /// after the response. A crash before it commits leaves the job to be
    /// run again, so the request may be sent twice: at least once.
    ///
    /// # Errors
    ///
    /// A store error, or a stored row that does not read back: the engine
    /// runs the job again.
    pub async fn deliver(&self, job: &Job, worker: &str) -> Result<Step, Error> {
        let started = Instant::now();
        let step = self.attempt(job, worker).await;
        self.timings.handler.add(started.elapsed());
        step
    }

    async fn attempt(&self, job: &Job, worker: &str) -> Result<Step, Error> {
        let t = Instant::now();
        let Some(row) = self.store.delivery(job.delivery.as_str()).await? else {
            return Ok(Step::Stale);
        };
        if !row.waits_for(job) {
            return Ok(Step::Stale);
        }
        let endpoint_row = self.endpoint_row(&row.endpoint_id).await?;
        let endpoint = endpoint_of(&endpoint_row)?;
        let health: Health =
            serde_json::from_str(&endpoint_row.health).map_err(Error::corrupt("health"))?;
        if !health.is_enabled() || !endpoint.is_active() {
            self.store.hold(job, Timestamp::now()).await?;
            return Ok(Step::Held);
        }
        if let Some(gcra) = self.gcra {
            let now = Timestamp::now();
            let admitted = self.store.admit(&self.settings.account, gcra, now).await?;
            if let Err(wait) = admitted {
                let at = now.saturating_add(wait).unwrap_or(Timestamp::MAX);
                self.store.defer(job, at).await?;
                return Ok(Step::Deferred);
            }
        }
        let delivery: Delivery =
            serde_json::from_str(&row.delivery).map_err(Error::corrupt("delivery"))?;
        let signer = self.signer(&endpoint_row, &endpoint)?;
        self.timings.store.add(t.elapsed());

        let t = Instant::now();
        let request = delivery
            .request(self.settings.platform, &endpoint, signer.as_deref())
            .map_err(|error| Error::Request {
                delivery: row.id.clone(),
                error,
            })?;
        let hooksig_before = t.elapsed();

        let t = Instant::now();
        let sent = self.client.send(request).await;
        self.timings.http.add(t.elapsed());

        let t = Instant::now();
        let record = delivery.record(Attempted {
            attempt: job.attempt,
            sent_at: sent.sent_at,
            duration: sent.duration,
            outcome: sent.outcome,
            response_body: sent.body.as_deref(),
        });
        // Retries wait from the end of the attempt.
        let ended_at = sent
            .sent_at
            .saturating_add(sent.duration)
            .unwrap_or(Timestamp::MAX);
        let next = self.settings.policy.retry.next(
            job.attempt,
            &sent.outcome,
            ended_at,
            Jitter::from_bits(fastrand::u32(..)),
        );
        let hooksig_after = t.elapsed();

        let t = Instant::now();
        let attempt = AttemptRow {
            delivery_id: row.id.clone(),
            attempt: job.attempt,
            endpoint_id: row.endpoint_id.clone(),
            record: serde_json::to_string(&record).map_err(Error::corrupt("record"))?,
            due_at: row.due_at,
            failures_after: 0,
            change: String::new(),
            worker: worker.to_owned(),
        };
        let outcome = sent.outcome;
        let observing = Mutex::new(std::time::Duration::ZERO);
        let decide = |json: &str| -> Result<Plan, Error> {
            let mut health: Health =
                serde_json::from_str(json).map_err(Error::corrupt("health"))?;
            let t = Instant::now();
            // The count every worker shares, taken under the endpoint's row
            // lock: the tenth failure in a row disables, whichever worker
            // saw it.
            let change = health.observe(&outcome);
            let then = match next {
                Next::Retry { attempt, at, .. } if health.is_enabled() => {
                    Then::Retry { attempt, at }
                }
                Next::Retry { attempt, .. } => Then::Held { attempt },
                Next::Delivered { .. } => Then::Delivered,
                Next::Failed { .. } => Then::Failed,
            };
            *observing.lock().unwrap_or_else(PoisonError::into_inner) = t.elapsed();
            Ok(Plan {
                health: serde_json::to_string(&health).map_err(Error::corrupt("health"))?,
                change,
                failures: health.consecutive_failures(),
                then,
            })
        };
        let plan = self
            .store
            .finish(job, attempt, decide, Timestamp::now())
            .await?;
        let observing = *observing.lock().unwrap_or_else(PoisonError::into_inner);
        self.timings
            .store
            .add(t.elapsed().saturating_sub(observing));
        self.timings
            .hooksig
            .add(hooksig_before + hooksig_after + observing);
        self.timings
            .attempts
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(match plan {
            Some(plan) => Step::Attempted(plan.then),
            // Another copy of the job recorded this attempt first.
            None => Step::Stale,
        })
    }

    fn signer(&self, row: &EndpointRow, endpoint: &Endpoint) -> Result<Option<Arc<Signer>>, Error> {
        let mut signers = self.signers.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((version, signer)) = signers.get(&row.id)
            && *version == row.version
        {
            return Ok(signer.clone());
        }
        let signer = endpoint
            .signer(self.settings.platform)
            .map_err(|error| Error::Key {
                endpoint: row.id.clone(),
                error,
            })?
            .map(Arc::new);
        signers.insert(row.id.clone(), (row.version, signer.clone()));
        Ok(signer)
    }
}

/// The endpoint a row holds, with its secret put back.
fn endpoint_of(row: &EndpointRow) -> Result<Endpoint, Error> {
    let endpoint: Endpoint =
        serde_json::from_str(&row.endpoint).map_err(Error::corrupt("endpoint"))?;
    Ok(match &row.secret {
        Some(bytes) => {
            endpoint.with_secret(Secret::new(bytes.clone()).map_err(|error| Error::Key {
                endpoint: row.id.clone(),
                error,
            })?)
        }
        None => endpoint,
    })
}

fn new_row(endpoint_id: &str, delivery: &Delivery, status: Status) -> Result<NewDelivery, Error> {
    Ok(NewDelivery {
        id: delivery.id().to_string(),
        endpoint_id: endpoint_id.to_owned(),
        delivery: serde_json::to_string(delivery).map_err(Error::corrupt("delivery"))?,
        status,
    })
}

/// A fresh delivery id: a random UUID.
pub fn fresh_id() -> Result<DeliveryId, Error> {
    Ok(uuid::Uuid::new_v4().to_string().parse()?)
}
