//! Events the crate does not know, kept whole.

use serde_json::Value;

/// An event whose name the crate does not know: a platform added an event,
/// or a sender made up its own. The name and the `data` are kept as
/// received, and re-encoding gives them back unchanged.
///
/// ```
/// use hooksig::event::{Envelope, scan};
///
/// let body = br#"{"event":"scan.queued","id":"evt_9","timestamp":"2024-01-01T12:00:00Z","data":{"position":3}}"#;
/// let event = scan::Event::decode(body)?;
/// let scan::Data::Unknown(unknown) = &event.data else { panic!("a known event") };
/// assert_eq!(unknown.name, "scan.queued");
/// assert_eq!(unknown.data, Some(serde_json::json!({ "position": 3 })));
/// assert_eq!(event.to_vec()?, body);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Unknown {
    /// The event name.
    pub name: String,
    /// The envelope's `data`, `None` when it has no `data` field.
    pub data: Option<Value>,
}

impl Unknown {
    /// An event named `name` with `data`.
    pub fn new(name: impl Into<String>, data: Option<Value>) -> Self {
        Self {
            name: name.into(),
            data,
        }
    }
}
