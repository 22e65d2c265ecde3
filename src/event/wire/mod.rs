//! Reading an envelope from the body, and writing numbers the way the
//! senders do.
//!
//! One reader: a pass over the body that reads each field straight into its
//! type (`data` as soon as the event name is known, or kept as a slice of
//! the body until it is), keeps unknown fields as raw JSON and refuses a
//! key written twice. Nothing it skips or keeps raw goes unchecked
//! ([`valid`]), so a body decodes only if a `serde_json::Value` reads it.
//! When it fails, [`locate`] works out the event and the field at fault.

mod fields;
mod locate;
mod plain;
pub(crate) mod valid;

use serde::{Deserializer, Serializer, de, ser::SerializeMap};

use super::{DecodeError, Extra};

pub(crate) use fields::{
    At, Named, Record, Slot, Text, UnknownFields, missing, read_named, reread, vacant,
};
pub(crate) use locate::body_error;

/// What the error path knows before it reads: the body's `event` and
/// `category`, when they are strings.
#[derive(Clone, Copy, Default)]
pub(crate) struct Hint<'h> {
    pub(crate) event: Option<&'h str>,
    pub(crate) category: Option<&'h str>,
}

/// An envelope the reader decodes.
pub(crate) trait Decode: Sized {
    /// Reads the envelope, a JSON object, from `deserializer`. Fields whose
    /// type depends on the event are typed as soon as what they depend on
    /// is known: from `hint`, or from the body once read.
    fn read<'de, D: Deserializer<'de>>(deserializer: D, hint: Hint<'_>) -> Result<Self, D::Error>;
}

/// Decodes `body` as `E`.
pub(crate) fn decode<E: Decode>(body: &[u8]) -> Result<E, DecodeError> {
    // UTF-8 checked once for the whole body, rather than string by string
    // and again for each raw value: faster, and a `Value` refuses a body
    // that is not UTF-8 anywhere.
    let text = match core::str::from_utf8(body) {
        Ok(text) => text,
        Err(_) => return Err(locate::locate::<E>(body, de::Error::custom("not UTF-8"))),
    };
    let mut json = serde_json::Deserializer::from_str(text);
    match E::read(&mut json, Hint::default()).and_then(|event| json.end().map(|()| event)) {
        Ok(event) => Ok(event),
        Err(error) => Err(locate::locate::<E>(body, error)),
    }
}

/// Writes an envelope's unknown fields after its known ones.
pub(crate) fn serialize_extra<M: SerializeMap>(map: &mut M, extra: &Extra) -> Result<(), M::Error> {
    extra
        .iter()
        .try_for_each(|(key, value)| map.serialize_entry(key, value))
}

/// Numbers written as JavaScript's `JSON.stringify` writes them: a whole
/// number without a decimal point (`215`, not `215.0`), so that a value a
/// JavaScript sender wrote re-encodes to the same JSON number.
pub(crate) mod js_number {
    use super::Serializer;

    /// 2^53: above it not every whole number is an f64.
    const EXACT: f64 = 9_007_199_254_740_992.0;

    pub(crate) fn serialize<S: Serializer>(number: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        let number = *number;
        // `f64::fract` needs std; within ±2^53 a whole number survives the
        // round trip through i64 and a fraction does not.
        if number.abs() <= EXACT && number as i64 as f64 == number {
            // Whole and within ±2^53, so the cast is exact.
            serializer.serialize_i64(number as i64)
        } else {
            serializer.serialize_f64(number)
        }
    }

    pub(crate) fn option<S: Serializer>(
        number: &Option<f64>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match number {
            Some(number) => serialize(number, serializer),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_javascript_writes_them() {
        #[derive(serde::Serialize)]
        struct N(#[serde(serialize_with = "js_number::serialize")] f64);
        let written = |n| serde_json::to_string(&N(n)).unwrap();
        assert_eq!(written(215.0), "215");
        assert_eq!(written(6.4), "6.4");
        assert_eq!(written(-0.0), "0");
        assert_eq!(written(1e300), "1e+300");
        assert_eq!(written(9_007_199_254_740_992.0), "9007199254740992");
    }
}
