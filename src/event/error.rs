//! What can go wrong decoding, encoding and receiving an event.

use alloc::string::String;
use core::fmt;

/// Why a body could not be decoded into an event.
///
/// The message says which event and which field: `scan.completed: field
/// `data.score`: invalid type: string "85", expected u32`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The body is not JSON, or not a JSON object.
    #[error("body is not a JSON object: {reason}")]
    Body {
        /// What serde_json found, with the line and column.
        reason: serde_json::Error,
    },
    /// A field is missing, or holds a value of the wrong type or form, or
    /// a key is written twice.
    #[error("{}{reason}", Where(event.as_deref(), field))]
    Field {
        /// The event's name, once the body's `event` field was read.
        event: Option<String>,
        /// Where the problem is: the path of the field, such as
        /// `data.score` or `device.id`; for a missing field or a key written
        /// twice, the path of the object, empty for the envelope itself
        /// (the message names the key).
        field: String,
        /// What is wrong, as serde_json says it.
        reason: serde_json::Error,
    },
}

impl DecodeError {
    /// The event's name, when the body named one.
    pub fn event(&self) -> Option<&str> {
        match self {
            Self::Field { event, .. } => event.as_deref(),
            Self::Body { .. } => None,
        }
    }

    /// The path of the field at fault (for a missing field, of the object
    /// that lacks it), when a field is at fault.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Field { field, .. } => Some(field),
            Self::Body { .. } => None,
        }
    }
}

/// `{event}: field `{path}`: `, each part when known.
struct Where<'a>(Option<&'a str>, &'a str);

impl fmt::Display for Where<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(event) = self.0 {
            write!(f, "{event}: ")?;
        }
        if !self.1.is_empty() {
            write!(f, "field `{}`: ", self.1)?;
        }
        Ok(())
    }
}

/// Why an event could not be encoded as JSON.
///
/// The crate's event types always encode; this passes on an error from
/// serde_json rather than hiding one.
#[derive(Debug, thiserror::Error)]
#[error("event cannot be encoded as JSON: {reason}")]
pub struct EncodeError {
    reason: serde_json::Error,
}

impl From<serde_json::Error> for EncodeError {
    fn from(reason: serde_json::Error) -> Self {
        Self { reason }
    }
}
