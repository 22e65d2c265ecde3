//! A loopback receiver for the demo, the tests and the bench: it verifies
//! every signature with hooksig, deduplicates by the platform's
//! idempotency key ([`IdempotencyKey`]), answers as told per route, and
//! logs every request it gets.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use hooksig::event::IdempotencyKey;
use hooksig::{KeyError, Platform, Verifier};
use jiff::Timestamp;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// How a route answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Behavior {
    /// 200 to every verified request.
    Accept,
    /// 503 to the first `n` requests of each delivery, then 200.
    FailFirst(u32),
    /// 503 to everything.
    Fail,
    /// Processes the request at once, then holds the 200 back this long:
    /// a sender that dies meanwhile never learns it was delivered.
    Slow(Duration),
}

/// One request, as the receiver saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// The route it came to (`/hooks/<route>`).
    pub route: String,
    /// The delivery-id header.
    pub delivery: Option<String>,
    /// The event header.
    pub event: Option<String>,
    /// When it arrived, by this machine's clock.
    pub at: Timestamp,
    /// The status answered.
    pub status: u16,
    /// Whether its signature verified.
    pub verified: bool,
    /// Whether it was accepted before under the same idempotency key, and
    /// so was dropped as a duplicate (still answered 200).
    pub duplicate: bool,
    /// The body.
    pub body: Vec<u8>,
}

#[derive(Debug)]
struct Route {
    verifier: Verifier,
    behavior: Behavior,
}

/// The receiver's state, shared with its server task.
#[derive(Debug)]
pub struct Receiver {
    platform: &'static Platform,
    routes: Mutex<HashMap<String, Route>>,
    arrivals: Mutex<Vec<Arrival>>,
    /// Idempotency keys accepted, per route.
    seen: Mutex<HashSet<(String, String)>>,
    /// Requests per route and delivery, for `FailFirst`.
    tries: Mutex<HashMap<(String, String), u32>>,
    in_flight: AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Receiver {
    /// A receiver of `platform`'s webhooks, with no routes yet.
    pub fn new(platform: &'static Platform) -> Arc<Self> {
        Arc::new(Self {
            platform,
            routes: Mutex::default(),
            arrivals: Mutex::default(),
            seen: Mutex::default(),
            tries: Mutex::default(),
            in_flight: AtomicUsize::new(0),
        })
    }

    /// Adds (or replaces) the route `/hooks/<name>`, verifying with
    /// `secret`.
    ///
    /// # Errors
    ///
    /// As [`Platform::verifier`].
    pub fn route(&self, name: &str, secret: &str, behavior: Behavior) -> Result<(), KeyError> {
        let verifier = self.platform.verifier(secret)?;
        lock(&self.routes).insert(name.to_owned(), Route { verifier, behavior });
        Ok(())
    }

    /// Changes how `/hooks/<name>` answers from now on.
    pub fn set_behavior(&self, name: &str, behavior: Behavior) {
        if let Some(route) = lock(&self.routes).get_mut(name) {
            route.behavior = behavior;
        }
    }

    /// Serves on 127.0.0.1 at a port the system picks; returns the address
    /// and the server's task.
    ///
    /// # Errors
    ///
    /// When no port can be bound.
    pub async fn start(self: &Arc<Self>) -> std::io::Result<(SocketAddr, JoinHandle<()>)> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let app = Router::new()
            .route("/hooks/{route}", post(receive))
            .with_state(Arc::clone(self));
        let task = tokio::spawn(async move {
            // The server runs until the task is aborted; an accept error
            // ends it, and the tests then see requests fail.
            let _ = axum::serve(listener, app).await;
        });
        Ok((address, task))
    }

    /// Every request so far, in order of arrival.
    pub fn arrivals(&self) -> Vec<Arrival> {
        lock(&self.arrivals).clone()
    }

    /// Requests being answered now.
    pub fn in_flight(&self) -> usize {
        self.in_flight.load(Ordering::SeqCst)
    }

    /// How many times each delivery id was accepted and processed, not
    /// counting duplicates: exactly once each, if deduplication works.
    pub fn processed(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for arrival in lock(&self.arrivals).iter() {
            if arrival.status == 200
                && !arrival.duplicate
                && let Some(id) = &arrival.delivery
            {
                *counts.entry(id.clone()).or_insert(0) += 1;
            }
        }
        counts
    }
}

async fn receive(
    State(receiver): State<Arc<Receiver>>,
    Path(route): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    receiver.in_flight.fetch_add(1, Ordering::SeqCst);
    let (status, hold) = answer(&receiver, &route, &headers, &body);
    if let Some(hold) = hold {
        tokio::time::sleep(hold).await;
    }
    receiver.in_flight.fetch_sub(1, Ordering::SeqCst);
    status
}

fn answer(
    receiver: &Receiver,
    route: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> (StatusCode, Option<Duration>) {
    let at = Timestamp::now();
    let header = |name: Option<&hooksig::Header>| {
        name.and_then(|name| headers.get(name.as_str()))
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let delivery = header(receiver.platform.delivery_header());
    let event = header(receiver.platform.event_header());
    let (verified, behavior) = match lock(&receiver.routes).get(route) {
        Some(known) => (
            known.verifier.verify(headers, body, at).is_ok(),
            Some(known.behavior),
        ),
        None => (false, None),
    };
    let mut duplicate = false;
    let mut hold = None;
    let status = match behavior {
        None => StatusCode::NOT_FOUND,
        Some(_) if !verified => StatusCode::UNAUTHORIZED,
        Some(behavior) => {
            let tries = {
                let mut tries = lock(&receiver.tries);
                let count = tries
                    .entry((route.to_owned(), delivery.clone().unwrap_or_default()))
                    .or_insert(0);
                *count += 1;
                *count
            };
            let ok = match behavior {
                Behavior::Accept => true,
                Behavior::FailFirst(n) => tries > n,
                Behavior::Fail => false,
                Behavior::Slow(duration) => {
                    hold = Some(duration);
                    true
                }
            };
            if ok {
                // Processing: once per idempotency key, as the platform
                // defines it (for PulseLABS, the delivery-id header).
                match IdempotencyKey::from_delivery_header(receiver.platform, headers) {
                    Ok(Some(key)) => {
                        duplicate =
                            !lock(&receiver.seen).insert((route.to_owned(), key.to_string()));
                        StatusCode::OK
                    }
                    _ => StatusCode::BAD_REQUEST,
                }
            } else {
                StatusCode::SERVICE_UNAVAILABLE
            }
        }
    };
    lock(&receiver.arrivals).push(Arrival {
        route: route.to_owned(),
        delivery,
        event,
        at,
        status: status.as_u16(),
        verified,
        duplicate,
        body: body.to_vec(),
    });
    (status, hold)
}
