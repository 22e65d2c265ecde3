//! Values the reader keeps as raw JSON or skips, checked as a
//! `serde_json::Value` reads them.
//!
//! serde_json hands out raw JSON (`RawValue`) and skips values (`IgnoredAny`)
//! without reading them in full: a lone surrogate escape (`"\ud800"`), a
//! number beyond `f64` (`1e400`) and nesting deeper than its limit pass
//! there, and a `Value` refuses all three. Each value kept or skipped is
//! therefore parsed again here, building nothing, so that a body decodes
//! exactly when a `Value` would read it, and raw JSON handed on parses;
//! unless a quick look ([`plain`](super::plain)) vouches for it first.

use alloc::boxed::Box;
use core::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The most containers a `Value` reads on the way from the body's root to a
/// value, its own included: serde_json's recursion limit of 128 refuses the
/// 128th.
const MOST_NESTED: usize = 127;

/// Whether `raw`, found inside `depth` containers of the body, is JSON that
/// a `Value` would read there.
///
/// # Errors
///
/// serde_json's error, or a custom one for nesting too deep.
pub(crate) fn check(raw: &str, depth: usize) -> serde_json::Result<()> {
    let valid = Valid::at(depth);
    if super::plain::plain(raw.as_bytes(), valid.room) {
        return Ok(());
    }
    let mut json = serde_json::Deserializer::from_str(raw);
    valid.deserialize(&mut json)?;
    json.end()
}

/// The next value of `deserializer` as raw JSON, owned, once [`check`]ed
/// for a place inside `depth` containers.
pub(crate) fn capture<'de, D: Deserializer<'de>>(
    deserializer: D,
    depth: usize,
) -> Result<Box<RawValue>, D::Error> {
    let raw: Box<RawValue> = de::Deserialize::deserialize(deserializer)?;
    check(raw.get(), depth).map_err(de::Error::custom)?;
    Ok(raw)
}

/// [`capture`] as a seed, for `next_value_seed`.
#[derive(Clone, Copy)]
pub(crate) struct Capture(pub(crate) usize);

impl<'de> DeserializeSeed<'de> for Capture {
    type Value = Box<RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Box<RawValue>, D::Error> {
        capture(deserializer, self.0)
    }
}

/// Reads any JSON value in full, as `Value` does (`deserialize_any`), and
/// keeps nothing: strings are checked for their escapes, numbers parsed,
/// nesting counted.
#[derive(Clone, Copy)]
pub(crate) struct Valid {
    /// How many more containers may open, this value's own included.
    room: usize,
}

impl Valid {
    /// For a value inside `depth` containers of the body.
    pub(crate) const fn at(depth: usize) -> Self {
        Self {
            room: MOST_NESTED.saturating_sub(depth),
        }
    }

    /// The check for the values inside a container this one opens.
    fn open<E: de::Error>(self) -> Result<Self, E> {
        match self.room.checked_sub(1) {
            Some(room) => Ok(Self { room }),
            None => Err(E::custom("recursion limit exceeded")),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Valid {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Valid {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let inner = self.open()?;
        while seq.next_element_seed(inner)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.open()?;
        while map.next_key_seed(Key)?.is_some() {
            map.next_value_seed(inner)?;
        }
        Ok(())
    }
}

/// An object's key, read as a string as `Value` reads it.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(Valid::at(0))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    /// What `Value` says of `json` at `depth`: read inside that many arrays.
    fn value_reads(json: &str, depth: usize) -> bool {
        let text = format!("{}{json}{}", "[".repeat(depth), "]".repeat(depth));
        serde_json::from_str::<Value>(&text).is_ok()
    }

    #[test]
    fn refuses_what_value_refuses() {
        for json in [
            r#""\ud800""#,
            r#""\udc00x""#,
            r#"{"\ud800":1}"#,
            "1e400",
            "-1e400",
            &format!("1{}", "0".repeat(400)),
            r#"[1,"a\ud83dz"]"#,
        ] {
            assert!(!value_reads(json, 0), "{json}");
            assert!(check(json, 0).is_err(), "{json}");
            assert!(check(json, 5).is_err(), "{json}");
        }
    }

    #[test]
    fn reads_what_value_reads() {
        for json in [
            r#""\ud83d\ude00""#,
            "1e308",
            "-0",
            "1.5e-400",
            &format!("1{}", "0".repeat(300)),
            r#"{"a":[1,{"b":null}],"a":2}"#,
            "18446744073709551616",
            r#""\u0000""#,
        ] {
            assert!(value_reads(json, 0), "{json}");
            assert!(check(json, 0).is_ok(), "{json}");
        }
    }

    #[test]
    fn nesting_is_limited_where_the_value_sits() {
        for depth in [0, 1, 2, 60, 126, 127] {
            for nested in 0..=(130 - depth.min(125)) {
                let json = format!("{}0{}", "[".repeat(nested), "]".repeat(nested));
                assert_eq!(
                    check(&json, depth).is_ok(),
                    value_reads(&json, depth),
                    "{nested} levels inside {depth}"
                );
            }
        }
    }

    #[test]
    fn captures_a_copy_once_checked() {
        let mut json = serde_json::Deserializer::from_str(r#" [1, "x"] "#);
        let raw = capture(&mut json, 1).unwrap();
        assert_eq!(raw.get(), r#"[1, "x"]"#);
        let mut json = serde_json::Deserializer::from_str("1e400");
        assert!(capture(&mut json, 1).is_err());
    }
}
