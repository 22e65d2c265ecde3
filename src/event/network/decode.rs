//! The two ways to read a SPLEXA body (see `wire`): in one pass, and
//! exactly.

use std::borrow::Cow;

use serde::{Deserialize, de::MapAccess};
use serde_json::{Map, Value};

use super::{
    AUDIT_EVENT, Audit, AuditEvent, Device, DeviceEvent, Event, Kind, Metrics, NETWORK_EVENT,
};
use crate::event::{
    DecodeError, Rfc3339,
    wire::{self, Object, Slot, Text, once},
};

/// Which [`Kind`] an event named `name` in `category` is.
fn kind_of(name: &str, category: &str) -> KindOf {
    match category {
        NETWORK_EVENT if name.starts_with("device.") => KindOf::Device,
        AUDIT_EVENT => KindOf::Audit,
        _ => KindOf::Other,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum KindOf {
    Device,
    Audit,
    Other,
}

impl wire::Decode for Event {
    fn in_one_pass(body: &[u8]) -> Option<Self> {
        wire::one_pass::<Fields<'_>>(body)
    }

    fn exactly(body: &[u8]) -> Result<Self, DecodeError> {
        let mut object = Object::parse(body)?;
        let name = object.name()?;
        let category: String = object.required("category")?;
        let timestamp = object.required("timestamp")?;
        let kind = match kind_of(&name, &category) {
            KindOf::Device => Kind::Device(DeviceEvent {
                device: object.required("device")?,
                metrics: object.optional("metrics")?,
            }),
            KindOf::Audit => Kind::Audit(AuditEvent {
                audit: object.required("audit")?,
            }),
            KindOf::Other => Kind::Other { category },
        };
        Ok(Self {
            name,
            timestamp,
            kind,
            extra: object.rest(),
        })
    }
}

/// The event's fields as one pass over the body meets them. `device`,
/// `metrics` and `audit` belong to some kinds of event only: each is read
/// typed when `event` and `category` came before it (as in the seed), and
/// as raw JSON otherwise, then typed or kept as an unknown field at the end.
#[derive(Default)]
struct Fields<'de> {
    name: Option<Cow<'de, str>>,
    category: Option<Cow<'de, str>>,
    timestamp: Option<Rfc3339>,
    device: Option<Slot<'de, Device>>,
    metrics: Option<Slot<'de, Option<Metrics>>>,
    audit: Option<Slot<'de, Audit>>,
}

impl Fields<'_> {
    fn kind(&self) -> Option<KindOf> {
        Some(kind_of(self.name.as_deref()?, self.category.as_deref()?))
    }
}

/// The next value of `map`, typed if it belongs to the event's kind, which
/// is known by now; else as raw JSON, to sort out at the end.
fn part<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    belongs: bool,
    map: &mut A,
) -> Result<Slot<'de, T>, A::Error> {
    if belongs {
        map.next_value().map(Slot::Typed)
    } else {
        map.next_value().map(Slot::Raw)
    }
}

impl<'de> wire::Fields<'de> for Fields<'de> {
    type Event = Event;

    fn read<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        let kind = self.kind();
        match key {
            "event" => once(&mut self.name, map.next_value::<Text<'de>>()?.0)?,
            "category" => once(&mut self.category, map.next_value::<Text<'de>>()?.0)?,
            "timestamp" => once(&mut self.timestamp, map.next_value()?)?,
            "device" => once(&mut self.device, part(kind == Some(KindOf::Device), map)?)?,
            "metrics" => once(&mut self.metrics, part(kind == Some(KindOf::Device), map)?)?,
            "audit" => once(&mut self.audit, part(kind == Some(KindOf::Audit), map)?)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn finish(self, mut extra: Map<String, Value>) -> Option<Event> {
        let kind = self.kind()?;
        let (name, category) = (self.name?, self.category?);
        let kind = match kind {
            KindOf::Device => {
                keep(&mut extra, "audit", self.audit)?;
                Kind::Device(DeviceEvent {
                    device: self.device?.typed()?,
                    metrics: self.metrics.map_or(Some(None), Slot::typed)?,
                })
            }
            KindOf::Audit => {
                keep(&mut extra, "device", self.device)?;
                keep(&mut extra, "metrics", self.metrics)?;
                Kind::Audit(AuditEvent {
                    audit: self.audit?.typed()?,
                })
            }
            KindOf::Other => {
                keep(&mut extra, "device", self.device)?;
                keep(&mut extra, "metrics", self.metrics)?;
                keep(&mut extra, "audit", self.audit)?;
                Kind::Other {
                    category: category.into_owned(),
                }
            }
        };
        Some(Event {
            name: name.into_owned(),
            timestamp: self.timestamp?,
            kind,
            extra,
        })
    }
}

/// Keeps a field read before the event's kind was known, and not of that
/// kind, among the unknown fields, where the exact reader leaves it.
fn keep<T>(extra: &mut Map<String, Value>, key: &str, slot: Option<Slot<'_, T>>) -> Option<()> {
    if let Some(slot) = slot {
        extra.insert(key.to_owned(), slot.json()?);
    }
    Some(())
}
