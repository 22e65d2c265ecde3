//! The pieces every object reader is made of: keys read once, a field read
//! typed or kept raw until its type is known, missing fields, and the
//! unknown fields kept as raw JSON.

use alloc::borrow::Cow;
use alloc::{borrow::ToOwned, boxed::Box, string::String, vec::Vec};
use core::{fmt, marker::PhantomData};

use serde::{
    Deserialize,
    de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor},
    forward_to_deserialize_any,
};
use serde_json::{de::StrRead, value::RawValue};

use super::valid::Capture;
use crate::event::Extra;

/// A string borrowed from the body, or owned when it had escapes.
pub(crate) struct Text<'a>(pub(crate) Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }

            fn visit_string<E: de::Error>(self, text: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }

        deserializer.deserialize_str(TextVisitor)
    }
}

/// `Ok` when `slot` is still empty: a key written twice is an error, since
/// another reader of the same bytes (one that keeps the first value, or
/// the last) could see a different event.
pub(crate) fn vacant<T, E: de::Error>(slot: &Option<T>, key: &'static str) -> Result<(), E> {
    match slot {
        Some(_) => Err(E::duplicate_field(key)),
        None => Ok(()),
    }
}

/// The value of a field that is absent: `None` for an `Option`, and the
/// error naming the field for any other type, as serde's derive does.
pub(crate) fn missing<'de, T: Deserialize<'de>, E: de::Error>(key: &'static str) -> Result<T, E> {
    T::deserialize(Missing(key, PhantomData))
}

struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// An object's fields the crate does not know, as one reader meets them:
/// each value checked and kept as raw JSON, each key checked for a repeat
/// at the end.
pub(crate) struct UnknownFields {
    /// How many containers of the body the values sit in.
    depth: usize,
    entries: Vec<(Box<str>, Box<RawValue>)>,
}

impl UnknownFields {
    /// For the fields of an object inside `depth - 1` containers, whose
    /// values sit inside `depth`.
    pub(crate) const fn at(depth: usize) -> Self {
        Self {
            depth,
            entries: Vec::new(),
        }
    }

    /// Keeps the next value of `map` as the field `key`.
    pub(crate) fn read<'de, A: MapAccess<'de>>(
        &mut self,
        key: Cow<'de, str>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let value = map.next_value_seed(Capture(self.depth))?;
        self.entries.push((key.into(), value));
        Ok(())
    }

    /// Keeps `value`, read raw before it turned out to be unknown, as the
    /// field `key`.
    pub(crate) fn keep<E: de::Error>(&mut self, key: &str, value: &RawValue) -> Result<(), E> {
        super::valid::check(value.get(), self.depth).map_err(E::custom)?;
        self.entries.push((key.into(), value.to_owned()));
        Ok(())
    }

    /// The fields, or the error for a key written twice.
    pub(crate) fn finish<E: de::Error>(self) -> Result<Extra, E> {
        Extra::from_unsorted(self.entries)
            .map_err(|key| E::custom(format_args!("duplicate field `{key}`")))
    }
}

/// A field read before the fields that say what it is: kept as the raw
/// JSON, a slice of the body, and typed at the end; or typed at once when
/// they came first, as they do in the seeds.
pub(crate) enum Slot<'de, T> {
    /// Read straight into its type.
    Typed(T),
    /// Kept as written, its type not known then.
    Raw(&'de RawValue),
}

/// Reads `raw` on its own with `read`. Only what `raw` holds is read, so the
/// readers it is given check nesting against the depth `raw` had in the
/// body, not against its own.
pub(crate) fn reread<'a, T, E: de::Error>(
    raw: &'a RawValue,
    read: impl FnOnce(&mut serde_json::Deserializer<StrRead<'a>>) -> serde_json::Result<T>,
) -> Result<T, E> {
    let mut json = serde_json::Deserializer::from_str(raw.get());
    let value = read(&mut json).map_err(E::custom)?;
    json.end().map_err(E::custom)?;
    Ok(value)
}

/// An object type whose unknown fields are kept raw, and so checked against
/// the depth the object sits at.
pub(crate) trait Record: Sized {
    /// Reads the object, found inside `depth` containers of the body.
    fn read_at<'de, D: Deserializer<'de>>(deserializer: D, depth: usize) -> Result<Self, D::Error>;
}

/// A `null` reads as `None`.
impl<T: Record> Record for Option<T> {
    fn read_at<'de, D: Deserializer<'de>>(deserializer: D, depth: usize) -> Result<Self, D::Error> {
        struct OptionVisitor<T>(usize, PhantomData<T>);

        impl<'de, T: Record> Visitor<'de> for OptionVisitor<T> {
            type Value = Option<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object or null")
            }

            fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Option<T>, D::Error> {
                T::read_at(deserializer, self.0).map(Some)
            }
        }

        deserializer.deserialize_option(OptionVisitor(depth, PhantomData))
    }
}

/// [`Record::read_at`] as a seed, for `next_value_seed`.
pub(crate) struct At<T>(pub(crate) usize, pub(crate) PhantomData<T>);

impl<T> At<T> {
    pub(crate) const fn depth(depth: usize) -> Self {
        Self(depth, PhantomData)
    }
}

impl<'de, T: Record> DeserializeSeed<'de> for At<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read_at(deserializer, self.0)
    }
}

/// A value whose type depends on the event's name: the `data` of a
/// `{ "event", "data" }` envelope, which sits inside the body's object.
pub(crate) trait Named: Sized {
    /// Reads the `data` of the event `name` from `data`.
    fn read<'de, D: Deserializer<'de>>(name: &str, data: D) -> Result<Self, D::Error>;
}

/// [`Named::read`] as a seed, for `next_value_seed`.
pub(crate) struct NamedSeed<'n, T>(pub(crate) &'n str, pub(crate) PhantomData<T>);

impl<'de, T: Named> DeserializeSeed<'de> for NamedSeed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read(self.0, deserializer)
    }
}

/// Reads the next value of `map` as the `T` of the event `name` when the
/// name is known by now, else as raw JSON to type once it is.
pub(crate) fn read_named<'de, T: Named, A: MapAccess<'de>>(
    name: Option<&str>,
    map: &mut A,
) -> Result<Slot<'de, T>, A::Error> {
    match name {
        Some(name) => map
            .next_value_seed(NamedSeed(name, PhantomData))
            .map(Slot::Typed),
        None => map.next_value().map(Slot::Raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_option_is_none_and_anything_else_an_error() {
        let none: Result<Option<u32>, serde_json::Error> = missing("n");
        assert_eq!(none.unwrap(), None);
        let error = missing::<u32, serde_json::Error>("n").unwrap_err();
        assert_eq!(error.to_string(), "missing field `n`");
    }

    #[test]
    fn unknown_fields_are_kept_raw_and_unique() {
        let read = |body: &str| -> serde_json::Result<Extra> {
            struct Fields;
            impl<'de> Visitor<'de> for Fields {
                type Value = Extra;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("an object")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                    let mut unknown = UnknownFields::at(1);
                    while let Some(key) = map.next_key::<Text<'de>>()? {
                        unknown.read(key.0, &mut map)?;
                    }
                    unknown.finish()
                }
            }
            serde_json::Deserializer::from_str(body).deserialize_map(Fields)
        };
        let extra = read(r#"{"b": [1, 2] ,"a":{"x":null}}"#).unwrap();
        let fields: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (k, v.get())).collect();
        assert_eq!(fields, [("a", r#"{"x":null}"#), ("b", "[1, 2]")]);
        let error = read(r#"{"a":1,"b":2,"a":1}"#).unwrap_err();
        assert!(
            error.to_string().starts_with("duplicate field `a`"),
            "{error}"
        );
        assert!(read(r#"{"a":"\udfff"}"#).is_err());
    }

    #[test]
    fn keys_and_names_borrow_unless_escaped() {
        let text: Text<'_> = serde_json::from_slice(br#""plain""#).unwrap();
        assert!(matches!(text.0, Cow::Borrowed("plain")));
        let text: Text<'_> = serde_json::from_slice(br#""in\u0074""#).unwrap();
        assert!(matches!(text.0, Cow::Owned(ref text) if text == "int"));
    }
}
