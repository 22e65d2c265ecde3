//! The exact reader: the whole body as a `serde_json::Value`, then each
//! field from it, with errors that say which event and which field.

use core::fmt::Write as _;

use serde::de::{DeserializeOwned, Error as _};
use serde_json::{Map, Value};
use serde_path_to_error::Segment;

use crate::event::DecodeError;

/// A body's top-level JSON object, read field by field: what is left at the
/// end is kept as the envelope's unknown fields.
///
/// The body is read into a `serde_json::Value` first, so the event name
/// can decide how `data` is read wherever the sender wrote it, and a key
/// written twice keeps its last value, as JavaScript's `JSON.parse` does.
/// This is the reader that defines decoding; it runs only for what one
/// pass leaves, and errors, which it locates.
pub(crate) struct Object<'b> {
    body: &'b [u8],
    event: Option<String>,
    map: Map<String, Value>,
}

impl<'b> Object<'b> {
    pub(crate) fn parse(body: &'b [u8]) -> Result<Self, DecodeError> {
        let map = serde_json::from_slice(body).map_err(|source| DecodeError::Body { source })?;
        Ok(Self {
            body,
            event: None,
            map,
        })
    }

    /// The `event` field, which every envelope carries; later errors name it.
    pub(crate) fn name(&mut self) -> Result<String, DecodeError> {
        let name: String = self.required("event")?;
        self.event = Some(name.clone());
        Ok(name)
    }

    /// The field `key`, which must be present.
    pub(crate) fn required<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<T, DecodeError> {
        match self.map.remove(key) {
            Some(value) => self.read(key, value),
            None => Err(self.error(String::new(), serde_json::Error::missing_field(key))),
        }
    }

    /// The field `key`, `None` when it is absent or `null`.
    pub(crate) fn optional<T: DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<Option<T>, DecodeError> {
        match self.map.remove(key) {
            Some(value) => self.read(key, value),
            None => Ok(None),
        }
    }

    /// The field `key` as received, if present.
    pub(crate) fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key)
    }

    /// The fields not taken: the envelope's unknown fields.
    pub(crate) fn rest(self) -> Map<String, Value> {
        self.map
    }

    fn read<T: DeserializeOwned>(&self, key: &str, value: Value) -> Result<T, DecodeError> {
        T::deserialize(value).map_err(|error| self.locate::<T>(key, error))
    }

    /// The error for field `key`, with the path inside it. Tracking the path
    /// costs an allocation per key read, so the fast path does not: on
    /// failure the field is read again, from the body, tracking it.
    #[cold]
    fn locate<T: DeserializeOwned>(&self, key: &str, error: serde_json::Error) -> DecodeError {
        let again = serde_json::from_slice::<Map<String, Value>>(self.body)
            .ok()
            .and_then(|mut map| map.remove(key))
            .map(serde_path_to_error::deserialize::<_, T>);
        match again {
            Some(Err(tracked)) => self.error(join(key, tracked.path()), tracked.into_inner()),
            // Unreachable, as the same bytes give the same error; say what is known.
            _ => self.error(key.to_owned(), error),
        }
    }

    fn error(&self, field: String, source: serde_json::Error) -> DecodeError {
        DecodeError::Field {
            event: self.event.clone(),
            field,
            source,
        }
    }
}

/// `key` then the path inside its value: `data.issues[0].line`; without a
/// `key`, the path alone.
pub(crate) fn join(key: &str, inner: &serde_path_to_error::Path) -> String {
    let mut path = String::from(key);
    for segment in inner.iter() {
        let dot = if path.is_empty() { "" } else { "." };
        // Writing to a String cannot fail.
        let _ = match segment {
            Segment::Seq { index } => write!(path, "[{index}]"),
            Segment::Map { key } => write!(path, "{dot}{key}"),
            Segment::Enum { variant } => write!(path, "{dot}{variant}"),
            Segment::Unknown => write!(path, "{dot}?"),
        };
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_the_envelope_field_and_the_inner_one() {
        #[derive(Debug, serde::Deserialize)]
        struct Issue {
            #[allow(dead_code)]
            line: u32,
        }
        #[derive(Debug, serde::Deserialize)]
        struct Data {
            #[allow(dead_code)]
            issues: Vec<Issue>,
        }
        let mut object =
            Object::parse(br#"{"event":"x.y","data":{"issues":[{"line":"7"}]}}"#).unwrap();
        object.name().unwrap();
        let error = object.required::<Data>("data").unwrap_err();
        assert_eq!(error.field(), Some("data.issues[0].line"));
        assert_eq!(error.event(), Some("x.y"));
        assert_eq!(
            error.to_string(),
            "x.y: field `data.issues[0].line`: invalid type: string \"7\", expected u32"
        );
        assert_eq!(
            object.required::<u32>("id").unwrap_err().to_string(),
            "x.y: missing field `id`"
        );
    }

    #[test]
    fn optional_is_absent_or_null() {
        let mut object = Object::parse(br#"{"a":null,"b":2,"c":"x"}"#).unwrap();
        assert_eq!(object.optional::<u32>("a").unwrap(), None);
        assert_eq!(object.optional::<u32>("b").unwrap(), Some(2));
        assert_eq!(object.optional::<u32>("z").unwrap(), None);
        assert_eq!(
            object.optional::<u32>("c").unwrap_err().to_string(),
            "field `c`: invalid type: string \"x\", expected u32"
        );
        assert!(object.rest().is_empty());
    }

    #[test]
    fn not_an_object() {
        for body in [&b"5"[..], b"[]", b"", b"{", b"\xff"] {
            assert!(matches!(Object::parse(body), Err(DecodeError::Body { .. })));
        }
    }
}
