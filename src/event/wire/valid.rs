//! Values the reader keeps as raw JSON or skips, checked as a
//! `serde_json::Value` reads them.
//!
//! serde_json hands out raw JSON (`RawValue`) and skips values (`IgnoredAny`)
//! without reading them in full: a lone surrogate escape (`"\ud800"`), a
//! number beyond `f64` (`1e400`) and nesting deeper than its limit pass
//! there, and a `Value` refuses all three. Each value kept or skipped is
//! therefore parsed again here, building nothing, so that a body decodes
//! exactly when a `Value` would read it, and raw JSON handed on parses.

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
    if plain(raw.as_bytes(), valid.room) {
        return Ok(());
    }
    let mut json = serde_json::Deserializer::from_str(raw);
    valid.deserialize(&mut json)?;
    json.end()
}

/// Whether `raw`, JSON that serde_json has scanned (its syntax and UTF-8
/// checked), surely reads as a `Value` with `room` levels of nesting left,
/// found without parsing it: no escape (so no lone surrogate), fewer
/// brackets than `room` (so no nesting too deep, brackets in strings
/// counted too), and no number that could overflow an `f64`, which takes
/// an exponent of three digits or more, or 210 digits before the point (a
/// number of 209 digits times 10^99 stays below 10^308). Letters and digits
/// in strings count too. `false` leaves the answer to the parse: it costs
/// only time, and most bodies are plain where a parse costs several times
/// as much as this look.
fn plain(raw: &[u8], room: usize) -> bool {
    /// Digits in a row that a number with an exponent below 100 needs to
    /// overflow.
    const LONG_RUN: usize = 210;
    if !no_escape_nor_big_exponent(raw) {
        return false;
    }
    // Nesting takes two brackets a level: a short value cannot go deep.
    if raw.len() >= 2 * room && brackets(raw) >= room {
        return false;
    }
    // A run of LONG_RUN digits holds a byte at every LONG_RUN-th index:
    // look around those alone.
    !raw.iter()
        .enumerate()
        .skip(LONG_RUN - 1)
        .step_by(LONG_RUN)
        .any(|(at, b)| b.is_ascii_digit() && digit_run(raw, at) >= LONG_RUN)
}

/// How many `[` and `{` `raw` holds.
fn brackets(raw: &[u8]) -> usize {
    // Counted a chunk at a time into a byte, which the compiler turns into
    // vector compares and adds. `[` is `{` with bit 5 cleared.
    raw.chunks(128)
        .map(|chunk| {
            let count: u8 = chunk
                .iter()
                .map(|&b| u8::from(b | 0x20 == b'{'))
                .fold(0, u8::wrapping_add);
            usize::from(count)
        })
        .sum()
}

/// Whether `raw` has no backslash, and no digit followed by an exponent
/// of three digits or more (`1e400`, `2E+308`, which may be beyond an
/// `f64`).
fn no_escape_nor_big_exponent(raw: &[u8]) -> bool {
    /// Bytes looked at together: the compiler turns a lane of known length
    /// into vector compares, without branches.
    const LANE: usize = 32;
    // Each byte is paired with the next, so the last byte is not checked
    // for a backslash: it closes the value, which a backslash never does.
    let Some((_, next)) = raw.split_first() else {
        return true;
    };
    let this = raw.get(..next.len()).unwrap_or_default();
    let (these, this_rest) = this.as_chunks::<LANE>();
    let (nexts, next_rest) = next.as_chunks::<LANE>();
    let plain = |at: usize, this: &[u8], next: &[u8]| {
        let (escape, exponent) = flags(this, next);
        !(escape || exponent && big_exponent_in(raw, at + 1, next.len()))
    };
    these
        .iter()
        .zip(nexts)
        .enumerate()
        .all(|(index, (this, next))| plain(index * LANE, this, next))
        && plain(these.len() * LANE, this_rest, next_rest)
}

/// Whether `this` holds a backslash, and whether a digit in it is followed
/// by an `e` or `E` in `next`, the same bytes shifted by one.
#[inline(always)]
fn flags(this: &[u8], next: &[u8]) -> (bool, bool) {
    let (mut escape, mut exponent) = (0_u8, 0_u8);
    for (&b, &after) in this.iter().zip(next) {
        escape |= u8::from(b == b'\\');
        exponent |= u8::from(b.wrapping_sub(b'0') < 10) & u8::from(after | 0x20 == b'e');
    }
    (escape != 0, exponent != 0)
}

/// Whether an `e` or `E` among the `len` bytes of `raw` from `from` starts
/// an exponent of three digits or more, which may run past them.
fn big_exponent_in(raw: &[u8], from: usize, len: usize) -> bool {
    let lane = raw.get(from..from + len).unwrap_or_default();
    memchr::memchr2_iter(b'e', b'E', lane).any(|at| {
        let after = raw.get(from + at + 1..).unwrap_or_default();
        let digits = after
            .strip_prefix(b"-")
            .or_else(|| after.strip_prefix(b"+"))
            .unwrap_or(after);
        digits.iter().take(3).filter(|b| b.is_ascii_digit()).count() == 3
    })
}

/// The length of the run of ASCII digits through `raw[at]`.
fn digit_run(raw: &[u8], at: usize) -> usize {
    let (before, after) = raw.split_at(at);
    let left = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let right = after.iter().take_while(|b| b.is_ascii_digit()).count();
    left + right
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
    fn plain_json_is_vouched_for_without_parsing() {
        for json in [
            r#"{"a":[1,2.5,-3e-7,true,null],"b":"x e123 \u00e9"}"#,
            "1e99",
            &format!("[{}0]", "1234567890,".repeat(1000)),
        ] {
            let raw = serde_json::from_str::<&RawValue>(json).unwrap().get();
            assert!(check(raw, 1).is_ok(), "{json}");
        }
        let plain = |json: &str| plain(json.as_bytes(), 10);
        assert!(plain(r#"{"a":[1,"e12"],"b":1e99}"#));
        // What needs a parse: an escape, many brackets, a large exponent
        // or a long run of digits, wherever they are.
        assert!(!plain(r#""\n""#));
        assert!(!plain(r#""x1e123""#));
        assert!(plain(r#""x e123""#));
        assert!(!plain("1E+400"));
        assert!(!plain(&format!("-{}", "9".repeat(210))));
        assert!(!plain(&format!("[1,{}.5]", "9".repeat(250))));
        assert!(plain(&"9".repeat(209)));
        let brackets = |count: usize| format!("{}{}", "[".repeat(count), "]".repeat(count));
        assert!(plain(&brackets(9)) && !plain(&brackets(10)));
        assert!(!plain(&format!("[{},{}]", "[1],".repeat(5), brackets(4))));
        assert_eq!(super::brackets("{[x".repeat(300).as_bytes()), 600);
        // The exponent at and across a lane's edge.
        for at in 25..70 {
            for exponent in ["1e400", "1E+400", "1e-400"] {
                let json = format!("[{}{exponent}]", " ".repeat(at));
                assert!(!plain(&json), "{json}");
            }
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
