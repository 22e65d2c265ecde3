//! Reading a SPLEXA body (see `wire`): which of `device`, `metrics` and
//! `audit` are typed depends on `event` and `category`, which may come
//! after them.

use alloc::borrow::Cow;
use core::fmt;

use serde::de::{self, Deserializer, MapAccess};
use serde_json::value::RawValue;

use super::{
    AUDIT_EVENT, Audit, AuditEvent, Device, DeviceEvent, Event, Kind, Metrics, NETWORK_EVENT,
};
use crate::event::{
    Rfc3339,
    wire::{self, At, Hint, Record, Slot, Text, UnknownFields, missing, reread, vacant},
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
    fn read<'de, D: Deserializer<'de>>(deserializer: D, hint: Hint<'_>) -> Result<Self, D::Error> {
        deserializer.deserialize_map(Visitor(hint))
    }
}

/// The body's object; its `event` and `category`, when known beforehand.
struct Visitor<'h>(Hint<'h>);

impl<'de> de::Visitor<'de> for Visitor<'_> {
    type Value = Event;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let mut fields = Fields::default();
        let mut extra = UnknownFields::at(1);
        while let Some(Text(key)) = map.next_key()? {
            let kind = fields.kind(self.0);
            match &*key {
                "event" => {
                    vacant(&fields.name, "event")?;
                    fields.name = Some(map.next_value::<Text<'de>>()?.0);
                }
                "category" => {
                    vacant(&fields.category, "category")?;
                    fields.category = Some(map.next_value::<Text<'de>>()?.0);
                }
                "timestamp" => {
                    vacant(&fields.timestamp, "timestamp")?;
                    fields.timestamp = Some(map.next_value()?);
                }
                "device" => {
                    vacant(&fields.device, "device")?;
                    fields.device = Some(part(kind == Some(KindOf::Device), &mut map)?);
                }
                "metrics" => {
                    vacant(&fields.metrics, "metrics")?;
                    fields.metrics = Some(part(kind == Some(KindOf::Device), &mut map)?);
                }
                "audit" => {
                    vacant(&fields.audit, "audit")?;
                    fields.audit = Some(part(kind == Some(KindOf::Audit), &mut map)?);
                }
                _ => extra.read(key, &mut map)?,
            }
        }
        fields.finish(extra)
    }
}

/// The event's fields as the reader meets them. `device`, `metrics` and
/// `audit` belong to some kinds of event only: each is typed when `event`
/// and `category` came before it (as in the seed), and kept raw otherwise,
/// then typed or kept as an unknown field at the end.
#[derive(Default)]
struct Fields<'de> {
    name: Option<Cow<'de, str>>,
    category: Option<Cow<'de, str>>,
    timestamp: Option<Rfc3339>,
    device: Option<Slot<'de, Device>>,
    metrics: Option<Slot<'de, Option<Metrics>>>,
    audit: Option<Slot<'de, Audit>>,
}

impl<'de> Fields<'de> {
    /// The event's kind, once its name and category are known.
    fn kind(&self, hint: Hint<'_>) -> Option<KindOf> {
        let name = self.name.as_deref().or(hint.event)?;
        let category = self.category.as_deref().or(hint.category)?;
        Some(kind_of(name, category))
    }

    fn finish<E: de::Error>(self, mut extra: UnknownFields) -> Result<Event, E> {
        let name = self.name.ok_or_else(|| E::missing_field("event"))?;
        let category = self.category.ok_or_else(|| E::missing_field("category"))?;
        let timestamp = match self.timestamp {
            Some(timestamp) => timestamp,
            None => missing("timestamp")?,
        };
        let kind = match kind_of(&name, &category) {
            KindOf::Device => {
                keep(&mut extra, "audit", self.audit)?;
                let device = self.device.ok_or_else(|| E::missing_field("device"))?;
                Kind::Device(DeviceEvent {
                    device: typed(device)?,
                    metrics: match self.metrics {
                        Some(metrics) => typed(metrics)?,
                        None => None,
                    },
                })
            }
            KindOf::Audit => {
                keep(&mut extra, "device", self.device)?;
                keep(&mut extra, "metrics", self.metrics)?;
                let audit = self.audit.ok_or_else(|| E::missing_field("audit"))?;
                Kind::Audit(AuditEvent {
                    audit: typed(audit)?,
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
        Ok(Event {
            name: name.into_owned(),
            timestamp,
            kind,
            extra: extra.finish()?,
        })
    }
}

/// The next value of `map`, typed if it belongs to the event's kind, which
/// is known by now; else as raw JSON, to sort out at the end. Each sits in
/// the body's object.
fn part<'de, T: Record, A: MapAccess<'de>>(
    belongs: bool,
    map: &mut A,
) -> Result<Slot<'de, T>, A::Error> {
    if belongs {
        map.next_value_seed(At::depth(1)).map(Slot::Typed)
    } else {
        map.next_value::<&'de RawValue>().map(Slot::Raw)
    }
}

/// A field of the event's kind, typed now if it was kept raw.
fn typed<T: Record, E: de::Error>(slot: Slot<'_, T>) -> Result<T, E> {
    match slot {
        Slot::Typed(value) => Ok(value),
        Slot::Raw(raw) => reread(raw, |json| T::read_at(json, 1)),
    }
}

/// Keeps a field read before the event's kind was known, and not of that
/// kind, among the unknown fields.
fn keep<T, E: de::Error>(
    extra: &mut UnknownFields,
    key: &'static str,
    slot: Option<Slot<'_, T>>,
) -> Result<(), E> {
    match slot {
        None => Ok(()),
        Some(Slot::Raw(raw)) => extra.keep(key, raw),
        // Typed only for the kind it belongs to, and the kind is read once:
        // a body whose kind changed on the way repeated a key.
        Some(Slot::Typed(_)) => Err(E::duplicate_field(key)),
    }
}
