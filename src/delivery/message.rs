//! Deliveries: one event's body on its way to one endpoint.

use alloc::{string::String, vec::Vec};

#[cfg(feature = "http")]
use http::Request;
use serde::{Deserialize, Serialize};

#[cfg(feature = "http")]
use super::Endpoint;
use super::{Attempted, DeliveryId, DeliveryRecord, ResponseBody};
use crate::event::{EncodeError, Envelope};
#[cfg(feature = "http")]
use crate::{Platform, RequestError, Signer};

/// One event's body, to be delivered to one endpoint: the id, the event
/// name, the exact body bytes, and whether it replays an earlier delivery.
///
/// Every attempt of a delivery sends the same bytes under the same id, so a
/// receiver can tell a retry from a new event. (PulseLABS calls its header
/// a "delivery attempt UUID"; to send a new id per attempt, make a new
/// `Delivery` for each.)
///
/// ```
/// use hooksig::Platform;
/// use hooksig::delivery::{Delivery, Endpoint, Subscriptions};
///
/// let endpoint = Endpoint::new("https://example.com/hooks", Subscriptions::all())?;
/// let signer = Platform::CORTEX.signer("whsec")?;
/// let delivery = Delivery::new(
///     "5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f".parse()?,
///     "scan.completed",
///     br#"{"event":"scan.completed"}"#.to_vec(),
/// );
/// let request = delivery.request(Platform::CORTEX, &endpoint, Some(&signer))?;
/// assert_eq!(request.headers()["x-cortex-delivery"], "5f0c6a4e-1d2b-4c3d-9e8f-7a6b5c4d3e2f");
/// assert_eq!(request.body(), delivery.body());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A durable sender keeps deliveries in a queue and rebuilds them in
/// another process, so a `Delivery` serializes, as
/// `{"id": "d-2", "event": "scan.completed", "body": "{...}", "replay_of": "d-1"}`:
/// the body as in a [`DeliveryRecord`] (a string when it is UTF-8, else
/// `{"hex": "..."}`), `replay_of` `null` for an original. Reading it back
/// checks the id as [`DeliveryId`] does, and keeps a replay a replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delivery {
    pub(super) id: DeliveryId,
    pub(super) event: String,
    #[serde(with = "super::record::body")]
    pub(super) body: Vec<u8>,
    pub(super) replay_of: Option<DeliveryId>,
}

impl Delivery {
    /// A new delivery of `body` for `event`, under `id`.
    pub fn new(id: DeliveryId, event: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        Self {
            id,
            event: event.into(),
            body: body.into(),
            replay_of: None,
        }
    }

    /// A new delivery of a typed event under `id`: its name, and the exact
    /// bytes [`Envelope::to_vec`] encodes.
    ///
    /// # Errors
    ///
    /// As [`Envelope::to_vec`].
    pub fn from_event<E: Envelope>(id: DeliveryId, event: &E) -> Result<Self, EncodeError> {
        Ok(Self::new(id, event.name(), event.to_vec()?))
    }

    /// The signed request for one attempt, in `platform`'s conventions, to
    /// `endpoint`'s URL, built by [`Platform::request`]. Pass the endpoint's
    /// signer, built once ([`Endpoint::signer`]); `None` sends unsigned,
    /// which only platforms with an optional secret allow.
    ///
    /// # Errors
    ///
    /// As [`RequestBuilder::body`](crate::RequestBuilder::body): an event
    /// name that cannot be a header value, or no signer for a platform that
    /// requires one.
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    pub fn request(
        &self,
        platform: &Platform,
        endpoint: &Endpoint,
        signer: Option<&Signer>,
    ) -> Result<Request<Vec<u8>>, RequestError> {
        let builder = platform
            .request(endpoint.url().clone())
            .event(&self.event)
            .delivery_id(self.id.as_str());
        match signer {
            Some(signer) => builder.sign_with(signer),
            None => builder,
        }
        .body(self.body.clone())
    }

    /// The delivery-log record of one attempt, with the response body kept
    /// to [`ResponseBody::DEFAULT_LIMIT`] bytes.
    pub fn record(&self, attempted: Attempted<'_>) -> DeliveryRecord {
        self.record_with_limit(attempted, ResponseBody::DEFAULT_LIMIT)
    }

    /// The delivery-log record of one attempt, with the response body kept
    /// to `limit` bytes.
    pub fn record_with_limit(&self, attempted: Attempted<'_>, limit: usize) -> DeliveryRecord {
        DeliveryRecord {
            delivery_id: self.id.clone(),
            event: self.event.clone(),
            attempt: attempted.attempt,
            replay_of: self.replay_of.clone(),
            sent_at: attempted.sent_at,
            duration: attempted.duration,
            outcome: attempted.outcome,
            request_body: self.body.clone(),
            response_body: attempted
                .response_body
                .map(|body| ResponseBody::bounded(body, limit)),
        }
    }

    /// The delivery id.
    pub fn id(&self) -> &DeliveryId {
        &self.id
    }

    /// The event name.
    pub fn event(&self) -> &str {
        &self.event
    }

    /// The body, byte for byte as it is sent and signed.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The delivery this one replays, if it is a replay.
    pub fn replay_of(&self) -> Option<&DeliveryId> {
        self.replay_of.as_ref()
    }

    /// Whether this delivery replays an earlier one.
    pub fn is_replay(&self) -> bool {
        self.replay_of.is_some()
    }
}
