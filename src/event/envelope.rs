//! What every typed envelope can do: decode, encode, name its platform and
//! give its idempotency key; and, for those with a timestamp, freshness.

use alloc::vec::Vec;
use jiff::Timestamp;
use serde::Serialize;

use super::{DecodeError, EncodeError, IdempotencyKey};
use crate::{FreshnessError, HeaderError, Headers, Platform, Tolerance};

/// A platform's typed webhook body: [`session::Event`](super::session::Event),
/// [`debate::Event`](super::debate::Event), [`job::Event`](super::job::Event),
/// [`network::Event`](super::network::Event) and
/// [`scan::Event`](super::scan::Event).
///
/// Receivers verify the request with the platform's
/// [`Verifier`](crate::Verifier), then decode the body with
/// [`Envelope::decode`]; senders encode one with [`Envelope::to_vec`] and
/// sign the bytes with [`Platform::request`]. Implement it for a platform
/// of your own to get the same.
///
/// ```
/// use hooksig::event::{Envelope, Rfc3339, scan};
///
/// let body = br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"scan_abc123"}}"#;
/// let event = scan::Event::decode(body)?;
/// assert_eq!(event.name(), "scan.started");
/// assert_eq!(event.to_vec()?, body);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Envelope: Serialize + Sized {
    /// The platform that sends this envelope, as a preset: its headers and
    /// signature scheme.
    fn platform() -> &'static Platform;

    /// Decodes the raw body bytes. Never panics, whatever the bytes.
    ///
    /// A key written twice, in the envelope or in any object the crate
    /// types, is an error: JSON readers disagree on which value wins, so a
    /// receiver and another reader of the same bytes could act on different
    /// events. Values kept as raw JSON (unknown fields, an unknown event's
    /// `data`) are kept as written, keys and all.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Body`] when the body is not a JSON object that a
    /// `serde_json::Value` reads, and [`DecodeError::Field`] naming the
    /// event and the field that is missing or of the wrong type, or the
    /// object with a key written twice.
    fn decode(body: &[u8]) -> Result<Self, DecodeError>;

    /// The event name, as the body's `event` field writes it.
    fn name(&self) -> &str;

    /// The compact JSON body a sender signs and sends: the envelope's
    /// fields in the order the platform documents them, then any unknown
    /// fields kept from decoding.
    ///
    /// # Errors
    ///
    /// An [`EncodeError`] if serde_json refuses a value, which the crate's
    /// types never give it.
    fn to_vec(&self) -> Result<Vec<u8>, EncodeError> {
        Ok(serde_json::to_vec(self)?)
    }

    /// The key to deduplicate deliveries by, as the platform documents it,
    /// with `headers` the request's headers: the event id in the body
    /// (Cortex), `audit.id` or `device.id` + `timestamp` (SPLEXA), or
    /// else the platform's delivery-id header (PulseLABS). `Ok(None)` when
    /// the platform documents none (Emuluxe, Capawesome).
    ///
    /// # Errors
    ///
    /// A [`HeaderError`] when the key is the delivery-id header and
    /// it is missing, repeated or not text.
    fn idempotency_key<H: Headers + ?Sized>(
        &self,
        headers: &H,
    ) -> Result<Option<IdempotencyKey>, HeaderError> {
        IdempotencyKey::from_delivery_header(Self::platform(), headers)
    }
}

/// An envelope that carries the time it was sent: Emuluxe, SPLEXA and
/// Cortex write `timestamp` on every event.
///
/// ```
/// use std::time::Duration;
/// use hooksig::event::{Envelope, Timestamped, scan};
/// use hooksig::{FreshnessError, Tolerance};
///
/// let event = scan::Event::decode(br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s"}}"#)?;
/// let now: jiff::Timestamp = "2024-01-01T12:05:00Z".parse()?;
/// assert_eq!(event.check_freshness(Tolerance::DEFAULT, now), Ok(()));
/// assert!(matches!(
///     event.check_freshness(Tolerance::new(Duration::from_secs(60))?, now),
///     Err(FreshnessError::TooOld { .. })
/// ));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Timestamped {
    /// How recent this platform's events must be, for [`check_fresh`]:
    /// never shorter than the span of its sender's own retries (an event
    /// keeps its timestamp on every retry), so that a receiver never refuses
    /// a redelivery the platform documents. `None` where the platform
    /// re-sends old bytes on purpose: SPLEXA's Replay sends the original
    /// payload byte for byte, timestamp included, and no window can tell
    /// that from a captured request, so SPLEXA events are deduplicated, not
    /// judged by age.
    ///
    /// | platform | window | why |
    /// |---|---|---|
    /// | Emuluxe ([`session`](super::session)) | 300 s | no retries documented; the common default |
    /// | Cortex ([`scan`](super::scan)) | 600 s | four attempts over at most 390 s (`DeliveryPolicy::CORTEX.delivery_span()`), with room for clock skew |
    /// | SPLEXA ([`network`](super::network)) | none | Replay re-sends old bytes |
    ///
    /// Keep idempotency keys at least twice this long: a duplicate must be
    /// recognised for as long as it can still pass the window, early or
    /// late.
    ///
    /// [`check_fresh`]: Timestamped::check_fresh
    const FRESHNESS: Option<Tolerance>;

    /// When the platform says it sent the event.
    fn timestamp(&self) -> Timestamp;

    /// Whether the event's timestamp lies within the platform's own window
    /// ([`Timestamped::FRESHNESS`]) of `now`; always `Ok` for a platform
    /// without one.
    ///
    /// ```
    /// use hooksig::event::{Envelope, Timestamped, scan};
    ///
    /// let event = scan::Event::decode(br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s"}}"#)?;
    /// // Cortex's last retry comes 390 s after the first attempt: still fresh.
    /// assert!(event.check_fresh("2024-01-01T12:06:30Z".parse()?).is_ok());
    /// assert!(event.check_fresh("2024-01-01T12:10:01Z".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Timestamped::check_freshness`].
    fn check_fresh(&self, now: Timestamp) -> Result<(), FreshnessError> {
        match Self::FRESHNESS {
            Some(tolerance) => self.check_freshness(tolerance, now),
            None => Ok(()),
        }
    }

    /// Whether the event's timestamp lies within `tolerance` of `now`, in
    /// either direction; exactly at the tolerance passes. The crate never
    /// reads the clock: pass the current time.
    ///
    /// # Errors
    ///
    /// [`FreshnessError::TooOld`] for a timestamp further before `now`
    /// than the tolerance (a late delivery or a replay) and
    /// [`FreshnessError::InFuture`] for one further after it.
    fn check_freshness(&self, tolerance: Tolerance, now: Timestamp) -> Result<(), FreshnessError> {
        tolerance.check(self.timestamp(), now)
    }
}
