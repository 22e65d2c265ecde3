//! Fields the crate does not know, kept as the sender wrote them.

use alloc::{boxed::Box, vec::Vec};
use core::fmt;

use serde::{
    Deserialize, Deserializer, Serialize, Serializer,
    de::{MapAccess, Visitor},
    ser::SerializeMap,
};
use serde_json::value::RawValue;

use super::wire::{Text, UnknownFields};

/// The fields of one JSON object that the crate does not know, each kept as
/// raw JSON: the exact text the sender wrote, not a parsed tree. Decoding
/// copies each such value once and builds nothing from it, so undocumented
/// fields cost less than reading the body into a `serde_json::Value`.
///
/// Keys are unique and kept sorted; encoding writes the fields in that
/// order after the documented ones, each value as it was received. Read a
/// value as the type you expect with [`Extra::get_as`], or as raw JSON with
/// [`Extra::get`].
///
/// ```
/// use hooksig::event::{Envelope, scan};
///
/// let body = br#"{"event":"scan.started","id":"evt_1","timestamp":"2024-01-01T12:00:00Z","data":{"scan_id":"s","branch":{"name":"main"},"attempt":2}}"#;
/// let event = scan::Event::decode(body)?;
/// let scan::Data::Started(started) = &event.data else { panic!("not started") };
/// assert_eq!(started.extra.get("branch").map(|raw| raw.get()), Some(r#"{"name":"main"}"#));
/// assert_eq!(started.extra.get_as::<u32>("attempt").transpose()?, Some(2));
/// assert_eq!(started.extra.get_as::<u32>("missing").transpose()?, None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct Extra {
    /// Sorted by key, each key once.
    entries: Vec<(Box<str>, Box<RawValue>)>,
}

impl Extra {
    /// No fields. Allocates nothing.
    pub const fn new() -> Self {
        Self {
            entries: Vec::new(),
        }
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The raw JSON of the field `key`, as received; `None` when there is no
    /// such field.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.find(key)
            .ok()
            .and_then(|index| self.entries.get(index))
            .map(|(_, value)| &**value)
    }

    /// The field `key` read as a `T`; `None` when there is no such field.
    ///
    /// # Errors
    ///
    /// `Some(Err(_))` with serde_json's error when the field's JSON is not a
    /// `T`.
    pub fn get_as<'a, T: Deserialize<'a>>(&'a self, key: &str) -> Option<serde_json::Result<T>> {
        self.get(key).map(|raw| serde_json::from_str(raw.get()))
    }

    /// Sets the field `key` to `value`, written as given when encoding, and
    /// returns the value it replaces. A `RawValue` is well-formed JSON, but
    /// decoding refuses what a `serde_json::Value` refuses (a lone
    /// surrogate escape, a number too large for an `f64`, nesting deeper
    /// than 128 levels), so build `value` from a `Value` or with
    /// [`serde_json::value::to_raw_value`] to be sure it decodes again.
    pub fn insert(
        &mut self,
        key: impl Into<Box<str>>,
        value: Box<RawValue>,
    ) -> Option<Box<RawValue>> {
        let key = key.into();
        match self.find(&key) {
            Ok(index) => self
                .entries
                .get_mut(index)
                .map(|(_, old)| core::mem::replace(old, value)),
            Err(index) => {
                self.entries.insert(index, (key, value));
                None
            }
        }
    }

    /// Removes the field `key` and returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Box<RawValue>> {
        let index = self.find(key).ok()?;
        Some(self.entries.remove(index).1)
    }

    /// The fields in key order, each with its raw JSON.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &RawValue)> {
        self.entries.iter().map(|(key, value)| (&**key, &**value))
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|(probe, _)| (**probe).cmp(key))
    }

    /// Fields in the order a body gave them, which may repeat a key: sorted,
    /// or the first key written twice.
    pub(crate) fn from_unsorted(
        mut entries: Vec<(Box<str>, Box<RawValue>)>,
    ) -> Result<Self, Box<str>> {
        // Sorting once is O(n log n) where checking each insertion would be
        // quadratic in a body with many unknown keys.
        entries.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let repeated = entries.windows(2).find_map(|pair| match pair {
            [(a, _), (b, _)] if a == b => Some(a.clone()),
            _ => None,
        });
        match repeated {
            Some(key) => Err(key),
            None => Ok(Self { entries }),
        }
    }
}

/// Equal when the same keys hold the same JSON text: `1.0` and `1` differ,
/// as they would on the wire.
impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((a, x), (b, y))| a == b && x.get() == y.get())
    }
}

impl Eq for Extra {}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// A value as its JSON, unquoted: `{"branch": {"name":"main"}}`.
        struct Json<'a>(&'a RawValue);

        impl fmt::Debug for Json<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.get())
            }
        }

        f.debug_map()
            .entries(self.iter().map(|(key, value)| (key, Json(value))))
            .finish()
    }
}

/// A map of the fields, each value written as its raw JSON.
impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (key, value) in self.iter() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// An object read as its fields' raw JSON, each checked as a
/// `serde_json::Value` would read it; a key written twice is an error.
impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;

        impl<'de> Visitor<'de> for Fields {
            type Value = Extra;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Extra, A::Error> {
                // The object read on its own: its values one level down.
                let mut fields = UnknownFields::at(1);
                while let Some(Text(key)) = map.next_key()? {
                    fields.read(key, &mut map)?;
                }
                fields.finish()
            }
        }

        deserializer.deserialize_map(Fields)
    }
}

impl<K: Into<Box<str>>> FromIterator<(K, Box<RawValue>)> for Extra {
    /// The fields; of a key given twice, the last value.
    fn from_iter<I: IntoIterator<Item = (K, Box<RawValue>)>>(fields: I) -> Self {
        let mut extra = Self::new();
        for (key, value) in fields {
            extra.insert(key, value);
        }
        extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> Box<RawValue> {
        RawValue::from_string(json.to_owned()).unwrap()
    }

    #[test]
    fn keeps_keys_sorted_and_unique() {
        let mut extra = Extra::new();
        assert!(extra.insert("b", raw("1")).is_none());
        assert!(extra.insert("a", raw("[2]")).is_none());
        assert_eq!(
            extra.insert("b", raw("3")).map(|old| old.get().to_owned()),
            Some("1".into())
        );
        let fields: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (k, v.get())).collect();
        assert_eq!(fields, [("a", "[2]"), ("b", "3")]);
        assert_eq!(
            extra.remove("a").map(|old| old.get().to_owned()),
            Some("[2]".into())
        );
        assert_eq!(extra.len(), 1);
        assert!(extra.get("a").is_none());
        assert_eq!(serde_json::to_string(&extra).unwrap(), r#"{"b":3}"#);
        extra.insert("c", raw(r#"{"d":"e"}"#));
        assert_eq!(format!("{extra:?}"), r#"{"b": 3, "c": {"d":"e"}}"#);
    }

    #[test]
    fn a_repeated_key_is_named() {
        let entries = |keys: &[&str]| keys.iter().map(|key| ((*key).into(), raw("0"))).collect();
        assert_eq!(
            Extra::from_unsorted(entries(&["z", "a", "z"])).unwrap_err(),
            "z".into()
        );
        let extra = Extra::from_unsorted(entries(&["z", "a", "m"])).unwrap();
        assert_eq!(
            extra.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            ["a", "m", "z"]
        );
    }

    #[test]
    fn reads_an_object_as_raw_fields() {
        let extra: Extra = serde_json::from_str(r#"{"b": [1, 2], "a": {}}"#).unwrap();
        assert_eq!(format!("{extra:?}"), r#"{"a": {}, "b": [1, 2]}"#);
        assert!(serde_json::from_str::<Extra>(r#"{"a":1,"a":1}"#).is_err());
        assert!(serde_json::from_str::<Extra>(r#"{"a":1e400}"#).is_err());
        assert!(serde_json::from_str::<Extra>("[]").is_err());
    }

    #[test]
    fn equal_when_the_texts_are() {
        let one = |json: &str| Extra::from_iter([("n", raw(json))]);
        assert_eq!(one("1"), one("1"));
        assert_ne!(one("1"), one("1.0"));
        assert_ne!(one("1"), Extra::from_iter([("m", raw("1"))]));
        assert_ne!(one("1"), Extra::new());
    }
}
