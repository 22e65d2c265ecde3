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
            Other(::alloc::string::String),
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

        impl From<::alloc::string::String> for $name {
            fn from(text: ::alloc::string::String) -> Self {
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
                    _ => Self::Other(::alloc::borrow::ToOwned::to_owned(text)),
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
                    ::alloc::borrow::Cow::Borrowed(text) => Self::from(text),
                    ::alloc::borrow::Cow::Owned(text) => Self::from(text),
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

        // `data` sits in the body's object: its own fields one level down.
        impl $crate::event::wire::Named for $name {
            fn read<'de, D: ::serde::Deserializer<'de>>(
                name: &str,
                data: D,
            ) -> Result<Self, D::Error> {
                Ok(match name {
                    $( $wire => Self::$variant(
                        <$data as $crate::event::wire::Record>::read_at(data, 1)?,
                    ), )+
                    _ => Self::Unknown($crate::event::Unknown::new(
                        name,
                        Some($crate::event::wire::valid::capture(data, 1)?),
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
/// Decoding reads the body once (see `wire`): `data` is typed as soon as
/// `event` has been read, and kept as a slice of the body until then.
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
            pub extra: $crate::event::Extra,
        }

        impl Event {
            /// An event with these fields and `data`, and no unknown fields.
            pub fn new($( $field: impl Into<$ty>, )* data: Data) -> Self {
                Self {
                    $( $field: $field.into(), )*
                    data,
                    extra: $crate::event::Extra::new(),
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
            fn read<'de, D: ::serde::Deserializer<'de>>(
                deserializer: D,
                hint: $crate::event::wire::Hint<'_>,
            ) -> Result<Self, D::Error> {
                /// The body's object; the event name, when known beforehand.
                struct Visitor<'h>(Option<&'h str>);

                impl<'de> ::serde::de::Visitor<'de> for Visitor<'_> {
                    type Value = Event;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str("a JSON object")
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<Event, A::Error> {
                        use ::serde::de::Error as _;
                        use $crate::event::wire::{
                            Named as _, Slot, Text, UnknownFields, read_named, reread, vacant,
                        };
                        let mut name: Option<::alloc::borrow::Cow<'de, str>> = None;
                        $( let mut $field: Option<$ty> = None; )*
                        let mut data: Option<Slot<'de, Data>> = None;
                        let mut extra = UnknownFields::at(1);
                        while let Some(Text(key)) = map.next_key()? {
                            match &*key {
                                "event" => {
                                    vacant(&name, "event")?;
                                    name = Some(map.next_value::<Text<'de>>()?.0);
                                }
                                $(
                                    $wire => {
                                        vacant(&$field, $wire)?;
                                        $field = Some(map.next_value()?);
                                    }
                                )*
                                "data" => {
                                    vacant(&data, "data")?;
                                    data = Some(read_named(name.as_deref().or(self.0), &mut map)?);
                                }
                                _ => extra.read(key, &mut map)?,
                            }
                        }
                        let Some(name) = name else {
                            return Err(A::Error::missing_field("event"));
                        };
                        $(
                            let $field = match $field {
                                Some(value) => value,
                                None => $crate::event::wire::missing($wire)?,
                            };
                        )*
                        let data = match data {
                            Some(Slot::Typed(data)) => data,
                            Some(Slot::Raw(raw)) => reread(raw, |json| Data::read(&name, json))?,
                            None => match Data::without_data(&name) {
                                Some(data) => data,
                                None => return Err(A::Error::missing_field("data")),
                            },
                        };
                        Ok(Event {
                            $( $field, )*
                            data,
                            extra: extra.finish()?,
                        })
                    }
                }

                deserializer.deserialize_map(Visitor(hint.event))
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
