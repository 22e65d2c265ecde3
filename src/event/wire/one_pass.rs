//! The fast reader: one pass over the body, straight into the typed fields.
//!
//! It answers only where the exact reader ([`Object`](super::Object))
//! would answer the same, and gives up otherwise. Every value is parsed
//! in full by serde_json, as the exact reader's `Value` would be, never
//! skipped: typed or as a `Value` straight from the body, or kept as a
//! raw slice of it and parsed from that at the end ([`reread`]). So a body
//! it accepts is one the exact reader accepts, with the same nesting limit
//! and the same numbers. On any error, and on an envelope key written
//! twice (where the exact reader keeps the last), it gives up and the
//! exact reader decides, naming the field at fault.

use core::{fmt, marker::PhantomData};
use std::borrow::Cow;

use serde::{
    Deserialize, Deserializer as _,
    de::{self, DeserializeOwned, DeserializeSeed, MapAccess},
};
use serde_json::{Map, Value, de::StrRead, value::RawValue};

/// An envelope's own fields, as the fast reader meets them in a body's
/// top-level object.
pub(crate) trait Fields<'de>: Default {
    /// The envelope the fields make.
    type Event;

    /// Reads the value of `key` if it is one of the envelope's own fields;
    /// `Ok(false)` leaves it to the envelope's unknown fields. An error,
    /// including a key met twice, hands the body to the exact reader.
    fn read<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// The envelope, with `extra` its unknown fields; `None` hands the body
    /// to the exact reader, which says what is missing.
    fn finish(self, extra: Map<String, Value>) -> Option<Self::Event>;
}

/// The envelope `F` reads from `body` in one pass, or `None` when the exact
/// reader must decide.
pub(crate) fn one_pass<'de, F: Fields<'de>>(body: &'de [u8]) -> Option<F::Event> {
    let mut json = serde_json::Deserializer::from_slice(body);
    // Filled in place: envelopes are a few hundred bytes, and moving them
    // through each `Result` on the way out showed in profiles.
    let mut fields = F::default();
    let extra = json.deserialize_map(Visitor(&mut fields)).ok()?;
    json.end().ok()?;
    fields.finish(extra)
}

struct Visitor<'f, F>(&'f mut F);

impl<'de, F: Fields<'de>> de::Visitor<'de> for Visitor<'_, F> {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        // Empty until an unknown field arrives: a `BTreeMap` allocates
        // nothing before its first entry.
        let mut extra = Map::new();
        while let Some(key) = map.next_key::<Text<'de>>()? {
            if !self.0.read(&key.0, &mut map)? {
                // A key written twice keeps its last value, as in the
                // exact reader's map.
                extra.insert(key.0.into_owned(), map.next_value()?);
            }
        }
        Ok(extra)
    }
}

/// Sets `slot` to `value`, unless it is set already: a key written twice is
/// left to the exact reader, which keeps the last (and later keys may have
/// been read by the first, as `data` by the first `event`).
pub(crate) fn once<T, E: de::Error>(slot: &mut Option<T>, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::custom("key written twice"));
    }
    *slot = Some(value);
    Ok(())
}

/// A string borrowed from the body, or owned when it had escapes.
pub(crate) struct Text<'a>(pub(crate) Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl<'de> de::Visitor<'de> for Visitor {
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

        deserializer.deserialize_str(Visitor)
    }
}

/// A field read before the fields that say what it is: kept as the raw
/// JSON, a slice of the body, and typed at the end; or typed at once when
/// they came first, as they do in the seeds.
#[derive(Debug)]
pub(crate) enum Slot<'de, T> {
    /// Read straight into its type.
    Typed(T),
    /// Kept as written, its type not known then.
    Raw(&'de RawValue),
}

impl<T: DeserializeOwned> Slot<'_, T> {
    /// The value, typed; `None` when it does not fit.
    pub(crate) fn typed(self) -> Option<T> {
        match self {
            Self::Typed(value) => Some(value),
            Self::Raw(raw) => reread(raw, |json| T::deserialize(json)),
        }
    }
}

impl<T> Slot<'_, T> {
    /// The value as JSON, for a field that turned out to be unknown; `None`
    /// if it was typed, which the callers never do.
    pub(crate) fn json(self) -> Option<Value> {
        match self {
            Self::Typed(_) => None,
            Self::Raw(raw) => reread(raw, |json| Value::deserialize(json)),
        }
    }
}

/// How deep a value inside the body's top-level object may nest: serde_json
/// allows 128 levels, and the object takes one.
const NESTING: usize = 127;

/// Reads `raw` on its own with `read`; `None` when it does not fit, or
/// might nest too deep. Read on its own, `raw` would have one more level
/// to spare than it had in the body, and the exact reader refuses what
/// nests too deep in the body; a value with fewer opening brackets than
/// that cannot come near the limit (brackets in strings count too, which
/// only sends more to the exact reader).
pub(crate) fn reread<'a, T>(
    raw: &'a RawValue,
    read: impl FnOnce(&mut serde_json::Deserializer<StrRead<'a>>) -> serde_json::Result<T>,
) -> Option<T> {
    let text = raw.get();
    if text.bytes().filter(|&b| b == b'[' || b == b'{').count() >= NESTING {
        return None;
    }
    let mut json = serde_json::Deserializer::from_str(text);
    let value = read(&mut json).ok()?;
    json.end().ok()?;
    Some(value)
}

/// A value whose type depends on the event's name: the `data` of a
/// `{ "event", "data" }` envelope.
pub(crate) trait Named: Sized {
    /// Reads the value of the event `name` from `value`.
    fn read<'de, D: de::Deserializer<'de>>(name: &str, value: D) -> Result<Self, D::Error>;
}

/// Reads the next value of `map` as the `T` of the event `name` when the
/// name is known by now, else as raw JSON for [`Named::read`] at the end.
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

struct NamedSeed<'n, T>(&'n str, PhantomData<T>);

impl<'de, T: Named> DeserializeSeed<'de> for NamedSeed<'_, T> {
    type Value = T;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read(self.0, deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `{ "event", "n", "data" }`, `data` a number for `int` and any JSON
    /// otherwise.
    #[derive(Default)]
    struct Test<'de> {
        name: Option<Cow<'de, str>>,
        n: Option<u32>,
        data: Option<Slot<'de, Data>>,
    }

    #[derive(Debug, PartialEq)]
    enum Data {
        Int(u32),
        Other(Value),
    }

    impl Named for Data {
        fn read<'de, D: de::Deserializer<'de>>(name: &str, value: D) -> Result<Self, D::Error> {
            Ok(match name {
                "int" => Self::Int(u32::deserialize(value)?),
                _ => Self::Other(Value::deserialize(value)?),
            })
        }
    }

    type Read = (String, Option<u32>, Option<Data>, Map<String, Value>);

    impl<'de> Fields<'de> for Test<'de> {
        type Event = Read;

        fn read<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
            match key {
                "event" => once(&mut self.name, map.next_value::<Text<'de>>()?.0)?,
                "n" => once(&mut self.n, map.next_value()?)?,
                "data" => once(&mut self.data, read_named(self.name.as_deref(), map)?)?,
                _ => return Ok(false),
            }
            Ok(true)
        }

        fn finish(self, extra: Map<String, Value>) -> Option<Read> {
            let name = self.name?.into_owned();
            let data = match self.data {
                Some(Slot::Typed(data)) => Some(data),
                Some(Slot::Raw(raw)) => Some(reread(raw, |json| Data::read(&name, json))?),
                None => None,
            };
            Some((name, self.n, data, extra))
        }
    }

    fn read(body: &str) -> Option<Read> {
        one_pass::<Test<'_>>(body.as_bytes())
    }

    #[test]
    fn reads_own_fields_typed_and_keeps_the_rest() {
        let (name, n, data, extra) =
            read(r#"{"event":"int","n":1,"data":7,"z":{"a":[1]},"y":null}"#).unwrap();
        assert_eq!(
            (name.as_str(), n, data),
            ("int", Some(1), Some(Data::Int(7)))
        );
        assert_eq!(
            Value::Object(extra),
            serde_json::json!({ "y": null, "z": { "a": [1] } })
        );
    }

    #[test]
    fn data_before_its_name_is_typed_at_the_end() {
        let (_, _, data, _) = read(r#"{"data":7,"event":"int"}"#).unwrap();
        assert_eq!(data, Some(Data::Int(7)));
        let (_, _, data, _) = read(r#"{"data":"x","event":"str"}"#).unwrap();
        assert_eq!(data, Some(Data::Other("x".into())));
        assert_eq!(read(r#"{"data":"x","event":"int"}"#), None);
    }

    #[test]
    fn gives_up_where_the_exact_reader_must_decide() {
        for body in [
            // Not one object, or not JSON.
            "",
            "[]",
            "{} {}",
            r#"{"event":"int""#,
            r#"{"event":"int","z":"\ud800"}"#,
            // A field of the wrong type, or missing.
            r#"{"event":"int","n":-1}"#,
            r#"{"event":"int","data":"7"}"#,
            r#"{"n":1}"#,
            // An envelope key written twice, even with the same value.
            r#"{"event":"int","n":1,"n":1}"#,
            r#"{"event":"int","data":7,"event":"str"}"#,
        ] {
            assert_eq!(read(body), None, "{body}");
        }
        // An unknown key written twice keeps the last value, as the exact
        // reader's map does.
        let (.., extra) = read(r#"{"event":"e","z":1,"z":2}"#).unwrap();
        assert_eq!(extra["z"], 2);
    }

    #[test]
    fn nesting_is_limited_as_for_a_value() {
        let nested = |depth: usize| {
            format!(
                r#"{{"event":"e","z":{}0{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            )
        };
        // Around serde_json's limit of 128 levels, the top-level object
        // included: the same answer as for a `Value`, on both sides of it.
        let answers: Vec<(bool, bool)> = (120..135)
            .map(|depth| {
                let body = nested(depth);
                let value = serde_json::from_str::<Value>(&body).is_ok();
                (read(&body).is_some(), value)
            })
            .collect();
        assert!(answers.iter().all(|(ours, value)| ours == value));
        assert!(answers.first().is_some_and(|(ours, _)| *ours));
        assert!(answers.last().is_some_and(|(ours, _)| !*ours));
    }

    #[test]
    fn data_kept_raw_is_limited_as_in_the_body() {
        // Kept raw and read on its own, data would have a level to spare.
        for depth in 120..135 {
            let data = format!("{}0{}", "[".repeat(depth), "]".repeat(depth));
            let body = format!(r#"{{"data":{data},"event":"e"}}"#);
            let value = serde_json::from_str::<Value>(&body).is_ok();
            assert_eq!(read(&body).is_some(), value, "{depth}");
        }
        // Brackets in strings count, which only leaves more to the exact reader.
        let brackets = format!(r#"{{"data":"{}","event":"e"}}"#, "[".repeat(200));
        assert_eq!(read(&brackets), None);
    }

    #[test]
    fn keys_and_names_borrow_unless_escaped() {
        let body = br#"{"event":"in\u0074","n":2}"#;
        let (name, n, ..) = one_pass::<Test<'_>>(body).unwrap();
        assert_eq!((name.as_str(), n), ("int", Some(2)));
        let text: Text<'_> = serde_json::from_slice(br#""plain""#).unwrap();
        assert!(matches!(text.0, Cow::Borrowed("plain")));
    }
}
