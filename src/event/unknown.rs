//! Events the crate does not know, kept whole.

use alloc::{boxed::Box, string::String};
use serde::Deserialize;
use serde_json::value::RawValue;

/// An event whose name the crate does not know: a platform added an event,
/// or a sender made up its own. The name and the `data` are kept as
/// received, the data as raw JSON, and re-encoding gives them back
/// unchanged.
///
/// ```
/// use hooksig::event::{Envelope, scan};
///
/// #[derive(serde::Deserialize)]
/// struct Queued { position: u32 }
///
/// let body = br#"{"event":"scan.queued","id":"evt_9","timestamp":"2024-01-01T12:00:00Z","data":{"position":3}}"#;
/// let event = scan::Event::decode(body)?;
/// let scan::Data::Unknown(unknown) = &event.data else { panic!("a known event") };
/// assert_eq!(unknown.name, "scan.queued");
/// assert_eq!(unknown.data.as_deref().map(|data| data.get()), Some(r#"{"position":3}"#));
/// let queued: Option<Queued> = unknown.data_as().transpose()?;
/// assert_eq!(queued.map(|queued| queued.position), Some(3));
/// assert_eq!(event.to_vec()?, body);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Unknown {
    /// The event name.
    pub name: String,
    /// The envelope's `data` as raw JSON, `None` when it has no `data`
    /// field.
    pub data: Option<Box<RawValue>>,
}

impl Unknown {
    /// An event named `name` with `data`. Build `data` from a
    /// `serde_json::Value` or with [`serde_json::value::to_raw_value`]:
    /// decoding refuses what a `Value` refuses, as
    /// [`Extra::insert`](crate::event::Extra::insert) says.
    pub fn new(name: impl Into<String>, data: Option<Box<RawValue>>) -> Self {
        Self {
            name: name.into(),
            data,
        }
    }

    /// The `data` read as a `T`; `None` when there is no `data`.
    ///
    /// # Errors
    ///
    /// `Some(Err(_))` with serde_json's error when the data is not a `T`.
    pub fn data_as<'a, T: Deserialize<'a>>(&'a self) -> Option<serde_json::Result<T>> {
        self.data
            .as_deref()
            .map(|data| serde_json::from_str(data.get()))
    }
}

/// Equal when the names are and the data is the same JSON text.
impl PartialEq for Unknown {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.data.as_deref().map(RawValue::get) == other.data.as_deref().map(RawValue::get)
    }
}

impl Eq for Unknown {}
