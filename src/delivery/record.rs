//! Delivery records: one attempt, as the delivery log keeps it.

use alloc::{string::String, vec::Vec};
use core::time::Duration;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Attempt, DeliveryId, Outcome, Status};

/// What the caller observed of one attempt, to be made into a
/// [`DeliveryRecord`] by [`Delivery::record`](super::Delivery::record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempted<'a> {
    /// Which attempt this was.
    pub attempt: Attempt,
    /// When the request was sent, by the caller's clock.
    pub sent_at: Timestamp,
    /// How long the attempt took, from sending to the end of the response
    /// or the failure.
    pub duration: Duration,
    /// How it ended.
    pub outcome: Outcome,
    /// The response body, when there was a response.
    pub response_body: Option<&'a [u8]>,
}

/// One attempt of one delivery, as a delivery log keeps it: the fields
/// Capawesome and SPLEXA show in their delivery history.
///
/// Serializes as:
///
/// ```json
/// {
///   "delivery_id": "0b5cf4c2-8a64-4f04-9c64-6a4c1d0d3f8e",
///   "event": "job_finished",
///   "attempt": 1,
///   "replay_of": null,
///   "sent_at": "2026-04-29T12:34:56Z",
///   "duration": "212ms",
///   "outcome": {"status": 500},
///   "request_body": "{\"event\":\"job_finished\",\"data\":{}}",
///   "response_body": {"body": "upstream error", "truncated_from": 9000}
/// }
/// ```
///
/// - `replay_of` is the delivery this one replays, `null` for an original:
///   the replay flag (SPLEXA shows replays in category `replay`).
/// - `outcome` is `{"status": <code>}`, `"timed_out"` or
///   `"connection_failed"`: see [`Outcome`].
/// - Bodies that are UTF-8 (JSON always is) are written as strings, byte
///   for byte; any other body as `{"hex": "<lowercase hex>"}`.
/// - `response_body` is `null` when no response came, and is cut to a
///   bounded size: see [`ResponseBody`].
/// - `duration` is in jiff's friendly format (`"1s 250ms"`); ISO 8601
///   (`"PT1.25S"`) reads back too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryRecord {
    pub(super) delivery_id: DeliveryId,
    pub(super) event: String,
    pub(super) attempt: Attempt,
    pub(super) replay_of: Option<DeliveryId>,
    pub(super) sent_at: Timestamp,
    #[serde(with = "jiff::fmt::serde::unsigned_duration::friendly::compact::required")]
    pub(super) duration: Duration,
    pub(super) outcome: Outcome,
    #[serde(with = "body")]
    pub(super) request_body: Vec<u8>,
    pub(super) response_body: Option<ResponseBody>,
}

impl DeliveryRecord {
    /// The delivery's id.
    pub fn delivery_id(&self) -> &DeliveryId {
        &self.delivery_id
    }

    /// The event that was delivered.
    pub fn event(&self) -> &str {
        &self.event
    }

    /// Which attempt of the delivery this was.
    pub fn attempt(&self) -> Attempt {
        self.attempt
    }

    /// The delivery this one replayed, if it was a replay.
    pub fn replay_of(&self) -> Option<&DeliveryId> {
        self.replay_of.as_ref()
    }

    /// Whether the delivery was a replay.
    pub fn is_replay(&self) -> bool {
        self.replay_of.is_some()
    }

    /// When the request was sent.
    pub fn sent_at(&self) -> Timestamp {
        self.sent_at
    }

    /// How long the attempt took.
    pub fn duration(&self) -> Duration {
        self.duration
    }

    /// How the attempt ended.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The response status, when there was a response.
    pub fn response_status(&self) -> Option<Status> {
        self.outcome.status()
    }

    /// The body that was sent, byte for byte.
    pub fn request_body(&self) -> &[u8] {
        &self.request_body
    }

    /// The response body, bounded, when there was a response.
    pub fn response_body(&self) -> Option<&ResponseBody> {
        self.response_body.as_ref()
    }
}

/// A response body as a delivery log keeps it: at most a set number of
/// bytes, with the original length when it was cut.
///
/// Truncation is marked out of band, never by editing the text: a cut body
/// serializes as `{"body": "<first bytes>", "truncated_from": <original
/// length>}`, a whole one as `{"body": "..."}`. A UTF-8 body is cut at a
/// character boundary, so it stays text (and may keep a few bytes fewer
/// than the limit).
///
/// ```
/// use hooksig::delivery::ResponseBody;
///
/// let body = ResponseBody::bounded("héllo".as_bytes(), 2);
/// assert_eq!(body.as_bytes(), b"h");
/// assert_eq!(body.truncated_from(), Some(6));
/// assert_eq!(serde_json::to_string(&body)?, r#"{"body":"h","truncated_from":6}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseBody {
    #[serde(with = "body")]
    body: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    truncated_from: Option<usize>,
}

impl ResponseBody {
    /// The default bound: 4 KiB, enough for an error message or a small
    /// JSON answer.
    pub const DEFAULT_LIMIT: usize = 4096;

    /// The first `limit` bytes of `body` (fewer, to end a UTF-8 character).
    pub fn bounded(body: &[u8], limit: usize) -> Self {
        let kept = match body.get(..limit) {
            Some(kept) if body.len() > limit => kept,
            _ => {
                return Self {
                    body: body.to_vec(),
                    truncated_from: None,
                };
            }
        };
        // A character cut in two at the end is dropped; any other invalid
        // UTF-8 means the body was not text and is kept as bytes.
        let kept = match core::str::from_utf8(kept) {
            Err(error) if error.error_len().is_none() => {
                kept.get(..error.valid_up_to()).unwrap_or(kept)
            }
            _ => kept,
        };
        Self {
            body: kept.to_vec(),
            truncated_from: Some(body.len()),
        }
    }

    /// The bytes kept.
    pub fn as_bytes(&self) -> &[u8] {
        &self.body
    }

    /// The bytes kept, if they are UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        core::str::from_utf8(&self.body).ok()
    }

    /// The original length in bytes, when the body was cut.
    pub fn truncated_from(&self) -> Option<usize> {
        self.truncated_from
    }

    /// Whether the body was cut.
    pub fn is_truncated(&self) -> bool {
        self.truncated_from.is_some()
    }
}

/// Bodies: a UTF-8 string when they are UTF-8, else `{"hex": "..."}`.
pub(super) mod body {
    use alloc::{string::String, vec::Vec};

    use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Repr<'a> {
        Text(alloc::borrow::Cow<'a, str>),
        Hex { hex: String },
    }

    pub(in crate::delivery) fn serialize<S: Serializer>(
        body: &[u8],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match core::str::from_utf8(body) {
            Ok(text) => Repr::Text(text.into()),
            Err(_) => Repr::Hex {
                hex: hex::encode(body),
            },
        }
        .serialize(serializer)
    }

    pub(in crate::delivery) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<u8>, D::Error> {
        match Repr::deserialize(deserializer)? {
            Repr::Text(text) => Ok(text.into_owned().into_bytes()),
            Repr::Hex { hex } => hex::decode(hex).map_err(|error| {
                de::Error::custom(format_args!("a body's \"hex\" is not hex: {error}"))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        let whole = ResponseBody::bounded(b"ok", 2);
        assert_eq!(
            (whole.as_bytes(), whole.truncated_from()),
            (&b"ok"[..], None)
        );
        let cut = ResponseBody::bounded(b"okay", 2);
        assert_eq!(
            (cut.as_bytes(), cut.truncated_from()),
            (&b"ok"[..], Some(4))
        );
        let empty = ResponseBody::bounded(b"", 0);
        assert!(!empty.is_truncated());
        // Not text: cut at the byte, kept as bytes.
        let binary = ResponseBody::bounded(&[0xff, 0xfe, 0xfd], 2);
        assert_eq!(binary.as_bytes(), &[0xff, 0xfe]);
        assert_eq!(binary.as_str(), None);
    }

    #[test]
    fn binary_bodies_round_trip_as_hex() {
        let body = ResponseBody::bounded(&[0xff, 0x00, 0x41], 10);
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, r#"{"body":{"hex":"ff0041"}}"#);
        assert_eq!(serde_json::from_str::<ResponseBody>(&json).unwrap(), body);
        let error = serde_json::from_str::<ResponseBody>(r#"{"body":{"hex":"zz"}}"#).unwrap_err();
        assert!(error.to_string().contains("is not hex"), "{error}");
    }
}
