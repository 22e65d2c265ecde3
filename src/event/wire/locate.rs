//! The error path: once a body fails, say whether it is JSON at all, and
//! else which event and which field are at fault.
//!
//! The reader tracks no path while it reads, which would cost an
//! allocation per key. A body that fails is read again: first as a
//! `serde_json::Value` (not an object, not JSON: [`DecodeError::Body`]),
//! then by the same reader through `serde_path_to_error`, told the event
//! name up front so that it types every field where it stands.

use alloc::{format, string::String, string::ToString, vec::Vec};
use core::fmt::{self, Write as _};

use serde::{Deserializer as _, de};
use serde_json::{Map, Value};
use serde_path_to_error::{Path, Segment, Track};

use super::{Decode, Hint};
use crate::event::DecodeError;

/// Why `body` failed to decode as `E`, where the fast reader said `first`.
#[cold]
#[inline(never)]
pub(crate) fn locate<E: Decode>(body: &[u8], first: serde_json::Error) -> DecodeError {
    if let Some(error) = body_error(body) {
        return error;
    }
    let names = Names::read(body);
    let hint = Hint {
        event: names.event.as_deref(),
        category: names.category.as_deref(),
    };
    let mut json = serde_json::Deserializer::from_slice(body);
    let mut track = Track::new();
    let again = E::read(
        serde_path_to_error::Deserializer::new(&mut json, &mut track),
        hint,
    );
    let (field, source) = match again {
        Err(source) => (join(&track.path()), without_position(source)),
        // Unreachable, as the same reader fails the same bytes; say what is
        // known.
        Ok(_) => (String::new(), first),
    };
    DecodeError::Field {
        event: names.event,
        field,
        reason: source,
    }
}

/// The body's `event` and `category`, each when it is written once and is
/// a string: a name written twice is no hint, and the reader reports the
/// repeat.
#[derive(Default)]
struct Names {
    event: Option<String>,
    category: Option<String>,
}

impl Names {
    /// From a body a `Value` reads.
    fn read(body: &[u8]) -> Self {
        /// Every value the key is given.
        type Seen = Vec<Value>;

        struct Visitor;

        impl<'de> de::Visitor<'de> for Visitor {
            type Value = (Seen, Seen);

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<(Seen, Seen), A::Error> {
                let (mut event, mut category) = (Vec::new(), Vec::new());
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "event" => event.push(map.next_value()?),
                        "category" => category.push(map.next_value()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok((event, category))
            }
        }

        let once = |values: Seen| match values.as_slice() {
            [Value::String(text)] => Some(text.clone()),
            _ => None,
        };
        match serde_json::Deserializer::from_slice(body).deserialize_map(Visitor) {
            Ok((event, category)) => Self {
                event: once(event),
                category: once(category),
            },
            Err(_) => Self::default(),
        }
    }
}

/// `error` without serde_json's ` at line 1 column 127`: the path names
/// the field, and the message reads as it did when fields were read from a
/// `Value`, which has no positions.
fn without_position(error: serde_json::Error) -> serde_json::Error {
    if error.line() == 0 {
        return error;
    }
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match error.to_string().strip_suffix(&suffix) {
        Some(message) => de::Error::custom(message),
        None => error,
    }
}

/// Whether `body` is a JSON object a `Value` reads; the error when not.
#[cold]
pub(crate) fn body_error(body: &[u8]) -> Option<DecodeError> {
    serde_json::from_slice::<Map<String, Value>>(body)
        .err()
        .map(|reason| DecodeError::Body { reason })
}

/// A path as the errors write it: `data.issues[0].line`.
pub(crate) fn join(path: &Path) -> String {
    let mut joined = String::new();
    for segment in path.iter() {
        let dot = if joined.is_empty() { "" } else { "." };
        // Writing to a String cannot fail.
        let _ = match segment {
            Segment::Seq { index } => write!(joined, "[{index}]"),
            Segment::Map { key } => write!(joined, "{dot}{key}"),
            Segment::Enum { variant } => write!(joined, "{dot}{variant}"),
            Segment::Unknown => write!(joined, "{dot}?"),
        };
    }
    joined
}
