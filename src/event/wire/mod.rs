//! Reading an envelope's fields from the body, and writing numbers the way
//! the senders do.
//!
//! [`one_pass`] reads a body once, straight into the typed fields, and
//! gives up on anything unusual: an error, a key written twice. [`Object`]
//! then reads it the slow, exact way (the whole body as a
//! `serde_json::Value` first, each field from that), which defines what
//! decoding means and names the field at fault. The fast reader only ever
//! answers where the exact one would answer the same (`agree.rs` tests
//! it), so a caller sees one behaviour at the speed of the first.

#[cfg(test)]
mod agree;
mod exact;
mod one_pass;

use serde::{Serializer, ser::SerializeMap};
use serde_json::{Map, Value};

use super::DecodeError;

pub(crate) use exact::Object;
pub(crate) use one_pass::{Fields, Named, Slot, Text, once, one_pass, read_named, reread};

/// An envelope's two readers.
pub(crate) trait Decode: Sized {
    /// The envelope in one pass over `body`, or `None` where the exact
    /// reader must decide.
    fn in_one_pass(body: &[u8]) -> Option<Self>;

    /// The envelope read the exact way, through a `Value`, with errors
    /// that name the field at fault.
    fn exactly(body: &[u8]) -> Result<Self, DecodeError>;
}

/// Decodes `body` as `E`: in one pass when it can, else the exact way.
pub(crate) fn decode<E: Decode>(body: &[u8]) -> Result<E, DecodeError> {
    E::in_one_pass(body).map_or_else(|| exactly(body), Ok)
}

/// Out of line: errors and unusual bodies only.
#[cold]
#[inline(never)]
fn exactly<E: Decode>(body: &[u8]) -> Result<E, DecodeError> {
    E::exactly(body)
}

/// Writes an envelope's or a record's unknown fields after its known ones.
pub(crate) fn serialize_extra<M: SerializeMap>(
    map: &mut M,
    extra: &Map<String, Value>,
) -> Result<(), M::Error> {
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
        if number.fract() == 0.0 && number.abs() <= EXACT {
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
