//! The platform-agnostic envelope: name, timestamp, id and data, borrowed
//! from the body.

use alloc::borrow::Cow;
use alloc::{borrow::ToOwned, string::String};
use core::{cell::Cell, fmt};

use jiff::Timestamp;
use serde::{
    Deserialize, Deserializer,
    de::{self, DeserializeSeed, MapAccess},
};
use serde_json::value::RawValue;

use super::{
    DecodeError,
    wire::{Text, body_error, vacant, valid},
};

/// Any platform's webhook body, read only as far as routing needs: the
/// `event` name, the `timestamp` and `id` when present, and `data` as raw
/// JSON borrowed from the body.
///
/// Reading it allocates nothing for the data, which is a slice of the body
/// to decode later (with `serde_json::from_str(data.get())`) or to pass on
/// untouched; the name and id are borrowed too unless they contain JSON
/// escapes. Other fields are read through and not kept. The seeds' bodies
/// read with no allocation at all; data nested more than one level deep
/// costs serde_json one small allocation for its nesting stack, and
/// strings with escapes one or two for unescaping them, whatever the size.
/// Use it to route bodies of several kinds, or for a platform without a
/// typed envelope.
///
/// A body is JSON to it exactly when it is to a `serde_json::Value`: every
/// value, kept or not, is checked as `Value` reads it (escapes, numbers,
/// nesting), so the data it hands on always parses.
///
/// ```
/// use hooksig::event::RawEvent;
///
/// let body = br#"{"event":"job_finished","data":{"id":"16555c02","status":"canceled"}}"#;
/// let event = RawEvent::decode(body)?;
/// assert_eq!(event.name(), "job_finished");
/// assert_eq!(event.timestamp(), None);
/// assert_eq!(event.data().map(|data| data.get()), Some(r#"{"id":"16555c02","status":"canceled"}"#));
/// # Ok::<(), hooksig::event::DecodeError>(())
/// ```
#[derive(Debug, Clone)]
pub struct RawEvent<'a> {
    name: Cow<'a, str>,
    timestamp: Option<Timestamp>,
    id: Option<Cow<'a, str>>,
    data: Option<&'a RawValue>,
}

impl<'a> RawEvent<'a> {
    /// Reads the envelope of the raw `body`, borrowing from it.
    ///
    /// # Errors
    ///
    /// [`DecodeError::Body`] when the body is not a JSON object a
    /// `serde_json::Value` reads, and [`DecodeError::Field`] when `event` is
    /// missing or not a string, `timestamp` is not an RFC 3339 timestamp,
    /// `id` is not a string, or one of these four or `data` is written
    /// twice.
    pub fn decode(body: &'a [u8]) -> Result<Self, DecodeError> {
        // The field being read, to name it in an error; not a path tracker,
        // which would allocate for every key.
        let reading = Cell::new(None);
        // UTF-8 checked once for the whole body, rather than string by
        // string and again for the data: faster, and a `Value` refuses a
        // body that is not UTF-8 anywhere.
        let Ok(text) = core::str::from_utf8(body) else {
            return Err(located(body, None, de::Error::custom("not UTF-8")));
        };
        let mut json = serde_json::Deserializer::from_str(text);
        let fields = FieldsSeed(&reading)
            .deserialize(&mut json)
            .and_then(|fields| json.end().map(|()| fields))
            .map_err(|source| located(body, reading.get(), source))?;
        let Some(name) = fields.name else {
            return Err(DecodeError::Field {
                event: None,
                field: String::new(),
                reason: de::Error::missing_field("event"),
            });
        };
        Ok(Self {
            name,
            timestamp: fields.timestamp.flatten(),
            id: fields.id.flatten(),
            data: fields.data,
        })
    }

    /// The `event` field.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The `timestamp` field's instant, when present and not `null`.
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.timestamp
    }

    /// The `id` field, when present and not `null` (Cortex's event id).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The `data` field as raw JSON, a slice of the body; `null` when the
    /// body says `null`, `None` when it has no `data` (SPLEXA writes its
    /// event's fields at the top level).
    pub fn data(&self) -> Option<&'a RawValue> {
        self.data
    }
}

/// The error for `body`, which failed with `source` while reading the
/// field `reading`: a body error if a `Value` refuses the body too, else
/// the field's.
#[cold]
#[inline(never)]
fn located(body: &[u8], reading: Option<&'static str>, reason: serde_json::Error) -> DecodeError {
    body_error(body).unwrap_or_else(|| DecodeError::Field {
        event: None,
        field: reading.unwrap_or_default().to_owned(),
        reason,
    })
}

/// The envelope's fields as read, before `event` is known to be present;
/// `timestamp` and `id` twice `Option`, to tell `null` from absent.
struct Fields<'a> {
    name: Option<Cow<'a, str>>,
    timestamp: Option<Option<Timestamp>>,
    id: Option<Option<Cow<'a, str>>>,
    data: Option<&'a RawValue>,
}

/// Reads [`Fields`], noting in `reading` which field it is reading.
struct FieldsSeed<'r>(&'r Cell<Option<&'static str>>);

impl<'de> DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = Fields<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> de::Visitor<'de> for FieldsSeed<'_> {
    type Value = Fields<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Fields {
            name: None,
            timestamp: None,
            id: None,
            data: None,
        };
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Event => {
                    vacant(&fields.name, "event")?;
                    self.0.set(Some("event"));
                    fields.name = Some(map.next_value::<Text<'de>>()?.0);
                }
                Key::Timestamp => {
                    vacant(&fields.timestamp, "timestamp")?;
                    self.0.set(Some("timestamp"));
                    fields.timestamp = Some(map.next_value()?);
                }
                Key::Id => {
                    vacant(&fields.id, "id")?;
                    self.0.set(Some("id"));
                    let id = map.next_value::<Option<Text<'de>>>()?;
                    fields.id = Some(id.map(|text| text.0));
                }
                Key::Data => {
                    vacant(&fields.data, "data")?;
                    self.0.set(Some("data"));
                    let data: &'de RawValue = map.next_value()?;
                    // serde_json hands out raw JSON it has only scanned.
                    valid::check(data.get(), 1).map_err(de::Error::custom)?;
                    fields.data = Some(data);
                }
                // Read in full, as a `Value` would read it, but not kept.
                Key::Other => map.next_value_seed(valid::Valid::at(1))?,
            }
            self.0.set(None);
        }
        Ok(fields)
    }
}

/// A key of the envelope, read without allocating.
enum Key {
    Event,
    Timestamp,
    Id,
    Data,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl de::Visitor<'_> for Visitor {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "event" => Key::Event,
                    "timestamp" => Key::Timestamp,
                    "id" => Key::Id,
                    "data" => Key::Data,
                    _ => Key::Other,
                })
            }
        }

        deserializer.deserialize_identifier(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_what_it_can() {
        let body =
            br#"{"id":"evt_\"1\"","data":{"a":[1,2]},"event":"scan.completed","x":{"y":null}}"#;
        let event = RawEvent::decode(body).unwrap();
        assert!(matches!(event.name, Cow::Borrowed("scan.completed")));
        assert_eq!(event.id(), Some("evt_\"1\""));
        assert_eq!(event.data().unwrap().get(), r#"{"a":[1,2]}"#);
    }

    #[test]
    fn null_data_is_kept_and_absent_data_is_none() {
        let event =
            RawEvent::decode(br#"{"event":"e","data":null,"timestamp":null,"id":null}"#).unwrap();
        assert_eq!(event.data().map(RawValue::get), Some("null"));
        assert_eq!((event.timestamp(), event.id()), (None, None));
        assert!(
            RawEvent::decode(br#"{"event":"e"}"#)
                .unwrap()
                .data()
                .is_none()
        );
    }

    #[test]
    fn errors_say_where() {
        let missing = RawEvent::decode(br#"{"data":{}}"#).unwrap_err();
        assert_eq!(missing.to_string(), "missing field `event`");
        let wrong = RawEvent::decode(br#"{"event":"e","timestamp":"yesterday"}"#).unwrap_err();
        assert_eq!(wrong.field(), Some("timestamp"));
        let wrong = RawEvent::decode(br#"{"event":7}"#).unwrap_err();
        assert_eq!(wrong.field(), Some("event"));
        assert!(
            wrong
                .to_string()
                .starts_with("field `event`: invalid type: integer `7`, expected a string")
        );
        for body in [&b"[]"[..], b"{} {}", b"{\"event\":\"e\"", b""] {
            assert!(
                matches!(RawEvent::decode(body), Err(DecodeError::Body { .. })),
                "{body:?}"
            );
        }
    }
}
