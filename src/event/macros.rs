//! The two shapes every platform module repeats: a string field with known
//! values that must keep unknown ones, and the `data` of an envelope chosen
//! by its event name.

/// An enum of the values a platform documents for a string field, with
/// `Other` keeping any value the crate does not know, as written.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        ///
        /// Build one from text with `From`, which maps a known value to its
        /// variant; `Other` holds only values the crate does not know.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value the crate does not know, as written.
            Other(String),
        }

        impl $name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Other(other) => other,
                }
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                match text.as_str() {
                    $( $wire => Self::$variant, )+
                    _ => Self::Other(text),
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                match text {
                    $( $wire => Self::$variant, )+
                    _ => Self::Other(text.to_owned()),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // Borrowed from the body where it can be: a known value
                // then costs no allocation.
                let text = <$crate::event::wire::Text<'de> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                Ok(match text.0 {
                    ::std::borrow::Cow::Borrowed(text) => Self::from(text),
                    ::std::borrow::Cow::Owned(text) => Self::from(text),
                })
            }
        }
    };
}

/// The `data` of a `{ "event": ..., "data": ... }` envelope: one variant per
/// documented event, chosen by the event name, and `Unknown` for any other
/// name.
///
/// A documented name whose `data` does not fit its type is an error, never
/// `Unknown`: a receiver learns that the platform changed a field rather
/// than silently missing the event.
macro_rules! event_data {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$variant_meta:meta])* $wire:literal => $variant:ident($data:ty), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$variant_meta])* $variant($data), )+
            /// An event the crate does not know: its name and its `data`
            /// as received.
            Unknown($crate::event::Unknown),
        }

        impl $name {
            /// The event name, as the body's `event` field writes it.
            pub fn name(&self) -> &str {
                match self {
                    $( Self::$variant(_) => $wire, )+
                    Self::Unknown(unknown) => &unknown.name,
                }
            }

            /// Reads the `data` of the event `name` from `object`, for the
            /// exact reader.
            pub(crate) fn decode(
                name: String,
                object: &mut $crate::event::wire::Object<'_>,
            ) -> Result<Self, $crate::event::DecodeError> {
                Ok(match name.as_str() {
                    $( $wire => Self::$variant(object.required("data")?), )+
                    _ => Self::Unknown($crate::event::Unknown::new(name, object.take("data"))),
                })
            }

            /// The event `name` without `data`: `Unknown`, or `None` for
            /// a documented event, which must have `data`.
            pub(crate) fn without_data(name: &str) -> Option<Self> {
                match name {
                    $( $wire => None, )+
                    _ => Some(Self::Unknown($crate::event::Unknown::new(name, None))),
                }
            }

            /// Writes the `data` entry, if there is one.
            pub(crate) fn serialize_entry<M: ::serde::ser::SerializeMap>(
                &self,
                map: &mut M,
            ) -> Result<(), M::Error> {
                match self {
                    $( Self::$variant(data) => map.serialize_entry("data", data), )+
                    Self::Unknown(unknown) => match &unknown.data {
                        Some(data) => map.serialize_entry("data", data),
                        None => Ok(()),
                    },
                }
            }
        }

        // For one pass: `data` straight from the body once the name is
        // known, or from the JSON it was kept as until then.
        impl $crate::event::wire::Named for $name {
            fn read<'de, D: ::serde::Deserializer<'de>>(
                name: &str,
                data: D,
            ) -> Result<Self, D::Error> {
                Ok(match name {
                    $( $wire => Self::$variant(<$data as ::serde::Deserialize>::deserialize(data)?), )+
                    _ => Self::Unknown($crate::event::Unknown::new(
                        name,
                        Some(<::serde_json::Value as ::serde::Deserialize>::deserialize(data)?),
                    )),
                })
            }
        }
    };
}

/// A platform's envelope with a `data` chosen by event name: the `Event`
/// struct, its constructor, [`Envelope`](crate::event::Envelope) and
/// `Serialize`. The fields listed are the envelope's own, all required,
/// read and written in the order given, between `event` and `data`.
///
/// Decoding reads the body in one pass where it can, and the exact way
/// otherwise (see `wire`): both readers are generated from the same list.
macro_rules! data_envelope {
    (
        platform: $platform:expr,
        $(#[$meta:meta])*
        pub struct Event {
            $( $(#[$field_meta:meta])* $field:ident: $ty:ty = $wire:literal, )*
        }
        $( idempotency_key($this:ident) $key:block )?
    ) => {
        static PLATFORM: &$crate::Platform = $platform;

        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct Event {
            $( $(#[$field_meta])* pub $field: $ty, )*
            /// `data`, by event name.
            pub data: Data,
            /// Top-level fields the crate does not know, kept as received.
            pub extra: ::serde_json::Map<String, ::serde_json::Value>,
        }

        impl Event {
            /// An event with these fields and `data`, and no unknown fields.
            pub fn new($( $field: impl Into<$ty>, )* data: Data) -> Self {
                Self {
                    $( $field: $field.into(), )*
                    data,
                    extra: ::serde_json::Map::new(),
                }
            }

            /// The event name, as the body's `event` field writes it.
            pub fn name(&self) -> &str {
                self.data.name()
            }
        }

        impl $crate::event::Envelope for Event {
            fn platform() -> &'static $crate::Platform {
                PLATFORM
            }

            fn decode(body: &[u8]) -> Result<Self, $crate::event::DecodeError> {
                $crate::event::wire::decode(body)
            }

            fn name(&self) -> &str {
                self.data.name()
            }

            $(
                fn idempotency_key<H: $crate::Headers + ?Sized>(
                    &self,
                    _headers: &H,
                ) -> Result<Option<$crate::event::IdempotencyKey>, $crate::HeaderError> {
                    let $this = self;
                    $key
                }
            )?
        }

        impl $crate::event::wire::Decode for Event {
            fn in_one_pass(body: &[u8]) -> Option<Self> {
                $crate::event::wire::one_pass::<Fields<'_>>(body)
            }

            fn exactly(body: &[u8]) -> Result<Self, $crate::event::DecodeError> {
                let mut object = $crate::event::wire::Object::parse(body)?;
                let name = object.name()?;
                $( let $field = object.required($wire)?; )*
                let data = Data::decode(name, &mut object)?;
                Ok(Self {
                    $( $field, )*
                    data,
                    extra: object.rest(),
                })
            }
        }

        /// The envelope's fields as one pass over the body meets them:
        /// `data` typed at once when `event` came first, else kept raw.
        #[derive(Default)]
        struct Fields<'de> {
            name: Option<::std::borrow::Cow<'de, str>>,
            $( $field: Option<$ty>, )*
            data: Option<$crate::event::wire::Slot<'de, Data>>,
        }

        impl<'de> $crate::event::wire::Fields<'de> for Fields<'de> {
            type Event = Event;

            fn read<A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                use $crate::event::wire::{Text, once, read_named};
                match key {
                    "event" => once(&mut self.name, map.next_value::<Text<'de>>()?.0)?,
                    $( $wire => once(&mut self.$field, map.next_value()?)?, )*
                    "data" => once(&mut self.data, read_named(self.name.as_deref(), map)?)?,
                    _ => return Ok(false),
                }
                Ok(true)
            }

            fn finish(
                self,
                extra: ::serde_json::Map<String, ::serde_json::Value>,
            ) -> Option<Event> {
                use $crate::event::wire::{Named as _, Slot, reread};
                let name = self.name?;
                let data = match self.data {
                    Some(Slot::Typed(data)) => data,
                    Some(Slot::Raw(raw)) => reread(raw, |json| Data::read(&name, json))?,
                    None => Data::without_data(&name)?,
                };
                Some(Event {
                    $( $field: self.$field?, )*
                    data,
                    extra,
                })
            }
        }

        impl ::serde::Serialize for Event {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap as _;
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry("event", self.name())?;
                $( map.serialize_entry($wire, &self.$field)?; )*
                self.data.serialize_entry(&mut map)?;
                $crate::event::wire::serialize_extra(&mut map, &self.extra)?;
                map.end()
            }
        }
    };
}

pub(crate) use data_envelope;
pub(crate) use event_data;
pub(crate) use open_enum;
