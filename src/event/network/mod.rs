//! Network-device and audit events, as SPLEXA sends them.
//!
//! "All events share a top-level shape: event, category, timestamp, plus
//! event-specific fields" (seed 003): there is no `data`, the event's
//! fields sit beside the envelope's. Receivers subscribe per category,
//! `network_event` or `audit_event`, and the seed's one example is a
//! `network_event`, `device.degraded`, with `device` and `metrics`; every
//! field in it is typed. Audit events are known only from the
//! idempotency rule, which gives them an `audit` object with a unique,
//! stable `id`.
//!
//! Idempotency, as the seed says: `audit.id` for audit events,
//! `device.id` + `timestamp` for device events, and the same for a replay
//! or any other event that carries an `audit` or a `device` (see
//! [`Event::idempotency_key`](super::Envelope::idempotency_key)).

mod decode;
mod key;

use alloc::string::String;
use jiff::Timestamp;
use serde::{Serialize, Serializer, ser::SerializeMap};

use super::{
    DecodeError, Envelope, Extra, IdempotencyKey, Rfc3339, Timestamped, record::record, wire,
};
use crate::Platform;

static PLATFORM: &Platform = Platform::SPLEXA;

/// The `category` of network events.
pub const NETWORK_EVENT: &str = "network_event";
/// The `category` of audit events.
pub const AUDIT_EVENT: &str = "audit_event";

/// A SPLEXA webhook body.
///
/// Which fields it has depends on its `category` and name, and so is
/// [`Kind`]: a `network_event` named `device.*` is a [`Kind::Device`], an
/// `audit_event` is a [`Kind::Audit`], and anything else is
/// [`Kind::Other`] with every field kept in `extra`.
///
/// ```
/// use hooksig::event::{Envelope, network};
///
/// let event = network::Event::decode(br#"{"event":"device.degraded","category":"network_event",
///   "timestamp":"2026-04-29T12:34:56.000Z",
///   "device":{"id":"ckxyz...","name":"edge-router-04","networkId":"ckabc..."},
///   "metrics":{"lossPct":6.4,"avgLatencyMs":215,"peakLatencyMs":540}}"#)?;
/// let network::Kind::Device(device) = &event.kind else { panic!("not a device event") };
/// assert_eq!(device.device.name, "edge-router-04");
/// assert_eq!(device.metrics.as_ref().map(|metrics| metrics.loss_pct), Some(6.4));
/// # Ok::<(), hooksig::event::DecodeError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// `event`: the event name, such as `device.degraded`.
    pub name: String,
    /// `timestamp`: when the event happened.
    pub timestamp: Rfc3339,
    /// The `category` and the fields it brings.
    pub kind: Kind,
    /// Top-level fields the crate does not know, kept as received.
    pub extra: Extra,
}

impl Event {
    /// An event with no unknown fields.
    pub fn new(name: impl Into<String>, timestamp: impl Into<Rfc3339>, kind: Kind) -> Self {
        Self {
            name: name.into(),
            timestamp: timestamp.into(),
            kind,
            extra: Extra::new(),
        }
    }

    /// The event name, as the body's `event` field writes it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `category`: `network_event`, `audit_event`, or another the
    /// crate does not know.
    pub fn category(&self) -> &str {
        match &self.kind {
            Kind::Device(_) => NETWORK_EVENT,
            Kind::Audit(_) => AUDIT_EVENT,
            Kind::Other { category } => category,
        }
    }
}

/// An event's `category` and the fields it brings.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Kind {
    /// Category `network_event`, an event named `device.*` such as
    /// `device.degraded`.
    Device(DeviceEvent),
    /// Category `audit_event`.
    Audit(AuditEvent),
    /// Another category, or a `network_event` that is not about a device:
    /// its fields are in the event's `extra`.
    Other {
        /// The `category`, as written.
        category: String,
    },
}

/// The fields of a device event.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DeviceEvent {
    /// `device`: the device the event is about.
    pub device: Device,
    /// `metrics`: in the seed's `device.degraded` example; optional,
    /// since other device events may measure nothing.
    pub metrics: Option<Metrics>,
}

impl DeviceEvent {
    /// A device event with `device` and `metrics`.
    pub fn new(device: Device, metrics: Option<Metrics>) -> Self {
        Self { device, metrics }
    }
}

record! {
    /// `device`. Every field is in the seed's example.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Device {
        /// `id`.
        id: String = "id",
        /// `name`, such as `edge-router-04`.
        name: String = "name",
        /// `networkId`: the network the device is in.
        network_id: String = "networkId",
    }
}

impl Device {
    /// A device with every documented field.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        network_id: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            network_id: network_id.into(),
            extra: Extra::new(),
        }
    }
}

record! {
    /// `metrics`. Every field is in the seed's example. Numbers are written
    /// back as JavaScript writes them, `215` rather than `215.0`.
    ///
    /// Build one with [`MetricsFields`], which names each number.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Metrics {
        /// `lossPct`: packet loss, in percent.
        #[serde(serialize_with = "wire::js_number::serialize")]
        loss_pct: f64 = "lossPct",
        /// `avgLatencyMs`: average latency, in milliseconds.
        #[serde(serialize_with = "wire::js_number::serialize")]
        avg_latency_ms: f64 = "avgLatencyMs",
        /// `peakLatencyMs`: peak latency, in milliseconds.
        #[serde(serialize_with = "wire::js_number::serialize")]
        peak_latency_ms: f64 = "peakLatencyMs",
    }
    ///
    /// ```
    /// use hooksig::event::network::{Metrics, MetricsFields};
    ///
    /// let metrics = Metrics::from(MetricsFields {
    ///     loss_pct: 6.4,
    ///     avg_latency_ms: 215.0,
    ///     peak_latency_ms: 540.0,
    /// });
    /// assert_eq!(
    ///     serde_json::to_string(&metrics)?,
    ///     r#"{"lossPct":6.4,"avgLatencyMs":215,"peakLatencyMs":540}"#,
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    named MetricsFields;
}

/// The fields of an audit event.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AuditEvent {
    /// `audit`: the audit record.
    pub audit: Audit,
}

impl AuditEvent {
    /// An audit event about `audit`.
    pub fn new(audit: Audit) -> Self {
        Self { audit }
    }
}

record! {
    /// `audit`. The seed shows no example; its idempotency rule names
    /// `audit.id`, "unique and stable", which is required. Its other fields
    /// are kept in `extra`.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Audit {
        /// `id`.
        id: String = "id",
    }
}

impl Audit {
    /// An audit record with `id`.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            extra: Extra::new(),
        }
    }
}

impl Envelope for Event {
    fn platform() -> &'static Platform {
        PLATFORM
    }

    fn decode(body: &[u8]) -> Result<Self, DecodeError> {
        wire::decode(body)
    }

    fn name(&self) -> &str {
        &self.name
    }

    /// The key the seed gives: `audit.id` for an audit event, and
    /// `device.id` with `timestamp` for a device event. An event of another
    /// kind gets the same from what it carries (a replay, which SPLEXA marks
    /// with category `replay`, carries the original's fields): `audit.id`
    /// when it has an `audit` object with a string `id`, else `device.id`
    /// with `timestamp` when it has a `device` object with a string `id`.
    /// `Ok(None)` only for an event with neither. `headers` is not read.
    fn idempotency_key<H: crate::Headers + ?Sized>(
        &self,
        _headers: &H,
    ) -> Result<Option<IdempotencyKey>, crate::HeaderError> {
        let device_at = |device_id: String| IdempotencyKey::DeviceAt {
            device_id,
            timestamp: self.timestamp.instant(),
        };
        Ok(match &self.kind {
            Kind::Device(event) => Some(device_at(event.device.id.clone())),
            Kind::Audit(event) => Some(IdempotencyKey::AuditId(event.audit.id.clone())),
            Kind::Other { .. } => key::id_of(&self.extra, "audit")
                .map(IdempotencyKey::AuditId)
                .or_else(|| key::id_of(&self.extra, "device").map(device_at)),
        })
    }
}

impl Timestamped for Event {
    const FRESHNESS: Option<crate::Tolerance> = None;

    fn timestamp(&self) -> Timestamp {
        self.timestamp.instant()
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("event", &self.name)?;
        map.serialize_entry("category", self.category())?;
        map.serialize_entry("timestamp", &self.timestamp)?;
        match &self.kind {
            Kind::Device(event) => {
                map.serialize_entry("device", &event.device)?;
                if let Some(metrics) = &event.metrics {
                    map.serialize_entry("metrics", metrics)?;
                }
            }
            Kind::Audit(event) => map.serialize_entry("audit", &event.audit)?,
            Kind::Other { .. } => {}
        }
        wire::serialize_extra(&mut map, &self.extra)?;
        map.end()
    }
}
