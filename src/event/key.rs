//! Idempotency keys: what a receiver deduplicates deliveries by.

use alloc::{borrow::ToOwned, string::String};
use core::fmt;

use jiff::Timestamp;

use crate::{HeaderError, Headers, Platform};

/// The key a receiver deduplicates deliveries by, as each platform's
/// documentation says: the same event delivered twice (a retry, a replay)
/// gives the same key.
///
/// `Display` writes it as one string to store, prefixed by its kind:
/// `event:evt_1234567890`, `audit:a1`,
/// `device:ckxyz@2026-04-29T12:34:56Z`, `delivery:0b5cf4c2-...`.
///
/// A key is unique only within one platform: two platforms may well send
/// the same delivery id. A receiver of several platforms keeps one store
/// per platform, or stores the key together with the platform's name.
///
/// ```
/// use hooksig::event::{Envelope, IdempotencyKey, scan};
///
/// let event = scan::Event::decode(br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s"}}"#)?;
/// let key = event.idempotency_key(&http::HeaderMap::new())?;
/// assert_eq!(key, Some(IdempotencyKey::EventId("evt_1".into())));
/// assert_eq!(key.unwrap().to_string(), "event:evt_1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum IdempotencyKey {
    /// The event's own id in the body: Cortex's `id`.
    EventId(String),
    /// An audit record's id: SPLEXA's `audit.id`, "unique and stable".
    AuditId(String),
    /// A device and the event's timestamp: SPLEXA's `device.id` +
    /// `timestamp`, compared as instants.
    DeviceAt {
        /// `device.id`.
        device_id: String,
        /// The envelope's `timestamp`.
        timestamp: Timestamp,
    },
    /// The delivery-id header's value, such as PulseLABS's
    /// `X-PulseLabs-Delivery`. PulseLABS calls it a "delivery attempt"
    /// id, so a retry may carry a new one; like every header it is not
    /// covered by the signature.
    DeliveryId(String),
}

impl IdempotencyKey {
    /// The value of `platform`'s delivery-id header in `headers`, or
    /// `Ok(None)` when the platform sends no such header.
    ///
    /// # Errors
    ///
    /// A [`HeaderError`] naming the header when it is missing,
    /// repeated, or not visible ASCII.
    pub fn from_delivery_header<H: Headers + ?Sized>(
        platform: &Platform,
        headers: &H,
    ) -> Result<Option<Self>, HeaderError> {
        let Some(header) = platform.delivery_header() else {
            return Ok(None);
        };
        let value = header.one(headers)?;
        // Visible ASCII, as `http`'s `to_str` reads a header as text.
        let id = core::str::from_utf8(value)
            .ok()
            .filter(|id| id.bytes().all(|b| b == b'\t' || (b' '..=b'~').contains(&b)))
            .ok_or_else(|| HeaderError::NotText {
                header: header.clone(),
            })?;
        Ok(Some(Self::DeliveryId(id.to_owned())))
    }
}

impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EventId(id) => write!(f, "event:{id}"),
            Self::AuditId(id) => write!(f, "audit:{id}"),
            Self::DeviceAt {
                device_id,
                timestamp,
            } => write!(f, "device:{device_id}@{timestamp}"),
            Self::DeliveryId(id) => write!(f, "delivery:{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    #[test]
    fn delivery_header_fails_closed() {
        let mut headers = HeaderMap::new();
        assert_eq!(
            IdempotencyKey::from_delivery_header(Platform::EMULUXE, &headers),
            Ok(None)
        );
        let missing = IdempotencyKey::from_delivery_header(Platform::PULSELABS, &headers);
        assert_eq!(
            missing.unwrap_err().to_string(),
            "missing header X-PulseLabs-Delivery"
        );
        headers.append("x-pulselabs-delivery", HeaderValue::from_static("d-1"));
        assert_eq!(
            IdempotencyKey::from_delivery_header(Platform::PULSELABS, &headers),
            Ok(Some(IdempotencyKey::DeliveryId("d-1".into())))
        );
        headers.append("x-pulselabs-delivery", HeaderValue::from_static("d-2"));
        assert!(matches!(
            IdempotencyKey::from_delivery_header(Platform::PULSELABS, &headers),
            Err(HeaderError::Repeated { count: 2, .. })
        ));
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-cortex-delivery",
            HeaderValue::from_bytes(b"\xffd").unwrap(),
        );
        assert!(matches!(
            IdempotencyKey::from_delivery_header(Platform::CORTEX, &headers),
            Err(HeaderError::NotText { .. })
        ));
    }

    #[test]
    fn display_is_prefixed_by_kind() {
        let at = Timestamp::from_second(1_777_466_096).unwrap();
        let key = IdempotencyKey::DeviceAt {
            device_id: "ckxyz".into(),
            timestamp: at,
        };
        assert_eq!(key.to_string(), "device:ckxyz@2026-04-29T12:34:56Z");
        assert_eq!(IdempotencyKey::AuditId("a1".into()).to_string(), "audit:a1");
        assert_eq!(
            IdempotencyKey::DeliveryId("d".into()).to_string(),
            "delivery:d"
        );
    }
}
